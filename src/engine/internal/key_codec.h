// File: engine/internal/key_codec.h
// How the engine lays tables, indexes and the catalog out in the kv store's
// one ordered keyspace. See docs/key_encoding.md for the whole format.
//
//   'C' table_name                           -> catalog entry (model item codec)
//   'I'                                      -> counters: [0] last table id,
//                                               [1] last stream number handed out
//   'D' u32 table_id u16 index_no u32 hash(pk) enc(pk) [enc(sk)]
//                                            -> table row (index_no 0): the item
//   'D' u32 table_id u16 index_no u32 hash(ipk) enc(ipk) [enc(isk)] enc(pk) [enc(sk)]
//                                            -> index entry (index_no > 0): projected item
//   'S' u32 table_id                         -> counters: for index_no i (0: the
//                                               table), [2i] items and [2i+1] bytes
//   'L' u32 stream_no                        -> stream descriptor (catalog_codec.h)
//   'R' u32 stream_no u64 seq                -> stream record (internal/stream_log.h)
// Integers are big-endian. enc(v) of S and B: the bytes with 0x00 escaped as
// 00 FF, then the terminator 00 01; of N: Number::AppendOrderedKey. Both are
// self-delimiting and memcmp-ordered like DynamoDB orders sort keys. The hash
// prefix spreads partitions the way DynamoDB does, and lets parallel scan
// segments be contiguous hash ranges.
// DO NOT CHANGE: stored data depends on it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "model/attribute_value.h"

namespace ordertrack::engine {

inline constexpr char kCatalogTag = 'C';
inline constexpr char kTableIdCounterKey[] = "I";
inline constexpr char kDataTag = 'D';
inline constexpr char kStatsTag = 'S';
inline constexpr char kStreamTag = 'L';
inline constexpr char kRecordTag = 'R';

// 32-bit FNV-1a of the encoded partition key value: stable across builds.
uint32_t PartitionHash(std::string_view encoded_partition_key);

// Appends the low `bytes` bytes of v, most significant first.
void AppendBigEndian(uint64_t v, int bytes, std::string* out);
// The inverse: n bytes from the start of `bytes`. REQUIRES: bytes.size() >= n.
uint64_t ReadBigEndian(std::string_view bytes, int n);

// Appends enc(v). REQUIRES: v is S, N or B.
void AppendKeyValue(const model::AttributeValue& v, std::string* out);
// Appends S or B bytes escaped but without the terminator: the common
// prefix of every enc(s) where s begins with `prefix`.
void AppendKeyPrefix(std::string_view prefix, std::string* out);

// 'D' table_id index_no.
std::string DataPrefix(uint32_t table_id, uint16_t index_no);
// 'S' table_id.
std::string StatsKey(uint32_t table_id);
std::string CatalogKey(std::string_view table_name);
// 'L' stream_no.
std::string StreamKey(uint32_t stream_no);
// 'R' stream_no seq; the records of a stream are [RecordKey(no, 0), RecordKey(no + 1, 0)).
std::string RecordKey(uint32_t stream_no, uint64_t seq);
// The sequence number of a record key. REQUIRES: made by RecordKey.
uint64_t RecordSequence(std::string_view record_key);

// The smallest string greater than every string that starts with `prefix`;
// empty when there is none (prefix all 0xFF).
std::string PrefixSuccessor(std::string prefix);

}  // namespace ordertrack::engine
