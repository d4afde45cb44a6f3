#!/usr/bin/env python3
# End-to-end test of factmark-cli's imports: a fact sheet through `import`,
# W3C and Hypothesis JSON through `import-annotations`.
#
# Usage: test-cli-import.py FACTMARK_CLI FACTSHEET_SCHEMA DATA_DIR
# DATA_DIR is tests/data/annotations. Prints TAP. Every bad-input case checks
# that the library's content is unchanged, row for row.

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile

import jsonschema

CLI, SCHEMA, DATA = sys.argv[1:4]
ARTICLE = os.path.join(DATA, "article.txt")
SHEET = os.path.join(DATA, "sheet-v1.json")
HYPOTHESIS = os.path.join(DATA, "hypothesis.json")
results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


def run(db, *args):
    env = dict(os.environ)
    env.pop("FACTMARK_DB", None)
    p = subprocess.run([CLI, "--db", db] + list(args), capture_output=True, env=env,
                       timeout=60)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def dump(db):
    con = sqlite3.connect(db)
    try:
        return "\n".join(con.iterdump())
    finally:
        con.close()


def one_error_line(rc, err, status=1):
    lines = err.splitlines()
    return rc == status and len(lines) == 1 and lines[0].startswith("factmark-cli: ")


def entries(sheet):
    return {e["id"]: e for kind in ("claims", "figures", "sources") for e in sheet[kind]}


