#include "engine/internal/key_codec.h"

namespace ordertrack::engine {
void AppendBigEndian(uint64_t v, int bytes, std::string* out) {
  for (int i = bytes - 1; i >= 0; --i) out->push_back(static_cast<char>((v >> (8 * i)) & 0xff));
}

uint64_t ReadBigEndian(std::string_view bytes, int n) {
  uint64_t v = 0;
  for (int i = 0; i < n; ++i) v = (v << 8) | static_cast<uint8_t>(bytes[i]);
  return v;
}

uint32_t PartitionHash(std::string_view encoded_partition_key) {
  uint32_t h = 2166136261u;
  for (unsigned char c : encoded_partition_key) {
    h ^= c;
    h *= 16777619u;
  }
  return h;
}

void AppendKeyPrefix(std::string_view prefix, std::string* out) {
  for (char c : prefix) {
    out->push_back(c);
    if (c == '\0') out->push_back('\xff');
  }
}

void AppendKeyValue(const model::AttributeValue& v, std::string* out) {
  if (v.is(model::Type::kN)) {
    v.n().AppendOrderedKey(out);
    return;
  }
  AppendKeyPrefix(v.s(), out);
  out->push_back('\0');
  out->push_back('\x01');
}

std::string DataPrefix(uint32_t table_id, uint16_t index_no) {
  std::string out(1, kDataTag);
  AppendBigEndian(table_id, 4, &out);
  AppendBigEndian(index_no, 2, &out);
  return out;
}

std::string StatsKey(uint32_t table_id) {
  std::string out(1, kStatsTag);
  AppendBigEndian(table_id, 4, &out);
  return out;
}

std::string CatalogKey(std::string_view table_name) {
  std::string out(1, kCatalogTag);
  out.append(table_name);
  return out;
}

std::string StreamKey(uint32_t stream_no) {
  std::string out(1, kStreamTag);
  AppendBigEndian(stream_no, 4, &out);
  return out;
}

std::string RecordKey(uint32_t stream_no, uint64_t seq) {
  std::string out(1, kRecordTag);
  AppendBigEndian(stream_no, 4, &out);
  AppendBigEndian(seq, 8, &out);
  return out;
}

uint64_t RecordSequence(std::string_view record_key) { return ReadBigEndian(record_key.substr(5), 8); }

std::string PrefixSuccessor(std::string prefix) {
  while (!prefix.empty() && static_cast<unsigned char>(prefix.back()) == 0xff) prefix.pop_back();
  if (!prefix.empty()) prefix.back() = static_cast<char>(static_cast<unsigned char>(prefix.back()) + 1);
  return prefix;
}

}  // namespace ordertrack::engine
