// Grammar (DynamoDB's precedence, loosest first: OR, AND, NOT, then
// comparisons, IN, BETWEEN and functions, which do not chain):
//   condition  := and (OR and)*
//   and        := not (AND not)*
//   not        := NOT not | primary
//   primary    := term [comparator operand | BETWEEN operand AND operand
//                       | IN '(' operand (',' operand)* ')']
//   term       := '(' condition-or-operand ')' | operand
//   operand    := '(' operand ')' | :value | function '(' args ')' | path
//   path       := (name | #name) ('.' (name | #name) | '[' digits ']')*
//   update     := (SET set (',' set)* | REMOVE path (',' path)*
//                  | ADD path :value (',' ...)* | DELETE path :value (',' ...)*)+
//   set        := path '=' setvalue;  setvalue := term2 [('+' | '-') term2]
//   projection := path (',' path)*
// A parenthesized term may turn out to be an operand ("(a) = :v") or a
// condition ("(a = :v)"), so term returns either and primary decides; this
// avoids backtracking. Semantic errors found while parsing are recorded by
// category and the highest-priority one is reported after a successful
// parse, as DynamoDB reports syntax errors first.
#include "expr/parser.h"

#include <map>
#include <vector>

#include "expr/lexer.h"
#include "expr/reserved_words.h"

namespace ordertrack::expr::internal {
namespace {

// Semantic error categories, in the order of their priority per grammar.
enum class Category : uint8_t {
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

int Priority(Grammar grammar, Category c) {
  // Update expressions report reserved words before unknown functions.
  if (grammar == Grammar::kUpdate && c == Category::kReserved) return -1;
  return static_cast<int>(c);
}

// The result of parsing a term: a condition, an operand, or (after an
// unknown function, already reported) a placeholder that fits anywhere.
struct Node {
  enum class Kind : uint8_t { kCondition, kOperand, kAny };
  Kind kind = Kind::kAny;
  Condition condition;
  Operand operand;
  std::string function;  // the function's name when the node is a call
  bool parenthesized = false;

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

using TK = Token::Kind;

class Parser {
 public:
  Parser(Grammar grammar, std::string_view text)
      : grammar_(grammar), text_(text), tokens_(Tokenize(text)) {}

  Parsed Run() {
    Parsed out;
    bool ok = false;
    switch (grammar_) {
      case Grammar::kCondition: {
        Node node;
        ok = ParseOr(&node) && RequireCondition(&node);
        if (ok) out.condition = std::move(node.condition);
        break;
      }
      case Grammar::kUpdate:
        ok = ParseUpdate(&out.update);
        break;
      case Grammar::kProjection:
        ok = ParseProjection(&out.projection);
        break;
    }
    if (ok && Peek().kind != TK::kEnd) ok = SyntaxError();
    if (!ok) {
      out.error = syntax_error_;
      return out;
    }
    if (operators_ > kMaxOperators) {
      Record(Category::kOperatorLimit, "The expression contains too many operators; operator count: " +
                                           std::to_string(operators_));
    }
    if (!errors_.empty()) out.error = errors_.begin()->second;
    return out;
  }

 private:
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

  // Records DynamoDB's syntax error at the current token; returns false.
  bool SyntaxError() {
    if (!syntax_error_.empty()) return false;
    const Token& cur = Peek();
    std::string token = cur.kind == TK::kEnd ? "<EOF>" : std::string(cur.text);
    std::string_view near = cur.text;
    if (pos_ > 0) {
      const Token& prev = tokens_[pos_ - 1];
      size_t end = cur.kind == TK::kEnd ? prev.offset + prev.text.size()
                                        : cur.offset + cur.text.size();
      near = text_.substr(prev.offset, end - prev.offset);
    }
    syntax_error_ = "Syntax error; token: \"" + token + "\", near: \"" + std::string(near) + "\"";
    return false;
  }

  void Record(Category c, std::string message) {
    errors_.emplace(Priority(grammar_, c), std::move(message));
  }

  void Misused(const std::string& function) {
    Record(Category::kMisusedFunction,
           "The function is not allowed to be used this way in an expression; function: " +
               function);
  }

  bool IsKeywordToken(const Token& t) const {
    if (grammar_ == Grammar::kCondition) {
      return IsKeyword(t, "AND") || IsKeyword(t, "OR") || IsKeyword(t, "NOT") ||
             IsKeyword(t, "BETWEEN") || IsKeyword(t, "IN");
    }
    if (grammar_ == Grammar::kUpdate) {
      return IsKeyword(t, "SET") || IsKeyword(t, "REMOVE") || IsKeyword(t, "ADD") ||
             IsKeyword(t, "DELETE");
    }
    return false;
  }

