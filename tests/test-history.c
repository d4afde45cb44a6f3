/* test-history.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "fm-document.h"
#include "fm-history.h"
#include "fm-suggest.h"
#include "fm-store.h"
#include "fm-text.h"
#include "fm-test-utils.h"

typedef struct
{
  FmTestLibrary  lib;
  FmArticle     *article;
  FmDocument    *document;
  FmHistory     *history;
} Fixture;

static const char text[] =
  "Officials said the new bridge will cost $48 million and open in 2027, "
  "according to the city engineer.";

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) article = fm_article_new ();

  fm_test_library_setup (&f->lib, data);
  fm_article_set_text (article, text);
  f->article = fm_store_add_article (f->lib.store, article, NULL, &error);
  g_assert_no_error (error);
  f->document = fm_document_load (f->lib.store, fm_article_get_id (f->article), &error);
  g_assert_no_error (error);
  f->history = fm_history_new (f->lib.store);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->history);
  g_clear_object (&f->document);
  g_clear_object (&f->article);
  fm_test_library_teardown (&f->lib, data);
}

static FmAnnotation *
mark (Fixture    *f,
      FmKind      kind,
      const char *quote)
{
  g_autoptr(GError) error = NULL;
  glong start, end;
  FmAnnotation *annotation;

  g_assert_true (fm_text_find_quote (text, quote, 1, &start, &end, NULL));
  /* Selections with white space around them are trimmed. */
  annotation = fm_document_new_annotation (f->document, kind, start > 0 ? start - 1 : start,
                                           end, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fm_annotation_get_quote (annotation), ==, quote);
  g_assert_true (fm_history_create (f->history, annotation, &error));
  g_assert_no_error (error);
  return annotation;
}

static guint
n_items (Fixture *f)
{
  return g_list_model_get_n_items (fm_document_get_annotations (f->document));
}

static void
test_document_follows_store (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(FmAnnotation) claim = mark (f, FM_KIND_CLAIM, "the new bridge will cost $48 million");
  g_autoptr(FmAnnotation) figure = mark (f, FM_KIND_FIGURE, "$48 million");
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(FmAnnotation) first = NULL;

  g_assert_cmpuint (n_items (f), ==, 2);
  first = g_list_model_get_item (fm_document_get_annotations (f->document), 0);
  g_assert_cmpint (fm_annotation_get_id (first), ==, fm_annotation_get_id (claim));

  /* Innermost first, then the enclosing one. */
  hits = fm_document_at_offset (f->document, fm_annotation_get_start (figure) + 2);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_cmpint (fm_annotation_get_id (g_ptr_array_index (hits, 0)), ==,
                   fm_annotation_get_id (figure));
  g_assert_cmpint (fm_annotation_get_id (g_ptr_array_index (hits, 1)), ==,
                   fm_annotation_get_id (claim));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = fm_document_at_offset (f->document, 0);
  g_assert_cmpuint (hits->len, ==, 0);

  g_assert_cmpuint (fm_article_get_count (fm_document_get_article (f->document), FM_KIND_FIGURE),
                    ==, 1);
}

/* Each annotation is in the group of its kind, or of orphans, and the
 * groups hold nothing else, in the list's order. */
static void
assert_groups_agree (FmDocument *document)
{
  GListModel *all = fm_document_get_annotations (document);
  guint next[FM_DOCUMENT_N_GROUPS] = { 0, };
  guint total = 0;

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(FmAnnotation) a = g_list_model_get_item (all, i);
      guint g = fm_annotation_is_orphan (a) ? FM_DOCUMENT_ORPHANS : fm_annotation_get_kind (a);
      g_autoptr(FmAnnotation) in_group =
        g_list_model_get_item (fm_document_get_group (document, g), next[g]++);

      g_assert_true (in_group == a);
    }
  for (guint g = 0; g < FM_DOCUMENT_N_GROUPS; g++)
    {
      g_assert_cmpuint (g_list_model_get_n_items (fm_document_get_group (document, g)), ==,
                        next[g]);
      total += next[g];
    }
  g_assert_cmpuint (total, ==, g_list_model_get_n_items (all));
}

