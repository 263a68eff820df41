// Requests: every operation's round trip (encode, decode, encode again gives
// the same JSON, so no member is lost), AWS documentation examples, and the
// request-decoding errors with DynamoDB's exact type and message.
#include <gtest/gtest.h>

#include "testing/status_matchers.h"
#include "wire/codec.h"

namespace ordertrack::wire {
namespace {

using base::ErrorCode;
using model::AttributeValue;
using ordertrack::testing::StatusIs;

AttributeValue S(std::string s) { return AttributeValue::S(std::move(s)); }
AttributeValue N(std::string_view n) { return AttributeValue::NumberFromText(n); }

// Encodes, decodes, re-encodes; returns the decoded request.
template <typename T, typename Enc, typename Dec>
T RoundTrip(const T& request, Enc encode, Dec decode) {
  std::string json = encode(request);
  T back;
  base::Status s = decode(json, &back);
  EXPECT_TRUE(s.ok()) << s.ToString() << "\n" << json;
  EXPECT_EQ(encode(back), json);
  return back;
}

api::ExpressionParams Params() {
  return {model::ExpressionAttributeNames{{"#s", "status"}},
          model::ExpressionAttributeValues{{":v", S("x")}}};
}

TEST(RequestsTest, CreateTableRoundTrip) {
  api::CreateTableRequest r;
  r.table_name = "Orders";
  r.attribute_definitions = {{"pk", model::Type::kS}, {"sk", model::Type::kN},
                             {"g", model::Type::kB}};
  r.key_schema = {{"pk", model::KeyType::kHash}, {"sk", model::KeyType::kRange}};
  r.global_secondary_indexes = {{"byG",
                                 {{"g", model::KeyType::kHash}},
                                 {model::ProjectionType::kInclude, {"a", "b"}},
                                 model::ProvisionedThroughput{5, 6}}};
  r.local_secondary_indexes = {{"lsi1",
                                {{"pk", model::KeyType::kHash}, {"g", model::KeyType::kRange}},
                                {model::ProjectionType::kKeysOnly, {}}}};
  r.billing_mode = model::BillingMode::kProvisioned;
  r.provisioned_throughput = model::ProvisionedThroughput{1, 2};
  r.tags = {{"env", "dev"}};
  r.stream_specification =
      model::StreamSpecification{true, model::StreamViewType::kNewAndOldImages};
  auto back = RoundTrip(r, EncodeCreateTableRequest, DecodeCreateTableRequest);
  EXPECT_EQ(back.stream_specification, r.stream_specification);
  EXPECT_EQ(back.attribute_definitions, r.attribute_definitions);
  EXPECT_EQ(back.key_schema, r.key_schema);
  ASSERT_EQ(back.global_secondary_indexes.size(), 1u);
  EXPECT_EQ(back.global_secondary_indexes[0].projection, r.global_secondary_indexes[0].projection);
  EXPECT_EQ(back.provisioned_throughput, r.provisioned_throughput);
  EXPECT_EQ(back.tags[0].value, "dev");
}

TEST(RequestsTest, TableOperationsRoundTrip) {
  RoundTrip(api::DescribeTableRequest{"Orders"}, EncodeDescribeTableRequest,
            DecodeDescribeTableRequest);
  RoundTrip(api::DeleteTableRequest{"Orders"}, EncodeDeleteTableRequest, DecodeDeleteTableRequest);
  auto list = RoundTrip(api::ListTablesRequest{"abc", 10}, EncodeListTablesRequest,
                        DecodeListTablesRequest);
  EXPECT_EQ(list.limit, 10);
  RoundTrip(api::ListTablesRequest{}, EncodeListTablesRequest, DecodeListTablesRequest);

  api::UpdateTableRequest u;
  u.table_name = "Orders";
  u.attribute_definitions = {{"h", model::Type::kS}};
  u.billing_mode = model::BillingMode::kPayPerRequest;
  u.provisioned_throughput = model::ProvisionedThroughput{3, 4};
  api::GlobalSecondaryIndexUpdate create;
  create.create = api::GlobalSecondaryIndex{"byH", {{"h", model::KeyType::kHash}}, {}, std::nullopt};
  api::GlobalSecondaryIndexUpdate del;
  del.delete_index_name = "old";
  api::GlobalSecondaryIndexUpdate upd;
  upd.update = api::GlobalSecondaryIndexUpdate::Update{"byX", {7, 8}};
  u.global_secondary_index_updates = {create, del, upd};
  u.stream_specification = model::StreamSpecification{false, std::nullopt};
  auto back = RoundTrip(u, EncodeUpdateTableRequest, DecodeUpdateTableRequest);
  EXPECT_EQ(back.stream_specification, u.stream_specification);
  EXPECT_TRUE(back.unenforced.empty());
  ASSERT_EQ(back.global_secondary_index_updates.size(), 3u);
  EXPECT_EQ(back.global_secondary_index_updates[2].update->provisioned_throughput.write_capacity_units, 8);

  auto ttl = RoundTrip(api::UpdateTimeToLiveRequest{"Orders", {true, "expires"}},
                       EncodeUpdateTimeToLiveRequest, DecodeUpdateTimeToLiveRequest);
  EXPECT_TRUE(ttl.time_to_live_specification.enabled);
  RoundTrip(api::DescribeTimeToLiveRequest{"Orders"}, EncodeDescribeTimeToLiveRequest,
            DecodeDescribeTimeToLiveRequest);
  std::string arn = "arn:aws:dynamodb:us-east-1:000000000000:table/Orders";
  RoundTrip(api::TagResourceRequest{arn, {{"a", "1"}, {"b", ""}}}, EncodeTagResourceRequest,
            DecodeTagResourceRequest);
  RoundTrip(api::UntagResourceRequest{arn, {"a", "b"}}, EncodeUntagResourceRequest,
            DecodeUntagResourceRequest);
  RoundTrip(api::ListTagsOfResourceRequest{arn, "t"}, EncodeListTagsOfResourceRequest,
            DecodeListTagsOfResourceRequest);
}

TEST(RequestsTest, ItemOperationsRoundTrip) {
  api::PutItemRequest put;
  put.table_name = "Orders";
  put.item = {{"pk", S("a")}, {"n", N("3")}};
  put.condition.condition_expression = "attribute_not_exists(pk)";
  model::ExpectedAttributeValue expected;
  expected.value = S("x");
  expected.exists = true;
  model::ExpectedAttributeValue ranged;
  ranged.comparison_operator = model::ComparisonOperator::kBetween;
  ranged.attribute_value_list = {N("1"), N("2")};
  put.condition.expected = model::ExpectedMap{{"a", expected}, {"b", ranged}};
  put.condition.conditional_operator = model::ConditionalOperator::kOr;
  put.expression = Params();
  put.options = {api::ReturnValue::kAllOld, api::ReturnConsumedCapacity::kIndexes,
                 api::ReturnItemCollectionMetrics::kSize,
                 api::ReturnValuesOnConditionCheckFailure::kAllOld};
  auto p = RoundTrip(put, EncodePutItemRequest, DecodePutItemRequest);
  EXPECT_EQ(p.item, put.item);
  EXPECT_EQ(p.options.return_values, api::ReturnValue::kAllOld);
  EXPECT_EQ(p.condition.expected->at("b").attribute_value_list.size(), 2u);
  EXPECT_EQ(p.expression.expression_attribute_values, put.expression.expression_attribute_values);

  api::GetItemRequest get;
  get.table_name = "Orders";
  get.key = {{"pk", S("a")}};
  get.consistent_read = true;
  get.projection.projection_expression = "#s";
  get.projection.attributes_to_get = std::vector<std::string>{"a"};
  get.expression.expression_attribute_names = model::ExpressionAttributeNames{{"#s", "s"}};
  get.return_consumed_capacity = api::ReturnConsumedCapacity::kTotal;
  auto g = RoundTrip(get, EncodeGetItemRequest, DecodeGetItemRequest);
  EXPECT_TRUE(g.consistent_read);
  EXPECT_FALSE(g.expression.expression_attribute_values.has_value());

  api::UpdateItemRequest update;
  update.table_name = "Orders";
  update.key = {{"pk", S("a")}};
  update.update_expression = "SET #s = :v";
  update.attribute_updates = model::AttributeUpdates{
      {"c", {N("1"), model::AttributeAction::kAdd}}, {"d", {std::nullopt, model::AttributeAction::kDelete}}};
  update.expression = Params();
  update.options.return_values = api::ReturnValue::kUpdatedNew;
  auto u = RoundTrip(update, EncodeUpdateItemRequest, DecodeUpdateItemRequest);
  EXPECT_EQ(u.attribute_updates->at("c").action, model::AttributeAction::kAdd);

  api::DeleteItemRequest del;
  del.table_name = "Orders";
  del.key = {{"pk", S("a")}};
  del.condition.condition_expression = "attribute_exists(pk)";
  RoundTrip(del, EncodeDeleteItemRequest, DecodeDeleteItemRequest);
}

TEST(RequestsTest, EmptyExpressionMapsArePresent) {
  api::PutItemRequest r;
  ASSERT_OK(DecodePutItemRequest(
      R"({"TableName":"abc","Item":{},"ExpressionAttributeNames":{},"ExpressionAttributeValues":{}})",
      &r));
  ASSERT_TRUE(r.expression.expression_attribute_names.has_value());
  EXPECT_TRUE(r.expression.expression_attribute_names->empty());
  ASSERT_TRUE(r.expression.expression_attribute_values.has_value());
  api::PutItemRequest absent;
  ASSERT_OK(DecodePutItemRequest(R"({"TableName":"abc","Item":{}})", &absent));
  EXPECT_FALSE(absent.expression.expression_attribute_names.has_value());
}

// DynamoDB names the key of a malformed expression attribute value, and
// the start key's errors keep their own prefix.
TEST(RequestsTest, ValueErrorsSayWhereTheyAre) {
  api::PutItemRequest put;
  EXPECT_THAT(DecodePutItemRequest(R"({"TableName":"abc","Item":{},"ConditionExpression":"a = :v",)"
                                   R"("ExpressionAttributeValues":{":ok":{"N":"1"},":v":{"N":"b"}}})",
                                   &put),
              StatusIs(base::ErrorCode::kValidation,
                       "ExpressionAttributeValues contains invalid value: The parameter cannot be "
                       "converted to a numeric value: b for key :v"));
  api::QueryRequest query;
  EXPECT_THAT(DecodeQueryRequest(R"({"TableName":"abc","ExclusiveStartKey":{"k":{"N":"1e126"}}})",
                                 &query),
              StatusIs(base::ErrorCode::kValidation,
                       "The provided starting key is invalid: Number overflow. Attempting to store "
                       "a number with magnitude larger than supported range"));
}

TEST(RequestsTest, QueryAndScanRoundTrip) {
  api::QueryRequest q;
  q.read.table_name = "Orders";
  q.read.index_name = "byStatus";
  q.read.filter_expression = "#s = :v";
  q.read.legacy_filter = model::LegacyConditions{{"f", {model::ComparisonOperator::kNotNull, {}}}};
  q.read.conditional_operator = model::ConditionalOperator::kAnd;
  q.read.projection.projection_expression = "a, b";
  q.read.expression = Params();
  q.read.select = api::Select::kCount;
  q.read.limit = 10;
  q.read.exclusive_start_key = model::Item{{"pk", S("a")}};
  q.read.consistent_read = true;
  q.read.return_consumed_capacity = api::ReturnConsumedCapacity::kTotal;
  q.key_condition_expression = "pk = :v";
  q.key_conditions = model::LegacyConditions{
      {"sk", {model::ComparisonOperator::kBetween, {N("1"), N("9")}}}};
  q.scan_index_forward = false;
  auto back = RoundTrip(q, EncodeQueryRequest, DecodeQueryRequest);
  EXPECT_FALSE(back.scan_index_forward);
  EXPECT_EQ(back.read.select, api::Select::kCount);
  EXPECT_EQ(back.key_conditions->at("sk").comparison_operator, model::ComparisonOperator::kBetween);

  api::ScanRequest s;
  s.read.table_name = "Orders";
  s.read.legacy_filter = model::LegacyConditions{{"f", {model::ComparisonOperator::kIn, {N("1"), N("2")}}}};
  s.segment = 1;
  s.total_segments = 4;
  auto sb = RoundTrip(s, EncodeScanRequest, DecodeScanRequest);
  EXPECT_EQ(sb.total_segments, 4);
}

TEST(RequestsTest, BatchesAndTransactionsRoundTrip) {
  api::BatchGetItemRequest bg;
  api::KeysAndAttributes ka;
  ka.keys = {{{"pk", S("a")}}, {{"pk", S("b")}}};
  ka.projection.projection_expression = "pk";
  ka.consistent_read = true;
  bg.request_items = {{"Orders", ka}};
  bg.return_consumed_capacity = api::ReturnConsumedCapacity::kTotal;
  auto bgb = RoundTrip(bg, EncodeBatchGetItemRequest, DecodeBatchGetItemRequest);
  EXPECT_EQ(bgb.request_items.at("Orders").keys.size(), 2u);

  api::BatchWriteItemRequest bw;
  api::WriteRequest put;
  put.put_item = model::Item{{"pk", S("a")}};
  api::WriteRequest del;
  del.delete_key = model::Item{{"pk", S("b")}};
  bw.request_items = {{"Orders", {put, del}}};
  bw.return_item_collection_metrics = api::ReturnItemCollectionMetrics::kSize;
  auto bwb = RoundTrip(bw, EncodeBatchWriteItemRequest, DecodeBatchWriteItemRequest);
  EXPECT_TRUE(bwb.request_items.at("Orders")[1].delete_key.has_value());

  api::TransactWriteItemsRequest tw;
  api::TransactConditionCheck check{"Orders", {{"pk", S("a")}}, "attribute_exists(pk)", {},
                                    api::ReturnValuesOnConditionCheckFailure::kAllOld};
  api::TransactPut tput{"Orders", {{"pk", S("b")}}, "attribute_not_exists(pk)", {}, {}};
  api::TransactDelete tdel{"Orders", {{"pk", S("c")}}, std::nullopt, {}, {}};
  api::TransactUpdate tupd{"Orders", {{"pk", S("d")}}, "SET #s = :v", std::nullopt, Params(), {}};
  tw.transact_items = {check, tput, tdel, tupd};
  tw.client_request_token = "token-1";
  tw.return_consumed_capacity = api::ReturnConsumedCapacity::kTotal;
  auto twb = RoundTrip(tw, EncodeTransactWriteItemsRequest, DecodeTransactWriteItemsRequest);
  ASSERT_EQ(twb.transact_items.size(), 4u);
  EXPECT_EQ(std::get<api::TransactConditionCheck>(twb.transact_items[0])
                .return_values_on_condition_check_failure,
            api::ReturnValuesOnConditionCheckFailure::kAllOld);
  EXPECT_EQ(std::get<api::TransactUpdate>(twb.transact_items[3]).update_expression, "SET #s = :v");
  EXPECT_EQ(twb.client_request_token, "token-1");

  api::TransactGetItemsRequest tg;
  tg.transact_items = {{"Orders", {{"pk", S("a")}}, "#s", model::ExpressionAttributeNames{{"#s", "s"}}},
                       {"Orders", {{"pk", S("b")}}, std::nullopt, std::nullopt}};
  auto tgb = RoundTrip(tg, EncodeTransactGetItemsRequest, DecodeTransactGetItemsRequest);
  EXPECT_EQ(tgb.transact_items[0].projection_expression, "#s");
}

// The PutItem example of the DynamoDB API reference (API_PutItem.html).
TEST(RequestsTest, AwsPutItemExample) {
  api::PutItemRequest r;
  ASSERT_OK(DecodePutItemRequest(R"({
    "TableName": "Thread",
    "Item": {
        "LastPostDateTime": {"S": "201303190422"},
        "Tags": {"SS": ["Update","Multiple Items","HelpMe"]},
        "ForumName": {"S": "Amazon DynamoDB"},
        "Message": {"S": "I want to update multiple items in a single call. What's the best way to do that?"},
        "Subject": {"S": "How do I update multiple items?"},
        "LastPostedBy": {"S": "fred@example.com"}
    },
    "ConditionExpression": "ForumName <> :f and Subject <> :s",
    "ExpressionAttributeValues": {
        ":f": {"S": "Amazon DynamoDB"},
        ":s": {"S": "How do I update multiple items?"}
    }
  })", &r));
  EXPECT_EQ(r.table_name, "Thread");
  EXPECT_EQ(r.item.size(), 6u);
  EXPECT_EQ(r.item.at("Tags"), AttributeValue::SS({"Update", "Multiple Items", "HelpMe"}));
  EXPECT_EQ(r.condition.condition_expression, "ForumName <> :f and Subject <> :s");
  EXPECT_EQ(r.expression.expression_attribute_values->size(), 2u);
}

// The Query example of the DynamoDB API reference (API_Query.html).
TEST(RequestsTest, AwsQueryExample) {
  api::QueryRequest r;
  ASSERT_OK(DecodeQueryRequest(R"({
    "TableName": "Reply",
    "IndexName": "PostedBy-Index",
    "Limit": 3,
    "ConsistentRead": true,
    "ProjectionExpression": "Id, PostedBy, ReplyDateTime",
    "KeyConditionExpression": "Id = :v1 AND PostedBy BETWEEN :v2a AND :v2b",
    "ExpressionAttributeValues": {
        ":v1": {"S": "Amazon DynamoDB#DynamoDB Thread 1"},
        ":v2a": {"S": "User A"},
        ":v2b": {"S": "User C"}
    },
    "ReturnConsumedCapacity": "TOTAL"
  })", &r));
  EXPECT_EQ(r.read.index_name, "PostedBy-Index");
  EXPECT_EQ(r.read.limit, 3);
  EXPECT_TRUE(r.read.consistent_read);
  EXPECT_EQ(r.read.return_consumed_capacity, api::ReturnConsumedCapacity::kTotal);
  EXPECT_EQ(r.key_condition_expression, "Id = :v1 AND PostedBy BETWEEN :v2a AND :v2b");
}

TEST(RequestsTest, StreamsOperationsRoundTrip) {
  const std::string arn =
      "arn:aws:dynamodb:us-east-1:000000000000:table/Orders/stream/2026-01-01T00:00:00.000";
  auto list = RoundTrip(api::ListStreamsRequest{"Orders", 5, arn}, EncodeListStreamsRequest,
                        DecodeListStreamsRequest);
  EXPECT_EQ(list.table_name, "Orders");
  EXPECT_EQ(list.limit, 5);
  EXPECT_EQ(list.exclusive_start_stream_arn, arn);
  EXPECT_EQ(EncodeListStreamsRequest({}), "{}");
  auto describe = RoundTrip(api::DescribeStreamRequest{arn, 10, "shardId-1"},
                            EncodeDescribeStreamRequest, DecodeDescribeStreamRequest);
  EXPECT_EQ(describe.exclusive_start_shard_id, "shardId-1");
  auto iterator = RoundTrip(
      api::GetShardIteratorRequest{arn, "shardId-1", api::ShardIteratorType::kAfterSequenceNumber,
                                   "100"},
      EncodeGetShardIteratorRequest, DecodeGetShardIteratorRequest);
  EXPECT_EQ(iterator.shard_iterator_type, api::ShardIteratorType::kAfterSequenceNumber);
  EXPECT_EQ(iterator.sequence_number, "100");
  EXPECT_EQ(EncodeGetShardIteratorRequest({arn, "s", api::ShardIteratorType::kTrimHorizon, {}}),
            R"({"StreamArn":")" + arn + R"(","ShardId":"s","ShardIteratorType":"TRIM_HORIZON"})");
  auto records = RoundTrip(api::GetRecordsRequest{"iterator", 1000}, EncodeGetRecordsRequest,
                           DecodeGetRecordsRequest);
  EXPECT_EQ(records.limit, 1000);
}

// A GetShardIterator request shaped as the AWS CLI sends it.
TEST(RequestsTest, AwsGetShardIteratorRequest) {
  api::GetShardIteratorRequest r;
  ASSERT_OK(DecodeGetShardIteratorRequest(R"({
    "StreamArn": "arn:aws:dynamodb:us-west-2:111122223333:table/Forum/stream/2015-05-20T20:51:10.252",
    "ShardId": "shardId-00000001414576573621-f55eea83",
    "ShardIteratorType": "TRIM_HORIZON"
  })", &r));
  EXPECT_EQ(r.shard_id, "shardId-00000001414576573621-f55eea83");
  EXPECT_EQ(r.shard_iterator_type, api::ShardIteratorType::kTrimHorizon);
  EXPECT_FALSE(r.sequence_number.has_value());
}

TEST(RequestsTest, UnknownMembersAreIgnored) {
  api::GetItemRequest r;
  ASSERT_OK(DecodeGetItemRequest(
      R"({"TableName":"abc","Key":{"a":{"S":"x"}},"Whatever":[1,{"x":2}],"ConsistentRead":null})",
      &r));
  EXPECT_FALSE(r.consistent_read);
}

// ---- Errors --------------------------------------------------------------------

TEST(RequestErrorsTest, SerializationErrors) {
  api::PutItemRequest put;
  EXPECT_THAT(DecodePutItemRequest(R"({"TableName":5,"Item":{}})", &put),
              StatusIs(ErrorCode::kSerialization, "NUMBER_VALUE cannot be converted to String"));
  EXPECT_THAT(DecodePutItemRequest(R"({"TableName":"abc","Item":{"a":{"S":3}}})", &put),
              StatusIs(ErrorCode::kSerialization, "NUMBER_VALUE cannot be converted to String"));
  EXPECT_THAT(DecodePutItemRequest(R"({"TableName":"abc","Item":"x"})", &put),
              StatusIs(ErrorCode::kSerialization, "Unexpected field type"));
  EXPECT_THAT(DecodePutItemRequest(R"({"TableName":"abc","Item":{}, "Expected":{"a":{"Exists":"yes"}}})", &put),
              StatusIs(ErrorCode::kSerialization, "Unexpected token received from parser"));
  EXPECT_THAT(DecodePutItemRequest("{not json", &put), StatusIs(ErrorCode::kSerialization, ""));
  api::QueryRequest q;
  EXPECT_THAT(DecodeQueryRequest(R"({"TableName":"abc","Limit":"x"})", &q),
              StatusIs(ErrorCode::kSerialization, "STRING_VALUE cannot be converted to Integer"));
  EXPECT_THAT(DecodeQueryRequest(R"({"TableName":"abc","Limit":true})", &q),
              StatusIs(ErrorCode::kSerialization, "TRUE_VALUE cannot be converted to Integer"));
  EXPECT_THAT(DecodeQueryRequest(R"({"TableName":"abc","ScanIndexForward":1})", &q),
              StatusIs(ErrorCode::kSerialization, "NUMBER_VALUE cannot be converted to Boolean"));
  EXPECT_THAT(DecodeQueryRequest(R"({"TableName":"abc","KeyConditions":[]})", &q),
              StatusIs(ErrorCode::kSerialization,
                       "Unrecognized collection type java.util.Map<java.lang.String, "
                       "com.amazonaws.dynamodb.v20120810.Condition>"));
  api::CreateTableRequest c;
  EXPECT_THAT(DecodeCreateTableRequest(R"({"TableName":"abc","ProvisionedThroughput":[]})", &c),
              StatusIs(ErrorCode::kSerialization,
                       "Unrecognized collection type class "
                       "com.amazonaws.dynamodb.v20120810.ProvisionedThroughput"));
  EXPECT_THAT(DecodeCreateTableRequest(
                  R"({"TableName":"abc","ProvisionedThroughput":{"ReadCapacityUnits":"1"}})", &c),
              StatusIs(ErrorCode::kSerialization, "STRING_VALUE cannot be converted to Long"));
}

// Present but empty lists of indexes are refused; absent ones are no indexes.
TEST(RequestErrorsTest, EmptyIndexListsAreRefused) {
  const std::string table =
      R"({"TableName":"abc","AttributeDefinitions":[{"AttributeName":"k","AttributeType":"S"}],)"
      R"("KeySchema":[{"AttributeName":"k","KeyType":"HASH"}],"BillingMode":"PAY_PER_REQUEST")";
  api::CreateTableRequest create;
  EXPECT_OK(DecodeCreateTableRequest(table + "}", &create));
  for (std::string list : {"GlobalSecondaryIndexes", "LocalSecondaryIndexes"}) {
    EXPECT_THAT(DecodeCreateTableRequest(table + ",\"" + list + "\":[]}", &create),
                StatusIs(ErrorCode::kValidation,
                         "One or more parameter values were invalid: List of " + list + " is empty"));
  }
}

// Settings we do not act on still make an UpdateTable request ask for something.
TEST(RequestsTest, UpdateTableNotesSettingsItDoesNotModel) {
  api::UpdateTableRequest bare, protection;
  ASSERT_OK(DecodeUpdateTableRequest(R"({"TableName":"abc"})", &bare));
  EXPECT_TRUE(bare.unenforced.empty());
  ASSERT_OK(DecodeUpdateTableRequest(R"({"TableName":"abc","DeletionProtectionEnabled":true})",
                                     &protection));
  EXPECT_EQ(protection.unenforced.deletion_protection_enabled, true);
}

TEST(RequestErrorsTest, MissingRequiredMembers) {
  api::DescribeTableRequest d;
  EXPECT_THAT(DecodeDescribeTableRequest("{}", &d),
              StatusIs(ErrorCode::kValidation,
                       "1 validation error detected: Value null at 'tableName' failed to satisfy "
                       "constraint: Member must not be null"));
  api::PutItemRequest put;
  EXPECT_THAT(DecodePutItemRequest("{}", &put),
              StatusIs(ErrorCode::kValidation,
                       "2 validation errors detected: Value null at 'tableName' failed to satisfy "
                       "constraint: Member must not be null; Value null at 'item' failed to "
                       "satisfy constraint: Member must not be null"));
  EXPECT_THAT(DecodePutItemRequest(R"({"TableName":""})", &put),
              StatusIs(ErrorCode::kValidation,
                       "3 validation errors detected: Value '' at 'tableName' failed to satisfy "
                       "constraint: Member must satisfy regular expression pattern: "
                       "[a-zA-Z0-9_.-]+; Value '' at 'tableName' failed to satisfy constraint: "
                       "Member must have length greater than or equal to 3; Value null at 'item' "
                       "failed to satisfy constraint: Member must not be null"));
  api::GetItemRequest get;
  EXPECT_THAT(DecodeGetItemRequest(R"({"TableName":"abc"})", &get),
              StatusIs(ErrorCode::kValidation,
                       "1 validation error detected: Value null at 'key' failed to satisfy "
                       "constraint: Member must not be null"));
  api::QueryRequest q;
  EXPECT_THAT(DecodeQueryRequest(R"({"TableName":"abc","KeyConditions":{"a":{}}})", &q),
              StatusIs(ErrorCode::kValidation,
                       "1 validation error detected: Value null at "
                       "'keyConditions.a.member.comparisonOperator' failed to satisfy constraint: "
                       "Member must not be null"));
  api::CreateTableRequest c;
  EXPECT_THAT(DecodeCreateTableRequest(
                  R"({"TableName":"abc","AttributeDefinitions":[],"KeySchema":[{"AttributeName":"a"}]})", &c),
              StatusIs(ErrorCode::kValidation,
                       "1 validation error detected: Value null at 'keySchema.1.member.keyType' "
                       "failed to satisfy constraint: Member must not be null"));
}

TEST(RequestErrorsTest, EnumValues) {
  api::PutItemRequest put;
  EXPECT_THAT(DecodePutItemRequest(R"({"TableName":"abc","Item":{},"ReturnValues":"X"})", &put),
              StatusIs(ErrorCode::kValidation,
                       "1 validation error detected: Value 'X' at 'returnValues' failed to satisfy "
                       "constraint: Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, "
                       "ALL_OLD, NONE, UPDATED_NEW]"));
  // DynamoDB's own example of several errors at once (dynalite test/putItem.js).
  EXPECT_THAT(DecodePutItemRequest(R"({"TableName":"abc;","ReturnConsumedCapacity":"hi",
                                       "ReturnItemCollectionMetrics":"hi","ReturnValues":"hi"})",
                                   &put),
              StatusIs(ErrorCode::kValidation,
                       "5 validation errors detected: "
                       "Value 'hi' at 'returnConsumedCapacity' failed to satisfy constraint: "
                       "Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; "
                       "Value 'abc;' at 'tableName' failed to satisfy constraint: "
                       "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+; "
                       "Value null at 'item' failed to satisfy constraint: "
                       "Member must not be null; "
                       "Value 'hi' at 'returnValues' failed to satisfy constraint: "
                       "Member must satisfy enum value set: [ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, "
                       "UPDATED_NEW]; "
                       "Value 'hi' at 'returnItemCollectionMetrics' failed to satisfy constraint: "
                       "Member must satisfy enum value set: [SIZE, NONE]"));
  auto expect_enum = [](base::Status s, std::string_view value, std::string_view path,
                        std::string_view set) {
    EXPECT_THAT(s, StatusIs(ErrorCode::kValidation,
                            "1 validation error detected: Value '" + std::string(value) + "' at '" +
                                std::string(path) +
                                "' failed to satisfy constraint: Member must satisfy enum value "
                                "set: " + std::string(set)));
  };
  api::QueryRequest q;
  expect_enum(DecodeQueryRequest(R"({"TableName":"abc","Select":"X"})", &q), "X", "select",
              "[SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]");
  expect_enum(DecodeQueryRequest(R"({"TableName":"abc","ConditionalOperator":"X"})", &q), "X",
              "conditionalOperator", "[AND, OR]");
  expect_enum(
      DecodeQueryRequest(R"({"TableName":"abc","KeyConditions":{"k":{"ComparisonOperator":"X"}}})", &q),
      "X", "keyConditions.k.member.comparisonOperator",
      "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]");
  api::UpdateItemRequest u;
  expect_enum(DecodeUpdateItemRequest(
                  R"({"TableName":"abc","Key":{},"AttributeUpdates":{"a":{"Action":"X"}}})", &u),
              "X", "attributeUpdates.a.member.action", "[ADD, PUT, DELETE]");
  api::DeleteItemRequest del;
  expect_enum(DecodeDeleteItemRequest(
                  R"({"TableName":"abc","Key":{},"ReturnValuesOnConditionCheckFailure":"X"})", &del),
              "X", "returnValuesOnConditionCheckFailure", "[ALL_OLD, NONE]");
  api::CreateTableRequest c;
  expect_enum(DecodeCreateTableRequest(R"({"TableName":"abc","AttributeDefinitions":[{"AttributeName":"a","AttributeType":"X"}],"KeySchema":[{"AttributeName":"a","KeyType":"HASH"}]})", &c),
              "X", "attributeDefinitions.1.member.attributeType", "[B, N, S]");
  expect_enum(DecodeCreateTableRequest(R"({"TableName":"abc","AttributeDefinitions":[],"KeySchema":[{"AttributeName":"a","KeyType":"X"}]})", &c),
              "X", "keySchema.1.member.keyType", "[HASH, RANGE]");
  expect_enum(DecodeCreateTableRequest(R"({"TableName":"abc","AttributeDefinitions":[],"KeySchema":[],"BillingMode":"X"})", &c),
              "X", "billingMode", "[PROVISIONED, PAY_PER_REQUEST]");
  expect_enum(DecodeCreateTableRequest(R"({"TableName":"abc","AttributeDefinitions":[],"KeySchema":[],
      "GlobalSecondaryIndexes":[{"IndexName":"idx","KeySchema":[],"Projection":{"ProjectionType":"X"}}]})", &c),
              "X", "globalSecondaryIndexes.1.member.projection.projectionType",
              "[ALL, INCLUDE, KEYS_ONLY]");
}

