/* test-window.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "window-fixture.h"

/* Marking, picking, deleting and undoing, and the fact panel's filters;
 * see window-fixture.h for how the window is driven. */

static void
mark_test (WindowFixture *f)
{
  g_autoptr(FmAnnotation) claim = NULL;
  g_autoptr(FmAnnotation) figure = NULL;
  g_autoptr(FmAnnotation) source = NULL;
  FmWindow *window = f->window;
  gint64 id;

  id = window_fixture_add_article (f, window_article_text);
  window_fixture_show (window, id);
  fm_test_wait_for_draw (window);

  /* Nothing selected: the mark actions are off. */
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (window), "article.mark-claim", NULL)
                  && window_fixture_count (f, id) > 0);

  window_fixture_mark_sample (f);

  claim = window_fixture_find (f, id, WINDOW_CLAIM);
  figure = window_fixture_find (f, id, WINDOW_FIGURE);
  source = window_fixture_find (f, id, WINDOW_SOURCE);
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
test_mark (WindowFixture *f,
           gconstpointer  data)
{
  window_fixture_run (f, mark_test);
}

static void
pick_test (WindowFixture *f)
{
  g_autoptr(FmAnnotation) claim = NULL;
  g_autoptr(FmAnnotation) figure = NULL;
  FmWindow *window = f->window;
  FmArticleView *view = fm_window_get_article_view (window);
  gint64 id = window_fixture_show_marked (f);
  gint64 first, second, third;

  claim = window_fixture_find (f, id, WINDOW_CLAIM);
  figure = window_fixture_find (f, id, WINDOW_FIGURE);

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
test_pick (WindowFixture *f,
           gconstpointer  data)
{
  window_fixture_run (f, pick_test);
}

static void
delete_undo_test (WindowFixture *f)
{
  g_autoptr(FmAnnotation) claim = NULL;
  g_autoptr(FmAnnotation) source = NULL;
  g_autoptr(FmAnnotation) back = NULL;
  g_autoptr(FmAnnotation) source_back = NULL;
  FmWindow *window = f->window;
  gint64 id = window_fixture_show_marked (f);

  claim = window_fixture_find (f, id, WINDOW_CLAIM);
  source = window_fixture_find (f, id, WINDOW_SOURCE);
  window_fixture_judge_claim (f);

  /* Delete the source first: the claim loses the link. */
  fm_window_select_annotation (window, fm_annotation_get_id (source), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.delete-annotation",
                                             NULL));
  /* Then the claim itself. */
  fm_window_select_annotation (window, fm_annotation_get_id (claim), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.delete-annotation",
                                             NULL));
  fm_test_wait_for_draw (window);
  g_assert_null (window_fixture_find (f, id, WINDOW_CLAIM));
  g_assert_null (window_fixture_find (f, id, WINDOW_SOURCE));

  /* Undo twice: the claim comes back with its note, verdict and evidence,
   * then the source, and with it the attribution. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.undo", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.undo", NULL));
  fm_test_wait_for_draw (window);
  back = window_fixture_find (f, id, WINDOW_CLAIM);
  source_back = window_fixture_find (f, id, WINDOW_SOURCE);
  g_assert_nonnull (back);
  g_assert_nonnull (source_back);
  g_assert_cmpstr (fm_annotation_get_uuid (back), ==, fm_annotation_get_uuid (claim));
  g_assert_cmpint (fm_annotation_get_verdict (back), ==, FM_VERDICT_MISLEADING);
  g_assert_cmpstr (fm_annotation_get_note (back), ==, "Budget papers say $52 million");
  g_assert_true (fm_annotation_has_source (back, fm_annotation_get_id (source_back)));
  g_assert_cmpuint (fm_annotation_get_evidence (back)->len, ==, 1);

  /* Redo deletes it again; undo once more restores it. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.redo", NULL));
  fm_test_wait_for_draw (window);
  g_assert_null (window_fixture_find (f, id, WINDOW_SOURCE));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "article.undo", NULL));
  fm_test_wait_for_draw (window);
  g_clear_object (&source_back);
  source_back = window_fixture_find (f, id, WINDOW_SOURCE);
  g_assert_nonnull (source_back);
}

static void
test_delete_undo (WindowFixture *f,
                  gconstpointer  data)
{
  window_fixture_run (f, delete_undo_test);
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
filter_test (WindowFixture *f)
{
  FmWindow *window = f->window;
  FmFactPanel *panel = fm_window_get_fact_panel (window);
  guint headers;

  window_fixture_show_marked (f);
  window_fixture_judge_claim (f);
  fm_test_wait_for_draw (window);

  /* All three kinds, each under its heading. */
  g_assert_cmpuint (count_rows (panel, &headers), ==, 3);
  g_assert_cmpuint (headers, ==, 3);

  fm_fact_panel_set_filter (panel, FM_KIND_FIGURE, -1);
  fm_test_wait_for_draw (window);
  g_assert_cmpuint (count_rows (panel, &headers), ==, 1);
  g_assert_cmpuint (headers, ==, 1);

  /* The claim is misleading; the figure is not. */
  fm_fact_panel_set_filter (panel, -1, FM_VERDICT_MISLEADING);
  fm_test_wait_for_draw (window);
  g_assert_cmpuint (count_rows (panel, &headers), ==, 1);
  {
    g_autoptr(GObject) item = g_list_model_get_item (fm_fact_panel_get_model (panel), 1);
    g_assert_cmpint (fm_annotation_get_kind (FM_ANNOTATION (item)), ==, FM_KIND_CLAIM);
  }

  fm_fact_panel_set_filter (panel, FM_KIND_SOURCE, FM_VERDICT_TRUE);
  fm_test_wait_for_draw (window);
  g_assert_cmpuint (count_rows (panel, &headers), ==, 0);

  fm_fact_panel_set_filter (panel, -1, -1);
  fm_test_wait_for_draw (window);
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
test_filters (WindowFixture *f,
              gconstpointer  data)
{
  window_fixture_run (f, filter_test);
}

