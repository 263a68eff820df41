// File: expr/parser.h
// The hand-written recursive-descent parser for DynamoDB's expression
// language. It produces trees that still hold #name and :value references
// (resolved later, per request, by expr/internal/resolve.h), so a parse
// depends only on the text and can be cached (expr/parse_cache.h). For the
// module, its fuzzer and its benchmarks; other modules use expression.h and
// ast.h.
#pragma once

#include <string>
#include <string_view>

#include "expr/ast.h"

namespace ordertrack::expr::internal {

// Which grammar to parse with. Key conditions use the condition grammar.
enum class Grammar : uint8_t { kCondition, kUpdate, kProjection };

// Limits DynamoDB documents for expressions.
inline constexpr size_t kMaxExpressionBytes = 4096;
inline constexpr size_t kMaxOperators = 300;
inline constexpr size_t kMaxInOperands = 100;
// Not a DynamoDB limit: bounds the parser's recursion on nested
// parentheses and NOTs (a 4 KB expression cannot be deeper in practice).
inline constexpr size_t kMaxNesting = 100;

// The outcome of parsing one text. Exactly one of error or the tree for the
// grammar is meaningful.
struct Parsed {
  // DynamoDB's message without the "Invalid XExpression: " prefix; empty
  // when the text parsed.
  std::string error;
  Condition condition;    // kCondition
  Update update;          // kUpdate
  Projection projection;  // kProjection
};

// Parses `text`. Never crashes on malformed input; recursion is bounded.
// Errors reported here (all independent of names and values): empty
// expression, size limit, syntax errors, reserved words, unknown or misused
// functions, wrong operand counts, paths too deep, too many operators or IN
// operands, repeated update sections.
Parsed Parse(Grammar grammar, std::string_view text);

}  // namespace ordertrack::expr::internal
