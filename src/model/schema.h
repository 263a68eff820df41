// File: model/schema.h
// A table's shape as DynamoDB describes it: key schema, attribute
// definitions, secondary indexes and their projections, billing settings.
// Plain value types shared by the api (requests) and the engine (catalog).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/attribute_value.h"

namespace ordertrack::model {

// Not persisted: the catalog stores a key schema as attribute names and types.
enum class KeyType : uint8_t { kHash = 1, kRange = 2 };

struct KeySchemaElement {
  std::string attribute_name;
  KeyType key_type = KeyType::kHash;
  bool operator==(const KeySchemaElement&) const = default;
};

// Key attributes are S, N or B.
struct AttributeDefinition {
  std::string attribute_name;
  Type attribute_type = Type::kS;
  bool operator==(const AttributeDefinition&) const = default;
};

// DO NOT CHANGE THESE VALUES: they are persisted in the catalog
// (engine/catalog_codec.cc, whose decoder refuses values outside the range).
// A new value goes at the end, and into the decoder's range.
enum class ProjectionType : uint8_t { kAll = 1, kKeysOnly = 2, kInclude = 3 };

struct Projection {
  ProjectionType projection_type = ProjectionType::kAll;
  std::vector<std::string> non_key_attributes;  // INCLUDE only
  bool operator==(const Projection&) const = default;
};

struct ProvisionedThroughput {
  int64_t read_capacity_units = 0;
  int64_t write_capacity_units = 0;
  bool operator==(const ProvisionedThroughput&) const = default;
};

// Persisted in the catalog, as ProjectionType: DO NOT CHANGE THESE VALUES.
enum class BillingMode : uint8_t { kProvisioned = 1, kPayPerRequest = 2 };

// Persisted in the catalog, as ProjectionType: DO NOT CHANGE THESE VALUES.
enum class IndexStatus : uint8_t { kCreating = 1, kUpdating = 2, kDeleting = 3, kActive = 4 };

// Not persisted: a table's status is worked out when it is described.
enum class TableStatus : uint8_t { kCreating = 1, kUpdating = 2, kDeleting = 3, kActive = 4 };

std::string_view IndexStatusName(IndexStatus s);    // "ACTIVE", ...
std::string_view TableStatusName(TableStatus s);    // "ACTIVE", ...
std::string_view ProjectionTypeName(ProjectionType t);  // "ALL", "KEYS_ONLY", "INCLUDE"

// The key attributes of a table or index: a partition key and an optional sort key.
struct KeySchema {
  std::string partition_key;
  Type partition_type = Type::kS;
  std::optional<std::string> sort_key;
  Type sort_type = Type::kS;
  bool operator==(const KeySchema&) const = default;
};

// Persisted in the catalog, as ProjectionType: DO NOT CHANGE THESE VALUES.
enum class StreamViewType : uint8_t {
  kNewImage = 1,
  kOldImage = 2,
  kNewAndOldImages = 3,
  kKeysOnly = 4
};

// A table's stream setting, as CreateTable and UpdateTable take it and
// DescribeTable shows it.
struct StreamSpecification {
  bool stream_enabled = false;
  std::optional<StreamViewType> stream_view_type;
  bool operator==(const StreamSpecification&) const = default;
};

struct IndexDescription {
  std::string index_name;
  std::vector<KeySchemaElement> key_schema;
  Projection projection;
  std::optional<ProvisionedThroughput> provisioned_throughput;  // global indexes
  IndexStatus index_status = IndexStatus::kActive;
  bool backfilling = false;
  int64_t item_count = 0;
  int64_t index_size_bytes = 0;
  std::string index_arn;
  bool operator==(const IndexDescription&) const = default;
};

struct TableDescription {
  std::string table_name;
  std::string table_id;
  std::string table_arn;
  TableStatus table_status = TableStatus::kActive;
  std::vector<KeySchemaElement> key_schema;
  std::vector<AttributeDefinition> attribute_definitions;
  std::vector<IndexDescription> global_secondary_indexes;
  std::vector<IndexDescription> local_secondary_indexes;
  BillingMode billing_mode = BillingMode::kProvisioned;
  ProvisionedThroughput provisioned_throughput;
  double creation_date_time = 0;  // seconds since the epoch
  // When the table last became on-demand (created so, or switched), if ever.
  std::optional<double> last_update_to_pay_per_request_date_time;
  int64_t item_count = 0;
  int64_t table_size_bytes = 0;
  // Present while the table has a stream; the latest stream's ARN and label
  // stay after it is disabled, as DynamoDB shows them.
  std::optional<StreamSpecification> stream_specification;
  std::optional<std::string> latest_stream_arn;
  std::optional<std::string> latest_stream_label;
  bool operator==(const TableDescription&) const = default;
};

}  // namespace ordertrack::model
