/* fuzz-html.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fm-import-html.h"
#include "fm-import.h"
#include "fuzz-article.h"

/* HTML extraction: a saved page, hostile or broken, through the charset
 * sniffing and the reader view (libxml2's HTML parser, our walk of its
 * tree, the page's metadata and JSON-LD), as an import of "page.html"; and
 * fm_html_extract() on its own when the bytes are UTF-8. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_init ();

  {
    g_autofree char *charset = fm_html_declared_charset ((const char *) data, size);

    fuzz_check_field (charset, TRUE);
    (void) fm_html_looks_like_html ((const char *) data, size);
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FmArticle) article = fm_import_data_full ((const char *) data, size, "page.html",
                                                        NULL, NULL, NULL, &error);

    fuzz_check_error (article != NULL, error);
    if (article != NULL)
      fuzz_check_article (article);
  }

  if (g_utf8_validate_len ((const char *) data, size, NULL))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FmHtmlArticle) page = fm_html_extract ((const char *) data, size, &error);

      fuzz_check_error (page != NULL, error);
      if (page != NULL)
        {
          fuzz_check_field (page->title, FALSE);
          fuzz_check_field (page->author, FALSE);
          fuzz_check_field (page->url, FALSE);
          fuzz_check_field (page->text, FALSE);
        }
    }

  return 0;
}
