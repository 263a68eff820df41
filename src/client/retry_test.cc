#include "client/retry.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/read_until.hpp>
#include <boost/asio/streambuf.hpp>
#include <boost/asio/write.hpp>
#include <thread>

#include "client/remote_dynamodb.h"
#include "http/server.h"
#include "testing/status_matchers.h"

namespace ordertrack::client {
namespace {

using base::ErrorCode;
using ordertrack::testing::StatusIs;
using std::chrono::milliseconds;
using ::testing::HasSubstr;

TEST(RetryPolicyTest, WhatIsRetried) {
  for (ErrorCode code :
       {ErrorCode::kProvisionedThroughputExceeded, ErrorCode::kThrottling,
        ErrorCode::kRequestLimitExceeded, ErrorCode::kLimitExceeded,
        ErrorCode::kInternalServerError, ErrorCode::kServiceUnavailable, ErrorCode::kIOError}) {
    EXPECT_TRUE(IsRetryable(base::Status(code, "x"))) << base::Describe(code).type_name;
  }
  for (ErrorCode code :
       {ErrorCode::kValidation, ErrorCode::kConditionalCheckFailed, ErrorCode::kTransactionCanceled,
        ErrorCode::kResourceNotFound, ErrorCode::kInvalidSignature, ErrorCode::kSerialization,
        ErrorCode::kAccessDenied}) {
    EXPECT_FALSE(IsRetryable(base::Status(code, "x"))) << base::Describe(code).type_name;
  }
}

TEST(RetryPolicyTest, FullJitterExponentialBackoffIsCapped) {
  RetryOptions options;
  options.random = [] { return 0.999999; };  // the top of each range
  RetryPolicy policy(options);
  base::Status server(ErrorCode::kInternalServerError, "x");
  base::Status throttled(ErrorCode::kThrottling, "x");
  EXPECT_EQ(policy.Backoff(server, 1), milliseconds(24));
  EXPECT_EQ(policy.Backoff(server, 2), milliseconds(49));
  EXPECT_EQ(policy.Backoff(server, 5), milliseconds(399));
  EXPECT_EQ(policy.Backoff(throttled, 1), milliseconds(49));
  EXPECT_EQ(policy.Backoff(server, 30), milliseconds(19999));
  EXPECT_EQ(policy.Backoff(server, 2000), milliseconds(19999));
  options.random = [] { return 0.0; };
  EXPECT_EQ(RetryPolicy(options).Backoff(server, 9), milliseconds(0));
}

TEST(RetryPolicyTest, GivesUpAfterMaxAttemptsWithTheLastError) {
  RetryOptions options;
  options.max_attempts = 4;
  std::vector<milliseconds> sleeps;
  options.sleep = [&sleeps](milliseconds d) { sleeps.push_back(d); };
  options.random = [] { return 0.5; };
  RetryPolicy policy(options);
  int calls = 0;
  base::Status last = policy.Run([&calls]() -> base::Status {
    return base::Status(ErrorCode::kProvisionedThroughputExceeded,
                        "slow down " + std::to_string(++calls));
  });
  EXPECT_EQ(calls, 4);
  EXPECT_THAT(last, StatusIs(ErrorCode::kProvisionedThroughputExceeded,
                             "slow down 4 (gave up after 4 attempts)"));
  EXPECT_EQ(sleeps,
            (std::vector<milliseconds>{milliseconds(25), milliseconds(50), milliseconds(100)}));
}

TEST(RetryPolicyTest, StopsOnSuccessOrOnAnErrorThatIsNotRetryable) {
  RetryOptions options;
  options.sleep = [](milliseconds) {};
  RetryPolicy policy(options);
  int calls = 0;
  auto result = policy.Run<int>([&calls]() -> base::Result<int> {
    if (++calls < 3) return base::Status(ErrorCode::kServiceUnavailable, "busy");
    return 7;
  });
  ASSERT_OK(result);
  EXPECT_EQ(*result, 7);
  EXPECT_EQ(calls, 3);
  calls = 0;
  base::Status failed = policy.Run([&calls]() -> base::Status {
    return ++calls == 1
               ? base::Status(ErrorCode::kInternalServerError, "oops")
               : base::Status(ErrorCode::kConditionalCheckFailed, "The conditional request failed");
  });
  EXPECT_EQ(calls, 2);
  EXPECT_THAT(failed,
              StatusIs(ErrorCode::kConditionalCheckFailed, "The conditional request failed"));
}

// ---- Through RemoteDynamoDb against fake servers ---------------------------------

// An http::Server that answers the first `failures` requests with `failure`
// and the rest with an empty ListTables answer.
class FlakyServer {
 public:
  FlakyServer(int failures, http::Response failure, milliseconds delay = milliseconds(0))
      : failures_(failures), failure_(std::move(failure)), delay_(delay) {
    http::ServerOptions options;
    options.port = 0;
    options.threads = 8;  // slow failures must not hold up the answers after them
    auto server = http::Server::Start(options, [this](const http::Request&) {
      if (requests_++ < failures_) {
        std::this_thread::sleep_for(delay_);
        return failure_;
      }
      return http::Response{
          200, {{"Content-Type", "application/x-amz-json-1.0"}}, R"({"TableNames":[]})"};
    });
    EXPECT_OK(server);
    server_ = std::move(server).value();
  }
  std::string url() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }
  int requests() const { return requests_; }

