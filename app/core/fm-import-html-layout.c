/* fm-import-html-layout.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-import-html"

#include "config.h"

#include "fm-import-html-private.h"

#include <string.h>

/* Laying out the chosen element as reading text: one paragraph, heading,
 * list item or table row per line. */

/* Layout: the article as reading text. */

typedef struct
{
  GString *out;
  guint    pending;     /* newlines owed before the next text: 0, 1 or 2 */
  gboolean space;
  char    *prefix;      /* owed before the next text: a list marker */
  guint    pre;         /* depth inside <pre> */
  GArray  *lists;       /* per open list: -1 for bullets, else the item number */
  gboolean cell;        /* a cell was written on this row */
} Layout;

static const char *const paragraph_tags[] = {
  "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "figure",
  "figcaption", "blockquote", "address", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
  "dl", "table", "pre", "hr", "form", "fieldset", "details", "summary", "center",
  "caption", "hgroup", "legend", "menu", "dir", NULL
};

static const char *const line_tags[] = {
  "li", "tr", "dt", "dd", "option", NULL
};

static const char *const skipped_tags[] = {
  "script", "style", "noscript", "template", "head", "title", "select", "textarea",
  "button", "iframe", "object", "embed", "svg", "canvas", "video", "audio", "map",
  NULL
};

static void
layout_break (Layout *lay,
              guint   n)
{
  lay->pending = MAX (lay->pending, n);
  lay->space = FALSE;
}

static void
layout_flush (Layout *lay)
{
  if (lay->out->len > 0)
    {
      for (guint i = 0; i < lay->pending; i++)
        g_string_append_c (lay->out, '\n');
      if (lay->pending == 0 && lay->space)
        g_string_append_c (lay->out, ' ');
    }
  lay->pending = 0;
  lay->space = FALSE;
  if (lay->prefix != NULL)
    {
      g_string_append (lay->out, lay->prefix);
      g_clear_pointer (&lay->prefix, g_free);
    }
}

static void
layout_text (Layout     *lay,
             const char *s)
{
  if (lay->pre > 0)
    {
      /* Preformatted text keeps its spaces and lines; only a newline
       * right after the opening tag is dropped, as browsers do. */
      for (const char *p = s; *p != '\0'; p++)
        {
          if (*p == '\n' && (lay->pending > 0 || lay->out->len == 0))
            continue;
          if (lay->pending > 0 || lay->prefix != NULL)
            layout_flush (lay);
          g_string_append_c (lay->out, *p);
        }
      return;
    }

  for (const char *p = s; *p != '\0';)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      p = g_utf8_next_char (p);
      if (fm_html_is_space (c))
        {
          if (lay->out->len > 0 && lay->pending == 0)
            lay->space = TRUE;
          continue;
        }
      if (fm_html_is_invisible (c))
        continue;
      if (lay->pending > 0 || lay->space || lay->prefix != NULL)
        layout_flush (lay);
      g_string_append_unichar (lay->out, c);
    }
}

static void
layout_enter (Layout  *lay,
              xmlNode *node)
{
  const char *name = (const char *) node->name;

  if (strcmp (name, "br") == 0)
    {
      /* A line break in a line already broken opens an empty line. */
      layout_break (lay, lay->pending >= 1 ? 2 : 1);
      return;
    }
  if (strcmp (name, "pre") == 0)
    lay->pre++;
  if (strcmp (name, "ul") == 0 || strcmp (name, "ol") == 0 || strcmp (name, "menu") == 0
      || strcmp (name, "dir") == 0)
    {
      gint64 start = 0;

      if (strcmp (name, "ol") == 0)
        {
          const char *s = fm_html_attr (node, "start");

          start = s ? g_ascii_strtoll (s, NULL, 10) - 1 : 0;
          start = CLAMP (start, 0, G_MAXINT - 1);
        }
      else
        start = -1;
      g_array_append_val (lay->lists, start);
    }

  if (fm_html_name_in (name, paragraph_tags))
    layout_break (lay, 2);
  else if (fm_html_name_in (name, line_tags))
    layout_break (lay, 1);
  else if (strcmp (name, "td") == 0 || strcmp (name, "th") == 0)
    {
      if (lay->cell && lay->pending == 0)
        {
          /* Cells of one row stay on its line. */
          lay->space = FALSE;
          g_free (lay->prefix);
          lay->prefix = g_strdup ("\t");
        }
      lay->cell = TRUE;
    }

  if (strcmp (name, "tr") == 0)
    {
      /* A separator owed to an empty last cell does not carry over. */
      lay->cell = FALSE;
      g_clear_pointer (&lay->prefix, g_free);
    }

  if (strcmp (name, "li") == 0)
    {
      gint64 *number = lay->lists->len > 0
                       ? &g_array_index (lay->lists, gint64, lay->lists->len - 1) : NULL;

      g_free (lay->prefix);
      if (number != NULL && *number >= 0)
        lay->prefix = g_strdup_printf ("%" G_GINT64_FORMAT ". ", ++*number);
      else
        lay->prefix = g_strdup ("• ");
    }
}

static void
layout_leave (Layout  *lay,
              xmlNode *node)
{
  const char *name = (const char *) node->name;

  if (strcmp (name, "pre") == 0 && lay->pre > 0)
    lay->pre--;
  if ((strcmp (name, "ul") == 0 || strcmp (name, "ol") == 0 || strcmp (name, "menu") == 0
       || strcmp (name, "dir") == 0) && lay->lists->len > 0)
    g_array_set_size (lay->lists, lay->lists->len - 1);

  if (fm_html_name_in (name, paragraph_tags))
    layout_break (lay, 2);
  else if (fm_html_name_in (name, line_tags))
    layout_break (lay, 1);
  if (strcmp (name, "li") == 0 || strcmp (name, "tr") == 0)
    g_clear_pointer (&lay->prefix, g_free);
}

/* Drops spaces at the ends of lines and more than one empty line in a row,
 * which <pre> blocks and empty cells leave behind. Takes @text. */
static char *
tidy_lines (char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 1);
  guint newlines = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        {
          while (out->len > 0 && (out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '\t'))
            g_string_truncate (out, out->len - 1);
          newlines++;
          continue;
        }
      if (newlines > 0 && out->len > 0)
        g_string_append_len (out, "\n\n", MIN (newlines, 2));
      newlines = 0;
      g_string_append_c (out, *p);
    }
  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);
  g_free (text);
  return g_string_free (out, FALSE);
}

char *
fm_html_layout_article (xmlNode *root)
{
  Layout lay = { 0 };
  xmlNode *n = root;

  lay.out = g_string_new (NULL);
  lay.lists = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* An iterative walk that sees each element on the way in and out. */
  while (n != NULL)
    {
      gboolean descend = FALSE;

      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        {
          if (n->content != NULL)
            layout_text (&lay, (const char *) n->content);
        }
      else if (fm_html_is_element (n) && !fm_html_tag_in (n, skipped_tags))
        {
          layout_enter (&lay, n);
          descend = n->children != NULL;
          if (!descend)
            layout_leave (&lay, n);
        }

      if (descend)
        {
          n = n->children;
          continue;
        }
      while (n != root && n->next == NULL)
        {
          n = n->parent;
          layout_leave (&lay, n);
        }
      if (n == root)
        break;
      n = n->next;
    }

  g_free (lay.prefix);
  g_array_unref (lay.lists);
  return tidy_lines (g_string_free (lay.out, FALSE));
}

