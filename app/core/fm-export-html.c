/* fm-export-html.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-export-html"

#include "config.h"

#include <glib/gi18n.h>
#include <stdarg.h>
#include <string.h>

#include "fm-export-private.h"
#include "fm-text.h"
#include "fm-types.h"

/* One file that opens anywhere and prints: the sheet, then the article with
 * every span in a <mark>. After an update of the article's text, a changed
 * entry carries a badge saying whether someone has confirmed it since, and
 * the quote it was first made on, and its marks are underlined (wavy until
 * confirmed); an orphan is listed with its quote and a badge, and has no
 * mark and no link to one, since it has no place in the text. Nothing in
 * it runs or loads: the styles are inline
 * and the Content-Security-Policy allows that one style sheet and nothing
 * else. Every string from the article or the user goes through
 * append_escaped(), and only http and https URLs become links, so no text can
 * add markup, a script or a "javascript:" link. The markup is also
 * well-formed XML, which lets the tests parse it strictly. */

static const char style_sheet[] =
  "\n"
  "body{font:16px/1.55 system-ui,-apple-system,\"Segoe UI\",sans-serif;color:#1c1c1c;"
  "background:#fff;max-width:46rem;margin:2rem auto;padding:0 1rem}\n"
  "h1{font-size:1.6rem;line-height:1.25;margin:0 0 .4rem}\n"
  "h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:1px solid #ccc}\n"
  "h3{font-size:1rem;margin:0}\n"
  "a{color:#1a5fb4}\n"
  ".meta,.url,.legend,.about{color:#555;margin:.2rem 0}\n"
  ".url,.link,dd{overflow-wrap:anywhere}\n"
  ".entries{list-style:none;padding:0;margin:0}\n"
  ".entry{border-left:4px solid #999;padding:.3rem 0 .3rem .9rem;margin:1rem 0}\n"
  ".entry.claim{border-color:#e5a50a}.entry.figure{border-color:#3584e4}"
  ".entry.source{border-color:#2ec27e}\n"
  ".entry:target{background:#f6f5f4}\n"
  "blockquote{margin:.4rem 0;font-style:italic;white-space:pre-wrap}\n"
  "dl{display:grid;grid-template-columns:max-content 1fr;gap:.1rem .8rem;margin:.4rem 0}\n"
  "dt{font-weight:600;color:#555}\n"
  "dd{margin:0}\n"
  "dd ul{margin:0;padding-left:1.1rem}\n"
  ".note{white-space:pre-wrap}\n"
  ".link{font-family:ui-monospace,monospace;font-size:.85em;color:#555}\n"
  ".verdict{font-weight:600;font-size:.85rem;padding:0 .45rem;border-radius:.7rem;"
  "background:#deddda;white-space:nowrap}\n"
  ".v-true{background:#b5e8c8}.v-mostly-true{background:#d7efc0}"
  ".v-misleading{background:#ffd7a8}.v-false{background:#ffc4c4}"
  ".v-opinion{background:#dcd0f0}\n"
  ".state{font-weight:600;font-size:.85rem;padding:0 .45rem;border-radius:.7rem;"
  "white-space:nowrap;border:1px solid}\n"
  ".s-changed{background:#fde8cc;border-color:#c64600}"
  ".s-changed.s-confirmed{background:#e3f2e6;border-color:#26a269}"
  ".s-orphaned{background:#f6f5f4;border-color:#77767b;border-style:dashed}\n"
  ".entry.orphaned{border-left-style:dashed}\n"
  ".entry.orphaned blockquote{color:#555}\n"
  ".was{white-space:pre-wrap}\n"
  ".none{font-style:italic;color:#555}\n"
  ".text{white-space:pre-wrap;overflow-wrap:break-word;line-height:1.9}\n"
  "mark{color:inherit;border-radius:2px}\n"
  "mark.claim{background:rgba(245,194,17,.3);box-shadow:inset 0 -2px #e5a50a}\n"
  "mark.figure{background:rgba(53,132,228,.2);box-shadow:inset 0 -2px #3584e4}\n"
  "mark.source{background:rgba(46,194,126,.22);box-shadow:inset 0 -2px #2ec27e}\n"
  "mark.changed{text-decoration:underline wavy #c64600;text-decoration-skip-ink:none}\n"
  "mark.changed.confirmed{text-decoration:underline dotted #26a269}\n"
  "mark:target{outline:2px solid #1c1c1c}\n"
  ".ref{font-size:.68em;font-weight:700;font-style:normal;vertical-align:super;"
  "line-height:0;text-decoration:none;color:#1c1c1c;margin-right:.1em}\n"
  "@page{margin:18mm}\n"
  "@media print{"
  "body{max-width:none;margin:0;padding:0;font-size:10.5pt}"
  "a{color:inherit;text-decoration:none}"
  ".entry{break-inside:avoid}"
  "h2,h3{break-after:avoid}"
  "#article{break-before:page}"
  "mark,.verdict,.state,.entry{print-color-adjust:exact;-webkit-print-color-adjust:exact}"
  "}\n";

