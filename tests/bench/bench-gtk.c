/* bench-gtk.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "bench-gtk.h"
#include "bench-stats.h"

static void
before_paint_cb (GdkFrameClock *clock,
                 BenchFrames   *frames)
{
  gint64 now = g_get_monotonic_time ();

  if (frames->recording && frames->previous_start > 0)
    {
      double period = bench_us_to_ms (now - frames->previous_start);
      g_array_append_val (frames->periods, period);
    }
  frames->previous_start = now;
  frames->frame_start = now;
}

static void
layout_done_cb (GdkFrameClock *clock,
                BenchFrames   *frames)
{
  gint64 now = g_get_monotonic_time ();

  if (frames->recording && frames->frame_start > 0)
    {
      double duration = bench_us_to_ms (now - frames->frame_start);
      g_array_append_val (frames->layouts, duration);
    }
}

static void
after_paint_cb (GdkFrameClock *clock,
                BenchFrames   *frames)
{
  gint64 now = g_get_monotonic_time ();

  if (frames->recording && frames->frame_start > 0)
    {
      double duration = bench_us_to_ms (now - frames->frame_start);
      g_array_append_val (frames->durations, duration);
    }
  frames->n_frames++;
  frames->last_paint = now;
  if (frames->on_paint)
    frames->on_paint (frames->user_data, now);
}

/**
 * bench_frames_attach:
 * @widget: a realized widget; its surface's frame clock is watched
 *
 * Counts the frames painted and, while recording, how long each took from
 * the start of its frame cycle to the end of its after-paint phase, which
 * covers layout, snapshot and rendering, and how much of that was the
 * layout phase (measuring, allocating; for a text view, laying out lines).
 */
void
bench_frames_attach (BenchFrames *frames,
                     GtkWidget   *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);

  g_assert (clock != NULL);
  frames->durations = g_array_new (FALSE, FALSE, sizeof (double));
  frames->periods = g_array_new (FALSE, FALSE, sizeof (double));
  frames->layouts = g_array_new (FALSE, FALSE, sizeof (double));
  g_signal_connect_after (clock, "layout", G_CALLBACK (layout_done_cb), frames);
  g_signal_connect (clock, "before-paint", G_CALLBACK (before_paint_cb), frames);
  g_signal_connect_after (clock, "after-paint", G_CALLBACK (after_paint_cb), frames);
}

void
bench_frames_record (BenchFrames *frames,
                     gboolean     recording)
{
  frames->recording = recording;
  if (recording)
    {
      g_array_set_size (frames->durations, 0);
      g_array_set_size (frames->periods, 0);
      g_array_set_size (frames->layouts, 0);
      frames->previous_start = 0;
    }
}

/* Runs the main loop for @ms, as the app's own loop would run it. */
void
bench_spin (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (200);
    }
}

/* Runs the main loop until the next frame has been painted. */
gboolean
bench_wait_frame (BenchFrames *frames,
                  guint        timeout_ms)
{
  guint seen = frames->n_frames;
  gint64 until = g_get_monotonic_time () + timeout_ms * 1000;

  while (frames->n_frames == seen && g_get_monotonic_time () < until)
    {
      if (!g_main_context_iteration (NULL, FALSE))
        g_usleep (100);
    }
  return frames->n_frames != seen;
}

static gboolean
keep_painting_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Keeps the frame clock ticking every refresh, so that a stall of the main
 * loop shows as a long gap between frames. */
void
bench_keep_painting (GtkWidget *widget)
{
  gtk_widget_add_tick_callback (widget, keep_painting_cb, NULL, NULL);
}

GtkAdjustment *
bench_vadjustment (GtkWidget *text_view)
{
  GtkWidget *scrolled = gtk_widget_get_ancestor (text_view, GTK_TYPE_SCROLLED_WINDOW);

  g_assert (scrolled != NULL);
  return gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));
}

/* A text view lays out the lines off screen in the background, growing
 * the scrollable height as it goes. Waits until the height has not changed
 * for @quiet_ms. */
gboolean
bench_wait_settled (GtkWidget *text_view,
                    guint      quiet_ms,
                    guint      max_ms)
{
  GtkAdjustment *adjustment = bench_vadjustment (text_view);
  gint64 start = g_get_monotonic_time ();
  gint64 stable_since = start;
  double upper = gtk_adjustment_get_upper (adjustment);

  while (g_get_monotonic_time () - start < (gint64) max_ms * 1000)
    {
      double now_upper;

      bench_spin (50);
      now_upper = gtk_adjustment_get_upper (adjustment);
      if (now_upper != upper)
        {
          upper = now_upper;
          stable_since = g_get_monotonic_time ();
        }
      else if (g_get_monotonic_time () - stable_since >= (gint64) quiet_ms * 1000)
        return TRUE;
    }
  return FALSE;
}

/* A selection a reader might make: from a word start, two to twelve words. */
void
bench_pick_range (GtkTextBuffer *buffer,
                  BenchRand     *rand,
                  glong         *start,
                  glong         *end)
{
  int count = gtk_text_buffer_get_char_count (buffer);
  GtkTextIter s, e;

  g_assert (count > 400);
  gtk_text_buffer_get_iter_at_offset (buffer, &s, bench_rand_below (rand, count - 300));
  gtk_text_iter_forward_word_end (&s);
  gtk_text_iter_backward_word_start (&s);
  e = s;
  gtk_text_iter_forward_word_ends (&e, 2 + bench_rand_below (rand, 11));
  *start = gtk_text_iter_get_offset (&s);
  *end = gtk_text_iter_get_offset (&e);
}

