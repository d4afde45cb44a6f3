/* fm-fact-panel.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-fact-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-fact-header.h"
#include "fm-fact-panel.h"
#include "fm-fact-row.h"
#include "fm-head-model.h"

/* The fact panel: the article's annotations grouped by kind, in text
 * order, as one GtkListView over a flattened model of headings and
 * filtered annotations; and the editor of the selected one. */

/* One group per kind, and the orphans: annotations an update of the text
 * left without a place, whatever their kind. */
#define ORPHANS  FM_DOCUMENT_ORPHANS
#define N_GROUPS FM_DOCUMENT_N_GROUPS

/* Showing a new document's annotations takes steps, since all at once
 * would hold a long article's first frames: letting go of the rows of the
 * last one, then showing the new list a few rows a frame, as GTK 4.8's
 * list view makes a row for each of up to 200 items shown. */
typedef enum
{
  STEP_NONE,
  STEP_SWAP,
  STEP_ATTACH,
  STEP_GROW,
} Step;

/* Rows made in one frame while a new document's list fills in, and how
 * many GTK 4.8's list view makes at most, after which the rest of the list
 * costs nothing to show. */
#define ROWS_PER_FRAME 40
#define MAX_ROWS       200

struct _FmFactPanel
{
  AdwBin              parent_instance;

  /* Template widgets */
  GtkStack           *stack;
  GtkStack           *list_stack;
  GtkDropDown        *kind_filter;
  GtkDropDown        *verdict_filter;
  GtkListView        *list_view;
  GtkLabel           *editor_title;
  GtkWidget          *legend;
  FmAnnotationEditor *editor;

  /* Owned references */
  GSettings          *settings;
  FmDocument         *document;
  GSignalGroup       *document_signals;
  FmHistory          *history;
  GListStore         *sections;
  GtkSingleSelection *selection;
  /* The sections as far as they are shown yet. */
  FmHeadModel        *shown;
  GtkFilterListModel *filtered[N_GROUPS];
  GtkFilter          *filters[N_GROUPS];
  FmFactHeader       *headers[N_GROUPS];
  /* The document's suggestions, of the kind the drop-down shows. */
  GtkFilterListModel *suggested;
  FmFactHeader       *suggested_header;

  gint64              editing_id;
  guint               rebuild_source;
  /* What is left of showing a new document, done a frame or two later so
   * that the article is drawn first. */
  Step                step;
  guint               step_tick;
  guint               ticks_waited;
  /* Set while the article's highlights off screen are still to be
   * painted: a new document's rows wait for them. */
  gboolean            hold_rows;
  /* The drop-downs' choices, read once per change rather than per row. */
  int                 kind_shown;
  int                 verdict_shown;
};

/* What a group's filter function needs. */
typedef struct
{
  FmFactPanel *panel;
  guint        group;
} GroupFilter;

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_HISTORY,
  PROP_HOLD_ROWS,
  N_PROPS
};