/* How append_escaped() treats each byte. */
enum
{
  PLAIN,    /* copied as it is */
  ENTITY,   /* one of the five characters markup gives a meaning */
  CONTROL,  /* a C0 control other than tab and line feed, or DEL */
  LEAD_C2,  /* may start a C1 control, U+0080 to U+009F */
  LEAD_EF,  /* may start U+FFFE or U+FFFF */
};

static const guint8 *
html_classes (void)
{
  static guint8 table[256];
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      for (guint c = 0; c < 0x20; c++)
        table[c] = CONTROL;
      table['\t'] = table['\n'] = PLAIN;
      table[0x7f] = CONTROL;
      table['&'] = table['<'] = table['>'] = table['"'] = table['\''] = ENTITY;
      table[0xc2] = LEAD_C2;
      table[0xef] = LEAD_EF;
      g_once_init_leave (&initialised, 1);
    }
  return table;
}

static const char *
entity (char c)
{
  switch (c)
    {
    case '&': return "&amp;";
    case '<': return "&lt;";
    case '>': return "&gt;";
    case '"': return "&quot;";
    default: return "&#39;";
    }
}

/* Appends @len bytes of @text as HTML text or attribute content. C0 and C1
 * controls other than tab and line feed, and the noncharacters U+FFFE and
 * U+FFFF, are not allowed in HTML and become U+FFFD, so the file never
 * fails to parse. The text is valid UTF-8; runs of bytes that need nothing
 * are copied at once, since most of a long article is such a run. */
static void
append_escaped (GString    *out,
                const char *text,
                gssize      len)
{
  const guint8 *classes = html_classes ();
  const guchar *p = (const guchar *) text;
  const guchar *end = p + (len < 0 ? strlen (text) : (gsize) len);

  while (p < end)
    {
      const guchar *run = p;
      gsize replaced = 0;

      while (p < end && classes[*p] == PLAIN)
        p++;
      g_string_append_len (out, (const char *) run, p - run);
      if (p == end)
        break;

      switch (classes[*p])
        {
        case ENTITY:
          g_string_append (out, entity (*p));
          p++;
          continue;
        case CONTROL:
          replaced = 1;
          break;
        case LEAD_C2:
          replaced = end - p > 1 && p[1] >= 0x80 && p[1] <= 0x9f ? 2 : 0;
          break;
        case LEAD_EF:
        default:
          replaced = end - p > 2 && p[1] == 0xbf && (p[2] == 0xbe || p[2] == 0xbf) ? 3 : 0;
          break;
        }
      if (replaced > 0)
        g_string_append (out, "\xef\xbf\xbd");
      else
        {
          /* The start of a character that is allowed. */
          g_string_append_c (out, (char) *p);
          replaced = 1;
        }
      p += replaced;
    }
}

static void append_all (GString    *out,
                        const char *first,
                        ...) G_GNUC_NULL_TERMINATED;

/* Appends the strings up to a NULL: several pieces of markup without a
 * printf. */
static void
append_all (GString    *out,
            const char *first,
            ...)
{
  va_list args;

  va_start (args, first);
  for (const char *piece = first; piece != NULL; piece = va_arg (args, const char *))
    g_string_append (out, piece);
  va_end (args);
}

static void
append_url (GString    *out,
            const char *url)
{
  if (fm_export_is_web_url (url))
    {
      g_string_append (out, "<a href=\"");
      append_escaped (out, url, -1);
      g_string_append (out, "\" rel=\"noopener noreferrer\">");
      append_escaped (out, url, -1);
      g_string_append (out, "</a>");
    }
  else
    {
      g_string_append (out, "<span class=\"url\">");
      append_escaped (out, url, -1);
      g_string_append (out, "</span>");
    }
}

