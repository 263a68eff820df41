// File: model/table_name.h
// DynamoDB's rule for table and index names, shared by the wire decoder and
// the engine so both refuse the same names with the same words.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ordertrack::model {

// The constraints `name` breaks, in the order DynamoDB lists them, each as the
// text that follows "Member must " in its message, e.g. "have length greater
// than or equal to 3". Empty for a valid name.
std::vector<std::string_view> TableNameViolations(std::string_view name);

// Every rule, as DynamoDB lists them for a map whose keys are table names:
// "[Member must have length less than or equal to 255, Member must have
// length greater than or equal to 3, Member must satisfy regular expression
// pattern: [a-zA-Z0-9_.-]+]".
const std::string& TableNameRules();

}  // namespace ordertrack::model
