/* fm-revisions-dialog.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fm-store.h"

G_BEGIN_DECLS

#define FM_TYPE_REVISIONS_DIALOG (fm_revisions_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FmRevisionsDialog, fm_revisions_dialog, FM, REVISIONS_DIALOG,
                      AdwMessageDialog)

void     fm_revisions_dialog_run_async  (GtkWindow            *parent,
                                         FmStore              *store,
                                         GPtrArray            *revisions,
                                         GCancellable         *cancellable,
                                         GAsyncReadyCallback   callback,
                                         gpointer              user_data);
gboolean fm_revisions_dialog_run_finish (GAsyncResult         *result,
                                         GError              **error);

G_END_DECLS