/* An id made from what the exporter knows to be safe: the kind's machine
 * name and the entry's number, never a uuid from a file. */
static void
append_entry_id (GString       *out,
                 FmExportEntry *entry)
{
  g_string_append (out, fm_kind_to_string (fm_annotation_get_kind (entry->annotation)));
  g_string_append_c (out, '-');
  fm_export_append_uint (out, entry->number);
}

static const char *
kind_abbreviation (FmKind kind)
{
  switch (kind)
    {
    /* Translators: short for "Claim", shown before each claim in the
     * exported article, as in "C2". */
    case FM_KIND_CLAIM: return C_("abbreviation", "C");
    /* Translators: short for "Figure", as in "F1". */
    case FM_KIND_FIGURE: return C_("abbreviation", "F");
    /* Translators: short for "Source", as in "S3". */
    case FM_KIND_SOURCE: return C_("abbreviation", "S");
    default: g_assert_not_reached ();
    }
}

/* The page being written, with the page's own labels translated once, as
 * the context has those of kinds, verdicts and source types. */
typedef struct
{
  FmExportContext *ctx;
  GString         *out;
  const char      *abbreviations[FM_N_KINDS];
  const char      *position;
  const char      *not_found;
  const char      *link;
  const char      *value;
  const char      *sources;
  const char      *evidence;
  const char      *type;
  const char      *note;
} HtmlWriter;

static void
html_writer_init (HtmlWriter      *w,
                  FmExportContext *ctx,
                  GString         *out)
{
  w->ctx = ctx;
  w->out = out;
  for (guint k = 0; k < FM_N_KINDS; k++)
    w->abbreviations[k] = kind_abbreviation ((FmKind) k);
  w->position = _("Position");
  w->not_found = _("Not found in the current text");
  w->link = _("Link");
  w->value = _("Value");
  w->sources = _("Sources");
  w->evidence = _("Evidence");
  w->type = _("Type");
  w->note = _("Note");
}

/* Whether the entry has a mark in the article to link to: not without the
 * article, and never for an orphan, which has no place in it. */
static gboolean
has_mark (HtmlWriter    *w,
          FmExportEntry *entry)
{
  return w->ctx->options->with_text && !fm_annotation_is_orphan (entry->annotation);
}

/* Links to the entry's mark when there is one. */
static void
append_mark_link_open (HtmlWriter    *w,
                       FmExportEntry *entry)
{
  if (has_mark (w, entry))
    {
      g_string_append (w->out, "<a href=\"#mark-");
      append_entry_id (w->out, entry);
      g_string_append (w->out, "\">");
    }
}

static void
append_mark_link_close (HtmlWriter    *w,
                        FmExportEntry *entry)
{
  if (has_mark (w, entry))
    g_string_append (w->out, "</a>");
}

/* The class of an entry and its mark after an update of the text: the
 * state's machine name, and "confirmed" once someone has read a changed
 * entry's new words again, so a stylesheet can tell the two apart. */
static void
append_state_class (GString      *out,
                    FmAnnotation *a)
{
  FmAnchorState state = fm_annotation_get_state (a);

  if (fm_export_state_label (a) == NULL)
    return;
  append_all (out, " ", fm_anchor_state_to_string (state), NULL);
  if (state == FM_ANCHOR_CHANGED && fm_annotation_get_confirmed (a))
    g_string_append (out, " confirmed");
}

static void
append_entry_heading (HtmlWriter    *w,
                      FmExportEntry *entry)
{
  GString *out = w->out;
  FmAnnotation *a = entry->annotation;
  FmKind kind = fm_annotation_get_kind (a);
  const char *badge = fm_export_state_label (a);

  g_string_append (out, "<h3>");
  append_mark_link_open (w, entry);
  append_all (out, w->ctx->kind_labels[kind], " ", NULL);
  fm_export_append_uint (out, entry->number);
  append_mark_link_close (w, entry);
  if (kind == FM_KIND_SOURCE)
    {
      g_string_append (out, ": ");
      append_escaped (out, fm_annotation_get_display_name (a), -1);
    }
  else
    {
      FmVerdict verdict = fm_annotation_get_verdict (a);

      append_all (out, " <span class=\"verdict v-", fm_verdict_to_string (verdict), "\">",
                  w->ctx->verdict_labels[verdict], "</span>", NULL);
    }
  if (badge != NULL)
    {
      g_string_append (out, " <span class=\"state s-");
      append_all (out, fm_anchor_state_to_string (fm_annotation_get_state (a)), NULL);
      if (fm_annotation_get_state (a) == FM_ANCHOR_CHANGED && fm_annotation_get_confirmed (a))
        g_string_append (out, " s-confirmed");
      append_all (out, "\">", badge, "</span>", NULL);
    }
  g_string_append (out, "</h3>\n");
}

