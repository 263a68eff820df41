// The top-level attributes a condition reads: the engine refuses Query
// filters on key attributes with them.
#include "expr/ast.h"
#include "expr/expression.h"

namespace ordertrack::expr {
namespace {

void AddOperandNames(const Operand& operand, std::vector<std::string>* out) {
  if ((operand.kind() == Operand::Kind::kPath || operand.kind() == Operand::Kind::kIfNotExists) &&
      !operand.path().empty() && !operand.path().elements()[0].is_index()) {
    out->push_back(operand.path().attribute());
  }
  for (const auto& arg : operand.args()) AddOperandNames(arg, out);
}

void AddConditionNames(const Condition& condition, std::vector<std::string>* out) {
  for (const auto& operand : condition.operands()) AddOperandNames(operand, out);
  for (const auto& child : condition.children()) AddConditionNames(child, out);
}

}  // namespace

std::vector<std::string> TopLevelNames(const Condition& condition) {
  std::vector<std::string> out;
  AddConditionNames(condition, &out);
  return out;
}

}  // namespace ordertrack::expr
