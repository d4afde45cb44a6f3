/* fm-facts-window.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-facts-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fm-application.h"
#include "fm-error-dialog.h"
#include "fm-export-facts.h"
#include "fm-facts.h"
#include "fm-facts-window.h"
#include "fm-figure-conflict-set.h"
#include "fm-window.h"

/* Every claim, figure and source in the library in one table. The columns
 * bind and sort the FmFact items in the template; the model is a list of
 * facts read from the store, filtered by the entry's words and sorted by
 * the column the user clicks. "To Check" narrows it to the claims with no
 * verdict, the oldest first. The list follows the store: a change anywhere
 * reads it again from idle, once for a burst of changes. Activating a row
 * opens its article at the annotation in the main window. A figure that
 * other articles give differently has a warning beside its quote, and
 * "Conflicting Figures" narrows the list to those; which they are comes
 * from the library's conflict set, computed off the main loop.
 *
 * The Export menu (Ctrl+E) writes exactly the rows shown, filtered and in
 * their order, as CSV, JSON or a ClaimReview feed: the file is replaced
 * asynchronously and written in a thread, so a large library never holds
 * up the window, and a failed export leaves the old file as it was.
 *
 * A library holds hundreds of thousands of facts, and reading them all
 * takes a second or more: the window reads the newest articles' facts,
 * enough to fill it, before its first frame, and the rest from idle, a
 * batch of articles at a time, appended below. The queue needs every
 * claim to put the oldest first, so it is read whole. */

/* Facts read before the first frame: more than a tall window shows. */
#define FIRST_FACTS 500
/* Articles read in one idle callback: some tens of milliseconds. */
#define ARTICLES_PER_BATCH 40

struct _FmFactsWindow
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkMenuButton      *export_button;
  GtkToggleButton    *to_check_button;
  GtkToggleButton    *conflicts_button;
  GtkSearchEntry     *filter_entry;
  GtkStack           *stack;
  AdwStatusPage      *empty_page;
  GtkColumnView      *column_view;

  /* Owned references */
  FmStore            *store;
  GSignalGroup       *store_signals;
  FmFigureConflictSet *conflict_set;
  GListStore         *facts;
  GtkFilterListModel *filtered;
  GtkSortListModel   *sorted;
  char               *needle;
  GtkFileChooserNative *chooser;
  /* Cancelled when the window goes, so an export never reports to a
   * window that is no longer there. */
  GCancellable       *cancellable;

  guint               reload_source;
  /* While the rest of the list is read: the articles, and the next one. */
  GPtrArray          *articles;
  guint               next_article;
  guint               load_source;
  FmExportFormat      chooser_format;
  gboolean            exporting;
};

enum {
  PROP_0,
  PROP_EXPORTING,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FmFactsWindow, fm_facts_window, ADW_TYPE_WINDOW)

static GParamSpec *properties[N_PROPS];

static gboolean
contains (const char *haystack,
          const char *needle)
{
  g_autofree char *folded = haystack ? g_utf8_casefold (haystack, -1) : NULL;

  return folded != NULL && strstr (folded, needle) != NULL;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  FmFactsWindow *self = user_data;
  FmFact *fact = item;
  FmAnnotation *a = fm_fact_get_annotation (fact);

  if (gtk_toggle_button_get_active (self->conflicts_button)
      && (self->conflict_set == NULL
          || !fm_figure_conflict_set_lookup (self->conflict_set, fm_annotation_get_id (a))))
    return FALSE;
  if (self->needle == NULL)
    return TRUE;
  return contains (fm_annotation_get_quote (a), self->needle)
         || contains (fm_annotation_get_display_name (a), self->needle)
         || contains (fm_fact_get_sources (fact), self->needle)
         || contains (fm_article_get_display_title (fm_fact_get_article (fact)), self->needle);
}

static void
show_read_error (FmFactsWindow *self,
                 const GError  *error)
{
  g_printerr ("factmark: The facts could not be read: %s\n", error->message);
  adw_status_page_set_description (self->empty_page, error->message);
  gtk_stack_set_visible_child_name (self->stack, "empty");
}

static void
stop_loading (FmFactsWindow *self)
{
  g_clear_handle_id (&self->load_source, g_source_remove);
  g_clear_pointer (&self->articles, g_ptr_array_unref);
  self->next_article = 0;
}

/* Reads the facts of the next articles, until @until_facts are read or
 * @max_articles have been, and appends them. */
