#include "orders/order.h"

#include <ctime>

#include <fmt/format.h>

#include "base/strings.h"

namespace ordertrack::orders {

std::string_view StatusWord(OrderStatus status) {
  switch (status) {
    case OrderStatus::kInProgress:
      return "in_progress";
    case OrderStatus::kCompleted:
      return "completed";
    case OrderStatus::kCanceled:
      return "canceled";
  }
  return "in_progress";
}

std::optional<OrderStatus> StatusFromWord(std::string_view word) {
  for (OrderStatus s : kAllStatuses) {
    if (StatusWord(s) == word) return s;
  }
  return std::nullopt;
}

std::optional<OrderStatus> StatusFromCode(int64_t code) {
  for (OrderStatus s : kAllStatuses) {
    if (static_cast<int64_t>(s) == code) return s;
  }
  return std::nullopt;
}

bool CanTransition(OrderStatus from, OrderStatus to) {
  return from == OrderStatus::kInProgress && to != OrderStatus::kInProgress;
}

std::string FormatRfc3339(Micros at) {
  int64_t seconds = at >= 0 ? at / 1'000'000 : (at - 999'999) / 1'000'000;
  int64_t micros = at - seconds * 1'000'000;
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, micros);
}

bool IsUuid(std::string_view id) {
  if (id.size() != 36) return false;
  for (size_t i = 0; i < id.size(); ++i) {
    char c = id[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      return false;
    }
  }
  return true;
}

std::string RandomUuid(std::mt19937_64& rng) {
  std::string out;
  for (int i = 0; i < 32; ++i) {
    if (i == 8 || i == 12 || i == 16 || i == 20) out += '-';
    auto nibble = static_cast<int>(rng() & 15);
    if (i == 12) nibble = 4;                 // version 4
    if (i == 16) nibble = 8 | (nibble & 3);  // RFC 4122 variant
    out += base::kHexDigits[nibble];
  }
  return out;
}

}  // namespace ordertrack::orders
