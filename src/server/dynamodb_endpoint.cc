#include "server/dynamodb_endpoint.h"

#include <algorithm>
#include <chrono>
#include <random>

#include "sigv4/sigv4.h"
#include "wire/checksum.h"
#include "wire/codec.h"

namespace ordertrack::server {
namespace {

constexpr std::string_view kTargetPrefix = "DynamoDB_20120810.";

// Adapts one api::DynamoDb method to body in, body out.
template <typename Request, typename Response>
std::function<base::Result<std::string>(const http::Request&)> Bind(
    api::DynamoDb& db, base::Result<Response> (api::DynamoDb::*method)(const Request&),
    base::Status (*decode)(std::string_view, Request*), std::string (*encode)(const Response&)) {
  return [&db, method, decode, encode](const http::Request& http) -> base::Result<std::string> {
    Request request;
    OT_RETURN_IF_ERROR(decode(http.body, &request));
    OT_ASSIGN_OR_RETURN(Response response, (db.*method)(request));
    return encode(response);
  };
}

// The same for the methods that answer nothing but success.
template <typename Request>
std::function<base::Result<std::string>(const http::Request&)> BindEmpty(
    api::DynamoDb& db, base::Status (api::DynamoDb::*method)(const Request&),
    base::Status (*decode)(std::string_view, Request*)) {
  return [&db, method, decode](const http::Request& http) -> base::Result<std::string> {
    Request request;
    OT_RETURN_IF_ERROR(decode(http.body, &request));
    OT_RETURN_IF_ERROR((db.*method)(request));
    return std::string("{}");
  };
}

// 52 characters of [A-Z0-9], as DynamoDB's request ids look. One 64-bit draw
// yields 12 characters (36^12 < 2^64), so an id costs five draws, not 52.
std::string RequestId() {
  thread_local std::mt19937_64 rng(std::random_device{}());
  static constexpr char kChars[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  constexpr uint64_t kBase = sizeof(kChars) - 1;
  constexpr int kCharsPerDraw = 12;
  std::string id(52, ' ');
  for (size_t i = 0; i < id.size(); i += kCharsPerDraw) {
    uint64_t draw = rng();
    for (size_t j = i; j < std::min(id.size(), i + kCharsPerDraw); ++j, draw /= kBase) {
      id[j] = kChars[draw % kBase];
    }
  }
  return id;
}

http::Response JsonResponse(int status, std::string body, std::string_view content_type) {
  http::Response response;
  response.status = status;
  // Emplaced, not assigned from a braced list: that would copy every string.
  response.headers.reserve(3);
  response.headers.emplace_back("Content-Type", content_type);
  response.headers.emplace_back("x-amzn-RequestId", RequestId());
  response.headers.emplace_back("x-amz-crc32", wire::BodyCrc32(body));
  response.body = std::move(body);
  return response;
}

std::string_view ContentTypeOf(const http::Request& request) {
  return request.Header("content-type") == "application/x-amz-json-1.1"
             ? "application/x-amz-json-1.1"
             : "application/x-amz-json-1.0";
}

}  // namespace

http::Response ErrorResponse(const base::Status& error) {
  return JsonResponse(base::Describe(error.code()).http_status, wire::EncodeError(error),
                      "application/x-amz-json-1.0");
}

DynamoDbEndpoint::DynamoDbEndpoint(api::DynamoDb& db, EndpointOptions options, Metrics& metrics)
    : db_(db), options_(std::move(options)), metrics_(metrics) {
  using D = api::DynamoDb;
  operations_ = {
      {"CreateTable", Bind(db, &D::CreateTable, wire::DecodeCreateTableRequest, wire::EncodeCreateTableResponse)},
      {"DescribeTable", Bind(db, &D::DescribeTable, wire::DecodeDescribeTableRequest, wire::EncodeDescribeTableResponse)},
      {"ListTables", Bind(db, &D::ListTables, wire::DecodeListTablesRequest, wire::EncodeListTablesResponse)},
      {"DeleteTable", Bind(db, &D::DeleteTable, wire::DecodeDeleteTableRequest, wire::EncodeDeleteTableResponse)},
      {"UpdateTable", Bind(db, &D::UpdateTable, wire::DecodeUpdateTableRequest, wire::EncodeUpdateTableResponse)},
      {"UpdateTimeToLive", Bind(db, &D::UpdateTimeToLive, wire::DecodeUpdateTimeToLiveRequest, wire::EncodeUpdateTimeToLiveResponse)},
      {"DescribeTimeToLive", Bind(db, &D::DescribeTimeToLive, wire::DecodeDescribeTimeToLiveRequest, wire::EncodeDescribeTimeToLiveResponse)},
      {"TagResource", BindEmpty(db, &D::TagResource, wire::DecodeTagResourceRequest)},
      {"UntagResource", BindEmpty(db, &D::UntagResource, wire::DecodeUntagResourceRequest)},
      {"ListTagsOfResource", Bind(db, &D::ListTagsOfResource, wire::DecodeListTagsOfResourceRequest, wire::EncodeListTagsOfResourceResponse)},
      {"PutItem", Bind(db, &D::PutItem, wire::DecodePutItemRequest, wire::EncodePutItemResponse)},
      {"GetItem", Bind(db, &D::GetItem, wire::DecodeGetItemRequest, wire::EncodeGetItemResponse)},
      {"UpdateItem", Bind(db, &D::UpdateItem, wire::DecodeUpdateItemRequest, wire::EncodeUpdateItemResponse)},
      {"DeleteItem", Bind(db, &D::DeleteItem, wire::DecodeDeleteItemRequest, wire::EncodeDeleteItemResponse)},
      {"Query", Bind(db, &D::Query, wire::DecodeQueryRequest, wire::EncodeQueryResponse)},
      {"Scan", Bind(db, &D::Scan, wire::DecodeScanRequest, wire::EncodeScanResponse)},
      {"BatchGetItem", Bind(db, &D::BatchGetItem, wire::DecodeBatchGetItemRequest, wire::EncodeBatchGetItemResponse)},
      {"BatchWriteItem", Bind(db, &D::BatchWriteItem, wire::DecodeBatchWriteItemRequest, wire::EncodeBatchWriteItemResponse)},
      {"TransactWriteItems", Bind(db, &D::TransactWriteItems, wire::DecodeTransactWriteItemsRequest, wire::EncodeTransactWriteItemsResponse)},
      {"TransactGetItems", Bind(db, &D::TransactGetItems, wire::DecodeTransactGetItemsRequest, wire::EncodeTransactGetItemsResponse)},
      {"DescribeEndpoints",
       [this](const http::Request& request) -> base::Result<std::string> {
         // The address this client reached us at, as DynamoDB names its regional endpoint.
         std::string_view host = request.Header("host");
         std::string address = host.empty() ? options_.address : std::string(host);
         return wire::EncodeDescribeEndpointsResponse({{{address, 1440}}});
       }},
      {"DescribeLimits",
       [](const http::Request&) -> base::Result<std::string> {
         return wire::EncodeDescribeLimitsResponse({});
       }},
  };
}

bool DynamoDbEndpoint::Accepts(const http::Request& request) {
  return request.method == "POST" && (request.target == "/" || request.target.empty()) &&
         !request.Header("x-amz-target").empty();
}

base::Status DynamoDbEndpoint::Authenticate(const http::Request& request) const {
  if (!options_.credentials) return base::Status();
  std::string_view target = request.target;
  size_t question = target.find('?');
  sigv4::HttpRequestView view;
  view.method = request.method;
  view.path = target.substr(0, question);
  view.query = question == std::string_view::npos ? std::string_view() : target.substr(question + 1);
  view.headers = request.headers;
  view.body = request.body;
  auto lookup = [this](std::string_view key) -> std::optional<std::string> {
    auto it = options_.credentials->find(key);
    if (it == options_.credentials->end()) return std::nullopt;
    return it->second;
  };
  int64_t now = options_.now ? options_.now()
                             : std::chrono::duration_cast<std::chrono::seconds>(
                                   std::chrono::system_clock::now().time_since_epoch())
                                   .count();
  return sigv4::VerifyRequest(view, lookup, now);
}

http::Response DynamoDbEndpoint::Handle(const http::Request& request) {
  const auto start = std::chrono::steady_clock::now();
  std::string_view target = request.Header("x-amz-target");
  std::string name = "unknown";
  base::Result<std::string> body = [&]() -> base::Result<std::string> {
    OT_RETURN_IF_ERROR(Authenticate(request));
    if (target.substr(0, kTargetPrefix.size()) != kTargetPrefix) {
      return base::Status(base::ErrorCode::kUnknownOperation, "");
    }
    auto op = operations_.find(target.substr(kTargetPrefix.size()));
    if (op == operations_.end()) return base::Status(base::ErrorCode::kUnknownOperation, "");
    name = op->first;
    return op->second(request);
  }();
  std::string outcome = body.ok() ? "ok" : std::string(base::Describe(body.status().code()).type_name);
  metrics_.Record(name, outcome, std::chrono::steady_clock::now() - start);
  if (!body.ok()) {
    http::Response error = ErrorResponse(body.status());
    error.headers[0].second = std::string(ContentTypeOf(request));
    return error;
  }
  return JsonResponse(200, std::move(body).value(), ContentTypeOf(request));
}

}  // namespace ordertrack::server