  // One name element of a path.
  bool ParsePathName(std::vector<PathElement>* elements) {
    const Token& t = Peek();
    if (t.kind == TK::kNameRef) {
      elements->push_back({PathElement::Kind::kNameRef, std::string(t.text), 0});
    } else if (t.kind == TK::kIdentifier && !IsKeywordToken(t)) {
      if (IsReservedWord(t.text)) {
        Record(Category::kReserved,
               "Attribute name is a reserved keyword; reserved keyword: " + std::string(t.text));
      }
      elements->push_back({PathElement::Kind::kName, std::string(t.text), 0});
    } else {
      return SyntaxError();
    }
    Next();
    return true;
  }

  bool ParsePath(Path* out) {
    std::vector<PathElement> elements;
    if (!ParsePathName(&elements)) return false;
    while (true) {
      if (Accept(TK::kDot)) {
        if (!ParsePathName(&elements)) return false;
      } else if (Accept(TK::kLBracket)) {
        const Token& t = Peek();
        if (t.kind != TK::kNumber) return SyntaxError();
        uint64_t index = 0;
        for (char c : t.text) {
          index = index * 10 + static_cast<uint64_t>(c - '0');
          if (index > 0x7fffffff) return SyntaxError();
        }
        Next();
        if (!Expect(TK::kRBracket)) return false;
        elements.push_back({PathElement::Kind::kIndex, "", static_cast<uint32_t>(index)});
      } else {
        break;
      }
    }
    if (elements.size() > kMaxPathDepth) {
      Record(Category::kNesting, "The document path has too many nesting levels; nesting levels: " +
                                     std::to_string(elements.size()));
    }
    *out = Path(std::move(elements));
    return true;
  }

  // Nesting guard for parentheses and NOT.
  bool Enter() {
    if (++depth_ > kMaxNesting) return SyntaxError();
    return true;
  }
  void Leave() { --depth_; }

  // operand := '(' operand ')' | atom.
  bool ParseOperandParens(Node* out) {
    if (Peek().kind == TK::kLParen) {
      if (!Enter()) return false;
      Next();
      bool ok = ParseOperandParens(out) && Expect(TK::kRParen);
      Leave();
      out->parenthesized = true;
      return ok;
    }
    return ParseAtom(out);
  }

  bool ParseAtom(Node* out) {
    const Token& t = Peek();
    if (t.kind == TK::kValueRef) {
      *out = Node::Op(Operand::ValueRef(std::string(t.text)));
      Next();
      return true;
    }
    if (t.kind == TK::kIdentifier && !IsKeywordToken(t) && tokens_[pos_ + 1].kind == TK::kLParen) {
      return ParseFunction(out);
    }
    Path path;
    if (!ParsePath(&path)) return false;
    *out = Node::Op(Operand::FromPath(std::move(path)));
    return true;
  }

  // Converts an argument or comparison operand node to an operand.
  bool RequireOperand(Node* node) {
    if (node->kind == Node::Kind::kOperand) return true;
    if (node->kind == Node::Kind::kCondition) {
      if (node->function.empty()) return SyntaxError();
      Misused(node->function);
    }
    node->kind = Node::Kind::kOperand;
    node->operand = Operand();
    return true;
  }

  bool RequireCondition(Node* node) {
    if (node->kind == Node::Kind::kCondition) return true;
    if (node->kind == Node::Kind::kOperand) {
      if (node->function.empty()) return SyntaxError();
      Misused(node->function);
    }
    node->kind = Node::Kind::kCondition;
    node->condition = Condition();
    return true;
  }

  bool ParseFunction(Node* out) {
    std::string name(Next().text);
    Next();  // '('
    if (!Enter()) return false;
    std::vector<Node> args;
    do {
      Node arg;
      if (!ParseOperandParens(&arg)) return false;
      args.push_back(std::move(arg));
    } while (Accept(TK::kComma));
    if (!Expect(TK::kRParen)) return false;
    Leave();
    ++operators_;
    std::vector<Operand> ops;
    for (Node& arg : args) {
      if (!RequireOperand(&arg)) return false;
      ops.push_back(std::move(arg.operand));
    }
    BuildFunction(name, std::move(ops), out);
    out->function = name;
    return true;
  }

  bool Arity(const std::string& name, const std::vector<Operand>& args, size_t n) {
    if (args.size() == n) return true;
    Record(Category::kOperandCount,
           "Incorrect number of operands for operator or function; operator or function: " + name +
               ", number of operands: " + std::to_string(args.size()));
    return false;
  }

  void RequirePath(const std::string& name, const Operand& arg) {
    if (arg.kind() != Operand::Kind::kPath) {
      Record(Category::kRequiresPath,
             "Operator or function requires a document path; operator or function: " + name);
    }
  }

