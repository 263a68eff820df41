// File: cli/serve.h
// `ordertrack serve`: the DynamoDB API and the orders REST API (/v1/...) on
// one port over HTTP or HTTPS, on the embedded engine or a remote table,
// until SIGTERM or SIGINT.
#pragma once

#include <string>

namespace ordertrack::cli {

struct ServeOptions {
  std::string listen = "127.0.0.1:8010";
  std::string data = "./data";
  std::string credentials_file;  // empty: accept unsigned requests
  std::string tls_cert_file;     // both set: HTTPS only (http::ServerOptions)
  std::string tls_key_file;
  int threads = 0;               // 0: one per core
  bool debug_log = false;
  bool sync_writes = false;
  std::string orders_table = "purchase";  // the orders REST API's table
  std::string backend = "embedded";       // or "dynamodb": a remote table, no local data
  std::string endpoint;                   // --backend dynamodb: empty means AWS's regional one
  std::string region;                     // --backend dynamodb: empty means AWS_REGION etc.
  bool insecure = false;  // serve a non-loopback address with an API unprotected
  // How long the embedded store keeps stream records; 0: DynamoDB's 24 hours.
  double stream_retention_seconds = 0;
};

// Serves until a stop signal; returns the process exit code. Prints one line
// to stderr and returns non-zero when it cannot start.
int Serve(const ServeOptions& options);

}  // namespace ordertrack::cli
