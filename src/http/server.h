// File: http/server.h
// Server: an HTTP/1.1 server on Boost.Beast that hands each request to one
// handler, over plain TCP or TLS. Keep-alive, a body size limit, read and
// idle timeouts that hold no thread, and a graceful stop that lets in-flight
// requests finish. Knows nothing of DynamoDB.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/result.h"

namespace ordertrack::http {

struct Request {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query, as sent
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::string remote_address;

  // The value of the first header named `name` (case-insensitive), or empty.
  std::string_view Header(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

// Called on a server thread, concurrently for different connections.
using Handler = std::function<Response(const Request&)>;

struct ServerOptions {
  std::string address = "127.0.0.1";
  uint16_t port = 8010;  // 0: any free port
  int threads = 0;       // 0: one per core
  size_t body_limit = 16 * 1024 * 1024;
  // The request line and headers together; past it the answer is a 431 and
  // the connection is closed.
  size_t header_limit = 16 * 1024;
  std::chrono::milliseconds read_timeout{std::chrono::seconds(30)};
  std::chrono::milliseconds idle_timeout{std::chrono::seconds(60)};
  // HTTPS: PEM files of the certificate chain (the server's own certificate
  // first) and of its unencrypted private key. Both set: every connection
  // speaks TLS 1.2 or later, its handshake bounded by read_timeout, and a
  // plain-HTTP request gets a 400 saying so before the connection closes.
  // Both empty: plain HTTP.
  std::string tls_cert_file;
  std::string tls_key_file;
  // The answer to a request whose body exceeds body_limit; the connection
  // is closed after it.
  std::function<Response()> body_too_large;
  // Called on each worker thread before it serves anything.
  std::function<void()> on_worker_start;
  // A worker handles every request it has read before it answers any of
  // them; this is called on the worker before it sends the answers of the
  // requests handled since its last call, for a handler that lets their
  // writes wait until then (group commit). Not OK: what they did is not
  // safely stored, and each of those answers is replaced by
  // unsaved_answer(the answer it replaces).
  std::function<base::Status()> before_answers;
  std::function<Response(const Response&)> unsaved_answer;
};

class Server {
 public:
  // Binds and starts serving. IOError with the reason when the address
  // cannot be bound or a TLS file cannot be read; ValidationError when only
  // one TLS file is given, or OpenSSL refuses one (not PEM, or a key that is
  // not the certificate's). Messages name the file, never its contents.
  static base::Result<std::unique_ptr<Server>> Start(ServerOptions options, Handler handler);
  ~Server();  // Stop(), then Wait()
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // The bound port (useful with port 0).
  uint16_t port() const;
  // Stops accepting, closes idle connections, lets requests in flight finish
  // and answer, then lets Wait() return. Safe from any thread, and more than once.
  void Stop();
  // Blocks until the server has stopped and every connection is closed.
  void Wait();

  struct Impl;

 private:
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace ordertrack::http
