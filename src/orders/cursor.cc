#include "orders/internal/cursor.h"

#include <cstdint>

#include "base/strings.h"

namespace ordertrack::orders {
namespace {

// Layout: 'c' '1' varint-string listing, byte count, then per status:
// int status code (2 bytes), byte exhausted, varint-string status_created,
// varint-string order_id; then a 4-byte check of everything before.
constexpr char kMagic[] = "c1";

uint32_t Check(std::string_view bytes) {
  // FNV-1a over a fixed prefix and the bytes: enough to tell ours from noise.
  uint32_t h = 2166136261u;
  for (unsigned char c : std::string_view("ordertrack-cursor")) h = (h ^ c) * 16777619u;
  for (unsigned char c : bytes) h = (h ^ c) * 16777619u;
  return h;
}

void PutString(std::string_view s, std::string* out) {
  size_t n = s.size();
  while (n >= 0x80) {
    out->push_back(static_cast<char>(n | 0x80));
    n >>= 7;
  }
  out->push_back(static_cast<char>(n));
  out->append(s);
}

bool GetString(std::string_view* in, std::string* out) {
  size_t n = 0;
  for (int shift = 0; shift < 35; shift += 7) {
    if (in->empty()) return false;
    auto byte = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    n |= static_cast<size_t>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      if (n > in->size()) return false;
      out->assign(in->substr(0, n));
      in->remove_prefix(n);
      return true;
    }
  }
  return false;
}

}  // namespace

std::string EncodeCursor(const ListCursor& cursor) {
  std::string bytes = kMagic;
  PutString(cursor.listing, &bytes);
  bytes.push_back(static_cast<char>(cursor.positions.size()));
  for (const auto& [status, position] : cursor.positions) {
    int code = static_cast<int>(status);
    bytes.push_back(static_cast<char>(code >> 8));
    bytes.push_back(static_cast<char>(code & 0xff));
    bytes.push_back(position.exhausted ? 1 : 0);
    PutString(position.status_created, &bytes);
    PutString(position.order_id, &bytes);
  }
  uint32_t check = Check(bytes);
  for (int i = 3; i >= 0; --i) bytes.push_back(static_cast<char>((check >> (8 * i)) & 0xff));
  return base::Base64UrlEncode(bytes);
}

base::Result<ListCursor> DecodeCursor(std::string_view text, std::string_view listing) {
  auto invalid = [] { return base::ValidationError("The cursor is not valid for this listing"); };
  std::string bytes;
  if (text.size() > 4096 || !base::Base64UrlDecode(text, &bytes) || bytes.size() < 7) {
    return invalid();
  }
  std::string_view body(bytes.data(), bytes.size() - 4);
  uint32_t check = 0;
  for (size_t i = body.size(); i < bytes.size(); ++i) {
    check = (check << 8) | static_cast<uint8_t>(bytes[i]);
  }
  if (check != Check(body) || body.substr(0, 2) != kMagic) return invalid();
  std::string_view in = body.substr(2);
  ListCursor cursor;
  if (!GetString(&in, &cursor.listing) || cursor.listing != listing || in.empty()) return invalid();
  size_t count = static_cast<uint8_t>(in.front());
  in.remove_prefix(1);
  for (size_t i = 0; i < count; ++i) {
    if (in.size() < 3) return invalid();
    int code = (static_cast<uint8_t>(in[0]) << 8) | static_cast<uint8_t>(in[1]);
    auto status = StatusFromCode(code);
    if (!status) return invalid();
    ListCursor::Position position;
    position.exhausted = in[2] != 0;
    in.remove_prefix(3);
    if (!GetString(&in, &position.status_created) || !GetString(&in, &position.order_id)) {
      return invalid();
    }
    cursor.positions[*status] = std::move(position);
  }
  if (!in.empty()) return invalid();
  return cursor;
}

}  // namespace ordertrack::orders
