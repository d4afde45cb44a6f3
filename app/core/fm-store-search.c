/* fm-store-search.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-store"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "fm-search.h"
#include "fm-store-private.h"

/* Searching the library through its FTS5 index (schema 5): annotations by
 * their quote, note and source name, evidence by its link and note, and
 * articles by title and text. A query is FTS5's own language, so phrases in
 * quotes, prefixes with * and NEAR() work; what is not valid in it is
 * searched again as plain words. Results are ranked by bm25, except when a
 * term matches a large share of the library: ranking every match would
 * then cost more than it tells, so the newest come first instead. */

/* Past this many matching annotations, and this share of them all, the
 * newest come first rather than the best ranked. */
#define COMMON_MATCHES 2000
#define COMMON_SHARE   0.2

#define SNIPPET_WORDS "16"

/* The most articles listed for a match in their own words. Each costs a
 * snippet and a highlight over its whole text; past this many, the
 * annotations say more about where to look than more articles would. */
#define MAX_ARTICLE_HITS 20

static const char SQL_COUNT_MATCHES[] =
  "SELECT count(*) FROM search_annotations WHERE search_annotations MATCH ?1";
/* The largest id stands for the count: it is read from the index at once,
 * where counting walks every row, and a share needs no more precision. */
static const char SQL_COUNT_ANNOTATIONS[] = "SELECT coalesce (max (id), 0) FROM annotations";

/* The day an article is dated: the date its published field begins with,
 * when it is one, or else the local day it was imported. */
#define ARTICLE_DATE_SQL \
  "(CASE WHEN ar.published GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'" \
  " THEN substr (ar.published, 1, 10)" \
  " ELSE date (ar.imported / 1000000, 'unixepoch', 'localtime') END)"

/* ?6 and ?7, the first and last day, narrow articles and what they hold. */
#define DATE_FILTER_SQL \
  "(?6 IS NULL OR " ARTICLE_DATE_SQL " >= ?6) AND (?7 IS NULL OR " ARTICLE_DATE_SQL " <= ?7)"

/* SQLite's own lower() folds ASCII only; names are matched as the Facts
 * view matches them, by GLib's case folding. */
#define FOLDED_CONTAINS "fm_search_folded_contains"

/* ?5, part of a source's name, case folded, keeps the sources so named
 * and the annotations attributed to one. As in the Facts view, a merged
 * source is found by its library name (entity) too, and a claim by the
 * library name of its source. */
#define SOURCE_FILTER_SQL \
  "(?5 IS NULL" \
  " OR (a.kind = 'source' AND (" FOLDED_CONTAINS " (coalesce (a.name, a.quote), ?5)" \
  "     OR " FOLDED_CONTAINS " (a.entity, ?5)))" \
  " OR (a.kind != 'source' AND EXISTS (SELECT 1 FROM links l" \
  "     JOIN annotations s ON s.id = l.source_id WHERE l.annotation_id = a.id" \
  "     AND " FOLDED_CONTAINS " (coalesce (s.entity, s.name, s.quote), ?5))))"

#define ANNOTATION_FILTER_SQL \
  "(?2 IS NULL OR a.kind = ?2) AND (?3 IS NULL OR a.verdict = ?3)" \
  " AND " SOURCE_FILTER_SQL " AND " DATE_FILTER_SQL

#define ANNOTATION_HIT_SQL(order) \
  "SELECT a.id, a.article_id, coalesce (a.start, 0), coalesce (a.\"end\", 0), a.kind, a.verdict," \
  "  ar.title, snippet (search_annotations, -1, char (2), char (3), '…', " SNIPPET_WORDS ")," \
  "  bm25 (search_annotations)" \
  " FROM search_annotations" \
  " JOIN annotations a ON a.id = search_annotations.rowid" \
  " JOIN articles ar ON ar.id = a.article_id" \
  " WHERE search_annotations MATCH ?1 AND " ANNOTATION_FILTER_SQL \
  " ORDER BY " order " LIMIT ?4"

static const char SQL_ANNOTATIONS_RANKED[] = ANNOTATION_HIT_SQL ("rank");
static const char SQL_ANNOTATIONS_NEWEST[] = ANNOTATION_HIT_SQL ("a.modified DESC");

static const char SQL_EVIDENCE[] =
  "SELECT a.id, a.article_id, coalesce (a.start, 0), coalesce (a.\"end\", 0), a.kind, a.verdict,"
  "  ar.title, snippet (search_evidence, -1, char (2), char (3), '…', " SNIPPET_WORDS "),"
  "  bm25 (search_evidence)"
  " FROM search_evidence"
  " JOIN evidence e ON e.id = search_evidence.rowid"
  " JOIN annotations a ON a.id = e.annotation_id"
  " JOIN articles ar ON ar.id = a.article_id"
  " WHERE search_evidence MATCH ?1 AND " ANNOTATION_FILTER_SQL
  " ORDER BY rank LIMIT ?4";

