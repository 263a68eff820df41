// RequestExpressions as the engine uses it: key conditions, projections,
// the unused-name checks, and the parse cache.
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "expr/internal/expr_test_util.h"
#include "expr/parse_cache.h"

namespace ordertrack::expr {
namespace {

using namespace exprtest;  // NOLINT: test helpers

const model::ExpressionAttributeNames kNames = {{"#pk", "pk"}, {"#s", "status"}};
const model::ExpressionAttributeValues kValues = {
    {":p", S("p")}, {":s", S("s")}, {":a", N("1")}, {":b", N("2")}, {":n", N("5")}};

std::string Key(const std::string& text) {
  RequestExpressions req(&kNames, &kValues);
  auto kc = req.KeyConditionExpression(text);
  if (!kc.ok()) return kc.status().message();
  std::string out = kc->partition_key + " = " + kc->partition_value.DebugString();
  if (kc->sort) {
    static constexpr const char* kOps[] = {"=", "<", "<=", ">", ">=", "BETWEEN", "begins_with"};
    out += "; " + kc->sort->attribute + " " + kOps[static_cast<int>(kc->sort->op)] + " " +
           kc->sort->value.DebugString();
    if (kc->sort->op == SortKeyOp::kBetween) out += " " + kc->sort->value2.DebugString();
  }
  return out;
}

TEST(KeyConditionTest, Table) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"pk = :p", "pk = {\"S\":\"p\"}"},
      {"#pk = :p", "pk = {\"S\":\"p\"}"},
      {"pk = :p AND sk = :s", "pk = {\"S\":\"p\"}; sk = {\"S\":\"s\"}"},
      {"pk = :p AND sk < :s", "pk = {\"S\":\"p\"}; sk < {\"S\":\"s\"}"},
      {"pk = :p AND sk <= :s", "pk = {\"S\":\"p\"}; sk <= {\"S\":\"s\"}"},
      {"pk = :p AND sk > :s", "pk = {\"S\":\"p\"}; sk > {\"S\":\"s\"}"},
      {"pk = :p AND sk >= :s", "pk = {\"S\":\"p\"}; sk >= {\"S\":\"s\"}"},
      {":s < sk AND pk = :p", "pk = {\"S\":\"p\"}; sk > {\"S\":\"s\"}"},
      {":p = pk", "pk = {\"S\":\"p\"}"},
      {"pk = :p AND sk BETWEEN :a AND :b",
       "pk = {\"S\":\"p\"}; sk BETWEEN {\"N\":\"1\"} {\"N\":\"2\"}"},
      {"pk = :p AND begins_with(sk, :s)", "pk = {\"S\":\"p\"}; sk begins_with {\"S\":\"s\"}"},
      {"(pk = :p) AND (begins_with(sk, :s))", "pk = {\"S\":\"p\"}; sk begins_with {\"S\":\"s\"}"},
      {"((sk = :s) AND (pk = :p))", "sk = {\"S\":\"s\"}; pk = {\"S\":\"p\"}"},
      {"pk = :p AND sk != :s",
       "Invalid KeyConditionExpression: Syntax error; token: \"!\", near: \"sk !=\""},
      {"", "Invalid KeyConditionExpression: The expression can not be empty;"},
      {"pk = :p AND dog(sk, :s)",
       "Invalid KeyConditionExpression: Invalid function name; function: dog"},
      {"pk = :p OR sk = :s", "Invalid operator used in KeyConditionExpression: OR"},
      {"NOT pk = :p", "Invalid operator used in KeyConditionExpression: NOT"},
      {"pk IN (:p)", "Invalid operator used in KeyConditionExpression: IN"},
      {"pk <> :p", "Invalid operator used in KeyConditionExpression: <>"},
      {"pk = :p AND contains(sk, :s)", "Invalid operator used in KeyConditionExpression: contains"},
      {"pk = :p AND attribute_exists(sk)",
       "Invalid operator used in KeyConditionExpression: attribute_exists"},
      {"pk = :p AND pk = :s", "KeyConditionExpressions must only contain one condition per key"},
      {"pk.x = :p", "KeyConditionExpressions cannot have conditions on nested attributes"},
      {"pk = sk",
       "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
       "condition"},
      {":p = :s", "Invalid condition in KeyConditionExpression: No key attribute specified"},
      {"size(pk) = :n", "KeyConditionExpressions cannot contain nested operations"},
      {"pk > :p", "Query key condition not supported"},
      {"begins_with(:s, sk) AND pk = :p",
       "Invalid condition in KeyConditionExpression: begins_with operator must have the key "
       "attribute as its first operand"},
      {"pk = :p AND :a BETWEEN sk AND :b",
       "Invalid condition in KeyConditionExpression: BETWEEN operator must have the key attribute "
       "as its first operand"},
      {"a = :p AND b = :s AND c = :a", "Conditions can be of length 1 or 2 only"},
      {"pk = :p AND",
       "Invalid KeyConditionExpression: Syntax error; token: \"<EOF>\", near: \"AND\""},
  };
  for (const auto& [text, expected] : cases) {
    EXPECT_EQ(Key(text), expected) << text;
  }
  EXPECT_EQ(Key("#s = :p"), "status = {\"S\":\"p\"}");
  EXPECT_EQ(Key("status = :p"),
            "Invalid KeyConditionExpression: Attribute name is a reserved keyword; reserved "
            "keyword: status");
}

