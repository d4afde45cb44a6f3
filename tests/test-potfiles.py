#!/usr/bin/env python3
# Checks po/POTFILES.in against the sources: every file that has strings for
# translators is listed (otherwise xgettext never sees them and they stay
# English in every language), every listed file exists (otherwise the
# factmark-pot and factmark-update-po targets fail), and the list is sorted
# and free of duplicates, as the developers' rules ask.
#
# A file has strings for translators when
#   - a C file (app/**/*.c, *.h) calls one of the gettext keywords the
#     meson 'glib' preset and xgettext's C defaults know, outside comments
#     and string literals;
#   - a GtkBuilder file (resources/**/*.ui) has translatable="yes";
#   - a data/**/*.in file is a desktop entry with a Name, GenericName,
#     Comment or Keywords key, a GSettings schema with a summary or
#     description, an AppStream file with a name, summary, description,
#     caption or developer name that is not translate="no", or any XML file
#     with intltool-style <_element> / _attribute markers or
#     translatable="yes".
#
# Usage: test-potfiles.py SOURCE_ROOT
# Prints TAP. Uses only the standard library.

import glob
import os
import re
import sys
import xml.etree.ElementTree as ET

SOURCE_ROOT = sys.argv[1]
POTFILES = os.path.join(SOURCE_ROOT, "po", "POTFILES.in")

# The glib preset's keywords (_, N_, C_, NC_, g_dcgettext, g_dngettext,
# g_dpgettext2), the GLib macros that wrap them (Q_, g_dgettext, g_dpgettext)
# and xgettext's built-in C keywords (gettext, ngettext, pgettext, ...).
C_KEYWORDS = re.compile(
    r"(?<![A-Za-z0-9_])"
    r"(_|N_|C_|NC_|Q_|g_dgettext|g_dcgettext|g_dngettext|g_dpgettext2?|"
    r"gettext|dgettext|dcgettext|ngettext|dngettext|dcngettext|"
    r"pgettext|dpgettext|npgettext|dnpgettext|gettext_noop)"
    r"\s*\(")

# Elements of an AppStream file that xgettext's metainfo rules extract.
APPSTREAM_TEXT = {"name", "summary", "description", "caption", "developer_name",
                  "keyword"}
DESKTOP_KEYS = re.compile(r"^(Name|GenericName|Comment|Keywords)\s*=\s*\S", re.M)


def strip_c(text):
    """Returns C source with comments removed and the contents of string and
    character literals blanked, so that a keyword inside either is not taken
    for a call."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if text.startswith("/*", i):
            end = text.find("*/", i + 2)
            i = n if end < 0 else end + 2
            out.append(" ")
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif c in "\"'":
            j = i + 1
            while j < n and text[j] != c and text[j] != "\n":
                j += 2 if text[j] == "\\" else 1
            out.append(c + c)
            i = j + 1
        else:
            out.append(c)
            i += 1
    return "".join(out)


def c_has_strings(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        code = strip_c(f.read())
    # A line that defines one of the macros is not a use of it.
    code = re.sub(r"^\s*#\s*define\s+\w+.*$", "", code, flags=re.M)
    return C_KEYWORDS.search(code) is not None


def local(tag):
    return tag.rsplit("}", 1)[-1]


def xml_has_strings(root):
    if root.get("gettext-domain"):
        return True
    top = local(root.tag)
    for el in root.iter():
        name = local(el.tag)
        text = "".join(el.itertext()).strip()
        if name.startswith("_") or any(a.startswith("_") for a in el.attrib):
            return True
        if el.get("translatable", "").lower() in ("yes", "true", "1"):
            return True
        if top == "schemalist" and name in ("summary", "description") and text:
            return True
        if (top == "component" and name in APPSTREAM_TEXT and text
                and el.get("translate") != "no"):
            return True
    return False


def data_has_strings(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        text = f.read()
    if DESKTOP_KEYS.search(text) and re.search(r"^\[Desktop Entry\]", text, re.M):
        return True
    if text.lstrip().startswith("<"):
        try:
            return xml_has_strings(ET.fromstring(text.encode("utf-8")))
        except ET.ParseError:
            # A template whose @placeholders@ break the XML is still looked at
            # for the markers, so that it cannot hide behind a parse error.
            return bool(re.search(r'translatable="yes"|<_\w|gettext-domain=|'
                                  r"<(summary|description)>", text))
    return False


def ui_has_strings(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return re.search(r"""translatable\s*=\s*["'](yes|true|1)["']""",
                         f.read(), re.I) is not None


def rel(path):
    return os.path.relpath(path, SOURCE_ROOT).replace(os.sep, "/")


def scan():
    found = set()

    def add(pattern, test):
        for path in glob.glob(os.path.join(SOURCE_ROOT, pattern), recursive=True):
            if os.path.isfile(path) and test(path):
                found.add(rel(path))

    add("app/**/*.c", c_has_strings)
    add("app/**/*.h", c_has_strings)
    add("resources/**/*.ui", ui_has_strings)
    add("resources/**/*.ui.in", ui_has_strings)
    add("data/**/*.in", data_has_strings)
    return found


def read_potfiles():
    entries = []
    with open(POTFILES, encoding="utf-8") as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            # xgettext accepts "[type: gettext/glade] path"; the path is what counts.
            line = re.sub(r"^\[[^]]*\]\s*", "", line)
            entries.append(line)
    return entries


def main():
    results = []
    entries = read_potfiles()
    listed = set(entries)
    found = scan()

    # Sanity check of the scanner itself: a scan that finds nothing would let
    # every later check pass.
    results.append(("the scanner finds files with strings", len(found) > 0,
                    "no file with translatable strings found under " + SOURCE_ROOT))

    missing = sorted(found - listed)
    results.append(("every file with translatable strings is in po/POTFILES.in",
                    not missing,
                    "missing from po/POTFILES.in:\n" + "\n".join(missing)))

    absent = [e for e in entries if not os.path.isfile(os.path.join(SOURCE_ROOT, e))]
    results.append(("every file po/POTFILES.in names exists", not absent,
                    "listed but not found:\n" + "\n".join(absent)))

    dups = sorted({e for e in entries if entries.count(e) > 1})
    results.append(("po/POTFILES.in has no duplicates", not dups,
                    "listed more than once:\n" + "\n".join(dups)))

    unsorted = [b for a, b in zip(entries, entries[1:]) if a > b]
    results.append(("po/POTFILES.in is sorted", not unsorted,
                    "out of order: " + ", ".join(unsorted)))

    print("1..%d" % len(results))
    failed = 0
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok:
            failed += 1
            for line in detail.splitlines():
                print("# " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
