// CreateTable, DescribeTable, ListTables, DeleteTable and UpdateTable, and
// the TableDescription they answer with.
#include "model/validation.h"
#include "wire/codec.h"
#include "wire/internal/common_json.h"

namespace ordertrack::wire {

// Shared with streams_json.cc: a stream's description has its table's key schema.
namespace internal {

base::Status DecodeKeySchema(Decoder& d, const Json& object, std::string_view path_prefix,
                             std::vector<model::KeySchemaElement>* out) {
  std::string path(path_prefix);
  path.append(path.empty() ? "keySchema" : ".keySchema");
  const Json* v = Find(object, "KeySchema");
  if (v == nullptr) {
    d.Missing(path);
    return base::Status();
  }
  OT_RETURN_IF_ERROR(ExpectList(*v));
  out->resize(v->Size());
  size_t i = 0;
  for (const Json& e : v->GetArray()) {
    OT_RETURN_IF_ERROR(ExpectObject(e, Slot::kElement, "KeySchemaElement"));
    std::string element = ElementPath(path, i);
    auto& key = (*out)[i++];
    OT_RETURN_IF_ERROR(GetRequiredString(d, e, "AttributeName", element + ".attributeName",
                                         &key.attribute_name));
    OT_RETURN_IF_ERROR(
        GetRequiredEnum(d, e, "KeyType", element + ".keyType", kKeyType, &key.key_type));
  }
  return base::Status();
}

void WriteKeySchema(JsonWriter& w, const std::vector<model::KeySchemaElement>& keys) {
  w.Name("KeySchema");
  w.StartArray();
  for (const auto& k : keys) {
    w.StartObject();
    w.NameStr("AttributeName", k.attribute_name);
    WriteEnum(w, "KeyType", kKeyType, k.key_type);
    w.EndObject();
  }
  w.EndArray();
}

}  // namespace internal

namespace {

using namespace internal;  // NOLINT: the codec's own helpers

// ---- Decoding ----------------------------------------------------------------

base::Status DecodeAttributeDefinitions(Decoder& d, const Json& object, bool required,
                                        std::vector<model::AttributeDefinition>* out) {
  const Json* v = Find(object, "AttributeDefinitions");
  if (v == nullptr) {
    if (required) d.Missing("attributeDefinitions");
    return base::Status();
  }
  OT_RETURN_IF_ERROR(ExpectList(*v));
  out->resize(v->Size());
  size_t i = 0;
  for (const Json& e : v->GetArray()) {
    OT_RETURN_IF_ERROR(ExpectObject(e, Slot::kElement, "AttributeDefinition"));
    std::string element = ElementPath("attributeDefinitions", i);
    auto& def = (*out)[i++];
    OT_RETURN_IF_ERROR(GetRequiredString(d, e, "AttributeName", element + ".attributeName",
                                         &def.attribute_name));
    OT_RETURN_IF_ERROR(GetRequiredEnum(d, e, "AttributeType", element + ".attributeType",
                                       kScalarAttributeType, &def.attribute_type));
  }
  return base::Status();
}

base::Status DecodeThroughput(Decoder& d, const Json& v, std::string_view path,
                              model::ProvisionedThroughput* out) {
  OT_RETURN_IF_ERROR(ExpectObject(v, Slot::kField, "ProvisionedThroughput"));
  std::string prefix(path);
  if (Find(v, "ReadCapacityUnits") == nullptr) d.Missing(prefix + ".readCapacityUnits");
  if (Find(v, "WriteCapacityUnits") == nullptr) d.Missing(prefix + ".writeCapacityUnits");
  OT_RETURN_IF_ERROR(GetInteger(v, "ReadCapacityUnits", "Long", &out->read_capacity_units));
  return GetInteger(v, "WriteCapacityUnits", "Long", &out->write_capacity_units);
}

base::Status GetThroughput(Decoder& d, const Json& object, std::string_view path,
                           std::optional<model::ProvisionedThroughput>* out) {
  const Json* v = Find(object, "ProvisionedThroughput");
  if (v == nullptr) return base::Status();
  return DecodeThroughput(d, *v, path, &out->emplace());
}

base::Status DecodeProjection(Decoder& d, const Json& object, std::string_view path,
                              model::Projection* out) {
  const Json* v = Find(object, "Projection");
  if (v == nullptr) {
    d.Missing(std::string(path) + ".projection");
    return base::Status();
  }
  OT_RETURN_IF_ERROR(ExpectObject(*v, Slot::kField, "Projection"));
  bool present = false;
  OT_RETURN_IF_ERROR(GetEnum(d, *v, "ProjectionType", std::string(path) + ".projection.projectionType",
                             kProjectionType, &out->projection_type, &present));
  if (!present && Find(*v, "ProjectionType") == nullptr) {
    d.ValueError(model::InvalidParameterError("Unknown ProjectionType: null"));
  }
  return GetStringList(*v, "NonKeyAttributes", &out->non_key_attributes);
}

base::Status DecodeGlobalIndex(Decoder& d, const Json& e, std::string_view path,
                               api::GlobalSecondaryIndex* out) {
  OT_RETURN_IF_ERROR(GetTableName(d, e, "IndexName", std::string(path) + ".indexName",
                                  &out->index_name));
  OT_RETURN_IF_ERROR(DecodeKeySchema(d, e, path, &out->key_schema));
  OT_RETURN_IF_ERROR(DecodeProjection(d, e, path, &out->projection));
  return GetThroughput(d, e, std::string(path) + ".provisionedThroughput",
                       &out->provisioned_throughput);
}

// CreateTable's and UpdateTable's StreamSpecification, and a description's.
base::Status GetStreamSpecification(Decoder& d, const Json& object,
                                    std::optional<model::StreamSpecification>* out) {
  const Json* v = Find(object, "StreamSpecification");
  if (v == nullptr) return base::Status();
  OT_RETURN_IF_ERROR(ExpectObject(*v, Slot::kField, "StreamSpecification"));
  auto& spec = out->emplace();
  if (Find(*v, "StreamEnabled") == nullptr) d.Missing("streamSpecification.streamEnabled");
  OT_RETURN_IF_ERROR(GetBool(*v, "StreamEnabled", &spec.stream_enabled));
  return GetEnum(d, *v, "StreamViewType", "streamSpecification.streamViewType", kStreamViewType,
                 &spec.stream_view_type);
}

base::Status DecodeTags(Decoder& d, const Json& v, std::vector<api::Tag>* out) {
  OT_RETURN_IF_ERROR(ExpectList(v));
  out->resize(v.Size());
  size_t i = 0;
  for (const Json& e : v.GetArray()) {
    OT_RETURN_IF_ERROR(ExpectObject(e, Slot::kElement, "Tag"));
    std::string element = ElementPath("tags", i);
    auto& tag = (*out)[i++];
    OT_RETURN_IF_ERROR(GetRequiredString(d, e, "Key", element + ".key", &tag.key));
    OT_RETURN_IF_ERROR(GetRequiredString(d, e, "Value", element + ".value", &tag.value));
  }
  return base::Status();
}

// ---- Encoding ----------------------------------------------------------------

void WriteAttributeDefinitions(JsonWriter& w, const std::vector<model::AttributeDefinition>& defs) {
  w.Name("AttributeDefinitions");
  w.StartArray();
  for (const auto& def : defs) {
    w.StartObject();
    w.NameStr("AttributeName", def.attribute_name);
    w.NameStr("AttributeType", model::TypeName(def.attribute_type));
    w.EndObject();
  }
  w.EndArray();
}

void WriteProjection(JsonWriter& w, const model::Projection& p) {
  w.Name("Projection");
  w.StartObject();
  WriteEnum(w, "ProjectionType", kProjectionType, p.projection_type);
  if (!p.non_key_attributes.empty()) {
    w.Name("NonKeyAttributes");
    w.StartArray();
    for (const auto& a : p.non_key_attributes) w.Str(a);
    w.EndArray();
  }
  w.EndObject();
}

// A request's ProvisionedThroughput.
void WriteThroughput(JsonWriter& w, const model::ProvisionedThroughput& t) {
  w.Name("ProvisionedThroughput");
  w.StartObject();
  w.Name("ReadCapacityUnits");
  w.Int64(t.read_capacity_units);
  w.Name("WriteCapacityUnits");
  w.Int64(t.write_capacity_units);
  w.EndObject();
}

// A description's ProvisionedThroughput: with NumberOfDecreasesToday, and
// 0/0 for on-demand tables and indexes, as DynamoDB answers.
void WriteThroughputDescription(JsonWriter& w, const model::ProvisionedThroughput& t) {
  w.Name("ProvisionedThroughput");
  w.StartObject();
  w.Name("NumberOfDecreasesToday");
  w.Int64(0);
  w.Name("ReadCapacityUnits");
  w.Int64(t.read_capacity_units);
  w.Name("WriteCapacityUnits");
  w.Int64(t.write_capacity_units);
  w.EndObject();
}

void WriteGlobalIndex(JsonWriter& w, const api::GlobalSecondaryIndex& index) {
  w.NameStr("IndexName", index.index_name);
  WriteKeySchema(w, index.key_schema);
  WriteProjection(w, index.projection);
  if (index.provisioned_throughput) WriteThroughput(w, *index.provisioned_throughput);
}

void WriteStreamSpecification(JsonWriter& w, const model::StreamSpecification& spec) {
  w.Name("StreamSpecification");
  w.StartObject();
  w.Name("StreamEnabled");
  w.Bool(spec.stream_enabled);
  if (spec.stream_view_type) {
    WriteEnum(w, "StreamViewType", kStreamViewType, *spec.stream_view_type);
  }
  w.EndObject();
}

void WriteTags(JsonWriter& w, const std::vector<api::Tag>& tags) {
  w.Name("Tags");
  w.StartArray();
  for (const auto& tag : tags) {
    w.StartObject();
    w.NameStr("Key", tag.key);
    w.NameStr("Value", tag.value);
    w.EndObject();
  }
  w.EndArray();
}

void WriteIndexDescriptions(JsonWriter& w, std::string_view name, bool global,
                            const std::vector<model::IndexDescription>& indexes) {
  if (indexes.empty()) return;
  w.Name(name);
  w.StartArray();
  for (const auto& index : indexes) {
    w.StartObject();
    w.NameStr("IndexName", index.index_name);
    WriteKeySchema(w, index.key_schema);
    WriteProjection(w, index.projection);
    if (global) {
      WriteEnum(w, "IndexStatus", kIndexStatus, index.index_status);
      // DynamoDB shows Backfilling only while an index created by UpdateTable fills.
      if (index.backfilling) {
        w.Name("Backfilling");
        w.Bool(true);
      }
      WriteThroughputDescription(w, index.provisioned_throughput.value_or(
                                        model::ProvisionedThroughput{}));
    }
    w.Name("IndexSizeBytes");
    w.Int64(index.index_size_bytes);
    w.Name("ItemCount");
    w.Int64(index.item_count);
    w.NameStr("IndexArn", index.index_arn);
    w.EndObject();
  }
  w.EndArray();
}

void WriteTableDescription(JsonWriter& w, std::string_view name,
                           const model::TableDescription& t) {
  w.Name(name);
  w.StartObject();
  WriteAttributeDefinitions(w, t.attribute_definitions);
  w.NameStr("TableName", t.table_name);
  WriteKeySchema(w, t.key_schema);
  WriteEnum(w, "TableStatus", kTableStatus, t.table_status);
  w.Name("CreationDateTime");
  w.Double(t.creation_date_time);
  WriteThroughputDescription(w, t.provisioned_throughput);
  w.Name("TableSizeBytes");
  w.Int64(t.table_size_bytes);
  w.Name("ItemCount");
  w.Int64(t.item_count);
  w.NameStr("TableArn", t.table_arn);
  w.NameStr("TableId", t.table_id);
  // Present once a table has been on demand, also after it went back.
  if (t.billing_mode == model::BillingMode::kPayPerRequest ||
      t.last_update_to_pay_per_request_date_time) {
    w.Name("BillingModeSummary");
    w.StartObject();
    WriteEnum(w, "BillingMode", kBillingMode, t.billing_mode);
    if (t.last_update_to_pay_per_request_date_time) {
      w.Name("LastUpdateToPayPerRequestDateTime");
      w.Double(*t.last_update_to_pay_per_request_date_time);
    }
    w.EndObject();
  }
  WriteIndexDescriptions(w, "LocalSecondaryIndexes", false, t.local_secondary_indexes);
  WriteIndexDescriptions(w, "GlobalSecondaryIndexes", true, t.global_secondary_indexes);
  if (t.stream_specification) WriteStreamSpecification(w, *t.stream_specification);
  if (t.latest_stream_label) w.NameStr("LatestStreamLabel", *t.latest_stream_label);
  if (t.latest_stream_arn) w.NameStr("LatestStreamArn", *t.latest_stream_arn);
  w.EndObject();
}

// ---- Decoding descriptions (client side) ----------------------------------------

base::Status DecodeIndexDescriptions(Decoder& d, const Json& table, std::string_view name,
                                     bool global, bool on_demand,
                                     std::vector<model::IndexDescription>* out) {
  const Json* v = Find(table, name);
  if (v == nullptr) return base::Status();
  OT_RETURN_IF_ERROR(ExpectList(*v));
  out->resize(v->Size());
  size_t i = 0;
  for (const Json& e : v->GetArray()) {
    OT_RETURN_IF_ERROR(ExpectObject(e, Slot::kElement, "IndexDescription"));
    auto& index = (*out)[i++];
    OT_RETURN_IF_ERROR(GetString(e, "IndexName", &index.index_name));
    OT_RETURN_IF_ERROR(DecodeKeySchema(d, e, "", &index.key_schema));
    OT_RETURN_IF_ERROR(DecodeProjection(d, e, "", &index.projection));
    if (global) {
      OT_RETURN_IF_ERROR(GetEnum(d, e, "IndexStatus", "indexStatus", kIndexStatus,
                                 &index.index_status));
      OT_RETURN_IF_ERROR(GetBool(e, "Backfilling", &index.backfilling));
      model::ProvisionedThroughput t;
      if (const Json* pt = Find(e, "ProvisionedThroughput")) {
        OT_RETURN_IF_ERROR(DecodeThroughput(d, *pt, "provisionedThroughput", &t));
        if (!on_demand || t != model::ProvisionedThroughput{}) index.provisioned_throughput = t;
      }
    }
    OT_RETURN_IF_ERROR(GetInteger(e, "IndexSizeBytes", "Long", &index.index_size_bytes));
    OT_RETURN_IF_ERROR(GetInteger(e, "ItemCount", "Long", &index.item_count));
    OT_RETURN_IF_ERROR(GetString(e, "IndexArn", &index.index_arn));
  }
  return base::Status();
}

base::Status DecodeTableDescription(std::string_view json, std::string_view member,
                                    model::TableDescription* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    const Json* t = Find(root, member);
    if (t == nullptr) return SerializationError("missing " + std::string(member));
    OT_RETURN_IF_ERROR(ExpectObject(*t, Slot::kField, "TableDescription"));
    OT_RETURN_IF_ERROR(DecodeAttributeDefinitions(d, *t, false, &out->attribute_definitions));
    OT_RETURN_IF_ERROR(GetString(*t, "TableName", &out->table_name));
    OT_RETURN_IF_ERROR(DecodeKeySchema(d, *t, "", &out->key_schema));
    OT_RETURN_IF_ERROR(GetEnum(d, *t, "TableStatus", "tableStatus", kTableStatus,
                               &out->table_status));
    OT_RETURN_IF_ERROR(GetDouble(*t, "CreationDateTime", &out->creation_date_time));
    if (const Json* pt = Find(*t, "ProvisionedThroughput")) {
      OT_RETURN_IF_ERROR(
          DecodeThroughput(d, *pt, "provisionedThroughput", &out->provisioned_throughput));
    }
    OT_RETURN_IF_ERROR(GetInteger(*t, "TableSizeBytes", "Long", &out->table_size_bytes));
    OT_RETURN_IF_ERROR(GetInteger(*t, "ItemCount", "Long", &out->item_count));
    OT_RETURN_IF_ERROR(GetString(*t, "TableArn", &out->table_arn));
    OT_RETURN_IF_ERROR(GetString(*t, "TableId", &out->table_id));
    out->billing_mode = model::BillingMode::kProvisioned;
    if (const Json* summary = Find(*t, "BillingModeSummary")) {
      OT_RETURN_IF_ERROR(ExpectObject(*summary, Slot::kField, "BillingModeSummary"));
      OT_RETURN_IF_ERROR(GetEnum(d, *summary, "BillingMode", "billingMode", kBillingMode,
                                 &out->billing_mode));
      if (Find(*summary, "LastUpdateToPayPerRequestDateTime")) {
        double at = 0;
        OT_RETURN_IF_ERROR(GetDouble(*summary, "LastUpdateToPayPerRequestDateTime", &at));
        out->last_update_to_pay_per_request_date_time = at;
      }
    }
    bool on_demand = out->billing_mode == model::BillingMode::kPayPerRequest;
    OT_RETURN_IF_ERROR(DecodeIndexDescriptions(d, *t, "LocalSecondaryIndexes", false, on_demand,
                                               &out->local_secondary_indexes));
    OT_RETURN_IF_ERROR(DecodeIndexDescriptions(d, *t, "GlobalSecondaryIndexes", true, on_demand,
                                               &out->global_secondary_indexes));
    OT_RETURN_IF_ERROR(GetStreamSpecification(d, *t, &out->stream_specification));
    OT_RETURN_IF_ERROR(GetString(*t, "LatestStreamLabel", &out->latest_stream_label));
    return GetString(*t, "LatestStreamArn", &out->latest_stream_arn);
  });
}

