/* fm-sheet-layout.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-sheet-layout"

#include "config.h"

#include <glib/gi18n.h>
#include <pango/pangocairo.h>
#include <string.h>

#include "fm-export-private.h"
#include "fm-sheet-layout.h"
#include "fm-text.h"
#include "fm-types.h"

/* The fact sheet on paper: the same content, in the same order, as the HTML
 * sheet (title, metadata, each kind's entries with their verdict, passage,
 * position, link, sources, evidence and note, then the marked article), laid
 * out as a column of Pango layouts and cut into pages between their lines.
 * The PDF export and the print dialog both draw it, so a printed sheet and a
 * PDF never differ. Sizes are in points: the caller hands a cairo_t whose
 * unit is the point and a Pango context at 72 dpi. */

/* The share of a long passage shown on each side of its quote. */
#define CONTEXT_CHARS 160
#define FOOTER_HEIGHT 22.0
#define ENTRY_INDENT  12.0
#define LABEL_WIDTH   96.0

typedef struct
{
  PangoLayout *layout;
  /* From the left of the page's body. */
  double       x;
  /* Above the block when it is not the first on its page. */
  double       space_before;
  /* An entry's kind colour, drawn as a bar at its left; 0 for none. */
  guint32      bar;
  /* The bar runs on through the space above, joining an entry's blocks. */
  gboolean     bar_joins;
  gboolean     rule_below;
  /* A heading moves to the next page rather than end one alone. */
  gboolean     keep_with_next;
  char        *uri;
  char        *dest;
  /* Per line, in points from the layout's top. */
  GArray      *tops;
  GArray      *bottoms;
  GArray      *baselines;
  GArray      *lefts;
} Block;

typedef struct
{
  guint  block;
  guint  first_line;
  guint  n_lines;
  /* The top of the first line, from the top of the body. */
  double y;
} Piece;

struct _FmSheetLayout
{
  GObject          parent_instance;

  FmExportOptions  options;
  char            *organization;
  char            *base_url;
  FmArticle       *article;
  FmExportContext  ctx;
  gboolean         has_ctx;

  PangoContext    *pango;
  double           width;
  double           height;
  GArray          *blocks;
  /* Each a GArray of Piece. */
  GPtrArray       *pages;
  PangoLayout     *footer_left;
  PangoLayout     *footer_right;
};

G_DEFINE_FINAL_TYPE (FmSheetLayout, fm_sheet_layout, G_TYPE_OBJECT)

static void
block_clear (Block *block)
{
  g_clear_object (&block->layout);
  g_clear_pointer (&block->uri, g_free);
  g_clear_pointer (&block->dest, g_free);
  g_clear_pointer (&block->tops, g_array_unref);
  g_clear_pointer (&block->bottoms, g_array_unref);
  g_clear_pointer (&block->baselines, g_array_unref);
  g_clear_pointer (&block->lefts, g_array_unref);
}

static void
fm_sheet_layout_finalize (GObject *object)
{
  FmSheetLayout *self = FM_SHEET_LAYOUT (object);

  if (self->has_ctx)
    fm_export_context_clear (&self->ctx);
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_object (&self->footer_left);
  g_clear_object (&self->footer_right);
  g_clear_object (&self->pango);
  g_clear_object (&self->article);
  g_clear_pointer (&self->organization, g_free);
  g_clear_pointer (&self->base_url, g_free);

  G_OBJECT_CLASS (fm_sheet_layout_parent_class)->finalize (object);
}

static void
fm_sheet_layout_class_init (FmSheetLayoutClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = fm_sheet_layout_finalize;
}

static void
fm_sheet_layout_init (FmSheetLayout *self)
{
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, (GDestroyNotify) block_clear);
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
}

/**
 * fm_sheet_layout_new:
 * @article: the article, with its text
 * @annotations: (element-type FmAnnotation): its annotations, in any order
 * @options: (nullable): the export options; only with_text matters here
 *
 * Checks the annotations against the text as every export does. The layout
 * keeps its own copies, so the caller may go on changing the originals.
 *
 * Returns: (transfer full): a layout to paginate, or %NULL with @error set
 *   when an annotation does not fit the text.
 */
