/* test-sheet-import.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Tests of reading fact sheets, W3C Web Annotation and Hypothesis JSON back
 * into a library: round trips through the exports, anchoring with repeats,
 * UTF-16 positions and orphans, and bad input, which must leave the library
 * exactly as it was (compared table by table, row by row). */

#include "config.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>
#include <string.h>

#include "fm-export.h"
#include "fm-factsheet.h"
#include "fm-import-annotations.h"
#include "fm-store-private.h"
#include "fm-text.h"
#include "fm-types.h"
#include "fm-test-utils.h"

typedef struct
{
  FmTestLibrary  lib;
  FmStore       *a;  /* Where the sample is made and exported from: lib's store. */
  FmStore       *b;  /* Where it is imported into, in the same folder. */
  char          *text;
} Fixture;

static char *
read_data (const char *name,
           gsize      *len)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "annotations", name, NULL);
  g_autoptr(GError) error = NULL;
  char *data = NULL;

  g_file_get_contents (path, &data, len, &error);
  g_assert_no_error (error);
  return data;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fm_test_library_setup (&f->lib, data);
  f->a = f->lib.store;
  f->b = fm_test_library_open (&f->lib, "b.db");
  f->text = read_data ("article.txt", NULL);
  g_assert_true (fm_text_is_canonical (f->text));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->b);
  fm_test_library_teardown (&f->lib, data);
  g_free (f->text);
}

static int
compare_rows (gconstpointer a,
              gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Every row of every table, sorted, so two dumps are equal exactly when
 * the library holds the same. */
static char *
dump_library (FmStore  *store,
              gboolean  with_sequence)
{
  sqlite3 *db = fm_store_get_db (store);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3_stmt *stmt;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table' "
                                           "ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", table);
      g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_free);

      if (!with_sequence && strcmp (table, "sqlite_sequence") == 0)
        continue;
      /* The search index's own storage (search_articles_data and the like)
       * is laid out differently after an insert and its compensating
       * delete, though it indexes the same rows; the index is checked
       * against its content below instead. */
      if (g_str_has_prefix (table, "search_") && strchr (table + strlen ("search_"), '_') != NULL)
        continue;
      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          GString *row = g_string_new (NULL);

          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            {
              const char *v = (const char *) sqlite3_column_text (stmt, c);
              g_string_append_printf (row, "%s|", v ? v : "NULL");
            }
          g_ptr_array_add (rows, g_string_free (row, FALSE));
        }
      sqlite3_finalize (stmt);
      g_ptr_array_sort (rows, compare_rows);
      g_string_append_printf (out, "[%s]\n", table);
      for (guint r = 0; r < rows->len; r++)
        g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (rows, r));
    }
  for (guint i = 0; i < tables->len; i++)
    {
      const char *table = g_ptr_array_index (tables, i);
      g_autofree char *check = NULL;

      if (!g_str_has_prefix (table, "search_") || strchr (table + strlen ("search_"), '_') != NULL)
        continue;
      check = g_strdup_printf ("INSERT INTO %s (%s) VALUES ('integrity-check')", table, table);
      g_assert_cmpint (sqlite3_exec (db, check, NULL, NULL, NULL), ==, SQLITE_OK);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static gint64
sample_time (int minutes)
{
  g_autoptr(GDateTime) dt = g_date_time_new_utc (2026, 3, 2, 10, 0, 0);

  return (g_date_time_to_unix (dt) + 60 * minutes) * G_USEC_PER_SEC;
}

static FmArticle *
add_article (FmStore    *store,
             const char *text,
             const char *uuid)
{
  g_autoptr(FmArticle) article = fm_article_new ();
  g_autoptr(GError) error = NULL;
  FmArticle *stored;

  fm_article_set_text (article, text);
  fm_article_set_uuid (article, uuid);
  fm_article_set_title (article, "Riverbend passes its budget");
  fm_article_set_url (article, "https://riverbend.example/news/budget-vote");
  fm_article_set_outlet (article, "Riverbend Tribune");
  fm_article_set_author (article, "Sam Idowu");
  fm_article_set_published (article, "2026-03-01");
  stored = fm_store_add_article (store, article, NULL, &error);
  g_assert_no_error (error);
  return stored;
}

/* The n-th (from 0) occurrence of @quote, in code points. */
static glong
occurrence (const char *text,
            const char *quote,
            guint       n)
{
  g_autoptr(GArray) hits = fm_text_find_all (text, quote);

  g_assert_cmpuint (hits->len, >, n);
  return g_array_index (hits, glong, n);
}

static FmAnnotation *
new_annotation (FmArticle  *article,
                guint       number,
                FmKind      kind,
                const char *quote,
                guint       n)
{
  const char *text = fm_article_get_text (article);
  g_autofree char *uuid = g_strdup_printf ("00000000-0000-4000-8000-%012u", number);
  g_autoptr(GError) error = NULL;
  FmAnnotation *a = fm_annotation_new (kind);
  glong start = occurrence (text, quote, n);

  fm_annotation_set_uuid (a, uuid);
  fm_annotation_set_article_id (a, fm_article_get_id (article));
  g_assert_true (fm_annotation_anchor (a, text, fm_article_get_length (article), start,
                                       start + g_utf8_strlen (quote, -1), &error));
  g_assert_no_error (error);
  fm_annotation_set_times (a, sample_time (number), sample_time (30 + number));
  return a;
}

static void
store_annotation (FmStore      *store,
                  FmAnnotation *a)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (fm_store_add_annotation (store, a, &error));
  g_assert_no_error (error);
}

static const char hostile_note[] =
  "Says <script>alert(\"x\")</script> & 'so';\nsee 🏛 the minutes";

#define SAMPLE_ARTICLE_UUID "5a3e0c1b-2d4f-4e6a-8b7c-9d0e1f2a3b4c"

/* An article with every feature a sheet carries: named and unnamed
 * sources, a claim attributed to two of them with evidence and a hostile
 * note, figures with and without a value, two claims on the same span, a
 * changed claim that remembers its first quote, and an orphan. Returns
 * the number of annotations; *links the attributions. */
static guint
build_library (FmStore    *store,
               const char *text,
               FmArticle **out,
               guint      *links)
{
  g_autoptr(FmArticle) article = add_article (store, text, SAMPLE_ARTICLE_UUID);
  g_autoptr(FmAnnotation) council = new_annotation (article, 1, FM_KIND_SOURCE, "The council", 0);
  g_autoptr(FmAnnotation) ortiz = new_annotation (article, 2, FM_KIND_SOURCE, "Lena Ortiz", 0);
  g_autoptr(FmAnnotation) cost = new_annotation (article, 3, FM_KIND_CLAIM,
                                                 "the plan would cost 40 million", 1);
  g_autoptr(FmAnnotation) cost2 = new_annotation (article, 4, FM_KIND_CLAIM,
                                                  "the plan would cost 40 million", 1);
  g_autoptr(FmAnnotation) buses = new_annotation (article, 5, FM_KIND_FIGURE, "120 buses", 0);
  g_autoptr(FmAnnotation) depots = new_annotation (article, 6, FM_KIND_FIGURE, "3 depots", 0);
  g_autoptr(FmAnnotation) taxes = new_annotation (article, 7, FM_KIND_CLAIM,
                                                  "We will not raise taxes", 1);
  g_autoptr(FmAnnotation) fare = new_annotation (article, 8, FM_KIND_CLAIM, "the plan", 0);

  fm_annotation_set_name (council, "Riverbend City Council");
  fm_annotation_set_source_type (council, FM_SOURCE_TYPE_GOVERNMENT);
  fm_annotation_set_note (ortiz, hostile_note);
  store_annotation (store, council);
  store_annotation (store, ortiz);

  fm_annotation_set_verdict (cost, FM_VERDICT_MISLEADING);
  fm_annotation_set_note (cost, hostile_note);
  fm_annotation_add_evidence (cost, "https://riverbend.example/budget-2026.pdf", "Table 4");
  fm_annotation_add_evidence (cost, "phone call with the treasurer's office", NULL);
  fm_annotation_add_source (cost, fm_annotation_get_id (council));
  fm_annotation_add_source (cost, fm_annotation_get_id (ortiz));
  store_annotation (store, cost);
  store_annotation (store, cost2);

  fm_annotation_set_verdict (buses, FM_VERDICT_TRUE);
  fm_annotation_set_value (buses, TRUE, 120);
  fm_annotation_set_unit (buses, "buses");
  fm_annotation_add_source (buses, fm_annotation_get_id (council));
  store_annotation (store, buses);
  store_annotation (store, depots);

  fm_annotation_set_state (taxes, FM_ANCHOR_CHANGED);
  fm_annotation_set_original_quote (taxes, "We won't raise taxes");
  fm_annotation_set_confirmed (taxes, FALSE);
  store_annotation (store, taxes);

  fm_annotation_set_quote (fare, "the plan doubles the fare", "Residents said ", " next year.");
  fm_annotation_orphan (fare);
  fm_annotation_set_confirmed (fare, FALSE);
  fm_annotation_set_verdict (fare, FM_VERDICT_UNPROVEN);
  fm_annotation_add_source (fare, fm_annotation_get_id (ortiz));
  store_annotation (store, fare);

  *out = g_steal_pointer (&article);
  *links = 4;
  return 8;
}

