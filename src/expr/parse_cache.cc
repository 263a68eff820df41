#include "expr/parse_cache.h"

namespace ordertrack::expr {

ParseCache::ParseCache(size_t capacity) : capacity_(capacity == 0 ? 1 : capacity) {}

std::shared_ptr<const internal::Parsed> ParseCache::Get(internal::Grammar grammar,
                                                        std::string_view text) {
  {
    base::MutexLock lock(mu_);
    Index& index = IndexFor(grammar);
    auto it = index.find(text);
    if (it != index.end()) {
      ++hits_;
      lru_.splice(lru_.begin(), lru_, it->second);
      return it->second->parsed;
    }
    ++misses_;
  }
  auto parsed = std::make_shared<const internal::Parsed>(internal::Parse(grammar, text));
  base::MutexLock lock(mu_);
  Index& index = IndexFor(grammar);
  if (index.find(text) != index.end()) return parsed;  // another thread got there first
  lru_.push_front(Entry{grammar, std::string(text), parsed});
  index.emplace(lru_.front().text, lru_.begin());
  while (lru_.size() > capacity_) {
    IndexFor(lru_.back().grammar).erase(lru_.back().text);
    lru_.pop_back();
  }
  return parsed;
}

size_t ParseCache::size() const {
  base::MutexLock lock(mu_);
  return lru_.size();
}

size_t ParseCache::hits() const {
  base::MutexLock lock(mu_);
  return hits_;
}

size_t ParseCache::misses() const {
  base::MutexLock lock(mu_);
  return misses_;
}

ParseCache& ParseCache::Shared() {
  static ParseCache* const cache = new ParseCache(1024);
  return *cache;
}

}  // namespace ordertrack::expr
