/* test-print.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fm-application.h"
#include "fm-text.h"
#include "fm-window.h"
#include "fm-window-private.h"
#include "fm-test-utils.h"

/* Printing from the real window under Xvfb: win.print opens GTK's print
 * dialog, and the same operation run as an export writes the pages it
 * would print to a PDF, which poppler's pdftotext reads back. */

typedef void (*WindowTest) (FmApplication *app,
                            FmWindow      *window);

static char *db_path;
static char *tmp_dir;

static const char article_text[] =
  "The mayor said the bridge repair will cost $48 million and take 18 months.\n\n"
  "Councillor Helen Marsh said the repair would only buy the city fifteen years.";

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
  char *argv[] = { (char *) "test-print", NULL };

  app = fm_application_new (APP_ID ".TestPrint", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), test);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
}

static void
mark (FmApplication *app,
      gint64         article_id,
      FmKind         kind,
      const char    *quote,
      FmVerdict      verdict)
{
  g_autoptr(FmAnnotation) a = fm_annotation_new (kind);
  g_autoptr(GError) error = NULL;
  glong start, end;

  g_assert_true (fm_text_find_quote (article_text, quote, 1, &start, &end, &error));
  fm_annotation_set_article_id (a, article_id);
  g_assert_true (fm_annotation_anchor (a, article_text, fm_text_length (article_text),
                                       start, end, &error));
  if (kind != FM_KIND_SOURCE)
    fm_annotation_set_verdict (a, verdict);
  g_assert_true (fm_store_add_annotation (fm_application_get_store (app), a, &error));
  g_assert_no_error (error);
}

static gint64
add_sample (FmApplication *app)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) article = fm_article_new ();
  g_autoptr(FmArticle) stored = NULL;
  gint64 id;

  fm_article_set_text (article, article_text);
  fm_article_set_title (article, "Bridge repair");
  fm_article_set_url (article, "https://news.example.com/bridge");
  stored = fm_store_add_article (fm_application_get_store (app), article, NULL, &error);
  g_assert_no_error (error);
  id = fm_article_get_id (stored);
  mark (app, id, FM_KIND_CLAIM, "the bridge repair will cost $48 million", FM_VERDICT_FALSE);
  mark (app, id, FM_KIND_FIGURE, "18 months", FM_VERDICT_TRUE);
  mark (app, id, FM_KIND_SOURCE, "Councillor Helen Marsh", 0);
  return id;
}

/* Opens the sample and waits until the thread has read it. */
static void
show_sample (FmWindow      *window,
             FmApplication *app)
{
  gint64 until = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  g_assert_true (fm_window_show_article (window, add_sample (app)));
  while (fm_window_is_opening (window) && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (fm_window_is_opening (window));
}

static char *
pdf_to_text (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  const char *argv[] = { pdftotext, "-enc", "UTF-8", path, "-", NULL };

  if (pdftotext == NULL)
    return NULL;
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

static GtkWindow *
find_print_dialog (void)
{
  /* GTK owns the list and its windows; the references taken here only
   * last the loop. */
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      /* By name: its header is in gtk4-unix-print, which the app does not
       * otherwise need. */
      if (g_str_equal (G_OBJECT_TYPE_NAME (w), "GtkPrintUnixDialog")
          && gtk_widget_get_visible (GTK_WIDGET (w)))
        return w;
    }
  return NULL;
}

static void
export_test (FmApplication *app,
             FmWindow      *window)
{
  g_autofree char *path = g_build_filename (tmp_dir, "printed.pdf", NULL);
  g_autofree char *data = NULL;
  g_autofree char *text = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  /* Nothing open, nothing to print: no dialog, no file. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL);
  spin (300);
  g_assert_null (find_print_dialog ());
  g_assert_false (_fm_window_print (window, GTK_PRINT_OPERATION_ACTION_EXPORT, path, &error));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  show_sample (window, app);
  spin (50);
  g_assert_true (_fm_window_print (window, GTK_PRINT_OPERATION_ACTION_EXPORT, path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  g_assert_true (g_str_has_prefix (data, "%PDF-"));

  text = pdf_to_text (path);
  if (text == NULL)
    {
      g_test_message ("pdftotext is not installed; the PDF's text was not checked");
      return;
    }
  /* The same sheet as the PDF export: entries with their verdicts, the
   * article, and the page numbers. */
  g_assert_nonnull (strstr (text, "Bridge repair"));
  g_assert_nonnull (strstr (text, "Claim 1"));
  g_assert_nonnull (strstr (text, "the bridge repair will cost $48 million"));
  g_assert_nonnull (strstr (text, "False"));
  g_assert_nonnull (strstr (text, "Figure 1"));
  g_assert_nonnull (strstr (text, "True"));
  g_assert_nonnull (strstr (text, "Source 1: Councillor Helen Marsh"));
  g_assert_nonnull (strstr (text, "Page 1 of 1"));
  g_remove (path);
}

static void
test_export (void)
{
  run_app (export_test);
}

static void
dialog_test (FmApplication *app,
             FmWindow      *window)
{
  GtkWindow *dialog = NULL;

  show_sample (window, app);
  spin (50);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.print", NULL));
  for (guint i = 0; i < 100 && dialog == NULL; i++)
    {
      spin (50);
      dialog = find_print_dialog ();
    }
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  /* Cancelling prints nothing and leaves the window as it was. */
  gtk_dialog_response (GTK_DIALOG (dialog), GTK_RESPONSE_CANCEL);
  spin (200);
  g_assert_null (find_print_dialog ());
  g_assert_nonnull (fm_window_get_document (window));
}

static void
test_dialog (void)
{
  run_app (dialog_test);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  tmp_dir = g_dir_make_tmp ("factmark-print-XXXXXX", NULL);
  db_path = g_build_filename (tmp_dir, "library.db", NULL);
  g_setenv ("FACTMARK_DB", db_path, TRUE);

  g_test_add_func ("/print/export", test_export);
  g_test_add_func ("/print/dialog", test_dialog);

  status = g_test_run ();

  fm_test_remove_tree (tmp_dir);
  g_free (db_path);
  g_free (tmp_dir);
  return status;
}
