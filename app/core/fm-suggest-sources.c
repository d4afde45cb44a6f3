/* fm-suggest-sources.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-suggest"

#include "config.h"

#include <string.h>

#include "fm-suggest-private.h"

/* Sources: the speakers of the quotes and the reported speech, and what the
 * text cites ("according to X", "a report by X", "X reported"), each one
 * entity with every mention that names it: "the Korean Central News Agency
 * (KCNA)" and "KCNA", "President Donald Trump" and "Trump". Pronouns are
 * resolved to the nearest fitting name before, and are no mentions. */

#define T(i) (ctx->toks[(i)])

/* A run of capitalised words in the text, with its key: the words without
 * titles and determiners, space-separated, as written. */
typedef struct
{
  guint  first;
  guint  last;
  guint  key_first;
  char  *key;
  guint  n_words;
  gint   entity;
  guint8 person : 1;
  guint8 org : 1;
} Run;

typedef struct
{
  char       *name;
  char       *acronym;
  GArray     *mentions;   /* FmSuggestSpan */
  const char *rule;
  double      score;
  gboolean    person;
  gboolean    org;
  gboolean    described;  /* "a senior source", "the military": no name. */
} Entity;

typedef struct
{
  FmSuggestContext *ctx;
  GArray           *runs;      /* Run, in text order */
  GPtrArray        *entities;  /* Entity */
  GHashTable       *full_of;   /* acronym → the words it stands for */
  GArray           *claim_entity;  /* gint per claim of the context, -1 for none */
} Sources;

static void
entity_free (Entity *e)
{
  g_free (e->name);
  g_free (e->acronym);
  g_array_unref (e->mentions);
  g_free (e);
}

static gboolean
is_run_word (FmSuggestContext *ctx,
             guint             i)
{
  const FmTok *t = &T (i);

  return t->type == TOK_WORD && t->cap
         && (!(t->lex & (LEX_STOP | LEX_VERB | LEX_MONTH | LEX_PRONOUN)) || (t->lex & LEX_TITLE));
}

static gboolean
is_body_noun (FmSuggestContext *ctx,
              guint             i)
{
  static const char * const nouns[] = { "administration", "government", "party", "campaign" };

  if (T (i).type != TOK_WORD || T (i).cap)
    return FALSE;
  if (fm_suggest_tok_in (ctx, i, nouns, G_N_ELEMENTS (nouns)))
    return TRUE;
  return FALSE;
}

static guint
run_extent (FmSuggestContext *ctx,
            guint             i)
{
  guint last = i;

  while (last + 1 < ctx->n_toks && !T (last + 1).newline_before)
    {
      guint j = last + 1;

      if (is_run_word (ctx, j) || (fm_suggest_tok_is (ctx, j, ".") && T (last).lex & LEX_TITLE)
          || (fm_suggest_tok_is (ctx, j, ".") && T (last).end - T (last).start == 1))
        last = j;
      else if (j + 1 < ctx->n_toks && (fm_suggest_tok_is (ctx, j, "of") || fm_suggest_tok_is (ctx, j, "for")
                                       || fm_suggest_tok_is (ctx, j, "and") || fm_suggest_tok_is (ctx, j, "-"))
               && is_run_word (ctx, j + 1) && !T (j + 1).space_before == !T (j).space_before)
        last = j + 1;
      else
        break;
    }
  while (last > i && T (last).type == TOK_PUNCT)
    last--;
  /* "the Obama administration", "the Likud party": a name before the
   * common noun of a body it leads names that body. */
  if (last + 1 < ctx->n_toks && !T (last + 1).newline_before && is_body_noun (ctx, last + 1))
    last++;
  return last;
}

static char *
word_key (FmSuggestContext *ctx,
          guint             w)
{
  return g_strndup (ctx->text + T (w).bstart, T (w).bend - T (w).bstart);
}

