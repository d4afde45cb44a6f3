/* bench-driver.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-prose.h"
#include "bench-util.h"
#include "fm-export.h"
#include "fm-import.h"
#include "fm-store.h"

/* Runs one of the benchmarks and prints its rows. Export and import
 * run here; the window's benchmarks start bench-window (the app) and
 * bench-plain (a bare GtkTextView or GtkListView, the ceiling) as separate
 * processes, since what they measure starts with the process. */

static const char *window_exe;
static const char *plain_exe;

static void
die (const char   *what,
     const GError *error)
{
  fprintf (stderr, "bench: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

/* Export */

typedef struct
{
  char   *text;
  GArray *rows;    /* char * columns, every column of each annotation */
  guint   n_annotations;
  GArray *links;   /* gint64 pairs */
  GArray *evidence;
} RawRows;

static void
raw_rows_clear (RawRows *raw)
{
  g_free (raw->text);
  for (guint i = 0; i < raw->rows->len; i++)
    g_free (g_array_index (raw->rows, char *, i));
  g_array_unref (raw->rows);
  g_array_unref (raw->links);
  for (guint i = 0; i < raw->evidence->len; i++)
    g_free (g_array_index (raw->evidence, char *, i));
  g_array_unref (raw->evidence);
}

/* The floor: the same rows the export needs, read with plain prepared
 * SELECTs and copied into memory, without building any objects. */
static void
read_raw (sqlite3 *db,
          gint64   article_id,
          RawRows *raw)
{
  static const char *queries[] = {
    "SELECT title, url, outlet, author, published, lang, text FROM articles WHERE id = ?1",
    "SELECT * FROM annotations WHERE article_id = ?1 ORDER BY start, \"end\" DESC, id",
    "SELECT l.annotation_id, l.source_id FROM links l JOIN annotations n"
    " ON n.id = l.annotation_id WHERE n.article_id = ?1 ORDER BY l.annotation_id, l.position",
    "SELECT e.annotation_id, e.url, e.note FROM evidence e JOIN annotations n"
    " ON n.id = e.annotation_id WHERE n.article_id = ?1 ORDER BY e.annotation_id, e.position",
  };

  raw->text = NULL;
  raw->n_annotations = 0;
  raw->rows = g_array_new (FALSE, FALSE, sizeof (char *));
  raw->links = g_array_new (FALSE, FALSE, sizeof (gint64));
  raw->evidence = g_array_new (FALSE, FALSE, sizeof (char *));

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      sqlite3_stmt *stmt;

      if (sqlite3_prepare_v2 (db, queries[q], -1, &stmt, NULL) != SQLITE_OK)
        {
          fprintf (stderr, "bench: %s\n", sqlite3_errmsg (db));
          exit (1);
        }
      sqlite3_bind_int64 (stmt, 1, article_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          int n = sqlite3_column_count (stmt);

          if (q == 0)
            raw->text = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
          else if (q == 2)
            {
              gint64 pair[2] = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };
              g_array_append_vals (raw->links, pair, 2);
            }
          else
            {
              raw->n_annotations += q == 1;
              for (int c = 0; c < n; c++)
                {
                  char *v = g_strdup ((const char *) sqlite3_column_text (stmt, c));
                  g_array_append_val (q == 1 ? raw->rows : raw->evidence, v);
                }
            }
        }
      sqlite3_finalize (stmt);
    }
}

#define EXPORT_RUNS 5

