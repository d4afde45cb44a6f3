/* test-store.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fm-search.h"
#include "fm-store-private.h"
#include "fm-text.h"
#include "fm-types.h"
#include "fm-test-utils.h"

typedef struct
{
  FmTestLibrary lib;
  /* Signal counts, to check every change is announced exactly once. */
  guint         article_added;
  guint         article_changed;
  guint         article_removed;
  guint         annotation_added;
  guint         annotation_changed;
  guint         annotation_removed;
} Fixture;

static const char sample_text[] =
  "The mayor said 3,000 people attended. Police said 1,200 people attended.\n\n"
  "“It was the largest rally in a decade,” said organiser Ana Ruiz.";

static void
count_cb (GObject  *object,
          gpointer  arg,
          guint    *counter)
{
  (*counter)++;
}

static void
count2_cb (GObject  *object,
           gint64    a,
           gint64    b,
           guint    *counter)
{
  (*counter)++;
}

static void
connect_counters (Fixture *f)
{
  g_signal_connect (f->lib.store, "article-added", G_CALLBACK (count_cb), &f->article_added);
  g_signal_connect (f->lib.store, "article-changed", G_CALLBACK (count_cb), &f->article_changed);
  g_signal_connect (f->lib.store, "article-removed", G_CALLBACK (count_cb), &f->article_removed);
  g_signal_connect (f->lib.store, "annotation-added", G_CALLBACK (count_cb), &f->annotation_added);
  g_signal_connect (f->lib.store, "annotation-changed", G_CALLBACK (count_cb),
                    &f->annotation_changed);
  g_signal_connect (f->lib.store, "annotation-removed", G_CALLBACK (count2_cb),
                    &f->annotation_removed);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fm_test_library_setup (&f->lib, data);
  connect_counters (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  fm_test_library_teardown (&f->lib, data);
}

static FmArticle *
add_article (Fixture    *f,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) article = fm_article_new ();
  FmArticle *stored;

  fm_article_set_text (article, text);
  fm_article_set_title (article, "Rally");
  fm_article_set_url (article, "https://news.example/rally");
  stored = fm_store_add_article (f->lib.store, article, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (stored);
  return stored;
}

static FmAnnotation *
add_annotation (Fixture    *f,
                FmArticle  *article,
                FmKind      kind,
                const char *quote)
{
  g_autoptr(GError) error = NULL;
  FmAnnotation *annotation = fm_annotation_new (kind);
  glong start, end;

  g_assert_true (fm_text_find_quote (fm_article_get_text (article), quote, 1, &start, &end,
                                     &error));
  fm_annotation_set_article_id (annotation, fm_article_get_id (article));
  g_assert_true (fm_annotation_anchor (annotation, fm_article_get_text (article),
                                       fm_article_get_length (article), start, end, &error));
  fm_annotation_apply_defaults (annotation);
  g_assert_true (fm_store_add_annotation (f->lib.store, annotation, &error));
  g_assert_no_error (error);
  return annotation;
}

/* What the library holds over all its articles, read through the store:
 * "annotations", or the "links" and "evidence" those annotations carry. */
static gint64
count_rows (Fixture    *f,
            const char *what)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) articles = fm_store_list_articles (f->lib.store, &error);
  gint64 n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < articles->len; i++)
    {
      gint64 id = fm_article_get_id (g_ptr_array_index (articles, i));
      g_autoptr(GPtrArray) list = fm_store_list_annotations (f->lib.store, id, &error);

      g_assert_no_error (error);
      for (guint j = 0; j < list->len; j++)
        {
          FmAnnotation *annotation = g_ptr_array_index (list, j);

          if (g_str_equal (what, "annotations"))
            n++;
          else if (g_str_equal (what, "links"))
            n += fm_annotation_get_sources (annotation)->len;
          else if (g_str_equal (what, "evidence"))
            n += fm_annotation_get_evidence (annotation)->len;
          else
            g_assert_not_reached ();
        }
    }
  return n;
}

