/* test-export-facts.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The library-wide exports of the Facts view: CSV, JSON and the ClaimReview
 * feed, each entry with its article and a link back to its span. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "export-fixture.h"
#include "fm-export-facts.h"
#include "fm-facts.h"
#include "fm-store.h"
#include "fm-test-utils.h"
#include "fm-text.h"

static const char german_text[] =
  "Der Bürgermeister sagte, die Brücke koste 48 Millionen Euro.\n"
  "Die Agentur widersprach.";
static const char english_text[] =
  "The agency said the bridge was safe. Inspectors disagreed about the deck.";

/* A note with everything CSV must quote: a comma, quotes and a line break. */
static const char tricky_note[] = "Wrong, says \"the audit\",\nsee page 2 — “S. 2”";

typedef struct
{
  FmTestLibrary  lib;
  FmArticle     *german;
  FmArticle     *english;
  FmAnnotation  *claim;     /* false, attributed to the mayor, with evidence */
  FmAnnotation  *figure;
  FmAnnotation  *mayor;
  FmAnnotation  *unchecked;
  FmAnnotation  *judged;    /* true, in the article without a URL */
  GPtrArray     *facts;
} Fixture;

static FmArticle *
add_article (Fixture    *f,
             const char *title,
             const char *url,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) article = fm_article_new ();
  FmArticle *stored;

  fm_article_set_title (article, title);
  fm_article_set_url (article, url);
  if (url != NULL)
    {
      fm_article_set_outlet (article, "Der Kurier");
      fm_article_set_published (article, "2026-02-03");
    }
  fm_article_set_text (article, text);
  stored = fm_store_add_article (f->lib.store, article, NULL, &error);
  g_assert_no_error (error);
  return stored;
}


static void
save (Fixture      *f,
      FmAnnotation *annotation)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (fm_store_update_annotation (f->lib.store, annotation, &error));
  g_assert_no_error (error);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fm_test_library_setup (&f->lib, data);
  f->german = add_article (f, "Brücke: „Kosten“, neu", "https://kurier.example.net/bruecke?id=1&x=2",
                           german_text);
  f->english = add_article (f, "Agency report", NULL, english_text);

  f->mayor = fm_test_annotate (f->lib.store, f->german, FM_KIND_SOURCE, "Der Bürgermeister");
  fm_annotation_set_source_type (f->mayor, FM_SOURCE_TYPE_PERSON);
  save (f, f->mayor);
  f->claim = fm_test_annotate (f->lib.store, f->german, FM_KIND_CLAIM, "die Brücke koste 48 Millionen Euro");
  fm_annotation_set_verdict (f->claim, FM_VERDICT_FALSE);
  fm_annotation_set_note (f->claim, tricky_note);
  fm_annotation_add_source (f->claim, fm_annotation_get_id (f->mayor));
  fm_annotation_add_evidence (f->claim, "https://audit.example.org/2026", "Prüfbericht");
  save (f, f->claim);
  f->figure = fm_test_annotate (f->lib.store, f->german, FM_KIND_FIGURE, "48 Millionen Euro");
  fm_annotation_set_value (f->figure, TRUE, 48000000);
  fm_annotation_set_unit (f->figure, "EUR");
  save (f, f->figure);
  f->unchecked = fm_test_annotate (f->lib.store, f->english, FM_KIND_CLAIM, "the bridge was safe");
  f->judged = fm_test_annotate (f->lib.store, f->english, FM_KIND_CLAIM, "Inspectors disagreed");
  fm_annotation_set_verdict (f->judged, FM_VERDICT_TRUE);
  save (f, f->judged);

  f->facts = fm_store_list_facts (f->lib.store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->facts->len, ==, 5);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->facts, g_ptr_array_unref);
  g_clear_object (&f->claim);
  g_clear_object (&f->figure);
  g_clear_object (&f->mayor);
  g_clear_object (&f->unchecked);
  g_clear_object (&f->judged);
  g_clear_object (&f->german);
  g_clear_object (&f->english);
  fm_test_library_teardown (&f->lib, data);
}

