/* fm-head-model.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define FM_TYPE_HEAD_MODEL (fm_head_model_get_type ())

G_DECLARE_FINAL_TYPE (FmHeadModel, fm_head_model, FM, HEAD_MODEL, GObject)

FmHeadModel *fm_head_model_new       (GListModel  *model,
                                      guint        limit);
GListModel  *fm_head_model_get_model (FmHeadModel *self);
guint        fm_head_model_get_limit (FmHeadModel *self);
void         fm_head_model_set_limit (FmHeadModel *self,
                                      guint        limit);

G_END_DECLS