static void
test_document_groups (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmAnnotation) claim = mark (f, FM_KIND_CLAIM, "the new bridge will cost $48 million");
  g_autoptr(FmAnnotation) figure = mark (f, FM_KIND_FIGURE, "$48 million");
  g_autoptr(FmAnnotation) source = mark (f, FM_KIND_SOURCE, "the city engineer");
  g_autoptr(FmAnnotation) orphan = fm_annotation_copy (figure);

  assert_groups_agree (f->document);
  g_assert_cmpuint (g_list_model_get_n_items (fm_document_get_group (f->document,
                                                                     FM_KIND_FIGURE)), ==, 1);

  /* Orphaned, the figure moves to the orphans; deleted, it leaves them. */
  fm_annotation_orphan (orphan);
  g_assert_true (fm_store_update_annotation (f->lib.store, orphan, &error));
  g_assert_no_error (error);
  assert_groups_agree (f->document);
  g_assert_cmpuint (g_list_model_get_n_items (fm_document_get_group (f->document,
                                                                     FM_DOCUMENT_ORPHANS)), ==, 1);
  g_assert_true (fm_store_delete_annotation (f->lib.store, fm_annotation_get_id (figure), &error));
  g_assert_no_error (error);
  assert_groups_agree (f->document);
  g_assert_cmpuint (n_items (f), ==, 2);
}

static void
load_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static FmDocument *
finish_load (GAsyncResult  **result,
             GError        **error)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return fm_document_load_finish (*result, error);
}

static void
assert_same_document (FmDocument *a,
                      FmDocument *b)
{
  GListModel *x = fm_document_get_annotations (a);
  GListModel *y = fm_document_get_annotations (b);

  g_assert_cmpuint (g_list_model_get_n_items (x), ==, g_list_model_get_n_items (y));
  for (guint i = 0; i < g_list_model_get_n_items (x); i++)
    {
      g_autoptr(FmAnnotation) p = g_list_model_get_item (x, i);
      g_autoptr(FmAnnotation) q = g_list_model_get_item (y, i);

      g_assert_cmpint (fm_annotation_get_id (p), ==, fm_annotation_get_id (q));
      g_assert_cmpint (fm_annotation_get_start (p), ==, fm_annotation_get_start (q));
      g_assert_cmpstr (fm_annotation_get_note (p), ==, fm_annotation_get_note (q));
    }
  assert_groups_agree (a);
  g_assert_cmpstr (fm_article_get_title (fm_document_get_article (a)), ==,
                   fm_article_get_title (fm_document_get_article (b)));
  g_assert_cmpstr (fm_article_get_text (fm_document_get_article (a)), ==,
                   fm_article_get_text (fm_document_get_article (b)));
}

/* Waits for the reading, and checks it against one taken now. */
static FmDocument *
finish_as_stored (Fixture       *f,
                  GAsyncResult **result)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmDocument) loaded = finish_load (result, &error);
  g_autoptr(FmDocument) expected = NULL;

  g_assert_no_error (error);
  expected = fm_document_load (f->lib.store, fm_article_get_id (f->article), &error);
  g_assert_no_error (error);
  assert_same_document (loaded, expected);
  return g_steal_pointer (&loaded);
}

/* What the store reports while the thread reads is in the document when it
 * is handed over, whether the reading was taken before or after. With
 * @data, the changes come only once the reading is in: the thread's result
 * waits on the main context, where nothing else is pending in this test. */
