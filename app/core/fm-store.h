/* fm-store.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fm-annotation.h"
#include "fm-article.h"

/* The store is the library's one interface. The window, the CLI, imports,
 * exports, suggestions and backups reach the library only through the
 * calls declared here; SQLite is this build's backend and stays behind
 * them: nothing in app/ outside fm-store*.c includes sqlite3.h or holds
 * a connection (fm-store-private.h is for those files and for tests).
 *
 * The contract, which a second backend (a PostgreSQL desk writing through
 * an outbox, say) would have to provide as it is:
 *
 * - Opening: fm_store_open(), fm_store_open_full(), fm_store_get_path(),
 *   fm_store_set_read_only() and fm_store_get_read_only() (a read-only
 *   store refuses every write with FM_ERROR_INVALID), and
 *   fm_store_check_external_change() for changes made by another writer.
 * - Articles: fm_store_add_article() (an article with the same text is
 *   returned, not added twice), fm_store_list_articles(),
 *   fm_store_get_article(), fm_store_lookup_article_id(),
 *   fm_store_lookup_article() (by id or uuid), fm_store_update_article(),
 *   fm_store_delete_article() (with all that belongs to the article).
 * - Annotations with their links to sources and their evidence:
 *   fm_store_list_annotations(), fm_store_get_annotation(),
 *   fm_store_lookup_annotation(), fm_store_add_annotation(),
 *   fm_store_add_annotations(), fm_store_add_linked_annotations(),
 *   fm_store_restore_annotation() (back under its old id, so ids are never
 *   handed out twice), fm_store_update_annotation(),
 *   fm_store_delete_annotation(), fm_store_list_linked_from().
 * - Revisions: fm_store_list_revisions(), fm_store_get_revision_text(),
 *   fm_store_add_revision(), fm_store_update_text().
 * - Rejected suggestions: fm_store_list_rejections(),
 *   fm_store_add_rejection().
 * - Every call that changes the library is one transaction, all or
 *   nothing. A change to articles or annotations is announced once it is
 *   committed, by the signals article-added, article-changed,
 *   article-removed, annotation-added, annotation-changed,
 *   annotation-removed and article-text-changed; another writer's changes
 *   by changed-externally.
 * - Failures are FM_ERROR errors: FM_ERROR_NOT_FOUND, FM_ERROR_INVALID,
 *   FM_ERROR_TOO_LARGE, FM_ERROR_BUSY, FM_ERROR_CORRUPT,
 *   FM_ERROR_NEWER_SCHEMA or FM_ERROR_DATABASE.
 *
 * fm_store_default_path(), fm_store_move_aside() and
 * fm_store_copy_library() work on the library file itself, and so belong
 * to a backend that keeps the library in one file; another backend would
 * bring its own way to name, set aside and back up a library. */

G_BEGIN_DECLS

/* The schema version this build writes, kept in PRAGMA user_version. */
#define FM_STORE_SCHEMA_VERSION 7

typedef struct
{
  gint64  id;
  guint   number;
  gint64  created;
  char   *origin;
  char   *sha256;
  gint64  length;
} FmRevision;

#define FM_TYPE_REVISION (fm_revision_get_type ())

GType       fm_revision_get_type (void) G_GNUC_CONST;
FmRevision *fm_revision_copy     (const FmRevision *revision);
void        fm_revision_free     (FmRevision       *revision);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FmRevision, fm_revision_free)

/* A suggestion the user rejected in an article, by what it says and the
 * text around it. */
typedef struct
{
  FmKind  kind;
  char   *text;
  char   *prefix;
  char   *suffix;
} FmRejection;

void        fm_rejection_free    (FmRejection      *rejection);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FmRejection, fm_rejection_free)

#define FM_TYPE_STORE (fm_store_get_type ())

G_DECLARE_FINAL_TYPE (FmStore, fm_store, FM, STORE, GObject)

char         *fm_store_default_path           (void);
FmStore      *fm_store_open                   (const char    *path,
                                               GError       **error);