typedef struct
{
  GtkAdjustment *adjustment;
  guint          at_end;
  guint          ticks;
  gboolean       done;
} Scroll;

static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Scroll *scroll = user_data;
  double value = gtk_adjustment_get_value (scroll->adjustment);
  double page = gtk_adjustment_get_page_size (scroll->adjustment);
  double last = gtk_adjustment_get_upper (scroll->adjustment) - page;

  /* Most of a page a frame, as when paging down or flinging: each frame
   * shows lines that were not on screen. */
  scroll->ticks++;
  if (value >= last)
    scroll->at_end++;
  if (scroll->at_end >= 5 || scroll->ticks > 5000)
    {
      scroll->done = TRUE;
      return G_SOURCE_REMOVE;
    }
  gtk_adjustment_set_value (scroll->adjustment, MIN (value + page * 0.9, last));
  return G_SOURCE_CONTINUE;
}

/**
 * bench_scroll_through:
 *
 * Scrolls from the top to the bottom, most of a page each frame, recording
 * every frame's duration in @frames.
 */
void
bench_scroll_through (GtkWidget   *text_view,
                      BenchFrames *frames)
{
  Scroll scroll = { bench_vadjustment (text_view), 0, 0, FALSE };

  gtk_adjustment_set_value (scroll.adjustment, 0);
  bench_spin (300);
  bench_frames_record (frames, TRUE);
  gtk_widget_add_tick_callback (text_view, scroll_tick_cb, &scroll, NULL);
  while (!scroll.done)
    g_main_context_iteration (NULL, TRUE);
  bench_frames_record (frames, FALSE);
  bench_report ("SCROLL_TICKS", "%u", scroll.ticks);
}

/**
 * bench_plain_text_view:
 * @width: (in): the width of the app's text view, so that lines wrap alike
 * @height: its height, so that as many lines are on screen
 *
 * Returns: a scrolled window with a GtkTextView set up as the app's article
 *   view is (wrapping, margins, spacing, read-only) but without tags
 */
GtkWidget *
bench_plain_text_view (const char   *text,
                       gssize        len,
                       int           width,
                       int           height,
                       GtkTextView **view)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *text_view = gtk_text_view_new ();

  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_size_request (scrolled, width, height);
  gtk_widget_set_halign (scrolled, GTK_ALIGN_CENTER);
  gtk_widget_set_valign (scrolled, GTK_ALIGN_CENTER);
  g_object_set (text_view,
                "editable", FALSE,
                "wrap-mode", GTK_WRAP_WORD_CHAR,
                "left-margin", 32,
                "right-margin", 32,
                "top-margin", 36,
                "bottom-margin", 64,
                "pixels-inside-wrap", 7,
                "pixels-below-lines", 7,
                NULL);
  gtk_text_buffer_set_enable_undo (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), FALSE);
  {
    /* The app reads in a larger serif face; so must the baseline, or it
     * would lay out fewer, cheaper lines. */
    g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

    gtk_css_provider_load_from_data (css, "textview.bench-article { font-family: serif;"
                                          " font-size: 1.15em; }", -1);
    gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                GTK_STYLE_PROVIDER (css),
                                                GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    gtk_widget_add_css_class (text_view, "bench-article");
  }
  if (text != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (text_view)), text, len);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), text_view);
  *view = GTK_TEXT_VIEW (text_view);
  return scrolled;
}

gint64
bench_now_ns (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return (gint64) ts.tv_sec * 1000000000 + ts.tv_nsec;
}

void
bench_report (const char *key,
              const char *format,
              ...)
{
  va_list args;

  printf ("%s ", key);
  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  printf ("\n");
  fflush (stdout);
}

/* KEY n median p95 p99 max, in ms. */
void
bench_report_stats (const char *key,
                    GArray     *values)
{
  double *v = (double *) (gpointer) values->data;
  guint n = values->len;

  if (n == 0)
    {
      bench_report (key, "0 -1 -1 -1 -1");
      return;
    }
  bench_sort (v, n);
  bench_report (key, "%u %.4f %.4f %.4f %.4f", n, bench_percentile (v, n, 0.5),
                bench_percentile (v, n, 0.95), bench_percentile (v, n, 0.99), v[n - 1]);
}

void
bench_report_memory (void)
{
  bench_report ("VMHWM_KB", "%" G_GINT64_FORMAT, bench_status_kb ("VmHWM"));
  bench_report ("VMRSS_KB", "%" G_GINT64_FORMAT, bench_status_kb ("VmRSS"));
}

void
bench_report_renderer (GtkWidget *widget)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  bench_report ("RENDERER", "%s", renderer ? G_OBJECT_TYPE_NAME (renderer) : "none");
}

/* Leaves at once: what follows the measurement is not measured, and tearing
 * down a window of 50,000 highlights would only add to the run time. */
void
bench_exit (void)
{
  fflush (stdout);
  fflush (stderr);
  _exit (0);
}
