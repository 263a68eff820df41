#include "orders/order.h"

#include <gtest/gtest.h>

#include "orders/internal/cursor.h"
#include "orders/order_item.h"
#include "testing/status_matchers.h"

namespace ordertrack::orders {
namespace {

TEST(OrderTest, StatusWordsAndCodes) {
  for (OrderStatus s : kAllStatuses) {
    EXPECT_EQ(StatusFromWord(StatusWord(s)), s);
    EXPECT_EQ(StatusFromCode(static_cast<int>(s)), s);
  }
  EXPECT_EQ(StatusFromWord("shipped"), std::nullopt);
  EXPECT_EQ(StatusFromCode(102), std::nullopt);
}

TEST(OrderTest, OnlyInProgressOrdersMayChange) {
  EXPECT_TRUE(CanTransition(OrderStatus::kInProgress, OrderStatus::kCompleted));
  EXPECT_TRUE(CanTransition(OrderStatus::kInProgress, OrderStatus::kCanceled));
  EXPECT_FALSE(CanTransition(OrderStatus::kCompleted, OrderStatus::kCanceled));
  EXPECT_FALSE(CanTransition(OrderStatus::kCanceled, OrderStatus::kInProgress));
  EXPECT_FALSE(CanTransition(OrderStatus::kCompleted, OrderStatus::kInProgress));
}

TEST(OrderTest, TimesAreRfc3339Utc) {
  EXPECT_EQ(FormatRfc3339(0), "1970-01-01T00:00:00.000000Z");
  EXPECT_EQ(FormatRfc3339(1428791681'123456), "2015-04-11T22:34:41.123456Z");
}

TEST(OrderTest, UuidsAreCanonical) {
  EXPECT_TRUE(IsUuid("f14e47c3-0232-430c-b79c-65b9ab000110"));
  EXPECT_FALSE(IsUuid("F14E47C3-0232-430C-B79C-65B9AB000110"));
  EXPECT_FALSE(IsUuid("f14e47c3-0232-430c-b79c-65b9ab00011"));
  EXPECT_FALSE(IsUuid("f14e47c3_0232-430c-b79c-65b9ab000110"));
}

TEST(OrderItemTest, StatusCreatedSortsByStatusThenTimeWithFixedWidth) {
  EXPECT_EQ(StatusCreated(OrderStatus::kInProgress, 1428791681'000001, "id"), "101_1428791681.000001_id");
  // Sub-second order holds as strings, and seed-written values sort among ours.
  EXPECT_LT(StatusCreated(OrderStatus::kInProgress, 1428791681'000009, "a"),
            StatusCreated(OrderStatus::kInProgress, 1428791681'000010, "a"));
  EXPECT_LT(std::string("101_1428791681.1"), StatusCreated(OrderStatus::kInProgress, 1428791681'100001, "a"));
  EXPECT_LT(StatusCreated(OrderStatus::kCanceled, 1, "a"), StatusCreated(OrderStatus::kCanceled, 2, "a"));
  // Orders of the same microsecond sort by id.
  EXPECT_LT(StatusCreated(OrderStatus::kCanceled, 1, "a"), StatusCreated(OrderStatus::kCanceled, 1, "b"));
  // The seed's own BETWEEN bounds still select one status.
  EXPECT_GT(StatusCreated(OrderStatus::kInProgress, 0, "a"), "100_0");
  EXPECT_LT(StatusCreated(OrderStatus::kInProgress, 4102444800'000000, "a"), "102_0");
}

TEST(OrderItemTest, OrdersRoundTripAndSeedItemsAreReadable) {
  Order order{"f14e47c3-0232-430c-b79c-65b9ab000110", "e7aa25d8-2b1b-4fea-a735-4dbeeff06aaa",
              "ad3ffb1e-f3eb-46bc-bebc-201034f757e6", 1428791681'123456, OrderStatus::kCompleted,
              {{OrderStatus::kInProgress, 1428791681'123456, "frontend"}, {OrderStatus::kCompleted, 1428791699'000000, ""}}};
  auto back = ItemToOrder(OrderToItem(order));
  ASSERT_OK(back);
  EXPECT_EQ(*back, order);
  // What the seed's create_order and update_order_status wrote.
  model::Item seed = {{"order_id", model::AttributeValue::S(order.order_id)},
                      {"user_id", model::AttributeValue::S(order.user_id)},
                      {"product_id", model::AttributeValue::S(order.product_id)},
                      {"created", model::AttributeValue::NumberFromText("1428791681.5")},
                      {"order_status", model::AttributeValue::NumberFromText("201")},
                      {"order_status_created", model::AttributeValue::S("201_1428791681.5")}};
  auto read = ItemToOrder(seed);
  ASSERT_OK(read);
  EXPECT_EQ(read->created, 1428791681'500000);
  EXPECT_EQ(read->status, OrderStatus::kCompleted);
  EXPECT_TRUE(read->history.empty());
  seed.erase("order_status");
  EXPECT_EQ(ItemToOrder(seed).status().code(), base::ErrorCode::kCorruption);
}

TEST(CursorTest, RoundTripsAndRefusesStrangers) {
  ListCursor cursor{"u:x|101,|newest", {}};
  cursor.positions[OrderStatus::kInProgress] = {false, "101_1.000000", "id-1"};
  cursor.positions[OrderStatus::kCompleted] = {true, "", ""};
  std::string text = EncodeCursor(cursor);
  auto back = DecodeCursor(text, cursor.listing);
  ASSERT_OK(back);
  EXPECT_EQ(back->positions[OrderStatus::kInProgress].order_id, "id-1");
  EXPECT_TRUE(back->positions[OrderStatus::kCompleted].exhausted);
  // Another listing's cursor, a damaged one, and noise are all refused.
  EXPECT_THAT(DecodeCursor(text, "u:y|101,|newest"),
              testing::StatusIs(base::ErrorCode::kValidation, "The cursor is not valid for this listing"));
  std::string damaged = text;
  damaged[damaged.size() / 2] = damaged[damaged.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_FALSE(DecodeCursor(damaged, cursor.listing).ok());
  EXPECT_FALSE(DecodeCursor("hello", cursor.listing).ok());
  EXPECT_FALSE(DecodeCursor("!!!", cursor.listing).ok());
}

}  // namespace
}  // namespace ordertrack::orders
