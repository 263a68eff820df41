#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "access/authenticator.h"
#include "access/key_store.h"
#include "access/token.h"
#include "base/strings.h"
#include "engine/embedded_dynamodb.h"
#include "engine/group_commit_dynamodb.h"
#include "engine/write_group.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace ordertrack::access {
namespace {

using ::ordertrack::testing::StatusIs;
using Clock = std::chrono::steady_clock;

TEST(TokenTest, NewTokensParseBackAndDiffer) {
  auto a = NewToken();
  auto b = NewToken();
  ASSERT_OK(a);
  ASSERT_OK(b);
  EXPECT_EQ(a->text.size(), kTokenLength);
  EXPECT_TRUE(a->text.starts_with("ot_"));
  EXPECT_NE(a->text, b->text);
  auto parsed = ParseToken(a->text);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->key_id, a->key_id);
  EXPECT_EQ(parsed->secret, a->secret);
}

TEST(TokenTest, OnlyTokensOfOurFormParse) {
  std::string good = NewToken()->text;
  EXPECT_FALSE(ParseToken(""));
  EXPECT_FALSE(ParseToken(good.substr(1)));
  EXPECT_FALSE(ParseToken(good + "0"));
  EXPECT_FALSE(ParseToken("xx" + good.substr(2)));
  std::string upper = good;
  upper[5] = 'G';
  EXPECT_FALSE(ParseToken(upper));
  std::string no_separator = good;
  no_separator[kTokenPrefix.size() + kKeyIdLength] = '0';
  EXPECT_FALSE(ParseToken(no_separator));
}

TEST(TokenTest, DigestIsSha256) {
  SecretDigest abc = DigestOf("abc").value();
  EXPECT_EQ(
      base::HexEncode(std::string_view(reinterpret_cast<const char*>(abc.data()), abc.size())),
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(TokenTest, DigestsCompareWhole) {
  SecretDigest a = DigestOf("secret").value();
  SecretDigest b = a;
  EXPECT_TRUE(DigestsEqual(a, b));
  b[31] ^= 1;
  EXPECT_FALSE(DigestsEqual(a, b));
  EXPECT_FALSE(DigestsEqual(a, DigestOf("secreu").value()));
}

TEST(RoleTest, EachRoleMayWhatTheOnesBeforeItMay) {
  EXPECT_TRUE(Grants(Role::kAdmin, Role::kWriter));
  EXPECT_TRUE(Grants(Role::kWriter, Role::kReader));
  EXPECT_TRUE(Grants(Role::kReader, Role::kReader));
  EXPECT_FALSE(Grants(Role::kReader, Role::kWriter));
  EXPECT_FALSE(Grants(Role::kWriter, Role::kAdmin));
  for (Role r : {Role::kReader, Role::kWriter, Role::kAdmin})
    EXPECT_EQ(RoleFromWord(RoleWord(r)), r);
  EXPECT_EQ(RoleFromWord("root"), std::nullopt);
}

TEST(RoleTest, KeyNames) {
  EXPECT_TRUE(IsKeyName("shop-frontend"));
  EXPECT_TRUE(IsKeyName("a"));
  EXPECT_TRUE(IsKeyName("Ops_2.x"));
  EXPECT_TRUE(IsKeyName(std::string(64, 'k')));
  EXPECT_FALSE(IsKeyName(""));
  EXPECT_FALSE(IsKeyName(std::string(65, 'k')));
  EXPECT_FALSE(IsKeyName("-leading"));
  EXPECT_FALSE(IsKeyName("cli:root"));
  EXPECT_FALSE(IsKeyName("has space"));
  EXPECT_FALSE(IsKeyName("slash/es"));
}

class KeysTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto db = engine::EmbeddedDynamoDb::Open(dir_.path());
    ASSERT_OK(db);
    db_ = std::move(db).value();
    KeyStoreOptions options;
    options.now = [this] { return wall_; };
    keys_ = std::make_unique<KeyStore>(*db_, options);
    AuthenticatorOptions auth_options;
    auth_options.steady_now = [this] { return steady_; };
    auth_ = std::make_unique<Authenticator>(*keys_, auth_options);
  }

  std::string Bearer(const std::string& token) { return "Bearer " + token; }
  Verdict VerdictOf(std::string_view header) {
    auto caller = auth_->Authenticate(header);
    EXPECT_OK(caller);
    return caller.ok() ? caller->verdict : Verdict::kMissing;
  }

  ordertrack::testing::TempDir dir_;
  std::unique_ptr<engine::EmbeddedDynamoDb> db_;
  int64_t wall_ = 1'700'000'000'000'000;
  Clock::time_point steady_ = Clock::time_point(std::chrono::hours(1));
  std::unique_ptr<KeyStore> keys_;
  std::unique_ptr<Authenticator> auth_;
};

