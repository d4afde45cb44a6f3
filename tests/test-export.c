/* test-export.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Tests of the fact sheet exports.
 *
 * The golden-file tests compare each format's output for a fixed article
 * (fixed uuids, times and text, built in build_sample()) with the files in
 * tests/data/export/. After an intended change of output, regenerate them
 * with
 *
 *   FACTMARK_UPDATE_GOLDEN=1 meson test -C BUILDDIR test-export
 *
 * and read the diff before committing it: the test then writes the files
 * into the source tree instead of comparing. */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <math.h>
#include <string.h>

#include "fm-annotation.h"
#include "fm-article.h"
#include "fm-export.h"
#include "fm-json-writer.h"
#include "fm-text.h"
#include "fm-types.h"
#include "fm-test-utils.h"

static const char sample_text[] =
  "The council voted 9 to 4 on Monday to build the wall, which the mayor said would "
  "\"protect 4,200 homes\".\n"
  "Councillor Ana Ruiz said the cost was <b>\"twice what it should be\"</b> & called it "
  "=SUM(waste).\n"
  "# Not a heading\n"
  "- not a list\n"
  "1998. The last flood cost $30 million, according to the *Environment Agency*.\n"
  "\n"
  "Work starts in May 😀 and ends in 2027 — café owners are “worried”.\n";

/* The note every format must carry without letting it do anything: markup,
 * both kinds of quotes, a line break and an emoji outside the BMP. */
static const char hostile_note[] =
  "Check the <script>alert(\"x\")</script> count;\n\"homes\" vs 'households' 🏠";

typedef struct
{
  FmKind       kind;
  const char  *quote;
  FmVerdict    verdict;
  const char  *note;
  gboolean     has_value;
  double       value;
  const char  *unit;
  const char  *name;
  FmSourceType source_type;
  gint64       source;       /* id of the source it is attributed to, or 0 */
  /* Where the entry must be found: code points from 0, lines and columns
   * from 1, worked out by hand from sample_text. */
  glong        start;
  glong        end;
  guint        line;
  guint        column;
} SampleSpan;

/* Ids are 1 + the index. The spans nest (1 in 0, 2 in 0, 9 in 8), share a
 * start (0 and 1) or an end (8 and 9), and overlap without nesting (4, 5). */
static const SampleSpan sample_spans[] = {
  { FM_KIND_CLAIM, "the mayor said would \"protect 4,200 homes\"", FM_VERDICT_MISLEADING,
    hostile_note, FALSE, 0, NULL, NULL, 0, 2, 60, 102, 1, 61 },
  { FM_KIND_SOURCE, "the mayor", 0, NULL, FALSE, 0, NULL, "Mayor Jo Park",
    FM_SOURCE_TYPE_PERSON, 0, 60, 69, 1, 61 },
  { FM_KIND_FIGURE, "4,200 homes", FM_VERDICT_TRUE, NULL, TRUE, 4200, "homes", NULL, 0, 2,
    90, 101, 1, 91 },
  { FM_KIND_FIGURE, "9 to 4", FM_VERDICT_UNVERIFIED, NULL, TRUE, 9, NULL, NULL, 0, 0,
    18, 24, 1, 19 },
  { FM_KIND_SOURCE, "Councillor Ana Ruiz", 0, "Elected 2022.", FALSE, 0, NULL, NULL,
    FM_SOURCE_TYPE_PERSON, 0, 104, 123, 2, 1 },
  { FM_KIND_CLAIM, "Ana Ruiz said the cost was <b>\"twice what it should be\"</b>",
    FM_VERDICT_FALSE, NULL, FALSE, 0, NULL, NULL, 0, 5, 115, 174, 2, 12 },
  { FM_KIND_CLAIM, "=SUM(waste)", FM_VERDICT_OPINION, "-1 point, +2 @ref", FALSE, 0, NULL,
    NULL, 0, 0, 187, 198, 2, 84 },
  { FM_KIND_SOURCE, "*Environment Agency*", 0, NULL, FALSE, 0, NULL, NULL,
    FM_SOURCE_TYPE_GOVERNMENT, 0, 285, 305, 5, 57 },
  { FM_KIND_CLAIM, "# Not a heading\n- not a list\n1998. The last flood cost $30 million",
    FM_VERDICT_UNVERIFIED, NULL, FALSE, 0, NULL, NULL, 0, 0, 200, 266, 3, 1 },
  { FM_KIND_FIGURE, "$30 million", FM_VERDICT_UNVERIFIED, "=1+1", TRUE, 30e6, "USD", NULL, 0,
    8, 255, 266, 5, 27 },
  { FM_KIND_CLAIM, "ends in 2027", FM_VERDICT_MOSTLY_TRUE, NULL, FALSE, 0, NULL, NULL, 0, 0,
    333, 345, 7, 26 },
};

/* After an update of the text, the last claim was found again on words that
 * changed, and a claim the update cut from the text is an orphan: it keeps
 * its quote, its context and what the user wrote, and is attributed to the
 * mayor. Its id is one more than the last span's; it sorts after every
 * placed entry, so it is the sixth claim. */
#define CHANGED_INDEX 10
#define ORPHAN_INDEX  ((guint) G_N_ELEMENTS (sample_spans))
#define N_SAMPLE      (ORPHAN_INDEX + 1)

static const char changed_original[] = "ends in 2026 & \"on budget\"";
static const char orphan_quote[] = "=Half the homes are <b>already</b> | \"safe\"";
static const char orphan_prefix[] = "the mayor added: ";
static const char orphan_suffix[] = ", she said.";
static const char orphan_note[] = "Cut in the update of 4 February.";

static gint64
sample_time (int minutes)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2026, 2, 3, 10, minutes, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

static FmArticle *
build_article (const char *text)
{
  FmArticle *article = fm_article_new ();

  g_assert_true (fm_text_is_canonical (text));
  fm_article_set_id (article, 1);
  fm_article_set_uuid (article, "11111111-1111-4111-8111-111111111111");
  fm_article_set_title (article, "Riverside approves €12.5m flood wall <i>&</i> 🌊");
  fm_article_set_url (article, "https://courier.example.net/flood-wall?ref=rss&x=1");
  fm_article_set_outlet (article, "Riverside Courier");
  fm_article_set_author (article, "Sam \"Ed\" Lee");
  fm_article_set_published (article, "2026-02-03");
  fm_article_set_lang (article, "en-GB");
  fm_article_set_text (article, text);
  return article;
}

static FmAnnotation *
new_annotation (const char *text,
                guint       index,
                FmKind      kind,
                glong       start,
                glong       end)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = g_strdup_printf ("00000000-0000-4000-8000-%012u", index + 1);
  FmAnnotation *a = fm_annotation_new (kind);

  fm_annotation_set_id (a, index + 1);
  fm_annotation_set_uuid (a, uuid);
  fm_annotation_set_article_id (a, 1);
  g_assert_true (fm_annotation_anchor (a, text, fm_text_length (text), start, end, &error));
  g_assert_no_error (error);
  fm_annotation_set_times (a, sample_time (index), sample_time (30 + index));
  return a;
}

/* Makes the sample what an update of its text left: see CHANGED_INDEX. */
static void
add_update (GPtrArray *annotations)
{
  g_autofree char *uuid = g_strdup_printf ("00000000-0000-4000-8000-%012u", ORPHAN_INDEX + 1);
  FmAnnotation *changed = g_ptr_array_index (annotations, CHANGED_INDEX);
  FmAnnotation *orphan = fm_annotation_new (FM_KIND_CLAIM);

  fm_annotation_set_state (changed, FM_ANCHOR_CHANGED);
  fm_annotation_set_original_quote (changed, changed_original);
  fm_annotation_set_confirmed (changed, FALSE);

  fm_annotation_set_id (orphan, ORPHAN_INDEX + 1);
  fm_annotation_set_uuid (orphan, uuid);
  fm_annotation_set_article_id (orphan, 1);
  fm_annotation_set_quote (orphan, orphan_quote, orphan_prefix, orphan_suffix);
  fm_annotation_orphan (orphan);
  fm_annotation_set_confirmed (orphan, FALSE);
  fm_annotation_set_verdict (orphan, FM_VERDICT_FALSE);
  fm_annotation_set_note (orphan, orphan_note);
  fm_annotation_add_source (orphan, 2);
  fm_annotation_set_times (orphan, sample_time (ORPHAN_INDEX), sample_time (30 + ORPHAN_INDEX));
  g_ptr_array_add (annotations, orphan);
}

static GPtrArray *
build_sample (FmArticle **article)
{
  GPtrArray *annotations = g_ptr_array_new_with_free_func (g_object_unref);

  *article = build_article (sample_text);

  for (guint i = 0; i < G_N_ELEMENTS (sample_spans); i++)
    {
      const SampleSpan *s = &sample_spans[i];
      g_autoptr(GError) error = NULL;
      FmAnnotation *a;
      glong start, end;

      /* The hand-worked offsets must be where the quote is. */
      g_assert_true (fm_text_find_quote (sample_text, s->quote, 0, &start, &end, &error));
      g_assert_no_error (error);
      g_assert_cmpint (start, ==, s->start);
      g_assert_cmpint (end, ==, s->end);

      a = new_annotation (sample_text, i, s->kind, start, end);
      fm_annotation_set_verdict (a, s->verdict);
      fm_annotation_set_note (a, s->note);
      fm_annotation_set_value (a, s->has_value, s->value);
      fm_annotation_set_unit (a, s->unit);
      fm_annotation_set_name (a, s->name);
      fm_annotation_set_source_type (a, s->source_type);
      if (s->source != 0)
        fm_annotation_add_source (a, s->source);
      g_ptr_array_add (annotations, a);
    }

  fm_annotation_add_evidence (g_ptr_array_index (annotations, 0),
                              "https://example.org/flood-report.pdf", "Agency report, p. 4");
  fm_annotation_add_evidence (g_ptr_array_index (annotations, 0),
                              "javascript:alert(document.cookie)", NULL);
  fm_annotation_add_evidence (g_ptr_array_index (annotations, 0),
                              "phone call with the agency, 2 Feb", NULL);
  fm_annotation_add_evidence (g_ptr_array_index (annotations, 5),
                              "https://evil.example/\"><script>alert(1)</script>",
                              "<img src=x onerror=alert(1)>");
  fm_annotation_add_evidence (g_ptr_array_index (annotations, 9),
                              "http://archive.example.com/flood?year=1998&page=2", NULL);
  add_update (annotations);

  /* Out of text order, as a caller may hand them over: the orphan first,
   * as the store lists it. */
  for (guint i = 0; i < annotations->len / 2; i++)
    {
      gpointer tmp = annotations->pdata[i];

      annotations->pdata[i] = annotations->pdata[annotations->len - 1 - i];
      annotations->pdata[annotations->len - 1 - i] = tmp;
    }
  return annotations;
}

