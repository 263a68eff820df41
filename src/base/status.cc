#include "base/status.h"

#include <array>
#include <cassert>

namespace ordertrack::base {
namespace {

// Indexed by ErrorCode. Names and statuses from DynamoDB's "Error handling"
// page: https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Programming.Errors.html
constexpr std::array<ErrorInfo, 28> kErrors = {{
    {"OK", 200, false},
    {"ValidationException", 400, false},
    {"ResourceNotFoundException", 400, false},
    {"ResourceInUseException", 400, false},
    {"ConditionalCheckFailedException", 400, false},
    {"TransactionCanceledException", 400, false},
    {"TransactionConflictException", 400, false},
    {"TransactionInProgressException", 400, false},
    {"IdempotentParameterMismatchException", 400, false},
    {"ItemCollectionSizeLimitExceededException", 400, false},
    {"LimitExceededException", 400, true},
    {"ProvisionedThroughputExceededException", 400, true},
    {"ThrottlingException", 400, true},
    {"RequestLimitExceeded", 400, true},
    {"SerializationException", 400, false},
    {"UnknownOperationException", 400, false},
    {"MissingAuthenticationTokenException", 400, false},
    {"UnrecognizedClientException", 400, false},
    {"InvalidSignatureException", 400, false},
    {"IncompleteSignatureException", 400, false},
    {"AccessDeniedException", 400, false},
    {"ExpiredIteratorException", 400, false},
    {"TrimmedDataAccessException", 400, false},
    {"InternalServerError", 500, true},
    {"ServiceUnavailable", 503, true},
    {"InternalServerError", 500, true},
    {"InternalServerError", 500, true},
    {"InternalServerError", 500, true},
}};
static_assert(kErrors.size() == static_cast<size_t>(ErrorCode::kBusy) + 1);

}  // namespace

const ErrorInfo& Describe(ErrorCode code) { return kErrors[static_cast<size_t>(code)]; }

std::optional<ErrorCode> ErrorCodeFromTypeName(std::string_view type_name) {
  if (auto hash = type_name.rfind('#'); hash != std::string_view::npos) {
    type_name.remove_prefix(hash + 1);
  }
  // Stop before the internal codes: they share InternalServerError's name.
  for (size_t i = 1; i <= static_cast<size_t>(ErrorCode::kServiceUnavailable); ++i) {
    if (kErrors[i].type_name == type_name) return static_cast<ErrorCode>(i);
  }
  return std::nullopt;
}

Status::Status(ErrorCode code, std::string message, std::shared_ptr<const StatusDetails> details)
    : rep_(std::make_shared<const Rep>(Rep{code, std::move(message), std::move(details)})) {
  assert(code != ErrorCode::kOk);
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return rep_ ? rep_->message : kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(Describe(code()).type_name) + ": " + rep_->message;
}

}  // namespace ordertrack::base
