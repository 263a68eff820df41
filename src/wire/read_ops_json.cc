// Query and Scan.
#include <algorithm>
#include <cstdint>

#include "wire/codec.h"
#include "wire/internal/common_json.h"

namespace ordertrack::wire {

using namespace internal;  // NOLINT: the codec's own helpers

namespace {

// What Query and Scan share. `filter_name` is "QueryFilter" or "ScanFilter".
base::Status DecodeReadParams(Decoder& d, const Json& root, std::string_view filter_name,
                              std::string_view filter_path, api::ReadParams* out) {
  OT_RETURN_IF_ERROR(GetTableName(d, root, "TableName", "tableName", &out->table_name));
  OT_RETURN_IF_ERROR(GetString(root, "IndexName", &out->index_name));
  if (out->index_name) CheckTableName(d, *out->index_name, "indexName");
  OT_RETURN_IF_ERROR(GetString(root, "FilterExpression", &out->filter_expression));
  OT_RETURN_IF_ERROR(
      DecodeLegacyConditions(d, root, filter_name, filter_path, &out->legacy_filter));
  OT_RETURN_IF_ERROR(GetEnum(d, root, "ConditionalOperator", "conditionalOperator",
                             kConditionalOperator, &out->conditional_operator));
  OT_RETURN_IF_ERROR(DecodeReadProjection(root, &out->projection));
  OT_RETURN_IF_ERROR(DecodeExpressionParams(d, root, &out->expression));
  OT_RETURN_IF_ERROR(GetEnum(d, root, "Select", "select", kSelect, &out->select));
  OT_RETURN_IF_ERROR(GetInteger(root, "Limit", "Integer", &out->limit));
  // DynamoDB prefixes a malformed value of the start key (dynalite validations/query.js).
  OT_RETURN_IF_ERROR(GetItem(d, root, "ExclusiveStartKey", &out->exclusive_start_key,
                             {"The provided starting key is invalid: "}));
  OT_RETURN_IF_ERROR(GetBool(root, "ConsistentRead", &out->consistent_read));
  return GetReturnConsumedCapacity(d, root, &out->return_consumed_capacity);
}

void WriteReadParams(JsonWriter& w, std::string_view filter_name, const api::ReadParams& r) {
  w.NameStr("TableName", r.table_name);
  if (r.index_name) w.NameStr("IndexName", *r.index_name);
  if (r.filter_expression) w.NameStr("FilterExpression", *r.filter_expression);
  if (r.legacy_filter) WriteLegacyConditions(w, filter_name, *r.legacy_filter);
  if (r.conditional_operator) {
    WriteEnum(w, "ConditionalOperator", kConditionalOperator, *r.conditional_operator);
  }
  WriteReadProjection(w, r.projection);
  WriteExpressionParams(w, r.expression);
  if (r.select != api::Select::kDefault) WriteEnum(w, "Select", kSelect, r.select);
  if (r.limit) {
    w.Name("Limit");
    w.Int64(*r.limit);
  }
  if (r.exclusive_start_key) {
    w.Name("ExclusiveStartKey");
    WriteItem(w, *r.exclusive_start_key);
  }
  if (r.consistent_read) {
    w.Name("ConsistentRead");
    w.Bool(true);
  }
  WriteReturnConsumedCapacity(w, r.return_consumed_capacity);
}

std::string EncodeReadResponse(const api::ReadResponse& r) {
  return EncodeBody([&](JsonWriter& w) {
    // Select COUNT answers without "Items"; an empty page of items has "Items":[].
    if (!r.items.empty() || r.count == 0) {
      w.Name("Items");
      w.StartArray();
      for (const auto& item : r.items) WriteItem(w, item);
      w.EndArray();
    }
    w.Name("Count");
    w.Int64(r.count);
    w.Name("ScannedCount");
    w.Int64(r.scanned_count);
    if (r.last_evaluated_key) {
      w.Name("LastEvaluatedKey");
      WriteItem(w, *r.last_evaluated_key);
    }
    if (r.consumed_capacity) {
      w.Name("ConsumedCapacity");
      WriteConsumedCapacity(w, *r.consumed_capacity);
    }
  }, 256 + 128 * r.items.size());
}

base::Status DecodeReadResponse(std::string_view json, api::ReadResponse* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    if (const Json* items = Find(root, "Items")) {
      OT_RETURN_IF_ERROR(ExpectList(*items));
      out->items.resize(items->Size());
      size_t i = 0;
      for (const Json& e : items->GetArray()) OT_RETURN_IF_ERROR(DecodeItem(d, e, &out->items[i++]));
    }
    OT_RETURN_IF_ERROR(GetInteger(root, "Count", "Integer", &out->count));
    OT_RETURN_IF_ERROR(GetInteger(root, "ScannedCount", "Integer", &out->scanned_count));
    OT_RETURN_IF_ERROR(GetItem(d, root, "LastEvaluatedKey", &out->last_evaluated_key));
    if (const Json* c = Find(root, "ConsumedCapacity")) {
      OT_RETURN_IF_ERROR(DecodeConsumedCapacity(*c, &out->consumed_capacity.emplace()));
    }
    return base::Status();
  });
}

}  // namespace