static int
run_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = bench_ensure_case (BENCH_CASE_MEDIUM, &error);
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmArticle) found = NULL;
  FmExportOptions options = FM_EXPORT_OPTIONS_INIT;
  const guint kase = BENCH_CASE_MEDIUM;
  char uuid[37];
  sqlite3 *db;
  gint64 id;
  double floor_runs[EXPORT_RUNS], load_runs[EXPORT_RUNS];
  double floor_ms, load_ms;
  guint n_annotations = 0;

  if (path == NULL)
    die ("cannot build the inputs", error);
  if (!(store = fm_store_open (path, &error)))
    die ("cannot open the library", error);
  bench_case_uuid (kase, uuid);
  if (!(found = fm_store_lookup_article (store, uuid, &error)))
    die ("the cached library lacks its article", error);
  id = fm_article_get_id (found);

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    die ("cannot open the library read-only", NULL);

  /* One untimed pass of each warms the page cache for both alike. */
  for (int run = -1; run < EXPORT_RUNS; run++)
    {
      RawRows raw;
      double t0 = bench_now_ms ();

      read_raw (db, id, &raw);
      if (run >= 0)
        floor_runs[run] = bench_now_ms () - t0;
      n_annotations = raw.n_annotations;
      raw_rows_clear (&raw);
    }

  for (int run = -1; run < EXPORT_RUNS; run++)
    {
      g_autoptr(FmArticle) article = NULL;
      g_autoptr(GPtrArray) annotations = NULL;
      double t0 = bench_now_ms ();

      article = fm_store_get_article (store, id, &error);
      annotations = fm_store_list_annotations (store, id, &error);
      if (article == NULL || annotations == NULL)
        die ("cannot load the article", error);
      if (run >= 0)
        load_runs[run] = bench_now_ms () - t0;
    }

  floor_ms = bench_median (floor_runs, EXPORT_RUNS);
  load_ms = bench_median (load_runs, EXPORT_RUNS);
  printf ("# floor: %u annotation rows read with raw SELECTs; median of %d\n",
          n_annotations, EXPORT_RUNS);
  {
    g_autofree char *label = g_strdup_printf ("%s, load through FmStore", bench_cases[kase].label);
    bench_row_ms ("4 export", label, load_ms, floor_ms, NULL, BENCH_NO_TARGET);
  }

  for (guint f = 0; f < FM_N_EXPORT_FORMATS; f++)
    {
      double total_runs[EXPORT_RUNS], format_runs[EXPORT_RUNS];
      double total_ms, format_ms;
      gsize size = 0;
      g_autofree char *label = NULL;

      for (int run = -1; run < EXPORT_RUNS; run++)
        {
          g_autoptr(FmArticle) article = NULL;
          g_autoptr(GPtrArray) annotations = NULL;
          g_autofree char *out = NULL;
          double t0 = bench_now_ms ();
          double t1;

          article = fm_store_get_article (store, id, &error);
          annotations = fm_store_list_annotations (store, id, &error);
          if (article == NULL || annotations == NULL)
            die ("cannot load the article", error);
          t1 = bench_now_ms ();
          out = fm_export_to_string ((FmExportFormat) f, article, annotations, &options, &error);
          if (out == NULL)
            die (fm_export_format_to_string ((FmExportFormat) f), error);
          if (run >= 0)
            {
              total_runs[run] = bench_now_ms () - t0;
              format_runs[run] = bench_now_ms () - t1;
            }
          size = strlen (out);
        }
      total_ms = bench_median (total_runs, EXPORT_RUNS);
      format_ms = bench_median (format_runs, EXPORT_RUNS);
      printf ("# %s: %.1f MB written; formatting alone %.1f ms of the %.1f ms\n",
              fm_export_format_to_string ((FmExportFormat) f), size / 1e6, format_ms, total_ms);
      label = g_strdup_printf ("%s, %s", bench_cases[kase].label,
                               fm_export_format_to_string ((FmExportFormat) f));
      /* Issue 16's goals: the fact sheet, the W3C annotations, the HTML page
       * and the ClaimReview markup each within twice the floor. */
      if (f == FM_EXPORT_FORMAT_JSON || f == FM_EXPORT_FORMAT_W3C
          || f == FM_EXPORT_FORMAT_HTML || f == FM_EXPORT_FORMAT_CLAIMREVIEW)
        bench_row_ms ("4 export", label, total_ms, floor_ms, "≤ 2× floor", total_ms <= 2 * floor_ms);
      else
        bench_row_ms ("4 export", label, total_ms, floor_ms, NULL, BENCH_NO_TARGET);
    }

  sqlite3_close (db);
  return 0;
}

/* Import */

#define IMPORT_RUNS 3

