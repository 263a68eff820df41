// File: engine/internal/request_compiler.h
// Compiles the condition, update, projection and filter parameters of a
// request, in expression or legacy form, into expr trees, and refuses the
// combinations DynamoDB refuses (both forms at once, unused names or values).
#pragma once

#include <optional>
#include <string>

#include "api/dynamodb.h"
#include "expr/expression.h"

namespace ordertrack::engine {

// Null pointers mean "no condition" / "no projection" / "no filter".
struct CompiledWrite {
  expr::ConditionPtr condition;
  expr::UpdatePtr update;
};

base::Result<CompiledWrite> CompilePut(const api::PutItemRequest& r);
base::Result<CompiledWrite> CompileDelete(const api::DeleteItemRequest& r);
base::Result<CompiledWrite> CompileUpdate(const api::UpdateItemRequest& r);
// A transaction item's condition (and update, for TransactUpdate).
base::Result<CompiledWrite> CompileTransactItem(const std::optional<std::string>& condition,
                                                const std::optional<std::string>& update,
                                                const api::ExpressionParams& expression);

struct CompiledRead {
  std::optional<expr::KeyCondition> key_condition;  // Query only
  expr::ConditionPtr filter;
  expr::ProjectionPtr projection;
};

base::Result<CompiledRead> CompileQuery(const api::QueryRequest& r);
base::Result<CompiledRead> CompileScan(const api::ScanRequest& r);
base::Result<expr::ProjectionPtr> CompileGetProjection(const api::ReadProjection& projection,
                                                       const api::ExpressionParams& expression);

}  // namespace ordertrack::engine
