/* test-text.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fm-text.h"
#include "fm-types.h"

static void
test_canonicalize_line_endings (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = fm_text_canonicalize ("a\r\nb\rc\n", 7, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "a\nb\nc\n");
}

static void
test_canonicalize_nfc (void)
{
  g_autoptr(GError) error = NULL;
  /* "e" + COMBINING ACUTE ACCENT composes to U+00E9. */
  g_autofree char *text = fm_text_canonicalize ("Caf" "e\xCC\x81", 6, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "Caf\xC3\xA9");
  g_assert_cmpint (fm_text_length (text), ==, 4);
}

static void
test_canonicalize_bom (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = fm_text_canonicalize ("\xEF\xBB\xBFhi", 5, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (text, ==, "hi");
}

static void
test_canonicalize_rejects (void)
{
  struct {
    const char *data;
    gsize       len;
    int         code;
  } cases[] = {
    { "", 0, FM_ERROR_EMPTY },
    { " \n\t\r\n", 5, FM_ERROR_EMPTY },
    { "ab\0cd", 5, FM_ERROR_ENCODING },
    { "caf\xE9", 4, FM_ERROR_ENCODING },
    { "\xC3\x28", 2, FM_ERROR_ENCODING },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = fm_text_canonicalize (cases[i].data, cases[i].len, &error);

      g_assert_null (text);
      g_assert_error (error, FM_ERROR, cases[i].code);
    }
}

/* Offsets count code points: an emoji outside the BMP is one, a combining
 * mark that does not compose is its own, CJK and Arabic are one each. */
static void
test_offsets_unicode (void)
{
  const char *text = "A 😀 b\xCC\xB8 日本語 مرحبا end";
  g_autofree char *sub = NULL;
  glong start, end;

  g_assert_true (fm_text_is_canonical (text));
  g_assert_cmpint (fm_text_length (text), ==, 20);

  g_assert_true (fm_text_find_quote (text, "😀", 0, &start, &end, NULL));
  g_assert_cmpint (start, ==, 2);
  g_assert_cmpint (end, ==, 3);

  g_assert_true (fm_text_find_quote (text, "日本語", 0, &start, &end, NULL));
  g_assert_cmpint (start, ==, 7);
  g_assert_cmpint (end, ==, 10);
  sub = fm_text_substring (text, start, end);
  g_assert_cmpstr (sub, ==, "日本語");

  g_assert_true (fm_text_find_quote (text, "مرحبا", 0, &start, &end, NULL));
  g_assert_cmpint (start, ==, 11);
  g_assert_cmpint (end, ==, 16);

  g_assert_true (fm_text_find_quote (text, "end", 0, &start, &end, NULL));
  g_assert_cmpint (start, ==, 17);
  g_assert_cmpint (fm_text_byte_offset (text, start), ==, strlen (text) - 3);
}

static void
test_find_repeated (void)
{
  const char *text = "the cat and the dog and the end";
  g_autoptr(GArray) hits = fm_text_find_all (text, "the");
  g_autoptr(GError) error = NULL;
  glong start, end;

  g_assert_cmpuint (hits->len, ==, 3);
  g_assert_cmpint (g_array_index (hits, glong, 1), ==, 12);

  g_assert_false (fm_text_find_quote (text, "the", 0, &start, &end, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (fm_text_find_quote (text, "the", 3, &start, &end, &error));
  g_assert_no_error (error);
  g_assert_cmpint (start, ==, 24);

  g_assert_false (fm_text_find_quote (text, "the", 4, &start, &end, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_NOT_FOUND);
  g_clear_error (&error);

  g_assert_false (fm_text_find_quote (text, "zebra", 0, &start, &end, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_NOT_FOUND);
}

static void
test_check_span (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (fm_text_check_span ("abc", 3, 0, 3, NULL));
  g_assert_false (fm_text_check_span ("abc", 3, 2, 4, &error));
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (fm_text_check_span ("abc", 3, 2, 2, &error));
  g_clear_error (&error);
  g_assert_false (fm_text_check_span ("abc", 3, -1, 2, &error));
}

static void
test_trim_and_context (void)
{
  const char *text = "One two  three four";
  glong start = 3, end = 9;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;

  fm_text_trim_span (text, &start, &end);
  g_assert_cmpint (start, ==, 4);
  g_assert_cmpint (end, ==, 7);

  fm_text_context (text, start, end, &prefix, &suffix);
  g_assert_cmpstr (prefix, ==, "One ");
  g_assert_cmpstr (suffix, ==, "  three four");
}

static void
test_context_is_bounded (void)
{
  g_autoptr(GString) s = g_string_new (NULL);
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;

  for (int i = 0; i < 100; i++)
    g_string_append (s, "é");
  g_string_append (s, "X");
  for (int i = 0; i < 100; i++)
    g_string_append (s, "ü");

  fm_text_context (s->str, 100, 101, &prefix, &suffix);
  g_assert_cmpint (g_utf8_strlen (prefix, -1), ==, FM_CONTEXT_LENGTH);
  g_assert_cmpint (g_utf8_strlen (suffix, -1), ==, FM_CONTEXT_LENGTH);
}

static void
test_parse_figure (void)
{
  struct {
    const char *quote;
    double      value;
    const char *unit;
  } cases[] = {
    { "3,000", 3000, NULL },
    { "about 3,000 troops", 3000, "troops" },
    { "1.5 million", 1.5e6, NULL },
    { "40%", 40, "percent" },
    { "$48 million", 48e6, "USD" },
    { "€2.3bn", 2.3e9, "EUR" },
    { "12 km", 12, "km" },
    { "7 to 2", 7, NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *unit = NULL;
      double value = 0;

      g_assert_true (fm_text_parse_figure (cases[i].quote, &value, &unit));
      g_assert_cmpfloat_with_epsilon (value, cases[i].value, 1e-6);
      g_assert_cmpstr (unit, ==, cases[i].unit);
    }

  {
    double value;
    g_autofree char *unit = NULL;

    g_assert_false (fm_text_parse_figure ("no number here", &value, &unit));
  }
}

static void
test_walker (void)
{
  const char *text = "ab\ncdé\n\nfg";
  FmTextWalker walker;

  fm_text_walker_init (&walker, text);
  fm_text_walker_seek (&walker, 5);
  g_assert_cmpuint (walker.line, ==, 2);
  g_assert_cmpuint (walker.column, ==, 3);
  fm_text_walker_seek (&walker, 8);
  g_assert_cmpuint (walker.line, ==, 4);
  g_assert_cmpuint (walker.column, ==, 1);
  /* Going back restarts from the top rather than giving a wrong answer. */
  fm_text_walker_seek (&walker, 1);
  g_assert_cmpuint (walker.line, ==, 1);
  g_assert_cmpuint (walker.column, ==, 2);

  {
    guint line, column;

    fm_text_line_column (text, 5, &line, &column);
    g_assert_cmpuint (line, ==, 2);
    g_assert_cmpuint (column, ==, 3);
  }
}

static void
test_names_round_trip (void)
{
  for (guint i = 0; i < FM_N_KINDS; i++)
    {
      FmKind k;
      g_assert_true (fm_kind_from_string (fm_kind_to_string (i), &k));
      g_assert_cmpuint (k, ==, i);
    }
  for (guint i = 0; i < FM_N_VERDICTS; i++)
    {
      FmVerdict v;
      g_assert_true (fm_verdict_from_string (fm_verdict_to_string (i), &v));
      g_assert_cmpuint (v, ==, i);
    }
  for (guint i = 0; i < FM_N_SOURCE_TYPES; i++)
    {
      FmSourceType t;
      g_assert_true (fm_source_type_from_string (fm_source_type_to_string (i), &t));
      g_assert_cmpuint (t, ==, i);
    }
  g_assert_false (fm_kind_from_string ("rumour", NULL));
  g_assert_false (fm_verdict_from_string ("TRUE", NULL));
  g_assert_false (fm_verdict_allowed_for_kind (FM_VERDICT_OPINION, FM_KIND_FIGURE));
  g_assert_true (fm_verdict_allowed_for_kind (FM_VERDICT_OPINION, FM_KIND_CLAIM));
  g_assert_false (fm_verdict_allowed_for_kind (FM_VERDICT_FALSE, FM_KIND_SOURCE));
}

/* Skipping and counting code points eight bytes at a time agree with
 * walking them one at a time, from every start and for every count, in
 * text mixing one- to four-byte characters; a skip never goes past the
 * end. */
static void
test_skip (void)
{
  static const char *pieces[] = { "a", "bc", " ", "é", "€", "😀", "\n", "ß", "z", "中文" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (16);
  g_autoptr(GString) text = g_string_new (NULL);
  glong length;

  for (guint i = 0; i < 400; i++)
    g_string_append (text, pieces[g_rand_int_range (rand, 0, G_N_ELEMENTS (pieces))]);
  length = g_utf8_strlen (text->str, -1);
  g_assert_cmpint (fm_text_count (text->str, text->len), ==, length);

  for (glong from = 0; from <= length; from += 7)
    {
      const char *p = g_utf8_offset_to_pointer (text->str, from);

      /* Counting a prefix a word at a time agrees with walking it. */
      g_assert_cmpint (fm_text_count (text->str, p - text->str), ==, from);

      for (glong n = 0; n <= length - from; n++)
        g_assert_true (fm_text_skip (p, text->str + text->len, n)
                       == g_utf8_offset_to_pointer (p, n));
      g_assert_true (fm_text_skip (p, text->str + text->len, length - from + 5)
                     == text->str + text->len);
    }
  g_assert_true (fm_text_skip (text->str, text->str, 3) == text->str);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/text/canonicalize/line-endings", test_canonicalize_line_endings);
  g_test_add_func ("/text/canonicalize/nfc", test_canonicalize_nfc);
  g_test_add_func ("/text/canonicalize/bom", test_canonicalize_bom);
  g_test_add_func ("/text/canonicalize/rejects", test_canonicalize_rejects);
  g_test_add_func ("/text/offsets/unicode", test_offsets_unicode);
  g_test_add_func ("/text/find/repeated", test_find_repeated);
  g_test_add_func ("/text/span/check", test_check_span);
  g_test_add_func ("/text/span/trim-and-context", test_trim_and_context);
  g_test_add_func ("/text/span/context-bounded", test_context_is_bounded);
  g_test_add_func ("/text/figure/parse", test_parse_figure);
  g_test_add_func ("/text/walker", test_walker);
  g_test_add_func ("/text/skip", test_skip);
  g_test_add_func ("/types/names", test_names_round_trip);

  return g_test_run ();
}
