#include "model/table_name.h"

#include "model/limits.h"

namespace ordertrack::model {
namespace {

// Each rule as the text that follows "Member must ".
struct Rules {
  std::string pattern = "satisfy regular expression pattern: [a-zA-Z0-9_.-]+";
  std::string too_short =
      "have length greater than or equal to " + std::to_string(kMinTableNameLength);
  std::string too_long = "have length less than or equal to " + std::to_string(kMaxTableNameLength);
};

const Rules& TheRules() {
  static const Rules* rules = new Rules();
  return *rules;
}

}  // namespace

std::vector<std::string_view> TableNameViolations(std::string_view name) {
  const Rules& rules = TheRules();
  std::vector<std::string_view> out;
  bool pattern = !name.empty();
  for (char c : name) {
    pattern = pattern && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-');
  }
  // DynamoDB lists the pattern before the length (dynalite test/putItem.js).
  if (!pattern) out.push_back(rules.pattern);
  if (name.size() < kMinTableNameLength) out.push_back(rules.too_short);
  if (name.size() > kMaxTableNameLength) out.push_back(rules.too_long);
  return out;
}

const std::string& TableNameRules() {
  const Rules& rules = TheRules();
  // Here the lengths come first.
  static const std::string* all =
      new std::string("[Member must " + rules.too_long + ", Member must " + rules.too_short +
                      ", Member must " + rules.pattern + "]");
  return *all;
}

}  // namespace ordertrack::model
