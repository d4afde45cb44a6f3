/* fm-fragment.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The longest fragment accepted, in bytes. Two offsets and a length below
 * G_MAXINT32 fit in a tenth of this; anything longer is not a fragment we
 * wrote or one a person typed. */
#define FM_FRAGMENT_MAX_BYTES 256

gboolean  fm_text_parse_char_fragment (const char  *fragment,
                                       glong       *start,
                                       glong       *end,
                                       glong       *length,
                                       GError     **error);
void      fm_fragment_append_char     (GString     *out,
                                       guint64      start,
                                       guint64      end);

G_END_DECLS
