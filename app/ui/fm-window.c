/* fm-window.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-window"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "fm-export.h"
#include "fm-diff.h"
#include "fm-factsheet.h"
#include "fm-text.h"
#include "fm-update.h"
#include "fm-history.h"
#include "fm-import.h"
#include "fm-sheet-import.h"
#include "fm-window.h"

/* The main window: library, article and fact panel. It owns the open
 * FmDocument and routes every user action through FmHistory, so each one
 * is a single transaction that can be undone. Actions are win.* for the
 * library and window, article.* for what acts on the open article. */

struct _FmWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkStack             *main_stack;
  AdwStatusPage        *welcome_page;
  GtkPaned             *outer_paned;
  GtkPaned             *inner_paned;
  GtkWidget            *library_pane;
  GtkWidget            *facts_pane;
  AdwWindowTitle       *article_title;
  GtkMenuButton        *export_button;
  GtkStack             *article_stack;
  FmLibraryView        *library_view;
  FmArticleView        *article_view;
  FmFactPanel          *fact_panel;

  /* Owned references */
  FmDocument           *document;
  GtkFileChooserNative *chooser;

  gint64                selected_id;
  gboolean              show_library;
  gboolean              show_facts;
};

enum {
  PROP_0,
  PROP_SHOW_LIBRARY,
  PROP_SHOW_FACTS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FmWindow, fm_window, ADW_TYPE_APPLICATION_WINDOW)

static GParamSpec *properties[N_PROPS];

static FmApplication *
get_app (FmWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  return app ? FM_APPLICATION (app) : NULL;
}

static FmStore *
get_store (FmWindow *self)
{
  FmApplication *app = get_app (self);

  g_assert (FM_IS_WINDOW (self));
  return app ? fm_application_get_store (app) : NULL;
}

static FmHistory *
get_history (FmWindow *self)
{
  FmApplication *app = get_app (self);

  return app ? fm_application_get_history (app) : NULL;
}

static GSettings *
get_settings (FmWindow *self)
{
  FmApplication *app = get_app (self);

  return app ? fm_application_get_settings (app) : NULL;
}

static void
report (FmWindow     *self,
        const char   *heading,
        const GError *error)
{
  g_printerr ("factmark: %s: %s\n", heading, error->message);
  fm_window_show_error (self, heading, error->message);
}

static void
update_actions (FmWindow *self)
{
  FmHistory *history = get_history (self);
  gboolean open = self->document != NULL;
  gint64 article_id = open ? fm_document_get_article_id (self->document) : 0;
  glong s, e;
  gboolean has_selection = open && fm_article_view_get_selection (self->article_view, &s, &e);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.mark-claim", has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.mark-figure", has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.mark-source", has_selection);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.undo",
                                 open && history && fm_history_can_undo (history, article_id));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.redo",
                                 open && history && fm_history_can_redo (history, article_id));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.delete-annotation",
                                 open && self->selected_id != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.find", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.find-next", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.find-previous", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.export", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.show-export-menu", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.next-annotation", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.previous-annotation", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.article-properties", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.delete-article", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.update-text", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.revisions", open);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-annotations", open);
  {
    FmAnnotation *selected = open ? fm_document_lookup (self->document, self->selected_id) : NULL;

    gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.attach-orphan",
                                   selected != NULL && fm_annotation_is_orphan (selected));
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.paste", get_store (self) != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import", get_store (self) != NULL);
}

static void
update_main_page (FmWindow *self)
{
  gboolean any = fm_library_view_get_n_articles (self->library_view) > 0;

  gtk_stack_set_visible_child_name (self->main_stack, any || self->document ? "main" : "welcome");
}

static void
history_changed_cb (FmWindow  *self,
                    gint64     article_id,
                    FmHistory *history)
{
  update_actions (self);
}

static void
selection_changed_cb (FmWindow      *self,
                      GParamSpec    *pspec,
                      GtkTextBuffer *buffer)
{
  update_actions (self);
}

static void
document_removed_cb (FmWindow   *self,
                     FmDocument *document)
{
  FmHistory *history = get_history (self);

  if (history)
    fm_history_forget_article (history, fm_document_get_article_id (document));
  fm_article_view_set_document (self->article_view, NULL);
  fm_fact_panel_set_context (self->fact_panel, NULL, NULL);
  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  self->selected_id = 0;
  adw_window_title_set_title (self->article_title, _("Factmark"));
  adw_window_title_set_subtitle (self->article_title, NULL);
  gtk_stack_set_visible_child_name (self->article_stack, "none");
  fm_library_view_set_current (self->library_view, 0);
  update_actions (self);
  update_main_page (self);
}

static void
document_annotation_removed_cb (FmWindow     *self,
                                FmAnnotation *annotation,
                                FmDocument   *document)
{
  if (fm_annotation_get_id (annotation) == self->selected_id)
    {
      self->selected_id = 0;
      update_actions (self);
    }
}

static void
article_notify_cb (FmWindow   *self,
                   GParamSpec *pspec,
                   FmArticle  *article)
{
  g_autofree char *subtitle = fm_article_dup_subtitle (article);

  adw_window_title_set_title (self->article_title, fm_article_get_display_title (article));
  adw_window_title_set_subtitle (self->article_title, subtitle);
  gtk_window_set_title (GTK_WINDOW (self), fm_article_get_display_title (article));
}

static void
library_activated_cb (FmWindow      *self,
                      gint64         article_id,
                      FmLibraryView *view)
{
  fm_window_show_article (self, article_id);
}

static void
annotation_clicked_cb (FmWindow      *self,
                       gint64         annotation_id,
                       FmArticleView *view)
{
  fm_window_select_annotation (self, annotation_id, FALSE);
}

static void
fact_activated_cb (FmWindow    *self,
                   gint64       annotation_id,
                   FmFactPanel *panel)
{
  fm_window_select_annotation (self, annotation_id, TRUE);
}

static void
mark (FmWindow *self,
      FmKind    kind)
{
  g_autoptr(FmAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  glong start, end;

  if (self->document == NULL || !fm_article_view_get_selection (self->article_view, &start, &end))
    {
      fm_window_show_toast (self, _("Select some text in the article first"));
      return;
    }

  annotation = fm_document_new_annotation (self->document, kind, start, end, &error);
  if (annotation == NULL || !fm_history_create (get_history (self), annotation, &error))
    {
      g_printerr ("factmark: %s\n", error->message);
      fm_window_show_toast (self, error->message);
      return;
    }

  fm_article_view_hide_popover (self->article_view);
  fm_window_select_annotation (self, fm_annotation_get_id (annotation), FALSE);
}

static void
mark_claim_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  mark (FM_WINDOW (widget), FM_KIND_CLAIM);
}

static void
mark_figure_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  mark (FM_WINDOW (widget), FM_KIND_FIGURE);
}

static void
mark_source_action (GtkWidget  *widget,
                    const char *name,
                    GVariant   *param)
{
  mark (FM_WINDOW (widget), FM_KIND_SOURCE);
}

static void
step_history (FmWindow *self,
              gboolean  undo)
{
  g_autoptr(GError) error = NULL;
  FmHistory *history = get_history (self);
  gint64 article_id;
  gint64 affected = 0;
  gboolean ok;

  if (self->document == NULL || history == NULL)
    return;

  /* Pending typing is a change too; save it before stepping over it. */
  fm_annotation_editor_flush (fm_fact_panel_get_editor (self->fact_panel));

  article_id = fm_document_get_article_id (self->document);
  ok = undo ? fm_history_undo (history, article_id, &affected, &error)
            : fm_history_redo (history, article_id, &affected, &error);
  if (!ok)
    {
      report (self, undo ? _("Could not undo") : _("Could not redo"), error);
      return;
    }

  if (affected != 0 && fm_document_lookup (self->document, affected) != NULL)
    fm_window_select_annotation (self, affected, TRUE);
  else
    fm_window_select_annotation (self, 0, FALSE);
}