/* Writes @facts as @format through a memory stream; %NULL on an error. */
static char *
export_facts (FmExportFormat          format,
              GPtrArray              *facts,
              const FmExportOptions  *options,
              GError                **error)
{
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();

  if (!fm_export_facts_write (format, facts, options, stream, NULL, error))
    return NULL;
  g_assert_true (g_output_stream_write_all (stream, "", 1, NULL, NULL, NULL));
  g_assert_true (g_output_stream_close (stream, NULL, NULL));
  return g_memory_output_stream_steal_data (G_MEMORY_OUTPUT_STREAM (stream));
}

static char *
export_ok (FmExportFormat  format,
           GPtrArray      *facts)
{
  g_autoptr(GError) error = NULL;
  char *data = export_facts (format, facts, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (data);
  g_assert_true (g_utf8_validate (data, -1, NULL));
  return data;
}

/* The offset in code points of @quote in @text, as the exports count. */
static glong
offset_of (const char *text,
           const char *quote)
{
  const char *at = strstr (text, quote);

  g_assert_nonnull (at);
  return g_utf8_pointer_to_offset (text, at);
}

static char *
expected_link (FmArticle    *article,
               FmAnnotation *annotation)
{
  g_autofree char *base = fm_article_dup_link_base (article);

  return g_strdup_printf ("%s#char=%ld,%ld", base, fm_annotation_get_start (annotation),
                          fm_annotation_get_end (annotation));
}

static char **
find_row (GPtrArray  *rows,
          const char *id)
{
  for (guint i = 1; i < rows->len; i++)
    {
      char **row = g_ptr_array_index (rows, i);

      if (g_str_equal (row[0], id))
        return row;
    }
  g_error ("no row %s", id);
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autofree char *csv = export_ok (FM_EXPORT_FORMAT_CSV, f->facts);
  g_autoptr(GPtrArray) rows = parse_csv (csv);
  g_autofree char *claim_link = expected_link (f->german, f->claim);
  g_autofree char *judged_link = expected_link (f->english, f->judged);
  g_autofree char *start = NULL;
  char **header = g_ptr_array_index (rows, 0);
  char **claim, **figure, **mayor, **judged;

  g_assert_true (g_str_has_prefix (csv, "id,kind,start,end,quote,verdict,"));
  g_assert_cmpuint (rows->len, ==, 1 + f->facts->len);
  for (guint i = 0; i < rows->len; i++)
    g_assert_cmpuint (g_strv_length (g_ptr_array_index (rows, i)), ==, g_strv_length (header));

  /* The note's comma, quotes and line break are quoted, the quotes doubled. */
  g_assert_nonnull (strstr (csv, "\"Wrong, says \"\"the audit\"\",\nsee page 2 — “S. 2”\""));
  claim = find_row (rows, fm_annotation_get_uuid (f->claim));
  g_assert_cmpstr (claim[column_index (header, "kind")], ==, "claim");
  start = g_strdup_printf ("%ld", offset_of (german_text, "die Brücke"));
  g_assert_cmpstr (claim[column_index (header, "start")], ==, start);
  g_assert_cmpstr (claim[column_index (header, "quote")], ==, "die Brücke koste 48 Millionen Euro");
  g_assert_cmpstr (claim[column_index (header, "verdict")], ==, "false");
  g_assert_cmpstr (claim[column_index (header, "note")], ==, tricky_note);
  g_assert_cmpstr (claim[column_index (header, "sources")], ==, "Der Bürgermeister");
  g_assert_cmpstr (claim[column_index (header, "evidence")], ==, "https://audit.example.org/2026");
  g_assert_cmpstr (claim[column_index (header, "link")], ==, claim_link);
  g_assert_cmpstr (claim[column_index (header, "article_id")], ==, fm_article_get_uuid (f->german));
  g_assert_cmpstr (claim[column_index (header, "article_title")], ==, "Brücke: „Kosten“, neu");
  g_assert_cmpstr (claim[column_index (header, "article_url")], ==,
                   "https://kurier.example.net/bruecke?id=1&x=2");
  g_assert_cmpstr (claim[column_index (header, "article_outlet")], ==, "Der Kurier");
  g_assert_cmpstr (claim[column_index (header, "article_published")], ==, "2026-02-03");

  figure = find_row (rows, fm_annotation_get_uuid (f->figure));
  g_assert_cmpstr (figure[column_index (header, "value")], ==, "48000000");
  g_assert_cmpstr (figure[column_index (header, "unit")], ==, "EUR");

  mayor = find_row (rows, fm_annotation_get_uuid (f->mayor));
  g_assert_cmpstr (mayor[column_index (header, "verdict")], ==, "");
  g_assert_cmpstr (mayor[column_index (header, "name")], ==, "Der Bürgermeister");
  g_assert_cmpstr (mayor[column_index (header, "source_type")], ==, "person");

  /* An article without a URL is linked to by its factmark: URI. */
  judged = find_row (rows, fm_annotation_get_uuid (f->judged));
  g_assert_true (g_str_has_prefix (judged_link, "factmark:article/"));
  g_assert_cmpstr (judged[column_index (header, "link")], ==, judged_link);
  g_assert_cmpstr (judged[column_index (header, "article_url")], ==, "");
}

static JsonObject *
find_fact (JsonArray  *facts,
           const char *id)
{
  JsonObject *found = find_item (facts, id);

  g_assert_nonnull (found);
  return found;
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *json = export_ok (FM_EXPORT_FORMAT_JSON, f->facts);
  g_autofree char *claim_link = expected_link (f->german, f->claim);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root, *claim, *figure, *mayor, *article, *source, *evidence;
  JsonArray *facts;

  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (get_string (root, "format"), ==, FM_FACTS_EXPORT_FORMAT);
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, FM_FACTS_EXPORT_VERSION);
  facts = json_object_get_array_member (root, "facts");
  g_assert_cmpuint (json_array_get_length (facts), ==, f->facts->len);

  claim = find_fact (facts, fm_annotation_get_uuid (f->claim));
  g_assert_cmpstr (get_string (claim, "kind"), ==, "claim");
  g_assert_cmpint (json_object_get_int_member (claim, "start"), ==,
                   offset_of (german_text, "die Brücke"));
  g_assert_cmpint (json_object_get_int_member (claim, "end"), ==, fm_annotation_get_end (f->claim));
  g_assert_cmpstr (get_string (claim, "link"), ==, claim_link);
  g_assert_cmpstr (get_string (claim, "verdict"), ==, "false");
  g_assert_cmpstr (get_string (claim, "note"), ==, tricky_note);
  g_assert_cmpstr (get_string (claim, "state"), ==, "unchanged");
  source = json_array_get_object_element (json_object_get_array_member (claim, "sources"), 0);
  g_assert_cmpstr (get_string (source, "id"), ==, fm_annotation_get_uuid (f->mayor));
  g_assert_cmpstr (get_string (source, "name"), ==, "Der Bürgermeister");
  g_assert_cmpstr (get_string (source, "source_type"), ==, "person");
  evidence = json_array_get_object_element (json_object_get_array_member (claim, "evidence"), 0);
  g_assert_cmpstr (get_string (evidence, "note"), ==, "Prüfbericht");
  article = json_object_get_object_member (claim, "article");
  g_assert_cmpstr (get_string (article, "id"), ==, fm_article_get_uuid (f->german));
  g_assert_cmpstr (get_string (article, "title"), ==, "Brücke: „Kosten“, neu");
  g_assert_cmpstr (get_string (article, "outlet"), ==, "Der Kurier");
  g_assert_cmpstr (get_string (article, "published"), ==, "2026-02-03");

  figure = find_fact (facts, fm_annotation_get_uuid (f->figure));
  g_assert_cmpfloat (json_object_get_double_member (figure, "value"), ==, 48000000);
  g_assert_cmpstr (get_string (figure, "unit"), ==, "EUR");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (figure, "sources")), ==, 0);

  mayor = find_fact (facts, fm_annotation_get_uuid (f->mayor));
  g_assert_false (json_object_has_member (mayor, "verdict"));
  g_assert_cmpstr (get_string (mayor, "source_type"), ==, "person");
  article = json_object_get_object_member (find_fact (facts, fm_annotation_get_uuid (f->judged)),
                                           "article");
  g_assert_true (json_object_get_null_member (article, "url"));
}

