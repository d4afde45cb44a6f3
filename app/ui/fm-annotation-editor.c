/* fm-annotation-editor.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-annotation-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#include "fm-annotation-editor.h"
#include "fm-after-frame.h"
#include "fm-store-desk.h"
#include "fm-figure-conflict-set.h"
#include "fm-similar.h"
#include "fm-similar-task.h"
#include "fm-facts.h"
#include "fm-sources.h"
#include "fm-tracked.h"
#include "fm-evidence-dialog.h"
#include "fm-text.h"

/* The editor for the selected annotation. Every edit is written at once
 * through FmHistory, so it is undoable and nothing waits for a Save; typing
 * a note is saved after a short pause and undone as one step. */

#define NOTE_SAVE_DELAY_MS 600

struct _FmAnnotationEditor
{
  AdwBin             parent_instance;

  /* Template widgets */
  GtkImage          *kind_icon;
  GtkWidget         *attention_box;
  GtkWidget         *checked_before_box;
  GtkWidget         *checked_before_button;
  GtkLabel          *checked_before_label;
  GtkWidget         *link_button;
  GtkWidget         *tracked_box;
  GtkLabel          *tracked_label;
  AdwActionRow      *source_page_row;
  GtkBox            *disagree_box;
  GtkLabel          *attention_label;
  GtkWidget         *attach_button;
  GtkWidget         *confirm_button;
  GtkLabel          *quote_label;
  GtkLabel          *position_label;
  GtkLabel          *authors_label;
  AdwComboRow       *kind_row;
  AdwComboRow       *verdict_row;
  AdwEntryRow       *value_row;
  AdwEntryRow       *unit_row;
  AdwEntryRow       *name_row;
  AdwComboRow       *source_type_row;
  GtkTextView       *note_view;
  AdwPreferencesGroup *sources_group;
  GtkListBox        *sources_list;
  GtkMenuButton     *add_source_button;
  GtkListBox        *source_choices;
  AdwPreferencesGroup *evidence_group;
  GtkListBox        *evidence_list;

  /* Owned references */
  FmDocument        *document;
  GSignalGroup      *document_signals;
  FmHistory         *history;
  GtkStringList     *claim_verdicts;
  GtkStringList     *figure_verdicts;

  gint64             annotation_id;
  /* The claim elsewhere that this one repeats, shown as "Checked before". */
  gint64             before_article_id;
  gint64             before_id;
  /* The claim the running lookup is for, and a way to drop it. */
  gint64             similar_for;
  GCancellable      *similar_cancellable;
  /* The library's conflicting figures, followed while a figure is shown. */
  FmFigureConflictSet *conflict_set;
  guint              note_source;
  gboolean           updating;
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_HISTORY,
  N_PROPS
};

