/* fm-update.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fm-anchor.h"
#include "fm-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint counts[FM_N_ANCHOR_STATES];
  /* Ids of the annotations that changed or were orphaned, in text order. */
  GArray *attention;
} FmUpdateSummary;

void       fm_update_summary_clear   (FmUpdateSummary   *summary);
gboolean   fm_update_article         (FmStore           *store,
                                      gint64             article_id,
                                      const char        *text,
                                      const char        *origin,
                                      FmUpdateSummary   *summary,
                                      GCancellable      *cancellable,
                                      GError           **error);
void       fm_update_article_async   (FmStore           *store,
                                      gint64             article_id,
                                      const char        *text,
                                      const char        *origin,
                                      FmAnchorProgress   progress,
                                      gpointer           progress_data,
                                      GCancellable      *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer           user_data);
gboolean   fm_update_article_finish  (FmStore           *store,
                                      GAsyncResult      *result,
                                      FmUpdateSummary   *summary,
                                      GError           **error);
GPtrArray *fm_update_apply_results   (GPtrArray         *annotations,
                                      GArray            *results);

G_END_DECLS
