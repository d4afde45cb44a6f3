/* test-backup.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fm-backup.h"
#include "fm-store.h"
#include "fm-types.h"
#include "fm-test-utils.h"

typedef struct
{
  FmTestLibrary  lib;
  /* The folder the store makes its backups in, beside the library. */
  char          *backups;
} Fixture;

static void
add_article (FmStore    *store,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) article = fm_article_new ();
  g_autoptr(FmArticle) stored = NULL;

  fm_article_set_text (article, text);
  fm_article_set_title (article, text);
  stored = fm_store_add_article (store, article, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fm_test_library_setup (&f->lib, data);
  f->backups = fm_test_library_build_path (&f->lib, "backups");
  add_article (f->lib.store, "The first article.");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  fm_test_library_teardown (&f->lib, data);
  g_free (f->backups);
}

static GDateTime *
day (int d)
{
  /* Noon UTC, so the date is the same in any zone the test runs in. */
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) first = g_date_time_new (utc, 2026, 2, 25, 12, 0, 0);

  return g_date_time_add_days (first, d);
}

static gint
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 ia = fm_article_get_id (*(FmArticle * const *) a);
  gint64 ib = fm_article_get_id (*(FmArticle * const *) b);

  return ia < ib ? -1 : ia > ib;
}

/* The titles in a library file, in id order, read through a store opened
 * on a copy of it: opening the file itself would change it, and a backup
 * must be whole without anything beside it. */
static char *
titles_in (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("factmark-backup-read-XXXXXX", &error);
  g_autofree char *copy = NULL;
  g_autofree char *data = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  gsize len;

  g_assert_no_error (error);
  copy = g_build_filename (dir, "copy.db", NULL);
  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_true (g_file_set_contents (copy, data, len, &error));
  store = fm_store_open (copy, &error);
  g_assert_no_error (error);
  articles = fm_store_list_articles (store, &error);
  g_assert_no_error (error);
  g_ptr_array_sort (articles, compare_ids);
  for (guint i = 0; i < articles->len; i++)
    g_string_append_printf (out, "%s|", fm_article_get_title (g_ptr_array_index (articles, i)));
  g_clear_object (&store);
  fm_test_remove_tree (dir);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* What SQLite says of a backup file, opened read-only on its own: whether
 * it is whole and in which journal mode, which are properties of the file
 * that no store call shows. */
static char *
pragma_text (const char *path,
             const char *pragma)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, pragma, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

static char **
list_dir (const char *dir)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *name;

  while (d && (name = g_dir_read_name (d)))
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static void
test_first_backup (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = day (0);
  g_autofree char *expected = g_build_filename (f->backups, "library-2026-02-25.db", NULL);
  g_autofree char *path = fm_backup_dup_path (f->lib.path, now);
  g_autofree char *titles = NULL;
  g_autofree char *check = NULL;
  g_autofree char *mode = NULL;
  g_autofree char *wal = NULL;
  GStatBuf st;

  g_assert_cmpstr (path, ==, expected);
  g_assert_true (fm_backup_run_if_due (f->lib.path, now, FM_BACKUP_KEEP, &error));
  g_assert_no_error (error);

  g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
  titles = titles_in (path);
  g_assert_cmpstr (titles, ==, "The first article.|");
  check = pragma_text (path, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  /* One self-contained file, not a WAL database needing its -wal. */
  mode = pragma_text (path, "PRAGMA journal_mode");
  g_assert_cmpstr (mode, ==, "delete");
  wal = g_strconcat (path, "-wal", NULL);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));
  /* Private, like the library. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
  g_assert_cmpint (g_stat (f->backups, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0077, ==, 0);
}

static void
test_once_a_day (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) morning = day (0);
  g_autoptr(GDateTime) evening = g_date_time_add_hours (morning, 10);
  g_autoptr(GDateTime) tomorrow = day (1);
  g_autofree char *today_path = fm_backup_dup_path (f->lib.path, morning);
  g_autofree char *tomorrow_path = fm_backup_dup_path (f->lib.path, tomorrow);
  g_autofree char *titles = NULL;

  g_assert_true (fm_backup_run_if_due (f->lib.path, morning, FM_BACKUP_KEEP, &error));
  g_assert_no_error (error);
  add_article (f->lib.store, "The second article.");

  /* Later the same day: nothing new is copied. */
  g_assert_true (fm_backup_run_if_due (f->lib.path, evening, FM_BACKUP_KEEP, &error));
  g_assert_no_error (error);
  titles = titles_in (today_path);
  g_assert_cmpstr (titles, ==, "The first article.|");

  /* The next day's backup has the change. */
  g_assert_true (fm_backup_run_if_due (f->lib.path, tomorrow, FM_BACKUP_KEEP, &error));
  g_assert_no_error (error);
  g_free (titles);
  titles = titles_in (tomorrow_path);
  g_assert_cmpstr (titles, ==, "The first article.|The second article.|");
}

