// File: engine/embedded_dynamodb.h
// EmbeddedDynamoDb: the api::DynamoDb interface implemented in-process on a
// RocksDB store (kv::Store). Every item write, with all its index entries and
// the table's counters, is one atomic write batch; conditional writes
// evaluate their condition while holding the item's lock, so two conditional
// writes to one item never both succeed. Thread-safe.
//
// TTL and index backfill are in background.cc, group commit in
// write_group.cc, DynamoDB Streams in streams.cc (internal/stream_log.h).
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
#include "base/mutex.h"
#include "engine/internal/idempotency.h"
#include "engine/internal/key_locks.h"
#include "engine/internal/stream_log.h"
#include "engine/internal/table_info.h"
#include "engine/write_group.h"
#include "kv/store.h"

namespace ordertrack::expr {
struct UpdatedPaths;  // defined in expr/ast.h
}  // namespace ordertrack::expr

namespace ordertrack::engine {

struct EngineOptions {
  kv::Options store;
  // How often expired items are looked for; zero turns the sweeper off.
  std::chrono::milliseconds ttl_sweep_interval{std::chrono::seconds(10)};
  // How long stream records are kept; DynamoDB keeps them 24 hours. The
  // sweeper trims older ones, a bounded number each round.
  std::chrono::milliseconds stream_retention{std::chrono::hours(24)};
  // Seconds since the epoch; tests pass a fake clock.
  std::function<double()> clock;
  // Tests wrap the store to make its writes fail.
  std::function<std::unique_ptr<kv::Store>(std::unique_ptr<kv::Store>)> wrap_store;
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
  // Deletes stream records older than the retention, looking at no more
  // than `max_records`, and forgets disabled streams whose retention has
  // passed. Returns how many records were deleted. The sweeper calls it
  // every round.
  base::Result<int64_t> TrimStreams(size_t max_records = SIZE_MAX);
  // Blocks until no index is backfilling (tests and orderly shutdown).
  void WaitForBackfills();
  // Approximate bytes on disk.
  uint64_t ApproximateBytes() { return store_->ApproximateBytes(); }
  // Stores every write group's pending writes, then flushes and syncs the store.
  base::Status Flush() {
    StoreAllGroups();
    return store_->Flush();
  }

  // Group commit (write_group.h). A new group, owned by this engine and
  // living as long as it; a server worker takes one and hands it to the
  // writes of its requests, directly through the overloads below or
  // through GroupCommitDynamoDb. A null group writes at once.
  WriteGroup& NewWriteGroup();
  base::Result<api::PutItemResponse> PutItem(const api::PutItemRequest& r, WriteGroup* group);
  base::Result<api::UpdateItemResponse> UpdateItem(const api::UpdateItemRequest& r,
                                                   WriteGroup* group);
  base::Result<api::DeleteItemResponse> DeleteItem(const api::DeleteItemRequest& r,
                                                   WriteGroup* group);
  base::Result<api::BatchWriteItemResponse> BatchWriteItem(const api::BatchWriteItemRequest& r,
                                                           WriteGroup* group);

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
  // Stores the table's catalog entry, with `also` in the same write.
  base::Status SaveTable(std::shared_ptr<const TableInfo> table, kv::WriteBatch* also = nullptr);
  // The table an ARN names: ValidationException when `arn` is not a table's
  // ARN, ResourceNotFoundException when there is no such table.
  base::Result<std::shared_ptr<const TableInfo>> FindTableByArn(std::string_view arn) const;
  model::TableDescription Describe(const TableInfo& table);
  base::Result<std::optional<model::Item>> ReadRow(const std::string& row_key);
  // Who made a change, as its stream record tells.
  enum class Origin { kClient, kTimeToLive };
  // Appends to `batch` the row, index and counter changes that turn `old_item`
  // into `new_item` (either may be null), and the change's stream record.
  void AppendItemChange(const TableInfo& table, const std::string& row_key,
                        const model::Item* old_item, const model::Item* new_item,
                        ChangeBatch* batch, Origin origin = Origin::kClient);
  // The stream record part of AppendItemChange; `encoded_new` is the new
  // item encoded, or empty when there is none.
  void AppendStreamRecord(const TableInfo& table, const model::Item* old_item,
                          const model::Item* new_item, std::string_view encoded_new,
                          Origin origin, ChangeBatch* batch);
  // Stream bookkeeping of table operations (streams.cc): the stream a new
  // or updated table's StreamSpecification asks for, appended to `batch`.
  base::Status ApplyStreamSpecification(const std::optional<model::StreamSpecification>& spec,
                                        bool creating, TableInfo* table, kv::WriteBatch* batch,
                                        StreamChange* change);
  // Closes the table's stream when it is deleted: readable until it expires.
  void CloseStreamOf(const TableInfo& table, kv::WriteBatch* batch, StreamChange* change);
  void DescribeStreamOf(const TableInfo& table, model::TableDescription* d);
  base::Status LoadStreams();

  // Writes of one item: the shared path of PutItem, UpdateItem, DeleteItem.
  using ComputeNewItem =
      std::function<base::Result<std::optional<model::Item>>(const std::optional<model::Item>&)>;
  base::Result<api::WriteItemResponse> WriteOneItem(const TableInfo& table, const model::Item& key,
                                                    const ComputeNewItem& compute,
                                                    const api::WriteOptions& options,
                                                    const expr::UpdatedPaths* updated,
                                                    WriteGroup* group,
                                                    Origin origin = Origin::kClient);

  friend class WriteGroup;
  // A single-item write's lock, alone or in a group (internal/item_lock.h).
  class ItemLock;
  // Held by every catalog change: stores every group, and keeps writes
  // from joining one until destroyed (internal/item_lock.h).
  class CatalogChange;
  void StoreAllGroups();
  base::Mutex groups_mu_;
  std::vector<std::unique_ptr<WriteGroup>> groups_ OT_GUARDED_BY(groups_mu_);
  std::atomic<int> catalog_changes_{0};

  void StartBackfill(std::shared_ptr<const TableInfo> table, uint16_t index_no);
  base::Status Backfill(uint32_t table_id, uint16_t index_no);
  void SweeperLoop();

  std::unique_ptr<kv::Store> store_;
  EngineOptions options_;
  KeyLocks locks_;
  IdempotencyTokens transaction_tokens_;
  StreamLog streams_;
  base::Mutex trim_mu_;  // one trim at a time

  mutable base::SharedMutex catalog_mu_;
  std::map<std::string, std::shared_ptr<const TableInfo>, std::less<>> tables_
      OT_GUARDED_BY(catalog_mu_);
  base::Mutex ddl_mu_;  // serializes table creation, deletion and updates

  base::Mutex background_mu_;
  base::CondVar background_cv_;
  bool stopping_ OT_GUARDED_BY(background_mu_) = false;
  int running_backfills_ OT_GUARDED_BY(background_mu_) = 0;
  std::vector<std::thread> backfill_threads_ OT_GUARDED_BY(background_mu_);
  std::thread sweeper_;
  base::Mutex sweep_mu_;
  // Per table id, the row key the next sweep of that table starts at.
  std::map<uint32_t, std::string> sweep_from_ OT_GUARDED_BY(sweep_mu_);
};

}  // namespace ordertrack::engine
