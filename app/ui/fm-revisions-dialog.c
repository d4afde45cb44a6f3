/* fm-revisions-dialog.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-revisions-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-revisions-dialog.h"
#include "fm-window.h"

/* The earlier texts of an article, kept each time its text was updated.
 * Opening one shows it read-only in a window of its own; the list stays
 * open so that several can be compared. */

struct _FmRevisionsDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkListBox       *list;

  /* Owned references */
  GTask            *task;
  FmStore          *store;
  /* The revision of each row, by the row's index. */
  GPtrArray        *revisions;
};

G_DEFINE_FINAL_TYPE (FmRevisionsDialog, fm_revisions_dialog, ADW_TYPE_MESSAGE_DIALOG)

/* As the window reports any failure: on the terminal, and in a dialog. */
static void
report (GtkWindow    *parent,
        const char   *heading,
        const GError *error)
{
  g_printerr ("factmark: %s: %s\n", heading, error->message);
  if (FM_IS_WINDOW (parent))
    fm_window_show_error (FM_WINDOW (parent), heading, error->message);
}

static void
show_revision_text (FmRevisionsDialog *self,
                    FmRevision        *revision)
{
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  g_autofree char *text = fm_store_get_revision_text (self->store, revision->id, &error);
  g_autofree char *title = NULL;
  g_autofree char *when = NULL;
  g_autoptr(GDateTime) dt = NULL;
  AdwWindow *window;
  GtkWidget *box, *header, *scroller, *view;

  if (text == NULL)
    {
      report (parent, _("The revision could not be read"), error);
      return;
    }

  dt = g_date_time_new_from_unix_local (revision->created / G_USEC_PER_SEC);
  /* The date as the reader's locale writes it. */
  when = dt ? g_date_time_format (dt, "%x %X") : g_strdup ("");
  title = g_strdup_printf (_("Revision %u"), revision->number);

  window = ADW_WINDOW (adw_window_new ());
  gtk_window_set_transient_for (GTK_WINDOW (window), parent);
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

static GtkWidget *
revision_row_new (FmRevision *revision,
                  gboolean    current)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_local (revision->created / G_USEC_PER_SEC);
  g_autofree char *when = dt ? g_date_time_format (dt, "%x %X") : g_strdup ("");
  g_autofree char *title = g_strdup_printf (current ? _("Revision %u (current)") : _("Revision %u"),
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
  return row;
}

static void
fm_revisions_dialog_set_revisions (FmRevisionsDialog *self,
                                   FmStore           *store,
                                   GPtrArray         *revisions)
{
  g_assert (FM_IS_REVISIONS_DIALOG (self));

  self->store = g_object_ref (store);
  self->revisions = g_ptr_array_ref (revisions);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               revisions->len == 0
                               ? _("This article has not been updated; "
                                   "its text is the one first imported.")
                               : _("Earlier texts of this article, kept "
                                   "when it was updated. Open one to read "
                                   "it."));
  gtk_widget_set_visible (GTK_WIDGET (self->list), revisions->len > 0);
  for (guint i = 0; i < revisions->len; i++)
    gtk_list_box_append (self->list, revision_row_new (g_ptr_array_index (revisions, i),
                                                       i + 1 == revisions->len));
}

static void
row_activated_cb (FmRevisionsDialog *self,
                  GtkListBoxRow     *row,
                  GtkListBox        *list)
{
  int index = gtk_list_box_row_get_index (row);

  g_assert (FM_IS_REVISIONS_DIALOG (self));

  if (index >= 0 && (guint) index < self->revisions->len)
    show_revision_text (self, g_ptr_array_index (self->revisions, index));
}

static void
fm_revisions_dialog_response (AdwMessageDialog *dialog,
                              const char       *response)
{
  FmRevisionsDialog *self = FM_REVISIONS_DIALOG (dialog);
  g_autoptr(GTask) task = g_steal_pointer (&self->task);

  if (task != NULL)
    g_task_return_boolean (task, TRUE);
}

static void
fm_revisions_dialog_dispose (GObject *object)
{
  FmRevisionsDialog *self = FM_REVISIONS_DIALOG (object);

  /* Destroyed without an answer: the caller still hears back. */
  if (self->task != NULL)
    fm_revisions_dialog_response (ADW_MESSAGE_DIALOG (self), "close");
  gtk_widget_dispose_template (GTK_WIDGET (self), FM_TYPE_REVISIONS_DIALOG);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (fm_revisions_dialog_parent_class)->dispose (object);
}

static void
fm_revisions_dialog_finalize (GObject *object)
{
  FmRevisionsDialog *self = FM_REVISIONS_DIALOG (object);

  g_clear_pointer (&self->revisions, g_ptr_array_unref);
  G_OBJECT_CLASS (fm_revisions_dialog_parent_class)->finalize (object);
}

static void
fm_revisions_dialog_class_init (FmRevisionsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = fm_revisions_dialog_dispose;
  object_class->finalize = fm_revisions_dialog_finalize;
  dialog_class->response = fm_revisions_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/fm-revisions-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FmRevisionsDialog, list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
fm_revisions_dialog_init (FmRevisionsDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * fm_revisions_dialog_run_async:
 * @parent: the window of the article
 * @store: the library the revisions' texts are read from
 * @revisions: (element-type FmRevision): the article's revisions, oldest
 *   first, as fm_store_list_revisions() gives them
 * @cancellable: (nullable): closes the dialog when cancelled
 *
 * Lists the revisions of an article for reading. @callback runs when the
 * dialog closes; see fm_revisions_dialog_run_finish().
 */
void
fm_revisions_dialog_run_async (GtkWindow           *parent,
                               FmStore             *store,
                               GPtrArray           *revisions,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  FmRevisionsDialog *self;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (FM_IS_STORE (store));
  g_return_if_fail (revisions != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  self = g_object_new (FM_TYPE_REVISIONS_DIALOG, "transient-for", parent, NULL);
  fm_revisions_dialog_set_revisions (self, store, revisions);
  self->task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, fm_revisions_dialog_run_async);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (gtk_window_close), self,
                             G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self));
}

/**
 * fm_revisions_dialog_run_finish:
 *
 * Returns: %TRUE once the dialog has closed; the list only shows, so
 *   there is no choice to hand back
 */
gboolean
fm_revisions_dialog_run_finish (GAsyncResult  *result,
                                GError       **error)
{
  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == fm_revisions_dialog_run_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
