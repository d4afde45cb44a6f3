#!/usr/bin/env python3
# Issue 15: libraries joined to a desk on a real PostgreSQL server, started
# here with initdb and pg_ctl on a Unix socket in a temporary folder (see
# pg-server.sh) and stopped at the end. Each scenario has a database of its
# own, and each client a library of its own, driven through factmark-cli.
#
# Usage: test-desk.py FACTMARK_CLI PG_SERVER_SH

import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

CLI = sys.argv[1]
PG = sys.argv[2]
results = []
TMP = tempfile.mkdtemp(prefix="factmark-desk-")
PGDIR = os.path.join(TMP, "pg")
BIN = None

TEXT = ("The mayor said 3,000 homes were built last year, at a cost of $48 million. "
        "Critics say only 1,200 were finished.\n")


def check(name, cond, detail=""):
    results.append((name, bool(cond), detail))


def cli(db, *args, timeout=300):
    p = subprocess.run([CLI, "--db", db] + list(args), capture_output=True, timeout=timeout)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def psql(dbname, sql):
    p = subprocess.run([os.path.join(BIN, "psql"), "-h", PGDIR, "-U", "factmark", "-d", dbname,
                        "-tAXq", "-c", sql], capture_output=True, timeout=60)
    return p.stdout.decode("utf-8").strip()


def url(dbname, user="factmark"):
    return "host=%s dbname=%s user=%s" % (PGDIR, dbname, user)


def desk(name):
    """A new desk database with a reporter (rita, remy) and an editor (eve)."""
    psql("postgres", "CREATE DATABASE %s" % name)
    rc, out, err = cli(os.path.join(TMP, "none.db"), "desk", "init", url(name))
    assert rc == 0, err
    for person, role in (("rita", "reporter"), ("remy", "reporter"), ("eve", "editor")):
        rc, out, err = cli(os.path.join(TMP, "none.db"), "desk", "add-person", url(name), person,
                           "--role", role)
        assert rc == 0, err
    return name


def library(name):
    return os.path.join(TMP, name + ".db")


def article_file(text=TEXT, name="a.txt"):
    path = os.path.join(TMP, name)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    return path


def annotations(db):
    rc, out, err = cli(db, "facts", "--json")
    return json.loads(out) if rc == 0 else []


def sql(db, query):
    con = sqlite3.connect(db)
    try:
        return con.execute(query).fetchall()
    finally:
        con.close()


def sync(db):
    rc, out, err = cli(db, "sync")
    return rc, out.strip(), err


def join(db, dbname, user):
    return cli(db, "desk", "join", url(dbname, user))


def annotate(db, quote, kind="figure"):
    rc, out, err = cli(db, "annotate", "1", "--kind", kind, "--quote", quote)
    return out.strip()


def uuid_of(db, ann):
    return sql(db, "SELECT uuid FROM annotations WHERE id = %d" % int(ann))[0][0]


def delete(db, ann):
    """Deletes by uuid: a bare number would name the article first."""
    return cli(db, "delete", uuid_of(db, ann))


def note_of(db, ann):
    rows = sql(db, "SELECT note FROM annotations WHERE id = %d" % int(ann))
    return rows[0][0] if rows else None


def test_join_and_pull():
    d = desk("joinpull")
    a, b = library("jp-a"), library("jp-b")
    cli(a, "import", article_file())
    annotate(a, "3,000")
    annotate(a, "$48 million")
    rc, out, err = join(a, d, "rita")
    check("join pushes the library", rc == 0 and "pushed 3," in out, out + err)
    rc, out, err = join(b, d, "eve")
    check("joining pulls the desk", rc == 0 and "pulled 3," in out, out + err)
    check("the other library has the annotations", len(annotations(b)) == 2)
    check("the server records who marked them",
          psql(d, "SELECT string_agg(DISTINCT created_by, ',') FROM factmark.annotations") == "rita")
    rc, out, err = sync(a)
    check("a sync with nothing new", rc == 0 and out == "pushed 0, pulled 0, conflicts 0", out + err)


def pair(name):
    d = desk(name)
    a, b = library(name + "-a"), library(name + "-b")
    cli(a, "import", article_file())
    fig = annotate(a, "3,000")
    join(a, d, "eve")
    join(b, d, "eve")
    return d, a, b, fig


def test_field_merge():
    d, a, b, fig = pair("merge")
    cli(a, "edit", fig, "--note", "From the city's report")
    cli(b, "edit", fig, "--verdict", "misleading")
    sync(a)
    rc, out, err = sync(b)
    check("a note here and a verdict there merge without a conflict",
          rc == 0 and out.endswith("conflicts 0"), out + err)
    sync(a)
    for db in (a, b):
        row = sql(db, "SELECT note, verdict FROM annotations WHERE id = %s" % fig)[0]
        check("both edits survive in %s" % os.path.basename(db),
              row == ("From the city's report", "misleading"), repr(row))


