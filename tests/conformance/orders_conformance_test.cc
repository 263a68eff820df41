#include "orders/order_store.h"

#include <gtest/gtest.h>

#include <atomic>
#include <random>
#include <set>
#include <thread>

#include "base/clock.h"
#include "orders/order_item.h"
#include "testing/status_matchers.h"
#include "tests/conformance/store_backends.h"

namespace ordertrack::orders {
namespace {

using ::ordertrack::testing::StatusIs;
using ::testing::HasSubstr;

std::string Uuid(int n) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "00000000-0000-4000-8000-%012d", n);
  return buf;
}

// The orders suite, with the same assertions on every store (issue 6).
class OrderStoreTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string why_not;
    backend_ = conformance::MakeBackend(GetParam(), &why_not);
    ASSERT_NE(backend_, nullptr) << why_not;
    db_ = &backend_->db();
    OrderStoreOptions options;
    options.now = [this] { return now_ += step_; };
    options.new_id = [this] { return Uuid(next_id_++); };
    store_ = std::make_unique<OrderStore>(*db_, options);
    ASSERT_OK(store_->EnsureTables());
  }

  std::vector<std::string> Ids(const std::vector<Order>& orders) {
    std::vector<std::string> ids;
    for (const auto& o : orders) ids.push_back(o.order_id);
    return ids;
  }

  // Every page of a listing, following next_cursor.
  std::vector<std::string> AllPages(bool by_user, const std::string& owner, ListOptions options,
                                    int* pages = nullptr) {
    std::vector<std::string> ids;
    int n = 0;
    while (true) {
      auto page = by_user ? store_->ListByUser(owner, options) : store_->ListByProduct(owner, options);
      EXPECT_OK(page);
      if (!page.ok()) break;
      ++n;
      EXPECT_LE(static_cast<int>(page->orders.size()), options.limit);
      for (const auto& o : page->orders) ids.push_back(o.order_id);
      if (!page->next_cursor) break;
      options.cursor = *page->next_cursor;
    }
    if (pages) *pages = n;
    return ids;
  }

  std::unique_ptr<conformance::StoreBackend> backend_;
  api::DynamoDb* db_ = nullptr;
  std::unique_ptr<OrderStore> store_;
  // Starts at the real time: idempotency records expire by TTL a day after
  // their order, and a store that runs TTL (DynamoDB Local) deletes records
  // of a clock in the past while the test runs.
  Micros now_ = base::UnixMicros();
  Micros step_ = 1000;
  int next_id_ = 1;
  const std::string user_ = Uuid(900001);
  const std::string product_ = Uuid(900002);
};

constexpr char kBy[] = "conformance";

TEST_P(OrderStoreTest, CreateAndGet) {
  auto created = store_->Create(user_, product_, kBy);
  ASSERT_OK(created);
  EXPECT_EQ(created->status, OrderStatus::kInProgress);
  ASSERT_EQ(created->history.size(), 1u);
  auto got = store_->Get(created->order_id);
  ASSERT_OK(got);
  EXPECT_EQ(*got, *created);
  EXPECT_THAT(store_->Get(Uuid(424242)), StatusIs(base::ErrorCode::kResourceNotFound, HasSubstr("not found")));
  EXPECT_THAT(store_->Get("nope"), StatusIs(base::ErrorCode::kValidation, HasSubstr("UUID")));
  EXPECT_THAT(store_->Create("x", product_, kBy), StatusIs(base::ErrorCode::kValidation, HasSubstr("user_id")));
}

TEST_P(OrderStoreTest, IdempotencyKeyReturnsTheFirstOrder) {
  if (!backend_->Supports(conformance::Feature::kTransactions)) {
    GTEST_SKIP() << GetParam() << " lacks TransactWriteItems, which idempotent creates use";
  }
  bool created_now = false;
  auto first = store_->Create(user_, product_, kBy, std::string("key-1"), &created_now);
  ASSERT_OK(first);
  EXPECT_TRUE(created_now);
  auto again = store_->Create(user_, product_, kBy, std::string("key-1"), &created_now);
  ASSERT_OK(again);
  EXPECT_FALSE(created_now);
  EXPECT_EQ(again->order_id, first->order_id);
  EXPECT_THAT(store_->Create(user_, Uuid(5), kBy, std::string("key-1")),
              StatusIs(base::ErrorCode::kValidation, HasSubstr("different order request")));
  EXPECT_EQ(store_->CountByUser(user_)->in_progress, 1);
}

