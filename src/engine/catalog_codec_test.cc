#include "engine/internal/catalog_codec.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"

namespace ordertrack::engine {
namespace {

using ::ordertrack::testing::StatusIs;

TableInfo SampleTable() {
  TableInfo table;
  table.id = 7;
  table.name = "orders";
  table.key = {"order_id", model::Type::kS, "created", model::Type::kN};
  table.attribute_definitions = {{"order_id", model::Type::kS},
                                 {"created", model::Type::kN},
                                 {"user_id", model::Type::kB}};
  IndexInfo index;
  index.name = "by_user";
  index.index_no = 1;
  index.key = {"user_id", model::Type::kB, std::nullopt, model::Type::kS};
  index.projection = {model::ProjectionType::kInclude, {"status"}};
  index.throughput = model::ProvisionedThroughput{3, 4};
  index.status = model::IndexStatus::kCreating;
  table.indexes = {index};
  table.billing_mode = model::BillingMode::kPayPerRequest;
  table.created = 1700000000.5;
  table.next_index_no = 2;
  table.tags = {{"team", "toys"}};
  return table;
}

// `bytes` with the digit of the one-digit number stored under the first
// field named `field` replaced by `digit`. In the item codec such a field is
// varint(len) name, the type byte of N (2), varint(1), the digit.
std::string WithDigit(std::string bytes, std::string_view field, char digit) {
  std::string stored = char(field.size()) + std::string(field) + "\x02\x01";
  size_t at = bytes.find(stored);
  EXPECT_NE(at, std::string::npos) << field;
  if (at != std::string::npos) bytes[at + stored.size()] = digit;
  return bytes;
}

TEST(CatalogCodecTest, RoundTripsEveryPersistedEnum) {
  auto decoded = DecodeTableInfo(EncodeTableInfo(SampleTable()));
  ASSERT_OK(decoded);
  EXPECT_EQ(decoded->key, SampleTable().key);
  EXPECT_EQ(decoded->attribute_definitions, SampleTable().attribute_definitions);
  EXPECT_EQ(decoded->billing_mode, model::BillingMode::kPayPerRequest);
  ASSERT_EQ(decoded->indexes.size(), 1u);
  EXPECT_EQ(decoded->indexes[0].key, SampleTable().indexes[0].key);
  EXPECT_EQ(decoded->indexes[0].projection, SampleTable().indexes[0].projection);
  EXPECT_EQ(decoded->indexes[0].status, model::IndexStatus::kCreating);
}

// A persisted enum out of its range is corruption, named, not a value the
// engine would then switch on.
TEST(CatalogCodecTest, EnumOutOfRangeIsCorruption) {
  std::string bytes = EncodeTableInfo(SampleTable());
  struct Case {
    std::string_view field;
    char digit;
    std::string_view message;
  };
  for (const Case& c : {Case{"pkt", '0', "field 'pkt' holds 0, which is not an attribute type"},
                        Case{"skt", '0', "field 'skt' holds 0, which is not an attribute type"},
                        Case{"type", '0', "field 'type' holds 0, which is not an attribute type"},
                        Case{"ptype", '4', "field 'ptype' holds 4, which is not a projection type"},
                        Case{"ptype", '0', "field 'ptype' holds 0, which is not a projection type"},
                        Case{"status", '5', "field 'status' holds 5, which is not an index status"},
                        Case{"billing", '3', "field 'billing' holds 3, which is not a billing mode"}}) {
    EXPECT_THAT(DecodeTableInfo(WithDigit(bytes, c.field, c.digit)),
                StatusIs(base::ErrorCode::kCorruption,
                         "catalog entry is not decodable: " + std::string(c.message)))
        << c.field;
  }
}

TEST(CatalogCodecTest, MissingFieldIsCorruption) {
  std::string bytes = EncodeTableInfo(SampleTable());
  size_t at = bytes.find("\x07" "billing");
  ASSERT_NE(at, std::string::npos);
  bytes[at + 1] = 'B';  // now a field nobody reads, and "billing" is missing
  EXPECT_THAT(DecodeTableInfo(bytes),
              StatusIs(base::ErrorCode::kCorruption,
                       "catalog entry is not decodable: field 'billing' is missing or not of "
                       "type N"));
}

}  // namespace
}  // namespace ordertrack::engine
