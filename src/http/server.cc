#include "http/server.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <openssl/ssl.h>

#include <algorithm>
#include <atomic>
#include <fstream>
#include <iterator>
#include <optional>
#include <strings.h>
#include <thread>
#include <type_traits>

#include "base/mutex.h"

namespace ordertrack::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

constexpr uint64_t kBodyReadBytes = 64 * 1024;

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) {
      return value;
    }
  }
  return {};
}

// What the server and a worker's answer queue need of a connection, whatever
// its stream.
class Connection {
 public:
  virtual ~Connection() = default;
  // Begins serving, on the thread of the connection's io_context.
  virtual void Start() = 0;
  // Closes the connection unless a request is being handled; that one is
  // answered first and the connection closed after.
  virtual void StopIfIdle() = 0;
  // Sends the answer Write left, or unsaved_answer's in its place.
  virtual void Send(bool saved) = 0;
};

// The connections of one worker thread whose answers wait to be sent.
struct AnswerQueue {
  std::vector<std::shared_ptr<Connection>> waiting;
  std::vector<std::shared_ptr<Connection>> sending;  // kept to reuse its memory
};

// One io_context per worker thread, each connection pinned to one of them:
// a connection's handlers then never need a strand, and a request is read,
// handled and answered on one thread without waking another (measured: a
// shared io_context with two threads spent about a fifth of its CPU in
// cross-thread wakeups). Accepting has its own context and thread, asleep
// but for new connections, so a slow request never holds up a new one.
struct Server::Impl {
  using WorkGuard = asio::executor_work_guard<asio::io_context::executor_type>;

  Impl(ServerOptions o, Handler h, int threads)
      : options(std::move(o)), handler(std::move(h)), contexts(MakeContexts(threads)),
        queues(threads), accept_context(1), acceptor(accept_context) {
    for (auto& context : contexts) work.push_back(asio::make_work_guard(*context));
  }

  static std::vector<std::unique_ptr<asio::io_context>> MakeContexts(int n) {
    std::vector<std::unique_ptr<asio::io_context>> contexts;
    for (int i = 0; i < n; ++i) contexts.push_back(std::make_unique<asio::io_context>(1));
    return contexts;
  }

  void Accept();
  void Register(const std::shared_ptr<Connection>& session);
  // On a worker thread: lets the handler make the queued answers' work
  // durable, then sends them.
  void SendAnswers(AnswerQueue& queue);

  ServerOptions options;
  Handler handler;
  std::optional<ssl::context> tls;  // set when options name TLS files
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<AnswerQueue> queues;  // one per context, touched only on its thread
  // Keeps each context running while it has no connection; released once
  // the acceptor is closed, so each thread ends when its last connection does.
  std::vector<WorkGuard> work;
  size_t next_context = 0;  // only touched on the accepting thread
  asio::io_context accept_context;
  tcp::acceptor acceptor;
  std::vector<std::thread> threads;
  std::atomic<bool> stopping{false};
  base::Mutex mu;
  std::vector<std::weak_ptr<Connection>> sessions OT_GUARDED_BY(mu);
  std::once_flag joined;
};

using PlainStream = beast::tcp_stream;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;

// One connection: read a request, answer it, repeat while kept alive. All its
// handlers run on the one thread of its io_context, so its state needs no
// lock. Stream is PlainStream or TlsStream; only starting and closing differ.
template <typename Stream>
class Session : public Connection, public std::enable_shared_from_this<Session<Stream>> {
  static constexpr bool kTls = std::is_same_v<Stream, TlsStream>;

 public:
  // `stream_args` follow the socket into Stream's constructor: the TLS context.
  template <typename... StreamArgs>
  Session(Server::Impl& server, AnswerQueue& answers, tcp::socket socket,
          StreamArgs&... stream_args)
      : stream_(std::move(socket), stream_args...), server_(server), answers_(answers) {
    beast::error_code ec;
    auto remote = Tcp().socket().remote_endpoint(ec);
    if (!ec) remote_address_ = remote.address().to_string();
  }

