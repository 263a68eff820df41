#include "engine/internal/catalog_codec.h"

#include "model/item_codec.h"

namespace ordertrack::engine {
namespace {

using model::AttributeValue;
using model::Item;

AttributeValue Int(int64_t v) { return AttributeValue::N(model::Number::FromInt64(v)); }
AttributeValue Str(std::string s) { return AttributeValue::S(std::move(s)); }

void PutKeySchema(const model::KeySchema& key, Item* out) {
  (*out)["pk"] = Str(key.partition_key);
  (*out)["pkt"] = Int(static_cast<int>(key.partition_type));
  if (key.sort_key) {
    (*out)["sk"] = Str(*key.sort_key);
    (*out)["skt"] = Int(static_cast<int>(key.sort_type));
  }
}

// Reads fields of a stored map, remembering whether any was missing or mistyped.
class Fields {
 public:
  explicit Fields(const Item& item) : item_(item) {}
  bool ok() const { return ok_; }

  const AttributeValue* Find(const char* name, model::Type type) {
    auto it = item_.find(name);
    if (it == item_.end() || it->second.type() != type) return nullptr;
    return &it->second;
  }
  std::string Str(const char* name) {
    const AttributeValue* v = Find(name, model::Type::kS);
    ok_ = ok_ && v;
    return v ? v->s() : "";
  }
  int64_t Int(const char* name) {
    const AttributeValue* v = Find(name, model::Type::kN);
    auto n = v ? v->n().ToInt64() : std::nullopt;
    ok_ = ok_ && n.has_value();
    return n.value_or(0);
  }
  std::optional<std::string> OptionalStr(const char* name) {
    const AttributeValue* v = Find(name, model::Type::kS);
    return v ? std::optional<std::string>(v->s()) : std::nullopt;
  }
  const model::List& List(const char* name) {
    static const model::List kEmpty;
    const AttributeValue* v = Find(name, model::Type::kL);
    ok_ = ok_ && v;
    return v ? v->l() : kEmpty;
  }
  model::KeySchema KeySchema() {
    model::KeySchema key;
    key.partition_key = Str("pk");
    key.partition_type = static_cast<model::Type>(Int("pkt"));
    key.sort_key = OptionalStr("sk");
    if (key.sort_key) key.sort_type = static_cast<model::Type>(Int("skt"));
    return key;
  }
  void Require(bool condition) { ok_ = ok_ && condition; }