std::string EncodeTableDescription(std::string_view member, const model::TableDescription& t) {
  return EncodeBody([&](JsonWriter& w) { WriteTableDescription(w, member, t); }, 512);
}

base::Status DecodeTableNameOnly(std::string_view json, std::string* table_name) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) {
    return GetTableName(d, root, "TableName", "tableName", table_name);
  });
}

std::string EncodeTableNameOnly(const std::string& table_name) {
  return EncodeBody([&](JsonWriter& w) { w.NameStr("TableName", table_name); }, 64);
}

}  // namespace

// ---- CreateTable ---------------------------------------------------------------

base::Status DecodeCreateTableRequest(std::string_view json, api::CreateTableRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(DecodeAttributeDefinitions(d, root, true, &out->attribute_definitions));
    OT_RETURN_IF_ERROR(GetTableName(d, root, "TableName", "tableName", &out->table_name));
    OT_RETURN_IF_ERROR(DecodeKeySchema(d, root, "", &out->key_schema));
    // An empty list of indexes is refused; no list at all is no indexes.
    auto refuse_empty = [&](const Json& list, std::string_view name) {
      if (list.Empty()) {
        d.ValueError(model::InvalidParameterError("List of " + std::string(name) + " is empty"));
      }
    };
    if (const Json* v = Find(root, "LocalSecondaryIndexes")) {
      OT_RETURN_IF_ERROR(ExpectList(*v));
      refuse_empty(*v, "LocalSecondaryIndexes");
      out->local_secondary_indexes.resize(v->Size());
      size_t i = 0;
      for (const Json& e : v->GetArray()) {
        OT_RETURN_IF_ERROR(ExpectObject(e, Slot::kElement, "LocalSecondaryIndex"));
        std::string path = ElementPath("localSecondaryIndexes", i);
        auto& index = out->local_secondary_indexes[i++];
        OT_RETURN_IF_ERROR(GetTableName(d, e, "IndexName", path + ".indexName", &index.index_name));
        OT_RETURN_IF_ERROR(DecodeKeySchema(d, e, path, &index.key_schema));
        OT_RETURN_IF_ERROR(DecodeProjection(d, e, path, &index.projection));
      }
    }
    if (const Json* v = Find(root, "GlobalSecondaryIndexes")) {
      OT_RETURN_IF_ERROR(ExpectList(*v));
      refuse_empty(*v, "GlobalSecondaryIndexes");
      out->global_secondary_indexes.resize(v->Size());
      size_t i = 0;
      for (const Json& e : v->GetArray()) {
        OT_RETURN_IF_ERROR(ExpectObject(e, Slot::kElement, "GlobalSecondaryIndex"));
        OT_RETURN_IF_ERROR(DecodeGlobalIndex(d, e, ElementPath("globalSecondaryIndexes", i),
                                             &out->global_secondary_indexes[i]));
        ++i;
      }
    }
    OT_RETURN_IF_ERROR(
        GetEnum(d, root, "BillingMode", "billingMode", kBillingMode, &out->billing_mode));
    OT_RETURN_IF_ERROR(
        GetThroughput(d, root, "provisionedThroughput", &out->provisioned_throughput));
    if (const Json* tags = Find(root, "Tags")) OT_RETURN_IF_ERROR(DecodeTags(d, *tags, &out->tags));
    return GetStreamSpecification(d, root, &out->stream_specification);
  });
}

