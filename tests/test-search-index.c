/* test-search-index.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "fm-export.h"
#include "fm-history.h"
#include "fm-import.h"
#include "fm-import-annotations.h"
#include "fm-search.h"
#include "fm-store-private.h"
#include "fm-store.h"
#include "fm-text.h"
#include "fm-update.h"
#include "fm-test-utils.h"

/* Every way the library is written keeps its search index exact: FTS5's
 * own integrity check compares each index with the rows it stands for,
 * and the words written or removed are found, or not, at once. The index
 * is external content, so a write that missed a trigger would leave it
 * answering for text the row no longer holds. */

static const char article_text[] =
  "The minister said unemployment fell to 4.2 percent in March. "
  "Critics at the Harbour Institute called the figure misleading.";

static const char * const index_tables[] = {
  "search_articles", "search_annotations", "search_evidence",
};

typedef struct
{
  FmTestLibrary lib;
  FmArticle    *article;
} Fixture;


/* A new annotation on @quote, not yet stored. */


/* FTS5's integrity check with a rank of 1 also compares an external
 * content index with its content table, and fails on any difference. */
static void
check_index (FmStore *store)
{
  sqlite3 *db = fm_store_get_db (store);

  for (guint i = 0; i < G_N_ELEMENTS (index_tables); i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO %s (%s, rank)"
                                              " VALUES ('integrity-check', 1)",
                                              index_tables[i], index_tables[i]);
      char *msg = NULL;
      int rc = sqlite3_exec (db, sql, NULL, NULL, &msg);

      if (rc != SQLITE_OK)
        g_error ("%s: %s", index_tables[i], msg ? msg : sqlite3_errstr (rc));
    }
}

/* How many hits @query has with that annotation id; 0 counts the hits in
 * articles' own words. */
static guint
count_hits (FmStore    *store,
            const char *query,
            gint64      annotation_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = fm_store_search (store, query, NULL, 100, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < hits->len; i++)
    if (((FmSearchHit *) g_ptr_array_index (hits, i))->annotation_id == annotation_id)
      n++;
  return n;
}

static guint
count_all_hits (FmStore    *store,
                const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = fm_store_search (store, query, NULL, 100, &error);

  g_assert_no_error (error);
  return hits->len;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fm_test_library_setup (&f->lib, data);
  f->article = fm_test_add_article (f->lib.store, "Jobs figures", article_text);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->article);
  fm_test_library_teardown (&f->lib, data);
}

static void
update (FmStore      *store,
        FmAnnotation *annotation)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (fm_store_update_annotation (store, annotation, &error));
  g_assert_no_error (error);
  check_index (store);
}

/* Adding, editing each searched field, evidence and deleting. */
static void
test_edits (Fixture       *f,
            gconstpointer  data)
{
  FmStore *store = f->lib.store;
  g_autoptr(FmAnnotation) claim = fm_test_new_annotation (f->article, FM_KIND_CLAIM,
                                                  "unemployment fell to 4.2 percent");
  g_autoptr(FmAnnotation) source = NULL;
  g_autoptr(GError) error = NULL;
  gint64 id;

  fm_annotation_set_note (claim, "zanzibar");
  g_assert_true (fm_store_add_annotation (store, claim, &error));
  g_assert_no_error (error);
  check_index (store);
  id = fm_annotation_get_id (claim);
  g_assert_cmpuint (count_hits (store, "zanzibar", id), ==, 1);
  g_assert_cmpuint (count_hits (store, "unemployment", id), ==, 1);

  fm_annotation_set_note (claim, "quixotic");
  update (store, claim);
  g_assert_cmpuint (count_all_hits (store, "zanzibar"), ==, 0);
  g_assert_cmpuint (count_hits (store, "quixotic", id), ==, 1);

  /* A new span: the old quote's words lead only to the article now. */
  g_assert_true (fm_annotation_anchor (claim, article_text, g_utf8_strlen (article_text, -1),
                                       g_utf8_pointer_to_offset (article_text,
                                                                 strstr (article_text, "called")),
                                       g_utf8_pointer_to_offset (article_text,
                                                                 strstr (article_text, " the figure")),
                                       &error));
  update (store, claim);
  g_assert_cmpuint (count_hits (store, "unemployment", id), ==, 0);
  g_assert_cmpuint (count_hits (store, "unemployment", 0), ==, 1);
  g_assert_cmpuint (count_hits (store, "called", id), ==, 1);

  source = fm_test_annotate (store, f->article, FM_KIND_SOURCE, "Harbour Institute");
  fm_annotation_set_name (source, "Okapi Foundation");
  update (store, source);
  g_assert_cmpuint (count_hits (store, "okapi", fm_annotation_get_id (source)), ==, 1);
  fm_annotation_set_name (source, "Wombat Trust");
  update (store, source);
  g_assert_cmpuint (count_all_hits (store, "okapi"), ==, 0);
  g_assert_cmpuint (count_hits (store, "wombat", fm_annotation_get_id (source)), ==, 1);

  /* Evidence, added and removed, leads to its annotation while it is there. */
  fm_annotation_add_evidence (claim, "https://pangolin.example.org/jobs", "aardvark survey");
  update (store, claim);
  g_assert_cmpuint (count_hits (store, "pangolin", id), ==, 1);
  g_assert_cmpuint (count_hits (store, "aardvark", id), ==, 1);
  fm_annotation_remove_evidence (claim, 0);
  update (store, claim);
  g_assert_cmpuint (count_all_hits (store, "pangolin OR aardvark"), ==, 0);

  fm_annotation_add_evidence (claim, "https://pangolin.example.org/jobs", NULL);
  update (store, claim);
  g_assert_true (fm_store_delete_annotation (store, id, &error));
  g_assert_no_error (error);
  check_index (store);
  g_assert_cmpuint (count_all_hits (store, "quixotic OR pangolin"), ==, 0);

  /* Deleting the article takes its annotations and evidence with it. */
  g_assert_true (fm_store_delete_article (store, fm_article_get_id (f->article), &error));
  g_assert_no_error (error);
  check_index (store);
  g_assert_cmpuint (count_all_hits (store, "wombat OR minister"), ==, 0);
}

