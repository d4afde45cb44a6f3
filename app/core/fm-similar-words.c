/* fm-similar-words.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-similar"

#include "config.h"

#include "fm-similar-words.h"
#include "fm-text.h"

#include <string.h>

/* A quote is read in three passes: the text is cut into words, numbers and
 * symbols; runs of them that state one number ("four hundred and fifty",
 * "$1.2m", "two in five", "forty per cent") become one number term; and the
 * other words are stemmed, with function words left out and the words that
 * negate, give a direction or a time noted apart. Only English is known;
 * words of other languages are kept as they are, folded for case and
 * accents. */

typedef enum
{
  TOKEN_WORD,
  TOKEN_NUMBER,
  TOKEN_PERCENT,
} TokenType;

typedef struct
{
  TokenType type;
  char     *text;
  double    value;
  gboolean  capital;
} Token;

typedef struct
{
  const char *word;
  double      value;
} NumberWord;

static const NumberWord units[] = {
  { "zero", 0 }, { "one", 1 }, { "two", 2 }, { "three", 3 }, { "four", 4 }, { "five", 5 },
  { "six", 6 }, { "seven", 7 }, { "eight", 8 }, { "nine", 9 }, { "ten", 10 }, { "eleven", 11 },
  { "twelve", 12 }, { "thirteen", 13 }, { "fourteen", 14 }, { "fifteen", 15 },
  { "sixteen", 16 }, { "seventeen", 17 }, { "eighteen", 18 }, { "nineteen", 19 },
  { "twenty", 20 }, { "thirty", 30 }, { "forty", 40 }, { "fifty", 50 }, { "sixty", 60 },
  { "seventy", 70 }, { "eighty", 80 }, { "ninety", 90 }, { "dozen", 12 },
};

/* What a number is multiplied by when these follow it, in words or as the
 * suffixes newsrooms write ("3k", "$1.2m", "€2.3bn"). */
static const NumberWord scales[] = {
  { "hundred", 1e2 }, { "thousand", 1e3 }, { "k", 1e3 }, { "million", 1e6 }, { "m", 1e6 },
  { "mn", 1e6 }, { "mln", 1e6 }, { "billion", 1e9 }, { "bn", 1e9 }, { "trillion", 1e12 },
  { "tn", 1e12 },
};

/* Shares written as words, after "a" or "one". */
static const NumberWord fractions[] = {
  { "half", 50 }, { "third", 100.0 / 3 }, { "quarter", 25 }, { "fifth", 20 }, { "tenth", 10 },
};

static const char * const function_words[] = {
  "a", "about", "according", "across", "added", "all", "almost", "along", "also", "am", "among",
  "an", "and", "another", "any", "approximately", "are", "around", "as", "at", "be", "been",
  "being", "between", "but", "by", "can", "could", "did", "do", "does", "each", "even", "every",
  "far", "for", "from", "had", "has", "have", "having", "he", "her", "here", "hers", "him", "his",
  "how", "i", "if", "in", "into", "is", "it", "its", "just", "least", "may", "me", "might",
  "must", "my", "nearly", "now", "of", "on", "onto", "or", "our", "out", "own", "per", "roughly",
  "said", "same", "say", "says", "she", "should", "so", "some", "still", "such", "than", "that",
  "the", "their", "theirs", "them", "then", "there", "these", "they", "this", "those", "to",
  "told", "too", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while",
  "who", "whom", "whose", "why", "with", "within", "would", "yet", "you", "your",
};

/* Words that make a statement its opposite, as stems. */
static const char * const negators[] = {
  "cannot", "deny", "neither", "never", "no", "nobody", "none", "nor", "not", "nothing",
  "refus", "reject", "without",
};

static const char * const rising[] = {
  "climb", "gain", "grow", "high", "higher", "increas", "jump", "more", "rais", "ris", "soar",
  "up",
};

static const char * const falling[] = {
  "declin", "decreas", "down", "drop", "fall", "fewer", "less", "low", "lower", "plung",
  "reduc", "shrink", "slump",
};

/* Words that place a claim in the past or to come, whatever else it says. */
static const char * const past_words[] = { "ago", "previous", "yesterday" };
static const char * const future_words[] = { "tomorrow" };

