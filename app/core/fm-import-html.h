/* fm-import-html.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* What a reader view finds in a saved web page: the article's text and the
 * metadata the page declares. Every string is UTF-8 or NULL when the page
 * does not say. The text has one paragraph, heading, list item or table row
 * per line, with a blank line between paragraphs; it is not yet canonical
 * (fm_text_canonicalize() does that). */
typedef struct
{
  char *title;
  char *author;
  char *published;
  char *outlet;
  char *url;
  char *lang;
  char *text;

  /* The page nests deeper than the parser follows, so its rest is lost. */
  gboolean cut_short;
} FmHtmlArticle;

gboolean       fm_html_looks_like_html  (const char     *data,
                                         gsize           len);
char          *fm_html_declared_charset (const char     *data,
                                         gsize           len);
FmHtmlArticle *fm_html_extract          (const char     *utf8,
                                         gsize           len,
                                         GError        **error);
void           fm_html_article_free     (FmHtmlArticle  *article);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FmHtmlArticle, fm_html_article_free)

G_END_DECLS
