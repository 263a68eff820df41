// File: model/number.h
// Number: DynamoDB's exact decimal number type (attribute type N). Up to 38
// significant digits; magnitude from 1E-130 to 9.9999999999999999999999999999999999999E+125,
// or zero. Compared by value, so "1.0" equals "1" and "-0" equals "0".
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace ordertrack::model {

class Number {
 public:
  // Zero.
  Number() = default;

  // Parses DynamoDB's number syntax: optional sign, digits with an optional
  // decimal point, optional exponent (e/E, optional sign, digits); leading and
  // trailing zeros are insignificant. Errors (ValidationException) use
  // DynamoDB's messages, e.g. "Attempting to store more than 38 significant
  // digits in a Number", "Number overflow. Attempting to store a number with
  // magnitude larger than supported range", "Number underflow. Attempting to
  // store a number with magnitude smaller than supported range", and for
  // text that is not a number "The parameter cannot be converted to a numeric value: <text>".
  static base::Result<Number> Parse(std::string_view text);
  static Number FromInt64(int64_t value);

  // Canonical text: plain notation without exponent, no leading zeros (except
  // "0." before a fraction), no trailing fractional zeros, "-" for negatives,
  // "0" for zero. Parse(ToString()) == *this.
  std::string ToString() const;

  bool is_zero() const { return digits_.empty(); }
  bool negative() const { return negative_; }
  // Number of significant digits (0 for zero).
  size_t significant_digits() const { return digits_.size(); }

  // Value order.
  std::strong_ordering operator<=>(const Number& other) const;
  bool operator==(const Number& other) const = default;

  // Exact sum and difference, never rounded. A result that does not fit
  // DynamoDB's limits gets Parse's underflow or overflow error; one that
  // needs more than 38 digits gets the overflow message too, as DynamoDB's
  // arithmetic answers (ScyllaDB's test_update_expression_plus_imprecise).
  base::Result<Number> Add(const Number& other) const;
  base::Result<Number> Subtract(const Number& other) const;

  // The value as an int64 when it is an integer within range.
  std::optional<int64_t> ToInt64() const;

  // DynamoDB's size of a number value in bytes: 1 + ceil(significant digits / 2)
  // (its documented approximation; zero counts as 1 + 1).
  size_t StorageBytes() const;

  // Appends a byte string whose memcmp order equals the numeric order of
  // numbers, and which no encoding of another number has as a proper prefix.
  void AppendOrderedKey(std::string* out) const;

 private:
  // value = (negative_ ? -1 : 1) * 0.d1 d2 ... dn * 10^exponent_, with
  // digits_ = "d1...dn", d1 != '0' and dn != '0'. Zero: digits_ empty,
  // negative_ false, exponent_ 0.
  bool negative_ = false;
  int32_t exponent_ = 0;
  std::string digits_;
};

}  // namespace ordertrack::model
