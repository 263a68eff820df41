// Legacy parameters: each case is a parameter map -> the printed tree, or
// DynamoDB's exact message.
#include <gtest/gtest.h>

#include "expr/internal/expr_test_util.h"

namespace ordertrack::expr {
namespace {

using namespace exprtest;  // NOLINT: test helpers
using model::ComparisonOperator;
using model::ConditionalOperator;
using model::ExpectedAttributeValue;
using model::LegacyCondition;

constexpr char kInvalid[] = "One or more parameter values were invalid: ";

ExpectedAttributeValue Value(model::AttributeValue v, std::optional<bool> exists = std::nullopt) {
  ExpectedAttributeValue e;
  e.value = std::move(v);
  e.exists = exists;
  return e;
}
ExpectedAttributeValue Exists(bool exists) {
  ExpectedAttributeValue e;
  e.exists = exists;
  return e;
}
ExpectedAttributeValue Op(ComparisonOperator op, std::vector<model::AttributeValue> list) {
  ExpectedAttributeValue e;
  e.comparison_operator = op;
  e.attribute_value_list = std::move(list);
  return e;
}

std::string Expected(const model::ExpectedMap& m,
                     ConditionalOperator op = ConditionalOperator::kAnd) {
  return Outcome(FromExpected(m, op));
}

TEST(LegacyTest, Expected) {
  struct Case {
    model::ExpectedMap expected;
    std::string outcome;
  };
  ExpectedAttributeValue both = Op(ComparisonOperator::kEq, {S("x")});
  both.value = S("y");
  ExpectedAttributeValue op_and_exists = Op(ComparisonOperator::kEq, {S("x")});
  op_and_exists.exists = true;
  ExpectedAttributeValue list_only;
  list_only.attribute_value_list = {S("x")};
  ExpectedAttributeValue op_with_value;
  op_with_value.comparison_operator = ComparisonOperator::kGt;
  op_with_value.value = N("3");
  const std::vector<Case> cases = {
      {{{"a", Value(S("x"))}}, "OK: (a = {S:x})"},
      {{{"a", Value(S("x"), true)}}, "OK: (a = {S:x})"},
      {{{"a", Exists(false)}}, "OK: attribute_not_exists(a)"},
      {{{"a", Value(S("x"))}, {"b", Exists(false)}},
       "OK: ((a = {S:x}) AND attribute_not_exists(b))"},
      {{{"a", Op(ComparisonOperator::kEq, {S("x")})}}, "OK: (a = {S:x})"},
      {{{"a", Op(ComparisonOperator::kNe, {S("x")})}}, "OK: (a <> {S:x})"},
      {{{"a", Op(ComparisonOperator::kLe, {N("1")})}}, "OK: (a <= {N:1})"},
      {{{"a", Op(ComparisonOperator::kLt, {N("1")})}}, "OK: (a < {N:1})"},
      {{{"a", Op(ComparisonOperator::kGe, {N("1")})}}, "OK: (a >= {N:1})"},
      {{{"a", Op(ComparisonOperator::kGt, {N("1")})}}, "OK: (a > {N:1})"},
      {{{"a", Op(ComparisonOperator::kNotNull, {})}}, "OK: attribute_exists(a)"},
      {{{"a", Op(ComparisonOperator::kNull, {})}}, "OK: attribute_not_exists(a)"},
      {{{"a", Op(ComparisonOperator::kContains, {S("x")})}}, "OK: contains(a, {S:x})"},
      {{{"a", Op(ComparisonOperator::kNotContains, {S("x")})}},
       "OK: (attribute_exists(a) AND (NOT contains(a, {S:x})))"},
      {{{"a", Op(ComparisonOperator::kBeginsWith, {S("x")})}}, "OK: begins_with(a, {S:x})"},
      {{{"a", Op(ComparisonOperator::kIn, {S("x"), S("y")})}}, "OK: (a IN ({S:x}, {S:y}))"},
      {{{"a", Op(ComparisonOperator::kBetween, {N("1"), N("2")})}},
       "OK: (a BETWEEN {N:1} AND {N:2})"},
      {{{"a", op_with_value}}, "OK: (a > {N:3})"},
      // Refusals.
      {{{"a", Exists(true)}},
       std::string(kInvalid) + "Value must be provided when Exists is true for Attribute: a"},
      {{{"a", ExpectedAttributeValue{}}},
       std::string(kInvalid) + "Value must be provided when Exists is null for Attribute: a"},
      {{{"a", Value(S("x"), false)}},
       std::string(kInvalid) + "Value cannot be used when Exists is false for Attribute: a"},
      {{{"a", both}},
       std::string(kInvalid) +
           "Value and AttributeValueList cannot be used together for Attribute: a"},
      {{{"a", op_and_exists}},
       std::string(kInvalid) +
           "Exists and ComparisonOperator cannot be used together for Attribute: a"},
      {{{"a", list_only}},
       std::string(kInvalid) +
           "AttributeValueList can only be used with a ComparisonOperator for Attribute: a"},
      {{{"a", Op(ComparisonOperator::kEq, {})}},
       std::string(kInvalid) +
           "Value or AttributeValueList must be used with ComparisonOperator: EQ for Attribute: a"},
      {{{"a", Op(ComparisonOperator::kEq, {S("x"), S("y")})}},
       std::string(kInvalid) + "Invalid number of argument(s) for the EQ ComparisonOperator"},
      {{{"a", Op(ComparisonOperator::kNull, {S("x")})}},
       std::string(kInvalid) + "Invalid number of argument(s) for the NULL ComparisonOperator"},
      {{{"a", Op(ComparisonOperator::kBetween, {N("1")})}},
       std::string(kInvalid) + "Invalid number of argument(s) for the BETWEEN ComparisonOperator"},
      {{{"a", Op(ComparisonOperator::kIn, {N("1"), S("x")})}},
       std::string(kInvalid) + "AttributeValues inside AttributeValueList must be of same type"},
      {{{"a", Op(ComparisonOperator::kBetween, {N("5"), N("1")})}},
       "The BETWEEN condition was provided a range where the lower bound is greater than the "
       "upper bound"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(Expected(c.expected), c.outcome) << c.outcome;
  }
  EXPECT_EQ(Expected({{"a", Value(S("x"))}, {"b", Value(S("y"))}}, ConditionalOperator::kOr),
            "OK: ((a = {S:x}) OR (b = {S:y}))");
  auto empty = FromExpected({}, ConditionalOperator::kAnd);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, nullptr);
}

TEST(LegacyTest, ExpectedEvaluation) {
  model::Item item = {{"s", S("hello")}, {"n", N("3")}};
  auto eval = [&](model::ExpectedMap m) {
    auto c = FromExpected(m, ConditionalOperator::kAnd);
    EXPECT_TRUE(c.ok()) << c.status().message();
    return c.ok() && Evaluate(**c, item);
  };
  EXPECT_TRUE(eval({{"s", Value(S("hello"))}}));
  EXPECT_FALSE(eval({{"s", Value(S("x"))}}));
  EXPECT_TRUE(eval({{"zz", Exists(false)}}));
  EXPECT_FALSE(eval({{"s", Exists(false)}}));
  EXPECT_TRUE(eval({{"s", Op(ComparisonOperator::kNotContains, {S("x")})}}));
  EXPECT_FALSE(eval({{"s", Op(ComparisonOperator::kNotContains, {S("ell")})}}));
  EXPECT_FALSE(eval({{"zz", Op(ComparisonOperator::kNotContains, {S("x")})}}));
  EXPECT_TRUE(eval({{"zz", Op(ComparisonOperator::kNe, {S("x")})}}));
  EXPECT_TRUE(eval({{"n", Op(ComparisonOperator::kBetween, {N("1"), N("3")})}}));
  EXPECT_FALSE(eval({{"n", Op(ComparisonOperator::kGt, {S("1")})}}));
}

LegacyCondition Cond(ComparisonOperator op, std::vector<model::AttributeValue> list) {
  return LegacyCondition{op, std::move(list)};
}

TEST(LegacyTest, Filter) {
  auto f = [](model::LegacyConditions c) {
    return Outcome(FromFilter(c, ConditionalOperator::kAnd));
  };
  EXPECT_EQ(f({{"a", Cond(ComparisonOperator::kEq, {S("x")})},
               {"b", Cond(ComparisonOperator::kGe, {N("2")})}}),
            "OK: ((a = {S:x}) AND (b >= {N:2}))");
  EXPECT_EQ(f({{"a", Cond(ComparisonOperator::kContains, {SS({"x"})})}}),
            std::string(kInvalid) +
                "ComparisonOperator CONTAINS is not valid for SS AttributeValue type");
  EXPECT_EQ(f({{"a", Cond(ComparisonOperator::kLt, {L({})})}}),
            std::string(kInvalid) + "ComparisonOperator LT is not valid for L AttributeValue type");
  EXPECT_EQ(
      f({{"a", Cond(ComparisonOperator::kNotNull, {S("x")})}}),
      std::string(kInvalid) + "Invalid number of argument(s) for the NOT_NULL ComparisonOperator");
  EXPECT_EQ(f({{"a", Cond(ComparisonOperator::kIn, {})}}),
            std::string(kInvalid) + "Invalid number of argument(s) for the IN ComparisonOperator");
}

TEST(LegacyTest, KeyConditions) {
  auto kc = FromKeyConditions({{"pk", Cond(ComparisonOperator::kEq, {S("p")})},
                               {"sk", Cond(ComparisonOperator::kBeginsWith, {S("x")})}});
  ASSERT_TRUE(kc.ok()) << kc.status().message();
  EXPECT_EQ(kc->partition_key, "pk");
  EXPECT_EQ(kc->partition_value, S("p"));
  ASSERT_TRUE(kc->sort.has_value());
  EXPECT_EQ(kc->sort->attribute, "sk");
  EXPECT_EQ(kc->sort->op, SortKeyOp::kBeginsWith);

  auto between = FromKeyConditions({{"pk", Cond(ComparisonOperator::kEq, {S("p")})},
                                    {"sk", Cond(ComparisonOperator::kBetween, {N("1"), N("2")})}});
  ASSERT_TRUE(between.ok());
  EXPECT_EQ(between->sort->op, SortKeyOp::kBetween);
  EXPECT_EQ(between->sort->value2, N("2"));

  // Two equalities: the first (by name) is taken as the partition key until
  // the engine arranges them for its schema.
  auto two = FromKeyConditions({{"a_sort", Cond(ComparisonOperator::kEq, {S("s")})},
                                {"b_part", Cond(ComparisonOperator::kEq, {S("p")})}});
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(two->partition_key, "a_sort");
  KeyCondition arranged = *two;
  arranged.ArrangeFor("b_part");
  EXPECT_EQ(arranged.partition_key, "b_part");
  EXPECT_EQ(arranged.partition_value, S("p"));
  EXPECT_EQ(arranged.sort->attribute, "a_sort");
  EXPECT_EQ(arranged.sort->value, S("s"));

  auto only = FromKeyConditions({{"pk", Cond(ComparisonOperator::kEq, {S("p")})}});
  ASSERT_TRUE(only.ok());
  EXPECT_FALSE(only->sort.has_value());

  EXPECT_EQ(FromKeyConditions({{"pk", Cond(ComparisonOperator::kNe, {S("p")})}}).status().message(),
            "Attempted conditional constraint is not an indexable operation");
  EXPECT_EQ(FromKeyConditions({{"pk", Cond(ComparisonOperator::kEq, {})}}).status().message(),
            std::string(kInvalid) + "Invalid number of argument(s) for the EQ ComparisonOperator");
  EXPECT_EQ(FromKeyConditions({{"pk", Cond(ComparisonOperator::kGt, {S("p")})}}).status().message(),
            "Query key condition not supported");
}

TEST(LegacyTest, AttributeUpdates) {
  using model::AttributeAction;
  using model::AttributeValueUpdate;
  auto u =
      FromAttributeUpdates({{"a", AttributeValueUpdate{S("x"), AttributeAction::kPut}},
                            {"b", AttributeValueUpdate{std::nullopt, AttributeAction::kDelete}},
                            {"n", AttributeValueUpdate{N("2"), AttributeAction::kAdd}},
                            {"l", AttributeValueUpdate{L({S("z")}), AttributeAction::kAdd}},
                            {"ss", AttributeValueUpdate{SS({"x"}), AttributeAction::kDelete}}});
  ASSERT_TRUE(u.ok()) << u.status().message();
  EXPECT_EQ(DebugString(**u),
            "SET a = {S:x}; REMOVE b; ADD l {L:[{S:z}]}; ADD n {N:2}; DELETE ss {SS:[x]}");
  model::Item item = {{"b", S("gone")}, {"n", N("1")}, {"l", L({S("y")})}, {"ss", SS({"x", "y"})}};
  ASSERT_TRUE(Apply(**u, &item).ok());
  EXPECT_EQ(Show(item),
            Show({{"a", S("x")}, {"n", N("3")}, {"l", L({S("y"), S("z")})}, {"ss", SS({"y"})}}));
  model::Item empty;
  ASSERT_TRUE(Apply(**u, &empty).ok());
  EXPECT_EQ(Show(empty), Show({{"a", S("x")}, {"n", N("2")}, {"l", L({S("z")})}}));

  auto err = [](model::AttributeUpdates u) { return FromAttributeUpdates(u).status().message(); };
  EXPECT_EQ(
      err({{"a", AttributeValueUpdate{std::nullopt, AttributeAction::kPut}}}),
      std::string(kInvalid) + "Only DELETE action is allowed when no attribute value is specified");
  EXPECT_EQ(
      err({{"a", AttributeValueUpdate{std::nullopt, AttributeAction::kAdd}}}),
      std::string(kInvalid) + "Only DELETE action is allowed when no attribute value is specified");
  EXPECT_EQ(err({{"a", AttributeValueUpdate{S("x"), AttributeAction::kAdd}}}),
            std::string(kInvalid) + "ADD action is not supported for the type S");
  EXPECT_EQ(err({{"a", AttributeValueUpdate{S("x"), AttributeAction::kDelete}}}),
            std::string(kInvalid) + "DELETE action with value is not supported for the type S");
}

TEST(LegacyTest, AttributesToGet) {
  ProjectionPtr p = FromAttributesToGet({"a", "status", "b.c"});
  EXPECT_EQ(p->paths().size(), 3u);
  model::Item item = {
      {"a", N("1")}, {"status", S("x")}, {"b.c", S("dotted")}, {"b", M({{"c", S("nested")}})}};
  EXPECT_EQ(Show(Project(*p, item)),
            Show({{"a", N("1")}, {"status", S("x")}, {"b.c", S("dotted")}}));
}

}  // namespace
}  // namespace ordertrack::expr
