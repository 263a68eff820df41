// Every REST route with every kind of caller: who is let in, who is refused
// how, that a refusal changes nothing, and who the history says did it.
#include "server/rest_access.h"

#include <gtest/gtest.h>

#include "server/rest_test_fixture.h"

namespace ordertrack::server {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class RestAccessTest : public RestTest {
 protected:
  void SetUp() override {
    RestTest::SetUp();
    order_ = CreateOrder();  // while the API is still open
    for (auto [name, role] :
         {std::pair{"auditor", access::Role::kReader}, std::pair{"frontend", access::Role::kWriter},
          std::pair{"ops", access::Role::kAdmin}, std::pair{"former", access::Role::kAdmin}}) {
      auto created = authenticator_->Create(name, role);
      ASSERT_OK(created);
      tokens_[name] = created->token;
    }
    ASSERT_OK(authenticator_->Revoke("former"));
  }

  http::Response As(const std::string& authorization, const std::string& method,
                    const std::string& target, const std::string& body = "") {
    std::vector<std::pair<std::string, std::string>> headers = {
        {"Content-Type", "application/json"}};
    if (!authorization.empty()) headers.emplace_back("Authorization", authorization);
    return Call(method, target, body, headers);
  }
  std::string Bearer(const std::string& key) { return "Bearer " + tokens_.at(key); }
  std::string CreateOrderAs(const std::string& key) {
    http::Response r =
        As(Bearer(key), "POST", "/v1/orders",
           R"({"user_id":")" + std::string(kUser) + R"(","product_id":")" + kProduct + R"("})");
    EXPECT_EQ(r.status, 201) << r.body;
    return StringField(r.body, "order_id");
  }

