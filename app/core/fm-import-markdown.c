/* fm-import-markdown.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-import"

#include "config.h"

#include "fm-import-private.h"

#include <string.h>

/* Markdown: the text a reader of the rendered page sees. */

static GRegex *md_image;
static GRegex *md_link;
static GRegex *md_ref_link;
static GRegex *md_autolink;
static GRegex *md_html_tag;
static GRegex *md_heading;
static GRegex *md_rule;
static GRegex *md_bullet;
static GRegex *md_ordered;
static GRegex *md_ref_def;
static GRegex *md_table_sep;

static void
init_markdown (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      GRegexCompileFlags f = G_REGEX_OPTIMIZE;

      /* Every repeat is bounded, so that a paragraph of brackets or tags
       * that never close costs linear time. */
      md_image = g_regex_new ("!\\[[^\\]]{0,300}\\]\\([^)]{0,500}\\)"
                              "|!\\[[^\\]]{0,300}\\]\\[[^\\]]{0,300}\\]", f, 0, NULL);
      md_link = g_regex_new ("\\[([^\\]]{0,300})\\]\\([^)\\s]{0,500}"
                             "(?:\\s+\"[^\"]{0,300}\")?\\)", f, 0, NULL);
      md_ref_link = g_regex_new ("\\[([^\\]]{1,300})\\]\\[[^\\]]{0,300}\\]", f, 0, NULL);
      md_autolink = g_regex_new ("<((?:https?|ftp|mailto):[^>\\s]{1,500})>", f, 0, NULL);
      md_html_tag = g_regex_new ("</?(?:a|abbr|b|big|cite|code|del|dfn|em|font|i|ins|kbd|mark|"
                                 "q|s|samp|small|span|strike|strong|sub|sup|u|var)\\b[^>]{0,500}>"
                                 "|<!--.{0,500}?-->",
                                 f | G_REGEX_CASELESS, 0, NULL);
      md_heading = g_regex_new ("^ {0,3}#{1,6}(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$", f, 0, NULL);
      md_rule = g_regex_new ("^ {0,3}([-*_])(?:[ \\t]*\\1){2,}[ \\t]*$", f, 0, NULL);
      md_bullet = g_regex_new ("^[ \\t]*[-*+][ \\t]+(?:\\[[ xX]\\][ \\t]+)?(.*)$", f, 0, NULL);
      md_ordered = g_regex_new ("^[ \\t]*(\\d{1,9})[.)][ \\t]+(.*)$", f, 0, NULL);
      md_ref_def = g_regex_new ("^ {0,3}\\[[^\\]]+\\]:[ \\t]+\\S+.*$", f, 0, NULL);
      md_table_sep = g_regex_new ("^[ \\t]*\\|?[ \\t]*:?-{2,}:?[ \\t]*(\\|[ \\t]*:?-{2,}:?[ \\t]*)*"
                                  "\\|?[ \\t]*$",
                                  f, 0, NULL);
      g_once_init_leave (&once, 1);
    }
}

static char *
replace_regex (GRegex     *re,
               char       *text,
               const char *replacement)
{
  char *out = g_regex_replace (re, text, -1, 0, replacement, 0, NULL);

  if (out == NULL)
    return text;
  g_free (text);
  return out;
}

static gunichar
char_before (const char *text,
             const char *p)
{
  const char *prev = p > text ? g_utf8_find_prev_char (text, p) : NULL;

  return prev ? g_utf8_get_char (prev) : 0;
}

/* Removes emphasis delimiters (@delim on both sides of a phrase) in one
 * pass: a delimiter followed by a non-space opens, one preceded by a
 * non-space closes the nearest open one. @intraword says whether the
 * delimiter may sit inside a word, as * may and _ may not (snake_case).
 * Unpaired delimiters stay as they are. Takes @text. */
static char *
strip_emphasis (char       *text,
                const char *delim,
                gboolean    intraword)
{
  gsize dl = strlen (delim);
  g_autoptr(GArray) cut = g_array_new (FALSE, FALSE, sizeof (const char *));
  const char *open = NULL;
  GString *out;
  const char *p;

  for (p = strstr (text, delim); p != NULL; p = strstr (p, delim))
    {
      gunichar before = char_before (text, p);
      gunichar after = g_utf8_get_char (p + dl);
      gsize run = 0;

      /* A longer run of the same character ("***") is not this delimiter. */
      while (p[run] == delim[0])
        run++;
      if (run != dl || before == (gunichar) delim[0])
        {
          p += run;
          continue;
        }

      if (open != NULL && before != 0 && !g_unichar_isspace (before)
          && (intraword || !g_unichar_isalnum (after)))
        {
          g_array_append_val (cut, open);
          g_array_append_val (cut, p);
          open = NULL;
        }
      else if (after != 0 && !g_unichar_isspace (after)
               && (intraword || !g_unichar_isalnum (before)))
        open = p;
      p += dl;
    }

  if (cut->len == 0)
    return text;

  out = g_string_sized_new (strlen (text));
  p = text;
  for (guint i = 0; i < cut->len; i++)
    {
      const char *c = g_array_index (cut, const char *, i);

      g_string_append_len (out, p, c - p);
      p = c + dl;
    }
  g_string_append (out, p);
  g_free (text);
  return g_string_free (out, FALSE);
}

