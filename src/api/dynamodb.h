// File: api/dynamodb.h
// DynamoDb: the abstract DynamoDB interface. The embedded engine implements
// it in-process and the remote client over HTTP; the orders domain and the
// server use only this, so they cannot tell the two apart.
//
// Every method is safe to call from many threads at once. Errors are
// base::Status values carrying DynamoDB's error type (ErrorCode) and message;
// a TransactionCanceledException carries CancellationReasons as its details.
#pragma once

#include "api/operations.h"
#include "base/result.h"

namespace ordertrack::api {

class DynamoDb {
 public:
  virtual ~DynamoDb() = default;

  // One pure virtual method per row of api/operations.h, e.g.
  //   virtual base::Result<PutItemResponse> PutItem(const PutItemRequest& request) = 0;
  //
  // Tables: CreateTable is ResourceInUseException when the name is taken;
  // the others are ResourceNotFoundException when the table does not exist.
  // Tags name their table by its ARN. Items: a failed condition is
  // ConditionalCheckFailedException.
#define OT_DYNAMODB_DECLARE_PURE(Name, Request, Response) \
  virtual base::Result<Response> Name(const Request& request) = 0;
  OT_DYNAMODB_ALL_OPERATIONS(OT_DYNAMODB_DECLARE_PURE)
#undef OT_DYNAMODB_DECLARE_PURE
};

}  // namespace ordertrack::api