std::string EncodeCreateTableRequest(const api::CreateTableRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    WriteAttributeDefinitions(w, r.attribute_definitions);
    w.NameStr("TableName", r.table_name);
    WriteKeySchema(w, r.key_schema);
    if (!r.local_secondary_indexes.empty()) {
      w.Name("LocalSecondaryIndexes");
      w.StartArray();
      for (const auto& index : r.local_secondary_indexes) {
        w.StartObject();
        w.NameStr("IndexName", index.index_name);
        WriteKeySchema(w, index.key_schema);
        WriteProjection(w, index.projection);
        w.EndObject();
      }
      w.EndArray();
    }
    if (!r.global_secondary_indexes.empty()) {
      w.Name("GlobalSecondaryIndexes");
      w.StartArray();
      for (const auto& index : r.global_secondary_indexes) {
        w.StartObject();
        WriteGlobalIndex(w, index);
        w.EndObject();
      }
      w.EndArray();
    }
    if (r.billing_mode) WriteEnum(w, "BillingMode", kBillingMode, *r.billing_mode);
    if (r.provisioned_throughput) WriteThroughput(w, *r.provisioned_throughput);
    if (!r.tags.empty()) WriteTags(w, r.tags);
    if (r.stream_specification) WriteStreamSpecification(w, *r.stream_specification);
  });
}

