// The contract suite: every api operation through RemoteDynamoDb against
// ordertrack's own server, with results and errors compared to what the
// engine answers when called directly.
#include "client/remote_dynamodb.h"

#include <gtest/gtest.h>

#include <mutex>
#include <set>
#include <vector>

#include "client/internal/remote_test_server.h"

namespace ordertrack::client {
namespace {

using base::ErrorCode;
using model::AttributeValue;
using ordertrack::testing::StatusIs;
using ::testing::HasSubstr;

AttributeValue S(std::string s) { return AttributeValue::S(std::move(s)); }
AttributeValue N(std::string_view n) { return AttributeValue::NumberFromText(n); }

// The seed's purchase table: key order_id, a global index on (user_id, created).
api::CreateTableRequest PurchaseTable() {
  api::CreateTableRequest r;
  r.table_name = "purchase";
  r.attribute_definitions = {
      {"order_id", model::Type::kS}, {"user_id", model::Type::kS}, {"created", model::Type::kN}};
  r.key_schema = {{"order_id", model::KeyType::kHash}};
  r.billing_mode = model::BillingMode::kPayPerRequest;
  api::GlobalSecondaryIndex gsi;
  gsi.index_name = "for_user_id";
  gsi.key_schema = {{"user_id", model::KeyType::kHash}, {"created", model::KeyType::kRange}};
  r.global_secondary_indexes = {gsi};
  return r;
}

model::Item Order(const std::string& id, const std::string& user, int created) {
  return {{"order_id", S(id)},
          {"user_id", S(user)},
          {"created", N(std::to_string(created))},
          {"status", S("new")}};
}

class RemoteDynamoDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    remote_ = server_.Connect();
    ASSERT_NE(remote_, nullptr);
  }

  void CreatePurchase() { ASSERT_OK(remote_->CreateTable(PurchaseTable())); }
  void Put(const model::Item& item) {
    api::PutItemRequest r;
    r.table_name = "purchase";
    r.item = item;
    ASSERT_OK(remote_->PutItem(r));
  }

  // Runs `call` on the engine directly and through the client: both must
  // fail with the same code and message.
  template <typename Call>
  void ExpectSameError(Call call) {
    base::Status direct = ordertrack::testing::GetStatus(call(server_.engine()));
    base::Status remote = ordertrack::testing::GetStatus(call(*remote_));
    ASSERT_FALSE(direct.ok());
    EXPECT_EQ(remote.code(), direct.code()) << remote.ToString() << " vs " << direct.ToString();
    EXPECT_EQ(remote.message(), direct.message());
  }

  RemoteTestServer server_;
  std::unique_ptr<RemoteDynamoDb> remote_;
};

TEST_F(RemoteDynamoDbTest, TablesLifecycle) {
  auto created = remote_->CreateTable(PurchaseTable());
  ASSERT_OK(created);
  EXPECT_EQ(created->table_name, "purchase");
  auto direct = server_.engine().DescribeTable({"purchase"});
  auto described = remote_->DescribeTable({"purchase"});
  ASSERT_OK(described);
  EXPECT_EQ(described->key_schema, direct->key_schema);
  EXPECT_EQ(described->table_arn, direct->table_arn);
  EXPECT_EQ(described->attribute_definitions, direct->attribute_definitions);
  ExpectSameError([](api::DynamoDb& db) { return db.CreateTable(PurchaseTable()); });

  api::CreateTableRequest second = PurchaseTable();
  second.table_name = "second";
  ASSERT_OK(remote_->CreateTable(second));
  api::ListTablesRequest list;
  list.limit = 1;
  auto page = remote_->ListTables(list);
  ASSERT_OK(page);
  EXPECT_EQ(page->table_names, std::vector<std::string>{"purchase"});
  ASSERT_TRUE(page->last_evaluated_table_name.has_value());
  list.exclusive_start_table_name = page->last_evaluated_table_name;
  page = remote_->ListTables(list);
  ASSERT_OK(page);
  EXPECT_EQ(page->table_names, std::vector<std::string>{"second"});

  api::UpdateTableRequest update;
  update.table_name = "second";
  update.billing_mode = model::BillingMode::kProvisioned;
  update.provisioned_throughput = model::ProvisionedThroughput{5, 7};
  api::GlobalSecondaryIndexUpdate index_throughput;  // required when leaving on-demand
  index_throughput.update = api::GlobalSecondaryIndexUpdate::Update{"for_user_id", {5, 7}};
  update.global_secondary_index_updates.push_back(index_throughput);
  auto updated = remote_->UpdateTable(update);
  ASSERT_OK(updated);
  EXPECT_EQ(updated->table_name, "second");

  ASSERT_OK(remote_->DeleteTable({"second"}));
  ExpectSameError([](api::DynamoDb& db) { return db.DescribeTable({"second"}); });
  ExpectSameError([](api::DynamoDb& db) { return db.DeleteTable({"second"}); });
}

