// File: api/tables.h
// Requests and responses of the table operations: CreateTable, DescribeTable,
// ListTables, DeleteTable, UpdateTable, and time to live.
#pragma once

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
};

struct LocalSecondaryIndex {
  std::string index_name;
  std::vector<model::KeySchemaElement> key_schema;
  model::Projection projection;
};

struct Tag {
  std::string key;
  std::string value;
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
};

struct DescribeTableRequest {
  std::string table_name;
};

struct ListTablesRequest {
  std::optional<std::string> exclusive_start_table_name;
  std::optional<int64_t> limit;  // 1..100, default 100
};
struct ListTablesResponse {
  std::vector<std::string> table_names;
  std::optional<std::string> last_evaluated_table_name;
};

struct DeleteTableRequest {
  std::string table_name;
};

// One entry of UpdateTable's GlobalSecondaryIndexUpdates: exactly one of the three.
struct GlobalSecondaryIndexUpdate {
  std::optional<GlobalSecondaryIndex> create;
  std::optional<std::string> delete_index_name;
  struct Update {
    std::string index_name;
    model::ProvisionedThroughput provisioned_throughput;
  };
  std::optional<Update> update;
};

struct UpdateTableRequest {
  std::string table_name;
  std::vector<model::AttributeDefinition> attribute_definitions;
  std::optional<model::BillingMode> billing_mode;
  std::optional<model::ProvisionedThroughput> provisioned_throughput;
  std::vector<GlobalSecondaryIndexUpdate> global_secondary_index_updates;
  // The request also named a setting we accept and do not act on (streams,
  // encryption, replicas, table class, deletion protection...).
  bool other_settings = false;
};

struct TimeToLiveSpecification {
  bool enabled = false;
  std::string attribute_name;
};

struct UpdateTimeToLiveRequest {
  std::string table_name;
  TimeToLiveSpecification time_to_live_specification;
};

struct DescribeTimeToLiveRequest {
  std::string table_name;
};
struct TimeToLiveDescription {
  std::string time_to_live_status;  // "ENABLED" or "DISABLED"
  std::optional<std::string> attribute_name;
};

struct TagResourceRequest {
  std::string resource_arn;
  std::vector<Tag> tags;
};
struct UntagResourceRequest {
  std::string resource_arn;
  std::vector<std::string> tag_keys;
};
struct ListTagsOfResourceRequest {
  std::string resource_arn;
  std::optional<std::string> next_token;
};
struct ListTagsOfResourceResponse {
  std::vector<Tag> tags;
  std::optional<std::string> next_token;
};

struct Endpoint {
  std::string address;
  int64_t cache_period_in_minutes = 1440;
};
struct DescribeEndpointsResponse {
  std::vector<Endpoint> endpoints;
};

struct DescribeLimitsResponse {
  int64_t account_max_read_capacity_units = 80000;
  int64_t account_max_write_capacity_units = 80000;
  int64_t table_max_read_capacity_units = 40000;
  int64_t table_max_write_capacity_units = 40000;
};

}  // namespace ordertrack::api
