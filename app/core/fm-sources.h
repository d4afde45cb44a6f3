/* fm-sources.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fm-store.h"

G_BEGIN_DECLS

/* A library source: every source annotation, in every article, that names
 * the same speaker, agency or document. Its name is the entity the user
 * merged the annotations into, or their own name; names that differ only
 * in case, spacing or Unicode form are one source without asking. */

#define FM_TYPE_LIBRARY_SOURCE (fm_library_source_get_type ())

G_DECLARE_FINAL_TYPE (FmLibrarySource, fm_library_source, FM, LIBRARY_SOURCE, GObject)

typedef enum
{
  FM_SOURCE_MERGE_SAME_NAME,  /* The same once accents, "the" and punctuation go. */
  FM_SOURCE_MERGE_ACRONYM,    /* "Korean Central News Agency (KCNA)" and "KCNA". */
  FM_SOURCE_MERGE_SURNAME,    /* "Biden" and "Joe Biden". */
} FmSourceMergeReason;

/* Two library sources that may be one, for the user to confirm. */
typedef struct
{
  char                *key;
  char                *name;
  char                *other_key;
  char                *other_name;
  FmSourceMergeReason  reason;
} FmSourceMerge;

/* What a rename, merge or split changed, so that it can be undone. */
typedef struct _FmSourceChange FmSourceChange;

const char   *fm_library_source_get_name        (FmLibrarySource  *self);
const char   *fm_library_source_get_key         (FmLibrarySource  *self);
FmSourceType  fm_library_source_get_source_type (FmLibrarySource  *self);
guint         fm_library_source_get_n_mentions  (FmLibrarySource  *self);
guint         fm_library_source_get_n_articles  (FmLibrarySource  *self);
guint         fm_library_source_get_n_claims    (FmLibrarySource  *self);
guint         fm_library_source_get_tally       (FmLibrarySource  *self,
                                                 FmVerdict         verdict);
const char   *fm_library_source_get_aliases     (FmLibrarySource  *self);
const char * const *fm_library_source_get_alias_list (FmLibrarySource *self);
char         *fm_library_source_dup_record      (FmLibrarySource  *self);
char         *fm_library_source_dup_summary     (FmLibrarySource  *self);

char         *fm_source_key                     (const char       *name);
const char   *fm_source_merge_reason_to_label   (FmSourceMergeReason reason);
void          fm_source_merge_free              (FmSourceMerge    *merge);
void          fm_source_change_free             (FmSourceChange   *change);
const char   *fm_source_change_get_name         (FmSourceChange   *change);
guint         fm_source_change_get_n_mentions   (FmSourceChange   *change);

GPtrArray      *fm_store_list_library_sources   (FmStore          *store,
                                                 GError          **error);
FmLibrarySource *fm_store_get_library_source    (FmStore          *store,
                                                 const char       *key,
                                                 GError          **error);
GPtrArray      *fm_store_list_source_mentions   (FmStore          *store,
                                                 FmLibrarySource  *source,
                                                 guint             limit,
                                                 GError          **error);
GPtrArray      *fm_store_list_source_claims     (FmStore          *store,
                                                 FmLibrarySource  *source,
                                                 guint             limit,
                                                 GError          **error);
GPtrArray      *fm_store_propose_source_merges  (FmStore          *store,
                                                 GError          **error);
FmSourceChange *fm_store_rename_source          (FmStore          *store,
                                                 const char       *key,
                                                 const char       *name,
                                                 GError          **error);
FmSourceChange *fm_store_merge_sources          (FmStore          *store,
                                                 const char       *into_key,
                                                 const char       *from_key,
                                                 GError          **error);
FmSourceChange *fm_store_split_source           (FmStore          *store,
                                                 GArray           *mention_ids,
                                                 const char       *name,
                                                 GError          **error);
gboolean        fm_store_undo_source_change     (FmStore          *store,
                                                 FmSourceChange   *change,
                                                 GError          **error);
gboolean        fm_store_dismiss_source_merge   (FmStore          *store,
                                                 const char       *key,
                                                 const char       *other_key,
                                                 GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FmSourceMerge, fm_source_merge_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FmSourceChange, fm_source_change_free)

G_END_DECLS
