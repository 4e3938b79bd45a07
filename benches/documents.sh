#!/usr/bin/env bash
# Whole-process time of `quote export` for a 37-line quote (every tier of the price list,
# 999 each, OC2), in each format, with a seller profile: issue 9's "under 100 ms".
# Usage: bash benches/documents.sh [RUNS]   (needs a release build and farm-bench or hyperfine)
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"
bin="$PWD/target/release/order-desk"
[ -x "$bin" ] || cargo build --release
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export ORDER_DESK_ORDERS="$work/orders" ORDER_DESK_CONFIG_DIR="$work/config" \
    ORDER_DESK_CACHE_DIR="$work/cache" ORDER_DESK_STATE_DIR="$work/state" \
    ORDER_DESK_DESK=bench ORDER_DESK_REP=bench
"$bin" config init >/dev/null 2>&1
items=()
for sku in $("$bin" catalog --format csv | tail -n +2 | cut -d, -f1); do
    items+=(--item "$sku=999")
done
echo "lines in the quote: $(( ${#items[@]} / 2 ))"
id="$("$bin" quote new --customer "Ωμέγα Щедрость Benchmark GmbH" --country DE "${items[@]}")"
cd "$work"
for format in md html pdf; do
    echo "== $format"
    if command -v farm-bench >/dev/null; then
        farm-bench -n "$runs" --warmup 3 -- "$bin" quote export "$id" --format "$format" --force
    else
        hyperfine -N --runs "$runs" --warmup 3 "$bin quote export $id --format $format --force"
    fi
    ls -l "quote-$id.$format"
done
