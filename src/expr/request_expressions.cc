// RequestExpressions: parse (through the cache), then resolve against the
// request's names and values, prefixing errors with "Invalid XExpression: ".
#include <memory>

#include "expr/ast.h"
#include "expr/expression.h"
#include "expr/internal/key_condition.h"
#include "expr/internal/resolve.h"
#include "expr/parse_cache.h"
#include "model/validation.h"

namespace ordertrack::expr {
namespace {

using base::Result;
using base::Status;
using base::ValidationError;

Status Prefixed(std::string_view kind, const std::string& message) {
  return ValidationError("Invalid " + std::string(kind) + ": " + message);
}

std::string JoinKeys(const std::vector<std::string>& keys) {
  std::string out = "{";
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) out += ", ";
    out += keys[i];
  }
  return out + "}";
}

// "#" or ":" followed by one or more of [A-Za-z0-9_].
bool ValidKey(std::string_view key, char prefix) {
  if (key.size() < 2 || key[0] != prefix) return false;
  for (char c : key.substr(1)) {
    bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    if (!ok) return false;
  }
  return true;
}

}  // namespace

RequestExpressions::RequestExpressions(const model::ExpressionAttributeNames* names,
                                       const model::ExpressionAttributeValues* values,
                                       ParseCache* cache)
    : cache_(cache != nullptr ? cache : &ParseCache::Shared()), names_(names), values_(values) {}

Status RequestExpressions::CheckParameters() {
  if (parameters_checked_) return Status::Ok();
  if (names_ != nullptr) {
    if (names_->empty()) return ValidationError("ExpressionAttributeNames must not be empty");
    for (const auto& [key, name] : *names_) {
      if (!ValidKey(key, '#')) {
        return ValidationError(
            "ExpressionAttributeNames contains invalid key: Syntax error; key: \"" + key + "\"");
      }
      if (name.empty()) {
        return ValidationError(
            "ExpressionAttributeNames contains invalid value: Empty attribute name for key " + key);
      }
    }
  }
  if (values_ != nullptr) {
    if (values_->empty()) return ValidationError("ExpressionAttributeValues must not be empty");
    for (const auto& [key, value] : *values_) {
      if (!ValidKey(key, ':')) {
        return ValidationError(
            "ExpressionAttributeValues contains invalid key: Syntax error; key: \"" + key + "\"");
      }
    }
    for (const auto& [key, value] : *values_) {
      Status s = model::ValidateValue(value);
      if (!s.ok()) {
        return ValidationError("ExpressionAttributeValues contains invalid value: " + s.message() +
                               " for key " + key);
      }
    }
  }
  parameters_checked_ = true;
  return Status::Ok();
}

Result<ConditionPtr> RequestExpressions::CompileCondition(std::string_view kind,
                                                          std::string_view text) {
  OT_RETURN_IF_ERROR(CheckParameters());
  any_expression_ = true;
  any_value_expression_ = true;
  std::shared_ptr<const internal::Parsed> parsed = cache_->Get(internal::Grammar::kCondition, text);
  if (!parsed->error.empty()) return Prefixed(kind, parsed->error);
  internal::ResolveContext ctx{names_, values_, &used_names_, &used_values_};
  Result<expr::Condition> resolved = internal::ResolveCondition(parsed->condition, ctx);
  if (!resolved.ok()) return Prefixed(kind, resolved.status().message());
  return std::make_shared<const expr::Condition>(std::move(resolved).value());
}

Result<ConditionPtr> RequestExpressions::Condition(std::string_view text) {
  return CompileCondition("ConditionExpression", text);
}

Result<ConditionPtr> RequestExpressions::Filter(std::string_view text) {
  return CompileCondition("FilterExpression", text);
}

Result<UpdatePtr> RequestExpressions::Update(std::string_view text) {
  OT_RETURN_IF_ERROR(CheckParameters());
  any_expression_ = true;
  any_value_expression_ = true;
  constexpr std::string_view kKind = "UpdateExpression";
  std::shared_ptr<const internal::Parsed> parsed = cache_->Get(internal::Grammar::kUpdate, text);
  if (!parsed->error.empty()) return Prefixed(kKind, parsed->error);
  internal::ResolveContext ctx{names_, values_, &used_names_, &used_values_};
  Result<expr::Update> resolved = internal::ResolveUpdate(parsed->update, ctx);
  if (!resolved.ok()) return Prefixed(kKind, resolved.status().message());
  return std::make_shared<const expr::Update>(std::move(resolved).value());
}

Result<ProjectionPtr> RequestExpressions::Projection(std::string_view text) {
  OT_RETURN_IF_ERROR(CheckParameters());
  any_expression_ = true;
  constexpr std::string_view kKind = "ProjectionExpression";
  std::shared_ptr<const internal::Parsed> parsed =
      cache_->Get(internal::Grammar::kProjection, text);
  if (!parsed->error.empty()) return Prefixed(kKind, parsed->error);
  internal::ResolveContext ctx{names_, values_, &used_names_, &used_values_};
  Result<expr::Projection> resolved = internal::ResolveProjection(parsed->projection, ctx);
  if (!resolved.ok()) return Prefixed(kKind, resolved.status().message());
  return std::make_shared<const expr::Projection>(std::move(resolved).value());
}

Result<KeyCondition> RequestExpressions::KeyConditionExpression(std::string_view text) {
  OT_ASSIGN_OR_RETURN(ConditionPtr condition, CompileCondition("KeyConditionExpression", text));
  return internal::ToKeyCondition(*condition);
}

Status RequestExpressions::CheckAllUsed() const {
  if (names_ != nullptr && names_->empty()) {
    return ValidationError("ExpressionAttributeNames must not be empty");
  }
  if (values_ != nullptr && values_->empty()) {
    return ValidationError("ExpressionAttributeValues must not be empty");
  }
  if (names_ != nullptr && !any_expression_) {
    return ValidationError("ExpressionAttributeNames can only be specified when using expressions");
  }
  if (values_ != nullptr && !any_value_expression_) {
    std::string message = "ExpressionAttributeValues can only be specified when using expressions";
    if (!null_expressions_note_.empty()) message += ": " + null_expressions_note_;
    return ValidationError(std::move(message));
  }
  std::vector<std::string> unused;
  if (names_ != nullptr) {
    for (const auto& [key, name] : *names_) {
      if (used_names_.count(key) == 0) unused.push_back(key);
    }
  }
  if (!unused.empty()) {
    return ValidationError(
        "Value provided in ExpressionAttributeNames unused in expressions: keys: " +
        JoinKeys(unused));
  }
  if (values_ != nullptr) {
    for (const auto& [key, value] : *values_) {
      if (used_values_.count(key) == 0) unused.push_back(key);
    }
  }
  if (!unused.empty()) {
    return ValidationError(
        "Value provided in ExpressionAttributeValues unused in expressions: keys: " +
        JoinKeys(unused));
  }
  return Status::Ok();
}

Status CheckNotMixed(const std::vector<std::string_view>& expression_parameters,
                     const std::vector<std::string_view>& legacy_parameters) {
  if (expression_parameters.empty() || legacy_parameters.empty()) return Status::Ok();
  auto join = [](const std::vector<std::string_view>& names) {
    std::vector<std::string> keys(names.begin(), names.end());
    return JoinKeys(keys);
  };
  return ValidationError(
      "Can not use both expression and non-expression parameters in the same request: "
      "Non-expression parameters: " +
      join(legacy_parameters) + " Expression parameters: " + join(expression_parameters));
}

}  // namespace ordertrack::expr
