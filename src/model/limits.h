// File: model/limits.h
// DynamoDB's documented service limits that the data model enforces.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html
#pragma once

#include <cstddef>
#include <cstdint>

namespace ordertrack::model {

// The messages that quote a limit build their text from these constants, so
// each number is written once.
inline constexpr size_t kMaxItemBytes = 400 * 1024;
inline constexpr size_t kMaxPartitionKeyBytes = 2048;
inline constexpr size_t kMaxSortKeyBytes = 1024;
inline constexpr size_t kMaxNestingDepth = 32;
inline constexpr size_t kMaxGlobalIndexes = 20;
inline constexpr size_t kMaxLocalIndexes = 5;
inline constexpr size_t kMaxProjectedNonKeyAttributes = 100;
inline constexpr size_t kMaxPageBytes = 1024 * 1024;
inline constexpr size_t kMaxTransactionItems = 100;
inline constexpr size_t kMaxBatchGetKeys = 100;
inline constexpr size_t kMaxBatchWriteItems = 25;
inline constexpr size_t kMinTableNameLength = 3;
inline constexpr size_t kMaxTableNameLength = 255;
inline constexpr size_t kMaxKeySchemaElements = 2;  // a partition key and a sort key
inline constexpr int64_t kMaxListTablesLimit = 100;
inline constexpr size_t kMaxTtlAttributeNameLength = 255;
inline constexpr size_t kMaxClientRequestTokenLength = 36;
inline constexpr int64_t kMaxTotalSegments = 1000000;
inline constexpr size_t kMaxTagKeyLength = 128;
inline constexpr size_t kMaxTagValueLength = 256;
inline constexpr size_t kMaxTagsPerResource = 50;

}  // namespace ordertrack::model
