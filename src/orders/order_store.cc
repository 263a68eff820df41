#include "orders/order_store.h"

#include <algorithm>
#include <random>

#include "api/ensure_table.h"
#include "base/clock.h"
#include "orders/internal/cursor.h"
#include "orders/order_item.h"

namespace ordertrack::orders {
namespace {

using model::AttributeValue;
using model::Item;

constexpr char kIdempotencyKey[] = "idempotency_key";
constexpr char kExpires[] = "expires";
constexpr int64_t kIdempotencySeconds = 24 * 3600;

std::string NewOrderId() {
  thread_local std::mt19937_64 rng(std::random_device{}());
  return orders::RandomUuid(rng);
}

AttributeValue Str(std::string s) { return AttributeValue::S(std::move(s)); }

base::Status CheckUuid(std::string_view what, const std::string& id) {
  if (IsUuid(id)) return base::Status();
  return base::ValidationError(std::string(what) + " must be a lower-case UUID, got '" + id + "'");
}

// Orders in output order: by creation time, then id; newest first reverses both.
bool Before(const Order& a, const Order& b, bool newest_first) {
  auto ka = std::tie(a.created, a.order_id);
  auto kb = std::tie(b.created, b.order_id);
  return newest_first ? kb < ka : ka < kb;
}

}  // namespace

// One of the two global indexes a listing reads.
struct OrderStore::IndexSpec {
  const char* index_name;
  const char* owner_attribute;
  char tag;  // binds cursors to the listing: 'u' or 'p'
  std::set<OrderStatus> default_statuses;
};

OrderStore::OrderStore(api::DynamoDb& db, OrderStoreOptions options)
    : db_(db), options_(std::move(options)), idempotency_table_(options_.table + "_idempotency") {
  if (!options_.now) options_.now = base::UnixMicros;
  if (!options_.new_id) options_.new_id = NewOrderId;
}

base::Status OrderStore::EnsureTables() {
  OT_RETURN_IF_ERROR(api::CreateTableIfMissing(db_, OrdersTableRequest(options_.table)));
  api::CreateTableRequest idempotency;
  idempotency.table_name = idempotency_table_;
  idempotency.billing_mode = model::BillingMode::kPayPerRequest;
  idempotency.key_schema = {{kIdempotencyKey, model::KeyType::kHash}};
  idempotency.attribute_definitions = {{kIdempotencyKey, model::Type::kS}};
  OT_RETURN_IF_ERROR(api::CreateTableIfMissing(db_, idempotency));
  OT_ASSIGN_OR_RETURN(auto ttl, db_.DescribeTimeToLive({idempotency_table_}));
  if (ttl.time_to_live_status == "DISABLED") {
    auto enabled = db_.UpdateTimeToLive({idempotency_table_, {true, kExpires}});
    // A store without time to live (dynalite) keeps idempotency records forever.
    if (!enabled.ok() && enabled.status().code() != base::ErrorCode::kUnknownOperation) {
      return enabled.status();
    }
  }
  if (options_.on_tables_ready) OT_RETURN_IF_ERROR(options_.on_tables_ready());
  ready_ = true;
  return base::Status();
}

base::Status OrderStore::Ready() {
  if (ready_.load(std::memory_order_acquire)) return base::Status();
  std::lock_guard lock(ready_mu_);
  if (ready_) return base::Status();
  return EnsureTables();
}

base::Result<Order> OrderStore::Create(const std::string& user_id, const std::string& product_id,
                                       const std::string& by,
                                       const std::optional<std::string>& idempotency_key,
                                       bool* created_now) {
  OT_RETURN_IF_ERROR(CheckUuid("user_id", user_id));
  OT_RETURN_IF_ERROR(CheckUuid("product_id", product_id));
  if (idempotency_key && (idempotency_key->empty() || idempotency_key->size() > 255)) {
    return base::ValidationError("Idempotency-Key must be 1 to 255 characters");
  }
  OT_RETURN_IF_ERROR(Ready());
  Order order;
  order.order_id = options_.new_id();
  order.user_id = user_id;
  order.product_id = product_id;
  order.created = options_.now();
  order.status = OrderStatus::kInProgress;
  order.history = {{OrderStatus::kInProgress, order.created, by}};
  if (created_now) *created_now = true;

  // A new id must not replace an order that already has it.
  const std::string new_order_only = "attribute_not_exists(order_id)";
  if (!idempotency_key) {
    api::PutItemRequest put;
    put.table_name = options_.table;
    put.item = OrderToItem(order);
    put.condition.condition_expression = new_order_only;
    OT_RETURN_IF_ERROR(db_.PutItem(put).status());
    return order;
  }
  // The order and its idempotency record are written together or not at all.
  api::TransactPut put_order;
  put_order.table_name = options_.table;
  put_order.item = OrderToItem(order);
  put_order.condition_expression = new_order_only;
  api::TransactPut put_key;
  put_key.table_name = idempotency_table_;
  put_key.item = {{kIdempotencyKey, Str(*idempotency_key)},
                  {kOrderId, Str(order.order_id)},
                  {kUserId, Str(user_id)},
                  {kProductId, Str(product_id)},
                  {kExpires, AttributeValue::NumberFromInt64(order.created / 1'000'000 +
                                                             kIdempotencySeconds)}};
  put_key.condition_expression = "attribute_not_exists(idempotency_key)";
  api::TransactWriteItemsRequest transaction;
  transaction.transact_items = {put_order, put_key};
  auto written = db_.TransactWriteItems(transaction);
  if (written.ok()) return order;
  auto* reasons = dynamic_cast<const api::CancellationReasons*>(written.status().details());
  if (reasons == nullptr || reasons->reasons.size() != 2 ||
      reasons->reasons[1].code != "ConditionalCheckFailed") {
    return written.status();
  }
  // The key was used before: the same request gets the same order back.
  api::GetItemRequest get;
  get.table_name = idempotency_table_;
  get.key = {{kIdempotencyKey, Str(*idempotency_key)}};
  get.consistent_read = true;
  OT_ASSIGN_OR_RETURN(auto record, db_.GetItem(get));
  if (!record.item) return base::InternalError("idempotency record vanished");
  if (record.item->at(kUserId) != Str(user_id) || record.item->at(kProductId) != Str(product_id)) {
    return base::ValidationError("Idempotency-Key " + *idempotency_key +
                                 " was already used for a different order request");
  }
  if (created_now) *created_now = false;
  return Get(record.item->at(kOrderId).s());
}

base::Result<Order> OrderStore::Get(const std::string& order_id) {
  OT_RETURN_IF_ERROR(CheckUuid("order_id", order_id));
  OT_RETURN_IF_ERROR(Ready());
  api::GetItemRequest get;
  get.table_name = options_.table;
  get.key = {{kOrderId, Str(order_id)}};
  get.consistent_read = true;
  OT_ASSIGN_OR_RETURN(auto got, db_.GetItem(get));
  if (!got.item) return base::NotFoundError("order " + order_id + " not found");
  return ItemToOrder(*got.item);
}

base::Result<Order> OrderStore::SetStatus(const std::string& order_id, OrderStatus status,
                                          const std::string& by) {
  for (int attempt = 0; attempt < options_.max_attempts; ++attempt) {
    OT_ASSIGN_OR_RETURN(Order current, Get(order_id));
    if (current.status == status) return current;
    if (!CanTransition(current.status, status)) {
      return base::Status(base::ErrorCode::kConditionalCheckFailed,
                          "order " + order_id + " is " + std::string(StatusWord(current.status)) +
                              " and cannot become " + std::string(StatusWord(status)));
    }
    // One conditional write on the status just read: of concurrent changes,
    // exactly one wins; the others read again and see the new status.
    const Micros now = options_.now();
    api::UpdateItemRequest update;
    update.table_name = options_.table;
    update.key = {{kOrderId, Str(order_id)}};
    update.update_expression =
        "SET #status = :new, #status_created = :status_created, "
        "#history = list_append(if_not_exists(#history, :empty), :change)";
    update.condition.condition_expression = "#status = :current";
    update.expression.expression_attribute_names = model::ExpressionAttributeNames{
        {"#status", kStatus}, {"#status_created", kStatusCreated}, {"#history", kHistory}};
    update.expression.expression_attribute_values = model::ExpressionAttributeValues{
        {":new", AttributeValue::NumberFromInt64(static_cast<int>(status))},
        {":status_created", Str(StatusCreated(status, current.created, order_id))},
        {":empty", AttributeValue::L({})},
        {":change", AttributeValue::L({HistoryEntry({status, now, by})})},
        {":current", AttributeValue::NumberFromInt64(static_cast<int>(current.status))}};
    update.options.return_values = api::ReturnValue::kAllNew;
    auto updated = db_.UpdateItem(update);
    if (updated.ok()) return ItemToOrder(*updated->attributes);
    if (updated.status().code() != base::ErrorCode::kConditionalCheckFailed) return updated.status();
  }
  return base::Status(base::ErrorCode::kConditionalCheckFailed,
                      "order " + order_id + " is changing concurrently; try again");
}

base::Result<Page> OrderStore::ListByUser(const std::string& user_id, const ListOptions& options) {
  static const IndexSpec kSpec{"for_user_id", kUserId, 'u',
                               {OrderStatus::kInProgress, OrderStatus::kCompleted}};
  OT_RETURN_IF_ERROR(CheckUuid("user_id", user_id));
  return List(kSpec, user_id, options);
}

base::Result<Page> OrderStore::ListByProduct(const std::string& product_id,
                                             const ListOptions& options) {
  static const IndexSpec kSpec{"for_product_id", kProductId, 'p', {OrderStatus::kInProgress}};
  OT_RETURN_IF_ERROR(CheckUuid("product_id", product_id));
  return List(kSpec, product_id, options);
}

base::Result<Page> OrderStore::List(const IndexSpec& index, const std::string& owner_id,
                                    const ListOptions& options) {
  if (options.limit < 1 || options.limit > 100) {
    return base::ValidationError("limit must be between 1 and 100, got " +
                                 std::to_string(options.limit));
  }
  const std::set<OrderStatus>& statuses =
      options.statuses.empty() ? index.default_statuses : options.statuses;
  std::string listing = std::string(1, index.tag) + ":" + owner_id + "|";
  for (OrderStatus s : statuses) listing += std::to_string(static_cast<int>(s)) + ",";
  listing += options.newest_first ? "|newest" : "|oldest";
  ListCursor cursor{listing, {}};
  if (!options.cursor.empty()) {
    OT_ASSIGN_OR_RETURN(cursor, DecodeCursor(options.cursor, listing));
  }
  OT_RETURN_IF_ERROR(Ready());

  // Read up to `limit` orders of each status from where the cursor left it,
  // then merge them by time.
  struct Run {
    OrderStatus status;
    std::vector<Order> orders;
    std::vector<std::string> index_keys;  // each order's order_status_created, as stored
    bool more = false;  // the index holds more of this status after `orders`
    size_t used = 0;
  };
  std::vector<Run> runs;
  for (OrderStatus status : statuses) {
    auto& position = cursor.positions[status];
    if (position.exhausted) continue;
    api::QueryRequest q;
    q.read.table_name = options_.table;
    q.read.index_name = index.index_name;
    q.key_condition_expression = "#owner = :owner AND begins_with(#status_created, :prefix)";
    q.read.expression.expression_attribute_names = model::ExpressionAttributeNames{
        {"#owner", index.owner_attribute}, {"#status_created", kStatusCreated}};
    q.read.expression.expression_attribute_values = model::ExpressionAttributeValues{
        {":owner", Str(owner_id)}, {":prefix", Str(StatusPrefix(status))}};
    // One more than a page: a status with no more orders is then known to be
    // finished without a further, empty query.
    q.read.limit = options.limit + 1;
    q.scan_index_forward = !options.newest_first;
    if (!position.order_id.empty()) {
      q.read.exclusive_start_key = Item{{kOrderId, Str(position.order_id)},
                                        {index.owner_attribute, Str(owner_id)},
                                        {kStatusCreated, Str(position.status_created)}};
    }
    OT_ASSIGN_OR_RETURN(auto page, db_.Query(q));
    Run run{status, {}, {}, page.last_evaluated_key.has_value()};
    for (const auto& item : page.items) {
      OT_ASSIGN_OR_RETURN(Order order, ItemToOrder(item));
      run.orders.push_back(std::move(order));
      run.index_keys.push_back(item.at(kStatusCreated).s());
    }
    runs.push_back(std::move(run));
  }

  // A run cut short (more in the index than it read) bounds the merge: no
  // order after its last read one may be returned before the rest is read.
  const Order* bound = nullptr;
  for (const auto& run : runs) {
    if (run.more && !run.orders.empty() &&
        (bound == nullptr || Before(run.orders.back(), *bound, options.newest_first))) {
      bound = &run.orders.back();
    }
  }
  Page out;
  while (static_cast<int>(out.orders.size()) < options.limit) {
    Run* next = nullptr;
    for (auto& run : runs) {
      if (run.used < run.orders.size() &&
          (next == nullptr ||
           Before(run.orders[run.used], next->orders[next->used], options.newest_first))) {
        next = &run;
      }
    }
    if (next == nullptr) break;
    const Order& order = next->orders[next->used];
    if (bound != nullptr && Before(*bound, order, options.newest_first)) break;
    out.orders.push_back(order);
    ++next->used;
  }

  bool finished = true;
  for (const auto& run : runs) {
    auto& position = cursor.positions[run.status];
    if (run.used > 0) {
      position.order_id = run.orders[run.used - 1].order_id;
      position.status_created = run.index_keys[run.used - 1];
    }
    position.exhausted = run.used == run.orders.size() && !run.more;
    finished = finished && position.exhausted;
  }
  if (!finished) out.next_cursor = EncodeCursor(cursor);
  return out;
}

base::Result<StatusCounts> OrderStore::CountByUser(const std::string& user_id) {
  static const IndexSpec kSpec{"for_user_id", kUserId, 'u', {}};
  OT_RETURN_IF_ERROR(CheckUuid("user_id", user_id));
  return Count(kSpec, user_id);
}

base::Result<StatusCounts> OrderStore::CountByProduct(const std::string& product_id) {
  static const IndexSpec kSpec{"for_product_id", kProductId, 'p', {}};
  OT_RETURN_IF_ERROR(CheckUuid("product_id", product_id));
  return Count(kSpec, product_id);
}

base::Result<StatusCounts> OrderStore::Count(const IndexSpec& index, const std::string& owner_id) {
  OT_RETURN_IF_ERROR(Ready());
  StatusCounts counts;
  for (OrderStatus status : kAllStatuses) {
    api::QueryRequest q;
    q.read.table_name = options_.table;
    q.read.index_name = index.index_name;
    q.read.select = api::Select::kCount;
    q.key_condition_expression = "#owner = :owner AND begins_with(#status_created, :prefix)";
    q.read.expression.expression_attribute_names = model::ExpressionAttributeNames{
        {"#owner", index.owner_attribute}, {"#status_created", kStatusCreated}};
    q.read.expression.expression_attribute_values = model::ExpressionAttributeValues{
        {":owner", Str(owner_id)}, {":prefix", Str(StatusPrefix(status))}};
    int64_t total = 0;
    do {
      OT_ASSIGN_OR_RETURN(auto page, db_.Query(q));
      total += page.count;
      q.read.exclusive_start_key = page.last_evaluated_key;
    } while (q.read.exclusive_start_key);
    switch (status) {
      case OrderStatus::kInProgress:
        counts.in_progress = total;
        break;
      case OrderStatus::kCompleted:
        counts.completed = total;
        break;
      case OrderStatus::kCanceled:
        counts.canceled = total;
        break;
    }
  }
  return counts;
}

base::Status OrderStore::ExportAll(const std::function<base::Status(const Order&)>& sink,
                                   const std::function<void(int64_t, int64_t)>& progress) {
  OT_RETURN_IF_ERROR(Ready());
  int64_t total = 0;
  if (progress) {
    OT_ASSIGN_OR_RETURN(auto described, db_.DescribeTable({options_.table}));
    total = described.item_count;
  }
  api::ScanRequest scan;
  scan.read.table_name = options_.table;
  int64_t done = 0;
  do {
    OT_ASSIGN_OR_RETURN(auto page, db_.Scan(scan));
    for (const auto& item : page.items) {
      OT_ASSIGN_OR_RETURN(Order order, ItemToOrder(item));
      OT_RETURN_IF_ERROR(sink(order));
      ++done;
    }
    if (progress) progress(done, std::max(total, done));
    scan.read.exclusive_start_key = page.last_evaluated_key;
  } while (scan.read.exclusive_start_key);
  return base::Status();
}

}  // namespace ordertrack::orders
