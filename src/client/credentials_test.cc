#include "client/credentials.h"

#include <gtest/gtest.h>

#include <fstream>

#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace ordertrack::client {
namespace {

using base::ErrorCode;
using ordertrack::testing::StatusIs;
using ::testing::HasSubstr;

class CredentialsTest : public ::testing::Test {
 protected:
  void Write(const std::string& name, const std::string& text) {
    std::ofstream(dir_.Sub(name)) << text;
  }
  // An environment whose HOME is the temp dir, so ~/.aws/ files are ours.
  Environment Env(Environment extra = {}) {
    extra.emplace("HOME", dir_.path());
    return extra;
  }
  void WriteHomeFiles(const std::string& credentials, const std::string& config) {
    std::filesystem::create_directories(dir_.Sub(".aws"));
    Write(".aws/credentials", credentials);
    Write(".aws/config", config);
  }

  ordertrack::testing::TempDir dir_;
};

constexpr char kCredentialsFile[] = R"(# comment
[default]
aws_access_key_id = AKIDDEFAULT
aws_secret_access_key=secretdefault

[work]
aws_access_key_id = AKIDWORK
aws_secret_access_key = secretwork
aws_session_token = tokenwork
  ; indented comment
)";

constexpr char kConfigFile[] = R"([default]
region = eu-west-1

[profile work]
region = ap-south-1
ca_bundle = /etc/work-ca.pem
s3 =
  max_concurrent_requests = 20

[profile configonly]
aws_access_key_id = AKIDCONFIG
aws_secret_access_key = secretconfig
region = us-west-2
)";

TEST_F(CredentialsTest, EnvironmentComesFirst) {
  WriteHomeFiles(kCredentialsFile, kConfigFile);
  auto found = ResolveCredentials(Env({{"AWS_ACCESS_KEY_ID", "AKIDENV"},
                                       {"AWS_SECRET_ACCESS_KEY", "secretenv"},
                                       {"AWS_SESSION_TOKEN", "tokenenv"},
                                       {"AWS_PROFILE", "work"}}));
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->access_key_id, "AKIDENV");
  EXPECT_EQ((*found)->secret_access_key, "secretenv");
  EXPECT_EQ((*found)->session_token, "tokenenv");
}

TEST_F(CredentialsTest, PartialEnvironmentIsAnError) {
  EXPECT_THAT(ResolveCredentials(Env({{"AWS_ACCESS_KEY_ID", "AKIDENV"}})),
              StatusIs(ErrorCode::kValidation, HasSubstr("AWS_SECRET_ACCESS_KEY")));
}

TEST_F(CredentialsTest, SharedFileDefaultAndNamedProfiles) {
  WriteHomeFiles(kCredentialsFile, kConfigFile);
  auto found = ResolveCredentials(Env());
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->access_key_id, "AKIDDEFAULT");
  EXPECT_EQ((*found)->secret_access_key, "secretdefault");
  EXPECT_EQ((*found)->session_token, "");

  found = ResolveCredentials(Env({{"AWS_PROFILE", "work"}}));
  ASSERT_OK(found);
  EXPECT_EQ((*found)->access_key_id, "AKIDWORK");
  EXPECT_EQ((*found)->session_token, "tokenwork");

  // Keys only in the config file's [profile NAME] section are found too.
  found = ResolveCredentials(Env({{"AWS_PROFILE", "configonly"}}));
  ASSERT_OK(found);
  EXPECT_EQ((*found)->access_key_id, "AKIDCONFIG");

  EXPECT_THAT(ResolveCredentials(Env({{"AWS_PROFILE", "nope"}})),
              StatusIs(ErrorCode::kValidation, "The config profile (nope) could not be found"));
}

TEST_F(CredentialsTest, FilePathsFromTheEnvironment) {
  Write("creds.ini", "[default]\naws_access_key_id=AKIDFILE\naws_secret_access_key=s\n");
  Write("conf.ini", "[profile x]\nregion = ca-central-1\n");
  auto found = ResolveCredentials(Env({{"AWS_SHARED_CREDENTIALS_FILE", dir_.Sub("creds.ini")}}));
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->access_key_id, "AKIDFILE");
  EXPECT_EQ(ResolveRegion(Env({{"AWS_CONFIG_FILE", dir_.Sub("conf.ini")}, {"AWS_PROFILE", "x"}})),
            "ca-central-1");
}

TEST_F(CredentialsTest, NothingAnywhereIsNoCredentialsAndNoRegion) {
  auto found = ResolveCredentials(Env());
  ASSERT_OK(found);
  EXPECT_FALSE(found->has_value());
  EXPECT_EQ(ResolveRegion(Env()), std::nullopt);
  EXPECT_EQ(ResolveRegion({}), std::nullopt);  // not even HOME
}

TEST_F(CredentialsTest, PartialKeysInAFileAreAnError) {
  WriteHomeFiles("[default]\naws_access_key_id = AKIDONLY\n", "");
  EXPECT_THAT(ResolveCredentials(Env()), StatusIs(ErrorCode::kValidation, HasSubstr("partial")));
}

TEST_F(CredentialsTest, RegionOrder) {
  WriteHomeFiles(kCredentialsFile, kConfigFile);
  EXPECT_EQ(ResolveRegion(Env({{"AWS_REGION", "r1"}, {"AWS_DEFAULT_REGION", "r2"}})), "r1");
  EXPECT_EQ(ResolveRegion(Env({{"AWS_DEFAULT_REGION", "r2"}})), "r2");
  EXPECT_EQ(ResolveRegion(Env()), "eu-west-1");
  EXPECT_EQ(ResolveRegion(Env({{"AWS_PROFILE", "work"}})), "ap-south-1");
  EXPECT_EQ(ResolveRegion(Env({{"AWS_PROFILE", "configonly"}})), "us-west-2");
}

TEST_F(CredentialsTest, CaBundleOrder) {
  WriteHomeFiles(kCredentialsFile, kConfigFile);
  EXPECT_EQ(ResolveCaBundle(Env({{"AWS_CA_BUNDLE", "/tmp/ca.pem"}, {"AWS_PROFILE", "work"}})),
            "/tmp/ca.pem");
  EXPECT_EQ(ResolveCaBundle(Env({{"AWS_PROFILE", "work"}})), "/etc/work-ca.pem");
  EXPECT_EQ(ResolveCaBundle(Env()), std::nullopt);
  EXPECT_EQ(ResolveCaBundle({}), std::nullopt);
}

TEST(ProcessEnvironmentTest, ReadsTheRealEnvironment) {
  setenv("ORDERTRACK_CLIENT_TEST_VAR", "a=b", 1);
  Environment env = ProcessEnvironment();
  EXPECT_EQ(env["ORDERTRACK_CLIENT_TEST_VAR"], "a=b");
}

}  // namespace
}  // namespace ordertrack::client
