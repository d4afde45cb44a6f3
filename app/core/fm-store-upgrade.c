/* fm-store-upgrade.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-store"

#include "config.h"

#include <sqlite3.h>

#include "fm-store-upgrade.h"
#include "fm-store-private.h"
#include "fm-store.h"
#include "fm-types.h"

/* Upgrading a library written at an older schema before it is opened, so
 * that the window can show how far it has gone: building the search index
 * (schema 5) reads every article and annotation and takes seconds on a big
 * library. It is the migration fm_store_open() would run, in the same one
 * transaction, on a connection of its own; opening afterwards finds
 * nothing left to do. */

/* SQLite calls the progress handler every this many virtual machine steps. */
#define TICK_STEPS 1000

/* About how many ticks one row of the library costs the upgrade to schema
 * 5: FTS5's rebuild steps a scan of each content table, a few dozen steps
 * a row, and writes the index in the same statement. Measured on the
 * benchmark's library; the bar stops short of the end if a library takes
 * more. */
#define TICKS_PER_ROW 0.02

typedef struct
{
  FmStoreUpgradeProgress  progress;
  gpointer                progress_data;
  GCancellable           *cancellable;
  double                  expected;
  gint64                  ticks;
  int                     shown;
} Upgrade;

static const char SQL_COUNT_ROWS[] =
  "SELECT (SELECT count (*) FROM articles) + (SELECT count (*) FROM annotations)"
  " + (SELECT count (*) FROM evidence)";

static int
read_int (sqlite3    *db,
          const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/**
 * fm_store_needs_upgrade:
 * @path: a library's file
 *
 * Returns: whether @path is a library of an older schema than this
 *   version writes, with tables to carry over; %FALSE for a new or missing
 *   file, or one that is not a library, which fm_store_open() deals with
 */
gboolean
fm_store_needs_upgrade (const char *path)
{
  sqlite3 *db = NULL;
  int version = -1;

  g_return_val_if_fail (path != NULL, FALSE);

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL) == SQLITE_OK)
    version = read_int (db, "PRAGMA user_version");
  sqlite3_close (db);
  return version > 0 && version < FM_STORE_SCHEMA_VERSION;
}

/* In the worker thread: counts the steps, says how far that is, and stops
 * the migration, which then rolls back, when the upgrade is cancelled. */
static int
progress_cb (void *data)
{
  Upgrade *up = data;
  int permille;

  if (g_cancellable_is_cancelled (up->cancellable))
    return 1;
  up->ticks++;
  permille = (int) MIN (990.0, 1000.0 * up->ticks / up->expected);
  if (permille != up->shown && up->progress != NULL)
    {
      up->shown = permille;
      up->progress (permille / 1000.0, up->progress_data);
    }
  return 0;
}

static gboolean
migrate (sqlite3   *db,
         Upgrade   *up,
         GError   **error)
{
  g_autoptr(GError) local_error = NULL;
  int rows = read_int (db, SQL_COUNT_ROWS);

  up->expected = MAX (1.0, TICKS_PER_ROW * MAX (rows, 0));
  sqlite3_progress_handler (db, TICK_STEPS, progress_cb, up);
  if (fm_store_migrate (db, FM_STORE_SCHEMA_VERSION, &local_error))
    return TRUE;
  if (g_cancellable_set_error_if_cancelled (up->cancellable, error))
    return FALSE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * fm_store_upgrade:
 * @path: a library for which fm_store_needs_upgrade() is %TRUE
 * @progress: (nullable): called, in the calling thread, as the upgrade
 *   goes on
 * @cancellable: (nullable): stops the upgrade, leaving the library as it
 *   was
 *
 * Brings the library at @path to the schema this version writes, as
 * opening it would.
 */
gboolean
fm_store_upgrade (const char              *path,
                  FmStoreUpgradeProgress   progress,
                  gpointer                 progress_data,
                  GCancellable            *cancellable,
                  GError                 **error)
{
  Upgrade up = { progress, progress_data, cancellable, 1.0, 0, -1 };
  sqlite3 *db = NULL;
  gboolean ok;
  int rc;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return FALSE;
  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_close (db);
      return fm_store_set_sqlite_error (NULL, rc, error);
    }
  sqlite3_extended_result_codes (db, 1);
  /* As fm_store_open() waits for another Factmark's write to end. */
  sqlite3_busy_timeout (db, 5000);
  ok = migrate (db, &up, error);
  sqlite3_close (db);
  if (ok && progress != NULL)
    progress (1.0, progress_data);
  return ok;
}

typedef struct
{
  char                   *path;
  FmStoreUpgradeProgress  progress;
  gpointer                progress_data;
} UpgradeJob;

static void
upgrade_job_free (gpointer data)
{
  UpgradeJob *job = data;

  g_free (job->path);
  g_free (job);
}

typedef struct
{
  GTask  *task;
  double  fraction;
} ProgressReport;

/* In the caller's main context; nothing once the caller has the result,
 * when the progress data may be gone. */
static gboolean
report_progress_cb (gpointer data)
{
  ProgressReport *report = data;
  UpgradeJob *job = g_task_get_task_data (report->task);

  if (!g_task_get_completed (report->task))
    job->progress (report->fraction, job->progress_data);
  return G_SOURCE_REMOVE;
}

static void
report_free (gpointer data)
{
  ProgressReport *report = data;

  g_object_unref (report->task);
  g_free (report);
}

/* In the worker thread. */
static void
post_progress (double   fraction,
               gpointer data)
{
  GTask *task = data;
  ProgressReport *report = g_new0 (ProgressReport, 1);

  report->task = g_object_ref (task);
  report->fraction = fraction;
  g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT, report_progress_cb,
                              report, report_free);
}

static void
upgrade_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  UpgradeJob *job = task_data;
  GError *error = NULL;

  if (fm_store_upgrade (job->path, job->progress ? post_progress : NULL, task, cancellable,
                        &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

/**
 * fm_store_upgrade_async:
 *
 * Like fm_store_upgrade(), in a worker thread, with @progress called in
 * the caller's main context until @callback is.
 */
void
fm_store_upgrade_async (const char              *path,
                        FmStoreUpgradeProgress   progress,
                        gpointer                 progress_data,
                        GCancellable            *cancellable,
                        GAsyncReadyCallback      callback,
                        gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  UpgradeJob *job;

  g_return_if_fail (path != NULL);

  job = g_new0 (UpgradeJob, 1);
  job->path = g_strdup (path);
  job->progress = progress;
  job->progress_data = progress_data;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fm_store_upgrade_async);
  g_task_set_task_data (task, job, upgrade_job_free);
  g_task_run_in_thread (task, upgrade_thread);
}

gboolean
fm_store_upgrade_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