TEST_F(RemoteDynamoDbTest, TimeToLiveAndTags) {
  CreatePurchase();
  api::UpdateTimeToLiveRequest ttl{"purchase", {true, "expires"}};
  auto spec = remote_->UpdateTimeToLive(ttl);
  ASSERT_OK(spec);
  EXPECT_TRUE(spec->enabled);
  auto described = remote_->DescribeTimeToLive({"purchase"});
  ASSERT_OK(described);
  EXPECT_EQ(described->time_to_live_status, "ENABLED");
  EXPECT_EQ(described->attribute_name, "expires");

  std::string arn = remote_->DescribeTable({"purchase"})->table_arn;
  ASSERT_OK(remote_->TagResource({arn, {{"team", "toys"}, {"env", "test"}}}));
  ASSERT_OK(remote_->UntagResource({arn, {"env"}}));
  auto tags = remote_->ListTagsOfResource({arn, std::nullopt});
  ASSERT_OK(tags);
  ASSERT_EQ(tags->tags.size(), 1u);
  EXPECT_EQ(tags->tags[0].key, "team");
  EXPECT_EQ(tags->tags[0].value, "toys");
  ExpectSameError([&](api::DynamoDb& db) {
    return db.TagResource({arn + "-missing", {{"a", "b"}}});
  });
}

TEST_F(RemoteDynamoDbTest, ItemsWithConditionsAndReturnValues) {
  CreatePurchase();
  api::PutItemRequest put;
  put.table_name = "purchase";
  put.item = Order("o1", "u1", 100);
  put.condition.condition_expression = "attribute_not_exists(order_id)";
  ASSERT_OK(remote_->PutItem(put));
  ExpectSameError([&](api::DynamoDb& db) { return db.PutItem(put); });

  // The old item comes back typed as the failure's details.
  put.options.return_values_on_condition_check_failure =
      api::ReturnValuesOnConditionCheckFailure::kAllOld;
  auto failed = remote_->PutItem(put);
  ASSERT_THAT(failed,
              StatusIs(ErrorCode::kConditionalCheckFailed, "The conditional request failed"));
  auto* old = dynamic_cast<const api::ConditionFailedItem*>(failed.status().details());
  ASSERT_NE(old, nullptr);
  EXPECT_EQ(old->item, Order("o1", "u1", 100));

  api::UpdateItemRequest update;
  update.table_name = "purchase";
  update.key = {{"order_id", S("o1")}};
  update.update_expression = "SET #s = :s ADD n :one";
  update.condition.condition_expression = "#s = :old";
  update.expression.expression_attribute_names = model::ExpressionAttributeNames{{"#s", "status"}};
  update.expression.expression_attribute_values = {
      {":s", S("paid")}, {":old", S("new")}, {":one", N("1")}};
  update.options.return_values = api::ReturnValue::kUpdatedNew;
  auto updated = remote_->UpdateItem(update);
  ASSERT_OK(updated);
  ASSERT_TRUE(updated->attributes.has_value());
  EXPECT_EQ(*updated->attributes, (model::Item{{"status", S("paid")}, {"n", N("1")}}));
  ExpectSameError([&](api::DynamoDb& db) { return db.UpdateItem(update); });

  api::GetItemRequest get;
  get.table_name = "purchase";
  get.key = {{"order_id", S("o1")}};
  get.consistent_read = true;
  get.projection.projection_expression = "#s";
  get.expression.expression_attribute_names = model::ExpressionAttributeNames{{"#s", "status"}};
  auto got = remote_->GetItem(get);
  ASSERT_OK(got);
  EXPECT_EQ(got->item, (model::Item{{"status", S("paid")}}));

  api::DeleteItemRequest del;
  del.table_name = "purchase";
  del.key = {{"order_id", S("o1")}};
  del.options.return_values = api::ReturnValue::kAllOld;
  auto deleted = remote_->DeleteItem(del);
  ASSERT_OK(deleted);
  ASSERT_TRUE(deleted->attributes.has_value());
  EXPECT_EQ(deleted->attributes->at("n"), N("1"));
  got = remote_->GetItem(get);
  ASSERT_OK(got);
  EXPECT_FALSE(got->item.has_value());
}

