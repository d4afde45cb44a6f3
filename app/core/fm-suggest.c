/* fm-suggest.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-suggest"

#include "config.h"

#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>

#include "fm-suggest-private.h"

/* Suggestions are found by rules over the words and sentences of the text,
 * as ICU splits them (its word rules keep "3,000" and "4.8" whole and its
 * sentence rules know that "Mr." ends no sentence), with a small lexicon of
 * reporting verbs, units, titles and the like. Nothing is downloaded or
 * learnt: the same text always gives the same suggestions. */

G_DEFINE_BOXED_TYPE (FmSuggestion, fm_suggestion, fm_suggestion_copy, fm_suggestion_free)

FmSuggestion *
fm_suggestion_new (FmKind kind)
{
  FmSuggestion *s = g_new0 (FmSuggestion, 1);

  s->kind = kind;
  s->speaker_start = -1;
  s->speaker_end = -1;
  s->source_type = FM_SOURCE_TYPE_PERSON;
  s->rule = "";
  return s;
}

FmSuggestion *
fm_suggestion_copy (const FmSuggestion *suggestion)
{
  FmSuggestion *s;

  g_return_val_if_fail (suggestion != NULL, NULL);

  s = g_memdup2 (suggestion, sizeof *s);
  s->text = g_strdup (suggestion->text);
  s->unit = g_strdup (suggestion->unit);
  s->speaker_text = g_strdup (suggestion->speaker_text);
  s->speaker_name = g_strdup (suggestion->speaker_name);
  s->name = g_strdup (suggestion->name);
  if (suggestion->mentions)
    {
      s->mentions = g_array_sized_new (FALSE, FALSE, sizeof (FmSuggestSpan),
                                       suggestion->mentions->len);
      g_array_append_vals (s->mentions, suggestion->mentions->data, suggestion->mentions->len);
    }
  return s;
}

void
fm_suggestion_free (FmSuggestion *suggestion)
{
  if (suggestion == NULL)
    return;
  g_free (suggestion->text);
  g_free (suggestion->unit);
  g_free (suggestion->speaker_text);
  g_free (suggestion->speaker_name);
  g_free (suggestion->name);
  if (suggestion->mentions)
    g_array_unref (suggestion->mentions);
  g_free (suggestion);
}

/* The lexicon */

typedef struct
{
  guint32     lex;
  const char *words;
} LexEntry;

