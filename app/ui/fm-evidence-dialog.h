/* fm-evidence-dialog.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fm-annotation.h"

G_BEGIN_DECLS

#define FM_TYPE_EVIDENCE_DIALOG (fm_evidence_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FmEvidenceDialog, fm_evidence_dialog, FM, EVIDENCE_DIALOG, AdwMessageDialog)

void        fm_evidence_dialog_run_async  (GtkWidget            *parent,
                                           const FmEvidence     *evidence,
                                           GCancellable         *cancellable,
                                           GAsyncReadyCallback   callback,
                                           gpointer              user_data);
FmEvidence *fm_evidence_dialog_run_finish (GAsyncResult         *result,
                                           GError              **error);

G_END_DECLS
