// Responses: round trips and exact JSON of canonical answers.
#include <gtest/gtest.h>

#include "testing/status_matchers.h"
#include "wire/codec.h"

namespace ordertrack::wire {
namespace {

using model::AttributeValue;

template <typename T, typename Enc, typename Dec>
T RoundTrip(const T& response, Enc encode, Dec decode) {
  std::string json = encode(response);
  T back;
  base::Status s = decode(json, &back);
  EXPECT_TRUE(s.ok()) << s.ToString() << "\n" << json;
  EXPECT_EQ(encode(back), json);
  return back;
}

model::TableDescription Table(model::BillingMode mode) {
  model::TableDescription t;
  t.table_name = "Orders";
  t.table_id = "id-1";
  t.table_arn = "arn:aws:dynamodb:us-east-1:000000000000:table/Orders";
  t.key_schema = {{"pk", model::KeyType::kHash}};
  t.attribute_definitions = {{"pk", model::Type::kS}, {"g", model::Type::kN}};
  model::IndexDescription gsi;
  gsi.index_name = "byG";
  gsi.key_schema = {{"g", model::KeyType::kHash}};
  gsi.index_status = model::IndexStatus::kCreating;
  gsi.backfilling = true;
  gsi.index_arn = t.table_arn + "/index/byG";
  if (mode == model::BillingMode::kProvisioned) gsi.provisioned_throughput = {{3, 4}};
  t.global_secondary_indexes = {gsi};
  t.billing_mode = mode;
  if (mode == model::BillingMode::kProvisioned) t.provisioned_throughput = {1, 2};
  t.creation_date_time = 1700000000.5;
  t.item_count = 7;
  t.table_size_bytes = 100;
  return t;
}

TEST(ResponsesTest, TableDescriptions) {
  for (auto mode : {model::BillingMode::kProvisioned, model::BillingMode::kPayPerRequest}) {
    auto t = Table(mode);
    auto back = RoundTrip(t, EncodeDescribeTableResponse, DecodeDescribeTableResponse);
    EXPECT_EQ(back.billing_mode, mode);
    EXPECT_EQ(back.global_secondary_indexes[0].provisioned_throughput,
              t.global_secondary_indexes[0].provisioned_throughput);
    EXPECT_EQ(back.creation_date_time, t.creation_date_time);
    RoundTrip(t, EncodeCreateTableResponse, DecodeCreateTableResponse);
    RoundTrip(t, EncodeDeleteTableResponse, DecodeDeleteTableResponse);
    RoundTrip(t, EncodeUpdateTableResponse, DecodeUpdateTableResponse);
  }
  model::TableDescription t;
  t.table_name = "T";
  t.table_id = "i";
  t.table_arn = "a";
  t.key_schema = {{"pk", model::KeyType::kHash}};
  t.attribute_definitions = {{"pk", model::Type::kS}};
  t.billing_mode = model::BillingMode::kPayPerRequest;
  t.creation_date_time = 1;
  EXPECT_EQ(EncodeDescribeTableResponse(t),
            R"({"Table":{"AttributeDefinitions":[{"AttributeName":"pk","AttributeType":"S"}],)"
            R"("TableName":"T","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],)"
            R"("TableStatus":"ACTIVE","CreationDateTime":1.0,"ProvisionedThroughput":)"
            R"({"NumberOfDecreasesToday":0,"ReadCapacityUnits":0,"WriteCapacityUnits":0},)"
            R"("TableSizeBytes":0,"ItemCount":0,"TableArn":"a","TableId":"i",)"
            R"("BillingModeSummary":{"BillingMode":"PAY_PER_REQUEST"}}})");
  EXPECT_EQ(EncodeCreateTableResponse(t).rfind(R"({"TableDescription":{)", 0), 0u);

  // A table that was on demand keeps its summary after going back.
  t.billing_mode = model::BillingMode::kProvisioned;
  t.last_update_to_pay_per_request_date_time = 1700000000.25;
  const std::string json = EncodeDescribeTableResponse(t);
  EXPECT_NE(json.find(R"("BillingModeSummary":{"BillingMode":"PROVISIONED",)"
                      R"("LastUpdateToPayPerRequestDateTime":1700000000.25})"),
            std::string::npos);
  model::TableDescription back;
  ASSERT_OK(DecodeDescribeTableResponse(json, &back));
  EXPECT_EQ(back.billing_mode, model::BillingMode::kProvisioned);
  EXPECT_EQ(back.last_update_to_pay_per_request_date_time, 1700000000.25);
}

