// File: access/key_store.h
// KeyStore: the REST API's keys, kept in a table of the store itself, so
// they work alike on the embedded engine and on a remote DynamoDB that
// several servers share. A key has a unique name, a role and a secret that
// is shown once, at creation; the table keeps only its SHA-256 digest
// (access/token.h). Revoking keeps the key (so the order histories that
// name it stay unambiguous) and its name stays taken.
//
// The table, `<orders table>_keys`, has one string hash key `id` and two
// kinds of item, written together in one transaction:
//   "key#<key id>"  name, role, digest (hex), created, revoked, last_used
//   "name#<name>"   key_id (claims the name)
// Times are microseconds since the Unix epoch. Thread-safe.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "access/token.h"
#include "api/dynamodb.h"

namespace ordertrack::access {

// Each role may do what the ones before it may.
enum class Role { kReader, kWriter, kAdmin };

// "reader", "writer", "admin".
std::string_view RoleWord(Role role);
std::optional<Role> RoleFromWord(std::string_view word);
// True when a key of role `granted` may call a route that needs `needed`.
bool Grants(Role granted, Role needed);

// 1 to 64 characters of A-Z a-z 0-9 . _ -, starting with a letter or digit:
// names show in order histories and URLs (/v1/keys/{name}) unescaped, and
// never contain the ':' that marks the actors that are not keys.
bool IsKeyName(std::string_view name);

struct KeyInfo {
  std::string name;
  Role role = Role::kReader;
  int64_t created = 0;
  std::optional<int64_t> last_used;
  std::optional<int64_t> revoked;
  bool operator==(const KeyInfo&) const = default;
};

// A key as Authenticate needs it.
struct StoredKey {
  std::string key_id;
  KeyInfo info;
  SecretDigest digest{};
};

// A new key: the token is in no other place and cannot be shown again.
struct CreatedKey {
  KeyInfo info;
  std::string token;
};

struct KeyStoreOptions {
  std::string table = "purchase_keys";
  // Microseconds since the Unix epoch; tests pass a fake clock.
  std::function<int64_t()> now;
};

class KeyStore {
 public:
  // `db` must outlive the store.
  KeyStore(api::DynamoDb& db, KeyStoreOptions options = {});

  // Creates the table when missing. Create does this by itself.
  base::Status EnsureTable();

  // ValidationException for a name IsKeyName refuses;
  // ConditionalCheckFailedException when a key of that name exists (revoked
  // or not).
  base::Result<CreatedKey> Create(const std::string& name, Role role);
  // Every key, revoked ones included, by name.
  base::Result<std::vector<KeyInfo>> List();
  // ResourceNotFoundException for an unknown name.
  base::Result<KeyInfo> Get(const std::string& name);
  // Revokes the key (a revoked key stays revoked at its first revocation's
  // time) and returns it. ResourceNotFoundException for an unknown name.
  base::Result<StoredKey> Revoke(const std::string& name);

  // The key with this id, revoked or not; nullopt when there is none.
  base::Result<std::optional<StoredKey>> Find(const std::string& key_id);
  // Sets the key's last_used to now.
  base::Status RecordUse(const std::string& key_id);
  // True once any key was ever created here (revoking never makes it false).
  base::Result<bool> AnyKeys();

 private:
  base::Status Ready();
  base::Result<std::string> KeyIdOf(const std::string& name);
  // An update of the existing key `key_id`: `expression`, with :now the time.
  api::UpdateItemRequest UpdateAtNow(const std::string& key_id, std::string expression) const;

  api::DynamoDb& db_;
  KeyStoreOptions options_;
  std::mutex ready_mu_;
  std::atomic<bool> ready_{false};
};

}  // namespace ordertrack::access
