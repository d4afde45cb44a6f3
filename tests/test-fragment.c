/* test-fragment.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fm-fragment.h"
#include "fm-types.h"

static void
test_valid (void)
{
  static const struct {
    const char *fragment;
    glong       start;
    glong       end;
    glong       length;
  } cases[] = {
    { "#char=0,1", 0, 1, -1 },
    { "char=12,40", 12, 40, -1 },
    { "#char=3,7;length=7", 3, 7, 7 },
    { "char=3,7;length=1000,UTF-8", 3, 7, 1000 },
    { "char=007,010", 7, 10, -1 },
    { "#char=0,2147483647", 0, G_MAXINT32, -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      glong start = -5, end = -5, length = -5;

      g_test_message ("%s", cases[i].fragment);
      g_assert_true (fm_text_parse_char_fragment (cases[i].fragment, &start, &end, &length,
                                                  &error));
      g_assert_no_error (error);
      g_assert_cmpint (start, ==, cases[i].start);
      g_assert_cmpint (end, ==, cases[i].end);
      g_assert_cmpint (length, ==, cases[i].length);
    }
}

static void
test_length_optional (void)
{
  g_autoptr(GError) error = NULL;
  glong start, end;

  g_assert_true (fm_text_parse_char_fragment ("char=1,2", &start, &end, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (start, ==, 1);
  g_assert_cmpint (end, ==, 2);
}

static void
test_invalid (void)
{
  static const char * const bad[] = {
    "",
    "#",
    "char=",
    "char=5",               /* A position, not a span. */
    "char=5,",
    "char=,5",
    "char=5,5",             /* Empty span. */
    "char=6,5",             /* Reversed. */
    "char=-1,5",
    "char=+1,5",
    "char= 1,5",
    "char=1 ,5",
    "char=1,5 ",
    "char=1,5\n",
    "char=%31,5",
    "char=0x1,5",
    "char=1.5,6",
    "char=1,2147483648",    /* One past G_MAXINT32. */
    "char=1,99999999999999999999999",
    "CHAR=1,5",
    "##char=1,5",
    "line=1,5",
    "char=1,5;md5=0123456789abcdef0123456789abcdef",
    "char=1,5;length=",
    "char=1,5;length=4",    /* The end is past the text's length. */
    "char=1,5;length=9,",
    "char=1,5;length=9,UTF 8",
    "char=1,5;",
    "char=1,5;;length=9",
    "char=1,5,7",
    "char=1,5#char=1,5",
    "http://example.org/a#char=1,5",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      glong start = -5, end = -5, length = -5;

      g_test_message ("“%s”", bad[i]);
      g_assert_false (fm_text_parse_char_fragment (bad[i], &start, &end, &length, &error));
      g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
      /* Nothing is written on failure. */
      g_assert_cmpint (start, ==, -5);
      g_assert_cmpint (end, ==, -5);
      g_assert_cmpint (length, ==, -5);
    }
}

static void
test_too_long (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) str = g_string_new ("char=");
  glong start, end;

  /* Leading zeros are allowed by the grammar, but not without end. */
  while (str->len <= FM_FRAGMENT_MAX_BYTES)
    g_string_append_c (str, '0');
  g_string_append (str, "1,2");
  g_assert_false (fm_text_parse_char_fragment (str->str, &start, &end, NULL, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_TOO_LARGE);
}

static void
test_round_trip (void)
{
  /* Every span the exports write reads back as itself. */
  for (glong s = 0; s < 3000; s += 7)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) fragment = g_string_new (NULL);
      g_autofree char *expected = g_strdup_printf ("#char=%ld,%ld", s, s * 3 + 1);
      glong start, end;

      fm_fragment_append_char (fragment, s, s * 3 + 1);
      g_assert_cmpstr (fragment->str, ==, expected);
      g_assert_true (fm_text_parse_char_fragment (fragment->str, &start, &end, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (start, ==, s);
      g_assert_cmpint (end, ==, s * 3 + 1);
    }

  /* The widest offsets a fragment may hold. */
  {
    g_autoptr(GString) fragment = g_string_new ("x");

    fm_fragment_append_char (fragment, 0, G_MAXINT32);
    g_assert_cmpstr (fragment->str, ==, "x#char=0,2147483647");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fragment/valid", test_valid);
  g_test_add_func ("/fragment/length-optional", test_length_optional);
  g_test_add_func ("/fragment/invalid", test_invalid);
  g_test_add_func ("/fragment/too-long", test_too_long);
  g_test_add_func ("/fragment/round-trip", test_round_trip);

  return g_test_run ();
}
