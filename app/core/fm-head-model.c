/* fm-head-model.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-head-model"

#include "config.h"

#include "fm-head-model.h"

/* The first items of a list, up to a limit that can grow, with each change
 * of the list passed on as exactly as it happened. GTK 4.8's slice model
 * reports an insertion as the removal and re-addition of every item after
 * it, which made a list view of 10,000 annotations bind all its rows again
 * for each new mark; this model reports the one item added. */

struct _FmHeadModel
{
  GObject     parent_instance;

  GListModel *model;
  guint       limit;
  /* The items shown, as the last change reported them. */
  guint       n_shown;
};

enum {
  PROP_0,
  PROP_MODEL,
  PROP_LIMIT,
  N_PROPS
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (FmHeadModel, fm_head_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

static GParamSpec *properties[N_PROPS];

static GType
fm_head_model_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (FM_HEAD_MODEL (list)->model);
}

static guint
fm_head_model_get_n_items (GListModel *list)
{
  return FM_HEAD_MODEL (list)->n_shown;
}

static gpointer
fm_head_model_get_item (GListModel *list,
                        guint       position)
{
  FmHeadModel *self = FM_HEAD_MODEL (list);

  if (position >= self->n_shown)
    return NULL;
  return g_list_model_get_item (self->model, position);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = fm_head_model_get_item_type;
  iface->get_n_items = fm_head_model_get_n_items;
  iface->get_item = fm_head_model_get_item;
}

/* Reports a change with the count it leaves, so that a handler asking for
 * the items sees them as the change says. */
static void
report (FmHeadModel *self,
        guint        position,
        guint        removed,
        guint        added)
{
  self->n_shown = self->n_shown - removed + added;
  if (removed > 0 || added > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), position, removed, added);
}

/* Brings the count shown to what the list and the limit allow, at the
 * end, where items come into view or go out of it. */
static void
report_tail (FmHeadModel *self)
{
  guint target = MIN (g_list_model_get_n_items (self->model), self->limit);

  if (target > self->n_shown)
    report (self, self->n_shown, 0, target - self->n_shown);
  else if (target < self->n_shown)
    report (self, target, self->n_shown - target, 0);
}

static void
items_changed_cb (FmHeadModel *self,
                  guint        position,
                  guint        removed,
                  guint        added,
                  GListModel  *model)
{
  guint before = self->n_shown;
  guint after = MIN (g_list_model_get_n_items (model), self->limit);
  guint shown_removed, shown_added;

  g_assert (FM_IS_HEAD_MODEL (self));

  if (position >= before)
    {
      report_tail (self);
      return;
    }
  shown_removed = MIN (removed, before - position);
  shown_added = MIN (added, after - position);
  /* The new items run past the limit: what followed them is out of view. */
  if (shown_added < added)
    {
      report (self, position, before - position, shown_added);
      return;
    }
  /* The items after the change keep their places relative to it; at the
   * end, some may be pushed out of view or pulled into it. */
  report (self, position, shown_removed, shown_added);
  report_tail (self);
}

static void
fm_head_model_dispose (GObject *object)
{
  FmHeadModel *self = FM_HEAD_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_func (self->model, items_changed_cb, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (fm_head_model_parent_class)->dispose (object);
}

static void
fm_head_model_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FmHeadModel *self = FM_HEAD_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;

    case PROP_LIMIT:
      g_value_set_uint (value, self->limit);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_head_model_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FmHeadModel *self = FM_HEAD_MODEL (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      self->model = g_value_dup_object (value);
      break;

    case PROP_LIMIT:
      fm_head_model_set_limit (self, g_value_get_uint (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_head_model_constructed (GObject *object)
{
  FmHeadModel *self = FM_HEAD_MODEL (object);

  G_OBJECT_CLASS (fm_head_model_parent_class)->constructed (object);

  g_assert (G_IS_LIST_MODEL (self->model));
  self->n_shown = MIN (g_list_model_get_n_items (self->model), self->limit);
  /* Disconnected in dispose, where the list is let go. */
  g_signal_connect_swapped (self->model, "items-changed", G_CALLBACK (items_changed_cb), self);
}

static void
fm_head_model_class_init (FmHeadModelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = fm_head_model_constructed;
  object_class->dispose = fm_head_model_dispose;
  object_class->get_property = fm_head_model_get_property;
  object_class->set_property = fm_head_model_set_property;

  /**
   * FmHeadModel:model:
   *
   * The list whose first items are shown.
   */
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * FmHeadModel:limit:
   *
   * How many items are shown at most; %G_MAXUINT for all.
   */
  properties[PROP_LIMIT] =
    g_param_spec_uint ("limit", NULL, NULL, 0, G_MAXUINT, G_MAXUINT,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fm_head_model_init (FmHeadModel *self)
{
  self->limit = G_MAXUINT;
}

/**
 * fm_head_model_new:
 * @model: the list to show the first items of
 * @limit: how many to show at most; %G_MAXUINT for all
 */
FmHeadModel *
fm_head_model_new (GListModel *model,
                   guint       limit)
{
  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  return g_object_new (FM_TYPE_HEAD_MODEL, "model", model, "limit", limit, NULL);
}

GListModel *
fm_head_model_get_model (FmHeadModel *self)
{
  g_return_val_if_fail (FM_IS_HEAD_MODEL (self), NULL);

  return self->model;
}

guint
fm_head_model_get_limit (FmHeadModel *self)
{
  g_return_val_if_fail (FM_IS_HEAD_MODEL (self), 0);

  return self->limit;
}

/**
 * fm_head_model_set_limit:
 *
 * Shows up to @limit items: those coming into view are reported added at
 * the end, those going out of it removed from the end.
 */
void
fm_head_model_set_limit (FmHeadModel *self,
                         guint        limit)
{
  g_return_if_fail (FM_IS_HEAD_MODEL (self));

  if (self->limit == limit)
    return;
  self->limit = limit;
  /* During construction the list is not there yet. */
  if (self->model != NULL)
    report_tail (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LIMIT]);
}