static char *
export (FmStore        *store,
        FmArticle      *article,
        FmExportFormat  format,
        gboolean        with_text)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(FmArticle) full = NULL;
  g_autoptr(GError) error = NULL;
  FmExportOptions options = FM_EXPORT_OPTIONS_INIT;
  char *data;

  options.with_text = with_text;
  full = fm_store_get_article (store, fm_article_get_id (article), &error);
  g_assert_no_error (error);
  annotations = fm_store_list_annotations (store, fm_article_get_id (article), &error);
  g_assert_no_error (error);
  data = fm_export_to_string (format, full, annotations, &options, &error);
  g_assert_no_error (error);
  return data;
}

static FmArticle *
import_sheet (FmStore             *store,
              const char          *data,
              gssize               len,
              FmSheetImportCounts *counts)
{
  g_autoptr(FmSheetImport) sheet = NULL;
  g_autoptr(GError) error = NULL;
  FmArticle *article;

  sheet = fm_sheet_import_read (data, len < 0 ? strlen (data) : (gsize) len, &error);
  g_assert_no_error (error);
  g_assert_true (fm_sheet_import_is_factsheet (sheet));
  article = fm_sheet_import_add_article (sheet, store, counts, &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);
  return article;
}

static void
import_annotations (FmStore             *store,
                    gint64               article_id,
                    const char          *data,
                    FmSheetImportCounts *counts)
{
  g_autoptr(FmSheetImport) sheet = NULL;
  g_autoptr(GError) error = NULL;

  sheet = fm_sheet_import_read (data, strlen (data), &error);
  g_assert_no_error (error);
  g_assert_false (fm_sheet_import_is_factsheet (sheet));
  g_assert_true (fm_sheet_import_add_annotations (sheet, store, article_id, counts, &error));
  g_assert_no_error (error);
}

/* Round trips */

static void
test_json_round_trip (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(FmArticle) original = NULL;
  g_autoptr(FmArticle) imported = NULL;
  g_autoptr(FmArticle) again = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *reexported = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *version = NULL;
  FmSheetImportCounts counts;
  guint links;
  guint n = build_library (f->a, f->text, &original, &links);

  sheet = export (f->a, original, FM_EXPORT_FORMAT_JSON, TRUE);
  version = g_strdup_printf ("\"version\" : %d", FM_FACTSHEET_VERSION);
  g_assert_nonnull (strstr (sheet, version));
  g_assert_true (fm_sheet_import_data_is_factsheet (sheet, strlen (sheet)));

  imported = import_sheet (f->b, sheet, -1, &counts);
  g_assert_cmpuint (counts.added, ==, n);
  g_assert_cmpuint (counts.orphaned, ==, 1);
  g_assert_cmpuint (counts.anchored, ==, n - 1);
  g_assert_cmpuint (counts.present, ==, 0);
  g_assert_cmpuint (counts.links, ==, links);
  g_assert_cmpuint (counts.unlinked, ==, 0);
  g_assert_cmpstr (fm_article_get_uuid (imported), ==, SAMPLE_ARTICLE_UUID);

  /* Byte for byte: uuids, times, states, links and evidence all kept. */
  reexported = export (f->b, imported, FM_EXPORT_FORMAT_JSON, TRUE);
  g_assert_cmpstr (reexported, ==, sheet);

  /* A second import finds everything there and adds nothing. */
  before = dump_library (f->b, TRUE);
  again = import_sheet (f->b, sheet, -1, &counts);
  after = dump_library (f->b, TRUE);
  g_assert_cmpint (fm_article_get_id (again), ==, fm_article_get_id (imported));
  g_assert_cmpuint (counts.added, ==, 0);
  g_assert_cmpuint (counts.present, ==, n);
  g_assert_cmpstr (after, ==, before);

  /* Into the library it came from, likewise. */
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);
  g_clear_object (&again);
  before = dump_library (f->a, TRUE);
  again = import_sheet (f->a, sheet, -1, &counts);
  after = dump_library (f->a, TRUE);
  g_assert_cmpuint (counts.present, ==, n);
  g_assert_cmpstr (after, ==, before);
}

static FmAnnotation *
find_by_uuid (GPtrArray  *annotations,
              const char *uuid)
{
  for (guint i = 0; i < annotations->len; i++)
    if (g_strcmp0 (fm_annotation_get_uuid (g_ptr_array_index (annotations, i)), uuid) == 0)
      return g_ptr_array_index (annotations, i);
  return NULL;
}

static FmAnnotation *
find_by_id (GPtrArray *annotations,
            gint64     id)
{
  for (guint i = 0; i < annotations->len; i++)
    if (fm_annotation_get_id (g_ptr_array_index (annotations, i)) == id)
      return g_ptr_array_index (annotations, i);
  return NULL;
}

