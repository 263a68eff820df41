#include "model/item_codec.h"

#include <gtest/gtest.h>

namespace ordertrack::model {
namespace {

TEST(ItemCodecTest, EveryTypeRoundTrips) {
  Item item = {
      {"s", AttributeValue::S("text")},
      {"empty", AttributeValue::S("")},
      {"n", AttributeValue::NumberFromText("-12.5e3")},
      {"b", AttributeValue::B(std::string("\0\xff", 2))},
      {"t", AttributeValue::Bool(true)},
      {"z", AttributeValue::Null()},
      {"m", AttributeValue::M({{"inner", AttributeValue::L({AttributeValue::S("x")})}})},
      {"ss", AttributeValue::SS({"a", "b"})},
      {"ns", AttributeValue::NS({*Number::Parse("1"), *Number::Parse("0.5")})},
      {"bs", AttributeValue::BS({"\x01"})},
  };
  auto decoded = DecodeItem(EncodeItem(item));
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, item);
}

TEST(ItemCodecTest, TruncatedOrGarbageIsCorruption) {
  std::string bytes = EncodeItem({{"s", AttributeValue::S("text")}});
  for (size_t n = 0; n < bytes.size(); ++n) {
    EXPECT_FALSE(DecodeItem(std::string_view(bytes).substr(0, n)).ok()) << n;
  }
  EXPECT_FALSE(DecodeItem(bytes + "x").ok());
  EXPECT_EQ(DecodeItem("\x01\x01s\x63").status().code(), base::ErrorCode::kCorruption);
}

}  // namespace
}  // namespace ordertrack::model
