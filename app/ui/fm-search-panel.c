/* fm-search-panel.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-search-panel"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fm-fact-header.h"
#include "fm-search-panel.h"
#include "fm-text.h"

/* Library-wide search, in the library's sidebar: one entry, the kind,
 * verdict, source and date range to narrow to, and the hits grouped under their article's title,
 * best article first. Each hit shows its snippet with the matching words
 * in bold, and its kind and verdict. The index answers in milliseconds,
 * so the search runs as the user types (the entry already waits for a
 * pause). */

#define MAX_HITS 200
/* Typing in the source entry searches once the typing pauses, as the
 * search entry does: the same delay as GtkSearchEntry's. */
#define SOURCE_DELAY_MS 150

struct _FmSearchPanel
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkSearchEntry *search_entry;
  GtkDropDown    *kind_filter;
  GtkDropDown    *verdict_filter;
  GtkEntry       *source_entry;
  GtkMenuButton  *since_button;
  GtkMenuButton  *until_button;
  GtkCalendar    *since_calendar;
  GtkCalendar    *until_calendar;
  GtkLabel       *since_label;
  GtkLabel       *until_label;
  GtkStack       *stack;
  AdwStatusPage  *empty_page;
  GtkListView    *list_view;

  /* Owned references */
  FmStore        *store;
  GListStore     *results;
  /* The range's first and last day as the filter takes them, or NULL. */
  char           *since;
  char           *until;
  guint           source_timeout;
};

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  HIT_ACTIVATED,
  STOPPED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (FmSearchPanel, fm_search_panel, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static int
choice (GtkDropDown *dropdown)
{
  guint selected = gtk_drop_down_get_selected (dropdown);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1;
}

/* The hits of each article together, under its title, in the order of
 * each article's best hit. */
static void
group_by_article (FmSearchPanel *self,
                  GPtrArray     *hits)
{
  g_autoptr(GHashTable) groups = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                        (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < hits->len; i++)
    {
      FmSearchHit *hit = g_ptr_array_index (hits, i);
      GPtrArray *group = g_hash_table_lookup (groups, &hit->article_id);

      if (group == NULL)
        {
          group = g_ptr_array_new ();
          g_hash_table_insert (groups, &hit->article_id, group);
          g_ptr_array_add (order, group);
        }
      g_ptr_array_add (group, hit);
    }
  for (guint i = 0; i < order->len; i++)
    {
      GPtrArray *group = g_ptr_array_index (order, i);
      FmSearchHit *first = g_ptr_array_index (group, 0);
      FmFactHeader *header = fm_fact_header_new (first->title ? first->title : _("Untitled"));

      fm_fact_header_set_count (header, group->len);
      g_ptr_array_add (items, header);
      for (guint j = 0; j < group->len; j++)
        g_ptr_array_add (items, fm_search_result_new (g_ptr_array_index (group, j)));
    }
  g_list_store_splice (self->results, 0, g_list_model_get_n_items (G_LIST_MODEL (self->results)),
                       items->pdata, items->len);
}

static void
run_search (FmSearchPanel *self)
{
  const char *query = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  FmSearchFilter filter = FM_SEARCH_FILTER_ANY;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (query));
  g_autofree char *source = NULL;

  /* This search takes the source as it is now. */
  g_clear_handle_id (&self->source_timeout, g_source_remove);
  source = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->source_entry))));
  filter.kind = choice (self->kind_filter);
  filter.verdict = choice (self->verdict_filter);
  filter.source = *source != '\0' ? source : NULL;
  filter.since = self->since;
  filter.until = self->until;

  if (self->store == NULL || *stripped == '\0')
    {
      g_list_store_remove_all (self->results);
      gtk_stack_set_visible_child_name (self->stack, "start");
      return;
    }
  hits = fm_store_search (self->store, query, &filter, MAX_HITS, &error);
  if (hits == NULL)
    {
      g_printerr ("factmark: The search failed: %s\n", error->message);
      g_list_store_remove_all (self->results);
      adw_status_page_set_description (self->empty_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      return;
    }
  /* The hits own their strings until the items take them. */
  g_ptr_array_set_free_func (hits, NULL);
  group_by_article (self, hits);
  adw_status_page_set_description (self->empty_page,
                                   _("Try fewer words, or a prefix such as bridg*"));
  gtk_stack_set_visible_child_name (self->stack, hits->len ? "results" : "empty");
}