 private:
  const Item& item_;
  bool ok_ = true;
};

AttributeValue EncodeIndex(const IndexInfo& index) {
  Item m;
  m["name"] = Str(index.name);
  m["no"] = Int(index.index_no);
  m["global"] = AttributeValue::Bool(index.global);
  PutKeySchema(index.key, &m);
  m["ptype"] = Int(static_cast<int>(index.projection.projection_type));
  model::List non_key;
  for (const auto& name : index.projection.non_key_attributes) non_key.push_back(Str(name));
  m["nonkey"] = AttributeValue::L(std::move(non_key));
  if (index.throughput) {
    m["rcu"] = Int(index.throughput->read_capacity_units);
    m["wcu"] = Int(index.throughput->write_capacity_units);
  }
  m["status"] = Int(static_cast<int>(index.status));
  return AttributeValue::M(std::move(m));
}

IndexInfo DecodeIndex(const AttributeValue& v, bool* ok) {
  IndexInfo index;
  if (!v.is(model::Type::kM)) {
    *ok = false;
    return index;
  }
  Fields f(v.m());
  index.name = f.Str("name");
  index.index_no = static_cast<uint16_t>(f.Int("no"));
  const AttributeValue* global = f.Find("global", model::Type::kBool);
  f.Require(global != nullptr);
  index.global = global && global->boolean();
  index.key = f.KeySchema();
  index.projection.projection_type = static_cast<model::ProjectionType>(f.Int("ptype"));
  for (const auto& name : f.List("nonkey")) {
    f.Require(name.is(model::Type::kS));
    if (name.is(model::Type::kS)) index.projection.non_key_attributes.push_back(name.s());
  }
  if (f.Find("rcu", model::Type::kN)) {
    index.throughput = model::ProvisionedThroughput{f.Int("rcu"), f.Int("wcu")};
  }
  index.status = static_cast<model::IndexStatus>(f.Int("status"));
  *ok = *ok && f.ok();
  return index;
}

}  // namespace

std::string EncodeTableInfo(const TableInfo& table) {
  Item item;
  item["id"] = Int(table.id);
  item["name"] = Str(table.name);
  PutKeySchema(table.key, &item);
  model::List defs;
  for (const auto& def : table.attribute_definitions) {
    defs.push_back(AttributeValue::M(
        {{"name", Str(def.attribute_name)}, {"type", Int(static_cast<int>(def.attribute_type))}}));
  }
  item["defs"] = AttributeValue::L(std::move(defs));
  model::List indexes;
  for (const auto& index : table.indexes) indexes.push_back(EncodeIndex(index));
  item["indexes"] = AttributeValue::L(std::move(indexes));
  item["billing"] = Int(static_cast<int>(table.billing_mode));
  item["rcu"] = Int(table.throughput.read_capacity_units);
  item["wcu"] = Int(table.throughput.write_capacity_units);
  // Milliseconds: exact in an integer.
  item["created_ms"] = Int(static_cast<int64_t>(table.created * 1000));
  item["next_index_no"] = Int(table.next_index_no);
  if (table.ttl_attribute) item["ttl"] = Str(*table.ttl_attribute);
  if (table.last_update_to_pay_per_request) {
    item["ppr_ms"] = Int(static_cast<int64_t>(*table.last_update_to_pay_per_request * 1000));
  }
  model::List tags;
  for (const auto& [key, value] : table.tags) {
    tags.push_back(AttributeValue::M({{"k", Str(key)}, {"v", Str(value)}}));
  }
  item["tags"] = AttributeValue::L(std::move(tags));
  return model::EncodeItem(item);
}

base::Result<TableInfo> DecodeTableInfo(std::string_view bytes) {
  OT_ASSIGN_OR_RETURN(Item item, model::DecodeItem(bytes));
  Fields f(item);
  TableInfo table;
  table.id = static_cast<uint32_t>(f.Int("id"));
  table.name = f.Str("name");
  table.key = f.KeySchema();
  for (const auto& def : f.List("defs")) {
    if (!def.is(model::Type::kM)) {
      f.Require(false);
      continue;
    }
    Fields d(def.m());
    table.attribute_definitions.push_back(
        {d.Str("name"), static_cast<model::Type>(d.Int("type"))});
    f.Require(d.ok());
  }
  bool indexes_ok = true;
  for (const auto& index : f.List("indexes")) {
    table.indexes.push_back(DecodeIndex(index, &indexes_ok));
  }
  f.Require(indexes_ok);
  table.billing_mode = static_cast<model::BillingMode>(f.Int("billing"));
  table.throughput = {f.Int("rcu"), f.Int("wcu")};
  table.created = static_cast<double>(f.Int("created_ms")) / 1000;
  table.next_index_no = static_cast<uint16_t>(f.Int("next_index_no"));
  table.ttl_attribute = f.OptionalStr("ttl");
  // Absent from catalogs written before it was kept.
  if (f.Find("ppr_ms", model::Type::kN)) {
    table.last_update_to_pay_per_request = static_cast<double>(f.Int("ppr_ms")) / 1000;
  }
  for (const auto& tag : f.List("tags")) {
    if (!tag.is(model::Type::kM)) {
      f.Require(false);
      continue;
    }
    Fields t(tag.m());
    table.tags.emplace_back(t.Str("k"), t.Str("v"));
    f.Require(t.ok());
  }
  if (!f.ok()) {
    return base::Status(base::ErrorCode::kCorruption, "catalog entry is not decodable");
  }
  return table;
}

}  // namespace ordertrack::engine