enum {
  ERROR,
  SHOW_ANNOTATION,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (FmAnnotationEditor, fm_annotation_editor, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void refresh    (FmAnnotationEditor *self);
static void clear_list (GtkListBox         *list);

static FmAnnotation *
current (FmAnnotationEditor *self)
{
  if (self->document == NULL || self->annotation_id == 0)
    return NULL;
  return fm_document_lookup (self->document, self->annotation_id);
}

static FmAnnotation *
begin_edit (FmAnnotationEditor *self)
{
  FmAnnotation *annotation = current (self);

  if (self->updating || annotation == NULL || self->history == NULL)
    return NULL;
  return fm_annotation_copy (annotation);
}

static void
commit_edit (FmAnnotationEditor *self,
             FmAnnotation       *after,
             const char         *merge_key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmAnnotation) before = NULL;
  FmAnnotation *annotation = current (self);

  g_assert (FM_IS_ANNOTATION_EDITOR (self));

  if (annotation == NULL)
    return;
  before = g_object_ref (annotation);
  if (!fm_history_update (self->history, before, after, merge_key, &error))
    {
      g_printerr ("factmark: %s\n", error->message);
      g_signal_emit (self, signals[ERROR], 0, error->message);
      refresh (self);
    }
}

static char *
note_text (FmAnnotationEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter s, e;

  gtk_text_buffer_get_bounds (buffer, &s, &e);
  return gtk_text_buffer_get_text (buffer, &s, &e, FALSE);
}

static gboolean
save_note_cb (gpointer data)
{
  FmAnnotationEditor *self = data;
  g_autoptr(FmAnnotation) after = NULL;
  g_autofree char *text = NULL;

  self->note_source = 0;
  if (!(after = begin_edit (self)))
    return G_SOURCE_REMOVE;

  text = note_text (self);
  /* Notes are stored canonical, like the text they comment on. */
  {
    g_autofree char *nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
    fm_annotation_set_note (after, nfc);
  }
  commit_edit (self, after, "note");
  return G_SOURCE_REMOVE;
}

static void
note_changed_cb (FmAnnotationEditor *self,
                 GtkTextBuffer      *buffer)
{
  if (self->updating)
    return;
  g_clear_handle_id (&self->note_source, g_source_remove);
  self->note_source = g_timeout_add (NOTE_SAVE_DELAY_MS, save_note_cb, self);
}

static void
confirm_clicked_cb (FmAnnotationEditor *self,
                    GtkButton          *button)
{
  g_autoptr(FmAnnotation) after = begin_edit (self);

  if (after == NULL)
    return;
  fm_annotation_set_confirmed (after, TRUE);
  commit_edit (self, after, NULL);
}

static void
kind_selected_cb (FmAnnotationEditor *self,
                  GParamSpec         *pspec,
                  AdwComboRow        *row)
{
  g_autoptr(FmAnnotation) after = begin_edit (self);
  guint kind = adw_combo_row_get_selected (row);

  if (after == NULL || kind >= FM_N_KINDS || kind == fm_annotation_get_kind (after))
    return;

  fm_annotation_set_kind (after, kind);
  /* What belongs only to the old kind goes, so the store stays consistent;
   * undo brings it back. */
  if (kind == FM_KIND_SOURCE)
    {
      GArray *sources = fm_annotation_get_sources (after);

      while (sources->len > 0)
        fm_annotation_remove_source (after, g_array_index (sources, gint64, 0));
    }
  /* A source that claims are attributed to cannot become another kind;
   * the store refuses it and commit_edit() says why. */
  fm_annotation_apply_defaults (after);
  commit_edit (self, after, NULL);
}

static void
verdict_selected_cb (FmAnnotationEditor *self,
                     GParamSpec         *pspec,
                     AdwComboRow        *row)
{
  g_autoptr(FmAnnotation) after = begin_edit (self);
  guint verdict = adw_combo_row_get_selected (row);

  if (after == NULL || verdict == GTK_INVALID_LIST_POSITION)
    return;
  /* The figure list has every verdict but "opinion", which is last, so the
   * index maps to the enum for both lists. */
  fm_annotation_set_verdict (after, verdict);
  commit_edit (self, after, NULL);
}

static void
source_type_selected_cb (FmAnnotationEditor *self,
                         GParamSpec         *pspec,
                         AdwComboRow        *row)
{
  g_autoptr(FmAnnotation) after = begin_edit (self);
  guint type = adw_combo_row_get_selected (row);

  if (after == NULL || type >= FM_N_SOURCE_TYPES)
    return;
  fm_annotation_set_source_type (after, type);
  commit_edit (self, after, NULL);
}

/* Reads a number as the user's locale writes it: "48,5" in German, "48.5"
 * in English, with the locale's thousands separators allowed. */
static gboolean
parse_value (const char *text,
             gboolean   *has_value,
             double     *value)
{
  const struct lconv *conv = localeconv ();
  const char *point = conv->decimal_point && *conv->decimal_point ? conv->decimal_point : ".";
  const char *group = conv->thousands_sep ? conv->thousands_sep : "";
  g_autoptr(GString) clean = g_string_new (NULL);
  char *end = NULL;

  for (const char *p = text; *p; )
    {
      if (*p == ' ' || g_str_has_prefix (p, "\u00A0") || g_str_has_prefix (p, "\u202F"))
        p = g_utf8_next_char (p);
      else if (*group && g_str_has_prefix (p, group))
        p += strlen (group);
      else if (g_str_has_prefix (p, point))
        {
          g_string_append_c (clean, '.');
          p += strlen (point);
        }
      else
        g_string_append_c (clean, *p++);
    }

  if (clean->len == 0)
    {
      *has_value = FALSE;
      *value = 0;
      return TRUE;
    }
  *value = g_ascii_strtod (clean->str, &end);
  *has_value = TRUE;
  return end != clean->str && *end == '\0' && isfinite (*value);
}

static void
value_apply_cb (FmAnnotationEditor *self,
                AdwEntryRow        *row)
{
  g_autoptr(FmAnnotation) after = begin_edit (self);
  gboolean has_value;
  double value;

  if (after == NULL)
    return;
  if (!parse_value (gtk_editable_get_text (GTK_EDITABLE (row)), &has_value, &value))
    {
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
      return;
    }
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  fm_annotation_set_value (after, has_value, value);
  commit_edit (self, after, NULL);
}

static void
unit_apply_cb (FmAnnotationEditor *self,
               AdwEntryRow        *row)
{
  g_autoptr(FmAnnotation) after = begin_edit (self);

  if (after == NULL)
    return;
  fm_annotation_set_unit (after, g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)))));
  commit_edit (self, after, NULL);
}

static void
name_apply_cb (FmAnnotationEditor *self,
               AdwEntryRow        *row)
{
  g_autoptr(FmAnnotation) after = begin_edit (self);
  g_autofree char *name = NULL;

  if (after == NULL)
    return;
  name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  /* A name equal to the quote is the default; store none. */
  fm_annotation_set_name (after, g_strcmp0 (name, fm_annotation_get_quote (after)) == 0
                                 ? NULL : name);
  commit_edit (self, after, NULL);
}

static void
remove_source_cb (FmAnnotationEditor *self,
                  GtkButton          *button)
{
  g_autoptr(FmAnnotation) after = begin_edit (self);
  gint64 *source_id = g_object_get_data (G_OBJECT (button), "source-id");

  if (after == NULL || source_id == NULL)
    return;
  fm_annotation_remove_source (after, *source_id);
  commit_edit (self, after, NULL);
}

static void
source_choice_activated_cb (FmAnnotationEditor *self,
                            GtkListBoxRow      *row,
                            GtkListBox         *list)
{
  g_autoptr(FmAnnotation) after = begin_edit (self);
  gint64 *source_id = g_object_get_data (G_OBJECT (row), "source-id");

  gtk_menu_button_popdown (self->add_source_button);
  if (after == NULL || source_id == NULL)
    return;
  fm_annotation_add_source (after, *source_id);
  commit_edit (self, after, NULL);
}

