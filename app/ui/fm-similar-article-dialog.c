/* fm-similar-article-dialog.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-similar-article-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-similar-article-dialog.h"

/* A new version of an article already in the library (same address or
 * title, other text) is better as an update that keeps the annotations,
 * but it may also be another article: this asks rather than guesses. */

struct _FmSimilarArticleDialog
{
  AdwMessageDialog  parent_instance;

  /* Owned references */
  GTask            *task;
};

G_DEFINE_FINAL_TYPE (FmSimilarArticleDialog, fm_similar_article_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
fm_similar_article_dialog_set_articles (FmSimilarArticleDialog *self,
                                        FmArticle              *existing,
                                        FmArticle              *imported)
{
  g_autofree char *body = NULL;
  const char *url = fm_article_get_url (imported);

  g_assert (FM_IS_SIMILAR_ARTICLE_DIALOG (self));

  if (url != NULL && g_strcmp0 (fm_article_get_url (existing), url) == 0)
    body = g_strdup_printf (_("“%s” has the same address but a different text. Update it with "
                              "this version, keeping its annotations, or add this as a new "
                              "article?"), fm_article_get_display_title (existing));
  else
    body = g_strdup_printf (_("“%s” has the same title but a different text. Update it with "
                              "this version, keeping its annotations, or add this as a new "
                              "article?"), fm_article_get_display_title (existing));
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);
}

static void
fm_similar_article_dialog_response (AdwMessageDialog *dialog,
                                    const char       *response)
{
  FmSimilarArticleDialog *self = FM_SIMILAR_ARTICLE_DIALOG (dialog);
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  FmSimilarArticleChoice choice = FM_SIMILAR_ARTICLE_CANCEL;

  if (task == NULL)
    return;
  if (g_strcmp0 (response, "new") == 0)
    choice = FM_SIMILAR_ARTICLE_ADD_NEW;
  else if (g_strcmp0 (response, "update") == 0)
    choice = FM_SIMILAR_ARTICLE_UPDATE;
  g_task_return_int (task, choice);
}

static void
fm_similar_article_dialog_dispose (GObject *object)
{
  FmSimilarArticleDialog *self = FM_SIMILAR_ARTICLE_DIALOG (object);

  /* Destroyed without an answer: the caller still hears back. */
  if (self->task != NULL)
    fm_similar_article_dialog_response (ADW_MESSAGE_DIALOG (self), "cancel");
  gtk_widget_dispose_template (GTK_WIDGET (self), FM_TYPE_SIMILAR_ARTICLE_DIALOG);
  G_OBJECT_CLASS (fm_similar_article_dialog_parent_class)->dispose (object);
}

static void
fm_similar_article_dialog_class_init (FmSimilarArticleDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = fm_similar_article_dialog_dispose;
  dialog_class->response = fm_similar_article_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/fm-similar-article-dialog.ui");
}

static void
fm_similar_article_dialog_init (FmSimilarArticleDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * fm_similar_article_dialog_run_async:
 * @parent: the window importing @imported
 * @existing: the article in the library with the same address or title
 * @imported: the article just read, with another text
 * @cancellable: (nullable): closes the dialog when cancelled
 *
 * Asks whether @imported updates the text of @existing or is added as an
 * article of its own. @callback runs when the dialog closes; see
 * fm_similar_article_dialog_run_finish().
 */
void
fm_similar_article_dialog_run_async (GtkWindow           *parent,
                                     FmArticle           *existing,
                                     FmArticle           *imported,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  FmSimilarArticleDialog *self;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (FM_IS_ARTICLE (existing));
  g_return_if_fail (FM_IS_ARTICLE (imported));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  self = g_object_new (FM_TYPE_SIMILAR_ARTICLE_DIALOG, "transient-for", parent, NULL);
  fm_similar_article_dialog_set_articles (self, existing, imported);
  self->task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, fm_similar_article_dialog_run_async);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (gtk_window_close), self,
                             G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self));
}

/**
 * fm_similar_article_dialog_run_finish:
 *
 * Returns: what the user chose; %FM_SIMILAR_ARTICLE_CANCEL when they
 *   closed the dialog, or with %G_IO_ERROR_CANCELLED when the cancellable
 *   closed it
 */
FmSimilarArticleChoice
fm_similar_article_dialog_run_finish (GAsyncResult  *result,
                                      GError       **error)
{
  gssize choice;

  g_return_val_if_fail (G_IS_TASK (result), FM_SIMILAR_ARTICLE_CANCEL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == fm_similar_article_dialog_run_async, FM_SIMILAR_ARTICLE_CANCEL);

  choice = g_task_propagate_int (G_TASK (result), error);
  return choice < 0 ? FM_SIMILAR_ARTICLE_CANCEL : (FmSimilarArticleChoice) choice;
}
