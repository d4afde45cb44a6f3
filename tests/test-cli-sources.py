#!/usr/bin/env python3
# factmark-cli's library sources and tracked claims: sources, source,
# merge-sources, rename-source, split-source, link and unlink, with the
# errors that must change nothing.
#
# Usage: test-cli-sources.py FACTMARK_CLI
# Prints TAP.

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

CLI = sys.argv[1]
results = []

FIRST = ("The Korean Central News Agency (KCNA) said the test was a success. "
         "Port revenue rose to 12.5 percent, Mayor Ana Ortiz said.\n")
SECOND = ("KCNA reported the test on Monday. Port revenue had risen to 12.5 percent, "
          "Ortiz told reporters.\n")


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


def run(db, *args):
    env = dict(os.environ)
    env.pop("FACTMARK_DB", None)
    p = subprocess.run([CLI, "--db", db] + list(args), capture_output=True, env=env, timeout=60)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def dump(db):
    con = sqlite3.connect(db)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def annotate(db, article, kind, quote, *extra):
    rc, out, err = run(db, "annotate", article, "--kind", kind, "--quote", quote, *extra)
    check(f"annotate {quote!r}", rc == 0, err)
    return out.strip()


def by_name(sources):
    return {s["name"]: s for s in sources}


def test_sources(db, ids):
    rc, out, err = run(db, "sources", "--json")
    sources = by_name(json.loads(out)) if rc == 0 else {}
    check("sources lists each name once", rc == 0 and len(sources) == 4, out + err)
    check("... with its mentions and verdicts",
          sources.get("KCNA", {}).get("mentions") == 1
          and sources.get("The Korean Central News Agency (KCNA)", {}).get("verdicts")
          == {"false": 1}, out)

    rc, out, err = run(db, "sources", "--proposals", "--json")
    merges = json.loads(out) if rc == 0 else []
    pairs = {(m["into"], m["from"], m["reason"]) for m in merges}
    check("proposals: the acronym",
          ("The Korean Central News Agency (KCNA)", "KCNA", "acronym") in pairs, out)
    check("proposals: the surname", ("Ana Ortiz", "Ortiz", "surname") in pairs, out)

    before = dump(db)
    rc, out, err = run(db, "merge-sources", "Nobody", "KCNA")
    check("merging into an unknown source fails, one line",
          rc == 1 and err.startswith("factmark-cli:") and err.count("\n") == 1, err)
    rc, out, err = run(db, "rename-source", "KCNA", "  ")
    check("an empty name is refused", rc == 1 and "name" in err, err)
    rc, out, err = run(db, "split-source", "X", ids["claim1"])
    check("only source annotations split", rc == 1 and "not a source" in err, err)
    rc, out, err = run(db, "merge-sources", "KCNA")
    check("merge-sources needs two names", rc == 2, err)
    check("... and none of that changed the library", dump(db) == before)

    rc, out, err = run(db, "merge-sources", "The Korean Central News Agency (KCNA)", "kcna")
    check("merge-sources", rc == 0 and "1 mention is now" in out, out + err)
    rc, out, err = run(db, "source", "the korean central news agency (kcna)", "--json")
    page = json.loads(out) if rc == 0 else {}
    check("the source page lists both mentions and both claims",
          len(page.get("citations", [])) == 2 and len(page.get("facts", [])) == 2
          and page.get("aliases") == ["KCNA"], out + err)
    check("... with its track record",
          page.get("verdicts") == {"false": 1, "unverified": 1}, out)

    rc, out, err = run(db, "split-source", "KCNA wire", ids["kcna"])
    check("split-source", rc == 0, err)
    rc, out, err = run(db, "rename-source", "KCNA wire", "The Korean Central News Agency (KCNA)")
    check("renaming into an existing name joins them", rc == 0, err)
    rc, out, err = run(db, "sources", "--json")
    check("... one source again", rc == 0 and len(json.loads(out)) == 3, out)
    rc, out, err = run(db, "show", "2")
    check("a mention keeps the name it is written with", "“KCNA”" in out, out)


def test_link(db, ids):
    before = dump(db)
    rc, out, err = run(db, "link", ids["claim1"], ids["kcna"])
    check("only claims link", rc == 1 and "not a claim" in err, err)
    rc, out, err = run(db, "link", ids["claim1"], ids["claim1"])
    check("a claim does not link to itself", rc == 1, err)
    rc, out, err = run(db, "link", ids["claim1"], "999")
    check("linking to a missing claim fails", rc == 1, err)
    check("... changing nothing", dump(db) == before)

    rc, out, err = run(db, "link", ids["claim2"], ids["claim1"])
    check("link", rc == 0, err)
    rc, out, err = run(db, "show", "2")
    check("... the verdict is shared", "[false]" in out, out)
    rc, out, err = run(db, "edit", ids["claim2"], "--verdict", "mostly-true", "--note", "Audit p. 4")
    check("edit one", rc == 0, err)
    rc, out, err = run(db, "facts", "--kind", "claim", "--json")
    facts = json.loads(out) if rc == 0 else []
    con = sqlite3.connect(db)
    notes = [r[0] for r in con.execute("SELECT note FROM annotations WHERE kind = 'claim'")]
    con.close()
    check("... both have its verdict and note",
          len(facts) == 2 and all(f["verdict"] == "mostly-true" for f in facts)
          and notes == ["Audit p. 4"] * 2, out + str(notes))
    rc, out, err = run(db, "unlink", ids["claim2"])
    check("unlink", rc == 0, err)
    run(db, "edit", ids["claim2"], "--verdict", "true")
    rc, out, err = run(db, "facts", "--kind", "claim", "--json")
    verdicts = sorted(f["verdict"] for f in json.loads(out))
    check("... and then they go their own ways", verdicts == ["mostly-true", "true"], out)


def main():
    tmp = tempfile.mkdtemp(prefix="factmark-sources-")
    db = os.path.join(tmp, "library.db")
    try:
        paths = []
        for i, text in enumerate((FIRST, SECOND)):
            paths.append(os.path.join(tmp, f"a{i}.txt"))
            with open(paths[-1], "w", encoding="utf-8") as f:
                f.write(text)
        first = run(db, "import", paths[0])[1].strip()
        second = run(db, "import", paths[1])[1].strip()
        ids = {}
        ids["agency"] = annotate(db, first, "source", "The Korean Central News Agency (KCNA)",
                                 "--source-type", "state-media")
        ids["kcna"] = annotate(db, second, "source", "KCNA", "--source-type", "state-media")
        annotate(db, first, "source", "Ana Ortiz")
        annotate(db, second, "source", "Ortiz")
        ids["claim1"] = annotate(db, first, "claim", "Port revenue rose to 12.5 percent",
                                 "--source", ids["agency"], "--verdict", "false")
        ids["claim2"] = annotate(db, second, "claim", "Port revenue had risen to 12.5 percent",
                                 "--source", ids["kcna"])
        test_sources(db, ids)
        test_link(db, ids)
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
