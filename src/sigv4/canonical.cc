#include "sigv4/internal/canonical.h"

#include <algorithm>
#include <array>

#include "base/strings.h"
#include "sigv4/internal/crypto.h"

namespace ordertrack::sigv4 {
namespace {

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
         c == '-' || c == '_' || c == '.' || c == '~';
}

// HTTP's optional whitespace plus the other ASCII spaces Python's str.split()
// treats as separators, so Trimall agrees with botocore on every ASCII value.
constexpr std::string_view kSpaces = base::kAsciiWhitespace;

// '+' stays '+' (SigV4 query strings are RFC 3986, not form encoding), and a
// malformed escape stays literal, as botocore signs it.
std::string PercentDecoded(std::string_view s) {
  std::string out;
  base::PercentDecode(s, &out);
  return out;
}

// botocore's remove_dot_segments: RFC 3986 5.2.4, and consecutive slashes
// collapse because AWS services require it.
// REQUIRES: !path.empty().
std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string_view> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view seg = path.substr(start, slash - start);
    if (seg == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!seg.empty() && seg != ".") {
      segments.push_back(seg);
    }
    start = slash + 1;
  }
  std::string out;
  if (path.front() == '/') out.push_back('/');
  for (size_t i = 0; i < segments.size(); ++i) {
    if (i > 0) out.push_back('/');
    out.append(segments[i]);
  }
  if (path.back() == '/' && !segments.empty()) out.push_back('/');
  return out;
}

}  // namespace

std::string UriEncode(std::string_view s, bool keep_slash) {
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if (IsUnreserved(c) || (keep_slash && c == '/')) {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(base::kUpperHexDigits[c >> 4]);
      out.push_back(base::kUpperHexDigits[c & 0xf]);
    }
  }
  return out;
}

std::string CanonicalUri(std::string_view path) {
  if (path.empty()) return "/";
  return UriEncode(RemoveDotSegments(path), /*keep_slash=*/true);
}

std::string CanonicalQueryString(std::string_view query) {
  if (query.empty()) return "";
  std::vector<std::pair<std::string, std::string>> pairs;
  size_t start = 0;
  while (start <= query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view pair = query.substr(start, amp - start);
    size_t eq = pair.find('=');
    std::string_view name = pair.substr(0, eq);
    std::string_view value = eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1);
    pairs.emplace_back(UriEncode(PercentDecoded(name), false),
                       UriEncode(PercentDecoded(value), false));
    start = amp + 1;
  }
  std::sort(pairs.begin(), pairs.end());
  std::string out;
  for (const auto& [name, value] : pairs) {
    if (!out.empty()) out.push_back('&');
    out.append(name).append("=").append(value);
  }
  return out;
}

std::string CanonicalHeaderValue(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  bool pending_space = false;
  for (char c : base::Trim(value, kSpaces)) {
    if (kSpaces.find(c) != std::string_view::npos) {
      pending_space = true;
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(c);
  }
  return out;
}

std::vector<std::string> SignableHeaderNames(const Headers& headers) {
  static constexpr std::array<std::string_view, 3> kUnsigned = {"expect", "user-agent",
                                                                "x-amzn-trace-id"};
  std::vector<std::string> names;
  for (const auto& [name, value] : headers) {
    std::string lower = base::AsciiLower(base::Trim(name, kSpaces));
    if (std::find(kUnsigned.begin(), kUnsigned.end(), lower) != kUnsigned.end()) continue;
    names.push_back(std::move(lower));
  }
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

std::string SignedHeadersString(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) {
    if (!out.empty()) out.push_back(';');
    out.append(name);
  }
  return out;
}

std::string CanonicalHeaders(const Headers& headers,
                             const std::vector<std::string>& signed_names) {
  std::vector<std::pair<std::string, std::string_view>> lowered;
  lowered.reserve(headers.size());
  for (const auto& [name, value] : headers) {
    lowered.emplace_back(base::AsciiLower(base::Trim(name, kSpaces)), value);
  }
  std::string out;
  for (const std::string& name : signed_names) {
    out.append(name).push_back(':');
    bool first = true;
    for (const auto& [lower, value] : lowered) {
      if (lower != name) continue;
      if (!first) out.push_back(',');
      first = false;
      out.append(CanonicalHeaderValue(value));
    }
    out.push_back('\n');
  }
  return out;
}

std::string CanonicalRequest(std::string_view method, std::string_view path,
                             std::string_view query, const Headers& headers,
                             const std::vector<std::string>& signed_names,
                             std::string_view payload_hash) {
  std::string out = base::AsciiUpper(method);
  out.push_back('\n');
  out.append(CanonicalUri(path)).push_back('\n');
  out.append(CanonicalQueryString(query)).push_back('\n');
  out.append(CanonicalHeaders(headers, signed_names)).push_back('\n');
  out.append(SignedHeadersString(signed_names)).push_back('\n');
  out.append(payload_hash);
  return out;
}

std::string CredentialScope(std::string_view date, std::string_view region,
                            std::string_view service) {
  std::string out(date);
  out.append("/").append(region).append("/").append(service).append("/aws4_request");
  return out;
}

std::string StringToSign(std::string_view amz_date, std::string_view credential_scope,
                         std::string_view canonical_request) {
  std::string out(kAlgorithm);
  out.append("\n").append(amz_date).append("\n").append(credential_scope).append("\n");
  out.append(HexSha256(canonical_request));
  return out;
}

std::string SigningKey(std::string_view secret_access_key, std::string_view date,
                       std::string_view region, std::string_view service) {
  std::string k_secret = "AWS4";
  k_secret.append(secret_access_key);
  std::string k_date = HmacSha256(k_secret, date);
  std::string k_region = HmacSha256(k_date, region);
  std::string k_service = HmacSha256(k_region, service);
  return HmacSha256(k_service, "aws4_request");
}

std::string Signature(std::string_view signing_key, std::string_view string_to_sign) {
  return HexHmacSha256(signing_key, string_to_sign);
}

}  // namespace ordertrack::sigv4