/* Escaped punctuation is hidden in the Private Use Area while the markup
 * is stripped, so that "\*" stays a star. */
#define ESCAPE_BASE 0xF0000

static char *
md_inline_plain (const char *segment)
{
  GString *s = g_string_new (NULL);
  char *text;

  for (const char *p = segment; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0' && g_ascii_ispunct (p[1]))
        {
          g_string_append_unichar (s, ESCAPE_BASE + (guchar) p[1]);
          p++;
          continue;
        }
      g_string_append_c (s, *p);
    }
  text = g_string_free (s, FALSE);

  text = replace_regex (md_image, text, "");
  text = replace_regex (md_link, text, "\\1");
  text = replace_regex (md_ref_link, text, "\\1");
  text = replace_regex (md_autolink, text, "\\1");
  text = replace_regex (md_html_tag, text, "");
  text = strip_emphasis (text, "***", TRUE);
  text = strip_emphasis (text, "___", FALSE);
  text = strip_emphasis (text, "**", TRUE);
  text = strip_emphasis (text, "__", FALSE);
  text = strip_emphasis (text, "~~", TRUE);
  text = strip_emphasis (text, "*", TRUE);
  text = strip_emphasis (text, "_", FALSE);

  {
    GString *out = g_string_new (NULL);

    for (const char *p = text; *p; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (c >= ESCAPE_BASE && c < ESCAPE_BASE + 0x80)
          g_string_append_c (out, (char) (c - ESCAPE_BASE));
        else
          g_string_append_unichar (out, c);
      }
    g_free (text);
    return g_string_free (out, FALSE);
  }
}

/* Inline markup of one paragraph: code spans are kept as they are, the
 * rest loses its markup. */
static void
md_inline (GString    *out,
           const char *text)
{
  const char *p = text;

  while (*p)
    {
      const char *tick = strchr (p, '`');
      const char *close = NULL;
      gsize run = 0;

      if (tick != NULL)
        {
          g_autofree char *fence = NULL;

          while (tick[run] == '`')
            run++;
          fence = g_strndup (tick, run);
          close = strstr (tick + run, fence);
        }
      if (tick == NULL || close == NULL)
        {
          g_autofree char *plain = md_inline_plain (p);

          g_string_append (out, plain);
          return;
        }
      {
        g_autofree char *before = g_strndup (p, tick - p);
        g_autofree char *plain = md_inline_plain (before);
        g_autofree char *code = g_strndup (tick + run, close - (tick + run));

        g_string_append (out, plain);
        g_string_append (out, g_strstrip (code));
      }
      p = close + run;
    }
}

typedef struct
{
  GString *out;
  GString *para;        /* the paragraph being gathered */
  gboolean para_item;   /* the paragraph is a list item */
  gboolean last_item;   /* the last block written was a list item */
  gboolean gap;         /* a blank line came since the last block */
} Markdown;

static void
md_flush (Markdown *md)
{
  g_autoptr(GString) inline_text = g_string_new (NULL);

  md_inline (inline_text, md->para->str);
  g_string_truncate (md->para, 0);
  while (inline_text->len > 0 && g_ascii_isspace (inline_text->str[inline_text->len - 1]))
    g_string_truncate (inline_text, inline_text->len - 1);
  if (inline_text->len == 0)
    {
      /* An image alone, say: nothing a reader reads. */
      md->para_item = FALSE;
      return;
    }
  /* Items of one list go line by line; anything else is a paragraph. */
  if (md->out->len > 0)
    g_string_append (md->out, md->para_item && md->last_item && !md->gap ? "\n" : "\n\n");
  g_string_append (md->out, inline_text->str);
  md->last_item = md->para_item;
  md->para_item = FALSE;
  md->gap = FALSE;
}

static void
md_block (Markdown   *md,
          const char *text,
          gboolean    item)
{
  md_flush (md);
  g_string_append (md->para, text);
  md->para_item = item;
  md_flush (md);
}

static const char *
skip_blanks (const char *s)
{
  while (*s == ' ' || *s == '\t')
    s++;
  return s;
}

static gboolean
is_fence (const char *line)
{
  const char *s = line;

  while (*s == ' ' && s - line < 3)
    s++;
  return g_str_has_prefix (s, "```") || g_str_has_prefix (s, "~~~");
}

/* Fenced code from lines[*i] is kept verbatim, as one block; *i ends on
 * the closing fence. */
