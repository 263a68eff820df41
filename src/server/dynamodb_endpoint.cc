#include "server/dynamodb_endpoint.h"

#include <algorithm>
#include <chrono>
#include <random>

#include "sigv4/sigv4.h"
#include "wire/checksum.h"
#include "wire/codec.h"
#include "wire/operations.h"

namespace ordertrack::server {
namespace {

// Adapts one operation to body in, body out.
template <typename Request, typename Response>
std::function<base::Result<std::string>(const http::Request&)> Bind(
    api::DynamoDb& db, const wire::Operation<Request, Response>& operation) {
  return [&db, operation](const http::Request& http) -> base::Result<std::string> {
    Request request;
    OT_RETURN_IF_ERROR(operation.decode_request(http.body, &request));
    OT_ASSIGN_OR_RETURN(Response response, (db.*operation.call)(request));
    return operation.encode_response(response);
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
  // Two operations about the service rather than its tables, DynamoDB's
  // only, then api::DynamoDb's, DynamoDB Streams' among them.
  auto add = [this](std::string_view prefix, std::string_view name, Handler handler) {
    operations_.emplace(std::string(prefix).append(name),
                        Route{std::string(name), std::move(handler)});
  };
  add(wire::kDynamoDbTarget, "DescribeEndpoints",
      [this](const http::Request& request) -> base::Result<std::string> {
        // The address this client reached us at, as DynamoDB names its regional endpoint.
        std::string_view host = request.Header("host");
        std::string address = host.empty() ? options_.address : std::string(host);
        return wire::EncodeDescribeEndpointsResponse({{{address, 1440}}});
      });
  add(wire::kDynamoDbTarget, "DescribeLimits",
      [](const http::Request&) -> base::Result<std::string> {
        return wire::EncodeDescribeLimitsResponse({});
      });
  wire::ForEachOperation([&](const auto& operation) {
    operations_.emplace(operation.target,
                        Route{std::string(operation.name), Bind(db, operation)});
  });
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
    if (base::Status refused = Authenticate(request); !refused.ok()) {
      metrics_.RecordAuthFailure("dynamodb", base::Describe(refused.code()).type_name);
      return refused;
    }
    // The whole target, service prefix included: a DynamoDB operation named
    // under DynamoDBStreams_20120810 (or the reverse) is unknown, as neither
    // of AWS's two endpoints serves the other's.
    auto op = operations_.find(target);
    if (op == operations_.end()) return base::Status(base::ErrorCode::kUnknownOperation, "");
    name = op->second.name;
    return op->second.handler(request);
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
