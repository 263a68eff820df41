// DynamoDB Streams' costs (issue 15), each against its reference in the same run:
//
//   streams_bench writes [--orders N] [--ops N] [--dir DIR]
//     Creates and status changes at N preloaded orders, on a table without a
//     stream and on one with NEW_AND_OLD_IMAGES, in alternating chunks:
//     prints both rates and on / off.
//   streams_bench load --dir DIR [--changes N]
//     Writes N orders (N INSERT records) to a streamed table, then drains the
//     stream in-process with GetRecords (Limit 1000): the reference for
//   streams_bench drain --url URL
//     the same drain through `ordertrack serve --data DIR` at URL.
//   streams_bench disk --dir DIR [--seconds S] [--retention-ms R]
//     Steady status changes over 10,000 orders with a retention of R ms,
//     sampling the store's size each second: it must level off.
#include <filesystem>
#include <map>
#include <thread>

#include "client/remote_dynamodb.h"
#include "engine/embedded_dynamodb.h"
#include "orders/order_item.h"
#include "seed_load.h"

namespace {

using namespace ordertrack;
using namespace ordertrack::bench;

api::CreateTableRequest Table(bool stream) {
  api::CreateTableRequest create = orders::OrdersTableRequest("purchase");
  if (stream) {
    create.stream_specification =
        model::StreamSpecification{true, model::StreamViewType::kNewAndOldImages};
  }
  return create;
}

void Put(api::DynamoDb& db, int64_t n, int status) {
  api::PutItemRequest r;
  r.table_name = "purchase";
  r.item = OrderItem(n, status);
  Check(db.PutItem(r).status(), "put");
}

void ChangeStatus(api::DynamoDb& db, int64_t n) {
  Item done = OrderItem(n, 201);
  api::UpdateItemRequest r;
  r.table_name = "purchase";
  r.key = {{"order_id", done.at("order_id")}};
  r.update_expression = "SET order_status = :s, order_status_created = :sc";
  r.expression.expression_attribute_values =
      model::Map{{":s", done.at("order_status")}, {":sc", done.at("order_status_created")}};
  Check(db.UpdateItem(r).status(), "update");
}

std::unique_ptr<engine::EmbeddedDynamoDb> Open(const std::string& dir,
                                               engine::EngineOptions options = {}) {
  auto db = engine::EmbeddedDynamoDb::Open(dir, std::move(options));
  Check(db.status(), "open");
  return std::move(db).value();
}

int Writes(int64_t orders, int64_t ops, const std::string& dir) {
  auto off = Open(dir + "/off");
  auto on = Open(dir + "/on");
  Check(off->CreateTable(Table(false)).status(), "create");
  Check(on->CreateTable(Table(true)).status(), "create");
  std::printf("preloading %lld orders into each engine...\n", static_cast<long long>(orders));
  double preload_off = Rate(orders, [&](int64_t n) { Put(*off, n, 101); });
  double preload_on = Rate(orders, [&](int64_t n) { Put(*on, n, 101); });
  std::printf("\n%-28s %12s %12s %8s\n", "operation (1 thread)", "stream op/s", "none op/s",
              "on/off");
  Report("create order (preload)", preload_on, preload_off);
  int64_t next_on = orders, next_off = orders;
  Compare("create order", ops, [&](int64_t) { Put(*on, next_on++, 101); },
          [&](int64_t) { Put(*off, next_off++, 101); });
  // Distinct preloaded orders, spread over the keyspace.
  Compare("change status", ops, [&](int64_t i) { ChangeStatus(*on, Mix(i) % orders); },
          [&](int64_t i) { ChangeStatus(*off, Mix(i) % orders); });
  return 0;
}

// Reads the table's stream from TRIM_HORIZON to its end; returns records per second.
double Drain(api::DynamoDb& db, int64_t* count) {
  auto streams = db.ListStreams({std::string("purchase"), std::nullopt, std::nullopt});
  Check(streams.status(), "list streams");
  const std::string arn = streams->streams.at(0).stream_arn;
  auto described = db.DescribeStream({arn, std::nullopt, std::nullopt});
  Check(described.status(), "describe stream");
  auto it = db.GetShardIterator({arn, described->stream_description.shards.at(0).shard_id,
                                 api::ShardIteratorType::kTrimHorizon, std::nullopt});
  Check(it.status(), "iterator");
  std::optional<std::string> next = it->shard_iterator;
  *count = 0;
  const auto start = std::chrono::steady_clock::now();
  while (next) {
    auto page = db.GetRecords({*next, 1000});
    Check(page.status(), "get records");
    if (page->records.empty()) break;
    *count += static_cast<int64_t>(page->records.size());
    next = page->next_shard_iterator;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return static_cast<double>(*count) / seconds;
}

int Load(const std::string& dir, int64_t changes) {
  std::filesystem::remove_all(dir);
  auto db = Open(dir);
  Check(db->CreateTable(Table(true)).status(), "create");
  engine::WriteGroup& group = db->NewWriteGroup();
  for (int64_t n = 0; n < changes; ++n) {
    api::PutItemRequest r;
    r.table_name = "purchase";
    r.item = OrderItem(n, 101);
    Check(db->PutItem(r, &group).status(), "put");
    if (n % 64 == 63) Check(group.Commit(), "commit");
  }
  Check(group.Commit(), "commit");
  Check(db->Flush(), "flush");
  int64_t count = 0;
  const double rate = Drain(*db, &count);
  std::printf("drain in-process: %lld records, %.0f records/s\n", static_cast<long long>(count),
              rate);
  return 0;
}

int DrainRemote(const std::string& url) {
  client::RemoteOptions options;
  options.endpoint = url;
  auto db = client::RemoteDynamoDb::Create(options);
  Check(db.status(), "client");
  int64_t count = 0;
  const double rate = Drain(**db, &count);
  std::printf("drain via server: %lld records, %.0f records/s\n", static_cast<long long>(count),
              rate);
  return 0;
}

int Disk(const std::string& dir, int seconds, int64_t retention_ms) {
  std::filesystem::remove_all(dir);
  engine::EngineOptions options;
  options.stream_retention = std::chrono::milliseconds(retention_ms);
  auto db = Open(dir, options);
  Check(db->CreateTable(Table(true)).status(), "create");
  constexpr int64_t kOrders = 10'000;
  for (int64_t n = 0; n < kOrders; ++n) Put(*db, n, 101);
  std::printf("second  writes/s  store MB   (retention %lld ms)\n",
              static_cast<long long>(retention_ms));
  int64_t i = 0;
  for (int second = 1; second <= seconds; ++second) {
    const auto end = std::chrono::steady_clock::now() + std::chrono::seconds(1);
    int64_t writes = 0;
    while (std::chrono::steady_clock::now() < end) {
      // Alternate each order between two statuses: every write changes it.
      Put(*db, i % kOrders, (i / kOrders) % 2 == 0 ? 201 : 101);
      ++i;
      ++writes;
    }
    std::printf("%6d  %8lld  %8.1f\n", second, static_cast<long long>(writes),
                static_cast<double>(db->ApproximateBytes()) / 1e6);
    std::fflush(stdout);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: streams_bench writes|load|drain|disk [flags]\n");
    return 2;
  }
  const std::string mode = argv[1];
  std::map<std::string, std::string> flags;
  for (int i = 2; i + 1 < argc; i += 2) flags[argv[i]] = argv[i + 1];
  auto flag = [&](const char* name, const char* fallback) {
    auto it = flags.find(name);
    return it == flags.end() ? std::string(fallback) : it->second;
  };
  const std::string dir = flag("--dir", "/tmp/ordertrack-streams-bench");
  if (mode == "writes") {
    std::filesystem::remove_all(dir);
    return Writes(std::atoll(flag("--orders", "1000000").c_str()),
                  std::atoll(flag("--ops", "100000").c_str()), dir);
  }
  if (mode == "load") return Load(dir, std::atoll(flag("--changes", "1000000").c_str()));
  if (mode == "drain") return DrainRemote(flag("--url", "http://127.0.0.1:8010"));
  if (mode == "disk") {
    return Disk(dir, std::atoi(flag("--seconds", "60").c_str()),
                std::atoll(flag("--retention-ms", "5000").c_str()));
  }
  std::fprintf(stderr, "streams_bench: unknown mode %s\n", mode.c_str());
  return 2;
}
