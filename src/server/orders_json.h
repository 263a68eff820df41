// File: server/orders_json.h
// The orders REST API's JSON: request bodies decoded into domain values and
// orders, pages and counts encoded as the API shows them (statuses as words,
// times in RFC 3339 UTC). With wire/, the only place that includes RapidJSON;
// the CLI uses it too, so `--json` prints what the REST API answers.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "orders/order.h"
#include "orders/order_store.h"

namespace ordertrack::server {

// The body of POST /v1/orders.
struct CreateOrderBody {
  std::string user_id;
  std::string product_id;
};

// Decodes {"user_id": string, "product_id": string}.
// Errors: kSerialization when `body` is not JSON (malformed, or not UTF-8);
// kValidation when it is JSON of the wrong shape: not an object, a field
// missing or not a string, or a field the API does not know. Ids are not
// checked here.
base::Result<CreateOrderBody> ParseCreateOrderBody(std::string_view body);

// Decodes {"status": "completed"} (the body of PATCH /v1/orders/{id}).
// Errors as ParseCreateOrderBody; also kValidation for an unknown status word
// and for any other field ("only status can be changed").
base::Result<orders::OrderStatus> ParseStatusChangeBody(std::string_view body);

// {"order_id","user_id","product_id","status","created","history":[{"status","at"}]}.
std::string OrderJson(const orders::Order& order);
// {"orders":[...],"next_cursor": string or null}.
std::string PageJson(const orders::Page& page);
// {"in_progress":n,"completed":n,"canceled":n,"total":n}.
std::string StatusCountsJson(const orders::StatusCounts& counts);

// `s` as a JSON string literal, quotes included.
std::string JsonString(std::string_view s);

}  // namespace ordertrack::server
