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
    builds = sorted(glob.glob(os.path.join(out, "vraagbaak.index.*.time")))
    walls = [w for w in (wall_s(b) for b in builds) if w is not None]
    peaks = [m for m in (peak_mb(b) for b in builds) if m is not None]
    return {"engine": "vraagbaak", "index_s": percentile(walls, 50),
            "index_mb": size / 1e6, "peak_mb": max(peaks) if peaks else None,
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
    peak = peak_mb(os.path.join(out, peer + ".index.time"))
    try:
        # PostgreSQL indexes in its server: the backend's peak, not the Python client's.
        b = re.search(r"backend_peak_rss_mb=([\d.]+)", open(os.path.join(out, peer + ".index.log")).read())
        if b:
            peak = float(b.group(1))
    except OSError:
        pass
    return {"engine": peer, "index_s": float(index_s), "index_mb": size / 1e6,
            "peak_mb": peak,
            "p50": float(p50), "p95": float(p95), "docs": docs, "notes": ""}


def tantivy_json_row(out, docs):
    """tantivy-cli's own indexing of the pre-parsed JSON lines (the issue's yardstick)."""
    try:
        text = open(os.path.join(out, "tantivy.index.log")).read()
    except OSError:
        return None
    m = re.search(r"tantivy_index_s=([\d.]+)", text)
    if not m:
        return None
    return {"engine": "tantivy (JSON only)", "index_s": float(m.group(1)), "index_mb": None,
            "peak_mb": None, "p50": None, "p95": None, "docs": docs, "notes": ""}


def fmt(x, spec):
    return "-" if x is None else format(x, spec)


def ratio(a, b):
    return a / b if a is not None and b else None


def targets(rows, size):
    """The targets of the benchmark issue, each met or missed, with the figures."""
    by = {r["engine"]: r for r in rows}
    v = by["vraagbaak"]
    out = []

    def check(name, ok, detail):
        if ok is None:
            out.append("- %s: not measured (%s)" % (name, detail))
        else:
            out.append("- %s: %s (%s)" % (name, "met" if ok else "MISSED", detail))

    tj, tc, pg = by.get("tantivy (JSON only)"), by.get("tantivy"), by.get("postgres")
    if tj:
        check("indexing no slower than tantivy-cli on pre-parsed JSON", v["index_s"] <= tj["index_s"],
              "%.2f s vs %.2f s: %.2fx" % (v["index_s"], tj["index_s"], v["index_s"] / tj["index_s"]))
    else:
        check("indexing no slower than tantivy-cli on pre-parsed JSON", None, "tantivy-cli not installed")
    if pg:
        r = pg["index_s"] / v["index_s"]
        check("indexing at least 6x PostgreSQL", r >= 6, "PostgreSQL %.2f s / %.2f s = %.1fx" % (pg["index_s"], v["index_s"], r))
        r = pg["p50"] / v["p50"]
        check("query p50 at least 10x faster than PostgreSQL", r >= 10, "%.2f ms / %.2f ms = %.1fx" % (pg["p50"], v["p50"], r))
    else:
        check("PostgreSQL ratios", None, "PostgreSQL not reachable")
    if tc:
        check("query p50 (passages + snippets) no slower than tantivy-cli's p50", v["p50"] <= tc["p50"],
              "%.2f ms vs %.2f ms" % (v["p50"], tc["p50"]))
        check("index at most 1.5x tantivy-cli's", v["index_mb"] <= 1.5 * tc["index_mb"],
              "%.1f MB vs %.1f MB: %.2fx" % (v["index_mb"], tc["index_mb"], v["index_mb"] / tc["index_mb"]))
    else:
        check("tantivy-cli ratios", None, "tantivy-cli not installed")
    if size == "100k":
        check("p95 under 5 ms at 100,000 documents", v["p95"] < 5, "%.2f ms" % v["p95"])
        check("indexing peak memory under 1 GB at 100,000 documents", v["peak_mb"] is not None and v["peak_mb"] < 1024,
              "%s MB" % fmt(v["peak_mb"], ".0f"))
    return out


def main(argv):
    data, sizes = argv[0], argv[1:]
    index_s = {}
    for size in sizes:
        out = os.path.join(data, "results", size)
        docs = sum(1 for _ in open(os.path.join(data, "corpus-" + size, "manifest.jsonl")))
        rows = [vraagbaak_row(out, docs)]
        for peer in ("tantivy", "sqlite", "postgres", "xapian"):
            r = peer_row(out, peer, docs)
            if r:
                rows.append(r)
            if peer == "tantivy":
                r = tantivy_json_row(out, docs)
                if r:
                    rows.append(r)
        v = rows[0]
        index_s[size] = (docs, v["index_s"])
        print("\n%s documents (%s), 44 queries; vraagbaak's index time is the median of its builds" % (docs, size))
        print("| engine | index s | docs/s | index MB | peak MB | p50 ms | p95 ms | index time / vraagbaak | p50 / vraagbaak |")
        print("|---|---|---|---|---|---|---|---|---|")
        for r in rows:
            dps = r["docs"] / r["index_s"] if r["index_s"] else None
            print("| %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                r["engine"], fmt(r["index_s"], ".2f"), fmt(dps, ",.0f"), fmt(r["index_mb"], ".1f"),
                fmt(r["peak_mb"], ".0f"), fmt(r["p50"], ".2f"), fmt(r["p95"], ".2f"),
                fmt(ratio(r["index_s"], v["index_s"]), ".1f") + "x" if r["index_s"] else "-",
                fmt(ratio(r["p50"], v["p50"]), ".1f") + "x" if r["p50"] else "-"))
        print("\nTargets at %s:" % size)
        print("\n".join(targets(rows, size)))
    if "10k" in index_s and "100k" in index_s:
        (d1, t1), (d2, t2) = index_s["10k"], index_s["100k"]
        grow = t2 / t1
        docs_ratio = d2 / d1
        print("- %gx the documents costs at most %gx the indexing time: %s (%.2f s -> %.2f s: %.1fx)" % (
            docs_ratio, docs_ratio * 1.1, "met" if grow <= docs_ratio * 1.1 else "MISSED", t1, t2, grow))


if __name__ == "__main__":
    main(sys.argv[1:])
