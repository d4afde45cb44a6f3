/* fm-evidence-dialog.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-evidence-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-evidence-dialog.h"

/* Adding or editing one piece of evidence on an annotation: a link and a
 * note on what it shows. The dialog only asks; the caller writes the
 * answer through its history so that it can be undone. */

struct _FmEvidenceDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  AdwEntryRow      *url_row;
  AdwEntryRow      *note_row;

  /* Owned references */
  GTask            *task;
};

G_DEFINE_FINAL_TYPE (FmEvidenceDialog, fm_evidence_dialog, ADW_TYPE_MESSAGE_DIALOG)

static char *
row_text (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static void
url_changed_cb (FmEvidenceDialog *self,
                GtkEditable      *editable)
{
  g_autofree char *url = row_text (self->url_row);

  g_assert (FM_IS_EVIDENCE_DIALOG (self));

  /* Evidence is its link: without one there is nothing to save. */
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", *url != '\0');
}

static void
fm_evidence_dialog_set_evidence (FmEvidenceDialog *self,
                                 const FmEvidence *evidence)
{
  g_assert (FM_IS_EVIDENCE_DIALOG (self));

  if (evidence == NULL)
    {
      adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), _("Add Evidence"));
      adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "save", _("_Add"));
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->url_row), evidence->url);
      gtk_editable_set_text (GTK_EDITABLE (self->note_row), evidence->note ? evidence->note : "");
    }
  url_changed_cb (self, GTK_EDITABLE (self->url_row));
}

static void
fm_evidence_dialog_response (AdwMessageDialog *dialog,
                             const char       *response)
{
  FmEvidenceDialog *self = FM_EVIDENCE_DIALOG (dialog);
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  g_autofree char *url = NULL;
  g_autofree char *note = NULL;

  if (task == NULL)
    return;

  url = row_text (self->url_row);
  note = row_text (self->note_row);
  if (g_strcmp0 (response, "save") != 0 || *url == '\0')
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The evidence was not saved");
      return;
    }
  g_task_return_pointer (task, fm_evidence_new (url, *note ? note : NULL),
                         (GDestroyNotify) fm_evidence_free);
}

static void
fm_evidence_dialog_dispose (GObject *object)
{
  FmEvidenceDialog *self = FM_EVIDENCE_DIALOG (object);

  /* Destroyed without an answer: the caller still hears back. */
  if (self->task != NULL)
    fm_evidence_dialog_response (ADW_MESSAGE_DIALOG (self), "cancel");
  gtk_widget_dispose_template (GTK_WIDGET (self), FM_TYPE_EVIDENCE_DIALOG);
  G_OBJECT_CLASS (fm_evidence_dialog_parent_class)->dispose (object);
}

static void
fm_evidence_dialog_class_init (FmEvidenceDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = fm_evidence_dialog_dispose;
  dialog_class->response = fm_evidence_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/fm-evidence-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FmEvidenceDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, FmEvidenceDialog, note_row);
  gtk_widget_class_bind_template_callback (widget_class, url_changed_cb);
}

static void
fm_evidence_dialog_init (FmEvidenceDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * fm_evidence_dialog_run_async:
 * @parent: the widget asking; the dialog is over its window, and @parent
 *   is the source object @callback gets
 * @evidence: (nullable): the evidence to edit, or %NULL to add some
 * @cancellable: (nullable): closes the dialog when cancelled
 *
 * Asks for a link and a note. @callback runs when the dialog closes; see
 * fm_evidence_dialog_run_finish().
 */
void
fm_evidence_dialog_run_async (GtkWidget           *parent,
                              const FmEvidence    *evidence,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GtkRoot *root;
  FmEvidenceDialog *self;

  g_return_if_fail (GTK_IS_WIDGET (parent));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  root = gtk_widget_get_root (parent);
  self = g_object_new (FM_TYPE_EVIDENCE_DIALOG,
                       "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                       NULL);
  fm_evidence_dialog_set_evidence (self, evidence);
  self->task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, fm_evidence_dialog_run_async);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (gtk_window_close), self,
                             G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
}

/**
 * fm_evidence_dialog_run_finish:
 *
 * Returns: (transfer full): the evidence as the user saved it, its link and
 *   note trimmed and an empty note %NULL; or %NULL with
 *   %G_IO_ERROR_CANCELLED when the dialog was closed without saving
 */
FmEvidence *
fm_evidence_dialog_run_finish (GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == fm_evidence_dialog_run_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
