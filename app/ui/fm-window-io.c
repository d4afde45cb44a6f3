/* fm-window-io.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fm-export.h"
#include "fm-import.h"
#include "fm-import-annotations.h"
#include "fm-progress-dialog.h"
#include "fm-similar-article-dialog.h"
#include "fm-window-private.h"

/* Getting articles in and fact sheets out: files, the clipboard, dropped
 * files, fact sheets, W3C and Hypothesis annotations, and every export
 * format. Reading, decoding and writing run in threads; the library is
 * only written on the main thread. */

/* Importing */

/* How long an import may run before a progress dialog offers Cancel. */
#define IMPORT_PROGRESS_DELAY_MS 400

/* Several files dropped or chosen at once: each is imported on its own,
 * then the window shows the first that came in and sums up, rather than
 * stacking a properties dialog or an error per file. */
typedef struct
{
  guint      pending;
  guint      added;
  guint      known;
  /* The article of the earliest file, in the order given, that came in. */
  guint      first_index;
  gint64     first_id;
  GPtrArray *failures;
} ImportBatch;

typedef struct
{
  FmWindow         *self;
  ImportBatch      *batch;
  guint             batch_index;
  GFile            *file;
  GBytes           *data;
  char             *mime_type;
  FmImportReport   *report;
  GCancellable     *cancellable;
  FmSheetImport    *sheet;
  /* A weak pointer: Cancel closes the dialog before the job ends. */
  FmProgressDialog *progress;
  guint             progress_source;
  guint             pulse_source;
} ImportJob;

/* Stops the progress dialog, or its delay, once the import is over. */
static void
import_job_end_progress (ImportJob *job)
{
  FmProgressDialog *progress = job->progress;

  g_clear_handle_id (&job->progress_source, g_source_remove);
  g_clear_handle_id (&job->pulse_source, g_source_remove);
  g_clear_weak_pointer (&job->progress);
  if (progress != NULL)
    gtk_window_destroy (GTK_WINDOW (progress));
}

static void
import_job_free (ImportJob *job)
{
  import_job_end_progress (job);
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

  /* A folder could hold anything, and hundreds of files; importing all of
   * it would fill the library with what nobody meant to check, so it is
   * refused, as GNOME apps that open files refuse a folder. */
  if (job->file != NULL
      && g_file_query_file_type (job->file, G_FILE_QUERY_INFO_NONE, cancellable)
         == G_FILE_TYPE_DIRECTORY)
    {
      g_autofree char *name = g_file_get_parse_name (job->file);

      g_task_return_new_error (task, FM_ERROR, FM_ERROR_INVALID,
                               _("“%s” is a folder; import the files in it instead"), name);
      return;
    }

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

  /* Cancelled: the dialog has gone, and there is nothing left to pulse. */
  if (job->progress == NULL)
    {
      job->pulse_source = 0;
      return G_SOURCE_REMOVE;
    }
  fm_progress_dialog_pulse (job->progress);
  return G_SOURCE_CONTINUE;
}

static gboolean
import_show_progress_cb (gpointer data)
{
  ImportJob *job = data;
  g_autofree char *name = job->file ? g_file_get_basename (job->file) : NULL;
  g_autofree char *body = name ? g_strdup_printf (_("Reading “%s”…"), name)
                               : g_strdup (_("Reading the clipboard…"));

  job->progress_source = 0;
  g_set_weak_pointer (&job->progress, fm_progress_dialog_new (GTK_WINDOW (job->self),
                                                              _("Importing"), body,
                                                              job->cancellable));
  gtk_window_present (GTK_WINDOW (job->progress));
  job->pulse_source = g_timeout_add (120, import_pulse_cb, job);
  return G_SOURCE_REMOVE;
}

static void
batch_add (ImportBatch *batch,
           guint        index,
           gint64       article_id,
           gboolean     existed)
{
  if (existed)
    batch->known++;
  else
    batch->added++;
  if (batch->first_id == 0 || index < batch->first_index)
    {
      batch->first_id = article_id;
      batch->first_index = index;
    }
}

/* A new article's properties, once it is shown, to check what the import
 * found. */
static void
show_new_properties (FmWindow *self,
                     gpointer  data)
{
  _fm_window_show_properties (self, TRUE);
}

