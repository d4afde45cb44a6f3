/* fm-window.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fm-application.h"
#include "fm-article-view.h"
#include "fm-document.h"
#include "fm-fact-panel.h"
#include "fm-search-panel.h"
#include "fm-library-view.h"

G_BEGIN_DECLS

#define FM_TYPE_WINDOW (fm_window_get_type ())

G_DECLARE_FINAL_TYPE (FmWindow, fm_window, FM, WINDOW, AdwApplicationWindow)

FmWindow      *fm_window_new                (FmApplication *application);
void           fm_window_restore_last       (FmWindow      *self);
void           fm_window_import_file        (FmWindow      *self,
                                             GFile         *file);
void           fm_window_import_text        (FmWindow      *self,
                                             const char    *text,
                                             gsize          len);
void           fm_window_update_text        (FmWindow      *self,
                                             const char    *text,
                                             const char    *origin);
gboolean       fm_window_show_article       (FmWindow      *self,
                                             gint64         article_id);
gboolean       fm_window_is_opening         (FmWindow      *self);
void           fm_window_select_annotation  (FmWindow      *self,
                                             gint64         annotation_id,
                                             gboolean       reveal);
gint64         fm_window_get_selected       (FmWindow      *self);
void           fm_window_select_suggestion  (FmWindow         *self,
                                             FmSuggestionItem *item);
FmSuggestionItem *fm_window_get_selected_suggestion (FmWindow *self);
FmDocument    *fm_window_get_document       (FmWindow      *self);
FmArticleView *fm_window_get_article_view   (FmWindow      *self);
FmFactPanel   *fm_window_get_fact_panel     (FmWindow      *self);
FmSearchPanel *fm_window_get_search_panel   (FmWindow      *self);
FmLibraryView *fm_window_get_library_view   (FmWindow      *self);
void           fm_window_show_error         (FmWindow      *self,
                                             const char    *heading,
                                             const char    *body);
void           fm_window_show_toast         (FmWindow      *self,
                                             const char    *message);

G_END_DECLS
