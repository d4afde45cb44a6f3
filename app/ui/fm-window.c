/* fm-window.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fm-delete-article-dialog.h"
#include "fm-error-dialog.h"
#include "fm-facts-window.h"
#include "fm-sources-window.h"
#include "fm-history.h"
#include "fm-properties-dialog.h"
#include "fm-window-private.h"

/* The main window: library, article and fact panel. It owns the open
 * FmDocument and routes every user action through FmHistory, so each one
 * is a single transaction that can be undone. Actions are win.* for the
 * library and window, article.* for what acts on the open article. */

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_SHOW_LIBRARY,
  PROP_SHOW_FACTS,
  PROP_SHOW_SUGGESTIONS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FmWindow, fm_window, ADW_TYPE_APPLICATION_WINDOW)

/* How long an opening may take before the window says it is under way. */
#define OPENING_SLOW_MS 200

static GParamSpec *properties[N_PROPS];

void
_fm_window_report (FmWindow     *self,
                   const char   *heading,
                   const GError *error)
{
  g_printerr ("factmark: %s: %s\n", heading, error->message);
  fm_window_show_error (self, heading, error->message);
}

void
_fm_window_update_actions (FmWindow *self)
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", open);
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.accept-suggestion",
                                 open && self->selected_suggestion != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.reject-suggestion",
                                 open && self->selected_suggestion != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "article.accept-all-suggestions",
                                 open && self->selected_suggestion != NULL);
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
  _fm_window_update_actions (self);
}

static void
selection_changed_cb (FmWindow      *self,
                      GParamSpec    *pspec,
                      GtkTextBuffer *buffer)
{
  _fm_window_update_actions (self);
}

/* The one place the open document changes. The article view and the fact
 * panel bind to the document property in the template; the window follows
 * the document's signals and the article's titles through groups, so no
 * handler is ever left on an old document. */
