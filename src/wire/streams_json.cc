// DynamoDB Streams: ListStreams, DescribeStream, GetShardIterator and
// GetRecords. The same protocol and error wording as DynamoDB's; a record's
// own members are in lower camel case (eventID, dynamodb, userIdentity), as
// the Streams API names them, while the StreamRecord inside keeps DynamoDB's
// upper camel case.
//
// Limits (1..100 streams or shards, 1..1000 records) are the engine's to
// check, as ListTables' Limit is: the codec only types them.
#include "wire/codec.h"
#include "wire/internal/common_json.h"

namespace ordertrack::wire {

using namespace internal;  // NOLINT: the codec's own helpers

namespace {

inline constexpr EnumTable<api::StreamStatus, 4> kStreamStatus{
    {{"ENABLING", api::StreamStatus::kEnabling},
     {"ENABLED", api::StreamStatus::kEnabled},
     {"DISABLING", api::StreamStatus::kDisabling},
     {"DISABLED", api::StreamStatus::kDisabled}},
    "[ENABLING, ENABLED, DISABLING, DISABLED]"};
inline constexpr EnumTable<api::ShardIteratorType, 4> kShardIteratorType{
    {{"TRIM_HORIZON", api::ShardIteratorType::kTrimHorizon},
     {"LATEST", api::ShardIteratorType::kLatest},
     {"AT_SEQUENCE_NUMBER", api::ShardIteratorType::kAtSequenceNumber},
     {"AFTER_SEQUENCE_NUMBER", api::ShardIteratorType::kAfterSequenceNumber}},
    "[TRIM_HORIZON, LATEST, AT_SEQUENCE_NUMBER, AFTER_SEQUENCE_NUMBER]"};
inline constexpr EnumTable<api::EventName, 3> kEventName{
    {{"INSERT", api::EventName::kInsert},
     {"MODIFY", api::EventName::kModify},
     {"REMOVE", api::EventName::kRemove}},
    "[INSERT, MODIFY, REMOVE]"};

void WriteOptionalStr(JsonWriter& w, std::string_view name,
                      const std::optional<std::string>& value) {
  if (value) w.NameStr(name, *value);
}

void WriteOptionalLimit(JsonWriter& w, const std::optional<int64_t>& limit) {
  if (!limit) return;
  w.Name("Limit");
  w.Int64(*limit);
}

// The list member `name` of a response, each element an object of
// `class_name` decoded by `decode(element, out)`; absent leaves *out empty.
template <typename T, typename Fn>
base::Status GetObjectList(const Json& object, std::string_view name,
                           std::string_view class_name, std::vector<T>* out, Fn&& decode) {
  const Json* v = Find(object, name);
  if (v == nullptr) return base::Status();
  OT_RETURN_IF_ERROR(ExpectList(*v));
  out->resize(v->Size());
  size_t i = 0;
  for (const Json& e : v->GetArray()) {
    OT_RETURN_IF_ERROR(ExpectObject(e, Slot::kElement, class_name));
    OT_RETURN_IF_ERROR(decode(e, &(*out)[i++]));
  }
  return base::Status();
}

// The object member `name` of a response, or null when absent.
base::Result<const Json*> FindObject(const Json& object, std::string_view name,
                                     std::string_view class_name) {
  const Json* v = Find(object, name);
  if (v != nullptr) OT_RETURN_IF_ERROR(ExpectObject(*v, Slot::kField, class_name));
  return v;
}

base::Status DecodeStreamSummary(const Json& v, api::StreamSummary* out) {
  OT_RETURN_IF_ERROR(GetString(v, "StreamArn", &out->stream_arn));
  OT_RETURN_IF_ERROR(GetString(v, "TableName", &out->table_name));
  return GetString(v, "StreamLabel", &out->stream_label);
}

// ---- Shards and records ---------------------------------------------------------

void WriteShard(JsonWriter& w, const api::Shard& shard) {
  w.StartObject();
  w.NameStr("ShardId", shard.shard_id);
  w.Name("SequenceNumberRange");
  w.StartObject();
  const api::SequenceNumberRange& range = shard.sequence_number_range;
  WriteOptionalStr(w, "StartingSequenceNumber", range.starting_sequence_number);
  WriteOptionalStr(w, "EndingSequenceNumber", range.ending_sequence_number);
  w.EndObject();
  WriteOptionalStr(w, "ParentShardId", shard.parent_shard_id);
  w.EndObject();
}

base::Status DecodeShard(const Json& v, api::Shard* out) {
  OT_RETURN_IF_ERROR(GetString(v, "ShardId", &out->shard_id));
  OT_ASSIGN_OR_RETURN(const Json* range,
                      FindObject(v, "SequenceNumberRange", "SequenceNumberRange"));
  if (range) {
    auto& r = out->sequence_number_range;
    OT_RETURN_IF_ERROR(GetString(*range, "StartingSequenceNumber", &r.starting_sequence_number));
    OT_RETURN_IF_ERROR(GetString(*range, "EndingSequenceNumber", &r.ending_sequence_number));
  }
  return GetString(v, "ParentShardId", &out->parent_shard_id);
}

void WriteRecord(JsonWriter& w, const api::Record& record) {
  w.StartObject();
  w.NameStr("eventID", record.event_id);
  WriteEnum(w, "eventName", kEventName, record.event_name);
  w.NameStr("eventVersion", record.event_version);
  w.NameStr("eventSource", record.event_source);
  w.NameStr("awsRegion", record.aws_region);
  const api::StreamRecord& r = record.dynamodb;
  w.Name("dynamodb");
  w.StartObject();
  w.Name("ApproximateCreationDateTime");
  w.Double(r.approximate_creation_date_time);
  w.Name("Keys");
  WriteItem(w, r.keys);
  if (r.new_image) {
    w.Name("NewImage");
    WriteItem(w, *r.new_image);
  }
  if (r.old_image) {
    w.Name("OldImage");
    WriteItem(w, *r.old_image);
  }
  w.NameStr("SequenceNumber", r.sequence_number);
  w.Name("SizeBytes");
  w.Int64(r.size_bytes);
  WriteEnum(w, "StreamViewType", kStreamViewType, r.stream_view_type);
  w.EndObject();
  if (record.user_identity) {
    w.Name("userIdentity");
    w.StartObject();
    w.NameStr("PrincipalId", record.user_identity->principal_id);
    w.NameStr("Type", record.user_identity->type);
    w.EndObject();
  }
  w.EndObject();
}

base::Status DecodeRecord(Decoder& d, const Json& v, api::Record* out) {
  OT_RETURN_IF_ERROR(GetString(v, "eventID", &out->event_id));
  OT_RETURN_IF_ERROR(GetEnum(d, v, "eventName", "eventName", kEventName, &out->event_name));
  OT_RETURN_IF_ERROR(GetString(v, "eventVersion", &out->event_version));
  OT_RETURN_IF_ERROR(GetString(v, "eventSource", &out->event_source));
  OT_RETURN_IF_ERROR(GetString(v, "awsRegion", &out->aws_region));
  OT_ASSIGN_OR_RETURN(const Json* dynamodb, FindObject(v, "dynamodb", "StreamRecord"));
  if (dynamodb) {
    api::StreamRecord& r = out->dynamodb;
    OT_RETURN_IF_ERROR(
        GetDouble(*dynamodb, "ApproximateCreationDateTime", &r.approximate_creation_date_time));
    OT_RETURN_IF_ERROR(GetItem(d, *dynamodb, "Keys", "keys", false, &r.keys));
    OT_RETURN_IF_ERROR(GetItem(d, *dynamodb, "NewImage", &r.new_image));
    OT_RETURN_IF_ERROR(GetItem(d, *dynamodb, "OldImage", &r.old_image));
    OT_RETURN_IF_ERROR(GetString(*dynamodb, "SequenceNumber", &r.sequence_number));
    OT_RETURN_IF_ERROR(GetInteger(*dynamodb, "SizeBytes", "Long", &r.size_bytes));
    OT_RETURN_IF_ERROR(GetEnum(d, *dynamodb, "StreamViewType", "streamViewType", kStreamViewType,
                               &r.stream_view_type));
  }
  OT_ASSIGN_OR_RETURN(const Json* identity, FindObject(v, "userIdentity", "Identity"));
  if (identity) {
    auto& who = out->user_identity.emplace();
    OT_RETURN_IF_ERROR(GetString(*identity, "PrincipalId", &who.principal_id));
    OT_RETURN_IF_ERROR(GetString(*identity, "Type", &who.type));
  }
  return base::Status();
}

}  // namespace

// ---- ListStreams -------------------------------------------------------------------

base::Status DecodeListStreamsRequest(std::string_view json, api::ListStreamsRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(GetString(root, "TableName", &out->table_name));
    if (out->table_name) CheckTableName(d, *out->table_name, "tableName");
    OT_RETURN_IF_ERROR(GetInteger(root, "Limit", "Integer", &out->limit));
    return GetString(root, "ExclusiveStartStreamArn", &out->exclusive_start_stream_arn);
  });
}

