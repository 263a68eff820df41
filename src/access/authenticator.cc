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
  std::optional<TokenParts> token = ParseToken(base::Trim(authorization.substr(kScheme.size()), " \t"));
  if (!token) return Refused(Verdict::kMalformed);

  const auto now = Now();
  {
    base::ReaderLock lock(mu_);
    auto it = cache_.find(token->key_id);
    if (it != cache_.end() && now - it->second.fetched < options_.cache_ttl &&
        now - it->second.use_recorded < options_.last_used_interval) {
      return Check(*token, it->second.key);
    }
  }
  base::WriterLock lock(mu_);
  auto it = cache_.find(token->key_id);
  if (it == cache_.end() || now - it->second.fetched >= options_.cache_ttl) {
    OT_ASSIGN_OR_RETURN(std::optional<StoredKey> found, keys_.Find(std::string(token->key_id)));
    if (!found) {
      if (it != cache_.end()) cache_.erase(it);
      return Refused(Verdict::kUnknown);
    }
    auto previous_use = it != cache_.end() ? it->second.use_recorded : now - options_.last_used_interval;
    it = cache_.insert_or_assign(std::string(token->key_id), Cached{std::move(*found), now, previous_use}).first;
  }
  OT_ASSIGN_OR_RETURN(Caller caller, Check(*token, it->second.key));
  if (caller.verdict == Verdict::kAccepted &&
      now - it->second.use_recorded >= options_.last_used_interval) {
    // Best effort: a failed write is tried again after the next interval.
    it->second.use_recorded = now;
    (void)keys_.RecordUse(std::string(token->key_id));
  }
  return caller;
}

base::Result<Caller> Authenticator::Check(const TokenParts& token, const StoredKey& key) {
  if (!DigestsEqual(DigestOf(token.secret), key.digest)) return Refused(Verdict::kUnknown);
  if (key.info.revoked) return Caller{Verdict::kRevoked, key.info.name, key.info.role};
  return Caller{Verdict::kAccepted, key.info.name, key.info.role};
}

base::Result<bool> Authenticator::KeysRequired() {
  if (keys_required_) return true;
  const int64_t now = Now().time_since_epoch().count();
  const int64_t ttl = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                          options_.cache_ttl)
                          .count();
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
  OT_ASSIGN_OR_RETURN(KeyInfo revoked, keys_.Revoke(name));
  base::WriterLock lock(mu_);
  std::erase_if(cache_, [&](const auto& entry) { return entry.second.key.info.name == name; });
  return revoked;
}

}  // namespace ordertrack::access
