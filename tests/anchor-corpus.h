/* anchor-corpus.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fm-anchor.h"

G_BEGIN_DECLS

/* A generated article, annotations on it, and a revision with known edits,
 * for measuring re-anchoring. Everything follows from the seed. */

typedef enum
{
  TRUTH_UNTOUCHED,  /* No edit inside the quote: must be placed exactly. */
  TRUTH_LIGHT,      /* At most 20% of the quote edited. */
  TRUTH_HEAVY,      /* More, but something of it is left. */
  TRUTH_DELETED,    /* Nothing of it is left. */
} TruthKind;

typedef struct
{
  TruthKind kind;
  double    edited;       /* Fraction of the quote's characters edited. */
  glong     core_start;   /* Hull of the quote's surviving characters, */
  glong     core_end;     /* or -1. */
  glong     outer_start;  /* The core plus the text of the edits that */
  glong     outer_end;    /* touch the quote, or -1. */
} AnchorTruth;

typedef struct
{
  guint64 seed;
  glong   n_chars;        /* Length of the article, about, in code points. */
  guint   n_spans;
  double  edit_fraction;  /* Share of the text edited. */
  guint   n_moves;        /* Paragraphs moved to another place. */
} AnchorCorpusParams;

typedef struct
{
  char         *old_text;
  char         *new_text;
  glong         old_length;
  glong         new_length;
  FmAnchorSpan *spans;
  AnchorTruth  *truth;
  guint         n_spans;
  guint         n_edits;
  glong         edited_chars;
} AnchorCorpus;

typedef struct
{
  guint n[4];              /* Spans of each TruthKind. */
  guint on_edited[4];      /* Placed on the text they became. */
  guint exact;             /* Untouched and placed exactly. */
  guint sloppy[4];         /* Overlapping it, but with ends too far off. */
  guint orphaned[4];
  guint wrong[4];          /* Placed on other text. */
} AnchorScore;

AnchorCorpus *anchor_corpus_new   (const AnchorCorpusParams *params);
void          anchor_corpus_free  (AnchorCorpus             *corpus);
void          anchor_corpus_score (const AnchorCorpus       *corpus,
                                   GArray                   *results,
                                   AnchorScore              *score);
void          anchor_score_print  (const AnchorScore        *score,
                                   const char               *prefix);

G_END_DECLS
