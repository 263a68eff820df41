// Group commit of single-item writes. A server thread that handles all the
// requests it has read before answering any lets their PutItem, UpdateItem
// and DeleteItem changes collect in one batch, written once before the
// answers go out: one RocksDB write, one write-ahead log record and one pass
// through RocksDB's writer queue for the lot, instead of one each, which on
// two cores cost more than the memtable inserts themselves
// (docs/benchmarks.md).
//
// Each pending write keeps its item's stripe locked until the batch is
// written, so the next writer of that item reads what it wrote. Deadlock is
// avoided by one rule: a thread waits for a stripe only while it holds none,
// writing its own pending batch first. A catalog change waits until no
// thread has writes pending (CatalogChange), so no pending write was
// prepared against an older catalog (an index it does not maintain, say).
#include "engine/deferred_writes.h"

#include <algorithm>
#include <thread>

namespace ordertrack::engine {

namespace {
// A group this large is written at once: enough to carry the requests one
// worker reads in a round, small enough to bound how long its items stay locked.
constexpr size_t kMaxDeferredWrites = 64;
}  // namespace

thread_local std::unique_ptr<EmbeddedDynamoDb::DeferredWrites> EmbeddedDynamoDb::deferred_;

std::atomic<uint64_t> EmbeddedDynamoDb::next_engine_id_{1};

bool EmbeddedDynamoDb::DefersHere() const { return deferred_ && deferred_->engine_id == engine_id_; }

void EmbeddedDynamoDb::DeferWritesOnThisThread() {
  // A thread defers for one engine at a time (and, as REQUIRES says, has
  // nothing pending for the one it deferred for before).
  if (!DefersHere()) deferred_ = std::make_unique<DeferredWrites>(engine_id_);
}

void EmbeddedDynamoDb::StopDeferringOnThisThread() {
  if (!DefersHere()) return;
  WriteDeferred(*deferred_).IgnoreError();
  deferred_.reset();
}

base::Status EmbeddedDynamoDb::CommitDeferredWrites() {
  if (!DefersHere()) return base::Status();
  WriteDeferred(*deferred_).IgnoreError();  // kept in `failed`
  return std::exchange(deferred_->failed, base::Status());
}

base::Status EmbeddedDynamoDb::CommitOwnDeferredWrites() {
  if (!DefersHere() || !deferred_->open) return base::Status();
  return WriteDeferred(*deferred_);
}

EmbeddedDynamoDb::DeferredWrites* EmbeddedDynamoDb::Deferring() {
  if (!DefersHere()) return nullptr;
  DeferredWrites* d = deferred_.get();
  if (d->stripes.size() >= kMaxDeferredWrites) WriteDeferred(*d).IgnoreError();
  if (!d->open) {
    // Counted before the check, as CatalogChange sets its flag before it
    // counts: one of the two always sees the other.
    open_groups_.fetch_add(1);
    if (catalog_changes_.load() > 0) {
      open_groups_.fetch_sub(1);
      return nullptr;
    }
    d->open = true;
  }
  return d;
}

base::Status EmbeddedDynamoDb::WriteDeferred(DeferredWrites& d) {
  base::Status s;
  if (d.batch.Count() > 0) s = store_->Write(d.batch);
  d.batch.Clear();
  for (size_t stripe : d.stripes) locks_.Unlock(stripe);
  d.stripes.clear();
  if (d.open) {
    d.open = false;
    open_groups_.fetch_sub(1);
  }
  if (!s.ok() && d.failed.ok()) d.failed = s;
  return s;
}

EmbeddedDynamoDb::ItemLock::ItemLock(EmbeddedDynamoDb& db, std::string_view row_key)
    : db_(db), deferred_(db.Deferring()), stripe_(KeyLocks::StripeOf(row_key)) {
  if (deferred_ && !deferred_->stripes.empty()) {
    const bool own = std::find(deferred_->stripes.begin(), deferred_->stripes.end(), stripe_) !=
                     deferred_->stripes.end();
    if (!own && db_.locks_.TryLock(stripe_)) return;
    // Ours already (perhaps this very item), or another thread's: write ours
    // and unlock them, then wait holding nothing. The group stays ours.
    db_.WriteDeferred(*deferred_).IgnoreError();
    deferred_ = db_.Deferring();
  }
  db_.locks_.Lock(stripe_);
}

EmbeddedDynamoDb::ItemLock::~ItemLock() {
  if (held_) db_.locks_.Unlock(stripe_);
}

base::Status EmbeddedDynamoDb::ItemLock::Commit(kv::WriteBatch& own) {
  if (!deferred_) return db_.store_->Write(own);
  deferred_->stripes.push_back(stripe_);
  held_ = false;
  return base::Status();
}

EmbeddedDynamoDb::CatalogChange::CatalogChange(EmbeddedDynamoDb& db) : db_(db) {
  // The changing thread's own group would never close while it waits.
  db_.CommitOwnDeferredWrites().IgnoreError();
  db_.catalog_changes_.fetch_add(1);
  // Groups close within one round of their thread's requests.
  while (db_.open_groups_.load() > 0) std::this_thread::yield();
}

EmbeddedDynamoDb::CatalogChange::~CatalogChange() { db_.catalog_changes_.fetch_sub(1); }

}  // namespace ordertrack::engine
