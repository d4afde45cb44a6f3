/* fm-import-annotations.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fm-article.h"
#include "fm-store.h"
#include "fm-types.h"

G_BEGIN_DECLS

/* The largest file either import reads, in bytes. A fact sheet carries the
 * article's text (up to FM_MAX_TEXT_BYTES) escaped, besides every quote;
 * four times the text limit leaves room for that. */
#define FM_SHEET_IMPORT_MAX_BYTES (4 * (gsize) FM_MAX_TEXT_BYTES)

/* How deeply arrays and objects may nest. Our own files nest seven levels;
 * the JSON parser recurses, so a limit keeps a hostile file from
 * exhausting the stack. */
#define FM_SHEET_IMPORT_MAX_DEPTH 32

/* The most annotations one file may hold. */
#define FM_SHEET_IMPORT_MAX_ANNOTATIONS 10000

/* How the TextPositionSelectors of an annotations file counted, each by
 * its format's definition: W3C Web Annotation in code points, Hypothesis
 * in UTF-16 code units (the offsets of JavaScript strings). */
typedef enum
{
  FM_SHEET_POSITIONS_NONE        = 0,       /* The file gave no positions. */
  FM_SHEET_POSITIONS_CODE_POINTS = 1 << 0,
  FM_SHEET_POSITIONS_UTF16       = 1 << 1,
} FmSheetPositions;

/* What an import did. Every annotation in the file is counted once, in
 * added, present or skipped; added = anchored + orphaned. */
typedef struct
{
  guint added;     /* Written to the library. */
  guint anchored;  /* Of those, placed in the text. */
  guint orphaned;  /* Of those, kept without a place, with their quote. */
  guint present;   /* Already in the article under the same uuid: left as they are. */
  guint skipped;   /* About no passage of the text (a page note, a reply): not imported. */
  guint links;     /* Claim or figure → source attributions made. */
  guint unlinked;  /* Attributions of an added claim or figure to something that is
                    * not a source of the article or the file. */
  FmSheetPositions positions;  /* How an annotations file's positions were read. */
} FmSheetImportCounts;

/* A file read and checked, not yet added to a library. Reading needs no
 * library and touches nothing, so it can run in a worker thread; adding
 * must run in the thread that uses the store, and is done once: the
 * anchoring and the uuids it settles belong to that library. */
typedef struct _FmSheetImport FmSheetImport;

FmSheetImport *fm_sheet_import_read               (const char           *data,
                                                   gsize                 len,
                                                   GError              **error);
FmSheetImport *fm_sheet_import_read_file          (GFile                *file,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
gboolean       fm_sheet_import_is_factsheet       (FmSheetImport        *self);
FmArticle     *fm_sheet_import_add_article        (FmSheetImport        *self,
                                                   FmStore              *store,
                                                   FmSheetImportCounts  *counts,
                                                   GError              **error);
gboolean       fm_sheet_import_add_annotations    (FmSheetImport        *self,
                                                   FmStore              *store,
                                                   gint64                article_id,
                                                   FmSheetImportCounts  *counts,
                                                   GError              **error);
void           fm_sheet_import_free               (FmSheetImport        *self);

gboolean       fm_sheet_import_data_is_factsheet  (const char           *data,
                                                   gsize                 len);
gboolean       fm_sheet_import_file_is_factsheet  (GFile                *file,
                                                   GCancellable         *cancellable);

FmArticle     *fm_sheet_import_factsheet_file     (FmStore              *store,
                                                   GFile                *file,
                                                   FmSheetImportCounts  *counts,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
gboolean       fm_sheet_import_annotations_file   (FmStore              *store,
                                                   gint64                article_id,
                                                   GFile                *file,
                                                   FmSheetImportCounts  *counts,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

const char    *fm_sheet_positions_describe        (FmSheetPositions      positions);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FmSheetImport, fm_sheet_import_free)

G_END_DECLS