FmSheetLayout *
fm_sheet_layout_new (FmArticle              *article,
                     GPtrArray              *annotations,
                     const FmExportOptions  *options,
                     GError                **error)
{
  static const FmExportOptions defaults = FM_EXPORT_OPTIONS_INIT;
  g_autoptr(FmSheetLayout) self = NULL;
  g_autoptr(GPtrArray) copies = NULL;

  g_return_val_if_fail (FM_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (annotations != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;

  self = g_object_new (FM_TYPE_SHEET_LAYOUT, NULL);
  self->organization = g_strdup (options->organization);
  self->base_url = g_strdup (options->base_url);
  self->options.with_text = options->with_text;
  self->options.organization = self->organization;
  self->options.base_url = self->base_url;
  self->article = fm_article_copy (article);
  copies = g_ptr_array_new_full (annotations->len, g_object_unref);
  for (guint i = 0; i < annotations->len; i++)
    g_ptr_array_add (copies, fm_annotation_copy (g_ptr_array_index (annotations, i)));

  self->has_ctx = TRUE;
  if (!fm_export_context_init (&self->ctx, self->article, copies, &self->options, error))
    return NULL;
  return g_steal_pointer (&self);
}

/* Markup helpers. Every string from the article or the user goes through
 * append_text(), which escapes it and replaces the control characters that
 * Pango's markup parser refuses, so no text can break the layout. */

static void
append_text (GString    *out,
             const char *text)
{
  g_autoptr(GString) clean = NULL;
  g_autofree char *escaped = NULL;

  if (text == NULL)
    return;
  clean = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f)
          || c == 0xfffe || c == 0xffff)
        g_string_append_unichar (clean, 0xfffd);
      else
        g_string_append_len (clean, p, g_utf8_next_char (p) - p);
    }
  escaped = g_markup_escape_text (clean->str, clean->len);
  g_string_append (out, escaped);
}

static guint32
kind_colour (FmKind kind)
{
  switch (kind)
    {
    case FM_KIND_CLAIM: return 0xe5a50a;
    case FM_KIND_FIGURE: return 0x3584e4;
    case FM_KIND_SOURCE: return 0x2ec27e;
    default: g_assert_not_reached ();
    }
}

/* The HTML marks' translucent colours, as they come out on white paper. */
static const char *
kind_highlight (FmKind kind)
{
  switch (kind)
    {
    case FM_KIND_CLAIM: return "#fcedb8";
    case FM_KIND_FIGURE: return "#d7e6fa";
    case FM_KIND_SOURCE: return "#d5f3e5";
    default: g_assert_not_reached ();
    }
}

static const char *
verdict_background (FmVerdict verdict)
{
  switch (verdict)
    {
    case FM_VERDICT_TRUE: return "#b5e8c8";
    case FM_VERDICT_MOSTLY_TRUE: return "#d7efc0";
    case FM_VERDICT_MISLEADING: return "#ffd7a8";
    case FM_VERDICT_FALSE: return "#ffc4c4";
    case FM_VERDICT_OPINION: return "#dcd0f0";
    default: return "#deddda";
    }
}

static const char *
kind_abbreviation (FmKind kind)
{
  switch (kind)
    {
    case FM_KIND_CLAIM: return C_("abbreviation", "C");
    case FM_KIND_FIGURE: return C_("abbreviation", "F");
    case FM_KIND_SOURCE: return C_("abbreviation", "S");
    default: g_assert_not_reached ();
    }
}

/* Blocks */

static PangoLayout *
new_layout (FmSheetLayout *self,
            double         width,
            const char    *font)
{
  PangoLayout *layout = pango_layout_new (self->pango);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, pango_units_from_double (width));
  /* A URL or a long word breaks anywhere rather than run off the page, and
   * without an inserted hyphen that would read as part of it. */
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  return layout;
}