TEST(ProjectTest, NestedPaths) {
  model::Item item = {
      {"a", M({{"b", L({N("1"), M({{"c", S("x")}, {"d", S("y")}}), N("3")})}, {"e", S("e")}})},
      {"n", N("5")},
      {"l", L({S("x"), N("1"), S("z")})},
  };
  auto project = [&](const std::string& text) {
    RequestExpressions req(nullptr, nullptr);
    auto p = req.Projection(text);
    EXPECT_TRUE(p.ok()) << p.status().message();
    return p.ok() ? Show(Project(**p, item)) : "";
  };
  EXPECT_EQ(project("n"), Show({{"n", N("5")}}));
  EXPECT_EQ(project("a.b[1].c, n"),
            Show({{"a", M({{"b", L({M({{"c", S("x")}})})}})}, {"n", N("5")}}));
  EXPECT_EQ(project("l[2], l[0]"), Show({{"l", L({S("x"), S("z")})}}));
  EXPECT_EQ(project("a.e, a.b[0]"), Show({{"a", M({{"b", L({N("1")})}, {"e", S("e")}})}}));
  EXPECT_EQ(project("absent, a.zz, l[9], n.x"), Show({}));
  EXPECT_EQ(project("a"), Show({{"a", item["a"]}}));

  RequestExpressions req(nullptr, nullptr);
  auto p = req.Projection("a.b, n, a.e, l[1]");
  ASSERT_TRUE(p.ok());
  EXPECT_EQ(TopLevelNames(**p), (std::vector<std::string>{"a", "l", "n"}));
}

TEST(RequestExpressionsTest, UnusedAndMisplacedParameters) {
  model::ExpressionAttributeNames names = {{"#a", "a"}, {"#b", "b"}};
  model::ExpressionAttributeValues values = {{":v", S("x")}, {":w", S("y")}};
  {
    RequestExpressions req(&names, &values);
    ASSERT_TRUE(req.Condition("#a = :v").ok());
    EXPECT_EQ(req.CheckAllUsed().message(),
              "Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}");
    ASSERT_TRUE(req.Update("SET #b = :v").ok());
    EXPECT_EQ(req.CheckAllUsed().message(),
              "Value provided in ExpressionAttributeValues unused in expressions: keys: {:w}");
    ASSERT_TRUE(req.Projection("#a").ok());
    EXPECT_FALSE(req.CheckAllUsed().ok());
    ASSERT_TRUE(req.Filter("#a = :w").ok());
    EXPECT_TRUE(req.CheckAllUsed().ok());
  }
  {
    RequestExpressions req(&names, &values);
    EXPECT_EQ(req.CheckAllUsed().message(),
              "ExpressionAttributeNames can only be specified when using expressions");
  }
  {
    RequestExpressions req(nullptr, &values);
    ASSERT_TRUE(req.Projection("a").ok());
    EXPECT_EQ(req.CheckAllUsed().message(),
              "ExpressionAttributeValues can only be specified when using expressions");
    req.set_null_expressions_note("FilterExpression is null");
    EXPECT_EQ(req.CheckAllUsed().message(),
              "ExpressionAttributeValues can only be specified when using expressions: "
              "FilterExpression is null");
  }
  {
    model::ExpressionAttributeNames empty;
    RequestExpressions req(&empty, nullptr);
    EXPECT_EQ(req.CheckAllUsed().message(), "ExpressionAttributeNames must not be empty");
  }
  {
    RequestExpressions req(nullptr, nullptr);
    EXPECT_TRUE(req.CheckAllUsed().ok());
  }
  {
    // Names used only by a failed expression still count as used: the
    // failure is what gets reported.
    RequestExpressions req(&names, &values);
    EXPECT_FALSE(req.Condition("#a = :v AND #b = :zz").ok());
  }
}