static const LexEntry lexicon[] = {
  { LEX_VERB, "said says say told tells added adds stated states wrote writes asked asks "
              "explained explains noted notes argued argues declared declares announced "
              "claimed claims insisted insists warned warns recalled recalls remarked "
              "described describes urged urges continued replied replies responded "
              "acknowledged admitted admits concluded suggested suggests emphasized "
              "emphasised stressed stresses tweeted posted commented observed mused "
              "quipped cautioned predicted vowed promised conceded complained testified "
              "reported confirmed denied labeled labelled labeling labelling saying "
              "telling adding writing calling called stating warning describing "
              "insisting noting arguing declaring explaining announced announces "
              "shouted yelled whispered pleaded boasted charged countered pledged pledges "
              "revealed reveals revealing pointed" },
  { LEX_PRONOUN, "he she they it we i" },
  { LEX_NUMWORD, "zero one two three four five six seven eight nine ten eleven twelve "
                 "thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty "
                 "thirty forty fifty sixty seventy eighty ninety hundred dozen half "
                 "third thirds quarter quarters fifth fifths twice thrice" },
  { LEX_MULT, "thousand million billion trillion bn mn tn" },
  { LEX_UNIT, "percent pct mile miles kilometre kilometres kilometer kilometers km metre "
              "metres meter meters m cm mm foot feet ft inch inches yard yards acre acres "
              "hectare hectares kg kilogram kilograms gram grams g lb lbs pound tonne tonnes "
              "ton tons ounce ounces litre litres liter liters gallon gallons barrel barrels "
              "degree degrees second seconds minute minutes hour hours day days week weeks "
              "month months year years decade decades century centuries mph kph km/h "
              "megawatt megawatts gigawatt gigawatts mw gw kw kwh watts volts point points "
              "times fold old storey story floor seat seats vote votes" },
  { LEX_MONTH, "january february march april may june july august september october november "
               "december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday "
               "thursday friday saturday sunday" },
  { LEX_TITLE, "president mr mrs ms miss dr prof professor sen senator rep representative "
               "gov governor mayor minister secretary general gen gov chancellor judge "
               "justice chief officer director ceo chairman chairwoman chair sir lord lady "
               "king queen prince princess pope rev father sister leader premier lt col "
               "capt captain sgt commissioner ambassador spokesman spokeswoman spokesperson "
               "prime foreign defense defence vice deputy former" },
  { LEX_STOP, "the a an in on at of for to from by with as but and or if when while after "
              "before since though although however this that these those there here it "
              "its his her their our my your we they he she i you what which who why how "
              "where so yet also then still even just only more most some many several all "
              "both each every no not nor any such one two three four five meanwhile "
              "according despite during over under about around nearly almost last next "
              "first new other another earlier later now today yesterday tomorrow" },
  { LEX_STREET, "street st avenue ave road rd boulevard blvd lane ln drive dr way place pl "
                "court ct square sq terrace highway" },
  { LEX_TIMEZONE, "a.m am p.m pm gmt utc bst cet cest est edt pst pdt et pt ct o'clock hrs" },
  { LEX_ORG, "agency ministry department party committee council commission association "
             "union bank office organization organisation institute group court government "
             "house post journal press times news network service foundation force forces "
             "university college school company corporation corp inc ltd llc co board "
             "bureau authority administration army navy police federation league center "
             "centre program programme fund reuters bloomberg afp ap bbc cnn nbc abc cbs "
             "kcna xinhua tass nato un eu who congress senate parliament assembly cabinet "
             "guardian telegraph tribune herald daily weekly magazine radio tv television "
             "channel club society alliance coalition review report" },
  { LEX_NAMING, "called titled entitled dubbed named nicknamed headlined slogan motto hashtag "
                "term phrase word words label song album film book movie show series "
                "so-called known" },
  { LEX_CURRENCY, "dollar dollars euro euros pound pounds yen yuan won rupee rupees rubles "
                  "roubles francs usd eur gbp" },
  { LEX_SECTION, "section article chapter paragraph clause amendment rule resolution title "
                 "page room flight route highway interstate" },
  { LEX_DESCR, "spokesman spokeswoman spokesperson official officials minister ministry "
               "president leader police authorities statement report analysts analyst "
               "experts expert officer officers agency government source sources "
               "researchers researcher scientists professor director chief aide aides "
               "lawyer lawyers attorney prosecutors prosecutor residents resident witnesses "
               "witness spokesmen diplomats diplomat observers critics supporters doctors "
               "doctor economist economists military" },
  { LEX_PLACE, "north south east west northern southern korea korean koreas china chinese russia "
               "russian america american americas united states kingdom japan japanese ukraine "
               "ukrainian iran iranian israel israeli gaza europe european africa african asia "
               "asian washington london moscow beijing paris berlin tokyo seoul pyongyang kyiv "
               "britain british france french germany german india indian pakistan syria iraq "
               "afghanistan canada mexico brazil australia taiwan city county province island "
               "islands republic democratic white pacific atlantic middle" },
  { LEX_ADVERB, "also has had have was is were would will later then previously famously "
                "once reportedly repeatedly recently further then has already again "
                "publicly privately bluntly simply never always often had openly flatly "
                "separately explicitly directly" },
};

