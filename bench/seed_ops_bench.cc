// Measures the seed's operations on the embedded engine against their
// plain key-value ceiling: the same row and index writes and reads issued
// directly to the RocksDB store (kv::Store, the engine's own thin wrapper,
// same options) in the same run.
//
//   seed_ops_bench [--orders N] [--ops N] [--dir DIR]
//
// Prints operations per second for both and the ratio engine / ceiling.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <random>
#include <string>

#include "engine/embedded_dynamodb.h"
#include "kv/store.h"
#include "model/item_codec.h"
#include "orders/order_item.h"
#include "seed_load.h"

namespace {

using namespace ordertrack;
using namespace ordertrack::bench;
using model::AttributeValue;
using model::Item;

struct Config {
  int64_t orders = 1'000'000;
  int64_t ops = 100'000;
  std::string dir = "/tmp/ordertrack-bench";
};

// Plain key-value twins of the engine's keys: row, and one entry per index.
std::string RowKey(const Item& o) { return "r" + o.at("order_id").s(); }
std::string IndexKey(char index, const Item& o) {
  return std::string(1, index) + o.at(index == 'u' ? "user_id" : "product_id").s() +
         o.at("order_status_created").s() + o.at("order_id").s();
}

// A put must know the item it replaces to move its index entries, so the
// ceiling reads the row too, as the engine does.
void WriteOrderKv(kv::Store& store, const Item& order, const Item* old) {
  if (!old) Check(store.Get(RowKey(order)).status(), "kv get");
  kv::WriteBatch batch;
  std::string value = model::EncodeItem(order);
  batch.Put(RowKey(order), value);
  for (char index : {'u', 'p'}) {
    if (old) batch.Delete(IndexKey(index, *old));
    batch.Put(IndexKey(index, order), value);
  }
  Check(store.Write(batch), "kv write");
}

}  // namespace

int main(int argc, char** argv) {
  Config config;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--orders") config.orders = std::atoll(argv[i + 1]);
    else if (flag == "--ops") config.ops = std::atoll(argv[i + 1]);
    else if (flag == "--dir") config.dir = argv[i + 1];
    else {
      std::fprintf(stderr, "usage: seed_ops_bench [--orders N] [--ops N] [--dir DIR]\n");
      return 2;
    }
  }
  std::filesystem::remove_all(config.dir);
  auto db = engine::EmbeddedDynamoDb::Open(config.dir + "/engine");
  Check(db.status(), "open engine");
  auto store = kv::Store::Open(config.dir + "/kv", kv::Options());
  Check(store.status(), "open kv");
  Check((*db)->CreateTable(orders::OrdersTableRequest("purchase")).status(), "create table");

  std::printf("preloading %lld orders into each store...\n", static_cast<long long>(config.orders));
  auto put = [&](int64_t n) {
    api::PutItemRequest r;
    r.table_name = "purchase";
    r.item = OrderItem(n, 101);
    Check((*db)->PutItem(r).status(), "put");
  };
  double preload_engine = Rate(config.orders, put);
  double preload_kv = Rate(config.orders, [&](int64_t n) { WriteOrderKv(**store, OrderItem(n, 101), nullptr); });

  std::mt19937_64 rng(1);
  std::printf("\n%-28s %12s %12s %8s\n", "operation (1 thread)", "engine op/s", "rocksdb op/s", "ratio");
  Report("create order (preload)", preload_engine, preload_kv);

  int64_t next = config.orders;
  int64_t next_kv = config.orders;
  Compare("create order", config.ops, [&](int64_t) { put(next++); },
          [&](int64_t) { WriteOrderKv(**store, OrderItem(next_kv++, 101), nullptr); });

  // Distinct orders, each moved once from in_progress to completed.
  std::vector<int64_t> targets(config.ops);
  for (auto& t : targets) t = static_cast<int64_t>(rng() % config.orders);
  std::sort(targets.begin(), targets.end());
  targets.erase(std::unique(targets.begin(), targets.end()), targets.end());
  std::shuffle(targets.begin(), targets.end(), rng);
  auto n_targets = static_cast<int64_t>(targets.size());
  Compare("change status (conditional)", n_targets, [&](int64_t i) {
    Item done = OrderItem(targets[i], 201);
    api::UpdateItemRequest r;
    r.table_name = "purchase";
    r.key = {{"order_id", done.at("order_id")}};
    r.update_expression = "SET order_status = :s, order_status_created = :sc";
    r.condition.condition_expression = "order_status = :old";
    r.expression.expression_attribute_values =
        model::Map{{":s", done.at("order_status")}, {":sc", done.at("order_status_created")},
                   {":old", AttributeValue::N(model::Number::FromInt64(101))}};
    Check((*db)->UpdateItem(r).status(), "update");
  }, [&](int64_t i) {
    Item done = OrderItem(targets[i], 201);
    auto old_bytes = (*store)->Get(RowKey(done));
    Check(old_bytes.status(), "kv get");
    auto old = model::DecodeItem(**old_bytes);
    Check(old.status(), "decode");
    WriteOrderKv(**store, done, &*old);
  });

  Compare("user's orders (10 items)", config.ops, [&](int64_t i) {
    api::QueryRequest q;
    q.read.table_name = "purchase";
    q.read.index_name = "for_user_id";
    q.key_condition_expression = "user_id = :u";
    q.read.expression.expression_attribute_values =
        model::Map{{":u", AttributeValue::S(Id('u', (i * 7919) % kUsers))}};
    q.read.limit = 10;
    auto page = (*db)->Query(q);
    Check(page.status(), "query");
  }, [&](int64_t i) {
    std::string prefix = "u" + Id('u', (i * 7919) % kUsers);
    auto it = (*store)->NewIterator(prefix, prefix + "\xff");
    int n = 0;
    for (it->SeekToFirst(); it->Valid() && n < 10; it->Next(), ++n) {
      auto item = model::DecodeItem(it->value());
      Check(item.status(), "decode");
    }
  });

  Compare("get by id", config.ops, [&](int64_t i) {
    api::GetItemRequest g;
    g.table_name = "purchase";
    g.key = {{"order_id", AttributeValue::S(Id('o', (i * 104729) % config.orders))}};
    Check((*db)->GetItem(g).status(), "get");
  }, [&](int64_t i) {
    auto bytes = (*store)->Get("r" + Id('o', (i * 104729) % config.orders));
    Check(bytes.status(), "kv get");
    auto item = model::DecodeItem(**bytes);
    Check(item.status(), "decode");
  });
  db->reset();
  store->reset();
  std::filesystem::remove_all(config.dir);
  return 0;
}
