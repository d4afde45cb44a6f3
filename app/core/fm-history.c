/* fm-history.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-history"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-history.h"

/* Undo and redo for changes to annotations. Every change goes through here
 * so that it is recorded as a pair of snapshots, and every undo or redo is
 * itself one store transaction. Each article has its own stack, so undo in
 * one article never reaches into another, and switching articles keeps
 * both histories for the rest of the run. Snapshots keep the annotation's
 * id, which the store never hands out twice, so links stay valid. */

typedef enum
{
  OP_CREATE,
  OP_CREATE_MANY,
  OP_UPDATE,
  OP_DELETE,
} Op;

typedef struct
{
  Op            op;
  FmAnnotation *before;
  FmAnnotation *after;
  /* For deletions of sources: what was attributed to it. */
  GArray       *linked_from;
  char         *merge_key;
  /* For accepting suggestions: what was added together (FmAnnotation),
   * sources before the claims attributed to them. */
  GPtrArray    *group;
} Entry;

typedef struct
{
  GQueue undo;
  GQueue redo;
} Stacks;

struct _FmHistory
{
  GObject     parent_instance;

  FmStore    *store;
  /* article id → Stacks */
  GHashTable *stacks;
};

enum {
  CHANGED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (FmHistory, fm_history, G_TYPE_OBJECT)

static guint signals[N_SIGNALS];

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_clear_object (&entry->before);
  g_clear_object (&entry->after);
  g_clear_pointer (&entry->linked_from, g_array_unref);
  g_clear_pointer (&entry->group, g_ptr_array_unref);
  g_free (entry->merge_key);
  g_free (entry);
}

static void
stacks_free (gpointer data)
{
  Stacks *stacks = data;

  g_queue_clear_full (&stacks->undo, entry_free);
  g_queue_clear_full (&stacks->redo, entry_free);
  g_free (stacks);
}

static Stacks *
get_stacks (FmHistory *self,
            gint64     article_id,
            gboolean   create)
{
  Stacks *stacks = g_hash_table_lookup (self->stacks, &article_id);

  g_assert (FM_IS_HISTORY (self));

  if (stacks == NULL && create)
    {
      gint64 *key = g_new (gint64, 1);

      *key = article_id;
      stacks = g_new0 (Stacks, 1);
      g_queue_init (&stacks->undo);
      g_queue_init (&stacks->redo);
      g_hash_table_insert (self->stacks, key, stacks);
    }
  return stacks;
}

static void
push (FmHistory *self,
      gint64     article_id,
      Entry     *entry)
{
  Stacks *stacks = get_stacks (self, article_id, TRUE);

  g_queue_push_head (&stacks->undo, entry);
  g_queue_clear_full (&stacks->redo, entry_free);
  g_signal_emit (self, signals[CHANGED], 0, article_id);
}

static void
fm_history_finalize (GObject *object)
{
  FmHistory *self = (FmHistory *)object;

  g_clear_pointer (&self->stacks, g_hash_table_unref);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (fm_history_parent_class)->finalize (object);
}

