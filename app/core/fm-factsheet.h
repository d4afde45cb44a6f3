/* fm-factsheet.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "fm-article.h"

G_BEGIN_DECLS

#define FM_FACTSHEET_FORMAT  "factmark-factsheet"
#define FM_FACTSHEET_VERSION 2

JsonNode *fm_factsheet_build     (FmArticle   *article,
                                  GPtrArray   *annotations,
                                  gboolean     with_text);
char     *fm_factsheet_to_string (FmArticle   *article,
                                  GPtrArray   *annotations,
                                  gboolean     with_text);
char     *fm_factsheet_link      (FmArticle   *article,
                                  glong        start,
                                  glong        end);

G_END_DECLS