TEST(RequestExpressionsTest, InvalidParameters) {
  model::ExpressionAttributeNames bad_name = {{"#a-b", "a"}};
  RequestExpressions r1(&bad_name, nullptr);
  EXPECT_EQ(r1.Condition("a = b").status().message(),
            "ExpressionAttributeNames contains invalid key: Syntax error; key: \"#a-b\"");
  model::ExpressionAttributeNames empty_name = {{"#a", ""}};
  RequestExpressions r0(&empty_name, nullptr);
  EXPECT_EQ(r0.Projection("#a").status().message(),
            "ExpressionAttributeNames contains invalid value: Empty attribute name for key #a");
  model::ExpressionAttributeValues bad_key = {{"v", S("x")}};
  RequestExpressions r2(nullptr, &bad_key);
  EXPECT_EQ(r2.Update("SET a = :v").status().message(),
            "ExpressionAttributeValues contains invalid key: Syntax error; key: \"v\"");
  model::ExpressionAttributeValues empty_set = {{":v", SS({})}};
  RequestExpressions r3(nullptr, &empty_set);
  std::string message = r3.Update("SET a = :v").status().message();
  EXPECT_EQ(message.rfind("ExpressionAttributeValues contains invalid value: ", 0), 0u) << message;
  EXPECT_NE(message.find(" for key :v"), std::string::npos) << message;
  model::ExpressionAttributeNames empty;
  RequestExpressions r4(&empty, nullptr);
  EXPECT_EQ(r4.Projection("a").status().message(), "ExpressionAttributeNames must not be empty");
}

TEST(RequestExpressionsTest, MixedParameters) {
  EXPECT_TRUE(CheckNotMixed({"ConditionExpression"}, {}).ok());
  EXPECT_TRUE(CheckNotMixed({}, {"Expected"}).ok());
  EXPECT_EQ(
      CheckNotMixed({"UpdateExpression", "ConditionExpression"}, {"AttributeUpdates"}).message(),
      "Can not use both expression and non-expression parameters in the same request: "
      "Non-expression parameters: {AttributeUpdates} Expression parameters: "
      "{UpdateExpression, ConditionExpression}");
}

TEST(KeyConditionTest, ArrangeForTheSchema) {
  RequestExpressions req(&kNames, &kValues);
  auto kc = req.KeyConditionExpression("((sk = :s) AND (pk = :p))");
  ASSERT_TRUE(kc.ok());
  kc->ArrangeFor("pk");
  EXPECT_EQ(kc->partition_key, "pk");
  EXPECT_EQ(kc->partition_value, S("p"));
  EXPECT_EQ(kc->sort->attribute, "sk");
  EXPECT_EQ(kc->sort->value, S("s"));
  kc->ArrangeFor("pk");  // idempotent
  EXPECT_EQ(kc->partition_key, "pk");
}

TEST(ParseCacheTest, ParsesOnceAndEvicts) {
  ParseCache cache(2);
  model::ExpressionAttributeValues values = {{":v", S("x")}, {":w", S("y")}};
  for (int i = 0; i < 3; ++i) {
    RequestExpressions req(nullptr, &values, &cache);
    ASSERT_TRUE(req.Condition("a = :v").ok());
  }
  EXPECT_EQ(cache.misses(), 1u);
  EXPECT_EQ(cache.hits(), 2u);
  // Same text, different values: same parse, different trees.
  model::ExpressionAttributeValues other = {{":v", S("other")}};
  RequestExpressions req(nullptr, &other, &cache);
  auto c = req.Condition("a = :v");
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(DebugString(**c), "(a = {S:other})");
  EXPECT_EQ(cache.hits(), 3u);
  // Grammar is part of the key; errors are cached too.
  RequestExpressions r2(nullptr, &values, &cache);
  EXPECT_FALSE(r2.Update("a = :v").ok());
  EXPECT_FALSE(r2.Update("a = :v").ok());
  EXPECT_EQ(cache.misses(), 2u);
  EXPECT_EQ(cache.size(), 2u);
  ASSERT_TRUE(r2.Condition("b = :w").ok());
  EXPECT_EQ(cache.size(), 2u);  // bounded
}

TEST(ParseCacheTest, ThreadSafe) {
  ParseCache cache(8);
  model::ExpressionAttributeValues values = {{":v", S("x")}};
  std::vector<std::thread> threads;
  std::atomic<int> failures{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 500; ++i) {
        RequestExpressions req(nullptr, &values, &cache);
        std::string text = "a" + std::to_string((i + t) % 16) + " = :v";
        auto c = req.Condition(text);
        model::Item item = {{"a" + std::to_string((i + t) % 16), S("x")}};
        if (!c.ok() || !Evaluate(**c, item)) ++failures;
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_LE(cache.size(), 8u);
}

}  // namespace
}  // namespace ordertrack::expr
