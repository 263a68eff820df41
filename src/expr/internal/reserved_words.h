// File: expr/internal/reserved_words.h
// DynamoDB's reserved words, which expressions refuse as attribute names
// (use #name placeholders instead).
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ReservedWords.html
#pragma once

#include <string_view>

namespace ordertrack::expr {

// True when `name` is a reserved word, ignoring ASCII case. Thread-safe.
bool IsReservedWord(std::string_view name);

}  // namespace ordertrack::expr