static void
test_w3c_round_trip (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(FmArticle) original = NULL;
  g_autoptr(FmArticle) target = NULL;
  g_autoptr(GPtrArray) had = NULL;
  g_autoptr(GPtrArray) got = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *w3c = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  FmSheetImportCounts counts;
  guint links;
  guint n = build_library (f->a, f->text, &original, &links);

  w3c = export (f->a, original, FM_EXPORT_FORMAT_W3C, TRUE);
  g_assert_false (fm_sheet_import_data_is_factsheet (w3c, strlen (w3c)));

  /* The same text, imported on its own into another library. */
  target = add_article (f->b, f->text, NULL);
  import_annotations (f->b, fm_article_get_id (target), w3c, &counts);
  g_assert_cmpuint (counts.added, ==, n);
  g_assert_cmpuint (counts.anchored, ==, n - 1);
  g_assert_cmpuint (counts.orphaned, ==, 1);
  g_assert_cmpuint (counts.links, ==, links);
  g_assert_cmpuint (counts.unlinked, ==, 0);
  g_assert_cmpuint (counts.skipped, ==, 0);

  had = fm_store_list_annotations (f->a, fm_article_get_id (original), &error);
  g_assert_no_error (error);
  got = fm_store_list_annotations (f->b, fm_article_get_id (target), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, had->len);

  for (guint i = 0; i < had->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (had, i);
      FmAnnotation *b = find_by_uuid (got, fm_annotation_get_uuid (a));
      GPtrArray *ea, *eb;
      GArray *sa, *sb;

      g_assert_nonnull (b);
      g_assert_cmpint (fm_annotation_get_start (b), ==, fm_annotation_get_start (a));
      g_assert_cmpint (fm_annotation_get_end (b), ==, fm_annotation_get_end (a));
      g_assert_cmpstr (fm_annotation_get_quote (b), ==, fm_annotation_get_quote (a));
      g_assert_cmpstr (fm_annotation_get_prefix (b), ==, fm_annotation_get_prefix (a));
      g_assert_cmpstr (fm_annotation_get_suffix (b), ==, fm_annotation_get_suffix (a));
      g_assert_cmpint (fm_annotation_get_kind (b), ==, fm_annotation_get_kind (a));
      g_assert_cmpint (fm_annotation_get_verdict (b), ==, fm_annotation_get_verdict (a));
      g_assert_cmpstr (fm_annotation_get_note (b), ==, fm_annotation_get_note (a));
      g_assert_cmpstr (fm_annotation_get_name (b), ==, fm_annotation_get_name (a));
      g_assert_cmpint (fm_annotation_get_source_type (b), ==, fm_annotation_get_source_type (a));
      g_assert_cmpint (fm_annotation_get_has_value (b), ==, fm_annotation_get_has_value (a));
      g_assert_cmpfloat (fm_annotation_get_value (b), ==, fm_annotation_get_value (a));
      g_assert_cmpstr (fm_annotation_get_unit (b), ==, fm_annotation_get_unit (a));
      g_assert_cmpint (fm_annotation_get_created (b), ==, fm_annotation_get_created (a));
      g_assert_cmpint (fm_annotation_get_modified (b), ==, fm_annotation_get_modified (a));
      g_assert_cmpstr (fm_annotation_get_original_quote (b), ==,
                       fm_annotation_get_original_quote (a));
      g_assert_cmpint (fm_annotation_is_orphan (b), ==, fm_annotation_is_orphan (a));

      ea = fm_annotation_get_evidence (a);
      eb = fm_annotation_get_evidence (b);
      g_assert_cmpuint (eb->len, ==, ea->len);
      for (guint j = 0; j < ea->len; j++)
        {
          FmEvidence *x = g_ptr_array_index (ea, j);
          FmEvidence *y = g_ptr_array_index (eb, j);

          g_assert_cmpstr (y->url, ==, x->url);
          g_assert_cmpstr (y->note, ==, x->note);
        }

      /* The same sources, named by uuid since the ids differ. */
      sa = fm_annotation_get_sources (a);
      sb = fm_annotation_get_sources (b);
      g_assert_cmpuint (sb->len, ==, sa->len);
      for (guint j = 0; j < sa->len; j++)
        {
          FmAnnotation *x = find_by_id (had, g_array_index (sa, gint64, j));
          FmAnnotation *y = find_by_uuid (got, fm_annotation_get_uuid (x));

          g_assert_nonnull (y);
          g_assert_true (fm_annotation_has_source (b, fm_annotation_get_id (y)));
        }
    }

  /* Again: all present, nothing changes. */
  before = dump_library (f->b, TRUE);
  import_annotations (f->b, fm_article_get_id (target), w3c, &counts);
  after = dump_library (f->b, TRUE);
  g_assert_cmpuint (counts.added, ==, 0);
  g_assert_cmpuint (counts.present, ==, n);
  g_assert_cmpstr (after, ==, before);
}

/* Fact sheets */

static void
test_sheet_v1 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sheet = NULL;
  FmAnnotation *claim, *figure, *council, *ortiz;
  FmSheetImportCounts counts;
  FmEvidence *evidence;
  gsize len;

  sheet = read_data ("sheet-v1.json", &len);
  g_assert_true (fm_sheet_import_data_is_factsheet (sheet, len));
  article = import_sheet (f->b, sheet, len, &counts);
  g_assert_cmpuint (counts.added, ==, 4);
  g_assert_cmpuint (counts.anchored, ==, 4);
  g_assert_cmpuint (counts.links, ==, 1);

  g_assert_cmpstr (fm_article_get_uuid (article), ==, "e5b6c7d8-9e0f-4a1b-8c2d-3e4f5a6b7c08");
  g_assert_cmpstr (fm_article_get_title (article), ==, "Riverbend passes its budget");
  g_assert_cmpstr (fm_article_get_outlet (article), ==, "Riverbend Tribune");
  g_assert_cmpstr (fm_article_get_author (article), ==, "Sam Idowu");
  g_assert_cmpstr (fm_article_get_published (article), ==, "2026-03-01");
  g_assert_cmpstr (fm_article_get_text (article), ==, f->text);

  annotations = fm_store_list_annotations (f->b, fm_article_get_id (article), &error);
  g_assert_no_error (error);
  claim = find_by_uuid (annotations, "a1d9c4f2-1b7e-4c55-9f0e-3d2a6b8c9e01");
  figure = find_by_uuid (annotations, "b2e8d3a1-6c4f-4b2a-8d1e-7f6a5b4c3d03");
  council = find_by_uuid (annotations, "c3f0e1d2-5a6b-4c7d-8e9f-0a1b2c3d4e02");
  ortiz = find_by_uuid (annotations, "d4a1b2c3-7d8e-4f90-a1b2-c3d4e5f60704");
  g_assert_nonnull (claim);
  g_assert_nonnull (figure);
  g_assert_nonnull (council);
  g_assert_nonnull (ortiz);

  g_assert_cmpint (fm_annotation_get_start (claim), ==,
                   occurrence (f->text, "the plan would cost 40 million", 0));
  g_assert_cmpint (fm_annotation_get_verdict (claim), ==, FM_VERDICT_MISLEADING);
  g_assert_cmpstr (fm_annotation_get_note (claim), ==,
                   "The budget papers say 38 million.\nAsk the treasurer.");
  g_assert_cmpint (fm_annotation_get_state (claim), ==, FM_ANCHOR_UNCHANGED);
  g_assert_true (fm_annotation_get_confirmed (claim));
  g_assert_cmpuint (fm_annotation_get_sources (claim)->len, ==, 1);
  g_assert_true (fm_annotation_has_source (claim, fm_annotation_get_id (council)));
  g_assert_cmpuint (fm_annotation_get_evidence (claim)->len, ==, 2);
  evidence = g_ptr_array_index (fm_annotation_get_evidence (claim), 1);
  g_assert_cmpstr (evidence->url, ==, "phone call with the treasurer's office");
  g_assert_null (evidence->note);
  g_assert_cmpint (fm_annotation_get_modified (claim), ==, sample_time (5));

  g_assert_cmpint (fm_annotation_get_kind (figure), ==, FM_KIND_FIGURE);
  g_assert_true (fm_annotation_get_has_value (figure));
  g_assert_cmpfloat (fm_annotation_get_value (figure), ==, 120);
  g_assert_cmpstr (fm_annotation_get_unit (figure), ==, "buses");

  g_assert_cmpstr (fm_annotation_get_name (council), ==, "Riverbend City Council");
  g_assert_cmpint (fm_annotation_get_source_type (council), ==, FM_SOURCE_TYPE_GOVERNMENT);
  /* Named by its quote: no name of its own. */
  g_assert_null (fm_annotation_get_name (ortiz));
  g_assert_cmpstr (fm_annotation_get_display_name (ortiz), ==, "Lena Ortiz");
}