std::string EncodeCreateTableResponse(const model::TableDescription& response) {
  return EncodeTableDescription("TableDescription", response);
}
base::Status DecodeCreateTableResponse(std::string_view json, model::TableDescription* out) {
  return DecodeTableDescription(json, "TableDescription", out);
}

// ---- DescribeTable, DeleteTable ------------------------------------------------------

base::Status DecodeDescribeTableRequest(std::string_view json, api::DescribeTableRequest* out) {
  return DecodeTableNameOnly(json, &out->table_name);
}
std::string EncodeDescribeTableRequest(const api::DescribeTableRequest& request) {
  return EncodeTableNameOnly(request.table_name);
}
std::string EncodeDescribeTableResponse(const model::TableDescription& response) {
  return EncodeTableDescription("Table", response);
}
base::Status DecodeDescribeTableResponse(std::string_view json, model::TableDescription* out) {
  return DecodeTableDescription(json, "Table", out);
}

base::Status DecodeDeleteTableRequest(std::string_view json, api::DeleteTableRequest* out) {
  return DecodeTableNameOnly(json, &out->table_name);
}
std::string EncodeDeleteTableRequest(const api::DeleteTableRequest& request) {
  return EncodeTableNameOnly(request.table_name);
}
std::string EncodeDeleteTableResponse(const model::TableDescription& response) {
  return EncodeTableDescription("TableDescription", response);
}
base::Status DecodeDeleteTableResponse(std::string_view json, model::TableDescription* out) {
  return DecodeTableDescription(json, "TableDescription", out);
}

