/* fm-store-articles.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-store"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-store-private.h"
#include "fm-text.h"
#include "fm-types.h"

/* Articles: their metadata, their current text and the counts of their
 * annotations by kind, and references to articles and annotations by id
 * or uuid. */

static const char SQL_LIST_ARTICLES[] =
  "SELECT a.id, a.uuid, a.title, a.url, a.outlet, a.author, a.published, a.lang, a.imported, "
  "  a.sha256, a.length,"
  "  (SELECT count(*) FROM annotations n WHERE n.article_id = a.id AND n.kind = 'claim'),"
  "  (SELECT count(*) FROM annotations n WHERE n.article_id = a.id AND n.kind = 'figure'),"
  "  (SELECT count(*) FROM annotations n WHERE n.article_id = a.id AND n.kind = 'source')"
  " FROM articles a ORDER BY a.imported DESC, a.id DESC";
static const char SQL_GET_ARTICLE[] =
  "SELECT a.id, a.uuid, a.title, a.url, a.outlet, a.author, a.published, a.lang, a.imported, "
  "  a.sha256, a.length,"
  "  (SELECT count(*) FROM annotations n WHERE n.article_id = a.id AND n.kind = 'claim'),"
  "  (SELECT count(*) FROM annotations n WHERE n.article_id = a.id AND n.kind = 'figure'),"
  "  (SELECT count(*) FROM annotations n WHERE n.article_id = a.id AND n.kind = 'source'),"
  "  a.text,"
  "  (SELECT coalesce(max(number), 1) FROM revisions r WHERE r.article_id = a.id)"
  " FROM articles a WHERE a.id = ?1";
/* The same columns without the text, for telling views that counts changed
 * without reading a long article on every mark. */
static const char SQL_ARTICLE_META[] =
  "SELECT a.id, a.uuid, a.title, a.url, a.outlet, a.author, a.published, a.lang, a.imported, "
  "  a.sha256, a.length,"
  "  (SELECT count(*) FROM annotations n WHERE n.article_id = a.id AND n.kind = 'claim'),"
  "  (SELECT count(*) FROM annotations n WHERE n.article_id = a.id AND n.kind = 'figure'),"
  "  (SELECT count(*) FROM annotations n WHERE n.article_id = a.id AND n.kind = 'source')"
  " FROM articles a WHERE a.id = ?1";
static const char SQL_ARTICLE_BY_UUID[] = "SELECT id FROM articles WHERE uuid = ?1";
static const char SQL_ARTICLE_BY_SHA[] = "SELECT id FROM articles WHERE sha256 = ?1";
static const char SQL_INSERT_ARTICLE[] =
  "INSERT INTO articles (uuid, title, url, outlet, author, published, lang, imported, text,"
  " sha256, length) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";
static const char SQL_UPDATE_ARTICLE[] =
  "UPDATE articles SET title = ?2, url = ?3, outlet = ?4, author = ?5, published = ?6,"
  " lang = ?7 WHERE id = ?1";
static const char SQL_DELETE_ARTICLE[] = "DELETE FROM articles WHERE id = ?1";
static const char SQL_ANNOTATION_BY_UUID[] = "SELECT id FROM annotations WHERE uuid = ?1";

static FmArticle *
article_from_row (sqlite3_stmt *stmt,
                  gboolean      with_text)
{
  FmArticle *article = fm_article_new ();

  fm_article_set_id (article, sqlite3_column_int64 (stmt, 0));
  fm_article_set_uuid (article, fm_store_column_text (stmt, 1));
  fm_article_set_title (article, fm_store_column_text (stmt, 2));
  fm_article_set_url (article, fm_store_column_text (stmt, 3));
  fm_article_set_outlet (article, fm_store_column_text (stmt, 4));
  fm_article_set_author (article, fm_store_column_text (stmt, 5));
  fm_article_set_published (article, fm_store_column_text (stmt, 6));
  fm_article_set_lang (article, fm_store_column_text (stmt, 7));
  fm_article_set_imported (article, sqlite3_column_int64 (stmt, 8));
  for (guint k = 0; k < FM_N_KINDS; k++)
    fm_article_set_count (article, k, sqlite3_column_int (stmt, 11 + k));
  if (with_text)
    {
      /* The digest and length were computed when the text was stored. */
      fm_article_set_stored_text (article, fm_store_column_text (stmt, 14), fm_store_column_text (stmt, 9),
                                                                 sqlite3_column_int64 (stmt, 10));
      fm_article_set_revision (article, sqlite3_column_int (stmt, 15));
    }
  else
    fm_article_set_digest (article, fm_store_column_text (stmt, 9), sqlite3_column_int64 (stmt, 10));
  return article;
}

