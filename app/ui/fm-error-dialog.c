/* fm-error-dialog.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-error-dialog"

#include "config.h"

#include "fm-error-dialog.h"

/* Tells the user that something failed and why, with only a way to
 * close it: nothing is left to decide once the failure has happened. */

struct _FmErrorDialog
{
  AdwMessageDialog  parent_instance;

  /* Owned references */
  GTask            *task;
};

G_DEFINE_FINAL_TYPE (FmErrorDialog, fm_error_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
fm_error_dialog_response (AdwMessageDialog *dialog,
                          const char       *response)
{
  FmErrorDialog *self = FM_ERROR_DIALOG (dialog);
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (task != NULL)
    g_task_return_boolean (task, TRUE);
}

static void
fm_error_dialog_dispose (GObject *object)
{
  FmErrorDialog *self = FM_ERROR_DIALOG (object);

  /* Destroyed without an answer: the caller still hears back. */
  if (self->task != NULL)
    fm_error_dialog_response (ADW_MESSAGE_DIALOG (self), "close");
  gtk_widget_dispose_template (GTK_WIDGET (self), FM_TYPE_ERROR_DIALOG);
  G_OBJECT_CLASS (fm_error_dialog_parent_class)->dispose (object);
}

static void
fm_error_dialog_class_init (FmErrorDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = fm_error_dialog_dispose;
  dialog_class->response = fm_error_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/fm-error-dialog.ui");
}

static void
fm_error_dialog_init (FmErrorDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * fm_error_dialog_run_async:
 * @parent: the window where it failed
 * @heading: what failed
 * @body: (nullable): why
 * @cancellable: (nullable): closes the dialog when cancelled
 *
 * Shows a failure. @callback runs when the dialog closes; see
 * fm_error_dialog_run_finish().
 */
void
fm_error_dialog_run_async (GtkWindow           *parent,
                           const char          *heading,
                           const char          *body,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  FmErrorDialog *self;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (heading != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  self = g_object_new (FM_TYPE_ERROR_DIALOG, "transient-for", parent, "heading", heading, NULL);
  if (body != NULL)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
  self->task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, fm_error_dialog_run_async);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (gtk_window_close), self,
                             G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self));
}

/**
 * fm_error_dialog_run_finish:
 *
 * Returns: %TRUE once the user has closed the dialog
 */
gboolean
fm_error_dialog_run_finish (GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == fm_error_dialog_run_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
