/* fm-diff.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* A stretch that is the same in both texts: old[old_start, old_start + length)
 * equals new[new_start, new_start + length), in code points. Everything
 * between two runs is deleted from the old text and inserted in the new. */
typedef struct
{
  glong old_start;
  glong new_start;
  glong length;
} FmDiffRun;

GArray   *fm_diff_ucs4         (const gunichar *old_chars,
                                glong           old_length,
                                const gunichar *new_chars,
                                glong           new_length,
                                GCancellable   *cancellable);
GArray   *fm_diff_texts        (const char     *old_text,
                                const char     *new_text,
                                GError        **error);
glong     fm_diff_map_position (GArray         *runs,
                                glong           old_position,
                                glong           new_length,
                                gboolean        after);

G_END_DECLS
