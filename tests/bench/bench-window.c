/* bench-window.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bench-gtk.h"
#include "bench-stats.h"
#include "fm-application.h"
#include "fm-window.h"

/* The app under measurement: the real FmApplication and FmWindow, started
 * the way the desktop starts them, driven by a script per mode and
 * reporting to bench-driver on stdout.
 *
 *   open      open the article at start-up, as when it was the last one open
 *             (the app's own restore path); report the first frame and the
 *             first frame showing all highlights
 *   open-late open it from the library while another article is on screen;
 *             report the longest stall of the frame clock
 *   library   start on the library; report when it is usable, then filter it
 *   mark      make marks from selections through the window's action
 *   scroll    pick annotations at offsets, then scroll through the article */

typedef struct
{
  const char    *mode;
  const char    *db;
  const char    *uuid;
  const char    *start_uuid;
  guint          count;
  guint          expect;
  gboolean       settle;
  gboolean       hide_panels;

  FmApplication *app;
  FmWindow      *window;
  BenchFrames    frames;
  gint64         article_id;
  gint64         first_frame;
  gint64         highlights;
  gint64         committed;
  GtkTextTag    *kind_tags[FM_N_KINDS];
} Harness;

static GtkTextView *
text_view (Harness *h)
{
  return fm_article_view_get_text_view (fm_window_get_article_view (h->window));
}

static GtkTextTag *
kind_tag (Harness *h,
          FmKind   kind)
{
  if (h->kind_tags[kind] == NULL)
    {
      GtkTextTagTable *table = gtk_text_buffer_get_tag_table (gtk_text_view_get_buffer (text_view (h)));

      /* The article view names its tags after the kinds. */
      h->kind_tags[kind] = gtk_text_tag_table_lookup (table, fm_kind_to_string (kind));
      if (h->kind_tags[kind] == NULL)
        g_error ("The article view has no tag named “%s”", fm_kind_to_string (kind));
    }
  return h->kind_tags[kind];
}

static gboolean
is_highlighted (Harness      *h,
                FmAnnotation *annotation)
{
  GtkTextIter iter;

  gtk_text_buffer_get_iter_at_offset (gtk_text_view_get_buffer (text_view (h)), &iter,
                                      fm_annotation_get_start (annotation));
  return gtk_text_iter_has_tag (&iter, kind_tag (h, fm_annotation_get_kind (annotation)));
}

/* Whether the article is in the view with every highlight applied, judged
 * on about 200 annotations spread over the text, the last one included,
 * which is the one a view filling in highlights from the top does last. */
static gboolean
highlights_complete (Harness *h)
{
  FmDocument *document = fm_window_get_document (h->window);
  GListModel *model;
  guint n, step;

  if (document == NULL || fm_document_get_article_id (document) != h->article_id)
    return FALSE;
  if (gtk_text_buffer_get_char_count (gtk_text_view_get_buffer (text_view (h)))
      != fm_article_get_length (fm_document_get_article (document)))
    return FALSE;

  model = fm_document_get_annotations (document);
  n = g_list_model_get_n_items (model);
  step = MAX (1, n / 200);
  for (guint i = 0; i < n; i = (i + step < n || i == n - 1) ? i + step : n - 1)
    {
      g_autoptr(FmAnnotation) a = g_list_model_get_item (model, i);

      if (!is_highlighted (h, a))
        return FALSE;
      if (i == n - 1)
        break;
    }
  return TRUE;
}

static void
paint_cb (gpointer user_data,
          gint64   now)
{
  Harness *h = user_data;

  if (h->first_frame == 0)
    h->first_frame = now;
  if (h->highlights == 0 && h->article_id != 0 && highlights_complete (h))
    h->highlights = now;
}

static void
wait_for_highlights (Harness *h,
                     guint    timeout_ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) timeout_ms * 1000;

  while (h->highlights == 0 && g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  if (h->highlights == 0)
    g_error ("The highlights were not all shown within %u ms", timeout_ms);
}

static void
report_view_size (Harness *h)
{
  bench_report ("VIEW_SIZE", "%d %d", gtk_widget_get_width (GTK_WIDGET (text_view (h))),
                gtk_widget_get_height (GTK_WIDGET (text_view (h))));
}

