/* fm-suggest-private.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fm-suggest.h"

G_BEGIN_DECLS

/* What the detectors share: the text as code points, its words and
 * sentences from ICU, and a few facts about each word looked up once. */

typedef enum
{
  TOK_WORD,     /* Letters, maybe with digits or inner apostrophes. */
  TOK_NUMBER,   /* Starts with a digit. */
  TOK_PUNCT,    /* One mark or symbol. */
} FmTokType;

/* Lexicon classes of a word, lower-cased. */
enum
{
  LEX_VERB      = 1 << 0,   /* A reporting verb: said, told, wrote ... */
  LEX_PRONOUN   = 1 << 1,   /* he, she, they, it, we, i */
  LEX_NUMWORD   = 1 << 2,   /* one ... ninety, hundred, dozen ... */
  LEX_MULT      = 1 << 3,   /* thousand, million, billion, trillion, bn ... */
  LEX_UNIT      = 1 << 4,   /* miles, years, percent ... */
  LEX_MONTH     = 1 << 5,
  LEX_TITLE     = 1 << 6,   /* President, Mr, Dr ... */
  LEX_STOP      = 1 << 7,   /* Function words, capitalised only at a sentence start. */
  LEX_STREET    = 1 << 8,
  LEX_TIMEZONE  = 1 << 9,   /* a.m., pm, GMT ... */
  LEX_ORG       = 1 << 10,  /* Agency, Ministry, Times ... */
  LEX_NAMING    = 1 << 11,  /* called, titled, dubbed ... (titles and terms) */
  LEX_CURRENCY  = 1 << 12,  /* dollars, euros ... */
  LEX_SECTION   = 1 << 13,  /* section, article, chapter ... */
  LEX_DESCR     = 1 << 14,  /* spokesman, officials, minister ... */
  LEX_ADVERB    = 1 << 15,  /* also, later, then, has ... between subject and verb */
  LEX_PLACE     = 1 << 16,  /* Korea, States, Washington ...: in names that are no person */
};

typedef struct
{
  glong   start;       /* Code points. */
  glong   end;
  gsize   bstart;      /* Bytes. */
  gsize   bend;
  guint32 lex;
  guint16 sentence;    /* Low bits of the sentence index, to compare neighbours. */
  guint8  type;
  guint8  space_before : 1;
  guint8  newline_before : 1;
  guint8  cap : 1;         /* Starts with an upper-case letter. */
  guint8  all_caps : 1;
  guint8  sent_start : 1;  /* First word of its sentence. */
} FmTok;

typedef struct
{
  const char *text;
  gunichar   *cp;
  glong       n;
  FmTok      *toks;
  guint       n_toks;
  guint      *sent_first;   /* Index of each sentence's first token. */
  guint       n_sents;
  guint      *tok_sent;     /* Sentence of each token. */
  GPtrArray  *out;
  GPtrArray  *claims;       /* Direct and reported claims, for the sources. */
} FmSuggestContext;

gboolean  fm_suggest_context_init  (FmSuggestContext *ctx,
                                    const char       *text);
void      fm_suggest_context_clear (FmSuggestContext *ctx);

char     *fm_suggest_substring     (FmSuggestContext *ctx,
                                    glong             start,
                                    glong             end);
gboolean  fm_suggest_tok_is        (FmSuggestContext *ctx,
                                    guint             i,
                                    const char       *word);
gboolean  fm_suggest_tok_in        (FmSuggestContext   *ctx,
                                    guint               i,
                                    const char * const *words,
                                    gsize               n_words);
guint     fm_suggest_tok_at        (FmSuggestContext *ctx,
                                    glong             offset);
gunichar  fm_suggest_tok_char      (FmSuggestContext *ctx,
                                    guint             i);

void      fm_suggest_figures       (FmSuggestContext *ctx);
void      fm_suggest_quotes        (FmSuggestContext *ctx);
void      fm_suggest_reported      (FmSuggestContext *ctx);
void      fm_suggest_sources       (FmSuggestContext *ctx);

/* Shared by quotes and sources: the noun phrase naming a speaker. */
gboolean  fm_suggest_np_before     (FmSuggestContext *ctx,
                                    guint             verb,
                                    guint             limit,
                                    guint            *first,
                                    guint            *last);
gboolean  fm_suggest_np_after      (FmSuggestContext *ctx,
                                    guint             from,
                                    guint             limit,
                                    guint            *first,
                                    guint            *last);
gboolean  fm_suggest_is_person_name (FmSuggestContext *ctx,
                                     guint             first,
                                     guint             last);

G_END_DECLS
