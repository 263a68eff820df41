#include "access/key_store.h"

#include <algorithm>

#include "api/ensure_table.h"
#include "base/clock.h"
#include "base/strings.h"

namespace ordertrack::access {
namespace {

using model::AttributeValue;
using model::Item;

constexpr char kId[] = "id";
constexpr char kName[] = "name";
constexpr char kRole[] = "role";
constexpr char kDigest[] = "digest";
constexpr char kCreated[] = "created";
constexpr char kRevoked[] = "revoked";
constexpr char kLastUsed[] = "last_used";
constexpr char kKeyId[] = "key_id";
constexpr std::string_view kKeyItem = "key#";
constexpr std::string_view kNameItem = "name#";

AttributeValue Str(std::string s) { return AttributeValue::S(std::move(s)); }
Item KeyOf(std::string_view kind, std::string_view id) {
  return {{kId, Str(std::string(kind) + std::string(id))}};
}

base::Status Malformed(const std::string& what) {
  return base::Status(base::ErrorCode::kCorruption, "stored key is malformed: " + what);
}

base::Result<StoredKey> ItemToKey(const Item& item) {
  auto text = [&](const char* name) -> const std::string* {
    auto it = item.find(name);
    return it != item.end() && it->second.is(model::Type::kS) ? &it->second.s() : nullptr;
  };
  auto number = [&](const char* name) -> std::optional<int64_t> {
    auto it = item.find(name);
    if (it == item.end() || !it->second.is(model::Type::kN)) return std::nullopt;
    return it->second.n().ToInt64();
  };
  StoredKey key;
  const std::string* id = text(kId);
  const std::string* name = text(kName);
  const std::string* role = text(kRole);
  const std::string* digest = text(kDigest);
  auto created = number(kCreated);
  if (!id || !id->starts_with(kKeyItem) || !name || !role || !digest || !created) {
    return Malformed("a field is missing");
  }
  key.key_id = id->substr(kKeyItem.size());
  key.info.name = *name;
  auto parsed_role = RoleFromWord(*role);
  if (!parsed_role) return Malformed("role");
  key.info.role = *parsed_role;
  key.info.created = *created;
  key.info.revoked = number(kRevoked);
  key.info.last_used = number(kLastUsed);
  if (digest->size() != 2 * key.digest.size()) return Malformed("digest");
  for (size_t i = 0; i < key.digest.size(); ++i) {
    int high = base::HexDigitValue((*digest)[2 * i]);
    int low = base::HexDigitValue((*digest)[2 * i + 1]);
    if (high < 0 || low < 0) return Malformed("digest");
    key.digest[i] = static_cast<uint8_t>(high * 16 + low);
  }
  return key;
}

}  // namespace

std::string_view RoleWord(Role role) {
  switch (role) {
    case Role::kReader:
      return "reader";
    case Role::kWriter:
      return "writer";
    case Role::kAdmin:
      return "admin";
  }
  return "reader";
}

std::optional<Role> RoleFromWord(std::string_view word) {
  for (Role role : {Role::kReader, Role::kWriter, Role::kAdmin}) {
    if (RoleWord(role) == word) return role;
  }
  return std::nullopt;
}

bool Grants(Role granted, Role needed) {
  return static_cast<int>(granted) >= static_cast<int>(needed);
}

bool IsKeyName(std::string_view name) {
  if (name.empty() || name.size() > 64) return false;
  auto alnum = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  };
  if (!alnum(name[0])) return false;
  return std::all_of(name.begin(), name.end(),
                     [&](char c) { return alnum(c) || c == '.' || c == '_' || c == '-'; });
}

KeyStore::KeyStore(api::DynamoDb& db, KeyStoreOptions options)
    : db_(db), options_(std::move(options)) {
  if (!options_.now) options_.now = base::UnixMicros;
}

base::Status KeyStore::EnsureTable() {
  api::CreateTableRequest request;
  request.table_name = options_.table;
  request.billing_mode = model::BillingMode::kPayPerRequest;
  request.key_schema = {{kId, model::KeyType::kHash}};
  request.attribute_definitions = {{kId, model::Type::kS}};
  OT_RETURN_IF_ERROR(api::CreateTableIfMissing(db_, request));
  ready_ = true;
  return base::Status();
}

base::Status KeyStore::Ready() {
  if (ready_) return base::Status();
  std::lock_guard lock(ready_mu_);
  if (ready_) return base::Status();
  return EnsureTable();
}

base::Result<CreatedKey> KeyStore::Create(const std::string& name, Role role) {
  if (!IsKeyName(name)) {
    return base::ValidationError(
        "a key name is 1 to 64 characters of A-Z a-z 0-9 . _ -, starting with a letter or "
        "digit");
  }
  OT_RETURN_IF_ERROR(Ready());
  OT_ASSIGN_OR_RETURN(Token token, NewToken());
  CreatedKey created{{name, role, options_.now(), std::nullopt, std::nullopt}, token.text};
  std::optional<SecretDigest> digest = DigestOf(token.secret);
  if (!digest) return base::InternalError("SHA-256 is not available from libcrypto");
  std::string digest_hex = base::HexEncode(
      std::string_view(reinterpret_cast<const char*>(digest->data()), digest->size()));

  api::TransactPut put_key;
  put_key.table_name = options_.table;
  put_key.item = KeyOf(kKeyItem, token.key_id);
  put_key.item.emplace(kName, Str(name));
  put_key.item.emplace(kRole, Str(std::string(RoleWord(role))));
  put_key.item.emplace(kDigest, Str(digest_hex));
  put_key.item.emplace(kCreated, AttributeValue::NumberFromInt64(created.info.created));
  put_key.condition_expression = "attribute_not_exists(id)";
  api::TransactPut claim_name;
  claim_name.table_name = options_.table;
  claim_name.item = KeyOf(kNameItem, name);
  claim_name.item.emplace(kKeyId, Str(token.key_id));
  claim_name.condition_expression = "attribute_not_exists(id)";
  api::TransactWriteItemsRequest transaction;
  transaction.transact_items = {put_key, claim_name};
  auto written = db_.TransactWriteItems(transaction);
  if (written.ok()) return created;
  auto* reasons = dynamic_cast<const api::CancellationReasons*>(written.status().details());
  if (reasons != nullptr && reasons->reasons.size() == 2 &&
      reasons->reasons[1].code == "ConditionalCheckFailed") {
    return base::Status(base::ErrorCode::kConditionalCheckFailed,
                        "a key named " + name + " already exists");
  }
  return written.status();
}

