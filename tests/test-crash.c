/* test-crash.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdlib.h>

#include "fm-store.h"
#include "fm-text.h"
#include "fm-types.h"
#include "fm-test-utils.h"

/* Kills crash-child with SIGKILL at random moments while it changes
 * annotations through FmStore, and after each kill checks what a user
 * relies on: the file is a sound database, every change the child had
 * acknowledged (it prints one only after the commit returned) is there,
 * every acknowledged deletion is gone, and the one change that was in flight
 * is either wholly there or wholly absent.
 *
 * FACTMARK_CRASH_SECONDS sets how long to go on (20 by default, the budget
 * of `make test`; set it higher for a soak run, and run the binary directly
 * so meson's timeout does not stop it). FACTMARK_CRASH_SEED changes the
 * fixed seed, which picks the kill moments and the child's changes;
 * FACTMARK_CRASH_MAX_DELAY_MS the longest the child runs before a kill. */

#define DEFAULT_SECONDS 20
#define DEFAULT_SEED 5147
#define DEFAULT_MAX_DELAY_MS 150
#define N_FIXED_SOURCES 3
#define EVIDENCE_URL "https://evidence.example/%s/%u"

static const char article_text[] =
  "The council approved a budget of 4.2 million euros on Tuesday, the mayor said. "
  "Opposition members said the figure was closer to 5 million once the bridge repairs "
  "are counted. A spokesperson for the regional government declined to comment.\n\n"
  "Attendance at the meeting was about 300 people, according to the police, while the "
  "organisers counted 1,200. “It was the largest turnout in a decade,” said Ana Ruiz.";

/* What the database holds for one annotation, as the parent reads it. */
typedef struct
{
  char  *token;
  guint  n_evidence;
  guint  n_links;
} Row;

static void
row_free (gpointer data)
{
  Row *row = data;

  g_free (row->token);
  g_free (row);
}

typedef struct
{
  char       *dir;
  char       *path;
  const char *child;
  /* id → token of every annotation the child has acknowledged and not
   * deleted since; the ids of deletions it acknowledged. */
  GHashTable *expected;
  GHashTable *deleted;
  GArray     *fixed;
  /* Figures for the report. */
  guint       kills;
  guint       acknowledged;
  guint       in_flight_landed;
} Crash;

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *value = g_getenv (name);
  guint64 v;

  if (value == NULL || *value == '\0')
    return fallback;
  if (!g_ascii_string_to_unsigned (value, 10, 0, G_MAXUINT, &v, NULL))
    g_error ("%s must be a number, not “%s”", name, value);
  return (guint) v;
}

static void
setup_library (Crash *c)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmArticle) article = fm_article_new ();
  g_autoptr(FmArticle) stored = NULL;
  glong length = fm_text_length (article_text);

  store = fm_store_open (c->path, &error);
  g_assert_no_error (error);
  fm_article_set_text (article, article_text);
  fm_article_set_title (article, "Budget vote");
  stored = fm_store_add_article (store, article, NULL, &error);
  g_assert_no_error (error);

  /* Sources the child links to and never changes. */
  for (guint i = 0; i < N_FIXED_SOURCES; i++)
    {
      g_autoptr(FmAnnotation) source = fm_annotation_new (FM_KIND_SOURCE);
      gint64 id;

      fm_annotation_set_article_id (source, fm_article_get_id (stored));
      g_assert_true (fm_annotation_anchor (source, article_text, length, 10 * i,
                                           10 * i + 5, &error));
      fm_annotation_set_note (source, "fixed");
      g_assert_true (fm_store_add_annotation (store, source, &error));
      g_assert_no_error (error);
      id = fm_annotation_get_id (source);
      g_array_append_val (c->fixed, id);
    }
}

