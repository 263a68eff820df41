#!/usr/bin/env bash
# Checks that every #include "module/..." in src/ follows the module graph of
# docs/architecture.md, that no file outside a module includes its internal/
# headers, and that the third-party libraries stay where the graph confines
# them: RocksDB to kv/, Boost.Beast to http/ and client/, RapidJSON to wire/
# (and the one exception named below).
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A allowed=(
  [base]="base"
  [model]="base model"
  [expr]="base model expr"
  [api]="base model api"
  [access]="base model api access"
  [kv]="base kv"
  [engine]="base model expr api kv engine"
  [wire]="base model api wire"
  [http]="base http"
  [sigv4]="base sigv4"
  [client]="base model api wire http sigv4 client"
  [orders]="base model api orders"
  [events]="base model api orders events"
  [server]="base model api access wire http sigv4 orders events server"
  [cli]="base model expr api access kv engine wire http sigv4 client orders events server cli"
)
status=0
for dir in src/*/; do
  module=$(basename "$dir")
  if [[ -z ${allowed[$module]+x} ]]; then
    echo "layering: src/$module is not in the module graph"; status=1; continue
  fi
  while IFS=: read -r file _ include; do
    target=$(sed -E 's/.*#include "([a-z_0-9]+)\/.*/\1/' <<<"$include")
    if [[ ! " ${allowed[$module]} testing " == *" $target "* ]]; then
      echo "layering: $file includes $target/, which $module/ may not depend on"; status=1
    fi
  # Tests may set up a real engine behind the module they test; the library may not.
  done < <(grep -rn --include='*.h' --include='*.cc' --exclude='*_test.cc' --exclude='*_test_*' '^#include "[a-z_0-9]*/' "$dir" || true)
done

# `pattern` may be included only by the files under the listed paths.
confine() {
  local what=$1 pattern=$2; shift 2
  local file ok prefix
  while IFS= read -r file; do
    ok=0
    for prefix in "$@"; do [[ $file == "$prefix"* ]] && ok=1; done
    if (( !ok )); then echo "layering: $file includes $what, which only $* may"; status=1; fi
  done < <(grep -rl --include='*.h' --include='*.cc' -E "^#include $pattern" src tests bench fuzz testing || true)
}

# A module's internal/ headers are for that module alone (its tests included).
while IFS=: read -r file _ include; do
  module=$(sed -E 's/.*#include "([a-z_0-9]+)\/internal\/.*/\1/' <<<"$include")
  if [[ $file != src/$module/* ]]; then
    echo "layering: $file includes $module/internal/, which is internal to src/$module"; status=1
  fi
done < <(grep -rn --include='*.h' --include='*.cc' '^#include "[a-z_0-9]*/internal/' src tests bench fuzz testing || true)

confine RocksDB '<rocksdb/' src/kv/
confine Boost.Beast '<boost/beast' src/http/ src/client/
# server/rest_json.cc encodes the orders REST API's own JSON, which is not
# DynamoDB's and so not wire's to know; wire (below orders) cannot hold it.
confine RapidJSON '<rapidjson/' src/wire/ src/server/rest_json.cc
exit $status
