/* fm-suggest-quotes.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-suggest"

#include "config.h"

#include <string.h>

#include "fm-suggest-private.h"

/* Direct quotes: words between quotation marks, paired over the code
 * points (straight or typographic, mixed as pages mix them, the inner
 * single marks left alone), kept when they read as speech and not as a
 * title or a term, with the speaker the reporting verb next to them names.
 * Reported speech: "X said (that) ...", "according to X, ...". */

#define T(i) (ctx->toks[(i)])

/* A quotation longer than this without its closing mark is a stray mark. */
#define MAX_QUOTE_CHARS 4000

typedef struct
{
  glong    open;     /* The opening mark. */
  glong    close;    /* The closing mark, or the end of the paragraph. */
  gboolean runs_on;  /* Continued in the next paragraph. */
  gboolean continued;
} RawQuote;

static gboolean
is_open_mark (gunichar c)
{
  return c == 0x201C || c == 0x201E || c == 0x00AB;
}

static gboolean
is_close_mark (gunichar c)
{
  return c == 0x201D || c == 0x00BB;
}

static gboolean
straight_opens (FmSuggestContext *ctx,
                glong             p)
{
  gunichar before = p > 0 ? ctx->cp[p - 1] : ' ';
  gunichar after = p + 1 < ctx->n ? ctx->cp[p + 1] : ' ';

  if (g_unichar_isspace (after))
    return FALSE;
  return g_unichar_isspace (before) || before == '(' || before == '[' || before == 0x2014
         || before == 0x2013 || before == ':' || before == '-' || before == '/';
}

static glong
next_paragraph_start (FmSuggestContext *ctx,
                      glong             p)
{
  while (p < ctx->n && g_unichar_isspace (ctx->cp[p]))
    p++;
  return p;
}

static GArray *
pair_marks (FmSuggestContext *ctx)
{
  GArray *quotes = g_array_new (FALSE, FALSE, sizeof (RawQuote));
  glong open = -1;
  gboolean continued = FALSE;

  for (glong p = 0; p < ctx->n; p++)
    {
      gunichar c = ctx->cp[p];

      if (c == '\n' || c == 0x2029)
        {
          if (open >= 0)
            {
              glong next = next_paragraph_start (ctx, p);

              /* A quote running over paragraphs opens each of them again
               * and closes only in the last. */
              if (next < ctx->n && (is_open_mark (ctx->cp[next]) || ctx->cp[next] == '"'))
                {
                  RawQuote q = { open, p, TRUE, continued };

                  g_array_append_val (quotes, q);
                  continued = TRUE;
                  open = next;
                  p = next;
                  continue;
                }
            }
          open = -1;
          continued = FALSE;
          continue;
        }
      if (open < 0)
        {
          if (is_open_mark (c) || (c == '"' && straight_opens (ctx, p)))
            open = p;
          continue;
        }
      if (is_close_mark (c) || c == '"')
        {
          RawQuote q = { open, p, FALSE, continued };

          if (p - open <= MAX_QUOTE_CHARS)
            g_array_append_val (quotes, q);
          open = -1;
          continued = FALSE;
        }
      else if (is_open_mark (c) && p - open > MAX_QUOTE_CHARS)
        open = p;
    }
  return quotes;
}

typedef struct
{
  guint       first;
  guint       last;
  const char *rule;
  double      score;
} Speaker;

static gboolean
is_quote_mark (FmSuggestContext *ctx,
               guint             i)
{
  gunichar c = fm_suggest_tok_char (ctx, i);

  return T (i).type == TOK_PUNCT && (c == '"' || is_open_mark (c) || is_close_mark (c));
}

static gboolean
is_stop_punct (FmSuggestContext *ctx,
               guint             i)
{
  gunichar c = fm_suggest_tok_char (ctx, i);

  return T (i).type == TOK_PUNCT && (c == '.' || c == '!' || c == '?' || c == ';' || c == ':'
                                     || c == '(' || is_quote_mark (ctx, i));
}

/* A stop mark, other than the dot of "Mr." or of an initial that the
 * sentence goes on after. */
