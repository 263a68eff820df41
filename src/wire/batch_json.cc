// BatchGetItem, BatchWriteItem, TransactWriteItems and TransactGetItems.
#include "model/limits.h"
#include "model/table_name.h"
#include "model/validation.h"
#include "wire/codec.h"
#include "wire/internal/common_json.h"

namespace ordertrack::wire {

using namespace internal;  // NOLINT: the codec's own helpers

namespace {

constexpr std::string_view kKeysAndAttributesClass =
    "com.amazonaws.dynamodb.v20120810.KeysAndAttributes";
constexpr std::string_view kWriteRequestListClass =
    "java.util.List<com.amazonaws.dynamodb.v20120810.WriteRequest>";

// ---- RequestItems' own constraints ---------------------------------------------------

// How DynamoDB's constraint messages show a RequestItems map: its table names,
// each with its value, which we abbreviate ("{orders=[...], games=[]}").
std::string EchoRequestItems(const Json& map) {
  std::string echo = "{";
  for (auto m = map.MemberBegin(); m != map.MemberEnd(); ++m) {
    if (echo.size() > 1) echo.append(", ");
    echo.append(View(m->name)).append("=");
    if (!m->value.IsArray()) {
      echo.append("{...}");
    } else {
      echo.append(m->value.Empty() ? "[]" : "[...]");
    }
  }
  return echo.append("}");
}

// The table names are checked as the map's keys: one constraint for the whole
// map that lists every rule of a table name, whichever one failed.
void CheckRequestItemsTableNames(Decoder& d, const Json& map) {
  for (auto m = map.MemberBegin(); m != map.MemberEnd(); ++m) {
    if (model::TableNameViolations(View(m->name)).empty()) continue;
    d.Constraint("Value '" + EchoRequestItems(map) +
                 "' at 'requestItems' failed to satisfy constraint: Map keys must satisfy "
                 "constraint: " +
                 model::TableNameRules());
    return;
  }
}

// BatchWriteItem's lists of writes, each of 1 to 25.
void CheckWriteListLengths(Decoder& d, const Json& map) {
  for (auto m = map.MemberBegin(); m != map.MemberEnd(); ++m) {
    if (!m->value.IsArray()) continue;
    size_t n = m->value.Size();
    if (n >= 1 && n <= model::kMaxBatchWriteItems) continue;
    d.Constraint(
        "Value '" + EchoRequestItems(map) +
        "' at 'requestItems' failed to satisfy constraint: " + model::BatchWriteListConstraint());
    return;
  }
}

// ---- KeysAndAttributes (BatchGetItem's RequestItems and UnprocessedKeys) ----------

base::Status DecodeKeysAndAttributesMap(Decoder& d, const Json& v, std::string_view path,
                                        std::map<std::string, api::KeysAndAttributes>* out) {
  OT_RETURN_IF_ERROR(ExpectMap(v, kKeysAndAttributesClass));
  for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
    if (m->value.IsNull()) continue;
    const Json& e = m->value;
    OT_RETURN_IF_ERROR(ExpectObject(e, Slot::kElement, "KeysAndAttributes"));
    api::KeysAndAttributes& entry = (*out)[std::string(View(m->name))];
    const Json* keys = Find(e, "Keys");
    if (keys == nullptr) {
      d.Missing(std::string(path) + "." + std::string(View(m->name)) + ".member.keys");
    } else {
      OT_RETURN_IF_ERROR(ExpectList(*keys));
      entry.keys.resize(keys->Size());
      size_t i = 0;
      for (const Json& key : keys->GetArray()) OT_RETURN_IF_ERROR(DecodeItem(d, key, &entry.keys[i++]));
    }
    OT_RETURN_IF_ERROR(DecodeReadProjection(e, &entry.projection));
    OT_RETURN_IF_ERROR(DecodeExpressionParams(d, e, &entry.expression));
    OT_RETURN_IF_ERROR(GetBool(e, "ConsistentRead", &entry.consistent_read));
  }
  return base::Status();
}

void WriteKeysAndAttributesMap(JsonWriter& w, std::string_view name,
                               const std::map<std::string, api::KeysAndAttributes>& map) {
  w.Name(name);
  w.StartObject();
  for (const auto& [table, entry] : map) {
    w.Name(table);
    w.StartObject();
    w.Name("Keys");
    w.StartArray();
    for (const auto& key : entry.keys) WriteItem(w, key);
    w.EndArray();
    WriteReadProjection(w, entry.projection);
    WriteExpressionParams(w, entry.expression);
    if (entry.consistent_read) {
      w.Name("ConsistentRead");
      w.Bool(true);
    }
    w.EndObject();
  }
  w.EndObject();
}

// ---- WriteRequest maps (BatchWriteItem's RequestItems and UnprocessedItems) ---------

base::Status DecodeWriteRequestMap(Decoder& d, const Json& v, std::string_view path,
                                   std::map<std::string, std::vector<api::WriteRequest>>* out) {
  OT_RETURN_IF_ERROR(ExpectMap(v, kWriteRequestListClass));
  for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
    if (m->value.IsNull()) continue;
    OT_RETURN_IF_ERROR(ExpectList(m->value));
    auto& list = (*out)[std::string(View(m->name))];
    list.resize(m->value.Size());
    size_t i = 0;
    const std::string list_path = std::string(path) + "." + std::string(View(m->name)) + ".member";
    for (const Json& e : m->value.GetArray()) {
      OT_RETURN_IF_ERROR(ExpectObject(e, Slot::kElement, "WriteRequest"));
      const std::string element_path = ElementPath(list_path, i);
      api::WriteRequest& request = list[i++];
      // In the order DynamoDB reports their missing members.
      if (const Json* del = Find(e, "DeleteRequest")) {
        OT_RETURN_IF_ERROR(ExpectObject(*del, Slot::kField, "DeleteRequest"));
        OT_RETURN_IF_ERROR(GetItem(d, *del, "Key", element_path + ".deleteRequest.key", true,
                                   &request.delete_key.emplace()));
      }
      if (const Json* put = Find(e, "PutRequest")) {
        OT_RETURN_IF_ERROR(ExpectObject(*put, Slot::kField, "PutRequest"));
        OT_RETURN_IF_ERROR(GetItem(d, *put, "Item", element_path + ".putRequest.item", true,
                                   &request.put_item.emplace()));
      }
    }
  }
  return base::Status();
}

