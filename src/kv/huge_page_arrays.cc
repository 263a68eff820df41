// Large arrays on transparent huge pages, for RocksDB's memtable.
//
// The memtable is the store's most randomly touched memory: a write inserts
// at, and a read searches, random places of a 128 MB skiplist, and on 4 KB
// pages nearly every step of those searches misses the TLB as well as the
// cache. Store::Open asks RocksDB for 16 MB arena blocks, which it allocates
// with new[]; this operator new[] gives arrays of 8 MB or more 2 MB-aligned
// memory advised for huge pages (in THP mode "madvise", this machine's, only
// advised memory gets them; in mode "always" the advice changes nothing).
// Smaller arrays are left as they were.
// Marking all of mimalloc's memory instead (MIMALLOC_LARGE_OS_PAGES) made
// GetItem slower and the idle server 5 MB larger (docs/benchmarks.md).
//
// Compiled into each program through ordertrack_allocator, never into a
// library, and not into sanitizer builds, whose allocator must see every
// allocation. Every operator delete, and free(), is mimalloc's there, and
// frees aligned and unaligned blocks alike.
#include <mimalloc.h>
#include <sys/mman.h>

#include <cstddef>

namespace {

constexpr std::size_t kHugePageBytes = std::size_t{2} << 20;
constexpr std::size_t kHugeArrayBytes = std::size_t{8} << 20;

}  // namespace

void* operator new[](std::size_t size) {
  // mi_new*, like the standard operator, call the new-handler and throw
  // std::bad_alloc when memory runs out.
  if (size < kHugeArrayBytes) return mi_new(size);
  void* p = mi_new_aligned(size, kHugePageBytes);
  // Advice only: where the kernel has no huge pages to give, nothing changes.
  madvise(p, size, MADV_HUGEPAGE);
  return p;
}
