// File: engine/write_group.h
// WriteGroup: group commit for a server worker, which handles every request
// it has read before it answers any of them. The single-item writes handed
// to a group (PutItem, UpdateItem, DeleteItem and BatchWriteItem's puts and
// deletes, through GroupCommitDynamoDb or the engine's overloads that take a
// group) keep their items locked and collect in one pending batch; Commit
// stores them in one RocksDB write before the answers go out: one write-ahead
// log record and one pass through RocksDB's writer queue for the lot
// (docs/benchmarks.md).
//
// Any thread may store a group, not just its owner: a writer that needs an
// item the group holds, a transaction, the index backfill and every catalog
// change store it themselves. So a pending write never makes anyone wait for
// its owner's thread, whatever that thread waits for meanwhile, and no
// pending write outlives a catalog change it was prepared before (a new
// index it does not maintain, say). The owner's Commit reports the failure
// of a store made by anyone.
#pragma once

#include <vector>

#include "base/mutex.h"
#include "base/status.h"
#include "engine/internal/key_locks.h"
#include "engine/internal/stream_log.h"
#include "kv/store.h"

namespace ordertrack::engine {

class EmbeddedDynamoDb;

class WriteGroup final : public KeyLocks::Holder {
 public:
  // Groups are made by EmbeddedDynamoDb::NewWriteGroup and live as long as
  // the engine, so a thread that found a stripe handed to one may store it.
  ~WriteGroup() = default;
  WriteGroup(const WriteGroup&) = delete;
  WriteGroup& operator=(const WriteGroup&) = delete;

  // Stores what is pending. Not OK when a store of this group's writes
  // failed since the last Commit, here or on another thread: then none of
  // the writes handed to it since may be acknowledged.
  base::Status Commit();

  // KeyLocks::Holder: stores what is pending; any thread.
  void StoreAndRelease() override;

 private:
  friend class EmbeddedDynamoDb;
  explicit WriteGroup(EmbeddedDynamoDb& db) : db_(db) {}

  void StoreLocked() OT_REQUIRES(mu_);

  EmbeddedDynamoDb& db_;
  // Held by a write while it joins the group and by a store; never while
  // waiting for a stripe, so a store of the group waits only for work that
  // does not wait.
  base::Mutex mu_;
  ChangeBatch batch_ OT_GUARDED_BY(mu_);
  std::vector<size_t> stripes_ OT_GUARDED_BY(mu_);  // handed to this group
  base::Status failed_ OT_GUARDED_BY(mu_);
};

}  // namespace ordertrack::engine
