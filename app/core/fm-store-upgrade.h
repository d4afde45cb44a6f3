/* fm-store-upgrade.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How far an upgrade has gone, from 0 to 1. */
typedef void (*FmStoreUpgradeProgress) (double   fraction,
                                        gpointer user_data);

gboolean fm_store_needs_upgrade     (const char              *path);
gboolean fm_store_upgrade           (const char              *path,
                                     FmStoreUpgradeProgress   progress,
                                     gpointer                 progress_data,
                                     GCancellable            *cancellable,
                                     GError                 **error);
void     fm_store_upgrade_async     (const char              *path,
                                     FmStoreUpgradeProgress   progress,
                                     gpointer                 progress_data,
                                     GCancellable            *cancellable,
                                     GAsyncReadyCallback      callback,
                                     gpointer                 user_data);
gboolean fm_store_upgrade_finish    (GAsyncResult            *result,
                                     GError                 **error);

G_END_DECLS