// A table with a stream shows its specification and its latest stream; one
// whose stream was disabled keeps the latest stream's ARN and label only.
TEST(ResponsesTest, TableDescriptionsWithStreams) {
  model::TableDescription t = Table(model::BillingMode::kPayPerRequest);
  t.stream_specification = model::StreamSpecification{true, model::StreamViewType::kNewImage};
  t.latest_stream_label = "2026-01-01T00:00:00.000";
  t.latest_stream_arn = t.table_arn + "/stream/2026-01-01T00:00:00.000";
  const std::string json = EncodeDescribeTableResponse(t);
  EXPECT_NE(json.find(R"("StreamSpecification":{"StreamEnabled":true,)"
                      R"("StreamViewType":"NEW_IMAGE"},)"
                      R"("LatestStreamLabel":"2026-01-01T00:00:00.000",)"
                      R"("LatestStreamArn":"arn:aws:dynamodb:us-east-1:000000000000:table/Orders)"
                      R"(/stream/2026-01-01T00:00:00.000"})"),
            std::string::npos)
      << json;
  auto back = RoundTrip(t, EncodeDescribeTableResponse, DecodeDescribeTableResponse);
  EXPECT_EQ(back.stream_specification, t.stream_specification);
  EXPECT_EQ(back.latest_stream_arn, t.latest_stream_arn);
  EXPECT_EQ(back.latest_stream_label, t.latest_stream_label);

  t.stream_specification.reset();
  const std::string disabled = EncodeCreateTableResponse(t);
  EXPECT_EQ(disabled.find("StreamSpecification"), std::string::npos);
  back = RoundTrip(t, EncodeCreateTableResponse, DecodeCreateTableResponse);
  EXPECT_FALSE(back.stream_specification.has_value());
  EXPECT_EQ(back.latest_stream_arn, t.latest_stream_arn);
  EXPECT_EQ(EncodeUpdateTableResponse(Table(model::BillingMode::kProvisioned)).find("Stream"),
            std::string::npos);
}

TEST(ResponsesTest, SmallTableAnswers) {
  RoundTrip(api::ListTablesResponse{{"a", "b"}, "b"}, EncodeListTablesResponse,
            DecodeListTablesResponse);
  EXPECT_EQ(EncodeListTablesResponse({}), R"({"TableNames":[]})");
  EXPECT_EQ(EncodeUpdateTimeToLiveResponse({true, "ttl"}),
            R"({"TimeToLiveSpecification":{"Enabled":true,"AttributeName":"ttl"}})");
  RoundTrip(api::TimeToLiveSpecification{true, "ttl"}, EncodeUpdateTimeToLiveResponse,
            DecodeUpdateTimeToLiveResponse);
  EXPECT_EQ(EncodeDescribeTimeToLiveResponse({"DISABLED", std::nullopt}),
            R"({"TimeToLiveDescription":{"TimeToLiveStatus":"DISABLED"}})");
  RoundTrip(api::TimeToLiveDescription{"ENABLED", "ttl"}, EncodeDescribeTimeToLiveResponse,
            DecodeDescribeTimeToLiveResponse);
  RoundTrip(api::ListTagsOfResourceResponse{{{"k", "v"}}, "n"}, EncodeListTagsOfResourceResponse,
            DecodeListTagsOfResourceResponse);
  EXPECT_EQ(EncodeListTagsOfResourceResponse({}), R"({"Tags":[]})");
  EXPECT_EQ(EncodeDescribeEndpointsResponse({{{"localhost:8010", 1440}}}),
            R"({"Endpoints":[{"Address":"localhost:8010","CachePeriodInMinutes":1440}]})");
  EXPECT_EQ(EncodeDescribeLimitsResponse({}),
            R"({"AccountMaxReadCapacityUnits":80000,"AccountMaxWriteCapacityUnits":80000,)"
            R"("TableMaxReadCapacityUnits":40000,"TableMaxWriteCapacityUnits":40000})");
}

