#!/usr/bin/env bash
# The server load benchmark of issue 4, run by `make bench`:
#
#   bench/server/run.sh BUILD_DIR
#
# Starts `BUILD_DIR/ordertrack serve` (fresh temporary data directory) and
# dynalite (the npm package, in memory, installed once into .cache/dynalite),
# each on a free loopback port; measures start to first answer and resident
# memory; creates the seed's `purchase` table in both and preloads the same
# orders; then drives both with the same DynamoDB-protocol load from wrk
# (bench/server/*.lua): PutItem, GetItem, UpdateItem, a GSI Query of 10 and
# the seed's mix, at 1 and at 32 connections. BUILD_DIR/bench/static_http_bench
# (the project's HTTP layer answering a fixed body) under the same wrk
# settings is the ceiling. Prints one table at the end.
#
# Everything listens on 127.0.0.1 only, every step is bounded in time, and
# every process started here is stopped on exit.
#
# Knobs (environment): BENCH_DURATION (s per run, 10), BENCH_WARMUP (s, 2),
# BENCH_ORDERS (100000), BENCH_USERS (2000), BENCH_PRODUCTS (500),
# BENCH_SERVERS ("ordertrack dynalite"), BENCH_WORKLOADS ("put get update
# query mixed"), BENCH_CONNS ("1 32"); BENCH_RESULTS_DIR: also keep the raw
# results there.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${1:-build}
[ -d "$build" ] || { echo "run.sh: no build directory $build" >&2; exit 2; }
build=$(cd "$build" && pwd)

duration=${BENCH_DURATION:-10}
warmup=${BENCH_WARMUP:-2}
orders=${BENCH_ORDERS:-100000}
users=${BENCH_USERS:-2000}
products=${BENCH_PRODUCTS:-500}
servers=${BENCH_SERVERS:-ordertrack dynalite}
workloads=${BENCH_WORKLOADS:-put get update query mixed}
conns_list=${BENCH_CONNS:-1 32}
hz=$(getconf CLK_TCK)

py=/usr/bin/python3
[ -x "$py" ] || py=$(command -v python3 || true)
[ -n "$py" ] || { echo "run.sh: python3 is needed" >&2; exit 2; }
command -v wrk >/dev/null || { echo "run.sh: wrk is needed (apt-get install wrk)" >&2; exit 2; }
tool() { "$py" "$here/tool.py" "$@"; }

work=$(mktemp -d "${TMPDIR:-/tmp}/ordertrack-bench.XXXXXX")
pids=()

stop_pid() {
  local pid=$1 i
  kill -TERM "$pid" 2>/dev/null || return 0
  for i in $(seq 100); do
    # Gone, or a zombie waiting for its reaper.
    [ -e "/proc/$pid" ] || return 0
    [ "$(sed 's/^.*) //' "/proc/$pid/stat" 2>/dev/null | cut -d' ' -f1)" = Z ] && return 0
    sleep 0.05
  done
  kill -KILL "$pid" 2>/dev/null || true
}
cleanup() {
  local pid
  for pid in "${pids[@]}"; do stop_pid "$pid"; done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

meta="$work/meta"
results="$work/results"
: >"$results"
note() { echo "notes=$*" >>"$meta"; echo "  note: $*"; }
{
  echo "orders=$orders"
  echo "duration=$duration"
  echo "wrk=$(wrk --version 2>&1 | head -n1 | cut -d' ' -f1-2), -t1 at 1 connection, -t2 otherwise"
  echo "loadavg_before=$(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
} >"$meta"

# How busy the machine is before anything of ours runs (other processes).
b0=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)
sleep 1
b1=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat)
echo "busy_before=$(awk -v d=$((b1 - b0)) -v hz="$hz" 'BEGIN { printf "%.2f", d / hz }') cores busy (of $(nproc)) in the second before the benchmark" >>"$meta"

# --- what can run ---------------------------------------------------------
ot_bin="$build/ordertrack"
static_bin="$build/bench/static_http_bench"
have_ot=0 have_dyn=0 have_static=0
if [[ " $servers " == *" ordertrack "* ]]; then
  if [ -x "$ot_bin" ] && "$ot_bin" serve --help >/dev/null 2>&1; then
    have_ot=1
  else
    echo "run.sh: $ot_bin has no 'serve' subcommand: ordertrack skipped" >&2
  fi
fi
if [ -x "$static_bin" ]; then have_static=1; else echo "run.sh: no $static_bin: no static ceiling" >&2; fi

