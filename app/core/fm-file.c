/* fm-file.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-file"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-file.h"
#include "fm-types.h"

/* Writing files that must never be seen half-written: the exports, from the
 * window and the command line alike. */

/**
 * fm_file_write_atomic:
 * @path: the file to replace
 * @data: what to write
 * @len: its length in bytes, or -1 if it ends with a NUL
 *
 * Writes @data to a temporary file beside @path, flushes it to disk and
 * renames it over @path, so a reader sees either the old file or the new
 * one, never half of either.
 */
gboolean
fm_file_write_atomic (const char  *path,
                      const char  *data,
                      gssize       len,
                      GError     **error)
{
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (data != NULL, FALSE);

  if (!g_file_set_contents_full (path, data, len,
                                 G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                 0644, &local))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID, _("Cannot write %s: %s"), path,
                   local->message);
      return FALSE;
    }
  return TRUE;
}
