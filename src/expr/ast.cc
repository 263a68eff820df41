#include "expr/ast.h"

#include <array>

namespace ordertrack::expr {

Path::Path(std::string attribute) {
  elements_.push_back(PathElement{PathElement::Kind::kName, std::move(attribute), 0});
}

Path Path::NameRef(std::string ref) {
  Path path;
  path.elements_.push_back(PathElement{PathElement::Kind::kNameRef, std::move(ref), 0});
  return path;
}

Path& Path::Field(std::string name) {
  elements_.push_back(PathElement{PathElement::Kind::kName, std::move(name), 0});
  return *this;
}

Path& Path::Index(uint32_t index) {
  elements_.push_back(PathElement{PathElement::Kind::kIndex, "", index});
  return *this;
}

std::string Path::ToString() const {
  std::string out = "[";
  for (size_t i = 0; i < elements_.size(); ++i) {
    if (i > 0) out += ", ";
    const PathElement& e = elements_[i];
    if (e.is_index()) {
      out += "[" + std::to_string(e.index) + "]";
    } else {
      out += e.name;
    }
  }
  out += "]";
  return out;
}

Operand Operand::FromPath(Path path) {
  Operand o;
  o.kind_ = Kind::kPath;
  o.path_ = std::move(path);
  return o;
}

Operand Operand::Value(model::AttributeValue value) {
  Operand o;
  o.kind_ = Kind::kValue;
  o.value_ = std::move(value);
  return o;
}

Operand Operand::ValueRef(std::string ref) {
  Operand o;
  o.kind_ = Kind::kValueRef;
  o.ref_ = std::move(ref);
  return o;
}

Operand Operand::Size(Operand arg) {
  Operand o;
  o.kind_ = Kind::kSize;
  o.args_.push_back(std::move(arg));
  return o;
}

Operand Operand::IfNotExists(Path path, Operand fallback) {
  Operand o;
  o.kind_ = Kind::kIfNotExists;
  o.path_ = std::move(path);
  o.args_.push_back(std::move(fallback));
  return o;
}

Operand Operand::ListAppend(Operand a, Operand b) {
  Operand o;
  o.kind_ = Kind::kListAppend;
  o.args_.push_back(std::move(a));
  o.args_.push_back(std::move(b));
  return o;
}

Operand Operand::Plus(Operand a, Operand b) {
  Operand o;
  o.kind_ = Kind::kPlus;
  o.args_.push_back(std::move(a));
  o.args_.push_back(std::move(b));
  return o;
}

Operand Operand::Minus(Operand a, Operand b) {
  Operand o;
  o.kind_ = Kind::kMinus;
  o.args_.push_back(std::move(a));
  o.args_.push_back(std::move(b));
  return o;
}

std::string_view CompareOpText(CompareOp op) {
  static constexpr std::array<std::string_view, 6> kText = {"=", "<>", "<", "<=", ">", ">="};
  return kText[static_cast<size_t>(op)];
}

Condition Condition::Compare(CompareOp op, Operand a, Operand b) {
  Condition c;
  c.kind_ = Kind::kCompare;
  c.op_ = op;
  c.operands_.reserve(2);
  c.operands_.push_back(std::move(a));
  c.operands_.push_back(std::move(b));
  return c;
}

Condition Condition::Between(Operand a, Operand low, Operand high) {
  Condition c;
  c.kind_ = Kind::kBetween;
  c.operands_.reserve(3);
  c.operands_.push_back(std::move(a));
  c.operands_.push_back(std::move(low));
  c.operands_.push_back(std::move(high));
  return c;
}

Condition Condition::In(Operand a, std::vector<Operand> list) {
  Condition c;
  c.kind_ = Kind::kIn;
  c.operands_.reserve(list.size() + 1);
  c.operands_.push_back(std::move(a));
  for (Operand& o : list) c.operands_.push_back(std::move(o));
  return c;
}

Condition Condition::And(Condition a, Condition b) {
  Condition c;
  c.kind_ = Kind::kAnd;
  c.children_.reserve(2);
  c.children_.push_back(std::move(a));
  c.children_.push_back(std::move(b));
  return c;
}

Condition Condition::Or(Condition a, Condition b) {
  Condition c;
  c.kind_ = Kind::kOr;
  c.children_.reserve(2);
  c.children_.push_back(std::move(a));
  c.children_.push_back(std::move(b));
  return c;
}

Condition Condition::Not(Condition a) {
  Condition c;
  c.kind_ = Kind::kNot;
  c.children_.reserve(1);
  c.children_.push_back(std::move(a));
  return c;
}

Condition Condition::AttributeExists(Path path) {
  Condition c;
  c.kind_ = Kind::kAttributeExists;
  c.operands_.reserve(1);
  c.operands_.push_back(Operand::FromPath(std::move(path)));
  return c;
}

Condition Condition::AttributeNotExists(Path path) {
  Condition c;
  c.kind_ = Kind::kAttributeNotExists;
  c.operands_.reserve(1);
  c.operands_.push_back(Operand::FromPath(std::move(path)));
  return c;
}

Condition Condition::AttributeType(Operand a, Operand type) {
  Condition c;
  c.kind_ = Kind::kAttributeType;
  c.operands_.reserve(2);
  c.operands_.push_back(std::move(a));
  c.operands_.push_back(std::move(type));
  return c;
}

Condition Condition::BeginsWith(Operand a, Operand prefix) {
  Condition c;
  c.kind_ = Kind::kBeginsWith;
  c.operands_.reserve(2);
  c.operands_.push_back(std::move(a));
  c.operands_.push_back(std::move(prefix));
  return c;
}

Condition Condition::Contains(Operand a, Operand b) {
  Condition c;
  c.kind_ = Kind::kContains;
  c.operands_.reserve(2);
  c.operands_.push_back(std::move(a));
  c.operands_.push_back(std::move(b));
  return c;
}

UpdateAction Update::Set(Path path, Operand value) {
  return UpdateAction{UpdateAction::Kind::kSet, std::move(path), std::move(value)};
}

UpdateAction Update::Remove(Path path) {
  return UpdateAction{UpdateAction::Kind::kRemove, std::move(path), Operand()};
}

UpdateAction Update::Add(Path path, Operand value) {
  return UpdateAction{UpdateAction::Kind::kAdd, std::move(path), std::move(value)};
}

UpdateAction Update::Delete(Path path, Operand value) {
  return UpdateAction{UpdateAction::Kind::kDelete, std::move(path), std::move(value)};
}

}  // namespace ordertrack::expr