static const FmExportOptions sample_options = {
  TRUE, "Courier Checks <&>", "https://checks.example.net/reviews",
};

/* Exports the sample with its changed claim in @changed_state: as a later
 * update that found it again unchanged or moved would leave it, it keeps the
 * quote it was first made on. */
static char *
export_updated (FmExportFormat          format,
                const FmExportOptions  *options,
                FmAnchorState           changed_state)
{
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GPtrArray) annotations = build_sample (&article);
  g_autoptr(GError) error = NULL;
  char *data;

  for (guint i = 0; i < annotations->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (annotations, i);

      if (fm_annotation_get_id (a) == CHANGED_INDEX + 1)
        fm_annotation_set_state (a, changed_state);
    }

  data = fm_export_to_string (format, article, annotations, options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data);
  g_assert_true (g_utf8_validate (data, -1, NULL));
  return data;
}

/* Exports the sample after someone has read the changed claim's new words
 * and confirmed it. */
static char *
export_confirmed (FmExportFormat format)
{
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GPtrArray) annotations = build_sample (&article);
  g_autoptr(GError) error = NULL;
  char *data;

  for (guint i = 0; i < annotations->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (annotations, i);

      if (fm_annotation_get_id (a) == CHANGED_INDEX + 1)
        fm_annotation_set_confirmed (a, TRUE);
    }

  data = fm_export_to_string (format, article, annotations, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

static char *
export_sample (FmExportFormat          format,
               const FmExportOptions  *options)
{
  return export_updated (format, options, FM_ANCHOR_CHANGED);
}

/* Formats */

static void
test_formats (void)
{
  static const char * const names[] = { "json", "markdown", "html", "csv", "w3c", "claimreview",
                                        "pdf" };
  g_autoptr(FmArticle) article = build_article (sample_text);
  g_autoptr(FmArticle) untitled = build_article ("Just text.");
  FmExportFormat format;

  for (guint i = 0; i < FM_N_EXPORT_FORMATS; i++)
    {
      g_assert_cmpstr (fm_export_format_to_string (i), ==, names[i]);
      g_assert_true (fm_export_format_from_string (names[i], &format));
      g_assert_cmpint (format, ==, i);
      g_assert_nonnull (fm_export_format_to_label (i));
      g_assert_nonnull (fm_export_format_get_extension (i));
      g_assert_nonnull (strchr (fm_export_format_get_mime_type (i), '/'));
    }
  g_assert_false (fm_export_format_from_string ("JSON", NULL));
  g_assert_false (fm_export_format_from_string ("PDF", NULL));
  g_assert_false (fm_export_format_from_string (NULL, NULL));

  {
    g_autofree char *md = fm_export_dup_filename (FM_EXPORT_FORMAT_MARKDOWN, article);
    g_autofree char *w3c = fm_export_dup_filename (FM_EXPORT_FORMAT_W3C, article);
    g_autofree char *cr = fm_export_dup_filename (FM_EXPORT_FORMAT_CLAIMREVIEW, article);
    g_autofree char *none = NULL;

    g_assert_cmpstr (md, ==, "riverside-approves-eur12-5m-flood-wall-i-i.md");
    g_assert_cmpstr (w3c, ==, "riverside-approves-eur12-5m-flood-wall-i-i-annotations.jsonld");
    g_assert_cmpstr (cr, ==, "riverside-approves-eur12-5m-flood-wall-i-i-claimreview.jsonld");

    fm_article_set_title (untitled, "報道");
    none = fm_export_dup_filename (FM_EXPORT_FORMAT_HTML, untitled);
    g_assert_cmpstr (none, ==, "fact-sheet.html");
  }
}

/* Golden files */

static void
check_golden (FmExportFormat  format,
              const char     *name)
{
  g_autofree char *data = export_sample (format, &sample_options);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "export", name, NULL);
  g_autofree char *expected = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) got_lines = NULL;
  g_auto(GStrv) want_lines = NULL;

  if (g_getenv ("FACTMARK_UPDATE_GOLDEN") != NULL)
    {
      g_assert_true (g_file_set_contents (path, data, -1, &error));
      g_assert_no_error (error);
      g_test_message ("wrote %s", path);
      return;
    }

  g_assert_true (g_file_get_contents (path, &expected, NULL, &error));
  g_assert_no_error (error);

  /* Compare line by line, so a failure names the first line that differs
   * rather than printing two whole files. */
  got_lines = g_strsplit (data, "\n", -1);
  want_lines = g_strsplit (expected, "\n", -1);
  for (guint i = 0; got_lines[i] != NULL || want_lines[i] != NULL; i++)
    {
      if (g_strcmp0 (got_lines[i], want_lines[i]) != 0)
        g_test_message ("%s differs at line %u", name, i + 1);
      g_assert_cmpstr (got_lines[i], ==, want_lines[i]);
      if (got_lines[i] == NULL || want_lines[i] == NULL)
        break;
    }
  g_assert_cmpstr (data, ==, expected);
}

static void
test_golden_json (void)
{
  check_golden (FM_EXPORT_FORMAT_JSON, "sample.json");
}

static void
test_golden_markdown (void)
{
  check_golden (FM_EXPORT_FORMAT_MARKDOWN, "sample.md");
}

static void
test_golden_html (void)
{
  check_golden (FM_EXPORT_FORMAT_HTML, "sample.html");
}

static void
test_golden_csv (void)
{
  check_golden (FM_EXPORT_FORMAT_CSV, "sample.csv");
}

static void
test_golden_w3c (void)
{
  check_golden (FM_EXPORT_FORMAT_W3C, "sample.w3c.jsonld");
}

static void
test_golden_claimreview (void)
{
  check_golden (FM_EXPORT_FORMAT_CLAIMREVIEW, "sample.claimreview.jsonld");
}

/* The JSON export is the fact sheet itself, and it takes with_text. */
static void
test_json_reference (void)
{
  FmExportOptions options = FM_EXPORT_OPTIONS_INIT;
  g_autofree char *with = export_sample (FM_EXPORT_FORMAT_JSON, &options);
  g_autofree char *without = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *claims;

  options.with_text = FALSE;
  without = export_sample (FM_EXPORT_FORMAT_JSON, &options);

  g_assert_true (json_parser_load_from_data (parser, with, -1, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (root, "format"), ==, "factmark-factsheet");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (root, "article"),
                                                  "text"), ==, sample_text);
  claims = json_object_get_array_member (root, "claims");
  /* In text order, whatever order they came in, the orphan last. */
  g_assert_cmpint (json_array_get_length (claims), ==, 6);
  g_assert_cmpint (json_object_get_int_member (json_array_get_object_element (claims, 0), "start"),
                   ==, 60);
  {
    JsonObject *changed = json_array_get_object_element (claims, 4);
    JsonObject *orphan = json_array_get_object_element (claims, 5);

    g_assert_cmpstr (json_object_get_string_member (changed, "state"), ==, "changed");
    g_assert_cmpstr (json_object_get_string_member (changed, "original_quote"), ==,
                     changed_original);
    g_assert_cmpstr (json_object_get_string_member (orphan, "state"), ==, "orphaned");
    g_assert_cmpstr (json_object_get_string_member (orphan, "quote"), ==, orphan_quote);
    g_assert_true (json_object_get_null_member (orphan, "start"));
    g_assert_true (json_object_get_null_member (orphan, "link"));
  }

  g_assert_true (json_parser_load_from_data (parser, without, -1, &error));
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_false (json_object_has_member (json_object_get_object_member (root, "article"), "text"));
}

/* HTML */

static const char * const html_elements[] = {
  "html", "head", "meta", "title", "style", "body", "header", "main", "section", "h1", "h2",
  "h3", "p", "a", "ol", "ul", "li", "blockquote", "dl", "dt", "dd", "span", "mark", "div",
  NULL,
};

static const char * const html_attributes[] = {
  "lang", "charset", "http-equiv", "content", "name", "id", "class", "href", "rel", "dir",
  "title", "data-entry", NULL,
};

typedef struct
{
  GHashTable *ids;
  GPtrArray  *fragments;
  guint       links;
  guint       web_links;
  GString    *style;
  char       *policy;
} HtmlScan;

static void
scan_html (xmlNode  *node,
           HtmlScan *scan)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          const char *name = (const char *) node->name;

          if (!g_strv_contains (html_elements, name))
            g_error ("unexpected element <%s> on line %d", name, node->line);

          for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
            {
              const char *attr_name = (const char *) attr->name;
              g_autofree char *value = (char *) xmlNodeGetContent ((xmlNode *) attr);

              if (!g_strv_contains (html_attributes, attr_name))
                g_error ("unexpected attribute %s=\"%s\" on <%s>", attr_name, value, name);

              if (g_str_equal (attr_name, "id"))
                {
                  g_assert_false (g_hash_table_contains (scan->ids, value));
                  g_hash_table_add (scan->ids, g_strdup (value));
                }
              else if (g_str_equal (attr_name, "href"))
                {
                  g_assert_cmpstr (name, ==, "a");
                  scan->links++;
                  if (value[0] == '#')
                    g_ptr_array_add (scan->fragments, g_strdup (value + 1));
                  else if (g_str_has_prefix (value, "https://") || g_str_has_prefix (value, "http://"))
                    scan->web_links++;
                  else
                    g_error ("link to “%s”", value);
                }
              else if (g_str_equal (attr_name, "content")
                       && xmlHasProp (node, (const xmlChar *) "http-equiv") != NULL)
                {
                  g_free (scan->policy);
                  scan->policy = g_strdup (value);
                }
            }

          if (g_str_equal (name, "style"))
            {
              g_autofree char *css = (char *) xmlNodeGetContent (node);
              g_string_append (scan->style, css);
            }
        }
      scan_html (node->children, scan);
    }
}

