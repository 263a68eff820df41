// Parser and resolution: each case is expression text (with names and
// values) -> the printed resolved tree, or DynamoDB's exact message.
#include "expr/parser.h"

#include <gtest/gtest.h>

#include <string>

#include "expr/internal/expr_test_util.h"

namespace ordertrack::expr {
namespace {

using namespace exprtest;  // NOLINT: test helpers

const model::ExpressionAttributeNames kNames = {
    {"#s", "status"}, {"#n", "name"}, {"#dot", "a.b"}, {"#a", "a"}, {"#b", "b"}};
const model::ExpressionAttributeValues kValues = {{":v", S("x")},
                                                  {":w", S("y")},
                                                  {":n", N("5")},
                                                  {":one", N("1")},
                                                  {":lo", N("1")},
                                                  {":hi", N("5")},
                                                  {":t", S("N")},
                                                  {":bad", S("X")},
                                                  {":ss", SS({"a"})},
                                                  {":l", L({S("z")})},
                                                  {":b", B("\x01\x02")},
                                                  {":s", S("s")},
                                                  {":order_status", S("PLACED")},
                                                  {":_v", S("underscore")},
                                                  {":order_status_created", S("PLACED#2026")}};

struct Case {
  std::string text;
  std::string expected;  // "OK: <tree>" or the full message
};

std::string RunCondition(const std::string& text) {
  RequestExpressions req(&kNames, &kValues);
  return Outcome(req.Condition(text));
}
std::string RunUpdate(const std::string& text) {
  RequestExpressions req(&kNames, &kValues);
  return Outcome(req.Update(text));
}
std::string RunProjection(const std::string& text) {
  RequestExpressions req(&kNames, &kValues);
  return Outcome(req.Projection(text));
}

std::string Repeat(const std::string& s, int n, const std::string& sep) {
  std::string out;
  for (int i = 0; i < n; ++i) {
    if (i > 0) out += sep;
    out += s;
  }
  return out;
}

const std::string kC = "Invalid ConditionExpression: ";

TEST(ConditionParserTest, Table) {
  const std::vector<Case> cases = {
      {"a = :v", "OK: (a = {S:x})"},
      {"a <> :v", "OK: (a <> {S:x})"},
      {"a<:n", "OK: (a < {N:5})"},
      {"a <= :n AND b >= :n", "OK: ((a <= {N:5}) AND (b >= {N:5}))"},
      {"a > :n", "OK: (a > {N:5})"},
      // AND binds tighter than OR; NOT tighter than AND.
      {"a = :v OR b = :v AND c = :v", "OK: ((a = {S:x}) OR ((b = {S:x}) AND (c = {S:x})))"},
      {"a = :v AND b = :v OR c = :v", "OK: (((a = {S:x}) AND (b = {S:x})) OR (c = {S:x}))"},
      {"NOT a = :v AND b = :v", "OK: ((NOT (a = {S:x})) AND (b = {S:x}))"},
      {"NOT NOT a = :v", "OK: (NOT (NOT (a = {S:x})))"},
      {"(a = :v OR b = :v) AND c = :v", "OK: (((a = {S:x}) OR (b = {S:x})) AND (c = {S:x}))"},
      {"a = :v and b = :v or not c = :v",
       "OK: (((a = {S:x}) AND (b = {S:x})) OR (NOT (c = {S:x})))"},
      {"(a) = :v", "OK: (a = {S:x})"},
      {"(a) = (:v)", "OK: (a = {S:x})"},
      {"(a = :v)", "OK: (a = {S:x})"},
      {"((a = :v) AND (b = :v))", "OK: ((a = {S:x}) AND (b = {S:x}))"},
      {"size((a)) = :n", "OK: (size(a) = {N:5})"},
      {"((a)) = :v", kC + "The expression has redundant parentheses;"},
      {"a = ((:v))", kC + "The expression has redundant parentheses;"},
      {"((a = :v))", kC + "The expression has redundant parentheses;"},
      {"((a = :v) AND ((b = :v)))", kC + "The expression has redundant parentheses;"},
      {"a BETWEEN :lo AND :hi", "OK: (a BETWEEN {N:1} AND {N:5})"},
      {"a between :lo and :hi AND b = :v", "OK: ((a BETWEEN {N:1} AND {N:5}) AND (b = {S:x}))"},
      {"a IN (:v, :w)", "OK: (a IN ({S:x}, {S:y}))"},
      {"a IN (:v)", "OK: (a IN ({S:x}))"},
      {"attribute_exists(a.b[2].c)", "OK: attribute_exists(a.b[2].c)"},
      {"attribute_not_exists(#s)", "OK: attribute_not_exists(status)"},
      {"attribute_type(a, :t)", "OK: attribute_type(a, {S:N})"},
      {"begins_with(a, :v)", "OK: begins_with(a, {S:x})"},
      {"begins_with(a, :b)", "OK: begins_with(a, {B:AQI=})"},
      {"contains(a, :v)", "OK: contains(a, {S:x})"},
      {"contains(a, :n)", "OK: contains(a, {N:5})"},
      {"size(a) > :n", "OK: (size(a) > {N:5})"},
      {":n < size(a.b)", "OK: ({N:5} < size(a.b))"},
      {"a.b[1].c = :v", "OK: (a.b[1].c = {S:x})"},
      {"a[0][1] = :v", "OK: (a[0][1] = {S:x})"},
      {"#dot = :v", "OK: (a.b = {S:x})"},
      {"#n.#s = :v", "OK: (name.status = {S:x})"},
      {"a = b", "OK: (a = b)"},
      {" \t a\n=\r:v ", "OK: (a = {S:x})"},
      {"order_status = :order_status", "OK: (order_status = {S:PLACED})"},
      {"_private = :v", kC + "Syntax error; token: \"_\", near: \"_private\""},
      {"a = :_v", "OK: (a = {S:underscore})"},
      // Syntax errors name the token and what precedes it.
      {"", kC + "The expression can not be empty;"},
      {"   ", kC + "The expression can not be empty;"},
      {"a =", kC + "Syntax error; token: \"<EOF>\", near: \"=\""},
      {"a", kC + "Syntax error; token: \"<EOF>\", near: \"a\""},
      {"a = :v b", kC + "Syntax error; token: \"b\", near: \":v b\""},
      {"a == :v", kC + "Syntax error; token: \"=\", near: \"== :v\""},
      {"a = :v AND", kC + "Syntax error; token: \"<EOF>\", near: \"AND\""},
      {"a = :v = :w", kC + "Syntax error; token: \"=\", near: \":v = :w\""},
      {"a = :v AND (b = :v", kC + "Syntax error; token: \"<EOF>\", near: \":v\""},
      {"a = !", kC + "Syntax error; token: \"!\", near: \"= !\""},
      {"customer-id = :v", kC + "Syntax error; token: \"-\", near: \"customer-id\""},
      {"a = :", kC + "Syntax error; token: \":\", near: \"= :\""},
      {"# = :v", kC + "Syntax error; token: \"#\", near: \"# =\""},
      {"a.[1] = :v", kC + "Syntax error; token: \"[\", near: \".[1\""},
      {"a[x] = :v", kC + "Syntax error; token: \"x\", near: \"[x]\""},
      {"a[-1] = :v", kC + "Syntax error; token: \"-\", near: \"[-1\""},
      {"a[:i] = :v", kC + "Syntax error; token: \":i\", near: \"[:i]\""},
      {"a[99999999999] = :v", kC + "Syntax error; token: \"99999999999\", near: \"[99999999999]\""},
      {"a BETWEEN :lo", kC + "Syntax error; token: \"<EOF>\", near: \":lo\""},
      {"a BETWEEN :lo OR :hi", kC + "Syntax error; token: \"OR\", near: \":lo OR :hi\""},
      {"a IN :v", kC + "Syntax error; token: \":v\", near: \"IN :v\""},
      {"a IN ()", kC + "Syntax error; token: \")\", near: \"()\""},
      {"a AND b = :v", kC + "Syntax error; token: \"AND\", near: \"a AND b\""},
      {"(a = :v) = :w", kC + "Syntax error; token: \"=\", near: \") = :w\""},
      {"AND = :v", kC + "Syntax error; token: \"AND\", near: \"AND =\""},
      {"a = :v)", kC + "Syntax error; token: \")\", near: \":v)\""},
      // Names and values.
      {"status = :v", kC + "Attribute name is a reserved keyword; reserved keyword: status"},
      {"a.Name = :v", kC + "Attribute name is a reserved keyword; reserved keyword: Name"},
      {"#x = :v",
       kC + "An expression attribute name used in the document path is not defined; attribute "
            "name: #x"},
      {"a = :x",
       kC + "An expression attribute value used in expression is not defined; attribute value: :x"},
      {"#x = :x",
       kC + "An expression attribute name used in the document path is not defined; attribute "
            "name: #x"},
      // Functions.
      {"foo(a)", kC + "Invalid function name; function: foo"},
      {"foo(a) = :v", kC + "Invalid function name; function: foo"},
      {"if_not_exists(a, a) = :v",
       kC + "The function is not allowed to be used this way in an expression; function: "
            "if_not_exists"},
      {"list_append(a, b) = :v",
       kC + "The function is not allowed to be used this way in an expression; function: "
            "list_append"},
      {"size(a)",
       kC + "The function is not allowed to be used this way in an expression; function: size"},
      {"attribute_exists(a) = :v",
       kC + "The function is not allowed to be used this way in an expression; function: "
            "attribute_exists"},
      {"begins_with(attribute_exists(a), :v)",
       kC + "The function is not allowed to be used this way in an expression; function: "
            "attribute_exists"},
      {"attribute_exists(:v)",
       kC +
           "Operator or function requires a document path; operator or function: attribute_exists"},
      {"begins_with(a)",
       kC + "Incorrect number of operands for operator or function; operator or function: "
            "begins_with, number of operands: 1"},
      {"attribute_exists(a, b)",
       kC + "Incorrect number of operands for operator or function; operator or function: "
            "attribute_exists, number of operands: 2"},
      {"begins_with(a, :n)",
       kC + "Incorrect operand type for operator or function; operator or function: begins_with, "
            "operand type: N"},
      {"size(:n) > :n",
       kC + "Incorrect operand type for operator or function; operator or function: size, operand "
            "type: N"},
      {"attribute_type(a, :n)",
       kC + "Incorrect operand type for operator or function; operator or function: "
            "attribute_type, operand type: N"},
      {"attribute_type(a, :bad)", kC + "Invalid attribute type name found; type: X, valid types: "
                                       "{B,NULL,SS,BOOL,L,BS,N,NS,S,M}"},
      {"a = a",
       kC + "The first operand must be distinct from the remaining operands for this operator or "
            "function; operator: =, first operand: [a]"},
      {"contains(a.b, a.b)",
       kC + "The first operand must be distinct from the remaining operands for this operator or "
            "function; operator: contains, first operand: [a, b]"},
      {"a BETWEEN :hi AND :lo",
       kC + "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
            "lower bound operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: "
            "{N:1}"},
      {"a < :l",
       kC + "Incorrect operand type for operator or function; operator or function: <, operand "
            "type: L"},
      {":ss >= a",
       kC + "Incorrect operand type for operator or function; operator or function: >=, operand "
            "type: SS"},
      {"a = :l", "OK: (a = {L:[{S:z}]})"},
      {"a BETWEEN :l AND :l",
       kC + "Incorrect operand type for operator or function; operator or function: BETWEEN, "
            "operand type: L"},
      {"attribute_type(a, b)",
       kC + "Incorrect operand type for operator or function; operator or function: "
            "attribute_type, operand type: {NS,SS,L,BS,N,M,B,BOOL,NULL,S}"},
      {"a BETWEEN :n AND :v",
       kC + "The BETWEEN operator requires same data type for lower and upper bounds; lower bound "
            "operand: AttributeValue: {N:5}, upper bound operand: AttributeValue: {S:x}"},
      // Syntax errors come before other errors.
      {"status = :x AND", kC + "Syntax error; token: \"<EOF>\", near: \"AND\""},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RunCondition(c.text), c.expected) << "text: " << c.text;
  }
}

TEST(ConditionParserTest, Limits) {
  // 4 KB.
  std::string long_name(4090, 'a');
  EXPECT_EQ(RunCondition(long_name + " = :v"), "OK: (" + long_name + " = {S:x})");
  std::string too_long = long_name + "xy = :v";
  EXPECT_EQ(RunCondition(too_long),
            kC + "Expression size has exceeded the maximum allowed size; expression size: 4097");
  // IN takes up to 100 values.
  std::string in100 = "a IN (" + Repeat(":v", 100, ",") + ")";
  EXPECT_EQ(RunCondition(in100).substr(0, 3), "OK:");
  std::string in101 = "a IN (" + Repeat(":v", 101, ",") + ")";
  EXPECT_EQ(RunCondition(in101),
            kC + "Too many operands for the operator or function; operator or function: IN, "
                 "number of operands: 101");
  // Paths nest up to 32 levels.
  std::string depth32 = "a" + Repeat(".b", 31, "") + " = :v";
  EXPECT_EQ(RunCondition(depth32).substr(0, 3), "OK:");
  std::string depth33 = "a" + Repeat("[1]", 32, "") + " = :v";
  EXPECT_EQ(RunCondition(depth33),
            kC + "The document path has too many nesting levels; nesting levels: 33");
  // At most 300 operators.
  std::string ops300 = "NOT " + Repeat("a = :v", 150, " OR ");
  EXPECT_EQ(RunCondition(ops300).substr(0, 3), "OK:");
  std::string ops301 = "NOT " + ops300;
  EXPECT_EQ(RunCondition(ops301),
            kC + "The expression contains too many operators; operator count: 301");
  // Deep nesting is refused, not a stack overflow.
  std::string deep = Repeat("(a = :v AND ", 300, "") + "a = :v" + std::string(300, ')');
  EXPECT_NE(RunCondition(deep).find("Syntax error; token: \"(\""), std::string::npos);
  std::string nots = Repeat("NOT", 1000, " ") + " a = :v";
  EXPECT_NE(RunCondition(nots).find("Syntax error; token: \"NOT\""), std::string::npos);
}

const std::string kU = "Invalid UpdateExpression: ";

TEST(UpdateParserTest, Table) {
  const std::vector<Case> cases = {
      // The seed's update: order_status is not a reserved word.
      {"SET order_status = :order_status, order_status_created = :order_status_created",
       "OK: SET order_status = {S:PLACED}; SET order_status_created = {S:PLACED#2026}"},
      {"SET status = :s", kU + "Attribute name is a reserved keyword; reserved keyword: status"},
      {"SET #s = :s", "OK: SET status = {S:s}"},
      {"set a = :v remove b add c :n delete d :ss",
       "OK: SET a = {S:x}; REMOVE b; ADD c {N:5}; DELETE d {SS:[a]}"},
      {"REMOVE a, b.c[2] SET d = :v", "OK: REMOVE a; REMOVE b.c[2]; SET d = {S:x}"},
      {"SET a = b + :n", "OK: SET a = (b + {N:5})"},
      {"SET a = b - :n", "OK: SET a = (b - {N:5})"},
      {"SET a = (b + :n)", "OK: SET a = (b + {N:5})"},
      {"SET a = if_not_exists(a, :n) + :one", "OK: SET a = (if_not_exists(a, {N:5}) + {N:1})"},
      {"SET a = list_append(a, :l)", "OK: SET a = list_append(a, {L:[{S:z}]})"},
      {"SET a = list_append(:l, a)", "OK: SET a = list_append({L:[{S:z}]}, a)"},
      {"SET a[1] = :v, b.c = d", "OK: SET a[1] = {S:x}; SET b.c = d"},
      {"SET #a = :v, #b = :w", "OK: SET a = {S:x}; SET b = {S:y}"},
      // Errors.
      {"", kU + "The expression can not be empty;"},
      {"SET a = :v SET b = :v",
       kU + "The \"SET\" section can only be used once in an update expression;"},
      {"REMOVE a REMOVE b",
       kU + "The \"REMOVE\" section can only be used once in an update expression;"},
      {"SET a = :v, a.b = :v",
       kU + "Two document paths overlap with each other; must remove or rewrite one of these "
            "paths; path one: [a], path two: [a, b]"},
      {"SET a = :v REMOVE a",
       kU + "Two document paths overlap with each other; must remove or rewrite one of these "
            "paths; path one: [a], path two: [a]"},
      {"SET #a = :v REMOVE a",
       kU + "Two document paths overlap with each other; must remove or rewrite one of these "
            "paths; path one: [a], path two: [a]"},
      {"SET a.b = :v REMOVE a[1]",
       kU + "Two document paths conflict with each other; must remove or rewrite one of these "
            "paths; path one: [a, b], path two: [a, [1]]"},
      {"SET a[1] = :v, a[2] = :v", "OK: SET a[1] = {S:x}; SET a[2] = {S:x}"},
      {"ADD a :v",
       kU + "Incorrect operand type for operator or function; operator: ADD, operand type: STRING"},
      {"ADD a :l",
       kU + "Incorrect operand type for operator or function; operator: ADD, operand type: LIST"},
      {"DELETE a :n",
       kU + "Incorrect operand type for operator or function; operator: DELETE, operand type: "
            "NUMBER"},
      {"SET a = b + :v",
       kU + "Incorrect operand type for operator or function; operator or function: +, operand "
            "type: S"},
      {"SET a = list_append(a, :v)",
       kU + "Incorrect operand type for operator or function; operator or function: list_append, "
            "operand type: S"},
      {"SET a = if_not_exists(:v, :v)",
       kU + "Operator or function requires a document path; operator or function: if_not_exists"},
      {"SET a = if_not_exists(a)",
       kU + "Incorrect number of operands for operator or function; operator or function: "
            "if_not_exists, number of operands: 1"},
      {"SET a = foo(b)", kU + "Invalid function name; function: foo"},
      {"SET a = size(b)",
       kU + "The function is not allowed in an update expression; function: size"},
      {"SET a = attribute_exists(b)",
       kU + "The function is not allowed in an update expression; function: attribute_exists"},
      {"SET a = :x",
       kU + "An expression attribute value used in expression is not defined; attribute value: :x"},
      {"SET #x = :x",
       kU + "An expression attribute name used in the document path is not defined; attribute "
            "name: #x"},
      {"SET a = :v,", kU + "Syntax error; token: \"<EOF>\", near: \",\""},
      {"SET a :v", kU + "Syntax error; token: \":v\", near: \"a :v\""},
      {"SET _123 = :v", kU + "Syntax error; token: \"_\", near: \"SET _123\""},
      {"SET a = list_append(list_append(a, :l), :l)",
       kU + "The function is not allowed to be used this way in an expression; function: "
            "list_append"},
      {"SET a = list_append(if_not_exists(a, :l), :l)",
       "OK: SET a = list_append(if_not_exists(a, {L:[{S:z}]}), {L:[{S:z}]})"},
      {"SET a = LIST_APPEND(a, :l)", kU + "Invalid function name; function: LIST_APPEND"},
      {"SET c = if_not_exists(c, :n + :n)", kU + "Syntax error; token: \"+\", near: \":n + :n\""},
      {"SET a", kU + "Syntax error; token: \"<EOF>\", near: \"a\""},
      {"REMOVE", kU + "Syntax error; token: \"<EOF>\", near: \"REMOVE\""},
      {"UPDATE a", kU + "Syntax error; token: \"UPDATE\", near: \"UPDATE a\""},
      {"SET a = b + c + d", kU + "Syntax error; token: \"+\", near: \"c + d\""},
      {"SET a = :v, REMOVE b", kU + "Syntax error; token: \"REMOVE\", near: \", REMOVE b\""},
      {"ADD a b", kU + "Syntax error; token: \"b\", near: \"a b\""},
      {"SET a = :v AND b = :v", kU + "Syntax error; token: \"AND\", near: \":v AND b\""},
      // Reserved words come before unknown functions in updates.
      {"SET status = foo(a)",
       kU + "Attribute name is a reserved keyword; reserved keyword: status"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RunUpdate(c.text), c.expected) << "text: " << c.text;
  }
}

const std::string kP = "Invalid ProjectionExpression: ";

TEST(ProjectionParserTest, Table) {
  const std::vector<Case> cases = {
      {"a", "OK: a"},
      {"a, b.c, d[1]", "OK: a, b.c, d[1]"},
      {"#n.x, #s", "OK: name.x, status"},
      {"a[1], a[2]", "OK: a[1], a[2]"},
      {"a, a.b",
       kP + "Two document paths overlap with each other; must remove or rewrite one of these "
            "paths; path one: [a], path two: [a, b]"},
      {"a.b, a[1]",
       kP + "Two document paths conflict with each other; must remove or rewrite one of these "
            "paths; path one: [a, b], path two: [a, [1]]"},
      {"a,", kP + "Syntax error; token: \"<EOF>\", near: \",\""},
      {"a b", kP + "Syntax error; token: \"b\", near: \"a b\""},
      {"name", kP + "Attribute name is a reserved keyword; reserved keyword: name"},
      {"", kP + "The expression can not be empty;"},
      {"#zz",
       kP + "An expression attribute name used in the document path is not defined; attribute "
            "name: #zz"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(RunProjection(c.text), c.expected) << "text: " << c.text;
  }
}

TEST(ParserTest, UnresolvedTreesKeepReferences) {
  internal::Parsed p = internal::Parse(internal::Grammar::kCondition, "#a.b = :v");
  ASSERT_EQ(p.error, "");
  EXPECT_EQ(DebugString(p.condition), "(#a.b = :v)");
}

TEST(ParserTest, ReservedWordsAreCaseInsensitive) {
  for (const char* word : {"status", "STATUS", "Status", "size", "order", "Data", "ttl"}) {
    EXPECT_EQ(RunProjection(word),
              kP + "Attribute name is a reserved keyword; reserved keyword: " + word);
  }
  for (const char* word : {"order_status", "statuses", "orderId", "pk", "sk", "created_at"}) {
    EXPECT_EQ(RunProjection(word), std::string("OK: ") + word);
  }
}

}  // namespace
}  // namespace ordertrack::expr
