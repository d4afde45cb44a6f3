/* test-export-claimreview.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The schema.org ClaimReview export. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "export-fixture.h"
#include "fm-text.h"

static void
test_golden_claimreview (void)
{
  check_golden (FM_EXPORT_FORMAT_CLAIMREVIEW, "sample.claimreview.jsonld");
}

static void
test_claimreview (void)
{
  g_autofree char *data = export_sample (FM_EXPORT_FORMAT_CLAIMREVIEW, &sample_options);
  g_autofree char *defaults = export_sample (FM_EXPORT_FORMAT_CLAIMREVIEW, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *reviews;
  /* Claims in text order with a verdict: misleading, false, opinion,
   * mostly true, then the orphan, false; the unverified one is left out. */
  static const struct {
    const char *id;
    int         rating;
    const char *name;
    const char *author;
  } expected[] = {
    { "00000000-0000-4000-8000-000000000001", 2, "Misleading", "Mayor Jo Park" },
    { "00000000-0000-4000-8000-000000000006", 1, "False", "Councillor Ana Ruiz" },
    { "00000000-0000-4000-8000-000000000007", 0, "Opinion", NULL },
    { "00000000-0000-4000-8000-000000000011", 4, "Mostly true", NULL },
    { "00000000-0000-4000-8000-000000000012", 1, "False", "Mayor Jo Park" },
  };

  /* Nothing in it can end the <script> element it is pasted into. */
  g_assert_null (strpbrk (data, "<>&"));

  g_assert_true (json_parser_load_from_data (parser, data, -1, &error));
  g_assert_no_error (error);
  reviews = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (reviews), ==, G_N_ELEMENTS (expected));

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *review = json_array_get_object_element (reviews, i);
      JsonObject *rating = json_object_get_object_member (review, "reviewRating");
      JsonObject *item = json_object_get_object_member (review, "itemReviewed");
      JsonObject *appearance = json_object_get_object_member (item, "appearance");
      g_autofree char *url = g_strconcat ("https://checks.example.net/reviews/", expected[i].id,
                                          NULL);

      g_assert_cmpstr (get_string (review, "@context"), ==, "https://schema.org");
      g_assert_cmpstr (get_string (review, "@type"), ==, "ClaimReview");
      g_assert_cmpstr (get_string (review, "url"), ==, url);
      g_assert_cmpstr (get_string (json_object_get_object_member (review, "author"), "name"), ==,
                       "Courier Checks <&>");
      g_assert_cmpstr (get_string (rating, "alternateName"), ==, expected[i].name);
      g_assert_cmpint (json_object_get_int_member (rating, "bestRating"), ==, 5);
      g_assert_cmpint (json_object_get_int_member (rating, "worstRating"), ==, 1);
      g_assert_cmpint (json_object_get_int_member_with_default (rating, "ratingValue", 0), ==,
                       expected[i].rating);
      g_assert_cmpstr (get_string (item, "@type"), ==, "Claim");
      g_assert_cmpstr (get_string (item, "datePublished"), ==, "2026-02-03");
      /* The orphan appears in the article, but at no place in it. */
      if (i == G_N_ELEMENTS (expected) - 1)
        g_assert_cmpstr (get_string (appearance, "url"), ==,
                         "https://courier.example.net/flood-wall?ref=rss&x=1");
      else
        g_assert_true (g_str_has_prefix (get_string (appearance, "url"),
                                         "https://courier.example.net/flood-wall?ref=rss&x=1#char="));
      if (expected[i].author != NULL)
        g_assert_cmpstr (get_string (json_object_get_object_member (item, "author"), "name"),
                         ==, expected[i].author);
      else
        g_assert_false (json_object_has_member (item, "author"));
      g_assert_true (g_utf8_strlen (get_string (review, "claimReviewed"), -1) <= 150);
    }

  /* With no options, the placeholders. */
  g_assert_nonnull (strstr (defaults, "\"name\" : \"" FM_EXPORT_DEFAULT_ORGANIZATION "\""));
  g_assert_nonnull (strstr (defaults, "\"url\" : \"" FM_EXPORT_DEFAULT_BASE_URL
                                      "00000000-0000-4000-8000-000000000001\""));
}

/* An orphaned claim is still reviewed, its appearance the article without a
 * fragment; a changed one is reviewed on its current words. */
