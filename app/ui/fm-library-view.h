/* fm-library-view.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fm-store.h"

G_BEGIN_DECLS

#define FM_TYPE_LIBRARY_VIEW (fm_library_view_get_type ())

G_DECLARE_FINAL_TYPE (FmLibraryView, fm_library_view, FM, LIBRARY_VIEW, AdwBin)

void        fm_library_view_set_store     (FmLibraryView *self,
                                           FmStore       *store);
void        fm_library_view_set_current   (FmLibraryView *self,
                                           gint64         article_id);
void        fm_library_view_focus_search  (FmLibraryView *self);
void        fm_library_view_set_filter    (FmLibraryView *self,
                                           const char    *text);
GListModel *fm_library_view_get_model     (FmLibraryView *self);
guint       fm_library_view_get_n_articles (FmLibraryView *self);

G_END_DECLS
