/* fm-source-name-dialog.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define FM_TYPE_SOURCE_NAME_DIALOG (fm_source_name_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FmSourceNameDialog, fm_source_name_dialog, FM, SOURCE_NAME_DIALOG,
                      AdwMessageDialog)

void  fm_source_name_dialog_run_async  (GtkWindow            *parent,
                                        const char           *heading,
                                        const char           *body,
                                        const char           *name,
                                        const char           *apply_label,
                                        GCancellable         *cancellable,
                                        GAsyncReadyCallback   callback,
                                        gpointer              user_data);
char *fm_source_name_dialog_run_finish (GAsyncResult         *result,
                                        GError              **error);

G_END_DECLS