static void
undo_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  step_history (FM_WINDOW (widget), TRUE);
}

static void
redo_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  step_history (FM_WINDOW (widget), FALSE);
}

static void
delete_annotation_action (GtkWidget  *widget,
                          const char *name,
                          GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  AdwToast *toast;

  if (self->document == NULL || self->selected_id == 0)
    return;

  if (!fm_history_delete (get_history (self), self->selected_id, &error))
    {
      report (self, _("Could not delete the annotation"), error);
      return;
    }
  fm_window_select_annotation (self, 0, FALSE);

  toast = adw_toast_new (_("Annotation deleted"));
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "article.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
find_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);

  if (self->document)
    fm_article_view_begin_find (self->article_view);
}

static void
find_next_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  fm_article_view_find_next (FM_WINDOW (widget)->article_view,
                             g_str_equal (name, "article.find-previous"));
}

static void
close_editor_action (GtkWidget  *widget,
                     const char *name,
                     GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);

  fm_article_view_hide_popover (self->article_view);
  fm_window_select_annotation (self, 0, FALSE);
}

static void
step_annotation_action (GtkWidget  *widget,
                        const char *name,
                        GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);
  gboolean forward = g_str_equal (name, "article.next-annotation");
  GListModel *model;
  guint n, position = 0;
  gboolean found = FALSE;

  if (self->document == NULL)
    return;
  model = fm_document_get_annotations (self->document);
  n = g_list_model_get_n_items (model);
  if (n == 0)
    return;

  for (guint i = 0; i < n && self->selected_id != 0; i++)
    {
      g_autoptr(FmAnnotation) a = g_list_model_get_item (model, i);

      if (fm_annotation_get_id (a) == self->selected_id)
        {
          position = forward ? (i + 1) % n : (i + n - 1) % n;
          found = TRUE;
          break;
        }
    }
  if (!found)
    position = forward ? 0 : n - 1;

  {
    g_autoptr(FmAnnotation) a = g_list_model_get_item (model, position);
    fm_window_select_annotation (self, fm_annotation_get_id (a), TRUE);
  }
}

/* Importing */

/* How long an import may run before a progress dialog offers Cancel. */
#define IMPORT_PROGRESS_DELAY_MS 400

typedef struct
{
  FmWindow         *self;
  GFile            *file;
  GBytes           *data;
  char             *mime_type;
  FmImportReport   *report;
  GCancellable     *cancellable;
  FmSheetImport    *sheet;
  AdwMessageDialog *progress;
  guint             progress_source;
  guint             pulse_source;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_clear_handle_id (&job->progress_source, g_source_remove);
  g_clear_handle_id (&job->pulse_source, g_source_remove);
  if (job->progress)
    gtk_window_destroy (GTK_WINDOW (job->progress));
  g_clear_object (&job->file);
  g_clear_pointer (&job->data, g_bytes_unref);
  g_clear_pointer (&job->report, fm_import_report_free);
  g_clear_pointer (&job->sheet, fm_sheet_import_free);
  g_clear_object (&job->cancellable);
  g_clear_object (&job->self);
  g_free (job->mime_type);
  g_free (job);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportJob *job = task_data;
  GError *error = NULL;
  FmArticle *article;

  if (job->file != NULL && fm_sheet_import_file_is_factsheet (job->file, cancellable))
    {
      /* A fact sheet carries its article and annotations: read it whole
       * here, and add it to the library on the main thread. */
      job->sheet = fm_sheet_import_read_file (job->file, cancellable, &error);
      if (job->sheet == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      g_task_return_pointer (task, fm_article_new (), g_object_unref);
      return;
    }
  if (job->file != NULL)
    article = fm_import_file_full (job->file, &job->report, cancellable, &error);
  else
    {
      gsize len;
      const char *data = g_bytes_get_data (job->data, &len);

      article = fm_import_data_full (data, len, NULL, job->mime_type, &job->report, cancellable,
                                     &error);
    }

  if (article == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, article, g_object_unref);
}

static gboolean
import_pulse_cb (gpointer data)
{
  ImportJob *job = data;

  if (job->progress)
    gtk_progress_bar_pulse (GTK_PROGRESS_BAR (adw_message_dialog_get_extra_child (job->progress)));
  return G_SOURCE_CONTINUE;
}

static void
import_progress_response_cb (AdwMessageDialog *dialog,
                             const char       *response,
                             ImportJob        *job)
{
  g_cancellable_cancel (job->cancellable);
  g_clear_handle_id (&job->pulse_source, g_source_remove);
  job->progress = NULL;
}

static gboolean
import_show_progress_cb (gpointer data)
{
  ImportJob *job = data;
  g_autofree char *name = job->file ? g_file_get_basename (job->file) : NULL;
  g_autofree char *body = name ? g_strdup_printf (_("Reading “%s”…"), name)
                               : g_strdup (_("Reading the clipboard…"));

  job->progress_source = 0;
  job->progress = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (job->self),
                                                              _("Importing"), body));
  adw_message_dialog_set_extra_child (job->progress, gtk_progress_bar_new ());
  adw_message_dialog_add_response (job->progress, "cancel", _("_Cancel"));
  g_signal_connect (job->progress, "response", G_CALLBACK (import_progress_response_cb), job);
  gtk_window_present (GTK_WINDOW (job->progress));
  job->pulse_source = g_timeout_add (120, import_pulse_cb, job);
  return G_SOURCE_REMOVE;
}

static void show_properties (FmWindow *self, gboolean after_import);

static void
add_new_article (FmWindow  *self,
                 FmArticle *article)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) stored = NULL;
  gboolean existed = FALSE;
  FmStore *store = get_store (self);

  if (store == NULL)
    return;
  stored = fm_store_add_article (store, article, &existed, &error);
  if (stored == NULL)
    {
      report (self, _("The article could not be added"), error);
      return;
    }
  if (fm_window_show_article (self, fm_article_get_id (stored)))
    {
      if (existed)
        fm_window_show_toast (self, _("This text is already in the library"));
      else
        show_properties (self, TRUE);
    }
}

typedef struct
{
  FmWindow  *self;
  FmArticle *article;
  gint64     existing_id;
} SimilarChoice;

static void
similar_choice_free (gpointer  data,
                     GClosure *closure)
{
  SimilarChoice *choice = data;

  g_object_unref (choice->self);
  g_object_unref (choice->article);
  g_free (choice);
}

static void
similar_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     SimilarChoice    *choice)
{
  if (g_str_equal (response, "new"))
    add_new_article (choice->self, choice->article);
  else if (g_str_equal (response, "update")
           && fm_window_show_article (choice->self, choice->existing_id))
    fm_window_update_text (choice->self, fm_article_get_text (choice->article),
                           fm_article_get_url (choice->article));
}

/* A new version of an article already in the library (same address or
 * title, other text) is better as an update that keeps the annotations;
 * ask rather than guess. */
static FmArticle *
find_similar (FmWindow  *self,
              FmArticle *article)
{
  g_autoptr(GPtrArray) articles = fm_store_list_articles (get_store (self), NULL);
  const char *url = fm_article_get_url (article);
  const char *title = fm_article_get_title (article);

  for (guint i = 0; articles != NULL && i < articles->len; i++)
    {
      FmArticle *other = g_ptr_array_index (articles, i);

      if (g_strcmp0 (fm_article_get_sha256 (other), fm_article_get_sha256 (article)) == 0)
        return NULL;
    }
  for (guint i = 0; articles != NULL && i < articles->len; i++)
    {
      FmArticle *other = g_ptr_array_index (articles, i);

      if ((url != NULL && g_strcmp0 (fm_article_get_url (other), url) == 0)
          || (title != NULL && g_strcmp0 (fm_article_get_title (other), title) == 0))
        return g_object_ref (other);
    }
  return NULL;
}

