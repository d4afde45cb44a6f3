#!/usr/bin/env python3
# Checks every translation named in po/LINGUAS:
#   - msgfmt --check accepts it: the header, plural forms and c-format
#     placeholders are right, and a message with a mnemonic ("_") keeps
#     exactly one;
#   - it is complete: msgfmt counts no fuzzy and no untranslated message;
#   - it is up to date: every message xgettext finds in the files of
#     po/POTFILES.in today is translated in it (msgcmp), so a string added
#     to the sources without a translation fails here rather than showing
#     up in English in the running app;
#   - the mnemonics of the items of each menu in resources/ are still unique
#     once translated, so every item can be reached from the keyboard.
#
# Usage: test-po.py SOURCE_ROOT MSGFMT [XGETTEXT MSGCMP]
# Prints TAP. Uses only the standard library besides the gettext tools.

import gettext
import glob
import os
import re
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SOURCE_ROOT, MSGFMT = sys.argv[1:3]
XGETTEXT, MSGCMP = (sys.argv[3:5] + [None, None])[:2]
PO_DIR = os.path.join(SOURCE_ROOT, "po")

# The arguments meson's i18n.gettext(preset: 'glib') gives xgettext.
XGETTEXT_ARGS = [
    "--package-name=factmark", "--from-code=UTF-8", "--add-comments",
    "-k_", "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format",
    "--flag=NC_:2:pass-c-format", "--flag=g_dngettext:2:pass-c-format",
    "--flag=g_strdup_printf:1:c-format", "--flag=g_string_printf:2:c-format",
    "--flag=g_string_append_printf:2:c-format", "--flag=g_error_new:3:c-format",
    "--flag=g_set_error:4:c-format", "--flag=g_markup_printf_escaped:1:c-format",
    "--flag=g_log:3:c-format", "--flag=g_print:1:c-format", "--flag=g_printerr:1:c-format",
    "--flag=g_printf:1:c-format", "--flag=g_fprintf:2:c-format",
    "--flag=g_sprintf:2:c-format", "--flag=g_snprintf:3:c-format",
]

results = []


def check(name, ok, detail=""):
    results.append((name, bool(ok), detail))


def linguas():
    langs = []
    with open(os.path.join(PO_DIR, "LINGUAS"), encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0]
            langs.extend(line.split())
    return langs


def statistics(stderr):
    """Returns (translated, fuzzy, untranslated) from msgfmt --statistics."""
    counts = {}
    for n, what in re.findall(r"(\d+) (translated|fuzzy|untranslated)", stderr):
        counts[what] = int(n)
    return counts.get("translated", 0), counts.get("fuzzy", 0), counts.get("untranslated", 0)


def fresh_template(tmp):
    pot = os.path.join(tmp, "factmark.pot")
    proc = subprocess.run([XGETTEXT, "-f", os.path.join(PO_DIR, "POTFILES.in"),
                           "-D", SOURCE_ROOT, "-o", pot] + XGETTEXT_ARGS,
                          capture_output=True, text=True)
    return pot if proc.returncode == 0 and os.path.isfile(pot) else None, proc.stderr


def mnemonic(label):
    m = re.search(r"_(.)", label.replace("__", ""))
    return m.group(1).lower() if m else None


def menus():
    """Yields (file, menu id, [labels]) for every <menu> and <submenu>; the
    sections of one menu are shown together, so they share mnemonics."""
    for path in sorted(glob.glob(os.path.join(SOURCE_ROOT, "resources", "**", "*.ui"),
                              recursive=True)):
        root = ET.parse(path).getroot()
        for menu in root.iter():
            if menu.tag not in ("menu", "submenu"):
                continue
            labels = []

            def walk(node):
                for child in node:
                    if child.tag in ("submenu",):
                        continue  # a submenu opens on its own
                    if child.tag == "item":
                        for attr in child.findall("attribute"):
                            if attr.get("name") == "label" and attr.get("translatable") == "yes":
                                labels.append((attr.get("context"), attr.text or ""))
                    else:
                        walk(child)
            walk(menu)
            yield os.path.relpath(path, SOURCE_ROOT), menu.get("id", "(submenu)"), labels


def main():
    langs = linguas()
    check("po/LINGUAS names at least one language", langs, "po/LINGUAS is empty")

    with tempfile.TemporaryDirectory() as tmp:
        pot = None
        if XGETTEXT:
            pot, err = fresh_template(tmp)
            check("xgettext extracts the messages of po/POTFILES.in", pot, err)

        for lang in langs:
            po = os.path.join(PO_DIR, lang + ".po")
            mo = os.path.join(tmp, lang + ".mo")
            proc = subprocess.run([MSGFMT, "--check", "--check-accelerators=_",
                                   "--statistics", "-o", mo, po],
                                  capture_output=True, text=True)
            check("%s.po passes msgfmt --check" % lang, proc.returncode == 0, proc.stderr)
            translated, fuzzy, untranslated = statistics(proc.stderr)
            check("%s.po is complete (%d translated, %d fuzzy, %d untranslated)"
                  % (lang, translated, fuzzy, untranslated),
                  proc.returncode == 0 and translated > 0 and fuzzy == 0 and untranslated == 0,
                  proc.stderr)

            if pot and MSGCMP:
                cmp = subprocess.run([MSGCMP, po, pot], capture_output=True, text=True)
                check("%s.po translates every message in the sources today" % lang,
                      cmp.returncode == 0,
                      cmp.stderr + "\nRun `meson compile -C BUILDDIR factmark-update-po` "
                      "and translate the new messages.")

            if proc.returncode != 0 or not os.path.isfile(mo):
                continue
            with open(mo, "rb") as f:
                catalog = gettext.GNUTranslations(f)
            clashes = []
            for path, menu_id, labels in menus():
                seen = {}
                for ctxt, label in labels:
                    text = catalog.pgettext(ctxt, label) if ctxt else catalog.gettext(label)
                    key = mnemonic(text)
                    if key is None:
                        continue
                    if key in seen:
                        clashes.append("%s menu %s: “%s” and “%s” both use %s"
                                       % (path, menu_id, seen[key], text, key))
                    else:
                        seen[key] = text
            check("%s.po keeps the mnemonics of each menu unique" % lang, not clashes,
                  "\n".join(clashes))

    print("1..%d" % len(results))
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            failed += 1
            for line in detail.strip().splitlines():
                print("# " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