static void
run_open (Harness *h)
{
  wait_for_highlights (h, 300000);
  bench_report ("FIRST_FRAME_US", "%" G_GINT64_FORMAT, h->first_frame);
  bench_report ("HIGHLIGHTS_US", "%" G_GINT64_FORMAT, h->highlights);
  report_view_size (h);
  bench_report_renderer (GTK_WIDGET (h->window));
  if (h->settle)
    {
      bench_wait_settled (GTK_WIDGET (text_view (h)), 1000, 120000);
      bench_report_memory ();
    }
}

static void
run_open_late (Harness *h)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) article = NULL;
  FmStore *store = fm_application_get_store (h->app);
  gint64 t0, first_after = 0;
  guint frames_before;

  bench_wait_frame (&h->frames, 10000);
  if (!bench_wait_settled (GTK_WIDGET (text_view (h)), 1000, 60000))
    g_error ("The article open first did not settle");
  if (!(article = fm_store_lookup_article (store, h->uuid, &error)))
    g_error ("%s", error->message);

  bench_keep_painting (GTK_WIDGET (h->window));
  bench_spin (300);
  bench_frames_record (&h->frames, TRUE);
  /* Frames are being painted every refresh: the interval from the last one
   * before the article is opened counts. */
  h->frames.previous_start = h->frames.frame_start;
  frames_before = h->frames.n_frames;
  t0 = g_get_monotonic_time ();
  h->article_id = fm_article_get_id (article);
  if (!fm_window_show_article (h->window, h->article_id))
    g_error ("The article did not open");
  while (h->highlights == 0 && g_get_monotonic_time () - t0 < 300 * G_USEC_PER_SEC)
    {
      g_main_context_iteration (NULL, TRUE);
      if (first_after == 0 && h->frames.n_frames > frames_before)
        first_after = h->frames.last_paint;
    }
  /* Highlights filled in from idle would still be running; watch a second
   * more. */
  bench_spin (1000);
  bench_frames_record (&h->frames, FALSE);

  bench_report ("FIRST_FRAME_AFTER_MS", "%.3f", bench_us_to_ms (first_after - t0));
  bench_report ("HIGHLIGHTS_AFTER_MS", "%.3f", bench_us_to_ms (h->highlights - t0));
  bench_report_stats ("GAPS", h->frames.periods);
  bench_report_stats ("FRAMES", h->frames.durations);
}

static gboolean
library_usable (Harness *h)
{
  FmLibraryView *view = fm_window_get_library_view (h->window);

  return gtk_widget_get_mapped (GTK_WIDGET (view))
         && g_list_model_get_n_items (fm_library_view_get_model (view)) == h->expect;
}

static guint
pending (GListModel *model)
{
  return GTK_IS_FILTER_LIST_MODEL (model) ? gtk_filter_list_model_get_pending (GTK_FILTER_LIST_MODEL (model))
                                          : 0;
}

static const char * const filter_queries[] = {
  "bridge", "harbour", "council", "Review", "Kestrel Bay", "no such title",
};

/* What filtering costs at the least: folding the case of every title and
 * searching it, as GtkStringFilter does, in a plain loop. */
static double
filter_floor (GPtrArray  *titles,
              const char *query)
{
  g_autofree char *folded = g_utf8_casefold (query, -1);
  g_autofree char *needle = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  gint64 t0 = bench_now_ns ();
  guint hits = 0;

  for (guint i = 0; i < titles->len; i++)
    {
      g_autofree char *title_folded = g_utf8_casefold (g_ptr_array_index (titles, i), -1);
      g_autofree char *title = g_utf8_normalize (title_folded, -1, G_NORMALIZE_ALL);

      hits += strstr (title, needle) != NULL;
    }
  (void) hits;
  return (bench_now_ns () - t0) / 1e6;
}

