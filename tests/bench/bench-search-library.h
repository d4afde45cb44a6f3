/* bench-search-library.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Issue 13's library: 2,000 generated articles of about 7 KB, each with
 * 100 annotations, 200,000 in all; built once and cached. */
#define BENCH_SEARCH_ARTICLES      2000
#define BENCH_SEARCH_PER_ARTICLE   100
#define BENCH_SEARCH_ARTICLE_BYTES 7000

char *bench_ensure_search_library (GError **error);

G_END_DECLS
