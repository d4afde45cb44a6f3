/* fm-similar-task.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fm-similar.h"

G_BEGIN_DECLS

void       fm_similar_lookup_async  (const char           *db_path,
                                     gint64                claim_id,
                                     double                threshold,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
GPtrArray *fm_similar_lookup_finish (GAsyncResult         *result,
                                     GError              **error);
void       fm_similar_lookup_best_async  (const char           *db_path,
                                          GArray               *claim_ids,
                                          double                threshold,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
GArray    *fm_similar_lookup_best_finish (GAsyncResult         *result,
                                          GError              **error);

G_END_DECLS
