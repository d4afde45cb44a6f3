/* test-drop.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "fm-application.h"
#include "fm-test-gtk-utils.h"
#include "fm-window.h"

/* Files dropped on the real window, under Xvfb, at the GtkDropTarget: the
 * "drop" signal gets the GdkFileList a file manager's drag carries. (The
 * whole XDND path, from a drag in another program, is test-xdnd.py.) One
 * file is imported as the Import button does; several are imported each,
 * with one summary; a folder and an unreadable file are refused with a
 * message naming them, and the library keeps what it had. */

typedef void (*WindowTest) (FmApplication *app,
                            FmWindow      *window);

static char *tmp_dir;

static void
spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE);
}

static void
activate_cb (GApplication *application,
             gpointer      user_data)
{
  FmApplication *app = FM_APPLICATION (application);
  WindowTest test = user_data;
  FmWindow *window = fm_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  spin (200);
  test (app, window);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (50);
  g_signal_stop_emission_by_name (application, "activate");
  g_application_quit (application);
}

static void
run_app (WindowTest test)
{
  g_autoptr(FmApplication) app = NULL;
  g_autofree char *db = g_build_filename (tmp_dir, "library.db", NULL);
  g_autofree char *wal = g_strconcat (db, "-wal", NULL);
  g_autofree char *shm = g_strconcat (db, "-shm", NULL);
  char *argv[] = { (char *) "test-drop", NULL };

  /* Each test starts from an empty library. */
  g_remove (db);
  g_remove (wal);
  g_remove (shm);
  app = fm_application_new (APP_ID ".TestDrop", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), test);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
}

static GFile *
write_file (const char *name,
            const char *contents)
{
  g_autofree char *path = g_build_filename (tmp_dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return g_file_new_for_path (path);
}

/* A file the app cannot read: without permission when the tests run as
 * a user, and gone (a dangling link) as root, who may read anything. */
static GFile *
unreadable_file (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "secret.txt", NULL);

  g_remove (path);
  if (geteuid () == 0)
    g_assert_cmpint (symlink ("/nonexistent/factmark-secret.txt", path), ==, 0);
  else
    {
      g_assert_true (g_file_set_contents (path, "Not for you.\n", -1, NULL));
      g_assert_cmpint (g_chmod (path, 0), ==, 0);
    }
  return g_file_new_for_path (path);
}

static GFile *
folder (void)
{
  g_autofree char *path = g_build_filename (tmp_dir, "folder", NULL);
  g_autoptr(GFile) inside = NULL;

  g_mkdir_with_parents (path, 0755);
  inside = write_file ("folder/inside.txt", "Inside a folder\n\nA text in a folder.\n");
  return g_file_new_for_path (path);
}

static GtkDropTarget *
find_drop_target (FmWindow *window)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_DROP_TARGET (controller))
        return GTK_DROP_TARGET (controller);
    }
  return NULL;
}

/* Emits the drop as GTK does once a drag is released over the window. */
static gboolean
drop_files (FmWindow *window,
            GFile   **files,
            guint     n_files)
{
  GtkDropTarget *target = find_drop_target (window);
  GValue value = G_VALUE_INIT;
  gboolean accepted = FALSE;

  g_assert_nonnull (target);
  /* The window takes a file drop before its children, so one on the
   * article's text view is not lost to the view's own drop target. */
  g_assert_cmpint (gtk_event_controller_get_propagation_phase (GTK_EVENT_CONTROLLER (target)),
                   ==, GTK_PHASE_CAPTURE);
  g_value_init (&value, GDK_TYPE_FILE_LIST);
  g_value_take_boxed (&value, gdk_file_list_new_from_array (files, n_files));
  g_signal_emit_by_name (target, "drop", &value, 400.0, 300.0, &accepted);
  g_value_unset (&value);
  return accepted;
}

static guint
count_articles (FmApplication *app)
{
  g_autoptr(GPtrArray) articles = fm_store_list_articles (fm_application_get_store (app), NULL);

  g_assert_nonnull (articles);
  return articles->len;
}

/* The message dialogs over the window, newest last. */
static GPtrArray *
message_dialogs (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GPtrArray *dialogs = g_ptr_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) w = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (w) && gtk_widget_get_visible (GTK_WIDGET (w)))
        g_ptr_array_add (dialogs, w);
    }
  return dialogs;
}

static gboolean
opened (gpointer user_data)
{
  return !fm_window_is_opening (user_data);
}

