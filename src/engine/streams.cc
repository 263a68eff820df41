// DynamoDB Streams on EmbeddedDynamoDb: a table's StreamSpecification, the
// Streams API (ListStreams, DescribeStream, GetShardIterator, GetRecords),
// and trimming records past their retention. Records are written with the
// item changes they describe (writes.cc, AppendStreamRecord); what is
// visible and in which order is internal/stream_log.h's.
#include <algorithm>
#include <cinttypes>
#include <cstdio>

#include "engine/embedded_dynamodb.h"
#include "engine/internal/catalog_codec.h"
#include "engine/internal/key_codec.h"
#include "engine/internal/stream_iterator.h"
#include "model/item_codec.h"
#include "model/validation.h"

namespace ordertrack::engine {
namespace {

constexpr int64_t kMaxListStreamsLimit = 100;
constexpr int64_t kMaxDescribeStreamLimit = 100;
constexpr int64_t kMaxGetRecordsLimit = 1000;
// GetRecords answers at most 1 MB, as DynamoDB does.
constexpr int64_t kMaxGetRecordsBytes = 1 << 20;

base::Status StreamNotFound(std::string_view arn) {
  return base::NotFoundError("Requested resource not found: Stream: " + std::string(arn) +
                             " not found");
}

api::Record ToApiRecord(const StreamInfo& stream, uint64_t seq, StoredRecord stored) {
  api::Record record;
  char id[40];
  std::snprintf(id, sizeof(id), "%08" PRIx32 "%024" PRIx64, stream.stream_no, seq);
  record.event_id = id;
  using Event = StoredRecord::Event;
  record.event_name = stored.event == Event::kInsert   ? api::EventName::kInsert
                      : stored.event == Event::kModify ? api::EventName::kModify
                                                       : api::EventName::kRemove;
  record.event_version = "1.1";
  record.event_source = "aws:dynamodb";
  record.aws_region = kRegion;
  if (stored.by_ttl) record.user_identity = api::Identity{"dynamodb.amazonaws.com", "Service"};
  api::StreamRecord& d = record.dynamodb;
  d.approximate_creation_date_time = static_cast<double>(stored.created_ms / 1000);
  d.sequence_number = SequenceText(seq);
  d.stream_view_type = stream.view_type;
  d.size_bytes = static_cast<int64_t>(model::ItemSize(stored.keys));
  if (stored.new_image) d.size_bytes += static_cast<int64_t>(model::ItemSize(*stored.new_image));
  if (stored.old_image) d.size_bytes += static_cast<int64_t>(model::ItemSize(*stored.old_image));
  d.keys = std::move(stored.keys);
  d.new_image = std::move(stored.new_image);
  d.old_image = std::move(stored.old_image);
  return record;
}

}  // namespace

base::Status EmbeddedDynamoDb::LoadStreams() {
  std::string start(1, kStreamTag);
  auto it = store_->NewIterator(start, PrefixSuccessor(start));
  std::vector<StreamInfo> streams;
  uint64_t highest = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    OT_ASSIGN_OR_RETURN(StreamInfo stream, DecodeStreamInfo(it->value()));
    // The stream's last record, which a crash may have left past its descriptor's view.
    auto records = store_->NewIterator(RecordKey(stream.stream_no, 0),
                                       RecordKey(stream.stream_no + 1, 0));
    records->SeekToLast();
    if (records->Valid()) highest = std::max(highest, RecordSequence(records->key()));
    OT_RETURN_IF_ERROR(records->status());
    streams.push_back(std::move(stream));
  }
  OT_RETURN_IF_ERROR(it->status());
  streams_.Load(std::move(streams), highest);
  return base::Status();
}

