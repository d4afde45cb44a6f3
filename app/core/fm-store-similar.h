/* fm-store-similar.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fm-store.h"

G_BEGIN_DECLS

/* What fm-similar.c asks of the search index: how common a word is, and
 * the claims a query matches with just what scoring them needs. */

typedef struct
{
  gint64  id;
  gint64  article_id;
  char   *quote;
} FmSimilarCandidate;

gint64  fm_store_count_prefix       (FmStore            *store,
                                     const char         *prefix,
                                     GError            **error);
GArray *fm_store_similar_candidates (FmStore            *store,
                                     const char * const *prefixes,
                                     const gint64       *counts,
                                     guint               n,
                                     gint64              except_article,
                                     guint               limit,
                                     GError            **error);

G_END_DECLS
