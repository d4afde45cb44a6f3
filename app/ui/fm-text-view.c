/* fm-text-view.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-text-view"

#include "config.h"

#include <adwaita.h>

#include "fm-text-view.h"

/* The article's text view, which also draws the suggestions: a dashed
 * outline around each span, above the text, in its kind's colour and with
 * its kind's own dash pattern, so that a suggestion never looks like an
 * annotation (a tint or an underline) and the kinds differ by more than
 * colour. Only the suggestions in the visible rectangle are drawn, as
 * flat dashes, and the list is kept in text order, so a frame costs a
 * bisection and a few dozen outlines whatever the article's length. */

struct _FmTextView
{
  GtkTextView       parent_instance;

  GListModel       *suggestions;
  GSignalGroup     *suggestion_signals;
  FmSuggestionItem *selected;
};

enum {
  PROP_0,
  PROP_SUGGESTIONS,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FmTextView, fm_text_view, GTK_TYPE_TEXT_VIEW)

static GParamSpec *properties[N_PROPS];

/* The first suggestion ending after @offset, by bisection over the list's
 * text order. */
static guint
first_ending_after (GListModel *model,
                    glong       offset)
{
  guint lo = 0, hi = g_list_model_get_n_items (model);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(FmSuggestionItem) item = g_list_model_get_item (model, mid);

      /* Suggestions never overlap much; their starts order their ends. */
      if (fm_suggestion_item_get_end (item) <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static void
kind_style (FmKind   kind,
            gboolean dark,
            GdkRGBA *rgba,
            float    dashes[2])
{
  switch (kind)
    {
    case FM_KIND_FIGURE:
      gdk_rgba_parse (rgba, dark ? "#99c1f1" : "#1a5fb4");
      dashes[0] = 2, dashes[1] = 2;
      break;

    case FM_KIND_SOURCE:
      gdk_rgba_parse (rgba, dark ? "#8ff0a4" : "#26a269");
      dashes[0] = 8, dashes[1] = 3;
      break;

    case FM_KIND_CLAIM:
    default:
      gdk_rgba_parse (rgba, dark ? "#f8e45c" : "#9c6e03");
      dashes[0] = 5, dashes[1] = 3;
      break;
    }
}

/* Lays dashes of @on, with gaps of @off, along one edge from @from to @to
 * (x for a horizontal edge at @at, y for a vertical one), @width thick and
 * centred on the edge. */
static void
dash_edge (GtkSnapshot   *snapshot,
           const GdkRGBA *rgba,
           gboolean       horizontal,
           float          at,
           float          from,
           float          to,
           const float    dashes[2],
           float          width)
{
  for (float p = from; p < to; p += dashes[0] + dashes[1])
    {
      float length = MIN (dashes[0], to - p);

      if (horizontal)
        gtk_snapshot_append_color (snapshot, rgba,
                                   &GRAPHENE_RECT_INIT (p, at - width / 2, length, width));
      else
        gtk_snapshot_append_color (snapshot, rgba,
                                   &GRAPHENE_RECT_INIT (at - width / 2, p, width, length));
    }
}

/* A dashed outline as flat colour rectangles. The outlines were drawn
 * with cairo into one surface the size of the view, which the GL renderer
 * uploads as a texture on every frame: with a software renderer that was
 * a fifth of each scrolling frame. Colour nodes cost a quad each. */
static void
dash_rect (GtkSnapshot           *snapshot,
           const GdkRGBA         *rgba,
           const graphene_rect_t *r,
           const float            dashes[2],
           float                  width)
{
  float left = r->origin.x, top = r->origin.y;
  float right = left + r->size.width, bottom = top + r->size.height;

  dash_edge (snapshot, rgba, TRUE, top, left - width / 2, right + width / 2, dashes, width);
  dash_edge (snapshot, rgba, TRUE, bottom, left - width / 2, right + width / 2, dashes, width);
  dash_edge (snapshot, rgba, FALSE, left, top + width / 2, bottom - width / 2, dashes, width);
  dash_edge (snapshot, rgba, FALSE, right, top + width / 2, bottom - width / 2, dashes, width);
}

/* One rectangle per display line the span covers, in buffer coordinates:
 * a long quote wraps, and its outline wraps with it. */
static void
outline_span (FmTextView    *self,
              GtkSnapshot   *snapshot,
              const GdkRGBA *rgba,
              const float    dashes[2],
              float          width,
              glong          start,
              glong          end)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter a, b, last, stop;

  gtk_text_buffer_get_iter_at_offset (buffer, &a, start);
  gtk_text_buffer_get_iter_at_offset (buffer, &stop, end);
  while (gtk_text_iter_compare (&a, &stop) < 0)
    {
      GdkRectangle first_rect, last_rect;

      b = a;
      if (!gtk_text_view_forward_display_line (view, &b) || gtk_text_iter_compare (&b, &stop) > 0)
        b = stop;
      /* The segment's last character, leaving out a line break. */
      last = b;
      gtk_text_iter_backward_char (&last);
      if (gtk_text_iter_get_char (&last) == '\n' && gtk_text_iter_compare (&last, &a) > 0)
        gtk_text_iter_backward_char (&last);
      if (gtk_text_iter_get_char (&last) != '\n')
        {
          gtk_text_view_get_iter_location (view, &a, &first_rect);
          gtk_text_view_get_iter_location (view, &last, &last_rect);
          dash_rect (snapshot, rgba,
                     &GRAPHENE_RECT_INIT (first_rect.x - 1.5, first_rect.y + 0.5,
                                          last_rect.x + last_rect.width - first_rect.x + 3,
                                          first_rect.height - 1),
                     dashes, width);
        }
      a = b;
    }
}

static void
draw_suggestions (FmTextView  *self,
                  GtkSnapshot *snapshot)
{
  GtkTextView *view = GTK_TEXT_VIEW (self);
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRectangle visible;
  GtkTextIter top, bottom;
  guint n = g_list_model_get_n_items (self->suggestions);

  gtk_text_view_get_visible_rect (view, &visible);
  gtk_text_view_get_iter_at_location (view, &top, visible.x, visible.y);
  gtk_text_view_get_iter_at_location (view, &bottom, visible.x + visible.width,
                                      visible.y + visible.height);

  for (guint i = first_ending_after (self->suggestions, gtk_text_iter_get_offset (&top)); i < n; i++)
    {
      g_autoptr(FmSuggestionItem) item = g_list_model_get_item (self->suggestions, i);
      GdkRGBA rgba;
      float dashes[2];

      if (fm_suggestion_item_get_start (item) > gtk_text_iter_get_offset (&bottom))
        break;
      kind_style (fm_suggestion_item_get_kind (item), dark, &rgba, dashes);
      /* The selected suggestion is drawn heavier, so the keyboard's target
       * is plain to see. */
      outline_span (self, snapshot, &rgba, dashes, item == self->selected ? 2.5 : 1.25,
                    fm_suggestion_item_get_start (item), fm_suggestion_item_get_end (item));
    }
}

static void
suggestions_changed_cb (FmTextView *self,
                        guint       position,
                        guint       removed,
                        guint       added,
                        GListModel *model)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
fm_text_view_snapshot_layer (GtkTextView      *view,
                             GtkTextViewLayer  layer,
                             GtkSnapshot      *snapshot)
{
  FmTextView *self = FM_TEXT_VIEW (view);

  if (layer == GTK_TEXT_VIEW_LAYER_ABOVE_TEXT && self->suggestions != NULL
      && g_list_model_get_n_items (self->suggestions) > 0)
    draw_suggestions (self, snapshot);
}

static void
fm_text_view_dispose (GObject *object)
{
  FmTextView *self = (FmTextView *)object;

  fm_text_view_set_suggestions (self, NULL);
  g_clear_object (&self->suggestion_signals);

  G_OBJECT_CLASS (fm_text_view_parent_class)->dispose (object);
}

static void
fm_text_view_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  FmTextView *self = FM_TEXT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SUGGESTIONS:
      g_value_set_object (value, self->suggestions);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_text_view_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  FmTextView *self = FM_TEXT_VIEW (object);

  switch (prop_id)
    {
    case PROP_SUGGESTIONS:
      fm_text_view_set_suggestions (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_text_view_class_init (FmTextViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkTextViewClass *text_view_class = GTK_TEXT_VIEW_CLASS (klass);

  object_class->dispose = fm_text_view_dispose;
  object_class->get_property = fm_text_view_get_property;
  object_class->set_property = fm_text_view_set_property;
  text_view_class->snapshot_layer = fm_text_view_snapshot_layer;

  /**
   * FmTextView:suggestions:
   *
   * The suggestions to outline, a list of FmSuggestionItem in text order.
   */
  properties[PROP_SUGGESTIONS] =
    g_param_spec_object ("suggestions", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fm_text_view_init (FmTextView *self)
{
  self->suggestion_signals = g_signal_group_new (G_TYPE_LIST_MODEL);
  g_signal_group_connect_object (self->suggestion_signals, "items-changed",
                                 G_CALLBACK (suggestions_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (gtk_widget_queue_draw), self, G_CONNECT_SWAPPED);
}

GListModel *
fm_text_view_get_suggestions (FmTextView *self)
{
  g_return_val_if_fail (FM_IS_TEXT_VIEW (self), NULL);
  return self->suggestions;
}

void
fm_text_view_set_suggestions (FmTextView *self,
                              GListModel *suggestions)
{
  g_return_if_fail (FM_IS_TEXT_VIEW (self));
  g_return_if_fail (!suggestions || G_IS_LIST_MODEL (suggestions));

  if (self->suggestions == suggestions)
    return;
  g_set_object (&self->suggestions, suggestions);
  g_signal_group_set_target (self->suggestion_signals, suggestions);
  g_clear_object (&self->selected);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUGGESTIONS]);
}

FmSuggestionItem *
fm_text_view_get_selected_suggestion (FmTextView *self)
{
  g_return_val_if_fail (FM_IS_TEXT_VIEW (self), NULL);
  return self->selected;
}

/**
 * fm_text_view_set_selected_suggestion:
 * @item: (nullable): an item of the suggestions list
 */
void
fm_text_view_set_selected_suggestion (FmTextView       *self,
                                      FmSuggestionItem *item)
{
  g_return_if_fail (FM_IS_TEXT_VIEW (self));

  if (g_set_object (&self->selected, item))
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * fm_text_view_suggestion_at:
 *
 * Returns: (transfer none) (nullable): the suggestion covering @offset
 */
FmSuggestionItem *
fm_text_view_suggestion_at (FmTextView *self,
                            glong       offset)
{
  g_autoptr(FmSuggestionItem) item = NULL;

  g_return_val_if_fail (FM_IS_TEXT_VIEW (self), NULL);

  if (self->suggestions == NULL)
    return NULL;
  item = g_list_model_get_item (self->suggestions, first_ending_after (self->suggestions, offset));
  if (item == NULL || fm_suggestion_item_get_start (item) > offset)
    return NULL;
  /* The list holds its own reference, which outlives this call. */
  return item;
}
