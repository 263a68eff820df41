// Reads of EmbeddedDynamoDb: GetItem, Query and Scan. Query and Scan share
// ReadPage: walk an encoded key range from an exclusive start key, stopping
// at Limit items or 1 MB read, filtering and projecting what was read.
#include <cmath>

#include "engine/embedded_dynamodb.h"
#include "engine/internal/key_codec.h"
#include "engine/internal/key_range.h"
#include "engine/internal/request_compiler.h"
#include "engine/internal/write_checks.h"
#include "model/item_codec.h"
#include "model/limits.h"
#include "model/validation.h"

namespace ordertrack::engine {
namespace {

using model::Item;

// The table or index a Query or Scan reads, or DynamoDB's refusal.
base::Result<const IndexInfo*> ResolveIndex(const TableInfo& table, const api::ReadParams& r) {
  if (!r.index_name) return static_cast<const IndexInfo*>(nullptr);
  const IndexInfo* index = table.FindIndex(*r.index_name);
  if (index == nullptr) {
    return base::ValidationError("The table does not have the specified index: " + *r.index_name);
  }
  if (index->status == model::IndexStatus::kCreating) {
    return base::ValidationError("Cannot read from backfilling global secondary index: " +
                                 index->name);
  }
  if (index->global && r.consistent_read) {
    return base::ValidationError("Consistent reads are not supported on global secondary indexes");
  }
  if (index->global && r.select == api::Select::kAllAttributes &&
      index->projection.projection_type != model::ProjectionType::kAll) {
    return model::InvalidParameterError(
        "Select type ALL_ATTRIBUTES is not supported for global secondary index " + index->name +
        " because its projection type is not ALL");
  }
  return index;
}

// The key attributes that identify an entry of `index` (null: the table).
Item EntryKey(const TableInfo& table, const IndexInfo* index, const Item& item) {
  Item key = ExtractKey(table.key, item);
  if (index) key.merge(ExtractKey(index->key, item));
  return key;
}

// The stored key of an exclusive start key, after checking it names exactly
// the attributes of an entry.
base::Result<std::string> EncodeStartKey(const TableInfo& table, const IndexInfo* index,
                                         const Item& start) {
  auto bad = [] {
    return base::ValidationError(
        "The provided starting key is invalid: The provided key element does not match the "
        "schema");
  };
  model::KeySchema schema = index ? index->key : table.key;
  auto typed = [&](const std::string& name, model::Type type) {
    auto it = start.find(name);
    return it != start.end() && it->second.type() == type;
  };
  if (!typed(table.key.partition_key, table.key.partition_type) ||
      (table.key.sort_key && !typed(*table.key.sort_key, table.key.sort_type)) ||
      !typed(schema.partition_key, schema.partition_type) ||
      (schema.sort_key && !typed(*schema.sort_key, schema.sort_type)) ||
      EntryKey(table, index, start).size() != start.size()) {
    return bad();
  }
  if (!index) return TableRowKey(table, start);
  auto key = IndexEntryKey(table, *index, start);
  if (!key) return bad();
  return *key;
}

// A page of a Query or Scan over the stored keys in [lower, upper).
struct PageRequest {
  const TableInfo* table;
  const IndexInfo* index;
  std::string lower, upper;
  bool forward = true;
  const api::ReadParams* read;
  const CompiledRead* compiled;
  bool fetch_from_table = false;
};

// A local index whose projection is not ALL answers ALL_ATTRIBUTES, and
// filters and projections naming any attribute, from the table's items.
bool FetchesFromTable(const IndexInfo* index, const api::ReadParams& r, const CompiledRead& c) {
  return index && !index->global &&
         index->projection.projection_type != model::ProjectionType::kAll &&
         (r.select == api::Select::kAllAttributes || c.filter || c.projection);
}

base::Result<api::ReadResponse> ReadPage(kv::Store& store, PageRequest p) {
  const api::ReadParams& r = *p.read;
  if (r.exclusive_start_key) {
    OT_ASSIGN_OR_RETURN(std::string start, EncodeStartKey(*p.table, p.index, *r.exclusive_start_key));
    if (start < p.lower || start >= p.upper) {
      return base::ValidationError("The provided starting key does not match the range key predicate");
    }
    if (p.forward) {
      p.lower = std::max(p.lower, start + '\0');
    } else {
      p.upper = std::min(p.upper, start);
    }
  }
  api::ReadResponse out;
  if (p.lower >= p.upper) return out;
  const bool count_only = r.select == api::Select::kCount;
  const int64_t limit = r.limit.value_or(INT64_MAX);
  size_t bytes = 0;
  auto it = store.NewIterator(p.lower, p.upper);
  p.forward ? it->SeekToFirst() : it->SeekToLast();
  // The last entry read, kept encoded: it is decoded again only when the page
  // ends early and its key becomes LastEvaluatedKey.
  std::string last;
  while (it->Valid()) {
    if (out.scanned_count == limit || bytes >= model::kMaxPageBytes) {
      OT_ASSIGN_OR_RETURN(Item last_item, model::DecodeItem(last));
      out.last_evaluated_key = EntryKey(*p.table, p.index, last_item);
      break;
    }
    last.assign(it->value());
    OT_ASSIGN_OR_RETURN(Item item, model::DecodeItem(last));
    bytes += model::ItemSize(item);
    // A local index reads the attributes it does not project from the table;
    // without a projection or ALL_ATTRIBUTES it still answers with its own.
    std::optional<Item> full;
    if (p.fetch_from_table) {
      OT_ASSIGN_OR_RETURN(auto row, store.Get(TableRowKey(*p.table, item)));
      if (row) {
        OT_ASSIGN_OR_RETURN(full, model::DecodeItem(*row));
      }
    }
    Item& readable = full ? *full : item;
    ++out.scanned_count;
    if (!p.compiled->filter || expr::Evaluate(*p.compiled->filter, readable)) {
      ++out.count;
      if (p.compiled->projection) {
        if (!count_only) out.items.push_back(expr::Project(*p.compiled->projection, readable));
      } else if (!count_only) {
        out.items.push_back(std::move(r.select == api::Select::kAllAttributes ? readable : item));
      }
    }
    p.forward ? it->Next() : it->Prev();
  }
  OT_RETURN_IF_ERROR(it->status());
  out.consumed_capacity = Consumed(p.table->name, r.return_consumed_capacity,
                                   ReadUnits(bytes, r.consistent_read), 0);
  // With INDEXES, a read of an index is charged to the index and none of it
  // to the table, as DynamoDB reports it.
  if (p.index && out.consumed_capacity && out.consumed_capacity->table) {
    api::ConsumedCapacity& c = *out.consumed_capacity;
    auto& by_index = p.index->global ? c.global_secondary_indexes : c.local_secondary_indexes;
    by_index[p.index->name] = c.total;
    c.table = api::Capacity{};
  }
  return out;
}

}  // namespace

base::Result<api::GetItemResponse> EmbeddedDynamoDb::GetItem(const api::GetItemRequest& r) {
  OT_ASSIGN_OR_RETURN(auto table, FindTableForItems(r.table_name));
  OT_RETURN_IF_ERROR(ValidateKey(*table, r.key));
  OT_ASSIGN_OR_RETURN(auto projection, CompileGetProjection(r.projection, r.expression));
  OT_ASSIGN_OR_RETURN(std::optional<Item> item, ReadRow(TableRowKey(*table, r.key)));
  api::GetItemResponse out;
  size_t bytes = item ? model::ItemSize(*item) : 0;
  if (item && projection) item = expr::Project(*projection, *item);
  out.item = std::move(item);
  out.consumed_capacity =
      Consumed(table->name, r.return_consumed_capacity, ReadUnits(bytes, r.consistent_read), 0);
  return out;
}

base::Result<api::QueryResponse> EmbeddedDynamoDb::Query(const api::QueryRequest& r) {
  OT_ASSIGN_OR_RETURN(auto table, FindTableForItems(r.read.table_name));
  OT_RETURN_IF_ERROR(model::CheckLimit(r.read.limit));
  OT_ASSIGN_OR_RETURN(const IndexInfo* index, ResolveIndex(*table, r.read));
  OT_ASSIGN_OR_RETURN(CompiledRead compiled, CompileQuery(r));
  const model::KeySchema& schema = index ? index->key : table->key;
  // Two equalities read alike; the schema tells which names the partition.
  compiled.key_condition->ArrangeFor(schema.partition_key);
  if (compiled.filter) {
    for (const auto& name : expr::TopLevelNames(*compiled.filter)) {
      if (name == schema.partition_key || (schema.sort_key && name == *schema.sort_key)) {
        return base::ValidationError(
            std::string(r.read.filter_expression ? "Filter Expression" : "QueryFilter") +
            " can only contain non-primary key attributes: Primary key attribute: " + name);
      }
    }
  }
  OT_ASSIGN_OR_RETURN(KeyRange range,
                      KeyRangeOf(table->id, index ? index->index_no : 0, schema,
                                 *compiled.key_condition));
  PageRequest page{table.get(), index, std::move(range.lower), std::move(range.upper),
                   r.scan_index_forward, &r.read, &compiled, FetchesFromTable(index, r.read, compiled)};
  return ReadPage(*store_, std::move(page));
}

base::Result<api::ScanResponse> EmbeddedDynamoDb::Scan(const api::ScanRequest& r) {
  OT_ASSIGN_OR_RETURN(auto table, FindTableForItems(r.read.table_name));
  OT_RETURN_IF_ERROR(model::CheckLimit(r.read.limit));
  OT_ASSIGN_OR_RETURN(const IndexInfo* index, ResolveIndex(*table, r.read));
  OT_ASSIGN_OR_RETURN(CompiledRead compiled, CompileScan(r));
  OT_ASSIGN_OR_RETURN(KeyRange range, SegmentRange(table->id, index ? index->index_no : 0,
                                                   r.segment, r.total_segments));
  PageRequest page{table.get(), index, std::move(range.lower), std::move(range.upper), true,
                   &r.read, &compiled, FetchesFromTable(index, r.read, compiled)};
  if (r.read.exclusive_start_key) {
    OT_ASSIGN_OR_RETURN(std::string start,
                        EncodeStartKey(*table, index, *r.read.exclusive_start_key));
    if (start < page.lower || start >= page.upper) {
      return base::ValidationError(
          "The provided Exclusive start key does not map to the provided segment");
    }
  }
  return ReadPage(*store_, std::move(page));
}

}  // namespace ordertrack::engine
