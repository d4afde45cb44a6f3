#!/usr/bin/env python3
# factmark-cli figures: every figure with its value, unit and article, and
# with --conflicts the pairs that disagree across articles; bad usage.
#
# Usage: test-cli-figures.py FACTMARK_CLI

import json
import os
import subprocess
import sys
import tempfile

CLI = sys.argv[1]
results = []

FIRST = ("Title: First report\n\n"
         "Russia has massed 3,000 troops near the Ukrainian border, officials said. "
         "The regional hospital treated about 3,000 patients last winter.\n")
SECOND = ("Title: Second report\n\n"
          "Russia has massed 4,000 troops near the Ukrainian border, according to officials. "
          "The regional hospital treated 3,012 patients last winter.\n")


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


def run(db, *args):
    p = subprocess.run([CLI, "--db", db] + list(args), capture_output=True, timeout=60)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def import_text(db, tmp, name, text):
    path = os.path.join(tmp, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    rc, out, err = run(db, "import", path)
    return out.strip()


def figure(db, article, quote):
    rc, out, err = run(db, "annotate", article, "--kind", "figure", "--quote", quote)
    return int(out.strip()) if rc == 0 else None


def main():
    tmp = tempfile.mkdtemp(prefix="factmark-figures-cli-")
    db = os.path.join(tmp, "library.db")
    first = import_text(db, tmp, "first.txt", FIRST)
    second = import_text(db, tmp, "second.txt", SECOND)

    rc, out, err = run(db, "figures", "--json")
    check("figures --json on a library without figures is an empty array",
          rc == 0 and json.loads(out) == [], out + err)
    rc, out, err = run(db, "figures", "--conflicts")
    check("no figures, no conflicts", rc == 0 and "No figures disagree." in out, out + err)

    three = figure(db, first, "3,000 troops")
    four = figure(db, second, "4,000 troops")
    about = figure(db, first, "3,000 patients")
    exact = figure(db, second, "3,012 patients")
    check("the figures are marked", None not in (three, four, about, exact))

    rc, out, err = run(db, "figures", "--json")
    listed = json.loads(out) if rc == 0 else []
    by_id = {f["annotation"]: f for f in listed}
    check("figures --json lists every figure", sorted(by_id) == sorted([three, four, about, exact]),
          out + err)
    check("a figure has its value, unit, quote and article",
          by_id.get(four, {}).get("value") == 4000 and by_id[four]["unit"] == "troops"
          and by_id[four]["quote"] == "4,000 troops" and by_id[four]["article"] == int(second)
          and by_id[four]["article_title"] == "Second report", json.dumps(by_id.get(four)))
    check("figure keys",
          all(set(f) == {"annotation", "article", "value", "unit", "quote", "article_title",
                         "published"} for f in listed), out)

    rc, out, err = run(db, "figures")
    check("figures prints one line per figure", rc == 0 and len(out.splitlines()) == 4
          and "4000 troops" in out and "#" + second in out, out + err)

    rc, out, err = run(db, "figures", "--conflicts", "--json")
    pairs = json.loads(out) if rc == 0 else []
    check("--conflicts --json gives the troops, not the patients",
          len(pairs) == 1 and pairs[0]["figure"]["annotation"] == three
          and pairs[0]["other"]["annotation"] == four, out + err)
    rc, out, err = run(db, "figures", "--conflicts")
    check("--conflicts prints both figures of a pair",
          rc == 0 and "3000 troops" in out and "4000 troops" in out and "patients" not in out,
          out + err)

    rc, out, err = run(db, "delete", str(four), "--annotation")
    rc, out, err = run(db, "figures", "--conflicts", "--json")
    check("a deleted figure conflicts no more", rc == 0 and json.loads(out) == [], out + err)

    rc, out, err = run(db, "figures", "extra")
    check("figures takes no argument", rc == 2 and "factmark-cli:" in err, err)
    rc, out, err = run(db, "figures", "--bogus")
    check("an unknown option is bad usage", rc == 2, err)
    rc, out, err = run(tmp, "figures")
    check("an unusable library fails with one line", rc == 1 and err.startswith("factmark-cli:"),
          err)

    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok and detail:
            for line in str(detail).splitlines()[:10]:
                print("# " + line)
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
