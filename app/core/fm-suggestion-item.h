/* fm-suggestion-item.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fm-suggest.h"

G_BEGIN_DECLS

#define FM_TYPE_SUGGESTION_ITEM (fm_suggestion_item_get_type ())

G_DECLARE_FINAL_TYPE (FmSuggestionItem, fm_suggestion_item, FM, SUGGESTION_ITEM, GObject)

FmSuggestionItem   *fm_suggestion_item_new            (FmSuggestion     *suggestion);
const FmSuggestion *fm_suggestion_item_get_suggestion (FmSuggestionItem *self);
FmKind              fm_suggestion_item_get_kind       (FmSuggestionItem *self);
glong               fm_suggestion_item_get_start      (FmSuggestionItem *self);
glong               fm_suggestion_item_get_end        (FmSuggestionItem *self);
const char         *fm_suggestion_item_get_text       (FmSuggestionItem *self);
const char         *fm_suggestion_item_get_rule       (FmSuggestionItem *self);

G_END_DECLS