TEST(ResponsesTest, ItemAnswers) {
  EXPECT_EQ(EncodeGetItemResponse({}), "{}");
  EXPECT_EQ(EncodePutItemResponse({}), "{}");
  api::GetItemResponse get;
  get.item = model::Item{{"a", AttributeValue::S("x")}};
  api::ConsumedCapacity cc;
  cc.table_name = "T";
  cc.total = {1.5, 0.5, 1};
  cc.table = api::Capacity{1, 0, 1};
  cc.global_secondary_indexes = {{"g", {0.5, 0.5, 0}}};
  cc.local_secondary_indexes = {{"l", {1, 0, 1}}};
  get.consumed_capacity = cc;
  auto back = RoundTrip(get, EncodeGetItemResponse, DecodeGetItemResponse);
  EXPECT_EQ(back.consumed_capacity->global_secondary_indexes.at("g").capacity_units, 0.5);
  api::GetItemResponse total;
  total.consumed_capacity = api::ConsumedCapacity{"Thread", {1, 0, 0}, {}, {}, {}};
  EXPECT_EQ(EncodeGetItemResponse(total),
            R"({"ConsumedCapacity":{"TableName":"Thread","CapacityUnits":1.0}})");

  api::WriteItemResponse w;
  w.attributes = model::Item{{"n", AttributeValue::NumberFromText("2")}};
  w.consumed_capacity = cc;
  w.item_collection_metrics = api::ItemCollectionMetrics{{{"pk", AttributeValue::S("a")}}, {0, 1}};
  RoundTrip(w, EncodePutItemResponse, DecodePutItemResponse);
  RoundTrip(w, EncodeUpdateItemResponse, DecodeUpdateItemResponse);
  RoundTrip(w, EncodeDeleteItemResponse, DecodeDeleteItemResponse);
}

TEST(ResponsesTest, ReadAnswers) {
  api::ReadResponse r;
  r.items = {{{"a", AttributeValue::S("x")}}, {{"a", AttributeValue::S("y")}}};
  r.count = 2;
  r.scanned_count = 3;
  r.last_evaluated_key = model::Item{{"a", AttributeValue::S("y")}};
  r.consumed_capacity = api::ConsumedCapacity{"T", {0.5, 0, 0}, {}, {}, {}};
  auto back = RoundTrip(r, EncodeQueryResponse, DecodeQueryResponse);
  EXPECT_EQ(back.items.size(), 2u);
  RoundTrip(r, EncodeScanResponse, DecodeScanResponse);
  EXPECT_EQ(EncodeQueryResponse({}), R"({"Items":[],"Count":0,"ScannedCount":0})");
  api::ReadResponse count;
  count.count = 5;
  count.scanned_count = 5;
  EXPECT_EQ(EncodeScanResponse(count), R"({"Count":5,"ScannedCount":5})");
}

TEST(ResponsesTest, BatchAndTransactionAnswers) {
  api::BatchGetItemResponse bg;
  bg.responses = {{"T", {{{"a", AttributeValue::S("x")}}}}};
  api::KeysAndAttributes ka;
  ka.keys = {{{"a", AttributeValue::S("y")}}};
  bg.unprocessed_keys = {{"T", ka}};
  bg.consumed_capacity = {api::ConsumedCapacity{"T", {1, 0, 0}, {}, {}, {}}};
  RoundTrip(bg, EncodeBatchGetItemResponse, DecodeBatchGetItemResponse);
  EXPECT_EQ(EncodeBatchGetItemResponse({}), R"({"Responses":{},"UnprocessedKeys":{}})");

  api::BatchWriteItemResponse bw;
  api::WriteRequest put;
  put.put_item = model::Item{{"a", AttributeValue::S("x")}};
  bw.unprocessed_items = {{"T", {put}}};
  RoundTrip(bw, EncodeBatchWriteItemResponse, DecodeBatchWriteItemResponse);
  EXPECT_EQ(EncodeBatchWriteItemResponse({}), R"({"UnprocessedItems":{}})");

  api::TransactWriteItemsResponse tw;
  tw.consumed_capacity = {api::ConsumedCapacity{"T", {2, 0, 2}, {}, {}, {}}};
  RoundTrip(tw, EncodeTransactWriteItemsResponse, DecodeTransactWriteItemsResponse);
  EXPECT_EQ(EncodeTransactWriteItemsResponse({}), "{}");

  api::TransactGetItemsResponse tg;
  tg.responses = {model::Item{{"a", AttributeValue::S("x")}}, std::nullopt};
  EXPECT_EQ(EncodeTransactGetItemsResponse(tg),
            R"({"Responses":[{"Item":{"a":{"S":"x"}}},{}]})");
  auto back = RoundTrip(tg, EncodeTransactGetItemsResponse, DecodeTransactGetItemsResponse);
  EXPECT_FALSE(back.responses[1].has_value());
}