base::Status EmbeddedDynamoDb::ApplyStreamSpecification(
    const std::optional<model::StreamSpecification>& spec, bool creating, TableInfo* table,
    kv::WriteBatch* batch, StreamChange* change) {
  if (!spec) return base::Status();
  const bool has_stream = table->stream && table->stream->enabled;
  if (spec->stream_enabled) {
    if (!spec->stream_view_type) {
      return model::InvalidParameterError(
          creating ? "Table is being created with a stream enabled, UpdateViewType is required"
                   : "If stream is being enabled then UpdateViewType is required");
    }
    if (has_stream) {
      return base::ValidationError("Table already has an enabled stream: TableName: " +
                                   table->name);
    }
  } else {
    if (spec->stream_view_type) {
      return model::InvalidParameterError(
          creating ? "Table is being created with a stream disabled, UpdateViewType should not "
                     "be specified"
                   : "If stream is being disabled, then UpdateViewType must not be specified");
    }
    if (creating) return base::Status();
    if (!has_stream) {
      return base::ValidationError("Table has no stream to disable: TableName: " + table->name);
    }
    CloseStreamOf(*table, batch, change);
    table->stream->enabled = false;
    return base::Status();
  }
  OT_ASSIGN_OR_RETURN(auto counters, store_->GetCounters(kTableIdCounterKey));
  StreamInfo stream;
  stream.stream_no = static_cast<uint32_t>((counters.size() > 1 ? counters[1] : 0) + 1);
  stream.table_id = table->id;
  stream.table_name = table->name;
  stream.table_arn = table->Arn();
  stream.key = table->key;
  stream.view_type = *spec->stream_view_type;
  // Whole milliseconds, later than the table's previous stream: labels are unique.
  stream.created = static_cast<double>(UnixMillis(Now())) / 1000;
  if (table->stream && stream.created <= table->stream->created) {
    stream.created = table->stream->created + 0.001;
  }
  stream = streams_.Open(std::move(stream));
  change->Opened(stream.stream_no);
  batch->AddToCounters(kTableIdCounterKey, {0, 1});
  batch->Put(StreamKey(stream.stream_no), EncodeStreamInfo(stream));
  table->stream = TableStream{stream.stream_no, stream.view_type, true, stream.created};
  return base::Status();
}

void EmbeddedDynamoDb::CloseStreamOf(const TableInfo& table, kv::WriteBatch* batch,
                                     StreamChange* change) {
  if (!table.stream || !table.stream->enabled) return;
  std::optional<StreamInfo> closed = streams_.Close(table.stream->stream_no, Now());
  if (!closed) return;
  change->Closed(closed->stream_no);
  batch->Put(StreamKey(closed->stream_no), EncodeStreamInfo(*closed));
}

void EmbeddedDynamoDb::DescribeStreamOf(const TableInfo& table, model::TableDescription* d) {
  if (!table.stream) return;
  if (table.stream->enabled) {
    d->stream_specification = model::StreamSpecification{true, table.stream->view_type};
  }
  d->latest_stream_label = StreamLabel(table.stream->created);
  d->latest_stream_arn = StreamArn(table.Arn(), table.stream->created);
}

base::Result<api::ListStreamsResponse> EmbeddedDynamoDb::ListStreams(
    const api::ListStreamsRequest& r) {
  OT_RETURN_IF_ERROR(model::CheckLimit(r.limit, kMaxListStreamsLimit));
  if (r.exclusive_start_stream_arn) OT_RETURN_IF_ERROR(CheckStreamArn(*r.exclusive_start_stream_arn));
  const int64_t limit = r.limit.value_or(kMaxListStreamsLimit);
  api::ListStreamsResponse out;
  for (const StreamInfo& stream : streams_.All()) {
    if (r.table_name && stream.table_name != *r.table_name) continue;
    const std::string arn = stream.Arn();
    if (r.exclusive_start_stream_arn && arn <= *r.exclusive_start_stream_arn) continue;
    if (static_cast<int64_t>(out.streams.size()) == limit) {
      out.last_evaluated_stream_arn = out.streams.back().stream_arn;
      break;
    }
    out.streams.push_back({arn, stream.table_name, stream.Label()});
  }
  return out;
}

base::Result<api::DescribeStreamResponse> EmbeddedDynamoDb::DescribeStream(
    const api::DescribeStreamRequest& r) {
  OT_RETURN_IF_ERROR(model::CheckLimit(r.limit, kMaxDescribeStreamLimit));
  OT_RETURN_IF_ERROR(CheckStreamArn(r.stream_arn));
  std::optional<StreamInfo> stream = streams_.FindByArn(r.stream_arn);
  if (!stream) return StreamNotFound(r.stream_arn);
  api::DescribeStreamResponse out;
  api::StreamDescription& d = out.stream_description;
  d.stream_arn = stream->Arn();
  d.stream_label = stream->Label();
  d.stream_status = stream->disabled ? api::StreamStatus::kDisabled : api::StreamStatus::kEnabled;
  d.stream_view_type = stream->view_type;
  d.creation_request_date_time = stream->created;
  d.table_name = stream->table_name;
  d.key_schema = KeyElements(stream->key);
  // One shard, listed unless the page starts at or after it (shard ids go
  // in their text's order; an unknown start is no error, as on DynamoDB).
  if (!r.exclusive_start_shard_id || stream->ShardId() > *r.exclusive_start_shard_id) {
    api::Shard shard;
    shard.shard_id = stream->ShardId();
    shard.sequence_number_range.starting_sequence_number = SequenceText(stream->first_seq);
    if (stream->last_seq) {
      shard.sequence_number_range.ending_sequence_number = SequenceText(*stream->last_seq);
    }
    d.shards.push_back(std::move(shard));
  }
  return out;
}