void WriteWriteRequestMap(JsonWriter& w, std::string_view name,
                          const std::map<std::string, std::vector<api::WriteRequest>>& map) {
  w.Name(name);
  w.StartObject();
  for (const auto& [table, list] : map) {
    w.Name(table);
    w.StartArray();
    for (const auto& request : list) {
      w.StartObject();
      if (request.put_item) {
        w.Name("PutRequest");
        w.StartObject();
        w.Name("Item");
        WriteItem(w, *request.put_item);
        w.EndObject();
      }
      if (request.delete_key) {
        w.Name("DeleteRequest");
        w.StartObject();
        w.Name("Key");
        WriteItem(w, *request.delete_key);
        w.EndObject();
      }
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
}

// ---- TransactWriteItems ------------------------------------------------------------

// The members every transact write action has: TableName, the key or item,
// ConditionExpression, expression names and values, and
// ReturnValuesOnConditionCheckFailure. `path` is "transactItems.<n>.member.<action>".
template <typename Action>
base::Status DecodeTransactAction(Decoder& d, const Json& v, const std::string& path,
                                  std::string_view key_member, std::string_view key_path,
                                  Action* out, model::Item* key) {
  OT_RETURN_IF_ERROR(GetTableName(d, v, "TableName", path + ".tableName", &out->table_name));
  OT_RETURN_IF_ERROR(GetItem(d, v, key_member, path + "." + std::string(key_path), true, key));
  OT_RETURN_IF_ERROR(DecodeExpressionParams(d, v, &out->expression));
  return GetEnum(d, v, "ReturnValuesOnConditionCheckFailure",
                 path + ".returnValuesOnConditionCheckFailure",
                 kReturnValuesOnConditionCheckFailure,
                 &out->return_values_on_condition_check_failure);
}

template <typename Action>
void WriteTransactAction(JsonWriter& w, const Action& a, std::string_view key_member,
                         const model::Item& key) {
  w.NameStr("TableName", a.table_name);
  w.Name(key_member);
  WriteItem(w, key);
  WriteExpressionParams(w, a.expression);
  if (a.return_values_on_condition_check_failure !=
      api::ReturnValuesOnConditionCheckFailure::kNone) {
    WriteEnum(w, "ReturnValuesOnConditionCheckFailure", kReturnValuesOnConditionCheckFailure,
              a.return_values_on_condition_check_failure);
  }
}

base::Status DecodeTransactWriteItem(Decoder& d, const Json& e, const std::string& path,
                                     api::TransactWriteItem* out) {
  OT_RETURN_IF_ERROR(ExpectObject(e, Slot::kElement, "TransactWriteItem"));
  int actions = 0;
  if (const Json* v = Find(e, "ConditionCheck")) {
    ++actions;
    OT_RETURN_IF_ERROR(ExpectObject(*v, Slot::kField, "ConditionCheck"));
    auto& a = out->emplace<api::TransactConditionCheck>();
    std::string p = path + ".conditionCheck";
    OT_RETURN_IF_ERROR(DecodeTransactAction(d, *v, p, "Key", "key", &a, &a.key));
    OT_RETURN_IF_ERROR(GetRequiredString(d, *v, "ConditionExpression", p + ".conditionExpression",
                                         &a.condition_expression));
  }
  if (const Json* v = Find(e, "Put")) {
    ++actions;
    OT_RETURN_IF_ERROR(ExpectObject(*v, Slot::kField, "Put"));
    api::TransactPut a;
    OT_RETURN_IF_ERROR(DecodeTransactAction(d, *v, path + ".put", "Item", "item", &a, &a.item));
    OT_RETURN_IF_ERROR(GetString(*v, "ConditionExpression", &a.condition_expression));
    if (actions == 1) *out = std::move(a);
  }
  if (const Json* v = Find(e, "Delete")) {
    ++actions;
    OT_RETURN_IF_ERROR(ExpectObject(*v, Slot::kField, "Delete"));
    api::TransactDelete a;
    OT_RETURN_IF_ERROR(DecodeTransactAction(d, *v, path + ".delete", "Key", "key", &a, &a.key));
    OT_RETURN_IF_ERROR(GetString(*v, "ConditionExpression", &a.condition_expression));
    if (actions == 1) *out = std::move(a);
  }
  if (const Json* v = Find(e, "Update")) {
    ++actions;
    OT_RETURN_IF_ERROR(ExpectObject(*v, Slot::kField, "Update"));
    api::TransactUpdate a;
    std::string p = path + ".update";
    OT_RETURN_IF_ERROR(DecodeTransactAction(d, *v, p, "Key", "key", &a, &a.key));
    OT_RETURN_IF_ERROR(GetRequiredString(d, *v, "UpdateExpression", p + ".updateExpression",
                                         &a.update_expression));
    OT_RETURN_IF_ERROR(GetString(*v, "ConditionExpression", &a.condition_expression));
    if (actions == 1) *out = std::move(a);
  }
  if (actions != 1) {
    d.ValueError(base::ValidationError(
        "TransactItems can only contain one of Check, Put, Update or Delete"));
  }
  return base::Status();
}

void WriteTransactWriteItem(JsonWriter& w, const api::TransactWriteItem& item) {
  w.StartObject();
  if (const auto* a = std::get_if<api::TransactConditionCheck>(&item)) {
    w.Name("ConditionCheck");
    w.StartObject();
    WriteTransactAction(w, *a, "Key", a->key);
    w.NameStr("ConditionExpression", a->condition_expression);
    w.EndObject();
  } else if (const auto* a = std::get_if<api::TransactPut>(&item)) {
    w.Name("Put");
    w.StartObject();
    WriteTransactAction(w, *a, "Item", a->item);
    if (a->condition_expression) w.NameStr("ConditionExpression", *a->condition_expression);
    w.EndObject();
  } else if (const auto* a = std::get_if<api::TransactDelete>(&item)) {
    w.Name("Delete");
    w.StartObject();
    WriteTransactAction(w, *a, "Key", a->key);
    if (a->condition_expression) w.NameStr("ConditionExpression", *a->condition_expression);
    w.EndObject();
  } else if (const auto* a = std::get_if<api::TransactUpdate>(&item)) {
    w.Name("Update");
    w.StartObject();
    WriteTransactAction(w, *a, "Key", a->key);
    w.NameStr("UpdateExpression", a->update_expression);
    if (a->condition_expression) w.NameStr("ConditionExpression", *a->condition_expression);
    w.EndObject();
  }
  w.EndObject();
}

}  // namespace

// ---- BatchGetItem -------------------------------------------------------------------

base::Status DecodeBatchGetItemRequest(std::string_view json, api::BatchGetItemRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(GetReturnConsumedCapacity(d, root, &out->return_consumed_capacity));
    const Json* items = Find(root, "RequestItems");
    if (items == nullptr) {
      d.Missing("requestItems");
      return base::Status();
    }
    OT_RETURN_IF_ERROR(ExpectMap(*items, kKeysAndAttributesClass));
    CheckRequestItemsTableNames(d, *items);
    return DecodeKeysAndAttributesMap(d, *items, "requestItems", &out->request_items);
  });
}