static void
set_document (FmWindow   *self,
              FmDocument *document)
{
  FmArticle *article = document ? fm_document_get_article (document) : NULL;

  g_assert (FM_IS_WINDOW (self));

  fm_annotation_editor_flush (fm_fact_panel_get_editor (self->fact_panel));
  if (!g_set_object (&self->document, document))
    return;
  self->selected_id = 0;
  g_clear_object (&self->selected_suggestion);
  g_signal_group_set_target (self->document_signals, document);
  g_binding_group_set_source (self->article_bindings, article);
  if (article == NULL)
    {
      adw_window_title_set_title (self->article_title, _("Factmark"));
      adw_window_title_set_subtitle (self->article_title, NULL);
      gtk_window_set_title (GTK_WINDOW (self), _("Factmark"));
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
  _fm_window_suggest_when_painted (self);
}

/* No article open any more: the one shown is gone from the library. */
static void
close_document (FmWindow *self)
{
  set_document (self, NULL);
  gtk_stack_set_visible_child_name (self->article_stack, "none");
  fm_library_view_set_current (self->library_view, 0);
  _fm_window_update_actions (self);
  update_main_page (self);
}

static void
document_removed_cb (FmWindow   *self,
                     FmDocument *document)
{
  FmHistory *history = get_history (self);

  if (history)
    fm_history_forget_article (history, fm_document_get_article_id (document));
  close_document (self);
}

static void
document_annotation_removed_cb (FmWindow     *self,
                                FmAnnotation *annotation,
                                FmDocument   *document)
{
  if (fm_annotation_get_id (annotation) == self->selected_id)
    {
      self->selected_id = 0;
      _fm_window_update_actions (self);
    }
  /* What the annotation covered may be a suggestion again. */
  _fm_window_schedule_suggestions (self);
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

/* An annotation in another article, as "Checked before" leads to. */
static void
show_annotation_cb (FmWindow    *self,
                    gint64       article_id,
                    gint64       annotation_id,
                    FmFactPanel *panel)
{
  if (fm_window_show_article (self, article_id))
    fm_window_select_annotation (self, annotation_id, TRUE);
}

static void
suggestion_clicked_cb (FmWindow         *self,
                       FmSuggestionItem *item,
                       FmArticleView    *view)
{
  _fm_window_select_suggestion (self, item);
}

static void
suggestion_activated_cb (FmWindow         *self,
                         FmSuggestionItem *item,
                         FmFactPanel      *panel)
{
  _fm_window_select_suggestion (self, item);
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
  _fm_window_link_repeated (self, annotation);
}

/* One callback for article.mark-claim, -figure and -source: the kind is
 * the end of the action's name. */
static void
mark_action (GtkWidget  *widget,
             const char *name,
             GVariant   *param)
{
  FmKind kind;

  if (fm_kind_from_string (name + strlen ("article.mark-"), &kind))
    mark (FM_WINDOW (widget), kind);
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
      _fm_window_report (self, undo ? _("Could not undo") : _("Could not redo"), error);
      return;
    }

  if (affected != 0 && fm_document_lookup (self->document, affected) != NULL)
    fm_window_select_annotation (self, affected, TRUE);
  else
    fm_window_select_annotation (self, 0, FALSE);
}

static void
undo_redo_action (GtkWidget  *widget,
                  const char *name,
                  GVariant   *param)
{
  step_history (FM_WINDOW (widget), g_str_equal (name, "article.undo"));
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
      _fm_window_report (self, _("Could not delete the annotation"), error);
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

/* Article properties */

static void
properties_done_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  FmWindow *self = FM_WINDOW (object);
  g_autoptr(FmArticleProperties) properties = NULL;
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  FmStore *store = get_store (self);

  properties = fm_properties_dialog_run_finish (result, NULL);
  if (properties == NULL || store == NULL)
    return;

  /* Read anew: only the five properties change, whatever else did. */
  article = fm_store_get_article (store, properties->article_id, &error);
  if (article != NULL)
    {
      fm_article_set_title (article, properties->title);
      fm_article_set_url (article, properties->url);
      fm_article_set_outlet (article, properties->outlet);
      fm_article_set_author (article, properties->author);
      fm_article_set_published (article, properties->published);
    }
  if (article == NULL || !fm_store_update_article (store, article, &error))
    _fm_window_report (self, _("The properties could not be saved"), error);
}

void
_fm_window_show_properties (FmWindow *self,
                 gboolean  after_import)
{
  if (self->document == NULL)
    return;
  fm_properties_dialog_run_async (GTK_WINDOW (self), fm_document_get_article (self->document),
                                  after_import, NULL, properties_done_cb, NULL);
}

static void
properties_action (GtkWidget  *widget,
                   const char *name,
                   GVariant   *param)
{
  _fm_window_show_properties (FM_WINDOW (widget), FALSE);
}

/* Deleting an article */

static void
delete_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  FmWindow *self = FM_WINDOW (object);
  g_autoptr(GError) error = NULL;
  gint64 id = fm_delete_article_dialog_run_finish (result, NULL);
  FmStore *store = get_store (self);

  if (id == 0 || store == NULL)
    return;
  if (!fm_store_delete_article (store, id, &error))
    _fm_window_report (self, _("The article could not be deleted"), error);
  else
    fm_window_show_toast (self, _("Article deleted"));
}

static void
delete_article_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);

  if (self->document == NULL)
    return;
  fm_delete_article_dialog_run_async (GTK_WINDOW (self), fm_document_get_article (self->document),
                                      NULL, delete_done_cb, NULL);
}

/* Opening an article */

/* One opening under way: what to do once the article is in. */
struct _FmWindowOpening
{
  FmWindow      *window;
  GCancellable  *cancellable;
  gint64         article_id;
  FmWindowFunc   then;
  gpointer       then_data;
  GDestroyNotify then_destroy;
  /* A selection asked for meanwhile, made once the annotation is there. */
  gint64         select_id;
  gboolean       reveal;
};

