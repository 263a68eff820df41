// File: engine/internal/table_info.h
// TableInfo: what the engine knows of one table (schema, indexes, TTL), and
// the key computations every operation shares: validating keys, encoding a
// table row key and an index entry key, projecting an item into an index.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "model/attribute_value.h"
#include "model/schema.h"

namespace ordertrack::engine {

// The region and account in the ARNs of an embedded store.
inline constexpr char kRegion[] = "local";
inline constexpr char kAccount[] = "000000000000";

struct IndexInfo {
  std::string name;
  uint16_t index_no = 0;  // > 0; 0 is the table itself. Never reused within a table.
  bool global = true;
  model::KeySchema key;
  model::Projection projection;
  std::optional<model::ProvisionedThroughput> throughput;
  model::IndexStatus status = model::IndexStatus::kActive;
};

// A table's latest stream (internal/stream_log.h has the stream itself).
struct TableStream {
  uint32_t stream_no = 0;
  model::StreamViewType view_type = model::StreamViewType::kKeysOnly;
  bool enabled = false;  // false once disabled: DescribeTable still names it
  double created = 0;    // gives its label and ARN
};

struct TableInfo {
  uint32_t id = 0;
  std::string name;
  model::KeySchema key;
  std::vector<model::AttributeDefinition> attribute_definitions;
  std::vector<IndexInfo> indexes;
  model::BillingMode billing_mode = model::BillingMode::kProvisioned;
  model::ProvisionedThroughput throughput;
  double created = 0;
  uint16_t next_index_no = 1;
  std::optional<std::string> ttl_attribute;
  // Seconds since the epoch when the table last became on-demand, if ever.
  std::optional<double> last_update_to_pay_per_request;
  std::vector<std::pair<std::string, std::string>> tags;  // key, value; keys unique
  std::optional<TableStream> stream;

  // Null when the table has no index of that name.
  const IndexInfo* FindIndex(std::string_view index_name) const;
  std::string Arn() const;
};

// `key` as DynamoDB describes a key schema.
std::vector<model::KeySchemaElement> KeyElements(const model::KeySchema& key);

// The key attributes of `item` under `key` (those present).
model::Item ExtractKey(const model::KeySchema& key, const model::Item& item);

// Checks an item about to be written: key attributes present, of their
// types, non-empty and within size limits; index key attributes, where
// present, of their defined types and non-empty. DynamoDB's messages.
base::Status ValidateItemKeys(const TableInfo& table, const model::Item& item);

// Checks that `key` holds exactly the table's key attributes, of their types
// ("The provided key element does not match the schema").
base::Status ValidateKey(const TableInfo& table, const model::Item& key);

// The stored key of the table row for `item` (or a key). REQUIRES: validated.
std::string TableRowKey(const TableInfo& table, const model::Item& item);

// The stored key of `item`'s entry in `index`, or nullopt when the item lacks
// an index key attribute (indexes are sparse). REQUIRES: validated.
std::optional<std::string> IndexEntryKey(const TableInfo& table, const IndexInfo& index,
                                         const model::Item& item);

// The partition part (up to and including enc(pk)) of a table or index key,
// for the partition key value `pk`.
std::string PartitionPrefix(uint32_t table_id, uint16_t index_no, const model::AttributeValue& pk);

// The attributes of `item` that `index` projects (all key attributes always).
model::Item ProjectForIndex(const TableInfo& table, const IndexInfo& index,
                            const model::Item& item);

}  // namespace ordertrack::engine
