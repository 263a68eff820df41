#include "engine/internal/key_codec.h"
#include "engine/internal/table_info.h"

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

// The layout of docs/key_encoding.md, byte by byte: stored data depends on it.
TEST(KeyCodecTest, RowAndIndexEntryKeysKeepTheirLayout) {
  using model::AttributeValue;
  TableInfo table;
  table.id = 7;
  table.key.partition_key = "order_id";
  IndexInfo index;
  index.index_no = 2;
  index.key.partition_key = "user_id";
  index.key.sort_key = "created";
  model::Item item = {{"order_id", AttributeValue::S("o1")},
                      {"user_id", AttributeValue::S("u1")},
                      {"created", AttributeValue::S("c1")}};
  auto big_endian = [](uint32_t v, int bytes) {
    std::string out;
    for (int i = bytes - 1; i >= 0; --i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
    return out;
  };
  const std::string order = Enc(AttributeValue::S("o1")), user = Enc(AttributeValue::S("u1"));
  EXPECT_EQ(order, std::string("o1\0\x01", 4));
  EXPECT_EQ(TableRowKey(table, item),
            "D" + big_endian(7, 4) + big_endian(0, 2) + big_endian(PartitionHash(order), 4) + order);
  EXPECT_EQ(IndexEntryKey(table, index, item),
            "D" + big_endian(7, 4) + big_endian(2, 2) + big_endian(PartitionHash(user), 4) + user +
                Enc(AttributeValue::S("c1")) + order);
}

TEST(KeyCodecTest, PartitionHashIsStable) {
  // FNV-1a test vector: stored keys depend on this never changing.
  EXPECT_EQ(PartitionHash("a"), 0xe40c292cu);
}

}  // namespace
}  // namespace ordertrack::engine
