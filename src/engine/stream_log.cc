// The engine's stream bookkeeping (internal/stream_log.h): descriptors,
// sequence numbers and the visible watermark, and the stored record format.
#include "engine/internal/stream_log.h"

#include <algorithm>
#include <cmath>
#include <cinttypes>
#include <cstdio>
#include <ctime>

#include "engine/internal/key_codec.h"
#include "model/item_codec.h"

namespace ordertrack::engine {
namespace {

constexpr int kSequenceDigits = 21;

// Record layout: u8 event, u8 flags (bit 0: by TTL), u64 created_ms, then
// the keys, the new image and the old image, each as u8 present, u64
// length, model item codec bytes.
constexpr size_t kRecordHeader = 10;
constexpr uint8_t kByTtl = 1;

void PutPart(std::optional<std::string_view> part, std::string* out) {
  out->push_back(part ? 1 : 0);
  if (!part) return;
  AppendBigEndian(part->size(), 8, out);
  out->append(*part);
}

// Reads a part at *at; advances *at.
base::Result<std::optional<model::Item>> GetPart(std::string_view bytes, size_t* at) {
  auto corrupt = [] {
    return base::Status(base::ErrorCode::kCorruption, "stream record is not decodable");
  };
  if (*at >= bytes.size()) return corrupt();
  const bool present = bytes[(*at)++] != 0;
  if (!present) return std::optional<model::Item>();
  if (bytes.size() - *at < 8) return corrupt();
  const uint64_t size = ReadBigEndian(bytes.substr(*at), 8);
  *at += 8;
  if (bytes.size() - *at < size) return corrupt();
  OT_ASSIGN_OR_RETURN(model::Item item, model::DecodeItem(bytes.substr(*at, size)));
  *at += size;
  return std::optional<model::Item>(std::move(item));
}

}  // namespace

std::string StreamInfo::Label() const { return StreamLabel(created); }

int64_t UnixMillis(double seconds) { return std::llround(seconds * 1000); }

std::string FormatMillis(int64_t ms) {
  const time_t seconds = static_cast<time_t>(ms / 1000);
  struct tm utc;
  gmtime_r(&seconds, &utc);
  char text[64];
  std::snprintf(text, sizeof(text), "%04d-%02d-%02dT%02d:%02d:%02d.%03d", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                static_cast<int>(ms % 1000));
  return text;
}

std::string StreamInfo::Arn() const { return StreamArn(table_arn, created); }

std::string StreamInfo::ShardId() const {
  char text[48];
  std::snprintf(text, sizeof(text), "shardId-%020" PRId64 "-%08" PRIx32,
                UnixMillis(created), stream_no);
  return text;
}

std::string SequenceText(uint64_t seq) {
  char text[kSequenceDigits + 1];
  std::snprintf(text, sizeof(text), "%021" PRIu64, seq);
  return text;
}

std::optional<uint64_t> ParseSequence(std::string_view text) {
  if (text.empty() || text.size() > kSequenceDigits) return std::nullopt;
  uint64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    const uint64_t digit = static_cast<uint64_t>(c - '0');
    if (v > (UINT64_MAX - digit) / 10) return std::nullopt;
    v = v * 10 + digit;
  }
  return v;
}

void SequenceClaims::Add(StreamLog* log, uint64_t seq) {
  log_ = log;
  seqs_.push_back(seq);
}

void SequenceClaims::Settle() {
  if (seqs_.empty()) return;
  log_->Settle(seqs_);
  seqs_.clear();
}

void StreamLog::Load(std::vector<StreamInfo> streams, uint64_t highest_stored) {
  base::MutexLock lock(mu_);
  uint64_t highest = highest_stored;
  for (auto& stream : streams) {
    highest = std::max({highest, stream.first_seq, stream.last_seq.value_or(0),
                        stream.trimmed_before});
    const uint32_t no = stream.stream_no;
    by_arn_[stream.Arn()] = no;
    streams_[no] = std::move(stream);
  }
  next_ = highest + 1;
}

std::optional<uint64_t> StreamLog::Claim(uint32_t stream_no) {
  base::MutexLock lock(mu_);
  auto it = streams_.find(stream_no);
  if (it == streams_.end() || it->second.disabled) return std::nullopt;
  const uint64_t seq = next_++;
  pending_.insert(pending_.end(), seq);
  return seq;
}

void StreamLog::Settle(const std::vector<uint64_t>& seqs) {
  base::MutexLock lock(mu_);
  for (uint64_t seq : seqs) pending_.erase(seq);
}

