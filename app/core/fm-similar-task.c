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
 * thread, on a connection of its own to the same library (WAL lets it read
 * while the window writes). The connection is opened once and kept, with
 * the word counts it caches, for every lookup after: one lookup at a time
 * uses it. */

typedef struct
{
  char   *db_path;
  GArray *claim_ids;
  double  threshold;
} Lookup;

static GMutex lookup_lock;
static FmStore *lookup_store;

static void
lookup_free (Lookup *lookup)
{
  g_free (lookup->db_path);
  g_array_unref (lookup->claim_ids);
  g_free (lookup);
}

/* The kept connection to @db_path, opened again if the app moved to
 * another library. Called with lookup_lock held. */
static FmStore *
get_lookup_store (const char  *db_path,
                  GError     **error)
{
  if (lookup_store != NULL && g_strcmp0 (fm_store_get_path (lookup_store), db_path) == 0)
    return lookup_store;
  g_clear_object (&lookup_store);
  lookup_store = fm_store_open (db_path, error);
  return lookup_store;
}

/* The claims like @claim_id, or NULL with @error set. */
static GPtrArray *
find_similar (FmStore  *store,
              gint64    claim_id,
              double    threshold,
              GError  **error)
{
  g_autoptr(FmAnnotation) claim = fm_store_get_annotation (store, claim_id, error);

  return claim ? fm_store_find_similar (store, claim, threshold, error) : NULL;
}

static void
lookup_one_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  Lookup *lookup = task_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lookup_lock);
  GError *error = NULL;
  FmStore *store;
  GPtrArray *similar = NULL;

  /* A lookup superseded while it waited for the connection is dropped. */
  if (g_task_return_error_if_cancelled (task))
    return;
  if ((store = get_lookup_store (lookup->db_path, &error)) != NULL)
    similar = find_similar (store, g_array_index (lookup->claim_ids, gint64, 0),
                            lookup->threshold, &error);
  if (similar == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, similar, (GDestroyNotify) g_ptr_array_unref);
}

static void
lookup_best_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  Lookup *lookup = task_data;
  g_autoptr(GMutexLocker) locker = g_mutex_locker_new (&lookup_lock);
  g_autoptr(GArray) pairs = g_array_new (FALSE, FALSE, sizeof (gint64));
  GError *error = NULL;
  FmStore *store;

  if (g_task_return_error_if_cancelled (task))
    return;
  if ((store = get_lookup_store (lookup->db_path, &error)) == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < lookup->claim_ids->len && !g_cancellable_is_cancelled (cancellable); i++)
    {
      gint64 id = g_array_index (lookup->claim_ids, gint64, i);
      g_autoptr(GPtrArray) similar = find_similar (store, id, lookup->threshold, NULL);
      gint64 best;

      if (similar == NULL || similar->len == 0)
        continue;
      best = fm_annotation_get_id (((FmSimilarClaim *) g_ptr_array_index (similar, 0))->annotation);
      g_array_append_val (pairs, best);
      g_array_append_val (pairs, id);
    }
  g_task_return_pointer (task, g_steal_pointer (&pairs), (GDestroyNotify) g_array_unref);
}

static GTask *
lookup_task_new (const char          *db_path,
                 const gint64        *claim_ids,
                 guint                n_claims,
                 double               threshold,
                 GCancellable        *cancellable,
                 GAsyncReadyCallback  callback,
                 gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Lookup *lookup = g_new0 (Lookup, 1);

  lookup->db_path = g_strdup (db_path);
  lookup->claim_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_array_append_vals (lookup->claim_ids, claim_ids, n_claims);
  lookup->threshold = threshold;
  g_task_set_task_data (task, lookup, (GDestroyNotify) lookup_free);
  return task;
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

  g_return_if_fail (db_path != NULL);

  task = lookup_task_new (db_path, &claim_id, 1, threshold, cancellable, callback, user_data);
  g_task_set_source_tag (task, fm_similar_lookup_async);
  g_task_run_in_thread (task, lookup_one_thread);
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

/**
 * fm_similar_lookup_best_async:
 * @claim_ids: (element-type gint64): claims in the library
 *
 * Finds, in a thread, the most alike claim at @threshold or above for each
 * of @claim_ids.
 */
void
fm_similar_lookup_best_async (const char          *db_path,
                              GArray              *claim_ids,
                              double               threshold,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (db_path != NULL && claim_ids != NULL);

  task = lookup_task_new (db_path, (const gint64 *) claim_ids->data, claim_ids->len, threshold,
                          cancellable, callback, user_data);
  g_task_set_source_tag (task, fm_similar_lookup_best_async);
  g_task_run_in_thread (task, lookup_best_thread);
}

/**
 * fm_similar_lookup_best_finish:
 *
 * Returns: (transfer full) (element-type gint64): pairs of ids, the claim
 *   found then the claim it is like, for the claims that have one
 */
GArray *
fm_similar_lookup_best_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