def test_sources_and_tracked():
    """A source merged or renamed, and claims linked, reach the other library."""
    d, a, b, fig = pair("tracked")
    mayor = annotate(a, "The mayor", kind="source")
    homes = annotate(a, "3,000 homes were built last year", kind="claim")
    critics = annotate(a, "only 1,200 were finished", kind="claim")
    cli(a, "rename-source", "the mayor", "Mayor Ana Ortiz")
    rc, out, err = cli(a, "link", homes, critics)
    check("link on a joined library", rc == 0, err)
    sync(a)
    sync(b)
    rows = sql(b, "SELECT entity FROM annotations WHERE uuid = '%s'" % uuid_of(a, mayor))
    check("a renamed source reaches the other library", rows == [("Mayor Ana Ortiz",)], repr(rows))
    rc, out, err = cli(b, "source", "mayor ana ortiz", "--json")
    check("... as the same library source", rc == 0 and json.loads(out)["aliases"] == ["The mayor"],
          out + err)
    cli(b, "edit", uuid_of(a, critics), "--note", "Council minutes, p. 2")
    sync(b)
    sync(a)
    notes = sql(a, "SELECT note FROM annotations WHERE kind = 'claim' ORDER BY id")
    check("an edit of a tracked claim there is shared by both claims here",
          notes == [("Council minutes, p. 2",)] * 2, repr(notes))


def test_true_conflict():
    d, a, b, fig = pair("conflict")
    cli(a, "edit", fig, "--note", "Checked with the city")
    cli(b, "edit", fig, "--note", "The city would not say")
    sync(a)
    rc, out, err = sync(b)
    check("the same field changed on both sides is one conflict",
          rc == 0 and out.endswith("conflicts 1"), out + err)
    rc, out, err = cli(b, "conflicts", "--json")
    issues = json.loads(out) if rc == 0 else []
    check("conflicts --json shows both values",
          len(issues) == 1 and issues[0]["field"] == "note"
          and issues[0]["mine"] == "The city would not say"
          and issues[0]["theirs"] == "Checked with the city" and issues[0]["author"] == "eve",
          out + err)
    check("the library shows the desk's value until the user decides",
          note_of(b, fig) == "Checked with the city")
    rc, out, err = cli(b, "resolve", fig, "--keep", "mine")
    check("resolve --keep mine", rc == 0, err)
    sync(b)
    sync(a)
    check("the kept value reaches the other library", note_of(a, fig) == "The city would not say")
    rc, out, err = cli(b, "conflicts", "--json")
    check("nothing left to settle", rc == 0 and json.loads(out) == [], out)
    rc, out, err = cli(b, "resolve", fig, "--keep", "mine")
    check("resolving twice says there is nothing", rc == 1 and err.startswith("factmark-cli: "), err)


def test_edit_against_delete():
    d, a, b, fig = pair("editdel")
    uuid = uuid_of(a, fig)
    delete(a, fig)
    cli(b, "edit", fig, "--note", "Still matters")
    sync(b)
    rc, out, err = sync(a)
    check("a delete against an edit: the edit wins", rc == 0 and "kept over a delete 1" in out,
          out + err)
    check("the edited annotation is back where it was deleted",
          sql(a, "SELECT note FROM annotations WHERE uuid = '%s'" % uuid) == [("Still matters",)])
    rc, out, err = cli(a, "conflicts", "--json")
    issues = json.loads(out) if rc == 0 else []
    check("and the lost delete is reported", len(issues) == 1 and issues[0]["kind"] == "kept", out)

    d2, a2, b2, fig2 = pair("deledit")
    uuid2 = uuid_of(a2, fig2)
    delete(a2, fig2)
    sync(a2)
    cli(b2, "edit", fig2, "--note", "Edited after the delete")
    rc, out, err = sync(b2)
    check("an edit after the desk deleted it is kept", rc == 0 and "kept over a delete 1" in out,
          out + err)
    sync(a2)
    check("and comes back to the library that deleted it",
          sql(a2, "SELECT note FROM annotations WHERE uuid = '%s'" % uuid2)
          == [("Edited after the delete",)])


