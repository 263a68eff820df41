#include "server/orders_json.h"

#include "wire/json_writer.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/writer.h>

#include <initializer_list>

namespace ordertrack::server {
namespace {

using wire::StringSink;

using Writer = rapidjson::Writer<StringSink>;

void Str(Writer& w, std::string_view s) {
  w.String(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}
void Name(Writer& w, std::string_view s) {
  w.Key(s.data(), static_cast<rapidjson::SizeType>(s.size()));
}

void WriteOrder(Writer& w, const orders::Order& order) {
  w.StartObject();
  Name(w, "order_id");
  Str(w, order.order_id);
  Name(w, "user_id");
  Str(w, order.user_id);
  Name(w, "product_id");
  Str(w, order.product_id);
  Name(w, "status");
  Str(w, orders::StatusWord(order.status));
  Name(w, "created");
  Str(w, orders::FormatRfc3339(order.created));
  Name(w, "history");
  w.StartArray();
  for (const orders::StatusChange& change : order.history) {
    w.StartObject();
    Name(w, "status");
    Str(w, orders::StatusWord(change.status));
    Name(w, "at");
    Str(w, orders::FormatRfc3339(change.at));
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

// Parses `body` into `doc` and checks it is an object whose members are all
// strings named in `allowed`. kSerialization for bad JSON (400),
// kValidation for a good JSON of the wrong shape (422).
base::Status ParseObject(std::string_view body, std::initializer_list<std::string_view> allowed,
                         std::string_view unknown_hint, rapidjson::Document* doc) {
  doc->Parse<rapidjson::kParseValidateEncodingFlag>(body.data(), body.size());
  if (doc->HasParseError()) {
    return base::Status(base::ErrorCode::kSerialization,
                        std::string("the body is not valid JSON: ") +
                            rapidjson::GetParseError_En(doc->GetParseError()) + " at offset " +
                            std::to_string(doc->GetErrorOffset()));
  }
  if (!doc->IsObject()) return base::ValidationError("the body must be a JSON object");
  for (auto it = doc->MemberBegin(); it != doc->MemberEnd(); ++it) {
    std::string_view name(it->name.GetString(), it->name.GetStringLength());
    bool known = false;
    for (std::string_view a : allowed) known = known || a == name;
    if (!known) {
      return base::ValidationError("unknown field '" + std::string(name) + "'" +
                                   std::string(unknown_hint));
    }
    if (!it->value.IsString()) {
      return base::ValidationError("field '" + std::string(name) + "' must be a string");
    }
  }
  for (std::string_view a : allowed) {
    if (!doc->HasMember(rapidjson::StringRef(a.data(), a.size()))) {
      return base::ValidationError("field '" + std::string(a) + "' is required");
    }
  }
  return base::Status();
}

std::string Member(const rapidjson::Document& doc, const char* name) {
  const auto& v = doc[name];
  return std::string(v.GetString(), v.GetStringLength());
}

}  // namespace

base::Result<CreateOrderBody> ParseCreateOrderBody(std::string_view body) {
  rapidjson::Document doc;
  base::Status s = ParseObject(body, {"user_id", "product_id"}, "", &doc);
  if (!s.ok()) return s;
  return CreateOrderBody{Member(doc, "user_id"), Member(doc, "product_id")};
}

base::Result<orders::OrderStatus> ParseStatusChangeBody(std::string_view body) {
  rapidjson::Document doc;
  base::Status s = ParseObject(body, {"status"}, ": only status can be changed", &doc);
  if (!s.ok()) return s;
  std::string word = Member(doc, "status");
  std::optional<orders::OrderStatus> status = orders::StatusFromWord(word);
  if (!status) {
    return base::ValidationError("unknown status '" + word +
                                 "': expected in_progress, completed or canceled");
  }
  return *status;
}

std::string OrderJson(const orders::Order& order) {
  std::string out;
  StringSink sink(&out);
  Writer w(sink);
  WriteOrder(w, order);
  return out;
}

std::string PageJson(const orders::Page& page) {
  std::string out;
  StringSink sink(&out);
  Writer w(sink);
  w.StartObject();
  Name(w, "orders");
  w.StartArray();
  for (const orders::Order& order : page.orders) WriteOrder(w, order);
  w.EndArray();
  Name(w, "next_cursor");
  if (page.next_cursor) {
    Str(w, *page.next_cursor);
  } else {
    w.Null();
  }
  w.EndObject();
  return out;
}

std::string StatusCountsJson(const orders::StatusCounts& counts) {
  std::string out;
  StringSink sink(&out);
  Writer w(sink);
  w.StartObject();
  Name(w, "in_progress");
  w.Int64(counts.in_progress);
  Name(w, "completed");
  w.Int64(counts.completed);
  Name(w, "canceled");
  w.Int64(counts.canceled);
  Name(w, "total");
  w.Int64(counts.in_progress + counts.completed + counts.canceled);
  w.EndObject();
  return out;
}

std::string JsonString(std::string_view s) {
  std::string out;
  StringSink sink(&out);
  Writer w(sink);
  Str(w, s);
  return out;
}

}  // namespace ordertrack::server