enum {
  ANNOTATION_ACTIVATED,
  SUGGESTION_ACTIVATED,
  SHOW_ANNOTATION,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (FmFactPanel, fm_fact_panel, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void ensure_models (FmFactPanel *self);

/* The kind drop-down: 0 is every kind, then one per kind. The verdict
 * drop-down: 0 is any verdict, then one per verdict. */
static int
kind_choice (FmFactPanel *self)
{
  guint selected;

  if (self->kind_filter == NULL)
    return -1;
  selected = gtk_drop_down_get_selected (self->kind_filter);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1;
}

static int
verdict_choice (FmFactPanel *self)
{
  guint selected;

  if (self->verdict_filter == NULL)
    return -1;
  selected = gtk_drop_down_get_selected (self->verdict_filter);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? -1 : (int) selected - 1;
}

/* The document keeps each group apart already; what is left to filter is
 * the verdict, and the kind of an orphan. */
static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  GroupFilter *data = user_data;
  FmAnnotation *annotation = item;
  FmKind kind = fm_annotation_get_kind (annotation);
  int verdict = data->panel->verdict_shown;
  int kind_filter = data->panel->kind_shown;

  if (data->group == ORPHANS && kind_filter >= 0 && (int) kind != kind_filter)
    return FALSE;
  if (verdict >= 0 && (kind == FM_KIND_SOURCE
                       || (int) fm_annotation_get_verdict (annotation) != verdict))
    return FALSE;
  return TRUE;
}

/* A group that shows every one of its annotations has no filter at all,
 * so that opening a long article does not pass each through one. */
static void
update_filter (FmFactPanel *self,
               guint        k)
{
  gboolean needed = self->verdict_shown >= 0 || (k == ORPHANS && self->kind_shown >= 0);
  GtkFilter *filter = needed ? self->filters[k] : NULL;

  if (gtk_filter_list_model_get_filter (self->filtered[k]) != filter)
    gtk_filter_list_model_set_filter (self->filtered[k], filter);
  else if (filter != NULL)
    gtk_filter_changed (filter, GTK_FILTER_CHANGE_DIFFERENT);
}

/* Adds a heading and its rows to @sections. */
static void
add_section (GPtrArray    *sections,
             FmFactHeader *header,
             GListModel   *rows)
{
  GListStore *heading = g_list_store_new (FM_TYPE_FACT_HEADER);

  g_list_store_append (heading, header);
  g_ptr_array_add (sections, heading);
  g_ptr_array_add (sections, g_object_ref (rows));
}

/* Suggestions come last, under their own heading, so that what the user
 * marked always leads. */
static guint
add_suggestions (FmFactPanel *self,
                 GPtrArray   *sections)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->suggested));

  fm_fact_header_set_count (self->suggested_header, n);
  if (n > 0)
    add_section (sections, self->suggested_header, G_LIST_MODEL (self->suggested));
  return n;
}

static gboolean
suggestion_filter_func (gpointer item,
                        gpointer user_data)
{
  FmFactPanel *self = user_data;

  return self->kind_shown < 0
         || (int) fm_suggestion_item_get_kind (FM_SUGGESTION_ITEM (item)) == self->kind_shown;
}

/* The sections change in one splice: the list view makes its rows anew
 * for each change of its model, which a long article makes costly. */
static void
rebuild_sections (FmFactPanel *self)
{
  g_autoptr(GPtrArray) sections = g_ptr_array_new_with_free_func (g_object_unref);
  int kind = kind_choice (self);
  guint total = 0;

  if (self->sections == NULL)
    return;

  for (guint k = 0; self->document != NULL && k < N_GROUPS; k++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered[k]));

      fm_fact_header_set_count (self->headers[k], n);
      if (n == 0 || (kind >= 0 && k != ORPHANS && (guint) kind != k))
        continue;
      add_section (sections, self->headers[k], G_LIST_MODEL (self->filtered[k]));
      total += n;
    }
  if (self->document != NULL)
    total += add_suggestions (self, sections);
  g_list_store_splice (self->sections, 0, g_list_model_get_n_items (G_LIST_MODEL (self->sections)),
                       sections->pdata, sections->len);
  if (self->document == NULL)
    return;

  if (total == 0 && g_list_model_get_n_items (fm_document_get_annotations (self->document)) == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "empty");
  else if (total == 0)
    gtk_stack_set_visible_child_name (self->list_stack, "no-match");
  else
    gtk_stack_set_visible_child_name (self->list_stack, "list");
}

static gboolean
rebuild_idle_cb (gpointer data)
{
  FmFactPanel *self = data;

  self->rebuild_source = 0;
  rebuild_sections (self);
  return G_SOURCE_REMOVE;
}

/* A step under way rebuilds the sections itself. */
static void
queue_rebuild (FmFactPanel *self)
{
  if (self->rebuild_source == 0 && (self->step == STEP_NONE || self->step == STEP_GROW))
    self->rebuild_source = g_idle_add (rebuild_idle_cb, self);
}