static void
fill_source_choices (FmAnnotationEditor *self)
{
  FmAnnotation *annotation = current (self);
  GListModel *model;
  guint n, shown = 0;

  clear_list (self->source_choices);
  if (annotation == NULL)
    return;

  model = fm_document_get_annotations (self->document);
  n = g_list_model_get_n_items (model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(FmAnnotation) a = g_list_model_get_item (model, i);
      GtkWidget *row;
      GtkWidget *label;
      gint64 *id;

      if (fm_annotation_get_kind (a) != FM_KIND_SOURCE
          || fm_annotation_has_source (annotation, fm_annotation_get_id (a)))
        continue;

      row = gtk_list_box_row_new ();
      label = gtk_label_new (fm_annotation_get_display_name (a));
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 36);
      gtk_label_set_width_chars (GTK_LABEL (label), 24);
      gtk_widget_set_margin_start (label, 6);
      gtk_widget_set_margin_end (label, 6);
      gtk_widget_set_margin_top (label, 6);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), label);
      id = g_new (gint64, 1);
      *id = fm_annotation_get_id (a);
      g_object_set_data_full (G_OBJECT (row), "source-id", id, g_free);
      gtk_list_box_append (self->source_choices, row);
      shown++;
    }

  if (shown == 0)
    {
      GtkWidget *label = gtk_label_new (_("No other sources are marked in this article. "
                                          "Select who said it and press Ctrl+3."));

      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 30);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_end (label, 12);
      gtk_widget_set_margin_top (label, 12);
      gtk_widget_set_margin_bottom (label, 12);
      gtk_list_box_append (self->source_choices, label);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (gtk_widget_get_parent (label)), FALSE);
    }
}

static void
source_popover_show_cb (FmAnnotationEditor *self,
                        GtkPopover         *popover)
{
  fill_source_choices (self);
}

static gboolean
is_web_url (const char *url)
{
  g_autofree char *scheme = g_uri_parse_scheme (url);

  return scheme != NULL
         && (g_ascii_strcasecmp (scheme, "http") == 0 || g_ascii_strcasecmp (scheme, "https") == 0);
}

static void
open_evidence_cb (FmAnnotationEditor *self,
                  GtkButton          *button)
{
  const char *url = g_object_get_data (G_OBJECT (button), "url");
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  /* Only web addresses leave the app; a file: or javascript: URL from an
   * imported sheet must never be handed to the desktop. */
  if (url != NULL && is_web_url (url))
    gtk_show_uri (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, url, GDK_CURRENT_TIME);
}

static void
remove_evidence_cb (FmAnnotationEditor *self,
                    GtkButton          *button)
{
  g_autoptr(FmAnnotation) after = begin_edit (self);
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (button), "index"));

  if (after == NULL || index >= fm_annotation_get_evidence (after)->len)
    return;
  fm_annotation_remove_evidence (after, index);
  commit_edit (self, after, NULL);
}

static void
evidence_done_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  FmAnnotationEditor *self = FM_ANNOTATION_EDITOR (object);
  int index = GPOINTER_TO_INT (user_data);
  g_autoptr(FmEvidence) evidence = fm_evidence_dialog_run_finish (result, NULL);
  g_autoptr(FmAnnotation) after = NULL;
  GPtrArray *items;

  if (evidence == NULL || !(after = begin_edit (self)))
    return;

  items = fm_annotation_get_evidence (after);
  if (index >= 0 && (guint) index < items->len)
    {
      FmEvidence *item = g_ptr_array_index (items, index);

      g_free (item->url);
      g_free (item->note);
      item->url = g_steal_pointer (&evidence->url);
      item->note = g_steal_pointer (&evidence->note);
    }
  else
    fm_annotation_add_evidence (after, evidence->url, evidence->note);
  commit_edit (self, after, NULL);
}

static void
show_evidence_dialog (FmAnnotationEditor *self,
                      int                 index)
{
  FmAnnotation *annotation = current (self);
  GPtrArray *items;

  if (annotation == NULL)
    return;

  items = fm_annotation_get_evidence (annotation);
  fm_evidence_dialog_run_async (GTK_WIDGET (self),
                                index >= 0 && (guint) index < items->len
                                ? g_ptr_array_index (items, index) : NULL,
                                NULL, evidence_done_cb, GINT_TO_POINTER (index));
}

static void
add_evidence_cb (FmAnnotationEditor *self,
                 GtkButton          *button)
{
  show_evidence_dialog (self, -1);
}

static void
edit_evidence_cb (FmAnnotationEditor *self,
                  GtkButton          *button)
{
  show_evidence_dialog (self, GPOINTER_TO_INT (g_object_get_data (G_OBJECT (button), "index")));
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip, -1);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  return button;
}

