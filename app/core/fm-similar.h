/* fm-similar.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fm-store.h"

G_BEGIN_DECLS

/* "Checked before": claims elsewhere in the library that say the same
 * thing. Two thresholds, as fact-checking desks use them: from
 * FM_SIMILAR_SUGGEST a claim is shown as probably the same, from
 * FM_SIMILAR_SAME it is the same claim in other words. */
#define FM_SIMILAR_SUGGEST 0.5
#define FM_SIMILAR_SAME    0.85

typedef struct
{
  FmAnnotation *annotation;
  double        score;
} FmSimilarClaim;

void       fm_similar_claim_free (FmSimilarClaim *claim);
double     fm_similar_score      (const char     *a,
                                  const char     *b);
GPtrArray *fm_store_find_similar (FmStore        *store,
                                  FmAnnotation   *claim,
                                  double          threshold,
                                  GError        **error);

G_END_DECLS
