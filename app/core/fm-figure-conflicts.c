/* fm-figure-conflicts.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-figures"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fm-figure-conflicts.h"
#include "fm-text.h"

/* A figure's key is what it counts: its unit, or when it has none the word
 * written after it ("3,000 troops"), folded to lower case and ASCII, made
 * singular, with the ways of writing a percentage or a currency made one.
 * Its subject is the content words of its sentence nearest to it, on both
 * sides. Two figures in different articles disagree when their keys are the
 * same, their subjects alike (FM_FIGURE_SUBJECT_ALIKE), their values apart
 * by more than the tolerance, and the years their sentences name, if both
 * name any, not all different: "3,000 in 2021" and "4,000 in 2023" are two
 * dates, not two reports of one fact.
 *
 * A value is a range: "10 to 15" from 10 to 15, "more than 3,000" from
 * 3,000 up, "fewer than 50" up to 50; two ranges agree when they overlap
 * once each is widened by the tolerance. Sentences are cut at a full stop,
 * question or exclamation mark before a space, or at a line break, a dot
 * after an initial or a title ("Mr.") excepted: ICU's sentence rules would
 * read every article of the library whole on every listing.
 *
 * Listing the library's conflicts compares only figures with the same key,
 * and within a key only those whose subjects share a rare enough word: each
 * subject's words are ordered from the rarest, and a figure is indexed by
 * the first words of that order, as many as can be missed with the subject
 * still alike enough (the prefix filter of similarity joins); two alike
 * subjects always share one of those words. Each figure's probe of that
 * index is bounded (MAX_FOUND, MAX_COMPARED), so that a library of look-alike
 * sentences costs no more than a few hundred comparisons a figure. */

/* The most figures before it in the library that one figure is found to
 * disagree with when the whole library is listed. A figure is flagged by
 * its first conflicts; where one thing is counted differently hundreds of
 * times, listing every pair would cost more than it tells. */
#define MAX_FOUND 10
/* The most figures one is compared with in that listing, those sharing its
 * rarest words first. In a library of real reports few figures share a
 * rare word; in one where every sentence is much like the others (a
 * generated one, or years of one beat), this bounds the work. */
#define MAX_COMPARED 200

/* Content words taken on each side of the figure. */
#define SUBJECT_SIDE 8

static const char * const function_words[] = {
  "a", "about", "above", "according", "after", "again", "against", "all", "almost", "also", "an",
  "and", "another", "any", "are", "around", "as", "at", "be", "because", "been", "before",
  "being", "below", "between", "both", "but", "by", "can", "could", "did", "do", "does", "down",
  "during", "each", "estimated", "few", "fewer", "for", "from", "had", "has", "have", "he", "her",
  "here", "him", "his", "how", "if", "in", "into", "is", "it", "its", "least", "less", "like",
  "many", "may", "more", "most", "much", "near", "nearly", "no", "not", "of", "on", "one", "only", "or",
  "other", "our", "out", "over", "roughly", "said", "say", "says", "she", "should", "since",
  "so", "some", "such", "than", "that", "the", "their", "them", "then", "there", "these",
  "they", "this", "those", "through", "to", "told", "under", "until", "up", "upwards", "very",
  "was", "we", "were", "what", "when", "where", "which", "while", "who", "whom", "why", "will",
  "with", "within", "without", "would", "you", "across", "along", "among", "behind", "beyond",
  "inside", "outside", "per", "toward", "towards",
};

/* Words before a number that make it approximate, a floor or a ceiling. */
static const char * const hedges[] = {
  "about", "around", "roughly", "approximately", "nearly", "almost", "some", "estimated", "circa",
  "reportedly",
};
static const char * const floors[] = { "more than", "over", "at least", "above", "upwards of" };
static const char * const ceilings[] = {
  "less than", "fewer than", "under", "below", "up to", "at most",
};