static void
add_imported (FmWindow       *self,
              FmArticle      *article,
              FmImportReport *import_report)
{
  g_autoptr(FmArticle) similar = NULL;

  if (get_store (self) == NULL)
    return;

  /* Say how the bytes were read when it was not plain UTF-8, and what
   * could not be read at all. */
  if (import_report != NULL)
    {
      if (import_report->encoding != NULL && g_ascii_strcasecmp (import_report->encoding, "UTF-8") != 0)
        {
          g_autofree char *message = g_strdup_printf (_("Read as %s"), import_report->encoding);
          fm_window_show_toast (self, message);
        }
      for (guint i = 0; import_report->warnings != NULL && i < import_report->warnings->len; i++)
        {
          g_printerr ("factmark: %s\n", (const char *) g_ptr_array_index (import_report->warnings, i));
          fm_window_show_toast (self, g_ptr_array_index (import_report->warnings, i));
        }
    }

  similar = find_similar (self, article);
  if (similar != NULL)
    {
      g_autofree char *body = NULL;
      SimilarChoice *choice = g_new0 (SimilarChoice, 1);
      AdwMessageDialog *dialog;

      if (fm_article_get_url (article) != NULL
          && g_strcmp0 (fm_article_get_url (similar), fm_article_get_url (article)) == 0)
        body = g_strdup_printf (_("“%s” has the same address but a different text. Update it with "
                                  "this version, keeping its annotations, or add this as a new "
                                  "article?"), fm_article_get_display_title (similar));
      else
        body = g_strdup_printf (_("“%s” has the same title but a different text. Update it with "
                                  "this version, keeping its annotations, or add this as a new "
                                  "article?"), fm_article_get_display_title (similar));
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                           _("A Version of This Article Is in the Library"),
                                                           body));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "new", _("Add as _New"),
                                        "update", _("_Update Text"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "update", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "update");
      adw_message_dialog_set_close_response (dialog, "cancel");
      choice->self = g_object_ref (self);
      choice->article = g_object_ref (article);
      choice->existing_id = fm_article_get_id (similar);
      g_signal_connect_data (dialog, "response", G_CALLBACK (similar_response_cb), choice,
                             similar_choice_free, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  add_new_article (self, article);
}

static void
import_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  FmWindow *self = FM_WINDOW (object);
  ImportJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) article = g_task_propagate_pointer (G_TASK (result), &error);

  g_clear_handle_id (&job->progress_source, g_source_remove);
  g_clear_handle_id (&job->pulse_source, g_source_remove);
  if (job->progress)
    {
      gtk_window_destroy (GTK_WINDOW (job->progress));
      job->progress = NULL;
    }

  if (article == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        report (self, job->file ? _("The file could not be imported")
                                : _("The clipboard could not be imported"), error);
      return;
    }
  if (job->sheet != NULL)
    {
      g_autoptr(GError) sheet_error = NULL;
      g_autoptr(FmArticle) stored = NULL;
      FmSheetImportCounts counts = { 0 };

      stored = fm_sheet_import_add_article (job->sheet, get_store (self), &counts, &sheet_error);
      if (stored == NULL)
        {
          report (self, _("The fact sheet could not be imported"), sheet_error);
          return;
        }
      if (fm_window_show_article (self, fm_article_get_id (stored)))
        {
          g_autofree char *message =
            g_strdup_printf (ngettext ("Fact sheet imported: %u annotation added",
                                       "Fact sheet imported: %u annotations added", counts.added),
                             counts.added);
          fm_window_show_toast (self, message);
        }
      return;
    }
  add_imported (self, article, job->report);
}

static void
start_import (FmWindow   *self,
              GFile      *file,
              GBytes     *data,
              const char *mime_type)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job = g_new0 (ImportJob, 1);

  /* Reading and decoding run in a thread so a large file never stalls the
   * window; the store is written back on the main thread. */
  job->self = g_object_ref (self);
  job->file = file ? g_object_ref (file) : NULL;
  job->data = data ? g_bytes_ref (data) : NULL;
  job->mime_type = g_strdup (mime_type);
  job->cancellable = g_cancellable_new ();
  job->progress_source = g_timeout_add (IMPORT_PROGRESS_DELAY_MS, import_show_progress_cb, job);
  task = g_task_new (self, job->cancellable, import_done_cb, NULL);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

void
fm_window_import_file (FmWindow *self,
                       GFile    *file)
{
  g_return_if_fail (FM_IS_WINDOW (self));
  g_return_if_fail (G_IS_FILE (file));

  start_import (self, file, NULL, NULL);
}

void
fm_window_import_text (FmWindow   *self,
                       const char *text,
                       gsize       len)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (FM_IS_WINDOW (self));

  bytes = g_bytes_new (text, len);
  start_import (self, NULL, bytes, "text/plain");
}

static void
chooser_response_cb (FmWindow             *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      guint n = g_list_model_get_n_items (files);

      for (guint i = 0; i < n; i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);
          fm_window_import_file (self, file);
        }
    }
  g_clear_object (&self->chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);
  g_autoptr(GtkFileFilter) text = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  if (self->chooser)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Import Article"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                               _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (self->chooser), TRUE);
  gtk_file_filter_set_name (text, _("Articles"));
  gtk_file_filter_add_mime_type (text, "text/plain");
  gtk_file_filter_add_mime_type (text, "text/html");
  gtk_file_filter_add_mime_type (text, "text/markdown");
  gtk_file_filter_add_mime_type (text, "application/json");
  gtk_file_filter_add_suffix (text, "txt");
  gtk_file_filter_add_suffix (text, "md");
  gtk_file_filter_add_suffix (text, "html");
  gtk_file_filter_add_suffix (text, "htm");
  gtk_file_filter_add_suffix (text, "json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), text);
  gtk_file_filter_set_name (all, _("All Files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
paste_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (object), result, &error);

  if (text == NULL)
    {
      if (error == NULL)
        g_set_error (&error, FM_ERROR, FM_ERROR_EMPTY, _("The clipboard holds no text"));
      report (self, _("The clipboard could not be imported"), error);
      return;
    }
  fm_window_import_text (self, text, strlen (text));
}

static void
paste_html_read_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(FmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;

  bytes = g_output_stream_splice_finish (G_OUTPUT_STREAM (object), result, &error) >= 0
          ? g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (object))
          : NULL;
  if (bytes == NULL)
    {
      report (self, _("The clipboard could not be imported"), error);
      return;
    }
  start_import (self, NULL, bytes, "text/html");
}

static void
paste_html_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) memory = NULL;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (object), result, NULL, &error);
  if (stream == NULL)
    {
      /* Fall back to the text the clipboard also offers. */
      gdk_clipboard_read_text_async (GDK_CLIPBOARD (object), NULL, paste_done_cb,
                                     g_object_ref (self));
      return;
    }
  memory = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE
                                | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, paste_html_read_cb, g_object_ref (self));
}

static void
paste_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  GdkClipboard *clipboard = gtk_widget_get_clipboard (widget);
  GdkContentFormats *formats = gdk_clipboard_get_formats (clipboard);

  /* A page copied from a browser comes as HTML too; that keeps its
   * paragraphs, title and byline, so it is preferred. */
  if (gdk_content_formats_contain_mime_type (formats, "text/html"))
    gdk_clipboard_read_async (clipboard, (const char *[]) { "text/html", NULL }, G_PRIORITY_DEFAULT,
                              NULL, paste_html_cb, g_object_ref (widget));
  else
    gdk_clipboard_read_text_async (clipboard, NULL, paste_done_cb, g_object_ref (widget));
}

static gboolean
drop_cb (FmWindow      *self,
         const GValue  *value,
         double         x,
         double         y,
         GtkDropTarget *target)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    fm_window_import_file (self, l->data);
  return files != NULL;
}

/* Article properties */

typedef struct
{
  FmWindow    *self;
  gint64       article_id;
  AdwEntryRow *rows[5];
} PropertiesDialog;

static const char *property_names[] = { "title", "url", "outlet", "author", "published" };

