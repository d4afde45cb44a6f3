/* fm-factsheet.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "fm-article.h"

G_BEGIN_DECLS

#define FM_FACTSHEET_FORMAT  "factmark-factsheet"
#define FM_FACTSHEET_VERSION 3

G_END_DECLS
