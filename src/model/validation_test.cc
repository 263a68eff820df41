#include "model/validation.h"

#include <gtest/gtest.h>

namespace ordertrack::model {
namespace {

TEST(ValidationTest, EmptySetsAreRefused) {
  auto s = ValidateValue(AttributeValue::SS({}));
  EXPECT_EQ(s.code(), base::ErrorCode::kValidation);
  EXPECT_EQ(s.message(), "One or more parameter values were invalid: An string set  may not be empty");
  EXPECT_EQ(ValidateValue(AttributeValue::NS({})).message(),
            "One or more parameter values were invalid: An number set  may not be empty");
}

TEST(ValidationTest, DuplicatesAreRefused) {
  EXPECT_EQ(ValidateValue(AttributeValue::SS({"a", "b", "a"})).message(),
            "One or more parameter values were invalid: Input collection [a, b, a] contains "
            "duplicates.");
  // 1 and 1.0 are the same number.
  EXPECT_FALSE(ValidateValue(AttributeValue::NS({*Number::Parse("1"), *Number::Parse("1.0")})).ok());
  EXPECT_TRUE(ValidateValue(AttributeValue::SS({"a", "b"})).ok());
}

TEST(ValidationTest, NestedSetsAreChecked) {
  Item item = {{"m", AttributeValue::M({{"l", AttributeValue::L({AttributeValue::BS({})})}})}};
  EXPECT_FALSE(ValidateItem(item).ok());
}

TEST(ValidationTest, NestingDeeperThan32IsRefused) {
  AttributeValue v = AttributeValue::S("leaf");
  for (int i = 0; i < 32; ++i) v = AttributeValue::L({v});
  EXPECT_TRUE(ValidateValue(v).ok());
  v = AttributeValue::L({v});
  EXPECT_EQ(ValidateValue(v).message(),
            "One or more parameter values were invalid: Nesting Levels have exceeded supported "
            "limits");
}

}  // namespace
}  // namespace ordertrack::model