std::string EncodeListStreamsRequest(const api::ListStreamsRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    WriteOptionalStr(w, "TableName", r.table_name);
    WriteOptionalLimit(w, r.limit);
    WriteOptionalStr(w, "ExclusiveStartStreamArn", r.exclusive_start_stream_arn);
  });
}

std::string EncodeListStreamsResponse(const api::ListStreamsResponse& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.Name("Streams");
    w.StartArray();
    for (const auto& stream : r.streams) {
      w.StartObject();
      w.NameStr("StreamArn", stream.stream_arn);
      w.NameStr("TableName", stream.table_name);
      w.NameStr("StreamLabel", stream.stream_label);
      w.EndObject();
    }
    w.EndArray();
    WriteOptionalStr(w, "LastEvaluatedStreamArn", r.last_evaluated_stream_arn);
  });
}

base::Status DecodeListStreamsResponse(std::string_view json, api::ListStreamsResponse* out) {
  return DecodeBody(json, [&](Decoder&, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(
        GetObjectList(root, "Streams", "Stream", &out->streams, DecodeStreamSummary));
    return GetString(root, "LastEvaluatedStreamArn", &out->last_evaluated_stream_arn);
  });
}

// ---- DescribeStream ----------------------------------------------------------------

base::Status DecodeDescribeStreamRequest(std::string_view json, api::DescribeStreamRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(GetRequiredString(d, root, "StreamArn", "streamArn", &out->stream_arn));
    OT_RETURN_IF_ERROR(GetInteger(root, "Limit", "Integer", &out->limit));
    return GetString(root, "ExclusiveStartShardId", &out->exclusive_start_shard_id);
  });
}

