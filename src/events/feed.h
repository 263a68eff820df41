// File: events/feed.h
// EventFeed: the orders table's events, oldest first, read from its stream
// through api::DynamoDb, so it reads the same on the embedded store and on a
// remote one. A cursor names a place in the stream (stream, shard, sequence
// number); a shard that closes is followed into its child, so a reader on
// DynamoDB, which rolls shards over, loses nothing. Holds no state between
// calls. Thread-safe.
//
// Errors: ValidationException for a malformed cursor, a cursor of another
// table, a limit out of range; TrimmedDataAccessException for a cursor whose
// place the stream's retention has passed (the events after it are gone: the
// REST API answers 410); other codes come from the store.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "api/dynamodb.h"
#include "base/result.h"
#include "events/event.h"

namespace ordertrack::events {

inline constexpr int kMaxReadLimit = 100;

struct ReadRequest {
  std::optional<std::string> after;  // a cursor; absent: the oldest event kept
  int limit = 10;                    // 1..kMaxReadLimit
  std::set<EventType> types;         // empty: every type
};

struct EventPage {
  std::vector<Event> events;
  // Where the next read starts: after the last record looked at, which may
  // be past the last event (records of other changes are skipped). Absent
  // only when nothing was ever read and no cursor was given.
  std::optional<std::string> next_cursor;
};

class EventFeed {
 public:
  // `db` must outlive the feed.
  EventFeed(api::DynamoDb& db, std::string table);

  // Gives the table a NEW_AND_OLD_IMAGES stream when it has none (a table
  // the seed's own program created). ValidationException when its stream
  // has another view type, which events cannot be derived from; OK when the
  // table does not exist yet.
  base::Status EnsureStream();

  base::Result<EventPage> Read(const ReadRequest& request);

 private:
  struct Position;
  // The table's stream, enabled by EnsureStream's rule when it has none;
  // nullopt when the table does not exist.
  base::Result<std::optional<std::string>> LatestStreamArn();
  base::Result<std::optional<Position>> Start(const std::optional<std::string>& after);
  base::Result<std::optional<api::Shard>> ChildShard(const std::string& stream_arn,
                                                     const std::string& shard_id);

  api::DynamoDb& db_;
  const std::string table_;
};

}  // namespace ordertrack::events
