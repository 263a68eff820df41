#include <gtest/gtest.h>

#include "base/strings.h"
#include "testing/status_matchers.h"
#include "wire/codec.h"
#include "wire/internal/attribute_json.h"

namespace ordertrack::wire {
namespace {

using base::ErrorCode;
using model::AttributeValue;
using ordertrack::testing::StatusIs;

AttributeValue N(std::string_view text) { return AttributeValue::NumberFromText(text); }

TEST(AttributeJsonTest, EveryTypeRoundTrips) {
  model::Item item = {
      {"s", AttributeValue::S("héllo \"quoted\"\n")},
      {"n", N("-12.5")},
      {"b", AttributeValue::B(std::string("\x00\x01\xff", 3))},
      {"t", AttributeValue::Bool(true)},
      {"f", AttributeValue::Bool(false)},
      {"z", AttributeValue::Null()},
      {"m", AttributeValue::M({{"inner", AttributeValue::L({N("1"), AttributeValue::S("x")})}})},
      {"ss", AttributeValue::SS({"a", "b"})},
      {"ns", AttributeValue::NS({model::Number::FromInt64(1), model::Number::FromInt64(2)})},
      {"bs", AttributeValue::BS({"ab", "c"})},
  };
  std::string json = ItemToJson(item);
  auto back = ItemFromJson(json);
  ASSERT_OK(back);
  EXPECT_EQ(*back, item) << json;
}

TEST(AttributeJsonTest, ExactOutput) {
  model::Item item = {{"id", AttributeValue::S("a")},
                      {"n", N("1.50")},
                      {"b", AttributeValue::B("hello")},
                      {"z", AttributeValue::Null()}};
  EXPECT_EQ(ItemToJson(item),
            R"({"b":{"B":"aGVsbG8="},"id":{"S":"a"},"n":{"N":"1.5"},"z":{"NULL":true}})");
}

// Strings with nothing to escape take a faster path than those with
// something, which scans eight bytes at a time: what needs escaping must be
// found anywhere, in a whole word or in the bytes after the last one, in
// names as well as values.
TEST(AttributeJsonTest, ExactEscaping) {
  model::Item item = {{"plain", AttributeValue::S("héllo/wörld ~\x7f")},
                      {"q\"k", AttributeValue::S("a\"b\\c\nd\te\x01")},
                      {"second_word", AttributeValue::S("0123456789\037abcdefgh")},
                      {"tail", AttributeValue::S("0123456789abcdef\\")},
                      {"ss", AttributeValue::SS({"x", "y\x1f"})}};
  EXPECT_EQ(ItemToJson(item),
            "{\"plain\":{\"S\":\"héllo/wörld ~\x7f\"},"
            R"("q\"k":{"S":"a\"b\\c\nd\te\u0001"},)"
            R"("second_word":{"S":"0123456789\u001Fabcdefgh"},"ss":{"SS":["x","y\u001F"]},)"
            R"("tail":{"S":"0123456789abcdef\\"}})");
}

TEST(AttributeJsonTest, NumbersAreCanonicalised) {
  auto item = ItemFromJson(R"({"a":{"N":"0012.500"},"b":{"N":"1e3"},"c":{"N":"-0"}})");
  ASSERT_OK(item);
  EXPECT_EQ(ItemToJson(*item), R"({"a":{"N":"12.5"},"b":{"N":"1000"},"c":{"N":"0"}})");
}

TEST(AttributeJsonTest, Base64) {
  std::string out;
  base::AppendBase64("", &out);
  EXPECT_EQ(out, "");
  for (auto [raw, encoded] : {std::pair{"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"},
                              {"foob", "Zm9vYg=="}, {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}}) {
    out.clear();
    base::AppendBase64(raw, &out);
    EXPECT_EQ(out, encoded);
    std::string decoded;
    ASSERT_OK(internal::DecodeBase64(encoded, &decoded));
    EXPECT_EQ(decoded, raw);
  }
  std::string decoded;
  EXPECT_THAT(internal::DecodeBase64("23456", &decoded),
              StatusIs(ErrorCode::kSerialization,
                       "Base64 encoded length is expected a multiple of 4 bytes but found: 5"));
  EXPECT_THAT(internal::DecodeBase64("=+/=", &decoded),
              StatusIs(ErrorCode::kSerialization,
                       "Invalid last non-pad Base64 character dectected"));
  EXPECT_THAT(internal::DecodeBase64("+/+=", &decoded),
              StatusIs(ErrorCode::kSerialization,
                       "Invalid last non-pad Base64 character dectected"));
}

TEST(AttributeJsonTest, ValueErrors) {
  auto expect = [](std::string_view json, std::string_view message) {
    EXPECT_THAT(ItemFromJson(json), StatusIs(ErrorCode::kValidation, std::string(message)))
        << json;
  };
  expect(R"({"a":{}})",
         "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  expect(R"({"a":{"x":"1"}})",
         "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
  expect(R"({"a":{"S":"a","N":"1"}})",
         "Supplied AttributeValue has more than one datatypes set, must contain exactly one of "
         "the supported datatypes");
  expect(R"({"a":{"NULL":false}})",
         "One or more parameter values were invalid: Null attribute value types must have the "
         "value of true");
  expect(R"({"a":{"N":"b"}})", "The parameter cannot be converted to a numeric value: b");
  expect(R"({"a":{"N":""}})", "The parameter cannot be converted to a numeric value");
  expect(R"({"a":{"NS":["1","b"]}})", "The parameter cannot be converted to a numeric value: b");
  expect(R"({"a":{"N":"1e126"}})",
         "Number overflow. Attempting to store a number with magnitude larger than supported range");
  expect(R"({"a":{"N":"123456789012345678901234567890123456789"}})",
         "Attempting to store more than 38 significant digits in a Number");
  expect(R"({"a":{"M":{"b":{}}}})",
         "Supplied AttributeValue is empty, must contain exactly one of the supported datatypes");
}

TEST(AttributeJsonTest, NestingIsBounded) {
  std::string json = R"({"a":)";
  for (int i = 0; i < 40; ++i) json += R"({"L":[)";
  json += R"({"S":"x"})";
  for (int i = 0; i < 40; ++i) json += "]}";
  json += "}";
  EXPECT_THAT(ItemFromJson(json),
              StatusIs(ErrorCode::kValidation,
                       "One or more parameter values were invalid: Nesting Levels have exceeded "
                       "supported limits"));
  // Deep JSON is parsed without recursion and refused, not a stack overflow.
  std::string deep(200000, '[');
  EXPECT_THAT(ItemFromJson(deep), StatusIs(ErrorCode::kSerialization, ""));
}

TEST(AttributeJsonTest, SerializationErrors) {
  auto expect = [](std::string_view json, std::string_view message) {
    EXPECT_THAT(ItemFromJson(json), StatusIs(ErrorCode::kSerialization, std::string(message)))
        << json;
  };
  expect(R"({"a":{"S":3}})", "NUMBER_VALUE cannot be converted to String");
  expect(R"({"a":{"S":3.5}})", "DECIMAL_VALUE cannot be converted to String");
  expect(R"({"a":{"S":true}})", "TRUE_VALUE cannot be converted to String");
  expect(R"({"a":{"S":[]}})", "Unrecognized collection type class java.lang.String");
  expect(R"({"a":{"S":{}}})", "Start of structure or map found where not expected");
  expect(R"({"a":{"N":5}})", "NUMBER_VALUE cannot be converted to String");
  expect(R"({"a":{"BOOL":"true"}})", "Unexpected token received from parser");
  expect(R"({"a":{"BOOL":1}})", "NUMBER_VALUE cannot be converted to Boolean");
  expect(R"({"a":{"B":1}})", "only base-64-encoded strings are convertible to bytes");
  expect(R"({"a":{"B":[]}})", "Unrecognized collection type class java.nio.ByteBuffer");
  expect(R"({"a":{"L":"x"}})", "Unexpected field type");
  expect(R"({"a":{"L":{}}})", "Start of structure or map found where not expected");
  expect(R"({"a":{"M":[]}})",
         "Unrecognized collection type java.util.Map<java.lang.String, "
         "com.amazonaws.dynamodb.v20120810.AttributeValue>");
  expect(R"({"a":{"L":[5]}})", "Unexpected value type in payload");
  expect(R"({"a":"x"})", "Unexpected value type in payload");
  expect(R"({"a":[]})",
         "Unrecognized collection type class com.amazonaws.dynamodb.v20120810.AttributeValue");
  expect(R"({"a":)", "");
  expect("[1]", "");
}

TEST(AttributeJsonTest, NullMembersAreAbsent) {
  auto item = ItemFromJson(R"({"a":{"S":"x","N":null},"b":null})");
  ASSERT_OK(item);
  EXPECT_EQ(ItemToJson(*item), R"({"a":{"S":"x"}})");
}

}  // namespace
}  // namespace ordertrack::wire