 private:
  std::atomic<int> requests_{0};
  int failures_;
  http::Response failure_;
  milliseconds delay_;
  std::unique_ptr<http::Server> server_;
};

http::Response ErrorAnswer(int status, std::string_view type, std::string_view message) {
  return {status,
          {{"Content-Type", "application/x-amz-json-1.0"}},
          R"({"__type":"com.amazonaws.dynamodb.v20120810#)" + std::string(type) +
              R"(","message":")" + std::string(message) + R"("})"};
}

std::unique_ptr<RemoteDynamoDb> ClientOf(const std::string& url, int max_attempts,
                                         std::vector<milliseconds>* sleeps,
                                         milliseconds request_timeout = milliseconds(5000)) {
  RemoteOptions options;
  options.endpoint = url;
  options.retry.max_attempts = max_attempts;
  options.retry.sleep = [sleeps](milliseconds d) { sleeps->push_back(d); };
  options.retry.random = [] { return 0.0; };
  options.http.request_timeout = request_timeout;
  auto remote = RemoteDynamoDb::Create(std::move(options));
  EXPECT_OK(remote);
  return std::move(remote).value();
}

TEST(RetryOverHttpTest, RetriesServerErrorsAndThrottlingUntilSuccess) {
  for (const http::Response& failure :
       {ErrorAnswer(500, "InternalServerError", "Internal server error"),
        ErrorAnswer(400, "ThrottlingException", "Rate of requests exceeds the allowed throughput."),
        ErrorAnswer(400, "ProvisionedThroughputExceededException", "too fast"),
        http::Response{503, {}, "<html>Service Unavailable</html>"},
        http::Response{502, {}, "Bad Gateway"}}) {
    FlakyServer server(3, failure);
    std::vector<milliseconds> sleeps;
    auto remote = ClientOf(server.url(), 10, &sleeps);
    EXPECT_OK(remote->ListTables({})) << failure.body;
    EXPECT_EQ(server.requests(), 4);
    EXPECT_EQ(sleeps.size(), 3u);
  }
}

TEST(RetryOverHttpTest, SpentRetriesReturnTheLastErrorTyped) {
  FlakyServer server(100, ErrorAnswer(400, "ThrottlingException", "Rate exceeded"));
  std::vector<milliseconds> sleeps;
  auto remote = ClientOf(server.url(), 5, &sleeps);
  EXPECT_THAT(remote->ListTables({}),
              StatusIs(ErrorCode::kThrottling, "Rate exceeded (gave up after 5 attempts)"));
  EXPECT_EQ(server.requests(), 5);
}

TEST(RetryOverHttpTest, NeverRetriesClientErrors) {
  for (const http::Response& failure :
       {ErrorAnswer(400, "ConditionalCheckFailedException", "The conditional request failed"),
        ErrorAnswer(400, "ValidationException", "One or more parameter values were invalid"),
        ErrorAnswer(400, "ResourceNotFoundException", "Requested resource not found"),
        http::Response{404, {}, "no such page"}}) {
    FlakyServer server(100, failure);
    std::vector<milliseconds> sleeps;
    auto remote = ClientOf(server.url(), 10, &sleeps);
    base::Status status = remote->ListTables({}).status();
    EXPECT_FALSE(status.ok());
    EXPECT_THAT(status.message(), ::testing::Not(HasSubstr("gave up")));
    EXPECT_EQ(server.requests(), 1) << failure.body;
    EXPECT_TRUE(sleeps.empty());
  }
  FlakyServer conditional(
      100, ErrorAnswer(400, "ConditionalCheckFailedException", "The conditional request failed"));
  std::vector<milliseconds> sleeps;
  EXPECT_THAT(ClientOf(conditional.url(), 10, &sleeps)->ListTables({}),
              StatusIs(ErrorCode::kConditionalCheckFailed, "The conditional request failed"));
}