dyn_dir="$root/.cache/dynalite"
dyn_pkg="$dyn_dir/node_modules/dynalite"
if [[ " $servers " == *" dynalite "* ]]; then
  why=""
  if ! command -v node >/dev/null; then
    why="node is not installed (apt-get install nodejs npm)"
  elif [ ! -f "$dyn_pkg/package.json" ]; then
    if ! command -v npm >/dev/null; then
      why="npm is not installed (apt-get install npm)"
    else
      echo "== installing dynalite@3 from the npm registry into .cache/dynalite"
      mkdir -p "$dyn_dir"
      if ! timeout 300 npm install --prefix "$dyn_dir" --no-audit --no-fund --loglevel=error \
          dynalite@3 >"$work/npm.log" 2>&1; then
        why="npm install dynalite@3 failed: $(tail -n 5 "$work/npm.log" | tr '\n' ' ')"
      fi
    fi
  fi
  if [ -z "$why" ] && ! node -e "require('$dyn_pkg')" >"$work/node.log" 2>&1; then
    why="dynalite does not load under node $(node --version): $(tail -n 3 "$work/node.log" | tr '\n' ' ')"
  fi
  if [ -n "$why" ]; then
    echo "run.sh: dynalite skipped: $why" >&2
    echo "notes=dynalite skipped: $why" >>"$meta"
  else
    have_dyn=1
  fi
fi
if [ $have_ot = 0 ] && [ $have_dyn = 0 ]; then
  echo "run.sh: neither ordertrack serve nor dynalite can run" >&2
  exit 1
fi

# --- measuring helpers ----------------------------------------------------
rss_mb() { awk '/^VmRSS:/ { printf "%.1f", $2 / 1024 }' "/proc/$1/status"; }
# utime + stime of a process, in clock ticks (all its threads).
cpu_ticks() { sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'; }
# Ticks the whole machine spent busy (user nice system irq softirq steal).
busy_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }

declare -A port pid
ot_cmd=("$ot_bin" serve --listen "127.0.0.1:{port}")
dyn_cmd=(node "$here/dynalite_serve.js" "$dyn_pkg" "{port}")

# start NAME: starts the server three times (keeping the last), records the
# median time from exec to the first answered request.
start_server() {
  local name=$1 i out times=() probe cmd
  for i in 1 2 3; do
    if [ "$name" = ordertrack ]; then
      rm -rf "$work/data"
      cmd=("${ot_cmd[@]}" --data "$work/data")
      probe=/healthz
    else
      cmd=("${dyn_cmd[@]}")
      probe=/
    fi
    out=$(timeout 60 "$py" "$here/tool.py" start "$work/$name.log" "$probe" "${cmd[@]}") || {
      echo "run.sh: $name did not start:" >&2
      tail -n 20 "$work/$name.log" >&2 || true
      return 1
    }
    read -r pid[$name] port[$name] t <<<"$out"
    pids+=("${pid[$name]}")
    times+=("$t")
    if [ $i -lt 3 ]; then stop_pid "${pid[$name]}"; fi
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 2p)
  echo "  $name: start to first answer ${times[*]} ms (median $median), pid ${pid[$name]}, port ${port[$name]}"
  echo "${name}_startup_ms=$median" >>"$meta"
}