static void
measure_block (Block *block)
{
  PangoLayoutIter *iter = pango_layout_get_iter (block->layout);

  block->tops = g_array_new (FALSE, FALSE, sizeof (double));
  block->bottoms = g_array_new (FALSE, FALSE, sizeof (double));
  block->baselines = g_array_new (FALSE, FALSE, sizeof (double));
  block->lefts = g_array_new (FALSE, FALSE, sizeof (double));
  do
    {
      int y0, y1;
      double top, bottom, baseline, left;
      PangoRectangle logical;

      pango_layout_iter_get_line_yrange (iter, &y0, &y1);
      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      top = pango_units_to_double (y0);
      bottom = pango_units_to_double (y1);
      baseline = pango_units_to_double (pango_layout_iter_get_baseline (iter));
      left = pango_units_to_double (logical.x);
      g_array_append_val (block->tops, top);
      g_array_append_val (block->bottoms, bottom);
      g_array_append_val (block->baselines, baseline);
      g_array_append_val (block->lefts, left);
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* Adds a block of Pango markup; returns it to set the rest of its style. */
static Block *
add_markup (FmSheetLayout *self,
            double         x,
            double         space_before,
            const char    *font,
            const char    *markup)
{
  Block block = { 0 };
  g_autofree char *wrapped = g_strdup_printf ("<span insert_hyphens=\"false\">%s</span>",
                                              markup);

  block.layout = new_layout (self, self->width - x, font);
  block.x = x;
  block.space_before = space_before;
  pango_layout_set_markup (block.layout, wrapped, -1);
  g_array_append_val (self->blocks, block);
  return &g_array_index (self->blocks, Block, self->blocks->len - 1);
}

/* A row of an entry's list: a label and its value, the value's lines
 * hanging under its first. */
static Block *
add_row (FmSheetLayout *self,
         FmExportEntry *entry,
         const char    *label,
         const char    *value_markup)
{
  g_autoptr(GString) markup = g_string_new ("<span weight=\"bold\" foreground=\"#555555\">");
  PangoTabArray *tabs = pango_tab_array_new (1, FALSE);
  Block *block;

  append_text (markup, label);
  g_string_append_printf (markup, "</span>\t%s", value_markup);
  block = add_markup (self, ENTRY_INDENT, 1.5, "Sans 9", markup->str);
  pango_tab_array_set_tab (tabs, 0, PANGO_TAB_LEFT, pango_units_from_double (LABEL_WIDTH));
  pango_layout_set_tabs (block->layout, tabs);
  pango_layout_set_indent (block->layout, pango_units_from_double (-LABEL_WIDTH));
  pango_tab_array_free (tabs);
  block->bar = kind_colour (fm_annotation_get_kind (entry->annotation));
  block->bar_joins = TRUE;
  return block;
}

static void
add_text_row (FmSheetLayout *self,
              FmExportEntry *entry,
              const char    *label,
              const char    *text)
{
  g_autoptr(GString) value = g_string_new (NULL);

  append_text (value, text);
  add_row (self, entry, label, value->str);
}

/* The quote in its context: the rest of its paragraph, up to
 * CONTEXT_CHARS characters on each side, cut at a space. An orphan has no
 * place left in the text, so its own stored context stands in. */
static void
append_passage (FmExportContext *ctx,
                FmExportEntry   *entry,
                GString         *out)
{
  FmAnnotation *a = entry->annotation;
  FmKind kind = fm_annotation_get_kind (a);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gboolean cut_before = FALSE, cut_after = FALSE;

  if (fm_annotation_is_orphan (a))
    {
      before = g_strdup (fm_annotation_get_prefix (a));
      after = g_strdup (fm_annotation_get_suffix (a));
    }
  else
    {
      const char *start = g_utf8_offset_to_pointer (ctx->text, fm_annotation_get_start (a));
      const char *end = g_utf8_offset_to_pointer (start,
                                                  fm_annotation_get_end (a)
                                                  - fm_annotation_get_start (a));
      const char *p = start, *q = end;

      for (guint n = 0; p > ctx->text && p[-1] != '\n'; n++)
        {
          if (n == CONTEXT_CHARS)
            {
              while (p < start && *p != ' ')
                p++;
              cut_before = TRUE;
              break;
            }
          p = g_utf8_prev_char (p);
        }
      for (guint n = 0; *q != '\0' && *q != '\n'; n++)
        {
          if (n == CONTEXT_CHARS)
            {
              while (q > end && *q != ' ')
                q = g_utf8_prev_char (q);
              cut_after = TRUE;
              break;
            }
          q = g_utf8_next_char (q);
        }
      before = g_strndup (p, start - p);
      after = g_strndup (end, q - end);
    }

  g_string_append (out, "<span foreground=\"#555555\">");
  if (cut_before)
    g_string_append (out, "…");
  append_text (out, before);
  g_string_append_printf (out, "</span><span background=\"%s\" weight=\"bold\">",
                          kind_highlight (kind));
  append_text (out, fm_annotation_get_quote (a));
  g_string_append (out, "</span><span foreground=\"#555555\">");
  append_text (out, after);
  if (cut_after)
    g_string_append (out, "…");
  g_string_append (out, "</span>");
}

static void
add_entry_heading (FmSheetLayout *self,
                   FmExportEntry *entry)
{
  FmAnnotation *a = entry->annotation;
  FmKind kind = fm_annotation_get_kind (a);
  const char *badge = fm_export_state_label (a);
  gboolean confirmed = fm_annotation_get_state (a) == FM_ANCHOR_CHANGED
                       && fm_annotation_get_confirmed (a);
  g_autoptr(GString) markup = g_string_new ("<b>");
  Block *block;

  g_string_append_printf (markup, "%s %u</b>", self->ctx.kind_labels[kind], entry->number);
  if (kind == FM_KIND_SOURCE)
    {
      g_string_append (markup, "<b>: ");
      append_text (markup, fm_annotation_get_display_name (a));
      g_string_append (markup, "</b>");
    }
  else
    {
      FmVerdict verdict = fm_annotation_get_verdict (a);

      g_string_append_printf (markup, "  <span background=\"%s\" weight=\"bold\" size=\"small\">"
                              " %s </span>",
                              verdict_background (verdict), self->ctx.verdict_labels[verdict]);
    }
  /* A confirmed change is green, as on the HTML sheet: nothing is left to
   * look at. */
  if (badge != NULL)
    g_string_append_printf (markup, "  <span background=\"%s\" foreground=\"%s\" "
                            "weight=\"bold\" size=\"small\"> %s </span>",
                            confirmed ? "#e3f2e6" : "#fde8cc", confirmed ? "#1a7f4b" : "#c64600",
                            badge);

  block = add_markup (self, ENTRY_INDENT, 12, "Sans 10.5", markup->str);
  block->bar = kind_colour (kind);
  block->keep_with_next = TRUE;
  block->dest = g_strdup_printf ("%s-%u", fm_kind_to_string (kind), entry->number);
  if (entry->link != NULL)
    block->uri = g_strdup (entry->link);
}

static void
add_entry_links (FmSheetLayout *self,
                 FmExportEntry *entry)
{
  FmAnnotation *a = entry->annotation;
  FmKind kind = fm_annotation_get_kind (a);
  GArray *sources;
  GPtrArray *evidence;
  g_autoptr(GString) names = g_string_new (NULL);

  if (kind == FM_KIND_SOURCE)
    return;

  sources = fm_annotation_get_sources (a);
  for (guint i = 0; i < sources->len; i++)
    {
      FmExportEntry *source = fm_export_context_lookup (&self->ctx,
                                                        g_array_index (sources, gint64, i));

      if (source == NULL)
        continue;
      if (names->len > 0)
        g_string_append (names, ", ");
      append_text (names, fm_annotation_get_display_name (source->annotation));
    }
  if (names->len > 0)
    add_row (self, entry, _("Sources"), names->str);

  evidence = fm_annotation_get_evidence (a);
  for (guint i = 0; i < evidence->len; i++)
    {
      FmEvidence *item = g_ptr_array_index (evidence, i);
      g_autoptr(GString) value = g_string_new ("• ");
      gboolean web = fm_export_is_web_url (item->url);
      Block *block;

      if (web)
        g_string_append (value, "<span foreground=\"#1a5fb4\">");
      append_text (value, item->url);
      if (web)
        g_string_append (value, "</span>");
      if (item->note != NULL)
        {
          g_string_append (value, " — ");
          append_text (value, item->note);
        }
      block = add_row (self, entry, i == 0 ? _("Evidence") : "", value->str);
      if (web)
        block->uri = g_strdup (item->url);
    }
}

static void
add_entry (FmSheetLayout *self,
           FmExportEntry *entry)
{
  FmAnnotation *a = entry->annotation;
  FmKind kind = fm_annotation_get_kind (a);
  const char *original = fm_annotation_get_original_quote (a);
  g_autoptr(GString) passage = g_string_new (NULL);
  Block *block;

  add_entry_heading (self, entry);

  append_passage (&self->ctx, entry, passage);
  block = add_markup (self, ENTRY_INDENT, 3, "Serif Italic 10", passage->str);
  /* An italic glyph leans past its box at the end of a line; the room
   * kept for it keeps the ink inside the page. */
  pango_layout_set_width (block->layout, pango_units_from_double (self->width - ENTRY_INDENT - 3));
  block->bar = kind_colour (kind);
  block->bar_joins = TRUE;

  if (original != NULL)
    add_text_row (self, entry,
                  fm_export_state_label (a) != NULL
                  ? C_("quote", "Was") : _("First marked as"),
                  original);

  if (fm_annotation_is_orphan (a))
    add_text_row (self, entry, _("Position"), _("Not found in the current text"));
  else
    {
      g_autofree char *position = g_strdup_printf (_("line %u, column %u"),
                                                   entry->line, entry->column);
      g_autoptr(GString) link = g_string_new ("<span font_family=\"Monospace\" "
                                              "foreground=\"#555555\">");

      add_text_row (self, entry, _("Position"), position);
      append_text (link, entry->link);
      g_string_append (link, "</span>");
      block = add_row (self, entry, _("Link"), link->str);
      block->uri = g_strdup (entry->link);
    }

  if (kind == FM_KIND_SOURCE)
    add_text_row (self, entry, _("Type"),
                  self->ctx.source_type_labels[fm_annotation_get_source_type (a)]);
  else if (kind == FM_KIND_FIGURE && fm_annotation_get_has_value (a))
    {
      g_autofree char *value = fm_export_format_value (fm_annotation_get_value (a));
      g_autofree char *with_unit = g_strjoin (" ", value, fm_annotation_get_unit (a), NULL);

      add_text_row (self, entry, _("Value"), with_unit);
    }

  add_entry_links (self, entry);

  if (fm_annotation_get_note (a) != NULL)
    add_text_row (self, entry, _("Note"), fm_annotation_get_note (a));
}

static void
append_meta (GString    *out,
             const char *format,
             const char *value,
             gboolean   *any)
{
  g_auto(GStrv) parts = NULL;

  if (value == NULL)
    return;
  if (*any)
    g_string_append (out, " · ");
  *any = TRUE;
  parts = g_strsplit (format, "%s", 2);
  append_text (out, parts[0]);
  append_text (out, value);
  if (parts[1] != NULL)
    append_text (out, parts[1]);
}

static void
add_header (FmSheetLayout *self)
{
  FmArticle *article = self->ctx.article;
  const char *url = fm_article_get_url (article);
  g_autoptr(GString) title = g_string_new (NULL);
  g_autoptr(GString) meta = g_string_new ("<span foreground=\"#555555\">");
  g_autoptr(GString) about = g_string_new ("<span foreground=\"#555555\">");
  gboolean any = FALSE;

  append_text (title, fm_article_get_display_title (article));
  add_markup (self, 0, 0, "Sans Bold 18", title->str);

  append_meta (meta, "%s", fm_article_get_outlet (article), &any);
  append_meta (meta, _("By %s"), fm_article_get_author (article), &any);
  append_meta (meta, _("Published %s"), fm_article_get_published (article), &any);
  if (any)
    g_string_append (meta, " · ");
  g_string_append_printf (meta, ngettext ("%lld character", "%lld characters",
                                          (gulong) fm_article_get_length (article)),
                          (long long) fm_article_get_length (article));
  g_string_append (meta, "</span>");
  add_markup (self, 0, 5, "Sans 10", meta->str);

  if (url != NULL)
    {
      g_autoptr(GString) markup = g_string_new (NULL);
      gboolean web = fm_export_is_web_url (url);
      Block *block;

      g_string_append (markup, web ? "<span foreground=\"#1a5fb4\">"
                                   : "<span foreground=\"#555555\">");
      append_text (markup, url);
      g_string_append (markup, "</span>");
      block = add_markup (self, 0, 3, "Sans 10", markup->str);
      if (web)
        block->uri = g_strdup (url);
    }

  append_text (about, _("Lines and columns count characters from 1; "
                        "the #char= links count them from 0 (RFC 5147)."));
  g_string_append (about, "</span>");
  add_markup (self, 0, 3, "Sans 9", about->str);
}

static void
add_section_heading (FmSheetLayout *self,
                     const char    *label)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  Block *block;

  append_text (markup, label);
  block = add_markup (self, 0, 20, "Sans Bold 13", markup->str);
  block->rule_below = TRUE;
  block->keep_with_next = TRUE;
}

static void
add_sections (FmSheetLayout *self)
{
  for (guint k = 0; k < FM_N_KINDS; k++)
    {
      g_autofree char *heading = g_strdup_printf ("%s (%u)", fm_kind_to_plural_label (k),
                                                  self->ctx.counts[k]);

      add_section_heading (self, heading);
      if (self->ctx.counts[k] == 0)
        {
          g_autoptr(GString) none = g_string_new ("<i><span foreground=\"#555555\">");

          append_text (none, _("None."));
          g_string_append (none, "</span></i>");
          add_markup (self, 0, 8, "Sans 10", none->str);
          continue;
        }
      for (guint i = 0; i < self->ctx.entries->len; i++)
        {
          FmExportEntry *entry = FM_EXPORT_ENTRY (&self->ctx, i);

          if (fm_annotation_get_kind (entry->annotation) == k)
            add_entry (self, entry);
        }
    }
}

/* The article */

static void
append_clean (GString    *out,
              const char *text,
              gsize       len)
{
  for (const char *p = text; p < text + len; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if ((c < 0x20 && c != '\n' && c != '\t') || (c >= 0x7f && c <= 0x9f))
        g_string_append_unichar (out, 0xfffd);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
    }
}

static void
insert_attr (PangoAttrList  *attrs,
             PangoAttribute *attr,
             guint           start,
             guint           end)
{
  attr->start_index = start;
  attr->end_index = end;
  pango_attr_list_insert (attrs, attr);
}

static PangoColor
colour_from_rgb (guint32 rgb)
{
  PangoColor colour = { ((rgb >> 16) & 0xff) * 257, ((rgb >> 8) & 0xff) * 257,
                        (rgb & 0xff) * 257 };

  return colour;
}

static int
compare_by_end (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  FmExportContext *ctx = user_data;
  glong x = fm_annotation_get_end (FM_EXPORT_ENTRY (ctx, *(const guint *) a)->annotation);
  glong y = fm_annotation_get_end (FM_EXPORT_ENTRY (ctx, *(const guint *) b)->annotation);

  return x < y ? -1 : x > y ? 1 : 0;
}

static void
append_label (GString       *out,
              PangoAttrList *attrs,
              FmExportEntry *entry)
{
  guint start = out->len;

  g_string_append_printf (out, "%s%u", kind_abbreviation (fm_annotation_get_kind (entry->annotation)),
                          entry->number);
  insert_attr (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD), start, out->len);
  insert_attr (attrs, pango_attr_scale_new (0.7), start, out->len);
  insert_attr (attrs, pango_attr_rise_new (4 * PANGO_SCALE), start, out->len);
}