def test_roles():
    d = desk("roles")
    rita, remy, eve = library("r-rita"), library("r-remy"), library("r-eve")
    cli(eve, "import", article_file())
    mine = annotate(eve, "3,000")
    join(eve, d, "eve")
    join(rita, d, "rita")
    join(remy, d, "remy")
    own = annotate(rita, "$48 million")
    sync(rita)
    server_verdict = "SELECT fields->>'verdict' FROM factmark.annotations WHERE uuid = " \
                     "(SELECT uuid FROM factmark.annotations ORDER BY version LIMIT 1)"

    def refused_after(db, *edit):
        cli(db, *edit)
        rc, out, err = sync(db)
        return rc == 0 and "refused 1" in out, out + err

    ok, detail = refused_after(rita, "edit", own, "--verdict", "true")
    check("a reporter cannot set a verdict, even on their own annotation", ok, detail)
    rc, out, err = cli(rita, "conflicts", "--json")
    issues = json.loads(out) if rc == 0 else []
    check("the refusal comes back with its reason",
          any(i["kind"] == "refused" and "editor" in (i["reason"] or "") for i in issues), out)
    ok, detail = refused_after(rita, "edit", mine, "--note", "My note on Eve's figure")
    check("a reporter cannot change another person's annotation", ok, detail)
    cli(rita, "delete", uuid_of(rita, mine))
    rc, out, err = sync(rita)
    ok, detail = rc == 0 and "refused 1" in out, out + err
    check("a reporter cannot delete another person's annotation", ok, detail)
    check("the server still has it",
          psql(d, "SELECT count(*) FROM factmark.annotations WHERE NOT deleted") == "2")
    cli(rita, "edit", own, "--note", "Source: budget")
    rc, out, err = sync(rita)
    check("a reporter edits their own annotation", rc == 0 and out.startswith("pushed 1,"),
          out + err)
    rc, out, err = sync(remy)
    check("another reporter sees it", note_of(remy, own) == "Source: budget")
    ok, detail = refused_after(remy, "edit", own, "--note", "Remy's")
    check("and cannot change it", ok, detail)
    sync(eve)
    cli(eve, "edit", own, "--verdict", "misleading")
    rc, out, err = sync(eve)
    check("an editor sets a verdict on anyone's annotation", rc == 0 and "refused" not in out,
          out + err)
    check("the server says who set the verdict",
          psql(d, "SELECT verdict_by FROM factmark.annotations WHERE fields->>'verdict' = "
                  "'misleading'") == "eve")
    delete(eve, own)
    rc, out, err = sync(eve)
    check("an editor deletes another person's annotation", rc == 0 and "refused" not in out,
          out + err)
    sync(rita)
    check("the delete reaches the reporter", note_of(rita, own) is None)
    check("a refused change is not retried", sync(rita)[1].startswith("pushed 0,"))
    # Straight at the server, as the roles' own logins, not through the app.
    p = subprocess.run([os.path.join(BIN, "psql"), "-h", PGDIR, "-U", "rita", "-d", d, "-tAXq",
                        "-c", "UPDATE factmark.annotations SET fields = fields || "
                              "'{\"verdict\": \"true\"}'"], capture_output=True, timeout=60)
    check("the server itself refuses a reporter's verdict", p.returncode != 0
          and b"only an editor" in p.stderr, p.stderr.decode())
    p = subprocess.run([os.path.join(BIN, "psql"), "-h", PGDIR, "-U", "rita", "-d", d, "-tAXq",
                        "-c", "UPDATE factmark.annotations SET deleted = true "
                              "WHERE created_by = 'eve' RETURNING uuid"],
                       capture_output=True, timeout=60)
    check("row-level security hides others' rows from a reporter's update",
          p.returncode == 0 and p.stdout.strip() == b"", p.stdout.decode() + p.stderr.decode())


def test_offline():
    d, a, b, fig = pair("offline")
    subprocess.run([PG, "stop", PGDIR, "fast"], check=True)
    try:
        annotate(a, "$48 million")
        rc, out, err = sync(a)
        check("without the server sync fails with one line",
              rc == 1 and err.startswith("factmark-cli: ") and err.count("\n") == 1, err)
        rc, out, err = cli(a, "desk", "status")
        check("and the change waits in the outbox", "Waiting to push: 1" in out, out)
        check("the library still works offline", len(annotations(a)) == 2)
    finally:
        subprocess.run([PG, "restart", PGDIR], check=True)
    rc, out, err = sync(a)
    check("everything arrives once the server is back", rc == 0 and out.startswith("pushed 1,"),
          out + err)
    sync(b)
    check("and reaches the other library", len(annotations(b)) == 2)


def many_figures(n, seed):
    return "".join("Depot %d of region %d holds %d crates.\n" % (i, seed, 1000 + i)
                   for i in range(n))


def client_with(n, dbname, name, seed):
    db = library(name)
    cli(db, "import", article_file(many_figures(n, seed), name + ".txt"))
    cli(db, "suggest", "1", "--kind", "figure", "--accept")
    return db


