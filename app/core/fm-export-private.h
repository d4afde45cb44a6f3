/* fm-export-private.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fm-annotation.h"
#include "fm-export.h"
#include "fm-json-writer.h"

G_BEGIN_DECLS

/* What every format needs to know about one annotation besides the
 * annotation itself, worked out once in text order. */
typedef struct
{
  FmAnnotation *annotation;
  /* 1-based within its kind, in text order: "Claim 2". */
  guint         number;
  /* 1-based, in code points, as the JSON fact sheet gives them; 0 for an
   * orphan, which has no place in the text. */
  guint         line;
  guint         column;
  /* The RFC 5147 link to the span; %NULL for an orphan. */
  char         *link;
} FmExportEntry;

typedef struct
{
  FmArticle             *article;
  const char            *text;
  /* Sorted by start, longer spans first, as the store lists them; then the
   * orphans, by quote. */
  GArray                *entries;
  /* Annotation id to its FmExportEntry, to resolve claim→source links. */
  GHashTable            *by_id;
  const FmExportOptions *options;
  guint                  counts[FM_N_KINDS];
  /* What every link starts with: the article's URL without its fragment,
   * or its factmark: URI. */
  char                  *link_base;
  /* The labels every entry shows, translated once per export rather than
   * once per entry: with 10,000 entries, gettext took a sixth of the HTML
   * page's time. */
  const char            *kind_labels[FM_N_KINDS];
  const char            *verdict_labels[FM_N_VERDICTS];
  const char            *source_type_labels[FM_N_SOURCE_TYPES];
} FmExportContext;

#define FM_EXPORT_ENTRY(ctx, i) (&g_array_index ((ctx)->entries, FmExportEntry, (i)))

gboolean       fm_export_context_init     (FmExportContext        *ctx,
                                           FmArticle              *article,
                                           GPtrArray              *annotations,
                                           const FmExportOptions  *options,
                                           GError                **error);
void           fm_export_context_clear    (FmExportContext *ctx);
FmExportEntry *fm_export_context_lookup   (FmExportContext *ctx,
                                           gint64           id);
GPtrArray     *fm_export_source_names     (FmExportContext *ctx,
                                           FmAnnotation    *annotation);
char          *fm_export_format_value     (double           value);
gboolean       fm_export_is_web_url       (const char      *url);
const char    *fm_export_state_label      (FmAnnotation    *annotation);
void           fm_export_append_uint      (GString         *out,
                                           guint64          value);

/* One function per format, each listed in fm-export.c's table of formats.
 * The context has been checked; each appends the whole export to @out, and
 * returns FALSE with @error set only when an option is not usable. */
typedef gboolean (*FmExportWriteFunc) (FmExportContext  *ctx,
                                       GString          *out,
                                       GError          **error);

gboolean       fm_factsheet_write         (FmExportContext  *ctx,
                                           GString          *out,
                                           GError          **error);
gboolean       fm_export_markdown         (FmExportContext  *ctx,
                                           GString          *out,
                                           GError          **error);
gboolean       fm_export_html             (FmExportContext  *ctx,
                                           GString          *out,
                                           GError          **error);
gboolean       fm_export_csv              (FmExportContext  *ctx,
                                           GString          *out,
                                           GError          **error);
gboolean       fm_export_w3c              (FmExportContext  *ctx,
                                           GString          *out,
                                           GError          **error);
gboolean       fm_export_claimreview      (FmExportContext  *ctx,
                                           GString          *out,
                                           GError          **error);

/* Shared with the library-wide exports of fm-export-facts-*.c, so that a
 * claim is written the same whether one article or the library is
 * exported. */
void           fm_export_csv_append_field (GString         *out,
                                           const char      *value,
                                           gboolean         is_text,
                                           gboolean         first);
void           fm_export_csv_append_number (GString        *out,
                                            gboolean        present,
                                            guint64         value);
char          *fm_export_join_evidence    (FmAnnotation    *annotation);

gboolean       fm_claimreview_is_checked  (FmAnnotation    *annotation);
gboolean       fm_claimreview_check_options (const FmExportOptions  *options,
                                             char                  **organization,
                                             const char            **base_url,
                                             GError                **error);
void           fm_claimreview_write_review (FmJsonWriter   *w,
                                            FmAnnotation   *claim,
                                            FmArticle      *article,
                                            const char     *appearance,
                                            GPtrArray      *authors,
                                            const char     *organization,
                                            const char     *base_url);

G_END_DECLS