static void
filtered_changed_cb (FmFactPanel *self,
                     guint        position,
                     guint        removed,
                     guint        added,
                     GListModel  *model)
{
  guint n = g_list_model_get_n_items (model);
  guint k = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (model), "kind"));
  gboolean was_empty;

  /* Letting go of the models in dispose empties them. */
  if (self->sections == NULL)
    return;
  was_empty = fm_fact_header_get_count (self->headers[k]) == 0;

  /* The heading's row follows its count. */
  fm_fact_header_set_count (self->headers[k], n);

  /* A group appears or disappears only when it turns empty or not. The
   * sections are rebuilt from idle, not here: the flattened model is still
   * handling this very change. */
  if ((n == 0) != was_empty)
    queue_rebuild (self);
}

static void
suggested_changed_cb (FmFactPanel *self,
                      guint        position,
                      guint        removed,
                      guint        added,
                      GListModel  *model)
{
  guint n = g_list_model_get_n_items (model);
  gboolean was_empty;

  if (self->sections == NULL)
    return;
  was_empty = fm_fact_header_get_count (self->suggested_header) == 0;
  fm_fact_header_set_count (self->suggested_header, n);
  if ((n == 0) != was_empty)
    queue_rebuild (self);
}

static void
filters_changed_cb (FmFactPanel *self,
                    GParamSpec  *pspec,
                    GtkDropDown *dropdown)
{
  /* Setting the drop-downs' models in init notifies before the rest is
   * built. */
  if (self->sections == NULL)
    return;

  ensure_models (self);
  self->kind_shown = kind_choice (self);
  self->verdict_shown = verdict_choice (self);
  for (guint k = 0; k < N_GROUPS; k++)
    update_filter (self, k);
  gtk_filter_changed (gtk_filter_list_model_get_filter (self->suggested),
                      GTK_FILTER_CHANGE_DIFFERENT);
  rebuild_sections (self);
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *item,
          FmFactPanel              *self)
{
  gtk_list_item_set_child (item, fm_fact_row_new ());
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *item,
         FmFactPanel              *self)
{
  GObject *object = gtk_list_item_get_item (item);
  gboolean is_entry = FM_IS_ANNOTATION (object) || FM_IS_SUGGESTION_ITEM (object);

  fm_fact_row_set_item (FM_FACT_ROW (gtk_list_item_get_child (item)), object);
  gtk_list_item_set_selectable (item, is_entry);
  gtk_list_item_set_activatable (item, is_entry);
}

static void
activate_cb (FmFactPanel *self,
             guint        position,
             GtkListView *list_view)
{
  g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (self->selection), position);

  if (FM_IS_ANNOTATION (item))
    g_signal_emit (self, signals[ANNOTATION_ACTIVATED], 0,
                   fm_annotation_get_id (FM_ANNOTATION (item)));
  else if (FM_IS_SUGGESTION_ITEM (item))
    g_signal_emit (self, signals[SUGGESTION_ACTIVATED], 0, item);
}

static void
editor_show_annotation_cb (FmFactPanel        *self,
                           gint64              article_id,
                           gint64              annotation_id,
                           FmAnnotationEditor *editor)
{
  g_signal_emit (self, signals[SHOW_ANNOTATION], 0, article_id, annotation_id);
}

static void
editor_error_cb (FmFactPanel        *self,
                 const char         *message,
                 FmAnnotationEditor *editor)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);

  if (overlay)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (message));
}

static void
annotation_removed_cb (FmFactPanel  *self,
                       FmAnnotation *annotation,
                       FmDocument   *document)
{
  if (fm_annotation_get_id (annotation) == self->editing_id)
    fm_fact_panel_show_list (self);
}

