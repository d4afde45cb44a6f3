#!/usr/bin/env python3
# factmark-cli suggest: the JSON of issue 14, accepting in one change,
# rejections that survive an update of the text, and bad usage.
#
# Usage: test-cli-suggest.py FACTMARK_CLI

import json
import os
import sqlite3
import subprocess
import sys
import tempfile

CLI = sys.argv[1]
results = []

TEXT = ("Mayor Ana Ruiz spoke on Tuesday. \u201cThe bridge will cost $4.8 billion,\u201d she said. "
        "\u201cWe cannot pay for it alone.\u201d\n\nThe city has 3,000 workers.\n")
NEW_TEXT = "A new first line.\n\n" + TEXT


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


def run(db, *args):
    p = subprocess.run([CLI, "--db", db] + list(args), capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def count(db, sql):
    con = sqlite3.connect(db)
    try:
        return con.execute(sql).fetchone()[0]
    finally:
        con.close()


def main():
    tmp = tempfile.mkdtemp(prefix="factmark-suggest-cli-")
    db = os.path.join(tmp, "library.db")
    path = os.path.join(tmp, "a.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(TEXT)
    rc, out, err = run(db, "import", path)
    art = out.strip()

    rc, out, err = run(db, "suggest", art, "--json")
    items = json.loads(out) if rc == 0 else []
    check("suggest --json prints an array", rc == 0 and isinstance(items, list), err)
    figs = [s for s in items if s["kind"] == "figure"]
    quotes = [s for s in items if s["kind"] == "claim" and s["form"] == "direct"]
    check("figures with value and unit",
          any(s["text"] == "$4.8 billion" and s["value"] == 4.8e9 and s["unit"] == "USD" for s in figs),
          json.dumps(figs))
    check("offsets are code points", all(TEXT[s["start"]:s["end"]] == s["text"] for s in items))
    check("a quote has its speaker",
          any(q["speaker"] and q["speaker"]["text"] == "she" for q in quotes), json.dumps(quotes))
    check("figure keys as issue 14 says",
          all(set(s) == {"kind", "start", "end", "text", "value", "unit", "rule", "score"} for s in figs))

    rc, out, err = run(db, "suggest", art, "--kind", "bogus")
    check("bad --kind is usage", rc == 2 and err.startswith("factmark-cli: "), err)
    rc, out, err = run(db, "suggest", art, "--reject", "999")
    check("rejecting what is not listed fails", rc == 1 and err.startswith("factmark-cli: "), err)

    # Reject the first figure, then update the text: it stays rejected.
    rc, out, err = run(db, "suggest", art, "--kind", "figure")
    first = out.splitlines()[0]
    rc, out, err = run(db, "suggest", art, "--kind", "figure", "--reject", "1")
    check("--reject 1", rc == 0, err)
    rc, out, err = run(db, "suggest", art, "--kind", "figure", "--json")
    after = json.loads(out)
    check("a rejected suggestion is not listed", len(after) == len(figs) - 1, out)
    with open(path, "w", encoding="utf-8") as f:
        f.write(NEW_TEXT)
    rc, out, err = run(db, "update", art, path)
    rc, out, err = run(db, "suggest", art, "--kind", "figure", "--json")
    check("the rejection survives an update", rc == 0 and len(json.loads(out)) == len(figs) - 1, out)

    rc, out, err = run(db, "suggest", art, "--kind", "claim", "--accept")
    n_claims = count(db, "SELECT count(*) FROM annotations WHERE kind = 'claim'")
    n_links = count(db, "SELECT count(*) FROM links")
    check("--accept says what it created", rc == 0 and out.startswith("Created"), out + err)
    check("accepted quotes are claims attributed to a source", n_claims >= 2 and n_links >= 2,
          "%d claims, %d links" % (n_claims, n_links))
    check("one source for one speaker",
          count(db, "SELECT count(*) FROM annotations WHERE kind = 'source'") == 1)
    rc, out, err = run(db, "suggest", art, "--kind", "claim", "--json")
    check("annotated suggestions are not listed",
          rc == 0 and not [s for s in json.loads(out) if s["form"] == "direct"], out)

    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok and detail:
            for line in str(detail).splitlines()[:10]:
                print("# " + line)
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
