/* fm-search-result.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fm-search.h"

G_BEGIN_DECLS

#define FM_TYPE_SEARCH_RESULT (fm_search_result_get_type ())

G_DECLARE_FINAL_TYPE (FmSearchResult, fm_search_result, FM, SEARCH_RESULT, GObject)

FmSearchResult    *fm_search_result_new     (FmSearchHit    *hit);
const FmSearchHit *fm_search_result_get_hit (FmSearchResult *self);

G_END_DECLS