TEST(RequestErrorsTest, StreamsRequestErrors) {
  api::DescribeStreamRequest describe;
  EXPECT_THAT(DecodeDescribeStreamRequest("{}", &describe),
              StatusIs(ErrorCode::kValidation,
                       "1 validation error detected: Value null at 'streamArn' failed to satisfy "
                       "constraint: Member must not be null"));
  EXPECT_THAT(DecodeDescribeStreamRequest(R"({"StreamArn":"a","Limit":"x"})", &describe),
              StatusIs(ErrorCode::kSerialization, "STRING_VALUE cannot be converted to Integer"));
  api::GetShardIteratorRequest iterator;
  EXPECT_THAT(DecodeGetShardIteratorRequest("{}", &iterator),
              StatusIs(ErrorCode::kValidation,
                       "3 validation errors detected: Value null at 'streamArn' failed to satisfy "
                       "constraint: Member must not be null; Value null at 'shardId' failed to "
                       "satisfy constraint: Member must not be null; Value null at "
                       "'shardIteratorType' failed to satisfy constraint: Member must not be "
                       "null"));
  EXPECT_THAT(DecodeGetShardIteratorRequest(
                  R"({"StreamArn":"a","ShardId":"s","ShardIteratorType":"AT_TIMESTAMP"})",
                  &iterator),
              StatusIs(ErrorCode::kValidation,
                       "1 validation error detected: Value 'AT_TIMESTAMP' at 'shardIteratorType' "
                       "failed to satisfy constraint: Member must satisfy enum value set: "
                       "[TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]"));
  EXPECT_THAT(DecodeGetShardIteratorRequest(
                  R"({"StreamArn":"a","ShardId":5,"ShardIteratorType":"LATEST"})", &iterator),
              StatusIs(ErrorCode::kSerialization, "NUMBER_VALUE cannot be converted to String"));
  api::GetRecordsRequest records;
  EXPECT_THAT(DecodeGetRecordsRequest(R"({"Limit":10})", &records),
              StatusIs(ErrorCode::kValidation,
                       "1 validation error detected: Value null at 'shardIterator' failed to "
                       "satisfy constraint: Member must not be null"));
  // Out-of-range limits are the engine's to refuse, as ListTables' are.
  EXPECT_OK(DecodeGetRecordsRequest(R"({"ShardIterator":"i","Limit":0})", &records));
  EXPECT_EQ(records.limit, 0);
  api::ListStreamsRequest list;
  EXPECT_OK(DecodeListStreamsRequest("{}", &list));
  EXPECT_THAT(DecodeListStreamsRequest(R"({"TableName":"a;"})", &list),
              StatusIs(ErrorCode::kValidation,
                       "2 validation errors detected: Value 'a;' at 'tableName' failed to satisfy "
                       "constraint: Member must satisfy regular expression pattern: "
                       "[a-zA-Z0-9_.-]+; Value 'a;' at 'tableName' failed to satisfy constraint: "
                       "Member must have length greater than or equal to 3"));
}