static gboolean
is_popover (GtkWidget     *widget,
            gconstpointer  data)
{
  return GTK_IS_POPOVER (widget);
}

/* What the popover's own shortcut for @keyval does: the popover has the
 * keyboard while it is open, so the window's shortcuts cannot answer. */
static GtkShortcutAction *
popover_shortcut (GtkWidget *popover,
                  guint      keyval)
{
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (popover);
  g_autoptr(GtkShortcutTrigger) trigger = gtk_keyval_trigger_new (keyval, GDK_CONTROL_MASK);

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GObject) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr(GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);

          if (gtk_shortcut_trigger_equal (gtk_shortcut_get_trigger (shortcut), trigger))
            return gtk_shortcut_get_action (shortcut);
        }
    }
  return NULL;
}

static void
popover_keys_test (WindowFixture *f)
{
  static const struct { guint keyval; const char *quote; FmKind kind; } marks[] = {
    { GDK_KEY_1, WINDOW_CLAIM, FM_KIND_CLAIM },
    { GDK_KEY_2, WINDOW_FIGURE, FM_KIND_FIGURE },
    { GDK_KEY_3, WINDOW_SOURCE, FM_KIND_SOURCE },
  };
  FmWindow *window = f->window;
  GtkWidget *popover;
  gint64 id;

  id = window_fixture_add_article (f, window_article_text);
  window_fixture_show (window, id);
  fm_test_wait_for_draw (window);
  popover = fm_test_find_widget (GTK_WIDGET (fm_window_get_article_view (window)), is_popover, NULL);
  g_assert_nonnull (popover);

  for (guint i = 0; i < G_N_ELEMENTS (marks); i++)
    {
      GtkShortcutAction *action = popover_shortcut (popover, marks[i].keyval);
      g_autoptr(FmAnnotation) marked = NULL;

      g_assert_nonnull (action);
      window_fixture_select_quote (f, marks[i].quote, 0);
      g_assert_true (gtk_shortcut_action_activate (action, 0, popover, NULL));
      marked = window_fixture_find (f, id, marks[i].quote);
      g_assert_nonnull (marked);
      g_assert_cmpint (fm_annotation_get_kind (marked), ==, marks[i].kind);
    }
  g_assert_cmpuint (window_fixture_count (f, id), ==, 3);
}

static void
test_popover_keys (WindowFixture *f,
                   gconstpointer  data)
{
  window_fixture_run (f, popover_keys_test);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  window_test ("/window/mark", test_mark);
  window_test ("/window/pick", test_pick);
  window_test ("/window/delete-undo", test_delete_undo);
  window_test ("/window/filters", test_filters);
  window_test ("/window/mark-popover-keys", test_popover_keys);

  return g_test_run ();
}
