#include "wire/checksum.h"

#include <zlib.h>

#include <climits>

namespace ordertrack::wire {

std::string BodyCrc32(std::string_view body) {
  uLong crc = crc32(0L, Z_NULL, 0);
  // crc32 takes a 32-bit length; a body past 4 GB is fed in pieces.
  while (!body.empty()) {
    uInt n = body.size() > UINT_MAX ? UINT_MAX : static_cast<uInt>(body.size());
    crc = crc32(crc, reinterpret_cast<const Bytef*>(body.data()), n);
    body.remove_prefix(n);
  }
  return std::to_string(crc);
}

}  // namespace ordertrack::wire