/* The quote the entry was first made on, when an update of the text
 * changed it: beside the badge for a changed entry, and kept for one found
 * again later, since its verdict may be about those words. */
static void
append_entry_original (FmAnnotation *a,
                       GString      *out)
{
  const char *original = fm_annotation_get_original_quote (a);
  const char *label;

  if (original == NULL)
    return;
  if (fm_export_state_label (a) != NULL)
    /* Translators: the quote a changed entry was first made on, in an
     * exported fact sheet. */
    label = C_("quote", "Was");
  else
    /* Translators: the quote an entry was first made on, when an
     * earlier update of the article's text changed it. */
    label = _("First marked as");
  append_all (out, "<dt>", label, "</dt><dd class=\"was\" dir=\"auto\">", NULL);
  append_escaped (out, original, -1);
  g_string_append (out, "</dd>\n");
}

static void
append_entry_position (HtmlWriter    *w,
                       FmExportEntry *entry)
{
  GString *out = w->out;

  append_all (out, "<dt>", w->position, "</dt><dd>", NULL);
  if (fm_annotation_is_orphan (entry->annotation))
    {
      append_all (out, w->not_found, "</dd>\n", NULL);
      return;
    }
  append_mark_link_open (w, entry);
  g_string_append_printf (out, _("line %u, column %u"), entry->line, entry->column);
  append_mark_link_close (w, entry);
  append_all (out, "</dd>\n<dt>", w->link, "</dt><dd class=\"link\">", NULL);
  append_escaped (out, entry->link, -1);
  g_string_append (out, "</dd>\n");
}

static void
append_entry_value (HtmlWriter   *w,
                    FmAnnotation *a)
{
  GString *out = w->out;
  g_autofree char *value = NULL;

  if (fm_annotation_get_kind (a) != FM_KIND_FIGURE || !fm_annotation_get_has_value (a))
    return;
  value = fm_export_format_value (fm_annotation_get_value (a));
  append_all (out, "<dt>", w->value, "</dt><dd>", value, NULL);
  if (fm_annotation_get_unit (a) != NULL)
    {
      g_string_append_c (out, ' ');
      append_escaped (out, fm_annotation_get_unit (a), -1);
    }
  g_string_append (out, "</dd>\n");
}

/* The sources a claim or figure is attributed to, each a link to its own
 * entry. */
static void
append_entry_sources (HtmlWriter   *w,
                      FmAnnotation *a)
{
  GString *out = w->out;
  GArray *sources = fm_annotation_get_sources (a);
  gboolean any = FALSE;

  for (guint i = 0; i < sources->len; i++)
    {
      FmExportEntry *source = fm_export_context_lookup (w->ctx, g_array_index (sources, gint64, i));

      if (source == NULL)
        continue;
      if (any)
        g_string_append (out, ", ");
      else
        append_all (out, "<dt>", w->sources, "</dt><dd>", NULL);
      any = TRUE;
      g_string_append (out, "<a href=\"#");
      append_entry_id (out, source);
      g_string_append (out, "\">");
      append_escaped (out, fm_annotation_get_display_name (source->annotation), -1);
      g_string_append (out, "</a>");
    }
  if (any)
    g_string_append (out, "</dd>\n");
}

static void
append_entry_evidence (HtmlWriter   *w,
                       FmAnnotation *a)
{
  GString *out = w->out;
  GPtrArray *evidence = fm_annotation_get_evidence (a);

  if (evidence->len == 0)
    return;
  append_all (out, "<dt>", w->evidence, "</dt><dd><ul>\n", NULL);
  for (guint i = 0; i < evidence->len; i++)
    {
      FmEvidence *item = g_ptr_array_index (evidence, i);

      g_string_append (out, "<li>");
      append_url (out, item->url);
      if (item->note != NULL)
        {
          g_string_append (out, " — <span class=\"note\" dir=\"auto\">");
          append_escaped (out, item->note, -1);
          g_string_append (out, "</span>");
        }
      g_string_append (out, "</li>\n");
    }
  g_string_append (out, "</ul></dd>\n");
}

