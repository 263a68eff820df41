#include "server/rest_json.h"

#include "wire/json_writer.h"

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>
#include <rapidjson/writer.h>

#include <initializer_list>
#include <tuple>

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
// null for the empty string: a field the API shows as absent.
void StrOrNull(Writer& w, std::string_view s) {
  if (s.empty()) {
    w.Null();
  } else {
    Str(w, s);
  }
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
    Name(w, "by");
    StrOrNull(w, change.by);
    w.EndObject();
  }
  w.EndArray();
  w.EndObject();
}

void WriteEvent(Writer& w, const events::Event& event) {
  w.StartObject();
  Name(w, "id");
  Str(w, event.id);
  Name(w, "type");
  Str(w, events::TypeName(event.type));
  Name(w, "created");
  Str(w, orders::FormatRfc3339(event.created));
  Name(w, "from");
  StrOrNull(w, event.from ? orders::StatusWord(*event.from) : "");
  Name(w, "to");
  Str(w, orders::StatusWord(event.order.status));
  Name(w, "by");
  StrOrNull(w, event.by);
  Name(w, "order");
  WriteOrder(w, event.order);
  Name(w, "cursor");
  Str(w, event.cursor);
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

void WriteKey(Writer& w, const KeyView& key) {
  w.StartObject();
  Name(w, "name");
  Str(w, key.name);
  Name(w, "role");
  Str(w, key.role);
  Name(w, "created");
  Str(w, key.created);
  Name(w, "last_used");
  StrOrNull(w, key.last_used);
  Name(w, "revoked");
  StrOrNull(w, key.revoked);
  if (!key.token.empty()) {
    Name(w, "token");
    Str(w, key.token);
  }
  w.EndObject();
}

// A key object from a server's answer: strings, or null for the times.
base::Result<KeyView> ReadKey(const rapidjson::Value& v) {
  base::Status bad(base::ErrorCode::kSerialization, "the server's answer is not a key");
  if (!v.IsObject()) return bad;
  KeyView key;
  for (auto [field, name, nullable] :
       {std::tuple{&key.name, "name", false}, std::tuple{&key.role, "role", false},
        std::tuple{&key.created, "created", false}, std::tuple{&key.last_used, "last_used", true},
        std::tuple{&key.revoked, "revoked", true}, std::tuple{&key.token, "token", true}}) {
    auto it = v.FindMember(name);
    if (it == v.MemberEnd() || it->value.IsNull()) {
      if (!nullable) return bad;
      continue;
    }
    if (!it->value.IsString()) return bad;
    field->assign(it->value.GetString(), it->value.GetStringLength());
  }
  return key;
}

base::Result<rapidjson::Document> ParseAnswer(std::string_view body) {
  rapidjson::Document doc;
  doc.Parse<rapidjson::kParseValidateEncodingFlag>(body.data(), body.size());
  if (doc.HasParseError()) {
    return base::Status(base::ErrorCode::kSerialization, "the server's answer is not JSON");
  }
  return doc;
}

// {"<name>":[...],"next_cursor": string or null}: a page of a listing.
template <typename T>
std::string ListPageJson(std::string_view name, const std::vector<T>& items,
                         const std::optional<std::string>& next_cursor,
                         void (*write)(Writer&, const T&)) {
  std::string out;
  StringSink sink(&out);
  Writer w(sink);
  w.StartObject();
  Name(w, name);
  w.StartArray();
  for (const T& item : items) write(w, item);
  w.EndArray();
  Name(w, "next_cursor");
  StrOrNull(w, next_cursor.value_or(""));
  w.EndObject();
  return out;
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

base::Result<CreateKeyBody> ParseCreateKeyBody(std::string_view body) {
  rapidjson::Document doc;
  base::Status s = ParseObject(body, {"name", "role"}, "", &doc);
  if (!s.ok()) return s;
  std::string word = Member(doc, "role");
  std::optional<access::Role> role = access::RoleFromWord(word);
  if (!role) {
    return base::ValidationError("unknown role '" + word + "': expected reader, writer or admin");
  }
  return CreateKeyBody{Member(doc, "name"), *role};
}

KeyView ViewOf(const access::KeyInfo& key) {
  auto time = [](const std::optional<int64_t>& at) {
    return at ? orders::FormatRfc3339(*at) : std::string();
  };
  return {key.name, std::string(access::RoleWord(key.role)), orders::FormatRfc3339(key.created),
          time(key.last_used), time(key.revoked), ""};
}

std::string KeyJson(const KeyView& key) {
  std::string out;
  StringSink sink(&out);
  Writer w(sink);
  WriteKey(w, key);
  return out;
}

std::string KeyListJson(const std::vector<KeyView>& keys) {
  std::string out;
  StringSink sink(&out);
  Writer w(sink);
  w.StartObject();
  Name(w, "keys");
  w.StartArray();
  for (const KeyView& key : keys) WriteKey(w, key);
  w.EndArray();
  w.EndObject();
  return out;
}

base::Result<KeyView> ParseKeyJson(std::string_view body) {
  OT_ASSIGN_OR_RETURN(rapidjson::Document doc, ParseAnswer(body));
  return ReadKey(doc);
}

base::Result<std::vector<KeyView>> ParseKeyListJson(std::string_view body) {
  OT_ASSIGN_OR_RETURN(rapidjson::Document doc, ParseAnswer(body));
  if (!doc.IsObject() || !doc.HasMember("keys") || !doc["keys"].IsArray()) {
    return base::Status(base::ErrorCode::kSerialization, "the server's answer is not a key list");
  }
  std::vector<KeyView> keys;
  for (const auto& v : doc["keys"].GetArray()) {
    OT_ASSIGN_OR_RETURN(KeyView key, ReadKey(v));
    keys.push_back(std::move(key));
  }
  return keys;
}

std::string ProblemDetail(std::string_view body) {
  auto doc = ParseAnswer(body);
  if (!doc.ok() || !doc->IsObject() || !doc->HasMember("detail") || !(*doc)["detail"].IsString()) {
    return "";
  }
  return std::string((*doc)["detail"].GetString(), (*doc)["detail"].GetStringLength());
}

std::string OrderJson(const orders::Order& order) {
  std::string out;
  StringSink sink(&out);
  Writer w(sink);
  WriteOrder(w, order);
  return out;
}

std::string PageJson(const orders::Page& page) {
  return ListPageJson("orders", page.orders, page.next_cursor, WriteOrder);
}

std::string EventPageJson(const events::EventPage& page) {
  return ListPageJson("events", page.events, page.next_cursor, WriteEvent);
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
