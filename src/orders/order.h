// File: orders/order.h
// The toy store's order as the domain sees it: statuses and their legal
// transitions, timestamps, the order with its history. Value types only.
#pragma once

#include <cstdint>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace ordertrack::orders {

// The seed's codes. DO NOT CHANGE: stored in order_status and order_status_created.
enum class OrderStatus : int { kInProgress = 101, kCompleted = 201, kCanceled = 301 };

inline constexpr OrderStatus kAllStatuses[] = {OrderStatus::kInProgress, OrderStatus::kCompleted,
                                              OrderStatus::kCanceled};

// "in_progress", "completed", "canceled".
std::string_view StatusWord(OrderStatus status);
std::optional<OrderStatus> StatusFromWord(std::string_view word);
std::optional<OrderStatus> StatusFromCode(int64_t code);

// in_progress -> completed and in_progress -> canceled; the rest are final.
bool CanTransition(OrderStatus from, OrderStatus to);

// Microseconds since the Unix epoch, UTC.
using Micros = int64_t;

// RFC 3339 UTC with microseconds, ending in Z: "2026-11-25T12:00:00.000123Z".
std::string FormatRfc3339(Micros at);

struct StatusChange {
  OrderStatus status = OrderStatus::kInProgress;
  Micros at = 0;
  // Who made the change: a REST key's name, "cli:<user>" for the command
  // line, or empty when nobody was asked (an open server, the seed's code).
  std::string by;
  bool operator==(const StatusChange&) const = default;
};

struct Order {
  std::string order_id;
  std::string user_id;
  std::string product_id;
  Micros created = 0;
  OrderStatus status = OrderStatus::kInProgress;
  // Oldest first; starts with the creation. Orders the seed's own code wrote
  // have none until their first change here.
  std::vector<StatusChange> history;
  bool operator==(const Order&) const = default;
};

// True for a canonical lower-case UUID ("8-4-4-4-12" hex digits).
bool IsUuid(std::string_view id);

// A random (version 4) UUID in IsUuid's form, from 32 draws of `rng`.
std::string RandomUuid(std::mt19937_64& rng);

}  // namespace ordertrack::orders