static char *
ensure_import_input (const char *name,
                     gboolean    html)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = bench_cache_dir (&error);
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    die ("no cache directory", error);
  file = g_strdup_printf ("import-g%d-%s", BENCH_GENERATOR_VERSION, name);
  path = g_build_filename (dir, file, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_autofree char *data = html ? bench_html_page (20260400, 5000000)
                                   : bench_plain_text (20260401, 5000000);

      if (!g_file_set_contents (path, data, -1, &error))
        die ("cannot write an import input", error);
    }
  return g_steal_pointer (&path);
}

static int
run_import (void)
{
  static const struct {
    const char *file;
    const char *label;
    gboolean    html;
  } inputs[] = {
    { "page.html", "5 MB HTML page", TRUE },
    { "report.txt", "5 MB text file", FALSE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
    {
      g_autofree char *path = ensure_import_input (inputs[i].file, inputs[i].html);
      double floor_runs[IMPORT_RUNS], import_runs[IMPORT_RUNS];
      double floor_ms, import_ms;
      gsize size = 0;
      glong length = 0;

      for (int run = -1; run < IMPORT_RUNS; run++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *data = NULL;
          double t0 = bench_now_ms ();

          if (!g_file_get_contents (path, &data, &size, &error))
            die ("cannot read an import input", error);
          if (!g_utf8_validate (data, size, NULL))
            die ("the generated input is not UTF-8", NULL);
          if (run >= 0)
            floor_runs[run] = bench_now_ms () - t0;
        }

      for (int run = -1; run < IMPORT_RUNS; run++)
        {
          g_autoptr(GError) error = NULL;
          g_autofree char *data = NULL;
          g_autofree char *encoding = NULL;
          g_autoptr(FmArticle) article = NULL;
          double t0 = bench_now_ms ();

          if (!g_file_get_contents (path, &data, &size, &error))
            die ("cannot read an import input", error);
          article = fm_import_data (data, size, inputs[i].file, &encoding, &error);
          if (article == NULL)
            die (inputs[i].label, error);
          if (run >= 0)
            import_runs[run] = bench_now_ms () - t0;
          length = fm_article_get_length (article);
        }

      floor_ms = bench_median (floor_runs, IMPORT_RUNS);
      import_ms = bench_median (import_runs, IMPORT_RUNS);
      printf ("# %s: %.2f MB in, %ld code points of article out; median of %d\n",
              inputs[i].label, size / 1e6, length, IMPORT_RUNS);
      bench_row_ms ("5 import", inputs[i].label, import_ms, floor_ms, NULL, BENCH_NO_TARGET);
    }
  return 0;
}

/* The window's benchmarks */

typedef struct
{
  gint64      started;
  GHashTable *values;   /* KEY → the rest of its last line */
  GPtrArray  *filters;  /* the FILTER lines, in order */
} Child;

static void
child_free (Child *child)
{
  g_hash_table_unref (child->values);
  g_ptr_array_unref (child->filters);
  g_free (child);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Child, child_free)

/* Starts @exe with the arguments after it and waits for it; its time zero
 * is taken just before the fork, so a reported frame time counts the whole
 * start of the process. */
G_GNUC_NULL_TERMINATED
static Child *
run_child (const char *exe,
           ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  Child *child = g_new0 (Child, 1);
  const char *arg;
  va_list args;
  int status;

  if (exe == NULL)
    die ("the window benchmarks need bench-window and bench-plain as arguments", NULL);
  g_ptr_array_add (argv, (gpointer) exe);
  va_start (args, exe);
  while ((arg = va_arg (args, const char *)))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  child->values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  child->filters = g_ptr_array_new_with_free_func (g_free);
  child->started = g_get_monotonic_time ();
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, NULL,
                     &status, &error))
    die (exe, error);
  if (!g_spawn_check_wait_status (status, &error))
    {
      fprintf (stderr, "%s", out ? out : "");
      die (exe, error);
    }

  lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    {
      char *space = strchr (lines[i], ' ');

      if (space == NULL)
        continue;
      *space = '\0';
      if (g_str_equal (lines[i], "FILTER"))
        g_ptr_array_add (child->filters, g_strdup (space + 1));
      else
        g_hash_table_replace (child->values, g_strdup (lines[i]), g_strdup (space + 1));
    }
  return child;
}

static const char *
child_get (Child      *child,
           const char *key)
{
  const char *value = g_hash_table_lookup (child->values, key);

  if (value == NULL)
    {
      fprintf (stderr, "bench: the child did not report %s\n", key);
      exit (1);
    }
  return value;
}