static const char * const time_units[] = { "day", "week", "month", "quarter", "year" };

static const char * const weekdays_and_months[] = {
  "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january",
  "february", "march", "april", "may", "june", "july", "august", "september", "october",
  "november", "december",
};

/* Forms no suffix rule brings back to their stem. */
static const char * const irregular[][2] = {
  { "children", "child" }, { "fallen", "fall" }, { "fell", "fall" }, { "gone", "go" },
  { "goes", "go" }, { "got", "get" }, { "grew", "grow" }, { "grown", "grow" },
  { "held", "hold" }, { "lost", "lose" }, { "men", "man" }, { "paid", "pay" },
  { "people", "person" }, { "risen", "rise" }, { "rose", "rise" }, { "sent", "send" },
  { "taken", "take" }, { "took", "take" }, { "went", "go" }, { "women", "woman" },
  { "won", "win" },
};

static gboolean
in_list (const char         *word,
         const char * const *list,
         gsize               n)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (word, list[i]) == 0)
      return TRUE;
  return FALSE;
}

#define IN_LIST(word, list) in_list ((word), (list), G_N_ELEMENTS (list))

static const NumberWord *
find_number_word (const char       *word,
                  const NumberWord *list,
                  gsize             n)
{
  for (gsize i = 0; i < n; i++)
    if (strcmp (word, list[i].word) == 0)
      return &list[i];
  return NULL;
}

static void
token_clear (gpointer data)
{
  g_free (((Token *) data)->text);
}

static gboolean
ends_with (const GString *s,
           const char    *suffix)
{
  gsize n = strlen (suffix);

  return s->len >= n && memcmp (s->str + s->len - n, suffix, n) == 0;
}

static gboolean
is_vowel (char c)
{
  return strchr ("aeiouy", c) != NULL;
}

/* Plurals and third persons: "cases", "taxes", "cities", "rises". */
static void
strip_plural (GString *s)
{
  if (ends_with (s, "ies") || ends_with (s, "ied"))
    {
      if (s->len > 4)
        {
          g_string_truncate (s, s->len - 3);
          g_string_append_c (s, 'y');
        }
      else
        g_string_truncate (s, s->len - 1);
    }
  else if (ends_with (s, "sses"))
    g_string_truncate (s, s->len - 2);
  else if (ends_with (s, "ses") || ends_with (s, "xes") || ends_with (s, "zes")
           || ends_with (s, "ches") || ends_with (s, "shes"))
    g_string_truncate (s, s->len - 2);
  else if (s->len > 3 && ends_with (s, "s") && !ends_with (s, "ss") && !ends_with (s, "us")
           && !ends_with (s, "is"))
    g_string_truncate (s, s->len - 1);
}

/* "-ed" and "-ing", undoubling what they doubled: "planned", "stopping". */
static void
strip_tense (GString *s)
{
  gsize before = s->len;

  if (s->len > 5 && ends_with (s, "ing"))
    g_string_truncate (s, s->len - 3);
  else if (s->len > 4 && ends_with (s, "ed"))
    g_string_truncate (s, s->len - 2);
  if (s->len < before && s->len > 2 && s->str[s->len - 1] == s->str[s->len - 2]
      && !is_vowel (s->str[s->len - 1]) && strchr ("lsz", s->str[s->len - 1]) == NULL)
    g_string_truncate (s, s->len - 1);
}

/**
 * fm_similar_stem:
 * @word: a word folded to lower-case ASCII
 *
 * A light stemmer for English: plurals, -ed, -ing, -ment, -ly and a final
 * e go, so that "deployed", "deploying", "deployment" and "deploys" are one
 * word, and "increase" and "increased" another.
 *
 * Returns: the stem
 */
