// File: base/strings.h
// Byte-string helpers that several modules need: ASCII case and trimming,
// percent-decoding, hex and base64. All of them work on ASCII bytes and
// ignore the locale, as the texts they serve (HTTP, SigV4, DynamoDB's JSON,
// our cursors) are defined in bytes; other bytes pass through unchanged.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace ordertrack::base {

// The ASCII letter `c` in lower (upper) case; any other byte as it is.
constexpr char AsciiToLower(char c) { return c >= 'A' && c <= 'Z' ? char(c - 'A' + 'a') : c; }
constexpr char AsciiToUpper(char c) { return c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c; }

// `s` with every ASCII letter in lower (upper) case.
std::string AsciiLower(std::string_view s);
std::string AsciiUpper(std::string_view s);

// True when `a` and `b` are equal once both are AsciiLower'ed.
bool EqualsIgnoringAsciiCase(std::string_view a, std::string_view b);

// The characters C's isspace() accepts in the "C" locale.
inline constexpr std::string_view kAsciiWhitespace = " \t\n\v\f\r";

// `s` without the leading and trailing characters that are in `chars`. Each
// caller names its own set, because the protocols differ: HTTP's optional
// whitespace is " \t", an INI line ends in " \t\r".
std::string_view Trim(std::string_view s, std::string_view chars);

// Decodes RFC 3986 percent escapes (%XY, hex digits of either case) of `s`
// into *out; '+' stays '+', since this is not form encoding.
// One rule for a malformed escape (a '%' not followed by two hex digits): it
// is copied to *out as it is, decoding goes on after it, and the result is
// false. So a caller that must refuse malformed input checks the result, and
// one that must tolerate it (SigV4 signs what botocore signs) uses *out.
bool PercentDecode(std::string_view s, std::string* out);

// The hex digits in lower and upper case.
inline constexpr char kHexDigits[] = "0123456789abcdef";
inline constexpr char kUpperHexDigits[] = "0123456789ABCDEF";

// Two lower-case hex digits per byte of `bytes`.
std::string HexEncode(std::string_view bytes);

// The value of hex digit `c` (either case), or -1 when it is not one.
int HexDigitValue(char c);

// Standard base64 (RFC 4648 section 4), with '=' padding, appended to *out.
void AppendBase64(std::string_view bytes, std::string* out);
std::string Base64Encode(std::string_view bytes);

// Why Base64Decode refused its text.
struct Base64Error {
  enum class Kind {
    kLength,     // the length is not a multiple of 4
    kCharacter,  // `character` is neither in the alphabet nor trailing padding
    kPadding,    // a '=' that is not trailing padding, or padding that drops bits that are not 0
  };
  Kind kind;
  char character = 0;  // kCharacter only
};

// Decodes standard padded base64 strictly, as DynamoDB does: a length that is
// a multiple of 4, '=' only as the last one or two characters, and the bits
// the padding drops all 0 (the canonical encoding of the bytes). Replaces
// *out; on error its contents are unspecified.
std::optional<Base64Error> Base64Decode(std::string_view text, std::string* out);

// 64-bit FNV-1a of `bytes`: a check against mangled text (iterators,
// cursors), not a secret and not a persisted hash.
uint64_t Fnv1a64(std::string_view bytes);

// URL-safe base64 (RFC 4648 section 5, '-' and '_'), without padding.
std::string Base64UrlEncode(std::string_view bytes);

// Decodes unpadded URL-safe base64 into *out (replaced). Lenient about the
// end: bits that do not fill a byte are dropped, whatever their value. False
// on a character outside the alphabet ('=' included).
bool Base64UrlDecode(std::string_view text, std::string* out);

}  // namespace ordertrack::base