// CreateTable and UpdateTable check a StreamSpecification's members alike.
TEST(RequestErrorsTest, StreamSpecificationErrors) {
  const std::string table =
      R"({"TableName":"abc","AttributeDefinitions":[{"AttributeName":"k","AttributeType":"S"}],)"
      R"("KeySchema":[{"AttributeName":"k","KeyType":"HASH"}],)";
  api::CreateTableRequest create;
  ASSERT_OK(DecodeCreateTableRequest(
      table + R"("StreamSpecification":{"StreamEnabled":true,"StreamViewType":"KEYS_ONLY"}})",
      &create));
  EXPECT_EQ(create.stream_specification,
            (model::StreamSpecification{true, model::StreamViewType::kKeysOnly}));
  EXPECT_THAT(DecodeCreateTableRequest(table + R"("StreamSpecification":{"StreamViewType":"X"}})",
                                       &create),
              StatusIs(ErrorCode::kValidation,
                       "2 validation errors detected: Value null at "
                       "'streamSpecification.streamEnabled' failed to satisfy constraint: Member "
                       "must not be null; Value 'X' at 'streamSpecification.streamViewType' failed "
                       "to satisfy constraint: Member must satisfy enum value set: [OLD_IMAGE, "
                       "KEYS_ONLY, NEW_AND_OLD_IMAGES, NEW_IMAGE]"));
  EXPECT_THAT(DecodeCreateTableRequest(table + R"("StreamSpecification":[]})", &create),
              StatusIs(ErrorCode::kSerialization,
                       "Unrecognized collection type class "
                       "com.amazonaws.dynamodb.v20120810.StreamSpecification"));
  api::UpdateTableRequest update;
  ASSERT_OK(DecodeUpdateTableRequest(
      R"({"TableName":"abc","StreamSpecification":{"StreamEnabled":false}})", &update));
  EXPECT_EQ(update.stream_specification, (model::StreamSpecification{false, std::nullopt}));
  EXPECT_TRUE(update.unenforced.empty());
  EXPECT_THAT(DecodeUpdateTableRequest(R"({"TableName":"abc","StreamSpecification":{}})", &update),
              StatusIs(ErrorCode::kValidation,
                       "1 validation error detected: Value null at "
                       "'streamSpecification.streamEnabled' failed to satisfy constraint: Member "
                       "must not be null"));
}

