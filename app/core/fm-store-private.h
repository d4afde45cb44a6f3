/* fm-store-private.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "fm-store.h"

G_BEGIN_DECLS

/* Exposed so tests can build a library at every earlier schema version and
 * check that opening it migrates what it holds. */
gboolean  fm_store_migrate      (sqlite3  *db,
                                 int       target,
                                 GError  **error);
sqlite3  *fm_store_get_db       (FmStore  *self);

G_END_DECLS
