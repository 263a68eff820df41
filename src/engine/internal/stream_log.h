// File: engine/internal/stream_log.h
// Internal to the engine: what it keeps of DynamoDB Streams.
//
// Every stream has one shard, and its records live in the store beside the
// items ('R' stream_no seq, key_codec.h), each put in the same write batch
// as the item change it describes. Sequence numbers come from one counter
// for the whole engine, handed out while the batch is prepared, so batches
// may be stored in another order than their numbers. A reader therefore
// sees records only up to the visible watermark: the highest number below
// which every number handed out has been stored or dropped. So a reader
// that has read up to N never finds a record numbered N or less appear
// later, and no writer waits for a reader or another writer.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "base/mutex.h"
#include "base/result.h"
#include "kv/store.h"
#include "model/attribute_value.h"
#include "model/schema.h"

namespace ordertrack::engine {

// One stream, enabled or not, as its descriptor ('L' stream_no) keeps it.
struct StreamInfo {
  uint32_t stream_no = 0;  // > 0, never reused
  uint32_t table_id = 0;
  std::string table_name;
  std::string table_arn;
  model::KeySchema key;
  model::StreamViewType view_type = model::StreamViewType::kKeysOnly;
  double created = 0;  // seconds since the epoch, whole milliseconds
  // Set when the stream is disabled (or its table deleted): its shard is
  // closed at `last_seq`, and it goes once its retention has passed.
  std::optional<double> disabled;
  uint64_t first_seq = 0;  // the shard's starting sequence number
  std::optional<uint64_t> last_seq;
  // Records numbered below this have been trimmed.
  uint64_t trimmed_before = 0;

  std::string Label() const;    // "2026-12-07T15:04:05.123", from `created`
  std::string Arn() const;      // table_arn + "/stream/" + Label()
  std::string ShardId() const;  // "shardId-<created ms, 20 digits>-<8 hex>"
};

// Seconds since the epoch as whole milliseconds.
int64_t UnixMillis(double seconds);
// Milliseconds since the epoch as "2026-12-07T15:04:05.123" (UTC).
std::string FormatMillis(int64_t ms);
// A stream's label: its creation time, formatted so.
inline std::string StreamLabel(double created) { return FormatMillis(UnixMillis(created)); }
// The ARN of a table's stream created then.
inline std::string StreamArn(const std::string& table_arn, double created) {
  return table_arn + "/stream/" + StreamLabel(created);
}

// The decimal text of a sequence number: 21 digits, zero-padded, so text
// and numeric order agree.
std::string SequenceText(uint64_t seq);
// The number `text` spells, or nullopt when it is not 1 to 21 decimal
// digits within range.
std::optional<uint64_t> ParseSequence(std::string_view text);

// The sequence numbers a write batch's records hold until the batch is
// stored or dropped. Settles on destruction, so an error path that drops a
// batch does not hold the watermark back.
class StreamLog;
class SequenceClaims {
 public:
  SequenceClaims() = default;
  ~SequenceClaims() { Settle(); }
  SequenceClaims(const SequenceClaims&) = delete;
  SequenceClaims& operator=(const SequenceClaims&) = delete;

  void Add(StreamLog* log, uint64_t seq);
  // After the batch holding them is stored, or when it never will be.
  void Settle();

 private:
  StreamLog* log_ = nullptr;
  std::vector<uint64_t> seqs_;
};

// A write batch and the claims of the records in it: what an item change is
// appended to (EmbeddedDynamoDb::AppendItemChange).
struct ChangeBatch {
  kv::WriteBatch rows;
  SequenceClaims claims;
};

// The streams of an engine: their descriptors, the sequence counter and the
// watermark. Thread-safe.
class StreamLog {
 public:
  // At open: the descriptors, and the highest sequence number in the store.
  void Load(std::vector<StreamInfo> streams, uint64_t highest_stored);

  // A number for a record of stream `stream_no`, claimed until settled; or
  // nullopt when the stream is closed (a write racing its disabling goes
  // after it, without a record).
  std::optional<uint64_t> Claim(uint32_t stream_no);
  void Settle(const std::vector<uint64_t>& seqs);
  // Every record numbered up to this is stored or will never be.
  uint64_t VisibleThrough();
  // The number the next record of an open stream starts after.
  uint64_t LastClaimed();

  // A new open stream, whose shard starts at the next number.
  StreamInfo Open(StreamInfo stream);
  // Closes `stream_no` at the last number handed out; returns it as closed.
  std::optional<StreamInfo> Close(uint32_t stream_no, double now);
  // Undoes Close, for a disabling whose write failed.
  void Reopen(uint32_t stream_no);
  // Records below `seq` are trimmed; returns the stream as it is now.
  std::optional<StreamInfo> SetTrimmedBefore(uint32_t stream_no, uint64_t seq);
  void Forget(uint32_t stream_no);

  std::optional<StreamInfo> Find(uint32_t stream_no);
  std::optional<StreamInfo> FindByArn(std::string_view arn);
  // Every stream, in ARN order.
  std::vector<StreamInfo> All();

 private:
  base::Mutex mu_;
  uint64_t next_ OT_GUARDED_BY(mu_) = 1;
  std::set<uint64_t> pending_ OT_GUARDED_BY(mu_);
  std::map<uint32_t, StreamInfo> streams_ OT_GUARDED_BY(mu_);
  // Stream numbers by ARN: GetRecords looks its stream up on every call.
  std::map<std::string, uint32_t, std::less<>> by_arn_ OT_GUARDED_BY(mu_);
};

// The registry changes of a CreateTable, UpdateTable or DeleteTable, made
// before the catalog write that stores them (a stream closes at the number
// handed out last, so writes after it go without records). Undone on
// destruction unless that write succeeded: a failed write leaves no stream
// opened or closed that the store does not have.
class StreamChange {
 public:
  explicit StreamChange(StreamLog* log) : log_(log) {}
  ~StreamChange() {
    if (opened_) log_->Forget(*opened_);
    if (closed_) log_->Reopen(*closed_);
  }
  StreamChange(const StreamChange&) = delete;
  StreamChange& operator=(const StreamChange&) = delete;

  void Opened(uint32_t stream_no) { opened_ = stream_no; }
  void Closed(uint32_t stream_no) { closed_ = stream_no; }
  // After the write that stores the change.
  void Stored() {
    opened_.reset();
    closed_.reset();
  }

 private:
  StreamLog* log_;
  std::optional<uint32_t> opened_;
  std::optional<uint32_t> closed_;
};

// How a stream record is stored: the change, without the sequence number
// (in the key) or what the stream gives (view type, region).
struct StoredRecord {
  enum class Event : uint8_t { kInsert = 1, kModify = 2, kRemove = 3 };
  Event event = Event::kInsert;
  bool by_ttl = false;     // a delete by time to live
  int64_t created_ms = 0;  // when the change was made
  model::Item keys;
  std::optional<model::Item> new_image;
  std::optional<model::Item> old_image;
};
// The images are given encoded (model::EncodeItem), as the write has them.
std::string EncodeRecord(StoredRecord::Event event, bool by_ttl, int64_t created_ms,
                         std::string_view keys, std::optional<std::string_view> new_image,
                         std::optional<std::string_view> old_image);
base::Result<StoredRecord> DecodeRecord(std::string_view bytes);
// The created_ms of an encoded record, read without decoding the images.
std::optional<int64_t> RecordTime(std::string_view bytes);

}  // namespace ordertrack::engine
