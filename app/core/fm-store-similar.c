/* fm-store-similar.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-store"

#include "config.h"

#include "fm-store-similar.h"

#include <math.h>
#include <string.h>

#include "fm-store-private.h"

/* The index's side of "Checked before". A general search ranks, counts,
 * cuts snippets and looks in evidence and articles too; finding the claims
 * that say what one claim says needs none of it: only the ids of the
 * annotations holding each of the claim's rarest words, weighed here, and
 * the article and quote of the best of them. */

/* How many annotations hold each word of the index, read from FTS5's own
 * counts: a connection's temporary table, not part of the library. */
static const char SQL_CREATE_VOCABULARY[] =
  "CREATE VIRTUAL TABLE IF NOT EXISTS temp.similar_vocabulary"
  " USING fts5vocab (main, search_annotations, row)";

static const char SQL_COUNT_PREFIX[] =
  "SELECT coalesce (sum (doc), 0) FROM temp.similar_vocabulary WHERE term >= ?1 AND term < ?2";

static const char SQL_MATCH_QUOTES[] =
  "SELECT rowid FROM search_annotations WHERE search_annotations MATCH ?1";

static const char SQL_CLAIM[] =
  "SELECT article_id, quote FROM annotations WHERE id = ?1 AND kind = 'claim'";


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

/* Counts already read, by prefix, kept with the store. They choose which
 * words a candidate search uses and how much each weighs, so one a little
 * out of date only shifts the candidates' order a little: the counts of a
 * library's words change slowly, while reading one again walks every
 * annotation holding the word. */
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

typedef struct
{
  gint64 id;
  double weight;
} Ranked;

static int
compare_ranked (gconstpointer a,
                gconstpointer b)
{
  const Ranked *x = a;
  const Ranked *y = b;

  if (x->weight != y->weight)
    return x->weight < y->weight ? 1 : -1;
  return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

/* Adds @weight to every annotation whose quote holds a word starting with
 * @prefix. */
static gboolean
add_matches (FmStore     *self,
             const char  *prefix,
             double       weight,
             GHashTable  *weights,
             GError     **error)
{
  sqlite3_stmt *stmt = fm_store_get_stmt (self, SQL_MATCH_QUOTES, error);
  g_autofree char *match = g_strdup_printf ("quote : \"%s\"*", prefix);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      Ranked *r = g_hash_table_lookup (weights, &id);

      if (r == NULL)
        {
          r = g_new0 (Ranked, 1);
          r->id = id;
          g_hash_table_insert (weights, &r->id, r);
        }
      r->weight += weight;
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE || fm_store_set_sqlite_error (self, rc, error);
}

/* The annotations holding the words, the ones sharing the most weight
 * first, the newest first among equals. A word weighs what bm25 gives a
 * rare word over a common one, log (1 + (N - n + 0.5) / (n + 0.5)) for a
 * word in n of N annotations; unlike bm25 it needs nothing of each
 * annotation but its id, which is what makes it cheap. */
static GArray *
rank_matches (FmStore            *self,
              const char * const *prefixes,
              const gint64       *counts,
              guint               n,
              GError            **error)
{
  g_autoptr(GHashTable) weights = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL, g_free);
  gint64 total = fm_store_count_annotations (self, error);
  GHashTableIter iter;
  gpointer value;
  GArray *ranked;

  if (total < 0)
    return NULL;
  for (guint i = 0; i < n; i++)
    {
      double df = CLAMP (counts[i], 0, total);

      if (!add_matches (self, prefixes[i], log (1 + (total - df + 0.5) / (df + 0.5)), weights,
                        error))
        return NULL;
    }
  ranked = g_array_sized_new (FALSE, FALSE, sizeof (Ranked), g_hash_table_size (weights));
  g_hash_table_iter_init (&iter, weights);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_array_append_vals (ranked, value, 1);
  g_array_sort (ranked, compare_ranked);
  return ranked;
}

/* Reads the claim @id into @c unless it is not a claim or is in
 * @except_article. */
static gboolean
read_claim (FmStore             *self,
            gint64               id,
            gint64               except_article,
            FmSimilarCandidate  *c,
            GError             **error)
{
  sqlite3_stmt *stmt = fm_store_get_stmt (self, SQL_CLAIM, error);
  gboolean found = FALSE;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) != except_article)
    {
      c->id = id;
      c->article_id = sqlite3_column_int64 (stmt, 0);
      c->quote = g_strdup (fm_store_column_text (stmt, 1));
      found = TRUE;
    }
  else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    fm_store_set_sqlite_error (self, rc, error);
  sqlite3_reset (stmt);
  return found;
}

/**
 * fm_store_similar_candidates:
 * @prefixes: (array length=n): words as the index folds them, each found
 *   as a prefix
 * @counts: (array length=n): how many annotations hold each, from
 *   fm_store_count_prefix()
 * @except_article: the article whose claims are left out
 * @limit: the most claims returned
 *
 * Returns: (transfer full) (element-type FmSimilarCandidate): the claims
 *   of other articles whose quotes hold the words, those sharing the rarest
 *   first, or %NULL on error
 */
GArray *
fm_store_similar_candidates (FmStore            *self,
                             const char * const *prefixes,
                             const gint64       *counts,
                             guint               n,
                             gint64              except_article,
                             guint               limit,
                             GError            **error)
{
  g_autoptr(GArray) found = NULL;
  g_autoptr(GArray) ranked = NULL;
  GError *local_error = NULL;

  g_return_val_if_fail (FM_IS_STORE (self), NULL);
  g_return_val_if_fail (n == 0 || (prefixes != NULL && counts != NULL), NULL);

  if (!(ranked = rank_matches (self, prefixes, counts, n, error)))
    return NULL;
  found = g_array_new (FALSE, FALSE, sizeof (FmSimilarCandidate));
  g_array_set_clear_func (found, candidate_clear);
  for (guint i = 0; i < ranked->len && found->len < limit; i++)
    {
      FmSimilarCandidate c = { 0, 0, NULL };

      if (read_claim (self, g_array_index (ranked, Ranked, i).id, except_article, &c, &local_error))
        g_array_append_val (found, c);
      else if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
    }
  return g_steal_pointer (&found);
}