TEST_P(OrderStoreTest, StatusChangesFollowTheLegalPathsWithHistory) {
  auto order = store_->Create(user_, product_, kBy);
  ASSERT_OK(order);
  auto same = store_->SetStatus(order->order_id, OrderStatus::kInProgress, kBy);
  ASSERT_OK(same);
  EXPECT_EQ(same->history.size(), 1u);  // a no-op
  auto done = store_->SetStatus(order->order_id, OrderStatus::kCompleted, "ops-key");
  ASSERT_OK(done);
  EXPECT_EQ(done->status, OrderStatus::kCompleted);
  ASSERT_EQ(done->history.size(), 2u);
  EXPECT_EQ(done->history[1].status, OrderStatus::kCompleted);
  EXPECT_GT(done->history[1].at, done->history[0].at);
  // Who made each change is kept, and an unnamed one stays unnamed.
  EXPECT_EQ(done->history[0].by, kBy);
  EXPECT_EQ(done->history[1].by, "ops-key");
  EXPECT_EQ(store_->Get(order->order_id)->history, done->history);
  auto anonymous = store_->Create(user_, product_, "");
  ASSERT_OK(anonymous);
  EXPECT_EQ(store_->Get(anonymous->order_id)->history[0].by, "");
  EXPECT_OK(store_->SetStatus(order->order_id, OrderStatus::kCompleted, kBy));
  EXPECT_THAT(store_->SetStatus(order->order_id, OrderStatus::kCanceled, kBy),
              StatusIs(base::ErrorCode::kConditionalCheckFailed, HasSubstr("cannot become canceled")));
  EXPECT_EQ(store_->Get(order->order_id)->history.size(), 2u);
}

