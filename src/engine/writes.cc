// Single-item writes of EmbeddedDynamoDb: PutItem, UpdateItem, DeleteItem,
// and the path they share. A write locks its item, reads it, checks its
// condition, and commits the item with all its index entries and the
// table's counters in one batch (in a write group, in the group's pending
// batch: write_group.cc).
#include "engine/embedded_dynamodb.h"
#include "engine/internal/item_lock.h"
#include "engine/internal/key_codec.h"
#include "engine/internal/request_compiler.h"
#include "engine/internal/write_checks.h"
#include "expr/ast.h"
#include "model/item_codec.h"
#include "model/limits.h"
#include "model/validation.h"

namespace ordertrack::engine {

using model::Item;

base::Result<std::optional<Item>> EmbeddedDynamoDb::ReadRow(const std::string& row_key) {
  OT_ASSIGN_OR_RETURN(auto bytes, store_->Get(row_key));
  if (!bytes) return std::optional<Item>();
  OT_ASSIGN_OR_RETURN(Item item, model::DecodeItem(*bytes));
  return std::optional<Item>(std::move(item));
}

void EmbeddedDynamoDb::AppendItemChange(const TableInfo& table, const std::string& row_key,
                                        const Item* old_item, const Item* new_item,
                                        ChangeBatch* changes, Origin origin) {
  kv::WriteBatch* batch = &changes->rows;
  // Slot 2i counts the entries of index i (0: the table), slot 2i+1 their bytes.
  std::vector<int64_t> deltas(2 * size_t{table.next_index_no});
  auto count = [&](uint16_t index_no, const Item* before, const Item* after) {
    auto bytes = [](const Item* item) {
      return item ? static_cast<int64_t>(model::ItemSize(*item)) : 0;
    };
    deltas[2 * index_no] += (after ? 1 : 0) - (before ? 1 : 0);
    deltas[2 * index_no + 1] += bytes(after) - bytes(before);
  };
  // An ALL projection stores the item as the row does: encode it once.
  std::string encoded_new;
  if (new_item) {
    encoded_new = model::EncodeItem(*new_item);
    batch->Put(row_key, encoded_new);
  } else {
    batch->Delete(row_key);
  }
  count(0, old_item, new_item);
  for (const auto& index : table.indexes) {
    auto old_key = old_item ? IndexEntryKey(table, index, *old_item) : std::nullopt;
    auto new_key = new_item ? IndexEntryKey(table, index, *new_item) : std::nullopt;
    // While an index fills, an item's entry exists only once the backfill or
    // a write made it; a missing entry must not be counted as removed.
    if (old_key && index.status == model::IndexStatus::kCreating) {
      auto existing = store_->Get(*old_key);
      if (existing.ok() && !*existing) old_key.reset();
    }
    if (!old_key && !new_key) continue;
    const bool all = index.projection.projection_type == model::ProjectionType::kAll;
    std::optional<Item> old_projected, new_projected;
    if (old_key && !all) old_projected = ProjectForIndex(table, index, *old_item);
    if (new_key && !all) new_projected = ProjectForIndex(table, index, *new_item);
    const Item* before = old_key ? (all ? old_item : &*old_projected) : nullptr;
    const Item* after = new_key ? (all ? new_item : &*new_projected) : nullptr;
    if (old_key && old_key != new_key) batch->Delete(*old_key);
    if (new_key) batch->Put(*new_key, all ? encoded_new : model::EncodeItem(*after));
    count(index.index_no, before, after);
  }
  batch->AddToCounters(StatsKey(table.id), deltas);
  if (table.stream && table.stream->enabled) {
    AppendStreamRecord(table, old_item, new_item, encoded_new, origin, changes);
  }
}

void EmbeddedDynamoDb::AppendStreamRecord(const TableInfo& table, const Item* old_item,
                                          const Item* new_item, std::string_view encoded_new,
                                          Origin origin, ChangeBatch* batch) {
  // DynamoDB writes no record for a write that leaves the item as it was.
  if (old_item && new_item && *old_item == *new_item) return;
  std::optional<uint64_t> seq = streams_.Claim(table.stream->stream_no);
  if (!seq) return;  // disabled meanwhile: this write goes after it
  batch->claims.Add(&streams_, *seq);
  using Event = StoredRecord::Event;
  const Event event = !old_item ? Event::kInsert : !new_item ? Event::kRemove : Event::kModify;
  const model::StreamViewType view = table.stream->view_type;
  const bool with_new = new_item && (view == model::StreamViewType::kNewImage ||
                                     view == model::StreamViewType::kNewAndOldImages);
  const bool with_old = old_item && (view == model::StreamViewType::kOldImage ||
                                     view == model::StreamViewType::kNewAndOldImages);
  std::string old_bytes = with_old ? model::EncodeItem(*old_item) : std::string();
  const std::string keys = model::EncodeItem(ExtractKey(table.key, new_item ? *new_item : *old_item));
  const auto created_ms = static_cast<int64_t>(Now() * 1000);
  batch->rows.Put(RecordKey(table.stream->stream_no, *seq),
                  EncodeRecord(event, origin == Origin::kTimeToLive, created_ms, keys,
                               with_new ? std::optional<std::string_view>(encoded_new) : std::nullopt,
                               with_old ? std::optional<std::string_view>(old_bytes) : std::nullopt));
}

namespace {

// DynamoDB reports the size of the written item's collection (the items that
// share its partition key) only for tables with a local index, where a
// collection is limited to 10 GB. The estimate is a range in GB; we report
// DynamoDB's answer for a collection under 1 GB without measuring it.
std::optional<api::ItemCollectionMetrics> CollectionMetrics(
    const TableInfo& table, const Item& key, api::ReturnItemCollectionMetrics asked) {
  if (asked != api::ReturnItemCollectionMetrics::kSize) return std::nullopt;
  bool has_local_index = false;
  for (const auto& index : table.indexes) has_local_index = has_local_index || !index.global;
  auto partition = key.find(table.key.partition_key);
  if (!has_local_index || partition == key.end()) return std::nullopt;
  return api::ItemCollectionMetrics{{*partition}, {0.0, 1.0}};
}

}  // namespace

base::Result<api::WriteItemResponse> EmbeddedDynamoDb::WriteOneItem(
    const TableInfo& table_at_start, const Item& key, const ComputeNewItem& compute,
    const api::WriteOptions& options, const expr::UpdatedPaths* updated, WriteGroup* group,
    Origin origin) {
  const std::string row_key = TableRowKey(table_at_start, key);
  ItemLock lock(*this, row_key, group);
  // Under the lock, the table as it is now: an index added since the request
  // began must be maintained by this write (see Backfill).
  OT_ASSIGN_OR_RETURN(auto table, FindTable(table_at_start.name));
  if (table->id != table_at_start.id) return base::NotFoundError("Requested resource not found");
  OT_ASSIGN_OR_RETURN(std::optional<Item> old_item, ReadRow(row_key));
  OT_ASSIGN_OR_RETURN(std::optional<Item> new_item, compute(old_item));
  if (old_item || new_item) {
    ChangeBatch own;
    AppendItemChange(*table, row_key, old_item ? &*old_item : nullptr,
                     new_item ? &*new_item : nullptr, lock.batch(&own), origin);
    OT_RETURN_IF_ERROR(lock.Commit(own));
  }
  api::WriteItemResponse response;
  response.attributes = ReturnedAttributes(options.return_values, old_item, new_item, updated);
  response.consumed_capacity = WriteCapacity(*table, options.return_consumed_capacity,
                                             old_item, new_item);
  response.item_collection_metrics =
      CollectionMetrics(*table, key, options.return_item_collection_metrics);
  return response;
}

base::Result<api::PutItemResponse> EmbeddedDynamoDb::PutItem(const api::PutItemRequest& r) {
  return PutItem(r, nullptr);
}

base::Result<api::PutItemResponse> EmbeddedDynamoDb::PutItem(const api::PutItemRequest& r,
                                                     WriteGroup* group) {
  OT_ASSIGN_OR_RETURN(auto table, FindTableForItems(r.table_name));
  OT_RETURN_IF_ERROR(CheckReturnValues(r.options.return_values, /*allow_updated=*/false));
  OT_RETURN_IF_ERROR(model::ValidateItem(r.item));
  OT_RETURN_IF_ERROR(ValidateItemKeys(*table, r.item));
  if (model::ItemSize(r.item) > model::kMaxItemBytes) {
    return base::ValidationError("Item size has exceeded the maximum allowed size");
  }
  OT_ASSIGN_OR_RETURN(CompiledWrite compiled, CompilePut(r));
  auto compute = [&](const std::optional<Item>& old) -> base::Result<std::optional<Item>> {
    OT_RETURN_IF_ERROR(CheckCondition(compiled.condition.get(), old,
                                      r.options.return_values_on_condition_check_failure));
    return std::optional<Item>(r.item);
  };
  return WriteOneItem(*table, r.item, compute, r.options, nullptr, group);
}

base::Result<api::DeleteItemResponse> EmbeddedDynamoDb::DeleteItem(const api::DeleteItemRequest& r) {
  return DeleteItem(r, nullptr);
}

base::Result<api::DeleteItemResponse> EmbeddedDynamoDb::DeleteItem(const api::DeleteItemRequest& r,
                                                     WriteGroup* group) {
  OT_ASSIGN_OR_RETURN(auto table, FindTableForItems(r.table_name));
  OT_RETURN_IF_ERROR(CheckReturnValues(r.options.return_values, /*allow_updated=*/false));
  OT_RETURN_IF_ERROR(ValidateKey(*table, r.key));
  OT_ASSIGN_OR_RETURN(CompiledWrite compiled, CompileDelete(r));
  auto compute = [&](const std::optional<Item>& old) -> base::Result<std::optional<Item>> {
    OT_RETURN_IF_ERROR(CheckCondition(compiled.condition.get(), old,
                                      r.options.return_values_on_condition_check_failure));
    return std::optional<Item>();
  };
  return WriteOneItem(*table, r.key, compute, r.options, nullptr, group);
}

base::Result<api::UpdateItemResponse> EmbeddedDynamoDb::UpdateItem(const api::UpdateItemRequest& r) {
  return UpdateItem(r, nullptr);
}

base::Result<api::UpdateItemResponse> EmbeddedDynamoDb::UpdateItem(const api::UpdateItemRequest& r,
                                                     WriteGroup* group) {
  OT_ASSIGN_OR_RETURN(auto table, FindTableForItems(r.table_name));
  OT_RETURN_IF_ERROR(CheckReturnValues(r.options.return_values, /*allow_updated=*/true));
  OT_RETURN_IF_ERROR(ValidateKey(*table, r.key));
  OT_ASSIGN_OR_RETURN(CompiledWrite compiled, CompileUpdate(r));
  expr::UpdatedPaths written;
  if (compiled.update) {
    OT_RETURN_IF_ERROR(CheckKeyNotUpdated(*table, expr::TopLevelTargets(*compiled.update)));
    const api::ReturnValue returned = r.options.return_values;
    if (returned == api::ReturnValue::kUpdatedOld || returned == api::ReturnValue::kUpdatedNew) {
      written = expr::PathsWritten(*compiled.update);
    }
  }
  auto compute = [&](const std::optional<Item>& old) -> base::Result<std::optional<Item>> {
    OT_RETURN_IF_ERROR(CheckCondition(compiled.condition.get(), old,
                                      r.options.return_values_on_condition_check_failure));
    return ApplyUpdate(*table, compiled.update.get(), old, r.key);
  };
  return WriteOneItem(*table, r.key, compute, r.options, &written, group);
}

}  // namespace ordertrack::engine
