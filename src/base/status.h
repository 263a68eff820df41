// File: base/status.h
// Status: the outcome of an operation, OK or an error carrying a DynamoDB error
// type and message. The bottom of the module graph: everything returns these.
// Expected failures (a failed condition, a missing table) are values, not
// exceptions (see STYLE.md §5.3).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace ordertrack::base {

// ErrorCode names DynamoDB's error types, plus internal failures that reach a
// client as InternalServerError. DO NOT REORDER: codes are persisted nowhere,
// but tests and the wire table index by them.
enum class ErrorCode : unsigned char {
  kOk = 0,
  kValidation,
  kResourceNotFound,
  kResourceInUse,
  kConditionalCheckFailed,
  kTransactionCanceled,
  kTransactionConflict,
  kTransactionInProgress,
  kIdempotentParameterMismatch,
  kItemCollectionSizeLimitExceeded,
  kLimitExceeded,
  kProvisionedThroughputExceeded,
  kThrottling,
  kRequestLimitExceeded,
  kSerialization,
  kUnknownOperation,
  kMissingAuthenticationToken,
  kUnrecognizedClient,
  kInvalidSignature,
  kIncompleteSignature,
  kAccessDenied,
  // DynamoDB Streams'.
  kExpiredIterator,
  kTrimmedDataAccess,
  kInternalServerError,
  kServiceUnavailable,
  // Internal: our own faults, shown to clients as InternalServerError.
  kCorruption,
  kIOError,
  kBusy,
};

// How an error code looks on DynamoDB's wire.
struct ErrorInfo {
  std::string_view type_name;  // "ValidationException"
  int http_status;             // 400 or 500
  bool retryable;              // the AWS SDKs retry it
};

// The wire description of `code`. For internal codes, InternalServerError's.
const ErrorInfo& Describe(ErrorCode code);

// The code whose type name is `type_name`, or nullopt. Accepts the name with or
// without the "com.amazonaws.dynamodb.v20120810#" prefix.
std::optional<ErrorCode> ErrorCodeFromTypeName(std::string_view type_name);

// Extra data an error carries: cancellation reasons of a transaction, the item
// that failed a condition. Modules above base subclass it.
class StatusDetails {
 public:
  virtual ~StatusDetails() = default;
};

// Status is cheap to copy and free when OK (a null pointer, as in LevelDB).
class [[nodiscard]] Status {
 public:
  // OK.
  Status() = default;
  // REQUIRES: code != ErrorCode::kOk.
  Status(ErrorCode code, std::string message,
         std::shared_ptr<const StatusDetails> details = nullptr);

  static Status Ok() { return Status(); }

  bool ok() const { return rep_ == nullptr; }
  ErrorCode code() const { return rep_ ? rep_->code : ErrorCode::kOk; }
  // Empty when OK.
  const std::string& message() const;
  // Null when there are none.
  const StatusDetails* details() const { return rep_ ? rep_->details.get() : nullptr; }
  std::shared_ptr<const StatusDetails> shared_details() const {
    return rep_ ? rep_->details : nullptr;
  }

  // "ValidationException: <message>", or "OK".
  std::string ToString() const;

  // Marks a status as deliberately ignored.
  void IgnoreError() const {}

 private:
  struct Rep {
    ErrorCode code;
    std::string message;
    std::shared_ptr<const StatusDetails> details;
  };
  std::shared_ptr<const Rep> rep_;
};

inline Status ValidationError(std::string message) {
  return Status(ErrorCode::kValidation, std::move(message));
}
inline Status NotFoundError(std::string message) {
  return Status(ErrorCode::kResourceNotFound, std::move(message));
}
inline Status InUseError(std::string message) {
  return Status(ErrorCode::kResourceInUse, std::move(message));
}
inline Status InternalError(std::string message) {
  return Status(ErrorCode::kInternalServerError, std::move(message));
}

}  // namespace ordertrack::base

// Returns from the enclosing function if `expr` (a Status) is not OK.
#define OT_RETURN_IF_ERROR(expr)                          \
  do {                                                    \
    ::ordertrack::base::Status ot_status_ = (expr);       \
    if (!ot_status_.ok()) return ot_status_;              \
  } while (0)