static void
test_sheet_without_text (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(FmArticle) original = NULL;
  g_autoptr(FmArticle) target = NULL;
  g_autoptr(FmArticle) imported = NULL;
  g_autoptr(FmSheetImport) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *data_ = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  FmSheetImportCounts counts;
  guint links;
  guint n = build_library (f->a, f->text, &original, &links);

  data_ = export (f->a, original, FM_EXPORT_FORMAT_JSON, FALSE);

  /* Nothing to recreate the article from. */
  before = dump_library (f->b, TRUE);
  sheet = fm_sheet_import_read (data_, strlen (data_), &error);
  g_assert_no_error (error);
  g_assert_null (fm_sheet_import_add_article (sheet, f->b, &counts, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_NOT_FOUND);
  after = dump_library (f->b, TRUE);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);
  g_clear_pointer (&sheet, fm_sheet_import_free);

  /* With the text already in the library, the annotations join it. */
  target = add_article (f->b, f->text, NULL);
  imported = import_sheet (f->b, data_, -1, &counts);
  g_assert_cmpint (fm_article_get_id (imported), ==, fm_article_get_id (target));
  g_assert_cmpuint (counts.added, ==, n);
  g_assert_cmpuint (counts.links, ==, links);
}

static void
test_sheet_uuids_taken (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(FmArticle) original = NULL;
  g_autoptr(FmArticle) imported = NULL;
  g_autoptr(FmArticle) again = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sheet = NULL;
  g_autofree char *edited = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  FmSheetImportCounts counts;
  guint links;
  guint n = build_library (f->a, f->text, &original, &links);

  sheet = export (f->a, original, FM_EXPORT_FORMAT_JSON, TRUE);

  /* The article's text changes in the library: the old sheet's text is no
   * longer there, but its uuids are. */
  annotations = fm_store_list_annotations (f->a, fm_article_get_id (original), &error);
  g_assert_no_error (error);
  edited = g_strconcat (f->text, "A correction was added.\n", NULL);
  g_assert_true (fm_store_update_text (f->a, fm_article_get_id (original), edited, NULL,
                                       annotations, &error));
  g_assert_no_error (error);

  imported = import_sheet (f->a, sheet, -1, &counts);
  g_assert_cmpint (fm_article_get_id (imported), !=, fm_article_get_id (original));
  g_assert_cmpstr (fm_article_get_uuid (imported), !=, SAMPLE_ARTICLE_UUID);
  g_assert_cmpuint (counts.added, ==, n);
  g_assert_cmpuint (counts.links, ==, links);

  /* The derived uuids are the same the second time: nothing is added. */
  before = dump_library (f->a, TRUE);
  again = import_sheet (f->a, sheet, -1, &counts);
  after = dump_library (f->a, TRUE);
  g_assert_cmpint (fm_article_get_id (again), ==, fm_article_get_id (imported));
  g_assert_cmpuint (counts.present, ==, n);
  g_assert_cmpuint (counts.added, ==, 0);
  g_assert_cmpstr (after, ==, before);
}

/* Hypothesis and W3C */

static FmAnnotation *
find_by_quote (GPtrArray  *annotations,
               const char *quote)
{
  FmAnnotation *found = NULL;

  for (guint i = 0; i < annotations->len; i++)
    if (strcmp (fm_annotation_get_quote (g_ptr_array_index (annotations, i)), quote) == 0)
      {
        g_assert_null (found);
        found = g_ptr_array_index (annotations, i);
      }
  g_assert_nonnull (found);
  return found;
}

