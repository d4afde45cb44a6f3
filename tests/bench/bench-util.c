/* bench-util.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-prose.h"
#include "bench-util.h"
#include "fm-store.h"

/* The inputs take minutes to write through FmStore (every annotation is its
 * own transaction, as in the app), so they are built once into the build
 * directory, in files named after the generator's version: a new generator
 * builds them again, and nothing else does. They are written on a RAM disk
 * where there is one, where a commit costs no disk flush, then copied. */

const BenchCase bench_cases[BENCH_N_CASES] = {
  { "100 KB / 1,000", 100000, 1000, 20260101 },
  { "1 MB / 10,000", 1000000, 10000, 20260102 },
  { "5 MB / 50,000", 5000000, 50000, 20260103 },
};

char *
bench_format_ms (double ms)
{
  if (ms < 0)
    return g_strdup ("n/a");
  if (ms < 0.1)
    return g_strdup_printf ("%.1f µs", ms * 1000);
  if (ms < 10)
    return g_strdup_printf ("%.2f ms", ms);
  return g_strdup_printf ("%.1f ms", ms);
}

void
bench_row (const char *benchmark,
           const char *kase,
           const char *result,
           const char *baseline,
           double      ratio,
           const char *target,
           int         met)
{
  g_autofree char *ratio_text = ratio > 0 ? g_strdup_printf ("%.2f×", ratio) : g_strdup ("—");

  printf ("BENCH|%s|%s|%s|%s|%s|%s|%s\n", benchmark, kase, result,
          baseline ? baseline : "—", ratio_text, target ? target : "—",
          met == BENCH_NO_TARGET ? "—" : met ? "yes" : "NO");
  fflush (stdout);
}

void
bench_row_ms (const char *benchmark,
              const char *kase,
              double      result_ms,
              double      baseline_ms,
              const char *target,
              int         met)
{
  g_autofree char *result = bench_format_ms (result_ms);
  g_autofree char *baseline = baseline_ms >= 0 ? bench_format_ms (baseline_ms) : NULL;

  bench_row (benchmark, kase, result, baseline,
             baseline_ms > 0 && result_ms >= 0 ? result_ms / baseline_ms : -1, target, met);
}

char *
bench_cache_dir (GError **error)
{
  const char *dir = g_getenv ("FM_BENCH_CACHE");

  if (dir == NULL || *dir == '\0')
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                           "FM_BENCH_CACHE is not set; run the benchmarks with "
                           "`meson test --benchmark`");
      return NULL;
    }
  if (g_mkdir_with_parents (dir, 0755) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot create %s: %s", dir, g_strerror (saved));
      return NULL;
    }
  return g_strdup (dir);
}

/* Cached inputs are named after the generator's version only: a library
 * from an older schema is upgraded by FmStore when first opened, which is
 * what a user's library goes through too. */
static char *
cache_file (const char  *stem,
            const char  *extension,
            GError     **error)
{
  g_autofree char *dir = bench_cache_dir (error);
  g_autofree char *name = NULL;

  if (dir == NULL)
    return NULL;
  name = g_strdup_printf ("%s-g%d.%s", stem, BENCH_GENERATOR_VERSION, extension);
  return g_build_filename (dir, name, NULL);
}

/* A fresh directory on a RAM disk if the machine has one. */
static char *
scratch_dir (GError **error)
{
  if (g_file_test ("/dev/shm", G_FILE_TEST_IS_DIR) && g_access ("/dev/shm", W_OK) == 0)
    {
      char *dir = g_strdup ("/dev/shm/factmark-bench-XXXXXX");

      if (g_mkdtemp (dir) != NULL)
        return dir;
      g_free (dir);
    }
  return g_dir_make_tmp ("factmark-bench-XXXXXX", error);
}

/* Removes @dir and what is in it, such as the "backups" folder the app
 * makes beside a library it opens. */
void
bench_remove_temp (const char *dir)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  if (dir == NULL || !(d = g_dir_open (dir, 0, NULL)))
    return;
  while ((name = g_dir_read_name (d)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);

      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        bench_remove_temp (path);
      else
        g_unlink (path);
    }
  g_rmdir (dir);
}

static gboolean
copy_file (const char  *from,
           const char  *to,
           GError     **error)
{
  g_autoptr(GFile) src = g_file_new_for_path (from);
  g_autoptr(GFile) dst = g_file_new_for_path (to);

  return g_file_copy (src, dst, G_FILE_COPY_OVERWRITE, NULL, NULL, NULL, error);
}

/* Builds @path with @build in a scratch directory unless it exists; the
 * finished file is moved into place last, so an interrupted build leaves
 * nothing that looks finished. */
static gboolean
ensure_db (const char  *path,
           gboolean   (*build) (FmStore *store, GError **error),
           GError     **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *db = NULL;
  g_autofree char *partial = NULL;
  gboolean ok;
  double t0;

  if (g_file_test (path, G_FILE_TEST_EXISTS))
    {
      /* Bring it to this build's schema now, not in a timed run. */
      g_autoptr(FmStore) store = fm_store_open (path, error);

      return store != NULL;
    }

  if (!(dir = scratch_dir (error)))
    return FALSE;
  db = g_build_filename (dir, "library.db", NULL);
  fprintf (stderr, "# building %s (cached for later runs)\n", path);
  t0 = bench_now_ms ();
  {
    g_autoptr(FmStore) store = fm_store_open (db, error);

    ok = store != NULL && build (store, error);
    /* Closing the last connection folds the write-ahead log into the file. */
  }
  if (ok)
    {
      partial = g_strconcat (path, ".partial", NULL);
      ok = copy_file (db, partial, error);
      if (ok && g_rename (partial, path) != 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                       "Cannot rename %s: %s", partial, g_strerror (saved));
          ok = FALSE;
        }
    }
  bench_remove_temp (dir);
  if (ok)
    fprintf (stderr, "# built in %.1f s\n", (bench_now_ms () - t0) / 1000);
  return ok;
}

