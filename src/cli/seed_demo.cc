#include "cli/seed_demo.h"

#include <chrono>
#include <iomanip>
#include <random>

#include "orders/order.h"

namespace ordertrack::cli {
namespace {

using model::AttributeValue;
using model::Item;

constexpr int kInProgress = 101;
constexpr int kCompleted = 201;
constexpr int kCanceled = 301;
constexpr const char* kTable = "purchase";

api::CreateTableRequest SeedTable() {
  api::CreateTableRequest r;
  r.table_name = kTable;
  r.key_schema = {{"order_id", model::KeyType::kHash}};
  r.attribute_definitions = {{"order_id", model::Type::kS},
                             {"user_id", model::Type::kS},
                             {"product_id", model::Type::kS},
                             {"order_status_created", model::Type::kS}};
  r.provisioned_throughput = model::ProvisionedThroughput{1, 1};
  for (const char* key : {"user_id", "product_id"}) {
    api::GlobalSecondaryIndex gsi;
    gsi.index_name = std::string("for_") + key;
    gsi.key_schema = {{key, model::KeyType::kHash}, {"order_status_created", model::KeyType::kRange}};
    gsi.provisioned_throughput = model::ProvisionedThroughput{1, 1};
    r.global_secondary_indexes.push_back(gsi);
  }
  return r;
}

std::string StatusCreated(int status, const std::string& created) {
  return std::to_string(status) + "_" + created;
}

// The seed's update_order_status: GetItem, then UpdateItem with ReturnValues ALL_NEW.
base::Status UpdateOrderStatus(api::DynamoDb& db, const std::string& order_id, int status) {
  api::GetItemRequest get;
  get.table_name = kTable;
  get.key = {{"order_id", AttributeValue::S(order_id)}};
  OT_ASSIGN_OR_RETURN(auto got, db.GetItem(get));
  if (!got.item) return base::NotFoundError("order " + order_id + " not found");
  api::UpdateItemRequest update;
  update.table_name = kTable;
  update.key = get.key;
  update.update_expression =
      "SET order_status = :order_status, order_status_created = :order_status_created";
  update.expression.expression_attribute_values = model::Map{
      {":order_status", AttributeValue::N(model::Number::FromInt64(status))},
      {":order_status_created",
       AttributeValue::S(StatusCreated(status, got.item->at("created").n().ToString()))}};
  update.options.return_values = api::ReturnValue::kAllNew;
  return db.UpdateItem(update).status();
}

// The seed's queries: legacy KeyConditions, BETWEEN "<lo>_0" and "<hi>_0".
base::Result<std::vector<Item>> SeedQuery(api::DynamoDb& db, const char* index, const char* key,
                                          const std::string& value, int low, int high) {
  api::QueryRequest q;
  q.read.table_name = kTable;
  q.read.index_name = index;
  q.key_conditions = model::LegacyConditions{
      {key, {model::ComparisonOperator::kEq, {AttributeValue::S(value)}}},
      {"order_status_created",
       {model::ComparisonOperator::kBetween,
        {AttributeValue::S(std::to_string(low) + "_0"), AttributeValue::S(std::to_string(high) + "_0")}}}};
  q.read.limit = 10;
  OT_ASSIGN_OR_RETURN(auto page, db.Query(q));
  return page.items;
}

std::string Cell(const Item& item, const char* name) {
  auto it = item.find(name);
  if (it == item.end()) return "";
  return it->second.is(model::Type::kN) ? it->second.n().ToString() : it->second.s();
}

std::string StatusWord(const Item& item) {
  std::string code = Cell(item, "order_status");
  if (code == "101") return "in_progress";
  if (code == "201") return "completed";
  if (code == "301") return "canceled";
  return code;
}

void PrintTable(const char* title, const std::vector<Item>& orders, std::ostream& out) {
  out << title << " (" << orders.size() << ")\n";
  out << std::left << std::setw(38) << "order_id" << std::setw(38) << "user_id" << std::setw(38)
      << "product_id" << std::setw(13) << "status" << "created\n";
  for (const auto& o : orders) {
    out << std::setw(38) << Cell(o, "order_id") << std::setw(38) << Cell(o, "user_id")
        << std::setw(38) << Cell(o, "product_id") << std::setw(13) << StatusWord(o)
        << Cell(o, "created") << "\n";
  }
}

void PrintJsonArray(const std::vector<Item>& orders, std::ostream& out) {
  out << "[";
  for (size_t i = 0; i < orders.size(); ++i) {
    const Item& o = orders[i];
    out << (i ? "," : "") << "{\"order_id\":\"" << Cell(o, "order_id") << "\",\"user_id\":\""
        << Cell(o, "user_id") << "\",\"product_id\":\"" << Cell(o, "product_id")
        << "\",\"status\":\"" << StatusWord(o) << "\",\"created\":" << Cell(o, "created") << "}";
  }
  out << "]";
}

}  // namespace

base::Result<SeedDemoResult> RunSeedDemo(api::DynamoDb& db, unsigned seed) {
  auto created = db.CreateTable(SeedTable());
  if (!created.ok() && created.status().code() != base::ErrorCode::kResourceInUse) {
    return created.status();
  }
  std::mt19937_64 rng(seed);
  std::vector<std::string> users, products;
  for (int i = 0; i < 10; ++i) products.push_back(orders::RandomUuid(rng));
  for (int i = 0; i < 10; ++i) users.push_back(orders::RandomUuid(rng));
  const int statuses[] = {kInProgress, kCompleted, kCanceled};
  for (int i = 0; i < 20; ++i) {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    std::string created = std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(now).count());
    created.insert(created.size() - 6, ".");
    std::string order_id = orders::RandomUuid(rng);
    api::PutItemRequest put;
    put.table_name = kTable;
    put.item = {{"order_id", AttributeValue::S(order_id)},
                {"user_id", AttributeValue::S(users[rng() % users.size()])},
                {"product_id", AttributeValue::S(products[rng() % products.size()])},
                {"created", AttributeValue::NumberFromText(created)},
                {"order_status", AttributeValue::N(model::Number::FromInt64(kInProgress))},
                {"order_status_created", AttributeValue::S(StatusCreated(kInProgress, created))}};
    OT_RETURN_IF_ERROR(db.PutItem(put).status());
    OT_RETURN_IF_ERROR(UpdateOrderStatus(db, order_id, statuses[rng() % 3]));
  }
  SeedDemoResult result;
  OT_ASSIGN_OR_RETURN(result.user_orders, SeedQuery(db, "for_user_id", "user_id", users[0],
                                                    kInProgress - 1, kCompleted + 1));
  OT_ASSIGN_OR_RETURN(result.product_orders_in_progress,
                      SeedQuery(db, "for_product_id", "product_id", products[0], kInProgress - 1,
                                kInProgress + 1));
  return result;
}

void PrintOrders(const SeedDemoResult& result, bool json, std::ostream& out) {
  if (json) {
    out << "{\"user_orders\":";
    PrintJsonArray(result.user_orders, out);
    out << ",\"product_orders_in_progress\":";
    PrintJsonArray(result.product_orders_in_progress, out);
    out << "}\n";
    return;
  }
  PrintTable("The first user's orders, in progress and completed", result.user_orders, out);
  out << "\n";
  PrintTable("The first product's orders in progress", result.product_orders_in_progress, out);
}

}  // namespace ordertrack::cli
