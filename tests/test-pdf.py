#!/usr/bin/env python3
# The PDF fact sheet, end to end through factmark-cli: the pages are read
# back with poppler-utils (pdfinfo, pdftotext, pdftoppm), so the test sees
# what a reader sees, not what the code meant to draw.
#
# Usage: test-pdf.py FACTMARK_CLI SAMPLE_ARTICLE [KEEP_DIR]
# Prints TAP. With KEEP_DIR the PDFs and PNG pages are kept there to look at.

import html
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

CLI, SAMPLE = sys.argv[1:3]
KEEP = sys.argv[3] if len(sys.argv) > 3 else None
MARGIN = 51.0
results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


def run(db, *args):
    env = dict(os.environ)
    env.pop("FACTMARK_DB", None)
    p = subprocess.run([CLI, "--db", db] + list(args), capture_output=True, env=env,
                       timeout=120)
    return p.returncode, p.stdout, p.stderr.decode("utf-8")


def annotate(db, article, *args):
    rc, out, err = run(db, "annotate", article, *args)
    if rc != 0:
        raise RuntimeError(err)
    return out.decode().strip()


def words(text):
    return " ".join(text.split())


def bare(text):
    return re.sub(r"[\s\u200e\u200f\u202a-\u202e]", "", text)


def page_texts(pdf):
    out = subprocess.run(["pdftotext", "-enc", "UTF-8", pdf, "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    # pdftotext ends each page with a form feed.
    return out.split("\f")[:-1]


def page_count(pdf):
    info = subprocess.run(["pdfinfo", pdf], capture_output=True, check=True).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1)), info


def words_outside_margins(pdf):
    """Every word box pdftotext finds that is not inside the margins."""
    out = subprocess.run(["pdftotext", "-bbox", pdf, "-"], capture_output=True,
                         check=True).stdout.decode("utf-8")
    bad = []
    for page in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', out, re.S):
        w, h = float(page.group(1)), float(page.group(2))
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">(.*?)</word>', page.group(3)):
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            if x0 < MARGIN - 1 or x1 > w - MARGIN + 1 or y0 < MARGIN - 3 or y1 > h - MARGIN + 3:
                bad.append((html.unescape(m.group(5)), x0, y0, x1, y1))
    return bad


def check_pages(label, pdf, tmp):
    n, info = page_count(pdf)
    texts = page_texts(pdf)
    check(f"{label}: pdfinfo and pdftotext agree on the page count",
          n == len(texts) and n > 0, info)
    check(f"{label}: every page is numbered 'Page i of n'",
          all(f"Page {i} of {n}" in t for i, t in enumerate(texts, 1)),
          [t[-80:] for t in texts])
    prefix = os.path.join(tmp, label.replace(" ", "-"))
    subprocess.run(["pdftoppm", "-r", "60", "-png", pdf, prefix], check=True)
    pngs = sorted(f for f in os.listdir(tmp)
                  if f.startswith(os.path.basename(prefix) + "-") and f.endswith(".png"))
    check(f"{label}: pdftoppm renders every page", len(pngs) == n, pngs)
    bad = words_outside_margins(pdf)
    check(f"{label}: no word runs past the margins", not bad, bad[:5])
    return n, texts


def build_sample(db):
    rc, out, err = run(db, "import", SAMPLE)
    article = out.decode().strip()
    src = annotate(db, article, "--kind", "source", "--quote", "Mayor Daniel Reyes",
                   "--source-type", "government")
    entries = [
        ("claim", annotate(db, article, "--kind", "claim", "--quote",
                           "at least three times as much", "--verdict", "misleading",
                           "--note", "Ask for the estimate", "--source", src),
         "at least three times as much", "Misleading"),
        ("figure", annotate(db, article, "--kind", "figure", "--quote", "31,000 vehicles",
                            "--occurrence", "1", "--verdict", "true"),
         "31,000 vehicles", "True"),
        ("source", src, "Mayor Daniel Reyes", "Government"),
    ]
    return article, entries


def build_world(db, tmp):
    """An article in three scripts, with a paragraph longer than a page."""
    hebrew = "הממשלה הודיעה כי התקציב יגדל בעשרה אחוזים"
    arabic = "قال الوزير إن البطالة انخفضت إلى خمسة بالمئة"
    cjk = "市長は橋の修理に四千八百万ドルを使うと述べた"
    long_quote = " ".join(f"Witness statement {i} describes the flood in detail."
                          for i in range(1, 161))
    text = (f"Report from three newsrooms.\n\n{hebrew}.\n\n{arabic}.\n\n{cjk}。\n\n"
            f"{long_quote}\n\nThe end of the report.\n")
    path = os.path.join(tmp, "world.txt")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    rc, out, err = run(db, "import", path, "--title", "בחירות — انتخابات — 選挙 report")
    if rc != 0:
        raise RuntimeError(err)
    article = out.decode().strip()
    entries = [
        ("claim", annotate(db, article, "--kind", "claim", "--quote", hebrew,
                           "--verdict", "false"), hebrew, "False"),
        ("claim", annotate(db, article, "--kind", "claim", "--quote", arabic,
                           "--verdict", "mostly-true", "--note", "ملاحظة: تحقق من الأرقام"),
         arabic, "Mostly true"),
        ("claim", annotate(db, article, "--kind", "claim", "--quote", long_quote,
                           "--verdict", "opinion"), long_quote, "Opinion"),
        ("figure", annotate(db, article, "--kind", "figure", "--quote", cjk), cjk, "Unverified"),
    ]
    return article, entries, long_quote