void
bench_case_uuid (guint kase,
                 char  out[37])
{
  g_assert (kase < BENCH_N_CASES);
  bench_article_uuid (bench_cases[kase].seed, out);
}

static gboolean
build_case (FmStore  *store,
            guint     kase,
            GError  **error)
{
  g_autoptr(BenchArticle) article = bench_article_generate (bench_cases[kase].seed,
                                                            bench_cases[kase].bytes);
  double t0 = bench_now_ms ();

  if (bench_store_article (store, article, bench_cases[kase].seed,
                           bench_cases[kase].n_annotations, error) == 0)
    return FALSE;
  fprintf (stderr, "#   %s: %zu bytes, %ld code points, stored in %.1f s\n",
           bench_cases[kase].label, article->n_bytes, article->length,
           (bench_now_ms () - t0) / 1000);
  return TRUE;
}

static gboolean
build_small_and_medium (FmStore  *store,
                        GError  **error)
{
  return build_case (store, BENCH_CASE_SMALL, error)
         && build_case (store, BENCH_CASE_MEDIUM, error);
}

/* With the small article too, to be open when the large one is opened
 * from the library. */
static gboolean
build_large (FmStore  *store,
             GError  **error)
{
  return build_case (store, BENCH_CASE_SMALL, error)
         && build_case (store, BENCH_CASE_LARGE, error);
}

/**
 * bench_ensure_case:
 *
 * The 5 MB case has a library of its own: storing its 50,000 annotations
 * takes long (each commit recounts the article's annotations), and the
 * benchmarks of the other two need not wait for it.
 *
 * Returns: the path of a cached library holding the article of @kase
 */
char *
bench_ensure_case (guint    kase,
                   GError **error)
{
  gboolean large = kase == BENCH_CASE_LARGE;
  g_autofree char *path = cache_file (large ? "articles-large" : "articles", "db", error);

  g_assert (kase < BENCH_N_CASES);
  if (path == NULL || !ensure_db (path, large ? build_large : build_small_and_medium, error))
    return NULL;
  return g_steal_pointer (&path);
}

/**
 * bench_case_text_path:
 *
 * Returns: a cached file holding the text of case @kase, for the plain view
 */
char *
bench_case_text_path (guint    kase,
                      GError **error)
{
  g_autofree char *stem = g_strdup_printf ("text-%u", kase);
  g_autofree char *path = cache_file (stem, "txt", error);

  g_assert (kase < BENCH_N_CASES);
  if (path == NULL)
    return NULL;
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autoptr(BenchArticle) article = bench_article_generate (bench_cases[kase].seed,
                                                                bench_cases[kase].bytes);

      if (!g_file_set_contents (path, article->text, article->n_bytes, error))
        return NULL;
    }
  return g_steal_pointer (&path);
}

static gboolean
build_library (FmStore  *store,
               GError  **error)
{
  BenchRand rand;

  bench_rand_init (&rand, 20260200);
  for (guint i = 0; i < BENCH_LIBRARY_ARTICLES; i++)
    {
      guint64 seed = 20260300 + i;
      /* News pieces of 6 to 14 KB. */
      g_autoptr(BenchArticle) article = bench_article_generate (seed,
                                                                6000 + bench_rand_below (&rand, 8000));

      if (bench_store_article (store, article, seed, BENCH_LIBRARY_ANNOTATIONS, error) == 0)
        return FALSE;
      if ((i + 1) % 250 == 0)
        fprintf (stderr, "#   %u articles\n", i + 1);
    }
  return TRUE;
}

/**
 * bench_ensure_library:
 *
 * Returns: the path of the cached library of 2,000 articles with 200,000
 *   annotations
 */
char *
bench_ensure_library (GError **error)
{
  g_autofree char *path = cache_file ("library", "db", error);

  if (path == NULL || !ensure_db (path, build_library, error))
    return NULL;
  return g_steal_pointer (&path);
}

/**
 * bench_copy_to_temp:
 * @dir: (out): the directory made for the copy; remove it with
 *   bench_remove_temp()
 *
 * Copies a cached library for a benchmark that writes to it. The copy is
 * on the same disk as the build directory, not a RAM disk, so commits cost
 * what they cost the user.
 */
char *
bench_copy_to_temp (const char  *path,
                    char       **dir,
                    GError     **error)
{
  g_autofree char *cache = bench_cache_dir (error);
  g_autofree char *tmp = NULL;
  g_autofree char *copy = NULL;

  if (cache == NULL)
    return NULL;
  tmp = g_build_filename (cache, "run-XXXXXX", NULL);
  if (g_mkdtemp (tmp) == NULL)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   "Cannot create a directory in %s: %s", cache, g_strerror (saved));
      return NULL;
    }
  copy = g_build_filename (tmp, "library.db", NULL);
  if (!copy_file (path, copy, error))
    {
      bench_remove_temp (tmp);
      return NULL;
    }
  *dir = g_steal_pointer (&tmp);
  return g_steal_pointer (&copy);
}