base::Result<std::vector<KeyInfo>> KeyStore::List() {
  std::vector<KeyInfo> keys;
  api::ScanRequest scan;
  scan.read.table_name = options_.table;
  scan.read.consistent_read = true;
  scan.read.filter_expression = "begins_with(id, :key)";
  scan.read.expression.expression_attribute_values =
      model::ExpressionAttributeValues{{":key", Str(std::string(kKeyItem))}};
  do {
    auto page = db_.Scan(scan);
    if (!page.ok() && page.status().code() == base::ErrorCode::kResourceNotFound) return keys;
    if (!page.ok()) return page.status();
    for (const Item& item : page->items) {
      OT_ASSIGN_OR_RETURN(StoredKey key, ItemToKey(item));
      keys.push_back(std::move(key.info));
    }
    scan.read.exclusive_start_key = page->last_evaluated_key;
  } while (scan.read.exclusive_start_key);
  std::sort(keys.begin(), keys.end(),
            [](const KeyInfo& a, const KeyInfo& b) { return a.name < b.name; });
  return keys;
}

base::Result<std::string> KeyStore::KeyIdOf(const std::string& name) {
  base::Status unknown = base::NotFoundError("no key named " + name);
  if (!IsKeyName(name)) return unknown;
  api::GetItemRequest get;
  get.table_name = options_.table;
  get.key = KeyOf(kNameItem, name);
  get.consistent_read = true;
  auto got = db_.GetItem(get);
  if (!got.ok() && got.status().code() == base::ErrorCode::kResourceNotFound) return unknown;
  if (!got.ok()) return got.status();
  if (!got->item) return unknown;
  auto id = got->item->find(kKeyId);
  if (id == got->item->end() || !id->second.is(model::Type::kS)) {
    return Malformed("name " + name + " has no key_id");
  }
  return id->second.s();
}

base::Result<KeyInfo> KeyStore::Get(const std::string& name) {
  OT_ASSIGN_OR_RETURN(std::string key_id, KeyIdOf(name));
  OT_ASSIGN_OR_RETURN(auto key, Find(key_id));
  if (!key) return Malformed("name " + name + " claims a key that does not exist");
  return key->info;
}

api::UpdateItemRequest KeyStore::UpdateAtNow(const std::string& key_id,
                                             std::string expression) const {
  api::UpdateItemRequest update;
  update.table_name = options_.table;
  update.key = KeyOf(kKeyItem, key_id);
  update.update_expression = std::move(expression);
  update.condition.condition_expression = "attribute_exists(id)";
  update.expression.expression_attribute_values =
      model::ExpressionAttributeValues{{":now", AttributeValue::NumberFromInt64(options_.now())}};
  return update;
}

base::Result<StoredKey> KeyStore::Revoke(const std::string& name) {
  OT_ASSIGN_OR_RETURN(std::string key_id, KeyIdOf(name));
  api::UpdateItemRequest update = UpdateAtNow(key_id, "SET revoked = if_not_exists(revoked, :now)");
  update.options.return_values = api::ReturnValue::kAllNew;
  auto updated = db_.UpdateItem(update);
  if (!updated.ok() && updated.status().code() == base::ErrorCode::kConditionalCheckFailed) {
    return Malformed("name " + name + " claims a key that does not exist");
  }
  if (!updated.ok()) return updated.status();
  return ItemToKey(*updated->attributes);
}

base::Result<std::optional<StoredKey>> KeyStore::Find(const std::string& key_id) {
  api::GetItemRequest get;
  get.table_name = options_.table;
  get.key = KeyOf(kKeyItem, key_id);
  get.consistent_read = true;
  auto got = db_.GetItem(get);
  if (!got.ok() && got.status().code() == base::ErrorCode::kResourceNotFound) {
    return std::optional<StoredKey>();
  }
  if (!got.ok()) return got.status();
  if (!got->item) return std::optional<StoredKey>();
  OT_ASSIGN_OR_RETURN(StoredKey key, ItemToKey(*got->item));
  return std::optional<StoredKey>(std::move(key));
}

base::Status KeyStore::RecordUse(const std::string& key_id) {
  return db_.UpdateItem(UpdateAtNow(key_id, "SET last_used = :now")).status();
}

base::Result<bool> KeyStore::AnyKeys() {
  api::ScanRequest scan;
  scan.read.table_name = options_.table;
  scan.read.consistent_read = true;
  scan.read.limit = 1;
  auto page = db_.Scan(scan);
  if (!page.ok() && page.status().code() == base::ErrorCode::kResourceNotFound) return false;
  if (!page.ok()) return page.status();
  return !page->items.empty();
}

}  // namespace ordertrack::access
