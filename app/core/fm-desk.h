/* fm-desk.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fm-desk-server.h"
#include "fm-store-desk.h"

G_BEGIN_DECLS

typedef struct
{
  guint pushed;
  guint pulled;
  guint conflicts;
  guint refused;
  guint kept;
} FmDeskStats;

gboolean fm_desk_init (const char    *url,
                       GError       **error);
gboolean fm_desk_join (FmStore       *store,
                       const char    *url,
                       FmDeskStats   *stats,
                       GError       **error);
gboolean fm_desk_sync (FmStore       *store,
                       FmDeskServer  *server,
                       FmDeskStats   *stats,
                       GError       **error);
char    *fm_desk_merge (const char    *base,
                       const char    *mine,
                       const char    *theirs,
                       GPtrArray     *conflicts);

G_END_DECLS