static void
clear_list (GtkListBox *list)
{
  GtkListBoxRow *row;

  /* Rows only: the placeholder is a child too, and stays. */
  while ((row = gtk_list_box_get_row_at_index (list, 0)))
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

static void
refresh_sources (FmAnnotationEditor *self,
                 FmAnnotation       *annotation)
{
  GArray *sources = fm_annotation_get_sources (annotation);

  clear_list (self->sources_list);
  for (guint i = 0; i < sources->len; i++)
    {
      gint64 id = g_array_index (sources, gint64, i);
      FmAnnotation *source = fm_document_lookup (self->document, id);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *remove;
      gint64 *data;
      g_autofree char *title = NULL;

      title = g_markup_escape_text (source ? fm_annotation_get_display_name (source) : "?", -1);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (source)
        adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                     fm_source_type_to_label (fm_annotation_get_source_type (source)));
      remove = icon_button ("edit-delete-symbolic", _("Remove Attribution"));
      data = g_new (gint64, 1);
      *data = id;
      g_object_set_data_full (G_OBJECT (remove), "source-id", data, g_free);
      g_signal_connect_swapped (remove, "clicked", G_CALLBACK (remove_source_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
      gtk_list_box_append (self->sources_list, row);
    }
}

static void
refresh_evidence (FmAnnotationEditor *self,
                  FmAnnotation       *annotation)
{
  GPtrArray *evidence = fm_annotation_get_evidence (annotation);

  clear_list (self->evidence_list);
  for (guint i = 0; i < evidence->len; i++)
    {
      FmEvidence *item = g_ptr_array_index (evidence, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button;
      g_autofree char *title = g_markup_escape_text (item->url, -1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 1);
      if (item->note)
        {
          g_autofree char *note = g_markup_escape_text (item->note, -1);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), note);
        }

      if (is_web_url (item->url))
        {
          button = icon_button ("adw-external-link-symbolic", _("Open in Browser"));
          g_object_set_data_full (G_OBJECT (button), "url", g_strdup (item->url), g_free);
          g_signal_connect_swapped (button, "clicked", G_CALLBACK (open_evidence_cb), self);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      button = icon_button ("document-edit-symbolic", _("Edit Evidence"));
      g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (i));
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (edit_evidence_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      button = icon_button ("edit-delete-symbolic", _("Remove Evidence"));
      g_object_set_data (G_OBJECT (button), "index", GUINT_TO_POINTER (i));
      g_signal_connect_swapped (button, "clicked", G_CALLBACK (remove_evidence_cb), self);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->evidence_list, row);
    }
}

static void
refresh_position (FmAnnotationEditor *self,
                  FmAnnotation       *annotation)
{
  g_autofree char *position = NULL;
  guint line, column;

  if (fm_annotation_is_orphan (annotation))
    position = g_strdup (_("Not found in the current text"));
  else
    {
      fm_document_locate (self->document, fm_annotation_get_start (annotation), &line, &column);
      /* Translators: where an annotation is: line, column, then code point offsets. */
      position = g_strdup_printf (_("Line %u, column %u · characters %ld–%ld"),
                                  line, column, fm_annotation_get_start (annotation),
                                  fm_annotation_get_end (annotation));
    }
  gtk_label_set_label (self->position_label, position);
}

/* After an update of the text: what was lost or changed, until seen. */
static void
refresh_attention (FmAnnotationEditor *self,
                   FmAnnotation       *annotation)
{
  gboolean orphan = fm_annotation_is_orphan (annotation);
  gboolean changed = fm_annotation_get_state (annotation) == FM_ANCHOR_CHANGED
                     && !fm_annotation_get_confirmed (annotation);
  const char *was = fm_annotation_get_original_quote (annotation);

  gtk_widget_set_visible (self->attention_box, orphan || changed);
  gtk_widget_set_visible (self->attach_button, orphan);
  gtk_widget_set_visible (self->confirm_button, changed);
  if (orphan)
    {
      gtk_widget_add_css_class (self->attention_box, "orphaned");
      gtk_label_set_label (self->attention_label,
                           _("This passage is not in the updated text. Its notes and links "
                             "are kept. Select where it is now and attach it, or delete it."));
    }
  else if (changed)
    {
      g_autofree char *text = g_strdup_printf (_("The passage changed in the updated text. It was: "
                                                 "“%s”"), was ? was : "");
      gtk_widget_remove_css_class (self->attention_box, "orphaned");
      gtk_label_set_label (self->attention_label, text);
    }
}

static void
refresh_verdict (FmAnnotationEditor *self,
                 FmAnnotation       *annotation,
                 FmKind              kind)
{
  gtk_widget_set_visible (GTK_WIDGET (self->verdict_row), kind != FM_KIND_SOURCE);
  adw_combo_row_set_model (self->verdict_row,
                           G_LIST_MODEL (kind == FM_KIND_FIGURE ? self->figure_verdicts
                                                                : self->claim_verdicts));
  adw_combo_row_set_selected (self->verdict_row, fm_annotation_get_verdict (annotation));
}

static void
refresh_figure (FmAnnotationEditor *self,
                FmAnnotation       *annotation,
                FmKind              kind)
{
  g_autofree char *value = NULL;
  const char *unit = fm_annotation_get_unit (annotation);

  gtk_widget_set_visible (GTK_WIDGET (self->value_row), kind == FM_KIND_FIGURE);
  gtk_widget_set_visible (GTK_WIDGET (self->unit_row), kind == FM_KIND_FIGURE);
  if (kind != FM_KIND_FIGURE)
    return;

  /* In the locale's decimal point, as parse_value() reads it back. */
  if (fm_annotation_get_has_value (annotation))
    value = g_strdup_printf ("%.15g", fm_annotation_get_value (annotation));
  gtk_editable_set_text (GTK_EDITABLE (self->value_row), value ? value : "");
  gtk_widget_remove_css_class (GTK_WIDGET (self->value_row), "error");
  gtk_editable_set_text (GTK_EDITABLE (self->unit_row), unit ? unit : "");
}

/* The row that opens the library source this mention belongs to. */
static void
refresh_source_page (FmAnnotationEditor *self,
                     FmAnnotation       *annotation)
{
  const char *entity = fm_annotation_get_entity (annotation);
  const char *name = entity ? entity : fm_annotation_get_display_name (annotation);
  g_autofree char *subtitle = NULL;

  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->source_page_row), "s", name);
  /* Translators: the library source a mention was merged into. */
  subtitle = entity ? g_strdup_printf (_("In the library as “%s”"), entity)
                    : g_strdup (_("Everything it said, in every article"));
  adw_action_row_set_subtitle (self->source_page_row, subtitle);
}