# run_wrk NAME WORKLOAD CONNS SECONDS [check|warm]: one wrk run; appends a
# line to $results unless checking or warming up. A check run also counts the
# answers by status and error type (slower, so never a measured run).
run_wrk() {
  local name=$1 workload=$2 conns=$3 secs=$4 mode=${5:-}
  local check=""
  [ "$mode" = check ] && check=1
  local threads=2 url script out line c0 c1 b0 b1
  [ "$conns" -lt 2 ] && threads=1
  url="http://127.0.0.1:${port[$name]}/"
  if [ "$workload" = static ]; then script="$here/static.lua"; else script="$here/$workload.lua"; fi
  c0=$(cpu_ticks "${pid[$name]}")
  b0=$(busy_ticks)
  if ! out=$(BENCH_LUA_DIR="$here" BENCH_ORDERS="$orders" BENCH_USERS="$users" BENCH_PRODUCTS="$products" \
      BENCH_LABEL="$name/$workload/$conns" BENCH_CHECK=$([ -n "$check" ] && echo 1 || echo 0) \
      timeout $((secs + 30)) wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 5s -s "$script" "$url" \
      2>"$work/wrk.err"); then
    echo "  $name $workload c=$conns: wrk failed: $(head -c 300 "$work/wrk.err")" >&2
    return 0
  fi
  c1=$(cpu_ticks "${pid[$name]}")
  b1=$(busy_ticks)
  line=$(grep '^RESULT' <<<"$out" || true)
  if [ -z "$line" ]; then
    echo "  $name $workload c=$conns: no RESULT line from wrk: $out $(head -c 300 "$work/wrk.err")" >&2
    return 0
  fi
  if [ -n "$check" ]; then
    # Every answer must be 200, or for a status change a conditional failure.
    local counts bad
    counts=$(sed -n 's/.* check=//p' <<<"$line")
    bad=$(tr ',;' '\n\n' <<<"$counts" | grep -v -E '^200=|^400:ConditionalCheckFailedException=' || true)
    if [ "$counts" = none ] || [ -n "$bad" ]; then
      echo "  $name $workload: WRONG ANSWERS in the check pass: $counts" >&2
      grep '^CHECK' "$work/wrk.err" | head -n 3 >&2 || true
      echo "notes=$name $workload: unexpected answers in the check pass: $counts" >>"$meta"
    else
      echo "  $name $workload: check pass ok ($counts)"
    fi
    return 0
  fi
  [ "$mode" = warm ] && return 0
  local -A r=()
  local kv
  for kv in $line; do
    [[ $kv == *=* ]] && r[${kv%%=*}]=${kv#*=}
  done
  local row
  row=$(awk -v req="${r[requests]}" -v secs="${r[duration_s]}" -v dc=$((c1 - c0)) -v db=$((b1 - b0)) \
      -v hz="$hz" -v wcpu="${r[wrk_cpu_s]}" -v p50="${r[p50_us]}" -v p99="${r[p99_us]}" -v rps="${r[rps]}" \
      'BEGIN {
        s = dc / hz; cpu_us = req > 0 ? s * 1e6 / req : 0
        sc = s / secs; wc = wcpu / secs; oc = db / hz / secs - sc - wc
        printf "rps=%.1f p50_ms=%.3f p99_ms=%.3f cpu_us=%.1f server_cores=%.2f wrk_cores=%.2f other_cores=%.2f",
          rps, p50 / 1000, p99 / 1000, cpu_us, sc, wc, oc
      }')
  echo "server=$name workload=$workload conns=$conns $row non2xx=${r[non2xx]} sock_errors=${r[sock_errors]} timeouts=${r[timeouts]}" >>"$results"
  printf '  %-10s %-6s c=%-2s %s\n' "$name" "$workload" "$conns" "$row"
}

# --- start, load ------------------------------------------------------------
active=()
[ $have_ot = 1 ] && active+=(ordertrack)
[ $have_dyn = 1 ] && active+=(dynalite)

for name in "${active[@]}"; do
  echo "== $name: start, table, preload of $orders orders"
  if ! start_server "$name"; then
    note "$name did not start; skipped"
    continue
  fi
  sleep 1
  echo "${name}_rss_idle_mb=$(rss_mb "${pid[$name]}")" >>"$meta"
  if ! timeout 60 "$py" "$here/tool.py" create-table "${port[$name]}" | sed "s/^/  /" ||
      ! t=$(timeout 180 "$py" "$here/tool.py" preload "${port[$name]}" "$orders" "$users" "$products"); then
    note "$name: creating the table or the preload failed; skipped"
    stop_pid "${pid[$name]}"
    unset "pid[$name]"
    continue
  fi
  echo "  preloaded in $t s"
  echo "${name}_preload_s=$t" >>"$meta"
  sleep 1
  echo "${name}_rss_loaded_mb=$(rss_mb "${pid[$name]}")" >>"$meta"
  if ! tool probe "${port[$name]}" "$orders" "$users" >"$work/probe.out" 2>&1; then
    note "$name: wrong answer to the probe requests: $(tail -n 1 "$work/probe.out")"
  fi
  sed 's/^/  /' "$work/probe.out" | cut -c1-160
done
running=()
for name in "${active[@]}"; do
  if [ -n "${pid[$name]:-}" ]; then running+=("$name"); fi
done

# --- the static ceiling: measured before and after the workloads; the table
# takes the better of the two at each connection count.
if [ $have_static = 1 ]; then
  echo "== static ceiling: $static_bin"
  if out=$(timeout 60 "$py" "$here/tool.py" start "$work/static.log" / "$static_bin" --listen "127.0.0.1:{port}"); then
    read -r pid[static] port[static] t <<<"$out"
    pids+=("${pid[static]}")
    echo "static_startup_ms=$t" >>"$meta"
    echo "static_rss_mb=$(rss_mb "${pid[static]}")" >>"$meta"
    run_wrk static static 32 "$warmup" warm
    for c in $conns_list; do run_wrk static static "$c" "$duration"; done
  else
    note "static_http_bench did not start: no ceiling"
    have_static=0
  fi
fi

# --- the workloads ----------------------------------------------------------
for w in $workloads; do
  echo "== $w"
  for name in "${running[@]}"; do run_wrk "$name" "$w" 32 "$warmup" check; done
  for c in $conns_list; do
    for name in "${running[@]}"; do run_wrk "$name" "$w" "$c" "$duration"; done
  done
done

if [ $have_static = 1 ]; then
  echo "== static ceiling again"
  for c in $conns_list; do run_wrk static static "$c" "$duration"; done
fi

for name in "${running[@]}"; do echo "${name}_rss_end_mb=$(rss_mb "${pid[$name]}")" >>"$meta"; done
echo "loadavg_after=$(cut -d' ' -f1-3 /proc/loadavg)" >>"$meta"

if [ -n "${BENCH_RESULTS_DIR:-}" ]; then
  mkdir -p "$BENCH_RESULTS_DIR"
  cp "$results" "$BENCH_RESULTS_DIR/results.txt"
  cp "$meta" "$BENCH_RESULTS_DIR/meta.txt"
fi
echo
tool report "$results" "$meta"
