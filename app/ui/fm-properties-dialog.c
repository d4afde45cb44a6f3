/* fm-properties-dialog.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-properties-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "fm-properties-dialog.h"

/* Article Properties: the title, address, outlet, author and date of an
 * article, shown after an import to check and from the window's menu.
 * Saving hands the trimmed values back; the caller writes them. */

struct _FmPropertiesDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  AdwEntryRow      *title_row;
  AdwEntryRow      *url_row;
  AdwEntryRow      *outlet_row;
  AdwEntryRow      *author_row;
  AdwEntryRow      *published_row;

  /* Owned references */
  GTask            *task;

  gint64            article_id;
};

G_DEFINE_FINAL_TYPE (FmPropertiesDialog, fm_properties_dialog, ADW_TYPE_MESSAGE_DIALOG)

void
fm_article_properties_free (FmArticleProperties *properties)
{
  if (properties == NULL)
    return;
  g_free (properties->title);
  g_free (properties->url);
  g_free (properties->outlet);
  g_free (properties->author);
  g_free (properties->published);
  g_free (properties);
}

static gboolean
valid_date (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (*text == '\0')
    return TRUE;
  if (sscanf (text, "%4d-%2d-%2d", &y, &m, &d) == 3 && strlen (text) == 10)
    return g_date_valid_dmy (d, m, y);
  /* A full ISO 8601 time, as web pages give it, is fine too. */
  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt != NULL;
}

static void
published_changed_cb (FmPropertiesDialog *self,
                      GtkEditable        *editable)
{
  gboolean ok = valid_date (gtk_editable_get_text (editable));

  g_assert (FM_IS_PROPERTIES_DIALOG (self));

  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->published_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->published_row), "error");
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", ok);
}

/* The row's text trimmed, or NULL when nothing is left: an empty row
 * clears the property. */
static char *
row_value (AdwEntryRow *row)
{
  char *value = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  if (*value == '\0')
    g_clear_pointer (&value, g_free);
  return value;
}

static void
set_row_text (AdwEntryRow *row,
              const char  *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text ? text : "");
}

static void
fm_properties_dialog_set_article (FmPropertiesDialog *self,
                                  FmArticle          *article)
{
  g_assert (FM_IS_PROPERTIES_DIALOG (self));
  g_assert (FM_IS_ARTICLE (article));

  self->article_id = fm_article_get_id (article);
  set_row_text (self->title_row, fm_article_get_title (article));
  set_row_text (self->url_row, fm_article_get_url (article));
  set_row_text (self->outlet_row, fm_article_get_outlet (article));
  set_row_text (self->author_row, fm_article_get_author (article));
  set_row_text (self->published_row, fm_article_get_published (article));
  /* Checked from the first edit on, as before: a stored date is not
   * flagged until the user touches it. */
  g_signal_connect_object (self->published_row, "changed", G_CALLBACK (published_changed_cb),
                           self, G_CONNECT_SWAPPED);
}

static void
fm_properties_dialog_response (AdwMessageDialog *dialog,
                               const char       *response)
{
  FmPropertiesDialog *self = FM_PROPERTIES_DIALOG (dialog);
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  FmArticleProperties *properties;

  if (task == NULL)
    return;
  if (g_strcmp0 (response, "save") != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The properties were not saved");
      return;
    }

  properties = g_new0 (FmArticleProperties, 1);
  properties->article_id = self->article_id;
  properties->title = row_value (self->title_row);
  properties->url = row_value (self->url_row);
  properties->outlet = row_value (self->outlet_row);
  properties->author = row_value (self->author_row);
  properties->published = row_value (self->published_row);
  g_task_return_pointer (task, properties, (GDestroyNotify) fm_article_properties_free);
}

static void
fm_properties_dialog_dispose (GObject *object)
{
  FmPropertiesDialog *self = FM_PROPERTIES_DIALOG (object);

  /* Destroyed without an answer: the caller still hears back. */
  if (self->task != NULL)
    fm_properties_dialog_response (ADW_MESSAGE_DIALOG (self), "cancel");
  gtk_widget_dispose_template (GTK_WIDGET (self), FM_TYPE_PROPERTIES_DIALOG);
  G_OBJECT_CLASS (fm_properties_dialog_parent_class)->dispose (object);
}

static void
fm_properties_dialog_class_init (FmPropertiesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = fm_properties_dialog_dispose;
  dialog_class->response = fm_properties_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/fm-properties-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FmPropertiesDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, FmPropertiesDialog, url_row);
  gtk_widget_class_bind_template_child (widget_class, FmPropertiesDialog, outlet_row);
  gtk_widget_class_bind_template_child (widget_class, FmPropertiesDialog, author_row);
  gtk_widget_class_bind_template_child (widget_class, FmPropertiesDialog, published_row);
}

static void
fm_properties_dialog_init (FmPropertiesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * fm_properties_dialog_run_async:
 * @parent: the window the dialog is for
 * @article: the article whose properties to show
 * @after_import: whether @article was just imported, which the body says
 * @cancellable: (nullable): closes the dialog when cancelled
 *
 * Shows the properties of @article for editing. @callback runs when the
 * dialog closes; see fm_properties_dialog_run_finish().
 */
void
fm_properties_dialog_run_async (GtkWindow           *parent,
                                FmArticle           *article,
                                gboolean             after_import,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  FmPropertiesDialog *self;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (FM_IS_ARTICLE (article));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  self = g_object_new (FM_TYPE_PROPERTIES_DIALOG, "transient-for", parent, NULL);
  if (after_import)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), _("Check what was found in the file."));
  fm_properties_dialog_set_article (self, article);
  self->task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, fm_properties_dialog_run_async);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (gtk_window_close), self,
                             G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self));
}

/**
 * fm_properties_dialog_run_finish:
 *
 * Returns: (transfer full): what the user saved, or %NULL with
 *   %G_IO_ERROR_CANCELLED when the dialog was closed without saving
 */
FmArticleProperties *
fm_properties_dialog_run_finish (GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == fm_properties_dialog_run_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
