#include "tests/conformance/store_backends.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include "client/remote_dynamodb.h"
#include "engine/embedded_dynamodb.h"
#include "http/server.h"
#include "server/dynamodb_endpoint.h"
#include "testing/temp_dir.h"

namespace ordertrack::conformance {
namespace {

class EmbeddedBackend : public StoreBackend {
 public:
  EmbeddedBackend() {
    engine::EngineOptions options;
    options.ttl_sweep_interval = std::chrono::milliseconds(0);
    db_ = std::move(engine::EmbeddedDynamoDb::Open(dir_.path(), options)).value();
  }
  api::DynamoDb& db() override { return *db_; }
  bool Supports(Feature) const override { return true; }

 private:
  testing::TempDir dir_;
  std::unique_ptr<engine::EmbeddedDynamoDb> db_;
};

std::unique_ptr<client::RemoteDynamoDb> ClientFor(uint16_t port) {
  client::RemoteOptions options;
  options.endpoint = "http://127.0.0.1:" + std::to_string(port);
  options.region = "us-east-1";
  options.credentials = client::AwsCredentials{"conformance", "conformance", ""};
  return std::move(client::RemoteDynamoDb::Create(options)).value();
}

// The engine behind ordertrack's DynamoDB endpoint on a loopback port.
class OrdertrackServerBackend : public StoreBackend {
 public:
  OrdertrackServerBackend() : endpoint_(engine_.db(), {}, metrics_) {
    http::ServerOptions options;
    options.port = 0;
    options.threads = 4;
    server_ = std::move(http::Server::Start(options, [this](const http::Request& r) {
                          return endpoint_.Handle(r);
                        }))
                  .value();
    client_ = ClientFor(server_->port());
  }
  api::DynamoDb& db() override { return *client_; }
  bool Supports(Feature) const override { return true; }

 private:
  EmbeddedBackend engine_;
  server::Metrics metrics_;
  server::DynamoDbEndpoint endpoint_;
  std::unique_ptr<http::Server> server_;
  std::unique_ptr<client::RemoteDynamoDb> client_;
};

uint16_t FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  close(fd);
  return ntohs(addr.sin_port);
}

bool Accepts(uint16_t port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = htons(port);
  bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

// dynalite 3 (npm), in memory, tables ACTIVE at once. It implements neither
// TransactWriteItems nor UpdateTimeToLive.
class DynaliteBackend : public StoreBackend {
 public:
  DynaliteBackend(const std::string& cli, std::string* why_not) {
    port_ = FreePort();
    pid_ = fork();
    if (pid_ == 0) {
      std::string port = std::to_string(port_);
      execlp("node", "node", cli.c_str(), "--port", port.c_str(), "--host", "127.0.0.1",
             "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0",
             static_cast<char*>(nullptr));
      _exit(127);
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (!Accepts(port_)) {
      if (std::chrono::steady_clock::now() > deadline || waitpid(pid_, nullptr, WNOHANG) != 0) {
        *why_not = "dynalite did not start on port " + std::to_string(port_);
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    client_ = ClientFor(port_);
  }
  ~DynaliteBackend() override {
    client_.reset();
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  bool started() const { return client_ != nullptr; }
  api::DynamoDb& db() override { return *client_; }
  bool Supports(Feature) const override { return false; }

 private:
  uint16_t port_ = 0;
  pid_t pid_ = -1;
  std::unique_ptr<client::RemoteDynamoDb> client_;
};

// dynalite's cli.js: $ORDERTRACK_DYNALITE_DIR, or what scripts/install-dynalite put
// in the repository's .cache.
std::string DynaliteCli() {
  const char* dir = std::getenv("ORDERTRACK_DYNALITE_DIR");
  std::filesystem::path base = dir && *dir ? std::filesystem::path(dir)
                                           : std::filesystem::path(ORDERTRACK_SOURCE_DIR) /
                                                 ".cache/dynalite/node_modules/dynalite";
  return (base / "cli.js").string();
}

}  // namespace

std::unique_ptr<StoreBackend> MakeBackend(const std::string& name, std::string* why_not) {
  if (name == "embedded") return std::make_unique<EmbeddedBackend>();
  if (name == "ordertrack_server") return std::make_unique<OrdertrackServerBackend>();
  std::string cli = DynaliteCli();
  if (!std::filesystem::exists(cli)) {
    *why_not = "dynalite is not installed at " + cli + " (run scripts/install-dynalite)";
    return nullptr;
  }
  auto backend = std::make_unique<DynaliteBackend>(cli, why_not);
  if (!backend->started()) return nullptr;
  return backend;
}

}  // namespace ordertrack::conformance
