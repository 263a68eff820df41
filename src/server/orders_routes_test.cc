#include "server/orders_routes.h"

#include <gtest/gtest.h>

#include "server/rest_test_fixture.h"

namespace ordertrack::server {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

using OrdersRoutesTest = RestTest;

TEST_F(OrdersRoutesTest, CreateAnswers201WithTheOrderAndLocation) {
  auto r = Call("POST", "/v1/orders",
                std::string(R"({"user_id":")") + kUser + R"(","product_id":")" + kProduct + "\"}");
  ASSERT_EQ(r.status, 201) << r.body;
  EXPECT_EQ(HeaderOf(r, "Content-Type"), "application/json");
  std::string id = StringField(r.body, "order_id");
  EXPECT_TRUE(orders::IsUuid(id)) << r.body;
  EXPECT_EQ(HeaderOf(r, "Location"), "/v1/orders/" + id);
  EXPECT_EQ(StringField(r.body, "user_id"), kUser);
  EXPECT_EQ(StringField(r.body, "product_id"), kProduct);
  EXPECT_EQ(StringField(r.body, "status"), "in_progress");
  EXPECT_THAT(StringField(r.body, "created"), ::testing::EndsWith("Z"));
  EXPECT_THAT(r.body, HasSubstr(R"("history":[{"status":"in_progress","at":")"));
}

TEST_F(OrdersRoutesTest, IdempotencyKeyRetryAnswers200WithTheSameOrder) {
  std::string body =
      std::string(R"({"user_id":")") + kUser + R"(","product_id":")" + kProduct + "\"}";
  std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", "application/json"},
                                                              {"Idempotency-Key", "retry-me-1"}};
  auto first = Call("POST", "/v1/orders", body, headers);
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = Call("POST", "/v1/orders", body, headers);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(HeaderOf(again, "Location"), HeaderOf(first, "Location"));
  EXPECT_EQ(HeaderOf(again, "Idempotent-Replayed"), "true");
  auto counts = Call("GET", std::string("/v1/users/") + kUser + "/stats");
  EXPECT_THAT(counts.body, HasSubstr(R"("total":1)"));
  // Another key makes another order.
  headers[1].second = "retry-me-2";
  EXPECT_EQ(Call("POST", "/v1/orders", body, headers).status, 201);
  headers[1].second = std::string(300, 'k');
  ExpectProblem(Call("POST", "/v1/orders", body, headers), 422);
}

TEST_F(OrdersRoutesTest, GetAnswersTheOrderOr404Or422) {
  std::string id = CreateOrder();
  auto got = Call("GET", "/v1/orders/" + id, "", {});
  ASSERT_EQ(got.status, 200) << got.body;
  EXPECT_EQ(StringField(got.body, "order_id"), id);
  EXPECT_THAT(got.body, HasSubstr(R"("history":[)"));
  ExpectProblem(Call("GET", std::string("/v1/orders/") + kMissing), 404);
  ExpectProblem(Call("GET", "/v1/orders/not-a-uuid"), 422);
  ExpectProblem(Call("GET", "/v1/orders/" + std::string(kUser).replace(0, 1, "A")), 422);
}

TEST_F(OrdersRoutesTest, PatchFollowsTheTransitions) {
  std::string id = CreateOrder();
  auto done = Call("PATCH", "/v1/orders/" + id, R"({"status":"completed"})");
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(StringField(done.body, "status"), "completed");
  EXPECT_THAT(done.body, HasSubstr(R"({"status":"completed","at":")"));
  auto again = Call("PATCH", "/v1/orders/" + id, R"({"status":"completed"})");
  EXPECT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.body, done.body);  // a no-op: no second history entry
  ExpectProblem(Call("PATCH", "/v1/orders/" + id, R"({"status":"canceled"})"), 409);
  ExpectProblem(Call("PATCH", "/v1/orders/" + id, R"({"status":"in_progress"})"), 409);
  ExpectProblem(Call("PATCH", std::string("/v1/orders/") + kMissing, R"({"status":"canceled"})"),
                404);
}

TEST_F(OrdersRoutesTest, RefusedBodiesStoreNothing) {
  std::string id = CreateOrder();
  std::string good_user = std::string(R"("user_id":")") + kUser + "\"";
  ExpectProblem(Call("POST", "/v1/orders", "{not json"), 400);
  ExpectProblem(Call("POST", "/v1/orders", ""), 400);
  ExpectProblem(Call("POST", "/v1/orders", "[]"), 422);
  ExpectProblem(Call("POST", "/v1/orders", "{" + good_user + "}"), 422);
  ExpectProblem(Call("POST", "/v1/orders", "{" + good_user + R"(,"product_id":7})"), 422);
  ExpectProblem(Call("POST", "/v1/orders", "{" + good_user + R"(,"product_id":"nope"})"), 422);
  ExpectProblem(Call("POST", "/v1/orders",
                     "{" + good_user + R"(,"product_id":")" + kProduct + R"(","x":"y"})"),
                422);
  auto form = Call("POST", "/v1/orders", "user_id=x",
                   {{"Content-Type", "application/x-www-form-urlencoded"}});
  ExpectProblem(form, 415);
  EXPECT_EQ(HeaderOf(form, "Accept-Post"), "application/json");
  ExpectProblem(Call("PATCH", "/v1/orders/" + id, R"({"status":"shipped"})"), 422);
  ExpectProblem(Call("PATCH", "/v1/orders/" + id, R"({"status":201})"), 422);
  ExpectProblem(Call("PATCH", "/v1/orders/" + id, R"({"status":"completed","user_id":"x"})"), 422);
  ExpectProblem(Call("PATCH", "/v1/orders/" + id, R"({"status":)"), 400);
  ExpectProblem(Call("PATCH", "/v1/orders/" + id, "{}", {{"Content-Type", "text/plain"}}), 415);
  auto counts = Call("GET", std::string("/v1/users/") + kUser + "/stats");
  EXPECT_THAT(counts.body, HasSubstr(R"({"in_progress":1,"completed":0,"canceled":0,"total":1})"));
}

TEST_F(OrdersRoutesTest, ListsPageThroughMergedStatuses) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(CreateOrder());
  CreateOrder(kOtherUser);
  ASSERT_EQ(Call("PATCH", "/v1/orders/" + ids[1], R"({"status":"canceled"})").status, 200);
  ASSERT_EQ(Call("PATCH", "/v1/orders/" + ids[3], R"({"status":"completed"})").status, 200);
  for (const char* order : {"newest", "oldest"}) {
    std::vector<std::string> seen;
    std::string cursor;
    for (int pages = 0; pages < 10; ++pages) {
      std::string target = std::string("/v1/users/") + kUser +
                           "/orders?status=in_progress,completed,canceled&limit=2&order=" + order;
      if (!cursor.empty()) target += "&cursor=" + cursor;
      auto r = Call("GET", target);
      ASSERT_EQ(r.status, 200) << r.body;
      for (size_t at = r.body.find("\"order_id\":\""); at != std::string::npos;
           at = r.body.find("\"order_id\":\"", at + 1)) {
        seen.push_back(r.body.substr(at + 12, 36));
      }
      if (r.body.ends_with(R"("next_cursor":null})")) break;
      cursor = StringField(r.body, "next_cursor");
      ASSERT_FALSE(cursor.empty()) << r.body;
    }
    std::vector<std::string> expected = ids;
    if (std::string(order) == "newest") std::reverse(expected.begin(), expected.end());
    EXPECT_EQ(seen, expected) << order;
  }
  // Defaults: a user's in_progress and completed; a product's in_progress.
  auto user = Call("GET", std::string("/v1/users/") + kUser + "/orders");
  EXPECT_THAT(user.body, ::testing::Not(HasSubstr(ids[1])));
  EXPECT_THAT(user.body, HasSubstr(ids[3]));
  auto product = Call("GET", std::string("/v1/products/") + kProduct + "/orders?limit=100");
  EXPECT_EQ(product.status, 200);
  EXPECT_THAT(product.body, ::testing::Not(HasSubstr(ids[3])));
  EXPECT_THAT(product.body, HasSubstr(ids[4]));
  EXPECT_THAT(product.body, HasSubstr(R"("next_cursor":null)"));
}

