/* fuzz-suggest.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fm-suggest.h"
#include "fuzz-common.h"

/* The suggestion detectors on any text: every suggestion must lie inside
 * the text, in code points, with its own words as its text. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = NULL;
  g_autoptr(GPtrArray) list = NULL;
  glong length;

  fuzz_init ();
  if (!g_utf8_validate_len ((const char *) data, size, NULL) || memchr (data, 0, size))
    return 0;
  text = g_utf8_normalize ((const char *) data, size, G_NORMALIZE_NFC);
  if (text == NULL)
    return 0;
  length = g_utf8_strlen (text, -1);
  list = fm_suggest_text (text, FM_SUGGEST_ALL_KINDS);
  for (guint i = 0; i < list->len; i++)
    {
      FmSuggestion *s = g_ptr_array_index (list, i);
      g_autofree char *sub = NULL;

      if (s->start < 0 || s->end > length || s->start > s->end)
        abort ();
      sub = g_utf8_substring (text, s->start, s->end);
      if (g_strcmp0 (sub, s->text) != 0)
        abort ();
      if (s->speaker_start >= 0 && (s->speaker_end > length || s->speaker_start >= s->speaker_end))
        abort ();
      for (guint m = 0; s->mentions && m < s->mentions->len; m++)
        {
          FmSuggestSpan *span = &g_array_index (s->mentions, FmSuggestSpan, m);

          if (span->start < 0 || span->end > length || span->start >= span->end)
            abort ();
        }
    }
  return 0;
}
