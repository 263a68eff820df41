// File: expr/internal/resolve.h
// Resolution: replaces the #name and :value references of a parsed tree
// (expr/parser.h) with the request's ExpressionAttributeNames and
// ExpressionAttributeValues, records which were used, and runs the checks
// that depend on them (operand types of literals, overlapping paths).
// Internal to the expression module.
#pragma once

#include <set>
#include <string>

#include "base/result.h"
#include "expr/ast.h"
#include "model/legacy.h"

namespace ordertrack::expr::internal {

struct ResolveContext {
  const model::ExpressionAttributeNames* names = nullptr;     // may be null
  const model::ExpressionAttributeValues* values = nullptr;   // may be null
  std::set<std::string, std::less<>>* used_names = nullptr;   // may be null
  std::set<std::string, std::less<>>* used_values = nullptr;  // may be null
};

// Each returns the resolved tree, or ValidationException whose message lacks
// the "Invalid XExpression: " prefix (the caller adds it).
base::Result<Condition> ResolveCondition(const Condition& raw, const ResolveContext& ctx);
base::Result<Update> ResolveUpdate(const Update& raw, const ResolveContext& ctx);
base::Result<Projection> ResolveProjection(const Projection& raw, const ResolveContext& ctx);

// The overlap and conflict checks that updates and projections share:
// DynamoDB's message for the first pair of `paths` that overlap (one is a
// prefix of the other) or, failing that, conflict (a field and an index at
// the same place); empty when there is none.
std::string CheckPathsOverlap(const std::vector<const Path*>& paths);

// DynamoDB's rendering of a literal in messages: "{N:2}", "{S:abc}".
std::string ValueForMessage(const model::AttributeValue& v);

}  // namespace ordertrack::expr::internal
