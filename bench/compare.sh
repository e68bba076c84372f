#!/usr/bin/env bash
# Side-by-side benchmark: vraagbaak and the peers of ../shared/bench/peers on the same
# corpus (../shared/bench/gen_corpus.py) and the same 44 queries, on this machine, in one
# run. Prints one table of figures and ratios; logs stay in $BENCH_DATA.
#
#   bench/compare.sh 10k                    # one size
#   bench/compare.sh 10k 100k               # both
#   PEERS="sqlite postgres" REPS=5 BUILDS=3 VB_REPS=20 bench/compare.sh 10k
#
# Needs: python3 with ../shared/bench/requirements.txt (wordfreq, psycopg), /usr/bin/time.
# Peers that are not installed are left out with a note (see ../shared/bench/README.md to
# install them: PostgreSQL 15, python3-xapian, tantivy-cli).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
shared=$(cd "$root/../shared/bench" && pwd) || { echo "no ../shared/bench beside the project"; exit 2; }
DATA=${BENCH_DATA:-/tmp/vraagbaak-bench}
REPS=${REPS:-5}
BUILDS=${BUILDS:-3}
# vraagbaak answers the 44 queries in well under a second: more passes, so that one burst of
# noise from a neighbour on a shared machine cannot move its percentiles.
VB_REPS=${VB_REPS:-20}
PY=${PY:-python3}
XPY=${XPY:-/usr/bin/python3}
PEERS=${PEERS:-"sqlite postgres tantivy xapian"}
SEED=${SEED:-1}

docs_for() { case $1 in *k) echo $(( ${1%k} * 1000 ));; *) echo "$1";; esac; }

available() {
  case $1 in
    sqlite) $PY -c 'import sqlite3' 2>/dev/null ;;
    postgres)
      psql -d bench -c 'select 1' >/dev/null 2>&1 && return 0
      command -v pg_ctlcluster >/dev/null || return 1
      pg_ctlcluster 15 main start >/dev/null 2>&1
      su postgres -c "createuser -s $(whoami)" >/dev/null 2>&1
      createdb bench >/dev/null 2>&1
      psql -d bench -c 'select 1' >/dev/null 2>&1 ;;
    tantivy) command -v tantivy >/dev/null || [ -x "$HOME/.cargo/bin/tantivy" ] ;;
    xapian) $XPY -c 'import xapian' 2>/dev/null ;;
    *) return 1 ;;
  esac
}

cargo build --release --quiet --manifest-path "$root/Cargo.toml" || exit 1
bin=$root/target/release/vraagbaak

for size in ${*:-10k}; do
  corpus=$DATA/corpus-$size
  out=$DATA/results/$size
  mkdir -p "$out"
  if [ ! -f "$corpus/manifest.jsonl" ]; then
    echo "== generating $corpus"
    $PY "$shared/gen_corpus.py" --docs "$(docs_for "$size")" --seed "$SEED" --out "$corpus" || exit 1
  fi

  echo "== vraagbaak $size: index ($BUILDS builds from scratch, the median counts)"
  work=$DATA/work/vraagbaak-$size
  rm -f "$out"/vraagbaak.index.*
  for b in $(seq 1 "$BUILDS"); do
    rm -rf "$work"
    /usr/bin/time -v -o "$out/vraagbaak.index.$b.time" \
      "$bin" --index "$work" index --quiet --json "$corpus" > "$out/vraagbaak.index.json" || exit 1
  done
  echo "== vraagbaak $size: query (1 warm-up + $VB_REPS passes)"
  rm -f "$out"/vraagbaak.query.*
  for r in $(seq 0 "$VB_REPS"); do
    "$bin" --index "$work" search --batch "$shared/queries.txt" --json > "$out/vraagbaak.query.$r.jsonl" 2>/dev/null
  done

  for peer in $PEERS; do
    if ! available "$peer"; then
      echo "== $peer: not installed here, left out"
      rm -f "$out/$peer".*
      continue
    fi
    case $peer in
      sqlite) cmd="$PY $shared/peers/sqlite_fts5.py" ;;
      postgres) cmd="$PY $shared/peers/pg_fts.py" ;;
      tantivy) cmd="$PY $shared/peers/tantivy_cli.py" ;;
      xapian) cmd="$XPY $shared/peers/xapian_peer.py" ;;
    esac
    pwork=$DATA/work/$peer-$size
    rm -rf "$pwork"; mkdir -p "$pwork"
    echo "== $peer $size: index"
    /usr/bin/time -v -o "$out/$peer.index.time" $cmd index --corpus "$corpus" --work "$pwork" > "$out/$peer.index.log" 2>&1 \
      || { echo "   failed, see $out/$peer.index.log"; continue; }
    echo "== $peer $size: query ($REPS passes)"
    /usr/bin/time -v -o "$out/$peer.query.time" $cmd query --work "$pwork" --reps "$REPS" > "$out/$peer.query.log" 2>&1 \
      || { echo "   failed, see $out/$peer.query.log"; continue; }
    du -sb "$pwork" | cut -f1 > "$out/$peer.du"
  done
  du -sb "$work" | cut -f1 > "$out/vraagbaak.du"
done

$PY "$here/table.py" "$DATA" ${*:-10k}
