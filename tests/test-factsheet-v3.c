/* test-factsheet-v3.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Tests of version 3 of the JSON fact sheet as the writer makes it: every
 * entry says whether the user confirmed what an update of the text did to
 * it, a sheet with the text carries the article's revisions, and a sheet
 * exported from one library and imported into another keeps both. Also
 * how the other exports show that an entry's change is confirmed or not. */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "fm-export.h"
#include "fm-factsheet.h"
#include "fm-import-annotations.h"
#include "fm-store.h"
#include "fm-text.h"
#include "fm-types.h"
#include "fm-update.h"
#include "fm-test-utils.h"

#define ARTICLE_UUID "7b1c2d3e-4f50-4a61-8b72-c3d4e5f60718"

static const char text_1[] =
  "The council voted 7 to 2 to spend 40 million on the bridge. The mayor said it opens "
  "in 2027. Critics said the cost doubled since the first estimate.\n";
static const char text_2[] =
  "The council voted 7 to 2 to spend 40 million on the bridge. The mayor said it opens "
  "in 2028. Critics said the cost doubled since the first estimate.\n";
static const char text_3[] =
  "The council voted 7 to 2 to spend 45 million on the bridge. The mayor said it opens "
  "in 2028. Critics said the cost tripled since the first estimate.\n";

typedef struct
{
  FmTestLibrary  lib;
  FmStore       *a;  /* Where the article is marked, updated and exported from: lib's store. */
  FmStore       *b;  /* Where its sheet is imported into, in the same folder. */
  FmArticle     *article;
} Fixture;

static FmAnnotation *
add_annotation (Fixture    *f,
                guint       number,
                FmKind      kind,
                const char *quote)
{
  g_autofree char *uuid = g_strdup_printf ("00000000-0000-4000-8000-%012u", number);
  g_autoptr(GArray) hits = fm_text_find_all (text_1, quote);
  g_autoptr(GError) error = NULL;
  FmAnnotation *a = fm_annotation_new (kind);
  glong start;

  g_assert_cmpuint (hits->len, ==, 1);
  start = g_array_index (hits, glong, 0);
  fm_annotation_set_uuid (a, uuid);
  fm_annotation_set_article_id (a, fm_article_get_id (f->article));
  g_assert_true (fm_annotation_anchor (a, text_1, fm_text_length (text_1), start,
                                       start + g_utf8_strlen (quote, -1), &error));
  g_assert_no_error (error);
  g_assert_true (fm_store_add_annotation (f->a, a, &error));
  g_assert_no_error (error);
  return a;
}

