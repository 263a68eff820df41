// Background work of EmbeddedDynamoDb: filling a global index added to a
// table that already holds items, and removing items whose time to live has
// passed. Both go item by item under the item's lock, so they interleave
// safely with client writes.
#include <algorithm>

#include "engine/embedded_dynamodb.h"
#include "engine/internal/key_codec.h"
#include "model/item_codec.h"

namespace ordertrack::engine {
namespace {

using model::Item;

// DynamoDB ignores TTL values more than five years in the past.
constexpr double kTtlHorizonSeconds = 5 * 365 * 24 * 3600.0;

// Rows the background sweeper looks at per round (every ttl_sweep_interval,
// 10 s by default): about 15 ms of work on the project's machine, so a TTL
// table of millions of items is swept in minutes at a small, steady cost
// instead of being read whole every round (500 ms a round at 200,000 rows).
constexpr size_t kSweepRowsPerRound = 20'000;
// Stream records trimmed per round: a delete range and a descriptor write
// per stream, so the cost is in the reading, which this bounds.
constexpr size_t kTrimRecordsPerRound = 50'000;

bool Expired(const Item& item, const std::string& attribute, double now) {
  auto it = item.find(attribute);
  if (it == item.end() || !it->second.is(model::Type::kN)) return false;
  auto seconds = it->second.n().ToInt64();
  if (!seconds) return false;
  double at = static_cast<double>(*seconds);
  return at <= now && at >= now - kTtlHorizonSeconds;
}

// The row keys of a table in [*from, end), at most `max` of them; advances *from.
std::vector<std::string> NextRowKeys(kv::Store& store, uint32_t table_id, std::string* from,
                                     size_t max) {
  std::vector<std::string> keys;
  auto it = store.NewIterator(*from, DataPrefix(table_id, 1));
  for (it->SeekToFirst(); it->Valid() && keys.size() < max; it->Next()) {
    keys.emplace_back(it->key());
  }
  if (!keys.empty()) *from = keys.back() + '\0';
  return keys;
}

// Walks at most `max` rows of `table` from *from, judging each from the
// walk's own copy, and adds the keys of expired ones to *expired_keys.
// Advances *from past the rows walked (to empty past the table's last row,
// so the next walk starts over) and *examined by their number. Returns
// whether the walk reached the table's end.
base::Result<bool> WalkForExpired(kv::Store& store, const TableInfo& table, double now, size_t max,
                                  std::string* from, size_t* examined,
                                  std::vector<Item>* expired_keys) {
  auto it = store.NewIterator(*from, DataPrefix(table.id, 1));
  size_t walked = 0;
  for (it->SeekToFirst(); it->Valid() && walked < max; it->Next(), ++walked) {
    OT_ASSIGN_OR_RETURN(Item item, model::DecodeItem(it->value()));
    if (Expired(item, *table.ttl_attribute, now))
      expired_keys->push_back(ExtractKey(table.key, item));
  }
  OT_RETURN_IF_ERROR(it->status());
  *examined += walked;
  const bool done = !it->Valid();
  *from = done ? std::string() : std::string(it->key());
  return done;
}

}  // namespace

void EmbeddedDynamoDb::StartBackfill(std::shared_ptr<const TableInfo> table, uint16_t index_no) {
  base::MutexLock lock(background_mu_);
  ++running_backfills_;
  backfill_threads_.emplace_back([this, id = table->id, index_no] {
    base::Status s = Backfill(id, index_no);
    s.IgnoreError();  // A failed backfill leaves the index CREATING; the next open retries it.
    base::MutexLock done(background_mu_);
    --running_backfills_;
    background_cv_.NotifyAll();
  });
}

void EmbeddedDynamoDb::WaitForBackfills() {
  base::MutexLock lock(background_mu_);
  while (running_backfills_ > 0) background_cv_.Wait(background_mu_);
}

base::Status EmbeddedDynamoDb::Backfill(uint32_t table_id, uint16_t index_no) {
  auto current = [&]() -> std::shared_ptr<const TableInfo> {
    base::ReaderLock lock(catalog_mu_);
    for (const auto& [name, table] : tables_) {
      if (table->id == table_id) return table;
    }
    return nullptr;
  };
  std::string from = DataPrefix(table_id, 0);
  while (true) {
    {
      base::MutexLock lock(background_mu_);
      if (stopping_) return base::Status();
    }
    std::vector<std::string> keys = NextRowKeys(*store_, table_id, &from, 512);
    if (keys.empty()) break;
    for (const auto& row_key : keys) {
      KeyLocks::Guard guard(locks_, {row_key});
      auto table = current();
      const IndexInfo* index = nullptr;
      if (table) {
        for (const auto& i : table->indexes) {
          if (i.index_no == index_no) index = &i;
        }
      }
      if (index == nullptr) return base::Status();  // table or index dropped meanwhile
      OT_ASSIGN_OR_RETURN(auto item, ReadRow(row_key));
      if (!item) continue;
      auto entry_key = IndexEntryKey(*table, *index, *item);
      if (!entry_key) continue;
      // A client write since the index was added may have made the entry already.
      OT_ASSIGN_OR_RETURN(auto existing, store_->Get(*entry_key));
      if (existing) continue;
      Item projected = ProjectForIndex(*table, *index, *item);
      kv::WriteBatch batch;
      batch.Put(*entry_key, model::EncodeItem(projected));
      std::vector<int64_t> deltas(2 * size_t{index_no} + 2);
      deltas[2 * index_no] = 1;
      deltas[2 * index_no + 1] = static_cast<int64_t>(model::ItemSize(projected));
      batch.AddToCounters(StatsKey(table_id), deltas);
      OT_RETURN_IF_ERROR(store_->Write(batch));
    }
  }
  base::MutexLock ddl(ddl_mu_);
  auto table = current();
  if (!table) return base::Status();
  TableInfo updated = *table;
  for (auto& index : updated.indexes) {
    if (index.index_no == index_no) index.status = model::IndexStatus::kActive;
  }
  return SaveTable(std::make_shared<const TableInfo>(std::move(updated)));
}

base::Result<int64_t> EmbeddedDynamoDb::SweepExpiredItems(size_t max_rows) {
  std::vector<std::shared_ptr<const TableInfo>> tables;
  {
    base::ReaderLock lock(catalog_mu_);
    for (const auto& [name, table] : tables_) {
      if (table->ttl_attribute) tables.push_back(table);
    }
  }
  base::MutexLock sweeping(sweep_mu_);
  // Forget where the walks of deleted tables (or tables without TTL now) stood.
  std::erase_if(sweep_from_, [&](const auto& entry) {
    return std::none_of(tables.begin(), tables.end(),
                        [&](const auto& table) { return table->id == entry.first; });
  });
  int64_t removed = 0;
  size_t examined = 0;
  for (const auto& table : tables) {
    if (examined >= max_rows) break;
    std::string& from = sweep_from_[table->id];
    if (from.empty()) from = DataPrefix(table->id, 0);
    bool table_done = false;
    while (!table_done && examined < max_rows) {
      const double now = Now();
      std::vector<Item> expired_keys;
      OT_ASSIGN_OR_RETURN(table_done, WalkForExpired(*store_, *table, now,
                                                     std::min<size_t>(512, max_rows - examined),
                                                     &from, &examined, &expired_keys));
      for (const auto& key : expired_keys) {
        // Read again under the item's lock: it may have changed since the walk.
        auto compute = [&](const std::optional<Item>& old) -> base::Result<std::optional<Item>> {
          if (old && Expired(*old, *table->ttl_attribute, now)) {
            ++removed;
            return std::optional<Item>();
          }
          return old;
        };
        auto written = WriteOneItem(*table, key, compute, api::WriteOptions(), nullptr, nullptr,
                                    Origin::kTimeToLive);
        if (!written.ok() && written.status().code() != base::ErrorCode::kResourceNotFound) {
          return written.status();
        }
      }
    }
  }
  return removed;
}

void EmbeddedDynamoDb::SweeperLoop() {
  // A retention shorter than the sweep interval (in tests) is kept within a
  // quarter of itself.
  const auto interval = std::max<std::chrono::milliseconds>(
      std::chrono::milliseconds(50),
      std::min<std::chrono::milliseconds>(options_.ttl_sweep_interval,
                                          options_.stream_retention / 4));
  background_mu_.Lock();
  while (!stopping_) {
    const auto wake = std::chrono::steady_clock::now() + interval;
    while (!stopping_ && background_cv_.WaitUntil(background_mu_, wake)) {
    }
    if (stopping_) break;
    background_mu_.Unlock();
    auto swept = SweepExpiredItems(kSweepRowsPerRound);
    swept.status().IgnoreError();  // Tried again on the next round.
    auto trimmed = TrimStreams(kTrimRecordsPerRound);
    trimmed.status().IgnoreError();  // Likewise.
    background_mu_.Lock();
  }
  background_mu_.Unlock();
}

}  // namespace ordertrack::engine