TEST(ResponsesTest, StreamsAnswers) {
  const std::string arn =
      "arn:aws:dynamodb:us-east-1:000000000000:table/Orders/stream/2026-01-01T00:00:00.000";
  api::ListStreamsResponse list{{{arn, "Orders", "2026-01-01T00:00:00.000"}}, arn};
  EXPECT_EQ(EncodeListStreamsResponse(list),
            R"({"Streams":[{"StreamArn":")" + arn +
                R"(","TableName":"Orders","StreamLabel":"2026-01-01T00:00:00.000"}],)"
                R"("LastEvaluatedStreamArn":")" + arn + R"("})");
  EXPECT_EQ(RoundTrip(list, EncodeListStreamsResponse, DecodeListStreamsResponse), list);
  EXPECT_EQ(EncodeListStreamsResponse({}), R"({"Streams":[]})");

  api::DescribeStreamResponse describe;
  api::StreamDescription& d = describe.stream_description;
  d.stream_arn = arn;
  d.stream_label = "2026-01-01T00:00:00.000";
  d.stream_status = api::StreamStatus::kEnabled;
  d.stream_view_type = model::StreamViewType::kNewAndOldImages;
  d.creation_request_date_time = 1767225600;
  d.table_name = "Orders";
  d.key_schema = {{"pk", model::KeyType::kHash}};
  api::Shard closed{"shardId-1", {"100", "200"}, std::nullopt};
  api::Shard open{"shardId-2", {"300", std::nullopt}, "shardId-1"};
  d.shards = {closed, open};
  EXPECT_EQ(EncodeDescribeStreamResponse(describe),
            R"({"StreamDescription":{"StreamArn":")" + arn +
                R"(","StreamLabel":"2026-01-01T00:00:00.000","StreamStatus":"ENABLED",)"
                R"("StreamViewType":"NEW_AND_OLD_IMAGES","CreationRequestDateTime":1767225600.0,)"
                R"("TableName":"Orders","KeySchema":[{"AttributeName":"pk","KeyType":"HASH"}],)"
                R"("Shards":[{"ShardId":"shardId-1","SequenceNumberRange":)"
                R"({"StartingSequenceNumber":"100","EndingSequenceNumber":"200"}},)"
                R"({"ShardId":"shardId-2","SequenceNumberRange":{"StartingSequenceNumber":"300"},)"
                R"("ParentShardId":"shardId-1"}]}})");
  EXPECT_EQ(RoundTrip(describe, EncodeDescribeStreamResponse, DecodeDescribeStreamResponse),
            describe);
  d.last_evaluated_shard_id = "shardId-2";
  EXPECT_EQ(RoundTrip(describe, EncodeDescribeStreamResponse, DecodeDescribeStreamResponse),
            describe);
  api::DescribeStreamResponse none;
  EXPECT_THAT(DecodeDescribeStreamResponse("{}", &none),
              ordertrack::testing::StatusIs(base::ErrorCode::kSerialization,
                                            "missing StreamDescription"));

  EXPECT_EQ(EncodeGetShardIteratorResponse({"it-1"}), R"({"ShardIterator":"it-1"})");
  EXPECT_EQ(EncodeGetShardIteratorResponse({}), "{}");
  RoundTrip(api::GetShardIteratorResponse{"it-1"}, EncodeGetShardIteratorResponse,
            DecodeGetShardIteratorResponse);
}

