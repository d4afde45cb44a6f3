/* fm-delete-article-dialog.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-delete-article-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-delete-article-dialog.h"
#include "fm-types.h"

/* Asks before an article goes, saying how much of the user's work goes
 * with it, since deleting an article cannot be undone. */

struct _FmDeleteArticleDialog
{
  AdwMessageDialog  parent_instance;

  /* Owned references */
  GTask            *task;

  gint64            article_id;
};

G_DEFINE_FINAL_TYPE (FmDeleteArticleDialog, fm_delete_article_dialog, ADW_TYPE_MESSAGE_DIALOG)

static char *
count_text (FmArticle *article,
            FmKind     kind)
{
  guint n = fm_article_get_count (article, kind);

  switch (kind)
    {
    case FM_KIND_CLAIM:
      return g_strdup_printf (ngettext ("%u claim", "%u claims", n), n);
    case FM_KIND_FIGURE:
      return g_strdup_printf (ngettext ("%u figure", "%u figures", n), n);
    case FM_KIND_SOURCE:
    default:
      return g_strdup_printf (ngettext ("%u source", "%u sources", n), n);
    }
}

static void
fm_delete_article_dialog_set_article (FmDeleteArticleDialog *self,
                                      FmArticle             *article)
{
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *claims = count_text (article, FM_KIND_CLAIM);
  g_autofree char *figures = count_text (article, FM_KIND_FIGURE);
  g_autofree char *sources = count_text (article, FM_KIND_SOURCE);

  g_assert (FM_IS_DELETE_ARTICLE_DIALOG (self));

  self->article_id = fm_article_get_id (article);
  heading = g_strdup_printf (_("Delete “%s”?"), fm_article_get_display_title (article));
  /* Translators: the counts read "3 claims", "1 figure", "2 sources". */
  body = g_strdup_printf (_("The article and its %s, %s and %s, with their verdicts, notes and "
                            "evidence, will be deleted. This cannot be undone."),
                          claims, figures, sources);
  adw_message_dialog_set_heading (ADW_MESSAGE_DIALOG (self), heading);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
}

static void
fm_delete_article_dialog_response (AdwMessageDialog *dialog,
                                   const char       *response)
{
  FmDeleteArticleDialog *self = FM_DELETE_ARTICLE_DIALOG (dialog);
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  GValue value = G_VALUE_INIT;

  if (task == NULL)
    return;
  if (g_strcmp0 (response, "delete") != 0)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The article was not deleted");
      return;
    }
  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, self->article_id);
  g_task_return_value (task, &value);
}

static void
fm_delete_article_dialog_dispose (GObject *object)
{
  FmDeleteArticleDialog *self = FM_DELETE_ARTICLE_DIALOG (object);

  /* Destroyed without an answer: the caller still hears back. */
  if (self->task != NULL)
    fm_delete_article_dialog_response (ADW_MESSAGE_DIALOG (self), "cancel");
  gtk_widget_dispose_template (GTK_WIDGET (self), FM_TYPE_DELETE_ARTICLE_DIALOG);
  G_OBJECT_CLASS (fm_delete_article_dialog_parent_class)->dispose (object);
}

static void
fm_delete_article_dialog_class_init (FmDeleteArticleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = fm_delete_article_dialog_dispose;
  dialog_class->response = fm_delete_article_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/fm-delete-article-dialog.ui");
}

static void
fm_delete_article_dialog_init (FmDeleteArticleDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * fm_delete_article_dialog_run_async:
 * @parent: the window showing @article
 * @article: the article to delete
 * @cancellable: (nullable): closes the dialog when cancelled
 *
 * Asks whether to delete @article. @callback runs when the dialog closes;
 * see fm_delete_article_dialog_run_finish().
 */
void
fm_delete_article_dialog_run_async (GtkWindow           *parent,
                                    FmArticle           *article,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  FmDeleteArticleDialog *self;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (FM_IS_ARTICLE (article));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  self = g_object_new (FM_TYPE_DELETE_ARTICLE_DIALOG, "transient-for", parent, NULL);
  fm_delete_article_dialog_set_article (self, article);
  self->task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, fm_delete_article_dialog_run_async);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (gtk_window_close), self,
                             G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self));
}

/**
 * fm_delete_article_dialog_run_finish:
 *
 * Returns: the id of the article the user chose to delete, or 0 with
 *   %G_IO_ERROR_CANCELLED when they kept it
 */
gint64
fm_delete_article_dialog_run_finish (GAsyncResult  *result,
                                     GError       **error)
{
  GValue value = G_VALUE_INIT;

  g_return_val_if_fail (G_IS_TASK (result), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == fm_delete_article_dialog_run_async, 0);

  if (!g_task_propagate_value (G_TASK (result), &value, error))
    return 0;
  return g_value_get_int64 (&value);
}
