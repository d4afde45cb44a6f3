/* fm-article-view.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-article-view"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-article-view.h"
#include "fm-text.h"
#include "fm-text-view.h"

/* The article, read-only, in a reading column. Highlights are drawn in
 * layers, one GtkTextTag each: one per kind and one for the selected
 * annotation, never a tag per annotation. A layer's runs over a range of
 * the text are gathered from the document, which keeps every annotation's
 * span as offsets, merged where they overlap or touch, and applied as one
 * tag each. The text is never edited, so offsets never move and no
 * annotation needs marks: only revealing one places a mark, to scroll to.
 *
 * Opening an article paints what is on screen at once and the rest from
 * idle, a block of text at a time, for a bounded time per pass. A change to
 * one annotation repaints only its span. */

/* Characters in a line of the reading column. */
#define COLUMN_CHARS 75
/* How long a revealed span stays flashed. */
#define FLASH_MS 900
/* How long after a mouse selection the mark popover appears. */
#define POPOVER_DELAY_MS 350
/* Highlights are painted in blocks of this many characters: a few dozen
 * annotations, well under a millisecond of work. */
#define BLOCK_CHARS 2048
/* What to paint at once when the view cannot yet say what it shows: more
 * than a screenful of the reading column. */
#define SCREEN_CHARS 8192
/* The longest one idle pass of painting may hold the main loop. */
#define PAINT_BUDGET_US 8000
/* Below redrawing, so frames keep their pace, and above the text view's
 * layout of lines off screen, so highlights are done before it starts. */
#define PAINT_PRIORITY (G_PRIORITY_HIGH_IDLE + 22)

/* The layers, bottom to top: one per kind, then the selected annotation. A
 * new kind of highlight is a new layer: a tag, and its runs gathered in
 * collect_runs(). */
#define LAYER_SELECTED FM_N_KINDS
#define N_LAYERS       (FM_N_KINDS + 1)

struct _FmArticleView
{
  AdwBin          parent_instance;

  /* Template widgets */
  GtkSearchBar   *search_bar;
  GtkSearchEntry *search_entry;
  GtkLabel       *match_label;
  AdwClampScrollable *clamp;
  GtkTextView    *text_view;
  GtkPopover     *mark_popover;

  /* Owned references */
  GSettings      *settings;
  FmDocument     *document;
  GSignalGroup   *document_signals;
  GArray         *matches;        /* pairs of glong offsets */
  GArray         *runs[N_LAYERS]; /* pairs of glong offsets, scratch */
  guint8         *painted;        /* per block: whether highlighted yet */

  /* Borrowed references */
  GtkTextBuffer  *buffer;
  GtkTextMark    *reveal_mark;
  GtkTextTag     *layer_tags[N_LAYERS];
  GtkTextTag     *kind_tags[FM_N_KINDS];
  GtkTextTag     *selected_tag;
  GtkTextTag     *flash_tag;
  GtkTextTag     *match_tag;
  GtkTextTag     *current_match_tag;

  gint64          selected_id;
  gint64          last_pick_id;
  glong           last_pick_offset;
  int             current_match;
  double          press_x;
  double          press_y;
  guint           press_count;
  gboolean        dragging;
  guint           popover_source;
  guint           flash_source;
  guint           click_source;
  guint           paint_source;
  guint           n_blocks;
  guint           n_unpainted;
  guint           next_block;
  glong           length;
  /* Whether the last notify of :painting said so. */
  gboolean        painting;
};

enum {
  PROP_0,
  PROP_DOCUMENT,
  PROP_PAINTING,
  N_PROPS
};

