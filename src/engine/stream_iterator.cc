// Shard iterators and stream ARNs as text (internal/stream_iterator.h).
#include "engine/internal/stream_iterator.h"

#include <cinttypes>
#include <cstdio>

#include "base/strings.h"
#include "engine/internal/key_codec.h"
#include "engine/internal/stream_log.h"

namespace ordertrack::engine {
namespace {

constexpr std::string_view kIteratorVersion = "1";

std::optional<int64_t> ParseMillis(std::string_view text) {
  std::optional<uint64_t> v = ParseSequence(text);
  if (!v || *v > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
  return static_cast<int64_t>(*v);
}

base::Status Malformed() { return base::ValidationError("Invalid ShardIterator"); }

}  // namespace

std::string EncodeShardIterator(const ShardIterator& iterator) {
  std::string text = iterator.stream_arn;
  text += '|';
  text += kIteratorVersion;
  text += '|';
  text += SequenceText(iterator.position);
  text += '|';
  text += std::to_string(iterator.issued_ms);
  char check[24];
  std::snprintf(check, sizeof(check), "|%016" PRIx64, base::Fnv1a64(text));
  text += check;
  return text;
}

base::Result<ShardIterator> DecodeShardIterator(std::string_view text) {
  // From the right: an ARN holds no '|', but may only be checked once split off.
  std::string_view parts[5];
  for (int i = 4; i > 0; --i) {
    const size_t bar = text.rfind('|');
    if (bar == std::string_view::npos) return Malformed();
    parts[i] = text.substr(bar + 1);
    text = text.substr(0, bar);
  }
  parts[0] = text;
  const size_t signed_length = parts[0].size() + parts[1].size() + parts[2].size() +
                               parts[3].size() + 3;
  const std::string_view whole(parts[0].data(), signed_length);
  char check[24];
  std::snprintf(check, sizeof(check), "%016" PRIx64, base::Fnv1a64(whole));
  if (parts[4] != check || parts[1] != kIteratorVersion) return Malformed();
  std::optional<uint64_t> position = ParseSequence(parts[2]);
  std::optional<int64_t> issued = ParseMillis(parts[3]);
  if (!position || !issued || !CheckStreamArn(parts[0]).ok()) return Malformed();
  return ShardIterator{std::string(parts[0]), *position, *issued};
}

base::Status CheckStreamArn(std::string_view arn) {
  auto invalid = [&] { return base::ValidationError("Invalid StreamArn"); };
  constexpr std::string_view kPrefix = "arn:aws:dynamodb:";
  if (arn.substr(0, kPrefix.size()) != kPrefix) return invalid();
  std::string_view rest = arn.substr(kPrefix.size());
  // <region>:<account>:table/<name>/stream/<label>
  const size_t region_end = rest.find(':');
  if (region_end == std::string_view::npos || region_end == 0) return invalid();
  rest.remove_prefix(region_end + 1);
  const size_t account_end = rest.find(':');
  if (account_end == std::string_view::npos || account_end == 0) return invalid();
  rest.remove_prefix(account_end + 1);
  constexpr std::string_view kTable = "table/";
  if (rest.substr(0, kTable.size()) != kTable) return invalid();
  rest.remove_prefix(kTable.size());
  constexpr std::string_view kStream = "/stream/";
  const size_t stream = rest.find(kStream);
  if (stream == std::string_view::npos || stream == 0 ||
      stream + kStream.size() == rest.size()) {
    return invalid();
  }
  return base::Status();
}

}  // namespace ordertrack::engine
