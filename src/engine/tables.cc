// The table operations of EmbeddedDynamoDb: opening the store and loading the
// catalog, CreateTable, DescribeTable, ListTables, DeleteTable, UpdateTable,
// and time to live settings.
#include <algorithm>
#include <chrono>
#include <set>

#include "engine/internal/catalog_codec.h"
#include "engine/embedded_dynamodb.h"
#include "engine/internal/item_lock.h"
#include "engine/internal/key_codec.h"
#include "engine/internal/table_validation.h"
#include "model/limits.h"
#include "model/validation.h"

namespace ordertrack::engine {
namespace {

base::Status TableNotFound(std::string_view name) {
  return base::NotFoundError("Requested resource not found: Table: " + std::string(name) +
                             " not found");
}

// UpdateTable may create or delete one global index, and change the
// throughput of any number of them, each named once.
base::Status CheckOneChangePerIndex(const std::vector<api::GlobalSecondaryIndexUpdate>& updates) {
  size_t creates_and_deletes = 0;
  std::set<std::string> named;
  bool repeated = false;
  for (const auto& u : updates) {
    if (u.create || u.delete_index_name) ++creates_and_deletes;
    const std::string& name =
        u.create ? u.create->index_name : u.delete_index_name ? *u.delete_index_name : u.update->index_name;
    repeated = repeated || !named.insert(name).second;
  }
  if (creates_and_deletes > 1 || repeated) {
    return model::InvalidParameterError(
        "Only one global secondary index update per index is allowed simultaneously.");
  }
  return base::Status();
}

// A table switched to PROVISIONED needs throughput for each of its global
// indexes in the same request.
base::Status CheckIndexThroughputGiven(const TableInfo& table,
                                       const std::vector<api::GlobalSecondaryIndexUpdate>& updates) {
  std::string missing;
  for (const auto& index : table.indexes) {
    if (!index.global) continue;
    bool given = std::any_of(updates.begin(), updates.end(), [&](const auto& u) {
      return u.update && u.update->index_name == index.name;
    });
    if (!given) missing += (missing.empty() ? "" : ",") + index.name;
  }
  if (missing.empty()) return base::Status();
  return model::InvalidParameterError("ProvisionedThroughput must be specified for index: " +
                                      missing);
}

// DynamoDB changes a table's stream apart from its throughput and indexes.
base::Status CheckStreamChangeAlone(const api::UpdateTableRequest& r) {
  if (!r.stream_specification) return base::Status();
  if (r.provisioned_throughput || r.billing_mode == model::BillingMode::kProvisioned) {
    return model::InvalidParameterError(
        "You cannot modify stream status while updating table IOPS");
  }
  for (const auto& update : r.global_secondary_index_updates) {
    if (update.create || update.delete_index_name) {
      return model::InvalidParameterError(
          "You cannot create or delete index while changing stream status");
    }
  }
  return base::Status();
}

}  // namespace

EmbeddedDynamoDb::EmbeddedDynamoDb(std::unique_ptr<kv::Store> store, EngineOptions options)
    : store_(std::move(store)), options_(std::move(options)) {}

EmbeddedDynamoDb::~EmbeddedDynamoDb() {
  StoreAllGroups();
  {
    base::MutexLock lock(background_mu_);
    stopping_ = true;
  }
  background_cv_.NotifyAll();
  if (sweeper_.joinable()) sweeper_.join();
  std::vector<std::thread> threads;
  {
    base::MutexLock lock(background_mu_);
    threads.swap(backfill_threads_);
  }
  for (auto& t : threads) t.join();
}

base::Result<std::unique_ptr<EmbeddedDynamoDb>> EmbeddedDynamoDb::Open(const std::string& path,
                                                                       EngineOptions options) {
  OT_ASSIGN_OR_RETURN(auto store, kv::Store::Open(path, options.store));
  if (options.wrap_store) store = options.wrap_store(std::move(store));
  std::unique_ptr<EmbeddedDynamoDb> db(new EmbeddedDynamoDb(std::move(store), std::move(options)));
  OT_RETURN_IF_ERROR(db->LoadCatalog());
  if (db->options_.ttl_sweep_interval.count() > 0) {
    db->sweeper_ = std::thread([raw = db.get()] { raw->SweeperLoop(); });
  }
  return db;
}

double EmbeddedDynamoDb::Now() const {
  if (options_.clock) return options_.clock();
  using namespace std::chrono;
  return duration<double>(system_clock::now().time_since_epoch()).count();
}

base::Status EmbeddedDynamoDb::LoadCatalog() {
  OT_RETURN_IF_ERROR(LoadStreams());
  std::string start(1, kCatalogTag);
  auto it = store_->NewIterator(start, PrefixSuccessor(start));
  std::vector<std::shared_ptr<const TableInfo>> resume;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    OT_ASSIGN_OR_RETURN(TableInfo table, DecodeTableInfo(it->value()));
    auto shared = std::make_shared<const TableInfo>(std::move(table));
    {
      base::WriterLock lock(catalog_mu_);  // uncontended: the engine is not shared yet
      tables_[shared->name] = shared;
    }
    resume.push_back(shared);
  }
  OT_RETURN_IF_ERROR(it->status());
  // A backfill that a restart interrupted starts over; it is idempotent.
  for (const auto& table : resume) {
    for (const auto& index : table->indexes) {
      if (index.status == model::IndexStatus::kCreating) StartBackfill(table, index.index_no);
    }
  }
  return base::Status();
}

