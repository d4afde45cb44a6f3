/* fm-store.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-store"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sqlite3.h>

#include "fm-store-private.h"
#include "fm-types.h"

/* FmStore is the only writer of the library. It owns one SQLite connection,
 * runs every user action as one IMMEDIATE transaction committed at once, and
 * tells the views about each change through signals, so the window and the
 * CLI never need to poll or to write SQL of their own. */

enum {
  PROP_0,
  PROP_PATH,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FmStore, fm_store, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
guint fm_store_signals[FM_STORE_N_SIGNALS];

static gint64 read_data_version (FmStore *self);

static const char SQL_DATA_VERSION[] = "PRAGMA data_version";
static const char SQL_BEGIN[] = "BEGIN IMMEDIATE";
static const char SQL_COMMIT[] = "COMMIT";
static const char SQL_ROLLBACK[] = "ROLLBACK";

gboolean
fm_store_set_sqlite_error (FmStore     *self,
                           int          rc,
                           GError     **error)
{
  const char *msg = self && self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);
  int code = FM_ERROR_DATABASE;

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      code = FM_ERROR_BUSY;
      msg = _("the library is locked by another program; try again in a moment");
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      code = FM_ERROR_CORRUPT;
      msg = _("the library file is damaged or is not a Factmark library");
      break;
    case SQLITE_FULL:
      msg = _("the disk is full");
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
      msg = _("the library cannot be written here (read-only or no permission)");
      break;
    case SQLITE_IOERR:
      {
        int saved = self && self->db ? sqlite3_system_errno (self->db) : 0;

        /* A write that failed for want of space is a full disk, whatever
         * SQLite's code says about the I/O. */
        if (saved == ENOSPC || saved == EFBIG || saved == EDQUOT)
          msg = _("the disk is full");
        else
          msg = _("the disk reported an input/output error");
      }
      break;
    case SQLITE_CONSTRAINT:
      code = FM_ERROR_INVALID;
      break;
    default:
      break;
    }

  g_set_error (error, FM_ERROR, code, _("Library error: %s"), msg);
  return FALSE;
}

sqlite3_stmt *
fm_store_get_stmt (FmStore     *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_assert (FM_IS_STORE (self));

  stmt = g_hash_table_lookup (self->stmts, sql);
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      fm_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->stmts, (gpointer) sql, stmt);
  return stmt;
}

static gboolean
exec_stmt (FmStore     *self,
           const char  *sql,
           GError     **error)
{
  sqlite3_stmt *stmt = fm_store_get_stmt (self, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return fm_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

gboolean
fm_store_step_done (FmStore       *self,
                    sqlite3_stmt  *stmt,
                    GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fm_store_set_sqlite_error (self, rc, error);
  return TRUE;
}

/* Every write first asks this, so that a read-only copy refuses it with
 * one message whatever the change. */
gboolean
fm_store_check_writable (FmStore  *self,
                         GError  **error)
{
  if (self->read_only)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("This is a read-only copy of a library that could not be opened; "
                     "changes cannot be saved in it"));
      return FALSE;
    }
  return TRUE;
}

gboolean
fm_store_begin (FmStore  *self,
                GError  **error)
{
  if (!fm_store_check_writable (self, error))
    return FALSE;
  return exec_stmt (self, SQL_BEGIN, error);
}

