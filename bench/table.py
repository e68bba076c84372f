#!/usr/bin/env python3
"""Reads the logs of bench/compare.sh and prints one table of figures and ratios.

    python3 bench/table.py DATA SIZE [SIZE...]
"""
import glob
import json
import os
import re
import sys


def peak_mb(path):
    try:
        text = open(path).read()
    except OSError:
        return None
    m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", text)
    return int(m.group(1)) / 1024 if m else None


def wall_s(path):
    try:
        text = open(path).read()
    except OSError:
        return None
    m = re.search(r"Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)", text)
    if not m:
        return None
    h, mi, s = m.groups()
    return int(h or 0) * 3600 + int(mi) * 60 + float(s)


def percentile(values, p):
    """Linear-interpolated, as ../shared/bench/peers/common.py computes it."""
    v = sorted(values)
    if not v:
        return None
    k = (len(v) - 1) * p / 100.0
    lo, hi = int(k), min(int(k) + 1, len(v) - 1)
    return v[lo] + (v[hi] - v[lo]) * (k - lo)


def vraagbaak_row(out, docs):
    took = []
    for path in sorted(glob.glob(os.path.join(out, "vraagbaak.query.*.jsonl"))):
        if path.endswith(".0.jsonl"):
            continue  # warm-up pass
        took += [json.loads(l)["took_ms"] for l in open(path) if l.strip()]
    size = int(open(os.path.join(out, "vraagbaak.du")).read())
    return {"engine": "vraagbaak", "index_s": wall_s(os.path.join(out, "vraagbaak.index.time")),
            "index_mb": size / 1e6, "peak_mb": peak_mb(os.path.join(out, "vraagbaak.index.time")),
            "p50": percentile(took, 50), "p95": percentile(took, 95), "docs": docs,
            "notes": "passages + snippets, Dutch stemming"}


def peer_row(out, peer, docs):
    log = os.path.join(out, peer + ".query.log")
    if not os.path.exists(log):
        return None
    m = re.search(r"SUMMARY .*?index_s=([\d.]+) index_bytes=(\d+|None) p50_ms=([\d.]+) p95_ms=([\d.]+)", open(log).read())
    if not m:
        return None
    index_s, index_bytes, p50, p95 = m.groups()
    du = os.path.join(out, peer + ".du")
    size = int(index_bytes) if index_bytes != "None" else int(open(du).read())
    return {"engine": peer, "index_s": float(index_s), "index_mb": size / 1e6,
            "peak_mb": peak_mb(os.path.join(out, peer + ".index.time")),
            "p50": float(p50), "p95": float(p95), "docs": docs, "notes": ""}


def fmt(x, spec):
    return "-" if x is None else format(x, spec)


def main(argv):
    data, sizes = argv[0], argv[1:]
    for size in sizes:
        out = os.path.join(data, "results", size)
        docs = sum(1 for _ in open(os.path.join(data, "corpus-" + size, "manifest.jsonl")))
        rows = [vraagbaak_row(out, docs)]
        for peer in ("tantivy", "sqlite", "postgres", "xapian"):
            r = peer_row(out, peer, docs)
            if r:
                rows.append(r)
        v = rows[0]
        print("\n%s documents (%s), 44 queries, median of the passes" % (docs, size))
        print("| engine | index s | docs/s | index MB | peak MB | p50 ms | p95 ms | index time / vraagbaak | p50 / vraagbaak |")
        print("|---|---|---|---|---|---|---|---|---|")
        for r in rows:
            dps = r["docs"] / r["index_s"] if r["index_s"] else None
            ti = r["index_s"] / v["index_s"] if r["index_s"] and v["index_s"] else None
            tq = r["p50"] / v["p50"] if r["p50"] and v["p50"] else None
            print("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                r["engine"], fmt(r["index_s"], ".2f"), fmt(dps, ",.0f"), fmt(r["index_mb"], ".1f"),
                fmt(r["peak_mb"], ".0f"), fmt(r["p50"], ".2f"), fmt(r["p95"], ".2f"),
                fmt(ti, ".1f") + "x", fmt(tq, ".1f") + "x"))


if __name__ == "__main__":
    main(sys.argv[1:])
