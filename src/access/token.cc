#include "access/token.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>

#include "base/strings.h"

namespace ordertrack::access {
namespace {

bool LowerHex(std::string_view text) {
  for (char c : text) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

base::Result<Token> NewToken() {
  unsigned char bytes[(kKeyIdLength + kSecretLength) / 2];
  if (RAND_bytes(bytes, sizeof(bytes)) != 1) {
    return base::InternalError("the system's random number generator failed");
  }
  std::string hex =
      base::HexEncode(std::string_view(reinterpret_cast<const char*>(bytes), sizeof(bytes)));
  OPENSSL_cleanse(bytes, sizeof(bytes));
  Token token;
  token.key_id = hex.substr(0, kKeyIdLength);
  token.secret = hex.substr(kKeyIdLength);
  token.text = std::string(kTokenPrefix) + token.key_id + "_" + token.secret;
  OPENSSL_cleanse(hex.data(), hex.size());
  return token;
}

std::optional<TokenParts> ParseToken(std::string_view text) {
  if (text.size() != kTokenLength || !text.starts_with(kTokenPrefix)) return std::nullopt;
  std::string_view id = text.substr(kTokenPrefix.size(), kKeyIdLength);
  std::string_view separator = text.substr(kTokenPrefix.size() + kKeyIdLength, 1);
  std::string_view secret = text.substr(kTokenPrefix.size() + kKeyIdLength + 1);
  if (separator != "_" || !LowerHex(id) || !LowerHex(secret)) return std::nullopt;
  return TokenParts{id, secret};
}

std::optional<SecretDigest> DigestOf(std::string_view secret) {
  static EVP_MD* const sha256 = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  struct ContextDeleter {
    void operator()(EVP_MD_CTX* c) const { EVP_MD_CTX_free(c); }
  };
  thread_local std::unique_ptr<EVP_MD_CTX, ContextDeleter> context(EVP_MD_CTX_new());
  SecretDigest digest;
  unsigned int size = 0;
  if (sha256 == nullptr || !context || EVP_DigestInit_ex2(context.get(), sha256, nullptr) != 1 ||
      EVP_DigestUpdate(context.get(), secret.data(), secret.size()) != 1 ||
      EVP_DigestFinal_ex(context.get(), digest.data(), &size) != 1 || size != digest.size()) {
    return std::nullopt;
  }
  return digest;
}

bool DigestsEqual(const SecretDigest& a, const SecretDigest& b) {
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

}  // namespace ordertrack::access
