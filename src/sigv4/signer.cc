// The client side of SigV4 (issue 6). It must produce byte for byte the
// Authorization header botocore's SigV4Auth produces for the same request;
// tests/sigv4/test_sigv4_botocore.py checks that.
#include <algorithm>

#include "base/strings.h"
#include "sigv4/internal/canonical.h"
#include "sigv4/internal/crypto.h"
#include "sigv4/sigv4.h"

namespace ordertrack::sigv4 {

using base::EqualsIgnoringAsciiCase;

void SignRequest(const Credentials& credentials, std::string_view region,
                 std::string_view service, std::string_view amz_date,
                 std::vector<std::pair<std::string, std::string>>* headers,
                 std::string_view method, std::string_view path, std::string_view query,
                 std::string_view body) {
  // A retried request carries the previous attempt's signature; drop it.
  std::erase_if(*headers, [](const auto& h) {
    return EqualsIgnoringAsciiCase(h.first, "authorization") ||
           EqualsIgnoringAsciiCase(h.first, "x-amz-date") ||
           EqualsIgnoringAsciiCase(h.first, "x-amz-security-token");
  });
  headers->emplace_back("X-Amz-Date", std::string(amz_date));
  if (!credentials.session_token.empty()) {
    headers->emplace_back("X-Amz-Security-Token", credentials.session_token);
  }

  std::string payload_hash;
  auto content_sha = std::find_if(headers->begin(), headers->end(), [](const auto& h) {
    return EqualsIgnoringAsciiCase(h.first, "x-amz-content-sha256");
  });
  // botocore signs the header's value instead of hashing the body (S3's
  // UNSIGNED-PAYLOAD); do the same so the two agree.
  payload_hash = content_sha != headers->end() ? content_sha->second : HexSha256(body);

  std::vector<std::string> names = SignableHeaderNames(*headers);
  std::string date = std::string(amz_date.substr(0, 8));
  std::string scope = CredentialScope(date, region, service);
  std::string canonical = CanonicalRequest(method, path, query, *headers, names, payload_hash);
  std::string signature = Signature(SigningKey(credentials.secret_access_key, date, region, service),
                                    StringToSign(amz_date, scope, canonical));

  std::string authorization(kAlgorithm);
  authorization.append(" Credential=").append(credentials.access_key_id).append("/").append(scope);
  authorization.append(", SignedHeaders=").append(SignedHeadersString(names));
  authorization.append(", Signature=").append(signature);
  headers->emplace_back("Authorization", std::move(authorization));
}

}  // namespace ordertrack::sigv4
