#include "client/remote_dynamodb.h"

#include <chrono>

#include "sigv4/sigv4.h"
#include "wire/checksum.h"
#include "wire/codec.h"

namespace ordertrack::client {
namespace {

constexpr std::string_view kTargetPrefix = "DynamoDB_20120810.";
constexpr std::string_view kContentType = "application/x-amz-json-1.0";

int64_t SystemNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// DynamoDB sends the CRC32 of every answer; the SDKs check it and retry on a
// mismatch, as a corrupted answer is a transport failure.
bool ChecksumMatches(const HttpResponse& response) {
  std::string_view expected = response.Header("x-amz-crc32");
  if (expected.empty()) return true;  // DynamoDB Local and others may not send it
  return wire::BodyCrc32(response.body) == expected;
}

// The typed error of a non-200 answer. DynamoDB answers errors with a JSON
// body naming the type; a proxy or load balancer in between may answer with
// anything, which becomes an error of the HTTP status's class so that the
// retry policy still does the right thing (5xx retried, 4xx not).
base::Status ErrorOf(const HttpResponse& response, const Endpoint& endpoint) {
  base::Status error = wire::DecodeError(response.body);
  bool unknown =
      error.code() == base::ErrorCode::kInternalServerError && error.message() == response.body;
  if (!unknown) return error;
  std::string text = "HTTP " + std::to_string(response.status) + " from " + endpoint.Origin() +
                     ": " + response.body.substr(0, 200);
  if (response.status == 503) return base::Status(base::ErrorCode::kServiceUnavailable, text);
  if (response.status == 429) return base::Status(base::ErrorCode::kThrottling, text);
  if (response.status >= 500) return base::InternalError(text);
  return base::ValidationError(text);
}

}  // namespace

base::Result<std::unique_ptr<RemoteDynamoDb>> RemoteDynamoDb::Create(RemoteOptions options) {
  if (options.endpoint.empty()) {
    if (options.region.empty()) {
      return base::ValidationError(
          "no region: set --region, AWS_REGION or a region in ~/.aws/config, or an endpoint");
    }
    options.endpoint = "https://dynamodb." + options.region + ".amazonaws.com";
  }
  if (options.region.empty()) options.region = "us-east-1";
  OT_ASSIGN_OR_RETURN(Endpoint endpoint, ParseEndpoint(options.endpoint));
  OT_ASSIGN_OR_RETURN(std::unique_ptr<HttpClient> http, HttpClient::Create(options.http));
  if (!options.now) options.now = SystemNow;
  return std::unique_ptr<RemoteDynamoDb>(
      new RemoteDynamoDb(std::move(options), std::move(endpoint), std::move(http)));
}

RemoteDynamoDb::RemoteDynamoDb(RemoteOptions options, Endpoint endpoint,
                               std::unique_ptr<HttpClient> http)
    : options_(std::move(options)),
      endpoint_(std::move(endpoint)),
      http_(std::move(http)),
      retry_(options_.retry) {}

RemoteDynamoDb::~RemoteDynamoDb() = default;

base::Result<std::string> RemoteDynamoDb::CallOnce(std::string_view operation,
                                                   const std::string& body) {
  HttpRequest request;
  request.method = "POST";
  request.target = endpoint_.path;
  request.headers = {{"Host", endpoint_.HostHeader()},
                     {"Content-Type", std::string(kContentType)},
                     {"X-Amz-Target", std::string(kTargetPrefix) + std::string(operation)},
                     {"User-Agent", options_.user_agent}};
  request.body = body;
  if (options_.credentials) {
    // Signed on every attempt: a retry after a long backoff needs a fresh date.
    sigv4::Credentials credentials{options_.credentials->access_key_id,
                                   options_.credentials->secret_access_key,
                                   options_.credentials->session_token};
    sigv4::SignRequest(credentials, options_.region, "dynamodb",
                       sigv4::FormatAmzDate(options_.now()), &request.headers, request.method,
                       endpoint_.path, "", request.body);
  }
  OT_ASSIGN_OR_RETURN(HttpResponse response, http_->Send(endpoint_, request));
  if (!ChecksumMatches(response)) {
    return base::Status(base::ErrorCode::kIOError,
                        "the answer from " + endpoint_.Origin() + " failed its CRC32 check");
  }
  if (response.status != 200) return ErrorOf(response, endpoint_);
  return std::move(response.body);
}

base::Result<std::string> RemoteDynamoDb::Call(std::string_view operation,
                                               const std::string& body) {
  return retry_.Run<std::string>([&] { return CallOnce(operation, body); });
}

template <typename Response>
base::Result<Response> RemoteDynamoDb::Invoke(std::string_view operation, const std::string& body,
                                              base::Status (*decode)(std::string_view, Response*)) {
  OT_ASSIGN_OR_RETURN(std::string answer, Call(operation, body));
  Response response;
  OT_RETURN_IF_ERROR(decode(answer, &response));
  return response;
}

base::Result<model::TableDescription> RemoteDynamoDb::CreateTable(
    const api::CreateTableRequest& r) {
  return Invoke("CreateTable", wire::EncodeCreateTableRequest(r), wire::DecodeCreateTableResponse);
}

base::Result<model::TableDescription> RemoteDynamoDb::DescribeTable(
    const api::DescribeTableRequest& r) {
  return Invoke("DescribeTable", wire::EncodeDescribeTableRequest(r),
                wire::DecodeDescribeTableResponse);
}

base::Result<api::ListTablesResponse> RemoteDynamoDb::ListTables(const api::ListTablesRequest& r) {
  return Invoke("ListTables", wire::EncodeListTablesRequest(r), wire::DecodeListTablesResponse);
}

base::Result<model::TableDescription> RemoteDynamoDb::DeleteTable(
    const api::DeleteTableRequest& r) {
  return Invoke("DeleteTable", wire::EncodeDeleteTableRequest(r), wire::DecodeDeleteTableResponse);
}

base::Result<model::TableDescription> RemoteDynamoDb::UpdateTable(
    const api::UpdateTableRequest& r) {
  return Invoke("UpdateTable", wire::EncodeUpdateTableRequest(r), wire::DecodeUpdateTableResponse);
}

base::Result<api::TimeToLiveSpecification> RemoteDynamoDb::UpdateTimeToLive(
    const api::UpdateTimeToLiveRequest& r) {
  return Invoke("UpdateTimeToLive", wire::EncodeUpdateTimeToLiveRequest(r),
                wire::DecodeUpdateTimeToLiveResponse);
}

base::Result<api::TimeToLiveDescription> RemoteDynamoDb::DescribeTimeToLive(
    const api::DescribeTimeToLiveRequest& r) {
  return Invoke("DescribeTimeToLive", wire::EncodeDescribeTimeToLiveRequest(r),
                wire::DecodeDescribeTimeToLiveResponse);
}

// TagResource and UntagResource answer "{}": only the outcome matters.
base::Status RemoteDynamoDb::TagResource(const api::TagResourceRequest& r) {
  return Call("TagResource", wire::EncodeTagResourceRequest(r)).status();
}

base::Status RemoteDynamoDb::UntagResource(const api::UntagResourceRequest& r) {
  return Call("UntagResource", wire::EncodeUntagResourceRequest(r)).status();
}

base::Result<api::ListTagsOfResourceResponse> RemoteDynamoDb::ListTagsOfResource(
    const api::ListTagsOfResourceRequest& r) {
  return Invoke("ListTagsOfResource", wire::EncodeListTagsOfResourceRequest(r),
                wire::DecodeListTagsOfResourceResponse);
}

base::Result<api::PutItemResponse> RemoteDynamoDb::PutItem(const api::PutItemRequest& r) {
  return Invoke("PutItem", wire::EncodePutItemRequest(r), wire::DecodePutItemResponse);
}

base::Result<api::GetItemResponse> RemoteDynamoDb::GetItem(const api::GetItemRequest& r) {
  return Invoke("GetItem", wire::EncodeGetItemRequest(r), wire::DecodeGetItemResponse);
}

base::Result<api::UpdateItemResponse> RemoteDynamoDb::UpdateItem(const api::UpdateItemRequest& r) {
  return Invoke("UpdateItem", wire::EncodeUpdateItemRequest(r), wire::DecodeUpdateItemResponse);
}

base::Result<api::DeleteItemResponse> RemoteDynamoDb::DeleteItem(const api::DeleteItemRequest& r) {
  return Invoke("DeleteItem", wire::EncodeDeleteItemRequest(r), wire::DecodeDeleteItemResponse);
}

base::Result<api::QueryResponse> RemoteDynamoDb::Query(const api::QueryRequest& r) {
  return Invoke("Query", wire::EncodeQueryRequest(r), wire::DecodeQueryResponse);
}

base::Result<api::ScanResponse> RemoteDynamoDb::Scan(const api::ScanRequest& r) {
  return Invoke("Scan", wire::EncodeScanRequest(r), wire::DecodeScanResponse);
}

base::Result<api::BatchGetItemResponse> RemoteDynamoDb::BatchGetItem(
    const api::BatchGetItemRequest& r) {
  return Invoke("BatchGetItem", wire::EncodeBatchGetItemRequest(r),
                wire::DecodeBatchGetItemResponse);
}

base::Result<api::BatchWriteItemResponse> RemoteDynamoDb::BatchWriteItem(
    const api::BatchWriteItemRequest& r) {
  return Invoke("BatchWriteItem", wire::EncodeBatchWriteItemRequest(r),
                wire::DecodeBatchWriteItemResponse);
}

base::Result<api::TransactWriteItemsResponse> RemoteDynamoDb::TransactWriteItems(
    const api::TransactWriteItemsRequest& r) {
  return Invoke("TransactWriteItems", wire::EncodeTransactWriteItemsRequest(r),
                wire::DecodeTransactWriteItemsResponse);
}

base::Result<api::TransactGetItemsResponse> RemoteDynamoDb::TransactGetItems(
    const api::TransactGetItemsRequest& r) {
  return Invoke("TransactGetItems", wire::EncodeTransactGetItemsRequest(r),
                wire::DecodeTransactGetItemsResponse);
}

}  // namespace ordertrack::client
