#include "model/attribute_value.h"

#include <algorithm>
#include <array>
#include <cassert>

namespace ordertrack::model {
namespace {

constexpr std::array<std::string_view, 11> kTypeNames = {
    "", "S", "N", "B", "BOOL", "NULL", "M", "L", "SS", "NS", "BS"};

template <typename T>
bool SameElements(std::vector<T> a, std::vector<T> b) {
  if (a.size() != b.size()) return false;
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

void AppendQuoted(std::string_view s, std::string* out) {
  out->push_back('"');
  for (char c : s) {
    if (c == '"' || c == '\\') out->push_back('\\');
    out->push_back(c);
  }
  out->push_back('"');
}

void AppendDebug(const AttributeValue& v, std::string* out) {
  out->append("{\"").append(TypeName(v.type())).append("\":");
  switch (v.type()) {
    case Type::kS:
    case Type::kB:
      AppendQuoted(v.s(), out);
      break;
    case Type::kN:
      AppendQuoted(v.n().ToString(), out);
      break;
    case Type::kBool:
      out->append(v.boolean() ? "true" : "false");
      break;
    case Type::kNull:
      out->append("true");
      break;
    case Type::kM: {
      out->push_back('{');
      bool first = true;
      for (const auto& [name, value] : v.m()) {
        if (!first) out->push_back(',');
        first = false;
        AppendQuoted(name, out);
        out->push_back(':');
        AppendDebug(value, out);
      }
      out->push_back('}');
      break;
    }
    case Type::kL: {
      out->push_back('[');
      for (size_t i = 0; i < v.l().size(); ++i) {
        if (i > 0) out->push_back(',');
        AppendDebug(v.l()[i], out);
      }
      out->push_back(']');
      break;
    }
    case Type::kSS:
    case Type::kBS:
    case Type::kNS: {
      out->push_back('[');
      size_t n = v.is(Type::kNS) ? v.numbers().size() : v.strings().size();
      for (size_t i = 0; i < n; ++i) {
        if (i > 0) out->push_back(',');
        AppendQuoted(v.is(Type::kNS) ? v.numbers()[i].ToString() : v.strings()[i], out);
      }
      out->push_back(']');
      break;
    }
  }
  out->push_back('}');
}

}  // namespace

std::string_view TypeName(Type type) { return kTypeNames[static_cast<size_t>(type)]; }

bool TypeFromName(std::string_view name, Type* type) {
  for (size_t i = 1; i < kTypeNames.size(); ++i) {
    if (kTypeNames[i] == name) {
      *type = static_cast<Type>(i);
      return true;
    }
  }
  return false;
}

AttributeValue AttributeValue::S(std::string s) {
  AttributeValue v;
  v.type_ = Type::kS;
  v.v_ = std::move(s);
  return v;
}
AttributeValue AttributeValue::N(Number n) {
  AttributeValue v;
  v.type_ = Type::kN;
  v.v_ = std::move(n);
  return v;
}
AttributeValue AttributeValue::B(std::string bytes) {
  AttributeValue v;
  v.type_ = Type::kB;
  v.v_ = std::move(bytes);
  return v;
}
AttributeValue AttributeValue::Bool(bool b) {
  AttributeValue v;
  v.type_ = Type::kBool;
  v.v_ = b;
  return v;
}
AttributeValue AttributeValue::Null() { return AttributeValue(); }
AttributeValue AttributeValue::M(Map m) {
  AttributeValue v;
  v.type_ = Type::kM;
  v.v_ = std::move(m);
  return v;
}
AttributeValue AttributeValue::L(List l) {
  AttributeValue v;
  v.type_ = Type::kL;
  v.v_ = std::move(l);
  return v;
}
AttributeValue AttributeValue::SS(std::vector<std::string> strings) {
  AttributeValue v;
  v.type_ = Type::kSS;
  v.v_ = std::move(strings);
  return v;
}
AttributeValue AttributeValue::NS(std::vector<Number> numbers) {
  AttributeValue v;
  v.type_ = Type::kNS;
  v.v_ = std::move(numbers);
  return v;
}
AttributeValue AttributeValue::BS(std::vector<std::string> bytes) {
  AttributeValue v;
  v.type_ = Type::kBS;
  v.v_ = std::move(bytes);
  return v;
}

AttributeValue AttributeValue::NumberFromText(std::string_view text) {
  auto n = Number::Parse(text);
  assert(n.ok());
  return N(std::move(n).value());
}

AttributeValue AttributeValue::NumberFromInt64(int64_t v) { return N(Number::FromInt64(v)); }

bool operator==(const AttributeValue& a, const AttributeValue& b) {
  if (a.type_ != b.type_) return false;
  switch (a.type_) {
    case Type::kSS:
    case Type::kBS:
      return SameElements(a.strings(), b.strings());
    case Type::kNS:
      return SameElements(a.numbers(), b.numbers());
    default:
      return a.v_ == b.v_;
  }
}

std::string AttributeValue::DebugString() const {
  std::string out;
  AppendDebug(*this, &out);
  return out;
}

size_t ValueSize(const AttributeValue& v) {
  switch (v.type()) {
    case Type::kS:
    case Type::kB:
      return v.s().size();
    case Type::kN:
      return v.n().StorageBytes();
    case Type::kBool:
    case Type::kNull:
      return 1;
    case Type::kM: {
      size_t size = 3;
      for (const auto& [name, value] : v.m()) size += name.size() + ValueSize(value) + 1;
      return size;
    }
    case Type::kL: {
      size_t size = 3;
      for (const auto& value : v.l()) size += ValueSize(value) + 1;
      return size;
    }
    case Type::kSS:
    case Type::kBS: {
      size_t size = 0;
      for (const auto& s : v.strings()) size += s.size();
      return size;
    }
    case Type::kNS: {
      size_t size = 0;
      for (const auto& n : v.numbers()) size += n.StorageBytes();
      return size;
    }
  }
  return 0;
}

size_t ItemSize(const Item& item) {
  size_t size = 0;
  for (const auto& [name, value] : item) size += name.size() + ValueSize(value);
  return size;
}

}  // namespace ordertrack::model