static void
test_document_load_async (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmAnnotation) claim = mark (f, FM_KIND_CLAIM, "the new bridge will cost $48 million");
  g_autoptr(FmAnnotation) figure = mark (f, FM_KIND_FIGURE, "$48 million");
  g_autoptr(FmAnnotation) edited = fm_annotation_copy (claim);
  g_autoptr(FmAnnotation) added = NULL;
  g_autoptr(FmArticle) renamed = fm_article_copy (f->article);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FmDocument) loaded = NULL;

  fm_document_load_async (f->lib.store, fm_article_get_id (f->article), NULL, load_done_cb,
                          &result);
  while (data != NULL && !g_main_context_pending (NULL))
    g_thread_yield ();
  fm_annotation_set_note (edited, "Checked with the council");
  g_assert_true (fm_store_update_annotation (f->lib.store, edited, &error));
  g_assert_true (fm_store_delete_annotation (f->lib.store, fm_annotation_get_id (figure), &error));
  added = mark (f, FM_KIND_SOURCE, "the city engineer");
  fm_article_set_title (renamed, "Bridge costs");
  g_assert_true (fm_store_update_article (f->lib.store, renamed, &error));
  g_assert_no_error (error);

  loaded = finish_as_stored (f, &result);
  g_assert_cmpstr (fm_annotation_get_note (fm_document_lookup (loaded, fm_annotation_get_id (claim))),
                   ==, "Checked with the council");
  g_assert_null (fm_document_lookup (loaded, fm_annotation_get_id (figure)));
  g_assert_nonnull (fm_document_lookup (loaded, fm_annotation_get_id (added)));

  /* After the hand-over, the document follows the store at once. */
  g_assert_true (fm_store_delete_annotation (f->lib.store, fm_annotation_get_id (added), &error));
  g_assert_null (fm_document_lookup (loaded, fm_annotation_get_id (added)));
}

/* A new text while the thread reads makes it read again: the first
 * reading's spans would not fit the text the store now holds. */
static void
test_document_load_async_new_text (Fixture       *f,
                                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmAnnotation) claim = mark (f, FM_KIND_CLAIM, "the new bridge will cost $48 million");
  g_autoptr(GPtrArray) moved = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FmDocument) loaded = NULL;
  FmAnnotation *copy = fm_annotation_copy (claim);

  fm_document_load_async (f->lib.store, fm_article_get_id (f->article), NULL, load_done_cb,
                          &result);
  while (!g_main_context_pending (NULL))
    g_thread_yield ();
  fm_annotation_orphan (copy);
  g_ptr_array_add (moved, copy);
  g_assert_true (fm_store_update_text (f->lib.store, fm_article_get_id (f->article),
                                       "A new text.\n", NULL, moved, &error));
  g_assert_no_error (error);

  loaded = finish_as_stored (f, &result);
  g_assert_cmpstr (fm_article_get_text (fm_document_get_article (loaded)), ==, "A new text.\n");
  g_assert_true (fm_annotation_is_orphan (fm_document_lookup (loaded, fm_annotation_get_id (claim))));
}

/* Cancelled, a reading ends in G_IO_ERROR_CANCELLED, even when a new text
 * had it about to read again. */
static void
test_document_load_async_cancelled (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(FmDocument) loaded = NULL;

  fm_document_load_async (f->lib.store, fm_article_get_id (f->article), cancellable,
                          load_done_cb, &result);
  while (!g_main_context_pending (NULL))
    g_thread_yield ();
  g_assert_true (fm_store_update_text (f->lib.store, fm_article_get_id (f->article),
                                       "Another text.\n", NULL, none, &error));
  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);

  loaded = finish_load (&result, &error);
  g_assert_null (loaded);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

/* An article deleted, or not there, while it is read is an error, not a
 * document of nothing. */
static void
test_document_load_async_gone (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) missing = NULL;
  g_autoptr(FmDocument) loaded = NULL;

  fm_document_load_async (f->lib.store, fm_article_get_id (f->article), NULL, load_done_cb,
                          &result);
  fm_document_load_async (f->lib.store, 123456, NULL, load_done_cb, &missing);
  g_assert_true (fm_store_delete_article (f->lib.store, fm_article_get_id (f->article), &error));
  g_assert_no_error (error);

  loaded = finish_load (&result, &error);
  g_assert_null (loaded);
  g_assert_error (error, FM_ERROR, FM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  loaded = finish_load (&missing, &error);
  g_assert_null (loaded);
  g_assert_error (error, FM_ERROR, FM_ERROR_NOT_FOUND);
}

