#include "engine/internal/catalog_codec.h"

#include "model/item_codec.h"

namespace ordertrack::engine {
namespace {

using model::AttributeValue;
using model::Item;

AttributeValue Str(std::string s) { return AttributeValue::S(std::move(s)); }

void PutKeySchema(const model::KeySchema& key, Item* out) {
  (*out)["pk"] = Str(key.partition_key);
  (*out)["pkt"] = AttributeValue::NumberFromInt64(static_cast<int>(key.partition_type));
  if (key.sort_key) {
    (*out)["sk"] = Str(*key.sort_key);
    (*out)["skt"] = AttributeValue::NumberFromInt64(static_cast<int>(key.sort_type));
  }
}

// Reads fields of a stored map, remembering the first that was missing,
// mistyped or out of range.
class Fields {
 public:
  explicit Fields(const Item& item) : item_(item) {}
  // Empty while every field read was sound; else what was wrong first.
  const std::string& problem() const { return problem_; }

  const AttributeValue* Find(const char* name, model::Type type) {
    auto it = item_.find(name);
    if (it == item_.end() || it->second.type() != type) return nullptr;
    return &it->second;
  }
  std::string Str(const char* name) {
    const AttributeValue* v = Find(name, model::Type::kS);
    if (!v) Missing(name, model::Type::kS);
    return v ? v->s() : "";
  }
  int64_t Int(const char* name) {
    const AttributeValue* v = Find(name, model::Type::kN);
    auto n = v ? v->n().ToInt64() : std::nullopt;
    if (!n) Missing(name, model::Type::kN);
    return n.value_or(0);
  }
  // A persisted enum, whose values are first..last: anything else is
  // corruption, never cast into the enum.
  template <typename Enum>
  Enum Persisted(const char* name, Enum first, Enum last, std::string_view what) {
    int64_t n = Int(name);
    if (n >= static_cast<int64_t>(first) && n <= static_cast<int64_t>(last)) {
      return static_cast<Enum>(n);
    }
    Fail("field '" + std::string(name) + "' holds " + std::to_string(n) + ", which is not " +
         std::string(what));
    return first;
  }
  model::Type AttributeType(const char* name) {
    return Persisted(name, model::Type::kS, model::Type::kBS, "an attribute type");
  }
  model::StreamViewType StreamViewType(const char* name) {
    return Persisted(name, model::StreamViewType::kNewImage, model::StreamViewType::kKeysOnly,
                     "a stream view type");
  }
  bool Bool(const char* name) {
    const AttributeValue* v = Find(name, model::Type::kBool);
    if (!v) Missing(name, model::Type::kBool);
    return v && v->boolean();
  }
  std::optional<std::string> OptionalStr(const char* name) {
    const AttributeValue* v = Find(name, model::Type::kS);
    return v ? std::optional<std::string>(v->s()) : std::nullopt;
  }
  const model::List& List(const char* name) {
    static const model::List kEmpty;
    const AttributeValue* v = Find(name, model::Type::kL);
    if (!v) Missing(name, model::Type::kL);
    return v ? v->l() : kEmpty;
  }
  model::KeySchema KeySchema() {
    model::KeySchema key;
    key.partition_key = Str("pk");
    key.partition_type = AttributeType("pkt");
    key.sort_key = OptionalStr("sk");
    if (key.sort_key) key.sort_type = AttributeType("skt");
    return key;
  }
  void Require(bool condition, std::string_view what) {
    if (!condition) Fail(std::string(what));
  }
  // Takes over the problem of the fields of a map stored in one of ours.
  void Absorb(const Fields& inner) {
    if (!inner.problem_.empty()) Fail(inner.problem_);
  }

 private:
  void Missing(const char* name, model::Type type) {
    Fail("field '" + std::string(name) + "' is missing or not of type " +
         std::string(model::TypeName(type)));
  }
  void Fail(std::string problem) {
    if (problem_.empty()) problem_ = std::move(problem);
  }

