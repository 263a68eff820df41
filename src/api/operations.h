// File: api/operations.h
// The tables of DynamoDB operations: one row per operation of api::DynamoDb,
// X(Name, Request, Response), where Name is the operation's wire name and
// the method's name. The interface's methods, the embedded and remote
// implementations' declarations, the server's endpoint, the remote client's
// calls and the wire round-trip tests are all expanded from this one list,
// so an operation in it is declared, served, forwarded and tested
// (docs/architecture.md, "Adding an operation"). Types are spelled from
// ordertrack:: (api::..., model::...) so that a row reads the same in every
// module that expands it.
#pragma once

#include "api/batches.h"
#include "api/items.h"
#include "api/reads.h"
#include "api/streams.h"
#include "api/tables.h"
#include "model/schema.h"

// clang-format off
#define OT_DYNAMODB_OPERATIONS(X)                                                        \
  /* Tables. */                                                                          \
  X(CreateTable, api::CreateTableRequest, model::TableDescription)                       \
  X(DescribeTable, api::DescribeTableRequest, model::TableDescription)                   \
  X(ListTables, api::ListTablesRequest, api::ListTablesResponse)                         \
  X(DeleteTable, api::DeleteTableRequest, model::TableDescription)                       \
  X(UpdateTable, api::UpdateTableRequest, model::TableDescription)                       \
  X(UpdateTimeToLive, api::UpdateTimeToLiveRequest, api::TimeToLiveSpecification)        \
  X(DescribeTimeToLive, api::DescribeTimeToLiveRequest, api::TimeToLiveDescription)      \
  /* Tags of a table, named by its ARN. */                                               \
  X(TagResource, api::TagResourceRequest, api::TagResourceResponse)                      \
  X(UntagResource, api::UntagResourceRequest, api::UntagResourceResponse)                \
  X(ListTagsOfResource, api::ListTagsOfResourceRequest, api::ListTagsOfResourceResponse) \
  /* Single items. */                                                                    \
  X(PutItem, api::PutItemRequest, api::PutItemResponse)                                  \
  X(GetItem, api::GetItemRequest, api::GetItemResponse)                                  \
  X(UpdateItem, api::UpdateItemRequest, api::UpdateItemResponse)                         \
  X(DeleteItem, api::DeleteItemRequest, api::DeleteItemResponse)                         \
  /* Reads of many items, page by page. */                                               \
  X(Query, api::QueryRequest, api::QueryResponse)                                        \
  X(Scan, api::ScanRequest, api::ScanResponse)                                           \
  /* Batches and transactions. */                                                        \
  X(BatchGetItem, api::BatchGetItemRequest, api::BatchGetItemResponse)                   \
  X(BatchWriteItem, api::BatchWriteItemRequest, api::BatchWriteItemResponse)             \
  X(TransactWriteItems, api::TransactWriteItemsRequest, api::TransactWriteItemsResponse) \
  X(TransactGetItems, api::TransactGetItemsRequest, api::TransactGetItemsResponse)

// DynamoDB Streams: a service of its own (X-Amz-Target
// DynamoDBStreams_20120810.*, its own regional endpoint on AWS), served on
// the same port and part of the same interface, so code reads a table's
// changes the same way on every store.
#define OT_DYNAMODB_STREAMS_OPERATIONS(X)                                                \
  X(ListStreams, api::ListStreamsRequest, api::ListStreamsResponse)                      \
  X(DescribeStream, api::DescribeStreamRequest, api::DescribeStreamResponse)             \
  X(GetShardIterator, api::GetShardIteratorRequest, api::GetShardIteratorResponse)       \
  X(GetRecords, api::GetRecordsRequest, api::GetRecordsResponse)

#define OT_DYNAMODB_ALL_OPERATIONS(X) \
  OT_DYNAMODB_OPERATIONS(X)           \
  OT_DYNAMODB_STREAMS_OPERATIONS(X)
// clang-format on

// Declares every operation as a member function of an api::DynamoDb
// implementation, for its class body: OT_DYNAMODB_OVERRIDES().
#define OT_DYNAMODB_DECLARE_OVERRIDE(Name, Request, Response) \
  ::ordertrack::base::Result<Response> Name(const Request& request) override;
#define OT_DYNAMODB_OVERRIDES() OT_DYNAMODB_ALL_OPERATIONS(OT_DYNAMODB_DECLARE_OVERRIDE)
