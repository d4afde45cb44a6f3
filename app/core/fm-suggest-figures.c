/* fm-suggest-figures.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-suggest"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fm-suggest-private.h"
#include "fm-text.h"

/* Figures: a number in digits or words, with its currency, multiplier and
 * unit when they are written with it, and the second number of a range or
 * ratio. Dates, years, times, phone numbers, addresses, section numbers,
 * model names and vague amounts ("dozens", "hundreds of") are left out. */

#define T(i) (ctx->toks[(i)])

static gboolean
attached (FmSuggestContext *ctx,
          guint             i)
{
  return i < ctx->n_toks && !T (i).space_before;
}

static gboolean
is_punct (FmSuggestContext *ctx,
          guint             i,
          const char       *mark)
{
  return i < ctx->n_toks && T (i).type == TOK_PUNCT && fm_suggest_tok_is (ctx, i, mark);
}

static gboolean
is_dash (FmSuggestContext *ctx,
         guint             i)
{
  gunichar c = fm_suggest_tok_char (ctx, i);

  return i < ctx->n_toks && T (i).type == TOK_PUNCT && (c == '-' || c == 0x2013 || c == 0x2010);
}

static gboolean
is_currency_symbol (FmSuggestContext *ctx,
                    guint             i)
{
  return i < ctx->n_toks && T (i).type == TOK_PUNCT
         && g_unichar_type (fm_suggest_tok_char (ctx, i)) == G_UNICODE_CURRENCY_SYMBOL;
}

static gboolean
is_unit_word (FmSuggestContext *ctx,
              guint             i)
{
  return i < ctx->n_toks && T (i).type == TOK_WORD && (T (i).lex & LEX_UNIT) && !T (i).cap;
}

/* How many digits the token has, and whether it is digits alone. */
static guint
count_digits (FmSuggestContext *ctx,
              guint             i,
              gboolean         *plain,
              glong            *suffix)
{
  guint digits = 0;
  glong k;

  *plain = TRUE;
  for (k = T (i).start; k < T (i).end; k++)
    {
      gunichar c = ctx->cp[k];

      if (g_unichar_isdigit (c))
        digits++;
      else if (c == ',' || c == '.')
        *plain = FALSE;
      else
        break;
    }
  *suffix = k;
  return digits;
}