static GHashTable *
get_lexicon (void)
{
  static gsize once;
  static GHashTable *table;

  if (g_once_init_enter (&once))
    {
      GHashTable *t = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < G_N_ELEMENTS (lexicon); i++)
        {
          g_auto(GStrv) words = g_strsplit (lexicon[i].words, " ", -1);

          for (guint j = 0; words[j]; j++)
            {
              gpointer old = g_hash_table_lookup (t, words[j]);
              const char *key = g_intern_string (words[j]);

              g_hash_table_insert (t, (gpointer) key,
                                   GUINT_TO_POINTER (GPOINTER_TO_UINT (old) | lexicon[i].lex));
            }
        }
      table = t;
      g_once_init_leave (&once, 1);
    }
  return table;
}

static guint32
lookup_lex (GHashTable *table,
            const char *bytes,
            gsize       len)
{
  char buf[24];

  if (len == 0 || len >= sizeof buf)
    return 0;
  for (gsize i = 0; i < len; i++)
    {
      if ((guchar) bytes[i] >= 0x80)
        return 0;
      buf[i] = g_ascii_tolower (bytes[i]);
    }
  buf[len] = '\0';
  return GPOINTER_TO_UINT (g_hash_table_lookup (table, buf));
}

/* Tokens */

typedef struct
{
  const UChar *u16;
  const char  *text;
  gint32       pos16;
  glong        cp;
  gsize        byte;
} Cursor;

static void
cursor_seek (Cursor *c,
             gint32  to)
{
  while (c->pos16 < to)
    {
      c->pos16 += U16_IS_LEAD (c->u16[c->pos16]) ? 2 : 1;
      c->cp++;
      c->byte += g_utf8_skip[(guchar) c->text[c->byte]];
    }
}

static gboolean
is_apostrophe (gunichar c)
{
  return c == '\'' || c == 0x2019;
}

static void
push_token (FmSuggestContext *ctx,
            GArray           *toks,
            GHashTable       *lex,
            FmTok            *t)
{
  gunichar first = ctx->cp[t->start];

  /* "Kim's" is the name and a possessive: names must stop before it. */
  if (t->type == TOK_WORD && t->end - t->start > 2
      && is_apostrophe (ctx->cp[t->end - 2]) && (ctx->cp[t->end - 1] == 's' || ctx->cp[t->end - 1] == 'S'))
    {
      FmTok poss = *t;
      gsize apos_bytes = ctx->cp[t->end - 2] == '\'' ? 1 : 3;

      t->end -= 2;
      t->bend -= apos_bytes + 1;
      poss.start = t->end;
      poss.bstart = t->bend;
      poss.type = TOK_PUNCT;
      poss.space_before = poss.newline_before = 0;
      push_token (ctx, toks, lex, t);
      poss.lex = 0;
      poss.cap = poss.all_caps = 0;
      g_array_append_val (toks, poss);
      return;
    }

  t->cap = g_unichar_isupper (first) || g_unichar_istitle (first);
  t->all_caps = t->cap;
  for (glong i = t->start + 1; t->all_caps && i < t->end; i++)
    if (g_unichar_islower (ctx->cp[i]))
      t->all_caps = 0;
  if (t->end - t->start < 2)
    t->all_caps = 0;
  t->lex = t->type == TOK_PUNCT ? 0 : lookup_lex (lex, ctx->text + t->bstart, t->bend - t->bstart);
  /* "UN", "AP", "WHO" are organisations; "Un" of Kim Jong Un and "who" are not. */
  if ((t->lex & LEX_ORG) && t->end - t->start <= 3 && !t->all_caps)
    t->lex &= ~LEX_ORG;
  g_array_append_val (toks, *t);
}

