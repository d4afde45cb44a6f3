/* fm-search-panel.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fm-search-result.h"
#include "fm-store.h"

G_BEGIN_DECLS

#define FM_TYPE_SEARCH_PANEL (fm_search_panel_get_type ())

G_DECLARE_FINAL_TYPE (FmSearchPanel, fm_search_panel, FM, SEARCH_PANEL, AdwBin)

FmStore    *fm_search_panel_get_store   (FmSearchPanel *self);
void        fm_search_panel_set_store   (FmSearchPanel *self,
                                         FmStore       *store);
void        fm_search_panel_set_query   (FmSearchPanel *self,
                                         const char    *query);
void        fm_search_panel_set_source  (FmSearchPanel *self,
                                         const char    *name);
void        fm_search_panel_set_range   (FmSearchPanel *self,
                                         GDateTime     *since,
                                         GDateTime     *until);
void        fm_search_panel_focus       (FmSearchPanel *self);
GListModel *fm_search_panel_get_results (FmSearchPanel *self);

G_END_DECLS