std::string EncodeBatchGetItemRequest(const api::BatchGetItemRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    WriteKeysAndAttributesMap(w, "RequestItems", r.request_items);
    WriteReturnConsumedCapacity(w, r.return_consumed_capacity);
  });
}

std::string EncodeBatchGetItemResponse(const api::BatchGetItemResponse& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.Name("Responses");
    w.StartObject();
    for (const auto& [table, items] : r.responses) {
      w.Name(table);
      w.StartArray();
      for (const auto& item : items) WriteItem(w, item);
      w.EndArray();
    }
    w.EndObject();
    WriteKeysAndAttributesMap(w, "UnprocessedKeys", r.unprocessed_keys);
    WriteConsumedCapacityList(w, r.consumed_capacity);
  }, 1024);
}

base::Status DecodeBatchGetItemResponse(std::string_view json, api::BatchGetItemResponse* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    if (const Json* responses = Find(root, "Responses")) {
      OT_RETURN_IF_ERROR(ExpectMap(*responses, "java.util.List"));
      for (auto m = responses->MemberBegin(); m != responses->MemberEnd(); ++m) {
        OT_RETURN_IF_ERROR(ExpectList(m->value));
        auto& items = out->responses[std::string(View(m->name))];
        items.resize(m->value.Size());
        size_t i = 0;
        for (const Json& e : m->value.GetArray()) OT_RETURN_IF_ERROR(DecodeItem(d, e, &items[i++]));
      }
    }
    if (const Json* unprocessed = Find(root, "UnprocessedKeys")) {
      OT_RETURN_IF_ERROR(DecodeKeysAndAttributesMap(d, *unprocessed, "unprocessedKeys",
                                                    &out->unprocessed_keys));
    }
    return GetConsumedCapacityList(root, &out->consumed_capacity);
  });
}

