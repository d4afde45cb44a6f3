/* fm-tracked.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fm-store.h"

G_BEGIN_DECLS

/* A tracked claim: claims in several articles that say the same thing,
 * linked by the user (or by Factmark, where "similar" is sure), which share
 * one verdict, note and evidence while each keeps its own span. */

gboolean   fm_store_link_claims       (FmStore  *store,
                                       gint64    id,
                                       gint64    other_id,
                                       GError  **error);
gboolean   fm_store_unlink_claim      (FmStore  *store,
                                       gint64    id,
                                       GError  **error);
GPtrArray *fm_store_list_tracked_with (FmStore  *store,
                                       gint64    id,
                                       GError  **error);

G_END_DECLS