/* A reported time, in ms since the child was started. */
static double
child_since_start (Child      *child,
                   const char *key)
{
  return bench_us_to_ms (g_ascii_strtoll (child_get (child, key), NULL, 10) - child->started);
}

static double
child_double (Child      *child,
              const char *key)
{
  return g_ascii_strtod (child_get (child, key), NULL);
}

typedef struct
{
  guint  n;
  double median;
  double p95;
  double p99;
  double max;
} Stats;

static Stats
child_stats (Child      *child,
             const char *key)
{
  Stats s = { 0 };

  if (sscanf (child_get (child, key), "%u %lf %lf %lf %lf", &s.n, &s.median, &s.p95, &s.p99,
              &s.max) != 5)
    die ("a child's statistics are malformed", NULL);
  return s;
}

static const char *
view_size (Child *child,
           char   width[16],
           char   height[16])
{
  int w = 0, h = 0;

  if (sscanf (child_get (child, "VIEW_SIZE"), "%d %d", &w, &h) != 2 || w <= 0 || h <= 0)
    die ("the app's text view has no size", NULL);
  g_snprintf (width, 16, "%d", w);
  g_snprintf (height, 16, "%d", h);
  printf ("# text view %d × %d px\n", w, h);
  return width;
}

static char *
case_or_die (guint kase)
{
  g_autoptr(GError) error = NULL;
  char *path = bench_ensure_case (kase, &error);

  if (path == NULL)
    die ("cannot build the inputs", error);
  return path;
}

static char *
text_or_die (guint kase)
{
  g_autoptr(GError) error = NULL;
  char *path = bench_case_text_path (kase, &error);

  if (path == NULL)
    die ("cannot write the article's text", error);
  return path;
}

static int
run_open (void)
{
  for (guint k = 0; k < BENCH_N_CASES; k++)
    {
      g_autofree char *db = case_or_die (k);
      g_autofree char *text = text_or_die (k);
      g_autoptr(Child) warm = NULL;
      g_autoptr(Child) warm_plain = NULL;
      guint runs = k == BENCH_CASE_LARGE ? 3 : 5;
      double app[5], first[5], plain[5];
      double app_ms, first_ms, plain_ms;
      char uuid[37], width[16], height[16];
      g_autofree char *label = NULL;

      bench_case_uuid (k, uuid);
      /* An untimed run of each first, so both find the files in the page
       * cache, and to learn the size of the app's text view. */
      warm = run_child (window_exe, "open", "--db", db, "--article", uuid, NULL);
      view_size (warm, width, height);
      printf ("# renderer: %s\n", child_get (warm, "RENDERER"));
      warm_plain = run_child (plain_exe, "text", "--file", text, "--width", width,
                              "--height", height, NULL);

      for (guint r = 0; r < runs; r++)
        {
          g_autoptr(Child) a = run_child (window_exe, "open", "--db", db, "--article", uuid, NULL);
          g_autoptr(Child) p = run_child (plain_exe, "text", "--file", text, "--width", width,
                                          "--height", height, NULL);

          app[r] = child_since_start (a, "HIGHLIGHTS_US");
          first[r] = child_since_start (a, "FIRST_FRAME_US");
          plain[r] = child_since_start (p, "FIRST_FRAME_US");
          printf ("# %s run %u: app %.1f ms (first frame %.1f ms), plain %.1f ms\n",
                  bench_cases[k].label, r + 1, app[r], first[r], plain[r]);
        }
      app_ms = bench_median (app, runs);
      first_ms = bench_median (first, runs);
      plain_ms = bench_median (plain, runs);

      label = g_strdup_printf ("%s, to all highlights", bench_cases[k].label);
      if (k == BENCH_CASE_MEDIUM)
        bench_row_ms ("1 open", label, app_ms, plain_ms, "≤ 1.3× plain", app_ms <= 1.3 * plain_ms);
      else
        bench_row_ms ("1 open", label, app_ms, plain_ms, NULL, BENCH_NO_TARGET);
      if (first_ms < app_ms - 1)
        {
          g_free (label);
          label = g_strdup_printf ("%s, first frame", bench_cases[k].label);
          bench_row_ms ("1 open", label, first_ms, plain_ms, NULL, BENCH_NO_TARGET);
        }

      if (k == BENCH_CASE_LARGE)
        {
          char start[37];
          g_autoptr(Child) a = NULL;
          g_autoptr(Child) p = NULL;
          Stats app_gaps, plain_gaps;

          /* The small article is open when the user picks the large one. */
          bench_case_uuid (BENCH_CASE_SMALL, start);
          a = run_child (window_exe, "open-late", "--db", db, "--article", uuid, "--start", start,
                         NULL);
          p = run_child (plain_exe, "text-late", "--file", text, "--width", width,
                         "--height", height, NULL);
          app_gaps = child_stats (a, "GAPS");
          plain_gaps = child_stats (p, "GAPS");

          printf ("# %s opened in a window on screen: first frame after %.1f ms, all highlights "
                  "after %.1f ms; plain view's first frame after %.1f ms\n",
                  bench_cases[k].label, child_double (a, "FIRST_FRAME_AFTER_MS"),
                  child_double (a, "HIGHLIGHTS_AFTER_MS"), child_double (p, "FIRST_FRAME_AFTER_MS"));
          g_free (label);
          label = g_strdup_printf ("%s, longest freeze opening it from the library",
                                   bench_cases[k].label);
          bench_row_ms ("1 open", label, app_gaps.max, plain_gaps.max, "≤ 1.3× plain",
                        app_gaps.max <= 1.3 * plain_gaps.max);
        }
    }
  return 0;
}