static void
undo (FmHistory *history,
      FmStore   *store,
      gint64     article_id,
      gboolean   redo)
{
  g_autoptr(GError) error = NULL;
  gint64 affected = 0;

  if (redo)
    g_assert_true (fm_history_redo (history, article_id, &affected, &error));
  else
    g_assert_true (fm_history_undo (history, article_id, &affected, &error));
  g_assert_no_error (error);
  check_index (store);
}

/* Undo and redo of adding, editing and deleting write through the store
 * as any change does, and so through the same triggers. */
static void
test_undo (Fixture       *f,
           gconstpointer  data)
{
  FmStore *store = f->lib.store;
  g_autoptr(FmHistory) history = fm_history_new (store);
  g_autoptr(FmAnnotation) claim = fm_test_new_annotation (f->article, FM_KIND_CLAIM, "in March");
  g_autoptr(FmAnnotation) edited = NULL;
  g_autoptr(GError) error = NULL;
  gint64 article_id = fm_article_get_id (f->article);

  fm_annotation_set_note (claim, "zanzibar");
  fm_annotation_add_evidence (claim, "https://pangolin.example.org/", NULL);
  g_assert_true (fm_history_create (history, claim, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (count_hits (store, "zanzibar", fm_annotation_get_id (claim)), ==, 1);
  undo (history, store, article_id, FALSE);
  g_assert_cmpuint (count_all_hits (store, "zanzibar OR pangolin"), ==, 0);
  undo (history, store, article_id, TRUE);
  g_assert_cmpuint (count_hits (store, "zanzibar", fm_annotation_get_id (claim)), ==, 1);
  g_assert_cmpuint (count_hits (store, "pangolin", fm_annotation_get_id (claim)), ==, 1);

  edited = fm_annotation_copy (claim);
  fm_annotation_set_note (edited, "quixotic");
  fm_annotation_remove_evidence (edited, 0);
  g_assert_true (fm_history_update (history, claim, edited, NULL, &error));
  g_assert_no_error (error);
  check_index (store);
  g_assert_cmpuint (count_all_hits (store, "zanzibar OR pangolin"), ==, 0);
  undo (history, store, article_id, FALSE);
  g_assert_cmpuint (count_all_hits (store, "quixotic"), ==, 0);
  g_assert_cmpuint (count_hits (store, "zanzibar", fm_annotation_get_id (claim)), ==, 1);
  g_assert_cmpuint (count_hits (store, "pangolin", fm_annotation_get_id (claim)), ==, 1);

  g_assert_true (fm_history_delete (history, fm_annotation_get_id (claim), &error));
  g_assert_no_error (error);
  check_index (store);
  g_assert_cmpuint (count_all_hits (store, "zanzibar OR pangolin"), ==, 0);
  undo (history, store, article_id, FALSE);
  g_assert_cmpuint (count_hits (store, "zanzibar", fm_annotation_get_id (claim)), ==, 1);
  g_assert_cmpuint (count_hits (store, "pangolin", fm_annotation_get_id (claim)), ==, 1);
}

/* A new version of the text replaces the article's words in the index,
 * and its annotations' re-anchored quotes replace theirs. */
static void
test_update_text (Fixture       *f,
                  gconstpointer  data)
{
  static const char new_text[] =
    "The minister said joblessness fell to 4.5 percent in April. "
    "Critics at the Harbour Institute called the figure misleading.";
  FmStore *store = f->lib.store;
  g_autoptr(FmAnnotation) claim = fm_test_annotate (store, f->article, FM_KIND_CLAIM,
                                            "unemployment fell to 4.2 percent in March");
  g_autoptr(FmAnnotation) source = fm_test_annotate (store, f->article, FM_KIND_SOURCE,
                                             "Harbour Institute");
  g_autoptr(FmAnnotation) stored = NULL;
  g_autoptr(GError) error = NULL;
  FmUpdateSummary summary = { 0 };

  g_assert_true (fm_update_article (store, fm_article_get_id (f->article), new_text, NULL,
                                    &summary, NULL, &error));
  g_assert_no_error (error);
  fm_update_summary_clear (&summary);
  check_index (store);
  g_assert_cmpuint (count_hits (store, "april", 0), ==, 1);
  g_assert_cmpuint (count_hits (store, "march", 0), ==, 0);
  g_assert_cmpuint (count_hits (store, "harbour", fm_annotation_get_id (source)), ==, 1);

  /* Whatever the claim's quote became, the index holds that and no other. */
  stored = fm_store_get_annotation (store, fm_annotation_get_id (claim), &error);
  g_assert_no_error (error);
  if (strstr (fm_annotation_get_quote (stored), "April") != NULL)
    {
      g_assert_cmpuint (count_hits (store, "april", fm_annotation_get_id (claim)), ==, 1);
      g_assert_cmpuint (count_hits (store, "march", fm_annotation_get_id (claim)), ==, 0);
    }
  else
    g_assert_cmpuint (count_hits (store, "march", fm_annotation_get_id (claim)), ==, 1);

  /* A title edited in the article's properties, likewise. */
  fm_article_set_title (f->article, "Okapi statistics");
  g_assert_true (fm_store_update_article (store, f->article, &error));
  g_assert_no_error (error);
  check_index (store);
  g_assert_cmpuint (count_hits (store, "okapi", 0), ==, 1);
  g_assert_cmpuint (count_all_hits (store, "jobs"), ==, 0);
}

static char *
export_article (FmStore        *store,
                FmArticle      *article,
                FmExportFormat  format)
{
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;
  FmExportOptions options = FM_EXPORT_OPTIONS_INIT;
  char *data;

  annotations = fm_store_list_annotations (store, fm_article_get_id (article), &error);
  g_assert_no_error (error);
  data = fm_export_to_string (format, article, annotations, &options, &error);
  g_assert_no_error (error);
  return data;
}

/* Articles imported from a file, fact sheets with their annotations and
 * annotations imported onto an article are all indexed as they land. */
static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  static const char plain_file[] =
    "Jobs again\n\nThe minister said unemployment fell to 4.2 percent in March. "
    "Critics at the Harbour Institute called the figure misleading.";
  g_autoptr(FmAnnotation) claim = fm_test_new_annotation (f->article, FM_KIND_CLAIM, "in March");
  g_autoptr(FmStore) other = fm_test_library_open (&f->lib, "other.db");
  g_autoptr(FmSheetImport) sheet = NULL;
  g_autoptr(FmArticle) imported = NULL;
  g_autoptr(FmArticle) stored = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *json = NULL;
  g_autofree char *w3c = NULL;
  g_autofree char *encoding = NULL;
  FmSheetImportCounts counts;

  fm_annotation_set_note (claim, "zanzibar");
  fm_annotation_add_evidence (claim, "https://pangolin.example.org/", NULL);
  g_assert_true (fm_store_add_annotation (f->lib.store, claim, &error));
  g_assert_no_error (error);
  json = export_article (f->lib.store, f->article, FM_EXPORT_FORMAT_JSON);
  w3c = export_article (f->lib.store, f->article, FM_EXPORT_FORMAT_W3C);

  sheet = fm_sheet_import_read (json, strlen (json), &error);
  g_assert_no_error (error);
  g_assert_true (fm_sheet_import_is_factsheet (sheet));
  imported = fm_sheet_import_add_article (sheet, other, &counts, &error);
  g_assert_no_error (error);
  check_index (other);
  g_assert_cmpuint (count_hits (other, "minister", 0), ==, 1);
  g_assert_cmpuint (count_hits (other, "zanzibar", 0), ==, 0);
  g_assert_cmpuint (count_all_hits (other, "zanzibar"), ==, 1);
  g_assert_cmpuint (count_all_hits (other, "pangolin"), ==, 1);
  g_clear_pointer (&sheet, fm_sheet_import_free);
  g_clear_object (&imported);

  /* A plain text file, then the annotations in W3C form onto it. */
  imported = fm_import_data (plain_file, strlen (plain_file), "jobs.txt", &encoding, &error);
  g_assert_no_error (error);
  stored = fm_store_add_article (other, imported, NULL, &error);
  g_assert_no_error (error);
  check_index (other);
  g_assert_cmpuint (count_hits (other, "minister", 0), ==, 2);
  sheet = fm_sheet_import_read (w3c, strlen (w3c), &error);
  g_assert_no_error (error);
  g_assert_true (fm_sheet_import_add_annotations (sheet, other, fm_article_get_id (stored),
                                                  &counts, &error));
  g_assert_no_error (error);
  check_index (other);
  g_assert_cmpuint (count_all_hits (other, "zanzibar"), ==, 2);
  g_assert_cmpuint (count_all_hits (other, "pangolin"), ==, 2);
}

/* A library written at schema 4, before there was an index, is indexed in
 * full when it is opened, and kept so after. */
static void
test_migration (void)
{
  g_autoptr(FmTestLibrary) library = fm_test_library_new ();
  g_autofree char *path = fm_test_library_build_path (library, "old.db");
  g_autoptr(FmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  sqlite3 *db;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (fm_store_migrate (db, 4, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db,
                                 "INSERT INTO articles (id, uuid, title, imported, text, sha256,"
                                 " length) VALUES (1, '00000000-0000-4000-8000-000000000001',"
                                 " 'Okapi report', 1, 'The zebra count rose sharply', 'x', 28),"
                                 " (2, '00000000-0000-4000-8000-000000000004', 'Other', 1,"
                                 " 'Nothing here', 'y', 12);"
                                 "INSERT INTO annotations (id, uuid, article_id, kind, start,"
                                 " \"end\", quote, note, name, created, modified) VALUES"
                                 " (7, '00000000-0000-4000-8000-000000000002', 1, 'source',"
                                 " 4, 9, 'zebra', NULL, 'Wombat Trust', 1, 1),"
                                 " (9, '00000000-0000-4000-8000-000000000003', 1, 'claim',"
                                 " 10, 28, 'count rose sharply', 'quixotic', NULL, 1, 1);"
                                 "INSERT INTO evidence (annotation_id, position, url, note)"
                                 " VALUES (9, 0, 'https://pangolin.example.org/', 'aardvark');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = fm_store_open (path, &error);
  g_assert_no_error (error);
  check_index (store);
  g_assert_cmpuint (count_hits (store, "okapi", 0), ==, 1);
  g_assert_cmpuint (count_hits (store, "nothing", 0), ==, 1);
  g_assert_cmpuint (count_hits (store, "wombat", 7), ==, 1);
  g_assert_cmpuint (count_hits (store, "zebra", 7), ==, 1);
  g_assert_cmpuint (count_hits (store, "quixotic", 9), ==, 1);
  g_assert_cmpuint (count_hits (store, "aardvark", 9), ==, 1);
  g_assert_cmpuint (count_hits (store, "pangolin", 9), ==, 1);

  /* What was indexed by the migration is taken out again by the triggers. */
  g_assert_true (fm_store_delete_annotation (store, 9, &error));
  g_assert_no_error (error);
  check_index (store);
  g_assert_cmpuint (count_all_hits (store, "quixotic OR aardvark OR pangolin"), ==, 0);
}

#define fixture_test(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  fixture_test ("/search-index/edits", test_edits);
  fixture_test ("/search-index/undo", test_undo);
  fixture_test ("/search-index/update-text", test_update_text);
  fixture_test ("/search-index/import", test_import);
  g_test_add_func ("/search-index/migration", test_migration);

  return g_test_run ();
}
