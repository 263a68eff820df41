#include "events/feed.h"

#include "events/cursor.h"

namespace ordertrack::events {
namespace {

// GetRecords calls one Read makes at most: a feed of mostly other changes
// answers within a bounded time, its cursor moved past what it skipped.
constexpr int kMaxCallsPerRead = 16;

// Records asked of each GetRecords call: a page of events needs about as
// many, and each one read is decoded whole.
constexpr int64_t kRecordsPerCall = kMaxReadLimit;

base::Status Gone(std::string_view why) {
  return base::Status(base::ErrorCode::kTrimmedDataAccess, std::string(why));
}

base::Status Trimmed() {
  return Gone("the events after this cursor are past the stream's retention");
}

// Before the first record of `shard`, a child whose parent was read to its
// end. Without a starting number (no store leaves it out) the place is
// TRIM_HORIZON's.
StreamPlace PlaceAtStart(const std::string& stream_arn, const api::Shard& shard) {
  return StreamPlace{stream_arn, shard.shard_id,
                     shard.sequence_number_range.starting_sequence_number.value_or(""), false};
}

api::GetShardIteratorRequest IteratorRequest(const StreamPlace& place) {
  api::GetShardIteratorRequest request{place.stream_arn, place.shard_id,
                                       api::ShardIteratorType::kTrimHorizon, std::nullopt};
  if (!place.sequence_number.empty()) {
    request.shard_iterator_type = place.after ? api::ShardIteratorType::kAfterSequenceNumber
                                              : api::ShardIteratorType::kAtSequenceNumber;
    request.sequence_number = place.sequence_number;
  }
  return request;
}

base::Status InvalidCursor() {
  return base::ValidationError("cursor is not a cursor of this feed");
}

}  // namespace

struct EventFeed::Position {
  StreamPlace place;
  std::string iterator;
};

EventFeed::EventFeed(api::DynamoDb& db, std::string table) : db_(db), table_(std::move(table)) {}

base::Status EventFeed::EnsureStream() { return LatestStreamArn().status(); }

base::Result<std::optional<std::string>> EventFeed::LatestStreamArn() {
  auto table = db_.DescribeTable({table_});
  if (!table.ok()) {
    if (table.status().code() != base::ErrorCode::kResourceNotFound) return table.status();
    return std::optional<std::string>();
  }
  const auto& spec = table->stream_specification;
  if (spec && spec->stream_enabled) {
    if (spec->stream_view_type != model::StreamViewType::kNewAndOldImages) {
      return base::ValidationError("table " + table_ +
                                   " has a stream without both images; order events need "
                                   "StreamViewType NEW_AND_OLD_IMAGES");
    }
    return table->latest_stream_arn;
  }
  api::UpdateTableRequest update;
  update.table_name = table_;
  update.stream_specification =
      model::StreamSpecification{true, model::StreamViewType::kNewAndOldImages};
  OT_ASSIGN_OR_RETURN(auto updated, db_.UpdateTable(update));
  return updated.latest_stream_arn;
}

base::Result<std::optional<api::Shard>> EventFeed::ChildShard(const std::string& stream_arn,
                                                              const std::string& shard_id) {
  api::DescribeStreamRequest describe{stream_arn, std::nullopt, std::nullopt};
  while (true) {
    OT_ASSIGN_OR_RETURN(auto described, db_.DescribeStream(describe));
    for (api::Shard& shard : described.stream_description.shards) {
      if (shard.parent_shard_id == shard_id) return std::optional<api::Shard>(std::move(shard));
    }
    if (!described.stream_description.last_evaluated_shard_id) return std::optional<api::Shard>();
    describe.exclusive_start_shard_id = described.stream_description.last_evaluated_shard_id;
  }
}

// Where a read after `after` starts; nullopt when the table has no stream yet.
base::Result<std::optional<EventFeed::Position>> EventFeed::Start(
    const std::optional<std::string>& after) {
  Position position;
  if (after) {
    std::optional<StreamPlace> place = DecodeCursor(*after);
    if (!place) return InvalidCursor();
    if (place->stream_arn.find(":table/" + table_ + "/stream/") == std::string::npos) {
      return base::ValidationError("cursor is not a cursor of table " + table_);
    }
    position.place = std::move(*place);
  } else {
    OT_ASSIGN_OR_RETURN(std::optional<std::string> arn, LatestStreamArn());
    if (!arn) return std::optional<Position>();
    OT_ASSIGN_OR_RETURN(auto described, db_.DescribeStream({*arn, std::nullopt, std::nullopt}));
    // DescribeStream lists shards oldest first.
    const auto& shards = described.stream_description.shards;
    if (shards.empty()) return std::optional<Position>();
    // From the oldest record kept: TRIM_HORIZON, a place with no number.
    position.place = StreamPlace{*arn, shards.front().shard_id, "", false};
  }
  auto iterator = db_.GetShardIterator(IteratorRequest(position.place));
  if (!iterator.ok()) {
    const base::ErrorCode code = iterator.status().code();
    if (code == base::ErrorCode::kResourceNotFound) {
      return Gone("the stream this cursor reads is gone: its events are past the retention");
    }
    if (code == base::ErrorCode::kTrimmedDataAccess) return Trimmed();
    return iterator.status();
  }
  if (!iterator->shard_iterator) return std::optional<Position>();
  position.iterator = *iterator->shard_iterator;
  return std::optional<Position>(std::move(position));
}

base::Result<EventPage> EventFeed::Read(const ReadRequest& request) {
  if (request.limit < 1 || request.limit > kMaxReadLimit) {
    return base::ValidationError("limit must be 1 to " + std::to_string(kMaxReadLimit));
  }
  OT_ASSIGN_OR_RETURN(std::optional<Position> position, Start(request.after));
  EventPage page;
  page.next_cursor = request.after;
  if (!position) return page;
  StreamPlace& place = position->place;
  // A place with no number (TRIM_HORIZON) is no cursor: it would skip what
  // a later trimming removes.
  auto mark = [&] {
    if (!place.sequence_number.empty()) page.next_cursor = EncodeCursor(place);
  };
  std::optional<std::string> iterator = position->iterator;
  for (int call = 0; call < kMaxCallsPerRead && iterator; ++call) {
    auto got = db_.GetRecords({*iterator, kRecordsPerCall});
    if (!got.ok() && got.status().code() == base::ErrorCode::kTrimmedDataAccess) return Trimmed();
    OT_RETURN_IF_ERROR(got.status());
    for (const api::Record& record : got->records) {
      place.sequence_number = record.dynamodb.sequence_number;
      place.after = true;
      std::optional<Event> event = EventOf(record);
      if (event && (request.types.empty() || request.types.contains(event->type))) {
        event->cursor = EncodeCursor(place);
        page.events.push_back(std::move(*event));
        if (static_cast<int>(page.events.size()) == request.limit) break;
      }
    }
    mark();
    if (static_cast<int>(page.events.size()) == request.limit) break;
    iterator = std::move(got->next_shard_iterator);
    if (!got->records.empty()) continue;
    if (iterator) break;  // caught up with the open shard
    // A closed shard read to its end: its child goes on where it stopped.
    OT_ASSIGN_OR_RETURN(std::optional<api::Shard> child,
                        ChildShard(place.stream_arn, place.shard_id));
    if (!child) break;
    place = PlaceAtStart(place.stream_arn, *child);
    mark();
    OT_ASSIGN_OR_RETURN(auto next, db_.GetShardIterator(IteratorRequest(place)));
    iterator = std::move(next.shard_iterator);
  }
  return page;
}

}  // namespace ordertrack::events