std::string EncodeDescribeStreamRequest(const api::DescribeStreamRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.NameStr("StreamArn", r.stream_arn);
    WriteOptionalLimit(w, r.limit);
    WriteOptionalStr(w, "ExclusiveStartShardId", r.exclusive_start_shard_id);
  });
}

std::string EncodeDescribeStreamResponse(const api::DescribeStreamResponse& response) {
  const api::StreamDescription& s = response.stream_description;
  return EncodeBody([&](JsonWriter& w) {
    w.Name("StreamDescription");
    w.StartObject();
    w.NameStr("StreamArn", s.stream_arn);
    w.NameStr("StreamLabel", s.stream_label);
    WriteEnum(w, "StreamStatus", kStreamStatus, s.stream_status);
    WriteEnum(w, "StreamViewType", kStreamViewType, s.stream_view_type);
    w.Name("CreationRequestDateTime");
    w.Double(s.creation_request_date_time);
    w.NameStr("TableName", s.table_name);
    WriteKeySchema(w, s.key_schema);
    w.Name("Shards");
    w.StartArray();
    for (const auto& shard : s.shards) WriteShard(w, shard);
    w.EndArray();
    WriteOptionalStr(w, "LastEvaluatedShardId", s.last_evaluated_shard_id);
    w.EndObject();
  }, 512);
}

