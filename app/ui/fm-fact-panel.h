/* fm-fact-panel.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fm-annotation-editor.h"
#include "fm-document.h"
#include "fm-history.h"

G_BEGIN_DECLS

#define FM_TYPE_FACT_PANEL (fm_fact_panel_get_type ())

G_DECLARE_FINAL_TYPE (FmFactPanel, fm_fact_panel, FM, FACT_PANEL, AdwBin)

FmDocument         *fm_fact_panel_get_document (FmFactPanel *self);
void                fm_fact_panel_set_document (FmFactPanel *self,
                                                FmDocument  *document);
FmHistory          *fm_fact_panel_get_history  (FmFactPanel *self);
void                fm_fact_panel_set_history  (FmFactPanel *self,
                                                FmHistory   *history);
void                fm_fact_panel_show_editor  (FmFactPanel *self,
                                                gint64       annotation_id);
void                fm_fact_panel_show_list    (FmFactPanel *self);
void                fm_fact_panel_select_suggestion (FmFactPanel      *self,
                                                     FmSuggestionItem *item);
gboolean            fm_fact_panel_is_editing   (FmFactPanel *self);
void                fm_fact_panel_set_filter   (FmFactPanel *self,
                                                int          kind,
                                                int          verdict);
GListModel         *fm_fact_panel_get_model    (FmFactPanel *self);
FmAnnotationEditor *fm_fact_panel_get_editor   (FmFactPanel *self);
gboolean            fm_fact_panel_get_hold_rows (FmFactPanel *self);
void                fm_fact_panel_set_hold_rows (FmFactPanel *self,
                                                 gboolean     hold_rows);

G_END_DECLS