static void
opening_free (FmWindowOpening *opening)
{
  if (opening->then_destroy != NULL)
    opening->then_destroy (opening->then_data);
  g_clear_object (&opening->cancellable);
  g_clear_object (&opening->window);
  g_free (opening);
}

/* Lets go of the opening under way, if any: its result will be dropped. */
static FmWindowOpening *
cancel_opening (FmWindow *self)
{
  FmWindowOpening *opening = g_steal_pointer (&self->opening);

  g_clear_handle_id (&self->opening_source, g_source_remove);
  if (opening != NULL)
    g_cancellable_cancel (opening->cancellable);
  return opening;
}

static void
take_then (FmWindowOpening *opening,
           FmWindowFunc     then,
           gpointer         data,
           GDestroyNotify   destroy)
{
  if (opening->then_destroy != NULL)
    opening->then_destroy (opening->then_data);
  opening->then = then;
  opening->then_data = data;
  opening->then_destroy = destroy;
}

static void
show_opened (FmWindow        *self,
             FmDocument      *document,
             FmWindowOpening *opening)
{
  gint64 article_id = fm_document_get_article_id (document);

  set_document (self, document);
  fm_library_view_set_current (self->library_view, article_id);
  gtk_stack_set_visible_child_name (self->article_stack, "article");
  gtk_stack_set_visible_child_name (self->main_stack, "main");
  gtk_widget_grab_focus (GTK_WIDGET (fm_article_view_get_text_view (self->article_view)));

  if (get_settings (self))
    g_settings_set_string (get_settings (self), "last-article",
                           fm_article_get_uuid (fm_document_get_article (document)));
  _fm_window_update_actions (self);
  if (opening->select_id != 0)
    fm_window_select_annotation (self, opening->select_id, opening->reveal);
  if (opening->then != NULL)
    opening->then (self, opening->then_data);
}

static void
open_failed (FmWindow     *self,
             const GError *error)
{
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  /* Read again after a change from elsewhere, it was gone: deleted by
   * another program. */
  if (self->document != NULL && g_error_matches (error, FM_ERROR, FM_ERROR_NOT_FOUND))
    {
      close_document (self);
      fm_window_show_toast (self, _("The article is no longer in the library"));
      return;
    }
  gtk_stack_set_visible_child_name (self->article_stack, self->document ? "article" : "none");
  _fm_window_report (self, _("The article could not be opened"), error);
}

static void
document_loaded_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  FmWindowOpening *opening = user_data;
  FmWindow *self = opening->window;
  g_autoptr(GError) error = NULL;
  g_autoptr(FmDocument) document = fm_document_load_finish (result, &error);

  /* Another article was asked for meanwhile, or the window closed. */
  if (self->opening != opening)
    {
      opening_free (opening);
      return;
    }
  cancel_opening (self);
  if (document != NULL)
    show_opened (self, document, opening);
  else
    open_failed (self, error);
  opening_free (opening);
}

/* A long article takes a moment to read; after a short wait, say so
 * rather than leave the last one looking current. */
static gboolean
opening_slow_cb (gpointer data)
{
  FmWindow *self = data;

  self->opening_source = 0;
  gtk_stack_set_visible_child_name (self->article_stack, "opening");
  return G_SOURCE_REMOVE;
}

/* Reads the article from the store even when it is the one open, as after
 * its text changed underneath. An opening of the same article under way
 * starts again, keeping what was to follow it. */
static void
open_article (FmWindow *self,
              gint64    article_id)
{
  FmWindowOpening *previous;
  FmWindowOpening *opening = g_new0 (FmWindowOpening, 1);

  g_assert (FM_IS_WINDOW (self));

  fm_annotation_editor_flush (fm_fact_panel_get_editor (self->fact_panel));
  opening->window = g_object_ref (self);
  opening->cancellable = g_cancellable_new ();
  opening->article_id = article_id;
  previous = cancel_opening (self);
  if (previous != NULL && previous->article_id == article_id)
    {
      take_then (opening, previous->then, previous->then_data, previous->then_destroy);
      previous->then_destroy = NULL;
      opening->select_id = previous->select_id;
      opening->reveal = previous->reveal;
    }
  self->opening = opening;
  self->opening_source = g_timeout_add (OPENING_SLOW_MS, opening_slow_cb, self);
  fm_document_load_async (get_store (self), article_id, opening->cancellable,
                          document_loaded_cb, opening);
}

