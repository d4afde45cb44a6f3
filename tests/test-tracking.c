/* test-tracking.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fm-facts.h"
#include "fm-search.h"
#include "fm-sources.h"
#include "fm-store.h"
#include "fm-text.h"
#include "fm-tracked.h"
#include "fm-test-utils.h"

/* Facts tracked across articles: library sources, merged, renamed, split
 * and undone without losing a mention; the merges Factmark proposes; and
 * claims linked into one tracked claim that shares its verdict, note and
 * evidence. */

static const char first_text[] =
  "The Korean Central News Agency (KCNA) said the launch was a success. "
  "Kim Jong Un watched it. Inflation rose to 4.1 percent, Biden said.";
static const char second_text[] =
  "KCNA reported the test on Sunday. Kim said it would go on. "
  "Joe Biden said inflation had risen to 4.1 percent. The agency gave no figures.";
static const char third_text[] =
  "Korean Central News Agency called the launch a success, and Kim agreed.";

typedef struct
{
  FmTestLibrary lib;
  FmArticle    *first;
  FmArticle    *second;
  FmArticle    *third;
} Fixture;



static FmAnnotation *
source (Fixture      *f,
        FmArticle    *article,
        const char   *quote,
        FmSourceType  type)
{
  g_autoptr(GError) error = NULL;
  FmAnnotation *s = fm_test_annotate (f->lib.store, article, FM_KIND_SOURCE, quote);

  fm_annotation_set_source_type (s, type);
  g_assert_true (fm_store_update_annotation (f->lib.store, s, &error));
  g_assert_no_error (error);
  return s;
}

/* Attributes @claim to @from, with @verdict. */
static void
attribute (Fixture      *f,
           FmAnnotation *claim,
           FmAnnotation *from,
           FmVerdict     verdict)
{
  g_autoptr(GError) error = NULL;

  fm_annotation_add_source (claim, fm_annotation_get_id (from));
  fm_annotation_set_verdict (claim, verdict);
  g_assert_true (fm_store_update_annotation (f->lib.store, claim, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fm_test_library_setup (&f->lib, data);
  f->first = fm_test_add_article (f->lib.store, "Launch", first_text);
  f->second = fm_test_add_article (f->lib.store, "Test", second_text);
  f->third = fm_test_add_article (f->lib.store, "Agency", third_text);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->first);
  g_clear_object (&f->second);
  g_clear_object (&f->third);
  fm_test_library_teardown (&f->lib, data);
}

static FmLibrarySource *
find_source (Fixture    *f,
             const char *name)
{
  g_autoptr(GError) error = NULL;
  FmLibrarySource *s = fm_store_get_library_source (f->lib.store, name, &error);

  if (s == NULL)
    g_assert_error (error, FM_ERROR, FM_ERROR_NOT_FOUND);
  return s;
}

static guint
n_sources (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) sources = fm_store_list_library_sources (f->lib.store, &error);

  g_assert_no_error (error);
  return sources->len;
}

static gboolean
has_merge (GPtrArray           *merges,
           const char          *name,
           const char          *other,
           FmSourceMergeReason  reason)
{
  for (guint i = 0; i < merges->len; i++)
    {
      FmSourceMerge *m = g_ptr_array_index (merges, i);

      if (m->reason == reason
          && ((g_str_equal (m->name, name) && g_str_equal (m->other_name, other))
              || (g_str_equal (m->name, other) && g_str_equal (m->other_name, name))))
        return TRUE;
    }
  return FALSE;
}

/* The same name in any case or spacing is one source; its mentions,
 * articles and verdicts add up across articles. */