static FmAnnotation *
lookup (FmStore    *store,
        guint       number)
{
  g_autofree char *uuid = g_strdup_printf ("00000000-0000-4000-8000-%012u", number);
  g_autoptr(GError) error = NULL;
  FmAnnotation *a = fm_store_lookup_annotation (store, uuid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (a);
  return a;
}

static void
update (Fixture    *f,
        const char *text,
        const char *origin)
{
  FmUpdateSummary summary = { 0 };
  g_autoptr(GError) error = NULL;

  g_assert_true (fm_update_article (f->a, fm_article_get_id (f->article), text, origin, &summary,
                                    NULL, &error));
  g_assert_no_error (error);
  fm_update_summary_clear (&summary);
}

/* An article in its third text: the claim the first update changed was
 * confirmed and is found unchanged by the second; of the two entries the
 * second update changed, the figure has been confirmed, the claim not. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(FmArticle) article = fm_article_new ();
  g_autoptr(FmAnnotation) figure = NULL;
  g_autoptr(FmAnnotation) opens = NULL;
  g_autoptr(FmAnnotation) cost = NULL;
  g_autoptr(FmAnnotation) mayor = NULL;
  g_autoptr(FmAnnotation) confirmed = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  fm_test_library_setup (&f->lib, data);
  f->a = f->lib.store;
  f->b = fm_test_library_open (&f->lib, "b.db");

  fm_article_set_text (article, text_1);
  fm_article_set_uuid (article, ARTICLE_UUID);
  fm_article_set_title (article, "Bridge vote");
  fm_article_set_url (article, "https://news.example/bridge");
  f->article = fm_store_add_article (f->a, article, NULL, &error);
  g_assert_no_error (error);

  figure = add_annotation (f, 1, FM_KIND_FIGURE, "40 million");
  opens = add_annotation (f, 2, FM_KIND_CLAIM, "it opens in 2027");
  cost = add_annotation (f, 3, FM_KIND_CLAIM, "the cost doubled");
  mayor = add_annotation (f, 4, FM_KIND_SOURCE, "The mayor");

  update (f, text_2, "bridge-2.txt");
  confirmed = lookup (f->a, 2);
  g_assert_cmpint (fm_annotation_get_state (confirmed), ==, FM_ANCHOR_CHANGED);
  g_assert_false (fm_annotation_get_confirmed (confirmed));
  fm_annotation_set_confirmed (confirmed, TRUE);
  g_assert_true (fm_store_update_annotation (f->a, confirmed, &error));
  g_assert_no_error (error);

  update (f, text_3, "bridge-3.txt");
  g_clear_object (&confirmed);
  confirmed = lookup (f->a, 1);
  g_assert_cmpint (fm_annotation_get_state (confirmed), ==, FM_ANCHOR_CHANGED);
  fm_annotation_set_confirmed (confirmed, TRUE);
  g_assert_true (fm_store_update_annotation (f->a, confirmed, &error));
  g_assert_no_error (error);
  id = fm_article_get_id (f->article);
  g_clear_object (&f->article);
  f->article = fm_store_get_article (f->a, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fm_article_get_revision (f->article), ==, 3);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->article);
  g_clear_object (&f->b);
  fm_test_library_teardown (&f->lib, data);
}

static char *
export_from (Fixture        *f,
             FmExportFormat  format,
             gboolean        with_text,
             gboolean        with_revisions)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  FmExportOptions options = FM_EXPORT_OPTIONS_INIT;
  char *data;

  annotations = fm_store_list_annotations (f->a, fm_article_get_id (f->article), &error);
  g_assert_no_error (error);
  if (with_revisions)
    {
      revisions = fm_export_list_revisions (f->a, fm_article_get_id (f->article), &error);
      g_assert_no_error (error);
    }
  options.with_text = with_text;
  options.revisions = revisions;
  data = fm_export_to_string (format, f->article, annotations, &options, &error);
  g_assert_no_error (error);
  g_assert_nonnull (data);
  return data;
}

static JsonObject *
parse_object (JsonParser *parser,
              const char *data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (json_parser_load_from_data (parser, data, -1, &error));
  g_assert_no_error (error);
  return json_node_get_object (json_parser_get_root (parser));
}

/* The entry of @array with the uuid of annotation @number. */
static JsonObject *
find_entry (JsonObject *root,
            const char *array,
            guint       number)
{
  g_autofree char *uuid = g_strdup_printf ("00000000-0000-4000-8000-%012u", number);
  JsonArray *entries = json_object_get_array_member (root, array);

  for (guint i = 0; i < json_array_get_length (entries); i++)
    {
      JsonObject *entry = json_array_get_object_element (entries, i);

      if (g_str_equal (json_object_get_string_member (entry, "id"), uuid))
        return entry;
    }
  g_assert_not_reached ();
}

/* Version 3 says, for every entry, whether it waits to be confirmed. */
static void
test_confirmed (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = export_from (f, FM_EXPORT_FORMAT_JSON, TRUE, FALSE);
  JsonObject *root = parse_object (parser, json);
  const char *arrays[] = { "claims", "figures", "sources" };
  JsonObject *opens = find_entry (root, "claims", 2);
  JsonObject *cost = find_entry (root, "claims", 3);
  JsonObject *figure = find_entry (root, "figures", 1);

  g_assert_cmpint (FM_FACTSHEET_VERSION, ==, 3);
  g_assert_cmpint (json_object_get_int_member (root, "version"), ==, 3);

  /* Written on every entry, and as a JSON boolean. */
  for (guint k = 0; k < G_N_ELEMENTS (arrays); k++)
    {
      JsonArray *entries = json_object_get_array_member (root, arrays[k]);

      g_assert_cmpuint (json_array_get_length (entries), >, 0);
      for (guint i = 0; i < json_array_get_length (entries); i++)
        {
          JsonObject *entry = json_array_get_object_element (entries, i);
          JsonNode *node = json_object_get_member (entry, "confirmed");

          g_assert_nonnull (node);
          g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_BOOLEAN);
        }
    }

  g_assert_cmpstr (json_object_get_string_member (opens, "state"), ==, "unchanged");
  g_assert_true (json_object_get_boolean_member (opens, "confirmed"));
  g_assert_cmpstr (json_object_get_string_member (cost, "state"), ==, "changed");
  g_assert_false (json_object_get_boolean_member (cost, "confirmed"));
  g_assert_cmpstr (json_object_get_string_member (figure, "state"), ==, "changed");
  g_assert_true (json_object_get_boolean_member (figure, "confirmed"));

  /* Not read from the store, the revisions are not claimed to be none. */
  g_assert_false (json_object_has_member (json_object_get_object_member (root, "article"),
                                          "revisions"));
}

