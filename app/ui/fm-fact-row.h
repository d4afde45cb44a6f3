/* fm-fact-row.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FM_TYPE_FACT_ROW (fm_fact_row_get_type ())

G_DECLARE_FINAL_TYPE (FmFactRow, fm_fact_row, FM, FACT_ROW, AdwBin)

GtkWidget *fm_fact_row_new      (void);
void       fm_fact_row_set_item (FmFactRow *self,
                                 GObject   *item);

G_END_DECLS