static void
fm_history_class_init (FmHistoryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fm_history_finalize;

  /**
   * FmHistory::changed:
   * @article_id: the article whose stacks changed
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
}

static void
fm_history_init (FmHistory *self)
{
  self->stacks = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, stacks_free);
}

FmHistory *
fm_history_new (FmStore *store)
{
  FmHistory *self;

  g_return_val_if_fail (FM_IS_STORE (store), NULL);

  self = g_object_new (FM_TYPE_HISTORY, NULL);
  self->store = g_object_ref (store);
  return self;
}

/**
 * fm_history_create:
 * @annotation: a new annotation; its id and uuid are filled in
 *
 * Adds the annotation to the store and records it.
 */
gboolean
fm_history_create (FmHistory     *self,
                   FmAnnotation  *annotation,
                   GError       **error)
{
  Entry *entry;

  g_return_val_if_fail (FM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (FM_IS_ANNOTATION (annotation), FALSE);

  if (!fm_store_add_annotation (self->store, annotation, error))
    return FALSE;

  entry = g_new0 (Entry, 1);
  entry->op = OP_CREATE;
  entry->after = fm_annotation_copy (annotation);
  push (self, fm_annotation_get_article_id (annotation), entry);
  return TRUE;
}

/**
 * fm_history_record_created:
 * @created: (element-type FmAnnotation): annotations just added to the
 *   store together, in the order they were added
 *
 * Records annotations another call added in one transaction (accepting
 * suggestions) as one step, so one undo takes them all away.
 */
void
fm_history_record_created (FmHistory *self,
                           GPtrArray *created)
{
  Entry *entry;

  g_return_if_fail (FM_IS_HISTORY (self));
  g_return_if_fail (created != NULL);

  if (created->len == 0)
    return;
  entry = g_new0 (Entry, 1);
  entry->op = OP_CREATE_MANY;
  entry->group = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < created->len; i++)
    g_ptr_array_add (entry->group, fm_annotation_copy (g_ptr_array_index (created, i)));
  entry->after = g_object_ref (g_ptr_array_index (entry->group, 0));
  push (self, fm_annotation_get_article_id (entry->after), entry);
}

/**
 * fm_history_update:
 * @before: the annotation as it was
 * @after: the annotation as it should be
 * @merge_key: (nullable): consecutive updates of the same annotation with
 *   the same key (typing a note) become one step of undo
 *
 * Writes @after and records the change. An update that changes nothing is
 * neither written nor recorded.
 */
gboolean
fm_history_update (FmHistory     *self,
                   FmAnnotation  *before,
                   FmAnnotation  *after,
                   const char    *merge_key,
                   GError       **error)
{
  g_autoptr(FmAnnotation) before_copy = NULL;
  gint64 article_id;
  Stacks *stacks;
  Entry *top;
  Entry *entry;

  g_return_val_if_fail (FM_IS_HISTORY (self), FALSE);
  g_return_val_if_fail (FM_IS_ANNOTATION (before), FALSE);
  g_return_val_if_fail (FM_IS_ANNOTATION (after), FALSE);
  g_return_val_if_fail (fm_annotation_get_id (before) == fm_annotation_get_id (after), FALSE);

  if (fm_annotation_equal (before, after))
    return TRUE;

  /* Snapshot first: @before may be a view's copy that the store's change
   * signal replaces (and frees) while the update is announced. */
  before_copy = fm_annotation_copy (before);
  if (!fm_store_update_annotation (self->store, after, error))
    return FALSE;

  article_id = fm_annotation_get_article_id (after);
  stacks = get_stacks (self, article_id, TRUE);
  top = g_queue_peek_head (&stacks->undo);
  if (merge_key != NULL && top != NULL && top->op == OP_UPDATE
      && g_strcmp0 (top->merge_key, merge_key) == 0
      && fm_annotation_get_id (top->after) == fm_annotation_get_id (after)
      && g_queue_is_empty (&stacks->redo))
    {
      g_set_object (&top->after, NULL);
      top->after = fm_annotation_copy (after);
      g_signal_emit (self, signals[CHANGED], 0, article_id);
      return TRUE;
    }

  entry = g_new0 (Entry, 1);
  entry->op = OP_UPDATE;
  entry->before = g_steal_pointer (&before_copy);
  entry->after = fm_annotation_copy (after);
  entry->merge_key = g_strdup (merge_key);
  push (self, article_id, entry);
  return TRUE;
}

gboolean
fm_history_delete (FmHistory  *self,
                   gint64      annotation_id,
                   GError    **error)
{
  g_autoptr(FmAnnotation) before = NULL;
  g_autoptr(GArray) linked_from = NULL;
  Entry *entry;

  g_return_val_if_fail (FM_IS_HISTORY (self), FALSE);

  before = fm_store_get_annotation (self->store, annotation_id, error);
  if (before == NULL)
    return FALSE;
  linked_from = fm_store_list_linked_from (self->store, annotation_id, error);
  if (linked_from == NULL)
    return FALSE;
  if (!fm_store_delete_annotation (self->store, annotation_id, error))
    return FALSE;

  entry = g_new0 (Entry, 1);
  entry->op = OP_DELETE;
  entry->before = g_steal_pointer (&before);
  entry->linked_from = g_steal_pointer (&linked_from);
  push (self, fm_annotation_get_article_id (entry->before), entry);
  return TRUE;
}

gboolean
fm_history_can_undo (FmHistory *self,
                     gint64     article_id)
{
  Stacks *stacks;

  g_return_val_if_fail (FM_IS_HISTORY (self), FALSE);

  stacks = get_stacks (self, article_id, FALSE);
  return stacks != NULL && !g_queue_is_empty (&stacks->undo);
}

gboolean
fm_history_can_redo (FmHistory *self,
                     gint64     article_id)
{
  Stacks *stacks;

  g_return_val_if_fail (FM_IS_HISTORY (self), FALSE);

  stacks = get_stacks (self, article_id, FALSE);
  return stacks != NULL && !g_queue_is_empty (&stacks->redo);
}

/* Claims go before the sources they are attributed to, so that deleting
 * a source never has attributions to save. */
static gboolean
delete_group (FmHistory  *self,
              GPtrArray  *group,
              GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = group->len; i > 0; i--)
    {
      gint64 id = fm_annotation_get_id (g_ptr_array_index (group, i - 1));

      g_array_append_val (ids, id);
    }
  return fm_store_delete_annotations (self->store, ids, error);
}

