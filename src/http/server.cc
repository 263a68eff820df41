#include "http/server.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <iterator>
#include <optional>
#include <strings.h>
#include <thread>

#include "base/mutex.h"

namespace ordertrack::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;

std::string_view Request::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() && strncasecmp(key.data(), name.data(), name.size()) == 0) {
      return value;
    }
  }
  return {};
}

class Session;

// The connections of one worker thread whose answers wait to be sent.
struct AnswerQueue {
  std::vector<std::shared_ptr<Session>> waiting;
  std::vector<std::shared_ptr<Session>> sending;  // kept to reuse its memory
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
  void Register(const std::shared_ptr<Session>& session);
  // On a worker thread: lets the handler make the queued answers' work
  // durable, then sends them.
  void SendAnswers(AnswerQueue& queue);

  ServerOptions options;
  Handler handler;
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
  std::vector<std::weak_ptr<Session>> sessions OT_GUARDED_BY(mu);
  std::once_flag joined;
};

// One connection: read a request, answer it, repeat while kept alive. All its
// handlers run on the one thread of its io_context, so its state needs no lock.
class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(tcp::socket socket, Server::Impl& server, AnswerQueue& answers)
      : stream_(std::move(socket)), server_(server), answers_(answers) {
    beast::error_code ec;
    auto remote = stream_.socket().remote_endpoint(ec);
    if (!ec) remote_address_ = remote.address().to_string();
  }

  void Start() {
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->Read(); });
  }

  // Closes the connection unless a request is being handled; that one is
  // answered first and the connection closed after.
  void StopIfIdle() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
      if (!self->busy_) self->Close();
    });
  }

  // Sends the answer Write left, or unsaved_answer's in its place.
  void Send(bool saved) {
    if (!saved) {
      answer_ = server_.options.unsaved_answer ? server_.options.unsaved_answer(answer_)
                                               : Response{500, {}, "not stored\n"};
    }
    response_.emplace();
    response_->result(static_cast<unsigned>(answer_.status));
    response_->version(11);
    response_->set(bhttp::field::server, "ordertrack");
    for (auto& [name, value] : answer_.headers) response_->set(name, value);
    response_->body() = std::move(answer_.body);
    response_->keep_alive(keep_alive_);
    response_->prepare_payload();
    bhttp::async_write(stream_, *response_,
                       [self = shared_from_this()](beast::error_code ec, size_t) {
                         if (ec || !self->keep_alive_) return self->Close();
                         self->Read();
                       });
  }

 private:
  void Read() {
    if (server_.stopping) return Close();
    busy_ = false;
    parser_.emplace();
    parser_->body_limit(server_.options.body_limit);
    // Waiting for a new request on a kept-alive connection is idle time; a
    // request already begun must arrive within the read timeout.
    stream_.expires_after(buffer_.size() > 0 ? server_.options.read_timeout
                                             : server_.options.idle_timeout);
    bhttp::async_read_header(stream_, buffer_, *parser_,
                             [self = shared_from_this()](beast::error_code ec, size_t) {
                               self->OnHeader(ec);
                             });
  }

  void OnHeader(beast::error_code ec) {
    if (ec) return OnRead(ec);
    busy_ = true;
    stream_.expires_after(server_.options.read_timeout);
    bhttp::async_read(stream_, buffer_, *parser_,
                      [self = shared_from_this()](beast::error_code ec, size_t) {
                        self->OnRead(ec);
                      });
  }

  void OnRead(beast::error_code ec) {
    if (ec == bhttp::error::body_limit && server_.options.body_too_large) {
      busy_ = true;
      return Write(server_.options.body_too_large(), /*keep_alive=*/false);
    }
    if (ec) return Close();  // end of stream, timeout, reset, malformed request
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
    stream_.expires_after(server_.options.read_timeout);
    answers_.waiting.push_back(shared_from_this());
    if (answers_.waiting.size() == 1) {
      asio::post(stream_.get_executor(), [&server = server_, &answers = answers_] {
        server.SendAnswers(answers);
      });
    }
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
    stream_.close();
  }

  beast::tcp_stream stream_;
  Server::Impl& server_;
  AnswerQueue& answers_;
  Response answer_;
  bool keep_alive_ = false;
  std::string remote_address_;
  beast::flat_buffer buffer_;
  std::optional<bhttp::request_parser<bhttp::string_body>> parser_;
  std::optional<bhttp::response<bhttp::string_body>> response_;
  bool busy_ = false;
};

void Server::Impl::Register(const std::shared_ptr<Session>& session) {
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
    auto session = std::make_shared<Session>(std::move(socket), *this, queues[i]);
    Register(session);
    session->Start();
    if (stopping) session->StopIfIdle();
    Accept();
  });
}

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