static void
test_undo_redo (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmAnnotation) source = mark (f, FM_KIND_SOURCE, "the city engineer");
  g_autoptr(FmAnnotation) claim = mark (f, FM_KIND_CLAIM, "open in 2027");
  g_autoptr(FmAnnotation) edited = fm_annotation_copy (claim);
  g_autoptr(FmAnnotation) typed = NULL;
  FmAnnotation *now;
  gint64 affected = 0;

  /* Link and give a verdict: one step. */
  fm_annotation_add_source (edited, fm_annotation_get_id (source));
  fm_annotation_set_verdict (edited, FM_VERDICT_MISLEADING);
  g_assert_true (fm_history_update (f->history, claim, edited, NULL, &error));

  /* Typing a note in three saves: one step. */
  typed = fm_annotation_copy (edited);
  fm_annotation_set_note (typed, "Cit");
  g_assert_true (fm_history_update (f->history, edited, typed, "note", &error));
  {
    g_autoptr(FmAnnotation) more = fm_annotation_copy (typed);
    fm_annotation_set_note (more, "City plan says 2028");
    g_assert_true (fm_history_update (f->history, typed, more, "note", &error));
  }
  g_assert_no_error (error);

  /* Delete the source: the claim loses its link. */
  g_assert_true (fm_history_delete (f->history, fm_annotation_get_id (source), &error));
  g_assert_no_error (error);
  g_assert_null (fm_document_lookup (f->document, fm_annotation_get_id (source)));
  now = fm_document_lookup (f->document, fm_annotation_get_id (claim));
  g_assert_cmpuint (fm_annotation_get_sources (now)->len, ==, 0);

  /* Undo the deletion: the source is back, same id and uuid, and linked. */
  g_assert_true (fm_history_undo (f->history, fm_article_get_id (f->article), &affected, &error));
  g_assert_no_error (error);
  g_assert_cmpint (affected, ==, fm_annotation_get_id (source));
  now = fm_document_lookup (f->document, fm_annotation_get_id (source));
  g_assert_nonnull (now);
  g_assert_cmpstr (fm_annotation_get_uuid (now), ==, fm_annotation_get_uuid (source));
  now = fm_document_lookup (f->document, fm_annotation_get_id (claim));
  g_assert_true (fm_annotation_has_source (now, fm_annotation_get_id (source)));
  g_assert_cmpstr (fm_annotation_get_note (now), ==, "City plan says 2028");

  /* Undo the note (one step), then the link and verdict. */
  g_assert_true (fm_history_undo (f->history, fm_article_get_id (f->article), NULL, &error));
  now = fm_document_lookup (f->document, fm_annotation_get_id (claim));
  g_assert_null (fm_annotation_get_note (now));
  g_assert_cmpint (fm_annotation_get_verdict (now), ==, FM_VERDICT_MISLEADING);
  g_assert_true (fm_history_undo (f->history, fm_article_get_id (f->article), NULL, &error));
  now = fm_document_lookup (f->document, fm_annotation_get_id (claim));
  g_assert_cmpint (fm_annotation_get_verdict (now), ==, FM_VERDICT_UNVERIFIED);
  g_assert_cmpuint (fm_annotation_get_sources (now)->len, ==, 0);

  /* Undo both creations; then nothing is left to undo. */
  g_assert_true (fm_history_undo (f->history, fm_article_get_id (f->article), NULL, &error));
  g_assert_true (fm_history_undo (f->history, fm_article_get_id (f->article), NULL, &error));
  g_assert_cmpuint (n_items (f), ==, 0);
  g_assert_false (fm_history_can_undo (f->history, fm_article_get_id (f->article)));

  /* Redo everything and arrive where we were. */
  while (fm_history_can_redo (f->history, fm_article_get_id (f->article)))
    g_assert_true (fm_history_redo (f->history, fm_article_get_id (f->article), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (f), ==, 1);
  now = fm_document_lookup (f->document, fm_annotation_get_id (claim));
  g_assert_cmpstr (fm_annotation_get_note (now), ==, "City plan says 2028");
  g_assert_null (fm_document_lookup (f->document, fm_annotation_get_id (source)));
}

static void
test_whitespace_selection (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmAnnotation) a = NULL;

  /* "said " then the space: only white space once trimmed. */
  a = fm_document_new_annotation (f->document, FM_KIND_CLAIM, 14, 15, &error);
  g_assert_null (a);
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
}

