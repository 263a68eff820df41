// File: api/streams.h
// Requests and responses of DynamoDB Streams (X-Amz-Target
// DynamoDBStreams_20120810.*): ListStreams, DescribeStream, GetShardIterator
// and GetRecords. A table's stream is switched on and off by CreateTable and
// UpdateTable (model::StreamSpecification).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/attribute_value.h"
#include "model/schema.h"

namespace ordertrack::api {

struct ListStreamsRequest {
  std::optional<std::string> table_name;
  std::optional<int64_t> limit;  // 1..100, default 100
  std::optional<std::string> exclusive_start_stream_arn;
  bool operator==(const ListStreamsRequest&) const = default;
};
struct StreamSummary {
  std::string stream_arn;
  std::string table_name;
  std::string stream_label;
  bool operator==(const StreamSummary&) const = default;
};
struct ListStreamsResponse {
  std::vector<StreamSummary> streams;
  std::optional<std::string> last_evaluated_stream_arn;
  bool operator==(const ListStreamsResponse&) const = default;
};

struct DescribeStreamRequest {
  std::string stream_arn;
  std::optional<int64_t> limit;  // shards, 1..100, default 100
  std::optional<std::string> exclusive_start_shard_id;
  bool operator==(const DescribeStreamRequest&) const = default;
};

// Sequence numbers are decimal strings that increase within a shard.
struct SequenceNumberRange {
  std::optional<std::string> starting_sequence_number;
  std::optional<std::string> ending_sequence_number;  // absent while the shard is open
  bool operator==(const SequenceNumberRange&) const = default;
};
struct Shard {
  std::string shard_id;
  SequenceNumberRange sequence_number_range;
  std::optional<std::string> parent_shard_id;
  bool operator==(const Shard&) const = default;
};

enum class StreamStatus : uint8_t { kEnabling, kEnabled, kDisabling, kDisabled };

struct StreamDescription {
  std::string stream_arn;
  std::string stream_label;
  StreamStatus stream_status = StreamStatus::kEnabled;
  model::StreamViewType stream_view_type = model::StreamViewType::kKeysOnly;
  double creation_request_date_time = 0;  // seconds since the epoch
  std::string table_name;
  std::vector<model::KeySchemaElement> key_schema;
  std::vector<Shard> shards;
  std::optional<std::string> last_evaluated_shard_id;
  bool operator==(const StreamDescription&) const = default;
};
struct DescribeStreamResponse {
  StreamDescription stream_description;
  bool operator==(const DescribeStreamResponse&) const = default;
};

enum class ShardIteratorType : uint8_t {
  kTrimHorizon,
  kLatest,
  kAtSequenceNumber,
  kAfterSequenceNumber
};

struct GetShardIteratorRequest {
  std::string stream_arn;
  std::string shard_id;
  ShardIteratorType shard_iterator_type = ShardIteratorType::kTrimHorizon;
  std::optional<std::string> sequence_number;  // AT_ and AFTER_SEQUENCE_NUMBER only
  bool operator==(const GetShardIteratorRequest&) const = default;
};
struct GetShardIteratorResponse {
  std::optional<std::string> shard_iterator;
  bool operator==(const GetShardIteratorResponse&) const = default;
};

struct GetRecordsRequest {
  std::string shard_iterator;
  std::optional<int64_t> limit;  // 1..1000, default 1000
  bool operator==(const GetRecordsRequest&) const = default;
};

enum class EventName : uint8_t { kInsert, kModify, kRemove };

// Who made a change other than a client: DynamoDB's TTL deletes carry type
// "Service" and principal "dynamodb.amazonaws.com".
struct Identity {
  std::string principal_id;
  std::string type;
  bool operator==(const Identity&) const = default;
};

struct StreamRecord {
  double approximate_creation_date_time = 0;  // whole seconds since the epoch
  model::Item keys;
  std::optional<model::Item> new_image;  // as the stream's view type says
  std::optional<model::Item> old_image;
  std::string sequence_number;
  int64_t size_bytes = 0;
  model::StreamViewType stream_view_type = model::StreamViewType::kKeysOnly;
  bool operator==(const StreamRecord&) const = default;
};

struct Record {
  std::string event_id;
  EventName event_name = EventName::kInsert;
  std::string event_version;  // "1.1"
  std::string event_source;   // "aws:dynamodb"
  std::string aws_region;
  StreamRecord dynamodb;
  std::optional<Identity> user_identity;
  bool operator==(const Record&) const = default;
};

struct GetRecordsResponse {
  std::vector<Record> records;
  std::optional<std::string> next_shard_iterator;  // absent once a closed shard is read
  bool operator==(const GetRecordsResponse&) const = default;
};

}  // namespace ordertrack::api
