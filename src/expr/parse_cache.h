// File: expr/parse_cache.h
// ParseCache: remembers the parse of recent expression texts, so the same
// text is parsed once and a hot path pays only resolution and evaluation.
// Parses depend only on the text (names and values are resolved later), so
// entries are shared by all requests.
#pragma once

#include <cstddef>
#include <list>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "base/mutex.h"
#include "expr/parser.h"

namespace ordertrack::expr {

class ParseCache {
 public:
  // Holds at most `capacity` parses (least recently used go first).
  explicit ParseCache(size_t capacity);
  ParseCache(const ParseCache&) = delete;
  ParseCache& operator=(const ParseCache&) = delete;

  // The parse of `text` with `grammar`, parsing it on a miss. Never null.
  // Thread-safe; the parse runs outside the lock.
  std::shared_ptr<const internal::Parsed> Get(internal::Grammar grammar, std::string_view text);

  size_t size() const;
  size_t hits() const;
  size_t misses() const;

  // The process-wide cache RequestExpressions uses when given none
  // (1024 entries).
  static ParseCache& Shared();

 private:
  struct Entry {
    internal::Grammar grammar;
    std::string text;
    std::shared_ptr<const internal::Parsed> parsed;
  };
  // One index per grammar, keyed by views of the entries' texts, so a hit
  // allocates nothing.
  using Index = std::unordered_map<std::string_view, std::list<Entry>::iterator>;
  Index& IndexFor(internal::Grammar grammar) { return index_[static_cast<size_t>(grammar)]; }

  const size_t capacity_;
  mutable base::Mutex mu_;
  std::list<Entry> lru_ OT_GUARDED_BY(mu_);  // most recent first
  Index index_[3] OT_GUARDED_BY(mu_);
  size_t hits_ OT_GUARDED_BY(mu_) = 0;
  size_t misses_ OT_GUARDED_BY(mu_) = 0;
};

}  // namespace ordertrack::expr