TEST(RetryOverHttpTest, RetriesRequestTimeouts) {
  FlakyServer server(2, ErrorAnswer(500, "InternalServerError", "late"), milliseconds(400));
  std::vector<milliseconds> sleeps;
  auto remote = ClientOf(server.url(), 10, &sleeps, milliseconds(100));
  EXPECT_OK(remote->ListTables({}));
  EXPECT_EQ(sleeps.size(), 2u);
  EXPECT_EQ(server.requests(), 3);
}

// A raw TCP server that drops the first `drops` connections after reading
// their request, without answering, then answers every request properly.
class DroppingServer {
 public:
  explicit DroppingServer(int drops)
      : acceptor_(ioc_, {boost::asio::ip::make_address("127.0.0.1"), 0}), drops_(drops) {
    thread_ = std::thread([this] { Serve(); });
  }
  ~DroppingServer() {
    stop_ = true;
    boost::asio::ip::tcp::socket poke(ioc_);  // unblocks accept()
    boost::system::error_code ignored;
    poke.connect(acceptor_.local_endpoint(), ignored);
    thread_.join();
  }
  std::string url() const {
    return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port());
  }
  int connections() const { return connections_; }

 private:
  void Serve() {
    while (!stop_) {
      boost::asio::ip::tcp::socket socket(ioc_);
      boost::system::error_code ec;
      acceptor_.accept(socket, ec);
      if (ec || stop_) return;
      bool drop = connections_++ < drops_;
      boost::asio::streambuf buffer;
      while (true) {
        size_t header = boost::asio::read_until(socket, buffer, "\r\n\r\n", ec);
        if (ec) break;
        std::string head(boost::asio::buffers_begin(buffer.data()),
                         boost::asio::buffers_begin(buffer.data()) + header);
        size_t length_at = head.find("Content-Length: ");
        size_t length =
            length_at == std::string::npos ? 0 : std::stoul(head.substr(length_at + 16));
        buffer.consume(header);
        if (buffer.size() < length) {
          boost::asio::read(socket, buffer, boost::asio::transfer_exactly(length - buffer.size()),
                            ec);
        }
        buffer.consume(length);
        if (drop) break;
        std::string body = R"({"TableNames":[]})";
        std::string answer =
            "HTTP/1.1 200 OK\r\nContent-Type: application/x-amz-json-1.0\r\n"
            "Content-Length: " +
            std::to_string(body.size()) + "\r\n\r\n" + body;
        boost::asio::write(socket, boost::asio::buffer(answer), ec);
        if (ec) break;
      }
      socket.close(ec);
    }
  }

  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::acceptor acceptor_;
  int drops_;
  std::atomic<int> connections_{0};
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

TEST(RetryOverHttpTest, RetriesBrokenConnections) {
  DroppingServer server(2);
  std::vector<milliseconds> sleeps;
  auto remote = ClientOf(server.url(), 10, &sleeps);
  EXPECT_OK(remote->ListTables({}));
  EXPECT_EQ(sleeps.size(), 2u);
  EXPECT_EQ(server.connections(), 3);
  EXPECT_OK(remote->ListTables({}));  // the third connection was kept alive
  EXPECT_EQ(server.connections(), 3);
}

TEST(RetryOverHttpTest, BrokenConnectionsToTheEndGiveAnIoError) {
  DroppingServer server(100);
  std::vector<milliseconds> sleeps;
  auto remote = ClientOf(server.url(), 3, &sleeps);
  EXPECT_THAT(remote->ListTables({}),
              StatusIs(ErrorCode::kIOError, HasSubstr("(gave up after 3 attempts)")));
}

}  // namespace
}  // namespace ordertrack::client