static void
test_hypothesis (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(FmArticle) article = add_article (f->b, f->text, NULL);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) when = NULL;
  g_autofree char *json = read_data ("hypothesis.json", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  FmSheetImportCounts counts;
  FmAnnotation *a;

  import_annotations (f->b, fm_article_get_id (article), json, &counts);
  g_assert_cmpuint (counts.anchored, ==, 5);
  g_assert_cmpuint (counts.orphaned, ==, 1);
  g_assert_cmpuint (counts.added, ==, 6);
  /* The page note and the reply quote nothing. */
  g_assert_cmpuint (counts.skipped, ==, 2);

  annotations = fm_store_list_annotations (f->b, fm_article_get_id (article), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (annotations->len, ==, 6);

  /* Its position counts UTF-16 units, one more than code points after the
   * emoji; the tag is a kind whatever its case. */
  a = find_by_quote (annotations, "ended 7 to 2 on Tuesday");
  g_assert_cmpint (fm_annotation_get_start (a), ==, occurrence (f->text, "ended 7 to 2", 0));
  g_assert_cmpint (fm_annotation_get_kind (a), ==, FM_KIND_CLAIM);
  g_assert_cmpstr (fm_annotation_get_note (a), ==, "Check the minutes of the vote.");
  when = g_date_time_new_utc (2026, 3, 2, 9, 15, 1);
  g_assert_cmpint (fm_annotation_get_created (a), ==,
                   g_date_time_to_unix (when) * G_USEC_PER_SEC + 123456);
  g_assert_true (fm_annotation_get_confirmed (a));

  /* Repeated: the prefix and suffix pick the second. */
  a = find_by_quote (annotations, "the plan would cost 40 million");
  g_assert_cmpint (fm_annotation_get_start (a), ==,
                   occurrence (f->text, "the plan would cost 40 million", 1));
  g_assert_cmpint (fm_annotation_get_kind (a), ==, FM_KIND_FIGURE);
  g_assert_cmpstr (fm_annotation_get_note (a), ==, "Which plan?\n\nTags: budget");

  /* Repeated, no context, a position a little off: the nearer one. */
  a = find_by_quote (annotations, "We will not raise taxes");
  g_assert_cmpint (fm_annotation_get_start (a), ==,
                   occurrence (f->text, "We will not raise taxes", 1));
  g_assert_cmpstr (fm_annotation_get_note (a), ==, "Compare with last year.");

  a = find_by_quote (annotations, "Lena Ortiz");
  g_assert_cmpint (fm_annotation_get_kind (a), ==, FM_KIND_SOURCE);
  g_assert_cmpint (fm_annotation_get_start (a), ==, occurrence (f->text, "Lena Ortiz", 0));
  g_assert_null (fm_annotation_get_note (a));

  /* A position past the end: the quote still finds it. */
  a = find_by_quote (annotations, "120 buses");
  g_assert_cmpint (fm_annotation_get_kind (a), ==, FM_KIND_FIGURE);
  g_assert_cmpint (fm_annotation_get_start (a), ==, occurrence (f->text, "120 buses", 0));

  /* Not in the text: an orphan that keeps its quote and context. */
  a = find_by_quote (annotations, "the plan doubles the fare");
  g_assert_true (fm_annotation_is_orphan (a));
  g_assert_cmpint (fm_annotation_get_start (a), ==, -1);
  g_assert_cmpint (fm_annotation_get_end (a), ==, -1);
  g_assert_cmpstr (fm_annotation_get_prefix (a), ==, "Residents said ");
  g_assert_cmpstr (fm_annotation_get_suffix (a), ==, " next year.");
  g_assert_cmpstr (fm_annotation_get_note (a), ==,
                   "Was this cut from the story?\n\nTags: follow-up");
  g_assert_false (fm_annotation_get_confirmed (a));

  /* Hypothesis ids are not uuids, but give the same uuids every time. */
  before = dump_library (f->b, TRUE);
  import_annotations (f->b, fm_article_get_id (article), json, &counts);
  after = dump_library (f->b, TRUE);
  g_assert_cmpuint (counts.added, ==, 0);
  g_assert_cmpuint (counts.present, ==, 6);
  g_assert_cmpuint (counts.skipped, ==, 2);
  g_assert_cmpstr (after, ==, before);
}

/* Imports one annotation on "one" whose position is @start and whose
 * context agrees with the first "one" of @text, wrapped as @shape says,
 * and returns where it was anchored. */
static glong
anchor_one (Fixture          *f,
            const char       *text,
            const char       *shape,
            glong             start,
            FmSheetPositions *positions)
{
  static guint calls = 0;
  /* A text of its own each time (the line at its end differs), so that
   * each import starts from an article without annotations. */
  g_autofree char *own = g_strdup_printf ("%s%u\n", text, calls++);
  g_autoptr(FmArticle) article = add_article (f->b, own, NULL);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *annotation = NULL;
  g_autofree char *json = NULL;
  FmSheetImportCounts counts;

  annotation = g_strdup_printf ("{%s\"target\": [{\"selector\": ["
                                "{\"type\": \"TextPositionSelector\", \"start\": %ld,"
                                " \"end\": %ld},"
                                "{\"type\": \"TextQuoteSelector\", \"exact\": \"one\","
                                " \"prefix\": \"x \", \"suffix\": \", two\"}]}]}",
                                strcmp (shape, "w3c") == 0
                                ? "\"@context\": \"http://www.w3.org/ns/anno.jsonld\", "
                                : strcmp (shape, "hypothesis-array") == 0
                                ? "\"user\": \"acct:a@hypothes.is\", \"uri\": \"https://x.example/\", "
                                : "",
                                start, start + 3);
  if (strcmp (shape, "hypothesis-rows") == 0)
    json = g_strdup_printf ("{\"total\": 1, \"rows\": [%s]}", annotation);
  else if (strcmp (shape, "hypothesis-array") == 0)
    json = g_strdup_printf ("[%s]", annotation);
  else
    json = g_strdup (annotation);

  import_annotations (f->b, fm_article_get_id (article), json, &counts);
  g_assert_cmpuint (counts.anchored, ==, 1);
  *positions = counts.positions;
  annotations = fm_store_list_annotations (f->b, fm_article_get_id (article), &error);
  g_assert_no_error (error);
  return fm_annotation_get_start (g_ptr_array_index (annotations, 0));
}

/* Each format's positions are read by its definition, tried on text with
 * characters outside the BMP (emoji and CJK extension B, two UTF-16 code
 * units each): a Hypothesis position counts UTF-16 code units, a W3C one
 * code points. The context agrees with the first "one", so only the
 * position, read the right way, can pick the second. */
static void
test_position_units (Fixture       *f,
                     gconstpointer  data)
{
  static const char *const texts[] = {
    "x one, two, \xF0\x9F\x98\x80\xF0\x9F\x98\x80\xF0\x9F\x98\x80 one, two.\n",
    "x one, two, \xF0\xA0\x80\x80\xF0\xA0\x80\x81\xF0\xA0\x80\x82 one, two.\n",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      glong second = occurrence (texts[i], "one", 1);
      FmSheetPositions positions;

      /* Three characters before it take two UTF-16 units each. */
      g_assert_cmpint (anchor_one (f, texts[i], "hypothesis-rows", second + 3, &positions), ==,
                       second);
      g_assert_cmpint (positions, ==, FM_SHEET_POSITIONS_UTF16);
      g_assert_cmpint (anchor_one (f, texts[i], "hypothesis-array", second + 3, &positions), ==,
                       second);
      g_assert_cmpint (positions, ==, FM_SHEET_POSITIONS_UTF16);
      g_assert_cmpint (anchor_one (f, texts[i], "w3c", second, &positions), ==, second);
      g_assert_cmpint (positions, ==, FM_SHEET_POSITIONS_CODE_POINTS);
      g_assert_cmpint (anchor_one (f, texts[i], "bare", second, &positions), ==, second);
      g_assert_cmpint (positions, ==, FM_SHEET_POSITIONS_CODE_POINTS);

      /* Counted the other way, the position misses the quote, and the
       * context decides: the first "one". */
      g_assert_cmpint (anchor_one (f, texts[i], "hypothesis-rows", second, &positions), ==,
                       occurrence (texts[i], "one", 0));
      g_assert_cmpint (anchor_one (f, texts[i], "w3c", second + 3, &positions), ==,
                       occurrence (texts[i], "one", 0));
    }
}

static const char shapes_text[] =
  "Alpha said the bridge needs 12 km of cable. Beta said nothing. Alpha said it twice.\n";

static void
test_w3c_shapes (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(FmArticle) article = add_article (f->b, shapes_text, NULL);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;
  FmSheetImportCounts counts;
  FmAnnotation *claim, *figure, *source, *evidence_claim;
  FmEvidence *evidence;

  /* One annotation, its selector an object, its note a bodyValue. */
  import_annotations (f->b, fm_article_get_id (article),
                      "{\"@context\": \"http://www.w3.org/ns/anno.jsonld\", \"type\": \"Annotation\","
                      " \"bodyValue\": \"Looks wrong\", \"target\": {\"source\": \"https://x.example/\","
                      " \"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"the bridge needs\"}}}",
                      &counts);
  g_assert_cmpuint (counts.anchored, ==, 1);

  /* An array: a figure with an upper-case urn:uuid, a source, a link
   * between them and a link to nothing known. */
  import_annotations (f->b, fm_article_get_id (article),
                      "[{\"id\": \"urn:uuid:0A0B0C0D-0000-4000-8000-00000000000F\","
                      "  \"type\": \"Annotation\", \"motivation\": \"assessing\","
                      "  \"body\": [{\"type\": \"TextualBody\", \"purpose\": \"classifying\", \"value\": \"Figure\"},"
                      "   {\"type\": \"TextualBody\", \"purpose\": \"describing\", \"value\": \"12 km\"},"
                      "   {\"type\": \"TextualBody\", \"purpose\": \"assessing\", \"value\": \"Mostly true\"},"
                      "   {\"type\": \"TextualBody\", \"purpose\": \"assessing\", \"value\": \"opinion\"}],"
                      "  \"target\": {\"selector\": [{\"type\": \"TextQuoteSelector\", \"exact\": \"12 km\"}]}},"
                      " {\"id\": \"urn:uuid:0a0b0c0d-0000-4000-8000-00000000005a\", \"motivation\": \"identifying\","
                      "  \"body\": [{\"purpose\": \"classifying\", \"value\": \"source\"},"
                      "   {\"purpose\": \"identifying\", \"value\": \"Alpha Corp\"},"
                      "   {\"purpose\": \"tagging\", \"value\": \"organization\"},"
                      "   {\"purpose\": \"tagging\", \"value\": \"engineering\"}],"
                      "  \"target\": [\"https://x.example/\", {\"source\": \"https://x.example/\","
                      "   \"selector\": [{\"type\": \"TextQuoteSelector\", \"exact\": \"Alpha\","
                      "    \"suffix\": \" said it twice\"}]}]},"
                      " {\"motivation\": \"linking\", \"body\": \"urn:uuid:0a0b0c0d-0000-4000-8000-00000000005a\","
                      "  \"target\": \"urn:uuid:0a0b0c0d-0000-4000-8000-00000000000f\"},"
                      " {\"motivation\": \"linking\", \"body\": {\"id\": \"urn:uuid:ffffffff-0000-4000-8000-000000000000\"},"
                      "  \"target\": {\"id\": \"urn:uuid:0a0b0c0d-0000-4000-8000-00000000000f\"}}]",
                      &counts);
  g_assert_cmpuint (counts.anchored, ==, 2);
  g_assert_cmpuint (counts.links, ==, 1);
  g_assert_cmpuint (counts.unlinked, ==, 1);

  /* A page of annotations; a body that is a web address is evidence. */
  import_annotations (f->b, fm_article_get_id (article),
                      "{\"type\": \"AnnotationPage\", \"items\": [{\"type\": \"Annotation\","
                      "  \"body\": [\"https://evidence.example/report\","
                      "   {\"type\": \"SpecificResource\", \"purpose\": \"linking\","
                      "    \"source\": \"https://evidence.example/data\", \"label\": \"Data\"}],"
                      "  \"target\": {\"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"Beta said nothing\"}}}]}",
                      &counts);
  g_assert_cmpuint (counts.anchored, ==, 1);

  annotations = fm_store_list_annotations (f->b, fm_article_get_id (article), &error);
  g_assert_no_error (error);
  claim = find_by_quote (annotations, "the bridge needs");
  figure = find_by_quote (annotations, "12 km");
  source = find_by_quote (annotations, "Alpha");
  evidence_claim = find_by_quote (annotations, "Beta said nothing");

  g_assert_cmpint (fm_annotation_get_kind (claim), ==, FM_KIND_CLAIM);
  g_assert_cmpstr (fm_annotation_get_note (claim), ==, "Looks wrong");

  g_assert_cmpstr (fm_annotation_get_uuid (figure), ==, "0a0b0c0d-0000-4000-8000-00000000000f");
  g_assert_cmpint (fm_annotation_get_kind (figure), ==, FM_KIND_FIGURE);
  g_assert_cmpfloat (fm_annotation_get_value (figure), ==, 12);
  g_assert_cmpstr (fm_annotation_get_unit (figure), ==, "km");
  g_assert_cmpint (fm_annotation_get_verdict (figure), ==, FM_VERDICT_MOSTLY_TRUE);
  /* What Factmark cannot hold as a verdict stays in words. */
  g_assert_cmpstr (fm_annotation_get_note (figure), ==, "Verdict: opinion");
  g_assert_cmpuint (fm_annotation_get_sources (figure)->len, ==, 1);
  g_assert_true (fm_annotation_has_source (figure, fm_annotation_get_id (source)));

  g_assert_cmpint (fm_annotation_get_kind (source), ==, FM_KIND_SOURCE);
  g_assert_cmpint (fm_annotation_get_start (source), ==, occurrence (shapes_text, "Alpha", 1));
  g_assert_cmpstr (fm_annotation_get_name (source), ==, "Alpha Corp");
  g_assert_cmpint (fm_annotation_get_source_type (source), ==, FM_SOURCE_TYPE_ORGANIZATION);
  g_assert_cmpstr (fm_annotation_get_note (source), ==, "Tags: engineering");

  g_assert_cmpuint (fm_annotation_get_evidence (evidence_claim)->len, ==, 2);
  evidence = g_ptr_array_index (fm_annotation_get_evidence (evidence_claim), 0);
  g_assert_cmpstr (evidence->url, ==, "https://evidence.example/report");
  evidence = g_ptr_array_index (fm_annotation_get_evidence (evidence_claim), 1);
  g_assert_cmpstr (evidence->url, ==, "https://evidence.example/data");
  g_assert_cmpstr (evidence->note, ==, "Data");
}

/* Bad input */

typedef struct
{
  const char *name;
  const char *from;   /* Replaced, first occurrence only... */
  const char *to;     /* ...by this. */
} Mutation;

static const Mutation sheet_mutations[] = {
  { "wrong type", "\"start\" : 68", "\"start\" : \"68\"" },
  { "fractional offset", "\"start\" : 68", "\"start\" : 68.0" },
  { "negative offset", "\"start\" : 68", "\"start\" : -1" },
  { "offsets past the end", "\"end\" : 98", "\"end\" : 477" },
  { "start after end", "\"start\" : 68", "\"start\" : 99" },
  { "text does not match its sha", "Critics said", "Critics says" },
  { "text not canonical", "Tuesday.\\n", "Tuesday.\\r\\n" },
  { "length does not match", "\"length\" : 476", "\"length\" : 475" },
  { "quote is not the text", "\"quote\" : \"120 buses\"", "\"quote\" : \"121 buses\"" },
  { "prefix is not the text", "\"prefix\" : \" 2 on Tuesday.\\nThe council said \"",
    "\"prefix\" : \" 2 on Tuesday.\\nThe council says \"" },
  { "unknown member", "\"verdict\" : \"true\"", "\"verdit\" : \"true\", \"verdict\" : \"true\"" },
  { "missing member", "\"verdict\" : \"true\",", "" },
  { "bad uuid", "a1d9c4f2-1b7e-4c55-9f0e-3d2a6b8c9e01", "A1D9C4F2-1B7E-4C55-9F0E-3D2A6B8C9E01" },
  { "newer version", "\"version\" : 1", "\"version\" : 3" },
  { "unknown verdict", "\"verdict\" : \"true\"", "\"verdict\" : \"sort of\"" },
  { "opinion on a figure", "\"verdict\" : \"true\"", "\"verdict\" : \"opinion\"" },
  { "unknown source type", "\"source_type\" : \"person\"", "\"source_type\" : \"robot\"" },
  { "attributed to nothing", "\"c3f0e1d2-5a6b-4c7d-8e9f-0a1b2c3d4e02\"\n",
    "\"c3f0e1d2-5a6b-4c7d-8e9f-0a1b2c3d4e99\"\n" },
  { "duplicate id", "d4a1b2c3-7d8e-4f90-a1b2-c3d4e5f60704", "c3f0e1d2-5a6b-4c7d-8e9f-0a1b2c3d4e02" },
  { "bad time", "\"2026-03-02T10:00:00Z\"", "\"yesterday\"" },
  { "value not a number", "\"value\" : 120.0", "\"value\" : \"120\"" },
  { "object instead of array", "\"sources\" : [],", "\"sources\" : {}," },
  { "truncated", "\"figures\"", "" },
  { "version 2 without its revision", "\"version\" : 1", "\"version\" : 2" },
};

static void
check_refused (Fixture    *f,
               const char *name,
               const char *data,
               gsize       len,
               gboolean    as_sheet)
{
  g_autoptr(FmSheetImport) sheet = NULL;
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = dump_library (f->b, TRUE);
  g_autofree char *after = NULL;
  gboolean ok = FALSE;

  sheet = fm_sheet_import_read (data, len, &error);
  if (sheet != NULL && as_sheet)
    ok = (article = fm_sheet_import_add_article (sheet, f->b, NULL, &error)) != NULL;
  else if (sheet != NULL)
    ok = fm_sheet_import_add_annotations (sheet, f->b, 1, NULL, &error);

  g_test_message ("%s: %s", name, error ? error->message : "accepted");
  if (ok || error == NULL || error->domain != FM_ERROR || error->message[0] == '\0')
    g_error ("%s was not refused with a clear error", name);
  after = dump_library (f->b, TRUE);
  g_assert_cmpstr (after, ==, before);
}

/* {"rows": [], "x": [[...]]}: nested @depth levels in all. */
static char *
deep_json (guint depth)
{
  GString *s = g_string_new ("{\"rows\": [], \"x\": ");

  g_assert_cmpuint (depth, >=, 2);
  depth--;

  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, '[');
  for (guint i = 0; i < depth; i++)
    g_string_append_c (s, ']');
  g_string_append_c (s, '}');
  return g_string_free (s, FALSE);
}

