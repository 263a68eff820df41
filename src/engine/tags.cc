// Tags of EmbeddedDynamoDb's tables: TagResource, UntagResource,
// ListTagsOfResource, and their checks.
#include <algorithm>
#include <optional>
#include <string_view>

#include "engine/embedded_dynamodb.h"
#include "engine/internal/tags.h"
#include "model/limits.h"
#include "model/table_name.h"
#include "model/validation.h"

namespace ordertrack::engine {

base::Status ValidateTags(const std::vector<api::Tag>& tags) {
  for (const auto& tag : tags) {
    if (tag.key.empty() || tag.key.size() > model::kMaxTagKeyLength) {
      return model::ConstraintError(
          "Value '" + tag.key +
          "' at 'tags.member.key' failed to satisfy constraint: Member must have length " +
          (tag.key.empty() ? "greater than or equal to 1"
                           : "less than or equal to " + std::to_string(model::kMaxTagKeyLength)));
    }
    if (tag.value.size() > model::kMaxTagValueLength) {
      return model::ConstraintError(
          "Value at 'tags.member.value' failed to satisfy constraint: Member must have length "
          "less than or equal to " +
          std::to_string(model::kMaxTagValueLength));
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

namespace {

// The table name of "arn:<partition>:dynamodb:<region>:<account>:table/<name>",
// or nullopt when `arn` is not a table's ARN (an index's ARN is not). The
// partition, region and account are not compared with ours: one process is one
// local account, whatever region its clients are configured for.
std::optional<std::string_view> TableNameOfArn(std::string_view arn) {
  std::string_view fields[6];
  for (int i = 0; i < 5; ++i) {
    size_t colon = arn.find(':');
    if (colon == std::string_view::npos || colon == 0) return std::nullopt;
    fields[i] = arn.substr(0, colon);
    arn.remove_prefix(colon + 1);
  }
  fields[5] = arn;
  constexpr std::string_view kTable = "table/";
  if (fields[0] != "arn" || fields[2] != "dynamodb" || !fields[5].starts_with(kTable)) {
    return std::nullopt;
  }
  std::string_view name = fields[5].substr(kTable.size());
  if (!model::TableNameViolations(name).empty()) return std::nullopt;
  return name;
}

}  // namespace

base::Result<std::shared_ptr<const TableInfo>> EmbeddedDynamoDb::FindTableByArn(
    std::string_view arn) const {
  if (arn.empty()) return base::ValidationError("Invalid TableArn");
  std::optional<std::string_view> name = TableNameOfArn(arn);
  if (!name) {
    return base::ValidationError("Invalid TableArn: Invalid ResourceArn provided as input " +
                                 std::string(arn));
  }
  auto table = FindTable(*name);
  if (table.ok()) return table;
  // DynamoDB's own wording, misspelling included.
  return base::NotFoundError("Requested resource not found: ResourcArn: " + std::string(arn) +
                             " not found");
}

base::Result<api::TagResourceResponse> EmbeddedDynamoDb::TagResource(const api::TagResourceRequest& r) {
  // CreateTable takes an empty list of tags; TagResource does not.
  if (r.tags.empty()) return base::ValidationError("Atleast one Tag needs to be provided as Input.");
  OT_RETURN_IF_ERROR(ValidateTags(r.tags));
  base::MutexLock ddl(ddl_mu_);
  OT_ASSIGN_OR_RETURN(auto current, FindTableByArn(r.resource_arn));
  TableInfo table = *current;
  MergeTags(r.tags, &table);
  if (table.tags.size() > model::kMaxTagsPerResource) {
    return base::Status(base::ErrorCode::kLimitExceeded,
                        "The number of tags exceeds the limit of " +
                            std::to_string(model::kMaxTagsPerResource) + " for the resource");
  }
  OT_RETURN_IF_ERROR(SaveTable(std::make_shared<const TableInfo>(std::move(table))));
  return api::TagResourceResponse();
}

base::Result<api::UntagResourceResponse> EmbeddedDynamoDb::UntagResource(const api::UntagResourceRequest& r) {
  if (r.tag_keys.empty()) {
    return base::ValidationError("Atleast one Tag Key needs to be provided as Input.");
  }
  base::MutexLock ddl(ddl_mu_);
  OT_ASSIGN_OR_RETURN(auto current, FindTableByArn(r.resource_arn));
  TableInfo table = *current;
  std::erase_if(table.tags, [&](const auto& kv) {
    return std::find(r.tag_keys.begin(), r.tag_keys.end(), kv.first) != r.tag_keys.end();
  });
  OT_RETURN_IF_ERROR(SaveTable(std::make_shared<const TableInfo>(std::move(table))));
  return api::TagResourceResponse();
}

base::Result<api::ListTagsOfResourceResponse> EmbeddedDynamoDb::ListTagsOfResource(
    const api::ListTagsOfResourceRequest& r) {
  OT_ASSIGN_OR_RETURN(auto table, FindTableByArn(r.resource_arn));
  api::ListTagsOfResourceResponse out;
  for (const auto& [key, value] : table->tags) out.tags.push_back({key, value});
  return out;
}

}  // namespace ordertrack::engine
