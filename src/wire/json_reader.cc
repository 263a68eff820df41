#include "wire/internal/json_reader.h"

#include <cmath>
#include <limits>

#include "model/table_name.h"
#include "model/validation.h"

namespace ordertrack::wire::internal {
namespace {

// Messages of DynamoDB's request deserializer (the Coral framework), as AWS
// answers them: dynalite's AWS-checked test/helpers.js (assertType) lists them
// per target type.
constexpr std::string_view kStartOfStructure = "Start of structure or map found where not expected";
constexpr std::string_view kUnexpectedField = "Unexpected field type";
constexpr std::string_view kUnexpectedValue = "Unexpected value type in payload";
constexpr std::string_view kModelPackage = "com.amazonaws.dynamodb.v20120810.";
// DynamoDB stops listing constraint errors after ten.
constexpr size_t kMaxConstraintErrors = 10;

// "TRUE_VALUE", "NUMBER_VALUE"...: how the deserializer names a JSON token.
std::string_view TokenName(const Json& v) {
  if (v.IsTrue()) return "TRUE_VALUE";
  if (v.IsFalse()) return "FALSE_VALUE";
  if (v.IsString()) return "STRING_VALUE";
  if (v.IsDouble()) return "DECIMAL_VALUE";
  return "NUMBER_VALUE";
}

base::Status CannotConvert(const Json& v, std::string_view target) {
  std::string message(TokenName(v));
  message.append(" cannot be converted to ").append(target);
  return SerializationError(std::move(message));
}

}  // namespace

base::Status SerializationError(std::string message) {
  return base::Status(base::ErrorCode::kSerialization, std::move(message));
}

Decoder::Decoder()
    : allocator_(pool_, sizeof(pool_)),
      stack_allocator_(stack_pool_, sizeof(stack_pool_)),
      doc_(&allocator_, sizeof(stack_pool_) / 2, &stack_allocator_) {}

base::Status Decoder::Parse(std::string_view json) {
  buffer_.reserve(json.size() + 1);
  buffer_.assign(json);
  doc_.ParseInsitu<rapidjson::kParseIterativeFlag>(buffer_.data());
  // DynamoDB answers a body that is not JSON, an empty one included, with a
  // message-less SerializationException (dynalite test/connection.js, checked against AWS).
  if (doc_.HasParseError() || !doc_.IsObject()) return SerializationError("");
  return base::Status();
}

void Decoder::Missing(std::string_view path) {
  std::string message = "Value null at '";
  message.append(path).append("' failed to satisfy constraint: Member must not be null");
  Constraint(std::move(message));
}

void Decoder::BadEnum(std::string_view value, std::string_view path, std::string_view allowed) {
  std::string message = "Value '";
  message.append(value).append("' at '").append(path);
  message.append("' failed to satisfy constraint: Member must satisfy enum value set: ");
  message.append(allowed);
  Constraint(std::move(message));
}

void Decoder::Constraint(std::string message) {
  if (constraints_.size() < kMaxConstraintErrors) constraints_.push_back(std::move(message));
}

void Decoder::ValueError(base::Status status) {
  if (value_error_.ok()) value_error_ = std::move(status);
}

void Decoder::WrapValueError(std::string_view prefix, std::string_view suffix) {
  value_error_ = base::Status(value_error_.code(),
                              std::string(prefix) + value_error_.message() + std::string(suffix));
}

base::Status Decoder::Finish() const {
  if (constraints_.empty()) return value_error_;
  return model::ConstraintErrors(constraints_);
}

const Json* Find(const Json& object, std::string_view name) {
  for (auto it = object.MemberBegin(); it != object.MemberEnd(); ++it) {
    if (View(it->name) == name) return it->value.IsNull() ? nullptr : &it->value;
  }
  return nullptr;
}

base::Status ExpectString(const Json& v) {
  if (v.IsString()) return base::Status();
  if (v.IsArray()) return SerializationError("Unrecognized collection type class java.lang.String");
  if (v.IsObject()) return SerializationError(std::string(kStartOfStructure));
  return CannotConvert(v, "String");
}

base::Status ExpectBool(const Json& v) {
  if (v.IsBool()) return base::Status();
  if (v.IsArray()) return SerializationError("Unrecognized collection type class java.lang.Boolean");
  if (v.IsObject()) return SerializationError(std::string(kStartOfStructure));
  if (v.IsString()) return SerializationError("Unexpected token received from parser");
  return CannotConvert(v, "Boolean");
}

base::Status ExpectInteger(const Json& v, std::string_view java_type, int64_t* out) {
  if (v.IsInt64()) {
    *out = v.GetInt64();
    return base::Status();
  }
  if (v.IsNumber()) {
    double d = std::trunc(v.GetDouble());
    constexpr double kMax = static_cast<double>(std::numeric_limits<int64_t>::max());
    *out = d >= kMax ? std::numeric_limits<int64_t>::max()
           : d <= -kMax ? std::numeric_limits<int64_t>::min()
                        : static_cast<int64_t>(d);
    return base::Status();
  }
  if (v.IsArray()) {
    return SerializationError("Unrecognized collection type class java.lang." +
                              std::string(java_type));
  }
  if (v.IsObject()) return SerializationError(std::string(kStartOfStructure));
  return CannotConvert(v, java_type);
}

base::Status ExpectDouble(const Json& v, double* out) {
  if (v.IsNumber()) {
    *out = v.GetDouble();
    return base::Status();
  }
  if (v.IsArray()) return SerializationError("Unrecognized collection type class java.lang.Double");
  if (v.IsObject()) return SerializationError(std::string(kStartOfStructure));
  return CannotConvert(v, "Double");
}

base::Status ExpectObject(const Json& v, Slot slot, std::string_view class_name) {
  if (v.IsObject()) return base::Status();
  if (v.IsArray()) {
    std::string message = "Unrecognized collection type class ";
    message.append(kModelPackage).append(class_name);
    return SerializationError(std::move(message));
  }
  return SerializationError(std::string(slot == Slot::kField ? kUnexpectedField : kUnexpectedValue));
}

base::Status ExpectMap(const Json& v, std::string_view value_class) {
  if (v.IsObject()) return base::Status();
  if (v.IsArray()) {
    std::string message = "Unrecognized collection type java.util.Map<java.lang.String, ";
    message.append(value_class).append(">");
    return SerializationError(std::move(message));
  }
  return SerializationError(std::string(kUnexpectedField));
}

base::Status ExpectList(const Json& v) {
  if (v.IsArray()) return base::Status();
  if (v.IsObject()) return SerializationError(std::string(kStartOfStructure));
  return SerializationError(std::string(kUnexpectedField));
}

base::Status GetString(const Json& object, std::string_view name, std::string* out) {
  const Json* v = Find(object, name);
  if (v == nullptr) return base::Status();
  OT_RETURN_IF_ERROR(ExpectString(*v));
  out->assign(v->GetString(), v->GetStringLength());
  return base::Status();
}

base::Status GetString(const Json& object, std::string_view name,
                       std::optional<std::string>* out) {
  const Json* v = Find(object, name);
  if (v == nullptr) return base::Status();
  OT_RETURN_IF_ERROR(ExpectString(*v));
  out->emplace(v->GetString(), v->GetStringLength());
  return base::Status();
}

base::Status GetBool(const Json& object, std::string_view name, bool* out) {
  const Json* v = Find(object, name);
  if (v == nullptr) return base::Status();
  OT_RETURN_IF_ERROR(ExpectBool(*v));
  *out = v->GetBool();
  return base::Status();
}

base::Status GetBool(const Json& object, std::string_view name, std::optional<bool>* out) {
  const Json* v = Find(object, name);
  if (v == nullptr) return base::Status();
  OT_RETURN_IF_ERROR(ExpectBool(*v));
  *out = v->GetBool();
  return base::Status();
}

base::Status GetInteger(const Json& object, std::string_view name, std::string_view java_type,
                        std::optional<int64_t>* out) {
  const Json* v = Find(object, name);
  if (v == nullptr) return base::Status();
  int64_t value = 0;
  OT_RETURN_IF_ERROR(ExpectInteger(*v, java_type, &value));
  *out = value;
  return base::Status();
}

base::Status GetInteger(const Json& object, std::string_view name, std::string_view java_type,
                        int64_t* out) {
  const Json* v = Find(object, name);
  if (v == nullptr) return base::Status();
  return ExpectInteger(*v, java_type, out);
}

base::Status GetDouble(const Json& object, std::string_view name, double* out) {
  const Json* v = Find(object, name);
  if (v == nullptr) return base::Status();
  return ExpectDouble(*v, out);
}

base::Status GetRequiredString(Decoder& d, const Json& object, std::string_view name,
                               std::string_view path, std::string* out) {
  const Json* v = Find(object, name);
  if (v == nullptr) {
    d.Missing(path);
    return base::Status();
  }
  OT_RETURN_IF_ERROR(ExpectString(*v));
  out->assign(v->GetString(), v->GetStringLength());
  return base::Status();
}

void CheckTableName(Decoder& d, std::string_view value, std::string_view path) {
  for (std::string_view what : model::TableNameViolations(value)) {
    std::string message = "Value '";
    message.append(value).append("' at '").append(path);
    message.append("' failed to satisfy constraint: Member must ").append(what);
    d.Constraint(std::move(message));
  }
}

base::Status GetTableName(Decoder& d, const Json& object, std::string_view name,
                          std::string_view path, std::string* out) {
  const bool present = Find(object, name) != nullptr;
  OT_RETURN_IF_ERROR(GetRequiredString(d, object, name, path, out));
  if (present) CheckTableName(d, *out, path);
  return base::Status();
}

base::Status GetStringList(const Json& object, std::string_view name,
                           std::vector<std::string>* out) {
  const Json* v = Find(object, name);
  if (v == nullptr) return base::Status();
  OT_RETURN_IF_ERROR(ExpectList(*v));
  out->clear();
  out->reserve(v->Size());
  for (const Json& e : v->GetArray()) {
    if (e.IsNull()) continue;
    OT_RETURN_IF_ERROR(ExpectString(e));
    out->emplace_back(e.GetString(), e.GetStringLength());
  }
  return base::Status();
}

std::string ElementPath(std::string_view prefix, size_t index) {
  std::string path(prefix);
  path.append(".").append(std::to_string(index + 1)).append(".member");
  return path;
}

}  // namespace ordertrack::wire::internal