static void
refresh_source (FmAnnotationEditor *self,
                FmAnnotation       *annotation,
                FmKind              kind)
{
  gtk_widget_set_visible (GTK_WIDGET (self->name_row), kind == FM_KIND_SOURCE);
  gtk_widget_set_visible (GTK_WIDGET (self->source_type_row), kind == FM_KIND_SOURCE);
  gtk_widget_set_visible (GTK_WIDGET (self->source_page_row), kind == FM_KIND_SOURCE);
  if (kind != FM_KIND_SOURCE)
    return;

  gtk_editable_set_text (GTK_EDITABLE (self->name_row), fm_annotation_get_display_name (annotation));
  adw_combo_row_set_selected (self->source_type_row, fm_annotation_get_source_type (annotation));
  refresh_source_page (self, annotation);
}

/* Leaves the note alone while the user is typing into it. */
static void
refresh_note (FmAnnotationEditor *self,
              FmAnnotation       *annotation)
{
  g_autofree char *typed = note_text (self);
  const char *note = fm_annotation_get_note (annotation) ? fm_annotation_get_note (annotation) : "";

  if (self->note_source == 0 && g_strcmp0 (typed, note) != 0)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), note, -1);
}

/* When an article was published, as it says, or else when it came into
 * the library. */
static char *
article_date (FmArticle *article)
{
  g_autoptr(GDateTime) imported = NULL;

  if (article == NULL)
    return g_strdup ("");
  if (fm_article_get_published (article) != NULL && *fm_article_get_published (article))
    return g_strdup (fm_article_get_published (article));
  imported = g_date_time_new_from_unix_local (fm_article_get_imported (article) / G_USEC_PER_SEC);
  /* Translators: a date, as in "3 Dec 2026". */
  return imported ? g_date_time_format (imported, _("%-d %b %Y")) : g_strdup ("");
}

/* "Checked before": the claim in another article most like this one, with
 * its verdict, so a desk sees at once that it was judged already. */
static void
show_checked_before (FmAnnotationEditor *self,
                     FmAnnotation       *annotation,
                     FmSimilarClaim     *best)
{
  FmStore *store = fm_document_get_store (self->document);
  g_autoptr(FmArticle) article = NULL;
  g_autofree char *text = NULL;
  g_autofree char *when = NULL;

  article = fm_store_get_article (store, fm_annotation_get_article_id (best->annotation), NULL);
  self->before_id = fm_annotation_get_id (best->annotation);
  self->before_article_id = fm_annotation_get_article_id (best->annotation);
  when = article_date (article);
  /* Translators: a claim found in another article: its verdict, that
   * article's title and date, and how sure the match is. */
  text = g_strdup_printf (best->score >= FM_SIMILAR_SAME ? _("Checked before: %s — %s, %s")
                                                          : _("Possibly checked before: %s — %s, %s"),
                          fm_verdict_to_label (fm_annotation_get_verdict (best->annotation)),
                          article ? fm_article_get_display_title (article) : "", when);
  gtk_label_set_label (self->checked_before_label, text);
  /* Linked already: the tracked row says so, and there is nothing to link. */
  gtk_widget_set_visible (self->link_button,
                          fm_annotation_get_tracked (annotation) == NULL
                          || g_strcmp0 (fm_annotation_get_tracked (annotation),
                                        fm_annotation_get_tracked (best->annotation)) != 0);
  gtk_widget_set_visible (self->checked_before_box, TRUE);
}

static void
similar_found_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(FmAnnotationEditor) self = user_data;
  g_autoptr(GPtrArray) similar = fm_similar_lookup_finish (result, NULL);
  FmAnnotation *annotation = current (self);

  /* Another annotation may be shown by now; its own lookup will answer. */
  if (similar == NULL || annotation == NULL
      || fm_annotation_get_id (annotation) != self->similar_for)
    return;
  if (similar->len == 0)
    {
      self->before_id = 0;
      gtk_widget_set_visible (self->checked_before_box, FALSE);
      return;
    }
  show_checked_before (self, annotation, g_ptr_array_index (similar, 0));
}

typedef struct
{
  FmAnnotationEditor *self;
  GCancellable       *cancellable;
} SimilarLookup;

static void
similar_lookup_free (SimilarLookup *lookup)
{
  g_object_unref (lookup->self);
  g_object_unref (lookup->cancellable);
  g_free (lookup);
}

static void
start_similar_lookup (gpointer data)
{
  SimilarLookup *lookup = data;
  FmAnnotationEditor *self = lookup->self;

  /* Showing another claim meanwhile cancelled this one's lookup. */
  if (!g_cancellable_is_cancelled (lookup->cancellable) && self->document != NULL)
    fm_similar_lookup_async (fm_store_get_path (fm_document_get_store (self->document)),
                             self->similar_for, FM_SIMILAR_SUGGEST, lookup->cancellable,
                             similar_found_cb, g_object_ref (self));
  similar_lookup_free (lookup);
}

/* Looks for the claim in a thread: on a big library it takes a while. The
 * thread starts once the editor has been drawn, so that it does not slow
 * the frame that shows the new claim. */
static void
refresh_checked_before (FmAnnotationEditor *self,
                        FmAnnotation       *annotation,
                        FmKind              kind)
{
  FmStore *store = fm_document_get_store (self->document);
  gint64 id = fm_annotation_get_id (annotation);
  SimilarLookup *lookup;

  g_cancellable_cancel (self->similar_cancellable);
  g_clear_object (&self->similar_cancellable);
  /* The same claim, edited: what it showed stays until the new answer, so
   * the row does not flicker at each change. */
  if (id != self->similar_for || kind != FM_KIND_CLAIM)
    {
      self->before_id = 0;
      gtk_widget_set_visible (self->checked_before_box, FALSE);
    }
  self->similar_for = 0;
  if (kind != FM_KIND_CLAIM || fm_store_get_path (store) == NULL)
    return;
  self->similar_cancellable = g_cancellable_new ();
  self->similar_for = id;
  lookup = g_new0 (SimilarLookup, 1);
  lookup->self = g_object_ref (self);
  lookup->cancellable = g_object_ref (self->similar_cancellable);
  fm_after_frame (GTK_WIDGET (self), start_similar_lookup, lookup,
                  (GDestroyNotify) similar_lookup_free);
}