  std::string order_;
  std::map<std::string, std::string> tokens_;
};

struct RouteCase {
  const char* method;
  const char* target;  // {order} is replaced by a fresh order's id, {key} by a fresh key's name
  const char* body;
  const char* needs;  // "reader", "writer", "admin"
  int success;
};

const RouteCase kRoutes[] = {
    {"POST", "/v1/orders",
     R"({"user_id":"11111111-1111-4111-8111-111111111111","product_id":"33333333-3333-4333-8333-333333333333"})",
     "writer", 201},
    {"GET", "/v1/orders/{order}", "", "reader", 200},
    {"PATCH", "/v1/orders/{order}", R"({"status":"completed"})", "writer", 200},
    {"GET", "/v1/users/11111111-1111-4111-8111-111111111111/orders", "", "reader", 200},
    {"GET", "/v1/products/33333333-3333-4333-8333-333333333333/orders", "", "reader", 200},
    {"GET", "/v1/users/11111111-1111-4111-8111-111111111111/stats", "", "reader", 200},
    {"GET", "/v1/products/33333333-3333-4333-8333-333333333333/stats", "", "reader", 200},
    {"GET", "/v1/keys", "", "admin", 200},
    {"POST", "/v1/keys", R"({"name":"{key}","role":"reader"})", "admin", 201},
    {"GET", "/v1/keys/{key}", "", "admin", 200},
    {"DELETE", "/v1/keys/{key}", "", "admin", 200},
};

std::string Fill(std::string text, const std::string& order, const std::string& key) {
  for (auto [hole, value] : {std::pair{"{order}", &order}, std::pair{"{key}", &key}}) {
    if (size_t at = text.find(hole); at != std::string::npos) {
      text.replace(at, std::string_view(hole).size(), *value);
    }
  }
  return text;
}

TEST_F(RestAccessTest, EveryRouteTimesEveryRole) {
  const std::pair<const char*, access::Role> kRoles[] = {{"auditor", access::Role::kReader},
                                                         {"frontend", access::Role::kWriter},
                                                         {"ops", access::Role::kAdmin}};
  int fresh = 0;
  for (const RouteCase& route : kRoutes) {
    for (auto [key, role] : kRoles) {
      // A route that creates or revokes gets its own order or key each time.
      std::string order = CreateOrderAs("ops");
      std::string victim = "victim-" + std::to_string(fresh++);
      ASSERT_OK(keys_->Create(victim, access::Role::kReader));
      if (std::string_view(route.method) == "POST" &&
          std::string_view(route.target) == "/v1/keys") {
        victim = "made-" + std::to_string(fresh++);
      }
      http::Response r = As(Bearer(key), route.method, Fill(route.target, order, victim),
                            Fill(route.body, order, victim));
      bool allowed = access::Grants(role, *access::RoleFromWord(route.needs));
      SCOPED_TRACE(std::string(route.method) + " " + route.target + " as " + key);
      if (allowed) {
        EXPECT_EQ(r.status, route.success) << r.body;
      } else {
        ExpectProblem(r, 403);
        EXPECT_THAT(r.body, HasSubstr(std::string("needs the ") + route.needs + " role"));
      }
    }
  }
}

TEST_F(RestAccessTest, EveryRouteRefusesNoBadOrRevokedKeys) {
  std::string unknown = "Bearer ot_0123456789abcdef_" + std::string(64, 'a');
  std::string wrong_length = Bearer("ops").substr(0, 40);
  for (const RouteCase& route : kRoutes) {
    for (const std::string& authorization :
         {std::string(), std::string("Basic b3BzOnNlY3JldA=="), wrong_length, unknown,
          Bearer("former"), "Bearer " + std::string(70000, 'x')}) {
      SCOPED_TRACE(std::string(route.method) + " " + route.target + " with '" +
                   authorization.substr(0, 30) + "'");
      http::Response r = As(authorization, route.method, Fill(route.target, order_, "auditor"),
                            Fill(route.body, order_, "new-key"));
      ExpectProblem(r, 401);
      std::string challenge = HeaderOf(r, "WWW-Authenticate");
      EXPECT_THAT(challenge, ::testing::StartsWith(R"(Bearer realm="ordertrack")"));
      EXPECT_EQ(challenge.find("invalid_token") != std::string::npos, !authorization.empty());
      EXPECT_THAT(r.body, Not(HasSubstr(tokens_["former"])));
    }
  }
  // Nothing changed: the one order is still in progress, no key was made or revoked.
  EXPECT_EQ(store_->CountByUser(kUser)->in_progress, 1);
  EXPECT_EQ(keys_->List()->size(), 4u);
  EXPECT_EQ(keys_->Get("auditor")->revoked, std::nullopt);
}

TEST_F(RestAccessTest, RevokedKeyIsToldSo) {
  http::Response r = As(Bearer("former"), "GET", "/v1/keys");
  ExpectProblem(r, 401);
  EXPECT_THAT(r.body, HasSubstr("revoked"));
  ASSERT_EQ(As(Bearer("ops"), "DELETE", "/v1/keys/frontend").status, 200);
  r = As(Bearer("frontend"), "GET", "/v1/orders/" + order_);
  ExpectProblem(r, 401);
  EXPECT_THAT(r.body, HasSubstr("revoked"));
}

TEST_F(RestAccessTest, TheDocumentIsPublic) {
  EXPECT_EQ(As("", "GET", "/v1/openapi.json").status, 200);
  EXPECT_EQ(As("Bearer nonsense", "GET", "/v1/openapi.json").status, 200);
}

TEST_F(RestAccessTest, HistoryNamesTheKeyOfEachChange) {
  http::Response created =
      As(Bearer("frontend"), "POST", "/v1/orders",
         R"({"user_id":")" + std::string(kUser) + R"(","product_id":")" + kProduct + R"("})");
  ASSERT_EQ(created.status, 201) << created.body;
  std::string id = StringField(created.body, "order_id");
  http::Response changed =
      As(Bearer("ops"), "PATCH", "/v1/orders/" + id, R"({"status":"canceled"})");
  ASSERT_EQ(changed.status, 200);
  http::Response got = As(Bearer("auditor"), "GET", "/v1/orders/" + id);
  EXPECT_THAT(got.body, HasSubstr(R"("status":"in_progress","at":")"));
  EXPECT_THAT(got.body, HasSubstr(R"(","by":"frontend"},{"status":"canceled")"));
  EXPECT_THAT(got.body, HasSubstr(R"(","by":"ops"}])"));
  // The order made while the API was open was made by nobody.
  EXPECT_THAT(As(Bearer("auditor"), "GET", "/v1/orders/" + order_).body, HasSubstr(R"("by":null)"));
}

TEST_F(RestAccessTest, KeyLifecycleThroughTheRoutes) {
  http::Response made =
      As(Bearer("ops"), "POST", "/v1/keys", R"({"name":"robot","role":"writer"})");
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(HeaderOf(made, "Location"), "/v1/keys/robot");
  EXPECT_EQ(HeaderOf(made, "Cache-Control"), "no-store");
  std::string token = StringField(made.body, "token");
  ASSERT_EQ(token.size(), access::kTokenLength);
  EXPECT_EQ(
      As("Bearer " + token, "PATCH", "/v1/orders/" + order_, R"({"status":"completed"})").status,
      200);

  http::Response listed = As(Bearer("ops"), "GET", "/v1/keys");
  EXPECT_THAT(listed.body, HasSubstr(R"({"name":"robot","role":"writer","created":")"));
  EXPECT_THAT(listed.body, Not(HasSubstr(token.substr(20))));
  EXPECT_THAT(listed.body, Not(HasSubstr("token")));
  EXPECT_THAT(As(Bearer("ops"), "GET", "/v1/keys/robot").body, HasSubstr(R"("last_used":"20)"));

  ExpectProblem(As(Bearer("ops"), "POST", "/v1/keys", R"({"name":"robot","role":"reader"})"), 409);
  ExpectProblem(As(Bearer("ops"), "POST", "/v1/keys", R"({"name":"no good","role":"reader"})"),
                422);
  ExpectProblem(As(Bearer("ops"), "POST", "/v1/keys", R"({"name":"x","role":"root"})"), 422);
  ExpectProblem(As(Bearer("ops"), "POST", "/v1/keys", R"({"name":"x"})"), 422);
  ExpectProblem(As(Bearer("ops"), "POST", "/v1/keys", "{"), 400);
  ExpectProblem(As(Bearer("ops"), "GET", "/v1/keys/nobody"), 404);
  ExpectProblem(As(Bearer("ops"), "DELETE", "/v1/keys/nobody"), 404);

  http::Response revoked = As(Bearer("ops"), "DELETE", "/v1/keys/robot");
  ASSERT_EQ(revoked.status, 200);
  std::string at = StringField(revoked.body, "revoked");
  EXPECT_FALSE(at.empty());
  EXPECT_EQ(StringField(As(Bearer("ops"), "DELETE", "/v1/keys/robot").body, "revoked"), at);
  ExpectProblem(As("Bearer " + token, "GET", "/v1/orders/" + order_), 401);
}

TEST_F(RestAccessTest, FailuresAreCountedWithoutNamesOrIds) {
  As("", "GET", "/v1/orders/" + order_);
  As("", "GET", "/v1/orders/" + order_);
  As(Bearer("former"), "GET", "/v1/keys");
  As(Bearer("auditor"), "GET", "/v1/keys");
  As(Bearer("frontend"), "GET", "/v1/users/" + std::string(kUser) + "/orders");
  std::string text = metrics_.RenderPrometheus();
  EXPECT_THAT(text, HasSubstr(R"(ordertrack_auth_failures_total{api="rest",reason="missing"} 2)"));
  EXPECT_THAT(text, HasSubstr(R"(ordertrack_auth_failures_total{api="rest",reason="revoked"} 1)"));
  EXPECT_THAT(text,
              HasSubstr(R"(ordertrack_auth_failures_total{api="rest",reason="forbidden"} 1)"));
  for (const std::string& secret : {std::string("auditor"), std::string("former"),
                                    std::string("frontend"), order_, std::string(kUser)}) {
    EXPECT_THAT(text, Not(HasSubstr(secret)));
  }
}

class OpenRestTest : public RestTest {};

TEST_F(OpenRestTest, WithoutKeysEveryRouteIsOpen) {
  std::string id = CreateOrder();
  EXPECT_EQ(Call("GET", "/v1/keys").status, 200);
  EXPECT_EQ(Call("PATCH", "/v1/orders/" + id, R"({"status":"completed"})").status, 200);
  // The first key closes it, and revoking every key does not open it again.
  EXPECT_EQ(Call("POST", "/v1/keys", R"({"name":"ops","role":"admin"})").status, 201);
  ExpectProblem(Call("GET", "/v1/orders/" + id), 401);
  ASSERT_OK(authenticator_->Revoke("ops"));
  ExpectProblem(Call("GET", "/v1/orders/" + id), 401);
}

}  // namespace
}  // namespace ordertrack::server
