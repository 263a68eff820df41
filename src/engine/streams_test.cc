#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "engine/engine_test_util.h"
#include "engine/internal/stream_iterator.h"

namespace ordertrack::engine {
namespace {

using model::Item;
using model::StreamViewType;

api::PutItemRequest PutOf(Item item) {
  api::PutItemRequest put;
  put.table_name = "purchase";
  put.item = std::move(item);
  return put;
}

api::DeleteItemRequest DeleteOf(const std::string& id) {
  api::DeleteItemRequest del;
  del.table_name = "purchase";
  del.key = {{"order_id", S(id)}};
  return del;
}

api::ListStreamsRequest ListOf(std::optional<std::string> table) {
  api::ListStreamsRequest list;
  list.table_name = std::move(table);
  return list;
}

// The seed's table with a stream, a clock the test sets, and the background
// sweeper off: the tests trim by hand.
class StreamsTest : public EngineTest {
 protected:
  void SetUp() override {
    EngineTest::SetUp();
    Reopen(Options());
  }

  EngineOptions Options() {
    EngineOptions options;
    options.clock = [this] { return now_; };
    options.ttl_sweep_interval = std::chrono::milliseconds(0);
    options.stream_retention = std::chrono::hours(24);
    return options;
  }

  // Creates the seed's table with a stream of `view`; returns its ARN.
  std::string CreateWithStream(StreamViewType view) {
    api::CreateTableRequest create = PurchaseTable();
    create.stream_specification = model::StreamSpecification{true, view};
    auto created = db_->CreateTable(create);
    EXPECT_OK(created.status());
    return created.ok() ? created->latest_stream_arn.value_or("") : "";
  }

  std::string ShardOf(const std::string& arn) {
    auto described = db_->DescribeStream({arn, std::nullopt, std::nullopt});
    EXPECT_OK(described.status());
    return described.ok() && !described->stream_description.shards.empty()
               ? described->stream_description.shards[0].shard_id
               : "";
  }

  std::string Iterator(const std::string& arn, api::ShardIteratorType type,
                       std::optional<std::string> seq = std::nullopt) {
    auto it = db_->GetShardIterator({arn, ShardOf(arn), type, seq});
    EXPECT_OK(it.status());
    return it.ok() ? it->shard_iterator.value_or("") : "";
  }

  // Every record from TRIM_HORIZON up to now.
  std::vector<api::Record> ReadAll(const std::string& arn) {
    std::vector<api::Record> records;
    std::string iterator = Iterator(arn, api::ShardIteratorType::kTrimHorizon);
    for (int page = 0; page < 1000 && !iterator.empty(); ++page) {
      auto got = db_->GetRecords({iterator, 7});
      EXPECT_OK(got.status());
      if (!got.ok() || got->records.empty()) break;
      for (auto& r : got->records) records.push_back(std::move(r));
      iterator = got->next_shard_iterator.value_or("");
    }
    return records;
  }

  static std::vector<api::EventName> Events(const std::vector<api::Record>& records) {
    std::vector<api::EventName> out;
    for (const auto& r : records) out.push_back(r.event_name);
    return out;
  }

