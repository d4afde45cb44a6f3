/* replay.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include <gio/gio.h>
#include <stdio.h>
#include <string.h>

#include "fuzz-common.h"

/* Runs one fuzz target, built without libFuzzer, over every file in the
 * folders it is given: the seed corpus and tests/data/fuzz/<target>/, where
 * each input that once crashed the target is kept. It is part of `make
 * test`, so a crash that was fixed stays fixed without clang. Files ending
 * in .gz are inflated first, so a regression input of megabytes of "["
 * costs a few kilobytes in the repository. Prints TAP, one line a file. */

static GBytes *
load (const char  *path,
      GError     **error)
{
  g_autofree char *contents = NULL;
  gsize len;

  if (!g_file_get_contents (path, &contents, &len, error))
    return NULL;

  if (g_str_has_suffix (path, ".gz"))
    {
      g_autoptr(GZlibDecompressor) zlib = g_zlib_decompressor_new (G_ZLIB_COMPRESSOR_FORMAT_GZIP);
      g_autoptr(GInputStream) raw = g_memory_input_stream_new_from_data (g_steal_pointer (&contents),
                                                                         len, g_free);
      g_autoptr(GInputStream) in = g_converter_input_stream_new (raw, G_CONVERTER (zlib));
      g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

      if (g_output_stream_splice (out, in, G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET, NULL, error) < 0)
        return NULL;
      return g_memory_output_stream_steal_as_bytes (G_MEMORY_OUTPUT_STREAM (out));
    }

  return g_bytes_new_take (g_steal_pointer (&contents), len);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);

  for (int i = 1; i < argc; i++)
    {
      g_autoptr(GDir) dir = g_dir_open (argv[i], 0, NULL);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      const char *name;

      /* A target with no regression inputs yet has no folder for them. */
      if (dir == NULL)
        continue;
      while ((name = g_dir_read_name (dir)) != NULL)
        if (name[0] != '.' && strcmp (name, "README") != 0)
          g_ptr_array_add (names, g_strdup (name));
      g_ptr_array_sort (names, compare_names);
      for (guint j = 0; j < names->len; j++)
        g_ptr_array_add (paths, g_build_filename (argv[i], g_ptr_array_index (names, j), NULL));
    }

  if (paths->len == 0)
    {
      printf ("1..0 # SKIP no inputs in the folders given\n");
      return 0;
    }

  printf ("1..%u\n", paths->len);
  for (guint i = 0; i < paths->len; i++)
    {
      const char *path = g_ptr_array_index (paths, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) bytes = load (path, &error);
      gsize size;
      const guint8 *data;

      if (bytes == NULL)
        {
          printf ("not ok %u - %s: %s\n", i + 1, path, error->message);
          continue;
        }
      data = g_bytes_get_data (bytes, &size);
      /* A copy of exactly @size bytes, so that a read past the end shows
       * under AddressSanitizer as it would under the fuzzer. */
      {
        g_autofree guint8 *copy = g_malloc (MAX (size, 1));

        if (size > 0)
          memcpy (copy, data, size);

        fflush (stdout);
        LLVMFuzzerTestOneInput (copy, size);
      }
      printf ("ok %u - %s (%" G_GSIZE_FORMAT " bytes)\n", i + 1, path, size);
    }
  return 0;
}
