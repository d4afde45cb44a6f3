/* test-window.c
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
#include "fm-fact-header.h"
#include "fm-preferences-window.h"
#include "fm-window.h"
#include "fm-test-utils.h"

/* These tests drive the real window under Xvfb: they select text in the
 * article's buffer, activate the same actions the buttons and shortcuts
 * do, and check what reached the store. */

typedef void (*WindowTest) (FmApplication *app,
                            FmWindow      *window);

static char *db_path;

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
  /* The application's own handler would open a window of its own. */
  g_signal_stop_emission_by_name (application, "activate");
  g_application_quit (application);
}

static void
run_app (WindowTest test)
{
  g_autoptr(FmApplication) app = NULL;
  char *argv[] = { (char *) "test-window", NULL };

  app = fm_application_new (APP_ID ".Test", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), test);
  g_assert_cmpint (g_application_run (G_APPLICATION (app), 1, argv), ==, 0);
}

static gint64
add_article (FmApplication *app,
             const char    *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) article = fm_article_new ();
  g_autoptr(FmArticle) stored = NULL;

  fm_article_set_text (article, text);
  fm_article_set_title (article, "Bridge repair");
  stored = fm_store_add_article (fm_application_get_store (app), article, NULL, &error);
  g_assert_no_error (error);
  return fm_article_get_id (stored);
}

static void
select_quote (FmWindow   *window,
              const char *quote,
              int         pad)
{
  glong start, end;

  g_assert_true (fm_text_find_quote (article_text, quote, 1, &start, &end, NULL));
  fm_article_view_select_range (fm_window_get_article_view (window), start - pad, end + pad);
}

static FmAnnotation *
find_annotation (FmApplication *app,
                 gint64         article_id,
                 const char    *quote)
{
  g_autoptr(GPtrArray) list = fm_store_list_annotations (fm_application_get_store (app),
                                                         article_id, NULL);

  for (guint i = 0; i < list->len; i++)
    if (g_strcmp0 (fm_annotation_get_quote (g_ptr_array_index (list, i)), quote) == 0)
      return g_object_ref (g_ptr_array_index (list, i));
  return NULL;
}

static guint
count_annotations (FmApplication *app,
                   gint64         article_id)
{
  g_autoptr(GPtrArray) list = fm_store_list_annotations (fm_application_get_store (app),
                                                         article_id, NULL);
  return list->len;
}

static gint64 mark_article_id;