  double now_ = 1'700'000'000;
};

using api::EventName;

TEST_F(StreamsTest, DescribeTableShowsTheStream) {
  const std::string arn = CreateWithStream(StreamViewType::kNewAndOldImages);
  auto d = db_->DescribeTable({"purchase"});
  ASSERT_OK(d.status());
  ASSERT_TRUE(d->stream_specification.has_value());
  EXPECT_TRUE(d->stream_specification->stream_enabled);
  EXPECT_EQ(d->stream_specification->stream_view_type, StreamViewType::kNewAndOldImages);
  EXPECT_EQ(d->latest_stream_label, "2023-11-14T22:13:20.000");
  EXPECT_EQ(arn, "arn:aws:dynamodb:local:000000000000:table/purchase/stream/2023-11-14T22:13:20.000");
}

TEST_F(StreamsTest, RecordsFollowTheWritesWithTheirImages) {
  const std::string arn = CreateWithStream(StreamViewType::kNewAndOldImages);
  Item a = Order("a", "u", "p", 101, "1");
  Put(a);
  Item changed = a;
  changed["order_status_created"] = S("200#2");
  Put(changed);
  Put(changed);  // unchanged: DynamoDB writes no record
  ASSERT_OK(db_->DeleteItem(DeleteOf("a")).status());
  ASSERT_OK(db_->DeleteItem(DeleteOf("missing")).status());

  auto records = ReadAll(arn);
  ASSERT_EQ(Events(records),
            (std::vector<EventName>{EventName::kInsert, EventName::kModify, EventName::kRemove}));
  EXPECT_EQ(records[0].dynamodb.new_image, a);
  EXPECT_FALSE(records[0].dynamodb.old_image.has_value());
  EXPECT_EQ(records[1].dynamodb.old_image, a);
  EXPECT_EQ(records[1].dynamodb.new_image, changed);
  EXPECT_EQ(records[2].dynamodb.old_image, changed);
  EXPECT_FALSE(records[2].dynamodb.new_image.has_value());
  for (const auto& r : records) {
    EXPECT_EQ(r.dynamodb.keys, (Item{{"order_id", S("a")}}));
    EXPECT_EQ(r.event_source, "aws:dynamodb");
    EXPECT_EQ(r.event_version, "1.1");
    EXPECT_EQ(r.event_id.size(), 32u);
    EXPECT_EQ(r.dynamodb.approximate_creation_date_time, 1'700'000'000);
    EXPECT_FALSE(r.user_identity.has_value());
  }
  EXPECT_LT(records[0].dynamodb.sequence_number, records[1].dynamodb.sequence_number);
  EXPECT_LT(records[1].dynamodb.sequence_number, records[2].dynamodb.sequence_number);
}

TEST_F(StreamsTest, KeysOnlyRecordsCarryNoImages) {
  const std::string arn = CreateWithStream(StreamViewType::kKeysOnly);
  Put(Order("a", "u", "p", 101, "1"));
  auto records = ReadAll(arn);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_FALSE(records[0].dynamodb.new_image.has_value());
  EXPECT_FALSE(records[0].dynamodb.old_image.has_value());
  EXPECT_EQ(records[0].dynamodb.stream_view_type, StreamViewType::kKeysOnly);
  EXPECT_EQ(records[0].dynamodb.size_bytes, 9);  // "order_id" + "a"
}

TEST_F(StreamsTest, TransactionsAndFailedWritesWriteTheirRecordsOrNone) {
  const std::string arn = CreateWithStream(StreamViewType::kNewImage);
  api::TransactWriteItemsRequest tx;
  for (const char* id : {"t1", "t2"}) {
    api::TransactPut put;
    put.table_name = "purchase";
    put.item = Order(id, "u", "p", 101, "1");
    tx.transact_items.push_back(put);
  }
  ASSERT_OK(db_->TransactWriteItems(tx).status());
  api::PutItemRequest refused = PutOf(Order("t1", "u", "p", 101, "9"));
  refused.condition.condition_expression = "attribute_not_exists(order_id)";
  EXPECT_EQ(db_->PutItem(refused).status().code(), base::ErrorCode::kConditionalCheckFailed);
  EXPECT_EQ(db_->TransactWriteItems(tx).status().code(), base::ErrorCode::kOk);  // same items
  EXPECT_EQ(ReadAll(arn).size(), 2u);
}

TEST_F(StreamsTest, SpecificationErrorsAreDynamoDbs) {
  api::CreateTableRequest create = PurchaseTable();
  create.stream_specification = model::StreamSpecification{true, std::nullopt};
  EXPECT_EQ(db_->CreateTable(create).status().message(),
            "One or more parameter values were invalid: Table is being created with a stream "
            "enabled, UpdateViewType is required");
  create.stream_specification = model::StreamSpecification{false, StreamViewType::kNewImage};
  EXPECT_EQ(db_->CreateTable(create).status().message(),
            "One or more parameter values were invalid: Table is being created with a stream "
            "disabled, UpdateViewType should not be specified");
  EXPECT_FALSE(db_->DescribeTable({"purchase"}).ok()) << "a refused CreateTable creates nothing";

  CreateWithStream(StreamViewType::kKeysOnly);
  api::UpdateTableRequest update;
  update.table_name = "purchase";
  update.stream_specification = model::StreamSpecification{true, StreamViewType::kNewImage};
  EXPECT_EQ(db_->UpdateTable(update).status().message(),
            "Table already has an enabled stream: TableName: purchase");
  update.stream_specification = model::StreamSpecification{false, StreamViewType::kNewImage};
  EXPECT_EQ(db_->UpdateTable(update).status().message(),
            "One or more parameter values were invalid: If stream is being disabled, then "
            "UpdateViewType must not be specified");
  update.stream_specification = model::StreamSpecification{false, std::nullopt};
  ASSERT_OK(db_->UpdateTable(update).status());
  EXPECT_EQ(db_->UpdateTable(update).status().message(),
            "Table has no stream to disable: TableName: purchase");
  update.stream_specification = model::StreamSpecification{true, std::nullopt};
  EXPECT_EQ(db_->UpdateTable(update).status().message(),
            "One or more parameter values were invalid: If stream is being enabled then "
            "UpdateViewType is required");
}

// Disabling closes the shard; the old stream stays readable, and enabling
// again makes a new stream with a new label.
TEST_F(StreamsTest, DisableAndEnableAgain) {
  const std::string first = CreateWithStream(StreamViewType::kNewImage);
  Put(Order("a", "u", "p", 101, "1"));
  api::UpdateTableRequest update;
  update.table_name = "purchase";
  update.stream_specification = model::StreamSpecification{false, std::nullopt};
  auto disabled = db_->UpdateTable(update);
  ASSERT_OK(disabled.status());
  EXPECT_FALSE(disabled->stream_specification.has_value());
  EXPECT_EQ(disabled->latest_stream_arn, first);
  Put(Order("b", "u", "p", 101, "1"));  // no stream now

  auto old = db_->DescribeStream({first, std::nullopt, std::nullopt});
  ASSERT_OK(old.status());
  EXPECT_EQ(old->stream_description.stream_status, api::StreamStatus::kDisabled);
  EXPECT_TRUE(old->stream_description.shards[0].sequence_number_range.ending_sequence_number);
  // A closed shard read to its end has no next iterator.
  auto read = db_->GetRecords({Iterator(first, api::ShardIteratorType::kTrimHorizon), 100});
  ASSERT_OK(read.status());
  EXPECT_EQ(read->records.size(), 1u);
  EXPECT_FALSE(read->next_shard_iterator.has_value());

  now_ += 1;
  update.stream_specification = model::StreamSpecification{true, StreamViewType::kKeysOnly};
  auto enabled = db_->UpdateTable(update);
  ASSERT_OK(enabled.status());
  ASSERT_TRUE(enabled->latest_stream_arn.has_value());
  EXPECT_NE(*enabled->latest_stream_arn, first);
  Put(Order("c", "u", "p", 101, "1"));
  EXPECT_EQ(ReadAll(*enabled->latest_stream_arn).size(), 1u);

  auto listed = db_->ListStreams(ListOf("purchase"));
  ASSERT_OK(listed.status());
  EXPECT_EQ(listed->streams.size(), 2u);
}

TEST_F(StreamsTest, IteratorTypesStartWhereTheySay) {
  const std::string arn = CreateWithStream(StreamViewType::kKeysOnly);
  for (const char* id : {"a", "b", "c"}) Put(Order(id, "u", "p", 101, "1"));
  auto all = ReadAll(arn);
  ASSERT_EQ(all.size(), 3u);
  const std::string second = all[1].dynamodb.sequence_number;

  auto first_of = [&](const std::string& iterator) -> std::optional<std::string> {
    auto got = db_->GetRecords({iterator, 1});
    EXPECT_OK(got.status());
    if (!got.ok() || got->records.empty()) return std::nullopt;
    return got->records[0].dynamodb.sequence_number;
  };
  EXPECT_EQ(first_of(Iterator(arn, api::ShardIteratorType::kAtSequenceNumber, second)), second);
  EXPECT_EQ(first_of(Iterator(arn, api::ShardIteratorType::kAfterSequenceNumber, second)),
            all[2].dynamodb.sequence_number);
  const std::string latest = Iterator(arn, api::ShardIteratorType::kLatest);
  EXPECT_EQ(first_of(latest), std::nullopt);
  Put(Order("d", "u", "p", 101, "1"));
  auto after_latest = db_->GetRecords({latest, 10});
  ASSERT_OK(after_latest.status());
  ASSERT_EQ(after_latest->records.size(), 1u);
  EXPECT_EQ(after_latest->records[0].dynamodb.keys, (Item{{"order_id", S("d")}}));
}

// The shard's StartingSequenceNumber is a place to start even while the
// shard is empty; AFTER it, or AT a number past the end, is not.
TEST_F(StreamsTest, AnEmptyShardCanBeReadFromItsStartingNumber) {
  const std::string arn = CreateWithStream(StreamViewType::kKeysOnly);
  auto described = db_->DescribeStream({arn, std::nullopt, std::nullopt});
  ASSERT_OK(described.status());
  const api::Shard& shard = described->stream_description.shards.at(0);
  const std::string start = shard.sequence_number_range.starting_sequence_number.value();
  const std::string at_start = Iterator(arn, api::ShardIteratorType::kAtSequenceNumber, start);
  EXPECT_EQ(db_->GetShardIterator({arn, shard.shard_id,
                                   api::ShardIteratorType::kAfterSequenceNumber, start})
                .status()
                .code(),
            base::ErrorCode::kValidation);
  Put(Order("a", "u", "p", 101, "1"));
  auto got = db_->GetRecords({at_start, 10});
  ASSERT_OK(got.status());
  ASSERT_EQ(got->records.size(), 1u);
  EXPECT_EQ(got->records[0].dynamodb.keys, (Item{{"order_id", S("a")}}));
}

TEST_F(StreamsTest, StreamsApiErrors) {
  const std::string arn = CreateWithStream(StreamViewType::kKeysOnly);
  auto code = [](const auto& result) { return result.status().code(); };
  EXPECT_EQ(db_->DescribeStream({"garbage", std::nullopt, std::nullopt}).status().message(),
            "Invalid StreamArn");
  const std::string unknown = "arn:aws:dynamodb:local:000000000000:table/x/stream/2020-01-01T00:00:00.000";
  EXPECT_EQ(db_->DescribeStream({unknown, std::nullopt, std::nullopt}).status().message(),
            "Requested resource not found: Stream: " + unknown + " not found");
  EXPECT_EQ(db_->GetShardIterator({arn, "shardId-00000000000000000000-00000000",
                                   api::ShardIteratorType::kLatest, std::nullopt})
                .status()
                .message(),
            "Requested resource not found: Shard does not exist");
  EXPECT_EQ(code(db_->GetShardIterator(
                {arn, ShardOf(arn), api::ShardIteratorType::kAtSequenceNumber, std::nullopt})),
            base::ErrorCode::kValidation);
  EXPECT_EQ(code(db_->GetShardIterator(
                {arn, ShardOf(arn), api::ShardIteratorType::kLatest, std::string("1")})),
            base::ErrorCode::kValidation);
  EXPECT_EQ(db_->GetRecords({"not an iterator", std::nullopt}).status().message(),
            "Invalid ShardIterator");
  std::string iterator = Iterator(arn, api::ShardIteratorType::kLatest);
  std::string mangled = iterator;
  mangled[mangled.size() - 30] ^= 1;  // in the position: caught by the check
  EXPECT_EQ(code(db_->GetRecords({mangled, std::nullopt})), base::ErrorCode::kValidation);
  EXPECT_EQ(code(db_->GetRecords({iterator, 1001})), base::ErrorCode::kValidation);
  EXPECT_EQ(code(db_->GetRecords({iterator, 0})), base::ErrorCode::kValidation);
  EXPECT_EQ(code(db_->ListStreams({std::nullopt, 101, std::nullopt})), base::ErrorCode::kValidation);
  now_ += 15 * 60 + 1;
  auto expired = db_->GetRecords({iterator, std::nullopt});
  EXPECT_EQ(expired.status().code(), base::ErrorCode::kExpiredIterator);
  EXPECT_EQ(expired.status().message(), "Shard iterator has expired");
}

TEST_F(StreamsTest, TrimmingHonoursTheRetention) {
  const std::string arn = CreateWithStream(StreamViewType::kKeysOnly);
  Put(Order("old", "u", "p", 101, "1"));
  const std::string first_seq = ReadAll(arn)[0].dynamodb.sequence_number;
  now_ += 23 * 3600;
  Put(Order("new", "u", "p", 101, "1"));
  EXPECT_EQ(db_->TrimStreams().value(), 0);
  now_ += 2 * 3600;  // "old" is 25 hours old, "new" 2
  const std::string horizon = Iterator(arn, api::ShardIteratorType::kTrimHorizon);
  EXPECT_EQ(db_->TrimStreams().value(), 1);
  auto left = ReadAll(arn);
  ASSERT_EQ(left.size(), 1u);
  EXPECT_EQ(left[0].dynamodb.keys, (Item{{"order_id", S("new")}}));
  EXPECT_EQ(db_->GetRecords({horizon, std::nullopt}).status().code(),
            base::ErrorCode::kTrimmedDataAccess);
  EXPECT_EQ(db_->GetShardIterator(
                    {arn, ShardOf(arn), api::ShardIteratorType::kAtSequenceNumber, first_seq})
                .status()
                .code(),
            base::ErrorCode::kTrimmedDataAccess);
}

TEST_F(StreamsTest, DisabledStreamsGoAfterTheRetention) {
  const std::string arn = CreateWithStream(StreamViewType::kKeysOnly);
  Put(Order("a", "u", "p", 101, "1"));
  ASSERT_OK(db_->DeleteTable({"purchase"}).status());
  auto described = db_->DescribeStream({arn, std::nullopt, std::nullopt});
  ASSERT_OK(described.status());
  EXPECT_EQ(described->stream_description.stream_status, api::StreamStatus::kDisabled);
  EXPECT_EQ(ReadAll(arn).size(), 1u) << "a deleted table's stream stays readable";
  now_ += 25 * 3600;
  ASSERT_OK(db_->TrimStreams().status());
  EXPECT_EQ(db_->DescribeStream({arn, std::nullopt, std::nullopt}).status().code(),
            base::ErrorCode::kResourceNotFound);
  EXPECT_TRUE(db_->ListStreams(ListOf(std::nullopt)).value().streams.empty());
}

TEST_F(StreamsTest, TtlDeletesNameTheService) {
  const std::string arn = CreateWithStream(StreamViewType::kOldImage);
  ASSERT_OK(db_->UpdateTimeToLive({"purchase", {true, "expires"}}));
  Item order = Order("a", "u", "p", 101, "1");
  order["expires"] = N("1700000100");
  Put(order);
  now_ += 200;
  ASSERT_EQ(db_->SweepExpiredItems().value(), 1);
  auto records = ReadAll(arn);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[1].event_name, EventName::kRemove);
  ASSERT_TRUE(records[1].user_identity.has_value());
  EXPECT_EQ(records[1].user_identity->type, "Service");
  EXPECT_EQ(records[1].user_identity->principal_id, "dynamodb.amazonaws.com");
}

TEST_F(StreamsTest, StreamsSurviveAReopen) {
  const std::string arn = CreateWithStream(StreamViewType::kKeysOnly);
  Put(Order("a", "u", "p", 101, "1"));
  const std::string before = ReadAll(arn)[0].dynamodb.sequence_number;
  Reopen(Options());
  Put(Order("b", "u", "p", 101, "1"));
  auto records = ReadAll(arn);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].dynamodb.sequence_number, before);
  EXPECT_LT(records[0].dynamodb.sequence_number, records[1].dynamodb.sequence_number);
}