static void
annotation_changed_cb (FmFactPanel  *self,
                       FmAnnotation *old,
                       FmAnnotation *annotation,
                       FmDocument   *document)
{
  if (fm_annotation_get_id (annotation) != self->editing_id)
    return;
  gtk_label_set_label (self->editor_title, fm_kind_to_label (fm_annotation_get_kind (annotation)));
}

/* The legend draws the kinds as the article does, in either style. */
static void
highlight_style_changed_cb (FmFactPanel *self,
                            const char  *key,
                            GSettings   *settings)
{
  g_autofree char *style = g_settings_get_string (settings, "highlight-style");

  gtk_widget_remove_css_class (self->legend, "underline-style");
  gtk_widget_remove_css_class (self->legend, "both-style");
  if (g_str_equal (style, "underline"))
    gtk_widget_add_css_class (self->legend, "underline-style");
  else if (g_str_equal (style, "background-and-underline"))
    gtk_widget_add_css_class (self->legend, "both-style");
}

static void schedule_step (FmFactPanel *self,
                           Step         step);

/* Shows the first rows of the document's lists. */
static void
attach_model (FmFactPanel *self)
{
  fm_head_model_set_limit (self->shown, ROWS_PER_FRAME);
  rebuild_sections (self);
}

/* Shows more rows, or all once the list view has made as many as it ever
 * makes; FALSE when all are shown. */
static gboolean
grow_model (FmFactPanel *self)
{
  guint size = fm_head_model_get_limit (self->shown) + ROWS_PER_FRAME;
  GListModel *all = fm_head_model_get_model (self->shown);

  if (size >= MAX_ROWS || size >= g_list_model_get_n_items (all))
    size = G_MAXUINT;
  fm_head_model_set_limit (self->shown, size);
  return size != G_MAXUINT;
}

/* Lets go of the last document's rows, and takes the new document's lists
 * without showing them yet. */
static void
swap_models (FmFactPanel *self)
{
  FmDocument *document = self->document;

  g_list_store_remove_all (self->sections);
  for (guint k = 0; k < N_GROUPS; k++)
    gtk_filter_list_model_set_model (self->filtered[k],
                                     document ? fm_document_get_group (document, k) : NULL);
  gtk_filter_list_model_set_model (self->suggested,
                                   document ? fm_document_get_suggestions (document) : NULL);
  /* The lists' own changes would show them at once. */
  g_clear_handle_id (&self->rebuild_source, g_source_remove);
}

static void
run_step (FmFactPanel *self)
{
  Step step = self->step;

  self->step = STEP_NONE;
  if (step == STEP_SWAP)
    {
      swap_models (self);
      schedule_step (self, STEP_ATTACH);
    }
  else if (step == STEP_ATTACH)
    {
      attach_model (self);
      schedule_step (self, STEP_GROW);
    }
  else if (step == STEP_GROW && grow_model (self))
    schedule_step (self, STEP_GROW);
}

/* The first tick of a swap or attach comes before the frame that shows
 * the last change, the second after it; a growth waits for one. The work
 * is done in the tick, so that the same frame lays it out and draws it:
 * made from an idle after the frame, the changes were not drawn until the
 * next event. */
static gboolean
step_tick_cb (GtkWidget     *widget,
              GdkFrameClock *clock,
              gpointer       data)
{
  FmFactPanel *self = FM_FACT_PANEL (widget);

  if (++self->ticks_waited < (self->step == STEP_GROW ? 1 : 2))
    return G_SOURCE_CONTINUE;
  self->step_tick = 0;
  run_step (self);
  return G_SOURCE_REMOVE;
}

static void
cancel_step (FmFactPanel *self)
{
  if (self->step_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->step_tick);
  self->step_tick = 0;
  self->step = STEP_NONE;
}

/* Unshown, the panel has nothing to wait for. */
static void
schedule_step (FmFactPanel *self,
               Step         step)
{
  cancel_step (self);
  self->step = step;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      run_step (self);
      return;
    }
  /* Resumed when the hold is let go; a tick now would only keep the
   * frame clock running. The last document's rows are let go of at once,
   * so none is shown for the new one meanwhile. */
  if ((step == STEP_ATTACH || step == STEP_GROW) && self->hold_rows)
    return;
  self->ticks_waited = 0;
  self->step_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), step_tick_cb, NULL, NULL);
}

