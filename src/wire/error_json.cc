// Error bodies: {"__type":"<namespace>#<type>","message":"..."} plus the
// details DynamoDB adds (CancellationReasons, Item).
#include "wire/codec.h"
#include "wire/internal/common_json.h"

namespace ordertrack::wire {

using namespace internal;  // NOLINT: the codec's own helpers

namespace {

// DynamoDB's own exceptions live in its model namespace; validation and the
// request framework's errors in the Coral framework's (dynalite
// test/connection.js and test/helpers.js, checked against AWS).
std::string_view TypeNamespace(base::ErrorCode code) {
  switch (code) {
    case base::ErrorCode::kValidation:
      return "com.amazon.coral.validate#";
    case base::ErrorCode::kSerialization:
    case base::ErrorCode::kUnknownOperation:
    case base::ErrorCode::kMissingAuthenticationToken:
    case base::ErrorCode::kUnrecognizedClient:
    case base::ErrorCode::kInvalidSignature:
    case base::ErrorCode::kIncompleteSignature:
    case base::ErrorCode::kAccessDenied:
      return "com.amazon.coral.service#";
    case base::ErrorCode::kThrottling:
      return "com.amazon.coral.availability#";
    default:
      return "com.amazonaws.dynamodb.v20120810#";
  }
}

}  // namespace

std::string EncodeError(const base::Status& error) {
  const base::ErrorInfo& info = base::Describe(error.code());
  return EncodeBody([&](JsonWriter& w) {
    std::string type(TypeNamespace(error.code()));
    type.append(info.type_name);
    w.NameStr("__type", type);
    if (!error.message().empty()) {
      // SerializationException's text is under "Message", as DynamoDB writes it.
      w.NameStr(error.code() == base::ErrorCode::kSerialization ? "Message" : "message",
                error.message());
    }
    if (const auto* reasons = dynamic_cast<const api::CancellationReasons*>(error.details())) {
      w.Name("CancellationReasons");
      w.StartArray();
      for (const auto& reason : reasons->reasons) {
        w.StartObject();
        w.NameStr("Code", reason.code);
        if (!reason.message.empty()) w.NameStr("Message", reason.message);
        if (reason.item) {
          w.Name("Item");
          WriteItem(w, *reason.item);
        }
        w.EndObject();
      }
      w.EndArray();
    } else if (const auto* failed = dynamic_cast<const api::ConditionFailedItem*>(error.details())) {
      w.Name("Item");
      WriteItem(w, failed->item);
    }
  }, 128);
}

base::Status DecodeError(std::string_view body) {
  auto unknown = [&] { return base::InternalError(std::string(body)); };
  Decoder d;
  if (!d.Parse(body).ok()) return unknown();
  const Json& root = d.root();
  std::string type;
  if (!GetString(root, "__type", &type).ok() || type.empty()) return unknown();
  std::optional<base::ErrorCode> code = base::ErrorCodeFromTypeName(type);
  if (!code) return unknown();
  std::string message;
  if (!GetString(root, "message", &message).ok()) return unknown();
  if (message.empty() && !GetString(root, "Message", &message).ok()) return unknown();

  std::shared_ptr<const base::StatusDetails> details;
  if (const Json* reasons = Find(root, "CancellationReasons")) {
    if (!ExpectList(*reasons).ok()) return unknown();
    auto parsed = std::make_shared<api::CancellationReasons>();
    for (const Json& e : reasons->GetArray()) {
      if (!e.IsObject()) return unknown();
      api::CancellationReason& reason = parsed->reasons.emplace_back();
      if (!GetString(e, "Code", &reason.code).ok() ||
          !GetString(e, "Message", &reason.message).ok() ||
          !GetItem(d, e, "Item", &reason.item).ok()) {
        return unknown();
      }
    }
    details = std::move(parsed);
  } else if (Find(root, "Item") != nullptr) {
    auto failed = std::make_shared<api::ConditionFailedItem>();
    if (!GetItem(d, root, "Item", "item", false, &failed->item).ok()) return unknown();
    details = std::move(failed);
  }
  if (!d.Finish().ok()) return unknown();
  return base::Status(*code, std::move(message), std::move(details));
}

}  // namespace ordertrack::wire