static void
collect_runs (Sources *src)
{
  FmSuggestContext *ctx = src->ctx;

  for (guint i = 0; i < ctx->n_toks; i++)
    {
      Run r = { 0 };
      g_autoptr(GString) key = g_string_new (NULL);
      guint k;

      if (!is_run_word (ctx, i))
        continue;
      r.first = i;
      r.last = run_extent (ctx, i);
      r.entity = -1;
      /* Titles are no part of the name, and a lone "President" none. */
      /* "Ukrainian President Volodymyr Zelenskyy": the nationality of a
       * title is no part of the name either. */
      for (k = r.first; k < r.last && ((T (k).lex & LEX_TITLE) || T (k).type == TOK_PUNCT
                                       || ((T (k).lex & LEX_PLACE) && (T (k + 1).lex & LEX_TITLE)));
           k++)
        ;
      r.key_first = k;
      for (; k <= r.last; k++)
        {
          if (T (k).type == TOK_PUNCT && !fm_suggest_tok_is (ctx, k, "-"))
            continue;
          if (key->len > 0 && T (k).space_before)
            g_string_append_c (key, ' ');
          g_string_append_len (key, ctx->text + T (k).bstart, T (k).bend - T (k).bstart);
          if (T (k).type == TOK_WORD)
            r.n_words++;
          if (T (k).lex & LEX_ORG)
            r.org = TRUE;
        }
      r.key = g_string_free (g_steal_pointer (&key), FALSE);
      /* "Talking" or "Children" opening a sentence is no name unless the
       * text capitalises it elsewhere too; "Mr. Trump" opening one is. */
      if (r.n_words == 1 && T (r.first).sent_start && r.key_first == r.first)
        r.org = r.person = FALSE, r.entity = -2;
      if (T (r.key_first).all_caps && r.n_words == 1)
        r.org = TRUE;
      r.person = !r.org && fm_suggest_is_person_name (ctx, r.key_first, r.last)
                 && !(r.first > 0 && fm_suggest_tok_is (ctx, r.first - 1, "the"));
      g_array_append_val (src->runs, r);
      i = r.last;
    }

  {
    g_autoptr(GHashTable) inside = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    g_autoptr(GHashTable) adjectives = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    FmSuggestContext *ctx = src->ctx;

    for (guint k = 0; k < src->runs->len; k++)
      {
        Run *r = &g_array_index (src->runs, Run, k);

        /* A capitalised word before a lower-case one: a proper adjective. */
        if (r->first == r->last && r->last + 1 < src->ctx->n_toks
            && T (r->last + 1).type == TOK_WORD && !T (r->last + 1).cap)
          g_hash_table_add (adjectives, g_strdup (r->key));
        if (r->entity != -2)
          {
            /* "Doe said" opening a sentence, after "Jane Doe" elsewhere. */
            g_hash_table_add (inside, g_strdup (r->key));
            for (guint w = r->key_first; w <= r->last; w++)
              if (T (w).type == TOK_WORD)
                g_hash_table_add (inside, word_key (src->ctx, w));
          }
      }
    for (guint k = 0; k < src->runs->len; k++)
      {
        Run *r = &g_array_index (src->runs, Run, k);
        gsize len = strlen (r->key);

        /* "Americans" beside "American officials", "Republicans" beside
         * "Republican leaders": the plural of a proper adjective is a
         * group of people, no source of its own. */
        if (r->n_words == 1 && len > 3 && r->key[len - 1] == 's' && !r->org)
          {
            g_autofree char *stem = g_strndup (r->key, len - 1);

            if (g_hash_table_contains (adjectives, stem))
              {
                r->entity = -2;
                r->person = FALSE;
                continue;
              }
          }
        if (r->entity == -2 && g_hash_table_contains (inside, r->key))
          {
            r->entity = -1;
            r->org = T (r->first).all_caps || (T (r->first).lex & LEX_ORG);
            r->person = !r->org && !(T (r->first).lex & LEX_PLACE);
          }
      }
  }
}

static Run *
run_at (Sources *src,
        guint    tok)
{
  guint lo = 0, hi = src->runs->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      Run *r = &g_array_index (src->runs, Run, mid);

      if (r->last < tok)
        lo = mid + 1;
      else if (r->first > tok)
        hi = mid;
      else
        return r;
    }
  return NULL;
}

static gboolean
key_has_word (const char *key,
              const char *word)
{
  gsize len = strlen (word);

  for (const char *p = strstr (key, word); p; p = strstr (p + 1, word))
    if ((p == key || p[-1] == ' ') && (p[len] == '\0' || p[len] == ' '))
      return TRUE;
  return FALSE;
}

