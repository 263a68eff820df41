// File: model/item_codec.h
// The compact binary form in which the engine stores items.
//
// Grammar (varint = LEB128 unsigned):
//   item   := varint(count) { varint(len) name value }*count   (names ascending)
//   value  := type:byte payload        (type: model::Type's persisted values)
//   S, B   := varint(len) bytes
//   N      := varint(len) canonical decimal text (Number::ToString)
//   BOOL   := byte 0 or 1
//   NULL   := (nothing)
//   M      := item
//   L      := varint(count) value*count
//   SS, BS := varint(count) { varint(len) bytes }*count
//   NS     := varint(count) { varint(len) decimal text }*count
// DO NOT CHANGE: items on disk are in this format.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"
#include "model/attribute_value.h"

namespace ordertrack::model {

void EncodeItem(const Item& item, std::string* out);
std::string EncodeItem(const Item& item);

// Corruption when `bytes` is not an encoded item.
base::Result<Item> DecodeItem(std::string_view bytes);

}  // namespace ordertrack::model
