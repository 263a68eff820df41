#include "wire/checksum.h"

#include <gtest/gtest.h>

namespace ordertrack::wire {
namespace {

TEST(BodyCrc32Test, MatchesKnownChecksums) {
  EXPECT_EQ(BodyCrc32(""), "0");
  // The standard CRC-32 check value.
  EXPECT_EQ(BodyCrc32("123456789"), "3421780262");
  // `{}`, the body of a GetItem answer that found nothing.
  EXPECT_EQ(BodyCrc32("{}"), "2745614147");
}

}  // namespace
}  // namespace ordertrack::wire
