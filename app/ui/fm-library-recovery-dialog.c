/* fm-library-recovery-dialog.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-library-recovery-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-library-recovery-dialog.h"
#include "fm-types.h"

/* Says why the library could not be opened and offers a way on that
 * never deletes it: read a copy, or keep it aside and start afresh. */

struct _FmLibraryRecoveryDialog
{
  AdwMessageDialog  parent_instance;

  /* Owned references */
  GTask            *task;
};

G_DEFINE_FINAL_TYPE (FmLibraryRecoveryDialog, fm_library_recovery_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
fm_library_recovery_dialog_set_error (FmLibraryRecoveryDialog *self,
                                      const GError            *store_error)
{
  g_autofree char *body = NULL;
  gboolean newer = g_error_matches (store_error, FM_ERROR, FM_ERROR_NEWER_SCHEMA);

  g_assert (FM_IS_LIBRARY_RECOVERY_DIALOG (self));

  body = g_strdup_printf ("%s\n\n%s", store_error->message,
                          newer
                          ? _("A newer version of Factmark wrote this library. You can read a "
                              "copy of it here, or keep it aside for the newer version and "
                              "start a new library.")
                          : _("You can try to read a copy of it, or keep it aside (it is renamed, "
                              "never deleted) and start a new library. Backups are in the "
                              "“backups” folder beside it."));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
}

static void
fm_library_recovery_dialog_response (AdwMessageDialog *dialog,
                                     const char       *response)
{
  FmLibraryRecoveryDialog *self = FM_LIBRARY_RECOVERY_DIALOG (dialog);
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (task == NULL)
    return;
  if (g_strcmp0 (response, "copy") == 0)
    g_task_return_int (task, FM_LIBRARY_RECOVERY_COPY);
  else if (g_strcmp0 (response, "fresh") == 0)
    g_task_return_int (task, FM_LIBRARY_RECOVERY_FRESH);
  else
    g_task_return_int (task, FM_LIBRARY_RECOVERY_QUIT);
}

static void
fm_library_recovery_dialog_dispose (GObject *object)
{
  FmLibraryRecoveryDialog *self = FM_LIBRARY_RECOVERY_DIALOG (object);
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  /* Destroyed without an answer, as when the app goes: the caller still
   * hears back, but is not told to quit, since nobody chose that. */
  if (task != NULL)
    g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                             "The library recovery dialog was closed without an answer");
  gtk_widget_dispose_template (GTK_WIDGET (self), FM_TYPE_LIBRARY_RECOVERY_DIALOG);
  G_OBJECT_CLASS (fm_library_recovery_dialog_parent_class)->dispose (object);
}

static void
fm_library_recovery_dialog_class_init (FmLibraryRecoveryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = fm_library_recovery_dialog_dispose;
  dialog_class->response = fm_library_recovery_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/fm-library-recovery-dialog.ui");
}

static void
fm_library_recovery_dialog_init (FmLibraryRecoveryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * fm_library_recovery_dialog_run_async:
 * @parent: the window the library would show in
 * @store_error: why the library could not be opened
 * @cancellable: (nullable): closes the dialog when cancelled
 *
 * Asks what to do about a library that cannot be opened. @callback runs
 * when the dialog closes; see fm_library_recovery_dialog_run_finish().
 */
void
fm_library_recovery_dialog_run_async (GtkWindow           *parent,
                                      const GError        *store_error,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  FmLibraryRecoveryDialog *self;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (store_error != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  self = g_object_new (FM_TYPE_LIBRARY_RECOVERY_DIALOG, "transient-for", parent, NULL);
  fm_library_recovery_dialog_set_error (self, store_error);
  self->task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, fm_library_recovery_dialog_run_async);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (gtk_window_close), self,
                             G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self));
}

/**
 * fm_library_recovery_dialog_run_finish:
 *
 * Returns: what the user chose, or %FM_LIBRARY_RECOVERY_QUIT with
 *   %G_IO_ERROR_CANCELLED when the dialog went without an answer
 */
FmLibraryRecoveryChoice
fm_library_recovery_dialog_run_finish (GAsyncResult  *result,
                                       GError       **error)
{
  gssize choice;

  g_return_val_if_fail (G_IS_TASK (result), FM_LIBRARY_RECOVERY_QUIT);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == fm_library_recovery_dialog_run_async, FM_LIBRARY_RECOVERY_QUIT);

  choice = g_task_propagate_int (G_TASK (result), error);
  return choice < 0 ? FM_LIBRARY_RECOVERY_QUIT : (FmLibraryRecoveryChoice) choice;
}
