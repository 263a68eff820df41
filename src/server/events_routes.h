// File: server/events_routes.h
// The REST API's order events, for readers (OrdersRoutes matches the route
// and admits the caller first):
//
//   GET /v1/events?after=CURSOR&limit=N&types=a,b
//       {"events":[...],"next_cursor"}: the events after the cursor (from the
//       oldest kept without one), oldest first; limit 1..100, default 10;
//       types order.created and order.status_changed, default both. 410 Gone
//       for a cursor older than the stream's retention, 422 for a malformed
//       cursor, one of another table, an unknown type or a limit out of range.
#pragma once

#include <string_view>

#include "events/feed.h"
#include "http/server.h"

namespace ordertrack::server {

http::Response ListEvents(events::EventFeed& feed, std::string_view query);

}  // namespace ordertrack::server
