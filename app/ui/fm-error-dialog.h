/* fm-error-dialog.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FM_TYPE_ERROR_DIALOG (fm_error_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FmErrorDialog, fm_error_dialog, FM, ERROR_DIALOG, AdwMessageDialog)

void     fm_error_dialog_run_async  (GtkWindow            *parent,
                                     const char           *heading,
                                     const char           *body,
                                     GCancellable         *cancellable,
                                     GAsyncReadyCallback   callback,
                                     gpointer              user_data);
gboolean fm_error_dialog_run_finish (GAsyncResult         *result,
                                     GError              **error);

G_END_DECLS
