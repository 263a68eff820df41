// File: base/result.h
// Result<T>: a value or an error Status (C++20 has no std::expected).
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "base/status.h"

namespace ordertrack::base {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::in_place_index<1>, std::move(value)) {}  // NOLINT: implicit on purpose
  // REQUIRES: !status.ok().
  Result(Status status) : v_(std::in_place_index<0>, std::move(status)) {  // NOLINT
    assert(!std::get<0>(v_).ok());
  }

  bool ok() const { return v_.index() == 1; }
  // OK when a value is held.
  Status status() const { return ok() ? Status() : std::get<0>(v_); }

  // REQUIRES: ok().
  T& value() & { return std::get<1>(v_); }
  const T& value() const& { return std::get<1>(v_); }
  T&& value() && { return std::get<1>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

 private:
  std::variant<Status, T> v_;
};

}  // namespace ordertrack::base

#define OT_CONCAT_INNER_(a, b) a##b
#define OT_CONCAT_(a, b) OT_CONCAT_INNER_(a, b)

// `lhs` = the value of `rexpr` (a Result), or return its Status. It expands
// to several statements: brace it inside an unbraced if.
#define OT_ASSIGN_OR_RETURN(lhs, rexpr) \
  OT_ASSIGN_OR_RETURN_IMPL_(OT_CONCAT_(ot_result_, __LINE__), lhs, rexpr)
#define OT_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                              \
  if (!tmp.ok()) return tmp.status();              \
  lhs = std::move(tmp).value()
