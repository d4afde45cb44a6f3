/* fm-progress-dialog.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FM_TYPE_PROGRESS_DIALOG (fm_progress_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FmProgressDialog, fm_progress_dialog, FM, PROGRESS_DIALOG, AdwMessageDialog)

FmProgressDialog *fm_progress_dialog_new             (GtkWindow        *parent,
                                                      const char       *heading,
                                                      const char       *body,
                                                      GCancellable     *cancellable);
GCancellable     *fm_progress_dialog_get_cancellable (FmProgressDialog *self);
double            fm_progress_dialog_get_fraction    (FmProgressDialog *self);
void              fm_progress_dialog_set_fraction    (FmProgressDialog *self,
                                                      double            fraction);
void              fm_progress_dialog_pulse           (FmProgressDialog *self);

G_END_DECLS