static void
append_entry (HtmlWriter    *w,
              FmExportEntry *entry)
{
  GString *out = w->out;
  FmAnnotation *a = entry->annotation;
  FmKind kind = fm_annotation_get_kind (a);
  const char *note = fm_annotation_get_note (a);

  append_all (out, "<li class=\"entry ", fm_kind_to_string (kind), NULL);
  append_state_class (out, a);
  g_string_append (out, "\" id=\"");
  append_entry_id (out, entry);
  g_string_append (out, "\">\n");
  append_entry_heading (w, entry);
  g_string_append (out, "<blockquote dir=\"auto\">");
  append_escaped (out, fm_annotation_get_quote (a), -1);
  g_string_append (out, "</blockquote>\n<dl>\n");

  append_entry_original (a, out);
  append_entry_position (w, entry);
  if (kind == FM_KIND_SOURCE)
    {
      append_all (out, "<dt>", w->type, "</dt><dd>",
                  w->ctx->source_type_labels[fm_annotation_get_source_type (a)], "</dd>\n", NULL);
    }
  else
    {
      append_entry_value (w, a);
      append_entry_sources (w, a);
      append_entry_evidence (w, a);
    }

  if (note != NULL)
    {
      append_all (out, "<dt>", w->note, "</dt><dd class=\"note\" dir=\"auto\">", NULL);
      append_escaped (out, note, -1);
      g_string_append (out, "</dd>\n");
    }

  g_string_append (out, "</dl>\n</li>\n");
}

static void
open_mark (HtmlWriter    *w,
           FmExportEntry *entry,
           gboolean       first)
{
  GString *out = w->out;
  FmAnnotation *a = entry->annotation;
  FmKind kind = fm_annotation_get_kind (a);
  const char *badge = fm_export_state_label (a);

  /* Only a changed entry can have a badge here: an orphan has no mark. */
  append_all (out, "<mark class=\"", fm_kind_to_string (kind), NULL);
  append_state_class (out, a);
  g_string_append (out, "\" data-entry=\"");
  append_entry_id (out, entry);
  g_string_append_c (out, '"');
  if (first)
    {
      g_autoptr(GString) title = g_string_new (NULL);

      append_all (title, w->ctx->kind_labels[kind], " ", NULL);
      fm_export_append_uint (title, entry->number);
      if (kind != FM_KIND_SOURCE)
        append_all (title, " · ", w->ctx->verdict_labels[fm_annotation_get_verdict (a)], NULL);
      if (badge != NULL)
        append_all (title, " · ", badge, NULL);

      g_string_append (out, " id=\"mark-");
      append_entry_id (out, entry);
      g_string_append (out, "\" title=\"");
      append_escaped (out, title->str, -1);
      /* The label links back to the entry; it sits inside the mark, so it
       * never wraps text that another mark may need to wrap. */
      g_string_append (out, "\"><a class=\"ref\" href=\"#");
      append_entry_id (out, entry);
      append_all (out, "\">", w->abbreviations[kind], NULL);
      fm_export_append_uint (out, entry->number);
      g_string_append (out, "</a>");
    }
  else
    g_string_append_c (out, '>');
}