static const struct {
  const char *word;
  const char *key;
} unit_aliases[] = {
  { "%", "percent" }, { "per cent", "percent" }, { "pct", "percent" },
  { "percentage", "percent" }, { "usd", "usd" }, { "us$", "usd" }, { "dollar", "usd" },
  { "eur", "eur" }, { "euro", "eur" }, { "gbp", "gbp" }, { "sterling", "gbp" },
  { "jpy", "jpy" }, { "yen", "jpy" }, { "krw", "krw" }, { "won", "krw" },
  { "km", "kilometre" }, { "kilometer", "kilometre" }, { "meter", "metre" },
  { "kg", "kilogram" }, { "liter", "litre" }, { "ton", "tonne" }, { "person", "people" },
};

static const struct {
  const char *plural;
  const char *singular;
} irregular[] = {
  { "men", "man" }, { "women", "woman" }, { "children", "child" }, { "feet", "foot" },
  { "teeth", "tooth" }, { "mice", "mouse" }, { "geese", "goose" }, { "lives", "life" },
  { "buses", "bus" }, { "gases", "gas" }, { "viruses", "virus" },
};

/* A figure as compared: its key, range and subject. */
typedef struct
{
  FmFigure *figure;
  char     *key;
  double    low;
  double    high;
  double    tolerance;
  GArray   *years;   /* guint, the years its sentence names */
  GArray   *words;   /* guint word ids, sorted by rank once ranked */
} Prepared;

static void
prepared_clear (Prepared *p)
{
  g_clear_pointer (&p->figure, fm_figure_unref);
  g_clear_pointer (&p->key, g_free);
  g_clear_pointer (&p->years, g_array_unref);
  g_clear_pointer (&p->words, g_array_unref);
}

void
fm_figure_conflict_free (FmFigureConflict *conflict)
{
  if (conflict == NULL)
    return;
  g_clear_pointer (&conflict->figure, fm_figure_unref);
  g_clear_pointer (&conflict->other, fm_figure_unref);
  g_free (conflict);
}

/* A set, as every word of every figure's sentence is looked up. */
static gboolean
is_function_word (const char *word)
{
  static GHashTable *set;

  if (g_once_init_enter (&set))
    {
      GHashTable *words = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (function_words); i++)
        g_hash_table_add (words, (gpointer) function_words[i]);
      g_once_init_leave (&set, words);
    }
  return g_hash_table_contains (set, word);
}

/* Lower case and ASCII: "Bevölkerung" and "bevolkerung" are one word. */
static char *
fold (const char *word,
      gssize      len)
{
  g_autofree char *folded = NULL;
  gsize n = len < 0 ? strlen (word) : (gsize) len;
  gsize i;

  /* Most words are ASCII already, and transliterating is slow. */
  for (i = 0; i < n && (guchar) word[i] < 0x80; i++)
    ;
  if (i == n)
    return g_ascii_strdown (word, n);
  folded = g_utf8_casefold (word, n);
  return g_str_to_ascii (folded, "C");
}

/* The singular of an English plural, by the common rules: "casualties",
 * "buses", "troops"; "census", "analysis" and "class" stay. */
static void
make_singular (char *word)
{
  gsize n = strlen (word);

  for (guint i = 0; i < G_N_ELEMENTS (irregular); i++)
    if (strcmp (word, irregular[i].plural) == 0)
      {
        strcpy (word, irregular[i].singular);
        return;
      }
  if (n > 4 && g_str_has_suffix (word, "ies"))
    strcpy (word + n - 3, "y");
  else if (n > 4 && (g_str_has_suffix (word, "sses") || g_str_has_suffix (word, "shes")
                     || g_str_has_suffix (word, "ches") || g_str_has_suffix (word, "xes")))
    word[n - 2] = '\0';
  else if (n > 3 && word[n - 1] == 's' && !g_str_has_suffix (word, "ss")
           && !g_str_has_suffix (word, "us") && !g_str_has_suffix (word, "is"))
    word[n - 1] = '\0';
}

/* The first word of @text, or NULL when it opens with no word. */
static char *
first_word (const char *text)
{
  const char *p = text, *w;

  while (*p == ' ' || g_str_has_prefix (p, "\u00A0"))
    p = g_utf8_next_char (p);
  for (w = p; *w && g_unichar_isalpha (g_utf8_get_char (w)); w = g_utf8_next_char (w))
    ;
  return w > p ? g_strndup (p, w - p) : NULL;
}

