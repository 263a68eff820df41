#include "model/legacy.h"

#include <array>

namespace ordertrack::model {
namespace {

constexpr std::array<std::string_view, 13> kOperatorNames = {
    "EQ", "NE", "LE", "LT", "GE", "GT", "NOT_NULL", "NULL", "CONTAINS", "NOT_CONTAINS",
    "BEGINS_WITH", "IN", "BETWEEN"};

}  // namespace

std::string_view ComparisonOperatorName(ComparisonOperator op) {
  return kOperatorNames[static_cast<size_t>(op)];
}

bool ComparisonOperatorFromName(std::string_view name, ComparisonOperator* op) {
  for (size_t i = 0; i < kOperatorNames.size(); ++i) {
    if (kOperatorNames[i] == name) {
      *op = static_cast<ComparisonOperator>(i);
      return true;
    }
  }
  return false;
}

}  // namespace ordertrack::model