static void
measure_filter (Harness    *h,
                const char *label,
                const char *query,
                GPtrArray  *titles)
{
  FmLibraryView *view = fm_window_get_library_view (h->window);
  GListModel *model = fm_library_view_get_model (view);
  gint64 t0, t_set, t_settled;
  gboolean painted;

  bench_spin (300);
  bench_frames_record (&h->frames, TRUE);
  t0 = g_get_monotonic_time ();
  fm_library_view_set_filter (view, query);
  t_set = g_get_monotonic_time ();
  while (pending (model) > 0)
    g_main_context_iteration (NULL, TRUE);
  t_settled = g_get_monotonic_time ();
  painted = bench_wait_frame (&h->frames, 1000);
  bench_frames_record (&h->frames, FALSE);
  /* The last fields say how long the frame that showed it took, and its
   * layout phase, to tell a slow frame from a late one. */
  bench_report ("FILTER", "%s|%.3f|%.3f|%.3f|%u|%.3f|%.3f|%.3f", label, bench_us_to_ms (t_set - t0),
                bench_us_to_ms (t_settled - t0),
                bench_us_to_ms ((painted ? h->frames.last_paint : t_settled) - t0),
                g_list_model_get_n_items (model), filter_floor (titles, query),
                h->frames.durations->len ? g_array_index (h->frames.durations, double, 0) : 0,
                h->frames.layouts->len ? g_array_index (h->frames.layouts, double, 0) : 0);
}

static void
run_library (Harness *h)
{
  FmLibraryView *view = fm_window_get_library_view (h->window);
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  GListModel *model;
  gint64 until = g_get_monotonic_time () + 120 * G_USEC_PER_SEC;
  gint64 usable = 0;

  while (g_get_monotonic_time () < until && usable == 0)
    {
      bench_wait_frame (&h->frames, 1000);
      if (library_usable (h))
        usable = h->frames.last_paint;
    }
  if (usable == 0)
    g_error ("The library did not show %u articles", h->expect);
  bench_report ("FIRST_FRAME_US", "%" G_GINT64_FORMAT, h->first_frame);
  bench_report ("USABLE_US", "%" G_GINT64_FORMAT, usable);

  model = fm_library_view_get_model (view);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(FmArticle) article = g_list_model_get_item (model, i);
      g_ptr_array_add (titles, g_strdup (fm_article_get_display_title (article)));
    }

  for (guint q = 0; q < G_N_ELEMENTS (filter_queries); q++)
    {
      measure_filter (h, filter_queries[q], filter_queries[q], titles);
      measure_filter (h, "(cleared)", "", titles);
    }
}

static void
annotation_added_cb (FmStore      *store,
                     FmAnnotation *annotation,
                     Harness      *h)
{
  h->committed = g_get_monotonic_time ();
}

