#!/usr/bin/env python3
"""Text quality on the PDF fixtures: vraagbaak reading the PDFs against vraagbaak reading
what `pdftotext` (default and -layout) makes of them. For each, the share of fields
(number, asker, minister, portfolio, date, topic) equal to manifest.json and the mean
similarity (difflib) of question and answer texts.

    python3 bench/pdf-quality.py          # needs poppler-utils and a release build
"""
import difflib, json, os, shutil, subprocess, sys, tempfile

top = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
fx = os.path.join(top, "tests/fixtures/pdf")
vb = os.path.join(top, "target/release/vraagbaak")
man = {m["source"].split(".")[0]: m["questions"] for m in json.load(open(os.path.join(fx, "manifest.json")))}
FIELDS = ["number", "asker", "minister", "portfolio", "date", "topic"]
norm = lambda s: " ".join((s or "").replace("\u2019", "'").split())


def questions(path):
    with tempfile.TemporaryDirectory() as t:
        subprocess.run([vb, "--index", t + "/i", "index", "--quiet", path], capture_output=True)
        ids = []
        # Every question: the ids of the hits of words every fixture holds, then `show`.
        fid = subprocess.run([vb, "--index", t + "/i", "search", "minister OR aanvragen OR leerlingen OR jeugdhulp OR fusiegemeenten",
                              "--all", "--format", "jsonl"], capture_output=True, text=True).stdout
        for l in fid.splitlines():
            d = json.loads(l)
            if d["doc_id"] not in ids:
                ids.append(d["doc_id"])
        qs = []
        for i in ids:
            s = subprocess.run([vb, "--index", t + "/i", "show", i, "--json"], capture_output=True, text=True).stdout
            qs.append(json.loads(s) if s.strip() else {})
        return qs


def score(kind, files):
    ok = total = 0
    sims = []
    for f, stem in files:
        want = {q["number"]: q for q in man[stem]}
        got = {q.get("number"): q for q in questions(f)}
        for n, w in want.items():
            g = got.get(n, {})
            for k in FIELDS:
                total += 1
                ok += norm(str(g.get(k))) == norm(str(w[k]))
            for k in ["question", "answer"]:
                sims.append(difflib.SequenceMatcher(None, norm(g.get(k)), norm(w[k])).ratio())
    print(f"{kind:34} fields {ok}/{total} ({ok / total:.1%})  text similarity {sum(sims) / len(sims):.3f}")


def main():
    if not shutil.which("pdftotext"):
        sys.exit("needs pdftotext (poppler-utils)")
    pdfs = sorted(p for p in os.listdir(os.path.join(fx, "docs")))
    stems = [(os.path.join(fx, "docs", p), p.split(".")[0]) for p in pdfs]
    score("vraagbaak (the PDFs)", stems)
    for mode in [[], ["-layout"]]:
        with tempfile.TemporaryDirectory() as t:
            files = []
            for path, stem in stems:
                out = os.path.join(t, os.path.basename(path) + ".txt")
                subprocess.run(["pdftotext", *mode, path, out], check=True)
                files.append((out, stem))
            score("pdftotext " + (" ".join(mode) or "(default)") + ", then index", files)


main()