/* The entity a run of words names, or -1. */
static gint
match_entity (Sources *src,
              Run     *r)
{
  const char *full = g_hash_table_lookup (src->full_of, r->key);

  if (r->entity == -2)
    return -1;
  for (guint e = 0; full != NULL && e < src->entities->len; e++)
    {
      Entity *ent = g_ptr_array_index (src->entities, e);

      if (g_str_equal (ent->name, full))
        return e;
    }
  for (guint e = 0; e < src->entities->len; e++)
    {
      Entity *ent = g_ptr_array_index (src->entities, e);

      if (g_str_equal (ent->name, r->key) || (ent->acronym && g_str_equal (ent->acronym, r->key)))
        return e;
    }
  for (guint e = 0; e < src->entities->len; e++)
    {
      Entity *ent = g_ptr_array_index (src->entities, e);

      /* "Trump" for "Donald Trump", "Kim" for "Kim Jong Un". */
      if (ent->person && r->n_words == 1 && strlen (r->key) > 2 && key_has_word (ent->name, r->key))
        return e;
      /* "Donald Trump" for an entity first seen as "Trump". */
      if (ent->person && r->person && strchr (ent->name, ' ') == NULL && key_has_word (r->key, ent->name))
        {
          g_free (ent->name);
          ent->name = g_strdup (r->key);
          return e;
        }
      if (!ent->person && r->n_words >= 2 && g_str_has_suffix (ent->name, r->key)
          && strlen (r->key) * 2 > strlen (ent->name))
        return e;
    }
  return -1;
}

static gint
add_entity (Sources    *src,
            Run        *r,
            const char *rule,
            double      score)
{
  gint e = match_entity (src, r);
  Entity *ent;

  if (r->entity == -2)
    return -1;
  if (e >= 0)
    return e;
  ent = g_new0 (Entity, 1);
  if (g_hash_table_lookup (src->full_of, r->key))
    {
      /* Named first by its acronym: the entity is the full name. */
      ent->acronym = g_strdup (r->key);
      ent->name = g_strdup (g_hash_table_lookup (src->full_of, r->key));
    }
  else
    {
      ent->name = g_strdup (r->key);
      GHashTableIter iter;
      gpointer acronym, full;

      g_hash_table_iter_init (&iter, src->full_of);
      while (ent->acronym == NULL && g_hash_table_iter_next (&iter, &acronym, &full))
        if (g_str_equal (full, r->key))
          ent->acronym = g_strdup (acronym);
    }
  ent->mentions = g_array_new (FALSE, FALSE, sizeof (FmSuggestSpan));
  ent->rule = rule;
  ent->score = score;
  ent->person = r->person;
  ent->org = r->org;
  g_ptr_array_add (src->entities, ent);
  return src->entities->len - 1;
}

/* "the Korean Central News Agency (KCNA)". */
static void
find_acronyms (Sources *src)
{
  FmSuggestContext *ctx = src->ctx;

  for (guint i = 0; i < src->runs->len; i++)
    {
      Run *r = &g_array_index (src->runs, Run, i);
      guint k = r->last + 1;
      Run *a;

      if (r->n_words < 2 || !fm_suggest_tok_is (ctx, k, "(") || !fm_suggest_tok_is (ctx, k + 2, ")")
          || !(a = run_at (src, k + 1)) || !T (k + 1).all_caps || a->n_words != 1)
        continue;
      /* Whichever of the pair a sentence cites, it is one entity. */
      r->org = a->org = TRUE;
      r->person = a->person = FALSE;
      g_hash_table_insert (src->full_of, a->key, r->key);
    }
  /* Every run spelling an acronym out is no person either. */
  for (guint i = 0; i < src->runs->len; i++)
    {
      Run *r = &g_array_index (src->runs, Run, i);

      if (g_hash_table_contains (src->full_of, r->key))
        r->org = TRUE, r->person = FALSE;
    }
}

static gboolean
is_pronoun (FmSuggestContext *ctx,
            guint             i,
            gboolean         *personal)
{
  if (!(T (i).lex & LEX_PRONOUN))
    return FALSE;
  *personal = fm_suggest_tok_is (ctx, i, "he") || fm_suggest_tok_is (ctx, i, "she")
              || fm_suggest_tok_is (ctx, i, "i");
  return TRUE;
}

/* The nearest run before @tok that a pronoun can stand for: a person for
 * "he" and "she", an organisation for "it" and "they". */
/* How many runs start before @tok. */
static guint
runs_before (Sources *src,
             guint    tok)
{
  guint lo = 0, hi = src->runs->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (src->runs, Run, mid).first < tok)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static Run *
resolve_pronoun (Sources  *src,
                 guint     tok,
                 gboolean  personal)
{
  guint lo = runs_before (src, tok);

  for (guint i = lo; i > 0 && lo - i < 200; i--)
    {
      Run *r = &g_array_index (src->runs, Run, i - 1);

      if (personal ? r->person : r->org)
        return r;
    }
  return NULL;
}

