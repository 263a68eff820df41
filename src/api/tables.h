// File: api/tables.h
// Requests and responses of the table operations: CreateTable, DescribeTable,
// ListTables, DeleteTable, UpdateTable, and time to live.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/schema.h"

namespace ordertrack::api {

struct GlobalSecondaryIndex {
  std::string index_name;
  std::vector<model::KeySchemaElement> key_schema;
  model::Projection projection;
  std::optional<model::ProvisionedThroughput> provisioned_throughput;
  bool operator==(const GlobalSecondaryIndex&) const = default;
};

struct LocalSecondaryIndex {
  std::string index_name;
  std::vector<model::KeySchemaElement> key_schema;
  model::Projection projection;
  bool operator==(const LocalSecondaryIndex&) const = default;
};

struct Tag {
  std::string key;
  std::string value;
  bool operator==(const Tag&) const = default;
};

struct CreateTableRequest {
  std::string table_name;
  std::vector<model::AttributeDefinition> attribute_definitions;
  std::vector<model::KeySchemaElement> key_schema;
  std::vector<GlobalSecondaryIndex> global_secondary_indexes;
  std::vector<LocalSecondaryIndex> local_secondary_indexes;
  std::optional<model::BillingMode> billing_mode;
  std::optional<model::ProvisionedThroughput> provisioned_throughput;
  std::vector<Tag> tags;
  std::optional<model::StreamSpecification> stream_specification;
  bool operator==(const CreateTableRequest&) const = default;
};

struct DescribeTableRequest {
  std::string table_name;
  bool operator==(const DescribeTableRequest&) const = default;
};

struct ListTablesRequest {
  std::optional<std::string> exclusive_start_table_name;
  std::optional<int64_t> limit;  // 1..100, default 100
  bool operator==(const ListTablesRequest&) const = default;
};
struct ListTablesResponse {
  std::vector<std::string> table_names;
  std::optional<std::string> last_evaluated_table_name;
  bool operator==(const ListTablesResponse&) const = default;
};

struct DeleteTableRequest {
  std::string table_name;
  bool operator==(const DeleteTableRequest&) const = default;
};

// One entry of UpdateTable's GlobalSecondaryIndexUpdates: exactly one of the three.
struct GlobalSecondaryIndexUpdate {
  std::optional<GlobalSecondaryIndex> create;
  std::optional<std::string> delete_index_name;
  struct Update {
    std::string index_name;
    model::ProvisionedThroughput provisioned_throughput;
    bool operator==(const Update&) const = default;
  };
  std::optional<Update> update;
  bool operator==(const GlobalSecondaryIndexUpdate&) const = default;
};

struct SseSpecification {
  std::optional<bool> enabled;
  std::optional<std::string> sse_type;  // "AES256" or "KMS"
  std::optional<std::string> kms_master_key_id;
  bool operator==(const SseSpecification&) const = default;
};

enum class TableClass : uint8_t { kStandard, kStandardInfrequentAccess };

struct OnDemandThroughput {
  std::optional<int64_t> max_read_request_units;
  std::optional<int64_t> max_write_request_units;
  bool operator==(const OnDemandThroughput&) const = default;
};

struct WarmThroughput {
  std::optional<int64_t> read_units_per_second;
  std::optional<int64_t> write_units_per_second;
  bool operator==(const WarmThroughput&) const = default;
};

// One entry of ReplicaUpdates (global tables): exactly one of the three. Of
// the replica's settings only the KMS key and table class are modeled: the
// per-replica throughput and index overrides are not (docs/compatibility.md).
struct ReplicaUpdate {
  struct Replica {
    std::string region_name;
    std::optional<std::string> kms_master_key_id;
    std::optional<TableClass> table_class_override;
    bool operator==(const Replica&) const = default;
  };
  std::optional<Replica> create;
  std::optional<Replica> update;
  std::optional<std::string> delete_region_name;
  bool operator==(const ReplicaUpdate&) const = default;
};

// The settings of UpdateTable that the embedded engine accepts and does not
// act on (docs/compatibility.md); the remote backend forwards them.
struct UnenforcedTableSettings {
  std::optional<SseSpecification> sse_specification;
  std::vector<ReplicaUpdate> replica_updates;
  std::optional<TableClass> table_class;
  std::optional<bool> deletion_protection_enabled;
  std::optional<OnDemandThroughput> on_demand_throughput;
  std::optional<WarmThroughput> warm_throughput;
  bool empty() const { return *this == UnenforcedTableSettings(); }
  bool operator==(const UnenforcedTableSettings&) const = default;
};

struct UpdateTableRequest {
  std::string table_name;
  std::vector<model::AttributeDefinition> attribute_definitions;
  std::optional<model::BillingMode> billing_mode;
  std::optional<model::ProvisionedThroughput> provisioned_throughput;
  std::vector<GlobalSecondaryIndexUpdate> global_secondary_index_updates;
  std::optional<model::StreamSpecification> stream_specification;
  UnenforcedTableSettings unenforced;
  bool operator==(const UpdateTableRequest&) const = default;
};

struct TimeToLiveSpecification {
  bool enabled = false;
  std::string attribute_name;
  bool operator==(const TimeToLiveSpecification&) const = default;
};

struct UpdateTimeToLiveRequest {
  std::string table_name;
  TimeToLiveSpecification time_to_live_specification;
  bool operator==(const UpdateTimeToLiveRequest&) const = default;
};

struct DescribeTimeToLiveRequest {
  std::string table_name;
  bool operator==(const DescribeTimeToLiveRequest&) const = default;
};
struct TimeToLiveDescription {
  std::string time_to_live_status;  // "ENABLED" or "DISABLED"
  std::optional<std::string> attribute_name;
  bool operator==(const TimeToLiveDescription&) const = default;
};

struct TagResourceRequest {
  std::string resource_arn;
  std::vector<Tag> tags;
  bool operator==(const TagResourceRequest&) const = default;
};
struct UntagResourceRequest {
  std::string resource_arn;
  std::vector<std::string> tag_keys;
  bool operator==(const UntagResourceRequest&) const = default;
};
// TagResource and UntagResource answer nothing but their outcome.
struct TagResourceResponse {
  bool operator==(const TagResourceResponse&) const = default;
};
using UntagResourceResponse = TagResourceResponse;

struct ListTagsOfResourceRequest {
  std::string resource_arn;
  std::optional<std::string> next_token;
  bool operator==(const ListTagsOfResourceRequest&) const = default;
};
struct ListTagsOfResourceResponse {
  std::vector<Tag> tags;
  std::optional<std::string> next_token;
  bool operator==(const ListTagsOfResourceResponse&) const = default;
};

struct Endpoint {
  std::string address;
  int64_t cache_period_in_minutes = 1440;
  bool operator==(const Endpoint&) const = default;
};
struct DescribeEndpointsResponse {
  std::vector<Endpoint> endpoints;
  bool operator==(const DescribeEndpointsResponse&) const = default;
};

struct DescribeLimitsResponse {
  int64_t account_max_read_capacity_units = 80000;
  int64_t account_max_write_capacity_units = 80000;
  int64_t table_max_read_capacity_units = 40000;
  int64_t table_max_write_capacity_units = 40000;
  bool operator==(const DescribeLimitsResponse&) const = default;
};

}  // namespace ordertrack::api
