#include "engine/internal/table_info.h"

#include <algorithm>

#include "engine/internal/key_codec.h"
#include "model/limits.h"
#include "model/validation.h"

namespace ordertrack::engine {
namespace {

using model::AttributeValue;
using model::Item;

bool IsEmptyKeyValue(const AttributeValue& v) {
  return (v.is(model::Type::kS) || v.is(model::Type::kB)) && v.s().empty();
}

size_t KeyValueBytes(const AttributeValue& v) { return model::ValueSize(v); }

base::Status CheckTableKeyAttribute(const std::string& name, model::Type type,
                                    const Item& item, size_t max_bytes, bool partition) {
  auto it = item.find(name);
  if (it == item.end()) {
    return model::InvalidParameterError("Missing the key " + name + " in the item");
  }
  if (it->second.type() != type) {
    return model::InvalidParameterError(
        "Type mismatch for key " + name + " expected: " + std::string(model::TypeName(type)) +
        " actual: " + std::string(model::TypeName(it->second.type())));
  }
  if (IsEmptyKeyValue(it->second)) {
    return base::ValidationError(
        "One or more parameter values are not valid. The AttributeValue for a key attribute "
        "cannot contain an empty string value. Key: " + name);
  }
  if (KeyValueBytes(it->second) > max_bytes) {
    // DynamoDB's own wording, missing space included.
    return model::InvalidParameterError(
        (partition ? "Size of hashkey has exceeded the maximum size limit of"
                   : "Aggregated size of all range keys has exceeded the size limit of ") +
        std::to_string(max_bytes) + " bytes");
  }
  return base::Status();
}

base::Status CheckIndexKeyAttribute(const IndexInfo& index, const std::string& name,
                                    model::Type type, const Item& item) {
  auto it = item.find(name);
  if (it == item.end()) return base::Status();
  if (it->second.type() != type) {
    return model::InvalidParameterError(
        "Type mismatch for Index Key " + name + " Expected: " + std::string(model::TypeName(type)) +
        " Actual: " + std::string(model::TypeName(it->second.type())) +
        " IndexName: " + index.name);
  }
  if (IsEmptyKeyValue(it->second)) {
    return base::ValidationError(
        "One or more parameter values are not valid. A value specified for a secondary index "
        "key is not supported. The AttributeValue for a key attribute cannot contain an empty "
        "string value. IndexName: " + index.name + ", IndexKey: " + name);
  }
  return base::Status();
}

void AppendKeyParts(const model::KeySchema& key, const Item& item, std::string* out) {
  AppendKeyValue(item.find(key.partition_key)->second, out);
  if (key.sort_key) AppendKeyValue(item.find(*key.sort_key)->second, out);
}

}  // namespace

const IndexInfo* TableInfo::FindIndex(std::string_view index_name) const {
  for (const auto& index : indexes) {
    if (index.name == index_name) return &index;
  }
  return nullptr;
}

std::string TableInfo::Arn() const {
  return std::string("arn:aws:dynamodb:") + kRegion + ":" + kAccount + ":table/" + name;
}

std::vector<model::KeySchemaElement> KeyElements(const model::KeySchema& key) {
  std::vector<model::KeySchemaElement> out = {{key.partition_key, model::KeyType::kHash}};
  if (key.sort_key) out.push_back({*key.sort_key, model::KeyType::kRange});
  return out;
}

Item ExtractKey(const model::KeySchema& key, const Item& item) {
  Item out;
  if (auto it = item.find(key.partition_key); it != item.end()) out.insert(*it);
  if (key.sort_key) {
    if (auto it = item.find(*key.sort_key); it != item.end()) out.insert(*it);
  }
  return out;
}

base::Status ValidateItemKeys(const TableInfo& table, const Item& item) {
  OT_RETURN_IF_ERROR(CheckTableKeyAttribute(table.key.partition_key, table.key.partition_type,
                                            item, model::kMaxPartitionKeyBytes, true));
  if (table.key.sort_key) {
    OT_RETURN_IF_ERROR(CheckTableKeyAttribute(*table.key.sort_key, table.key.sort_type, item,
                                              model::kMaxSortKeyBytes, false));
  }
  for (const auto& index : table.indexes) {
    OT_RETURN_IF_ERROR(
        CheckIndexKeyAttribute(index, index.key.partition_key, index.key.partition_type, item));
    if (index.key.sort_key) {
      OT_RETURN_IF_ERROR(
          CheckIndexKeyAttribute(index, *index.key.sort_key, index.key.sort_type, item));
    }
  }
  return base::Status();
}

base::Status ValidateKey(const TableInfo& table, const Item& key) {
  const size_t expected = table.key.sort_key ? 2 : 1;
  auto matches = [&](const std::string& name, model::Type type) {
    auto it = key.find(name);
    return it != key.end() && it->second.type() == type;
  };
  if (key.size() != expected || !matches(table.key.partition_key, table.key.partition_type) ||
      (table.key.sort_key && !matches(*table.key.sort_key, table.key.sort_type))) {
    return base::ValidationError("The provided key element does not match the schema");
  }
  for (const auto& [name, value] : key) {
    if (IsEmptyKeyValue(value)) {
      return base::ValidationError(
          "One or more parameter values are not valid. The AttributeValue for a key attribute "
          "cannot contain an empty string value. Key: " + name);
    }
  }
  return base::Status();
}

std::string PartitionPrefix(uint32_t table_id, uint16_t index_no, const AttributeValue& pk) {
  std::string out = DataPrefix(table_id, index_no);
  // One allocation for the whole key: callers append a sort key and, for an
  // index entry, the table's key. The hash of the encoded partition key goes
  // before it, so it is written in place once the key is encoded.
  out.reserve(128);
  const size_t hash_at = out.size();
  out.append(4, '\0');
  const size_t pk_at = out.size();
  AppendKeyValue(pk, &out);
  const uint32_t h = PartitionHash(std::string_view(out).substr(pk_at));
  for (int i = 0; i < 4; ++i) out[hash_at + i] = static_cast<char>((h >> (8 * (3 - i))) & 0xff);
  return out;
}

std::string TableRowKey(const TableInfo& table, const Item& item) {
  std::string out = PartitionPrefix(table.id, 0, item.find(table.key.partition_key)->second);
  if (table.key.sort_key) AppendKeyValue(item.find(*table.key.sort_key)->second, &out);
  return out;
}

std::optional<std::string> IndexEntryKey(const TableInfo& table, const IndexInfo& index,
                                         const Item& item) {
  auto pk = item.find(index.key.partition_key);
  if (pk == item.end()) return std::nullopt;
  std::string out = PartitionPrefix(table.id, index.index_no, pk->second);
  if (index.key.sort_key) {
    auto sk = item.find(*index.key.sort_key);
    if (sk == item.end()) return std::nullopt;
    AppendKeyValue(sk->second, &out);
  }
  AppendKeyParts(table.key, item, &out);
  return out;
}

Item ProjectForIndex(const TableInfo& table, const IndexInfo& index, const Item& item) {
  if (index.projection.projection_type == model::ProjectionType::kAll) return item;
  Item out = ExtractKey(table.key, item);
  out.merge(ExtractKey(index.key, item));
  if (index.projection.projection_type == model::ProjectionType::kInclude) {
    for (const auto& name : index.projection.non_key_attributes) {
      if (auto it = item.find(name); it != item.end()) out.insert(*it);
    }
  }
  return out;
}

}  // namespace ordertrack::engine