char *
fm_similar_stem (const char *word)
{
  GString *s;

  g_return_val_if_fail (word != NULL, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (irregular); i++)
    if (strcmp (word, irregular[i][0]) == 0)
      word = irregular[i][1];
  s = g_string_new (word);
  strip_plural (s);
  strip_tense (s);
  if (s->len > 7 && ends_with (s, "ment"))
    g_string_truncate (s, s->len - 4);
  if (s->len > 4 && ends_with (s, "ly"))
    g_string_truncate (s, s->len - 2);
  if (s->len > 3 && ends_with (s, "e"))
    g_string_truncate (s, s->len - 1);
  return g_string_free (s, FALSE);
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

/* A word folded for case and accents, in any script, its letters and
 * digits only, its possessive "'s" dropped; "n't" becomes a word "not" of
 * its own. */
static void
add_word (GArray     *tokens,
          const char *start,
          const char *end)
{
  g_autofree char *folded = fm_text_fold (start, end - start);
  g_autoptr(GString) s = g_string_new (NULL);
  gboolean negated = FALSE, apostrophe_t = FALSE;
  Token token = { TOKEN_WORD, NULL, 0, g_unichar_isupper (g_utf8_get_char (start)) };

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);

      if (g_unichar_isalnum (c))
        g_string_append_unichar (s, c);
      else if (is_apostrophe (c) && next[0] == 's' && next[1] == '\0')
        break;
      else if (is_apostrophe (c) && next[0] == 't' && ends_with (s, "n"))
        apostrophe_t = TRUE;
    }
  if (ends_with (s, "nt") && apostrophe_t)
    {
      g_string_truncate (s, s->len - 2);
      negated = TRUE;
    }
  if (s->len > 0)
    {
      token.text = g_strdup (s->str);
      g_array_append_val (tokens, token);
    }
  if (negated)
    {
      Token not = { TOKEN_WORD, g_strdup ("not"), 0, FALSE };

      g_array_append_val (tokens, not);
    }
}

/* Digits with the commas and dots between them ("1,200,000", "2.4"); a
 * comma is a thousands separator, a dot a decimal point. Letters right
 * after them ("3k", "1.2m") are a word of their own. */
static const char *
add_number (GArray     *tokens,
            const char *p)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  Token token = { TOKEN_NUMBER, NULL, 0, FALSE };
  const char *start;

  for (; *p != '\0'; p++)
    if (g_ascii_isdigit (*p))
      g_string_append_c (digits, *p);
    else if ((*p == ',' || *p == '.') && g_ascii_isdigit (p[1]) && digits->len > 0)
      {
        if (*p == '.')
          g_string_append_c (digits, '.');
      }
    else
      break;
  token.value = g_ascii_strtod (digits->str, NULL);
  g_array_append_val (tokens, token);
  for (start = p; g_ascii_isalpha (*p); p++)
    ;
  if (p > start)
    add_word (tokens, start, p);
  return p;
}

static GArray *
tokenize (const char *text)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  const char *p = text;

  g_array_set_clear_func (tokens, token_clear);
  while (*p != '\0')
    {
      gunichar c = g_utf8_get_char (p);
      const char *start = p;

      if (g_ascii_isdigit (*p))
        p = add_number (tokens, p);
      else if (g_unichar_isalpha (c))
        {
          while (*p != '\0' && (g_unichar_isalnum (g_utf8_get_char (p))
                                || (is_apostrophe (g_utf8_get_char (p))
                                    && g_unichar_isalpha (g_utf8_get_char (g_utf8_next_char (p))))))
            p = g_utf8_next_char (p);
          add_word (tokens, start, p);
        }
      else
        {
          const char *currency = c == '$' ? "dollar" : c == 0x20AC ? "euro" : c == 0xA3 ? "pound"
                                 : NULL;
          Token token = { c == '%' ? TOKEN_PERCENT : TOKEN_WORD, g_strdup (currency), 0, FALSE };

          if (c == '%' || currency != NULL)
            g_array_append_val (tokens, token);
          p = g_utf8_next_char (p);
        }
    }
  return tokens;
}

static const char *
word_at (GArray *tokens,
         guint   i)
{
  Token *t;

  if (i >= tokens->len)
    return "";
  t = &g_array_index (tokens, Token, i);
  return t->type == TOKEN_WORD && t->text != NULL ? t->text : "";
}

/* A number written in words: "forty-eight", "four hundred and fifty",
 * "three thousand". Returns how many tokens it took, 0 for none. */
