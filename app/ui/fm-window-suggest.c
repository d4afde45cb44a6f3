/* fm-window-suggest.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-window"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-history.h"
#include "fm-window-private.h"

/* Suggestions in the window. They are found in a thread whenever an
 * article is shown (after an import, an update of its text, or switching
 * to it) and again when an annotation goes away, then filtered against the
 * library back on the main thread, since only it may touch the store. The
 * document holds them; the article view outlines them and the fact panel
 * lists them. Enter accepts the selected one, Delete rejects it and
 * Ctrl+Enter accepts every one of its kind, each one user action: an
 * accepted group is one transaction and one step of undo. */

/* How long after an annotation is removed the suggestions are found
 * again, so that undoing a group of twenty triggers one search. */
#define REFRESH_DELAY_MS 150

typedef struct
{
  gint64  article_id;
  char   *text;
} SuggestJob;

static void
suggest_job_free (SuggestJob *job)
{
  g_free (job->text);
  g_free (job);
}

static void
suggest_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  SuggestJob *job = task_data;

  g_task_return_pointer (task, fm_suggest_text (job->text, FM_SUGGEST_ALL_KINDS),
                         (GDestroyNotify) g_ptr_array_unref);
}

static void
suggest_done_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  FmWindow *self = FM_WINDOW (object);
  SuggestJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr(GPtrArray) found = g_task_propagate_pointer (G_TASK (result), NULL);
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;

  /* Cancelled, or the article changed while the thread ran. */
  if (found == NULL || self->document == NULL || get_store (self) == NULL
      || fm_document_get_article_id (self->document) != job->article_id)
    return;
  /* The document has the article's annotations already, and follows the
   * store; orphans, which it leaves out, never cover a suggestion. */
  annotations = fm_document_in_range (self->document, 0,
                                      fm_article_get_length (fm_document_get_article (self->document)));
  if (!fm_suggest_filter_against (get_store (self), fm_document_get_article (self->document),
                                  annotations, found, &error))
    {
      g_printerr ("factmark: Suggestions could not be checked against the library: %s\n",
                  error->message);
      return;
    }
  _fm_window_select_suggestion (self, NULL);
  fm_document_set_suggestions (self->document, g_steal_pointer (&found));
  _fm_window_update_actions (self);
}

static gboolean
refresh_timeout_cb (gpointer data)
{
  FmWindow *self = data;

  self->suggest_source = 0;
  _fm_window_refresh_suggestions (self);
  return G_SOURCE_REMOVE;
}

static const FmSuggestion *
selected (FmWindow *self)
{
  return self->selected_suggestion
         ? fm_suggestion_item_get_suggestion (self->selected_suggestion) : NULL;
}

static guint
position_of (FmWindow         *self,
             FmSuggestionItem *item)
{
  guint position = 0;

  g_list_store_find (G_LIST_STORE (fm_document_get_suggestions (self->document)), item, &position);
  return position;
}

/* Once a suggestion is accepted or rejected, the one that took its place
 * in text order is selected, so that Enter, Enter, Delete walks the list.
 * Accepting a quote may take its speaker's suggestion away too, so the
 * place is looked up again rather than remembered. */
static void
select_at (FmWindow *self,
           guint     position)
{
  GListModel *model = fm_document_get_suggestions (self->document);
  guint n = g_list_model_get_n_items (model);
  g_autoptr(FmSuggestionItem) item = NULL;

  if (n > 0)
    item = g_list_model_get_item (model, MIN (position, n - 1));
  _fm_window_select_suggestion (self, item);
}

static gboolean
accept (FmWindow  *self,
        GPtrArray *suggestions)
{
  g_autoptr(GPtrArray) created = NULL;
  g_autoptr(GError) error = NULL;

  if (!fm_suggest_accept (get_store (self), fm_document_get_article (self->document), suggestions,
                          &created, &error))
    {
      _fm_window_report (self, _("The suggestion could not be accepted"), error);
      return FALSE;
    }
  fm_history_record_created (get_history (self), created);
  return TRUE;
}

