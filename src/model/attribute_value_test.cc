#include "model/attribute_value.h"

#include <gtest/gtest.h>

namespace ordertrack::model {
namespace {

AttributeValue Num(std::string_view text) { return AttributeValue::NumberFromText(text); }

TEST(AttributeValueTest, NumbersCompareByValue) {
  EXPECT_EQ(Num("1.0"), Num("1"));
  EXPECT_FALSE(Num("1") == Num("2"));
  EXPECT_FALSE(Num("1") == AttributeValue::S("1"));
}

TEST(AttributeValueTest, SetsCompareRegardlessOfOrder) {
  EXPECT_EQ(AttributeValue::SS({"a", "b"}), AttributeValue::SS({"b", "a"}));
  EXPECT_FALSE(AttributeValue::SS({"a"}) == AttributeValue::BS({"a"}));
  EXPECT_EQ(AttributeValue::NS({*Number::Parse("1"), *Number::Parse("2.0")}),
            AttributeValue::NS({*Number::Parse("2"), *Number::Parse("1")}));
}

TEST(AttributeValueTest, ListsAreOrdered) {
  EXPECT_FALSE(AttributeValue::L({Num("1"), Num("2")}) == AttributeValue::L({Num("2"), Num("1")}));
  EXPECT_EQ(AttributeValue::M({{"a", AttributeValue::L({Num("1")})}}),
            AttributeValue::M({{"a", AttributeValue::L({Num("1.00")})}}));
}

TEST(AttributeValueTest, TypeNamesRoundTrip) {
  for (Type t : {Type::kS, Type::kN, Type::kB, Type::kBool, Type::kNull, Type::kM, Type::kL,
                 Type::kSS, Type::kNS, Type::kBS}) {
    Type back;
    ASSERT_TRUE(TypeFromName(TypeName(t), &back));
    EXPECT_EQ(back, t);
  }
  Type ignored;
  EXPECT_FALSE(TypeFromName("X", &ignored));
}

// Sizes as DynamoDB documents them ("Item sizes and formats").
TEST(AttributeValueTest, ItemSizeFollowsDynamoDbRules) {
  EXPECT_EQ(ValueSize(AttributeValue::S("hello")), 5u);
  EXPECT_EQ(ValueSize(AttributeValue::B("abc")), 3u);
  EXPECT_EQ(ValueSize(AttributeValue::Bool(true)), 1u);
  EXPECT_EQ(ValueSize(AttributeValue::Null()), 1u);
  EXPECT_EQ(ValueSize(AttributeValue::L({})), 3u);
  // Map: 3 bytes, plus per element its name, value and 1 byte.
  EXPECT_EQ(ValueSize(AttributeValue::M({{"ab", AttributeValue::S("xyz")}})), 3u + 2 + 3 + 1);
  EXPECT_EQ(ValueSize(AttributeValue::SS({"ab", "c"})), 3u);
  Item item = {{"id", AttributeValue::S("1234")}, {"n", Num("12345")}};
  EXPECT_EQ(ItemSize(item), 2u + 4 + 1 + Num("12345").n().StorageBytes());
}

TEST(AttributeValueTest, DebugStringShowsTypeAndValue) {
  EXPECT_EQ(AttributeValue::S("x").DebugString(), R"({"S":"x"})");
  EXPECT_EQ(Num("1.50").DebugString(), R"({"N":"1.5"})");
  EXPECT_EQ(AttributeValue::M({{"k", AttributeValue::Bool(false)}}).DebugString(),
            R"({"M":{"k":{"BOOL":false}}})");
}

}  // namespace
}  // namespace ordertrack::model