static int
compare_for_opening (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  FmExportContext *ctx = user_data;
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;
  glong xe = fm_annotation_get_end (FM_EXPORT_ENTRY (ctx, x)->annotation);
  glong ye = fm_annotation_get_end (FM_EXPORT_ENTRY (ctx, y)->annotation);

  /* The span that lasts longer opens first, so it is the outer one and
   * needs splitting less often; equal spans keep the sheet's order. */
  if (xe != ye)
    return xe > ye ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

static int
compare_offsets (gconstpointer a,
                 gconstpointer b)
{
  glong x = *(const glong *) a;
  glong y = *(const glong *) b;

  return x < y ? -1 : x > y ? 1 : 0;
}

/* Writes the text with every annotation in <mark> elements that nest
 * properly even where spans overlap: at each offset where a span ends, the
 * marks opened inside it are closed with it and opened again after, so one
 * annotation may become several marks. The first carries the id the sheet
 * links to; all carry data-entry naming their entry. */
static void
append_marked_text (HtmlWriter *w)
{
  FmExportContext *ctx = w->ctx;
  GString *out = w->out;
  const char *text = ctx->text;
  guint n = ctx->entries->len;
  g_autoptr(GArray) bounds = g_array_sized_new (FALSE, FALSE, sizeof (glong), 2 * n + 1);
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) opening = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree gboolean *opened = g_new0 (gboolean, MAX (n, 1));
  guint next = 0;
  const char *p = text;
  const char *text_end = text + strlen (text);
  glong offset = 0;

  /* Orphans have no place in the text and get no mark. */
  for (guint i = 0; i < n; i++)
    {
      FmAnnotation *a = FM_EXPORT_ENTRY (ctx, i)->annotation;
      glong start = fm_annotation_get_start (a);
      glong end = fm_annotation_get_end (a);

      if (fm_annotation_is_orphan (a))
        continue;
      g_array_append_val (bounds, start);
      g_array_append_val (bounds, end);
    }
  g_array_sort (bounds, compare_offsets);

  for (guint b = 0; b <= bounds->len; b++)
    {
      glong at = b < bounds->len ? g_array_index (bounds, glong, b) : -1;
      const char *q;
      guint lowest = G_MAXUINT;

      if (b > 0 && b < bounds->len && at == g_array_index (bounds, glong, b - 1))
        continue;

      /* The text up to this boundary, or to the end after the last. */
      q = at < 0 ? text_end : fm_text_skip (p, text_end, at - offset);
      append_escaped (out, p, q - p);
      p = q;
      offset = at;
      if (at < 0)
        break;

      /* Close every mark down to the outermost one that ends here; those
       * above it that go on are opened again below. */
      for (guint s = 0; s < stack->len; s++)
        {
          FmExportEntry *entry = FM_EXPORT_ENTRY (ctx, g_array_index (stack, guint, s));

          if (fm_annotation_get_end (entry->annotation) == at)
            {
              lowest = s;
              break;
            }
        }
      g_array_set_size (opening, 0);
      while (lowest != G_MAXUINT && stack->len > lowest)
        {
          guint top = g_array_index (stack, guint, stack->len - 1);

          g_string_append (out, "</mark>");
          g_array_set_size (stack, stack->len - 1);
          if (fm_annotation_get_end (FM_EXPORT_ENTRY (ctx, top)->annotation) != at)
            g_array_append_val (opening, top);
        }

      for (; next < n; next++)
        {
          FmAnnotation *a = FM_EXPORT_ENTRY (ctx, next)->annotation;

          if (fm_annotation_is_orphan (a))
            continue;
          if (fm_annotation_get_start (a) != at)
            break;
          g_array_append_val (opening, next);
        }

      g_array_sort_with_data (opening, compare_for_opening, ctx);
      for (guint o = 0; o < opening->len; o++)
        {
          guint index = g_array_index (opening, guint, o);

          open_mark (w, FM_EXPORT_ENTRY (ctx, index), !opened[index]);
          opened[index] = TRUE;
          g_array_append_val (stack, index);
        }
    }

  g_assert (stack->len == 0);
}

/* The policy allows the one style sheet by its digest, so not even an
 * inline style could be added, and nothing else at all. */
static char *
dup_policy (void)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autofree char *b64 = NULL;

  g_checksum_update (checksum, (const guchar *) style_sheet, strlen (style_sheet));
  g_checksum_get_digest (checksum, digest, &len);
  b64 = g_base64_encode (digest, len);
  return g_strdup_printf ("default-src 'none'; script-src 'none'; style-src 'sha256-%s'; "
                          "img-src 'none'; base-uri 'none'; form-action 'none'", b64);
}

static gboolean
is_language_tag (const char *lang)
{
  gsize len = lang != NULL ? strlen (lang) : 0;

  if (len == 0 || len > 35)
    return FALSE;
  for (const char *p = lang; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '-')
      return FALSE;
  return TRUE;
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
  /* The format holds one %s; escape only the value, never the label. */
  parts = g_strsplit (format, "%s", 2);
  g_string_append (out, parts[0]);
  append_escaped (out, value, -1);
  if (parts[1] != NULL)
    g_string_append (out, parts[1]);
}

