/* fuzz-w3c.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "fuzz-json.h"

/* Importing W3C Web Annotation and Hypothesis exports: the
 * code is shared with the other JSON target (fuzz-json.h); the seed
 * corpora differ, so each starts from its own format. */

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  fuzz_init ();
  fuzz_json_import (data, size);
  return 0;
}
