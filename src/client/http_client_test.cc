#include "client/http_client.h"

#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <thread>

#include "http/server.h"
#include "testing/self_signed_certificate.h"
#include "testing/status_matchers.h"

namespace ordertrack::client {
namespace {

using base::ErrorCode;
using ordertrack::testing::StatusIs;
using ::testing::HasSubstr;

TEST(ParseEndpointTest, SchemesHostsPortsAndPaths) {
  auto aws = ParseEndpoint("https://dynamodb.eu-west-1.amazonaws.com");
  ASSERT_OK(aws);
  EXPECT_TRUE(aws->https);
  EXPECT_EQ(aws->host, "dynamodb.eu-west-1.amazonaws.com");
  EXPECT_EQ(aws->port, 443);
  EXPECT_EQ(aws->path, "/");
  EXPECT_EQ(aws->HostHeader(), "dynamodb.eu-west-1.amazonaws.com");

  auto local = ParseEndpoint("http://127.0.0.1:8000/");
  ASSERT_OK(local);
  EXPECT_FALSE(local->https);
  EXPECT_EQ(local->port, 8000);
  EXPECT_EQ(local->HostHeader(), "127.0.0.1:8000");
  EXPECT_EQ(local->Origin(), "http://127.0.0.1:8000");

  auto v6 = ParseEndpoint("http://[::1]:9000/ddb");
  ASSERT_OK(v6);
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->path, "/ddb");
  EXPECT_EQ(v6->HostHeader(), "[::1]:9000");
  EXPECT_EQ(ParseEndpoint("http://localhost")->port, 80);

  for (const char* bad :
       {"ftp://x", "localhost:8000", "http://", "http://:80", "http://h:0", "http://h:70000",
        "http://h:8x", "http://h/?q=1", "http://u@h/", "http://[::1"}) {
    EXPECT_THAT(ParseEndpoint(bad), StatusIs(ErrorCode::kValidation, HasSubstr(bad))) << bad;
  }
}

class HttpClientTest : public ::testing::Test {
 protected:
  void Start(http::Handler handler, std::chrono::milliseconds idle = std::chrono::seconds(60),
             http::ServerOptions options = {}) {
    options.port = 0;
    options.threads = 4;
    options.idle_timeout = idle;
    auto server = http::Server::Start(options, std::move(handler));
    ASSERT_OK(server);
    server_ = std::move(server).value();
    std::string scheme = options.tls_cert_file.empty() ? "http" : "https";
    endpoint_ = *ParseEndpoint(scheme + "://127.0.0.1:" + std::to_string(server_->port()));
  }
  std::unique_ptr<HttpClient> Client(HttpClientOptions options = {}) {
    auto client = HttpClient::Create(options);
    EXPECT_OK(client);
    return std::move(client).value();
  }
  HttpRequest Post(std::string body) {
    HttpRequest r;
    r.headers = {{"Host", endpoint_.HostHeader()}, {"X-Test", "yes"}};
    r.body = std::move(body);
    return r;
  }

  std::unique_ptr<http::Server> server_;
  Endpoint endpoint_;
};

http::Response Echo(const http::Request& r) {
  return {201,
          {{"X-Echo-Host", std::string(r.Header("host"))}},
          r.method + " " + r.target + " " + r.body};
}

TEST_F(HttpClientTest, SendsAndKeepsTheConnectionAlive) {
  Start(Echo);
  auto client = Client();
  for (int i = 0; i < 10; ++i) {
    auto response = client->Send(endpoint_, Post("body" + std::to_string(i)));
    ASSERT_OK(response);
    EXPECT_EQ(response->status, 201);
    EXPECT_EQ(response->body, "POST / body" + std::to_string(i));
    EXPECT_EQ(response->Header("x-echo-host"), endpoint_.HostHeader());
  }
  EXPECT_EQ(client->ConnectionsOpened(), 1u);
  EXPECT_EQ(client->OpenConnections(endpoint_), 1u);
}

TEST_F(HttpClientTest, ConnectionsClosedByTheServerWhileIdleAreReplaced) {
  Start(Echo, std::chrono::milliseconds(50));
  auto client = Client();
  ASSERT_OK(client->Send(endpoint_, Post("a")));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // the server drops it
  auto again = client->Send(endpoint_, Post("b"));
  ASSERT_OK(again);
  EXPECT_EQ(again->body, "POST / b");
  EXPECT_EQ(client->ConnectionsOpened(), 2u);
  EXPECT_EQ(client->OpenConnections(endpoint_), 1u);
}

TEST_F(HttpClientTest, ManyThreadsShareAFewConnections) {
  std::atomic<int> in_flight{0}, most{0};
  Start([&](const http::Request& r) {
    int now = ++in_flight;
    int seen = most.load();
    while (now > seen && !most.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    --in_flight;
    return Echo(r);
  });
  HttpClientOptions options;
  options.max_connections_per_endpoint = 3;
  auto client = Client(options);
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 25; ++i) {
        std::string body = std::to_string(t) + ":" + std::to_string(i);
        auto response = client->Send(endpoint_, Post(body));
        if (!response.ok() || response->body != "POST / " + body) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures, 0);
  EXPECT_LE(client->ConnectionsOpened(), 3u);
  EXPECT_LE(most.load(), 3);
  EXPECT_LE(client->OpenConnections(endpoint_), 3u);
}

TEST_F(HttpClientTest, RequestTimeout) {
  Start([](const http::Request& r) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
    return Echo(r);
  });
  HttpClientOptions options;
  options.request_timeout = std::chrono::milliseconds(100);
  auto client = Client(options);
  auto started = std::chrono::steady_clock::now();
  EXPECT_THAT(client->Send(endpoint_, Post("slow")),
              StatusIs(ErrorCode::kIOError, HasSubstr("timed out")));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::milliseconds(450));
  EXPECT_EQ(client->OpenConnections(endpoint_), 0u);  // a timed-out connection is discarded
}

