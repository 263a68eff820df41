// DynamoDB Streams with the same assertions on every store that has it: the
// embedded engine, ordertrack's server and DynamoDB Local (dynalite has no
// Streams and is skipped). The expectations are AWS's, as documented or seen
// on real AWS (captured responses, tests run there); where DynamoDB Local
// differs, the difference is named where it is asserted, so the other
// stores keep the AWS expectation. A stream may show a write a little later
// than the write returns, as on AWS, so reads poll with a short deadline
// instead of assuming it at once.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>
#include <set>
#include <thread>

#include "base/clock.h"
#include "testing/status_matchers.h"
#include "tests/conformance/store_backends.h"

namespace ordertrack::conformance {
namespace {

using api::EventName;
using api::ShardIteratorType;
using api::StreamStatus;
using model::AttributeValue;
using model::Item;
using model::StreamViewType;
using ::ordertrack::testing::StatusIs;
using Clock = std::chrono::steady_clock;

// Long enough for DynamoDB Local's stream pipeline, short enough that a
// missing record fails fast.
constexpr auto kDeadline = std::chrono::seconds(10);

AttributeValue S(std::string s) { return AttributeValue::S(std::move(s)); }
AttributeValue N(std::string_view n) { return AttributeValue::NumberFromText(n); }

Item Row(const std::string& pk, int sk, int v) {
  return {{"pk", S(pk)}, {"sk", N(std::to_string(sk))}, {"v", N(std::to_string(v))}};
}
Item Key(const std::string& pk, int sk) { return {{"pk", S(pk)}, {"sk", N(std::to_string(sk))}}; }

// Items as text: gtest shows a difference readably, and "<none>" for an absent image.
std::string Show(const std::optional<Item>& item) {
  if (!item) return "<none>";
  std::string out = "{";
  for (const auto& [name, value] : *item) {
    if (out.size() > 1) out += ", ";
    out += name + ": " + value.DebugString();
  }
  return out + "}";
}

const char* Name(EventName e) {
  return e == EventName::kInsert ? "INSERT" : e == EventName::kModify ? "MODIFY" : "REMOVE";
}
const char* Name(StreamStatus s) {
  switch (s) {
    case StreamStatus::kEnabling:
      return "ENABLING";
    case StreamStatus::kEnabled:
      return "ENABLED";
    case StreamStatus::kDisabling:
      return "DISABLING";
    case StreamStatus::kDisabled:
      return "DISABLED";
  }
  return "?";
}

bool AllDigits(const std::string& s) {
  return !s.empty() && s.find_first_not_of("0123456789") == std::string::npos;
}

// Sequence numbers compare as unsigned integers of any length.
bool SequenceLess(const std::string& a, const std::string& b) {
  auto strip = [](const std::string& s) {
    size_t first = s.find_first_not_of('0');
    return first == std::string::npos ? std::string() : s.substr(first);
  };
  std::string x = strip(a), y = strip(b);
  return x.size() != y.size() ? x.size() < y.size() : x < y;
}

class StreamsConformanceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string why_not;
    backend_ = MakeBackend(GetParam(), &why_not);
    ASSERT_NE(backend_, nullptr) << why_not;
    if (!backend_->Supports(Feature::kStreams)) {
      GTEST_SKIP() << GetParam() << " does not implement DynamoDB Streams";
    }
    db_ = &backend_->db();
  }

  bool dynamodb_local() const { return GetParam() == "dynamodb_local"; }

  // A table keyed pk (S) and sk (N), with a stream of `view` if given.
  model::TableDescription Create(const std::string& table, std::optional<StreamViewType> view) {
    api::CreateTableRequest create = CreateRequest(table);
    if (view) create.stream_specification = model::StreamSpecification{true, view};
    auto created = db_->CreateTable(create);
    EXPECT_OK(created);
    WaitForActive(table);
    return created.ok() ? *created : model::TableDescription();
  }

  static api::CreateTableRequest CreateRequest(const std::string& table) {
    api::CreateTableRequest create;
    create.table_name = table;
    create.attribute_definitions = {{"pk", model::Type::kS}, {"sk", model::Type::kN}};
    create.key_schema = {{"pk", model::KeyType::kHash}, {"sk", model::KeyType::kRange}};
    create.billing_mode = model::BillingMode::kPayPerRequest;
    return create;
  }