/* The snippet as Pango markup: its text escaped piece by piece between
 * the marks (escaping would turn the marks themselves into entities), its
 * matches in bold. */
static char *
snippet_markup (const FmSearchHit *hit)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  const char *p = hit->snippet ? hit->snippet : "";

  while (*p != '\0')
    {
      gsize n = strcspn (p, FM_SEARCH_MARK_START FM_SEARCH_MARK_END);
      g_autofree char *piece = g_markup_escape_text (p, n);

      g_string_append (markup, piece);
      p += n;
      if (*p == FM_SEARCH_MARK_START[0])
        g_string_append (markup, "<b>");
      else if (*p == FM_SEARCH_MARK_END[0])
        g_string_append (markup, "</b>");
      if (*p != '\0')
        p++;
    }
  return g_string_free (g_steal_pointer (&markup), FALSE);
}

static char *
describe (const FmSearchHit *hit)
{
  if (hit->annotation_id == 0)
    return g_strdup (_("In the article’s text"));
  if (hit->kind == FM_KIND_SOURCE)
    return g_strdup (fm_kind_to_label (hit->kind));
  /* Translators: a search hit's kind and verdict, as "Claim · False". */
  return g_strdup_printf (_("%s · %s"), fm_kind_to_label (hit->kind),
                          fm_verdict_to_label (hit->verdict));
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          FmSearchPanel            *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *meta = gtk_label_new (NULL);
  GtkWidget *text = gtk_label_new (NULL);

  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);
  gtk_label_set_xalign (GTK_LABEL (meta), 0);
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  /* Wrapped and cut to the sidebar's width, never widening it. */
  gtk_label_set_ellipsize (GTK_LABEL (meta), PANGO_ELLIPSIZE_END);
  gtk_label_set_max_width_chars (GTK_LABEL (meta), 20);
  gtk_label_set_max_width_chars (GTK_LABEL (text), 20);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_lines (GTK_LABEL (text), 3);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), meta);
  gtk_box_append (GTK_BOX (box), text);
  gtk_list_item_set_child (item, box);
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         FmSearchPanel            *self)
{
  GObject *object = gtk_list_item_get_item (item);
  GtkWidget *meta = gtk_widget_get_first_child (gtk_list_item_get_child (item));
  GtkWidget *text = gtk_widget_get_next_sibling (meta);

  gtk_widget_remove_css_class (meta, "heading");
  gtk_widget_remove_css_class (meta, "caption");
  gtk_widget_add_css_class (meta, FM_IS_FACT_HEADER (object) ? "heading" : "caption");
  gtk_list_item_set_activatable (item, FM_IS_SEARCH_RESULT (object));
  gtk_list_item_set_selectable (item, FM_IS_SEARCH_RESULT (object));
  if (FM_IS_FACT_HEADER (object))
    {
      gtk_label_set_label (GTK_LABEL (meta), fm_fact_header_get_title (FM_FACT_HEADER (object)));
      gtk_widget_set_visible (text, FALSE);
    }
  else
    {
      const FmSearchHit *hit = fm_search_result_get_hit (FM_SEARCH_RESULT (object));
      g_autofree char *what = describe (hit);
      g_autofree char *markup = snippet_markup (hit);

      gtk_label_set_label (GTK_LABEL (meta), what);
      gtk_label_set_markup (GTK_LABEL (text), markup);
      gtk_widget_set_visible (text, TRUE);
    }
}

static void
search_changed_cb (FmSearchPanel  *self,
                   GtkSearchEntry *entry)
{
  run_search (self);
}

static void
filters_changed_cb (FmSearchPanel *self,
                    GParamSpec    *pspec,
                    GtkDropDown   *dropdown)
{
  if (self->results != NULL)
    run_search (self);
}

static gboolean
source_timeout_cb (gpointer data)
{
  FmSearchPanel *self = data;

  self->source_timeout = 0;
  run_search (self);
  return G_SOURCE_REMOVE;
}

static void
source_changed_cb (FmSearchPanel *self,
                   GtkEditable   *editable)
{
  g_clear_handle_id (&self->source_timeout, g_source_remove);
  if (self->results != NULL)
    self->source_timeout = g_timeout_add (SOURCE_DELAY_MS, source_timeout_cb, self);
}

/* Enter searches at once, without waiting for the pause. */
static void
source_activate_cb (FmSearchPanel *self,
                    GtkEntry      *entry)
{
  if (self->results != NULL)
    run_search (self);
}