static gboolean
tokenize (FmSuggestContext *ctx,
          const UChar      *u16,
          gint32            n16)
{
  g_autoptr(GArray) toks = g_array_new (FALSE, FALSE, sizeof (FmTok));
  GHashTable *lex = get_lexicon ();
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator *bi = ubrk_open (UBRK_WORD, "en_US", u16, n16, &status);
  Cursor c = { u16, ctx->text, 0, 0, 0 };
  gboolean space = TRUE, newline = TRUE;
  gint32 prev;

  if (U_FAILURE (status))
    return FALSE;
  prev = ubrk_first (bi);
  for (gint32 next = ubrk_next (bi); next != UBRK_DONE; prev = next, next = ubrk_next (bi))
    {
      int32_t rule = ubrk_getRuleStatus (bi);
      FmTok t = { 0 };
      glong start;

      cursor_seek (&c, prev);
      start = c.cp;
      t.bstart = c.byte;
      cursor_seek (&c, next);
      t.start = start;
      t.end = c.cp;
      t.bend = c.byte;

      if (rule < UBRK_WORD_NONE_LIMIT && g_unichar_isspace (ctx->cp[start]))
        {
          space = TRUE;
          for (glong i = start; i < t.end; i++)
            if (ctx->cp[i] == '\n' || ctx->cp[i] == 0x2029)
              newline = TRUE;
          continue;
        }
      if (g_unichar_isdigit (ctx->cp[start]))
        t.type = TOK_NUMBER;
      else if (rule >= UBRK_WORD_NONE_LIMIT)
        t.type = TOK_WORD;
      else
        t.type = TOK_PUNCT;
      t.space_before = space;
      t.newline_before = newline;
      space = newline = FALSE;
      push_token (ctx, toks, lex, &t);
    }
  ubrk_close (bi);

  ctx->n_toks = toks->len;
  ctx->toks = (FmTok *) g_array_free (g_steal_pointer (&toks), FALSE);
  return TRUE;
}

/* Whether the sentence ICU ends before token @first goes on: the dot was
 * that of "Mr." or of an initial ("C. Eugene Steuerle", "Dana F. Besecker")
 * and a name follows it on the same line. */
static gboolean
sentence_goes_on (FmSuggestContext *ctx,
                  guint             first)
{
  static const char * const abbrevs[] = { "mr", "mrs", "ms", "dr", "prof", "sen", "rep", "gov",
                                          "gen", "lt", "col", "capt", "sgt", "rev", "st", "jr" };
  const FmTok *prev, *next = &ctx->toks[first];

  if (first < 2 || next->newline_before || next->type != TOK_WORD || !next->cap
      || (next->lex & LEX_STOP) || !fm_suggest_tok_is (ctx, first - 1, "."))
    return FALSE;
  prev = &ctx->toks[first - 2];
  if (prev->type != TOK_WORD || !prev->cap)
    return FALSE;
  if (prev->end - prev->start == 1)
    return TRUE;
  for (guint k = 0; k < G_N_ELEMENTS (abbrevs); k++)
    if (fm_suggest_tok_is (ctx, first - 2, abbrevs[k]))
      return TRUE;
  return FALSE;
}

static gboolean
split_sentences (FmSuggestContext *ctx,
                 const UChar      *u16,
                 gint32            n16)
{
  g_autoptr(GArray) firsts = g_array_new (FALSE, FALSE, sizeof (guint));
  UErrorCode status = U_ZERO_ERROR;
  UBreakIterator *bi = ubrk_open (UBRK_SENTENCE, "en_US", u16, n16, &status);
  Cursor c = { u16, ctx->text, 0, 0, 0 };
  guint tok = 0;

  if (U_FAILURE (status))
    return FALSE;
  ctx->tok_sent = g_new0 (guint, ctx->n_toks + 1);
  ubrk_first (bi);
  for (gint32 next = ubrk_next (bi); next != UBRK_DONE; next = ubrk_next (bi))
    {
      guint first = tok;
      gboolean goes_on = firsts->len > 0 && tok < ctx->n_toks && sentence_goes_on (ctx, tok);
      guint index = goes_on ? firsts->len - 1 : firsts->len;

      cursor_seek (&c, next);
      while (tok < ctx->n_toks && ctx->toks[tok].start < c.cp)
        {
          ctx->tok_sent[tok] = index;
          ctx->toks[tok].sentence = index & 0xffff;
          ctx->toks[tok].sent_start = tok == first && !goes_on;
          tok++;
        }
      if (tok > first && !goes_on)
        g_array_append_val (firsts, first);
    }
  ubrk_close (bi);
  /* ICU ends a sentence at a paragraph break too (a line feed is a separator). */
  ctx->n_sents = firsts->len;
  ctx->sent_first = (guint *) g_array_free (g_steal_pointer (&firsts), FALSE);
  return TRUE;
}

