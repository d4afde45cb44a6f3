/* fm-history.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fm-store.h"

G_BEGIN_DECLS

#define FM_TYPE_HISTORY (fm_history_get_type ())

G_DECLARE_FINAL_TYPE (FmHistory, fm_history, FM, HISTORY, GObject)

FmHistory  *fm_history_new             (FmStore       *store);
gboolean    fm_history_create          (FmHistory     *self,
                                        FmAnnotation  *annotation,
                                        GError       **error);
void        fm_history_record_created  (FmHistory     *self,
                                        GPtrArray     *created);
gboolean    fm_history_update          (FmHistory     *self,
                                        FmAnnotation  *before,
                                        FmAnnotation  *after,
                                        const char    *merge_key,
                                        GError       **error);
gboolean    fm_history_delete          (FmHistory     *self,
                                        gint64         annotation_id,
                                        GError       **error);
gboolean    fm_history_can_undo        (FmHistory     *self,
                                        gint64         article_id);
gboolean    fm_history_can_redo        (FmHistory     *self,
                                        gint64         article_id);
gboolean    fm_history_undo            (FmHistory     *self,
                                        gint64         article_id,
                                        gint64        *affected_id,
                                        GError       **error);
gboolean    fm_history_redo            (FmHistory     *self,
                                        gint64         article_id,
                                        gint64        *affected_id,
                                        GError       **error);
void        fm_history_forget_article  (FmHistory     *self,
                                        gint64         article_id);

G_END_DECLS
