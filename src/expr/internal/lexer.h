// File: expr/internal/lexer.h
// Splits expression text into tokens for the parser (expr/parser.h).
// Internal to the expression module.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace ordertrack::expr::internal {

struct Token {
  enum class Kind : uint8_t {
    kEnd,         // end of input
    kIdentifier,  // a name, keyword or function name: [A-Za-z][A-Za-z0-9_]*
    kNameRef,     // #name: '#' [A-Za-z0-9_]+
    kValueRef,    // :value: ':' [A-Za-z0-9_]+
    kNumber,      // [0-9]+ (list indexes)
    kLParen,
    kRParen,
    kLBracket,
    kRBracket,
    kDot,
    kComma,
    kEq,
    kNe,
    kLt,
    kLe,
    kGt,
    kGe,
    kPlus,
    kMinus,
    kInvalid,  // any other character, or a lone '#' or ':'
  };
  Kind kind = Kind::kEnd;
  std::string_view text;  // points into the source
  size_t offset = 0;      // of text in the source
};

// The tokens of `source`, always ending with one kEnd token. Whitespace
// (space, tab, CR, LF) separates tokens. Never fails: characters that start
// no token become kInvalid tokens.
std::vector<Token> Tokenize(std::string_view source);

// True when `token` is an identifier equal to `keyword`, ignoring ASCII case.
bool IsKeyword(const Token& token, std::string_view keyword);

}  // namespace ordertrack::expr::internal
