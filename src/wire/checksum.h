// File: wire/checksum.h
// The x-amz-crc32 header of DynamoDB's answers: the CRC-32 (zlib's, as
// DynamoDB computes it) of the response body, in decimal. The server sends
// it; the remote client checks it.
#pragma once

#include <string>
#include <string_view>

namespace ordertrack::wire {

// The header's value for `body`.
std::string BodyCrc32(std::string_view body);

}  // namespace ordertrack::wire
