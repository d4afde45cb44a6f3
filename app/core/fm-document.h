/* fm-document.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "fm-store.h"
#include "fm-suggestion-item.h"

G_BEGIN_DECLS

#define FM_TYPE_DOCUMENT (fm_document_get_type ())

G_DECLARE_FINAL_TYPE (FmDocument, fm_document, FM, DOCUMENT, GObject)

/* The groups of fm_document_get_group(): one per #FmKind, then orphans. */
#define FM_DOCUMENT_ORPHANS    FM_N_KINDS
#define FM_DOCUMENT_N_GROUPS   (FM_N_KINDS + 1)

FmDocument   *fm_document_load            (FmStore     *store,
                                           gint64       article_id,
                                           GError     **error);
void          fm_document_load_async      (FmStore             *store,
                                           gint64               article_id,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data);
FmDocument   *fm_document_load_finish     (GAsyncResult        *result,
                                           GError             **error);
FmStore      *fm_document_get_store       (FmDocument  *self);
FmArticle    *fm_document_get_article     (FmDocument  *self);
gint64        fm_document_get_article_id  (FmDocument  *self);
GListModel   *fm_document_get_annotations (FmDocument  *self);
GListModel   *fm_document_get_group       (FmDocument  *self,
                                           guint        group);
GListModel   *fm_document_get_suggestions (FmDocument  *self);
void          fm_document_set_suggestions (FmDocument  *self,
                                           GPtrArray   *suggestions);
void          fm_document_remove_suggestion (FmDocument       *self,
                                             FmSuggestionItem *item);
FmAnnotation *fm_document_lookup          (FmDocument  *self,
                                           gint64       id);
GPtrArray    *fm_document_at_offset       (FmDocument  *self,
                                           glong        offset);
GPtrArray    *fm_document_in_range        (FmDocument  *self,
                                           glong        start,
                                           glong        end);
void          fm_document_locate          (FmDocument  *self,
                                           glong        offset,
                                           guint       *line,
                                           guint       *column);
FmAnnotation *fm_document_new_annotation  (FmDocument  *self,
                                           FmKind       kind,
                                           glong        start,
                                           glong        end,
                                           GError     **error);

G_END_DECLS
