/* export-fixture.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The sample article and annotations every export test exports, and the
 * helpers more than one format's tests read the output with. */

#include "config.h"

#include <json-glib/json-glib.h>

#include "export-fixture.h"

#include "fm-text.h"

const char sample_text[] =
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

/* Ids are 1 + the index. The spans nest (1 in 0, 2 in 0, 9 in 8), share a
 * start (0 and 1) or an end (8 and 9), and overlap without nesting (4, 5). */
const SampleSpan sample_spans[] = {
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

const char changed_original[] = "ends in 2026 & \"on budget\"";
const char orphan_quote[] = "=Half the homes are <b>already</b> | \"safe\"";
const char orphan_prefix[] = "the mayor added: ";
const char orphan_suffix[] = ", she said.";
static const char orphan_note[] = "Cut in the update of 4 February.";

static gint64
sample_time (int minutes)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2026, 2, 3, 10, minutes, 0);

  return g_date_time_to_unix (dt) * G_USEC_PER_SEC;
}

FmArticle *
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

FmAnnotation *
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

GPtrArray *
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

const FmExportOptions sample_options = {
  TRUE, "Courier Checks <&>", "https://checks.example.net/reviews",
};

/* Exports the sample with its changed claim in @changed_state: as a later
 * update that found it again unchanged or moved would leave it, it keeps the
 * quote it was first made on. */
char *
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
char *
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

char *
export_sample (FmExportFormat          format,
               const FmExportOptions  *options)
{
  return export_updated (format, options, FM_ANCHOR_CHANGED);
}

/* Compares the sample in @format with the golden file @name, or writes
 * the file when FACTMARK_UPDATE_GOLDEN is set. */
void
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

/* Reads RFC 4180 records, failing on anything the RFC does not allow. */
GPtrArray *
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

guint
column_index (char      **header,
              const char *name)
{
  for (guint i = 0; header[i] != NULL; i++)
    if (g_str_equal (header[i], name))
      return i;
  g_error ("no column %s", name);
}

const char *
get_string (JsonObject *object,
            const char *member)
{
  JsonNode *node = json_object_get_member (object, member);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    g_error ("no string member %s", member);
  return json_node_get_string (node);
}

JsonObject *
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
JsonObject *
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
