// Randomized model test of EmbeddedDynamoDb: long seeded sequences of
// writes, conditional writes, transactions, batch writes, queries and scans
// run against the engine and against a plain in-memory model of DynamoDB's
// semantics (a std::map from table key to item), compared after every step
// and across close and reopen. Key spaces are tiny so that conditions both
// pass and fail, index keys repeat, and many items lack index attributes.
//
// The table has a stream of NEW_AND_OLD_IMAGES, and the model keeps the
// history of item changes the stream must replay: one record per change,
// none for a write that leaves the item as it was, a refused write, a
// condition check or a delete of a missing item. The test is single-threaded
// and uses no write group, so the stream's global order is the model's.
//
// Reproduce a failure with its seed; ORDERTRACK_MODEL_STEPS=<n> runs longer.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/embedded_dynamodb.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace ordertrack {
namespace {

using base::ErrorCode;
using model::AttributeValue;
using model::Item;
using model::Number;

constexpr char kTable[] = "model";
constexpr char kGsi[] = "by_g";  // (g S, h N), ALL
constexpr char kLsi[] = "by_l";  // (pk, l S), INCLUDE v

AttributeValue S(std::string s) { return AttributeValue::S(std::move(s)); }
AttributeValue N(std::string_view text) { return AttributeValue::NumberFromText(text); }

// Value pools. Sort keys and index numbers come in several spellings of one
// value, so the engine must match and order keys by value, not by text.
const std::vector<std::string> kPks = {"a", "ab", "b"};
const std::vector<std::string> kSks = {"-1", "-1.0", "0", "-0", "1.5", "1.50",
                                       "2",  "2.0",  "3", "10", "1E1"};
const std::vector<std::string> kGs = {"x", "y", "z"};
const std::vector<std::string> kHs = {"1", "2", "2.00", "3"};
const std::vector<std::string> kLs = {"l", "l1", "l2", "m1"};
const std::vector<std::string> kVs = {"0", "1", "2", "3"};
const std::vector<std::string> kTags = {"t1", "t2", "t3"};

using Key = std::pair<std::string, Number>;

Key KeyOf(const Item& item) { return {item.at("pk").s(), item.at("sk").n()}; }

const AttributeValue* Find(const std::optional<Item>& item, const std::string& name) {
  if (!item) return nullptr;
  auto it = item->find(name);
  return it == item->end() ? nullptr : &it->second;
}

bool Has(const Item& item, const std::string& name) { return item.count(name) > 0; }

std::string Str(const Item& item) {
  std::string out = "{";
  for (const auto& [name, value] : item) {
    if (out.size() > 1) out += ", ";
    out += name + ": " + value.DebugString();
  }
  return out + "}";
}
std::string Str(const std::optional<Item>& item) { return item ? Str(*item) : "(none)"; }
std::string Str(const std::vector<Item>& items) {
  std::string out;
  for (const auto& item : items) out += "\n    " + Str(item);
  return out.empty() ? " (none)" : out;
}

// What a write did: the three outcomes the model predicts.
enum class Outcome { kOk, kConditionFailed, kInvalid };

const char* OutcomeName(Outcome o) {
  switch (o) {
    case Outcome::kOk:
      return "OK";
    case Outcome::kConditionFailed:
      return "ConditionalCheckFailed";
    case Outcome::kInvalid:
      return "ValidationException";
  }
  return "?";
}

// ExpressionAttributeValues built alongside the expression text.
class Values {
 public:
  std::string Add(AttributeValue v) {
    std::string name = ":p" + std::to_string(values_.size());
    values_.emplace(name, std::move(v));
    return name;
  }
  // Absent when empty: DynamoDB refuses an empty map.
  std::optional<model::Map> Get() const {
    if (values_.empty()) return std::nullopt;
    return values_;
  }

 private:
  model::Map values_;
};

// A condition expression and its meaning on the model's item.
struct Condition {
  std::string text;  // empty: no condition
  std::function<bool(const std::optional<Item>&)> holds;
};

// An update expression and its meaning: `apply` reads operands from the old
// item and writes the new one; false when DynamoDB refuses the update at run
// time (an operand names a missing attribute).
struct Update {
  std::string text;  // empty: no UpdateExpression
  std::vector<std::string> targets;
  std::vector<std::function<bool(const Item& old, Item* item)>> apply;
};

// The reference model of one table with its two indexes.
class Model {
 public:
  std::map<Key, Item> items;

  static bool InGsi(const Item& item) { return Has(item, "g") && Has(item, "h"); }
  static bool InLsi(const Item& item) { return Has(item, "l"); }

  // The LSI's entry: keys plus the included attribute v.
  static Item LsiEntry(const Item& item) {
    Item out;
    for (const char* name : {"pk", "sk", "l", "v"}) {
      if (auto it = item.find(name); it != item.end()) out.insert(*it);
    }
    return out;
  }

  // DynamoDB's checks on a written item that the test can provoke: index key
  // attributes of their defined types and not empty.
  static bool Valid(const Item& item) {
    auto typed = [&](const char* name, model::Type type) {
      auto it = item.find(name);
      if (it == item.end()) return true;
      if (it->second.type() != type) return false;
      return type != model::Type::kS || !it->second.s().empty();
    };
    return typed("g", model::Type::kS) && typed("h", model::Type::kN) &&
           typed("l", model::Type::kS);
  }

  std::optional<Item> Get(const Key& key) const {
    auto it = items.find(key);
    if (it == items.end()) return std::nullopt;
    return it->second;
  }

  // One change of an item, as the table's stream must record it.
  struct Change {
    Item keys;
    api::EventName event;
    std::optional<Item> old_image, new_image;
  };
  std::vector<Change> history;

