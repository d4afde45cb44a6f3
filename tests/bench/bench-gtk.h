/* bench-gtk.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "bench-rand.h"

G_BEGIN_DECLS

/* What the app's harness and the plain programs share: watching the frame
 * clock, waiting in a nested main loop, scrolling, and reporting. Children
 * report to the driver as "KEY value..." lines on stdout; times are
 * g_get_monotonic_time() microseconds, which all processes share. */

typedef void (*BenchPaintFunc) (gpointer user_data,
                                gint64   now);

typedef struct
{
  guint           n_frames;
  gint64          frame_start;    /* When the frame in progress began. */
  gint64          last_paint;     /* When the latest frame ended. */
  gboolean        recording;
  GArray         *durations;      /* double ms, from frame start to after-paint */
  GArray         *periods;        /* double ms, between consecutive frame starts */
  GArray         *layouts;        /* double ms, from frame start to the end of layout */
  gint64          previous_start;
  BenchPaintFunc  on_paint;
  gpointer        user_data;
} BenchFrames;

void     bench_frames_attach       (BenchFrames    *frames,
                                    GtkWidget      *widget);
void     bench_frames_record       (BenchFrames    *frames,
                                    gboolean        recording);
void     bench_spin                (guint           ms);
gboolean bench_wait_frame          (BenchFrames    *frames,
                                    guint           timeout_ms);
void     bench_keep_painting       (GtkWidget      *widget);
gboolean bench_wait_settled        (GtkWidget      *text_view,
                                    guint           quiet_ms,
                                    guint           max_ms);
GtkAdjustment *bench_vadjustment   (GtkWidget      *text_view);
void     bench_pick_range          (GtkTextBuffer  *buffer,
                                    BenchRand      *rand,
                                    glong          *start,
                                    glong          *end);
void     bench_scroll_through      (GtkWidget      *text_view,
                                    BenchFrames    *frames);
GtkWidget *bench_plain_text_view   (const char     *text,
                                    gssize          len,
                                    int             width,
                                    int             height,
                                    GtkTextView   **view);
gint64   bench_now_ns              (void);
void     bench_report              (const char     *key,
                                    const char     *format,
                                    ...) G_GNUC_PRINTF (2, 3);
void     bench_report_stats        (const char     *key,
                                    GArray         *values);
void     bench_report_memory       (void);
void     bench_report_renderer     (GtkWidget      *widget);
G_NORETURN void bench_exit         (void);

G_END_DECLS
