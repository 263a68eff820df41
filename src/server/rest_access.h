// File: server/rest_access.h
// RestAccess: the REST API's gate. Once the store has any key, a request
// must carry "Authorization: Bearer <token>" of a key whose role grants the
// route's; until then (a server on loopback, or one started with
// --insecure) every request is let in and its changes are recorded as made
// by nobody. Refusals are RFC 9457 problem+json: 401 with WWW-Authenticate
// for no, a malformed, an unknown or a revoked key; 403 for a key without
// the role; and each is counted in Metrics by reason. No answer or metric
// ever carries the token. Thread-safe.
#pragma once

#include <optional>
#include <string>

#include "access/authenticator.h"
#include "http/server.h"
#include "server/metrics.h"

namespace ordertrack::server {

class RestAccess {
 public:
  // Both must outlive this.
  RestAccess(access::Authenticator& authenticator, Metrics& metrics);

  // Lets `request` in when it may call a route that needs `needed`: sets
  // *by to the name its changes are recorded under (the key's; empty on an
  // open server) and returns nullopt. Otherwise returns the answer.
  std::optional<http::Response> Admit(const http::Request& request, access::Role needed,
                                      std::string* by);

  access::Authenticator& authenticator() { return authenticator_; }

 private:
  access::Authenticator& authenticator_;
  Metrics& metrics_;
};

}  // namespace ordertrack::server
