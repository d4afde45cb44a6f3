/* test-search.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fm-facts.h"
#include "fm-search.h"
#include "fm-similar.h"
#include "fm-store.h"
#include "fm-text.h"
#include "fm-test-utils.h"

/* Library-wide search: the index follows every change in the same
 * transaction, folds case and diacritics, takes FTS5's phrases, prefixes
 * and NEAR, narrows by kind and verdict, and gives offsets in code points
 * of the article's text. */

static const char first_text[] =
  "Der Bürgermeister sagte, die Brücke koste 48 Millionen Euro.\n\n"
  "Officials said the bridge repair will cost $48 million and take 18 months.";
static const char second_text[] =
  "The agency said the bridge was safe. Inspectors disagreed about the bridge deck.";

typedef struct
{
  FmTestLibrary lib;
  FmArticle    *first;
  FmArticle    *second;
} Fixture;



static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fm_test_library_setup (&f->lib, data);
  f->first = fm_test_add_article (f->lib.store, "Brücke in Port Alder", first_text);
  f->second = fm_test_add_article (f->lib.store, "Agency report", second_text);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->first);
  g_clear_object (&f->second);
  fm_test_library_teardown (&f->lib, data);
}

static GPtrArray *
search (Fixture    *f,
        const char *query,
        int         kind,
        int         verdict)
{
  g_autoptr(GError) error = NULL;
  FmSearchFilter filter = { kind, verdict };
  GPtrArray *hits = fm_store_search (f->lib.store, query, &filter, 50, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static FmSearchHit *
find_annotation_hit (GPtrArray *hits,
                     gint64     annotation_id)
{
  for (guint i = 0; i < hits->len; i++)
    {
      FmSearchHit *hit = g_ptr_array_index (hits, i);

      if (hit->annotation_id == annotation_id)
        return hit;
    }
  return NULL;
}

static FmSearchHit *
find_text_hit (GPtrArray *hits,
               gint64     article_id)
{
  for (guint i = 0; i < hits->len; i++)
    {
      FmSearchHit *hit = g_ptr_array_index (hits, i);

      if (hit->annotation_id == 0 && hit->article_id == article_id)
        return hit;
    }
  return NULL;
}

static void
test_text_offsets (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GPtrArray) hits = search (f, "bridge", -1, -1);
  FmSearchHit *hit = find_text_hit (hits, fm_article_get_id (f->first));
  g_autofree char *found = NULL;
  g_autofree char *snippet = NULL;

  g_assert_nonnull (hit);
  /* Code points: the umlauts before the match count one each. */
  found = fm_text_substring (first_text, hit->start, hit->end);
  g_assert_cmpstr (found, ==, "bridge");
  snippet = fm_search_hit_dup_snippet (hit, "<", ">");
  g_assert_nonnull (strstr (snippet, "<bridge>"));
  g_assert_nonnull (find_text_hit (hits, fm_article_get_id (f->second)));
}

static void
test_folding (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GPtrArray) plain = search (f, "brucke", -1, -1);
  g_autoptr(GPtrArray) upper = search (f, "BRÜCKE", -1, -1);
  FmSearchHit *hit = find_text_hit (plain, fm_article_get_id (f->first));
  g_autofree char *found = NULL;

  g_assert_nonnull (hit);
  found = fm_text_substring (first_text, hit->start, hit->end);
  g_assert_cmpstr (found, ==, "Brücke");
  g_assert_cmpuint (upper->len, ==, plain->len);
}

static void
test_query_language (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GPtrArray) phrase = search (f, "\"bridge repair\"", -1, -1);
  g_autoptr(GPtrArray) prefix = search (f, "inspect*", -1, -1);
  g_autoptr(GPtrArray) near = search (f, "NEAR(agency safe, 4)", -1, -1);
  g_autoptr(GPtrArray) far = search (f, "NEAR(agency deck, 2)", -1, -1);
  g_autoptr(GPtrArray) broken = search (f, "U.S. \"bridge", -1, -1);

  g_assert_cmpuint (phrase->len, ==, 1);
  g_assert_cmpint (((FmSearchHit *) g_ptr_array_index (phrase, 0))->article_id, ==,
                   fm_article_get_id (f->first));
  g_assert_cmpuint (prefix->len, ==, 1);
  g_assert_cmpuint (near->len, ==, 1);
  g_assert_cmpuint (far->len, ==, 0);
  /* Not valid FTS5: searched as its words, and nothing has "U.S." */
  g_assert_cmpuint (broken->len, ==, 0);
}

