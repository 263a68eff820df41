// Time to live, tags, DescribeEndpoints and DescribeLimits.
#include "wire/codec.h"
#include "wire/internal/common_json.h"

namespace ordertrack::wire {

using namespace internal;  // NOLINT: the codec's own helpers

// ---- UpdateTimeToLive ----------------------------------------------------------

base::Status DecodeUpdateTimeToLiveRequest(std::string_view json,
                                           api::UpdateTimeToLiveRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(GetTableName(d, root, "TableName", "tableName", &out->table_name));
    const Json* spec = Find(root, "TimeToLiveSpecification");
    if (spec == nullptr) {
      d.Missing("timeToLiveSpecification");
      return base::Status();
    }
    OT_RETURN_IF_ERROR(ExpectObject(*spec, Slot::kField, "TimeToLiveSpecification"));
    auto& s = out->time_to_live_specification;
    if (Find(*spec, "Enabled") == nullptr) d.Missing("timeToLiveSpecification.enabled");
    OT_RETURN_IF_ERROR(GetBool(*spec, "Enabled", &s.enabled));
    return GetRequiredString(d, *spec, "AttributeName", "timeToLiveSpecification.attributeName",
                             &s.attribute_name);
  });
}

namespace {
void WriteTtlSpecification(JsonWriter& w, const api::TimeToLiveSpecification& s) {
  w.Name("TimeToLiveSpecification");
  w.StartObject();
  w.Name("Enabled");
  w.Bool(s.enabled);
  w.NameStr("AttributeName", s.attribute_name);
  w.EndObject();
}
}  // namespace

std::string EncodeUpdateTimeToLiveRequest(const api::UpdateTimeToLiveRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.NameStr("TableName", r.table_name);
    WriteTtlSpecification(w, r.time_to_live_specification);
  });
}

std::string EncodeUpdateTimeToLiveResponse(const api::TimeToLiveSpecification& response) {
  return EncodeBody([&](JsonWriter& w) { WriteTtlSpecification(w, response); }, 96);
}

base::Status DecodeUpdateTimeToLiveResponse(std::string_view json,
                                            api::TimeToLiveSpecification* out) {
  return DecodeBody(json, [&](Decoder&, const Json& root) -> base::Status {
    const Json* spec = Find(root, "TimeToLiveSpecification");
    if (spec == nullptr) return base::Status();
    OT_RETURN_IF_ERROR(ExpectObject(*spec, Slot::kField, "TimeToLiveSpecification"));
    OT_RETURN_IF_ERROR(GetBool(*spec, "Enabled", &out->enabled));
    return GetString(*spec, "AttributeName", &out->attribute_name);
  });
}

// ---- DescribeTimeToLive -----------------------------------------------------------

base::Status DecodeDescribeTimeToLiveRequest(std::string_view json,
                                             api::DescribeTimeToLiveRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) {
    return GetTableName(d, root, "TableName", "tableName", &out->table_name);
  });
}

std::string EncodeDescribeTimeToLiveRequest(const api::DescribeTimeToLiveRequest& r) {
  return EncodeBody([&](JsonWriter& w) { w.NameStr("TableName", r.table_name); }, 64);
}

std::string EncodeDescribeTimeToLiveResponse(const api::TimeToLiveDescription& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.Name("TimeToLiveDescription");
    w.StartObject();
    w.NameStr("TimeToLiveStatus", r.time_to_live_status);
    if (r.attribute_name) w.NameStr("AttributeName", *r.attribute_name);
    w.EndObject();
  }, 96);
}

base::Status DecodeDescribeTimeToLiveResponse(std::string_view json,
                                              api::TimeToLiveDescription* out) {
  return DecodeBody(json, [&](Decoder&, const Json& root) -> base::Status {
    const Json* desc = Find(root, "TimeToLiveDescription");
    if (desc == nullptr) return base::Status();
    OT_RETURN_IF_ERROR(ExpectObject(*desc, Slot::kField, "TimeToLiveDescription"));
    OT_RETURN_IF_ERROR(GetString(*desc, "TimeToLiveStatus", &out->time_to_live_status));
    return GetString(*desc, "AttributeName", &out->attribute_name);
  });
}

// ---- Tags ----------------------------------------------------------------------------

