// KeyConditionExpression: "pk = :v" optionally AND one of "sk = < <= > >= :v",
// "sk BETWEEN :a AND :b", "begins_with(sk, :p)". The engine checks the names
// against the key schema ("Query condition missed key schema element").
#include "expr/internal/key_condition.h"

#include <vector>

namespace ordertrack::expr {

void KeyCondition::ArrangeFor(std::string_view partition_key_name) {
  if (!sort || partition_key == partition_key_name || sort->attribute != partition_key_name ||
      sort->op != SortKeyOp::kEq) {
    return;
  }
  std::swap(partition_key, sort->attribute);
  std::swap(partition_value, sort->value);
}

namespace internal {
namespace {

using base::Result;
using base::Status;
using base::ValidationError;

struct Part {
  std::string attribute;
  SortKeyOp op;
  model::AttributeValue value;
  model::AttributeValue value2;
};

bool HasSize(const Operand& o) {
  if (o.kind() == Operand::Kind::kSize) return true;
  for (const Operand& a : o.args()) {
    if (HasSize(a)) return true;
  }
  return false;
}

// The single key attribute a condition's operands name.
Status KeyAttribute(const std::vector<Operand>& ops, std::string* name, size_t* position) {
  name->clear();
  for (size_t i = 0; i < ops.size(); ++i) {
    if (ops[i].kind() != Operand::Kind::kPath) continue;
    if (!name->empty()) {
      return ValidationError(
          "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
          "condition");
    }
    if (ops[i].path().size() > 1) {
      return ValidationError("KeyConditionExpressions cannot have conditions on nested attributes");
    }
    *name = ops[i].path().attribute();
    *position = i;
  }
  if (name->empty()) {
    return ValidationError(
        "Invalid condition in KeyConditionExpression: No key attribute specified");
  }
  return Status::Ok();
}

Status Collect(const Condition& c, std::vector<Part>* parts) {
  for (const Operand& o : c.operands()) {
    if (HasSize(o))
      return ValidationError("KeyConditionExpressions cannot contain nested operations");
  }
  auto invalid_operator = [](std::string_view op) {
    return ValidationError("Invalid operator used in KeyConditionExpression: " + std::string(op));
  };
  const auto& ops = c.operands();
  Part part;
  size_t position = 0;
  switch (c.kind()) {
    case Condition::Kind::kAnd:
      OT_RETURN_IF_ERROR(Collect(c.children()[0], parts));
      return Collect(c.children()[1], parts);
    case Condition::Kind::kOr:
      return invalid_operator("OR");
    case Condition::Kind::kNot:
      return invalid_operator("NOT");
    case Condition::Kind::kIn:
      return invalid_operator("IN");
    case Condition::Kind::kAttributeExists:
      return invalid_operator("attribute_exists");
    case Condition::Kind::kAttributeNotExists:
      return invalid_operator("attribute_not_exists");
    case Condition::Kind::kAttributeType:
      return invalid_operator("attribute_type");
    case Condition::Kind::kContains:
      return invalid_operator("contains");
    case Condition::Kind::kCompare: {
      if (c.op() == CompareOp::kNe) return invalid_operator("<>");
      OT_RETURN_IF_ERROR(KeyAttribute(ops, &part.attribute, &position));
      // "x op :v" or ":v op x", which reads as "x op' :v".
      static constexpr SortKeyOp kForward[] = {SortKeyOp::kEq, SortKeyOp::kEq, SortKeyOp::kLt,
                                               SortKeyOp::kLe, SortKeyOp::kGt, SortKeyOp::kGe};
      static constexpr SortKeyOp kFlipped[] = {SortKeyOp::kEq, SortKeyOp::kEq, SortKeyOp::kGt,
                                               SortKeyOp::kGe, SortKeyOp::kLt, SortKeyOp::kLe};
      size_t op = static_cast<size_t>(c.op());
      part.op = position == 0 ? kForward[op] : kFlipped[op];
      part.value = ops[1 - position].value();
      break;
    }
    case Condition::Kind::kBetween:
      if (ops[0].kind() != Operand::Kind::kPath) {
        return ValidationError(
            "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key "
            "attribute as its first operand");
      }
      OT_RETURN_IF_ERROR(KeyAttribute(ops, &part.attribute, &position));
      part.op = SortKeyOp::kBetween;
      part.value = ops[1].value();
      part.value2 = ops[2].value();
      break;
    case Condition::Kind::kBeginsWith:
      if (ops[0].kind() != Operand::Kind::kPath) {
        return ValidationError(
            "Invalid condition in KeyConditionExpression: begins_with operator must have the key "
            "attribute as its first operand");
      }
      OT_RETURN_IF_ERROR(KeyAttribute(ops, &part.attribute, &position));
      part.op = SortKeyOp::kBeginsWith;
      part.value = ops[1].value();
      break;
  }
  for (const Part& p : *parts) {
    if (p.attribute == part.attribute) {
      return ValidationError("KeyConditionExpressions must only contain one condition per key");
    }
  }
  parts->push_back(std::move(part));
  return Status::Ok();
}

}  // namespace

Result<KeyCondition> ToKeyCondition(const Condition& condition) {
  std::vector<Part> parts;
  OT_RETURN_IF_ERROR(Collect(condition, &parts));
  if (parts.size() > 2) return ValidationError("Conditions can be of length 1 or 2 only");
  // The partition key is the equality; with two equalities, the first.
  size_t pk = parts.size();
  for (size_t i = 0; i < parts.size(); ++i) {
    if (parts[i].op == SortKeyOp::kEq) {
      pk = i;
      break;
    }
  }
  if (pk == parts.size()) return ValidationError("Query key condition not supported");
  KeyCondition out;
  out.partition_key = parts[pk].attribute;
  out.partition_value = parts[pk].value;
  if (parts.size() == 2) {
    Part& s = parts[1 - pk];
    out.sort = KeyCondition::Sort{s.attribute, s.op, s.value, s.value2};
  }
  return out;
}

}  // namespace internal
}  // namespace ordertrack::expr
