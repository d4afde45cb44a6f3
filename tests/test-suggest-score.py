#!/usr/bin/env python3
# Scores `factmark-cli suggest --json` against the hand-labelled development
# set in tests/data/suggest/, as ../shared/design/SUGGESTIONS.md defines it:
# a suggested figure or quote is a hit when its span overlaps a gold span of
# its kind, each gold span matched at most once; a matched quote's speaker is
# right when it overlaps the gold speaker mention or a mention of the gold
# speaker's source entity; sources are scored per entity. Fails when the
# goals of issue 14 are not met.
#
# Usage: test-suggest-score.py FACTMARK_CLI SOURCE_ROOT
# Where each article's text comes from: tests/data/suggest/own/NAME.txt if
# it exists; else the sample article in ../shared/samples/; else the saved
# page ../shared/corpus/readability/NAME/source.html. Without ../shared the
# corpus articles are skipped, and the own ones are still scored.

import glob
import json
import os
import subprocess
import sys
import tempfile

CLI, ROOT = sys.argv[1:3]
GOLD_DIR = os.path.join(ROOT, "tests", "data", "suggest")
SHARED = os.path.join(ROOT, "..", "shared")
SAMPLE_NAME = "north-korea-plenary-2024-12-30"

GOALS = {
    "figure": (0.95, 0.93),
    "quote": (0.90, 0.85),
    "source": (0.75, 0.80),
}
SPEAKER_GOAL = 0.90


def run(*args):
    p = subprocess.run([CLI] + list(args), capture_output=True, timeout=120)
    if p.returncode != 0:
        raise RuntimeError("factmark-cli %s: %s" % (" ".join(args), p.stderr.decode()))
    return p.stdout.decode("utf-8")


def article_path(name):
    own = os.path.join(GOLD_DIR, "own", name + ".txt")
    if os.path.exists(own):
        return own
    if name == SAMPLE_NAME:
        path = os.path.join(SHARED, "samples", name + ".txt")
    else:
        path = os.path.join(SHARED, "corpus", "readability", name, "source.html")
    return path if os.path.exists(path) else None


def find(text, quote, occurrence):
    """The span of the occurrence-th non-overlapping occurrence, in code points."""
    pos = -1
    start = 0
    for _ in range(occurrence + 1):
        pos = text.find(quote, start)
        if pos < 0:
            raise ValueError("%r (occurrence %d) is not in the text" % (quote, occurrence))
        start = pos + len(quote)
    return (pos, pos + len(quote))


def overlaps(a, b):
    return a[0] < b[1] and b[0] < a[1]


def match(suggested, gold):
    """Greedy: each suggestion takes the first unmatched gold span it overlaps."""
    taken = [None] * len(gold)
    pairs = []
    for s in suggested:
        for g, span in enumerate(gold):
            if taken[g] is None and overlaps(s["span"], span):
                taken[g] = s
                pairs.append((s, g))
                break
    return pairs


class Totals:
    def __init__(self):
        self.n = {k: [0, 0, 0] for k in GOALS}  # hits, suggested, gold (matched gold for sources)
        self.speaker = [0, 0]

    def add(self, kind, hits, suggested, gold):
        t = self.n[kind]
        t[0] += hits
        t[1] += suggested
        t[2] += gold

    def pr(self, kind):
        hits, suggested, gold = self.n[kind]
        p = hits / suggested if suggested else 0.0
        r = hits / gold if gold else 0.0
        return p, r


