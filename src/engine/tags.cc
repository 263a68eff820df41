// Tags of EmbeddedDynamoDb's tables: TagResource, UntagResource,
// ListTagsOfResource, and their checks.
#include <algorithm>

#include "engine/embedded_dynamodb.h"
#include "engine/tags.h"

namespace ordertrack::engine {

base::Status ValidateTags(const std::vector<api::Tag>& tags) {
  for (const auto& tag : tags) {
    if (tag.key.empty() || tag.key.size() > 128) {
      return base::ValidationError(
          "1 validation error detected: Value '" + tag.key +
          "' at 'tags.member.key' failed to satisfy constraint: Member must have length " +
          (tag.key.empty() ? "greater than or equal to 1" : "less than or equal to 128"));
    }
    if (tag.value.size() > 256) {
      return base::ValidationError(
          "1 validation error detected: Value at 'tags.member.value' failed to satisfy "
          "constraint: Member must have length less than or equal to 256");
    }
  }
  return base::Status();
}

void MergeTags(const std::vector<api::Tag>& tags, TableInfo* table) {
  for (const auto& tag : tags) {
    auto it = std::find_if(table->tags.begin(), table->tags.end(),
                           [&](const auto& kv) { return kv.first == tag.key; });
    if (it != table->tags.end()) {
      it->second = tag.value;
    } else {
      table->tags.emplace_back(tag.key, tag.value);
    }
  }
}

base::Result<std::shared_ptr<const TableInfo>> EmbeddedDynamoDb::FindTableByArn(
    std::string_view arn) const {
  constexpr std::string_view kPrefix = "arn:aws:dynamodb:local:000000000000:table/";
  if (arn.substr(0, kPrefix.size()) == kPrefix) {
    auto table = FindTable(arn.substr(kPrefix.size()));
    if (table.ok()) return table;
  }
  // DynamoDB's own wording, misspelling included.
  return base::NotFoundError("Requested resource not found: ResourcArn: " + std::string(arn) +
                             " not found");
}

base::Status EmbeddedDynamoDb::TagResource(const api::TagResourceRequest& r) {
  // CreateTable takes an empty list of tags; TagResource does not.
  if (r.tags.empty()) return base::ValidationError("Atleast one Tag needs to be provided as Input.");
  OT_RETURN_IF_ERROR(ValidateTags(r.tags));
  std::lock_guard ddl(ddl_mu_);
  OT_ASSIGN_OR_RETURN(auto current, FindTableByArn(r.resource_arn));
  TableInfo table = *current;
  MergeTags(r.tags, &table);
  if (table.tags.size() > 50) {
    return base::Status(base::ErrorCode::kLimitExceeded,
                        "The number of tags exceeds the limit of 50 for the resource");
  }
  return SaveTable(std::make_shared<const TableInfo>(std::move(table)));
}

base::Status EmbeddedDynamoDb::UntagResource(const api::UntagResourceRequest& r) {
  if (r.tag_keys.empty()) {
    return base::ValidationError("Atleast one Tag Key needs to be provided as Input.");
  }
  std::lock_guard ddl(ddl_mu_);
  OT_ASSIGN_OR_RETURN(auto current, FindTableByArn(r.resource_arn));
  TableInfo table = *current;
  std::erase_if(table.tags, [&](const auto& kv) {
    return std::find(r.tag_keys.begin(), r.tag_keys.end(), kv.first) != r.tag_keys.end();
  });
  return SaveTable(std::make_shared<const TableInfo>(std::move(table)));
}

base::Result<api::ListTagsOfResourceResponse> EmbeddedDynamoDb::ListTagsOfResource(
    const api::ListTagsOfResourceRequest& r) {
  OT_ASSIGN_OR_RETURN(auto table, FindTableByArn(r.resource_arn));
  api::ListTagsOfResourceResponse out;
  for (const auto& [key, value] : table->tags) out.tags.push_back({key, value});
  return out;
}

}  // namespace ordertrack::engine
