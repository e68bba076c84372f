#!/usr/bin/env bash
# What each search option costs beside a plain search: the 44 benchmark queries
# (../shared/bench/queries.txt) run as one `search --batch` per option set, the sets
# alternating, RUNS rounds; medians of the per-query p50 and p95 and of the whole batch's
# wall time, with the ratio to the plain search of the same rounds. Then `--all` exports
# of a broad query: wall time and peak memory, to show memory does not grow with hits.
#
#   bench/options.sh 10k                 # needs $BENCH_DATA/corpus-10k (bench/compare.sh makes it)
#   RUNS=9 bench/options.sh 10k 100k
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
shared=$(cd "$root/../shared/bench" && pwd) || { echo "no ../shared/bench beside the project"; exit 2; }
DATA=${BENCH_DATA:-/tmp/vraagbaak-bench}
RUNS=${RUNS:-7}
PY=${PY:-python3}
cargo build --release --quiet --manifest-path "$root/Cargo.toml" || exit 1
bin=$root/target/release/vraagbaak
queries=$shared/queries.txt

sets=(
  "plain|"
  "--per-question 1|--per-question 1"
  "--questions|--questions"
  "--sort newest|--sort newest"
  "--offset 20|--offset 20"
  "--facets|--facets"
  "--questions --facets|--questions --facets"
)

for size in ${*:-10k}; do
  corpus=$DATA/corpus-$size
  [ -d "$corpus" ] || { echo "no corpus at $corpus: run bench/compare.sh $size first"; exit 2; }
  idx=$DATA/work/options-$size
  if ! "$bin" --index "$idx" stats >/dev/null 2>&1; then
    echo "== indexing $corpus"
    rm -rf "$idx"
    "$bin" --index "$idx" index --quiet "$corpus" >/dev/null || exit 1
  fi
  log=$(mktemp -d)
  echo "== $size: $RUNS rounds of ${#sets[@]} option sets (44 queries each)"
  for r in $(seq 0 "$RUNS"); do
    for i in "${!sets[@]}"; do
      flags=${sets[$i]#*|}
      start=$(date +%s.%N)
      # shellcheck disable=SC2086
      "$bin" --index "$idx" search --batch "$queries" --json $flags >/dev/null 2>"$log/err"
      end=$(date +%s.%N)
      # round 0 warms the cache and is not counted
      [ "$r" -gt 0 ] && echo "$(tail -1 "$log/err") wall $(echo "$end - $start" | bc)" >> "$log/set$i"
    done
  done
  $PY - "$log" "${sets[@]}" <<'PYEOF'
import re, statistics, sys
log, sets = sys.argv[1], sys.argv[2:]
rows = []
for i, s in enumerate(sets):
    p50, p95, wall = [], [], []
    for line in open(f"{log}/set{i}"):
        m = re.search(r"p50 ([\d.]+) ms, p95 ([\d.]+) ms.* wall ([\d.]+)", line)
        if m:
            p50.append(float(m[1])); p95.append(float(m[2])); wall.append(float(m[3]))
    rows.append((s.split("|")[0], statistics.median(p50), statistics.median(p95), statistics.median(wall)))
base = rows[0]
print(f"{'option':<22}{'p50 ms':>8}{'x':>6}{'p95 ms':>9}{'x':>6}{'batch s':>9}{'x':>6}")
for name, a, b, c in rows:
    print(f"{name:<22}{a:>8.2f}{a/base[1]:>6.2f}{b:>9.2f}{b/base[2]:>6.2f}{c:>9.3f}{c/base[3]:>6.2f}")
PYEOF
  echo "== $size: export of every hit (--all), median of 3; heap: peak anonymous memory (RssAnon),"
  echo "   RSS: peak resident memory with the index files the run read through mmap"
  for q in kinderopvang gemeente "-- -qqqzz"; do
    for fmt in csv jsonl; do
      [ "$q" = "-- -qqqzz" ] && [ "$fmt" = jsonl ] && continue
      rm -f "$log/exp"
      for r in 1 2 3; do
        start=$(date +%s.%N)
        # shellcheck disable=SC2086
        "$bin" --index "$idx" search --all --format $fmt $q >"$log/out" 2>"$log/err2" &
        pid=$!; anon=0; rss=0
        while kill -0 $pid 2>/dev/null; do
          a=$(awk '/RssAnon/{print $2}' /proc/$pid/status 2>/dev/null)
          m=$(awk '/VmRSS/{print $2}' /proc/$pid/status 2>/dev/null)
          [ -n "$a" ] && [ "$a" -gt "$anon" ] && anon=$a
          [ -n "$m" ] && [ "$m" -gt "$rss" ] && rss=$m
          sleep 0.02
        done
        end=$(date +%s.%N)
        echo "$(echo "$end - $start" | bc) $anon $rss $(stat -c %s "$log/out")" >> "$log/exp"
      done
      $PY - "$log/exp" "$q" "$fmt" "$(tail -1 "$log/err2")" <<'PYEOF'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1])]
med = lambda i: statistics.median(float(r[i]) for r in rows)
q = "(everything)" if sys.argv[2].startswith("--") else sys.argv[2]
print(f"  {q:<14}{sys.argv[3]:<6} {med(0):6.2f} s  heap {med(1)/1024:6.1f} MB  RSS {med(2)/1024:6.1f} MB"
      f"  {med(3)/1e6:7.1f} MB out  ({sys.argv[4].removeprefix('vraagbaak: ')})")
PYEOF
    done
  done
  rm -rf "$log"
done