static void
test_claimreview (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *feed = export_ok (FM_EXPORT_FORMAT_CLAIMREVIEW, f->facts);
  g_autofree char *claim_link = expected_link (f->german, f->claim);
  g_autofree char *judged_link = expected_link (f->english, f->judged);
  g_autofree char *url = g_strconcat (FM_EXPORT_DEFAULT_BASE_URL,
                                      fm_annotation_get_uuid (f->claim), NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *review, *item, *author, *appearance;
  JsonArray *reviews;

  /* Nothing in it can end the <script> element it is pasted into. */
  g_assert_null (strpbrk (feed, "<>&"));
  g_assert_true (json_parser_load_from_data (parser, feed, -1, &error));
  g_assert_no_error (error);
  reviews = json_node_get_array (json_parser_get_root (parser));
  /* Only the checked claims: not the figure, the source or the claim
   * still unverified. */
  g_assert_cmpuint (json_array_get_length (reviews), ==, 2);

  for (guint i = 0; i < 2; i++)
    {
      review = json_array_get_object_element (reviews, i);
      g_assert_cmpstr (get_string (review, "@context"), ==, "https://schema.org");
      g_assert_cmpstr (get_string (review, "@type"), ==, "ClaimReview");
      item = json_object_get_object_member (review, "itemReviewed");
      appearance = json_object_get_object_member (item, "appearance");
      if (g_str_equal (get_string (review, "url"), url))
        {
          g_assert_cmpstr (get_string (review, "claimReviewed"), ==,
                           "die Brücke koste 48 Millionen Euro");
          g_assert_cmpstr (get_string (json_object_get_object_member (review, "reviewRating"),
                                       "alternateName"), ==, "False");
          author = json_object_get_object_member (item, "author");
          g_assert_cmpstr (get_string (author, "@type"), ==, "Person");
          g_assert_cmpstr (get_string (author, "name"), ==, "Der Bürgermeister");
          g_assert_cmpstr (get_string (item, "datePublished"), ==, "2026-02-03");
          g_assert_cmpstr (get_string (appearance, "url"), ==, claim_link);
          g_assert_cmpstr (get_string (appearance, "headline"), ==, "Brücke: „Kosten“, neu");
        }
      else
        {
          g_assert_cmpstr (get_string (review, "claimReviewed"), ==, "Inspectors disagreed");
          g_assert_false (json_object_has_member (item, "author"));
          g_assert_cmpstr (get_string (appearance, "url"), ==, judged_link);
        }
    }
}

/* A claim orphaned by an update keeps its quote; it has no span, so its
 * link and its review's appearance are the article's alone. */
static void
test_orphan (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) only = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *csv = NULL;
  g_autofree char *json = NULL;
  g_autofree char *feed = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  JsonObject *fact;
  JsonArray *reviews;

  for (guint i = 0; i < f->facts->len; i++)
    {
      FmFact *candidate = g_ptr_array_index (f->facts, i);

      if (fm_annotation_get_id (fm_fact_get_annotation (candidate)) == fm_annotation_get_id (f->claim))
        {
          fm_annotation_set_state (fm_fact_get_annotation (candidate), FM_ANCHOR_ORPHANED);
          g_ptr_array_add (only, candidate);
        }
    }
  g_assert_cmpuint (only->len, ==, 1);

  csv = export_ok (FM_EXPORT_FORMAT_CSV, only);
  rows = parse_csv (csv);
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 1))[2], ==, "");
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 1))[3], ==, "");
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 1))
                   [column_index (g_ptr_array_index (rows, 0), "link")], ==,
                   "https://kurier.example.net/bruecke?id=1&x=2");

  json = export_ok (FM_EXPORT_FORMAT_JSON, only);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  fact = json_array_get_object_element (json_object_get_array_member (
    json_node_get_object (json_parser_get_root (parser)), "facts"), 0);
  g_assert_true (json_object_get_null_member (fact, "start"));
  g_assert_cmpstr (get_string (fact, "state"), ==, "orphaned");
  g_assert_cmpstr (get_string (fact, "link"), ==, "https://kurier.example.net/bruecke?id=1&x=2");

  feed = export_ok (FM_EXPORT_FORMAT_CLAIMREVIEW, only);
  g_assert_true (json_parser_load_from_data (parser, feed, -1, NULL));
  reviews = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (reviews), ==, 1);
}