gboolean
fm_suggest_context_init (FmSuggestContext *ctx,
                         const char       *text)
{
  g_autofree UChar *u16 = NULL;
  UErrorCode status = U_ZERO_ERROR;
  gint32 n16 = 0;
  gsize len = strlen (text);

  memset (ctx, 0, sizeof *ctx);
  ctx->text = text;
  ctx->cp = g_utf8_to_ucs4_fast (text, -1, &ctx->n);
  ctx->out = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_suggestion_free);
  ctx->claims = g_ptr_array_new ();
  if (len > G_MAXINT32 / 2)
    return FALSE;

  u_strFromUTF8 (NULL, 0, &n16, text, (int32_t) len, &status);
  if (status != U_BUFFER_OVERFLOW_ERROR && U_FAILURE (status))
    return FALSE;
  status = U_ZERO_ERROR;
  u16 = g_new (UChar, n16 + 1);
  u_strFromUTF8 (u16, n16 + 1, NULL, text, (int32_t) len, &status);
  if (U_FAILURE (status))
    return FALSE;
  return tokenize (ctx, u16, n16) && split_sentences (ctx, u16, n16);
}

void
fm_suggest_context_clear (FmSuggestContext *ctx)
{
  g_free (ctx->cp);
  g_free (ctx->toks);
  g_free (ctx->sent_first);
  g_free (ctx->tok_sent);
  g_clear_pointer (&ctx->out, g_ptr_array_unref);
  g_clear_pointer (&ctx->claims, g_ptr_array_unref);
}

char *
fm_suggest_substring (FmSuggestContext *ctx,
                      glong             start,
                      glong             end)
{
  g_autoptr(GError) error = NULL;
  char *s;

  g_assert (start >= 0 && start <= end && end <= ctx->n);
  s = g_ucs4_to_utf8 (ctx->cp + start, end - start, NULL, NULL, &error);
  return s ? s : g_strdup ("");
}

gboolean
fm_suggest_tok_is (FmSuggestContext *ctx,
                   guint             i,
                   const char       *word)
{
  const FmTok *t;
  gsize len = strlen (word);

  if (i >= ctx->n_toks)
    return FALSE;
  t = &ctx->toks[i];
  return t->bend - t->bstart == len && g_ascii_strncasecmp (ctx->text + t->bstart, word, len) == 0;
}

/* Whether token @i is one of @words, case aside: the detectors' word lists. */
gboolean
fm_suggest_tok_in (FmSuggestContext   *ctx,
                   guint               i,
                   const char * const *words,
                   gsize               n_words)
{
  for (gsize k = 0; k < n_words; k++)
    if (fm_suggest_tok_is (ctx, i, words[k]))
      return TRUE;
  return FALSE;
}

gunichar
fm_suggest_tok_char (FmSuggestContext *ctx,
                     guint             i)
{
  return i < ctx->n_toks ? ctx->cp[ctx->toks[i].start] : 0;
}