enum {
  ANNOTATION_CLICKED,
  SUGGESTION_CLICKED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (FmArticleView, fm_article_view, ADW_TYPE_BIN)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
get_iters (FmArticleView *self,
           glong          start,
           glong          end,
           GtkTextIter   *s,
           GtkTextIter   *e)
{
  gtk_text_buffer_get_iter_at_offset (self->buffer, s, start);
  gtk_text_buffer_get_iter_at_offset (self->buffer, e, end);
}

/* A transparent background is drawn black by GTK 4.8's text view; unset
 * the property instead. */
static void
set_background (GtkTextTag    *tag,
                const GdkRGBA *rgba)
{
  if (rgba != NULL)
    g_object_set (tag, "background-rgba", rgba, NULL);
  else
    g_object_set (tag, "background-set", FALSE, NULL);
}

static void
update_tag_colors (FmArticleView *self)
{
  gboolean dark = adw_style_manager_get_dark (adw_style_manager_get_default ());
  GdkRGBA rgba;

  g_assert (FM_IS_ARTICLE_VIEW (self));

  g_autofree char *style = self->settings ? g_settings_get_string (self->settings, "highlight-style")
                                           : g_strdup ("background");
  gboolean tint = !g_str_equal (style, "underline");
  gboolean underline_all = !g_str_equal (style, "background");

  /* Each kind differs in more than colour: claims are a tint, figures are
   * also underlined, sources also double-underlined. The tints are light on
   * light and deep on dark so text keeps its contrast in both. The style
   * preference can drop the tints or underline claims too. */
  gdk_rgba_parse (&rgba, dark ? "rgba(245,194,17,0.28)" : "rgba(248,228,92,0.55)");
  set_background (self->kind_tags[FM_KIND_CLAIM], tint ? &rgba : NULL);
  gdk_rgba_parse (&rgba, dark ? "#f8e45c" : "#9c6e03");
  /* A tag that sets an underline, even none, makes GTK lay its lines out
   * again wherever it is applied; one that only tints just redraws them. */
  if (underline_all)
    g_object_set (self->kind_tags[FM_KIND_CLAIM],
                  "underline", PANGO_UNDERLINE_SINGLE, "underline-rgba", &rgba, NULL);
  else
    g_object_set (self->kind_tags[FM_KIND_CLAIM], "underline-set", FALSE, NULL);

  gdk_rgba_parse (&rgba, dark ? "rgba(53,132,228,0.32)" : "rgba(153,193,241,0.55)");
  set_background (self->kind_tags[FM_KIND_FIGURE], tint ? &rgba : NULL);
  gdk_rgba_parse (&rgba, dark ? "#99c1f1" : "#1a5fb4");
  g_object_set (self->kind_tags[FM_KIND_FIGURE],
                "underline", PANGO_UNDERLINE_SINGLE, "underline-rgba", &rgba, NULL);

  gdk_rgba_parse (&rgba, dark ? "rgba(46,194,126,0.28)" : "rgba(143,240,164,0.55)");
  set_background (self->kind_tags[FM_KIND_SOURCE], tint ? &rgba : NULL);
  gdk_rgba_parse (&rgba, dark ? "#8ff0a4" : "#26a269");
  g_object_set (self->kind_tags[FM_KIND_SOURCE],
                "underline", PANGO_UNDERLINE_DOUBLE, "underline-rgba", &rgba, NULL);

  /* The selected annotation turns purple, a colour no kind uses, with a
   * double underline. (No overline: GTK 4.8's text layout crashes copying
   * it.) */
  gdk_rgba_parse (&rgba, dark ? "rgba(192,97,203,0.45)" : "rgba(220,138,221,0.50)");
  g_object_set (self->selected_tag, "background-rgba", &rgba, NULL);
  gdk_rgba_parse (&rgba, dark ? "#dc8add" : "#813d9c");
  g_object_set (self->selected_tag,
                "underline", PANGO_UNDERLINE_DOUBLE, "underline-rgba", &rgba, NULL);

  gdk_rgba_parse (&rgba, dark ? "rgba(120,174,237,0.55)" : "rgba(28,113,216,0.35)");
  g_object_set (self->flash_tag, "background-rgba", &rgba, NULL);

  gdk_rgba_parse (&rgba, dark ? "rgba(230,97,0,0.45)" : "rgba(255,163,72,0.50)");
  g_object_set (self->match_tag, "background-rgba", &rgba, NULL);
  gdk_rgba_parse (&rgba, dark ? "rgba(230,97,0,0.9)" : "rgba(255,120,0,0.85)");
  g_object_set (self->current_match_tag, "background-rgba", &rgba, NULL);
}

/* Adds @start..@end to @runs, merged with the last run where they overlap
 * or touch. Spans come in order of their start. */
static void
runs_add (GArray *runs,
          glong   start,
          glong   end)
{
  if (runs->len > 0 && start <= g_array_index (runs, glong, runs->len - 1))
    {
      glong *last = &g_array_index (runs, glong, runs->len - 1);

      *last = MAX (*last, end);
      return;
    }
  g_array_append_val (runs, start);
  g_array_append_val (runs, end);
}

/* Gathers each layer's runs over @start..@end, clipped to it. */
static void
collect_runs (FmArticleView *self,
              glong          start,
              glong          end)
{
  g_autoptr(GPtrArray) hits = fm_document_in_range (self->document, start, end);

  for (guint l = 0; l < N_LAYERS; l++)
    g_array_set_size (self->runs[l], 0);
  for (guint i = 0; i < hits->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (hits, i);
      glong s = MAX (fm_annotation_get_start (a), start);
      glong e = MIN (fm_annotation_get_end (a), end);

      runs_add (self->runs[fm_annotation_get_kind (a)], s, e);
      if (fm_annotation_get_id (a) == self->selected_id)
        runs_add (self->runs[LAYER_SELECTED], s, e);
    }
}

/* Paints the highlights over @start..@end from the document; with @clear,
 * first removes what was painted there, after an annotation there changed.
 * Only the lines of the range are laid out again. */
static void
paint_range (FmArticleView *self,
             glong          start,
             glong          end,
             gboolean       clear)
{
  GtkTextIter s, e;

  start = CLAMP (start, 0, self->length);
  end = CLAMP (end, start, self->length);
  if (self->document == NULL || start >= end)
    return;

  if (clear)
    {
      get_iters (self, start, end, &s, &e);
      for (guint l = 0; l < N_LAYERS; l++)
        gtk_text_buffer_remove_tag (self->buffer, self->layer_tags[l], &s, &e);
    }
  collect_runs (self, start, end);
  for (guint l = 0; l < N_LAYERS; l++)
    for (guint r = 0; r + 1 < self->runs[l]->len; r += 2)
      {
        get_iters (self, g_array_index (self->runs[l], glong, r),
                   g_array_index (self->runs[l], glong, r + 1), &s, &e);
        gtk_text_buffer_apply_tag (self->buffer, self->layer_tags[l], &s, &e);
      }
}

static void
paint_block (FmArticleView *self,
             guint          block)
{
  if (self->painted[block])
    return;
  self->painted[block] = TRUE;
  self->n_unpainted--;
  paint_range (self, (glong) block * BLOCK_CHARS, (glong) (block + 1) * BLOCK_CHARS, FALSE);
}

/* The offsets the view shows, or, before it has been laid out, the start
 * of the text and a screenful after it. */
static void
get_visible_range (FmArticleView *self,
                   glong         *start,
                   glong         *end)
{
  GdkRectangle rect;
  GtkTextIter s, e;

  gtk_text_view_get_visible_rect (self->text_view, &rect);
  if (rect.height <= 1 || !gtk_widget_get_mapped (GTK_WIDGET (self->text_view)))
    {
      gtk_text_buffer_get_iter_at_mark (self->buffer, &s, gtk_text_buffer_get_insert (self->buffer));
      *start = gtk_text_iter_get_offset (&s);
      *end = *start + SCREEN_CHARS;
      return;
    }
  gtk_text_view_get_iter_at_location (self->text_view, &s, rect.x, rect.y);
  gtk_text_view_get_iter_at_location (self->text_view, &e, rect.x + rect.width,
                                      rect.y + rect.height);
  *start = gtk_text_iter_get_offset (&s);
  *end = gtk_text_iter_get_offset (&e) + 1;
}

static void
paint_visible (FmArticleView *self)
{
  glong start, end;

  get_visible_range (self, &start, &end);
  start = CLAMP (start, 0, self->length);
  end = CLAMP (end, start, self->length);
  for (guint b = start / BLOCK_CHARS; b < self->n_blocks && (glong) b * BLOCK_CHARS < end; b++)
    paint_block (self, b);
}

/* Says when the highlights off screen start or finish being painted. */
static void
update_painting (FmArticleView *self)
{
  gboolean painting = self->paint_source != 0;

  if (painting == self->painting)
    return;
  self->painting = painting;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PAINTING]);
}

