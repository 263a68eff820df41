// File: api/reads.h
// Requests and responses of Query and Scan.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/common.h"
#include "api/items.h"

namespace ordertrack::api {

// What Query and Scan share.
struct ReadParams {
  std::string table_name;
  std::optional<std::string> index_name;
  std::optional<std::string> filter_expression;
  std::optional<model::LegacyConditions> legacy_filter;  // QueryFilter or ScanFilter
  std::optional<model::ConditionalOperator> conditional_operator;
  ReadProjection projection;
  ExpressionParams expression;
  Select select = Select::kDefault;
  std::optional<int64_t> limit;
  std::optional<Item> exclusive_start_key;
  bool consistent_read = false;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
  bool operator==(const ReadParams&) const = default;
};

struct QueryRequest {
  ReadParams read;
  std::optional<std::string> key_condition_expression;
  std::optional<model::LegacyConditions> key_conditions;
  bool scan_index_forward = true;
  bool operator==(const QueryRequest&) const = default;
};

struct ScanRequest {
  ReadParams read;
  std::optional<int32_t> segment;
  std::optional<int32_t> total_segments;
  bool operator==(const ScanRequest&) const = default;
};

// The answer of Query and Scan.
struct ReadResponse {
  std::vector<Item> items;  // empty with Select COUNT
  int64_t count = 0;
  int64_t scanned_count = 0;
  std::optional<Item> last_evaluated_key;
  std::optional<ConsumedCapacity> consumed_capacity;
  bool operator==(const ReadResponse&) const = default;
};
using QueryResponse = ReadResponse;
using ScanResponse = ReadResponse;

}  // namespace ordertrack::api
