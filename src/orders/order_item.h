// File: orders/order_item.h
// How an order is stored: the seed's attributes (order_id, user_id,
// product_id, created, order_status, order_status_created) plus history.
//
// order_status_created is "<status>_<seconds>.<microseconds>_<order id>"
// with ten second digits and six fraction digits: it sorts by (status, time)
// for any time from 2001 to 2286, orders of the same microsecond by id on
// every store (DynamoDB leaves the order of equal index keys open), and it
// begins with the seed's own "<status>_<created>" form, so orders the seed
// wrote ("101_1428791681.123") sort among ours and its BETWEEN "100_0" AND
// "202_0" queries still work.
#pragma once

#include <string>

#include "api/tables.h"
#include "base/result.h"
#include "model/attribute_value.h"
#include "orders/order.h"

namespace ordertrack::orders {

inline constexpr char kOrderId[] = "order_id";
inline constexpr char kUserId[] = "user_id";
inline constexpr char kProductId[] = "product_id";
inline constexpr char kCreated[] = "created";
inline constexpr char kStatus[] = "order_status";
inline constexpr char kStatusCreated[] = "order_status_created";
inline constexpr char kHistory[] = "history";

// "<seconds>.<6 digits>", exact.
std::string DecimalSeconds(Micros at);
// "<status>_<DecimalSeconds(created)>_<order_id>".
std::string StatusCreated(OrderStatus status, Micros created, std::string_view order_id);
// "<status>_": the begins_with prefix of one status in an index.
std::string StatusPrefix(OrderStatus status);

// The seed's table under `name`: key order_id, global indexes for_user_id and
// for_product_id on (owner, order_status_created) projecting ALL, on-demand.
api::CreateTableRequest OrdersTableRequest(const std::string& name);

model::AttributeValue HistoryEntry(const StatusChange& change);
model::Item OrderToItem(const Order& order);
// Reads items written by this code or by the seed's. Corruption when an
// attribute is missing or malformed.
base::Result<Order> ItemToOrder(const model::Item& item);

}  // namespace ordertrack::orders
