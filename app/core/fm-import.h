/* fm-import.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fm-article.h"

G_BEGIN_DECLS

/* What the importer reads an input as. */
typedef enum
{
  FM_IMPORT_FORMAT_AUTO,      /* From the mime type, the name, then the bytes. */
  FM_IMPORT_FORMAT_TEXT,
  FM_IMPORT_FORMAT_MARKDOWN,
  FM_IMPORT_FORMAT_HTML,
} FmImportFormat;

/* What an import found out besides the article: the format and encoding it
 * read the input in, and warnings for the user (translated sentences), such
 * as bytes that could not be decoded. */
typedef struct
{
  FmImportFormat  format;
  char           *encoding;
  GPtrArray      *warnings;
} FmImportReport;

/* Inputs larger than FM_MAX_TEXT_BYTES (fm-types.h) are refused with
 * FM_ERROR_TOO_LARGE, whatever their format. */

FmArticle      *fm_import_data           (const char      *data,
                                          gsize            len,
                                          const char      *name,
                                          char           **encoding,
                                          GError         **error);
FmArticle      *fm_import_file           (GFile           *file,
                                          char           **encoding,
                                          GCancellable    *cancellable,
                                          GError         **error);
FmArticle      *fm_import_data_full      (const char      *data,
                                          gsize            len,
                                          const char      *name,
                                          const char      *mime_type,
                                          FmImportReport **report,
                                          GCancellable    *cancellable,
                                          GError         **error);
FmArticle      *fm_import_file_full      (GFile           *file,
                                          FmImportReport **report,
                                          GCancellable    *cancellable,
                                          GError         **error);
const char     *fm_import_format_to_string (FmImportFormat format);
void            fm_import_report_free    (FmImportReport  *report);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FmImportReport, fm_import_report_free)

G_END_DECLS
