// Resolution and the value-dependent checks, in DynamoDB's order: undefined
// names, then undefined values, then overlapping paths, then operand types.
#include "expr/internal/resolve.h"

#include <optional>

#include "base/strings.h"
#include "expr/internal/value_ops.h"

namespace ordertrack::expr::internal {
namespace {

using base::Result;
using base::ValidationError;
using model::AttributeValue;
using model::Type;

class Resolver {
 public:
  explicit Resolver(const ResolveContext& ctx) : ctx_(ctx) {}

  // The first undefined name or value, as DynamoDB reports it.
  std::string Error() const { return !name_error_.empty() ? name_error_ : value_error_; }

  Path ResolvePath(const Path& raw) {
    std::vector<PathElement> elements = raw.elements();
    for (PathElement& e : elements) {
      if (e.kind != PathElement::Kind::kNameRef) continue;
      const std::string* name = nullptr;
      if (ctx_.names != nullptr) {
        auto it = ctx_.names->find(e.name);
        if (it != ctx_.names->end()) name = &it->second;
      }
      if (name == nullptr) {
        if (name_error_.empty()) {
          name_error_ =
              "An expression attribute name used in the document path is not defined; "
              "attribute name: " +
              e.name;
        }
        continue;
      }
      if (ctx_.used_names != nullptr) ctx_.used_names->insert(e.name);
      e.kind = PathElement::Kind::kName;
      e.name = *name;
    }
    return Path(std::move(elements));
  }

  Operand ResolveOperand(const Operand& raw) {
    switch (raw.kind()) {
      case Operand::Kind::kPath:
        return Operand::FromPath(ResolvePath(raw.path()));
      case Operand::Kind::kValue:
        return raw;
      case Operand::Kind::kValueRef: {
        if (ctx_.values != nullptr) {
          auto it = ctx_.values->find(raw.ref());
          if (it != ctx_.values->end()) {
            if (ctx_.used_values != nullptr) ctx_.used_values->insert(raw.ref());
            return Operand::Value(it->second);
          }
        }
        if (value_error_.empty()) {
          value_error_ =
              "An expression attribute value used in expression is not defined; attribute value: " +
              raw.ref();
        }
        return raw;
      }
      case Operand::Kind::kSize:
        return Operand::Size(ResolveOperand(raw.args()[0]));
      case Operand::Kind::kIfNotExists:
        return Operand::IfNotExists(ResolvePath(raw.path()), ResolveOperand(raw.args()[0]));
      case Operand::Kind::kListAppend:
        return Operand::ListAppend(ResolveOperand(raw.args()[0]), ResolveOperand(raw.args()[1]));
      case Operand::Kind::kPlus:
        return Operand::Plus(ResolveOperand(raw.args()[0]), ResolveOperand(raw.args()[1]));
      case Operand::Kind::kMinus:
        return Operand::Minus(ResolveOperand(raw.args()[0]), ResolveOperand(raw.args()[1]));
    }
    return raw;
  }

  Condition ResolveCondition(const Condition& raw) {
    const auto& ops = raw.operands();
    const auto& kids = raw.children();
    auto op = [&](size_t i) { return ResolveOperand(ops[i]); };
    switch (raw.kind()) {
      case Condition::Kind::kCompare:
        return Condition::Compare(raw.op(), op(0), op(1));
      case Condition::Kind::kBetween:
        return Condition::Between(op(0), op(1), op(2));
      case Condition::Kind::kIn: {
        Operand first = op(0);
        std::vector<Operand> list;
        for (size_t i = 1; i < ops.size(); ++i) list.push_back(op(i));
        return Condition::In(std::move(first), std::move(list));
      }
      case Condition::Kind::kAnd:
        return Condition::And(ResolveCondition(kids[0]), ResolveCondition(kids[1]));
      case Condition::Kind::kOr:
        return Condition::Or(ResolveCondition(kids[0]), ResolveCondition(kids[1]));
      case Condition::Kind::kNot:
        return Condition::Not(ResolveCondition(kids[0]));
      case Condition::Kind::kAttributeExists:
        if (ops.empty()) return raw;
        return Condition::AttributeExists(ResolvePath(ops[0].path()));
      case Condition::Kind::kAttributeNotExists:
        if (ops.empty()) return raw;
        return Condition::AttributeNotExists(ResolvePath(ops[0].path()));
      case Condition::Kind::kAttributeType:
        return Condition::AttributeType(op(0), op(1));
      case Condition::Kind::kBeginsWith:
        return Condition::BeginsWith(op(0), op(1));
      case Condition::Kind::kContains:
        return Condition::Contains(op(0), op(1));
    }
    return raw;
  }