  // Stream changes may leave a table UPDATING for a while (as on AWS).
  void WaitForActive(const std::string& table) {
    const auto deadline = Clock::now() + kDeadline;
    while (Clock::now() < deadline) {
      auto d = db_->DescribeTable({table});
      if (!d.ok() || d->table_status == model::TableStatus::kActive) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ADD_FAILURE() << table << " is not ACTIVE after " << kDeadline.count() << " s";
  }

  base::Result<model::TableDescription> SetStream(const std::string& table,
                                                  model::StreamSpecification spec) {
    api::UpdateTableRequest update;
    update.table_name = table;
    update.stream_specification = spec;
    auto updated = db_->UpdateTable(update);
    if (updated.ok()) WaitForActive(table);
    return updated;
  }

  void Put(const std::string& table, Item item) {
    api::PutItemRequest put;
    put.table_name = table;
    put.item = std::move(item);
    ASSERT_OK(db_->PutItem(put));
  }

  void Delete(const std::string& table, Item key) {
    api::DeleteItemRequest del;
    del.table_name = table;
    del.key = std::move(key);
    ASSERT_OK(db_->DeleteItem(del));
  }

  api::StreamDescription Describe(const std::string& arn) {
    auto d = db_->DescribeStream({arn, std::nullopt, std::nullopt});
    EXPECT_OK(d);
    return d.ok() ? d->stream_description : api::StreamDescription();
  }

  std::string ShardOf(const std::string& arn) {
    api::StreamDescription d = Describe(arn);
    EXPECT_EQ(d.shards.size(), 1u) << "a new table's stream has one shard";
    return d.shards.empty() ? "" : d.shards[0].shard_id;
  }

  std::string Iterator(const std::string& arn, ShardIteratorType type,
                       std::optional<std::string> seq = std::nullopt) {
    auto it = db_->GetShardIterator({arn, ShardOf(arn), type, std::move(seq)});
    EXPECT_OK(it);
    return it.ok() ? it->shard_iterator.value_or("") : "";
  }

  // Reads on from `*iterator` until a read returns no records with at least
  // `want` records read (polling for them until the deadline). Leaves
  // `*iterator` at the next read: "" once a closed shard is read to its end.
  std::vector<api::Record> Follow(std::string* iterator, size_t want) {
    std::vector<api::Record> records;
    const auto deadline = Clock::now() + kDeadline;
    while (!iterator->empty()) {
      auto got = db_->GetRecords({*iterator, std::nullopt});
      EXPECT_OK(got);
      if (!got.ok()) break;
      for (auto& r : got->records) records.push_back(std::move(r));
      *iterator = got->next_shard_iterator.value_or("");
      if (got->records.empty()) {
        if (records.size() >= want || Clock::now() > deadline) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
      }
    }
    return records;
  }

  // Every record of the stream's one shard from TRIM_HORIZON, waiting for `want`.
  std::vector<api::Record> ReadAll(const std::string& arn, size_t want) {
    std::string iterator = Iterator(arn, ShardIteratorType::kTrimHorizon);
    return Follow(&iterator, want);
  }

  static std::vector<std::string> Events(const std::vector<api::Record>& records) {
    std::vector<std::string> out;
    for (const auto& r : records) out.push_back(Name(r.event_name));
    return out;
  }

  // What every record says whatever the write: its source, version, view
  // type, a creation time in whole seconds around now, and a size.
  void ExpectWellFormed(const std::vector<api::Record>& records, StreamViewType view,
                        double started) {
    const double now = static_cast<double>(base::UnixMicros()) / 1e6;
    std::set<std::string> ids;
    for (size_t i = 0; i < records.size(); ++i) {
      const api::Record& r = records[i];
      SCOPED_TRACE("record " + std::to_string(i) + " " + Show(r.dynamodb.keys));
      EXPECT_TRUE(ids.insert(r.event_id).second) << "eventID " << r.event_id << " again";
      // AWS's eventIDs are 32 lowercase hex digits; DynamoDB Local's are
      // UUIDs (8-4-4-4-12). Only uniqueness is promised.
      if (dynamodb_local()) {
        EXPECT_EQ(r.event_id.size(), 36u) << r.event_id;
      } else {
        EXPECT_EQ(r.event_id.size(), 32u) << r.event_id;
        EXPECT_EQ(r.event_id.find_first_not_of("0123456789abcdef"), std::string::npos)
            << r.event_id;
      }
      EXPECT_EQ(r.event_source, "aws:dynamodb");
      EXPECT_EQ(r.event_version, "1.1");
      EXPECT_FALSE(r.aws_region.empty());
      EXPECT_FALSE(r.user_identity.has_value()) << "only TTL deletes name a user";
      EXPECT_EQ(r.dynamodb.stream_view_type, view);
      // The size of the keys and images carried: what AWS's captured
      // records add up to, and what every store here says.
      size_t size = model::ItemSize(r.dynamodb.keys);
      if (r.dynamodb.new_image) size += model::ItemSize(*r.dynamodb.new_image);
      if (r.dynamodb.old_image) size += model::ItemSize(*r.dynamodb.old_image);
      EXPECT_EQ(r.dynamodb.size_bytes, static_cast<int64_t>(size));
      EXPECT_TRUE(AllDigits(r.dynamodb.sequence_number)) << r.dynamodb.sequence_number;
      EXPECT_GE(r.dynamodb.sequence_number.size(), 21u) << r.dynamodb.sequence_number;
      EXPECT_LE(r.dynamodb.sequence_number.size(), 40u) << r.dynamodb.sequence_number;
      // AWS rounds the creation time down to the second. DynamoDB Local
      // rounds it down to the minute: a record may seem up to 59 s older
      // than the write that made it.
      const double at = r.dynamodb.approximate_creation_date_time;
      const double unit = dynamodb_local() ? 60 : 1;
      EXPECT_EQ(std::fmod(at, unit), 0) << std::fixed << at;
      EXPECT_GE(at, std::floor(started / unit) * unit - 1)
          << std::fixed << at << " started " << started;
      EXPECT_LE(at, now + 1) << std::fixed << at << " now " << now;
      if (i > 0) {
        EXPECT_TRUE(
            SequenceLess(records[i - 1].dynamodb.sequence_number, r.dynamodb.sequence_number))
            << records[i - 1].dynamodb.sequence_number << " then " << r.dynamodb.sequence_number;
      }
    }
  }

  std::unique_ptr<StoreBackend> backend_;
  api::DynamoDb* db_ = nullptr;
};

// A stream created with its table: DescribeTable, ListStreams and
// DescribeStream all show it, with the same ARN and label.
TEST_P(StreamsConformanceTest, StreamCreatedWithTheTableIsDescribedAndListed) {
  const std::string table = "streams_described";
  const double started = std::floor(static_cast<double>(base::UnixMicros()) / 1e6);
  model::TableDescription created = Create(table, StreamViewType::kNewAndOldImages);
  ASSERT_TRUE(created.stream_specification.has_value()) << "CreateTable answers with the stream";
  ASSERT_TRUE(created.latest_stream_arn.has_value());

  auto d = db_->DescribeTable({table});
  ASSERT_OK(d);
  ASSERT_TRUE(d->stream_specification.has_value());
  EXPECT_TRUE(d->stream_specification->stream_enabled);
  EXPECT_EQ(d->stream_specification->stream_view_type, StreamViewType::kNewAndOldImages);
  ASSERT_TRUE(d->latest_stream_arn.has_value());
  ASSERT_TRUE(d->latest_stream_label.has_value());
  EXPECT_EQ(d->latest_stream_arn, created.latest_stream_arn);
  const std::string arn = *d->latest_stream_arn;
  const std::string label = *d->latest_stream_label;
  // arn:aws:dynamodb:<region>:<account>:table/<name>/stream/<label>, the
  // label the creation time as YYYY-MM-DDTHH:MM:SS.mmm.
  EXPECT_TRUE(arn.starts_with("arn:aws:dynamodb:")) << arn;
  EXPECT_TRUE(arn.ends_with(":table/" + table + "/stream/" + label)) << arn;
  EXPECT_EQ(label.size(), 23u) << label;
  EXPECT_EQ(label.substr(4, 1) + label.substr(7, 1) + label.substr(10, 1) + label.substr(19, 1),
            "--T.")
      << label;

  api::ListStreamsRequest list;
  list.table_name = table;
  auto listed = db_->ListStreams(list);
  ASSERT_OK(listed);
  ASSERT_EQ(listed->streams.size(), 1u);
  EXPECT_EQ(listed->streams[0].stream_arn, arn);
  EXPECT_EQ(listed->streams[0].table_name, table);
  EXPECT_EQ(listed->streams[0].stream_label, label);
  EXPECT_FALSE(listed->last_evaluated_stream_arn.has_value());
  // A table without a stream lists none.
  Create("streams_described_none", std::nullopt);
  list.table_name = "streams_described_none";
  auto none = db_->ListStreams(list);
  ASSERT_OK(none);
  EXPECT_TRUE(none->streams.empty());
  auto plain = db_->DescribeTable({"streams_described_none"});
  ASSERT_OK(plain);
  EXPECT_FALSE(plain->stream_specification.has_value());
  EXPECT_FALSE(plain->latest_stream_arn.has_value());

  // AWS may say ENABLING for a moment after CreateTable (and DISABLING
  // after a disable). DynamoDB Local and ordertrack switch at once, so
  // every status here is asserted as it is first described.
  api::StreamDescription s = Describe(arn);
  EXPECT_EQ(s.stream_arn, arn);
  EXPECT_EQ(s.stream_label, label);
  EXPECT_STREQ(Name(s.stream_status), "ENABLED");
  EXPECT_EQ(s.stream_view_type, StreamViewType::kNewAndOldImages);
  EXPECT_EQ(s.table_name, table);
  EXPECT_EQ(s.key_schema, (std::vector<model::KeySchemaElement>{{"pk", model::KeyType::kHash},
                                                                {"sk", model::KeyType::kRange}}));
  EXPECT_GE(s.creation_request_date_time, started - 1);
  EXPECT_FALSE(s.last_evaluated_shard_id.has_value());
  ASSERT_EQ(s.shards.size(), 1u);
  const api::Shard& shard = s.shards[0];
  // AWS's form: shardId-<20 digits>-<8 hex digits>.
  EXPECT_EQ(shard.shard_id.size(), 37u) << shard.shard_id;
  EXPECT_TRUE(shard.shard_id.starts_with("shardId-")) << shard.shard_id;
  EXPECT_TRUE(AllDigits(shard.shard_id.substr(8, 20))) << shard.shard_id;
  EXPECT_EQ(shard.shard_id.substr(28, 1), "-") << shard.shard_id;
  EXPECT_EQ(shard.shard_id.find_first_not_of("0123456789abcdef", 29), std::string::npos)
      << shard.shard_id;
  EXPECT_FALSE(shard.parent_shard_id.has_value());
  ASSERT_TRUE(shard.sequence_number_range.starting_sequence_number.has_value());
  EXPECT_TRUE(AllDigits(*shard.sequence_number_range.starting_sequence_number))
      << *shard.sequence_number_range.starting_sequence_number;
  EXPECT_FALSE(shard.sequence_number_range.ending_sequence_number.has_value()) << "an open shard";
  // Shards are paged in ShardId order: starting at the last one leaves none.
  auto after = db_->DescribeStream({arn, std::nullopt, shard.shard_id});
  ASSERT_OK(after);
  EXPECT_TRUE(after->stream_description.shards.empty());
}

// Every kind of write, in order, with the images NEW_AND_OLD_IMAGES gives;
// writes that change nothing leave no record.
TEST_P(StreamsConformanceTest, StreamRecordsFollowEveryKindOfWrite) {
  const std::string table = "streams_writes";
  const std::string arn = *Create(table, StreamViewType::kNewAndOldImages).latest_stream_arn;
  const double started = static_cast<double>(base::UnixMicros()) / 1e6;

  Put(table, Row("a", 1, 1));  // INSERT
  Put(table, Row("a", 1, 2));  // MODIFY: replaced
  api::UpdateItemRequest update;
  update.table_name = table;
  update.key = Key("a", 1);
  update.update_expression = "SET v = :v";
  update.expression.expression_attribute_values = model::ExpressionAttributeValues{{":v", N("3")}};
  ASSERT_OK(db_->UpdateItem(update));  // MODIFY
  Put(table, Row("a", 1, 3));          // unchanged: no record
  update.key = Key("c", 1);
  ASSERT_OK(db_->UpdateItem(update));  // INSERT: created by an update
  Delete(table, Key("a", 1));          // REMOVE
  Delete(table, Key("missing", 1));    // nothing to delete: no record
  api::TransactWriteItemsRequest tx;
  for (int sk : {1, 2}) {
    api::TransactPut put;
    put.table_name = table;
    put.item = Row("t", sk, 10);
    tx.transact_items.push_back(put);
  }
  ASSERT_OK(db_->TransactWriteItems(tx));  // INSERT, INSERT
  api::BatchWriteItemRequest batch;
  batch.request_items[table] = {{Row("t", 1, 11), std::nullopt},  // MODIFY
                                {std::nullopt, Key("t", 2)},      // REMOVE
                                {Row("b", 1, 1), std::nullopt}};  // INSERT
  auto batched = db_->BatchWriteItem(batch);
  ASSERT_OK(batched);
  ASSERT_TRUE(batched->unprocessed_items.empty());

  std::vector<api::Record> records = ReadAll(arn, 10);
  ASSERT_EQ(records.size(), 10u) << ::testing::PrintToString(Events(records));
  ExpectWellFormed(records, StreamViewType::kNewAndOldImages, started);

  // The single-item writes, in the order they were made.
  struct Expected {
    const char* event;
    Item keys;
    std::optional<Item> old_image, new_image;
  };
  const std::vector<Expected> singles = {
      {"INSERT", Key("a", 1), std::nullopt, Row("a", 1, 1)},
      {"MODIFY", Key("a", 1), Row("a", 1, 1), Row("a", 1, 2)},
      {"MODIFY", Key("a", 1), Row("a", 1, 2), Row("a", 1, 3)},
      {"INSERT", Key("c", 1), std::nullopt, Item{{"pk", S("c")}, {"sk", N("1")}, {"v", N("3")}}},
      {"REMOVE", Key("a", 1), Row("a", 1, 3), std::nullopt},
  };
  for (size_t i = 0; i < singles.size(); ++i) {
    SCOPED_TRACE("write " + std::to_string(i));
    EXPECT_STREQ(Name(records[i].event_name), singles[i].event);
    EXPECT_EQ(Show(records[i].dynamodb.keys), Show(singles[i].keys));
    EXPECT_EQ(Show(records[i].dynamodb.old_image), Show(singles[i].old_image));
    EXPECT_EQ(Show(records[i].dynamodb.new_image), Show(singles[i].new_image));
  }
  // A transaction's or a batch's items are in no promised order among
  // themselves, only after the writes before them: found by key.
  auto find = [&](size_t from, size_t to, const Item& key) -> const api::Record* {
    for (size_t i = from; i < to; ++i) {
      if (records[i].dynamodb.keys == key) return &records[i];
    }
    ADD_FAILURE() << "no record of " << Show(key) << " among records " << from << ".." << to - 1;
    return nullptr;
  };
  for (int sk : {1, 2}) {
    if (const api::Record* r = find(5, 7, Key("t", sk))) {
      EXPECT_STREQ(Name(r->event_name), "INSERT");
      EXPECT_EQ(Show(r->dynamodb.old_image), "<none>");
      EXPECT_EQ(Show(r->dynamodb.new_image), Show(Row("t", sk, 10)));
    }
  }
  if (const api::Record* r = find(7, 10, Key("t", 1))) {
    EXPECT_STREQ(Name(r->event_name), "MODIFY");
    EXPECT_EQ(Show(r->dynamodb.old_image), Show(Row("t", 1, 10)));
    EXPECT_EQ(Show(r->dynamodb.new_image), Show(Row("t", 1, 11)));
  }
  if (const api::Record* r = find(7, 10, Key("t", 2))) {
    EXPECT_STREQ(Name(r->event_name), "REMOVE");
    EXPECT_EQ(Show(r->dynamodb.old_image), Show(Row("t", 2, 10)));
    EXPECT_EQ(Show(r->dynamodb.new_image), "<none>");
  }
  if (const api::Record* r = find(7, 10, Key("b", 1))) {
    EXPECT_STREQ(Name(r->event_name), "INSERT");
    EXPECT_EQ(Show(r->dynamodb.new_image), Show(Row("b", 1, 1)));
  }

  // TRIM_HORIZON reads the same records again, in the same order; the
  // shard is open, so a read at its end has no records and a next iterator.
  std::string iterator = Iterator(arn, ShardIteratorType::kTrimHorizon);
  std::vector<api::Record> again = Follow(&iterator, 10);
  ASSERT_EQ(again.size(), records.size());
  for (size_t i = 0; i < again.size(); ++i) {
    EXPECT_EQ(again[i].dynamodb.sequence_number, records[i].dynamodb.sequence_number);
    EXPECT_EQ(again[i].event_id, records[i].event_id);
  }
  ASSERT_FALSE(iterator.empty());
  auto tail = db_->GetRecords({iterator, std::nullopt});
  ASSERT_OK(tail);
  EXPECT_TRUE(tail->records.empty());
  EXPECT_TRUE(tail->next_shard_iterator.has_value());
  // Limit caps a read.
  auto one = db_->GetRecords({Iterator(arn, ShardIteratorType::kTrimHorizon), 1});
  ASSERT_OK(one);
  ASSERT_EQ(one->records.size(), 1u);
  EXPECT_EQ(one->records[0].dynamodb.sequence_number, records[0].dynamodb.sequence_number);
}

// Each view type carries the images it names and no others; keys always.
TEST_P(StreamsConformanceTest, StreamImagesFollowTheViewType) {
  struct Case {
    StreamViewType view;
    const char* table;
    bool new_images, old_images;
  };
  for (const Case& c : {Case{StreamViewType::kKeysOnly, "streams_view_keys", false, false},
                        Case{StreamViewType::kNewImage, "streams_view_new", true, false},
                        Case{StreamViewType::kOldImage, "streams_view_old", false, true}}) {
    SCOPED_TRACE(c.table);
    const std::string arn = *Create(c.table, c.view).latest_stream_arn;
    const double started = static_cast<double>(base::UnixMicros()) / 1e6;
    Put(c.table, Row("k", 1, 1));
    Put(c.table, Row("k", 1, 2));
    Delete(c.table, Key("k", 1));
    std::vector<api::Record> records = ReadAll(arn, 3);
    ASSERT_EQ(Events(records), (std::vector<std::string>{"INSERT", "MODIFY", "REMOVE"}));
    ExpectWellFormed(records, c.view, started);
    const std::vector<std::optional<Item>> news = {Row("k", 1, 1), Row("k", 1, 2), std::nullopt};
    const std::vector<std::optional<Item>> olds = {std::nullopt, Row("k", 1, 1), Row("k", 1, 2)};
    for (size_t i = 0; i < records.size(); ++i) {
      EXPECT_EQ(Show(records[i].dynamodb.keys), Show(Key("k", 1)));
      EXPECT_EQ(Show(records[i].dynamodb.new_image), c.new_images ? Show(news[i]) : "<none>");
      EXPECT_EQ(Show(records[i].dynamodb.old_image), c.old_images ? Show(olds[i]) : "<none>");
    }
  }
}

// AT_SEQUENCE_NUMBER starts at the record, AFTER_SEQUENCE_NUMBER after it,
// LATEST after everything written so far.
TEST_P(StreamsConformanceTest, StreamIteratorTypesStartWhereTheySay) {
  const std::string table = "streams_iterators";
  const std::string arn = *Create(table, StreamViewType::kKeysOnly).latest_stream_arn;
  for (int sk : {1, 2, 3}) Put(table, Row("i", sk, 0));
  std::vector<api::Record> all = ReadAll(arn, 3);
  ASSERT_EQ(all.size(), 3u);
  const std::string second = all[1].dynamodb.sequence_number;

  auto first_of = [&](const std::string& iterator) -> std::string {
    auto got = db_->GetRecords({iterator, 1});
    EXPECT_OK(got);
    return got.ok() && !got->records.empty() ? got->records[0].dynamodb.sequence_number : "<none>";
  };
  EXPECT_EQ(first_of(Iterator(arn, ShardIteratorType::kAtSequenceNumber, second)), second);
  EXPECT_EQ(first_of(Iterator(arn, ShardIteratorType::kAfterSequenceNumber, second)),
            all[2].dynamodb.sequence_number);
  // The shard's StartingSequenceNumber reads the whole shard.
  const std::string start =
      *Describe(arn).shards.at(0).sequence_number_range.starting_sequence_number;
  EXPECT_FALSE(SequenceLess(all[0].dynamodb.sequence_number, start))
      << "the first record " << all[0].dynamodb.sequence_number << " is before the shard's start "
      << start;
  EXPECT_EQ(first_of(Iterator(arn, ShardIteratorType::kAtSequenceNumber, start)),
            all[0].dynamodb.sequence_number);

  std::string latest = Iterator(arn, ShardIteratorType::kLatest);
  auto nothing = db_->GetRecords({latest, std::nullopt});
  ASSERT_OK(nothing);
  EXPECT_TRUE(nothing->records.empty());
  ASSERT_TRUE(nothing->next_shard_iterator.has_value()) << "an open shard always has a next read";
  latest = *nothing->next_shard_iterator;
  Put(table, Row("i", 4, 0));
  std::vector<api::Record> later = Follow(&latest, 1);
  ASSERT_EQ(later.size(), 1u);
  EXPECT_EQ(Show(later[0].dynamodb.keys), Show(Key("i", 4)));
  EXPECT_TRUE(SequenceLess(all[2].dynamodb.sequence_number, later[0].dynamodb.sequence_number));
}

// Disabling closes the stream, which stays described, listed and readable;
// enabling again makes a new stream.
TEST_P(StreamsConformanceTest, StreamDisabledAndEnabledAgain) {
  const std::string table = "streams_disable";
  const std::string first = *Create(table, StreamViewType::kNewImage).latest_stream_arn;
  Put(table, Row("d", 1, 1));
  ASSERT_EQ(ReadAll(first, 1).size(), 1u);

  auto disabled = SetStream(table, {false, std::nullopt});
  ASSERT_OK(disabled);
  EXPECT_FALSE(disabled->stream_specification.has_value());
  EXPECT_EQ(disabled->latest_stream_arn, first);
  auto d = db_->DescribeTable({table});
  ASSERT_OK(d);
  EXPECT_FALSE(d->stream_specification.has_value()) << "absent, not StreamEnabled false";
  EXPECT_EQ(d->latest_stream_arn, first) << "the latest stream is still named";
  ASSERT_TRUE(d->latest_stream_label.has_value());
  EXPECT_TRUE(first.ends_with("/stream/" + *d->latest_stream_label));
  Put(table, Row("d", 2, 1));  // no stream takes this

  api::StreamDescription old = Describe(first);
  EXPECT_STREQ(Name(old.stream_status), "DISABLED");
  EXPECT_EQ(old.table_name, table);
  EXPECT_EQ(old.stream_view_type, StreamViewType::kNewImage);
  ASSERT_EQ(old.shards.size(), 1u);
  ASSERT_TRUE(old.shards[0].sequence_number_range.ending_sequence_number.has_value())
      << "a disabled stream's shard is closed";
  EXPECT_TRUE(AllDigits(*old.shards[0].sequence_number_range.ending_sequence_number));
  // The closed shard still reads from TRIM_HORIZON, to its end, and then
  // has no next iterator.
  std::string iterator = Iterator(first, ShardIteratorType::kTrimHorizon);
  std::vector<api::Record> kept = Follow(&iterator, 1);
  ASSERT_EQ(kept.size(), 1u);
  EXPECT_EQ(Show(kept[0].dynamodb.keys), Show(Key("d", 1)));
  EXPECT_EQ(iterator, "") << "a closed shard read to its end has no NextShardIterator";

  auto enabled = SetStream(table, {true, StreamViewType::kKeysOnly});
  ASSERT_OK(enabled);
  ASSERT_TRUE(enabled->latest_stream_arn.has_value()) << "UpdateTable answers with the new stream";
  ASSERT_TRUE(enabled->stream_specification.has_value());
  EXPECT_EQ(enabled->stream_specification->stream_view_type, StreamViewType::kKeysOnly);
  const std::string second = *enabled->latest_stream_arn;
  EXPECT_NE(second, first);
  d = db_->DescribeTable({table});
  ASSERT_OK(d);
  ASSERT_TRUE(d->stream_specification.has_value());
  EXPECT_EQ(d->stream_specification->stream_view_type, StreamViewType::kKeysOnly);
  EXPECT_EQ(d->latest_stream_arn, second);
  EXPECT_NE(d->latest_stream_label, old.stream_label);
  EXPECT_STREQ(Name(Describe(second).stream_status), "ENABLED");
  Put(table, Row("d", 3, 1));
  std::vector<api::Record> fresh = ReadAll(second, 1);
  ASSERT_EQ(fresh.size(), 1u) << "the new stream has only what was written after it";
  EXPECT_EQ(Show(fresh[0].dynamodb.keys), Show(Key("d", 3)));

  // Both streams are listed: the disabled one too.
  api::ListStreamsRequest list;
  list.table_name = table;
  auto listed = db_->ListStreams(list);
  ASSERT_OK(listed);
  std::vector<std::string> arns;
  for (const auto& s : listed->streams) arns.push_back(s.stream_arn);
  std::sort(arns.begin(), arns.end());
  std::vector<std::string> both = {first, second};
  std::sort(both.begin(), both.end());
  EXPECT_EQ(arns, both);
}

// The errors, by code on every store and by message where AWS's is known.
TEST_P(StreamsConformanceTest, StreamErrors) {
  const std::string table = "streams_errors";
  const std::string arn = *Create(table, StreamViewType::kKeysOnly).latest_stream_arn;
  const std::string shard = ShardOf(arn);

  // Stream specifications. DynamoDB Local's messages differ from the ones
  // captured on AWS: it leaves out the ": TableName: <table>" that AWS ends
  // the UpdateTable messages with, and words the CreateTable one its own way.
  const std::string already = "Table already has an enabled stream";
  const std::string suffix = dynamodb_local() ? "" : ": TableName: " + table;
  EXPECT_THAT(SetStream(table, {true, StreamViewType::kNewImage}),
              StatusIs(base::ErrorCode::kValidation, already + suffix));
  EXPECT_THAT(SetStream(table, {true, StreamViewType::kKeysOnly}),
              StatusIs(base::ErrorCode::kValidation, already + suffix));
  api::CreateTableRequest create = CreateRequest("streams_errors_refused");
  create.stream_specification = model::StreamSpecification{true, std::nullopt};
  EXPECT_THAT(db_->CreateTable(create),
              StatusIs(base::ErrorCode::kValidation,
                       dynamodb_local()
                           ? "Invalid StreamViewType: Stream ViewType must not be null or empty "
                             "when enabling streams."
                           : "One or more parameter values were invalid: Table is being created "
                             "with a stream enabled, UpdateViewType is required"));
  EXPECT_EQ(db_->DescribeTable({"streams_errors_refused"}).status().code(),
            base::ErrorCode::kResourceNotFound)
      << "a refused CreateTable creates nothing";
  Create("streams_errors_plain", std::nullopt);
  EXPECT_THAT(
      SetStream("streams_errors_plain", {false, std::nullopt}),
      StatusIs(base::ErrorCode::kValidation,
               "Table has no stream to disable" +
                   std::string(dynamodb_local() ? "" : ": TableName: streams_errors_plain")));

  // DescribeStream of a well-formed ARN no stream has: this table's, with
  // another label.
  const std::string unknown = arn.substr(0, arn.rfind('/') + 1) + "2000-01-01T00:00:00.000";
  EXPECT_THAT(db_->DescribeStream({unknown, std::nullopt, std::nullopt}),
              StatusIs(base::ErrorCode::kResourceNotFound,
                       "Requested resource not found: Stream: " + unknown + " not found"));
  // A string that is no ARN at all is a ValidationException on AWS;
  // DynamoDB Local looks it up and does not find it.
  const std::string garbage = "garbage-garbage-garbage-garbage-garbage-garbage-garb";
  if (dynamodb_local()) {
    EXPECT_THAT(db_->DescribeStream({garbage, std::nullopt, std::nullopt}),
                StatusIs(base::ErrorCode::kResourceNotFound, ::testing::_));
  } else {
    EXPECT_THAT(db_->DescribeStream({garbage, std::nullopt, std::nullopt}),
                StatusIs(base::ErrorCode::kValidation, "Invalid StreamArn"));
  }

  // GetShardIterator of a shard the stream does not have, or without the
  // sequence number its type needs.
  // AWS's message starts "Requested resource not found: "; DynamoDB Local's does not.
  EXPECT_THAT(db_->GetShardIterator({arn, "shardId-00000000000000000000-00000000",
                                     ShardIteratorType::kTrimHorizon, std::nullopt}),
              StatusIs(base::ErrorCode::kResourceNotFound,
                       std::string(dynamodb_local() ? "" : "Requested resource not found: ") +
                           "Shard does not exist"));
  EXPECT_EQ(
      db_->GetShardIterator({arn, shard, ShardIteratorType::kAfterSequenceNumber, std::nullopt})
          .status()
          .code(),
      base::ErrorCode::kValidation);

  // GetRecords of an iterator no store issued, or with a limit out of range.
  EXPECT_THAT(
      db_->GetRecords({"sdfsdfsdfsdfsdfsdfsdfsdfsdfsdfsdfsdfsdfsdfsdfsdfsdfsdf", std::nullopt}),
      StatusIs(base::ErrorCode::kValidation, "Invalid ShardIterator"));
  const std::string iterator = Iterator(arn, ShardIteratorType::kTrimHorizon);
  EXPECT_EQ(db_->GetRecords({iterator, 0}).status().code(), base::ErrorCode::kValidation);
  EXPECT_EQ(db_->GetRecords({iterator, 1001}).status().code(), base::ErrorCode::kValidation);
  EXPECT_OK(db_->GetRecords({iterator, 1000}));
  EXPECT_EQ(db_->ListStreams({std::nullopt, 0, std::nullopt}).status().code(),
            base::ErrorCode::kValidation);
}

INSTANTIATE_TEST_SUITE_P(Stores, StreamsConformanceTest,
                         ::testing::Values("embedded", "ordertrack_server", "dynalite",
                                           "dynamodb_local"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace ordertrack::conformance