static AdwMessageDialog *
wait_for_dialog (void)
{
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(GPtrArray) dialogs = message_dialogs ();

      if (dialogs->len > 0)
        return g_ptr_array_index (dialogs, dialogs->len - 1);
      spin (50);
    }
  return NULL;
}

static void
close_dialogs (void)
{
  g_autoptr(GPtrArray) dialogs = message_dialogs ();

  for (guint i = 0; i < dialogs->len; i++)
    gtk_window_destroy (g_ptr_array_index (dialogs, i));
  spin (50);
}

static void
one_file_test (FmApplication *app,
               FmWindow      *window)
{
  g_autoptr(GFile) file = write_file ("budget.txt", "Council approves budget\n\n"
                                      "The council approved $12 million on Monday.\n");
  AdwMessageDialog *dialog;

  g_assert_true (drop_files (window, &file, 1));
  /* As after Import: the article opens with its properties to check. */
  dialog = wait_for_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Article Properties");
  g_assert_cmpuint (count_articles (app), ==, 1);
  fm_test_wait_until (opened, window);
  g_assert_nonnull (fm_window_get_document (window));
  g_assert_cmpstr (fm_article_get_title (fm_document_get_article (fm_window_get_document (window))),
                   ==, "Council approves budget");
  close_dialogs ();
}

static void
test_one_file (void)
{
  run_app (one_file_test);
}

static void
several_test (FmApplication *app,
              FmWindow      *window)
{
  GFile *files[] = {
    write_file ("rail.md", "# Rail line delayed\n\nThe line opens in 2029, officials said.\n"),
    folder (),
    write_file ("meals.txt", "School meals expanded\n\nMeals reach 40,000 more pupils.\n"),
    unreadable_file (),
  };
  AdwMessageDialog *dialog;
  g_autoptr(GPtrArray) dialogs = NULL;
  const char *body;

  g_assert_true (drop_files (window, files, G_N_ELEMENTS (files)));
  dialog = wait_for_dialog ();
  g_assert_nonnull (dialog);
  spin (200);
  /* One summary for the two that failed, naming each; no properties
   * dialog per file. */
  dialogs = message_dialogs ();
  g_assert_cmpuint (dialogs->len, ==, 1);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "2 files could not be imported");
  body = adw_message_dialog_get_body (dialog);
  g_assert_nonnull (strstr (body, "folder: "));
  g_assert_nonnull (strstr (body, "is a folder"));
  g_assert_nonnull (strstr (body, "secret.txt: "));
  /* The two readable files are in, and the first of them opens: the
   * summary does not wait for its reading, which is slow under ASan. */
  g_assert_cmpuint (count_articles (app), ==, 2);
  fm_test_wait_until (opened, window);
  g_assert_cmpstr (fm_article_get_title (fm_document_get_article (fm_window_get_document (window))),
                   ==, "Rail line delayed");
  close_dialogs ();

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    g_object_unref (files[i]);
}

static void
test_several (void)
{
  run_app (several_test);
}

static void
refused_test (FmApplication *app,
              FmWindow      *window)
{
  g_autoptr(GFile) dir = folder ();
  g_autoptr(GFile) secret = unreadable_file ();
  AdwMessageDialog *dialog;

  g_assert_true (drop_files (window, &dir, 1));
  dialog = wait_for_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The file could not be imported");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "is a folder"));
  g_assert_cmpuint (count_articles (app), ==, 0);
  close_dialogs ();

  g_assert_true (drop_files (window, &secret, 1));
  dialog = wait_for_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "The file could not be imported");
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "secret.txt"));
  g_assert_cmpuint (count_articles (app), ==, 0);
  g_assert_null (fm_window_get_document (window));
  close_dialogs ();
}

static void
test_refused (void)
{
  run_app (refused_test);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("factmark-drop-XXXXXX", NULL);
  {
    g_autofree char *db = g_build_filename (tmp_dir, "library.db", NULL);

    g_setenv ("FACTMARK_DB", db, TRUE);
  }

  g_test_add_func ("/drop/one-file", test_one_file);
  g_test_add_func ("/drop/several", test_several);
  g_test_add_func ("/drop/refused", test_refused);

  status = g_test_run ();

  {
    const char *argv_rm[] = { "rm", "-rf", tmp_dir, NULL };

    g_spawn_sync (NULL, (char **) argv_rm, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                  NULL, NULL);
  }
  g_free (tmp_dir);
  return status;
}
