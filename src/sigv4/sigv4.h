// File: sigv4/sigv4.h
// AWS Signature Version 4 for DynamoDB: SignRequest for the remote client
// (issue 6) and VerifyRequest for `ordertrack serve --credentials` (issue 4).
// Pure functions over OpenSSL; depends on base only. The steps they are built
// from (canonical request, string to sign, signing key) are in
// internal/canonical.h, the hashing in internal/crypto.h.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"

namespace ordertrack::sigv4 {

struct Credentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // Empty for long-term keys.
};

// A received request, as the verifier sees it. Views must outlive the call.
struct HttpRequestView {
  std::string_view method;  // "POST"
  std::string_view path;    // Already URI-encoded, as sent: "/"
  std::string_view query;   // Raw, without '?'; empty when none.
  std::vector<std::pair<std::string, std::string>> headers;  // Any case, in arrival order.
  std::string_view body;
};

// Signs a request as botocore's SigV4Auth does: removes any Authorization,
// X-Amz-Date and X-Amz-Security-Token headers from `*headers`, appends
// X-Amz-Date: `amz_date`, X-Amz-Security-Token when `credentials` has a
// session token, and Authorization:
//   AWS4-HMAC-SHA256 Credential=<key id>/<date>/<region>/<service>/aws4_request,
//   SignedHeaders=<names>, Signature=<hex>
// Every header is signed except expect, user-agent and x-amzn-trace-id. The
// payload hash is HexSha256(body), or the value of an X-Amz-Content-SHA256
// header when one is present. Thread-safe; allocates only.
// REQUIRES: `amz_date` is "YYYYMMDDTHHMMSSZ" (UTC); `*headers` holds Host;
// `path` and `query` are as they will be sent (see CanonicalUri).
void SignRequest(const Credentials& credentials, std::string_view region,
                 std::string_view service, std::string_view amz_date,
                 std::vector<std::pair<std::string, std::string>>* headers,
                 std::string_view method, std::string_view path, std::string_view query,
                 std::string_view body);

// The maximum clock skew between a request's date and the server, as AWS.
inline constexpr int64_t kMaxSkewSeconds = 15 * 60;

// Returns the secret access key of an access key id, or nullopt when the key
// is unknown.
using SecretLookup = std::function<std::optional<std::string>(std::string_view)>;

// Checks `request`'s Authorization header as DynamoDB does, in DynamoDB's
// order, with its error types and messages:
//  - no Authorization header, or one not starting with "AWS4-":
//    kMissingAuthenticationToken "Request is missing Authentication Token";
//  - a parameter without '=', a missing Credential, Signature or
//    SignedHeaders parameter, no X-Amz-Date or Date header, a date not in
//    ISO-8601 basic format, an algorithm other than AWS4-HMAC-SHA256, a
//    Credential without 5 '/'-separated parts: kIncompleteSignature;
//  - date more than 15 minutes before or after `now` (unix seconds): kInvalidSignature
//    "Signature expired: ..." / "Signature not yet current: ...";
//  - host not among SignedHeaders, a Credential scoped to an empty region, to
//    a service other than `service`, with a terminator other than
//    aws4_request, or to a date other than the request's: kInvalidSignature;
//  - `lookup_secret(key id)` is nullopt: kUnrecognizedClient "The security
//    token included in the request is invalid.";
//  - a signature that does not match: kInvalidSignature "The request signature
//    we calculated does not match ...".
// The date comes from X-Amz-Date, else from Date (ISO-8601 basic or RFC 1123).
// Any region is accepted, as local DynamoDB stand-ins do. The payload hash is
// always computed from `body`: an X-Amz-Content-SHA256 header is signed like
// any other header but never trusted in place of the body. A session token is
// not validated (only covered by the signature when signed). Presigned
// (query-string) authentication is not supported. Thread-safe if
// `lookup_secret` is.
base::Status VerifyRequest(const HttpRequestView& request, const SecretLookup& lookup_secret,
                           int64_t now, std::string_view service = "dynamodb");

// Unix seconds of a "YYYYMMDDTHHMMSSZ" date, or nullopt if malformed.
std::optional<int64_t> ParseAmzDate(std::string_view amz_date);
// "YYYYMMDDTHHMMSSZ" of unix seconds.
std::string FormatAmzDate(int64_t unix_seconds);

}  // namespace ordertrack::sigv4