/* Writes the text with each placed entry's label ("C2") at its start, as
 * the HTML marks it, and records where each span starts and ends in what
 * was written: the labels shift everything after them. Entries are in
 * order of start and @by_end in order of end, so one pass over each finds
 * every boundary. */
static void
write_labelled_text (FmExportContext *ctx,
                     GString         *out,
                     PangoAttrList   *attrs,
                     guint           *starts,
                     guint           *ends)
{
  guint n = ctx->entries->len;
  g_autoptr(GArray) by_end = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  const char *p = ctx->text;
  const char *text_end = p + strlen (p);
  glong offset = 0;
  guint next_start = 0, next_end = 0;

  for (guint i = 0; i < n; i++)
    if (!fm_annotation_is_orphan (FM_EXPORT_ENTRY (ctx, i)->annotation))
      g_array_append_val (by_end, i);
  g_array_sort_with_data (by_end, compare_by_end, ctx);

  for (;;)
    {
      FmExportEntry *start = NULL, *end = NULL;
      glong at = G_MAXLONG;
      const char *q;

      while (next_start < n && fm_annotation_is_orphan (FM_EXPORT_ENTRY (ctx, next_start)->annotation))
        next_start++;
      if (next_start < n)
        {
          start = FM_EXPORT_ENTRY (ctx, next_start);
          at = fm_annotation_get_start (start->annotation);
        }
      if (next_end < by_end->len)
        {
          end = FM_EXPORT_ENTRY (ctx, g_array_index (by_end, guint, next_end));
          at = MIN (at, fm_annotation_get_end (end->annotation));
        }
      if (at == G_MAXLONG)
        break;

      q = fm_text_skip (p, text_end, at - offset);
      append_clean (out, p, q - p);
      p = q;
      offset = at;

      /* A span that ends here closes before a label that starts here. */
      if (end != NULL && fm_annotation_get_end (end->annotation) == at)
        ends[g_array_index (by_end, guint, next_end++)] = out->len;
      else
        {
          starts[next_start++] = out->len;
          append_label (out, attrs, start);
        }
    }
  append_clean (out, p, strlen (p));
}