// A store whose writes fail while `failing` is set, as a full disk's would.
class FailingStore : public kv::Store {
 public:
  FailingStore(std::unique_ptr<kv::Store> inner, const std::atomic<bool>* failing)
      : inner_(std::move(inner)), failing_(failing) {}
  base::Result<std::optional<std::string>> Get(std::string_view key) override {
    return inner_->Get(key);
  }
  base::Result<std::vector<int64_t>> GetCounters(std::string_view key) override {
    return inner_->GetCounters(key);
  }
  base::Status Write(kv::WriteBatch& batch) override {
    if (*failing_) return base::Status(base::ErrorCode::kIOError, "no space left on device");
    return inner_->Write(batch);
  }
  std::unique_ptr<kv::Iterator> NewIterator(std::string lower, std::string upper) override {
    return inner_->NewIterator(std::move(lower), std::move(upper));
  }
  base::Status DeleteRange(std::string_view lower, std::string_view upper) override {
    return inner_->DeleteRange(lower, upper);
  }
  base::Status Flush() override { return inner_->Flush(); }
  uint64_t ApproximateBytes() override { return inner_->ApproximateBytes(); }

 private:
  std::unique_ptr<kv::Store> inner_;
  const std::atomic<bool>* failing_;
};

// A CreateTable, UpdateTable or DeleteTable whose write fails leaves the
// streams as the store has them: no stream appears, none closes.
TEST_F(StreamsTest, AFailedTableWriteChangesNoStream) {
  std::atomic<bool> failing{false};
  EngineOptions options = Options();
  options.wrap_store = [&failing](std::unique_ptr<kv::Store> store) {
    return std::make_unique<FailingStore>(std::move(store), &failing);
  };
  Reopen(options);
  api::CreateTableRequest create = PurchaseTable();
  create.stream_specification = model::StreamSpecification{true, StreamViewType::kKeysOnly};
  failing = true;
  EXPECT_FALSE(db_->CreateTable(create).ok());
  failing = false;
  EXPECT_TRUE(db_->ListStreams(ListOf(std::nullopt))->streams.empty());

  const std::string arn = CreateWithStream(StreamViewType::kKeysOnly);
  api::UpdateTableRequest disable;
  disable.table_name = "purchase";
  disable.stream_specification = model::StreamSpecification{false, std::nullopt};
  failing = true;
  EXPECT_FALSE(db_->UpdateTable(disable).ok());
  EXPECT_FALSE(db_->DeleteTable({"purchase"}).ok());
  failing = false;
  auto described = db_->DescribeStream({arn, std::nullopt, std::nullopt});
  ASSERT_OK(described.status());
  EXPECT_EQ(described->stream_description.stream_status, api::StreamStatus::kEnabled);
  // The stream still records the table's writes.
  Put(Order("a", "u", "p", 101, "1"));
  EXPECT_EQ(ReadAll(arn).size(), 1u);
}