/* One pass: what is on screen now, which the reader may have scrolled to,
 * then blocks in order of the text until the budget is spent. */
static gboolean
paint_idle_cb (gpointer data)
{
  FmArticleView *self = data;
  gint64 until = g_get_monotonic_time () + PAINT_BUDGET_US;

  paint_visible (self);
  while (self->n_unpainted > 0 && g_get_monotonic_time () < until)
    {
      while (self->painted[self->next_block])
        self->next_block = (self->next_block + 1) % self->n_blocks;
      paint_block (self, self->next_block);
    }
  if (self->n_unpainted > 0)
    return G_SOURCE_CONTINUE;
  self->paint_source = 0;
  update_painting (self);
  return G_SOURCE_REMOVE;
}

static void
reset_painting (FmArticleView *self)
{
  g_clear_handle_id (&self->paint_source, g_source_remove);
  g_clear_pointer (&self->painted, g_free);
  self->n_blocks = self->n_unpainted = self->next_block = 0;
  self->length = gtk_text_buffer_get_char_count (self->buffer);
}

/* Paints what the reader sees now and schedules the rest. */
static void
start_painting (FmArticleView *self)
{
  reset_painting (self);
  self->n_blocks = self->n_unpainted = (self->length + BLOCK_CHARS - 1) / BLOCK_CHARS;
  if (self->n_blocks == 0)
    return;
  self->painted = g_new0 (guint8, self->n_blocks);
  paint_visible (self);
  if (self->n_unpainted > 0)
    self->paint_source = g_idle_add_full (PAINT_PRIORITY, paint_idle_cb, self, NULL);
  update_painting (self);
}

static void
annotation_added_cb (FmArticleView *self,
                     FmAnnotation  *annotation,
                     FmDocument    *document)
{
  g_assert (FM_IS_ARTICLE_VIEW (self));

  paint_range (self, fm_annotation_get_start (annotation), fm_annotation_get_end (annotation),
               FALSE);
}

static void
annotation_changed_cb (FmArticleView *self,
                       FmAnnotation  *old,
                       FmAnnotation  *annotation,
                       FmDocument    *document)
{
  g_assert (FM_IS_ARTICLE_VIEW (self));

  if (fm_annotation_get_kind (old) == fm_annotation_get_kind (annotation)
      && fm_annotation_get_start (old) == fm_annotation_get_start (annotation)
      && fm_annotation_get_end (old) == fm_annotation_get_end (annotation))
    return;
  paint_range (self, fm_annotation_get_start (old), fm_annotation_get_end (old), TRUE);
  paint_range (self, fm_annotation_get_start (annotation), fm_annotation_get_end (annotation),
               TRUE);
}

static void
annotation_removed_cb (FmArticleView *self,
                       FmAnnotation  *annotation,
                       FmDocument    *document)
{
  g_assert (FM_IS_ARTICLE_VIEW (self));

  if (self->selected_id == fm_annotation_get_id (annotation))
    self->selected_id = 0;
  paint_range (self, fm_annotation_get_start (annotation), fm_annotation_get_end (annotation),
               TRUE);
}

static glong
offset_at_widget_coords (FmArticleView *self,
                         double         x,
                         double         y,
                         gboolean      *inside)
{
  GtkTextIter iter;
  GdkRectangle rect;
  int bx, by, line_y, line_height;

  gtk_text_view_window_to_buffer_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         (int) x, (int) y, &bx, &by);
  /* The character under the point, not the nearest boundary between two
   * characters, which gtk_text_view_get_iter_at_location() gives. */
  gtk_text_view_get_iter_at_position (self->text_view, &iter, NULL, bx, by);
  gtk_text_view_get_iter_location (self->text_view, &iter, &rect);
  gtk_text_view_get_line_yrange (self->text_view, &iter, &line_y, &line_height);
  /* A point in the margin, below the text or past the end of a line is not
   * on a character. The line's range includes its spacing, so a click
   * between two wrapped lines still counts. */
  if (inside != NULL)
    *inside = bx >= rect.x - 1 && bx <= rect.x + MAX (rect.width, 1) + 1
              && by >= line_y && by < line_y + line_height;
  return gtk_text_iter_get_offset (&iter);
}

static void
show_popover (FmArticleView *self)
{
  GtkTextIter s, e;
  GdkRectangle rect;
  int wx, wy;

  g_assert (FM_IS_ARTICLE_VIEW (self));

  if (self->document == NULL || !gtk_text_buffer_get_selection_bounds (self->buffer, &s, &e))
    {
      gtk_popover_popdown (self->mark_popover);
      return;
    }

  gtk_text_view_get_iter_location (self->text_view, &s, &rect);
  gtk_text_view_buffer_to_window_coords (self->text_view, GTK_TEXT_WINDOW_WIDGET,
                                         rect.x, rect.y, &wx, &wy);
  rect.x = wx;
  rect.y = wy;
  rect.width = 1;
  gtk_popover_set_pointing_to (self->mark_popover, &rect);
  gtk_popover_popup (self->mark_popover);
}