/* A tracked claim: the other articles whose claim shares this verdict. */
static void
refresh_tracked (FmAnnotationEditor *self,
                 FmAnnotation       *annotation,
                 FmKind              kind)
{
  FmStore *store = fm_document_get_store (self->document);
  g_autoptr(GPtrArray) others = NULL;
  g_autoptr(GString) titles = g_string_new (NULL);
  g_autofree char *text = NULL;

  gtk_widget_set_visible (self->tracked_box, FALSE);
  if (kind != FM_KIND_CLAIM || fm_annotation_get_tracked (annotation) == NULL
      || !(others = fm_store_list_tracked_with (store, fm_annotation_get_id (annotation), NULL))
      || others->len == 0)
    return;
  for (guint i = 0; i < others->len; i++)
    g_string_append_printf (titles, "%s“%s”", i ? ", " : "",
                            fm_article_get_display_title (fm_fact_get_article (g_ptr_array_index (others, i))));
  /* Translators: a claim linked with the same claim in other articles. */
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "Tracked with the same claim in %s",
                                       "Tracked with the same claim in %s",
                                       others->len), titles->str);
  gtk_label_set_label (self->tracked_label, text);
  gtk_widget_set_visible (self->tracked_box, TRUE);
}

static void
link_clicked_cb (FmAnnotationEditor *self,
                 GtkButton          *button)
{
  FmAnnotation *annotation = current (self);
  g_autoptr(GError) error = NULL;

  /* The claim checked before comes first: its verdict stands. */
  if (annotation == NULL || self->before_id == 0)
    return;
  if (!fm_store_link_claims (fm_document_get_store (self->document), self->before_id,
                             fm_annotation_get_id (annotation), &error))
    g_signal_emit (self, signals[ERROR], 0, error->message);
}

static void
unlink_clicked_cb (FmAnnotationEditor *self,
                   GtkButton          *button)
{
  FmAnnotation *annotation = current (self);
  g_autoptr(GError) error = NULL;

  if (annotation != NULL
      && !fm_store_unlink_claim (fm_document_get_store (self->document),
                                 fm_annotation_get_id (annotation), &error))
    g_signal_emit (self, signals[ERROR], 0, error->message);
}

static void
checked_before_clicked_cb (FmAnnotationEditor *self,
                           GtkButton          *button)
{
  if (self->before_id != 0)
    g_signal_emit (self, signals[SHOW_ANNOTATION], 0, self->before_article_id, self->before_id);
}

/* The most figures elsewhere listed as disagreeing; the Facts view lists
 * them all. */
#define MAX_DISAGREEING 3

static void
disagree_clicked_cb (FmAnnotationEditor *self,
                     GtkButton          *button)
{
  FmFigure *other = g_object_get_data (G_OBJECT (button), "fm-figure");

  g_signal_emit (self, signals[SHOW_ANNOTATION], 0, other->article_id, other->annotation_id);
}

static GtkWidget *
disagree_button (FmAnnotationEditor *self,
                 FmFigure           *other)
{
  g_autofree char *what = fm_figure_conflict_describe (other);
  /* Translators: a figure in another article that gives a different value
   * for the same thing: "Other reports disagree: 4,000 troops — title, date". */
  g_autofree char *text = g_strdup_printf (_("Other reports disagree: %s"), what);
  GtkWidget *label = gtk_label_new (text);
  GtkWidget *button = gtk_button_new ();

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_button_set_child (GTK_BUTTON (button), label);
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_set_tooltip_text (button, _("Open the figure this one disagrees with"));
  gtk_widget_add_css_class (button, "flat");
  gtk_widget_add_css_class (button, "figure-conflict");
  g_object_set_data_full (G_OBJECT (button), "fm-figure", fm_figure_ref (other),
                          (GDestroyNotify) fm_figure_unref);
  g_signal_connect_object (button, "clicked", G_CALLBACK (disagree_clicked_cb), self,
                           G_CONNECT_SWAPPED);
  return button;
}

/* "Other reports disagree": figures in other articles that give another
 * value for what this figure counts, from the library's conflict set,
 * which follows the library in the background. */
static void
refresh_disagree (FmAnnotationEditor *self,
                  FmAnnotation       *annotation,
                  FmKind              kind)
{
  GtkWidget *child;
  GPtrArray *others = NULL;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->disagree_box))) != NULL)
    gtk_box_remove (self->disagree_box, child);
  if (kind == FM_KIND_FIGURE && self->conflict_set != NULL)
    others = fm_figure_conflict_set_lookup (self->conflict_set, fm_annotation_get_id (annotation));
  for (guint i = 0; others != NULL && i < MIN (others->len, MAX_DISAGREEING); i++)
    gtk_box_append (self->disagree_box, disagree_button (self, g_ptr_array_index (others, i)));
  gtk_widget_set_visible (GTK_WIDGET (self->disagree_box), others != NULL && others->len > 0);
}

static void
conflicts_changed_cb (FmAnnotationEditor *self)
{
  FmAnnotation *annotation = current (self);

  if (annotation != NULL)
    refresh_disagree (self, annotation, fm_annotation_get_kind (annotation));
}