static guint
read_number_words (GArray *tokens,
                   guint   i,
                   double *value)
{
  double total = 0, current = 0;
  guint j = i;
  const NumberWord *n;

  for (;; j++)
    {
      const char *word = word_at (tokens, j);

      if ((n = find_number_word (word, units, G_N_ELEMENTS (units))) != NULL)
        current += n->value;
      else if (strcmp (word, "hundred") == 0 && j > i)
        current *= 100;
      else if ((n = find_number_word (word, scales, G_N_ELEMENTS (scales))) != NULL
               && n->value >= 1e3 && j > i && strlen (word) > 2)
        {
          total += current * n->value;
          current = 0;
        }
      else if (strcmp (word, "and") == 0 && j > i
               && find_number_word (word_at (tokens, j + 1), units, G_N_ELEMENTS (units)))
        continue;
      else
        break;
    }
  *value = total + current;
  return j - i;
}

/* "a quarter", "one third", "half": a share, in percent. */
static guint
read_fraction (GArray *tokens,
               guint   i,
               double *percent)
{
  const char *word = word_at (tokens, i);
  const NumberWord *n;
  guint skip = strcmp (word, "a") == 0 || strcmp (word, "one") == 0;

  if ((n = find_number_word (word_at (tokens, i + skip), fractions,
                             G_N_ELEMENTS (fractions))) == NULL)
    return 0;
  if (!skip && strcmp (n->word, "half") != 0)
    return 0;
  *percent = n->value;
  return skip + 1;
}

/* The number starting at @i, as digits or words, with no scale or unit. */
static guint
read_bare_number (GArray *tokens,
                  guint   i,
                  double *value)
{
  Token *t = &g_array_index (tokens, Token, i);

  if (t->type == TOKEN_NUMBER)
    {
      *value = t->value;
      return 1;
    }
  return read_number_words (tokens, i, value);
}

/* How many tokens at @i say "per cent": "%", "percent" or "per cent". */
static guint
read_percent (GArray *tokens,
              guint   i)
{
  if (i < tokens->len && g_array_index (tokens, Token, i).type == TOKEN_PERCENT)
    return 1;
  if (strcmp (word_at (tokens, i), "percent") == 0)
    return 1;
  if (strcmp (word_at (tokens, i), "per") == 0 && strcmp (word_at (tokens, i + 1), "cent") == 0)
    return 2;
  return 0;
}

/* "in five" or "out of five" after a count makes it a share: "two in
 * five" is 40%. Returns how many tokens that took. */
static guint
read_ratio (GArray *tokens,
            guint   i,
            double *value)
{
  guint at, len;
  double of;

  if (strcmp (word_at (tokens, i), "in") == 0)
    at = i + 1;
  else if (strcmp (word_at (tokens, i), "out") == 0 && strcmp (word_at (tokens, i + 1), "of") == 0)
    at = i + 2;
  else
    return 0;
  if (at >= tokens->len || (len = read_bare_number (tokens, at, &of)) == 0
      || of <= *value || of > 100 || *value != (int) *value)
    return 0;
  *value = *value * 100 / of;
  return at + len - i;
}

/* After a number: "million", "bn", "k", a per cent sign or words, or a
 * ratio making it a share. */
static guint
read_number_tail (GArray   *tokens,
                  guint     i,
                  double   *value,
                  gboolean *percent)
{
  guint j = i;
  const NumberWord *n;
  guint len;

  while ((n = find_number_word (word_at (tokens, j), scales, G_N_ELEMENTS (scales))) != NULL)
    {
      *value *= n->value;
      j++;
    }
  if ((len = read_percent (tokens, j)) == 0 && j == i)
    len = read_ratio (tokens, j, value);
  *percent = len > 0;
  return j + len - i;
}

static void
add_number_term (FmSimilarWords *self,
                 double          value,
                 gboolean        percent)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.9g", value);
  g_hash_table_add (self->terms, g_strdup_printf ("#%s%s", buf, percent ? "%" : ""));
}