// ---- Query ---------------------------------------------------------------------

base::Status DecodeQueryRequest(std::string_view json, api::QueryRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(DecodeReadParams(d, root, "QueryFilter", "queryFilter", &out->read));
    OT_RETURN_IF_ERROR(
        GetString(root, "KeyConditionExpression", &out->key_condition_expression));
    OT_RETURN_IF_ERROR(
        DecodeLegacyConditions(d, root, "KeyConditions", "keyConditions", &out->key_conditions));
    return GetBool(root, "ScanIndexForward", &out->scan_index_forward);
  });
}

std::string EncodeQueryRequest(const api::QueryRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    WriteReadParams(w, "QueryFilter", r.read);
    if (r.key_condition_expression) {
      w.NameStr("KeyConditionExpression", *r.key_condition_expression);
    }
    if (r.key_conditions) WriteLegacyConditions(w, "KeyConditions", *r.key_conditions);
    if (!r.scan_index_forward) {
      w.Name("ScanIndexForward");
      w.Bool(false);
    }
  });
}

std::string EncodeQueryResponse(const api::QueryResponse& response) {
  return EncodeReadResponse(response);
}
base::Status DecodeQueryResponse(std::string_view json, api::QueryResponse* out) {
  return DecodeReadResponse(json, out);
}

// ---- Scan -----------------------------------------------------------------------

base::Status DecodeScanRequest(std::string_view json, api::ScanRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(DecodeReadParams(d, root, "ScanFilter", "scanFilter", &out->read));
    std::optional<int64_t> segment;
    std::optional<int64_t> total_segments;
    OT_RETURN_IF_ERROR(GetInteger(root, "Segment", "Integer", &segment));
    OT_RETURN_IF_ERROR(GetInteger(root, "TotalSegments", "Integer", &total_segments));
    // Integers past int32 saturate; the engine's range checks reject them.
    auto narrow = [](int64_t v) {
      return static_cast<int32_t>(std::clamp<int64_t>(v, INT32_MIN, INT32_MAX));
    };
    if (segment) out->segment = narrow(*segment);
    if (total_segments) out->total_segments = narrow(*total_segments);
    return base::Status();
  });
}

std::string EncodeScanRequest(const api::ScanRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    WriteReadParams(w, "ScanFilter", r.read);
    if (r.segment) {
      w.Name("Segment");
      w.Int(*r.segment);
    }
    if (r.total_segments) {
      w.Name("TotalSegments");
      w.Int(*r.total_segments);
    }
  });
}

std::string EncodeScanResponse(const api::ScanResponse& response) {
  return EncodeReadResponse(response);
}
base::Status DecodeScanResponse(std::string_view json, api::ScanResponse* out) {
  return DecodeReadResponse(json, out);
}

}  // namespace ordertrack::wire
