#include "http/server.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <gtest/gtest.h>
#include <openssl/ssl.h>

#include <atomic>
#include <fstream>
#include <optional>
#include <thread>

#include "testing/self_signed_certificate.h"
#include "testing/status_matchers.h"

namespace ordertrack::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;
using ::ordertrack::testing::SelfSignedCertificate;
using ::ordertrack::testing::StatusIs;
using ::testing::AllOf;
using ::testing::HasSubstr;
using ::testing::Not;

// A blocking HTTP/1.1 client on one kept-alive connection; over TLS when
// given the CA file to verify the server's certificate with.
class Client {
 public:
  explicit Client(uint16_t port, const std::string& ca_file = "") : socket_(ioc_) {
    socket_.connect({asio::ip::make_address("127.0.0.1"), port});
    if (ca_file.empty()) return;
    tls_context_.load_verify_file(ca_file);
    tls_context_.set_verify_mode(ssl::verify_peer);
    tls_.emplace(socket_, tls_context_);
    tls_->set_verify_callback(ssl::host_name_verification("127.0.0.1"));
    tls_->handshake(ssl::stream_base::client);
  }
  bhttp::response<bhttp::string_body> Send(const std::string& method, const std::string& target,
                                           std::string body = "", bool keep_alive = true) {
    bhttp::request<bhttp::string_body> req(bhttp::string_to_verb(method), target, 11);
    req.set(bhttp::field::host, "localhost");
    req.body() = std::move(body);
    req.keep_alive(keep_alive);
    req.prepare_payload();
    bhttp::response<bhttp::string_body> res;
    if (tls_) {
      bhttp::write(*tls_, req);
      bhttp::read(*tls_, buffer_, res);
    } else {
      bhttp::write(socket_, req);
      bhttp::read(socket_, buffer_, res);
    }
    return res;
  }
  // Reads (and drops) what comes until the server closes; the error that
  // ends it: eof, or over TLS stream_truncated unless it sent close_notify.
  beast::error_code ReadUntilClosed() {
    char buffer[256];
    beast::error_code ec;
    while (!ec) {
      if (tls_) {
        tls_->read_some(asio::buffer(buffer), ec);
      } else {
        socket_.read_some(asio::buffer(buffer), ec);
      }
    }
    return ec;
  }
  asio::ip::tcp::socket& socket() { return socket_; }
  SSL* tls() { return tls_->native_handle(); }

 private:
  asio::io_context ioc_;
  asio::ip::tcp::socket socket_;
  ssl::context tls_context_{ssl::context::tls_client};
  std::optional<ssl::stream<asio::ip::tcp::socket&>> tls_;
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

TEST(HttpServerTest, HeadersOverTheLimitGetA431AndClose) {
  ServerOptions options;
  options.header_limit = 4096;
  auto server = StartEcho(options);
  Client client(server->port());
  auto res = client.Send("GET", "/" + std::string(8192, 'a'));
  EXPECT_EQ(res.result_int(), 431);
  EXPECT_FALSE(res.keep_alive());
  Client next(server->port());
  EXPECT_EQ(next.Send("GET", "/" + std::string(3000, 'a')).result_int(), 200);
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
  EXPECT_TRUE(stalled.ReadUntilClosed());
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

class HttpsServerTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(cert_.made()) << "the openssl command failed"; }

  std::unique_ptr<Server> StartTls(ServerOptions options = {}) {
    options.tls_cert_file = cert_.cert_file();
    options.tls_key_file = cert_.key_file();
    return StartEcho(options);
  }

  SelfSignedCertificate cert_;
};

TEST_F(HttpsServerTest, AnswersManyRequestsOnOneTlsConnection) {
  auto server = StartTls();
  Client client(server->port(), cert_.cert_file());
  EXPECT_GE(SSL_version(client.tls()), TLS1_2_VERSION);
  for (int i = 0; i < 3; ++i) {
    auto res = client.Send("POST", "/x" + std::to_string(i), "body");
    EXPECT_EQ(res.result_int(), 200);
    EXPECT_EQ(res.body(), "/x" + std::to_string(i) + "|body");
  }
}

TEST_F(HttpsServerTest, RefusesTlsBelow12) {
  auto server = StartTls();
  asio::io_context ioc;
  asio::ip::tcp::socket socket(ioc);
  socket.connect({asio::ip::make_address("127.0.0.1"), server->port()});
  ssl::context old(ssl::context::tls_client);
  SSL_CTX_set_security_level(old.native_handle(), 0);  // lets OpenSSL 3 offer TLS 1.1
  SSL_CTX_set_max_proto_version(old.native_handle(), TLS1_1_VERSION);
  ssl::stream<asio::ip::tcp::socket&> tls(socket, old);
  beast::error_code ec;
  tls.handshake(ssl::stream_base::client, ec);
  EXPECT_TRUE(ec);
}