static gboolean
ends_attribution (FmSuggestContext *ctx,
                  guint             i)
{
  if (!is_stop_punct (ctx, i))
    return FALSE;
  return !(fm_suggest_tok_is (ctx, i, ".") && i + 1 < ctx->n_toks && T (i + 1).sentence == T (i).sentence);
}

/* "de Miranda", "van Gogh": the lower-case particle opening a name. */
static gboolean
is_name_particle (FmSuggestContext *ctx,
                  guint             i)
{
  static const char * const particles[] = { "de", "del", "der", "van", "von", "al", "la", "le",
                                            "du", "da", "di", "bin", "ten", "ter" };

  for (guint k = 0; k < G_N_ELEMENTS (particles); k++)
    if (fm_suggest_tok_is (ctx, i, particles[k]) && !T (i).cap)
      return TRUE;
  return FALSE;
}

/* "White House press secretary" before "Josh Earnest told": a title of
 * words, no function word or verb among them, that has a title word. */
static gboolean
is_title_phrase (FmSuggestContext *ctx,
                 guint             first,
                 guint             end)
{
  gboolean titled = FALSE;

  for (guint k = first; k < end; k++)
    {
      if (T (k).type != TOK_WORD || (T (k).lex & (LEX_STOP | LEX_VERB | LEX_PRONOUN)))
        return FALSE;
      if (T (k).lex & (LEX_TITLE | LEX_DESCR))
        titled = TRUE;
    }
  return titled;
}

/* "…,” Smith said", "…,” said the spokesman", "…,” he told reporters". */
static gboolean
attribution_after (FmSuggestContext *ctx,
                   guint             j,
                   Speaker          *sp)
{
  guint stop, v = G_MAXUINT;

  while (j < ctx->n_toks && T (j).type == TOK_PUNCT && !is_stop_punct (ctx, j) && !T (j).newline_before)
    j++;
  if (j >= ctx->n_toks || T (j).newline_before || T (j).type == TOK_PUNCT)
    return FALSE;
  for (stop = j; stop < ctx->n_toks && stop < j + 11; stop++)
    {
      if ((stop > j && T (stop).newline_before) || ends_attribution (ctx, stop)
          || (stop > j && fm_suggest_tok_is (ctx, stop, ",")))
        break;
      if (v == G_MAXUINT && (T (stop).lex & LEX_VERB) && T (stop).type == TOK_WORD)
        v = stop;
    }
  if (v == G_MAXUINT)
    return FALSE;
  if (v == j)
    {
      if (!fm_suggest_np_after (ctx, v + 1, MAX (stop, v + 1), &sp->first, &sp->last))
        return FALSE;
      sp->rule = "quote-verb-speaker";
      sp->score = 0.95;
      return TRUE;
    }
  if (!fm_suggest_np_before (ctx, v, j, &sp->first, &sp->last))
    return FALSE;
  if (sp->first == j + 1 && is_name_particle (ctx, j))
    sp->first = j;
  if (sp->first != j && !is_title_phrase (ctx, j, sp->first))
    return FALSE;
  sp->rule = "quote-speaker-verb";
  sp->score = 0.95;
  return TRUE;
}

/* "“…the Palestinians” to hold up on their plans, Indyk said.": the quote
 * runs on into unquoted words, and the attribution closes the sentence
 * after the last comma. */
static gboolean
attribution_ending_sentence (FmSuggestContext *ctx,
                             guint             j,
                             Speaker          *sp)
{
  guint k, comma = G_MAXUINT;

  if (j >= ctx->n_toks || T (j).type != TOK_WORD || T (j).newline_before)
    return FALSE;
  for (k = j; k < ctx->n_toks && k < j + 30; k++)
    {
      if ((k > j && T (k).newline_before) || is_quote_mark (ctx, k) || ends_attribution (ctx, k))
        break;
      if (fm_suggest_tok_is (ctx, k, ","))
        comma = k;
    }
  if (comma == G_MAXUINT || k >= ctx->n_toks || !ends_attribution (ctx, k) || is_quote_mark (ctx, k)
      || k - comma > 7)
    return FALSE;
  /* The words before the comma report nothing of their own. */
  for (guint w = j; w < comma; w++)
    if ((T (w).lex & LEX_VERB) && T (w).type == TOK_WORD)
      return FALSE;
  if (!attribution_after (ctx, comma + 1, sp))
    return FALSE;
  sp->rule = "quote-speaker-ends-sentence";
  sp->score = 0.8;
  return TRUE;
}

