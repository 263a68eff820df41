#!/usr/bin/env bash
# Checks that every #include "module/..." in src/ follows the module graph of
# docs/architecture.md, and that only kv/ includes RocksDB.
set -euo pipefail
cd "$(dirname "$0")/.."
declare -A allowed=(
  [base]="base"
  [model]="base model"
  [expr]="base model expr"
  [api]="base model api"
  [kv]="base kv"
  [engine]="base model expr api kv engine"
  [wire]="base model api wire"
  [http]="base http"
  [sigv4]="base sigv4"
  [client]="base model api wire http sigv4 client"
  [orders]="base model api orders"
  [server]="base model api wire http sigv4 orders server"
  [cli]="base model expr api kv engine wire http sigv4 client orders server cli"
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
  if [[ $module != kv ]] && grep -rln --include='*.h' --include='*.cc' '#include <rocksdb/' "$dir"; then
    echo "layering: only src/kv may include RocksDB"; status=1
  fi
done
exit $status