  void BuildFunction(const std::string& name, std::vector<Operand> args, Node* out) {
    if (grammar_ == Grammar::kCondition) {
      if (name == "attribute_exists" || name == "attribute_not_exists") {
        *out = Node::Cond(Condition());
        if (!Arity(name, args, 1)) return;
        RequirePath(name, args[0]);
        Path path = args[0].path();
        *out = Node::Cond(name == "attribute_exists" ? Condition::AttributeExists(std::move(path))
                                                     : Condition::AttributeNotExists(std::move(path)));
        return;
      }
      if (name == "attribute_type" || name == "begins_with" || name == "contains") {
        *out = Node::Cond(Condition());
        if (!Arity(name, args, 2)) return;
        if (name == "attribute_type") {
          *out = Node::Cond(Condition::AttributeType(std::move(args[0]), std::move(args[1])));
        } else if (name == "begins_with") {
          *out = Node::Cond(Condition::BeginsWith(std::move(args[0]), std::move(args[1])));
        } else {
          *out = Node::Cond(Condition::Contains(std::move(args[0]), std::move(args[1])));
        }
        return;
      }
      if (name == "size") {
        *out = Node::Op(Operand());
        if (!Arity(name, args, 1)) return;
        *out = Node::Op(Operand::Size(std::move(args[0])));
        return;
      }
    } else if (grammar_ == Grammar::kUpdate) {
      if (name == "if_not_exists") {
        *out = Node::Op(Operand());
        if (!Arity(name, args, 2)) return;
        RequirePath(name, args[0]);
        *out = Node::Op(Operand::IfNotExists(args[0].path(), std::move(args[1])));
        return;
      }
      if (name == "list_append") {
        *out = Node::Op(Operand());
        if (!Arity(name, args, 2)) return;
        *out = Node::Op(Operand::ListAppend(std::move(args[0]), std::move(args[1])));
        return;
      }
    }
    Record(Category::kUnknownFunction, "Invalid function name; function: " + name);
    *out = Node();
  }

  // ---- conditions ----

  bool ParseOr(Node* out) {
    if (!ParseAnd(out)) return false;
    while (IsKeyword(Peek(), "OR")) {
      if (!RequireCondition(out)) return false;
      Next();
      Node rhs;
      if (!ParseAnd(&rhs) || !RequireCondition(&rhs)) return false;
      ++operators_;
      *out = Node::Cond(Condition::Or(std::move(out->condition), std::move(rhs.condition)));
    }
    return true;
  }

  bool ParseAnd(Node* out) {
    if (!ParseNot(out)) return false;
    while (IsKeyword(Peek(), "AND")) {
      if (!RequireCondition(out)) return false;
      Next();
      Node rhs;
      if (!ParseNot(&rhs) || !RequireCondition(&rhs)) return false;
      ++operators_;
      *out = Node::Cond(Condition::And(std::move(out->condition), std::move(rhs.condition)));
    }
    return true;
  }

  bool ParseNot(Node* out) {
    if (!IsKeyword(Peek(), "NOT")) return ParsePrimary(out);
    if (!Enter()) return false;
    Next();
    Node inner;
    bool ok = ParseNot(&inner) && RequireCondition(&inner);
    Leave();
    if (!ok) return false;
    ++operators_;
    *out = Node::Cond(Condition::Not(std::move(inner.condition)));
    return true;
  }

  static bool IsComparator(TK k) {
    return k == TK::kEq || k == TK::kNe || k == TK::kLt || k == TK::kLe || k == TK::kGt ||
           k == TK::kGe;
  }

