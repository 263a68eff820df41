#include "engine/key_codec.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace ordertrack::engine {
namespace {

std::string Enc(const model::AttributeValue& v) {
  std::string out;
  AppendKeyValue(v, &out);
  return out;
}

TEST(KeyCodecTest, StringsSortAsBytesAndAreSelfDelimiting) {
  std::vector<std::string> values = {"", "a", std::string("a\0", 2), "a\x01", "ab", "b",
                                     std::string("\0", 1), "\xff"};
  std::vector<std::string> by_value = values, by_encoding = values;
  std::sort(by_value.begin(), by_value.end());
  std::sort(by_encoding.begin(), by_encoding.end(), [](const auto& a, const auto& b) {
    return Enc(model::AttributeValue::S(a)) < Enc(model::AttributeValue::S(b));
  });
  EXPECT_EQ(by_value, by_encoding);
  // No encoding is a prefix of another, so a sort key can follow a partition key.
  for (const auto& a : values) {
    for (const auto& b : values) {
      if (a == b) continue;
      auto ea = Enc(model::AttributeValue::S(a)), eb = Enc(model::AttributeValue::S(b));
      EXPECT_NE(eb.compare(0, ea.size(), ea), 0) << "'" << a << "' prefixes '" << b << "'";
    }
  }
}

TEST(KeyCodecTest, BeginsWithPrefixCoversExactlyTheMatchingStrings) {
  std::string prefix;
  AppendKeyPrefix("10", &prefix);
  EXPECT_EQ(Enc(model::AttributeValue::S("101_5")).rfind(prefix, 0), 0u);
  EXPECT_NE(Enc(model::AttributeValue::S("1")).rfind(prefix, 0), 0u);
}

TEST(KeyCodecTest, PrefixSuccessorIsTheNextPrefix) {
  EXPECT_EQ(PrefixSuccessor("ab"), "ac");
  EXPECT_EQ(PrefixSuccessor(std::string("a\xff\xff")), "b");
  EXPECT_EQ(PrefixSuccessor(std::string("\xff")), "");
}

TEST(KeyCodecTest, PartitionHashIsStable) {
  // FNV-1a test vector: stored keys depend on this never changing.
  EXPECT_EQ(PartitionHash("a"), 0xe40c292cu);
}

}  // namespace
}  // namespace ordertrack::engine