static void
test_bad_sheets (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(FmArticle) article = add_article (f->b, f->text, NULL);
  g_autoptr(FmAnnotation) existing = new_annotation (article, 99, FM_KIND_CLAIM, "told reporters", 0);
  g_autofree char *sheet = NULL;
  g_autofree char *deep = deep_json (100000);
  gsize len;

  /* The library is not empty, so "unchanged" means something. */
  store_annotation (f->b, existing);
  sheet = read_data ("sheet-v1.json", &len);

  for (guint i = 0; i < G_N_ELEMENTS (sheet_mutations); i++)
    {
      const Mutation *m = &sheet_mutations[i];
      const char *at = strstr (sheet, m->from);
      g_autofree char *bad = NULL;

      g_assert_nonnull (at);
      if (strcmp (m->name, "truncated") == 0)
        bad = g_strndup (sheet, at - sheet);
      else
        bad = g_strdup_printf ("%.*s%s%s", (int) (at - sheet), sheet, m->to, at + strlen (m->from));
      check_refused (f, m->name, bad, strlen (bad), TRUE);
    }

  check_refused (f, "not JSON", "format: factmark-factsheet", 26, TRUE);
  check_refused (f, "empty", "", 0, TRUE);
  check_refused (f, "deep nesting", deep, strlen (deep), TRUE);
  {
    g_autofree char *nul = g_memdup2 (sheet, len);

    nul[40] = '\0';
    check_refused (f, "NUL byte", nul, len, TRUE);
    nul[40] = '\xff';
    check_refused (f, "invalid UTF-8", nul, len, TRUE);
  }
  /* Annotations are not a sheet, and a sheet is not annotations. */
  check_refused (f, "annotations as a sheet", "[]", 2, TRUE);
  check_refused (f, "sheet as annotations", sheet, len, FALSE);

  /* An orphan has no place, so it cannot say where it is. */
  {
    g_autofree char *v2 = NULL;
    g_auto(GStrv) parts = g_strsplit (sheet, "\"id\" : \"a1d9c4f2", 2);
    g_autofree char *joined = g_strjoinv ("\"state\" : \"orphaned\", \"id\" : \"a1d9c4f2", parts);
    g_auto(GStrv) parts2 = g_strsplit (joined, "\"version\" : 1", 2);
    g_autofree char *joined2 = g_strjoinv ("\"version\" : 2", parts2);
    g_auto(GStrv) parts3 = g_strsplit (joined2, "\"length\" : 476", 2);

    v2 = g_strjoinv ("\"length\" : 476, \"revision\" : 1", parts3);
    check_refused (f, "orphan with a place", v2, strlen (v2), TRUE);
  }
}

