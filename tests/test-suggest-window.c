/* test-suggest-window.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fm-suggestion-item.h"
#include "fm-text-view.h"
#include "fm-window-private.h"
#include "window-fixture.h"

/* Suggestions in the real window: found in a thread when an article is
 * shown, outlined and listed, then accepted, rejected, accepted by kind
 * and undone through the same actions Enter, Delete, Ctrl+Enter and
 * Ctrl+Z activate. */

static const char quoted_text[] =
  "The council will spend $48 million on the bridge and close it for 18 months.\n\n"
  "\"We are patching a bridge that was designed for half the traffic,\" "
  "Councillor Helen Marsh said.";

static void
turn_on (WindowFixture *f)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  g_settings_set_boolean (settings, "show-suggestions", TRUE);
}

static GListModel *
suggestions (WindowFixture *f)
{
  return fm_document_get_suggestions (fm_window_get_document (f->window));
}

static gboolean
has_suggestions (gpointer user_data)
{
  WindowFixture *f = user_data;

  return fm_window_get_document (f->window) != NULL
         && g_list_model_get_n_items (suggestions (f)) > 0;
}

/* Shows a new article with @text and waits for its suggestions. */
static void
show_suggested (WindowFixture *f,
                const char    *text)
{
  turn_on (f);
  f->article_id = window_fixture_add_article (f, text);
  window_fixture_show (f->window, f->article_id);
  fm_test_wait_until (has_suggestions, f);
  fm_test_wait_for_draw (f->window);
}

static FmSuggestionItem *
find_suggestion (WindowFixture *f,
                 FmKind         kind,
                 const char    *text)
{
  GListModel *model = suggestions (f);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FmSuggestionItem) item = g_list_model_get_item (model, i);
      const FmSuggestion *s = fm_suggestion_item_get_suggestion (item);

      if (s->kind == kind && g_strcmp0 (s->text, text) == 0)
        return item;
    }
  return NULL;
}

static guint
count_kind (GListModel *model,
            FmKind      kind)
{
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (model, i);

      if (FM_IS_SUGGESTION_ITEM (item) && fm_suggestion_item_get_kind (FM_SUGGESTION_ITEM (item)) == kind)
        n++;
    }
  return n;
}

static void
activate (WindowFixture *f,
          const char    *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), action, NULL));
}

static gboolean
panel_lists_figures (gpointer user_data)
{
  WindowFixture *f = user_data;
  GListModel *rows = fm_fact_panel_get_model (fm_window_get_fact_panel (f->window));

  return count_kind (rows, FM_KIND_FIGURE) == count_kind (suggestions (f), FM_KIND_FIGURE);
}

static void
shown_test (WindowFixture *f)
{
  FmArticleView *view;
  GtkTextView *text_view;

  show_suggested (f, quoted_text);
  g_assert_nonnull (find_suggestion (f, FM_KIND_FIGURE, "$48 million"));
  g_assert_nonnull (find_suggestion (f, FM_KIND_CLAIM,
                                     "We are patching a bridge that was designed for half the traffic,"));

  /* The article view outlines the document's list, and the fact panel
   * lists it under its own heading. */
  view = fm_window_get_article_view (f->window);
  text_view = fm_article_view_get_text_view (view);
  g_assert_true (FM_IS_TEXT_VIEW (text_view));
  g_assert_true (fm_text_view_get_suggestions (FM_TEXT_VIEW (text_view)) == suggestions (f));
  g_assert_cmpuint (count_kind (suggestions (f), FM_KIND_FIGURE), >, 0);
  fm_test_wait_until (panel_lists_figures, f);

  /* Nothing is in the library until the user accepts. */
  g_assert_cmpuint (window_fixture_count (f, f->article_id), ==, 0);
}

static void
test_shown (WindowFixture *f,
            gconstpointer  data)
{
  window_fixture_run (f, shown_test);
}

