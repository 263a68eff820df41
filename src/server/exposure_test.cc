#include "server/exposure.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ordertrack::server {
namespace {

using ::testing::HasSubstr;

TEST(ExposureTest, LoopbackAddresses) {
  for (const char* a : {"127.0.0.1", "127.1.2.3", "127.255.255.254", "::1", "[::1]",
                        "::ffff:127.0.0.1", "localhost"}) {
    EXPECT_TRUE(IsLoopbackAddress(a)) << a;
  }
  for (const char* a : {"0.0.0.0", "::", "10.0.0.1", "192.168.1.20", "128.0.0.1", "::2",
                        "::ffff:10.0.0.1", "fe80::1", "example.com", "", "127.0.0.1:80"}) {
    EXPECT_FALSE(IsLoopbackAddress(a)) << a;
  }
}

TEST(ExposureTest, OnlyRequestsNamingThisMachineComeFromIt) {
  EXPECT_TRUE(ComesFromThisMachine("127.0.0.1:8010", ""));
  EXPECT_TRUE(ComesFromThisMachine("localhost:8010", "http://localhost:8010"));
  EXPECT_TRUE(ComesFromThisMachine("[::1]:8010", "https://127.0.0.1"));
  EXPECT_TRUE(ComesFromThisMachine("", ""));
  EXPECT_FALSE(ComesFromThisMachine("evil.example:8010", ""));  // DNS rebinding
  EXPECT_FALSE(
      ComesFromThisMachine("127.0.0.1:8010", "https://evil.example"));  // a cross-site POST
  EXPECT_FALSE(ComesFromThisMachine("127.0.0.1:8010", "null"));
  EXPECT_FALSE(ComesFromThisMachine("127.0.0.1.evil.example", ""));
}

TEST(ExposureTest, LoopbackRunsOpenAndSaysWhatIsOpen) {
  Exposure e = DecideExposure({.address = "127.0.0.1"});
  EXPECT_TRUE(e.allowed);
  EXPECT_THAT(e.line, HasSubstr("open to anyone on this machine"));
  EXPECT_THAT(e.line, HasSubstr("REST API"));
  EXPECT_THAT(e.line, HasSubstr("DynamoDB API"));
  EXPECT_FALSE(e.health_warning);
  EXPECT_TRUE(e.guard_loopback);
  e = DecideExposure({.address = "127.0.0.1", .rest_keys_exist = true});
  EXPECT_THAT(e.line, ::testing::Not(HasSubstr("REST API")));
  EXPECT_THAT(e.line, HasSubstr("no --credentials"));
}

TEST(ExposureTest, ElsewhereOnlyProtectedOrInsecure) {
  for (auto [keys, credentials] :
       {std::pair{false, false}, std::pair{true, false}, std::pair{false, true}}) {
    Exposure refused = DecideExposure(
        {.address = "0.0.0.0", .rest_keys_exist = keys, .dynamodb_credentials = credentials});
    EXPECT_FALSE(refused.allowed);
    EXPECT_THAT(refused.line, HasSubstr("--insecure"));
    Exposure insecure = DecideExposure({.address = "0.0.0.0",
                                        .rest_keys_exist = keys,
                                        .dynamodb_credentials = credentials,
                                        .insecure = true});
    EXPECT_TRUE(insecure.allowed);
    EXPECT_THAT(insecure.line, ::testing::StartsWith("WARNING: --insecure"));
    ASSERT_TRUE(insecure.health_warning);
    EXPECT_FALSE(insecure.guard_loopback);
  }
  Exposure protected_both = DecideExposure(
      {.address = "10.0.0.5", .rest_keys_exist = true, .dynamodb_credentials = true});
  EXPECT_TRUE(protected_both.allowed);
  EXPECT_FALSE(protected_both.health_warning);
  EXPECT_THAT(protected_both.line, HasSubstr("needs API keys"));
  EXPECT_THAT(protected_both.line, HasSubstr("WARNING: without --tls-cert"));
  Exposure with_tls = DecideExposure(
      {.address = "10.0.0.5", .rest_keys_exist = true, .dynamodb_credentials = true, .tls = true});
  EXPECT_THAT(with_tls.line, ::testing::Not(HasSubstr("WARNING")));
  Exposure on_loopback = DecideExposure(
      {.address = "127.0.0.1", .rest_keys_exist = true, .dynamodb_credentials = true});
  EXPECT_THAT(on_loopback.line, ::testing::Not(HasSubstr("WARNING")));
}

}  // namespace
}  // namespace ordertrack::server
