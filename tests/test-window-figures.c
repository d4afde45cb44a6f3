/* test-window-figures.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fm-document.h"
#include "fm-facts-window.h"
#include "fm-figure-conflict-set.h"
#include "fm-text.h"
#include "window-fixture.h"

/* Figures that disagree, in the window: the editor of a figure says which
 * figures elsewhere give another value and opens them; the Facts view
 * marks them and narrows to them; both follow the library's changes. */

static const char first_text[] =
  "Russia has massed 3,000 troops near the Ukrainian border, officials said on Monday.";
static const char second_text[] =
  "Russia has massed 4,000 troops near the Ukrainian border, according to officials.";

static gint64
mark_figure (WindowFixture *f,
             gint64         article_id,
             const char    *text,
             const char    *quote)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmAnnotation) figure = fm_annotation_new (FM_KIND_FIGURE);
  glong start, end;

  g_assert_true (fm_text_find_quote (text, quote, 1, &start, &end, NULL));
  fm_annotation_set_article_id (figure, article_id);
  g_assert_true (fm_annotation_anchor (figure, text, fm_text_length (text), start, end, &error));
  fm_annotation_apply_defaults (figure);
  g_assert_true (fm_store_add_annotation (window_fixture_get_store (f), figure, &error));
  g_assert_no_error (error);
  return fm_annotation_get_id (figure);
}

typedef struct
{
  FmFigureConflictSet *set;
  gint64               id;
  guint                n;
} Expect;

static gboolean
set_has (gpointer data)
{
  Expect *e = data;
  GPtrArray *others = fm_figure_conflict_set_lookup (e->set, e->id);

  return fm_figure_conflict_set_get_ready (e->set) && (others ? others->len : 0) == e->n;
}

/* The first widget under @root, visible, with the CSS class. */
static GtkWidget *
find_with_class (GtkWidget  *root,
                 const char *css_class)
{
  if (gtk_widget_get_visible (root) && gtk_widget_has_css_class (root, css_class))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (gtk_widget_get_visible (child) && (found = find_with_class (child, css_class)))
        return found;
    }
  return NULL;
}

static gboolean
is_toggle_labelled (GtkWidget     *widget,
                    gconstpointer  data)
{
  return GTK_IS_TOGGLE_BUTTON (widget)
         && g_strcmp0 (gtk_button_get_label (GTK_BUTTON (widget)), data) == 0;
}

static gboolean
shows_article (gpointer data)
{
  WindowFixture *f = data;
  FmDocument *document = fm_window_get_document (f->window);

  return document != NULL && fm_window_get_selected (f->window) != 0
         && fm_article_get_id (fm_document_get_article (document)) != f->article_id;
}

static gboolean
editor_flags (gpointer data)
{
  WindowFixture *f = data;

  return find_with_class (GTK_WIDGET (f->window), "figure-conflict") != NULL;
}

static void
figures_test (WindowFixture *f)
{
  FmStore *store = window_fixture_get_store (f);
  gint64 first = window_fixture_add_article (f, first_text);
  gint64 second = window_fixture_add_article (f, second_text);
  gint64 three = mark_figure (f, first, first_text, "3,000 troops");
  gint64 four = mark_figure (f, second, second_text, "4,000 troops");
  Expect e = { fm_figure_conflict_set_get_for_store (store), three, 1 };
  g_autoptr(FmFactsWindow) facts = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *button, *toggle;
  GListModel *rows;

  /* The set is computed in a thread, then the editor shows the other. */
  fm_test_wait_until (set_has, &e);
  window_fixture_show (f->window, first);
  f->article_id = first;
  fm_window_select_annotation (f->window, three, TRUE);
  fm_test_wait_until (editor_flags, f);
  button = find_with_class (GTK_WIDGET (f->window), "figure-conflict");
  g_signal_emit_by_name (button, "clicked");
  fm_test_wait_until (shows_article, f);
  g_assert_cmpint (fm_window_get_selected (f->window), ==, four);

  /* The Facts view narrows to the two figures. */
  facts = g_object_ref_sink (fm_facts_window_new (GTK_WINDOW (f->window), store));
  gtk_window_present (GTK_WINDOW (facts));
  fm_test_wait_for_draw (facts);
  toggle = fm_test_find_widget (GTK_WIDGET (facts), is_toggle_labelled, "Conflicting Figures");
  g_assert_nonnull (toggle);
  rows = fm_facts_window_get_model (facts);
  gtk_toggle_button_set_active (GTK_TOGGLE_BUTTON (toggle), TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);

  /* A figure deleted disagrees no more, in the set and in the view. */
  g_assert_true (fm_store_delete_annotation (store, four, &error));
  g_assert_no_error (error);
  e.n = 0;
  fm_test_wait_until (set_has, &e);
  window_fixture_wait_n_items (rows, 0);
  gtk_window_destroy (GTK_WINDOW (facts));
}

static void
test_figures (WindowFixture *f,
              gconstpointer  data)
{
  window_fixture_run (f, figures_test);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  window_test ("/window/figure-conflicts", test_figures);

  return g_test_run ();
}
