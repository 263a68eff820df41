// File: access/authenticator.h
// Authenticator: who a REST request comes from, from its Authorization
// header, with the keys a KeyStore holds. A key found once is cached for
// `cache_ttl`, so a request with a valid key costs a SHA-256 of its secret
// and a map lookup, not a read of the store; the store is read without a
// lock held, so a slow store or a flood of unknown tokens holds up no other
// request's check. A key revoked through this Authenticator stops working
// at once, even while the store's write is still pending in a write group
// (the revoked key is cached and never replaced by an older read); one
// revoked by another server that shares the store stops within `cache_ttl`.
// Thread-safe.
#pragma once

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "access/key_store.h"
#include "base/mutex.h"

namespace ordertrack::access {

// Why a request was let in or not. Only the verdict and the key's name
// leave the Authenticator; the token never does.
enum class Verdict {
  kAccepted,
  kMissing,    // no Authorization header
  kMalformed,  // not "Bearer <token>", or not a token of ours
  kUnknown,    // a well-formed token no key here has (another store's, or made up)
  kRevoked,
};

// "accepted", "missing", "malformed", "unknown", "revoked": metric labels.
std::string_view VerdictWord(Verdict verdict);

struct Caller {
  Verdict verdict = Verdict::kMissing;
  std::string name;  // the key's, when accepted
  Role role = Role::kReader;
};

struct AuthenticatorOptions {
  std::chrono::milliseconds cache_ttl{std::chrono::seconds(5)};
  // last_used is written at most this often per key.
  std::chrono::milliseconds last_used_interval{std::chrono::seconds(60)};
  // Steady time, for the cache; tests pass a fake clock.
  std::function<std::chrono::steady_clock::time_point()> steady_now;
};

class Authenticator {
 public:
  // `keys` must outlive the Authenticator.
  explicit Authenticator(KeyStore& keys, AuthenticatorOptions options = {});

  // Checks an Authorization header's value (empty: no header). Errors only
  // when the store cannot be read.
  base::Result<Caller> Authenticate(std::string_view authorization);

  // True once this store has any key: the REST API then takes no request
  // without one. Never turns false again in this process.
  base::Result<bool> KeysRequired();

  // KeyStore's, and this Authenticator at once knows the result.
  base::Result<CreatedKey> Create(const std::string& name, Role role);
  base::Result<KeyInfo> Revoke(const std::string& name);
  // For what needs no cache.
  base::Result<std::vector<KeyInfo>> List() { return keys_.List(); }
  base::Result<KeyInfo> Get(const std::string& name) { return keys_.Get(name); }

 private:
  struct Cached {
    StoredKey key;
    std::chrono::steady_clock::time_point fetched;
    std::chrono::steady_clock::time_point use_recorded;
  };
  // The cached verdict on a token of key `key_id` whose secret has `digest`,
  // when the key's entry is fresh; sets *record_use when its last_used is
  // due (and marks it recorded).
  std::optional<Caller> FromCache(std::string_view key_id, const SecretDigest& digest,
                                  std::chrono::steady_clock::time_point now, bool* record_use);
  // Reads the key from the store into the cache. False when it does not
  // exist; retried while revocations race the read.
  base::Result<bool> Refill(std::string_view key_id, std::chrono::steady_clock::time_point now);
  static Caller Check(const SecretDigest& digest, const StoredKey& key);
  std::chrono::steady_clock::time_point Now() const;

  KeyStore& keys_;
  AuthenticatorOptions options_;
  base::SharedMutex mu_;
  // Looked up by the request's string_view, without a copy.
  struct IdHash {
    using is_transparent = void;
    size_t operator()(std::string_view id) const { return std::hash<std::string_view>()(id); }
  };
  std::unordered_map<std::string, Cached, IdHash, std::equal_to<>> cache_
      OT_GUARDED_BY(mu_);  // by key id
  uint64_t revocations_ OT_GUARDED_BY(mu_) = 0;
  std::atomic<bool> keys_required_{false};
  std::atomic<int64_t> keys_checked_{0};  // steady ticks of the last AnyKeys
};

}  // namespace ordertrack::access