static void
check_html_safe (xmlDoc   *doc,
                 gboolean  with_text)
{
  HtmlScan scan = { 0 };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autofree char *b64 = NULL;
  g_autofree char *hash_source = NULL;

  scan.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scan.fragments = g_ptr_array_new_with_free_func (g_free);
  scan.style = g_string_new (NULL);
  scan_html (xmlDocGetRootElement (doc), &scan);

  /* Every in-page link lands on an element. */
  for (guint i = 0; i < scan.fragments->len; i++)
    if (!g_hash_table_contains (scan.ids, g_ptr_array_index (scan.fragments, i)))
      g_error ("link to missing #%s", (char *) g_ptr_array_index (scan.fragments, i));

  /* Scripts are forbidden, and the one style sheet is the one allowed. */
  g_assert_nonnull (scan.policy);
  g_assert_nonnull (strstr (scan.policy, "default-src 'none'"));
  g_assert_nonnull (strstr (scan.policy, "script-src 'none'"));
  g_checksum_update (checksum, (const guchar *) scan.style->str, scan.style->len);
  g_checksum_get_digest (checksum, digest, &len);
  b64 = g_base64_encode (digest, len);
  hash_source = g_strdup_printf ("style-src 'sha256-%s'", b64);
  g_assert_nonnull (strstr (scan.policy, hash_source));
  g_assert_nonnull (strstr (scan.style->str, "@media print"));

  /* The article's URL, the report and the archive; not the javascript:
   * evidence nor the one with markup in it. */
  g_assert_cmpuint (scan.web_links, ==, 3);
  if (with_text)
    g_assert_cmpuint (scan.fragments->len, >, 2 * G_N_ELEMENTS (sample_spans));

  g_hash_table_unref (scan.ids);
  g_ptr_array_unref (scan.fragments);
  g_string_free (scan.style, TRUE);
  g_free (scan.policy);
}

static xmlDoc *
parse_xml (const char *html)
{
  /* The export is well-formed XML as well as HTML, so the strict XML parser
   * proves that every element is closed where it should be: marks split at
   * overlaps nest properly or this fails. */
  xmlDoc *doc = xmlReadMemory (html, strlen (html), "export.html", "UTF-8",
                               XML_PARSE_NONET);

  g_assert_nonnull (doc);
  return doc;
}

static xmlNode *
find_element (xmlNode    *node,
              const char *name,
              const char *class)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (node->type == XML_ELEMENT_NODE && g_str_equal ((const char *) node->name, name))
        {
          g_autofree char *value = (char *) xmlGetProp (node, (const xmlChar *) "class");

          if (class == NULL || g_strcmp0 (value, class) == 0)
            return node;
        }
      if ((found = find_element (node->children, name, class)) != NULL)
        return found;
    }
  return NULL;
}

static xmlNode *
find_by_id (xmlNode    *node,
            const char *id)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (node->type == XML_ELEMENT_NODE)
        {
          g_autofree char *value = (char *) xmlGetProp (node, (const xmlChar *) "id");

          if (g_strcmp0 (value, id) == 0)
            return node;
        }
      if ((found = find_by_id (node->children, id)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_ref (xmlNode *node)
{
  g_autofree char *class = NULL;

  if (node->type != XML_ELEMENT_NODE || !g_str_equal ((const char *) node->name, "a"))
    return FALSE;
  class = (char *) xmlGetProp (node, (const xmlChar *) "class");
  return g_strcmp0 (class, "ref") == 0;
}

typedef struct
{
  GString    *text;      /* the article's text as the marks hold it */
  glong       offset;    /* in code points */
  GHashTable *covered;   /* entry id -> GArray of gboolean per offset */
  glong       length;
  GPtrArray  *open;      /* entry ids of the marks around the node */
} MarkScan;

static void
scan_marks (xmlNode  *node,
            MarkScan *scan)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_TEXT_NODE)
        {
          const char *content = (const char *) node->content;
          glong n = g_utf8_strlen (content, -1);

          for (guint i = 0; i < scan->open->len; i++)
            {
              const char *entry = g_ptr_array_index (scan->open, i);
              GArray *cover = g_hash_table_lookup (scan->covered, entry);

              if (cover == NULL)
                {
                  cover = g_array_new (FALSE, TRUE, sizeof (gboolean));
                  g_array_set_size (cover, scan->length);
                  g_hash_table_insert (scan->covered, g_strdup (entry), cover);
                }
              for (glong k = scan->offset; k < scan->offset + n; k++)
                {
                  /* No span is marked twice over the same text. */
                  g_assert_false (g_array_index (cover, gboolean, k));
                  g_array_index (cover, gboolean, k) = TRUE;
                }
            }
          g_string_append (scan->text, content);
          scan->offset += n;
        }
      else if (node->type == XML_ELEMENT_NODE && !is_ref (node))
        {
          g_autofree char *entry = (char *) xmlGetProp (node, (const xmlChar *) "data-entry");

          g_assert_cmpstr ((const char *) node->name, ==, "mark");
          g_assert_nonnull (entry);
          g_ptr_array_add (scan->open, g_steal_pointer (&entry));
          scan_marks (node->children, scan);
          g_ptr_array_remove_index (scan->open, scan->open->len - 1);
        }
    }
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  FmAnnotation *x = *(FmAnnotation **) a;
  FmAnnotation *y = *(FmAnnotation **) b;

  /* Orphans last, by quote, as the sheet numbers them. */
  if (fm_annotation_is_orphan (x) != fm_annotation_is_orphan (y))
    return fm_annotation_is_orphan (x) ? 1 : -1;
  if (fm_annotation_is_orphan (x) && g_strcmp0 (fm_annotation_get_quote (x),
                                                fm_annotation_get_quote (y)) != 0)
    return g_strcmp0 (fm_annotation_get_quote (x), fm_annotation_get_quote (y));
  if (fm_annotation_get_start (x) != fm_annotation_get_start (y))
    return fm_annotation_get_start (x) < fm_annotation_get_start (y) ? -1 : 1;
  if (fm_annotation_get_end (x) != fm_annotation_get_end (y))
    return fm_annotation_get_end (x) > fm_annotation_get_end (y) ? -1 : 1;
  return fm_annotation_get_id (x) < fm_annotation_get_id (y) ? -1 : 1;
}

/* Checks that the article in @doc is @text, and that the marks with
 * data-entry "KIND-N" cover exactly the span of the Nth annotation of that
 * kind in text order. An orphan has an entry but no mark. */
static void
check_marks (xmlDoc     *doc,
             const char *text,
             GPtrArray  *annotations)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);
  MarkScan scan = { 0 };
  xmlNode *div = find_element (xmlDocGetRootElement (doc), "div", "text");
  guint counts[FM_N_KINDS] = { 0 };
  guint placed = 0;

  for (guint i = 0; i < annotations->len; i++)
    {
      g_ptr_array_add (sorted, g_object_ref (g_ptr_array_index (annotations, i)));
      if (!fm_annotation_is_orphan (g_ptr_array_index (annotations, i)))
        placed++;
    }
  g_ptr_array_sort (sorted, compare_spans);

  g_assert_nonnull (div);
  scan.text = g_string_new (NULL);
  scan.length = fm_text_length (text);
  scan.covered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_array_unref);
  scan.open = g_ptr_array_new_with_free_func (g_free);
  scan_marks (div->children, &scan);

  g_assert_cmpstr (scan.text->str, ==, text);
  g_assert_cmpuint (g_hash_table_size (scan.covered), ==, placed);

  for (guint i = 0; i < sorted->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (sorted, i);
      FmKind kind = fm_annotation_get_kind (a);
      g_autofree char *entry = g_strdup_printf ("%s-%u", fm_kind_to_string (kind), ++counts[kind]);
      g_autofree char *mark_id = g_strconcat ("mark-", entry, NULL);
      GArray *cover = g_hash_table_lookup (scan.covered, entry);
      g_autofree char *back = g_strconcat ("#", entry, NULL);
      g_autofree char *mark_entry = NULL;
      g_autofree char *ref_href = NULL;
      xmlNode *li = find_by_id (xmlDocGetRootElement (doc), entry);
      xmlNode *mark = find_by_id (xmlDocGetRootElement (doc), mark_id);
      xmlNode *ref;

      g_assert_nonnull (li);
      if (fm_annotation_is_orphan (a))
        {
          g_assert_null (cover);
          g_assert_null (mark);
          continue;
        }

      g_assert_nonnull (cover);
      for (glong k = 0; k < scan.length; k++)
        {
          gboolean inside = k >= fm_annotation_get_start (a) && k < fm_annotation_get_end (a);

          if (g_array_index (cover, gboolean, k) != inside)
            g_error ("%s: offset %ld is %s", entry, k, inside ? "not marked" : "marked");
        }

      /* The entry is there, its first mark carries the id the entry links
       * to, and the mark starts with a link back to the entry. */
      g_assert_nonnull (li);
      g_assert_cmpstr ((const char *) li->name, ==, "li");
      g_assert_nonnull (mark);
      g_assert_cmpstr ((const char *) mark->name, ==, "mark");
      mark_entry = (char *) xmlGetProp (mark, (const xmlChar *) "data-entry");
      g_assert_cmpstr (mark_entry, ==, entry);
      ref = xmlFirstElementChild (mark);
      g_assert_nonnull (ref);
      g_assert_true (is_ref (ref));
      g_assert_true (ref->prev == NULL);
      ref_href = (char *) xmlGetProp (ref, (const xmlChar *) "href");
      g_assert_cmpstr (ref_href, ==, back);
    }

  g_string_free (scan.text, TRUE);
  g_hash_table_unref (scan.covered);
  g_ptr_array_unref (scan.open);
}

