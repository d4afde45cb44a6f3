/* window-fixture.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "window-fixture"

#include "config.h"

#include "window-fixture.h"

#include "fm-backup.h"
#include "fm-text.h"

const char window_article_text[] =
  "The mayor said the bridge repair will cost $48 million and take 18 months.\n\n"
  "Councillor Helen Marsh said the repair would only buy the city fifteen years.";

/* The memory settings backend lives as long as the process: what one test
 * changed would otherwise be what the next starts from. */
static void
reset_settings (void)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);
  g_autoptr(GSettingsSchema) schema = NULL;
  g_auto(GStrv) keys = NULL;

  g_object_get (settings, "settings-schema", &schema, NULL);
  keys = g_settings_schema_list_keys (schema);
  for (guint i = 0; keys[i] != NULL; i++)
    g_settings_reset (settings, keys[i]);
  /* The window tests count the fact panel's rows; suggestions have their
   * own test, which turns them back on. */
  g_settings_set_boolean (settings, "show-suggestions", FALSE);
}

void
window_fixture_setup (WindowFixture *f,
                      gconstpointer  data)
{
  g_return_if_fail (f != NULL);

  fm_test_library_setup (&f->lib, data);
  g_clear_object (&f->lib.store);
  reset_settings ();
  f->app = fm_application_new (APP_ID ".Test", G_APPLICATION_NON_UNIQUE);
}

void
window_fixture_teardown (WindowFixture *f,
                         gconstpointer  data)
{
  g_return_if_fail (f != NULL);

  /* Nothing may keep the application, and with it the library, open. */
  g_assert_finalize_object (g_steal_pointer (&f->app));
  fm_test_library_teardown (&f->lib, data);
}

static gboolean
backup_done (gpointer user_data)
{
  WindowFixture *f = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *backup = fm_backup_dup_path (f->lib.path, now);

  return g_file_test (backup, G_FILE_TEST_EXISTS);
}

static void
activate_cb (GApplication  *application,
             WindowFixture *f)
{
  f->window = fm_window_new (f->app);
  gtk_window_present (GTK_WINDOW (f->window));
  fm_test_wait_for_draw (f->window);
  f->test (f);
  /* The application backs the library up in a thread when it starts; the
   * teardown must not delete the folder under it. */
  fm_test_wait_until (backup_done, f);
  gtk_window_destroy (GTK_WINDOW (g_steal_pointer (&f->window)));
  /* The application's own handler would open a window of its own. */
  g_signal_stop_emission_by_name (application, "activate");
  g_application_quit (application);
}

/**
 * window_fixture_run:
 * @test: the test's body
 *
 * Runs the application on the fixture's library and @test in a new window
 * once it is drawn, then closes the window and quits.
 */
void
window_fixture_run (WindowFixture *f,
                    WindowTest     test)
{
  char *argv[] = { (char *) "test-window", (char *) "--db", f->lib.path, NULL };
  gulong handler;

  g_return_if_fail (f != NULL && f->app != NULL);
  g_return_if_fail (test != NULL);

  f->test = test;
  handler = g_signal_connect (f->app, "activate", G_CALLBACK (activate_cb), f);
  g_assert_cmpint (g_application_run (G_APPLICATION (f->app), G_N_ELEMENTS (argv) - 1, argv),
                   ==, 0);
  g_signal_handler_disconnect (f->app, handler);
}

FmStore *
window_fixture_get_store (WindowFixture *f)
{
  g_return_val_if_fail (f != NULL && f->app != NULL, NULL);

  return fm_application_get_store (f->app);
}

gint64
window_fixture_add_article (WindowFixture *f,
                            const char    *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) article = fm_article_new ();
  g_autoptr(FmArticle) stored = NULL;

  g_return_val_if_fail (f != NULL, 0);
  g_return_val_if_fail (text != NULL, 0);

  fm_article_set_text (article, text);
  fm_article_set_title (article, "Bridge repair");
  stored = fm_store_add_article (window_fixture_get_store (f), article, NULL, &error);
  g_assert_no_error (error);
  return fm_article_get_id (stored);
}

/* Selects @quote in the shown article, with @pad more characters on
 * either side. */
void
window_fixture_select_quote (WindowFixture *f,
                             const char    *quote,
                             int            pad)
{
  glong start, end;

  g_return_if_fail (f != NULL && f->window != NULL);
  g_return_if_fail (quote != NULL);

  g_assert_true (fm_text_find_quote (window_article_text, quote, 1, &start, &end, NULL));
  fm_article_view_select_range (fm_window_get_article_view (f->window), start - pad, end + pad);
}

/* Marks the claim, the figure inside it and the source in the shown
 * article, as a user does: by selecting each and activating the action. */