base::Result<api::GetShardIteratorResponse> EmbeddedDynamoDb::GetShardIterator(
    const api::GetShardIteratorRequest& r) {
  OT_RETURN_IF_ERROR(CheckStreamArn(r.stream_arn));
  using Type = api::ShardIteratorType;
  const bool at_or_after = r.shard_iterator_type == Type::kAtSequenceNumber ||
                           r.shard_iterator_type == Type::kAfterSequenceNumber;
  std::optional<uint64_t> seq;
  if (at_or_after) {
    if (!r.sequence_number) {
      return base::ValidationError(
          "Must provide sequence number when using shard iterator type AT_SEQUENCE_NUMBER or "
          "AFTER_SEQUENCE_NUMBER");
    }
    seq = ParseSequence(*r.sequence_number);
    if (!seq) return base::ValidationError("Invalid SequenceNumber: " + *r.sequence_number);
  } else if (r.sequence_number) {
    return base::ValidationError(
        "Sequence number should not be specified when using shard iterator type TRIM_HORIZON "
        "or LATEST");
  }
  std::optional<StreamInfo> stream = streams_.FindByArn(r.stream_arn);
  if (!stream) return StreamNotFound(r.stream_arn);
  if (r.shard_id != stream->ShardId()) {
    return base::NotFoundError("Requested resource not found: Shard does not exist");
  }
  uint64_t position = 0;
  switch (r.shard_iterator_type) {
    case Type::kTrimHorizon:
      position = stream->trimmed_before;
      break;
    case Type::kLatest:
      position = (stream->last_seq ? *stream->last_seq : streams_.VisibleThrough()) + 1;
      position = std::max(position, stream->first_seq);
      break;
    case Type::kAtSequenceNumber:
    case Type::kAfterSequenceNumber: {
      const uint64_t shard_end = stream->last_seq.value_or(streams_.LastClaimed());
      // The starting number DescribeStream shows is a place to start at
      // even before a record has it.
      const bool at_start = r.shard_iterator_type == Type::kAtSequenceNumber &&
                            *seq == stream->first_seq;
      if (*seq < stream->first_seq || (*seq > shard_end && !at_start)) {
        return base::ValidationError("Invalid SequenceNumber for the shard");
      }
      if (*seq < stream->trimmed_before) {
        return base::Status(base::ErrorCode::kTrimmedDataAccess,
                            "The data you are trying to access has been trimmed");
      }
      position = r.shard_iterator_type == Type::kAtSequenceNumber ? *seq : *seq + 1;
      break;
    }
  }
  api::GetShardIteratorResponse out;
  out.shard_iterator = EncodeShardIterator({r.stream_arn, position, UnixMillis(Now())});
  return out;
}

