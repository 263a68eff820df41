#include "client/http_client.h"

#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <charconv>
#include <deque>
#include <fstream>
#include <map>
#include <optional>

#include "base/mutex.h"
#include "base/strings.h"

namespace ordertrack::client {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

base::Status IoError(std::string message) {
  return base::Status(base::ErrorCode::kIOError, std::move(message));
}

bool IsIpLiteral(const std::string& host) {
  beast::error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

constexpr size_t kReadBufferBytes = 64 * 1024;

// One kept-alive connection. It has its own io_context so that the thread
// that borrowed it can drive it synchronously while Beast's stream timers,
// which only apply to asynchronous operations, still enforce the deadlines.
class Connection {
 public:
  Connection() { buffer_.reserve(kReadBufferBytes); }

  // Resolves, connects and (for https) handshakes, all before `deadline`.
  base::Status Connect(const Endpoint& endpoint, ssl::context* tls, Clock::time_point deadline) {
    tcp::resolver resolver(ioc_);
    tcp::resolver::results_type results;
    beast::error_code ec;
    bool resolved = false;
    resolver.async_resolve(endpoint.host, std::to_string(endpoint.port),
                           [&](beast::error_code e, tcp::resolver::results_type r) {
                             ec = e;
                             results = std::move(r);
                             resolved = true;
                           });
    ioc_.restart();
    ioc_.run_until(deadline);
    if (!resolved) {
      // getaddrinfo cannot be interrupted: cancel, then wait for it to return.
      resolver.cancel();
      ioc_.restart();
      ioc_.run();
      return IoError("timed out resolving " + endpoint.host);
    }
    if (ec) return IoError("cannot resolve " + endpoint.host + ": " + ec.message());

    if (tls != nullptr) {
      tls_.emplace(ioc_, *tls);
    } else {
      plain_.emplace(ioc_);
    }
    Tcp().expires_at(deadline);
    ec = Run([&](auto handler) { Tcp().async_connect(results, std::move(handler)); });
    if (ec) return TransportError("connecting to", endpoint, ec);
    Tcp().socket().set_option(tcp::no_delay(true), ec);
    if (!tls_) return base::Status();

    // SNI, and the certificate's name checked against the host we asked for.
    if (!IsIpLiteral(endpoint.host)) {
      SSL_set_tlsext_host_name(tls_->native_handle(), endpoint.host.c_str());
    }
    if (tls->native_handle() != nullptr &&
        SSL_CTX_get_verify_mode(tls->native_handle()) != SSL_VERIFY_NONE) {
      tls_->set_verify_callback(ssl::host_name_verification(endpoint.host));
    }
    ec = Run(
        [&](auto handler) { tls_->async_handshake(ssl::stream_base::client, std::move(handler)); });
    if (ec && ec.category() == asio::error::get_ssl_category() &&
        ERR_GET_REASON(static_cast<unsigned long>(ec.value())) == SSL_R_CERTIFICATE_VERIFY_FAILED) {
      // An untrusted certificate stays untrusted: no transport failure to retry.
      return base::ValidationError(
          "TLS handshake with " + endpoint.Origin() + " failed: certificate verify failed (" +
          X509_verify_cert_error_string(SSL_get_verify_result(tls_->native_handle())) + ")");
    }
    if (ec) return TransportError("TLS handshake with", endpoint, ec);
    return base::Status();
  }

  // Writes `request` and reads the answer before `deadline`. On failure,
  // `*closed_unanswered` tells whether the peer closed the connection before
  // sending a single byte: the mark of a kept-alive connection it had already
  // dropped.
  base::Result<HttpResponse> RoundTrip(const Endpoint& endpoint, const HttpRequest& request,
                                       Clock::time_point deadline, size_t max_bytes,
                                       bool* closed_unanswered) {
    *closed_unanswered = false;
    reusable_ = false;
    bhttp::request<bhttp::string_body> out;
    out.method_string(request.method);
    out.target(request.target);
    out.version(11);
    for (const auto& [name, value] : request.headers) out.insert(name, value);
    out.body() = request.body;
    out.keep_alive(true);
    out.prepare_payload();

    Tcp().expires_at(deadline);
    beast::error_code ec = Run([&](auto handler) {
      if (tls_) {
        bhttp::async_write(*tls_, out, std::move(handler));
      } else {
        bhttp::async_write(*plain_, out, std::move(handler));
      }
    });
    if (!ec) {
      parser_.emplace();
      parser_->body_limit(max_bytes);
      ec = Run([&](auto handler) {
        if (tls_) {
          bhttp::async_read(*tls_, buffer_, *parser_, std::move(handler));
        } else {
          bhttp::async_read(*plain_, buffer_, *parser_, std::move(handler));
        }
      });
      if (ec && !parser_->got_some()) {
        *closed_unanswered = ec == bhttp::error::end_of_stream || ec == asio::error::eof ||
                             ec == asio::error::connection_reset ||
                             ec == ssl::error::stream_truncated;
      }
    } else {
      *closed_unanswered = ec == asio::error::broken_pipe || ec == asio::error::connection_reset;
    }
    if (ec) return TransportError("request to", endpoint, ec);

    auto message = parser_->release();
    HttpResponse response;
    response.status = static_cast<int>(message.result_int());
    for (const auto& field : message) {
      response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    response.body = std::move(message.body());
    reusable_ = message.keep_alive() && !message.need_eof();
    return response;
  }

  // True after a complete exchange that left the connection open.
  bool reusable() const { return reusable_; }

 private:
  beast::tcp_stream& Tcp() { return tls_ ? tls_->next_layer() : *plain_; }

  base::Status TransportError(std::string_view what, const Endpoint& endpoint,
                              beast::error_code ec) {
    std::string reason = ec == beast::error::timeout ? "timed out" : ec.message();
    return IoError(std::string(what) + " " + endpoint.Origin() + " failed: " + reason);
  }

  // Runs the asynchronous operation that `start` begins, to completion.
  template <typename Start>
  beast::error_code Run(Start start) {
    beast::error_code result;
    start([&result](beast::error_code ec, auto&&...) { result = ec; });
    ioc_.restart();
    ioc_.run();
    return result;
  }

  asio::io_context ioc_;  // first member: destroyed after the streams that use it
  std::optional<beast::tcp_stream> plain_;
  std::optional<beast::ssl_stream<beast::tcp_stream>> tls_;
  // Beast reads into whatever room the buffer has (at least 512 bytes), and
  // the body parser empties it after every read: left at its first size, a
  // 650 KB GetRecords answer took 1,300 reads. With 64 KB of room it takes ten.
  beast::flat_buffer buffer_;
  std::optional<bhttp::response_parser<bhttp::string_body>> parser_;
  bool reusable_ = false;
};

}  // namespace

std::string_view HttpResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (base::EqualsIgnoringAsciiCase(key, name)) return value;
  }
  return {};
}