static int
run_memory (void)
{
  for (guint k = 0; k < BENCH_N_CASES; k++)
    {
      g_autofree char *db = case_or_die (k);
      g_autofree char *text = text_or_die (k);
      g_autoptr(Child) a = NULL;
      g_autoptr(Child) p = NULL;
      g_autofree char *result = NULL;
      g_autofree char *baseline = NULL;
      char uuid[37], width[16], height[16];
      double app_mb, plain_mb;

      bench_case_uuid (k, uuid);
      a = run_child (window_exe, "open", "--db", db, "--article", uuid, "--settle", NULL);
      view_size (a, width, height);
      p = run_child (plain_exe, "text", "--file", text, "--width", width, "--height", height,
                     "--settle", NULL);
      app_mb = child_double (a, "VMHWM_KB") / 1024;
      plain_mb = child_double (p, "VMHWM_KB") / 1024;
      result = g_strdup_printf ("%.1f MB", app_mb);
      baseline = g_strdup_printf ("%.1f MB", plain_mb);
      bench_row ("7 memory", bench_cases[k].label, result, baseline, app_mb / plain_mb, NULL,
                 BENCH_NO_TARGET);
    }
  return 0;
}

static int
run_mark (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = case_or_die (BENCH_CASE_MEDIUM);
  g_autofree char *text = text_or_die (BENCH_CASE_MEDIUM);
  g_autofree char *dir = NULL;
  g_autofree char *copy = bench_copy_to_temp (db, &dir, &error);
  g_autoptr(Child) a = NULL;
  g_autoptr(Child) p = NULL;
  char uuid[37], width[16], height[16];
  const char *count = "1000";
  Stats app, app_sync, app_commit, app_frame, app_layout, plain, plain_sync, plain_frame;
  guint n = 0, failed = 0, unseen = 0, added = 0;
  g_autofree char *median_label = NULL;
  g_autofree char *p99_label = NULL;

  if (copy == NULL)
    die ("cannot copy the library", error);
  bench_case_uuid (BENCH_CASE_MEDIUM, uuid);
  a = run_child (window_exe, "mark", "--db", copy, "--article", uuid, "--count", count, NULL);
  view_size (a, width, height);
  p = run_child (plain_exe, "mark", "--file", text, "--dir", dir, "--count", count,
                 "--width", width, "--height", height, NULL);
  bench_remove_temp (dir);

  sscanf (child_get (a, "MARKS"), "%u %u %u %u", &n, &failed, &unseen, &added);
  app = child_stats (a, "MARK_VISIBLE");
  app_sync = child_stats (a, "MARK_SYNC");
  app_commit = child_stats (a, "MARK_COMMIT");
  plain = child_stats (p, "MARK_VISIBLE");
  plain_sync = child_stats (p, "MARK_SYNC");
  app_frame = child_stats (a, "MARK_FRAME");
  app_layout = child_stats (a, "MARK_LAYOUT");
  plain_frame = child_stats (p, "MARK_FRAME");
  printf ("# %u marks: %u not committed, %u not seen highlighted, %u annotations added\n",
          n, failed, unseen, added);
  printf ("# app: committed after %.2f ms median (%.2f p99); action returned after %.2f ms "
          "median (%.2f p99)\n", app_commit.median, app_commit.p99, app_sync.median, app_sync.p99);
  printf ("# app: the frame that showed it took %.2f ms median (%.2f p99), its layout phase "
          "%.2f ms median (%.2f p99)\n", app_frame.median, app_frame.p99, app_layout.median,
          app_layout.p99);
  printf ("# plain: insert, commit and tag %.2f ms median (%.2f p99); the frame %.2f ms median\n",
          plain_sync.median, plain_sync.p99, plain_frame.median);
  if (failed > 0 || unseen > 0 || added != n)
    die ("some marks were not committed or not shown", NULL);

  median_label = g_strdup_printf ("%s, median of %u, to visible", bench_cases[BENCH_CASE_MEDIUM].label, n);
  p99_label = g_strdup_printf ("%s, p99 of %u, to visible", bench_cases[BENCH_CASE_MEDIUM].label, n);
  /* Issue 16's goals: both within one and a half times the bare view's,
   * whose own frame already takes longer than the first goals' 5 ms. */
  bench_row_ms ("2 mark", median_label, app.median, plain.median, "≤ 1.5× plain",
                app.median <= 1.5 * plain.median);
  bench_row_ms ("2 mark", p99_label, app.p99, plain.p99, "≤ 1.5× plain", app.p99 <= 1.5 * plain.p99);
  return 0;
}

