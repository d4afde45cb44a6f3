/* test-window-library.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "fm-error-dialog.h"
#include "fm-facts.h"
#include "fm-text.h"
#include "fm-fact-header.h"
#include "fm-facts-window.h"
#include "fm-sources.h"
#include "fm-sources-window.h"
#include "window-fixture.h"

/* The window among the library's articles: coming back to the last one,
 * moving between them, and bringing one in from a fact sheet; see
 * window-fixture.h for how the window is driven. */

static const char other_text[] = "A second article about 7 new parks in the city.";

/* Replaces the fixture's window with a new one on the same application. */
static FmWindow *
open_new_window (WindowFixture *f)
{
  FmWindow *old = f->window;

  f->window = fm_window_new (f->app);
  gtk_window_present (GTK_WINDOW (f->window));
  gtk_window_destroy (GTK_WINDOW (old));
  return f->window;
}

static void
reopen_test (WindowFixture *f)
{
  GtkTextBuffer *buffer;
  GtkTextTagTable *table;
  g_autoptr(GPtrArray) list = NULL;
  gint64 id = window_fixture_show_marked (f);
  FmWindow *window;

  /* A newer article, so that opening the newest would not pass. */
  window_fixture_add_article (f, other_text);
  window = open_new_window (f);

  /* A new window on the same library reopens the last article. */
  fm_window_restore_last (window);
  window_fixture_wait_opened (window);
  fm_test_wait_for_draw (window);
  g_assert_nonnull (fm_window_get_document (window));
  g_assert_cmpint (fm_document_get_article_id (fm_window_get_document (window)), ==, id);

  buffer = gtk_text_view_get_buffer (
    fm_article_view_get_text_view (fm_window_get_article_view (window)));
  table = gtk_text_buffer_get_tag_table (buffer);
  list = fm_store_list_annotations (window_fixture_get_store (f), id, NULL);
  g_assert_cmpuint (list->len, ==, 3);
  for (guint i = 0; i < list->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (list, i);
      GtkTextIter s, e;
      GtkTextTag *tag = gtk_text_tag_table_lookup (table,
                                                   fm_kind_to_string (fm_annotation_get_kind (a)));

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
test_reopen (WindowFixture *f,
             gconstpointer  data)
{
  window_fixture_run (f, reopen_test);
}

static void
switch_test (WindowFixture *f)
{
  FmWindow *window = f->window;
  gint64 id = window_fixture_show_marked (f);
  gint64 other = window_fixture_add_article (f, other_text);
  glong start, end;

  /* Mark something in another article, come back, and undo there: the
   * first article's history is untouched. */
  window_fixture_show (window, other);
  g_assert_true (fm_text_find_quote (other_text, "7 new parks", 1, &start, &end, NULL));
  fm_article_view_select_range (fm_window_get_article_view (window), start, end);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.mark-figure", NULL));
  g_assert_cmpuint (window_fixture_count (f, other), ==, 1);

  window_fixture_show (window, id);
  window_fixture_show (window, other);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.undo", NULL));
  fm_test_wait_for_draw (window);
  g_assert_cmpuint (window_fixture_count (f, other), ==, 0);
  g_assert_cmpuint (window_fixture_count (f, id), ==, 3);
}

static void
test_switch (WindowFixture *f,
             gconstpointer  data)
{
  window_fixture_run (f, switch_test);
}

/* Asked for one article and then another before the first is read, the
 * window shows only the second, with the selection asked for meanwhile;
 * asked for the one shown, it drops the reading under way. */
static void
open_superseded_test (WindowFixture *f)
{
  FmWindow *window = f->window;
  gint64 id = window_fixture_show_marked (f);
  g_autoptr(FmAnnotation) claim = window_fixture_find (f, id, WINDOW_CLAIM);
  gint64 other = window_fixture_add_article (f, other_text);
  GtkStack *stack;

  window_fixture_show (window, other);
  g_assert_true (fm_window_show_article (window, other));
  g_assert_false (fm_window_is_opening (window));

  g_assert_true (fm_window_show_article (window, id));
  g_assert_true (fm_window_is_opening (window));
  g_assert_true (fm_window_show_article (window, other));
  g_assert_false (fm_window_is_opening (window));
  fm_test_wait_for_draw (window);
  g_assert_cmpint (fm_document_get_article_id (fm_window_get_document (window)), ==, other);

  g_assert_true (fm_window_show_article (window, id));
  fm_window_select_annotation (window, fm_annotation_get_id (claim), TRUE);
  g_assert_cmpint (fm_window_get_selected (window), ==, 0);
  window_fixture_wait_opened (window);
  g_assert_cmpint (fm_document_get_article_id (fm_window_get_document (window)), ==, id);
  g_assert_cmpint (fm_window_get_selected (window), ==, fm_annotation_get_id (claim));
  stack = GTK_STACK (gtk_widget_get_parent (GTK_WIDGET (fm_window_get_article_view (window))));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "article");
}

static void
test_open_superseded (WindowFixture *f,
                      gconstpointer  data)
{
  window_fixture_run (f, open_superseded_test);
}

static gboolean
sheet_imported (gpointer user_data)
{
  WindowFixture *f = user_data;
  FmDocument *document = fm_window_get_document (f->window);

  return document != NULL
         && g_strcmp0 (fm_article_get_title (fm_document_get_article (document)),
                       "Riverbend passes its budget") == 0;
}

static void
import_sheet_test (WindowFixture *f)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "annotations",
                                                 "sheet-v1.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  FmDocument *document;

  /* A fact sheet dropped or opened in the window brings its article and
   * annotations with it. */
  fm_window_import_file (f->window, file);
  fm_test_wait_until (sheet_imported, f);
  document = fm_window_get_document (f->window);
  /* One claim, one figure and two sources, as the sheet has them. */
  g_assert_cmpuint (g_list_model_get_n_items (fm_document_get_annotations (document)), ==, 4);
}

