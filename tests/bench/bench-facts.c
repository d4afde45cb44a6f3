/* bench-facts.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "bench-gtk.h"
#include "bench-search-library.h"
#include "bench-stats.h"
#include "bench-util.h"
#include "fm-facts.h"
#include "fm-facts-window.h"
#include "fm-resources.h"
#include "fm-store.h"

/* Issue 13: the Facts view's first frame on the generated library of
 * 2,000 articles and 200,000 annotations, at most 1.3 times a bare
 * GtkColumnView's over the same rows. Each is timed from nothing to its
 * first painted frame: the Facts window reading the library as it does and
 * laying out its table; the baseline reading the same columns in one plain
 * query into a GListStore and showing them in a GtkColumnView with the
 * same seven columns of labels, nothing else. The two alternate, in the
 * same process, so that each has a baseline from the same run. The Facts
 * window reads the rest of its rows after the first frame; how long until
 * it holds them all is printed too. */

#define RUNS 5
#define TARGET 1.3

/* The baseline's row: the seven strings a Facts row shows. */
#define BENCH_TYPE_ROW (bench_row_object_get_type ())
G_DECLARE_FINAL_TYPE (BenchRowObject, bench_row_object, BENCH, ROW_OBJECT, GObject)

static const char * const columns[] = {
  "quote", "kind", "verdict", "sources", "article-title", "published", "modified-text",
};

#define N_COLUMNS G_N_ELEMENTS (columns)

struct _BenchRowObject
{
  GObject  parent_instance;
  char    *values[N_COLUMNS];
};

G_DEFINE_FINAL_TYPE (BenchRowObject, bench_row_object, G_TYPE_OBJECT)

static GParamSpec *row_properties[N_COLUMNS + 1];

static void
bench_row_object_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  BenchRowObject *self = BENCH_ROW_OBJECT (object);

  g_assert (prop_id >= 1 && prop_id <= N_COLUMNS);
  g_value_set_string (value, self->values[prop_id - 1]);
}

static void
bench_row_object_finalize (GObject *object)
{
  BenchRowObject *self = BENCH_ROW_OBJECT (object);

  for (guint i = 0; i < N_COLUMNS; i++)
    g_free (self->values[i]);
  G_OBJECT_CLASS (bench_row_object_parent_class)->finalize (object);
}

static void
bench_row_object_class_init (BenchRowObjectClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bench_row_object_get_property;
  object_class->finalize = bench_row_object_finalize;
  for (guint i = 0; i < N_COLUMNS; i++)
    row_properties[i + 1] = g_param_spec_string (columns[i], NULL, NULL, NULL,
                                                 G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_COLUMNS + 1, row_properties);
}

static void
bench_row_object_init (BenchRowObject *self)
{
}

/* The same columns as the Facts view, sources by name, in one query. */
static const char SQL_ROWS[] =
  "SELECT a.quote, a.kind, CASE a.kind WHEN 'source' THEN '' ELSE a.verdict END,"
  "  (SELECT group_concat (coalesce (s.name, s.quote), '; ') FROM links l"
  "   JOIN annotations s ON s.id = l.source_id WHERE l.annotation_id = a.id),"
  "  ar.title, ar.published, datetime (a.modified / 1000000, 'unixepoch')"
  " FROM annotations a JOIN articles ar ON ar.id = a.article_id"
  " ORDER BY ar.imported DESC, a.start";

static GListStore *
read_rows (sqlite3 *db)
{
  GListStore *rows = g_list_store_new (BENCH_TYPE_ROW);
  g_autoptr(GPtrArray) batch = g_ptr_array_new_with_free_func (g_object_unref);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, SQL_ROWS, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      BenchRowObject *row = g_object_new (BENCH_TYPE_ROW, NULL);

      for (guint i = 0; i < N_COLUMNS; i++)
        row->values[i] = g_strdup ((const char *) sqlite3_column_text (stmt, i));
      g_ptr_array_add (batch, row);
    }
  sqlite3_finalize (stmt);
  g_list_store_splice (rows, 0, 0, batch->pdata, batch->len);
  return rows;
}

static GtkListItemFactory *
label_factory (const char *property)
{
  g_autofree char *ui = g_strdup_printf (
    "<interface><template class=\"GtkListItem\"><property name=\"child\">"
    "<object class=\"GtkLabel\"><property name=\"xalign\">0</property>"
    "<property name=\"ellipsize\">end</property><binding name=\"label\">"
    "<lookup name=\"%s\" type=\"BenchRowObject\"><lookup name=\"item\">GtkListItem</lookup>"
    "</lookup></binding></object></property></template></interface>", property);
  g_autoptr(GBytes) bytes = g_bytes_new (ui, strlen (ui));

  return gtk_builder_list_item_factory_new_from_bytes (NULL, bytes);
}