static void
test_annotations_follow (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(FmAnnotation) claim = fm_test_annotate (f->lib.store, f->second, FM_KIND_CLAIM, "the bridge was safe");
  g_autoptr(FmAnnotation) source = fm_test_annotate (f->lib.store, f->second, FM_KIND_SOURCE, "The agency");
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  FmSearchHit *hit;

  /* Found by the note, once written, in the same change. */
  fm_annotation_set_note (claim, "Contradicted by the inspection reports");
  fm_annotation_set_verdict (claim, FM_VERDICT_FALSE);
  g_assert_true (fm_store_update_annotation (f->lib.store, claim, &error));
  g_assert_no_error (error);
  hits = search (f, "contradicted", -1, -1);
  hit = find_annotation_hit (hits, fm_annotation_get_id (claim));
  g_assert_nonnull (hit);
  g_assert_cmpint (hit->start, ==, fm_annotation_get_start (claim));
  g_assert_cmpint (hit->kind, ==, FM_KIND_CLAIM);
  g_assert_cmpint (hit->verdict, ==, FM_VERDICT_FALSE);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Evidence links are searched too, and lead to their annotation. */
  fm_annotation_add_evidence (claim, "https://inspections.example.org/report-2026", "deck survey");
  g_assert_true (fm_store_update_annotation (f->lib.store, claim, &error));
  hits = search (f, "inspections", FM_KIND_CLAIM, -1);
  g_assert_nonnull (find_annotation_hit (hits, fm_annotation_get_id (claim)));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Filters narrow to annotations of that kind and verdict. */
  hits = search (f, "agency OR bridge", FM_KIND_SOURCE, -1);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((FmSearchHit *) g_ptr_array_index (hits, 0))->annotation_id, ==,
                   fm_annotation_get_id (source));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search (f, "bridge", -1, FM_VERDICT_TRUE);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A deleted annotation is gone from the index at once, and so is what
   * a deleted article held. */
  g_assert_true (fm_store_delete_annotation (f->lib.store, fm_annotation_get_id (source), &error));
  hits = search (f, "agency", FM_KIND_SOURCE, -1);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  g_assert_true (fm_store_delete_article (f->lib.store, fm_article_get_id (f->second), &error));
  g_assert_no_error (error);
  hits = search (f, "contradicted OR inspections OR agency", -1, -1);
  g_assert_cmpuint (hits->len, ==, 0);
}

static void
test_bad_query (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = fm_store_search (f->lib.store, "   ", NULL, 10, &error);

  g_assert_null (hits);
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  g_clear_error (&error);
  hits = fm_store_search (f->lib.store, "\xff\xfe", NULL, 10, &error);
  g_assert_null (hits);
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
}

/* The hits for @query narrowed by @filter. */
static GPtrArray *
search_filtered (Fixture              *f,
                 const char           *query,
                 const FmSearchFilter *filter)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *hits = fm_store_search (f->lib.store, query, filter, 50, &error);

  g_assert_no_error (error);
  g_assert_nonnull (hits);
  return hits;
}

static guint
count_article_hits (GPtrArray *hits)
{
  guint n = 0;

  for (guint i = 0; i < hits->len; i++)
    n += ((FmSearchHit *) g_ptr_array_index (hits, i))->annotation_id == 0;
  return n;
}

/* A source filter keeps what the Facts view's does: the sources whose
 * name holds it, whatever the case, and the annotations attributed to
 * them; an article's own words have no source and are left out. */
static void
test_source_filter (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(FmAnnotation) claim = fm_test_annotate (f->lib.store, f->second, FM_KIND_CLAIM, "the bridge was safe");
  g_autoptr(FmAnnotation) other = fm_test_annotate (f->lib.store, f->second, FM_KIND_CLAIM, "the bridge deck");
  g_autoptr(FmAnnotation) source = fm_test_annotate (f->lib.store, f->second, FM_KIND_SOURCE, "The agency");
  g_autoptr(FmAnnotation) mayor = fm_test_annotate (f->lib.store, f->first, FM_KIND_SOURCE, "Der Bürgermeister");
  g_autoptr(FmAnnotation) cost = fm_test_annotate (f->lib.store, f->first, FM_KIND_CLAIM, "die Brücke koste");
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  FmSearchFilter filter = FM_SEARCH_FILTER_ANY;

  fm_annotation_set_name (source, "Korean Central News Agency (KCNA)");
  g_assert_true (fm_store_update_annotation (f->lib.store, source, &error));
  fm_annotation_add_source (claim, fm_annotation_get_id (source));
  g_assert_true (fm_store_update_annotation (f->lib.store, claim, &error));
  fm_annotation_add_source (cost, fm_annotation_get_id (mayor));
  g_assert_true (fm_store_update_annotation (f->lib.store, cost, &error));
  g_assert_no_error (error);

  filter.source = "kcna";
  hits = search_filtered (f, "bridge", &filter);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((FmSearchHit *) g_ptr_array_index (hits, 0))->annotation_id, ==,
                   fm_annotation_get_id (claim));
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = search_filtered (f, "agency OR bridge", &filter);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_nonnull (find_annotation_hit (hits, fm_annotation_get_id (source)));
  g_assert_null (find_annotation_hit (hits, fm_annotation_get_id (other)));
  g_assert_cmpuint (count_article_hits (hits), ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Folded beyond ASCII, as GLib folds; the default name is the quote. */
  filter.source = "BÜRGERMEISTER";
  hits = search_filtered (f, "brucke", &filter);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpint (((FmSearchHit *) g_ptr_array_index (hits, 0))->annotation_id, ==,
                   fm_annotation_get_id (cost));
  g_clear_pointer (&hits, g_ptr_array_unref);
  filter.source = "nobody";
  hits = search_filtered (f, "bridge OR brucke", &filter);
  g_assert_cmpuint (hits->len, ==, 0);
}