/* "U.N.", "U.S.": a word of initials with inner dots, or one letter. */
static gboolean
is_initials (FmSuggestContext *ctx,
             guint             i)
{
  return T (i).type == TOK_WORD && T (i).cap
         && (T (i).end - T (i).start == 1
             || memchr (ctx->text + T (i).bstart, '.', T (i).bend - T (i).bstart) != NULL);
}

/* The sentence's first token, where the dot of "the U.N. General Assembly"
 * ends no sentence, whatever ICU's breaks say. */
static guint
sentence_start_of (FmSuggestContext *ctx,
                   guint             i)
{
  guint start = ctx->sent_first[ctx->tok_sent[i]];

  while (start > 1 && !T (start).newline_before && T (start).cap && !(T (start).lex & LEX_STOP)
         && fm_suggest_tok_is (ctx, start - 1, ".") && is_initials (ctx, start - 2))
    start = ctx->sent_first[ctx->tok_sent[start - 2]];
  return start;
}

/* The first name or pronoun of the sentence: its subject, for "..., labeling
 * it “…”" and "..., saying “…”". */
static gboolean
sentence_subject (FmSuggestContext *ctx,
                  guint             from,
                  guint             to,
                  Speaker          *sp)
{
  for (guint k = from; k < to && k < from + 12; k++)
    if (fm_suggest_np_after (ctx, k, to, &sp->first, &sp->last))
      return TRUE;
  return FALSE;
}

/* "... the Labour party, which tried to rally voters by saying that they
 * were “…”": the subject of the relative clause holding the verb is the
 * noun phrase before ", which", not the subject of the sentence. */
static gboolean
relative_antecedent (FmSuggestContext *ctx,
                     guint             start,
                     guint             verb,
                     Speaker          *sp)
{
  for (guint w = verb; w > start + 1 && verb - w < 15; w--)
    {
      guint k = w - 1;

      if (T (k).type == TOK_PUNCT && !fm_suggest_tok_is (ctx, k, ",") && !fm_suggest_tok_is (ctx, k, "-"))
        return FALSE;
      if ((fm_suggest_tok_is (ctx, k, "which") || fm_suggest_tok_is (ctx, k, "who"))
          && fm_suggest_tok_is (ctx, k - 1, ","))
        return fm_suggest_np_before (ctx, k - 1, start, &sp->first, &sp->last);
    }
  return FALSE;
}

static gboolean
has_quote_mark (FmSuggestContext *ctx,
                guint             first,
                guint             end)
{
  for (guint k = first; k < end; k++)
    if (is_quote_mark (ctx, k))
      return TRUE;
  return FALSE;
}

/* A quote the sentence before it introduces without a reporting verb has
 * that sentence's subject for its speaker: "Alverson summed up the journey:
 * “…”", or "Schultze once summed up the danger with a metaphor. “…”" when
 * the quote is a sentence of its own in the same paragraph. */
static gboolean
introduced_before (FmSuggestContext *ctx,
                   guint             open,
                   guint             start,
                   Speaker          *sp)
{
  guint s = ctx->tok_sent[open], from, to;

  if (open > start && fm_suggest_tok_is (ctx, open - 1, ":"))
    {
      from = start;
      to = open - 1;
    }
  else if (open == start && s > 0 && !T (open).newline_before)
    {
      from = ctx->sent_first[s - 1];
      to = open;
      if (has_quote_mark (ctx, from, to))
        return FALSE;
    }
  else
    return FALSE;
  /* The subject opens the sentence, maybe after "But" or "Then". */
  for (guint k = from; k < to && k < from + 2; k++)
    if (fm_suggest_np_after (ctx, k, to, &sp->first, &sp->last))
      {
        if (!fm_suggest_is_person_name (ctx, sp->first, sp->last))
          return FALSE;
        sp->rule = "quote-introduced-before";
        sp->score = 0.6;
        return TRUE;
      }
  return FALSE;
}