/* Follows the conflict set of the document's store, made on first use. */
static void
follow_conflicts (FmAnnotationEditor *self)
{
  FmStore *store = self->document ? fm_document_get_store (self->document) : NULL;
  FmFigureConflictSet *set = store ? fm_figure_conflict_set_get_for_store (store) : NULL;

  if (set == self->conflict_set)
    return;
  if (self->conflict_set != NULL)
    g_signal_handlers_disconnect_by_data (self->conflict_set, self);
  g_set_object (&self->conflict_set, set);
  if (set != NULL)
    g_signal_connect_object (set, "changed", G_CALLBACK (conflicts_changed_cb), self,
                             G_CONNECT_SWAPPED);
}

static char *
format_when (gint64 unix_time)
{
  g_autoptr(GDateTime) when = g_date_time_new_from_unix_local (unix_time);

  /* Translators: a date and time, as in "marked by alice, 3 Dec 14:05". */
  return when ? g_date_time_format (when, _("%-d %b %H:%M")) : g_strdup ("");
}

/* On a desk, who marked the annotation and who set its verdict, and when,
 * as the server recorded them. */
static void
refresh_authors (FmAnnotationEditor *self,
                 FmAnnotation       *annotation)
{
  FmStore *store = fm_document_get_store (self->document);
  g_autoptr(FmDeskRow) row = fm_store_desk_get_authors (store, fm_annotation_get_uuid (annotation),
                                                        NULL);
  g_autoptr(GString) text = g_string_new (NULL);

  if (row != NULL && row->marked_by != NULL)
    {
      g_autofree char *when = format_when (row->marked_at);

      g_string_append_printf (text, _("Marked by %s, %s"), row->marked_by, when);
    }
  if (row != NULL && row->verdict_by != NULL)
    {
      g_autofree char *when = format_when (row->verdict_at);

      g_string_append (text, text->len ? " · " : "");
      g_string_append_printf (text, _("verdict by %s, %s"), row->verdict_by, when);
    }
  gtk_label_set_label (self->authors_label, text->str);
  gtk_widget_set_visible (GTK_WIDGET (self->authors_label), text->len > 0);
}

static void
refresh (FmAnnotationEditor *self)
{
  FmAnnotation *annotation = current (self);
  g_autofree char *icon = NULL;
  FmKind kind;

  if (annotation == NULL)
    return;

  self->updating = TRUE;
  kind = fm_annotation_get_kind (annotation);

  icon = g_strdup_printf ("fm-%s-symbolic", fm_kind_to_string (kind));
  gtk_image_set_from_icon_name (self->kind_icon, icon);
  gtk_label_set_label (self->quote_label, fm_annotation_get_quote (annotation));
  refresh_position (self, annotation);
  refresh_authors (self, annotation);
  refresh_attention (self, annotation);
  refresh_checked_before (self, annotation, kind);
  refresh_tracked (self, annotation, kind);
  if (kind == FM_KIND_FIGURE)
    follow_conflicts (self);
  refresh_disagree (self, annotation, kind);

  adw_combo_row_set_selected (self->kind_row, kind);
  refresh_verdict (self, annotation, kind);
  refresh_figure (self, annotation, kind);
  refresh_source (self, annotation, kind);
  refresh_note (self, annotation);

  gtk_widget_set_visible (GTK_WIDGET (self->sources_group), kind != FM_KIND_SOURCE);
  gtk_widget_set_visible (GTK_WIDGET (self->evidence_group), kind != FM_KIND_SOURCE);
  refresh_sources (self, annotation);
  refresh_evidence (self, annotation);

  self->updating = FALSE;
}

static void
annotation_changed_cb (FmAnnotationEditor *self,
                       FmAnnotation       *old,
                       FmAnnotation       *annotation,
                       FmDocument         *document)
{
  /* A source's name shows in the attributions, so any change may matter. */
  if (self->annotation_id != 0)
    refresh (self);
}

static void
note_focus_leave_cb (FmAnnotationEditor      *self,
                     GtkEventControllerFocus *controller)
{
  fm_annotation_editor_flush (self);
}

static void
fm_annotation_editor_dispose (GObject *object)
{
  FmAnnotationEditor *self = (FmAnnotationEditor *)object;

  fm_annotation_editor_flush (self);
  g_cancellable_cancel (self->similar_cancellable);
  g_clear_object (&self->similar_cancellable);
  g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);
  g_clear_object (&self->history);
  g_clear_object (&self->claim_verdicts);
  g_clear_object (&self->figure_verdicts);
  if (self->conflict_set != NULL)
    g_signal_handlers_disconnect_by_data (self->conflict_set, self);
  g_clear_object (&self->conflict_set);
  /* AdwBin would unparent its child again after the template is gone. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FM_TYPE_ANNOTATION_EDITOR);

  G_OBJECT_CLASS (fm_annotation_editor_parent_class)->dispose (object);
}

static void
fm_annotation_editor_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  FmAnnotationEditor *self = FM_ANNOTATION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_annotation_editor_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  FmAnnotationEditor *self = FM_ANNOTATION_EDITOR (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      fm_annotation_editor_set_document (self, g_value_get_object (value));
      break;

    case PROP_HISTORY:
      fm_annotation_editor_set_history (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_annotation_editor_class_init (FmAnnotationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fm_annotation_editor_dispose;
  object_class->get_property = fm_annotation_editor_get_property;
  object_class->set_property = fm_annotation_editor_set_property;

  /**
   * FmAnnotationEditor:document:
   *
   * The document whose annotation is edited, followed through a signal
   * group so that its changes refresh the editor.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, FM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FmAnnotationEditor:history:
   *
   * Where edits are written, so that each is one undoable step.
   */
  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, FM_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FmAnnotationEditor::error:
   * @message: why an edit could not be saved
   */
  signals[ERROR] =
    g_signal_new ("error", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * FmAnnotationEditor::show-annotation:
   * @article_id: the article of the annotation to show
   * @annotation_id: the annotation, in another article
   */
  signals[SHOW_ANNOTATION] =
    g_signal_new ("show-annotation", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_INT64, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/fm-annotation-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, attention_box);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, checked_before_box);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, checked_before_button);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, link_button);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, tracked_box);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, tracked_label);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, source_page_row);
  gtk_widget_class_bind_template_callback (widget_class, link_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, unlink_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, checked_before_label);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, disagree_box);
  gtk_widget_class_bind_template_callback (widget_class, checked_before_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, attention_label);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, attach_button);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, confirm_button);
  gtk_widget_class_bind_template_callback (widget_class, confirm_clicked_cb);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, quote_label);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, position_label);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, authors_label);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, kind_row);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, verdict_row);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, value_row);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, unit_row);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, name_row);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, source_type_row);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, note_view);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, sources_group);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, sources_list);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, add_source_button);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, source_choices);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, evidence_group);
  gtk_widget_class_bind_template_child (widget_class, FmAnnotationEditor, evidence_list);
  gtk_widget_class_bind_template_callback (widget_class, kind_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, verdict_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_type_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, value_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, unit_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, name_apply_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, source_choice_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, add_evidence_cb);
}