  const Item& item_;
  std::string problem_;
};

AttributeValue EncodeIndex(const IndexInfo& index) {
  Item m;
  m["name"] = Str(index.name);
  m["no"] = AttributeValue::NumberFromInt64(index.index_no);
  m["global"] = AttributeValue::Bool(index.global);
  PutKeySchema(index.key, &m);
  m["ptype"] = AttributeValue::NumberFromInt64(static_cast<int>(index.projection.projection_type));
  model::List non_key;
  for (const auto& name : index.projection.non_key_attributes) non_key.push_back(Str(name));
  m["nonkey"] = AttributeValue::L(std::move(non_key));
  if (index.throughput) {
    m["rcu"] = AttributeValue::NumberFromInt64(index.throughput->read_capacity_units);
    m["wcu"] = AttributeValue::NumberFromInt64(index.throughput->write_capacity_units);
  }
  m["status"] = AttributeValue::NumberFromInt64(static_cast<int>(index.status));
  return AttributeValue::M(std::move(m));
}

// The index whose stored map `f` reads.
IndexInfo DecodeIndex(Fields& f) {
  IndexInfo index;
  index.name = f.Str("name");
  index.index_no = static_cast<uint16_t>(f.Int("no"));
  index.global = f.Bool("global");
  index.key = f.KeySchema();
  index.projection.projection_type = f.Persisted(
      "ptype", model::ProjectionType::kAll, model::ProjectionType::kInclude, "a projection type");
  for (const auto& name : f.List("nonkey")) {
    f.Require(name.is(model::Type::kS), "a non-key attribute name is not of type S");
    if (name.is(model::Type::kS)) index.projection.non_key_attributes.push_back(name.s());
  }
  if (f.Find("rcu", model::Type::kN)) {
    index.throughput = model::ProvisionedThroughput{f.Int("rcu"), f.Int("wcu")};
  }
  index.status = f.Persisted("status", model::IndexStatus::kCreating, model::IndexStatus::kActive,
                             "an index status");
  return index;
}

}  // namespace

std::string EncodeTableInfo(const TableInfo& table) {
  Item item;
  item["id"] = AttributeValue::NumberFromInt64(table.id);
  item["name"] = Str(table.name);
  PutKeySchema(table.key, &item);
  model::List defs;
  for (const auto& def : table.attribute_definitions) {
    defs.push_back(AttributeValue::M(
        {{"name", Str(def.attribute_name)},
         {"type", AttributeValue::NumberFromInt64(static_cast<int>(def.attribute_type))}}));
  }
  item["defs"] = AttributeValue::L(std::move(defs));
  model::List indexes;
  for (const auto& index : table.indexes) indexes.push_back(EncodeIndex(index));
  item["indexes"] = AttributeValue::L(std::move(indexes));
  item["billing"] = AttributeValue::NumberFromInt64(static_cast<int>(table.billing_mode));
  item["rcu"] = AttributeValue::NumberFromInt64(table.throughput.read_capacity_units);
  item["wcu"] = AttributeValue::NumberFromInt64(table.throughput.write_capacity_units);
  // Milliseconds: exact in an integer.
  item["created_ms"] = AttributeValue::NumberFromInt64(static_cast<int64_t>(table.created * 1000));
  item["next_index_no"] = AttributeValue::NumberFromInt64(table.next_index_no);
  if (table.ttl_attribute) item["ttl"] = Str(*table.ttl_attribute);
  if (table.last_update_to_pay_per_request) {
    item["ppr_ms"] = AttributeValue::NumberFromInt64(
        static_cast<int64_t>(*table.last_update_to_pay_per_request * 1000));
  }
  model::List tags;
  for (const auto& [key, value] : table.tags) {
    tags.push_back(AttributeValue::M({{"k", Str(key)}, {"v", Str(value)}}));
  }
  item["tags"] = AttributeValue::L(std::move(tags));
  if (table.stream) {
    item["stream_no"] = AttributeValue::NumberFromInt64(table.stream->stream_no);
    item["stream_view"] =
        AttributeValue::NumberFromInt64(static_cast<int>(table.stream->view_type));
    item["stream_on"] = AttributeValue::Bool(table.stream->enabled);
    item["stream_created_ms"] =
        AttributeValue::NumberFromInt64(UnixMillis(table.stream->created));
  }
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
    f.Require(def.is(model::Type::kM), "an attribute definition is not of type M");
    if (!def.is(model::Type::kM)) continue;
    Fields d(def.m());
    table.attribute_definitions.push_back({d.Str("name"), d.AttributeType("type")});
    f.Absorb(d);
  }
  for (const auto& index : f.List("indexes")) {
    f.Require(index.is(model::Type::kM), "an index is not of type M");
    if (!index.is(model::Type::kM)) continue;
    Fields i(index.m());
    table.indexes.push_back(DecodeIndex(i));
    f.Absorb(i);
  }
  table.billing_mode = f.Persisted("billing", model::BillingMode::kProvisioned,
                                   model::BillingMode::kPayPerRequest, "a billing mode");
  table.throughput = {f.Int("rcu"), f.Int("wcu")};
  table.created = static_cast<double>(f.Int("created_ms")) / 1000;
  table.next_index_no = static_cast<uint16_t>(f.Int("next_index_no"));
  table.ttl_attribute = f.OptionalStr("ttl");
  // Absent from catalogs written before it was kept.
  if (f.Find("ppr_ms", model::Type::kN)) {
    table.last_update_to_pay_per_request = static_cast<double>(f.Int("ppr_ms")) / 1000;
  }
  for (const auto& tag : f.List("tags")) {
    f.Require(tag.is(model::Type::kM), "a tag is not of type M");
    if (!tag.is(model::Type::kM)) continue;
    Fields t(tag.m());
    table.tags.emplace_back(t.Str("k"), t.Str("v"));
    f.Absorb(t);
  }
  // Absent from catalogs written before streams, and from tables without one.
  if (f.Find("stream_no", model::Type::kN)) {
    auto& stream = table.stream.emplace();
    stream.stream_no = static_cast<uint32_t>(f.Int("stream_no"));
    stream.view_type = f.StreamViewType("stream_view");
    stream.enabled = f.Bool("stream_on");
    stream.created = static_cast<double>(f.Int("stream_created_ms")) / 1000;
  }
  if (!f.problem().empty()) {
    return base::Status(base::ErrorCode::kCorruption,
                        "catalog entry is not decodable: " + f.problem());
  }
  return table;
}