/* The text with each placed entry's span highlighted in its kind's colour,
 * a changed one underlined, and its label at its start. */
static void
add_marked_text (FmSheetLayout *self)
{
  FmExportContext *ctx = &self->ctx;
  guint n = ctx->entries->len;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree guint *starts = g_new0 (guint, MAX (n, 1));
  g_autofree guint *ends = g_new0 (guint, MAX (n, 1));
  PangoAttrList *attrs = pango_attr_list_new ();
  PangoColor changed = colour_from_rgb (0xc64600);
  Block block = { 0 };

  write_labelled_text (ctx, out, attrs, starts, ends);

  for (guint i = 0; i < n; i++)
    {
      FmAnnotation *a = FM_EXPORT_ENTRY (ctx, i)->annotation;
      PangoColor bg;

      if (fm_annotation_is_orphan (a))
        continue;
      pango_color_parse (&bg, kind_highlight (fm_annotation_get_kind (a)));
      insert_attr (attrs, pango_attr_background_new (bg.red, bg.green, bg.blue),
                   starts[i], ends[i]);
      if (fm_annotation_get_state (a) == FM_ANCHOR_CHANGED)
        {
          insert_attr (attrs, pango_attr_underline_new (PANGO_UNDERLINE_ERROR), starts[i], ends[i]);
          insert_attr (attrs, pango_attr_underline_color_new (changed.red, changed.green,
                                                              changed.blue),
                       starts[i], ends[i]);
        }
    }
  insert_attr (attrs, pango_attr_insert_hyphens_new (FALSE), 0, out->len);

  block.layout = new_layout (self, self->width, "Serif 10.5");
  block.space_before = 8;
  pango_layout_set_text (block.layout, out->str, out->len);
  pango_layout_set_attributes (block.layout, attrs);
  pango_layout_set_spacing (block.layout, pango_units_from_double (3));
  pango_attr_list_unref (attrs);
  g_array_append_val (self->blocks, block);
}

