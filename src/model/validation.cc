#include "model/validation.h"

#include <algorithm>

#include "model/limits.h"

namespace ordertrack::model {
namespace {

std::string Joined(const std::vector<std::string>& elements) {
  std::string out = "[";
  for (size_t i = 0; i < elements.size(); ++i) {
    if (i > 0) out += ", ";
    out += elements[i];
  }
  return out + "]";
}

template <typename T>
bool HasDuplicates(std::vector<T> elements) {
  std::sort(elements.begin(), elements.end());
  return std::adjacent_find(elements.begin(), elements.end()) != elements.end();
}

base::Status ValidateSet(const AttributeValue& value) {
  std::string_view kind = value.is(Type::kSS) ? "string" : value.is(Type::kNS) ? "number" : "binary";
  bool empty = value.is(Type::kNS) ? value.numbers().empty() : value.strings().empty();
  // DynamoDB's own wording, double space included.
  if (empty) return InvalidParameterError("An " + std::string(kind) + " set  may not be empty");
  bool duplicates = value.is(Type::kNS) ? HasDuplicates(value.numbers())
                                        : HasDuplicates(value.strings());
  if (!duplicates) return base::Status();
  std::vector<std::string> shown;
  if (value.is(Type::kNS)) {
    for (const auto& n : value.numbers()) shown.push_back(n.ToString());
  } else {
    shown = value.strings();
  }
  return InvalidParameterError("Input collection " + Joined(shown) + " contains duplicates.");
}

base::Status Validate(const AttributeValue& value, size_t depth) {
  if (depth > kMaxNestingDepth) {
    return InvalidParameterError("Nesting Levels have exceeded supported limits");
  }
  switch (value.type()) {
    case Type::kSS:
    case Type::kNS:
    case Type::kBS:
      return ValidateSet(value);
    case Type::kM:
      for (const auto& [name, element] : value.m()) {
        OT_RETURN_IF_ERROR(Validate(element, depth + 1));
      }
      return base::Status();
    case Type::kL:
      for (const auto& element : value.l()) OT_RETURN_IF_ERROR(Validate(element, depth + 1));
      return base::Status();
    default:
      return base::Status();
  }
}

}  // namespace

base::Status ValidateValue(const AttributeValue& value) { return Validate(value, 0); }

base::Status ValidateItem(const Item& item) {
  for (const auto& [name, value] : item) OT_RETURN_IF_ERROR(ValidateValue(value));
  return base::Status();
}

base::Status InvalidParameterError(std::string_view detail) {
  return base::ValidationError("One or more parameter values were invalid: " + std::string(detail));
}

base::Status ConstraintErrors(const std::vector<std::string>& constraints) {
  std::string message = std::to_string(constraints.size());
  message.append(constraints.size() == 1 ? " validation error detected: "
                                         : " validation errors detected: ");
  for (size_t i = 0; i < constraints.size(); ++i) {
    if (i > 0) message.append("; ");
    message.append(constraints[i]);
  }
  return base::ValidationError(std::move(message));
}

base::Status ConstraintError(std::string constraint) {
  return ConstraintErrors({std::move(constraint)});
}

base::Status CheckLimit(const std::optional<int64_t>& limit, int64_t max) {
  if (!limit || (*limit >= 1 && *limit <= max)) return base::Status();
  return ConstraintError(
      "Value '" + std::to_string(*limit) +
      "' at 'limit' failed to satisfy constraint: Member must have value " +
      (*limit < 1 ? "greater than or equal to 1" : "less than or equal to " + std::to_string(max)));
}

const std::string& BatchWriteListConstraint() {
  static const std::string* constraint = new std::string(
      "Map value must satisfy constraint: [Member must have length less than or equal to " +
      std::to_string(kMaxBatchWriteItems) +
      ", Member must have length greater than or equal to 1]");
  return *constraint;
}

}  // namespace ordertrack::model
