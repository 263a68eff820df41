#include "cli/orders_commands.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <pwd.h>
#include <unistd.h>

#include "client/remote_dynamodb.h"
#include "engine/embedded_dynamodb.h"
#include "events/feed.h"
#include "server/rest_json.h"

namespace ordertrack::cli {
namespace {

// Checks an id on the command line, so a bad one fails with the usage errors.
const CLI::Validator& UuidCheck() {
  static const CLI::Validator check(
      [](std::string& value) {
        return orders::IsUuid(value) ? std::string()
                                     : "'" + value + "' is not a UUID (8-4-4-4-12 lower-case hex)";
      },
      "UUID");
  return check;
}

// "in_progress,completed" -> statuses; StatusListCheck has refused unknown words.
std::set<orders::OrderStatus> ParseStatuses(const std::string& list) {
  std::set<orders::OrderStatus> out;
  size_t start = 0;
  while (start <= list.size()) {
    size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    if (auto s = orders::StatusFromWord(std::string_view(list).substr(start, comma - start))) {
      out.insert(*s);
    }
    start = comma + 1;
  }
  return out;
}

const CLI::Validator& StatusListCheck() {
  static const CLI::Validator check(
      [](std::string& value) {
        std::string_view rest = value;
        while (true) {
          size_t comma = rest.find(',');
          std::string_view word = rest.substr(0, comma);
          if (!orders::StatusFromWord(word)) {
            return "unknown status '" + std::string(word) +
                   "': expected in_progress, completed or canceled";
          }
          if (comma == std::string_view::npos) return std::string();
          rest.remove_prefix(comma + 1);
        }
      },
      "STATUS[,STATUS...]");
  return check;
}

void PrintOrder(const orders::Order& order, std::ostream& out) {
  out << fmt::format(
      "order_id    {}\nuser_id     {}\nproduct_id  {}\nstatus      {}\ncreated     {}\n",
      order.order_id, order.user_id, order.product_id, orders::StatusWord(order.status),
      orders::FormatRfc3339(order.created));
  const char* label = "history     ";
  for (const orders::StatusChange& change : order.history) {
    out << fmt::format("{}{:<12} {}  {}\n", label, orders::StatusWord(change.status),
                       orders::FormatRfc3339(change.at), change.by.empty() ? "-" : change.by);
    label = "            ";
  }
}

// One line per order; the owner's own id column is left out.
void PrintPage(const orders::Page& page, bool by_user, std::ostream& out) {
  if (page.orders.empty()) {
    out << "(no orders)\n";
  } else {
    out << fmt::format("{:<36}  {:<36}  {:<11}  {}\n", "ORDER_ID",
                       by_user ? "PRODUCT_ID" : "USER_ID", "STATUS", "CREATED");
    for (const orders::Order& o : page.orders) {
      out << fmt::format("{:<36}  {:<36}  {:<11}  {}\n", o.order_id,
                         by_user ? o.product_id : o.user_id, orders::StatusWord(o.status),
                         orders::FormatRfc3339(o.created));
    }
  }
  if (page.next_cursor) out << "next page: --cursor " << *page.next_cursor << "\n";
}

// Who the command line's changes are recorded as made by: "cli:" and the
// login name (key names never contain ':').
std::string CommandLineActor() {
  const passwd* user = getpwuid(geteuid());
  return std::string("cli:") + (user != nullptr ? user->pw_name : std::to_string(geteuid()));
}

void PrintCounts(const orders::StatusCounts& c, std::ostream& out) {
  out << fmt::format("in_progress  {}\ncompleted    {}\ncanceled     {}\ntotal        {}\n",
                     c.in_progress, c.completed, c.canceled,
                     c.in_progress + c.completed + c.canceled);
}

}  // namespace

void AddStoreOptions(CLI::App& command, StoreTarget* target) {
  CLI::Option* data =
      command.add_option("--data", target->data, "Data directory of the embedded store")
          ->capture_default_str();
  CLI::Option* url = command.add_option(
      "--url", target->url,
      "A running server (or any DynamoDB endpoint), e.g. http://127.0.0.1:8010; signed with the "
      "AWS credentials of the environment when there are any");
  data->excludes(url);
  url->excludes(data);
}

base::Result<OpenStore> OpenOrderStore(const StoreTarget& target) {
  OpenStore open;
  if (target.url.empty()) {
    auto db = engine::EmbeddedDynamoDb::Open(target.data);
    if (!db.ok()) return db.status();
    open.db = std::move(db).value();
  } else {
    client::Environment env = client::ProcessEnvironment();
    client::RemoteOptions options;
    options.endpoint = target.url;
    auto credentials = client::ResolveCredentials(env);
    if (!credentials.ok()) return credentials.status();
    options.credentials = *credentials;
    options.region = client::ResolveRegion(env).value_or("us-east-1");
    options.http.ca_file = client::ResolveCaBundle(env).value_or("");
    auto db = client::RemoteDynamoDb::Create(std::move(options));
    if (!db.ok()) return db.status();
    open.db = std::move(db).value();
  }
  orders::OrderStoreOptions options;
  // Orders made here are events too: the stream comes with the table.
  options.on_tables_ready = [db = open.db.get(), table = options.table] {
    return events::EventFeed(*db, table).EnsureStream();
  };
  open.store = std::make_unique<orders::OrderStore>(*open.db, std::move(options));
  base::Status tables = open.store->EnsureTables();
  if (!tables.ok()) return tables;
  return open;
}

OrdersCommands::OrdersCommands(CLI::App& app) {
  orders_cmd_ =
      app.add_subcommand("orders", "Create, change, list and count the toy store's orders");
  orders_cmd_->require_subcommand(1);
  auto common = [this](CLI::App* command) {
    AddStoreOptions(*command, &target_);
    command->add_flag("--json", json_, "Print the REST API's JSON instead of a table");
    return command;
  };

  create_cmd_ = common(orders_cmd_->add_subcommand("create", "Create an in_progress order"));
  create_cmd_->add_option("--user", user_, "The buyer's id (a UUID)")
      ->required()
      ->check(UuidCheck());
  create_cmd_->add_option("--product", product_, "The toy's id (a UUID)")
      ->required()
      ->check(UuidCheck());
  create_cmd_->add_option(
      "--idempotency-key", idempotency_key_,
      "Retrying with the same key returns the first order instead of a new one");

  get_cmd_ = common(orders_cmd_->add_subcommand("get", "Show an order with its history"));
  get_cmd_->add_option("id", id_, "The order's id")->required()->check(UuidCheck());

  set_status_cmd_ = common(orders_cmd_->add_subcommand(
      "set-status", "Move an order to completed or canceled (the current status is a no-op)"));
  set_status_cmd_->add_option("id", id_, "The order's id")->required()->check(UuidCheck());
  set_status_cmd_->add_option("status", status_, "in_progress, completed or canceled")
      ->required()
      ->check(CLI::IsMember({"in_progress", "completed", "canceled"}));

  auto listing = [&](const char* name, const char* help, const char* default_statuses) {
    CLI::App* command = common(orders_cmd_->add_subcommand(name, help));
    command->add_option("id", id_, "The id (a UUID)")->required()->check(UuidCheck());
    command
        ->add_option("--status", statuses_,
                     std::string("Statuses, comma-separated (default: ") + default_statuses + ")")
        ->check(StatusListCheck());
    command->add_option("--limit", limit_, "Orders per page")
        ->capture_default_str()
        ->check(CLI::Range(1, 100));
    command->add_option("--cursor", cursor_,
                        "Resume after a previous page (its 'next page' cursor)");
    command->add_flag("--oldest", oldest_, "Oldest first (default: newest first)");
    return command;
  };
  user_cmd_ = listing("user", "A user's orders, newest first", "in_progress,completed");
  product_cmd_ = listing("product", "A product's orders, newest first", "in_progress");

  stats_cmd_ = common(
      orders_cmd_->add_subcommand("stats", "Count a user's or a product's orders by status"));
  CLI::Option* by_user =
      stats_cmd_->add_option("--user", user_, "The user's id")->check(UuidCheck());
  CLI::Option* by_product =
      stats_cmd_->add_option("--product", product_, "The product's id")->check(UuidCheck());
  by_user->excludes(by_product);
  by_product->excludes(by_user);
  stats_cmd_->callback([by_user, by_product] {
    if (by_user->count() == 0 && by_product->count() == 0) {
      throw CLI::ValidationError("stats needs --user ID or --product ID");
    }
  });
}

bool OrdersCommands::parsed() const { return orders_cmd_->parsed(); }

int OrdersCommands::Run(std::ostream& out, std::ostream& err) {
  base::Status status;
  auto open = OpenOrderStore(target_);
  if (open.ok()) {
    status = RunParsed(*open->store, out);
  } else {
    status = open.status();
  }
  if (!status.ok()) {
    err << "ordertrack orders: " << status.ToString() << "\n";
    return 1;
  }
  return 0;
}

base::Status OrdersCommands::RunParsed(orders::OrderStore& store, std::ostream& out) {
  auto print_order = [&](const base::Result<orders::Order>& order) {
    if (!order.ok()) return order.status();
    if (json_) {
      out << server::OrderJson(*order) << "\n";
    } else {
      PrintOrder(*order, out);
    }
    return base::Status();
  };
  if (create_cmd_->parsed()) {
    std::optional<std::string> key;
    if (!idempotency_key_.empty()) key = idempotency_key_;
    return print_order(store.Create(user_, product_, CommandLineActor(), key));
  }
  if (get_cmd_->parsed()) return print_order(store.Get(id_));
  if (set_status_cmd_->parsed())
    return print_order(store.SetStatus(id_, *orders::StatusFromWord(status_), CommandLineActor()));
  if (user_cmd_->parsed() || product_cmd_->parsed()) {
    bool by_user = user_cmd_->parsed();
    orders::ListOptions options;
    options.statuses = ParseStatuses(statuses_);
    options.limit = limit_;
    options.cursor = cursor_;
    options.newest_first = !oldest_;
    auto page = by_user ? store.ListByUser(id_, options) : store.ListByProduct(id_, options);
    if (!page.ok()) return page.status();
    if (json_) {
      out << server::PageJson(*page) << "\n";
    } else {
      PrintPage(*page, by_user, out);
    }
    return base::Status();
  }
  if (stats_cmd_->parsed()) {
    auto counts = user_.empty() ? store.CountByProduct(product_) : store.CountByUser(user_);
    if (!counts.ok()) return counts.status();
    if (json_) {
      out << server::StatusCountsJson(*counts) << "\n";
    } else {
      PrintCounts(*counts, out);
    }
    return base::Status();
  }
  return base::InternalError("no orders subcommand was parsed");
}

}  // namespace ordertrack::cli
