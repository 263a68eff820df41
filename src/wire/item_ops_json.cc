// PutItem, GetItem, UpdateItem and DeleteItem.
#include "wire/codec.h"
#include "wire/internal/common_json.h"

namespace ordertrack::wire {

using namespace internal;  // NOLINT: the codec's own helpers

namespace {

// The answer of PutItem, UpdateItem and DeleteItem.
std::string EncodeWriteItemResponse(const api::WriteItemResponse& r) {
  return EncodeBody([&](JsonWriter& w) {
    if (r.attributes) {
      w.Name("Attributes");
      WriteItem(w, *r.attributes);
    }
    if (r.consumed_capacity) {
      w.Name("ConsumedCapacity");
      WriteConsumedCapacity(w, *r.consumed_capacity);
    }
    if (r.item_collection_metrics) {
      w.Name("ItemCollectionMetrics");
      WriteItemCollectionMetrics(w, *r.item_collection_metrics);
    }
  });
}

base::Status DecodeWriteItemResponse(std::string_view json, api::WriteItemResponse* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(GetItem(d, root, "Attributes", &out->attributes));
    if (const Json* c = Find(root, "ConsumedCapacity")) {
      OT_RETURN_IF_ERROR(DecodeConsumedCapacity(*c, &out->consumed_capacity.emplace()));
    }
    if (const Json* m = Find(root, "ItemCollectionMetrics")) {
      OT_RETURN_IF_ERROR(DecodeItemCollectionMetrics(d, *m, &out->item_collection_metrics.emplace()));
    }
    return base::Status();
  });
}

// Everything after the table name and key, shared by the three writes.
base::Status DecodeWriteTail(Decoder& d, const Json& root, api::ConditionParams* condition,
                             api::ExpressionParams* expression) {
  OT_RETURN_IF_ERROR(DecodeConditionParams(d, root, condition));
  return DecodeExpressionParams(d, root, expression);
}

void WriteWriteTail(JsonWriter& w, const api::ConditionParams& condition,
                    const api::ExpressionParams& expression, const api::WriteOptions& options) {
  WriteConditionParams(w, condition);
  WriteExpressionParams(w, expression);
  WriteWriteOptions(w, options);
}

}  // namespace

// ---- PutItem ---------------------------------------------------------------------

base::Status DecodePutItemRequest(std::string_view json, api::PutItemRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    // Constraint errors are listed in the order DynamoDB lists them for PutItem
    // (dynalite test/putItem.js, "incorrect attributes").
    OT_RETURN_IF_ERROR(GetReturnConsumedCapacity(d, root, &out->options.return_consumed_capacity));
    OT_RETURN_IF_ERROR(GetTableName(d, root, "TableName", "tableName", &out->table_name));
    OT_RETURN_IF_ERROR(GetItem(d, root, "Item", "item", true, &out->item));
    OT_RETURN_IF_ERROR(DecodeWriteOptions(d, root, &out->options));
    return DecodeWriteTail(d, root, &out->condition, &out->expression);
  });
}

std::string EncodePutItemRequest(const api::PutItemRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.NameStr("TableName", r.table_name);
    w.Name("Item");
    WriteItem(w, r.item);
    WriteWriteTail(w, r.condition, r.expression, r.options);
  });
}

std::string EncodePutItemResponse(const api::PutItemResponse& r) {
  return EncodeWriteItemResponse(r);
}
base::Status DecodePutItemResponse(std::string_view json, api::PutItemResponse* out) {
  return DecodeWriteItemResponse(json, out);
}

// ---- GetItem ----------------------------------------------------------------------

base::Status DecodeGetItemRequest(std::string_view json, api::GetItemRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(GetTableName(d, root, "TableName", "tableName", &out->table_name));
    OT_RETURN_IF_ERROR(GetItem(d, root, "Key", "key", true, &out->key));
    OT_RETURN_IF_ERROR(GetBool(root, "ConsistentRead", &out->consistent_read));
    OT_RETURN_IF_ERROR(DecodeReadProjection(root, &out->projection));
    OT_RETURN_IF_ERROR(DecodeExpressionParams(d, root, &out->expression));
    return GetReturnConsumedCapacity(d, root, &out->return_consumed_capacity);
  });
}