static void
test_bad_annotations (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(FmArticle) article = add_article (f->b, f->text, NULL);
  g_autoptr(FmAnnotation) existing = new_annotation (article, 99, FM_KIND_CLAIM, "told reporters", 0);
  g_autofree char *deep = deep_json (FM_SHEET_IMPORT_MAX_DEPTH + 1);
  g_autofree char *shallow = deep_json (FM_SHEET_IMPORT_MAX_DEPTH);
  g_autoptr(FmSheetImport) ok = NULL;
  g_autoptr(GError) error = NULL;
  static const char *bad[] = {
    "{\"rows\": [",
    "{\"rows\": {}}",
    "{\"rows\": [1]}",
    "{\"foo\": 1}",
    "42",
    "{\"target\": 5}",
    "{\"target\": {\"selector\": [{\"type\": \"TextPositionSelector\", \"start\": \"3\", \"end\": 9}]}}",
    "{\"target\": {\"selector\": [{\"type\": \"TextQuoteSelector\", \"exact\": 7}]}}",
    "{\"target\": {\"selector\": [{\"type\": \"TextQuoteSelector\"}]}}",
    "{\"target\": {\"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"x\"}}, \"created\": \"soon\"}",
    "{\"target\": {\"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"x\"}}, \"tags\": [1]}",
    "{\"type\": \"AnnotationCollection\", \"first\": \"https://x.example/page1\"}",
    "[{\"id\": \"a\", \"target\": {\"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"x\"}}},"
    " {\"id\": \"a\", \"target\": {\"selector\": {\"type\": \"TextQuoteSelector\", \"exact\": \"y\"}}}]",
  };

  store_annotation (f->b, existing);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    check_refused (f, bad[i], bad[i], strlen (bad[i]), FALSE);
  check_refused (f, "deep nesting", deep, strlen (deep), FALSE);

  /* At the limit is fine. */
  ok = fm_sheet_import_read (shallow, strlen (shallow), &error);
  g_assert_no_error (error);
  g_assert_nonnull (ok);
}

/* A library that fails halfway: what was added is taken back. */
static void
test_failure_halfway (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(FmSheetImport) sheet = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize len;

  /* Sources go in first; the figure then fails. */
  g_assert_cmpint (sqlite3_exec (fm_store_get_db (f->b),
                                 "CREATE TRIGGER refuse BEFORE INSERT ON annotations"
                                 " WHEN NEW.quote = '120 buses'"
                                 " BEGIN SELECT RAISE(ABORT, 'the disk is full'); END;",
                                 NULL, NULL, NULL), ==, SQLITE_OK);

  /* A new article: removed again with all it got. The AUTOINCREMENT
   * counter keeps the ids that were handed out, by design. */
  json = read_data ("sheet-v1.json", &len);
  before = dump_library (f->b, FALSE);
  sheet = fm_sheet_import_read (json, len, &error);
  g_assert_no_error (error);
  g_assert_null (fm_sheet_import_add_article (sheet, f->b, NULL, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "the disk is full"));
  after = dump_library (f->b, FALSE);
  g_assert_cmpstr (after, ==, before);
  g_clear_error (&error);
  g_clear_pointer (&sheet, fm_sheet_import_free);
  g_clear_pointer (&before, g_free);
  g_clear_pointer (&after, g_free);

  /* An article already there: it stays, without what was added. */
  article = add_article (f->b, f->text, NULL);
  before = dump_library (f->b, FALSE);
  sheet = fm_sheet_import_read (json, len, &error);
  g_assert_no_error (error);
  g_assert_null (fm_sheet_import_add_article (sheet, f->b, NULL, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "the disk is full"));
  after = dump_library (f->b, FALSE);
  g_assert_cmpstr (after, ==, before);
}

