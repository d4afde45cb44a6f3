/* fm-after-frame.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Called once, owning the data it is given. */
typedef void (*FmAfterFrameFunc) (gpointer data);

void fm_after_frame (GtkWidget        *widget,
                     FmAfterFrameFunc  func,
                     gpointer          data,
                     GDestroyNotify    destroy);

G_END_DECLS
