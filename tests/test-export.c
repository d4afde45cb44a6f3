/* test-export.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Tests of the fact sheet exports that hold for every format: their names,
 * errors, order, an empty sheet, writing to a file and confirmed entries.
 * Each format has its own tests in test-export-FORMAT.c, and
 * export-fixture.c builds the sample they all export.
 *
 * The golden-file tests compare each format's output for a fixed article
 * (fixed uuids, times and text, built in build_sample()) with the files in
 * tests/data/export/. After an intended change of output, regenerate them
 * with
 *
 *   FACTMARK_UPDATE_GOLDEN=1 meson test -C BUILDDIR --suite export
 *
 * and read the diff before committing it: the test then writes the files
 * into the source tree instead of comparing. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "export-fixture.h"
#include "fm-export-private.h"
#include "fm-test-utils.h"

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

/* Whole numbers are written without printf; every value must still read as
 * "%.15g" writes it, whichever way it is written. */
static void
test_format_value (void)
{
  static const double values[] = {
    0, 1, -1, 7, 10, 42, 1000, 4200000, -273, 123456789012345, -999999999999999,
    1e15, 1e16, -1e15, 2.5, -0.5, 0.1, 1.0 / 3, 3.75e-7, 1e300, -0.0, 9007199254740993.0,
  };

  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    {
      char expected[G_ASCII_DTOSTR_BUF_SIZE];
      g_autofree char *got = fm_export_format_value (values[i]);

      g_ascii_formatd (expected, sizeof expected, "%.15g", values[i]);
      g_assert_cmpstr (got, ==, expected);
    }
  for (int i = -2000; i <= 2000; i++)
    {
      char expected[G_ASCII_DTOSTR_BUF_SIZE];
      double value = i * 12345.0;
      g_autofree char *got = fm_export_format_value (value);

      g_ascii_formatd (expected, sizeof expected, "%.15g", value);
      g_assert_cmpstr (got, ==, expected);
    }
}

/* Only an http or https URL with a host, and nothing a browser would strip
 * or read otherwise, becomes a link. */
static void
test_web_url (void)
{
  static const char *links[] = {
    "https://example.org", "http://example.org/a?b=c#d", "HTTPS://Example.org/",
    "Http://x.example:8080/p", "https://user@example.org/",
  };
  static const char *texts[] = {
    "javascript:alert(1)", "java\nscript:alert(1)", "https://", "https:///path",
    "http:example.org", "https:/example.org", "ftp://example.org", "httpx://example.org",
    "https://example.org/<script>", "https://exa mple.org", " https://example.org",
    "https://example.org/\"x\"", "https://example.org/\x7f", "mailto:a@example.org",
    "example.org", "", "phone call, 3 March", "https://example.org/{x}",
  };

  g_assert_false (fm_export_is_web_url (NULL));
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    g_assert_true (fm_export_is_web_url (links[i]));
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      if (fm_export_is_web_url (texts[i]))
        g_error ("“%s” was taken for a web URL", texts[i]);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/formats", test_formats);
  g_test_add_func ("/export/states/confirmed", test_confirmed_states);
  g_test_add_func ("/export/bad-span", test_bad_span);
  g_test_add_func ("/export/orphan-order", test_orphan_order);
  g_test_add_func ("/export/empty", test_empty);
  g_test_add_func ("/export/write", test_write);
  g_test_add_func ("/export/format-value", test_format_value);
  g_test_add_func ("/export/web-url", test_web_url);

  return g_test_run ();
}