/* The last word of @text when it ends with letters after a digit. */
static char *
last_word (const char *text)
{
  const char *end = text + strlen (text), *w = end;

  while (w > text && g_unichar_isalpha (g_utf8_get_char (g_utf8_prev_char (w))))
    w = g_utf8_prev_char (w);
  if (w == end || strpbrk (text, "0123456789") == NULL || strpbrk (w, "0123456789") != NULL
      || w == text || !g_ascii_isspace (w[-1]))
    return NULL;
  return g_strndup (w, end - w);
}

static char *
normalise_unit (const char *unit)
{
  g_autofree char *word = fold (unit, -1);

  g_strstrip (word);
  for (guint i = 0; i < G_N_ELEMENTS (unit_aliases); i++)
    if (strcmp (word, unit_aliases[i].word) == 0)
      return g_strdup (unit_aliases[i].key);
  make_singular (word);
  for (guint i = 0; i < G_N_ELEMENTS (unit_aliases); i++)
    if (strcmp (word, unit_aliases[i].word) == 0)
      return g_strdup (unit_aliases[i].key);
  return *word != '\0' ? g_steal_pointer (&word) : NULL;
}

/**
 * fm_figure_dup_key:
 *
 * Returns: (nullable): what the figure counts, normalised ("troop",
 *   "percent", "usd"), or %NULL when it names nothing it counts
 */
char *
fm_figure_dup_key (FmFigure *figure)
{
  g_autofree char *word = NULL;

  g_return_val_if_fail (figure != NULL, NULL);

  if (figure->unit != NULL && *figure->unit != '\0')
    return normalise_unit (figure->unit);
  /* The counted noun ending the span ("3,500 and 4,500 troops"), or the
   * word after it, unless that is a function word: "3,000 were killed"
   * says nothing of what was counted. */
  word = last_word (figure->quote != NULL ? figure->quote : "");
  if (word == NULL)
    word = first_word (figure->after != NULL ? figure->after : "");
  if (word == NULL || g_unichar_isupper (g_utf8_get_char (word)))
    return NULL;
  {
    g_autofree char *folded = fold (word, -1);

    if (is_function_word (folded))
      return NULL;
  }
  return normalise_unit (word);
}

/* Whether a dot at @p ends a sentence: not after an initial or a title. */
static gboolean
dot_ends_sentence (const char *text,
                   const char *p)
{
  static const char * const titles[] = { "Mr", "Mrs", "Ms", "Dr", "St", "No", "Gen", "Col" };
  const char *w = p;

  while (w > text && g_ascii_isalpha (w[-1]))
    w--;
  if (p - w == 1 && g_ascii_isupper (*w))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
    if ((gsize) (p - w) == strlen (titles[i]) && strncmp (w, titles[i], p - w) == 0)
      return FALSE;
  return TRUE;
}

static gboolean
ends_sentence (const char *text,
               const char *p)
{
  if (*p == '\n')
    return TRUE;
  if (!(*p == '.' || *p == '!' || *p == '?') || !(p[1] == ' ' || p[1] == '\n' || p[1] == '\0'))
    return FALSE;
  return *p != '.' || dot_ends_sentence (text, p);
}

/* Where the sentence holding the end of @before begins in it. */
static const char *
sentence_start (const char *before)
{
  for (const char *p = before + strlen (before); p > before; p--)
    if (ends_sentence (before, p - 1))
      return p;
  return before;
}

/* Where the sentence that @after goes on ends in it. */
static const char *
sentence_end (const char *after)
{
  const char *p;

  for (p = after; *p; p++)
    if (ends_sentence (after, p))
      return p;
  return p;
}

/* The words of a stretch of text, folded, each with whether it is a number. */
static GPtrArray *
split_words (const char *start,
             const char *end)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  const char *p = start;

  while (p < end)
    {
      const char *w = p;

      while (w < end && g_unichar_isalnum (g_utf8_get_char (w)))
        w = g_utf8_next_char (w);
      if (w > p)
        g_ptr_array_add (words, fold (p, w - p));
      p = w < end ? g_utf8_next_char (w) : end;
    }
  return words;
}

