#!/usr/bin/env python3
# Installs the build into a temporary DESTDIR and checks that every file is
# where Flatpak and the desktop look for it, under the build's app ID (so a
# development build is checked as io.github.factmark.Factmark.Devel), and
# that the installed files agree with each other: the desktop file's icon
# and command exist, the metainfo launches that desktop file and provides
# installed binaries, the schema compiles where it was installed.
#
# Usage: test-install.py MESON BUILD_DIR SOURCE_ROOT APP_ID PREFIX BINDIR DATADIR LOCALEDIR
# Prints TAP. Uses only the standard library.
#
# Everything is installed below a fresh temporary directory, which is
# removed afterwards. The one file meson install writes elsewhere is its
# log, BUILD_DIR/meson-logs/install-log.txt; it is put back as it was, so a
# test run does not overwrite the record of a real install.

import configparser
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

MESON, BUILD, SOURCE_ROOT, APP_ID, PREFIX, BINDIR, DATADIR, LOCALEDIR = sys.argv[1:9]
GETTEXT_PACKAGE = "factmark"
SCREENSHOT_URL = "https://raw.githubusercontent.com/factmark/factmark/main/"
MO_MAGIC = (b"\xde\x12\x04\x95", b"\x95\x04\x12\xde")

results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail, None))
    return bool(cond)


def skip(name, reason):
    results.append((name, True, "", reason))


def under(root, directory):
    # Meson's directory options may be absolute or relative to the prefix.
    path = directory if os.path.isabs(directory) else os.path.join(PREFIX, directory)
    return os.path.join(root, os.path.relpath(path, "/"))


def linguas():
    path = os.path.join(SOURCE_ROOT, "po", "LINGUAS")
    langs = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            langs.extend(line.split("#", 1)[0].split())
    return langs


def parse_xml(path):
    try:
        return ET.parse(path).getroot()
    except (OSError, ET.ParseError) as e:
        check("%s parses as XML" % os.path.basename(path), False, str(e))
        return None


def run_tool(argv):
    try:
        p = subprocess.run(argv, capture_output=True, text=True, timeout=120)
    except FileNotFoundError:
        return None
    return p


def install(destdir):
    env = dict(os.environ)
    env.pop("DESTDIR", None)
    log = os.path.join(BUILD, "meson-logs", "install-log.txt")
    saved = None
    if os.path.exists(log):
        with open(log, "rb") as f:
            saved = f.read()
    try:
        p = subprocess.run([MESON, "install", "-C", BUILD, "--destdir", destdir,
                            "--no-rebuild", "--quiet"],
                           capture_output=True, text=True, env=env, timeout=300)
    finally:
        if saved is not None:
            with open(log, "wb") as f:
                f.write(saved)
        elif os.path.exists(log):
            os.unlink(log)
    return check("meson install --destdir succeeds", p.returncode == 0, p.stdout + p.stderr)


def check_binaries(bindir):
    for name in ("factmark", "factmark-cli"):
        path = os.path.join(bindir, name)
        check("bin/%s is installed and executable" % name,
              os.path.isfile(path) and os.access(path, os.X_OK), path)


def check_desktop(datadir, bindir):
    name = APP_ID + ".desktop"
    path = os.path.join(datadir, "applications", name)
    if not check("share/applications/%s is installed" % name, os.path.isfile(path), path):
        return
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(path, encoding="utf-8")
    entry = parser["Desktop Entry"] if parser.has_section("Desktop Entry") else {}
    with open(path, encoding="utf-8") as f:
        text = f.read()
    check("desktop file has no unsubstituted @variables@",
          not re.search(r"@[A-Za-z_]+@", text))
    check("desktop file's Icon is the app ID", entry.get("Icon") == APP_ID, repr(entry.get("Icon")))
    command = (entry.get("Exec") or "").split()[0:1]
    check("desktop file's Exec runs an installed binary",
          command and os.path.isfile(os.path.join(bindir, command[0])), repr(command))
    p = run_tool(["desktop-file-validate", path])
    if p is None:
        skip("installed desktop file validates", "desktop-file-validate not found")
    else:
        check("installed desktop file validates", p.returncode == 0 and not p.stdout.strip(),
              p.stdout + p.stderr)


