/* fm-window.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fm-application.h"

G_BEGIN_DECLS

#define FM_TYPE_WINDOW (fm_window_get_type ())

G_DECLARE_FINAL_TYPE (FmWindow, fm_window, FM, WINDOW, AdwApplicationWindow)

FmWindow  *fm_window_new          (FmApplication *application);
void       fm_window_restore_last (FmWindow      *self);
void       fm_window_import_file  (FmWindow      *self,
                                   GFile         *file);
void       fm_window_show_article (FmWindow      *self,
                                   gint64         article_id);
void       fm_window_show_error   (FmWindow      *self,
                                   const char    *heading,
                                   const char    *body);

G_END_DECLS
