// libFuzzer target for the expression parser: feeds arbitrary bytes to every
// parser entry point (condition, filter, key condition, update, projection),
// then evaluates, applies and projects whatever compiles. A malformed
// expression must never crash, hang or allocate without bound.
//
// Build: clang++ -std=c++20 -fsanitize=fuzzer,address,undefined -Isrc \
//          fuzz/expression_fuzzer.cc src/expr/*.cc (not *_test.cc) src/model/*.cc
//          src/base/status.cc
// Run:   ./expression_fuzzer -dict=fuzz/expression.dict -max_len=4200 -max_total_time=60
// [corpus_dir]
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "expr/ast.h"
#include "expr/expression.h"
#include "expr/parse_cache.h"
#include "expr/parser.h"

namespace {

using ordertrack::model::AttributeValue;

const ordertrack::model::ExpressionAttributeNames& Names() {
  static const auto* names = new ordertrack::model::ExpressionAttributeNames{
      {"#a", "a"}, {"#b", "b"}, {"#s", "status"}, {"#n", "n"}, {"#l", "l"}};
  return *names;
}

const ordertrack::model::ExpressionAttributeValues& Values() {
  static const auto* values = new ordertrack::model::ExpressionAttributeValues{
      {":s", AttributeValue::S("x")},
      {":n", AttributeValue::NumberFromText("1")},
      {":big", AttributeValue::NumberFromText("9E125")},
      {":b", AttributeValue::B("\x01")},
      {":l", AttributeValue::L({AttributeValue::S("y")})},
      {":m", AttributeValue::M({{"k", AttributeValue::S("v")}})},
      {":ss", AttributeValue::SS({"x", "y"})},
      {":ns", AttributeValue::NS({ordertrack::model::Number::FromInt64(1)})},
      {":t", AttributeValue::S("N")},
      {":bool", AttributeValue::Bool(true)},
      {":null", AttributeValue::Null()},
  };
  return *values;
}

const ordertrack::model::Item& Document() {
  static const auto* item = new ordertrack::model::Item{
      {"a", AttributeValue::M({{"b", AttributeValue::L({AttributeValue::S("x"),
                                                        AttributeValue::NumberFromText("2")})}})},
      {"n", AttributeValue::NumberFromText("5")},
      {"l", AttributeValue::L({AttributeValue::S("x")})},
      {"ss", AttributeValue::SS({"x"})},
      {"status", AttributeValue::S("PLACED")},
  };
  return *item;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  namespace expr = ordertrack::expr;
  // The raw parser, uncached.
  for (auto g : {expr::internal::Grammar::kCondition, expr::internal::Grammar::kUpdate,
                 expr::internal::Grammar::kProjection}) {
    expr::internal::Parsed parsed = expr::internal::Parse(g, text);
    (void)parsed;
  }
  // Through the cache, resolution, and evaluation.
  static expr::ParseCache cache(64);
  expr::RequestExpressions req(&Names(), &Values(), &cache);
  if (auto c = req.Condition(text); c.ok()) {
    (void)expr::Evaluate(**c, Document());
    (void)expr::Evaluate(**c, ordertrack::model::Item{});
    (void)expr::DebugString(**c);
  }
  (void)req.Filter(text);
  if (auto k = req.KeyConditionExpression(text); k.ok()) k->ArrangeFor("n");
  if (auto u = req.Update(text); u.ok()) {
    ordertrack::model::Item copy = Document();
    (void)expr::Apply(**u, &copy);
    (void)expr::TopLevelTargets(**u);
    (void)expr::DebugString(**u);
  }
  if (auto p = req.Projection(text); p.ok()) {
    (void)expr::Project(**p, Document());
    (void)expr::TopLevelNames(**p);
  }
  (void)req.CheckAllUsed();
  return 0;
}