TEST_F(RemoteDynamoDbTest, ValidationErrorsMatchTheEngine) {
  CreatePurchase();
  ExpectSameError([](api::DynamoDb& db) {
    api::PutItemRequest r;
    r.table_name = "purchase";
    r.item = {{"order_id", N("1")}};  // the key is a string
    return db.PutItem(r);
  });
  ExpectSameError([](api::DynamoDb& db) {
    api::UpdateItemRequest r;
    r.table_name = "purchase";
    r.key = {{"order_id", S("x")}};
    r.update_expression = "SET a = :missing";
    return db.UpdateItem(r);
  });
  ExpectSameError([](api::DynamoDb& db) {
    api::QueryRequest r;
    r.read.table_name = "purchase";
    r.read.index_name = "no_such_index";
    r.key_condition_expression = "user_id = :u";
    r.read.expression.expression_attribute_values = model::Item{{":u", S("u")}};
    return db.Query(r);
  });
  ExpectSameError([](api::DynamoDb& db) {
    api::GetItemRequest r;
    r.table_name = "nowhere";
    r.key = {{"order_id", S("x")}};
    return db.GetItem(r);
  });
}

TEST_F(RemoteDynamoDbTest, QueryPagesThroughAGlobalIndex) {
  CreatePurchase();
  for (int i = 0; i < 25; ++i) Put(Order("a" + std::to_string(i), "u1", 1000 + i));
  Put(Order("other", "u2", 5));
  api::QueryRequest query;
  query.read.table_name = "purchase";
  query.read.index_name = "for_user_id";
  query.key_condition_expression = "user_id = :u AND created >= :from";
  query.read.expression.expression_attribute_values =
      model::Item{{":u", S("u1")}, {":from", N("1003")}};
  query.read.limit = 10;
  query.scan_index_forward = false;
  std::vector<std::string> created;
  int pages = 0;
  while (true) {
    auto page = remote_->Query(query);
    ASSERT_OK(page);
    ++pages;
    for (const auto& item : page->items) created.push_back(item.at("created").n().ToString());
    if (!page->last_evaluated_key) break;
    query.read.exclusive_start_key = page->last_evaluated_key;
  }
  EXPECT_EQ(pages, 3);
  ASSERT_EQ(created.size(), 22u);
  EXPECT_EQ(created.front(), "1024");
  EXPECT_EQ(created.back(), "1003");

  query.read.select = api::Select::kCount;
  query.read.limit.reset();
  query.read.exclusive_start_key.reset();
  auto counted = remote_->Query(query);
  ASSERT_OK(counted);
  EXPECT_EQ(counted->count, 22);
  EXPECT_TRUE(counted->items.empty());
}

