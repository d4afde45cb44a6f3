/* fm-anchor.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What became of an annotation when its article's text changed. The
 * machine names ("unchanged", …) go into the store and the exports. */
typedef enum
{
  FM_ANCHOR_UNCHANGED,  /* The same quote at the place the diff maps it to. */
  FM_ANCHOR_MOVED,      /* The same quote, found elsewhere. */
  FM_ANCHOR_CHANGED,    /* Found by approximate match; the quote differs. */
  FM_ANCHOR_ORPHANED,   /* Not found well enough to attach anywhere. */
} FmAnchorState;

#define FM_N_ANCHOR_STATES 4

/* One annotation to carry over. @start and @end are code points into the
 * old text, or both -1 for an annotation that has no place in it (an orphan
 * of an earlier revision, tried again). @quote may be %NULL when the span is
 * given: it is then read from the old text, and must match it otherwise.
 * @prefix and @suffix are only used for a span without a place (for one
 * with a place the old text around it is read instead, since it is the
 * same and longer); at most their last and first 64 code points count. */
typedef struct
{
  glong       start;
  glong       end;
  const char *quote;
  const char *prefix;
  const char *suffix;
} FmAnchorSpan;

/* Where one annotation went. For an orphan @start and @end are -1 and the
 * strings are %NULL. Otherwise @quote, @prefix and @suffix are read from
 * the new text at the new place, ready to be stored. @score is how well the
 * quote and its context agree, from 0 to 1 (1 is identical). */
typedef struct
{
  FmAnchorState  state;
  glong          start;
  glong          end;
  char          *quote;
  char          *prefix;
  char          *suffix;
  double         score;
} FmAnchorResult;

/* Called with the fraction of the work done, from 0 to 1. The synchronous
 * call runs it in its own thread; the asynchronous one in the thread-default
 * main context of the caller of fm_anchor_spans_async(). */
typedef void (*FmAnchorProgress) (double   fraction,
                                  gpointer user_data);

const char *fm_anchor_state_to_string   (FmAnchorState        state);
gboolean    fm_anchor_state_from_string (const char          *str,
                                         FmAnchorState       *state);

GArray     *fm_anchor_spans             (const char          *old_text,
                                         const char          *new_text,
                                         const FmAnchorSpan  *spans,
                                         guint                n_spans,
                                         FmAnchorProgress     progress,
                                         gpointer             progress_data,
                                         GCancellable        *cancellable,
                                         GError             **error);
void        fm_anchor_spans_async       (const char          *old_text,
                                         const char          *new_text,
                                         const FmAnchorSpan  *spans,
                                         guint                n_spans,
                                         FmAnchorProgress     progress,
                                         gpointer             progress_data,
                                         GDestroyNotify       progress_data_destroy,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GArray     *fm_anchor_spans_finish      (GAsyncResult        *result,
                                         GError             **error);

G_END_DECLS
