/* fm-import-private.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fm-article.h"
#include "fm-import.h"

G_BEGIN_DECLS

/* The steps of an article import, one file each, as the exports are:
 *
 *   fm-import.c           sniffing (what is not text), the format, the
 *                         public API;
 *   fm-import-decode.c    bytes to UTF-8;
 *   fm-import-metadata.c  a metadata block or YAML front matter in text;
 *   fm-import-markdown.c  Markdown reduced to the text a reader sees;
 *   fm-import-html*.c     the reader view of a web page (fm-html.h).
 */

/* How far into the bytes the sniffing for a kind of file looks. */
#define FM_IMPORT_SNIFF_BYTES 8192

void        fm_import_report_warn             (FmImportReport *report,
                                               const char     *format,
                                               ...) G_GNUC_PRINTF (2, 3);

const char *fm_import_normalize_charset       (const char     *name);
const char *fm_import_sniff_utf16             (const guchar   *data,
                                               gsize           len);
char       *fm_import_decode                  (const char      *data,
                                               gsize            len,
                                               const char      *charset,
                                               gboolean         declared_in_page,
                                               FmImportReport  *report,
                                               GError         **error);

gboolean    fm_import_is_blank                (const char     *s);
char       *fm_import_take_front_matter       (const char     *text,
                                               FmArticle      *article);
char       *fm_import_take_metadata_block     (const char     *text,
                                               FmArticle      *article);
char       *fm_import_remove_template_markers (const char     *text);

char       *fm_import_reduce_markdown         (const char     *text);

G_END_DECLS
