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
 * from the library's conflict set, computed off the main loop. */

struct _FmFactsWindow
{
  AdwWindow           parent_instance;

  /* Template widgets */
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

  guint               reload_source;
};

G_DEFINE_FINAL_TYPE (FmFactsWindow, fm_facts_window, ADW_TYPE_WINDOW)

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
reload (FmFactsWindow *self)
{
  g_autoptr(GPtrArray) facts = NULL;
  g_autoptr(GError) error = NULL;
  gboolean to_check = gtk_toggle_button_get_active (self->to_check_button);

  if (!(facts = fm_store_list_facts (self->store, NULL, &error)))
    {
      g_printerr ("factmark: The facts could not be read: %s\n", error->message);
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  if (to_check)
    fm_facts_sort_to_check (facts);
  g_list_store_splice (self->facts, 0, g_list_model_get_n_items (G_LIST_MODEL (self->facts)),
                       facts->pdata, facts->len);
  gtk_stack_set_visible_child_name (self->stack, facts->len ? "list" : "empty");
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

/* A new set of conflicts: the rows are bound again, warnings and all. */
static void
conflicts_changed_cb (FmFactsWindow *self)
{
  reload (self);
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

static void
fm_facts_window_dispose (GObject *object)
{
  FmFactsWindow *self = (FmFactsWindow *)object;

  g_clear_handle_id (&self->reload_source, g_source_remove);
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

  g_type_ensure (FM_TYPE_FACT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/fm-facts-window.ui");
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
}

static void
fm_facts_window_init (FmFactsWindow *self)
{
  GtkSingleSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));
  set_quote_factory (self);

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
