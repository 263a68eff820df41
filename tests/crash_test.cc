// Crash test of EmbeddedDynamoDb: a child process writes under load and is
// killed with SIGKILL, again and again on the same directory; after each
// kill the test reopens the engine and checks that every write the child
// saw acknowledged is there, that every index agrees with its items, and
// that the table's stream agrees with both: every acknowledged write has its
// record, and each item's records replay exactly to what the item holds.
//
// The child is this binary started again (fork, then exec) in writer mode,
// rather than a bare fork of the test: the test process opens RocksDB
// between kills, and RocksDB's process-wide background threads do not
// survive a fork (the child would inherit a thread pool with no threads).
// Writer mode is chosen in main(), before GoogleTest starts.
//
// Protocol: the child writes one line to a pipe per acknowledged write,
// after the engine call returned OK: "P <key> <version>" when the item now
// holds that version, "D <key> <version>" when it was deleted by the write
// numbered <version> (followed by the version it removed). Versions only grow for a key, across kills too, so an
// item may hold a later version (a write that landed but was killed before
// it was reported) but never an earlier one. A delete is announced before it
// is attempted ("d <key> <version>"): a delete that landed unreported may
// legitimately leave an acknowledged put's item absent, nothing else may.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "engine/embedded_dynamodb.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace ordertrack {
namespace {

using model::AttributeValue;
using model::Item;

constexpr char kTable[] = "crash";
constexpr char kByLane[] = "by_lane";    // (lane S, stage N), ALL
constexpr char kByStage[] = "by_stage";  // (stage N), INCLUDE ver
constexpr int kKeys = 200;
constexpr int kWriterThreads = 2;
constexpr char kChildFlag[] = "--crash_child";

AttributeValue S(std::string s) { return AttributeValue::S(std::move(s)); }
AttributeValue N(int64_t n) { return AttributeValue::N(model::Number::FromInt64(n)); }

std::string KeyName(int i) { return "k" + std::to_string(i); }

api::CreateTableRequest CrashTable() {
  api::CreateTableRequest r;
  r.table_name = kTable;
  r.attribute_definitions = {
      {"id", model::Type::kS}, {"lane", model::Type::kS}, {"stage", model::Type::kN}};
  r.key_schema = {{"id", model::KeyType::kHash}};
  r.billing_mode = model::BillingMode::kPayPerRequest;
  api::GlobalSecondaryIndex by_lane;
  by_lane.index_name = kByLane;
  by_lane.key_schema = {{"lane", model::KeyType::kHash}, {"stage", model::KeyType::kRange}};
  by_lane.projection.projection_type = model::ProjectionType::kAll;
  api::GlobalSecondaryIndex by_stage;
  by_stage.index_name = kByStage;
  by_stage.key_schema = {{"stage", model::KeyType::kHash}};
  by_stage.projection.projection_type = model::ProjectionType::kInclude;
  by_stage.projection.non_key_attributes = {"ver"};
  r.global_secondary_indexes = {by_lane, by_stage};
  r.stream_specification = model::StreamSpecification{true, model::StreamViewType::kNewAndOldImages};
  return r;
}

engine::EngineOptions Options() {
  engine::EngineOptions options;
  options.ttl_sweep_interval = std::chrono::milliseconds(0);
  return options;
}

// Every entry of a table or index, page by page.
base::Result<std::vector<Item>> ScanAll(engine::EmbeddedDynamoDb& db,
                                        std::optional<std::string> index) {
  std::vector<Item> out;
  api::ScanRequest s;
  s.read.table_name = kTable;
  s.read.index_name = std::move(index);
  s.read.limit = 97;  // several pages, so resuming is exercised too
  while (true) {
    auto page = db.Scan(s);
    if (!page.ok()) return page.status();
    out.insert(out.end(), page->items.begin(), page->items.end());
    if (!page->last_evaluated_key) return out;
    s.read.exclusive_start_key = page->last_evaluated_key;
  }
}

// ---- The child: writes until killed. ----

[[noreturn]] void ChildFail(const std::string& what, const base::Status& status) {
  std::fprintf(stderr, "crash child: %s: %s\n", what.c_str(), status.ToString().c_str());
  _exit(3);
}

// Writes to the keys i with i % kWriterThreads == thread. This thread is the
// only writer of its keys, so it knows each item's version and every
// conditional write on it must succeed.
void WriterLoop(engine::EmbeddedDynamoDb* db, int thread, int64_t cycle, int report_fd,
                std::map<int, int64_t> versions /* present items only */) {
  std::mt19937_64 rng(static_cast<uint64_t>(cycle * 31 + thread));
  // Versions are cycle-major, so a later cycle always writes greater ones.
  int64_t next = cycle * 100'000'000;
  auto report = [&](char kind, int key, int64_t version, int64_t removed = 0) {
    char line[96];
    int n = std::snprintf(line, sizeof line, "%c %d %lld %lld\n", kind, key,
                          static_cast<long long>(version), static_cast<long long>(removed));
    // One write() below PIPE_BUF is atomic: lines of the threads never mix.
    if (write(report_fd, line, static_cast<size_t>(n)) != n) _exit(4);
  };
  static const std::vector<std::string> kLanes = {"red", "green", "blue", "gold"};
  while (true) {
    const int key = static_cast<int>(rng() % (kKeys / kWriterThreads)) * kWriterThreads + thread;
    auto it = versions.find(key);
    const std::optional<int64_t> current =
        it == versions.end() ? std::nullopt : std::optional<int64_t>(it->second);
    const int64_t current_version = it == versions.end() ? 0 : it->second;
    const int64_t version = ++next;
    model::Map values{{":new", N(version)}};
    std::string condition = "attribute_not_exists(id)";
    if (current) {
      values[":old"] = N(*current);
      condition = "ver = :old";
    }
    const int op = static_cast<int>(rng() % 100);
    if (op < 10 && current) {
      api::DeleteItemRequest r;
      r.table_name = kTable;
      r.key = {{"id", S(KeyName(key))}};
      r.condition.condition_expression = condition;
      values.erase(":new");
      r.expression.expression_attribute_values = values;
      report('d', key, version);
      if (auto s = db->DeleteItem(r); !s.ok()) ChildFail("delete " + KeyName(key), s.status());
      versions.erase(key);
      report('D', key, version, current_version);
    } else if (op < 40) {
      api::PutItemRequest r;
      r.table_name = kTable;
      r.item = {{"id", S(KeyName(key))}, {"ver", N(version)}};
      if (rng() % 5 != 0) r.item["lane"] = S(kLanes[rng() % kLanes.size()]);
      if (rng() % 8 != 0) r.item["stage"] = N(static_cast<int64_t>(rng() % 5));
      r.item["payload"] = S(std::string(rng() % 300, 'x'));
      r.condition.condition_expression = condition;
      values.erase(":new");
      if (!values.empty()) r.expression.expression_attribute_values = values;
      if (auto s = db->PutItem(r); !s.ok()) ChildFail("put " + KeyName(key), s.status());
      versions[key] = version;
      report('P', key, version);
    } else {
      // Moves the item to another lane and stage, or out of one index.
      api::UpdateItemRequest r;
      r.table_name = kTable;
      r.key = {{"id", S(KeyName(key))}};
      values[":lane"] = S(kLanes[rng() % kLanes.size()]);
      values[":stage"] = N(static_cast<int64_t>(rng() % 5));
      switch (rng() % 4) {
        case 0:
          r.update_expression = "SET ver = :new, stage = :stage REMOVE lane";
          values.erase(":lane");
          break;
        case 1:
          r.update_expression = "SET ver = :new, lane = :lane REMOVE stage";
          values.erase(":stage");
          break;
        default:
          r.update_expression = "SET ver = :new, lane = :lane, stage = :stage";
          break;
      }
      r.condition.condition_expression = condition;
      r.expression.expression_attribute_values = values;
      if (auto s = db->UpdateItem(r); !s.ok()) ChildFail("update " + KeyName(key), s.status());
      versions[key] = version;
      report('P', key, version);
    }
  }
}

[[noreturn]] void RunChild(const std::string& dir, int64_t cycle, int report_fd) {
  auto db = engine::EmbeddedDynamoDb::Open(dir, Options());
  if (!db.ok()) ChildFail("open", db.status());
  // Continue from whatever the last child left, acknowledged or not.
  auto items = ScanAll(**db, std::nullopt);
  if (!items.ok()) ChildFail("scan", items.status());
  std::vector<std::map<int, int64_t>> versions(kWriterThreads);
  for (const Item& item : *items) {
    const int key = std::atoi(item.at("id").s().c_str() + 1);
    versions[key % kWriterThreads][key] = *item.at("ver").n().ToInt64();
  }
  if (write(report_fd, "R\n", 2) != 2) _exit(4);  // ready: the parent starts its clock
  std::vector<std::thread> threads;
  for (int t = 0; t < kWriterThreads; ++t) {
    threads.emplace_back(WriterLoop, db->get(), t, cycle, report_fd, versions[t]);
  }
  // The writers never stop; the parent kills this process. Should it not,
  // end without running destructors or returning into anything.
  std::this_thread::sleep_for(std::chrono::seconds(60));
  _exit(5);
}

// ---- The parent: kills the child and checks. ----

struct Acked {
  char kind = 'P';
  int64_t version = 0;
  bool delete_attempted = false;  // a delete was announced since
};

// One acknowledged write, for the stream's check: a put or update that
// made version `version`, or a delete that removed version `removed`.
struct AckedWrite {
  char kind = 'P';
  int key = 0;
  int64_t version = 0;
  int64_t removed = 0;
};

int64_t VersionOf(const std::optional<Item>& image) {
  return image ? image->at("ver").n().ToInt64().value_or(-1) : -1;
}

// Every record of the table's stream, from its trim horizon.
base::Result<std::vector<api::Record>> ReadStream(engine::EmbeddedDynamoDb& db) {
  OT_ASSIGN_OR_RETURN(auto streams, db.ListStreams({std::string(kTable), std::nullopt, std::nullopt}));
  if (streams.streams.size() != 1) {
    return base::Status(base::ErrorCode::kInternalServerError, "not one stream");
  }
  const std::string arn = streams.streams[0].stream_arn;
  OT_ASSIGN_OR_RETURN(auto described, db.DescribeStream({arn, std::nullopt, std::nullopt}));
  OT_ASSIGN_OR_RETURN(auto iterator,
                      db.GetShardIterator({arn, described.stream_description.shards.at(0).shard_id,
                                           api::ShardIteratorType::kTrimHorizon, std::nullopt}));
  std::vector<api::Record> out;
  std::optional<std::string> next = iterator.shard_iterator;
  while (next) {
    OT_ASSIGN_OR_RETURN(auto page, db.GetRecords({*next, 1000}));
    if (page.records.empty()) break;
    for (auto& record : page.records) out.push_back(std::move(record));
    next = page.next_shard_iterator;
  }
  return out;
}

class CrashTest : public ::testing::Test {
 protected:
  // Starts a writer child for `cycle`, kills it at a random moment, and
  // records the writes it acknowledged. Returns how many it acknowledged.
  int RunCycle(int64_t cycle, std::mt19937_64& rng) {
    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0) {
      ADD_FAILURE() << "pipe: " << std::strerror(errno);
      return 0;
    }
    // Built before fork: between fork and exec only async-signal-safe calls.
    std::string args[] = {"crash_test", kChildFlag, dir_.path(), std::to_string(cycle),
                          std::to_string(fds[1])};
    char* const argv[] = {args[0].data(), args[1].data(), args[2].data(),
                          args[3].data(), args[4].data(), nullptr};
    const pid_t pid = fork();
    if (pid < 0) {
      ADD_FAILURE() << "fork: " << std::strerror(errno);
      return 0;
    }
    if (pid == 0) {
      fcntl(fds[1], F_SETFD, 0);  // the report pipe survives exec
      execv("/proc/self/exe", argv);
      _exit(6);
    }
    close(fds[1]);
    const auto start = std::chrono::steady_clock::now();
    // Most cycles kill 20-200 ms after the child is ready to write; every
    // fourth kills 0-100 ms after the start, which may land while the
    // child opens and recovers the store.
    const bool early = cycle % 4 == 3;
    const auto delay = std::chrono::milliseconds(early ? rng() % 100 : 20 + rng() % 181);
    std::optional<std::chrono::steady_clock::time_point> deadline;
    if (early) deadline = start + delay;
    std::string buffer;
    bool killed = false, eof = false;
    int acked = 0;
    auto drain_lines = [&] {
      size_t begin = 0;
      for (size_t nl; (nl = buffer.find('\n', begin)) != std::string::npos; begin = nl + 1) {
        std::istringstream line(buffer.substr(begin, nl - begin));
        char kind;
        line >> kind;
        if (kind == 'R') {
          if (!deadline) deadline = std::chrono::steady_clock::now() + delay;
          continue;
        }
        int key;
        int64_t version, removed;
        line >> key >> version >> removed;
        if (kind == 'd') {
          acked_[key].delete_attempted = true;
          continue;
        }
        acked_[key] = Acked{kind, version};
        acked_writes_.push_back({kind, key, version, removed});
        ++acked;
      }
      buffer.erase(0, begin);
    };
    while (!eof) {
      const auto now = std::chrono::steady_clock::now();
      if (!killed && ((deadline && now >= *deadline) || now - start > std::chrono::seconds(20))) {
        kill(pid, SIGKILL);
        killed = true;
      }
      int timeout_ms = 5;
      if (killed) timeout_ms = 1000;
      pollfd p{fds[0], POLLIN, 0};
      if (poll(&p, 1, timeout_ms) < 0 && errno != EINTR) break;
      if (p.revents & (POLLIN | POLLHUP)) {
        char chunk[4096];
        const ssize_t n = read(fds[0], chunk, sizeof chunk);
        if (n > 0) {
          buffer.append(chunk, static_cast<size_t>(n));
          drain_lines();
        } else if (n == 0) {
          eof = true;  // the child is gone
        }
      }
    }
    close(fds[0]);
    int status = 0;
    waitpid(pid, &status, 0);
    EXPECT_TRUE(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)
        << "the child ended by itself, status " << status << " (see its message above)";
    EXPECT_TRUE(buffer.empty()) << "a partial report line: " << buffer;
    return acked;
  }

