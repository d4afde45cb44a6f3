/* fm-import-metadata.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-import"

#include "config.h"

#include "fm-import-private.h"

#include <string.h>

gboolean
fm_import_is_blank (const char *s)
{
  for (; *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

/* Metadata in text: a leading block of "Key: value" lines, or YAML front
 * matter. */

typedef enum
{
  META_NONE,
  META_TITLE,
  META_AUTHOR,
  META_PUBLISHED,
  META_URL,
  META_OUTLET,
  META_LANG,
} MetaField;

static const struct {
  const char *key;
  MetaField   field;
} meta_keys[] = {
  { "title", META_TITLE },
  { "headline", META_TITLE },
  { "by", META_AUTHOR },
  { "author", META_AUTHOR },
  { "authors", META_AUTHOR },
  { "byline", META_AUTHOR },
  { "writer", META_AUTHOR },
  { "reporter", META_AUTHOR },
  { "published", META_PUBLISHED },
  { "publication date", META_PUBLISHED },
  { "published on", META_PUBLISHED },
  { "date published", META_PUBLISHED },
  { "pubdate", META_PUBLISHED },
  { "date", META_PUBLISHED },
  { "source", META_URL },
  { "url", META_URL },
  { "link", META_URL },
  { "canonical", META_URL },
  { "outlet", META_OUTLET },
  { "publication", META_OUTLET },
  { "publisher", META_OUTLET },
  { "site", META_OUTLET },
  { "newspaper", META_OUTLET },
  { "language", META_LANG },
  { "lang", META_LANG },
};

static MetaField
field_for_key (const char *key,
               gsize       len)
{
  for (guint i = 0; i < G_N_ELEMENTS (meta_keys); i++)
    if (strlen (meta_keys[i].key) == len && g_ascii_strncasecmp (key, meta_keys[i].key, len) == 0)
      return meta_keys[i].field;
  return META_NONE;
}

/* Matches a date at the start of a string: 2024-12-30 (with an optional
 * time), 30.12.2024, 12/30/2024, "30 December 2024", "December 30, 2024". */
static gsize
match_date (const char *s)
{
  static GRegex *re = NULL;
  static gsize once = 0;
  g_autoptr(GMatchInfo) info = NULL;
  int end = 0;

  if (g_once_init_enter (&once))
    {
      re = g_regex_new ("^(\\d{4}-\\d{1,2}-\\d{1,2}(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?"
                        "(?:Z|[+-]\\d{2}:?\\d{2})?)?"
                        "|\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}"
                        "|\\d{1,2}\\.? [[:alpha:]]{3,9}\\.? \\d{4}"
                        "|[[:alpha:]]{3,9}\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4})",
                        G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&once, 1);
    }
  if (!g_regex_match (re, s, 0, &info))
    return 0;
  g_match_info_fetch_pos (info, 0, NULL, &end);
  return end;
}

/* Whether "By ..." is a byline rather than a sentence: short, starting with
 * a capital, mostly capitalized words, no full stop at the end. */
static gboolean
looks_like_byline (const char *value)
{
  g_auto(GStrv) words = NULL;
  guint n = 0;
  guint capitals = 0;

  if (!g_unichar_isupper (g_utf8_get_char (value)) || g_str_has_suffix (value, "."))
    return FALSE;
  words = g_strsplit (value, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      n++;
      if (g_unichar_isupper (g_utf8_get_char (words[i])))
        capitals++;
    }
  return n <= 10 && capitals * 2 >= n;
}

/* Reads one line of a leading metadata block: "Key: value", or "By Name"
 * and "date 2024-12-30" without a colon. A date without a colon may have
 * the text start on the same line: @rest then points there. */