FmStore      *fm_store_open_full              (const char    *path,
                                               gboolean       read_only_copy,
                                               GError       **error);
const char   *fm_store_get_path               (FmStore       *self);
void          fm_store_set_read_only          (FmStore       *self,
                                               gboolean       read_only);
gboolean      fm_store_get_read_only          (FmStore       *self);
gboolean      fm_store_check_external_change  (FmStore       *self);
gboolean      fm_store_move_aside             (const char    *path,
                                               char         **moved_to,
                                               GError       **error);
gboolean      fm_store_copy_library           (const char    *path,
                                               const char    *copy_path,
                                               GError       **error);
FmArticle    *fm_store_add_article            (FmStore       *self,
                                               FmArticle     *article,
                                               gboolean      *existed,
                                               GError       **error);
GPtrArray    *fm_store_list_articles          (FmStore       *self,
                                               GError       **error);
FmArticle    *fm_store_get_article            (FmStore       *self,
                                               gint64         id,
                                               GError       **error);
gint64        fm_store_lookup_article_id      (FmStore       *self,
                                               const char    *ref,
                                               GError       **error);
FmArticle    *fm_store_lookup_article         (FmStore       *self,
                                               const char    *ref,
                                               GError       **error);
gboolean      fm_store_update_article         (FmStore       *self,
                                               FmArticle     *article,
                                               GError       **error);
gboolean      fm_store_delete_article         (FmStore       *self,
                                               gint64         id,
                                               GError       **error);
GPtrArray    *fm_store_list_annotations       (FmStore       *self,
                                               gint64         article_id,
                                               GError       **error);
FmAnnotation *fm_store_get_annotation         (FmStore       *self,
                                               gint64         id,
                                               GError       **error);
FmAnnotation *fm_store_lookup_annotation      (FmStore       *self,
                                               const char    *ref,
                                               GError       **error);
gboolean      fm_store_add_annotation         (FmStore       *self,
                                               FmAnnotation  *annotation,
                                               GError       **error);
gboolean      fm_store_add_annotations        (FmStore       *self,
                                               GPtrArray     *annotations,
                                               GError       **error);
gboolean      fm_store_add_linked_annotations (FmStore       *self,
                                               GPtrArray     *annotations,
                                               GArray        *link_to,
                                               GError       **error);
gboolean      fm_store_restore_annotation     (FmStore       *self,
                                               FmAnnotation  *annotation,
                                               GArray        *linked_from,
                                               GError       **error);
gboolean      fm_store_update_annotation      (FmStore       *self,
                                               FmAnnotation  *annotation,
                                               GError       **error);
gboolean      fm_store_delete_annotation      (FmStore       *self,
                                               gint64         id,
                                               GError       **error);
gboolean      fm_store_delete_annotations     (FmStore       *self,
                                               GArray        *ids,
                                               GError       **error);
GArray       *fm_store_list_linked_from       (FmStore       *self,
                                               gint64         source_id,
                                               GError       **error);
GPtrArray    *fm_store_list_revisions         (FmStore       *self,
                                               gint64         article_id,
                                               GError       **error);
char         *fm_store_get_revision_text      (FmStore       *self,
                                               gint64         revision_id,
                                               GError       **error);
gboolean      fm_store_add_revision           (FmStore       *self,
                                               gint64         article_id,
                                               guint          number,
                                               gint64         created,
                                               const char    *origin,
                                               const char    *text,
                                               GError       **error);
gboolean      fm_store_update_text            (FmStore       *self,
                                               gint64         article_id,
                                               const char    *text,
                                               const char    *origin,
                                               GPtrArray     *annotations,
                                               GError       **error);
GPtrArray    *fm_store_list_rejections        (FmStore       *self,
                                               gint64         article_id,
                                               GError       **error);
gboolean      fm_store_add_rejection          (FmStore       *self,
                                               gint64         article_id,
                                               FmKind         kind,
                                               const char    *text,
                                               const char    *prefix,
                                               const char    *suffix,
                                               GError       **error);

G_END_DECLS
