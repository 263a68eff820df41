// File: wire/internal/common_json.h
// Internal to wire/: DynamoDB's enumerations and the request and response
// parts many operations share (expression names and values, the legacy
// conditions, return options, consumed capacity, item collection metrics).
#pragma once

#include <optional>
#include <string_view>

#include "api/dynamodb.h"
#include "wire/internal/attribute_json.h"
#include "wire/internal/json_reader.h"
#include "wire/json_writer.h"

namespace ordertrack::wire::internal {

// Each table lists DynamoDB's enum value set in the order its messages give
// (dynalite validations/*.js, checked against AWS).
inline constexpr EnumTable<api::ReturnValue, 5> kReturnValues{
    {{"NONE", api::ReturnValue::kNone},
     {"ALL_OLD", api::ReturnValue::kAllOld},
     {"UPDATED_OLD", api::ReturnValue::kUpdatedOld},
     {"ALL_NEW", api::ReturnValue::kAllNew},
     {"UPDATED_NEW", api::ReturnValue::kUpdatedNew}},
    "[ALL_NEW, UPDATED_OLD, ALL_OLD, NONE, UPDATED_NEW]"};
inline constexpr EnumTable<api::ReturnConsumedCapacity, 3> kReturnConsumedCapacity{
    {{"NONE", api::ReturnConsumedCapacity::kNone},
     {"TOTAL", api::ReturnConsumedCapacity::kTotal},
     {"INDEXES", api::ReturnConsumedCapacity::kIndexes}},
    "[INDEXES, TOTAL, NONE]"};
inline constexpr EnumTable<api::ReturnItemCollectionMetrics, 2> kReturnItemCollectionMetrics{
    {{"NONE", api::ReturnItemCollectionMetrics::kNone},
     {"SIZE", api::ReturnItemCollectionMetrics::kSize}},
    "[SIZE, NONE]"};
inline constexpr EnumTable<api::ReturnValuesOnConditionCheckFailure, 2>
    kReturnValuesOnConditionCheckFailure{
        {{"NONE", api::ReturnValuesOnConditionCheckFailure::kNone},
         {"ALL_OLD", api::ReturnValuesOnConditionCheckFailure::kAllOld}},
        "[ALL_OLD, NONE]"};
inline constexpr EnumTable<api::Select, 4> kSelect{
    {{"ALL_ATTRIBUTES", api::Select::kAllAttributes},
     {"ALL_PROJECTED_ATTRIBUTES", api::Select::kAllProjectedAttributes},
     {"SPECIFIC_ATTRIBUTES", api::Select::kSpecificAttributes},
     {"COUNT", api::Select::kCount}},
    "[SPECIFIC_ATTRIBUTES, COUNT, ALL_ATTRIBUTES, ALL_PROJECTED_ATTRIBUTES]"};
inline constexpr EnumTable<model::ComparisonOperator, 13> kComparisonOperator{
    {{"EQ", model::ComparisonOperator::kEq},
     {"NE", model::ComparisonOperator::kNe},
     {"LE", model::ComparisonOperator::kLe},
     {"LT", model::ComparisonOperator::kLt},
     {"GE", model::ComparisonOperator::kGe},
     {"GT", model::ComparisonOperator::kGt},
     {"NOT_NULL", model::ComparisonOperator::kNotNull},
     {"NULL", model::ComparisonOperator::kNull},
     {"CONTAINS", model::ComparisonOperator::kContains},
     {"NOT_CONTAINS", model::ComparisonOperator::kNotContains},
     {"BEGINS_WITH", model::ComparisonOperator::kBeginsWith},
     {"IN", model::ComparisonOperator::kIn},
     {"BETWEEN", model::ComparisonOperator::kBetween}},
    "[IN, NULL, BETWEEN, LT, NOT_CONTAINS, EQ, GT, NOT_NULL, NE, LE, BEGINS_WITH, GE, CONTAINS]"};
inline constexpr EnumTable<model::ConditionalOperator, 2> kConditionalOperator{
    {{"AND", model::ConditionalOperator::kAnd}, {"OR", model::ConditionalOperator::kOr}},
    "[AND, OR]"};
inline constexpr EnumTable<model::AttributeAction, 3> kAttributeAction{
    {{"PUT", model::AttributeAction::kPut},
     {"ADD", model::AttributeAction::kAdd},
     {"DELETE", model::AttributeAction::kDelete}},
    "[ADD, PUT, DELETE]"};
inline constexpr EnumTable<model::KeyType, 2> kKeyType{
    {{"HASH", model::KeyType::kHash}, {"RANGE", model::KeyType::kRange}}, "[HASH, RANGE]"};
inline constexpr EnumTable<model::Type, 3> kScalarAttributeType{
    {{"S", model::Type::kS}, {"N", model::Type::kN}, {"B", model::Type::kB}}, "[B, N, S]"};
inline constexpr EnumTable<model::ProjectionType, 3> kProjectionType{
    {{"ALL", model::ProjectionType::kAll},
     {"KEYS_ONLY", model::ProjectionType::kKeysOnly},
     {"INCLUDE", model::ProjectionType::kInclude}},
    "[ALL, INCLUDE, KEYS_ONLY]"};
inline constexpr EnumTable<model::BillingMode, 2> kBillingMode{
    {{"PROVISIONED", model::BillingMode::kProvisioned},
     {"PAY_PER_REQUEST", model::BillingMode::kPayPerRequest}},
    "[PROVISIONED, PAY_PER_REQUEST]"};
inline constexpr EnumTable<model::TableStatus, 4> kTableStatus{
    {{"CREATING", model::TableStatus::kCreating},
     {"UPDATING", model::TableStatus::kUpdating},
     {"DELETING", model::TableStatus::kDeleting},
     {"ACTIVE", model::TableStatus::kActive}},
    "[CREATING, UPDATING, DELETING, ACTIVE]"};
inline constexpr EnumTable<model::IndexStatus, 4> kIndexStatus{
    {{"CREATING", model::IndexStatus::kCreating},
     {"UPDATING", model::IndexStatus::kUpdating},
     {"DELETING", model::IndexStatus::kDeleting},
     {"ACTIVE", model::IndexStatus::kActive}},
    "[CREATING, UPDATING, DELETING, ACTIVE]"};
// Tables' StreamSpecification and the Streams API's descriptions and records.
// The set in the order AWS prints it, which is not the service model's.
inline constexpr EnumTable<model::StreamViewType, 4> kStreamViewType{
    {{"NEW_IMAGE", model::StreamViewType::kNewImage},
     {"OLD_IMAGE", model::StreamViewType::kOldImage},
     {"NEW_AND_OLD_IMAGES", model::StreamViewType::kNewAndOldImages},
     {"KEYS_ONLY", model::StreamViewType::kKeysOnly}},
    "[OLD_IMAGE, KEYS_ONLY, NEW_AND_OLD_IMAGES, NEW_IMAGE]"};

// Java class names DynamoDB's messages use for map values.
inline constexpr std::string_view kModelPackage = "com.amazonaws.dynamodb.v20120810.";

// Writes `name`: the enum's wire name.
template <typename E, size_t N>
void WriteEnum(JsonWriter& w, std::string_view name, const EnumTable<E, N>& table, E value) {
  w.NameStr(name, table.Name(value));
}

// ExpressionAttributeNames and ExpressionAttributeValues.
base::Status DecodeExpressionParams(Decoder& d, const Json& object, api::ExpressionParams* out);
void WriteExpressionParams(JsonWriter& w, const api::ExpressionParams& params);

// ConditionExpression, Expected and ConditionalOperator.
base::Status DecodeConditionParams(Decoder& d, const Json& object, api::ConditionParams* out);
void WriteConditionParams(JsonWriter& w, const api::ConditionParams& params);

// KeyConditions, QueryFilter or ScanFilter (`name`; `path` its lower-case form).
base::Status DecodeLegacyConditions(Decoder& d, const Json& object, std::string_view name,
                                    std::string_view path,
                                    std::optional<model::LegacyConditions>* out);
void WriteLegacyConditions(JsonWriter& w, std::string_view name,
                           const model::LegacyConditions& conditions);

base::Status DecodeAttributeUpdates(Decoder& d, const Json& object,
                                    std::optional<model::AttributeUpdates>* out);
void WriteAttributeUpdates(JsonWriter& w, const model::AttributeUpdates& updates);

// ProjectionExpression and AttributesToGet.
base::Status DecodeReadProjection(const Json& object, api::ReadProjection* out);
void WriteReadProjection(JsonWriter& w, const api::ReadProjection& projection);

// Decodes ReturnValues, ReturnItemCollectionMetrics and
// ReturnValuesOnConditionCheckFailure (the caller decodes
// ReturnConsumedCapacity, where its operation lists it); writes all four.
base::Status DecodeWriteOptions(Decoder& d, const Json& object, api::WriteOptions* out);
void WriteWriteOptions(JsonWriter& w, const api::WriteOptions& options);

base::Status GetReturnConsumedCapacity(Decoder& d, const Json& object,
                                       api::ReturnConsumedCapacity* out);
void WriteReturnConsumedCapacity(JsonWriter& w, api::ReturnConsumedCapacity value);

// One ConsumedCapacity object, and the "ConsumedCapacity" member as one
// object or (batches, transactions) a list.
void WriteConsumedCapacity(JsonWriter& w, const api::ConsumedCapacity& capacity);
base::Status DecodeConsumedCapacity(const Json& v, api::ConsumedCapacity* out);
base::Status GetConsumedCapacityList(const Json& object,
                                     std::vector<api::ConsumedCapacity>* out);
void WriteConsumedCapacityList(JsonWriter& w, const std::vector<api::ConsumedCapacity>& list);

void WriteItemCollectionMetrics(JsonWriter& w, const api::ItemCollectionMetrics& metrics);
base::Status DecodeItemCollectionMetrics(Decoder& d, const Json& v,
                                         api::ItemCollectionMetrics* out);

// "KeySchema": [{"AttributeName":..,"KeyType":..}] (table_json.cc); records
// Missing("<path_prefix>.keySchema") when absent.
base::Status DecodeKeySchema(Decoder& d, const Json& object, std::string_view path_prefix,
                             std::vector<model::KeySchemaElement>* out);
void WriteKeySchema(JsonWriter& w, const std::vector<model::KeySchemaElement>& keys);

// Tags: [{"Key":..,"Value":..}] (the member name is the caller's).
base::Status DecodeTagList(Decoder& d, const Json& v, std::vector<api::Tag>* out);
void WriteTagList(JsonWriter& w, const std::vector<api::Tag>& tags);

// UpdateTable's settings that the engine does not act on (table_settings_json.cc).
base::Status DecodeUnenforcedTableSettings(Decoder& d, const Json& root,
                                           api::UnenforcedTableSettings* out);
void WriteUnenforcedTableSettings(JsonWriter& w, const api::UnenforcedTableSettings& settings);

// Runs `decode(decoder, root)` on `json`, then Finish(): the shape of every
// Decode*Request / Decode*Response.
template <typename Fn>
base::Status DecodeBody(std::string_view json, Fn&& decode) {
  Decoder d;
  OT_RETURN_IF_ERROR(d.Parse(json));
  OT_RETURN_IF_ERROR(decode(d, d.root()));
  return d.Finish();
}

// Writes one JSON object through `write(writer)`, and returns it.
template <typename Fn>
std::string EncodeBody(Fn&& write, size_t reserve = 256) {
  std::string out;
  out.reserve(reserve);
  JsonWriter w(&out);
  w.StartObject();
  write(w);
  w.EndObject();
  return out;
}

}  // namespace ordertrack::wire::internal