  void Start() override {
    asio::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
      if constexpr (kTls) {
        self->Handshake();
      } else {
        self->Read();
      }
    });
  }

  // Cancels what is pending, a read or a handshake, whose handler then
  // closes: a TLS stream cannot begin its shutdown while a read is pending.
  void StopIfIdle() override {
    asio::post(stream_.get_executor(), [self = this->shared_from_this()] {
      if (!self->busy_) self->Tcp().cancel();
    });
  }

  void Send(bool saved) override {
    if (!saved) {
      answer_ = server_.options.unsaved_answer ? server_.options.unsaved_answer(answer_)
                                               : Response{500, {}, "not stored\n"};
    }
    Prepare(std::move(answer_));
    bhttp::async_write(stream_, *response_,
                       [self = this->shared_from_this()](beast::error_code ec, size_t) {
                         if (ec || !self->keep_alive_) return self->Close();
                         self->Read();
                       });
  }

 private:
  beast::tcp_stream& Tcp() { return beast::get_lowest_layer(stream_); }

  // A TLS record starts with 0x16 (beast::async_detect_ssl); a client that
  // sends anything else most likely spoke plain HTTP to this port, and gets
  // an answer it can show instead of a TLS alert it cannot. Waiting for the
  // first bytes and the handshake are both bounded by the read timeout.
  void Handshake() {
    Tcp().expires_after(server_.options.read_timeout);
    beast::async_detect_ssl(
        Tcp(), buffer_, [self = this->shared_from_this()](beast::error_code ec, bool tls) {
          if (ec) return self->CloseTcp();
          if (!tls) return self->RefusePlainHttp();
          self->stream_.async_handshake(ssl::stream_base::server, self->buffer_.data(),
                                        [self](beast::error_code ec, size_t used) {
                                          if (ec) return self->CloseTcp();
                                          self->buffer_.consume(used);
                                          self->handshaken_ = true;
                                          self->Read();
                                        });
        });
  }

  void RefusePlainHttp() {
    busy_ = true;
    keep_alive_ = false;
    Prepare(Response{400, {{"Content-Type", "text/plain"}}, "this port speaks HTTPS\n"});
    bhttp::async_write(
        Tcp(), *response_,
        [self = this->shared_from_this()](beast::error_code, size_t) { self->CloseTcp(); });
  }

  void Read() {
    if (server_.stopping) return Close();
    busy_ = false;
    parser_.emplace();
    parser_->body_limit(server_.options.body_limit);
    parser_->header_limit(static_cast<uint32_t>(server_.options.header_limit));
    // Waiting for a new request on a kept-alive connection is idle time; a
    // request already begun must arrive within the read timeout.
    Tcp().expires_after(buffer_.size() > 0 ? server_.options.read_timeout
                                           : server_.options.idle_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = this->shared_from_this()](beast::error_code ec, size_t) {
                               self->OnHeader(ec);
                             });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnRead(ec);
    busy_ = true;
    // Beast reads into the room the buffer has, at least 512 bytes, and the
    // body parser empties it after each read: a 400 KB body took 760 reads.
    // Room for up to 64 KB at a time, made only for bodies that need it.
    if (auto length = parser_->content_length(); length && *length > buffer_.capacity()) {
      buffer_.reserve(static_cast<size_t>(std::min<uint64_t>(*length, kBodyReadBytes)));
    }
    Tcp().expires_after(server_.options.read_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = this->shared_from_this()](beast::error_code ec, size_t) {
                        self->OnRead(ec);
                      });
  }

  void OnRead(beast::error_code ec) {
    if (ec == bhttp::error::body_limit && server_.options.body_too_large) {
      busy_ = true;
      return Write(server_.options.body_too_large(), /*keep_alive=*/false);
    }
    if (ec == bhttp::error::header_limit) {
      busy_ = true;
      return Write({431, {{"Content-Type", "text/plain"}}, "request header fields too large\n"},
                   /*keep_alive=*/false);
    }
    if (ec) return Close();  // end of stream, timeout, reset, malformed request, stop
    busy_ = true;
    auto parsed = parser_->release();
    Request request;
    request.method = std::string(parsed.method_string());
    request.target = std::string(parsed.target());
    request.headers.reserve(static_cast<size_t>(std::distance(parsed.begin(), parsed.end())));
    for (const auto& field : parsed) {
      request.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
    }
    request.body = std::move(parsed.body());
    request.remote_address = remote_address_;
    Response response = server_.handler(request);
    Write(std::move(response), parsed.keep_alive() && !server_.stopping);
  }

  // Sends the answer after the other requests already read on this thread
  // are handled, not at once: handling them back to back and then sending
  // their answers back to back served 4-22% more requests per second at 32
  // connections (docs/benchmarks.md), and lets their writes be committed
  // together. A lone request waits for nothing.
  void Write(Response response, bool keep_alive) {
    answer_ = std::move(response);
    keep_alive_ = keep_alive;
    Tcp().expires_after(server_.options.read_timeout);
    answers_.waiting.push_back(this->shared_from_this());
    if (answers_.waiting.size() == 1) {
      asio::post(stream_.get_executor(), [&server = server_, &answers = answers_] {
        server.SendAnswers(answers);
      });
    }
  }

  // response_ becomes `answer`, kept alive as keep_alive_ says.
  void Prepare(Response answer) {
    response_.emplace();
    response_->result(static_cast<unsigned>(answer.status));
    response_->version(11);
    response_->set(bhttp::field::server, "ordertrack");
    for (auto& [name, value] : answer.headers) response_->set(name, value);
    response_->body() = std::move(answer.body);
    response_->keep_alive(keep_alive_);
    response_->prepare_payload();
  }

  // A TLS connection ends with close_notify, which tells the client that the
  // answers ended there rather than were cut off. The receive side is shut
  // first, so that the shutdown does not wait for the client's own
  // close_notify, which an idle client never sends.
  void Close() {
    if constexpr (kTls) {
      if (handshaken_) {
        handshaken_ = false;
        beast::error_code ignored;
        Tcp().socket().shutdown(tcp::socket::shutdown_receive, ignored);
        Tcp().expires_after(server_.options.read_timeout);
        return stream_.async_shutdown(
            [self = this->shared_from_this()](beast::error_code) { self->CloseTcp(); });
      }
    }
    CloseTcp();
  }

  void CloseTcp() {
    beast::error_code ignored;
    Tcp().socket().shutdown(tcp::socket::shutdown_send, ignored);
    Tcp().close();
  }

  Stream stream_;
  Server::Impl& server_;
  AnswerQueue& answers_;
  Response answer_;
  bool keep_alive_ = false;
  std::string remote_address_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::response<bhttp::string_body>> response_;
  bool busy_ = false;
  bool handshaken_ = false;  // TLS only: a shutdown can be sent
};