static void
add_article (FmSheetLayout *self)
{
  g_autofree char *legend = NULL;

  add_section_heading (self, _("Article"));
  legend = g_markup_printf_escaped ("<span background=\"%s\">%s</span>  "
                                    "<span background=\"%s\">%s</span>  "
                                    "<span background=\"%s\">%s</span>",
                                    kind_highlight (FM_KIND_CLAIM),
                                    fm_kind_to_label (FM_KIND_CLAIM),
                                    kind_highlight (FM_KIND_FIGURE),
                                    fm_kind_to_label (FM_KIND_FIGURE),
                                    kind_highlight (FM_KIND_SOURCE),
                                    fm_kind_to_label (FM_KIND_SOURCE));
  add_markup (self, 0, 6, "Sans 9", legend);
  add_marked_text (self);
}

/* Pages */

static double
line_height (Block *block,
             guint  first,
             guint  last)
{
  return g_array_index (block->bottoms, double, last) - g_array_index (block->tops, double, first);
}

static GArray *
new_page (FmSheetLayout *self)
{
  GArray *page = g_array_new (FALSE, FALSE, sizeof (Piece));

  g_ptr_array_add (self->pages, page);
  return page;
}

/* Whether a heading and the first line after it fit below @y; a heading
 * alone at the foot of a page would be read as belonging to nothing. */
