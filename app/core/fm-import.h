/* fm-import.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fm-article.h"

G_BEGIN_DECLS

FmArticle *fm_import_data (const char    *data,
                           gsize          len,
                           const char    *name,
                           char         **encoding,
                           GError       **error);
FmArticle *fm_import_file (GFile         *file,
                           char         **encoding,
                           GCancellable  *cancellable,
                           GError       **error);

G_END_DECLS