  bool ParsePrimary(Node* out) {
    if (Peek().kind == TK::kLParen) {
      if (!Enter()) return false;
      Next();
      bool ok = ParseOr(out) && Expect(TK::kRParen);
      Leave();
      if (!ok) return false;
      out->parenthesized = true;
    } else if (!ParseAtom(out)) {
      return false;
    }
    const Token& t = Peek();
    bool between = IsKeyword(t, "BETWEEN");
    bool in = IsKeyword(t, "IN");
    if (!IsComparator(t.kind) && !between && !in) return true;
    if (out->kind == Node::Kind::kCondition && out->function.empty()) return SyntaxError();
    if (!RequireOperand(out)) return false;
    Operand lhs = std::move(out->operand);
    Next();
    ++operators_;
    if (between) {
      Node low, high;
      if (!ParseOperandParens(&low) || !RequireOperand(&low)) return false;
      if (!IsKeyword(Peek(), "AND")) return SyntaxError();
      Next();
      if (!ParseOperandParens(&high) || !RequireOperand(&high)) return false;
      *out = Node::Cond(
          Condition::Between(std::move(lhs), std::move(low.operand), std::move(high.operand)));
      return true;
    }
    if (in) {
      if (!Expect(TK::kLParen)) return false;
      std::vector<Operand> list;
      do {
        Node item;
        if (!ParseOperandParens(&item) || !RequireOperand(&item)) return false;
        list.push_back(std::move(item.operand));
      } while (Accept(TK::kComma));
      if (!Expect(TK::kRParen)) return false;
      if (list.size() > kMaxInOperands) {
        Record(Category::kInLimit,
               "Too many operands for the operator or function; operator or function: IN, "
               "number of operands: " +
                   std::to_string(list.size()));
      }
      *out = Node::Cond(Condition::In(std::move(lhs), std::move(list)));
      return true;
    }
    CompareOp op = CompareOp::kEq;
    switch (t.kind) {
      case TK::kNe: op = CompareOp::kNe; break;
      case TK::kLt: op = CompareOp::kLt; break;
      case TK::kLe: op = CompareOp::kLe; break;
      case TK::kGt: op = CompareOp::kGt; break;
      case TK::kGe: op = CompareOp::kGe; break;
      default: break;
    }
    Node rhs;
    if (!ParseOperandParens(&rhs) || !RequireOperand(&rhs)) return false;
    *out = Node::Cond(Condition::Compare(op, std::move(lhs), std::move(rhs.operand)));
    return true;
  }

  // ---- updates ----

  bool ParseSetTerm(Operand* out) {
    if (Peek().kind == TK::kLParen) {
      if (!Enter()) return false;
      Next();
      bool ok = ParseSetValue(out) && Expect(TK::kRParen);
      Leave();
      return ok;
    }
    Node node;
    if (!ParseAtom(&node) || !RequireOperand(&node)) return false;
    *out = std::move(node.operand);
    return true;
  }

  bool ParseSetValue(Operand* out) {
    if (!ParseSetTerm(out)) return false;
    TK k = Peek().kind;
    if (k != TK::kPlus && k != TK::kMinus) return true;
    Next();
    ++operators_;
    Operand rhs;
    if (!ParseSetTerm(&rhs)) return false;
    *out = k == TK::kPlus ? Operand::Plus(std::move(*out), std::move(rhs))
                          : Operand::Minus(std::move(*out), std::move(rhs));
    return true;
  }

  bool ParseUpdate(Update* out) {
    std::vector<UpdateAction> actions;
    bool seen[4] = {false, false, false, false};
    static constexpr std::string_view kSections[4] = {"SET", "REMOVE", "ADD", "DELETE"};
    do {
      int section = -1;
      for (int i = 0; i < 4; ++i) {
        if (IsKeyword(Peek(), kSections[i])) section = i;
      }
      if (section < 0) return SyntaxError();
      Next();
      if (seen[section]) {
        Record(Category::kSection, "The \"" + std::string(kSections[section]) +
                                       "\" section can only be used once in an update expression;");
      }
      seen[section] = true;
      do {
        UpdateAction action;
        action.kind = static_cast<UpdateAction::Kind>(section);
        if (!ParsePath(&action.path)) return false;
        if (section == 0) {
          if (!Expect(TK::kEq) || !ParseSetValue(&action.value)) return false;
        } else if (section >= 2) {
          if (Peek().kind != TK::kValueRef) return SyntaxError();
          action.value = Operand::ValueRef(std::string(Next().text));
        }
        actions.push_back(std::move(action));
      } while (Accept(TK::kComma));
    } while (Peek().kind != TK::kEnd);
    *out = Update(std::move(actions));
    return true;
  }

  // ---- projections ----

  bool ParseProjection(Projection* out) {
    std::vector<Path> paths;
    do {
      Path path;
      if (!ParsePath(&path)) return false;
      paths.push_back(std::move(path));
    } while (Accept(TK::kComma));
    *out = Projection(std::move(paths));
    return true;
  }

  Grammar grammar_;
  std::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  size_t depth_ = 0;
  size_t operators_ = 0;
  std::string syntax_error_;
  std::map<int, std::string> errors_;  // priority -> first message of that category
};

bool Blank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

}  // namespace

Parsed Parse(Grammar grammar, std::string_view text) {
  if (Blank(text)) {
    Parsed out;
    out.error = "The expression can not be empty;";
    return out;
  }
  if (text.size() > kMaxExpressionBytes) {
    Parsed out;
    out.error = "Expression size has exceeded the maximum allowed size; expression size: " +
                std::to_string(text.size());
    return out;
  }
  return Parser(grammar, text).Run();
}

}  // namespace ordertrack::expr::internal