TEST_F(KeysTest, CreatedKeysAreListedWithoutTheirSecret) {
  auto created = keys_->Create("frontend", Role::kWriter);
  ASSERT_OK(created);
  EXPECT_EQ(created->info, (KeyInfo{"frontend", Role::kWriter, wall_, {}, {}}));
  ASSERT_OK(keys_->Create("auditor", Role::kReader));
  auto listed = keys_->List();
  ASSERT_OK(listed);
  ASSERT_EQ(listed->size(), 2u);
  EXPECT_EQ((*listed)[0].name, "auditor");
  EXPECT_EQ((*listed)[1], created->info);

  // The table holds the digest, never the token or its secret.
  api::ScanRequest scan;
  scan.read.table_name = "purchase_keys";
  auto items = db_->Scan(scan);
  ASSERT_OK(items);
  std::string secret(ParseToken(created->token)->secret);
  for (const model::Item& item : items->items) {
    for (const auto& [name, value] : item) {
      if (value.is(model::Type::kS)) {
        EXPECT_EQ(value.s().find(secret), std::string::npos) << name;
      }
    }
  }
}

TEST_F(KeysTest, NamesAreUniqueAndChecked) {
  ASSERT_OK(keys_->Create("frontend", Role::kWriter));
  EXPECT_THAT(
      keys_->Create("frontend", Role::kAdmin),
      StatusIs(base::ErrorCode::kConditionalCheckFailed, "a key named frontend already exists"));
  ASSERT_OK(keys_->Revoke("frontend"));
  EXPECT_THAT(
      keys_->Create("frontend", Role::kAdmin),
      StatusIs(base::ErrorCode::kConditionalCheckFailed, "a key named frontend already exists"));
  EXPECT_EQ(keys_->Create("bad name", Role::kAdmin).status().code(), base::ErrorCode::kValidation);
  EXPECT_EQ(keys_->List()->size(), 1u);
}

TEST_F(KeysTest, RevokingKeepsTheFirstRevocationTime) {
  ASSERT_OK(keys_->Create("frontend", Role::kWriter));
  wall_ += 1000;
  auto revoked = keys_->Revoke("frontend");
  ASSERT_OK(revoked);
  EXPECT_EQ(revoked->info.revoked, wall_);
  const int64_t first = wall_;
  wall_ += 1000;
  EXPECT_EQ(keys_->Revoke("frontend")->info.revoked, first);
  EXPECT_EQ(keys_->Get("frontend")->revoked, first);
  EXPECT_THAT(keys_->Revoke("nobody"),
              StatusIs(base::ErrorCode::kResourceNotFound, "no key named nobody"));
  EXPECT_THAT(keys_->Get("bad name"),
              StatusIs(base::ErrorCode::kResourceNotFound, "no key named bad name"));
}

TEST_F(KeysTest, AnyKeysStaysTrueAfterRevoking) {
  EXPECT_EQ(keys_->AnyKeys().value(), false);
  ASSERT_OK(keys_->Create("frontend", Role::kWriter));
  EXPECT_EQ(keys_->AnyKeys().value(), true);
  ASSERT_OK(keys_->Revoke("frontend"));
  EXPECT_EQ(keys_->AnyKeys().value(), true);
}