static gboolean
popover_timeout_cb (gpointer data)
{
  FmArticleView *self = data;

  self->popover_source = 0;
  if (!self->dragging)
    show_popover (self);
  return G_SOURCE_REMOVE;
}

static void
selection_changed_cb (FmArticleView *self,
                      GParamSpec    *pspec,
                      GtkTextBuffer *buffer)
{
  g_assert (FM_IS_ARTICLE_VIEW (self));

  g_clear_handle_id (&self->popover_source, g_source_remove);
  if (!gtk_text_buffer_get_has_selection (buffer))
    {
      gtk_popover_popdown (self->mark_popover);
      return;
    }
}

static gboolean
click_idle_cb (gpointer data)
{
  FmArticleView *self = data;
  gboolean inside = FALSE;
  glong offset;
  gint64 id;

  self->click_source = 0;

  /* Runs after the text view handled the release: a click that made a
   * selection is a selection, not a pick. */
  if (gtk_text_buffer_get_has_selection (self->buffer))
    {
      /* Let the pointer settle before the popover appears under it. */
      g_clear_handle_id (&self->popover_source, g_source_remove);
      self->popover_source = g_timeout_add (POPOVER_DELAY_MS, popover_timeout_cb, self);
      return G_SOURCE_REMOVE;
    }
  if (self->press_count != 1 || self->document == NULL)
    return G_SOURCE_REMOVE;

  offset = offset_at_widget_coords (self, self->press_x, self->press_y, &inside);
  id = inside ? fm_article_view_pick (self, offset) : 0;
  /* Annotations are on top: a suggestion is picked only where none is. */
  if (id == 0 && inside)
    {
      FmSuggestionItem *item = fm_text_view_suggestion_at (FM_TEXT_VIEW (self->text_view), offset);

      if (item != NULL)
        {
          g_signal_emit (self, signals[SUGGESTION_CLICKED], 0, item);
          return G_SOURCE_REMOVE;
        }
    }
  g_signal_emit (self, signals[ANNOTATION_CLICKED], 0, id);
  return G_SOURCE_REMOVE;
}

/* A legacy controller in the capture phase sees every press and release,
 * even when the text view's own gestures claim the sequence (a gesture of
 * ours would be cancelled then and never see the release). */
static gboolean
pointer_event_cb (FmArticleView            *self,
                  GdkEvent                 *event,
                  GtkEventControllerLegacy *controller)
{
  GdkEventType type = gdk_event_get_event_type (event);
  double x, y;

  if ((type != GDK_BUTTON_PRESS && type != GDK_BUTTON_RELEASE)
      || gdk_button_event_get_button (event) != GDK_BUTTON_PRIMARY)
    return GDK_EVENT_PROPAGATE;

  /* The mark popover is a child of the text view: its clicks pass through
   * here on their way to its buttons and are none of our business. */
  if (gtk_widget_get_visible (GTK_WIDGET (self->mark_popover)))
    return GDK_EVENT_PROPAGATE;

  gdk_event_get_position (event, &x, &y);
  gtk_widget_translate_coordinates (GTK_WIDGET (gtk_widget_get_native (GTK_WIDGET (self))),
                                    GTK_WIDGET (self->text_view), x, y, &x, &y);
  {
    /* The native's coordinates include its surface transform. */
    double nx, ny;

    gtk_native_get_surface_transform (gtk_widget_get_native (GTK_WIDGET (self)), &nx, &ny);
    x -= nx;
    y -= ny;
  }

  if (type == GDK_BUTTON_PRESS)
    {
      self->dragging = TRUE;
      self->press_x = x;
      self->press_y = y;
      self->press_count = 1;
      g_clear_handle_id (&self->popover_source, g_source_remove);
      gtk_popover_popdown (self->mark_popover);
    }
  else
    {
      self->dragging = FALSE;
      if (ABS (x - self->press_x) > 4 || ABS (y - self->press_y) > 4)
        self->press_count = 0;
      g_clear_handle_id (&self->click_source, g_source_remove);
      self->click_source = g_idle_add (click_idle_cb, self);
    }

  return GDK_EVENT_PROPAGATE;
}

static void
motion_cb (FmArticleView            *self,
           double                    x,
           double                    y,
           GtkEventControllerMotion *controller)
{
  gboolean inside = FALSE;
  glong offset;
  GtkTextIter iter;
  gboolean over = FALSE;

  if (self->document == NULL)
    return;

  offset = offset_at_widget_coords (self, x, y, &inside);
  if (inside)
    {
      gtk_text_buffer_get_iter_at_offset (self->buffer, &iter, offset);
      for (guint k = 0; k < FM_N_KINDS && !over; k++)
        over = gtk_text_iter_has_tag (&iter, self->kind_tags[k]);
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self->text_view), over ? "pointer" : "text");
}

static gboolean
query_tooltip_cb (FmArticleView *self,
                  int            x,
                  int            y,
                  gboolean       keyboard,
                  GtkTooltip    *tooltip,
                  GtkWidget     *widget)
{
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GString) markup = NULL;
  gboolean inside = FALSE;
  glong offset;

  if (self->document == NULL || keyboard)
    return FALSE;

  offset = offset_at_widget_coords (self, x, y, &inside);
  if (!inside)
    return FALSE;
  hits = fm_document_at_offset (self->document, offset);
  if (hits->len == 0)
    return FALSE;

  markup = g_string_new (NULL);
  for (guint i = 0; i < hits->len && i < 3; i++)
    {
      FmAnnotation *a = g_ptr_array_index (hits, i);
      FmKind kind = fm_annotation_get_kind (a);
      g_autofree char *state = NULL;
      g_autofree char *line = NULL;

      if (i > 0)
        g_string_append (markup, "\n\n");
      state = g_markup_escape_text (kind == FM_KIND_SOURCE
                                    ? fm_source_type_to_label (fm_annotation_get_source_type (a))
                                    : fm_verdict_to_label (fm_annotation_get_verdict (a)), -1);
      g_string_append_printf (markup, "<b>%s</b> · %s", fm_kind_to_label (kind), state);
      if (fm_annotation_get_note (a) != NULL)
        {
          g_autofree char *first = fm_text_first_line (fm_annotation_get_note (a), 80);

          line = g_markup_escape_text (first, -1);
          g_string_append_printf (markup, "\n%s", line);
        }
    }
  if (hits->len > 3)
    g_string_append_printf (markup, "\n\n%s", _("and more"));

  gtk_tooltip_set_markup (tooltip, markup->str);
  return TRUE;
}