static gboolean
read_more (FmFactsWindow *self,
           guint          until_facts,
           guint          max_articles)
{
  g_autoptr(GPtrArray) facts = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->facts));
  guint left = self->articles->len - self->next_article;
  guint end = self->next_article + MIN (left, max_articles);

  while (self->next_article < end && facts->len < until_facts)
    if (!fm_store_add_article_facts (self->store,
                                     g_ptr_array_index (self->articles, self->next_article++),
                                     NULL, facts, &error))
      {
        stop_loading (self);
        show_read_error (self, error);
        return FALSE;
      }
  g_list_store_splice (self->facts, n, 0, facts->pdata, facts->len);
  return TRUE;
}

/* Whether there is more to read; the list shows once there is a row. */
static gboolean
loaded_some (FmFactsWindow *self)
{
  gboolean more = self->articles != NULL && self->next_article < self->articles->len;

  if (!more)
    stop_loading (self);
  if (g_list_model_get_n_items (G_LIST_MODEL (self->facts)) > 0)
    gtk_stack_set_visible_child_name (self->stack, "list");
  else if (!more)
    gtk_stack_set_visible_child_name (self->stack, "empty");
  return more;
}

static gboolean
load_more_cb (gpointer data)
{
  FmFactsWindow *self = data;

  if (!read_more (self, G_MAXUINT, ARTICLES_PER_BATCH))
    return G_SOURCE_REMOVE;
  if (loaded_some (self))
    return G_SOURCE_CONTINUE;
  self->load_source = 0;
  return G_SOURCE_REMOVE;
}

/* Called in the window's first frame, before it is painted: the rest is
 * read from idle once the frame is on screen, not while the window waits
 * for it. */
static gboolean
first_frame_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  FmFactsWindow *self = FM_FACTS_WINDOW (widget);

  if (self->articles != NULL && self->load_source == 0)
    self->load_source = g_idle_add (load_more_cb, self);
  return G_SOURCE_REMOVE;
}

/* The whole queue at once, sorted. */
static void
reload_to_check (FmFactsWindow *self)
{
  g_autoptr(GPtrArray) facts = NULL;
  g_autoptr(GError) error = NULL;

  if (!(facts = fm_store_list_facts (self->store, NULL, &error)))
    {
      show_read_error (self, error);
      return;
    }
  fm_facts_sort_to_check (facts);
  g_list_store_splice (self->facts, 0, g_list_model_get_n_items (G_LIST_MODEL (self->facts)),
                       facts->pdata, facts->len);
  gtk_stack_set_visible_child_name (self->stack, facts->len ? "list" : "empty");
}

static void
reload (FmFactsWindow *self)
{
  g_autoptr(GError) error = NULL;

  stop_loading (self);
  if (gtk_toggle_button_get_active (self->to_check_button))
    {
      reload_to_check (self);
      return;
    }
  if (!(self->articles = fm_store_list_articles (self->store, &error)))
    {
      show_read_error (self, error);
      return;
    }
  g_list_store_remove_all (self->facts);
  if (!read_more (self, FIRST_FACTS, G_MAXUINT) || !loaded_some (self))
    return;
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->load_source = g_idle_add (load_more_cb, self);
  else
    gtk_widget_add_tick_callback (GTK_WIDGET (self), first_frame_cb, NULL, NULL);
}

static gboolean
reload_idle_cb (gpointer data)
{
  FmFactsWindow *self = data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (FmFactsWindow *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_idle_cb, self);
}

static void
filter_changed_cb (FmFactsWindow  *self,
                   GtkSearchEntry *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&self->needle, g_free);
  if (*text != '\0')
    self->needle = g_utf8_casefold (text, -1);
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->filtered),
                      GTK_FILTER_CHANGE_DIFFERENT);
}

/* The queue keeps its own order, oldest first; a column's sort would
 * undo it. */
static void
to_check_toggled_cb (FmFactsWindow   *self,
                     GtkToggleButton *button)
{
  if (gtk_toggle_button_get_active (button))
    gtk_column_view_sort_by_column (self->column_view, NULL, GTK_SORT_ASCENDING);
  reload (self);
}

static void
conflicts_toggled_cb (FmFactsWindow   *self,
                      GtkToggleButton *button)
{
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->filtered),
                      gtk_toggle_button_get_active (button) ? GTK_FILTER_CHANGE_MORE_STRICT
                                                            : GTK_FILTER_CHANGE_LESS_STRICT);
}

/* A new set of conflicts: the rows are bound again, warnings and all; the
 * facts themselves are as they were, so they are not read again, and the
 * view keeps its place. */