void Server::Impl::Register(const std::shared_ptr<Connection>& session) {
  base::MutexLock lock(mu);
  std::erase_if(sessions, [](const auto& weak) { return weak.expired(); });
  sessions.push_back(session);
}

void Server::Impl::SendAnswers(AnswerQueue& queue) {
  queue.sending.swap(queue.waiting);
  const bool saved = !options.before_answers || options.before_answers().ok();
  for (auto& session : queue.sending) session->Send(saved);
  queue.sending.clear();
}

void Server::Impl::Accept() {
  const size_t i = next_context++ % contexts.size();
  acceptor.async_accept(*contexts[i], [this, i](beast::error_code ec, tcp::socket socket) {
    if (ec || stopping) return;  // the acceptor was closed
    std::shared_ptr<Connection> session;
    if (tls) {
      session = std::make_shared<Session<TlsStream>>(*this, queues[i], std::move(socket), *tls);
    } else {
      session = std::make_shared<Session<PlainStream>>(*this, queues[i], std::move(socket));
    }
    Register(session);
    session->Start();
    if (stopping) session->StopIfIdle();
    Accept();
  });
}

namespace {

// Has OpenSSL load the PEM file `path` (the `what` of the messages) with `load`.
template <typename Load>
base::Status LoadPem(const std::string& what, const std::string& path, Load load) {
  if (!std::ifstream(path)) {
    return base::Status(base::ErrorCode::kIOError, "cannot read the TLS " + what + " file " + path);
  }
  beast::error_code ec;
  load(ec);
  // OpenSSL's reason ("no start line", "key values mismatch") names no key material.
  if (ec) {
    return base::ValidationError("cannot use the TLS " + what + " file " + path + ": " +
                                 ec.message());
  }
  return base::Status();
}

base::Result<ssl::context> MakeTlsContext(const ServerOptions& options) {
  if (options.tls_cert_file.empty() || options.tls_key_file.empty()) {
    return base::ValidationError("TLS needs both a certificate chain file and a private key file");
  }
  ssl::context tls(ssl::context::tls_server);
  // OpenSSL 3's default security level refuses older versions too; this
  // holds whatever the system's openssl.cnf says.
  SSL_CTX_set_min_proto_version(tls.native_handle(), TLS1_2_VERSION);
  // An encrypted key then fails to load rather than prompting on the terminal.
  tls.set_password_callback([](size_t, ssl::context::password_purpose) { return std::string(); });
  OT_RETURN_IF_ERROR(LoadPem("certificate chain", options.tls_cert_file, [&](auto& ec) {
    tls.use_certificate_chain_file(options.tls_cert_file, ec);
  }));
  OT_RETURN_IF_ERROR(LoadPem("private key", options.tls_key_file, [&](auto& ec) {
    tls.use_private_key_file(options.tls_key_file, ssl::context::pem, ec);
  }));
  return tls;
}

}  // namespace

