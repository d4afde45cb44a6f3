/* fm-export-markdown.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-export-markdown"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fm-export-private.h"
#include "fm-text.h"
#include "fm-types.h"

/* A sheet to paste into a CMS or a chat. Everything that comes from the
 * article or the user is escaped so that it reads as the text it is in any
 * CommonMark renderer, GitHub's included: no emphasis, link, HTML, heading,
 * list, table, strikethrough or math can start inside a quote or a note. */

/* Characters with an inline meaning somewhere: CommonMark's own, GFM's "~"
 * and "|", and "$", which GitHub reads as the start of a formula. Any ASCII
 * punctuation may be backslash-escaped, so escaping these is always safe. */
static const char inline_specials[] = "\\`*_[]<>&~|#$";

/* inline_specials as a table, which a long quote is checked against byte by
 * byte. */
static gboolean
is_inline_special (guchar c)
{
  static gboolean table[256];
  static gsize initialised;

  if (g_once_init_enter (&initialised))
    {
      for (const char *p = inline_specials; *p != '\0'; p++)
        table[(guchar) *p] = TRUE;
      g_once_init_leave (&initialised, 1);
    }
  return table[c];
}

static void
escape_span (GString    *out,
             const char *text,
             gsize       len,
             gboolean    at_line_start)
{
  const char *p = text;
  const char *end = text + len;

  if (at_line_start)
    {
      /* Leading blanks would make an indented code block, and Markdown
       * drops them from a paragraph line anyway. */
      while (p < end && (*p == ' ' || *p == '\t'))
        p++;

      /* A block quote, a list item, or a setext underline. */
      if (p < end && (*p == '>' || *p == '-' || *p == '+' || *p == '='))
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p++);
        }
      else if (p < end && g_ascii_isdigit (*p))
        {
          /* An ordered list item: "1961. The span…". */
          const char *q = p;

          while (q < end && g_ascii_isdigit (*q))
            q++;
          if (q < end && (*q == '.' || *q == ')'))
            {
              g_string_append_len (out, p, q - p);
              g_string_append_c (out, '\\');
              g_string_append_c (out, *q);
              p = q + 1;
            }
        }
    }

  while (p < end)
    {
      const char *run = p;

      while (p < end && !is_inline_special (*p))
        p++;
      g_string_append_len (out, run, p - run);
      if (p < end)
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, *p++);
        }
    }
}

/* Appends @text on one line, its line breaks read as spaces: for names and
 * headings, which cannot span lines. */
static void
escape_inline (GString    *out,
               const char *text)
{
  g_autofree char *flat = g_strdup (text);

  g_strdelimit (flat, "\n\r\t", ' ');
  g_strstrip (flat);
  escape_span (out, flat, strlen (flat), FALSE);
}

/* Appends @text keeping its lines: the first follows what @out holds, each
 * later one starts with @prefix. Lines that follow one another end in a
 * backslash, CommonMark's hard line break, so they do not run together. */
static void
escape_block (GString    *out,
              const char *text,
              gboolean    first_at_line_start,
              const char *prefix)
{
  g_auto(GStrv) lines = NULL;
  guint n;

  g_assert (text != NULL);

  lines = g_strsplit (text, "\n", -1);
  n = g_strv_length (lines);
  for (guint i = 0; i < n; i++)
    {
      char *line = lines[i];
      gsize len;

      /* Trailing blanks can form a hard break of their own. */
      g_strchomp (line);
      len = strlen (line);

      if (i > 0)
        {
          g_string_append_c (out, '\n');
          g_string_append (out, prefix);
          /* An empty quote line is just ">"; a trailing blank after it
           * would be invisible noise. */
          if (len == 0)
            {
              while (out->len > 0 && out->str[out->len - 1] == ' ')
                g_string_truncate (out, out->len - 1);
            }
        }
      escape_span (out, line, len, i > 0 || first_at_line_start);
      if (len > 0 && i + 1 < n && lines[i + 1][strspn (lines[i + 1], " \t")] != '\0')
        g_string_append_c (out, '\\');
    }
}

/* Appends @text as a code span, which shows it literally: no escape,
 * emphasis or autolink works inside one. The fence is one backtick longer
 * than the longest run in the text, and a space pads a text that starts or
 * ends with a backtick, as CommonMark asks. */
