/* bench-util.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "bench-stats.h"

G_BEGIN_DECLS

/* The articles of the three sizes, in one cached library. */
typedef struct
{
  const char *label;          /* "1 MB / 10,000" */
  gsize       bytes;
  guint       n_annotations;
  guint64     seed;
} BenchCase;

enum {
  BENCH_CASE_SMALL,           /* 100 KB, 1,000 annotations */
  BENCH_CASE_MEDIUM,          /* 1 MB, 10,000 annotations */
  BENCH_CASE_LARGE,           /* 5 MB, 50,000 annotations */
  BENCH_N_CASES
};

extern const BenchCase bench_cases[BENCH_N_CASES];

/* The library of the library benchmark. */
#define BENCH_LIBRARY_ARTICLES     2000
#define BENCH_LIBRARY_ANNOTATIONS  100   /* per article: 200,000 in all */


/* One row of the table `make bench` prints: benchmark, case, result,
 * baseline, ratio, target, met. Rows start with "BENCH|" on stdout. */
void        bench_row               (const char   *benchmark,
                                     const char   *kase,
                                     const char   *result,
                                     const char   *baseline,
                                     double        ratio,
                                     const char   *target,
                                     int           met);
void        bench_row_ms            (const char   *benchmark,
                                     const char   *kase,
                                     double        result_ms,
                                     double        baseline_ms,
                                     const char   *target,
                                     int           met);
char       *bench_format_ms         (double        ms);

#define BENCH_NO_TARGET -1

char       *bench_cache_dir         (GError      **error);
char       *bench_ensure_case       (guint         kase,
                                     GError      **error);
char       *bench_ensure_library    (GError      **error);
char       *bench_case_text_path    (guint         kase,
                                     GError      **error);
void        bench_case_uuid         (guint         kase,
                                     char          out[37]);
char       *bench_copy_to_temp      (const char   *path,
                                     char        **dir,
                                     GError      **error);
void        bench_remove_temp       (const char   *dir);

G_END_DECLS
