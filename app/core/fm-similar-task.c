/* fm-similar-task.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-similar"

#include "config.h"

#include "fm-similar-task.h"

/* "Similar" on a big library takes tens of milliseconds, too long for the
 * window to wait for after each mark or selection. This runs it in a
 * thread on a connection of its own to the same library (WAL lets it read
 * while the window writes), and hands back the claims it found. */

typedef struct
{
  char   *db_path;
  gint64  claim_id;
  double  threshold;
} Lookup;

static void
lookup_free (Lookup *lookup)
{
  g_free (lookup->db_path);
  g_free (lookup);
}

static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  Lookup *lookup = task_data;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmAnnotation) claim = NULL;
  GError *error = NULL;
  GPtrArray *similar;

  if (!(store = fm_store_open (lookup->db_path, &error))
      || !(claim = fm_store_get_annotation (store, lookup->claim_id, &error))
      || !(similar = fm_store_find_similar (store, claim, lookup->threshold, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, similar, (GDestroyNotify) g_ptr_array_unref);
}

/**
 * fm_similar_lookup_async:
 * @db_path: the library's file
 * @claim_id: a claim in it
 *
 * Finds the claims in other articles like @claim_id, as
 * fm_store_find_similar() does, in a thread.
 */
void
fm_similar_lookup_async (const char          *db_path,
                         gint64               claim_id,
                         double               threshold,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Lookup *lookup;

  g_return_if_fail (db_path != NULL);

  lookup = g_new0 (Lookup, 1);
  lookup->db_path = g_strdup (db_path);
  lookup->claim_id = claim_id;
  lookup->threshold = threshold;
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fm_similar_lookup_async);
  g_task_set_task_data (task, lookup, (GDestroyNotify) lookup_free);
  g_task_run_in_thread (task, lookup_thread);
}

/**
 * fm_similar_lookup_finish:
 *
 * Returns: (transfer container) (element-type FmSimilarClaim): the claims,
 *   the most alike first, or %NULL with @error set
 */
GPtrArray *
fm_similar_lookup_finish (GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