/* Before anything reads the lists: they are the document's from here on,
 * all shown, and a group that just gained its first row is among them. */
static void
ensure_models (FmFactPanel *self)
{
  Step step = self->step;

  cancel_step (self);
  if (step == STEP_SWAP)
    swap_models (self);
  if (step == STEP_SWAP || step == STEP_ATTACH || self->rebuild_source != 0)
    {
      g_clear_handle_id (&self->rebuild_source, g_source_remove);
      rebuild_sections (self);
    }
  fm_head_model_set_limit (self->shown, G_MAXUINT);
}

static void
fm_fact_panel_dispose (GObject *object)
{
  FmFactPanel *self = (FmFactPanel *)object;

  cancel_step (self);
  g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->document_signals);
  /* AdwBin would unparent its child again after the template is gone. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FM_TYPE_FACT_PANEL);
  g_clear_object (&self->settings);
  g_clear_object (&self->document);
  g_clear_object (&self->history);
  g_clear_object (&self->selection);
  g_clear_object (&self->shown);
  g_clear_object (&self->sections);
  for (guint k = 0; k < N_GROUPS; k++)
    {
      g_clear_object (&self->filtered[k]);
      g_clear_object (&self->filters[k]);
      g_clear_object (&self->headers[k]);
    }
  g_clear_object (&self->suggested);
  g_clear_object (&self->suggested_header);
  g_clear_handle_id (&self->rebuild_source, g_source_remove);

  G_OBJECT_CLASS (fm_fact_panel_parent_class)->dispose (object);
}

static void
fm_fact_panel_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FmFactPanel *self = FM_FACT_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    case PROP_HOLD_ROWS:
      g_value_set_boolean (value, self->hold_rows);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_fact_panel_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FmFactPanel *self = FM_FACT_PANEL (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      fm_fact_panel_set_document (self, g_value_get_object (value));
      break;

    case PROP_HISTORY:
      fm_fact_panel_set_history (self, g_value_get_object (value));
      break;

    case PROP_HOLD_ROWS:
      fm_fact_panel_set_hold_rows (self, g_value_get_boolean (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_fact_panel_class_init (FmFactPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fm_fact_panel_dispose;
  object_class->get_property = fm_fact_panel_get_property;
  object_class->set_property = fm_fact_panel_set_property;

  /**
   * FmFactPanel:document:
   *
   * The document whose annotations are listed. The editor inside binds
   * to it in the template, so both follow one property.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, FM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FmFactPanel:history:
   *
   * The undo history the editor writes its edits through.
   */
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, FM_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FmFactPanel:hold-rows:
   *
   * Whether the rows of a new document wait. The window holds them while
   * the article view paints its highlights, so that the text is done
   * first: the frame that made the first screenful of rows took 44 ms of
   * the 1 MB article's opening, and held its last highlight back by as
   * much. Selecting or filtering shows every row at once all the same.
   */
  properties[PROP_HOLD_ROWS] =
    g_param_spec_boolean ("hold-rows", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FmFactPanel::annotation-activated:
   * @id: the annotation whose row the user activated
   */
  signals[ANNOTATION_ACTIVATED] =
    g_signal_new ("annotation-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * FmFactPanel::suggestion-activated:
   * @item: the suggestion whose row the user activated
   */
  signals[SUGGESTION_ACTIVATED] =
    g_signal_new ("suggestion-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FM_TYPE_SUGGESTION_ITEM);

  /**
   * FmFactPanel::show-annotation:
   * @article_id: the article to open
   * @annotation_id: the annotation to show in it
   */
  signals[SHOW_ANNOTATION] =
    g_signal_new ("show-annotation", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  g_type_ensure (FM_TYPE_ANNOTATION_EDITOR);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/fm-fact-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, FmFactPanel, stack);
  gtk_widget_class_bind_template_child (widget_class, FmFactPanel, list_stack);
  gtk_widget_class_bind_template_child (widget_class, FmFactPanel, kind_filter);
  gtk_widget_class_bind_template_child (widget_class, FmFactPanel, verdict_filter);
  gtk_widget_class_bind_template_child (widget_class, FmFactPanel, list_view);
  gtk_widget_class_bind_template_child (widget_class, FmFactPanel, editor_title);
  gtk_widget_class_bind_template_child (widget_class, FmFactPanel, legend);
  gtk_widget_class_bind_template_child (widget_class, FmFactPanel, editor);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_error_cb);
  gtk_widget_class_bind_template_callback (widget_class, editor_show_annotation_cb);
}

static void
fm_fact_panel_init (FmFactPanel *self)
{
  g_autoptr(GtkStringList) kinds = gtk_string_list_new (NULL);
  g_autoptr(GtkStringList) verdicts = gtk_string_list_new (NULL);
  g_autoptr(GtkListItemFactory) factory = gtk_signal_list_item_factory_new ();
  g_autoptr(GtkFlattenListModel) flat = NULL;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (kinds, _("All Kinds"));
  for (guint k = 0; k < FM_N_KINDS; k++)
    gtk_string_list_append (kinds, fm_kind_to_plural_label (k));
  gtk_drop_down_set_model (self->kind_filter, G_LIST_MODEL (kinds));

  gtk_string_list_append (verdicts, _("Any Verdict"));
  for (guint v = 0; v < FM_N_VERDICTS; v++)
    gtk_string_list_append (verdicts, fm_verdict_to_label (v));
  gtk_drop_down_set_model (self->verdict_filter, G_LIST_MODEL (verdicts));

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::highlight-style",
                           G_CALLBACK (highlight_style_changed_cb), self, G_CONNECT_SWAPPED);
  highlight_style_changed_cb (self, NULL, self->settings);

  self->sections = g_list_store_new (G_TYPE_LIST_MODEL);
  flat = gtk_flatten_list_model_new (g_object_ref (G_LIST_MODEL (self->sections)));
  self->shown = fm_head_model_new (G_LIST_MODEL (flat), G_MAXUINT);
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->shown)));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (self->selection));

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), self);
  gtk_list_view_set_factory (self->list_view, factory);

  self->kind_shown = kind_choice (self);
  self->verdict_shown = verdict_choice (self);
  for (guint k = 0; k < N_GROUPS; k++)
    {
      GroupFilter *data = g_new (GroupFilter, 1);

      self->headers[k] = fm_fact_header_new (k == ORPHANS ? _("Orphans")
                                                          : fm_kind_to_plural_label (k));
      data->panel = self;
      data->group = k;
      self->filters[k] = GTK_FILTER (gtk_custom_filter_new (filter_func, data, g_free));
      self->filtered[k] = gtk_filter_list_model_new (NULL, NULL);
      update_filter (self, k);
      g_object_set_data (G_OBJECT (self->filtered[k]), "kind", GUINT_TO_POINTER (k));
      g_signal_connect_object (self->filtered[k], "items-changed",
                               G_CALLBACK (filtered_changed_cb), self, G_CONNECT_SWAPPED);
    }

  self->suggested_header = fm_fact_header_new (_("Suggestions"));
  self->suggested =
    gtk_filter_list_model_new (NULL, GTK_FILTER (gtk_custom_filter_new (suggestion_filter_func,
                                                                        self, NULL)));
  g_signal_connect_object (self->suggested, "items-changed",
                           G_CALLBACK (suggested_changed_cb), self, G_CONNECT_SWAPPED);

  self->document_signals = g_signal_group_new (FM_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "annotation-removed",
                                 G_CALLBACK (annotation_removed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "annotation-changed",
                                 G_CALLBACK (annotation_changed_cb), self, G_CONNECT_SWAPPED);
}