base::Result<Endpoint> ParseEndpoint(std::string_view url) {
  auto bad = [url](std::string_view why) {
    return base::ValidationError("invalid endpoint URL '" + std::string(url) +
                                 "': " + std::string(why));
  };
  Endpoint endpoint;
  std::string_view rest = url;
  if (rest.starts_with("https://")) {
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://")) {
    endpoint.https = false;
    endpoint.port = 80;
    rest.remove_prefix(7);
  } else {
    return bad("the scheme must be http:// or https://");
  }
  size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path = slash == std::string_view::npos ? "/" : rest.substr(slash);
  if (path.find_first_of("?#") != std::string_view::npos)
    return bad("no query or fragment allowed");
  if (authority.find('@') != std::string_view::npos) return bad("no user info allowed");

  std::string_view host = authority;
  std::optional<std::string_view> port;
  if (authority.starts_with('[')) {  // [IPv6]:port
    size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad("unterminated IPv6 address");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') return bad("unexpected text after the IPv6 address");
      port = after.substr(1);
    }
  } else if (size_t colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) return bad("no host");
  if (port) {
    unsigned value = 0;
    auto [end, error] = std::from_chars(port->data(), port->data() + port->size(), value);
    if (error != std::errc() || end != port->data() + port->size() || value == 0 || value > 65535) {
      return bad("the port must be 1..65535");
    }
    endpoint.port = static_cast<uint16_t>(value);
  }
  endpoint.host = std::string(host);
  endpoint.path = std::string(path);
  return endpoint;
}

std::string Endpoint::HostHeader() const {
  std::string header = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  if (port != (https ? 443 : 80)) header += ":" + std::to_string(port);
  return header;
}

std::string Endpoint::Origin() const {
  std::string name = host.find(':') != std::string::npos ? "[" + host + "]" : host;
  return (https ? "https://" : "http://") + name + ":" + std::to_string(port);
}

class HttpClient::Impl {
 public:
  explicit Impl(HttpClientOptions o) : options(std::move(o)) {}

  // An idle connection to `endpoint` (`*reused` set), or a new one once
  // fewer than the cap are open. Waits for one at most connect_timeout.
  base::Result<std::unique_ptr<Connection>> Acquire(const Endpoint& endpoint, bool* reused) {
    Clock::time_point deadline = Clock::now() + options.connect_timeout;
    std::string origin = endpoint.Origin();
    {
      base::MutexLock lock(mu);
      Pool& pool = pools[origin];
      bool ready = true;
      while (ready && pool.idle.empty() && pool.open >= options.max_connections_per_endpoint) {
        ready = returned.WaitUntil(mu, deadline);
      }
      ready = !pool.idle.empty() || pool.open < options.max_connections_per_endpoint;
      if (!ready) {
        return IoError("timed out waiting for a free connection to " + origin + " (all " +
                       std::to_string(pool.open) + " busy)");
      }
      if (!pool.idle.empty()) {
        // Most recently used first: the least likely to have been closed by the server.
        std::unique_ptr<Connection> connection = std::move(pool.idle.back());
        pool.idle.pop_back();
        *reused = true;
        return connection;
      }
      ++pool.open;
      ++opened;
    }
    *reused = false;
    auto connection = std::make_unique<Connection>();
    base::Status connected =
        connection->Connect(endpoint, endpoint.https ? &*tls : nullptr, deadline);
    if (!connected.ok()) {
      Release(origin, nullptr);
      return connected;
    }
    return connection;
  }