static void
test_import_sheet (WindowFixture *f,
                   gconstpointer  data)
{
  window_fixture_run (f, import_sheet_test);
}

static gboolean
imported_claim_linked (gpointer data)
{
  WindowFixture *f = data;
  FmDocument *document = fm_window_get_document (f->window);
  GListModel *annotations;

  if (document == NULL || !sheet_imported (f))
    return FALSE;
  annotations = fm_document_get_annotations (document);
  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(FmAnnotation) a = g_list_model_get_item (annotations, i);

      if (fm_annotation_get_kind (a) == FM_KIND_CLAIM && fm_annotation_get_tracked (a) != NULL)
        return TRUE;
    }
  return FALSE;
}

/* A fact sheet whose claim repeats one checked in another article: the
 * imported claim is linked to it and takes its verdict. */
static void
import_repeated_test (WindowFixture *f)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "annotations",
                                                 "sheet-v1.json", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  FmStore *store = window_fixture_get_store (f);
  g_autoptr(FmArticle) earlier = fm_test_add_article (store, "Earlier",
                                                      "In March, aides said the plan would cost "
                                                      "40 million over two years.");
  g_autoptr(FmAnnotation) checked = fm_test_new_annotation (earlier, FM_KIND_CLAIM,
                                                            "the plan would cost 40 million");
  g_autoptr(GError) error = NULL;
  GListModel *annotations;

  fm_annotation_set_verdict (checked, FM_VERDICT_UNPROVEN);
  g_assert_true (fm_store_add_annotation (store, checked, &error));
  fm_window_import_file (f->window, file);
  fm_test_wait_until (imported_claim_linked, f);
  annotations = fm_document_get_annotations (fm_window_get_document (f->window));
  for (guint i = 0; i < g_list_model_get_n_items (annotations); i++)
    {
      g_autoptr(FmAnnotation) a = g_list_model_get_item (annotations, i);

      if (fm_annotation_get_kind (a) == FM_KIND_CLAIM)
        g_assert_cmpint (fm_annotation_get_verdict (a), ==, FM_VERDICT_UNPROVEN);
    }
}

static void
test_import_repeated (WindowFixture *f,
                      gconstpointer  data)
{
  window_fixture_run (f, import_repeated_test);
}

static gboolean
no_rows (gpointer user_data)
{
  return g_list_model_get_n_items (user_data) == 0;
}

/* Library-wide search from the window: the hits under their article's
 * title, and activating one opens the article at its passage. */
