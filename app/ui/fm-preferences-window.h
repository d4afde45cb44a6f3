/* fm-preferences-window.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FM_TYPE_PREFERENCES_WINDOW (fm_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (FmPreferencesWindow, fm_preferences_window, FM, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

FmPreferencesWindow *fm_preferences_window_new (GtkWindow  *parent,
                                                GSettings  *settings,
                                                const char *library_path);

G_END_DECLS