/* "Smith said: “…”", "according to the ministry, “…”", "he described it
 * as “…”". @open is the token of the opening mark. */
static gboolean
attribution_before (FmSuggestContext *ctx,
                    guint             open,
                    guint             limit,
                    Speaker          *sp)
{
  guint start = sentence_start_of (ctx, open);

  /* "He said:" ending the paragraph before. */
  if (start == open && open > 0 && fm_suggest_tok_is (ctx, open - 1, ":"))
    start = sentence_start_of (ctx, open - 1);
  start = MAX (start, limit);
  if (open == start)
    return open > limit && introduced_before (ctx, open, start, sp);

  for (guint v = open; v > start && open - v < 20; v--)
    {
      guint k = v - 1;

      if (is_quote_mark (ctx, k))
        return FALSE;
      if (fm_suggest_tok_is (ctx, k, "according") && fm_suggest_tok_is (ctx, k + 1, "to"))
        {
          if (!fm_suggest_np_after (ctx, k + 2, open, &sp->first, &sp->last))
            return FALSE;
          sp->rule = "quote-according-to";
          sp->score = 0.9;
          return TRUE;
        }
      if (!((T (k).lex & LEX_VERB) && T (k).type == TOK_WORD) || (T (k).lex & LEX_NAMING && open - k < 2))
        continue;
      sp->score = 0.9;
      if (fm_suggest_np_before (ctx, k, start, &sp->first, &sp->last))
        {
          sp->rule = "quote-speaker-verb-before";
          return TRUE;
        }
      if (fm_suggest_np_after (ctx, k + 1, open, &sp->first, &sp->last)
          && !(T (sp->first).lex & LEX_PRONOUN && !fm_suggest_tok_is (ctx, k, "said")))
        {
          sp->rule = "quote-verb-speaker-before";
          return TRUE;
        }
      if (relative_antecedent (ctx, start, k, sp))
        {
          sp->rule = "quote-relative-subject";
          sp->score = 0.75;
          return TRUE;
        }
      if (sentence_subject (ctx, start, k, sp))
        {
          sp->rule = "quote-subject-before";
          sp->score = 0.75;
          return TRUE;
        }
      return FALSE;
    }
  return introduced_before (ctx, open, start, sp);
}

static void
count_words (FmSuggestContext *ctx,
             guint             first,
             guint             end,
             guint            *words,
             guint            *caps)
{
  *words = *caps = 0;
  for (guint k = first; k < end; k++)
    {
      if (T (k).type == TOK_PUNCT)
        continue;
      (*words)++;
      if (T (k).cap && !(T (k).lex & LEX_STOP))
        (*caps)++;
      else if (!T (k).cap && !(T (k).lex & LEX_STOP))
        ;
      else if (T (k).lex & LEX_STOP && T (k).cap)
        (*caps)++;
    }
}

/* A title ("The Art of the Deal"), a term or a scare quote rather than
 * words someone said. */
static gboolean
is_title_or_term (FmSuggestContext *ctx,
                  guint             first,
                  guint             end,
                  guint             open)
{
  guint words, caps, lower = 0;
  gunichar last = end > first ? fm_suggest_tok_char (ctx, end - 1) : 0;

  count_words (ctx, first, end, &words, &caps);
  if (words < 3)
    return TRUE;
  for (guint k = first; k < end; k++)
    if (T (k).type == TOK_WORD && !T (k).cap && !(T (k).lex & LEX_STOP))
      lower++;
  /* Title case, with no sentence punctuation. */
  if (lower == 0 && last != '.' && last != '!' && last != '?' && last != ',' && words <= 12)
    return TRUE;
  /* "a group called “...”", "the so-called “...”". */
  for (guint k = open; k > 0 && open - k < 3; k--)
    if ((T (k - 1).lex & LEX_NAMING) && !(T (k - 1).lex & LEX_VERB) && words < 6)
      return TRUE;
  return FALSE;
}

