// Group commit (deferred_writes.cc): what a deferring thread's pending
// writes look like to itself, to other threads and to catalog changes.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <random>
#include <thread>

#include "engine/engine_test_util.h"

namespace ordertrack::engine {
namespace {

using std::chrono::milliseconds;

model::Item Key(const std::string& id) { return {{"order_id", S(id)}}; }

// Whether `f` is still running after a while: it is waiting for something.
bool StillWaiting(std::future<void>& f) {
  return f.wait_for(milliseconds(100)) == std::future_status::timeout;
}

api::UpdateItemRequest AddToCount(const std::string& id) {
  api::UpdateItemRequest r;
  r.table_name = "purchase";
  r.key = Key(id);
  r.update_expression = "ADD n :one";
  r.expression.expression_attribute_values = model::Map{{":one", N("1")}};
  return r;
}

class DeferredWritesTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    CreatePurchaseTable();
  }
  base::Status PutIn(const std::string& table, model::Item item) {
    api::PutItemRequest r;
    r.table_name = table;
    r.item = std::move(item);
    return db_->PutItem(r).status();
  }
  // Get from another thread, which has no pending writes of its own.
  std::optional<model::Item> GetElsewhere(const std::string& id) {
    return std::async(std::launch::async, [&] { return Get("purchase", Key(id)); }).get();
  }
};

TEST_F(DeferredWritesTest, PendingWritesAreStoredOnlyByTheCommit) {
  db_->DeferWritesOnThisThread();
  ASSERT_OK(PutIn("purchase", Order("o1", "u", "p", 101, "1")));
  ASSERT_OK(PutIn("purchase", Order("o2", "u", "p", 101, "2")));
  EXPECT_FALSE(GetElsewhere("o1").has_value());
  EXPECT_FALSE(GetElsewhere("o2").has_value());
  ASSERT_OK(db_->CommitDeferredWrites());
  EXPECT_TRUE(GetElsewhere("o1").has_value());
  EXPECT_TRUE(GetElsewhere("o2").has_value());
  EXPECT_EQ(db_->DescribeTable({"purchase"})->item_count, 2);
}

TEST_F(DeferredWritesTest, TheDeferringThreadReadsItsOwnWrites) {
  db_->DeferWritesOnThisThread();
  ASSERT_OK(PutIn("purchase", Order("o1", "u", "p", 101, "1")));
  EXPECT_TRUE(Get("purchase", Key("o1")).has_value());

  // A second write of the same item sees the first: its condition holds and
  // its update applies to what the first wrote.
  ASSERT_OK(db_->UpdateItem(AddToCount("o1")));
  api::UpdateItemRequest again = AddToCount("o1");
  again.condition.condition_expression = "n = :one";
  ASSERT_OK(db_->UpdateItem(again));
  ASSERT_OK(db_->CommitDeferredWrites());
  EXPECT_EQ(GetElsewhere("o1")->at("n"), N("2"));
}

TEST_F(DeferredWritesTest, AnotherThreadsWriteOfAPendingItemWaitsForTheCommit) {
  db_->DeferWritesOnThisThread();
  ASSERT_OK(PutIn("purchase", Order("o1", "u", "p", 101, "1")));
  auto other = std::async(std::launch::async, [&] {
    api::UpdateItemRequest r = AddToCount("o1");
    r.condition.condition_expression = "attribute_exists(order_id)";
    EXPECT_OK(db_->UpdateItem(r));
  });
  EXPECT_TRUE(StillWaiting(other));
  ASSERT_OK(db_->CommitDeferredWrites());
  other.get();
  EXPECT_EQ(GetElsewhere("o1")->at("n"), N("1"));
}

// Two deferring threads writing the same few items in random order, each
// committing now and then, as two server workers do: no update is lost and
// neither waits for the other forever.
TEST_F(DeferredWritesTest, DeferringThreadsNeitherDeadlockNorLoseUpdates) {
  constexpr int kItems = 8, kUpdates = 2000;
  auto worker = [&](unsigned seed) {
    db_->DeferWritesOnThisThread();
    std::mt19937 random(seed);
    for (int i = 0; i < kUpdates; ++i) {
      EXPECT_OK(db_->UpdateItem(AddToCount("o" + std::to_string(random() % kItems))));
      if (random() % 4 == 0) {
        EXPECT_OK(db_->CommitDeferredWrites());
      }
    }
    EXPECT_OK(db_->CommitDeferredWrites());
  };
  auto a = std::async(std::launch::async, worker, 1);
  auto b = std::async(std::launch::async, worker, 2);
  ASSERT_EQ(a.wait_for(std::chrono::seconds(60)), std::future_status::ready);
  ASSERT_EQ(b.wait_for(std::chrono::seconds(60)), std::future_status::ready);
  int64_t total = 0;
  for (int i = 0; i < kItems; ++i) {
    auto item = Get("purchase", Key("o" + std::to_string(i)));
    if (item) total += std::stoll(item->at("n").n().ToString());
  }
  EXPECT_EQ(total, 2 * kUpdates);
}

// A new index is maintained by every write stored after it is published:
// the catalog change waits for pending writes, which were prepared without it.
TEST_F(DeferredWritesTest, AnIndexAddedWhileWritesArePendingIndexesThem) {
  api::CreateTableRequest create = PurchaseTable("plain");
  create.global_secondary_indexes.clear();
  create.attribute_definitions = {{"order_id", model::Type::kS}};
  ASSERT_OK(db_->CreateTable(create));
  db_->DeferWritesOnThisThread();
  ASSERT_OK(PutIn("plain", Order("o1", "u1", "p", 101, "1")));

  auto add_index = std::async(std::launch::async, [&] {
    api::UpdateTableRequest update;
    update.table_name = "plain";
    update.attribute_definitions = {{"user_id", model::Type::kS},
                                    {"order_status_created", model::Type::kS}};
    api::GlobalSecondaryIndexUpdate add;
    add.create = PurchaseTable().global_secondary_indexes[0];
    update.global_secondary_index_updates = {add};
    EXPECT_OK(db_->UpdateTable(update));
    db_->WaitForBackfills();
  });
  EXPECT_TRUE(StillWaiting(add_index));
  ASSERT_OK(db_->CommitDeferredWrites());
  add_index.get();

  api::QueryRequest q;
  q.read.table_name = "plain";
  q.read.index_name = "for_user_id";
  q.key_condition_expression = "user_id = :u";
  q.read.expression.expression_attribute_values = model::Map{{":u", S("u1")}};
  auto found = db_->Query(q);
  ASSERT_OK(found);
  EXPECT_EQ(found->count, 1);
}

TEST_F(DeferredWritesTest, ThreadsThatDoNotDeferWriteAtOnce) {
  ASSERT_OK(PutIn("purchase", Order("o1", "u", "p", 101, "1")));
  EXPECT_TRUE(GetElsewhere("o1").has_value());
  // Nor does a thread deferring for another engine.
  testing::TempDir other_dir;
  auto other = EmbeddedDynamoDb::Open(other_dir.path());
  ASSERT_OK(other);
  (*other)->DeferWritesOnThisThread();
  ASSERT_OK(PutIn("purchase", Order("o2", "u", "p", 101, "2")));
  EXPECT_TRUE(GetElsewhere("o2").has_value());
}

}  // namespace
}  // namespace ordertrack::engine