/* "10km", "5bn", "$4m" are figures; "1990s", "21st", "4G", "A380" are not. */
static gboolean
suffix_is_unit (FmSuggestContext *ctx,
                guint             i,
                glong             suffix)
{
  static const char * const units[] = { "km", "kg", "m", "mm", "cm", "bn", "k", "mph", "kph",
                                        "mw", "gw", "kw", "kwh", "gb", "mb", "tb", "ft", "lb",
                                        "lbs", "g", "mg", "ml", "l", "mn", "tn", "pc" };
  g_autofree char *s = fm_suggest_substring (ctx, suffix, T (i).end);

  for (guint k = 0; k < G_N_ELEMENTS (units); k++)
    if (g_ascii_strcasecmp (s, units[k]) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
near_month (FmSuggestContext *ctx,
            guint             i)
{
  if (i > 0 && (T (i - 1).lex & LEX_MONTH) && T (i - 1).cap)
    return TRUE;
  if (i > 1 && is_punct (ctx, i - 1, ".") && (T (i - 2).lex & LEX_MONTH) && T (i - 2).cap)
    return TRUE;
  if (i + 1 < ctx->n_toks && (T (i + 1).lex & LEX_MONTH) && T (i + 1).cap)
    return TRUE;
  /* "27 of December" is rare; "the 27th" is an ordinal and never gets here. */
  return FALSE;
}

/* "2008-9", "1999-2000" is a span of years: its second number is a year too. */
static gboolean
ends_year_range (FmSuggestContext *ctx,
                 guint             i)
{
  double y;

  if (i < 2 || !is_dash (ctx, i - 1) || !attached (ctx, i - 1) || !attached (ctx, i)
      || T (i - 2).type != TOK_NUMBER || T (i - 2).end - T (i - 2).start != 4)
    return FALSE;
  y = g_ascii_strtod (ctx->text + T (i - 2).bstart, NULL);
  return y >= 1000 && y <= 2100;
}

/* Is the number at @i part of a phone number: three groups or more joined
 * by dashes, dots or spaces ("555-0100", "+44 20 7946 0958")? Returns the
 * last token of it. */
static guint
phone_extent (FmSuggestContext *ctx,
              guint             i)
{
  guint groups = 1, digits, last = i;
  gboolean plain;
  glong suffix;

  digits = count_digits (ctx, i, &plain, &suffix);
  if (!plain)
    return 0;
  while (last + 2 < ctx->n_toks)
    {
      guint sep = last + 1, num = last + 2;
      gboolean p2;
      guint d;

      if (T (num).type != TOK_NUMBER)
        break;
      d = count_digits (ctx, num, &p2, &suffix);
      if (!p2 || d < 2 || d > 4)
        break;
      if (!((is_dash (ctx, sep) || is_punct (ctx, sep, ".")) && attached (ctx, sep) && attached (ctx, num)))
        break;
      groups++;
      digits += d;
      last = num;
    }
  if (groups == 2 && T (last).end - T (last).start == 4 && T (i).end - T (i).start == 3)
    return last;
  if (groups >= 3 && digits >= 7)
    return last;
  if (i > 0 && is_punct (ctx, i - 1, "+"))
    return last;
  if (i > 1 && is_punct (ctx, i - 1, ")") && T (i - 2).type == TOK_NUMBER && groups == 2)
    return last;
  return 0;
}

static gboolean
is_address (FmSuggestContext *ctx,
            guint             i)
{
  /* "10 Downing Street", "1600 Pennsylvania Avenue NW". */
  for (guint k = i + 1; k < ctx->n_toks && k <= i + 3; k++)
    {
      if (T (k).type != TOK_WORD || !T (k).cap)
        return FALSE;
      if (k > i + 1 && (T (k).lex & LEX_STREET))
        return TRUE;
    }
  return FALSE;
}

static gboolean
is_model_name (FmSuggestContext *ctx,
               guint             i)
{
  const FmTok *p;

  if (i == 0)
    return FALSE;
  p = &T (i - 1);
  /* "F-35", "COVID-19", "Su-27". */
  if (is_dash (ctx, i - 1) && attached (ctx, i) && i > 1 && attached (ctx, i - 1)
      && T (i - 2).type == TOK_WORD && T (i - 2).cap)
    return TRUE;
  if (p->type != TOK_WORD || T (i).newline_before)
    return FALSE;
  /* "section 230", "Article 5", "page 3", "Flight 17". */
  if (p->lex & LEX_SECTION)
    return TRUE;
  /* "iPhone 7", "Boeing 737", "Windows 11": a name just before the number. */
  if ((p->cap || (p->end - p->start > 1 && g_unichar_isupper (ctx->cp[p->start + 1])))
      && !p->sent_start && !(p->lex & (LEX_STOP | LEX_MONTH | LEX_TITLE | LEX_UNIT))
      && !fm_suggest_tok_is (ctx, i - 1, "No") && !fm_suggest_tok_is (ctx, i - 1, "Nos"))
    return TRUE;
  return FALSE;
}

/* "in ’91", "the class of '08": two digits after an apostrophe that
 * opens the word stand for a year. */
static gboolean
is_abbreviated_year (FmSuggestContext *ctx,
                     guint             i)
{
  guint digits = T (i).end - T (i).start;

  if (digits != 2 || i == 0 || !attached (ctx, i)
      || !(is_punct (ctx, i - 1, "’") || is_punct (ctx, i - 1, "'")))
    return FALSE;
  return T (i - 1).space_before || T (i - 1).newline_before || i == 1;
}

/* Whether the number at @i is all its line holds, give or take marks such
 * as "$", "’" or "%": a chart's axis tick or a table cell, page furniture
 * rather than a figure the text states. Looks at a few tokens only. */
static gboolean
alone_on_line (FmSuggestContext *ctx,
               guint             i)
{
  guint k = i, n = 0;

  while (!T (k).newline_before && k > 0 && n++ < 3)
    {
      if (T (k - 1).type != TOK_PUNCT)
        return FALSE;
      k--;
    }
  if (!T (k).newline_before && k > 0)
    return FALSE;
  for (k = i + 1, n = 0; k < ctx->n_toks && !T (k).newline_before; k++)
    if (T (k).type != TOK_PUNCT || n++ >= 3)
      return FALSE;
  return TRUE;
}

/* The unit and the like after a number that ends at @last, never past the
 * end of its line: a figure does not span a paragraph break. */
static guint
extend_unit (FmSuggestContext *ctx,
             guint             last)
{
  guint j = last + 1;

  if (j < ctx->n_toks && T (j).newline_before)
    return last;
  if (j < ctx->n_toks && T (j).type == TOK_WORD && (T (j).lex & LEX_MULT) && !T (j).cap)
    last = j++;
  if (is_punct (ctx, j, "%"))
    return j;
  if (fm_suggest_tok_is (ctx, j, "percent") || fm_suggest_tok_is (ctx, j, "pct"))
    return j;
  if (fm_suggest_tok_is (ctx, j, "per") && fm_suggest_tok_is (ctx, j + 1, "cent"))
    return j + 1;
  if (fm_suggest_tok_is (ctx, j, "percentage") && fm_suggest_tok_is (ctx, j + 1, "points"))
    return j + 1;
  if (j < ctx->n_toks && T (j).type == TOK_WORD && (T (j).lex & LEX_CURRENCY) && !T (j).cap)
    return j;
  /* "five-day", "34-year-old", "a 10-mile walk". */
  if (is_dash (ctx, j) && attached (ctx, j) && attached (ctx, j + 1) && is_unit_word (ctx, j + 1))
    {
      last = j + 1;
      if (is_dash (ctx, last + 1) && attached (ctx, last + 1) && fm_suggest_tok_is (ctx, last + 2, "old"))
        last += 2;
      return last;
    }
  if ((fm_suggest_tok_is (ctx, j, "square") || fm_suggest_tok_is (ctx, j, "cubic"))
      && is_unit_word (ctx, j + 1))
    return j + 1;
  if (is_unit_word (ctx, j))
    {
      last = j;
      /* "30 years old", "50 miles per hour". */
      if (fm_suggest_tok_is (ctx, j + 1, "old"))
        last = j + 1;
      else if (fm_suggest_tok_is (ctx, j + 1, "per") && is_unit_word (ctx, j + 2))
        last = j + 2;
    }
  return last;
}

static double
word_value (FmSuggestContext *ctx,
            guint             i)
{
  static const struct { const char *w; double v; } values[] = {
    { "zero", 0 }, { "a", 1 }, { "an", 1 }, { "one", 1 }, { "two", 2 }, { "three", 3 },
    { "four", 4 }, { "five", 5 }, { "six", 6 }, { "seven", 7 }, { "eight", 8 }, { "nine", 9 },
    { "ten", 10 }, { "eleven", 11 }, { "twelve", 12 }, { "thirteen", 13 }, { "fourteen", 14 },
    { "fifteen", 15 }, { "sixteen", 16 }, { "seventeen", 17 }, { "eighteen", 18 },
    { "nineteen", 19 }, { "twenty", 20 }, { "thirty", 30 }, { "forty", 40 }, { "fifty", 50 },
    { "sixty", 60 }, { "seventy", 70 }, { "eighty", 80 }, { "ninety", 90 }, { "dozen", 12 },
    { "half", 0.5 }, { "third", 1 / 3.0 }, { "thirds", 1 / 3.0 }, { "quarter", 0.25 },
    { "quarters", 0.25 }, { "fifth", 0.2 }, { "fifths", 0.2 }, { "twice", 2 }, { "thrice", 3 },
    { "hundred", 100 }, { "thousand", 1e3 }, { "million", 1e6 }, { "billion", 1e9 },
    { "trillion", 1e12 },
  };

  for (guint k = 0; k < G_N_ELEMENTS (values); k++)
    if (fm_suggest_tok_is (ctx, i, values[k].w))
      return values[k].v;
  return NAN;
}

static gboolean
is_fraction_word (FmSuggestContext *ctx,
                  guint             i)
{
  return fm_suggest_tok_is (ctx, i, "third") || fm_suggest_tok_is (ctx, i, "thirds")
         || fm_suggest_tok_is (ctx, i, "quarter") || fm_suggest_tok_is (ctx, i, "quarters")
         || fm_suggest_tok_is (ctx, i, "fifth") || fm_suggest_tok_is (ctx, i, "fifths");
}

static gboolean
is_ordinal_word (FmSuggestContext *ctx,
                 guint             i)
{
  static const char * const ordinals[] = { "first", "second", "third", "fourth", "last",
                                           "final", "next", "previous", "latter", "former" };

  if (fm_suggest_tok_in (ctx, i, ordinals, G_N_ELEMENTS (ordinals)))
    return TRUE;
  return FALSE;
}

static gboolean
is_number_word (FmSuggestContext *ctx,
                guint             i)
{
  return i < ctx->n_toks && T (i).type == TOK_WORD && (T (i).lex & (LEX_NUMWORD | LEX_MULT))
         && !fm_suggest_tok_is (ctx, i, "bn") && !fm_suggest_tok_is (ctx, i, "mn")
         && !fm_suggest_tok_is (ctx, i, "tn");
}

/* Whether a number word at @i starts a figure, and not "no one", "one of
 * them", "the third time" or "hundreds of". */
static gboolean
word_starts_figure (FmSuggestContext *ctx,
                    guint             i)
{
  const FmTok *t = &T (i);
  gboolean after_a = i > 0 && (fm_suggest_tok_is (ctx, i - 1, "a") || fm_suggest_tok_is (ctx, i - 1, "an"));

  /* "Formula One", "Air Force One". */
  if (t->cap && !t->sent_start)
    return FALSE;
  /* "a one-two punch": the rest of a compound whose first number was no figure. */
  if (i > 1 && is_dash (ctx, i - 1) && attached (ctx, i - 1) && attached (ctx, i) && is_number_word (ctx, i - 2))
    return FALSE;
  if (fm_suggest_tok_is (ctx, i, "one"))
    {
      static const char * const before[] = { "no", "the", "any", "every", "each", "this", "that",
                                             "which", "anyone", "someone", "only", "little" };
      static const char * const after[] = { "of", "another", "day", "way", "thing", "side",
                                            "hand", "point", "time", "who", "that", "which",
                                            "’s", "'s", "another", "knows", "can", "could",
                                            "should", "would", "must", "might", "is", "was" };

      for (guint k = 0; i > 0 && k < G_N_ELEMENTS (before); k++)
        if (fm_suggest_tok_is (ctx, i - 1, before[k]))
          return FALSE;
      if (fm_suggest_tok_in (ctx, i + 1, after, G_N_ELEMENTS (after)))
        return FALSE;
      if (i + 1 >= ctx->n_toks || T (i + 1).type == TOK_PUNCT)
        return FALSE;
      return TRUE;
    }
  if (is_fraction_word (ctx, i))
    {
      /* "a third of", "two-thirds", never "the third time". */
      if (!(after_a || (i > 0 && is_number_word (ctx, i - 1))))
        return FALSE;
      return fm_suggest_tok_is (ctx, i + 1, "of") || is_unit_word (ctx, i + 1)
             || T (i - 1).type == TOK_PUNCT;
    }
  if (fm_suggest_tok_is (ctx, i, "half"))
    return !(i > 0 && is_ordinal_word (ctx, i - 1))
           && !(is_dash (ctx, i + 1) && attached (ctx, i + 1) && !is_unit_word (ctx, i + 2));
  if (fm_suggest_tok_is (ctx, i, "dozen") || (T (i).lex & LEX_MULT) || fm_suggest_tok_is (ctx, i, "hundred"))
    return after_a;
  return TRUE;
}

static void
emit (FmSuggestContext *ctx,
      guint             first,
      guint             last,
      const char       *rule,
      double            score)
{
  FmSuggestion *s = fm_suggestion_new (FM_KIND_FIGURE);
  g_autofree char *unit = NULL;
  double value;

  s->start = T (first).start;
  s->end = T (last).end;
  s->text = fm_suggest_substring (ctx, s->start, s->end);
  s->rule = rule;
  s->score = score;
  if (fm_text_parse_figure (s->text, &value, &unit))
    {
      s->has_value = TRUE;
      s->value = value;
      s->unit = g_steal_pointer (&unit);
    }
  /* "3,000 troops": the counted noun is the unit, though not in the span. */
  if (s->unit == NULL && last + 1 < ctx->n_toks && T (last + 1).type == TOK_WORD
      && !T (last + 1).cap && !(T (last + 1).lex & (LEX_STOP | LEX_VERB | LEX_ADVERB)))
    s->unit = fm_suggest_substring (ctx, T (last + 1).start, T (last + 1).end);
  g_ptr_array_add (ctx->out, s);
}

/* Reads number words from @i: "two hundred and fifty", "twenty-five",
 * "one and a half". Returns the last token and the value. */
static guint
read_number_words (FmSuggestContext *ctx,
                   guint             i,
                   double           *value)
{
  double total = 0, group = 0;
  guint last = i, j = i;

  while (j < ctx->n_toks)
    {
      double v = word_value (ctx, j);

      if (!is_number_word (ctx, j) && !(j == i && (fm_suggest_tok_is (ctx, j, "a") || fm_suggest_tok_is (ctx, j, "an"))))
        break;
      if (isnan (v))
        break;
      if (v >= 1000)
        {
          total += (group == 0 ? 1 : group) * v;
          group = 0;
        }
      else if (v == 100)
        group = (group == 0 ? 1 : group) * 100;
      else if (v < 1 && group > 0)
        group *= v;
      else
        group += v;
      last = j;
      /* "twenty-five", "two hundred and fifty". */
      if (is_dash (ctx, j + 1) && attached (ctx, j + 1) && attached (ctx, j + 2) && is_number_word (ctx, j + 2))
        j += 2;
      else if (fm_suggest_tok_is (ctx, j + 1, "and") && is_number_word (ctx, j + 2) && word_value (ctx, j + 2) < 100)
        j += 2;
      else if (fm_suggest_tok_is (ctx, j + 1, "and") && fm_suggest_tok_is (ctx, j + 2, "a")
               && fm_suggest_tok_is (ctx, j + 3, "half"))
        {
          group += 0.5;
          last = j + 3;
          break;
        }
      else
        j++;
    }
  *value = total + group;
  return last;
}

/* The second number of "10 to 15", "10-15 percent", "one in five". */
static guint
extend_range (FmSuggestContext *ctx,
              guint             first,
              guint             last,
              const char      **rule)
{
  guint j = last + 1, k;
  gboolean between = first > 0 && fm_suggest_tok_is (ctx, first - 1, "between");

  if (j < ctx->n_toks && T (j).newline_before)
    return last;
  if (!(is_dash (ctx, j) || fm_suggest_tok_is (ctx, j, "to") || fm_suggest_tok_is (ctx, j, "in")
        || fm_suggest_tok_is (ctx, j, "x") || fm_suggest_tok_is (ctx, j, "×")
        || fm_suggest_tok_is (ctx, j, "out") || (between && fm_suggest_tok_is (ctx, j, "and"))))
    return last;
  if (fm_suggest_tok_is (ctx, j, "out") && fm_suggest_tok_is (ctx, j + 1, "of"))
    j++;
  k = j + 1;
  /* "$24 to $28": two amounts, each written whole, are two figures. */
  if (is_currency_symbol (ctx, k) && is_currency_symbol (ctx, first))
    return last;
  if (is_currency_symbol (ctx, k) && attached (ctx, k + 1))
    k++;
  if (k < ctx->n_toks && T (k).type == TOK_NUMBER)
    {
      gboolean plain;
      glong suffix;

      count_digits (ctx, k, &plain, &suffix);
      if (suffix != T (k).end)
        return last;
      *rule = fm_suggest_tok_is (ctx, j, "in") || fm_suggest_tok_is (ctx, j, "of")
              ? "figure-ratio" : "figure-range";
      if (fm_suggest_tok_is (ctx, j, "x") || fm_suggest_tok_is (ctx, j, "×"))
        *rule = "figure-dimension";
      return extend_unit (ctx, k);
    }
  if (is_number_word (ctx, k) && !fm_suggest_tok_is (ctx, j, "-"))
    {
      double v;
      guint end = read_number_words (ctx, k, &v);

      if (fm_suggest_tok_is (ctx, k, "one") && !fm_suggest_tok_is (ctx, j, "in") && !fm_suggest_tok_is (ctx, j, "of"))
        return last;
      *rule = fm_suggest_tok_is (ctx, j, "in") || fm_suggest_tok_is (ctx, j, "of")
              ? "figure-ratio" : "figure-range";
      return extend_unit (ctx, end);
    }
  return last;
}

static const char *
rule_for (FmSuggestContext *ctx,
          guint             first,
          guint             last,
          const char       *rule)
{
  if (!g_str_equal (rule, "figure-count"))
    return rule;
  for (guint k = first; k <= last; k++)
    {
      if (is_currency_symbol (ctx, k) || (T (k).lex & LEX_CURRENCY))
        return "figure-money";
      if (is_punct (ctx, k, "%") || fm_suggest_tok_is (ctx, k, "percent")
          || fm_suggest_tok_is (ctx, k, "cent"))
        return "figure-percent";
      if (fm_suggest_tok_is (ctx, k, "old"))
        return "figure-age";
      if (is_unit_word (ctx, k))
        return "figure-measure";
    }
  return rule;
}

/* "1800 x 1920": a resolution or a size, never years. */
static gboolean
is_dimension (FmSuggestContext *ctx,
              guint             i)
{
  return (fm_suggest_tok_is (ctx, i + 1, "x") || fm_suggest_tok_is (ctx, i + 1, "×"))
         && i + 2 < ctx->n_toks && T (i + 2).type == TOK_NUMBER;
}

/* Returns the token after what it looked at. */
static guint
digit_figure (FmSuggestContext *ctx,
              guint             i)
{
  const char *rule = "figure-count";
  gboolean plain;
  glong suffix;
  guint digits = count_digits (ctx, i, &plain, &suffix);
  guint first = i, last = i, phone;
  double score = 0.9;

  if (suffix != T (i).end && !suffix_is_unit (ctx, i, suffix))
    return i + 1;
  /* A time: "5:32", "10 a.m.", "9pm". */
  if (is_punct (ctx, i + 1, ":") && attached (ctx, i + 1) && attached (ctx, i + 2)
      && i + 2 < ctx->n_toks && T (i + 2).type == TOK_NUMBER)
    return i + 3;
  if (i + 1 < ctx->n_toks && (T (i + 1).lex & LEX_TIMEZONE))
    return i + 2;
  /* "9/11", "12/25/2020": dates, not figures. */
  if ((is_punct (ctx, i + 1, "/") && attached (ctx, i + 1) && attached (ctx, i + 2))
      || (i > 0 && is_punct (ctx, i - 1, "/") && attached (ctx, i - 1) && attached (ctx, i)))
    return i + 1;
  if ((phone = phone_extent (ctx, i)) > 0)
    return phone + 1;
  if (alone_on_line (ctx, i))
    return i + 1;
  if (plain && digits <= 2 && near_month (ctx, i))
    return i + 1;
  /* A year, unless money or a unit says otherwise. */
  if (plain && digits == 4 && suffix == T (i).end)
    {
      double y = g_ascii_strtod (ctx->text + T (i).bstart, NULL);
      guint after = extend_unit (ctx, i);

      if (y >= 1000 && y <= 2100 && after == i && !(i > 0 && is_currency_symbol (ctx, i - 1))
          && !is_dimension (ctx, i))
        return i + 1;
    }
  if (plain && digits <= 2 && ends_year_range (ctx, i))
    return i + 1;
  if (plain && is_address (ctx, i))
    return i + 1;
  if (plain && is_abbreviated_year (ctx, i))
    return i + 1;
  /* A unit after the number makes it a measure, not a model's number:
   * "the Assembly 18 months ago". */
  if (is_model_name (ctx, i) && extend_unit (ctx, i) == i)
    return i + 1;
  /* "$4.8 billion", "US$5", "No. 2", "#1". */
  if (i > 0 && is_currency_symbol (ctx, i - 1) && attached (ctx, i))
    {
      first = i - 1;
      if (first > 0 && T (first - 1).type == TOK_WORD && T (first - 1).all_caps && attached (ctx, first))
        first--;
    }
  else if (i > 1 && is_punct (ctx, i - 1, ".") && fm_suggest_tok_is (ctx, i - 2, "No"))
    {
      first = i - 2;
      rule = "figure-rank";
    }
  else if (i > 0 && is_punct (ctx, i - 1, "#") && attached (ctx, i))
    {
      first = i - 1;
      rule = "figure-rank";
    }
  last = extend_unit (ctx, i);
  last = extend_range (ctx, first, last, &rule);
  if (digits == 1 && last == i)
    score = 0.8;
  emit (ctx, first, last, rule_for (ctx, first, last, rule), score);
  return last + 1;
}

static guint
word_figure (FmSuggestContext *ctx,
             guint             i)
{
  const char *rule = "figure-words";
  guint first = i, last;
  double value;

  if (fm_suggest_tok_is (ctx, i, "a") || fm_suggest_tok_is (ctx, i, "an"))
    {
      /* "a dozen", "a million", "a third of". */
      if (!is_number_word (ctx, i + 1) || !word_starts_figure (ctx, i + 1)
          || !(fm_suggest_tok_is (ctx, i + 1, "dozen") || fm_suggest_tok_is (ctx, i + 1, "hundred")
               || (T (i + 1).lex & LEX_MULT) || is_fraction_word (ctx, i + 1)))
        return i + 1;
    }
  else if (!word_starts_figure (ctx, i))
    return i + 1;
  last = read_number_words (ctx, i, &value);
  last = extend_unit (ctx, last);
  last = extend_range (ctx, first, last, &rule);
  emit (ctx, first, last, rule_for (ctx, first, last, rule), 0.85);
  {
    FmSuggestion *s = g_ptr_array_index (ctx->out, ctx->out->len - 1);

    /* Words have no digits for fm_text_parse_figure(): the value is the one
     * read above, the unit the one written with it. */
    if (!s->has_value)
      {
        s->has_value = TRUE;
        s->value = value;
        for (guint k = first; k <= last; k++)
          if (is_punct (ctx, k, "%") || fm_suggest_tok_is (ctx, k, "percent"))
            {
              g_free (s->unit);
              s->unit = g_strdup ("percent");
            }
          else if (is_unit_word (ctx, k))
            {
              g_free (s->unit);
              s->unit = fm_suggest_substring (ctx, T (k).start, T (k).end);
            }
      }
  }
  return last + 1;
}

static gboolean
is_long_period (FmSuggestContext *ctx,
                guint             i)
{
  return fm_suggest_tok_is (ctx, i, "decade") || fm_suggest_tok_is (ctx, i, "century");
}

/* A length of time one word gives: "a week", "a fortnight", "a decade" (but
 * not the rate of "$5 a week" or "once a day"). */
static gboolean
is_article_duration (FmSuggestContext *ctx,
                     guint             i)
{
  static const char * const periods[] = { "minute", "hour", "day", "week", "fortnight", "month",
                                          "year", "decade", "century" };
  guint k;

  if (!(fm_suggest_tok_is (ctx, i, "a") || fm_suggest_tok_is (ctx, i, "an")) || i + 1 >= ctx->n_toks
      || T (i + 1).newline_before)
    return FALSE;
  if (i > 0 && (T (i - 1).type == TOK_NUMBER || is_number_word (ctx, i - 1) || is_dash (ctx, i - 1)
                || fm_suggest_tok_is (ctx, i - 1, "once") || fm_suggest_tok_is (ctx, i - 1, "per")))
    return FALSE;
  /* "a day-long", "a year-end": a compound, not a length; "a day of
   * reckoning": an occasion. */
  if ((is_dash (ctx, i + 2) && attached (ctx, i + 2)) || fm_suggest_tok_is (ctx, i + 2, "of"))
    return FALSE;
  /* "a week ago": a relative date, as "last week" is; "a century ago"
   * still measures how long ago. */
  if (fm_suggest_tok_is (ctx, i + 2, "ago") && !is_long_period (ctx, i + 1))
    return FALSE;
  for (k = 0; k < G_N_ELEMENTS (periods); k++)
    if (fm_suggest_tok_is (ctx, i + 1, periods[k]))
      return TRUE;
  return FALSE;
}

/* Periods of fixed length without a number: "a decade", "the last decade",
 * "quarter-century", "century-old". Returns the token after the figure, or
 * @i when the words at @i are none. */
static guint
period_figure (FmSuggestContext *ctx,
               guint             i)
{
  guint first = i, last;

  if (is_article_duration (ctx, i))
    last = i + 1;
  else if ((fm_suggest_tok_is (ctx, i, "quarter") || fm_suggest_tok_is (ctx, i, "half"))
           && is_dash (ctx, i + 1) && attached (ctx, i + 1) && attached (ctx, i + 2) && is_long_period (ctx, i + 2))
    last = i + 2;
  else if (is_long_period (ctx, i) && i > 0
           && (fm_suggest_tok_is (ctx, i - 1, "last") || fm_suggest_tok_is (ctx, i - 1, "past")
               || fm_suggest_tok_is (ctx, i - 1, "next")))
    last = i;
  else if (is_long_period (ctx, i) && is_dash (ctx, i + 1) && attached (ctx, i + 1)
           && fm_suggest_tok_is (ctx, i + 2, "old"))
    last = i;
  else
    return i;
  if (is_dash (ctx, last + 1) && attached (ctx, last + 1) && fm_suggest_tok_is (ctx, last + 2, "old"))
    last += 2;
  emit (ctx, first, last, "figure-measure", 0.8);
  return last + 1;
}

/* "one-tenth", "double the number": a fraction or a multiple in words.
 * Returns the token after the figure, or @i when there is none. */
static guint
multiple_figure (FmSuggestContext *ctx,
                 guint             i)
{
  static const char * const fractions[] = { "fourth", "fourths", "sixth", "sixths", "seventh",
                                            "sevenths", "eighth", "eighths", "ninth", "ninths",
                                            "tenth", "tenths", "hundredth", "thousandth" };
  static const char * const multiples[] = { "double", "triple", "quadruple", "treble" };

  if (is_number_word (ctx, i) && is_dash (ctx, i + 1) && attached (ctx, i + 1) && attached (ctx, i + 2))
    for (guint k = 0; k < G_N_ELEMENTS (fractions); k++)
      if (fm_suggest_tok_is (ctx, i + 2, fractions[k]))
        {
          emit (ctx, i, i + 2, "figure-words", 0.85);
          return i + 3;
        }
  for (guint k = 0; k < G_N_ELEMENTS (multiples); k++)
    if (fm_suggest_tok_is (ctx, i, multiples[k]) && !T (i).cap && fm_suggest_tok_is (ctx, i + 1, "the"))
      {
        emit (ctx, i, i, "figure-words", 0.8);
        return i + 1;
      }
  return i;
}

void
fm_suggest_figures (FmSuggestContext *ctx)
{
  guint i = 0;

  while (i < ctx->n_toks)
    {
      guint next;

      if (T (i).type == TOK_WORD && ((next = period_figure (ctx, i)) > i || (next = multiple_figure (ctx, i)) > i))
        i = next;
      else if (T (i).type == TOK_NUMBER)
        i = digit_figure (ctx, i);
      else if (T (i).type == TOK_WORD && (is_number_word (ctx, i) || fm_suggest_tok_is (ctx, i, "a")
                                           || fm_suggest_tok_is (ctx, i, "an")))
        i = word_figure (ctx, i);
      else
        i++;
    }
}
