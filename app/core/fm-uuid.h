/* fm-uuid.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

void  fm_uuid_v5_format (GChecksum    *checksum,
                         const guint8  namespace_uuid[16],
                         const char   *name,
                         char          uuid[37]);
char *fm_uuid_v5 (const guint8  namespace_uuid[16],
                  const char   *name);

G_END_DECLS