static void
test_empty (void)
{
  g_autoptr(GPtrArray) none = g_ptr_array_new ();
  g_autofree char *csv = export_ok (FM_EXPORT_FORMAT_CSV, none);
  g_autofree char *json = export_ok (FM_EXPORT_FORMAT_JSON, none);
  g_autofree char *feed = export_ok (FM_EXPORT_FORMAT_CLAIMREVIEW, none);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *root;

  /* The header row alone. */
  g_assert_true (g_str_has_prefix (csv, "id,kind,"));
  g_assert_true (g_str_has_suffix (csv, "article_published\r\n"));
  g_assert_true (strstr (csv, "\r\n") + 2 == csv + strlen (csv));

  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "facts")), ==, 0);

  g_assert_true (json_parser_load_from_data (parser, feed, -1, NULL));
  g_assert_cmpuint (json_array_get_length (json_node_get_array (json_parser_get_root (parser))), ==,
                    0);
}

/* An export far larger than what the sink gathers before it writes comes
 * out whole and in order. */
static void
test_large (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GPtrArray) many = g_ptr_array_new ();
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  JsonArray *facts;

  for (guint i = 0; i < 3000; i++)
    g_ptr_array_add (many, g_ptr_array_index (f->facts, i % f->facts->len));
  json = export_ok (FM_EXPORT_FORMAT_JSON, many);
  g_assert_cmpuint (strlen (json), >, 4 * 64 * 1024);
  g_assert_true (json_parser_load_from_data (parser, json, -1, NULL));
  facts = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                        "facts");
  g_assert_cmpuint (json_array_get_length (facts), ==, 3000);
  g_assert_cmpstr (get_string (json_array_get_object_element (facts, 2999), "id"), ==,
                   fm_annotation_get_uuid (fm_fact_get_annotation (g_ptr_array_index (many, 2999))));

  csv = export_ok (FM_EXPORT_FORMAT_CSV, many);
  rows = parse_csv (csv);
  g_assert_cmpuint (rows->len, ==, 3001);
}

