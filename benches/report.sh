#!/usr/bin/env bash
# `order-desk report --by month --format csv` against `order-desk orders --format csv` on
# the same folder, run side by side (alternating, so both see the same machine load), as
# whole processes: wall time and peak memory, medians of RUNS each, and their ratio.
# Usage: bash benches/report.sh [N] [RUNS]   (N orders, default 100,000; RUNS default 7)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
runs=${2:-7}
dir=${ORDER_DESK_BENCH_DIR:-${TMPDIR:-/tmp}/order-desk-measure-$n}

command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 2; }
cargo build --release --quiet --bin order-desk --example generate_orders
bin=target/release
if [ ! -f "$dir/.complete" ]; then
  rm -rf "$dir"
  "$bin/examples/generate_orders" --count "$n" --dir "$dir" --damaged 4
  touch "$dir/.complete"
  sleep 4 # files changed in the last seconds are never trusted to the cache
fi
echo "machine: $(nproc) cores, $(uname -m), load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
echo "folder: $dir ($(ls "$dir" | wc -l) files)"
# One run of each first, so both start with the summary cache written.
"$bin/order-desk" --orders-dir "$dir" orders --format csv >/dev/null 2>&1 || true

one() { # prints "seconds KiB" for one run of the given command
  /usr/bin/time -f '%e %M' -o /tmp/od-report.$$ "$bin/order-desk" --orders-dir "$dir" "$@" >/dev/null 2>/dev/null || true
  tail -n 1 /tmp/od-report.$$
}
ot=(); om=(); rt=(); rm_=()
for _ in $(seq "$runs"); do
  read -r t m < <(one orders --format csv); ot+=("$t"); om+=("$m")
  read -r t m < <(one report --by month --format csv); rt+=("$t"); rm_+=("$m")
done
rm -f /tmp/od-report.$$
med() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
o=$(med "${ot[@]}"); r=$(med "${rt[@]}")
echo "orders --format csv:              median $o s wall, peak $(( $(med "${om[@]}") / 1024 )) MiB  (runs: ${ot[*]})"
echo "report --by month --format csv:   median $r s wall, peak $(( $(med "${rm_[@]}") / 1024 )) MiB  (runs: ${rt[*]})"
echo "report / orders: $(awk -v r="$r" -v o="$o" 'BEGIN { printf "%.2f", r / o }')"