static void
update_match_label (FmArticleView *self)
{
  g_autofree char *label = NULL;
  guint n = self->matches->len / 2;

  if (n == 0)
    label = g_strdup (*gtk_editable_get_text (GTK_EDITABLE (self->search_entry))
                      ? _("No matches") : "");
  else if (self->current_match >= 0)
    /* Translators: "3 of 12" search matches. */
    label = g_strdup_printf (_("%d of %u"), self->current_match + 1, n);
  else
    label = g_strdup_printf (ngettext ("%u match", "%u matches", n), n);
  gtk_label_set_label (self->match_label, label);
}

static void
clear_matches (FmArticleView *self)
{
  GtkTextIter s, e;

  gtk_text_buffer_get_bounds (self->buffer, &s, &e);
  gtk_text_buffer_remove_tag (self->buffer, self->match_tag, &s, &e);
  gtk_text_buffer_remove_tag (self->buffer, self->current_match_tag, &s, &e);
  g_array_set_size (self->matches, 0);
  self->current_match = -1;
}

static void
search_changed_cb (FmArticleView  *self,
                   GtkSearchEntry *entry)
{
  const char *needle = gtk_editable_get_text (GTK_EDITABLE (entry));
  GtkTextIter iter, ms, me;

  g_assert (FM_IS_ARTICLE_VIEW (self));

  clear_matches (self);
  if (*needle != '\0')
    {
      gtk_text_buffer_get_start_iter (self->buffer, &iter);
      while (gtk_text_iter_forward_search (&iter, needle,
                                           GTK_TEXT_SEARCH_CASE_INSENSITIVE
                                           | GTK_TEXT_SEARCH_TEXT_ONLY,
                                           &ms, &me, NULL))
        {
          glong pair[2] = { gtk_text_iter_get_offset (&ms), gtk_text_iter_get_offset (&me) };

          g_array_append_vals (self->matches, pair, 2);
          gtk_text_buffer_apply_tag (self->buffer, self->match_tag, &ms, &me);
          iter = me;
        }
    }
  update_match_label (self);
}

static void
search_activate_cb (FmArticleView  *self,
                    GtkSearchEntry *entry)
{
  fm_article_view_find_next (self, FALSE);
}

static void
search_next_cb (FmArticleView  *self,
                GtkSearchEntry *entry)
{
  fm_article_view_find_next (self, FALSE);
}

static void
search_previous_cb (FmArticleView  *self,
                    GtkSearchEntry *entry)
{
  fm_article_view_find_next (self, TRUE);
}

static void
stop_search_cb (FmArticleView  *self,
                GtkSearchEntry *entry)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  clear_matches (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static gboolean
search_key_pressed_cb (FmArticleView         *self,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       GtkEventControllerKey *controller)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_SHIFT_MASK))
    {
      fm_article_view_find_next (self, TRUE);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
update_column_width (FmArticleView *self)
{
  PangoContext *context = gtk_widget_get_pango_context (GTK_WIDGET (self->text_view));
  PangoFontMetrics *metrics = pango_context_get_metrics (context, NULL, NULL);
  int char_width = pango_font_metrics_get_approximate_char_width (metrics) / PANGO_SCALE;
  int width;

  pango_font_metrics_unref (metrics);
  width = char_width * COLUMN_CHARS
              + gtk_text_view_get_left_margin (self->text_view)
              + gtk_text_view_get_right_margin (self->text_view);

  adw_clamp_scrollable_set_maximum_size (self->clamp, width);
  adw_clamp_scrollable_set_tightening_threshold (self->clamp, width * 3 / 4);
}

static void
text_view_map_cb (FmArticleView *self,
                  GtkWidget     *widget)
{
  update_column_width (self);
}

static void
highlight_style_changed_cb (FmArticleView *self,
                            const char    *key,
                            GSettings     *settings)
{
  update_tag_colors (self);
}

static void
dark_changed_cb (FmArticleView   *self,
                 GParamSpec      *pspec,
                 AdwStyleManager *manager)
{
  update_tag_colors (self);
}

static void
fm_article_view_dispose (GObject *object)
{
  FmArticleView *self = (FmArticleView *)object;

  g_clear_handle_id (&self->popover_source, g_source_remove);
  g_clear_handle_id (&self->flash_source, g_source_remove);
  g_clear_handle_id (&self->click_source, g_source_remove);
  g_clear_handle_id (&self->paint_source, g_source_remove);
  g_signal_group_set_target (self->document_signals, NULL);
  g_clear_object (&self->document_signals);
  g_clear_object (&self->document);
  g_clear_object (&self->settings);
  if (self->mark_popover)
    {
      gtk_widget_unparent (GTK_WIDGET (self->mark_popover));
      self->mark_popover = NULL;
    }
  /* AdwBin would unparent its child again after the template is gone. */
  adw_bin_set_child (ADW_BIN (self), NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), FM_TYPE_ARTICLE_VIEW);
  self->buffer = NULL;

  G_OBJECT_CLASS (fm_article_view_parent_class)->dispose (object);
}