static void
test_claimreview_states (void)
{
  g_autofree char *data = export_updated (FM_EXPORT_FORMAT_CLAIMREVIEW, &sample_options,
                                          FM_ANCHOR_CHANGED);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *reviews;
  JsonObject *changed = NULL;
  JsonObject *orphan = NULL;
  JsonObject *item;

  g_assert_null (strpbrk (data, "<>&"));
  g_assert_true (json_parser_load_from_data (parser, data, -1, &error));
  g_assert_no_error (error);
  reviews = json_node_get_array (json_parser_get_root (parser));
  /* The four of the sample and the orphan, last. */
  g_assert_cmpuint (json_array_get_length (reviews), ==, 5);

  for (guint i = 0; i < json_array_get_length (reviews); i++)
    {
      JsonObject *review = json_array_get_object_element (reviews, i);
      const char *url = get_string (review, "url");

      if (g_str_has_suffix (url, "000000000011"))
        changed = review;
      else if (g_str_has_suffix (url, "000000000012"))
        orphan = review;
    }

  g_assert_nonnull (changed);
  g_assert_cmpstr (get_string (changed, "claimReviewed"), ==, "ends in 2027");
  item = json_object_get_object_member (changed, "itemReviewed");
  g_assert_cmpstr (get_string (json_object_get_object_member (item, "appearance"), "url"), ==,
                   "https://courier.example.net/flood-wall?ref=rss&x=1#char=333,345");

  g_assert_true (orphan == json_array_get_object_element (reviews, 4));
  g_assert_cmpstr (get_string (orphan, "claimReviewed"), ==, orphan_quote);
  g_assert_cmpstr (get_string (json_object_get_object_member (orphan, "reviewRating"),
                               "alternateName"), ==, "False");
  item = json_object_get_object_member (orphan, "itemReviewed");
  g_assert_cmpstr (get_string (json_object_get_object_member (item, "appearance"), "url"), ==,
                   "https://courier.example.net/flood-wall?ref=rss&x=1");
  g_assert_cmpstr (get_string (json_object_get_object_member (item, "author"), "name"), ==,
                   "Mayor Jo Park");
}

static void
test_claimreview_shortened (void)
{
  g_autoptr(GString) text = g_string_new ("Start.\n");
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *data = NULL;
  const char *claim;
  FmAnnotation *a;

  for (guint i = 0; i < 40; i++)
    g_string_append (text, i % 7 == 6 ? "words\n\n" : "several words ");
  g_string_append (text, "end.\n");
  article = build_article (text->str);
  a = new_annotation (text->str, 0, FM_KIND_CLAIM, 7, fm_text_length (text->str) - 1);
  fm_annotation_set_verdict (a, FM_VERDICT_TRUE);
  g_ptr_array_add (annotations, a);

  data = fm_export_to_string (FM_EXPORT_FORMAT_CLAIMREVIEW, article, annotations, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, data, -1, &error));
  claim = get_string (json_array_get_object_element (json_node_get_array (json_parser_get_root (parser)), 0),
                      "claimReviewed");

  /* One line, cut at a word, marked as cut. */
  g_assert_cmpint (g_utf8_strlen (claim, -1), <=, 150);
  g_assert_cmpint (g_utf8_strlen (claim, -1), >, 100);
  g_assert_null (strchr (claim, '\n'));
  g_assert_null (strstr (claim, "  "));
  g_assert_true (g_str_has_prefix (claim, "several words several"));
  g_assert_true (g_str_has_suffix (claim, "words…") || g_str_has_suffix (claim, "several…"));
}

static void
test_claimreview_bad_base_url (void)
{
  static const char * const bad[] = {
    "javascript:alert(1)", "example.org/checks", "https://", "https://x.example/#frag",
    "https://x.example/a b",
  };
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GPtrArray) annotations = build_sample (&article);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      FmExportOptions options = { TRUE, NULL, bad[i] };
      g_autoptr(GError) error = NULL;
      g_autofree char *data = fm_export_to_string (FM_EXPORT_FORMAT_CLAIMREVIEW, article,
                                                   annotations, &options, &error);

      g_assert_null (data);
      g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/golden/claimreview", test_golden_claimreview);
  g_test_add_func ("/export/claimreview/reviews", test_claimreview);
  g_test_add_func ("/export/claimreview/states", test_claimreview_states);
  g_test_add_func ("/export/claimreview/shortened", test_claimreview_shortened);
  g_test_add_func ("/export/claimreview/bad-base-url", test_claimreview_bad_base_url);

  return g_test_run ();
}