std::string EncodeGetItemRequest(const api::GetItemRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.NameStr("TableName", r.table_name);
    w.Name("Key");
    WriteItem(w, r.key);
    if (r.consistent_read) {
      w.Name("ConsistentRead");
      w.Bool(true);
    }
    WriteReadProjection(w, r.projection);
    WriteExpressionParams(w, r.expression);
    WriteReturnConsumedCapacity(w, r.return_consumed_capacity);
  });
}

std::string EncodeGetItemResponse(const api::GetItemResponse& r) {
  return EncodeBody([&](JsonWriter& w) {
    if (r.item) {
      w.Name("Item");
      WriteItem(w, *r.item);
    }
    if (r.consumed_capacity) {
      w.Name("ConsumedCapacity");
      WriteConsumedCapacity(w, *r.consumed_capacity);
    }
  });
}

base::Status DecodeGetItemResponse(std::string_view json, api::GetItemResponse* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(GetItem(d, root, "Item", &out->item));
    if (const Json* c = Find(root, "ConsumedCapacity")) {
      OT_RETURN_IF_ERROR(DecodeConsumedCapacity(*c, &out->consumed_capacity.emplace()));
    }
    return base::Status();
  });
}

// ---- UpdateItem -------------------------------------------------------------------

base::Status DecodeUpdateItemRequest(std::string_view json, api::UpdateItemRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(GetTableName(d, root, "TableName", "tableName", &out->table_name));
    OT_RETURN_IF_ERROR(GetItem(d, root, "Key", "key", true, &out->key));
    OT_RETURN_IF_ERROR(GetString(root, "UpdateExpression", &out->update_expression));
    OT_RETURN_IF_ERROR(DecodeAttributeUpdates(d, root, &out->attribute_updates));
    OT_RETURN_IF_ERROR(GetReturnConsumedCapacity(d, root, &out->options.return_consumed_capacity));
    OT_RETURN_IF_ERROR(DecodeWriteOptions(d, root, &out->options));
    return DecodeWriteTail(d, root, &out->condition, &out->expression);
  });
}

std::string EncodeUpdateItemRequest(const api::UpdateItemRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.NameStr("TableName", r.table_name);
    w.Name("Key");
    WriteItem(w, r.key);
    if (r.update_expression) w.NameStr("UpdateExpression", *r.update_expression);
    if (r.attribute_updates) WriteAttributeUpdates(w, *r.attribute_updates);
    WriteWriteTail(w, r.condition, r.expression, r.options);
  });
}

std::string EncodeUpdateItemResponse(const api::UpdateItemResponse& r) {
  return EncodeWriteItemResponse(r);
}
base::Status DecodeUpdateItemResponse(std::string_view json, api::UpdateItemResponse* out) {
  return DecodeWriteItemResponse(json, out);
}

// ---- DeleteItem -------------------------------------------------------------------

base::Status DecodeDeleteItemRequest(std::string_view json, api::DeleteItemRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(GetTableName(d, root, "TableName", "tableName", &out->table_name));
    OT_RETURN_IF_ERROR(GetItem(d, root, "Key", "key", true, &out->key));
    OT_RETURN_IF_ERROR(GetReturnConsumedCapacity(d, root, &out->options.return_consumed_capacity));
    OT_RETURN_IF_ERROR(DecodeWriteOptions(d, root, &out->options));
    return DecodeWriteTail(d, root, &out->condition, &out->expression);
  });
}

std::string EncodeDeleteItemRequest(const api::DeleteItemRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.NameStr("TableName", r.table_name);
    w.Name("Key");
    WriteItem(w, r.key);
    WriteWriteTail(w, r.condition, r.expression, r.options);
  });
}

std::string EncodeDeleteItemResponse(const api::DeleteItemResponse& r) {
  return EncodeWriteItemResponse(r);
}
base::Status DecodeDeleteItemResponse(std::string_view json, api::DeleteItemResponse* out) {
  return DecodeWriteItemResponse(json, out);
}

}  // namespace ordertrack::wire
