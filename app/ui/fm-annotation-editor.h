/* fm-annotation-editor.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "fm-document.h"
#include "fm-history.h"

G_BEGIN_DECLS

#define FM_TYPE_ANNOTATION_EDITOR (fm_annotation_editor_get_type ())

G_DECLARE_FINAL_TYPE (FmAnnotationEditor, fm_annotation_editor, FM, ANNOTATION_EDITOR, AdwBin)

FmDocument *fm_annotation_editor_get_document   (FmAnnotationEditor *self);
void        fm_annotation_editor_set_document   (FmAnnotationEditor *self,
                                                 FmDocument         *document);
FmHistory  *fm_annotation_editor_get_history    (FmAnnotationEditor *self);
void        fm_annotation_editor_set_history    (FmAnnotationEditor *self,
                                                 FmHistory          *history);
void        fm_annotation_editor_set_annotation (FmAnnotationEditor *self,
                                             gint64              annotation_id);
gint64  fm_annotation_editor_get_annotation (FmAnnotationEditor *self);
void    fm_annotation_editor_flush          (FmAnnotationEditor *self);
void    fm_annotation_editor_focus_note     (FmAnnotationEditor *self);

G_END_DECLS