TEST_F(RemoteDynamoDbTest, ParallelScanSegmentsCoverTheTable) {
  CreatePurchase();
  for (int i = 0; i < 40; ++i) Put(Order("s" + std::to_string(i), "u" + std::to_string(i % 4), i));
  std::set<std::string> seen;
  size_t total = 0;
  for (int segment = 0; segment < 3; ++segment) {
    api::ScanRequest scan;
    scan.read.table_name = "purchase";
    scan.segment = segment;
    scan.total_segments = 3;
    scan.read.limit = 7;
    while (true) {
      auto page = remote_->Scan(scan);
      ASSERT_OK(page);
      for (const auto& item : page->items) seen.insert(item.at("order_id").s());
      total += page->items.size();
      if (!page->last_evaluated_key) break;
      scan.read.exclusive_start_key = page->last_evaluated_key;
    }
  }
  EXPECT_EQ(total, 40u);  // no item in two segments
  EXPECT_EQ(seen.size(), 40u);
  ExpectSameError([](api::DynamoDb& db) {
    api::ScanRequest r;
    r.read.table_name = "purchase";
    r.segment = 3;
    r.total_segments = 3;
    return db.Scan(r);
  });
}

TEST_F(RemoteDynamoDbTest, BatchWriteAndGet) {
  CreatePurchase();
  api::BatchWriteItemRequest write;
  for (int i = 0; i < 5; ++i) {
    write.request_items["purchase"].push_back(
        {Order("b" + std::to_string(i), "u", i), std::nullopt});
  }
  auto written = remote_->BatchWriteItem(write);
  ASSERT_OK(written);
  EXPECT_TRUE(written->unprocessed_items.empty());
  api::BatchWriteItemRequest remove;
  remove.request_items["purchase"].push_back({std::nullopt, model::Item{{"order_id", S("b4")}}});
  ASSERT_OK(remote_->BatchWriteItem(remove));

  api::BatchGetItemRequest get;
  auto& keys = get.request_items["purchase"];
  for (const char* id : {"b0", "b3", "b4", "missing"}) keys.keys.push_back({{"order_id", S(id)}});
  keys.consistent_read = true;
  auto got = remote_->BatchGetItem(get);
  ASSERT_OK(got);
  std::set<std::string> ids;
  for (const auto& item : got->responses["purchase"]) ids.insert(item.at("order_id").s());
  EXPECT_EQ(ids, (std::set<std::string>{"b0", "b3"}));
  EXPECT_TRUE(got->unprocessed_keys.empty());
  ExpectSameError([](api::DynamoDb& db) {
    api::BatchGetItemRequest r;
    r.request_items["nowhere"].keys.push_back({{"order_id", S("x")}});
    return db.BatchGetItem(r);
  });
}

