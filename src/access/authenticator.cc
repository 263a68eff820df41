#include "access/authenticator.h"

#include "base/strings.h"

namespace ordertrack::access {

std::string_view VerdictWord(Verdict verdict) {
  switch (verdict) {
    case Verdict::kAccepted:
      return "accepted";
    case Verdict::kMissing:
      return "missing";
    case Verdict::kMalformed:
      return "malformed";
    case Verdict::kUnknown:
      return "unknown";
    case Verdict::kRevoked:
      return "revoked";
  }
  return "malformed";
}

namespace {

Caller Refused(Verdict why) { return Caller{why, "", Role::kReader}; }

}  // namespace

Authenticator::Authenticator(KeyStore& keys, AuthenticatorOptions options)
    : keys_(keys), options_(std::move(options)) {
  if (!options_.steady_now) options_.steady_now = std::chrono::steady_clock::now;
}

std::chrono::steady_clock::time_point Authenticator::Now() const { return options_.steady_now(); }

base::Result<Caller> Authenticator::Authenticate(std::string_view authorization) {
  if (authorization.empty()) return Refused(Verdict::kMissing);
  // RFC 6750: "Bearer" (any case), spaces, the token.
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size() ||
      !base::EqualsIgnoringAsciiCase(authorization.substr(0, kScheme.size()), kScheme)) {
    return Refused(Verdict::kMalformed);
  }
  std::optional<TokenParts> token =
      ParseToken(base::Trim(authorization.substr(kScheme.size()), " \t"));
  if (!token) return Refused(Verdict::kMalformed);
  // Hashed once, before any lock: the cache is checked up to twice.
  std::optional<SecretDigest> digest = DigestOf(token->secret);
  if (!digest) return Refused(Verdict::kUnknown);

  const auto now = Now();
  bool record_use = false;
  std::optional<Caller> caller = FromCache(token->key_id, *digest, now, &record_use);
  if (!caller) {
    OT_ASSIGN_OR_RETURN(bool exists, Refill(token->key_id, now));
    if (!exists) return Refused(Verdict::kUnknown);
    caller = FromCache(token->key_id, *digest, now, &record_use);
    if (!caller) return base::Status(base::ErrorCode::kServiceUnavailable, "key cache churn");
  }
  // Best effort, outside the lock: a failed write is tried again after the
  // next interval.
  if (record_use) (void)keys_.RecordUse(std::string(token->key_id));
  return *caller;
}

std::optional<Caller> Authenticator::FromCache(std::string_view key_id, const SecretDigest& digest,
                                               std::chrono::steady_clock::time_point now,
                                               bool* record_use) {
  {
    base::ReaderLock lock(mu_);
    auto it = cache_.find(key_id);
    if (it == cache_.end() || now - it->second.fetched >= options_.cache_ttl) return std::nullopt;
    Caller caller = Check(digest, it->second.key);
    if (caller.verdict != Verdict::kAccepted ||
        now - it->second.use_recorded < options_.last_used_interval) {
      return caller;
    }
  }
  base::WriterLock lock(mu_);
  auto it = cache_.find(key_id);
  if (it == cache_.end() || now - it->second.fetched >= options_.cache_ttl) return std::nullopt;
  Caller caller = Check(digest, it->second.key);
  if (caller.verdict == Verdict::kAccepted &&
      now - it->second.use_recorded >= options_.last_used_interval) {
    it->second.use_recorded = now;
    *record_use = true;
  }
  return caller;
}

base::Result<bool> Authenticator::Refill(std::string_view key_id,
                                         std::chrono::steady_clock::time_point now) {
  constexpr int kAttempts = 10;
  for (int attempt = 0; attempt < kAttempts; ++attempt) {
    uint64_t revocations;
    {
      base::ReaderLock lock(mu_);
      revocations = revocations_;
    }
    OT_ASSIGN_OR_RETURN(std::optional<StoredKey> found, keys_.Find(std::string(key_id)));
    base::WriterLock lock(mu_);
    // A revocation since the read may be newer than what it read.
    if (revocations_ != revocations) continue;
    auto it = cache_.find(key_id);
    if (it != cache_.end() && it->second.key.info.revoked) {
      // Revoked stays revoked, whatever an older or lagging read says.
      it->second.fetched = now;
      return true;
    }
    if (!found) {
      if (it != cache_.end()) cache_.erase(it);
      return false;
    }
    auto last_use =
        it != cache_.end() ? it->second.use_recorded : now - options_.last_used_interval;
    cache_.insert_or_assign(std::string(key_id), Cached{std::move(*found), now, last_use});
    return true;
  }
  return base::Status(base::ErrorCode::kServiceUnavailable,
                      "keys are being revoked faster than they can be read");
}

Caller Authenticator::Check(const SecretDigest& digest, const StoredKey& key) {
  if (!DigestsEqual(digest, key.digest)) return Refused(Verdict::kUnknown);
  if (key.info.revoked) return Caller{Verdict::kRevoked, key.info.name, key.info.role};
  return Caller{Verdict::kAccepted, key.info.name, key.info.role};
}

base::Result<bool> Authenticator::KeysRequired() {
  if (keys_required_) return true;
  const int64_t now = Now().time_since_epoch().count();
  const int64_t ttl =
      std::chrono::duration_cast<std::chrono::steady_clock::duration>(options_.cache_ttl).count();
  int64_t checked = keys_checked_;
  if (checked != 0 && now - checked < ttl) return false;
  OT_ASSIGN_OR_RETURN(bool any, keys_.AnyKeys());
  if (any) keys_required_ = true;
  keys_checked_ = now;
  return any;
}

base::Result<CreatedKey> Authenticator::Create(const std::string& name, Role role) {
  OT_ASSIGN_OR_RETURN(CreatedKey created, keys_.Create(name, role));
  keys_required_ = true;
  return created;
}

base::Result<KeyInfo> Authenticator::Revoke(const std::string& name) {
  OT_ASSIGN_OR_RETURN(StoredKey revoked, keys_.Revoke(name));
  const auto now = Now();
  base::WriterLock lock(mu_);
  ++revocations_;
  KeyInfo info = revoked.info;
  std::string key_id = revoked.key_id;
  cache_.insert_or_assign(std::move(key_id), Cached{std::move(revoked), now, now});
  return info;
}

}  // namespace ordertrack::access