static int
run_scroll (void)
{
  g_autofree char *db = case_or_die (BENCH_CASE_MEDIUM);
  g_autofree char *text = text_or_die (BENCH_CASE_MEDIUM);
  g_autoptr(Child) a = NULL;
  g_autoptr(Child) p = NULL;
  g_autoptr(Child) t = NULL;
  char uuid[37], width[16], height[16];
  Stats pick, floor, frames, plain_frames, periods, plain_periods, layouts, plain_layouts;
  Stats tagged_frames;
  const char *label = bench_cases[BENCH_CASE_MEDIUM].label;
  g_autofree char *l1 = NULL;
  g_autofree char *l2 = NULL;
  g_autofree char *l3 = NULL;
  g_autofree char *l4 = NULL;

  bench_case_uuid (BENCH_CASE_MEDIUM, uuid);
  a = run_child (window_exe, "scroll", "--db", db, "--article", uuid, NULL);
  view_size (a, width, height);
  p = run_child (plain_exe, "scroll", "--file", text, "--width", width, "--height", height, NULL);
  /* The same bare view with the same highlights tells what the highlights
   * cost GtkTextView from what the rest of the app's window costs. */
  t = run_child (plain_exe, "scroll", "--file", text, "--width", width, "--height", height,
                 "--db", db, "--tags", uuid, NULL);
  tagged_frames = child_stats (t, "SCROLL_FRAMES");

  pick = child_stats (a, "PICK");
  floor = child_stats (a, "PICK_FLOOR");
  frames = child_stats (a, "SCROLL_FRAMES");
  periods = child_stats (a, "SCROLL_PERIODS");
  plain_frames = child_stats (p, "SCROLL_FRAMES");
  plain_periods = child_stats (p, "SCROLL_PERIODS");
  layouts = child_stats (a, "SCROLL_LAYOUTS");
  plain_layouts = child_stats (p, "SCROLL_LAYOUTS");
  printf ("# picks: %s (hits, picks); the floor is gtk_text_iter_get_tags() at the offset\n",
          child_get (a, "PICK_HITS"));
  printf ("# scrolling: app %u frames, median %.2f ms, p95 %.2f ms, worst %.2f ms, "
          "worst interval between frames %.2f ms; layout phase median %.2f ms, worst %.2f ms\n",
          frames.n, frames.median, frames.p95, frames.max, periods.max, layouts.median,
          layouts.max);
  printf ("# scrolling: plain %u frames, median %.2f ms, p95 %.2f ms, worst %.2f ms, "
          "worst interval between frames %.2f ms; layout phase median %.2f ms, worst %.2f ms\n",
          plain_frames.n, plain_frames.median, plain_frames.p95, plain_frames.max,
          plain_periods.max, plain_layouts.median, plain_layouts.max);

  l1 = g_strdup_printf ("%s, pick, median of %u", label, pick.n);
  l2 = g_strdup_printf ("%s, pick, worst", label);
  l3 = g_strdup_printf ("%s, scrolling, worst frame", label);
  l4 = g_strdup_printf ("%s, scrolling, p95 frame", label);
  bench_row_ms ("3 scroll+click", l1, pick.median, floor.median, NULL, BENCH_NO_TARGET);
  bench_row_ms ("3 scroll+click", l2, pick.max, floor.max, "< 16 ms", pick.max < 16);
  bench_row_ms ("3 scroll+click", l3, frames.max, plain_frames.max, "≤ 16 ms", frames.max <= 16);
  /* Issue 16's goal for scrolling. */
  bench_row_ms ("3 scroll+click", l4, frames.p95, plain_frames.p95, "≤ 1.2× plain",
                frames.p95 <= 1.2 * plain_frames.p95);
  printf ("# scrolling: plain with the same %s highlights %u frames, median %.2f ms, p95 %.2f ms, "
          "worst %.2f ms\n", child_get (t, "TAGGED"), tagged_frames.n, tagged_frames.median,
          tagged_frames.p95, tagged_frames.max);
  {
    g_autofree char *l6 = g_strdup_printf ("%s, scrolling, p95 frame, bare view with the same "
                                           "highlights", label);

    bench_row_ms ("3 scroll+click", l6, tagged_frames.p95, plain_frames.p95, NULL,
                  BENCH_NO_TARGET);
  }
  {
    g_autofree char *l5 = g_strdup_printf ("%s, scrolling, worst layout phase", label);

    bench_row_ms ("3 scroll+click", l5, layouts.max, plain_layouts.max, "≤ 16 ms",
                  layouts.max <= 16);
  }
  return 0;
}