static void
accept_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);
  g_autoptr(FmSuggestionItem) item = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  guint position;

  if (self->document == NULL || self->selected_suggestion == NULL)
    return;
  item = g_object_ref (self->selected_suggestion);
  position = position_of (self, item);
  g_ptr_array_add (one, (gpointer) selected (self));
  if (!accept (self, one))
    return;
  fm_document_remove_suggestion (self->document, item);
  select_at (self, position);
}

static void
accept_all_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) chosen = g_ptr_array_new ();
  g_autofree char *message = NULL;
  GListModel *model;
  FmKind kind;

  if (self->document == NULL || self->selected_suggestion == NULL)
    return;
  kind = fm_suggestion_item_get_kind (self->selected_suggestion);
  model = fm_document_get_suggestions (self->document);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      FmSuggestionItem *item = g_list_model_get_item (model, i);

      if (fm_suggestion_item_get_kind (item) != kind)
        {
          g_object_unref (item);
          continue;
        }
      g_ptr_array_add (items, item);
      g_ptr_array_add (chosen, (gpointer) fm_suggestion_item_get_suggestion (item));
    }
  if (!accept (self, chosen))
    return;
  _fm_window_select_suggestion (self, NULL);
  for (guint i = 0; i < items->len; i++)
    fm_document_remove_suggestion (self->document, g_ptr_array_index (items, i));
  message = g_strdup_printf (ngettext ("%u suggestion accepted", "%u suggestions accepted",
                                       items->len), items->len);
  fm_window_show_toast (self, message);
}

static void
reject_action (GtkWidget  *widget,
               const char *name,
               GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);
  g_autoptr(FmSuggestionItem) item = NULL;
  g_autoptr(GError) error = NULL;
  guint position;

  if (self->document == NULL || self->selected_suggestion == NULL)
    return;
  item = g_object_ref (self->selected_suggestion);
  position = position_of (self, item);
  if (!fm_suggest_reject (get_store (self), fm_document_get_article (self->document),
                          selected (self), &error))
    {
      _fm_window_report (self, _("The suggestion could not be rejected"), error);
      return;
    }
  fm_document_remove_suggestion (self->document, item);
  select_at (self, position);
}

/* Enter, Delete and Ctrl+Enter act on a suggestion only while one is
 * selected, and never while the user types in a field; otherwise the key
 * goes on to whatever else it does. */
static gboolean
suggestion_shortcut_cb (GtkWidget *widget,
                        GVariant  *args,
                        gpointer   user_data)
{
  FmWindow *self = FM_WINDOW (widget);

  if (self->selected_suggestion == NULL || _fm_window_typing_in_field (self))
    return FALSE;
  return gtk_widget_activate_action (widget, user_data, NULL);
}

static void
add_shortcut (GtkShortcutController *controller,
              const char            *accel,
              const char            *action)
{
  GtkShortcutAction *callback = gtk_callback_action_new (suggestion_shortcut_cb, (gpointer) action,
                                                         NULL);

  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (gtk_shortcut_trigger_parse_string (accel),
                                                          callback));
}

void
_fm_window_class_init_suggest (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "article.accept-suggestion", NULL, accept_action);
  gtk_widget_class_install_action (widget_class, "article.reject-suggestion", NULL, reject_action);
  gtk_widget_class_install_action (widget_class, "article.accept-all-suggestions", NULL,
                                   accept_all_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-suggestions",
                                            "show-suggestions");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_j, GDK_CONTROL_MASK,
                                       "win.show-suggestions", NULL);
}

/* In the capture phase, before the same keys reach the text view, the
 * list or the annotation shortcuts. */
void
_fm_window_add_suggestion_shortcuts (FmWindow              *self,
                                     GtkShortcutController *controller)
{
  add_shortcut (controller, "Return|KP_Enter", "article.accept-suggestion");
  add_shortcut (controller, "<Control>Return|<Control>KP_Enter", "article.accept-all-suggestions");
  add_shortcut (controller, "Delete|KP_Delete", "article.reject-suggestion");
}

