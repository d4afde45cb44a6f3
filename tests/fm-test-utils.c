/* fm-test-utils.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <glib/gstdio.h>

#include "fm-test-utils.h"

/**
 * fm_test_remove_tree:
 * @path: a file or a folder
 *
 * Deletes @path and, for a folder, everything below it: a test's temporary
 * library with its WAL files and the backups the store makes beside it.
 * What cannot be deleted is left, as a test's cleanup should not fail it.
 */
void
fm_test_remove_tree (const char *path)
{
  g_return_if_fail (path != NULL);

  /* A link to a folder is removed, not followed. */
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) d = g_dir_open (path, 0, NULL);
      const char *name;

      while (d != NULL && (name = g_dir_read_name (d)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          fm_test_remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_remove (path);
}
