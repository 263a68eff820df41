// File: engine/internal/stream_iterator.h
// Internal to the engine: shard iterators and stream ARNs as text.
//
// A shard iterator names a stream, the sequence number its next read
// starts at, and when it was issued; it is good for 15 minutes, as
// DynamoDB's are. Its text is "<stream ARN>|1|<position>|<issued ms>|<check>",
// the check a hash of the rest, so a mangled iterator is refused as
// malformed rather than read from somewhere else. Iterators carry no secret:
// anyone who may read the stream may make one.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/result.h"

namespace ordertrack::engine {

inline constexpr int64_t kIteratorLifetimeMs = 15 * 60 * 1000;

struct ShardIterator {
  std::string stream_arn;
  uint64_t position = 0;  // the first sequence number the next read may return
  int64_t issued_ms = 0;
};

std::string EncodeShardIterator(const ShardIterator& iterator);
// ValidationException when `text` is not an iterator EncodeShardIterator made.
base::Result<ShardIterator> DecodeShardIterator(std::string_view text);

// ValidationException unless `arn` has the form of a stream's ARN:
// arn:aws:dynamodb:<region>:<account>:table/<table name>/stream/<label>.
base::Status CheckStreamArn(std::string_view arn);

}  // namespace ordertrack::engine
