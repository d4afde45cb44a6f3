/* fm-export.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fm-article.h"
#include "fm-store.h"

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

/* One earlier text of the article, as the JSON fact sheet carries it so
 * that an imported article keeps its revision history. */
typedef struct
{
  guint   number;
  /* Microseconds since the epoch, as the store keeps times. */
  gint64  created;
  char   *origin;
  char   *sha256;
  /* In code points. */
  gint64  length;
  char   *text;
} FmExportRevision;

FmExportRevision *fm_export_revision_copy (const FmExportRevision *revision);
void              fm_export_revision_free (FmExportRevision       *revision);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FmExportRevision, fm_export_revision_free)

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
  /* (element-type FmExportRevision) (nullable): the article's revisions,
   * oldest first, for the JSON fact sheet to carry with its text; NULL
   * when the caller has not read them, and the sheet says nothing of them.
   * fm_export_list_revisions() reads them from the store. */
  GPtrArray  *revisions;
} FmExportOptions;

#define FM_EXPORT_OPTIONS_INIT { TRUE, NULL, NULL, NULL }

const char *fm_export_format_to_string        (FmExportFormat          format);
gboolean    fm_export_format_from_string      (const char             *str,
                                               FmExportFormat         *format);
const char *fm_export_format_to_label         (FmExportFormat          format);
const char *fm_export_format_get_extension    (FmExportFormat          format);
const char *fm_export_format_get_mime_type    (FmExportFormat          format);
char       *fm_export_dup_filename            (FmExportFormat          format,
                                               FmArticle              *article);

GPtrArray  *fm_export_list_revisions          (FmStore                *store,
                                               gint64                  article_id,
                                               GError                **error);

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
