#include "client/credentials.h"

#include <fstream>
#include <string_view>

#include "base/strings.h"

extern char** environ;  // POSIX: declared by no standard header

namespace ordertrack::client {
namespace {

using Section = std::map<std::string, std::string, std::less<>>;
using IniFile = std::map<std::string, Section, std::less<>>;

// An INI line's blanks; '\r' from a file written on Windows.
std::string_view Trim(std::string_view s) { return base::Trim(s, " \t\r"); }

std::optional<std::string> Get(const Environment& env, std::string_view name) {
  auto it = env.find(name);
  if (it == env.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

// The AWS files are INI: [section] headers, "key = value" lines, full-line
// comments with # or ;. Nested (indented) sub-sections such as s3's are
// skipped, as we need none of them. An unreadable file reads as empty: the
// CLI too treats a missing file as having no profiles.
IniFile ReadIni(const std::string& path) {
  IniFile file;
  std::ifstream in(path);
  std::string line;
  Section* section = nullptr;
  while (std::getline(in, line)) {
    bool indented = !line.empty() && (line[0] == ' ' || line[0] == '\t');
    std::string_view text = Trim(line);
    if (text.empty() || text[0] == '#' || text[0] == ';') continue;
    if (text.front() == '[' && text.back() == ']') {
      section = &file[std::string(Trim(text.substr(1, text.size() - 2)))];
      continue;
    }
    size_t equals = text.find('=');
    if (section == nullptr || indented || equals == std::string_view::npos) continue;
    (*section)[std::string(Trim(text.substr(0, equals)))] =
        std::string(Trim(text.substr(equals + 1)));
  }
  return file;
}

std::string FilePath(const Environment& env, std::string_view variable, std::string_view name) {
  if (auto path = Get(env, variable)) {
    // The SDKs expand a leading ~ in these variables.
    if (path->starts_with("~/")) {
      if (auto home = Get(env, "HOME")) return *home + path->substr(1);
    }
    return *path;
  }
  auto home = Get(env, "HOME");
  return home ? *home + "/.aws/" + std::string(name) : std::string();
}

std::string Profile(const Environment& env) { return Get(env, "AWS_PROFILE").value_or("default"); }

// The config file names profiles "[profile NAME]", except the default one,
// which is "[default]" (a "[profile default]" is accepted too).
const Section* ConfigSection(const IniFile& config, const std::string& profile) {
  if (auto it = config.find("profile " + profile); it != config.end()) return &it->second;
  if (profile == "default") {
    if (auto it = config.find("default"); it != config.end()) return &it->second;
  }
  return nullptr;
}

base::Result<std::optional<AwsCredentials>> FromSection(const Section& section,
                                                        const std::string& where) {
  auto value = [&section](std::string_view key) -> std::string {
    auto it = section.find(key);
    return it == section.end() ? std::string() : it->second;
  };
  AwsCredentials credentials{value("aws_access_key_id"), value("aws_secret_access_key"),
                             value("aws_session_token")};
  if (credentials.access_key_id.empty() && credentials.secret_access_key.empty()) {
    return std::optional<AwsCredentials>();
  }
  if (credentials.access_key_id.empty() || credentials.secret_access_key.empty()) {
    return base::ValidationError("partial credentials in " + where +
                                 ": aws_access_key_id and aws_secret_access_key go together");
  }
  return std::optional<AwsCredentials>(std::move(credentials));
}

// `key` in the profile's section of the config file, unless missing or empty.
std::optional<std::string> ConfigValue(const Environment& env, std::string_view key) {
  IniFile config_file = ReadIni(FilePath(env, "AWS_CONFIG_FILE", "config"));
  if (const Section* section = ConfigSection(config_file, Profile(env))) {
    if (auto it = section->find(key); it != section->end() && !it->second.empty()) {
      return it->second;
    }
  }
  return std::nullopt;
}

}  // namespace

Environment ProcessEnvironment() {
  Environment env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string_view text(*entry);
    size_t equals = text.find('=');
    if (equals == std::string_view::npos) continue;
    env.emplace(std::string(text.substr(0, equals)), std::string(text.substr(equals + 1)));
  }
  return env;
}

base::Result<std::optional<AwsCredentials>> ResolveCredentials(const Environment& env) {
  auto key_id = Get(env, "AWS_ACCESS_KEY_ID");
  auto secret = Get(env, "AWS_SECRET_ACCESS_KEY");
  if (key_id && secret) {
    return std::optional<AwsCredentials>(
        AwsCredentials{*key_id, *secret, Get(env, "AWS_SESSION_TOKEN").value_or("")});
  }
  if (key_id || secret) {
    return base::ValidationError(
        "partial credentials in the environment: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY "
        "must both be set");
  }

  std::string profile = Profile(env);
  bool profile_found = false;
  std::string credentials_path = FilePath(env, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
  IniFile credentials_file = ReadIni(credentials_path);
  if (auto it = credentials_file.find(profile); it != credentials_file.end()) {
    profile_found = true;
    auto found = FromSection(it->second, credentials_path + " [" + profile + "]");
    if (!found.ok() || found->has_value()) return found;
  }
  std::string config_path = FilePath(env, "AWS_CONFIG_FILE", "config");
  IniFile config_file = ReadIni(config_path);
  if (const Section* section = ConfigSection(config_file, profile)) {
    profile_found = true;
    auto found = FromSection(*section, config_path + " [profile " + profile + "]");
    if (!found.ok() || found->has_value()) return found;
  }
  // Only a profile asked for by name must exist; the default one may be absent.
  if (!profile_found && Get(env, "AWS_PROFILE")) {
    return base::ValidationError("The config profile (" + profile + ") could not be found");
  }
  return std::optional<AwsCredentials>();
}

std::optional<std::string> ResolveRegion(const Environment& env) {
  if (auto region = Get(env, "AWS_REGION")) return region;
  if (auto region = Get(env, "AWS_DEFAULT_REGION")) return region;
  return ConfigValue(env, "region");
}

std::optional<std::string> ResolveCaBundle(const Environment& env) {
  if (auto bundle = Get(env, "AWS_CA_BUNDLE")) return bundle;
  return ConfigValue(env, "ca_bundle");
}

}  // namespace ordertrack::client