/* The number starting at @i: returns how many tokens it took, 0 for none. */
static guint
read_number (FmSimilarWords *self,
             GArray         *tokens,
             guint           i)
{
  double value;
  gboolean percent = FALSE;
  guint len;

  if ((len = read_fraction (tokens, i, &value)) > 0)
    {
      /* "half a million" is a number, not a share. */
      if (strcmp (word_at (tokens, i + len), "a") == 0
          && find_number_word (word_at (tokens, i + len + 1), scales, G_N_ELEMENTS (scales)))
        {
          value /= 100;
          len += 1 + read_number_tail (tokens, i + len + 1, &value, &percent);
          add_number_term (self, value, FALSE);
          return len;
        }
      add_number_term (self, value, TRUE);
      return len;
    }
  if ((len = read_bare_number (tokens, i, &value)) == 0)
    return 0;
  len += read_number_tail (tokens, i + len, &value, &percent);
  add_number_term (self, value, percent);
  return len;
}

/* "last week", "next year", "this month": a time, and whether it is past
 * or to come. Returns how many tokens it took. */
static guint
read_time (FmSimilarWords *self,
           GArray         *tokens,
           guint           i)
{
  const char *word = word_at (tokens, i);
  g_autofree char *unit = fm_similar_stem (word_at (tokens, i + 1));

  if (IN_LIST (word, weekdays_and_months)
      && (strcmp (word, "may") != 0 || g_array_index (tokens, Token, i).capital))
    {
      g_hash_table_add (self->times, g_strdup (word));
      return 1;
    }
  if (IN_LIST (word, past_words) || IN_LIST (word, future_words))
    {
      self->past |= IN_LIST (word, past_words);
      self->future |= IN_LIST (word, future_words);
      return 1;
    }
  if (!IN_LIST (unit, time_units)
      || (strcmp (word, "last") != 0 && strcmp (word, "next") != 0 && strcmp (word, "this") != 0))
    return 0;
  self->past |= strcmp (word, "last") == 0;
  self->future |= strcmp (word, "next") == 0;
  g_hash_table_add (self->times, g_strconcat (word, " ", unit, NULL));
  g_hash_table_add (self->terms, g_strdup (unit));
  return 2;
}

static void
add_content_word (FmSimilarWords *self,
                  const Token    *token)
{
  g_autofree char *stem = NULL;

  if (strcmp (token->text, "will") == 0 || strcmp (token->text, "shall") == 0)
    self->future = TRUE;
  if (IN_LIST (token->text, function_words) || strcmp (token->text, "will") == 0
      || strcmp (token->text, "shall") == 0)
    return;
  stem = fm_similar_stem (token->text);
  if (IN_LIST (stem, negators))
    {
      self->negated = TRUE;
      return;
    }
  if (IN_LIST (stem, rising))
    self->direction |= FM_SIMILAR_UP;
  if (IN_LIST (stem, falling))
    self->direction |= FM_SIMILAR_DOWN;
  if (IN_LIST (stem, time_units))
    g_hash_table_add (self->times, g_strdup (stem));
  if (token->capital)
    g_hash_table_add (self->names, g_strdup (stem));
  g_hash_table_add (self->terms, g_steal_pointer (&stem));
}

/**
 * fm_similar_words_new:
 *
 * Returns: (transfer full): what @text says, as terms and marks
 */
FmSimilarWords *
fm_similar_words_new (const char *text)
{
  FmSimilarWords *self;
  g_autoptr(GArray) tokens = NULL;
  guint len;

  g_return_val_if_fail (text != NULL, NULL);

  self = g_new0 (FmSimilarWords, 1);
  self->terms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->times = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  tokens = tokenize (text);
  for (guint i = 0; i < tokens->len; i += MAX (len, 1))
    {
      Token *t = &g_array_index (tokens, Token, i);

      if ((len = read_number (self, tokens, i)) > 0 || (len = read_time (self, tokens, i)) > 0)
        continue;
      if (t->type == TOKEN_WORD && t->text != NULL)
        add_content_word (self, t);
    }
  return self;
}

void
fm_similar_words_free (FmSimilarWords *words)
{
  if (words == NULL)
    return;
  g_hash_table_unref (words->terms);
  g_hash_table_unref (words->names);
  g_hash_table_unref (words->times);
  g_free (words);
}
