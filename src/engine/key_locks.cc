#include "engine/internal/key_locks.h"

#include <algorithm>
#include <functional>

namespace ordertrack::engine {

size_t KeyLocks::StripeOf(std::string_view key) { return std::hash<std::string_view>()(key) % kStripes; }

void KeyLocks::Lock(size_t stripe) {
  Shard& shard = ShardOf(stripe);
  std::unique_lock lock(shard.mu);
  while (stripes_[stripe].locked) {
    if (Holder* holder = stripes_[stripe].holder) {
      lock.unlock();
      holder->StoreAndRelease();
      lock.lock();
      continue;
    }
    ++shard.waiters;
    shard.freed.wait(lock);
    --shard.waiters;
  }
  stripes_[stripe].locked = true;
}

bool KeyLocks::TryLock(size_t stripe) {
  std::lock_guard lock(ShardOf(stripe).mu);
  if (stripes_[stripe].locked) return false;
  stripes_[stripe].locked = true;
  return true;
}

void KeyLocks::Unlock(size_t stripe) {
  Shard& shard = ShardOf(stripe);
  std::lock_guard lock(shard.mu);
  stripes_[stripe] = Stripe();
  if (shard.waiters > 0) shard.freed.notify_all();
}

void KeyLocks::HandTo(size_t stripe, Holder* holder) {
  Shard& shard = ShardOf(stripe);
  std::lock_guard lock(shard.mu);
  stripes_[stripe].holder = holder;
  // A writer waiting for this stripe can now have the holder store it.
  if (shard.waiters > 0) shard.freed.notify_all();
}

KeyLocks::Holder* KeyLocks::HolderOf(size_t stripe) {
  std::lock_guard lock(ShardOf(stripe).mu);
  return stripes_[stripe].holder;
}

KeyLocks::Guard::Guard(KeyLocks& locks, const std::vector<std::string_view>& keys) : locks_(locks) {
  for (auto key : keys) stripes_.push_back(StripeOf(key));
  std::sort(stripes_.begin(), stripes_.end());
  stripes_.erase(std::unique(stripes_.begin(), stripes_.end()), stripes_.end());
  for (size_t s : stripes_) locks_.Lock(s);
}

KeyLocks::Guard::~Guard() {
  for (auto it = stripes_.rbegin(); it != stripes_.rend(); ++it) locks_.Unlock(*it);
}

}  // namespace ordertrack::engine
