/* export-fixture.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "fm-annotation.h"
#include "fm-article.h"
#include "fm-export.h"
#include "fm-types.h"

G_BEGIN_DECLS

/* One annotation of the sample, as build_sample() makes it. */
typedef struct
{
  FmKind       kind;
  const char  *quote;
  FmVerdict    verdict;
  const char  *note;
  gboolean     has_value;
  double       value;
  const char  *unit;
  const char  *name;
  FmSourceType source_type;
  gint64       source;       /* id of the source it is attributed to, or 0 */
  /* Where the entry must be found: code points from 0, lines and columns
   * from 1, worked out by hand from sample_text. */
  glong        start;
  glong        end;
  guint        line;
  guint        column;
} SampleSpan;

/* The annotations placed in sample_text. */
#define N_SAMPLE_SPANS 11

/* After an update of the text, the last claim was found again on words that
 * changed, and a claim the update cut from the text is an orphan: it keeps
 * its quote, its context and what the user wrote, and is attributed to the
 * mayor. Its id is one more than the last span's; it sorts after every
 * placed entry, so it is the sixth claim. */
#define CHANGED_INDEX 10
#define ORPHAN_INDEX  ((guint) N_SAMPLE_SPANS)
#define N_SAMPLE      (ORPHAN_INDEX + 1)

extern const char            sample_text[];
extern const SampleSpan      sample_spans[N_SAMPLE_SPANS];
extern const char            changed_original[];
extern const char            orphan_quote[];
extern const char            orphan_prefix[];
extern const char            orphan_suffix[];
extern const FmExportOptions sample_options;

FmArticle    *build_article    (const char             *text);
FmAnnotation *new_annotation   (const char             *text,
                                guint                   index,
                                FmKind                  kind,
                                glong                   start,
                                glong                   end);
GPtrArray    *build_sample     (FmArticle             **article);
char         *export_updated   (FmExportFormat          format,
                                const FmExportOptions  *options,
                                FmAnchorState           changed_state);
char         *export_confirmed (FmExportFormat          format);
char         *export_sample    (FmExportFormat          format,
                                const FmExportOptions  *options);
void          check_golden     (FmExportFormat          format,
                                const char             *name);

GPtrArray    *parse_csv        (const char             *csv);
guint         column_index     (char                  **header,
                                const char             *name);

const char   *get_string       (JsonObject             *object,
                                const char             *member);
JsonObject   *find_item        (JsonArray              *items,
                                const char             *id);
JsonObject   *find_state_body  (JsonObject             *item);

G_END_DECLS
