#include "server/rest_access.h"

#include <fmt/format.h>

#include "server/router.h"

namespace ordertrack::server {
namespace {

http::Response Unauthorized(access::Verdict verdict) {
  std::string_view detail;
  std::string challenge = R"(Bearer realm="ordertrack")";
  switch (verdict) {
    case access::Verdict::kMissing:
      detail = "this route needs an API key: send Authorization: Bearer <token>";
      break;
    case access::Verdict::kRevoked:
      detail = "the API key was revoked";
      break;
    default:
      detail = "the Authorization header does not carry a valid API key";
      break;
  }
  // RFC 6750 section 3: a request without credentials gets no error code.
  if (verdict != access::Verdict::kMissing) challenge += R"(, error="invalid_token")";
  http::Response r = Problem(401, "Unauthorized", detail);
  r.headers.emplace_back("WWW-Authenticate", std::move(challenge));
  return r;
}

}  // namespace

RestAccess::RestAccess(access::Authenticator& authenticator, Metrics& metrics)
    : authenticator_(authenticator), metrics_(metrics) {}

std::optional<http::Response> RestAccess::Admit(const http::Request& request, access::Role needed,
                                                std::string* by) {
  by->clear();
  auto unavailable = [] {
    // Fail closed: a store that cannot say who may enter lets nobody in. The
    // store's message may name its account or endpoint: not for strangers.
    http::Response r = Problem(503, "Service Unavailable", "the API keys cannot be read now");
    r.headers.emplace_back("Retry-After", "1");
    return r;
  };
  auto required = authenticator_.KeysRequired();
  if (!required.ok()) return unavailable();
  if (!*required) return std::nullopt;
  auto caller = authenticator_.Authenticate(request.Header("Authorization"));
  if (!caller.ok()) return unavailable();
  if (caller->verdict != access::Verdict::kAccepted) {
    metrics_.RecordAuthFailure("rest", access::VerdictWord(caller->verdict));
    return Unauthorized(caller->verdict);
  }
  if (!access::Grants(caller->role, needed)) {
    metrics_.RecordAuthFailure("rest", "forbidden");
    return Problem(
        403, "Forbidden",
        fmt::format("this needs the {} role; the key {} has the {} role", access::RoleWord(needed),
                    caller->name, access::RoleWord(caller->role)));
  }
  *by = std::move(caller->name);
  return std::nullopt;
}

}  // namespace ordertrack::server
