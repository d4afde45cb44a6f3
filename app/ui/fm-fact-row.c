/* fm-fact-row.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-fact-row"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-annotation.h"
#include "fm-fact-header.h"
#include "fm-fact-row.h"
#include "fm-suggestion-item.h"
#include "fm-text.h"

/* One row of the fact panel: a group heading or an annotation, so that
 * one recycling list shows the grouped annotations. */

struct _FmFactRow
{
  AdwBin    parent_instance;

  /* Template widgets */
  GtkStack *stack;
  GtkImage *kind_icon;
  GtkLabel *quote_label;
  GtkLabel *state_label;
  GtkLabel *note_label;

  char     *state_class;
  /* The heading shown; the template binds its title and count. */
  FmFactHeader *header;
  /* The item shown. The lists never change an item in place: a changed
   * annotation is a new object. */
  GObject  *item;
};

enum {
  PROP_0,
  PROP_HEADER,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FmFactRow, fm_fact_row, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];

static char *
format_count (gpointer unused,
              guint    count)
{
  return g_strdup_printf ("%u", count);
}

static void
set_header (FmFactRow    *self,
            FmFactHeader *header)
{
  if (g_set_object (&self->header, header))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HEADER]);
}

static void
fm_fact_row_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FmFactRow *self = FM_FACT_ROW (object);

  switch (prop_id)
    {
    case PROP_HEADER:
      g_value_set_object (value, self->header);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_fact_row_dispose (GObject *object)
{
  g_clear_object (&FM_FACT_ROW (object)->header);
  g_clear_object (&FM_FACT_ROW (object)->item);
  /* AdwBin would unparent its child again after the template is gone. */
  adw_bin_set_child (ADW_BIN (object), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), FM_TYPE_FACT_ROW);
  G_OBJECT_CLASS (fm_fact_row_parent_class)->dispose (object);
}

static void
fm_fact_row_finalize (GObject *object)
{
  FmFactRow *self = (FmFactRow *)object;

  g_clear_pointer (&self->state_class, g_free);
  G_OBJECT_CLASS (fm_fact_row_parent_class)->finalize (object);
}

static void
fm_fact_row_class_init (FmFactRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fm_fact_row_dispose;
  object_class->finalize = fm_fact_row_finalize;
  object_class->get_property = fm_fact_row_get_property;

  /**
   * FmFactRow:header:
   *
   * The group heading the row shows, or %NULL for an annotation's row.
   */
  properties[PROP_HEADER] =
    g_param_spec_object ("header", NULL, NULL, FM_TYPE_FACT_HEADER,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "/ui/fm-fact-row.ui");
  gtk_widget_class_bind_template_child (widget_class, FmFactRow, stack);
  gtk_widget_class_bind_template_child (widget_class, FmFactRow, kind_icon);
  gtk_widget_class_bind_template_child (widget_class, FmFactRow, quote_label);
  gtk_widget_class_bind_template_child (widget_class, FmFactRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, FmFactRow, note_label);
  gtk_widget_class_bind_template_callback (widget_class, format_count);
}

static void
fm_fact_row_init (FmFactRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A suggestion reads like an entry, with "Suggested" where the verdict
 * goes, in a dashed pill, and the rule that found it below. */
static void
show_suggestion (FmFactRow        *self,
                 FmSuggestionItem *item)
{
  FmKind kind = fm_suggestion_item_get_kind (item);
  g_autofree char *icon = g_strdup_printf ("fm-%s-symbolic", fm_kind_to_string (kind));
  g_autofree char *text = fm_text_first_line (fm_suggestion_item_get_text (item), 200);
  /* Translators: under a suggestion, the name of the rule that proposed it. */
  g_autofree char *rule = g_strdup_printf (_("Rule: %s"), fm_suggestion_item_get_rule (item));
  /* Translators: how a screen reader names a suggestion's row: kind, quote. */
  g_autofree char *accessible = g_strdup_printf (_("Suggested %s: %s"),
                                                 fm_kind_to_label (kind), text);

  gtk_stack_set_visible_child_name (self->stack, "entry");
  gtk_image_set_from_icon_name (self->kind_icon, icon);
  gtk_label_set_label (self->quote_label, text);
  self->state_class = g_strdup ("state-suggested");
  gtk_label_set_label (self->state_label, _("Suggested"));
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), self->state_class);
  gtk_label_set_label (self->note_label, rule);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
}