static void
add_new_article (FmWindow    *self,
                 FmArticle   *article,
                 ImportBatch *batch,
                 guint        batch_index)
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
      _fm_window_report (self, _("The article could not be added"), error);
      return;
    }
  if (batch != NULL)
    batch_add (batch, batch_index, fm_article_get_id (stored), existed);
  else if (existed)
    {
      if (fm_window_show_article (self, fm_article_get_id (stored)))
        fm_window_show_toast (self, _("This text is already in the library"));
    }
  else
    _fm_window_show_article_then (self, fm_article_get_id (stored), show_new_properties, NULL,
                                  NULL);
}

/* The imported article and the one like it, until the user chooses. */
typedef struct
{
  FmArticle *article;
  gint64     existing_id;
} SimilarImport;

static void
similar_import_free (SimilarImport *similar)
{
  g_object_unref (similar->article);
  g_free (similar);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (SimilarImport, similar_import_free)

static void
update_from_similar (FmWindow *self,
                     gpointer  data)
{
  SimilarImport *similar = data;

  fm_window_update_text (self, fm_article_get_text (similar->article),
                         fm_article_get_url (similar->article));
}

static void
similar_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FmWindow *self = FM_WINDOW (object);
  g_autoptr(SimilarImport) similar = user_data;

  switch (fm_similar_article_dialog_run_finish (result, NULL))
    {
    case FM_SIMILAR_ARTICLE_ADD_NEW:
      add_new_article (self, similar->article, NULL, 0);
      break;
    case FM_SIMILAR_ARTICLE_UPDATE:
      _fm_window_show_article_then (self, similar->existing_id, update_from_similar,
                                    g_steal_pointer (&similar),
                                    (GDestroyNotify) similar_import_free);
      break;
    case FM_SIMILAR_ARTICLE_CANCEL:
    default:
      break;
    }
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
              FmImportReport *import_report,
              ImportBatch    *batch,
              guint           batch_index)
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
      SimilarImport *pending = g_new0 (SimilarImport, 1);

      pending->article = g_object_ref (article);
      pending->existing_id = fm_article_get_id (similar);
      fm_similar_article_dialog_run_async (GTK_WINDOW (self), similar, article, NULL,
                                           similar_done_cb, pending);
      return;
    }

  add_new_article (self, article, batch, batch_index);
}

/* A file of a batch that failed: kept for the summary, with its name. */
static void
batch_fail (ImportBatch  *batch,
            GFile        *file,
            const GError *error)
{
  g_autofree char *name = g_file_get_basename (file);

  g_printerr ("factmark: %s: %s\n", name, error->message);
  /* Translators: one line of the list of files that could not be
   * imported: the file's name, then what went wrong. */
  g_ptr_array_add (batch->failures, g_strdup_printf (_("%s: %s"), name, error->message));
}

static void
batch_finish (FmWindow    *self,
              ImportBatch *batch)
{
  if (batch->first_id != 0)
    fm_window_show_article (self, batch->first_id);
  if (batch->added > 0)
    {
      g_autofree char *added = g_strdup_printf (ngettext ("%u article imported",
                                                          "%u articles imported", batch->added),
                                                batch->added);

      fm_window_show_toast (self, added);
    }
  if (batch->known > 0)
    {
      g_autofree char *known = g_strdup_printf (ngettext ("%u was already in the library",
                                                          "%u were already in the library",
                                                          batch->known),
                                                batch->known);

      fm_window_show_toast (self, known);
    }
  if (batch->failures->len > 0)
    {
      g_autofree char *heading = NULL;
      g_autofree char *body = NULL;

      g_ptr_array_add (batch->failures, NULL);
      heading = g_strdup_printf (ngettext ("%u file could not be imported",
                                           "%u files could not be imported",
                                           batch->failures->len - 1),
                                 batch->failures->len - 1);
      body = g_strjoinv ("\n", (char **) batch->failures->pdata);
      fm_window_show_error (self, heading, body);
    }
  g_ptr_array_unref (batch->failures);
  g_free (batch);
}