static void
test_document_in_range (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(FmAnnotation) claim = mark (f, FM_KIND_CLAIM, "the new bridge will cost $48 million");
  g_autoptr(FmAnnotation) figure = mark (f, FM_KIND_FIGURE, "$48 million");
  g_autoptr(FmAnnotation) source = mark (f, FM_KIND_SOURCE, "the city engineer");
  g_autoptr(GPtrArray) hits = NULL;

  /* In text order, whatever reaches into the range; end exclusive. */
  hits = fm_document_in_range (f->document, fm_annotation_get_end (claim) - 1,
                               fm_annotation_get_start (source) + 1);
  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_true (g_ptr_array_index (hits, 0) == fm_document_lookup (f->document, fm_annotation_get_id (claim)));
  g_assert_true (g_ptr_array_index (hits, 1) == fm_document_lookup (f->document, fm_annotation_get_id (figure)));
  g_assert_true (g_ptr_array_index (hits, 2) == fm_document_lookup (f->document, fm_annotation_get_id (source)));
  g_clear_pointer (&hits, g_ptr_array_unref);

  hits = fm_document_in_range (f->document, fm_annotation_get_end (claim),
                               fm_annotation_get_start (source));
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A long claim starting well before a short figure still reaches it. */
  hits = fm_document_in_range (f->document, fm_annotation_get_start (figure),
                               fm_annotation_get_start (figure) + 1);
  g_assert_cmpuint (hits->len, ==, 2);
}

/* Every position, and one past the end, is where walking the text from
 * its start puts it: lines and columns counted in code points. */
static void
test_document_locate (Fixture       *f,
                      gconstpointer  data)
{
  static const char lines[] = "Première ligne, 12 €\n\nÜber — zwei\nthree\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) article = fm_article_new ();
  g_autoptr(FmArticle) stored = NULL;
  g_autoptr(FmDocument) document = NULL;
  glong length = g_utf8_strlen (lines, -1);
  FmTextWalker walker;

  fm_article_set_text (article, lines);
  stored = fm_store_add_article (f->lib.store, article, NULL, &error);
  g_assert_no_error (error);
  /* Read on this thread, the lines are counted at the first use; read in
   * a thread, they come counted with the document. */
  if (data == NULL)
    document = fm_document_load (f->lib.store, fm_article_get_id (stored), &error);
  else
    {
      g_autoptr(GAsyncResult) result = NULL;

      fm_document_load_async (f->lib.store, fm_article_get_id (stored), NULL, load_done_cb,
                              &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      document = fm_document_load_finish (result, &error);
    }
  g_assert_no_error (error);

  fm_text_walker_init (&walker, lines);
  for (glong offset = 0; offset <= length + 2; offset++)
    {
      guint line, column;

      fm_text_walker_seek (&walker, offset);
      fm_document_locate (document, offset, &line, &column);
      g_assert_cmpuint (line, ==, walker.line);
      g_assert_cmpuint (column, ==, walker.column);
    }
  {
    guint line, column;

    /* The first character of the third line, after the blank one. */
    fm_document_locate (document, g_utf8_strlen ("Première ligne, 12 €\n\n", -1), &line, &column);
    g_assert_cmpuint (line, ==, 3);
    g_assert_cmpuint (column, ==, 1);
  }
}

/* Accepting suggestions adds several annotations in one transaction; the
 * history takes them back, and puts them back, as one step. */
static void
test_record_created (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) found = fm_suggest_text (text, FM_SUGGEST_ALL_KINDS);
  g_autoptr(GPtrArray) created = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  g_assert_cmpuint (found->len, >=, 2);
  g_assert_true (fm_suggest_accept (f->lib.store, f->article, found, &created, &error));
  g_assert_no_error (error);
  n = created->len;
  g_assert_cmpuint (n, >=, 2);
  g_assert_cmpuint (n_items (f), ==, n);
  fm_history_record_created (f->history, created);

  g_assert_true (fm_history_undo (f->history, fm_article_get_id (f->article), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (f), ==, 0);
  g_assert_false (fm_history_can_undo (f->history, fm_article_get_id (f->article)));

  g_assert_true (fm_history_redo (f->history, fm_article_get_id (f->article), NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_items (f), ==, n);
  /* The same annotations come back, ids and attributions too. */
  for (guint i = 0; i < n; i++)
    {
      FmAnnotation *a = g_ptr_array_index (created, i);
      g_autoptr(FmAnnotation) back = fm_store_get_annotation (f->lib.store, fm_annotation_get_id (a),
                                                              &error);

      g_assert_no_error (error);
      g_assert_true (fm_annotation_equal (a, back));
    }
}

/* What the thread found, less what is annotated or rejected; and the
 * document drops a suggestion once it is marked by hand. */
static void
test_suggestions_filtered (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GPtrArray) found = fm_suggest_text (text, FM_SUGGEST_KIND_BIT (FM_KIND_FIGURE));
  g_autoptr(GError) error = NULL;
  g_autoptr(FmAnnotation) figure = NULL;
  GListModel *list;
  guint n = found->len;

  g_assert_cmpuint (n, >=, 1);
  g_assert_true (fm_suggest_reject (f->lib.store, f->article, g_ptr_array_index (found, 0), &error));
  g_assert_no_error (error);
  g_assert_true (fm_suggest_filter (f->lib.store, f->article, found, &error));
  g_assert_cmpuint (found->len, ==, n - 1);

  g_ptr_array_unref (found);
  found = fm_suggest_text (text, FM_SUGGEST_ALL_KINDS);
  g_assert_true (fm_suggest_filter (f->lib.store, f->article, found, &error));
  n = found->len;
  fm_document_set_suggestions (f->document, g_steal_pointer (&found));
  list = fm_document_get_suggestions (f->document);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, n);

  figure = mark (f, FM_KIND_FIGURE, "$48 million");
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(FmSuggestionItem) item = g_list_model_get_item (list, i);

      g_assert_cmpstr (fm_suggestion_item_get_text (item), !=, "$48 million");
    }
}