/* The index of the first token that ends after @offset. */
guint
fm_suggest_tok_at (FmSuggestContext *ctx,
                   glong             offset)
{
  guint lo = 0, hi = ctx->n_toks;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (ctx->toks[mid].end <= offset)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/* Noun phrases that name a speaker */

static gboolean
is_name_word (FmSuggestContext *ctx,
              guint             i)
{
  const FmTok *t = &ctx->toks[i];

  if (t->type != TOK_WORD || !t->cap)
    return FALSE;
  /* "The" or "However" opening a sentence is no name. */
  if ((t->lex & (LEX_STOP | LEX_VERB | LEX_MONTH)) && !(t->lex & LEX_TITLE))
    return FALSE;
  return TRUE;
}

static gboolean
is_name_joint (FmSuggestContext *ctx,
               guint             i)
{
  /* Inside names: "Bank of England", "Ursula von der Leyen", "Mr. Smith". */
  static const char * const joints[] = { "of", "for", "de", "del", "der", "von", "van", "bin",
                                         "al", "la", "le", "du", "and", "&", "-" };

  for (guint k = 0; k < G_N_ELEMENTS (joints); k++)
    if (fm_suggest_tok_is (ctx, i, joints[k]))
      return !(g_str_equal (joints[k], "-") && (ctx->toks[i].space_before
                                                 || (i + 1 < ctx->n_toks && ctx->toks[i + 1].space_before)));
  return FALSE;
}

static gboolean
is_title_dot (FmSuggestContext *ctx,
              guint             i)
{
  /* The dot of "Mr." or of an initial ("J. Smith") inside a name. */
  return i > 0 && fm_suggest_tok_is (ctx, i, ".")
         && ((ctx->toks[i - 1].lex & LEX_TITLE)
             || (ctx->toks[i - 1].end - ctx->toks[i - 1].start == 1 && ctx->toks[i - 1].cap));
}

static guint
name_extent_back (FmSuggestContext *ctx,
                  guint             last,
                  guint             limit)
{
  guint first = last;

  while (first > limit)
    {
      guint j = first - 1;

      if (is_name_word (ctx, j) && !ctx->toks[first].newline_before)
        first = j;
      else if (is_title_dot (ctx, j) && !ctx->toks[first].newline_before)
        first = j;
      else if (j > limit && is_name_joint (ctx, j) && is_name_word (ctx, j - 1))
        first = j - 1;
      else
        break;
    }
  return first;
}

static guint
name_extent_forward (FmSuggestContext *ctx,
                     guint             first)
{
  guint last = first;

  while (last + 1 < ctx->n_toks && !ctx->toks[last + 1].newline_before)
    {
      guint j = last + 1;

      if (is_name_word (ctx, j) || is_title_dot (ctx, j))
        last = j;
      else if (j + 1 < ctx->n_toks && is_name_joint (ctx, j) && is_name_word (ctx, j + 1))
        last = j + 1;
      else
        break;
    }
  /* A name ends with a word, not with "Mr." */
  while (last > first && ctx->toks[last].type == TOK_PUNCT)
    last--;
  return last;
}

static gboolean
is_ly_adverb (FmSuggestContext *ctx,
              guint             i)
{
  const FmTok *t = &ctx->toks[i];

  /* "famously said", "later told": -ly words other than names ("Kelly"). */
  return !t->cap && t->end - t->start > 4 && ctx->cp[t->end - 2] == 'l' && ctx->cp[t->end - 1] == 'y';
}

static gboolean
is_determiner (FmSuggestContext *ctx,
               guint             i)
{
  static const char * const dets[] = { "the", "a", "an", "his", "her", "its", "their", "our",
                                       "one", "two", "three", "several", "some", "many",
                                       "other", "another", "both" };

  for (guint k = 0; k < G_N_ELEMENTS (dets); k++)
    if (fm_suggest_tok_is (ctx, i, dets[k]))
      return TRUE;
  return FALSE;
}

/**
 * fm_suggest_np_before:
 * @verb: the reporting verb
 * @limit: the first token the phrase may start at
 *
 * Finds the subject of @verb just before it: a pronoun, a name, or a
 * description such as "the spokesman" or "officials", skipping the adverbs
 * and auxiliaries between ("he also said", "Smith has said").
 */
gboolean
fm_suggest_np_before (FmSuggestContext *ctx,
                      guint             verb,
                      guint             limit,
                      guint            *first,
                      guint            *last)
{
  guint j = verb;

  while (j > limit && j - verb < 4 && (ctx->toks[j - 1].lex & LEX_ADVERB)
         && !(ctx->toks[j - 1].lex & LEX_PRONOUN))
    j--;
  while (j > limit && ctx->toks[j - 1].type == TOK_WORD && verb - j < 3
         && is_ly_adverb (ctx, j - 1))
    j--;
  if (j <= limit)
    return FALSE;
  j--;
  if (ctx->toks[j].lex & LEX_PRONOUN)
    {
      *first = *last = j;
      return TRUE;
    }
  if (is_name_word (ctx, j))
    {
      *last = j;
      *first = name_extent_back (ctx, j, limit);
      /* "the Foreign Ministry", "a BBC reporter": keep the determiner. */
      if (*first > limit && is_determiner (ctx, *first - 1))
        (*first)--;
      return TRUE;
    }
  /* "the company claims", "the agency said": a common noun for an organisation;
   * "the Labour party said": the name before it is part of it. */
  if ((ctx->toks[j].lex & LEX_ORG) && !ctx->toks[j].cap && ctx->toks[j].type == TOK_WORD
      && j > limit && (is_determiner (ctx, j - 1) || is_name_word (ctx, j - 1)))
    {
      *first = is_name_word (ctx, j - 1) ? name_extent_back (ctx, j - 1, limit) : j - 1;
      *last = j;
      return TRUE;
    }
  if ((ctx->toks[j].lex & LEX_DESCR) && ctx->toks[j].type == TOK_WORD)
    {
      guint k = j;

      *last = j;
      while (k > limit && j - k < 4 && ctx->toks[k - 1].type == TOK_WORD
             && !(ctx->toks[k - 1].lex & (LEX_VERB | LEX_PRONOUN)))
        {
          k--;
          if (is_determiner (ctx, k))
            break;
        }
      *first = k;
      return TRUE;
    }
  return FALSE;
}

gboolean
fm_suggest_np_after (FmSuggestContext *ctx,
                     guint             from,
                     guint             limit,
                     guint            *first,
                     guint            *last)
{
  guint j = from;

  if (j >= limit || j >= ctx->n_toks)
    return FALSE;
  if (ctx->toks[j].lex & LEX_PRONOUN && ctx->toks[j].type == TOK_WORD)
    {
      *first = *last = j;
      return TRUE;
    }
  if (is_determiner (ctx, j) && j + 1 < limit)
    {
      /* "said the spokesman", "said a statement from the ministry". */
      for (guint k = j + 1; k < limit && k <= j + 4; k++)
        {
          if (ctx->toks[k].type != TOK_WORD)
            break;
          if ((ctx->toks[k].lex & LEX_DESCR) || is_name_word (ctx, k))
            {
              *first = j;
              *last = is_name_word (ctx, k) ? MIN (name_extent_forward (ctx, k), limit - 1) : k;
              /* "the Obama administration": a name before a common noun for
               * an organisation is no more than a modifier of it. */
              if (is_name_word (ctx, k) && *last + 1 < limit && ctx->toks[*last + 1].type == TOK_WORD
                  && !ctx->toks[*last + 1].cap && (ctx->toks[*last + 1].lex & LEX_ORG))
                {
                  *first = k;
                  *last += 1;
                }
              return TRUE;
            }
        }
      return FALSE;
    }
  if (is_name_word (ctx, j))
    {
      guint k;

      *first = j;
      *last = MIN (name_extent_forward (ctx, j), limit - 1);
      /* "North Korean leader Kim Jong Un": the person after the title. */
      k = *last + 1;
      if (k + 1 < limit && ctx->toks[k].type == TOK_WORD && !ctx->toks[k].cap
          && (ctx->toks[k].lex & (LEX_TITLE | LEX_DESCR)) && is_name_word (ctx, k + 1))
        *last = MIN (name_extent_forward (ctx, k + 1), limit - 1);
      return TRUE;
    }
  if ((ctx->toks[j].lex & (LEX_DESCR | LEX_TITLE)) && ctx->toks[j].type == TOK_WORD)
    {
      /* "says president David Weisbrot": the name after a lower-case title. */
      if (j + 1 < limit && is_name_word (ctx, j + 1))
        {
          *first = j + 1;
          *last = MIN (name_extent_forward (ctx, j + 1), limit - 1);
          return TRUE;
        }
      if (!(ctx->toks[j].lex & LEX_DESCR))
        return FALSE;
      *first = *last = j;
      return TRUE;
    }
  return FALSE;
}

gboolean
fm_suggest_is_person_name (FmSuggestContext *ctx,
                           guint             first,
                           guint             last)
{
  guint words = 0;

  for (guint i = first; i <= last; i++)
    {
      const FmTok *t = &ctx->toks[i];

      if (t->lex & (LEX_ORG | LEX_PLACE))
        return FALSE;
      if (t->type == TOK_WORD && !(t->lex & LEX_STOP))
        words++;
      if (t->type == TOK_WORD && !t->cap && !is_name_joint (ctx, i))
        return FALSE;
    }
  if (first == last && ctx->toks[first].all_caps)
    return FALSE;
  return words >= 1 && words <= 5;
}

/* Running the detectors */

static int
compare_suggestions (gconstpointer a,
                     gconstpointer b)
{
  const FmSuggestion *x = *(const FmSuggestion * const *) a;
  const FmSuggestion *y = *(const FmSuggestion * const *) b;

  if (x->start != y->start)
    return x->start < y->start ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return (x->end > y->end) - (x->end < y->end);
}

/**
 * fm_suggest_text:
 * @text: a canonical article text (UTF-8, NFC)
 * @kinds: which kinds to suggest, a mask of FM_SUGGEST_KIND_BIT()
 *
 * Runs the detectors over @text.
 *
 * Returns: (transfer full) (element-type FmSuggestion): the suggestions in
 *   the order of their start
 */
GPtrArray *
fm_suggest_text (const char *text,
                 guint       kinds)
{
  FmSuggestContext ctx;
  GPtrArray *result;

  g_return_val_if_fail (text != NULL, NULL);

  if (!fm_suggest_context_init (&ctx, text))
    {
      fm_suggest_context_clear (&ctx);
      return g_ptr_array_new_with_free_func ((GDestroyNotify) fm_suggestion_free);
    }
  if (kinds & FM_SUGGEST_KIND_BIT (FM_KIND_FIGURE))
    fm_suggest_figures (&ctx);
  /* Sources are mostly the speakers of quotes, so quotes run for them too. */
  if (kinds & (FM_SUGGEST_KIND_BIT (FM_KIND_CLAIM) | FM_SUGGEST_KIND_BIT (FM_KIND_SOURCE)))
    {
      fm_suggest_quotes (&ctx);
      fm_suggest_reported (&ctx);
    }
  /* Sources name the entity each claim's speaker stands for. */
  if (kinds & (FM_SUGGEST_KIND_BIT (FM_KIND_CLAIM) | FM_SUGGEST_KIND_BIT (FM_KIND_SOURCE)))
    fm_suggest_sources (&ctx);

  result = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_suggestion_free);
  for (guint i = 0; i < ctx.out->len; i++)
    {
      FmSuggestion *s = g_ptr_array_index (ctx.out, i);

      if (kinds & FM_SUGGEST_KIND_BIT (s->kind))
        g_ptr_array_add (result, g_steal_pointer (&ctx.out->pdata[i]));
    }
  fm_suggest_context_clear (&ctx);
  g_ptr_array_sort (result, compare_suggestions);
  return result;
}