  // Reopens the store and checks it against everything acknowledged so far.
  void Verify() {
    auto opened = engine::EmbeddedDynamoDb::Open(dir_.path(), Options());
    ASSERT_OK(opened);
    auto& db = **opened;
    auto items = ScanAll(db, std::nullopt);
    ASSERT_OK(items);
    std::map<std::string, Item> by_id;
    for (const Item& item : *items) {
      EXPECT_TRUE(by_id.emplace(item.at("id").s(), item).second) << "scanned twice";
    }
    // Every acknowledged write is there.
    for (const auto& [key, acked] : acked_) {
      auto it = by_id.find(KeyName(key));
      if (acked.kind == 'P') {
        if (it == by_id.end() && acked.delete_attempted) continue;
        ASSERT_NE(it, by_id.end())
            << KeyName(key) << " lost its acknowledged version " << acked.version;
        EXPECT_GE(*it->second.at("ver").n().ToInt64(), acked.version) << KeyName(key);
      } else if (it != by_id.end()) {
        // Deleted, then perhaps written again by a write not yet reported.
        EXPECT_GT(*it->second.at("ver").n().ToInt64(), acked.version)
            << KeyName(key) << " is back after its acknowledged delete";
      }
    }
    // Every index holds exactly one entry per item with its key attributes,
    // equal to the item's projection, and nothing else.
    struct IndexCheck {
      const char* name;
      std::vector<std::string> keys;
      std::vector<std::string> projected;  // empty: ALL
    };
    const IndexCheck indexes[] = {{kByLane, {"lane", "stage"}, {}},
                                  {kByStage, {"stage"}, {"id", "stage", "ver"}}};
    auto description = db.DescribeTable({kTable});
    ASSERT_OK(description);
    EXPECT_EQ(description->item_count, static_cast<int64_t>(by_id.size()));
    for (const IndexCheck& index : indexes) {
      SCOPED_TRACE(index.name);
      std::map<std::string, Item> want;
      for (const auto& [id, item] : by_id) {
        bool in_index = true;
        for (const auto& k : index.keys) in_index = in_index && item.count(k) > 0;
        if (!in_index) continue;
        Item projected;
        if (index.projected.empty()) {
          projected = item;
        } else {
          for (const auto& name : index.projected) {
            if (auto a = item.find(name); a != item.end()) projected.insert(*a);
          }
        }
        want.emplace(id, std::move(projected));
      }
      auto entries = ScanAll(db, std::string(index.name));
      ASSERT_OK(entries);
      std::map<std::string, Item> got;
      for (const Item& entry : *entries) {
        const std::string id = entry.at("id").s();
        EXPECT_TRUE(got.emplace(id, entry).second) << "two entries for " << id;
        auto w = want.find(id);
        if (w == want.end()) {
          ADD_FAILURE() << "an entry without its item: " << id;
        } else {
          EXPECT_TRUE(w->second == entry) << "the entry of " << id << " differs from its item";
        }
      }
      for (const auto& [id, item] : want) {
        EXPECT_TRUE(got.count(id)) << "no entry for " << id;
      }
      for (const auto& d : description->global_secondary_indexes) {
        if (d.index_name == index.name) {
          EXPECT_EQ(d.item_count, static_cast<int64_t>(want.size()));
        }
      }
    }
    VerifyStream(db, by_id);
  }

