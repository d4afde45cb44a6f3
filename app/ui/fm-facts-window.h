/* fm-facts-window.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fm-store.h"

G_BEGIN_DECLS

#define FM_TYPE_FACTS_WINDOW (fm_facts_window_get_type ())

G_DECLARE_FINAL_TYPE (FmFactsWindow, fm_facts_window, FM, FACTS_WINDOW, AdwWindow)

FmFactsWindow *fm_facts_window_new        (GtkWindow     *parent,
                                           FmStore       *store);
GListModel    *fm_facts_window_get_model  (FmFactsWindow *self);
void           fm_facts_window_set_filter (FmFactsWindow *self,
                                           const char    *text);
void           fm_facts_window_set_to_check (FmFactsWindow *self,
                                             gboolean       to_check);

G_END_DECLS