/* A date range keeps articles, and what they hold, dated within it: by the
 * published date, or the day of import for an article without one. */
static void
test_date_filter (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(FmAnnotation) claim = fm_test_annotate (f->lib.store, f->first, FM_KIND_CLAIM, "the bridge repair");
  g_autoptr(FmAnnotation) later = fm_test_annotate (f->lib.store, f->second, FM_KIND_CLAIM, "the bridge was safe");
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%F");
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  FmSearchFilter filter = FM_SEARCH_FILTER_ANY;

  fm_article_set_published (f->first, "2026-03-10T08:00:00Z");
  g_assert_true (fm_store_update_article (f->lib.store, f->first, &error));
  g_assert_no_error (error);

  filter.since = "2026-03-01";
  filter.until = "2026-03-10";
  hits = search_filtered (f, "bridge", &filter);
  g_assert_cmpuint (hits->len, ==, 2);
  g_assert_nonnull (find_annotation_hit (hits, fm_annotation_get_id (claim)));
  g_assert_cmpuint (count_article_hits (hits), ==, 1);
  for (guint i = 0; i < hits->len; i++)
    g_assert_cmpint (((FmSearchHit *) g_ptr_array_index (hits, i))->article_id, ==,
                     fm_article_get_id (f->first));
  g_clear_pointer (&hits, g_ptr_array_unref);

  filter.since = "2026-03-11";
  filter.until = "2026-03-31";
  hits = search_filtered (f, "bridge", &filter);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* The other article was imported today and has no published date. */
  filter.since = today;
  filter.until = NULL;
  hits = search_filtered (f, "bridge", &filter);
  g_assert_nonnull (find_annotation_hit (hits, fm_annotation_get_id (later)));
  for (guint i = 0; i < hits->len; i++)
    g_assert_cmpint (((FmSearchHit *) g_ptr_array_index (hits, i))->article_id, ==,
                     fm_article_get_id (f->second));
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A range and a kind together. */
  filter.since = NULL;
  filter.until = "2026-03-10";
  filter.kind = FM_KIND_CLAIM;
  hits = search_filtered (f, "bridge", &filter);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_nonnull (find_annotation_hit (hits, fm_annotation_get_id (claim)));
}

static void
test_parse_date (void)
{
  static const char * const bad[] = {
    "2026-02-30", "2026-2-3", "yesterday", "2026-03-01T10:00", "", "+2026-03-1", "2026/03/01",
  };
  g_autofree char *date = NULL;

  date = fm_search_parse_date (" 2026-02-28 ", NULL);
  g_assert_cmpstr (date, ==, "2026-02-28");
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_null (fm_search_parse_date (bad[i], &error));
      g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
      g_assert_null (strchr (error->message, '\n'));
    }
}

/* The Facts view's rows: every annotation with its article and the names
 * of its sources, narrowed by kind, verdict and source; and the "To check"
 * queue of claims with no verdict, oldest first. */