TEST_F(RemoteDynamoDbTest, TransactionsAndTypedCancellationReasons) {
  CreatePurchase();
  Put(Order("t1", "u", 1));
  api::TransactWriteItemsRequest write;
  api::TransactUpdate pay;
  pay.table_name = "purchase";
  pay.key = {{"order_id", S("t1")}};
  pay.update_expression = "SET #s = :paid";
  pay.condition_expression = "#s = :new";
  pay.expression.expression_attribute_names = model::ExpressionAttributeNames{{"#s", "status"}};
  pay.expression.expression_attribute_values =
      model::Item{{":paid", S("paid")}, {":new", S("new")}};
  pay.return_values_on_condition_check_failure = api::ReturnValuesOnConditionCheckFailure::kAllOld;
  api::TransactPut create;
  create.table_name = "purchase";
  create.item = Order("t2", "u", 2);
  create.condition_expression = "attribute_not_exists(order_id)";
  write.transact_items = {pay, create};
  ASSERT_OK(remote_->TransactWriteItems(write));

  api::TransactGetItemsRequest get;
  get.transact_items = {{"purchase", {{"order_id", S("t1")}}, std::nullopt, std::nullopt},
                        {"purchase", {{"order_id", S("none")}}, std::nullopt, std::nullopt}};
  auto got = remote_->TransactGetItems(get);
  ASSERT_OK(got);
  ASSERT_EQ(got->responses.size(), 2u);
  ASSERT_TRUE(got->responses[0].has_value());
  EXPECT_EQ(got->responses[0]->at("status"), S("paid"));
  EXPECT_FALSE(got->responses[1].has_value());

  // Both conditions fail now; the reasons arrive typed, the old item included.
  ExpectSameError([&](api::DynamoDb& db) { return db.TransactWriteItems(write); });
  auto cancelled = remote_->TransactWriteItems(write);
  ASSERT_THAT(cancelled, StatusIs(ErrorCode::kTransactionCanceled,
                                  HasSubstr("[ConditionalCheckFailed, ConditionalCheckFailed]")));
  auto* reasons = dynamic_cast<const api::CancellationReasons*>(cancelled.status().details());
  ASSERT_NE(reasons, nullptr);
  ASSERT_EQ(reasons->reasons.size(), 2u);
  EXPECT_EQ(reasons->reasons[0].code, "ConditionalCheckFailed");
  EXPECT_EQ(reasons->reasons[0].message, "The conditional request failed");
  ASSERT_TRUE(reasons->reasons[0].item.has_value());
  EXPECT_EQ(reasons->reasons[0].item->at("status"), S("paid"));
  EXPECT_FALSE(reasons->reasons[1].item.has_value());
}

// ---- SigV4 ---------------------------------------------------------------------

TEST(RemoteSigV4Test, SignedRequestsPassAndBadKeysArriveTyped) {
  RemoteTestServer server(std::map<std::string, std::string, std::less<>>{{"AKIDTEST", "s3cr3t"}});
  auto good = server.Connect(AwsCredentials{"AKIDTEST", "s3cr3t", ""}, "eu-west-1");
  EXPECT_OK(good->ListTables({}));
  auto with_token = server.Connect(AwsCredentials{"AKIDTEST", "s3cr3t", "session-token"});
  EXPECT_OK(with_token->ListTables({}));

  auto wrong_secret = server.Connect(AwsCredentials{"AKIDTEST", "wrong", ""});
  EXPECT_THAT(wrong_secret->ListTables({}),
              StatusIs(ErrorCode::kInvalidSignature, HasSubstr("signature we calculated")));
  auto unknown_key = server.Connect(AwsCredentials{"AKIDOTHER", "s3cr3t", ""});
  EXPECT_THAT(unknown_key->ListTables({}),
              StatusIs(ErrorCode::kUnrecognizedClient,
                       "The security token included in the request is invalid."));
  auto unsigned_client = server.Connect();
  EXPECT_THAT(unsigned_client->ListTables({}),
              StatusIs(ErrorCode::kMissingAuthenticationToken, HasSubstr("Authentication Token")));
}

TEST(RemoteOptionsTest, EndpointAndRegionRules) {
  RemoteOptions no_region;
  EXPECT_THAT(RemoteDynamoDb::Create(no_region),
              StatusIs(ErrorCode::kValidation, HasSubstr("region")));
  RemoteOptions aws;
  aws.region = "eu-central-1";
  auto remote = RemoteDynamoDb::Create(aws);
  ASSERT_OK(remote);
  EXPECT_EQ((*remote)->endpoint().host, "dynamodb.eu-central-1.amazonaws.com");
  EXPECT_TRUE((*remote)->endpoint().https);
  RemoteOptions bad;
  bad.endpoint = "ftp://example.com";
  EXPECT_THAT(RemoteDynamoDb::Create(bad), StatusIs(ErrorCode::kValidation, HasSubstr("scheme")));
}

// ---- DynamoDB Streams' endpoint -----------------------------------------------