static void
run_mark (Harness *h)
{
  FmDocument *document;
  GtkTextBuffer *buffer;
  g_autoptr(GArray) total = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) sync = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) commit = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) frame = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) layout = g_array_new (FALSE, FALSE, sizeof (double));
  guint failures = 0, unseen = 0, before;
  BenchRand rand;

  wait_for_highlights (h, 300000);
  bench_wait_settled (GTK_WIDGET (text_view (h)), 500, 60000);
  report_view_size (h);
  document = fm_window_get_document (h->window);
  buffer = gtk_text_view_get_buffer (text_view (h));
  before = g_list_model_get_n_items (fm_document_get_annotations (document));
  g_signal_connect (fm_application_get_store (h->app), "annotation-added",
                    G_CALLBACK (annotation_added_cb), h);

  bench_rand_init (&rand, 20260500);
  for (guint i = 0; i < h->count; i++)
    {
      GtkTextIter iter;
      glong start, end;
      gint64 t0, t1;
      double ms;

      bench_pick_range (buffer, &rand, &start, &end);
      fm_article_view_select_range (fm_window_get_article_view (h->window), start, end);
      gtk_text_buffer_get_iter_at_offset (buffer, &iter, start);
      gtk_text_view_scroll_to_iter (text_view (h), &iter, 0.0, TRUE, 0.0, 0.4);
      bench_wait_frame (&h->frames, 200);
      /* Let the frame clock fall idle, so the next frame is not held back
       * to keep an even rate. */
      bench_spin (25);

      h->committed = 0;
      bench_frames_record (&h->frames, TRUE);
      t0 = g_get_monotonic_time ();
      if (!gtk_widget_activate_action (GTK_WIDGET (h->window), "article.mark-claim", NULL))
        g_error ("The mark action is not enabled with text selected");
      t1 = g_get_monotonic_time ();
      if (h->committed == 0)
        {
          failures++;
          continue;
        }
      if (!bench_wait_frame (&h->frames, 2000))
        {
          unseen++;
          continue;
        }
      bench_frames_record (&h->frames, FALSE);
      if (h->frames.durations->len > 0)
        {
          g_array_append_val (frame, g_array_index (h->frames.durations, double, 0));
          g_array_append_val (layout, g_array_index (h->frames.layouts, double, 0));
        }
      {
        FmAnnotation *a = fm_document_lookup (document, fm_window_get_selected (h->window));

        if (a == NULL || !is_highlighted (h, a))
          unseen++;
      }
      ms = bench_us_to_ms (h->frames.last_paint - t0);
      g_array_append_val (total, ms);
      ms = bench_us_to_ms (t1 - t0);
      g_array_append_val (sync, ms);
      ms = bench_us_to_ms (h->committed - t0);
      g_array_append_val (commit, ms);
    }

  bench_report ("MARKS", "%u %u %u %u", h->count, failures, unseen,
                g_list_model_get_n_items (fm_document_get_annotations (document)) - before);
  bench_report_stats ("MARK_VISIBLE", total);
  bench_report_stats ("MARK_SYNC", sync);
  bench_report_stats ("MARK_COMMIT", commit);
  bench_report_stats ("MARK_FRAME", frame);
  bench_report_stats ("MARK_LAYOUT", layout);
}

#define N_PICKS 10000

static void
run_scroll (Harness *h)
{
  GtkTextBuffer *buffer;
  g_autoptr(GArray) picks = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) floor = g_array_new (FALSE, FALSE, sizeof (double));
  FmArticleView *view = fm_window_get_article_view (h->window);
  BenchRand rand;
  int count;
  guint hits = 0;

  wait_for_highlights (h, 300000);
  /* For finding where frame time goes: the article alone in the window. */
  if (h->hide_panels)
    g_object_set (h->window, "show-library", FALSE, "show-facts", FALSE, NULL);
  bench_wait_settled (GTK_WIDGET (text_view (h)), 1000, 120000);
  report_view_size (h);
  buffer = gtk_text_view_get_buffer (text_view (h));
  count = gtk_text_buffer_get_char_count (buffer);

  bench_rand_init (&rand, 20260600);
  for (guint i = 0; i < N_PICKS; i++)
    {
      glong offset = bench_rand_below (&rand, count);
      gint64 t0 = bench_now_ns ();
      gint64 id = fm_article_view_pick (view, offset);
      double ms = (bench_now_ns () - t0) / 1e6;

      hits += id != 0;
      g_array_append_val (picks, ms);
    }

  /* The ceiling: what the text view takes to say which tags are there. */
  bench_rand_init (&rand, 20260600);
  for (guint i = 0; i < N_PICKS; i++)
    {
      glong offset = bench_rand_below (&rand, count);
      gint64 t0 = bench_now_ns ();
      GtkTextIter iter;
      GSList *tags;
      double ms;

      gtk_text_buffer_get_iter_at_offset (buffer, &iter, offset);
      tags = gtk_text_iter_get_tags (&iter);
      g_slist_free (tags);
      ms = (bench_now_ns () - t0) / 1e6;
      g_array_append_val (floor, ms);
    }
  bench_report ("PICK_HITS", "%u %u", hits, N_PICKS);
  bench_report_stats ("PICK", picks);
  bench_report_stats ("PICK_FLOOR", floor);

  bench_scroll_through (GTK_WIDGET (text_view (h)), &h->frames);
  bench_report_stats ("SCROLL_FRAMES", h->frames.durations);
  bench_report_stats ("SCROLL_PERIODS", h->frames.periods);
  bench_report_stats ("SCROLL_LAYOUTS", h->frames.layouts);
}

