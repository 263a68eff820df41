#include "server/keys_routes.h"

#include "server/internal/rest_responses.h"
#include "server/rest_json.h"

namespace ordertrack::server {

http::Response ListKeys(access::Authenticator& keys) {
  auto listed = keys.List();
  if (!listed.ok()) return StoreProblem(listed.status());
  std::vector<KeyView> views;
  for (const access::KeyInfo& key : *listed) views.push_back(ViewOf(key));
  return Json(200, KeyListJson(views));
}

http::Response CreateKey(access::Authenticator& keys, const http::Request& request) {
  if (auto bad = CheckJsonBody(request, "Accept-Post")) return *bad;
  auto body = ParseCreateKeyBody(request.body);
  if (!body.ok()) return BodyProblem(body.status());
  auto created = keys.Create(body->name, body->role);
  if (!created.ok()) return StoreProblem(created.status());
  KeyView view = ViewOf(created->info);
  view.token = created->token;
  http::Response r = Json(201, KeyJson(view));
  r.headers.emplace_back("Location", "/v1/keys/" + created->info.name);
  // The one answer that carries the secret must not be kept by a cache.
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

http::Response GetKey(access::Authenticator& keys, const std::string& name) {
  auto key = keys.Get(name);
  if (!key.ok()) return StoreProblem(key.status());
  return Json(200, KeyJson(ViewOf(*key)));
}

http::Response RevokeKey(access::Authenticator& keys, const std::string& name) {
  auto key = keys.Revoke(name);
  if (!key.ok()) return StoreProblem(key.status());
  return Json(200, KeyJson(ViewOf(*key)));
}

}  // namespace ordertrack::server
