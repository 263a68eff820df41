#include "http/server.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "testing/status_matchers.h"

namespace ordertrack::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

// A blocking HTTP/1.1 client on one kept-alive connection.
class Client {
 public:
  explicit Client(uint16_t port) : socket_(ioc_) {
    socket_.connect({asio::ip::make_address("127.0.0.1"), port});
  }
  bhttp::response<bhttp::string_body> Send(const std::string& method, const std::string& target,
                                           std::string body = "") {
    bhttp::request<bhttp::string_body> req(bhttp::string_to_verb(method), target, 11);
    req.set(bhttp::field::host, "localhost");
    req.body() = std::move(body);
    req.prepare_payload();
    bhttp::write(socket_, req);
    bhttp::response<bhttp::string_body> res;
    bhttp::read(socket_, buffer_, res);
    return res;
  }
  asio::ip::tcp::socket& socket() { return socket_; }

 private:
  asio::io_context ioc_;
  asio::ip::tcp::socket socket_;
  beast::flat_buffer buffer_;
};

std::unique_ptr<Server> StartEcho(ServerOptions options = {}) {
  options.port = 0;
  options.threads = 2;
  auto server = Server::Start(options, [](const Request& r) {
    Response out;
    out.headers.emplace_back("X-Method", r.method);
    out.headers.emplace_back("X-Echo-Header", std::string(r.Header("x-test")));
    out.body = r.target + "|" + r.body;
    if (r.target == "/slow") std::this_thread::sleep_for(std::chrono::milliseconds(300));
    return out;
  });
  EXPECT_OK(server);
  return std::move(server).value();
}

TEST(HttpServerTest, AnswersManyRequestsOnOneConnection) {
  auto server = StartEcho();
  Client client(server->port());
  for (int i = 0; i < 3; ++i) {
    auto res = client.Send("POST", "/x" + std::to_string(i), "body");
    EXPECT_EQ(res.result_int(), 200);
    EXPECT_EQ(res.body(), "/x" + std::to_string(i) + "|body");
    EXPECT_EQ(res[bhttp::field::server], "ordertrack");
  }
}

TEST(HttpServerTest, HeadersAreCaseInsensitive) {
  Request r;
  r.headers = {{"X-Amz-Target", "DynamoDB_20120810.PutItem"}};
  EXPECT_EQ(r.Header("x-amz-target"), "DynamoDB_20120810.PutItem");
  EXPECT_EQ(r.Header("missing"), "");
}

// Answers go out only after before_answers, and when it fails they are
// replaced: the handler's writes behind them were not stored.
TEST(HttpServerTest, AnswersFollowBeforeAnswersAndAreReplacedWhenItFails) {
  ServerOptions options;
  std::atomic<int> started{0}, calls{0};
  std::atomic<bool> fail{false};
  options.on_worker_start = [&] { ++started; };
  options.before_answers = [&] {
    ++calls;
    return fail ? base::Status(base::ErrorCode::kIOError, "disk full") : base::Status();
  };
  options.unsaved_answer = [](const Response& intended) {
    return Response{500, {}, "unsaved " + intended.body};
  };
  auto server = StartEcho(options);
  Client client(server->port());
  auto saved = client.Send("POST", "/a", "x");
  EXPECT_EQ(saved.result_int(), 200);
  EXPECT_EQ(saved.body(), "/a|x");
  EXPECT_EQ(calls, 1);
  fail = true;
  auto unsaved = client.Send("POST", "/b", "y");
  EXPECT_EQ(unsaved.result_int(), 500);
  EXPECT_EQ(unsaved.body(), "unsaved /b|y");
  EXPECT_EQ(calls, 2);
  server->Stop();
  server->Wait();
  EXPECT_EQ(started, 2);
}

TEST(HttpServerTest, BodiesOverTheLimitGetTheConfiguredAnswerAndClose) {
  ServerOptions options;
  options.body_limit = 1024;
  options.body_too_large = [] { return Response{413, {}, "too large"}; };
  auto server = StartEcho(options);
  Client client(server->port());
  auto res = client.Send("POST", "/", std::string(2048, 'x'));
  EXPECT_EQ(res.result_int(), 413);
  EXPECT_EQ(res.body(), "too large");
  EXPECT_FALSE(res.keep_alive());
}

TEST(HttpServerTest, HalfSentRequestsTimeOutWithoutBlockingOthers) {
  ServerOptions options;
  options.read_timeout = std::chrono::milliseconds(200);
  auto server = StartEcho(options);
  Client stalled(server->port());
  std::string partial = "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nabc";
  asio::write(stalled.socket(), asio::buffer(partial));
  Client other(server->port());
  EXPECT_EQ(other.Send("GET", "/ok").body(), "/ok|");
  // The stalled connection is closed by the server once its read times out.
  char byte;
  beast::error_code ec;
  stalled.socket().read_some(asio::buffer(&byte, 1), ec);
  EXPECT_TRUE(ec);
}

// Connections are pinned to workers in turn and accepting has its own thread:
// while one worker is busy with a slow request, a new connection is accepted
// and answered by the other.
TEST(HttpServerTest, ASlowRequestHoldsUpNeitherAcceptingNorTheOtherWorker) {
  auto server = StartEcho();  // two workers
  std::atomic<bool> slow_answered{false};
  std::thread slow([&] {
    Client(server->port()).Send("GET", "/slow");
    slow_answered = true;
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  Client other(server->port());
  EXPECT_EQ(other.Send("GET", "/ok").body(), "/ok|");
  EXPECT_FALSE(slow_answered);
  slow.join();
}

TEST(HttpServerTest, StopLetsInFlightRequestsFinish) {
  auto server = StartEcho();
  std::atomic<bool> answered{false};
  std::thread slow([&] {
    Client client(server->port());
    auto res = client.Send("GET", "/slow");
    answered = res.result_int() == 200 && res.body() == "/slow|";
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  server->Stop();
  server->Wait();
  slow.join();
  EXPECT_TRUE(answered);
}

TEST(HttpServerTest, BindingABusyPortFails) {
  auto first = StartEcho();
  ServerOptions options;
  options.port = first->port();
  auto second = Server::Start(options, [](const Request&) { return Response{}; });
  EXPECT_EQ(second.status().code(), base::ErrorCode::kIOError);
}

}  // namespace
}  // namespace ordertrack::http
