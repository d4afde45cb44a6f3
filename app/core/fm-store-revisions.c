/* fm-store-revisions.c
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

/* Revisions: the earlier texts of an article, and replacing its text with
 * a new revision while its annotations are re-anchored. */

G_DEFINE_BOXED_TYPE (FmRevision, fm_revision, fm_revision_copy, fm_revision_free)

static const char SQL_LIST_REVISIONS[] =
  "SELECT id, number, created, origin, sha256, length FROM revisions WHERE article_id = ?1"
  " ORDER BY number";
static const char SQL_REVISION_TEXT[] = "SELECT text FROM revisions WHERE id = ?1";
static const char SQL_MAX_REVISION[] =
  "SELECT coalesce(max(number), 0) FROM revisions WHERE article_id = ?1";
static const char SQL_HAS_REVISION[] =
  "SELECT 1 FROM revisions WHERE article_id = ?1 AND number = ?2";
static const char SQL_INSERT_REVISION[] =
  "INSERT INTO revisions (article_id, number, created, origin, sha256, length, text)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_UPDATE_ARTICLE_TEXT[] =
  "UPDATE articles SET text = ?2, sha256 = ?3, length = ?4 WHERE id = ?1";

FmRevision *
fm_revision_copy (const FmRevision *revision)
{
  FmRevision *copy = g_new0 (FmRevision, 1);

  *copy = *revision;
  copy->origin = g_strdup (revision->origin);
  copy->sha256 = g_strdup (revision->sha256);
  return copy;
}

void
fm_revision_free (FmRevision *revision)
{
  if (revision == NULL)
    return;
  g_free (revision->origin);
  g_free (revision->sha256);
  g_free (revision);
}

/**
 * fm_store_list_revisions:
 *
 * Returns: (transfer container) (element-type FmRevision): the article's
 *   revisions, oldest first; empty for an article never updated
 */
