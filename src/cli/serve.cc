#include "cli/serve.h"

#include <csignal>
#include <fstream>
#include <iostream>
#include <sstream>

#include "access/authenticator.h"
#include "client/credentials.h"
#include "client/remote_dynamodb.h"
#include "engine/embedded_dynamodb.h"
#include "engine/group_commit_dynamodb.h"
#include "events/feed.h"
#include "http/server.h"
#include "orders/order_store.h"
#include "server/dynamodb_endpoint.h"
#include "server/exposure.h"
#include "server/orders_routes.h"
#include "server/router.h"

namespace ordertrack::cli {
namespace {

int Fail(const std::string& message) {
  std::cerr << "ordertrack serve: " << message << "\n";
  return 1;
}

// Lines of "ACCESS_KEY_ID SECRET_ACCESS_KEY"; blank lines and # comments skipped.
base::Result<std::map<std::string, std::string, std::less<>>> ReadCredentials(
    const std::string& path) {
  std::ifstream in(path);
  if (!in) return base::Status(base::ErrorCode::kIOError, "cannot read credentials file " + path);
  std::map<std::string, std::string, std::less<>> out;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::istringstream fields(line);
    std::string id, secret, extra;
    if (!(fields >> id) || id[0] == '#') continue;
    if (!(fields >> secret) || (fields >> extra)) {
      return base::ValidationError(path + ":" + std::to_string(number) +
                                   ": expected ACCESS_KEY_ID SECRET_ACCESS_KEY");
    }
    out[id] = secret;
  }
  if (out.empty()) return base::ValidationError("no credentials in " + path);
  return out;
}

// The remote store for --backend dynamodb: credentials and region from the
// usual AWS places unless given.
base::Result<std::unique_ptr<client::RemoteDynamoDb>> OpenRemote(const ServeOptions& options) {
  client::Environment env = client::ProcessEnvironment();
  OT_ASSIGN_OR_RETURN(auto credentials, client::ResolveCredentials(env));
  client::RemoteOptions remote;
  remote.endpoint = options.endpoint;
  remote.region = !options.region.empty() ? options.region : client::ResolveRegion(env).value_or("");
  remote.credentials = credentials;
  remote.http.ca_file = client::ResolveCaBundle(env).value_or("");
  return client::RemoteDynamoDb::Create(std::move(remote));
}

bool SplitListen(const std::string& listen, std::string* host, uint16_t* port) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  *host = listen.substr(0, colon);
  try {
    int p = std::stoi(listen.substr(colon + 1));
    if (p < 0 || p > 65535) return false;
    *port = static_cast<uint16_t>(p);
  } catch (...) {
    return false;
  }
  return !host->empty();
}

}  // namespace

