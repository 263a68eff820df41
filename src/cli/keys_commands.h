// File: cli/keys_commands.h
// `ordertrack keys create|list|revoke`: the REST API's keys, on a data
// directory (the embedded engine, while no server holds it) or through a
// running server's /v1/keys routes (--url, with an admin key in
// $ORDERTRACK_API_KEY: a key on the command line would show in `ps`).
// A new key's token is printed once; nothing ever prints it again.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "base/status.h"
#include "server/rest_json.h"

namespace CLI {
class App;
}

namespace ordertrack::cli {

class KeysCommands {
 public:
  // Adds `keys` and its subcommands to `app`, which must outlive this.
  explicit KeysCommands(CLI::App& app);
  KeysCommands(const KeysCommands&) = delete;
  KeysCommands& operator=(const KeysCommands&) = delete;

  bool parsed() const;
  // REQUIRES: parsed(). Its result on `out`, an error as one line on `err`;
  // returns the exit code.
  int Run(std::ostream& out, std::ostream& err);

 private:
  // The subcommand's keys: the new one, the list, or the revoked one.
  base::Result<std::vector<server::KeyView>> RunLocal();
  base::Result<std::vector<server::KeyView>> RunRemote();
  void Print(const std::vector<server::KeyView>& keys, std::ostream& out) const;

  CLI::App* keys_cmd_;
  CLI::App* create_cmd_;
  CLI::App* list_cmd_;
  CLI::App* revoke_cmd_;
  std::string data_ = "./data";
  std::string url_;
  std::string table_ = "purchase";
  bool json_ = false;
  std::string name_;
  std::string role_;
};

}  // namespace ordertrack::cli
