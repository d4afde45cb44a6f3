/* fm-export.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fm-article.h"

G_BEGIN_DECLS

typedef enum
{
  FM_EXPORT_FORMAT_JSON,
  FM_EXPORT_FORMAT_MARKDOWN,
  FM_EXPORT_FORMAT_HTML,
  FM_EXPORT_FORMAT_CSV,
  FM_EXPORT_FORMAT_W3C,
  FM_EXPORT_FORMAT_CLAIMREVIEW,
  FM_EXPORT_FORMAT_PDF,
} FmExportFormat;

#define FM_N_EXPORT_FORMATS 7

/* What a ClaimReview names as its author and where its URL points when the
 * user has not set them: an obvious placeholder organisation and a base URL
 * under example.org (RFC 2606), so an unset preference shows at a glance and
 * never points at a real site. */
#define FM_EXPORT_DEFAULT_ORGANIZATION "Unnamed fact-checker"
#define FM_EXPORT_DEFAULT_BASE_URL     "https://example.org/fact-checks/"

typedef struct
{
  /* Include the article's text: the "text" member of the JSON fact sheet,
   * and the marked-up article below the HTML sheet. */
  gboolean    with_text;
  /* The ClaimReview's author, an organisation; NULL for the default. */
  const char *organization;
  /* An http or https URL; each ClaimReview's url is this, a "/" if it does
   * not end with one, and the claim's uuid. NULL for the default. */
  const char *base_url;
} FmExportOptions;

#define FM_EXPORT_OPTIONS_INIT { TRUE, NULL, NULL }

const char *fm_export_format_to_string        (FmExportFormat          format);
gboolean    fm_export_format_from_string      (const char             *str,
                                               FmExportFormat         *format);
const char *fm_export_format_to_label         (FmExportFormat          format);
const char *fm_export_format_get_extension    (FmExportFormat          format);
const char *fm_export_format_get_mime_type    (FmExportFormat          format);
char       *fm_export_dup_filename            (FmExportFormat          format,
                                               FmArticle              *article);

char       *fm_export_to_string               (FmExportFormat          format,
                                               FmArticle              *article,
                                               GPtrArray              *annotations,
                                               const FmExportOptions  *options,
                                               GError                **error);
gboolean    fm_export_write                   (FmExportFormat          format,
                                               FmArticle              *article,
                                               GPtrArray              *annotations,
                                               const FmExportOptions  *options,
                                               GFile                  *file,
                                               GCancellable           *cancellable,
                                               GError                **error);
void        fm_export_write_async             (FmExportFormat          format,
                                               FmArticle              *article,
                                               GPtrArray              *annotations,
                                               const FmExportOptions  *options,
                                               GFile                  *file,
                                               GCancellable           *cancellable,
                                               GAsyncReadyCallback     callback,
                                               gpointer                user_data);
gboolean    fm_export_write_finish            (GAsyncResult           *result,
                                               GError                **error);

G_END_DECLS
