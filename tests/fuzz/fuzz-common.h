/* fuzz-common.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fm-types.h"

/* Shared by the libFuzzer targets in this folder and by replay.c, which
 * runs the same targets over their corpus and the inputs that once crashed
 * them, in the ordinary test suite. */

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* Writes the message, then aborts on a warning or worse. GLib's own fatal
 * path raises SIGTRAP, which libFuzzer does not treat as a crash, so the
 * input that caused it would not be saved. */
static inline GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   log_level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  GLogWriterOutput ret = g_log_writer_default (log_level, fields, n_fields, user_data);

  if (log_level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING))
    abort ();
  return ret;
}

/* A critical or a warning on any input, from our code or from a library
 * we call, is a bug the fuzzer should stop at, like a crash: public
 * functions only warn when a caller broke their contract. */
static inline void
fuzz_init (void)
{
  static gboolean done;

  if (done)
    return;
  done = TRUE;
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  g_log_set_always_fatal (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  g_setenv ("LC_ALL", "C.UTF-8", TRUE);
}

/* A failure must come with an error of Factmark's own domain, which is what
 * the window and the CLI know how to explain. */
static inline void
fuzz_check_error (gboolean  ok,
                  GError   *error)
{
  if (ok)
    g_assert_null (error);
  else
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == FM_ERROR);
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
    }
}

/* Every string Factmark stores is valid UTF-8 without NUL, and a one-line
 * field is one line. */
static inline void
fuzz_check_field (const char *value,
                  gboolean    one_line)
{
  if (value == NULL)
    return;
  g_assert_true (g_utf8_validate (value, -1, NULL));
  if (one_line)
    g_assert_null (strpbrk (value, "\n\r"));
}