static void
search_test (WindowFixture *f)
{
  FmSearchPanel *panel = fm_window_get_search_panel (f->window);
  GListModel *results = fm_search_panel_get_results (panel);
  g_autoptr(FmAnnotation) claim = NULL;
  g_autoptr(GObject) first = NULL;
  g_autoptr(GObject) hit = NULL;
  gint64 other, id = window_fixture_show_marked (f);

  claim = window_fixture_find (f, id, WINDOW_CLAIM);
  other = window_fixture_add_article (f, "Nothing here is about the river crossing.");
  window_fixture_show (f->window, other);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  fm_search_panel_set_query (panel, "repai*");
  /* The article's heading, then its claim and its own text. */
  g_assert_cmpuint (g_list_model_get_n_items (results), >=, 2);
  first = g_list_model_get_item (results, 0);
  g_assert_true (FM_IS_FACT_HEADER (first));
  hit = g_list_model_get_item (results, 1);
  g_assert_true (FM_IS_SEARCH_RESULT (hit));

  /* The claim's hit opens its article with the claim selected. */
  for (guint i = 1; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (results, i);

      if (FM_IS_SEARCH_RESULT (item)
          && fm_search_result_get_hit (FM_SEARCH_RESULT (item))->annotation_id
             == fm_annotation_get_id (claim))
        g_signal_emit_by_name (panel, "hit-activated", item);
    }
  window_fixture_wait_opened (f->window);
  g_assert_cmpint (fm_document_get_article_id (fm_window_get_document (f->window)), ==, id);
  g_assert_cmpint (fm_window_get_selected (f->window), ==, fm_annotation_get_id (claim));

  /* Nothing matches: no rows. */
  fm_search_panel_set_query (panel, "zebra");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
}

static void
test_search (WindowFixture *f,
             gconstpointer  data)
{
  window_fixture_run (f, search_test);
}

/* How many hits there are, each an annotation's. */
static guint
count_annotation_hits (GListModel *results)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (results, i);

      if (FM_IS_SEARCH_RESULT (item))
        {
          g_assert_cmpint (fm_search_result_get_hit (FM_SEARCH_RESULT (item))->annotation_id, !=, 0);
          n++;
        }
    }
  return n;
}

static gboolean
is_entry (GtkWidget     *widget,
          gconstpointer  data)
{
  return GTK_IS_ENTRY (widget);
}

/* The panel's source and date filters: the claim attributed to the mayor
 * and the mayor, then articles dated today only. */
static void
search_filters_test (WindowFixture *f)
{
  FmSearchPanel *panel = fm_window_get_search_panel (f->window);
  GListModel *results = fm_search_panel_get_results (panel);
  g_autoptr(GDateTime) today = g_date_time_new_now_local ();
  g_autoptr(GDateTime) tomorrow = g_date_time_add_days (today, 1);
  GtkWidget *entry;
  guint all;

  window_fixture_show_marked (f);
  window_fixture_judge_claim (f);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.search", NULL));
  fm_search_panel_set_query (panel, "mayor OR repair* OR councillor");
  g_assert_cmpuint (g_list_model_get_n_items (results), >=, 3);

  fm_search_panel_set_source (panel, "MAYOR");
  g_assert_cmpuint (count_annotation_hits (results), ==, 2);
  fm_test_wait_for_draw (f->window);
  fm_search_panel_set_source (panel, "nobody");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
  fm_search_panel_set_source (panel, NULL);
  all = g_list_model_get_n_items (results);

  /* Typed, a name narrows the hits once the typing pauses, not at each
   * key. */
  entry = fm_test_find_widget (GTK_WIDGET (panel), is_entry, NULL);
  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), "nobody");
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, all);
  window_fixture_wait_n_items (results, 0);
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  window_fixture_wait_n_items (results, all);

  /* The article has no published date and was imported today. */
  fm_search_panel_set_range (panel, today, today);
  g_assert_cmpuint (g_list_model_get_n_items (results), >=, 3);
  fm_test_wait_for_draw (f->window);
  fm_search_panel_set_range (panel, tomorrow, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (results), ==, 0);
  fm_search_panel_set_range (panel, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (results), >=, 3);
}

static void
test_search_filters (WindowFixture *f,
                     gconstpointer  data)
{
  window_fixture_run (f, search_filters_test);
}

/* The Facts window lists every annotation of the library, filters by
 * words, and its To Check queue keeps only the claims with no verdict. */
