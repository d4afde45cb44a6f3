/* bench-stats.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Clocks, order statistics and the process's memory, for the drivers and
 * for the programs they start alike (GLib only). */

double      bench_now_ms            (void);
double      bench_us_to_ms          (gint64        us);
void        bench_sort              (double       *values,
                                     guint         n);
double      bench_percentile        (const double *sorted,
                                     guint         n,
                                     double        p);
double      bench_median            (double       *values,
                                     guint         n);
gint64      bench_status_kb         (const char   *key);

G_END_DECLS
