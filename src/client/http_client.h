// File: client/http_client.h
// HttpClient: the HTTP/1.1 (and HTTPS) client under RemoteDynamoDb, on
// Boost.Beast, with a keep-alive connection pool and connect and request
// timeouts. Knows nothing of DynamoDB; only client/ uses it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace ordertrack::client {

// Where requests go, parsed from a URL such as "https://dynamodb.eu-west-1.amazonaws.com"
// or "http://127.0.0.1:8000/".
struct Endpoint {
  bool https = true;
  std::string host;  // a name, an IPv4 address or an IPv6 address without brackets
  uint16_t port = 443;
  std::string path = "/";  // never empty; always starts with '/'

  // The Host header: the port is left out when it is the scheme's default,
  // as botocore writes it (the header is signed, so both sides must agree).
  std::string HostHeader() const;
  // "https://host:port": the key of the connection pool.
  std::string Origin() const;
};

// "http[s]://host[:port][/path]". ValidationError for any other scheme, an
// empty host, a bad port, or a query or fragment.
base::Result<Endpoint> ParseEndpoint(std::string_view url);

struct HttpClientOptions {
  // Resolving and connecting (and the TLS handshake), per connection.
  std::chrono::milliseconds connect_timeout{std::chrono::seconds(5)};
  // Writing the request and reading the whole answer.
  std::chrono::milliseconds request_timeout{std::chrono::seconds(30)};
  // Connections open to one endpoint at once, idle or busy. A request that
  // finds all of them busy waits for one, at most connect_timeout.
  size_t max_connections_per_endpoint = 50;
  // HTTPS: verify the server's certificate against the system store (or
  // ca_file) and its name against the endpoint host. Off only for tests
  // against self-signed stores.
  bool verify_certificates = true;
  // A PEM file of the CA certificates to trust instead of the system store,
  // as AWS_CA_BUNDLE is to the AWS CLI; empty: the system store.
  std::string ca_file;
  // Largest answer accepted (DynamoDB answers are at most 16 MB).
  size_t max_response_bytes = 64 * 1024 * 1024;
};

struct HttpRequest {
  std::string method = "POST";
  std::string target = "/";                                  // path and query, as sent
  std::vector<std::pair<std::string, std::string>> headers;  // Host included by the caller
  std::string body;
};

struct HttpResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // The first header named `name` (case-insensitive), or empty.
  std::string_view Header(std::string_view name) const;
};

class HttpClient {
 public:
  // ValidationError when the TLS context cannot be set up (no system CA
  // store, or a ca_file that cannot be read or holds no certificate).
  static base::Result<std::unique_ptr<HttpClient>> Create(HttpClientOptions options);
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  // Sends `request` to `endpoint` and returns its answer, whatever its HTTP
  // status. Errors are transport failures, kIOError (which the retry policy
  // treats as retryable): cannot resolve or connect, TLS failure, timeout
  // ("timed out" in the message), connection closed or reset, a malformed
  // answer; but a server certificate that fails verification is
  // kValidation ("certificate verify failed"), since no retry can help. A kept-alive connection that turns out to have been
  // closed by the server before answering is retried once on a new one.
  // Thread-safe: concurrent calls use different connections.
  base::Result<HttpResponse> Send(const Endpoint& endpoint, const HttpRequest& request);

  // Connections open now (idle and busy) to `endpoint`, and how many were
  // ever opened: for tests and metrics.
  size_t OpenConnections(const Endpoint& endpoint) const;
  size_t ConnectionsOpened() const;

  class Impl;

 private:
  explicit HttpClient(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ordertrack::client
