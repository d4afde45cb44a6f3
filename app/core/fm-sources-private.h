/* fm-sources-private.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fm-sources.h"

G_BEGIN_DECLS

/* Shared by fm-store-sources.c, which reads the sources, and
 * fm-sources-propose.c, which finds the ones that may be one. */

char       *fm_source_pair_key        (const char  *key,
                                       const char  *other_key);
GPtrArray  *fm_sources_propose        (GPtrArray   *sources,
                                       GHashTable  *dismissed);
GHashTable *fm_store_dismissed_merges (FmStore     *store,
                                       GError     **error);

G_END_DECLS