static void
test_grouping (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(FmAnnotation) a = source (f, f->first, "Kim Jong Un", FM_SOURCE_TYPE_PERSON);
  g_autoptr(FmAnnotation) b = source (f, f->second, "Kim", FM_SOURCE_TYPE_PERSON);
  g_autoptr(FmAnnotation) c = source (f, f->third, "Kim", FM_SOURCE_TYPE_PERSON);
  g_autoptr(FmAnnotation) claim1 = fm_test_annotate (f->lib.store, f->second, FM_KIND_CLAIM, "it would go on");
  g_autoptr(FmAnnotation) claim2 = fm_test_annotate (f->lib.store, f->third, FM_KIND_CLAIM, "called the launch a success");
  g_autoptr(FmLibrarySource) kim = NULL;
  g_autofree char *record = NULL;

  attribute (f, claim1, b, FM_VERDICT_FALSE);
  attribute (f, claim2, c, FM_VERDICT_UNVERIFIED);
  kim = find_source (f, "  KIM ");
  g_assert_nonnull (kim);
  g_assert_cmpstr (fm_library_source_get_name (kim), ==, "Kim");
  g_assert_cmpuint (fm_library_source_get_n_mentions (kim), ==, 2);
  g_assert_cmpuint (fm_library_source_get_n_articles (kim), ==, 2);
  g_assert_cmpuint (fm_library_source_get_n_claims (kim), ==, 2);
  g_assert_cmpuint (fm_library_source_get_tally (kim, FM_VERDICT_FALSE), ==, 1);
  record = fm_library_source_dup_record (kim);
  g_assert_cmpstr (record, ==, "False 1, Not checked 1");
  g_assert_cmpuint (n_sources (f), ==, 2);
  (void) a;
}

/* Acronyms, surnames and near-identical names are proposed, each pair
 * once; a description like "the agency" is not; a declined pair is not
 * proposed again. */
static void
test_proposals (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(FmAnnotation) s1 = source (f, f->first, "The Korean Central News Agency (KCNA)",
                                       FM_SOURCE_TYPE_STATE_MEDIA);
  g_autoptr(FmAnnotation) s2 = source (f, f->second, "KCNA", FM_SOURCE_TYPE_STATE_MEDIA);
  g_autoptr(FmAnnotation) s3 = source (f, f->third, "Korean Central News Agency",
                                       FM_SOURCE_TYPE_STATE_MEDIA);
  g_autoptr(FmAnnotation) s4 = source (f, f->first, "Biden", FM_SOURCE_TYPE_PERSON);
  g_autoptr(FmAnnotation) s5 = source (f, f->second, "Joe Biden", FM_SOURCE_TYPE_PERSON);
  g_autoptr(FmAnnotation) s6 = source (f, f->second, "The agency", FM_SOURCE_TYPE_STATE_MEDIA);
  g_autoptr(GPtrArray) merges = NULL;
  g_autoptr(GPtrArray) again = NULL;
  g_autoptr(GError) error = NULL;

  merges = fm_store_propose_source_merges (f->lib.store, &error);
  g_assert_no_error (error);
  g_assert_true (has_merge (merges, "The Korean Central News Agency (KCNA)", "KCNA",
                            FM_SOURCE_MERGE_ACRONYM));
  g_assert_true (has_merge (merges, "The Korean Central News Agency (KCNA)",
                            "Korean Central News Agency", FM_SOURCE_MERGE_ACRONYM));
  g_assert_true (has_merge (merges, "Korean Central News Agency", "KCNA",
                            FM_SOURCE_MERGE_ACRONYM));
  g_assert_true (has_merge (merges, "Joe Biden", "Biden", FM_SOURCE_MERGE_SURNAME));
  for (guint i = 0; i < merges->len; i++)
    {
      FmSourceMerge *m = g_ptr_array_index (merges, i);

      g_assert_cmpstr (m->name, !=, "The agency");
      g_assert_cmpstr (m->other_name, !=, "The agency");
    }
  g_assert_cmpuint (merges->len, ==, 4);

  g_assert_true (fm_store_dismiss_source_merge (f->lib.store, "joe biden", "biden", &error));
  g_assert_no_error (error);
  again = fm_store_propose_source_merges (f->lib.store, &error);
  g_assert_false (has_merge (again, "Joe Biden", "Biden", FM_SOURCE_MERGE_SURNAME));
  g_assert_cmpuint (again->len, ==, 3);
  (void) s1, (void) s2, (void) s3, (void) s4, (void) s5, (void) s6;
}