gboolean
fm_store_commit (FmStore  *self,
                 GError  **error)
{
  if (!exec_stmt (self, SQL_COMMIT, error))
    {
      exec_stmt (self, SQL_ROLLBACK, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
fm_store_rollback (FmStore *self)
{
  if (!sqlite3_get_autocommit (self->db))
    exec_stmt (self, SQL_ROLLBACK, NULL);
  return FALSE;
}

void
fm_store_bind_text (sqlite3_stmt *stmt,
                    int           i,
                    const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, i);
  else
    sqlite3_bind_text (stmt, i, text, -1, SQLITE_TRANSIENT);
}

const char *
fm_store_column_text (sqlite3_stmt *stmt,
                      int           i)
{
  return (const char *) sqlite3_column_text (stmt, i);
}

static void
finalize_stmt (gpointer data)
{
  sqlite3_finalize (data);
}

static void
fm_store_finalize (GObject *object)
{
  FmStore *self = (FmStore *)object;

  g_clear_pointer (&self->stmts, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (fm_store_parent_class)->finalize (object);
}

static void
fm_store_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  FmStore *self = FM_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_store_class_init (FmStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fm_store_finalize;
  object_class->get_property = fm_store_get_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FmStore::article-added:
   * @article: the new article, with its text
   */
  fm_store_signals[FM_STORE_SIGNAL_ARTICLE_ADDED] =
    g_signal_new ("article-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FM_TYPE_ARTICLE);
  /**
   * FmStore::article-changed:
   * @article: the article's metadata and counts, without its text
   */
  fm_store_signals[FM_STORE_SIGNAL_ARTICLE_CHANGED] =
    g_signal_new ("article-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FM_TYPE_ARTICLE);
  fm_store_signals[FM_STORE_SIGNAL_ARTICLE_REMOVED] =
    g_signal_new ("article-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  fm_store_signals[FM_STORE_SIGNAL_ANNOTATION_ADDED] =
    g_signal_new ("annotation-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FM_TYPE_ANNOTATION);
  fm_store_signals[FM_STORE_SIGNAL_ANNOTATION_CHANGED] =
    g_signal_new ("annotation-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FM_TYPE_ANNOTATION);
  /**
   * FmStore::annotation-removed:
   * @article_id: the article it belonged to
   * @id: the annotation's id
   */
  /**
   * FmStore::article-text-changed:
   * @article_id: the article that has a new revision of its text; its
   *   annotations were re-anchored in the same transaction
   */
  fm_store_signals[FM_STORE_SIGNAL_ARTICLE_TEXT_CHANGED] =
    g_signal_new ("article-text-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  /**
   * FmStore::changed-externally:
   *
   * Another program committed to the library; views should reload.
   */
  fm_store_signals[FM_STORE_SIGNAL_CHANGED_EXTERNALLY] =
    g_signal_new ("changed-externally", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  fm_store_signals[FM_STORE_SIGNAL_ANNOTATION_REMOVED] =
    g_signal_new ("annotation-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);
}

static void
fm_store_init (FmStore *self)
{
  self->stmts = g_hash_table_new_full (NULL, NULL, NULL, finalize_stmt);
}

sqlite3 *
fm_store_get_db (FmStore *self)
{
  g_return_val_if_fail (FM_IS_STORE (self), NULL);
  return self->db;
}

/**
 * fm_store_default_path:
 *
 * Returns: `$FACTMARK_DB` when set, else `library.db` in Factmark's folder
 *   of the user data directory.
 */
char *
fm_store_default_path (void)
{
  const char *env = g_getenv ("FACTMARK_DB");

  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return g_build_filename (g_get_user_data_dir (), "factmark", "library.db", NULL);
}

FmStore *
fm_store_open (const char  *path,
               GError     **error)
{
  return fm_store_open_full (path, FALSE, error);
}

/**
 * fm_store_open_full:
 * @read_only_copy: @path is a copy made to read a library that could not
 *   be opened: a newer schema is read as far as this version understands
 *   it, and every write is refused
 */
FmStore *
fm_store_open_full (const char  *path,
                    gboolean     read_only_copy,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autoptr(FmStore) self = NULL;
  g_autofree char *dir = NULL;
  const char *journal;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;

      g_set_error (error, FM_ERROR, FM_ERROR_DATABASE,
                   _("Cannot create the folder %s: %s"), dir, g_strerror (saved));
      return NULL;
    }

  self = g_object_new (FM_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      g_autoptr(GError) local = NULL;

      fm_store_set_sqlite_error (self, rc, &local);
      g_set_error (error, local->domain, local->code, _("Cannot open %s: %s"), path,
                   local->message);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, 1);
  /* Another Factmark (the window while the CLI writes) may hold the write
   * lock for a moment; wait for it rather than fail. */
  sqlite3_busy_timeout (self->db, 5000);

  /* Reading the schema version first tells a file that is not a database
   * apart before anything is written to it. */
  rc = sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt) == SQLITE_ROW ? SQLITE_OK : sqlite3_errcode (self->db);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_OK)
    {
      g_autoptr(GError) local = NULL;

      fm_store_set_sqlite_error (self, rc, &local);
      g_set_error (error, local->domain, local->code, _("Cannot open %s: %s"), path,
                   local->message);
      return NULL;
    }

  if (!fm_store_migrate (self->db, FM_STORE_SCHEMA_VERSION, &local_error))
    {
      if (!read_only_copy || !g_error_matches (local_error, FM_ERROR, FM_ERROR_NEWER_SCHEMA))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
  self->read_only = read_only_copy;
  self->data_version = read_data_version (self);

  rc = sqlite3_prepare_v2 (self->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    {
      journal = (const char *) sqlite3_column_text (stmt, 0);
      if (g_ascii_strcasecmp (journal, "wal") != 0)
        g_warning ("The library is in %s journal mode, not WAL", journal);
    }
  sqlite3_finalize (stmt);

  rc = sqlite3_exec (self->db,
                     "PRAGMA synchronous = FULL;"
                     "PRAGMA foreign_keys = ON;",
                     NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      fm_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  return g_steal_pointer (&self);
}

const char *
fm_store_get_path (FmStore *self)
{
  g_return_val_if_fail (FM_IS_STORE (self), NULL);
  return self->path;
}

void
fm_store_set_read_only (FmStore  *self,
                        gboolean  read_only)
{
  g_return_if_fail (FM_IS_STORE (self));
  self->read_only = !!read_only;
}

gboolean
fm_store_get_read_only (FmStore *self)
{
  g_return_val_if_fail (FM_IS_STORE (self), FALSE);
  return self->read_only;
}

/**
 * fm_store_move_aside:
 * @path: a library file that cannot be opened
 * @moved_to: (out) (optional): where it went
 *
 * Renames the library, with its WAL and shared-memory files, to a name
 * with the time in it, so a fresh library can start at @path while the old
 * one is kept, never deleted.
 */
gboolean
fm_store_move_aside (const char  *path,
                     char       **moved_to,
                     GError     **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *stamp = g_date_time_format (now, "%Y%m%d-%H%M%S");
  g_autofree char *target = g_strdup_printf ("%s.broken-%s", path, stamp);
  static const char * const suffixes[] = { "", "-wal", "-shm" };

  g_return_val_if_fail (path != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *from = g_strconcat (path, suffixes[i], NULL);
      g_autofree char *to = g_strconcat (target, suffixes[i], NULL);

      if (!g_file_test (from, G_FILE_TEST_EXISTS))
        continue;
      if (g_rename (from, to) != 0)
        {
          int saved = errno;

          g_set_error (error, FM_ERROR, FM_ERROR_DATABASE, _("Cannot move %s aside: %s"), from,
                       g_strerror (saved));
          return FALSE;
        }
    }

  if (moved_to)
    *moved_to = g_steal_pointer (&target);
  return TRUE;
}

static gint64
read_data_version (FmStore *self)
{
  sqlite3_stmt *stmt = fm_store_get_stmt (self, SQL_DATA_VERSION, NULL);
  gint64 version = -1;

  if (stmt == NULL)
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return version;
}

/**
 * fm_store_check_external_change:
 *
 * Asks SQLite whether another connection committed since the last call,
 * and emits #FmStore::changed-externally if so. Cheap enough to call
 * whenever the library file is seen to change.
 *
 * Returns: whether the library changed
 */
gboolean
fm_store_check_external_change (FmStore *self)
{
  gint64 version;

  g_return_val_if_fail (FM_IS_STORE (self), FALSE);

  version = read_data_version (self);
  if (version < 0 || version == self->data_version)
    return FALSE;
  self->data_version = version;
  g_signal_emit (self, fm_store_signals[FM_STORE_SIGNAL_CHANGED_EXTERNALLY], 0);
  return TRUE;
}
