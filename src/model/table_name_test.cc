#include "model/table_name.h"

#include <gtest/gtest.h>

namespace ordertrack::model {
namespace {

TEST(TableNameTest, ViolationsInDynamoDbsOrder) {
  EXPECT_TRUE(TableNameViolations("purchase_2026.v-1").empty());
  EXPECT_EQ(TableNameViolations("ab"),
            std::vector<std::string_view>{"have length greater than or equal to 3"});
  EXPECT_EQ(TableNameViolations("bad name"),
            std::vector<std::string_view>{"satisfy regular expression pattern: [a-zA-Z0-9_.-]+"});
  EXPECT_EQ(TableNameViolations(""),
            (std::vector<std::string_view>{"satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
                                           "have length greater than or equal to 3"}));
  EXPECT_EQ(TableNameViolations(std::string(256, 'a')),
            std::vector<std::string_view>{"have length less than or equal to 255"});
}

TEST(TableNameTest, AllRulesInTheOrderOfAMapKeyConstraint) {
  EXPECT_EQ(TableNameRules(),
            "[Member must have length less than or equal to 255, Member must have length greater "
            "than or equal to 3, Member must satisfy regular expression pattern: "
            "[a-zA-Z0-9_.-]+]");
}

}  // namespace
}  // namespace ordertrack::model