static void
test_errors (Fixture       *f,
             gconstpointer  data)
{
  FmExportOptions options = FM_EXPORT_OPTIONS_INIT;
  g_autoptr(GOutputStream) stream = g_memory_output_stream_new_resizable ();
  g_autoptr(GError) error = NULL;

  /* Only three formats apply to the library's facts. */
  g_assert_false (fm_export_facts_is_format (FM_EXPORT_FORMAT_MARKDOWN));
  g_assert_null (export_facts (FM_EXPORT_FORMAT_MARKDOWN, f->facts, NULL, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  g_clear_error (&error);

  /* A base URL that is no web address is refused before anything is
   * written. */
  options.base_url = "javascript:alert(1)";
  g_assert_false (fm_export_facts_claimreview (f->facts, &options, stream, NULL, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  g_assert_cmpuint (g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (stream)), ==, 0);
}

static void
test_filenames (void)
{
  g_autofree char *csv = fm_export_facts_dup_filename (FM_EXPORT_FORMAT_CSV);
  g_autofree char *json = fm_export_facts_dup_filename (FM_EXPORT_FORMAT_JSON);
  g_autofree char *feed = fm_export_facts_dup_filename (FM_EXPORT_FORMAT_CLAIMREVIEW);

  g_assert_cmpstr (csv, ==, "facts.csv");
  g_assert_cmpstr (json, ==, "facts.json");
  g_assert_cmpstr (feed, ==, "facts-claimreview.jsonld");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/export-facts/csv", Fixture, NULL, fixture_setup, test_csv, fixture_teardown);
  g_test_add ("/export-facts/json", Fixture, NULL, fixture_setup, test_json, fixture_teardown);
  g_test_add ("/export-facts/claimreview", Fixture, NULL, fixture_setup, test_claimreview,
              fixture_teardown);
  g_test_add ("/export-facts/orphan", Fixture, NULL, fixture_setup, test_orphan, fixture_teardown);
  g_test_add ("/export-facts/large", Fixture, NULL, fixture_setup, test_large, fixture_teardown);
  g_test_add ("/export-facts/errors", Fixture, NULL, fixture_setup, test_errors, fixture_teardown);
  g_test_add_func ("/export-facts/empty", test_empty);
  g_test_add_func ("/export-facts/filenames", test_filenames);

  return g_test_run ();
}