def main():
    tmp = tempfile.mkdtemp(prefix="factmark-cli-import-")
    schema = json.load(open(SCHEMA, encoding="utf-8"))
    text = open(ARTICLE, encoding="utf-8").read()
    original = json.load(open(SHEET, encoding="utf-8"))
    db = os.path.join(tmp, "sheet.db")
    try:
        rc, out, err = run(db, "--help")
        check("--help lists import-annotations", rc == 0 and "import-annotations" in out, out)

        # A fact sheet recreates its article with every annotation.
        rc, out, err = run(db, "import", SHEET)
        check("import a fact sheet prints the article id", rc == 0 and out.strip().isdigit(),
              out + err)
        article = out.strip()
        check("... and says how many annotations it added",
              "4 annotations added, 0 already" in err, err)

        rc, out, err = run(db, "export", article)
        sheet = json.loads(out) if rc == 0 else None
        check("its export is a valid fact sheet",
              sheet is not None and jsonschema.validate(sheet, schema) is None, out + err)
        got, want = entries(sheet), entries(original)
        check("... with the same uuids",
              sheet["article"]["id"] == original["article"]["id"] and got.keys() == want.keys(),
              sorted(got))
        check("... spans, quotes, notes and links",
              all(got[k]["start"] == want[k]["start"] and got[k]["end"] == want[k]["end"]
                  and got[k]["quote"] == want[k]["quote"] and got[k]["note"] == want[k]["note"]
                  and got[k].get("sources") == want[k].get("sources")
                  and got[k].get("evidence") == want[k].get("evidence") for k in want),
              json.dumps(sheet, indent=1))
        check("... and the text", sheet["article"]["text"] == text)

        before = dump(db)
        rc, out, err = run(db, "import", SHEET)
        check("importing it again gives the same article and adds nothing",
              rc == 0 and out.strip() == article and "0 annotations added, 4 already" in err
              and dump(db) == before, out + err)

        # Round trip: what Factmark exports, it reads back the same.
        exported = os.path.join(tmp, "exported.json")
        rc, out, err = run(db, "export", article, "-o", exported)
        db2 = os.path.join(tmp, "round-trip.db")
        rc, out, err = run(db2, "import", exported)
        rc2, again, err2 = run(db2, "export", out.strip())
        check("export, import into an empty library, export: the same sheet",
              rc == 0 and rc2 == 0 and again == open(exported, encoding="utf-8").read(),
              err + err2)

        rc, out, err = run(db, "import", SHEET, "--title", "Other")
        check("--title does not apply to a fact sheet", one_error_line(rc, err, 2), err)

        # Bad sheets: one line, exit 1, nothing changed, no library created.
        raw = open(SHEET, encoding="utf-8").read()
        for name, bad in [
            ("text not matching its sha", raw.replace("Critics said", "Critics says", 1)),
            ("offsets past the end", raw.replace('"end" : 98', '"end" : 4000', 1)),
            ("wrong type", raw.replace('"start" : 68', '"start" : "68"', 1)),
            ("invalid JSON", raw[: len(raw) // 2]),
        ]:
            path = os.path.join(tmp, "bad.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write(bad)
            before = dump(db)
            rc, out, err = run(db, "import", path)
            check(f"bad sheet ({name}) fails with one line", one_error_line(rc, err), err)
            check(f"... and leaves the library unchanged", dump(db) == before)
            fresh = os.path.join(tmp, "never.db")
            rc, out, err = run(fresh, "import", path)
            check(f"... and creates no library", rc == 1 and not os.path.exists(fresh), err)

        # Hypothesis: anchored, orphaned, page notes reported.
        db3 = os.path.join(tmp, "hypothesis.db")
        rc, target, err = run(db3, "import", ARTICLE)
        target = target.strip()
        rc, out, err = run(db3, "import-annotations", target, HYPOTHESIS)
        check("import-annotations prints how many anchored and orphaned",
              rc == 0 and out == "5 anchored, 1 orphaned\n", out + err)
        check("... and how many quote nothing", "2 quote nothing" in err, err)
        check("... and that the positions were read as UTF-16 code units",
              "read as UTF-16 code units, as Hypothesis counts them" in err, err)
        rc, out, err = run(db3, "show", target)
        check("show lists the orphan", rc == 0 and "orphaned" in out
              and "the plan doubles the fare" in out, out)
        before = dump(db3)
        rc, out, err = run(db3, "import-annotations", target, HYPOTHESIS)
        check("importing them again adds nothing",
              rc == 0 and out == "0 anchored, 0 orphaned\n" and "6 already" in err
              and dump(db3) == before, out + err)

        # W3C: the spans come back where they were.
        w3c = os.path.join(tmp, "sheet.jsonld")
        rc, out, err = run(db, "export", article, "--format", "w3c", "-o", w3c)
        db4 = os.path.join(tmp, "w3c.db")
        rc, target4, err = run(db4, "import", ARTICLE)
        target4 = target4.strip()
        rc, out, err = run(db4, "import-annotations", target4, w3c)
        check("a W3C export imports into the same text", rc == 0
              and out == "4 anchored, 0 orphaned\n", out + err)
        check("... its positions read as code points", "read as code points, as the W3C" in err,
              err)
        rc, out, err = run(db4, "export", target4)
        got = entries(json.loads(out)) if rc == 0 else {}
        check("... with the same spans and uuids",
              got.keys() == want.keys()
              and all((got[k]["start"], got[k]["end"]) == (want[k]["start"], want[k]["end"])
                      for k in want), out + err)

        # Bad annotations files and arguments.
        for name, bad in [
            ("invalid JSON", '{"rows": ['),
            ("wrong type", '{"target": {"selector": [{"type": "TextPositionSelector", '
                           '"start": "1", "end": 4}]}}'),
            ("deep nesting", '{"rows": [], "x": ' + "[" * 5000 + "]" * 5000 + "}"),
            ("a fact sheet", raw),
        ]:
            path = os.path.join(tmp, "bad.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write(bad)
            before = dump(db3)
            rc, out, err = run(db3, "import-annotations", target, path)
            check(f"bad annotations ({name}) fail with one line and change nothing",
                  one_error_line(rc, err) and dump(db3) == before, err)
        # Binary data that looks like UTF-16, or decodes as Windows-1252,
        # is not an article (issue 18, item 1).
        for name, data, read_as in [
            ("nul.bin", b"\x00\x01\x02\x03" * 500, "UTF-16BE"),
            ("bom.bin", b"\xff\xfe" + b"\x01\x00\x02\x00" * 500, "UTF-16LE"),
            ("cp.bin", b"\x81\x8d\x8f\x90\x9d" * 200, "windows-1252"),
        ]:
            path = os.path.join(tmp, name)
            with open(path, "wb") as f:
                f.write(data)
            before = dump(db3)
            rc, out, err = run(db3, "import", path)
            check(f"binary data read as {read_as} is refused, named, and changes nothing",
                  one_error_line(rc, err) and "binary data" in err and read_as in err
                  and dump(db3) == before, err)
        rc, out, err = run(db3, "import-annotations", "999", HYPOTHESIS)
        check("an unknown article fails", one_error_line(rc, err), err)
        rc, out, err = run(db3, "import-annotations", target)
        check("a missing argument is bad usage", one_error_line(rc, err, 2), err)
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