static gboolean
suggestions_back (gpointer user_data)
{
  WindowFixture *f = user_data;

  return find_suggestion (f, FM_KIND_FIGURE, "$48 million") != NULL;
}

static void
accept_undo_test (WindowFixture *f)
{
  g_autoptr(FmAnnotation) figure = NULL;
  guint before;

  show_suggested (f, quoted_text);
  before = g_list_model_get_n_items (suggestions (f));
  fm_window_select_suggestion (f->window, find_suggestion (f, FM_KIND_FIGURE, "$48 million"));
  g_assert_nonnull (fm_window_get_selected_suggestion (f->window));
  activate (f, "article.accept-suggestion");

  figure = window_fixture_find (f, f->article_id, "$48 million");
  g_assert_cmpint (fm_annotation_get_kind (figure), ==, FM_KIND_FIGURE);
  g_assert_cmpfloat (fm_annotation_get_value (figure), ==, 48e6);
  g_assert_null (find_suggestion (f, FM_KIND_FIGURE, "$48 million"));
  g_assert_cmpuint (g_list_model_get_n_items (suggestions (f)), ==, before - 1);
  /* The next suggestion is selected, so Enter walks the list. */
  g_assert_nonnull (fm_window_get_selected_suggestion (f->window));

  activate (f, "article.undo");
  g_assert_cmpuint (window_fixture_count (f, f->article_id), ==, 0);
  fm_test_wait_until (suggestions_back, f);
}

static void
test_accept_undo (WindowFixture *f,
                  gconstpointer  data)
{
  window_fixture_run (f, accept_undo_test);
}

static void
accept_quote_test (WindowFixture *f)
{
  g_autoptr(FmAnnotation) claim = NULL;
  g_autoptr(FmAnnotation) source = NULL;
  GArray *sources;

  show_suggested (f, quoted_text);
  fm_window_select_suggestion (f->window,
                               find_suggestion (f, FM_KIND_CLAIM,
                                                "We are patching a bridge that was designed for half "
                                                "the traffic,"));
  activate (f, "article.accept-suggestion");

  /* The claim, its speaker's source and the attribution, in one step. */
  claim = window_fixture_find (f, f->article_id,
                               "We are patching a bridge that was designed for half the traffic,");
  g_assert_cmpint (fm_annotation_get_kind (claim), ==, FM_KIND_CLAIM);
  sources = fm_annotation_get_sources (claim);
  g_assert_cmpuint (sources->len, ==, 1);
  source = fm_store_get_annotation (window_fixture_get_store (f), g_array_index (sources, gint64, 0),
                                    NULL);
  g_assert_nonnull (source);
  g_assert_cmpint (fm_annotation_get_kind (source), ==, FM_KIND_SOURCE);
  g_assert_cmpuint (window_fixture_count (f, f->article_id), ==, 2);

  activate (f, "article.undo");
  g_assert_cmpuint (window_fixture_count (f, f->article_id), ==, 0);
  activate (f, "article.redo");
  g_assert_cmpuint (window_fixture_count (f, f->article_id), ==, 2);
}

static void
test_accept_quote (WindowFixture *f,
                   gconstpointer  data)
{
  window_fixture_run (f, accept_quote_test);
}