def has_cjk_font():
    out = subprocess.run(["fc-list", ":lang=ja"], capture_output=True).stdout
    return bool(out.strip())


def main():
    tmp = KEEP or tempfile.mkdtemp(prefix="factmark-pdf-")
    os.makedirs(tmp, exist_ok=True)
    db = os.path.join(tmp, "library.db")
    if os.path.exists(db):
        os.remove(db)
    try:
        article, entries = build_sample(db)
        pdf = os.path.join(tmp, "sample.pdf")
        rc, out, err = run(db, "export", article, "--format", "pdf", "-o", pdf)
        check("export --format pdf -o writes a file", rc == 0 and os.path.exists(pdf), err)
        with open(pdf, "rb") as f:
            data = f.read()
        check("... a PDF", data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"))
        n, info = page_count(pdf)
        check("... on A4 in the C locale", "595.276 x 841.89" in info, info)
        n, texts = check_pages("sample", pdf, tmp)
        flat = words(" ".join(texts))
        for kind, ident, quote, verdict in entries:
            check(f"sample: the {kind} '{quote}' and its '{verdict}' appear",
                  words(quote) in flat and verdict in flat, flat[:400])
        check("sample: title, metadata, note, source attribution and article text appear",
              "Port Alder council" in flat and "Miriam Okafor" in flat
              and "Ask for the estimate" in flat and "Sources" in flat
              and "Article" in flat and "Inspectors from the state" in flat, flat[:600])
        check("sample: each entry links to the fragment URL the HTML sheet gives",
              len(re.findall(rb"/URI \(https://ledger\.example\.org/[^)]*#char=\d+,\d+\)",
                             data)) >= 3 * 2, data.count(b"/URI"))
        check("sample: each entry is a named destination",
              all(f"/{k}-1".encode() in data or f"({k}-1)".encode() in data
                  for k in ("claim", "figure", "source")))

        rc, out, err = run(db, "export", article, "--format", "pdf")
        check("without -o the PDF goes to standard output as bytes",
              rc == 0 and out.startswith(b"%PDF-") and len(out) > 1000, err)

        no_text = os.path.join(tmp, "no-text.pdf")
        rc, out, err = run(db, "export", article, "--format", "pdf", "--no-text", "-o", no_text)
        nt_pages, nt_texts = page_count(no_text)[0], page_texts(no_text)
        check("--no-text leaves the article out",
              rc == 0 and "Inspectors from the state" not in words(" ".join(nt_texts))
              and "Article" not in nt_texts[-1] and nt_pages < n, err)

        world, wentries, long_quote = build_world(db, tmp)
        wpdf = os.path.join(tmp, "world.pdf")
        rc, out, err = run(db, "export", world, "--format", "pdf", "-o", wpdf)
        check("a sheet in Hebrew, Arabic and Japanese exports", rc == 0, err)
        wn, wtexts = check_pages("world", wpdf, tmp)
        wflat = words(" ".join(wtexts))
        check("world: runs over more than one page", wn >= 3, wn)
        for kind, ident, quote, verdict in wentries:
            if quote[0] in "市" and not has_cjk_font():
                continue
            if quote == long_quote:
                # The page footers come between its parts; checked below.
                check("world: the long claim's verdict appears", verdict in wflat)
                continue
            # pdftotext gives right-to-left text in its logical order, but
            # wrapped in embedding marks and with spaces where glyphs sit
            # apart; compare without either.
            check(f"world: the {kind} '{quote[:30]}' and its '{verdict}' appear",
                  bare(quote) in bare(wflat) and verdict in wflat, wflat[:300])
        pages_with_quote = [i for i, t in enumerate(wtexts, 1)
                            if "Witness statement" in t and "describes" in t]
        first = "Witness statement 1 describes"
        last = "Witness statement 160 describes the flood in detail."
        check("world: the long quote breaks across pages, none of it lost",
              len(pages_with_quote) >= 2 and first in wflat and last in wflat
              and all(f"Witness statement {i} describes" in wflat for i in range(1, 161)),
              pages_with_quote)

        before = "\n".join(sqlite3.connect(db).iterdump())
        bad = os.path.join(tmp, "no-such-folder", "sheet.pdf")
        rc, out, err = run(db, "export", article, "--format", "pdf", "-o", bad)
        after = "\n".join(sqlite3.connect(db).iterdump())
        check("an unwritable path: exit 1 and one 'factmark-cli:' line naming the file",
              rc == 1 and err.startswith("factmark-cli: ") and err.count("\n") == 1
              and "sheet.pdf" in err and not os.path.exists(bad), err)
        check("... the library untouched", before == after)
        rc, out, err = run(db, "export", article, "--format", "PDF", "-o", pdf)
        check("an unknown format name is a usage error", rc == 2 and "pdf" in err, err)
    finally:
        if not KEEP:
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
