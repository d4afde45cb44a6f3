/* fm-article-view.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fm-document.h"

G_BEGIN_DECLS

#define FM_TYPE_ARTICLE_VIEW (fm_article_view_get_type ())

G_DECLARE_FINAL_TYPE (FmArticleView, fm_article_view, FM, ARTICLE_VIEW, AdwBin)

FmDocument  *fm_article_view_get_document   (FmArticleView *self);
void         fm_article_view_set_document   (FmArticleView *self,
                                             FmDocument    *document);
GtkTextView *fm_article_view_get_text_view  (FmArticleView *self);
gboolean     fm_article_view_get_painting   (FmArticleView *self);
gboolean     fm_article_view_get_selection  (FmArticleView *self,
                                             glong         *start,
                                             glong         *end);
void         fm_article_view_select_range   (FmArticleView *self,
                                             glong          start,
                                             glong          end);
void         fm_article_view_set_selected   (FmArticleView *self,
                                             gint64         annotation_id);
void         fm_article_view_reveal         (FmArticleView *self,
                                             gint64         annotation_id,
                                             gboolean       flash);
gint64       fm_article_view_pick           (FmArticleView *self,
                                             glong          offset);
void         fm_article_view_begin_find     (FmArticleView *self);
void         fm_article_view_find_next      (FmArticleView *self,
                                             gboolean       backwards);
void         fm_article_view_hide_popover   (FmArticleView *self);
void         fm_article_view_reveal_range   (FmArticleView *self,
                                             glong          start,
                                             glong          end);
void         fm_article_view_show_suggestion (FmArticleView    *self,
                                              FmSuggestionItem *item);

G_END_DECLS
