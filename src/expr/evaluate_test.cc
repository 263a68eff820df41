// Condition evaluation on a nested document: each case is a condition -> true/false.
#include <gtest/gtest.h>

#include "expr/internal/expr_test_util.h"

namespace ordertrack::expr {
namespace {

using namespace exprtest;  // NOLINT: test helpers

const model::Item& Document() {
  static const model::Item* item = new model::Item{
      {"a", M({{"b", L({N("1"), M({{"c", S("x")}})})}})},
      {"n", N("5")},
      {"s", S("hello")},
      {"ss", SS({"x", "y"})},
      {"ns", NS({"1", "2"})},
      {"bs", model::AttributeValue::BS({"\x01", "\x02"})},
      {"l", L({S("x"), N("1")})},
      {"bin", B(std::string("\x01\xff", 2))},
      {"m", M({{"k", S("v")}})},
      {"t", model::AttributeValue::Bool(true)},
      {"z", model::AttributeValue::Null()},
      {"status", S("PLACED")},
  };
  return *item;
}

const model::ExpressionAttributeNames kNames = {{"#s", "status"}};
const model::ExpressionAttributeValues kValues = {
    {":x", S("x")},
    {":one", N("1")},
    {":two", N("2.0")},
    {":five", N("5.000")},
    {":ten", N("10")},
    {":he", S("he")},
    {":ell", S("ell")},
    {":hello", S("hello")},
    {":S", S("S")},
    {":N", S("N")},
    {":M", S("M")},
    {":L", S("L")},
    {":SS", S("SS")},
    {":NULL", S("NULL")},
    {":BOOL", S("BOOL")},
    {":yx", SS({"y", "x"})},
    {":xy", SS({"x", "y"})},
    {":bin_lo", B(std::string("\x01\x7f", 2))},
    {":bin_prefix", B("\x01")},
    {":b1", B("\x01")},
    {":true", model::AttributeValue::Bool(true)},
    {":null", model::AttributeValue::Null()},
    {":placed", S("PLACED")},
    {":list", L({S("x"), N("1")})},
    {":map", M({{"k", S("v")}})},
};

bool Eval(const std::string& text) {
  RequestExpressions req(&kNames, &kValues);
  auto c = req.Condition(text);
  EXPECT_TRUE(c.ok()) << text << ": " << c.status().message();
  if (!c.ok()) return false;
  return Evaluate(**c, Document());
}

TEST(EvaluateTest, Table) {
  const std::vector<std::pair<std::string, bool>> cases = {
      // Nested paths.
      {"a.b[1].c = :x", true},
      {"a.b[0] = :one", true},
      {"a.b[5] = :one", false},
      {"a.b[5] <> :one", true},
      {"a.c = :one", false},
      {"n[0] = :one", false},
      {"n.x = :one", false},
      // Numbers by value, not text.
      {"n = :five", true},
      {"n < :ten", true},
      {"n > :ten", false},
      {"n >= :five AND n <= :five", true},
      // Different types compare false (and <> true), never an error.
      {"n < :hello", false},
      {"n = :hello", false},
      {"n <> :hello", true},
      {"s > :one", false},
      // Missing attributes.
      {"absent = :one", false},
      {"absent <> :one", true},
      {"absent < :one", false},
      {"NOT absent = :one", true},
      // Strings and binaries by bytes.
      {"s > :he", true},
      {"s < :he", false},
      {"bin > :bin_lo", true},
      {"t = :true", true},
      {"z = :null", true},
      {"ss = :yx", true},
      {"l = :list", true},
      {"m = :map", true},
      // BETWEEN and IN.
      {"n BETWEEN :one AND :five", true},
      {"n BETWEEN :one AND :two", false},
      {"s BETWEEN :one AND :five", false},
      {"n IN (:one, :five)", true},
      {"n IN (:one, :two)", false},
      {"s IN (:hello)", true},
      {"absent IN (:one)", false},
      // Functions.
      {"attribute_exists(a.b[1].c)", true},
      {"attribute_exists(a.b[2])", false},
      {"attribute_not_exists(a.b[1].d)", true},
      {"NOT attribute_exists(zz)", true},
      {"attribute_exists(#s)", true},
      {"attribute_type(n, :N)", true},
      {"attribute_type(n, :S)", false},
      {"attribute_type(m, :M)", true},
      {"attribute_type(l, :L)", true},
      {"attribute_type(ss, :SS)", true},
      {"attribute_type(z, :NULL)", true},
      {"attribute_type(t, :BOOL)", true},
      {"attribute_type(absent, :N)", false},
      {"begins_with(s, :he)", true},
      {"begins_with(s, :ell)", false},
      {"begins_with(s, :hello)", true},
      {"begins_with(n, :he)", false},
      {"begins_with(bin, :bin_prefix)", true},
      {"begins_with(absent, :he)", false},
      {"contains(s, :ell)", true},
      {"contains(s, :x)", false},
      {"contains(ss, :x)", true},
      {"contains(ss, :he)", false},
      {"contains(ns, :one)", true},
      {"contains(ns, :two)", true},
      {"contains(ns, :five)", false},
      {"contains(bs, :b1)", true},
      {"contains(l, :x)", true},
      {"contains(l, :one)", true},
      {"contains(l, :he)", false},
      {"contains(n, :five)", false},
      {"contains(bin, :b1)", true},
      {"size(s) = :five", true},
      {"size(ss) = :two", true},
      {"size(a.b) = :two", true},
      {"size(m) = :one", true},
      {"size(bin) = :two", true},
      {"size(n) = :one", false},
      {"size(n) <> :one", true},
      {"size(absent) = :one", false},
      {"size(s) > size(l)", true},
      // Boolean structure.
      {"(n = :five OR n = :one) AND NOT s = :x", true},
      {"n = :one OR s = :x", false},
      {"n = :five AND absent = :one", false},
      {"NOT (n = :five AND s = :hello)", false},
      {"#s = :placed", true},
  };
  for (const auto& [text, expected] : cases) {
    EXPECT_EQ(Eval(text), expected) << text;
  }
}

TEST(EvaluateTest, EmptyItemMeansNoItem) {
  RequestExpressions req(&kNames, &kValues);
  auto c = req.Condition("attribute_not_exists(#s)");
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(Evaluate(**c, model::Item{}));
  EXPECT_FALSE(Evaluate(**c, Document()));
}

TEST(EvaluateTest, TopLevelNames) {
  RequestExpressions req(&kNames, &kValues);
  auto c =
      req.Condition("a.b[1].c = :x AND (size(s) > :one OR NOT contains(#s, :x)) AND :one = :one");
  ASSERT_TRUE(c.ok()) << c.status().message();
  EXPECT_EQ(TopLevelNames(**c), (std::vector<std::string>{"a", "s", "status"}));
}

TEST(EvaluateTest, TreesBuiltInCode) {
  Condition c = Condition::And(Condition::AttributeExists(Path("a").Field("b").Index(1).Field("c")),
                               Condition::Compare(CompareOp::kEq, Operand::FromPath(Path("status")),
                                                  Operand::Value(S("PLACED"))));
  EXPECT_TRUE(Evaluate(c, Document()));
  EXPECT_EQ(DebugString(c), "(attribute_exists(a.b[1].c) AND (status = {S:PLACED}))");
  EXPECT_FALSE(Evaluate(Condition(), Document()));
  Condition in =
      Condition::In(Operand::FromPath(Path("n")), {Operand::Value(N("4")), Operand::Value(N("5"))});
  EXPECT_TRUE(Evaluate(in, Document()));
  Condition size = Condition::Compare(CompareOp::kEq, Operand::Size(Operand::FromPath(Path("s"))),
                                      Operand::Value(N("5")));
  EXPECT_TRUE(Evaluate(size, Document()));
}

}  // namespace
}  // namespace ordertrack::expr