static void
facts_test (WindowFixture *f)
{
  g_autoptr(FmFactsWindow) facts = NULL;
  GListModel *rows;
  gint64 id = window_fixture_show_marked (f);

  facts = g_object_ref_sink (fm_facts_window_new (GTK_WINDOW (f->window),
                                                  window_fixture_get_store (f)));
  gtk_window_present (GTK_WINDOW (facts));
  fm_test_wait_for_draw (facts);
  rows = fm_facts_window_get_model (facts);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, window_fixture_count (f, id));

  fm_facts_window_set_filter (facts, "MAYOR");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  fm_facts_window_set_filter (facts, NULL);

  fm_facts_window_set_to_check (facts, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 1);
  window_fixture_judge_claim (f);
  /* The store's change reaches the window from idle. */
  fm_test_wait_until (no_rows, rows);
  gtk_window_destroy (GTK_WINDOW (facts));
}

static void
test_facts (WindowFixture *f,
            gconstpointer  data)
{
  window_fixture_run (f, facts_test);
}

static FmAnnotation *
add_source (FmStore    *store,
            gint64      article_id,
            const char *quote)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) article = fm_store_get_article (store, article_id, &error);
  FmAnnotation *a = fm_annotation_new (FM_KIND_SOURCE);
  glong start, end;

  g_assert_true (fm_text_find_quote (fm_article_get_text (article), quote, 1, &start, &end, NULL));
  fm_annotation_set_article_id (a, article_id);
  g_assert_true (fm_annotation_anchor (a, fm_article_get_text (article),
                                       fm_article_get_length (article), start, end, &error));
  g_assert_true (fm_store_add_annotation (store, a, &error));
  g_assert_no_error (error);
  return a;
}

/* A button on screen labelled @data. */
static gboolean
is_button_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_BUTTON (widget) && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0
         && gtk_widget_is_visible (widget);
}

static gboolean
one_row (gpointer data)
{
  return g_list_model_get_n_items (data) == 1;
}

static gboolean
two_rows (gpointer data)
{
  return g_list_model_get_n_items (data) == 2;
}

/* The Sources window shows the source asked for and the merge Factmark
 * proposes; Merge makes one source of two, and Ctrl+Z's action parts them
 * again, the window following the store each time. */
static void
sources_test (WindowFixture *f)
{
  FmStore *store = window_fixture_get_store (f);
  g_autoptr(FmSourcesWindow) sources = NULL;
  gint64 first = window_fixture_add_article (f, "The Harbour Authority (HA) said the quay was safe.");
  gint64 second = window_fixture_add_article (f, "HA engineers disagreed, the HA said later.");
  g_autoptr(FmAnnotation) a = add_source (store, first, "The Harbour Authority (HA)");
  g_autoptr(FmAnnotation) b = add_source (store, second, "HA");
  GListModel *rows;
  GtkWidget *merge;

  sources = g_object_ref_sink (fm_sources_window_new (GTK_WINDOW (f->window), store, "ha"));
  gtk_window_present (GTK_WINDOW (sources));
  fm_test_wait_for_draw (sources);
  rows = fm_sources_window_get_model (sources);
  /* The sources are read in a thread. */
  fm_test_wait_until (two_rows, rows);
  g_assert_cmpstr (fm_sources_window_get_shown_key (sources), ==, "ha");

  merge = fm_test_find_widget (GTK_WIDGET (sources), is_button_labelled, "_Merge");
  g_assert_nonnull (merge);
  g_signal_emit_by_name (merge, "clicked");
  fm_test_wait_until (one_row, rows);
  g_assert_cmpstr (fm_sources_window_get_shown_key (sources), ==, "the harbour authority (ha)");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (sources), "sources.undo", NULL));
  fm_test_wait_until (two_rows, rows);
  gtk_window_destroy (GTK_WINDOW (sources));
}

static void
test_sources (WindowFixture *f,
              gconstpointer  data)
{
  window_fixture_run (f, sources_test);
}

static gboolean
claim_linked (gpointer data)
{
  WindowFixture *f = data;
  g_autoptr(FmAnnotation) claim = window_fixture_find (f, f->article_id, WINDOW_CLAIM);

  return fm_annotation_get_tracked (claim) != NULL;
}

/* A claim marked that another article's checked claim repeats word for
 * word is linked to it without asking, takes its verdict, and the toast's
 * Unlink parts them. */
