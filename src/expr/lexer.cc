#include "expr/internal/lexer.h"

#include "base/strings.h"

namespace ordertrack::expr::internal {
namespace {

// Names start with a letter (DynamoDB's lexer refuses "_a" with a syntax
// error on "_"); #names and :values may start with any name character.
bool IsIdentStart(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsIdentPart(char c) { return IsIdentStart(c) || IsDigit(c) || c == '_'; }
bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

std::vector<Token> Tokenize(std::string_view s) {
  std::vector<Token> tokens;
  size_t i = 0;
  while (true) {
    while (i < s.size() && IsSpace(s[i])) ++i;
    Token t;
    t.offset = i;
    if (i == s.size()) {
      t.kind = Token::Kind::kEnd;
      t.text = s.substr(i, 0);
      tokens.push_back(t);
      return tokens;
    }
    size_t start = i;
    char c = s[i];
    // Called after i has moved past the first character.
    auto two = [&](char next) { return start + 1 < s.size() && s[start + 1] == next; };
    if (IsIdentStart(c)) {
      while (i < s.size() && IsIdentPart(s[i])) ++i;
      t.kind = Token::Kind::kIdentifier;
    } else if (IsDigit(c)) {
      while (i < s.size() && IsDigit(s[i])) ++i;
      t.kind = Token::Kind::kNumber;
    } else if (c == '#' || c == ':') {
      ++i;
      while (i < s.size() && IsIdentPart(s[i])) ++i;
      if (i - start == 1) {
        t.kind = Token::Kind::kInvalid;
      } else {
        t.kind = c == '#' ? Token::Kind::kNameRef : Token::Kind::kValueRef;
      }
    } else {
      ++i;
      switch (c) {
        case '(':
          t.kind = Token::Kind::kLParen;
          break;
        case ')':
          t.kind = Token::Kind::kRParen;
          break;
        case '[':
          t.kind = Token::Kind::kLBracket;
          break;
        case ']':
          t.kind = Token::Kind::kRBracket;
          break;
        case '.':
          t.kind = Token::Kind::kDot;
          break;
        case ',':
          t.kind = Token::Kind::kComma;
          break;
        case '=':
          t.kind = Token::Kind::kEq;
          break;
        case '+':
          t.kind = Token::Kind::kPlus;
          break;
        case '-':
          t.kind = Token::Kind::kMinus;
          break;
        case '<':
          if (two('>')) {
            ++i;
            t.kind = Token::Kind::kNe;
          } else if (two('=')) {
            ++i;
            t.kind = Token::Kind::kLe;
          } else {
            t.kind = Token::Kind::kLt;
          }
          break;
        case '>':
          if (two('=')) {
            ++i;
            t.kind = Token::Kind::kGe;
          } else {
            t.kind = Token::Kind::kGt;
          }
          break;
        default: {
          t.kind = Token::Kind::kInvalid;
          // Keep a multi-byte UTF-8 character whole in messages.
          while (i < s.size() && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) ++i;
          break;
        }
      }
    }
    t.text = s.substr(start, i - start);
    tokens.push_back(t);
  }
}

bool IsKeyword(const Token& token, std::string_view keyword) {
  return token.kind == Token::Kind::kIdentifier &&
         base::EqualsIgnoringAsciiCase(token.text, keyword);
}

}  // namespace ordertrack::expr::internal
