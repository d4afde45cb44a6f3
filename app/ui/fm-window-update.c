/* fm-window-update.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-progress-dialog.h"
#include "fm-revisions-dialog.h"
#include "fm-update.h"
#include "fm-update-summary-dialog.h"
#include "fm-window-private.h"

/* When an article changes after publication: update its text and show
 * what re-anchoring did, re-attach orphans, and read earlier revisions. */

/* Re-attaching an orphan */

static void
attach_orphan_action (GtkWidget  *widget,
                      const char *name,
                      GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(FmAnnotation) place = NULL;
  g_autoptr(FmAnnotation) after = NULL;
  FmAnnotation *orphan;
  glong start, end;
  const char *first;

  if (self->document == NULL
      || !(orphan = fm_document_lookup (self->document, self->selected_id))
      || !fm_annotation_is_orphan (orphan))
    return;
  if (!fm_article_view_get_selection (self->article_view, &start, &end))
    {
      fm_window_show_toast (self, _("Select the passage in the article first"));
      return;
    }

  /* Anchor a throwaway annotation to learn the trimmed span and context. */
  place = fm_document_new_annotation (self->document, fm_annotation_get_kind (orphan), start, end,
                                      &error);
  if (place == NULL)
    {
      fm_window_show_toast (self, error->message);
      return;
    }

  after = fm_annotation_copy (orphan);
  first = fm_annotation_get_original_quote (orphan) ? fm_annotation_get_original_quote (orphan)
                                                    : fm_annotation_get_quote (orphan);
  fm_annotation_set_span (after, fm_annotation_get_start (place), fm_annotation_get_end (place));
  fm_annotation_set_quote (after, fm_annotation_get_quote (place), fm_annotation_get_prefix (place),
                           fm_annotation_get_suffix (place));
  fm_annotation_set_state (after, g_strcmp0 (first, fm_annotation_get_quote (place)) == 0
                                  ? FM_ANCHOR_MOVED : FM_ANCHOR_CHANGED);
  fm_annotation_set_original_quote (after, g_strcmp0 (first, fm_annotation_get_quote (place)) != 0
                                           ? first : NULL);
  /* The user placed it: nothing left to confirm. */
  fm_annotation_set_confirmed (after, TRUE);

  if (!fm_history_update (get_history (self), orphan, after, NULL, &error))
    {
      _fm_window_report (self, _("The annotation could not be attached"), error);
      return;
    }
  fm_article_view_hide_popover (self->article_view);
  fm_window_select_annotation (self, fm_annotation_get_id (after), TRUE);
}

/* Updating the text */

typedef struct
{
  FmWindow         *self;
  gint64            article_id;
  /* A weak pointer: Cancel closes the dialog before the job ends. */
  FmProgressDialog *progress;
  GCancellable     *cancellable;
} UpdateJob;

static void
update_job_free (UpdateJob *job)
{
  FmProgressDialog *progress = job->progress;

  g_clear_weak_pointer (&job->progress);
  if (progress != NULL)
    gtk_window_destroy (GTK_WINDOW (progress));
  g_clear_object (&job->cancellable);
  g_object_unref (job->self);
  g_free (job);
}

static void
update_progress_cb (double   fraction,
                    gpointer data)
{
  UpdateJob *job = data;

  if (job->progress != NULL)
    fm_progress_dialog_set_fraction (job->progress, fraction);
}

static void
summary_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FmWindow *self = FM_WINDOW (object);
  gint64 id = fm_update_summary_dialog_run_finish (result, NULL);

  if (id != 0)
    fm_window_select_annotation (self, id, TRUE);
}

static void
summary_free (FmUpdateSummary *summary)
{
  fm_update_summary_clear (summary);
  g_free (summary);
}

static void
show_summary (FmWindow *self,
              gpointer  data)
{
  fm_update_summary_dialog_run_async (GTK_WINDOW (self), self->document, data, NULL,
                                      summary_done_cb, NULL);
}

static void
update_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  UpdateJob *job = user_data;
  FmWindow *self = job->self;
  g_autoptr(GError) error = NULL;
  FmUpdateSummary summary = { { 0 }, NULL };
  FmUpdateSummary *moved;

  if (!fm_update_article_finish (FM_STORE (object), result, &summary, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        _fm_window_report (self, _("The article could not be updated"), error);
      update_job_free (job);
      return;
    }

  /* The window reads the article anew after its text changed; the summary
   * speaks of the annotations as they are now. */
  moved = g_new (FmUpdateSummary, 1);
  *moved = summary;
  _fm_window_show_article_then (self, job->article_id, show_summary, moved,
                                (GDestroyNotify) summary_free);
  update_job_free (job);
}

static void
start_update (FmWindow   *self,
              gint64      article_id,
              const char *text,
              const char *origin)
{
  UpdateJob *job = g_new0 (UpdateJob, 1);

  job->self = g_object_ref (self);
  job->article_id = article_id;
  job->cancellable = g_cancellable_new ();
  g_set_weak_pointer (&job->progress,
                      fm_progress_dialog_new (GTK_WINDOW (self), _("Updating the Article"),
                                              _("Finding every annotation in the new text…"),
                                              job->cancellable));
  gtk_window_present (GTK_WINDOW (job->progress));

  fm_update_article_async (get_store (self), article_id, text, origin, update_progress_cb, job,
                           job->cancellable, update_done_cb, job);
}

static void
update_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  FmWindow *self = FM_WINDOW (object);
  g_autoptr(GFile) file = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) revised = _fm_window_read_article_finish (result, &error);
  g_autofree char *origin = g_file_get_basename (file);

  if (revised == NULL)
    {
      _fm_window_report (self, _("The file could not be read"), error);
      return;
    }
  if (self->document == NULL)
    return;
  fm_window_update_text (self, fm_article_get_text (revised), origin);
}

static void
update_chooser_response_cb (FmWindow             *self,
                            int                   response,
                            GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT && self->document != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      _fm_window_read_article_async (self, file, update_read_cb, g_object_ref (file));
    }
  g_clear_object (&self->chooser);
}

static void
update_text_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);

  if (self->document == NULL || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Update Article Text"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Update"),
                                               _("_Cancel"));
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (update_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* Earlier revisions */

static void
revisions_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = NULL;

  if (self->document == NULL)
    return;
  revisions = fm_store_list_revisions (get_store (self), fm_document_get_article_id (self->document),
                                       &error);
  if (revisions == NULL)
    {
      _fm_window_report (self, _("The revisions could not be listed"), error);
      return;
    }
  fm_revisions_dialog_run_async (GTK_WINDOW (self), get_store (self), revisions, NULL, NULL, NULL);
}

/**
 * fm_window_update_text:
 * @text: the new canonical text of the open article
 * @origin: (nullable): where it came from, such as a file name
 *
 * Re-anchors the open article's annotations onto @text in a thread, with
 * a progress dialog that can cancel, and then shows what changed.
 */
void
fm_window_update_text (FmWindow   *self,
                       const char *text,
                       const char *origin)
{
  g_return_if_fail (FM_IS_WINDOW (self));
  g_return_if_fail (text != NULL);

  if (self->document == NULL || get_store (self) == NULL)
    return;
  start_update (self, fm_document_get_article_id (self->document), text, origin);
}

void
_fm_window_class_init_update (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "article.attach-orphan", NULL,
                                   attach_orphan_action);
  gtk_widget_class_install_action (widget_class, "win.update-text", NULL, update_text_action);
  gtk_widget_class_install_action (widget_class, "win.revisions", NULL, revisions_action);
}
