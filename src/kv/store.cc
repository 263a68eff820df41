#include "kv/store.h"

#include <rocksdb/db.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/merge_operator.h>
#include <rocksdb/table.h>
#include <rocksdb/write_batch.h>

#include <cstring>
#include <filesystem>

namespace ordertrack::kv {

struct WriteBatch::Rep {
  rocksdb::WriteBatch batch;
};

namespace {

base::Status FromRocks(const rocksdb::Status& s) {
  if (s.ok()) return base::Status();
  if (s.IsIOError() && s.ToString().find("lock") != std::string::npos) {
    return base::Status(base::ErrorCode::kBusy,
                        "data directory is in use by another process: " + s.ToString());
  }
  if (s.IsCorruption()) return base::Status(base::ErrorCode::kCorruption, s.ToString());
  if (s.IsBusy() || s.IsTryAgain()) return base::Status(base::ErrorCode::kBusy, s.ToString());
  return base::Status(base::ErrorCode::kIOError, s.ToString());
}

// Counter vectors are stored as native-endian int64 arrays.
std::string EncodeCounters(const std::vector<int64_t>& v) {
  std::string out(v.size() * sizeof(int64_t), '\0');
  if (!v.empty()) std::memcpy(out.data(), v.data(), out.size());
  return out;
}

std::vector<int64_t> DecodeCounters(const rocksdb::Slice& s) {
  std::vector<int64_t> v(s.size() / sizeof(int64_t));
  if (!v.empty()) std::memcpy(v.data(), s.data(), v.size() * sizeof(int64_t));
  return v;
}

// Deltas are summed element-wise on read and compaction, so one merge
// operand per write adjusts every counter of a table and its indexes.
class CounterAddOperator : public rocksdb::AssociativeMergeOperator {
 public:
  bool Merge(const rocksdb::Slice&, const rocksdb::Slice* existing, const rocksdb::Slice& value,
             std::string* new_value, rocksdb::Logger*) const override {
    std::vector<int64_t> sum = existing ? DecodeCounters(*existing) : std::vector<int64_t>();
    std::vector<int64_t> delta = DecodeCounters(value);
    if (sum.size() < delta.size()) sum.resize(delta.size());
    for (size_t i = 0; i < delta.size(); ++i) sum[i] += delta[i];
    *new_value = EncodeCounters(sum);
    return true;
  }
  const char* Name() const override { return "ordertrack.CounterAdd"; }
};

class RocksIterator final : public Iterator {
 public:
  RocksIterator(rocksdb::DB* db, std::string lower, std::string upper)
      : lower_(std::move(lower)), upper_(std::move(upper)), lower_slice_(lower_),
        upper_slice_(upper_) {
    rocksdb::ReadOptions ro;
    ro.iterate_lower_bound = &lower_slice_;
    ro.iterate_upper_bound = &upper_slice_;
    it_.reset(db->NewIterator(ro));
  }
  bool Valid() const override { return it_->Valid(); }
  void Seek(std::string_view key) override { it_->Seek(rocksdb::Slice(key.data(), key.size())); }
  void SeekForPrev(std::string_view key) override {
    it_->SeekForPrev(rocksdb::Slice(key.data(), key.size()));
  }
  void SeekToFirst() override { it_->SeekToFirst(); }
  void SeekToLast() override { it_->SeekToLast(); }
  void Next() override { it_->Next(); }
  void Prev() override { it_->Prev(); }
  std::string_view key() const override { return it_->key().ToStringView(); }
  std::string_view value() const override { return it_->value().ToStringView(); }
  base::Status status() const override { return FromRocks(it_->status()); }

 private:
  std::string lower_, upper_;
  rocksdb::Slice lower_slice_, upper_slice_;
  std::unique_ptr<rocksdb::Iterator> it_;
};

class RocksStore final : public Store {
 public:
  RocksStore(std::unique_ptr<rocksdb::DB> db, const Options& options) : db_(std::move(db)) {
    write_options_.sync = options.sync_writes;
  }
  ~RocksStore() override { db_->Close().PermitUncheckedError(); }

  base::Result<std::optional<std::string>> Get(std::string_view key) override {
    rocksdb::PinnableSlice value;
    auto s = db_->Get(rocksdb::ReadOptions(), db_->DefaultColumnFamily(),
                      rocksdb::Slice(key.data(), key.size()), &value);
    if (s.IsNotFound()) return std::optional<std::string>();
    if (!s.ok()) return FromRocks(s);
    return std::optional<std::string>(value.ToString());
  }

