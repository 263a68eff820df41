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

TEST(ValidationTest, MessageBuildersUseDynamoDbsWording) {
  base::Status invalid = InvalidParameterError("Missing the key id in the item");
  EXPECT_EQ(invalid.code(), base::ErrorCode::kValidation);
  EXPECT_EQ(invalid.message(),
            "One or more parameter values were invalid: Missing the key id in the item");
  EXPECT_EQ(ConstraintError("Value null at 'tableName' failed to satisfy constraint: Member "
                            "must not be null")
                .message(),
            "1 validation error detected: Value null at 'tableName' failed to satisfy "
            "constraint: Member must not be null");
  base::Status two = ConstraintErrors({"a", "b"});
  EXPECT_EQ(two.code(), base::ErrorCode::kValidation);
  EXPECT_EQ(two.message(), "2 validation errors detected: a; b");
  EXPECT_EQ(BatchWriteListConstraint(),
            "Map value must satisfy constraint: [Member must have length less than or equal to "
            "25, Member must have length greater than or equal to 1]");
}

}  // namespace
}  // namespace ordertrack::model