GtkWidget *
fm_fact_row_new (void)
{
  return g_object_new (FM_TYPE_FACT_ROW, NULL);
}

void
fm_fact_row_set_item (FmFactRow *self,
                      GObject   *item)
{
  g_return_if_fail (FM_IS_FACT_ROW (self));

  /* GTK 4.8's list view binds a row again whenever its position or its
   * selection changes, which a mark does for every row after it. */
  if (item == self->item)
    return;
  g_set_object (&self->item, item);

  if (self->state_class)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), self->state_class);
      g_clear_pointer (&self->state_class, g_free);
    }

  set_header (self, FM_IS_FACT_HEADER (item) ? FM_FACT_HEADER (item) : NULL);

  if (FM_IS_FACT_HEADER (item))
    gtk_stack_set_visible_child_name (self->stack, "header");
  else if (FM_IS_SUGGESTION_ITEM (item))
    show_suggestion (self, FM_SUGGESTION_ITEM (item));
  else if (FM_IS_ANNOTATION (item))
    {
      FmAnnotation *a = FM_ANNOTATION (item);
      FmKind kind = fm_annotation_get_kind (a);
      g_autofree char *icon = g_strdup_printf ("fm-%s-symbolic", fm_kind_to_string (kind));
      /* A source is listed by who it is; the rest by what the text says. */
      g_autofree char *quote = fm_text_first_line (kind == FM_KIND_SOURCE
                                                   ? fm_annotation_get_display_name (a)
                                                   : fm_annotation_get_quote (a), 200);
      g_autofree char *accessible = NULL;
      const char *state;

      gtk_stack_set_visible_child_name (self->stack, "entry");
      gtk_image_set_from_icon_name (self->kind_icon, icon);
      gtk_label_set_label (self->quote_label, quote);

      if (kind == FM_KIND_SOURCE)
        {
          state = fm_source_type_to_label (fm_annotation_get_source_type (a));
          self->state_class = g_strdup ("source-type");
        }
      else
        {
          state = fm_verdict_to_label (fm_annotation_get_verdict (a));
          self->state_class = g_strdup_printf ("verdict-%s",
                                               fm_verdict_to_string (fm_annotation_get_verdict (a)));
        }
      /* An update of the text may have lost or changed the passage; say so
       * first, until the user has looked at it. */
      if (fm_annotation_is_orphan (a))
        {
          g_free (self->state_class);
          self->state_class = g_strdup ("state-orphaned");
          state = _("Orphaned");
        }
      else if (fm_annotation_get_state (a) == FM_ANCHOR_CHANGED && !fm_annotation_get_confirmed (a))
        {
          g_free (self->state_class);
          self->state_class = g_strdup ("state-changed");
          state = _("Changed");
        }
      gtk_label_set_label (self->state_label, state);
      gtk_widget_add_css_class (GTK_WIDGET (self->state_label), self->state_class);

      if (fm_annotation_get_note (a) != NULL)
        {
          g_autofree char *note = fm_text_first_line (fm_annotation_get_note (a), 120);

          gtk_label_set_label (self->note_label, note);
          gtk_widget_set_visible (GTK_WIDGET (self->note_label), TRUE);
        }
      else if (kind == FM_KIND_FIGURE && fm_annotation_get_has_value (a))
        {
          /* The value as the reader's locale writes numbers. */
          g_autofree char *value = g_strdup_printf ("%'.15g%s%s", fm_annotation_get_value (a),
                                                    fm_annotation_get_unit (a) ? " " : "",
                                                    fm_annotation_get_unit (a) ? fm_annotation_get_unit (a) : "");

          gtk_label_set_label (self->note_label, value);
          gtk_widget_set_visible (GTK_WIDGET (self->note_label), TRUE);
        }
      else
        gtk_widget_set_visible (GTK_WIDGET (self->note_label), FALSE);

      /* Translators: how a screen reader names a row: kind, state, quote. */
      accessible = g_strdup_printf (_("%s, %s: %s"), fm_kind_to_label (kind), state, quote);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      accessible, -1);
    }
}
