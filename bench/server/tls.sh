#!/usr/bin/env bash
# GetItem over HTTPS with keep-alive against plain HTTP (issue 14), on one
# store: `ordertrack serve` preloaded over HTTP, measured, then restarted on
# the same data directory with --tls-cert/--tls-key (a self-signed P-256
# certificate made here) and measured again, at each of BENCH_CONNS.
#   bench/server/tls.sh BUILD_DIR
# Prints requests/s, p99 and server CPU per request of both, and https/http.
# Knobs: BENCH_DURATION (s per run, 10), BENCH_WARMUP (s, 2), BENCH_ORDERS
# (100000), BENCH_USERS (2000), BENCH_PRODUCTS (500), BENCH_CONNS ("1 32").
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
orders=${BENCH_ORDERS:-100000}
users=${BENCH_USERS:-2000}
products=${BENCH_PRODUCTS:-500}
secs=${BENCH_DURATION:-10}
warmup=${BENCH_WARMUP:-2}
conns_list=${BENCH_CONNS:-1 32}
hz=$(getconf CLK_TCK)
work=$(mktemp -d)
pid=
stop() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; fi
  pid=
}
cleanup() {
  stop
  rm -rf "$work"
}
trap cleanup EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 1 -subj /CN=127.0.0.1 \
  -addext subjectAltName=IP:127.0.0.1 -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
port=$("$py" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

# serve SCHEME [ARGS...]: starts the server on $port and waits for /healthz.
serve() {
  local scheme=$1; shift
  "$build/ordertrack" serve --listen "127.0.0.1:$port" --data "$work/data" "$@" >"$work/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 100); do
    curl -sf --cacert "$work/cert.pem" "$scheme://127.0.0.1:$port/healthz" >/dev/null && return 0
    sleep 0.1
  done
  echo "tls.sh: the $scheme server did not start: $(tail -n 3 "$work/serve.log")" >&2
  exit 1
}

declare -A rps p99 cpu
# run SCHEME CONNS SECONDS [warm]: one wrk run of get.lua; records its rate,
# p99 and the server's CPU per request unless warming up.
run() {
  local scheme=$1 conns=$2 duration=$3 threads=2 line c0 c1 requests
  [ "$conns" -lt 2 ] && threads=1
  c0=$(sed 's/^.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }')
  line=$(BENCH_LUA_DIR="$here" BENCH_ORDERS=$orders BENCH_USERS=$users BENCH_PRODUCTS=$products \
    BENCH_LABEL="$scheme/$conns" timeout $((duration + 30)) wrk -t$threads -c"$conns" -d"${duration}s" \
    --timeout 5s -s "$here/get.lua" "$scheme://127.0.0.1:$port/" | grep '^RESULT')
  c1=$(sed 's/^.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }')
  [ "${4:-}" = warm ] && return 0
  rps[$scheme/$conns]=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")
  p99[$scheme/$conns]=$(sed -E 's/.* p99_us=([0-9]+).*/\1/' <<<"$line")
  requests=$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$line")
  cpu[$scheme/$conns]=$(awk -v d=$((c1 - c0)) -v hz="$hz" -v n="$requests" \
    'BEGIN { printf "%.1f", (n > 0 ? d / hz * 1e6 / n : 0) }')
}
measure() {
  local conns
  run "$1" 32 "$warmup" warm
  for conns in $conns_list; do run "$1" "$conns" "$secs"; done
}

serve http
timeout 60 "$py" "$here/tool.py" create-table "$port" >/dev/null
echo "preloading $orders orders..."
timeout 600 "$py" "$here/tool.py" preload "$port" "$orders" "$users" "$products" >/dev/null
measure http
stop
serve https --tls-cert "$work/cert.pem" --tls-key "$work/key.pem"
measure https
stop

echo "GetItem, $orders orders, ${secs}s per run, keep-alive; cpu = server CPU us per request"
printf '%-6s %5s %10s %8s %6s\n' scheme conns rps p99_ms cpu_us
for conns in $conns_list; do
  for scheme in http https; do
    printf '%-6s %5s %10.0f %8.2f %6s\n' "$scheme" "$conns" "${rps[$scheme/$conns]}" \
      "$(bc -l <<<"${p99[$scheme/$conns]}/1000")" "${cpu[$scheme/$conns]}"
  done
done
for conns in $conns_list; do
  printf 'https/http at %s connections: %.2f of the rate, %.2f times the CPU per request\n' "$conns" \
    "$(bc -l <<<"${rps[https/$conns]}/${rps[http/$conns]}")" \
    "$(bc -l <<<"${cpu[https/$conns]}/${cpu[http/$conns]}")"
done
