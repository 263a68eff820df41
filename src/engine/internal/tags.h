// File: engine/internal/tags.h
// Checking and merging table tags, shared by CreateTable and TagResource.
#pragma once

#include <vector>

#include "api/tables.h"
#include "engine/internal/table_info.h"

namespace ordertrack::engine {

// Keys of 1 to 128 characters, values of at most 256; DynamoDB's messages.
base::Status ValidateTags(const std::vector<api::Tag>& tags);
// Adds `tags` to the table's, replacing values of keys it already has.
void MergeTags(const std::vector<api::Tag>& tags, TableInfo* table);

}  // namespace ordertrack::engine