  // Leaves `next` at `key` (nullopt: no item) and records the change. A
  // write that leaves the item exactly as it was, or deletes a missing one,
  // changes nothing, and DynamoDB's stream has no record of it.
  void Write(const Key& key, std::optional<Item> next) {
    std::optional<Item> old = Get(key);
    if (old == next) return;
    const Item& any = next ? *next : *old;
    Change change{{{"pk", any.at("pk")}, {"sk", any.at("sk")}},
                  !old    ? api::EventName::kInsert
                  : !next ? api::EventName::kRemove
                          : api::EventName::kModify,
                  old,
                  next};
    history.push_back(std::move(change));
    if (next) {
      items[key] = std::move(*next);
    } else {
      items.erase(key);
    }
  }
};

const char* EventText(api::EventName e) {
  switch (e) {
    case api::EventName::kInsert:
      return "INSERT";
    case api::EventName::kModify:
      return "MODIFY";
    case api::EventName::kRemove:
      return "REMOVE";
  }
  return "?";
}

// Sequence numbers are decimal strings ordered by value; DynamoDB does not
// promise them a fixed width, so compare without leading zeros.
bool SequenceLess(std::string_view a, std::string_view b) {
  auto trim = [](std::string_view s) {
    while (s.size() > 1 && s.front() == '0') s.remove_prefix(1);
    return s;
  };
  a = trim(a);
  b = trim(b);
  return a.size() != b.size() ? a.size() < b.size() : a < b;
}

bool IsDecimal(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Key conditions of a Query on the sort key of the table or an index.
enum class SortOp { kNone, kEq, kLt, kLe, kGt, kGe, kBetween, kBeginsWith };

class EngineModelTest : public ::testing::TestWithParam<uint64_t> {
 protected:
  void SetUp() override {
    rng_.seed(GetParam());
    // The stream reader draws its page sizes from a generator of its own,
    // so reading the stream does not change the operations a seed runs.
    reader_rng_.seed(GetParam() ^ 0x5eed5eed5eed5eedULL);
    Open();
    api::CreateTableRequest r;
    r.table_name = kTable;
    r.attribute_definitions = {{"pk", model::Type::kS},
                               {"sk", model::Type::kN},
                               {"g", model::Type::kS},
                               {"h", model::Type::kN},
                               {"l", model::Type::kS}};
    r.key_schema = {{"pk", model::KeyType::kHash}, {"sk", model::KeyType::kRange}};
    r.provisioned_throughput = model::ProvisionedThroughput{1, 1};
    api::GlobalSecondaryIndex gsi;
    gsi.index_name = kGsi;
    gsi.key_schema = {{"g", model::KeyType::kHash}, {"h", model::KeyType::kRange}};
    gsi.projection.projection_type = model::ProjectionType::kAll;
    gsi.provisioned_throughput = model::ProvisionedThroughput{1, 1};
    r.global_secondary_indexes.push_back(gsi);
    api::LocalSecondaryIndex lsi;
    lsi.index_name = kLsi;
    lsi.key_schema = {{"pk", model::KeyType::kHash}, {"l", model::KeyType::kRange}};
    lsi.projection.projection_type = model::ProjectionType::kInclude;
    lsi.projection.non_key_attributes = {"v"};
    r.local_secondary_indexes.push_back(lsi);
    r.stream_specification =
        model::StreamSpecification{true, model::StreamViewType::kNewAndOldImages};
    auto created = db_->CreateTable(r);
    ASSERT_OK(created);
    ASSERT_TRUE(created->latest_stream_arn.has_value());
    FindStream(*created->latest_stream_arn);
  }

  // Finds the stream and its shard as a client does, and starts the reader
  // that follows the stream's tail at TRIM_HORIZON.
  void FindStream(const std::string& created_arn) {
    api::ListStreamsRequest list;
    list.table_name = kTable;
    auto listed = db_->ListStreams(list);
    ASSERT_OK(listed);
    ASSERT_EQ(listed->streams.size(), 1u);
    stream_arn_ = listed->streams[0].stream_arn;
    EXPECT_EQ(stream_arn_, created_arn);
    auto described = db_->DescribeStream({stream_arn_, std::nullopt, std::nullopt});
    ASSERT_OK(described);
    const api::StreamDescription& d = described->stream_description;
    EXPECT_EQ(d.stream_view_type, model::StreamViewType::kNewAndOldImages);
    ASSERT_EQ(d.shards.size(), 1u);
    shard_id_ = d.shards[0].shard_id;
    tail_iterator_ = TrimHorizon();
  }

  void Open() {
    db_.reset();
    engine::EngineOptions options;
    options.ttl_sweep_interval = std::chrono::milliseconds(0);  // no TTL here
    auto db = engine::EmbeddedDynamoDb::Open(dir_.path(), std::move(options));
    ASSERT_OK(db);
    db_ = std::move(db).value();
  }

  // Random choices. rng_() % n rather than <random> distributions: the
  // sequence for a seed is then the same with every standard library.
  size_t Pick(size_t n) { return static_cast<size_t>(rng_() % n); }
  bool Chance(int percent) { return static_cast<int>(rng_() % 100) < percent; }
  template <typename T>
  const T& OneOf(const std::vector<T>& v) {
    return v[Pick(v.size())];
  }

  Item RandomKey() { return {{"pk", S(OneOf(kPks))}, {"sk", N(OneOf(kSks))}}; }

  Item RandomItem() {
    Item item = RandomKey();
    if (Chance(60)) item["g"] = S(OneOf(kGs));
    if (Chance(70)) item["h"] = N(OneOf(kHs));
    if (Chance(60)) item["l"] = S(OneOf(kLs));
    if (Chance(70)) item["v"] = N(OneOf(kVs));
    if (Chance(30)) item["c"] = N(std::to_string(Pick(5)));
    if (Chance(30)) item["tags"] = AttributeValue::SS({OneOf(kTags)});
    if (Chance(40)) item["payload"] = S(std::string(Pick(20), 'p'));  // may be empty: allowed
    return item;
  }

  Condition RandomCondition(Values* values) {
    auto v_is = [](const std::optional<Item>& item, const AttributeValue& x) {
      const AttributeValue* v = Find(item, "v");
      return v != nullptr && *v == x;
    };
    switch (Pick(13)) {
      case 0:
      case 1:
        return {"", [](const std::optional<Item>&) { return true; }};
      case 2:
        return {"attribute_not_exists(pk)", [](const auto& item) { return !item.has_value(); }};
      case 3:
        return {"attribute_exists(pk)", [](const auto& item) { return item.has_value(); }};
      case 4: {
        AttributeValue x = N(OneOf(kVs));
        return {"v = " + values->Add(x), [=](const auto& item) { return v_is(item, x); }};
      }
      case 5:
        return {"attribute_exists(g)", [](const auto& item) { return Find(item, "g") != nullptr; }};
      case 6:
        return {"attribute_not_exists(g)",
                [](const auto& item) { return Find(item, "g") == nullptr; }};
      case 7: {
        AttributeValue x = N(OneOf(kVs));
        return {"v < " + values->Add(x), [=](const auto& item) {
                  const AttributeValue* v = Find(item, "v");
                  return v != nullptr && v->is(model::Type::kN) && v->n() < x.n();
                }};
      }
      case 8: {
        AttributeValue x = N(OneOf(kVs));
        return {"attribute_exists(g) AND v = " + values->Add(x),
                [=](const auto& item) { return Find(item, "g") != nullptr && v_is(item, x); }};
      }
      case 9: {
        std::string prefix = Chance(50) ? "l" : "m";
        return {"begins_with(l, " + values->Add(S(prefix)) + ")", [=](const auto& item) {
                  const AttributeValue* l = Find(item, "l");
                  return l != nullptr && l->is(model::Type::kS) && l->s().rfind(prefix, 0) == 0;
                }};
      }
      case 10: {
        std::string tag = OneOf(kTags);
        return {"contains(tags, " + values->Add(S(tag)) + ")", [=](const auto& item) {
                  const AttributeValue* t = Find(item, "tags");
                  if (t == nullptr || !t->is(model::Type::kSS)) return false;
                  return std::count(t->strings().begin(), t->strings().end(), tag) > 0;
                }};
      }
      case 11: {
        AttributeValue x = N(OneOf(kVs));
        return {"attribute_not_exists(pk) OR v = " + values->Add(x),
                [=](const auto& item) { return !item.has_value() || v_is(item, x); }};
      }
      default: {
        // NOT of a comparison with a missing attribute holds.
        AttributeValue x = S(OneOf(kGs));
        return {"NOT (g = " + values->Add(x) + ")", [=](const auto& item) {
                  const AttributeValue* g = Find(item, "g");
                  return !(g != nullptr && *g == x);
                }};
      }
    }
  }

  // An update of distinct top-level attributes (DynamoDB refuses
  // overlapping paths). `risky` allows clauses that fail at run time or
  // make the item invalid.
  Update RandomUpdate(Values* values, bool risky) {
    Update u;
    std::set<std::string> used;
    std::vector<std::string> set_clauses, remove_clauses, add_clauses, delete_clauses;
    auto take = [&](const std::string& name) {
      if (used.count(name)) return false;
      used.insert(name);
      u.targets.push_back(name);
      return true;
    };
    auto set_to = [&](const std::string& name, AttributeValue x) {
      if (!take(name)) return;
      set_clauses.push_back(name + " = " + values->Add(x));
      u.apply.push_back([=](const Item&, Item* item) {
        (*item)[name] = x;
        return true;
      });
    };
    const size_t clauses = Pick(5);
    for (size_t i = 0; i < clauses; ++i) {
      switch (Pick(risky ? 16 : 13)) {
        case 0:
          set_to("g", S(OneOf(kGs)));
          break;
        case 1:
          set_to("h", N(OneOf(kHs)));
          break;
        case 2:
          set_to("l", S(OneOf(kLs)));
          break;
        case 3:
          set_to("v", N(OneOf(kVs)));
          break;
        case 4:
          set_to("payload", S(std::string(Pick(20), 'q')));
          break;
        case 5: {
          if (!take("v")) break;
          std::string zero = values->Add(N("0")), one = values->Add(N("1"));
          set_clauses.push_back("v = if_not_exists(v, " + zero + ") + " + one);
          u.apply.push_back([](const Item& old, Item* item) {
            Number base = old.count("v") ? old.at("v").n() : Number();
            (*item)["v"] = AttributeValue::N(*base.Add(Number::FromInt64(1)));
            return true;
          });
          break;
        }
        case 6:
        case 7: {
          std::string name = OneOf(std::vector<std::string>{"g", "h", "l", "v", "payload"});
          if (!take(name)) break;
          remove_clauses.push_back(name);
          u.apply.push_back([=](const Item&, Item* item) {
            item->erase(name);
            return true;
          });
          break;
        }
        case 8:
        case 9: {
          if (!take("c")) break;
          int64_t delta = static_cast<int64_t>(Pick(5)) - 2;
          add_clauses.push_back("c " + values->Add(N(std::to_string(delta))));
          u.apply.push_back([=](const Item& old, Item* item) {
            Number base = old.count("c") ? old.at("c").n() : Number();
            (*item)["c"] = AttributeValue::N(*base.Add(Number::FromInt64(delta)));
            return true;
          });
          break;
        }
        case 10:
        case 11: {
          if (!take("tags")) break;
          std::vector<std::string> tags = {OneOf(kTags)};
          if (Chance(50) && tags[0] != kTags[0]) tags.push_back(kTags[0]);
          const bool add = Chance(60);
          (add ? add_clauses : delete_clauses)
              .push_back("tags " + values->Add(AttributeValue::SS(tags)));
          u.apply.push_back([=](const Item& old, Item* item) {
            std::set<std::string> set;
            if (old.count("tags"))
              set.insert(old.at("tags").strings().begin(), old.at("tags").strings().end());
            for (const auto& t : tags) add ? (void)set.insert(t) : (void)set.erase(t);
            if (set.empty()) {
              item->erase("tags");  // a set that empties disappears
            } else {
              (*item)["tags"] = AttributeValue::SS({set.begin(), set.end()});
            }
            return true;
          });
          break;
        }
        case 12:
          break;
        case 13: {
          // Arithmetic on a missing operand: ValidationException.
          if (!take("v")) break;
          set_clauses.push_back("v = v + " + values->Add(N("1")));
          u.apply.push_back([](const Item& old, Item* item) {
            if (!old.count("v")) return false;
            (*item)["v"] = AttributeValue::N(*old.at("v").n().Add(Number::FromInt64(1)));
            return true;
          });
          break;
        }
        case 14:
          set_to("g", N("1"));  // an index key of the wrong type
          break;
        default:
          set_to("l", S(""));  // an empty index key
          break;
      }
    }
    auto join = [](const char* action, const std::vector<std::string>& parts) {
      if (parts.empty()) return std::string();
      std::string out = std::string(action) + " ";
      for (size_t i = 0; i < parts.size(); ++i) out += (i ? ", " : "") + parts[i];
      return out + " ";
    };
    u.text = join("SET", set_clauses) + join("REMOVE", remove_clauses) + join("ADD", add_clauses) +
             join("DELETE", delete_clauses);
    if (!u.text.empty()) u.text.pop_back();
    return u;
  }

  // The outcome of an engine call; fails the test on any other error.
  template <typename R>
  std::optional<Outcome> OutcomeOf(const base::Result<R>& result) {
    if (result.ok()) return Outcome::kOk;
    switch (result.status().code()) {
      case ErrorCode::kConditionalCheckFailed:
        return Outcome::kConditionFailed;
      case ErrorCode::kValidation:
        return Outcome::kInvalid;
      default:
        ADD_FAILURE() << "unexpected error " << result.status().ToString();
        return std::nullopt;
    }
  }

  // Compares the outcome, and on a failed condition the old item returned
  // with ReturnValuesOnConditionCheckFailure ALL_OLD.
  template <typename R>
  void ExpectOutcome(const base::Result<R>& got, Outcome want, const std::optional<Item>& old,
                     bool asked_old_on_failure) {
    auto outcome = OutcomeOf(got);
    if (!outcome) return;
    EXPECT_EQ(OutcomeName(*outcome), std::string(OutcomeName(want))) << got.status().ToString();
    if (*outcome == Outcome::kConditionFailed && want == Outcome::kConditionFailed) {
      auto* failed = dynamic_cast<const api::ConditionFailedItem*>(got.status().details());
      if (asked_old_on_failure && old) {
        EXPECT_TRUE(failed != nullptr && failed->item == *old)
            << "ALL_OLD on failure: " << (failed ? Str(failed->item) : "(none)") << " want "
            << Str(old);
      } else {
        EXPECT_EQ(failed, nullptr);
      }
    }
  }

  void ExpectAttributes(const std::optional<Item>& got, const std::optional<Item>& want) {
    EXPECT_TRUE(got == want) << "returned attributes " << Str(got) << " want " << Str(want);
  }

  api::WriteOptions RandomWriteOptions(bool allow_updated) {
    api::WriteOptions o;
    const int choices = allow_updated ? 5 : 2;
    o.return_values = std::vector<api::ReturnValue>{
        api::ReturnValue::kNone, api::ReturnValue::kAllOld, api::ReturnValue::kAllNew,
        api::ReturnValue::kUpdatedOld, api::ReturnValue::kUpdatedNew}[Pick(choices)];
    if (Chance(50)) {
      o.return_values_on_condition_check_failure =
          api::ReturnValuesOnConditionCheckFailure::kAllOld;
    }
    return o;
  }

  // ---- Writes ----

  void DoPut() {
    api::PutItemRequest r;
    r.table_name = kTable;
    r.item = RandomItem();
    // Now and then the item as it is stored: a write that changes nothing,
    // of which the stream has no record.
    if (!model_.items.empty() && Chance(8)) {
      r.item = std::next(model_.items.begin(), static_cast<ptrdiff_t>(Pick(model_.items.size())))
                   ->second;
    }
    Values values;
    Condition cond = RandomCondition(&values);
    bool invalid = false;
    if (cond.text.empty() && Chance(5)) {
      // Wrong index key types and empty index keys are refused.
      switch (Pick(3)) {
        case 0:
          r.item["g"] = N("7");
          break;
        case 1:
          r.item["h"] = S("7");
          break;
        default:
          r.item["l"] = S("");
          break;
      }
      invalid = true;
    }
    if (!cond.text.empty()) r.condition.condition_expression = cond.text;
    r.expression.expression_attribute_values = values.Get();
    r.options = RandomWriteOptions(false);
    SCOPED_TRACE("PutItem " + Str(r.item) + " if [" + cond.text + "]");

    const Key key = KeyOf(r.item);
    const std::optional<Item> old = model_.Get(key);
    Outcome want =
        invalid ? Outcome::kInvalid : (cond.holds(old) ? Outcome::kOk : Outcome::kConditionFailed);
    auto got = db_->PutItem(r);
    ExpectOutcome(got, want, old,
                  r.options.return_values_on_condition_check_failure ==
                      api::ReturnValuesOnConditionCheckFailure::kAllOld);
    if (want == Outcome::kOk) {
      model_.Write(key, r.item);
      if (got.ok()) {
        ExpectAttributes(got->attributes,
                         r.options.return_values == api::ReturnValue::kAllOld ? old : std::nullopt);
      }
    }
    ExpectGet(r.item);
  }

  void DoUpdate() {
    api::UpdateItemRequest r;
    r.table_name = kTable;
    r.key = RandomKey();
    Values values;
    // Updates that may fail at run time carry no condition, so the model
    // never has to decide which of two failures DynamoDB reports first.
    const bool risky = Chance(15);
    Condition cond =
        risky ? Condition{"", [](const auto&) { return true; }} : RandomCondition(&values);
    Update update = RandomUpdate(&values, risky);
    if (!update.text.empty()) r.update_expression = update.text;
    if (!cond.text.empty()) r.condition.condition_expression = cond.text;
    r.expression.expression_attribute_values = values.Get();
    r.options = RandomWriteOptions(true);
    SCOPED_TRACE("UpdateItem " + Str(r.key) + " [" + update.text + "] if [" + cond.text + "]");

    const Key key = KeyOf(r.key);
    const std::optional<Item> old = model_.Get(key);
    Outcome want = Outcome::kOk;
    Item next = old ? *old : r.key;  // a missing item is created
    if (!cond.holds(old)) {
      want = Outcome::kConditionFailed;
    } else {
      for (const auto& apply : update.apply) {
        if (!apply(old ? *old : r.key, &next)) want = Outcome::kInvalid;
      }
      if (!Model::Valid(next)) want = Outcome::kInvalid;
    }
    auto got = db_->UpdateItem(r);
    ExpectOutcome(got, want, old,
                  r.options.return_values_on_condition_check_failure ==
                      api::ReturnValuesOnConditionCheckFailure::kAllOld);
    if (want == Outcome::kOk) {
      model_.Write(key, next);
      if (got.ok()) {
        auto pick = [&](const std::optional<Item>& from) -> std::optional<Item> {
          if (!from) return std::nullopt;
          Item out;
          for (const auto& name : update.targets) {
            if (auto it = from->find(name); it != from->end()) out.insert(*it);
          }
          if (out.empty()) return std::nullopt;
          return out;
        };
        std::optional<Item> want_attributes;
        switch (r.options.return_values) {
          case api::ReturnValue::kNone:
            break;
          case api::ReturnValue::kAllOld:
            want_attributes = old;
            break;
          case api::ReturnValue::kAllNew:
            want_attributes = next;
            break;
          case api::ReturnValue::kUpdatedOld:
            want_attributes = pick(old);
            break;
          case api::ReturnValue::kUpdatedNew:
            want_attributes = pick(next);
            break;
        }
        ExpectAttributes(got->attributes, want_attributes);
      }
    }
    ExpectGet(r.key);
  }

  void DoDelete() {
    api::DeleteItemRequest r;
    r.table_name = kTable;
    r.key = RandomKey();
    Values values;
    Condition cond = RandomCondition(&values);
    if (!cond.text.empty()) r.condition.condition_expression = cond.text;
    r.expression.expression_attribute_values = values.Get();
    r.options = RandomWriteOptions(false);
    SCOPED_TRACE("DeleteItem " + Str(r.key) + " if [" + cond.text + "]");

    const Key key = KeyOf(r.key);
    const std::optional<Item> old = model_.Get(key);
    Outcome want = cond.holds(old) ? Outcome::kOk : Outcome::kConditionFailed;
    auto got = db_->DeleteItem(r);
    ExpectOutcome(got, want, old,
                  r.options.return_values_on_condition_check_failure ==
                      api::ReturnValuesOnConditionCheckFailure::kAllOld);
    if (want == Outcome::kOk) {
      model_.Write(key, std::nullopt);
      if (got.ok()) {
        ExpectAttributes(got->attributes,
                         r.options.return_values == api::ReturnValue::kAllOld ? old : std::nullopt);
      }
    }
    ExpectGet(r.key);
  }

  // TransactWriteItems of one to four operations: all apply or none do.
  // Now and then two of them name one item (in different spellings of its
  // sort key, perhaps), which DynamoDB refuses.
  void DoTransaction() {
    api::TransactWriteItemsRequest r;
    std::vector<Key> keys;
    std::vector<std::optional<Item>> nexts;  // what each write leaves
    std::vector<bool> writes;                // false for a condition check
    std::vector<std::string> want_reasons;
    std::vector<std::optional<Item>> want_failed_items;  // ALL_OLD on failure
    bool duplicate = false;
    std::string trace = "TransactWriteItems";
    const size_t n = 1 + Pick(4);
    for (size_t i = 0; i < n; ++i) {
      Values values;
      const size_t kind = Pick(4);
      Item item = kind == 0 ? RandomItem() : RandomKey();
      const Key key = KeyOf(item);
      if (std::count(keys.begin(), keys.end(), key) > 0) {
        if (!Chance(15)) continue;
        duplicate = true;
      }
      const std::optional<Item> old = model_.Get(key);
      Condition cond;
      Update update;
      std::optional<Item> next;
      std::string reason = "None";
      bool risky = false;
      if (kind == 1) {
        // A TransactUpdate needs an update expression; risky ones carry no
        // condition, as in DoUpdate.
        risky = Chance(15);
        do {
          values = Values();
          update = RandomUpdate(&values, risky);
        } while (update.text.empty());
      }
      if (kind == 3) {
        do {  // a condition check needs a condition
          values = Values();
          cond = RandomCondition(&values);
        } while (cond.text.empty());
      } else if (risky) {
        cond = Condition{"", [](const auto&) { return true; }};
      } else {
        cond = RandomCondition(&values);
      }
      std::optional<std::string> cond_text;
      if (!cond.text.empty()) cond_text = cond.text;
      const auto on_failure = Chance(50) ? api::ReturnValuesOnConditionCheckFailure::kAllOld
                                         : api::ReturnValuesOnConditionCheckFailure::kNone;
      api::ExpressionParams expression;
      expression.expression_attribute_values = values.Get();
      if (!cond.holds(old)) reason = "ConditionalCheckFailed";
      switch (kind) {
        case 0:
          r.transact_items.push_back(
              api::TransactPut{kTable, item, cond_text, expression, on_failure});
          next = item;
          trace += "\n  Put " + Str(item);
          break;
        case 1: {
          r.transact_items.push_back(
              api::TransactUpdate{kTable, item, update.text, cond_text, expression, on_failure});
          Item updated = old ? *old : item;
          if (reason == "None") {
            for (const auto& apply : update.apply) {
              if (!apply(old ? *old : item, &updated)) reason = "ValidationError";
            }
            if (!Model::Valid(updated)) reason = "ValidationError";
          }
          next = updated;
          trace += "\n  Update " + Str(item) + " [" + update.text + "]";
          break;
        }
        case 2:
          r.transact_items.push_back(
              api::TransactDelete{kTable, item, cond_text, expression, on_failure});
          trace += "\n  Delete " + Str(item);
          break;
        default:
          r.transact_items.push_back(
              api::TransactConditionCheck{kTable, item, cond.text, expression, on_failure});
          trace += "\n  ConditionCheck " + Str(item);
          break;
      }
      trace += " if [" + cond.text + "]";
      keys.push_back(key);
      nexts.push_back(next);
      writes.push_back(kind != 3);
      want_reasons.push_back(reason);
      const bool asked_old = on_failure == api::ReturnValuesOnConditionCheckFailure::kAllOld;
      const bool failed = reason == "ConditionalCheckFailed";
      want_failed_items.push_back(failed && asked_old ? old : std::nullopt);
    }
    SCOPED_TRACE(trace);
    auto got = db_->TransactWriteItems(r);
    if (duplicate) {
      EXPECT_EQ(got.status().code(), ErrorCode::kValidation) << got.status().ToString();
      return;
    }
    const bool cancelled = std::any_of(want_reasons.begin(), want_reasons.end(),
                                       [](const std::string& reason) { return reason != "None"; });
    if (cancelled) {
      ASSERT_EQ(got.status().code(), ErrorCode::kTransactionCanceled) << got.status().ToString();
      auto* reasons = dynamic_cast<const api::CancellationReasons*>(got.status().details());
      ASSERT_NE(reasons, nullptr);
      ASSERT_EQ(reasons->reasons.size(), want_reasons.size());
      for (size_t i = 0; i < want_reasons.size(); ++i) {
        EXPECT_EQ(reasons->reasons[i].code, want_reasons[i]) << "operation " << i;
        EXPECT_TRUE(reasons->reasons[i].item == want_failed_items[i])
            << "operation " << i << " ALL_OLD on failure: " << Str(reasons->reasons[i].item)
            << " want " << Str(want_failed_items[i]);
      }
    } else {
      ASSERT_OK(got);
      // In request order, which is the order the engine numbers a
      // transaction's records in. DynamoDB promises an order per item only,
      // and a transaction names each item once.
      for (size_t i = 0; i < keys.size(); ++i) {
        if (writes[i]) model_.Write(keys[i], nexts[i]);
      }
    }
    for (const Key& key : keys) {
      ExpectGet({{"pk", S(key.first)}, {"sk", AttributeValue::N(key.second)}});
    }
  }

  // BatchWriteItem of one to five unconditional puts and deletes, applied
  // in request order. A batch naming one item twice is refused whole.
  void DoBatchWrite() {
    api::BatchWriteItemRequest r;
    std::vector<api::WriteRequest>& requests = r.request_items[kTable];
    std::vector<std::pair<Key, std::optional<Item>>> changes;
    bool duplicate = false;
    std::string trace = "BatchWriteItem";
    const size_t n = 1 + Pick(5);
    for (size_t i = 0; i < n; ++i) {
      api::WriteRequest w;
      std::optional<Item> next;
      if (Chance(60)) {
        w.put_item = RandomItem();
        next = w.put_item;
        trace += "\n  Put " + Str(*w.put_item);
      } else {
        w.delete_key = RandomKey();
        trace += "\n  Delete " + Str(*w.delete_key);
      }
      const Key key = KeyOf(w.put_item ? *w.put_item : *w.delete_key);
      if (std::any_of(changes.begin(), changes.end(),
                      [&](const auto& c) { return c.first == key; })) {
        if (!Chance(15)) continue;
        duplicate = true;
      }
      requests.push_back(std::move(w));
      changes.emplace_back(key, std::move(next));
    }
    SCOPED_TRACE(trace);
    auto got = db_->BatchWriteItem(r);
    if (duplicate) {
      EXPECT_EQ(got.status().code(), ErrorCode::kValidation) << got.status().ToString();
      return;
    }
    ASSERT_OK(got);
    EXPECT_TRUE(got->unprocessed_items.empty());
    for (auto& [key, next] : changes) model_.Write(key, next);
    for (const auto& [key, next] : changes) {
      ExpectGet({{"pk", S(key.first)}, {"sk", AttributeValue::N(key.second)}});
    }
  }

  void ExpectGet(const Item& key_or_item) {
    api::GetItemRequest r;
    r.table_name = kTable;
    r.key = {{"pk", key_or_item.at("pk")}, {"sk", key_or_item.at("sk")}};
    r.consistent_read = Chance(50);
    auto got = db_->GetItem(r);
    ASSERT_OK(got);
    std::optional<Item> want = model_.Get(KeyOf(key_or_item));
    EXPECT_TRUE(got->item == want)
        << "GetItem " << Str(r.key) << ": " << Str(got->item) << " want " << Str(want);
  }

  // ---- Reads ----

  // A random sort-key condition on `attribute` over `pool`, appended to
  // `text`; returns the model's test for a sort key value. Sets `invalid`
  // when DynamoDB must refuse it (BETWEEN with bounds reversed).
  std::function<bool(const AttributeValue&)> SortCondition(const std::string& attribute,
                                                           const std::vector<std::string>& pool,
                                                           bool numeric, Values* values,
                                                           std::string* text, bool* invalid) {
    auto value = [&](const std::string& s) { return numeric ? N(s) : S(s); };
    auto less = [numeric](const AttributeValue& a, const AttributeValue& b) {
      return numeric ? a.n() < b.n() : a.s() < b.s();
    };
    const SortOp op = static_cast<SortOp>(Pick(numeric ? 7 : 8));
    AttributeValue x = value(OneOf(pool));
    auto cmp = [&](const char* symbol) {
      *text += " AND " + attribute + " " + symbol + " " + values->Add(x);
    };
    switch (op) {
      case SortOp::kNone:
        return [](const AttributeValue&) { return true; };
      case SortOp::kEq:
        cmp("=");
        return [=](const AttributeValue& a) { return !less(a, x) && !less(x, a); };
      case SortOp::kLt:
        cmp("<");
        return [=](const AttributeValue& a) { return less(a, x); };
      case SortOp::kLe:
        cmp("<=");
        return [=](const AttributeValue& a) { return !less(x, a); };
      case SortOp::kGt:
        cmp(">");
        return [=](const AttributeValue& a) { return less(x, a); };
      case SortOp::kGe:
        cmp(">=");
        return [=](const AttributeValue& a) { return !less(a, x); };
      case SortOp::kBetween: {
        AttributeValue y = value(OneOf(pool));
        if (less(y, x) && Chance(80)) std::swap(x, y);
        *invalid = less(y, x);
        *text += " AND " + attribute + " BETWEEN " + values->Add(x) + " AND " + values->Add(y);
        return [=](const AttributeValue& a) { return !less(a, x) && !less(y, a); };
      }
      case SortOp::kBeginsWith: {
        std::string prefix = Chance(50) ? "l" : OneOf(pool);
        *text += " AND begins_with(" + attribute + ", " + values->Add(S(prefix)) + ")";
        return [=](const AttributeValue& a) { return a.s().rfind(prefix, 0) == 0; };
      }
    }
    return nullptr;
  }

  // A random filter on v (projected into every index), or none.
  std::function<bool(const Item&)> RandomFilter(Values* values, api::ReadParams* read) {
    switch (Pick(5)) {
      case 0:
        read->filter_expression = "attribute_exists(v)";
        return [](const Item& item) { return Has(item, "v"); };
      case 1: {
        AttributeValue x = N(OneOf(kVs));
        read->filter_expression = "v >= " + values->Add(x);
        return [=](const Item& item) { return Has(item, "v") && !(item.at("v").n() < x.n()); };
      }
      default:
        return nullptr;
    }
  }

  // Runs `q` page by page and checks each page against `want` (the
  // entries in read order, before filtering): every page reads exactly the
  // next Limit entries, returns those passing the filter, and ends with a
  // LastEvaluatedKey naming its last entry.
  void CheckQueryPages(api::QueryRequest q, const std::vector<Item>& want,
                       const std::function<bool(const Item&)>& filter,
                       const std::function<Item(const Item&)>& entry_key) {
    const bool count_only = q.read.select == api::Select::kCount;
    const size_t limit = q.read.limit ? static_cast<size_t>(*q.read.limit) : SIZE_MAX;
    size_t pos = 0;
    for (int page = 0; page <= static_cast<int>(want.size()) + 1; ++page) {
      SCOPED_TRACE("page " + std::to_string(page));
      auto got = db_->Query(q);
      ASSERT_OK(got);
      const size_t scanned = std::min(limit, want.size() - pos);
      std::vector<Item> expected;
      for (size_t i = pos; i < pos + scanned; ++i) {
        if (!filter || filter(want[i])) expected.push_back(want[i]);
      }
      EXPECT_EQ(got->scanned_count, static_cast<int64_t>(scanned));
      EXPECT_EQ(got->count, static_cast<int64_t>(expected.size()));
      if (count_only) {
        EXPECT_TRUE(got->items.empty());
      } else {
        EXPECT_TRUE(got->items == expected)
            << "items:" << Str(got->items) << "\nwant:" << Str(expected);
      }
      pos += scanned;
      if (!got->last_evaluated_key) {
        EXPECT_EQ(pos, want.size()) << "no LastEvaluatedKey before the end";
        return;
      }
      // DynamoDB may end a full last page with a key; the next page is empty.
      ASSERT_GT(scanned, 0u) << "LastEvaluatedKey on an empty page";
      EXPECT_TRUE(*got->last_evaluated_key == entry_key(want[pos - 1]))
          << "LastEvaluatedKey " << Str(*got->last_evaluated_key) << " want "
          << Str(entry_key(want[pos - 1]));
      if (::testing::Test::HasFailure()) return;
      q.read.exclusive_start_key = got->last_evaluated_key;
    }
    ADD_FAILURE() << "Query did not finish paging";
  }

  void SetReadShape(api::QueryRequest* q) {
    q->scan_index_forward = Chance(50);
    if (Chance(60)) q->read.limit = 1 + static_cast<int64_t>(Pick(5));
    if (Chance(10)) q->read.select = api::Select::kCount;
  }

  void DoQueryTable() {
    api::QueryRequest q;
    q.read.table_name = kTable;
    Values values;
    const std::string pk = OneOf(kPks);
    std::string text = "pk = " + values.Add(S(pk));
    bool invalid = false;
    auto sort_ok = SortCondition("sk", kSks, true, &values, &text, &invalid);
    auto filter = RandomFilter(&values, &q.read);
    q.key_condition_expression = text;
    q.read.consistent_read = Chance(50);
    SetReadShape(&q);
    q.read.expression.expression_attribute_values = values.Get();
    SCOPED_TRACE("Query table [" + text + "] filter [" + q.read.filter_expression.value_or("") +
                 "] forward " + std::to_string(q.scan_index_forward) + " limit " +
                 std::to_string(q.read.limit.value_or(0)));
    if (invalid) {
      EXPECT_EQ(OutcomeOf(db_->Query(q)), Outcome::kInvalid);
      return;
    }
    std::vector<Item> want;  // ascending by sk: the map's order within a pk
    for (const auto& [key, item] : model_.items) {
      if (key.first == pk && sort_ok(item.at("sk"))) want.push_back(item);
    }
    if (!q.scan_index_forward) std::reverse(want.begin(), want.end());
    CheckQueryPages(q, want, filter, [](const Item& item) {
      return Item{{"pk", item.at("pk")}, {"sk", item.at("sk")}};
    });
  }

  void DoQueryGsi() {
    api::QueryRequest q;
    q.read.table_name = kTable;
    q.read.index_name = kGsi;
    Values values;
    const std::string g = OneOf(kGs);
    std::string text = "g = " + values.Add(S(g));
    bool invalid = false;
    auto sort_ok = SortCondition("h", kHs, true, &values, &text, &invalid);
    auto filter = RandomFilter(&values, &q.read);
    q.key_condition_expression = text;
    SetReadShape(&q);
    q.read.expression.expression_attribute_values = values.Get();
    SCOPED_TRACE("Query GSI [" + text + "] filter [" + q.read.filter_expression.value_or("") +
                 "] forward " + std::to_string(q.scan_index_forward) + " limit " +
                 std::to_string(q.read.limit.value_or(0)));
    if (invalid) {
      EXPECT_EQ(OutcomeOf(db_->Query(q)), Outcome::kInvalid);
      return;
    }
    std::vector<Item> want;
    for (const auto& [key, item] : model_.items) {
      if (Model::InGsi(item) && item.at("g").s() == g && sort_ok(item.at("h"))) {
        want.push_back(item);
      }
    }
    // Index keys repeat; the engine orders entries with equal index keys by
    // the table key, which is also what makes paging through them exact.
    std::stable_sort(want.begin(), want.end(),
                     [](const Item& a, const Item& b) { return a.at("h").n() < b.at("h").n(); });
    if (!q.scan_index_forward) std::reverse(want.begin(), want.end());
    CheckQueryPages(q, want, filter, [](const Item& item) {
      return Item{
          {"pk", item.at("pk")}, {"sk", item.at("sk")}, {"g", item.at("g")}, {"h", item.at("h")}};
    });
  }

  void DoQueryLsi() {
    api::QueryRequest q;
    q.read.table_name = kTable;
    q.read.index_name = kLsi;
    Values values;
    const std::string pk = OneOf(kPks);
    std::string text = "pk = " + values.Add(S(pk));
    bool invalid = false;
    auto sort_ok = SortCondition("l", kLs, false, &values, &text, &invalid);
    auto filter = RandomFilter(&values, &q.read);
    q.key_condition_expression = text;
    q.read.consistent_read = Chance(50);
    SetReadShape(&q);
    if (q.read.select == api::Select::kDefault && Chance(20)) {
      q.read.select = api::Select::kAllProjectedAttributes;
    }
    q.read.expression.expression_attribute_values = values.Get();
    SCOPED_TRACE("Query LSI [" + text + "] filter [" + q.read.filter_expression.value_or("") +
                 "] forward " + std::to_string(q.scan_index_forward) + " limit " +
                 std::to_string(q.read.limit.value_or(0)));
    if (invalid) {
      EXPECT_EQ(OutcomeOf(db_->Query(q)), Outcome::kInvalid);
      return;
    }
    std::vector<Item> want;
    for (const auto& [key, item] : model_.items) {
      if (key.first == pk && Model::InLsi(item) && sort_ok(item.at("l"))) {
        want.push_back(Model::LsiEntry(item));
      }
    }
    std::stable_sort(want.begin(), want.end(),
                     [](const Item& a, const Item& b) { return a.at("l").s() < b.at("l").s(); });
    if (!q.scan_index_forward) std::reverse(want.begin(), want.end());
    CheckQueryPages(q, want, filter, [](const Item& item) {
      return Item{{"pk", item.at("pk")}, {"sk", item.at("sk")}, {"l", item.at("l")}};
    });
  }

  // The entries a full read of the table or an index must return, by table key.
  std::map<Key, Item> Expected(const std::optional<std::string>& index) const {
    std::map<Key, Item> out;
    for (const auto& [key, item] : model_.items) {
      if (!index) {
        out.emplace(key, item);
      } else if (*index == kGsi && Model::InGsi(item)) {
        out.emplace(key, item);
      } else if (*index == kLsi && Model::InLsi(item)) {
        out.emplace(key, Model::LsiEntry(item));
      }
    }
    return out;
  }

  // Scans the table or an index, in `segments` parallel segments read one
  // after another, each page by page; checks that the pages together hold
  // every expected entry exactly once.
  void CheckScan(const std::optional<std::string>& index, int segments,
                 std::optional<int64_t> limit, bool filtered) {
    SCOPED_TRACE("Scan " + index.value_or("table") + " segments " + std::to_string(segments) +
                 " limit " + std::to_string(limit.value_or(0)) + (filtered ? " filtered" : ""));
    std::map<Key, Item> want = Expected(index);
    // Limit counts entries read, filtered or not: this many pages at most.
    const int max_pages = static_cast<int>(want.size()) + 2;
    if (filtered) std::erase_if(want, [](const auto& entry) { return !Has(entry.second, "v"); });
    std::map<Key, Item> got;
    for (int segment = 0; segment < segments; ++segment) {
      api::ScanRequest s;
      s.read.table_name = kTable;
      s.read.index_name = index;
      s.read.limit = limit;
      s.read.consistent_read = !index || *index != kGsi ? Chance(50) : false;
      if (filtered) s.read.filter_expression = "attribute_exists(v)";
      if (segments > 1 || Chance(20)) {
        s.segment = segment;
        s.total_segments = segments;
      }
      for (int page = 0;; ++page) {
        ASSERT_LE(page, max_pages) << "Scan did not finish paging";
        auto r = db_->Scan(s);
        ASSERT_OK(r);
        EXPECT_EQ(r->count, static_cast<int64_t>(r->items.size()));
        if (limit) {
          EXPECT_LE(r->scanned_count, *limit);
        }
        for (const auto& item : r->items) {
          if (!got.emplace(KeyOf(item), item).second) {
            ADD_FAILURE() << "returned twice: " << Str(item);
          }
        }
        if (!r->last_evaluated_key) break;
        if (limit) {
          EXPECT_EQ(r->scanned_count, *limit) << "page ended early";
        }
        if (!filtered) {
          ASSERT_FALSE(r->items.empty());
          const Item& last = r->items.back();
          Item key{{"pk", last.at("pk")}, {"sk", last.at("sk")}};
          if (index == std::optional<std::string>(kGsi)) {
            key.emplace("g", last.at("g"));
            key.emplace("h", last.at("h"));
          } else if (index) {
            key.emplace("l", last.at("l"));
          }
          EXPECT_TRUE(key == *r->last_evaluated_key)
              << "LastEvaluatedKey " << Str(*r->last_evaluated_key) << " want " << Str(key);
        }
        if (::testing::Test::HasFailure()) return;
        s.read.exclusive_start_key = r->last_evaluated_key;
      }
    }
    if (got != want) {
      std::vector<Item> g, w;
      for (auto& [k, v] : got) g.push_back(v);
      for (auto& [k, v] : want) w.push_back(v);
      ADD_FAILURE() << "scan returned:" << Str(g) << "\nwant:" << Str(w);
    }
  }

  void DoScan() {
    static const std::vector<std::optional<std::string>> kTargets = {std::nullopt, kGsi, kLsi};
    const auto& index = OneOf(kTargets);
    const int segments = Chance(40) ? 1 + static_cast<int>(Pick(4)) : 1;
    std::optional<int64_t> limit;
    if (Chance(70)) limit = 1 + static_cast<int64_t>(Pick(6));
    CheckScan(index, segments, limit, Chance(20));
  }

  // Item counts the engine keeps for the table and each index.
  void CheckCounts() {
    auto d = db_->DescribeTable({kTable});
    ASSERT_OK(d);
    EXPECT_EQ(d->item_count, static_cast<int64_t>(model_.items.size()));
    ASSERT_EQ(d->global_secondary_indexes.size(), 1u);
    ASSERT_EQ(d->local_secondary_indexes.size(), 1u);
    EXPECT_EQ(d->global_secondary_indexes[0].item_count,
              static_cast<int64_t>(Expected(std::string(kGsi)).size()));
    EXPECT_EQ(d->local_secondary_indexes[0].item_count,
              static_cast<int64_t>(Expected(std::string(kLsi)).size()));
  }

  // ---- The stream ----

  std::string TrimHorizon() {
    auto it = db_->GetShardIterator(
        {stream_arn_, shard_id_, api::ShardIteratorType::kTrimHorizon, std::nullopt});
    EXPECT_OK(it);
    if (!it.ok() || !it->shard_iterator) {
      ADD_FAILURE() << "no TRIM_HORIZON iterator";
      return "";
    }
    return *it->shard_iterator;
  }

  // GetRecords' Limit: small pages as often as large ones, so that pages
  // end everywhere in the history.
  int64_t RecordsLimit() {
    const uint64_t r = reader_rng_();
    switch (r % 3) {
      case 0:
        return 1 + static_cast<int64_t>((r / 3) % 3);
      case 1:
        return 1 + static_cast<int64_t>((r / 3) % 50);
      default:
        return 1 + static_cast<int64_t>((r / 3) % 1000);
    }
  }

  // Reads from *iterator until a page comes back empty, and leaves
  // *iterator where the next read goes on. With every write stored and
  // nothing written meanwhile, an empty page is the end of the shard so far.
  // Gives up after `expected` + 2 pages, so that a stream holding more
  // records than expected still ends (and fails the count).
  std::vector<api::Record> ReadStream(std::string* iterator, size_t expected) {
    std::vector<api::Record> out;
    for (size_t page = 0; page <= expected + 1; ++page) {
      api::GetRecordsRequest get{*iterator, RecordsLimit()};
      auto got = db_->GetRecords(get);
      EXPECT_OK(got);
      if (!got.ok()) return out;
      EXPECT_LE(got->records.size(), static_cast<size_t>(*get.limit));
      // The shard is open: there is always an iterator to go on from.
      if (!got->next_shard_iterator) {
        ADD_FAILURE() << "no NextShardIterator on an open shard";
        return out;
      }
      *iterator = *got->next_shard_iterator;
      if (got->records.empty()) return out;
      for (auto& record : got->records) out.push_back(std::move(record));
    }
    ADD_FAILURE() << "GetRecords did not reach an empty page";
    return out;
  }

  // Checks that `records` replay the model's history from entry `from`,
  // with sequence numbers increasing from `after` (empty: none before).
  void ExpectHistory(const std::vector<api::Record>& records, size_t from, std::string after) {
    const auto& history = model_.history;
    EXPECT_EQ(records.size(), history.size() - from) << "records read from history entry " << from;
    for (size_t i = 0; i < records.size() && from + i < history.size(); ++i) {
      const api::Record& got = records[i];
      const Model::Change& want = history[from + i];
      const api::StreamRecord& d = got.dynamodb;
      const bool same = d.keys == want.keys && got.event_name == want.event &&
                        d.old_image == want.old_image && d.new_image == want.new_image &&
                        d.stream_view_type == model::StreamViewType::kNewAndOldImages &&
                        !got.user_identity.has_value();
      if (!same) {
        // Stop at the first: a missing or extra record shifts all after it.
        ADD_FAILURE() << "stream record " << from + i << " (sequence " << d.sequence_number
                      << "):\n  " << EventText(got.event_name) << " " << Str(d.keys) << "\n  old "
                      << Str(d.old_image) << "\n  new " << Str(d.new_image) << "\nwant:\n  "
                      << EventText(want.event) << " " << Str(want.keys) << "\n  old "
                      << Str(want.old_image) << "\n  new " << Str(want.new_image);
        return;
      }
      if (!IsDecimal(d.sequence_number) ||
          (!after.empty() && !SequenceLess(after, d.sequence_number))) {
        ADD_FAILURE() << "stream record " << from + i << ": sequence number " << d.sequence_number
                      << " after " << after;
        return;
      }
      after = d.sequence_number;
    }
  }

  // The reader that follows the tail reads on from where it stopped: it
  // must find exactly the changes made since, across reopens too.
  void CheckStreamTail() {
    SCOPED_TRACE("stream tail from history entry " + std::to_string(tail_sequences_.size()));
    const size_t from = tail_sequences_.size();
    auto records =
        ReadStream(&tail_iterator_, model_.history.size() - std::min(from, model_.history.size()));
    ExpectHistory(records, from, from ? tail_sequences_.back() : "");
    for (const auto& record : records) tail_sequences_.push_back(record.dynamodb.sequence_number);
  }

  // A new reader at TRIM_HORIZON finds the whole history, each record with
  // the number the tail reader saw it under: numbers never change.
  void CheckStreamFromHorizon() {
    SCOPED_TRACE("stream from TRIM_HORIZON");
    std::string iterator = TrimHorizon();
    if (iterator.empty()) return;
    auto records = ReadStream(&iterator, model_.history.size());
    ExpectHistory(records, 0, "");
    for (size_t i = 0; i < records.size() && i < tail_sequences_.size(); ++i) {
      if (records[i].dynamodb.sequence_number != tail_sequences_[i]) {
        ADD_FAILURE() << "stream record " << i << " is numbered "
                      << records[i].dynamodb.sequence_number << ", was " << tail_sequences_[i];
        return;
      }
    }
  }

  void CheckEverything() {
    CheckScan(std::nullopt, 1, std::nullopt, false);
    CheckScan(std::string(kGsi), 1, std::nullopt, false);
    CheckScan(std::string(kLsi), 1, std::nullopt, false);
    CheckCounts();
    CheckStreamTail();
  }

  testing::TempDir dir_;
  std::unique_ptr<engine::EmbeddedDynamoDb> db_;
  Model model_;
  std::mt19937_64 rng_;
  std::mt19937_64 reader_rng_;
  std::string stream_arn_;
  std::string shard_id_;
  std::string tail_iterator_;
  std::vector<std::string> tail_sequences_;  // of the records the tail reader has read
};

int StepsPerSeed() {
  const char* env = std::getenv("ORDERTRACK_MODEL_STEPS");
  return env != nullptr ? std::atoi(env) : 3000;
}

TEST_P(EngineModelTest, RandomOperationsMatchTheModel) {
  const int steps = StepsPerSeed();
  for (int step = 0; step < steps; ++step) {
    SCOPED_TRACE("seed " + std::to_string(GetParam()) + " step " + std::to_string(step));
    const size_t op = Pick(100);
    if (op < 20) {
      DoPut();
    } else if (op < 45) {
      DoUpdate();
    } else if (op < 55) {
      DoDelete();
    } else if (op < 60) {
      DoTransaction();
    } else if (op < 63) {
      DoBatchWrite();
    } else if (op < 66) {
      ExpectGet(RandomKey());
    } else if (op < 74) {
      DoQueryTable();
    } else if (op < 82) {
      DoQueryGsi();
    } else if (op < 89) {
      DoQueryLsi();
    } else if (op < 99) {
      DoScan();
    } else {
      // Close and reopen on the same directory: everything must survive.
      Open();
      if (HasFailure()) return;
      CheckEverything();
    }
    // After every step the whole table matches; indexes and counters now and then.
    CheckScan(std::nullopt, 1, std::nullopt, false);
    if (step % 50 == 49) CheckEverything();
    if (step % 1000 == 999) CheckStreamFromHorizon();
    if (HasFailure()) return;
  }
  Open();
  if (HasFailure()) return;
  CheckEverything();
  CheckStreamFromHorizon();
}

INSTANTIATE_TEST_SUITE_P(Seeds, EngineModelTest, ::testing::Values(1u, 2u, 3u));

}  // namespace
}  // namespace ordertrack
