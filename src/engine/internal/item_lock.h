// File: engine/internal/item_lock.h
// Internal to the engine: how a single-item write locks its item, alone or
// as part of a WriteGroup, and how a catalog change keeps pending writes
// from outliving it (write_group.cc has both).
#pragma once

#include <string_view>

#include "engine/embedded_dynamodb.h"
#include "engine/write_group.h"

namespace ordertrack::engine {

// Locks one item's stripe for a write. With a group, the write joins it:
// the lock holds the group's mutex from before the table is read until the
// write is handed over, so no store of the group, and hence no catalog
// change, falls between them. It never waits for a stripe while holding
// that mutex.
class EmbeddedDynamoDb::ItemLock {
 public:
  ItemLock(EmbeddedDynamoDb& db, std::string_view row_key, WriteGroup* group);
  ~ItemLock();
  ItemLock(const ItemLock&) = delete;
  ItemLock& operator=(const ItemLock&) = delete;

  // Where the write puts its changes: the group's pending batch, or `own`.
  ChangeBatch* batch(ChangeBatch* own) {
    if (group_ == nullptr) return own;
    group_->mu_.AssertHeld();  // since the constructor: beyond what the analysis follows
    return &group_->batch_;
  }
  // Commits the changes put in batch(&own): writes `own`, or hands this
  // lock's stripe to the group, which stores them.
  base::Status Commit(ChangeBatch& own);

 private:
  // Takes the stripe while holding the group's mutex, or leaves the group.
  void LockInGroup();

  EmbeddedDynamoDb& db_;
  WriteGroup* group_;  // non-null while this lock holds group_->mu_
  size_t stripe_;
  bool held_ = true;
};

// Held by every change of the catalog: stores every group, and while it
// lives no write joins one, so no pending write was prepared against the
// catalog as it was before.
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
