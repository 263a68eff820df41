// File: wire/codec.h
// DynamoDB's JSON protocol (x-amz-json-1.0) in both directions: the server
// decodes requests and encodes responses and errors; the remote client
// encodes requests and decodes responses and errors. The only module that
// includes the JSON library (STYLE.md §5.2): everything here speaks api/ and
// model/ types.
//
// Decoding follows DynamoDB's three stages and its error wording:
//  1. JSON that does not parse, or a member of the wrong JSON type
//     ("TableName": 5), is a SerializationException with the message DynamoDB
//     (its Coral framework) gives, e.g. "NUMBER_VALUE cannot be converted to
//     String". Unknown members are ignored; a member whose value is null is
//     treated as absent.
//  2. Missing required members and values outside an enum are collected into
//     one ValidationException: "1 validation error detected: Value null at
//     'tableName' failed to satisfy constraint: Member must not be null", or
//     "N validation errors detected: ...; ...". Table names are checked here
//     too (pattern, length 3..255), as DynamoDB checks them in this stage.
//  3. Malformed attribute values ("Supplied AttributeValue is empty, ...",
//     numbers that do not parse) are a ValidationException with DynamoDB's
//     message, reported when stage 2 found nothing.
// Rules that need the table or cross-field logic (key schema, set duplicates,
// expression syntax...) belong to the engine, not here.
//
// Encoding writes only present optionals and DynamoDB's member names; numbers
// go out in Number's canonical text, binaries in base64.
//
// Every function is thread-safe and allocation-light: requests are parsed in
// situ on a copy of the body, responses written straight into the string.
#pragma once

#include <string>
#include <string_view>

#include "api/dynamodb.h"
#include "base/result.h"
#include "base/status.h"

