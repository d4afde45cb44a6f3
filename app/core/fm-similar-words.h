/* fm-similar-words.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Which way a quote says something moved. */
typedef enum
{
  FM_SIMILAR_STILL = 0,
  FM_SIMILAR_UP    = 1 << 0,
  FM_SIMILAR_DOWN  = 1 << 1,
} FmSimilarDirection;

/* What a quote says, reduced to what two wordings of one claim share: its
 * content words, stemmed, and its numbers, whatever way they are written,
 * as terms ("#3000" for "3,000", "three thousand" and "3k", "#40%" for
 * "40 per cent" and "two in five"); and the marks that make an otherwise
 * alike quote another claim: a negation, a direction, a time, names. */
typedef struct
{
  GHashTable        *terms;
  GHashTable        *names;
  GHashTable        *times;
  gboolean           negated;
  gboolean           future;
  gboolean           past;
  FmSimilarDirection direction;
} FmSimilarWords;

FmSimilarWords *fm_similar_words_new  (const char     *text);
void            fm_similar_words_free (FmSimilarWords *words);
char           *fm_similar_stem       (const char     *word);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FmSimilarWords, fm_similar_words_free)

G_END_DECLS
