// File: engine/internal/catalog_codec.h
// How a TableInfo is stored in the catalog, and a StreamInfo in its stream
// descriptor: as items in the model item codec, with the fields named in
// catalog_codec.cc. DO NOT RENAME the fields.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "engine/internal/stream_log.h"
#include "engine/internal/table_info.h"

namespace ordertrack::engine {

std::string EncodeTableInfo(const TableInfo& table);
// Corruption when `bytes` is not an encoded TableInfo, naming the first field
// that is missing, of the wrong type, or outside its enum's persisted values.
base::Result<TableInfo> DecodeTableInfo(std::string_view bytes);

std::string EncodeStreamInfo(const StreamInfo& stream);
// Corruption as DecodeTableInfo's.
base::Result<StreamInfo> DecodeStreamInfo(std::string_view bytes);

}  // namespace ordertrack::engine
