// File: model/validation.h
// Checks that values are well-formed by DynamoDB's rules: sets non-empty and
// without duplicates, nesting at most 32 levels deep. Key and size rules that
// need a schema live with the engine.
#pragma once

#include "base/status.h"
#include "model/attribute_value.h"

namespace ordertrack::model {

// ValidationException with DynamoDB's message when `value` is malformed.
base::Status ValidateValue(const AttributeValue& value);

// ValidateValue for every attribute of `item`.
base::Status ValidateItem(const Item& item);

}  // namespace ordertrack::model