static gboolean
overlap (glong a_start,
         glong a_end,
         glong b_start,
         glong b_end)
{
  return a_start < b_end && b_start < a_end;
}

/* The rule fm_annotated_index_covers() follows, walking every annotation
 * the plainest way, to check the index that answers it. */
static gboolean
walk_is_annotated (const FmSuggestion *s,
                   GPtrArray          *annotations)
{
  for (guint i = 0; i < annotations->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (annotations, i);
      glong start = fm_annotation_get_start (a), end = fm_annotation_get_end (a);

      if (fm_annotation_get_kind (a) != s->kind || fm_annotation_is_orphan (a))
        continue;
      if (overlap (start, end, s->start, s->end))
        return TRUE;
      if (s->kind != FM_KIND_SOURCE)
        continue;
      if (s->name && fm_annotation_get_name (a)
          && g_utf8_collate (fm_annotation_get_name (a), s->name) == 0)
        return TRUE;
      for (guint m = 0; s->mentions && m < s->mentions->len; m++)
        {
          FmSuggestSpan *span = &g_array_index (s->mentions, FmSuggestSpan, m);

          if (overlap (start, end, span->start, span->end))
            return TRUE;
        }
    }
  return FALSE;
}

/* The filter's index, asked directly and through the filter, gives
 * the answer a walk over every annotation gives: random spans of every
 * kind, nested, touching and apart, orphans among them, against random
 * suggestions. */
