/* fm-source-name-dialog.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-source-name-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-source-name-dialog.h"

/* Asks for a library source's name, to rename a source or to name the
 * mentions split off from one. The answer is refused while it is blank,
 * so a source can never end up without a name. */

struct _FmSourceNameDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkEntry         *entry;

  /* Owned references */
  GTask            *task;
};

G_DEFINE_FINAL_TYPE (FmSourceNameDialog, fm_source_name_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
entry_changed_cb (FmSourceNameDialog *self,
                  GtkEditable        *entry)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "apply", *name != '\0');
}

static void
entry_activate_cb (FmSourceNameDialog *self,
                   GtkEntry           *entry)
{
  if (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (self), "apply"))
    adw_message_dialog_response (ADW_MESSAGE_DIALOG (self), "apply");
}

static void
fm_source_name_dialog_response (AdwMessageDialog *dialog,
                                const char       *response)
{
  FmSourceNameDialog *self = FM_SOURCE_NAME_DIALOG (dialog);
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (task == NULL)
    return;
  if (g_strcmp0 (response, "apply") != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, "No name was given");
      return;
    }
  g_task_return_pointer (task, g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->entry)))),
                         g_free);
}

static void
fm_source_name_dialog_dispose (GObject *object)
{
  FmSourceNameDialog *self = FM_SOURCE_NAME_DIALOG (object);

  /* Destroyed without an answer: the caller still hears back. */
  if (self->task != NULL)
    fm_source_name_dialog_response (ADW_MESSAGE_DIALOG (self), "cancel");
  gtk_widget_dispose_template (GTK_WIDGET (self), FM_TYPE_SOURCE_NAME_DIALOG);
  G_OBJECT_CLASS (fm_source_name_dialog_parent_class)->dispose (object);
}

static void
fm_source_name_dialog_class_init (FmSourceNameDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = fm_source_name_dialog_dispose;
  dialog_class->response = fm_source_name_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/fm-source-name-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FmSourceNameDialog, entry);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
}

static void
fm_source_name_dialog_init (FmSourceNameDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * fm_source_name_dialog_run_async:
 * @name: the name to start from
 * @apply_label: the label of the button that accepts the name
 * @cancellable: (nullable): closes the dialog when cancelled
 *
 * Asks for a source's name; see fm_source_name_dialog_run_finish().
 */
void
fm_source_name_dialog_run_async (GtkWindow           *parent,
                                 const char          *heading,
                                 const char          *body,
                                 const char          *name,
                                 const char          *apply_label,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  FmSourceNameDialog *self;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (heading != NULL && apply_label != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  self = g_object_new (FM_TYPE_SOURCE_NAME_DIALOG, "transient-for", parent, "heading", heading,
                       "body", body, NULL);
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "apply", apply_label);
  gtk_editable_set_text (GTK_EDITABLE (self->entry), name ? name : "");
  entry_changed_cb (self, GTK_EDITABLE (self->entry));
  self->task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, fm_source_name_dialog_run_async);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (gtk_window_close), self,
                             G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/**
 * fm_source_name_dialog_run_finish:
 *
 * Returns: (transfer full): the name given, trimmed, or %NULL with
 *   %G_IO_ERROR_CANCELLED
 */
char *
fm_source_name_dialog_run_finish (GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == fm_source_name_dialog_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