static MetaField
parse_meta_line (const char  *line,
                 char       **value,
                 const char **rest)
{
  const char *p = line;
  const char *key_end;
  MetaField field;
  gboolean colon;
  g_autofree char *v = NULL;

  *rest = NULL;

  while (*p == '*' || *p == '_')
    p++;
  key_end = p;
  while (g_ascii_isalpha (*key_end) || (*key_end == ' ' && g_ascii_isalpha (key_end[1])
                                        && key_end - p < 20))
    key_end++;

  /* Try the longest key first: "Published on: ..." before "Published". */
  for (;;)
    {
      const char *after = key_end;

      field = field_for_key (p, key_end - p);
      if (field != META_NONE)
        {
          while (*after == '*' || *after == '_')
            after++;
          colon = *after == ':';
          if (colon || *after == ' ')
            {
              key_end = after;
              break;
            }
        }
      while (key_end > p && key_end[-1] != ' ')
        key_end--;
      if (key_end <= p)
        return META_NONE;
      key_end--;
    }

  p = key_end + (colon ? 1 : 0);
  while (*p == ' ' || *p == '\t' || *p == '*' || *p == '_')
    p++;
  if (*p == '\0')
    return META_NONE;

  if (!colon && field != META_AUTHOR && field != META_PUBLISHED)
    return META_NONE;

  if (field == META_PUBLISHED)
    {
      gsize d = match_date (p);

      if (d > 0 && p[d] != '\0')
        {
          /* "date 2024-12-30 North Korean leader...": the text follows. */
          *rest = p + d;
          while (**rest == ' ' || **rest == '\t')
            (*rest)++;
          if (**rest == '\0')
            *rest = NULL;
          *value = g_strndup (p, d);
          return field;
        }
      if (d == 0 && (!colon || g_utf8_strlen (p, -1) > 40))
        return META_NONE;
    }

  v = g_strstrip (g_strdup (p));
  while (*v && (v[strlen (v) - 1] == '*' || v[strlen (v) - 1] == '_'))
    v[strlen (v) - 1] = '\0';
  g_strstrip (v);
  if (*v == '\0')
    return META_NONE;

  /* "Source: KCNA" names a source, not the page; only a URL counts. */
  if (field == META_URL && !g_str_has_prefix (v, "http://") && !g_str_has_prefix (v, "https://"))
    return META_NONE;
  if (field == META_AUTHOR && (g_utf8_strlen (v, -1) > 80 || (!colon && !looks_like_byline (v))))
    return META_NONE;
  if (field == META_LANG && (strlen (v) > 35 || strchr (v, ' ') != NULL))
    return META_NONE;
  if ((field == META_TITLE || field == META_OUTLET) && g_utf8_strlen (v, -1) > 300)
    return META_NONE;

  *value = g_steal_pointer (&v);
  return field;
}

/* A metadata field is one line of text. YAML's double-quoted escapes can
 * put any byte in a value ("\r", "\377"), and a field with a line break or
 * a byte that is not UTF-8 breaks the library list, the CLI's one line per
 * article and every export (found by tests/fuzz/fuzz-metadata); so control
 * characters become spaces and the rest is made valid UTF-8. */
static char *
clean_field (const char *value)
{
  g_autofree char *valid = g_utf8_make_valid (value, -1);
  GString *s = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (s, ' ');
      else
        g_string_append_unichar (s, c);
    }
  return g_strstrip (g_string_free (s, FALSE));
}

static void
set_meta (FmArticle  *article,
          MetaField   field,
          const char *raw)
{
  g_autofree char *value = raw != NULL ? clean_field (raw) : NULL;

  /* Nothing but control characters says nothing. */
  if (value != NULL && *value == '\0')
    return;

  switch (field)
    {
    case META_TITLE:
      fm_article_set_title (article, value);
      break;
    case META_AUTHOR:
      fm_article_set_author (article, value);
      break;
    case META_PUBLISHED:
      fm_article_set_published (article, value);
      break;
    case META_URL:
      fm_article_set_url (article, value);
      break;
    case META_OUTLET:
      fm_article_set_outlet (article, value);
      break;
    case META_LANG:
      fm_article_set_lang (article, value);
      break;
    case META_NONE:
    default:
      break;
    }
}