#define LIBRARY_RUNS 3

/* Parses the FILTER lines of a child:
 * label|set|settled|painted|shown|floor|frame|layout. */
static void
parse_filters (Child  *child,
               GArray *settled,
               GArray *shown,
               GArray *floors,
               const char *who)
{
  for (guint i = 0; i < child->filters->len; i++)
    {
      g_auto(GStrv) f = g_strsplit (g_ptr_array_index (child->filters, i), "|", -1);
      double v;

      if (g_strv_length (f) != 8)
        die ("a filter line is malformed", NULL);
      printf ("# %s filter “%s”: set %s ms, settled %s ms, shown %s ms (that frame took %s ms, "
              "%s ms of it layout), %s titles; string work alone %s ms\n",
              who, f[0], f[1], f[2], f[3], f[6], f[7], f[4], f[5]);
      v = g_ascii_strtod (f[2], NULL);
      g_array_append_val (settled, v);
      v = g_ascii_strtod (f[3], NULL);
      g_array_append_val (shown, v);
      v = g_ascii_strtod (f[5], NULL);
      g_array_append_val (floors, v);
    }
}

static double
array_median (GArray *values)
{
  return bench_median ((double *) (gpointer) values->data, values->len);
}

static double
array_max (GArray *values)
{
  double max = 0;

  for (guint i = 0; i < values->len; i++)
    max = MAX (max, g_array_index (values, double, i));
  return max;
}

