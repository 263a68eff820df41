// Group commit (write_group.cc): what a group's pending writes look like to
// its own thread, to other threads and to catalog changes.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <future>
#include <random>
#include <thread>

#include "engine/engine_test_util.h"
#include "engine/group_commit_dynamodb.h"

namespace ordertrack::engine {
namespace {

model::Item Key(const std::string& id) { return {{"order_id", S(id)}}; }

api::UpdateItemRequest AddToCount(const std::string& id) {
  api::UpdateItemRequest r;
  r.table_name = "purchase";
  r.key = Key(id);
  r.update_expression = "ADD n :one";
  r.expression.expression_attribute_values = model::Map{{":one", N("1")}};
  return r;
}

api::PutItemRequest PutOf(const std::string& table, model::Item item) {
  api::PutItemRequest r;
  r.table_name = table;
  r.item = std::move(item);
  return r;
}

class WriteGroupTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    CreatePurchaseTable();
    group_ = &db_->NewWriteGroup();
  }
  base::Status PutInGroup(const std::string& table, model::Item item) {
    return db_->PutItem(PutOf(table, std::move(item)), group_).status();
  }
  // Get from another thread.
  std::optional<model::Item> GetElsewhere(const std::string& id) {
    return std::async(std::launch::async, [&] { return Get("purchase", Key(id)); }).get();
  }
  WriteGroup* group_ = nullptr;
};

TEST_F(WriteGroupTest, PendingWritesAreStoredOnlyByTheCommit) {
  ASSERT_OK(PutInGroup("purchase", Order("o1", "u", "p", 101, "1")));
  ASSERT_OK(PutInGroup("purchase", Order("o2", "u", "p", 101, "2")));
  EXPECT_FALSE(GetElsewhere("o1").has_value());
  EXPECT_FALSE(GetElsewhere("o2").has_value());
  ASSERT_OK(group_->Commit());
  EXPECT_TRUE(GetElsewhere("o1").has_value());
  EXPECT_TRUE(GetElsewhere("o2").has_value());
  EXPECT_EQ(db_->DescribeTable({"purchase"})->item_count, 2);
}

TEST_F(WriteGroupTest, ABoundThreadReadsItsOwnWrites) {
  GroupCommitDynamoDb grouped(*db_);
  grouped.BindToThisThread(group_);
  ASSERT_OK(grouped.PutItem(PutOf("purchase", Order("o1", "u", "p", 101, "1"))));
  EXPECT_FALSE(GetElsewhere("o1").has_value());  // it did join the group
  api::GetItemRequest get;
  get.table_name = "purchase";
  get.key = Key("o1");
  EXPECT_TRUE(grouped.GetItem(get)->item.has_value());

  // A second write of the same item sees the first: its condition holds and
  // its update applies to what the first wrote.
  ASSERT_OK(grouped.UpdateItem(AddToCount("o1")));
  api::UpdateItemRequest again = AddToCount("o1");
  again.condition.condition_expression = "n = :one";
  ASSERT_OK(grouped.UpdateItem(again));
  ASSERT_OK(group_->Commit());
  EXPECT_EQ(GetElsewhere("o1")->at("n"), N("2"));
}

