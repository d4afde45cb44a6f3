/* test-after-frame.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* fm_after_frame() holds work back until the window has painted the frame
 * the user's action asked for, and never loses it or its data. */

#include "config.h"

#include "fm-after-frame.h"
#include "fm-test-gtk-utils.h"

typedef struct
{
  guint    painted;
  guint    ran;
  guint    painted_when_run;
  gboolean freed;
} Counts;

static void
after_paint_cb (GdkFrameClock *clock,
                Counts        *counts)
{
  counts->painted++;
}

static void
work (gpointer data)
{
  Counts *counts = data;

  counts->ran++;
  counts->painted_when_run = counts->painted;
}

static void
mark_freed (gpointer data)
{
  Counts *counts = data;

  counts->freed = TRUE;
}

static gboolean
has_run (gpointer data)
{
  Counts *counts = data;

  return counts->ran > 0;
}

static gboolean
was_freed (gpointer data)
{
  Counts *counts = data;

  return counts->freed;
}

static GtkWidget *
shown_window (GtkWidget **label)
{
  GtkWidget *window = gtk_window_new ();

  *label = gtk_label_new ("Claim 1");
  gtk_window_set_child (GTK_WINDOW (window), *label);
  gtk_window_present (GTK_WINDOW (window));
  fm_test_wait_for_draw (*label);
  return window;
}

/* The work runs once, after a frame that began once it was asked for. */
static void
test_waits_for_paint (void)
{
  GtkWidget *label;
  GtkWidget *window = shown_window (&label);
  GdkFrameClock *clock = gtk_widget_get_frame_clock (label);
  Counts counts = { 0 };
  gulong handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &counts);

  gtk_label_set_label (GTK_LABEL (label), "Claim 2");
  fm_after_frame (label, work, &counts, mark_freed);
  g_assert_cmpuint (counts.ran, ==, 0);
  fm_test_wait_until (has_run, &counts);
  g_assert_cmpuint (counts.painted_when_run, >=, 1);

  /* Later frames do not run it again, and a work that ran is not freed. */
  gtk_label_set_label (GTK_LABEL (label), "Claim 3");
  fm_test_wait_for_draw (label);
  fm_test_wait_for_draw (label);
  g_assert_cmpuint (counts.ran, ==, 1);
  g_assert_false (counts.freed);

  g_signal_handler_disconnect (clock, handler);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A widget not in a window has no frames to wait for: the work runs from
 * the main loop, never within the call. */
static void
test_without_window (void)
{
  GtkWidget *label = g_object_ref_sink (gtk_label_new ("Claim"));
  Counts counts = { 0 };

  fm_after_frame (label, work, &counts, mark_freed);
  g_assert_cmpuint (counts.ran, ==, 0);
  fm_test_wait_until (has_run, &counts);
  g_assert_cmpuint (counts.ran, ==, 1);
  g_assert_false (counts.freed);
  g_object_unref (label);
}

/* A window closed before its next frame drops the work and frees its
 * data, rather than running it for a window that is gone or leaking it. */
static void
test_window_closed (void)
{
  GtkWidget *label;
  GtkWidget *window = shown_window (&label);
  Counts counts = { 0 };

  fm_after_frame (label, work, &counts, mark_freed);
  gtk_window_destroy (GTK_WINDOW (window));
  fm_test_wait_until (was_freed, &counts);
  g_assert_cmpuint (counts.ran, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);

  g_test_add_func ("/after-frame/waits-for-paint", test_waits_for_paint);
  g_test_add_func ("/after-frame/without-window", test_without_window);
  g_test_add_func ("/after-frame/window-closed", test_window_closed);

  return g_test_run ();
}