static void
text_changed_cb (FmWindow *self,
                 gint64    article_id,
                 FmStore  *store)
{
  /* The text and every annotation moved at once: load the article anew.
   * A reading under way of this article starts again by itself; one of
   * another replaces this one anyway. */
  if (self->opening != NULL || self->document == NULL
      || fm_document_get_article_id (self->document) != article_id)
    return;
  open_article (self, article_id);
}

static void
changed_externally_cb (FmWindow *self,
                       FmStore  *store)
{
  gint64 article_id = self->document ? fm_document_get_article_id (self->document) : 0;
  gint64 selected = self->selected_id;

  /* Another program (factmark-cli, say) wrote to the library: show what
   * it holds now, keeping the open article and selection where they
   * still exist. Undo history would no longer match, so it is dropped.
   * A reading under way may have been taken before, so it starts again. */
  fm_library_view_set_store (self->library_view, store);
  if (self->opening != NULL)
    {
      article_id = self->opening->article_id;
      selected = self->opening->select_id;
    }
  if (article_id == 0)
    return;
  if (get_history (self))
    fm_history_forget_article (get_history (self), article_id);
  open_article (self, article_id);
  if (self->opening->select_id == 0)
    self->opening->select_id = selected;
}

static void
search_library_action (GtkWidget  *widget,
                       const char *name,
                       GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);

  g_object_set (self, "show-library", TRUE, NULL);
  gtk_stack_set_visible_child_name (self->library_stack, "articles");
  fm_library_view_focus_search (self->library_view);
}

static void
search_everything_action (GtkWidget  *widget,
                          const char *name,
                          GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);

  g_object_set (self, "show-library", TRUE, NULL);
  gtk_stack_set_visible_child_name (self->library_stack, "search");
  fm_search_panel_focus (self->search_panel);
}

static void
facts_action (GtkWidget  *widget,
              const char *name,
              GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);
  FmStore *store = get_store (self);

  if (store != NULL)
    gtk_window_present (GTK_WINDOW (fm_facts_window_new (GTK_WINDOW (self), store)));
}

static void
sources_action (GtkWidget  *widget,
                const char *name,
                GVariant   *param)
{
  FmWindow *self = FM_WINDOW (widget);
  FmStore *store = get_store (self);
  const char *key = param ? g_variant_get_string (param, NULL) : "";

  if (store != NULL)
    gtk_window_present (GTK_WINDOW (fm_sources_window_new (GTK_WINDOW (self), store,
                                                           *key ? key : NULL)));
}

static void
search_stopped_cb (FmWindow      *self,
                   FmSearchPanel *panel)
{
  gtk_stack_set_visible_child_name (self->library_stack, "articles");
}

static void
reveal_hit (FmWindow *self,
            gpointer  data)
{
  const FmSearchHit *hit = fm_search_result_get_hit (data);

  if (hit->end > hit->start)
    fm_article_view_reveal_range (self->article_view, hit->start, hit->end);
}

/* A hit opens its article at the passage: an annotation is selected and
 * revealed, words of the text are flashed. */