/* The person a definite title ("the president") stands for: the nearest
 * person already quoted or cited, a title being said of someone known
 * (unlike "he", which the nearest name settles). */
static Run *
resolve_title (Sources *src,
               guint    tok)
{
  guint lo = runs_before (src, tok);

  for (guint i = lo; i > 0 && lo - i < 200; i--)
    {
      Run *r = &g_array_index (src->runs, Run, i - 1);

      if (r->person && r->entity >= 0)
        return r;
    }
  return resolve_pronoun (src, tok, TRUE);
}

/* The run a claim's speaker names, through a pronoun if need be. */
static Run *
speaker_run (Sources      *src,
             FmSuggestion *claim)
{
  FmSuggestContext *ctx = src->ctx;
  guint first = fm_suggest_tok_at (ctx, claim->speaker_start);
  gboolean personal;
  Run *r = NULL;

  if (first >= ctx->n_toks)
    return NULL;
  if (is_pronoun (ctx, first, &personal))
    return resolve_pronoun (src, first, personal);
  /* "North Korean leader Kim Jong Un": the person, not the adjective. */
  for (guint k = first; k < ctx->n_toks && T (k).start < claim->speaker_end; k++)
    {
      Run *at = run_at (src, k);

      if (at && (r == NULL || (at->person && !r->person)))
        r = at;
    }
  return r;
}

static gboolean
cites_after (FmSuggestContext *ctx,
             guint             k)
{
  static const char * const before_by[] = { "report", "reported", "statement", "data", "survey",
                                            "study", "analysis", "figures", "published",
                                            "released", "estimates", "poll", "according",
                                            "cited", "reports", "obtained", "issued", "seen",
                                            "reviewed" };

  if (!(fm_suggest_tok_is (ctx, k, "by") || fm_suggest_tok_is (ctx, k, "from")
        || fm_suggest_tok_is (ctx, k, "to")) || k == 0)
    return FALSE;
  if (fm_suggest_tok_in (ctx, k - 1, before_by, G_N_ELEMENTS (before_by)))
    return TRUE;
  return FALSE;
}

/* "according to the explanatory notes of the British Bill": a name inside
 * the noun phrase after "according to" is what the text cites. */
static gboolean
cited_by_according (FmSuggestContext *ctx,
                    guint             first)
{
  for (guint k = first; k > 1 && first - k < 6; k--)
    {
      if (T (k - 1).type != TOK_WORD || T (k - 1).cap)
        return FALSE;
      if (fm_suggest_tok_is (ctx, k - 1, "to") && fm_suggest_tok_is (ctx, k - 2, "according"))
        return TRUE;
    }
  return FALSE;
}

/* "The Press Council is concerned", "the union is adamant": a stance the
 * text reports as the organisation's or person's own. */
static gboolean
states_stance (FmSuggestContext *ctx,
               guint             after)
{
  static const char * const stances[] = { "concerned", "adamant", "worried", "convinced",
                                          "confident", "opposed", "critical" };

  if (!(fm_suggest_tok_is (ctx, after, "is") || fm_suggest_tok_is (ctx, after, "are")
        || fm_suggest_tok_is (ctx, after, "was") || fm_suggest_tok_is (ctx, after, "were")))
    return FALSE;
  if (fm_suggest_tok_in (ctx, after + 1, stances, G_N_ELEMENTS (stances)))
    return TRUE;
  return FALSE;
}

/* "strongly", "repeatedly": an adverb between a subject and its verb. */
static gboolean
is_ly_word (FmSuggestContext *ctx,
            guint             i)
{
  const FmTok *t = &T (i);

  return t->type == TOK_WORD && !t->cap && t->end - t->start > 4
         && ctx->cp[t->end - 2] == 'l' && ctx->cp[t->end - 1] == 'y';
}

/* "X’s comments", "X’s first statement": what X said, named by a noun. */
static gboolean
statement_of (FmSuggestContext *ctx,
              guint             after)
{
  static const char * const nouns[] = { "comments", "comment", "statement", "remarks",
                                        "declaration", "announcement", "warning", "response" };

  if (!(fm_suggest_tok_is (ctx, after, "’s") || fm_suggest_tok_is (ctx, after, "'s")))
    return FALSE;
  for (guint k = after + 1; k < ctx->n_toks && k <= after + 3; k++)
    {
      if (T (k).type != TOK_WORD || T (k).cap)
        return FALSE;
      if (fm_suggest_tok_in (ctx, k, nouns, G_N_ELEMENTS (nouns)))
        return TRUE;
    }
  return FALSE;
}

