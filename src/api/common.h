// File: api/common.h
// Parameters shared by many DynamoDB operations: return-value options,
// consumed capacity, expression names and values, legacy conditions.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/attribute_value.h"
#include "model/legacy.h"

namespace ordertrack::api {

using model::AttributeValue;
using model::Item;

enum class ReturnValue : uint8_t { kNone, kAllOld, kUpdatedOld, kAllNew, kUpdatedNew };
enum class ReturnConsumedCapacity : uint8_t { kNone, kTotal, kIndexes };
enum class ReturnItemCollectionMetrics : uint8_t { kNone, kSize };
enum class ReturnValuesOnConditionCheckFailure : uint8_t { kNone, kAllOld };
enum class Select : uint8_t {
  kDefault,  // not given: ALL_ATTRIBUTES, or SPECIFIC_ATTRIBUTES with a projection
  kAllAttributes,
  kAllProjectedAttributes,
  kSpecificAttributes,
  kCount,
};

// Capacity a request consumed, reported when ReturnConsumedCapacity asks for it.
struct Capacity {
  double capacity_units = 0;
  double read_capacity_units = 0;
  double write_capacity_units = 0;
  bool operator==(const Capacity&) const = default;
};
struct ConsumedCapacity {
  std::string table_name;
  Capacity total;
  std::optional<Capacity> table;                      // INDEXES only
  std::map<std::string, Capacity> global_secondary_indexes;  // INDEXES only
  std::map<std::string, Capacity> local_secondary_indexes;   // INDEXES only
  bool operator==(const ConsumedCapacity&) const = default;
};

struct ItemCollectionMetrics {
  Item item_collection_key;
  std::vector<double> size_estimate_range_gb;
  bool operator==(const ItemCollectionMetrics&) const = default;
};

// ExpressionAttributeNames and ExpressionAttributeValues: absent differs from
// empty (DynamoDB refuses an empty map).
struct ExpressionParams {
  std::optional<model::ExpressionAttributeNames> expression_attribute_names;
  std::optional<model::ExpressionAttributeValues> expression_attribute_values;
  bool operator==(const ExpressionParams&) const = default;
};

// A write's condition: an expression or the legacy Expected map.
struct ConditionParams {
  std::optional<std::string> condition_expression;
  std::optional<model::ExpectedMap> expected;
  std::optional<model::ConditionalOperator> conditional_operator;
  bool operator==(const ConditionParams&) const = default;
};

}  // namespace ordertrack::api
