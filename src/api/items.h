// File: api/items.h
// Requests and responses of the single-item operations: PutItem, GetItem,
// UpdateItem, DeleteItem.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "api/common.h"

namespace ordertrack::api {

struct WriteOptions {
  ReturnValue return_values = ReturnValue::kNone;
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
  ReturnItemCollectionMetrics return_item_collection_metrics = ReturnItemCollectionMetrics::kNone;
  ReturnValuesOnConditionCheckFailure return_values_on_condition_check_failure =
      ReturnValuesOnConditionCheckFailure::kNone;
  bool operator==(const WriteOptions&) const = default;
};

struct PutItemRequest {
  std::string table_name;
  Item item;
  ConditionParams condition;
  ExpressionParams expression;
  WriteOptions options;
  bool operator==(const PutItemRequest&) const = default;
};

struct UpdateItemRequest {
  std::string table_name;
  Item key;
  std::optional<std::string> update_expression;
  std::optional<model::AttributeUpdates> attribute_updates;
  ConditionParams condition;
  ExpressionParams expression;
  WriteOptions options;
  bool operator==(const UpdateItemRequest&) const = default;
};

struct DeleteItemRequest {
  std::string table_name;
  Item key;
  ConditionParams condition;
  ExpressionParams expression;
  WriteOptions options;
  bool operator==(const DeleteItemRequest&) const = default;
};

// The answer of PutItem, UpdateItem and DeleteItem.
struct WriteItemResponse {
  std::optional<Item> attributes;  // as ReturnValues asked
  std::optional<ConsumedCapacity> consumed_capacity;
  std::optional<ItemCollectionMetrics> item_collection_metrics;
  bool operator==(const WriteItemResponse&) const = default;
};
using PutItemResponse = WriteItemResponse;
using UpdateItemResponse = WriteItemResponse;
using DeleteItemResponse = WriteItemResponse;

// Which attributes a read returns: a projection expression or the legacy list.
struct ReadProjection {
  std::optional<std::string> projection_expression;
  std::optional<std::vector<std::string>> attributes_to_get;
  bool operator==(const ReadProjection&) const = default;
};

struct GetItemRequest {
  std::string table_name;
  Item key;
  bool consistent_read = false;
  ReadProjection projection;
  ExpressionParams expression;  // names only: GetItem has no values
  ReturnConsumedCapacity return_consumed_capacity = ReturnConsumedCapacity::kNone;
  bool operator==(const GetItemRequest&) const = default;
};

struct GetItemResponse {
  std::optional<Item> item;  // absent when no item has the key
  std::optional<ConsumedCapacity> consumed_capacity;
  bool operator==(const GetItemResponse&) const = default;
};

}  // namespace ordertrack::api