static void
note_year (GArray     *years,
           const char *word)
{
  guint64 y;

  if (strlen (word) == 4 && g_ascii_string_to_unsigned (word, 10, 1900, 2099, &y, NULL))
    {
      guint year = (guint) y;

      g_array_append_val (years, year);
    }
}

/* Adds a content word's id to the subject, interning it in @vocabulary. */
static void
add_subject_word (Prepared   *p,
                  char       *word,
                  GHashTable *vocabulary)
{
  gpointer id;
  guint wid;

  make_singular (word);
  if (p->key != NULL && strcmp (word, p->key) == 0)
    return;
  if (!g_hash_table_lookup_extended (vocabulary, word, NULL, &id))
    {
      id = GUINT_TO_POINTER (g_hash_table_size (vocabulary));
      g_hash_table_insert (vocabulary, g_strdup (word), id);
    }
  wid = GPOINTER_TO_UINT (id);
  for (guint i = 0; i < p->words->len; i++)
    if (g_array_index (p->words, guint, i) == wid)
      return;
  g_array_append_val (p->words, wid);
}

/* Takes up to SUBJECT_SIDE content words from @words, nearest the figure
 * first: from the end when @backwards. */
static void
take_subject (Prepared   *p,
              GPtrArray  *words,
              gboolean    backwards,
              GHashTable *vocabulary)
{
  guint taken = 0;

  for (guint k = 0; k < words->len; k++)
    {
      char *word = g_ptr_array_index (words, backwards ? words->len - 1 - k : k);

      if (g_ascii_isdigit (*word))
        note_year (p->years, word);
      else if (taken < SUBJECT_SIDE && strlen (word) > 1 && !is_function_word (word))
        {
          add_subject_word (p, word, vocabulary);
          taken++;
        }
    }
}

static gboolean
ends_with_phrase (const char *text,
                  const char *phrase)
{
  gsize n = strlen (text), m = strlen (phrase);

  return n >= m && g_ascii_strcasecmp (text + n - m, phrase) == 0
         && (n == m || !g_ascii_isalpha (text[n - m - 1]));
}

/* Which of @list ends the words before the number, the span's opening
 * words and the sentence before it read as one. */
static gboolean
preceded_by (const char         *lead,
             const char * const *list,
             guint               n)
{
  for (guint i = 0; i < n; i++)
    if (ends_with_phrase (lead, list[i]))
      return TRUE;
  return FALSE;
}

/* A number written in digits at @p, thousands commas dropped. */
static double
read_number (const char  *p,
             const char **end)
{
  g_autoptr(GString) digits = g_string_new (NULL);

  for (; g_ascii_isdigit (*p) || ((*p == '.' || *p == ',') && g_ascii_isdigit (p[1])); p++)
    if (*p != ',')
      g_string_append_c (digits, *p);
  *end = p;
  return g_ascii_strtod (digits->str, NULL);
}

/* The second number of "10 to 15", "10-15", "between 10 and 15", from
 * @p just after the first (@first), scaled as the first was in @value
 * ("3 to 4 million"), or NAN. */
static double
range_high (const char *p,
            double      first,
            double      value)
{
  const char *end;

  while (*p == ' ' || *p == '%')
    p++;
  if (g_str_has_prefix (p, "to ") || g_str_has_prefix (p, "and "))
    p = strchr (p, ' ') + 1;
  else if (*p == '-' || g_str_has_prefix (p, "\u2013"))
    p = g_utf8_next_char (p);
  else
    return NAN;
  while (*p == ' ' || g_unichar_type (g_utf8_get_char (p)) == G_UNICODE_CURRENCY_SYMBOL)
    p = g_utf8_next_char (p);
  if (!g_ascii_isdigit (*p) || first == 0)
    return NAN;
  return read_number (p, &end) * (value / first);
}

/* The figure's value as a range, with how loosely it is given; @lead is
 * the text before its number, its sentence's and its span's. */
