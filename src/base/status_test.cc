#include "base/status.h"

#include <gtest/gtest.h>

#include "base/result.h"

namespace ordertrack::base {
namespace {

TEST(StatusTest, DefaultIsOkAndEmpty) {
  Status s;
  EXPECT_TRUE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kOk);
  EXPECT_EQ(s.message(), "");
  EXPECT_EQ(s.ToString(), "OK");
}

TEST(StatusTest, ErrorCarriesTypeAndMessage) {
  Status s = ValidationError("One or more parameter values were invalid");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), ErrorCode::kValidation);
  EXPECT_EQ(s.ToString(), "ValidationException: One or more parameter values were invalid");
  EXPECT_EQ(Describe(s.code()).http_status, 400);
}

TEST(StatusTest, InternalCodesLookLikeInternalServerError) {
  EXPECT_EQ(Describe(ErrorCode::kCorruption).type_name, "InternalServerError");
  EXPECT_EQ(Describe(ErrorCode::kIOError).http_status, 500);
}

TEST(StatusTest, TypeNameRoundTrips) {
  EXPECT_EQ(ErrorCodeFromTypeName("com.amazonaws.dynamodb.v20120810#ResourceNotFoundException"),
            ErrorCode::kResourceNotFound);
  EXPECT_EQ(ErrorCodeFromTypeName("ConditionalCheckFailedException"),
            ErrorCode::kConditionalCheckFailed);
  EXPECT_EQ(ErrorCodeFromTypeName("InternalServerError"), ErrorCode::kInternalServerError);
  EXPECT_EQ(ErrorCodeFromTypeName("NoSuchThing"), std::nullopt);
}

struct Reasons : StatusDetails {
  int n = 3;
};

TEST(StatusTest, DetailsTravelWithCopies) {
  Status s(ErrorCode::kTransactionCanceled, "cancelled", std::make_shared<Reasons>());
  Status copy = s;
  auto* r = dynamic_cast<const Reasons*>(copy.details());
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->n, 3);
}

Result<int> Half(int x) {
  if (x % 2 != 0) return ValidationError("odd");
  return x / 2;
}

Result<int> Quarter(int x) {
  OT_ASSIGN_OR_RETURN(int h, Half(x));
  OT_ASSIGN_OR_RETURN(int q, Half(h));
  return q;
}

TEST(ResultTest, PropagatesErrorsAndValues) {
  auto ok = Quarter(8);
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(*ok, 2);
  auto bad = Quarter(6);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "odd");
}

}  // namespace
}  // namespace ordertrack::base