TEST_F(HttpClientTest, ConnectionRefusedAndTlsToAPlainServer) {
  Start(Echo);
  auto client = Client();
  Endpoint tls = endpoint_;
  tls.https = true;
  EXPECT_THAT(client->Send(tls, Post("x")),
              StatusIs(ErrorCode::kIOError, HasSubstr("TLS handshake")));
  uint16_t port = server_->port();
  server_.reset();
  Endpoint closed = *ParseEndpoint("http://127.0.0.1:" + std::to_string(port));
  EXPECT_THAT(client->Send(closed, Post("x")),
              StatusIs(ErrorCode::kIOError, HasSubstr("connecting to")));
  EXPECT_EQ(client->OpenConnections(closed), 0u);
}

// The HTTPS success path, against the project's own TLS server: its
// self-signed certificate is trusted through ca_file, under either of its
// names, and not by the system store.
TEST_F(HttpClientTest, HttpsTrustsTheCaFile) {
  testing::SelfSignedCertificate cert;
  ASSERT_TRUE(cert.made());
  http::ServerOptions tls;
  tls.tls_cert_file = cert.cert_file();
  tls.tls_key_file = cert.key_file();
  Start(Echo, std::chrono::seconds(60), tls);
  HttpClientOptions trusting;
  trusting.ca_file = cert.cert_file();
  auto client = Client(trusting);
  Endpoint by_name = *ParseEndpoint("https://localhost:" + std::to_string(endpoint_.port));
  for (const Endpoint& endpoint : {endpoint_, endpoint_, by_name}) {
    auto response = client->Send(endpoint, Post("over tls"));
    ASSERT_OK(response);
    EXPECT_EQ(response->status, 201);
    EXPECT_EQ(response->body, "POST / over tls");
  }
  EXPECT_EQ(client->ConnectionsOpened(), 2u);  // kept alive per origin
  EXPECT_THAT(Client()->Send(endpoint_, Post("x")),
              StatusIs(ErrorCode::kValidation,
                       HasSubstr("certificate verify failed (self-signed certificate)")));
}

TEST_F(HttpClientTest, AnUnusableCaFileIsAnError) {
  testing::SelfSignedCertificate cert;
  ASSERT_TRUE(cert.made());
  for (const std::string& bad : {std::string("/no/such/ca.pem"), cert.key_file()}) {
    HttpClientOptions options;
    options.ca_file = bad;
    EXPECT_THAT(HttpClient::Create(options),
                StatusIs(ErrorCode::kValidation, HasSubstr("the CA bundle " + bad)));
  }
}

TEST_F(HttpClientTest, ConnectTimeout) {
  // A listener whose accept queue is full and never drained: Linux drops
  // further SYNs, so a new connection neither succeeds nor fails.
  namespace asio = boost::asio;
  asio::io_context ioc;
  asio::ip::tcp::acceptor full(ioc);
  full.open(asio::ip::tcp::v4());
  full.bind({asio::ip::make_address("127.0.0.1"), 0});
  full.listen(0);
  // Non-blocking connects fill the queue (asio's connect would wait for each).
  std::vector<int> fillers;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(full.local_endpoint().port());
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  for (int i = 0; i < 8; ++i) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    ASSERT_GE(fd, 0);
    fillers.push_back(fd);
    connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address));
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  HttpClientOptions options;
  options.connect_timeout = std::chrono::milliseconds(200);
  auto client = Client(options);
  Endpoint stuck =
      *ParseEndpoint("http://127.0.0.1:" + std::to_string(full.local_endpoint().port()));
  auto started = std::chrono::steady_clock::now();
  EXPECT_THAT(client->Send(stuck, HttpRequest{}),
              StatusIs(ErrorCode::kIOError, HasSubstr("timed out")));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
  EXPECT_EQ(client->OpenConnections(stuck), 0u);
  for (int fd : fillers) close(fd);
}

}  // namespace
}  // namespace ordertrack::client
