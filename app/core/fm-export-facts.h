/* fm-export-facts.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fm-export.h"

G_BEGIN_DECLS

/* Library-wide exports of the Facts view's rows (FmFact): a CSV table, a
 * JSON document {"facts": [...]}, and a ClaimReview feed of every checked
 * claim. Each entry names its article and links back to its span. Every
 * writer streams to its GOutputStream a few entries at a time, with no
 * tree of the whole export in memory, and leaves the stream open. */

/* What the JSON export's "format" member says, and the version of its
 * layout; a change that renames or removes a member makes a new version. */
#define FM_FACTS_EXPORT_FORMAT  "factmark-facts"
#define FM_FACTS_EXPORT_VERSION 1

gboolean    fm_export_facts_is_format    (FmExportFormat   format);
char       *fm_export_facts_dup_filename (FmExportFormat   format);

gboolean    fm_export_facts_csv          (GPtrArray             *facts,
                                          GOutputStream         *stream,
                                          GCancellable          *cancellable,
                                          GError               **error);
gboolean    fm_export_facts_json         (GPtrArray             *facts,
                                          GOutputStream         *stream,
                                          GCancellable          *cancellable,
                                          GError               **error);
gboolean    fm_export_facts_claimreview  (GPtrArray             *facts,
                                          const FmExportOptions *options,
                                          GOutputStream         *stream,
                                          GCancellable          *cancellable,
                                          GError               **error);
gboolean    fm_export_facts_write        (FmExportFormat         format,
                                          GPtrArray             *facts,
                                          const FmExportOptions *options,
                                          GOutputStream         *stream,
                                          GCancellable          *cancellable,
                                          GError               **error);

G_END_DECLS
