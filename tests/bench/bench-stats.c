/* bench-stats.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bench-stats.h"

double
bench_now_ms (void)
{
  return g_get_monotonic_time () / 1000.0;
}

double
bench_us_to_ms (gint64 us)
{
  return us / 1000.0;
}

static int
compare_doubles (const void *a,
                 const void *b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

void
bench_sort (double *values,
            guint   n)
{
  qsort (values, n, sizeof (double), compare_doubles);
}

/* The nearest-rank percentile of sorted values: the smallest value with at
 * least @p of them at or below it. */
double
bench_percentile (const double *sorted,
                  guint         n,
                  double        p)
{
  guint rank;

  g_assert (n > 0);
  rank = (guint) (p * n + 0.999999);
  if (rank < 1)
    rank = 1;
  if (rank > n)
    rank = n;
  return sorted[rank - 1];
}

double
bench_median (double *values,
              guint   n)
{
  bench_sort (values, n);
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

/**
 * bench_status_kb:
 * @key: a field of /proc/self/status measured in kB, such as "VmHWM"
 *
 * Returns: its value, or -1 when it cannot be read
 */
gint64
bench_status_kb (const char *key)
{
  g_autofree char *status = NULL;
  g_autofree char *prefix = g_strconcat (key, ":", NULL);
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  for (line = status; line != NULL && *line; )
    {
      const char *next = strchr (line, '\n');

      if (g_str_has_prefix (line, prefix))
        return g_ascii_strtoll (line + strlen (prefix), NULL, 10);
      line = next ? next + 1 : NULL;
    }
  return -1;
}

