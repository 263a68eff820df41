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

// The X-Amz-Target prefixes of the two services.
inline constexpr std::string_view kDynamoDbTarget = "DynamoDB_20120810.";
inline constexpr std::string_view kStreamsTarget = "DynamoDBStreams_20120810.";

template <typename Request, typename Response>
struct Operation {
  std::string_view name;    // "PutItem"
  std::string_view target;  // "DynamoDB_20120810.PutItem"
  bool streams;             // of DynamoDB Streams, which AWS serves at its own endpoint
  base::Result<Response> (api::DynamoDb::*call)(const Request&);
  base::Status (*decode_request)(std::string_view, Request*);
  std::string (*encode_request)(const Request&);
  base::Status (*decode_response)(std::string_view, Response*);
  std::string (*encode_response)(const Response&);
};

// The parameters are not named Request and Response: those are pasted into
// the codec functions' names.
#define OT_WIRE_OPERATION(Prefix, streams, Name, RequestType, ResponseType)             \
  inline constexpr Operation<RequestType, ResponseType> k##Name{                      \
      #Name, Prefix #Name, streams, &api::DynamoDb::Name, Decode##Name##Request,       \
      Encode##Name##Request, Decode##Name##Response, Encode##Name##Response};
#define OT_WIRE_DYNAMODB_OPERATION(...) OT_WIRE_OPERATION("DynamoDB_20120810.", false, __VA_ARGS__)
#define OT_WIRE_STREAMS_OPERATION(...) \
  OT_WIRE_OPERATION("DynamoDBStreams_20120810.", true, __VA_ARGS__)
OT_DYNAMODB_OPERATIONS(OT_WIRE_DYNAMODB_OPERATION)
OT_DYNAMODB_STREAMS_OPERATIONS(OT_WIRE_STREAMS_OPERATION)
#undef OT_WIRE_STREAMS_OPERATION
#undef OT_WIRE_DYNAMODB_OPERATION
#undef OT_WIRE_OPERATION

// Calls visit(operation) for every operation, in the table's order.
template <typename Visitor>
void ForEachOperation(Visitor&& visit) {
#define OT_WIRE_VISIT(Name, Request, Response) visit(k##Name);
  OT_DYNAMODB_ALL_OPERATIONS(OT_WIRE_VISIT)
#undef OT_WIRE_VISIT
}

}  // namespace ordertrack::wire