TEST(RequestErrorsTest, AttributeValueErrorsInRequests) {
  api::PutItemRequest put;
  EXPECT_THAT(DecodePutItemRequest(R"({"TableName":"abc","Item":{"a":{}}})", &put),
              StatusIs(ErrorCode::kValidation,
                       "Supplied AttributeValue is empty, must contain exactly one of the "
                       "supported datatypes"));
  EXPECT_THAT(DecodePutItemRequest(
                  R"({"TableName":"abc","Item":{},"Expected":{"a":{"Value":{}}}})", &put),
              StatusIs(ErrorCode::kValidation,
                       "Supplied AttributeValue is empty, must contain exactly one of the "
                       "supported datatypes"));
  EXPECT_THAT(DecodePutItemRequest(R"({"TableName":"abc","Item":{"a":{"NULL":false}}})", &put),
              StatusIs(ErrorCode::kValidation,
                       "One or more parameter values were invalid: Null attribute value types "
                       "must have the value of true"));
  api::QueryRequest q;
  EXPECT_THAT(DecodeQueryRequest(R"({"TableName":"abc","ExclusiveStartKey":{"a":{}}})", &q),
              StatusIs(ErrorCode::kValidation,
                       "The provided starting key is invalid: Supplied AttributeValue is empty, "
                       "must contain exactly one of the supported datatypes"));
  // Constraint errors come first.
  EXPECT_THAT(DecodePutItemRequest(R"({"Item":{"a":{}}})", &put),
              StatusIs(ErrorCode::kValidation,
                       "1 validation error detected: Value null at 'tableName' failed to satisfy "
                       "constraint: Member must not be null"));
}