static void
test_html_safe (void)
{
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GPtrArray) annotations = build_sample (&article);
  FmExportOptions options = FM_EXPORT_OPTIONS_INIT;

  for (int with_text = 0; with_text <= 1; with_text++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *html = NULL;
      xmlDoc *doc;
      xmlDoc *html_doc;

      options.with_text = with_text;
      html = fm_export_to_string (FM_EXPORT_FORMAT_HTML, article, annotations, &options, &error);
      g_assert_no_error (error);

      doc = parse_xml (html);
      check_html_safe (doc, with_text);
      if (with_text)
        check_marks (doc, sample_text, annotations);
      else
        g_assert_null (find_element (xmlDocGetRootElement (doc), "div", "text"));
      xmlFreeDoc (doc);

      /* What an HTML parser makes of it must pass too. */
      html_doc = htmlReadMemory (html, strlen (html), NULL, "UTF-8",
                                 HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
      g_assert_nonnull (html_doc);
      check_html_safe (html_doc, with_text);
      xmlFreeDoc (html_doc);

      /* The markup in the note and the title arrived as text. */
      g_assert_null (strstr (html, "<script"));
      g_assert_null (strstr (html, "<img"));
      g_assert_null (strstr (html, "<i>"));
      g_assert_nonnull (strstr (html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
      g_assert_nonnull (strstr (html, "&#39;households&#39; 🏠"));
    }
}

static char *
get_text (xmlNode *node)
{
  return node != NULL ? (char *) xmlNodeGetContent (node) : NULL;
}

static char *
get_prop (xmlNode    *node,
          const char *name)
{
  return (char *) xmlGetProp (node, (const xmlChar *) name);
}

/* Whether any link in @node's subtree points at #@fragment. */
static gboolean
links_to (xmlNode    *node,
          const char *fragment)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE && g_str_equal ((const char *) node->name, "a"))
        {
          g_autofree char *href = get_prop (node, "href");

          if (href != NULL && href[0] == '#' && g_str_equal (href + 1, fragment))
            return TRUE;
        }
      if (links_to (node->children, fragment))
        return TRUE;
    }
  return FALSE;
}

/* The changed claim has a badge and its first quote, and its mark says it
 * changed; the orphan is listed with its quote and a badge, with neither a
 * mark nor a link to one, and its link to its source still lands. */
static void
test_html_states (void)
{
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GPtrArray) annotations = build_sample (&article);
  FmExportOptions options = FM_EXPORT_OPTIONS_INIT;

  for (int with_text = 0; with_text <= 1; with_text++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *html = NULL;
      g_autofree char *changed_class = NULL;
      g_autofree char *orphan_class = NULL;
      g_autofree char *was = NULL;
      g_autofree char *changed_badge = NULL;
      g_autofree char *orphan_badge = NULL;
      g_autofree char *quote = NULL;
      g_autofree char *orphan_text = NULL;
      xmlDoc *doc;
      xmlDoc *html_doc;
      xmlNode *root;
      xmlNode *changed;
      xmlNode *orphan;

      options.with_text = with_text;
      html = fm_export_to_string (FM_EXPORT_FORMAT_HTML, article, annotations, &options, &error);
      g_assert_no_error (error);

      doc = parse_xml (html);
      check_html_safe (doc, with_text);
      if (with_text)
        check_marks (doc, sample_text, annotations);
      root = xmlDocGetRootElement (doc);

      changed = find_by_id (root, "claim-5");
      g_assert_nonnull (changed);
      changed_class = get_prop (changed, "class");
      g_assert_cmpstr (changed_class, ==, "entry claim changed");
      changed_badge = get_text (find_element (changed->children, "span", "state s-changed"));
      g_assert_cmpstr (changed_badge, ==, "Changed, not yet confirmed");
      was = get_text (find_element (changed->children, "dd", "was"));
      g_assert_cmpstr (was, ==, changed_original);

      orphan = find_by_id (root, "claim-6");
      g_assert_nonnull (orphan);
      /* After the placed claims. */
      g_assert_null (xmlNextElementSibling (orphan));
      orphan_class = get_prop (orphan, "class");
      g_assert_cmpstr (orphan_class, ==, "entry claim orphaned");
      orphan_badge = get_text (find_element (orphan->children, "span", "state s-orphaned"));
      g_assert_cmpstr (orphan_badge, ==, "Orphaned");
      quote = get_text (find_element (orphan->children, "blockquote", NULL));
      g_assert_cmpstr (quote, ==, orphan_quote);
      orphan_text = get_text (orphan);
      g_assert_nonnull (strstr (orphan_text, "Not found in the current text"));
      g_assert_null (strstr (orphan_text, "#char="));
      g_assert_true (links_to (orphan->children, "source-1"));
      g_assert_null (find_element (orphan->children, "dd", "link"));

      /* No mark, and nothing links to one. */
      g_assert_null (find_by_id (root, "mark-claim-6"));
      g_assert_false (links_to (root, "mark-claim-6"));

      if (with_text)
        {
          xmlNode *mark = find_by_id (root, "mark-claim-5");
          g_autofree char *mark_class = get_prop (mark, "class");
          g_autofree char *title = get_prop (mark, "title");

          g_assert_cmpstr (mark_class, ==, "claim changed");
          g_assert_cmpstr (title, ==, "Claim 5 · Mostly true · Changed, not yet confirmed");
          g_assert_true (links_to (changed->children, "mark-claim-5"));
        }
      else
        g_assert_false (links_to (root, "mark-claim-5"));
      xmlFreeDoc (doc);

      html_doc = htmlReadMemory (html, strlen (html), NULL, "UTF-8",
                                 HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
      g_assert_nonnull (html_doc);
      check_html_safe (html_doc, with_text);
      xmlFreeDoc (html_doc);

      /* The orphan's markup arrived as text. */
      g_assert_nonnull (strstr (html, "=Half the homes are &lt;b&gt;already&lt;/b&gt; | "
                                      "&quot;safe&quot;"));
      g_assert_null (strstr (html, "<b>"));
    }
}

/* Random spans on a text, many overlapping, and some orphans: the marks
 * must nest and cover exactly their spans whatever the arrangement, and an
 * orphan must not get one. */
static void
test_html_overlaps (void)
{
  const char *text = "Ünïcode 😀 text\nwith lines, <tags> & “quotes”, over and over again.\n";
  glong length = fm_text_length (text);

  for (guint32 seed = 1; seed <= 40; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(FmArticle) article = build_article (text);
      g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;
      g_autofree char *html = NULL;
      guint n = g_rand_int_range (rand, 1, 25);
      xmlDoc *doc;

      for (guint i = 0; i < n; i++)
        {
          glong start = g_rand_int_range (rand, 0, length);
          glong end = g_rand_int_range (rand, start + 1, MIN (length, start + 30) + 1);

          FmAnnotation *a = new_annotation (text, i, g_rand_int_range (rand, 0, FM_N_KINDS),
                                            start, end);

          /* Some lost their place in an update of the text. */
          if (g_rand_int_range (rand, 0, 6) == 0)
            fm_annotation_orphan (a);
          g_ptr_array_add (annotations, a);
        }

      html = fm_export_to_string (FM_EXPORT_FORMAT_HTML, article, annotations, NULL, &error);
      g_assert_no_error (error);
      doc = parse_xml (html);
      check_marks (doc, text, annotations);
      xmlFreeDoc (doc);
    }
}

/* CSV */

/* Reads RFC 4180 records, failing on anything the RFC does not allow. */
static GPtrArray *
parse_csv (const char *csv)
{
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  g_autoptr(GPtrArray) row = g_ptr_array_new ();
  g_autoptr(GString) field = g_string_new (NULL);
  const char *p = csv;

  while (*p != '\0')
    {
      if (*p == '"')
        {
          for (p++; ; p++)
            {
              g_assert_true (*p != '\0');
              if (*p == '"' && p[1] == '"')
                {
                  g_string_append_c (field, '"');
                  p++;
                }
              else if (*p == '"')
                {
                  p++;
                  break;
                }
              else
                g_string_append_c (field, *p);
            }
        }
      else
        {
          while (*p != '\0' && *p != ',' && *p != '\r' && *p != '\n')
            {
              g_assert_true (*p != '"');
              g_string_append_c (field, *p++);
            }
        }

      g_ptr_array_add (row, g_strdup (field->str));
      g_string_truncate (field, 0);

      if (*p == ',')
        p++;
      else
        {
          /* Records end in CRLF, never a bare LF. */
          g_assert_cmpint (p[0], ==, '\r');
          g_assert_cmpint (p[1], ==, '\n');
          p += 2;
          g_ptr_array_add (row, NULL);
          g_ptr_array_add (rows, g_ptr_array_steal (row, NULL));
        }
    }
  return rows;
}

static guint
column_index (char      **header,
              const char *name)
{
  for (guint i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], name))
      return i;
  g_error ("no column %s", name);
}

static void
test_csv_rows (void)
{
  g_autofree char *csv = export_sample (FM_EXPORT_FORMAT_CSV, NULL);
  g_autoptr(GPtrArray) rows = parse_csv (csv);
  char **header = g_ptr_array_index (rows, 0);
  static const char * const columns[] = {
    "id", "kind", "start", "end", "line", "column", "quote", "verdict", "value", "unit",
    "name", "source_type", "sources", "note", "evidence", "state", "original_quote",
    "confirmed",
  };

  g_assert_cmpuint (rows->len, ==, 1 + N_SAMPLE);
  g_assert_cmpuint (g_strv_length (header), ==, G_N_ELEMENTS (columns));
  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    g_assert_cmpstr (header[i], ==, columns[i]);

  /* Each row is where the hand-worked offsets, line and column say, and
   * its quote survives the quoting. */
  for (guint r = 1; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      guint index = (guint) g_ascii_strtoull (row[0] + strlen ("00000000-0000-4000-8000-"),
                                              NULL, 10) - 1;
      const SampleSpan *s;
      g_autofree char *start = NULL;
      g_autofree char *end = NULL;
      g_autofree char *line = NULL;
      g_autofree char *column = NULL;
      const char *quote = row[column_index (header, "quote")];

      g_assert_cmpuint (g_strv_length (row), ==, G_N_ELEMENTS (columns));
      /* The orphan has no hand-worked place; /export/csv/states checks it. */
      if (index == ORPHAN_INDEX)
        continue;
      g_assert_cmpuint (index, <, G_N_ELEMENTS (sample_spans));
      s = &sample_spans[index];
      start = g_strdup_printf ("%ld", s->start);
      end = g_strdup_printf ("%ld", s->end);
      line = g_strdup_printf ("%u", s->line);
      column = g_strdup_printf ("%u", s->column);
      g_assert_cmpstr (row[column_index (header, "kind")], ==, fm_kind_to_string (s->kind));
      g_assert_cmpstr (row[column_index (header, "start")], ==, start);
      g_assert_cmpstr (row[column_index (header, "end")], ==, end);
      g_assert_cmpstr (row[column_index (header, "line")], ==, line);
      g_assert_cmpstr (row[column_index (header, "column")], ==, column);
      if (s->quote[0] == '=')
        g_assert_cmpstr (quote + 1, ==, s->quote);
      else
        g_assert_cmpstr (quote, ==, s->quote);
    }

  /* Text order: the figure "9 to 4" comes first. */
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 1))[6], ==, "9 to 4");
  g_assert_cmpstr (((char **) g_ptr_array_index (rows, 2))[12], ==, "Mayor Jo Park");
}

