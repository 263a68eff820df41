#include "base/strings.h"

#include <gtest/gtest.h>

namespace ordertrack::base {
namespace {

TEST(StringsTest, AsciiCaseLeavesOtherBytesAlone) {
  EXPECT_EQ(AsciiLower("Content-TYPE: \xC3\x89t\xC3\xA9 @[`{"),
            "content-type: \xC3\x89t\xC3\xA9 @[`{");
  EXPECT_EQ(AsciiUpper("post \xC3\xA9 @[`{"), "POST \xC3\xA9 @[`{");
  EXPECT_TRUE(EqualsIgnoringAsciiCase("X-Amz-Date", "x-amz-date"));
  EXPECT_FALSE(EqualsIgnoringAsciiCase("x-amz-date", "x-amz-dat"));
  EXPECT_FALSE(EqualsIgnoringAsciiCase("@", "`"));  // neighbours of the letters
}

TEST(StringsTest, TrimRemovesOnlyTheGivenCharactersAtTheEnds) {
  EXPECT_EQ(Trim(" \t a b \r\n", kAsciiWhitespace), "a b");
  EXPECT_EQ(Trim("\v\fa\v", kAsciiWhitespace), "a");
  EXPECT_EQ(Trim(" a\r\n", " \t"), "a\r\n");
  EXPECT_EQ(Trim(" \t ", " \t"), "");
  EXPECT_EQ(Trim("", " "), "");
}

TEST(StringsTest, PercentDecodeDecodesEscapesOfEitherCase) {
  std::string out;
  EXPECT_TRUE(PercentDecode("a%2Fb%2fc+d%20", &out));
  EXPECT_EQ(out, "a/b/c+d ");
  EXPECT_TRUE(PercentDecode("%E1%88%B4", &out));
  EXPECT_EQ(out, "\xE1\x88\xB4");
}

TEST(StringsTest, PercentDecodeKeepsAMalformedEscapeAndSaysSo) {
  std::string out;
  EXPECT_FALSE(PercentDecode("%zz%41", &out));
  EXPECT_EQ(out, "%zzA");
  EXPECT_FALSE(PercentDecode("a%4", &out));
  EXPECT_EQ(out, "a%4");
  EXPECT_FALSE(PercentDecode("%", &out));
  EXPECT_EQ(out, "%");
  EXPECT_FALSE(PercentDecode("%%41", &out));
  EXPECT_EQ(out, "%A");
}

TEST(StringsTest, Hex) {
  EXPECT_EQ(HexEncode(std::string("\x00\x7f\x80\xff", 4)), "007f80ff");
  EXPECT_EQ(HexDigitValue('0'), 0);
  EXPECT_EQ(HexDigitValue('f'), 15);
  EXPECT_EQ(HexDigitValue('F'), 15);
  EXPECT_EQ(HexDigitValue('g'), -1);
  EXPECT_EQ(HexDigitValue('/'), -1);
}

TEST(StringsTest, Base64EncodesWithPadding) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("\xfb\xff"), "+/8=");
  std::string out = "x";
  AppendBase64("foob", &out);
  EXPECT_EQ(out, "xZm9vYg==");
}

TEST(StringsTest, Base64DecodeRoundTrips) {
  std::string bytes;
  for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  for (size_t n = 0; n <= bytes.size(); n += 37) {
    std::string decoded = "stale";
    EXPECT_EQ(Base64Decode(Base64Encode(bytes.substr(0, n)), &decoded), std::nullopt);
    EXPECT_EQ(decoded, bytes.substr(0, n));
  }
}

TEST(StringsTest, Base64DecodeSaysWhatIsWrong) {
  using Kind = Base64Error::Kind;
  std::string out;
  EXPECT_EQ(Base64Decode("Zm9", &out)->kind, Kind::kLength);
  auto bad = Base64Decode("Zm-v", &out);
  EXPECT_EQ(bad->kind, Kind::kCharacter);
  EXPECT_EQ(bad->character, '-');
  EXPECT_EQ(Base64Decode("Z=9v", &out)->kind, Kind::kPadding);  // '=' inside
  EXPECT_EQ(Base64Decode("Z===", &out)->kind, Kind::kPadding);  // three of them
  EXPECT_EQ(Base64Decode("Zh==", &out)->kind, Kind::kPadding);  // dropped bits not 0
  EXPECT_EQ(Base64Decode("Zm9=", &out)->kind, Kind::kPadding);
}

// The published FNV-1a 64 test vectors.
TEST(StringsTest, Fnv1a64MatchesTheReference) {
  EXPECT_EQ(Fnv1a64(""), 0xcbf29ce484222325ull);
  EXPECT_EQ(Fnv1a64("a"), 0xaf63dc4c8601ec8cull);
  EXPECT_EQ(Fnv1a64("foobar"), 0x85944171f73967e8ull);
}

TEST(StringsTest, Base64UrlIsUnpaddedAndLenientAtTheEnd) {
  EXPECT_EQ(Base64UrlEncode("\xfb\xff"), "-_8");
  EXPECT_EQ(Base64UrlEncode("f"), "Zg");
  std::string out;
  EXPECT_TRUE(Base64UrlDecode("-_8", &out));
  EXPECT_EQ(out, "\xfb\xff");
  EXPECT_TRUE(Base64UrlDecode("Zh", &out));  // the dropped bits may be anything
  EXPECT_EQ(out, "f");
  EXPECT_TRUE(Base64UrlDecode("ZgA", &out));
  EXPECT_EQ(out, std::string("f\0", 2));
  EXPECT_FALSE(Base64UrlDecode("Zg==", &out));
  EXPECT_FALSE(Base64UrlDecode("+/8", &out));
}

}  // namespace
}  // namespace ordertrack::base
