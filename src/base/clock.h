// File: base/clock.h
// The wall clock as the stores record it: microseconds since the Unix epoch.
#pragma once

#include <chrono>
#include <cstdint>

namespace ordertrack::base {

inline int64_t UnixMicros() {
  using namespace std::chrono;
  return duration_cast<microseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace ordertrack::base
