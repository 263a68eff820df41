// File: engine/key_locks.h
// KeyLocks: striped mutexes that serialize writes to one item. A write locks
// its item's stripe while it reads, checks its condition and commits; a
// transaction locks all its stripes in ascending order, so no two writers
// deadlock.
#pragma once

#include <array>
#include <mutex>
#include <string_view>
#include <vector>

namespace ordertrack::engine {

class KeyLocks {
 public:
  static constexpr size_t kStripes = 4096;

  static size_t StripeOf(std::string_view key);
  void Lock(size_t stripe) { stripes_[stripe].lock(); }
  bool TryLock(size_t stripe) { return stripes_[stripe].try_lock(); }
  void Unlock(size_t stripe) { stripes_[stripe].unlock(); }

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
  std::array<std::mutex, kStripes> stripes_;
};

}  // namespace ordertrack::engine
