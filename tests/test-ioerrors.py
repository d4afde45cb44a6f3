#!/usr/bin/env python3
# What factmark-cli does when the library cannot be written or read as it
# should: a read-only file or folder, a file replaced by garbage or cut
# short, a library from a newer Factmark, one locked by another process, and
# a disk that fills up. Each must give one clear "factmark-cli:" line and
# exit 1 (or succeed, for a lock that is let go within the busy timeout),
# and the library file must come out byte for byte as it went in, or, where
# another process changed it, hold exactly what that process committed.
#
# Usage: test-ioerrors.py FACTMARK_CLI SAMPLE_ARTICLE
# Prints TAP.

import hashlib
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

CLI, SAMPLE = sys.argv[1:3]
results = []

# The CLI waits this long for a lock (sqlite3_busy_timeout in fm-store.c).
BUSY_TIMEOUT = 5.0

WRITES = [
    ("annotate", ["annotate", "1", "--kind", "claim", "--start", "0", "--end", "5"]),
    ("import", ["import", "{big}"]),
    ("delete", ["delete", "--article", "1"]),
]
READS = [
    ("list", ["list"]),
    ("show", ["show", "1"]),
    ("export", ["export", "1"]),
]


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail, None))


def skip(name, why):
    results.append((name, True, "", why))


