/* fm-export-pdf.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fm-article.h"
#include "fm-export.h"

G_BEGIN_DECLS

GBytes *fm_export_pdf_to_bytes (FmArticle              *article,
                                GPtrArray              *annotations,
                                const FmExportOptions  *options,
                                GError                **error);

G_END_DECLS
