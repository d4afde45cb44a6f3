/* bench-plain.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

#include "bench-gtk.h"
#include "bench-stats.h"

/* The ceilings the app is measured against: the least a GTK program needs
 * to do what the app does, with nothing of Factmark in it.
 *
 *   text      a GtkTextView showing the article's text, no tags
 *   text-late the same text set into a view already on screen
 *   list      a GtkListView of the library's titles, read with one SELECT
 *   mark      a selection made into a tag and a row committed to SQLite
 *             (WAL, synchronous=FULL), until the next frame
 *   scroll    scrolling the plain view as the app's is scrolled; with --tags,
 *             with the article's highlights applied as the app draws them */

typedef struct
{
  const char  *mode;
  const char  *file;
  const char  *db;
  const char  *dir;
  const char  *tags_uuid;
  int          width;
  int          height;
  int          count;
  gboolean     settle;

  GtkWidget   *window;
  GtkTextView *view;
  BenchFrames  frames;
  gint64       first_frame;
} Plain;

static void
paint_cb (gpointer user_data,
          gint64   now)
{
  Plain *p = user_data;

  if (p->first_frame == 0)
    p->first_frame = now;
}

static char *
read_text (const char *file,
           gsize      *len)
{
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  if (!g_file_get_contents (file, &text, len, &error))
    g_error ("%s", error->message);
  return text;
}

static void
show (Plain     *p,
      GtkWidget *child)
{
  p->window = gtk_window_new ();
  /* The app's default window size. */
  gtk_window_set_default_size (GTK_WINDOW (p->window), 1200, 760);
  gtk_window_set_child (GTK_WINDOW (p->window), child);
  gtk_window_present (GTK_WINDOW (p->window));
  p->frames.on_paint = paint_cb;
  p->frames.user_data = p;
  bench_frames_attach (&p->frames, p->window);
}

static void
run_text (Plain *p)
{
  gsize len;
  g_autofree char *text = read_text (p->file, &len);

  show (p, bench_plain_text_view (text, len, p->width, p->height, &p->view));
  bench_wait_frame (&p->frames, 300000);
  bench_report ("FIRST_FRAME_US", "%" G_GINT64_FORMAT, p->first_frame);
  bench_report_renderer (p->window);
  if (p->settle)
    {
      bench_wait_settled (GTK_WIDGET (p->view), 1000, 120000);
      bench_report_memory ();
    }
}

static void
run_text_late (Plain *p)
{
  gsize len;
  g_autofree char *text = read_text (p->file, &len);
  gint64 t0, first_after = 0;
  guint frames_before;

  show (p, bench_plain_text_view (NULL, 0, p->width, p->height, &p->view));
  bench_wait_frame (&p->frames, 10000);
  bench_spin (500);
  bench_keep_painting (p->window);
  bench_spin (300);
  bench_frames_record (&p->frames, TRUE);
  /* Frames are being painted every refresh: the interval from the last one
   * before the article is opened counts. */
  p->frames.previous_start = p->frames.frame_start;
  frames_before = p->frames.n_frames;
  t0 = g_get_monotonic_time ();
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (p->view), text, len);
  while (first_after == 0)
    {
      g_main_context_iteration (NULL, TRUE);
      if (p->frames.n_frames > frames_before)
        first_after = p->frames.last_paint;
    }
  bench_spin (1000);
  bench_frames_record (&p->frames, FALSE);
  bench_report ("FIRST_FRAME_AFTER_MS", "%.3f", bench_us_to_ms (first_after - t0));
  bench_report_stats ("GAPS", p->frames.periods);
  bench_report_stats ("FRAMES", p->frames.durations);
}

static void
setup_label_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item,
                gpointer                  user_data)
{
  gtk_list_item_set_child (item, gtk_label_new (NULL));
}

static void
bind_label_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  GtkStringObject *title = gtk_list_item_get_item (item);

  gtk_label_set_label (GTK_LABEL (gtk_list_item_get_child (item)),
                       gtk_string_object_get_string (title));
}

