/* fm-store-rejections.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-store"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-store-private.h"
#include "fm-types.h"

/* Suggestions the user rejected, kept by kind, text and a little context
 * rather than by offsets, so that a rejection holds after the article's
 * text is updated. What counts as the same suggestion is fm-suggest's
 * business; the store only keeps the rows. */

static const char SQL_LIST_REJECTIONS[] =
  "SELECT kind, text, prefix, suffix FROM rejections WHERE article_id = ?1";
/* A rejection that is there already stays as it was. */
static const char SQL_INSERT_REJECTION[] =
  "INSERT OR IGNORE INTO rejections (article_id, kind, text, prefix, suffix, created)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

static gboolean
rejection_error (FmStore  *self,
                 GError  **error)
{
  g_assert (FM_IS_STORE (self));

  g_set_error (error, FM_ERROR, FM_ERROR_DATABASE, _("The library could not be read or written: %s"),
               sqlite3_errmsg (self->db));
  return FALSE;
}

void
fm_rejection_free (FmRejection *rejection)
{
  if (rejection == NULL)
    return;
  g_free (rejection->text);
  g_free (rejection->prefix);
  g_free (rejection->suffix);
  g_free (rejection);
}

/**
 * fm_store_list_rejections:
 *
 * Returns: (transfer container) (element-type FmRejection): the suggestions
 *   rejected in the article, in no particular order
 */
GPtrArray *
fm_store_list_rejections (FmStore  *self,
                          gint64    article_id,
                          GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_rejection_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FM_IS_STORE (self), NULL);

  if (!(stmt = fm_store_get_stmt (self, SQL_LIST_REJECTIONS, NULL)))
    {
      rejection_error (self, error);
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, article_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FmRejection *rejection;
      FmKind kind;

      /* The table allows only the kinds there are. */
      if (!fm_kind_from_string (fm_store_column_text (stmt, 0), &kind))
        continue;
      rejection = g_new0 (FmRejection, 1);
      rejection->kind = kind;
      rejection->text = g_strdup (fm_store_column_text (stmt, 1));
      rejection->prefix = g_strdup (fm_store_column_text (stmt, 2));
      rejection->suffix = g_strdup (fm_store_column_text (stmt, 3));
      g_ptr_array_add (list, rejection);
    }
  if (rc != SQLITE_DONE)
    rejection_error (self, error);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return NULL;
  return g_steal_pointer (&list);
}

/**
 * fm_store_add_rejection:
 * @kind: the kind of the suggestion rejected
 * @text: what identifies it, such as its words or a source's name
 * @prefix: the text just before it, or "" when that does not count
 * @suffix: the text just after it, or "" when that does not count
 *
 * Keeps a rejection of a suggestion in the article; one that is kept
 * already is left as it was.
 */
gboolean
fm_store_add_rejection (FmStore     *self,
                        gint64       article_id,
                        FmKind       kind,
                        const char  *text,
                        const char  *prefix,
                        const char  *suffix,
                        GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FM_IS_STORE (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);
  g_return_val_if_fail (prefix != NULL, FALSE);
  g_return_val_if_fail (suffix != NULL, FALSE);

  if (!fm_store_check_writable (self, error))
    return FALSE;
  if (!(stmt = fm_store_get_stmt (self, SQL_INSERT_REJECTION, NULL)))
    return rejection_error (self, error);
  sqlite3_bind_int64 (stmt, 1, article_id);
  sqlite3_bind_text (stmt, 2, fm_kind_to_string (kind), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, text, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, prefix, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, suffix, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, g_get_real_time ());
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    rejection_error (self, error);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}
