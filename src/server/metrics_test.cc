#include "server/metrics.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace ordertrack::server {
namespace {

using ::testing::HasSubstr;

TEST(MetricsTest, CountsAndHistogramsRenderInPrometheusFormat) {
  Metrics metrics([] { return uint64_t{4096}; });
  metrics.Record("PutItem", "ok", std::chrono::microseconds(300));
  metrics.Record("PutItem", "ok", std::chrono::milliseconds(2));
  metrics.Record("PutItem", "ConditionalCheckFailedException", std::chrono::microseconds(50));
  std::string text = metrics.RenderPrometheus();
  EXPECT_THAT(text, HasSubstr("ordertrack_requests_total{operation=\"PutItem\",outcome=\"ok\"} 2\n"));
  EXPECT_THAT(text, HasSubstr(
      "ordertrack_requests_total{operation=\"PutItem\",outcome=\"ConditionalCheckFailedException\"} 1\n"));
  // Buckets are cumulative: 50us and 300us are within 0.0005 s, 2 ms is not.
  EXPECT_THAT(text, HasSubstr("ordertrack_request_duration_seconds_bucket{operation=\"PutItem\",le=\"0.0005\"} 2\n"));
  EXPECT_THAT(text, HasSubstr("ordertrack_request_duration_seconds_bucket{operation=\"PutItem\",le=\"+Inf\"} 3\n"));
  EXPECT_THAT(text, HasSubstr("ordertrack_store_bytes 4096\n"));
}

}  // namespace
}  // namespace ordertrack::server