/* Parses "tok=T;ev=E;ln=L". */
static gboolean
parse_note (const char *note,
            Row        *row)
{
  g_auto(GStrv) parts = NULL;
  guint64 ev, ln;

  if (note == NULL)
    return FALSE;
  parts = g_strsplit (note, ";", -1);
  if (g_strv_length (parts) != 3
      || !g_str_has_prefix (parts[0], "tok=")
      || !g_str_has_prefix (parts[1], "ev=")
      || !g_str_has_prefix (parts[2], "ln=")
      || !g_ascii_string_to_unsigned (parts[1] + 3, 10, 0, 100, &ev, NULL)
      || !g_ascii_string_to_unsigned (parts[2] + 3, 10, 0, 100, &ln, NULL))
    return FALSE;
  row->token = g_strdup (parts[0] + 4);
  row->n_evidence = ev;
  row->n_links = ln;
  return TRUE;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

/* Reads the library as the user would find it after the crash, checking
 * that every annotation's rows agree with its note, and returns id → Row. */
static GHashTable *
read_library (Crash *c)
{
  GHashTable *rows = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, row_free);
  g_autofree char *integrity = NULL;
  g_autofree char *fk = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n_fixed = 0;

  /* Opening read-write lets SQLite recover the WAL the way the next
   * Factmark would. */
  g_assert_cmpint (sqlite3_open_v2 (c->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  sqlite3_busy_timeout (db, 5000);

  integrity = query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  fk = query_text (db, "SELECT count(*) FROM pragma_foreign_key_check");
  g_assert_cmpstr (fk, ==, "0");

  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, note FROM annotations", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);
      const char *note = (const char *) sqlite3_column_text (stmt, 1);
      Row *row = g_new0 (Row, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      if (g_strcmp0 (note, "fixed") == 0)
        {
          n_fixed++;
          g_free (id);
          g_free (row);
          continue;
        }
      if (!parse_note (note, row))
        g_error ("Annotation %" G_GINT64_FORMAT " has a note the child never wrote: “%s”",
                 *id, note);
      g_hash_table_insert (rows, id, row);
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n_fixed, ==, N_FIXED_SOURCES);

  /* Evidence: exactly E rows, at positions 0…E-1, each naming the token. */
  {
    g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          NULL);
    GHashTableIter iter;
    gpointer key, value;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT annotation_id, position, url, note"
                                         " FROM evidence ORDER BY annotation_id, position",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        guint position = sqlite3_column_int (stmt, 1);
        Row *row = g_hash_table_lookup (rows, &id);
        g_autofree char *url = NULL;
        guint n;

        if (row == NULL)
          g_error ("Evidence row of annotation %" G_GINT64_FORMAT " that is not the child's", id);
        url = g_strdup_printf (EVIDENCE_URL, row->token, position);
        n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &id));
        if (position != n || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), url) != 0
            || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 3), row->token) != 0)
          g_error ("Annotation %" G_GINT64_FORMAT " (%s) has evidence from another change: "
                   "%u “%s”", id, row->token, position, sqlite3_column_text (stmt, 2));
        g_hash_table_insert (counts, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (n + 1));
      }
    sqlite3_finalize (stmt);

    g_hash_table_iter_init (&iter, rows);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        Row *row = value;
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

        if (n != row->n_evidence)
          g_error ("Annotation %" G_GINT64_FORMAT " (%s) has %u evidence rows, not %u: "
                   "a partial change", *(gint64 *) key, row->token, n, row->n_evidence);
      }
  }

  /* Links: exactly L, the first L fixed sources in order. */
  {
    g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          NULL);
    GHashTableIter iter;
    gpointer key, value;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT annotation_id, source_id, position"
                                         " FROM links ORDER BY annotation_id, position",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        gint64 source = sqlite3_column_int64 (stmt, 1);
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, &id));

        if (!g_hash_table_contains (rows, &id))
          g_error ("Link from annotation %" G_GINT64_FORMAT " that is not the child's", id);
        if (n >= c->fixed->len || source != g_array_index (c->fixed, gint64, n))
          g_error ("Annotation %" G_GINT64_FORMAT " links to %" G_GINT64_FORMAT
                   " out of order: a partial change", id, source);
        g_hash_table_insert (counts, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (n + 1));
      }
    sqlite3_finalize (stmt);

    g_hash_table_iter_init (&iter, rows);
    while (g_hash_table_iter_next (&iter, &key, &value))
      {
        Row *row = value;
        guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key));

        if (n != row->n_links)
          g_error ("Annotation %" G_GINT64_FORMAT " (%s) has %u links, not %u: a partial change",
                   *(gint64 *) key, row->token, n, row->n_links);
      }
  }

  sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return rows;
}

