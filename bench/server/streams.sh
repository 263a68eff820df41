#!/usr/bin/env bash
# DynamoDB Streams through the server (issue 15): a stream of BENCH_CHANGES
# (1,000,000) changes is written and drained in-process (the reference), then
# drained again through `ordertrack serve` on the same data directory with
# GetRecords (Limit 1000). Then the disk a stream uses under a steady write
# load with a short retention (BENCH_DISK_SECONDS, 60; retention 5 s).
#   bench/server/streams.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
changes=${BENCH_CHANGES:-1000000}
work=$(mktemp -d)
pid=
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; fi
  rm -rf "$work"
}
trap cleanup EXIT
"$build/bench/streams_bench" load --dir "$work/data" --changes "$changes" | tee "$work/load.out"
port=$(/usr/bin/python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$build/ordertrack" serve --listen "127.0.0.1:$port" --data "$work/data" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break
  sleep 0.1
done
"$build/bench/streams_bench" drain --url "http://127.0.0.1:$port" | tee "$work/drain.out"
rate() { sed -n 's/.* \([0-9]*\) records\/s$/\1/p' "$1"; }
awk -v local="$(rate "$work/load.out")" -v served="$(rate "$work/drain.out")" 'BEGIN {
  printf "via server / in-process: %.2f; goal 100000 records/s through the server: %s\n",
         served / local, (served >= 100000) ? "met" : "NOT met" }'
kill "$pid" && wait "$pid" 2>/dev/null || true
pid=
"$build/bench/streams_bench" disk --dir "$work/disk" --seconds "${BENCH_DISK_SECONDS:-60}" --retention-ms 5000
