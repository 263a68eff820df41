// Group commit (write_group.h): a group's pending writes, the item locks
// they keep, and the catalog changes that store them.
//
// Deadlock freedom rests on two rules. A group's mutex is held only by work
// that does not wait: a write joining the group takes its stripe with
// TryLock while it holds the mutex, and lets the mutex go before it waits
// for a stripe. And a stripe handed to a group is freed by whoever wants it,
// by storing the group (KeyLocks::Lock), so nobody waits for the group's
// owner. Transactions lock their stripes in ascending order and hand none
// to a group, so the stripes alone cannot form a cycle either.
#include "engine/internal/item_lock.h"

namespace ordertrack::engine {

namespace {
// A group this large is stored at once: enough to carry the requests one
// worker reads in a round, small enough to bound how long its items stay locked.
constexpr size_t kMaxGroupWrites = 64;
}  // namespace

base::Status WriteGroup::Commit() {
  base::MutexLock lock(mu_);
  StoreLocked();
  return std::exchange(failed_, base::Status());
}

void WriteGroup::StoreAndRelease() {
  base::MutexLock lock(mu_);
  StoreLocked();
}

void WriteGroup::StoreLocked() {
  if (stripes_.empty()) return;
  base::Status stored = db_.store_->Write(batch_.rows);
  if (!stored.ok() && failed_.ok()) failed_ = stored;
  batch_.rows.Clear();
  batch_.claims.Settle();
  // Only now may the next writer of these items read them.
  for (size_t stripe : stripes_) db_.locks_.Unlock(stripe);
  stripes_.clear();
}

WriteGroup& EmbeddedDynamoDb::NewWriteGroup() {
  base::MutexLock lock(groups_mu_);
  groups_.push_back(std::unique_ptr<WriteGroup>(new WriteGroup(*this)));
  return *groups_.back();
}

void EmbeddedDynamoDb::StoreAllGroups() {
  base::MutexLock lock(groups_mu_);
  for (auto& group : groups_) group->StoreAndRelease();
}

EmbeddedDynamoDb::ItemLock::ItemLock(EmbeddedDynamoDb& db, std::string_view row_key,
                                     WriteGroup* group)
    : db_(db), group_(group), stripe_(KeyLocks::StripeOf(row_key)) {
  if (group_ != nullptr) {
    LockInGroup();
  } else {
    db_.locks_.Lock(stripe_);
  }
}

// The group's mutex is taken here and let go in the destructor, a span the
// analysis cannot follow; the AssertHeld calls say where it is held.
void EmbeddedDynamoDb::ItemLock::LockInGroup() OT_NO_THREAD_SAFETY_ANALYSIS {
  group_->mu_.Lock();
  // Read under the group's mutex, which every catalog change takes after
  // announcing itself: either it sees this write in the group, or this
  // write sees it and goes to the store alone.
  while (db_.catalog_changes_.load() == 0) {
    if (db_.locks_.TryLock(stripe_)) return;
    if (db_.locks_.HolderOf(stripe_) == group_) {
      // This group's own earlier write of the item, or of its stripe: it
      // must be stored before this write reads the item.
      group_->StoreLocked();
      continue;
    }
    // Someone else's: wait holding nothing of the group's, then look again.
    group_->mu_.Unlock();
    db_.locks_.Lock(stripe_);
    group_->mu_.Lock();
    if (db_.catalog_changes_.load() == 0) return;
    group_->mu_.Unlock();
    group_ = nullptr;
    return;
  }
  group_->mu_.Unlock();
  group_ = nullptr;
  db_.locks_.Lock(stripe_);
}

EmbeddedDynamoDb::ItemLock::~ItemLock() OT_NO_THREAD_SAFETY_ANALYSIS {
  if (held_) db_.locks_.Unlock(stripe_);
  if (group_ != nullptr) group_->mu_.Unlock();
}

base::Status EmbeddedDynamoDb::ItemLock::Commit(ChangeBatch& own) {
  if (group_ == nullptr) {
    base::Status stored = db_.store_->Write(own.rows);
    own.claims.Settle();
    return stored;
  }
  group_->mu_.AssertHeld();
  group_->stripes_.push_back(stripe_);
  db_.locks_.HandTo(stripe_, group_);
  held_ = false;
  if (group_->stripes_.size() >= kMaxGroupWrites) group_->StoreLocked();
  return base::Status();
}

EmbeddedDynamoDb::CatalogChange::CatalogChange(EmbeddedDynamoDb& db) : db_(db) {
  db_.catalog_changes_.fetch_add(1);
  db_.StoreAllGroups();
}

EmbeddedDynamoDb::CatalogChange::~CatalogChange() { db_.catalog_changes_.fetch_sub(1); }

}  // namespace ordertrack::engine
