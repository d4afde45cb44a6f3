/* test-window-upgrade.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fm-backup.h"
#include "fm-library-view.h"
#include "fm-progress-dialog.h"
#include "fm-store-private.h"
#include "fm-store-upgrade.h"
#include "window-fixture.h"

/* Starting on a library of an older schema: the window shows the upgrade's
 * progress while a thread builds the search index, then the library's
 * articles, searchable. The application is run as a user starts it, its
 * own activation and all. */

#define N_ARTICLES 40

/* Writes a library at schema 4, before the search index, where the
 * fixture's library was. */
static void
write_old_library (const char *path,
                   int         n_articles)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  sqlite3 *db;

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (fm_store_migrate (db, 4, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, "BEGIN", NULL, NULL, NULL), ==, SQLITE_OK);
  for (int i = 1; i <= n_articles; i++)
    {
      g_autofree char *sql = g_strdup_printf (
        "INSERT INTO articles (id, uuid, title, imported, text, sha256, length) VALUES"
        " (%d, '00000000-0000-4000-8000-%012d', 'Old article %d', %d,"
        "  'The okapi census counted %d animals', 'sha%d', 36);"
        "INSERT INTO annotations (uuid, article_id, kind, start, \"end\", quote, note,"
        "  created, modified) VALUES ('00000000-0000-4000-9000-%012d', %d, 'claim', 4, 16,"
        "  'okapi census', 'zanzibar', 1, 1);",
        i, i, i, i, i, i, i, i);

      g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  g_assert_cmpint (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  g_assert_true (fm_store_needs_upgrade (path));
}

static gboolean
has_progress_dialog (void)
{
  g_autoptr(GListModel) toplevels = g_object_ref (gtk_window_get_toplevels ());

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (FM_IS_PROGRESS_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return TRUE;
    }
  return FALSE;
}

static FmWindow *
library_window (FmApplication *app)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  return FM_IS_WINDOW (window) ? FM_WINDOW (window) : NULL;
}

/* The upgraded library is open and its window lists every article. */
static gboolean
articles_shown (gpointer user_data)
{
  FmApplication *app = user_data;
  FmWindow *window = library_window (app);

  return fm_application_get_store (app) != NULL && window != NULL
         && fm_library_view_get_n_articles (fm_window_get_library_view (window)) == N_ARTICLES
         && !has_progress_dialog ();
}

static gboolean
backup_done (gpointer user_data)
{
  WindowFixture *f = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *backup = fm_backup_dup_path (f->lib.path, now);

  return g_file_test (backup, G_FILE_TEST_EXISTS);
}

/* After the application's own activation, which started the upgrade: its
 * result is delivered through this main loop, so the dialog is up still. */
static void
activated_cb (GApplication  *application,
              WindowFixture *f)
{
  FmApplication *app = FM_APPLICATION (application);
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (has_progress_dialog ());
  g_assert_null (fm_application_get_store (app));

  fm_test_wait_until (articles_shown, app);
  hits = fm_store_search (fm_application_get_store (app), "zanzibar", NULL, 100, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, N_ARTICLES);
  g_assert_false (fm_store_needs_upgrade (f->lib.path));

  fm_test_wait_until (backup_done, f);
  gtk_window_destroy (GTK_WINDOW (library_window (app)));
  g_application_quit (application);
}

static void
test_upgrade (WindowFixture *f,
              gconstpointer  data)
{
  char *argv[] = { (char *) "test-window-upgrade", (char *) "--db", f->lib.path, NULL };

  write_old_library (f->lib.path, N_ARTICLES);
  g_signal_connect_after (f->app, "activate", G_CALLBACK (activated_cb), f);
  g_assert_cmpint (g_application_run (G_APPLICATION (f->app), G_N_ELEMENTS (argv) - 1, argv),
                   ==, 0);
}

static void
record_fraction (double  fraction,
                 GArray *fractions)
{
  g_array_append_val (fractions, fraction);
}

static void
cancel_at_once (double        fraction,
                GCancellable *cancellable)
{
  g_cancellable_cancel (cancellable);
}

/* The upgrade in the core: progress that only grows, to 1, and a
 * cancelled one that leaves the library as it was. */
static void
test_progress (WindowFixture *f,
               gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GArray) fractions = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  /* Enough rows for the upgrade to take many ticks of the progress handler. */
  write_old_library (f->lib.path, 5000);
  /* Cancelled as soon as it has begun: the migration is interrupted and
   * rolled back. */
  g_assert_false (fm_store_upgrade (f->lib.path, (FmStoreUpgradeProgress) cancel_at_once,
                                    cancellable, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (fm_store_needs_upgrade (f->lib.path));
  g_clear_error (&error);

  g_assert_true (fm_store_upgrade (f->lib.path, (FmStoreUpgradeProgress) record_fraction,
                                   fractions, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (fm_store_needs_upgrade (f->lib.path));
  g_assert_cmpuint (fractions->len, >=, 1);
  for (guint i = 1; i < fractions->len; i++)
    g_assert_cmpfloat (g_array_index (fractions, double, i), >, g_array_index (fractions, double, i - 1));
  g_assert_cmpfloat (g_array_index (fractions, double, fractions->len - 1), ==, 1.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  window_test ("/window/upgrade", test_upgrade);
  window_test ("/window/upgrade-progress", test_progress);

  return g_test_run ();
}
