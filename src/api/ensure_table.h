// File: api/ensure_table.h
// CreateTableIfMissing: what every module that keeps its own table in the
// store (orders, access keys) does before its first use.
#pragma once

#include "api/dynamodb.h"

namespace ordertrack::api {

// Creates `request`'s table unless one of that name exists (an existing
// table is left alone, whatever its schema), then waits until it is ACTIVE:
// at once on the embedded engine, seconds on DynamoDB. ServiceUnavailable
// when it does not become ACTIVE within a minute.
base::Status CreateTableIfMissing(DynamoDb& db, const CreateTableRequest& request);

}  // namespace ordertrack::api
