/* fm-sources-window.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-sources-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fm-facts.h"
#include "fm-facts-window.h"
#include "fm-source-name-dialog.h"
#include "fm-sources.h"
#include "fm-sources-window.h"
#include "fm-window.h"

/* The library's sources, each with its page: the names it is written as,
 * its track record, every claim and figure attributed to it across the
 * library, and the other sources that look like it. Merging, renaming and
 * splitting each show a toast with Undo; Ctrl+Z undoes them in turn. The
 * window follows the store, reading it again from idle after changes, and
 * keeps the source that was shown. */

struct _FmSourcesWindow
{
  AdwWindow           parent_instance;

  /* Template widgets */
  AdwToastOverlay    *toast_overlay;
  GtkToggleButton    *duplicates_button;
  AdwWindowTitle     *window_title;
  GtkSearchEntry     *filter_entry;
  GtkListView        *sources_view;
  GtkStack           *page_stack;
  AdwStatusPage      *empty_page;
  GtkLabel           *name_label;
  GtkLabel           *aliases_label;
  GtkLabel           *record_label;
  AdwPreferencesGroup *merges_group;
  GtkListBox         *merges_list;
  GtkListBox         *claims_list;
  GtkListBox         *mentions_list;

  /* Owned references */
  FmStore            *store;
  GSignalGroup       *store_signals;
  GListStore         *sources;
  GtkFilterListModel *filtered;
  GtkSingleSelection *selection;
  GPtrArray          *merges;       /* FmSourceMerge */
  GHashTable         *with_merges;  /* keys of sources in a merge */
  GQueue              undo;         /* FmSourceChange, the latest first */
  AdwToast           *undo_toast;
  char               *needle;
  char               *shown_key;
  guint               reload_source;
  GCancellable       *list_cancellable;
};

G_DEFINE_FINAL_TYPE (FmSourcesWindow, fm_sources_window, ADW_TYPE_WINDOW)

/* Rows in each list of a source's page, so a source cited thousands of
 * times still opens at once. */
#define PAGE_ROWS 100

static void show_source (FmSourcesWindow *self,
                         FmLibrarySource *source);

static void
report (FmSourcesWindow *self,
        const GError    *error)
{
  g_printerr ("factmark: %s\n", error->message);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  FmSourcesWindow *self = user_data;
  FmLibrarySource *source = item;
  g_autofree char *name = NULL;
  g_autofree char *aliases = NULL;

  if (gtk_toggle_button_get_active (self->duplicates_button)
      && !g_hash_table_contains (self->with_merges, fm_library_source_get_key (source)))
    return FALSE;
  if (self->needle == NULL)
    return TRUE;
  name = g_utf8_casefold (fm_library_source_get_name (source), -1);
  aliases = g_utf8_casefold (fm_library_source_get_aliases (source), -1);
  return strstr (name, self->needle) != NULL || strstr (aliases, self->needle) != NULL;
}

static void
refilter (FmSourcesWindow *self)
{
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->filtered),
                      GTK_FILTER_CHANGE_DIFFERENT);
}

/* Selects the source @key, or the first one if it is gone. */
static void
select_key (FmSourcesWindow *self,
            const char      *key)
{
  GListModel *model = G_LIST_MODEL (self->filtered);
  guint n = g_list_model_get_n_items (model);

  for (guint i = 0; key != NULL && i < n; i++)
    {
      g_autoptr(FmLibrarySource) s = g_list_model_get_item (model, i);

      if (g_str_equal (fm_library_source_get_key (s), key))
        {
          gtk_single_selection_set_selected (self->selection, i);
          show_source (self, s);
          return;
        }
    }
  gtk_single_selection_set_selected (self->selection, n > 0 ? 0 : GTK_INVALID_LIST_POSITION);
  {
    g_autoptr(FmLibrarySource) first = n > 0 ? g_list_model_get_item (model, 0) : NULL;

    show_source (self, first);
  }
}

static void
index_merges (FmSourcesWindow *self,
              GPtrArray       *merges)
{
  g_hash_table_remove_all (self->with_merges);
  for (guint i = 0; i < merges->len; i++)
    {
      FmSourceMerge *m = g_ptr_array_index (merges, i);

      g_hash_table_add (self->with_merges, g_strdup (m->key));
      g_hash_table_add (self->with_merges, g_strdup (m->other_key));
    }
  g_clear_pointer (&self->merges, g_ptr_array_unref);
  self->merges = g_ptr_array_ref (merges);
}

