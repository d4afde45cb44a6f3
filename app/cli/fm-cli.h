/* fm-cli.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

int fm_cli_run (int    argc,
                char **argv);

G_END_DECLS