static void
reject_test (WindowFixture *f)
{
  FmArticle *article;
  const FmSuggestion *s;
  g_autoptr(FmSuggestion) copy = NULL;
  g_autoptr(GError) error = NULL;

  show_suggested (f, quoted_text);
  article = fm_document_get_article (fm_window_get_document (f->window));
  fm_window_select_suggestion (f->window, find_suggestion (f, FM_KIND_FIGURE, "$48 million"));
  s = fm_suggestion_item_get_suggestion (fm_window_get_selected_suggestion (f->window));
  copy = fm_suggestion_copy (s);
  activate (f, "article.reject-suggestion");

  g_assert_null (find_suggestion (f, FM_KIND_FIGURE, "$48 million"));
  g_assert_true (fm_suggest_is_rejected (window_fixture_get_store (f), article, copy, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (window_fixture_count (f, f->article_id), ==, 0);

  /* Found again, it stays rejected. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-suggestions", NULL));
  g_assert_cmpuint (g_list_model_get_n_items (suggestions (f)), ==, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-suggestions", NULL));
  fm_test_wait_until (has_suggestions, f);
  g_assert_null (find_suggestion (f, FM_KIND_FIGURE, "$48 million"));
}

static void
test_reject (WindowFixture *f,
             gconstpointer  data)
{
  window_fixture_run (f, reject_test);
}

static void
accept_all_test (WindowFixture *f)
{
  guint figures, others;

  show_suggested (f, quoted_text);
  figures = count_kind (suggestions (f), FM_KIND_FIGURE);
  others = g_list_model_get_n_items (suggestions (f)) - figures;
  g_assert_cmpuint (figures, >=, 2);
  fm_window_select_suggestion (f->window, find_suggestion (f, FM_KIND_FIGURE, "$48 million"));
  activate (f, "article.accept-all-suggestions");

  g_assert_cmpuint (window_fixture_count (f, f->article_id), ==, figures);
  g_assert_cmpuint (count_kind (suggestions (f), FM_KIND_FIGURE), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (suggestions (f)), ==, others);

  /* One undo takes the whole group away. */
  activate (f, "article.undo");
  g_assert_cmpuint (window_fixture_count (f, f->article_id), ==, 0);
}

static void
test_accept_all (WindowFixture *f,
                 gconstpointer  data)
{
  window_fixture_run (f, accept_all_test);
}

static void
off_test (WindowFixture *f)
{
  g_autoptr(GSettings) settings = g_settings_new (APP_ID);

  show_suggested (f, quoted_text);
  g_settings_set_boolean (settings, "show-suggestions", FALSE);
  g_assert_cmpuint (g_list_model_get_n_items (suggestions (f)), ==, 0);
  g_assert_null (fm_window_get_selected_suggestion (f->window));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f->window), "article.accept-suggestion",
                                              NULL)
                  && window_fixture_count (f, f->article_id) > 0);
  g_assert_cmpuint (window_fixture_count (f, f->article_id), ==, 0);
}

static void
test_off (WindowFixture *f,
          gconstpointer  data)
{
  window_fixture_run (f, off_test);
}

/* A long article's suggestions are looked for only once its highlights
 * are painted: a search running beside the painting would slow it. */
static void
after_painting_test (WindowFixture *f)
{
  g_autoptr(GString) text = g_string_new (NULL);
  FmArticleView *view = fm_window_get_article_view (f->window);
  FmWindow *window = f->window;

  turn_on (f);
  /* Far more than a screen: the text off screen is painted from idle. */
  while (text->len < 120000)
    g_string_append (text, "The council will spend $48 million on the bridge. ");
  f->article_id = window_fixture_add_article (f, text->str);

  window_fixture_show (window, f->article_id);
  g_assert_true (fm_article_view_get_painting (view));
  g_assert_true (window->suggest_when_painted);
  g_assert_null (window->suggest_cancellable);
  g_assert_cmpuint (g_list_model_get_n_items (suggestions (f)), ==, 0);

  window_fixture_wait_painted (window);
  g_assert_false (window->suggest_when_painted);
  fm_test_wait_until (has_suggestions, f);
}

static void
test_after_painting (WindowFixture *f,
                     gconstpointer  data)
{
  window_fixture_run (f, after_painting_test);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  window_test ("/suggest-window/shown", test_shown);
  window_test ("/suggest-window/accept-undo", test_accept_undo);
  window_test ("/suggest-window/accept-quote", test_accept_quote);
  window_test ("/suggest-window/reject", test_reject);
  window_test ("/suggest-window/accept-all", test_accept_all);
  window_test ("/suggest-window/off", test_off);
  window_test ("/suggest-window/after-painting", test_after_painting);

  return g_test_run ();
}