static void
conflicts_changed_cb (FmFactsWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->facts));

  g_list_model_items_changed (G_LIST_MODEL (self->facts), 0, n, n);
  if (gtk_toggle_button_get_active (self->conflicts_button))
    gtk_filter_changed (gtk_filter_list_model_get_filter (self->filtered),
                        GTK_FILTER_CHANGE_DIFFERENT);
}

static void
quote_setup_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                FmFactsWindow            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
  GtkWidget *label = gtk_label_new (NULL);

  gtk_widget_add_css_class (icon, "warning");
  gtk_widget_set_visible (icon, FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), label);
  gtk_list_item_set_child (item, box);
}

/* "Other reports disagree:" and the figures, one a line. */
static char *
conflicts_tooltip (GPtrArray *others)
{
  g_autoptr(GString) text = g_string_new (_("Other reports disagree:"));

  for (guint i = 0; i < others->len; i++)
    {
      g_autofree char *line = fm_figure_conflict_describe (g_ptr_array_index (others, i));

      g_string_append_printf (text, "\n%s", line);
    }
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void
quote_bind_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               FmFactsWindow            *self)
{
  FmFact *fact = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *icon = gtk_widget_get_first_child (box);
  GtkWidget *label = gtk_widget_get_next_sibling (icon);
  FmAnnotation *a = fm_fact_get_annotation (fact);
  g_autofree char *quote = NULL;
  g_autofree char *tooltip = NULL;
  GPtrArray *others = NULL;

  g_object_get (fact, "quote", &quote, NULL);
  gtk_label_set_label (GTK_LABEL (label), quote);
  if (self->conflict_set != NULL && fm_annotation_get_kind (a) == FM_KIND_FIGURE)
    others = fm_figure_conflict_set_lookup (self->conflict_set, fm_annotation_get_id (a));
  if (others != NULL)
    tooltip = conflicts_tooltip (others);
  gtk_widget_set_visible (icon, others != NULL);
  gtk_widget_set_tooltip_text (box, tooltip);
}

/* The quote column shows the warning too, so it is built here rather
 * than in the template. */
static void
set_quote_factory (FmFactsWindow *self)
{
  GListModel *columns = gtk_column_view_get_columns (self->column_view);
  g_autoptr(GtkColumnViewColumn) quote = g_list_model_get_item (columns, 0);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();

  g_signal_connect_object (factory, "setup", G_CALLBACK (quote_setup_cb), self, 0);
  g_signal_connect_object (factory, "bind", G_CALLBACK (quote_bind_cb), self, 0);
  gtk_column_view_column_set_factory (quote, factory);
}

static void
activate_cb (FmFactsWindow *self,
             guint          position,
             GtkColumnView *view)
{
  g_autoptr(FmFact) fact = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  FmAnnotation *a;

  if (fact == NULL || !FM_IS_WINDOW (parent))
    return;
  a = fm_fact_get_annotation (fact);
  if (fm_window_show_article (FM_WINDOW (parent), fm_annotation_get_article_id (a)))
    fm_window_select_annotation (FM_WINDOW (parent), fm_annotation_get_id (a), TRUE);
  gtk_window_present (parent);
}

/* Exporting */

/* What an export works on in its thread: its own references to the rows
 * and copies of the options, so the window may change meanwhile. */
typedef struct
{
  FmFactsWindow *self;
  FmExportFormat format;
  GPtrArray     *facts;
  char          *organization;
  char          *base_url;
} ExportJob;

static void
export_job_free (ExportJob *job)
{
  g_clear_object (&job->self);
  g_clear_pointer (&job->facts, g_ptr_array_unref);
  g_clear_pointer (&job->organization, g_free);
  g_clear_pointer (&job->base_url, g_free);
  g_free (job);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExportJob, export_job_free)

static void
set_exporting (FmFactsWindow *self,
               gboolean       exporting)
{
  g_assert (FM_IS_FACTS_WINDOW (self));

  if (self->exporting == exporting)
    return;
  self->exporting = exporting;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "facts.export", !exporting);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "facts.export-to", !exporting);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EXPORTING]);
}

/* The ClaimReview's organisation and base URL, as the user set them in
 * Preferences for an article's export. */
static GSettings *
get_settings (FmFactsWindow *self)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  GtkApplication *app = parent != NULL ? gtk_window_get_application (parent) : NULL;

  return FM_IS_APPLICATION (app) ? fm_application_get_settings (FM_APPLICATION (app)) : NULL;
}