base::Result<std::shared_ptr<const TableInfo>> EmbeddedDynamoDb::FindTable(
    std::string_view name) const {
  base::ReaderLock lock(catalog_mu_);
  auto it = tables_.find(name);
  if (it == tables_.end()) return TableNotFound(name);
  return it->second;
}

base::Result<std::shared_ptr<const TableInfo>> EmbeddedDynamoDb::FindTableForItems(
    std::string_view name) const {
  auto table = FindTable(name);
  if (!table.ok()) return base::NotFoundError("Requested resource not found");
  return table;
}

base::Status EmbeddedDynamoDb::SaveTable(std::shared_ptr<const TableInfo> table,
                                         kv::WriteBatch* also) {
  CatalogChange change(*this);
  kv::WriteBatch own;
  kv::WriteBatch& batch = also ? *also : own;
  batch.Put(CatalogKey(table->name), EncodeTableInfo(*table));
  OT_RETURN_IF_ERROR(store_->Write(batch));
  base::WriterLock lock(catalog_mu_);
  tables_[table->name] = std::move(table);
  return base::Status();
}

model::TableDescription EmbeddedDynamoDb::Describe(const TableInfo& table) {
  auto counters = store_->GetCounters(StatsKey(table.id));
  auto counter = [&](uint16_t index_no, char kind) -> int64_t {
    size_t slot = 2 * size_t{index_no} + (kind == 'b' ? 1 : 0);
    return counters.ok() && slot < counters->size() ? (*counters)[slot] : 0;
  };
  model::TableDescription d;
  d.table_name = table.name;
  d.table_id = std::to_string(table.id);
  d.table_arn = table.Arn();
  d.key_schema = KeyElements(table.key);
  d.attribute_definitions = table.attribute_definitions;
  d.billing_mode = table.billing_mode;
  d.provisioned_throughput = table.throughput;
  d.creation_date_time = table.created;
  d.last_update_to_pay_per_request_date_time = table.last_update_to_pay_per_request;
  d.item_count = counter(0, 'n');
  d.table_size_bytes = counter(0, 'b');
  bool updating = false;
  for (const auto& index : table.indexes) {
    model::IndexDescription id;
    id.index_name = index.name;
    id.key_schema = KeyElements(index.key);
    id.projection = index.projection;
    id.provisioned_throughput = index.throughput;
    id.index_status = index.status;
    id.backfilling = index.status == model::IndexStatus::kCreating;
    id.item_count = counter(index.index_no, 'n');
    id.index_size_bytes = counter(index.index_no, 'b');
    id.index_arn = table.Arn() + "/index/" + index.name;
    updating = updating || index.status != model::IndexStatus::kActive;
    (index.global ? d.global_secondary_indexes : d.local_secondary_indexes).push_back(std::move(id));
  }
  d.table_status = updating ? model::TableStatus::kUpdating : model::TableStatus::kActive;
  DescribeStreamOf(table, &d);
  return d;
}