static void
repeated_claim_test (WindowFixture *f)
{
  FmStore *store = window_fixture_get_store (f);
  g_autoptr(GError) error = NULL;
  gint64 earlier = window_fixture_add_article (f, "Last year, officials said the bridge repair "
                                                  "will cost $48 million.");
  g_autoptr(FmArticle) article = fm_store_get_article (store, earlier, &error);
  g_autoptr(FmAnnotation) checked = fm_annotation_new (FM_KIND_CLAIM);
  g_autoptr(FmAnnotation) claim = NULL;
  glong start, end;

  g_assert_true (fm_text_find_quote (fm_article_get_text (article), WINDOW_CLAIM, 1, &start, &end,
                                     NULL));
  fm_annotation_set_article_id (checked, earlier);
  g_assert_true (fm_annotation_anchor (checked, fm_article_get_text (article),
                                       fm_article_get_length (article), start, end, &error));
  fm_annotation_set_verdict (checked, FM_VERDICT_MISLEADING);
  g_assert_true (fm_store_add_annotation (store, checked, &error));

  window_fixture_show_marked (f);
  fm_test_wait_until (claim_linked, f);
  claim = window_fixture_find (f, f->article_id, WINDOW_CLAIM);
  g_assert_cmpint (fm_annotation_get_verdict (claim), ==, FM_VERDICT_MISLEADING);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "article.unlink-claim", "x",
                                             fm_annotation_get_id (claim)));
  g_clear_object (&claim);
  claim = window_fixture_find (f, f->article_id, WINDOW_CLAIM);
  g_assert_null (fm_annotation_get_tracked (claim));
}

static void
test_repeated_claim (WindowFixture *f,
                     gconstpointer  data)
{
  window_fixture_run (f, repeated_claim_test);
}

/* Whether the model holds as many rows as asked, as its data "want". */
static gboolean
has_n_rows (gpointer user_data)
{
  GListModel *rows = user_data;

  return g_list_model_get_n_items (rows) == GPOINTER_TO_UINT (g_object_get_data (user_data, "want"));
}

/* A library of more facts than the window reads before its first frame:
 * the first articles' facts are there at once, the rest follow from idle,
 * newest article first throughout. */
static void
facts_incremental_test (WindowFixture *f)
{
  FmStore *store = window_fixture_get_store (f);
  g_autoptr(FmFactsWindow) facts = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *rows;
  guint n_rows;

  for (guint i = 0; i < 12; i++)
    {
      g_autofree char *text = g_strdup_printf ("Article %u. %s", i,
                                               "one two three four five six seven eight nine ten "
                                               "one two three four five six seven eight nine ten "
                                               "one two three four five six seven eight nine ten "
                                               "one two three four five six seven eight nine ten "
                                               "one two three four five six seven eight nine ten");
      gint64 id = window_fixture_add_article (f, text);
      g_autoptr(GPtrArray) marks = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint j = 0; j < 50; j++)
        {
          FmAnnotation *a = fm_annotation_new (FM_KIND_CLAIM);

          fm_annotation_set_article_id (a, id);
          g_assert_true (fm_annotation_anchor (a, text, g_utf8_strlen (text, -1), 12 + 4 * j,
                                               14 + 4 * j, &error));
          g_ptr_array_add (marks, a);
        }
      g_assert_true (fm_store_add_annotations (store, marks, &error));
      g_assert_no_error (error);
    }

  facts = g_object_ref_sink (fm_facts_window_new (GTK_WINDOW (f->window), store));
  rows = fm_facts_window_get_model (facts);
  n_rows = g_list_model_get_n_items (rows);
  g_assert_cmpuint (n_rows, >=, 500);
  g_assert_cmpuint (n_rows, <, 600);
  gtk_window_present (GTK_WINDOW (facts));
  g_object_set_data (G_OBJECT (rows), "want", GUINT_TO_POINTER (600));
  fm_test_wait_until (has_n_rows, rows);
  gtk_window_destroy (GTK_WINDOW (facts));
}

static void
test_facts_incremental (WindowFixture *f,
                        gconstpointer  data)
{
  window_fixture_run (f, facts_incremental_test);
}

static gboolean
not_exporting (gpointer user_data)
{
  gboolean exporting = TRUE;

  g_object_get (user_data, "exporting", &exporting, NULL);
  return !exporting;
}

/* Exports the rows the window shows through its action, as the file
 * chooser does once a file is picked, and waits until it is written. */
static void
export_facts (FmFactsWindow *facts,
              const char    *format,
              GFile         *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  gboolean exporting = FALSE;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (facts), "facts.export-to", "(ss)",
                                             format, uri));
  g_object_get (facts, "exporting", &exporting, NULL);
  g_assert_true (exporting);
  fm_test_wait_until (not_exporting, facts);
}

