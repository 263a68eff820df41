// File: bench/seed_load.h
// What the engine benchmarks share: the seed's orders at scale (random
// uuid4-shaped ids derived from a number, so any operation can name order n
// again), and timing that alternates two sides in chunks.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>

#include "base/status.h"
#include "model/attribute_value.h"

namespace ordertrack::bench {

using model::AttributeValue;
using model::Item;

inline void Check(const base::Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, s.ToString().c_str());
    std::exit(1);
  }
}

// The seed names orders, users and products with uuid4(): random ids, so
// rows land all over the keyspace. Sequential ids would flatter the plain
// RocksDB side, whose keys are the ids themselves (an in-order memtable insert
// is cheap), while the engine's row keys are hash-prefixed either way. The ids
// here are uuid4-shaped and pseudo-random, yet derived from (kind, n), so any
// operation can name order n again.
inline uint64_t Mix(uint64_t x) {  // splitmix64's finalizer
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

inline std::string Id(char kind, int64_t n) {
  uint64_t hi = Mix(static_cast<uint64_t>(n) * 4 + static_cast<uint64_t>(kind & 3));
  uint64_t lo = Mix(hi);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%08llx-%04llx-4%03llx-%04llx-%012llx",
                static_cast<unsigned long long>(hi >> 32), static_cast<unsigned long long>((hi >> 16) & 0xffff),
                static_cast<unsigned long long>(hi & 0xfff), static_cast<unsigned long long>(0x8000 | (lo >> 50)),
                static_cast<unsigned long long>(lo & 0xffffffffffffULL));
  return buf;
}

constexpr int64_t kUsers = 100'000;  // ~10 orders a user
constexpr int64_t kProducts = 10'000;

inline Item OrderItem(int64_t n, int status) {
  std::string created = std::to_string(1'700'000'000'000'000LL + n);
  return {{"order_id", AttributeValue::S(Id('o', n))},
          {"user_id", AttributeValue::S(Id('u', n % kUsers))},
          {"product_id", AttributeValue::S(Id('p', n % kProducts))},
          {"created", AttributeValue::NumberFromText(created)},
          {"order_status", AttributeValue::N(model::Number::FromInt64(status))},
          {"order_status_created", AttributeValue::S(std::to_string(status) + "_" + created)}};
}

inline double Rate(int64_t n, const std::function<void(int64_t)>& op) {
  auto start = std::chrono::steady_clock::now();
  for (int64_t i = 0; i < n; ++i) op(i);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return static_cast<double>(n) / seconds;
}

inline void Report(const char* name, double engine, double ceiling) {
  std::printf("%-28s %12.0f %12.0f %8.2f\n", name, engine, ceiling, engine / ceiling);
}

// Runs both sides in ten alternating chunks of n/10 operations, so background
// compaction of either store weighs on both measurements alike, and reports
// each side's rate over all its chunks.
inline void Compare(const char* name, int64_t n, const std::function<void(int64_t)>& engine_op,
             const std::function<void(int64_t)>& kv_op) {
  constexpr int kChunks = 10;
  double engine_seconds = 0, kv_seconds = 0;
  for (int chunk = 0; chunk < kChunks; ++chunk) {
    int64_t begin = n * chunk / kChunks, end = n * (chunk + 1) / kChunks;
    auto timed = [&](const std::function<void(int64_t)>& op) {
      auto start = std::chrono::steady_clock::now();
      for (int64_t i = begin; i < end; ++i) op(i);
      return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    };
    engine_seconds += timed(engine_op);
    kv_seconds += timed(kv_op);
  }
  Report(name, static_cast<double>(n) / engine_seconds, static_cast<double>(n) / kv_seconds);
}

}  // namespace ordertrack::bench