TEST_P(OrderStoreTest, OrdersTheSeedWroteCanChangeStatus) {
  api::PutItemRequest put;
  put.table_name = "purchase";
  put.item = {{"order_id", model::AttributeValue::S(Uuid(77))},
              {"user_id", model::AttributeValue::S(user_)},
              {"product_id", model::AttributeValue::S(product_)},
              {"created", model::AttributeValue::NumberFromText("1428791681.25")},
              {"order_status", model::AttributeValue::NumberFromText("101")},
              {"order_status_created", model::AttributeValue::S("101_1428791681.25")}};
  ASSERT_OK(db_->PutItem(put));
  auto changed = store_->SetStatus(Uuid(77), OrderStatus::kCanceled, kBy);
  ASSERT_OK(changed);
  EXPECT_EQ(changed->history.size(), 1u);
  auto listed = store_->ListByProduct(product_, {{OrderStatus::kCanceled}, 10, "", true});
  ASSERT_OK(listed);
  ASSERT_EQ(listed->orders.size(), 1u);
  EXPECT_EQ(listed->orders[0].created, 1428791681'250000);
}

// Pages over several statuses are merged by time and resume exactly, with
// many orders created in the same microsecond.
TEST_P(OrderStoreTest, MergedPagesResumeExactlyInBothDirections) {
  std::mt19937 rng(5);
  std::vector<Order> all;
  for (int i = 0; i < 57; ++i) {
    step_ = (i % 4 == 0) ? 0 : 7;  // ties in the same microsecond
    auto order = store_->Create(user_, product_, kBy);
    ASSERT_OK(order);
    OrderStatus target = kAllStatuses[rng() % 3];
    auto changed = store_->SetStatus(order->order_id, target, kBy);
    ASSERT_OK(changed);
    all.push_back(*changed);
  }
  for (bool newest_first : {true, false}) {
    for (int limit : {1, 4, 10, 100}) {
      ListOptions options{{OrderStatus::kInProgress, OrderStatus::kCompleted}, limit, "", newest_first};
      std::vector<Order> expected;
      for (const auto& o : all) {
        if (o.status != OrderStatus::kCanceled) expected.push_back(o);
      }
      std::sort(expected.begin(), expected.end(), [&](const Order& a, const Order& b) {
        auto ka = std::tie(a.created, a.order_id), kb = std::tie(b.created, b.order_id);
        return newest_first ? kb < ka : ka < kb;
      });
      int pages = 0;
      EXPECT_EQ(AllPages(true, user_, options, &pages), Ids(expected))
          << "newest_first " << newest_first << " limit " << limit;
      EXPECT_LE(pages, static_cast<int>(expected.size()) / limit + 1);
    }
  }
  // Default for a user: in_progress and completed; for a product: in_progress.
  auto product_default = AllPages(false, product_, {{}, 100, "", true});
  size_t in_progress = std::count_if(all.begin(), all.end(),
                                     [](const Order& o) { return o.status == OrderStatus::kInProgress; });
  EXPECT_EQ(product_default.size(), in_progress);
  auto counts = store_->CountByProduct(product_);
  ASSERT_OK(counts);
  EXPECT_EQ(counts->in_progress + counts->completed + counts->canceled, 57);
  EXPECT_EQ(static_cast<size_t>(counts->in_progress), in_progress);
}

TEST_P(OrderStoreTest, BadListingsAreRefused) {
  EXPECT_THAT(store_->ListByUser(user_, {{}, 0, "", true}),
              StatusIs(base::ErrorCode::kValidation, HasSubstr("limit must be between 1 and 100")));
  EXPECT_THAT(store_->ListByUser(user_, {{}, 101, "", true}), StatusIs(base::ErrorCode::kValidation, HasSubstr("limit")));
  EXPECT_THAT(store_->ListByUser(user_, {{}, 10, "garbage", true}),
              StatusIs(base::ErrorCode::kValidation, "The cursor is not valid for this listing"));
  for (int i = 0; i < 3; ++i) ASSERT_OK(store_->Create(user_, product_, kBy));
  auto page = store_->ListByUser(user_, {{}, 1, "", true});
  ASSERT_OK(page);
  ASSERT_TRUE(page->next_cursor);
  // A cursor belongs to its listing: another order or user is refused.
  EXPECT_FALSE(store_->ListByUser(user_, {{}, 1, *page->next_cursor, false}).ok());
  EXPECT_FALSE(store_->ListByUser(Uuid(3), {{}, 1, *page->next_cursor, true}).ok());
}

TEST_P(OrderStoreTest, ExportVisitsEveryOrder) {
  for (int i = 0; i < 25; ++i) ASSERT_OK(store_->Create(user_, product_, kBy));
  std::set<std::string> seen;
  int64_t last_done = 0;
  ASSERT_OK(store_->ExportAll(
      [&](const Order& o) {
        seen.insert(o.order_id);
        return base::Status();
      },
      [&](int64_t done, int64_t total) {
        last_done = done;
        EXPECT_LE(done, total);
      }));
  EXPECT_EQ(seen.size(), 25u);
  EXPECT_EQ(last_done, 25);
}

// 32 clients change the same orders at once: every order ends in a legal
// state after exactly one transition, and its history is a legal path.
TEST_P(OrderStoreTest, ConcurrentStatusChangesNeverBothWin) {
  std::vector<std::string> ids;
  for (int i = 0; i < 20; ++i) ids.push_back(store_->Create(user_, product_, kBy)->order_id);
  std::vector<std::thread> clients;
  for (int c = 0; c < 32; ++c) {
    clients.emplace_back([&, c] {
      std::mt19937 rng(c);
      for (const auto& id : ids) {
        OrderStatus target = rng() % 2 ? OrderStatus::kCompleted : OrderStatus::kCanceled;
        auto result = store_->SetStatus(id, target, kBy);
        if (!result.ok()) {
          EXPECT_EQ(result.status().code(), base::ErrorCode::kConditionalCheckFailed);
        }
      }
    });
  }
  for (auto& t : clients) t.join();
  for (const auto& id : ids) {
    auto order = store_->Get(id);
    ASSERT_OK(order);
    EXPECT_NE(order->status, OrderStatus::kInProgress);
    ASSERT_EQ(order->history.size(), 2u) << id;
    EXPECT_EQ(order->history[0].status, OrderStatus::kInProgress);
    EXPECT_EQ(order->history[1].status, order->status);
  }
  auto counts = store_->CountByUser(user_);
  EXPECT_EQ(counts->completed + counts->canceled, 20);
}

INSTANTIATE_TEST_SUITE_P(Stores, OrderStoreTest,
                         ::testing::Values("embedded", "ordertrack_server", "dynalite", "dynamodb_local"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ordertrack::orders
