// Batches and transactions of EmbeddedDynamoDb: BatchGetItem, BatchWriteItem,
// TransactWriteItems, TransactGetItems. A transaction locks all its items in
// stripe order, checks every condition, and commits all changes in one batch
// or none.
#include <algorithm>
#include <set>

#include "engine/embedded_dynamodb.h"
#include "engine/internal/request_compiler.h"
#include "engine/internal/write_checks.h"
#include "model/item_codec.h"
#include "model/limits.h"
#include "model/validation.h"

namespace ordertrack::engine {
namespace {

using model::Item;

base::Status TooMany(std::string_view field, size_t limit) {
  return model::ConstraintError("Value at '" + std::string(field) +
                                "' failed to satisfy constraint: Member must have length less "
                                "than or equal to " +
                                std::to_string(limit));
}

// An empty list or map where DynamoDB needs at least one member; `shown` is
// how DynamoDB echoes the value ("{}" for a map, "[]" for a list).
base::Status Empty(std::string_view field, std::string_view shown) {
  return model::ConstraintError("Value '" + std::string(shown) + "' at '" + std::string(field) +
                                "' failed to satisfy constraint: Member must have length greater "
                                "than or equal to 1");
}

// One operation of a transaction, validated and compiled before any lock.
struct TransactOp {
  std::shared_ptr<const TableInfo> table;
  Item key;
  std::string row_key;
  CompiledWrite compiled;
  const Item* put_item = nullptr;  // TransactPut
  bool is_delete = false;
  bool is_check = false;
  api::ReturnValuesOnConditionCheckFailure on_failure{};
};

std::string TransactionCanceledMessage(const std::vector<api::CancellationReason>& reasons) {
  std::string codes;
  for (const auto& r : reasons) codes += (codes.empty() ? "" : ", ") + r.code;
  return "Transaction cancelled, please refer cancellation reasons for specific reasons [" + codes +
         "]";
}

// The entry of `table` in a per-table list of ConsumedCapacity, added on
// first use: batches and transactions report one per table, in the order the
// tables first appear. REQUIRES: mode is not NONE.
api::ConsumedCapacity& EntryFor(std::vector<api::ConsumedCapacity>& entries,
                                const std::string& table, api::ReturnConsumedCapacity mode) {
  auto it = std::find_if(entries.begin(), entries.end(),
                         [&](const api::ConsumedCapacity& c) { return c.table_name == table; });
  if (it == entries.end()) it = entries.insert(entries.end(), *Consumed(table, mode, 0, 0));
  return *it;
}

// Transactions report their units as reads or as writes at every level.
void SplitTransactionUnits(bool reads, std::vector<api::ConsumedCapacity>& entries) {
  auto split = [reads](api::Capacity& c) {
    (reads ? c.read_capacity_units : c.write_capacity_units) = c.capacity_units;
  };
  for (auto& c : entries) {
    split(c.total);
    if (c.table) split(*c.table);
    for (auto& [name, index] : c.global_secondary_indexes) split(index);
    for (auto& [name, index] : c.local_secondary_indexes) split(index);
  }
}

// What a TransactGetItems, or a retried TransactWriteItems, reports: `units`
// per table, as reads.
std::vector<api::ConsumedCapacity> TransactionReadCapacity(api::ReturnConsumedCapacity mode,
                                                           const TableUnits& units) {
  std::vector<api::ConsumedCapacity> out;
  if (mode == api::ReturnConsumedCapacity::kNone) return out;
  for (const auto& [table, n] : units) {
    api::ConsumedCapacity& c = EntryFor(out, table, mode);
    c.total.capacity_units += n;
    if (c.table) c.table->capacity_units += n;
  }
  SplitTransactionUnits(/*reads=*/true, out);
  return out;
}

}  // namespace

base::Result<api::BatchGetItemResponse> EmbeddedDynamoDb::BatchGetItem(
    const api::BatchGetItemRequest& r) {
  size_t total = 0;
  for (const auto& [name, keys] : r.request_items) total += keys.keys.size();
  if (total > model::kMaxBatchGetKeys) {
    return base::ValidationError("Too many items requested for the BatchGetItem call");
  }
  if (r.request_items.empty()) return Empty("requestItems", "{}");
  struct Prepared {
    std::shared_ptr<const TableInfo> table;
    expr::ProjectionPtr projection;
  };
  std::map<std::string, Prepared> prepared;
  for (const auto& [name, request] : r.request_items) {
    if (request.keys.empty()) return Empty("requestItems." + name + ".member.keys", "[]");
  }
  for (const auto& [name, request] : r.request_items) {
    OT_ASSIGN_OR_RETURN(auto table, FindTableForItems(name));
    std::set<std::string> seen;
    for (const auto& key : request.keys) {
      OT_RETURN_IF_ERROR(ValidateKey(*table, key));
      if (!seen.insert(TableRowKey(*table, key)).second) {
        return base::ValidationError("Provided list of item keys contains duplicates");
      }
    }
    OT_ASSIGN_OR_RETURN(auto projection, CompileGetProjection(request.projection, request.expression));
    prepared[name] = {table, projection};
  }
  api::BatchGetItemResponse out;
  for (const auto& [name, request] : r.request_items) {
    const Prepared& p = prepared[name];
    auto& items = out.responses[name];
    double units = 0;
    for (size_t i = 0; i < request.keys.size(); ++i) {
      auto item = ReadRow(TableRowKey(*p.table, request.keys[i]));
      if (!item.ok()) {
        // What could not be read is handed back, never dropped.
        auto& unprocessed = out.unprocessed_keys[name];
        unprocessed = request;
        unprocessed.keys.assign(request.keys.begin() + static_cast<ptrdiff_t>(i), request.keys.end());
        break;
      }
      // Each key is charged as a GetItem of it would be, a miss included.
      units += ReadUnits(*item ? model::ItemSize(**item) : 0, request.consistent_read);
      if (!*item) continue;
      items.push_back(p.projection ? expr::Project(*p.projection, **item) : std::move(**item));
    }
    if (auto c = Consumed(name, r.return_consumed_capacity, units, 0)) out.consumed_capacity.push_back(*c);
  }
  return out;
}

base::Result<api::BatchWriteItemResponse> EmbeddedDynamoDb::BatchWriteItem(
    const api::BatchWriteItemRequest& r) {
  return BatchWriteItem(r, nullptr);
}

base::Result<api::BatchWriteItemResponse> EmbeddedDynamoDb::BatchWriteItem(
    const api::BatchWriteItemRequest& r, WriteGroup* group) {
  size_t total = 0;
  for (const auto& [name, writes] : r.request_items) total += writes.size();
  if (r.request_items.empty()) return Empty("requestItems", "{}");
  for (const auto& [name, writes] : r.request_items) {
    if (writes.empty()) {
      return model::ConstraintError("Value '{" + name +
                                    "=[]}' at 'requestItems' failed to satisfy constraint: " +
                                    model::BatchWriteListConstraint());
    }
  }
  if (total > model::kMaxBatchWriteItems) {
    return TooMany("requestItems", model::kMaxBatchWriteItems);
  }
  // Everything is validated before anything is written.
  for (const auto& [name, writes] : r.request_items) {
    OT_ASSIGN_OR_RETURN(auto table, FindTableForItems(name));
    std::set<std::string> seen;
    for (const auto& w : writes) {
      if (w.put_item.has_value() == w.delete_key.has_value()) {
        return base::ValidationError(
            "Supplied AttributeValue has more than one datatypes set, must contain exactly one of "
            "the supported datatypes");
      }
      const Item& item = w.put_item ? *w.put_item : *w.delete_key;
      if (w.put_item) {
        OT_RETURN_IF_ERROR(model::ValidateItem(item));
        OT_RETURN_IF_ERROR(ValidateItemKeys(*table, item));
        if (model::ItemSize(item) > model::kMaxItemBytes) {
          return base::ValidationError("Item size has exceeded the maximum allowed size");
        }
      } else {
        OT_RETURN_IF_ERROR(ValidateKey(*table, item));
      }
      if (!seen.insert(TableRowKey(*table, item)).second) {
        return base::ValidationError("Provided list of item keys contains duplicates");
      }
    }
  }
  api::BatchWriteItemResponse out;
  const api::ReturnConsumedCapacity mode = r.return_consumed_capacity;
  for (const auto& [name, writes] : r.request_items) {
    OT_ASSIGN_OR_RETURN(auto table, FindTableForItems(name));
    std::optional<api::ConsumedCapacity> consumed = Consumed(name, mode, 0, 0);
    api::WriteOptions options;
    options.return_consumed_capacity = mode;
    for (size_t i = 0; i < writes.size(); ++i) {
      const auto& w = writes[i];
      auto compute = [&](const std::optional<Item>&) -> base::Result<std::optional<Item>> {
        return w.put_item;
      };
      auto written = WriteOneItem(*table, w.put_item ? *w.put_item : *w.delete_key, compute,
                                  options, nullptr, group);
      if (!written.ok()) {
        auto& unprocessed = out.unprocessed_items[name];
        unprocessed.assign(writes.begin() + static_cast<ptrdiff_t>(i), writes.end());
        break;
      }
      if (consumed) AddConsumed(*written->consumed_capacity, &*consumed);
    }
    if (consumed) out.consumed_capacity.push_back(std::move(*consumed));
  }
  return out;
}

base::Result<api::TransactWriteItemsResponse> EmbeddedDynamoDb::TransactWriteItems(
    const api::TransactWriteItemsRequest& r) {
  if (r.transact_items.empty()) return Empty("transactItems", "[]");
  if (r.transact_items.size() > model::kMaxTransactionItems) {
    return TooMany("transactItems", model::kMaxTransactionItems);
  }
  if (r.client_request_token) {
    if (r.client_request_token->empty()) return Empty("clientRequestToken", "");
    if (r.client_request_token->size() > model::kMaxClientRequestTokenLength) {
      return model::ConstraintError(
          "Value at 'clientRequestToken' failed to satisfy constraint: Member must have length "
          "less than or equal to " +
          std::to_string(model::kMaxClientRequestTokenLength));
    }
    TableUnits consumed;
    OT_ASSIGN_OR_RETURN(auto seen,
                        transaction_tokens_.Check(*r.client_request_token, r, Now(), &consumed));
    if (seen == IdempotencyTokens::Seen::kRepeat) {
      // A retry applies nothing and reports the first call's units as read
      // units (docs/compatibility.md).
      api::TransactWriteItemsResponse out;
      out.consumed_capacity = TransactionReadCapacity(r.return_consumed_capacity, consumed);
      return out;
    }
  }
  std::vector<TransactOp> ops;
  std::set<std::string> seen;
  for (const auto& item : r.transact_items) {
    TransactOp op;
    base::Status prepared = std::visit(
        [&](const auto& w) -> base::Status {
          using T = std::decay_t<decltype(w)>;
          OT_ASSIGN_OR_RETURN(op.table, FindTableForItems(w.table_name));
          op.on_failure = w.return_values_on_condition_check_failure;
          if constexpr (std::is_same_v<T, api::TransactPut>) {
            OT_RETURN_IF_ERROR(model::ValidateItem(w.item));
            OT_RETURN_IF_ERROR(ValidateItemKeys(*op.table, w.item));
            if (model::ItemSize(w.item) > model::kMaxItemBytes) {
              return base::ValidationError("Item size has exceeded the maximum allowed size");
            }
            op.key = ExtractKey(op.table->key, w.item);
            op.put_item = &w.item;
            OT_ASSIGN_OR_RETURN(op.compiled, CompileTransactItem(w.condition_expression,
                                                                 std::nullopt, w.expression));
          } else {
            OT_RETURN_IF_ERROR(ValidateKey(*op.table, w.key));
            op.key = w.key;
            if constexpr (std::is_same_v<T, api::TransactConditionCheck>) {
              op.is_check = true;
              OT_ASSIGN_OR_RETURN(op.compiled, CompileTransactItem(w.condition_expression,
                                                                   std::nullopt, w.expression));
            } else if constexpr (std::is_same_v<T, api::TransactDelete>) {
              op.is_delete = true;
              OT_ASSIGN_OR_RETURN(op.compiled, CompileTransactItem(w.condition_expression,
                                                                   std::nullopt, w.expression));
            } else {
              OT_ASSIGN_OR_RETURN(op.compiled, CompileTransactItem(w.condition_expression,
                                                                   w.update_expression, w.expression));
              OT_RETURN_IF_ERROR(
                  CheckKeyNotUpdated(*op.table, expr::TopLevelTargets(*op.compiled.update)));
            }
          }
          return base::Status();
        },
        item);
    OT_RETURN_IF_ERROR(prepared);
    op.row_key = TableRowKey(*op.table, op.key);
    if (!seen.insert(op.row_key).second) {
      return base::ValidationError(
          "Transaction request cannot include multiple operations on one item");
    }
    ops.push_back(std::move(op));
  }

  std::vector<std::string_view> keys;
  for (const auto& op : ops) keys.push_back(op.row_key);
  KeyLocks::Guard guard(locks_, keys);
  std::vector<api::CancellationReason> reasons(ops.size(), {"None", "", std::nullopt});
  std::vector<std::optional<Item>> olds(ops.size()), news(ops.size());
  bool cancelled = false;
  for (size_t i = 0; i < ops.size(); ++i) {
    TransactOp& op = ops[i];
    OT_ASSIGN_OR_RETURN(auto table, FindTableForItems(op.table->name));
    if (table->id != op.table->id) return base::NotFoundError("Requested resource not found");
    op.table = table;
    OT_ASSIGN_OR_RETURN(olds[i], ReadRow(op.row_key));
    base::Status check = CheckCondition(op.compiled.condition.get(), olds[i], op.on_failure);
    if (!check.ok()) {
      cancelled = true;
      reasons[i] = {"ConditionalCheckFailed", "The conditional request failed", std::nullopt};
      if (auto* failed = dynamic_cast<const api::ConditionFailedItem*>(check.details())) {
        reasons[i].item = failed->item;
      }
      continue;
    }
    if (op.is_check || op.is_delete) {
      news[i] = op.is_check ? olds[i] : std::nullopt;
    } else if (op.put_item) {
      news[i] = *op.put_item;
    } else {
      auto updated = ApplyUpdate(*table, op.compiled.update.get(), olds[i], op.key);
      if (!updated.ok()) {
        cancelled = true;
        reasons[i] = {"ValidationError", updated.status().message(), std::nullopt};
        continue;
      }
      news[i] = std::move(updated).value();
    }
  }
  if (cancelled) {
    auto details = std::make_shared<api::CancellationReasons>();
    details->reasons = reasons;
    return base::Status(base::ErrorCode::kTransactionCanceled, TransactionCanceledMessage(reasons),
                        std::move(details));
  }
  ChangeBatch batch;
  api::TransactWriteItemsResponse out;
  TableUnits units;  // remembered with the client token
  const api::ReturnConsumedCapacity mode = r.return_consumed_capacity;
  for (size_t i = 0; i < ops.size(); ++i) {
    if (mode != api::ReturnConsumedCapacity::kNone || r.client_request_token) {
      // Every item costs twice a plain write, as DynamoDB bills transactions:
      // a condition check and a delete of a missing item included.
      const WriteCost cost = ItemWriteCost(*ops[i].table, olds[i], news[i]);
      units.emplace_back(ops[i].table->name, 2 * cost.Total());
      if (mode != api::ReturnConsumedCapacity::kNone) {
        AddWriteCost(cost, 2, &EntryFor(out.consumed_capacity, ops[i].table->name, mode));
      }
    }
    if (ops[i].is_check || (!olds[i] && !news[i])) continue;
    AppendItemChange(*ops[i].table, ops[i].row_key, olds[i] ? &*olds[i] : nullptr,
                     news[i] ? &*news[i] : nullptr, &batch);
  }
  OT_RETURN_IF_ERROR(store_->Write(batch.rows));
  batch.claims.Settle();
  SplitTransactionUnits(/*reads=*/false, out.consumed_capacity);
  if (r.client_request_token) {
    transaction_tokens_.Remember(*r.client_request_token, r, Now(), std::move(units));
  }
  return out;
}

base::Result<api::TransactGetItemsResponse> EmbeddedDynamoDb::TransactGetItems(
    const api::TransactGetItemsRequest& r) {
  if (r.transact_items.empty()) return Empty("transactItems", "[]");
  if (r.transact_items.size() > model::kMaxTransactionItems) {
    return TooMany("transactItems", model::kMaxTransactionItems);
  }
  std::vector<std::shared_ptr<const TableInfo>> tables;
  std::vector<expr::ProjectionPtr> projections;
  std::vector<std::string> row_keys;
  for (const auto& get : r.transact_items) {
    OT_ASSIGN_OR_RETURN(auto table, FindTableForItems(get.table_name));
    OT_RETURN_IF_ERROR(ValidateKey(*table, get.key));
    api::ReadProjection projection{get.projection_expression, std::nullopt};
    api::ExpressionParams names{get.expression_attribute_names, std::nullopt};
    OT_ASSIGN_OR_RETURN(auto compiled, CompileGetProjection(projection, names));
    row_keys.push_back(TableRowKey(*table, get.key));
    tables.push_back(std::move(table));
    projections.push_back(std::move(compiled));
  }
  // Holding every item's lock makes the reads one consistent snapshot.
  std::vector<std::string_view> keys(row_keys.begin(), row_keys.end());
  KeyLocks::Guard guard(locks_, keys);
  api::TransactGetItemsResponse out;
  TableUnits units;
  for (size_t i = 0; i < tables.size(); ++i) {
    OT_ASSIGN_OR_RETURN(auto item, ReadRow(row_keys[i]));
    // Twice a consistent read of the whole item, a miss included.
    units.emplace_back(tables[i]->name, 2 * ReadUnits(item ? model::ItemSize(*item) : 0, true));
    if (item && projections[i]) item = expr::Project(*projections[i], *item);
    out.responses.push_back(std::move(item));
  }
  out.consumed_capacity = TransactionReadCapacity(r.return_consumed_capacity, units);
  return out;
}

}  // namespace ordertrack::engine
