#!/usr/bin/env bash
# What a REST API key costs the server (issue 14): GET /v1/orders/{id} of a
# random preloaded order at BENCH_CONNS connections, "open" (no key in the
# store, no header) against "keyed" (a reader key in the store, sent as
# `Authorization: Bearer` on every request).
#   bench/server/auth.sh BUILD_DIR
# One store is preloaded over the DynamoDB protocol and stopped, then copied;
# only the copy gets the key (`ordertrack keys create --data`), so both serve
# the same orders. Rounds alternate open and keyed, each run on a freshly
# started server, to cancel drift; the goal line takes the median of the
# rounds' keyed/open ratios of server CPU (utime + stime) per request.
# Knobs: BENCH_DURATION (s per run, 10), BENCH_WARMUP (s, 2), BENCH_ROUNDS (3),
# BENCH_ORDERS (20000), BENCH_USERS (2000), BENCH_PRODUCTS (500),
# BENCH_CONNS (32).
set -euo pipefail
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
# The preload's sizes, exported: wrk's script (common.lua) reads them too.
export BENCH_LUA_DIR=$here BENCH_ORDERS=${BENCH_ORDERS:-20000} BENCH_USERS=${BENCH_USERS:-2000} \
  BENCH_PRODUCTS=${BENCH_PRODUCTS:-500}
orders=$BENCH_ORDERS
secs=${BENCH_DURATION:-10} warmup=${BENCH_WARMUP:-2} rounds=${BENCH_ROUNDS:-3} conns=${BENCH_CONNS:-32}
hz=$(getconf CLK_TCK)
work=$(mktemp -d "${TMPDIR:-/tmp}/ordertrack-auth.XXXXXX")
pid=
port=

