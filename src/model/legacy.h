// File: model/legacy.h
// DynamoDB's legacy request parameters (KeyConditions, Expected, QueryFilter,
// ScanFilter, AttributeUpdates) as typed values. The expression module maps
// them onto the same trees as the expression parameters.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/attribute_value.h"

namespace ordertrack::model {

enum class ComparisonOperator : uint8_t {
  kEq,
  kNe,
  kLe,
  kLt,
  kGe,
  kGt,
  kNotNull,
  kNull,
  kContains,
  kNotContains,
  kBeginsWith,
  kIn,
  kBetween,
};

// "EQ", "NE", ... as on the wire.
std::string_view ComparisonOperatorName(ComparisonOperator op);
bool ComparisonOperatorFromName(std::string_view name, ComparisonOperator* op);

// One entry of KeyConditions, QueryFilter or ScanFilter ("Condition" in the API).
struct LegacyCondition {
  ComparisonOperator comparison_operator = ComparisonOperator::kEq;
  std::vector<AttributeValue> attribute_value_list;
  bool operator==(const LegacyCondition&) const = default;
};

// One entry of Expected.
struct ExpectedAttributeValue {
  std::optional<AttributeValue> value;
  std::optional<bool> exists;
  std::optional<ComparisonOperator> comparison_operator;
  std::vector<AttributeValue> attribute_value_list;
  bool operator==(const ExpectedAttributeValue&) const = default;
};

enum class ConditionalOperator : uint8_t { kAnd, kOr };

enum class AttributeAction : uint8_t { kPut, kAdd, kDelete };

// One entry of AttributeUpdates.
struct AttributeValueUpdate {
  std::optional<AttributeValue> value;
  AttributeAction action = AttributeAction::kPut;
  bool operator==(const AttributeValueUpdate&) const = default;
};

using LegacyConditions = std::map<std::string, LegacyCondition, std::less<>>;
using ExpectedMap = std::map<std::string, ExpectedAttributeValue, std::less<>>;
using AttributeUpdates = std::map<std::string, AttributeValueUpdate, std::less<>>;
using ExpressionAttributeNames = std::map<std::string, std::string, std::less<>>;
using ExpressionAttributeValues = Map;

}  // namespace ordertrack::model