static gboolean
fits_with_next (FmSheetLayout *self,
                guint          b,
                double         y,
                double         body)
{
  Block *block = &g_array_index (self->blocks, Block, b);
  double need = block->space_before + line_height (block, 0, block->tops->len - 1);

  if (b + 1 < self->blocks->len)
    {
      Block *next = &g_array_index (self->blocks, Block, b + 1);

      need += next->space_before + line_height (next, 0, 0);
    }
  return y + need <= body;
}

/* Places the blocks from the top of the first page down, cutting a block
 * between two lines where a page ends, so a long quote or the article runs
 * on to the next page and nothing is cut off. A line taller than a whole
 * page (a huge glyph) is placed anyway, alone on its page. */
static void
place_blocks (FmSheetLayout *self,
              double         body)
{
  GArray *page = new_page (self);
  double y = 0;

  for (guint b = 0; b < self->blocks->len; b++)
    {
      Block *block = &g_array_index (self->blocks, Block, b);
      guint n_lines = block->tops->len;
      guint line = 0;

      if (y > 0 && block->keep_with_next && !fits_with_next (self, b, y, body))
        {
          page = new_page (self);
          y = 0;
        }
      if (y > 0)
        y += block->space_before;

      while (line < n_lines)
        {
          Piece piece = { b, line, 0, y };

          while (line < n_lines
                 && (y + line_height (block, piece.first_line, line) <= body
                     || (line == piece.first_line && y == 0)))
            line++;
          piece.n_lines = line - piece.first_line;
          if (piece.n_lines > 0)
            {
              g_array_append_val (page, piece);
              y += line_height (block, piece.first_line, line - 1);
            }
          if (line < n_lines)
            {
              page = new_page (self);
              y = 0;
            }
        }
    }
}