static void
append_code_span (GString    *out,
                  const char *text)
{
  g_autofree char *flat = g_strdup (text);
  guint longest = 0;
  guint run = 0;
  gboolean pad;

  /* An empty span would be two literal backticks. */
  if (*flat == '\0')
    return;

  g_strdelimit (flat, "\n\r", ' ');
  for (const char *p = flat; *p != '\0'; p++)
    {
      run = *p == '`' ? run + 1 : 0;
      longest = MAX (longest, run);
    }
  pad = flat[0] == '`' || flat[strlen (flat) - 1] == '`';

  for (guint i = 0; i <= longest; i++)
    g_string_append_c (out, '`');
  if (pad)
    g_string_append_c (out, ' ');
  g_string_append (out, flat);
  if (pad)
    g_string_append_c (out, ' ');
  for (guint i = 0; i <= longest; i++)
    g_string_append_c (out, '`');
}

/* A web URL becomes an autolink. Anything else is shown as code, never as a
 * link: as escaped text, GitHub's extended autolinks would still turn the
 * "https://…" inside a URL that is really markup into a link. */
static void
append_url (GString    *out,
            const char *url)
{
  if (fm_export_is_web_url (url))
    g_string_append_printf (out, "<%s>", url);
  else
    append_code_span (out, url);
}

static void
append_item (GString    *out,
             const char *label)
{
  g_string_append (out, "- **");
  g_string_append (out, label);
  g_string_append (out, "** ");
}

/* Appends "“text”" on one line: an earlier quote beside the current one. */
static void
append_quoted (GString    *out,
               const char *text)
{
  g_string_append (out, "“");
  escape_inline (out, text);
  g_string_append (out, "”");
}

/* What became of the entry when the article's text was updated: a changed
 * entry says whether it has been confirmed since and shows the quote it was
 * first made on, an orphan says it has no
 * place in the text (it has no position to give either). An entry found
 * again unchanged or moved needs no marker, but shows its first quote if
 * an earlier update had changed it. */
static void
append_state (GString      *out,
              FmAnnotation *a)
{
  const char *original = fm_annotation_get_original_quote (a);

  switch (fm_annotation_get_state (a))
    {
    case FM_ANCHOR_CHANGED:
      /* Whether someone has read the new words since: a verdict given on
       * other words may no longer be about what the article says. */
      append_item (out, fm_export_state_label (a));
      if (original != NULL)
        {
          /* Translators: followed by the quote an entry was first made
           * on, as in "Changed — was: “…”". */
          g_string_append_printf (out, "— %s ", _("was:"));
          append_quoted (out, original);
        }
      g_string_append_c (out, '\n');
      break;

    case FM_ANCHOR_ORPHANED:
      append_item (out, fm_export_state_label (a));
      g_string_append_printf (out, "— %s", _("not found in the current text"));
      if (original != NULL)
        {
          g_string_append_printf (out, " — %s ", _("was:"));
          append_quoted (out, original);
        }
      g_string_append_c (out, '\n');
      break;

    case FM_ANCHOR_UNCHANGED:
    case FM_ANCHOR_MOVED:
    default:
      if (original != NULL)
        {
          append_item (out, _("First marked as:"));
          append_quoted (out, original);
          g_string_append_c (out, '\n');
        }
      break;
    }
}