static void
mark_test (FmApplication *app,
           FmWindow      *window)
{
  g_autoptr(FmAnnotation) claim = NULL;
  g_autoptr(FmAnnotation) figure = NULL;
  g_autoptr(FmAnnotation) source = NULL;

  mark_article_id = add_article (app, article_text);
  g_assert_true (fm_window_show_article (window, mark_article_id));
  spin (50);

  /* Nothing selected: the mark actions are off. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "article.mark-claim", NULL)
                  && count_annotations (app, mark_article_id) > 0);

  /* The selection's surrounding spaces are trimmed. */
  select_quote (window, "the bridge repair will cost $48 million", 1);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.mark-claim", NULL));
  select_quote (window, "$48 million", 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.mark-figure", NULL));
  select_quote (window, "The mayor", 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.mark-source", NULL));
  spin (50);

  claim = find_annotation (app, mark_article_id, "the bridge repair will cost $48 million");
  figure = find_annotation (app, mark_article_id, "$48 million");
  source = find_annotation (app, mark_article_id, "The mayor");
  g_assert_nonnull (claim);
  g_assert_nonnull (figure);
  g_assert_nonnull (source);
  g_assert_cmpint (fm_annotation_get_kind (claim), ==, FM_KIND_CLAIM);
  g_assert_cmpint (fm_annotation_get_kind (figure), ==, FM_KIND_FIGURE);
  g_assert_cmpfloat (fm_annotation_get_value (figure), ==, 48e6);
  g_assert_cmpint (fm_annotation_get_kind (source), ==, FM_KIND_SOURCE);

  /* The newest annotation is selected, with its editor open, and its row
   * in the fact panel is the selected one. */
  g_assert_cmpint (fm_window_get_selected (window), ==, fm_annotation_get_id (source));
  g_assert_true (fm_fact_panel_is_editing (fm_window_get_fact_panel (window)));
  {
    GtkSingleSelection *rows =
      GTK_SINGLE_SELECTION (fm_fact_panel_get_model (fm_window_get_fact_panel (window)));
    GObject *row = gtk_single_selection_get_selected_item (rows);

    g_assert_true (FM_IS_ANNOTATION (row));
    g_assert_cmpint (fm_annotation_get_id (FM_ANNOTATION (row)), ==, fm_annotation_get_id (source));
    fm_window_select_annotation (window, fm_annotation_get_id (figure), FALSE);
    row = gtk_single_selection_get_selected_item (rows);
    g_assert_cmpint (fm_annotation_get_id (FM_ANNOTATION (row)), ==, fm_annotation_get_id (figure));
  }

  /* Each highlight uses its kind's tag. */
  {
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (
      fm_article_view_get_text_view (fm_window_get_article_view (window)));
    GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
    GtkTextIter iter;

    gtk_text_buffer_get_iter_at_offset (buffer, &iter, fm_annotation_get_start (figure) + 1);
    g_assert_true (gtk_text_iter_has_tag (&iter, gtk_text_tag_table_lookup (table, "figure")));
    g_assert_true (gtk_text_iter_has_tag (&iter, gtk_text_tag_table_lookup (table, "claim")));
    gtk_text_buffer_get_iter_at_offset (buffer, &iter, fm_annotation_get_start (source));
    g_assert_true (gtk_text_iter_has_tag (&iter, gtk_text_tag_table_lookup (table, "source")));
    g_assert_false (gtk_text_iter_has_tag (&iter, gtk_text_tag_table_lookup (table, "claim")));
  }
}

static void
test_mark (void)
{
  run_app (mark_test);
}

static void
pick_test (FmApplication *app,
           FmWindow      *window)
{
  g_autoptr(FmAnnotation) claim = NULL;
  g_autoptr(FmAnnotation) figure = NULL;
  FmArticleView *view = fm_window_get_article_view (window);
  gint64 first, second, third;

  g_assert_true (fm_window_show_article (window, mark_article_id));
  claim = find_annotation (app, mark_article_id, "the bridge repair will cost $48 million");
  figure = find_annotation (app, mark_article_id, "$48 million");

  /* A click inside the nested figure picks the figure, the innermost. */
  first = fm_article_view_pick (view, fm_annotation_get_start (figure) + 2);
  g_assert_cmpint (first, ==, fm_annotation_get_id (figure));
  fm_window_select_annotation (window, first, FALSE);

  /* Clicking there again goes out to the enclosing claim, then back. */
  second = fm_article_view_pick (view, fm_annotation_get_start (figure) + 2);
  g_assert_cmpint (second, ==, fm_annotation_get_id (claim));
  fm_window_select_annotation (window, second, FALSE);
  third = fm_article_view_pick (view, fm_annotation_get_start (figure) + 2);
  g_assert_cmpint (third, ==, fm_annotation_get_id (figure));

  /* Outside the figure, only the claim covers the text; past both, none. */
  g_assert_cmpint (fm_article_view_pick (view, fm_annotation_get_start (claim) + 1), ==,
                   fm_annotation_get_id (claim));
  g_assert_cmpint (fm_article_view_pick (view, fm_annotation_get_end (claim) + 3), ==, 0);
}

static void
test_pick (void)
{
  run_app (pick_test);
}

static void
delete_undo_test (FmApplication *app,
                  FmWindow      *window)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmAnnotation) claim = NULL;
  g_autoptr(FmAnnotation) source = NULL;
  g_autoptr(FmAnnotation) edited = NULL;
  g_autoptr(FmAnnotation) back = NULL;
  g_autoptr(FmAnnotation) source_back = NULL;
  FmHistory *history = fm_application_get_history (app);

  g_assert_true (fm_window_show_article (window, mark_article_id));
  claim = find_annotation (app, mark_article_id, "the bridge repair will cost $48 million");
  source = find_annotation (app, mark_article_id, "The mayor");

  /* Give the claim a verdict, a note and its source, as the editor does. */
  edited = fm_annotation_copy (claim);
  fm_annotation_set_verdict (edited, FM_VERDICT_MISLEADING);
  fm_annotation_set_note (edited, "Budget papers say $52 million");
  fm_annotation_add_source (edited, fm_annotation_get_id (source));
  fm_annotation_add_evidence (edited, "https://example.org/budget", "Page 4");
  g_assert_true (fm_history_update (history, claim, edited, NULL, &error));
  g_assert_no_error (error);

  /* Delete the source first: the claim loses the link. */
  fm_window_select_annotation (window, fm_annotation_get_id (source), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.delete-annotation",
                                             NULL));
  /* Then the claim itself. */
  fm_window_select_annotation (window, fm_annotation_get_id (claim), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.delete-annotation",
                                             NULL));
  spin (50);
  g_assert_null (find_annotation (app, mark_article_id, "the bridge repair will cost $48 million"));
  g_assert_null (find_annotation (app, mark_article_id, "The mayor"));

  /* Undo twice: the claim comes back with its note, verdict and evidence,
   * then the source, and with it the attribution. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.undo", NULL));
  spin (50);
  back = find_annotation (app, mark_article_id, "the bridge repair will cost $48 million");
  source_back = find_annotation (app, mark_article_id, "The mayor");
  g_assert_nonnull (back);
  g_assert_nonnull (source_back);
  g_assert_cmpstr (fm_annotation_get_uuid (back), ==, fm_annotation_get_uuid (claim));
  g_assert_cmpint (fm_annotation_get_verdict (back), ==, FM_VERDICT_MISLEADING);
  g_assert_cmpstr (fm_annotation_get_note (back), ==, "Budget papers say $52 million");
  g_assert_true (fm_annotation_has_source (back, fm_annotation_get_id (source_back)));
  g_assert_cmpuint (fm_annotation_get_evidence (back)->len, ==, 1);

  /* Redo deletes it again; undo once more restores it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.redo", NULL));
  spin (20);
  g_assert_null (find_annotation (app, mark_article_id, "The mayor"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.undo", NULL));
  spin (20);
  g_clear_object (&source_back);
  source_back = find_annotation (app, mark_article_id, "The mayor");
  g_assert_nonnull (source_back);
}

static void
test_delete_undo (void)
{
  run_app (delete_undo_test);
}

static guint
count_rows (FmFactPanel *panel,
            guint       *headers)
{
  GListModel *model = fm_fact_panel_get_model (panel);
  guint n = g_list_model_get_n_items (model);
  guint entries = 0;

  *headers = 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (FM_IS_ANNOTATION (item))
        entries++;
      else
        (*headers)++;
    }
  return entries;
}

static void
filter_test (FmApplication *app,
             FmWindow      *window)
{
  FmFactPanel *panel = fm_window_get_fact_panel (window);
  guint headers;

  g_assert_true (fm_window_show_article (window, mark_article_id));
  spin (50);

  /* All three kinds, each under its heading. */
  g_assert_cmpuint (count_rows (panel, &headers), ==, 3);
  g_assert_cmpuint (headers, ==, 3);

  fm_fact_panel_set_filter (panel, FM_KIND_FIGURE, -1);
  spin (20);
  g_assert_cmpuint (count_rows (panel, &headers), ==, 1);
  g_assert_cmpuint (headers, ==, 1);

  /* The claim is misleading (from the delete test); the figure is not. */
  fm_fact_panel_set_filter (panel, -1, FM_VERDICT_MISLEADING);
  spin (20);
  g_assert_cmpuint (count_rows (panel, &headers), ==, 1);
  {
    g_autoptr(GObject) item = g_list_model_get_item (fm_fact_panel_get_model (panel), 1);
    g_assert_cmpint (fm_annotation_get_kind (FM_ANNOTATION (item)), ==, FM_KIND_CLAIM);
  }

  fm_fact_panel_set_filter (panel, FM_KIND_SOURCE, FM_VERDICT_TRUE);
  spin (20);
  g_assert_cmpuint (count_rows (panel, &headers), ==, 0);

  fm_fact_panel_set_filter (panel, -1, -1);
  spin (20);
  g_assert_cmpuint (count_rows (panel, &headers), ==, 3);

  /* The library filter works on titles. */
  {
    FmLibraryView *library = fm_window_get_library_view (window);

    fm_library_view_set_filter (library, "BRIDGE");
    g_assert_cmpuint (g_list_model_get_n_items (fm_library_view_get_model (library)), ==, 1);
    fm_library_view_set_filter (library, "zebra");
    g_assert_cmpuint (g_list_model_get_n_items (fm_library_view_get_model (library)), ==, 0);
    fm_library_view_set_filter (library, NULL);
  }
}