/* Applies the child's acknowledgements to the expected state; a last line
 * without its newline was cut by the kill and acknowledges nothing. */
static void
apply_acknowledgements (Crash      *c,
                        const char *output)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  guint n = g_strv_length (lines);

  /* After the final "\n" comes "" or a cut line. */
  for (guint i = 0; i + 1 < n; i++)
    {
      g_auto(GStrv) f = g_strsplit (lines[i], " ", -1);
      guint64 id;

      if (g_strv_length (f) < 2 || !g_ascii_string_to_unsigned (f[1], 10, 1, G_MAXINT64, &id, NULL))
        g_error ("The child printed “%s”", lines[i]);
      if ((g_str_equal (f[0], "add") || g_str_equal (f[0], "edit")) && g_strv_length (f) == 3)
        {
          gint64 key = id;

          g_assert_false (g_hash_table_contains (c->deleted, &key));
          g_hash_table_insert (c->expected, g_memdup2 (&key, sizeof key), g_strdup (f[2]));
        }
      else if (g_str_equal (f[0], "del") && g_strv_length (f) == 2)
        {
          gint64 key = id;

          g_assert_true (g_hash_table_remove (c->expected, &key));
          g_hash_table_add (c->deleted, g_memdup2 (&key, sizeof key));
        }
      else
        g_error ("The child printed “%s”", lines[i]);
      c->acknowledged++;
    }
}

/* Compares the library with what was acknowledged. At most one change may
 * differ, the one in flight when the child died, and only as a whole: an
 * annotation added or rewritten by this run, or one missing that the run
 * was deleting. Then takes the library as the new expectation. */
static void
check_library (Crash      *c,
               guint       run)
{
  g_autoptr(GHashTable) rows = read_library (c);
  g_autofree char *run_prefix = g_strdup_printf ("%u-", run);
  GHashTableIter iter;
  gpointer key, value;
  guint differences = 0;

  g_hash_table_iter_init (&iter, c->expected);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Row *row = g_hash_table_lookup (rows, key);

      if (row == NULL)
        {
          /* Acknowledged and gone: only a deletion in flight may do that. */
          g_test_message ("run %u: annotation %" G_GINT64_FORMAT " was being deleted", run,
                          *(gint64 *) key);
          differences++;
        }
      else if (g_strcmp0 (row->token, value) != 0)
        {
          if (!g_str_has_prefix (row->token, run_prefix))
            g_error ("Annotation %" G_GINT64_FORMAT " holds %s, not the acknowledged %s",
                     *(gint64 *) key, row->token, (const char *) value);
          differences++;
        }
    }

  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      Row *row = value;

      if (g_hash_table_contains (c->deleted, key))
        g_error ("Annotation %" G_GINT64_FORMAT " is back after its deletion was acknowledged",
                 *(gint64 *) key);
      if (!g_hash_table_contains (c->expected, key))
        {
          if (!g_str_has_prefix (row->token, run_prefix))
            g_error ("Annotation %" G_GINT64_FORMAT " (%s) was never acknowledged",
                     *(gint64 *) key, row->token);
          differences++;
        }
    }

  if (differences > 1)
    g_error ("Run %u: %u changes differ from what was acknowledged; at most the one in "
             "flight may", run, differences);
  if (differences == 1)
    c->in_flight_landed++;

  /* A deletion that landed unacknowledged is a deletion all the same. */
  g_hash_table_iter_init (&iter, c->expected);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (rows, key))
      g_hash_table_add (c->deleted, g_memdup2 (key, sizeof (gint64)));

  g_hash_table_remove_all (c->expected);
  g_hash_table_iter_init (&iter, rows);
  while (g_hash_table_iter_next (&iter, &key, &value))
    g_hash_table_insert (c->expected, g_memdup2 (key, sizeof (gint64)),
                         g_strdup (((Row *) value)->token));
}