base::Result<model::TableDescription> EmbeddedDynamoDb::CreateTable(
    const api::CreateTableRequest& r) {
  OT_ASSIGN_OR_RETURN(TableInfo table, TableFromCreateRequest(r));
  base::MutexLock ddl(ddl_mu_);
  if (FindTable(table.name).ok()) {
    return base::InUseError("Table already exists: " + table.name);
  }
  OT_ASSIGN_OR_RETURN(auto last_id, store_->GetCounters(kTableIdCounterKey));
  table.id = static_cast<uint32_t>((last_id.empty() ? 0 : last_id[0]) + 1);
  table.created = Now();
  if (table.billing_mode == model::BillingMode::kPayPerRequest) {
    table.last_update_to_pay_per_request = table.created;
  }
  kv::WriteBatch batch;
  StreamChange stream_change(&streams_);
  OT_RETURN_IF_ERROR(ApplyStreamSpecification(r.stream_specification, /*creating=*/true, &table,
                                              &batch, &stream_change));
  batch.AddToCounters(kTableIdCounterKey, {1});
  batch.Put(CatalogKey(table.name), EncodeTableInfo(table));
  OT_RETURN_IF_ERROR(store_->Write(batch));
  stream_change.Stored();
  auto shared = std::make_shared<const TableInfo>(std::move(table));
  {
    base::WriterLock lock(catalog_mu_);
    tables_[shared->name] = shared;
  }
  // DynamoDB answers CREATING and turns ACTIVE later; an embedded table is
  // usable at once, so it is ACTIVE from the first answer.
  return Describe(*shared);
}

base::Result<model::TableDescription> EmbeddedDynamoDb::DescribeTable(
    const api::DescribeTableRequest& r) {
  OT_ASSIGN_OR_RETURN(auto table, FindTable(r.table_name));
  return Describe(*table);
}

base::Result<api::ListTablesResponse> EmbeddedDynamoDb::ListTables(const api::ListTablesRequest& r) {
  OT_RETURN_IF_ERROR(model::CheckLimit(r.limit, model::kMaxListTablesLimit));
  const int64_t limit = r.limit.value_or(model::kMaxListTablesLimit);
  api::ListTablesResponse out;
  base::ReaderLock lock(catalog_mu_);
  auto it = r.exclusive_start_table_name ? tables_.upper_bound(*r.exclusive_start_table_name)
                                         : tables_.begin();
  for (; it != tables_.end(); ++it) {
    if (static_cast<int64_t>(out.table_names.size()) == limit) {
      out.last_evaluated_table_name = out.table_names.back();
      break;
    }
    out.table_names.push_back(it->first);
  }
  return out;
}

base::Result<model::TableDescription> EmbeddedDynamoDb::DeleteTable(
    const api::DeleteTableRequest& r) {
  base::MutexLock ddl(ddl_mu_);
  CatalogChange change(*this);
  OT_ASSIGN_OR_RETURN(auto table, FindTable(r.table_name));
  model::TableDescription description = Describe(*table);
  description.table_status = model::TableStatus::kDeleting;
  kv::WriteBatch batch;
  StreamChange stream_change(&streams_);
  CloseStreamOf(*table, &batch, &stream_change);
  batch.Delete(CatalogKey(table->name));
  OT_RETURN_IF_ERROR(store_->Write(batch));
  stream_change.Stored();
  {
    base::WriterLock lock(catalog_mu_);
    tables_.erase(table->name);
  }
  // The data goes after the catalog entry: a crash in between leaves rows of
  // an id no catalog entry names, which nothing reads.
  std::string data = DataPrefix(table->id, 0);
  OT_RETURN_IF_ERROR(store_->DeleteRange(data, DataPrefix(table->id + 1, 0)));
  kv::WriteBatch stats;
  stats.Delete(StatsKey(table->id));
  OT_RETURN_IF_ERROR(store_->Write(stats));
  return description;
}