static void
test_filters (void)
{
  run_app (filter_test);
}

static void
reopen_test (FmApplication *app,
             FmWindow      *window)
{
  GtkTextBuffer *buffer;
  GtkTextTagTable *table;
  g_autoptr(GPtrArray) list = NULL;

  /* A new window on the same library reopens the last article. */
  fm_window_restore_last (window);
  spin (50);
  g_assert_nonnull (fm_window_get_document (window));
  g_assert_cmpint (fm_document_get_article_id (fm_window_get_document (window)), ==,
                   mark_article_id);

  buffer = gtk_text_view_get_buffer (fm_article_view_get_text_view (fm_window_get_article_view (window)));
  table = gtk_text_buffer_get_tag_table (buffer);
  list = fm_store_list_annotations (fm_application_get_store (app), mark_article_id, NULL);
  g_assert_cmpuint (list->len, ==, 3);
  for (guint i = 0; i < list->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (list, i);
      GtkTextIter s, e;
      GtkTextTag *tag = gtk_text_tag_table_lookup (table, fm_kind_to_string (fm_annotation_get_kind (a)));

      gtk_text_buffer_get_iter_at_offset (buffer, &s, fm_annotation_get_start (a));
      gtk_text_buffer_get_iter_at_offset (buffer, &e, fm_annotation_get_end (a));
      /* The highlight covers exactly the span. */
      g_assert_true (gtk_text_iter_starts_tag (&s, tag) || gtk_text_iter_has_tag (&s, tag));
      g_assert_true (gtk_text_iter_ends_tag (&e, tag) || gtk_text_iter_has_tag (&e, tag));
      {
        g_autofree char *text = gtk_text_buffer_get_text (buffer, &s, &e, FALSE);
        g_assert_cmpstr (text, ==, fm_annotation_get_quote (a));
      }
    }
}