static int
run_library (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *db = bench_ensure_library (&error);
  g_autofree char *expect = g_strdup_printf ("%d", BENCH_LIBRARY_ARTICLES);
  g_autoptr(Child) last = NULL;
  g_autoptr(Child) plain_filters = NULL;
  double app[LIBRARY_RUNS], plain[LIBRARY_RUNS];
  g_autoptr(GArray) settled = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) shown = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floors = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) plain_settled = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) plain_shown = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) unused = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *label = NULL;
  double v;

  if (db == NULL)
    die ("cannot build the library", error);

  /* Untimed first runs warm the page cache for both. */
  child_free (run_child (window_exe, "library", "--db", db, "--expect", expect, NULL));
  child_free (run_child (plain_exe, "list", "--db", db, "--count", "0", NULL));
  for (guint r = 0; r < LIBRARY_RUNS; r++)
    {
      g_autoptr(Child) p = run_child (plain_exe, "list", "--db", db, "--count", "0", NULL);

      g_clear_pointer (&last, child_free);
      last = run_child (window_exe, "library", "--db", db, "--expect", expect, NULL);
      app[r] = child_since_start (last, "USABLE_US");
      plain[r] = child_since_start (p, "USABLE_US");
      printf ("# run %u: app usable after %.1f ms (first frame %.1f ms), plain list %.1f ms\n",
              r + 1, app[r], child_since_start (last, "FIRST_FRAME_US"), plain[r]);
    }
  label = g_strdup_printf ("%d articles / %d annotations, start-up to usable",
                           BENCH_LIBRARY_ARTICLES, BENCH_LIBRARY_ARTICLES * BENCH_LIBRARY_ANNOTATIONS);
  bench_row_ms ("6 library", label, bench_median (app, LIBRARY_RUNS),
                bench_median (plain, LIBRARY_RUNS), NULL, BENCH_NO_TARGET);

  plain_filters = run_child (plain_exe, "list", "--db", db, "--count", "1", NULL);
  parse_filters (last, settled, shown, floors, "app");
  parse_filters (plain_filters, plain_settled, plain_shown, unused, "plain");

  /* Settled: the filter model has its result (what the issue times); shown:
   * the frame with the filtered list is painted. The first is measured
   * against the string work alone, the second against a bare GtkListView
   * filtered the same way. */
  g_free (label);
  label = g_strdup_printf ("filter by title, settled, median of %u", settled->len);
  v = array_median (settled);
  bench_row_ms ("6 library", label, v, array_median (floors), "< 100 ms", v < 100);
  v = array_max (settled);
  bench_row_ms ("6 library", "filter by title, settled, worst", v, array_max (floors), "< 100 ms",
                v < 100);
  g_free (label);
  label = g_strdup_printf ("filter by title, shown, median of %u", shown->len);
  v = array_median (shown);
  bench_row_ms ("6 library", label, v, array_median (plain_shown), "< 100 ms", v < 100);
  v = array_max (shown);
  bench_row_ms ("6 library", "filter by title, shown, worst", v, array_max (plain_shown),
                "< 100 ms", v < 100);
  return 0;
}

/* Building the inputs ahead, so that the first benchmark run is not
 * charged with it. */
static int
run_generate (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *library = NULL;

  for (guint k = 0; k < BENCH_N_CASES; k++)
    {
      g_autofree char *path = bench_ensure_case (k, &error);

      if (path == NULL)
        die ("cannot build the articles", error);
      printf ("%s\n", path);
    }
  if (!(library = bench_ensure_library (&error)))
    die ("cannot build the library", error);
  printf ("%s\n", library);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  const char *command = argc > 1 ? argv[1] : NULL;

  window_exe = argc > 2 ? argv[2] : NULL;
  plain_exe = argc > 3 ? argv[3] : NULL;

  if (g_strcmp0 (command, "export") == 0)
    return run_export ();
  if (g_strcmp0 (command, "import") == 0)
    return run_import ();
  if (g_strcmp0 (command, "open") == 0)
    return run_open ();
  if (g_strcmp0 (command, "mark") == 0)
    return run_mark ();
  if (g_strcmp0 (command, "scroll") == 0)
    return run_scroll ();
  if (g_strcmp0 (command, "library") == 0)
    return run_library ();
  if (g_strcmp0 (command, "memory") == 0)
    return run_memory ();
  if (g_strcmp0 (command, "generate") == 0)
    return run_generate ();

  fprintf (stderr, "usage: bench-driver open|mark|scroll|export|import|library|memory|generate "
                   "[BENCH-WINDOW BENCH-PLAIN]\n");
  return 2;
}
