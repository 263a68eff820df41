#include "client/remote_dynamodb.h"

#include <chrono>

#include "sigv4/sigv4.h"
#include "wire/checksum.h"
#include "wire/codec.h"
#include "wire/operations.h"

namespace ordertrack::client {
namespace {

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
  // AWS serves DynamoDB Streams at a host of its own; a local store serves
  // it beside DynamoDB, at the URL it was given.
  std::string streams_url = options.endpoint;
  if (options.endpoint.empty()) {
    if (options.region.empty()) {
      return base::ValidationError(
          "no region: set --region, AWS_REGION or a region in ~/.aws/config, or an endpoint");
    }
    options.endpoint = "https://dynamodb." + options.region + ".amazonaws.com";
    streams_url = "https://streams.dynamodb." + options.region + ".amazonaws.com";
  }
  if (options.region.empty()) options.region = "us-east-1";
  OT_ASSIGN_OR_RETURN(Endpoint endpoint, ParseEndpoint(options.endpoint));
  OT_ASSIGN_OR_RETURN(Endpoint streams_endpoint, ParseEndpoint(streams_url));
  OT_ASSIGN_OR_RETURN(std::unique_ptr<HttpClient> http, HttpClient::Create(options.http));
  if (!options.now) options.now = SystemNow;
  return std::unique_ptr<RemoteDynamoDb>(new RemoteDynamoDb(
      std::move(options), std::move(endpoint), std::move(streams_endpoint), std::move(http)));
}

RemoteDynamoDb::RemoteDynamoDb(RemoteOptions options, Endpoint endpoint,
                               Endpoint streams_endpoint, std::unique_ptr<HttpClient> http)
    : options_(std::move(options)),
      endpoint_(std::move(endpoint)),
      streams_endpoint_(std::move(streams_endpoint)),
      http_(std::move(http)),
      retry_(options_.retry) {}

RemoteDynamoDb::~RemoteDynamoDb() = default;

base::Result<std::string> RemoteDynamoDb::CallOnce(const Endpoint& endpoint,
                                                   std::string_view target,
                                                   const std::string& body) {
  HttpRequest request;
  request.method = "POST";
  request.target = endpoint.path;
  request.headers = {{"Host", endpoint.HostHeader()},
                     {"Content-Type", std::string(kContentType)},
                     {"X-Amz-Target", std::string(target)},
                     {"User-Agent", options_.user_agent}};
  request.body = body;
  if (options_.credentials) {
    // Signed on every attempt: a retry after a long backoff needs a fresh date.
    // Streams too is signed for "dynamodb", its signing name, not its host's prefix.
    sigv4::Credentials credentials{options_.credentials->access_key_id,
                                   options_.credentials->secret_access_key,
                                   options_.credentials->session_token};
    sigv4::SignRequest(credentials, options_.region, "dynamodb",
                       sigv4::FormatAmzDate(options_.now()), &request.headers, request.method,
                       endpoint.path, "", request.body);
  }
  OT_ASSIGN_OR_RETURN(HttpResponse response, http_->Send(endpoint, request));
  if (!ChecksumMatches(response)) {
    return base::Status(base::ErrorCode::kIOError,
                        "the answer from " + endpoint.Origin() + " failed its CRC32 check");
  }
  if (response.status != 200) return ErrorOf(response, endpoint);
  return std::move(response.body);
}

base::Result<std::string> RemoteDynamoDb::Call(const Endpoint& endpoint, std::string_view target,
                                               const std::string& body) {
  return retry_.Run<std::string>([&] { return CallOnce(endpoint, target, body); });
}

template <typename Request, typename Response>
base::Result<Response> RemoteDynamoDb::Invoke(const wire::Operation<Request, Response>& operation,
                                              const Request& request) {
  const Endpoint& endpoint = operation.streams ? streams_endpoint_ : endpoint_;
  OT_ASSIGN_OR_RETURN(std::string answer,
                      Call(endpoint, operation.target, operation.encode_request(request)));
  Response response;
  OT_RETURN_IF_ERROR(operation.decode_response(answer, &response));
  return response;
}

#define OT_REMOTE_CALL(Name, Request, Response)                               \
  base::Result<Response> RemoteDynamoDb::Name(const Request& request) { \
    return Invoke(wire::k##Name, request);                                     \
  }
OT_DYNAMODB_ALL_OPERATIONS(OT_REMOTE_CALL)
#undef OT_REMOTE_CALL

}  // namespace ordertrack::client