/* The SQLite settings the library's durability rests on. No store call
 * shows them, as they belong to this backend alone, so they are read from
 * its connection. */
static void
test_pragmas (Fixture       *f,
              gconstpointer  data)
{
  sqlite3 *db = fm_store_get_db (f->lib.store);
  sqlite3_stmt *stmt;

  sqlite3_prepare_v2 (db, "PRAGMA journal_mode", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "wal");
  sqlite3_finalize (stmt);

  sqlite3_prepare_v2 (db, "PRAGMA synchronous", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 2); /* FULL */
  sqlite3_finalize (stmt);

  sqlite3_prepare_v2 (db, "PRAGMA foreign_keys", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 1);
  sqlite3_finalize (stmt);

  sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, FM_STORE_SCHEMA_VERSION);
  sqlite3_finalize (stmt);
}

static void
test_article_crud (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(FmArticle) article = add_article (f, sample_text);
  g_autoptr(FmArticle) again = NULL;
  g_autoptr(FmArticle) by_uuid = NULL;
  g_autoptr(FmArticle) dup_input = fm_article_new ();
  g_autoptr(FmArticle) dup = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gboolean existed = FALSE;

  g_assert_cmpuint (f->article_added, ==, 1);
  g_assert_cmpint (fm_article_get_id (article), >, 0);
  g_assert_nonnull (fm_article_get_uuid (article));
  g_assert_cmpint (fm_article_get_length (article), ==, g_utf8_strlen (sample_text, -1));
  g_assert_cmpuint (strlen (fm_article_get_sha256 (article)), ==, 64);

  again = fm_store_get_article (f->lib.store, fm_article_get_id (article), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fm_article_get_text (again), ==, sample_text);
  g_assert_cmpstr (fm_article_get_title (again), ==, "Rally");

  by_uuid = fm_store_lookup_article (f->lib.store, fm_article_get_uuid (article), &error);
  g_assert_no_error (error);
  g_assert_cmpint (fm_article_get_id (by_uuid), ==, fm_article_get_id (article));

  /* The same text again gives back the same article, with no signal. */
  fm_article_set_text (dup_input, sample_text);
  dup = fm_store_add_article (f->lib.store, dup_input, &existed, &error);
  g_assert_no_error (error);
  g_assert_true (existed);
  g_assert_cmpint (fm_article_get_id (dup), ==, fm_article_get_id (article));
  g_assert_cmpuint (f->article_added, ==, 1);

  fm_article_set_outlet (again, "The Example");
  fm_article_set_title (again, "Rally numbers");
  g_assert_true (fm_store_update_article (f->lib.store, again, &error));
  g_assert_cmpuint (f->article_changed, ==, 1);

  list = fm_store_list_articles (f->lib.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_cmpstr (fm_article_get_outlet (g_ptr_array_index (list, 0)), ==, "The Example");
  g_assert_null (fm_article_get_text (g_ptr_array_index (list, 0)));

  g_assert_true (fm_store_delete_article (f->lib.store, fm_article_get_id (article), &error));
  g_assert_cmpuint (f->article_removed, ==, 1);
  g_assert_null (fm_store_get_article (f->lib.store, fm_article_get_id (article), &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (fm_store_delete_article (f->lib.store, fm_article_get_id (article), &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_NOT_FOUND);
}

static void
test_annotation_crud (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(FmArticle) article = add_article (f, sample_text);
  g_autoptr(FmAnnotation) source = add_annotation (f, article, FM_KIND_SOURCE, "The mayor");
  g_autoptr(FmAnnotation) figure = add_annotation (f, article, FM_KIND_FIGURE, "3,000 people");
  g_autoptr(FmAnnotation) claim = NULL;
  g_autoptr(FmAnnotation) loaded = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpuint (f->annotation_added, ==, 2);
  g_assert_true (fm_annotation_get_has_value (figure));
  g_assert_cmpfloat (fm_annotation_get_value (figure), ==, 3000);
  g_assert_cmpstr (fm_annotation_get_unit (figure), ==, "people");

  claim = add_annotation (f, article, FM_KIND_CLAIM, "It was the largest rally in a decade");
  fm_annotation_set_verdict (claim, FM_VERDICT_UNPROVEN);
  fm_annotation_set_note (claim, "Compare with 2016 figures");
  fm_annotation_add_source (claim, fm_annotation_get_id (source));
  fm_annotation_add_evidence (claim, "https://example.org/report", "Police estimate");
  g_assert_true (fm_store_update_annotation (f->lib.store, claim, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->annotation_changed, ==, 1);

  loaded = fm_store_get_annotation (f->lib.store, fm_annotation_get_id (claim), &error);
  g_assert_no_error (error);
  g_assert_true (fm_annotation_equal (loaded, claim));
  g_assert_cmpstr (fm_annotation_get_prefix (loaded), ==, "e said 1,200 people attended.\n\n“");
  g_assert_cmpstr (fm_annotation_get_suffix (loaded), ==, ",” said organiser Ana Ruiz.");

  list = fm_store_list_annotations (f->lib.store, fm_article_get_id (article), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 3);
  /* Sorted by start. */
  g_assert_cmpint (fm_annotation_get_id (g_ptr_array_index (list, 0)), ==,
                   fm_annotation_get_id (source));
  g_assert_true (fm_annotation_equal (g_ptr_array_index (list, 2), claim));

  /* Deleting the source drops the claim's link and says the claim changed. */
  f->annotation_changed = 0;
  g_assert_true (fm_store_delete_annotation (f->lib.store, fm_annotation_get_id (source), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (f->annotation_removed, ==, 1);
  g_assert_cmpuint (f->annotation_changed, ==, 1);
  g_clear_object (&loaded);
  loaded = fm_store_get_annotation (f->lib.store, fm_annotation_get_id (claim), &error);
  g_assert_cmpuint (fm_annotation_get_sources (loaded)->len, ==, 0);
}

static void
test_restore_with_links (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(FmArticle) article = add_article (f, sample_text);
  g_autoptr(FmAnnotation) source = add_annotation (f, article, FM_KIND_SOURCE, "Police");
  g_autoptr(FmAnnotation) figure = add_annotation (f, article, FM_KIND_FIGURE, "1,200 people");
  g_autoptr(FmAnnotation) snapshot = NULL;
  g_autoptr(FmAnnotation) reloaded = NULL;
  g_autoptr(GArray) linked_from = NULL;
  g_autoptr(GError) error = NULL;

  fm_annotation_add_source (figure, fm_annotation_get_id (source));
  g_assert_true (fm_store_update_annotation (f->lib.store, figure, &error));

  snapshot = fm_annotation_copy (source);
  linked_from = fm_store_list_linked_from (f->lib.store, fm_annotation_get_id (source), &error);
  g_assert_cmpuint (linked_from->len, ==, 1);
  g_assert_true (fm_store_delete_annotation (f->lib.store, fm_annotation_get_id (source), &error));

  /* Undo: the same uuid comes back with the attribution. */
  g_assert_true (fm_store_restore_annotation (f->lib.store, snapshot, linked_from, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (fm_annotation_get_uuid (snapshot), ==, fm_annotation_get_uuid (source));
  reloaded = fm_store_get_annotation (f->lib.store, fm_annotation_get_id (figure), &error);
  g_assert_true (fm_annotation_has_source (reloaded, fm_annotation_get_id (snapshot)));
}

static void
test_validation (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(FmArticle) article = add_article (f, sample_text);
  g_autoptr(FmArticle) other = add_article (f, "A different article about 5 things.");
  g_autoptr(FmAnnotation) foreign_source = add_annotation (f, other, FM_KIND_SOURCE, "A different");
  g_autoptr(FmAnnotation) bad = fm_annotation_new (FM_KIND_CLAIM);
  g_autoptr(GError) error = NULL;
  gint64 before = count_rows (f, "annotations");

  fm_annotation_set_article_id (bad, fm_article_get_id (article));
  g_assert_false (fm_annotation_anchor (bad, fm_article_get_text (article),
                                        fm_article_get_length (article), 10, 10000, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  g_clear_error (&error);

  /* A span set directly past the end is refused by the store as well. */
  fm_annotation_set_span (bad, 10, 100000);
  fm_annotation_set_quote (bad, "x", "", "");
  g_assert_false (fm_store_add_annotation (f->lib.store, bad, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  g_clear_error (&error);

  /* A source from another article cannot be attributed. */
  g_assert_true (fm_annotation_anchor (bad, fm_article_get_text (article),
                                       fm_article_get_length (article), 0, 9, &error));
  fm_annotation_add_source (bad, fm_annotation_get_id (foreign_source));
  g_assert_false (fm_store_add_annotation (f->lib.store, bad, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  g_clear_error (&error);

  /* Nor can a figure be an opinion. */
  fm_annotation_remove_source (bad, fm_annotation_get_id (foreign_source));
  fm_annotation_set_kind (bad, FM_KIND_FIGURE);
  fm_annotation_set_verdict (bad, FM_VERDICT_OPINION);
  g_assert_false (fm_store_add_annotation (f->lib.store, bad, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);

  g_assert_cmpint (count_rows (f, "annotations"), ==, before);
  g_assert_cmpint (count_rows (f, "links"), ==, 0);
}

static void
test_orphans_and_revisions (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(FmArticle) article = add_article (f, sample_text);
  g_autoptr(FmAnnotation) claim = add_annotation (f, article, FM_KIND_CLAIM, "3,000 people");
  g_autoptr(FmAnnotation) source = add_annotation (f, article, FM_KIND_SOURCE, "Police");
  g_autoptr(FmAnnotation) kept = NULL;
  g_autoptr(FmAnnotation) lost = NULL;
  g_autoptr(GPtrArray) updated = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(FmArticle) after = NULL;
  g_autofree char *first = NULL;
  g_autoptr(GError) error = NULL;
  const char *new_text = "The mayor said 3,500 people attended.";
  guint changed = 0;

  g_signal_connect (f->lib.store, "article-text-changed", G_CALLBACK (count_cb), &changed);

  /* The claim moves onto the corrected figure; the source is gone. */
  kept = fm_annotation_copy (claim);
  fm_annotation_set_span (kept, 15, 27);
  fm_annotation_set_original_quote (kept, fm_annotation_get_quote (claim));
  fm_annotation_set_quote (kept, "3,500 people", "The mayor said ", " attended.");
  fm_annotation_set_state (kept, FM_ANCHOR_CHANGED);
  fm_annotation_set_confirmed (kept, FALSE);
  lost = fm_annotation_copy (source);
  fm_annotation_orphan (lost);
  g_ptr_array_add (updated, g_object_ref (kept));
  g_ptr_array_add (updated, g_object_ref (lost));

  g_assert_true (fm_store_update_text (f->lib.store, fm_article_get_id (article), new_text,
                                       "rally-v2.txt", updated, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed, ==, 1);

  after = fm_store_get_article (f->lib.store, fm_article_get_id (article), &error);
  g_assert_cmpstr (fm_article_get_text (after), ==, new_text);
  revisions = fm_store_list_revisions (f->lib.store, fm_article_get_id (article), &error);
  g_assert_cmpuint (revisions->len, ==, 2);
  first = fm_store_get_revision_text (f->lib.store,
                                      ((FmRevision *) g_ptr_array_index (revisions, 0))->id, &error);
  g_assert_cmpstr (first, ==, sample_text);
  g_assert_cmpstr (((FmRevision *) g_ptr_array_index (revisions, 1))->origin, ==, "rally-v2.txt");

  {
    g_autoptr(FmAnnotation) c = fm_store_get_annotation (f->lib.store, fm_annotation_get_id (claim), NULL);
    g_autoptr(FmAnnotation) o = fm_store_get_annotation (f->lib.store, fm_annotation_get_id (source), NULL);

    g_assert_cmpint (fm_annotation_get_state (c), ==, FM_ANCHOR_CHANGED);
    g_assert_cmpstr (fm_annotation_get_original_quote (c), ==, "3,000 people");
    g_assert_false (fm_annotation_get_confirmed (c));
    g_assert_true (fm_annotation_is_orphan (o));
    g_assert_cmpint (fm_annotation_get_start (o), ==, -1);
    /* The orphan keeps its quote and everything else. */
    g_assert_cmpstr (fm_annotation_get_quote (o), ==, "Police");
  }

  /* A span past the end of the new text is refused, and nothing changes. */
  fm_annotation_set_span (kept, 30, 90);
  g_assert_false (fm_store_update_text (f->lib.store, fm_article_get_id (article), "Short text.",
                                        NULL, updated, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  g_clear_pointer (&revisions, g_ptr_array_unref);
  revisions = fm_store_list_revisions (f->lib.store, fm_article_get_id (article), NULL);
  g_assert_cmpuint (revisions->len, ==, 2);
}

static void
test_batch_is_atomic (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(FmArticle) article = add_article (f, sample_text);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  const char *quotes[] = { "The mayor", "3,000 people", "Police" };
  guint added_before = f->annotation_added;

  for (guint i = 0; i < G_N_ELEMENTS (quotes); i++)
    {
      FmAnnotation *a = fm_annotation_new (i == 1 ? FM_KIND_FIGURE : FM_KIND_SOURCE);
      glong start, end;

      g_assert_true (fm_text_find_quote (sample_text, quotes[i], 1, &start, &end, NULL));
      fm_annotation_set_article_id (a, fm_article_get_id (article));
      g_assert_true (fm_annotation_anchor (a, sample_text, fm_article_get_length (article), start,
                                           end, NULL));
      g_ptr_array_add (batch, a);
    }

  /* One bad annotation, and none of the three is kept. */
  fm_annotation_set_verdict (g_ptr_array_index (batch, 2), FM_VERDICT_FALSE);
  g_assert_false (fm_store_add_annotations (f->lib.store, batch, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_rows (f, "annotations"), ==, 0);
  g_assert_cmpint (fm_annotation_get_id (g_ptr_array_index (batch, 0)), ==, 0);
  g_assert_cmpuint (f->annotation_added, ==, added_before);

  /* Put right, all three go in together and each is announced. */
  fm_annotation_set_verdict (g_ptr_array_index (batch, 2), FM_VERDICT_UNVERIFIED);
  g_assert_true (fm_store_add_annotations (f->lib.store, batch, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count_rows (f, "annotations"), ==, 3);
  g_assert_cmpuint (f->annotation_added, ==, added_before + 3);
}

static void
test_source_kind_locked (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(FmArticle) article = add_article (f, sample_text);
  g_autoptr(FmAnnotation) source = add_annotation (f, article, FM_KIND_SOURCE, "Police");
  g_autoptr(FmAnnotation) claim = add_annotation (f, article, FM_KIND_CLAIM, "3,000 people");
  g_autoptr(GError) error = NULL;

  fm_annotation_add_source (claim, fm_annotation_get_id (source));
  g_assert_true (fm_store_update_annotation (f->lib.store, claim, &error));
  fm_annotation_set_kind (source, FM_KIND_CLAIM);
  g_assert_false (fm_store_update_annotation (f->lib.store, source, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
}

static void
test_cascade (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(FmArticle) article = add_article (f, sample_text);
  g_autoptr(FmAnnotation) source = add_annotation (f, article, FM_KIND_SOURCE, "Police");
  g_autoptr(FmAnnotation) claim = add_annotation (f, article, FM_KIND_CLAIM, "3,000 people");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GArray) linked_from = NULL;
  g_autoptr(GError) error = NULL;

  fm_annotation_add_source (claim, fm_annotation_get_id (source));
  fm_annotation_add_evidence (claim, "https://example.org/a", NULL);
  fm_annotation_add_evidence (claim, "https://example.org/b", "second");
  g_assert_true (fm_store_update_annotation (f->lib.store, claim, &error));
  g_assert_cmpint (count_rows (f, "links"), ==, 1);
  g_assert_cmpint (count_rows (f, "evidence"), ==, 2);

  g_assert_true (fm_store_delete_article (f->lib.store, fm_article_get_id (article), &error));
  /* Asked for by the ids they had, nothing of them is left. */
  list = fm_store_list_annotations (f->lib.store, fm_article_get_id (article), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  linked_from = fm_store_list_linked_from (f->lib.store, fm_annotation_get_id (source), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (linked_from->len, ==, 0);
  g_assert_null (fm_store_get_annotation (f->lib.store, fm_annotation_get_id (claim), &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_NOT_FOUND);
}

static void
test_reopen (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(FmArticle) article = add_article (f, sample_text);
  g_autoptr(FmAnnotation) claim = add_annotation (f, article, FM_KIND_CLAIM, "Police said");
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;

  fm_annotation_set_note (claim, "Kept across a restart ✓");
  g_assert_true (fm_store_update_annotation (f->lib.store, claim, &error));

  g_clear_object (&f->lib.store);
  f->lib.store = fm_store_open (f->lib.path, &error);
  g_assert_no_error (error);

  list = fm_store_list_annotations (f->lib.store, fm_article_get_id (article), &error);
  g_assert_cmpuint (list->len, ==, 1);
  g_assert_true (fm_annotation_equal (g_ptr_array_index (list, 0), claim));
  g_assert_cmpstr (fm_annotation_get_uuid (g_ptr_array_index (list, 0)), ==,
                   fm_annotation_get_uuid (claim));
}

/* The store keeps rejections as they are given: one per kind, text and
 * context, and for their article only. */
static void
test_rejections (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(FmArticle) article = add_article (f, sample_text);
  g_autoptr(FmArticle) other = add_article (f, "Another article, about nothing much.");
  gint64 id = fm_article_get_id (article);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  FmRejection *r;

  g_assert_true (fm_store_add_rejection (f->lib.store, id, FM_KIND_FIGURE, "3,000", "mayor said ",
                                         " people", &error));
  g_assert_no_error (error);
  /* The same rejection again changes nothing. */
  g_assert_true (fm_store_add_rejection (f->lib.store, id, FM_KIND_FIGURE, "3,000", "mayor said ",
                                         " people", &error));
  g_assert_true (fm_store_add_rejection (f->lib.store, id, FM_KIND_SOURCE, "Ana Ruiz", "", "",
                                         &error));
  g_assert_no_error (error);

  list = fm_store_list_rejections (f->lib.store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  for (guint i = 0; i < list->len; i++)
    {
      r = g_ptr_array_index (list, i);
      if (r->kind == FM_KIND_FIGURE)
        {
          g_assert_cmpstr (r->text, ==, "3,000");
          g_assert_cmpstr (r->prefix, ==, "mayor said ");
          g_assert_cmpstr (r->suffix, ==, " people");
        }
      else
        {
          g_assert_cmpint (r->kind, ==, FM_KIND_SOURCE);
          g_assert_cmpstr (r->text, ==, "Ana Ruiz");
          g_assert_cmpstr (r->prefix, ==, "");
        }
    }
  g_clear_pointer (&list, g_ptr_array_unref);

  list = fm_store_list_rejections (f->lib.store, fm_article_get_id (other), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 0);
  g_clear_pointer (&list, g_ptr_array_unref);

  /* A read-only copy refuses to keep one, and keeps what it had. */
  fm_store_set_read_only (f->lib.store, TRUE);
  g_assert_false (fm_store_add_rejection (f->lib.store, id, FM_KIND_CLAIM, "largest rally", "", "",
                                          &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  g_clear_error (&error);
  list = fm_store_list_rejections (f->lib.store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
}

/* Builds a library at every earlier schema version, with data in it where
 * the schema has tables, and checks that opening it migrates cleanly. */
static void
test_migrations (void)
{
  for (int version = 0; version < FM_STORE_SCHEMA_VERSION; version++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FmTestLibrary) library = fm_test_library_new ();
      g_autofree char *path = fm_test_library_build_path (library, "old.db");
      g_autoptr(FmStore) store = NULL;
      g_autoptr(GPtrArray) articles = NULL;
      sqlite3 *db;

      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      g_assert_true (fm_store_migrate (db, version, &error));
      g_assert_no_error (error);
      if (version >= 1)
        g_assert_cmpint (sqlite3_exec (db,
                                       "INSERT INTO articles (uuid, title, imported, text, sha256,"
                                       " length) VALUES ('00000000-0000-4000-8000-000000000001',"
                                       " 'Old', 1, 'old text here', 'x', 13);"
                                       "INSERT INTO annotations (id, uuid, article_id, kind, start,"
                                       " \"end\", quote, created, modified) VALUES"
                                       " (7, '00000000-0000-4000-8000-000000000002', 1, 'source',"
                                       " 0, 3, 'old', 1, 1),"
                                       " (9, '00000000-0000-4000-8000-000000000003', 1, 'claim',"
                                       " 4, 8, 'text', 1, 1);"
                                       "INSERT INTO links VALUES (9, 7, 0);"
                                       "INSERT INTO evidence (annotation_id, position, url) VALUES"
                                       " (9, 0, 'https://example.org/');",
                                       NULL, NULL, NULL), ==, SQLITE_OK);
      sqlite3_close (db);

      store = fm_store_open (path, &error);
      g_assert_no_error (error);
      articles = fm_store_list_articles (store, &error);
      g_assert_cmpuint (articles->len, ==, version >= 1 ? 1 : 0);
      if (version >= 1)
        {
          /* Annotations keep their ids, links and evidence across the
           * rebuild of their table, and start out unchanged. */
          g_autoptr(FmAnnotation) claim = fm_store_get_annotation (store, 9, &error);

          g_assert_no_error (error);
          g_assert_cmpstr (fm_annotation_get_quote (claim), ==, "text");
          g_assert_true (fm_annotation_has_source (claim, 7));
          g_assert_cmpuint (fm_annotation_get_evidence (claim)->len, ==, 1);
          g_assert_cmpint (fm_annotation_get_state (claim), ==, FM_ANCHOR_UNCHANGED);
          g_assert_true (fm_annotation_get_confirmed (claim));
        }

      /* Version 5 indexes what the library already held for search. */
      if (version >= 1)
        {
          g_autoptr(GPtrArray) hits = fm_store_search (store, "text", NULL, 10, &error);

          g_assert_no_error (error);
          /* The claim's quote and the article's own words. */
          g_assert_cmpuint (hits->len, ==, 2);
        }

      /* Version 4 keeps rejected suggestions, empty after the upgrade, and
       * deletes them with their article. */
      {
        g_autoptr(GPtrArray) rejections = fm_store_list_rejections (store, 1, &error);

        g_assert_no_error (error);
        g_assert_cmpuint (rejections->len, ==, 0);
        if (version >= 1)
          {
            g_assert_true (fm_store_add_rejection (store, 1, FM_KIND_FIGURE, "3,000", "", "",
                                                   &error));
            g_assert_no_error (error);
            g_assert_true (fm_store_delete_article (store, 1, &error));
            g_clear_pointer (&rejections, g_ptr_array_unref);
            rejections = fm_store_list_rejections (store, 1, &error);
            g_assert_no_error (error);
            g_assert_cmpuint (rejections->len, ==, 0);
          }
      }
    }
}

static void
test_newer_schema (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmTestLibrary) library = fm_test_library_new ();
  g_autofree char *path = fm_test_library_build_path (library, "new.db");
  g_autoptr(FmStore) store = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sqlite3_exec (db, "PRAGMA user_version = 99", NULL, NULL, NULL);
  sqlite3_close (db);

  store = fm_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, FM_ERROR, FM_ERROR_NEWER_SCHEMA);
}

static void
test_not_a_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmTestLibrary) library = fm_test_library_new ();
  g_autofree char *path = fm_test_library_build_path (library, "garbage.db");
  g_autofree char *after = NULL;
  g_autoptr(FmStore) store = NULL;
  char garbage[8192];
  gsize len;

  for (guint i = 0; i < sizeof garbage; i++)
    garbage[i] = (char) (i * 7919 % 251);
  g_assert_true (g_file_set_contents (path, garbage, sizeof garbage, NULL));

  store = fm_store_open (path, &error);
  g_assert_null (store);
  g_assert_error (error, FM_ERROR, FM_ERROR_CORRUPT);

  /* The file is left exactly as it was. */
  g_assert_true (g_file_get_contents (path, &after, &len, NULL));
  g_assert_cmpuint (len, ==, sizeof garbage);
  g_assert_cmpmem (after, len, garbage, sizeof garbage);
}

/* The article finds an offset through the positions it keeps, and gives
 * what a walk from the start gives, at every offset of a text long enough
 * to use them and written in one-, two-, three- and four-byte characters;
 * and anchoring through it matches anchoring on the whole text. */
static void
test_text_at_offset (void)
{
  g_autoptr(FmArticle) article = fm_article_new ();
  g_autoptr(GString) text = g_string_new (NULL);
  glong length;

  for (guint i = 0; i < 900; i++)
    g_string_append (text, i % 7 == 0 ? "\n" : i % 3 ? "a é " : "€ 𝔸 ");
  fm_article_set_text (article, text->str);
  length = fm_article_get_length (article);
  g_assert_cmpint (length, >, 2000);

  for (glong offset = 0; offset <= length; offset++)
    g_assert_cmpint (fm_article_get_text_at (article, offset) - fm_article_get_text (article), ==,
                     g_utf8_offset_to_pointer (text->str, offset) - text->str);

  for (glong start = 0; start + 9 <= length; start += 97)
    {
      g_autoptr(FmAnnotation) walked = fm_annotation_new (FM_KIND_CLAIM);
      g_autoptr(FmAnnotation) found = fm_annotation_new (FM_KIND_CLAIM);
      g_autoptr(GError) error = NULL;

      g_assert_true (fm_annotation_anchor (walked, text->str, length, start, start + 9, &error));
      g_assert_true (fm_annotation_anchor_in (found, article, start, start + 9, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (fm_annotation_get_quote (found), ==, fm_annotation_get_quote (walked));
      g_assert_cmpstr (fm_annotation_get_prefix (found), ==, fm_annotation_get_prefix (walked));
      g_assert_cmpstr (fm_annotation_get_suffix (found), ==, fm_annotation_get_suffix (walked));
      g_assert_cmpint (fm_annotation_get_start (found), ==, start);
    }

  /* A new text drops the positions of the old one. */
  fm_article_set_text (article, "€ short");
  g_assert_cmpstr (fm_article_get_text_at (article, 2), ==, "short");
}

#define fixture_test(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  fixture_test ("/store/pragmas", test_pragmas);
  fixture_test ("/store/article/crud", test_article_crud);
  fixture_test ("/store/annotation/crud", test_annotation_crud);
  fixture_test ("/store/annotation/restore", test_restore_with_links);
  fixture_test ("/store/annotation/validation", test_validation);
  fixture_test ("/store/cascade", test_cascade);
  fixture_test ("/store/revisions-and-orphans", test_orphans_and_revisions);
  fixture_test ("/store/source-kind-locked", test_source_kind_locked);
  fixture_test ("/store/batch-is-atomic", test_batch_is_atomic);
  fixture_test ("/store/reopen", test_reopen);
  fixture_test ("/store/rejections", test_rejections);
  g_test_add_func ("/store/migrations", test_migrations);
  g_test_add_func ("/store/text-at-offset", test_text_at_offset);
  g_test_add_func ("/store/newer-schema", test_newer_schema);
  g_test_add_func ("/store/not-a-database", test_not_a_database);

  return g_test_run ();
}
