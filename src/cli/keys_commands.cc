#include "cli/keys_commands.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdlib>

#include "access/key_store.h"
#include "client/credentials.h"
#include "client/http_client.h"
#include "engine/embedded_dynamodb.h"
#include "server/exposure.h"

namespace ordertrack::cli {
namespace {

constexpr char kKeyVariable[] = "ORDERTRACK_API_KEY";

std::string OrDash(const std::string& s) { return s.empty() ? "-" : s; }

}  // namespace

KeysCommands::KeysCommands(CLI::App& app) {
  keys_cmd_ = app.add_subcommand("keys", "Create, list and revoke the REST API's keys");
  keys_cmd_->require_subcommand(1);
  auto common = [this](CLI::App* command) {
    CLI::Option* data = command->add_option("--data", data_, "Data directory of the embedded store")
                            ->capture_default_str();
    CLI::Option* url = command->add_option(
        "--url", url_,
        std::string("A running server, e.g. http://127.0.0.1:8010, with an admin key in $") +
            kKeyVariable);
    data->excludes(url);
    url->excludes(data);
    command->add_option("--table", table_, "The orders table the keys belong to (with --data)")
        ->capture_default_str();
    command->add_flag("--json", json_, "Print the REST API's JSON instead of a table");
    return command;
  };
  create_cmd_ = common(keys_cmd_->add_subcommand(
      "create", "Create a key; its token is printed this once and cannot be shown again"));
  const CLI::Validator key_name(
      [](std::string& value) {
        return access::IsKeyName(value) ? std::string()
                                        : "'" + value +
                                              "' is not a key name (1 to 64 of A-Z a-z 0-9 . _ -, "
                                              "starting with a letter or digit)";
      },
      "NAME");
  create_cmd_->add_option("--name", name_, "A unique name (A-Z a-z 0-9 . _ -), up to 64")
      ->required()
      ->check(key_name);
  create_cmd_->add_option("--role", role_, "reader (GET routes), writer (+ orders), admin (+ keys)")
      ->required()
      ->check(CLI::IsMember({"reader", "writer", "admin"}));
  list_cmd_ = common(keys_cmd_->add_subcommand("list", "List the keys: never their secrets"));
  revoke_cmd_ = common(keys_cmd_->add_subcommand(
      "revoke", "Revoke a key at once; it stays listed and its name stays taken"));
  revoke_cmd_->add_option("name", name_, "The key's name")->required()->check(key_name);
}

bool KeysCommands::parsed() const { return keys_cmd_->parsed(); }

int KeysCommands::Run(std::ostream& out, std::ostream& err) {
  auto keys = url_.empty() ? RunLocal() : RunRemote();
  if (!keys.ok()) {
    err << "ordertrack keys: " << keys.status().ToString() << "\n";
    return 1;
  }
  Print(*keys, out);
  return 0;
}

base::Result<std::vector<server::KeyView>> KeysCommands::RunLocal() {
  OT_ASSIGN_OR_RETURN(auto db, engine::EmbeddedDynamoDb::Open(data_));
  access::KeyStoreOptions options;
  options.table = table_ + "_keys";
  access::KeyStore store(*db, options);
  std::vector<server::KeyView> keys;
  if (create_cmd_->parsed()) {
    OT_ASSIGN_OR_RETURN(access::CreatedKey created,
                        store.Create(name_, *access::RoleFromWord(role_)));
    keys.push_back(server::ViewOf(created.info));
    keys.back().token = created.token;
  } else if (revoke_cmd_->parsed()) {
    OT_ASSIGN_OR_RETURN(access::StoredKey revoked, store.Revoke(name_));
    keys.push_back(server::ViewOf(revoked.info));
  } else {
    OT_ASSIGN_OR_RETURN(auto listed, store.List());
    for (const access::KeyInfo& key : listed) keys.push_back(server::ViewOf(key));
  }
  return keys;
}

base::Result<std::vector<server::KeyView>> KeysCommands::RunRemote() {
  OT_ASSIGN_OR_RETURN(client::Endpoint endpoint, client::ParseEndpoint(url_));
  const char* token = std::getenv(kKeyVariable);
  if (token != nullptr && *token != '\0' && !endpoint.https &&
      !server::IsLoopbackAddress(endpoint.host)) {
    return base::ValidationError("refusing to send " + std::string(kKeyVariable) +
                                 " in clear text to " + url_ + ": use https://");
  }
  // The CA bundle the other remote commands trust (AWS_CA_BUNDLE), so one
  // setting serves a server with a private certificate.
  client::HttpClientOptions http_options;
  http_options.ca_file = client::ResolveCaBundle(client::ProcessEnvironment()).value_or("");
  OT_ASSIGN_OR_RETURN(auto http, client::HttpClient::Create(http_options));
  client::HttpRequest request;
  std::string base = endpoint.path;
  while (!base.empty() && base.back() == '/') base.pop_back();
  request.target = base + "/v1/keys";
  if (create_cmd_->parsed()) {
    request.method = "POST";
    request.body = fmt::format(R"({{"name":{},"role":{}}})", server::JsonString(name_),
                               server::JsonString(role_));
  } else if (revoke_cmd_->parsed()) {
    // Key names need no escaping in a path (access::IsKeyName).
    request.method = "DELETE";
    request.target += "/" + name_;
  } else {
    request.method = "GET";
  }
  request.headers = {{"Host", endpoint.HostHeader()},
                     {"Content-Type", "application/json"},
                     {"Accept", "application/json"}};
  if (token != nullptr && *token != '\0') {
    request.headers.emplace_back("Authorization", std::string("Bearer ") + token);
  }
  OT_ASSIGN_OR_RETURN(client::HttpResponse answer, http->Send(endpoint, request));
  if (answer.status >= 300) {
    std::string detail = server::ProblemDetail(answer.body);
    std::string hint = answer.status == 401 && (token == nullptr || *token == '\0')
                           ? std::string(" (set ") + kKeyVariable + " to an admin key)"
                           : "";
    return base::Status(base::ErrorCode::kValidation,
                        fmt::format("{} answered {}: {}{}", url_, answer.status,
                                    detail.empty() ? "no detail" : detail, hint));
  }
  if (list_cmd_->parsed()) return server::ParseKeyListJson(answer.body);
  OT_ASSIGN_OR_RETURN(server::KeyView key, server::ParseKeyJson(answer.body));
  return std::vector<server::KeyView>{std::move(key)};
}

void KeysCommands::Print(const std::vector<server::KeyView>& keys, std::ostream& out) const {
  if (json_) {
    out << (list_cmd_->parsed() ? server::KeyListJson(keys) : server::KeyJson(keys.at(0))) << "\n";
    return;
  }
  if (create_cmd_->parsed()) {
    const server::KeyView& key = keys.at(0);
    out << fmt::format("created key {} ({})\n{}\n", key.name, key.role, key.token)
        << "This token is shown once: store it now. Only its hash is kept.\n";
    return;
  }
  if (revoke_cmd_->parsed()) {
    out << fmt::format("revoked key {} ({}) at {}\n", keys.at(0).name, keys.at(0).role,
                       keys.at(0).revoked);
    return;
  }
  if (keys.empty()) {
    out << "(no keys)\n";
    return;
  }
  size_t width = 4;
  for (const auto& key : keys) width = std::max(width, key.name.size());
  constexpr size_t kTime = 27;  // "2026-12-07T11:02:03.123456Z"
  out << fmt::format("{:<{}}  {:<6}  {:<{}}  {:<{}}  {}\n", "NAME", width, "ROLE", "CREATED", kTime,
                     "LAST USED", kTime, "REVOKED");
  for (const auto& key : keys) {
    out << fmt::format("{:<{}}  {:<6}  {:<{}}  {:<{}}  {}\n", key.name, width, key.role,
                       key.created, kTime, OrDash(key.last_used), kTime, OrDash(key.revoked));
  }
}

}  // namespace ordertrack::cli
