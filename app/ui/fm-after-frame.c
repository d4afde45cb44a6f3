/* fm-after-frame.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-after-frame"

#include "config.h"

#include "fm-after-frame.h"

/* Work that follows a user's action but need not be seen in the same frame,
 * such as looking through the library for the claim just marked, waits
 * here until that frame has been painted. On two cores, a lookup thread
 * started with the action took a core from the renderer while it drew the
 * new mark, and the mark showed 3.5 ms later. */

typedef struct
{
  FmAfterFrameFunc func;
  gpointer         data;
  GDestroyNotify   destroy;
  gboolean         called;
  /* Set once the frame is painted and an idle owns it. */
  gboolean         handed_on;
} AfterFrame;

static void
after_frame_free (AfterFrame *a)
{
  if (!a->called && a->destroy != NULL)
    a->destroy (a->data);
  g_free (a);
}

static gboolean
run_cb (gpointer user_data)
{
  AfterFrame *a = user_data;

  a->called = TRUE;
  a->func (a->data);
  return G_SOURCE_REMOVE;
}

static void
run_soon (AfterFrame *a)
{
  g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, run_cb, a, (GDestroyNotify) after_frame_free);
}

/* The handler's closure owns @a until the frame is painted; a frame clock
 * finalized first (its window closed) frees it, with its data, unrun. */
static void
closure_notify_cb (gpointer  data,
                   GClosure *closure)
{
  AfterFrame *a = data;

  if (!a->handed_on)
    after_frame_free (a);
}

static void
after_paint_cb (GdkFrameClock *clock,
                AfterFrame    *a)
{
  /* The work runs from an idle, outside the paint cycle. */
  a->handed_on = TRUE;
  g_signal_handlers_disconnect_by_data (clock, a);
  run_soon (a);
}

/**
 * fm_after_frame:
 * @widget: the widget whose window shows the result of the action
 * @func: what to run; it owns @data
 * @data: its data
 * @destroy: (nullable): frees @data if @func never runs
 *
 * Runs @func once the next frame of @widget's window has been painted, or
 * soon from an idle when @widget has no frame clock yet.
 */
void
fm_after_frame (GtkWidget        *widget,
                FmAfterFrameFunc  func,
                gpointer          data,
                GDestroyNotify    destroy)
{
  GdkFrameClock *clock;
  AfterFrame *a;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (func != NULL);

  a = g_new0 (AfterFrame, 1);
  a->func = func;
  a->data = data;
  a->destroy = destroy;

  clock = gtk_widget_get_frame_clock (widget);
  if (clock == NULL)
    {
      run_soon (a);
      return;
    }
  g_signal_connect_data (clock, "after-paint", G_CALLBACK (after_paint_cb), a,
                         closure_notify_cb, 0);
  /* Some frame must come, or the work would wait for the next redraw. */
  gdk_frame_clock_request_phase (clock, GDK_FRAME_CLOCK_PHASE_AFTER_PAINT);
}
