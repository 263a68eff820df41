#include "expr/ast.h"
#include "expr/internal/resolve.h"

namespace ordertrack::expr {

std::string DebugString(const Path& path) {
  std::string out;
  for (const PathElement& e : path.elements()) {
    if (e.is_index()) {
      out += "[" + std::to_string(e.index) + "]";
    } else {
      if (!out.empty()) out += ".";
      out += e.name;
    }
  }
  return out;
}

std::string DebugString(const Operand& o) {
  const auto& args = o.args();
  switch (o.kind()) {
    case Operand::Kind::kPath:
      return DebugString(o.path());
    case Operand::Kind::kValue:
      return internal::ValueForMessage(o.value());
    case Operand::Kind::kValueRef:
      return o.ref();
    case Operand::Kind::kSize:
      return "size(" + DebugString(args[0]) + ")";
    case Operand::Kind::kIfNotExists:
      return "if_not_exists(" + DebugString(o.path()) + ", " + DebugString(args[0]) + ")";
    case Operand::Kind::kListAppend:
      return "list_append(" + DebugString(args[0]) + ", " + DebugString(args[1]) + ")";
    case Operand::Kind::kPlus:
      return "(" + DebugString(args[0]) + " + " + DebugString(args[1]) + ")";
    case Operand::Kind::kMinus:
      return "(" + DebugString(args[0]) + " - " + DebugString(args[1]) + ")";
  }
  return "?";
}

std::string DebugString(const Condition& c) {
  const auto& ops = c.operands();
  const auto& kids = c.children();
  auto fn = [&](std::string_view name) {
    std::string out = std::string(name) + "(";
    for (size_t i = 0; i < ops.size(); ++i) {
      if (i > 0) out += ", ";
      out += DebugString(ops[i]);
    }
    return out + ")";
  };
  switch (c.kind()) {
    case Condition::Kind::kCompare:
      return "(" + DebugString(ops[0]) + " " + std::string(CompareOpText(c.op())) + " " +
             DebugString(ops[1]) + ")";
    case Condition::Kind::kBetween:
      return "(" + DebugString(ops[0]) + " BETWEEN " + DebugString(ops[1]) + " AND " +
             DebugString(ops[2]) + ")";
    case Condition::Kind::kIn: {
      std::string out = "(" + DebugString(ops[0]) + " IN (";
      for (size_t i = 1; i < ops.size(); ++i) {
        if (i > 1) out += ", ";
        out += DebugString(ops[i]);
      }
      return out + "))";
    }
    case Condition::Kind::kAnd:
      return "(" + DebugString(kids[0]) + " AND " + DebugString(kids[1]) + ")";
    case Condition::Kind::kOr:
      return "(" + DebugString(kids[0]) + " OR " + DebugString(kids[1]) + ")";
    case Condition::Kind::kNot:
      return "(NOT " + DebugString(kids[0]) + ")";
    case Condition::Kind::kAttributeExists:
      return fn("attribute_exists");
    case Condition::Kind::kAttributeNotExists:
      return fn("attribute_not_exists");
    case Condition::Kind::kAttributeType:
      return fn("attribute_type");
    case Condition::Kind::kBeginsWith:
      return fn("begins_with");
    case Condition::Kind::kContains:
      return fn("contains");
  }
  return "?";
}

std::string DebugString(const Update& update) {
  static constexpr std::string_view kNames[] = {"SET", "REMOVE", "ADD", "DELETE"};
  std::string out;
  for (const UpdateAction& a : update.actions()) {
    if (!out.empty()) out += "; ";
    out += std::string(kNames[static_cast<size_t>(a.kind)]) + " " + DebugString(a.path);
    if (a.kind == UpdateAction::Kind::kSet) {
      out += " = " + DebugString(a.value);
    } else if (a.kind != UpdateAction::Kind::kRemove) {
      out += " " + DebugString(a.value);
    }
  }
  return out;
}

std::string DebugString(const Projection& projection) {
  std::string out;
  for (const Path& p : projection.paths()) {
    if (!out.empty()) out += ", ";
    out += DebugString(p);
  }
  return out;
}

}  // namespace ordertrack::expr