// Writers on many threads, a reader following along: the reader sees every
// record once, in sequence order, and never one appear behind where it has read.
TEST_F(StreamsTest, AReaderFollowingWritersMissesNothing) {
  const std::string arn = CreateWithStream(StreamViewType::kKeysOnly);
  constexpr int kThreads = 4;
  constexpr int kWrites = 200;
  std::vector<std::thread> writers;
  for (int t = 0; t < kThreads; ++t) {
    writers.emplace_back([&, t] {
      WriteGroup& group = db_->NewWriteGroup();
      for (int i = 0; i < kWrites; ++i) {
        api::PutItemRequest put =
            PutOf(Order(std::to_string(t) + "-" + std::to_string(i), "u", "p", 101, "1"));
        EXPECT_OK(db_->PutItem(put, i % 3 == 0 ? nullptr : &group).status());
        if (i % 5 == 0) {
          EXPECT_OK(group.Commit());
        }
      }
      EXPECT_OK(group.Commit());
    });
  }
  std::vector<std::string> seen;
  std::string iterator = Iterator(arn, api::ShardIteratorType::kTrimHorizon);
  auto drain = [&] {
    while (true) {
      auto got = db_->GetRecords({iterator, 50});
      ASSERT_OK(got.status());
      for (const auto& r : got->records) seen.push_back(r.dynamodb.sequence_number);
      iterator = *got->next_shard_iterator;
      if (got->records.empty()) return;
    }
  };
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (seen.size() < size_t{kThreads * kWrites} / 2 &&
         std::chrono::steady_clock::now() < deadline) {
    drain();
  }
  for (auto& w : writers) w.join();
  drain();
  ASSERT_EQ(seen.size(), size_t{kThreads * kWrites});
  EXPECT_TRUE(std::is_sorted(seen.begin(), seen.end()));
  EXPECT_EQ(std::adjacent_find(seen.begin(), seen.end()), seen.end());
}

TEST(StreamIteratorTest, RoundTripsAndRefusesMangledText) {
  ShardIterator iterator{"arn:aws:dynamodb:local:000000000000:table/t/stream/2020-01-01T00:00:00.000",
                         42, 1'700'000'000'000};
  const std::string text = EncodeShardIterator(iterator);
  auto decoded = DecodeShardIterator(text);
  ASSERT_OK(decoded.status());
  EXPECT_EQ(decoded->stream_arn, iterator.stream_arn);
  EXPECT_EQ(decoded->position, 42u);
  EXPECT_EQ(decoded->issued_ms, iterator.issued_ms);
  for (size_t i = 0; i < text.size(); i += 7) {
    std::string mangled = text;
    mangled[i] = mangled[i] == 'x' ? 'y' : 'x';
    EXPECT_FALSE(DecodeShardIterator(mangled).ok()) << mangled;
  }
  EXPECT_FALSE(DecodeShardIterator("").ok());
  EXPECT_FALSE(DecodeShardIterator("a|b|c|d|e").ok());
}

}  // namespace
}  // namespace ordertrack::engine
