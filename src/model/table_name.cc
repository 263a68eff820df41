#include "model/table_name.h"

#include "model/limits.h"

namespace ordertrack::model {

std::vector<std::string_view> TableNameViolations(std::string_view name) {
  std::vector<std::string_view> out;
  bool pattern = !name.empty();
  for (char c : name) {
    pattern = pattern && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                          (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-');
  }
  // DynamoDB lists the pattern before the length (dynalite test/putItem.js).
  if (!pattern) out.push_back("satisfy regular expression pattern: [a-zA-Z0-9_.-]+");
  if (name.size() < kMinTableNameLength) out.push_back("have length greater than or equal to 3");
  if (name.size() > kMaxTableNameLength) out.push_back("have length less than or equal to 255");
  return out;
}

}  // namespace ordertrack::model
