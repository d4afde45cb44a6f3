/* fm-update-summary-dialog.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-update-summary-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-diff.h"
#include "fm-text.h"
#include "fm-update-summary-dialog.h"

/* What an update of an article's text did: how many annotations kept,
 * moved, changed or lost their place, and a list of the ones to look at,
 * each showing its quote before and after. Picking one closes the dialog
 * and tells the caller which. */

struct _FmUpdateSummaryDialog
{
  AdwMessageDialog   parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scroller;
  GtkListBox        *list;

  /* Owned references */
  GTask             *task;
  /* The annotation of each row, by the row's index. */
  GArray            *row_ids;

  gint64             chosen_id;
};

G_DEFINE_FINAL_TYPE (FmUpdateSummaryDialog, fm_update_summary_dialog, ADW_TYPE_MESSAGE_DIALOG)

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

static GtkWidget *
attention_row_new (FmAnnotation *a)
{
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *title = NULL;

  if (fm_annotation_is_orphan (a))
    {
      g_autofree char *esc = g_markup_escape_text (fm_annotation_get_quote (a), -1);

      title = g_strdup_printf ("<b>%s</b> · %s", _("Orphaned"),
                               fm_kind_to_label (fm_annotation_get_kind (a)));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), esc);
    }
  else
    {
      g_autofree char *old_markup = NULL;
      g_autofree char *new_markup = NULL;
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
  return row;
}

static void
fm_update_summary_dialog_set_summary (FmUpdateSummaryDialog *self,
                                      FmDocument            *document,
                                      const FmUpdateSummary *summary)
{
  g_autofree char *body = NULL;

  g_assert (FM_IS_UPDATE_SUMMARY_DIALOG (self));

  /* Translators: after an update of an article's text. */
  body = g_strdup_printf (_("%u unchanged, %u moved, %u changed, %u orphaned."),
                          summary->counts[FM_ANCHOR_UNCHANGED], summary->counts[FM_ANCHOR_MOVED],
                          summary->counts[FM_ANCHOR_CHANGED], summary->counts[FM_ANCHOR_ORPHANED]);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self), body);

  gtk_widget_set_visible (GTK_WIDGET (self->scroller),
                          summary->attention->len > 0 && document != NULL);
  for (guint i = 0; document != NULL && i < summary->attention->len; i++)
    {
      gint64 id = g_array_index (summary->attention, gint64, i);
      FmAnnotation *a = fm_document_lookup (document, id);

      if (a == NULL)
        continue;
      gtk_list_box_append (self->list, attention_row_new (a));
      g_array_append_val (self->row_ids, id);
    }
}

static void
row_activated_cb (FmUpdateSummaryDialog *self,
                  GtkListBoxRow         *row,
                  GtkListBox            *list)
{
  int index = gtk_list_box_row_get_index (row);

  g_assert (FM_IS_UPDATE_SUMMARY_DIALOG (self));

  if (index >= 0 && (guint) index < self->row_ids->len)
    self->chosen_id = g_array_index (self->row_ids, gint64, index);
  gtk_window_close (GTK_WINDOW (self));
}

static void
fm_update_summary_dialog_response (AdwMessageDialog *dialog,
                                   const char       *response)
{
  FmUpdateSummaryDialog *self = FM_UPDATE_SUMMARY_DIALOG (dialog);
  g_autoptr(GTask) task = g_steal_pointer (&self->task);
  GValue value = G_VALUE_INIT;

  if (task == NULL)
    return;
  g_value_init (&value, G_TYPE_INT64);
  g_value_set_int64 (&value, self->chosen_id);
  g_task_return_value (task, &value);
}

static void
fm_update_summary_dialog_dispose (GObject *object)
{
  FmUpdateSummaryDialog *self = FM_UPDATE_SUMMARY_DIALOG (object);

  /* Destroyed without an answer: the caller still hears back. */
  if (self->task != NULL)
    fm_update_summary_dialog_response (ADW_MESSAGE_DIALOG (self), "close");
  gtk_widget_dispose_template (GTK_WIDGET (self), FM_TYPE_UPDATE_SUMMARY_DIALOG);
  G_OBJECT_CLASS (fm_update_summary_dialog_parent_class)->dispose (object);
}

static void
fm_update_summary_dialog_finalize (GObject *object)
{
  FmUpdateSummaryDialog *self = FM_UPDATE_SUMMARY_DIALOG (object);

  g_clear_pointer (&self->row_ids, g_array_unref);
  G_OBJECT_CLASS (fm_update_summary_dialog_parent_class)->finalize (object);
}

static void
fm_update_summary_dialog_class_init (FmUpdateSummaryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = fm_update_summary_dialog_dispose;
  object_class->finalize = fm_update_summary_dialog_finalize;
  dialog_class->response = fm_update_summary_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/fm-update-summary-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, FmUpdateSummaryDialog, scroller);
  gtk_widget_class_bind_template_child (widget_class, FmUpdateSummaryDialog, list);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
}

static void
fm_update_summary_dialog_init (FmUpdateSummaryDialog *self)
{
  self->row_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * fm_update_summary_dialog_run_async:
 * @parent: the window whose article was updated
 * @document: (nullable): the article as it is now, to list what needs a look
 * @summary: what the update did
 * @cancellable: (nullable): closes the dialog when cancelled
 *
 * Shows what an update of the text did. @callback runs when the dialog
 * closes; see fm_update_summary_dialog_run_finish().
 */
void
fm_update_summary_dialog_run_async (GtkWindow             *parent,
                                    FmDocument            *document,
                                    const FmUpdateSummary *summary,
                                    GCancellable          *cancellable,
                                    GAsyncReadyCallback    callback,
                                    gpointer               user_data)
{
  FmUpdateSummaryDialog *self;

  g_return_if_fail (GTK_IS_WINDOW (parent));
  g_return_if_fail (!document || FM_IS_DOCUMENT (document));
  g_return_if_fail (summary != NULL);
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  self = g_object_new (FM_TYPE_UPDATE_SUMMARY_DIALOG, "transient-for", parent, NULL);
  fm_update_summary_dialog_set_summary (self, document, summary);
  self->task = g_task_new (parent, cancellable, callback, user_data);
  g_task_set_source_tag (self->task, fm_update_summary_dialog_run_async);
  if (cancellable != NULL)
    g_signal_connect_object (cancellable, "cancelled", G_CALLBACK (gtk_window_close), self,
                             G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (self));
}

/**
 * fm_update_summary_dialog_run_finish:
 *
 * Returns: the id of the annotation the user picked to look at, or 0 when
 *   the dialog was closed without picking one
 */
gint64
fm_update_summary_dialog_run_finish (GAsyncResult  *result,
                                     GError       **error)
{
  GValue value = G_VALUE_INIT;

  g_return_val_if_fail (G_IS_TASK (result), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result))
                        == fm_update_summary_dialog_run_async, 0);

  if (!g_task_propagate_value (G_TASK (result), &value, error))
    return 0;
  return g_value_get_int64 (&value);
}