static void
update_title (FmSourcesWindow *self,
              guint            n_sources)
{
  g_autofree char *subtitle = NULL;
  guint n = self->merges ? self->merges->len : 0;

  if (n > 0)
    /* Translators: the Sources window's subtitle. */
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u source · %u possible duplicate",
                                             "%u sources · %u possible duplicates", n_sources),
                                n_sources, n);
  else
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u source", "%u sources",
                                             n_sources), n_sources);
  adw_window_title_set_subtitle (self->window_title, subtitle);
}

typedef struct
{
  GPtrArray *sources;
  GPtrArray *merges;
} Listing;

static void
listing_free (Listing *listing)
{
  g_clear_pointer (&listing->sources, g_ptr_array_unref);
  g_clear_pointer (&listing->merges, g_ptr_array_unref);
  g_free (listing);
}

/* Grouping every source annotation of a big library takes a while: it is
 * done in a thread, on a connection of its own. */
static void
list_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  g_autoptr(FmStore) store = NULL;
  Listing *listing = g_new0 (Listing, 1);
  GError *error = NULL;

  if (!(store = fm_store_open (task_data, &error))
      || !(listing->sources = fm_store_list_library_sources (store, &error))
      || !(listing->merges = fm_store_propose_source_merges (store, &error)))
    {
      listing_free (listing);
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, listing, (GDestroyNotify) listing_free);
}

static void
listed_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  FmSourcesWindow *self = FM_SOURCES_WINDOW (object);
  g_autoptr(GError) error = NULL;
  Listing *listing = g_task_propagate_pointer (G_TASK (result), &error);
  g_autofree char *key = NULL;


  if (listing == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_printerr ("factmark: The sources could not be read: %s\n", error->message);
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->page_stack, "empty");
      return;
    }
  key = g_strdup (self->shown_key);
  index_merges (self, listing->merges);
  g_list_store_splice (self->sources, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sources)),
                       listing->sources->pdata, listing->sources->len);
  update_title (self, listing->sources->len);
  select_key (self, key);
  listing_free (listing);
}

static void
reload (FmSourcesWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();
  task = g_task_new (self, self->list_cancellable, listed_cb, NULL);
  g_task_set_task_data (task, g_strdup (fm_store_get_path (self->store)), g_free);
  g_task_run_in_thread (task, list_thread);
}

static gboolean
reload_idle_cb (gpointer data)
{
  FmSourcesWindow *self = data;

  self->reload_source = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (FmSourcesWindow *self)
{
  if (self->reload_source == 0)
    self->reload_source = g_idle_add (reload_idle_cb, self);
}

static void
clear_list (GtkListBox *list)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (list))) != NULL)
    gtk_list_box_remove (list, child);
}

/* Keeps @change for Ctrl+Z and says what it did, with Undo. */
static void
remember_change (FmSourcesWindow *self,
                 FmSourceChange  *change,
                 const char      *title)
{
  AdwToast *toast = adw_toast_new (title);

  g_queue_push_head (&self->undo, change);
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  g_set_object (&self->undo_toast, toast);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "sources.undo");
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sources.undo", TRUE);
}

static void
merge_clicked_cb (FmSourcesWindow *self,
                  GtkButton       *button)
{
  FmSourceMerge *m = g_object_get_data (G_OBJECT (button), "merge");
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  FmSourceChange *change;

  if (!(change = fm_store_merge_sources (self->store, m->key, m->other_key, &error)))
    {
      report (self, error);
      return;
    }
  title = g_strdup_printf (_("“%s” merged into “%s”"), m->other_name, m->name);
  g_free (self->shown_key);
  self->shown_key = g_strdup (m->key);
  remember_change (self, change, title);
}

static void
dismiss_clicked_cb (FmSourcesWindow *self,
                    GtkButton       *button)
{
  FmSourceMerge *m = g_object_get_data (G_OBJECT (button), "merge");
  g_autoptr(GError) error = NULL;

  if (!fm_store_dismiss_source_merge (self->store, m->key, m->other_key, &error))
    report (self, error);
  else
    reload (self);
}