static const char SQL_ARTICLES[] =
  "SELECT ar.id, ar.title, snippet (search_articles, -1, char (2), char (3), '…', "
  SNIPPET_WORDS "), bm25 (search_articles)"
  " FROM search_articles JOIN articles ar ON ar.id = search_articles.rowid"
  " WHERE search_articles MATCH ?1 AND " DATE_FILTER_SQL " ORDER BY rank LIMIT ?4";

/* The text with its matches marked, for one article only: marking every
 * match's whole text before the limit would copy every matching article. */
static const char SQL_ARTICLE_HIGHLIGHT[] =
  "SELECT highlight (search_articles, 1, char (2), char (3)) FROM search_articles"
  " WHERE search_articles MATCH ?1 AND rowid = ?2";

void
fm_search_hit_free (FmSearchHit *hit)
{
  if (hit == NULL)
    return;
  g_free (hit->title);
  g_free (hit->snippet);
  g_free (hit);
}

/**
 * fm_search_hit_dup_snippet:
 * @open: what goes before each matching run of words
 * @close: what goes after it
 */
char *
fm_search_hit_dup_snippet (const FmSearchHit *hit,
                           const char        *open,
                           const char        *close)
{
  g_autoptr(GString) out = NULL;

  g_return_val_if_fail (hit != NULL, NULL);

  out = g_string_new (hit->snippet);
  g_string_replace (out, FM_SEARCH_MARK_START, open, 0);
  g_string_replace (out, FM_SEARCH_MARK_END, close, 0);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* A query FTS5 refuses ("U.S.", "covid-19", a lone quote) is searched as
 * the words it holds, each one a phrase. */
static char *
quote_words (const char *query)
{
  g_auto(GStrv) words = g_strsplit_set (query, " \t\n", -1);
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; words[i] != NULL; i++)
    {
      g_autoptr(GString) word = g_string_new (words[i]);

      if (word->len == 0)
        continue;
      g_string_replace (word, "\"", "\"\"", 0);
      g_string_append_printf (out, "%s\"%s\"", out->len ? " " : "", word->str);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Binds every filter; a statement without a parameter ignores it. */
static void
bind_filter (sqlite3_stmt         *stmt,
             const FmSearchFilter *filter)
{
  if (filter->kind >= 0)
    sqlite3_bind_text (stmt, 2, fm_kind_to_string (filter->kind), -1, SQLITE_STATIC);
  if (filter->verdict >= 0)
    sqlite3_bind_text (stmt, 3, fm_verdict_to_string (filter->verdict), -1, SQLITE_STATIC);
  if (filter->source != NULL)
    sqlite3_bind_text (stmt, 5, g_utf8_casefold (filter->source, -1), -1, g_free);
  if (filter->since != NULL)
    sqlite3_bind_text (stmt, 6, filter->since, -1, SQLITE_TRANSIENT);
  if (filter->until != NULL)
    sqlite3_bind_text (stmt, 7, filter->until, -1, SQLITE_TRANSIENT);
}

/* FOLDED_CONTAINS (text, part): whether @text, case folded, holds @part,
 * folded already. */
static void
folded_contains (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  const char *text = (const char *) sqlite3_value_text (argv[0]);
  const char *part = (const char *) sqlite3_value_text (argv[1]);
  g_autofree char *folded = NULL;

  g_assert (argc == 2);

  if (text == NULL || part == NULL)
    {
      sqlite3_result_int (context, 0);
      return;
    }
  folded = g_utf8_casefold (text, -1);
  sqlite3_result_int (context, strstr (folded, part) != NULL);
}

/* The filters' SQL function, registered on a store's connection before
 * its first search statement is prepared, since one naming an unknown
 * function would not prepare. */
static gboolean
ensure_functions (FmStore  *self,
                  GError  **error)
{
  static const char key[] = "fm-search-functions";
  int rc;

  if (g_object_get_data (G_OBJECT (self), key) != NULL)
    return TRUE;
  rc = sqlite3_create_function_v2 (fm_store_get_db (self), FOLDED_CONTAINS, 2,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL, folded_contains,
                                   NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return fm_store_set_sqlite_error (self, rc, error);
  g_object_set_data (G_OBJECT (self), key, GINT_TO_POINTER (TRUE));
  return TRUE;
}

static gint64
count (FmStore     *self,
       const char  *sql,
       const char  *match,
       GError     **error)
{
  sqlite3_stmt *stmt = fm_store_get_stmt (self, sql, error);
  gint64 n;

  if (stmt == NULL)
    return -1;
  if (match != NULL)
    sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      fm_store_set_sqlite_error (self, sqlite3_reset (stmt), error);
      return -1;
    }
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return n;
}

/* fm_store_count_annotations:
 *
 * Returns: how many annotations the library holds at most (the highest
 *   id, which the index's size follows and which costs no scan), or -1
 *   with @error set */
gint64
fm_store_count_annotations (FmStore  *self,
                            GError  **error)
{
  return count (self, SQL_COUNT_ANNOTATIONS, NULL, error);
}

/* Whether @match is common enough that ranking would cost more than it
 * tells. */
static gboolean
is_common (FmStore     *self,
           const char  *match,
           gboolean    *common,
           GError     **error)
{
  gint64 matches = count (self, SQL_COUNT_MATCHES, match, error);
  gint64 total;

  if (matches < 0 || (total = fm_store_count_annotations (self, error)) < 0)
    return FALSE;
  *common = matches > COMMON_MATCHES && matches > COMMON_SHARE * total;
  return TRUE;
}

static FmSearchHit *
read_annotation_hit (sqlite3_stmt *stmt)
{
  FmSearchHit *hit = g_new0 (FmSearchHit, 1);

  hit->annotation_id = sqlite3_column_int64 (stmt, 0);
  hit->article_id = sqlite3_column_int64 (stmt, 1);
  hit->start = sqlite3_column_int64 (stmt, 2);
  hit->end = sqlite3_column_int64 (stmt, 3);
  fm_kind_from_string (fm_store_column_text (stmt, 4), &hit->kind);
  fm_verdict_from_string (fm_store_column_text (stmt, 5), &hit->verdict);
  hit->title = g_strdup (fm_store_column_text (stmt, 6));
  hit->snippet = g_strdup (fm_store_column_text (stmt, 7));
  /* bm25 is lower for better matches; scores read the other way. */
  hit->score = -sqlite3_column_double (stmt, 8);
  return hit;
}

/* Runs one of the annotation or evidence queries, adding its hits. */
static gboolean
collect_annotations (FmStore              *self,
                     const char           *sql,
                     const char           *match,
                     const FmSearchFilter *filter,
                     guint                 limit,
                     GPtrArray            *hits,
                     GError              **error)
{
  sqlite3_stmt *stmt = fm_store_get_stmt (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  bind_filter (stmt, filter);
  sqlite3_bind_int64 (stmt, 4, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (hits, read_annotation_hit (stmt));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  return rc == SQLITE_DONE || fm_store_set_sqlite_error (self, rc, error);
}

/* Where the first match is in the article's text, from its highlighted
 * copy: the marks' code point offsets, less the marks before them. */
static gboolean
locate_in_text (FmStore      *self,
                const char   *match,
                FmSearchHit  *hit,
                GError      **error)
{
  sqlite3_stmt *stmt = fm_store_get_stmt (self, SQL_ARTICLE_HIGHLIGHT, error);
  const char *marked, *open, *close;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, hit->article_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && (marked = fm_store_column_text (stmt, 0)) != NULL
      && (open = strchr (marked, FM_SEARCH_MARK_START[0])) != NULL
      && (close = strchr (open, FM_SEARCH_MARK_END[0])) != NULL)
    {
      hit->start = g_utf8_pointer_to_offset (marked, open);
      hit->end = g_utf8_pointer_to_offset (marked, close) - 1;
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || fm_store_set_sqlite_error (self, rc, error);
}

static gboolean
collect_articles (FmStore              *self,
                  const char           *match,
                  const FmSearchFilter *filter,
                  guint                 limit,
                  GPtrArray            *hits,
                  GError              **error)
{
  sqlite3_stmt *stmt = fm_store_get_stmt (self, SQL_ARTICLES, error);
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_search_hit_free);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, match, -1, SQLITE_TRANSIENT);
  bind_filter (stmt, filter);
  sqlite3_bind_int64 (stmt, 4, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FmSearchHit *hit = g_new0 (FmSearchHit, 1);

      hit->article_id = sqlite3_column_int64 (stmt, 0);
      hit->title = g_strdup (fm_store_column_text (stmt, 1));
      hit->snippet = g_strdup (fm_store_column_text (stmt, 2));
      hit->score = -sqlite3_column_double (stmt, 3);
      g_ptr_array_add (found, hit);
    }
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return fm_store_set_sqlite_error (self, rc, error);
  for (guint i = 0; i < found->len; i++)
    if (!locate_in_text (self, match, g_ptr_array_index (found, i), error))
      return FALSE;
  g_ptr_array_extend_and_steal (hits, g_steal_pointer (&found));
  return TRUE;
}

/* An annotation found both by its words and by its evidence is listed
 * once, with its better score. */
static void
drop_repeats (GPtrArray *hits)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_int64_hash, g_int64_equal);

  for (guint i = 0; i < hits->len;)
    {
      FmSearchHit *hit = g_ptr_array_index (hits, i);

      if (hit->annotation_id != 0 && g_hash_table_contains (seen, &hit->annotation_id))
        g_ptr_array_remove_index (hits, i);
      else
        {
          if (hit->annotation_id != 0)
            g_hash_table_add (seen, &hit->annotation_id);
          i++;
        }
    }
}