static void
properties_dialog_free (gpointer  user_data,
                        GClosure *closure)
{
  PropertiesDialog *data = user_data;

  g_object_unref (data->self);
  g_free (data);
}

static gboolean
valid_date (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *iso = NULL;
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
properties_changed_cb (AdwMessageDialog *dialog,
                       GtkEditable      *editable)
{
  PropertiesDialog *data = g_object_get_data (G_OBJECT (dialog), "data");
  const char *date = gtk_editable_get_text (GTK_EDITABLE (data->rows[4]));
  gboolean ok = valid_date (date);

  if (ok)
    gtk_widget_remove_css_class (GTK_WIDGET (data->rows[4]), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (data->rows[4]), "error");
  adw_message_dialog_set_response_enabled (dialog, "save", ok);
}

static void
properties_response_cb (AdwMessageDialog *dialog,
                        const char       *response,
                        PropertiesDialog *data)
{
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  FmStore *store = get_store (data->self);

  if (g_strcmp0 (response, "save") != 0 || store == NULL)
    return;

  article = fm_store_get_article (store, data->article_id, &error);
  if (article != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (property_names); i++)
        {
          g_autofree char *value =
            g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->rows[i]))));

          g_object_set (article, property_names[i], *value ? value : NULL, NULL);
        }
    }
  if (article == NULL || !fm_store_update_article (store, article, &error))
    report (data->self, _("The properties could not be saved"), error);
}

static void
show_properties (FmWindow *self,
                 gboolean  after_import)
{
  static const char *labels[] = {
    N_("Title"), N_("Address (URL)"), N_("Outlet"), N_("Author"), N_("Published (YYYY-MM-DD)"),
  };
  FmArticle *article;
  AdwMessageDialog *dialog;
  PropertiesDialog *data;
  GtkWidget *list;

  if (self->document == NULL)
    return;
  article = fm_document_get_article (self->document);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Article Properties"),
                                                       after_import
                                                       ? _("Check what was found in the file.")
                                                       : NULL));
  data = g_new0 (PropertiesDialog, 1);
  data->self = g_object_ref (self);
  data->article_id = fm_article_get_id (article);

  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  gtk_widget_set_size_request (list, 380, -1);
  for (guint i = 0; i < G_N_ELEMENTS (property_names); i++)
    {
      g_autofree char *value = NULL;

      data->rows[i] = ADW_ENTRY_ROW (adw_entry_row_new ());
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (data->rows[i]), _(labels[i]));
      g_object_get (article, property_names[i], &value, NULL);
      gtk_editable_set_text (GTK_EDITABLE (data->rows[i]), value ? value : "");
      g_signal_connect_swapped (data->rows[i], "changed", G_CALLBACK (properties_changed_cb),
                                dialog);
      gtk_list_box_append (GTK_LIST_BOX (list), GTK_WIDGET (data->rows[i]));
    }
  adw_message_dialog_set_extra_child (dialog, list);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "data", data);
  g_signal_connect_data (dialog, "response", G_CALLBACK (properties_response_cb), data,
                         properties_dialog_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
properties_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  show_properties (FM_WINDOW (widget), FALSE);
}

/* Deleting an article */

static void
delete_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    FmWindow         *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "article-id"));
  FmStore *store = get_store (self);

  if (g_strcmp0 (response, "delete") != 0 || store == NULL)
    return;
  if (!fm_store_delete_article (store, id, &error))
    report (self, _("The article could not be deleted"), error);
  else
    fm_window_show_toast (self, _("Article deleted"));
}

static void
delete_article_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);
  FmArticle *article;
  AdwMessageDialog *dialog;
  g_autofree char *heading = NULL;
  g_autofree char *body = NULL;
  g_autofree char *claims = NULL;
  g_autofree char *figures = NULL;
  g_autofree char *sources = NULL;

  if (self->document == NULL)
    return;
  article = fm_document_get_article (self->document);

  claims = g_strdup_printf (ngettext ("%u claim", "%u claims",
                                      fm_article_get_count (article, FM_KIND_CLAIM)),
                            fm_article_get_count (article, FM_KIND_CLAIM));
  figures = g_strdup_printf (ngettext ("%u figure", "%u figures",
                                       fm_article_get_count (article, FM_KIND_FIGURE)),
                             fm_article_get_count (article, FM_KIND_FIGURE));
  sources = g_strdup_printf (ngettext ("%u source", "%u sources",
                                       fm_article_get_count (article, FM_KIND_SOURCE)),
                             fm_article_get_count (article, FM_KIND_SOURCE));
  heading = g_strdup_printf (_("Delete “%s”?"), fm_article_get_display_title (article));
  /* Translators: the counts read "3 claims", "1 figure", "2 sources". */
  body = g_strdup_printf (_("The article and its %s, %s and %s, with their verdicts, notes and "
                            "evidence, will be deleted. This cannot be undone."),
                          claims, figures, sources);

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "article-id",
                     GSIZE_TO_POINTER (fm_article_get_id (article)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Exporting */

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FmWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!fm_export_write_finish (result, &error))
    report (self, _("The fact sheet could not be saved"), error);
  else
    fm_window_show_toast (self, _("Fact sheet saved"));
}

static void
export_response_cb (FmWindow             *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  FmExportFormat format = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (chooser), "format"));

  if (response == GTK_RESPONSE_ACCEPT && self->document != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
      GListModel *model = fm_document_get_annotations (self->document);
      GSettings *settings = get_settings (self);
      g_autofree char *organization = settings ? g_settings_get_string (settings, "review-org-name")
                                               : NULL;
      g_autofree char *base_url = settings ? g_settings_get_string (settings, "review-org-url")
                                           : NULL;
      FmExportOptions options = FM_EXPORT_OPTIONS_INIT;

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        g_ptr_array_add (annotations, g_list_model_get_item (model, i));
      options.organization = organization;
      options.base_url = base_url;

      /* The writer copies what it needs and works in a thread; the file is
       * replaced only once the whole sheet is written. */
      fm_export_write_async (format, fm_document_get_article (self->document), annotations,
                             &options, file, NULL, export_done_cb, g_object_ref (self));
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);
  g_autofree char *suggested = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  FmExportFormat format = FM_EXPORT_FORMAT_JSON;

  if (self->document == NULL || self->chooser != NULL)
    return;
  if (param != NULL && !fm_export_format_from_string (g_variant_get_string (param, NULL), &format))
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export Fact Sheet"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  suggested = fm_export_dup_filename (format, fm_document_get_article (self->document));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), suggested);
  gtk_file_filter_set_name (filter, fm_export_format_to_label (format));
  gtk_file_filter_add_mime_type (filter, fm_export_format_get_mime_type (format));
  gtk_file_filter_add_suffix (filter, fm_export_format_get_extension (format));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_object_set_data (G_OBJECT (self->chooser), "format", GUINT_TO_POINTER (format));
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
show_export_menu_action (GtkWidget  *widget,
                         const char *name,
                         GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);

  if (self->document != NULL)
    gtk_menu_button_popup (self->export_button);
}

/* Importing annotations made elsewhere */

static void
annotations_read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(FmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FmSheetImport) sheet = g_task_propagate_pointer (G_TASK (result), &error);
  gint64 article_id = GPOINTER_TO_SIZE (g_task_get_task_data (G_TASK (result)));
  FmSheetImportCounts counts = { 0 };
  g_autofree char *message = NULL;

  if (sheet == NULL
      || !fm_sheet_import_add_annotations (sheet, get_store (self), article_id, &counts, &error))
    {
      report (self, _("The annotations could not be imported"), error);
      return;
    }

  /* Translators: after importing W3C or Hypothesis annotations. */
  message = g_strdup_printf (_("%u anchored, %u orphaned"), counts.anchored, counts.orphaned);
  g_printerr ("factmark: %s\n", message);
  fm_window_show_toast (self, message);
}