static void
layout_footer (FmSheetLayout *self)
{
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string ("Sans 8");

  self->footer_left = pango_layout_new (self->pango);
  pango_layout_set_font_description (self->footer_left, desc);
  pango_layout_set_width (self->footer_left, pango_units_from_double (self->width * 0.7));
  pango_layout_set_ellipsize (self->footer_left, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (self->footer_left, fm_article_get_display_title (self->ctx.article), -1);
  /* A title in Arabic or Hebrew must not flip to the right edge and run
   * into the page number. */
  pango_layout_set_auto_dir (self->footer_left, FALSE);

  self->footer_right = pango_layout_new (self->pango);
  pango_layout_set_font_description (self->footer_right, desc);
  pango_layout_set_width (self->footer_right, pango_units_from_double (self->width * 0.3));
  pango_layout_set_alignment (self->footer_right, PANGO_ALIGN_RIGHT);
}

/**
 * fm_sheet_layout_paginate:
 * @context: a Pango context whose unit is the point (72 dpi)
 * @width: the width of the printable area, in points
 * @height: its height, in points; the page number takes the foot of it
 *
 * Lays the sheet out for pages of this size, dropping an earlier layout.
 */
void
fm_sheet_layout_paginate (FmSheetLayout *self,
                          PangoContext  *context,
                          double         width,
                          double         height)
{
  g_return_if_fail (FM_IS_SHEET_LAYOUT (self));
  g_return_if_fail (PANGO_IS_CONTEXT (context));
  g_return_if_fail (width > 2 * LABEL_WIDTH && height > 4 * FOOTER_HEIGHT);

  g_array_set_size (self->blocks, 0);
  g_ptr_array_set_size (self->pages, 0);
  g_clear_object (&self->footer_left);
  g_clear_object (&self->footer_right);
  g_set_object (&self->pango, context);
  self->width = width;
  self->height = height;

  add_header (self);
  add_sections (self);
  if (self->options.with_text)
    add_article (self);
  for (guint b = 0; b < self->blocks->len; b++)
    measure_block (&g_array_index (self->blocks, Block, b));

  place_blocks (self, height - FOOTER_HEIGHT);
  layout_footer (self);
}

guint
fm_sheet_layout_get_n_pages (FmSheetLayout *self)
{
  g_return_val_if_fail (FM_IS_SHEET_LAYOUT (self), 0);

  return self->pages->len;
}

/* Cairo's tag attributes quote strings with single quotes. */
static char *
quote_attribute (const char *key,
                 const char *value)
{
  g_autoptr(GString) out = g_string_new (key);

  g_string_append (out, "='");
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
draw_piece (FmSheetLayout *self,
            cairo_t       *cr,
            Piece         *piece,
            gboolean       first_on_page)
{
  Block *block = &g_array_index (self->blocks, Block, piece->block);
  double top = g_array_index (block->tops, double, piece->first_line);
  double height = line_height (block, piece->first_line, piece->first_line + piece->n_lines - 1);
  g_autofree char *link = block->uri != NULL ? quote_attribute ("uri", block->uri) : NULL;
  g_autofree char *dest = NULL;

  if (block->bar != 0)
    {
      double extend = block->bar_joins && !first_on_page ? block->space_before : 0;

      cairo_set_source_rgb (cr, ((block->bar >> 16) & 0xff) / 255.0,
                            ((block->bar >> 8) & 0xff) / 255.0, (block->bar & 0xff) / 255.0);
      cairo_rectangle (cr, 0, piece->y - extend, 3, height + extend);
      cairo_fill (cr);
    }
  if (block->rule_below && piece->first_line + piece->n_lines == block->tops->len)
    {
      cairo_set_source_rgb (cr, 0.8, 0.8, 0.8);
      cairo_rectangle (cr, 0, piece->y + height + 1, self->width, 0.75);
      cairo_fill (cr);
    }

  if (block->dest != NULL && piece->first_line == 0)
    {
      dest = quote_attribute ("name", block->dest);
      cairo_tag_begin (cr, CAIRO_TAG_DEST, dest);
    }
  if (link != NULL)
    cairo_tag_begin (cr, CAIRO_TAG_LINK, link);

  cairo_set_source_rgb (cr, 0.11, 0.11, 0.11);
  for (guint i = piece->first_line; i < piece->first_line + piece->n_lines; i++)
    {
      PangoLayoutLine *line = pango_layout_get_line_readonly (block->layout, (int) i);

      cairo_move_to (cr, block->x + g_array_index (block->lefts, double, i),
                     piece->y + g_array_index (block->baselines, double, i) - top);
      pango_cairo_show_layout_line (cr, line);
    }

  if (link != NULL)
    cairo_tag_end (cr, CAIRO_TAG_LINK);
  if (dest != NULL)
    cairo_tag_end (cr, CAIRO_TAG_DEST);
}

static void
draw_footer (FmSheetLayout *self,
             cairo_t       *cr,
             guint          page)
{
  g_autofree char *number = g_strdup_printf (_("Page %u of %u"), page + 1, self->pages->len);
  double y = self->height - FOOTER_HEIGHT + 10;

  pango_layout_set_text (self->footer_right, number, -1);
  cairo_set_source_rgb (cr, 0.33, 0.33, 0.33);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, self->footer_left);
  cairo_move_to (cr, self->width * 0.7, y);
  pango_cairo_show_layout (cr, self->footer_right);
}

/**
 * fm_sheet_layout_draw_page:
 * @cr: a cairo context in points, its origin at the printable area's top
 *   left
 * @page: from 0
 *
 * Draws one page as fm_sheet_layout_paginate() laid it out. On a PDF
 * surface each entry's heading and link become links to the RFC 5147 URL
 * the HTML sheet gives, and each entry a named destination ("claim-2").
 */
void
fm_sheet_layout_draw_page (FmSheetLayout *self,
                           cairo_t       *cr,
                           guint          page)
{
  GArray *pieces;

  g_return_if_fail (FM_IS_SHEET_LAYOUT (self));
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page < self->pages->len);

  pieces = g_ptr_array_index (self->pages, page);
  cairo_save (cr);
  for (guint i = 0; i < pieces->len; i++)
    draw_piece (self, cr, &g_array_index (pieces, Piece, i), i == 0);
  draw_footer (self, cr, page);
  cairo_restore (cr);
}