  base::Result<std::vector<int64_t>> GetCounters(std::string_view key) override {
    OT_ASSIGN_OR_RETURN(auto value, Get(key));
    return value ? DecodeCounters(*value) : std::vector<int64_t>();
  }

  base::Status Write(WriteBatch& batch) override;

  std::unique_ptr<Iterator> NewIterator(std::string lower, std::string upper) override {
    return std::make_unique<RocksIterator>(db_.get(), std::move(lower), std::move(upper));
  }

  base::Status DeleteRange(std::string_view lower, std::string_view upper) override {
    return FromRocks(db_->DeleteRange(write_options_, db_->DefaultColumnFamily(),
                                      rocksdb::Slice(lower.data(), lower.size()),
                                      rocksdb::Slice(upper.data(), upper.size())));
  }

  base::Status Flush() override {
    OT_RETURN_IF_ERROR(FromRocks(db_->Flush(rocksdb::FlushOptions())));
    return FromRocks(db_->FlushWAL(/*sync=*/true));
  }

  uint64_t ApproximateBytes() override {
    uint64_t live = 0, mem = 0;
    db_->GetIntProperty(rocksdb::DB::Properties::kLiveSstFilesSize, &live);
    db_->GetIntProperty(rocksdb::DB::Properties::kCurSizeAllMemTables, &mem);
    return live + mem;
  }

 private:
  std::unique_ptr<rocksdb::DB> db_;
  rocksdb::WriteOptions write_options_;
};

}  // namespace

WriteBatch::WriteBatch() : rep_(std::make_unique<Rep>()) {}
WriteBatch::~WriteBatch() = default;

void WriteBatch::Put(std::string_view key, std::string_view value) {
  rep_->batch.Put(rocksdb::Slice(key.data(), key.size()), rocksdb::Slice(value.data(), value.size()))
      .PermitUncheckedError();
}
void WriteBatch::Delete(std::string_view key) {
  rep_->batch.Delete(rocksdb::Slice(key.data(), key.size())).PermitUncheckedError();
}
void WriteBatch::AddToCounters(std::string_view key, const std::vector<int64_t>& deltas) {
  rep_->batch.Merge(rocksdb::Slice(key.data(), key.size()), EncodeCounters(deltas))
      .PermitUncheckedError();
}
size_t WriteBatch::Count() const { return rep_->batch.Count(); }
void WriteBatch::Clear() { rep_->batch.Clear(); }

base::Status RocksStore::Write(WriteBatch& batch) {
  return FromRocks(db_->Write(write_options_, &RepOf(batch).batch));
}

base::Result<std::unique_ptr<Store>> Store::Open(const std::string& path, const Options& options) {
  std::error_code ec;
  std::filesystem::create_directories(path, ec);
  if (ec) {
    return base::Status(base::ErrorCode::kIOError,
                        "cannot create data directory " + path + ": " + ec.message());
  }
  rocksdb::Options ro;
  ro.create_if_missing = true;
  ro.IncreaseParallelism(2);
  ro.OptimizeLevelStyleCompaction();
  ro.merge_operator = std::make_shared<CounterAddOperator>();
  // Most point reads miss the memtables: a create reads a key that does not
  // exist yet, and older items live in files. A whole-key bloom filter in each
  // memtable answers those misses without a skiplist search. Its bits are
  // allocated (and touched) with the memtable: 0.4% of 128 MB is about ten
  // bits per entry of the seed's orders, and 0.5 MB of idle memory.
  ro.memtable_prefix_bloom_size_ratio = 0.004;
  ro.memtable_whole_key_filtering = true;
  // OptimizeLevelStyleCompaction keeps two immutable memtables before a
  // flush; every read then searches three skiplists. Flush each one alone.
  ro.min_write_buffer_number_to_merge = 1;
  // Memtable memory in blocks large enough for huge pages (huge_page_arrays.cc):
  // RocksDB's default is 1 MB blocks.
  ro.arena_block_size = 16 << 20;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = rocksdb::NewLRUCache(options.block_cache_bytes);
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.whole_key_filtering = true;
  // A hash index inside each data block turns a point lookup's binary search
  // over restart points into one probe.
  table.data_block_index_type = rocksdb::BlockBasedTableOptions::kDataBlockBinaryAndHash;
  ro.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  rocksdb::DB* raw = nullptr;
  auto s = rocksdb::DB::Open(ro, path, &raw);
  if (!s.ok()) return FromRocks(s);
  return std::unique_ptr<Store>(
      std::make_unique<RocksStore>(std::unique_ptr<rocksdb::DB>(raw), options));
}

}  // namespace ordertrack::kv
