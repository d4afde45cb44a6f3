/* fm-suggestion-item.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-suggestion-item"

#include "config.h"

#include "fm-enums.h"
#include "fm-suggestion-item.h"

/* One suggestion as an item of a list model, so that the fact panel can
 * list suggestions in the same recycling list as the annotations. It owns
 * its FmSuggestion, which never changes once found: accepting or
 * rejecting one removes its item. */

struct _FmSuggestionItem
{
  GObject       parent_instance;

  FmSuggestion *suggestion;
};

enum {
  PROP_0,
  PROP_KIND,
  PROP_START,
  PROP_END,
  PROP_TEXT,
  PROP_RULE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FmSuggestionItem, fm_suggestion_item, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
fm_suggestion_item_finalize (GObject *object)
{
  FmSuggestionItem *self = (FmSuggestionItem *)object;

  g_clear_pointer (&self->suggestion, fm_suggestion_free);

  G_OBJECT_CLASS (fm_suggestion_item_parent_class)->finalize (object);
}

static void
fm_suggestion_item_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  FmSuggestionItem *self = FM_SUGGESTION_ITEM (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->suggestion->kind);
      break;

    case PROP_START:
      g_value_set_long (value, self->suggestion->start);
      break;

    case PROP_END:
      g_value_set_long (value, self->suggestion->end);
      break;

    case PROP_TEXT:
      g_value_set_string (value, fm_suggestion_item_get_text (self));
      break;

    case PROP_RULE:
      g_value_set_string (value, self->suggestion->rule);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_suggestion_item_class_init (FmSuggestionItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = fm_suggestion_item_finalize;
  object_class->get_property = fm_suggestion_item_get_property;

  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, FM_TYPE_KIND, FM_KIND_CLAIM, ro);
  properties[PROP_START] = g_param_spec_long ("start", NULL, NULL, 0, G_MAXLONG, 0, ro);
  properties[PROP_END] = g_param_spec_long ("end", NULL, NULL, 0, G_MAXLONG, 0, ro);
  properties[PROP_TEXT] = g_param_spec_string ("text", NULL, NULL, NULL, ro);
  properties[PROP_RULE] = g_param_spec_string ("rule", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fm_suggestion_item_init (FmSuggestionItem *self)
{
}

/**
 * fm_suggestion_item_new:
 * @suggestion: (transfer full): what was found
 */
FmSuggestionItem *
fm_suggestion_item_new (FmSuggestion *suggestion)
{
  FmSuggestionItem *self;

  g_return_val_if_fail (suggestion != NULL, NULL);

  self = g_object_new (FM_TYPE_SUGGESTION_ITEM, NULL);
  self->suggestion = suggestion;
  return self;
}

const FmSuggestion *
fm_suggestion_item_get_suggestion (FmSuggestionItem *self)
{
  g_return_val_if_fail (FM_IS_SUGGESTION_ITEM (self), NULL);
  return self->suggestion;
}

FmKind
fm_suggestion_item_get_kind (FmSuggestionItem *self)
{
  g_return_val_if_fail (FM_IS_SUGGESTION_ITEM (self), FM_KIND_CLAIM);
  return self->suggestion->kind;
}

glong
fm_suggestion_item_get_start (FmSuggestionItem *self)
{
  g_return_val_if_fail (FM_IS_SUGGESTION_ITEM (self), 0);
  return self->suggestion->start;
}

glong
fm_suggestion_item_get_end (FmSuggestionItem *self)
{
  g_return_val_if_fail (FM_IS_SUGGESTION_ITEM (self), 0);
  return self->suggestion->end;
}

/* What the list shows: a source by its canonical name, the rest by their
 * words. */
const char *
fm_suggestion_item_get_text (FmSuggestionItem *self)
{
  g_return_val_if_fail (FM_IS_SUGGESTION_ITEM (self), NULL);

  if (self->suggestion->kind == FM_KIND_SOURCE && self->suggestion->name != NULL)
    return self->suggestion->name;
  return self->suggestion->text;
}

const char *
fm_suggestion_item_get_rule (FmSuggestionItem *self)
{
  g_return_val_if_fail (FM_IS_SUGGESTION_ITEM (self), NULL);
  return self->suggestion->rule;
}
