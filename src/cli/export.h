// File: cli/export.h
// `ordertrack export --format csv|jsonl [--out FILE] [--data DIR | --url URL]`:
// every order (OrderStore::ExportAll) for analysis, as CSV with a header row
// or as one REST-API JSON object per line. A progress bar goes to stderr when
// it is a terminal, a final count line otherwise.
#pragma once

#include <ostream>
#include <string>

#include "cli/orders_commands.h"

namespace ordertrack::cli {

class ExportCommand {
 public:
  // Adds `export` to `app`, which must outlive this.
  explicit ExportCommand(CLI::App& app);
  ExportCommand(const ExportCommand&) = delete;
  ExportCommand& operator=(const ExportCommand&) = delete;

  bool parsed() const;
  // REQUIRES: parsed(). Writes to --out (through FILE.partial, renamed when
  // complete, so a failed export leaves no truncated file) or to stdout.
  // Returns the exit code; an error is one line on stderr.
  int Run();

 private:
  CLI::App* command_;
  StoreTarget target_;
  std::string format_;
  std::string out_;
};

// One CSV row (RFC 4180) for `order`, and the header row. The history column
// is "status@time" entries joined by ';'.
std::string CsvHeader();
std::string CsvRow(const orders::Order& order);

}  // namespace ordertrack::cli
