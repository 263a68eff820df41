// File: api/dynamodb.h
// DynamoDb: the abstract DynamoDB interface. The embedded engine implements
// it in-process and the remote client over HTTP; the orders domain and the
// server use only this, so they cannot tell the two apart.
//
// Every method is safe to call from many threads at once. Errors are
// base::Status values carrying DynamoDB's error type (ErrorCode) and message;
// a TransactionCanceledException carries CancellationReasons as its details.
#pragma once

#include "api/batches.h"
#include "api/items.h"
#include "api/reads.h"
#include "api/tables.h"
#include "base/result.h"

namespace ordertrack::api {

class DynamoDb {
 public:
  virtual ~DynamoDb() = default;

  // Tables. CreateTable: ResourceInUseException when the name is taken.
  // Others: ResourceNotFoundException when the table does not exist.
  virtual base::Result<model::TableDescription> CreateTable(const CreateTableRequest& request) = 0;
  virtual base::Result<model::TableDescription> DescribeTable(
      const DescribeTableRequest& request) = 0;
  virtual base::Result<ListTablesResponse> ListTables(const ListTablesRequest& request) = 0;
  virtual base::Result<model::TableDescription> DeleteTable(const DeleteTableRequest& request) = 0;
  virtual base::Result<model::TableDescription> UpdateTable(const UpdateTableRequest& request) = 0;
  virtual base::Result<TimeToLiveSpecification> UpdateTimeToLive(
      const UpdateTimeToLiveRequest& request) = 0;
  virtual base::Result<TimeToLiveDescription> DescribeTimeToLive(
      const DescribeTimeToLiveRequest& request) = 0;

  // Tags of a table, named by its ARN.
  virtual base::Status TagResource(const TagResourceRequest& request) = 0;
  virtual base::Status UntagResource(const UntagResourceRequest& request) = 0;
  virtual base::Result<ListTagsOfResourceResponse> ListTagsOfResource(
      const ListTagsOfResourceRequest& request) = 0;

  // Items. A failed condition is ConditionalCheckFailedException.
  virtual base::Result<PutItemResponse> PutItem(const PutItemRequest& request) = 0;
  virtual base::Result<GetItemResponse> GetItem(const GetItemRequest& request) = 0;
  virtual base::Result<UpdateItemResponse> UpdateItem(const UpdateItemRequest& request) = 0;
  virtual base::Result<DeleteItemResponse> DeleteItem(const DeleteItemRequest& request) = 0;

  // Reads of many items, page by page.
  virtual base::Result<QueryResponse> Query(const QueryRequest& request) = 0;
  virtual base::Result<ScanResponse> Scan(const ScanRequest& request) = 0;

  // Batches and transactions.
  virtual base::Result<BatchGetItemResponse> BatchGetItem(const BatchGetItemRequest& request) = 0;
  virtual base::Result<BatchWriteItemResponse> BatchWriteItem(
      const BatchWriteItemRequest& request) = 0;
  virtual base::Result<TransactWriteItemsResponse> TransactWriteItems(
      const TransactWriteItemsRequest& request) = 0;
  virtual base::Result<TransactGetItemsResponse> TransactGetItems(
      const TransactGetItemsRequest& request) = 0;
};

}  // namespace ordertrack::api