gboolean
fm_export_html (FmExportContext  *ctx,
                GString          *out,
                GError          **error)
{
  g_autofree char *policy = dup_policy ();
  FmArticle *article = ctx->article;
  const char *title = fm_article_get_display_title (article);
  const char *url = fm_article_get_url (article);
  const char *lang = fm_article_get_lang (article);
  gboolean any = FALSE;
  HtmlWriter w;

  html_writer_init (&w, ctx, out);
  g_string_append (out, "<!DOCTYPE html>\n");
  /* Translators: the language code (BCP 47) of this translation, written
   * into exported HTML so browsers and screen readers know its language. */
  g_string_append_printf (out, "<html lang=\"%s\">\n<head>\n", C_("html lang", "en"));
  g_string_append (out, "<meta charset=\"utf-8\" />\n");
  g_string_append_printf (out, "<meta http-equiv=\"Content-Security-Policy\" content=\"%s\" />\n",
                          policy);
  g_string_append (out, "<meta name=\"referrer\" content=\"no-referrer\" />\n");
  g_string_append (out, "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\" />\n");
  g_string_append (out, "<title>");
  g_string_append (out, _("Fact sheet: "));
  append_escaped (out, title, -1);
  g_string_append (out, "</title>\n");
  g_string_append_printf (out, "<style>%s</style>\n", style_sheet);
  g_string_append (out, "</head>\n<body>\n<header>\n<h1>");
  append_escaped (out, title, -1);
  g_string_append (out, "</h1>\n<p class=\"meta\">");
  append_meta (out, "%s", fm_article_get_outlet (article), &any);
  /* Translators: the article's author in an exported fact sheet. */
  append_meta (out, _("By %s"), fm_article_get_author (article), &any);
  /* Translators: the article's date of publication, as the article gave it. */
  append_meta (out, _("Published %s"), fm_article_get_published (article), &any);
  if (any)
    g_string_append (out, " · ");
  /* %lld rather than G_GINT64_FORMAT, which xgettext cannot expand: the
   * message would be cut at the "%" and never found translated. */
  g_string_append_printf (out, ngettext ("%lld character", "%lld characters",
                                         (gulong) fm_article_get_length (article)),
                          (long long) fm_article_get_length (article));
  g_string_append (out, "</p>\n");
  if (url != NULL)
    {
      g_string_append (out, "<p class=\"url\">");
      append_url (out, url);
      g_string_append (out, "</p>\n");
    }
  g_string_append_printf (out, "<p class=\"about\">%s</p>\n",
                          _("Lines and columns count characters from 1; "
                            "the #char= links count them from 0 (RFC 5147)."));
  g_string_append (out, "</header>\n<main>\n");

  for (guint k = 0; k < FM_N_KINDS; k++)
    {
      g_string_append_printf (out, "<section id=\"%ss\">\n<h2>%s (%u)</h2>\n",
                              fm_kind_to_string (k), fm_kind_to_plural_label (k),
                              ctx->counts[k]);
      if (ctx->counts[k] == 0)
        g_string_append_printf (out, "<p class=\"none\">%s</p>\n", _("None."));
      else
        {
          g_string_append (out, "<ol class=\"entries\">\n");
          for (guint i = 0; i < ctx->entries->len; i++)
            {
              FmExportEntry *entry = FM_EXPORT_ENTRY (ctx, i);

              if (fm_annotation_get_kind (entry->annotation) == k)
                append_entry (&w, entry);
            }
          g_string_append (out, "</ol>\n");
        }
      g_string_append (out, "</section>\n");
    }

  if (ctx->options->with_text)
    {
      g_string_append_printf (out, "<section id=\"article\">\n<h2>%s</h2>\n", _("Article"));
      g_string_append_printf (out,
                              "<p class=\"legend\"><mark class=\"claim\">%s</mark> "
                              "<mark class=\"figure\">%s</mark> "
                              "<mark class=\"source\">%s</mark></p>\n",
                              ctx->kind_labels[FM_KIND_CLAIM], ctx->kind_labels[FM_KIND_FIGURE],
                              ctx->kind_labels[FM_KIND_SOURCE]);
      g_string_append (out, "<div class=\"text\" dir=\"auto\"");
      if (is_language_tag (lang))
        g_string_append_printf (out, " lang=\"%s\"", lang);
      g_string_append_c (out, '>');
      append_marked_text (&w);
      g_string_append (out, "</div>\n</section>\n");
    }

  g_string_append (out, "</main>\n</body>\n</html>\n");
  return TRUE;
}