static void
before_activate_cb (GApplication *application,
                    Harness      *h)
{
  GSettings *settings = fm_application_get_settings (h->app);
  const char *last = "";

  /* The window reopens the article that was open last: the one measured,
   * or, to measure opening one from the library, another one. */
  if (g_str_equal (h->mode, "open") || g_str_equal (h->mode, "mark")
      || g_str_equal (h->mode, "scroll"))
    last = h->uuid;
  else if (g_str_equal (h->mode, "open-late") && h->start_uuid != NULL)
    last = h->start_uuid;
  g_settings_set_string (settings, "last-article", last);
}

static void
after_activate_cb (GApplication *application,
                   Harness      *h)
{
  FmStore *store = fm_application_get_store (h->app);
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (application));

  if (window == NULL || store == NULL)
    g_error ("The application made no window or has no library");
  h->window = FM_WINDOW (window);
  /* The window reads the article it reopens in a thread; it may not be in
   * yet. */
  if (h->uuid != NULL && !g_str_equal (h->mode, "open-late"))
    {
      g_autoptr(FmArticle) article = fm_store_lookup_article (store, h->uuid, NULL);

      h->article_id = article ? fm_article_get_id (article) : 0;
    }
  else if (fm_window_get_document (h->window) != NULL && !g_str_equal (h->mode, "open-late"))
    h->article_id = fm_document_get_article_id (fm_window_get_document (h->window));
  if (!g_str_equal (h->mode, "open"))
    while (fm_window_is_opening (h->window))
      g_main_context_iteration (NULL, TRUE);

  h->frames.on_paint = paint_cb;
  h->frames.user_data = h;
  bench_frames_attach (&h->frames, GTK_WIDGET (h->window));

  if (g_str_equal (h->mode, "open"))
    run_open (h);
  else if (g_str_equal (h->mode, "open-late"))
    run_open_late (h);
  else if (g_str_equal (h->mode, "library"))
    run_library (h);
  else if (g_str_equal (h->mode, "mark"))
    run_mark (h);
  else if (g_str_equal (h->mode, "scroll"))
    run_scroll (h);
  else
    g_error ("Unknown mode %s", h->mode);
  bench_exit ();
}

int
main (int   argc,
      char *argv[])
{
  Harness h = { 0 };
  g_autofree char *db = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *start_uuid = NULL;
  int count = 1000, expect = 0;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, "The library", "PATH" },
    { "article", 0, 0, G_OPTION_ARG_STRING, &uuid, "The article's uuid", "UUID" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &start_uuid, "The article open before (open-late)", "UUID" },
    { "count", 0, 0, G_OPTION_ARG_INT, &count, "Marks to make", "N" },
    { "expect", 0, 0, G_OPTION_ARG_INT, &expect, "Articles in the library", "N" },
    { "settle", 0, 0, G_OPTION_ARG_NONE, &h.settle, "Report memory once laid out", NULL },
    { "hide-panels", 0, 0, G_OPTION_ARG_NONE, &h.hide_panels, "Scroll with the library and fact panel hidden", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("MODE");
  g_autoptr(GError) error = NULL;
  char *app_argv[4];

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2 || db == NULL)
    {
      fprintf (stderr, "usage: bench-window open|open-late|library|mark|scroll --db PATH "
                       "[--article UUID] [--count N] [--expect N] [--settle]\n");
      return 2;
    }
  h.mode = argv[1];
  h.db = db;
  h.uuid = uuid;
  h.start_uuid = start_uuid;
  h.count = count;
  h.expect = expect;

  h.app = fm_application_new (APP_ID ".Bench", G_APPLICATION_NON_UNIQUE);
  g_signal_connect (h.app, "activate", G_CALLBACK (before_activate_cb), &h);
  g_signal_connect_after (h.app, "activate", G_CALLBACK (after_activate_cb), &h);

  /* The app's --db option is read as a string but declared a file name, so
   * it never takes; the environment variable it also honours does. */
  g_setenv ("FACTMARK_DB", db, TRUE);

  /* Only the app's own options reach it. */
  app_argv[0] = argv[0];
  app_argv[1] = (char *) "--db";
  app_argv[2] = db;
  app_argv[3] = NULL;
  return g_application_run (G_APPLICATION (h.app), 3, app_argv);
}