// On AWS, Streams calls go to streams.dynamodb.<region>; to a local store,
// where both are served on one URL, they go to the endpoint it was given.
// Either way with the Streams target, signed for "dynamodb".
TEST(RemoteStreamsTest, StreamsGoToTheStreamsHostOnAwsAndToTheGivenEndpointOtherwise) {
  RemoteOptions aws;
  aws.region = "eu-central-1";
  auto on_aws = RemoteDynamoDb::Create(aws);
  ASSERT_OK(on_aws);
  EXPECT_EQ((*on_aws)->endpoint().host, "dynamodb.eu-central-1.amazonaws.com");
  EXPECT_EQ((*on_aws)->streams_endpoint().host, "streams.dynamodb.eu-central-1.amazonaws.com");
  EXPECT_TRUE((*on_aws)->streams_endpoint().https);
  EXPECT_EQ((*on_aws)->streams_endpoint().port, 443);
  EXPECT_EQ((*on_aws)->streams_endpoint().HostHeader(),
            "streams.dynamodb.eu-central-1.amazonaws.com");

  // A server that notes what it was sent and answers each service's list.
  struct Seen {
    std::string target, host, authorization;
  };
  std::mutex mu;
  std::vector<Seen> seen;
  http::ServerOptions server_options;
  server_options.port = 0;
  auto server = http::Server::Start(server_options, [&](const http::Request& r) {
    std::string target(r.Header("x-amz-target"));
    {
      std::lock_guard<std::mutex> lock(mu);
      seen.push_back(
          {target, std::string(r.Header("host")), std::string(r.Header("authorization"))});
    }
    http::Response response;
    response.headers = {{"Content-Type", "application/x-amz-json-1.0"}};
    response.body = target == "DynamoDBStreams_20120810.ListStreams" ? R"({"Streams":[]})"
                                                                        : R"({"TableNames":[]})";
    return response;
  });
  ASSERT_OK(server);
  const std::string host = "127.0.0.1:" + std::to_string((*server)->port());
  RemoteOptions local;
  local.endpoint = "http://" + host;
  local.credentials = AwsCredentials{"AKIDTEST", "s3cr3t", ""};
  auto remote = RemoteDynamoDb::Create(local);
  ASSERT_OK(remote);
  EXPECT_EQ((*remote)->streams_endpoint().Origin(), (*remote)->endpoint().Origin());
  auto streams = (*remote)->ListStreams({});
  ASSERT_OK(streams);
  EXPECT_TRUE(streams->streams.empty());
  ASSERT_OK((*remote)->ListTables({}));

  std::lock_guard<std::mutex> lock(mu);
  ASSERT_EQ(seen.size(), 2u);
  EXPECT_EQ(seen[0].target, "DynamoDBStreams_20120810.ListStreams");
  EXPECT_EQ(seen[0].host, host);
  EXPECT_THAT(seen[0].authorization, HasSubstr("/us-east-1/dynamodb/aws4_request"));
  EXPECT_EQ(seen[1].target, "DynamoDB_20120810.ListTables");
  EXPECT_EQ(seen[1].host, host);
}

TEST(RemoteTransportTest, UnreachableEndpointIsAnIoErrorAfterRetries) {
  // A port nothing listens on: bind one, then close it.
  uint16_t port;
  {
    http::ServerOptions options;
    options.port = 0;
    auto server =
        http::Server::Start(options, [](const http::Request&) { return http::Response{}; });
    ASSERT_OK(server);
    port = (*server)->port();
  }
  RemoteOptions options;
  options.endpoint = "http://127.0.0.1:" + std::to_string(port);
  options.retry.max_attempts = 3;
  int sleeps = 0;
  options.retry.sleep = [&sleeps](std::chrono::milliseconds) { ++sleeps; };
  auto remote = RemoteDynamoDb::Create(options);
  ASSERT_OK(remote);
  EXPECT_THAT((*remote)->ListTables({}),
              StatusIs(ErrorCode::kIOError, HasSubstr("(gave up after 3 attempts)")));
  EXPECT_EQ(sleeps, 2);
}

}  // namespace
}  // namespace ordertrack::client
