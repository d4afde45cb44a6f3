/* fm-library-recovery-dialog.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/**
 * FmLibraryRecoveryChoice:
 * @FM_LIBRARY_RECOVERY_QUIT: quit, leaving the library as it is
 * @FM_LIBRARY_RECOVERY_COPY: open a read-only copy of the library
 * @FM_LIBRARY_RECOVERY_FRESH: keep the library aside and start a new one
 *
 * What to do when the library cannot be opened.
 */
typedef enum
{
  FM_LIBRARY_RECOVERY_QUIT,
  FM_LIBRARY_RECOVERY_COPY,
  FM_LIBRARY_RECOVERY_FRESH,
} FmLibraryRecoveryChoice;

#define FM_TYPE_LIBRARY_RECOVERY_DIALOG (fm_library_recovery_dialog_get_type ())

G_DECLARE_FINAL_TYPE (FmLibraryRecoveryDialog, fm_library_recovery_dialog, FM,
                      LIBRARY_RECOVERY_DIALOG, AdwMessageDialog)

void                    fm_library_recovery_dialog_run_async  (GtkWindow            *parent,
                                                               const GError         *store_error,
                                                               GCancellable         *cancellable,
                                                               GAsyncReadyCallback   callback,
                                                               gpointer              user_data);
FmLibraryRecoveryChoice fm_library_recovery_dialog_run_finish (GAsyncResult         *result,
                                                               GError              **error);

G_END_DECLS