def score_article(name, gold, path, db):
    text = json.loads(run("extract", path, "--json"))["text"]
    article = run("--db", db, "import", path).strip()
    suggestions = json.loads(run("--db", db, "suggest", article, "--json"))
    for s in suggestions:
        s["span"] = (s["start"], s["end"])
        assert text[s["start"]:s["end"]] == s["text"], ("offsets are not code points", s)

    figures = [find(text, f["quote"], f.get("occurrence", 0)) for f in gold.get("figures", [])]
    entities = []
    for src in gold.get("sources", []):
        entities.append((src["name"], [find(text, m["quote"], m.get("occurrence", 0))
                                       for m in src.get("mentions", [])]))
    quotes = []
    for q in gold.get("quotes", []):
        speakers = []
        if q.get("speaker"):
            speakers.append(find(text, q["speaker"]["quote"], q["speaker"].get("occurrence", 0)))
        for ename, mentions in entities:
            if q.get("speaker_name") and ename == q["speaker_name"]:
                speakers += mentions
        quotes.append((find(text, q["quote"], q.get("occurrence", 0)), speakers))

    row = {}
    sf = [s for s in suggestions if s["kind"] == "figure"]
    hits = len(match(sf, figures))
    row["figure"] = (hits, len(sf), len(figures))

    sq = [s for s in suggestions if s["kind"] == "claim" and s["form"] == "direct"]
    pairs = match(sq, [q[0] for q in quotes])
    row["quote"] = (len(pairs), len(sq), len(quotes))
    right = 0
    judged = 0
    for s, g in pairs:
        speakers = quotes[g][1]
        if not speakers:
            continue
        judged += 1
        sp = s.get("speaker")
        if sp and any(overlaps((sp["start"], sp["end"]), m) for m in speakers):
            right += 1
    row["speaker"] = (right, judged)

    ss = [s for s in suggestions if s["kind"] == "source"]
    taken = [False] * len(entities)
    shits = 0
    for s in ss:
        spans = [(m["start"], m["end"]) for m in s["mentions"]] or [s["span"]]
        for e, (_, mentions) in enumerate(entities):
            if not taken[e] and any(overlaps(a, b) for a in spans for b in mentions):
                taken[e] = True
                shits += 1
                break
    row["source"] = (shits, len(ss), len(entities))
    return row


def main():
    files = sorted(glob.glob(os.path.join(GOLD_DIR, "*.json")))
    totals = Totals()
    scored = 0
    lines = []
    tmp = tempfile.mkdtemp(prefix="factmark-suggest-")
    db = os.path.join(tmp, "library.db")
    for f in files:
        with open(f, encoding="utf-8") as fh:
            gold = json.load(fh)
        name = gold["page"]
        path = article_path(name)
        if path is None:
            print("# %s: skipped, its text is not here (no ../shared)" % name)
            continue
        row = score_article(name, gold, path, db)
        scored += 1
        for kind in GOALS:
            totals.add(kind, *row[kind])
        totals.speaker[0] += row["speaker"][0]
        totals.speaker[1] += row["speaker"][1]
        print("# %-40s figures %3d/%3d/%3d  quotes %3d/%3d/%3d  speaker %2d/%2d  sources %2d/%2d/%2d"
              % ((name,) + row["figure"] + row["quote"] + row["speaker"] + row["source"]))

    print("# (hits/suggested/gold per kind)")
    if scored == 0 and files:
        # The labelled articles are real pages kept outside the tree; where
        # they are not (a clone without ../shared), there is nothing to score.
        print("1..0 # SKIP the labelled articles' texts are not here (no ../shared)")
        return 0
    ok = scored > 0
    lines.append(("articles scored: %d" % scored, scored > 0))
    for kind, (pgoal, rgoal) in GOALS.items():
        p, r = totals.pr(kind)
        met = scored > 0 and p >= pgoal and r >= rgoal
        lines.append(("%s precision %.3f (goal %.2f) recall %.3f (goal %.2f)"
                      % (kind, p, pgoal, r, rgoal), met))
        ok = ok and met
    right, judged = totals.speaker
    acc = right / judged if judged else 0.0
    lines.append(("speaker accuracy %.3f (goal %.2f) over %d matched quotes"
                  % (acc, SPEAKER_GOAL, judged), judged > 0 and acc >= SPEAKER_GOAL))

    print("1..%d" % len(lines))
    for i, (desc, met) in enumerate(lines, 1):
        print("%s %d - %s" % ("ok" if met else "not ok", i, desc))
    return 0 if all(m for _, m in lines) else 1


if __name__ == "__main__":
    sys.exit(main())
