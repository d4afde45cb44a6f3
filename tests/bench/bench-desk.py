#!/usr/bin/env python3
# Issue 15's benchmark: sync throughput over loopback (a Unix socket to a
# throwaway PostgreSQL), pushed and pulled, beside a plain COPY of the same
# rows into a table of the same shape (the floor); and the time from a
# commit on one client to the change in another client's library, with
# both watching (factmark-cli sync --watch, the window's sync engine).
#
# Usage: bench-desk.py FACTMARK_CLI PG_SERVER_SH [CHANGES] [ROUNDS]
# Prints BENCH|desk|row|value|baseline|ratio|goal|met lines, as the other
# benchmarks do.

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

CLI, PG = sys.argv[1], sys.argv[2]
CHANGES = int(sys.argv[3]) if len(sys.argv) > 3 else 10000
ROUNDS = int(sys.argv[4]) if len(sys.argv) > 4 else 40
TMP = tempfile.mkdtemp(prefix="factmark-bench-desk-")
PGDIR = os.path.join(TMP, "pg")


def bin_dir():
    versions = sorted(os.listdir("/usr/lib/postgresql"))
    return os.path.join("/usr/lib/postgresql", versions[-1], "bin")


def psql(sql, stdin=None):
    return subprocess.run([os.path.join(bin_dir(), "psql"), "-h", PGDIR, "-U", "factmark",
                           "-d", "postgres", "-tAXq", "-c", sql], input=stdin,
                          capture_output=True, check=True).stdout.decode().strip()


def url(user="factmark"):
    return "host=%s dbname=postgres user=%s" % (PGDIR, user)


def cli(db, *args):
    p = subprocess.run([CLI, "--db", db] + list(args), capture_output=True)
    if p.returncode != 0:
        raise RuntimeError(p.stderr.decode())
    return p.stdout.decode()


def library_with(n):
    db = os.path.join(TMP, "a.db")
    path = os.path.join(TMP, "a.txt")
    with open(path, "w") as f:
        f.write("".join("Depot %d holds %d crates.\n" % (i, 1000 + i) for i in range(n // 2)))
    cli(db, "import", path)
    cli(db, "suggest", "1", "--kind", "figure", "--accept")
    return db


def copy_floor(db):
    """COPY the same rows, as jsonb, into a table shaped like the desk's."""
    con = sqlite3.connect(db)
    rows = con.execute("SELECT uuid, json_object('kind', kind, 'start', start, 'end', \"end\", "
                       "'quote', quote, 'note', note, 'verdict', verdict, 'value', value) "
                       "FROM annotations").fetchall()
    data = "".join("%s\t%s\n" % (u, f.replace("\\", "\\\\")) for u, f in rows).encode()
    psql("CREATE TABLE floor (uuid text PRIMARY KEY, fields jsonb NOT NULL, version bigint, "
         "created_by name DEFAULT current_user, changed_by name DEFAULT current_user)")
    start = time.perf_counter()
    psql("COPY floor (uuid, fields) FROM STDIN", stdin=data)
    return len(rows), time.perf_counter() - start


def row(name, value, unit, baseline, goal, met):
    ratio = value / baseline if baseline else 0
    print("BENCH|desk|%s|%.1f %s|%.1f %s|%.2f×|%s|%s" % (name, value, unit, baseline, unit,
                                                        ratio, goal, "yes" if met else "no"))


def throughput():
    a = library_with(CHANGES)
    n, copy_s = copy_floor(a)
    start = time.perf_counter()
    cli(a, "desk", "join", url())
    push_s = time.perf_counter() - start
    b = os.path.join(TMP, "b.db")
    start = time.perf_counter()
    cli(b, "desk", "join", url())
    pull_s = time.perf_counter() - start
    floor = n / copy_s
    row("push %d changes, changes/s" % n, n / push_s, "/s", floor, "reported", True)
    row("pull %d changes, changes/s" % n, n / pull_s, "/s", floor, "reported", True)
    return a, b


def latency(a, b):
    watchers = [subprocess.Popen([CLI, "--db", db, "sync", "--watch"], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL) for db in (a, b)]
    times = []
    try:
        time.sleep(1.5)
        con = sqlite3.connect(b)
        for i in range(ROUNDS):
            note = "round %d" % i
            start = time.perf_counter()
            cli(a, "edit", "1", "--note", note)
            while True:
                got = con.execute("SELECT note FROM annotations WHERE uuid = "
                                  "(SELECT uuid FROM annotations ORDER BY id LIMIT 1)").fetchone()
                if got and got[0] == note:
                    break
                if time.perf_counter() - start > 10:
                    raise RuntimeError("round %d never arrived" % i)
                time.sleep(0.005)
            times.append(time.perf_counter() - start)
    finally:
        for w in watchers:
            w.terminate()
            w.wait()
    times.sort()
    p50 = times[len(times) // 2] * 1000
    p95 = times[min(len(times) - 1, int(len(times) * 0.95))] * 1000
    row("commit on one client to the other's library, p50", p50, "ms", p50, "reported", True)
    row("commit on one client to the other's library, p95", p95, "ms", 2000, "≤ 2000 ms",
        p95 <= 2000)


def main():
    if not os.path.isdir("/usr/lib/postgresql"):
        print("bench-desk: PostgreSQL is not installed; skipped")
        return 0
    os.chmod(TMP, 0o755)
    subprocess.run([PG, "start", PGDIR], check=True, stdout=subprocess.DEVNULL)
    try:
        cli(os.path.join(TMP, "none.db"), "desk", "init", url())
        a, b = throughput()
        latency(a, b)
    finally:
        subprocess.run([PG, "stop", PGDIR, "immediate"])
        shutil.rmtree(TMP, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
