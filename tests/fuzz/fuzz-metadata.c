/* fuzz-metadata.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fm-import.h"
#include "fuzz-article.h"

/* The metadata a text carries at its top: a block of "Title:", "By",
 * "Published:" lines, or YAML front matter between "---" lines, read by
 * fm_import_data_full() from text and Markdown. The first byte picks the
 * format so one corpus reaches both readers; the charset is given, so the
 * fuzzer spends its time in the parsers, not in the encoding guess. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) article = NULL;
  gboolean markdown;

  fuzz_init ();
  if (size < 1)
    return 0;

  markdown = data[0] & 1;
  article = fm_import_data_full ((const char *) data + 1, size - 1,
                                 markdown ? "article.md" : "article.txt",
                                 markdown ? "text/markdown; charset=utf-8"
                                          : "text/plain; charset=utf-8",
                                 NULL, NULL, &error);
  fuzz_check_error (article != NULL, error);
  if (article != NULL)
    fuzz_check_article (article);
  return 0;
}