static void
annotations_read_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  GFile *file = g_object_get_data (G_OBJECT (task), "file");
  GError *error = NULL;
  FmSheetImport *sheet = fm_sheet_import_read_file (file, cancellable, &error);

  if (sheet == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sheet, (GDestroyNotify) fm_sheet_import_free);
}

static void
annotations_chooser_response_cb (FmWindow             *self,
                                 int                   response,
                                 GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT && self->document != NULL)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GTask) task = g_task_new (NULL, NULL, annotations_read_cb, g_object_ref (self));

      g_object_set_data_full (G_OBJECT (task), "file", g_object_ref (file), g_object_unref);
      g_task_set_task_data (task, GSIZE_TO_POINTER (fm_document_get_article_id (self->document)),
                            NULL);
      g_task_run_in_thread (task, annotations_read_thread);
    }
  g_clear_object (&self->chooser);
}

static void
import_annotations_action (GtkWidget  *widget,
                           const char *name,
                           GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->document == NULL || self->chooser != NULL)
    return;

  self->chooser = gtk_file_chooser_native_new (_("Import Annotations"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Import"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, _("W3C or Hypothesis annotations (JSON)"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_mime_type (filter, "application/ld+json");
  gtk_file_filter_add_suffix (filter, "json");
  gtk_file_filter_add_suffix (filter, "jsonld");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  g_signal_connect_swapped (self->chooser, "response",
                            G_CALLBACK (annotations_chooser_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

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
      report (self, _("The annotation could not be attached"), error);
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
  AdwMessageDialog *progress_dialog;
  GtkProgressBar   *progress_bar;
  GCancellable     *cancellable;
} UpdateJob;

static void
update_job_free (UpdateJob *job)
{
  if (job->progress_dialog)
    gtk_window_destroy (GTK_WINDOW (job->progress_dialog));
  g_clear_object (&job->cancellable);
  g_object_unref (job->self);
  g_free (job);
}

static void
update_progress_cb (double   fraction,
                    gpointer data)
{
  UpdateJob *job = data;

  if (job->progress_bar)
    gtk_progress_bar_set_fraction (job->progress_bar, fraction);
}

static void
summary_row_activated_cb (AdwMessageDialog *dialog,
                          GtkListBoxRow    *row,
                          GtkListBox       *list)
{
  FmWindow *self = g_object_get_data (G_OBJECT (dialog), "window");
  gint64 *id = g_object_get_data (G_OBJECT (row), "annotation-id");

  if (self && id)
    fm_window_select_annotation (self, *id, TRUE);
  gtk_window_close (GTK_WINDOW (dialog));
}

/* Marks up @old and @new with what the diff of the two removed and added,
 * so the reader sees at a glance what an update did to a quote. */
static void
diff_markup (const char  *old,
             const char  *new,
             char       **old_markup,
             char       **new_markup)
{
  g_autoptr(GArray) runs = fm_diff_texts (old, new, NULL);
  g_autoptr(GString) a = g_string_new (NULL);
  g_autoptr(GString) b = g_string_new (NULL);
  glong oi = 0, ni = 0;
  glong old_len = g_utf8_strlen (old, -1);
  glong new_len = g_utf8_strlen (new, -1);

  for (guint i = 0; runs != NULL && i <= runs->len; i++)
    {
      glong os = i < runs->len ? (glong) g_array_index (runs, FmDiffRun, i).old_start : old_len;
      glong ns = i < runs->len ? (glong) g_array_index (runs, FmDiffRun, i).new_start : new_len;
      glong len = i < runs->len ? (glong) g_array_index (runs, FmDiffRun, i).length : 0;

      if (os > oi)
        {
          g_autofree char *part = fm_text_substring (old, oi, os);
          g_autofree char *esc = g_markup_escape_text (part, -1);
          g_string_append_printf (a, "<span strikethrough=\"true\" background=\"#f6615166\">%s</span>", esc);
        }
      if (ns > ni)
        {
          g_autofree char *part = fm_text_substring (new, ni, ns);
          g_autofree char *esc = g_markup_escape_text (part, -1);
          g_string_append_printf (b, "<span weight=\"bold\" background=\"#57e38966\">%s</span>", esc);
        }
      if (len > 0)
        {
          g_autofree char *pa = fm_text_substring (old, os, os + len);
          g_autofree char *ea = g_markup_escape_text (pa, -1);
          g_autofree char *pb = fm_text_substring (new, ns, ns + len);
          g_autofree char *eb = g_markup_escape_text (pb, -1);
          g_string_append (a, ea);
          g_string_append (b, eb);
        }
      oi = os + len;
      ni = ns + len;
    }
  if (runs == NULL)
    {
      g_string_append (a, old);
      g_string_append (b, new);
    }
  *old_markup = g_string_free (g_steal_pointer (&a), FALSE);
  *new_markup = g_string_free (g_steal_pointer (&b), FALSE);
}

static void
show_update_summary (FmWindow        *self,
                     FmUpdateSummary *summary)
{
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *list;
  GtkWidget *scroller;

  /* Translators: after an update of an article's text. */
  body = g_strdup_printf (_("%u unchanged, %u moved, %u changed, %u orphaned."),
                          summary->counts[FM_ANCHOR_UNCHANGED], summary->counts[FM_ANCHOR_MOVED],
                          summary->counts[FM_ANCHOR_CHANGED], summary->counts[FM_ANCHOR_ORPHANED]);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Article Updated"),
                                                       body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  g_object_set_data (G_OBJECT (dialog), "window", self);

  if (summary->attention->len > 0 && self->document != NULL)
    {
      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      for (guint i = 0; i < summary->attention->len; i++)
        {
          gint64 id = g_array_index (summary->attention, gint64, i);
          FmAnnotation *a = fm_document_lookup (self->document, id);
          g_autofree char *old_markup = NULL;
          g_autofree char *new_markup = NULL;
          g_autofree char *title = NULL;
          GtkWidget *row;
          gint64 *key;

          if (a == NULL)
            continue;
          row = adw_action_row_new ();
          if (fm_annotation_is_orphan (a))
            {
              g_autofree char *esc = g_markup_escape_text (fm_annotation_get_quote (a), -1);

              title = g_strdup_printf ("<b>%s</b> · %s", _("Orphaned"),
                                       fm_kind_to_label (fm_annotation_get_kind (a)));
              adw_action_row_set_subtitle (ADW_ACTION_ROW (row), esc);
            }
          else
            {
              g_autofree char *subtitle = NULL;

              diff_markup (fm_annotation_get_original_quote (a) ? fm_annotation_get_original_quote (a)
                                                                : fm_annotation_get_quote (a),
                           fm_annotation_get_quote (a), &old_markup, &new_markup);
              title = g_strdup_printf ("<b>%s</b> · %s", _("Changed"),
                                       fm_kind_to_label (fm_annotation_get_kind (a)));
              subtitle = g_strdup_printf ("%s\n→ %s", old_markup, new_markup);
              adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
            }
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 6);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
          key = g_new (gint64, 1);
          *key = id;
          g_object_set_data_full (G_OBJECT (row), "annotation-id", key, g_free);
          gtk_list_box_append (GTK_LIST_BOX (list), row);
        }
      g_signal_connect_swapped (list, "row-activated", G_CALLBACK (summary_row_activated_cb),
                                dialog);
      scroller = gtk_scrolled_window_new ();
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
      gtk_widget_set_size_request (scroller, 420, -1);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), list);
      adw_message_dialog_set_extra_child (dialog, scroller);
    }
  gtk_window_present (GTK_WINDOW (dialog));
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

  if (!fm_update_article_finish (FM_STORE (object), result, &summary, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        report (self, _("The article could not be updated"), error);
      update_job_free (job);
      return;
    }

  update_job_free (job);
  show_update_summary (self, &summary);
  fm_update_summary_clear (&summary);
}

static void
progress_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      UpdateJob        *job)
{
  g_cancellable_cancel (job->cancellable);
  job->progress_dialog = NULL;
  job->progress_bar = NULL;
}

