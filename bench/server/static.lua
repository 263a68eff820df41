-- wrk script for the static-answer ceiling: plain GET, only the RESULT line.
function done(summary, latency, requests)
  local e = summary.errors
  local seconds = summary.duration / 1e6
  io.write(string.format(
    "RESULT label=%s workload=static requests=%d duration_s=%.3f rps=%.1f p50_us=%d p90_us=%d p99_us=%d "
      .. "max_us=%d non2xx=%d sock_errors=%d timeouts=%d wrk_cpu_s=%.3f\n",
    os.getenv("BENCH_LABEL") or "-", summary.requests, seconds, summary.requests / seconds,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max,
    e.status, e.connect + e.read + e.write, e.timeout, os.clock()))
end
