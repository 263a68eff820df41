#include "server/events_routes.h"

#include <fmt/format.h>

#include "server/internal/rest_responses.h"
#include "server/rest_json.h"

namespace ordertrack::server {
namespace {

std::optional<http::Response> ParseEventsQuery(std::string_view query,
                                               events::ReadRequest* out) {
  bool seen_after = false, seen_limit = false, seen_types = false;
  return ForEachQueryParameter(query, [&](const std::string& name, const std::string& value)
                                          -> std::optional<http::Response> {
    if (name == "after") {
      if (auto r = Once(name, &seen_after)) return r;
      out->after = value;
    } else if (name == "limit") {
      if (auto r = Once(name, &seen_limit)) return r;
      return ParseCount(name, value, events::kMaxReadLimit, &out->limit);
    } else if (name == "types") {
      if (auto r = Once(name, &seen_types)) return r;
      return ForEachListItem(value, [&](std::string_view word) -> std::optional<http::Response> {
        auto type = events::TypeFromName(word);
        if (!type) {
          return Unprocessable(fmt::format(
              "unknown event type {} in 'types': expected order.created or order.status_changed",
              Quoted(word)));
        }
        out->types.insert(*type);
        return std::nullopt;
      });
    } else if (name == "wait") {
      return Unprocessable("'wait' (long polling) is not supported yet");
    }
    return std::nullopt;
  });
}

}  // namespace

http::Response ListEvents(events::EventFeed& feed, std::string_view query) {
  events::ReadRequest request;
  if (auto bad = ParseEventsQuery(query, &request)) return *bad;
  auto page = feed.Read(request);
  if (!page.ok()) return StoreProblem(page.status());
  return Json(200, EventPageJson(*page));
}

}  // namespace ordertrack::server
