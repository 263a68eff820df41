// File: wire/json_writer.h
// Internal to wire/: JsonWriter, a rapidjson::Writer that appends straight to
// a std::string (no intermediate DOM, no second copy), with string_view helpers.
#pragma once

#include <rapidjson/writer.h>

#include <string>
#include <string_view>

namespace ordertrack::wire::internal {

// A rapidjson output stream over a std::string.
class StringSink {
 public:
  using Ch = char;
  explicit StringSink(std::string* out) : out_(out) {}
  void Put(char c) { out_->push_back(c); }
  void Flush() {}

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
  explicit JsonWriter(std::string* out)
      : SinkHolder(out), rapidjson::Writer<StringSink>(sink) {}

  void Name(std::string_view key) { Key(key.data(), static_cast<rapidjson::SizeType>(key.size())); }
  void Str(std::string_view s) { String(s.data(), static_cast<rapidjson::SizeType>(s.size())); }
  void NameStr(std::string_view key, std::string_view value) {
    Name(key);
    Str(value);
  }
};

}  // namespace ordertrack::wire::internal