static GtkWidget *
merge_button (FmSourcesWindow *self,
              FmSourceMerge   *m,
              const char      *label,
              GCallback        callback)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  g_object_set_data (G_OBJECT (button), "merge", m);
  g_signal_connect_object (button, "clicked", callback, self, G_CONNECT_SWAPPED);
  return button;
}

static void
add_merge_row (FmSourcesWindow *self,
               FmSourceMerge   *m,
               const char      *key)
{
  gboolean into_this = g_str_equal (m->key, key);
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *merge;
  g_autofree char *subtitle = NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), into_this ? m->other_name : m->name);
  /* Translators: why two sources look like one, and which name the merge keeps. */
  subtitle = g_strdup_printf (_("%s · merging keeps “%s”"),
                              fm_source_merge_reason_to_label (m->reason), m->name);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  merge = merge_button (self, m, _("_Merge"), G_CALLBACK (merge_clicked_cb));
  gtk_widget_add_css_class (merge, "suggested-action");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row),
                             merge_button (self, m, _("_Not the Same"),
                                           G_CALLBACK (dismiss_clicked_cb)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), merge);
  gtk_list_box_append (self->merges_list, row);
}

static void
fill_merges (FmSourcesWindow *self,
             const char      *key)
{
  guint n = 0;

  clear_list (self->merges_list);
  for (guint i = 0; self->merges && i < self->merges->len; i++)
    {
      FmSourceMerge *m = g_ptr_array_index (self->merges, i);

      if (g_str_equal (m->key, key) || g_str_equal (m->other_key, key))
        {
          add_merge_row (self, m, key);
          n++;
        }
    }
  gtk_widget_set_visible (GTK_WIDGET (self->merges_group), n > 0);
}

static char *
fact_subtitle (FmFact *fact)
{
  FmAnnotation *a = fm_fact_get_annotation (fact);
  FmArticle *article = fm_fact_get_article (fact);
  const char *published = fm_article_get_published (article);
  const char *title = fm_article_get_display_title (article);

  if (fm_annotation_get_kind (a) == FM_KIND_SOURCE)
    return published ? g_strdup_printf ("%s · %s", title, published) : g_strdup (title);
  return g_strdup_printf ("%s · %s", fm_verdict_to_label (fm_annotation_get_verdict (a)), title);
}

static GtkWidget *
fact_row (FmFact   *fact,
          gboolean  mention)
{
  FmAnnotation *a = fm_fact_get_annotation (fact);
  GtkWidget *row = adw_action_row_new ();
  g_autofree char *subtitle = fact_subtitle (fact);
  g_autofree char *title = g_markup_escape_text (mention ? fm_annotation_get_display_name (a)
                                                         : fm_annotation_get_quote (a), -1);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 3);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "fact", g_object_ref (fact), g_object_unref);
  return row;
}

static void
fill_facts (FmSourcesWindow *self,
            GtkListBox      *list,
            GPtrArray       *facts,
            gboolean         mentions)
{
  clear_list (list);
  for (guint i = 0; i < facts->len; i++)
    {
      GtkWidget *row = fact_row (g_ptr_array_index (facts, i), mentions);

      if (mentions)
        {
          GtkWidget *check = gtk_check_button_new ();

          gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
          adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
          g_object_set_data (G_OBJECT (row), "check", check);
        }
      else
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_list_box_append (list, row);
    }
  if (facts->len == 0 && !mentions)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     _("No claims or figures are attributed to it yet"));
      gtk_list_box_append (list, row);
    }
}

/* A page shows the first PAGE_ROWS of a long list; the Facts view, filtered
 * by the source's name, has them all. */
static void
add_more_row (GtkListBox *list,
              guint       total,
              guint       shown)
{
  GtkWidget *row;
  g_autofree char *title = NULL;

  if (total <= shown)
    return;
  row = adw_action_row_new ();
  /* Translators: at the end of a source's long list of claims or mentions. */
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u more — see them all in the Facts view",
                                        "%u more — see them all in the Facts view", total - shown),
                           total - shown);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "sources.show-facts");
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
  gtk_list_box_append (list, row);
}

