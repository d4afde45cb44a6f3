/* test-window-update.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fm-fact-header.h"
#include "fm-preferences-window.h"
#include "fm-text.h"
#include "window-fixture.h"

/* A new text for a marked article, a long article painted in blocks, and
 * the preferences; see window-fixture.h for how the window is driven. */

static const char revised_text[] =
  "City officials said the bridge repair will cost $52 million and take 18 months.\n\n"
  "Councillor Helen Marsh said the repair would only buy the city fifteen years.";

static gboolean
text_revised (gpointer user_data)
{
  WindowFixture *f = user_data;
  FmDocument *document = fm_window_get_document (f->window);

  return document != NULL
         && g_strcmp0 (fm_article_get_text (fm_document_get_article (document)),
                       revised_text) == 0;
}

static gboolean
has_orphans_header (GListModel *rows)
{
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (rows, i);

      if (FM_IS_FACT_HEADER (item)
          && g_strcmp0 (fm_fact_header_get_title (FM_FACT_HEADER (item)), "Orphans") == 0)
        return TRUE;
    }
  return FALSE;
}

static void
update_test (WindowFixture *f)
{
  g_autoptr(FmAnnotation) claim = NULL;
  g_autoptr(FmAnnotation) figure = NULL;
  g_autoptr(FmAnnotation) source = NULL;
  g_autoptr(FmAnnotation) orphan = NULL;
  g_autoptr(FmAnnotation) attached = NULL;
  g_autoptr(FmAnnotation) changed = NULL;
  FmWindow *window = f->window;
  FmArticleView *view = fm_window_get_article_view (window);
  FmStore *store = window_fixture_get_store (f);
  gint64 id = window_fixture_show_marked (f);
  glong start, end;

  window_fixture_judge_claim (f);
  claim = window_fixture_find (f, id, WINDOW_CLAIM);
  figure = window_fixture_find (f, id, WINDOW_FIGURE);
  source = window_fixture_find (f, id, WINDOW_SOURCE);

  fm_window_update_text (window, revised_text, "bridge-v2.txt");
  /* The re-anchoring runs in a thread; wait for the reloaded article. */
  fm_test_wait_until (text_revised, f);
  fm_test_wait_for_draw (window);

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
  g_assert_true (has_orphans_header (fm_fact_panel_get_model (fm_window_get_fact_panel (window))));

  /* Attach the orphan to who said it now; the claim's link to it holds. */
  fm_window_select_annotation (window, fm_annotation_get_id (orphan), FALSE);
  g_assert_true (fm_text_find_quote (revised_text, "City officials", 1, &start, &end, NULL));
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
    g_autoptr(GPtrArray) revisions = fm_store_list_revisions (store, id, NULL);
    g_assert_cmpuint (revisions->len, ==, 2);
  }
}

static void
test_update (WindowFixture *f,
             gconstpointer  data)
{
  window_fixture_run (f, update_test);
}

static gboolean
preferences_shown (gpointer user_data)
{
  GtkApplication *app = user_data;

  for (GList *l = gtk_application_get_windows (app); l != NULL; l = l->next)
    if (FM_IS_PREFERENCES_WINDOW (l->data) && gtk_widget_get_mapped (l->data))
      return TRUE;
  return FALSE;
}

static void
preferences_test (WindowFixture *f)
{
  GSettings *settings = fm_application_get_settings (f->app);
  g_autofree char *style = NULL;
  GtkWindow *prefs = NULL;

  /* The template builds, the rows show the settings, and a change is
   * written at once. */
  g_assert_true (g_action_group_has_action (G_ACTION_GROUP (f->app), "preferences"));
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "preferences", NULL);
  fm_test_wait_until (preferences_shown, f->app);
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (f->app)); l; l = l->next)
    if (FM_IS_PREFERENCES_WINDOW (l->data))
      prefs = l->data;
  g_assert_nonnull (prefs);
  g_settings_set_string (settings, "highlight-style", "underline");
  style = g_settings_get_string (settings, "highlight-style");
  g_assert_cmpstr (style, ==, "underline");
  gtk_window_destroy (prefs);
}

