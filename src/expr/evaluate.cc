// Condition evaluation with DynamoDB's semantics: a missing attribute or a
// comparison between different types makes a comparison false (and <> true),
// never an error.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.OperatorsAndFunctions.html
#include <algorithm>

#include "expr/ast.h"
#include "expr/expression.h"
#include "expr/internal/value_ops.h"

namespace ordertrack::expr {
namespace internal {

using model::AttributeValue;
using model::Type;

const AttributeValue* Find(const model::Item& item, const Path& path) {
  const auto& elements = path.elements();
  if (elements.empty() || elements[0].kind != PathElement::Kind::kName) return nullptr;
  auto it = item.find(elements[0].name);
  if (it == item.end()) return nullptr;
  const AttributeValue* v = &it->second;
  for (size_t i = 1; i < elements.size(); ++i) {
    const PathElement& e = elements[i];
    if (e.kind == PathElement::Kind::kIndex) {
      if (!v->is(Type::kL) || e.index >= v->l().size()) return nullptr;
      v = &v->l()[e.index];
    } else if (e.kind == PathElement::Kind::kName) {
      if (!v->is(Type::kM)) return nullptr;
      auto f = v->m().find(e.name);
      if (f == v->m().end()) return nullptr;
      v = &f->second;
    } else {
      return nullptr;
    }
  }
  return v;
}

std::optional<int> CompareScalars(const AttributeValue& a, const AttributeValue& b) {
  if (a.type() != b.type()) return std::nullopt;
  switch (a.type()) {
    case Type::kS:
    case Type::kB: {
      int c = a.s().compare(b.s());
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case Type::kN: {
      auto c = a.n() <=> b.n();
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    default:
      return std::nullopt;
  }
}

std::optional<size_t> SizeOf(const AttributeValue& v) {
  switch (v.type()) {
    case Type::kS:
    case Type::kB:
      return v.s().size();
    case Type::kSS:
    case Type::kBS:
      return v.strings().size();
    case Type::kNS:
      return v.numbers().size();
    case Type::kM:
      return v.m().size();
    case Type::kL:
      return v.l().size();
    default:
      return std::nullopt;
  }
}

const AttributeValue* EvaluateOperand(const Operand& operand, const model::Item& item,
                                      AttributeValue* scratch) {
  switch (operand.kind()) {
    case Operand::Kind::kPath:
      return Find(item, operand.path());
    case Operand::Kind::kValue:
      return &operand.value();
    case Operand::Kind::kSize: {
      AttributeValue inner_scratch;
      const AttributeValue* v = EvaluateOperand(operand.args()[0], item, &inner_scratch);
      if (v == nullptr) return nullptr;
      std::optional<size_t> size = SizeOf(*v);
      if (!size) return nullptr;
      *scratch = AttributeValue::N(model::Number::FromInt64(static_cast<int64_t>(*size)));
      return scratch;
    }
    default:
      // Update-only operands and unresolved references have no value here.
      return nullptr;
  }
}

}  // namespace internal

namespace {

using internal::CompareScalars;
using internal::EvaluateOperand;
using model::AttributeValue;
using model::Type;

bool Compare(CompareOp op, const AttributeValue* a, const AttributeValue* b) {
  if (op == CompareOp::kNe) return a == nullptr || b == nullptr || !(*a == *b);
  if (a == nullptr || b == nullptr) return false;
  if (op == CompareOp::kEq) return *a == *b;
  std::optional<int> c = CompareScalars(*a, *b);
  if (!c) return false;
  switch (op) {
    case CompareOp::kLt:
      return *c < 0;
    case CompareOp::kLe:
      return *c <= 0;
    case CompareOp::kGt:
      return *c > 0;
    case CompareOp::kGe:
      return *c >= 0;
    default:
      return false;
  }
}

bool Contains(const AttributeValue& a, const AttributeValue& b) {
  switch (a.type()) {
    case Type::kS:
    case Type::kB:
      return b.type() == a.type() && a.s().find(b.s()) != std::string::npos;
    case Type::kSS:
      return b.is(Type::kS) &&
             std::find(a.strings().begin(), a.strings().end(), b.s()) != a.strings().end();
    case Type::kBS:
      return b.is(Type::kB) &&
             std::find(a.strings().begin(), a.strings().end(), b.s()) != a.strings().end();
    case Type::kNS:
      return b.is(Type::kN) &&
             std::find(a.numbers().begin(), a.numbers().end(), b.n()) != a.numbers().end();
    case Type::kL:
      return std::find(a.l().begin(), a.l().end(), b) != a.l().end();
    default:
      return false;
  }
}

bool BeginsWith(const AttributeValue& a, const AttributeValue& prefix) {
  if (a.type() != prefix.type() || !(a.is(Type::kS) || a.is(Type::kB))) return false;
  return a.s().compare(0, prefix.s().size(), prefix.s()) == 0 && a.s().size() >= prefix.s().size();
}

}  // namespace

bool Evaluate(const Condition& condition, const model::Item& item) {
  const auto& ops = condition.operands();
  if (ops.empty() && condition.children().empty()) return false;  // a default Condition
  AttributeValue s0, s1, s2;
  switch (condition.kind()) {
    case Condition::Kind::kAnd:
      return Evaluate(condition.children()[0], item) && Evaluate(condition.children()[1], item);
    case Condition::Kind::kOr:
      return Evaluate(condition.children()[0], item) || Evaluate(condition.children()[1], item);
    case Condition::Kind::kNot:
      return !Evaluate(condition.children()[0], item);
    case Condition::Kind::kCompare:
      return Compare(condition.op(), EvaluateOperand(ops[0], item, &s0),
                     EvaluateOperand(ops[1], item, &s1));
    case Condition::Kind::kBetween: {
      const AttributeValue* v = EvaluateOperand(ops[0], item, &s0);
      const AttributeValue* low = EvaluateOperand(ops[1], item, &s1);
      const AttributeValue* high = EvaluateOperand(ops[2], item, &s2);
      if (v == nullptr || low == nullptr || high == nullptr) return false;
      std::optional<int> c1 = CompareScalars(*low, *v);
      std::optional<int> c2 = CompareScalars(*v, *high);
      return c1 && c2 && *c1 <= 0 && *c2 <= 0;
    }
    case Condition::Kind::kIn: {
      const AttributeValue* v = EvaluateOperand(ops[0], item, &s0);
      if (v == nullptr) return false;
      for (size_t i = 1; i < ops.size(); ++i) {
        const AttributeValue* candidate = EvaluateOperand(ops[i], item, &s1);
        if (candidate != nullptr && *candidate == *v) return true;
      }
      return false;
    }
    case Condition::Kind::kAttributeExists:
      return EvaluateOperand(ops[0], item, &s0) != nullptr;
    case Condition::Kind::kAttributeNotExists:
      return EvaluateOperand(ops[0], item, &s0) == nullptr;
    case Condition::Kind::kAttributeType: {
      const AttributeValue* v = EvaluateOperand(ops[0], item, &s0);
      const AttributeValue* t = EvaluateOperand(ops[1], item, &s1);
      model::Type type;
      if (v == nullptr || t == nullptr || !t->is(Type::kS) || !model::TypeFromName(t->s(), &type)) {
        return false;
      }
      return v->type() == type;
    }
    case Condition::Kind::kBeginsWith: {
      const AttributeValue* v = EvaluateOperand(ops[0], item, &s0);
      const AttributeValue* p = EvaluateOperand(ops[1], item, &s1);
      return v != nullptr && p != nullptr && BeginsWith(*v, *p);
    }
    case Condition::Kind::kContains: {
      const AttributeValue* v = EvaluateOperand(ops[0], item, &s0);
      const AttributeValue* e = EvaluateOperand(ops[1], item, &s1);
      return v != nullptr && e != nullptr && Contains(*v, *e);
    }
  }
  return false;
}

}  // namespace ordertrack::expr