// Closing with close_notify, as Connection: close asks, tells the client the
// answer was not cut off.
TEST_F(HttpsServerTest, ClosesWithCloseNotify) {
  auto server = StartTls();
  Client client(server->port(), cert_.cert_file());
  auto res = client.Send("GET", "/last", "", /*keep_alive=*/false);
  EXPECT_EQ(res.body(), "/last|");
  EXPECT_EQ(client.ReadUntilClosed(), asio::error::eof);
}

TEST_F(HttpsServerTest, PlainHttpGetsA400AndTheServerGoesOn) {
  auto server = StartTls();
  Client plain(server->port());
  auto res = plain.Send("GET", "/healthz");
  EXPECT_EQ(res.result_int(), 400);
  EXPECT_EQ(res.body(), "this port speaks HTTPS\n");
  EXPECT_FALSE(res.keep_alive());
  EXPECT_TRUE(plain.ReadUntilClosed());
  EXPECT_EQ(Client(server->port(), cert_.cert_file()).Send("GET", "/ok").body(), "/ok|");
}

TEST_F(HttpsServerTest, AFailedHandshakeClosesAndTheServerGoesOn) {
  auto server = StartTls();
  Client garbage(server->port());
  // A TLS handshake record holding a ServerHello, which no client sends.
  const char not_a_hello[] = "\x16\x03\x01\x00\x04\x02\x00\x00\x00";
  asio::write(garbage.socket(), asio::buffer(not_a_hello, sizeof not_a_hello - 1));
  EXPECT_TRUE(garbage.ReadUntilClosed());
  EXPECT_EQ(Client(server->port(), cert_.cert_file()).Send("GET", "/ok").body(), "/ok|");
}

TEST_F(HttpsServerTest, AStalledHandshakeTimesOut) {
  ServerOptions options;
  options.read_timeout = std::chrono::milliseconds(200);
  auto server = StartTls(options);
  Client stalled(server->port());
  asio::write(stalled.socket(), asio::buffer("\x16", 1));
  EXPECT_TRUE(stalled.ReadUntilClosed());
}

// An idle TLS connection does not hold up a stop: the server's close_notify
// waits for no answer.
TEST_F(HttpsServerTest, StopClosesIdleTlsConnectionsAtOnce) {
  auto server = StartTls();
  Client idle(server->port(), cert_.cert_file());
  EXPECT_EQ(idle.Send("GET", "/a").result_int(), 200);
  auto begin = std::chrono::steady_clock::now();
  server->Stop();
  server->Wait();
  EXPECT_LT(std::chrono::steady_clock::now() - begin, std::chrono::seconds(2));
  EXPECT_EQ(idle.ReadUntilClosed(), asio::error::eof);
}

TEST_F(HttpsServerTest, FilesThatCannotBeUsedAreClearErrors) {
  auto start = [](std::string cert, std::string key) {
    ServerOptions options;
    options.port = 0;
    options.tls_cert_file = std::move(cert);
    options.tls_key_file = std::move(key);
    return Server::Start(options, [](const Request&) { return Response{}; }).status();
  };
  SelfSignedCertificate other;
  ASSERT_TRUE(other.made());
  EXPECT_THAT(start(cert_.cert_file(), ""),
              StatusIs(base::ErrorCode::kValidation, HasSubstr("both")));
  EXPECT_THAT(start("/no/such/cert.pem", cert_.key_file()),
              StatusIs(base::ErrorCode::kIOError, HasSubstr("/no/such/cert.pem")));
  EXPECT_THAT(start(cert_.cert_file(), "/no/such/key.pem"),
              StatusIs(base::ErrorCode::kIOError, HasSubstr("/no/such/key.pem")));
  // The key where the certificate goes, and a certificate where the key goes.
  std::ifstream key_in(cert_.key_file());
  std::string key_pem((std::istreambuf_iterator<char>(key_in)), std::istreambuf_iterator<char>());
  std::string key_body = key_pem.substr(key_pem.find('\n') + 1, 40);
  auto no_secret = Not(HasSubstr(key_body));
  EXPECT_THAT(start(cert_.key_file(), cert_.key_file()),
              StatusIs(base::ErrorCode::kValidation,
                       AllOf(HasSubstr("certificate chain file " + cert_.key_file()), no_secret)));
  EXPECT_THAT(start(cert_.cert_file(), cert_.cert_file()),
              StatusIs(base::ErrorCode::kValidation,
                       AllOf(HasSubstr("private key file " + cert_.cert_file()), no_secret)));
  // Another certificate's key.
  EXPECT_THAT(start(cert_.cert_file(), other.key_file()),
              StatusIs(base::ErrorCode::kValidation,
                       AllOf(HasSubstr("private key file " + other.key_file()), no_secret)));
}

}  // namespace
}  // namespace ordertrack::http