static const char * const filter_queries[] = {
  "bridge", "harbour", "council", "Review", "Kestrel Bay", "no such title",
};

/* Filters the titles as the app's library does, through a
 * GtkFilterListModel with a GtkStringFilter, and reports when the list
 * shows the result. */
static void
measure_filter (Plain           *p,
                GtkStringFilter *filter,
                GListModel      *model,
                const char      *label,
                const char      *query)
{
  gint64 t0, t_set, t_settled;
  gboolean painted;

  bench_spin (300);
  bench_frames_record (&p->frames, TRUE);
  t0 = g_get_monotonic_time ();
  gtk_string_filter_set_search (filter, query);
  t_set = g_get_monotonic_time ();
  while (gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (model)) > 0)
    g_main_context_iteration (NULL, TRUE);
  t_settled = g_get_monotonic_time ();
  painted = bench_wait_frame (&p->frames, 1000);
  bench_frames_record (&p->frames, FALSE);
  bench_report ("FILTER", "%s|%.3f|%.3f|%.3f|%u|0|%.3f|%.3f", label, bench_us_to_ms (t_set - t0),
                bench_us_to_ms (t_settled - t0),
                bench_us_to_ms ((painted ? p->frames.last_paint : t_settled) - t0),
                g_list_model_get_n_items (model),
                p->frames.durations->len ? g_array_index (p->frames.durations, double, 0) : 0,
                p->frames.layouts->len ? g_array_index (p->frames.layouts, double, 0) : 0);
}

static void
run_list (Plain *p)
{
  GtkStringList *titles = gtk_string_list_new (NULL);
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkStringFilter *filter;
  GtkFilterListModel *filtered;
  GtkWidget *list;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  if (sqlite3_open_v2 (p->db, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "SELECT title FROM articles ORDER BY imported DESC, id DESC",
                             -1, &stmt, NULL) != SQLITE_OK)
    g_error ("Cannot read %s: %s", p->db, sqlite3_errmsg (db));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    gtk_string_list_append (titles, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  filter = gtk_string_filter_new (gtk_property_expression_new (GTK_TYPE_STRING_OBJECT, NULL,
                                                               "string"));
  filtered = gtk_filter_list_model_new (G_LIST_MODEL (titles), GTK_FILTER (filter));
  g_signal_connect (factory, "setup", G_CALLBACK (setup_label_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_label_cb), NULL);
  list = gtk_list_view_new (GTK_SELECTION_MODEL (gtk_single_selection_new (G_LIST_MODEL (filtered))),
                            factory);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), list);
  show (p, scrolled);
  bench_wait_frame (&p->frames, 300000);
  bench_report ("USABLE_US", "%" G_GINT64_FORMAT, p->first_frame);
  bench_report ("TITLES", "%u", g_list_model_get_n_items (G_LIST_MODEL (filtered)));

  if (p->count > 0)
    for (guint q = 0; q < G_N_ELEMENTS (filter_queries); q++)
      {
        measure_filter (p, filter, G_LIST_MODEL (filtered), filter_queries[q], filter_queries[q]);
        measure_filter (p, filter, G_LIST_MODEL (filtered), "(cleared)", "");
      }
}

