#include "engine/internal/key_range.h"

#include "engine/internal/key_codec.h"
#include "engine/internal/table_info.h"
#include "model/limits.h"
#include "model/validation.h"

namespace ordertrack::engine {
namespace {

using model::AttributeValue;

base::Status TypeMismatch() {
  return model::InvalidParameterError("Condition parameter type does not match schema type");
}

std::string Encoded(const AttributeValue& v) {
  std::string out;
  AppendKeyValue(v, &out);
  return out;
}

void AppendBigEndian32(uint32_t v, std::string* out) {
  for (int i = 3; i >= 0; --i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

}  // namespace

base::Result<KeyRange> KeyRangeOf(uint32_t table_id, uint16_t index_no,
                                  const model::KeySchema& schema,
                                  const expr::KeyCondition& condition) {
  if (condition.partition_key != schema.partition_key) {
    return base::ValidationError("Query condition missed key schema element: " +
                                 schema.partition_key);
  }
  if (condition.partition_value.type() != schema.partition_type) return TypeMismatch();
  const std::string partition = PartitionPrefix(table_id, index_no, condition.partition_value);
  KeyRange range{partition, PrefixSuccessor(partition)};
  if (!condition.sort) return range;
  const auto& sort = *condition.sort;
  if (!schema.sort_key || sort.attribute != *schema.sort_key) {
    return base::ValidationError(schema.sort_key
                                     ? "Query condition missed key schema element: " + *schema.sort_key
                                     : std::string("Query key condition not supported"));
  }
  if (sort.value.type() != schema.sort_type ||
      (sort.op == expr::SortKeyOp::kBetween && sort.value2.type() != schema.sort_type)) {
    return TypeMismatch();
  }
  const std::string at = partition + Encoded(sort.value);
  switch (sort.op) {
    case expr::SortKeyOp::kEq:
      return KeyRange{at, PrefixSuccessor(at)};
    case expr::SortKeyOp::kLt:
      return KeyRange{partition, at};
    case expr::SortKeyOp::kLe:
      return KeyRange{partition, PrefixSuccessor(at)};
    case expr::SortKeyOp::kGt:
      return KeyRange{PrefixSuccessor(at), range.upper};
    case expr::SortKeyOp::kGe:
      return KeyRange{at, range.upper};
    case expr::SortKeyOp::kBetween: {
      const std::string high = partition + Encoded(sort.value2);
      if (high < at) {
        return base::ValidationError(
            "Invalid KeyConditionExpression: The BETWEEN operator requires upper bound to be "
            "greater than or equal to lower bound; lower bound operand: AttributeValue: {" +
            std::string(model::TypeName(sort.value.type())) + ":" +
            (sort.value.is(model::Type::kN) ? sort.value.n().ToString() : sort.value.s()) +
            "}, upper bound operand: AttributeValue: {" +
            std::string(model::TypeName(sort.value2.type())) + ":" +
            (sort.value2.is(model::Type::kN) ? sort.value2.n().ToString() : sort.value2.s()) + "}");
      }
      return KeyRange{at, PrefixSuccessor(high)};
    }
    case expr::SortKeyOp::kBeginsWith: {
      if (sort.value.is(model::Type::kN)) return base::ValidationError("Query key condition not supported");
      std::string prefix = partition;
      AppendKeyPrefix(sort.value.s(), &prefix);
      return KeyRange{prefix, PrefixSuccessor(prefix)};
    }
  }
  return range;
}

base::Result<KeyRange> SegmentRange(uint32_t table_id, uint16_t index_no,
                                    std::optional<int32_t> segment,
                                    std::optional<int32_t> total_segments) {
  const std::string prefix = DataPrefix(table_id, index_no);
  KeyRange whole{prefix, PrefixSuccessor(prefix)};
  if (!segment && !total_segments) return whole;
  if (!total_segments) {
    return base::ValidationError("The TotalSegments parameter is required but was not present in "
                                 "the request when Segment parameter is present");
  }
  if (!segment) {
    return base::ValidationError("The Segment parameter is required but was not present in the "
                                 "request when parameter TotalSegments is present");
  }
  if (*total_segments < 1 || *total_segments > model::kMaxTotalSegments) {
    return model::ConstraintError(
        "Value '" + std::to_string(*total_segments) +
        "' at 'totalSegments' failed to satisfy constraint: Member must have value " +
        (*total_segments < 1
             ? "greater than or equal to 1"
             : "less than or equal to " + std::to_string(model::kMaxTotalSegments)));
  }
  if (*segment < 0 || *segment >= *total_segments) {
    return base::ValidationError("The Segment parameter is zero-based and must be less than "
                                 "parameter TotalSegments: Segment: " + std::to_string(*segment) +
                                 " is not less than TotalSegments: " +
                                 std::to_string(*total_segments));
  }
  const uint64_t span = (uint64_t{1} << 32);
  const uint64_t begin = span * static_cast<uint64_t>(*segment) / static_cast<uint64_t>(*total_segments);
  const uint64_t end = span * static_cast<uint64_t>(*segment + 1) / static_cast<uint64_t>(*total_segments);
  KeyRange range{prefix, whole.upper};
  AppendBigEndian32(static_cast<uint32_t>(begin), &range.lower);
  if (end < span) {
    range.upper = prefix;
    AppendBigEndian32(static_cast<uint32_t>(end), &range.upper);
  }
  return range;
}

}  // namespace ordertrack::engine
