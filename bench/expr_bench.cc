// Parse and evaluation times of the seed's expressions (issue 3): a parse
// without the cache, a compile that hits the cache (resolution only), and
// evaluation of the compiled trees against one order.
#include <benchmark/benchmark.h>

#include "expr/ast.h"
#include "expr/expression.h"
#include "expr/parser.h"
#include "seed_order.h"

namespace {

using namespace ordertrack;
using model::AttributeValue;

constexpr std::string_view kSeedUpdate =
    "SET order_status = :order_status, order_status_created = :order_status_created";
constexpr std::string_view kSeedKeyCondition =
    "user_id = :user_id AND order_status_created BETWEEN :low AND :high";
constexpr std::string_view kStatusCondition = "order_status = :old";

const model::ExpressionAttributeValues& Values() {
  static const model::ExpressionAttributeValues values = {
      {":order_status", AttributeValue::NumberFromText("201")},
      {":order_status_created", AttributeValue::S("201_1428791681.123456")},
      {":user_id", AttributeValue::S("e7aa25d8-2b1b-4fea-a735-4dbeeff06aaa")},
      {":low", AttributeValue::S("100_0")},
      {":high", AttributeValue::S("202_0")},
      {":old", AttributeValue::NumberFromText("101")}};
  return values;
}

void BM_ParseSeedUpdateUncached(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(expr::internal::Parse(expr::internal::Grammar::kUpdate, kSeedUpdate));
  }
}
BENCHMARK(BM_ParseSeedUpdateUncached);

void BM_ParseSeedKeyConditionUncached(benchmark::State& state) {
  for (auto _ : state) {
    benchmark::DoNotOptimize(
        expr::internal::Parse(expr::internal::Grammar::kCondition, kSeedKeyCondition));
  }
}
BENCHMARK(BM_ParseSeedKeyConditionUncached);

void BM_CompileSeedUpdateCached(benchmark::State& state) {
  for (auto _ : state) {
    expr::RequestExpressions expressions(nullptr, &Values());
    benchmark::DoNotOptimize(expressions.Update(kSeedUpdate));
  }
}
BENCHMARK(BM_CompileSeedUpdateCached);

void BM_CompileSeedKeyConditionCached(benchmark::State& state) {
  for (auto _ : state) {
    expr::RequestExpressions expressions(nullptr, &Values());
    benchmark::DoNotOptimize(expressions.KeyConditionExpression(kSeedKeyCondition));
  }
}
BENCHMARK(BM_CompileSeedKeyConditionCached);

void BM_EvaluateStatusCondition(benchmark::State& state) {
  expr::RequestExpressions expressions(nullptr, &Values());
  auto condition = expressions.Condition(kStatusCondition);
  model::Item order = bench::SeedOrder();
  for (auto _ : state) benchmark::DoNotOptimize(expr::Evaluate(**condition, order));
}
BENCHMARK(BM_EvaluateStatusCondition);

void BM_ApplySeedUpdate(benchmark::State& state) {
  expr::RequestExpressions expressions(nullptr, &Values());
  auto update = expressions.Update(kSeedUpdate);
  const model::Item order = bench::SeedOrder();
  for (auto _ : state) {
    model::Item item = order;
    benchmark::DoNotOptimize(expr::Apply(**update, &item));
  }
}
BENCHMARK(BM_ApplySeedUpdate);

}  // namespace

BENCHMARK_MAIN();