/* An orphan's row has no position at all, its state says why, and both new
 * columns obey the quoting and the neutralising of formulas. */
static void
test_csv_states (void)
{
  g_autofree char *csv = export_updated (FM_EXPORT_FORMAT_CSV, NULL, FM_ANCHOR_CHANGED);
  g_autoptr(GPtrArray) rows = parse_csv (csv);
  char **header = g_ptr_array_index (rows, 0);
  char **changed = NULL;
  char **orphan = NULL;
  static const char * const position[] = { "start", "end", "line", "column" };

  g_assert_cmpuint (rows->len, ==, 1 + N_SAMPLE);
  for (guint r = 1; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      const char *state = row[column_index (header, "state")];

      g_assert_cmpuint (g_strv_length (row), ==, g_strv_length (header));
      g_assert_true (fm_anchor_state_from_string (state, NULL));
      if (g_str_has_suffix (row[0], "000000000011"))
        changed = row;
      else if (g_str_has_suffix (row[0], "000000000012"))
        orphan = row;
      else
        {
          g_assert_cmpstr (state, ==, "unchanged");
          g_assert_cmpstr (row[column_index (header, "original_quote")], ==, "");
          g_assert_cmpstr (row[column_index (header, "confirmed")], ==, "true");
        }
    }

  /* The orphan is the last row, after every placed annotation. */
  g_assert_true (orphan == g_ptr_array_index (rows, rows->len - 1));
  g_assert_nonnull (changed);
  g_assert_cmpstr (changed[column_index (header, "state")], ==, "changed");
  g_assert_cmpstr (changed[column_index (header, "original_quote")], ==, changed_original);
  g_assert_cmpstr (changed[column_index (header, "confirmed")], ==, "false");
  g_assert_cmpstr (changed[column_index (header, "start")], ==, "333");

  g_assert_cmpstr (orphan[column_index (header, "state")], ==, "orphaned");
  g_assert_cmpstr (orphan[column_index (header, "original_quote")], ==, "");
  for (guint i = 0; i < G_N_ELEMENTS (position); i++)
    g_assert_cmpstr (orphan[column_index (header, position[i])], ==, "");
  /* Its quote starts with "=", so it is neutralised. */
  g_assert_cmpstr (orphan[column_index (header, "quote")] + 1, ==, orphan_quote);
  g_assert_cmpint (orphan[column_index (header, "quote")][0], ==, '\'');
  g_assert_cmpstr (orphan[column_index (header, "sources")], ==, "Mayor Jo Park");
  g_assert_cmpstr (orphan[column_index (header, "verdict")], ==, "false");
}

static void
test_csv_injection (void)
{
  static const char * const dangerous[] = {
    "=HYPERLINK(\"http://x.example\",\"y\")", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx",
  };
  static const char * const harmless[] = { "1+1", "'=x", " =x", "a=b", "" };
  const char *text = "=HYPERLINK is a quote here. @handle -5 degrees +3 points.";
  g_autoptr(FmArticle) article = build_article (text);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *csv = NULL;
  g_autoptr(GPtrArray) rows = NULL;
  char **header;
  FmAnnotation *figure;
  guint n = 0;

  for (guint i = 0; i < G_N_ELEMENTS (dangerous); i++)
    {
      FmAnnotation *a = new_annotation (text, n++, FM_KIND_SOURCE, i, i + 1);

      fm_annotation_set_name (a, dangerous[i]);
      fm_annotation_set_note (a, dangerous[i]);
      g_ptr_array_add (annotations, a);
    }
  for (guint i = 0; i < G_N_ELEMENTS (harmless); i++)
    {
      FmAnnotation *a = new_annotation (text, n++, FM_KIND_CLAIM, 20 + i, 21 + i);

      fm_annotation_set_note (a, *harmless[i] ? harmless[i] : NULL);
      g_ptr_array_add (annotations, a);
    }
  /* Quotes from the text: "=HYPERLINK", "@handle", "-5 degrees". */
  g_ptr_array_add (annotations, new_annotation (text, n++, FM_KIND_CLAIM, 0, 10));
  g_ptr_array_add (annotations, new_annotation (text, n++, FM_KIND_SOURCE, 28, 35));
  figure = new_annotation (text, n++, FM_KIND_FIGURE, 36, 46);
  fm_annotation_set_value (figure, TRUE, -5);
  fm_annotation_set_unit (figure, "=degrees");
  fm_annotation_add_evidence (figure, "=cmd|' /C calc'!A0", NULL);
  /* An update of the text changed its words; the first ones start a
   * formula too. */
  fm_annotation_set_state (figure, FM_ANCHOR_CHANGED);
  fm_annotation_set_original_quote (figure, "@SUM(A1:A9)");
  g_ptr_array_add (annotations, figure);

  csv = fm_export_to_string (FM_EXPORT_FORMAT_CSV, article, annotations, NULL, &error);
  g_assert_no_error (error);
  rows = parse_csv (csv);
  header = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (rows->len, ==, 1 + n);

  for (guint r = 1; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      guint index = (guint) g_ascii_strtoull (row[0] + strlen ("00000000-0000-4000-8000-"),
                                              NULL, 10) - 1;

      /* No cell in the file can start a formula. */
      for (guint c = 0; row[c] != NULL; c++)
        {
          if (c == column_index (header, "value"))
            continue;
          if (row[c][0] != '\0' && strchr ("=+-@\t\r", row[c][0]) != NULL)
            g_error ("row %u column %s starts a formula: %s", r, header[c], row[c]);
        }

      if (index < G_N_ELEMENTS (dangerous))
        {
          g_autofree char *expected = g_strconcat ("'", dangerous[index], NULL);

          g_assert_cmpstr (row[column_index (header, "name")], ==, expected);
          g_assert_cmpstr (row[column_index (header, "note")], ==, expected);
        }
      else if (index < G_N_ELEMENTS (dangerous) + G_N_ELEMENTS (harmless))
        g_assert_cmpstr (row[column_index (header, "note")], ==,
                         harmless[index - G_N_ELEMENTS (dangerous)]);
    }

  /* The quotes from the text are neutralised too; the value is a number. */
  g_assert_nonnull (strstr (csv, ",'=HYPERLINK,unverified,"));
  g_assert_nonnull (strstr (csv, ",'@handle,"));
  g_assert_nonnull (strstr (csv, ",'-5 degrees,unverified,-5,'=degrees,"));
  g_assert_nonnull (strstr (csv, ",'=cmd|' /C calc'!A0,changed,'@SUM(A1:A9),"));
}

/* W3C */

static const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    g_error ("no string member %s", member);
  return json_node_get_string (node);
}

static gboolean
is_iso_time (const char *str)
{
  return g_regex_match_simple ("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}Z$",
                               str, 0, 0);
}

static gboolean
is_urn_uuid (const char *str)
{
  return g_str_has_prefix (str, "urn:uuid:") && g_uuid_string_is_valid (str + 9);
}

static JsonObject *
find_item (JsonArray  *items,
           const char *id)
{
  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);

      if (g_str_equal (get_string (item, "id"), id))
        return item;
    }
  return NULL;
}

/* The body that says what an update did, or %NULL. */
static JsonObject *
find_state_body (JsonObject *item)
{
  JsonArray *bodies = json_object_get_array_member (item, "body");
  JsonObject *found = NULL;

  for (guint b = 0; b < json_array_get_length (bodies); b++)
    {
      JsonObject *body = json_array_get_object_element (bodies, b);

      if (json_object_has_member (body, "factmark:anchorState"))
        {
          g_assert_null (found);
          g_assert_cmpstr (get_string (body, "type"), ==, "TextualBody");
          g_assert_cmpstr (get_string (body, "purpose"), ==, "describing");
          found = body;
        }
    }
  return found;
}

/* An annotation that uses Factmark's terms declares them itself. */
static void
check_extended_context (JsonObject *item)
{
  JsonArray *context = json_object_get_array_member (item, "@context");

  g_assert_cmpuint (json_array_get_length (context), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (context, 0), ==,
                   "http://www.w3.org/ns/anno.jsonld");
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (context, 1),
                                                  "factmark"), ==,
                   "https://factmark.github.io/ns#");
}