/* The revisions are the store's, oldest first, each with its text; the
 * last is the current text. */
static void
test_revisions (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = export_from (f, FM_EXPORT_FORMAT_JSON, TRUE, TRUE);
  JsonObject *article = json_object_get_object_member (parse_object (parser, json), "article");
  JsonArray *revisions = json_object_get_array_member (article, "revisions");
  const char *texts[] = { text_1, text_2, text_3 };
  const char *origins[] = { NULL, "bridge-2.txt", "bridge-3.txt" };

  g_assert_cmpint (json_object_get_int_member (article, "revision"), ==, 3);
  g_assert_nonnull (revisions);
  g_assert_cmpuint (json_array_get_length (revisions), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      JsonObject *r = json_array_get_object_element (revisions, i);
      g_autofree char *sha = fm_text_sha256 (texts[i]);
      g_autoptr(GDateTime) created = NULL;

      g_assert_cmpint (json_object_get_int_member (r, "number"), ==, i + 1);
      g_assert_cmpstr (json_object_get_string_member (r, "text"), ==, texts[i]);
      g_assert_cmpstr (json_object_get_string_member (r, "text_sha256"), ==, sha);
      g_assert_cmpint (json_object_get_int_member (r, "length"), ==, fm_text_length (texts[i]));
      g_assert_cmpstr (json_object_get_string_member (r, "origin"), ==, origins[i]);
      created = g_date_time_new_from_iso8601 (json_object_get_string_member (r, "created"), NULL);
      g_assert_nonnull (created);
      g_assert_true (g_str_has_suffix (json_object_get_string_member (r, "created"), "Z"));
    }
  g_assert_cmpstr (json_object_get_string_member (article, "text"), ==, text_3);
}

/* A sheet without the text carries no revisions either, even when they
 * are given; every entry still says whether it is confirmed. */
static void
test_without_text (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *json = export_from (f, FM_EXPORT_FORMAT_JSON, FALSE, TRUE);
  JsonObject *root = parse_object (parser, json);
  JsonObject *article = json_object_get_object_member (root, "article");

  g_assert_false (json_object_has_member (article, "text"));
  g_assert_false (json_object_has_member (article, "revisions"));
  g_assert_false (json_object_get_boolean_member (find_entry (root, "claims", 3), "confirmed"));
}

