/* bench-prose.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "bench-rand.h"
#include "fm-store.h"

G_BEGIN_DECLS

/* Bump when the generator's output changes, so that libraries cached in the
 * build directory by an older generator are built again. */
#define BENCH_GENERATOR_VERSION 1

typedef enum
{
  BENCH_SPAN_SENTENCE,
  BENCH_SPAN_CLAUSE,
  BENCH_SPAN_FIGURE,
  BENCH_SPAN_NAME,
  BENCH_SPAN_ORG,
} BenchSpanType;

#define BENCH_N_SPAN_TYPES 5

/* A stretch of the generated text worth annotating, in code points (end
 * exclusive) and in bytes, so that anchoring need not walk from the start. */
typedef struct
{
  glong         start;
  glong         end;
  gsize         start_byte;
  gsize         end_byte;
  BenchSpanType type;
} BenchSpan;

typedef struct
{
  char   *text;      /* Canonical: UTF-8, NFC, LF line ends. */
  gsize   n_bytes;
  glong   length;    /* In code points. */
  char   *title;
  char   *author;
  char   *outlet;
  GArray *spans;     /* BenchSpan, in text order of their start. */
} BenchArticle;

BenchArticle *bench_article_generate (guint64       seed,
                                      gsize         target_bytes);
void          bench_article_free     (BenchArticle *article);
char         *bench_headline         (BenchRand    *rand);
void          bench_uuid             (BenchRand    *rand,
                                      char          out[37]);
void          bench_article_uuid     (guint64       seed,
                                      char          out[37]);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BenchArticle, bench_article_free)

gint64        bench_store_article    (FmStore      *store,
                                      BenchArticle *article,
                                      guint64       seed,
                                      guint         n_annotations,
                                      GError      **error);

/* A page of HTML and a plain text of about @target_bytes, for the importer. */
char         *bench_html_page        (guint64       seed,
                                      gsize         target_bytes);
char         *bench_plain_text       (guint64       seed,
                                      gsize         target_bytes);

G_END_DECLS