static void
test_preferences (WindowFixture *f,
                  gconstpointer  data)
{
  window_fixture_run (f, preferences_test);
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

typedef struct
{
  GtkTextBuffer *buffer;
  FmAnnotation  *first;
  FmAnnotation  *across;
  FmAnnotation  *figure;
  FmAnnotation  *last;
} Painted;

/* Whether the idle painting has reached all the annotations: the two
 * claims as one run, the figure and the source at the end. */
static gboolean
all_painted (gpointer user_data)
{
  Painted *p = user_data;

  return tagged_exactly (p->buffer, "claim", fm_annotation_get_start (p->first),
                         fm_annotation_get_end (p->across))
         && tagged_exactly (p->buffer, "figure", fm_annotation_get_start (p->figure),
                            fm_annotation_get_end (p->figure))
         && tagged_exactly (p->buffer, "source", fm_annotation_get_start (p->last),
                            fm_annotation_get_end (p->last));
}

static void
long_article_test (WindowFixture *f)
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
  FmWindow *window = f->window;
  FmStore *store = window_fixture_get_store (f);
  GtkTextBuffer *buffer;
  Painted painted;
  glong length;
  gint64 id;

  /* Far more text than a screen, so that most of it is highlighted from
   * idle, in blocks. */
  while (text->len < 120000)
    g_string_append (text, sentence);
  id = window_fixture_add_article (f, text->str);
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

  window_fixture_show (window, id);
  buffer = gtk_text_view_get_buffer (
    fm_article_view_get_text_view (fm_window_get_article_view (window)));
  /* Opening paints only what is on screen, and holds the fact panel's
   * rows meanwhile... */
  g_assert_false (tagged_exactly (buffer, "source", fm_annotation_get_start (last),
                                  fm_annotation_get_end (last)));
  g_assert_true (fm_article_view_get_painting (fm_window_get_article_view (window)));
  g_assert_true (fm_fact_panel_get_hold_rows (fm_window_get_fact_panel (window)));
  /* ...and the rest soon after, however long the machine takes. */
  painted = (Painted) { buffer, first, across, figure, last };
  fm_test_wait_until (all_painted, &painted);
  window_fixture_wait_painted (window);
  g_assert_false (fm_fact_panel_get_hold_rows (fm_window_get_fact_panel (window)));

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
test_long_article (WindowFixture *f,
                   gconstpointer  data)
{
  window_fixture_run (f, long_article_test);
}

/* The panel's list, not the one inside a drop-down's popover. */
static gboolean
is_panel_list (GtkWidget     *widget,
               gconstpointer  data)
{
  return GTK_IS_LIST_VIEW (widget) && gtk_widget_get_ancestor (widget, GTK_TYPE_DROP_DOWN) == NULL;
}

static GtkListView *
find_list_view (GtkWidget *panel)
{
  return GTK_LIST_VIEW (fm_test_find_widget (panel, is_panel_list, NULL));
}

/* The rows the list view has been given so far, short of those the panel
 * holds back. */
static guint
rows_shown (GtkListView *list)
{
  return g_list_model_get_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)));
}

#define N_CLAIMS 150

/* An article of N_CLAIMS claims, one per sentence, read into a document;
 * the last claim's id in @last. */
static FmDocument *
load_claims (WindowFixture *f,
             gint64        *last)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *sentence = "The plan was discussed at length by the board. ";
  glong n = strlen (sentence);
  FmStore *store = window_fixture_get_store (f);
  FmDocument *document;
  gint64 id;

  for (guint i = 0; i < N_CLAIMS; i++)
    g_string_append (text, sentence);
  id = window_fixture_add_article (f, text->str);
  document = fm_document_load (store, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_CLAIMS; i++)
    {
      g_autoptr(FmAnnotation) claim = store_mark (store, document, FM_KIND_CLAIM, i * n,
                                                  (i + 1) * n - 2);

      *last = fm_annotation_get_id (claim);
    }
  return document;
}

/* A fact panel of its own, in a window of its own, shown. */
static FmFactPanel *
show_panel (gboolean hold_rows)
{
  GtkWidget *window = gtk_window_new ();
  FmFactPanel *panel = g_object_new (FM_TYPE_FACT_PANEL, "hold-rows", hold_rows, NULL);

  gtk_window_set_default_size (GTK_WINDOW (window), 320, 700);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (panel));
  gtk_window_present (GTK_WINDOW (window));
  fm_test_wait_for_draw (panel);
  return panel;
}

static void
rows_held_test (WindowFixture *f)
{
  gint64 last;
  g_autoptr(FmDocument) document = load_claims (f, &last);
  FmFactPanel *panel = show_panel (TRUE);
  GtkListView *list;
  guint held;

  fm_fact_panel_set_document (panel, document);
  /* Held, the panel shows none of the new rows, frame after frame. */
  for (guint i = 0; i < 8; i++)
    fm_test_wait_for_draw (panel);
  list = find_list_view (GTK_WIDGET (panel));
  g_assert_nonnull (list);
  held = rows_shown (list);
  g_assert_cmpuint (held, ==, 0);
  /* Let go, it shows them all: the header and the claims. */
  fm_fact_panel_set_hold_rows (panel, FALSE);
  window_fixture_wait_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)), N_CLAIMS + 1);
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (panel))));
}

/* Editing the last claim leaves the list where it was, behind the editor;
 * back in the list, it is scrolled to that claim. */
static void
list_follows_editor_test (WindowFixture *f)
{
  gint64 last;
  g_autoptr(FmDocument) document = load_claims (f, &last);
  FmFactPanel *panel = show_panel (FALSE);
  GtkListView *list = find_list_view (GTK_WIDGET (panel));
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (list));

  fm_fact_panel_set_document (panel, document);
  window_fixture_wait_n_items (G_LIST_MODEL (gtk_list_view_get_model (list)), N_CLAIMS + 1);
  fm_fact_panel_show_editor (panel, last);
  fm_test_wait_for_draw (panel);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), ==, 0);

  fm_fact_panel_show_list (panel);
  fm_test_wait_for_draw (panel);
  fm_test_wait_for_draw (panel);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, 0);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment) + gtk_adjustment_get_page_size (vadjustment),
                     >=, gtk_adjustment_get_upper (vadjustment) - 1);
  gtk_window_destroy (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (panel))));
}

static void
test_rows_held (WindowFixture *f,
                gconstpointer  data)
{
  window_fixture_run (f, rows_held_test);
}

static void
test_list_follows_editor (WindowFixture *f,
                          gconstpointer  data)
{
  window_fixture_run (f, list_follows_editor_test);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  window_test ("/window/update-text", test_update);
  window_test ("/window/preferences", test_preferences);
  window_test ("/window/long-article", test_long_article);
  window_test ("/window/rows-held", test_rows_held);
  window_test ("/window/list-follows-editor", test_list_follows_editor);

  return g_test_run ();
}
