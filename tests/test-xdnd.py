#!/usr/bin/env python3
# Files dragged from another program and dropped on the running app, for
# real: dnd-source offers them as a file manager does, xdotool presses on
# it, moves onto the article's text in the Factmark window and releases, and
# X11's XDND carries the drop between the two. The library is then read with
# factmark-cli. Runs under Xvfb (xvfb-run); skipped without a display or
# xdotool.
#
# Usage: test-xdnd.py FACTMARK FACTMARK_CLI DND_SOURCE [KEEP_DIR]
# Prints TAP. With KEEP_DIR the screenshots (import, from ImageMagick) are
# kept there to look at.

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

APP, CLI, SOURCE = sys.argv[1:4]
KEEP = sys.argv[4] if len(sys.argv) > 4 else None
results = []


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


def finish(skip=None):
    if skip:
        print(f"1..0 # SKIP {skip}")
        return 0
    print(f"1..{len(results)}")
    for i, (name, ok, detail) in enumerate(results, 1):
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines()[:20]:
                print(f"# {line}")
    return 0 if all(ok for _, ok, _ in results) else 1


def xdotool(*args):
    return subprocess.run(["xdotool"] + [str(a) for a in args], capture_output=True,
                          text=True, timeout=30).stdout.strip()


def shot(name):
    if KEEP and shutil.which("import"):
        subprocess.run(["import", "-window", "root", os.path.join(KEEP, f"xdnd-{name}.png")],
                       timeout=30)


def wait_window(pid, timeout=20):
    until = time.monotonic() + timeout
    while time.monotonic() < until:
        ids = xdotool("search", "--onlyvisible", "--pid", pid).split()
        if ids:
            return ids[0]
        time.sleep(0.2)
    return None


def articles(db):
    p = subprocess.run([CLI, "--db", db, "list", "--json"], capture_output=True, text=True,
                       timeout=60)
    return [a["title"] for a in json.loads(p.stdout)] if p.returncode == 0 else None


def drag(tmp, files, target=(600, 420)):
    """Drags FILES from dnd-source, placed at the screen's right, to TARGET."""
    src = subprocess.Popen([SOURCE] + files, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                           text=True)
    win = wait_window(src.pid)
    if win is None:
        src.kill()
        return False
    xdotool("windowmove", win, 960, 560)
    time.sleep(0.5)
    xdotool("mousemove", 1060, 620)
    time.sleep(0.3)
    xdotool("mousedown", 1)
    time.sleep(0.3)
    # XDND needs motion over the target before the release.
    for i in range(1, 11):
        xdotool("mousemove", 1060 - (1060 - target[0]) * i // 10,
                620 - (620 - target[1]) * i // 10)
        time.sleep(0.08)
    time.sleep(0.5)
    xdotool("mouseup", 1)
    try:
        out, _ = src.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        src.kill()
        out = ""
    return "drag-end" in out


def session(tmp, name, start_file, files):
    """Runs the app on START_FILE (already in the library, so no dialog),
    drops FILES on its text, and returns the app's stderr."""
    env = dict(os.environ)
    env["FACTMARK_DB"] = os.path.join(tmp, f"{name}.db")
    env["HOME"] = os.path.join(tmp, "home")
    env["XDG_DATA_HOME"] = os.path.join(tmp, "home", "data")
    env["XDG_CONFIG_HOME"] = os.path.join(tmp, "home", "config")
    env["XDG_CACHE_HOME"] = os.path.join(tmp, "home", "cache")
    subprocess.run([CLI, "--db", env["FACTMARK_DB"], "import", start_file], check=True,
                   capture_output=True, timeout=60)
    app = subprocess.Popen([APP, start_file], env=env, stdout=subprocess.DEVNULL,
                           stderr=subprocess.PIPE, text=True)
    win = wait_window(app.pid)
    ok = win is not None
    if ok:
        time.sleep(1.5)
        ok = drag(tmp, files)
        time.sleep(3)
        shot(name)
    app.send_signal(signal.SIGTERM)
    try:
        _, err = app.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        app.kill()
        _, err = app.communicate()
    return ok, err, articles(env["FACTMARK_DB"])


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def main():
    if not os.environ.get("DISPLAY") or not shutil.which("xdotool"):
        return finish(skip="needs an X display (xvfb-run) and xdotool")
    geometry = xdotool("getdisplaygeometry").split()
    if len(geometry) != 2 or int(geometry[0]) < 1200 or int(geometry[1]) < 760:
        return finish(skip=f"the screen ({geometry}) is smaller than 1200x760")

    tmp = tempfile.mkdtemp(prefix="factmark-xdnd-")
    try:
        start = write(os.path.join(tmp, "start.txt"),
                      "Bridge repair approved\n\nThe council approved the repair on Monday.\n")
        budget = write(os.path.join(tmp, "budget.txt"),
                       "Council approves budget\n\nThe budget is $12 million, the mayor said.\n")
        rail = write(os.path.join(tmp, "rail.md"),
                     "# Rail line delayed\n\nThe line opens in 2029, officials said.\n")
        meals = write(os.path.join(tmp, "meals.html"),
                      "<html><head><title>School meals expanded</title></head><body>"
                      "<p>Meals reach 40,000 more pupils.</p></body></html>\n")
        folder = os.path.join(tmp, "folder")
        os.mkdir(folder)
        write(os.path.join(folder, "inside.txt"), "Inside a folder\n\nA text.\n")
        # Root may read anything; a dangling link is unreadable even to it.
        secret = os.path.join(tmp, "secret.txt")
        if os.geteuid() == 0:
            os.symlink("/nonexistent/factmark-secret.txt", secret)
        else:
            write(secret, "Not for you.\n")
            os.chmod(secret, 0)

        ok, err, titles = session(tmp, "one", start, [budget])
        check("one file: the drag reaches the window and ends", ok, err)
        check("one file dropped on the article's text is imported",
              titles is not None and sorted(titles) == ["Bridge repair approved",
                                                         "Council approves budget"], titles)

        ok, err, titles = session(tmp, "several", start, [rail, folder, meals, secret])
        check("several: the drag reaches the window and ends", ok, err)
        check("several files: each readable one is imported",
              titles is not None and sorted(titles) == ["Bridge repair approved",
                                                         "Rail line delayed",
                                                         "School meals expanded"], titles)
        check("several files: the folder and the unreadable file are named as refused",
              "folder: " in err and "is a folder" in err and "secret.txt: " in err, err)

        ok, err, titles = session(tmp, "folder", start, [folder])
        check("a folder: refused with a message, the library unchanged",
              ok and titles == ["Bridge repair approved"] and "is a folder" in err, (titles, err))

        ok, err, titles = session(tmp, "unreadable", start, [secret])
        check("an unreadable file: refused with a message naming it, the library unchanged",
              ok and titles == ["Bridge repair approved"]
              and "The file could not be imported" in err and "secret.txt" in err, (titles, err))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return finish()


if __name__ == "__main__":
    sys.exit(main())