FmDocument *
fm_fact_panel_get_document (FmFactPanel *self)
{
  g_return_val_if_fail (FM_IS_FACT_PANEL (self), NULL);
  return self->document;
}

void
fm_fact_panel_set_document (FmFactPanel *self,
                            FmDocument  *document)
{
  g_return_if_fail (FM_IS_FACT_PANEL (self));
  g_return_if_fail (!document || FM_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  g_set_object (&self->document, document);
  g_signal_group_set_target (self->document_signals, document);
  fm_fact_panel_show_list (self);

  schedule_step (self, STEP_SWAP);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

FmHistory *
fm_fact_panel_get_history (FmFactPanel *self)
{
  g_return_val_if_fail (FM_IS_FACT_PANEL (self), NULL);
  return self->history;
}

void
fm_fact_panel_set_history (FmFactPanel *self,
                           FmHistory   *history)
{
  g_return_if_fail (FM_IS_FACT_PANEL (self));
  g_return_if_fail (!history || FM_IS_HISTORY (history));

  if (g_set_object (&self->history, history))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

/* The filtered lists keep the document's order (start, longer first, id),
 * so a row is found by bisection rather than by walking the list. */
static gboolean
find_in_group (GListModel   *model,
               FmAnnotation *target,
               guint        *position)
{
  guint lo = 0, hi = g_list_model_get_n_items (model);
  glong ts = fm_annotation_get_start (target);
  glong te = fm_annotation_get_end (target);
  gint64 tid = fm_annotation_get_id (target);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(FmAnnotation) a = g_list_model_get_item (model, mid);
      glong s = fm_annotation_get_start (a);
      glong e = fm_annotation_get_end (a);
      gint64 id = fm_annotation_get_id (a);

      if (id == tid)
        {
          *position = mid;
          return TRUE;
        }
      if (s < ts || (s == ts && (e > te || (e == te && id < tid))))
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

static void
scroll_to_selected (FmFactPanel *self)
{
  guint position = gtk_single_selection_get_selected (self->selection);

  if (position != GTK_INVALID_LIST_POSITION)
    gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item", "u",
                                position);
}

static void
select_row (FmFactPanel *self,
            gint64       annotation_id)
{
  FmAnnotation *target = self->document ? fm_document_lookup (self->document, annotation_id) : NULL;
  guint n_sections;
  guint offset = 0;

  ensure_models (self);
  n_sections = g_list_model_get_n_items (G_LIST_MODEL (self->sections));

  for (guint i = 0; target != NULL && i < n_sections; i++)
    {
      g_autoptr(GListModel) section = g_list_model_get_item (G_LIST_MODEL (self->sections), i);
      guint index;

      if (G_IS_LIST_STORE (section) || section == G_LIST_MODEL (self->suggested)
          || !find_in_group (section, target, &index))
        {
          offset += g_list_model_get_n_items (section);
          continue;
        }
      /* The list is scrolled to the row when it is shown again: scrolling
       * it behind the editor made GTK bind a new stretch of rows for each
       * mark, which nobody saw. */
      gtk_single_selection_set_selected (self->selection, offset + index);
      return;
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

void
fm_fact_panel_show_editor (FmFactPanel *self,
                           gint64       annotation_id)
{
  FmAnnotation *annotation;

  g_return_if_fail (FM_IS_FACT_PANEL (self));

  if (self->document == NULL
      || !(annotation = fm_document_lookup (self->document, annotation_id)))
    {
      fm_fact_panel_show_list (self);
      return;
    }

  self->editing_id = annotation_id;
  select_row (self, annotation_id);
  gtk_label_set_label (self->editor_title, fm_kind_to_label (fm_annotation_get_kind (annotation)));
  fm_annotation_editor_set_annotation (self->editor, annotation_id);
  gtk_stack_set_visible_child_name (self->stack, "editor");
}

/**
 * fm_fact_panel_select_suggestion:
 * @item: (nullable): a suggestion of the document, or %NULL
 *
 * Selects the suggestion's row and scrolls to it, as picking its outline
 * in the article does.
 */
void
fm_fact_panel_select_suggestion (FmFactPanel      *self,
                                 FmSuggestionItem *item)
{
  guint n_sections, offset = 0;

  g_return_if_fail (FM_IS_FACT_PANEL (self));

  ensure_models (self);
  n_sections = g_list_model_get_n_items (G_LIST_MODEL (self->sections));
  for (guint i = 0; item != NULL && i < n_sections; i++)
    {
      g_autoptr(GListModel) section = g_list_model_get_item (G_LIST_MODEL (self->sections), i);

      if (section == G_LIST_MODEL (self->suggested))
        {
          for (guint j = 0; j < g_list_model_get_n_items (section); j++)
            {
              g_autoptr(GObject) row = g_list_model_get_item (section, j);

              if (row == G_OBJECT (item))
                {
                  gtk_single_selection_set_selected (self->selection, offset + j);
                  gtk_widget_activate_action (GTK_WIDGET (self->list_view), "list.scroll-to-item",
                                              "u", offset + j);
                  return;
                }
            }
        }
      offset += g_list_model_get_n_items (section);
    }
  gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
}

void
fm_fact_panel_show_list (FmFactPanel *self)
{
  gboolean was_editing;

  g_return_if_fail (FM_IS_FACT_PANEL (self));

  was_editing = self->editing_id != 0;
  fm_annotation_editor_flush (self->editor);
  self->editing_id = 0;
  gtk_stack_set_visible_child_name (self->stack, "list");
  if (was_editing)
    scroll_to_selected (self);
}

gboolean
fm_fact_panel_is_editing (FmFactPanel *self)
{
  g_return_val_if_fail (FM_IS_FACT_PANEL (self), FALSE);
  return self->editing_id != 0;
}

/**
 * fm_fact_panel_set_filter:
 * @kind: an #FmKind, or -1 for every kind
 * @verdict: an #FmVerdict, or -1 for any verdict
 */
void
fm_fact_panel_set_filter (FmFactPanel *self,
                          int          kind,
                          int          verdict)
{
  g_return_if_fail (FM_IS_FACT_PANEL (self));

  gtk_drop_down_set_selected (self->kind_filter, kind < 0 ? 0 : (guint) kind + 1);
  gtk_drop_down_set_selected (self->verdict_filter, verdict < 0 ? 0 : (guint) verdict + 1);
}

/**
 * fm_fact_panel_get_model:
 *
 * Returns: (transfer none): the rows as shown: headings and annotations
 */
GListModel *
fm_fact_panel_get_model (FmFactPanel *self)
{
  g_return_val_if_fail (FM_IS_FACT_PANEL (self), NULL);

  ensure_models (self);
  return G_LIST_MODEL (self->selection);
}

FmAnnotationEditor *
fm_fact_panel_get_editor (FmFactPanel *self)
{
  g_return_val_if_fail (FM_IS_FACT_PANEL (self), NULL);
  return self->editor;
}

gboolean
fm_fact_panel_get_hold_rows (FmFactPanel *self)
{
  g_return_val_if_fail (FM_IS_FACT_PANEL (self), FALSE);

  return self->hold_rows;
}

void
fm_fact_panel_set_hold_rows (FmFactPanel *self,
                             gboolean     hold_rows)
{
  g_return_if_fail (FM_IS_FACT_PANEL (self));

  hold_rows = !!hold_rows;
  if (self->hold_rows == hold_rows)
    return;
  self->hold_rows = hold_rows;
  if (!hold_rows && (self->step == STEP_ATTACH || self->step == STEP_GROW)
      && self->step_tick == 0)
    schedule_step (self, self->step);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HOLD_ROWS]);
}
