// File: model/limits.h
// DynamoDB's documented service limits that the data model enforces.
// https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html
#pragma once

#include <cstddef>
#include <string_view>

namespace ordertrack::model {

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

// DynamoDB's words for the length limit of each table's list in
// BatchWriteItem's RequestItems; they follow "Value '<RequestItems>' at
// 'requestItems' failed to satisfy constraint: ".
inline constexpr std::string_view kBatchWriteListConstraint =
    "Map value must satisfy constraint: [Member must have length less than or equal to 25, "
    "Member must have length greater than or equal to 1]";

}  // namespace ordertrack::model