static void
show_labels (FmSourcesWindow *self,
             FmLibrarySource *source)
{
  g_autofree char *record = fm_library_source_dup_record (source);
  g_autofree char *aliases = NULL;
  const char *written = fm_library_source_get_aliases (source);

  gtk_label_set_text (self->name_label, fm_library_source_get_name (source));
  if (*written)
    /* Translators: the other names a source is written as. */
    aliases = g_strdup_printf (_("Also written as %s"), written);
  gtk_label_set_text (self->aliases_label, aliases ? aliases : "");
  gtk_widget_set_visible (GTK_WIDGET (self->aliases_label), aliases != NULL);
  if (*record == '\0')
    gtk_label_set_text (self->record_label, _("No verdicts yet"));
  else
    {
      /* Translators: a source's verdict tally, "True 2, False 1". */
      g_autofree char *text = g_strdup_printf (_("Track record: %s"), record);
      gtk_label_set_text (self->record_label, text);
    }
}

static void
show_source (FmSourcesWindow *self,
             FmLibrarySource *source)
{
  const char *key = source ? fm_library_source_get_key (source) : NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GError) error = NULL;

  g_free (self->shown_key);
  self->shown_key = g_strdup (key);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sources.rename", source != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sources.split", source != NULL);
  if (source == NULL)
    {
      gtk_stack_set_visible_child_name (self->page_stack, "empty");
      return;
    }
  if (!(mentions = fm_store_list_source_mentions (self->store, source, PAGE_ROWS, &error))
      || !(claims = fm_store_list_source_claims (self->store, source, PAGE_ROWS, &error)))
    {
      report (self, error);
      return;
    }
  show_labels (self, source);
  fill_merges (self, key);
  fill_facts (self, self->claims_list, claims, FALSE);
  add_more_row (self->claims_list, fm_library_source_get_n_claims (source), claims->len);
  fill_facts (self, self->mentions_list, mentions, TRUE);
  add_more_row (self->mentions_list, fm_library_source_get_n_mentions (source), mentions->len);
  gtk_stack_set_visible_child_name (self->page_stack, "page");
}

static void
selection_changed_cb (FmSourcesWindow    *self,
                      guint               position,
                      guint               n_items,
                      GtkSingleSelection *selection)
{
  FmLibrarySource *source = gtk_single_selection_get_selected_item (selection);

  if (source == NULL || g_strcmp0 (fm_library_source_get_key (source), self->shown_key) != 0)
    show_source (self, source);
}

static void
filter_changed_cb (FmSourcesWindow *self,
                   GtkSearchEntry  *entry)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  g_clear_pointer (&self->needle, g_free);
  if (*text != '\0')
    self->needle = g_utf8_casefold (text, -1);
  refilter (self);
  select_key (self, self->shown_key);
}

static void
duplicates_toggled_cb (FmSourcesWindow *self,
                       GtkToggleButton *button)
{
  refilter (self);
  select_key (self, self->shown_key);
}

static void
claim_activated_cb (FmSourcesWindow *self,
                    GtkListBoxRow   *row,
                    GtkListBox      *list)
{
  FmFact *fact = g_object_get_data (G_OBJECT (row), "fact");
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  FmAnnotation *a;

  if (fact == NULL || !FM_IS_WINDOW (parent))
    return;
  a = fm_fact_get_annotation (fact);
  if (fm_window_show_article (FM_WINDOW (parent), fm_annotation_get_article_id (a)))
    fm_window_select_annotation (FM_WINDOW (parent), fm_annotation_get_id (a), TRUE);
  gtk_window_present (parent);
}

static void
rename_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(FmSourcesWindow) self = user_data;
  g_autofree char *name = fm_source_name_dialog_run_finish (result, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  g_autofree char *old_key = g_strdup (self->shown_key);
  FmSourceChange *change;

  if (name == NULL || old_key == NULL)
    return;
  if (!(change = fm_store_rename_source (self->store, old_key, name, &error)))
    {
      report (self, error);
      return;
    }
  title = g_strdup_printf (_("Renamed to “%s”"), name);
  g_free (self->shown_key);
  self->shown_key = fm_source_key (name);
  remember_change (self, change, title);
}

static void
rename_action (GtkWidget  *widget,
               const char *action,
               GVariant   *param)
{
  FmSourcesWindow *self = FM_SOURCES_WINDOW (widget);

  fm_source_name_dialog_run_async (GTK_WINDOW (self), _("Rename Source"),
                                   _("Every mention keeps the name it is written with; the library "
                                     "lists them under this one. A source that already has the "
                                     "name becomes one with this."),
                                   gtk_label_get_text (self->name_label), _("_Rename"), NULL,
                                   rename_done_cb, g_object_ref (self));
}

