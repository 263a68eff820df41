#include "events/event.h"

#include "orders/order_item.h"

namespace ordertrack::events {

std::string_view TypeName(EventType type) {
  switch (type) {
    case EventType::kOrderCreated:
      return "order.created";
    case EventType::kOrderStatusChanged:
      return "order.status_changed";
  }
  return "";
}

std::optional<EventType> TypeFromName(std::string_view name) {
  for (EventType type : kAllEventTypes) {
    if (TypeName(type) == name) return type;
  }
  return std::nullopt;
}

std::optional<Event> EventOf(const api::Record& record) {
  const api::StreamRecord& r = record.dynamodb;
  if (record.event_name == api::EventName::kRemove || !r.new_image) return std::nullopt;
  base::Result<orders::Order> after = orders::ItemToOrder(*r.new_image);
  if (!after.ok()) return std::nullopt;
  Event event;
  if (record.event_name == api::EventName::kModify) {
    if (!r.old_image) return std::nullopt;
    base::Result<orders::Order> before = orders::ItemToOrder(*r.old_image);
    if (!before.ok() || before->status == after->status) return std::nullopt;
    event.type = EventType::kOrderStatusChanged;
    event.from = before->status;
  }
  event.id = "evt_" + record.event_id;
  event.created = static_cast<orders::Micros>(r.approximate_creation_date_time * 1e6);
  if (!after->history.empty() && after->history.back().status == after->status) {
    event.created = after->history.back().at;
    event.by = after->history.back().by;
  }
  event.order = std::move(after).value();
  return event;
}

}  // namespace ordertrack::events