static void
test_suggestions_filter_agrees (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261207);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_suggestion_free);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GPtrArray) copies = NULL;
  g_autoptr(GPtrArray) held = NULL;
  g_autoptr(FmAnnotatedIndex) index = NULL;
  g_autoptr(GError) error = NULL;
  glong length = g_utf8_strlen (text, -1);
  guint n_orphans = 0;

  for (guint i = 0; i < 60; i++)
    {
      glong start = g_rand_int_range (rand, 0, length - 1);
      /* MIN() evaluates its arguments twice: draw the width first. */
      glong width = g_rand_int_range (rand, 1, 12);
      glong end = MIN (length, start + width);
      g_autoptr(FmAnnotation) a = fm_document_new_annotation (f->document,
                                                              g_rand_int_range (rand, 0, FM_N_KINDS),
                                                              start, end, &error);

      /* A span of spaces alone is refused, as in the window. */
      if (a == NULL)
        {
          g_clear_error (&error);
          continue;
        }
      if (fm_annotation_get_kind (a) == FM_KIND_SOURCE && i % 3 == 0)
        fm_annotation_set_name (a, i % 2 ? "City Engineer" : "Officials");
      if (i % 11 == 0)
        fm_annotation_orphan (a);
      g_assert_true (fm_store_add_annotation (f->lib.store, a, &error));
      g_assert_no_error (error);
    }
  annotations = fm_store_list_annotations (f->lib.store, fm_article_get_id (f->article), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < annotations->len; i++)
    n_orphans += fm_annotation_is_orphan (g_ptr_array_index (annotations, i));
  g_assert_cmpuint (n_orphans, >, 0);

  index = fm_annotated_index_new (annotations);
  for (guint i = 0; i < 400; i++)
    {
      FmSuggestion *s = fm_suggestion_new (g_rand_int_range (rand, 0, FM_N_KINDS));

      glong width = g_rand_int_range (rand, 1, 6);

      s->start = g_rand_int_range (rand, 0, length - 1);
      s->end = MIN (length, s->start + width);
      s->text = g_utf8_substring (text, s->start, s->end);
      if (s->kind == FM_KIND_SOURCE)
        {
          FmSuggestSpan other = { g_rand_int_range (rand, 0, length - 2), 0 };

          other.end = other.start + 2;
          s->name = g_strdup (i % 5 == 0 ? "city engineer" : i % 7 == 0 ? "Officials" : "Nobody");
          s->mentions = g_array_new (FALSE, FALSE, sizeof (FmSuggestSpan));
          g_array_append_val (s->mentions, other);
        }
      g_assert_cmpint (fm_annotated_index_covers (index, s), ==,
                       walk_is_annotated (s, annotations));
      if (!walk_is_annotated (s, annotations))
        g_ptr_array_add (expected, s);
      g_ptr_array_add (found, s);
    }
  /* Both kinds of answer must occur for the comparison to mean anything. */
  g_assert_cmpuint (expected->len, >, 40);
  g_assert_cmpuint (expected->len, <, found->len - 40);

  /* The window filters against the document's annotations instead. */
  copies = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_suggestion_free);
  for (guint i = 0; i < found->len; i++)
    g_ptr_array_add (copies, fm_suggestion_copy (g_ptr_array_index (found, i)));
  held = fm_document_in_range (f->document, 0, length);
  g_assert_cmpuint (held->len, ==, annotations->len - n_orphans);
  g_assert_true (fm_suggest_filter_against (f->lib.store, f->article, held, copies, &error));
  g_assert_no_error (error);

  g_assert_true (fm_suggest_filter (f->lib.store, f->article, found, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, expected->len);
  g_assert_cmpuint (copies->len, ==, expected->len);
  for (guint i = 0; i < found->len; i++)
    {
      FmSuggestion *copy = g_ptr_array_index (copies, i);

      g_assert_true (g_ptr_array_index (found, i) == g_ptr_array_index (expected, i));
      g_assert_cmpint (copy->start, ==, ((FmSuggestion *) g_ptr_array_index (found, i))->start);
    }
}

#define fixture_test(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  fixture_test ("/document/follows-store", test_document_follows_store);
  fixture_test ("/document/groups", test_document_groups);
  fixture_test ("/document/load-async", test_document_load_async);
  g_test_add ("/document/load-async-after-reading", Fixture, "after", fixture_setup,
              test_document_load_async, fixture_teardown);
  fixture_test ("/document/load-async-new-text", test_document_load_async_new_text);
  fixture_test ("/document/load-async-cancelled", test_document_load_async_cancelled);
  fixture_test ("/document/load-async-gone", test_document_load_async_gone);
  fixture_test ("/document/whitespace-selection", test_whitespace_selection);
  fixture_test ("/document/in-range", test_document_in_range);
  fixture_test ("/document/locate", test_document_locate);
  g_test_add ("/document/locate-read-in-thread", Fixture, "thread", fixture_setup,
              test_document_locate, fixture_teardown);
  fixture_test ("/history/undo-redo", test_undo_redo);
  fixture_test ("/history/record-created", test_record_created);
  fixture_test ("/document/suggestions-filtered", test_suggestions_filtered);
  fixture_test ("/document/suggestions-filter-agrees", test_suggestions_filter_agrees);

  return g_test_run ();
}
