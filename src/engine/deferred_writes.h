// File: engine/deferred_writes.h
// The parts of EmbeddedDynamoDb's group commit that its writes and catalog
// changes hold (deferred_writes.cc has the whole of it).
#pragma once

#include <vector>

#include "engine/embedded_dynamodb.h"

namespace ordertrack::engine {

struct EmbeddedDynamoDb::DeferredWrites {
  explicit DeferredWrites(uint64_t id) : engine_id(id) {}
  const uint64_t engine_id;  // the engine this thread defers for
  kv::WriteBatch batch;
  std::vector<size_t> stripes;  // locked by this thread until the batch is written
  bool open = false;            // counted in the engine's open_groups_
  base::Status failed;          // the first failed write since CommitDeferredWrites
};

// Locks one item's stripe. On a deferring thread it never waits while the
// thread holds other stripes: it writes its pending changes first, so two
// deferring threads cannot wait for each other.
class EmbeddedDynamoDb::ItemLock {
 public:
  ItemLock(EmbeddedDynamoDb& db, std::string_view row_key);
  ~ItemLock();
  ItemLock(const ItemLock&) = delete;
  ItemLock& operator=(const ItemLock&) = delete;

  // Where the write puts its changes: the thread's pending batch, or `own`.
  kv::WriteBatch* batch(kv::WriteBatch* own) { return deferred_ ? &deferred_->batch : own; }
  // Commits the changes put in batch(&own): writes `own`, or leaves the
  // pending batch for CommitDeferredWrites and hands it this lock.
  base::Status Commit(kv::WriteBatch& own);

 private:
  EmbeddedDynamoDb& db_;
  DeferredWrites* deferred_;
  size_t stripe_;
  bool held_ = true;
};

class EmbeddedDynamoDb::CatalogChange {
 public:
  explicit CatalogChange(EmbeddedDynamoDb& db);
  ~CatalogChange();
  CatalogChange(const CatalogChange&) = delete;
  CatalogChange& operator=(const CatalogChange&) = delete;

 private:
  EmbeddedDynamoDb& db_;
};

}  // namespace ordertrack::engine