static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const FmSearchHit *x = *(FmSearchHit * const *) a;
  const FmSearchHit *y = *(FmSearchHit * const *) b;

  return x->score < y->score ? 1 : x->score > y->score ? -1 : 0;
}

static GPtrArray *
run_search (FmStore              *self,
            const char           *match,
            const FmSearchFilter *filter,
            guint                 limit,
            GError              **error)
{
  g_autoptr(GPtrArray) hits = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_search_hit_free);
  gboolean common = FALSE;

  if (!is_common (self, match, &common, error)
      || !collect_annotations (self, common ? SQL_ANNOTATIONS_NEWEST : SQL_ANNOTATIONS_RANKED,
                               match, filter, limit, hits, error)
      || !collect_annotations (self, SQL_EVIDENCE, match, filter, limit, hits, error))
    return NULL;
  /* An article's own words have no kind, verdict or source to narrow by,
   * only a date. */
  if (filter->kind < 0 && filter->verdict < 0 && filter->source == NULL
      && !collect_articles (self, match, filter, MIN (limit, MAX_ARTICLE_HITS), hits, error))
    return NULL;
  if (!common)
    g_ptr_array_sort (hits, compare_hits);
  drop_repeats (hits);
  if (hits->len > limit)
    g_ptr_array_set_size (hits, limit);
  return g_steal_pointer (&hits);
}