/* Keeps one end of the range, @date or none, and shows it on its button
 * as the reader's locale writes days. */
static void
set_range_end (FmSearchPanel *self,
               gboolean       first,
               GDateTime     *date)
{
  char **end = first ? &self->since : &self->until;
  GtkLabel *shown_on = first ? self->since_label : self->until_label;
  g_autofree char *shown = date ? g_date_time_format (date, "%x") : NULL;

  g_free (*end);
  *end = date ? g_date_time_format (date, "%F") : NULL;
  /* The two days side by side read as the range; the buttons' tooltips
   * say which end is which. */
  gtk_label_set_label (shown_on, shown ? shown : first ? _("Any Start") : _("Any End"));
  if (self->results != NULL)
    run_search (self);
}

/* A day clicked on the calendar, or the button for the day it shows. */
static void
since_day_selected_cb (FmSearchPanel *self,
                       GtkWidget     *widget)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->since_calendar);

  set_range_end (self, TRUE, date);
  gtk_menu_button_popdown (self->since_button);
}

/* A day clicked on the calendar, or the button for the day it shows. */
static void
until_day_selected_cb (FmSearchPanel *self,
                       GtkWidget     *widget)
{
  g_autoptr(GDateTime) date = gtk_calendar_get_date (self->until_calendar);

  set_range_end (self, FALSE, date);
  gtk_menu_button_popdown (self->until_button);
}

static void
since_clear_cb (FmSearchPanel *self,
                GtkButton     *button)
{
  set_range_end (self, TRUE, NULL);
  gtk_menu_button_popdown (self->since_button);
}

static void
until_clear_cb (FmSearchPanel *self,
                GtkButton     *button)
{
  set_range_end (self, FALSE, NULL);
  gtk_menu_button_popdown (self->until_button);
}

static void
stop_search_cb (FmSearchPanel  *self,
                GtkSearchEntry *entry)
{
  g_signal_emit (self, signals[STOPPED], 0);
}

static void
activate_cb (FmSearchPanel *self,
             guint          position,
             GtkListView   *list_view)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->results), position);

  if (FM_IS_SEARCH_RESULT (item))
    g_signal_emit (self, signals[HIT_ACTIVATED], 0, item);
}

static void
fm_search_panel_dispose (GObject *object)
{
  FmSearchPanel *self = (FmSearchPanel *)object;

  /* AdwBin would unparent its child again after the template is gone. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FM_TYPE_SEARCH_PANEL);
  g_clear_object (&self->store);
  g_clear_object (&self->results);
  g_clear_pointer (&self->since, g_free);
  g_clear_pointer (&self->until, g_free);
  g_clear_handle_id (&self->source_timeout, g_source_remove);

  G_OBJECT_CLASS (fm_search_panel_parent_class)->dispose (object);
}

static void
fm_search_panel_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FmSearchPanel *self = FM_SEARCH_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_search_panel_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FmSearchPanel *self = FM_SEARCH_PANEL (object);

  switch (prop_id)
    {
    case PROP_STORE:
      fm_search_panel_set_store (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_search_panel_class_init (FmSearchPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fm_search_panel_dispose;
  object_class->get_property = fm_search_panel_get_property;
  object_class->set_property = fm_search_panel_set_property;

  /**
   * FmSearchPanel:store:
   *
   * The library searched.
   */
  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, FM_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FmSearchPanel::hit-activated:
   * @result: the hit the user chose
   */
  signals[HIT_ACTIVATED] =
    g_signal_new ("hit-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FM_TYPE_SEARCH_RESULT);

  /**
   * FmSearchPanel::stopped:
   *
   * The user pressed Escape in the entry: the search is put away.
   */
  signals[STOPPED] =
    g_signal_new ("stopped", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/fm-search-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, FmSearchPanel, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FmSearchPanel, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, FmSearchPanel, verdict_filter);
  gtk_widget_class_bind_template_child (widget_class, FmSearchPanel, source_entry);
  gtk_widget_class_bind_template_child (widget_class, FmSearchPanel, since_button);
  gtk_widget_class_bind_template_child (widget_class, FmSearchPanel, until_button);
  gtk_widget_class_bind_template_child (widget_class, FmSearchPanel, since_calendar);
  gtk_widget_class_bind_template_child (widget_class, FmSearchPanel, until_calendar);
  gtk_widget_class_bind_template_child (widget_class, FmSearchPanel, since_label);
  gtk_widget_class_bind_template_child (widget_class, FmSearchPanel, until_label);
  gtk_widget_class_bind_template_child (widget_class, FmSearchPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, FmSearchPanel, empty_page);
  gtk_widget_class_bind_template_child (widget_class, FmSearchPanel, list_view);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, since_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, until_day_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, since_clear_cb);
  gtk_widget_class_bind_template_callback (widget_class, until_clear_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
}

static void
fm_search_panel_init (FmSearchPanel *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) verdicts = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  GtkSingleSelection *selection;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (kinds, _("All Kinds"));
  for (guint k = 0; k < FM_N_KINDS; k++)
    gtk_string_list_append (kinds, fm_kind_to_plural_label (k));
  gtk_drop_down_set_model (self->kind_filter, G_LIST_MODEL (kinds));
  gtk_string_list_append (verdicts, _("Any Verdict"));
  for (guint v = 0; v < FM_N_VERDICTS; v++)
    gtk_string_list_append (verdicts, fm_verdict_to_label (v));
  gtk_drop_down_set_model (self->verdict_filter, G_LIST_MODEL (verdicts));
  set_range_end (self, TRUE, NULL);
  set_range_end (self, FALSE, NULL);

  self->results = g_list_store_new (G_TYPE_OBJECT);
  selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->results)));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);
}

