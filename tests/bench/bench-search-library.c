/* bench-search-library.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "bench-prose.h"
#include "bench-search-library.h"
#include "bench-util.h"
#include "fm-store.h"

/**
 * bench_ensure_search_library:
 *
 * Returns: (transfer full): the path of the library, built into the
 *   benchmarks' cache the first time; the search and Facts benchmarks
 *   share it
 */
char *
bench_ensure_search_library (GError **error)
{
  g_autofree char *dir = bench_cache_dir (error);
  g_autofree char *path = NULL;
  g_autofree char *partial = NULL;
  g_autoptr(FmStore) store = NULL;

  if (dir == NULL)
    return NULL;
  path = g_strdup_printf ("%s/search-%d-%d-v%d.db", dir, BENCH_SEARCH_ARTICLES,
                          BENCH_SEARCH_PER_ARTICLE, BENCH_GENERATOR_VERSION);
  if (g_file_test (path, G_FILE_TEST_EXISTS))
    return g_steal_pointer (&path);
  partial = g_strconcat (path, ".partial", NULL);
  g_unlink (partial);
  if (!(store = fm_store_open (partial, error)))
    return NULL;
  for (guint i = 0; i < BENCH_SEARCH_ARTICLES; i++)
    {
      g_autoptr(BenchArticle) article = bench_article_generate (7000 + i,
                                                                BENCH_SEARCH_ARTICLE_BYTES);

      if (bench_store_article (store, article, 7000 + i, BENCH_SEARCH_PER_ARTICLE, error) <= 0)
        return NULL;
    }
  g_clear_object (&store);
  if (g_rename (partial, path) != 0)
    return NULL;
  return g_steal_pointer (&path);
}
