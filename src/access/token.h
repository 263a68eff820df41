// File: access/token.h
// The REST API's bearer tokens: "ot_" + a 16-hex-digit key id + "_" + a
// 64-hex-digit secret (256 bits from the OS's CSPRNG). The id names the key
// in the store and is not secret; only the SHA-256 digest of the secret is
// stored. The secret is a random 256-bit value, not a password, so a fast
// digest is enough: no dictionary can guess it, and the lookup stays cheap.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"

namespace ordertrack::access {

inline constexpr std::string_view kTokenPrefix = "ot_";
inline constexpr size_t kKeyIdLength = 16;
inline constexpr size_t kSecretLength = 64;
inline constexpr size_t kTokenLength = kTokenPrefix.size() + kKeyIdLength + 1 + kSecretLength;

using SecretDigest = std::array<uint8_t, 32>;

struct Token {
  std::string key_id;
  std::string secret;
  std::string text;  // what the client sends: "ot_<key_id>_<secret>"
};

// A fresh token. InternalError when the OS's random source fails.
base::Result<Token> NewToken();

// A token a request carries, pointing into the request.
struct TokenParts {
  std::string_view key_id;
  std::string_view secret;
};

// The key id and secret of `text`, or nullopt when it is not a token of
// this form (wrong length, prefix, separator or digits).
std::optional<TokenParts> ParseToken(std::string_view text);

// SHA-256; nullopt only when libcrypto cannot compute it. The algorithm is
// fetched once: OpenSSL 3's one-shot SHA256() looks it up on every call.
std::optional<SecretDigest> DigestOf(std::string_view secret);

// Compares in time that does not depend on where they differ.
bool DigestsEqual(const SecretDigest& a, const SecretDigest& b);

}  // namespace ordertrack::access
