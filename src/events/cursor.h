// File: events/cursor.h
// The feed's cursors: a place in a table's stream, as opaque URL-safe text
// with a check that tells ours from noise (not a secret: a reader may only
// name places it could read anyway).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace ordertrack::events {

struct StreamPlace {
  std::string stream_arn;
  std::string shard_id;
  // With `after`, the last record read; without, the first record still to
  // read (a shard's starting number). Either way a trimmed place is an
  // error, never a silent skip to what is left.
  std::string sequence_number;
  bool after = true;
  bool operator==(const StreamPlace&) const = default;
};

std::string EncodeCursor(const StreamPlace& place);
// nullopt for anything EncodeCursor did not make.
std::optional<StreamPlace> DecodeCursor(std::string_view cursor);

}  // namespace ordertrack::events
