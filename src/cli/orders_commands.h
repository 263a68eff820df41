// File: cli/orders_commands.h
// `ordertrack orders create|get|set-status|user|product|stats`: the toy
// store's orders from the command line, on a data directory (the embedded
// engine) or on a running server (--url), printed as a table or, with
// --json, as the REST API's JSON. Also the store opening that `export` shares.
#pragma once

#include <memory>
#include <ostream>
#include <string>

#include "api/dynamodb.h"
#include "orders/order_store.h"

namespace CLI {
class App;
}

namespace ordertrack::cli {

// Where the orders live: a data directory, or a server's URL when `url` is set.
struct StoreTarget {
  std::string data = "./data";
  std::string url;
};

// Adds --data DIR and --url URL (mutually exclusive) to `command`, bound to
// `*target`, which must outlive parsing.
void AddStoreOptions(CLI::App& command, StoreTarget* target);

// The database and the order store over it, tables ensured.
struct OpenStore {
  std::unique_ptr<api::DynamoDb> db;
  std::unique_ptr<orders::OrderStore> store;  // uses *db
};

// Opens `target`: the embedded engine on the data directory (created when
// missing; kBusy when a server holds it) or the remote client on the URL,
// then creates the orders tables when missing.
base::Result<OpenStore> OpenOrderStore(const StoreTarget& target);

class OrdersCommands {
 public:
  // Adds `orders` and its subcommands to `app`, which must outlive this.
  explicit OrdersCommands(CLI::App& app);
  OrdersCommands(const OrdersCommands&) = delete;
  OrdersCommands& operator=(const OrdersCommands&) = delete;

  // True when the command line named `orders`.
  bool parsed() const;
  // REQUIRES: parsed(). Runs the subcommand: its result on `out`, an error
  // as one line on `err`. Returns the exit code.
  int Run(std::ostream& out, std::ostream& err);

 private:
  base::Status RunParsed(orders::OrderStore& store, std::ostream& out);

  CLI::App* orders_cmd_;
  CLI::App* create_cmd_;
  CLI::App* get_cmd_;
  CLI::App* set_status_cmd_;
  CLI::App* user_cmd_;
  CLI::App* product_cmd_;
  CLI::App* stats_cmd_;
  StoreTarget target_;
  bool json_ = false;
  std::string id_;  // the order, user or product
  std::string user_;
  std::string product_;
  std::string idempotency_key_;
  std::string status_;
  std::string statuses_;  // comma-separated
  int limit_ = 10;
  std::string cursor_;
  bool oldest_ = false;
};

}  // namespace ordertrack::cli
