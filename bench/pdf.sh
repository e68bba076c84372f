#!/usr/bin/env bash
# PDFs: vraagbaak on a folder of PDFs against the workaround users have today
# (`pdftotext -layout` on every file, then `vraagbaak index` on the text), both on all
# cores, in the same run; PDFs per second and peak memory (RSS), medians of ROUNDS.
#
#   bench/pdf.sh [N]        # N one-question PDFs (default 400) made by groff from the
#                           # benchmark corpus, and the bulletin fixtures repeated
#
# Needs groff and poppler-utils (pdftotext), GNU time, a release build, and the 10k
# benchmark corpus at $BENCH_DATA/corpus-10k (bench/compare.sh or gen_corpus.py makes it).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$here/../target/release/vraagbaak
N=${1:-400}
ROUNDS=${ROUNDS:-3}
DATA=${BENCH_DATA:-/tmp/vraagbaak-bench}
work=$DATA/pdf-bench
src=$DATA/corpus-10k
[ -x "$bin" ] || { echo "build first: cargo build --release"; exit 2; }
[ -d "$src" ] || { echo "no corpus at $src"; exit 2; }
for t in groff pdftotext /usr/bin/time; do command -v "$t" >/dev/null || { echo "needs $t"; exit 2; }; done
cores=$(nproc)
if [ ! -f "$work/pdfs/.done-$N" ]; then
  rm -rf "$work"; mkdir -p "$work/pdfs"
  mapfile -t files < <(find "$src" -name '*.txt' | sort | head -n "$N")
  for f in "${files[@]}"; do
    # Each line a line (groff's no-fill mode), paragraphs filled: a text layer as a
    # word processor's export has it.
    { echo '.nr PS 10'; echo '.nr VS 12'; echo '.ds CH'
      awk 'BEGIN{print ".LP"} /^[[:space:]]*$/ {print ".LP"; next} {gsub(/\\/,"\\e"); sub(/^[.'"'"']/,"\\\\&&"); print; print ".br"}' "$f"
    } > "$work/one.ms"
    groff -Kutf-8 -ms -Tpdf "$work/one.ms" > "$work/pdfs/$(basename "$f" .txt).pdf" 2>/dev/null
  done
  touch "$work/pdfs/.done-$N"
fi
count=$(find "$work/pdfs" -name '*.pdf' | wc -l)
bytes=$(du -sb "$work/pdfs" | cut -f1)
echo "$count PDFs ($((bytes / 1024)) KiB), $cores cores, $ROUNDS rounds"
tv() { /usr/bin/time -f '%e %M' "$@" 2>&1 >/dev/null | tail -1; }
v=(); w=(); vm=(); wm=()
for r in $(seq "$ROUNDS"); do
  rm -rf "$work/idx-v" "$work/idx-w" "$work/txt"; mkdir -p "$work/txt"
  read -r s m < <(tv "$bin" --index "$work/idx-v" index --quiet "$work/pdfs")
  v+=("$s"); vm+=("$m")
  start=$(date +%s.%N)
  read -r _ m1 < <(tv sh -c "find '$work/pdfs' -name '*.pdf' -print0 | xargs -0 -P $cores -n 20 sh -c 'for f; do pdftotext -layout \"\$f\" \"$work/txt/\$(basename \"\$f\" .pdf).txt\"; done' x")
  read -r _ m2 < <(tv "$bin" --index "$work/idx-w" index --quiet "$work/txt")
  w+=("$(echo "$(date +%s.%N) - $start" | bc)"); wm+=("$(( m1 > m2 ? m1 : m2 ))")
done
python3 - "$count" "${v[*]}" "${w[*]}" "${vm[*]}" "${wm[*]}" <<'PY'
import statistics, sys
n = int(sys.argv[1])
v, w = [float(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()]
vm, wm = [int(x) for x in sys.argv[4].split()], [int(x) for x in sys.argv[5].split()]
mv, mw = statistics.median(v), statistics.median(w)
print(f"{'':34}{'seconds':>9}{'PDFs/s':>9}{'peak MiB':>10}")
print(f"{'vraagbaak index (PDFs)':34}{mv:9.2f}{n / mv:9.1f}{statistics.median(vm) / 1024:10.0f}")
print(f"{'pdftotext -layout, then index':34}{mw:9.2f}{n / mw:9.1f}{statistics.median(wm) / 1024:10.0f}")
print(f"vraagbaak / workaround time: {mv / mw:.2f}")
PY
