// The server side of SigV4 (issue 4). The checks run in the order DynamoDB
// runs them, and each refusal carries DynamoDB's error type and wording, as
// recorded against the real service by dynalite (index.js and
// test/connection.js): a client's retry and error handling keys on them.
#include <algorithm>
#include <cstdio>
#include <cstring>

#include "base/strings.h"
#include "sigv4/internal/canonical.h"
#include "sigv4/internal/crypto.h"
#include "sigv4/sigv4.h"

namespace ordertrack::sigv4 {
namespace {

using base::ErrorCode;
using base::Status;

// HTTP's optional whitespace.
constexpr std::string_view kSpaces = " \t";

// The first header named `lower_name` (case-insensitively), trimmed.
std::optional<std::string_view> FindHeader(const Headers& headers, std::string_view lower_name) {
  for (const auto& [name, value] : headers) {
    if (base::EqualsIgnoringAsciiCase(base::Trim(name, kSpaces), lower_name)) {
      return base::Trim(value, kSpaces);
    }
  }
  return std::nullopt;
}

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const int64_t yoe = y - era * 400;
  const int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

std::optional<int64_t> ToUnix(int y, int mo, int d, int h, int mi, int s) {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return std::nullopt;
  return DaysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + s;
}

// RFC 1123 ("Sun, 30 Aug 2015 12:36:00 GMT"), the form botocore writes into a
// Date header.
std::optional<int64_t> ParseHttpDate(std::string_view date) {
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  if (date.size() > 64) return std::nullopt;
  std::string copy(date);
  char month[4] = {};
  int d = 0, y = 0, h = 0, mi = 0, s = 0, consumed = 0;
  if (std::sscanf(copy.c_str(), "%*3s, %2d %3s %4d %2d:%2d:%2d GMT%n", &d, month, &y, &h, &mi,
                  &s, &consumed) != 6 ||
      static_cast<size_t>(consumed) != copy.size()) {
    return std::nullopt;
  }
  for (int m = 0; m < 12; ++m) {
    if (std::strcmp(month, kMonths[m]) == 0) return ToUnix(y, m + 1, d, h, mi, s);
  }
  return std::nullopt;
}

struct AuthorizationHeader {
  std::string_view algorithm;
  std::optional<std::string_view> credential, signed_headers, signature;
};

// Parses "<algorithm> Credential=..., SignedHeaders=..., Signature=...".
// Parameters may be separated by commas, whitespace or both, as AWS accepts
// (ScyllaDB issue #9568).
Status ParseAuthorization(std::string_view auth, AuthorizationHeader* out) {
  size_t space = auth.find_first_of(" \t");
  out->algorithm = auth.substr(0, space);
  std::string_view rest = space == std::string_view::npos ? std::string_view() : auth.substr(space);
  size_t i = 0;
  while (i < rest.size()) {
    if (rest[i] == ',' || kSpaces.find(rest[i]) != std::string_view::npos) {
      ++i;
      continue;
    }
    size_t end = rest.find_first_of(", \t", i);
    if (end == std::string_view::npos) end = rest.size();
    std::string_view token = rest.substr(i, end - i);
    i = end;
    size_t eq = token.find('=');
    if (eq == std::string_view::npos) {
      return Status(ErrorCode::kIncompleteSignature,
                    "'" + std::string(token) +
                        "' not a valid key=value pair (missing equal-sign) in Authorization "
                        "header: '" +
                        std::string(auth) + "'.");
    }
    std::string_view key = token.substr(0, eq);
    std::string_view value = token.substr(eq + 1);
    if (key == "Credential") out->credential = value;
    if (key == "SignedHeaders") out->signed_headers = value;
    if (key == "Signature") out->signature = value;
  }
  return Status::Ok();
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (true) {
    size_t pos = s.find(sep, start);
    if (pos == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, pos - start));
    start = pos + 1;
  }
}

}  // namespace

std::optional<int64_t> ParseAmzDate(std::string_view amz_date) {
  if (amz_date.size() != 16 || amz_date[8] != 'T' || amz_date[15] != 'Z') return std::nullopt;
  int fields[6] = {};
  static constexpr int kStart[6] = {0, 4, 6, 9, 11, 13};
  static constexpr int kLen[6] = {4, 2, 2, 2, 2, 2};
  for (int f = 0; f < 6; ++f) {
    for (int k = 0; k < kLen[f]; ++k) {
      char c = amz_date[kStart[f] + k];
      if (c < '0' || c > '9') return std::nullopt;
      fields[f] = fields[f] * 10 + (c - '0');
    }
  }
  return ToUnix(fields[0], fields[1], fields[2], fields[3], fields[4], fields[5]);
}

std::string FormatAmzDate(int64_t unix_seconds) {
  int64_t days = unix_seconds / 86400;
  int64_t secs = unix_seconds % 86400;
  if (secs < 0) {
    secs += 86400;
    --days;
  }
  // civil_from_days (H. Hinnant).
  days += 719468;
  const int64_t era = (days >= 0 ? days : days - 146096) / 146097;
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  const int64_t d = doy - (153 * mp + 2) / 5 + 1;
  const int64_t m = mp < 10 ? mp + 3 : mp - 9;
  const int64_t y = yoe + era * 400 + (m <= 2);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%04lld%02lld%02lldT%02lld%02lld%02lldZ",
                static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d),
                static_cast<long long>(secs / 3600), static_cast<long long>(secs / 60 % 60),
                static_cast<long long>(secs % 60));
  return buf;
}