/* Takes the metadata block off the top of @text into @article, returning
 * the text proper (newly allocated). */
char *
fm_import_take_metadata_block (const char *text,
                               FmArticle  *article)
{
  const char *p = text;
  gboolean any = FALSE;

  for (;;)
    {
      const char *nl = strchr (p, '\n');
      g_autofree char *line = nl ? g_strndup (p, nl - p) : g_strdup (p);
      g_autofree char *value = NULL;
      const char *rest = NULL;
      MetaField field;

      g_strstrip (line);
      if (*line == '\0')
        {
          if (!any && nl != NULL)
            {
              p = nl + 1;
              continue;
            }
          break;
        }

      field = parse_meta_line (line, &value, &rest);
      if (field == META_NONE)
        break;
      any = TRUE;
      set_meta (article, field, value);
      if (rest != NULL)
        {
          /* The text starts on this line, after the date. */
          return g_strconcat (rest, nl ? nl : "", NULL);
        }
      if (nl == NULL)
        return g_strdup ("");
      p = nl + 1;
    }

  if (!any)
    return g_strdup (text);
  while (*p == '\n')
    p++;
  return g_strdup (p);
}

static char *
unquote_yaml (const char *value)
{
  g_autofree char *v = g_strstrip (g_strdup (value));
  gsize len = strlen (v);

  if (len >= 2 && ((v[0] == '"' && v[len - 1] == '"') || (v[0] == '\'' && v[len - 1] == '\'')))
    {
      v[len - 1] = '\0';
      if (v[0] == '"')
        {
          char *inner = v + 1;
          gsize n = strlen (inner);
          gsize slashes = 0;

          /* g_strcompress() warns about a lone backslash at the end (found
           * by tests/fuzz/fuzz-metadata); such a backslash escapes
           * nothing, so it stays as it is. */
          while (slashes < n && inner[n - 1 - slashes] == '\\')
            slashes++;
          if (slashes % 2 == 1)
            {
              g_autofree char *head = g_strndup (inner, n - 1);
              g_autofree char *compressed = g_strcompress (head);

              return g_strconcat (compressed, "\\", NULL);
            }
          return g_strcompress (inner);
        }
      {
        /* In single quotes, '' is a quote. */
        g_autoptr(GString) s = g_string_new (v + 1);

        g_string_replace (s, "''", "'", 0);
        return g_strdup (s->str);
      }
    }
  if (len >= 2 && v[0] == '[' && v[len - 1] == ']')
    {
      /* A flow list: [Jane Doe, "John Roe"]. */
      g_auto(GStrv) items = NULL;
      g_autoptr(GString) s = g_string_new (NULL);

      v[len - 1] = '\0';
      items = g_strsplit (v + 1, ",", -1);
      for (guint i = 0; items[i] != NULL; i++)
        {
          g_autofree char *item = unquote_yaml (items[i]);

          if (*item == '\0')
            continue;
          if (s->len > 0)
            g_string_append (s, ", ");
          g_string_append (s, item);
        }
      return g_strdup (s->str);
    }
  return g_steal_pointer (&v);
}

/* Reads YAML front matter (--- ... --- at the very top) into @article and
 * returns the text after it, or NULL when there is none. Only top-level
 * "key: value" pairs and simple lists are read; the rest of YAML is not
 * article metadata. */
