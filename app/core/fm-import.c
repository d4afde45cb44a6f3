/* fm-import.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-import"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fm-import.h"
#include "fm-text.h"
#include "fm-types.h"

/* A title taken from the text is its first line, when that line is short
 * enough to be a headline rather than a paragraph. */
#define MAX_TITLE_CHARS 160

static char *
guess_title (const char *text,
             const char *name)
{
  const char *p = text;

  while (*p == '\n' || *p == ' ' || *p == '\t')
    p++;

  if (*p)
    {
      const char *nl = strchr (p, '\n');
      g_autofree char *line = nl ? g_strndup (p, nl - p) : g_strdup (p);

      g_strstrip (line);
      if (*line && g_utf8_strlen (line, -1) <= MAX_TITLE_CHARS)
        return g_steal_pointer (&line);
    }

  if (name != NULL)
    {
      g_autofree char *base = g_path_get_basename (name);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      return g_steal_pointer (&base);
    }

  return NULL;
}

typedef enum
{
  META_NONE,
  META_TITLE,
  META_AUTHOR,
  META_PUBLISHED,
  META_URL,
  META_OUTLET,
} MetaField;

static const struct {
  const char *key;
  MetaField   field;
} meta_keys[] = {
  { "title", META_TITLE },
  { "headline", META_TITLE },
  { "by", META_AUTHOR },
  { "author", META_AUTHOR },
  { "byline", META_AUTHOR },
  { "published", META_PUBLISHED },
  { "date", META_PUBLISHED },
  { "source", META_URL },
  { "url", META_URL },
  { "link", META_URL },
  { "outlet", META_OUTLET },
  { "publication", META_OUTLET },
  { "site", META_OUTLET },
};

/* Reads one line of a leading metadata block: "Key: value", or "By Name"
 * and "date 2024-12-30" without a colon. */
static MetaField
parse_meta_line (const char  *line,
                 char       **value)
{
  for (guint i = 0; i < G_N_ELEMENTS (meta_keys); i++)
    {
      gsize klen = strlen (meta_keys[i].key);
      const char *rest;

      if (g_ascii_strncasecmp (line, meta_keys[i].key, klen) != 0)
        continue;
      rest = line + klen;
      if (*rest == ':')
        rest++;
      else if (*rest != ' ' || (meta_keys[i].field != META_AUTHOR
                                && meta_keys[i].field != META_PUBLISHED))
        continue;
      while (*rest == ' ' || *rest == '\t')
        rest++;
      if (*rest == '\0')
        continue;
      /* "Source: KCNA" names a source, not the page; only a URL counts. */
      if (meta_keys[i].field == META_URL && !g_str_has_prefix (rest, "http://")
          && !g_str_has_prefix (rest, "https://"))
        continue;
      /* "By" starting a sentence is prose; a byline is short. */
      if (meta_keys[i].field == META_AUTHOR && g_utf8_strlen (rest, -1) > 80)
        continue;
      if (meta_keys[i].field == META_PUBLISHED && !g_ascii_isdigit (*rest)
          && g_utf8_strlen (rest, -1) > 40)
        continue;
      *value = g_strstrip (g_strdup (rest));
      return meta_keys[i].field;
    }
  return META_NONE;
}

/* Takes the metadata block off the top of @text into @article, returning
 * where the text proper starts. */
static const char *
take_metadata_block (const char *text,
                     FmArticle  *article)
{
  const char *p = text;
  gboolean any = FALSE;

  for (;;)
    {
      const char *nl = strchr (p, '\n');
      g_autofree char *line = nl ? g_strndup (p, nl - p) : g_strdup (p);
      g_autofree char *value = NULL;
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

      field = parse_meta_line (line, &value);
      if (field == META_NONE)
        break;
      any = TRUE;
      switch (field)
        {
        case META_TITLE: fm_article_set_title (article, value); break;
        case META_AUTHOR: fm_article_set_author (article, value); break;
        case META_PUBLISHED: fm_article_set_published (article, value); break;
        case META_URL: fm_article_set_url (article, value); break;
        case META_OUTLET: fm_article_set_outlet (article, value); break;
        case META_NONE: default: break;
        }
      if (nl == NULL)
        return p + strlen (p);
      p = nl + 1;
    }

  if (!any)
    return text;
  while (*p == '\n')
    p++;
  return p;
}

/**
 * fm_import_data:
 * @data: the file's bytes
 * @name: (nullable): the file name, for messages and a fallback title
 * @encoding: (out) (optional): the encoding the text was read in
 *
 * Turns bytes into an article that is not yet stored: canonical text and
 * whatever metadata the input gives.
 */
FmArticle *
fm_import_data (const char  *data,
                gsize        len,
                const char  *name,
                char       **encoding,
                GError     **error)
{
  g_autoptr(FmArticle) article = NULL;
  g_autofree char *text = NULL;
  g_autofree char *title = NULL;
  const char *body;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  text = fm_text_canonicalize (data, len, error);
  if (text == NULL)
    return NULL;

  article = fm_article_new ();
  body = take_metadata_block (text, article);
  if (body != text)
    {
      /* The block is metadata, not part of what the user annotates. */
      g_autofree char *rest = fm_text_canonicalize (body, strlen (body), error);

      if (rest == NULL)
        return NULL;
      g_free (text);
      text = g_steal_pointer (&rest);
    }
  fm_article_set_text (article, text);
  if (fm_article_get_title (article) == NULL)
    {
      title = guess_title (text, name);
      fm_article_set_title (article, title);
    }

  if (encoding)
    *encoding = g_strdup ("UTF-8");

  return g_steal_pointer (&article);
}

FmArticle *
fm_import_file (GFile         *file,
                char         **encoding,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize len;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local);
  if (info == NULL)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND, _("Cannot read %s: %s"), name,
                   local->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID, _("%s is a folder, not a file"), name);
      return NULL;
    }
  if (g_file_info_get_size (info) > FM_MAX_TEXT_BYTES)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (FM_MAX_TEXT_BYTES);

      g_set_error (error, FM_ERROR, FM_ERROR_TOO_LARGE,
                   _("%s is %s, larger than the limit of %s"), name, size, limit);
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &len, NULL, &local))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND, _("Cannot read %s: %s"), name,
                   local->message);
      return NULL;
    }

  {
    FmArticle *article = fm_import_data (contents, len, name, encoding, &local);

    if (article == NULL)
      {
        g_set_error (error, local->domain, local->code, "%s: %s", name, local->message);
        return NULL;
      }
    return article;
  }
}