TEST(RequestErrorsTest, TransactAndBatchErrors) {
  api::TransactWriteItemsRequest tw;
  EXPECT_THAT(DecodeTransactWriteItemsRequest("{}", &tw),
              StatusIs(ErrorCode::kValidation,
                       "1 validation error detected: Value null at 'transactItems' failed to "
                       "satisfy constraint: Member must not be null"));
  EXPECT_THAT(DecodeTransactWriteItemsRequest(
                  R"({"TransactItems":[{"Put":{"TableName":"abc"}}]})", &tw),
              StatusIs(ErrorCode::kValidation,
                       "1 validation error detected: Value null at "
                       "'transactItems.1.member.put.item' failed to satisfy constraint: Member "
                       "must not be null"));
  EXPECT_THAT(DecodeTransactWriteItemsRequest(R"({"TransactItems":[{}]})", &tw),
              StatusIs(ErrorCode::kValidation,
                       "TransactItems can only contain one of Check, Put, Update or Delete"));
  api::BatchWriteItemRequest bw;
  EXPECT_THAT(DecodeBatchWriteItemRequest("{}", &bw),
              StatusIs(ErrorCode::kValidation,
                       "1 validation error detected: Value null at 'requestItems' failed to "
                       "satisfy constraint: Member must not be null"));
  api::BatchGetItemRequest bg;
  EXPECT_THAT(DecodeBatchGetItemRequest(R"({"RequestItems":{"abc":{}}})", &bg),
              StatusIs(ErrorCode::kValidation,
                       "1 validation error detected: Value null at 'requestItems.abc.member.keys' "
                       "failed to satisfy constraint: Member must not be null"));
  api::UpdateTimeToLiveRequest ttl;
  EXPECT_THAT(DecodeUpdateTimeToLiveRequest(
                  R"({"TableName":"abc","TimeToLiveSpecification":{"Enabled":true}})", &ttl),
              StatusIs(ErrorCode::kValidation,
                       "1 validation error detected: Value null at "
                       "'timeToLiveSpecification.attributeName' failed to satisfy constraint: "
                       "Member must not be null"));
}

