/* fm-test-gtk-utils.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-test-gtk-utils"

#include "config.h"

#include "fm-test-gtk-utils.h"

/* These waits replace sleeping for a guessed time: each runs the main loop
 * until what the test needs has happened, however long that takes on the
 * machine, and fails the test with a message saying what never happened. */

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

/* The wait, longer by FACTMARK_TEST_TIMEOUT_MULTIPLIER where everything
 * runs slower on purpose (the sanitizers), as meson's own
 * --timeout-multiplier lengthens the whole test's. */
static guint
timeout_ms (void)
{
  const char *multiplier = g_getenv ("FACTMARK_TEST_TIMEOUT_MULTIPLIER");
  guint64 n = multiplier ? g_ascii_strtoull (multiplier, NULL, 10) : 1;

  return FM_TEST_WAIT_TIMEOUT_MS * CLAMP (n, 1, 20);
}

/* Iterates the default main context until @condition holds; FALSE if it
 * still does not after the timeout. */
static gboolean
iterate_until (FmTestCondition condition,
               gpointer        user_data)
{
  gboolean timed_out = FALSE;
  guint timeout_id;

  g_assert (condition != NULL);

  /* The timeout is a source of its own, so that a blocking iteration
   * wakes up for it even when nothing else happens. */
  timeout_id = g_timeout_add (timeout_ms (), timed_out_cb, &timed_out);
  while (!condition (user_data))
    {
      if (timed_out)
        return FALSE;
      g_main_context_iteration (NULL, TRUE);
    }
  if (!timed_out)
    g_source_remove (timeout_id);
  return TRUE;
}

static void
fail_wait (const char *what,
           const char *file,
           int         line,
           const char *func)
{
  g_autofree char *message = g_strdup_printf ("timed out after %u ms waiting for %s",
                                              timeout_ms (), what);

  g_assertion_message (G_LOG_DOMAIN, file, line, func, message);
}

/**
 * fm_test_wait_until_full:
 * @condition: an #FmTestCondition
 * @user_data: what to pass to @condition
 * @what: what is waited for, for the message if it never happens
 * @file: the caller's file
 * @line: the caller's line
 * @func: the caller's function
 *
 * See fm_test_wait_until(), which fills in the caller's place.
 */
void
fm_test_wait_until_full (FmTestCondition  condition,
                         gpointer         user_data,
                         const char      *what,
                         const char      *file,
                         int              line,
                         const char      *func)
{
  g_return_if_fail (condition != NULL);
  g_return_if_fail (what != NULL);

  if (!iterate_until (condition, user_data))
    fail_wait (what, file, line, func);
}

static gboolean
is_mapped (gpointer user_data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (user_data));
}

static gboolean
is_set (gpointer user_data)
{
  return *(gboolean *) user_data;
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/**
 * fm_test_wait_for_draw_full:
 * @widget: a widget in a window that is shown
 * @file: the caller's file
 * @line: the caller's line
 * @func: the caller's function
 *
 * See fm_test_wait_for_draw(), which fills in the caller's place.
 */
void
fm_test_wait_for_draw_full (GtkWidget  *widget,
                            const char *file,
                            int         line,
                            const char *func)
{
  g_autoptr(GdkFrameClock) clock = NULL;
  gboolean painted = FALSE;
  gulong handler;

  g_return_if_fail (GTK_IS_WIDGET (widget));

  /* A widget has a frame clock only once its window is mapped. */
  if (!iterate_until (is_mapped, widget))
    {
      fail_wait ("the widget to be mapped", file, line, func);
      return;
    }
  clock = g_object_ref (gtk_widget_get_frame_clock (widget));
  handler = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  /* Asking for a draw makes sure there is a next frame to wait for, even
   * when nothing else has changed. */
  gtk_widget_queue_draw (widget);
  if (!iterate_until (is_set, &painted))
    fail_wait ("the widget's next frame", file, line, func);
  g_signal_handler_disconnect (clock, handler);
}

/**
 * fm_test_find_widget:
 * @root: where to look, itself included
 *
 * Returns: (nullable) (transfer none): the first widget under @root, depth
 *   first, that @match accepts
 */
GtkWidget *
fm_test_find_widget (GtkWidget         *root,
                     FmTestWidgetMatch  match,
                     gconstpointer      data)
{
  g_return_val_if_fail (GTK_IS_WIDGET (root), NULL);

  if (match (root, data))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = fm_test_find_widget (child, match, data);

      if (found != NULL)
        return found;
    }
  return NULL;
}