/* Export from one library, import into another: the same revisions under
 * the same numbers, the same revision number, the same confirmed flags. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *json = export_from (f, FM_EXPORT_FORMAT_JSON, TRUE, TRUE);
  g_autoptr(GError) error = NULL;
  g_autoptr(FmSheetImport) sheet = fm_sheet_import_read (json, strlen (json), &error);
  g_autoptr(FmArticle) imported = NULL;
  g_autoptr(FmArticle) stored = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  FmSheetImportCounts counts;

  g_assert_no_error (error);
  imported = fm_sheet_import_add_article (sheet, f->b, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 4);

  stored = fm_store_get_article (f->b, fm_article_get_id (imported), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fm_article_get_uuid (stored), ==, ARTICLE_UUID);
  g_assert_cmpuint (fm_article_get_revision (stored), ==, 3);
  g_assert_cmpstr (fm_article_get_text (stored), ==, text_3);

  before = fm_export_list_revisions (f->a, fm_article_get_id (f->article), &error);
  g_assert_no_error (error);
  after = fm_export_list_revisions (f->b, fm_article_get_id (stored), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, before->len);
  for (guint i = 0; i < before->len; i++)
    {
      FmExportRevision *x = g_ptr_array_index (before, i);
      FmExportRevision *y = g_ptr_array_index (after, i);

      g_assert_cmpuint (y->number, ==, x->number);
      /* The sheet gives times to the second. */
      g_assert_cmpint (y->created, ==, x->created / G_USEC_PER_SEC * G_USEC_PER_SEC);
      g_assert_cmpstr (y->origin, ==, x->origin);
      g_assert_cmpstr (y->sha256, ==, x->sha256);
      g_assert_cmpint (y->length, ==, x->length);
      g_assert_cmpstr (y->text, ==, x->text);
    }

  annotations = fm_store_list_annotations (f->a, fm_article_get_id (f->article), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < annotations->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (annotations, i);
      g_autoptr(FmAnnotation) b = fm_store_lookup_annotation (f->b, fm_annotation_get_uuid (a),
                                                              &error);

      g_assert_no_error (error);
      g_assert_cmpint (fm_annotation_get_state (b), ==, fm_annotation_get_state (a));
      g_assert_cmpint (fm_annotation_get_confirmed (b), ==, fm_annotation_get_confirmed (a));
    }
  {
    g_autoptr(FmAnnotation) figure = lookup (f->b, 1);
    g_autoptr(FmAnnotation) cost = lookup (f->b, 3);

    g_assert_cmpint (fm_annotation_get_state (figure), ==, FM_ANCHOR_CHANGED);
    g_assert_true (fm_annotation_get_confirmed (figure));
    g_assert_cmpint (fm_annotation_get_state (cost), ==, FM_ANCHOR_CHANGED);
    g_assert_false (fm_annotation_get_confirmed (cost));
  }

  /* The next update of the imported article is revision 4. */
  {
    g_autoptr(GPtrArray) updated = NULL;
    FmUpdateSummary summary = { 0 };
    g_autoptr(FmArticle) again = NULL;

    g_assert_true (fm_update_article (f->b, fm_article_get_id (stored), text_1, NULL, &summary,
                                      NULL, &error));
    g_assert_no_error (error);
    fm_update_summary_clear (&summary);
    again = fm_store_get_article (f->b, fm_article_get_id (stored), &error);
    g_assert_cmpuint (fm_article_get_revision (again), ==, 4);
    updated = fm_store_list_revisions (f->b, fm_article_get_id (stored), &error);
    g_assert_cmpuint (updated->len, ==, 4);
  }
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  GError    *error;
} Write;

static void
write_done (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Write *write = user_data;

  write->ok = fm_export_write_finish (result, &write->error);
  g_main_loop_quit (write->loop);
}

/* The writer in a thread has its own copy of the revisions. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = fm_test_library_build_path (&f->lib, "sheet.json");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *contents = NULL;
  FmExportOptions options = FM_EXPORT_OPTIONS_INIT;
  Write write = { g_main_loop_new (NULL, FALSE), FALSE, NULL };
  JsonArray *written;

  annotations = fm_store_list_annotations (f->a, fm_article_get_id (f->article), &error);
  g_assert_no_error (error);
  revisions = fm_export_list_revisions (f->a, fm_article_get_id (f->article), &error);
  g_assert_no_error (error);
  options.revisions = revisions;
  fm_export_write_async (FM_EXPORT_FORMAT_JSON, f->article, annotations, &options, file, NULL,
                         write_done, &write);
  /* Gone before the thread writes. */
  g_clear_pointer (&revisions, g_ptr_array_unref);
  g_main_loop_run (write.loop);
  g_main_loop_unref (write.loop);
  g_assert_no_error (write.error);
  g_assert_true (write.ok);

  g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
  written = json_object_get_array_member (json_object_get_object_member (
                                            parse_object (parser, contents), "article"),
                                          "revisions");
  g_assert_cmpuint (json_array_get_length (written), ==, 3);
  g_assert_cmpstr (json_object_get_string_member (json_array_get_object_element (written, 0),
                                                  "text"), ==, text_1);
}

/* An article never updated has no revisions in the store: the sheet says
 * so with an empty list. */
static void
test_never_updated (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmTestLibrary) lib = fm_test_library_new ();
  FmStore *store = lib->store;
  g_autoptr(FmArticle) article = fm_article_new ();
  g_autoptr(FmArticle) stored = NULL;
  g_autoptr(GPtrArray) revisions = NULL;

  fm_article_set_text (article, text_1);
  stored = fm_store_add_article (store, article, NULL, &error);
  g_assert_no_error (error);
  revisions = fm_export_list_revisions (store, fm_article_get_id (stored), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 0);
}

#define fixture_test(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  fixture_test ("/factsheet-v3/confirmed", test_confirmed);
  fixture_test ("/factsheet-v3/revisions", test_revisions);
  fixture_test ("/factsheet-v3/without-text", test_without_text);
  fixture_test ("/factsheet-v3/round-trip", test_round_trip);
  fixture_test ("/factsheet-v3/async", test_async);
  g_test_add_func ("/factsheet-v3/never-updated", test_never_updated);

  return g_test_run ();
}
