#include "server/router.h"

#include <gtest/gtest.h>

#include "engine/embedded_dynamodb.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace ordertrack::server {
namespace {

using ::testing::HasSubstr;

// `operation` under `service`'s target prefix.
http::Request DynamoDbRequest(std::string operation, std::string body,
                              std::string service = "DynamoDB_20120810.") {
  http::Request r;
  r.method = "POST";
  r.target = "/";
  r.headers = {{"X-Amz-Target", service + operation},
               {"Content-Type", "application/x-amz-json-1.0"}};
  r.body = std::move(body);
  return r;
}

http::Request StreamsRequest(std::string operation, std::string body) {
  return DynamoDbRequest(std::move(operation), std::move(body), "DynamoDBStreams_20120810.");
}

std::string HeaderOf(const http::Response& r, std::string_view name) {
  for (const auto& [key, value] : r.headers) {
    if (key == name) return value;
  }
  return "";
}

class RouterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = engine::EmbeddedDynamoDb::Open(dir_.path());
    ASSERT_OK(db);
    db_ = std::move(db).value();
    endpoint_ = std::make_unique<DynamoDbEndpoint>(*db_, options_, metrics_);
    router_ = std::make_unique<Router>(*endpoint_, metrics_, false);
  }

  testing::TempDir dir_;
  std::unique_ptr<engine::EmbeddedDynamoDb> db_;
  EndpointOptions options_;
  Metrics metrics_;
  std::unique_ptr<DynamoDbEndpoint> endpoint_;
  std::unique_ptr<Router> router_;
};

TEST_F(RouterTest, DynamoDbCallsAnswerWithRequestIdAndChecksum) {
  auto created = router_->Handle(DynamoDbRequest("CreateTable", R"({
      "TableName": "tbl", "BillingMode": "PAY_PER_REQUEST",
      "AttributeDefinitions": [{"AttributeName": "k", "AttributeType": "S"}],
      "KeySchema": [{"AttributeName": "k", "KeyType": "HASH"}]})"));
  EXPECT_EQ(created.status, 200) << created.body;
  EXPECT_THAT(created.body, HasSubstr("\"TableDescription\""));
  EXPECT_EQ(HeaderOf(created, "x-amzn-RequestId").size(), 52u);
  EXPECT_FALSE(HeaderOf(created, "x-amz-crc32").empty());
  auto put = router_->Handle(DynamoDbRequest("PutItem", R"({"TableName":"tbl","Item":{"k":{"S":"a"},"n":{"N":"1.50"}}})"));
  EXPECT_EQ(put.status, 200) << put.body;
  auto got = router_->Handle(DynamoDbRequest("GetItem", R"({"TableName":"tbl","Key":{"k":{"S":"a"}}})"));
  EXPECT_EQ(got.status, 200);
  EXPECT_THAT(got.body, HasSubstr(R"("N":"1.5")"));
}

TEST_F(RouterTest, ErrorsHaveDynamoDbsShape) {
  auto missing = router_->Handle(DynamoDbRequest("DescribeTable", R"({"TableName":"nope"})"));
  EXPECT_EQ(missing.status, 400);
  EXPECT_THAT(missing.body, HasSubstr(R"("__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException")"));
  EXPECT_THAT(missing.body, HasSubstr("Requested resource not found: Table: nope not found"));
  auto unknown = router_->Handle(DynamoDbRequest("FlyToTheMoon", "{}"));
  EXPECT_EQ(unknown.status, 400);
  EXPECT_THAT(unknown.body, HasSubstr("UnknownOperationException"));
  auto malformed = router_->Handle(DynamoDbRequest("PutItem", "{not json"));
  EXPECT_EQ(malformed.status, 400);
  EXPECT_THAT(malformed.body, HasSubstr("SerializationException"));
  http::Request no_target = DynamoDbRequest("PutItem", "{}");
  no_target.headers.erase(no_target.headers.begin());
  EXPECT_THAT(router_->Handle(no_target).body, HasSubstr("UnknownOperationException"));
}

