#include "expr/parse_cache.h"

namespace ordertrack::expr {

ParseCache::ParseCache(size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

std::shared_ptr<const internal::Parsed> ParseCache::Get(internal::Grammar grammar,
                                                        std::string_view text) {
  std::string key;
  key.reserve(text.size() + 1);
  key.push_back(static_cast<char>('0' + static_cast<int>(grammar)));
  key.append(text);
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = index_.find(key);
    if (it != index_.end()) {
      ++hits_;
      lru_.splice(lru_.begin(), lru_, it->second);
      return it->second->second;
    }
    ++misses_;
  }
  auto parsed = std::make_shared<const internal::Parsed>(internal::Parse(grammar, text));
  std::lock_guard<std::mutex> lock(mu_);
  if (index_.find(key) != index_.end()) return parsed;  // another thread got there first
  lru_.emplace_front(std::move(key), parsed);
  index_.emplace(lru_.front().first, lru_.begin());
  while (lru_.size() > capacity_) {
    index_.erase(lru_.back().first);
    lru_.pop_back();
  }
  return parsed;
}

size_t ParseCache::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lru_.size();
}

size_t ParseCache::hits() const {
  std::lock_guard<std::mutex> lock(mu_);
  return hits_;
}

size_t ParseCache::misses() const {
  std::lock_guard<std::mutex> lock(mu_);
  return misses_;
}

ParseCache& ParseCache::Shared() {
  static ParseCache* const cache = new ParseCache(1024);
  return *cache;
}

}  // namespace ordertrack::expr
