#!/usr/bin/env bash
# The orders REST API (issue 5) against PutItem on the same `ordertrack serve`,
# at 32 connections, with BENCH_ORDERS orders stored (default 1,000,000).
#   bench/server/rest.sh BUILD_DIR
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
orders=${BENCH_ORDERS:-1000000}
users=${BENCH_USERS:-100000}
products=${BENCH_PRODUCTS:-10000}
secs=${BENCH_DURATION:-10}
conns=${BENCH_CONNS:-32}
work=$(mktemp -d)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$build/ordertrack" serve --listen "127.0.0.1:$port" --data "$work/data" >"$work/serve.log" 2>&1 &
pid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
timeout 60 "$py" "$here/tool.py" create-table "$port" >/dev/null
echo "preloading $orders orders..."
timeout 600 "$py" "$here/tool.py" preload "$port" "$orders" "$users" "$products" >/dev/null
printf '%-12s %6s %10s %8s %8s\n' workload conns rps p50_ms p99_ms
declare -A rps
for w in put rest_create rest_status rest_user; do
  line=$(BENCH_LUA_DIR="$here" BENCH_ORDERS=$orders BENCH_USERS=$users BENCH_PRODUCTS=$products \
    BENCH_LABEL="$w" timeout $((secs + 30)) wrk -t2 -c"$conns" -d"${secs}s" -s "$here/$w.lua" \
    "http://127.0.0.1:$port/" | grep '^RESULT')
  rps[$w]=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")
  p50=$(sed -E 's/.* p50_us=([0-9]+).*/\1/' <<<"$line")
  p99=$(sed -E 's/.* p99_us=([0-9]+).*/\1/' <<<"$line")
  printf '%-12s %6s %10.0f %8.2f %8.2f\n' "$w" "$conns" "${rps[$w]}" "$(bc -l <<<"$p50/1000")" "$(bc -l <<<"$p99/1000")"
done
for w in rest_create rest_status rest_user; do
  printf '%s / PutItem = %.2f (goal for creation: 0.50 or more)\n' "$w" "$(bc -l <<<"${rps[$w]}/${rps[put]}")"
done