static void
fm_article_view_finalize (GObject *object)
{
  FmArticleView *self = (FmArticleView *)object;

  g_clear_pointer (&self->matches, g_array_unref);
  for (guint l = 0; l < N_LAYERS; l++)
    g_clear_pointer (&self->runs[l], g_array_unref);
  g_clear_pointer (&self->painted, g_free);

  G_OBJECT_CLASS (fm_article_view_parent_class)->finalize (object);
}

static void
fm_article_view_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  FmArticleView *self = FM_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      g_value_set_object (value, self->document);
      break;

    case PROP_PAINTING:
      g_value_set_boolean (value, self->painting);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_article_view_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  FmArticleView *self = FM_ARTICLE_VIEW (object);

  switch (prop_id)
    {
    case PROP_DOCUMENT:
      fm_article_view_set_document (self, g_value_get_object (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_article_view_class_init (FmArticleViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = fm_article_view_dispose;
  object_class->finalize = fm_article_view_finalize;
  object_class->get_property = fm_article_view_get_property;
  object_class->set_property = fm_article_view_set_property;

  /**
   * FmArticleView:document:
   *
   * The document shown. The view follows its annotations through a signal
   * group, so changing the document moves every connection at once.
   */
  properties[PROP_DOCUMENT] =
    g_param_spec_object ("document", NULL, NULL, FM_TYPE_DOCUMENT,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  /**
   * FmArticleView:painting:
   *
   * Whether highlights off screen are still being applied, a block at a
   * time from idle, after a new document. What is on screen is always
   * painted already.
   */
  properties[PROP_PAINTING] =
    g_param_spec_boolean ("painting", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * FmArticleView::annotation-clicked:
   * @id: the annotation under the click, or 0 for plain text
   */
  signals[ANNOTATION_CLICKED] =
    g_signal_new ("annotation-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  /**
   * FmArticleView::suggestion-clicked:
   * @item: the suggestion under the click
   */
  signals[SUGGESTION_CLICKED] =
    g_signal_new ("suggestion-clicked", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FM_TYPE_SUGGESTION_ITEM);

  g_type_ensure (FM_TYPE_TEXT_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "/ui/fm-article-view.ui");
  gtk_widget_class_bind_template_child (widget_class, FmArticleView, search_bar);
  gtk_widget_class_bind_template_child (widget_class, FmArticleView, search_entry);
  gtk_widget_class_bind_template_child (widget_class, FmArticleView, match_label);
  gtk_widget_class_bind_template_child (widget_class, FmArticleView, clamp);
  gtk_widget_class_bind_template_child (widget_class, FmArticleView, text_view);
  gtk_widget_class_bind_template_child (widget_class, FmArticleView, mark_popover);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_next_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_previous_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, text_view_map_cb);
  gtk_widget_class_bind_template_callback (widget_class, query_tooltip_cb);
}

static void
fm_article_view_init (FmArticleView *self)
{
  GtkEventController *click;
  GtkEventController *motion;
  GtkEventController *keys;
  GtkTextTagTable *table;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->matches = g_array_new (FALSE, FALSE, sizeof (glong));
  for (guint l = 0; l < N_LAYERS; l++)
    self->runs[l] = g_array_new (FALSE, FALSE, sizeof (glong));
  self->current_match = -1;
  self->buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_set_enable_undo (self->buffer, FALSE);

  /* Later tags win where they overlap: search over highlights, and the
   * selection box and flash over everything. */
  table = gtk_text_buffer_get_tag_table (self->buffer);
  self->kind_tags[FM_KIND_CLAIM] = gtk_text_buffer_create_tag (self->buffer, "claim", NULL);
  self->kind_tags[FM_KIND_FIGURE] = gtk_text_buffer_create_tag (self->buffer, "figure", NULL);
  self->kind_tags[FM_KIND_SOURCE] = gtk_text_buffer_create_tag (self->buffer, "source", NULL);
  self->match_tag = gtk_text_buffer_create_tag (self->buffer, "search-match", NULL);
  self->current_match_tag = gtk_text_buffer_create_tag (self->buffer, "search-current", NULL);
  self->selected_tag = gtk_text_buffer_create_tag (self->buffer, "selected", NULL);
  self->flash_tag = gtk_text_buffer_create_tag (self->buffer, "flash", NULL);
  (void) table;
  for (guint k = 0; k < FM_N_KINDS; k++)
    self->layer_tags[k] = self->kind_tags[k];
  self->layer_tags[LAYER_SELECTED] = self->selected_tag;
  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::highlight-style",
                           G_CALLBACK (highlight_style_changed_cb), self, G_CONNECT_SWAPPED);
  update_tag_colors (self);
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (dark_changed_cb), self, G_CONNECT_SWAPPED);

  g_signal_connect_object (self->buffer, "notify::has-selection",
                           G_CALLBACK (selection_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_set_parent (GTK_WIDGET (self->mark_popover), GTK_WIDGET (self->text_view));

  click = gtk_event_controller_legacy_new ();
  gtk_event_controller_set_propagation_phase (click, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (click, "event", G_CALLBACK (pointer_event_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), click);

  motion = gtk_event_controller_motion_new ();
  g_signal_connect_swapped (motion, "motion", G_CALLBACK (motion_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), motion);

  keys = gtk_event_controller_key_new ();
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);

  gtk_search_bar_connect_entry (self->search_bar, GTK_EDITABLE (self->search_entry));

  self->document_signals = g_signal_group_new (FM_TYPE_DOCUMENT);
  g_signal_group_connect_object (self->document_signals, "annotation-added",
                                 G_CALLBACK (annotation_added_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "annotation-changed",
                                 G_CALLBACK (annotation_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_group_connect_object (self->document_signals, "annotation-removed",
                                 G_CALLBACK (annotation_removed_cb), self, G_CONNECT_SWAPPED);
}

/* Scrolling to a mark waits for the lines there to be laid out, which
 * scrolling to an iter does not; one mark serves every reveal. */
static void
scroll_to_iter (FmArticleView *self,
                GtkTextIter   *iter)
{
  if (self->reveal_mark == NULL)
    self->reveal_mark = gtk_text_buffer_create_mark (self->buffer, NULL, iter, TRUE);
  else
    gtk_text_buffer_move_mark (self->buffer, self->reveal_mark, iter);
  gtk_text_view_scroll_to_mark (self->text_view, self->reveal_mark, 0.1, TRUE, 0.0, 0.3);
}

FmDocument *
fm_article_view_get_document (FmArticleView *self)
{
  g_return_val_if_fail (FM_IS_ARTICLE_VIEW (self), NULL);
  return self->document;
}

void
fm_article_view_set_document (FmArticleView *self,
                              FmDocument    *document)
{
  GtkTextIter start;

  g_return_if_fail (FM_IS_ARTICLE_VIEW (self));
  g_return_if_fail (!document || FM_IS_DOCUMENT (document));

  if (self->document == document)
    return;

  reset_painting (self);
  g_set_object (&self->document, document);
  g_signal_group_set_target (self->document_signals, document);
  fm_text_view_set_suggestions (FM_TEXT_VIEW (self->text_view),
                                document ? fm_document_get_suggestions (document) : NULL);
  self->selected_id = 0;
  self->last_pick_id = 0;
  gtk_popover_popdown (self->mark_popover);
  g_array_set_size (self->matches, 0);
  self->current_match = -1;

  if (document == NULL)
    {
      gtk_text_buffer_set_text (self->buffer, "", 0);
      reset_painting (self);
      update_painting (self);
    }
  else
    {
      gtk_text_buffer_set_text (self->buffer,
                                fm_article_get_text (fm_document_get_article (document)), -1);
      gtk_text_buffer_get_start_iter (self->buffer, &start);
      gtk_text_buffer_place_cursor (self->buffer, &start);
      gtk_text_view_scroll_to_iter (self->text_view, &start, 0, FALSE, 0, 0);
      start_painting (self);
      if (gtk_search_bar_get_search_mode (self->search_bar))
        search_changed_cb (self, self->search_entry);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DOCUMENT]);
}

/**
 * fm_article_view_get_painting:
 *
 * Returns: whether highlights off screen are still being applied
 */
gboolean
fm_article_view_get_painting (FmArticleView *self)
{
  g_return_val_if_fail (FM_IS_ARTICLE_VIEW (self), FALSE);

  return self->painting;
}

GtkTextView *
fm_article_view_get_text_view (FmArticleView *self)
{
  g_return_val_if_fail (FM_IS_ARTICLE_VIEW (self), NULL);
  return self->text_view;
}

/**
 * fm_article_view_get_selection:
 *
 * Returns: whether text is selected; its code point offsets if so
 */
gboolean
fm_article_view_get_selection (FmArticleView *self,
                               glong         *start,
                               glong         *end)
{
  GtkTextIter s, e;

  g_return_val_if_fail (FM_IS_ARTICLE_VIEW (self), FALSE);

  if (self->document == NULL || !gtk_text_buffer_get_selection_bounds (self->buffer, &s, &e))
    return FALSE;
  *start = gtk_text_iter_get_offset (&s);
  *end = gtk_text_iter_get_offset (&e);
  return TRUE;
}

void
fm_article_view_select_range (FmArticleView *self,
                              glong          start,
                              glong          end)
{
  GtkTextIter s, e;

  g_return_if_fail (FM_IS_ARTICLE_VIEW (self));

  get_iters (self, start, end, &s, &e);
  gtk_text_buffer_select_range (self->buffer, &s, &e);
}

void
fm_article_view_hide_popover (FmArticleView *self)
{
  GtkTextIter iter;

  g_return_if_fail (FM_IS_ARTICLE_VIEW (self));

  g_clear_handle_id (&self->popover_source, g_source_remove);
  gtk_popover_popdown (self->mark_popover);
  /* Collapse the selection to its end so the highlight shows unobscured. */
  if (gtk_text_buffer_get_selection_bounds (self->buffer, NULL, &iter))
    gtk_text_buffer_place_cursor (self->buffer, &iter);
}

void
fm_article_view_set_selected (FmArticleView *self,
                              gint64         annotation_id)
{
  FmAnnotation *old;
  FmAnnotation *annotation;

  g_return_if_fail (FM_IS_ARTICLE_VIEW (self));

  if (self->selected_id == annotation_id || self->document == NULL)
    return;

  old = fm_document_lookup (self->document, self->selected_id);
  annotation = fm_document_lookup (self->document, annotation_id);
  self->selected_id = annotation_id;
  if (old != NULL)
    paint_range (self, fm_annotation_get_start (old), fm_annotation_get_end (old), TRUE);
  if (annotation != NULL)
    paint_range (self, fm_annotation_get_start (annotation), fm_annotation_get_end (annotation),
                 TRUE);
}

static gboolean
flash_done_cb (gpointer data)
{
  FmArticleView *self = data;
  GtkTextIter s, e;

  self->flash_source = 0;
  if (self->buffer == NULL)
    return G_SOURCE_REMOVE;
  gtk_text_buffer_get_bounds (self->buffer, &s, &e);
  gtk_text_buffer_remove_tag (self->buffer, self->flash_tag, &s, &e);
  return G_SOURCE_REMOVE;
}

/**
 * fm_article_view_reveal_range:
 *
 * Scrolls to a span of the text and flashes it, as a search hit in the
 * article's own words is shown.
 */
void
fm_article_view_reveal_range (FmArticleView *self,
                              glong          start,
                              glong          end)
{
  GtkTextIter s, e;

  g_return_if_fail (FM_IS_ARTICLE_VIEW (self));

  if (self->document == NULL)
    return;
  get_iters (self, start, end, &s, &e);
  scroll_to_iter (self, &s);
  flash_done_cb (self);
  gtk_text_buffer_apply_tag (self->buffer, self->flash_tag, &s, &e);
  g_clear_handle_id (&self->flash_source, g_source_remove);
  self->flash_source = g_timeout_add (FLASH_MS, flash_done_cb, self);
}

/**
 * fm_article_view_show_suggestion:
 * @item: (nullable): a suggestion of the document, or %NULL
 *
 * Outlines the suggestion as the selected one and scrolls to it.
 */
void
fm_article_view_show_suggestion (FmArticleView    *self,
                                 FmSuggestionItem *item)
{
  GtkTextIter s, e;

  g_return_if_fail (FM_IS_ARTICLE_VIEW (self));

  fm_text_view_set_selected_suggestion (FM_TEXT_VIEW (self->text_view), item);
  if (item == NULL || self->document == NULL)
    return;
  get_iters (self, fm_suggestion_item_get_start (item), fm_suggestion_item_get_end (item), &s, &e);
  scroll_to_iter (self, &s);
}

void
fm_article_view_reveal (FmArticleView *self,
                        gint64         annotation_id,
                        gboolean       flash)
{
  FmAnnotation *annotation;
  GtkTextIter s, e;

  g_return_if_fail (FM_IS_ARTICLE_VIEW (self));

  if (self->document == NULL)
    return;
  /* An orphan has no place in the text to show. */
  annotation = fm_document_lookup (self->document, annotation_id);
  if (annotation == NULL || fm_annotation_is_orphan (annotation))
    return;

  get_iters (self, fm_annotation_get_start (annotation), fm_annotation_get_end (annotation), &s, &e);
  scroll_to_iter (self, &s);
  if (flash)
    {
      flash_done_cb (self);
      gtk_text_buffer_apply_tag (self->buffer, self->flash_tag, &s, &e);
      g_clear_handle_id (&self->flash_source, g_source_remove);
      self->flash_source = g_timeout_add (FLASH_MS, flash_done_cb, self);
    }
}

/**
 * fm_article_view_pick:
 * @offset: a code point offset into the article
 *
 * Chooses the annotation a click at @offset selects: the innermost one
 * there, or, clicking again where the last pick was, the next one out.
 *
 * Returns: the annotation's id, or 0 when none covers @offset
 */
gint64
fm_article_view_pick (FmArticleView *self,
                      glong          offset)
{
  g_autoptr(GPtrArray) hits = NULL;
  guint choice = 0;

  g_return_val_if_fail (FM_IS_ARTICLE_VIEW (self), 0);

  if (self->document == NULL)
    return 0;

  hits = fm_document_at_offset (self->document, offset);
  if (hits->len == 0)
    {
      self->last_pick_id = 0;
      return 0;
    }

  for (guint i = 0; i < hits->len; i++)
    {
      if (fm_annotation_get_id (g_ptr_array_index (hits, i)) == self->last_pick_id
          && self->last_pick_id == self->selected_id)
        {
          choice = (i + 1) % hits->len;
          break;
        }
    }

  self->last_pick_id = fm_annotation_get_id (g_ptr_array_index (hits, choice));
  self->last_pick_offset = offset;
  return self->last_pick_id;
}

void
fm_article_view_begin_find (FmArticleView *self)
{
  GtkTextIter s, e;

  g_return_if_fail (FM_IS_ARTICLE_VIEW (self));

  /* Start from the selected words, as browsers and editors do. */
  if (gtk_text_buffer_get_selection_bounds (self->buffer, &s, &e)
      && gtk_text_iter_get_line (&s) == gtk_text_iter_get_line (&e))
    {
      g_autofree char *text = gtk_text_buffer_get_text (self->buffer, &s, &e, FALSE);
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
    }
  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

void
fm_article_view_find_next (FmArticleView *self,
                           gboolean       backwards)
{
  guint n;
  GtkTextIter s, e;
  glong from;

  g_return_if_fail (FM_IS_ARTICLE_VIEW (self));

  n = self->matches->len / 2;
  if (n == 0)
    return;

  if (self->current_match < 0)
    {
      GtkTextIter cursor;

      /* The first jump goes to the match after (or before) the caret. */
      gtk_text_buffer_get_iter_at_mark (self->buffer, &cursor,
                                        gtk_text_buffer_get_insert (self->buffer));
      from = gtk_text_iter_get_offset (&cursor);
      self->current_match = backwards ? (int) n - 1 : 0;
      for (guint i = 0; i < n; i++)
        {
          glong ms = g_array_index (self->matches, glong, 2 * i);

          if (!backwards && ms >= from)
            {
              self->current_match = i;
              break;
            }
          if (backwards && ms < from)
            self->current_match = i;
        }
    }
  else
    {
      get_iters (self, g_array_index (self->matches, glong, 2 * self->current_match),
                 g_array_index (self->matches, glong, 2 * self->current_match + 1), &s, &e);
      gtk_text_buffer_remove_tag (self->buffer, self->current_match_tag, &s, &e);
      self->current_match = (self->current_match + (backwards ? (int) n - 1 : 1)) % (int) n;
    }

  get_iters (self, g_array_index (self->matches, glong, 2 * self->current_match),
             g_array_index (self->matches, glong, 2 * self->current_match + 1), &s, &e);
  gtk_text_buffer_apply_tag (self->buffer, self->current_match_tag, &s, &e);
  gtk_text_buffer_select_range (self->buffer, &s, &e);
  gtk_text_view_scroll_to_iter (self->text_view, &s, 0.1, TRUE, 0.0, 0.3);
  update_match_label (self);
}