static void
test_reopen (void)
{
  run_app (reopen_test);
}

static void
switch_test (FmApplication *app,
             FmWindow      *window)
{
  gint64 other = add_article (app, "A second article about 7 new parks in the city.");
  glong start, end;

  /* Mark something in another article, come back, and undo there: the
   * first article's history is untouched. */
  g_assert_true (fm_window_show_article (window, other));
  g_assert_true (fm_text_find_quote ("A second article about 7 new parks in the city.",
                                     "7 new parks", 1, &start, &end, NULL));
  fm_article_view_select_range (fm_window_get_article_view (window), start, end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.mark-figure", NULL));
  g_assert_cmpuint (count_annotations (app, other), ==, 1);

  g_assert_true (fm_window_show_article (window, mark_article_id));
  g_assert_true (fm_window_show_article (window, other));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.undo", NULL));
  spin (20);
  g_assert_cmpuint (count_annotations (app, other), ==, 0);
  g_assert_cmpuint (count_annotations (app, mark_article_id), ==, 3);
}

static void
test_switch (void)
{
  run_app (switch_test);
}

static void
update_test (FmApplication *app,
             FmWindow      *window)
{
  const char *revised =
    "City officials said the bridge repair will cost $52 million and take 18 months.\n\n"
    "Councillor Helen Marsh said the repair would only buy the city fifteen years.";
  g_autoptr(FmAnnotation) claim = NULL;
  g_autoptr(FmAnnotation) figure = NULL;
  g_autoptr(FmAnnotation) source = NULL;
  g_autoptr(FmAnnotation) orphan = NULL;
  g_autoptr(FmAnnotation) attached = NULL;
  g_autoptr(FmAnnotation) changed = NULL;
  FmArticleView *view = fm_window_get_article_view (window);
  FmStore *store = fm_application_get_store (app);
  GListModel *rows;
  gboolean saw_orphans = FALSE;
  glong start, end;

  claim = find_annotation (app, mark_article_id, "the bridge repair will cost $48 million");
  figure = find_annotation (app, mark_article_id, "$48 million");
  source = find_annotation (app, mark_article_id, "The mayor");

  g_assert_true (fm_window_show_article (window, mark_article_id));
  fm_window_update_text (window, revised, "bridge-v2.txt");
  /* The re-anchoring runs in a thread; wait for the reloaded article. */
  for (int i = 0; i < 250; i++)
    {
      FmDocument *document = fm_window_get_document (window);

      if (document && g_strcmp0 (fm_article_get_text (fm_document_get_article (document)), revised) == 0)
        break;
      spin (20);
    }
  spin (100);
  g_assert_cmpstr (fm_article_get_text (fm_document_get_article (fm_window_get_document (window))),
                   ==, revised);

  /* The corrected figure is changed, with its first quote and new value. */
  changed = fm_store_get_annotation (store, fm_annotation_get_id (figure), NULL);
  g_assert_cmpint (fm_annotation_get_state (changed), ==, FM_ANCHOR_CHANGED);
  g_assert_cmpstr (fm_annotation_get_quote (changed), ==, "$52 million");
  g_assert_cmpstr (fm_annotation_get_original_quote (changed), ==, "$48 million");
  g_assert_cmpfloat (fm_annotation_get_value (changed), ==, 52e6);
  g_assert_false (fm_annotation_get_confirmed (changed));

  /* "The mayor" was cut: an orphan, listed in its own group. */
  orphan = fm_store_get_annotation (store, fm_annotation_get_id (source), NULL);
  g_assert_true (fm_annotation_is_orphan (orphan));
  rows = fm_fact_panel_get_model (fm_window_get_fact_panel (window));
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (rows, i);

      if (FM_IS_FACT_HEADER (item)
          && g_strcmp0 (fm_fact_header_get_title (FM_FACT_HEADER (item)), "Orphans") == 0)
        saw_orphans = TRUE;
    }
  g_assert_true (saw_orphans);

  /* Attach the orphan to who said it now; the claim's link to it holds. */
  fm_window_select_annotation (window, fm_annotation_get_id (orphan), FALSE);
  g_assert_true (fm_text_find_quote (revised, "City officials", 1, &start, &end, NULL));
  fm_article_view_select_range (view, start, end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.attach-orphan", NULL));
  attached = fm_store_get_annotation (store, fm_annotation_get_id (orphan), NULL);
  g_assert_false (fm_annotation_is_orphan (attached));
  g_assert_cmpstr (fm_annotation_get_quote (attached), ==, "City officials");
  g_assert_cmpstr (fm_annotation_get_original_quote (attached), ==, "The mayor");
  {
    g_autoptr(FmAnnotation) c = fm_store_get_annotation (store, fm_annotation_get_id (claim), NULL);

    g_assert_true (fm_annotation_has_source (c, fm_annotation_get_id (attached)));
    g_assert_cmpstr (fm_annotation_get_note (c), ==, "Budget papers say $52 million");
  }

  /* Undo puts it back among the orphans. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.undo", NULL));
  g_clear_object (&attached);
  attached = fm_store_get_annotation (store, fm_annotation_get_id (orphan), NULL);
  g_assert_true (fm_annotation_is_orphan (attached));

  /* Two revisions now: the first text and this one. */
  {
    g_autoptr(GPtrArray) revisions = fm_store_list_revisions (store, mark_article_id, NULL);
    g_assert_cmpuint (revisions->len, ==, 2);
  }
}

static void
test_update (void)
{
  run_app (update_test);
}

static void
preferences_test (FmApplication *app,
                  FmWindow      *window)
{
  GSettings *settings = fm_application_get_settings (app);
  g_autofree char *style = NULL;
  GtkWindow *prefs;

  /* The template builds, the rows show the settings, and a change is
   * written at once. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (app), "preferences"));
  g_action_group_activate_action (G_ACTION_GROUP (app), "preferences", NULL);
  spin (100);
  prefs = NULL;
  {
    GList *windows = gtk_application_get_windows (GTK_APPLICATION (app));

    for (GList *l = windows; l; l = l->next)
      if (FM_IS_PREFERENCES_WINDOW (l->data))
        prefs = l->data;
  }
  g_assert_nonnull (prefs);
  g_settings_set_string (settings, "highlight-style", "underline");
  style = g_settings_get_string (settings, "highlight-style");
  g_assert_cmpstr (style, ==, "underline");
  gtk_window_destroy (prefs);
  g_settings_reset (settings, "highlight-style");
}

static void
test_preferences (void)
{
  run_app (preferences_test);
}

static void
import_sheet_test (FmApplication *app,
                   FmWindow      *window)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "annotations",
                                                 "sheet-v1.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  FmDocument *document = NULL;

  /* A fact sheet dropped or opened in the window brings its article and
   * annotations with it. */
  fm_window_import_file (window, file);
  for (int i = 0; i < 200; i++)
    {
      document = fm_window_get_document (window);
      if (document != NULL
          && g_strcmp0 (fm_article_get_title (fm_document_get_article (document)),
                        "Riverbend passes its budget") == 0)
        break;
      spin (20);
    }
  g_assert_nonnull (document);
  g_assert_cmpstr (fm_article_get_title (fm_document_get_article (document)), ==,
                   "Riverbend passes its budget");
  /* One claim, one figure and two sources, as the sheet has them. */
  g_assert_cmpuint (g_list_model_get_n_items (fm_document_get_annotations (document)), ==, 4);
}

static void
test_import_sheet (void)
{
  run_app (import_sheet_test);
}

/* Whether exactly @start..@end of the buffer carries @tag, as one range. */
static gboolean
tagged_exactly (GtkTextBuffer *buffer,
                const char    *tag_name,
                glong          start,
                glong          end)
{
  GtkTextTag *tag = gtk_text_tag_table_lookup (gtk_text_buffer_get_tag_table (buffer), tag_name);
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (buffer, &iter, start);
  if (!gtk_text_iter_starts_tag (&iter, tag))
    return FALSE;
  gtk_text_iter_forward_to_tag_toggle (&iter, tag);
  return gtk_text_iter_get_offset (&iter) == end && gtk_text_iter_ends_tag (&iter, tag);
}

static FmAnnotation *
store_mark (FmStore    *store,
            FmDocument *document,
            FmKind      kind,
            glong       start,
            glong       end)
{
  g_autoptr(GError) error = NULL;
  FmAnnotation *annotation = fm_document_new_annotation (document, kind, start, end, &error);

  g_assert_no_error (error);
  g_assert_true (fm_store_add_annotation (store, annotation, &error));
  g_assert_no_error (error);
  return annotation;
}

static void
long_article_test (FmApplication *app,
                   FmWindow      *window)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(FmDocument) loader = NULL;
  g_autoptr(FmAnnotation) first = NULL;
  g_autoptr(FmAnnotation) across = NULL;
  g_autoptr(FmAnnotation) figure = NULL;
  g_autoptr(FmAnnotation) last = NULL;
  const char *sentence = "The council said the repair will cost more than planned. ";
  glong n = strlen (sentence);
  FmStore *store = fm_application_get_store (app);
  GtkTextBuffer *buffer;
  glong length;
  gint64 id;

  /* Far more text than a screen, so that most of it is highlighted from
   * idle, in blocks. */
  while (text->len < 120000)
    g_string_append (text, sentence);
  id = add_article (app, text->str);
  length = g_utf8_strlen (text->str, -1);
  loader = fm_document_load (store, id, &error);
  g_assert_no_error (error);
  /* Two claims that touch inside a word, across blocks of painting, shown
   * as one run; a figure after them; and a source at the very end. */
  first = store_mark (store, loader, FM_KIND_CLAIM, 345 * n, 414 * n + 2);
  across = store_mark (store, loader, FM_KIND_CLAIM, 414 * n + 2, 450 * n - 1);
  figure = store_mark (store, loader, FM_KIND_FIGURE, 517 * n + 4, 517 * n + 11);
  last = store_mark (store, loader, FM_KIND_SOURCE, length - n + 4, length - 1);
  g_assert_cmpint (fm_annotation_get_end (first), ==, fm_annotation_get_start (across));

  g_assert_true (fm_window_show_article (window, id));
  buffer = gtk_text_view_get_buffer (fm_article_view_get_text_view (fm_window_get_article_view (window)));
  /* Opening paints only what is on screen... */
  g_assert_false (tagged_exactly (buffer, "source", fm_annotation_get_start (last),
                                  fm_annotation_get_end (last)));
  /* ...and the rest soon after. */
  spin (500);
  g_assert_true (tagged_exactly (buffer, "claim", fm_annotation_get_start (first),
                                 fm_annotation_get_end (across)));
  g_assert_true (tagged_exactly (buffer, "figure", fm_annotation_get_start (figure),
                                 fm_annotation_get_end (figure)));
  g_assert_true (tagged_exactly (buffer, "source", fm_annotation_get_start (last),
                                 fm_annotation_get_end (last)));

  /* Removing one repaints its span only: the claim it touched stays. */
  g_assert_true (fm_store_delete_annotation (store, fm_annotation_get_id (across), &error));
  g_assert_no_error (error);
  g_assert_true (tagged_exactly (buffer, "claim", fm_annotation_get_start (first),
                                 fm_annotation_get_end (first)));

  /* Revealing the last one flashes it and selects it, without any mark
   * made for it up front. */
  fm_window_select_annotation (window, fm_annotation_get_id (last), TRUE);
  g_assert_true (tagged_exactly (buffer, "flash", fm_annotation_get_start (last),
                                 fm_annotation_get_end (last)));
  g_assert_true (tagged_exactly (buffer, "selected", fm_annotation_get_start (last),
                                 fm_annotation_get_end (last)));
}

