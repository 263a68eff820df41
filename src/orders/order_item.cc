#include "orders/order_item.h"

#include <fmt/format.h>

namespace ordertrack::orders {
namespace {

using model::AttributeValue;
using model::Item;

base::Status Malformed(const std::string& what) {
  return base::Status(base::ErrorCode::kCorruption, "stored order is malformed: " + what);
}

// Exact microseconds of a decimal number of seconds (extra digits truncated).
base::Result<Micros> MicrosOf(const model::Number& seconds) {
  std::string text = seconds.ToString();
  bool negative = !text.empty() && text[0] == '-';
  if (negative) text.erase(0, 1);
  size_t point = text.find('.');
  std::string whole = text.substr(0, point);
  std::string fraction = point == std::string::npos ? "" : text.substr(point + 1);
  fraction.resize(6, '0');
  if (whole.size() > 12) return Malformed("created out of range");
  Micros micros = std::stoll(whole) * 1'000'000 + std::stoll(fraction);
  return negative ? -micros : micros;
}


}  // namespace

std::string DecimalSeconds(Micros at) {
  return fmt::format("{}.{:06}", at / 1'000'000, at % 1'000'000);
}

std::string StatusCreated(OrderStatus status, Micros created, std::string_view order_id) {
  return fmt::format("{}_{:010}.{:06}_{}", static_cast<int>(status), created / 1'000'000,
                     created % 1'000'000, order_id);
}

std::string StatusPrefix(OrderStatus status) {
  return std::to_string(static_cast<int>(status)) + "_";
}

AttributeValue HistoryEntry(const StatusChange& change) {
  model::Map entry{{"status", AttributeValue::NumberFromInt64(static_cast<int>(change.status))},
                   {"at", AttributeValue::NumberFromInt64(change.at)}};
  if (!change.by.empty()) entry.emplace("by", AttributeValue::S(change.by));
  return AttributeValue::M(std::move(entry));
}

api::CreateTableRequest OrdersTableRequest(const std::string& name) {
  api::CreateTableRequest r;
  r.table_name = name;
  r.billing_mode = model::BillingMode::kPayPerRequest;
  r.key_schema = {{kOrderId, model::KeyType::kHash}};
  r.attribute_definitions = {{kOrderId, model::Type::kS},
                             {kUserId, model::Type::kS},
                             {kProductId, model::Type::kS},
                             {kStatusCreated, model::Type::kS}};
  for (const char* owner : {kUserId, kProductId}) {
    api::GlobalSecondaryIndex gsi;
    gsi.index_name = std::string("for_") + owner;
    gsi.key_schema = {{owner, model::KeyType::kHash}, {kStatusCreated, model::KeyType::kRange}};
    gsi.projection.projection_type = model::ProjectionType::kAll;
    r.global_secondary_indexes.push_back(gsi);
  }
  return r;
}

Item OrderToItem(const Order& order) {
  model::List history;
  for (const auto& change : order.history) history.push_back(HistoryEntry(change));
  return {{kOrderId, AttributeValue::S(order.order_id)},
          {kUserId, AttributeValue::S(order.user_id)},
          {kProductId, AttributeValue::S(order.product_id)},
          {kCreated, AttributeValue::NumberFromText(DecimalSeconds(order.created))},
          {kStatus, AttributeValue::NumberFromInt64(static_cast<int>(order.status))},
          {kStatusCreated, AttributeValue::S(StatusCreated(order.status, order.created, order.order_id))},
          {kHistory, AttributeValue::L(std::move(history))}};
}

base::Result<Order> ItemToOrder(const Item& item) {
  auto text = [&](const char* name) -> const std::string* {
    auto it = item.find(name);
    return it != item.end() && it->second.is(model::Type::kS) ? &it->second.s() : nullptr;
  };
  auto number = [&](const char* name) -> const model::Number* {
    auto it = item.find(name);
    return it != item.end() && it->second.is(model::Type::kN) ? &it->second.n() : nullptr;
  };
  Order order;
  for (auto [field, name] : {std::pair{&order.order_id, kOrderId}, std::pair{&order.user_id, kUserId},
                             std::pair{&order.product_id, kProductId}}) {
    const std::string* value = text(name);
    if (!value) return Malformed(name);
    *field = *value;
  }
  const model::Number* created = number(kCreated);
  if (!created) return Malformed(kCreated);
  OT_ASSIGN_OR_RETURN(order.created, MicrosOf(*created));
  const model::Number* status = number(kStatus);
  auto code = status ? status->ToInt64() : std::nullopt;
  auto parsed = code ? StatusFromCode(*code) : std::nullopt;
  if (!parsed) return Malformed(kStatus);
  order.status = *parsed;
  if (auto it = item.find(kHistory); it != item.end() && it->second.is(model::Type::kL)) {
    for (const auto& entry : it->second.l()) {
      if (!entry.is(model::Type::kM)) return Malformed(kHistory);
      auto s = entry.m().find("status");
      auto at = entry.m().find("at");
      if (s == entry.m().end() || at == entry.m().end() || !s->second.is(model::Type::kN) ||
          !at->second.is(model::Type::kN)) {
        return Malformed(kHistory);
      }
      auto change_status = StatusFromCode(s->second.n().ToInt64().value_or(0));
      auto change_at = at->second.n().ToInt64();
      if (!change_status || !change_at) return Malformed(kHistory);
      std::string by;
      if (auto b = entry.m().find("by"); b != entry.m().end()) {
        if (!b->second.is(model::Type::kS)) return Malformed(kHistory);
        by = b->second.s();
      }
      order.history.push_back({*change_status, *change_at, std::move(by)});
    }
  }
  return order;
}

}  // namespace ordertrack::orders