/* Selects @item (or nothing) in the article and in the fact panel. */
void
_fm_window_select_suggestion (FmWindow         *self,
                              FmSuggestionItem *item)
{
  guint position;

  /* Only one of the document's own suggestions can be selected. */
  if (item != NULL
      && (self->document == NULL
          || !g_list_store_find (G_LIST_STORE (fm_document_get_suggestions (self->document)),
                                 item, &position)))
    item = NULL;
  if (!g_set_object (&self->selected_suggestion, item))
    return;
  if (item != NULL && self->selected_id != 0)
    fm_window_select_annotation (self, 0, FALSE);
  fm_article_view_show_suggestion (self->article_view, item);
  if (item != NULL)
    fm_fact_panel_select_suggestion (self->fact_panel, item);
  _fm_window_update_actions (self);
}

/**
 * fm_window_select_suggestion:
 * @item: (nullable): a suggestion of the open document, or %NULL
 *
 * Selects the suggestion the keys act on, as clicking its outline does.
 */
void
fm_window_select_suggestion (FmWindow         *self,
                             FmSuggestionItem *item)
{
  g_return_if_fail (FM_IS_WINDOW (self));
  g_return_if_fail (!item || FM_IS_SUGGESTION_ITEM (item));

  _fm_window_select_suggestion (self, item);
}

FmSuggestionItem *
fm_window_get_selected_suggestion (FmWindow *self)
{
  g_return_val_if_fail (FM_IS_WINDOW (self), NULL);
  return self->selected_suggestion;
}

/* Drops the search under way, or waiting to start, for the suggestions. */
static void
stop_suggesting (FmWindow *self)
{
  g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->suggest_cancellable);
  g_clear_handle_id (&self->suggest_source, g_source_remove);
  self->suggest_when_painted = FALSE;
}

/* Finds the open article's suggestions anew, in a thread, or clears them
 * when they are turned off. */
void
_fm_window_refresh_suggestions (FmWindow *self)
{
  g_autoptr(GTask) task = NULL;
  SuggestJob *job;

  stop_suggesting (self);
  if (self->document == NULL)
    return;
  if (!self->show_suggestions)
    {
      _fm_window_select_suggestion (self, NULL);
      fm_document_set_suggestions (self->document, NULL);
      _fm_window_update_actions (self);
      return;
    }

  job = g_new0 (SuggestJob, 1);
  job->article_id = fm_document_get_article_id (self->document);
  job->text = g_strdup (fm_article_get_text (fm_document_get_article (self->document)));
  self->suggest_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->suggest_cancellable, suggest_done_cb, NULL);
  g_task_set_source_tag (task, _fm_window_refresh_suggestions);
  g_task_set_task_data (task, job, (GDestroyNotify) suggest_job_free);
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, suggest_thread);
}

static void
painting_changed_cb (FmWindow      *self,
                     GParamSpec    *pspec,
                     FmArticleView *view)
{
  if (self->suggest_when_painted && !fm_article_view_get_painting (view))
    _fm_window_refresh_suggestions (self);
}

/* For an article just opened: its suggestions are looked for once the
 * view has painted its highlights. On two cores, the suggestion thread
 * running beside the painting held back the last highlight of a 1 MB
 * article by about 20 ms of 140; the outlines come a moment later
 * instead. */
void
_fm_window_suggest_when_painted (FmWindow *self)
{
  if (self->document == NULL || !self->show_suggestions
      || !fm_article_view_get_painting (self->article_view))
    {
      _fm_window_refresh_suggestions (self);
      return;
    }
  /* What an earlier article was being searched for is of no use now. */
  stop_suggesting (self);
  self->suggest_when_painted = TRUE;
}

void
_fm_window_init_suggest (FmWindow *self)
{
  g_signal_connect_object (self->article_view, "notify::painting",
                           G_CALLBACK (painting_changed_cb), self, G_CONNECT_SWAPPED);
}

void
_fm_window_schedule_suggestions (FmWindow *self)
{
  if (self->suggest_source == 0)
    self->suggest_source = g_timeout_add (REFRESH_DELAY_MS, refresh_timeout_cb, self);
}