static char *
read_all (GInputStream *stream)
{
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  guint8 buf[8192];
  gssize n;

  while ((n = g_input_stream_read (stream, buf, sizeof buf, NULL, &error)) > 0)
    g_byte_array_append (bytes, buf, n);
  g_assert_no_error (error);
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  return (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
}

static void
test_kill_anywhere (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *child = g_test_build_filename (G_TEST_BUILT, "crash-child", NULL);
  guint seconds = env_uint ("FACTMARK_CRASH_SECONDS", DEFAULT_SECONDS);
  guint seed = env_uint ("FACTMARK_CRASH_SEED", DEFAULT_SEED);
  guint max_delay = MAX (1, env_uint ("FACTMARK_CRASH_MAX_DELAY_MS", DEFAULT_MAX_DELAY_MS));
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  gint64 deadline;
  Crash c = { 0 };
  guint run;

  c.dir = g_dir_make_tmp ("factmark-crash-XXXXXX", &error);
  g_assert_no_error (error);
  c.path = g_build_filename (c.dir, "library.db", NULL);
  c.child = child;
  c.expected = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  c.deleted = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  c.fixed = g_array_new (FALSE, FALSE, sizeof (gint64));
  setup_library (&c);

  g_test_message ("seed %u, %u s, kills after 0–%u ms", seed, seconds, max_delay);
  deadline = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;
  for (run = 1; run == 1 || g_get_monotonic_time () < deadline; run++)
    {
      g_autoptr(GSubprocess) proc = NULL;
      g_autofree char *run_str = g_strdup_printf ("%u", run);
      g_autofree char *seed_str = g_strdup_printf ("%u", g_rand_int (rand));
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *argv[] = { child, c.path, run_str, seed_str, NULL };
      guint delay = g_rand_int_range (rand, 0, max_delay + 1);

      proc = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                      | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
      g_assert_no_error (error);
      g_usleep (delay * 1000);
      g_subprocess_send_signal (proc, SIGKILL);

      out = read_all (g_subprocess_get_stdout_pipe (proc));
      err = read_all (g_subprocess_get_stderr_pipe (proc));
      g_assert_true (g_subprocess_wait (proc, NULL, &error));
      g_assert_no_error (error);
      /* The child never stops by itself: anything but the kill is a failure
       * it reported on stderr. */
      if (!g_subprocess_get_if_signaled (proc)
          || g_subprocess_get_term_sig (proc) != SIGKILL)
        g_error ("crash-child stopped by itself (status %d) after %u ms: %s",
                 g_subprocess_get_status (proc), delay, err);

      apply_acknowledgements (&c, out);
      check_library (&c, run);
      c.kills++;
    }

  g_test_message ("kills survived: %u; changes acknowledged: %u; library holds %u "
                  "annotations; kills after which the change in flight was found whole: %u "
                  "(the others lost it whole or hit between changes)",
                  c.kills, c.acknowledged, g_hash_table_size (c.expected), c.in_flight_landed);
  /* Printed for `make test` logs and soak runs alike. */
  g_print ("# crash test: %u kills survived, %u acknowledged changes checked\n",
           c.kills, c.acknowledged);
  g_assert_cmpuint (c.kills, >, 0);
  g_assert_cmpuint (c.acknowledged, >, 0);

  g_hash_table_unref (c.expected);
  g_hash_table_unref (c.deleted);
  g_array_unref (c.fixed);
  fm_test_remove_tree (c.dir);
  g_free (c.path);
  g_free (c.dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/crash/kill-anywhere", test_kill_anywhere);

  return g_test_run ();
}
