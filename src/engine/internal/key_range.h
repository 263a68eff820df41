// File: engine/internal/key_range.h
// The stored-key ranges that Query and Scan walk: a partition and sort-key
// condition becomes one contiguous range; a parallel scan segment is a
// contiguous range of partition hashes.
#pragma once

#include <optional>
#include <string>

#include "base/result.h"
#include "expr/expression.h"
#include "model/schema.h"

namespace ordertrack::engine {

struct KeyRange {
  std::string lower;  // inclusive
  std::string upper;  // exclusive
};

// The range of a key condition on a table (index_no 0) or index with key
// `schema`. ValidationException with DynamoDB's messages when the condition
// does not fit the schema.
base::Result<KeyRange> KeyRangeOf(uint32_t table_id, uint16_t index_no,
                                  const model::KeySchema& schema,
                                  const expr::KeyCondition& condition);

// The range of scan segment `segment` of `total_segments` (both absent: the
// whole table or index).
base::Result<KeyRange> SegmentRange(uint32_t table_id, uint16_t index_no,
                                    std::optional<int32_t> segment,
                                    std::optional<int32_t> total_segments);

}  // namespace ordertrack::engine