static ExportJob *
export_job_new (FmFactsWindow  *self,
                FmExportFormat  format)
{
  GListModel *rows = G_LIST_MODEL (self->sorted);
  guint n = g_list_model_get_n_items (rows);
  GSettings *settings = get_settings (self);
  ExportJob *job = g_new0 (ExportJob, 1);

  job->self = g_object_ref (self);
  job->format = format;
  job->facts = g_ptr_array_new_full (n, g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (job->facts, g_list_model_get_item (rows, i));
  if (settings != NULL)
    {
      job->organization = g_settings_get_string (settings, "review-org-name");
      job->base_url = g_settings_get_string (settings, "review-org-url");
    }
  return job;
}

/* Writes the rows into the replacement; on a failure the replacement is
 * dropped, closed through a cancelled cancellable, and the old file
 * stays. The rows are read, never changed, while the thread runs. */
static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  GOutputStream *stream = source_object;
  ExportJob *job = task_data;
  FmExportOptions options = FM_EXPORT_OPTIONS_INIT;
  g_autoptr(GCancellable) abandon = NULL;
  g_autoptr(GError) error = NULL;

  options.organization = job->organization;
  options.base_url = job->base_url;
  if (fm_export_facts_write (job->format, job->facts, &options, stream, cancellable, &error)
      && g_output_stream_close (stream, cancellable, &error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  abandon = g_cancellable_new ();
  g_cancellable_cancel (abandon);
  g_output_stream_close (stream, abandon, NULL);
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
export_finish (ExportJob    *job,
               const GError *error)
{
  FmFactsWindow *self = job->self;

  set_exporting (self, FALSE);
  /* The window is going: there is no one to tell. */
  if (self->cancellable == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (error == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (_("Facts exported")));
      return;
    }
  g_printerr ("factmark: %s: %s\n", _("The facts could not be exported"), error->message);
  fm_error_dialog_run_async (GTK_WINDOW (self), _("The facts could not be exported"),
                             error->message, NULL, NULL, NULL);
}

static void
export_written_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  ExportJob *job = g_task_get_task_data (G_TASK (result));

  g_task_propagate_boolean (G_TASK (result), &error);
  export_finish (job, error);
}

static void
export_replace_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(ExportJob) job = user_data;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTask) task = NULL;

  if (!(stream = g_file_replace_finish (G_FILE (object), result, &error)))
    {
      export_finish (job, error);
      return;
    }
  task = g_task_new (stream, job->self->cancellable, export_written_cb, NULL);
  g_task_set_task_data (task, g_steal_pointer (&job), (GDestroyNotify) export_job_free);
  g_task_run_in_thread (task, export_thread);
}

/* Exports the rows shown now to @file; the file is replaced only once the
 * export is whole. */
static void
export_to_file (FmFactsWindow  *self,
                FmExportFormat  format,
                GFile          *file)
{
  g_assert (FM_IS_FACTS_WINDOW (self));
  g_assert (fm_export_facts_is_format (format));

  if (self->exporting)
    return;
  set_exporting (self, TRUE);
  g_file_replace_async (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, G_PRIORITY_DEFAULT,
                        self->cancellable, export_replace_cb, export_job_new (self, format));
}

static gboolean
parse_format (GVariant       *param,
              FmExportFormat *format)
{
  return fm_export_format_from_string (g_variant_get_string (param, NULL), format)
         && fm_export_facts_is_format (*format);
}

static void
export_response_cb (FmFactsWindow        *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      export_to_file (self, self->chooser_format, file);
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  FmFactsWindow *self = FM_FACTS_WINDOW (widget);
  g_autofree char *suggested = NULL;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  FmExportFormat format;

  if (self->chooser != NULL || !parse_format (param, &format))
    return;

  self->chooser = gtk_file_chooser_native_new (_("Export the Facts Shown"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  suggested = fm_export_facts_dup_filename (format);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), suggested);
  gtk_file_filter_set_name (filter, fm_export_format_to_label (format));
  gtk_file_filter_add_mime_type (filter, fm_export_format_get_mime_type (format));
  gtk_file_filter_add_suffix (filter, fm_export_format_get_extension (format));
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  self->chooser_format = format;
  g_signal_connect_swapped (self->chooser, "response", G_CALLBACK (export_response_cb), self);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* What the file chooser leads to, with the format and the file's URI:
 * scripts and tests export without the chooser through it. */
static void
export_to_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  FmFactsWindow *self = FM_FACTS_WINDOW (widget);
  g_autoptr(GVariant) format_param = g_variant_get_child_value (param, 0);
  g_autoptr(GFile) file = NULL;
  const char *uri;
  FmExportFormat format;

  g_variant_get_child (param, 1, "&s", &uri);
  if (!parse_format (format_param, &format))
    return;
  file = g_file_new_for_uri (uri);
  export_to_file (self, format, file);
}

