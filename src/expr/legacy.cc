// Legacy parameters (Expected, QueryFilter/ScanFilter, KeyConditions,
// AttributeUpdates, AttributesToGet) mapped onto expression trees, with
// DynamoDB's validation messages.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LegacyConditionalParameters.html
#include <memory>

#include "expr/ast.h"
#include "expr/expression.h"
#include "expr/internal/value_ops.h"
#include "model/validation.h"

namespace ordertrack::expr {
namespace {

using base::Result;
using base::Status;
using base::ValidationError;
using model::AttributeValue;
using model::ComparisonOperator;
using model::InvalidParameterError;
using model::Type;

std::string OpName(ComparisonOperator op) { return std::string(model::ComparisonOperatorName(op)); }

bool CountValid(ComparisonOperator op, size_t n) {
  switch (op) {
    case ComparisonOperator::kNotNull:
    case ComparisonOperator::kNull:
      return n == 0;
    case ComparisonOperator::kIn:
      return n >= 1;
    case ComparisonOperator::kBetween:
      return n == 2;
    default:
      return n == 1;
  }
}

bool TypeAllowed(ComparisonOperator op, Type t) {
  bool scalar = t == Type::kS || t == Type::kN || t == Type::kB;
  switch (op) {
    case ComparisonOperator::kEq:
    case ComparisonOperator::kNe:
      return scalar || t == Type::kSS || t == Type::kNS || t == Type::kBS;
    case ComparisonOperator::kBeginsWith:
      return t == Type::kS || t == Type::kB;
    default:
      return scalar;
  }
}

// Checks the values of one condition: count, one type, allowed types, and
// BETWEEN's order.
Status CheckValues(ComparisonOperator op, const std::vector<AttributeValue>& values,
                   bool check_types) {
  if (!CountValid(op, values.size())) {
    return InvalidParameterError("Invalid number of argument(s) for the " + OpName(op) +
                                 " ComparisonOperator");
  }
  for (const AttributeValue& v : values) {
    if (v.type() != values[0].type()) {
      return InvalidParameterError(
          "AttributeValues inside AttributeValueList must be of same type");
    }
  }
  if (check_types) {
    for (const AttributeValue& v : values) {
      if (!TypeAllowed(op, v.type())) {
        return InvalidParameterError("ComparisonOperator " + OpName(op) + " is not valid for " +
                                     std::string(model::TypeName(v.type())) +
                                     " AttributeValue type");
      }
    }
  }
  if (op == ComparisonOperator::kBetween) {
    std::optional<int> order = internal::CompareScalars(values[0], values[1]);
    if (order && *order > 0) {
      return ValidationError(
          "The BETWEEN condition was provided a range where the lower bound is greater than the "
          "upper bound");
    }
  }
  return Status::Ok();
}

Condition ToCondition(const std::string& name, ComparisonOperator op,
                      const std::vector<AttributeValue>& values) {
  Operand a = Operand::FromPath(Path(name));
  auto v = [&](size_t i) { return Operand::Value(values[i]); };
  switch (op) {
    case ComparisonOperator::kEq:
      return Condition::Compare(CompareOp::kEq, a, v(0));
    case ComparisonOperator::kNe:
      return Condition::Compare(CompareOp::kNe, a, v(0));
    case ComparisonOperator::kLe:
      return Condition::Compare(CompareOp::kLe, a, v(0));
    case ComparisonOperator::kLt:
      return Condition::Compare(CompareOp::kLt, a, v(0));
    case ComparisonOperator::kGe:
      return Condition::Compare(CompareOp::kGe, a, v(0));
    case ComparisonOperator::kGt:
      return Condition::Compare(CompareOp::kGt, a, v(0));
    case ComparisonOperator::kNotNull:
      return Condition::AttributeExists(Path(name));
    case ComparisonOperator::kNull:
      return Condition::AttributeNotExists(Path(name));
    case ComparisonOperator::kContains:
      return Condition::Contains(a, v(0));
    case ComparisonOperator::kNotContains:
      // A missing attribute does not satisfy NOT_CONTAINS.
      return Condition::And(Condition::AttributeExists(Path(name)),
                            Condition::Not(Condition::Contains(a, v(0))));
    case ComparisonOperator::kBeginsWith:
      return Condition::BeginsWith(a, v(0));
    case ComparisonOperator::kIn: {
      std::vector<Operand> list;
      for (size_t i = 0; i < values.size(); ++i) list.push_back(v(i));
      return Condition::In(a, std::move(list));
    }
    case ComparisonOperator::kBetween:
      return Condition::Between(a, v(0), v(1));
  }
  return Condition();
}

ConditionPtr Combine(std::vector<Condition> parts, model::ConditionalOperator op) {
  if (parts.empty()) return nullptr;
  Condition out = std::move(parts[0]);
  for (size_t i = 1; i < parts.size(); ++i) {
    out = op == model::ConditionalOperator::kAnd
              ? Condition::And(std::move(out), std::move(parts[i]))
              : Condition::Or(std::move(out), std::move(parts[i]));
  }
  return std::make_shared<const Condition>(std::move(out));
}

}  // namespace

Result<ConditionPtr> FromExpected(const model::ExpectedMap& expected,
                                  model::ConditionalOperator op) {
  std::vector<Condition> parts;
  for (const auto& [name, e] : expected) {
    if (e.value && !e.attribute_value_list.empty()) {
      return InvalidParameterError(
          "Value and AttributeValueList cannot be used together for Attribute: " + name);
    }
    if (e.comparison_operator) {
      ComparisonOperator cop = *e.comparison_operator;
      if (e.exists) {
        return InvalidParameterError(
            "Exists and ComparisonOperator cannot be used together for Attribute: " + name);
      }
      if (cop != ComparisonOperator::kNull && cop != ComparisonOperator::kNotNull && !e.value &&
          e.attribute_value_list.empty()) {
        return InvalidParameterError(
            "Value or AttributeValueList must be used with ComparisonOperator: " + OpName(cop) +
            " for Attribute: " + name);
      }
      std::vector<AttributeValue> values = e.attribute_value_list;
      if (e.value) values.push_back(*e.value);
      OT_RETURN_IF_ERROR(CheckValues(cop, values, /*check_types=*/false));
      parts.push_back(ToCondition(name, cop, values));
      continue;
    }
    if (!e.attribute_value_list.empty()) {
      return InvalidParameterError(
          "AttributeValueList can only be used with a ComparisonOperator for Attribute: " + name);
    }
    bool exists = !e.exists.has_value() || *e.exists;
    if (exists && !e.value) {
      return InvalidParameterError(std::string("Value must be provided when Exists is ") +
                                   (e.exists.has_value() ? "true" : "null") +
                                   " for Attribute: " + name);
    }
    if (!exists && e.value) {
      return InvalidParameterError("Value cannot be used when Exists is false for Attribute: " +
                                   name);
    }
    if (exists) {
      parts.push_back(Condition::Compare(CompareOp::kEq, Operand::FromPath(Path(name)),
                                         Operand::Value(*e.value)));
    } else {
      parts.push_back(Condition::AttributeNotExists(Path(name)));
    }
  }
  return Combine(std::move(parts), op);
}

Result<ConditionPtr> FromFilter(const model::LegacyConditions& filter,
                                model::ConditionalOperator op) {
  std::vector<Condition> parts;
  for (const auto& [name, c] : filter) {
    OT_RETURN_IF_ERROR(CheckValues(c.comparison_operator, c.attribute_value_list, true));
    parts.push_back(ToCondition(name, c.comparison_operator, c.attribute_value_list));
  }
  return Combine(std::move(parts), op);
}

Result<KeyCondition> FromKeyConditions(const model::LegacyConditions& key_conditions) {
  for (const auto& [name, c] : key_conditions) {
    OT_RETURN_IF_ERROR(CheckValues(c.comparison_operator, c.attribute_value_list, true));
  }
  for (const auto& [name, c] : key_conditions) {
    switch (c.comparison_operator) {
      case ComparisonOperator::kEq:
      case ComparisonOperator::kLe:
      case ComparisonOperator::kLt:
      case ComparisonOperator::kGe:
      case ComparisonOperator::kGt:
      case ComparisonOperator::kBeginsWith:
      case ComparisonOperator::kBetween:
        break;
      default:
        return ValidationError("Attempted conditional constraint is not an indexable operation");
    }
  }
  if (key_conditions.empty() || key_conditions.size() > 2) {
    return ValidationError("Conditions can be of length 1 or 2 only");
  }
  auto sort_op = [](ComparisonOperator op) {
    switch (op) {
      case ComparisonOperator::kLe:
        return SortKeyOp::kLe;
      case ComparisonOperator::kLt:
        return SortKeyOp::kLt;
      case ComparisonOperator::kGe:
        return SortKeyOp::kGe;
      case ComparisonOperator::kGt:
        return SortKeyOp::kGt;
      case ComparisonOperator::kBeginsWith:
        return SortKeyOp::kBeginsWith;
      case ComparisonOperator::kBetween:
        return SortKeyOp::kBetween;
      default:
        return SortKeyOp::kEq;
    }
  };
  // The partition key is the equality; with two equalities, the first (the
  // engine calls KeyCondition::ArrangeFor).
  const std::string* pk = nullptr;
  for (const auto& [name, c] : key_conditions) {
    if (c.comparison_operator == ComparisonOperator::kEq) {
      pk = &name;
      break;
    }
  }
  if (pk == nullptr) return ValidationError("Query key condition not supported");
  KeyCondition out;
  for (const auto& [name, c] : key_conditions) {
    if (&name == pk) {
      out.partition_key = name;
      out.partition_value = c.attribute_value_list[0];
      continue;
    }
    KeyCondition::Sort sort;
    sort.attribute = name;
    sort.op = sort_op(c.comparison_operator);
    sort.value = c.attribute_value_list[0];
    if (c.attribute_value_list.size() > 1) sort.value2 = c.attribute_value_list[1];
    out.sort = std::move(sort);
  }
  return out;
}

Result<UpdatePtr> FromAttributeUpdates(const model::AttributeUpdates& updates) {
  std::vector<UpdateAction> actions;
  for (const auto& [name, u] : updates) {
    if (!u.value) {
      if (u.action != model::AttributeAction::kDelete) {
        return InvalidParameterError(
            "Only DELETE action is allowed when no attribute value is specified");
      }
      actions.push_back(Update::Remove(Path(name)));
      continue;
    }
    Type t = u.value->type();
    switch (u.action) {
      case model::AttributeAction::kPut:
        actions.push_back(Update::Set(Path(name), Operand::Value(*u.value)));
        break;
      case model::AttributeAction::kAdd:
        if (t != Type::kN && t != Type::kL && !u.value->is_set()) {
          return InvalidParameterError("ADD action is not supported for the type " +
                                       std::string(model::TypeName(t)));
        }
        actions.push_back(Update::Add(Path(name), Operand::Value(*u.value)));
        break;
      case model::AttributeAction::kDelete:
        if (!u.value->is_set()) {
          return InvalidParameterError("DELETE action with value is not supported for the type " +
                                       std::string(model::TypeName(t)));
        }
        actions.push_back(Update::Delete(Path(name), Operand::Value(*u.value)));
        break;
    }
  }
  auto update = std::make_shared<Update>(std::move(actions));
  update->set_legacy(true);
  return UpdatePtr(std::move(update));
}

ProjectionPtr FromAttributesToGet(const std::vector<std::string>& attributes) {
  std::vector<Path> paths;
  paths.reserve(attributes.size());
  for (const std::string& a : attributes) paths.emplace_back(a);
  return std::make_shared<const Projection>(std::move(paths));
}

}  // namespace ordertrack::expr