def run(db, args, preexec=None, timeout=60, cli=None, env_extra=None):
    env = dict(os.environ)
    env.pop("FACTMARK_DB", None)
    env.update(env_extra or {})
    p = subprocess.run([cli or CLI, "--db", db] + args, capture_output=True, env=env,
                       preexec_fn=preexec, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def dump(db):
    # Through a copy, so that reading cannot change the file under test.
    tmp = db + ".dump-copy"
    shutil.copyfile(db, tmp)
    for suffix in ("-wal",):
        if os.path.exists(db + suffix):
            shutil.copyfile(db + suffix, tmp + suffix)
    con = sqlite3.connect(tmp)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        return ok, "\n".join(con.iterdump())
    finally:
        con.close()
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(tmp + suffix):
                os.remove(tmp + suffix)


def one_clear_line(err, *words):
    """stderr is exactly one factmark-cli: line, naming one of @words."""
    lines = err.splitlines()
    return (len(lines) == 1 and lines[0].startswith("factmark-cli: ")
            and any(w in lines[0].lower() for w in words))


def make_library(tmp, name):
    db = os.path.join(tmp, name)
    rc, out, err = run(db, ["import", SAMPLE])
    assert rc == 0 and out.strip() == "1", err
    rc, out, err = run(db, ["annotate", "1", "--kind", "source", "--quote", "Mayor Daniel Reyes"])
    assert rc == 0, err
    # Leave one self-contained file: fold the WAL into it.
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    for suffix in ("-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    return db


def expand(args, big):
    return [a.replace("{big}", big) for a in args]


def as_nobody():
    os.setgid(65534)
    os.setgroups([])
    os.setuid(65534)


def unprivileged():
    """A preexec function under which file permissions apply: root ignores
    them, so as root the CLI runs as nobody. None when that cannot be done."""
    if os.geteuid() != 0:
        return lambda: None
    try:
        pid = os.fork()
        if pid == 0:
            try:
                as_nobody()
                os._exit(0)
            except Exception:
                os._exit(1)
        _, status = os.waitpid(pid, 0)
        return as_nobody if os.WEXITSTATUS(status) == 0 else None
    except OSError:
        return None


def test_read_only(tmp, big):
    preexec = unprivileged()
    if preexec is None:
        skip("read-only library", "cannot drop root privileges here")
        return
    # A copy nobody can run, wherever the build tree is.
    os.chmod(tmp, 0o755)
    cli = os.path.join(tmp, "factmark-cli")
    shutil.copy(CLI, cli)
    os.chmod(cli, 0o755)
    # Under `make test-sanitize` LeakSanitizer must read its suppressions
    # as nobody too.
    env_extra = {}
    lsan = os.environ.get("LSAN_OPTIONS", "")
    opts = [o.split("=", 1) for o in lsan.split(":") if "=" in o]
    for i, (k, v) in enumerate(opts):
        if k == "suppressions" and os.path.exists(v):
            copy = os.path.join(tmp, "lsan.supp")
            shutil.copy(v, copy)
            os.chmod(copy, 0o644)
            opts[i] = [k, copy]
    if opts:
        env_extra["LSAN_OPTIONS"] = ":".join(f"{k}={v}" for k, v in opts)
    for what in ("file", "folder"):
        folder = os.path.join(tmp, "ro-" + what)
        os.mkdir(folder)
        db = make_library(folder, "library.db")
        before = digest(db)
        if what == "file":
            os.chmod(db, 0o444)
            os.chmod(folder, 0o755)
        else:
            os.chmod(db, 0o666)
            os.chmod(folder, 0o555)
        try:
            for name, args in WRITES + READS:
                rc, out, err = run(db, expand(args, big), preexec, cli=cli,
                                   env_extra=env_extra)
                if (name, rc) in (("list", 0), ("show", 0), ("export", 0)):
                    # Reading a read-only library is fine too.
                    check(f"read-only {what}: {name} reads", out.strip() != "", err)
                    continue
                check(f"read-only {what}: {name} fails with one clear line",
                      rc == 1 and out == ""
                      and one_clear_line(err, "read-only", "permission", "cannot be written"),
                      f"rc={rc} {err!r}")
            check(f"read-only {what}: the library is unchanged", digest(db) == before)
        finally:
            os.chmod(folder, 0o755)
            os.chmod(db, 0o644)


def test_garbage(tmp, big):
    good = make_library(tmp, "good.db")
    with open(good, "rb") as f:
        data = f.read()
    variants = {
        # Random bytes where the library was.
        "garbage": os.urandom(len(data)),
        # A real SQLite header over pages of noise.
        "damaged pages": data[:4096] + bytes((i * 7 + 13) % 251 for i in range(len(data) - 4096)),
        # Cut short, as by a copy that did not finish.
        "cut short": data[:len(data) // 3],
        # The first page zeroed, as some disk failures leave it.
        "zeroed header": bytes(4096) + data[4096:],
    }
    for label, content in variants.items():
        db = os.path.join(tmp, label.replace(" ", "-") + ".db")
        with open(db, "wb") as f:
            f.write(content)
        for name, args in WRITES + READS:
            rc, out, err = run(db, expand(args, big))
            check(f"{label}: {name} fails with one clear line",
                  rc == 1 and out == "" and one_clear_line(err, "damaged", "not a factmark library"),
                  f"rc={rc} {err!r}")
        with open(db, "rb") as f:
            after = f.read()
        check(f"{label}: the file is unchanged, not truncated", after == content,
              f"{len(content)} bytes became {len(after)}")


def test_newer_schema(tmp, big):
    db = make_library(tmp, "newer.db")
    con = sqlite3.connect(db)
    con.execute("PRAGMA user_version = 99")
    con.commit()
    con.close()
    before = digest(db)
    _, dump_before = dump(db)
    for name, args in WRITES + READS:
        rc, out, err = run(db, expand(args, big))
        check(f"newer schema: {name} fails with one clear line",
              rc == 1 and out == "" and one_clear_line(err, "newer version"),
              f"rc={rc} {err!r}")
    check("newer schema: the file is unchanged", digest(db) == before)
    ok, dump_after = dump(db)
    check("newer schema: its content is unchanged", ok == "ok" and dump_after == dump_before)


HOLDER = r"""
import sqlite3, sys, time
con = sqlite3.connect(sys.argv[1], isolation_level=None)
con.execute("BEGIN IMMEDIATE")
con.execute("UPDATE articles SET title = 'Changed by another process'")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
con.execute("COMMIT")
con.close()
"""


def hold_lock(db, seconds):
    holder = subprocess.Popen([sys.executable, "-c", HOLDER, db, str(seconds)],
                              stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    return holder


def titles_and_counts(db):
    con = sqlite3.connect(db)
    try:
        title = con.execute("SELECT title FROM articles WHERE id = 1").fetchone()[0]
        n = con.execute("SELECT count(*) FROM annotations").fetchone()[0]
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        return title, n, ok
    finally:
        con.close()


def test_locked(tmp, big):
    # Let go within the busy timeout: the CLI waits and succeeds.
    db = make_library(tmp, "locked-short.db")
    holder = hold_lock(db, 1.5)
    t = time.monotonic()
    rc, out, err = run(db, WRITES[0][1])
    waited = time.monotonic() - t
    holder.wait()
    check("lock let go in time: annotate waits and succeeds",
          rc == 0 and out.strip().isdigit() and err == "" and 1.0 < waited < BUSY_TIMEOUT,
          f"rc={rc} after {waited:.1f} s: {err!r}")
    title, n, ok = titles_and_counts(db)
    check("lock let go in time: both changes are there",
          ok == "ok" and title == "Changed by another process" and n == 2, (title, n, ok))

    # Held past the timeout: the CLI gives up with one clear line, the other
    # process's change lands and the CLI's does not.
    for name, args in WRITES:
        db = make_library(tmp, f"locked-long-{name}.db")
        holder = hold_lock(db, BUSY_TIMEOUT + 1.5)
        t = time.monotonic()
        rc, out, err = run(db, expand(args, big))
        waited = time.monotonic() - t
        holder.wait()
        check(f"lock held: {name} gives up with one clear line",
              rc == 1 and out == "" and one_clear_line(err, "locked")
              and BUSY_TIMEOUT - 0.5 < waited < BUSY_TIMEOUT + 1.5,
              f"rc={rc} after {waited:.1f} s: {err!r}")
        title, n, ok = titles_and_counts(db)
        con = sqlite3.connect(db)
        n_articles = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        con.close()
        check(f"lock held: {name} changed nothing, the other process's change is there",
              ok == "ok" and title == "Changed by another process" and n == 1
              and n_articles == 1, (title, n, n_articles, ok))


def limit_file_size(limit):
    def preexec():
        # Past the limit write() fails with EFBIG, as on a full disk, instead
        # of the process being killed.
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
    return preexec


def test_disk_full(tmp, big):
    db = make_library(tmp, "full.db")
    before = digest(db)
    _, dump_before = dump(db)
    size = os.path.getsize(db)
    # Room for the library as it is and a little more, not for a 2.5 MB
    # article.
    rc, out, err = run(db, ["import", big], limit_file_size(size + 64 * 1024))
    check("disk full: import fails with one clear line",
          rc == 1 and out == "" and one_clear_line(err, "disk"), f"rc={rc} {err!r}")
    for suffix in ("-wal", "-shm"):
        if os.path.exists(db + suffix):
            os.remove(db + suffix)
    check("disk full: the library file is unchanged", digest(db) == before)
    ok, dump_after = dump(db)
    check("disk full: its content is unchanged", ok == "ok" and dump_after == dump_before)

    # The same library takes the import once there is room.
    rc, out, err = run(db, ["import", big])
    check("disk full: the library is usable once there is room", rc == 0 and out.strip() == "2",
          f"rc={rc} {err!r}")

    # An export that cannot be written leaves the previous file whole.
    target = os.path.join(tmp, "sheet.json")
    with open(target, "w") as f:
        f.write("previous export\n")
    rc, out, err = run(db, ["export", "2", "-o", target], limit_file_size(4096))
    check("disk full: export fails with one clear line",
          rc == 1 and out == "" and err.startswith("factmark-cli: ") and len(err.splitlines()) == 1,
          f"rc={rc} {err!r}")
    with open(target) as f:
        check("disk full: the previous export is whole", f.read() == "previous export\n")
    leftovers = [n for n in os.listdir(tmp) if n.startswith("sheet.json") and n != "sheet.json"]
    check("disk full: no temporary export file is left", leftovers == [], leftovers)


def main():
    tmp = tempfile.mkdtemp(prefix="factmark-ioerr-")
    big = os.path.join(tmp, "big.txt")
    with open(big, "w") as f:
        for i in range(40000):
            f.write(f"Sentence {i} of a long report on the harbour bridge budget.\n")
    try:
        for test in (test_read_only, test_garbage, test_newer_schema, test_locked,
                     test_disk_full):
            try:
                test(tmp, big)
            except Exception as e:  # A broken step is a failure, not a crash.
                check(f"{test.__name__} ran to the end", False, repr(e))
    finally:
        for root, dirs, _ in os.walk(tmp):
            for d in dirs:
                os.chmod(os.path.join(root, d), 0o755)
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"1..{len(results)}")
    for i, (name, ok, detail, why) in enumerate(results, 1):
        if why is not None:
            print(f"ok {i} - {name} # SKIP {why}")
            continue
        print(f"{'ok' if ok else 'not ok'} {i} - {name}")
        if not ok and detail:
            for line in str(detail).splitlines()[:20]:
                print(f"# {line}")
    return 0 if all(ok for _, ok, _, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