static void
test_keeps_last_seven (Fixture       *f,
                       gconstpointer  data)
{
  g_autofree char *other = g_build_filename (f->backups, "notes.txt", NULL);
  g_autofree char *renamed = g_build_filename (f->backups, "library-old.db", NULL);
  g_autofree char *foreign = g_build_filename (f->backups, "other-2026-01-01.db", NULL);
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;
  const char * const expected[] = {
    "library-2026-03-02.db", "library-2026-03-03.db", "library-2026-03-04.db",
    "library-2026-03-05.db", "library-2026-03-06.db", "library-2026-03-07.db",
    "library-2026-03-08.db", "library-old.db", "notes.txt", "other-2026-01-01.db", NULL,
  };

  g_assert_cmpint (g_mkdir_with_parents (f->backups, 0700), ==, 0);
  /* Files the user put there, or another library's backups, stay. */
  g_assert_true (g_file_set_contents (other, "mine", -1, NULL));
  g_assert_true (g_file_set_contents (renamed, "mine", -1, NULL));
  g_assert_true (g_file_set_contents (foreign, "mine", -1, NULL));

  for (int d = 0; d < 12; d++)
    {
      g_autoptr(GDateTime) now = day (d);

      g_assert_true (fm_backup_run_if_due (f->lib.path, now, FM_BACKUP_KEEP, &error));
      g_assert_no_error (error);
    }

  names = list_dir (f->backups);
  g_assert_cmpstrv (names, expected);
}

static void
test_keep_one (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  const char * const expected[] = { "library-2026-02-27.db", NULL };

  for (int d = 0; d < 3; d++)
    {
      g_autoptr(GDateTime) now = day (d);

      g_assert_true (fm_backup_run_if_due (f->lib.path, now, 1, &error));
      g_assert_no_error (error);
    }
  names = list_dir (f->backups);
  g_assert_cmpstrv (names, expected);
}