// ---- ListTables ---------------------------------------------------------------------

base::Status DecodeListTablesRequest(std::string_view json, api::ListTablesRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(
        GetString(root, "ExclusiveStartTableName", &out->exclusive_start_table_name));
    if (out->exclusive_start_table_name) {
      CheckTableName(d, *out->exclusive_start_table_name, "exclusiveStartTableName");
    }
    return GetInteger(root, "Limit", "Integer", &out->limit);
  });
}

std::string EncodeListTablesRequest(const api::ListTablesRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    if (r.exclusive_start_table_name) {
      w.NameStr("ExclusiveStartTableName", *r.exclusive_start_table_name);
    }
    if (r.limit) {
      w.Name("Limit");
      w.Int64(*r.limit);
    }
  });
}

std::string EncodeListTablesResponse(const api::ListTablesResponse& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.Name("TableNames");
    w.StartArray();
    for (const auto& name : r.table_names) w.Str(name);
    w.EndArray();
    if (r.last_evaluated_table_name) {
      w.NameStr("LastEvaluatedTableName", *r.last_evaluated_table_name);
    }
  });
}

base::Status DecodeListTablesResponse(std::string_view json, api::ListTablesResponse* out) {
  return DecodeBody(json, [&](Decoder&, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(GetStringList(root, "TableNames", &out->table_names));
    return GetString(root, "LastEvaluatedTableName", &out->last_evaluated_table_name);
  });
}