static void
import_sheet_done (FmWindow  *self,
                   ImportJob *job)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) stored = NULL;
  FmSheetImportCounts counts = { 0 };

  stored = fm_sheet_import_add_article (job->sheet, get_store (self), &counts, &error);
  if (stored == NULL)
    {
      if (job->batch != NULL)
        batch_fail (job->batch, job->file, error);
      else
        _fm_window_report (self, _("The fact sheet could not be imported"), error);
      return;
    }
  /* An imported article's claims may repeat ones checked before. */
  if (counts.added > 0)
    _fm_window_link_repeated_in_article (self, fm_article_get_id (stored));
  if (job->batch != NULL)
    batch_add (job->batch, job->batch_index, fm_article_get_id (stored), FALSE);
  else if (fm_window_show_article (self, fm_article_get_id (stored)))
    {
      g_autofree char *message =
        g_strdup_printf (ngettext ("Fact sheet imported: %u annotation added",
                                   "Fact sheet imported: %u annotations added", counts.added),
                         counts.added);
      fm_window_show_toast (self, message);
    }
}

static void
import_job_done (FmWindow     *self,
                 ImportJob    *job,
                 FmArticle    *article,
                 const GError *error)
{
  if (article == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      if (job->batch != NULL)
        batch_fail (job->batch, job->file, error);
      else
        _fm_window_report (self, job->file ? _("The file could not be imported")
                                : _("The clipboard could not be imported"), error);
      return;
    }
  if (job->sheet != NULL)
    import_sheet_done (self, job);
  else
    add_imported (self, article, job->report, job->batch, job->batch_index);
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

  import_job_end_progress (job);
  import_job_done (self, job, article, error);
  if (job->batch != NULL && --job->batch->pending == 0)
    batch_finish (self, job->batch);
}

static void
start_import (FmWindow    *self,
              GFile       *file,
              GBytes      *data,
              const char  *mime_type,
              ImportBatch *batch,
              guint        batch_index)
{
  g_autoptr(GTask) task = NULL;
  ImportJob *job = g_new0 (ImportJob, 1);

  /* Reading and decoding run in a thread so a large file never stalls the
   * window; the store is written back on the main thread. */
  job->self = g_object_ref (self);
  job->batch = batch;
  job->batch_index = batch_index;
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

  start_import (self, file, NULL, NULL, NULL, 0);
}

/* One file is imported as the Import button does; several as a batch. */
static void
import_files (FmWindow  *self,
              GFile    **files,
              guint      n_files)
{
  ImportBatch *batch;

  if (n_files == 1)
    fm_window_import_file (self, files[0]);
  if (n_files <= 1)
    return;

  batch = g_new0 (ImportBatch, 1);
  batch->pending = n_files;
  batch->failures = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < n_files; i++)
    start_import (self, files[i], NULL, NULL, batch, i);
}

void
fm_window_import_text (FmWindow   *self,
                       const char *text,
                       gsize       len)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_if_fail (FM_IS_WINDOW (self));

  bytes = g_bytes_new (text, len);
  start_import (self, NULL, bytes, "text/plain", NULL, 0);
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
      g_autoptr(GPtrArray) list = g_ptr_array_new_full (n, g_object_unref);

      for (guint i = 0; i < n; i++)
        g_ptr_array_add (list, g_list_model_get_item (files, i));
      import_files (self, (GFile **) list->pdata, list->len);
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
      _fm_window_report (self, _("The clipboard could not be imported"), error);
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
      _fm_window_report (self, _("The clipboard could not be imported"), error);
      return;
    }
  start_import (self, NULL, bytes, "text/html", NULL, 0);
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
  g_autoptr(GPtrArray) list = g_ptr_array_new ();

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  for (GSList *l = g_value_get_boxed (value); l != NULL; l = l->next)
    g_ptr_array_add (list, l->data);
  import_files (self, (GFile **) list->pdata, list->len);
  return list->len > 0;
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
    _fm_window_report (self, _("The fact sheet could not be saved"), error);
  else
    fm_window_show_toast (self, _("Fact sheet saved"));
}

