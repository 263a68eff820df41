// File: engine/internal/key_locks.h
// KeyLocks: striped locks that serialize writes to one item. A write locks
// its item's stripe while it reads, checks its condition and commits; a
// transaction locks all its stripes in ascending order, so no two writers
// deadlock.
//
// A stripe may also be handed to a Holder: a write group (write_group.h)
// keeps the stripes of its writes until it has stored them. A writer that
// finds its stripe with a holder asks the holder to store its writes and
// takes the stripe, instead of waiting for the holder's own thread, so a
// pending write never makes anyone wait for the thread that left it.
#pragma once

#include <array>
#include <condition_variable>
#include <mutex>
#include <string_view>
#include <vector>

namespace ordertrack::engine {

class KeyLocks {
 public:
  static constexpr size_t kStripes = 4096;

  // Holds stripes for writes it has not stored yet.
  class Holder {
   public:
    // Stores what it holds and unlocks its stripes; callable from any
    // thread. Its failure is the holder's to report.
    virtual void StoreAndRelease() = 0;

   protected:
    ~Holder() = default;
  };

  static size_t StripeOf(std::string_view key);
  // Blocks until the calling thread holds `stripe`; a stripe handed to a
  // holder is freed by calling its StoreAndRelease here. REQUIRES: the
  // caller holds nothing a StoreAndRelease takes (a WriteGroup's mutex).
  void Lock(size_t stripe);
  bool TryLock(size_t stripe);
  // Frees a stripe held by the caller or handed to a holder.
  void Unlock(size_t stripe);
  // Hands a stripe the caller holds to `holder`, which unlocks it after
  // storing the write it covers.
  void HandTo(size_t stripe, Holder* holder);
  // The holder `stripe` is handed to, or nullptr.
  Holder* HolderOf(size_t stripe);

  // Holds the stripes of a set of keys until destroyed.
  class Guard {
   public:
    Guard(KeyLocks& locks, const std::vector<std::string_view>& keys);
    ~Guard();
    Guard(const Guard&) = delete;
    Guard& operator=(const Guard&) = delete;

   private:
    KeyLocks& locks_;
    std::vector<size_t> stripes_;
  };

 private:
  struct Stripe {
    bool locked = false;
    Holder* holder = nullptr;  // set while a holder has it
  };
  // Stripes share a mutex and a condition variable per shard: a stripe is
  // rarely contended, and 4096 condition variables would cost more than the
  // occasional spurious wake-up of a neighbour's waiter.
  struct Shard {
    std::mutex mu;
    std::condition_variable freed;
    int waiters = 0;
  };
  static constexpr size_t kShards = 256;
  Shard& ShardOf(size_t stripe) { return shards_[stripe % kShards]; }

  std::array<Shard, kShards> shards_;
  std::array<Stripe, kStripes> stripes_;  // each guarded by ShardOf(its index).mu
};

}  // namespace ordertrack::engine