static void
test_w3c_required (void)
{
  g_autofree char *data = export_sample (FM_EXPORT_FORMAT_W3C, NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) ids = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) links = g_ptr_array_new ();
  JsonObject *collection;
  JsonObject *page;
  JsonArray *context;
  JsonArray *items;
  guint selectors_checked = 0;

  g_assert_true (json_parser_load_from_data (parser, data, -1, &error));
  g_assert_no_error (error);
  collection = json_node_get_object (json_parser_get_root (parser));

  context = json_object_get_array_member (collection, "@context");
  g_assert_cmpstr (json_array_get_string_element (context, 0), ==,
                   "http://www.w3.org/ns/anno.jsonld");
  g_assert_cmpstr (get_string (collection, "type"), ==, "AnnotationCollection");
  g_assert_true (is_urn_uuid (get_string (collection, "id")));
  /* The offset unit is stated. */
  g_assert_cmpstr (get_string (collection, "factmark:offsetUnit"), ==, "unicode-code-point");
  g_assert_nonnull (strstr (get_string (collection, "factmark:offsetText"), "code points"));

  page = json_object_get_object_member (collection, "first");
  g_assert_cmpstr (get_string (page, "type"), ==, "AnnotationPage");
  g_assert_true (is_urn_uuid (get_string (page, "id")));
  items = json_object_get_array_member (page, "items");
  g_assert_cmpint (json_object_get_int_member (collection, "total"), ==,
                   json_array_get_length (items));

  for (guint i = 0; i < json_array_get_length (items); i++)
    {
      JsonObject *item = json_array_get_object_element (items, i);
      const char *motivation = get_string (item, "motivation");

      /* Each annotation stands on its own: one that uses Factmark's terms
       * declares them. */
      if (json_node_get_node_type (json_object_get_member (item, "@context")) == JSON_NODE_ARRAY)
        {
          check_extended_context (item);
          g_assert_nonnull (find_state_body (item));
        }
      else
        g_assert_cmpstr (get_string (item, "@context"), ==, "http://www.w3.org/ns/anno.jsonld");
      g_assert_true (is_urn_uuid (get_string (item, "id")));
      g_assert_cmpstr (get_string (item, "type"), ==, "Annotation");
      g_assert_true (is_iso_time (get_string (item, "created")));
      g_assert_true (is_iso_time (get_string (item, "modified")));
      g_assert_false (g_hash_table_contains (ids, get_string (item, "id")));
      g_hash_table_add (ids, (gpointer) get_string (item, "id"));

      if (g_str_equal (motivation, "linking"))
        {
          g_ptr_array_add (links, item);
          continue;
        }

      {
        JsonObject *target = json_object_get_object_member (item, "target");
        JsonArray *selectors = json_object_get_array_member (target, "selector");
        JsonArray *bodies = json_object_get_array_member (item, "body");
        JsonObject *position = NULL;
        JsonObject *quote = NULL;
        gboolean classifying = FALSE;

        g_assert_cmpstr (get_string (target, "source"), ==,
                         "https://courier.example.net/flood-wall?ref=rss&x=1");
        for (guint s = 0; s < json_array_get_length (selectors); s++)
          {
            JsonObject *selector = json_array_get_object_element (selectors, s);

            if (g_str_equal (get_string (selector, "type"), "TextPositionSelector"))
              position = selector;
            else if (g_str_equal (get_string (selector, "type"), "TextQuoteSelector"))
              quote = selector;
          }
        g_assert_nonnull (quote);
        /* An orphan has no place to give, only its quote and context. */
        if (g_str_has_suffix (get_string (item, "id"), "000000000012"))
          {
            g_assert_null (position);
            g_assert_cmpuint (json_array_get_length (selectors), ==, 1);
            g_assert_cmpstr (get_string (quote, "exact"), ==, orphan_quote);
            g_assert_cmpstr (get_string (quote, "prefix"), ==, orphan_prefix);
            g_assert_cmpstr (get_string (quote, "suffix"), ==, orphan_suffix);
          }
        else
          {
            /* Both selectors pick the same code points of the text. */
            gint64 start, end;
            g_autofree char *exact = NULL;
            g_autofree char *prefix = NULL;
            g_autofree char *suffix = NULL;

            g_assert_nonnull (position);
            start = json_object_get_int_member (position, "start");
            end = json_object_get_int_member (position, "end");
            exact = fm_text_substring (sample_text, start, end);
            g_assert_cmpstr (get_string (quote, "exact"), ==, exact);
            fm_text_context (sample_text, start, end, &prefix, &suffix);
            g_assert_cmpstr (json_object_get_string_member_with_default (quote, "prefix", ""),
                             ==, prefix);
            g_assert_cmpstr (json_object_get_string_member_with_default (quote, "suffix", ""),
                             ==, suffix);
            selectors_checked++;
          }

        for (guint b = 0; b < json_array_get_length (bodies); b++)
          {
            JsonObject *body = json_array_get_object_element (bodies, b);
            const char *purpose = get_string (body, "purpose");
            static const char * const purposes[] = {
              "classifying", "assessing", "commenting", "describing", "identifying", "tagging",
              "linking", NULL,
            };

            g_assert_true (g_strv_contains (purposes, purpose));
            if (g_str_equal (purpose, "classifying"))
              {
                g_assert_true (fm_kind_from_string (get_string (body, "value"), NULL));
                classifying = TRUE;
              }
            if (g_str_equal (purpose, "assessing"))
              g_assert_true (fm_verdict_from_string (get_string (body, "value"), NULL));
            if (g_str_equal (get_string (body, "type"), "TextualBody"))
              get_string (body, "value");
            else
              {
                g_assert_cmpstr (get_string (body, "type"), ==, "SpecificResource");
                g_assert_true (g_str_has_prefix (get_string (body, "source"), "https://")
                               || g_str_has_prefix (get_string (body, "source"), "http://"));
                g_assert_null (strpbrk (get_string (body, "source"), "<>\" "));
              }
          }
        g_assert_true (classifying);
      }
    }
  g_assert_cmpuint (selectors_checked, ==, G_N_ELEMENTS (sample_spans));

  /* claim→source links join two annotations of the collection: 0→1,
   * 2→1, 5→4, 9→7, and the orphan 11→1. */
  g_assert_cmpuint (links->len, ==, 5);
  for (guint i = 0; i < links->len; i++)
    {
      static const char * const pairs[][2] = {
        { "001", "002" }, { "003", "002" }, { "006", "005" }, { "010", "008" },
        { "012", "002" },
      };
      JsonObject *link = g_ptr_array_index (links, i);
      g_autofree char *target = g_strconcat ("urn:uuid:00000000-0000-4000-8000-000000000",
                                             pairs[i][0], NULL);
      g_autofree char *body = g_strconcat ("urn:uuid:00000000-0000-4000-8000-000000000",
                                           pairs[i][1], NULL);

      g_assert_cmpstr (get_string (link, "target"), ==, target);
      g_assert_cmpstr (get_string (link, "body"), ==, body);
      g_assert_true (g_hash_table_contains (ids, target));
      g_assert_true (g_hash_table_contains (ids, body));
    }
}

/* The orphan is selected by its quote and context alone; the changed claim
 * by both selectors, and both say in a describing body what happened. */
static void
test_w3c_states (void)
{
  for (int moved = 0; moved <= 1; moved++)
    {
      g_autofree char *data = export_updated (FM_EXPORT_FORMAT_W3C, NULL,
                                              moved ? FM_ANCHOR_MOVED : FM_ANCHOR_CHANGED);
      g_autoptr(JsonParser) parser = json_parser_new ();
      g_autoptr(GError) error = NULL;
      JsonObject *collection;
      JsonArray *items;
      JsonObject *orphan;
      JsonObject *changed;
      JsonObject *body;
      JsonArray *selectors;
      JsonObject *selector;
      gboolean linked = FALSE;

      g_assert_true (json_parser_load_from_data (parser, data, -1, &error));
      g_assert_no_error (error);
      collection = json_node_get_object (json_parser_get_root (parser));
      items = json_object_get_array_member (json_object_get_object_member (collection, "first"),
                                            "items");
      g_assert_cmpint (json_object_get_int_member (collection, "total"), ==,
                       json_array_get_length (items));

      orphan = find_item (items, "urn:uuid:00000000-0000-4000-8000-000000000012");
      g_assert_nonnull (orphan);
      check_extended_context (orphan);
      selectors = json_object_get_array_member (json_object_get_object_member (orphan, "target"),
                                                "selector");
      g_assert_cmpuint (json_array_get_length (selectors), ==, 1);
      selector = json_array_get_object_element (selectors, 0);
      g_assert_cmpstr (get_string (selector, "type"), ==, "TextQuoteSelector");
      g_assert_cmpstr (get_string (selector, "exact"), ==, orphan_quote);
      g_assert_cmpstr (get_string (selector, "prefix"), ==, orphan_prefix);
      g_assert_cmpstr (get_string (selector, "suffix"), ==, orphan_suffix);
      body = find_state_body (orphan);
      g_assert_nonnull (body);
      g_assert_cmpstr (get_string (body, "factmark:anchorState"), ==, "orphaned");
      g_assert_false (json_object_has_member (body, "factmark:originalQuote"));
      g_assert_true (g_str_has_prefix (get_string (body, "value"), "Orphaned: "));

      changed = find_item (items, "urn:uuid:00000000-0000-4000-8000-000000000011");
      g_assert_nonnull (changed);
      check_extended_context (changed);
      selectors = json_object_get_array_member (json_object_get_object_member (changed, "target"),
                                                "selector");
      g_assert_cmpuint (json_array_get_length (selectors), ==, 2);
      g_assert_cmpstr (get_string (json_array_get_object_element (selectors, 0), "type"), ==,
                       "TextPositionSelector");
      body = find_state_body (changed);
      g_assert_nonnull (body);
      g_assert_cmpstr (get_string (body, "factmark:anchorState"), ==,
                       moved ? "moved" : "changed");
      /* Only a changed one says whether it has been confirmed. */
      g_assert_cmpint (json_object_has_member (body, "factmark:confirmed"), ==, !moved);
      if (!moved)
        g_assert_false (json_object_get_boolean_member (body, "factmark:confirmed"));
      g_assert_cmpstr (get_string (body, "factmark:originalQuote"), ==, changed_original);
      g_assert_nonnull (strstr (get_string (body, "value"), changed_original));
      g_assert_true (g_str_has_prefix (get_string (body, "value"),
                                       moved ? "First marked as " : "Changed "));

      for (guint i = 0; i < json_array_get_length (items); i++)
        {
          JsonObject *item = json_array_get_object_element (items, i);

          if (item == orphan || item == changed)
            continue;
          /* The others are as before an update. */
          g_assert_cmpstr (get_string (item, "@context"), ==, "http://www.w3.org/ns/anno.jsonld");
          if (g_str_equal (get_string (item, "motivation"), "linking"))
            linked |= g_str_equal (get_string (item, "target"), get_string (orphan, "id"))
                      && g_str_has_suffix (get_string (item, "body"), "000000000002");
          else
            g_assert_null (find_state_body (item));
        }
      /* The orphan is still attributed to the mayor. */
      g_assert_true (linked);
    }
}

/* ClaimReview */

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

/* Markdown */

/* Returns @md without its code spans, whose content is shown literally. */
static char *
strip_code_spans (const char *md)
{
  GString *out = g_string_new (NULL);
  const char *p = md;

  while (*p != '\0')
    {
      gsize fence = strspn (p, "`");
      g_autofree char *closer = NULL;
      const char *end;

      if (fence == 0 || (p > md && p[-1] == '\\'))
        {
          g_string_append_c (out, *p++);
          continue;
        }
      closer = g_strnfill (fence, '`');
      end = strstr (p + fence, closer);
      g_assert_nonnull (end);
      g_string_append (out, "CODE");
      p = end + fence;
    }
  return g_string_free (out, FALSE);
}

