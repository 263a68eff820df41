// File: sigv4/internal/canonical.h
// The steps of AWS Signature Version 4 as pure string functions: canonical
// request, string to sign, signing key, signature. The signer and verifier in
// sigv4.h are built from these; they have their own header so that sigv4's
// tests can check each step against AWS's published examples. Internal to
// sigv4 (depends on base only).
// Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace ordertrack::sigv4 {

// HTTP headers in arrival or sending order. Names compare case-insensitively;
// a name may repeat.
using Headers = std::vector<std::pair<std::string, std::string>>;

inline constexpr std::string_view kAlgorithm = "AWS4-HMAC-SHA256";
// Hex SHA-256 of the empty string: the payload hash of a request without body.
inline constexpr std::string_view kEmptySha256 =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// AWS's UriEncode: every byte except the unreserved A-Z a-z 0-9 - _ . ~ becomes
// %XY with upper-case hex. '/' is kept when `keep_slash`.
std::string UriEncode(std::string_view s, bool keep_slash);

// The CanonicalURI of a path as sent on the wire (already URI-encoded once):
// dot segments and empty segments removed (RFC 3986 5.2.4, as botocore does),
// then URI-encoded again keeping '/', so "/a%20b" gives "/a%2520b" (AWS
// services other than S3 encode twice). An empty path gives "/".
std::string CanonicalUri(std::string_view path);

// The CanonicalQueryString of a raw query string (without '?'): split on '&'
// and on the first '=' of each pair, each name and value percent-decoded and
// re-encoded with UriEncode, pairs sorted by encoded name then value, joined
// as "name=value" with '&'. A parameter without '=' gets an empty value. A
// well-formed encoded query is therefore kept as is, only sorted.
std::string CanonicalQueryString(std::string_view query);

// Trimall(value): leading and trailing whitespace removed, inner runs of
// whitespace collapsed to one space.
std::string CanonicalHeaderValue(std::string_view value);

// The lower-case names a signer signs: every header name in `headers`,
// trimmed and lower-cased, without duplicates, sorted; minus the names botocore
// never signs because proxies rewrite them (expect, user-agent,
// x-amzn-trace-id).
std::vector<std::string> SignableHeaderNames(const Headers& headers);

// "a;b;c" for sorted lower-case `names`.
std::string SignedHeadersString(const std::vector<std::string>& names);

// CanonicalHeaders for `signed_names` (lower-case, sorted): one
// "name:value\n" line per name, where value is the Trimall'ed values of every
// header with that name, in order, joined with ','. A name absent from
// `headers` gets an empty value.
std::string CanonicalHeaders(const Headers& headers, const std::vector<std::string>& signed_names);

// The canonical request:
//   Method \n CanonicalURI \n CanonicalQueryString \n CanonicalHeaders \n
//   SignedHeaders \n HashedPayload
// `method` is upper-cased; `path` and `query` are as sent (see CanonicalUri and
// CanonicalQueryString); `payload_hash` is HexSha256(body) (or the value of
// an X-Amz-Content-SHA256 header the signer honours).
std::string CanonicalRequest(std::string_view method, std::string_view path,
                             std::string_view query, const Headers& headers,
                             const std::vector<std::string>& signed_names,
                             std::string_view payload_hash);

// "20150830/us-east-1/iam/aws4_request". REQUIRES: `date` is YYYYMMDD.
std::string CredentialScope(std::string_view date, std::string_view region,
                            std::string_view service);

// "AWS4-HMAC-SHA256\n<amz_date>\n<scope>\n<hex sha256 of canonical_request>".
std::string StringToSign(std::string_view amz_date, std::string_view credential_scope,
                         std::string_view canonical_request);

// The 32 raw bytes of the signing key:
// HMAC(HMAC(HMAC(HMAC("AWS4" + secret, date), region), service), "aws4_request").
// REQUIRES: `date` is YYYYMMDD.
std::string SigningKey(std::string_view secret_access_key, std::string_view date,
                       std::string_view region, std::string_view service);

// Lower-case hex HMAC-SHA256(signing_key, string_to_sign): 64 characters.
std::string Signature(std::string_view signing_key, std::string_view string_to_sign);

}  // namespace ordertrack::sigv4
