#include "events/cursor.h"

#include <cstdint>
#include <cstdio>

#include "base/strings.h"

namespace ordertrack::events {
namespace {

// "e1\n<arn>\n<shard>\n<a|t><sequence>\n<check>" (a: after, t: at): none
// of the three holds a newline.
constexpr std::string_view kVersion = "e1";

std::string Check(std::string_view text) {
  char out[17];
  std::snprintf(out, sizeof(out), "%016llx",
                static_cast<unsigned long long>(base::Fnv1a64(text)));
  return out;
}

bool HasNewline(std::string_view s) { return s.find('\n') != std::string_view::npos; }

}  // namespace

std::string EncodeCursor(const StreamPlace& place) {
  std::string text = std::string(kVersion) + '\n' + place.stream_arn + '\n' + place.shard_id +
                     '\n' + (place.after ? 'a' : 't') + place.sequence_number;
  text += '\n' + Check(text);
  return base::Base64UrlEncode(text);
}

std::optional<StreamPlace> DecodeCursor(std::string_view cursor) {
  std::string text;
  if (cursor.empty() || !base::Base64UrlDecode(cursor, &text)) return std::nullopt;
  const size_t last = text.rfind('\n');
  if (last == std::string::npos || text.substr(last + 1) != Check(text.substr(0, last))) {
    return std::nullopt;
  }
  std::string_view rest(text.data(), last);
  std::string_view parts[4];
  for (int i = 0; i < 3; ++i) {
    const size_t nl = rest.find('\n');
    if (nl == std::string_view::npos) return std::nullopt;
    parts[i] = rest.substr(0, nl);
    rest.remove_prefix(nl + 1);
  }
  parts[3] = rest;
  if (parts[0] != kVersion || HasNewline(parts[3]) || parts[1].empty() || parts[2].empty() ||
      parts[3].empty() || (parts[3][0] != 'a' && parts[3][0] != 't')) {
    return std::nullopt;
  }
  return StreamPlace{std::string(parts[1]), std::string(parts[2]),
                     std::string(parts[3].substr(1)), parts[3][0] == 'a'};
}

}  // namespace ordertrack::events