TEST_F(KeysTest, AuthenticatesBearerTokens) {
  auto created = keys_->Create("frontend", Role::kWriter);
  ASSERT_OK(created);
  auto caller = auth_->Authenticate(Bearer(created->token));
  ASSERT_OK(caller);
  EXPECT_EQ(caller->verdict, Verdict::kAccepted);
  EXPECT_EQ(caller->name, "frontend");
  EXPECT_EQ(caller->role, Role::kWriter);
  EXPECT_EQ(VerdictOf("bEaReR   " + created->token + " "), Verdict::kAccepted);
}

TEST_F(KeysTest, RefusesWhatIsNotAValidToken) {
  auto created = keys_->Create("frontend", Role::kWriter);
  ASSERT_OK(created);
  EXPECT_EQ(VerdictOf(""), Verdict::kMissing);
  EXPECT_EQ(VerdictOf("Bearer"), Verdict::kMalformed);
  EXPECT_EQ(VerdictOf("Bearer "), Verdict::kMalformed);
  EXPECT_EQ(VerdictOf(created->token), Verdict::kMalformed);
  EXPECT_EQ(VerdictOf("Basic " + created->token), Verdict::kMalformed);
  EXPECT_EQ(VerdictOf(Bearer(created->token + "0")), Verdict::kMalformed);
  EXPECT_EQ(VerdictOf(Bearer(created->token.substr(0, 20))), Verdict::kMalformed);
  EXPECT_EQ(VerdictOf(Bearer(std::string(100000, 'a'))), Verdict::kMalformed);
  // A token of the right form no key has, and this key's id with another secret.
  EXPECT_EQ(VerdictOf(Bearer(NewToken()->text)), Verdict::kUnknown);
  std::string wrong_secret = created->token;
  wrong_secret.back() = wrong_secret.back() == '0' ? '1' : '0';
  EXPECT_EQ(VerdictOf(Bearer(wrong_secret)), Verdict::kUnknown);
}

TEST_F(KeysTest, AnotherStoresKeyIsUnknown) {
  ordertrack::testing::TempDir other_dir;
  auto other_db = engine::EmbeddedDynamoDb::Open(other_dir.path());
  ASSERT_OK(other_db);
  KeyStore other(**other_db);
  auto foreign = other.Create("frontend", Role::kAdmin);
  ASSERT_OK(foreign);
  ASSERT_OK(keys_->Create("frontend", Role::kReader));
  EXPECT_EQ(VerdictOf(Bearer(foreign->token)), Verdict::kUnknown);
}

TEST_F(KeysTest, RevokedHereStopsAtOnceElsewhereWithinTheCacheTime) {
  auto created = keys_->Create("frontend", Role::kWriter);
  ASSERT_OK(created);
  EXPECT_EQ(VerdictOf(Bearer(created->token)), Verdict::kAccepted);
  ASSERT_OK(auth_->Revoke("frontend"));
  EXPECT_EQ(VerdictOf(Bearer(created->token)), Verdict::kRevoked);

  // Another server sharing the store revokes: this one sees it after the TTL.
  auto second = auth_->Create("backend", Role::kWriter);
  ASSERT_OK(second);
  EXPECT_EQ(VerdictOf(Bearer(second->token)), Verdict::kAccepted);
  KeyStore other_server(*db_);
  ASSERT_OK(other_server.Revoke("backend"));
  steady_ += std::chrono::seconds(4);
  EXPECT_EQ(VerdictOf(Bearer(second->token)), Verdict::kAccepted);
  steady_ += std::chrono::seconds(2);
  EXPECT_EQ(VerdictOf(Bearer(second->token)), Verdict::kRevoked);
}

TEST_F(KeysTest, LastUsedIsWrittenOncePerInterval) {
  auto created = keys_->Create("frontend", Role::kReader);
  ASSERT_OK(created);
  EXPECT_EQ(keys_->Get("frontend")->last_used, std::nullopt);
  EXPECT_EQ(VerdictOf(Bearer(created->token)), Verdict::kAccepted);
  const int64_t first = wall_;
  EXPECT_EQ(keys_->Get("frontend")->last_used, first);
  wall_ += 10'000'000;
  steady_ += std::chrono::seconds(10);
  EXPECT_EQ(VerdictOf(Bearer(created->token)), Verdict::kAccepted);
  EXPECT_EQ(keys_->Get("frontend")->last_used, first);
  steady_ += std::chrono::seconds(51);
  EXPECT_EQ(VerdictOf(Bearer(created->token)), Verdict::kAccepted);
  EXPECT_EQ(keys_->Get("frontend")->last_used, wall_);
}