static void
test_long_article (void)
{
  run_app (long_article_test);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  dir = g_dir_make_tmp ("factmark-window-XXXXXX", NULL);
  db_path = g_build_filename (dir, "library.db", NULL);
  g_setenv ("FACTMARK_DB", db_path, TRUE);
  /* These tests count the fact panel's rows; suggestions have their own
   * test, test-suggest-window. */
  {
    g_autoptr(GSettings) settings = g_settings_new (APP_ID);

    g_settings_set_boolean (settings, "show-suggestions", FALSE);
  }

  /* The tests share one library and build on each other in order. */
  g_test_add_func ("/window/mark", test_mark);
  g_test_add_func ("/window/pick", test_pick);
  g_test_add_func ("/window/delete-undo", test_delete_undo);
  g_test_add_func ("/window/filters", test_filters);
  g_test_add_func ("/window/reopen", test_reopen);
  g_test_add_func ("/window/switch-articles", test_switch);
  g_test_add_func ("/window/update-text", test_update);
  g_test_add_func ("/window/preferences", test_preferences);
  g_test_add_func ("/window/import-fact-sheet", test_import_sheet);
  g_test_add_func ("/window/long-article", test_long_article);

  status = g_test_run ();

  /* The library, its WAL files and the backups the application makes on
   * start. */
  fm_test_remove_tree (dir);
  g_free (db_path);
  return status;
}