static gboolean
add_group (FmHistory  *self,
           GPtrArray  *group,
           GError    **error)
{
  g_autoptr(GPtrArray) copies = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < group->len; i++)
    g_ptr_array_add (copies, fm_annotation_copy (g_ptr_array_index (group, i)));
  return fm_store_add_annotations (self->store, copies, error);
}

static gboolean
apply (FmHistory  *self,
       Entry      *entry,
       gboolean    backwards,
       GError    **error)
{
  g_autoptr(FmAnnotation) copy = NULL;

  switch (entry->op)
    {
    case OP_CREATE:
      if (backwards)
        return fm_store_delete_annotation (self->store, fm_annotation_get_id (entry->after), error);
      copy = fm_annotation_copy (entry->after);
      return fm_store_add_annotation (self->store, copy, error);

    case OP_CREATE_MANY:
      return backwards ? delete_group (self, entry->group, error)
                       : add_group (self, entry->group, error);

    case OP_UPDATE:
      copy = fm_annotation_copy (backwards ? entry->before : entry->after);
      return fm_store_update_annotation (self->store, copy, error);

    case OP_DELETE:
      if (backwards)
        {
          copy = fm_annotation_copy (entry->before);
          return fm_store_restore_annotation (self->store, copy, entry->linked_from, error);
        }
      else
        {
          g_autoptr(GArray) linked_from =
            fm_store_list_linked_from (self->store, fm_annotation_get_id (entry->before), error);

          if (linked_from == NULL)
            return FALSE;
          if (!fm_store_delete_annotation (self->store, fm_annotation_get_id (entry->before),
                                           error))
            return FALSE;
          g_clear_pointer (&entry->linked_from, g_array_unref);
          entry->linked_from = g_steal_pointer (&linked_from);
          return TRUE;
        }

    default:
      g_assert_not_reached ();
    }
}

static gboolean
step (FmHistory  *self,
      gint64      article_id,
      gboolean    backwards,
      gint64     *affected_id,
      GError    **error)
{
  Stacks *stacks = get_stacks (self, article_id, FALSE);
  GQueue *from;
  GQueue *to;
  Entry *entry;

  if (stacks == NULL)
    return TRUE;

  from = backwards ? &stacks->undo : &stacks->redo;
  to = backwards ? &stacks->redo : &stacks->undo;
  entry = g_queue_peek_head (from);
  if (entry == NULL)
    return TRUE;

  if (!apply (self, entry, backwards, error))
    {
      /* The library changed under this step (another program edited it);
       * drop the history rather than apply it to something else. */
      g_queue_clear_full (&stacks->undo, entry_free);
      g_queue_clear_full (&stacks->redo, entry_free);
      g_signal_emit (self, signals[CHANGED], 0, article_id);
      return FALSE;
    }

  if (affected_id != NULL)
    *affected_id = fm_annotation_get_id (entry->after ? entry->after : entry->before);

  g_queue_pop_head (from);
  g_queue_push_head (to, entry);
  g_signal_emit (self, signals[CHANGED], 0, article_id);
  return TRUE;
}

/**
 * fm_history_undo:
 * @affected_id: (out) (optional): the annotation the step touched
 */
gboolean
fm_history_undo (FmHistory  *self,
                 gint64      article_id,
                 gint64     *affected_id,
                 GError    **error)
{
  g_return_val_if_fail (FM_IS_HISTORY (self), FALSE);
  return step (self, article_id, TRUE, affected_id, error);
}

gboolean
fm_history_redo (FmHistory  *self,
                 gint64      article_id,
                 gint64     *affected_id,
                 GError    **error)
{
  g_return_val_if_fail (FM_IS_HISTORY (self), FALSE);
  return step (self, article_id, FALSE, affected_id, error);
}

void
fm_history_forget_article (FmHistory *self,
                           gint64     article_id)
{
  g_return_if_fail (FM_IS_HISTORY (self));

  if (g_hash_table_remove (self->stacks, &article_id))
    g_signal_emit (self, signals[CHANGED], 0, article_id);
}
