// The DynamoDB JSON codec on the server's hot paths (issue 4): decoding a
// PutItem request and encoding a 10-item Query page, with the seed's orders.
#include <benchmark/benchmark.h>

#include "seed_order.h"
#include "wire/codec.h"

namespace {

using namespace ordertrack;
void BM_EncodeQueryPageOf10(benchmark::State& state) {
  api::QueryResponse page;
  for (int i = 0; i < 10; ++i)
    page.items.push_back(bench::SeedOrder("65b9ab1000" + std::to_string(10 + i)));
  page.count = page.scanned_count = 10;
  size_t bytes = 0;
  for (auto _ : state) {
    std::string json = wire::EncodeQueryResponse(page);
    bytes += json.size();
    benchmark::DoNotOptimize(json);
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_EncodeQueryPageOf10);

void BM_DecodePutItemRequest(benchmark::State& state) {
  api::PutItemRequest request;
  request.table_name = "purchase";
  request.item = bench::SeedOrder();
  const std::string json = wire::EncodePutItemRequest(request);
  for (auto _ : state) {
    api::PutItemRequest decoded;
    auto status = wire::DecodePutItemRequest(json, &decoded);
    if (!status.ok()) state.SkipWithError("decode failed");
    benchmark::DoNotOptimize(decoded);
  }
}
BENCHMARK(BM_DecodePutItemRequest);

}  // namespace

BENCHMARK_MAIN();