namespace ordertrack::wire {

// ---- Attribute values --------------------------------------------------------

// An item (a JSON object of attribute values, e.g. {"id":{"S":"a"}}) from and
// to JSON. ItemFromJson's errors are those of decoding a request's Item.
base::Result<model::Item> ItemFromJson(std::string_view json);
std::string ItemToJson(const model::Item& item);

// ---- Errors --------------------------------------------------------------------

// The body DynamoDB sends for `error` (REQUIRES: !error.ok()):
// {"__type":"<namespace>#<type>","message":"..."}. DynamoDB's own exceptions
// use the namespace com.amazonaws.dynamodb.v20120810; ValidationException is
// com.amazon.coral.validate, and the framework's (SerializationException,
// UnknownOperationException, the authentication errors) com.amazon.coral.service,
// with SerializationException's text under "Message" as DynamoDB writes it.
// An empty message is left out. api::CancellationReasons details add
// "CancellationReasons":[{"Code","Message","Item"}], api::ConditionFailedItem
// details add "Item". Internal codes are written as InternalServerError.
std::string EncodeError(const base::Status& error);

// The inverse of EncodeError, for any DynamoDB error body: the code named by
// "__type" (any namespace), "message" or "Message", and the details above.
// An unknown type or a body that is not an error object gives
// InternalServerError carrying the body text.
base::Status DecodeError(std::string_view body);

// ---- Tables ------------------------------------------------------------------

base::Status DecodeCreateTableRequest(std::string_view json, api::CreateTableRequest* out);
std::string EncodeCreateTableRequest(const api::CreateTableRequest& request);
// {"TableDescription":{...}}
std::string EncodeCreateTableResponse(const model::TableDescription& response);
base::Status DecodeCreateTableResponse(std::string_view json, model::TableDescription* out);

base::Status DecodeDescribeTableRequest(std::string_view json, api::DescribeTableRequest* out);
std::string EncodeDescribeTableRequest(const api::DescribeTableRequest& request);
// {"Table":{...}}
std::string EncodeDescribeTableResponse(const model::TableDescription& response);
base::Status DecodeDescribeTableResponse(std::string_view json, model::TableDescription* out);

base::Status DecodeListTablesRequest(std::string_view json, api::ListTablesRequest* out);
std::string EncodeListTablesRequest(const api::ListTablesRequest& request);
std::string EncodeListTablesResponse(const api::ListTablesResponse& response);
base::Status DecodeListTablesResponse(std::string_view json, api::ListTablesResponse* out);

base::Status DecodeDeleteTableRequest(std::string_view json, api::DeleteTableRequest* out);
std::string EncodeDeleteTableRequest(const api::DeleteTableRequest& request);
// {"TableDescription":{...}}
std::string EncodeDeleteTableResponse(const model::TableDescription& response);
base::Status DecodeDeleteTableResponse(std::string_view json, model::TableDescription* out);

base::Status DecodeUpdateTableRequest(std::string_view json, api::UpdateTableRequest* out);
std::string EncodeUpdateTableRequest(const api::UpdateTableRequest& request);
// {"TableDescription":{...}}
std::string EncodeUpdateTableResponse(const model::TableDescription& response);
base::Status DecodeUpdateTableResponse(std::string_view json, model::TableDescription* out);

base::Status DecodeUpdateTimeToLiveRequest(std::string_view json,
                                           api::UpdateTimeToLiveRequest* out);
std::string EncodeUpdateTimeToLiveRequest(const api::UpdateTimeToLiveRequest& request);
// {"TimeToLiveSpecification":{"Enabled":..,"AttributeName":..}}
std::string EncodeUpdateTimeToLiveResponse(const api::TimeToLiveSpecification& response);
base::Status DecodeUpdateTimeToLiveResponse(std::string_view json,
                                            api::TimeToLiveSpecification* out);

base::Status DecodeDescribeTimeToLiveRequest(std::string_view json,
                                             api::DescribeTimeToLiveRequest* out);
std::string EncodeDescribeTimeToLiveRequest(const api::DescribeTimeToLiveRequest& request);
// {"TimeToLiveDescription":{"TimeToLiveStatus":..,"AttributeName":..}}
std::string EncodeDescribeTimeToLiveResponse(const api::TimeToLiveDescription& response);
base::Status DecodeDescribeTimeToLiveResponse(std::string_view json,
                                              api::TimeToLiveDescription* out);

// ---- Tags ------------------------------------------------------------------------

base::Status DecodeTagResourceRequest(std::string_view json, api::TagResourceRequest* out);
std::string EncodeTagResourceRequest(const api::TagResourceRequest& request);

base::Status DecodeUntagResourceRequest(std::string_view json, api::UntagResourceRequest* out);
std::string EncodeUntagResourceRequest(const api::UntagResourceRequest& request);

// "{}"; decoding needs a JSON object and reads nothing of it.
std::string EncodeTagResourceResponse(const api::TagResourceResponse& response);
base::Status DecodeTagResourceResponse(std::string_view json, api::TagResourceResponse* out);
std::string EncodeUntagResourceResponse(const api::UntagResourceResponse& response);
base::Status DecodeUntagResourceResponse(std::string_view json, api::UntagResourceResponse* out);

base::Status DecodeListTagsOfResourceRequest(std::string_view json,
                                             api::ListTagsOfResourceRequest* out);
std::string EncodeListTagsOfResourceRequest(const api::ListTagsOfResourceRequest& request);
std::string EncodeListTagsOfResourceResponse(const api::ListTagsOfResourceResponse& response);
base::Status DecodeListTagsOfResourceResponse(std::string_view json,
                                              api::ListTagsOfResourceResponse* out);

// ---- Endpoints and limits (no request parameters) ------------------------------

std::string EncodeDescribeEndpointsResponse(const api::DescribeEndpointsResponse& response);
std::string EncodeDescribeLimitsResponse(const api::DescribeLimitsResponse& response);

// ---- Single items --------------------------------------------------------------

base::Status DecodePutItemRequest(std::string_view json, api::PutItemRequest* out);
std::string EncodePutItemRequest(const api::PutItemRequest& request);
std::string EncodePutItemResponse(const api::PutItemResponse& response);
base::Status DecodePutItemResponse(std::string_view json, api::PutItemResponse* out);

base::Status DecodeGetItemRequest(std::string_view json, api::GetItemRequest* out);
std::string EncodeGetItemRequest(const api::GetItemRequest& request);
// No "Item" member when no item has the key.
std::string EncodeGetItemResponse(const api::GetItemResponse& response);
base::Status DecodeGetItemResponse(std::string_view json, api::GetItemResponse* out);

base::Status DecodeUpdateItemRequest(std::string_view json, api::UpdateItemRequest* out);
std::string EncodeUpdateItemRequest(const api::UpdateItemRequest& request);
std::string EncodeUpdateItemResponse(const api::UpdateItemResponse& response);
base::Status DecodeUpdateItemResponse(std::string_view json, api::UpdateItemResponse* out);

base::Status DecodeDeleteItemRequest(std::string_view json, api::DeleteItemRequest* out);
std::string EncodeDeleteItemRequest(const api::DeleteItemRequest& request);
std::string EncodeDeleteItemResponse(const api::DeleteItemResponse& response);
base::Status DecodeDeleteItemResponse(std::string_view json, api::DeleteItemResponse* out);

// ---- Query and Scan --------------------------------------------------------------

base::Status DecodeQueryRequest(std::string_view json, api::QueryRequest* out);
std::string EncodeQueryRequest(const api::QueryRequest& request);
// "Items" is left out, as with Select COUNT, when there are no items but
// Count is above 0; an empty page otherwise writes "Items":[].
std::string EncodeQueryResponse(const api::QueryResponse& response);
base::Status DecodeQueryResponse(std::string_view json, api::QueryResponse* out);

base::Status DecodeScanRequest(std::string_view json, api::ScanRequest* out);
std::string EncodeScanRequest(const api::ScanRequest& request);
std::string EncodeScanResponse(const api::ScanResponse& response);
base::Status DecodeScanResponse(std::string_view json, api::ScanResponse* out);

// ---- Batches and transactions ------------------------------------------------------

base::Status DecodeBatchGetItemRequest(std::string_view json, api::BatchGetItemRequest* out);
std::string EncodeBatchGetItemRequest(const api::BatchGetItemRequest& request);
std::string EncodeBatchGetItemResponse(const api::BatchGetItemResponse& response);
base::Status DecodeBatchGetItemResponse(std::string_view json, api::BatchGetItemResponse* out);

base::Status DecodeBatchWriteItemRequest(std::string_view json, api::BatchWriteItemRequest* out);
std::string EncodeBatchWriteItemRequest(const api::BatchWriteItemRequest& request);
std::string EncodeBatchWriteItemResponse(const api::BatchWriteItemResponse& response);
base::Status DecodeBatchWriteItemResponse(std::string_view json,
                                          api::BatchWriteItemResponse* out);

base::Status DecodeTransactWriteItemsRequest(std::string_view json,
                                             api::TransactWriteItemsRequest* out);
std::string EncodeTransactWriteItemsRequest(const api::TransactWriteItemsRequest& request);
std::string EncodeTransactWriteItemsResponse(const api::TransactWriteItemsResponse& response);
base::Status DecodeTransactWriteItemsResponse(std::string_view json,
                                              api::TransactWriteItemsResponse* out);

base::Status DecodeTransactGetItemsRequest(std::string_view json,
                                           api::TransactGetItemsRequest* out);
std::string EncodeTransactGetItemsRequest(const api::TransactGetItemsRequest& request);
// "Responses": one entry per request, {"Item":{...}} or {} when absent.
std::string EncodeTransactGetItemsResponse(const api::TransactGetItemsResponse& response);
base::Status DecodeTransactGetItemsResponse(std::string_view json,
                                            api::TransactGetItemsResponse* out);

// ---- DynamoDB Streams -------------------------------------------------------------

// Records use the Streams API's lower-case member names (eventID, eventName,
// dynamodb, userIdentity...); Limit is typed here and range-checked by the
// engine, as ListTables' is.
base::Status DecodeListStreamsRequest(std::string_view json, api::ListStreamsRequest* out);
std::string EncodeListStreamsRequest(const api::ListStreamsRequest& request);
// "Streams" is always written, [] when there are none.
std::string EncodeListStreamsResponse(const api::ListStreamsResponse& response);
base::Status DecodeListStreamsResponse(std::string_view json, api::ListStreamsResponse* out);

base::Status DecodeDescribeStreamRequest(std::string_view json, api::DescribeStreamRequest* out);
std::string EncodeDescribeStreamRequest(const api::DescribeStreamRequest& request);
// {"StreamDescription":{...}}, CreationRequestDateTime in epoch seconds.
std::string EncodeDescribeStreamResponse(const api::DescribeStreamResponse& response);
base::Status DecodeDescribeStreamResponse(std::string_view json,
                                          api::DescribeStreamResponse* out);

base::Status DecodeGetShardIteratorRequest(std::string_view json,
                                           api::GetShardIteratorRequest* out);
std::string EncodeGetShardIteratorRequest(const api::GetShardIteratorRequest& request);
std::string EncodeGetShardIteratorResponse(const api::GetShardIteratorResponse& response);
base::Status DecodeGetShardIteratorResponse(std::string_view json,
                                            api::GetShardIteratorResponse* out);

base::Status DecodeGetRecordsRequest(std::string_view json, api::GetRecordsRequest* out);
std::string EncodeGetRecordsRequest(const api::GetRecordsRequest& request);
// "Records" is always written, [] for an empty page.
std::string EncodeGetRecordsResponse(const api::GetRecordsResponse& response);
base::Status DecodeGetRecordsResponse(std::string_view json, api::GetRecordsResponse* out);

}  // namespace ordertrack::wire
