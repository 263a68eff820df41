// File: model/table_name.h
// DynamoDB's rule for table and index names, shared by the wire decoder and
// the engine so both refuse the same names with the same words.
#pragma once

#include <string_view>
#include <vector>

namespace ordertrack::model {

// The constraints `name` breaks, in the order DynamoDB lists them, each as the
// text that follows "Member must " in its message, e.g. "have length greater
// than or equal to 3". Empty for a valid name.
std::vector<std::string_view> TableNameViolations(std::string_view name);

}  // namespace ordertrack::model