// Both services on one port, each operation under its own service's prefix
// only. The requests here fail in the codec, before the engine is called.
TEST_F(RouterTest, StreamsOperationsAreRoutedByTheirOwnTarget) {
  auto iterator = router_->Handle(StreamsRequest("GetShardIterator", R"({"ShardId":"s"})"));
  EXPECT_EQ(iterator.status, 400);
  EXPECT_THAT(iterator.body, HasSubstr("ValidationException"));
  EXPECT_THAT(iterator.body, HasSubstr("Value null at 'streamArn'"));
  auto records = router_->Handle(StreamsRequest("GetRecords", "{not json"));
  EXPECT_THAT(records.body, HasSubstr("SerializationException"));
  EXPECT_EQ(router_->Handle(DynamoDbRequest("ListTables", "{}")).status, 200);

  for (const http::Request& wrong :
       {DynamoDbRequest("GetShardIterator", "{}"), StreamsRequest("ListTables", "{}"),
        StreamsRequest("DescribeLimits", "{}"), StreamsRequest("DescribeEndpoints", "{}"),
        DynamoDbRequest("GetRecords", "{}", "DynamoDBStreams_20120810"),
        DynamoDbRequest("GetRecords", "{}", "Streams_20120810."), StreamsRequest("", "{}")}) {
    auto unknown = router_->Handle(wrong);
    EXPECT_EQ(unknown.status, 400) << wrong.Header("x-amz-target");
    EXPECT_THAT(unknown.body, HasSubstr("UnknownOperationException"))
        << wrong.Header("x-amz-target");
  }
  EXPECT_EQ(router_->Handle(DynamoDbRequest("DescribeLimits", "{}")).status, 200);

  http::Request metrics{"GET", "/metrics", {}, "", ""};
  std::string text = router_->Handle(metrics).body;
  EXPECT_THAT(text, HasSubstr("ordertrack_requests_total{operation=\"GetShardIterator\","
                              "outcome=\"ValidationException\"} 1"));
  EXPECT_THAT(text, HasSubstr("ordertrack_requests_total{operation=\"GetRecords\","
                              "outcome=\"SerializationException\"} 1"));
  EXPECT_THAT(text, HasSubstr("ordertrack_requests_total{operation=\"unknown\","
                              "outcome=\"UnknownOperationException\"} 7"));
}

TEST_F(RouterTest, HealthMetricsAndUnknownRoutes) {
  http::Request health{"GET", "/healthz", {}, "", ""};
  EXPECT_EQ(router_->Handle(health).status, 200);
  router_->Handle(DynamoDbRequest("ListTables", "{}"));
  http::Request metrics{"GET", "/metrics", {}, "", ""};
  EXPECT_THAT(router_->Handle(metrics).body,
              HasSubstr("ordertrack_requests_total{operation=\"ListTables\",outcome=\"ok\"} 1"));
  http::Request unknown{"GET", "/nowhere", {}, "", ""};
  auto not_found = router_->Handle(unknown);
  EXPECT_EQ(not_found.status, 404);
  EXPECT_EQ(HeaderOf(not_found, "Content-Type"), "application/problem+json");
  EXPECT_THAT(not_found.body, HasSubstr(R"("status":404)"));
}

TEST_F(RouterTest, UnsignedRequestsAreRefusedWhenCredentialsAreSet) {
  EndpointOptions signed_only;
  signed_only.credentials = std::map<std::string, std::string, std::less<>>{{"AKID", "secret"}};
  DynamoDbEndpoint endpoint(*db_, signed_only, metrics_);
  auto refused = endpoint.Handle(DynamoDbRequest("ListTables", "{}"));
  EXPECT_EQ(refused.status, 400);
  EXPECT_THAT(refused.body, HasSubstr("MissingAuthenticationTokenException"));
}

// What replaces an answer whose writes were not stored: each interface's
// own 500.
TEST(UnsavedAnswerTest, IsAnInternalErrorInTheStyleOfTheIntendedAnswer) {
  http::Response dynamodb = ErrorResponse(base::ValidationError("x"));
  dynamodb.headers[0].second = "application/x-amz-json-1.1";
  http::Response unsaved = UnsavedAnswer(dynamodb);
  EXPECT_EQ(unsaved.status, 500);
  EXPECT_EQ(HeaderOf(unsaved, "Content-Type"), "application/x-amz-json-1.1");
  EXPECT_THAT(unsaved.body, HasSubstr("#InternalServerError"));
  EXPECT_NE(HeaderOf(unsaved, "x-amzn-RequestId"), "");

  http::Response rest{201, {{"Content-Type", "application/json"}}, "{}"};
  unsaved = UnsavedAnswer(rest);
  EXPECT_EQ(unsaved.status, 500);
  EXPECT_EQ(HeaderOf(unsaved, "Content-Type"), "application/problem+json");
  EXPECT_THAT(unsaved.body, HasSubstr("\"status\":500"));
}

}  // namespace
}  // namespace ordertrack::server
