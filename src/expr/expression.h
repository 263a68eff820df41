// File: expr/expression.h
// The expression module's entry points for the engine: compile the
// expression parameters of one request (or their legacy equivalents) into
// immutable trees, then evaluate them against items. Names (#n) and values
// (:v) are resolved at compile time; one RequestExpressions per request
// tracks which were used so unused ones are refused as DynamoDB refuses them.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"
#include "model/attribute_value.h"
#include "model/legacy.h"

namespace ordertrack::expr {

class Condition;   // defined in expr/ast.h
class Update;      // defined in expr/ast.h
class Projection;  // defined in expr/ast.h
class ParseCache;  // defined in expr/parse_cache.h
struct UpdatedPaths;  // defined in expr/ast.h

using ConditionPtr = std::shared_ptr<const Condition>;
using UpdatePtr = std::shared_ptr<const Update>;
using ProjectionPtr = std::shared_ptr<const Projection>;

// A sort-key condition of a Query.
enum class SortKeyOp : uint8_t { kEq, kLt, kLe, kGt, kGe, kBetween, kBeginsWith };

// A Query's key condition, with names and values resolved. The engine checks
// the names and value types against the table or index key schema.
struct KeyCondition {
  std::string partition_key;
  model::AttributeValue partition_value;
  struct Sort {
    std::string attribute;
    SortKeyOp op = SortKeyOp::kEq;
    model::AttributeValue value;   // the only value, or BETWEEN's low end
    model::AttributeValue value2;  // BETWEEN's high end
  };
  std::optional<Sort> sort;

  // When both conditions are equalities the parser cannot tell which names
  // the partition key, and guesses the first ("sk = :s AND pk = :p" gives
  // partition_key "sk"). Call with the table's (or index's) partition key
  // name before checking against the schema; it swaps the two when the guess
  // was wrong and otherwise does nothing.
  void ArrangeFor(std::string_view partition_key_name);
};

// Compiles the expressions of one request. Not thread-safe; one per request.
class RequestExpressions {
 public:
  // `names` and `values` are the request's ExpressionAttributeNames and
  // ExpressionAttributeValues; they must outlive this object. Null when absent.
  // `cache` (not owned, must outlive this object) holds parses across
  // requests; null means ParseCache::Shared().
  RequestExpressions(const model::ExpressionAttributeNames* names,
                     const model::ExpressionAttributeValues* values, ParseCache* cache = nullptr);

  // Each returns ValidationException with DynamoDB's message on a syntax
  // error, reserved word, undefined name/value, or semantic error, e.g.
  // "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: status".
  // The first call also checks the names and values themselves
  // ("ExpressionAttributeNames contains invalid key: Syntax error; key: \"#a-b\"",
  // "ExpressionAttributeValues contains invalid value: <why> for key :v").
  // Parses come from the cache; only resolution runs per call. A condition
  // that names no item attribute is fine (e.g. ":a = :b").
  base::Result<ConditionPtr> Condition(std::string_view text);    // ConditionExpression
  base::Result<ConditionPtr> Filter(std::string_view text);       // FilterExpression
  base::Result<UpdatePtr> Update(std::string_view text);          // UpdateExpression
  base::Result<ProjectionPtr> Projection(std::string_view text);  // ProjectionExpression
  base::Result<KeyCondition> KeyConditionExpression(std::string_view text);

  // After all of a request's expressions are compiled: refuses names or
  // values that were supplied but not used, with DynamoDB's messages
  // ("Value provided in ExpressionAttributeNames unused in expressions: keys: {#a}").
  // Also refuses ExpressionAttributeNames/Values given with no expression at all,
  // and empty ExpressionAttributeNames/Values maps.
  base::Status CheckAllUsed() const;

  // The tail of DynamoDB's message when ExpressionAttributeValues come with no
  // expression that takes values, which depends on the operation, e.g.
  // "UpdateExpression and ConditionExpression are null" for UpdateItem.
  // Without it the message ends after "when using expressions".
  void set_null_expressions_note(std::string note) { null_expressions_note_ = std::move(note); }

 private:
  // `kind` is the parameter name for messages ("ConditionExpression").
  base::Result<ConditionPtr> CompileCondition(std::string_view kind, std::string_view text);
  // Checks the names' and values' keys and the values themselves, once.
  base::Status CheckParameters();

  bool parameters_checked_ = false;
  ParseCache* cache_;
  bool any_value_expression_ = false;
  std::string null_expressions_note_;
  const model::ExpressionAttributeNames* names_;
  const model::ExpressionAttributeValues* values_;
  std::set<std::string, std::less<>> used_names_;
  std::set<std::string, std::less<>> used_values_;
  bool any_expression_ = false;
};

// Refuses a request that sets both expression parameters and legacy ones,
// each list naming the parameters present (in the order DynamoDB lists
// them, e.g. {"AttributeUpdates"} and {"ConditionExpression"}): "Can not use
// both expression and non-expression parameters in the same request:
// Non-expression parameters: {AttributeUpdates} Expression parameters:
// {ConditionExpression}". OK when either list is empty. DynamoDB allows
// KeyConditions with a FilterExpression etc. only when KeyConditionExpression
// is absent; leave KeyConditions out of `legacy_parameters` in that case.
base::Status CheckNotMixed(const std::vector<std::string_view>& expression_parameters,
                           const std::vector<std::string_view>& legacy_parameters);

// Legacy parameters, mapped onto the same trees. ValidationException with
// DynamoDB's messages for wrong argument counts or types.
base::Result<ConditionPtr> FromExpected(const model::ExpectedMap& expected,
                                        model::ConditionalOperator op);
base::Result<ConditionPtr> FromFilter(const model::LegacyConditions& filter,
                                      model::ConditionalOperator op);
base::Result<KeyCondition> FromKeyConditions(const model::LegacyConditions& key_conditions);
base::Result<UpdatePtr> FromAttributeUpdates(const model::AttributeUpdates& updates);
ProjectionPtr FromAttributesToGet(const std::vector<std::string>& attributes);

// True when `item` satisfies `condition`. `item` is empty when there is no
// item (a put of a new key). Evaluation errors (none in DynamoDB's
// semantics: mismatched types simply compare false) are not possible, so
// this returns a plain bool.
bool Evaluate(const Condition& condition, const model::Item& item);

// Applies `update` to `item` in place. ValidationException with DynamoDB's
// messages on type errors ("An operand in the update expression has an
// incorrect data type"), a list index on a non-list, a path through a
// missing map ("The document path provided in the update expression is
// invalid for update"), or a result number out of range. On error `item` may
// be partly changed: callers apply to a copy.
base::Status Apply(const Update& update, model::Item* item);

// The top-level attribute names `update` may write (for UPDATED_OLD /
// UPDATED_NEW and for refusing updates to key attributes).
std::vector<std::string> TopLevelTargets(const Update& update);

// The paths `update` writes (UpdatedPaths, in expr/ast.h).
UpdatedPaths PathsWritten(const Update& update);

// The part of `item` that `projection` selects, nested paths included.
model::Item Project(const Projection& projection, const model::Item& item);

// The top-level attribute names a projection reads (for index projections).
std::vector<std::string> TopLevelNames(const Projection& projection);
// The top-level attribute names a condition reads (a Query filter may not
// name key attributes).
std::vector<std::string> TopLevelNames(const Condition& condition);

}  // namespace ordertrack::expr
