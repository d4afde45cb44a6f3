/* fuzz-fragment.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <stdio.h>

#include "fm-fragment.h"
#include "fuzz-common.h"

/* The RFC 5147 fragment parser: whatever it accepts is a non-empty span
 * within its own length, and reads back the same when written the way the
 * exports write it. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *fragment = g_strndup ((const char *) data, size);
  glong start = -1, end = -1, length = -2;
  gboolean ok;

  fuzz_init ();

  ok = fm_text_parse_char_fragment (fragment, &start, &end, &length, &error);
  fuzz_check_error (ok, error);
  if (!ok)
    {
      /* Nothing is written on failure. */
      g_assert_cmpint (start, ==, -1);
      g_assert_cmpint (end, ==, -1);
      g_assert_cmpint (length, ==, -2);
      return 0;
    }

  g_assert_cmpint (start, >=, 0);
  g_assert_cmpint (start, <, end);
  g_assert_cmpint (end, <=, G_MAXINT32);
  g_assert_true (length == -1 || end <= length);
  g_assert_cmpuint (strlen (fragment), <=, FM_FRAGMENT_MAX_BYTES);
  /* Only ASCII gets through. */
  for (const char *p = fragment; *p; p++)
    g_assert_true ((guchar) *p < 0x80 && !g_ascii_iscntrl (*p));

  {
    g_autofree char *again = g_strdup_printf ("#char=%ld,%ld", start, end);
    glong s2, e2;

    g_assert_true (fm_text_parse_char_fragment (again, &s2, &e2, NULL, NULL));
    g_assert_cmpint (s2, ==, start);
    g_assert_cmpint (e2, ==, end);
  }
  return 0;
}