// A record's own members are lower camel case; its StreamRecord's are not.
TEST(ResponsesTest, GetRecordsAnswers) {
  api::Record insert;
  insert.event_id = "e1";
  insert.event_name = api::EventName::kInsert;
  insert.event_version = "1.1";
  insert.event_source = "aws:dynamodb";
  insert.aws_region = "us-east-1";
  insert.dynamodb.approximate_creation_date_time = 1767225600;
  insert.dynamodb.keys = {{"pk", AttributeValue::S("a")}};
  insert.dynamodb.new_image =
      model::Item{{"pk", AttributeValue::S("a")}, {"n", AttributeValue::NumberFromText("1")}};
  insert.dynamodb.sequence_number = "100";
  insert.dynamodb.size_bytes = 12;
  insert.dynamodb.stream_view_type = model::StreamViewType::kNewImage;
  api::GetRecordsResponse page{{insert}, "it-2"};
  EXPECT_EQ(EncodeGetRecordsResponse(page),
            R"({"Records":[{"eventID":"e1","eventName":"INSERT","eventVersion":"1.1",)"
            R"("eventSource":"aws:dynamodb","awsRegion":"us-east-1","dynamodb":)"
            R"({"ApproximateCreationDateTime":1767225600.0,"Keys":{"pk":{"S":"a"}},)"
            R"("NewImage":{"n":{"N":"1"},"pk":{"S":"a"}},"SequenceNumber":"100",)"
            R"("SizeBytes":12,"StreamViewType":"NEW_IMAGE"}}],"NextShardIterator":"it-2"})");
  EXPECT_EQ(RoundTrip(page, EncodeGetRecordsResponse, DecodeGetRecordsResponse), page);

  // A TTL deletion: the old image, and who deleted it.
  api::Record expired = insert;
  expired.event_name = api::EventName::kRemove;
  expired.dynamodb.new_image.reset();
  expired.dynamodb.old_image = insert.dynamodb.new_image;
  expired.dynamodb.stream_view_type = model::StreamViewType::kOldImage;
  expired.user_identity = api::Identity{"dynamodb.amazonaws.com", "Service"};
  api::GetRecordsResponse last{{expired}, std::nullopt};
  const std::string json = EncodeGetRecordsResponse(last);
  EXPECT_NE(
      json.find(R"("userIdentity":{"PrincipalId":"dynamodb.amazonaws.com","Type":"Service"})"),
      std::string::npos)
      << json;
  EXPECT_EQ(json.find("NextShardIterator"), std::string::npos);
  EXPECT_EQ(RoundTrip(last, EncodeGetRecordsResponse, DecodeGetRecordsResponse), last);
  EXPECT_EQ(EncodeGetRecordsResponse({}), R"({"Records":[]})");
}

// A GetRecords answer in the shape AWS sends it: members in another order,
// the timestamp in exponent notation.
TEST(ResponsesTest, AwsGetRecordsAnswer) {
  api::GetRecordsResponse r;
  ASSERT_OK(DecodeGetRecordsResponse(R"({
    "NextShardIterator": "arn:aws:dynamodb:us-west-2:111122223333:table/Forum/stream/x|1|AAAA",
    "Records": [{
      "awsRegion": "us-west-2",
      "dynamodb": {
        "ApproximateCreationDateTime": 1.46480646E9,
        "Keys": {"ForumName": {"S": "DynamoDB"}, "Subject": {"S": "DynamoDB Thread 3"}},
        "SequenceNumber": "300000000000000499659",
        "SizeBytes": 41,
        "StreamViewType": "KEYS_ONLY"
      },
      "eventID": "e2fd9c34eff2d779b297b26f5fef4206",
      "eventName": "INSERT",
      "eventSource": "aws:dynamodb",
      "eventVersion": "1.0"
    }]
  })", &r));
  ASSERT_EQ(r.records.size(), 1u);
  const api::Record& record = r.records[0];
  EXPECT_EQ(record.event_name, api::EventName::kInsert);
  EXPECT_EQ(record.aws_region, "us-west-2");
  EXPECT_EQ(record.dynamodb.approximate_creation_date_time, 1464806460);
  EXPECT_EQ(record.dynamodb.keys.at("Subject"), AttributeValue::S("DynamoDB Thread 3"));
  EXPECT_EQ(record.dynamodb.size_bytes, 41);
  EXPECT_EQ(record.dynamodb.stream_view_type, model::StreamViewType::kKeysOnly);
  EXPECT_FALSE(record.dynamodb.new_image.has_value());
  EXPECT_FALSE(record.user_identity.has_value());
  ASSERT_TRUE(r.next_shard_iterator.has_value());
}

}  // namespace
}  // namespace ordertrack::wire