// Another thread's write of an item a group holds does not wait for the
// group's thread: it stores the group and then reads what it wrote.
TEST_F(WriteGroupTest, AnotherThreadsWriteOfAPendingItemStoresTheGroupFirst) {
  ASSERT_OK(PutInGroup("purchase", Order("o1", "u", "p", 101, "1")));
  auto other = std::async(std::launch::async, [&] {
    api::UpdateItemRequest r = AddToCount("o1");
    r.condition.condition_expression = "attribute_exists(order_id)";
    EXPECT_OK(db_->UpdateItem(r));
  });
  ASSERT_EQ(other.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(GetElsewhere("o1")->at("n"), N("1"));
  EXPECT_OK(group_->Commit());
}

// The deadlock of ae127a8, in the engine: a worker with pending writes waits
// for something another thread does after a catalog change (OrderStore
// waiting for another worker to create the orders tables, whose TTL setting
// is a catalog change). The catalog change stores the pending writes itself.
// Before write groups, the change waited for the worker to write them and
// this test hung.
TEST_F(WriteGroupTest, AWorkerWaitingWithPendingWritesDoesNotBlockACatalogChange) {
  std::promise<void> written, changed;
  std::shared_future<void> catalog_changed = changed.get_future().share();
  auto worker = std::async(std::launch::async, [&] {
    EXPECT_OK(PutInGroup("purchase", Order("o1", "u", "p", 101, "1")));
    written.set_value();
    catalog_changed.wait();
    EXPECT_OK(group_->Commit());
  });
  auto changer = std::async(std::launch::async, [&] {
    written.get_future().wait();  // the change starts while the write is pending
    api::UpdateTimeToLiveRequest ttl;
    ttl.table_name = "purchase";
    ttl.time_to_live_specification = {true, "expires"};
    EXPECT_OK(db_->UpdateTimeToLive(ttl));
    changed.set_value();
  });
  if (worker.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
    ADD_FAILURE() << "deadlock: the worker still waits for the catalog change";
    std::_Exit(1);  // the two threads will never finish
  }
  changer.get();
  EXPECT_TRUE(GetElsewhere("o1").has_value());
}

// Two groups' threads writing the same few items in random order, each
// committing now and then, as two server workers do: no update is lost and
// neither waits for the other forever.
TEST_F(WriteGroupTest, TwoGroupsNeitherDeadlockNorLoseUpdates) {
  constexpr int kItems = 8, kUpdates = 2000;
  auto worker = [&](unsigned seed) {
    WriteGroup& group = db_->NewWriteGroup();
    std::mt19937 random(seed);
    for (int i = 0; i < kUpdates; ++i) {
      EXPECT_OK(db_->UpdateItem(AddToCount("o" + std::to_string(random() % kItems)), &group));
      if (random() % 4 == 0) {
        EXPECT_OK(group.Commit());
      }
    }
    EXPECT_OK(group.Commit());
  };
  auto a = std::async(std::launch::async, worker, 1);
  auto b = std::async(std::launch::async, worker, 2);
  // A transaction touching the same items meanwhile, as a third writer.
  auto c = std::async(std::launch::async, [&] {
    for (int i = 0; i < 200; ++i) {
      api::TransactWriteItemsRequest t;
      for (int k = 0; k < 3; ++k) {
        api::TransactUpdate u;
        u.table_name = "purchase";
        u.key = Key("o" + std::to_string((i + k) % kItems));
        u.update_expression = "ADD n :one";
        u.expression.expression_attribute_values = model::Map{{":one", N("1")}};
        t.transact_items.push_back(u);
      }
      EXPECT_OK(db_->TransactWriteItems(t));
    }
  });
  ASSERT_EQ(a.wait_for(std::chrono::seconds(60)), std::future_status::ready);
  ASSERT_EQ(b.wait_for(std::chrono::seconds(60)), std::future_status::ready);
  ASSERT_EQ(c.wait_for(std::chrono::seconds(60)), std::future_status::ready);
  int64_t total = 0;
  for (int i = 0; i < kItems; ++i) {
    auto item = Get("purchase", Key("o" + std::to_string(i)));
    if (item) total += std::stoll(item->at("n").n().ToString());
  }
  EXPECT_EQ(total, 2 * kUpdates + 200 * 3);
}

// A new index is maintained by every write stored after it is published:
// the catalog change stores the pending writes, which were prepared without
// it, before it publishes the index, and the backfill indexes them.
TEST_F(WriteGroupTest, AnIndexAddedWhileWritesArePendingIndexesThem) {
  api::CreateTableRequest create = PurchaseTable("plain");
  create.global_secondary_indexes.clear();
  create.attribute_definitions = {{"order_id", model::Type::kS}};
  ASSERT_OK(db_->CreateTable(create));
  ASSERT_OK(PutInGroup("plain", Order("o1", "u1", "p", 101, "1")));

  api::UpdateTableRequest update;
  update.table_name = "plain";
  update.attribute_definitions = {{"user_id", model::Type::kS},
                                  {"order_status_created", model::Type::kS}};
  api::GlobalSecondaryIndexUpdate add;
  add.create = PurchaseTable().global_secondary_indexes[0];
  update.global_secondary_index_updates = {add};
  ASSERT_OK(db_->UpdateTable(update));
  db_->WaitForBackfills();
  ASSERT_OK(group_->Commit());

  api::QueryRequest q;
  q.read.table_name = "plain";
  q.read.index_name = "for_user_id";
  q.key_condition_expression = "user_id = :u";
  q.read.expression.expression_attribute_values = model::Map{{":u", S("u1")}};
  auto found = db_->Query(q);
  ASSERT_OK(found);
  EXPECT_EQ(found->count, 1);
}

TEST_F(WriteGroupTest, WritesWithoutAGroupAreStoredAtOnce) {
  ASSERT_OK(db_->PutItem(PutOf("purchase", Order("o1", "u", "p", 101, "1"))));
  EXPECT_TRUE(GetElsewhere("o1").has_value());
  // Nor does a thread bound to another store's group defer.
  testing::TempDir other_dir;
  auto other = EmbeddedDynamoDb::Open(other_dir.path());
  ASSERT_OK(other);
  GroupCommitDynamoDb other_grouped(**other);
  other_grouped.BindToThisThread(&(*other)->NewWriteGroup());
  GroupCommitDynamoDb grouped(*db_);
  ASSERT_OK(grouped.PutItem(PutOf("purchase", Order("o2", "u", "p", 101, "2"))));
  EXPECT_TRUE(GetElsewhere("o2").has_value());
}

}  // namespace
}  // namespace ordertrack::engine
