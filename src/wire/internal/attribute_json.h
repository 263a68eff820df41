// File: wire/internal/attribute_json.h
// Internal to wire/: DynamoDB's AttributeValue JSON ({"S":"x"}, {"N":"1"},
// {"B":"<base64>"}, {"BOOL":true}, {"NULL":true}, {"M":{}}, {"L":[]},
// {"SS":[]}, {"NS":[]}, {"BS":[]}) and items, in both directions, plus
// base64's error messages.
#pragma once

#include <string>
#include <string_view>

#include "model/attribute_value.h"
#include "wire/internal/json_reader.h"
#include "wire/json_writer.h"

namespace ordertrack::wire::internal {

// Java class of an attribute value, for "Unrecognized collection type" messages.
inline constexpr std::string_view kAttributeValueClass =
    "com.amazonaws.dynamodb.v20120810.AttributeValue";

// Decodes one attribute value at `slot`. Serialization errors are returned;
// malformed values (empty, several types, NULL false, bad numbers, too deep)
// are recorded with d.ValueError and leave *out unspecified.
base::Status DecodeValue(Decoder& d, const Json& v, Slot slot, model::AttributeValue* out);

// How a value error inside a map of attribute values is reported: with
// `prefix` before its message (e.g. "The provided starting key is invalid: "),
// and with " for key <name>" after it when `name_key`.
struct ValueErrorContext {
  std::string_view prefix;
  bool name_key = false;
};

// Decodes a map of attribute values (an Item, a Key...).
base::Status DecodeItem(Decoder& d, const Json& v, model::Item* out,
                        const ValueErrorContext& context = {});
// The member `name` as an item: absent leaves *out unchanged; `required`
// records Missing(path) when absent.
base::Status GetItem(Decoder& d, const Json& object, std::string_view name, std::string_view path,
                     bool required, model::Item* out);
base::Status GetItem(Decoder& d, const Json& object, std::string_view name,
                     std::optional<model::Item>* out, const ValueErrorContext& context = {});
// A list of attribute values (AttributeValueList).
base::Status DecodeValueList(Decoder& d, const Json& v, std::vector<model::AttributeValue>* out);

void WriteValue(JsonWriter& w, const model::AttributeValue& value);
void WriteItem(JsonWriter& w, const model::Item& item);

// Decodes standard base64 (base::Base64Decode) with DynamoDB's
// SerializationException messages.
base::Status DecodeBase64(std::string_view text, std::string* out);

}  // namespace ordertrack::wire::internal
