// File: engine/embedded_dynamodb.h
// EmbeddedDynamoDb: the api::DynamoDb interface implemented in-process on a
// RocksDB store (kv::Store). Every item write, with all its index entries and
// the table's counters, is one atomic write batch; conditional writes
// evaluate their condition while holding the item's lock, so two conditional
// writes to one item never both succeed. Thread-safe.
//
// TTL and index backfill are in background.cc, group commit in
// deferred_writes.cc.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "api/dynamodb.h"
#include "engine/idempotency.h"
#include "engine/key_locks.h"
#include "engine/table_info.h"
#include "kv/store.h"

namespace ordertrack::expr {
struct UpdatedPaths;  // defined in expr/ast.h
}  // namespace ordertrack::expr

namespace ordertrack::engine {

struct EngineOptions {
  kv::Options store;
  // How often expired items are looked for; zero turns the sweeper off.
  std::chrono::milliseconds ttl_sweep_interval{std::chrono::seconds(10)};
  // Seconds since the epoch; tests pass a fake clock.
  std::function<double()> clock;
};

class EmbeddedDynamoDb final : public api::DynamoDb {
 public:
  // Opens (creating if missing) the store in `path`. kBusy when another
  // process holds it; kCorruption when the catalog cannot be read.
  static base::Result<std::unique_ptr<EmbeddedDynamoDb>> Open(const std::string& path,
                                                              EngineOptions options = {});
  ~EmbeddedDynamoDb() override;
  EmbeddedDynamoDb(const EmbeddedDynamoDb&) = delete;
  EmbeddedDynamoDb& operator=(const EmbeddedDynamoDb&) = delete;

  // Every operation of api/operations.h: tables in tables.cc, tags in
  // tags.cc, single-item writes in writes.cc, reads in reads.cc, batches and
  // transactions in batches.cc.
  OT_DYNAMODB_OVERRIDES()

  // Removes expired items of the tables with TTL, looking at no more than
  // `max_rows` rows: each table's walk resumes where the previous call left
  // it and starts over after its last row. Returns how many were removed. The
  // background sweeper calls it with a small budget, so a large TTL table
  // costs a bounded share of CPU and its expired items go within a few passes
  // (DynamoDB itself deletes them "typically within two days").
  base::Result<int64_t> SweepExpiredItems(size_t max_rows = SIZE_MAX);
  // Blocks until no index is backfilling (tests and orderly shutdown).
  void WaitForBackfills();
  // Approximate bytes on disk.
  uint64_t ApproximateBytes() { return store_->ApproximateBytes(); }
  // Flushes and syncs the store.
  base::Status Flush() {
    OT_RETURN_IF_ERROR(CommitOwnDeferredWrites());
    return store_->Flush();
  }

  // Group commit, for a server thread that handles every request it has read
  // before it answers any of them (deferred_writes.cc). After
  // DeferWritesOnThisThread, this thread's single-item writes (PutItem,
  // UpdateItem, DeleteItem, and the puts and deletes of BatchWriteItem) keep
  // their item locked and leave their changes pending; CommitDeferredWrites
  // writes all that are pending in one store write and unlocks their items,
  // and any other operation on the thread commits them first, so the thread
  // always reads its own writes. REQUIRES: a deferring thread acknowledges no
  // write before CommitDeferredWrites returns OK, calls WriteDeferredNow
  // before it waits for anything but this engine (a catalog change waits for
  // every thread's pending writes), and has nothing pending for another
  // engine when it starts deferring for this one.
  void DeferWritesOnThisThread();
  // Writes what this thread has pending and ends its deferring.
  void StopDeferringOnThisThread();
  // Writes what this thread has pending now; a failure is kept for
  // CommitDeferredWrites, which still reports it.
  void WriteDeferredNow() { CommitOwnDeferredWrites().IgnoreError(); }
  // Not OK when a pending write of this thread failed since the last call:
  // then none of the writes it left pending since then may be acknowledged.
  base::Status CommitDeferredWrites();

 private:
  // One item change prepared under its lock: what the batch will hold.
  struct PreparedWrite;

