// File: server/rest_json.h
// The REST API's JSON (orders and keys): request bodies decoded into domain values and
// orders, pages and counts encoded as the API shows them (statuses as words,
// times in RFC 3339 UTC). With wire/, the only place that includes RapidJSON;
// the CLI uses it too, so `--json` prints what the REST API answers.
#pragma once

#include <string>
#include <string_view>

#include "access/key_store.h"
#include "base/result.h"
#include "events/feed.h"
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

// {"order_id","user_id","product_id","status","created",
//  "history":[{"status","at","by": key name or null}]}.
std::string OrderJson(const orders::Order& order);
// {"orders":[...],"next_cursor": string or null}.
std::string PageJson(const orders::Page& page);
// {"events":[{"id","type","created","from": status or null,"to","by": key
//  name or null,"order": OrderJson,"cursor"}],"next_cursor": string or null}.
std::string EventPageJson(const events::EventPage& page);
// {"in_progress":n,"completed":n,"canceled":n,"total":n}.
std::string StatusCountsJson(const orders::StatusCounts& counts);

// The body of POST /v1/keys.
struct CreateKeyBody {
  std::string name;
  access::Role role = access::Role::kReader;
};

// Decodes {"name": string, "role": "reader"|"writer"|"admin"}; errors as
// ParseCreateOrderBody, and kValidation for an unknown role. The name is
// not checked here.
base::Result<CreateKeyBody> ParseCreateKeyBody(std::string_view body);

// A key as the REST API shows it: times in RFC 3339 UTC, empty for null;
// the token only in the answer that created it.
struct KeyView {
  std::string name;
  std::string role;
  std::string created;
  std::string last_used;
  std::string revoked;
  std::string token;
  bool operator==(const KeyView&) const = default;
};
KeyView ViewOf(const access::KeyInfo& key);

// {"name","role","created","last_used","revoked"} (null when unset), and
// "token" when it is set.
std::string KeyJson(const KeyView& key);
// {"keys":[...]}.
std::string KeyListJson(const std::vector<KeyView>& keys);
// The inverses, for the command line on a server's answers. kSerialization
// for anything else.
base::Result<KeyView> ParseKeyJson(std::string_view body);
base::Result<std::vector<KeyView>> ParseKeyListJson(std::string_view body);

// The "detail" of a problem+json answer; empty when it has none.
std::string ProblemDetail(std::string_view body);

// `s` as a JSON string literal, quotes included.
std::string JsonString(std::string_view s);

}  // namespace ordertrack::server