static void
add_claim (FmSuggestContext *ctx,
           FmSuggestionForm  form,
           glong             start,
           glong             end,
           const Speaker    *sp,
           const char       *rule,
           double            score)
{
  FmSuggestion *s = fm_suggestion_new (FM_KIND_CLAIM);

  /* The span holds the words, not the spaces around them. */
  while (start < end && g_unichar_isspace (ctx->cp[start]))
    start++;
  while (end > start && g_unichar_isspace (ctx->cp[end - 1]))
    end--;
  s->form = form;
  s->start = start;
  s->end = end;
  s->text = fm_suggest_substring (ctx, start, end);
  s->rule = rule;
  s->score = score;
  if (sp != NULL)
    {
      s->speaker_start = T (sp->first).start;
      s->speaker_end = T (sp->last).end;
      s->speaker_text = fm_suggest_substring (ctx, s->speaker_start, s->speaker_end);
    }
  g_ptr_array_add (ctx->out, s);
  g_ptr_array_add (ctx->claims, s);
}

void
fm_suggest_quotes (FmSuggestContext *ctx)
{
  g_autoptr(GArray) raw = pair_marks (ctx);
  Speaker last_sp = { 0 };
  gboolean have_last = FALSE;
  guint last_close_tok = 0, limit = 0;

  for (guint q = 0; q < raw->len; q++)
    {
      RawQuote *r = &g_array_index (raw, RawQuote, q);
      guint open = fm_suggest_tok_at (ctx, r->open);
      guint first = open + 1;
      guint close = fm_suggest_tok_at (ctx, r->close);
      guint after = r->runs_on ? close : close + 1;
      Speaker sp = { 0 };
      gboolean found;

      if (open >= ctx->n_toks || T (open).start != r->open)
        continue;
      if (!r->continued && is_title_or_term (ctx, first, close, open))
        {
          limit = after;
          continue;
        }
      found = attribution_after (ctx, after, &sp) || attribution_before (ctx, open, limit, &sp);
      /* A reporting verb before the quote wins over one closing the
       * sentence after it ("X said that the “…” as Y reported"), and one
       * in the quote's own sentence over the sentence before. */
      if (!found || g_str_equal (sp.rule, "quote-introduced-before"))
        {
          Speaker closing = { 0 };

          if (attribution_ending_sentence (ctx, after, &closing))
            {
              sp = closing;
              found = TRUE;
            }
        }
      /* A split quote, or one running on from the paragraph before, has
       * the speaker of the quote just before it. */
      if (!found && have_last
          && (r->continued || ctx->tok_sent[open] <= ctx->tok_sent[MIN (last_close_tok, ctx->n_toks - 1)] + 1))
        {
          sp = last_sp;
          sp.rule = "quote-continued";
          sp.score = 0.8;
          found = TRUE;
        }
      if (!found)
        {
          guint words, caps;

          count_words (ctx, first, close, &words, &caps);
          limit = after;
          if (words < 8)
            continue;
          add_claim (ctx, FM_SUGGESTION_FORM_DIRECT, r->open + 1, r->close, NULL,
                     "quote-unattributed", 0.5);
          continue;
        }
      add_claim (ctx, FM_SUGGESTION_FORM_DIRECT, r->open + 1, r->close, &sp, sp.rule, sp.score);
      last_sp = sp;
      have_last = TRUE;
      /* The next quote may follow the attribution rather than this quote. */
      last_close_tok = MAX (after, sp.last);
      limit = after;
    }
}

/* Reported speech */

static guint
sentence_end_of (FmSuggestContext *ctx,
                 guint             s)
{
  return s + 1 < ctx->n_sents ? ctx->sent_first[s + 1] : ctx->n_toks;
}