std::string EncodeStreamInfo(const StreamInfo& stream) {
  auto number = [](uint64_t v) { return AttributeValue::NumberFromInt64(static_cast<int64_t>(v)); };
  Item item;
  item["no"] = number(stream.stream_no);
  item["table_id"] = number(stream.table_id);
  item["table"] = Str(stream.table_name);
  item["table_arn"] = Str(stream.table_arn);
  PutKeySchema(stream.key, &item);
  item["view"] = AttributeValue::NumberFromInt64(static_cast<int>(stream.view_type));
  item["created_ms"] = AttributeValue::NumberFromInt64(UnixMillis(stream.created));
  if (stream.disabled) item["disabled_ms"] = AttributeValue::NumberFromInt64(UnixMillis(*stream.disabled));
  item["first_seq"] = number(stream.first_seq);
  if (stream.last_seq) item["last_seq"] = number(*stream.last_seq);
  item["trimmed_before"] = number(stream.trimmed_before);
  return model::EncodeItem(item);
}

base::Result<StreamInfo> DecodeStreamInfo(std::string_view bytes) {
  OT_ASSIGN_OR_RETURN(Item item, model::DecodeItem(bytes));
  Fields f(item);
  StreamInfo stream;
  stream.stream_no = static_cast<uint32_t>(f.Int("no"));
  stream.table_id = static_cast<uint32_t>(f.Int("table_id"));
  stream.table_name = f.Str("table");
  stream.table_arn = f.Str("table_arn");
  stream.key = f.KeySchema();
  stream.view_type = f.StreamViewType("view");
  stream.created = static_cast<double>(f.Int("created_ms")) / 1000;
  if (f.Find("disabled_ms", model::Type::kN)) {
    stream.disabled = static_cast<double>(f.Int("disabled_ms")) / 1000;
  }
  stream.first_seq = static_cast<uint64_t>(f.Int("first_seq"));
  if (f.Find("last_seq", model::Type::kN)) {
    stream.last_seq = static_cast<uint64_t>(f.Int("last_seq"));
  }
  stream.trimmed_before = static_cast<uint64_t>(f.Int("trimmed_before"));
  if (!f.problem().empty()) {
    return base::Status(base::ErrorCode::kCorruption,
                        "stream descriptor is not decodable: " + f.problem());
  }
  return stream;
}

}  // namespace ordertrack::engine