base::Status DecodeDescribeStreamResponse(std::string_view json,
                                          api::DescribeStreamResponse* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_ASSIGN_OR_RETURN(const Json* v, FindObject(root, "StreamDescription", "StreamDescription"));
    if (v == nullptr) return SerializationError("missing StreamDescription");
    api::StreamDescription& s = out->stream_description;
    OT_RETURN_IF_ERROR(GetString(*v, "StreamArn", &s.stream_arn));
    OT_RETURN_IF_ERROR(GetString(*v, "StreamLabel", &s.stream_label));
    OT_RETURN_IF_ERROR(
        GetEnum(d, *v, "StreamStatus", "streamStatus", kStreamStatus, &s.stream_status));
    OT_RETURN_IF_ERROR(GetEnum(d, *v, "StreamViewType", "streamViewType", kStreamViewType,
                               &s.stream_view_type));
    OT_RETURN_IF_ERROR(GetDouble(*v, "CreationRequestDateTime", &s.creation_request_date_time));
    OT_RETURN_IF_ERROR(GetString(*v, "TableName", &s.table_name));
    OT_RETURN_IF_ERROR(DecodeKeySchema(d, *v, "", &s.key_schema));
    OT_RETURN_IF_ERROR(GetObjectList(*v, "Shards", "Shard", &s.shards, DecodeShard));
    return GetString(*v, "LastEvaluatedShardId", &s.last_evaluated_shard_id);
  });
}

// ---- GetShardIterator --------------------------------------------------------------

base::Status DecodeGetShardIteratorRequest(std::string_view json,
                                           api::GetShardIteratorRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(GetRequiredString(d, root, "StreamArn", "streamArn", &out->stream_arn));
    OT_RETURN_IF_ERROR(GetRequiredString(d, root, "ShardId", "shardId", &out->shard_id));
    OT_RETURN_IF_ERROR(GetRequiredEnum(d, root, "ShardIteratorType", "shardIteratorType",
                                       kShardIteratorType, &out->shard_iterator_type));
    return GetString(root, "SequenceNumber", &out->sequence_number);
  });
}

std::string EncodeGetShardIteratorRequest(const api::GetShardIteratorRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.NameStr("StreamArn", r.stream_arn);
    w.NameStr("ShardId", r.shard_id);
    WriteEnum(w, "ShardIteratorType", kShardIteratorType, r.shard_iterator_type);
    WriteOptionalStr(w, "SequenceNumber", r.sequence_number);
  });
}

std::string EncodeGetShardIteratorResponse(const api::GetShardIteratorResponse& r) {
  return EncodeBody([&](JsonWriter& w) { WriteOptionalStr(w, "ShardIterator", r.shard_iterator); });
}

base::Status DecodeGetShardIteratorResponse(std::string_view json,
                                            api::GetShardIteratorResponse* out) {
  return DecodeBody(json, [&](Decoder&, const Json& root) {
    return GetString(root, "ShardIterator", &out->shard_iterator);
  });
}

// ---- GetRecords ------------------------------------------------------------------------

base::Status DecodeGetRecordsRequest(std::string_view json, api::GetRecordsRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(
        GetRequiredString(d, root, "ShardIterator", "shardIterator", &out->shard_iterator));
    return GetInteger(root, "Limit", "Integer", &out->limit);
  });
}

std::string EncodeGetRecordsRequest(const api::GetRecordsRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.NameStr("ShardIterator", r.shard_iterator);
    WriteOptionalLimit(w, r.limit);
  });
}

// "Records" is always written, [] for an empty page, as DynamoDB answers.
std::string EncodeGetRecordsResponse(const api::GetRecordsResponse& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.Name("Records");
    w.StartArray();
    for (const auto& record : r.records) WriteRecord(w, record);
    w.EndArray();
    WriteOptionalStr(w, "NextShardIterator", r.next_shard_iterator);
  }, 256 + 512 * r.records.size());
}

base::Status DecodeGetRecordsResponse(std::string_view json, api::GetRecordsResponse* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(GetObjectList(root, "Records", "Record", &out->records,
                                     [&d](const Json& e, api::Record* record) {
                                       return DecodeRecord(d, e, record);
                                     }));
    return GetString(root, "NextShardIterator", &out->next_shard_iterator);
  });
}

}  // namespace ordertrack::wire