/* The ids of the mentions whose boxes are checked. */
static GArray *
checked_mentions (FmSourcesWindow *self)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (GtkWidget *row = gtk_widget_get_first_child (GTK_WIDGET (self->mentions_list));
       row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkCheckButton *check = g_object_get_data (G_OBJECT (row), "check");
      FmFact *fact = g_object_get_data (G_OBJECT (row), "fact");
      gint64 id;

      if (check == NULL || !gtk_check_button_get_active (check))
        continue;
      id = fm_annotation_get_id (fm_fact_get_annotation (fact));
      g_array_append_val (ids, id);
    }
  return ids;
}

static void
split_done_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(FmSourcesWindow) self = user_data;
  g_autofree char *name = fm_source_name_dialog_run_finish (result, NULL);
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;
  FmSourceChange *change;

  if (name == NULL)
    return;
  ids = checked_mentions (self);
  if (!(change = fm_store_split_source (self->store, ids, name, &error)))
    {
      report (self, error);
      return;
    }
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mention split off as “%s”",
                                        "%u mentions split off as “%s”", ids->len),
                           ids->len, name);
  remember_change (self, change, title);
}

static void
split_action (GtkWidget  *widget,
              const char *action,
              GVariant   *param)
{
  FmSourcesWindow *self = FM_SOURCES_WINDOW (widget);
  g_autoptr(GArray) ids = checked_mentions (self);

  if (ids->len == 0)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Check the mentions to split off first")));
      return;
    }
  fm_source_name_dialog_run_async (GTK_WINDOW (self), _("Split Off Mentions"),
                                   _("The checked mentions become a source of their own, with "
                                     "the claims attributed to them."),
                                   NULL, _("_Split Off"), NULL, split_done_cb, g_object_ref (self));
}

static void
undo_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  FmSourcesWindow *self = FM_SOURCES_WINDOW (widget);
  g_autoptr(FmSourceChange) change = g_queue_pop_head (&self->undo);
  g_autoptr(GError) error = NULL;

  gtk_widget_action_set_enabled (widget, "sources.undo", !g_queue_is_empty (&self->undo));
  /* The toast offered this undo; once it is done, it has nothing to offer. */
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  g_clear_object (&self->undo_toast);
  if (change == NULL)
    return;
  if (!fm_store_undo_source_change (self->store, change, &error))
    report (self, error);
}

static void
duplicates_action (GtkWidget  *widget,
                   const char *action,
                   GVariant   *param)
{
  FmSourcesWindow *self = FM_SOURCES_WINDOW (widget);

  gtk_toggle_button_set_active (self->duplicates_button,
                                !gtk_toggle_button_get_active (self->duplicates_button));
}

static void
show_facts_action (GtkWidget  *widget,
                   const char *action,
                   GVariant   *param)
{
  FmSourcesWindow *self = FM_SOURCES_WINDOW (widget);
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (self));
  FmFactsWindow *facts;

  facts = fm_facts_window_new (parent, self->store);
  fm_facts_window_set_filter (facts, gtk_label_get_text (self->name_label));
  gtk_window_present (GTK_WINDOW (facts));
}

static void
find_action (GtkWidget  *widget,
             const char *action,
             GVariant   *param)
{
  gtk_widget_grab_focus (GTK_WIDGET (FM_SOURCES_WINDOW (widget)->filter_entry));
}

static void
fm_sources_window_dispose (GObject *object)
{
  FmSourcesWindow *self = (FmSourcesWindow *)object;

  g_clear_handle_id (&self->reload_source, g_source_remove);
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  g_signal_group_set_target (self->store_signals, NULL);
  g_clear_object (&self->store_signals);
  gtk_widget_dispose_template (GTK_WIDGET (self), FM_TYPE_SOURCES_WINDOW);
  g_clear_object (&self->undo_toast);
  g_clear_object (&self->selection);
  g_clear_object (&self->filtered);
  g_clear_object (&self->sources);
  g_clear_object (&self->store);
  g_queue_clear_full (&self->undo, (GDestroyNotify) fm_source_change_free);

  G_OBJECT_CLASS (fm_sources_window_parent_class)->dispose (object);
}