// An absent ResourceArn is not a "must not be null" constraint: DynamoDB
// answers "Invalid TableArn", as the engine does for an empty one.
base::Status DecodeTagResourceRequest(std::string_view json, api::TagResourceRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(GetString(root, "ResourceArn", &out->resource_arn));
    const Json* tags = Find(root, "Tags");
    if (tags == nullptr) {
      d.Missing("tags");
      return base::Status();
    }
    return DecodeTagList(d, *tags, &out->tags);
  });
}

std::string EncodeTagResourceRequest(const api::TagResourceRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.NameStr("ResourceArn", r.resource_arn);
    WriteTagList(w, r.tags);
  });
}

base::Status DecodeUntagResourceRequest(std::string_view json, api::UntagResourceRequest* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(GetString(root, "ResourceArn", &out->resource_arn));
    if (Find(root, "TagKeys") == nullptr) d.Missing("tagKeys");
    return GetStringList(root, "TagKeys", &out->tag_keys);
  });
}

std::string EncodeUntagResourceRequest(const api::UntagResourceRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.NameStr("ResourceArn", r.resource_arn);
    w.Name("TagKeys");
    w.StartArray();
    for (const auto& key : r.tag_keys) w.Str(key);
    w.EndArray();
  });
}

std::string EncodeTagResourceResponse(const api::TagResourceResponse&) { return "{}"; }

base::Status DecodeTagResourceResponse(std::string_view json, api::TagResourceResponse*) {
  return DecodeBody(json, [](Decoder&, const Json&) { return base::Status(); });
}

std::string EncodeUntagResourceResponse(const api::UntagResourceResponse& response) {
  return EncodeTagResourceResponse(response);
}

base::Status DecodeUntagResourceResponse(std::string_view json, api::UntagResourceResponse* out) {
  return DecodeTagResourceResponse(json, out);
}

base::Status DecodeListTagsOfResourceRequest(std::string_view json,
                                             api::ListTagsOfResourceRequest* out) {
  return DecodeBody(json, [&](Decoder&, const Json& root) -> base::Status {
    OT_RETURN_IF_ERROR(GetString(root, "ResourceArn", &out->resource_arn));
    return GetString(root, "NextToken", &out->next_token);
  });
}

std::string EncodeListTagsOfResourceRequest(const api::ListTagsOfResourceRequest& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.NameStr("ResourceArn", r.resource_arn);
    if (r.next_token) w.NameStr("NextToken", *r.next_token);
  });
}

std::string EncodeListTagsOfResourceResponse(const api::ListTagsOfResourceResponse& r) {
  return EncodeBody([&](JsonWriter& w) {
    WriteTagList(w, r.tags);
    if (r.next_token) w.NameStr("NextToken", *r.next_token);
  });
}

base::Status DecodeListTagsOfResourceResponse(std::string_view json,
                                              api::ListTagsOfResourceResponse* out) {
  return DecodeBody(json, [&](Decoder& d, const Json& root) -> base::Status {
    if (const Json* tags = Find(root, "Tags")) OT_RETURN_IF_ERROR(DecodeTagList(d, *tags, &out->tags));
    return GetString(root, "NextToken", &out->next_token);
  });
}

// ---- DescribeEndpoints, DescribeLimits -------------------------------------------------

std::string EncodeDescribeEndpointsResponse(const api::DescribeEndpointsResponse& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.Name("Endpoints");
    w.StartArray();
    for (const auto& e : r.endpoints) {
      w.StartObject();
      w.NameStr("Address", e.address);
      w.Name("CachePeriodInMinutes");
      w.Int64(e.cache_period_in_minutes);
      w.EndObject();
    }
    w.EndArray();
  });
}

std::string EncodeDescribeLimitsResponse(const api::DescribeLimitsResponse& r) {
  return EncodeBody([&](JsonWriter& w) {
    w.Name("AccountMaxReadCapacityUnits");
    w.Int64(r.account_max_read_capacity_units);
    w.Name("AccountMaxWriteCapacityUnits");
    w.Int64(r.account_max_write_capacity_units);
    w.Name("TableMaxReadCapacityUnits");
    w.Int64(r.table_max_read_capacity_units);
    w.Name("TableMaxWriteCapacityUnits");
    w.Int64(r.table_max_write_capacity_units);
  });
}

}  // namespace ordertrack::wire
