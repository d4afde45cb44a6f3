/* fm-store-private.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <sqlite3.h>

#include "fm-store.h"

G_BEGIN_DECLS

/* Shared by the files that make up FmStore (fm-store*.c), the only code
 * that sees SQLite; and, for the two calls at the end, by the tests. */

struct _FmStore
{
  GObject     parent_instance;

  char       *path;
  sqlite3    *db;
  /* Prepared statements, keyed by the address of their static SQL text. */
  GHashTable *stmts;
  /* A copy of a damaged library opened to read: every write is refused. */
  gboolean    read_only;
  /* PRAGMA data_version as last seen: it changes when another connection
   * (the CLI, another process) commits to the library. */
  gint64      data_version;
};

enum {
  FM_STORE_SIGNAL_ARTICLE_ADDED,
  FM_STORE_SIGNAL_ARTICLE_CHANGED,
  FM_STORE_SIGNAL_ARTICLE_REMOVED,
  FM_STORE_SIGNAL_ANNOTATION_ADDED,
  FM_STORE_SIGNAL_ANNOTATION_CHANGED,
  FM_STORE_SIGNAL_ANNOTATION_REMOVED,
  FM_STORE_SIGNAL_ARTICLE_TEXT_CHANGED,
  FM_STORE_SIGNAL_CHANGED_EXTERNALLY,
  FM_STORE_N_SIGNALS
};

extern guint fm_store_signals[FM_STORE_N_SIGNALS];

/* fm-store.c: errors, statements and transactions. */
gboolean      fm_store_set_sqlite_error       (FmStore       *self,
                                               int            rc,
                                               GError       **error);
sqlite3_stmt *fm_store_get_stmt               (FmStore       *self,
                                               const char    *sql,
                                               GError       **error);
gboolean      fm_store_step_done              (FmStore       *self,
                                               sqlite3_stmt  *stmt,
                                               GError       **error);
gboolean      fm_store_check_writable         (FmStore       *self,
                                               GError       **error);
gboolean      fm_store_begin                  (FmStore       *self,
                                               GError       **error);
gboolean      fm_store_commit                 (FmStore       *self,
                                               GError       **error);
gboolean      fm_store_rollback               (FmStore       *self);
void          fm_store_bind_text              (sqlite3_stmt  *stmt,
                                               int            i,
                                               const char    *text);
const char   *fm_store_column_text            (sqlite3_stmt  *stmt,
                                               int            i);

/* fm-store-articles.c */
void          fm_store_emit_article_changed   (FmStore       *self,
                                               gint64         article_id);
gint64        fm_store_resolve_ref            (FmStore       *self,
                                               const char    *ref,
                                               gboolean       article,
                                               GError       **error);

/* fm-store-annotations.c */
gboolean      fm_store_validate_annotation_in (FmStore       *self,
                                               FmAnnotation  *annotation,
                                               gint64         length,
                                               GError       **error);
gboolean      fm_store_write_annotation_row   (FmStore       *self,
                                               FmAnnotation  *annotation,
                                               gint64         now,
                                               GError       **error);
gboolean      fm_store_write_annotation_children (FmStore    *self,
                                               FmAnnotation  *annotation,
                                               GError       **error);

/* fm-store-search.c */
gint64        fm_store_count_annotations      (FmStore       *self,
                                               GError       **error);

/* fm-store-tracked.c */
gboolean      fm_store_adopt_tracked          (FmStore       *self,
                                               FmAnnotation  *annotation,
                                               GError       **error);
gboolean      fm_store_share_tracked          (FmStore       *self,
                                               FmAnnotation  *annotation,
                                               GArray        *changed,
                                               GError       **error);
void          fm_store_emit_annotations_changed (FmStore     *self,
                                               GArray        *ids);

/* fm-store-schema.c. Exposed so tests can build a library at every earlier
 * schema version and check that opening it migrates what it holds. */
gboolean      fm_store_migrate                (sqlite3       *db,
                                               int            target,
                                               GError       **error);
/* fm-store.c. For tests that look at the file's own settings. */
sqlite3      *fm_store_get_db                 (FmStore       *self);

G_END_DECLS
