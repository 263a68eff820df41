#include "engine/internal/request_compiler.h"

#include "model/validation.h"

namespace ordertrack::engine {
namespace {

const model::ExpressionAttributeNames* NamesOf(const api::ExpressionParams& e) {
  return e.expression_attribute_names ? &*e.expression_attribute_names : nullptr;
}
const model::ExpressionAttributeValues* ValuesOf(const api::ExpressionParams& e) {
  return e.expression_attribute_values ? &*e.expression_attribute_values : nullptr;
}

// A request parameter, and whether the request gave it.
struct Param {
  std::string_view name;
  bool given;
};

// DynamoDB refuses a request that mixes legacy parameters with expression
// ones, naming every one given of each kind, in the orders listed here.
base::Status CheckOneForm(std::initializer_list<Param> legacy,
                          std::initializer_list<Param> expression) {
  auto given = [](std::initializer_list<Param> params) {
    std::vector<std::string_view> names;
    for (const Param& p : params) {
      if (p.given) names.push_back(p.name);
    }
    return names;
  };
  return expr::CheckNotMixed(given(expression), given(legacy));
}

// Query and Scan; a Scan has no key conditions of either kind.
base::Status CheckReadForm(const api::ReadParams& r, std::string_view legacy_filter_name,
                           bool key_conditions, bool key_condition_expression) {
  return CheckOneForm(
      {{"AttributesToGet", r.projection.attributes_to_get.has_value()},
       {legacy_filter_name, r.legacy_filter.has_value()},
       {"ConditionalOperator", r.conditional_operator.has_value()},
       {"KeyConditions", key_conditions}},
      {{"ProjectionExpression", r.projection.projection_expression.has_value()},
       {"FilterExpression", r.filter_expression.has_value()},
       {"KeyConditionExpression", key_condition_expression}});
}

base::Status CheckNotEmpty(const api::ExpressionParams& e) {
  if (e.expression_attribute_names && e.expression_attribute_names->empty()) {
    return base::ValidationError("ExpressionAttributeNames must not be empty");
  }
  if (e.expression_attribute_values && e.expression_attribute_values->empty()) {
    return base::ValidationError("ExpressionAttributeValues must not be empty");
  }
  return base::Status();
}

base::Result<expr::ConditionPtr> WriteCondition(const api::ConditionParams& c,
                                                expr::RequestExpressions& expressions) {
  if (c.conditional_operator && !c.expected) {
    return base::ValidationError(
        "ConditionalOperator can only be used when Expected or QueryFilter or ScanFilter is "
        "present");
  }
  if (c.condition_expression) return expressions.Condition(*c.condition_expression);
  if (c.expected) {
    return expr::FromExpected(*c.expected,
                              c.conditional_operator.value_or(model::ConditionalOperator::kAnd));
  }
  return expr::ConditionPtr();
}

base::Result<expr::ProjectionPtr> ReadProjectionOf(const api::ReadProjection& p,
                                                   expr::RequestExpressions& expressions) {
  if (p.projection_expression) return expressions.Projection(*p.projection_expression);
  if (p.attributes_to_get) return expr::FromAttributesToGet(*p.attributes_to_get);
  return expr::ProjectionPtr();
}

base::Result<CompiledRead> CompileReadCommon(const api::ReadParams& r,
                                             expr::RequestExpressions& expressions) {
  CompiledRead out;
  if (r.filter_expression) {
    OT_ASSIGN_OR_RETURN(out.filter, expressions.Filter(*r.filter_expression));
  } else if (r.legacy_filter) {
    OT_ASSIGN_OR_RETURN(out.filter, expr::FromFilter(*r.legacy_filter,
                                                     r.conditional_operator.value_or(
                                                         model::ConditionalOperator::kAnd)));
  }
  OT_ASSIGN_OR_RETURN(out.projection, ReadProjectionOf(r.projection, expressions));
  if (r.select == api::Select::kSpecificAttributes && !out.projection) {
    return model::ConstraintError(
        "Value 'SPECIFIC_ATTRIBUTES' at 'select' failed to satisfy constraint: Select type "
        "SPECIFIC_ATTRIBUTES requires AttributesToGet or ProjectionExpression");
  }
  if (out.projection && r.select != api::Select::kDefault &&
      r.select != api::Select::kSpecificAttributes) {
    return base::ValidationError(
        "Cannot specify the AttributesToGet or ProjectionExpression when choosing to get "
        "ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES or COUNT");
  }
  return out;
}

// PutItem and DeleteItem: a condition and nothing else.
base::Result<CompiledWrite> CompileConditionOnly(const api::ConditionParams& condition,
                                                 const api::ExpressionParams& expression) {
  OT_RETURN_IF_ERROR(CheckOneForm(
      {{"Expected", condition.expected.has_value()},
       {"ConditionalOperator", condition.conditional_operator.has_value()}},
      {{"ConditionExpression", condition.condition_expression.has_value()}}));
  OT_RETURN_IF_ERROR(CheckNotEmpty(expression));
  expr::RequestExpressions expressions(NamesOf(expression), ValuesOf(expression));
  CompiledWrite out;
  OT_ASSIGN_OR_RETURN(out.condition, WriteCondition(condition, expressions));
  OT_RETURN_IF_ERROR(expressions.CheckAllUsed());
  return out;
}

}  // namespace

base::Result<CompiledWrite> CompilePut(const api::PutItemRequest& r) {
  return CompileConditionOnly(r.condition, r.expression);
}

base::Result<CompiledWrite> CompileDelete(const api::DeleteItemRequest& r) {
  return CompileConditionOnly(r.condition, r.expression);
}

base::Result<CompiledWrite> CompileUpdate(const api::UpdateItemRequest& r) {
  OT_RETURN_IF_ERROR(CheckOneForm(
      {{"AttributeUpdates", r.attribute_updates.has_value()},
       {"Expected", r.condition.expected.has_value()},
       {"ConditionalOperator", r.condition.conditional_operator.has_value()}},
      {{"UpdateExpression", r.update_expression.has_value()},
       {"ConditionExpression", r.condition.condition_expression.has_value()}}));
  OT_RETURN_IF_ERROR(CheckNotEmpty(r.expression));
  expr::RequestExpressions expressions(NamesOf(r.expression), ValuesOf(r.expression));
  CompiledWrite out;
  if (r.update_expression) {
    OT_ASSIGN_OR_RETURN(out.update, expressions.Update(*r.update_expression));
  } else if (r.attribute_updates) {
    OT_ASSIGN_OR_RETURN(out.update, expr::FromAttributeUpdates(*r.attribute_updates));
  }
  OT_ASSIGN_OR_RETURN(out.condition, WriteCondition(r.condition, expressions));
  OT_RETURN_IF_ERROR(expressions.CheckAllUsed());
  return out;
}

base::Result<CompiledWrite> CompileTransactItem(const std::optional<std::string>& condition,
                                                const std::optional<std::string>& update,
                                                const api::ExpressionParams& expression) {
  OT_RETURN_IF_ERROR(CheckNotEmpty(expression));
  expr::RequestExpressions expressions(NamesOf(expression), ValuesOf(expression));
  CompiledWrite out;
  if (update) {
    OT_ASSIGN_OR_RETURN(out.update, expressions.Update(*update));
  }
  if (condition) {
    OT_ASSIGN_OR_RETURN(out.condition, expressions.Condition(*condition));
  }
  OT_RETURN_IF_ERROR(expressions.CheckAllUsed());
  return out;
}

base::Result<CompiledRead> CompileQuery(const api::QueryRequest& r) {
  OT_RETURN_IF_ERROR(
      CheckReadForm(r.read, "QueryFilter", r.key_conditions.has_value(),
                    r.key_condition_expression.has_value()));
  OT_RETURN_IF_ERROR(CheckNotEmpty(r.read.expression));
  if (!r.key_condition_expression && !r.key_conditions) {
    return base::ValidationError(
        "Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
        "request.");
  }
  expr::RequestExpressions expressions(NamesOf(r.read.expression), ValuesOf(r.read.expression));
  std::optional<expr::KeyCondition> key_condition;
  if (r.key_condition_expression) {
    OT_ASSIGN_OR_RETURN(key_condition, expressions.KeyConditionExpression(*r.key_condition_expression));
  } else {
    OT_ASSIGN_OR_RETURN(key_condition, expr::FromKeyConditions(*r.key_conditions));
  }
  OT_ASSIGN_OR_RETURN(CompiledRead out, CompileReadCommon(r.read, expressions));
  out.key_condition = std::move(key_condition);
  OT_RETURN_IF_ERROR(expressions.CheckAllUsed());
  return out;
}

base::Result<CompiledRead> CompileScan(const api::ScanRequest& r) {
  OT_RETURN_IF_ERROR(CheckReadForm(r.read, "ScanFilter", false, false));
  OT_RETURN_IF_ERROR(CheckNotEmpty(r.read.expression));
  expr::RequestExpressions expressions(NamesOf(r.read.expression), ValuesOf(r.read.expression));
  OT_ASSIGN_OR_RETURN(CompiledRead out, CompileReadCommon(r.read, expressions));
  OT_RETURN_IF_ERROR(expressions.CheckAllUsed());
  return out;
}

base::Result<expr::ProjectionPtr> CompileGetProjection(const api::ReadProjection& projection,
                                                       const api::ExpressionParams& expression) {
  OT_RETURN_IF_ERROR(CheckOneForm({{"AttributesToGet", projection.attributes_to_get.has_value()}},
                                  {{"ProjectionExpression",
                                    projection.projection_expression.has_value()}}));
  OT_RETURN_IF_ERROR(CheckNotEmpty(expression));
  expr::RequestExpressions expressions(NamesOf(expression), ValuesOf(expression));
  OT_ASSIGN_OR_RETURN(auto out, ReadProjectionOf(projection, expressions));
  OT_RETURN_IF_ERROR(expressions.CheckAllUsed());
  return out;
}

}  // namespace ordertrack::engine
