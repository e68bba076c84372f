#!/usr/bin/env bash
# `vraagbaak serve` under load, and tantivy-cli's `serve` on the same corpus where it is
# installed: CONNECTIONS clients (keep-alive) over the 44 benchmark queries for SECONDS,
# ROUNDS times alternating; requests per second, p50, p99, errors (medians of the rounds),
# and each server's memory idle (VmRSS after start) and loaded (VmHWM after the rounds).
#
#   bench/serve.sh 10k            (CONNECTIONS=32 SECONDS=10 ROUNDS=3)
#
# Needs $BENCH_DATA/corpus-SIZE (bench/compare.sh makes them). tantivy-cli:
# `cargo install tantivy-cli` (see ../shared/bench/README.md); TANTIVY=path if elsewhere.
set -u
here=$(cd "$(dirname "$0")" && pwd)
shared=$(cd "$here/../../shared/bench" 2>/dev/null && pwd) || shared=$(cd "$here/../shared/bench" 2>/dev/null && pwd) \
  || { echo "no shared/bench beside the project"; exit 2; }
size=${1:-10k}
DATA=${BENCH_DATA:-/tmp/vraagbaak-bench}
CONNECTIONS=${CONNECTIONS:-32}
SECONDS_=${SECONDS:-10}
ROUNDS=${ROUNDS:-3}
corpus=$DATA/corpus-$size
[ -d "$corpus" ] || { echo "no corpus at $corpus"; exit 2; }
cd "$here/.."
cargo build --release --quiet --example load || exit 1
cargo build --release --quiet || exit 1
bin=target/release/vraagbaak
load=target/release/examples/load
idx=$DATA/work/serve-$size
[ -f "$idx/meta.json" ] || "$bin" --index "$idx" index --quiet "$corpus" >/dev/null || exit 1
tantivy=${TANTIVY:-$(command -v tantivy || echo "$HOME/.cargo/bin/tantivy")}
twork=$DATA/work/tantivy-serve-$size
if [ -x "$tantivy" ] && [ ! -f "$twork/index/meta.json" -o ! -s "$twork/docs.jsonl" ]; then
  TANTIVY=$tantivy python3 "$shared/peers/tantivy_cli.py" index --corpus "$corpus" --work "$twork" >/dev/null || exit 1
fi
kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }
wait_up() { for _ in $(seq 100); do curl -s -o /dev/null "$1" && return 0; sleep 0.2; done; echo "no server at $1"; exit 1; }
port=7391
"$bin" --index "$idx" serve --addr 127.0.0.1:$port 2>/dev/null &
vpid=$!
sides="vraagbaak"
if [ -x "$tantivy" ]; then
  tport=7392
  "$tantivy" serve -i "$twork/index" --host 127.0.0.1 --port $tport >/dev/null 2>&1 &
  tpid=$!
  sides="vraagbaak tantivy"
fi
trap 'kill $vpid ${tpid:-} 2>/dev/null' EXIT
wait_up "http://127.0.0.1:$port/health"
[ -n "${tpid:-}" ] && wait_up "http://127.0.0.1:$tport/api/?q=x&nhits=1"
sleep 1
echo "idle: vraagbaak $(( $(kb $vpid VmRSS) / 1024 )) MB${tpid:+, tantivy-cli $(( $(kb $tpid VmRSS) / 1024 )) MB}"
out=$(mktemp)
# Kept-alive connections, then a new connection per request: tantivy-cli's server (iron)
# holds a thread per kept-alive connection, so beyond its threads connections wait.
for r in $(seq "$ROUNDS"); do
  for mode in keep close; do
    for side in $sides; do
      if [ "$side" = vraagbaak ]; then base=http://127.0.0.1:$port; else base=http://127.0.0.1:$tport; fi
      flag=""; [ "$mode" = close ] && flag=--close
      "$load" --target "$side" --base "$base" --queries "$shared/queries.txt" \
        --connections "$CONNECTIONS" --seconds "$SECONDS_" $flag | tee -a "$out"
    done
  done
done
echo "loaded (peak): vraagbaak $(( $(kb $vpid VmHWM) / 1024 )) MB, now $(( $(kb $vpid VmRSS) / 1024 )) MB${tpid:+; tantivy-cli $(( $(kb $tpid VmHWM) / 1024 )) MB}"
python3 - "$out" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
print("%-10s %6s %-11s %10s %8s %8s %7s %10s" % ("server", "conns", "connection", "req/s", "p50 ms",
      "p99 ms", "errors", "bytes/req"))
for t, k in dict.fromkeys((r["target"], r["keep_alive"]) for r in rows):
    rs = [r for r in rows if r["target"] == t and r["keep_alive"] == k]
    med = lambda f: statistics.median(r[f] for r in rs)
    print("%-10s %6d %-11s %10.0f %8.2f %8.2f %7d %10d" % (t, rs[0]["connections"],
          "kept alive" if k else "new each", med("rps"), med("p50_ms"), med("p99_ms"),
          sum(r["errors"] for r in rs), med("mean_bytes")))
PY
rm -f "$out"