static void
start_update (FmWindow   *self,
              gint64      article_id,
              const char *text,
              const char *origin)
{
  UpdateJob *job = g_new0 (UpdateJob, 1);
  GtkWidget *bar = gtk_progress_bar_new ();

  job->self = g_object_ref (self);
  job->article_id = article_id;
  job->cancellable = g_cancellable_new ();
  job->progress_dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                                     _("Updating the Article"),
                                                                     _("Finding every annotation in "
                                                                       "the new text…")));
  job->progress_bar = GTK_PROGRESS_BAR (bar);
  adw_message_dialog_set_extra_child (job->progress_dialog, bar);
  adw_message_dialog_add_response (job->progress_dialog, "cancel", _("_Cancel"));
  g_signal_connect (job->progress_dialog, "response", G_CALLBACK (progress_response_cb), job);
  gtk_window_present (GTK_WINDOW (job->progress_dialog));

  fm_update_article_async (get_store (self), article_id, text, origin, update_progress_cb, job,
                           job->cancellable, update_done_cb, job);
}

static void
update_read_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) revised = g_task_propagate_pointer (G_TASK (result), &error);
  ImportJob *import = g_task_get_task_data (G_TASK (result));
  g_autofree char *origin = g_file_get_basename (import->file);

  g_clear_handle_id (&import->progress_source, g_source_remove);

  if (revised == NULL)
    {
      report (self, _("The file could not be read"), error);
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
      g_autoptr(GTask) task = g_task_new (NULL, NULL, update_read_cb, g_object_ref (self));
      ImportJob *job = g_new0 (ImportJob, 1);

      job->self = g_object_ref (self);
      job->file = g_object_ref (file);
      g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
      g_task_run_in_thread (task, import_thread);
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
show_revision_text (FmWindow   *self,
                    FmRevision *revision)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = fm_store_get_revision_text (get_store (self), revision->id, &error);
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autoptr(GDateTime) dt = NULL;
  AdwWindow *window;
  GtkWidget *box, *header, *scroller, *view;

  if (text == NULL)
    {
      report (self, _("The revision could not be read"), error);
      return;
    }

  dt = g_date_time_new_from_unix_local (revision->created / G_USEC_PER_SEC);
  /* The date as the reader's locale writes it. */
  when = dt ? g_date_time_format (dt, "%x %X") : g_strdup ("");
  title = g_strdup_printf (_("Revision %u"), revision->number);

  window = ADW_WINDOW (adw_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (window), GTK_WINDOW (self));
  gtk_window_set_default_size (GTK_WINDOW (window), 720, 640);
  gtk_window_set_title (GTK_WINDOW (window), title);
  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header),
                                   adw_window_title_new (title, when));
  gtk_box_append (GTK_BOX (box), header);
  view = gtk_text_view_new ();
  gtk_text_view_set_editable (GTK_TEXT_VIEW (view), FALSE);
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (view), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (view), 32);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (view), 32);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (view), 24);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (view), 24);
  gtk_text_view_set_pixels_below_lines (GTK_TEXT_VIEW (view), 7);
  gtk_widget_add_css_class (view, "article-text");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), text, -1);
  gtk_accessible_update_property (GTK_ACCESSIBLE (view), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  scroller = gtk_scrolled_window_new ();
  gtk_widget_set_vexpand (scroller, TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), view);
  gtk_box_append (GTK_BOX (box), scroller);
  adw_window_set_content (window, box);
  gtk_window_present (GTK_WINDOW (window));
}

static void
revision_activated_cb (AdwMessageDialog *dialog,
                       GtkListBoxRow    *row,
                       GtkListBox       *list)
{
  FmWindow *self = g_object_get_data (G_OBJECT (dialog), "window");
  FmRevision *revision = g_object_get_data (G_OBJECT (row), "revision");

  if (self && revision)
    show_revision_text (self, revision);
}

static void
revisions_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  AdwMessageDialog *dialog;
  GtkWidget *list;

  if (self->document == NULL)
    return;
  revisions = fm_store_list_revisions (get_store (self), fm_document_get_article_id (self->document),
                                       &error);
  if (revisions == NULL)
    {
      report (self, _("The revisions could not be listed"), error);
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), _("Revisions"),
                                                       revisions->len == 0
                                                       ? _("This article has not been updated; "
                                                           "its text is the one first imported.")
                                                       : _("Earlier texts of this article, kept "
                                                           "when it was updated. Open one to read "
                                                           "it.")));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  g_object_set_data (G_OBJECT (dialog), "window", self);

  if (revisions->len > 0)
    {
      list = gtk_list_box_new ();
      gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
      gtk_widget_add_css_class (list, "boxed-list");
      for (guint i = 0; i < revisions->len; i++)
        {
          FmRevision *revision = g_ptr_array_index (revisions, i);
          g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (revision->created / G_USEC_PER_SEC);
          g_autofree char *when = dt ? g_date_time_format (dt, "%x %X") : g_strdup ("");
          g_autofree char *title = g_strdup_printf (i + 1 == revisions->len
                                                    ? _("Revision %u (current)") : _("Revision %u"),
                                                    revision->number);
          g_autofree char *subtitle = NULL;
          GtkWidget *row = adw_action_row_new ();

          /* Translators: when a revision was made, and from which file. */
          subtitle = g_markup_printf_escaped ("%s%s%s", when, revision->origin ? " · " : "",
                                              revision->origin ? revision->origin : "");
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                                     gtk_image_new_from_icon_name ("go-next-symbolic"));
          g_object_set_data_full (G_OBJECT (row), "revision", fm_revision_copy (revision),
                                  (GDestroyNotify) fm_revision_free);
          gtk_list_box_append (GTK_LIST_BOX (list), row);
        }
      g_signal_connect_swapped (list, "row-activated", G_CALLBACK (revision_activated_cb), dialog);
      adw_message_dialog_set_extra_child (dialog, list);
    }
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
text_changed_cb (FmWindow *self,
                 gint64    article_id,
                 FmStore  *store)
{
  g_autoptr(FmDocument) old = NULL;

  /* The text and every annotation moved at once: load the article anew. */
  if (self->document == NULL || fm_document_get_article_id (self->document) != article_id)
    return;
  old = g_object_ref (self->document);
  g_signal_handlers_disconnect_by_data (old, self);
  g_signal_handlers_disconnect_by_data (fm_document_get_article (old), self);
  g_clear_object (&self->document);
  fm_window_show_article (self, article_id);
}

static void
changed_externally_cb (FmWindow *self,
                       FmStore  *store)
{
  gint64 article_id = self->document ? fm_document_get_article_id (self->document) : 0;
  gint64 selected = self->selected_id;

  /* Another program (factmark-cli, say) wrote to the library: show what
   * it holds now, keeping the open article and selection where they
   * still exist. Undo history would no longer match, so it is dropped. */
  fm_library_view_set_store (self->library_view, store);
  if (article_id == 0)
    return;
  if (get_history (self))
    fm_history_forget_article (get_history (self), article_id);
  text_changed_cb (self, article_id, store);
  if (self->document == NULL)
    {
      g_autoptr(FmArticle) gone = fm_store_get_article (store, article_id, NULL);

      if (gone == NULL)
        {
          gtk_stack_set_visible_child_name (self->article_stack, "none");
          update_main_page (self);
        }
      return;
    }
  fm_window_select_annotation (self, selected, FALSE);
}

static void
search_library_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);

  g_object_set (self, "show-library", TRUE, NULL);
  fm_library_view_focus_search (self->library_view);
}

/* Shortcuts that must reach us even when the article text has focus, but
 * must not steal Delete and Ctrl+Z from a field the user is typing in. */
static gboolean
typing_in_field (FmWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus == NULL)
    return FALSE;
  if (GTK_IS_TEXT_VIEW (focus))
    return gtk_text_view_get_editable (GTK_TEXT_VIEW (focus));
  return GTK_IS_EDITABLE (focus) || GTK_IS_TEXT (focus)
         || gtk_widget_get_ancestor (focus, GTK_TYPE_EDITABLE) != NULL;
}