/* "X said", "X has said", "X has pointed out", "X strongly warned", "X
 * officials said", "X has called for". */
static gboolean
says_after (FmSuggestContext *ctx,
            guint             after)
{
  /* "Acme officials said": the people speaking for X (but "the North
   * Korean leader said" is a person's title). */
  if (after < ctx->n_toks && (T (after).lex & LEX_DESCR) && !(T (after).lex & LEX_TITLE)
      && !T (after).cap && T (after).type == TOK_WORD)
    after++;
  if (after < ctx->n_toks && (fm_suggest_tok_is (ctx, after, "has") || fm_suggest_tok_is (ctx, after, "have")))
    after++;
  if (after < ctx->n_toks && is_ly_word (ctx, after))
    after++;
  if (after + 1 < ctx->n_toks && fm_suggest_tok_is (ctx, after, "pointed") && fm_suggest_tok_is (ctx, after + 1, "out"))
    return TRUE;
  if (after + 1 < ctx->n_toks && (fm_suggest_tok_is (ctx, after, "called") || fm_suggest_tok_is (ctx, after, "calls"))
      && fm_suggest_tok_is (ctx, after + 1, "for"))
    return TRUE;
  return after < ctx->n_toks && (T (after).lex & LEX_VERB) && T (after).type == TOK_WORD
         && !T (after).cap && !fm_suggest_tok_is (ctx, after, "called");
}

static gboolean
ends_clause (FmSuggestContext *ctx,
             guint             i)
{
  if (i >= ctx->n_toks || fm_suggest_tok_is (ctx, i, ",") || fm_suggest_tok_is (ctx, i, ";"))
    return TRUE;
  /* The dot of "U.N." ends no clause, whatever the sentence breaks say. */
  if (i > 0 && fm_suggest_tok_is (ctx, i, ".")
      && (T (i - 1).end - T (i - 1).start == 1
          || memchr (ctx->text + T (i - 1).bstart, '.', T (i - 1).bend - T (i - 1).bstart)))
    return FALSE;
  return fm_suggest_tok_is (ctx, i, ".")
         && (i + 1 >= ctx->n_toks || T (i + 1).sentence != T (i).sentence || T (i + 1).newline_before);
}

/* The run in apposition to what @r possesses: "X's official news
 * agency, the Y" gives Y, or NULL. */
static Run *
appositive_of_possessed (Sources *src,
                         Run     *r)
{
  FmSuggestContext *ctx = src->ctx;
  guint k = r->last + 1;
  Run *named;

  if (!(fm_suggest_tok_is (ctx, k, "’s") || fm_suggest_tok_is (ctx, k, "'s")))
    return NULL;
  for (k++; k < ctx->n_toks && k < r->last + 7 && T (k).type == TOK_WORD && !T (k).cap; k++)
    ;
  if (k == r->last + 2 || !fm_suggest_tok_is (ctx, k, ",") || !(T (k - 1).lex & LEX_ORG))
    return NULL;
  k++;
  if (k < ctx->n_toks && fm_suggest_tok_is (ctx, k, "the"))
    k++;
  named = run_at (src, k);
  return named != NULL && named->first == k && named->entity != -2 ? named : NULL;
}

/* Runs cited without a quote: "according to X", "a report by X",
 * "X reported". */
static void
find_citations (Sources *src)
{
  FmSuggestContext *ctx = src->ctx;

  for (guint i = 0; i < src->runs->len; i++)
    {
      Run *r = &g_array_index (src->runs, Run, i);
      guint before = r->first, after = r->last + 1;

      if (r->entity == -2)
        continue;
      if (before > 0 && fm_suggest_tok_is (ctx, before - 1, "the"))
        before--;
      if ((before > 0 && cites_after (ctx, before - 1)) || cited_by_according (ctx, before))
        {
          Run *named = appositive_of_possessed (src, r);

          /* "reported by North Korea's official news agency, the Korean
           * Central News Agency": the agency is cited, not the country. */
          if (named != NULL)
            named->entity = add_entity (src, named, "source-cited", 0.8);
          else
            r->entity = add_entity (src, r, "source-cited", 0.8);
        }
      /* "a source told Reuters": the outlet a source spoke to, ending the
       * clause (not "told the U.N. General Assembly that ..."). */
      else if (r->org && before > 0 && fm_suggest_tok_is (ctx, before - 1, "told")
               && ends_clause (ctx, after))
        r->entity = add_entity (src, r, "source-told", 0.75);
      else if (says_after (ctx, after) || states_stance (ctx, after) || statement_of (ctx, after))
        r->entity = add_entity (src, r, "source-said", 0.75);
    }
}

