#!/usr/bin/env python3
"""PostgreSQL's `dutch` full-text search on a judged query set, scored as vraagbaak's
`examples/eval.rs` scores itself: the same passages (a question's opening paragraph, its
items, the answer's items, each with the question's title), the same ids (`1001/q2`),
recall@10, nDCG@10 and MRR over the same judgments.

    python3 bench/pg_eval.py tests/fixtures/eval2         # make_eval2.py and queries.tsv
    python3 bench/pg_eval.py tests/fixtures/eval

Needs PostgreSQL 15 on this machine and psycopg 3 (`pip install psycopg`); setup once:
    pg_ctlcluster 15 main start; su postgres -c "createuser -s $(whoami)"; createdb bench
Queries go through `websearch_to_tsquery('dutch', ...)` (every word required, as
PostgreSQL's own search box does), and with `--or` through `to_tsquery` with the words
ORed (any word will do); ranked by `ts_rank`.
"""

import math
import os
import re
import sys
from collections import defaultdict

import psycopg


def passages(folder):
    """(id, title, text) of every passage of the set's documents, from its generator."""
    sys.path.insert(0, os.path.join(folder, "..", "eval"))
    sys.path.insert(0, folder)
    name = next(f[:-3] for f in os.listdir(folder) if f.startswith("make_") and f.endswith(".py"))
    docs = __import__(name).DOCS
    out = []
    for number, _asker, _minister, _date, topic, q, a in docs:
        out.append((f"{number}/q0", topic, q[0]))
        for i, item in enumerate(q[1:], 1):
            out.append((f"{number}/q{i}", topic, item))
        for i, item in enumerate(a, 1):
            out.append((f"{number}/a{i}", topic, item))
    return out


def judgments(path):
    out = []
    for line in open(path, encoding="utf-8"):
        if not line.strip() or line.startswith("#"):
            continue
        kind, query, relevant = line.rstrip("\n").split("\t")
        out.append((kind, query, set(relevant.split())))
    return out


def scores(ranked, relevant):
    top = ranked[:10]
    hits = [1 if p in relevant else 0 for p in top]
    recall = sum(hits) / min(len(relevant), 10)
    dcg = sum(h / math.log2(i + 2) for i, h in enumerate(hits))
    ideal = sum(1 / math.log2(i + 2) for i in range(min(len(relevant), 10)))
    rr = next((1 / (i + 1) for i, h in enumerate(hits) if h), 0.0)
    return recall, dcg / ideal, rr


def main():
    args = [a for a in sys.argv[1:] if a != "--or"]
    any_word = "--or" in sys.argv[1:]
    folder = args[0] if args else "tests/fixtures/eval2"
    with psycopg.connect(os.environ.get("PG_DSN", "dbname=bench")) as conn:
        conn.execute("DROP TABLE IF EXISTS judged")
        conn.execute("CREATE TEMP TABLE judged (id text, title text, body text, "
                     "doc tsvector GENERATED ALWAYS AS "
                     "(to_tsvector('dutch', title || ' ' || body)) STORED)")
        with conn.cursor() as cur:
            cur.executemany("INSERT INTO judged (id, title, body) VALUES (%s, %s, %s)",
                            passages(folder))
        per_kind = defaultdict(list)
        every = []
        for kind, query, relevant in judgments(os.path.join(folder, "queries.tsv")):
            if any_word:
                words = " | ".join(re.findall(r"\w+", query))
                tsq, arg = "to_tsquery('dutch', %s)", words
            else:
                tsq, arg = "websearch_to_tsquery('dutch', %s)", query
            rows = conn.execute(
                f"SELECT id FROM judged, {tsq} q "
                "WHERE doc @@ q ORDER BY ts_rank(doc, q) DESC, id LIMIT 10", (arg,)
            ).fetchall()
            s = scores([r[0] for r in rows], relevant)
            per_kind[kind].append(s)
            every.append(s)
    mean = lambda xs, i: sum(x[i] for x in xs) / len(xs)  # noqa: E731
    how = "any word (OR)" if any_word else "every word (websearch_to_tsquery)"
    print(f"PostgreSQL 'dutch', {how}, on {len(every)} judged queries over {folder}")
    print(f"{'':<16}{'recall@10':>10}{'nDCG@10':>9}{'MRR':>7}")
    print(f"{'all':<16}{mean(every, 0):>10.3f}{mean(every, 1):>9.3f}{mean(every, 2):>7.3f}")
    for kind in sorted(per_kind):
        xs = per_kind[kind]
        print(f"{kind + f' ({len(xs)})':<16}{mean(xs, 0):>10.3f}{mean(xs, 1):>9.3f}{mean(xs, 2):>7.3f}")


if __name__ == "__main__":
    main()
