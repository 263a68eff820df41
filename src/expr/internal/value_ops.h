// File: expr/internal/value_ops.h
// Internal helpers shared by condition evaluation, update application and
// projection: walking document paths and comparing values by DynamoDB's rules.
#pragma once

#include <optional>

#include "expr/ast.h"
#include "model/attribute_value.h"

namespace ordertrack::expr::internal {

// The value at `path` in `item`, or null when some step is missing or has the
// wrong type (a field of a non-map, an index of a non-list or past its end).
const model::AttributeValue* Find(const model::Item& item, const Path& path);

// Order of two scalars of the same type: S and B by bytes (unsigned), N by
// value. nullopt when the types differ or are not S, N or B.
std::optional<int> CompareScalars(const model::AttributeValue& a, const model::AttributeValue& b);

// DynamoDB's size(): length of S and B, element count of sets, M and L.
// nullopt for other types.
std::optional<size_t> SizeOf(const model::AttributeValue& v);

// The value of a condition operand: a pointer into `item` or the tree, or to
// `scratch` for computed values (size). Null when the operand has no value.
const model::AttributeValue* EvaluateOperand(const Operand& operand, const model::Item& item,
                                             model::AttributeValue* scratch);

}  // namespace ordertrack::expr::internal
