// File: testing/status_matchers.h
// GoogleTest helpers for Status and Result: ASSERT_OK, StatusIs.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/result.h"

namespace ordertrack::testing {

inline const base::Status& GetStatus(const base::Status& s) { return s; }
template <typename T>
base::Status GetStatus(const base::Result<T>& r) {
  return r.status();
}

MATCHER(IsOk, "is OK") {
  auto s = ::ordertrack::testing::GetStatus(arg);
  *result_listener << s.ToString();
  return s.ok();
}

// Matches a Status or Result with this code and a message matching `message`.
MATCHER_P2(StatusIs, code, message, "") {
  auto s = ::ordertrack::testing::GetStatus(arg);
  *result_listener << s.ToString();
  return s.code() == code &&
         ::testing::ExplainMatchResult(::testing::MatcherCast<std::string>(message), s.message(),
                                       result_listener);
}

}  // namespace ordertrack::testing

#define ASSERT_OK(expr) ASSERT_THAT((expr), ::ordertrack::testing::IsOk())
#define EXPECT_OK(expr) EXPECT_THAT((expr), ::ordertrack::testing::IsOk())