/* Near-identical spellings are proposed as the same name. */
static void
test_same_name (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(FmAnnotation) s1 = source (f, f->first, "Kim Jong Un", FM_SOURCE_TYPE_PERSON);
  g_autoptr(GPtrArray) merges = NULL;
  g_autoptr(GError) error = NULL;

  fm_annotation_set_name (s1, "Kim Jong-Un");
  g_assert_true (fm_store_update_annotation (f->lib.store, s1, &error));
  {
    g_autoptr(FmAnnotation) s2 = source (f, f->third, "Kim", FM_SOURCE_TYPE_PERSON);

    fm_annotation_set_name (s2, "Kim Jŏng Un");
    g_assert_true (fm_store_update_annotation (f->lib.store, s2, &error));
  }
  merges = fm_store_propose_source_merges (f->lib.store, &error);
  g_assert_no_error (error);
  g_assert_true (has_merge (merges, "Kim Jong-Un", "Kim Jŏng Un", FM_SOURCE_MERGE_SAME_NAME));
}

/* A merge makes one source of two, under the first's name; undo brings
 * both back exactly; no mention is ever lost. */
static void
test_merge_undo (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(FmAnnotation) s1 = source (f, f->first, "The Korean Central News Agency (KCNA)",
                                       FM_SOURCE_TYPE_STATE_MEDIA);
  g_autoptr(FmAnnotation) s2 = source (f, f->second, "KCNA", FM_SOURCE_TYPE_STATE_MEDIA);
  g_autoptr(FmAnnotation) claim = fm_test_annotate (f->lib.store, f->second, FM_KIND_CLAIM, "reported the test");
  g_autoptr(FmSourceChange) change = NULL;
  g_autoptr(FmLibrarySource) merged = NULL;
  g_autoptr(FmLibrarySource) gone = NULL;
  g_autoptr(FmAnnotation) reread = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GError) error = NULL;
  const char *name = "The Korean Central News Agency (KCNA)";

  attribute (f, claim, s2, FM_VERDICT_TRUE);
  change = fm_store_merge_sources (f->lib.store, name, "KCNA", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fm_source_change_get_n_mentions (change), ==, 1);
  g_assert_cmpuint (n_sources (f), ==, 1);
  merged = find_source (f, name);
  g_assert_cmpuint (fm_library_source_get_n_mentions (merged), ==, 2);
  g_assert_cmpstr (fm_library_source_get_aliases (merged), ==, "KCNA");
  g_assert_cmpuint (fm_library_source_get_tally (merged, FM_VERDICT_TRUE), ==, 1);
  claims = fm_store_list_source_claims (f->lib.store, merged, 0, &error);
  g_assert_cmpuint (claims->len, ==, 1);
  g_assert_cmpint (fm_annotation_get_id (fm_fact_get_annotation (g_ptr_array_index (claims, 0))),
                   ==, fm_annotation_get_id (claim));
  /* The mention keeps its own name as written; only its entity moved. */
  reread = fm_store_get_annotation (f->lib.store, fm_annotation_get_id (s2), &error);
  g_assert_cmpstr (fm_annotation_get_display_name (reread), ==, "KCNA");
  g_assert_cmpstr (fm_annotation_get_entity (reread), ==, name);

  /* The Facts view lists the claim under the library's name for its source,
   * and finds the mention by that name too. */
  {
    FmFactsFilter filter = FM_FACTS_FILTER_ANY;
    g_autoptr(GPtrArray) facts = NULL;

    filter.source = "central news";
    facts = fm_store_list_facts (f->lib.store, &filter, &error);
    g_assert_cmpuint (facts->len, ==, 3);
    for (guint i = 0; i < facts->len; i++)
      if (fm_annotation_get_kind (fm_fact_get_annotation (g_ptr_array_index (facts, i)))
          == FM_KIND_CLAIM)
        g_assert_cmpstr (fm_fact_get_sources (g_ptr_array_index (facts, i)), ==, name);
  }

  /* Search narrowed by the library's name finds what the mention said. */
  {
    FmSearchFilter filter = FM_SEARCH_FILTER_ANY;
    g_autoptr(GPtrArray) hits = NULL;

    filter.source = "central news";
    hits = fm_store_search (f->lib.store, "reported", &filter, 10, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (hits->len, ==, 1);
    g_assert_cmpint (((FmSearchHit *) g_ptr_array_index (hits, 0))->annotation_id, ==,
                     fm_annotation_get_id (claim));
  }

  g_assert_true (fm_store_undo_source_change (f->lib.store, change, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_sources (f), ==, 2);
  gone = find_source (f, "KCNA");
  g_assert_cmpuint (fm_library_source_get_n_mentions (gone), ==, 1);
  g_clear_object (&reread);
  reread = fm_store_get_annotation (f->lib.store, fm_annotation_get_id (s2), &error);
  g_assert_null (fm_annotation_get_entity (reread));
}

/* Splitting gives some mentions a source of their own; renaming into an
 * existing name joins the two; bad names change nothing. */
static void
test_split_rename (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(FmAnnotation) a = source (f, f->second, "Kim", FM_SOURCE_TYPE_PERSON);
  g_autoptr(FmAnnotation) b = source (f, f->third, "Kim", FM_SOURCE_TYPE_PERSON);
  g_autoptr(FmAnnotation) c = source (f, f->first, "Kim Jong Un", FM_SOURCE_TYPE_PERSON);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(FmSourceChange) split = NULL;
  g_autoptr(FmSourceChange) rename = NULL;
  g_autoptr(FmSourceChange) bad = NULL;
  g_autoptr(FmLibrarySource) kim = NULL;
  g_autoptr(FmLibrarySource) yo = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id = fm_annotation_get_id (b);

  g_array_append_val (ids, id);
  split = fm_store_split_source (f->lib.store, ids, "Kim Yo Jong", &error);
  g_assert_no_error (error);
  kim = find_source (f, "Kim");
  yo = find_source (f, "kim yo jong");
  g_assert_cmpuint (fm_library_source_get_n_mentions (kim), ==, 1);
  g_assert_cmpuint (fm_library_source_get_n_mentions (yo), ==, 1);

  rename = fm_store_rename_source (f->lib.store, "Kim", "Kim Jong Un", &error);
  g_assert_no_error (error);
  g_clear_object (&kim);
  kim = find_source (f, "Kim Jong Un");
  g_assert_cmpuint (fm_library_source_get_n_mentions (kim), ==, 2);
  g_assert_cmpuint (n_sources (f), ==, 2);

  bad = fm_store_rename_source (f->lib.store, "Kim Jong Un", "   ", &error);
  g_assert_null (bad);
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  g_clear_error (&error);
  bad = fm_store_merge_sources (f->lib.store, "Kim Jong Un", "KIM JONG UN", &error);
  g_assert_null (bad);
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  g_clear_error (&error);
  bad = fm_store_rename_source (f->lib.store, "Nobody", "Somebody", &error);
  g_assert_error (error, FM_ERROR, FM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_array_set_size (ids, 0);
  bad = fm_store_split_source (f->lib.store, ids, "X", &error);
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  g_assert_cmpuint (n_sources (f), ==, 2);
  (void) a, (void) c;
}

/* A merge and its undo are announced for every mention, so open windows
 * follow. */
static void
count_changed_cb (FmStore      *store,
                  FmAnnotation *annotation,
                  guint        *count)
{
  (*count)++;
}

static void
test_merge_signals (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(FmAnnotation) a = source (f, f->second, "KCNA", FM_SOURCE_TYPE_STATE_MEDIA);
  g_autoptr(FmAnnotation) b = source (f, f->third, "Korean Central News Agency",
                                      FM_SOURCE_TYPE_STATE_MEDIA);
  g_autoptr(FmSourceChange) change = NULL;
  g_autoptr(GError) error = NULL;
  guint count = 0;
  gulong id = g_signal_connect (f->lib.store, "annotation-changed",
                                G_CALLBACK (count_changed_cb), &count);

  change = fm_store_merge_sources (f->lib.store, "Korean Central News Agency", "KCNA", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (count, ==, 1);
  g_assert_true (fm_store_undo_source_change (f->lib.store, change, &error));
  g_assert_cmpuint (count, ==, 2);
  g_signal_handler_disconnect (f->lib.store, id);
  (void) a, (void) b;
}

/* The claim about inflation that the first and the second article each
 * make, in their own words. */
static FmAnnotation *
inflation_claim (Fixture   *f,
                 FmArticle *article)
{
  return fm_test_annotate (f->lib.store, article, FM_KIND_CLAIM,
                           article == f->first ? "Inflation rose to 4.1 percent"
                                               : "inflation had risen to 4.1 percent");
}

/* Linked claims share verdict, note and evidence, whichever is edited;
 * each keeps its span; unlinking stops the sharing. */
static void
test_link (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(FmAnnotation) a = inflation_claim (f, f->first);
  g_autoptr(FmAnnotation) b = inflation_claim (f, f->second);
  g_autoptr(FmAnnotation) c = fm_test_annotate (f->lib.store, f->third, FM_KIND_CLAIM,
                                        "called the launch a success");
  g_autoptr(FmAnnotation) ra = NULL;
  g_autoptr(FmAnnotation) rb = NULL;
  g_autoptr(FmAnnotation) rc = NULL;
  g_autoptr(GPtrArray) with = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ia = fm_annotation_get_id (a), ib = fm_annotation_get_id (b);

  fm_annotation_set_note (b, "CPI release, table 1");
  fm_annotation_set_verdict (b, FM_VERDICT_MOSTLY_TRUE);
  fm_annotation_add_evidence (b, "https://stats.example/cpi", NULL);
  g_assert_true (fm_store_update_annotation (f->lib.store, b, &error));

  g_assert_true (fm_store_link_claims (f->lib.store, ia, ib, &error));
  g_assert_no_error (error);
  ra = fm_store_get_annotation (f->lib.store, ia, &error);
  g_assert_cmpint (fm_annotation_get_verdict (ra), ==, FM_VERDICT_MOSTLY_TRUE);
  g_assert_cmpstr (fm_annotation_get_note (ra), ==, "CPI release, table 1");
  g_assert_cmpuint (fm_annotation_get_evidence (ra)->len, ==, 1);
  g_assert_nonnull (fm_annotation_get_tracked (ra));
  g_assert_cmpint (fm_annotation_get_start (ra), ==, fm_annotation_get_start (a));

  /* An edit of either is the other's too. */
  fm_annotation_set_verdict (ra, FM_VERDICT_FALSE);
  fm_annotation_set_note (ra, "Wrong month");
  g_assert_true (fm_store_update_annotation (f->lib.store, ra, &error));
  rb = fm_store_get_annotation (f->lib.store, ib, &error);
  g_assert_cmpint (fm_annotation_get_verdict (rb), ==, FM_VERDICT_FALSE);
  g_assert_cmpstr (fm_annotation_get_note (rb), ==, "Wrong month");
  g_assert_cmpstr (fm_annotation_get_tracked (rb), ==, fm_annotation_get_tracked (ra));
  with = fm_store_list_tracked_with (f->lib.store, ia, &error);
  g_assert_cmpuint (with->len, ==, 1);
  g_assert_true (fm_fact_get_article (g_ptr_array_index (with, 0)) != NULL);

  /* A third joins through either; its verdict gives way to theirs. */
  g_assert_true (fm_store_link_claims (f->lib.store, fm_annotation_get_id (c), ib, &error));
  rc = fm_store_get_annotation (f->lib.store, fm_annotation_get_id (c), &error);
  g_assert_cmpint (fm_annotation_get_verdict (rc), ==, FM_VERDICT_FALSE);
  g_clear_pointer (&with, g_ptr_array_unref);
  with = fm_store_list_tracked_with (f->lib.store, ia, &error);
  g_assert_cmpuint (with->len, ==, 2);

  g_assert_true (fm_store_unlink_claim (f->lib.store, ib, &error));
  g_clear_object (&rb);
  rb = fm_store_get_annotation (f->lib.store, ib, &error);
  fm_annotation_set_verdict (rb, FM_VERDICT_TRUE);
  g_assert_true (fm_store_update_annotation (f->lib.store, rb, &error));
  g_clear_object (&ra);
  ra = fm_store_get_annotation (f->lib.store, ia, &error);
  g_assert_cmpint (fm_annotation_get_verdict (ra), ==, FM_VERDICT_FALSE);
  g_assert_no_error (error);
}

/* A linked claim deleted, then put back as undo does, comes back with the
 * verdict, note and evidence its group has now, not those it left with. */
static void
test_restore_linked (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(FmAnnotation) a = inflation_claim (f, f->first);
  g_autoptr(FmAnnotation) b = inflation_claim (f, f->second);
  g_autoptr(FmAnnotation) gone = NULL;
  g_autoptr(FmAnnotation) ra = NULL;
  g_autoptr(FmAnnotation) rb = NULL;
  g_autoptr(GError) error = NULL;
  gint64 ia = fm_annotation_get_id (a), ib = fm_annotation_get_id (b);

  g_assert_true (fm_store_link_claims (f->lib.store, ia, ib, &error));
  g_assert_no_error (error);
  gone = fm_store_get_annotation (f->lib.store, ib, &error);
  g_assert_cmpint (fm_annotation_get_verdict (gone), ==, FM_VERDICT_UNVERIFIED);
  g_assert_true (fm_store_delete_annotation (f->lib.store, ib, &error));
  g_assert_no_error (error);

  ra = fm_store_get_annotation (f->lib.store, ia, &error);
  fm_annotation_set_verdict (ra, FM_VERDICT_FALSE);
  fm_annotation_set_note (ra, "Wrong month");
  fm_annotation_add_evidence (ra, "https://stats.example/cpi", NULL);
  g_assert_true (fm_store_update_annotation (f->lib.store, ra, &error));
  g_assert_no_error (error);

  g_assert_true (fm_store_restore_annotation (f->lib.store, gone, NULL, &error));
  g_assert_no_error (error);
  rb = fm_store_get_annotation (f->lib.store, ib, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fm_annotation_get_verdict (rb), ==, FM_VERDICT_FALSE);
  g_assert_cmpstr (fm_annotation_get_note (rb), ==, "Wrong month");
  g_assert_cmpuint (fm_annotation_get_evidence (rb)->len, ==, 1);
  g_assert_cmpstr (fm_annotation_get_tracked (rb), ==, fm_annotation_get_tracked (ra));
  /* What the store announced is what it holds. */
  g_assert_cmpint (fm_annotation_get_verdict (gone), ==, FM_VERDICT_FALSE);
}

/* Only two different claims link; a failed link changes nothing. */
static void
test_link_errors (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(FmAnnotation) a = fm_test_annotate (f->lib.store, f->first, FM_KIND_CLAIM, "the launch was a success");
  g_autoptr(FmAnnotation) s = source (f, f->second, "KCNA", FM_SOURCE_TYPE_STATE_MEDIA);
  g_autoptr(FmAnnotation) ra = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_false (fm_store_link_claims (f->lib.store, fm_annotation_get_id (a),
                                        fm_annotation_get_id (s), &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (fm_store_link_claims (f->lib.store, fm_annotation_get_id (a),
                                        fm_annotation_get_id (a), &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (fm_store_link_claims (f->lib.store, fm_annotation_get_id (a), 99999, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_NOT_FOUND);
  g_clear_error (&error);
  ra = fm_store_get_annotation (f->lib.store, fm_annotation_get_id (a), &error);
  g_assert_null (fm_annotation_get_tracked (ra));
}

#define fixture_test(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  fixture_test ("/sources/grouping", test_grouping);
  fixture_test ("/sources/proposals", test_proposals);
  fixture_test ("/sources/same-name", test_same_name);
  fixture_test ("/sources/merge-undo", test_merge_undo);
  fixture_test ("/sources/split-rename", test_split_rename);
  fixture_test ("/sources/merge-signals", test_merge_signals);
  fixture_test ("/tracked/link", test_link);
  fixture_test ("/tracked/link-errors", test_link_errors);
  fixture_test ("/tracked/restore-linked", test_restore_linked);

  return g_test_run ();
}