 private:
  const ResolveContext& ctx_;
  std::string name_error_;
  std::string value_error_;
};

const char* UpdateTypeName(Type t) {
  switch (t) {
    case Type::kS:
      return "STRING";
    case Type::kN:
      return "NUMBER";
    case Type::kB:
      return "BINARY";
    case Type::kNull:
      return "NULL";
    case Type::kBool:
      return "BOOLEAN";
    case Type::kL:
      return "LIST";
    case Type::kM:
      return "MAP";
    default:
      return nullptr;
  }
}

std::string IncorrectOperand(std::string_view function, Type type) {
  return "Incorrect operand type for operator or function; operator or function: " +
         std::string(function) + ", operand type: " + std::string(model::TypeName(type));
}

// The type of an operand known before evaluation, if any.
std::optional<Type> StaticType(const Operand& o) {
  switch (o.kind()) {
    case Operand::Kind::kValue:
      return o.value().type();
    case Operand::Kind::kSize:
      return Type::kN;
    case Operand::Kind::kListAppend:
      return Type::kL;
    case Operand::Kind::kPlus:
    case Operand::Kind::kMinus:
      return Type::kN;
    default:
      return std::nullopt;
  }
}

// Operand-type checks inside an operand (size's argument).
std::string CheckOperand(const Operand& o) {
  if (o.kind() == Operand::Kind::kSize) {
    const Operand& arg = o.args()[0];
    std::optional<Type> t = StaticType(arg);
    if (t && (*t == Type::kN || *t == Type::kBool || *t == Type::kNull)) {
      return IncorrectOperand("size", *t);
    }
    return CheckOperand(arg);
  }
  return "";
}

std::string Distinct(std::string_view op, const Operand& a, const Operand& b) {
  if (a.kind() == Operand::Kind::kPath && b.kind() == Operand::Kind::kPath &&
      a.path() == b.path()) {
    return "The first operand must be distinct from the remaining operands for this operator or "
           "function; operator: " +
           std::string(op) + ", first operand: " + a.path().ToString();
  }
  return "";
}

std::string CheckCondition(const Condition& c) {
  for (const Condition& child : c.children()) {
    std::string e = CheckCondition(child);
    if (!e.empty()) return e;
  }
  for (const Operand& o : c.operands()) {
    std::string e = CheckOperand(o);
    if (!e.empty()) return e;
  }
  const auto& ops = c.operands();
  // Order comparisons take only S, N and B; a literal of another type is an
  // error (an item attribute of another type just compares false).
  auto check_ordered = [&](std::string_view op, size_t first) -> std::string {
    for (size_t i = first; i < ops.size(); ++i) {
      std::optional<Type> t = StaticType(ops[i]);
      if (t && *t != Type::kS && *t != Type::kN && *t != Type::kB) return IncorrectOperand(op, *t);
    }
    return "";
  };
  switch (c.kind()) {
    case Condition::Kind::kCompare: {
      std::string e = Distinct(CompareOpText(c.op()), ops[0], ops[1]);
      if (!e.empty() || c.op() == CompareOp::kEq || c.op() == CompareOp::kNe) return e;
      return check_ordered(CompareOpText(c.op()), 0);
    }
    case Condition::Kind::kBeginsWith: {
      std::string e = Distinct("begins_with", ops[0], ops[1]);
      if (!e.empty()) return e;
      for (const Operand& o : ops) {
        std::optional<Type> t = StaticType(o);
        if (t && *t != Type::kS && *t != Type::kB) return IncorrectOperand("begins_with", *t);
      }
      return "";
    }
    case Condition::Kind::kContains:
      return Distinct("contains", ops[0], ops[1]);
    case Condition::Kind::kAttributeType: {
      const Operand& type = ops[1];
      if (type.kind() != Operand::Kind::kValue || !type.value().is(Type::kS)) {
        std::optional<Type> t = StaticType(type);
        return "Incorrect operand type for operator or function; operator or function: "
               "attribute_type, operand type: " +
               (t ? std::string(model::TypeName(*t)) : "{NS,SS,L,BS,N,M,B,BOOL,NULL,S}");
      }
      Type parsed;
      if (!model::TypeFromName(type.value().s(), &parsed)) {
        return "Invalid attribute type name found; type: " + type.value().s() +
               ", valid types: {B,NULL,SS,BOOL,L,BS,N,NS,S,M}";
      }
      return "";
    }
    case Condition::Kind::kBetween: {
      if (std::string e = check_ordered("BETWEEN", 0); !e.empty()) return e;
      if (ops[1].kind() != Operand::Kind::kValue || ops[2].kind() != Operand::Kind::kValue) {
        return "";
      }
      const AttributeValue& low = ops[1].value();
      const AttributeValue& high = ops[2].value();
      std::string bounds = "lower bound operand: AttributeValue: " + ValueForMessage(low) +
                           ", upper bound operand: AttributeValue: " + ValueForMessage(high);
      if (low.type() != high.type()) {
        return "The BETWEEN operator requires same data type for lower and upper bounds; " + bounds;
      }
      std::optional<int> order = CompareScalars(low, high);
      if (order && *order > 0) {
        return "The BETWEEN operator requires upper bound to be greater than or equal to lower "
               "bound; " +
               bounds;
      }
      return "";
    }
    default:
      return "";
  }
}

// Checks of literal operand types in a SET value.
std::string CheckSetValue(const Operand& o) {
  switch (o.kind()) {
    case Operand::Kind::kPlus:
    case Operand::Kind::kMinus:
    case Operand::Kind::kListAppend: {
      std::string_view name = o.kind() == Operand::Kind::kPlus    ? "+"
                              : o.kind() == Operand::Kind::kMinus ? "-"
                                                                  : "list_append";
      Type want = o.kind() == Operand::Kind::kListAppend ? Type::kL : Type::kN;
      for (const Operand& arg : o.args()) {
        std::string e = CheckSetValue(arg);
        if (!e.empty()) return e;
        if (arg.kind() == Operand::Kind::kValue && arg.value().type() != want) {
          return IncorrectOperand(name, arg.value().type());
        }
      }
      return "";
    }
    case Operand::Kind::kIfNotExists:
      return CheckSetValue(o.args()[0]);
    default:
      return "";
  }
}

}  // namespace

std::string ValueForMessage(const AttributeValue& v) {
  std::string body;
  switch (v.type()) {
    case Type::kS:
      body = v.s();
      break;
    case Type::kN:
      body = v.n().ToString();
      break;
    case Type::kB:
      body = base::Base64Encode(v.s());
      break;
    default: {
      std::string debug = v.DebugString();  // {"BOOL":true} -> {BOOL:true}
      std::string out;
      for (char c : debug) {
        if (c != '"') out.push_back(c);
      }
      return out;
    }
  }
  return "{" + std::string(model::TypeName(v.type())) + ":" + body + "}";
}

std::string CheckPathsOverlap(const std::vector<const Path*>& paths) {
  std::string conflict;
  for (size_t j = 1; j < paths.size(); ++j) {
    for (size_t i = 0; i < j; ++i) {
      const auto& a = paths[i]->elements();
      const auto& b = paths[j]->elements();
      bool differ = false;
      bool kinds_differ = false;
      for (size_t k = 0; k < a.size() && k < b.size(); ++k) {
        if (a[k].is_index() != b[k].is_index()) {
          kinds_differ = true;
          break;
        }
        if (!(a[k] == b[k])) {
          differ = true;
          break;
        }
      }
      auto pair = [&] {
        return "; must remove or rewrite one of these paths; path one: " + paths[i]->ToString() +
               ", path two: " + paths[j]->ToString();
      };
      if (kinds_differ) {
        if (conflict.empty()) conflict = "Two document paths conflict with each other" + pair();
      } else if (!differ) {
        return "Two document paths overlap with each other" + pair();
      }
    }
  }
  return conflict;
}

Result<Condition> ResolveCondition(const Condition& raw, const ResolveContext& ctx) {
  Resolver resolver(ctx);
  Condition out = resolver.ResolveCondition(raw);
  if (std::string e = resolver.Error(); !e.empty()) return ValidationError(std::move(e));
  if (std::string e = CheckCondition(out); !e.empty()) return ValidationError(std::move(e));
  return out;
}

Result<Update> ResolveUpdate(const Update& raw, const ResolveContext& ctx) {
  Resolver resolver(ctx);
  std::vector<UpdateAction> actions;
  actions.reserve(raw.actions().size());
  for (const UpdateAction& a : raw.actions()) {
    actions.push_back(
        UpdateAction{a.kind, resolver.ResolvePath(a.path), resolver.ResolveOperand(a.value)});
  }
  if (std::string e = resolver.Error(); !e.empty()) return ValidationError(std::move(e));
  std::vector<const Path*> paths;
  for (const UpdateAction& a : actions) paths.push_back(&a.path);
  if (std::string e = CheckPathsOverlap(paths); !e.empty()) return ValidationError(std::move(e));
  for (const UpdateAction& a : actions) {
    if (a.kind == UpdateAction::Kind::kAdd || a.kind == UpdateAction::Kind::kDelete) {
      if (a.value.kind() != Operand::Kind::kValue) continue;
      Type t = a.value.value().type();
      const char* name = UpdateTypeName(t);
      if (name != nullptr && !(a.kind == UpdateAction::Kind::kAdd && t == Type::kN)) {
        return ValidationError(
            std::string("Incorrect operand type for operator or function; operator: ") +
            (a.kind == UpdateAction::Kind::kAdd ? "ADD" : "DELETE") + ", operand type: " + name);
      }
    }
  }
  for (const UpdateAction& a : actions) {
    if (a.kind != UpdateAction::Kind::kSet) continue;
    if (std::string e = CheckSetValue(a.value); !e.empty()) return ValidationError(std::move(e));
  }
  Update out(std::move(actions));
  out.set_legacy(raw.legacy());
  return out;
}

Result<Projection> ResolveProjection(const Projection& raw, const ResolveContext& ctx) {
  Resolver resolver(ctx);
  std::vector<Path> paths;
  paths.reserve(raw.paths().size());
  for (const Path& p : raw.paths()) paths.push_back(resolver.ResolvePath(p));
  if (std::string e = resolver.Error(); !e.empty()) return ValidationError(std::move(e));
  std::vector<const Path*> ptrs;
  for (const Path& p : paths) ptrs.push_back(&p);
  if (std::string e = CheckPathsOverlap(ptrs); !e.empty()) return ValidationError(std::move(e));
  return Projection(std::move(paths));
}

}  // namespace ordertrack::expr::internal