static void
test_detect (void)
{
  static const struct
  {
    const char *data;
    gboolean    sheet;
  } cases[] = {
    { "{\"format\" : \"factmark-factsheet\", \"version\" : 2}", TRUE },
    { "\xEF\xBB\xBF  {\n\"format\":\"factmark-factsheet\"}", TRUE },
    { "{\"article\": {\"text\": \"\\\"format\\\": \\\"x\\\" } [\"}, \"claims\": [[{}]],"
      " \"format\": \"factmark-factsheet\"}", TRUE },
    { "{\"format\": \"factmark-factsheet-v9\"}", FALSE },
    { "{\"format\": 1, \"x\": \"factmark-factsheet\"}", FALSE },
    { "{\"type\": \"AnnotationCollection\"}", FALSE },
    { "[{\"format\": \"factmark-factsheet\"}]", FALSE },
    { "{\"format\": \"factmark-factsheet", FALSE },
    { "The format is factmark-factsheet.", FALSE },
    { "", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (fm_sheet_import_data_is_factsheet (cases[i].data, strlen (cases[i].data)),
                     ==, cases[i].sheet);
}

static FmSheetImport *
read_fixture (const char *name)
{
  g_autoptr(GError) error = NULL;
  gsize len;
  g_autofree char *data = read_data (name, &len);
  FmSheetImport *sheet = fm_sheet_import_read (data, len, &error);

  g_assert_no_error (error);
  return sheet;
}

/* Version 3 (hand-written): the changed claim the user has not confirmed
 * stays unconfirmed, and the article keeps its two earlier texts and its
 * revision number 3 instead of starting again at 1. */
static void
test_sheet_v3 (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(FmSheetImport) sheet = read_fixture ("sheet-v3.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(FmArticle) stored = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(FmAnnotation) claim = NULL;
  g_autoptr(FmAnnotation) figure = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  FmSheetImportCounts counts;

  article = fm_sheet_import_add_article (sheet, f->b, &counts, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 4);
  g_assert_cmpuint (fm_article_get_revision (article), ==, 3);

  stored = fm_store_get_article (f->b, fm_article_get_id (article), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fm_article_get_revision (stored), ==, 3);

  revisions = fm_store_list_revisions (f->b, fm_article_get_id (article), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpuint (((FmRevision *) g_ptr_array_index (revisions, i))->number, ==, i + 1);
  g_assert_null (((FmRevision *) g_ptr_array_index (revisions, 0))->origin);
  g_assert_cmpstr (((FmRevision *) g_ptr_array_index (revisions, 1))->origin, ==,
                   "budget-vote-2.html");
  g_assert_cmpint (((FmRevision *) g_ptr_array_index (revisions, 1))->created, ==,
                   g_date_time_to_unix (g_date_time_new_from_iso8601 ("2026-03-01T12:00:00Z",
                                                                      NULL)) * G_USEC_PER_SEC);
  first = fm_store_get_revision_text (f->b, ((FmRevision *) g_ptr_array_index (revisions, 0))->id,
                                      &error);
  g_assert_no_error (error);
  g_assert_null (strstr (first, "\xF0\x9F\x98\x80"));
  g_assert_nonnull (strstr (first, "30 million. Critics"));
  last = fm_store_get_revision_text (f->b, ((FmRevision *) g_ptr_array_index (revisions, 2))->id,
                                     &error);
  g_assert_cmpstr (last, ==, fm_article_get_text (stored));

  claim = fm_store_lookup_annotation (f->b, "a1d9c4f2-1b7e-4c55-9f0e-3d2a6b8c9e01", &error);
  g_assert_no_error (error);
  g_assert_false (fm_annotation_get_confirmed (claim));
  g_assert_cmpint (fm_annotation_get_state (claim), ==, FM_ANCHOR_CHANGED);
  figure = fm_store_lookup_annotation (f->b, "b2e8d3a1-6c4f-4b2a-8d1e-7f6a5b4c3d03", &error);
  g_assert_no_error (error);
  g_assert_true (fm_annotation_get_confirmed (figure));
}

/* A version 2 sheet has the revision number but not the texts before it:
 * the article goes on from that number. */
static void
test_sheet_v2_revision (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(FmSheetImport) sheet = read_fixture ("sheet-v2-revision.json");
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(FmArticle) stored = NULL;
  g_autoptr(GPtrArray) revisions = NULL;

  article = fm_sheet_import_add_article (sheet, f->b, NULL, &error);
  g_assert_no_error (error);
  stored = fm_store_get_article (f->b, fm_article_get_id (article), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fm_article_get_revision (stored), ==, 4);
  revisions = fm_store_list_revisions (f->b, fm_article_get_id (article), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (revisions->len, ==, 1);
  g_assert_cmpuint (((FmRevision *) g_ptr_array_index (revisions, 0))->number, ==, 4);

  /* The next update of the text is revision 5. */
  {
    g_autoptr(FmArticle) updated = NULL;
    g_autoptr(GPtrArray) annotations = fm_store_list_annotations (f->b, fm_article_get_id (article),
                                                                  &error);

    g_assert_no_error (error);
    /* None of them is in the new text. */
    for (guint i = 0; i < annotations->len; i++)
      fm_annotation_orphan (g_ptr_array_index (annotations, i));
    g_assert_true (fm_store_update_text (f->b, fm_article_get_id (article), "A new text.\n", NULL,
                                         annotations, &error));
    g_assert_no_error (error);
    updated = fm_store_get_article (f->b, fm_article_get_id (article), &error);
    g_assert_cmpuint (fm_article_get_revision (updated), ==, 5);
  }
}

/* A revision history that does not hold together is refused, and so is a
 * version 3 member in an older sheet, each with the library unchanged. */
static void
test_sheet_v3_bad (Fixture       *f,
                   gconstpointer  data)
{
  struct {
    const char *from;
    const char *to;
    const char *says;
  } cases[] = {
    /* A revision's text changed after its digest was taken. */
    { "Riverbend's budget vote ended", "Riverbend's budget vote began", "text_sha256" },
    { "\"length\": 474", "\"length\": 475", "length" },
    { "\"number\": 2,", "\"number\": 1,", "must go up" },
    { "\"number\": 2,", "\"number\": 3,", "current number" },
    { "\"version\": 3", "\"version\": 2", "new in version 3" },
    { "\"version\": 3", "\"version\": 4", "versions 1 to 3" },
    { "\"confirmed\": false", "\"confirmed\": 0", "true or false" },
  };
  gsize len;
  g_autofree char *good = read_data ("sheet-v3.json", &len);
  g_autofree char *before = dump_library (f->b, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FmSheetImport) sheet = NULL;
      g_autoptr(FmArticle) article = NULL;
      g_autofree char *after = NULL;
      char *at = strstr (good, cases[i].from);
      g_autoptr(GString) bad = g_string_new_len (good, len);

      g_assert_nonnull (at);
      g_string_erase (bad, at - good, strlen (cases[i].from));
      g_string_insert (bad, at - good, cases[i].to);
      sheet = fm_sheet_import_read (bad->str, bad->len, &error);
      if (sheet != NULL)
        article = fm_sheet_import_add_article (sheet, f->b, NULL, &error);
      g_test_message ("case %u: %s", i, error ? error->message : "(none)");
      g_assert_null (article);
      g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      after = dump_library (f->b, FALSE);
      g_assert_cmpstr (after, ==, before);
    }
}

static void
test_files (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *sheet_path = g_test_build_filename (G_TEST_DIST, "data", "annotations",
                                                       "sheet-v1.json", NULL);
  g_autofree char *text_path = g_test_build_filename (G_TEST_DIST, "data", "annotations",
                                                      "article.txt", NULL);
  g_autofree char *hypothesis_path = g_test_build_filename (G_TEST_DIST, "data", "annotations",
                                                            "hypothesis.json", NULL);
  g_autoptr(GFile) sheet = g_file_new_for_path (sheet_path);
  g_autoptr(GFile) text = g_file_new_for_path (text_path);
  g_autoptr(GFile) hypothesis = g_file_new_for_path (hypothesis_path);
  g_autoptr(GFile) missing = g_file_new_for_path ("/nonexistent/sheet.json");
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  FmSheetImportCounts counts;

  g_assert_true (fm_sheet_import_file_is_factsheet (sheet, NULL));
  g_assert_false (fm_sheet_import_file_is_factsheet (text, NULL));
  g_assert_false (fm_sheet_import_file_is_factsheet (hypothesis, NULL));
  g_assert_false (fm_sheet_import_file_is_factsheet (missing, NULL));

  article = fm_sheet_import_factsheet_file (f->b, sheet, &counts, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts.added, ==, 4);
  g_assert_true (fm_sheet_import_annotations_file (f->b, fm_article_get_id (article), hypothesis,
                                                   &counts, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (counts.anchored, ==, 5);
  g_assert_cmpuint (counts.orphaned, ==, 1);

  g_assert_false (fm_sheet_import_annotations_file (f->b, fm_article_get_id (article), missing,
                                                    &counts, NULL, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_NOT_FOUND);
}

#define fixture_test(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  fixture_test ("/sheet-import/json-round-trip", test_json_round_trip);
  fixture_test ("/sheet-import/w3c-round-trip", test_w3c_round_trip);
  fixture_test ("/sheet-import/sheet-v1", test_sheet_v1);
  fixture_test ("/sheet-import/sheet-without-text", test_sheet_without_text);
  fixture_test ("/sheet-import/uuids-taken", test_sheet_uuids_taken);
  fixture_test ("/sheet-import/hypothesis", test_hypothesis);
  fixture_test ("/sheet-import/position-units", test_position_units);
  fixture_test ("/sheet-import/w3c-shapes", test_w3c_shapes);
  fixture_test ("/sheet-import/bad-sheets", test_bad_sheets);
  fixture_test ("/sheet-import/bad-annotations", test_bad_annotations);
  fixture_test ("/sheet-import/failure-halfway", test_failure_halfway);
  fixture_test ("/sheet-import/files", test_files);
  fixture_test ("/sheet-import/v3", test_sheet_v3);
  fixture_test ("/sheet-import/v2-revision", test_sheet_v2_revision);
  fixture_test ("/sheet-import/v3-bad", test_sheet_v3_bad);
  g_test_add_func ("/sheet-import/detect", test_detect);

  return g_test_run ();
}
