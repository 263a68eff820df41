// File: engine/internal/write_checks.h
// The steps of a write that need no storage: checking ReturnValues and
// conditions, applying an update and validating its result, choosing the
// attributes to return, and counting consumed capacity.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "api/dynamodb.h"
#include "engine/internal/table_info.h"
#include "expr/expression.h"

namespace ordertrack::engine {

// PutItem and DeleteItem allow NONE and ALL_OLD only.
base::Status CheckReturnValues(api::ReturnValue value, bool allow_updated);

// ConditionalCheckFailedException unless `condition` (null: none) holds for
// `old` (absent: an empty item). With ALL_OLD, the old item rides along as
// api::ConditionFailedItem.
base::Status CheckCondition(const expr::Condition* condition, const std::optional<model::Item>& old,
                            api::ReturnValuesOnConditionCheckFailure on_failure);

// Refuses an update that names a key attribute of the table.
base::Status CheckKeyNotUpdated(const TableInfo& table, const std::vector<std::string>& targets);

// The item `update` (null: none) makes of `old`, or of the bare `key` when
// there is no item; validated like a put.
base::Result<std::optional<model::Item>> ApplyUpdate(const TableInfo& table,
                                                     const expr::Update* update,
                                                     const std::optional<model::Item>& old,
                                                     const model::Item& key);

// What ReturnValues asks to return. `updated`: the paths an update wrote;
// UPDATED_OLD and UPDATED_NEW return only those, nested ones as fragments
// (`SET m.a = :v` returns {m: {a: ...}}), and no attributes when none is left.
std::optional<model::Item> ReturnedAttributes(api::ReturnValue value,
                                              const std::optional<model::Item>& old_item,
                                              const std::optional<model::Item>& new_item,
                                              const expr::UpdatedPaths* updated);

// Capacity units as DynamoDB counts them: a write 1 unit per started KB of
// the larger of the old and new item; a read 1 unit per started 4 KB, half
// for eventually consistent reads.
double WriteUnits(const std::optional<model::Item>& old_item,
                  const std::optional<model::Item>& new_item);
double ReadUnits(size_t bytes, bool consistent);
std::optional<api::ConsumedCapacity> Consumed(const std::string& table_name,
                                              api::ReturnConsumedCapacity mode, double read_units,
                                              double write_units);

// The write units that turning `old_item` into `new_item` costs the table and
// each of its indexes, by DynamoDB's rules for indexes: putting an entry and
// deleting one each cost the entry's units, so a changed index key costs
// both; an entry whose key stays costs its units when its projected
// attributes change and nothing otherwise; an index the item is in neither
// before nor after costs nothing.
struct WriteCost {
  double table = 0;
  std::map<std::string, double> global_indexes;  // only the indexes written
  std::map<std::string, double> local_indexes;

  double Total() const;
};
WriteCost ItemWriteCost(const TableInfo& table, const std::optional<model::Item>& old_item,
                        const std::optional<model::Item>& new_item);
// Adds `factor` times `cost` to `c`: its total, and with INDEXES (c.table
// set) its breakdown by table and index.
void AddWriteCost(const WriteCost& cost, double factor, api::ConsumedCapacity* c);
// Adds every figure of `from` to `to` (same table, same mode).
void AddConsumed(const api::ConsumedCapacity& from, api::ConsumedCapacity* to);
// A single-item write's ConsumedCapacity, or nullopt for NONE.
std::optional<api::ConsumedCapacity> WriteCapacity(const TableInfo& table,
                                                   api::ReturnConsumedCapacity mode,
                                                   const std::optional<model::Item>& old_item,
                                                   const std::optional<model::Item>& new_item);

}  // namespace ordertrack::engine