// ---- BatchWriteItem -----------------------------------------------------------------

base::Status DecodeBatchWriteItemRequest(std::string_view json, api::BatchWriteItemRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    // In the order DynamoDB lists their constraints.
    OT_RETURN_IF_ERROR(GetReturnConsumedCapacity(d, root, &out->return_consumed_capacity));
    OT_RETURN_IF_ERROR(GetEnum(d, root, "ReturnItemCollectionMetrics", "returnItemCollectionMetrics",
                               kReturnItemCollectionMetrics, &out->return_item_collection_metrics));
    const Json* items = Find(root, "RequestItems");
    if (items == nullptr) {
      d.Missing("requestItems");
      return base::Status();
    }
    OT_RETURN_IF_ERROR(ExpectMap(*items, kWriteRequestListClass));
    CheckRequestItemsTableNames(d, *items);
    CheckWriteListLengths(d, *items);
    return DecodeWriteRequestMap(d, *items, "requestItems", &out->request_items);
  });
}

std::string EncodeBatchWriteItemRequest(const api::BatchWriteItemRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    WriteWriteRequestMap(w, "RequestItems", r.request_items);
    WriteReturnConsumedCapacity(w, r.return_consumed_capacity);
    if (r.return_item_collection_metrics != api::ReturnItemCollectionMetrics::kNone) {
      WriteEnum(w, "ReturnItemCollectionMetrics", kReturnItemCollectionMetrics,
                r.return_item_collection_metrics);
    }
  }, 1024);
}