void
window_fixture_mark_sample (WindowFixture *f)
{
  GtkWidget *window;

  g_return_if_fail (f != NULL && f->window != NULL);

  window = GTK_WIDGET (f->window);
  /* The selection's surrounding spaces are trimmed. */
  window_fixture_select_quote (f, WINDOW_CLAIM, 1);
  g_assert_true (gtk_widget_activate_action (window, "article.mark-claim", NULL));
  window_fixture_select_quote (f, WINDOW_FIGURE, 0);
  g_assert_true (gtk_widget_activate_action (window, "article.mark-figure", NULL));
  window_fixture_select_quote (f, WINDOW_SOURCE, 0);
  g_assert_true (gtk_widget_activate_action (window, "article.mark-source", NULL));
  fm_test_wait_for_draw (f->window);
}

static gboolean
opened (gpointer user_data)
{
  return !fm_window_is_opening (user_data);
}

/* Waits until the thread has read the article asked for last. */
void
window_fixture_wait_opened (FmWindow *window)
{
  fm_test_wait_until (opened, window);
}

static gboolean
painted (gpointer user_data)
{
  return !fm_article_view_get_painting (user_data);
}

/* Waits until the article view has painted the highlights off screen. */
void
window_fixture_wait_painted (FmWindow *window)
{
  fm_test_wait_until (painted, fm_window_get_article_view (window));
}

typedef struct
{
  GListModel *model;
  guint       n_items;
} ItemsWait;

static gboolean
has_n_items (gpointer user_data)
{
  ItemsWait *wait = user_data;

  return g_list_model_get_n_items (wait->model) == wait->n_items;
}

void
window_fixture_wait_n_items_full (GListModel *model,
                                  guint       n_items,
                                  const char *file,
                                  int         line,
                                  const char *func)
{
  ItemsWait wait = { model, n_items };

  g_return_if_fail (G_IS_LIST_MODEL (model));

  fm_test_wait_until_full (has_n_items, &wait, "the model's items", file, line, func);
}

/* Opens the article as the library does, and waits until the window
 * shows it. */
void
window_fixture_show (FmWindow *window,
                     gint64    article_id)
{
  FmDocument *document;

  g_assert_true (fm_window_show_article (window, article_id));
  window_fixture_wait_opened (window);
  document = fm_window_get_document (window);
  g_assert_nonnull (document);
  g_assert_cmpint (fm_document_get_article_id (document), ==, article_id);
}

/**
 * window_fixture_show_marked:
 *
 * Adds the test article, shows it and marks its three annotations.
 *
 * Returns: the article's id, also kept in @f
 */
gint64
window_fixture_show_marked (WindowFixture *f)
{
  g_return_val_if_fail (f != NULL && f->window != NULL, 0);

  f->article_id = window_fixture_add_article (f, window_article_text);
  window_fixture_show (f->window, f->article_id);
  fm_test_wait_for_draw (f->window);
  window_fixture_mark_sample (f);
  return f->article_id;
}

/* Gives the marked claim a verdict, a note, its source and evidence, as the
 * editor does. */
void
window_fixture_judge_claim (WindowFixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmAnnotation) claim = NULL;
  g_autoptr(FmAnnotation) source = NULL;
  g_autoptr(FmAnnotation) edited = NULL;

  g_return_if_fail (f != NULL && f->article_id > 0);

  claim = window_fixture_find (f, f->article_id, WINDOW_CLAIM);
  source = window_fixture_find (f, f->article_id, WINDOW_SOURCE);
  edited = fm_annotation_copy (claim);
  fm_annotation_set_verdict (edited, FM_VERDICT_MISLEADING);
  fm_annotation_set_note (edited, "Budget papers say $52 million");
  fm_annotation_add_source (edited, fm_annotation_get_id (source));
  fm_annotation_add_evidence (edited, "https://example.org/budget", "Page 4");
  g_assert_true (fm_history_update (fm_application_get_history (f->app), claim, edited, NULL,
                                    &error));
  g_assert_no_error (error);
}

/**
 * window_fixture_find:
 *
 * Returns: (transfer full) (nullable): the annotation of @article_id in
 *   the store with @quote
 */
FmAnnotation *
window_fixture_find (WindowFixture *f,
                     gint64         article_id,
                     const char    *quote)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (f != NULL, NULL);

  list = fm_store_list_annotations (window_fixture_get_store (f), article_id, NULL);
  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (fm_annotation_get_quote (g_ptr_array_index (list, i)), quote) == 0)
      return g_object_ref (g_ptr_array_index (list, i));
  return NULL;
}

guint
window_fixture_count (WindowFixture *f,
                      gint64         article_id)
{
  g_autoptr(GPtrArray) list = NULL;

  g_return_val_if_fail (f != NULL, 0);

  list = fm_store_list_annotations (window_fixture_get_store (f), article_id, NULL);
  return list->len;
}