static gboolean
is_said_verb (FmSuggestContext *ctx,
              guint             k)
{
  static const char * const verbs[] = { "said", "says", "told", "added", "stated", "claimed",
                                        "argued", "warned", "announced", "insisted", "noted",
                                        "explained", "confirmed", "reported", "wrote",
                                        "acknowledged", "admitted", "estimated" };

  if (fm_suggest_tok_in (ctx, k, verbs, G_N_ELEMENTS (verbs)))
    return TRUE;
  return FALSE;
}

/* Where the reported clause starts after "said": after "that", or at its
 * subject; not after "said on Monday in a statement". */
static guint
clause_after_verb (FmSuggestContext *ctx,
                   guint             v,
                   guint             end)
{
  guint k = v + 1;

  if (fm_suggest_tok_is (ctx, v, "told"))
    {
      /* "told reporters that", "told the BBC that". */
      while (k < end && k < v + 5 && !fm_suggest_tok_is (ctx, k, "that"))
        k++;
      return fm_suggest_tok_is (ctx, k, "that") ? k + 1 : G_MAXUINT;
    }
  for (guint j = k; j < end && j < v + 7; j++)
    {
      if (fm_suggest_tok_is (ctx, j, "that"))
        return j + 1;
      if (T (j).type == TOK_PUNCT && !fm_suggest_tok_is (ctx, j, ","))
        break;
    }
  if (k < end && ((T (k).lex & LEX_PRONOUN) || fm_suggest_tok_is (ctx, k, "the")
                  || (T (k).cap && T (k).type == TOK_WORD)))
    return k;
  return G_MAXUINT;
}

static void
add_reported (FmSuggestContext *ctx,
              guint             first,
              guint             end,
              const Speaker    *sp,
              const char       *rule)
{
  guint words = 0;

  while (end > first && T (end - 1).type == TOK_PUNCT)
    end--;
  for (guint k = first; k < end; k++)
    if (T (k).type != TOK_PUNCT)
      words++;
  if (words < 4)
    return;
  add_claim (ctx, FM_SUGGESTION_FORM_REPORTED, T (first).start, T (end - 1).end, sp, rule, 0.6);
}

static gboolean
reported_according (FmSuggestContext *ctx,
                    guint             first,
                    guint             end)
{
  Speaker sp = { 0 };

  for (guint k = first; k + 2 < end; k++)
    {
      if (!fm_suggest_tok_is (ctx, k, "according") || !fm_suggest_tok_is (ctx, k + 1, "to"))
        continue;
      if (!fm_suggest_np_after (ctx, k + 2, end, &sp.first, &sp.last))
        return FALSE;
      if (k == first)
        {
          /* "According to X, CLAUSE." */
          guint c = sp.last + 1;

          while (c < end && !fm_suggest_tok_is (ctx, c, ","))
            c++;
          if (c + 1 >= end)
            return FALSE;
          add_reported (ctx, c + 1, end, &sp, "reported-according-to");
          return TRUE;
        }
      if (k > first + 1 && fm_suggest_tok_is (ctx, k - 1, ","))
        {
          /* "CLAUSE, according to X." */
          add_reported (ctx, first, k - 1, &sp, "reported-according-to");
          return TRUE;
        }
      return FALSE;
    }
  return FALSE;
}

void
fm_suggest_reported (FmSuggestContext *ctx)
{
  for (guint s = 0; s < ctx->n_sents; s++)
    {
      guint first = ctx->sent_first[s], end = sentence_end_of (ctx, s);

      if (has_quote_mark (ctx, first, end) || reported_according (ctx, first, end))
        continue;
      for (guint v = first + 1; v < end && v < first + 12; v++)
        {
          Speaker sp = { 0 };
          guint clause;

          if (!is_said_verb (ctx, v))
            continue;
          if (!fm_suggest_np_before (ctx, v, first, &sp.first, &sp.last))
            break;
          /* The speaker opens the sentence or its clause. */
          if (sp.first != first && !(sp.first > first && T (sp.first - 1).type == TOK_PUNCT))
            break;
          clause = clause_after_verb (ctx, v, end);
          if (clause != G_MAXUINT && clause < end)
            add_reported (ctx, clause, end, &sp, "reported-said");
          break;
        }
    }
}
