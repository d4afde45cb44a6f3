#!/usr/bin/env python3
# factmark-cli facts --format: the library's facts exported as CSV, JSON
# and a ClaimReview feed, each entry with its article and a link back to
# its span; the listing and --json stay as they were.
#
# Usage: test-cli-facts.py FACTMARK_CLI SAMPLE_ARTICLE
# Prints TAP.

import csv
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile

CLI, SAMPLE = sys.argv[1:3]
results = []

# A note with everything CSV must quote, and letters beyond ASCII.
NOTE = 'Wrong, says "the audit",\nsee page 2 — Prüfbericht'


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


def run(db, *args):
    env = dict(os.environ)
    env.pop("FACTMARK_DB", None)
    p = subprocess.run([CLI, "--db", db, *args], capture_output=True, env=env, timeout=60)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def setup(db):
    rc, out, err = run(db, "import", SAMPLE)
    article = out.strip()
    rc, out, err = run(db, "suggest", article, "--accept")
    rc, out, err = run(db, "facts", "--kind", "claim", "--json")
    claims = json.loads(out)
    claim = claims[0]
    rc, out, err = run(db, "edit", str(claim["annotation"]), "--verdict", "false", "--note", NOTE)
    return article, claim, len(claims)


def sheet_links(db, article):
    # The article's own JSON fact sheet: the link it gives each entry.
    rc, out, _ = run(db, "export", article, "--no-text")
    sheet = json.loads(out)
    return {e["id"]: e for k in ("claims", "figures", "sources") for e in sheet[k]}


def main():
    tmp = tempfile.mkdtemp(prefix="factmark-cli-facts-")
    db = os.path.join(tmp, "library.db")
    try:
        article, claim, n_claims = setup(db)
        entries = sheet_links(db, article)
        rc, out, err = run(db, "facts", "--json")
        listed = json.loads(out) if rc == 0 else []
        check("facts --json is still the listing, an array",
              rc == 0 and isinstance(listed, list) and len(listed) == len(entries)
              and set(listed[0]) == {"annotation", "article", "kind", "verdict", "quote", "name",
                                     "sources", "article_title", "published"}, err or out)

        rc, out, err = run(db, "facts", "--format", "json")
        doc = json.loads(out) if rc == 0 else {}
        facts = doc.get("facts", [])
        check("--format json is an object with every fact",
              rc == 0 and doc.get("format") == "factmark-facts" and len(facts) == len(entries),
              err or out[:400])
        check("... each with the link the article's fact sheet gives it",
              facts and all(f["link"] == entries[f["id"]]["link"] for f in facts), facts[:2])
        check("... and its span in code points",
              facts and all((f["start"], f["end"]) == (entries[f["id"]]["start"],
                                                      entries[f["id"]]["end"]) for f in facts))
        judged = next((f for f in facts if f.get("verdict") == "false"), {})
        check("... and its note, verdict and article",
              judged.get("note") == NOTE and judged.get("article", {}).get("title", "")
              .startswith("Port Alder") and judged["article"].get("published") == "2026-03-14",
              judged)

        rc, out, err = run(db, "facts", "--format", "csv", "--kind", "claim")
        rows = list(csv.reader(io.StringIO(out, newline=""))) if rc == 0 else []
        check("--format csv has a header and one row per claim",
              rc == 0 and rows and rows[0][:4] == ["id", "kind", "start", "end"]
              and len(rows) == 1 + n_claims, err or out[:400])
        header = rows[0] if rows else []
        by_id = {r[0]: dict(zip(header, r)) for r in rows[1:]}
        row = by_id.get(judged.get("id"), {})
        check("... the note's comma, quotes and line break read back",
              row.get("note") == NOTE and row.get("verdict") == "false", row)
        check("... records end with CRLF",
              out.endswith("\r\n") and out.split("\r\n")[0] == ",".join(header), out[:200])

        rc, out, err = run(db, "facts", "--format", "claimreview", "--organization", "Ledger Checks",
                           "--base-url", "https://checks.example.net/r")
        reviews = json.loads(out) if rc == 0 else None
        check("--format claimreview reviews the checked claim only",
              rc == 0 and isinstance(reviews, list) and len(reviews) == 1
              and reviews[0]["url"] == "https://checks.example.net/r/" + judged.get("id", "")
              and reviews[0]["author"]["name"] == "Ledger Checks", err or out[:400])
        check("... its appearance links to the span",
              reviews and reviews[0]["itemReviewed"]["appearance"]["url"] == judged.get("link"),
              reviews)

        path = os.path.join(tmp, "facts.csv")
        rc, out, err = run(db, "facts", "--format", "csv", "-o", path)
        with open(path, encoding="utf-8", newline="") as f:
            written = f.read()
        rc2, stdout_csv, _ = run(db, "facts", "--format", "csv")
        check("-o writes the export to the file, nothing to stdout",
              rc == 0 and out == "" and written == stdout_csv, err)
        with open(path, "w") as f:
            f.write("old")
        rc, out, err = run(db, "facts", "--format", "claimreview", "--base-url", "ftp://x", "-o",
                           path)
        with open(path) as f:
            kept = f.read()
        check("a refused export leaves the file as it was",
              rc == 1 and err.startswith("factmark-cli:") and kept == "old", err)

        rc, out, err = run(db, "facts", "--format", "json", "--kind", "figure", "--verdict", "true")
        check("an empty filter exports an empty list",
              rc == 0 and json.loads(out)["facts"] == [], err or out)
        rc, out, err = run(db, "facts", "--format", "html")
        check("--format html is a usage error", rc == 2 and "csv, json, claimreview" in err, err)
        rc, out, err = run(db, "facts", "--format", "csv", "--json")
        check("--format with --json is a usage error", rc == 2, err)
        rc, out, err = run(db, "facts", "-o", path)
        check("-o without --format is a usage error", rc == 2, err)
        rc, out, err = run(db, "facts", "--format", "csv", "-o", os.path.join(tmp, "no", "x.csv"))
        check("a file that cannot be written is one error line",
              rc == 1 and len(err.splitlines()) == 1 and err.startswith("factmark-cli:"), err)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines()[:20]:
                print(f"# {line}")
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