static void
append_entry (FmExportContext *ctx,
              FmExportEntry   *entry,
              GString         *out)
{
  FmAnnotation *a = entry->annotation;
  FmKind kind = fm_annotation_get_kind (a);
  const char *note = fm_annotation_get_note (a);

  g_string_append (out, "### ");
  g_string_append (out, ctx->kind_labels[kind]);
  g_string_append_c (out, ' ');
  fm_export_append_uint (out, entry->number);
  if (kind == FM_KIND_SOURCE)
    {
      g_string_append (out, ": ");
      escape_inline (out, fm_annotation_get_display_name (a));
    }
  else
    {
      g_string_append (out, " · ");
      g_string_append (out, ctx->verdict_labels[fm_annotation_get_verdict (a)]);
    }
  g_string_append (out, "\n\n> ");
  escape_block (out, fm_annotation_get_quote (a), TRUE, "> ");
  g_string_append (out, "\n\n");

  append_state (out, a);
  if (!fm_annotation_is_orphan (a))
    {
      append_item (out, _("Position:"));
      g_string_append_printf (out, _("line %u, column %u"), entry->line, entry->column);
      g_string_append (out, " · ");
      append_url (out, entry->link);
      g_string_append_c (out, '\n');
    }

  if (kind == FM_KIND_SOURCE)
    {
      append_item (out, _("Type:"));
      g_string_append (out, ctx->source_type_labels[fm_annotation_get_source_type (a)]);
      g_string_append_c (out, '\n');
    }
  else
    {
      g_autoptr(GPtrArray) names = fm_export_source_names (ctx, a);
      GPtrArray *evidence = fm_annotation_get_evidence (a);

      append_item (out, _("Verdict:"));
      g_string_append (out, ctx->verdict_labels[fm_annotation_get_verdict (a)]);
      g_string_append_c (out, '\n');

      if (kind == FM_KIND_FIGURE && fm_annotation_get_has_value (a))
        {
          g_autofree char *value = fm_export_format_value (fm_annotation_get_value (a));

          append_item (out, _("Value:"));
          g_string_append (out, value);
          if (fm_annotation_get_unit (a) != NULL)
            {
              g_string_append_c (out, ' ');
              escape_inline (out, fm_annotation_get_unit (a));
            }
          g_string_append_c (out, '\n');
        }

      if (names->len > 0)
        {
          append_item (out, _("Sources:"));
          for (guint i = 0; i < names->len; i++)
            {
              if (i > 0)
                g_string_append (out, "; ");
              escape_inline (out, g_ptr_array_index (names, i));
            }
          g_string_append_c (out, '\n');
        }

      if (evidence->len > 0)
        {
          g_string_append_printf (out, "- **%s**\n", _("Evidence:"));
          for (guint i = 0; i < evidence->len; i++)
            {
              FmEvidence *item = g_ptr_array_index (evidence, i);

              g_string_append (out, "  - ");
              append_url (out, item->url);
              if (item->note != NULL)
                {
                  g_string_append (out, " — ");
                  escape_block (out, item->note, FALSE, "    ");
                }
              g_string_append_c (out, '\n');
            }
        }
    }

  if (note != NULL)
    {
      append_item (out, _("Note:"));
      escape_block (out, note, FALSE, "  ");
      g_string_append_c (out, '\n');
    }

  g_string_append_c (out, '\n');
}

static void
append_meta (GString    *out,
             const char *label,
             const char *value)
{
  if (value == NULL)
    return;
  append_item (out, label);
  escape_inline (out, value);
  g_string_append_c (out, '\n');
}

gboolean
fm_export_markdown (FmExportContext  *ctx,
                    GString          *out,
                    GError          **error)
{
  FmArticle *article = ctx->article;
  const char *url = fm_article_get_url (article);

  g_string_append (out, "# ");
  /* Translators: starts the heading of an exported fact sheet; the
   * article's title follows. */
  g_string_append (out, _("Fact sheet: "));
  escape_inline (out, fm_article_get_display_title (article));
  g_string_append (out, "\n\n");

  append_meta (out, _("Outlet:"), fm_article_get_outlet (article));
  append_meta (out, _("Author:"), fm_article_get_author (article));
  append_meta (out, _("Published:"), fm_article_get_published (article));
  if (url != NULL)
    {
      append_item (out, _("URL:"));
      append_url (out, url);
      g_string_append_c (out, '\n');
    }
  append_item (out, _("Length:"));
  /* %lld rather than G_GINT64_FORMAT, which xgettext cannot expand: the
   * message would be cut at the "%" and never found translated. */
  g_string_append_printf (out, ngettext ("%lld character", "%lld characters",
                                         (gulong) fm_article_get_length (article)),
                          (long long) fm_article_get_length (article));
  g_string_append_c (out, '\n');

  g_string_append_c (out, '\n');
  g_string_append (out, _("Lines and columns count characters from 1; "
                          "the #char= links count them from 0 (RFC 5147)."));
  g_string_append (out, "\n\n");

  for (guint k = 0; k < FM_N_KINDS; k++)
    {
      g_string_append_printf (out, "## %s (%u)\n\n", fm_kind_to_plural_label (k), ctx->counts[k]);
      if (ctx->counts[k] == 0)
        g_string_append_printf (out, "*%s*\n\n", _("None."));

      for (guint i = 0; i < ctx->entries->len; i++)
        {
          FmExportEntry *entry = FM_EXPORT_ENTRY (ctx, i);

          if (fm_annotation_get_kind (entry->annotation) == k)
            append_entry (ctx, entry, out);
        }
    }

  /* One final newline, not a blank line. */
  while (out->len > 1 && out->str[out->len - 1] == '\n' && out->str[out->len - 2] == '\n')
    g_string_truncate (out, out->len - 1);

  return TRUE;
}
