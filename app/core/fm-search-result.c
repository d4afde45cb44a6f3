/* fm-search-result.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-search-result"

#include "config.h"

#include "fm-search-result.h"

/* One search hit as an item of a list model, for the window's search
 * results. It owns its hit, which never changes: a new search makes new
 * items. */

struct _FmSearchResult
{
  GObject      parent_instance;

  FmSearchHit *hit;
};

G_DEFINE_FINAL_TYPE (FmSearchResult, fm_search_result, G_TYPE_OBJECT)

static void
fm_search_result_finalize (GObject *object)
{
  FmSearchResult *self = (FmSearchResult *)object;

  g_clear_pointer (&self->hit, fm_search_hit_free);

  G_OBJECT_CLASS (fm_search_result_parent_class)->finalize (object);
}

static void
fm_search_result_class_init (FmSearchResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fm_search_result_finalize;
}

static void
fm_search_result_init (FmSearchResult *self)
{
}

/**
 * fm_search_result_new:
 * @hit: (transfer full): the hit
 */
FmSearchResult *
fm_search_result_new (FmSearchHit *hit)
{
  FmSearchResult *self;

  g_return_val_if_fail (hit != NULL, NULL);

  self = g_object_new (FM_TYPE_SEARCH_RESULT, NULL);
  self->hit = hit;
  return self;
}

const FmSearchHit *
fm_search_result_get_hit (FmSearchResult *self)
{
  g_return_val_if_fail (FM_IS_SEARCH_RESULT (self), NULL);
  return self->hit;
}
