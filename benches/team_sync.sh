#!/usr/bin/env bash
# `order-desk sync` against plain git on a team book of N orders (default 100,000), side by
# side, for BENCHMARKS.md. Each run starts from the same state: a bare remote holding the
# book, a second desk that pushed a few changes meanwhile (10 new orders, 10 status
# changes), and this desk with NEW new orders and STATUS status changes made through the
# store (examples/team_changes). Then either
#   sync:  order-desk sync
#   plain: git add -A; git commit; git pull; git push
# is timed (wall clock, /usr/bin/time), alternating, RUNS times each.
# Usage: bash benches/team_sync.sh [N] [RUNS] [NEW] [STATUS]
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-100000}
runs=${2:-3}
new=${3:-1000}
status=${4:-1000}
work=${ORDER_DESK_BENCH_DIR:-${TMPDIR:-/tmp}/order-desk-team-$n}

command -v /usr/bin/time >/dev/null || { echo "needs /usr/bin/time (Debian package 'time')" >&2; exit 2; }
cargo build --release --quiet --bin order-desk --example generate_orders --example team_changes
bin=$PWD/target/release
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.invalid
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.invalid
export ORDER_DESK_REP=dana

if [ ! -f "$work/seed.complete" ]; then
  rm -rf "$work"; mkdir -p "$work"
  "$bin/examples/generate_orders" --count "$n" --dir "$work/book"
  ORDER_DESK_DESK=seed0000 ORDER_DESK_CONFIG_DIR="$work/cfg" "$bin/order-desk" --orders-dir "$work/book" team init >/dev/null
  git clone -q --bare "$work/book" "$work/seed.git"
  touch "$work/seed.complete"
fi
echo "machine: $(nproc) cores, $(uname -m), git $(git --version | cut -d' ' -f3), $(date -u +%Y-%m-%d)"
echo "book: $n orders; this desk: $new new orders + $status status changes; meanwhile another desk pushed 10 + 10"

prepare() {
  local t=$1
  # git may still be packing in the background after the last run (auto gc): wait for it.
  rm -rf "$t" 2>/dev/null || { sleep 5; rm -rf "$t"; }
  mkdir -p "$t"
  cp -a "$work/seed.git" "$t/remote.git"
  # This desk's copy is taken before the other desk pushes, so both pull and merge.
  git clone -q "$t/remote.git" "$t/a"
  git clone -q "$t/remote.git" "$t/b"
  "$bin/examples/team_changes" --dir "$t/b" --new 10 --status 10 --desk other000 --rep bob --seed 3 2>/dev/null
  git -C "$t/b" add -A; git -C "$t/b" commit -q -m "other desk"; git -C "$t/b" push -q
  "$bin/examples/team_changes" --dir "$t/a" --new "$new" --status "$status" --desk deska000 --rep dana 2>/dev/null
  sync; sleep 1
}

declare -a sync_s plain_s
for r in $(seq "$runs"); do
  t="$work/run"
  prepare "$t"
  /usr/bin/time -f '%e' -o "$work/t" env ORDER_DESK_DESK=deska000 ORDER_DESK_CONFIG_DIR="$work/cfg" \
    "$bin/order-desk" --orders-dir "$t/a" sync > "$work/sync.out"
  sync_s+=("$(tail -1 "$work/t")")
  [ "$r" = 1 ] && sed 's/^/  | /' "$work/sync.out"
  prepare "$t"
  /usr/bin/time -f '%e' -o "$work/t" sh -c "cd '$t/a' && git add -A && git commit -q -m 'plain' && git pull -q --no-rebase --no-edit && git push -q"
  plain_s+=("$(tail -1 "$work/t")")
  echo "run $r: sync ${sync_s[-1]} s, plain git ${plain_s[-1]} s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ms=$(median "${sync_s[@]}"); mp=$(median "${plain_s[@]}")
echo "median: sync $ms s, plain git $mp s, ratio $(awk -v a="$ms" -v b="$mp" 'BEGIN {printf "%.2f", a/b}')"