  EmbeddedDynamoDb(std::unique_ptr<kv::Store> store, EngineOptions options);
  base::Status LoadCatalog();
  double Now() const;

  // The table, or ResourceNotFoundException.
  base::Result<std::shared_ptr<const TableInfo>> FindTable(std::string_view name) const;
  // The table, or ResourceNotFoundException worded as for item operations.
  base::Result<std::shared_ptr<const TableInfo>> FindTableForItems(std::string_view name) const;
  base::Status SaveTable(std::shared_ptr<const TableInfo> table);
  // The table an ARN names: ValidationException when `arn` is not a table's
  // ARN, ResourceNotFoundException when there is no such table.
  base::Result<std::shared_ptr<const TableInfo>> FindTableByArn(std::string_view arn) const;
  model::TableDescription Describe(const TableInfo& table);
  base::Result<std::optional<model::Item>> ReadRow(const std::string& row_key);
  // Appends to `batch` the row, index and counter changes that turn `old_item`
  // into `new_item` (either may be null).
  void AppendItemChange(const TableInfo& table, const std::string& row_key,
                        const model::Item* old_item, const model::Item* new_item,
                        kv::WriteBatch* batch);

  // Writes of one item: the shared path of PutItem, UpdateItem, DeleteItem.
  using ComputeNewItem =
      std::function<base::Result<std::optional<model::Item>>(const std::optional<model::Item>&)>;
  base::Result<api::WriteItemResponse> WriteOneItem(const TableInfo& table, const model::Item& key,
                                                    const ComputeNewItem& compute,
                                                    const api::WriteOptions& options,
                                                    const expr::UpdatedPaths* updated);

  // A single-item write's lock, and, on a deferring thread, where its changes go.
  class ItemLock;
  // This thread's pending writes, when it defers for this engine and may open
  // or extend a group now; nullptr when writes must go to the store at once.
  struct DeferredWrites;
  DeferredWrites* Deferring();
  // Writes and unlocks what `d` holds; a failure is also kept for CommitDeferredWrites.
  base::Status WriteDeferred(DeferredWrites& d);
  // The start of every operation but the single-item writes: the thread's
  // own pending writes go to the store first.
  base::Status CommitOwnDeferredWrites();
  // Held by a catalog change: waits until no other thread has writes
  // pending, and lets no thread open a new group until destroyed, so no pending write was
  // prepared against the catalog as it was before the change.
  class CatalogChange;
  bool DefersHere() const;
  static thread_local std::unique_ptr<DeferredWrites> deferred_;
  // Tells this engine's deferring threads from another's that had its address.
  static std::atomic<uint64_t> next_engine_id_;
  const uint64_t engine_id_ = next_engine_id_.fetch_add(1);
  std::atomic<int> open_groups_{0};
  std::atomic<int> catalog_changes_{0};

  void StartBackfill(std::shared_ptr<const TableInfo> table, uint16_t index_no);
  base::Status Backfill(uint32_t table_id, uint16_t index_no);
  void SweeperLoop();

  std::unique_ptr<kv::Store> store_;
  EngineOptions options_;
  KeyLocks locks_;
  IdempotencyTokens transaction_tokens_;

  mutable std::shared_mutex catalog_mu_;
  std::map<std::string, std::shared_ptr<const TableInfo>, std::less<>> tables_;  // GUARDED_BY(catalog_mu_)
  std::mutex ddl_mu_;  // serializes table creation, deletion and updates

  std::mutex background_mu_;
  std::condition_variable background_cv_;
  bool stopping_ = false;         // GUARDED_BY(background_mu_)
  int running_backfills_ = 0;     // GUARDED_BY(background_mu_)
  std::vector<std::thread> backfill_threads_;  // GUARDED_BY(background_mu_)
  std::thread sweeper_;
  std::mutex sweep_mu_;
  // Per table id, the row key the next sweep of that table starts at.
  std::map<uint32_t, std::string> sweep_from_;  // GUARDED_BY(sweep_mu_)
};

}  // namespace ordertrack::engine