TEST_F(OrdersRoutesTest, ListQueryErrorsAre422) {
  std::string base = std::string("/v1/users/") + kUser + "/orders?";
  for (const char* query :
       {"limit=0", "limit=101", "limit=ten", "limit=", "limit=1&limit=2", "status=shipped",
        "status=completed,", "order=sideways", "cursor=not-ours"}) {
    ExpectProblem(Call("GET", base + query), 422);
  }
  ExpectProblem(Call("GET", "/v1/users/nope/orders"), 422);
  ExpectProblem(Call("GET", "/v1/products/nope/stats"), 422);
  EXPECT_EQ(Call("GET", base + "limit=100&order=oldest&status=canceled").status, 200);
}

TEST_F(OrdersRoutesTest, StatsCountByStatus) {
  std::string a = CreateOrder();
  std::string b = CreateOrder();
  CreateOrder();
  CreateOrder(kOtherUser);
  ASSERT_EQ(Call("PATCH", "/v1/orders/" + a, R"({"status":"completed"})").status, 200);
  ASSERT_EQ(Call("PATCH", "/v1/orders/" + b, R"({"status":"canceled"})").status, 200);
  auto user = Call("GET", std::string("/v1/users/") + kUser + "/stats");
  ASSERT_EQ(user.status, 200) << user.body;
  EXPECT_EQ(user.body, R"({"in_progress":1,"completed":1,"canceled":1,"total":3})");
  auto product = Call("GET", std::string("/v1/products/") + kProduct + "/stats");
  EXPECT_EQ(product.body, R"({"in_progress":2,"completed":1,"canceled":1,"total":4})");
  auto none = Call("GET", std::string("/v1/products/") + kMissing + "/stats");
  EXPECT_EQ(none.body, R"({"in_progress":0,"completed":0,"canceled":0,"total":0})");
}