static void
read_range (Prepared   *p,
            const char *lead)
{
  const char *digit = p->figure->quote, *end;
  double first, high;

  p->low = p->high = p->figure->value;
  p->tolerance = FM_FIGURE_TOLERANCE;
  while (*digit && !g_ascii_isdigit (*digit))
    digit++;
  if (*digit != '\0')
    {
      first = read_number (digit, &end);
      high = range_high (end, first, p->figure->value);
      if (!isnan (high) && high > p->low)
        p->high = high;
    }
  if (preceded_by (lead, hedges, G_N_ELEMENTS (hedges)))
    p->tolerance = FM_FIGURE_TOLERANCE_HEDGED;
  else if (preceded_by (lead, floors, G_N_ELEMENTS (floors)))
    p->high = INFINITY;
  else if (preceded_by (lead, ceilings, G_N_ELEMENTS (ceilings)))
    p->low = MIN (0, p->low);
}

/* The text before the figure's number, without the currency signs and
 * spaces just before it: "more than $" reads as "more than". */
static char *
lead_of (const char *sentence,
         const char *before_end,
         const char *quote)
{
  const char *digit = quote;
  g_autoptr(GString) lead = g_string_new_len (sentence, before_end - sentence);
  glong n;

  while (*digit && !g_ascii_isdigit (*digit))
    digit++;
  g_string_append_len (lead, quote, digit - quote);
  for (n = lead->len; n > 0; n = lead->len)
    {
      const char *last = g_utf8_prev_char (lead->str + n);
      gunichar c = g_utf8_get_char (last);

      if (!g_unichar_isspace (c) && g_unichar_type (c) != G_UNICODE_CURRENCY_SYMBOL)
        break;
      g_string_truncate (lead, last - lead->str);
    }
  return g_string_free (g_steal_pointer (&lead), FALSE);
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Reads what the figure counts and its range; FALSE when it has no value
 * or counts nothing named, and so can disagree with none. */
static gboolean
prepare_value (Prepared *p,
               FmFigure *figure)
{
  const char *before = figure->before != NULL ? figure->before : "";
  g_autofree char *lead = NULL;

  p->figure = fm_figure_ref (figure);
  p->years = g_array_new (FALSE, FALSE, sizeof (guint));
  p->words = g_array_new (FALSE, FALSE, sizeof (guint));
  if (!figure->has_value || !(p->key = fm_figure_dup_key (figure)))
    return FALSE;
  lead = lead_of (sentence_start (before), before + strlen (before),
                  figure->quote != NULL ? figure->quote : "");
  read_range (p, lead);
  return TRUE;
}

/* Reads the subject and the years of the figure's sentence. */
static void
prepare_subject (Prepared   *p,
                 GHashTable *vocabulary)
{
  const char *before = p->figure->before != NULL ? p->figure->before : "";
  const char *after = p->figure->after != NULL ? p->figure->after : "";
  g_autoptr(GPtrArray) words_before = split_words (sentence_start (before), before + strlen (before));
  g_autoptr(GPtrArray) words_after = split_words (after, sentence_end (after));

  take_subject (p, words_before, TRUE, vocabulary);
  take_subject (p, words_after, FALSE, vocabulary);
  g_array_sort (p->words, compare_uint);
}

static gboolean
prepare (Prepared   *p,
         FmFigure   *figure,
         GHashTable *vocabulary)
{
  if (!prepare_value (p, figure))
    return FALSE;
  prepare_subject (p, vocabulary);
  return TRUE;
}

/* How many words two subjects share; both are sorted. */
static guint
shared_words (const Prepared *a,
              const Prepared *b)
{
  guint i = 0, j = 0, shared = 0;

  while (i < a->words->len && j < b->words->len)
    {
      guint x = g_array_index (a->words, guint, i), y = g_array_index (b->words, guint, j);

      shared += x == y;
      i += x <= y;
      j += y <= x;
    }
  return shared;
}

static gboolean
subjects_alike (const Prepared *a,
                const Prepared *b)
{
  guint shared = shared_words (a, b);
  guint all = a->words->len + b->words->len - shared;

  return shared >= FM_FIGURE_SUBJECT_MIN_WORDS && shared >= FM_FIGURE_SUBJECT_ALIKE * all;
}

/* Whether both sentences name years and none of them the same. */
static gboolean
years_differ (const Prepared *a,
              const Prepared *b)
{
  if (a->years->len == 0 || b->years->len == 0)
    return FALSE;
  for (guint i = 0; i < a->years->len; i++)
    for (guint j = 0; j < b->years->len; j++)
      if (g_array_index (a->years, guint, i) == g_array_index (b->years, guint, j))
        return FALSE;
  return TRUE;
}

/* Each range is widened by half the tolerance on each side, so that two
 * single values agree when they are at most the tolerance apart. */
static gboolean
values_disagree (const Prepared *a,
                 const Prepared *b)
{
  double tolerance = MAX (a->tolerance, b->tolerance) / 2;
  double a_low = a->low - tolerance * fabs (a->low), a_high = a->high + tolerance * fabs (a->high);
  double b_low = b->low - tolerance * fabs (b->low), b_high = b->high + tolerance * fabs (b->high);

  return a_high < b_low || b_high < a_low;
}

/* Whether two figures of the same key disagree. */
static gboolean
prepared_conflict (const Prepared *a,
                   const Prepared *b)
{
  return a->figure->article_id != b->figure->article_id && values_disagree (a, b)
         && !years_differ (a, b) && subjects_alike (a, b);
}

static int
compare_figure_id (gconstpointer a,
                   gconstpointer b)
{
  const FmFigure *x = *(FmFigure * const *) a;
  const FmFigure *y = *(FmFigure * const *) b;

  return x->annotation_id < y->annotation_id ? -1 : x->annotation_id > y->annotation_id;
}

/* What the figure being looked up counts, for the listing to keep only
 * that figure and those of other articles that count the same. */
typedef struct
{
  gint64      annotation_id;
  gint64      article_id;
  const char *key;
  /* Whether each unit written is the key: a library writes few units. */
  GHashTable *units;
} SameKey;

static gboolean
same_key (FmFigure *figure,
          gpointer  user_data)
{
  SameKey *wanted = user_data;
  g_autofree char *key = NULL;
  gpointer same;
  gboolean is_same;

  if (figure->annotation_id == wanted->annotation_id)
    return TRUE;
  if (figure->article_id == wanted->article_id)
    return FALSE;
  if (figure->unit != NULL && g_hash_table_lookup_extended (wanted->units, figure->unit, NULL, &same))
    return GPOINTER_TO_INT (same);
  key = fm_figure_dup_key (figure);
  is_same = key != NULL && g_str_equal (key, wanted->key);
  if (figure->unit != NULL)
    g_hash_table_insert (wanted->units, g_strdup (figure->unit), GINT_TO_POINTER (is_same));
  return is_same;
}

/* The key of @figure as the library has it, from its stored context. */
static char *
stored_key (FmAnnotation *figure)
{
  FmFigure f = { 0 };

  f.unit = (char *) fm_annotation_get_unit (figure);
  f.quote = (char *) fm_annotation_get_quote (figure);
  f.after = (char *) fm_annotation_get_suffix (figure);
  return fm_figure_dup_key (&f);
}

/**
 * fm_store_find_figure_conflicts:
 *
 * Returns: (transfer container) (element-type FmFigure): the figures in
 *   other articles that disagree with @figure, by annotation id
 */
GPtrArray *
fm_store_find_figure_conflicts (FmStore       *store,
                                FmAnnotation  *figure,
                                GError       **error)
{
  g_autoptr(GHashTable) vocabulary = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) figures = NULL;
  g_autofree char *key = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_figure_unref);
  Prepared self = { 0 };
  FmFigure *mine = NULL;
  SameKey wanted;

  g_return_val_if_fail (FM_IS_STORE (store), NULL);
  g_return_val_if_fail (FM_IS_ANNOTATION (figure), NULL);

  if (!(key = stored_key (figure)))
    return found;
  wanted = (SameKey) { fm_annotation_get_id (figure), fm_annotation_get_article_id (figure), key,
                       g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  figures = fm_store_list_figures_matching (store, same_key, &wanted, error);
  g_hash_table_unref (wanted.units);
  if (figures == NULL)
    {
      g_ptr_array_unref (found);
      return NULL;
    }
  for (guint i = 0; i < figures->len && mine == NULL; i++)
    if (((FmFigure *) g_ptr_array_index (figures, i))->annotation_id == wanted.annotation_id)
      mine = g_ptr_array_index (figures, i);
  if (mine != NULL && prepare (&self, mine, vocabulary))
    for (guint i = 0; i < figures->len; i++)
      {
        FmFigure *other = g_ptr_array_index (figures, i);
        Prepared p = { 0 };

        /* The values first, before the words of the sentence are read. */
        if (other != mine && prepare_value (&p, other) && g_str_equal (p.key, self.key)
            && values_disagree (&self, &p))
          {
            prepare_subject (&p, vocabulary);
            if (prepared_conflict (&self, &p))
              g_ptr_array_add (found, fm_figure_ref (other));
          }
        prepared_clear (&p);
      }
  prepared_clear (&self);
  g_ptr_array_sort (found, compare_figure_id);
  return found;
}

