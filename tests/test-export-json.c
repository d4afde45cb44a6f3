/* test-export-json.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The JSON fact sheet, and the JSON writer the JSON formats share. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "export-fixture.h"
#include "fm-text.h"
#include "fm-json-writer.h"

static void
test_golden_json (void)
{
  check_golden (FM_EXPORT_FORMAT_JSON, "sample.json");
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/json-writer/like-json-glib", test_json_writer_like_glib);
  g_test_add_func ("/export/json-writer/valid", test_json_writer_valid);
  g_test_add_func ("/export/json-writer/times", test_json_writer_times);
  g_test_add_func ("/export/golden/json", test_golden_json);
  g_test_add_func ("/export/json/reference", test_json_reference);

  return g_test_run ();
}
