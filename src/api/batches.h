// File: api/batches.h
// Requests and responses of BatchGetItem, BatchWriteItem, TransactWriteItems
// and TransactGetItems.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "api/common.h"
#include "api/items.h"
#include "base/status.h"

namespace ordertrack::api {

struct KeysAndAttributes {
  std::vector<Item> keys;
  ReadProjection projection;
  ExpressionParams expression;
  bool consistent_read = false;
  bool operator==(const KeysAndAttributes&) const = default;
};

struct BatchGetItemRequest {
  std::map<std::string, KeysAndAttributes> request_items;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
  bool operator==(const BatchGetItemRequest&) const = default;
};
struct BatchGetItemResponse {
  std::map<std::string, std::vector<Item>> responses;
  std::map<std::string, KeysAndAttributes> unprocessed_keys;  // never silently dropped
  std::vector<ConsumedCapacity> consumed_capacity;
  bool operator==(const BatchGetItemResponse&) const = default;
};

// Exactly one of put_item (an item) or delete_key (a key).
struct WriteRequest {
  std::optional<Item> put_item;
  std::optional<Item> delete_key;
  bool operator==(const WriteRequest&) const = default;
};

struct BatchWriteItemRequest {
  std::map<std::string, std::vector<WriteRequest>> request_items;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
  ReturnItemCollectionMetrics return_item_collection_metrics = ReturnItemCollectionMetrics::kNone;
  bool operator==(const BatchWriteItemRequest&) const = default;
};
struct BatchWriteItemResponse {
  std::map<std::string, std::vector<WriteRequest>> unprocessed_items;
  std::vector<ConsumedCapacity> consumed_capacity;
  bool operator==(const BatchWriteItemResponse&) const = default;
};

struct TransactConditionCheck {
  std::string table_name;
  Item key;
  std::string condition_expression;
  ExpressionParams expression;
  ReturnValuesOnConditionCheckFailure return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::kNone;
  bool operator==(const TransactConditionCheck&) const = default;
};
struct TransactPut {
  std::string table_name;
  Item item;
  std::optional<std::string> condition_expression;
  ExpressionParams expression;
  ReturnValuesOnConditionCheckFailure return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::kNone;
  bool operator==(const TransactPut&) const = default;
};
struct TransactDelete {
  std::string table_name;
  Item key;
  std::optional<std::string> condition_expression;
  ExpressionParams expression;
  ReturnValuesOnConditionCheckFailure return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::kNone;
  bool operator==(const TransactDelete&) const = default;
};
struct TransactUpdate {
  std::string table_name;
  Item key;
  std::string update_expression;
  std::optional<std::string> condition_expression;
  ExpressionParams expression;
  ReturnValuesOnConditionCheckFailure return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::kNone;
  bool operator==(const TransactUpdate&) const = default;
};
using TransactWriteItem =
    std::variant<TransactConditionCheck, TransactPut, TransactDelete, TransactUpdate>;

struct TransactWriteItemsRequest {
  std::vector<TransactWriteItem> transact_items;
  std::optional<std::string> client_request_token;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
  ReturnItemCollectionMetrics return_item_collection_metrics = ReturnItemCollectionMetrics::kNone;
  bool operator==(const TransactWriteItemsRequest&) const = default;
};
struct TransactWriteItemsResponse {
  std::vector<ConsumedCapacity> consumed_capacity;
  bool operator==(const TransactWriteItemsResponse&) const = default;
};

struct TransactGet {
  std::string table_name;
  Item key;
  std::optional<std::string> projection_expression;
  std::optional<model::ExpressionAttributeNames> expression_attribute_names;
  bool operator==(const TransactGet&) const = default;
};
struct TransactGetItemsRequest {
  std::vector<TransactGet> transact_items;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
  bool operator==(const TransactGetItemsRequest&) const = default;
};
struct TransactGetItemsResponse {
  std::vector<std::optional<Item>> responses;  // one per request, in order
  std::vector<ConsumedCapacity> consumed_capacity;
  bool operator==(const TransactGetItemsResponse&) const = default;
};

// Why each item of a cancelled transaction failed (or "None"), carried as the
// details of a TransactionCanceledException.
struct CancellationReason {
  std::string code;  // "None", "ConditionalCheckFailed", "ValidationError", ...
  std::string message;
  std::optional<Item> item;  // with ReturnValuesOnConditionCheckFailure ALL_OLD
  bool operator==(const CancellationReason&) const = default;
};
struct CancellationReasons : base::StatusDetails {
  std::vector<CancellationReason> reasons;
};

// Details of a ConditionalCheckFailedException when the request asked for the
// item with ReturnValuesOnConditionCheckFailure ALL_OLD.
struct ConditionFailedItem : base::StatusDetails {
  Item item;
};

}  // namespace ordertrack::api
