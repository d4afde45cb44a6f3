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
 * Windows-1252, legacy charsets), the refusal of a decoding that is not
 * text, and canonicalisation; and the same bytes
 * straight into fm_text_canonicalize(), which only takes UTF-8. */

/* Whether an imported text is what the importer refuses as binary data:
 * more than a tenth of it control characters (other than layout ones),
 * unassigned, private-use or replaced code points. Written here again, not
 * shared with the importer, so that the check does not agree with a bug. */
static gboolean
reads_as_binary (const char *text)
{
  gsize chars = 0;
  gsize odd = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      chars++;
      if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x1B)
        continue;
      if (type == G_UNICODE_CONTROL || type == G_UNICODE_UNASSIGNED
          || type == G_UNICODE_PRIVATE_USE || c == 0xFFFD)
        odd++;
    }
  return chars > 0 && odd * 10 > chars;
}

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
        /* The importer checks what it decoded, with markup, metadata and
         * all; what is left of that once canonical can only be text too. */
        g_assert_false (reads_as_binary (fm_article_get_text (article)));
        g_assert_nonnull (report);
        fuzz_check_field (report->encoding, TRUE);
        for (guint i = 0; i < report->warnings->len; i++)
          fuzz_check_field (g_ptr_array_index (report->warnings, i), FALSE);
      }
  }

  return 0;
}
