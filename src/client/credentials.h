// File: client/credentials.h
// Where RemoteDynamoDb finds its AWS keys, region and CA bundle: the
// environment, then the shared credentials and config files, in the order
// the AWS CLI and SDKs use. The environment is a parameter, so tests use fake maps and temp files.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "base/result.h"

namespace ordertrack::client {

struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys
};

// Environment variables by name.
using Environment = std::map<std::string, std::string, std::less<>>;

// This process's environment (a copy of `environ`).
Environment ProcessEnvironment();

// The credentials, first found wins:
//  1. AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN);
//  2. the shared credentials file, AWS_SHARED_CREDENTIALS_FILE or
//     $HOME/.aws/credentials, section [<AWS_PROFILE or "default">]:
//     aws_access_key_id, aws_secret_access_key, aws_session_token;
//  3. the config file (AWS_CONFIG_FILE or $HOME/.aws/config), section
//     [profile <name>] ([default] for the default profile), same keys.
// nullopt when none of these has any: requests then go unsigned, which local
// stores accept. ValidationError when only one of the key id and the secret
// is set, or when AWS_PROFILE names a profile that no file has (as the CLI's
// "The config profile (x) could not be found"). Missing files are no error.
base::Result<std::optional<AwsCredentials>> ResolveCredentials(const Environment& env);

// The region: AWS_REGION, then AWS_DEFAULT_REGION, then `region` in the
// config file's profile section (see above). nullopt when none is set.
std::optional<std::string> ResolveRegion(const Environment& env);

// The PEM file of CA certificates to verify HTTPS endpoints with instead of
// the system store (HttpClientOptions::ca_file): AWS_CA_BUNDLE, then
// `ca_bundle` in the config file's profile section, as the AWS CLI reads
// them. nullopt when neither is set.
std::optional<std::string> ResolveCaBundle(const Environment& env);

}  // namespace ordertrack::client
