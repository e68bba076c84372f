#!/usr/bin/env bash
# Two builds side by side, alternating, on the same corpora: 10k indexing (a rebuild from
# scratch) and query p50/p95 of the 44 benchmark queries (one `search --batch` a round).
# Medians of ROUNDS, and the ratio of B to A. For "within noise of the commit before":
#
#   git worktree add /tmp/before HEAD~3 && cargo build --release --manifest-path /tmp/before/Cargo.toml
#   bench/ab.sh /tmp/before/target/release/vraagbaak target/release/vraagbaak 10k 100k
#
# Needs $BENCH_DATA/corpus-SIZE for each size (bench/compare.sh makes them). KEEP=1 reuses
# the indexes of the last run; INDEX_ROUNDS=0 leaves out the indexing rounds.
# SAME_INDEX=1 has both builds search A's index (when the format did not change): two
# indexes of one corpus differ in their segments, which moved p95 by up to 9% between
# two runs of one build. SEARCH_ARGS adds flags to every search (`--exact`, say).
set -u
here=$(cd "$(dirname "$0")" && pwd)
shared=$(cd "$here/../../shared/bench" 2>/dev/null && pwd) || shared=$(cd "$here/../shared/bench" 2>/dev/null && pwd) \
  || { echo "no shared/bench beside the project"; exit 2; }
[ $# -ge 3 ] || { echo "usage: bench/ab.sh BINARY_A BINARY_B SIZE..."; exit 2; }
A=$1; B=$2; shift 2
DATA=${BENCH_DATA:-/tmp/vraagbaak-bench}
ROUNDS=${ROUNDS:-7}
INDEX_ROUNDS=${INDEX_ROUNDS:-5}
PY=${PY:-python3}
queries=$shared/queries.txt
log=$(mktemp -d)
for size in "$@"; do
  corpus=$DATA/corpus-$size
  [ -d "$corpus" ] || { echo "no corpus at $corpus"; exit 2; }
  for side in A B; do
    bin=${!side}
    idx=$DATA/work/ab-$side-$size
    # KEEP=1: the indexes of an earlier run of the same two builds are reused.
    [ "${KEEP:-0}" = 1 ] && [ -f "$idx/meta.json" ] && continue
    rm -rf "$idx"
    start=$(date +%s.%N)
    "$bin" --index "$idx" index --quiet "$corpus" >/dev/null || exit 1
    echo "$size $side first build $(echo "$(date +%s.%N) - $start" | bc) s"
  done
  if [ "$size" = 10k ]; then
    for r in $(seq 1 "$INDEX_ROUNDS"); do
      for side in A B; do
        bin=${!side}
        start=$(date +%s.%N)
        "$bin" --index "$DATA/work/ab-$side-$size" index --quiet --rebuild "$corpus" >/dev/null || exit 1
        echo "$(echo "$(date +%s.%N) - $start" | bc)" >> "$log/index-$side"
      done
    done
  fi
  for r in $(seq 0 "$ROUNDS"); do
    for side in A B; do
      bin=${!side}
      idx=$DATA/work/ab-$side-$size
      [ "${SAME_INDEX:-0}" = 1 ] && idx=$DATA/work/ab-A-$size
      # shellcheck disable=SC2086
      "$bin" --index "$idx" search --batch "$queries" --json ${SEARCH_ARGS:-} >/dev/null 2>"$log/err"
      [ "$r" -gt 0 ] && tail -1 "$log/err" >> "$log/q-$side-$size"
    done
  done
done
$PY - "$log" "$@" <<'PYEOF'
import os, re, statistics, sys
log, sizes = sys.argv[1], sys.argv[2:]
def med(xs): return statistics.median(xs) if xs else float("nan")
print(f"{'':<22}{'A':>9}{'B':>9}{'B/A':>7}")
if os.path.exists(f"{log}/index-A"):
    a = [float(l) for l in open(f"{log}/index-A")]; b = [float(l) for l in open(f"{log}/index-B")]
    print(f"{'10k index s':<22}{med(a):>9.2f}{med(b):>9.2f}{med(b)/med(a):>7.2f}")
for size in sizes:
    got = {}
    for side in "AB":
        p50, p95 = [], []
        for line in open(f"{log}/q-{side}-{size}"):
            m = re.search(r"p50 ([\d.]+) ms, p95 ([\d.]+) ms", line)
            if m: p50.append(float(m[1])); p95.append(float(m[2]))
        got[side] = (med(p50), med(p95))
    for i, name in enumerate(["p50", "p95"]):
        a, b = got["A"][i], got["B"][i]
        print(f"{size + ' query ' + name + ' ms':<22}{a:>9.2f}{b:>9.2f}{b/a:>7.2f}")
PYEOF
rm -rf "$log"
