#include "base/strings.h"

#include <array>
#include <cstdint>

namespace ordertrack::base {
namespace {

constexpr char kBase64Alphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
constexpr char kBase64UrlAlphabet[] =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

// Maps each byte to its 6-bit value in an alphabet, or to -1.
using DecodeTable = std::array<int8_t, 256>;

constexpr DecodeTable MakeDecodeTable(const char* alphabet) {
  DecodeTable table{};
  for (auto& entry : table) entry = -1;
  for (int i = 0; i < 64; ++i) table[static_cast<unsigned char>(alphabet[i])] = int8_t(i);
  return table;
}
constexpr DecodeTable kBase64Table = MakeDecodeTable(kBase64Alphabet);
constexpr DecodeTable kBase64UrlTable = MakeDecodeTable(kBase64UrlAlphabet);

// Appends the base64 of `bytes` in `alphabet`, with '=' padding when `pad`.
void Encode(std::string_view bytes, const char* alphabet, bool pad, std::string* out) {
  out->reserve(out->size() + (bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t n = (uint32_t(uint8_t(bytes[i])) << 16) | (uint32_t(uint8_t(bytes[i + 1])) << 8) |
                 uint8_t(bytes[i + 2]);
    out->push_back(alphabet[(n >> 18) & 63]);
    out->push_back(alphabet[(n >> 12) & 63]);
    out->push_back(alphabet[(n >> 6) & 63]);
    out->push_back(alphabet[n & 63]);
  }
  size_t rest = bytes.size() - i;
  if (rest == 0) return;
  uint32_t n = uint32_t(uint8_t(bytes[i])) << 16;
  if (rest == 2) n |= uint32_t(uint8_t(bytes[i + 1])) << 8;
  out->push_back(alphabet[(n >> 18) & 63]);
  out->push_back(alphabet[(n >> 12) & 63]);
  if (rest == 2) out->push_back(alphabet[(n >> 6) & 63]);
  if (pad) out->append(rest == 2 ? "=" : "==");
}

// Collects base64 characters, six bits each, into whole bytes.
class SextetReader {
 public:
  explicit SextetReader(std::string* out) : out_(out) {}

  // False, and nothing read, when `c` is not in `table`'s alphabet.
  bool Read(const DecodeTable& table, char c) {
    int8_t value = table[static_cast<unsigned char>(c)];
    if (value < 0) return false;
    acc_ = (acc_ << 6) | uint32_t(value);
    bits_ += 6;
    if (bits_ >= 8) {
      bits_ -= 8;
      out_->push_back(static_cast<char>((acc_ >> bits_) & 0xFF));
    }
    return true;
  }

  // Whether the bits read that do not fill a byte are all 0.
  bool RestIsZero() const { return (acc_ & ((1u << bits_) - 1)) == 0; }

 private:
  std::string* out_;
  uint32_t acc_ = 0;
  int bits_ = 0;
};

}  // namespace

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiToLower(c);
  return out;
}

std::string AsciiUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiToUpper(c);
  return out;
}

bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (AsciiToLower(a[i]) != AsciiToLower(b[i])) return false;
  }
  return true;
}

std::string_view Trim(std::string_view s, std::string_view chars) {
  size_t begin = s.find_first_not_of(chars);
  if (begin == std::string_view::npos) return {};
  return s.substr(begin, s.find_last_not_of(chars) - begin + 1);
}

bool PercentDecode(std::string_view s, std::string* out) {
  out->clear();
  out->reserve(s.size());
  bool well_formed = true;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%') {
      int hi = i + 2 < s.size() ? HexDigitValue(s[i + 1]) : -1;
      int lo = i + 2 < s.size() ? HexDigitValue(s[i + 2]) : -1;
      if (hi >= 0 && lo >= 0) {
        out->push_back(static_cast<char>(hi * 16 + lo));
        i += 2;
        continue;
      }
      well_formed = false;
    }
    out->push_back(s[i]);
  }
  return well_formed;
}

std::string HexEncode(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (unsigned char c : bytes) {
    out.push_back(kHexDigits[c >> 4]);
    out.push_back(kHexDigits[c & 0xf]);
  }
  return out;
}

int HexDigitValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendBase64(std::string_view bytes, std::string* out) {
  Encode(bytes, kBase64Alphabet, /*pad=*/true, out);
}

std::string Base64Encode(std::string_view bytes) {
  std::string out;
  AppendBase64(bytes, &out);
  return out;
}

std::optional<Base64Error> Base64Decode(std::string_view text, std::string* out) {
  using Kind = Base64Error::Kind;
  if (text.size() % 4 != 0) return Base64Error{Kind::kLength};
  out->clear();
  out->reserve(text.size() / 4 * 3);
  size_t padding = 0;
  if (!text.empty() && text.back() == '=') padding = text[text.size() - 2] == '=' ? 2 : 1;
  SextetReader reader(out);
  for (char c : text.substr(0, text.size() - padding)) {
    if (reader.Read(kBase64Table, c)) continue;
    if (c == '=') return Base64Error{Kind::kPadding};
    return Base64Error{Kind::kCharacter, c};
  }
  if (!reader.RestIsZero()) return Base64Error{Kind::kPadding};
  return std::nullopt;
}

std::string Base64UrlEncode(std::string_view bytes) {
  std::string out;
  Encode(bytes, kBase64UrlAlphabet, /*pad=*/false, &out);
  return out;
}

uint64_t Fnv1a64(std::string_view bytes) {
  uint64_t h = 14695981039346656037ull;
  for (unsigned char c : bytes) h = (h ^ c) * 1099511628211ull;
  return h;
}

bool Base64UrlDecode(std::string_view text, std::string* out) {
  out->clear();
  SextetReader reader(out);
  for (char c : text) {
    if (!reader.Read(kBase64UrlTable, c)) return false;
  }
  return true;
}

}  // namespace ordertrack::base
