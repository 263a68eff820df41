#include <gtest/gtest.h>

#include "engine/engine_test_util.h"

namespace ordertrack::engine {
namespace {

TEST_F(EngineTest, ExpiredItemsAreRemovedWithTheirIndexEntries) {
  double now = 1'700'000'000;
  EngineOptions options;
  options.clock = [&] { return now; };
  options.ttl_sweep_interval = std::chrono::milliseconds(0);
  Reopen(options);
  CreatePurchaseTable();
  ASSERT_OK(db_->UpdateTimeToLive({"purchase", {true, "expires"}}));
  auto soon = Order("soon", "u", "p", 101, "1");
  soon["expires"] = N("1700000100");
  auto later = Order("later", "u", "p", 101, "2");
  later["expires"] = N("1800000000");
  auto ancient = Order("ancient", "u", "p", 101, "3");
  ancient["expires"] = N("1");  // more than five years past: DynamoDB ignores it
  for (const auto& item : {soon, later, ancient}) Put(item);

  EXPECT_EQ(db_->SweepExpiredItems().value(), 0);
  now = 1'700'000'200;
  EXPECT_EQ(db_->SweepExpiredItems().value(), 1);
  EXPECT_FALSE(Get("purchase", {{"order_id", S("soon")}}).has_value());
  EXPECT_TRUE(Get("purchase", {{"order_id", S("later")}}).has_value());
  auto described = db_->DescribeTable({"purchase"});
  EXPECT_EQ(described->item_count, 2);
  EXPECT_EQ(described->global_secondary_indexes[0].item_count, 2);
}

TEST_F(EngineTest, SecondEngineOnOneDirectoryIsRefused) {
  auto second = EmbeddedDynamoDb::Open(dir_.path());
  EXPECT_EQ(second.status().code(), base::ErrorCode::kBusy);
}

}  // namespace
}  // namespace ordertrack::engine