// DynamoDB's answer to {"RequestItems": {"aa;": [{"PutRequest": {}, "DeleteRequest": {}}]},
// "ReturnConsumedCapacity": "hi", "ReturnItemCollectionMetrics": "hi"}, in its order.
TEST(RequestsTest, BatchRequestItemsAreCheckedAsAMapOfTableNames) {
  const std::string keys =
      "failed to satisfy constraint: Map keys must satisfy constraint: [Member must have length "
      "less than or equal to 255, Member must have length greater than or equal to 3, Member "
      "must satisfy regular expression pattern: [a-zA-Z0-9_.-]+]";
  api::BatchWriteItemRequest bw;
  EXPECT_THAT(
      DecodeBatchWriteItemRequest(
          R"({"RequestItems":{"aa;":[{"PutRequest":{},"DeleteRequest":{}}]},)"
          R"("ReturnConsumedCapacity":"hi","ReturnItemCollectionMetrics":"hi"})",
          &bw),
      StatusIs(ErrorCode::kValidation,
               "5 validation errors detected: Value 'hi' at 'returnConsumedCapacity' failed to "
               "satisfy constraint: Member must satisfy enum value set: [INDEXES, TOTAL, NONE]; "
               "Value 'hi' at 'returnItemCollectionMetrics' failed to satisfy constraint: Member "
               "must satisfy enum value set: [SIZE, NONE]; Value '{aa;=[...]}' at 'requestItems' " +
                   keys +
                   "; Value null at 'requestItems.aa;.member.1.member.deleteRequest.key' failed "
                   "to satisfy constraint: Member must not be null; Value null at "
                   "'requestItems.aa;.member.1.member.putRequest.item' failed to satisfy "
                   "constraint: Member must not be null"));
  EXPECT_THAT(DecodeBatchWriteItemRequest(R"({"RequestItems":{"a":[]}})", &bw),
              StatusIs(ErrorCode::kValidation,
                       "2 validation errors detected: Value '{a=[]}' at 'requestItems' " + keys +
                           "; Value '{a=[]}' at 'requestItems' failed to satisfy constraint: Map "
                           "value must satisfy constraint: [Member must have length less than or "
                           "equal to 25, Member must have length greater than or equal to 1]"));
  api::BatchGetItemRequest bg;
  EXPECT_THAT(DecodeBatchGetItemRequest(R"({"RequestItems":{"ok_table":{"Keys":[]},"b":{}}})", &bg),
              StatusIs(ErrorCode::kValidation,
                       "2 validation errors detected: Value '{ok_table={...}, b={...}}' at "
                       "'requestItems' " + keys +
                           "; Value null at 'requestItems.b.member.keys' failed to satisfy "
                           "constraint: Member must not be null"));
}

}  // namespace
}  // namespace ordertrack::wire