static void
md_fenced_code (Markdown  *md,
                char     **lines,
                guint     *i)
{
  g_autoptr(GString) code = g_string_new (NULL);

  md_flush (md);
  while (lines[*i + 1] != NULL && !is_fence (lines[*i + 1]))
    {
      if (code->len > 0)
        g_string_append_c (code, '\n');
      g_string_append (code, lines[++*i]);
    }
  if (lines[*i + 1] != NULL)
    ++*i;
  if (!fm_import_is_blank (code->str))
    {
      if (md->out->len > 0)
        g_string_append (md->out, "\n\n");
      g_string_append (md->out, code->str);
      md->last_item = FALSE;
      md->gap = FALSE;
    }
}

/* A heading, a bullet or a numbered item; FALSE when @q is none of them. */
static gboolean
md_heading_or_item (Markdown   *md,
                    const char *q)
{
  g_autoptr(GMatchInfo) m = NULL;

  if (g_regex_match (md_heading, q, 0, &m))
    {
      g_autofree char *h = g_match_info_fetch (m, 1);

      if (h != NULL && *h != '\0')
        md_block (md, h, FALSE);
      else
        md_flush (md);
      return TRUE;
    }
  g_clear_pointer (&m, g_match_info_free);
  if (g_regex_match (md_bullet, q, 0, &m))
    {
      g_autofree char *item = g_match_info_fetch (m, 1);

      md_flush (md);
      g_string_append (md->para, "• ");
      g_string_append (md->para, item);
      md->para_item = TRUE;
      return TRUE;
    }
  g_clear_pointer (&m, g_match_info_free);
  if (g_regex_match (md_ordered, q, 0, &m))
    {
      g_autofree char *num = g_match_info_fetch (m, 1);
      g_autofree char *item = g_match_info_fetch (m, 2);

      md_flush (md);
      g_string_append_printf (md->para, "%s. %s", num, item);
      md->para_item = TRUE;
      return TRUE;
    }
  return FALSE;
}

/* A table row: its cells, separated by tabs, as a line of its own. */
static void
md_table_row (Markdown   *md,
              const char *q)
{
  g_autofree char *row = g_strstrip (g_strdup (q));
  g_auto(GStrv) cells = NULL;
  g_autoptr(GString) joined = g_string_new (NULL);
  gsize rl = strlen (row);

  if (rl > 1 && row[rl - 1] == '|')
    row[rl - 1] = '\0';
  cells = g_strsplit (row + 1, "|", -1);
  for (guint c = 0; cells[c] != NULL; c++)
    {
      if (c > 0)
        g_string_append_c (joined, '\t');
      g_string_append (joined, g_strstrip (cells[c]));
    }
  md_flush (md);
  g_string_append (md->para, joined->str);
  md->para_item = TRUE;
  md_flush (md);
}

/* A paragraph line: soft line breaks join, hard ones (two spaces or a
 * backslash at the end) stay. */
static void
md_paragraph_line (Markdown   *md,
                   const char *q)
{
  g_autofree char *content = g_strdup (q);
  gsize cl = strlen (content);
  gboolean hard = (cl >= 2 && content[cl - 1] == ' ' && content[cl - 2] == ' ')
                  || content[cl - 1] == '\\';

  if (content[cl - 1] == '\\')
    content[cl - 1] = '\0';
  g_strstrip (content);
  if (md->para->len > 0 && md->para->str[md->para->len - 1] != '\n')
    g_string_append_c (md->para, ' ');
  g_string_append (md->para, content);
  if (hard)
    g_string_append_c (md->para, '\n');
}

/* Reduces Markdown to the text a reader of the rendered page sees, one
 * line at a time. */
char *
fm_import_reduce_markdown (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  Markdown md = { 0 };

  init_markdown ();
  md.out = g_string_new (NULL);
  md.para = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *q = line;
      gsize ql;

      if (is_fence (line))
        {
          md_fenced_code (&md, lines, &i);
          continue;
        }

      /* Block quotes read as their content. */
      while (*q == ' ' && q - line < 3)
        q++;
      while (*q == '>')
        {
          q++;
          if (*q == ' ')
            q++;
        }

      if (fm_import_is_blank (q))
        {
          md_flush (&md);
          md.gap = TRUE;
          continue;
        }
      ql = strlen (q);

      /* A setext heading's underline ends the paragraph above it, and a
       * rule any paragraph. */
      if ((md.para->len > 0 && !md.para_item
           && (strspn (q, "=") == ql || (strspn (q, "-") == ql && ql >= 2)))
          || g_regex_match (md_rule, q, 0, NULL))
        md_flush (&md);
      else if (g_regex_match (md_ref_def, q, 0, NULL) || md_heading_or_item (&md, q)
               || (strchr (q, '|') != NULL && g_regex_match (md_table_sep, q, 0, NULL)))
        continue;
      else if (*skip_blanks (q) == '|')
        md_table_row (&md, q);
      else
        md_paragraph_line (&md, q);
    }
  md_flush (&md);
  g_string_free (md.para, TRUE);
  return g_string_free (md.out, FALSE);
}