  // The stream against the items and the acknowledged writes: each item's
  // records chain (every old image is the previous record's new image,
  // from an INSERT) and end at what the item holds now, in increasing
  // sequence numbers; and every acknowledged write has its record.
  void VerifyStream(engine::EmbeddedDynamoDb& db, const std::map<std::string, Item>& by_id) {
    auto records = ReadStream(db);
    ASSERT_OK(records);
    std::map<std::string, std::optional<Item>> state;  // what the records say each item holds
    std::map<std::string, std::set<int64_t>> made, removed;
    std::string last_seq;
    for (const api::Record& record : *records) {
      const api::StreamRecord& d = record.dynamodb;
      EXPECT_LT(last_seq, d.sequence_number) << "sequence numbers out of order";
      last_seq = d.sequence_number;
      const std::string id = d.keys.at("id").s();
      auto at = state.emplace(id, std::nullopt).first;
      ASSERT_TRUE(d.old_image == at->second)
          << id << ": a record's old image is not the item its previous record left";
      EXPECT_EQ(record.event_name, !d.old_image   ? api::EventName::kInsert
                                   : !d.new_image ? api::EventName::kRemove
                                                  : api::EventName::kModify);
      if (d.new_image) made[id].insert(VersionOf(d.new_image));
      if (!d.new_image) removed[id].insert(VersionOf(d.old_image));
      at->second = d.new_image;
    }
    for (const auto& [id, item] : by_id) {
      auto it = state.find(id);
      ASSERT_NE(it, state.end()) << id << " has no record";
      EXPECT_TRUE(it->second == item) << id << ": its last record is not what it holds";
    }
    for (const auto& [id, image] : state) {
      EXPECT_TRUE(!image || by_id.count(id)) << id << ": a record of an item that is not there";
    }
    for (const AckedWrite& w : acked_writes_) {
      const std::string id = KeyName(w.key);
      if (w.kind == 'P') {
        EXPECT_TRUE(made[id].count(w.version)) << id << " version " << w.version << " has no record";
      } else {
        EXPECT_TRUE(removed[id].count(w.removed)) << id << ": its delete has no record";
      }
    }
  }