base::Result<model::TableDescription> EmbeddedDynamoDb::UpdateTable(
    const api::UpdateTableRequest& r) {
  if (!r.billing_mode && !r.provisioned_throughput && r.global_secondary_index_updates.empty() &&
      !r.stream_specification && r.unenforced.empty()) {
    return base::ValidationError(
        "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
        "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required");
  }
  base::MutexLock ddl(ddl_mu_);
  OT_ASSIGN_OR_RETURN(auto current, FindTable(r.table_name));
  OT_RETURN_IF_ERROR(CheckStreamChangeAlone(r));
  TableInfo table = *current;
  const bool was_provisioned = table.billing_mode == model::BillingMode::kProvisioned;
  if (r.billing_mode == model::BillingMode::kProvisioned && !r.provisioned_throughput) {
    return model::InvalidParameterError(
        "ProvisionedThroughput must be specified when BillingMode is PROVISIONED");
  }
  if (r.billing_mode) table.billing_mode = *r.billing_mode;
  if (table.billing_mode == model::BillingMode::kPayPerRequest) {
    if (was_provisioned) table.last_update_to_pay_per_request = Now();
    // An on-demand table and its global indexes report 0 units, as at creation.
    table.throughput = {};
    for (auto& index : table.indexes) index.throughput.reset();
  }
  if (r.provisioned_throughput) {
    if (table.billing_mode == model::BillingMode::kPayPerRequest) {
      return model::InvalidParameterError(
          "Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode "
          "is PAY_PER_REQUEST");
    }
    const model::ProvisionedThroughput& now = table.throughput;
    const model::ProvisionedThroughput& asked = *r.provisioned_throughput;
    if (was_provisioned && asked == now) {
      return base::ValidationError(
          "The provisioned throughput for the table will not change. The requested value equals "
          "the current value. Current ReadCapacityUnits provisioned for the table: " +
          std::to_string(now.read_capacity_units) +
          ". Requested ReadCapacityUnits: " + std::to_string(asked.read_capacity_units) +
          ". Current WriteCapacityUnits provisioned for the table: " +
          std::to_string(now.write_capacity_units) +
          ". Requested WriteCapacityUnits: " + std::to_string(asked.write_capacity_units) +
          ". Refer to the Amazon DynamoDB Developer Guide for current limits and how to request "
          "higher limits.");
    }
    table.throughput = asked;
  }
  for (const auto& update : r.global_secondary_index_updates) {
    if (!update.create && !update.delete_index_name && !update.update) {
      return model::InvalidParameterError(
          "One of GlobalSecondaryIndexUpdate.Update, "
          "GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be null");
    }
  }
  OT_RETURN_IF_ERROR(CheckOneChangePerIndex(r.global_secondary_index_updates));
  if (!was_provisioned && table.billing_mode == model::BillingMode::kProvisioned) {
    OT_RETURN_IF_ERROR(CheckIndexThroughputGiven(table, r.global_secondary_index_updates));
  }
  std::vector<model::AttributeDefinition> definitions = table.attribute_definitions;
  for (const auto& def : r.attribute_definitions) {
    bool known = false;
    for (const auto& existing : definitions) {
      if (existing.attribute_name != def.attribute_name) continue;
      known = true;
      if (existing.attribute_type != def.attribute_type) {
        return model::InvalidParameterError("Cannot change the type of an existing attribute: " +
                                            def.attribute_name);
      }
    }
    if (!known) definitions.push_back(def);
  }
  std::optional<uint16_t> backfill;
  std::optional<uint16_t> dropped;
  for (const auto& update : r.global_secondary_index_updates) {
    if (update.create) {
      if (table.FindIndex(update.create->index_name)) {
        return model::InvalidParameterError("Index with name: " + update.create->index_name +
                                            " already exists");
      }
      size_t globals = 0;
      for (const auto& index : table.indexes) globals += index.global ? 1 : 0;
      if (globals >= model::kMaxGlobalIndexes) {
        return base::Status(base::ErrorCode::kLimitExceeded,
                            "Subscriber limit exceeded: The number of global secondary indexes "
                            "exceeds the per-table limit of " +
                                std::to_string(model::kMaxGlobalIndexes));
      }
      OT_ASSIGN_OR_RETURN(IndexInfo index, IndexFromCreate(table, definitions, *update.create));
      index.index_no = table.next_index_no++;
      index.status = model::IndexStatus::kCreating;
      backfill = index.index_no;
      table.indexes.push_back(std::move(index));
      table.attribute_definitions = definitions;
    } else if (update.delete_index_name) {
      auto it = std::find_if(table.indexes.begin(), table.indexes.end(), [&](const IndexInfo& i) {
        return i.global && i.name == *update.delete_index_name;
      });
      if (it == table.indexes.end()) {
        return base::NotFoundError("Requested resource not found: Index: " +
                                   *update.delete_index_name + " not found");
      }
      dropped = it->index_no;
      table.indexes.erase(it);
    } else if (update.update) {
      auto it = std::find_if(table.indexes.begin(), table.indexes.end(), [&](const IndexInfo& i) {
        return i.global && i.name == update.update->index_name;
      });
      if (it == table.indexes.end()) {
        return base::NotFoundError("Requested resource not found: Index: " +
                                   update.update->index_name + " not found");
      }
      it->throughput = update.update->provisioned_throughput;
    }
  }
  kv::WriteBatch stream_rows;
  StreamChange stream_change(&streams_);
  OT_RETURN_IF_ERROR(ApplyStreamSpecification(r.stream_specification, /*creating=*/false, &table,
                                              &stream_rows, &stream_change));
  auto shared = std::make_shared<const TableInfo>(std::move(table));
  OT_RETURN_IF_ERROR(SaveTable(shared, &stream_rows));
  stream_change.Stored();
  if (dropped) {
    OT_RETURN_IF_ERROR(store_->DeleteRange(DataPrefix(shared->id, *dropped),
                                           DataPrefix(shared->id, *dropped + 1)));
    // Its counter slots stay behind unread: index numbers are never reused.
  }
  if (backfill) StartBackfill(shared, *backfill);
  return Describe(*shared);
}