/* The library-wide join: see the comment at the top of the file. */
typedef struct
{
  GArray     *prepared;  /* Prepared */
  GArray     *counts;    /* guint per word id: how many subjects hold it */
  guint      *stamp;     /* per figure: the last figure it was compared with, plus one */
  GPtrArray  *conflicts;
} Join;

static void
count_words (Join *join)
{
  for (guint i = 0; i < join->prepared->len; i++)
    {
      Prepared *p = &g_array_index (join->prepared, Prepared, i);

      for (guint k = 0; k < p->words->len; k++)
        {
          guint id = g_array_index (p->words, guint, k);

          if (id >= join->counts->len)
            g_array_set_size (join->counts, id + 1);
          g_array_index (join->counts, guint, id)++;
        }
    }
}

static int
compare_rarity (gconstpointer a,
                gconstpointer b,
                gpointer      user_data)
{
  GArray *counts = user_data;
  guint x = *(const guint *) a, y = *(const guint *) b;
  guint cx = g_array_index (counts, guint, x);
  guint cy = g_array_index (counts, guint, y);

  return cx != cy ? (cx < cy ? -1 : 1) : compare_uint (a, b);
}

/* The words a subject is indexed by: its rarest, as many as it can miss
 * and still be alike enough to another. */
static GArray *
prefix_words (Join     *join,
              Prepared *p)
{
  guint n = p->words->len;
  guint need = MAX (FM_FIGURE_SUBJECT_MIN_WORDS, (guint) ceil (FM_FIGURE_SUBJECT_ALIKE * n));
  GArray *prefix = g_array_copy (p->words);

  g_array_sort_with_data (prefix, compare_rarity, join->counts);
  g_array_set_size (prefix, n >= need ? n - need + 1 : 0);
  return prefix;
}