static void
fm_sources_window_finalize (GObject *object)
{
  FmSourcesWindow *self = (FmSourcesWindow *)object;

  g_clear_pointer (&self->merges, g_ptr_array_unref);
  g_clear_pointer (&self->with_merges, g_hash_table_unref);
  g_clear_pointer (&self->needle, g_free);
  g_clear_pointer (&self->shown_key, g_free);

  G_OBJECT_CLASS (fm_sources_window_parent_class)->finalize (object);
}

static void
fm_sources_window_class_init (FmSourcesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fm_sources_window_dispose;
  object_class->finalize = fm_sources_window_finalize;

  g_type_ensure (FM_TYPE_LIBRARY_SOURCE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/fm-sources-window.ui");
  gtk_widget_class_bind_template_child (widget_class, FmSourcesWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, FmSourcesWindow, duplicates_button);
  gtk_widget_class_bind_template_child (widget_class, FmSourcesWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, FmSourcesWindow, filter_entry);
  gtk_widget_class_bind_template_child (widget_class, FmSourcesWindow, sources_view);
  gtk_widget_class_bind_template_child (widget_class, FmSourcesWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, FmSourcesWindow, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FmSourcesWindow, name_label);
  gtk_widget_class_bind_template_child (widget_class, FmSourcesWindow, aliases_label);
  gtk_widget_class_bind_template_child (widget_class, FmSourcesWindow, record_label);
  gtk_widget_class_bind_template_child (widget_class, FmSourcesWindow, merges_group);
  gtk_widget_class_bind_template_child (widget_class, FmSourcesWindow, merges_list);
  gtk_widget_class_bind_template_child (widget_class, FmSourcesWindow, claims_list);
  gtk_widget_class_bind_template_child (widget_class, FmSourcesWindow, mentions_list);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, duplicates_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, claim_activated_cb);

  gtk_widget_class_install_action (widget_class, "sources.rename", NULL, rename_action);
  gtk_widget_class_install_action (widget_class, "sources.split", NULL, split_action);
  gtk_widget_class_install_action (widget_class, "sources.undo", NULL, undo_action);
  gtk_widget_class_install_action (widget_class, "sources.duplicates", NULL, duplicates_action);
  gtk_widget_class_install_action (widget_class, "sources.find", NULL, find_action);
  gtk_widget_class_install_action (widget_class, "sources.show-facts", NULL, show_facts_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "sources.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK,
                                       "sources.split", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "sources.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK,
                                       "sources.duplicates", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "sources.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
fm_sources_window_init (FmSourcesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->with_merges = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->sources = g_list_store_new (FM_TYPE_LIBRARY_SOURCE);
  self->filtered = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->sources)),
                                              GTK_FILTER (gtk_custom_filter_new (filter_func, self,
                                                                                 NULL)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->filtered)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_list_view_set_model (self->sources_view, GTK_SELECTION_MODEL (self->selection));
  g_signal_connect_object (self->selection, "selection-changed",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "sources.undo", FALSE);

  self->store_signals = g_signal_group_new (FM_TYPE_STORE);
  g_signal_group_connect_object (self->store_signals, "annotation-added",
                                 G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "annotation-changed",
                                 G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "annotation-removed",
                                 G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "article-removed",
                                 G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->store_signals, "changed-externally",
                                 G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
}

/**
 * fm_sources_window_new:
 * @key: (nullable): the source to show first, by name or key
 */
FmSourcesWindow *
fm_sources_window_new (GtkWindow  *parent,
                       FmStore    *store,
                       const char *key)
{
  FmSourcesWindow *self;

  g_return_val_if_fail (FM_IS_STORE (store), NULL);

  self = g_object_new (FM_TYPE_SOURCES_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->shown_key = key ? fm_source_key (key) : NULL;
  g_signal_group_set_target (self->store_signals, store);
  reload (self);
  return self;
}

/**
 * fm_sources_window_get_model:
 *
 * Returns: (transfer none): the sources as listed, filtered
 */
GListModel *
fm_sources_window_get_model (FmSourcesWindow *self)
{
  g_return_val_if_fail (FM_IS_SOURCES_WINDOW (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

/**
 * fm_sources_window_get_shown_key:
 *
 * Returns: (nullable): the key of the source whose page is shown
 */
const char *
fm_sources_window_get_shown_key (FmSourcesWindow *self)
{
  g_return_val_if_fail (FM_IS_SOURCES_WINDOW (self), NULL);
  return self->shown_key;
}