base::Result<api::TimeToLiveSpecification> EmbeddedDynamoDb::UpdateTimeToLive(
    const api::UpdateTimeToLiveRequest& r) {
  const auto& spec = r.time_to_live_specification;
  // An absent name is refused by the wire decoder ("Value null"); an empty or
  // overlong one here, before the table is looked up, as DynamoDB does.
  if (spec.attribute_name.empty() ||
      spec.attribute_name.size() > model::kMaxTtlAttributeNameLength) {
    return model::ConstraintError(
        "Value '" + spec.attribute_name +
        "' at 'timeToLiveSpecification.attributeName' failed to satisfy constraint: Member must "
        "have length " +
        (spec.attribute_name.empty()
             ? "greater than or equal to 1"
             : "less than or equal to " + std::to_string(model::kMaxTtlAttributeNameLength)));
  }
  base::MutexLock ddl(ddl_mu_);
  OT_ASSIGN_OR_RETURN(auto current, FindTable(r.table_name));
  if (spec.enabled && current->ttl_attribute) {
    return base::ValidationError("TimeToLive is already enabled");
  }
  if (!spec.enabled && !current->ttl_attribute) {
    return base::ValidationError("TimeToLive is already disabled");
  }
  if (!spec.enabled && *current->ttl_attribute != spec.attribute_name) {
    return base::ValidationError(
        "TimeToLive is active on a different AttributeName: current AttributeName is " +
        *current->ttl_attribute);
  }
  TableInfo table = *current;
  if (spec.enabled) {
    table.ttl_attribute = spec.attribute_name;
  } else {
    table.ttl_attribute.reset();
  }
  OT_RETURN_IF_ERROR(SaveTable(std::make_shared<const TableInfo>(std::move(table))));
  return spec;
}

base::Result<api::TimeToLiveDescription> EmbeddedDynamoDb::DescribeTimeToLive(
    const api::DescribeTimeToLiveRequest& r) {
  OT_ASSIGN_OR_RETURN(auto table, FindTable(r.table_name));
  api::TimeToLiveDescription out;
  out.time_to_live_status = table->ttl_attribute ? "ENABLED" : "DISABLED";
  out.attribute_name = table->ttl_attribute;
  return out;
}

}  // namespace ordertrack::engine