static void
test_facts (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(FmAnnotation) older = fm_test_annotate (f->lib.store, f->second, FM_KIND_CLAIM, "the bridge was safe");
  g_autoptr(FmAnnotation) source = fm_test_annotate (f->lib.store, f->second, FM_KIND_SOURCE, "The agency");
  g_autoptr(FmAnnotation) judged = fm_test_annotate (f->lib.store, f->second, FM_KIND_CLAIM, "Inspectors disagreed");
  g_autoptr(FmAnnotation) newer = fm_test_annotate (f->lib.store, f->first, FM_KIND_CLAIM, "the bridge repair will cost");
  g_autoptr(FmAnnotation) figure = fm_test_annotate (f->lib.store, f->first, FM_KIND_FIGURE, "$48 million");
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GPtrArray) by_source = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GError) error = NULL;
  FmFactsFilter filter = FM_FACTS_FILTER_ANY;

  fm_annotation_add_source (older, fm_annotation_get_id (source));
  g_assert_true (fm_store_update_annotation (f->lib.store, older, &error));
  fm_annotation_set_verdict (judged, FM_VERDICT_TRUE);
  g_assert_true (fm_store_update_annotation (f->lib.store, judged, &error));
  g_assert_no_error (error);

  all = fm_store_list_facts (f->lib.store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 5);

  filter.source = "AGENCY";
  by_source = fm_store_list_facts (f->lib.store, &filter, &error);
  /* The source itself, and the claim attributed to it. */
  g_assert_cmpuint (by_source->len, ==, 2);
  for (guint i = 0; i < by_source->len; i++)
    {
      FmFact *fact = g_ptr_array_index (by_source, i);

      if (fm_annotation_get_id (fm_fact_get_annotation (fact)) == fm_annotation_get_id (older))
        g_assert_cmpstr (fm_fact_get_sources (fact), ==, "The agency");
    }

  filter = FM_FACTS_FILTER_ANY;
  filter.kind = FM_KIND_CLAIM;
  queue = fm_store_list_facts (f->lib.store, &filter, &error);
  g_assert_cmpuint (queue->len, ==, 3);
  fm_facts_sort_to_check (queue);
  g_assert_cmpuint (queue->len, ==, 2);
  g_assert_cmpint (fm_annotation_get_id (fm_fact_get_annotation (g_ptr_array_index (queue, 0))), ==,
                   fm_annotation_get_id (older));
  g_assert_cmpint (fm_annotation_get_id (fm_fact_get_annotation (g_ptr_array_index (queue, 1))), ==,
                   fm_annotation_get_id (newer));
}

static void
test_similar_score (void)
{
  /* The same words in another order, case and accents aside. */
  g_assert_cmpfloat (fm_similar_score ("The Bürgermeister said the bridge is safe",
                                       "the bridge is safe, said the burgermeister"), ==, 1.0);
  /* Another figure for the same thing is at most half alike. */
  g_assert_cmpfloat (fm_similar_score ("the repair will cost $48 million",
                                       "the repair will cost $52 million"), <=, 0.5);
  /* Thousands separators do not make another number. */
  g_assert_cmpfloat (fm_similar_score ("3,000 troops crossed", "3000 troops crossed"), ==, 1.0);
  g_assert_cmpfloat (fm_similar_score ("the bridge is safe", "prices rose in May"), ==, 0.0);
  g_assert_cmpfloat (fm_similar_score ("the", "a"), ==, 0.0);
}

static void
test_similar_find (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(FmArticle) third = fm_test_add_article (f->lib.store, "Later report",
                                            "Officials said the bridge repair would cost $48 million "
                                            "and take 18 months.");
  g_autoptr(FmAnnotation) first = fm_test_annotate (f->lib.store, f->first, FM_KIND_CLAIM,
                                            "the bridge repair will cost $48 million and take 18 months");
  g_autoptr(FmAnnotation) again = fm_test_annotate (f->lib.store, third, FM_KIND_CLAIM,
                                            "the bridge repair would cost $48 million and take 18 months");
  g_autoptr(FmAnnotation) other = fm_test_annotate (f->lib.store, f->second, FM_KIND_CLAIM, "the bridge was safe");
  g_autoptr(GPtrArray) similar = NULL;
  g_autoptr(GError) error = NULL;
  FmSimilarClaim *best;

  similar = fm_store_find_similar (f->lib.store, first, FM_SIMILAR_SUGGEST, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (similar->len, ==, 1);
  best = g_ptr_array_index (similar, 0);
  g_assert_cmpint (fm_annotation_get_id (best->annotation), ==, fm_annotation_get_id (again));
  g_assert_cmpfloat (best->score, >=, FM_SIMILAR_SAME);
  (void) other;
}

#define fixture_test(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  fixture_test ("/search/text-offsets", test_text_offsets);
  fixture_test ("/search/folding", test_folding);
  fixture_test ("/search/query-language", test_query_language);
  fixture_test ("/search/annotations-follow", test_annotations_follow);
  fixture_test ("/search/bad-query", test_bad_query);
  fixture_test ("/search/source-filter", test_source_filter);
  fixture_test ("/search/date-filter", test_date_filter);
  g_test_add_func ("/search/parse-date", test_parse_date);
  fixture_test ("/facts/list", test_facts);
  g_test_add_func ("/similar/score", test_similar_score);
  fixture_test ("/similar/find", test_similar_find);

  return g_test_run ();
}
