/* fm-figure-conflict-set.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-figure-conflict-set"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-figure-conflict-set.h"

/* The library's figures that disagree, for the window: the annotation
 * editor and the Facts view look a figure up here rather than query the
 * library on the main loop. Joining the whole library's figures takes a
 * good part of a second on a large library, so it runs in a thread on a
 * store connection of its own, once at first use and again a moment after
 * a burst of changes; "changed" says when a new set is in. One set is kept
 * per store, as the store's data. */

/* How long the library is left quiet before the set is computed again. */
#define RECOMPUTE_DELAY_MS 400

struct _FmFigureConflictSet
{
  GObject     parent_instance;

  char       *path;
  /* gint64 annotation id → GPtrArray of the FmFigures it disagrees with. */
  GHashTable *by_id;
  guint       delay_source;
  gboolean    running;
  gboolean    dirty;
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (FmFigureConflictSet, fm_figure_conflict_set, G_TYPE_OBJECT)

static guint signals[N_SIGNALS];

static void start (FmFigureConflictSet *self);

static void
add_other (GHashTable *by_id,
           FmFigure   *figure,
           FmFigure   *other)
{
  GPtrArray *others = g_hash_table_lookup (by_id, &figure->annotation_id);

  if (others == NULL)
    {
      others = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_figure_unref);
      g_hash_table_insert (by_id, g_memdup2 (&figure->annotation_id, sizeof (gint64)), others);
    }
  g_ptr_array_add (others, fm_figure_ref (other));
}

static void
compute_thread (GTask        *task,
                gpointer      source,
                gpointer      data,
                GCancellable *cancellable)
{
  GError *error = NULL;
  g_autoptr(FmStore) store = fm_store_open (data, &error);
  g_autoptr(GPtrArray) conflicts = NULL;
  GHashTable *by_id;

  if (store == NULL || !(conflicts = fm_store_list_figure_conflicts (store, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                 (GDestroyNotify) g_ptr_array_unref);
  for (guint i = 0; i < conflicts->len; i++)
    {
      FmFigureConflict *c = g_ptr_array_index (conflicts, i);

      add_other (by_id, c->figure, c->other);
      add_other (by_id, c->other, c->figure);
    }
  g_task_return_pointer (task, by_id, (GDestroyNotify) g_hash_table_unref);
}

static void
compute_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FmFigureConflictSet *self = FM_FIGURE_CONFLICT_SET (object);
  g_autoptr(GError) error = NULL;
  GHashTable *by_id = g_task_propagate_pointer (G_TASK (result), &error);

  self->running = FALSE;
  if (by_id == NULL)
    g_debug ("The figures could not be compared: %s", error->message);
  else
    {
      g_clear_pointer (&self->by_id, g_hash_table_unref);
      self->by_id = by_id;
      g_signal_emit (self, signals[CHANGED], 0);
    }
  if (self->dirty)
    start (self);
}

static void
start (FmFigureConflictSet *self)
{
  g_autoptr(GTask) task = NULL;

  g_assert (FM_IS_FIGURE_CONFLICT_SET (self));

  if (self->running)
    {
      /* A change came in while the last one was being read: read again
       * once that is done. */
      self->dirty = TRUE;
      return;
    }
  self->running = TRUE;
  self->dirty = FALSE;
  task = g_task_new (self, NULL, compute_done_cb, NULL);
  g_task_set_source_tag (task, start);
  g_task_set_task_data (task, g_strdup (self->path), g_free);
  g_task_run_in_thread (task, compute_thread);
}

static gboolean
delay_done_cb (gpointer data)
{
  FmFigureConflictSet *self = data;

  self->delay_source = 0;
  start (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (FmFigureConflictSet *self)
{
  g_clear_handle_id (&self->delay_source, g_source_remove);
  self->delay_source = g_timeout_add (RECOMPUTE_DELAY_MS, delay_done_cb, self);
}

static void
fm_figure_conflict_set_dispose (GObject *object)
{
  FmFigureConflictSet *self = (FmFigureConflictSet *)object;

  g_clear_handle_id (&self->delay_source, g_source_remove);

  G_OBJECT_CLASS (fm_figure_conflict_set_parent_class)->dispose (object);
}

static void
fm_figure_conflict_set_finalize (GObject *object)
{
  FmFigureConflictSet *self = (FmFigureConflictSet *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->path, g_free);

  G_OBJECT_CLASS (fm_figure_conflict_set_parent_class)->finalize (object);
}

static void
fm_figure_conflict_set_class_init (FmFigureConflictSetClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fm_figure_conflict_set_dispose;
  object_class->finalize = fm_figure_conflict_set_finalize;

  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
fm_figure_conflict_set_init (FmFigureConflictSet *self)
{
}

/**
 * fm_figure_conflict_set_get_for_store:
 *
 * Returns: (transfer none): the set of @store's conflicting figures,
 *   computing it the first time
 */
FmFigureConflictSet *
fm_figure_conflict_set_get_for_store (FmStore *store)
{
  static const char * const changes[] = {
    "annotation-added", "annotation-changed", "annotation-removed", "article-changed",
    "article-removed", "article-text-changed", "changed-externally",
  };
  FmFigureConflictSet *self;

  g_return_val_if_fail (FM_IS_STORE (store), NULL);

  if ((self = g_object_get_data (G_OBJECT (store), "fm-figure-conflict-set")) != NULL)
    return self;
  self = g_object_new (FM_TYPE_FIGURE_CONFLICT_SET, NULL);
  self->path = g_strdup (fm_store_get_path (store));
  g_object_set_data_full (G_OBJECT (store), "fm-figure-conflict-set", self, g_object_unref);
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    g_signal_connect_object (store, changes[i], G_CALLBACK (store_changed_cb), self,
                             G_CONNECT_SWAPPED);
  start (self);
  return self;
}

/**
 * fm_figure_conflict_set_lookup:
 *
 * Returns: (transfer none) (nullable) (element-type FmFigure): the figures
 *   in other articles that disagree with the annotation, or %NULL
 */
GPtrArray *
fm_figure_conflict_set_lookup (FmFigureConflictSet *self,
                               gint64               annotation_id)
{
  g_return_val_if_fail (FM_IS_FIGURE_CONFLICT_SET (self), NULL);

  return self->by_id != NULL ? g_hash_table_lookup (self->by_id, &annotation_id) : NULL;
}

/* Whether the set has been computed once at least. */
gboolean
fm_figure_conflict_set_get_ready (FmFigureConflictSet *self)
{
  g_return_val_if_fail (FM_IS_FIGURE_CONFLICT_SET (self), FALSE);
  /* The set exists once a computation has succeeded. */
  return self->by_id != NULL;
}

/**
 * fm_figure_conflict_describe:
 *
 * Returns: "4,000 troops — Second report, 2024-03-01", the other figure as
 *   the window names it
 */
char *
fm_figure_conflict_describe (FmFigure *other)
{
  const char *title;

  g_return_val_if_fail (other != NULL, NULL);

  title = other->article_title != NULL ? other->article_title : _("Untitled article");
  if (other->published != NULL && *other->published != '\0')
    /* Translators: a figure that disagrees, the article it is in and that article's date. */
    return g_strdup_printf (_("%s — %s, %s"), other->quote, title, other->published);
  /* Translators: a figure that disagrees and the article it is in. */
  return g_strdup_printf (_("%s — %s"), other->quote, title);
}
