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

G_BEGIN_DECLS

/* The schema version this build writes, kept in PRAGMA user_version. */
#define FM_STORE_SCHEMA_VERSION 4

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
