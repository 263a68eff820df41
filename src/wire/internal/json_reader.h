// File: wire/internal/json_reader.h
// Internal to wire/: a parsed request body and typed, DynamoDB-worded access
// to its members. Decoder holds the three kinds of decoding error DynamoDB
// distinguishes (see codec.h): serialization errors are returned at once by
// every getter; constraint errors ("Value null at 'tableName' ...") and the
// first attribute-value error are collected and reported by Finish().
#pragma once

#include <rapidjson/document.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace ordertrack::wire::internal {

using Json = rapidjson::Value;

// Where a structure sits in its parent; DynamoDB words a wrong JSON type
// differently for a named member ("Unexpected field type") and for a list
// element or map value ("Unexpected value type in payload").
enum class Slot { kField, kElement };

class Decoder {
 public:
  Decoder();
  Decoder(const Decoder&) = delete;
  Decoder& operator=(const Decoder&) = delete;

  // Parses a copy of `json` in situ. SerializationException when it is not a
  // JSON object (an empty body counts as {}).
  base::Status Parse(std::string_view json);
  // REQUIRES: Parse() succeeded. An object.
  const Json& root() const { return doc_; }

  // Records "Value null at '<path>' failed to satisfy constraint: Member must not be null".
  void Missing(std::string_view path);
  // Records "Value '<value>' at '<path>' ...: Member must satisfy enum value set: <allowed>".
  void BadEnum(std::string_view value, std::string_view path, std::string_view allowed);
  // Records one constraint error ("Value ... at '...' failed to satisfy constraint: ...").
  void Constraint(std::string message);
  // Keeps `status` if it is the first attribute-value error.
  void ValueError(base::Status status);
  bool has_value_error() const { return !value_error_.ok(); }
  // Puts `prefix` before the message of the value error and `suffix` after
  // it. REQUIRES: has_value_error().
  void WrapValueError(std::string_view prefix, std::string_view suffix);

  // The collected constraint errors as one ValidationException, else the
  // first value error, else OK.
  base::Status Finish() const;

 private:
  using Document = rapidjson::GenericDocument<rapidjson::UTF8<>, rapidjson::MemoryPoolAllocator<>,
                                              rapidjson::MemoryPoolAllocator<>>;
  std::string buffer_;
  // Small documents are parsed without a heap allocation, for the DOM and
  // for the parser's stack.
  alignas(8) char pool_[4096];
  alignas(8) char stack_pool_[1024];
  rapidjson::MemoryPoolAllocator<> allocator_;
  rapidjson::MemoryPoolAllocator<> stack_allocator_;
  Document doc_;
  std::vector<std::string> constraints_;
  base::Status value_error_;
};

base::Status SerializationError(std::string message);

// The member `name` of `object`, or null when absent or JSON null (DynamoDB
// treats a null member as absent). REQUIRES: object.IsObject().
const Json* Find(const Json& object, std::string_view name);

inline std::string_view View(const Json& s) { return {s.GetString(), s.GetStringLength()}; }

// Type checks with DynamoDB's SerializationException messages.
base::Status ExpectString(const Json& v);
base::Status ExpectBool(const Json& v);
// `java_type` is "Integer" or "Long". Fractions are truncated, as DynamoDB does.
base::Status ExpectInteger(const Json& v, std::string_view java_type, int64_t* out);
base::Status ExpectDouble(const Json& v, double* out);
// A structure of class com.amazonaws.dynamodb.v20120810.<class_name>.
base::Status ExpectObject(const Json& v, Slot slot, std::string_view class_name);
// A map from strings to `value_class` (a Java type name, e.g.
// "com.amazonaws.dynamodb.v20120810.AttributeValue" or "java.lang.String").
base::Status ExpectMap(const Json& v, std::string_view value_class);
base::Status ExpectList(const Json& v);

// Member getters. Each returns a SerializationException for a wrong JSON type
// and leaves `out` unchanged when the member is absent.
base::Status GetString(const Json& object, std::string_view name, std::string* out);
base::Status GetString(const Json& object, std::string_view name, std::optional<std::string>* out);
base::Status GetBool(const Json& object, std::string_view name, bool* out);
base::Status GetBool(const Json& object, std::string_view name, std::optional<bool>* out);
base::Status GetInteger(const Json& object, std::string_view name, std::string_view java_type,
                        std::optional<int64_t>* out);
base::Status GetInteger(const Json& object, std::string_view name, std::string_view java_type,
                        int64_t* out);
base::Status GetDouble(const Json& object, std::string_view name, double* out);
// A required string: records Missing(path) when absent.
base::Status GetRequiredString(Decoder& d, const Json& object, std::string_view name,
                               std::string_view path, std::string* out);
// A required table or index name: also records DynamoDB's pattern and length
// constraints ([a-zA-Z0-9_.-]+, 3..255).
base::Status GetTableName(Decoder& d, const Json& object, std::string_view name,
                          std::string_view path, std::string* out);
// Records the pattern and length constraints of a table name at `path`.
void CheckTableName(Decoder& d, std::string_view value, std::string_view path);
// A list of strings.
base::Status GetStringList(const Json& object, std::string_view name,
                           std::vector<std::string>* out);

// Enumerations: the wire names of one enum, and DynamoDB's listing of them for
// messages ("[ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]").
template <typename E>
struct EnumName {
  std::string_view name;
  E value;
};
template <typename E, size_t N>
struct EnumTable {
  EnumName<E> names[N];
  std::string_view allowed;

  const std::string_view* NameOf(E value) const {
    for (const auto& n : names) {
      if (n.value == value) return &n.name;
    }
    return nullptr;
  }
  std::string_view Name(E value) const {
    const std::string_view* n = NameOf(value);
    return n ? *n : std::string_view();
  }
  bool Lookup(std::string_view name, E* out) const {
    for (const auto& n : names) {
      if (n.name == name) {
        *out = n.value;
        return true;
      }
    }
    return false;
  }
};

// An optional enum member: sets *out (and *present) when present and valid,
// records BadEnum when present and invalid.
template <typename E, size_t N>
base::Status GetEnum(Decoder& d, const Json& object, std::string_view name, std::string_view path,
                     const EnumTable<E, N>& table, E* out, bool* present = nullptr) {
  const Json* v = Find(object, name);
  if (v == nullptr) return base::Status();
  OT_RETURN_IF_ERROR(ExpectString(*v));
  if (table.Lookup(View(*v), out)) {
    if (present) *present = true;
  } else {
    d.BadEnum(View(*v), path, table.allowed);
  }
  return base::Status();
}

template <typename E, size_t N>
base::Status GetEnum(Decoder& d, const Json& object, std::string_view name, std::string_view path,
                     const EnumTable<E, N>& table, std::optional<E>* out) {
  E value{};
  bool present = false;
  OT_RETURN_IF_ERROR(GetEnum(d, object, name, path, table, &value, &present));
  if (present) *out = value;
  return base::Status();
}

// A required enum member: records Missing(path) when absent.
template <typename E, size_t N>
base::Status GetRequiredEnum(Decoder& d, const Json& object, std::string_view name,
                             std::string_view path, const EnumTable<E, N>& table, E* out) {
  if (Find(object, name) == nullptr) {
    d.Missing(path);
    return base::Status();
  }
  return GetEnum(d, object, name, path, table, out);
}

// "<prefix>.<index + 1>.member" : DynamoDB's path of a list element.
std::string ElementPath(std::string_view prefix, size_t index);

}  // namespace ordertrack::wire::internal
