#include "wire/internal/common_json.h"

namespace ordertrack::wire::internal {
namespace {

// "<field>.<attribute>.member.<leaf>": DynamoDB's path inside a map-valued member.
std::string MapMemberPath(std::string_view field, std::string_view key, std::string_view leaf) {
  std::string path(field);
  path.append(".").append(key).append(".member.").append(leaf);
  return path;
}

std::string ClassName(std::string_view name) {
  std::string s(kModelPackage);
  s.append(name);
  return s;
}

void WriteCapacity(JsonWriter& w, const api::Capacity& c) {
  w.Name("CapacityUnits");
  w.Double(c.capacity_units);
  if (c.read_capacity_units != 0) {
    w.Name("ReadCapacityUnits");
    w.Double(c.read_capacity_units);
  }
  if (c.write_capacity_units != 0) {
    w.Name("WriteCapacityUnits");
    w.Double(c.write_capacity_units);
  }
}

base::Status DecodeCapacity(const Json& object, api::Capacity* out) {
  OT_RETURN_IF_ERROR(GetDouble(object, "CapacityUnits", &out->capacity_units));
  OT_RETURN_IF_ERROR(GetDouble(object, "ReadCapacityUnits", &out->read_capacity_units));
  return GetDouble(object, "WriteCapacityUnits", &out->write_capacity_units);
}

void WriteCapacityMap(JsonWriter& w, std::string_view name,
                      const std::map<std::string, api::Capacity>& map) {
  if (map.empty()) return;
  w.Name(name);
  w.StartObject();
  for (const auto& [index, capacity] : map) {
    w.Name(index);
    w.StartObject();
    WriteCapacity(w, capacity);
    w.EndObject();
  }
  w.EndObject();
}

base::Status DecodeCapacityMap(const Json& object, std::string_view name,
                               std::map<std::string, api::Capacity>* out) {
  const Json* v = Find(object, name);
  if (v == nullptr) return base::Status();
  OT_RETURN_IF_ERROR(ExpectMap(*v, ClassName("Capacity")));
  for (auto m = v->MemberBegin(); m != v->MemberEnd(); ++m) {
    OT_RETURN_IF_ERROR(ExpectObject(m->value, Slot::kElement, "Capacity"));
    OT_RETURN_IF_ERROR(DecodeCapacity(m->value, &(*out)[std::string(View(m->name))]));
  }
  return base::Status();
}

}  // namespace

base::Status DecodeExpressionParams(Decoder& d, const Json& object, api::ExpressionParams* out) {
  if (const Json* names = Find(object, "ExpressionAttributeNames")) {
    OT_RETURN_IF_ERROR(ExpectMap(*names, "java.lang.String"));
    auto& map = out->expression_attribute_names.emplace();
    for (auto m = names->MemberBegin(); m != names->MemberEnd(); ++m) {
      if (m->value.IsNull()) continue;
      OT_RETURN_IF_ERROR(ExpectString(m->value));
      map.insert_or_assign(std::string(View(m->name)), std::string(View(m->value)));
    }
  }
  if (const Json* values = Find(object, "ExpressionAttributeValues")) {
    OT_RETURN_IF_ERROR(DecodeItem(d, *values, &out->expression_attribute_values.emplace(),
                                  {"ExpressionAttributeValues contains invalid value: ", true}));
  }
  return base::Status();
}

void WriteExpressionParams(JsonWriter& w, const api::ExpressionParams& params) {
  if (params.expression_attribute_names) {
    w.Name("ExpressionAttributeNames");
    w.StartObject();
    for (const auto& [name, value] : *params.expression_attribute_names) w.NameStr(name, value);
    w.EndObject();
  }
  if (params.expression_attribute_values) {
    w.Name("ExpressionAttributeValues");
    WriteItem(w, *params.expression_attribute_values);
  }
}

base::Status DecodeConditionParams(Decoder& d, const Json& object, api::ConditionParams* out) {
  OT_RETURN_IF_ERROR(GetString(object, "ConditionExpression", &out->condition_expression));
  if (const Json* expected = Find(object, "Expected")) {
    OT_RETURN_IF_ERROR(ExpectMap(*expected, ClassName("ExpectedAttributeValue")));
    auto& map = out->expected.emplace();
    for (auto m = expected->MemberBegin(); m != expected->MemberEnd(); ++m) {
      if (m->value.IsNull()) continue;
      const Json& e = m->value;
      OT_RETURN_IF_ERROR(ExpectObject(e, Slot::kElement, "ExpectedAttributeValue"));
      std::string_view attribute = View(m->name);
      model::ExpectedAttributeValue& entry = map[std::string(attribute)];
      if (const Json* value = Find(e, "Value")) {
        OT_RETURN_IF_ERROR(DecodeValue(d, *value, Slot::kField, &entry.value.emplace()));
      }
      OT_RETURN_IF_ERROR(GetBool(e, "Exists", &entry.exists));
      if (Find(e, "ComparisonOperator") != nullptr) {
        model::ComparisonOperator op{};
        bool present = false;
        OT_RETURN_IF_ERROR(GetEnum(d, e, "ComparisonOperator",
                                   MapMemberPath("expected", attribute, "comparisonOperator"),
                                   kComparisonOperator, &op, &present));
        if (present) entry.comparison_operator = op;
      }
      if (const Json* list = Find(e, "AttributeValueList")) {
        OT_RETURN_IF_ERROR(DecodeValueList(d, *list, &entry.attribute_value_list));
      }
    }
  }
  return GetEnum(d, object, "ConditionalOperator", "conditionalOperator", kConditionalOperator,
                 &out->conditional_operator);
}

void WriteConditionParams(JsonWriter& w, const api::ConditionParams& params) {
  if (params.condition_expression) w.NameStr("ConditionExpression", *params.condition_expression);
  if (params.expected) {
    w.Name("Expected");
    w.StartObject();
    for (const auto& [name, e] : *params.expected) {
      w.Name(name);
      w.StartObject();
      if (e.value) {
        w.Name("Value");
        WriteValue(w, *e.value);
      }
      if (e.exists) {
        w.Name("Exists");
        w.Bool(*e.exists);
      }
      if (e.comparison_operator) {
        WriteEnum(w, "ComparisonOperator", kComparisonOperator, *e.comparison_operator);
      }
      if (!e.attribute_value_list.empty()) {
        w.Name("AttributeValueList");
        w.StartArray();
        for (const auto& v : e.attribute_value_list) WriteValue(w, v);
        w.EndArray();
      }
      w.EndObject();
    }
    w.EndObject();
  }
  if (params.conditional_operator) {
    WriteEnum(w, "ConditionalOperator", kConditionalOperator, *params.conditional_operator);
  }
}

base::Status DecodeLegacyConditions(Decoder& d, const Json& object, std::string_view name,
                                    std::string_view path,
                                    std::optional<model::LegacyConditions>* out) {
  const Json* v = Find(object, name);
  if (v == nullptr) return base::Status();
  OT_RETURN_IF_ERROR(ExpectMap(*v, ClassName("Condition")));
  auto& map = out->emplace();
  for (auto m = v->MemberBegin(); m != v->MemberEnd(); ++m) {
    if (m->value.IsNull()) continue;
    const Json& c = m->value;
    OT_RETURN_IF_ERROR(ExpectObject(c, Slot::kElement, "Condition"));
    std::string_view attribute = View(m->name);
    model::LegacyCondition& entry = map[std::string(attribute)];
    if (const Json* list = Find(c, "AttributeValueList")) {
      OT_RETURN_IF_ERROR(DecodeValueList(d, *list, &entry.attribute_value_list));
    }
    OT_RETURN_IF_ERROR(GetRequiredEnum(d, c, "ComparisonOperator",
                                       MapMemberPath(path, attribute, "comparisonOperator"),
                                       kComparisonOperator, &entry.comparison_operator));
  }
  return base::Status();
}

void WriteLegacyConditions(JsonWriter& w, std::string_view name,
                           const model::LegacyConditions& conditions) {
  w.Name(name);
  w.StartObject();
  for (const auto& [attribute, c] : conditions) {
    w.Name(attribute);
    w.StartObject();
    if (!c.attribute_value_list.empty()) {
      w.Name("AttributeValueList");
      w.StartArray();
      for (const auto& v : c.attribute_value_list) WriteValue(w, v);
      w.EndArray();
    }
    WriteEnum(w, "ComparisonOperator", kComparisonOperator, c.comparison_operator);
    w.EndObject();
  }
  w.EndObject();
}

base::Status DecodeAttributeUpdates(Decoder& d, const Json& object,
                                    std::optional<model::AttributeUpdates>* out) {
  const Json* v = Find(object, "AttributeUpdates");
  if (v == nullptr) return base::Status();
  OT_RETURN_IF_ERROR(ExpectMap(*v, ClassName("AttributeValueUpdate")));
  auto& map = out->emplace();
  for (auto m = v->MemberBegin(); m != v->MemberEnd(); ++m) {
    if (m->value.IsNull()) continue;
    const Json& u = m->value;
    OT_RETURN_IF_ERROR(ExpectObject(u, Slot::kElement, "AttributeValueUpdate"));
    std::string_view attribute = View(m->name);
    model::AttributeValueUpdate& entry = map[std::string(attribute)];
    if (const Json* value = Find(u, "Value")) {
      OT_RETURN_IF_ERROR(DecodeValue(d, *value, Slot::kField, &entry.value.emplace()));
    }
    if (Find(u, "Action") != nullptr) {
      OT_RETURN_IF_ERROR(GetEnum(d, u, "Action",
                                 MapMemberPath("attributeUpdates", attribute, "action"),
                                 kAttributeAction, &entry.action));
    }
  }
  return base::Status();
}

void WriteAttributeUpdates(JsonWriter& w, const model::AttributeUpdates& updates) {
  w.Name("AttributeUpdates");
  w.StartObject();
  for (const auto& [attribute, u] : updates) {
    w.Name(attribute);
    w.StartObject();
    if (u.value) {
      w.Name("Value");
      WriteValue(w, *u.value);
    }
    WriteEnum(w, "Action", kAttributeAction, u.action);
    w.EndObject();
  }
  w.EndObject();
}

base::Status DecodeReadProjection(const Json& object, api::ReadProjection* out) {
  OT_RETURN_IF_ERROR(GetString(object, "ProjectionExpression", &out->projection_expression));
  if (Find(object, "AttributesToGet") != nullptr) {
    OT_RETURN_IF_ERROR(
        GetStringList(object, "AttributesToGet", &out->attributes_to_get.emplace()));
  }
  return base::Status();
}

void WriteReadProjection(JsonWriter& w, const api::ReadProjection& projection) {
  if (projection.projection_expression) {
    w.NameStr("ProjectionExpression", *projection.projection_expression);
  }
  if (projection.attributes_to_get) {
    w.Name("AttributesToGet");
    w.StartArray();
    for (const auto& a : *projection.attributes_to_get) w.Str(a);
    w.EndArray();
  }
}

base::Status DecodeWriteOptions(Decoder& d, const Json& object, api::WriteOptions* out) {
  OT_RETURN_IF_ERROR(
      GetEnum(d, object, "ReturnValues", "returnValues", kReturnValues, &out->return_values));
  OT_RETURN_IF_ERROR(GetEnum(d, object, "ReturnItemCollectionMetrics",
                             "returnItemCollectionMetrics", kReturnItemCollectionMetrics,
                             &out->return_item_collection_metrics));
  return GetEnum(d, object, "ReturnValuesOnConditionCheckFailure",
                 "returnValuesOnConditionCheckFailure", kReturnValuesOnConditionCheckFailure,
                 &out->return_values_on_condition_check_failure);
}

void WriteWriteOptions(JsonWriter& w, const api::WriteOptions& options) {
  if (options.return_values != api::ReturnValue::kNone) {
    WriteEnum(w, "ReturnValues", kReturnValues, options.return_values);
  }
  WriteReturnConsumedCapacity(w, options.return_consumed_capacity);
  if (options.return_item_collection_metrics != api::ReturnItemCollectionMetrics::kNone) {
    WriteEnum(w, "ReturnItemCollectionMetrics", kReturnItemCollectionMetrics,
              options.return_item_collection_metrics);
  }
  if (options.return_values_on_condition_check_failure !=
      api::ReturnValuesOnConditionCheckFailure::kNone) {
    WriteEnum(w, "ReturnValuesOnConditionCheckFailure", kReturnValuesOnConditionCheckFailure,
              options.return_values_on_condition_check_failure);
  }
}

base::Status GetReturnConsumedCapacity(Decoder& d, const Json& object,
                                       api::ReturnConsumedCapacity* out) {
  return GetEnum(d, object, "ReturnConsumedCapacity", "returnConsumedCapacity",
                 kReturnConsumedCapacity, out);
}

void WriteReturnConsumedCapacity(JsonWriter& w, api::ReturnConsumedCapacity value) {
  if (value != api::ReturnConsumedCapacity::kNone) {
    WriteEnum(w, "ReturnConsumedCapacity", kReturnConsumedCapacity, value);
  }
}

void WriteConsumedCapacity(JsonWriter& w, const api::ConsumedCapacity& capacity) {
  w.StartObject();
  w.NameStr("TableName", capacity.table_name);
  WriteCapacity(w, capacity.total);
  if (capacity.table) {
    w.Name("Table");
    w.StartObject();
    WriteCapacity(w, *capacity.table);
    w.EndObject();
  }
  WriteCapacityMap(w, "GlobalSecondaryIndexes", capacity.global_secondary_indexes);
  WriteCapacityMap(w, "LocalSecondaryIndexes", capacity.local_secondary_indexes);
  w.EndObject();
}

base::Status DecodeConsumedCapacity(const Json& v, api::ConsumedCapacity* out) {
  OT_RETURN_IF_ERROR(ExpectObject(v, Slot::kField, "ConsumedCapacity"));
  OT_RETURN_IF_ERROR(GetString(v, "TableName", &out->table_name));
  OT_RETURN_IF_ERROR(DecodeCapacity(v, &out->total));
  if (const Json* table = Find(v, "Table")) {
    OT_RETURN_IF_ERROR(ExpectObject(*table, Slot::kField, "Capacity"));
    OT_RETURN_IF_ERROR(DecodeCapacity(*table, &out->table.emplace()));
  }
  OT_RETURN_IF_ERROR(
      DecodeCapacityMap(v, "GlobalSecondaryIndexes", &out->global_secondary_indexes));
  return DecodeCapacityMap(v, "LocalSecondaryIndexes", &out->local_secondary_indexes);
}

base::Status GetConsumedCapacityList(const Json& object, std::vector<api::ConsumedCapacity>* out) {
  const Json* v = Find(object, "ConsumedCapacity");
  if (v == nullptr) return base::Status();
  OT_RETURN_IF_ERROR(ExpectList(*v));
  out->resize(v->Size());
  size_t i = 0;
  for (const Json& e : v->GetArray()) OT_RETURN_IF_ERROR(DecodeConsumedCapacity(e, &(*out)[i++]));
  return base::Status();
}

void WriteConsumedCapacityList(JsonWriter& w, const std::vector<api::ConsumedCapacity>& list) {
  if (list.empty()) return;
  w.Name("ConsumedCapacity");
  w.StartArray();
  for (const auto& c : list) WriteConsumedCapacity(w, c);
  w.EndArray();
}

void WriteItemCollectionMetrics(JsonWriter& w, const api::ItemCollectionMetrics& metrics) {
  w.StartObject();
  w.Name("ItemCollectionKey");
  WriteItem(w, metrics.item_collection_key);
  w.Name("SizeEstimateRangeGB");
  w.StartArray();
  for (double gb : metrics.size_estimate_range_gb) w.Double(gb);
  w.EndArray();
  w.EndObject();
}

base::Status DecodeItemCollectionMetrics(Decoder& d, const Json& v,
                                         api::ItemCollectionMetrics* out) {
  OT_RETURN_IF_ERROR(ExpectObject(v, Slot::kField, "ItemCollectionMetrics"));
  OT_RETURN_IF_ERROR(GetItem(d, v, "ItemCollectionKey", "itemCollectionKey", false,
                             &out->item_collection_key));
  if (const Json* range = Find(v, "SizeEstimateRangeGB")) {
    OT_RETURN_IF_ERROR(ExpectList(*range));
    for (const Json& e : range->GetArray()) {
      double gb = 0;
      OT_RETURN_IF_ERROR(ExpectDouble(e, &gb));
      out->size_estimate_range_gb.push_back(gb);
    }
  }
  return base::Status();
}

}  // namespace ordertrack::wire::internal