static void
test_no_library_yet (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = day (0);
  g_autoptr(FmTestLibrary) lib = fm_test_library_new ();
  g_autofree char *path = fm_test_library_build_path (lib, "none-yet.db");
  g_autofree char *backups = fm_test_library_build_path (lib, "backups");

  g_assert_true (fm_backup_run_if_due (path, now, FM_BACKUP_KEEP, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (backups, G_FILE_TEST_EXISTS));
}

static void
test_garbage_library (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = day (0);
  g_autoptr(FmTestLibrary) lib = fm_test_library_new ();
  g_autofree char *path = fm_test_library_build_path (lib, "garbage.db");
  g_autofree char *backups = fm_test_library_build_path (lib, "backups");
  g_autofree char *garbage = g_strnfill (8192, 'x');
  g_autofree char *after = NULL;
  g_auto(GStrv) names = NULL;
  gsize len;

  g_assert_true (g_file_set_contents (path, garbage, -1, NULL));
  g_assert_false (fm_backup_run_if_due (path, now, FM_BACKUP_KEEP, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_CORRUPT);
  g_test_message ("%s", error->message);

  /* No backup, not even a partial one, and the file is as it was. */
  names = list_dir (backups);
  g_assert_cmpuint (g_strv_length (names), ==, 0);
  g_assert_true (g_file_get_contents (path, &after, &len, NULL));
  g_assert_cmpmem (after, len, garbage, 8192);
}

static void
test_while_writing (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = day (0);
  g_autofree char *path = fm_backup_dup_path (f->lib.path, now);
  g_autofree char *titles = NULL;
  sqlite3 *writer = NULL;

  /* Another connection holds an open write transaction: the backup does
   * not wait for it and copies only what was committed. */
  g_assert_cmpint (sqlite3_open (f->lib.path, &writer), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (writer,
                                 "BEGIN IMMEDIATE;"
                                 "UPDATE articles SET title = 'uncommitted';",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  g_assert_true (fm_backup_run_if_due (f->lib.path, now, FM_BACKUP_KEEP, &error));
  g_assert_no_error (error);
  titles = titles_in (path);
  g_assert_cmpstr (titles, ==, "The first article.|");

  sqlite3_exec (writer, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (writer);
}

static void
test_stale_temporary (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = day (3);
  g_autofree char *stale = g_build_filename (f->backups, ".library-2026-02-20.db.tmp", NULL);
  g_autofree char *today = g_build_filename (f->backups, ".library-2026-02-28.db.tmp", NULL);
  g_autofree char *titles = NULL;
  g_auto(GStrv) names = NULL;
  const char * const expected[] = { "library-2026-02-28.db", NULL };

  /* Half-written copies from a run that was killed. */
  g_assert_cmpint (g_mkdir_with_parents (f->backups, 0700), ==, 0);
  g_assert_true (g_file_set_contents (stale, "half", -1, NULL));
  g_assert_true (g_file_set_contents (today, "half", -1, NULL));

  g_assert_true (fm_backup_run_if_due (f->lib.path, now, FM_BACKUP_KEEP, &error));
  g_assert_no_error (error);
  names = list_dir (f->backups);
  g_assert_cmpstrv (names, expected);
  {
    g_autofree char *path = fm_backup_dup_path (f->lib.path, now);
    titles = titles_in (path);
  }
  g_assert_cmpstr (titles, ==, "The first article.|");
}

static void
test_restore (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = day (0);
  g_autofree char *backup = fm_backup_dup_path (f->lib.path, now);
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(FmStore) restored = NULL;
  g_autofree char *wal = g_strconcat (f->lib.path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->lib.path, "-shm", NULL);
  gsize len;

  g_assert_true (fm_backup_run_if_due (f->lib.path, now, FM_BACKUP_KEEP, &error));
  g_assert_no_error (error);
  add_article (f->lib.store, "Added after the backup.");
  g_clear_object (&f->lib.store);

  /* What the README tells users to do: with Factmark closed, remove the
   * library's -wal and -shm files and copy a backup over the library. */
  g_remove (wal);
  g_remove (shm);
  g_assert_true (g_file_get_contents (backup, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (f->lib.path, contents, len, NULL));

  restored = fm_store_open (f->lib.path, &error);
  g_assert_no_error (error);
  articles = fm_store_list_articles (restored, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (articles->len, ==, 1);
  g_assert_cmpstr (fm_article_get_title (g_ptr_array_index (articles, 0)), ==,
                   "The first article.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/backup/first", Fixture, NULL, fixture_setup, test_first_backup,
              fixture_teardown);
  g_test_add ("/backup/once-a-day", Fixture, NULL, fixture_setup, test_once_a_day,
              fixture_teardown);
  g_test_add ("/backup/keeps-last-seven", Fixture, NULL, fixture_setup, test_keeps_last_seven,
              fixture_teardown);
  g_test_add ("/backup/keep-one", Fixture, NULL, fixture_setup, test_keep_one,
              fixture_teardown);
  g_test_add ("/backup/while-writing", Fixture, NULL, fixture_setup, test_while_writing,
              fixture_teardown);
  g_test_add ("/backup/stale-temporary", Fixture, NULL, fixture_setup, test_stale_temporary,
              fixture_teardown);
  g_test_add ("/backup/restore", Fixture, NULL, fixture_setup, test_restore,
              fixture_teardown);
  g_test_add_func ("/backup/no-library-yet", test_no_library_yet);
  g_test_add_func ("/backup/garbage-library", test_garbage_library);

  return g_test_run ();
}