base::Result<api::GetRecordsResponse> EmbeddedDynamoDb::GetRecords(const api::GetRecordsRequest& r) {
  OT_RETURN_IF_ERROR(model::CheckLimit(r.limit, kMaxGetRecordsLimit));
  OT_ASSIGN_OR_RETURN(ShardIterator iterator, DecodeShardIterator(r.shard_iterator));
  const int64_t now_ms = UnixMillis(Now());
  if (now_ms - iterator.issued_ms > kIteratorLifetimeMs) {
    return base::Status(base::ErrorCode::kExpiredIterator, "Shard iterator has expired");
  }
  std::optional<StreamInfo> stream = streams_.FindByArn(iterator.stream_arn);
  if (!stream) return StreamNotFound(iterator.stream_arn);
  if (iterator.position < stream->trimmed_before) {
    return base::Status(base::ErrorCode::kTrimmedDataAccess,
                        "The data you are trying to access has been trimmed");
  }
  // Records are read only up to the watermark, and never past a closed shard's end.
  uint64_t through = streams_.VisibleThrough();
  if (stream->last_seq) through = std::min(through, *stream->last_seq);
  const int64_t limit = r.limit.value_or(kMaxGetRecordsLimit);
  api::GetRecordsResponse out;
  uint64_t next = iterator.position;
  if (next <= through) {
    auto it = store_->NewIterator(RecordKey(stream->stream_no, next),
                                  RecordKey(stream->stream_no, through + 1));
    int64_t bytes = 0;
    for (it->SeekToFirst(); it->Valid() && static_cast<int64_t>(out.records.size()) < limit;
         it->Next()) {
      if (bytes > 0 && bytes + static_cast<int64_t>(it->value().size()) > kMaxGetRecordsBytes) {
        break;
      }
      bytes += static_cast<int64_t>(it->value().size());
      const uint64_t seq = RecordSequence(it->key());
      OT_ASSIGN_OR_RETURN(StoredRecord stored, DecodeRecord(it->value()));
      out.records.push_back(ToApiRecord(*stream, seq, std::move(stored)));
      next = seq + 1;
    }
    OT_RETURN_IF_ERROR(it->status());
    // Nothing left below the watermark: the next read starts after it.
    if (!it->Valid() && static_cast<int64_t>(out.records.size()) < limit) next = through + 1;
  }
  // A closed shard read to its end has no next iterator.
  if (!(stream->last_seq && next > *stream->last_seq)) {
    out.next_shard_iterator = EncodeShardIterator({iterator.stream_arn, next, now_ms});
  }
  return out;
}

base::Result<int64_t> EmbeddedDynamoDb::TrimStreams(size_t max_records) {
  base::MutexLock trimming(trim_mu_);
  const int64_t now_ms = UnixMillis(Now());
  const int64_t horizon_ms = now_ms - options_.stream_retention.count();
  int64_t trimmed = 0;
  size_t examined = 0;
  for (StreamInfo stream : streams_.All()) {
    if (examined >= max_records) break;
    const uint32_t no = stream.stream_no;
    if (stream.disabled && UnixMillis(*stream.disabled) < horizon_ms) {
      // Every record is older than the retention: the stream goes whole.
      base::MutexLock ddl(ddl_mu_);
      kv::WriteBatch forget;
      forget.Delete(StreamKey(no));
      OT_RETURN_IF_ERROR(store_->Write(forget));
      streams_.Forget(no);
      OT_RETURN_IF_ERROR(store_->DeleteRange(RecordKey(no, 0), RecordKey(no + 1, 0)));
      continue;
    }
    // The horizon moves only past records trimmed, so an iterator beyond
    // the last of them (a reader at the tail) stays valid.
    const uint64_t visible = streams_.VisibleThrough();
    uint64_t keep_from = stream.trimmed_before;
    auto it = store_->NewIterator(RecordKey(no, stream.trimmed_before), RecordKey(no + 1, 0));
    for (it->SeekToFirst(); it->Valid() && examined < max_records; it->Next(), ++examined) {
      const uint64_t seq = RecordSequence(it->key());
      std::optional<int64_t> at = RecordTime(it->value());
      if (seq > visible || !at || *at >= horizon_ms) break;
      keep_from = seq + 1;
      ++trimmed;
    }
    OT_RETURN_IF_ERROR(it->status());
    if (keep_from == stream.trimmed_before) continue;
    {
      // Under the DDL mutex, which disabling a stream holds: the descriptor
      // written is the stream as it is now, with the new horizon.
      base::MutexLock ddl(ddl_mu_);
      std::optional<StreamInfo> current = streams_.SetTrimmedBefore(no, keep_from);
      if (!current) continue;
      // The descriptor first: a crash before the deletion leaves records
      // below the horizon, which nothing reads, and the next trim deletes from 0.
      kv::WriteBatch descriptor;
      descriptor.Put(StreamKey(no), EncodeStreamInfo(*current));
      OT_RETURN_IF_ERROR(store_->Write(descriptor));
    }
    OT_RETURN_IF_ERROR(store_->DeleteRange(RecordKey(no, 0), RecordKey(no, keep_from)));
  }
  return trimmed;
}

}  // namespace ordertrack::engine
