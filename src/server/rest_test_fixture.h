// File: server/rest_test_fixture.h
// The REST routes' tests' set-up: an engine in a temporary directory, the
// order store, the keys and the routes over them, and request helpers.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "access/authenticator.h"
#include "engine/embedded_dynamodb.h"
#include "server/orders_routes.h"
#include "server/router.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace ordertrack::server {

constexpr char kUser[] = "11111111-1111-4111-8111-111111111111";
constexpr char kOtherUser[] = "22222222-2222-4222-8222-222222222222";
constexpr char kProduct[] = "33333333-3333-4333-8333-333333333333";
constexpr char kMissing[] = "99999999-9999-4999-8999-999999999999";

inline std::string HeaderOf(const http::Response& r, std::string_view name) {
  for (const auto& [key, value] : r.headers) {
    if (key == name) return value;
  }
  return "";
}

// The string value of "name" in a flat JSON text (the first occurrence).
inline std::string StringField(const std::string& json, const std::string& name) {
  std::string needle = "\"" + name + "\":\"";
  size_t at = json.find(needle);
  if (at == std::string::npos) return "";
  at += needle.size();
  return json.substr(at, json.find('"', at) - at);
}

class RestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = engine::EmbeddedDynamoDb::Open(dir_.path());
    ASSERT_OK(db);
    db_ = std::move(db).value();
    feed_ = std::make_unique<events::EventFeed>(*db_, "purchase");
    orders::OrderStoreOptions store_options;
    store_options.on_tables_ready = [this] { return feed_->EnsureStream(); };
    store_ = std::make_unique<orders::OrderStore>(*db_, store_options);
    ASSERT_OK(store_->EnsureTables());
    keys_ = std::make_unique<access::KeyStore>(*db_);
    authenticator_ = std::make_unique<access::Authenticator>(*keys_);
    access_ = std::make_unique<RestAccess>(*authenticator_, metrics_);
    routes_ = std::make_unique<OrdersRoutes>(*store_, *feed_, *access_, metrics_);
  }

  http::Response Call(std::string method, std::string target, std::string body = "",
                      std::vector<std::pair<std::string, std::string>> headers = {
                          {"Content-Type", "application/json"}}) {
    http::Request r;
    r.method = std::move(method);
    r.target = std::move(target);
    r.headers = std::move(headers);
    r.body = std::move(body);
    return routes_->Handle(r);
  }

  std::string CreateOrder(const std::string& user = kUser, const std::string& product = kProduct) {
    auto r = Call("POST", "/v1/orders",
                  R"({"user_id":")" + user + R"(","product_id":")" + product + R"("})");
    EXPECT_EQ(r.status, 201) << r.body;
    return StringField(r.body, "order_id");
  }

  // Checks the RFC 9457 shape and returns the detail.
  static void ExpectProblem(const http::Response& r, int status) {
    EXPECT_EQ(r.status, status) << r.body;
    EXPECT_EQ(HeaderOf(r, "Content-Type"), "application/problem+json");
    EXPECT_THAT(r.body, ::testing::HasSubstr(R"("type":"about:blank")"));
    EXPECT_THAT(r.body, ::testing::HasSubstr(R"("title":")"));
    EXPECT_THAT(r.body, ::testing::HasSubstr("\"status\":" + std::to_string(status)));
    EXPECT_THAT(r.body, ::testing::HasSubstr(R"("detail":")"));
  }

  testing::TempDir dir_;
  std::unique_ptr<engine::EmbeddedDynamoDb> db_;
  std::unique_ptr<events::EventFeed> feed_;
  std::unique_ptr<orders::OrderStore> store_;
  Metrics metrics_;
  std::unique_ptr<access::KeyStore> keys_;
  std::unique_ptr<access::Authenticator> authenticator_;
  std::unique_ptr<RestAccess> access_;
  std::unique_ptr<OrdersRoutes> routes_;
};

}  // namespace ordertrack::server