std::string EncodeBatchWriteItemResponse(const api::BatchWriteItemResponse& r) {
  return EncodeBody([&](JsonWriter& w) {
    WriteWriteRequestMap(w, "UnprocessedItems", r.unprocessed_items);
    WriteConsumedCapacityList(w, r.consumed_capacity);
  });
}

base::Status DecodeBatchWriteItemResponse(std::string_view json,
                                          api::BatchWriteItemResponse* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    if (const Json* unprocessed = Find(root, "UnprocessedItems")) {
      OT_RETURN_IF_ERROR(DecodeWriteRequestMap(d, *unprocessed, "unprocessedItems", &out->unprocessed_items));
    }
    return GetConsumedCapacityList(root, &out->consumed_capacity);
  });
}

// ---- TransactWriteItems -----------------------------------------------------------

namespace {

// The required TransactItems list of both transaction requests; `decode(element,
// path, &out[i])` reads one element.
template <typename T, typename Decode>
base::Status DecodeTransactItems(Decoder& d, const Json& root, std::vector<T>* out,
                                 Decode decode) {
  const Json* items = Find(root, "TransactItems");
  if (items == nullptr) {
    d.Missing("transactItems");
    return base::Status();
  }
  OT_RETURN_IF_ERROR(ExpectList(*items));
  out->resize(items->Size());
  size_t i = 0;
  for (const Json& e : items->GetArray()) {
    OT_RETURN_IF_ERROR(decode(e, ElementPath("transactItems", i), &(*out)[i]));
    ++i;
  }
  return base::Status();
}

}  // namespace

base::Status DecodeTransactWriteItemsRequest(std::string_view json,
                                             api::TransactWriteItemsRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(DecodeTransactItems(
        d, root, &out->transact_items,
        [&](const Json& e, const std::string& path, api::TransactWriteItem* item) {
          return DecodeTransactWriteItem(d, e, path, item);
        }));
    OT_RETURN_IF_ERROR(GetString(root, "ClientRequestToken", &out->client_request_token));
    OT_RETURN_IF_ERROR(GetReturnConsumedCapacity(d, root, &out->return_consumed_capacity));
    return GetEnum(d, root, "ReturnItemCollectionMetrics", "returnItemCollectionMetrics",
                   kReturnItemCollectionMetrics, &out->return_item_collection_metrics);
  });
}

std::string EncodeTransactWriteItemsRequest(const api::TransactWriteItemsRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.Name("TransactItems");
    w.StartArray();
    for (const auto& item : r.transact_items) WriteTransactWriteItem(w, item);
    w.EndArray();
    if (r.client_request_token) w.NameStr("ClientRequestToken", *r.client_request_token);
    WriteReturnConsumedCapacity(w, r.return_consumed_capacity);
    if (r.return_item_collection_metrics != api::ReturnItemCollectionMetrics::kNone) {
      WriteEnum(w, "ReturnItemCollectionMetrics", kReturnItemCollectionMetrics,
                r.return_item_collection_metrics);
    }
  }, 1024);
}

