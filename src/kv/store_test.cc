#include "kv/store.h"

#include <gtest/gtest.h>

#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace ordertrack::kv {
namespace {

std::unique_ptr<Store> OpenOrDie(const std::string& path) {
  auto store = Store::Open(path, Options());
  EXPECT_OK(store);
  return std::move(store).value();
}

TEST(StoreTest, BatchWritesAreVisibleTogether) {
  testing::TempDir dir;
  auto store = OpenOrDie(dir.path());
  WriteBatch batch;
  batch.Put("a", "1");
  batch.Put("b", "2");
  ASSERT_OK(store->Write(batch));
  EXPECT_EQ(*store->Get("a").value(), "1");
  EXPECT_EQ(*store->Get("b").value(), "2");
  EXPECT_FALSE(store->Get("c").value().has_value());
  WriteBatch del;
  del.Delete("a");
  ASSERT_OK(store->Write(del));
  EXPECT_FALSE(store->Get("a").value().has_value());
}

TEST(StoreTest, CountersSumDeltasElementWise) {
  testing::TempDir dir;
  auto store = OpenOrDie(dir.path());
  EXPECT_TRUE(store->GetCounters("n").value().empty());
  for (std::vector<int64_t> delta : {std::vector<int64_t>{5}, {-2, 1}, {10, 0, 7}}) {
    WriteBatch batch;
    batch.AddToCounters("n", delta);
    ASSERT_OK(store->Write(batch));
  }
  EXPECT_EQ(store->GetCounters("n").value(), (std::vector<int64_t>{13, 1, 7}));
}

TEST(StoreTest, IteratorStaysWithinBounds) {
  testing::TempDir dir;
  auto store = OpenOrDie(dir.path());
  WriteBatch batch;
  for (const char* k : {"a1", "b1", "b2", "b3", "c1"}) batch.Put(k, k);
  ASSERT_OK(store->Write(batch));
  auto it = store->NewIterator("b", "c");
  std::vector<std::string> seen;
  for (it->SeekToFirst(); it->Valid(); it->Next()) seen.emplace_back(it->key());
  EXPECT_EQ(seen, (std::vector<std::string>{"b1", "b2", "b3"}));
  seen.clear();
  for (it->SeekToLast(); it->Valid(); it->Prev()) seen.emplace_back(it->key());
  EXPECT_EQ(seen, (std::vector<std::string>{"b3", "b2", "b1"}));
  it->SeekForPrev("b25");
  ASSERT_TRUE(it->Valid());
  EXPECT_EQ(it->key(), "b2");
  EXPECT_OK(it->status());
}

TEST(StoreTest, DataSurvivesReopen) {
  testing::TempDir dir;
  {
    auto store = OpenOrDie(dir.path());
    WriteBatch batch;
    batch.Put("k", "v");
    batch.AddToCounters("n", {7});
    ASSERT_OK(store->Write(batch));
  }
  auto store = OpenOrDie(dir.path());
  EXPECT_EQ(*store->Get("k").value(), "v");
  EXPECT_EQ(store->GetCounters("n").value(), std::vector<int64_t>{7});
}

TEST(StoreTest, SecondOpenOfSameDirectoryIsBusy) {
  testing::TempDir dir;
  auto store = OpenOrDie(dir.path());
  auto second = Store::Open(dir.path(), Options());
  EXPECT_THAT(second, testing::StatusIs(base::ErrorCode::kBusy,
                                        ::testing::HasSubstr("in use by another process")));
}

TEST(StoreTest, DeleteRangeRemovesOnlyTheRange) {
  testing::TempDir dir;
  auto store = OpenOrDie(dir.path());
  WriteBatch batch;
  for (const char* k : {"a", "b1", "b2", "c"}) batch.Put(k, k);
  ASSERT_OK(store->Write(batch));
  ASSERT_OK(store->DeleteRange("b", "c"));
  EXPECT_TRUE(store->Get("a").value().has_value());
  EXPECT_FALSE(store->Get("b1").value().has_value());
  EXPECT_TRUE(store->Get("c").value().has_value());
}

}  // namespace
}  // namespace ordertrack::kv