static void
exec_sql (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

static void
run_mark (Plain *p)
{
  gsize len;
  g_autofree char *text = read_text (p->file, &len);
  g_autofree char *path = g_build_filename (p->dir, "plain-marks.db", NULL);
  g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sync = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame = g_array_new (FALSE, FALSE, sizeof (double));
  GtkTextBuffer *buffer;
  GtkTextTag *tag;
  sqlite3 *db;
  sqlite3_stmt *insert;
  BenchRand rand;

  if (sqlite3_open (path, &db) != SQLITE_OK)
    g_error ("Cannot open %s", path);
  exec_sql (db, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"
                "CREATE TABLE IF NOT EXISTS marks (id INTEGER PRIMARY KEY, start INTEGER,"
                " \"end\" INTEGER, quote TEXT, created INTEGER)");
  if (sqlite3_prepare_v2 (db, "INSERT INTO marks (start, \"end\", quote, created)"
                              " VALUES (?1, ?2, ?3, ?4)", -1, &insert, NULL) != SQLITE_OK)
    g_error ("%s", sqlite3_errmsg (db));

  show (p, bench_plain_text_view (text, len, p->width, p->height, &p->view));
  buffer = gtk_text_view_get_buffer (p->view);
  tag = gtk_text_buffer_create_tag (buffer, "claim", "background", "#f8e45c", NULL);
  bench_wait_frame (&p->frames, 300000);
  bench_wait_settled (GTK_WIDGET (p->view), 500, 60000);

  /* The same selections as the app's, from the same seed. */
  bench_rand_init (&rand, 20260500);
  for (int i = 0; i < p->count; i++)
    {
      GtkTextIter s, e;
      glong start, end;
      gint64 t0, t1;
      double ms;

      bench_pick_range (buffer, &rand, &start, &end);
      gtk_text_buffer_get_iter_at_offset (buffer, &s, start);
      gtk_text_buffer_get_iter_at_offset (buffer, &e, end);
      gtk_text_buffer_select_range (buffer, &s, &e);
      gtk_text_view_scroll_to_iter (p->view, &s, 0.0, TRUE, 0.0, 0.4);
      bench_wait_frame (&p->frames, 200);
      bench_spin (25);

      bench_frames_record (&p->frames, TRUE);
      t0 = g_get_monotonic_time ();
      {
        g_autofree char *quote = NULL;

        gtk_text_buffer_get_selection_bounds (buffer, &s, &e);
        quote = gtk_text_buffer_get_text (buffer, &s, &e, FALSE);
        exec_sql (db, "BEGIN IMMEDIATE");
        sqlite3_bind_int64 (insert, 1, gtk_text_iter_get_offset (&s));
        sqlite3_bind_int64 (insert, 2, gtk_text_iter_get_offset (&e));
        sqlite3_bind_text (insert, 3, quote, -1, SQLITE_TRANSIENT);
        sqlite3_bind_int64 (insert, 4, g_get_real_time ());
        if (sqlite3_step (insert) != SQLITE_DONE)
          g_error ("%s", sqlite3_errmsg (db));
        sqlite3_reset (insert);
        exec_sql (db, "COMMIT");
        gtk_text_buffer_apply_tag (buffer, tag, &s, &e);
        gtk_text_buffer_place_cursor (buffer, &e);
      }
      t1 = g_get_monotonic_time ();
      if (!bench_wait_frame (&p->frames, 2000))
        continue;
      bench_frames_record (&p->frames, FALSE);
      if (p->frames.durations->len > 0)
        g_array_append_val (frame, g_array_index (p->frames.durations, double, 0));
      ms = bench_us_to_ms (p->frames.last_paint - t0);
      g_array_append_val (total, ms);
      ms = bench_us_to_ms (t1 - t0);
      g_array_append_val (sync, ms);
    }
  sqlite3_finalize (insert);
  sqlite3_close (db);
  bench_report_stats ("MARK_VISIBLE", total);
  bench_report_stats ("MARK_SYNC", sync);
  bench_report_stats ("MARK_FRAME", frame);
}

/* Applies the highlights of the article @uuid in @db as the app draws
 * them, one tag per kind, straight from its rows: what GtkTextView costs
 * with the same highlights and nothing else of the app. */
static void
apply_article_tags (GtkTextBuffer *buffer,
                    const char    *db_path,
                    const char    *uuid)
{
  static const char * const kinds[] = { "claim", "figure", "source" };
  GtkTextTag *tags[3];
  GdkRGBA rgba;
  sqlite3 *db;
  sqlite3_stmt *stmt;
  guint n = 0;

  gdk_rgba_parse (&rgba, "rgba(248,228,92,0.55)");
  tags[0] = gtk_text_buffer_create_tag (buffer, NULL, "background-rgba", &rgba, NULL);
  gdk_rgba_parse (&rgba, "rgba(153,193,241,0.55)");
  tags[1] = gtk_text_buffer_create_tag (buffer, NULL, "background-rgba", &rgba,
                                        "underline", PANGO_UNDERLINE_SINGLE, NULL);
  gdk_rgba_parse (&rgba, "rgba(143,240,164,0.55)");
  tags[2] = gtk_text_buffer_create_tag (buffer, NULL, "background-rgba", &rgba,
                                        "underline", PANGO_UNDERLINE_DOUBLE, NULL);

  if (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK
      || sqlite3_prepare_v2 (db, "SELECT n.start, n.\"end\", n.kind FROM annotations n"
                                 " JOIN articles a ON a.id = n.article_id WHERE a.uuid = ?1",
                             -1, &stmt, NULL) != SQLITE_OK)
    g_error ("Cannot read %s: %s", db_path, sqlite3_errmsg (db));
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *kind = (const char *) sqlite3_column_text (stmt, 2);
      GtkTextIter s, e;

      for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
        if (g_strcmp0 (kind, kinds[k]) == 0)
          {
            gtk_text_buffer_get_iter_at_offset (buffer, &s, sqlite3_column_int (stmt, 0));
            gtk_text_buffer_get_iter_at_offset (buffer, &e, sqlite3_column_int (stmt, 1));
            gtk_text_buffer_apply_tag (buffer, tags[k], &s, &e);
            n++;
          }
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  bench_report ("TAGGED", "%u", n);
}

static void
run_scroll (Plain *p)
{
  gsize len;
  g_autofree char *text = read_text (p->file, &len);

  show (p, bench_plain_text_view (text, len, p->width, p->height, &p->view));
  if (p->db != NULL && p->tags_uuid != NULL)
    apply_article_tags (gtk_text_view_get_buffer (p->view), p->db, p->tags_uuid);
  bench_wait_frame (&p->frames, 300000);
  bench_wait_settled (GTK_WIDGET (p->view), 1000, 120000);
  bench_scroll_through (GTK_WIDGET (p->view), &p->frames);
  bench_report_stats ("SCROLL_FRAMES", p->frames.durations);
  bench_report_stats ("SCROLL_PERIODS", p->frames.periods);
  bench_report_stats ("SCROLL_LAYOUTS", p->frames.layouts);
}

int
main (int   argc,
      char *argv[])
{
  Plain p = { 0 };
  g_autofree char *file = NULL;
  g_autofree char *db = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *tags_uuid = NULL;
  GOptionEntry entries[] = {
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file, "The article's text", "PATH" },
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "A library, for its titles", "PATH" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &dir, "Where to write marks", "DIR" },
    { "tags", 0, 0, G_OPTION_ARG_STRING, &tags_uuid, "Highlight this article's annotations (with --db)", "UUID" },
    { "width", 0, 0, G_OPTION_ARG_INT, &p.width, "The text view's width", "PX" },
    { "height", 0, 0, G_OPTION_ARG_INT, &p.height, "The text view's height", "PX" },
    { "count", 0, 0, G_OPTION_ARG_INT, &p.count, "Marks to make", "N" },
    { "settle", 0, 0, G_OPTION_ARG_NONE, &p.settle, "Report memory once laid out", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("MODE");
  g_autoptr(GError) error = NULL;

  p.width = 560;
  p.height = 700;
  p.count = 1000;
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      fprintf (stderr, "usage: bench-plain text|text-late|list|mark|scroll [options]\n");
      return 2;
    }
  p.mode = argv[1];
  p.file = file;
  p.db = db;
  p.dir = dir;
  p.tags_uuid = tags_uuid;

  gtk_init ();
  if (g_str_equal (p.mode, "text") && file)
    run_text (&p);
  else if (g_str_equal (p.mode, "text-late") && file)
    run_text_late (&p);
  else if (g_str_equal (p.mode, "list") && db)
    run_list (&p);
  else if (g_str_equal (p.mode, "mark") && file && dir)
    run_mark (&p);
  else if (g_str_equal (p.mode, "scroll") && file)
    run_scroll (&p);
  else
    {
      fprintf (stderr, "bench-plain: bad mode or missing option\n");
      return 2;
    }
  bench_exit ();
}
