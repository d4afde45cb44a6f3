/* fm-annotation.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fm-anchor.h"
#include "fm-article.h"
#include "fm-types.h"

G_BEGIN_DECLS

typedef struct
{
  char *url;
  char *note;
} FmEvidence;

#define FM_TYPE_EVIDENCE (fm_evidence_get_type ())

GType       fm_evidence_get_type (void) G_GNUC_CONST;
FmEvidence *fm_evidence_new      (const char *url,
                                  const char *note);
FmEvidence *fm_evidence_copy     (const FmEvidence *evidence);
void        fm_evidence_free     (FmEvidence *evidence);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FmEvidence, fm_evidence_free)

#define FM_TYPE_ANNOTATION (fm_annotation_get_type ())

G_DECLARE_FINAL_TYPE (FmAnnotation, fm_annotation, FM, ANNOTATION, GObject)

FmAnnotation *fm_annotation_new             (FmKind        kind);
FmAnnotation *fm_annotation_copy            (FmAnnotation *self);
gboolean      fm_annotation_equal           (FmAnnotation *a,
                                             FmAnnotation *b);
gint64        fm_annotation_get_id          (FmAnnotation *self);
void          fm_annotation_set_id          (FmAnnotation *self,
                                             gint64        id);
const char   *fm_annotation_get_uuid        (FmAnnotation *self);
void          fm_annotation_set_uuid        (FmAnnotation *self,
                                             const char   *uuid);
gint64        fm_annotation_get_article_id  (FmAnnotation *self);
void          fm_annotation_set_article_id  (FmAnnotation *self,
                                             gint64        article_id);
FmKind        fm_annotation_get_kind        (FmAnnotation *self);
void          fm_annotation_set_kind        (FmAnnotation *self,
                                             FmKind        kind);
glong         fm_annotation_get_start       (FmAnnotation *self);
glong         fm_annotation_get_end         (FmAnnotation *self);
void          fm_annotation_set_span        (FmAnnotation *self,
                                             glong         start,
                                             glong         end);
const char   *fm_annotation_get_quote       (FmAnnotation *self);
const char   *fm_annotation_get_prefix      (FmAnnotation *self);
const char   *fm_annotation_get_suffix      (FmAnnotation *self);
void          fm_annotation_set_quote       (FmAnnotation *self,
                                             const char   *quote,
                                             const char   *prefix,
                                             const char   *suffix);
gboolean      fm_annotation_anchor          (FmAnnotation *self,
                                             const char   *text,
                                             glong         length,
                                             glong         start,
                                             glong         end,
                                             GError      **error);
gboolean      fm_annotation_anchor_in       (FmAnnotation *self,
                                             FmArticle    *article,
                                             glong         start,
                                             glong         end,
                                             GError      **error);
const char   *fm_annotation_get_note        (FmAnnotation *self);
void          fm_annotation_set_note        (FmAnnotation *self,
                                             const char   *note);
FmVerdict     fm_annotation_get_verdict     (FmAnnotation *self);
void          fm_annotation_set_verdict     (FmAnnotation *self,
                                             FmVerdict     verdict);
gboolean      fm_annotation_get_has_value   (FmAnnotation *self);
double        fm_annotation_get_value       (FmAnnotation *self);
void          fm_annotation_set_value       (FmAnnotation *self,
                                             gboolean      has_value,
                                             double        value);
const char   *fm_annotation_get_unit        (FmAnnotation *self);
void          fm_annotation_set_unit        (FmAnnotation *self,
                                             const char   *unit);
const char   *fm_annotation_get_name        (FmAnnotation *self);
void          fm_annotation_set_name        (FmAnnotation *self,
                                             const char   *name);
const char   *fm_annotation_get_display_name (FmAnnotation *self);
FmSourceType  fm_annotation_get_source_type (FmAnnotation *self);
void          fm_annotation_set_source_type (FmAnnotation *self,
                                             FmSourceType  source_type);
gint64        fm_annotation_get_created     (FmAnnotation *self);
gint64        fm_annotation_get_modified    (FmAnnotation *self);
void          fm_annotation_set_times       (FmAnnotation *self,
                                             gint64        created,
                                             gint64        modified);
GArray       *fm_annotation_get_sources     (FmAnnotation *self);
gboolean      fm_annotation_has_source      (FmAnnotation *self,
                                             gint64        source_id);
void          fm_annotation_add_source      (FmAnnotation *self,
                                             gint64        source_id);
void          fm_annotation_remove_source   (FmAnnotation *self,
                                             gint64        source_id);
GPtrArray    *fm_annotation_get_evidence    (FmAnnotation *self);
void          fm_annotation_add_evidence    (FmAnnotation *self,
                                             const char   *url,
                                             const char   *note);
void          fm_annotation_remove_evidence (FmAnnotation *self,
                                             guint         index);
void          fm_annotation_apply_defaults  (FmAnnotation *self);
FmAnchorState fm_annotation_get_state       (FmAnnotation *self);
void          fm_annotation_set_state       (FmAnnotation *self,
                                             FmAnchorState state);
gboolean      fm_annotation_is_orphan       (FmAnnotation *self);
void          fm_annotation_orphan          (FmAnnotation *self);
const char   *fm_annotation_get_original_quote (FmAnnotation *self);
void          fm_annotation_set_original_quote (FmAnnotation *self,
                                                const char   *original_quote);
gboolean      fm_annotation_get_confirmed   (FmAnnotation *self);
void          fm_annotation_set_confirmed   (FmAnnotation *self,
                                             gboolean      confirmed);
const char   *fm_annotation_get_entity      (FmAnnotation *self);
void          fm_annotation_set_entity      (FmAnnotation *self,
                                             const char   *entity);
const char   *fm_annotation_get_tracked     (FmAnnotation *self);
void          fm_annotation_set_tracked     (FmAnnotation *self,
                                             const char   *tracked);

G_END_DECLS
