// File: sigv4/internal/crypto.h
// The hashing SigV4 needs (SHA-256, HMAC-SHA256, lower-case hex), over OpenSSL's
// libcrypto. Internal to sigv4 (depends on base only); OpenSSL stays behind
// this header.
#pragma once

#include <string>
#include <string_view>

namespace ordertrack::sigv4 {

// The 32 raw bytes of SHA-256(`data`).
std::string Sha256(std::string_view data);

// Lower-case hex of SHA-256(`data`): 64 characters.
std::string HexSha256(std::string_view data);

// The 32 raw bytes of HMAC-SHA256 keyed with `key` over `data`.
std::string HmacSha256(std::string_view key, std::string_view data);

// Lower-case hex of HMAC-SHA256(`key`, `data`): 64 characters.
std::string HexHmacSha256(std::string_view key, std::string_view data);

// True when `a` and `b` are equal, in time that depends only on their lengths
// (for comparing signatures).
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace ordertrack::sigv4