static char *
read_file (GFile *file)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_assert_true (g_file_load_contents (file, NULL, &contents, NULL, NULL, &error));
  g_assert_no_error (error);
  return contents;
}

static GtkWindow *
find_error_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (FM_IS_ERROR_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)))
        return GTK_WINDOW (window);
    }
  return NULL;
}

static gboolean
is_menu_button (GtkWidget     *widget,
                gconstpointer  data)
{
  return GTK_IS_MENU_BUTTON (widget);
}

static gboolean
popover_shown (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (gtk_menu_button_get_popover (user_data)));
}

/* The Export menu writes exactly the rows shown: the filter's, in the
 * view's order; a file that cannot be written is reported in a dialog
 * and no file is left behind. */
static void
facts_export_test (WindowFixture *f)
{
  g_autoptr(FmFactsWindow) facts = NULL;
  g_autofree char *path = fm_test_library_build_path (&f->lib, "facts.csv");
  g_autofree char *json_path = fm_test_library_build_path (&f->lib, "facts.json");
  g_autofree char *bad_path = fm_test_library_build_path (&f->lib, "no/such/folder/facts.csv");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) json_file = g_file_new_for_path (json_path);
  g_autoptr(GFile) bad_file = g_file_new_for_path (bad_path);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_auto(GStrv) lines = NULL;
  gint64 id = window_fixture_show_marked (f);
  GtkMenuButton *menu_button;
  JsonArray *rows;
  GtkWindow *dialog;

  facts = g_object_ref_sink (fm_facts_window_new (GTK_WINDOW (f->window),
                                                  window_fixture_get_store (f)));
  gtk_window_present (GTK_WINDOW (facts));
  fm_test_wait_for_draw (facts);

  /* One row matches the filter: only it is exported, after the header. */
  fm_facts_window_set_filter (facts, "MAYOR");
  g_assert_cmpuint (g_list_model_get_n_items (fm_facts_window_get_model (facts)), ==, 1);
  export_facts (facts, "csv", file);
  csv = read_file (file);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 3);
  g_assert_true (g_str_has_prefix (lines[0], "id,kind,start,end,quote,"));
  g_assert_nonnull (strstr (lines[1], WINDOW_SOURCE));
  g_assert_cmpstr (lines[2], ==, "");

  /* Without the filter, every row, in the order shown. */
  fm_facts_window_set_filter (facts, NULL);
  export_facts (facts, "json", json_file);
  json = read_file (json_file);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  rows = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                       "facts");
  g_assert_cmpuint (json_array_get_length (rows), ==, window_fixture_count (f, id));
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      g_autoptr(FmFact) fact = g_list_model_get_item (fm_facts_window_get_model (facts), i);

      g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (rows, i),
                                                      "id"), ==,
                       fm_annotation_get_uuid (fm_fact_get_annotation (fact)));
    }

  /* A folder that is not there: the error is shown, and nothing made. */
  export_facts (facts, "claimreview", bad_file);
  g_assert_false (g_file_query_exists (bad_file, NULL));
  dialog = find_error_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (facts));
  gtk_window_destroy (dialog);

  /* Ctrl+E's action opens the menu. */
  menu_button = GTK_MENU_BUTTON (fm_test_find_widget (GTK_WIDGET (facts), is_menu_button, NULL));
  g_assert_nonnull (menu_button);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (facts), "facts.show-export-menu", NULL));
  fm_test_wait_until (popover_shown, menu_button);
  gtk_menu_button_popdown (menu_button);
  gtk_window_destroy (GTK_WINDOW (facts));
}

static void
test_facts_export (WindowFixture *f,
                   gconstpointer  data)
{
  window_fixture_run (f, facts_export_test);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  window_test ("/window/reopen", test_reopen);
  window_test ("/window/switch-articles", test_switch);
  window_test ("/window/open-superseded", test_open_superseded);
  window_test ("/window/import-fact-sheet", test_import_sheet);
  window_test ("/window/search", test_search);
  window_test ("/window/search-filters", test_search_filters);
  window_test ("/window/facts", test_facts);
  window_test ("/window/facts-export", test_facts_export);
  window_test ("/window/sources", test_sources);
  window_test ("/window/repeated-claim", test_repeated_claim);
  window_test ("/window/import-repeated-claim", test_import_repeated);
  window_test ("/window/facts-incremental", test_facts_incremental);

  return g_test_run ();
}
