// File: wire/json_writer.h
// JsonWriter, a rapidjson::Writer that appends straight to a std::string (no
// intermediate DOM, no second copy), with string_view helpers. Not in
// internal/: server/rest_json.cc writes the orders API's JSON with its
// StringSink, the one use of RapidJSON outside wire/ (docs/architecture.md).
#pragma once

#include <rapidjson/writer.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace ordertrack::wire {

// A rapidjson output stream over a std::string.
class StringSink {
 public:
  using Ch = char;
  explicit StringSink(std::string* out) : out_(out) {}
  void Put(char c) { out_->push_back(c); }
  void Flush() {}
  // `text` between double quotes, as it is.
  void PutQuoted(std::string_view text) {
    out_->push_back('"');
    out_->append(text);
    out_->push_back('"');
  }

 private:
  std::string* out_;
};

// Holds the sink so that it is built before the Writer base that points to it.
struct SinkHolder {
  explicit SinkHolder(std::string* out) : sink(out) {}
  StringSink sink;
};

class JsonWriter : private SinkHolder, public rapidjson::Writer<StringSink> {
 public:
  // REQUIRES: *out outlives the writer. Appends to *out.
  explicit JsonWriter(std::string* out) : SinkHolder(out), rapidjson::Writer<StringSink>(sink) {}

  void Name(std::string_view key) { Str(key); }
  // Strings that need no escaping (ids, names, numbers: nearly all of them)
  // are appended whole; rapidjson's own path writes a character at a time,
  // which was most of the cost of encoding a Query page.
  void Str(std::string_view s) {
    if (NeedsEscaping(s)) {
      String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
      return;
    }
    Prefix(rapidjson::kStringType);
    sink.PutQuoted(s);
    EndValue(true);
  }
  void NameStr(std::string_view key, std::string_view value) {
    Name(key);
    Str(value);
  }

 private:
  // What JSON requires escaped: control characters, '"' and '\\'. Other
  // bytes, UTF-8 sequences included, are written as they are, as rapidjson's
  // UTF-8 to UTF-8 writer does.
  // Eight bytes at a time (a page of items is mostly strings to scan).
  static bool NeedsEscaping(std::string_view s) {
    constexpr uint64_t kOnes = 0x0101010101010101ULL, kHighs = 0x8080808080808080ULL;
    // Whether a byte of `v` is below `n` (n <= 0x80): exact as a yes or no.
    auto has_byte_below = [](uint64_t v, uint64_t n) {
      return ((v - kOnes * n) & ~v & kHighs) != 0;
    };
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      uint64_t v;
      std::memcpy(&v, s.data() + i, 8);
      if (has_byte_below(v, 0x20) || has_byte_below(v ^ (kOnes * '"'), 1) ||
          has_byte_below(v ^ (kOnes * '\\'), 1)) {
        return true;
      }
    }
    for (; i < s.size(); ++i) {
      auto c = static_cast<unsigned char>(s[i]);
      if (c < 0x20 || c == '"' || c == '\\') return true;
    }
    return false;
  }
};

}  // namespace ordertrack::wire