/* The head of a description that stands for an unnamed source: "a
 * source", "his spokesman", "the military", "analysts". */
static gboolean
is_described_head (FmSuggestContext *ctx,
                   guint             i)
{
  static const char * const heads[] = { "source", "sources", "spokesman", "spokeswoman",
                                        "spokesperson", "spokesmen", "official", "officials",
                                        "analyst", "analysts", "military", "police", "researchers",
                                        "experts", "diplomats", "diplomat", "witnesses", "aides",
                                        "economists", "prosecutors", "authorities", "army" };

  if (T (i).type != TOK_WORD || (T (i).cap && !T (i).sent_start))
    return FALSE;
  if (fm_suggest_tok_in (ctx, i, heads, G_N_ELEMENTS (heads)))
    return TRUE;
  return FALSE;
}

static gboolean
is_organisation_head (FmSuggestContext *ctx,
                      guint             i)
{
  return fm_suggest_tok_is (ctx, i, "military") || fm_suggest_tok_is (ctx, i, "army")
         || fm_suggest_tok_is (ctx, i, "police")
         || fm_suggest_tok_is (ctx, i, "authorities");
}

/* A description of lower-case words ending in a described head, maybe
 * after a determiner or a possessive: no name, which a run would hold. */
static gboolean
is_description (FmSuggestContext *ctx,
                guint             first,
                guint             last)
{
  static const char * const vague[] = { "most", "many", "some", "several", "few", "number",
                                         "all", "other", "certain", "numerous" };

  if (!is_described_head (ctx, last))
    return FALSE;
  for (guint k = first; k < last; k++)
    {
      /* "American officials": a proper adjective belongs to a named group. */
      if (T (k).type != TOK_WORD || (T (k).cap && !(T (k).lex & LEX_STOP)))
        return FALSE;
      /* "most experts say", "a number of analysts": a vague group. */
      if (fm_suggest_tok_in (ctx, k, vague, G_N_ELEMENTS (vague)))
        return FALSE;
    }
  return TRUE;
}

static gint
compare_spans (gconstpointer a,
               gconstpointer b)
{
  const FmSuggestSpan *x = a, *y = b;

  return (x->start > y->start) - (x->start < y->start);
}

static gint add_description (Sources    *src,
                             guint       first,
                             guint       last,
                             gboolean    keep_case,
                             const char *rule,
                             double      score);

/* "the president", "the North Korean leader": a definite title standing
 * for a person the text has named before. */
static gboolean
is_definite_title (FmSuggestContext *ctx,
                   guint             first,
                   guint             last)
{
  if (last <= first || !fm_suggest_tok_is (ctx, first, "the") || T (last).type != TOK_WORD
      || T (last).cap || !(T (last).lex & LEX_TITLE) || is_described_head (ctx, last))
    return FALSE;
  for (guint k = first + 1; k < last; k++)
    if (T (k).type != TOK_WORD)
      return FALSE;
  return TRUE;
}

/* The entity of a description, the same words naming the same one: "a
 * source said ... the source told". */
static gint
add_described (Sources    *src,
               guint       first,
               guint       last,
               const char *rule,
               double      score)
{
  return add_description (src, first, last, FALSE, rule, score);
}

/* Documents keep their words as written: "Zimbabwean intelligence reports". */
static gint
add_description (Sources    *src,
                 guint       first,
                 guint       last,
                 gboolean    keep_case,
                 const char *rule,
                 double      score)
{
  FmSuggestContext *ctx = src->ctx;
  guint k = first;
  g_autofree char *words = NULL;
  g_autofree char *key = NULL;
  FmSuggestSpan span = { T (first).start, T (last).end };
  Entity *ent = NULL;
  gint e;

  while (k < last && (T (k).lex & LEX_STOP))
    k++;
  words = g_strndup (ctx->text + T (k).bstart, T (last).bend - T (k).bstart);
  key = keep_case ? g_strdup (words) : g_utf8_strdown (words, -1);
  for (e = 0; e < (gint) src->entities->len; e++)
    {
      ent = g_ptr_array_index (src->entities, e);
      if (ent->described && g_str_equal (ent->name, key))
        break;
    }
  if (e == (gint) src->entities->len)
    {
      ent = g_new0 (Entity, 1);
      ent->name = g_steal_pointer (&key);
      ent->mentions = g_array_new (FALSE, FALSE, sizeof (FmSuggestSpan));
      ent->rule = rule;
      ent->score = score;
      ent->described = TRUE;
      ent->org = is_organisation_head (ctx, last);
      ent->person = !ent->org;
      g_ptr_array_add (src->entities, ent);
    }
  /* A reported claim and its reporting verb name the same words. */
  for (guint m = 0; m < ent->mentions->len; m++)
    if (g_array_index (ent->mentions, FmSuggestSpan, m).start == span.start)
      return e;
  g_array_append_val (ent->mentions, span);
  g_array_sort (ent->mentions, compare_spans);
  return e;
}

