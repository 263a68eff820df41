// File: model/attribute_value.h
// AttributeValue: one DynamoDB value of any type (S N B BOOL NULL M L SS NS BS),
// and Item, a map from attribute name to value. Values are regular types:
// copyable, movable, compared by DynamoDB's rules (numbers by value, sets as sets).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "model/number.h"

namespace ordertrack::model {

// DO NOT CHANGE THESE VALUES: they are persisted in item encodings
// (model/item_codec.h) and, as key and attribute definition types, in the
// catalog (engine/catalog_codec.cc). Both decoders refuse values outside the
// range; a new value goes at the end, and into their ranges.
enum class Type : uint8_t {
  kS = 1,
  kN = 2,
  kB = 3,
  kBool = 4,
  kNull = 5,
  kM = 6,
  kL = 7,
  kSS = 8,
  kNS = 9,
  kBS = 10,
};

// "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS".
std::string_view TypeName(Type type);
// The inverse of TypeName; false when `name` names no type.
bool TypeFromName(std::string_view name, Type* type);

class AttributeValue;
using Map = std::map<std::string, AttributeValue, std::less<>>;
using List = std::vector<AttributeValue>;
using Item = Map;

class AttributeValue {
 public:
  // NULL.
  AttributeValue() = default;

  static AttributeValue S(std::string s);
  static AttributeValue N(Number n);
  static AttributeValue B(std::string bytes);
  static AttributeValue Bool(bool b);
  static AttributeValue Null();
  static AttributeValue M(Map m);
  static AttributeValue L(List l);
  // Sets keep the order given; duplicates and emptiness are checked by
  // ValidateValue (model/validation.h), not here.
  static AttributeValue SS(std::vector<std::string> strings);
  static AttributeValue NS(std::vector<Number> numbers);
  static AttributeValue BS(std::vector<std::string> bytes);

  // Test and tool convenience: N from text. REQUIRES: `text` parses.
  static AttributeValue NumberFromText(std::string_view text);
  // N holding exactly `v`: what code that stores counts and times writes.
  static AttributeValue NumberFromInt64(int64_t v);

  Type type() const { return type_; }
  bool is(Type t) const { return type_ == t; }
  bool is_set() const { return type_ == Type::kSS || type_ == Type::kNS || type_ == Type::kBS; }

  // REQUIRES: type S or B.
  const std::string& s() const { return std::get<std::string>(v_); }
  // REQUIRES: type N.
  const Number& n() const { return std::get<Number>(v_); }
  // REQUIRES: type BOOL.
  bool boolean() const { return std::get<bool>(v_); }
  // REQUIRES: type M.
  const Map& m() const { return std::get<Map>(v_); }
  Map& mutable_m() { return std::get<Map>(v_); }
  // REQUIRES: type L.
  const List& l() const { return std::get<List>(v_); }
  List& mutable_l() { return std::get<List>(v_); }
  // REQUIRES: type SS or BS.
  const std::vector<std::string>& strings() const { return std::get<std::vector<std::string>>(v_); }
  std::vector<std::string>& mutable_strings() { return std::get<std::vector<std::string>>(v_); }
  // REQUIRES: type NS.
  const std::vector<Number>& numbers() const { return std::get<std::vector<Number>>(v_); }
  std::vector<Number>& mutable_numbers() { return std::get<std::vector<Number>>(v_); }

  // DynamoDB equality: same type and value; numbers by value; sets
  // regardless of element order; maps and lists element by element.
  friend bool operator==(const AttributeValue& a, const AttributeValue& b);

  // A short human-readable form for messages and tests, e.g. {"S":"x"}.
  std::string DebugString() const;

 private:
  Type type_ = Type::kNull;
  std::variant<std::monostate, bool, std::string, Number, Map, List, std::vector<std::string>,
               std::vector<Number>>
      v_;
};

// DynamoDB's size of a value in bytes, as it counts toward the 400 KB item
// limit and the 1 MB page: strings and binaries by length, numbers by
// significant digits, 1 byte for BOOL and NULL, 3 bytes plus 1 per element
// for M and L (plus element names and values).
size_t ValueSize(const AttributeValue& v);
// The item's size: for each attribute, the name's length plus ValueSize.
size_t ItemSize(const Item& item);

}  // namespace ordertrack::model