static GtkWindow *
bare_window (GListModel *rows)
{
  GtkWindow *window = GTK_WINDOW (gtk_window_new ());
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkSelectionModel *selection = GTK_SELECTION_MODEL (gtk_single_selection_new (rows));
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_column_view_new (selection));

  for (guint i = 0; i < N_COLUMNS; i++)
    {
      g_autoptr(GtkColumnViewColumn) column = gtk_column_view_column_new (columns[i],
                                                                           label_factory (columns[i]));

      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_column_set_expand (column, i == 0);
      gtk_column_view_append_column (view, column);
    }
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (view));
  gtk_window_set_child (window, scrolled);
  return window;
}

/* Presents @window and waits for its first frame; the ms since @start. */
static double
first_frame (GtkWindow *window,
             gint64     start)
{
  BenchFrames frames = { 0 };
  double ms;

  gtk_window_set_default_size (window, 1100, 700);
  gtk_window_present (window);
  bench_frames_attach (&frames, GTK_WIDGET (window));
  if (!bench_wait_frame (&frames, 60000))
    g_error ("The window was not drawn within a minute");
  ms = (frames.last_paint - start) / 1000.0;
  gtk_window_destroy (window);
  /* Let the destroyed window's rows go before the next run. */
  bench_spin (200);
  g_array_unref (frames.durations);
  g_array_unref (frames.periods);
  g_array_unref (frames.layouts);
  return ms;
}

static double
time_baseline (sqlite3 *db)
{
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GListStore) rows = read_rows (db);

  return first_frame (bare_window (g_object_ref (G_LIST_MODEL (rows))), start);
}

static double
time_facts (FmStore *store)
{
  gint64 start = g_get_monotonic_time ();

  return first_frame (GTK_WINDOW (fm_facts_window_new (NULL, store)), start);
}

/* The window reads the rest of the list after its first frame: how long
 * until it holds all @n rows. */
static double
time_complete (FmStore *store,
               guint    n)
{
  gint64 start = g_get_monotonic_time ();
  FmFactsWindow *window = fm_facts_window_new (NULL, store);
  GListModel *rows = fm_facts_window_get_model (window);
  double ms;

  gtk_window_present (GTK_WINDOW (window));
  while (g_list_model_get_n_items (rows) < n)
    g_main_context_iteration (NULL, TRUE);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  gtk_window_destroy (GTK_WINDOW (window));
  bench_spin (200);
  return ms;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(GArray) facts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  double facts_ms, bare_ms;
  sqlite3 *db = NULL;

  gtk_init ();
  adw_init ();
  fm_register_resource ();
  if (!(path = bench_ensure_search_library (&error)) || !(store = fm_store_open (path, &error)))
    g_error ("%s", error->message);
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  /* Where the time goes: reading alone, each way, before the runs. */
  {
    gint64 start = g_get_monotonic_time ();
    g_autoptr(GPtrArray) listed = fm_store_list_facts (store, NULL, NULL);
    gint64 listed_at = g_get_monotonic_time ();
    g_autoptr(GListStore) rows = read_rows (db);

    bench_report ("READ", "fm_store_list_facts %.0f ms (%u), plain query %.0f ms",
                  (listed_at - start) / 1000.0, listed->len,
                  (g_get_monotonic_time () - listed_at) / 1000.0);
    bench_report ("COMPLETE", "the Facts window holds every row after %.0f ms",
                  time_complete (store, listed->len));
  }
  for (guint run = 0; run < RUNS; run++)
    {
      double f = time_facts (store);
      double b = time_baseline (db);

      g_array_append_val (facts, f);
      g_array_append_val (bare, b);
      bench_report ("RUN", "%u facts %.0f ms, bare GtkColumnView %.0f ms", run, f, b);
    }
  sqlite3_close (db);
  facts_ms = bench_median ((double *) facts->data, facts->len);
  bare_ms = bench_median ((double *) bare->data, bare->len);
  bench_row_ms ("facts-first-frame", "2,000 / 200,000", facts_ms, bare_ms, "≤ 1.3×",
                facts_ms <= TARGET * bare_ms);
  return 0;
}
