#include <gtest/gtest.h>

#include "testing/status_matchers.h"
#include "wire/codec.h"

namespace ordertrack::wire {
namespace {

using base::ErrorCode;
using model::AttributeValue;
using ordertrack::testing::StatusIs;

TEST(ErrorJsonTest, EncodesDynamoDbShapes) {
  EXPECT_EQ(EncodeError(base::NotFoundError("Requested resource not found")),
            R"({"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException",)"
            R"("message":"Requested resource not found"})");
  EXPECT_EQ(EncodeError(base::ValidationError("bad")),
            R"({"__type":"com.amazon.coral.validate#ValidationException","message":"bad"})");
  EXPECT_EQ(EncodeError(base::Status(ErrorCode::kSerialization, "")),
            R"({"__type":"com.amazon.coral.service#SerializationException"})");
  EXPECT_EQ(EncodeError(base::Status(ErrorCode::kSerialization, "Unexpected field type")),
            R"({"__type":"com.amazon.coral.service#SerializationException",)"
            R"("Message":"Unexpected field type"})");
  EXPECT_EQ(EncodeError(base::Status(ErrorCode::kCorruption, "disk")),
            R"({"__type":"com.amazonaws.dynamodb.v20120810#InternalServerError","message":"disk"})");
}

TEST(ErrorJsonTest, CancellationReasonsRoundTrip) {
  auto reasons = std::make_shared<api::CancellationReasons>();
  reasons->reasons.push_back({"None", "", std::nullopt});
  reasons->reasons.push_back({"ConditionalCheckFailed", "The conditional request failed",
                              model::Item{{"pk", AttributeValue::S("a")}}});
  base::Status error(ErrorCode::kTransactionCanceled,
                     "Transaction cancelled, please refer cancellation reasons for specific "
                     "reasons [None, ConditionalCheckFailed]",
                     reasons);
  std::string json = EncodeError(error);
  EXPECT_EQ(json,
            R"({"__type":"com.amazonaws.dynamodb.v20120810#TransactionCanceledException",)"
            R"("message":"Transaction cancelled, please refer cancellation reasons for specific )"
            R"(reasons [None, ConditionalCheckFailed]","CancellationReasons":[{"Code":"None"},)"
            R"({"Code":"ConditionalCheckFailed","Message":"The conditional request failed",)"
            R"("Item":{"pk":{"S":"a"}}}]})");
  base::Status back = DecodeError(json);
  EXPECT_EQ(back.code(), ErrorCode::kTransactionCanceled);
  EXPECT_EQ(back.message(), error.message());
  const auto* decoded = dynamic_cast<const api::CancellationReasons*>(back.details());
  ASSERT_NE(decoded, nullptr);
  ASSERT_EQ(decoded->reasons.size(), 2u);
  EXPECT_EQ(decoded->reasons[0].code, "None");
  EXPECT_FALSE(decoded->reasons[0].item.has_value());
  EXPECT_EQ(decoded->reasons[1].item->at("pk"), AttributeValue::S("a"));
  EXPECT_EQ(EncodeError(back), json);
}

TEST(ErrorJsonTest, ConditionFailedItemRoundTrip) {
  auto failed = std::make_shared<api::ConditionFailedItem>();
  failed->item = {{"pk", AttributeValue::S("a")}};
  base::Status error(ErrorCode::kConditionalCheckFailed, "The conditional request failed", failed);
  std::string json = EncodeError(error);
  EXPECT_EQ(json,
            R"({"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",)"
            R"("message":"The conditional request failed","Item":{"pk":{"S":"a"}}})");
  base::Status back = DecodeError(json);
  const auto* item = dynamic_cast<const api::ConditionFailedItem*>(back.details());
  ASSERT_NE(item, nullptr);
  EXPECT_EQ(item->item, failed->item);
}

TEST(ErrorJsonTest, DecodesAnyNamespaceAndMessageKey) {
  EXPECT_THAT(DecodeError(R"({"__type":"com.amazon.coral.validate#ValidationException","message":"m"})"),
              StatusIs(ErrorCode::kValidation, "m"));
  EXPECT_THAT(DecodeError(R"({"__type":"com.amazon.coral.service#SerializationException","Message":"x"})"),
              StatusIs(ErrorCode::kSerialization, "x"));
  EXPECT_THAT(DecodeError(R"({"__type":"ThrottlingException"})"),
              StatusIs(ErrorCode::kThrottling, ""));
  EXPECT_THAT(DecodeError("<html>"), StatusIs(ErrorCode::kInternalServerError, "<html>"));
  EXPECT_THAT(DecodeError(R"({"__type":"Nope"})"),
              StatusIs(ErrorCode::kInternalServerError, R"({"__type":"Nope"})"));
  for (auto code : {ErrorCode::kValidation, ErrorCode::kResourceNotFound, ErrorCode::kResourceInUse,
                    ErrorCode::kConditionalCheckFailed, ErrorCode::kUnknownOperation,
                    ErrorCode::kInvalidSignature, ErrorCode::kThrottling,
                    ErrorCode::kInternalServerError, ErrorCode::kSerialization}) {
    EXPECT_THAT(DecodeError(EncodeError(base::Status(code, "msg"))), StatusIs(code, "msg"));
  }
}

}  // namespace
}  // namespace ordertrack::wire