TEST_F(OrdersRoutesTest, UnknownRoutesAre404AndWrongMethods405) {
  for (const char* path : {"/v1", "/v1/", "/v1/orders/", "/v1/widgets", "/v1/users/x",
                           "/v1/users/x/orders/y", "/v1/orders/a/b/c/d"}) {
    ExpectProblem(Call("GET", path), 404);
  }
  auto r = Call("DELETE", std::string("/v1/orders/") + kMissing);
  ExpectProblem(r, 405);
  EXPECT_EQ(HeaderOf(r, "Allow"), "GET, PATCH");
  EXPECT_EQ(HeaderOf(Call("GET", "/v1/orders"), "Allow"), "POST");
  EXPECT_EQ(HeaderOf(Call("POST", std::string("/v1/users/") + kUser + "/stats"), "Allow"), "GET");
  EXPECT_EQ(HeaderOf(Call("PUT", "/v1/openapi.json"), "Allow"), "GET");
}

TEST_F(OrdersRoutesTest, ServesTheOpenApiDocument) {
  auto r = Call("GET", "/v1/openapi.json", "", {});
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(HeaderOf(r, "Content-Type"), "application/json");
  EXPECT_EQ(r.body, OpenApiJson());
  EXPECT_THAT(r.body, HasSubstr(R"("openapi": "3.0)"));
  for (const char* path : {"/v1/orders", "/v1/orders/{order_id}", "/v1/users/{user_id}/orders",
                           "/v1/products/{product_id}/orders", "/v1/users/{user_id}/stats",
                           "/v1/products/{product_id}/stats"}) {
    EXPECT_THAT(r.body, HasSubstr(std::string("\"") + path + "\"")) << path;
  }
}

TEST_F(OrdersRoutesTest, CountsRequestsByRoutePattern) {
  std::string id = CreateOrder();
  Call("GET", "/v1/orders/" + id);
  Call("GET", std::string("/v1/orders/") + kMissing);
  Call("GET", "/v1/nowhere");
  std::string text = metrics_.RenderPrometheus();
  EXPECT_THAT(text, HasSubstr(R"(operation="rest:POST /v1/orders",outcome="ok"} 1)"));
  EXPECT_THAT(text, HasSubstr(R"(operation="rest:GET /v1/orders/{id}",outcome="ok"} 1)"));
  EXPECT_THAT(text, HasSubstr(R"(operation="rest:GET /v1/orders/{id}",outcome="404"} 1)"));
  EXPECT_THAT(text, HasSubstr(R"(operation="rest:GET unmatched",outcome="404"} 1)"));
  EXPECT_THAT(text, ::testing::Not(HasSubstr(id)));
}

TEST_F(OrdersRoutesTest, RouterSendsV1ToTheOrdersRoutes) {
  DynamoDbEndpoint endpoint(*db_, EndpointOptions{}, metrics_);
  Router router(endpoint, metrics_, false, routes_.get());
  http::Request r;
  r.method = "GET";
  r.target = std::string("/v1/users/") + kUser + "/stats";
  EXPECT_EQ(router.Handle(r).status, 200);
  r.target = "/healthz";
  EXPECT_EQ(router.Handle(r).status, 200);
  Router without(endpoint, metrics_, false);
  r.target = "/v1/openapi.json";
  EXPECT_EQ(without.Handle(r).status, 404);
  EXPECT_THAT(router.Handle(r).body, StartsWith("{"));
}

}  // namespace
}  // namespace ordertrack::server