base::Status VerifyRequest(const HttpRequestView& request, const SecretLookup& lookup_secret,
                           int64_t now, std::string_view service) {
  std::optional<std::string_view> auth = FindHeader(request.headers, "authorization");
  if (!auth || auth->substr(0, 5) != "AWS4-") {
    return Status(ErrorCode::kMissingAuthenticationToken, "Request is missing Authentication Token");
  }

  AuthorizationHeader parsed;
  OT_RETURN_IF_ERROR(ParseAuthorization(*auth, &parsed));
  std::optional<std::string_view> amz_date = FindHeader(request.headers, "x-amz-date");
  std::optional<std::string_view> date = amz_date ? amz_date : FindHeader(request.headers, "date");
  std::string missing;
  if (!parsed.credential || parsed.credential->empty()) {
    missing += "Authorization header requires 'Credential' parameter. ";
  }
  if (!parsed.signature || parsed.signature->empty()) {
    missing += "Authorization header requires 'Signature' parameter. ";
  }
  if (!parsed.signed_headers) missing += "Authorization header requires 'SignedHeaders' parameter. ";
  if (!date) {
    missing += "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";
  }
  if (!missing.empty()) {
    return Status(ErrorCode::kIncompleteSignature, missing + "Authorization=" + std::string(*auth));
  }

  std::optional<int64_t> when = ParseAmzDate(*date);
  if (!when && !amz_date) when = ParseHttpDate(*date);
  if (!when) {
    return Status(ErrorCode::kIncompleteSignature,
                  "Date must be in ISO-8601 'basic format'. Got '" + std::string(*date) +
                      "'. See http://en.wikipedia.org/wiki/ISO_8601");
  }
  const std::string request_date = FormatAmzDate(*when);
  if (*when < now - kMaxSkewSeconds) {
    return Status(ErrorCode::kInvalidSignature,
                  "Signature expired: " + request_date + " is now earlier than " +
                      FormatAmzDate(now - kMaxSkewSeconds) + " (" + FormatAmzDate(now) +
                      " - 15 min.)");
  }
  if (*when > now + kMaxSkewSeconds) {
    return Status(ErrorCode::kInvalidSignature,
                  "Signature not yet current: " + request_date + " is still later than " +
                      FormatAmzDate(now + kMaxSkewSeconds) + " (" + FormatAmzDate(now) +
                      " + 15 min.)");
  }

  std::vector<std::string> signed_names;
  for (std::string_view name : Split(*parsed.signed_headers, ';')) {
    signed_names.push_back(base::AsciiLower(name));
  }
  if (std::find(signed_names.begin(), signed_names.end(), "host") == signed_names.end()) {
    return Status(ErrorCode::kInvalidSignature,
                  "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
  }

  if (parsed.algorithm != kAlgorithm) {
    return Status(ErrorCode::kIncompleteSignature,
                  "Unsupported AWS 'algorithm': '" + std::string(parsed.algorithm) +
                      "' (only AWS4-HMAC-SHA256 for now). ");
  }

  std::string_view credential = *parsed.credential;
  std::string_view trimmed_credential = credential;
  while (!trimmed_credential.empty() && trimmed_credential.back() == '/') {
    trimmed_credential.remove_suffix(1);
  }
  std::vector<std::string_view> scope = Split(trimmed_credential, '/');
  if (scope.size() != 5) {
    return Status(ErrorCode::kIncompleteSignature,
                  "Credential must have exactly 5 slash-delimited elements, e.g. "
                  "keyid/date/region/service/term, got '" +
                      std::string(credential) + "'");
  }
  const std::string_view key_id = scope[0], scope_date = scope[1], region = scope[2],
                         scope_service = scope[3], terminator = scope[4];
  std::vector<std::string> scope_errors;
  if (region.empty()) {
    scope_errors.push_back("Credential should be scoped to a valid region, not ''.");
  }
  if (scope_service != service) {
    scope_errors.push_back("Credential should be scoped to correct service: '" +
                           std::string(service) + "'.");
  }
  if (terminator != "aws4_request") {
    scope_errors.push_back(
        "Credential should be scoped with a valid terminator: 'aws4_request', not '" +
        std::string(terminator) + "'.");
  }
  if (scope_date != std::string_view(request_date).substr(0, 8)) {
    scope_errors.push_back(
        "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from "
        "HTTP: '" +
        std::string(scope_date) + "' != '" + request_date.substr(0, 8) + "', from '" +
        request_date + "'.");
  }
  if (!scope_errors.empty()) {
    std::string message;
    for (const std::string& e : scope_errors) message += (message.empty() ? "" : " ") + e;
    return Status(ErrorCode::kInvalidSignature, std::move(message));
  }

  std::optional<std::string> secret = lookup_secret(key_id);
  if (!secret) {
    return Status(ErrorCode::kUnrecognizedClient,
                  "The security token included in the request is invalid.");
  }

  std::string canonical = CanonicalRequest(request.method, request.path, request.query,
                                           request.headers, signed_names, HexSha256(request.body));
  std::string expected =
      Signature(SigningKey(*secret, scope_date, region, scope_service),
                StringToSign(request_date, CredentialScope(scope_date, region, scope_service),
                             canonical));
  if (!ConstantTimeEquals(expected, *parsed.signature)) {
    return Status(ErrorCode::kInvalidSignature,
                  "The request signature we calculated does not match the signature you "
                  "provided. Check your AWS Secret Access Key and signing method. Consult the "
                  "service documentation for details.");
  }
  return Status::Ok();
}

}  // namespace ordertrack::sigv4