/**
 * fm_search_parse_date:
 * @text: a date as ISO 8601 writes it, YYYY-MM-DD
 *
 * Returns: (transfer full): the date for FmSearchFilter, or %NULL with
 *   %FM_ERROR_INVALID when @text is not one
 */
char *
fm_search_parse_date (const char  *text,
                      GError     **error)
{
  g_autofree char *stripped = NULL;
  gboolean shaped;
  unsigned y, m, d;

  g_return_val_if_fail (text != NULL, NULL);

  stripped = g_strstrip (g_strdup (text));
  shaped = strlen (stripped) == 10;
  for (guint i = 0; shaped && i < 10; i++)
    shaped = i == 4 || i == 7 ? stripped[i] == '-' : g_ascii_isdigit (stripped[i]);
  if (shaped && sscanf (stripped, "%4u-%2u-%2u", &y, &m, &d) == 3
      && g_date_valid_dmy (d, m, y))
    return g_steal_pointer (&stripped);
  g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
               _("“%s” is not a date; write it as YYYY-MM-DD, such as 2026-03-31"), text);
  return NULL;
}

/**
 * fm_store_search:
 * @query: FTS5 query text, or plain words
 * @filter: (nullable): kind, verdict, source and dates to narrow to
 * @limit: the most hits to return
 *
 * Returns: (transfer container) (element-type FmSearchHit): the hits, the
 *   best first
 */
GPtrArray *
fm_store_search (FmStore              *self,
                 const char           *query,
                 const FmSearchFilter *filter,
                 guint                 limit,
                 GError              **error)
{
  FmSearchFilter any = FM_SEARCH_FILTER_ANY;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *words = NULL;
  g_autofree char *stripped = NULL;
  GPtrArray *hits;

  g_return_val_if_fail (FM_IS_STORE (self), NULL);
  g_return_val_if_fail (query != NULL, NULL);

  if (!ensure_functions (self, error))
    return NULL;
  stripped = g_strstrip (g_strdup (query));
  if (*stripped == '\0' || !g_utf8_validate (query, -1, NULL))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID, _("Type some words to search for"));
      return NULL;
    }
  hits = run_search (self, query, filter ? filter : &any, limit, &local_error);
  if (hits != NULL || !g_error_matches (local_error, FM_ERROR, FM_ERROR_DATABASE))
    {
      if (local_error)
        g_propagate_error (error, g_steal_pointer (&local_error));
      return hits;
    }
  /* Not valid as a query: search for the words themselves. */
  words = quote_words (query);
  return run_search (self, words, filter ? filter : &any, limit, error);
}