uint64_t StreamLog::VisibleThrough() {
  base::MutexLock lock(mu_);
  return pending_.empty() ? next_ - 1 : *pending_.begin() - 1;
}

uint64_t StreamLog::LastClaimed() {
  base::MutexLock lock(mu_);
  return next_ - 1;
}

StreamInfo StreamLog::Open(StreamInfo stream) {
  base::MutexLock lock(mu_);
  stream.first_seq = next_;
  stream.trimmed_before = next_;
  streams_[stream.stream_no] = stream;
  by_arn_[stream.Arn()] = stream.stream_no;
  return stream;
}

std::optional<StreamInfo> StreamLog::Close(uint32_t stream_no, double now) {
  base::MutexLock lock(mu_);
  auto it = streams_.find(stream_no);
  if (it == streams_.end()) return std::nullopt;
  if (!it->second.disabled) {
    it->second.disabled = now;
    // An empty shard ends where it starts.
    it->second.last_seq = std::max(it->second.first_seq, next_ - 1);
  }
  return it->second;
}

void StreamLog::Reopen(uint32_t stream_no) {
  base::MutexLock lock(mu_);
  auto it = streams_.find(stream_no);
  if (it == streams_.end()) return;
  it->second.disabled.reset();
  it->second.last_seq.reset();
}

std::optional<StreamInfo> StreamLog::SetTrimmedBefore(uint32_t stream_no, uint64_t seq) {
  base::MutexLock lock(mu_);
  auto it = streams_.find(stream_no);
  if (it == streams_.end()) return std::nullopt;
  it->second.trimmed_before = std::max(it->second.trimmed_before, seq);
  return it->second;
}

void StreamLog::Forget(uint32_t stream_no) {
  base::MutexLock lock(mu_);
  auto it = streams_.find(stream_no);
  if (it == streams_.end()) return;
  by_arn_.erase(it->second.Arn());
  streams_.erase(it);
}

std::optional<StreamInfo> StreamLog::Find(uint32_t stream_no) {
  base::MutexLock lock(mu_);
  auto it = streams_.find(stream_no);
  if (it == streams_.end()) return std::nullopt;
  return it->second;
}

std::optional<StreamInfo> StreamLog::FindByArn(std::string_view arn) {
  base::MutexLock lock(mu_);
  auto it = by_arn_.find(arn);
  if (it == by_arn_.end()) return std::nullopt;
  return streams_.at(it->second);
}

std::vector<StreamInfo> StreamLog::All() {
  base::MutexLock lock(mu_);
  std::vector<StreamInfo> out;
  for (const auto& [arn, no] : by_arn_) out.push_back(streams_.at(no));
  return out;
}

std::string EncodeRecord(StoredRecord::Event event, bool by_ttl, int64_t created_ms,
                         std::string_view keys, std::optional<std::string_view> new_image,
                         std::optional<std::string_view> old_image) {
  std::string out;
  out.reserve(kRecordHeader + 27 + keys.size() + (new_image ? new_image->size() : 0) +
              (old_image ? old_image->size() : 0));
  out.push_back(static_cast<char>(event));
  out.push_back(static_cast<char>(by_ttl ? kByTtl : 0));
  AppendBigEndian(static_cast<uint64_t>(created_ms), 8, &out);
  PutPart(keys, &out);
  PutPart(new_image, &out);
  PutPart(old_image, &out);
  return out;
}

base::Result<StoredRecord> DecodeRecord(std::string_view bytes) {
  if (bytes.size() < kRecordHeader || bytes[0] < 1 || bytes[0] > 3) {
    return base::Status(base::ErrorCode::kCorruption, "stream record is not decodable");
  }
  StoredRecord record;
  record.event = static_cast<StoredRecord::Event>(bytes[0]);
  record.by_ttl = (static_cast<uint8_t>(bytes[1]) & kByTtl) != 0;
  record.created_ms = static_cast<int64_t>(ReadBigEndian(bytes.substr(2), 8));
  size_t at = kRecordHeader;
  OT_ASSIGN_OR_RETURN(auto keys, GetPart(bytes, &at));
  OT_ASSIGN_OR_RETURN(record.new_image, GetPart(bytes, &at));
  OT_ASSIGN_OR_RETURN(record.old_image, GetPart(bytes, &at));
  if (!keys) return base::Status(base::ErrorCode::kCorruption, "stream record has no keys");
  record.keys = std::move(*keys);
  return record;
}

std::optional<int64_t> RecordTime(std::string_view bytes) {
  if (bytes.size() < kRecordHeader) return std::nullopt;
  return static_cast<int64_t>(ReadBigEndian(bytes.substr(2), 8));
}

}  // namespace ordertrack::engine