# The server is started by tool.py, so it is no child of this shell: stopping
# it polls /proc. A zombie (nobody may reap it here) holds no files any more.
exited() { [ ! -e "/proc/$1" ] || [ "$(sed 's/^.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)" = Z ]; }
stop() {
  local signal
  [ -n "$pid" ] || return 0
  for signal in TERM KILL; do
    kill -s $signal "$pid" 2>/dev/null || true
    for _ in $(seq 200); do exited "$pid" && break; sleep 0.05; done
    exited "$pid" && break
  done
  pid=
}
cleanup() {
  stop
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# serve DATA_DIR: `ordertrack serve` on a free loopback port, once it answers.
serve() {
  local out
  out=$(timeout 60 "$py" "$here/tool.py" start "$work/serve.log" /healthz \
    "$build/ordertrack" serve --listen "127.0.0.1:{port}" --data "$1") || {
    echo "auth.sh: the server on $1 did not start: $(tail -n 3 "$work/serve.log")" >&2
    exit 1
  }
  read -r pid port _ <<<"$out"
}

id0=$(printf '00000000-0000-4000-8000-%012d' 0)
# expect STATUS WHAT [CURL_ARGS...]: one GET of the first preloaded order
# (WHAT says how it was sent, without the token).
expect() {
  local want=$1 what=$2 got; shift 2
  got=$(curl -s -m 5 -o /dev/null -w '%{http_code}' "$@" "http://127.0.0.1:$port/v1/orders/$id0")
  [ "$got" = "$want" ] && return 0
  echo "auth.sh: GET /v1/orders/$id0 $what answered $got, not $want" >&2
  exit 1
}

# The reads: rest_user.lua's setup and RESULT line (common.lua), its request
# replaced by a GET of one order, with the key's header when BENCH_BEARER is set.
cat >"$work/rest_get.lua" <<'EOF'
workload = "rest_user"
dofile((os.getenv("BENCH_LUA_DIR") or ".") .. "/common.lua")
workload = "rest_get"
local ORDERS = tonumber(os.getenv("BENCH_ORDERS") or "100000")
local BEARER = os.getenv("BENCH_BEARER") or ""
local tail
function request()
  if not tail then
    tail = " HTTP/1.1\r\nHost: " .. wrk.headers["Host"] .. "\r\n"
      .. (BEARER ~= "" and ("Authorization: Bearer " .. BEARER .. "\r\n") or "") .. "\r\n"
  end
  return string.format("GET /v1/orders/00000000-0000-4000-8000-%012d", math.random(0, ORDERS - 1)) .. tail
end
EOF

cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
declare -A rps cpu
# measure MODE ROUND [warm]: one wrk run of the reads against the running
# server; records its rate and the server's CPU us per request unless warming.
measure() {
  local mode=$1 round=$2 duration=$secs bearer="" line c0 c1 requests bad
  [ "${3:-}" = warm ] && duration=$warmup
  [ "$mode" = keyed ] && bearer=$token
  c0=$(cpu_ticks "$pid")
  line=$(BENCH_BEARER=$bearer BENCH_LABEL="$mode/$round" \
    timeout $((duration + 30)) wrk -t2 -c"$conns" -d"${duration}s" --timeout 5s -s "$work/rest_get.lua" \
    "http://127.0.0.1:$port/" | grep '^RESULT') || { echo "auth.sh: $mode round $round: wrk failed" >&2; exit 1; }
  c1=$(cpu_ticks "$pid")
  bad=$(sed -E 's/.* non2xx=([0-9]+) sock_errors=([0-9]+) timeouts=([0-9]+).*/\1+\2+\3/' <<<"$line")
  if [ $((bad)) -ne 0 ]; then
    echo "auth.sh: $mode round $round: answers not 2xx, socket errors or timeouts: $line" >&2
    exit 1
  fi
  [ "${3:-}" = warm ] && return 0
  rps[$mode/$round]=$(sed -E 's/.* rps=([0-9.]+).*/\1/' <<<"$line")
  requests=$(sed -E 's/.* requests=([0-9]+).*/\1/' <<<"$line")
  cpu[$mode/$round]=$(awk -v d=$((c1 - c0)) -v hz="$hz" -v n="$requests" \
    'BEGIN { printf "%.2f", (n > 0 ? d / hz * 1e6 / n : 0) }')
}

serve "$work/open"
timeout 60 "$py" "$here/tool.py" create-table "$port" >/dev/null
echo "preloading $orders orders..."
timeout 600 "$py" "$here/tool.py" preload "$port" "$orders" "$BENCH_USERS" "$BENCH_PRODUCTS" >/dev/null
stop
timeout 120 cp -a "$work/open" "$work/keyed"
token=$(timeout 30 "$build/ordertrack" keys create --data "$work/keyed" --name bench-reader --role reader --json |
  "$py" -c 'import json, sys; print(json.load(sys.stdin)["token"])')

for round in $(seq "$rounds"); do
  for mode in open keyed; do
    serve "$work/$mode"
    if [ "$mode" = open ]; then
      expect 200 "with no key in the store"
    else
      expect 401 "without a key"
      expect 200 "with the reader key" -H "Authorization: Bearer $token"
    fi
    measure "$mode" "$round" warm
    measure "$mode" "$round"
    stop
  done
done

echo "GET /v1/orders/{id}, $orders orders, ${secs}s per run, $rounds rounds; cpu = server CPU us per request"
printf '%-6s %-6s %5s %10s %14s\n' round workload conns rps cpu_us_per_req
ratios=()
for round in $(seq "$rounds"); do
  for mode in open keyed; do
    printf '%-6s %-6s %5s %10.0f %14s\n' "$round" "$mode" "$conns" "${rps[$mode/$round]}" "${cpu[$mode/$round]}"
  done
  ratios+=("$(bc -l <<<"${cpu[keyed/$round]}/${cpu[open/$round]}")")
done
printf 'keyed / open server CPU per request = %.2f (goal: 1.05 or less)\n' \
  "$("$py" -c 'import statistics, sys; print(statistics.median(map(float, sys.argv[1:])))' "${ratios[@]}")"
