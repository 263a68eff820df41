#include "events/feed.h"

#include <gtest/gtest.h>

#include "engine/embedded_dynamodb.h"
#include "events/cursor.h"
#include "orders/order_item.h"
#include "orders/order_store.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace ordertrack::events {
namespace {

using orders::OrderStatus;

constexpr char kUser[] = "f14e47c3-0232-430c-b79c-65b9ab000110";
constexpr char kProduct[] = "a9b1c2d3-0232-430c-b79c-65b9ab000220";

// An engine with the seed's table (created by OrderStore), its stream
// enabled by the feed, and a clock the test sets.
class FeedTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine::EngineOptions options;
    options.clock = [this] { return now_; };
    options.ttl_sweep_interval = std::chrono::milliseconds(0);
    options.stream_retention = std::chrono::hours(1);
    db_ = engine::EmbeddedDynamoDb::Open(dir_.path(), options).value();
    orders::OrderStoreOptions store_options;
    store_options.now = [this] { return static_cast<orders::Micros>(now_ * 1e6); };
    store_ = std::make_unique<orders::OrderStore>(*db_, store_options);
    ASSERT_OK(store_->EnsureTables());
    feed_ = std::make_unique<EventFeed>(*db_, "purchase");
    ASSERT_OK(feed_->EnsureStream());
  }

  std::string NewOrder(const std::string& by = "") {
    auto order = store_->Create(kUser, kProduct, by);
    EXPECT_OK(order.status());
    return order.ok() ? order->order_id : "";
  }

  // Every event, `limit` at a time, following next_cursor.
  std::vector<Event> ReadAll(int limit, std::set<EventType> types = {}) {
    std::vector<Event> all;
    std::optional<std::string> after;
    for (int i = 0; i < 100; ++i) {
      auto page = feed_->Read({after, limit, types});
      EXPECT_OK(page.status());
      if (!page.ok() || page->events.empty()) break;
      for (auto& e : page->events) all.push_back(std::move(e));
      after = page->next_cursor;
    }
    return all;
  }

  testing::TempDir dir_;
  double now_ = 1'700'000'000;
  std::unique_ptr<engine::EmbeddedDynamoDb> db_;
  std::unique_ptr<orders::OrderStore> store_;
  std::unique_ptr<EventFeed> feed_;
};

TEST_F(FeedTest, CreationsAndStatusChangesInOrder) {
  const std::string a = NewOrder("alice");
  now_ += 1;
  const std::string b = NewOrder();
  now_ += 1;
  ASSERT_OK(store_->SetStatus(a, OrderStatus::kCompleted, "bob").status());
  // Asking for the status it has changes nothing: no event.
  ASSERT_OK(store_->SetStatus(a, OrderStatus::kCompleted, "bob").status());

  std::vector<Event> events = ReadAll(10);
  ASSERT_EQ(events.size(), 3u);
  EXPECT_EQ(events[0].type, EventType::kOrderCreated);
  EXPECT_EQ(events[0].order.order_id, a);
  EXPECT_EQ(events[0].by, "alice");
  EXPECT_EQ(events[0].created, 1'700'000'000'000000);
  EXPECT_EQ(events[1].order.order_id, b);
  EXPECT_EQ(events[2].type, EventType::kOrderStatusChanged);
  EXPECT_EQ(events[2].order.order_id, a);
  EXPECT_EQ(events[2].from, OrderStatus::kInProgress);
  EXPECT_EQ(events[2].order.status, OrderStatus::kCompleted);
  EXPECT_EQ(events[2].by, "bob");
  EXPECT_EQ(events[2].created, 1'700'000'002'000000);

  // One at a time, the same events with the same ids.
  std::vector<Event> one_by_one = ReadAll(1);
  ASSERT_EQ(one_by_one.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(one_by_one[i].id, events[i].id);
    EXPECT_EQ(one_by_one[i].id.substr(0, 4), "evt_");
  }
  EXPECT_NE(events[0].id, events[1].id);
}

TEST_F(FeedTest, OtherChangesAreSkippedAndTheCursorMovesPastThem) {
  NewOrder();
  auto first = feed_->Read({std::nullopt, 10, {}});
  ASSERT_OK(first.status());
  ASSERT_EQ(first->events.size(), 1u);
  // Not an order, and a deletion: no events, but the cursor moves on.
  api::PutItemRequest stray;
  stray.table_name = "purchase";
  stray.item = {{"order_id", model::AttributeValue::S("not-an-order")}};
  ASSERT_OK(db_->PutItem(stray).status());
  api::DeleteItemRequest del;
  del.table_name = "purchase";
  del.key = {{"order_id", model::AttributeValue::S(first->events[0].order.order_id)}};
  ASSERT_OK(db_->DeleteItem(del).status());
  auto skipped = feed_->Read({first->next_cursor, 10, {}});
  ASSERT_OK(skipped.status());
  EXPECT_TRUE(skipped->events.empty());
  ASSERT_TRUE(skipped->next_cursor.has_value());
  EXPECT_NE(skipped->next_cursor, first->next_cursor);
  // Nothing new: the same cursor back.
  auto idle = feed_->Read({skipped->next_cursor, 10, {}});
  ASSERT_OK(idle.status());
  EXPECT_TRUE(idle->events.empty());
  EXPECT_EQ(idle->next_cursor, skipped->next_cursor);
}

