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

#include "expr/internal/parser_impl.h"
#include "expr/internal/reserved_words.h"

namespace ordertrack::expr::internal {
namespace {

// Update expressions report reserved words before unknown functions.
int Priority(Grammar grammar, Category c) {
  if (grammar == Grammar::kUpdate && c == Category::kReserved) return -1;
  return static_cast<int>(c);
}

bool Blank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

}  // namespace

using TK = Token::Kind;

Parsed Parser::Run() {
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
    Record(Category::kOperatorLimit,
           "The expression contains too many operators; operator count: " +
               std::to_string(operators_));
  }
  if (!errors_.empty()) out.error = errors_.begin()->second;
  return out;
}

// Records DynamoDB's syntax error at the current token; returns false.
// "near" is the source text from the previous token through the next one
// (e.g. token "_" near "SET _123"; token "<EOF>" near ":type").
bool Parser::SyntaxError() {
  if (!syntax_error_.empty()) return false;
  const Token& cur = Peek();
  std::string token = cur.kind == TK::kEnd ? "<EOF>" : std::string(cur.text);
  size_t begin = pos_ > 0 ? tokens_[pos_ - 1].offset : cur.offset;
  size_t end = cur.offset + cur.text.size();
  if (cur.kind == TK::kEnd) {
    end = pos_ > 0 ? tokens_[pos_ - 1].offset + tokens_[pos_ - 1].text.size() : begin;
  } else if (tokens_[pos_ + 1].kind != TK::kEnd) {
    end = tokens_[pos_ + 1].offset + tokens_[pos_ + 1].text.size();
  }
  syntax_error_ = "Syntax error; token: \"" + token + "\", near: \"" +
                  std::string(text_.substr(begin, end - begin)) + "\"";
  return false;
}

void Parser::Record(Category c, std::string message) {
  errors_.emplace(Priority(grammar_, c), std::move(message));
}

// DynamoDB allows one pair of parentheses around a term, not two: "((a = :v))".
void Parser::Redundant() {
  if (grammar_ == Grammar::kCondition) {
    Record(Category::kRedundantParens, "The expression has redundant parentheses;");
  }
}

void Parser::Misused(const std::string& function) {
  Record(Category::kMisusedFunction,
         "The function is not allowed to be used this way in an expression; function: " + function);
}

bool Parser::IsKeywordToken(const Token& t) const {
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
bool Parser::ParsePathName(std::vector<PathElement>* elements) {
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

bool Parser::ParsePath(Path* out) {
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
bool Parser::Enter() {
  if (++depth_ > kMaxNesting) return SyntaxError();
  return true;
}

// operand := '(' operand ')' | atom.
bool Parser::ParseOperandParens(Node* out) {
  if (Peek().kind == TK::kLParen) {
    if (!Enter()) return false;
    Next();
    bool ok = ParseOperandParens(out) && Expect(TK::kRParen);
    Leave();
    if (out->parenthesized) Redundant();
    out->parenthesized = true;
    return ok;
  }
  return ParseAtom(out);
}

bool Parser::ParseAtom(Node* out) {
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
bool Parser::RequireOperand(Node* node) {
  if (node->kind == Node::Kind::kOperand) return true;
  if (node->kind == Node::Kind::kCondition) {
    if (node->function.empty()) return SyntaxError();
    Misused(node->function);
  }
  node->kind = Node::Kind::kOperand;
  node->operand = Operand();
  return true;
}

bool Parser::RequireCondition(Node* node) {
  if (node->kind == Node::Kind::kCondition) return true;
  if (node->kind == Node::Kind::kOperand) {
    if (node->function.empty()) return SyntaxError();
    Misused(node->function);
  }
  node->kind = Node::Kind::kCondition;
  node->condition = Condition();
  return true;
}

bool Parser::ParseFunction(Node* out) {
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

bool Parser::Arity(const std::string& name, const std::vector<Operand>& args, size_t n) {
  if (args.size() == n) return true;
  Record(Category::kOperandCount,
         "Incorrect number of operands for operator or function; operator or function: " + name +
             ", number of operands: " + std::to_string(args.size()));
  return false;
}

void Parser::RequirePath(const std::string& name, const Operand& arg) {
  if (arg.kind() != Operand::Kind::kPath) {
    Record(Category::kRequiresPath,
           "Operator or function requires a document path; operator or function: " + name);
  }
}

void Parser::BuildFunction(const std::string& name, std::vector<Operand> args, Node* out) {
  if (grammar_ == Grammar::kCondition) {
    if (name == "attribute_exists" || name == "attribute_not_exists") {
      *out = Node::Cond(Condition());
      if (!Arity(name, args, 1)) return;
      RequirePath(name, args[0]);
      Path path = args[0].path();
      *out =
          Node::Cond(name == "attribute_exists" ? Condition::AttributeExists(std::move(path))
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
      for (const Operand& arg : args) {
        // DynamoDB refuses list_append(list_append(...), ...).
        if (arg.kind() == Operand::Kind::kListAppend) Misused(name);
      }
      *out = Node::Op(Operand::ListAppend(std::move(args[0]), std::move(args[1])));
      return;
    }
  }
  bool condition_function = name == "attribute_exists" || name == "attribute_not_exists" ||
                            name == "attribute_type" || name == "begins_with" ||
                            name == "contains" || name == "size";
  bool update_function = name == "if_not_exists" || name == "list_append";
  *out = Node();
  if (grammar_ == Grammar::kCondition && update_function) {
    Misused(name);
  } else if (grammar_ == Grammar::kUpdate && condition_function) {
    Record(Category::kMisusedFunction,
           "The function is not allowed in an update expression; function: " + name);
  } else {
    Record(Category::kUnknownFunction, "Invalid function name; function: " + name);
  }
}

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