  // Gives a connection back: kept for reuse when not null, else its slot is freed.
  void Release(const std::string& origin, std::unique_ptr<Connection> connection) {
    {
      base::MutexLock lock(mu);
      Pool& pool = pools[origin];
      if (connection != nullptr) {
        pool.idle.push_back(std::move(connection));
      } else {
        --pool.open;
      }
    }
    returned.NotifyOne();
  }

  // Closes every idle connection to `origin`: once one was found closed by
  // the server (it restarted, or its idle timeout passed), the older ones are too.
  void DropIdle(const std::string& origin) {
    std::deque<std::unique_ptr<Connection>> doomed;
    {
      base::MutexLock lock(mu);
      Pool& pool = pools[origin];
      doomed.swap(pool.idle);
      pool.open -= doomed.size();
    }
    returned.NotifyAll();
  }

  struct Pool {
    std::deque<std::unique_ptr<Connection>> idle;
    size_t open = 0;  // idle and busy
  };

  HttpClientOptions options;
  std::optional<ssl::context> tls;
  mutable base::Mutex mu;
  base::CondVar returned;
  std::map<std::string, Pool> pools OT_GUARDED_BY(mu);  // by Endpoint::Origin()
  size_t opened OT_GUARDED_BY(mu) = 0;
};

base::Result<std::unique_ptr<HttpClient>> HttpClient::Create(HttpClientOptions options) {
  auto impl = std::make_unique<Impl>(std::move(options));
  try {
    impl->tls.emplace(ssl::context::tls_client);
    // DynamoDB requires TLS 1.2 or later.
    impl->tls->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 |
                           ssl::context::no_sslv3 | ssl::context::no_tlsv1 |
                           ssl::context::no_tlsv1_1);
    if (impl->options.verify_certificates) {
      if (!impl->options.ca_file.empty() && !std::ifstream(impl->options.ca_file)) {
        return base::ValidationError("cannot read the CA bundle " + impl->options.ca_file);
      }
      beast::error_code ec;
      if (impl->options.ca_file.empty()) {
        impl->tls->set_default_verify_paths();
      } else {
        impl->tls->load_verify_file(impl->options.ca_file, ec);
      }
      if (ec) {
        return base::ValidationError("cannot use the CA bundle " + impl->options.ca_file + ": " +
                                     ec.message());
      }
      impl->tls->set_verify_mode(ssl::verify_peer);
    } else {
      impl->tls->set_verify_mode(ssl::verify_none);
    }
  } catch (const boost::system::system_error& e) {
    return base::ValidationError(std::string("cannot set up TLS: ") + e.what());
  }
  return std::unique_ptr<HttpClient>(new HttpClient(std::move(impl)));
}

HttpClient::HttpClient(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
HttpClient::~HttpClient() = default;

base::Result<HttpResponse> HttpClient::Send(const Endpoint& endpoint, const HttpRequest& request) {
  std::string origin = endpoint.Origin();
  for (int attempt = 0;; ++attempt) {
    bool reused = false;
    OT_ASSIGN_OR_RETURN(std::unique_ptr<Connection> connection, impl_->Acquire(endpoint, &reused));
    bool closed_unanswered = false;
    base::Result<HttpResponse> response = IoError("unreachable");
    try {
      response =
          connection->RoundTrip(endpoint, request, Clock::now() + impl_->options.request_timeout,
                                impl_->options.max_response_bytes, &closed_unanswered);
    } catch (const std::bad_alloc&) {
      throw;
    } catch (const std::exception& e) {  // Beast throws on a malformed header name or value.
      response = IoError(std::string("cannot send the request: ") + e.what());
    }
    bool keep = response.ok() && connection->reusable();
    if (keep) {
      impl_->Release(origin, std::move(connection));
    } else {
      connection.reset();
      impl_->Release(origin, nullptr);
    }
    // A server may close a kept-alive connection just as we reuse it; it has
    // read nothing, so sending again on a new connection is safe.
    if (!response.ok() && reused && closed_unanswered && attempt == 0) {
      impl_->DropIdle(origin);
      continue;
    }
    return response;
  }
}

size_t HttpClient::OpenConnections(const Endpoint& endpoint) const {
  base::MutexLock lock(impl_->mu);
  auto it = impl_->pools.find(endpoint.Origin());
  return it == impl_->pools.end() ? 0 : it->second.open;
}

size_t HttpClient::ConnectionsOpened() const {
  base::MutexLock lock(impl_->mu);
  return impl_->opened;
}

}  // namespace ordertrack::client