static gint64
lookup_id (FmStore     *self,
           const char  *sql,
           const char  *key,
           GError     **error)
{
  sqlite3_stmt *stmt = fm_store_get_stmt (self, sql, error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  fm_store_bind_text (stmt, 1, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      fm_store_set_sqlite_error (self, rc, error);
      return -1;
    }
  sqlite3_reset (stmt);
  return id;
}

/* References on the command line are a numeric id or a uuid. */
static gboolean
parse_numeric_ref (const char *ref,
                   gint64     *id)
{
  guint64 v;

  if (ref == NULL || !g_ascii_isdigit (*ref))
    return FALSE;
  if (!g_ascii_string_to_unsigned (ref, 10, 1, G_MAXINT64, &v, NULL))
    return FALSE;
  *id = (gint64) v;
  return TRUE;
}

void
fm_store_emit_article_changed (FmStore *self,
                               gint64   article_id)
{
  g_autoptr(FmArticle) article = NULL;
  sqlite3_stmt *stmt;

  /* The counts shown in the library changed; send the article without its
   * text, which listeners of this signal do not need. */
  if (!(stmt = fm_store_get_stmt (self, SQL_ARTICLE_META, NULL)))
    return;
  sqlite3_bind_int64 (stmt, 1, article_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    article = article_from_row (stmt, FALSE);
  sqlite3_reset (stmt);

  if (article != NULL)
    g_signal_emit (self, fm_store_signals[FM_STORE_SIGNAL_ARTICLE_CHANGED], 0, article);
}

/**
 * fm_store_add_article:
 * @article: an article with canonical text
 * @existed: (out) (optional): set when an article with the same text was
 *   already in the library; that article is returned and nothing changes
 *
 * Returns: (transfer full): the stored article, with its id and uuid
 */
FmArticle *
fm_store_add_article (FmStore    *self,
                      FmArticle  *article,
                      gboolean   *existed,
                      GError    **error)
{
  g_autoptr(FmArticle) stored = NULL;
  sqlite3_stmt *stmt;
  const char *text;
  gint64 id;

  g_return_val_if_fail (FM_IS_STORE (self), NULL);
  g_return_val_if_fail (FM_IS_ARTICLE (article), NULL);

  if (existed)
    *existed = FALSE;

  text = fm_article_get_text (article);
  if (text == NULL || !fm_text_is_canonical (text) || fm_article_get_length (article) == 0)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The article's text is empty or not canonical"));
      return NULL;
    }

  if (!fm_store_begin (self, error))
    return NULL;

  id = lookup_id (self, SQL_ARTICLE_BY_SHA, fm_article_get_sha256 (article), error);
  if (id < 0)
    {
      fm_store_rollback (self);
      return NULL;
    }
  if (id > 0)
    {
      fm_store_rollback (self);
      if (existed)
        *existed = TRUE;
      return fm_store_get_article (self, id, error);
    }

  stored = fm_article_copy (article);
  if (fm_article_get_uuid (stored) == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      fm_article_set_uuid (stored, uuid);
    }
  if (fm_article_get_imported (stored) == 0)
    fm_article_set_imported (stored, g_get_real_time ());

  if (!(stmt = fm_store_get_stmt (self, SQL_INSERT_ARTICLE, error)))
    {
      fm_store_rollback (self);
      return NULL;
    }
  fm_store_bind_text (stmt, 1, fm_article_get_uuid (stored));
  fm_store_bind_text (stmt, 2, fm_article_get_title (stored));
  fm_store_bind_text (stmt, 3, fm_article_get_url (stored));
  fm_store_bind_text (stmt, 4, fm_article_get_outlet (stored));
  fm_store_bind_text (stmt, 5, fm_article_get_author (stored));
  fm_store_bind_text (stmt, 6, fm_article_get_published (stored));
  fm_store_bind_text (stmt, 7, fm_article_get_lang (stored));
  sqlite3_bind_int64 (stmt, 8, fm_article_get_imported (stored));
  sqlite3_bind_text (stmt, 9, text, -1, SQLITE_STATIC);
  fm_store_bind_text (stmt, 10, fm_article_get_sha256 (stored));
  sqlite3_bind_int64 (stmt, 11, fm_article_get_length (stored));
  if (!fm_store_step_done (self, stmt, error))
    {
      fm_store_rollback (self);
      return NULL;
    }

  fm_article_set_id (stored, sqlite3_last_insert_rowid (self->db));

  if (!fm_store_commit (self, error))
    return NULL;

  g_signal_emit (self, fm_store_signals[FM_STORE_SIGNAL_ARTICLE_ADDED], 0, stored);
  return g_steal_pointer (&stored);
}

/**
 * fm_store_list_articles:
 *
 * Returns: (transfer container) (element-type FmArticle): every article,
 *   newest first, with counts but without text
 */
GPtrArray *
fm_store_list_articles (FmStore  *self,
                        GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FM_IS_STORE (self), NULL);

  if (!(stmt = fm_store_get_stmt (self, SQL_LIST_ARTICLES, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (list, article_from_row (stmt, FALSE));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      fm_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&list);
}

FmArticle *
fm_store_get_article (FmStore  *self,
                      gint64    id,
                      GError  **error)
{
  FmArticle *article = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FM_IS_STORE (self), NULL);

  if (!(stmt = fm_store_get_stmt (self, SQL_GET_ARTICLE, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    article = article_from_row (stmt, TRUE);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND,
                 _("No article with id %lld"), (long long) id);
  else if (rc != SQLITE_ROW)
    fm_store_set_sqlite_error (self, rc, error);

  return article;
}

/* Resolves a reference from the command line or a file: a numeric id as
 * it is, or a uuid through @sql. Returns 0 with @error set when it names
 * nothing. */
gint64
fm_store_resolve_ref (FmStore     *self,
                      const char  *ref,
                      gboolean     article,
                      GError     **error)
{
  gint64 id;

  if (parse_numeric_ref (ref, &id))
    return id;
  id = lookup_id (self, article ? SQL_ARTICLE_BY_UUID : SQL_ANNOTATION_BY_UUID, ref, error);
  if (id == 0 && article)
    /* Translators: %s is what the user typed to name an article. */
    g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND, _("No article “%s”"), ref);
  else if (id == 0)
    /* Translators: %s is what the user typed to name an annotation. */
    g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND, _("No annotation “%s”"), ref);
  return MAX (id, 0);
}

/**
 * fm_store_lookup_article_id:
 * @ref: a numeric id or a uuid
 *
 * Returns: the article's id without reading the article, or 0 with @error
 *   set when a uuid names none
 */
gint64
fm_store_lookup_article_id (FmStore     *self,
                            const char  *ref,
                            GError     **error)
{
  g_return_val_if_fail (FM_IS_STORE (self), 0);
  return fm_store_resolve_ref (self, ref, TRUE, error);
}

/**
 * fm_store_lookup_article:
 * @ref: a numeric id or a uuid
 */
FmArticle *
fm_store_lookup_article (FmStore     *self,
                         const char  *ref,
                         GError     **error)
{
  gint64 id;

  g_return_val_if_fail (FM_IS_STORE (self), NULL);

  id = fm_store_resolve_ref (self, ref, TRUE, error);
  return id > 0 ? fm_store_get_article (self, id, error) : NULL;
}

gboolean
fm_store_update_article (FmStore    *self,
                         FmArticle  *article,
                         GError    **error)
{
  g_autoptr(FmArticle) fresh = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FM_IS_STORE (self), FALSE);
  g_return_val_if_fail (FM_IS_ARTICLE (article), FALSE);

  if (!fm_store_begin (self, error))
    return FALSE;
  if (!(stmt = fm_store_get_stmt (self, SQL_UPDATE_ARTICLE, error)))
    return fm_store_rollback (self);
  sqlite3_bind_int64 (stmt, 1, fm_article_get_id (article));
  fm_store_bind_text (stmt, 2, fm_article_get_title (article));
  fm_store_bind_text (stmt, 3, fm_article_get_url (article));
  fm_store_bind_text (stmt, 4, fm_article_get_outlet (article));
  fm_store_bind_text (stmt, 5, fm_article_get_author (article));
  fm_store_bind_text (stmt, 6, fm_article_get_published (article));
  fm_store_bind_text (stmt, 7, fm_article_get_lang (article));
  if (!fm_store_step_done (self, stmt, error))
    return fm_store_rollback (self);
  if (sqlite3_changes (self->db) == 0)
    {
      fm_store_rollback (self);
      g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND,
                   _("No article with id %lld"), (long long) fm_article_get_id (article));
      return FALSE;
    }
  if (!fm_store_commit (self, error))
    return FALSE;

  fm_store_emit_article_changed (self, fm_article_get_id (article));
  return TRUE;
}

gboolean
fm_store_delete_article (FmStore  *self,
                         gint64    id,
                         GError  **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FM_IS_STORE (self), FALSE);

  if (!fm_store_begin (self, error))
    return FALSE;
  if (!(stmt = fm_store_get_stmt (self, SQL_DELETE_ARTICLE, error)))
    return fm_store_rollback (self);
  sqlite3_bind_int64 (stmt, 1, id);
  if (!fm_store_step_done (self, stmt, error))
    return fm_store_rollback (self);
  if (sqlite3_changes (self->db) == 0)
    {
      fm_store_rollback (self);
      g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND,
                   _("No article with id %lld"), (long long) id);
      return FALSE;
    }
  if (!fm_store_commit (self, error))
    return FALSE;

  g_signal_emit (self, fm_store_signals[FM_STORE_SIGNAL_ARTICLE_REMOVED], 0, id);
  return TRUE;
}