def check_metainfo(datadir, bindir):
    name = APP_ID + ".metainfo.xml"
    path = os.path.join(datadir, "metainfo", name)
    if not check("share/metainfo/%s is installed" % name, os.path.isfile(path), path):
        return
    root = parse_xml(path)
    if root is None:
        return
    check("metainfo's id is the app ID", root.findtext("id") == APP_ID, repr(root.findtext("id")))
    launch = root.findtext("launchable[@type='desktop-id']")
    check("metainfo launches the installed desktop file",
          launch == APP_ID + ".desktop" and
          os.path.isfile(os.path.join(datadir, "applications", launch)), repr(launch))
    binaries = [b.text for b in root.iterfind("provides/binary")]
    check("metainfo provides factmark and factmark-cli",
          sorted(binaries) == ["factmark", "factmark-cli"], repr(binaries))
    for b in binaries:
        check("provided binary %s is installed" % b, os.path.isfile(os.path.join(bindir, b)))
    check("metainfo names its gettext domain",
          root.findtext("translation[@type='gettext']") == GETTEXT_PACKAGE)

    # Each screenshot is a URL into the repository; the file it names is
    # shipped too, once it has been committed to the source tree.
    shots = [i.text.strip() for i in root.iterfind("screenshots/screenshot/image")]
    check("metainfo has at least two screenshots", len(shots) >= 2, repr(shots))
    for url in shots:
        if not check("screenshot %s points into the repository" % url,
                     url.startswith(SCREENSHOT_URL)):
            continue
        rel = url[len(SCREENSHOT_URL):]
        source = os.path.join(SOURCE_ROOT, rel)
        installed = os.path.join(datadir, GETTEXT_PACKAGE, "screenshots", os.path.basename(rel))
        if not os.path.isfile(source):
            skip("screenshot %s is installed" % rel, "not in the source tree yet")
            continue
        same = False
        if os.path.isfile(installed):
            with open(source, "rb") as a, open(installed, "rb") as b:
                same = a.read() == b.read()
        check("screenshot %s is installed" % rel, same,
              "%s missing or different; if it was just added, run meson setup --reconfigure"
              % installed)


def check_icons(datadir):
    for sub, name in (("scalable", APP_ID + ".svg"), ("symbolic", APP_ID + "-symbolic.svg")):
        path = os.path.join(datadir, "icons", "hicolor", sub, "apps", name)
        if check("share/icons/hicolor/%s/apps/%s is installed" % (sub, name),
                 os.path.isfile(path), path):
            root = parse_xml(path)
            check("%s is an SVG image" % name,
                  root is not None and root.tag == "{http://www.w3.org/2000/svg}svg",
                  root.tag if root is not None else "")


def check_schema(datadir):
    schemas = os.path.join(datadir, "glib-2.0", "schemas")
    name = APP_ID + ".gschema.xml"
    path = os.path.join(schemas, name)
    if not check("share/glib-2.0/schemas/%s is installed" % name, os.path.isfile(path), path):
        return
    root = parse_xml(path)
    if root is None:
        return
    schema = root.find("schema")
    want_path = "/" + APP_ID.replace(".", "/") + "/"
    check("schema id and path follow the app ID",
          schema is not None and schema.get("id") == APP_ID and schema.get("path") == want_path,
          repr(schema.attrib if schema is not None else None))
    p = run_tool(["glib-compile-schemas", "--strict", "--dry-run", schemas])
    if p is None:
        skip("installed schemas compile", "glib-compile-schemas not found")
    else:
        check("installed schemas compile", p.returncode == 0, p.stdout + p.stderr)


def check_translations(localedir):
    langs = linguas()
    if not langs:
        skip("compiled translations are installed", "po/LINGUAS lists no language yet")
    for lang in langs:
        path = os.path.join(localedir, lang, "LC_MESSAGES", GETTEXT_PACKAGE + ".mo")
        ok = False
        if os.path.isfile(path):
            with open(path, "rb") as f:
                ok = f.read(4) in MO_MAGIC
        check("share/locale/%s/LC_MESSAGES/%s.mo is installed" % (lang, GETTEXT_PACKAGE), ok, path)


def check_contained(destdir, root):
    # Nothing may land outside the prefix, or Flatpak (prefix /app) would
    # lose it.
    stray = []
    for dirpath, dirnames, filenames in os.walk(destdir):
        for f in filenames:
            path = os.path.join(dirpath, f)
            if os.path.commonpath([path, root]) != root:
                stray.append(path)
    check("every installed file is inside the prefix", not stray, "\n".join(stray))


def main():
    destdir = tempfile.mkdtemp(prefix="factmark-install-")
    try:
        if not install(destdir):
            return
        root = os.path.join(destdir, os.path.relpath(PREFIX, "/"))
        bindir = under(destdir, BINDIR)
        datadir = under(destdir, DATADIR)
        check_binaries(bindir)
        check_desktop(datadir, bindir)
        check_metainfo(datadir, bindir)
        check_icons(datadir)
        check_schema(datadir)
        check_translations(under(destdir, LOCALEDIR))
        check_contained(destdir, root)
    finally:
        shutil.rmtree(destdir, ignore_errors=True)


if __name__ == "__main__":
    main()
    print("1..%d" % len(results))
    for i, (name, ok, detail, reason) in enumerate(results, 1):
        if reason is not None:
            print("ok %d - %s # SKIP %s" % (i, name, reason))
            continue
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok and detail:
            for line in str(detail).splitlines():
                print("# " + line)
    sys.exit(0 if results and all(ok for _, ok, _, _ in results) else 1)
