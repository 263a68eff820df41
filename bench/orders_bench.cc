// The orders domain through the library (issue 5): orders created, status
// changes and user-order pages per second, with p50 and p99 latency, on the
// embedded engine holding --orders orders (default 1,000,000).
//
//   orders_bench [--orders N] [--ops N] [--dir DIR]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "engine/embedded_dynamodb.h"
#include "orders/order_store.h"

namespace {

using namespace ordertrack;

void Check(const base::Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, s.ToString().c_str());
    std::exit(1);
  }
}

// A valid UUID whose first group is `kind` (8 hex digits) and last n.
std::string Uuid(const char* kind, int64_t n) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.8s-0000-4000-8000-%012lld", kind,
                static_cast<long long>(n % 1'000'000'000'000));
  return buf;
}

// Runs `op` n times; prints ops/s, p50 and p99 latency.
void Measure(const char* name, int64_t n, const std::function<void(int64_t)>& op) {
  std::vector<double> micros(static_cast<size_t>(n));
  auto start = std::chrono::steady_clock::now();
  for (int64_t i = 0; i < n; ++i) {
    auto t0 = std::chrono::steady_clock::now();
    op(i);
    micros[static_cast<size_t>(i)] =
        std::chrono::duration<double, std::micro>(std::chrono::steady_clock::now() - t0).count();
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::sort(micros.begin(), micros.end());
  std::printf("%-30s %10.0f %10.1f %10.1f\n", name, static_cast<double>(n) / seconds,
              micros[micros.size() / 2], micros[micros.size() * 99 / 100]);
}

}  // namespace

int main(int argc, char** argv) {
  int64_t orders = 1'000'000, ops = 50'000;
  std::string dir = "/tmp/ordertrack-orders-bench";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--orders") orders = std::atoll(argv[i + 1]);
    else if (flag == "--ops") ops = std::atoll(argv[i + 1]);
    else if (flag == "--dir") dir = argv[i + 1];
    else {
      std::fprintf(stderr, "usage: orders_bench [--orders N] [--ops N] [--dir DIR]\n");
      return 2;
    }
  }
  std::filesystem::remove_all(dir);
  auto db = engine::EmbeddedDynamoDb::Open(dir);
  Check(db.status(), "open");
  const int64_t users = std::max<int64_t>(orders / 10, 1), products = std::max<int64_t>(orders / 100, 1);
  orders::OrderStore store(**db);
  Check(store.EnsureTables(), "tables");
  std::printf("preloading %lld orders (%lld users, %lld products)...\n", static_cast<long long>(orders),
              static_cast<long long>(users), static_cast<long long>(products));
  std::vector<std::string> ids;
  ids.reserve(static_cast<size_t>(orders));
  for (int64_t i = 0; i < orders; ++i) {
    auto order = store.Create(Uuid("00000000", i % users), Uuid("11111111", i % products), "bench");
    Check(order.status(), "preload");
    ids.push_back(order->order_id);
  }
  std::printf("\n%-30s %10s %10s %10s\n", "operation (library, 1 thread)", "op/s", "p50 us", "p99 us");
  Measure("create order", ops, [&](int64_t i) {
    Check(store.Create(Uuid("00000000", i % users), Uuid("11111111", i % products), "bench").status(), "create");
  });
  Measure("change status", std::min<int64_t>(ops, orders), [&](int64_t i) {
    auto target = i % 2 ? orders::OrderStatus::kCompleted : orders::OrderStatus::kCanceled;
    Check(store.SetStatus(ids[static_cast<size_t>((i * 7919) % orders)], target, "bench").status(), "status");
  });
  Measure("user's orders, page of 10", ops, [&](int64_t i) {
    orders::ListOptions page;
    Check(store.ListByUser(Uuid("00000000", (i * 104729) % users), page).status(), "list");
  });
  Measure("get order", ops, [&](int64_t i) {
    Check(store.Get(ids[static_cast<size_t>((i * 15485863) % orders)]).status(), "get");
  });
  db->reset();
  std::filesystem::remove_all(dir);
  return 0;
}