static void
add_conflict (Join     *join,
              Prepared *a,
              Prepared *b)
{
  FmFigureConflict *conflict = g_new0 (FmFigureConflict, 1);
  gboolean a_first = a->figure->annotation_id < b->figure->annotation_id;

  conflict->figure = fm_figure_ref (a_first ? a->figure : b->figure);
  conflict->other = fm_figure_ref (a_first ? b->figure : a->figure);
  g_ptr_array_add (join->conflicts, conflict);
}

/* Compares figure @x with those of its key indexed before it that share a
 * word of its prefix, then indexes it. */
static void
join_one (Join       *join,
          GHashTable *index,
          guint       x)
{
  Prepared *p = &g_array_index (join->prepared, Prepared, x);
  g_autoptr(GArray) prefix = prefix_words (join, p);
  guint found = 0, compared = 0;

  for (guint k = 0; k < prefix->len; k++)
    {
      gpointer word = GUINT_TO_POINTER (g_array_index (prefix, guint, k));
      GArray *posting = g_hash_table_lookup (index, word);

      for (guint j = 0; posting != NULL && j < posting->len; j++)
        {
          guint y = g_array_index (posting, guint, j);
          Prepared *q = &g_array_index (join->prepared, Prepared, y);

          if (join->stamp[y] == x + 1)
            continue;
          join->stamp[y] = x + 1;
          if (++compared > MAX_COMPARED)
            goto index;
          if (prepared_conflict (p, q))
            {
              add_conflict (join, p, q);
              if (++found >= MAX_FOUND)
                goto index;
            }
        }
    }
index:
  for (guint k = 0; k < prefix->len; k++)
    {
      gpointer word = GUINT_TO_POINTER (g_array_index (prefix, guint, k));
      GArray *posting = g_hash_table_lookup (index, word);

      if (posting == NULL)
        g_hash_table_insert (index, word, posting = g_array_new (FALSE, FALSE, sizeof (guint)));
      g_array_append_val (posting, x);
    }
}

