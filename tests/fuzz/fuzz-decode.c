/* fuzz-decode.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fm-import.h"
#include "fm-text.h"
#include "fuzz-article.h"

/* Plain-text decoding: any bytes named "input.txt", through the sniffing of
 * binary files, the encoding guess (UTF-8, UTF-16 with or without a BOM,
 * Windows-1252, legacy charsets) and canonicalisation; and the same bytes
 * straight into fm_text_canonicalize(), which only takes UTF-8. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_init ();

  {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = fm_text_canonicalize ((const char *) data, size, &error);

    fuzz_check_error (text != NULL, error);
    if (text != NULL)
      {
        g_assert_true (fm_text_is_canonical (text));
        g_assert_null (memchr (text, '\0', strlen (text)));
      }
  }

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(FmImportReport) report = NULL;
    g_autoptr(FmArticle) article = fm_import_data_full ((const char *) data, size, "input.txt",
                                                        NULL, &report, NULL, &error);

    fuzz_check_error (article != NULL, error);
    if (article != NULL)
      {
        fuzz_check_article (article);
        g_assert_nonnull (report);
        fuzz_check_field (report->encoding, TRUE);
        for (guint i = 0; i < report->warnings->len; i++)
          fuzz_check_field (g_ptr_array_index (report->warnings, i), FALSE);
      }
  }

  return 0;
}