  testing::TempDir dir_;
  std::map<int, Acked> acked_;  // the last acknowledged write of each key
  std::vector<AckedWrite> acked_writes_;
};

TEST_F(CrashTest, AcknowledgedWritesAndIndexesSurviveSigkill) {
  {
    auto db = engine::EmbeddedDynamoDb::Open(dir_.path(), Options());
    ASSERT_OK(db);
    ASSERT_OK((*db)->CreateTable(CrashTable()));
  }
  std::mt19937_64 rng(20240611);
  int total = 0;
  for (int64_t cycle = 1; cycle <= 15; ++cycle) {
    SCOPED_TRACE("cycle " + std::to_string(cycle));
    total += RunCycle(cycle, rng);
    if (HasFailure()) return;
    Verify();
    if (HasFailure()) return;
  }
  // The kills must have interrupted real work (thousands of writes in a
  // Release build; the bound is low for slow sanitizer builds on busy machines).
  EXPECT_GT(total, 100) << "too few acknowledged writes to mean anything";
  RecordProperty("acknowledged_writes", total);
}

}  // namespace
}  // namespace ordertrack

// Writer mode (crash_test --crash_child <dir> <cycle> <fd>) or the tests.
int main(int argc, char** argv) {
  if (argc == 5 && std::string(argv[1]) == ordertrack::kChildFlag) {
    ordertrack::RunChild(argv[2], std::atoll(argv[3]), std::atoi(argv[4]));
  }
  ::testing::InitGoogleTest(&argc, argv);
  return RUN_ALL_TESTS();
}
