#!/usr/bin/env python3
# Checks the Flatpak manifest against the project without building it (the
# GNOME runtime cannot be downloaded on a build machine): the JSON parses,
# the app ID, command and sandbox permissions are the project's, the app is
# built from this source tree with meson, any other module is pinned, and
# every local path the manifest names exists.
#
# Usage: test-flatpak.py MANIFEST SOURCE_ROOT APP_ID
# Prints TAP. Uses only the standard library.

import configparser
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

MANIFEST, SOURCE_ROOT, APP_ID = sys.argv[1:4]

# Files come through the file-chooser portal, so the sandbox needs no
# filesystem access; these four are all the app may ask for.
FINISH_ARGS = ["--share=ipc", "--socket=wayland", "--socket=fallback-x11", "--device=dri"]
MIN_RUNTIME = 49
# Source types that name a file or directory next to the manifest.
LOCAL_TYPES = {"dir", "file", "patch", "script", "inline", "shell", "extra-data"}

results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


def same_file(a, b):
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def desktop_exec(root):
    # The command Flatpak exports must be the one the desktop file starts.
    parser = configparser.ConfigParser(interpolation=None, strict=False)
    parser.optionxform = str
    parser.read(os.path.join(root, "data", "io.github.factmark.Factmark.desktop.in"),
                encoding="utf-8")
    return parser.get("Desktop Entry", "Exec", fallback="").split()[0:1]


def metainfo_binaries(root):
    path = os.path.join(root, "data", "io.github.factmark.Factmark.metainfo.xml.in")
    tree = ET.parse(path)
    return [b.text for b in tree.getroot().iterfind("./provides/binary")]


def local_paths(module, base):
    """Yields (what, path) for every local path a module names, recursing
    into nested modules and into modules kept in files of their own."""
    if isinstance(module, str):
        # A module given as a path to a JSON file of its own.
        path = os.path.normpath(os.path.join(base, module))
        yield ("module file " + module, path)
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                yield from local_paths(json.load(f), os.path.dirname(path))
        return
    for source in module.get("sources", []):
        if isinstance(source, str):
            path = os.path.normpath(os.path.join(base, source))
            yield ("source file " + source, path)
            continue
        if "path" in source:
            yield ("%s source %s" % (source.get("type"), source["path"]),
                   os.path.normpath(os.path.join(base, source["path"])))
        for p in source.get("paths", []):
            yield ("%s source %s" % (source.get("type"), p),
                   os.path.normpath(os.path.join(base, p)))
    for sub in module.get("modules", []):
        yield from local_paths(sub, base)


def is_pinned(source):
    kind = source.get("type")
    if kind in ("archive", "file") and "url" in source:
        return bool(re.fullmatch(r"[0-9a-f]{64}", source.get("sha256", "")) or
                    re.fullmatch(r"[0-9a-f]{128}", source.get("sha512", "")))
    if kind == "git":
        return bool(re.fullmatch(r"[0-9a-f]{40}", source.get("commit", "")))
    return kind in LOCAL_TYPES


def main():
    base = os.path.dirname(os.path.abspath(MANIFEST))
    try:
        with open(MANIFEST, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as e:
        check("manifest is valid JSON", False, str(e))
        return
    check("manifest is valid JSON", isinstance(manifest, dict))
    if not isinstance(manifest, dict):
        return

    ids = [manifest[k] for k in ("id", "app-id") if k in manifest]
    check("app ID is the project's", ids == [APP_ID], "manifest names %r" % ids)
    check("file is named after the app ID",
          os.path.basename(MANIFEST) == APP_ID + ".json", os.path.basename(MANIFEST))

    check("runtime is org.gnome.Platform", manifest.get("runtime") == "org.gnome.Platform",
          repr(manifest.get("runtime")))
    check("sdk is org.gnome.Sdk", manifest.get("sdk") == "org.gnome.Sdk",
          repr(manifest.get("sdk")))
    version = manifest.get("runtime-version")
    check("runtime-version is a supported GNOME release",
          isinstance(version, str) and version.isdigit() and int(version) >= MIN_RUNTIME,
          repr(version))

    command = manifest.get("command")
    check("command is what the desktop file runs", [command] == desktop_exec(SOURCE_ROOT),
          "command %r, desktop Exec %r" % (command, desktop_exec(SOURCE_ROOT)))
    check("command is a binary the metainfo provides", command in metainfo_binaries(SOURCE_ROOT),
          repr(metainfo_binaries(SOURCE_ROOT)))

    finish = manifest.get("finish-args")
    check("finish-args are exactly ipc, wayland, fallback-x11 and dri",
          isinstance(finish, list) and sorted(finish) == sorted(FINISH_ARGS) and
          len(set(finish)) == len(finish), repr(finish))

    modules = manifest.get("modules")
    check("modules is a non-empty list", isinstance(modules, list) and modules, repr(modules))
    if not isinstance(modules, list) or not modules:
        return

    # The app itself comes last, as flatpak-builder installs modules in order.
    app = modules[-1]
    check("the last module is an object", isinstance(app, dict))
    if isinstance(app, dict):
        check("the app module builds with meson", app.get("buildsystem") == "meson",
              repr(app.get("buildsystem")))
        dirs = [s for s in app.get("sources", [])
                if isinstance(s, dict) and s.get("type") == "dir"]
        check("the app module builds this source tree",
              len(dirs) == 1 and same_file(os.path.join(base, dirs[0].get("path", "")), SOURCE_ROOT),
              repr(dirs))
        opts = app.get("config-opts", [])
        profiles = [o for o in opts if o.startswith("-Dprofile=")]
        check("the app module builds the default profile, matching the app ID",
              all(p == "-Dprofile=default" for p in profiles), repr(profiles))
        for d in dirs:
            for s in d.get("skip", []):
                check("skip entry %s stays inside the tree" % s,
                      not os.path.isabs(s) and ".." not in s.split("/"))

    for m in modules[:-1]:
        name = m.get("name", "?") if isinstance(m, dict) else m
        if isinstance(m, dict):
            for s in m.get("sources", []):
                if isinstance(s, dict):
                    check("module %s pins its %s source" % (name, s.get("type")), is_pinned(s),
                          json.dumps(s))

    for m in modules:
        for what, path in local_paths(m, base):
            check("%s exists" % what, os.path.exists(path), path)


if __name__ == "__main__":
    main()
    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok and detail:
            for line in str(detail).splitlines():
                print("# " + line)
    sys.exit(0 if results and all(ok for _, ok, _ in results) else 1)
