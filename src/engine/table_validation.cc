#include "engine/internal/table_validation.h"

#include <set>

#include "engine/internal/tags.h"
#include "model/limits.h"
#include "model/table_name.h"
#include "model/validation.h"

namespace ordertrack::engine {
namespace {

using model::AttributeDefinition;
using model::InvalidParameterError;
using model::KeySchemaElement;

const AttributeDefinition* FindDefinition(const std::vector<AttributeDefinition>& defs,
                                          const std::string& name) {
  for (const auto& def : defs) {
    if (def.attribute_name == name) return &def;
  }
  return nullptr;
}

// Builds a KeySchema from key schema elements whose attributes are defined.
base::Result<model::KeySchema> ResolveKeySchema(const std::vector<KeySchemaElement>& elements,
                                                const std::vector<AttributeDefinition>& defs,
                                                std::string_view field) {
  if (elements.empty() || elements.size() > model::kMaxKeySchemaElements) {
    return model::ConstraintError(
        "Value at '" + std::string(field) +
        "' failed to satisfy constraint: Member must have length " +
        (elements.empty()
             ? "greater than or equal to 1"
             : "less than or equal to " + std::to_string(model::kMaxKeySchemaElements)));
  }
  if (elements[0].key_type != model::KeyType::kHash) {
    return base::ValidationError("Invalid KeySchema: The first KeySchemaElement is not a HASH key type");
  }
  if (elements.size() == 2 && elements[1].key_type != model::KeyType::kRange) {
    return base::ValidationError("Invalid KeySchema: The second KeySchemaElement is not a RANGE key type");
  }
  if (elements.size() == 2 && elements[0].attribute_name == elements[1].attribute_name) {
    return InvalidParameterError(
        "Both the Hash Key and the Range Key element in the KeySchema have the same name");
  }
  model::KeySchema key;
  for (const auto& element : elements) {
    const AttributeDefinition* def = FindDefinition(defs, element.attribute_name);
    if (def == nullptr) {
      return InvalidParameterError(
          "Some index key attributes are not defined in AttributeDefinitions. Keys: [" +
          element.attribute_name + "]");
    }
    if (element.key_type == model::KeyType::kHash) {
      key.partition_key = element.attribute_name;
      key.partition_type = def->attribute_type;
    } else {
      key.sort_key = element.attribute_name;
      key.sort_type = def->attribute_type;
    }
  }
  return key;
}

base::Status ValidateProjection(const model::Projection& projection) {
  bool include = projection.projection_type == model::ProjectionType::kInclude;
  if (include && projection.non_key_attributes.empty()) {
    return InvalidParameterError(
        "ProjectionType is INCLUDE, but NonKeyAttributes is not specified");
  }
  if (!include && !projection.non_key_attributes.empty()) {
    return InvalidParameterError(
        "ProjectionType is " + std::string(model::ProjectionTypeName(projection.projection_type)) +
        ", but NonKeyAttributes is specified");
  }
  if (projection.non_key_attributes.size() > model::kMaxProjectedNonKeyAttributes) {
    return InvalidParameterError("The number of projected attributes exceeds the limit of " +
                                 std::to_string(model::kMaxProjectedNonKeyAttributes));
  }
  return base::Status();
}

base::Status ValidateThroughput(const model::ProvisionedThroughput& t, std::string_view field) {
  for (auto [value, name] : {std::pair{t.read_capacity_units, "readCapacityUnits"},
                             std::pair{t.write_capacity_units, "writeCapacityUnits"}}) {
    if (value < 1) {
      return model::ConstraintError("Value '" + std::to_string(value) + "' at '" +
                                    std::string(field) + "." + name +
                                    "' failed to satisfy constraint: Member must have value "
                                    "greater than or equal to 1");
    }
  }
  return base::Status();
}

base::Status ValidateIndexThroughput(const TableInfo& table, const std::string& index_name,
                                     const std::optional<model::ProvisionedThroughput>& t) {
  if (table.billing_mode == model::BillingMode::kPayPerRequest) {
    if (t) {
      return InvalidParameterError("ProvisionedThroughput should not be specified for index: " +
                                   index_name + " when BillingMode is PAY_PER_REQUEST");
    }
    return base::Status();
  }
  if (!t) {
    return InvalidParameterError("ProvisionedThroughput is not specified for index: " + index_name);
  }
  return ValidateThroughput(*t, "globalSecondaryIndexes.member.provisionedThroughput");
}

}  // namespace

base::Status ValidateTableName(std::string_view name, std::string_view field) {
  std::vector<std::string_view> violations = model::TableNameViolations(name);
  if (violations.empty()) return base::Status();
  std::vector<std::string> constraints;
  for (std::string_view violation : violations) {
    constraints.push_back("Value '" + std::string(name) + "' at '" + std::string(field) +
                          "' failed to satisfy constraint: Member must " + std::string(violation));
  }
  return model::ConstraintErrors(constraints);
}

base::Result<IndexInfo> IndexFromCreate(const TableInfo& table,
                                        const std::vector<AttributeDefinition>& definitions,
                                        const api::GlobalSecondaryIndex& request) {
  OT_RETURN_IF_ERROR(ValidateTableName(request.index_name, "indexName"));
  IndexInfo index;
  index.name = request.index_name;
  index.global = true;
  OT_ASSIGN_OR_RETURN(index.key, ResolveKeySchema(request.key_schema, definitions,
                                                  "globalSecondaryIndexes.member.keySchema"));
  OT_RETURN_IF_ERROR(ValidateProjection(request.projection));
  index.projection = request.projection;
  OT_RETURN_IF_ERROR(ValidateIndexThroughput(table, index.name, request.provisioned_throughput));
  index.throughput = request.provisioned_throughput;
  return index;
}

base::Result<TableInfo> TableFromCreateRequest(const api::CreateTableRequest& request) {
  OT_RETURN_IF_ERROR(ValidateTableName(request.table_name));
  TableInfo table;
  table.name = request.table_name;
  std::set<std::string> defined;
  for (const auto& def : request.attribute_definitions) {
    if (def.attribute_type != model::Type::kS && def.attribute_type != model::Type::kN &&
        def.attribute_type != model::Type::kB) {
      return model::ConstraintError(
          "Value '" + std::string(model::TypeName(def.attribute_type)) +
          "' at 'attributeDefinitions.member.attributeType' failed to satisfy constraint: Member "
          "must satisfy enum value set: [B, N, S]");
    }
    if (!defined.insert(def.attribute_name).second) {
      return InvalidParameterError("Duplicate AttributeName in AttributeDefinitions: " +
                                   def.attribute_name);
    }
  }
  table.attribute_definitions = request.attribute_definitions;
  OT_RETURN_IF_ERROR(ValidateTags(request.tags));
  MergeTags(request.tags, &table);
  OT_ASSIGN_OR_RETURN(table.key, ResolveKeySchema(request.key_schema, request.attribute_definitions,
                                                  "keySchema"));

  table.billing_mode = request.billing_mode.value_or(model::BillingMode::kProvisioned);
  if (table.billing_mode == model::BillingMode::kProvisioned) {
    if (!request.provisioned_throughput) {
      return InvalidParameterError(
          "ReadCapacityUnits and WriteCapacityUnits must both be specified when "
          "BillingMode is PROVISIONED");
    }
    OT_RETURN_IF_ERROR(ValidateThroughput(*request.provisioned_throughput, "provisionedThroughput"));
    table.throughput = *request.provisioned_throughput;
  } else if (request.provisioned_throughput) {
    return InvalidParameterError(
        "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when "
        "BillingMode is PAY_PER_REQUEST");
  }

  if (request.global_secondary_indexes.size() > model::kMaxGlobalIndexes) {
    return InvalidParameterError("GlobalSecondaryIndex count exceeds the per-table limit of " +
                                 std::to_string(model::kMaxGlobalIndexes));
  }
  if (request.local_secondary_indexes.size() > model::kMaxLocalIndexes) {
    return InvalidParameterError("Number of LocalSecondaryIndexes exceeds per-table limit of " +
                                 std::to_string(model::kMaxLocalIndexes));
  }
  std::set<std::string> index_names;
  std::set<std::string> used = {table.key.partition_key};
  if (table.key.sort_key) used.insert(*table.key.sort_key);
  auto note_index = [&](IndexInfo index) -> base::Status {
    if (!index_names.insert(index.name).second) {
      return InvalidParameterError("Duplicate index name: " + index.name);
    }
    used.insert(index.key.partition_key);
    if (index.key.sort_key) used.insert(*index.key.sort_key);
    index.index_no = table.next_index_no++;
    table.indexes.push_back(std::move(index));
    return base::Status();
  };
  for (const auto& gsi : request.global_secondary_indexes) {
    OT_ASSIGN_OR_RETURN(IndexInfo index, IndexFromCreate(table, request.attribute_definitions, gsi));
    OT_RETURN_IF_ERROR(note_index(std::move(index)));
  }
  for (const auto& lsi : request.local_secondary_indexes) {
    if (!table.key.sort_key) {
      return InvalidParameterError(
          "Table KeySchema does not have a range key, which is required when "
          "specifying a LocalSecondaryIndex");
    }
    OT_RETURN_IF_ERROR(ValidateTableName(lsi.index_name, "indexName"));
    IndexInfo index;
    index.name = lsi.index_name;
    index.global = false;
    OT_ASSIGN_OR_RETURN(index.key, ResolveKeySchema(lsi.key_schema, request.attribute_definitions,
                                                    "localSecondaryIndexes.member.keySchema"));
    if (!index.key.sort_key) {
      return InvalidParameterError("Index KeySchema does not have a range key for index: " +
                                   index.name);
    }
    if (index.key.partition_key != table.key.partition_key) {
      return InvalidParameterError(
          "Index KeySchema does not have the same leading hash key as table KeySchema for index: " +
          index.name + ". index hash key: " + index.key.partition_key +
          ", table hash key: " + table.key.partition_key);
    }
    OT_RETURN_IF_ERROR(ValidateProjection(lsi.projection));
    index.projection = lsi.projection;
    OT_RETURN_IF_ERROR(note_index(std::move(index)));
  }
  if (used.size() != defined.size()) {
    return InvalidParameterError(
        "Number of attributes in KeySchema does not exactly match number of attributes "
        "defined in AttributeDefinitions");
  }
  return table;
}

}  // namespace ordertrack::engine