// ---- UpdateTable ---------------------------------------------------------------------

base::Status DecodeUpdateTableRequest(std::string_view json, api::UpdateTableRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(DecodeAttributeDefinitions(d, root, false, &out->attribute_definitions));
    OT_RETURN_IF_ERROR(GetTableName(d, root, "TableName", "tableName", &out->table_name));
    OT_RETURN_IF_ERROR(
        GetEnum(d, root, "BillingMode", "billingMode", kBillingMode, &out->billing_mode));
    OT_RETURN_IF_ERROR(
        GetThroughput(d, root, "provisionedThroughput", &out->provisioned_throughput));
    OT_RETURN_IF_ERROR(GetStreamSpecification(d, root, &out->stream_specification));
    OT_RETURN_IF_ERROR(DecodeUnenforcedTableSettings(d, root, &out->unenforced));
    const Json* updates = Find(root, "GlobalSecondaryIndexUpdates");
    if (updates == nullptr) return base::Status();
    OT_RETURN_IF_ERROR(ExpectList(*updates));
    out->global_secondary_index_updates.resize(updates->Size());
    size_t i = 0;
    for (const Json& e : updates->GetArray()) {
      OT_RETURN_IF_ERROR(ExpectObject(e, Slot::kElement, "GlobalSecondaryIndexUpdate"));
      std::string path = ElementPath("globalSecondaryIndexUpdates", i);
      auto& update = out->global_secondary_index_updates[i++];
      if (const Json* create = Find(e, "Create")) {
        OT_RETURN_IF_ERROR(
            ExpectObject(*create, Slot::kField, "CreateGlobalSecondaryIndexAction"));
        OT_RETURN_IF_ERROR(DecodeGlobalIndex(d, *create, path + ".create", &update.create.emplace()));
      }
      if (const Json* del = Find(e, "Delete")) {
        OT_RETURN_IF_ERROR(ExpectObject(*del, Slot::kField, "DeleteGlobalSecondaryIndexAction"));
        OT_RETURN_IF_ERROR(GetTableName(d, *del, "IndexName", path + ".delete.indexName",
                                        &update.delete_index_name.emplace()));
      }
      if (const Json* upd = Find(e, "Update")) {
        OT_RETURN_IF_ERROR(ExpectObject(*upd, Slot::kField, "UpdateGlobalSecondaryIndexAction"));
        auto& u = update.update.emplace();
        OT_RETURN_IF_ERROR(
            GetTableName(d, *upd, "IndexName", path + ".update.indexName", &u.index_name));
        const Json* pt = Find(*upd, "ProvisionedThroughput");
        if (pt == nullptr) {
          d.Missing(path + ".update.provisionedThroughput");
        } else {
          OT_RETURN_IF_ERROR(DecodeThroughput(d, *pt, path + ".update.provisionedThroughput",
                                              &u.provisioned_throughput));
        }
      }
    }
    return base::Status();
  });
}

