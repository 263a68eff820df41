// File: expr/internal/parser_impl.h
// The recursive-descent parser behind expr/parser.h, shared by parser.cc
// (tokens, paths, operands, functions, errors) and parser_clauses.cc
// (conditions, updates, projections). Internal to the expression module.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "expr/ast.h"
#include "expr/internal/lexer.h"
#include "expr/parser.h"

namespace ordertrack::expr::internal {

// Semantic error categories, in the order of their priority (see Priority()).
enum class Category : uint8_t {
  kRedundantParens,
  kUnknownFunction,
  kMisusedFunction,
  kReserved,
  kSection,
  kNesting,
  kOperandCount,
  kRequiresPath,
  kInLimit,
  kOperatorLimit,
};

// The result of parsing a term: a condition, an operand, or (after an
// unknown function, already reported) a placeholder that fits anywhere.
struct Node {
  enum class Kind : uint8_t { kCondition, kOperand, kAny };
  Kind kind = Kind::kAny;
  Condition condition;
  Operand operand;
  std::string function;        // the function's name when the node is a call
  bool parenthesized = false;  // the node is exactly one "( ... )" group

  static Node Cond(Condition c) {
    Node n;
    n.kind = Kind::kCondition;
    n.condition = std::move(c);
    return n;
  }
  static Node Op(Operand o) {
    Node n;
    n.kind = Kind::kOperand;
    n.operand = std::move(o);
    return n;
  }
};

// One parse of one text. Every Parse* method returns false after a syntax
// error (recorded once, at the failing token); semantic errors are recorded
// by category and reported by Run() only when the syntax is valid.
class Parser {
 public:
  using TK = Token::Kind;

  Parser(Grammar grammar, std::string_view text)
      : grammar_(grammar), text_(text), tokens_(Tokenize(text)) {}

  Parsed Run();

 private:
  // Tokens.
  const Token& Peek() const { return tokens_[pos_]; }
  const Token& Next() {
    const Token& t = tokens_[pos_];
    if (t.kind != TK::kEnd) ++pos_;
    return t;
  }
  bool Accept(TK kind) {
    if (Peek().kind != kind) return false;
    Next();
    return true;
  }
  bool Expect(TK kind) { return Accept(kind) || SyntaxError(); }
  bool IsKeywordToken(const Token& t) const;
  static bool IsComparator(TK k) {
    return k == TK::kEq || k == TK::kNe || k == TK::kLt || k == TK::kLe || k == TK::kGt ||
           k == TK::kGe;
  }

  // Errors.
  bool SyntaxError();
  void Record(Category c, std::string message);
  void Redundant();
  void Misused(const std::string& function);

  // Nesting guard for parentheses, functions and NOT.
  bool Enter();
  void Leave() { --depth_; }

  // Paths, operands and functions (parser.cc).
  bool ParsePathName(std::vector<PathElement>* elements);
  bool ParsePath(Path* out);
  bool ParseOperandParens(Node* out);
  bool ParseAtom(Node* out);
  bool RequireOperand(Node* node);
  bool RequireCondition(Node* node);
  bool ParseFunction(Node* out);
  bool Arity(const std::string& name, const std::vector<Operand>& args, size_t n);
  void RequirePath(const std::string& name, const Operand& arg);
  void BuildFunction(const std::string& name, std::vector<Operand> args, Node* out);

  // Conditions, updates and projections (parser_clauses.cc).
  bool ParseOr(Node* out);
  bool ParseAnd(Node* out);
  bool ParseNot(Node* out);
  bool ParsePrimary(Node* out);
  bool ParseSetTerm(Operand* out);
  bool ParseSetValue(Operand* out);
  bool ParseUpdate(Update* out);
  bool ParseProjection(Projection* out);

  Grammar grammar_;
  std::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  size_t depth_ = 0;
  size_t operators_ = 0;
  std::string syntax_error_;
  std::map<int, std::string> errors_;  // priority -> first message of that category
};

}  // namespace ordertrack::expr::internal