static void
test_markdown_escapes (void)
{
  g_autofree char *md = export_sample (FM_EXPORT_FORMAT_MARKDOWN, NULL);
  g_autofree char *prose = strip_code_spans (md);
  g_auto(GStrv) lines = g_strsplit (md, "\n", -1);

  /* Markup and Markdown from the article and notes arrive as text: outside
   * code spans, every "<" is escaped or opens an autolink to a web
   * address. */
  for (const char *p = strchr (prose, '<'); p != NULL; p = strchr (p + 1, '<'))
    {
      if (p > prose && p[-1] == '\\')
        continue;
      g_assert_true (g_str_has_prefix (p, "<https://") || g_str_has_prefix (p, "<http://"));
      g_assert_cmpint (strcspn (p, " >\n"), ==, strcspn (p, ">"));
    }
  g_assert_nonnull (strstr (md, "\\<b\\>"));
  g_assert_nonnull (strstr (md, "\\<script\\>"));
  g_assert_nonnull (strstr (md, "\\*Environment Agency\\*"));
  g_assert_nonnull (strstr (md, "\\$30 million"));

  /* The quote's lines stay in the block quote and cannot start a heading,
   * a list or an ordered list there. */
  g_assert_nonnull (strstr (md, "> \\# Not a heading\\\n> \\- not a list\\\n> 1998\\. The last"));

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      /* Only the sheet's own headings start with "#". */
      if (line[0] == '#')
        g_assert_true (g_str_has_prefix (line, "# Fact sheet: ") || g_str_has_prefix (line, "## ")
                       || g_str_has_prefix (line, "### "));
      /* A note's second line is indented under its list item. */
      if (g_str_has_prefix (line, "- **Note:** Check the"))
        g_assert_cmpstr (lines[i + 1], ==, "  \"homes\" vs 'households' 🏠");
    }

  /* Only web addresses become links: the others are code, where neither
   * Markdown nor GitHub's autolinks can make a link of them. */
  g_assert_nonnull (strstr (md, "<https://example.org/flood-report.pdf> — Agency report, p. 4"));
  g_assert_nonnull (strstr (md, "  - `javascript:alert(document.cookie)`\n"));
  g_assert_nonnull (strstr (md, "  - `https://evil.example/\"><script>alert(1)</script>` — "));
  g_assert_null (strstr (md, "<javascript:"));
  g_assert_null (strstr (md, "](javascript:"));
  g_assert_null (strstr (md, "** \n"));
}

/* A changed entry says what it was, an orphan that it has no place: no
 * position and no link, and it comes after the placed claims. */
static void
test_markdown_states (void)
{
  g_autofree char *md = export_updated (FM_EXPORT_FORMAT_MARKDOWN, NULL, FM_ANCHOR_CHANGED);
  g_autofree char *moved = export_updated (FM_EXPORT_FORMAT_MARKDOWN, NULL, FM_ANCHOR_MOVED);
  const char *claim5 = strstr (md, "### Claim 5 · Mostly true\n");
  const char *claim6 = strstr (md, "### Claim 6 · False\n");
  const char *figures = strstr (md, "## Figures");
  g_autofree char *orphan = NULL;

  g_assert_nonnull (strstr (md, "## Claims (6)\n"));
  g_assert_nonnull (claim5);
  g_assert_nonnull (claim6);
  g_assert_nonnull (figures);
  g_assert_true (claim5 < claim6 && claim6 < figures);

  g_assert_true (g_str_has_prefix (claim5, "### Claim 5 · Mostly true\n\n> ends in 2027\n\n"
                                   "- **Changed, not yet confirmed** — was: “ends in 2026 \\& \"on budget\"”\n"
                                   "- **Position:** line 7, column 26 · "));

  orphan = g_strndup (claim6, figures - claim6);
  g_assert_cmpstr (orphan, ==,
                   "### Claim 6 · False\n\n"
                   "> \\=Half the homes are \\<b\\>already\\</b\\> \\| \"safe\"\n\n"
                   "- **Orphaned** — not found in the current text\n"
                   "- **Verdict:** False\n"
                   "- **Sources:** Mayor Jo Park\n"
                   "- **Note:** Cut in the update of 4 February.\n\n");

  /* Only the changed and orphaned entries are marked. */
  g_assert_null (strstr (claim6 + 1, "**Changed, not yet confirmed**"));
  g_assert_null (strstr (md, "**First marked as:**"));

  /* Found again by a later update, it is no longer marked as changed, but
   * still shows the words it was first made on. */
  g_assert_null (strstr (moved, "**Changed, not yet confirmed**"));
  g_assert_nonnull (strstr (moved, "> ends in 2027\n\n"
                                   "- **First marked as:** “ends in 2026 \\& \"on budget\"”\n"
                                   "- **Position:** line 7, column 26 · "));
}

/* Errors and files */