char *
fm_import_take_front_matter (const char *text,
                             FmArticle  *article)
{
  g_auto(GStrv) lines = NULL;
  const char *body;
  const char *close = NULL;
  MetaField list_field = META_NONE;
  g_autoptr(GString) list = NULL;
  guint i;

  if (!g_str_has_prefix (text, "---\n"))
    return NULL;

  /* The closing fence must come early; a lone --- far down is a rule. */
  for (const char *p = text + 4; *p != '\0' && p - text < 65536;)
    {
      const char *nl = strchr (p, '\n');
      gsize l = nl ? (gsize) (nl - p) : strlen (p);

      if ((l == 3 && (strncmp (p, "---", 3) == 0 || strncmp (p, "...", 3) == 0)))
        {
          close = p;
          break;
        }
      if (nl == NULL)
        break;
      p = nl + 1;
    }
  if (close == NULL)
    return NULL;

  body = close + 3;
  if (*body == '\n')
    body++;

  {
    g_autofree char *block = g_strndup (text + 4, close - (text + 4));

    lines = g_strsplit (block, "\n", -1);
  }

  list = g_string_new (NULL);
  for (i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *colon;
      MetaField field;

      if (list_field != META_NONE)
        {
          const char *item = line;

          while (*item == ' ')
            item++;
          if (*item == '-' && (item[1] == ' ' || item[1] == '\0'))
            {
              g_autofree char *v = unquote_yaml (item + 1);

              if (*v != '\0')
                {
                  if (list->len > 0)
                    g_string_append (list, ", ");
                  g_string_append (list, v);
                }
              continue;
            }
          if (list->len > 0)
            set_meta (article, list_field, list->str);
          g_string_truncate (list, 0);
          list_field = META_NONE;
        }

      if (*line == ' ' || *line == '\t' || *line == '#')
        continue;
      colon = strchr (line, ':');
      if (colon == NULL)
        continue;
      field = field_for_key (line, colon - line);
      if (field == META_NONE)
        continue;
      if (fm_import_is_blank (colon + 1))
        {
          /* The value is a block list on the following lines. */
          list_field = field;
          continue;
        }
      {
        g_autofree char *v = unquote_yaml (colon + 1);

        if (*v == '\0')
          continue;
        if (field == META_URL && !g_str_has_prefix (v, "http://")
            && !g_str_has_prefix (v, "https://"))
          continue;
        set_meta (article, field, v);
      }
    }
  if (list_field != META_NONE && list->len > 0)
    set_meta (article, list_field, list->str);

  return g_strdup (body);
}

/* Template markers: {{name}}, {{^flag}} ... {{/flag}}, {{{raw}}}, {% tag %}
 * left by a publishing system that did not fill them in. */
char *
fm_import_remove_template_markers (const char *text)
{
  static GRegex *re = NULL;
  static gsize once = 0;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (g_once_init_enter (&once))
    {
      re = g_regex_new ("\\{\\{\\{?[^{}\\n]{0,200}\\}?\\}\\}|\\{%[^\\n]{0,200}?%\\}",
                        G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&once, 1);
    }

  if (strstr (text, "{{") == NULL && strstr (text, "{%") == NULL)
    return g_strdup (text);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = NULL;

      if (!g_regex_match (re, lines[i], 0, NULL))
        {
          g_string_append (out, lines[i]);
          if (lines[i + 1] != NULL)
            g_string_append_c (out, '\n');
          continue;
        }

      line = g_regex_replace_literal (re, lines[i], -1, 0, "", 0, NULL);
      if (line == NULL)
        line = g_strdup (lines[i]);
      {
        /* Close the gap the marker leaves: "text. {{x}} More" has one space. */
        g_autoptr(GString) tidy = g_string_new (NULL);
        gboolean space = FALSE;

        for (const char *p = line; *p; p++)
          {
            if (*p == ' ' || *p == '\t')
              {
                space = TRUE;
                continue;
              }
            if (space && tidy->len > 0)
              g_string_append_c (tidy, ' ');
            space = FALSE;
            g_string_append_c (tidy, *p);
          }
        /* A line that held only markers goes entirely. */
        if (tidy->len == 0)
          continue;
        g_string_append (out, tidy->str);
        if (lines[i + 1] != NULL)
          g_string_append_c (out, '\n');
      }
    }
  /* Dropped lines leave their neighbours' blank lines behind: keep one. */
  while (strstr (out->str, "\n\n\n") != NULL)
    g_string_replace (out, "\n\n\n", "\n\n", 0);
  return g_strdup (out->str);
}
