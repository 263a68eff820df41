// File: expr/internal/expr_test_util.h
// Helpers shared by the expression module's tests: short value builders and
// compiling text with names and values. Test-only.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "expr/ast.h"
#include "expr/expression.h"
#include "model/attribute_value.h"

namespace ordertrack::expr::exprtest {

inline model::AttributeValue S(std::string s) { return model::AttributeValue::S(std::move(s)); }
inline model::AttributeValue N(std::string_view n) {
  return model::AttributeValue::NumberFromText(n);
}
inline model::AttributeValue B(std::string b) { return model::AttributeValue::B(std::move(b)); }
inline model::AttributeValue L(model::List l) { return model::AttributeValue::L(std::move(l)); }
inline model::AttributeValue M(model::Map m) { return model::AttributeValue::M(std::move(m)); }
inline model::AttributeValue SS(std::vector<std::string> s) {
  return model::AttributeValue::SS(std::move(s));
}
inline model::AttributeValue NS(std::vector<std::string_view> ns) {
  std::vector<model::Number> numbers;
  for (std::string_view n : ns) numbers.push_back(model::AttributeValue::NumberFromText(n).n());
  return model::AttributeValue::NS(std::move(numbers));
}

// "{...}" for an item, for readable failures.
inline std::string Show(const model::Item& item) { return M(item).DebugString(); }

// The message of a failed result, or "OK: " + the value's debug form.
template <typename T>
std::string Outcome(const base::Result<std::shared_ptr<const T>>& r) {
  if (!r.ok()) return r.status().message();
  return "OK: " + DebugString(**r);
}

}  // namespace ordertrack::expr::exprtest
