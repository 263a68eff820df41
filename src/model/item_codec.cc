#include "model/item_codec.h"

namespace ordertrack::model {
namespace {

void PutVarint(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>(v | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

void PutBytes(std::string_view bytes, std::string* out) {
  PutVarint(bytes.size(), out);
  out->append(bytes);
}

void EncodeValue(const AttributeValue& v, std::string* out);

void EncodeMap(const Map& m, std::string* out) {
  PutVarint(m.size(), out);
  for (const auto& [name, value] : m) {
    PutBytes(name, out);
    EncodeValue(value, out);
  }
}

void EncodeValue(const AttributeValue& v, std::string* out) {
  out->push_back(static_cast<char>(v.type()));
  switch (v.type()) {
    case Type::kS:
    case Type::kB:
      PutBytes(v.s(), out);
      break;
    case Type::kN:
      PutBytes(v.n().ToString(), out);
      break;
    case Type::kBool:
      out->push_back(v.boolean() ? 1 : 0);
      break;
    case Type::kNull:
      break;
    case Type::kM:
      EncodeMap(v.m(), out);
      break;
    case Type::kL:
      PutVarint(v.l().size(), out);
      for (const auto& e : v.l()) EncodeValue(e, out);
      break;
    case Type::kSS:
    case Type::kBS:
      PutVarint(v.strings().size(), out);
      for (const auto& s : v.strings()) PutBytes(s, out);
      break;
    case Type::kNS:
      PutVarint(v.numbers().size(), out);
      for (const auto& n : v.numbers()) PutBytes(n.ToString(), out);
      break;
  }
}

// Reads from a byte string, remembering the first failure.
class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}

  bool ok() const { return ok_; }
  bool done() const { return in_.empty(); }
  void Fail() { ok_ = false; }

  uint64_t Varint() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64 && !in_.empty(); shift += 7) {
      auto byte = static_cast<uint8_t>(in_.front());
      in_.remove_prefix(1);
      v |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if ((byte & 0x80) == 0) return v;
    }
    ok_ = false;
    return 0;
  }

  std::string_view Bytes() {
    uint64_t n = Varint();
    if (!ok_ || n > in_.size()) {
      ok_ = false;
      return {};
    }
    std::string_view out = in_.substr(0, n);
    in_.remove_prefix(n);
    return out;
  }

  uint8_t Byte() {
    if (in_.empty()) {
      ok_ = false;
      return 0;
    }
    auto b = static_cast<uint8_t>(in_.front());
    in_.remove_prefix(1);
    return b;
  }

 private:
  std::string_view in_;
  bool ok_ = true;
};

AttributeValue DecodeValue(Reader& r, int depth);

Map DecodeMap(Reader& r, int depth) {
  Map m;
  uint64_t count = r.Varint();
  for (uint64_t i = 0; i < count && r.ok(); ++i) {
    std::string name(r.Bytes());
    AttributeValue value = DecodeValue(r, depth + 1);
    m.emplace_hint(m.end(), std::move(name), std::move(value));
  }
  return m;
}

Number DecodeNumber(Reader& r) {
  auto n = Number::Parse(r.Bytes());
  if (!n.ok()) {
    r.Fail();
    return Number();
  }
  return std::move(n).value();
}

std::vector<std::string> DecodeStrings(Reader& r) {
  std::vector<std::string> out;
  uint64_t count = r.Varint();
  for (uint64_t i = 0; i < count && r.ok(); ++i) out.emplace_back(r.Bytes());
  return out;
}

AttributeValue DecodeValue(Reader& r, int depth) {
  // Stored items were validated to 32 levels; deeper means corruption.
  if (depth > 64) {
    r.Fail();
    return {};
  }
  switch (static_cast<Type>(r.Byte())) {
    case Type::kS:
      return AttributeValue::S(std::string(r.Bytes()));
    case Type::kB:
      return AttributeValue::B(std::string(r.Bytes()));
    case Type::kN:
      return AttributeValue::N(DecodeNumber(r));
    case Type::kBool:
      return AttributeValue::Bool(r.Byte() != 0);
    case Type::kNull:
      return AttributeValue::Null();
    case Type::kM:
      return AttributeValue::M(DecodeMap(r, depth));
    case Type::kL: {
      List l;
      uint64_t count = r.Varint();
      for (uint64_t i = 0; i < count && r.ok(); ++i) l.push_back(DecodeValue(r, depth + 1));
      return AttributeValue::L(std::move(l));
    }
    case Type::kSS:
      return AttributeValue::SS(DecodeStrings(r));
    case Type::kBS:
      return AttributeValue::BS(DecodeStrings(r));
    case Type::kNS: {
      std::vector<Number> numbers;
      uint64_t count = r.Varint();
      for (uint64_t i = 0; i < count && r.ok(); ++i) numbers.push_back(DecodeNumber(r));
      return AttributeValue::NS(std::move(numbers));
    }
  }
  r.Fail();
  return {};
}

}  // namespace

void EncodeItem(const Item& item, std::string* out) { EncodeMap(item, out); }

std::string EncodeItem(const Item& item) {
  std::string out;
  EncodeMap(item, &out);
  return out;
}

base::Result<Item> DecodeItem(std::string_view bytes) {
  Reader r(bytes);
  Item item = DecodeMap(r, 0);
  if (!r.ok() || !r.done()) {
    return base::Status(base::ErrorCode::kCorruption, "stored item is not decodable");
  }
  return item;
}

}  // namespace ordertrack::model