def server_count(dbname):
    return int(psql(dbname, "SELECT count(*) FROM factmark.annotations") or -1)


def test_kill_during_push():
    d = desk("killed")
    db = client_with(3000, d, "killed", 1)
    # Joining queues everything and pushes it; the push is killed part way.
    p = subprocess.Popen([CLI, "--db", db, "desk", "join", url(d, "eve")],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(0.4)
    p.send_signal(signal.SIGKILL)
    p.wait()
    waiting = sql(db, "SELECT count(*) FROM outbox")[0][0]
    check("a killed push leaves the outbox", waiting > 0, str(waiting))
    rc, out, err = sync(db)
    local = sql(db, "SELECT count(*) FROM annotations")[0][0]
    check("after the kill everything arrives, none twice",
          rc == 0 and server_count(d) == local >= 3000, "%s %d %s" % (out + err, local,
                                                                     server_count(d)))


def test_server_stopped_during_push():
    d = desk("stopped")
    db = client_with(3000, d, "stopped", 2)
    p = subprocess.Popen([CLI, "--db", db, "desk", "join", url(d, "eve")],
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    time.sleep(0.4)
    subprocess.run([PG, "stop", PGDIR, "immediate"], check=True)
    out, err = p.communicate(timeout=120)
    check("a push cut by the server stopping fails cleanly",
          p.returncode in (0, 1) and b"Segmentation" not in err, err.decode())
    subprocess.run([PG, "restart", PGDIR], check=True)
    if p.returncode != 0 and not sql(db, "SELECT count(*) FROM desk")[0][0]:
        cli(db, "desk", "join", url(d, "eve"))
    rc, out, err = sync(db)
    local = sql(db, "SELECT count(*) FROM annotations")[0][0]
    check("after the restart everything arrives, none twice",
          rc == 0 and server_count(d) == local >= 3000,
          "%s %d %d" % (out + err, local, server_count(d)))


def parallel_clients(n, per):
    d = desk("clients%d" % n)
    dbs = [client_with(per, d, "c%d-%d" % (n, i), i) for i in range(n)]
    total = sum(sql(db, "SELECT count(*) FROM annotations")[0][0] for db in dbs)
    procs = [subprocess.Popen([CLI, "--db", db, "desk", "join", url(d, "eve")],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) for db in dbs]
    codes = [p.wait(timeout=600) for p in procs]
    check("%d clients push %d changes or more each in parallel" % (n, per),
          codes == [0] * n and total >= n * per,
          " ".join(p.stderr.read().decode() for p in procs))
    procs = [subprocess.Popen([CLI, "--db", db, "sync"], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE) for db in dbs]
    codes = [p.wait(timeout=600) for p in procs]
    check("%d clients: every change on the server, none twice" % n,
          server_count(d) == total
          and psql(d, "SELECT count(DISTINCT uuid) FROM factmark.annotations") == str(total),
          str(server_count(d)))
    counts = [sql(db, "SELECT count(*) FROM annotations")[0][0] for db in dbs]
    check("%d clients: every change in every library" % n, counts == [total] * n, str(counts))
    uuids = [sql(db, "SELECT count(DISTINCT uuid) FROM annotations")[0][0] for db in dbs]
    check("%d clients: none twice in any library" % n, uuids == [total] * n, str(uuids))


def main():
    global BIN
    BIN = sorted(os.listdir("/usr/lib/postgresql"))[-1] if os.path.isdir("/usr/lib/postgresql") \
        else None
    if BIN is None:
        print("1..0 # SKIP PostgreSQL is not installed")
        return 0
    BIN = os.path.join("/usr/lib/postgresql", BIN, "bin")
    os.chmod(TMP, 0o755)
    subprocess.run([PG, "start", PGDIR], check=True, stdout=subprocess.DEVNULL)
    try:
        for test in (test_join_and_pull, test_field_merge, test_sources_and_tracked,
                     test_true_conflict, test_edit_against_delete, test_roles, test_offline, test_kill_during_push,
                     test_server_stopped_during_push):
            try:
                test()
            except Exception as e:  # one scenario's failure is reported, not fatal
                check(test.__name__, False, repr(e))
        parallel_clients(2, 1000)
        parallel_clients(10, 1000)
    finally:
        subprocess.run([PG, "stop", PGDIR, "immediate"])
    print("1..%d" % len(results))
    for i, (name, ok, detail) in enumerate(results, 1):
        print("%s %d - %s" % ("ok" if ok else "not ok", i, name))
        if not ok and detail:
            for line in detail.splitlines():
                print("# " + line)
    shutil.rmtree(TMP, ignore_errors=True)
    return 0 if all(ok for _, ok, _ in results) else 1


if __name__ == "__main__":
    sys.exit(main())