static void
join_key (Join   *join,
          GArray *members)
{
  g_autoptr(GHashTable) index = g_hash_table_new_full (NULL, NULL, NULL,
                                                       (GDestroyNotify) g_array_unref);

  for (guint i = 0; i < members->len; i++)
    join_one (join, index, g_array_index (members, guint, i));
}

static int
compare_conflicts (gconstpointer a,
                   gconstpointer b)
{
  const FmFigureConflict *x = *(FmFigureConflict * const *) a;
  const FmFigureConflict *y = *(FmFigureConflict * const *) b;

  if (x->figure->annotation_id != y->figure->annotation_id)
    return x->figure->annotation_id < y->figure->annotation_id ? -1 : 1;
  return x->other->annotation_id < y->other->annotation_id ? -1
         : x->other->annotation_id > y->other->annotation_id;
}

/* Prepares every figure that counts something, grouped by what it counts. */
static GHashTable *
group_by_key (Join      *join,
              GPtrArray *figures)
{
  GHashTable *groups = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                              (GDestroyNotify) g_array_unref);
  g_autoptr(GHashTable) vocabulary = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < figures->len; i++)
    {
      Prepared p = { 0 };
      GArray *members;
      guint at = join->prepared->len;

      if (!prepare (&p, g_ptr_array_index (figures, i), vocabulary))
        {
          prepared_clear (&p);
          continue;
        }
      g_array_append_val (join->prepared, p);
      if (!(members = g_hash_table_lookup (groups, p.key)))
        g_hash_table_insert (groups, p.key, members = g_array_new (FALSE, FALSE, sizeof (guint)));
      g_array_append_val (members, at);
    }
  return groups;
}

/**
 * fm_store_list_figure_conflicts:
 *
 * Returns: (transfer container) (element-type FmFigureConflict): every
 *   pair of figures in different articles that disagree, each once, by the
 *   annotation ids of the pair
 */
GPtrArray *
fm_store_list_figure_conflicts (FmStore  *store,
                                GError  **error)
{
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GHashTable) groups = NULL;
  g_autofree guint *stamp = NULL;
  Join join = { 0 };
  GHashTableIter iter;
  gpointer members;

  g_return_val_if_fail (FM_IS_STORE (store), NULL);

  if (!(figures = fm_store_list_figures (store, error)))
    return NULL;
  join.prepared = g_array_new (FALSE, TRUE, sizeof (Prepared));
  g_array_set_clear_func (join.prepared, (GDestroyNotify) prepared_clear);
  join.counts = g_array_new (FALSE, TRUE, sizeof (guint));
  join.conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_figure_conflict_free);
  groups = group_by_key (&join, figures);
  count_words (&join);
  join.stamp = stamp = g_new0 (guint, join.prepared->len);
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, NULL, &members))
    join_key (&join, members);
  g_ptr_array_sort (join.conflicts, compare_conflicts);
  /* The groups' keys belong to the prepared figures. */
  g_clear_pointer (&groups, g_hash_table_unref);
  g_array_unref (join.prepared);
  g_array_unref (join.counts);
  return join.conflicts;
}