static void
show_export_menu_action (GtkWidget  *widget,
                         const char *name,
                         GVariant   *param)
{
  gtk_menu_button_popup (FM_FACTS_WINDOW (widget)->export_button);
}

static void
fm_facts_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FmFactsWindow *self = FM_FACTS_WINDOW (object);

  switch (prop_id)
    {
    case PROP_EXPORTING:
      g_value_set_boolean (value, self->exporting);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_facts_window_dispose (GObject *object)
{
  FmFactsWindow *self = (FmFactsWindow *)object;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  stop_loading (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  if (self->conflict_set != NULL)
    g_signal_handlers_disconnect_by_data (self->conflict_set, self);
  g_clear_object (&self->conflict_set);
  gtk_widget_dispose_template (GTK_WIDGET (self), FM_TYPE_FACTS_WINDOW);
  g_clear_object (&self->sorted);
  g_clear_object (&self->filtered);
  g_clear_object (&self->facts);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (fm_facts_window_parent_class)->dispose (object);
}

static void
fm_facts_window_finalize (GObject *object)
{
  FmFactsWindow *self = (FmFactsWindow *)object;

  g_clear_pointer (&self->needle, g_free);

  G_OBJECT_CLASS (fm_facts_window_parent_class)->finalize (object);
}

static void
fm_facts_window_class_init (FmFactsWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fm_facts_window_dispose;
  object_class->finalize = fm_facts_window_finalize;
  object_class->get_property = fm_facts_window_get_property;

  /* Whether an export is being written: the export actions wait until
   * it is done. */
  properties[PROP_EXPORTING] =
    g_param_spec_boolean ("exporting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FM_TYPE_FACT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/fm-facts-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FmFactsWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FmFactsWindow, export_button);
  gtk_widget_class_bind_template_child (widget_class, FmFactsWindow, to_check_button);
  gtk_widget_class_bind_template_child (widget_class, FmFactsWindow, conflicts_button);
  gtk_widget_class_bind_template_child (widget_class, FmFactsWindow, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, FmFactsWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, FmFactsWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FmFactsWindow, column_view);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, to_check_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, conflicts_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_install_action (widget_class, "facts.export", "s", export_action);
  gtk_widget_class_install_action (widget_class, "facts.export-to", "(ss)", export_to_action);
  gtk_widget_class_install_action (widget_class, "facts.show-export-menu", NULL,
                                   show_export_menu_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK,
                                       "facts.show-export-menu", NULL);
}

static void
fm_facts_window_init (FmFactsWindow *self)
{
  GtkSingleSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  set_quote_factory (self);

  self->cancellable = g_cancellable_new ();
  self->facts = g_list_store_new (FM_TYPE_FACT);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->facts)),
                                              GTK_FILTER (gtk_custom_filter_new (filter_func, self,
                                                                                 NULL)));
  self->sorted = gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filtered)),
                                          g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sorted)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);

  self->store_signals = g_signal_group_new (FM_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "annotation-added",
                                 G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "annotation-changed",
                                 G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "annotation-removed",
                                 G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "article-changed",
                                 G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "article-removed",
                                 G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
}

FmFactsWindow *
fm_facts_window_new (GtkWindow *parent,
                     FmStore   *store)
{
  FmFactsWindow *self;

  g_return_val_if_fail (FM_IS_STORE (store), NULL);

  self = g_object_new (FM_TYPE_FACTS_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  g_signal_group_set_target (self->store_signals, store);
  self->conflict_set = g_object_ref (fm_figure_conflict_set_get_for_store (store));
  g_signal_connect_object (self->conflict_set, "changed", G_CALLBACK (conflicts_changed_cb), self,
                           G_CONNECT_SWAPPED);
  reload (self);
  return self;
}

/**
 * fm_facts_window_get_model:
 *
 * Returns: (transfer none): the rows as shown, filtered and sorted
 */
GListModel *
fm_facts_window_get_model (FmFactsWindow *self)
{
  g_return_val_if_fail (FM_IS_FACTS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->sorted);
}

void
fm_facts_window_set_filter (FmFactsWindow *self,
                            const char    *text)
{
  g_return_if_fail (FM_IS_FACTS_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->filter_entry), text ? text : "");
  filter_changed_cb (self, self->filter_entry);
}

void
fm_facts_window_set_to_check (FmFactsWindow *self,
                              gboolean       to_check)
{
  g_return_if_fail (FM_IS_FACTS_WINDOW (self));
  gtk_toggle_button_set_active (self->to_check_button, to_check);
}
