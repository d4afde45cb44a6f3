/* fm-sheet-layout.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include "fm-article.h"
#include "fm-export.h"

G_BEGIN_DECLS

#define FM_TYPE_SHEET_LAYOUT (fm_sheet_layout_get_type ())

G_DECLARE_FINAL_TYPE (FmSheetLayout, fm_sheet_layout, FM, SHEET_LAYOUT, GObject)

FmSheetLayout *fm_sheet_layout_new         (FmArticle              *article,
                                            GPtrArray              *annotations,
                                            const FmExportOptions  *options,
                                            GError                **error);
void           fm_sheet_layout_paginate    (FmSheetLayout          *self,
                                            PangoContext           *context,
                                            double                  width,
                                            double                  height);
guint          fm_sheet_layout_get_n_pages (FmSheetLayout          *self);
void           fm_sheet_layout_draw_page   (FmSheetLayout          *self,
                                            cairo_t                *cr,
                                            guint                   page);

G_END_DECLS
