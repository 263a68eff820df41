// File: expr/internal/key_condition.h
// Turns a resolved KeyConditionExpression tree into a KeyCondition: a
// partition-key equality and an optional sort-key condition, refusing
// everything else with DynamoDB's messages. Internal to the module.
#pragma once

#include "base/result.h"
#include "expr/ast.h"
#include "expr/expression.h"

namespace ordertrack::expr::internal {

base::Result<KeyCondition> ToKeyCondition(const Condition& condition);

}  // namespace ordertrack::expr::internal
