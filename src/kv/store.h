// File: kv/store.h
// Store: an ordered key-value store on RocksDB, and the only place in
// ordertrack that includes RocksDB. Keys and values are byte strings; a
// WriteBatch applies atomically and durably (write-ahead log) once Write
// returns OK. Counter keys hold vectors of 64-bit sums: deltas merged into
// them add element-wise, so a write can adjust counters without reading them.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace ordertrack::kv {

struct Options {
  // Sync the write-ahead log on every write: survives power loss, not just a
  // killed process. Default: off (a killed process loses nothing either way).
  bool sync_writes = false;
  // Bytes of block cache for reads.
  size_t block_cache_bytes = 128 << 20;
};

// Writes applied together by Store::Write. Not thread-safe.
class WriteBatch {
 public:
  WriteBatch();
  ~WriteBatch();
  WriteBatch(const WriteBatch&) = delete;
  WriteBatch& operator=(const WriteBatch&) = delete;

  void Put(std::string_view key, std::string_view value);
  void Delete(std::string_view key);
  // Adds deltas[i] to element i of the counters at `key` (missing ones count as 0).
  void AddToCounters(std::string_view key, const std::vector<int64_t>& deltas);
  size_t Count() const;
  // Empties the batch, keeping its memory for the next writes.
  void Clear();

 private:
  friend class Store;
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

// A cursor over keys in [lower, upper). Not thread-safe; REQUIRES: the Store outlives it.
class Iterator {
 public:
  virtual ~Iterator() = default;
  virtual bool Valid() const = 0;
  virtual void Seek(std::string_view key) = 0;             // first key >= key
  virtual void SeekForPrev(std::string_view key) = 0;      // last key <= key
  virtual void SeekToFirst() = 0;
  virtual void SeekToLast() = 0;
  virtual void Next() = 0;  // REQUIRES: Valid()
  virtual void Prev() = 0;  // REQUIRES: Valid()
  virtual std::string_view key() const = 0;    // REQUIRES: Valid()
  virtual std::string_view value() const = 0;  // REQUIRES: Valid()
  // Not OK when iteration stopped on an I/O error rather than the end.
  virtual base::Status status() const = 0;
};

class Store {
 public:
  // Opens or creates the store in directory `path`. kBusy, with a message
  // saying so, when another process holds the directory.
  static base::Result<std::unique_ptr<Store>> Open(const std::string& path,
                                                   const Options& options);
  virtual ~Store() = default;

  // The value at `key`, or nullopt.
  virtual base::Result<std::optional<std::string>> Get(std::string_view key) = 0;
  // The sums of the deltas added to the counters at `key` (empty when none).
  virtual base::Result<std::vector<int64_t>> GetCounters(std::string_view key) = 0;
  virtual base::Status Write(WriteBatch& batch) = 0;
  virtual std::unique_ptr<Iterator> NewIterator(std::string lower, std::string upper) = 0;
  // Removes every key in [lower, upper).
  virtual base::Status DeleteRange(std::string_view lower, std::string_view upper) = 0;
  // Flushes memtables and syncs the log: used on orderly shutdown.
  virtual base::Status Flush() = 0;
  // Approximate on-disk bytes of the whole store.
  virtual uint64_t ApproximateBytes() = 0;

 protected:
  static WriteBatch::Rep& RepOf(WriteBatch& batch) { return *batch.rep_; }
};

}  // namespace ordertrack::kv