int Serve(const ServeOptions& options) {
  http::ServerOptions http_options;
  if (!SplitListen(options.listen, &http_options.address, &http_options.port)) {
    return Fail("--listen wants HOST:PORT, got '" + options.listen + "'");
  }
  http_options.threads = options.threads;
  http_options.tls_cert_file = options.tls_cert_file;
  http_options.tls_key_file = options.tls_key_file;
  http_options.body_too_large = [] {
    http::Response r = server::ErrorResponse(base::ValidationError(
        "Request size exceeds the maximum allowed size of 16777216 bytes"));
    r.status = 413;
    return r;
  };
  server::EndpointOptions endpoint_options;
  if (!options.credentials_file.empty()) {
    auto credentials = ReadCredentials(options.credentials_file);
    if (!credentials.ok()) return Fail(credentials.status().message());
    endpoint_options.credentials = std::move(credentials).value();
  }

  // Stop signals are taken by sigwait below, not by a handler: block them
  // before any thread starts so every thread inherits the mask.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  // The one place that picks the store: everything below sees api::DynamoDb.
  std::unique_ptr<engine::EmbeddedDynamoDb> embedded;
  std::unique_ptr<engine::GroupCommitDynamoDb> grouped;
  std::unique_ptr<client::RemoteDynamoDb> remote;
  std::string where;
  if (options.backend == "dynamodb") {
    if (options.stream_retention_seconds > 0) {
      return Fail("--stream-retention applies to the embedded store; a remote store keeps its own");
    }
    auto opened = OpenRemote(options);
    if (!opened.ok()) return Fail(opened.status().message());
    remote = std::move(opened).value();
    where = "backend dynamodb at " + (options.endpoint.empty() ? "AWS" : options.endpoint);
  } else {
    engine::EngineOptions engine_options;
    engine_options.store.sync_writes = options.sync_writes;
    if (options.stream_retention_seconds > 0) {
      engine_options.stream_retention = std::chrono::milliseconds(
          static_cast<int64_t>(options.stream_retention_seconds * 1000));
    }
    auto opened = engine::EmbeddedDynamoDb::Open(options.data, engine_options);
    if (!opened.ok()) return Fail(opened.status().message());
    embedded = std::move(opened).value();
    grouped = std::make_unique<engine::GroupCommitDynamoDb>(*embedded);
    where = "data: " + options.data;
  }
  api::DynamoDb& db = remote ? static_cast<api::DynamoDb&>(*remote) : *grouped;
  server::Metrics metrics(embedded ? std::function<uint64_t()>([raw = embedded.get()] {
                            return raw->ApproximateBytes();
                          })
                                   : nullptr);
  endpoint_options.address = options.listen;
  server::DynamoDbEndpoint dynamodb(db, std::move(endpoint_options), metrics);
  events::EventFeed event_feed(db, options.orders_table);
  orders::OrderStoreOptions store_options;
  store_options.table = options.orders_table;
  // Orders made here are events from the first: the stream comes with the table.
  store_options.on_tables_ready = [&event_feed] { return event_feed.EnsureStream(); };
  orders::OrderStore order_store(db, store_options);
  // A remote store is checked at once, so a wrong endpoint or key fails here;
  // the embedded one creates the orders tables on the first orders request,
  // leaving `purchase` free for the seed's own program on a fresh store.
  if (remote) {
    base::Status tables = order_store.EnsureTables();
    if (!tables.ok()) return Fail(where + ": creating the orders tables: " + tables.message());
  }
  access::KeyStoreOptions key_options;
  key_options.table = options.orders_table + "_keys";
  access::KeyStore keys(db, key_options);
  auto keys_exist = keys.AnyKeys();
  if (!keys_exist.ok()) {
    return Fail(where + ": reading the API keys: " + keys_exist.status().message());
  }
  server::Exposure exposure =
      server::DecideExposure({.address = http_options.address,
                              .rest_keys_exist = *keys_exist,
                              .dynamodb_credentials = !options.credentials_file.empty(),
                              .tls = !options.tls_cert_file.empty(),
                              .insecure = options.insecure});
  if (!exposure.allowed) return Fail(exposure.line);
  access::Authenticator authenticator(keys);
  server::RestAccess rest_access(authenticator, metrics);
  server::OrdersRoutes orders_routes(order_store, event_feed, rest_access, metrics);
  server::Router router(dynamodb, metrics, options.debug_log, &orders_routes,
                        exposure.health_warning, exposure.guard_loopback);
  if (embedded) {
    // Group commit: each worker's writes wait for its answers (http/server.h,
    // engine/write_group.h).
    http_options.on_worker_start = [&] {
      grouped->BindToThisThread(&embedded->NewWriteGroup());
    };
    http_options.before_answers = [&] { return grouped->BoundToThisThread()->Commit(); };
    http_options.unsaved_answer = server::UnsavedAnswer;
  }
  auto server = http::Server::Start(http_options, [&router](const http::Request& r) {
    return router.Handle(r);
  });
  if (!server.ok()) return Fail(server.status().message());

  std::cout << "ordertrack serving on " << (options.tls_cert_file.empty() ? "http" : "https")
            << "://" << http_options.address << ":" << (*server)->port()
            << " (" << where << ")" << std::endl;
  std::cout << exposure.line << std::endl;
  int signal = 0;
  sigwait(&stop_signals, &signal);
  std::cout << "ordertrack: stopping on " << (signal == SIGINT ? "SIGINT" : "SIGTERM") << std::endl;
  (*server)->Stop();
  (*server)->Wait();
  if (embedded) {
    base::Status flushed = embedded->Flush();
    if (!flushed.ok()) return Fail("flushing the store: " + flushed.message());
  }
  return 0;
}

}  // namespace ordertrack::cli
