/* fm-sources-window.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fm-store.h"

G_BEGIN_DECLS

#define FM_TYPE_SOURCES_WINDOW (fm_sources_window_get_type ())

G_DECLARE_FINAL_TYPE (FmSourcesWindow, fm_sources_window, FM, SOURCES_WINDOW, AdwWindow)

FmSourcesWindow *fm_sources_window_new           (GtkWindow       *parent,
                                                  FmStore         *store,
                                                  const char      *key);
GListModel      *fm_sources_window_get_model     (FmSourcesWindow *self);
const char      *fm_sources_window_get_shown_key (FmSourcesWindow *self);

G_END_DECLS