std::string EncodeTransactWriteItemsResponse(const api::TransactWriteItemsResponse& r) {
  return EncodeBody([&](JsonWriter& w) { WriteConsumedCapacityList(w, r.consumed_capacity); });
}

base::Status DecodeTransactWriteItemsResponse(std::string_view json,
                                              api::TransactWriteItemsResponse* out) {
  return DecodeBody(json, [&](Decoder&, const Json& root) {
    return GetConsumedCapacityList(root, &out->consumed_capacity);
  });
}

// ---- TransactGetItems -------------------------------------------------------------

base::Status DecodeTransactGetItemsRequest(std::string_view json,
                                           api::TransactGetItemsRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(DecodeTransactItems(
        d, root, &out->transact_items,
        [&](const Json& e, const std::string& element_path, api::TransactGet* get) -> base::Status {
          OT_RETURN_IF_ERROR(ExpectObject(e, Slot::kElement, "TransactGetItem"));
          std::string path = element_path + ".get";
          const Json* v = Find(e, "Get");
          if (v == nullptr) {
            d.Missing(path);
            return base::Status();
          }
          OT_RETURN_IF_ERROR(ExpectObject(*v, Slot::kField, "Get"));
          OT_RETURN_IF_ERROR(GetTableName(d, *v, "TableName", path + ".tableName", &get->table_name));
          OT_RETURN_IF_ERROR(GetItem(d, *v, "Key", path + ".key", true, &get->key));
          OT_RETURN_IF_ERROR(GetString(*v, "ProjectionExpression", &get->projection_expression));
          api::ExpressionParams expression;
          OT_RETURN_IF_ERROR(DecodeExpressionParams(d, *v, &expression));
          get->expression_attribute_names = std::move(expression.expression_attribute_names);
          return base::Status();
        }));
    return GetReturnConsumedCapacity(d, root, &out->return_consumed_capacity);
  });
}

std::string EncodeTransactGetItemsRequest(const api::TransactGetItemsRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.Name("TransactItems");
    w.StartArray();
    for (const auto& get : r.transact_items) {
      w.StartObject();
      w.Name("Get");
      w.StartObject();
      w.NameStr("TableName", get.table_name);
      w.Name("Key");
      WriteItem(w, get.key);
      if (get.projection_expression) w.NameStr("ProjectionExpression", *get.projection_expression);
      if (get.expression_attribute_names) {
        WriteExpressionParams(w, api::ExpressionParams{get.expression_attribute_names, std::nullopt});
      }
      w.EndObject();
      w.EndObject();
    }
    w.EndArray();
    WriteReturnConsumedCapacity(w, r.return_consumed_capacity);
  });
}

std::string EncodeTransactGetItemsResponse(const api::TransactGetItemsResponse& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.Name("Responses");
    w.StartArray();
    for (const auto& item : r.responses) {
      w.StartObject();
      if (item) {
        w.Name("Item");
        WriteItem(w, *item);
      }
      w.EndObject();
    }
    w.EndArray();
    WriteConsumedCapacityList(w, r.consumed_capacity);
  }, 512);
}

base::Status DecodeTransactGetItemsResponse(std::string_view json,
                                            api::TransactGetItemsResponse* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    if (const Json* responses = Find(root, "Responses")) {
      OT_RETURN_IF_ERROR(ExpectList(*responses));
      out->responses.resize(responses->Size());
      size_t i = 0;
      for (const Json& e : responses->GetArray()) {
        OT_RETURN_IF_ERROR(ExpectObject(e, Slot::kElement, "ItemResponse"));
        OT_RETURN_IF_ERROR(GetItem(d, e, "Item", &out->responses[i++]));
      }
    }
    return GetConsumedCapacityList(root, &out->consumed_capacity);
  });
}

}  // namespace ordertrack::wire
