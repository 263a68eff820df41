// File: wire/operations.h
// Each row of api/operations.h as a value: the operation's wire name, its
// api::DynamoDb method and its four codec functions. The server's endpoint
// and the remote client are driven from these (wire::kPutItem, ...), so a
// row without its codec does not compile, and ForEachOperation visits them
// all for the endpoint's table and the round-trip tests.
#pragma once

#include <string>
#include <string_view>

#include "api/dynamodb.h"
#include "base/result.h"
#include "base/status.h"
#include "wire/codec.h"

namespace ordertrack::wire {

template <typename Request, typename Response>
struct Operation {
  std::string_view name;  // "PutItem": X-Amz-Target is "DynamoDB_20120810." + name
  base::Result<Response> (api::DynamoDb::*call)(const Request&);
  base::Status (*decode_request)(std::string_view, Request*);
  std::string (*encode_request)(const Request&);
  base::Status (*decode_response)(std::string_view, Response*);
  std::string (*encode_response)(const Response&);
};

// The parameters are not named Request and Response: those are pasted into
// the codec functions' names.
#define OT_WIRE_OPERATION(Name, RequestType, ResponseType)                                   \
  inline constexpr Operation<RequestType, ResponseType> k##Name{                             \
      #Name, &api::DynamoDb::Name, Decode##Name##Request, Encode##Name##Request,             \
      Decode##Name##Response, Encode##Name##Response};
OT_DYNAMODB_OPERATIONS(OT_WIRE_OPERATION)
#undef OT_WIRE_OPERATION

// Calls visit(operation) for every operation, in the table's order.
template <typename Visitor>
void ForEachOperation(Visitor&& visit) {
#define OT_WIRE_VISIT(Name, Request, Response) visit(k##Name);
  OT_DYNAMODB_OPERATIONS(OT_WIRE_VISIT)
#undef OT_WIRE_VISIT
}

}  // namespace ordertrack::wire
