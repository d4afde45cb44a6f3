/* fm-store-similar.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-store"

#include "config.h"

#include "fm-store-similar.h"

#include <string.h>

#include "fm-store-private.h"

/* The index's side of "Checked before". A general search ranks, counts,
 * cuts snippets and looks in evidence and articles too; finding the claims
 * that say what one claim says needs none of it, only each candidate's id,
 * article and quote, in the order bm25 ranks their quotes. */

/* How many annotations hold each word of the index, read from FTS5's own
 * counts: a connection's temporary table, not part of the library. */
static const char SQL_CREATE_VOCABULARY[] =
  "CREATE VIRTUAL TABLE IF NOT EXISTS temp.similar_vocabulary"
  " USING fts5vocab (main, search_annotations, row)";

static const char SQL_COUNT_PREFIX[] =
  "SELECT coalesce (sum (doc), 0) FROM temp.similar_vocabulary WHERE term >= ?1 AND term < ?2";

static const char SQL_CANDIDATES[] =
  "SELECT a.id, a.article_id, a.quote FROM search_annotations"
  " JOIN annotations a ON a.id = search_annotations.rowid"
  " WHERE search_annotations MATCH ?1 AND a.kind = 'claim' AND a.article_id <> ?2"
  " ORDER BY rank LIMIT ?3";

/* Creating the table when it is there already changes nothing, and costs
 * less than a count. */
static sqlite3_stmt *
count_stmt (FmStore  *self,
            GError  **error)
{
  int rc = sqlite3_exec (self->db, SQL_CREATE_VOCABULARY, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      fm_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return fm_store_get_stmt (self, SQL_COUNT_PREFIX, error);
}

/* Counts already read, by prefix, kept with the store. They only choose
 * which words a candidate search uses, so one a little out of date costs
 * time, never a claim: the counts of a library's words change slowly,
 * while reading them again walks every annotation holding the word. */
#define COUNT_CACHE_KEY "fm-store-similar-counts"
#define COUNT_CACHE_MAX 50000

static GHashTable *
count_cache (FmStore *self)
{
  GHashTable *cache = g_object_get_data (G_OBJECT (self), COUNT_CACHE_KEY);

  if (cache == NULL || g_hash_table_size (cache) >= COUNT_CACHE_MAX)
    {
      cache = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
      g_object_set_data_full (G_OBJECT (self), COUNT_CACHE_KEY, cache,
                              (GDestroyNotify) g_hash_table_unref);
    }
  return cache;
}

static gint64
read_count (FmStore     *self,
            const char  *prefix,
            GError     **error)
{
  g_autofree char *after = g_strdup (prefix);
  sqlite3_stmt *stmt;
  gint64 n = -1;
  int rc;

  if (!(stmt = count_stmt (self, error)))
    return -1;
  /* The first string past every word with the prefix. */
  after[strlen (after) - 1]++;
  sqlite3_bind_text (stmt, 1, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, after, -1, SQLITE_STATIC);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  else
    fm_store_set_sqlite_error (self, rc, error);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return n;
}

/**
 * fm_store_count_prefix:
 * @prefix: a word of ASCII letters and digits, as the index folds them
 *
 * Returns: about how many annotations hold a word starting with @prefix
 *   (one holding two such words counts twice), or -1 on error
 */
gint64
fm_store_count_prefix (FmStore     *self,
                       const char  *prefix,
                       GError     **error)
{
  GHashTable *cache;
  gint64 *known;
  gint64 n;

  g_return_val_if_fail (FM_IS_STORE (self), -1);
  g_return_val_if_fail (prefix != NULL && *prefix != '\0', -1);

  cache = count_cache (self);
  if ((known = g_hash_table_lookup (cache, prefix)) != NULL)
    return *known;
  if ((n = read_count (self, prefix, error)) >= 0)
    g_hash_table_insert (cache, g_strdup (prefix), g_memdup2 (&n, sizeof n));
  return n;
}

static void
candidate_clear (gpointer data)
{
  g_free (((FmSimilarCandidate *) data)->quote);
}

/**
 * fm_store_similar_candidates:
 * @match: an FTS5 query
 * @except_article: the article whose claims are left out
 *
 * Returns: (transfer full) (element-type FmSimilarCandidate): the claims
 *   of other articles @match finds, the best ranked first, or %NULL on error
 */
GArray *
fm_store_similar_candidates (FmStore     *self,
                             const char  *match,
                             gint64       except_article,
                             guint        limit,
                             GError     **error)
{
  g_autoptr(GArray) found = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FM_IS_STORE (self), NULL);
  g_return_val_if_fail (match != NULL, NULL);

  if (!(stmt = fm_store_get_stmt (self, SQL_CANDIDATES, error)))
    return NULL;
  found = g_array_new (FALSE, FALSE, sizeof (FmSimilarCandidate));
  g_array_set_clear_func (found, candidate_clear);
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, except_article);
  sqlite3_bind_int64 (stmt, 3, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FmSimilarCandidate c = {
        sqlite3_column_int64 (stmt, 0),
        sqlite3_column_int64 (stmt, 1),
        g_strdup (fm_store_column_text (stmt, 2)),
      };

      g_array_append_val (found, c);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    {
      fm_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&found);
}
