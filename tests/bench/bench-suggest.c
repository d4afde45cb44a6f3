/* bench-suggest.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>

#include "bench-prose.h"
#include "bench-util.h"
#include "fm-suggest.h"

/* Issue 14: suggesting figures, quotes and sources in a 1 MB article, goal
 * 200 ms, beside the floor measured in the same run: reading the same text
 * back from a file and counting its code points, which any pass over the
 * article costs at the least. Median of five runs each. */

#define RUNS 5

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(BenchArticle) article = bench_article_generate (20261214, 1000000);
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("factmark-bench-suggest-XXXXXX", &error);
  g_autofree char *path = NULL;
  double suggest_ms[RUNS], floor_ms[RUNS];
  guint n = 0;

  g_assert_no_error (error);
  path = g_build_filename (dir, "article.txt", NULL);
  g_file_set_contents (path, article->text, article->n_bytes, &error);
  g_assert_no_error (error);

  for (guint r = 0; r < RUNS; r++)
    {
      g_autofree char *text = NULL;
      g_autoptr(GPtrArray) list = NULL;
      gint64 t0 = g_get_monotonic_time ();

      g_file_get_contents (path, &text, NULL, &error);
      g_assert_no_error (error);
      if (g_utf8_strlen (text, -1) != article->length)
        g_error ("the text read back is not the text written");
      floor_ms[r] = (g_get_monotonic_time () - t0) / 1000.0;

      t0 = g_get_monotonic_time ();
      list = fm_suggest_text (article->text, FM_SUGGEST_ALL_KINDS);
      suggest_ms[r] = (g_get_monotonic_time () - t0) / 1000.0;
      n = list->len;
    }
  qsort (suggest_ms, RUNS, sizeof (double), compare_doubles);
  qsort (floor_ms, RUNS, sizeof (double), compare_doubles);

  printf ("# %zu bytes, %u suggestions\n", article->n_bytes, n);
  bench_row_ms ("suggest", "1 MB article, all kinds", suggest_ms[RUNS / 2], floor_ms[RUNS / 2],
                "≤ 200 ms", suggest_ms[RUNS / 2] <= 200);
  g_unlink (path);
  g_rmdir (dir);
  return suggest_ms[RUNS / 2] <= 200 && n > 0 ? 0 : 1;
}
