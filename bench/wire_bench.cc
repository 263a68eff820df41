// The DynamoDB JSON codec on the server's hot paths (issue 4): decoding a
// PutItem request and encoding a 10-item Query page, with the seed's orders.
#include <benchmark/benchmark.h>

#include "wire/codec.h"

namespace {

using namespace ordertrack;
using model::AttributeValue;

model::Item Order(int n) {
  std::string suffix = std::to_string(100000 + n);
  return {{"order_id", AttributeValue::S("f14e47c3-0232-430c-b79c-65b9ab" + suffix)},
          {"user_id", AttributeValue::S("e7aa25d8-2b1b-4fea-a735-4dbeeff06aaa")},
          {"product_id", AttributeValue::S("ad3ffb1e-f3eb-46bc-bebc-201034f757e6")},
          {"created", AttributeValue::NumberFromText("1428791681.123456")},
          {"order_status", AttributeValue::NumberFromText("101")},
          {"order_status_created", AttributeValue::S("101_1428791681.123456")}};
}

void BM_EncodeQueryPageOf10(benchmark::State& state) {
  api::QueryResponse page;
  for (int i = 0; i < 10; ++i) page.items.push_back(Order(i));
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
  request.item = Order(1);
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