static void
test_bad_span (void)
{
  g_autoptr(FmArticle) article = build_article ("Short text.");
  g_autoptr(FmArticle) empty = fm_article_new ();
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  FmAnnotation *a = new_annotation ("Short text.", 0, FM_KIND_CLAIM, 0, 5);

  fm_annotation_set_span (a, 3, 40);
  g_ptr_array_add (annotations, a);

  for (guint f = 0; f < FM_N_EXPORT_FORMATS; f++)
    {
      g_autofree char *data = fm_export_to_string (f, article, annotations, NULL, &error);

      g_assert_null (data);
      g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
      g_clear_error (&error);
    }

  g_ptr_array_set_size (annotations, 0);
  g_assert_null (fm_export_to_string (FM_EXPORT_FORMAT_HTML, empty, annotations, NULL, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
}

/* Orphans come after the placed entries, ordered by quote whatever order
 * they arrive in; an orphan without a quote has nothing left to export. */
static void
test_orphan_order (void)
{
  const char *text = "One two three four.";
  g_autoptr(FmArticle) article = build_article (text);
  g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  static const char * const quotes[] = { "zeta", "alpha", NULL };
  static const char * const expected[] = { "three", "four", "alpha", "zeta" };
  JsonArray *claims;
  FmAnnotation *bare;

  for (guint i = 0; quotes[i] != NULL; i++)
    {
      FmAnnotation *a = new_annotation (text, i, FM_KIND_CLAIM, 0, 3);

      fm_annotation_set_quote (a, quotes[i], NULL, NULL);
      fm_annotation_orphan (a);
      g_ptr_array_add (annotations, a);
    }
  g_ptr_array_add (annotations, new_annotation (text, 2, FM_KIND_CLAIM, 14, 18));
  g_ptr_array_add (annotations, new_annotation (text, 3, FM_KIND_CLAIM, 8, 13));

  json = fm_export_to_string (FM_EXPORT_FORMAT_JSON, article, annotations, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (json_parser_load_from_data (parser, json, -1, &error));
  g_assert_no_error (error);
  claims = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                         "claims");
  g_assert_cmpuint (json_array_get_length (claims), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      JsonObject *claim = json_array_get_object_element (claims, i);

      g_assert_cmpstr (json_object_get_string_member (claim, "quote"), ==, expected[i]);
      g_assert_true (json_object_get_null_member (claim, "start") == (i >= 2));
    }

  bare = new_annotation (text, 4, FM_KIND_SOURCE, 0, 3);
  fm_annotation_set_quote (bare, NULL, NULL, NULL);
  fm_annotation_orphan (bare);
  g_ptr_array_add (annotations, bare);
  for (guint f = 0; f < FM_N_EXPORT_FORMATS; f++)
    {
      g_autofree char *data = fm_export_to_string (f, article, annotations, NULL, &error);

      g_assert_null (data);
      g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
      g_clear_error (&error);
    }
}

static void
test_empty (void)
{
  g_autoptr(FmArticle) article = build_article ("Nothing marked.");
  g_autoptr(GPtrArray) annotations = g_ptr_array_new ();

  for (guint f = 0; f < FM_N_EXPORT_FORMATS; f++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;

      /* A PDF is not text; test-pdf-layout covers it. */
      if (f == FM_EXPORT_FORMAT_PDF)
        continue;
      data = fm_export_to_string (f, article, annotations, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (data);
      g_assert_true (g_str_has_suffix (data, "\n"));
    }
}

typedef struct
{
  gboolean  done;
  gboolean  ok;
  GError   *error;
} WriteResult;

static void
write_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  WriteResult *write = user_data;

  g_assert_null (source);
  write->ok = fm_export_write_finish (result, &write->error);
  write->done = TRUE;
}

static void
test_write (void)
{
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GPtrArray) annotations = build_sample (&article);
  g_autoptr(GError) error = NULL;
  g_autoptr(FmTestLibrary) lib = fm_test_library_new ();
  g_autofree char *path = fm_test_library_build_path (lib, "sheet.jsonld");
  g_autofree char *contents = NULL;
  g_autofree char *expected = export_sample (FM_EXPORT_FORMAT_W3C, NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  FmExportOptions bad = { TRUE, NULL, "ftp://x.example/" };
  WriteResult write = { 0 };

  g_assert_true (fm_export_write (FM_EXPORT_FORMAT_W3C, article, annotations, NULL, file, NULL,
                                  &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
  g_clear_pointer (&contents, g_free);

  /* A failed export leaves the file as it was. */
  g_assert_false (fm_export_write (FM_EXPORT_FORMAT_CLAIMREVIEW, article, annotations, &bad,
                                   file, NULL, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, expected);
  g_clear_pointer (&contents, g_free);

  /* In a thread, on copies: changing the caller's objects meanwhile does
   * not reach the file. */
  fm_export_write_async (FM_EXPORT_FORMAT_CSV, article, annotations, NULL, file, NULL,
                         write_done_cb, &write);
  fm_annotation_set_note (g_ptr_array_index (annotations, 0), "changed after the call");
  fm_article_set_text (article, "Another text.");
  g_ptr_array_set_size (annotations, 0);
  while (!write.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (write.error);
  g_assert_true (write.ok);
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "id,kind,"));
  g_assert_null (strstr (contents, "changed after the call"));
  g_assert_nonnull (strstr (contents, "Mayor Jo Park"));

  /* A cancelled export writes nothing. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();
    g_autofree char *other = fm_test_library_build_path (lib, "other.csv");
    g_autoptr(GFile) other_file = g_file_new_for_path (other);
    g_autoptr(FmArticle) article2 = NULL;
    g_autoptr(GPtrArray) annotations2 = build_sample (&article2);

    g_cancellable_cancel (cancellable);
    g_assert_false (fm_export_write (FM_EXPORT_FORMAT_CSV, article2, annotations2, NULL,
                                     other_file, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_clear_error (&error);
    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  }
}

/* The JSON writer */

/* What json-glib's generator writes for @value as a pretty-printed member,
 * the output the writer replaced. */
static char *
glib_member_string (const char *value)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "k\"ey");
  json_builder_add_string_value (builder, value);
  json_builder_set_member_name (builder, "empty");
  json_builder_begin_array (builder);
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "list");
  json_builder_begin_array (builder);
  json_builder_add_int_value (builder, -42);
  json_builder_add_double_value (builder, 12.5);
  json_builder_add_double_value (builder, 3);
  json_builder_add_boolean_value (builder, FALSE);
  json_builder_add_null_value (builder);
  json_builder_begin_object (builder);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

static char *
writer_member_string (const char *value)
{
  GString *out = g_string_new (NULL);
  FmJsonWriter w;

  fm_json_writer_init (&w, out, 2, FM_JSON_WRITER_FLAGS_NONE);
  fm_json_writer_begin_object (&w);
  fm_json_writer_member_string (&w, "k\"ey", value);
  fm_json_writer_member (&w, "empty");
  fm_json_writer_begin_array (&w);
  fm_json_writer_end_array (&w);
  fm_json_writer_member (&w, "list");
  fm_json_writer_begin_array (&w);
  fm_json_writer_int (&w, -42);
  fm_json_writer_double (&w, 12.5);
  fm_json_writer_double (&w, 3);
  fm_json_writer_boolean (&w, FALSE);
  fm_json_writer_null (&w);
  fm_json_writer_begin_object (&w);
  fm_json_writer_end_object (&w);
  fm_json_writer_end_array (&w);
  fm_json_writer_end_object (&w);
  g_assert_true (fm_json_writer_is_complete (&w));
  return g_string_free (out, FALSE);
}

static void
test_json_writer_like_glib (void)
{
  g_autoptr(GString) controls = g_string_new (NULL);
  g_autoptr(GString) longer = g_string_new (NULL);
  const char *values[] = {
    "", "plain", "quote \" and \\ backslash", "tab\tline\ncr\rff\fbs\b",
    "caf\xc3\xa9 \xf0\x9f\x8c\x8a \xe2\x80\x9cquoted\xe2\x80\x9d <b>&</b>",
    NULL, NULL,
  };

  /* Every control character but U+001F, which json-glib leaves raw. */
  for (int c = 1; c < 0x1f; c++)
    g_string_append_c (controls, c);
  g_string_append (controls, "\x7f and the rest");
  values[5] = controls->str;
  /* Longer than a word and than the writer's chunk, escapes at the edges. */
  for (int i = 0; i < 1000; i++)
    g_string_append (longer, "ab\"cd\xc3\xa9" "fgh\n");
  values[6] = longer->str;

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      g_autofree char *want = glib_member_string (values[i]);
      g_autofree char *got = writer_member_string (values[i]);

      g_assert_cmpstr (got, ==, want);
    }
}

/* Where json-glib writes what no parser reads, the writer writes valid
 * JSON. */
static void
test_json_writer_valid (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonArray *array;
  FmJsonWriter w;

  fm_json_writer_init (&w, out, 2, FM_JSON_WRITER_ESCAPE_HTML);
  fm_json_writer_begin_array (&w);
  fm_json_writer_string (&w, "unit\x1fseparator");
  fm_json_writer_string (&w, "bad \xff\xc3 utf-8 \xed\xa0\x80");
  fm_json_writer_string_len (&w, "nul\0inside", 11);
  fm_json_writer_string (&w, "</script>&");
  fm_json_writer_double (&w, 1e21);
  fm_json_writer_double (&w, NAN);
  fm_json_writer_end_array (&w);

  g_assert_true (g_utf8_validate (out->str, out->len, NULL));
  g_assert_null (strchr (out->str, '<'));
  g_assert_null (strchr (out->str, '&'));
  g_assert_nonnull (strstr (out->str, "\"unit\\u001fseparator\""));
  g_assert_true (json_parser_load_from_data (parser, out->str, out->len, &error));
  g_assert_no_error (error);
  array = json_node_get_array (json_parser_get_root (parser));
  g_assert_cmpstr (json_array_get_string_element (array, 1), ==,
                   "bad \xef\xbf\xbd\xef\xbf\xbd utf-8 \xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");
  g_assert_cmpmem (json_array_get_string_element (array, 2), 3, "nul", 3);
  g_assert_cmpstr (json_array_get_string_element (array, 3), ==, "</script>&");
  g_assert_cmpfloat (json_array_get_double_element (array, 4), ==, 1e21);
  g_assert_true (json_array_get_null_element (array, 5));
}

/* The writer's own ISO 8601 times are fm_text_format_time()'s. */
static void
test_json_writer_times (void)
{
  gint64 times[] = {
    0, -1, 1, G_USEC_PER_SEC - 1, -G_USEC_PER_SEC, G_GINT64_CONSTANT (951782400) * G_USEC_PER_SEC,
    G_GINT64_CONSTANT (253402300799) * G_USEC_PER_SEC,
    G_GINT64_CONSTANT (253402300800) * G_USEC_PER_SEC,
    G_GINT64_CONSTANT (-62135596800) * G_USEC_PER_SEC,
    G_GINT64_CONSTANT (-62135596801) * G_USEC_PER_SEC,
    G_GINT64_CONSTANT (-30000000000) * G_USEC_PER_SEC,
  };
  GRand *rand = g_rand_new_with_seed (16);

  for (guint i = 0; i < G_N_ELEMENTS (times) + 2000; i++)
    {
      gint64 t = i < G_N_ELEMENTS (times) ? times[i]
                 : (gint64) g_rand_double_range (rand, -7e16, 3e17);
      g_autoptr(GString) out = g_string_new (NULL);
      g_autofree char *iso = fm_text_format_time (t);
      g_autofree char *want = g_strdup_printf ("\"%s\"", iso);
      FmJsonWriter w;

      fm_json_writer_init (&w, out, 2, FM_JSON_WRITER_FLAGS_NONE);
      fm_json_writer_time (&w, t);
      g_assert_cmpstr (out->str, ==, want);
    }
  g_rand_free (rand);
}

/* Confirming a changed entry shows in every export that shows the change:
 * the badge says so, and the machine-readable formats carry the flag. */
static void
test_confirmed_states (void)
{
  g_autofree char *md = export_confirmed (FM_EXPORT_FORMAT_MARKDOWN);
  g_autofree char *html = export_confirmed (FM_EXPORT_FORMAT_HTML);
  g_autofree char *csv = export_confirmed (FM_EXPORT_FORMAT_CSV);
  g_autofree char *w3c = export_confirmed (FM_EXPORT_FORMAT_W3C);
  g_autoptr(GPtrArray) rows = parse_csv (csv);
  char **header = g_ptr_array_index (rows, 0);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *changed = NULL;
  JsonArray *items;
  JsonObject *body;

  g_assert_nonnull (strstr (md, "- **Changed, confirmed** — was: "));
  g_assert_null (strstr (md, "not yet confirmed"));

  g_assert_nonnull (strstr (html, "<span class=\"state s-changed s-confirmed\">"
                                  "Changed, confirmed</span>"));
  g_assert_nonnull (strstr (html, "<li class=\"entry claim changed confirmed\" id=\"claim-5\">"));
  g_assert_nonnull (strstr (html, "<mark class=\"claim changed confirmed\""));
  g_assert_null (strstr (html, "not yet confirmed"));

  for (guint r = 1; r < rows->len; r++)
    {
      char **row = g_ptr_array_index (rows, r);
      const char *state = row[column_index (header, "state")];

      /* Only the orphan has not been looked at. */
      g_assert_cmpstr (row[column_index (header, "confirmed")], ==,
                       g_str_equal (state, "orphaned") ? "false" : "true");
    }

  json_parser_load_from_data (parser, w3c, -1, &error);
  g_assert_no_error (error);
  items = json_object_get_array_member (
    json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "first"),
    "items");
  changed = find_item (items, "urn:uuid:00000000-0000-4000-8000-000000000011");
  g_assert_nonnull (changed);
  body = find_state_body (changed);
  g_assert_nonnull (body);
  g_assert_true (json_object_get_boolean_member (body, "factmark:confirmed"));
  g_assert_nonnull (strstr (get_string (body, "value"), "; confirmed since."));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/formats", test_formats);
  g_test_add_func ("/export/json-writer/like-json-glib", test_json_writer_like_glib);
  g_test_add_func ("/export/json-writer/valid", test_json_writer_valid);
  g_test_add_func ("/export/json-writer/times", test_json_writer_times);
  g_test_add_func ("/export/golden/json", test_golden_json);
  g_test_add_func ("/export/golden/markdown", test_golden_markdown);
  g_test_add_func ("/export/golden/html", test_golden_html);
  g_test_add_func ("/export/golden/csv", test_golden_csv);
  g_test_add_func ("/export/golden/w3c", test_golden_w3c);
  g_test_add_func ("/export/golden/claimreview", test_golden_claimreview);
  g_test_add_func ("/export/json/reference", test_json_reference);
  g_test_add_func ("/export/html/safe", test_html_safe);
  g_test_add_func ("/export/html/states", test_html_states);
  g_test_add_func ("/export/html/overlaps", test_html_overlaps);
  g_test_add_func ("/export/csv/rows", test_csv_rows);
  g_test_add_func ("/export/csv/states", test_csv_states);
  g_test_add_func ("/export/csv/injection", test_csv_injection);
  g_test_add_func ("/export/w3c/required", test_w3c_required);
  g_test_add_func ("/export/w3c/states", test_w3c_states);
  g_test_add_func ("/export/claimreview/reviews", test_claimreview);
  g_test_add_func ("/export/claimreview/states", test_claimreview_states);
  g_test_add_func ("/export/claimreview/shortened", test_claimreview_shortened);
  g_test_add_func ("/export/claimreview/bad-base-url", test_claimreview_bad_base_url);
  g_test_add_func ("/export/markdown/escapes", test_markdown_escapes);
  g_test_add_func ("/export/markdown/states", test_markdown_states);
  g_test_add_func ("/export/states/confirmed", test_confirmed_states);
  g_test_add_func ("/export/bad-span", test_bad_span);
  g_test_add_func ("/export/orphan-order", test_orphan_order);
  g_test_add_func ("/export/empty", test_empty);
  g_test_add_func ("/export/write", test_write);

  return g_test_run ();
}