TEST_F(KeysTest, KeysRequiredOnceAnyKeyExistsAndForever) {
  EXPECT_EQ(auth_->KeysRequired().value(), false);
  // A key made by another server shows within the cache time.
  KeyStore other_server(*db_);
  ASSERT_OK(other_server.Create("frontend", Role::kReader));
  EXPECT_EQ(auth_->KeysRequired().value(), false);
  steady_ += std::chrono::seconds(6);
  EXPECT_EQ(auth_->KeysRequired().value(), true);
  // Even a store that loses its keys table does not reopen a running server.
  ASSERT_OK(db_->DeleteTable({"purchase_keys"}));
  steady_ += std::chrono::seconds(6);
  EXPECT_EQ(auth_->KeysRequired().value(), true);
}

TEST_F(KeysTest, ConcurrentRevokeDuringUse) {
  auto created = auth_->Create("frontend", Role::kWriter);
  ASSERT_OK(created);
  std::atomic<bool> revoked{false};
  std::atomic<int> accepted_after_revoke{0};
  std::vector<std::thread> users;
  for (int t = 0; t < 4; ++t) {
    users.emplace_back([&] {
      for (int i = 0; i < 300; ++i) {
        bool was_revoked = revoked;
        auto caller = auth_->Authenticate(Bearer(created->token));
        ASSERT_OK(caller);
        if (was_revoked && caller->verdict == Verdict::kAccepted) ++accepted_after_revoke;
      }
    });
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(2));
  ASSERT_OK(auth_->Revoke("frontend"));
  revoked = true;
  for (auto& t : users) t.join();
  EXPECT_EQ(accepted_after_revoke, 0);
  EXPECT_EQ(VerdictOf(Bearer(created->token)), Verdict::kRevoked);
}

// The server's workers each write through their own group, committed only
// before their answers go out: a revoke on one worker must hold on another
// before that commit, although a read there still sees the old key.
TEST_F(KeysTest, RevokedWhileItsWriteIsPendingInAWriteGroup) {
  engine::GroupCommitDynamoDb grouped(*db_);
  KeyStore keys(grouped);
  AuthenticatorOptions options;
  options.steady_now = [this] { return steady_; };
  Authenticator auth(keys, options);
  auto created = auth.Create("frontend", Role::kWriter);
  ASSERT_OK(created);
  const std::string header = Bearer(created->token);
  auto verdict_on_another_worker = [&] {
    Verdict verdict = Verdict::kMissing;
    std::thread worker([&] {
      grouped.BindToThisThread(&db_->NewWriteGroup());
      auto caller = auth.Authenticate(header);
      if (caller.ok()) verdict = caller->verdict;
      EXPECT_OK(grouped.BoundToThisThread()->Commit());
    });
    worker.join();
    return verdict;
  };
  EXPECT_EQ(verdict_on_another_worker(), Verdict::kAccepted);
  steady_ += std::chrono::seconds(6);  // the cached entry is stale: the next check reads the store

  grouped.BindToThisThread(&db_->NewWriteGroup());
  ASSERT_OK(auth.Revoke("frontend"));
  // The store itself does not have the revocation yet.
  std::thread reader([&] {
    KeyStore direct(*db_);
    auto stored = direct.Find(std::string(ParseToken(created->token)->key_id));
    ASSERT_OK(stored);
    EXPECT_EQ((*stored)->info.revoked, std::nullopt);
  });
  reader.join();
  EXPECT_EQ(verdict_on_another_worker(), Verdict::kRevoked);
  ASSERT_OK(grouped.BoundToThisThread()->Commit());
  EXPECT_EQ(verdict_on_another_worker(), Verdict::kRevoked);
}

}  // namespace
}  // namespace ordertrack::access