FmStore *
fm_search_panel_get_store (FmSearchPanel *self)
{
  g_return_val_if_fail (FM_IS_SEARCH_PANEL (self), NULL);
  return self->store;
}

void
fm_search_panel_set_store (FmSearchPanel *self,
                           FmStore       *store)
{
  g_return_if_fail (FM_IS_SEARCH_PANEL (self));
  g_return_if_fail (!store || FM_IS_STORE (store));

  if (!g_set_object (&self->store, store))
    return;
  run_search (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
}

void
fm_search_panel_set_query (FmSearchPanel *self,
                           const char    *query)
{
  g_return_if_fail (FM_IS_SEARCH_PANEL (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), query ? query : "");
  run_search (self);
}

void
fm_search_panel_focus (FmSearchPanel *self)
{
  g_return_if_fail (FM_IS_SEARCH_PANEL (self));

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

/**
 * fm_search_panel_set_source:
 * @name: (nullable): part of a source's name, or %NULL for any source
 */
void
fm_search_panel_set_source (FmSearchPanel *self,
                            const char    *name)
{
  g_return_if_fail (FM_IS_SEARCH_PANEL (self));

  gtk_editable_set_text (GTK_EDITABLE (self->source_entry), name ? name : "");
  /* Asked for, not typed: the results follow at once. */
  if (self->source_timeout != 0)
    run_search (self);
}

/* Shows @date on its calendar, without taking it as the user's choice a
 * second time. */
static void
select_day (FmSearchPanel *self,
            GtkCalendar   *calendar,
            GCallback      handler,
            GDateTime     *date)
{
  g_signal_handlers_block_by_func (calendar, handler, self);
  gtk_calendar_select_day (calendar, date);
  g_signal_handlers_unblock_by_func (calendar, handler, self);
}

/**
 * fm_search_panel_set_range:
 * @since: (nullable): the first day of the articles searched, or %NULL
 * @until: (nullable): the last day, or %NULL
 *
 * Narrows the search to articles published (or else imported) in the
 * range, as choosing the days on the panel's calendars does.
 */
void
fm_search_panel_set_range (FmSearchPanel *self,
                           GDateTime     *since,
                           GDateTime     *until)
{
  g_return_if_fail (FM_IS_SEARCH_PANEL (self));

  if (since != NULL)
    select_day (self, self->since_calendar, G_CALLBACK (since_day_selected_cb), since);
  if (until != NULL)
    select_day (self, self->until_calendar, G_CALLBACK (until_day_selected_cb), until);
  set_range_end (self, TRUE, since);
  set_range_end (self, FALSE, until);
}

/**
 * fm_search_panel_get_results:
 *
 * Returns: (transfer none): the rows shown: FmFactHeader for each
 *   article, then its FmSearchResult hits
 */
GListModel *
fm_search_panel_get_results (FmSearchPanel *self)
{
  g_return_val_if_fail (FM_IS_SEARCH_PANEL (self), NULL);
  return G_LIST_MODEL (self->results);
}
