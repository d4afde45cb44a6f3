/* fm-update-summary-dialog.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fm-document.h"
#include "fm-update.h"

G_BEGIN_DECLS

#define FM_TYPE_UPDATE_SUMMARY_DIALOG (fm_update_summary_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FmUpdateSummaryDialog, fm_update_summary_dialog, FM, UPDATE_SUMMARY_DIALOG,
                      AdwMessageDialog)

void   fm_update_summary_dialog_run_async  (GtkWindow              *parent,
                                            FmDocument             *document,
                                            const FmUpdateSummary  *summary,
                                            GCancellable           *cancellable,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
gint64 fm_update_summary_dialog_run_finish (GAsyncResult           *result,
                                            GError                **error);

G_END_DECLS
