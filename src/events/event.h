// File: events/event.h
// An order event: what happened to an order, derived from one record of the
// orders table's stream. Value types and the derivation only.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "api/streams.h"
#include "orders/order.h"

namespace ordertrack::events {

enum class EventType { kOrderCreated, kOrderStatusChanged };

inline constexpr EventType kAllEventTypes[] = {EventType::kOrderCreated,
                                               EventType::kOrderStatusChanged};

// "order.created", "order.status_changed".
std::string_view TypeName(EventType type);
std::optional<EventType> TypeFromName(std::string_view name);

struct Event {
  // "evt_" and the stream record's eventID: the same on every read.
  std::string id;
  EventType type = EventType::kOrderCreated;
  // When the change was made: its history entry's time, or the record's
  // (whole seconds) for orders written without history.
  orders::Micros created = 0;
  // The order after the change.
  orders::Order order;
  // The status before a status change.
  std::optional<orders::OrderStatus> from;
  // Who made the change (StatusChange::by); empty when nobody was asked.
  std::string by;
  // The feed's position just after this event (EventFeed::Read's `after`).
  std::string cursor;
};

// The event `record` describes, or nullopt when it describes none: a REMOVE,
// an item that is not an order, or a change that left the status as it was.
// REQUIRES: the stream's view type is NEW_AND_OLD_IMAGES.
std::optional<Event> EventOf(const api::Record& record);

}  // namespace ordertrack::events
