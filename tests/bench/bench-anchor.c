/* bench-anchor.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "anchor-corpus.h"
#include "fm-anchor.h"
#include "fm-diff.h"

/* Re-anchoring 10,000 annotations on a 1 MB article after a revision that
 * edited about 2% of it, timed beside the plainest thing that could work:
 * strstr() for each quote in the new text. The exact search finds only the
 * quotes that did not change and cannot tell repeats apart, but it says what
 * a pass over the annotations costs at the least. */

#define RUNS 3

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  AnchorCorpusParams params = { 20260601, 1000000, 10000, 0.02, 3 };
  g_autoptr(GError) error = NULL;
  AnchorCorpus *c;
  double anchor_times[RUNS], diff_times[RUNS], search_times[RUNS];
  GArray *results = NULL;
  guint n_found = 0;
  guint states[FM_N_ANCHOR_STATES] = { 0 };
  AnchorScore score;
  gint64 t0;

  t0 = g_get_monotonic_time ();
  c = anchor_corpus_new (&params);
  printf ("# generated in %.2f s: %zu bytes, %ld code points, %u annotations, "
          "%u edits covering %ld code points (%.2f%%)\n",
          seconds_since (t0), strlen (c->old_text), c->old_length, c->n_spans,
          c->n_edits, c->edited_chars, 100.0 * c->edited_chars / c->old_length);

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GArray) runs = NULL;

      t0 = g_get_monotonic_time ();
      runs = fm_diff_texts (c->old_text, c->new_text, &error);
      diff_times[run] = seconds_since (t0);
      g_assert_no_error (error);

      g_clear_pointer (&results, g_array_unref);
      t0 = g_get_monotonic_time ();
      results = fm_anchor_spans (c->old_text, c->new_text, c->spans, c->n_spans,
                                 NULL, NULL, NULL, &error);
      anchor_times[run] = seconds_since (t0);
      if (results == NULL)
        {
          fprintf (stderr, "re-anchoring failed: %s\n", error->message);
          return 1;
        }

      n_found = 0;
      t0 = g_get_monotonic_time ();
      for (guint i = 0; i < c->n_spans; i++)
        if (strstr (c->new_text, c->spans[i].quote) != NULL)
          n_found++;
      search_times[run] = seconds_since (t0);
    }

  qsort (anchor_times, RUNS, sizeof (double), compare_doubles);
  qsort (diff_times, RUNS, sizeof (double), compare_doubles);
  qsort (search_times, RUNS, sizeof (double), compare_doubles);

  for (guint i = 0; i < results->len; i++)
    states[g_array_index (results, FmAnchorResult, i).state]++;
  anchor_corpus_score (c, results, &score);

  printf ("re-anchoring:        %7.1f ms (median of %d; of which the diff %.1f ms)\n",
          anchor_times[RUNS / 2] * 1000, RUNS, diff_times[RUNS / 2] * 1000);
  printf ("strstr per quote:    %7.1f ms (median of %d; %u of %u quotes found)\n",
          search_times[RUNS / 2] * 1000, RUNS, n_found, c->n_spans);
  printf ("ratio:               %7.2f (re-anchoring / exact search)\n",
          anchor_times[RUNS / 2] / search_times[RUNS / 2]);
  printf ("states: %u unchanged, %u moved, %u changed, %u orphaned\n",
          states[FM_ANCHOR_UNCHANGED], states[FM_ANCHOR_MOVED],
          states[FM_ANCHOR_CHANGED], states[FM_ANCHOR_ORPHANED]);
  printf ("accuracy against the generator's record of the edits:\n");
  anchor_score_print (&score, "  ");

  g_array_unref (results);
  anchor_corpus_free (c);
  return 0;
}
