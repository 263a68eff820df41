// The ordertrack program: the composition root, and the only place that
// chooses which api::DynamoDb implementation the rest runs on.
#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>
#include <random>

#include "cli/export.h"
#include "cli/keys_commands.h"
#include "cli/orders_commands.h"
#include "cli/seed_demo.h"
#include "cli/serve.h"
#include "engine/embedded_dynamodb.h"

namespace {

using ordertrack::engine::EmbeddedDynamoDb;

int Fail(const ordertrack::base::Status& s) {
  std::cerr << "ordertrack: " << s.ToString() << "\n";
  return 1;
}

int RunDemo(const std::string& data_dir, bool json, unsigned seed) {
  std::string dir = data_dir;
  std::filesystem::path temp;
  if (dir.empty()) {
    temp = std::filesystem::temp_directory_path() / ("ordertrack-demo-" + std::to_string(std::random_device()()));
    dir = temp.string();
  }
  int rc = 0;
  {
    auto db = EmbeddedDynamoDb::Open(dir);
    if (!db.ok()) return Fail(db.status());
    auto result = ordertrack::cli::RunSeedDemo(**db, seed);
    if (!result.ok()) {
      rc = Fail(result.status());
    } else {
      ordertrack::cli::PrintOrders(*result, json, std::cout);
    }
  }
  if (!temp.empty()) std::filesystem::remove_all(temp);
  return rc;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"ordertrack: order tracking for an online toy store, on an embedded DynamoDB-compatible store"};
  app.require_subcommand(1);
  // Bad arguments get one line on stderr (CLI11's default adds a second).
  app.failure_message([](const CLI::App*, const CLI::Error& e) {
    std::string message = e.what();
    for (char& c : message) {
      if (c == '\n') c = ' ';
    }
    return "ordertrack: " + message + " (see --help)\n";
  });

  auto* demo = app.add_subcommand("demo", "Run the seed's demo: 20 random orders, then the seed's queries");
  std::string data_dir;
  bool json = false;
  unsigned seed = std::random_device()();
  demo->add_option("--data", data_dir, "Data directory (default: a temporary one, removed after)");
  demo->add_flag("--json", json, "Print JSON instead of a table");
  demo->add_option("--seed", seed, "Random seed, for a repeatable run");

  auto* serve = app.add_subcommand("serve", "Serve the DynamoDB API over HTTP on the embedded store");
  ordertrack::cli::ServeOptions serve_options;
  serve->add_option("--listen", serve_options.listen, "Address to listen on, HOST:PORT")
      ->capture_default_str();
  serve->add_option("--data", serve_options.data, "Data directory, created if missing")
      ->capture_default_str();
  serve->add_option("--credentials", serve_options.credentials_file,
                    "File of 'ACCESS_KEY_ID SECRET' lines; requests must then be SigV4-signed")
      ->check(CLI::ExistingFile);
  auto* tls_cert = serve->add_option("--tls-cert", serve_options.tls_cert_file,
                                     "PEM certificate chain: serve HTTPS only (needs --tls-key)")
                       ->check(CLI::ExistingFile);
  auto* tls_key = serve->add_option("--tls-key", serve_options.tls_key_file,
                                    "PEM private key, unencrypted, of --tls-cert's certificate")
                      ->check(CLI::ExistingFile);
  tls_cert->needs(tls_key);
  tls_key->needs(tls_cert);
  serve->add_option("--threads", serve_options.threads, "Worker threads (default: one per core)")
      ->check(CLI::NonNegativeNumber);
  serve->add_flag("--debug", serve_options.debug_log, "Log one JSON line per request to stderr");
  serve->add_option("--backend", serve_options.backend,
                    "embedded (RocksDB in --data) or dynamodb (a remote DynamoDB-compatible table)")
      ->check(CLI::IsMember({"embedded", "dynamodb"}))
      ->capture_default_str();
  serve->add_option("--endpoint", serve_options.endpoint,
                    "With --backend dynamodb: the store's URL (default: AWS's regional endpoint)");
  serve->add_option("--region", serve_options.region,
                    "With --backend dynamodb: the AWS region (default: AWS_REGION, then the config)");
  serve->add_option("--table", serve_options.orders_table,
                    "Table of the orders REST API, created with its indexes when missing")
      ->capture_default_str();
  serve->add_flag("--insecure", serve_options.insecure,
                  "Serve a non-loopback address although an API is open to anyone who reaches it "
                  "(no API keys, or no --credentials)");
  serve->add_option("--stream-retention", serve_options.stream_retention_seconds,
                    "Seconds the embedded store keeps stream records (default: 86400, as DynamoDB)")
      ->check(CLI::PositiveNumber);
  serve->add_flag("--sync", serve_options.sync_writes,
                  "Sync the write-ahead log on every write (survives power loss)");

  ordertrack::cli::OrdersCommands orders(app);
  ordertrack::cli::ExportCommand export_command(app);
  ordertrack::cli::KeysCommands keys(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  if (demo->parsed()) return RunDemo(data_dir, json, seed);
  if (serve->parsed()) return ordertrack::cli::Serve(serve_options);
  if (orders.parsed()) return orders.Run(std::cout, std::cerr);
  if (export_command.parsed()) return export_command.Run();
  if (keys.parsed()) return keys.Run(std::cout, std::cerr);
  return 0;
}
