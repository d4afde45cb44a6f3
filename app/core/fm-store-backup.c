/* fm-store-backup.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-store"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fm-store-private.h"
#include "fm-types.h"

/* A copy of the library file for its backups. It is made with SQLite's
 * online backup API on a connection of its own, not through an FmStore, so
 * that a backup does not depend on the code whose bugs it is there to
 * survive, and it sees one consistent snapshot even while the window or the
 * CLI writes. */

/* How long to keep retrying while a writer holds the source's lock. The
 * library is in WAL mode, where readers are not blocked, so this only
 * matters for a library that is not. */
#define BACKUP_BUSY_TIMEOUT_MS 5000

static gboolean
set_error_from_sqlite (GError     **error,
                       sqlite3     *db,
                       int          rc,
                       const char  *what)
{
  int code = FM_ERROR_DATABASE;
  const char *msg = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = FM_ERROR_BUSY;
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = FM_ERROR_CORRUPT;
      break;
    default:
      break;
    }
  g_set_error (error, FM_ERROR, code, _("Cannot back up the library: %s: %s"), what, msg);
  return FALSE;
}

/* Copies @db_path into @tmp_path with the online backup API, then makes
 * the copy a self-contained rollback-journal database and checks it. */
static gboolean
copy_database (const char  *db_path,
               const char  *tmp_path,
               GError     **error)
{
  sqlite3 *src = NULL;
  sqlite3 *dst = NULL;
  sqlite3_backup *backup;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;
  int rc;

  rc = sqlite3_open_v2 (db_path, &src, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_sqlite (error, src, rc, db_path);
      goto out;
    }
  sqlite3_extended_result_codes (src, 1);
  sqlite3_busy_timeout (src, BACKUP_BUSY_TIMEOUT_MS);

  rc = sqlite3_open_v2 (tmp_path, &dst,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_sqlite (error, dst, rc, tmp_path);
      goto out;
    }

  backup = sqlite3_backup_init (dst, "main", src, "main");
  if (backup == NULL)
    {
      set_error_from_sqlite (error, dst, sqlite3_errcode (dst), db_path);
      goto out;
    }
  /* All pages in one step: a library is small, and one step reads one
   * snapshot. The busy handler of @src covers a writer holding the lock. */
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      /* The step's code says what went wrong with the source; the
       * destination's message is about the copy. */
      set_error_from_sqlite (error, NULL, rc, db_path);
      goto out;
    }
  rc = sqlite3_errcode (dst);
  if (rc != SQLITE_OK)
    {
      set_error_from_sqlite (error, dst, rc, tmp_path);
      goto out;
    }

  /* The copied header still says WAL; a backup is one file to copy back,
   * with no -wal or -shm beside it. */
  rc = sqlite3_exec (dst, "PRAGMA journal_mode = DELETE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      set_error_from_sqlite (error, dst, rc, tmp_path);
      goto out;
    }

  rc = sqlite3_prepare_v2 (dst, "PRAGMA quick_check", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW || g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_CORRUPT,
                   _("Cannot back up the library: the copy of %s failed its check"), db_path);
      goto out;
    }

  ok = TRUE;

out:
  sqlite3_finalize (stmt);
  if (dst != NULL && sqlite3_close (dst) != SQLITE_OK && ok)
    {
      set_error_from_sqlite (error, dst, sqlite3_errcode (dst), tmp_path);
      ok = FALSE;
    }
  sqlite3_close_v2 (src);
  return ok;
}

/**
 * fm_store_copy_library:
 * @path: a library file
 * @copy_path: where to write the copy, a file that does not exist
 *
 * Copies the library at @path into @copy_path as one consistent snapshot,
 * even while another connection writes to it. The copy is one
 * self-contained file, with nothing beside it, that can be copied back over
 * the library as it is, and it is checked before this returns.
 *
 * Returns: %TRUE on success; %FALSE with @error set when the copy failed,
 *   in which case nothing is left at @copy_path
 */
gboolean
fm_store_copy_library (const char  *path,
                       const char  *copy_path,
                       GError     **error)
{
  g_autofree char *journal = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (copy_path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (copy_database (path, copy_path, error))
    return TRUE;

  journal = g_strconcat (copy_path, "-journal", NULL);
  g_unlink (copy_path);
  g_unlink (journal);
  return FALSE;
}
