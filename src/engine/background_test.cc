#include <gtest/gtest.h>

#include "engine/engine_test_util.h"

namespace ordertrack::engine {
namespace {

// The seed's table with TTL on `expires`, a clock the test sets, and the
// background sweeper off: the tests sweep by hand.
class TtlTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    EngineOptions options;
    options.clock = [this] { return now_; };
    options.ttl_sweep_interval = std::chrono::milliseconds(0);
    Reopen(options);
    CreatePurchaseTable();
    ASSERT_OK(db_->UpdateTimeToLive({"purchase", {true, "expires"}}));
  }

  double now_ = 1'700'000'000;
};

TEST_F(TtlTest, ExpiredItemsAreRemovedWithTheirIndexEntries) {
  auto soon = Order("soon", "u", "p", 101, "1");
  soon["expires"] = N("1700000100");
  auto later = Order("later", "u", "p", 101, "2");
  later["expires"] = N("1800000000");
  auto ancient = Order("ancient", "u", "p", 101, "3");
  ancient["expires"] = N("1");  // more than five years past: DynamoDB ignores it
  for (const auto& item : {soon, later, ancient}) Put(item);

  EXPECT_EQ(db_->SweepExpiredItems().value(), 0);
  now_ = 1'700'000'200;
  EXPECT_EQ(db_->SweepExpiredItems().value(), 1);
  EXPECT_FALSE(Get("purchase", {{"order_id", S("soon")}}).has_value());
  EXPECT_TRUE(Get("purchase", {{"order_id", S("later")}}).has_value());
  auto described = db_->DescribeTable({"purchase"});
  EXPECT_EQ(described->item_count, 2);
  EXPECT_EQ(described->global_secondary_indexes[0].item_count, 2);
}

// A bounded sweep looks at no more rows than it is allowed, resumes where the
// previous one stopped, and starts over after the table's last row, so an item
// that expires behind the walk is found on a later pass.
TEST_F(TtlTest, BoundedSweepsResumeAndWrapAround) {
  constexpr int kOrders = 20;  // every other one expired
  for (int i = 0; i < kOrders; ++i) {
    auto order = Order("o" + std::to_string(i), "u", "p", 101, std::to_string(i));
    order["expires"] = N(i % 2 == 0 ? "1600000000" : "1800000000");
    Put(order);
  }
  auto count = [&] { return db_->DescribeTable({"purchase"})->item_count; };

  // Each call of 3 rows removes at most 3; seven calls cover the 20 rows once,
  // which only a walk that resumes can do, since the live rows stay.
  int64_t removed = 0;
  for (int call = 0; call < 7; ++call) {
    auto swept = db_->SweepExpiredItems(3);
    ASSERT_OK(swept);
    EXPECT_LE(*swept, 3);
    removed += *swept;
    EXPECT_EQ(count(), kOrders - removed);
  }
  EXPECT_EQ(removed, kOrders / 2);

  // The walk is past the table's end; it starts over and finds new ones.
  auto late = Order("late", "u", "p", 101, "99");
  late["expires"] = N("1600000000");
  Put(late);
  auto kept = Order("kept", "u", "p", 101, "98");
  kept["expires"] = N("1800000000");
  Put(kept);
  int64_t second_pass = 0;
  for (int call = 0; call < kOrders / 2 + 2; ++call)
    second_pass += db_->SweepExpiredItems(1).value();
  EXPECT_EQ(second_pass, 1);
  EXPECT_FALSE(Get("purchase", {{"order_id", S("late")}}).has_value());
  EXPECT_TRUE(Get("purchase", {{"order_id", S("kept")}}).has_value());
}

TEST_F(EngineTest, SecondEngineOnOneDirectoryIsRefused) {
  auto second = EmbeddedDynamoDb::Open(dir_.path());
  EXPECT_EQ(second.status().code(), base::ErrorCode::kBusy);
}

}  // namespace
}  // namespace ordertrack::engine
