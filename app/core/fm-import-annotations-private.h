/* fm-import-annotations-private.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "fm-annotation.h"
#include "fm-import-annotations.h"

G_BEGIN_DECLS

/* The annotation importers, one file per step, as the exports are:
 *
 *   fm-import-annotations.c       reading files, the public API;
 *   fm-import-json.c        JSON values with messages that name the member;
 *   fm-import-factsheet.c   Factmark's JSON fact sheet;
 *   fm-import-w3c.c         W3C Web Annotation and Hypothesis JSON (one
 *                           reader: Hypothesis' export is W3C-like);
 *   fm-import-quote.c       anchoring their quotes in the article;
 *   fm-import-library.c     adding what was read to a library.
 */

/* One annotation of the file, as read. */
typedef struct
{
  FmAnnotation *annotation;   /* Everything but its uuid, article and, for
                               * annotations files, its place. */
  char         *key;          /* How the file names it, for attributions. */
  char         *uuid;         /* The uuid to keep when it is free, or NULL. */
  GPtrArray    *source_keys;  /* (element-type utf8): keys of its sources. */
  char         *path;         /* Where it is in the file, for messages. */

  /* For a fact sheet, the span as read (checked against the text); for
   * an annotations file, the TextPositionSelector, a hint. */
  gboolean      has_span;
  glong         start;
  glong         end;
  /* The position counts UTF-16 code units (Hypothesis), not code points. */
  gboolean      utf16;
  /* The TextQuoteSelector of an annotations file, normalized like the
   * article's text; NULL when it has none. */
  char         *exact;
  char         *prefix;
  char         *suffix;

  /* Where the position points, in bytes, to choose between repeats of
   * the quote: -1 without one, the end of the text past it. */
  gssize        hint;
  gsize         found;

  /* Filled in while adding. */
  gint64        id;
  gboolean      present;
  FmKind        present_kind;
  gboolean      skipped;
} Entry;

typedef struct
{
  char *claim;
  char *source;
} Link;

/* An earlier text of a fact sheet's article (version 3), checked against
 * its digest and length. */
typedef struct
{
  guint   number;
  gint64  created;
  char   *origin;
  char   *text;
} SheetRevision;

struct _FmSheetImport
{
  gboolean    factsheet;

  /* A fact sheet's article: its metadata, and its text when the sheet
   * carries it (else only its digest and length). */
  FmArticle  *article;
  char       *sha256;
  glong       length;
  /* The number of the sheet's text (1 when the sheet does not say), and
   * the texts before it, oldest first (element-type SheetRevision). */
  guint       revision;
  GPtrArray  *revisions;

  GPtrArray  *entries;  /* (element-type Entry) */
  GHashTable *keys;     /* key → Entry, borrowed from @entries */
  GPtrArray  *links;    /* (element-type Link) from linking annotations */
  guint       skipped;  /* Annotations about no passage of the text. */
  gboolean    hypothesis;  /* The file is Hypothesis JSON, not W3C. */
  FmSheetPositions positions;  /* How the positions anchored were counted. */
  gboolean    used;     /* Added to a library already. */
};

/* How a member is read. */
enum
{
  OPTIONAL = 0,
  REQUIRED = 1 << 0,
  NULLABLE = 1 << 1,
};

/* Reading files and the public API (fm-import-annotations.c). */
void     fm_sheet_entry_free (Entry *entry);
Entry *  fm_sheet_entry_new  (FmKind     kind,
                              const char *path);
gboolean fm_sheet_is_uuid    (const char *str);
char *   fm_sheet_name_uuid  (const char *name);
gboolean  fm_sheet_invalid     (GError     **error,
                                const char  *format,
                                ...) G_GNUC_PRINTF (2, 3);

/* Reading JSON values with messages that name the member (fm-import-json.c). */
char *   fm_sheet_path_join     (const char *prefix,
                                 const char *name);
gboolean fm_sheet_node_is       (JsonNode *node,
                                 GType    type);
gboolean fm_sheet_lookup        (JsonObject *object,
                                 const char *prefix,
                                 const char *name,
                                 guint      flags,
                                 JsonNode   **node,
                                 GError     **error);
gboolean fm_sheet_read_string   (JsonObject *object,
                                 const char *prefix,
                                 const char *name,
                                 guint      flags,
                                 const char **out,
                                 GError     **error);
gboolean fm_sheet_read_boolean  (JsonObject *object,
                                 const char *prefix,
                                 const char *name,
                                 guint      flags,
                                 gboolean   *found,
                                 gboolean   *out,
                                 GError     **error);
gboolean fm_sheet_read_integer  (JsonObject *object,
                                 const char *prefix,
                                 const char *name,
                                 guint      flags,
                                 gint64     min,
                                 gint64     max,
                                 gboolean   *found,
                                 gint64     *out,
                                 GError     **error);
gboolean fm_sheet_read_object   (JsonObject *object,
                                 const char *prefix,
                                 const char *name,
                                 guint      flags,
                                 JsonObject **out,
                                 GError     **error);
gboolean fm_sheet_read_array    (JsonObject *object,
                                 const char *prefix,
                                 const char *name,
                                 guint      flags,
                                 JsonArray  **out,
                                 GError     **error);
gboolean fm_sheet_read_time     (JsonObject *object,
                                 const char *prefix,
                                 const char *name,
                                 guint      flags,
                                 gint64     *usec,
                                 GError     **error);
gboolean fm_sheet_check_members (JsonObject         *object,
                                 const char         *prefix,
                                 const char * const *allowed,
                                 GError             **error);

/* The Factmark fact sheet reader (fm-import-factsheet.c). */
void     fm_sheet_locate_offsets    (const char  *text,
                                     const glong *offsets,
                                     guint       n,
                                     gboolean    utf16,
                                     gssize      *bytes,
                                     glong       *cps);
gboolean fm_sheet_check_sheet_spans (FmSheetImport *self,
                                     const char    *text,
                                     GError        **error);
gboolean fm_sheet_add_entry         (FmSheetImport *self,
                                     Entry         *entry,
                                     GError        **error);
gboolean fm_sheet_read_sheet        (FmSheetImport *self,
                                     JsonObject    *root,
                                     GError        **error);

/* The W3C Web Annotation and Hypothesis reader (fm-import-w3c.c). */
gboolean fm_sheet_read_annotations (FmSheetImport *self,
                                    JsonNode      *root,
                                    GError        **error);

/* Anchoring quotes in the article (fm-import-quote.c). */
void     fm_sheet_place          (FmAnnotation *a,
                                  const char   *text,
                                  gsize        s,
                                  gsize        e,
                                  glong        start,
                                  glong        end);
void     fm_sheet_orphan         (Entry *entry);
gboolean fm_sheet_anchor_entries (FmSheetImport *self,
                                  const char    *text,
                                  GError        **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Entry, fm_sheet_entry_free)

G_END_DECLS
