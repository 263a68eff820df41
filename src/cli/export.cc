#include "cli/export.h"

#include <fmt/format.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "server/rest_json.h"

namespace ordertrack::cli {
namespace {

std::string CsvField(std::string_view value) {
  if (value.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(value);
  std::string out = "\"";
  for (char c : value) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// Redraws "[#####.....]  50%  500/1000" in place at most ten times a second.
class ProgressBar {
 public:
  void Update(int64_t done, int64_t total) {
    auto now = std::chrono::steady_clock::now();
    if (drawn_ && now - last_ < std::chrono::milliseconds(100)) return;
    last_ = now;
    Draw(done, total);
  }
  void Finish(int64_t done) {
    Draw(done, done);
    std::fputs("\n", stderr);
  }

 private:
  void Draw(int64_t done, int64_t total) {
    drawn_ = true;
    if (total < done) total = done;  // the table's count is approximate
    constexpr int kWidth = 30;
    int filled = total > 0 ? static_cast<int>(done * kWidth / total) : 0;
    int percent = total > 0 ? static_cast<int>(done * 100 / total) : 0;
    std::string line = fmt::format("\rexporting [{}{}] {:3}%  {}/{}", std::string(filled, '#'),
                                   std::string(kWidth - filled, '.'), percent, done, total);
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
  }

  bool drawn_ = false;
  std::chrono::steady_clock::time_point last_;
};

}  // namespace

std::string CsvHeader() { return "order_id,user_id,product_id,status,created,history\n"; }

std::string CsvRow(const orders::Order& order) {
  std::string history;
  for (const orders::StatusChange& change : order.history) {
    if (!history.empty()) history += ';';
    history +=
        std::string(orders::StatusWord(change.status)) + "@" + orders::FormatRfc3339(change.at);
    if (!change.by.empty()) history += " by " + change.by;
  }
  return fmt::format("{},{},{},{},{},{}\n", CsvField(order.order_id), CsvField(order.user_id),
                     CsvField(order.product_id), orders::StatusWord(order.status),
                     orders::FormatRfc3339(order.created), CsvField(history));
}

ExportCommand::ExportCommand(CLI::App& app) {
  command_ = app.add_subcommand("export", "Write every order as CSV or JSON lines, for analysis");
  command_->add_option("--format", format_, "csv (with a header row) or jsonl (one order a line)")
      ->required()
      ->check(CLI::IsMember({"csv", "jsonl"}));
  command_->add_option("--out", out_, "Output file (default: stdout)");
  AddStoreOptions(*command_, &target_);
}

bool ExportCommand::parsed() const { return command_->parsed(); }

int ExportCommand::Run() {
  auto fail = [](const std::string& message) {
    std::cerr << "ordertrack export: " << message << "\n";
    return 1;
  };
  auto open = OpenOrderStore(target_);
  if (!open.ok()) return fail(open.status().ToString());

  std::string partial = out_.empty() ? "" : out_ + ".partial";
  std::ofstream file;
  if (!out_.empty()) {
    file.open(partial, std::ios::binary | std::ios::trunc);
    if (!file) return fail("cannot write " + partial);
  }
  std::ostream& out = out_.empty() ? std::cout : file;
  bool csv = format_ == "csv";
  if (csv) out << CsvHeader();

  bool terminal = isatty(STDERR_FILENO) == 1;
  ProgressBar bar;
  int64_t count = 0;
  base::Status status = open->store->ExportAll(
      [&](const orders::Order& order) {
        out << (csv ? CsvRow(order) : server::OrderJson(order) + "\n");
        ++count;
        if (!out) return base::Status(base::ErrorCode::kIOError, "writing the export failed");
        return base::Status();
      },
      [&](int64_t done, int64_t total) {
        if (terminal) bar.Update(done, total);
      });
  out.flush();
  if (status.ok() && !out)
    status = base::Status(base::ErrorCode::kIOError, "writing the export failed");
  if (!status.ok()) {
    if (terminal) std::fputs("\n", stderr);
    if (!out_.empty()) {
      file.close();
      std::error_code ignored;
      std::filesystem::remove(partial, ignored);
    }
    return fail(status.ToString());
  }
  if (!out_.empty()) {
    file.close();
    std::error_code error;
    std::filesystem::rename(partial, out_, error);
    if (error) return fail("cannot rename " + partial + " to " + out_ + ": " + error.message());
  }
  if (terminal) bar.Finish(count);
  std::cerr << fmt::format("exported {} orders{}\n", count, out_.empty() ? "" : " to " + out_);
  return 0;
}

}  // namespace ordertrack::cli