TEST_F(FeedTest, TypesFilterTheEvents) {
  const std::string a = NewOrder();
  NewOrder();
  ASSERT_OK(store_->SetStatus(a, OrderStatus::kCanceled, "").status());
  std::vector<Event> changes = ReadAll(10, {EventType::kOrderStatusChanged});
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].order.status, OrderStatus::kCanceled);
  EXPECT_EQ(ReadAll(10, {EventType::kOrderCreated}).size(), 2u);
}

TEST_F(FeedTest, BadRequestsAreRefused) {
  NewOrder();
  EXPECT_EQ(feed_->Read({std::nullopt, 0, {}}).status().code(), base::ErrorCode::kValidation);
  EXPECT_EQ(feed_->Read({std::nullopt, 101, {}}).status().code(), base::ErrorCode::kValidation);
  EXPECT_EQ(feed_->Read({"bogus", 10, {}}).status().code(), base::ErrorCode::kValidation);
  auto page = feed_->Read({std::nullopt, 10, {}});
  ASSERT_OK(page.status());
  std::string cursor = *page->next_cursor;
  cursor[cursor.size() / 2] = cursor[cursor.size() / 2] == 'A' ? 'B' : 'A';
  EXPECT_EQ(feed_->Read({cursor, 10, {}}).status().code(), base::ErrorCode::kValidation);
  StreamPlace place = *DecodeCursor(*page->next_cursor);
  const std::string table = ":table/purchase/";
  place.stream_arn.replace(place.stream_arn.find(table), table.size(), ":table/other/");
  auto other = feed_->Read({EncodeCursor(place), 10, {}});
  EXPECT_EQ(other.status().code(), base::ErrorCode::kValidation);
  EXPECT_NE(other.status().message().find("table purchase"), std::string::npos);
}

TEST_F(FeedTest, ACursorPastTheRetentionIsGone) {
  // Before any event there is no cursor to give: one naming the shard's
  // start would skip what trimming later removes.
  auto empty = feed_->Read({std::nullopt, 10, {}});
  ASSERT_OK(empty.status());
  ASSERT_TRUE(empty->events.empty());
  EXPECT_FALSE(empty->next_cursor.has_value());
  NewOrder();
  NewOrder();
  auto first = feed_->Read({std::nullopt, 1, {}});
  auto both = feed_->Read({std::nullopt, 2, {}});
  ASSERT_OK(first.status());
  ASSERT_OK(both.status());
  now_ += 2 * 3600;
  const std::string kept = NewOrder();
  ASSERT_OK(db_->TrimStreams().status());
  // A cursor older than the retention is gone, as the issue asks and as
  // DynamoDB refuses a trimmed sequence number, even where no event after it
  // was trimmed: the stream cannot tell.
  for (const auto& cursor : {first->next_cursor, both->next_cursor}) {
    auto gone = feed_->Read({cursor, 10, {}});
    EXPECT_EQ(gone.status().code(), base::ErrorCode::kTrimmedDataAccess) << gone.status().message();
  }
  // What is kept reads on.
  auto kept_page = feed_->Read({std::nullopt, 10, {}});
  ASSERT_OK(kept_page.status());
  ASSERT_EQ(kept_page->events.size(), 1u);
  EXPECT_EQ(kept_page->events[0].order.order_id, kept);
}

TEST_F(FeedTest, EnsureStreamEnablesOneAndRefusesTheWrongKind) {
  api::CreateTableRequest seeds = orders::OrdersTableRequest("seeds");
  ASSERT_OK(db_->CreateTable(seeds).status());
  EventFeed seed_feed(*db_, "seeds");
  ASSERT_OK(seed_feed.EnsureStream());
  auto described = db_->DescribeTable({"seeds"});
  ASSERT_OK(described.status());
  ASSERT_TRUE(described->stream_specification.has_value());
  EXPECT_EQ(described->stream_specification->stream_view_type,
            model::StreamViewType::kNewAndOldImages);
  ASSERT_OK(seed_feed.EnsureStream());  // already there: nothing to do

  api::CreateTableRequest keys_only = orders::OrdersTableRequest("keysonly");
  keys_only.stream_specification = model::StreamSpecification{true, model::StreamViewType::kKeysOnly};
  ASSERT_OK(db_->CreateTable(keys_only).status());
  EXPECT_EQ(EventFeed(*db_, "keysonly").EnsureStream().code(), base::ErrorCode::kValidation);
  // A table not there yet is fine: nothing to read.
  EventFeed missing(*db_, "missing");
  EXPECT_OK(missing.EnsureStream());
  auto empty = missing.Read({std::nullopt, 10, {}});
  ASSERT_OK(empty.status());
  EXPECT_TRUE(empty->events.empty());
  EXPECT_FALSE(empty->next_cursor.has_value());
}

}  // namespace
}  // namespace ordertrack::events

namespace ordertrack::events {
namespace {

TEST(CursorTest, RoundTripsAndRefusesWhatItDidNotMake) {
  const StreamPlace after{"arn:aws:dynamodb:local:000000000000:table/purchase/stream/x",
                          "shardId-1", "000000000000000000042", true};
  const StreamPlace at{after.stream_arn, after.shard_id, "", false};
  EXPECT_EQ(DecodeCursor(EncodeCursor(after)), after);
  EXPECT_EQ(DecodeCursor(EncodeCursor(at)), at);
  EXPECT_EQ(DecodeCursor(""), std::nullopt);
  EXPECT_EQ(DecodeCursor("not base64!"), std::nullopt);
  std::string cursor = EncodeCursor(after);
  cursor.back() = cursor.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(DecodeCursor(cursor), std::nullopt);
}

}  // namespace
}  // namespace ordertrack::events