static void
fm_annotation_editor_init (FmAnnotationEditor *self)
{
  GtkStringList *kinds = gtk_string_list_new (NULL);
  GtkStringList *types = gtk_string_list_new (NULL);
  GtkEventController *focus;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->updating = TRUE;
  for (guint i = 0; i < FM_N_KINDS; i++)
    gtk_string_list_append (kinds, fm_kind_to_label (i));
  adw_combo_row_set_model (self->kind_row, G_LIST_MODEL (kinds));
  g_object_unref (kinds);

  self->claim_verdicts = gtk_string_list_new (NULL);
  self->figure_verdicts = gtk_string_list_new (NULL);
  for (guint i = 0; i < FM_N_VERDICTS; i++)
    {
      gtk_string_list_append (self->claim_verdicts, fm_verdict_to_label (i));
      if (fm_verdict_allowed_for_kind (i, FM_KIND_FIGURE))
        gtk_string_list_append (self->figure_verdicts, fm_verdict_to_label (i));
    }
  adw_combo_row_set_model (self->verdict_row, G_LIST_MODEL (self->claim_verdicts));

  for (guint i = 0; i < FM_N_SOURCE_TYPES; i++)
    gtk_string_list_append (types, fm_source_type_to_label (i));
  adw_combo_row_set_model (self->source_type_row, G_LIST_MODEL (types));
  g_object_unref (types);
  self->updating = FALSE;

  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (note_changed_cb), self, G_CONNECT_SWAPPED);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_swapped (focus, "leave", G_CALLBACK (note_focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->note_view), focus);

  self->document_signals = g_signal_group_new (FM_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "annotation-changed",
                                 G_CALLBACK (annotation_changed_cb), self, G_CONNECT_SWAPPED);
}

FmDocument *
fm_annotation_editor_get_document (FmAnnotationEditor *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION_EDITOR (self), NULL);
  return self->document;
}

void
fm_annotation_editor_set_document (FmAnnotationEditor *self,
                                   FmDocument         *document)
{
  g_return_if_fail (FM_IS_ANNOTATION_EDITOR (self));
  g_return_if_fail (!document || FM_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  /* A note still being typed belongs to the old document. */
  fm_annotation_editor_flush (self);
  g_set_object (&self->document, document);
  g_signal_group_set_target (self->document_signals, document);
  self->annotation_id = 0;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

FmHistory *
fm_annotation_editor_get_history (FmAnnotationEditor *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION_EDITOR (self), NULL);
  return self->history;
}

void
fm_annotation_editor_set_history (FmAnnotationEditor *self,
                                  FmHistory          *history)
{
  g_return_if_fail (FM_IS_ANNOTATION_EDITOR (self));
  g_return_if_fail (!history || FM_IS_HISTORY (history));

  fm_annotation_editor_flush (self);
  if (g_set_object (&self->history, history))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

void
fm_annotation_editor_set_annotation (FmAnnotationEditor *self,
                                     gint64              annotation_id)
{
  g_return_if_fail (FM_IS_ANNOTATION_EDITOR (self));

  if (self->annotation_id == annotation_id)
    {
      refresh (self);
      return;
    }
  fm_annotation_editor_flush (self);
  self->annotation_id = annotation_id;
  /* A new annotation starts with the note it has, not the last one's. */
  self->updating = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), "", 0);
  self->updating = FALSE;
  refresh (self);
}

gint64
fm_annotation_editor_get_annotation (FmAnnotationEditor *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION_EDITOR (self), 0);
  return self->annotation_id;
}

/**
 * fm_annotation_editor_flush:
 *
 * Saves a note still waiting for its pause, so switching annotations or
 * closing the window never drops what was typed.
 */
void
fm_annotation_editor_flush (FmAnnotationEditor *self)
{
  g_return_if_fail (FM_IS_ANNOTATION_EDITOR (self));

  if (self->note_source != 0)
    {
      g_clear_handle_id (&self->note_source, g_source_remove);
      save_note_cb (self);
    }
}

void
fm_annotation_editor_focus_note (FmAnnotationEditor *self)
{
  g_return_if_fail (FM_IS_ANNOTATION_EDITOR (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->note_view));
}
