/* fm-file.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean fm_file_write_atomic (const char  *path,
                               const char  *data,
                               gssize       len,
                               GError     **error);

G_END_DECLS
