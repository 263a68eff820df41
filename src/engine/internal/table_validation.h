// File: engine/internal/table_validation.h
// Turns CreateTable and UpdateTable requests into TableInfo, refusing what
// DynamoDB refuses with its messages (names, key schemas, attribute
// definitions, index limits, projections, billing settings).
#pragma once

#include "api/tables.h"
#include "base/result.h"
#include "engine/internal/table_info.h"

namespace ordertrack::engine {

base::Status ValidateTableName(std::string_view name, std::string_view field = "tableName");

// A TableInfo for `request`, its id and creation time left for the caller.
base::Result<TableInfo> TableFromCreateRequest(const api::CreateTableRequest& request);

// A new global index for `table`, defined in `definitions` (UpdateTable's
// AttributeDefinitions, falling back to the table's). Its index_no is unset.
base::Result<IndexInfo> IndexFromCreate(const TableInfo& table,
                                        const std::vector<model::AttributeDefinition>& definitions,
                                        const api::GlobalSecondaryIndex& index);

}  // namespace ordertrack::engine
