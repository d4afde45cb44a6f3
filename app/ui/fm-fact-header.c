/* fm-fact-header.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-fact-header"

#include "config.h"

#include "fm-fact-header.h"

/* A group heading in the fact panel's list: "Claims", with how many are
 * shown. It is an item of the list model, so the headings scroll with the
 * rows and the list stays one recycling GtkListView. */

struct _FmFactHeader
{
  GObject  parent_instance;

  char    *title;
  guint    count;
};

enum {
  PROP_0,
  PROP_TITLE,
  PROP_COUNT,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FmFactHeader, fm_fact_header, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
fm_fact_header_finalize (GObject *object)
{
  FmFactHeader *self = (FmFactHeader *)object;

  g_clear_pointer (&self->title, g_free);

  G_OBJECT_CLASS (fm_fact_header_parent_class)->finalize (object);
}

static void
fm_fact_header_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  FmFactHeader *self = FM_FACT_HEADER (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;

    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_fact_header_class_init (FmFactHeaderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = fm_fact_header_finalize;
  object_class->get_property = fm_fact_header_get_property;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fm_fact_header_init (FmFactHeader *self)
{
}

FmFactHeader *
fm_fact_header_new (const char *title)
{
  FmFactHeader *self = g_object_new (FM_TYPE_FACT_HEADER, NULL);

  self->title = g_strdup (title);
  return self;
}

const char *
fm_fact_header_get_title (FmFactHeader *self)
{
  g_return_val_if_fail (FM_IS_FACT_HEADER (self), NULL);
  return self->title;
}

guint
fm_fact_header_get_count (FmFactHeader *self)
{
  g_return_val_if_fail (FM_IS_FACT_HEADER (self), 0);
  return self->count;
}

void
fm_fact_header_set_count (FmFactHeader *self,
                          guint         count)
{
  g_return_if_fail (FM_IS_FACT_HEADER (self));

  if (self->count == count)
    return;
  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}