Server::Server(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

Server::~Server() {
  Stop();
  Wait();
}

base::Result<std::unique_ptr<Server>> Server::Start(ServerOptions options, Handler handler) {
  int threads = options.threads > 0 ? options.threads
                                    : static_cast<int>(std::thread::hardware_concurrency());
  threads = std::max(threads, 1);
  auto impl = std::make_unique<Impl>(std::move(options), std::move(handler), threads);
  if (!impl->options.tls_cert_file.empty() || !impl->options.tls_key_file.empty()) {
    OT_ASSIGN_OR_RETURN(ssl::context tls, MakeTlsContext(impl->options));
    impl->tls.emplace(std::move(tls));
  }
  beast::error_code ec;
  auto address = asio::ip::make_address(impl->options.address, ec);
  if (ec) {
    return base::Status(base::ErrorCode::kIOError,
                        "invalid listen address " + impl->options.address + ": " + ec.message());
  }
  tcp::endpoint endpoint(address, impl->options.port);
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    return base::Status(base::ErrorCode::kIOError, "cannot listen on " + impl->options.address +
                                                       ":" + std::to_string(impl->options.port) +
                                                       ": " + ec.message());
  }
  impl->Accept();
  for (auto& context : impl->contexts) {
    impl->threads.emplace_back([raw = context.get(), &options = impl->options] {
      if (options.on_worker_start) options.on_worker_start();
      raw->run();
    });
  }
  impl->threads.emplace_back([raw = impl.get()] { raw->accept_context.run(); });
  return std::unique_ptr<Server>(new Server(std::move(impl)));
}

uint16_t Server::port() const {
  beast::error_code ignored;
  return impl_->acceptor.local_endpoint(ignored).port();
}

void Server::Stop() {
  if (impl_->stopping.exchange(true)) return;
  // On the accepting thread, so no accept handler can start a connection on
  // a context whose work guard is already gone.
  asio::post(impl_->acceptor.get_executor(), [impl = impl_.get()] {
    beast::error_code ignored;
    impl->acceptor.close(ignored);
    for (auto& guard : impl->work) guard.reset();
  });
  base::MutexLock lock(impl_->mu);
  for (const auto& weak : impl_->sessions) {
    if (auto session = weak.lock()) session->StopIfIdle();
  }
}

void Server::Wait() {
  std::call_once(impl_->joined, [&] {
    for (auto& t : impl_->threads) t.join();
  });
}

}  // namespace ordertrack::http
