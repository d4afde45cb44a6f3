/* test-export-w3c.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The W3C Web Annotation export. */

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "export-fixture.h"
#include "fm-text.h"

static void
test_golden_w3c (void)
{
  check_golden (FM_EXPORT_FORMAT_W3C, "sample.w3c.jsonld");
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/golden/w3c", test_golden_w3c);
  g_test_add_func ("/export/w3c/required", test_w3c_required);
  g_test_add_func ("/export/w3c/states", test_w3c_states);

  return g_test_run ();
}
