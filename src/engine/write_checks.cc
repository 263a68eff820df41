#include "engine/internal/write_checks.h"

#include <cmath>

#include "expr/ast.h"
#include "model/limits.h"
#include "model/validation.h"

namespace ordertrack::engine {

using model::Item;

base::Status CheckReturnValues(api::ReturnValue value, bool allow_updated) {
  if (!allow_updated && value != api::ReturnValue::kNone && value != api::ReturnValue::kAllOld) {
    return base::ValidationError("Return values set to invalid value");
  }
  return base::Status();
}

base::Status CheckCondition(const expr::Condition* condition, const std::optional<Item>& old,
                            api::ReturnValuesOnConditionCheckFailure on_failure) {
  static const Item kNoItem;
  if (condition == nullptr || expr::Evaluate(*condition, old ? *old : kNoItem)) {
    return base::Status();
  }
  std::shared_ptr<const base::StatusDetails> details;
  if (on_failure == api::ReturnValuesOnConditionCheckFailure::kAllOld && old) {
    auto failed = std::make_shared<api::ConditionFailedItem>();
    failed->item = *old;
    details = std::move(failed);
  }
  return base::Status(base::ErrorCode::kConditionalCheckFailed, "The conditional request failed",
                      std::move(details));
}

base::Status CheckKeyNotUpdated(const TableInfo& table, const std::vector<std::string>& targets) {
  for (const auto& name : targets) {
    if (name == table.key.partition_key || (table.key.sort_key && name == *table.key.sort_key)) {
      return model::InvalidParameterError("Cannot update attribute " + name +
                                          ". This attribute is part of the key");
    }
  }
  return base::Status();
}

base::Result<std::optional<Item>> ApplyUpdate(const TableInfo& table, const expr::Update* update,
                                              const std::optional<Item>& old, const Item& key) {
  Item item = old ? *old : key;
  if (update) OT_RETURN_IF_ERROR(expr::Apply(*update, &item));
  OT_RETURN_IF_ERROR(model::ValidateItem(item));
  OT_RETURN_IF_ERROR(ValidateItemKeys(table, item));
  if (model::ItemSize(item) > model::kMaxItemBytes) {
    return base::ValidationError("Item size to update has exceeded the maximum allowed size");
  }
  return std::optional<Item>(std::move(item));
}

std::optional<Item> ReturnedAttributes(api::ReturnValue value, const std::optional<Item>& old_item,
                                       const std::optional<Item>& new_item,
                                       const expr::UpdatedPaths* updated) {
  auto pick = [&](const std::optional<Item>& from,
                  const expr::Projection& paths) -> std::optional<Item> {
    if (!from) return std::nullopt;
    Item out = expr::Project(paths, *from);
    if (out.empty()) return std::nullopt;
    return out;
  };
  switch (value) {
    case api::ReturnValue::kNone:
      return std::nullopt;
    case api::ReturnValue::kAllOld:
      return old_item;
    case api::ReturnValue::kAllNew:
      return new_item;
    case api::ReturnValue::kUpdatedOld:
      return updated ? pick(old_item, updated->before) : std::nullopt;
    case api::ReturnValue::kUpdatedNew:
      return updated ? pick(new_item, updated->after) : std::nullopt;
  }
  return std::nullopt;
}

double WriteUnits(const std::optional<Item>& old_item, const std::optional<Item>& new_item) {
  size_t bytes = std::max(old_item ? model::ItemSize(*old_item) : 0,
                          new_item ? model::ItemSize(*new_item) : 0);
  return std::max(1.0, std::ceil(static_cast<double>(bytes) / 1024));
}

double ReadUnits(size_t bytes, bool consistent) {
  double units = std::max(1.0, std::ceil(static_cast<double>(bytes) / 4096));
  return consistent ? units : units / 2;
}

std::optional<api::ConsumedCapacity> Consumed(const std::string& table_name,
                                              api::ReturnConsumedCapacity mode, double read_units,
                                              double write_units) {
  if (mode == api::ReturnConsumedCapacity::kNone) return std::nullopt;
  api::ConsumedCapacity c;
  c.table_name = table_name;
  // Single-item operations, Query and Scan report CapacityUnits alone; the
  // read/write split is reported by transactions (see batches.cc).
  c.total = {read_units + write_units, 0, 0};
  if (mode == api::ReturnConsumedCapacity::kIndexes) c.table = c.total;
  return c;
}

WriteCost ItemWriteCost(const TableInfo& table, const std::optional<Item>& old_item,
                        const std::optional<Item>& new_item) {
  WriteCost cost;
  cost.table = WriteUnits(old_item, new_item);
  for (const auto& index : table.indexes) {
    auto old_key = old_item ? IndexEntryKey(table, index, *old_item) : std::nullopt;
    auto new_key = new_item ? IndexEntryKey(table, index, *new_item) : std::nullopt;
    if (!old_key && !new_key) continue;
    std::optional<Item> before, after;
    if (old_key) before = ProjectForIndex(table, index, *old_item);
    if (new_key) after = ProjectForIndex(table, index, *new_item);
    double units = 0;
    if (old_key == new_key) {
      if (*before == *after) continue;
      units = WriteUnits(std::nullopt, after);
    } else {
      if (before) units += WriteUnits(before, std::nullopt);
      if (after) units += WriteUnits(std::nullopt, after);
    }
    (index.global ? cost.global_indexes : cost.local_indexes)[index.name] = units;
  }
  return cost;
}

double WriteCost::Total() const {
  double total = table;
  for (const auto& [name, units] : global_indexes) total += units;
  for (const auto& [name, units] : local_indexes) total += units;
  return total;
}

void AddWriteCost(const WriteCost& cost, double factor, api::ConsumedCapacity* c) {
  c->total.capacity_units += factor * cost.Total();
  if (!c->table) return;
  c->table->capacity_units += factor * cost.table;
  for (const auto& [name, units] : cost.global_indexes) {
    c->global_secondary_indexes[name].capacity_units += factor * units;
  }
  for (const auto& [name, units] : cost.local_indexes) {
    c->local_secondary_indexes[name].capacity_units += factor * units;
  }
}

void AddConsumed(const api::ConsumedCapacity& from, api::ConsumedCapacity* to) {
  auto add = [](const api::Capacity& a, api::Capacity* b) {
    b->capacity_units += a.capacity_units;
    b->read_capacity_units += a.read_capacity_units;
    b->write_capacity_units += a.write_capacity_units;
  };
  add(from.total, &to->total);
  if (from.table && to->table) add(*from.table, &*to->table);
  for (const auto& [name, c] : from.global_secondary_indexes) add(c, &to->global_secondary_indexes[name]);
  for (const auto& [name, c] : from.local_secondary_indexes) add(c, &to->local_secondary_indexes[name]);
}

std::optional<api::ConsumedCapacity> WriteCapacity(const TableInfo& table,
                                                   api::ReturnConsumedCapacity mode,
                                                   const std::optional<Item>& old_item,
                                                   const std::optional<Item>& new_item) {
  auto c = Consumed(table.name, mode, 0, 0);
  if (c) AddWriteCost(ItemWriteCost(table, old_item, new_item), 1, &*c);
  return c;
}

}  // namespace ordertrack::engine
