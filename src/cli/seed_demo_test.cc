#include "cli/seed_demo.h"

#include <gtest/gtest.h>

#include <sstream>

#include "engine/embedded_dynamodb.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace ordertrack::cli {
namespace {

// The seed's program on the embedded engine: what it reads back is exactly
// what it wrote, as a full scan of the table shows.
TEST(SeedDemoTest, QueriesReturnWhatTheDemoWrote) {
  testing::TempDir dir;
  auto db = engine::EmbeddedDynamoDb::Open(dir.path());
  ASSERT_OK(db);
  auto result = RunSeedDemo(**db, 42);
  ASSERT_OK(result);

  api::ScanRequest scan;
  scan.read.table_name = "purchase";
  auto all = (*db)->Scan(scan);
  ASSERT_OK(all);
  ASSERT_EQ(all->count, 20);
  for (const auto& order : result->user_orders) {
    EXPECT_NE(order.at("order_status").n().ToString(), "301");
    EXPECT_EQ(order.at("user_id"), result->user_orders[0].at("user_id"));
  }
  for (const auto& order : result->product_orders_in_progress) {
    EXPECT_EQ(order.at("order_status").n().ToString(), "101");
  }
  // Every order the first product has in progress is found.
  if (!result->product_orders_in_progress.empty()) {
    const auto& product = result->product_orders_in_progress[0].at("product_id");
    int64_t expected = 0;
    for (const auto& item : all->items) {
      if (item.at("product_id") == product && item.at("order_status").n().ToString() == "101") ++expected;
    }
    EXPECT_EQ(static_cast<int64_t>(result->product_orders_in_progress.size()), expected);
  }
  std::ostringstream text;
  PrintOrders(*result, false, text);
  EXPECT_NE(text.str().find("The first product's orders in progress"), std::string::npos);
}

}  // namespace
}  // namespace ordertrack::cli