static void
search_hit_activated_cb (FmWindow       *self,
                         FmSearchResult *result,
                         FmSearchPanel  *panel)
{
  const FmSearchHit *hit = fm_search_result_get_hit (result);

  if (hit->annotation_id == 0)
    {
      _fm_window_show_article_then (self, hit->article_id, reveal_hit, g_object_ref (result),
                                    g_object_unref);
      return;
    }
  if (fm_window_show_article (self, hit->article_id))
    fm_window_select_annotation (self, hit->annotation_id, TRUE);
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

gboolean
_fm_window_typing_in_field (FmWindow *self)
{
  return typing_in_field (self);
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
      g_settings_bind (settings, "show-suggestions", self, "show-suggestions",
                       G_SETTINGS_BIND_DEFAULT);
    }

  if (store != NULL)
    {
      fm_library_view_set_store (self->library_view, store);
      fm_search_panel_set_store (self->search_panel, store);
      g_signal_connect_object (store, "article-text-changed", G_CALLBACK (text_changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (store, "changed-externally", G_CALLBACK (changed_externally_cb),
                               self, G_CONNECT_SWAPPED);
    }
  if (history != NULL)
    g_signal_connect_object (history, "changed", G_CALLBACK (history_changed_cb), self,
                             G_CONNECT_SWAPPED);
  fm_fact_panel_set_history (self->fact_panel, history);
  if (store != NULL)
    g_signal_connect_object (fm_library_view_get_model (self->library_view), "items-changed",
                             G_CALLBACK (update_main_page), self, G_CONNECT_SWAPPED);

  _fm_window_update_actions (self);
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

  cancel_opening (self);
  g_cancellable_cancel (self->suggest_cancellable);
  g_clear_object (&self->suggest_cancellable);
  g_clear_handle_id (&self->suggest_source, g_source_remove);
  g_clear_object (&self->selected_suggestion);
  g_signal_group_set_target (self->document_signals, NULL);
  g_binding_group_set_source (self->article_bindings, NULL);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->article_bindings);
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
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_SHOW_LIBRARY:
      g_value_set_boolean (value, self->show_library);
      break;

    case PROP_SHOW_FACTS:
      g_value_set_boolean (value, self->show_facts);
      break;

    case PROP_SHOW_SUGGESTIONS:
      g_value_set_boolean (value, self->show_suggestions);
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

    case PROP_SHOW_SUGGESTIONS:
      v = g_value_get_boolean (value);
      if (v != self->show_suggestions)
        {
          self->show_suggestions = v;
          _fm_window_refresh_suggestions (self);
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
  { GDK_KEY_f, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.search" },
  { GDK_KEY_f, GDK_CONTROL_MASK | GDK_ALT_MASK, "win.search-library" },
  { GDK_KEY_l, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.facts" },
  { GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.sources" },
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
  { GDK_KEY_p, GDK_CONTROL_MASK, "win.print" },
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

  /**
   * FmWindow:document:
   *
   * The open article and its annotations, or %NULL. The article view and
   * the fact panel bind to it in the template.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, FM_TYPE_DOCUMENT,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_LIBRARY] =
    g_param_spec_boolean ("show-library", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SHOW_FACTS] =
    g_param_spec_boolean ("show-facts", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * FmWindow:show-suggestions:
   *
   * Whether the detectors propose annotations for the open article.
   */
  properties[PROP_SHOW_SUGGESTIONS] =
    g_param_spec_boolean ("show-suggestions", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (FM_TYPE_LIBRARY_VIEW);
  g_type_ensure (FM_TYPE_APPLICATION);
  g_type_ensure (FM_TYPE_DESK_SYNC);
  g_type_ensure (FM_TYPE_ARTICLE_VIEW);
  g_type_ensure (FM_TYPE_FACT_PANEL);
  g_type_ensure (FM_TYPE_SEARCH_PANEL);

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
  gtk_widget_class_bind_template_child (widget_class, FmWindow, library_stack);
  gtk_widget_class_bind_template_child (widget_class, FmWindow, search_panel);
  gtk_widget_class_bind_template_child (widget_class, FmWindow, article_view);
  gtk_widget_class_bind_template_child (widget_class, FmWindow, fact_panel);
  gtk_widget_class_bind_template_callback (widget_class, library_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, annotation_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, fact_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, suggestion_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, show_annotation_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_hit_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stopped_cb);
  gtk_widget_class_bind_template_callback (widget_class, suggestion_activated_cb);

  gtk_widget_class_install_action (widget_class, "win.article-properties", NULL, properties_action);
  gtk_widget_class_install_action (widget_class, "win.delete-article", NULL, delete_article_action);
  gtk_widget_class_install_action (widget_class, "win.search-library", NULL, search_library_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_everything_action);
  gtk_widget_class_install_action (widget_class, "win.facts", NULL, facts_action);
  gtk_widget_class_install_action (widget_class, "win.sources", NULL, sources_action);
  gtk_widget_class_install_action (widget_class, "win.source-page", "s", sources_action);
  gtk_widget_class_install_property_action (widget_class, "win.toggle-library", "show-library");
  gtk_widget_class_install_property_action (widget_class, "win.toggle-facts", "show-facts");
  gtk_widget_class_install_action (widget_class, "article.mark-claim", NULL, mark_action);
  gtk_widget_class_install_action (widget_class, "article.mark-figure", NULL, mark_action);
  gtk_widget_class_install_action (widget_class, "article.mark-source", NULL, mark_action);
  gtk_widget_class_install_action (widget_class, "article.undo", NULL, undo_redo_action);
  gtk_widget_class_install_action (widget_class, "article.redo", NULL, undo_redo_action);
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

  _fm_window_class_init_io (widget_class);
  _fm_window_class_init_update (widget_class);
  _fm_window_class_init_print (widget_class);
  _fm_window_class_init_suggest (widget_class);
  _fm_window_class_init_tracked (widget_class);

  for (guint i = 0; i < G_N_ELEMENTS (bindings); i++)
    gtk_widget_class_add_binding_action (widget_class, bindings[i].keyval, bindings[i].modifiers,
                                         bindings[i].action, NULL);
}

static void
fm_window_init (FmWindow *self)
{
  GtkEventController *shortcuts;

  self->show_library = TRUE;
  self->show_facts = TRUE;
  self->show_suggestions = TRUE;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->document_signals = g_signal_group_new (FM_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "removed",
                                 G_CALLBACK (document_removed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "annotation-removed",
                                 G_CALLBACK (document_annotation_removed_cb), self,
                                 G_CONNECT_SWAPPED);

  /* The titles follow the open article, as they change in its properties. */
  self->article_bindings = g_binding_group_new ();
  g_binding_group_bind (self->article_bindings, "display-title", self->article_title, "title",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->article_bindings, "subtitle", self->article_title, "subtitle",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind (self->article_bindings, "display-title", self, "title",
                        G_BINDING_SYNC_CREATE);

  g_signal_connect_object (gtk_text_view_get_buffer (fm_article_view_get_text_view (self->article_view)),
                           "notify::has-selection", G_CALLBACK (selection_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->inner_paned, "map", G_CALLBACK (inner_paned_map_cb), self,
                           G_CONNECT_SWAPPED);

  _fm_window_init_io (self);
  _fm_window_init_suggest (self);

  shortcuts = gtk_shortcut_controller_new ();
  gtk_event_controller_set_propagation_phase (shortcuts, GTK_PHASE_CAPTURE);
  _fm_window_add_suggestion_shortcuts (self, GTK_SHORTCUT_CONTROLLER (shortcuts));
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
 * Opens the article; a long one is read in a thread, and shown when it is
 * in. A selection asked for meanwhile is made then.
 *
 * Returns: whether there is a library to open it from
 */
gboolean
fm_window_show_article (FmWindow *self,
                        gint64    article_id)
{
  g_return_val_if_fail (FM_IS_WINDOW (self), FALSE);

  return _fm_window_show_article_then (self, article_id, NULL, NULL, NULL);
}

/**
 * _fm_window_show_article_then:
 * @then: (nullable): called once the article is shown, unless another is
 *   asked for first
 *
 * Opens the article, reading it in a thread unless it is the one shown.
 *
 * Returns: whether there is a library to open it from; a failure to read
 *   it is reported later, in the window
 */
gboolean
_fm_window_show_article_then (FmWindow       *self,
                              gint64          article_id,
                              FmWindowFunc    then,
                              gpointer        data,
                              GDestroyNotify  destroy)
{
  g_return_val_if_fail (FM_IS_WINDOW (self), FALSE);

  if (get_store (self) == NULL)
    {
      if (destroy != NULL)
        destroy (data);
      return FALSE;
    }
  if (self->opening != NULL && self->opening->article_id == article_id)
    {
      take_then (self->opening, then, data, destroy);
      return TRUE;
    }
  if (self->document && fm_document_get_article_id (self->document) == article_id)
    {
      /* Back to the article shown before another was read to the end. */
      if (self->opening != NULL)
        {
          cancel_opening (self);
          gtk_stack_set_visible_child_name (self->article_stack, "article");
        }
      gtk_stack_set_visible_child_name (self->main_stack, "main");
      if (then != NULL)
        then (self, data);
      if (destroy != NULL)
        destroy (data);
      return TRUE;
    }
  open_article (self, article_id);
  take_then (self->opening, then, data, destroy);
  return TRUE;
}

/**
 * fm_window_is_opening:
 *
 * Returns: whether an article is being read, to be shown when it is in
 */
gboolean
fm_window_is_opening (FmWindow *self)
{
  g_return_val_if_fail (FM_IS_WINDOW (self), FALSE);
  return self->opening != NULL;
}

void
fm_window_restore_last (FmWindow *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  gint64 article_id = 0;
  FmStore *store;

  g_return_if_fail (FM_IS_WINDOW (self));

  if (self->document != NULL || !(store = get_store (self)))
    return;
  uuid = get_settings (self) ? g_settings_get_string (get_settings (self), "last-article")
                             : g_strdup ("");
  /* Only the id: showing the article reads it once. */
  if (*uuid != '\0')
    article_id = fm_store_lookup_article_id (store, uuid, &error);

  /* With nothing to come back to, open the newest article rather than
   * greet the user with an empty page. */
  if (article_id <= 0)
    {
      GListModel *model = fm_library_view_get_model (self->library_view);

      if (g_list_model_get_n_items (model) > 0)
        {
          g_autoptr(FmArticle) newest = g_list_model_get_item (model, 0);
          article_id = fm_article_get_id (newest);
        }
    }
  if (article_id > 0)
    fm_window_show_article (self, article_id);
}

void
fm_window_select_annotation (FmWindow *self,
                             gint64    annotation_id,
                             gboolean  reveal)
{
  g_return_if_fail (FM_IS_WINDOW (self));

  /* The article asked for last is still being read: select once it is in. */
  if (self->opening != NULL)
    {
      self->opening->select_id = annotation_id;
      self->opening->reveal = reveal;
      return;
    }
  if (self->document == NULL || fm_document_lookup (self->document, annotation_id) == NULL)
    annotation_id = 0;

  self->selected_id = annotation_id;
  fm_article_view_set_selected (self->article_view, annotation_id);
  if (annotation_id != 0)
    {
      _fm_window_select_suggestion (self, NULL);
      g_object_set (self, "show-facts", TRUE, NULL);
      fm_fact_panel_show_editor (self->fact_panel, annotation_id);
      if (reveal)
        fm_article_view_reveal (self->article_view, annotation_id, TRUE);
    }
  else
    fm_fact_panel_show_list (self->fact_panel);
  _fm_window_update_actions (self);
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

FmSearchPanel *
fm_window_get_search_panel (FmWindow *self)
{
  g_return_val_if_fail (FM_IS_WINDOW (self), NULL);
  return self->search_panel;
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
  g_return_if_fail (FM_IS_WINDOW (self));

  fm_error_dialog_run_async (GTK_WINDOW (self), heading, body, NULL, NULL, NULL);
}

void
fm_window_show_toast (FmWindow   *self,
                      const char *message)
{
  g_return_if_fail (FM_IS_WINDOW (self));
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}
