// File: server/keys_routes.h
// The REST API's key management, for admins (OrdersRoutes matches the
// routes and admits the caller first):
//
//   GET    /v1/keys          {"keys":[...]}, by name; never a secret
//   POST   /v1/keys          {"name","role"} -> 201 + Location, the token shown this once
//   GET    /v1/keys/{name}   the key
//   DELETE /v1/keys/{name}   revokes it (again: the same answer); 404 when unknown
#pragma once

#include <string>

#include "access/authenticator.h"
#include "http/server.h"

namespace ordertrack::server {

http::Response ListKeys(access::Authenticator& keys);
http::Response CreateKey(access::Authenticator& keys, const http::Request& request);
http::Response GetKey(access::Authenticator& keys, const std::string& name);
http::Response RevokeKey(access::Authenticator& keys, const std::string& name);

}  // namespace ordertrack::server