GPtrArray *
fm_store_list_revisions (FmStore  *self,
                         gint64    article_id,
                         GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_revision_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FM_IS_STORE (self), NULL);

  if (!(stmt = fm_store_get_stmt (self, SQL_LIST_REVISIONS, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, article_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FmRevision *revision = g_new0 (FmRevision, 1);

      revision->id = sqlite3_column_int64 (stmt, 0);
      revision->number = sqlite3_column_int (stmt, 1);
      revision->created = sqlite3_column_int64 (stmt, 2);
      revision->origin = g_strdup (fm_store_column_text (stmt, 3));
      revision->sha256 = g_strdup (fm_store_column_text (stmt, 4));
      revision->length = sqlite3_column_int64 (stmt, 5);
      g_ptr_array_add (list, revision);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      fm_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&list);
}

char *
fm_store_get_revision_text (FmStore  *self,
                            gint64    revision_id,
                            GError  **error)
{
  sqlite3_stmt *stmt;
  char *text = NULL;
  int rc;

  g_return_val_if_fail (FM_IS_STORE (self), NULL);

  if (!(stmt = fm_store_get_stmt (self, SQL_REVISION_TEXT, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, revision_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    text = g_strdup (fm_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND,
                 _("No revision with id %lld"), (long long) revision_id);
  else if (rc != SQLITE_ROW)
    fm_store_set_sqlite_error (self, rc, error);
  return text;
}

static gboolean
insert_revision (FmStore     *self,
                 gint64       article_id,
                 guint        number,
                 gint64       created,
                 const char  *origin,
                 const char  *text,
                 GError     **error)
{
  g_autofree char *sha = fm_text_sha256 (text);
  sqlite3_stmt *stmt;

  if (!(stmt = fm_store_get_stmt (self, SQL_INSERT_REVISION, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article_id);
  sqlite3_bind_int (stmt, 2, number);
  sqlite3_bind_int64 (stmt, 3, created);
  fm_store_bind_text (stmt, 4, origin);
  fm_store_bind_text (stmt, 5, sha);
  sqlite3_bind_int64 (stmt, 6, fm_text_length (text));
  sqlite3_bind_text (stmt, 7, text, -1, SQLITE_STATIC);
  return fm_store_step_done (self, stmt, error);
}

/**
 * fm_store_add_revision:
 * @number: the revision's number, from 1
 * @created: when the text was made, in microseconds since the epoch
 * @origin: (nullable): where it came from, such as a file name
 * @text: the revision's canonical text
 *
 * Adds one earlier text of an article under the number it had elsewhere,
 * as when a fact sheet that carries its revision history is imported. The
 * article's revision is the highest number it has, so the current text
 * is added too, under the current number. Fails with %FM_ERROR_INVALID
 * when the text is not canonical or the article has that number already.
 */
gboolean
fm_store_add_revision (FmStore     *self,
                       gint64       article_id,
                       guint        number,
                       gint64       created,
                       const char  *origin,
                       const char  *text,
                       GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean taken = FALSE;

  g_return_val_if_fail (FM_IS_STORE (self), FALSE);
  g_return_val_if_fail (number >= 1, FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!fm_text_is_canonical (text) || *text == '\0')
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The revision's text is empty or not canonical"));
      return FALSE;
    }

  if (!fm_store_begin (self, error))
    return FALSE;
  if (!(stmt = fm_store_get_stmt (self, SQL_HAS_REVISION, error)))
    return fm_store_rollback (self);
  sqlite3_bind_int64 (stmt, 1, article_id);
  sqlite3_bind_int (stmt, 2, number);
  taken = sqlite3_step (stmt) == SQLITE_ROW;
  sqlite3_reset (stmt);
  if (taken)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The article has a revision %u already"), number);
      return fm_store_rollback (self);
    }
  if (!insert_revision (self, article_id, number, created, origin, text, error))
    return fm_store_rollback (self);
  if (!fm_store_commit (self, error))
    return FALSE;

  fm_store_emit_article_changed (self, article_id);
  return TRUE;
}

/**
 * fm_store_update_text:
 * @text: the article's new canonical text
 * @origin: (nullable): where it came from, such as a file name
 * @annotations: (element-type FmAnnotation): every annotation of the
 *   article, re-anchored onto @text
 *
 * Adds a revision with @text (keeping the first text as revision 1) and
 * writes the re-anchored annotations, all in one transaction.
 */
gboolean
fm_store_update_text (FmStore     *self,
                      gint64       article_id,
                      const char  *text,
                      const char  *origin,
                      GPtrArray   *annotations,
                      GError     **error)
{
  g_autoptr(FmArticle) current = NULL;
  g_autofree char *sha = NULL;
  sqlite3_stmt *stmt;
  guint number;
  gint64 length;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (FM_IS_STORE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (annotations != NULL, FALSE);

  if (!fm_text_is_canonical (text) || *text == '\0')
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The new text is empty or not canonical"));
      return FALSE;
    }

  if (!fm_store_begin (self, error))
    return FALSE;

  current = fm_store_get_article (self, article_id, error);
  if (current == NULL)
    return fm_store_rollback (self);

  if (!(stmt = fm_store_get_stmt (self, SQL_MAX_REVISION, error)))
    return fm_store_rollback (self);
  sqlite3_bind_int64 (stmt, 1, article_id);
  number = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
  sqlite3_reset (stmt);

  /* The text the annotations were first made on is revision 1. */
  if (number == 0)
    {
      if (!insert_revision (self, article_id, 1, fm_article_get_imported (current), NULL,
                            fm_article_get_text (current), error))
        return fm_store_rollback (self);
      number = 1;
    }
  if (!insert_revision (self, article_id, number + 1, now, origin, text, error))
    return fm_store_rollback (self);

  sha = fm_text_sha256 (text);
  length = fm_text_length (text);
  if (!(stmt = fm_store_get_stmt (self, SQL_UPDATE_ARTICLE_TEXT, error)))
    return fm_store_rollback (self);
  sqlite3_bind_int64 (stmt, 1, article_id);
  sqlite3_bind_text (stmt, 2, text, -1, SQLITE_STATIC);
  fm_store_bind_text (stmt, 3, sha);
  sqlite3_bind_int64 (stmt, 4, length);
  if (!fm_store_step_done (self, stmt, error))
    return fm_store_rollback (self);

  for (guint i = 0; i < annotations->len; i++)
    {
      FmAnnotation *annotation = g_ptr_array_index (annotations, i);

      if (fm_annotation_get_article_id (annotation) != article_id)
        {
          g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                       _("Annotation %lld belongs to another article"),
                       (long long) fm_annotation_get_id (annotation));
          return fm_store_rollback (self);
        }
      /* The article and its new length are known: reading the length
       * from its row for each annotation made SQLite read the megabytes of
       * text before it every time, most of the whole update's time. */
      if (!fm_store_validate_annotation_in (self, annotation, length, error))
        return fm_store_rollback (self);
      if (!fm_store_write_annotation_row (self, annotation, now, error))
        return fm_store_rollback (self);
    }

  if (!fm_store_commit (self, error))
    return FALSE;

  g_signal_emit (self, fm_store_signals[FM_STORE_SIGNAL_ARTICLE_TEXT_CHANGED], 0, article_id);
  fm_store_emit_article_changed (self, article_id);
  return TRUE;
}