static gboolean
is_document_head (FmSuggestContext *ctx,
                  guint             i)
{
  static const char * const heads[] = { "reports", "documents", "files", "memo", "memos", "cables",
                                        "emails", "records", "assessments", "estimates", "minutes" };

  if (T (i).type != TOK_WORD || T (i).cap)
    return FALSE;
  if (fm_suggest_tok_in (ctx, i, heads, G_N_ELEMENTS (heads)))
    return TRUE;
  return FALSE;
}

/* What a document does when the text cites it: "reports seen by Reuters
 * suggest", "assessments reportedly indicate". */
static gboolean
document_cited_after (FmSuggestContext *ctx,
                      guint             k)
{
  static const char * const verbs[] = { "suggest", "suggests", "show", "shows", "showed", "indicate",
                                        "indicates", "indicated", "found", "say", "said" };

  if (k + 1 < ctx->n_toks && (fm_suggest_tok_is (ctx, k, "seen") || fm_suggest_tok_is (ctx, k, "obtained")
                              || fm_suggest_tok_is (ctx, k, "reviewed"))
      && fm_suggest_tok_is (ctx, k + 1, "by"))
    return TRUE;
  if (k < ctx->n_toks && is_ly_word (ctx, k))
    k++;
  for (guint v = 0; k < ctx->n_toks && v < G_N_ELEMENTS (verbs); v++)
    if (fm_suggest_tok_is (ctx, k, verbs[v]))
      return TRUE;
  return FALSE;
}

static gboolean
is_determiner_word (FmSuggestContext *ctx,
                    guint             i)
{
  return fm_suggest_tok_is (ctx, i, "the") || fm_suggest_tok_is (ctx, i, "a")
         || fm_suggest_tok_is (ctx, i, "an") || fm_suggest_tok_is (ctx, i, "its")
         || fm_suggest_tok_is (ctx, i, "their");
}

/* "Zimbabwean intelligence reports seen by Reuters", "US and South Korean
 * assessments reportedly indicate": documents the text cites, from the
 * start of their sentence, or after a determiner. */
static void
find_documents (Sources *src)
{
  FmSuggestContext *ctx = src->ctx;

  for (guint h = 1; h < ctx->n_toks; h++)
    {
      guint start, first = h;

      if (!is_document_head (ctx, h) || !document_cited_after (ctx, h + 1))
        continue;
      start = ctx->sent_first[ctx->tok_sent[h]];
      while (first > start && h - first < 8 && !T (first).newline_before
             && (T (first - 1).type == TOK_WORD || fm_suggest_tok_is (ctx, first - 1, ","))
             && !(T (first - 1).lex & (LEX_VERB | LEX_PRONOUN))
             && (!(T (first - 1).lex & LEX_STOP) || fm_suggest_tok_is (ctx, first - 1, "and")))
        first--;
      /* Only a whole subject: the sentence's start, or a determiner. */
      if (first > start && !is_determiner_word (ctx, first - 1))
        continue;
      if (first < h)
        add_description (src, first, h, TRUE, "source-document", 0.7);
    }
}

/* "a senior political source told Reuters", "the military said": a
 * description as the subject of a reporting verb. */
static void
find_described (Sources *src)
{
  FmSuggestContext *ctx = src->ctx;

  for (guint v = 1; v < ctx->n_toks; v++)
    {
      guint first, last;

      if (!(T (v).lex & LEX_VERB) || T (v).type != TOK_WORD || T (v).cap
          || fm_suggest_tok_is (ctx, v, "called"))
        continue;
      if (fm_suggest_np_before (ctx, v, ctx->sent_first[ctx->tok_sent[v]], &first, &last)
          && is_description (ctx, first, last))
        add_described (src, first, last, "source-described", 0.7);
    }
}

