/* fm-export-facts-private.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fm-export-facts.h"
#include "fm-facts.h"

G_BEGIN_DECLS

/* Where a library-wide export writes: the entries go into @out, and
 * fm_facts_sink_flush() passes them on to the stream once enough have
 * gathered, so memory stays bounded however large the library. */
typedef struct
{
  GOutputStream *stream;
  GCancellable  *cancellable;
  GString       *out;
} FmFactsSink;

void      fm_facts_sink_init   (FmFactsSink   *sink,
                                GOutputStream *stream,
                                GCancellable  *cancellable);
gboolean  fm_facts_sink_flush  (FmFactsSink   *sink,
                                gboolean       all,
                                GError       **error);
void      fm_facts_sink_clear  (FmFactsSink   *sink);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FmFactsSink, fm_facts_sink_clear)

char     *fm_fact_dup_link     (FmFact        *fact);

G_END_DECLS
