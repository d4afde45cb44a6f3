/* fm-fact-header.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define FM_TYPE_FACT_HEADER (fm_fact_header_get_type ())

G_DECLARE_FINAL_TYPE (FmFactHeader, fm_fact_header, FM, FACT_HEADER, GObject)

FmFactHeader *fm_fact_header_new       (const char   *title);
const char   *fm_fact_header_get_title (FmFactHeader *self);
guint         fm_fact_header_get_count (FmFactHeader *self);
void          fm_fact_header_set_count (FmFactHeader *self,
                                        guint         count);

G_END_DECLS
