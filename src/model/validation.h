// File: model/validation.h
// Checks that values are well-formed by DynamoDB's rules: sets non-empty and
// without duplicates, nesting at most 32 levels deep. Key and size rules that
// need a schema live with the engine. Also the builders of DynamoDB's two
// kinds of ValidationException message, for wire/, expr/ and engine/ alike.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "model/attribute_value.h"

namespace ordertrack::model {

// ValidationException with DynamoDB's message when `value` is malformed.
base::Status ValidateValue(const AttributeValue& value);

// ValidateValue for every attribute of `item`.
base::Status ValidateItem(const Item& item);

// ValidationException "One or more parameter values were invalid: <detail>":
// DynamoDB's message for a request whose values break a rule of the data or
// of the table.
base::Status InvalidParameterError(std::string_view detail);

// ValidationException "1 validation error detected: <constraint>", or with
// several "N validation errors detected: <c1>; <c2>; ...": DynamoDB's message
// for parameters that fail the constraints of the API's shape, each worded
// "Value '<value>' at '<path>' failed to satisfy constraint: Member must ...".
// REQUIRES: !constraints.empty().
base::Status ConstraintErrors(const std::vector<std::string>& constraints);
base::Status ConstraintError(std::string constraint);
// A request's Limit, when given, within 1..max: DynamoDB's constraint
// message on 'limit' otherwise.
base::Status CheckLimit(const std::optional<int64_t>& limit, int64_t max = INT64_MAX);

// The constraint BatchWriteItem's RequestItems fails when a table's list of
// writes is empty or longer than kMaxBatchWriteItems; it follows "Value
// '<RequestItems>' at 'requestItems' failed to satisfy constraint: ".
const std::string& BatchWriteListConstraint();

}  // namespace ordertrack::model
