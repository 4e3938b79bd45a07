#!/usr/bin/env bash
# Whole-process figures for BENCHMARKS.md at N orders (default 100,000):
#   1. load vs the bare-read floor (examples/load_floor), cold (no cache) and warm;
#   2. the terminal app in a pseudo-terminal: first frame, whole book shown, peak memory
#      (examples/startup);
#   3. `order-desk orders --format csv` wall time and peak memory (/usr/bin/time -v).
# Usage: bash benches/measure.sh [N] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
runs=${2:-5}
dir=${ORDER_DESK_BENCH_DIR:-${TMPDIR:-/tmp}/order-desk-measure-$n}

command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 2; }
cargo build --release --quiet --bin order-desk --example generate_orders --example load_floor --example startup
bin=target/release
if [ ! -f "$dir/.complete" ]; then
  rm -rf "$dir"
  "$bin/examples/generate_orders" --count "$n" --dir "$dir" --damaged 4
  touch "$dir/.complete"
  # Files changed in the last seconds are never trusted to the cache (see summary_cache.rs).
  sleep 4
fi
echo "machine: $(nproc) cores, $(uname -m), $(date -u +%Y-%m-%d)"
echo "folder: $dir ($(ls "$dir" | wc -l) files)"

echo; echo "== load, cold: no cache (first start after an upgrade, or cache deleted)"
rm -f "$dir/.order-desk.cache"
"$bin/examples/load_floor" "$dir" 1 | tail -1
echo; echo "== load, warm: the usual start (cache written by the previous run)"
"$bin/examples/load_floor" "$dir" "$runs"

echo; echo "== terminal app in a pty (120x35)"
"$bin/examples/startup" "$dir" "$runs" | tail -1

echo; echo "== order-desk orders --format csv"
times=(); peaks=()
for _ in $(seq "$runs"); do
  /usr/bin/time -f '%e %M' -o /tmp/od-time.$$ "$bin/order-desk" --orders-dir "$dir" orders --format csv >/dev/null 2>/dev/null || true
  # The last line holds the figures (a line before it notes exit 1 for the damaged files).
  read -r t m < <(tail -n 1 /tmp/od-time.$$)
  times+=("$t"); peaks+=("$m")
done
rm -f /tmp/od-time.$$
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median of $runs: $(med "${times[@]}") s wall, peak memory $(( $(med "${peaks[@]}") / 1024 )) MiB"
