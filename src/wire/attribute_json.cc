#include "wire/internal/attribute_json.h"

#include "base/strings.h"
#include "model/limits.h"
#include "model/validation.h"
#include "wire/codec.h"

namespace ordertrack::wire::internal {
namespace {

using model::AttributeValue;
using model::Type;

// Messages of DynamoDB's Blob deserializer (dynalite test/helpers.js, checked
// against AWS; "dectected" is AWS's spelling).
constexpr std::string_view kLastCharMessage = "Invalid last non-pad Base64 character dectected";

base::Status ExpectBlob(const Json& v) {
  if (v.IsString()) return base::Status();
  if (v.IsArray()) return SerializationError("Unrecognized collection type class java.nio.ByteBuffer");
  if (v.IsObject()) return SerializationError("Start of structure or map found where not expected");
  return SerializationError("only base-64-encoded strings are convertible to bytes");
}

base::Status DecodeBlob(const Json& v, std::string* out) {
  OT_RETURN_IF_ERROR(ExpectBlob(v));
  return DecodeBase64(View(v), out);
}

base::Status ParseNumber(Decoder& d, const Json& v, model::Number* out) {
  OT_RETURN_IF_ERROR(ExpectString(v));
  auto n = model::Number::Parse(View(v));
  if (n.ok()) {
    *out = std::move(n).value();
  } else {
    d.ValueError(n.status());
  }
  return base::Status();
}

base::Status DecodeValueAt(Decoder& d, const Json& v, Slot slot, size_t depth,
                           AttributeValue* out) {
  OT_RETURN_IF_ERROR(ExpectObject(v, slot, "AttributeValue"));
  if (depth > model::kMaxNestingDepth) {
    d.ValueError(model::InvalidParameterError("Nesting Levels have exceeded supported limits"));
    return base::Status();
  }
  int types = 0;
  for (auto it = v.MemberBegin(); it != v.MemberEnd(); ++it) {
    const Json& member = it->value;
    if (member.IsNull()) continue;
    Type type;
    if (!model::TypeFromName(View(it->name), &type)) continue;  // unknown members are ignored
    // Every present type is decoded, so its JSON type is checked; the first is kept.
    AttributeValue scratch;
    AttributeValue* target = types == 0 ? out : &scratch;
    ++types;
    switch (type) {
      case Type::kS:
        OT_RETURN_IF_ERROR(ExpectString(member));
        *target = AttributeValue::S(std::string(View(member)));
        break;
      case Type::kN: {
        model::Number n;
        OT_RETURN_IF_ERROR(ParseNumber(d, member, &n));
        *target = AttributeValue::N(std::move(n));
        break;
      }
      case Type::kB: {
        std::string bytes;
        OT_RETURN_IF_ERROR(DecodeBlob(member, &bytes));
        *target = AttributeValue::B(std::move(bytes));
        break;
      }
      case Type::kBool:
        OT_RETURN_IF_ERROR(ExpectBool(member));
        *target = AttributeValue::Bool(member.GetBool());
        break;
      case Type::kNull:
        OT_RETURN_IF_ERROR(ExpectBool(member));
        if (!member.GetBool()) {
          d.ValueError(model::InvalidParameterError(
              "Null attribute value types must have the value of true"));
        }
        *target = AttributeValue::Null();
        break;
      case Type::kM: {
        OT_RETURN_IF_ERROR(ExpectMap(member, kAttributeValueClass));
        model::Map map;
        for (auto m = member.MemberBegin(); m != member.MemberEnd(); ++m) {
          if (m->value.IsNull()) continue;
          auto [slot_it, inserted] = map.try_emplace(std::string(View(m->name)));
          OT_RETURN_IF_ERROR(DecodeValueAt(d, m->value, Slot::kElement, depth + 1, &slot_it->second));
        }
        *target = AttributeValue::M(std::move(map));
        break;
      }
      case Type::kL: {
        OT_RETURN_IF_ERROR(ExpectList(member));
        model::List list(member.Size());
        size_t i = 0;
        for (const Json& e : member.GetArray()) {
          OT_RETURN_IF_ERROR(DecodeValueAt(d, e, Slot::kElement, depth + 1, &list[i++]));
        }
        *target = AttributeValue::L(std::move(list));
        break;
      }
      case Type::kSS: {
        OT_RETURN_IF_ERROR(ExpectList(member));
        std::vector<std::string> strings;
        strings.reserve(member.Size());
        for (const Json& e : member.GetArray()) {
          OT_RETURN_IF_ERROR(ExpectString(e));
          strings.emplace_back(View(e));
        }
        *target = AttributeValue::SS(std::move(strings));
        break;
      }
      case Type::kNS: {
        OT_RETURN_IF_ERROR(ExpectList(member));
        std::vector<model::Number> numbers(member.Size());
        size_t i = 0;
        for (const Json& e : member.GetArray()) {
          OT_RETURN_IF_ERROR(ParseNumber(d, e, &numbers[i++]));
        }
        *target = AttributeValue::NS(std::move(numbers));
        break;
      }
      case Type::kBS: {
        OT_RETURN_IF_ERROR(ExpectList(member));
        std::vector<std::string> blobs(member.Size());
        size_t i = 0;
        for (const Json& e : member.GetArray()) OT_RETURN_IF_ERROR(DecodeBlob(e, &blobs[i++]));
        *target = AttributeValue::BS(std::move(blobs));
        break;
      }
    }
  }
  if (types == 0) {
    d.ValueError(base::ValidationError(
        "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes"));
  } else if (types > 1) {
    d.ValueError(base::ValidationError(
        "Supplied AttributeValue has more than one datatypes set, must contain exactly one of "
        "the supported datatypes"));
  }
  return base::Status();
}

}  // namespace

base::Status DecodeValue(Decoder& d, const Json& v, Slot slot, AttributeValue* out) {
  return DecodeValueAt(d, v, slot, 0, out);
}

base::Status DecodeItem(Decoder& d, const Json& v, model::Item* out,
                        const ValueErrorContext& context) {
  OT_RETURN_IF_ERROR(ExpectMap(v, kAttributeValueClass));
  out->clear();
  for (auto m = v.MemberBegin(); m != v.MemberEnd(); ++m) {
    if (m->value.IsNull()) continue;
    const bool had_error = d.has_value_error();
    auto [it, inserted] = out->try_emplace(std::string(View(m->name)));
    OT_RETURN_IF_ERROR(DecodeValueAt(d, m->value, Slot::kElement, 0, &it->second));
    if (!had_error && d.has_value_error()) {
      d.WrapValueError(context.prefix, context.name_key ? " for key " + it->first : "");
    }
  }
  return base::Status();
}

base::Status GetItem(Decoder& d, const Json& object, std::string_view name, std::string_view path,
                     bool required, model::Item* out) {
  const Json* v = Find(object, name);
  if (v == nullptr) {
    if (required) d.Missing(path);
    return base::Status();
  }
  return DecodeItem(d, *v, out);
}

base::Status GetItem(Decoder& d, const Json& object, std::string_view name,
                     std::optional<model::Item>* out, const ValueErrorContext& context) {
  const Json* v = Find(object, name);
  if (v == nullptr) return base::Status();
  return DecodeItem(d, *v, &out->emplace(), context);
}

base::Status DecodeValueList(Decoder& d, const Json& v, std::vector<AttributeValue>* out) {
  OT_RETURN_IF_ERROR(ExpectList(v));
  out->assign(v.Size(), AttributeValue());
  size_t i = 0;
  for (const Json& e : v.GetArray()) {
    OT_RETURN_IF_ERROR(DecodeValueAt(d, e, Slot::kElement, 0, &(*out)[i++]));
  }
  return base::Status();
}

void WriteValue(JsonWriter& w, const AttributeValue& value) {
  w.StartObject();
  w.Name(model::TypeName(value.type()));
  switch (value.type()) {
    case Type::kS:
      w.Str(value.s());
      break;
    case Type::kN:
      w.Str(value.n().ToString());
      break;
    case Type::kB: {
      std::string text;
      base::AppendBase64(value.s(), &text);
      w.Str(text);
      break;
    }
    case Type::kBool:
      w.Bool(value.boolean());
      break;
    case Type::kNull:
      w.Bool(true);
      break;
    case Type::kM:
      WriteItem(w, value.m());
      break;
    case Type::kL:
      w.StartArray();
      for (const auto& e : value.l()) WriteValue(w, e);
      w.EndArray();
      break;
    case Type::kSS:
      w.StartArray();
      for (const auto& s : value.strings()) w.Str(s);
      w.EndArray();
      break;
    case Type::kNS:
      w.StartArray();
      for (const auto& n : value.numbers()) w.Str(n.ToString());
      w.EndArray();
      break;
    case Type::kBS: {
      w.StartArray();
      std::string text;
      for (const auto& b : value.strings()) {
        text.clear();
        base::AppendBase64(b, &text);
        w.Str(text);
      }
      w.EndArray();
      break;
    }
  }
  w.EndObject();
}

void WriteItem(JsonWriter& w, const model::Item& item) {
  w.StartObject();
  for (const auto& [name, value] : item) {
    w.Name(name);
    WriteValue(w, value);
  }
  w.EndObject();
}

base::Status DecodeBase64(std::string_view text, std::string* out) {
  auto error = base::Base64Decode(text, out);
  if (!error) return base::Status();
  switch (error->kind) {
    case base::Base64Error::Kind::kLength:
      return SerializationError(
          "Base64 encoded length is expected a multiple of 4 bytes but found: " +
          std::to_string(text.size()));
    case base::Base64Error::Kind::kCharacter:
      return SerializationError(std::string("Invalid Base64 character: '") + error->character +
                                "'");
    case base::Base64Error::Kind::kPadding:
      break;
  }
  return SerializationError(std::string(kLastCharMessage));
}

}  // namespace ordertrack::wire::internal

namespace ordertrack::wire {

base::Result<model::Item> ItemFromJson(std::string_view json) {
  internal::Decoder d;
  OT_RETURN_IF_ERROR(d.Parse(json));
  model::Item item;
  OT_RETURN_IF_ERROR(internal::DecodeItem(d, d.root(), &item));
  OT_RETURN_IF_ERROR(d.Finish());
  return item;
}

std::string ItemToJson(const model::Item& item) {
  std::string out;
  out.reserve(128);
  JsonWriter w(&out);
  internal::WriteItem(w, item);
  return out;
}

}  // namespace ordertrack::wire
