// Conditions, updates and projections: the clause-level rules of the
// grammar in parser.cc. Precedence, loosest first: OR, AND, NOT, then the
// comparisons, BETWEEN, IN and functions, which do not chain.
#include "expr/internal/parser_impl.h"

namespace ordertrack::expr::internal {

using TK = Token::Kind;

bool Parser::ParseOr(Node* out) {
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

bool Parser::ParseAnd(Node* out) {
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

bool Parser::ParseNot(Node* out) {
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

bool Parser::ParsePrimary(Node* out) {
  if (Peek().kind == TK::kLParen) {
    if (!Enter()) return false;
    Next();
    bool ok = ParseOr(out) && Expect(TK::kRParen);
    Leave();
    if (!ok) return false;
    if (out->parenthesized) Redundant();
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
    case TK::kNe:
      op = CompareOp::kNe;
      break;
    case TK::kLt:
      op = CompareOp::kLt;
      break;
    case TK::kLe:
      op = CompareOp::kLe;
      break;
    case TK::kGt:
      op = CompareOp::kGt;
      break;
    case TK::kGe:
      op = CompareOp::kGe;
      break;
    default:
      break;
  }
  Node rhs;
  if (!ParseOperandParens(&rhs) || !RequireOperand(&rhs)) return false;
  *out = Node::Cond(Condition::Compare(op, std::move(lhs), std::move(rhs.operand)));
  return true;
}

bool Parser::ParseSetTerm(Operand* out) {
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

bool Parser::ParseSetValue(Operand* out) {
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

bool Parser::ParseUpdate(Update* out) {
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

bool Parser::ParseProjection(Projection* out) {
  std::vector<Path> paths;
  do {
    Path path;
    if (!ParsePath(&path)) return false;
    paths.push_back(std::move(path));
  } while (Accept(TK::kComma));
  *out = Projection(std::move(paths));
  return true;
}

}  // namespace ordertrack::expr::internal