static void
find_speakers (Sources *src)
{
  FmSuggestContext *ctx = src->ctx;

  for (guint c = 0; c < ctx->claims->len; c++)
    {
      FmSuggestion *claim = g_ptr_array_index (ctx->claims, c);
      Run *r;

      guint first, last;

      if (claim->speaker_start < 0)
        continue;
      first = fm_suggest_tok_at (ctx, claim->speaker_start);
      last = fm_suggest_tok_at (ctx, claim->speaker_end - 1);
      r = speaker_run (src, claim);
      if ((r == NULL || !r->person) && first < ctx->n_toks && last < ctx->n_toks
          && is_description (ctx, first, last))
        {
          g_array_index (src->claim_entity, gint, c) = add_described (src, first, last,
                                                                      "source-described", 0.8);
          continue;
        }
      /* "The North Korean leader stated": the person named last. */
      if ((r == NULL || !r->person) && first < ctx->n_toks && last < ctx->n_toks
          && is_definite_title (ctx, first, last))
        r = resolve_title (src, first);
      if (r == NULL || r->entity == -2)
        continue;
      r->entity = add_entity (src, r, claim->form == FM_SUGGESTION_FORM_DIRECT
                                      ? "source-quoted" : "source-paraphrased",
                              claim->form == FM_SUGGESTION_FORM_DIRECT ? 0.9 : 0.7);
      g_array_index (src->claim_entity, gint, c) = r->entity;
    }
}

static void
collect_mentions (Sources *src)
{
  FmSuggestContext *ctx = src->ctx;

  for (guint i = 0; i < src->runs->len; i++)
    {
      Run *r = &g_array_index (src->runs, Run, i);
      FmSuggestSpan span;
      gint e = r->entity >= 0 ? r->entity : r->entity == -2 ? -1 : match_entity (src, r);

      if (e < 0)
        continue;
      r->entity = e;
      span.start = T (r->first).start;
      span.end = T (r->last).end;
      g_array_append_val (((Entity *) g_ptr_array_index (src->entities, e))->mentions, span);
    }
}

static void
emit_entities (Sources *src)
{
  FmSuggestContext *ctx = src->ctx;

  for (guint e = 0; e < src->entities->len; e++)
    {
      Entity *ent = g_ptr_array_index (src->entities, e);
      FmSuggestSpan *first;
      FmSuggestion *s;

      if (ent->mentions->len == 0)
        continue;
      first = &g_array_index (ent->mentions, FmSuggestSpan, 0);
      s = fm_suggestion_new (FM_KIND_SOURCE);
      s->start = first->start;
      s->end = first->end;
      s->text = fm_suggest_substring (ctx, s->start, s->end);
      s->name = g_strdup (ent->name);
      s->source_type = ent->person ? FM_SOURCE_TYPE_PERSON : FM_SOURCE_TYPE_ORGANIZATION;
      s->mentions = g_array_ref (ent->mentions);
      s->rule = ent->rule;
      s->score = ent->score;
      g_ptr_array_add (ctx->out, s);
    }
}

void
fm_suggest_sources (FmSuggestContext *ctx)
{
  Sources src = { ctx, g_array_new (FALSE, FALSE, sizeof (Run)),
                  g_ptr_array_new_with_free_func ((GDestroyNotify) entity_free),
                  g_hash_table_new (g_str_hash, g_str_equal),
                  g_array_new (FALSE, TRUE, sizeof (gint)) };
  gint none = -1;

  for (guint c = 0; c < ctx->claims->len; c++)
    g_array_append_val (src.claim_entity, none);

  collect_runs (&src);
  find_acronyms (&src);
  find_speakers (&src);
  find_citations (&src);
  find_described (&src);
  find_documents (&src);
  collect_mentions (&src);
  emit_entities (&src);

  /* The claims name their speaker's entity (find_speakers kept its index). */
  for (guint c = 0; c < ctx->claims->len; c++)
    {
      FmSuggestion *claim = g_ptr_array_index (ctx->claims, c);
      gint e = g_array_index (src.claim_entity, gint, c);

      g_free (claim->speaker_name);
      claim->speaker_name = e >= 0 ? g_strdup (((Entity *) g_ptr_array_index (src.entities, e))->name)
                                   : NULL;
    }

  for (guint i = 0; i < src.runs->len; i++)
    g_free (g_array_index (src.runs, Run, i).key);
  g_array_unref (src.runs);
  g_ptr_array_unref (src.entities);
  g_hash_table_unref (src.full_of);
  g_array_unref (src.claim_entity);
}