static void
export_response_cb (FmWindow             *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  FmExportFormat format = self->export_format;

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
      FmArticle *article = fm_document_get_article (self->document);
      g_autoptr(GPtrArray) revisions = NULL;
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < g_list_model_get_n_items (model); i++)
        g_ptr_array_add (annotations, g_list_model_get_item (model, i));
      options.organization = organization;
      options.base_url = base_url;
      /* The JSON fact sheet carries the article's earlier texts, read here
       * since the store belongs to the main thread. */
      if (format == FM_EXPORT_FORMAT_JSON && get_store (self) != NULL
          && fm_article_get_id (article) != 0
          && !(revisions = fm_export_list_revisions (get_store (self),
                                                     fm_article_get_id (article), &error)))
        {
          _fm_window_report (self, _("The fact sheet could not be saved"), error);
          g_clear_object (&self->chooser);
          return;
        }
      options.revisions = revisions;

      /* The writer copies what it needs and works in a thread; the file is
       * replaced only once the whole sheet is written. */
      fm_export_write_async (format, article, annotations, &options, file, NULL,
                             export_done_cb, g_object_ref (self));
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
  self->export_format = format;
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

/* What reading annotations works on: the file, in the thread, and the
 * article to add them to, back on the main thread. */
typedef struct
{
  GFile  *file;
  gint64  article_id;
} AnnotationsRead;

static void
annotations_read_free (AnnotationsRead *read)
{
  g_object_unref (read->file);
  g_free (read);
}

static void
annotations_read_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(FmWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FmSheetImport) sheet = g_task_propagate_pointer (G_TASK (result), &error);
  AnnotationsRead *read = g_task_get_task_data (G_TASK (result));
  gint64 article_id = read->article_id;
  FmSheetImportCounts counts = { 0 };
  g_autofree char *message = NULL;

  if (sheet == NULL
      || !fm_sheet_import_add_annotations (sheet, get_store (self), article_id, &counts, &error))
    {
      _fm_window_report (self, _("The annotations could not be imported"), error);
      return;
    }

  /* Translators: after importing W3C or Hypothesis annotations. */
  message = g_strdup_printf (_("%u anchored, %u orphaned"), counts.anchored, counts.orphaned);
  if (fm_sheet_positions_describe (counts.positions) != NULL)
    {
      g_autofree char *counted = g_strdup_printf ("%s. %s", message,
                                                  fm_sheet_positions_describe (counts.positions));

      g_free (message);
      message = g_steal_pointer (&counted);
    }
  g_printerr ("factmark: %s\n", message);
  fm_window_show_toast (self, message);
  _fm_window_link_repeated_in_article (self, article_id);
}

static void
annotations_read_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  AnnotationsRead *read = task_data;
  GError *error = NULL;
  FmSheetImport *sheet = fm_sheet_import_read_file (read->file, cancellable, &error);

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
      g_autoptr(GTask) task = g_task_new (NULL, NULL, annotations_read_cb, g_object_ref (self));
      AnnotationsRead *read = g_new0 (AnnotationsRead, 1);

      read->file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
      read->article_id = fm_document_get_article_id (self->document);
      g_task_set_task_data (task, read, (GDestroyNotify) annotations_read_free);
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

/**
 * _fm_window_read_article_async:
 *
 * Reads and decodes @file in a thread, as an import does, without adding
 * it to the library: for a new version of an open article.
 */
void
_fm_window_read_article_async (FmWindow            *self,
                               GFile               *file,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (self, NULL, callback, user_data);
  ImportJob *job = g_new0 (ImportJob, 1);

  job->self = g_object_ref (self);
  job->file = g_object_ref (file);
  g_task_set_task_data (task, job, (GDestroyNotify) import_job_free);
  g_task_run_in_thread (task, import_thread);
}

FmArticle *
_fm_window_read_article_finish (GAsyncResult  *result,
                                GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

void
_fm_window_class_init_io (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, paste_action);
  gtk_widget_class_install_action (widget_class, "win.import-annotations", NULL,
                                   import_annotations_action);
  gtk_widget_class_install_action (widget_class, "article.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "article.show-export-menu", NULL,
                                   show_export_menu_action);
}

void
_fm_window_init_io (FmWindow *self)
{
  GtkDropTarget *drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);

  /* Files dropped anywhere on the window are imported, the article's text
   * included: in the capture phase the window sees a file drop before the
   * text view, whose own drop target would take it and do nothing. Text
   * dragged onto the text view is not a file list and still goes there. */
  gtk_event_controller_set_propagation_phase (GTK_EVENT_CONTROLLER (drop), GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
}