std::string EncodeUpdateTableRequest(const api::UpdateTableRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    if (!r.attribute_definitions.empty()) WriteAttributeDefinitions(w, r.attribute_definitions);
    w.NameStr("TableName", r.table_name);
    if (r.billing_mode) WriteEnum(w, "BillingMode", kBillingMode, *r.billing_mode);
    if (r.provisioned_throughput) WriteThroughput(w, *r.provisioned_throughput);
    if (r.stream_specification) WriteStreamSpecification(w, *r.stream_specification);
    WriteUnenforcedTableSettings(w, r.unenforced);
    if (r.global_secondary_index_updates.empty()) return;
    w.Name("GlobalSecondaryIndexUpdates");
    w.StartArray();
    for (const auto& u : r.global_secondary_index_updates) {
      w.StartObject();
      if (u.create) {
        w.Name("Create");
        w.StartObject();
        WriteGlobalIndex(w, *u.create);
        w.EndObject();
      }
      if (u.delete_index_name) {
        w.Name("Delete");
        w.StartObject();
        w.NameStr("IndexName", *u.delete_index_name);
        w.EndObject();
      }
      if (u.update) {
        w.Name("Update");
        w.StartObject();
        w.NameStr("IndexName", u.update->index_name);
        WriteThroughput(w, u.update->provisioned_throughput);
        w.EndObject();
      }
      w.EndObject();
    }
    w.EndArray();
  });
}

std::string EncodeUpdateTableResponse(const model::TableDescription& response) {
  return EncodeTableDescription("TableDescription", response);
}
base::Status DecodeUpdateTableResponse(std::string_view json, model::TableDescription* out) {
  return DecodeTableDescription(json, "TableDescription", out);
}

// Shared with table_extras_json.cc through codec-internal linkage.
namespace internal {
base::Status DecodeTagList(Decoder& d, const Json& v, std::vector<api::Tag>* out) {
  return DecodeTags(d, v, out);
}
void WriteTagList(JsonWriter& w, const std::vector<api::Tag>& tags) { WriteTags(w, tags); }
}  // namespace internal

}  // namespace ordertrack::wire
