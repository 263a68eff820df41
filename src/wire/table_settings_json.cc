// The settings of UpdateTable that the embedded engine does not act on
// (api::UnenforcedTableSettings): decoded and re-encoded in full, so the
// remote backend forwards them as it was sent them.
#include "wire/internal/common_json.h"

namespace ordertrack::wire::internal {
namespace {

inline constexpr EnumTable<api::TableClass, 2> kTableClass{
    {{"STANDARD", api::TableClass::kStandard},
     {"STANDARD_INFREQUENT_ACCESS", api::TableClass::kStandardInfrequentAccess}},
    "[STANDARD, STANDARD_INFREQUENT_ACCESS]"};

// The object member `name` of class `class_name`, or null when absent.
base::Result<const Json*> FindObject(const Json& object, std::string_view name,
                                     std::string_view class_name) {
  const Json* v = Find(object, name);
  if (v != nullptr) OT_RETURN_IF_ERROR(ExpectObject(*v, Slot::kField, class_name));
  return v;
}

base::Status DecodeReplica(Decoder& d, const Json& v, std::string_view path,
                           api::ReplicaUpdate::Replica* out) {
  OT_RETURN_IF_ERROR(
      GetRequiredString(d, v, "RegionName", std::string(path) + ".regionName", &out->region_name));
  OT_RETURN_IF_ERROR(GetString(v, "KMSMasterKeyId", &out->kms_master_key_id));
  return GetEnum(d, v, "TableClassOverride", std::string(path) + ".tableClassOverride",
                 kTableClass, &out->table_class_override);
}

base::Status DecodeReplicaUpdates(Decoder& d, const Json& list,
                                  std::vector<api::ReplicaUpdate>* out) {
  OT_RETURN_IF_ERROR(ExpectList(list));
  out->resize(list.Size());
  size_t i = 0;
  for (const Json& e : list.GetArray()) {
    OT_RETURN_IF_ERROR(ExpectObject(e, Slot::kElement, "ReplicationGroupUpdate"));
    std::string path = ElementPath("replicaUpdates", i);
    auto& update = (*out)[i++];
    OT_ASSIGN_OR_RETURN(const Json* create,
                        FindObject(e, "Create", "CreateReplicationGroupMemberAction"));
    if (create) OT_RETURN_IF_ERROR(DecodeReplica(d, *create, path + ".create", &update.create.emplace()));
    OT_ASSIGN_OR_RETURN(const Json* upd,
                        FindObject(e, "Update", "UpdateReplicationGroupMemberAction"));
    if (upd) OT_RETURN_IF_ERROR(DecodeReplica(d, *upd, path + ".update", &update.update.emplace()));
    OT_ASSIGN_OR_RETURN(const Json* del,
                        FindObject(e, "Delete", "DeleteReplicationGroupMemberAction"));
    if (del) {
      OT_RETURN_IF_ERROR(GetRequiredString(d, *del, "RegionName", path + ".delete.regionName",
                                           &update.delete_region_name.emplace()));
    }
  }
  return base::Status();
}

void WriteOptionalInt(JsonWriter& w, std::string_view name, const std::optional<int64_t>& value) {
  if (!value) return;
  w.Name(name);
  w.Int64(*value);
}

void WriteReplica(JsonWriter& w, std::string_view action, const api::ReplicaUpdate::Replica& r) {
  w.Name(action);
  w.StartObject();
  w.NameStr("RegionName", r.region_name);
  if (r.kms_master_key_id) w.NameStr("KMSMasterKeyId", *r.kms_master_key_id);
  if (r.table_class_override) {
    WriteEnum(w, "TableClassOverride", kTableClass, *r.table_class_override);
  }
  w.EndObject();
}

}  // namespace

base::Status DecodeUnenforcedTableSettings(Decoder& d, const Json& root,
                                           api::UnenforcedTableSettings* out) {
  OT_ASSIGN_OR_RETURN(const Json* sse, FindObject(root, "SSESpecification", "SSESpecification"));
  if (sse) {
    auto& spec = out->sse_specification.emplace();
    OT_RETURN_IF_ERROR(GetBool(*sse, "Enabled", &spec.enabled));
    OT_RETURN_IF_ERROR(GetString(*sse, "SSEType", &spec.sse_type));
    OT_RETURN_IF_ERROR(GetString(*sse, "KMSMasterKeyId", &spec.kms_master_key_id));
  }
  if (const Json* replicas = Find(root, "ReplicaUpdates")) {
    OT_RETURN_IF_ERROR(DecodeReplicaUpdates(d, *replicas, &out->replica_updates));
  }
  OT_RETURN_IF_ERROR(GetEnum(d, root, "TableClass", "tableClass", kTableClass, &out->table_class));
  OT_RETURN_IF_ERROR(
      GetBool(root, "DeletionProtectionEnabled", &out->deletion_protection_enabled));
  OT_ASSIGN_OR_RETURN(const Json* on_demand,
                      FindObject(root, "OnDemandThroughput", "OnDemandThroughput"));
  if (on_demand) {
    auto& t = out->on_demand_throughput.emplace();
    OT_RETURN_IF_ERROR(GetInteger(*on_demand, "MaxReadRequestUnits", "Long", &t.max_read_request_units));
    OT_RETURN_IF_ERROR(
        GetInteger(*on_demand, "MaxWriteRequestUnits", "Long", &t.max_write_request_units));
  }
  OT_ASSIGN_OR_RETURN(const Json* warm, FindObject(root, "WarmThroughput", "WarmThroughput"));
  if (warm) {
    auto& t = out->warm_throughput.emplace();
    OT_RETURN_IF_ERROR(GetInteger(*warm, "ReadUnitsPerSecond", "Long", &t.read_units_per_second));
    OT_RETURN_IF_ERROR(GetInteger(*warm, "WriteUnitsPerSecond", "Long", &t.write_units_per_second));
  }
  return base::Status();
}

void WriteUnenforcedTableSettings(JsonWriter& w, const api::UnenforcedTableSettings& s) {
  if (s.sse_specification) {
    w.Name("SSESpecification");
    w.StartObject();
    if (s.sse_specification->enabled) {
      w.Name("Enabled");
      w.Bool(*s.sse_specification->enabled);
    }
    if (s.sse_specification->sse_type) w.NameStr("SSEType", *s.sse_specification->sse_type);
    if (s.sse_specification->kms_master_key_id) {
      w.NameStr("KMSMasterKeyId", *s.sse_specification->kms_master_key_id);
    }
    w.EndObject();
  }
  if (!s.replica_updates.empty()) {
    w.Name("ReplicaUpdates");
    w.StartArray();
    for (const auto& u : s.replica_updates) {
      w.StartObject();
      if (u.create) WriteReplica(w, "Create", *u.create);
      if (u.update) WriteReplica(w, "Update", *u.update);
      if (u.delete_region_name) {
        w.Name("Delete");
        w.StartObject();
        w.NameStr("RegionName", *u.delete_region_name);
        w.EndObject();
      }
      w.EndObject();
    }
    w.EndArray();
  }
  if (s.table_class) WriteEnum(w, "TableClass", kTableClass, *s.table_class);
  if (s.deletion_protection_enabled) {
    w.Name("DeletionProtectionEnabled");
    w.Bool(*s.deletion_protection_enabled);
  }
  if (s.on_demand_throughput) {
    w.Name("OnDemandThroughput");
    w.StartObject();
    WriteOptionalInt(w, "MaxReadRequestUnits", s.on_demand_throughput->max_read_request_units);
    WriteOptionalInt(w, "MaxWriteRequestUnits", s.on_demand_throughput->max_write_request_units);
    w.EndObject();
  }
  if (s.warm_throughput) {
    w.Name("WarmThroughput");
    w.StartObject();
    WriteOptionalInt(w, "ReadUnitsPerSecond", s.warm_throughput->read_units_per_second);
    WriteOptionalInt(w, "WriteUnitsPerSecond", s.warm_throughput->write_units_per_second);
    w.EndObject();
  }
}

}  // namespace ordertrack::wire::internal
