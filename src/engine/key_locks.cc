#include "engine/key_locks.h"

#include <algorithm>
#include <functional>

namespace ordertrack::engine {

size_t KeyLocks::StripeOf(std::string_view key) { return std::hash<std::string_view>()(key) % kStripes; }

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