static gboolean
capture_shortcut_cb (GtkWidget *widget,
                     GVariant  *args,
                     gpointer   user_data)
{
  FmWindow *self = FM_WINDOW (widget);
  const char *action = user_data;

  if (typing_in_field (self))
    return FALSE;
  return gtk_widget_activate_action (widget, action, NULL);
}

static void
save_window_state (FmWindow *self)
{
  GSettings *settings = get_settings (self);
  int width, height;

  if (settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  g_settings_set_int (settings, "window-width", width);
  g_settings_set_int (settings, "window-height", height);
  g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (gtk_widget_get_visible (self->library_pane))
    g_settings_set_int (settings, "library-width", gtk_paned_get_position (self->outer_paned));
  if (gtk_widget_get_visible (self->facts_pane))
    g_settings_set_int (settings, "facts-width", gtk_widget_get_width (self->facts_pane));
}

static gboolean
fm_window_close_request (GtkWindow *window)
{
  FmWindow *self = FM_WINDOW (window);

  fm_annotation_editor_flush (fm_fact_panel_get_editor (self->fact_panel));
  save_window_state (self);
  return GTK_WINDOW_CLASS (fm_window_parent_class)->close_request (window);
}

/* Runs once the window has its application, which GObject sets only after
 * construction, since it is not a construct property. */
static void
setup (FmWindow *self)
{
  GSettings *settings = get_settings (self);
  FmStore *store = get_store (self);
  FmHistory *history = get_history (self);

  gtk_window_set_icon_name (GTK_WINDOW (self), APP_ID);
  adw_status_page_set_icon_name (self->welcome_page, APP_ID);

  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
      gtk_paned_set_position (self->outer_paned, g_settings_get_int (settings, "library-width"));
      g_settings_bind (settings, "show-library", self, "show-library", G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (settings, "show-facts", self, "show-facts", G_SETTINGS_BIND_DEFAULT);
    }

  if (store != NULL)
    {
      fm_library_view_set_store (self->library_view, store);
      g_signal_connect_object (store, "article-text-changed", G_CALLBACK (text_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed-externally", G_CALLBACK (changed_externally_cb),
                               self, G_CONNECT_SWAPPED);
    }
  if (history != NULL)
    g_signal_connect_object (history, "changed", G_CALLBACK (history_changed_cb), self,
                             G_CONNECT_SWAPPED);
  if (store != NULL)
    g_signal_connect_object (fm_library_view_get_model (self->library_view), "items-changed",
                             G_CALLBACK (update_main_page), self, G_CONNECT_SWAPPED);

  update_actions (self);
  update_main_page (self);
}

static void
inner_paned_map_cb (FmWindow *self)
{
  GSettings *settings = get_settings (self);
  int width = gtk_widget_get_width (GTK_WIDGET (self->inner_paned));

  /* The fact panel keeps its width from the right edge, which GtkPaned
   * can only express as a position from the left once it has a size. */
  if (settings != NULL && width > 0)
    gtk_paned_set_position (self->inner_paned,
                            MAX (360, width - g_settings_get_int (settings, "facts-width")));
}

static void
fm_window_dispose (GObject *object)
{
  FmWindow *self = (FmWindow *)object;

  if (self->document)
    g_signal_handlers_disconnect_by_data (self->document, self);
  g_clear_object (&self->document);
  g_clear_object (&self->chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), FM_TYPE_WINDOW);

  G_OBJECT_CLASS (fm_window_parent_class)->dispose (object);
}

static void
fm_window_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  FmWindow *self = FM_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_LIBRARY:
      g_value_set_boolean (value, self->show_library);
      break;

    case PROP_SHOW_FACTS:
      g_value_set_boolean (value, self->show_facts);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_window_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  FmWindow *self = FM_WINDOW (object);
  gboolean v;

  switch (prop_id)
    {
    case PROP_SHOW_LIBRARY:
      v = g_value_get_boolean (value);
      if (v != self->show_library)
        {
          self->show_library = v;
          gtk_widget_set_visible (self->library_pane, v);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    case PROP_SHOW_FACTS:
      v = g_value_get_boolean (value);
      if (v != self->show_facts)
        {
          self->show_facts = v;
          gtk_widget_set_visible (self->facts_pane, v);
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_capture_shortcut (GtkShortcutController *controller,
                      const char            *accel,
                      const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (accel),
                                                          gtk_callback_action_new (capture_shortcut_cb,
                                                                                   (gpointer) action,
                                                                                   NULL)));
}

/* Every window and article action has a key; the shortcuts window
 * (resources/gtk/help-overlay.ui) lists them all. */
static const struct {
  guint            keyval;
  GdkModifierType  modifiers;
  const char      *action;
} bindings[] = {
  { GDK_KEY_o, GDK_CONTROL_MASK, "win.import" },
  { GDK_KEY_v, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.paste" },
  { GDK_KEY_o, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.import-annotations" },
  { GDK_KEY_Return, GDK_ALT_MASK, "win.article-properties" },
  { GDK_KEY_u, GDK_CONTROL_MASK, "win.update-text" },
  { GDK_KEY_h, GDK_CONTROL_MASK, "win.revisions" },
  { GDK_KEY_Delete, GDK_CONTROL_MASK, "win.delete-article" },
  { GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.search-library" },
  { GDK_KEY_F9, 0, "win.toggle-library" },
  { GDK_KEY_F9, GDK_SHIFT_MASK, "win.toggle-facts" },
  { GDK_KEY_1, GDK_CONTROL_MASK, "article.mark-claim" },
  { GDK_KEY_2, GDK_CONTROL_MASK, "article.mark-figure" },
  { GDK_KEY_3, GDK_CONTROL_MASK, "article.mark-source" },
  { GDK_KEY_a, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "article.attach-orphan" },
  { GDK_KEY_f, GDK_CONTROL_MASK, "article.find" },
  { GDK_KEY_g, GDK_CONTROL_MASK, "article.find-next" },
  { GDK_KEY_g, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "article.find-previous" },
  { GDK_KEY_Escape, 0, "article.close-editor" },
  { GDK_KEY_Down, GDK_ALT_MASK, "article.next-annotation" },
  { GDK_KEY_Up, GDK_ALT_MASK, "article.previous-annotation" },
  { GDK_KEY_e, GDK_CONTROL_MASK, "article.show-export-menu" },
};

static void
fm_window_class_init (FmWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = fm_window_dispose;
  object_class->get_property = fm_window_get_property;
  object_class->set_property = fm_window_set_property;
  window_class->close_request = fm_window_close_request;

  properties[PROP_SHOW_LIBRARY] =
    g_param_spec_boolean ("show-library", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_FACTS] =
    g_param_spec_boolean ("show-facts", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FM_TYPE_LIBRARY_VIEW);
  g_type_ensure (FM_TYPE_ARTICLE_VIEW);
  g_type_ensure (FM_TYPE_FACT_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/fm-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FmWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FmWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, FmWindow, welcome_page);
  gtk_widget_class_bind_template_child (widget_class, FmWindow, outer_paned);
  gtk_widget_class_bind_template_child (widget_class, FmWindow, inner_paned);
  gtk_widget_class_bind_template_child (widget_class, FmWindow, library_pane);
  gtk_widget_class_bind_template_child (widget_class, FmWindow, facts_pane);
  gtk_widget_class_bind_template_child (widget_class, FmWindow, article_title);
  gtk_widget_class_bind_template_child (widget_class, FmWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, FmWindow, article_stack);
  gtk_widget_class_bind_template_child (widget_class, FmWindow, library_view);
  gtk_widget_class_bind_template_child (widget_class, FmWindow, article_view);
  gtk_widget_class_bind_template_child (widget_class, FmWindow, fact_panel);
  gtk_widget_class_bind_template_callback (widget_class, library_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, annotation_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, fact_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "win.article-properties", NULL, properties_action);
  gtk_widget_class_install_action (widget_class, "win.delete-article", NULL, delete_article_action);
  gtk_widget_class_install_action (widget_class, "win.search-library", NULL, search_library_action);
  gtk_widget_class_install_property_action (widget_class, "win.toggle-library", "show-library");
  gtk_widget_class_install_property_action (widget_class, "win.toggle-facts", "show-facts");
  gtk_widget_class_install_action (widget_class, "article.mark-claim", NULL, mark_claim_action);
  gtk_widget_class_install_action (widget_class, "article.mark-figure", NULL, mark_figure_action);
  gtk_widget_class_install_action (widget_class, "article.mark-source", NULL, mark_source_action);
  gtk_widget_class_install_action (widget_class, "article.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "article.redo", NULL, redo_action);
  gtk_widget_class_install_action (widget_class, "article.delete-annotation", NULL,
                                   delete_annotation_action);
  gtk_widget_class_install_action (widget_class, "article.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "article.find-next", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "article.find-previous", NULL, find_next_action);
  gtk_widget_class_install_action (widget_class, "article.close-editor", NULL, close_editor_action);
  gtk_widget_class_install_action (widget_class, "article.next-annotation", NULL,
                                   step_annotation_action);
  gtk_widget_class_install_action (widget_class, "article.previous-annotation", NULL,
                                   step_annotation_action);
  gtk_widget_class_install_action (widget_class, "article.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "article.show-export-menu", NULL,
                                   show_export_menu_action);
  gtk_widget_class_install_action (widget_class, "article.attach-orphan", NULL,
                                   attach_orphan_action);
  gtk_widget_class_install_action (widget_class, "win.update-text", NULL, update_text_action);
  gtk_widget_class_install_action (widget_class, "win.revisions", NULL, revisions_action);
  gtk_widget_class_install_action (widget_class, "win.import-annotations", NULL,
                                   import_annotations_action);

  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    gtk_widget_class_add_binding_action (widget_class, bindings[i].keyval, bindings[i].modifiers,
                                         bindings[i].action, NULL);
}

static void
fm_window_init (FmWindow *self)
{
  GtkDropTarget *drop;
  GtkEventController *shortcuts;

  self->show_library = TRUE;
  self->show_facts = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (gtk_text_view_get_buffer (fm_article_view_get_text_view (self->article_view)),
                           "notify::has-selection", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inner_paned, "map", G_CALLBACK (inner_paned_map_cb), self,
                           G_CONNECT_SWAPPED);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect_swapped (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  add_capture_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "Delete", "article.delete-annotation");
  add_capture_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control>z", "article.undo");
  add_capture_shortcut (GTK_SHORTCUT_CONTROLLER (shortcuts), "<Control><Shift>z", "article.redo");
  gtk_widget_add_controller (GTK_WIDGET (self), shortcuts);
}

FmWindow *
fm_window_new (FmApplication *application)
{
  FmWindow *self = g_object_new (FM_TYPE_WINDOW, "application", application, NULL);

  setup (self);
  return self;
}

/**
 * fm_window_show_article:
 *
 * Returns: whether the article could be opened
 */
gboolean
fm_window_show_article (FmWindow *self,
                        gint64    article_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmDocument) document = NULL;
  FmArticle *article;
  FmStore *store;

  g_return_val_if_fail (FM_IS_WINDOW (self), FALSE);

  if (!(store = get_store (self)))
    return FALSE;
  if (self->document && fm_document_get_article_id (self->document) == article_id)
    {
      gtk_stack_set_visible_child_name (self->main_stack, "main");
      return TRUE;
    }

  fm_annotation_editor_flush (fm_fact_panel_get_editor (self->fact_panel));

  document = fm_document_load (store, article_id, &error);
  if (document == NULL)
    {
      report (self, _("The article could not be opened"), error);
      return FALSE;
    }

  if (self->document)
    {
      g_signal_handlers_disconnect_by_data (self->document, self);
      g_signal_handlers_disconnect_by_data (fm_document_get_article (self->document), self);
    }
  g_set_object (&self->document, document);
  self->selected_id = 0;

  article = fm_document_get_article (document);
  g_signal_connect_object (article, "notify", G_CALLBACK (article_notify_cb), self,
                           G_CONNECT_SWAPPED);
  article_notify_cb (self, NULL, article);
  g_signal_connect_object (document, "removed", G_CALLBACK (document_removed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (document, "annotation-removed",
                           G_CALLBACK (document_annotation_removed_cb), self, G_CONNECT_SWAPPED);

  fm_article_view_set_document (self->article_view, document);
  fm_fact_panel_set_context (self->fact_panel, document, get_history (self));
  fm_library_view_set_current (self->library_view, article_id);
  gtk_stack_set_visible_child_name (self->article_stack, "article");
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  gtk_widget_grab_focus (GTK_WIDGET (fm_article_view_get_text_view (self->article_view)));

  if (get_settings (self))
    g_settings_set_string (get_settings (self), "last-article", fm_article_get_uuid (article));

  update_actions (self);
  return TRUE;
}

void
fm_window_restore_last (FmWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) article = NULL;
  g_autofree char *uuid = NULL;
  FmStore *store;

  g_return_if_fail (FM_IS_WINDOW (self));

  if (self->document != NULL || !(store = get_store (self)))
    return;
  uuid = get_settings (self) ? g_settings_get_string (get_settings (self), "last-article")
                             : g_strdup ("");
  if (*uuid != '\0')
    article = fm_store_lookup_article (store, uuid, &error);

  /* With nothing to come back to, open the newest article rather than
   * greet the user with an empty page. */
  if (article == NULL)
    {
      GListModel *model = fm_library_view_get_model (self->library_view);

      if (g_list_model_get_n_items (model) > 0)
        article = g_list_model_get_item (model, 0);
    }
  if (article != NULL)
    fm_window_show_article (self, fm_article_get_id (article));
}

void
fm_window_select_annotation (FmWindow *self,
                             gint64    annotation_id,
                             gboolean  reveal)
{
  g_return_if_fail (FM_IS_WINDOW (self));

  if (self->document == NULL || fm_document_lookup (self->document, annotation_id) == NULL)
    annotation_id = 0;

  self->selected_id = annotation_id;
  fm_article_view_set_selected (self->article_view, annotation_id);
  if (annotation_id != 0)
    {
      g_object_set (self, "show-facts", TRUE, NULL);
      fm_fact_panel_show_editor (self->fact_panel, annotation_id);
      if (reveal)
        fm_article_view_reveal (self->article_view, annotation_id, TRUE);
    }
  else
    fm_fact_panel_show_list (self->fact_panel);
  update_actions (self);
}

gint64
fm_window_get_selected (FmWindow *self)
{
  g_return_val_if_fail (FM_IS_WINDOW (self), 0);
  return self->selected_id;
}

FmDocument *
fm_window_get_document (FmWindow *self)
{
  g_return_val_if_fail (FM_IS_WINDOW (self), NULL);
  return self->document;
}

FmArticleView *
fm_window_get_article_view (FmWindow *self)
{
  g_return_val_if_fail (FM_IS_WINDOW (self), NULL);
  return self->article_view;
}

FmFactPanel *
fm_window_get_fact_panel (FmWindow *self)
{
  g_return_val_if_fail (FM_IS_WINDOW (self), NULL);
  return self->fact_panel;
}

FmLibraryView *
fm_window_get_library_view (FmWindow *self)
{
  g_return_val_if_fail (FM_IS_WINDOW (self), NULL);
  return self->library_view;
}

void
fm_window_show_error (FmWindow   *self,
                      const char *heading,
                      const char *body)
{
  AdwMessageDialog *dialog;

  g_return_if_fail (FM_IS_WINDOW (self));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), heading, body));
  adw_message_dialog_add_response (dialog, "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

void
fm_window_show_toast (FmWindow   *self,
                      const char *message)
{
  g_return_if_fail (FM_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
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
