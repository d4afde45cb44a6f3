/* fm-test-gtk-utils.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* How long a wait may take before it fails the test, in milliseconds:
 * long enough for a slow machine or a sanitizer build, short enough that a
 * wait for something that never happens ends well before meson's timeout. */
#define FM_TEST_WAIT_TIMEOUT_MS 20000

/* Whether @widget is the one a test looks for. */
typedef gboolean (*FmTestWidgetMatch) (GtkWidget     *widget,
                                       gconstpointer  data);

GtkWidget *fm_test_find_widget (GtkWidget         *root,
                                FmTestWidgetMatch  match,
                                gconstpointer      data);

/* Whether what a test waits for has happened yet. */
typedef gboolean (*FmTestCondition) (gpointer user_data);

void fm_test_wait_until_full (FmTestCondition  condition,
                              gpointer         user_data,
                              const char      *what,
                              const char      *file,
                              int              line,
                              const char      *func);
void fm_test_wait_for_draw_full (GtkWidget  *widget,
                                 const char *file,
                                 int         line,
                                 const char *func);

/**
 * fm_test_wait_until:
 * @condition: an #FmTestCondition
 * @user_data: what to pass to @condition
 *
 * Runs the main loop, one iteration at a time, until @condition returns
 * %TRUE, and fails the test at the caller's line if it has not after
 * %FM_TEST_WAIT_TIMEOUT_MS.
 */
#define fm_test_wait_until(condition, user_data) \
  fm_test_wait_until_full ((condition), (user_data), #condition, __FILE__, __LINE__, G_STRFUNC)

/**
 * fm_test_wait_for_draw:
 * @widget: a widget in a window that is shown
 *
 * Runs the main loop until @widget is mapped and its window has painted a
 * new frame, so that what the test changed before is on screen.
 */
#define fm_test_wait_for_draw(widget) \
  fm_test_wait_for_draw_full (GTK_WIDGET (widget), __FILE__, __LINE__, G_STRFUNC)

G_END_DECLS
