/* fm-text-view.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "fm-suggestion-item.h"

G_BEGIN_DECLS

#define FM_TYPE_TEXT_VIEW (fm_text_view_get_type ())

G_DECLARE_FINAL_TYPE (FmTextView, fm_text_view, FM, TEXT_VIEW, GtkTextView)

GListModel       *fm_text_view_get_suggestions         (FmTextView       *self);
void              fm_text_view_set_suggestions         (FmTextView       *self,
                                                        GListModel       *suggestions);
FmSuggestionItem *fm_text_view_get_selected_suggestion (FmTextView       *self);
void              fm_text_view_set_selected_suggestion (FmTextView       *self,
                                                        FmSuggestionItem *item);
FmSuggestionItem *fm_text_view_suggestion_at           (FmTextView       *self,
                                                        glong             offset);

G_END_DECLS
