/* fm-figure-conflict-set.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fm-figure-conflicts.h"
#include "fm-store.h"

G_BEGIN_DECLS

#define FM_TYPE_FIGURE_CONFLICT_SET (fm_figure_conflict_set_get_type ())

G_DECLARE_FINAL_TYPE (FmFigureConflictSet, fm_figure_conflict_set, FM, FIGURE_CONFLICT_SET, GObject)

FmFigureConflictSet *fm_figure_conflict_set_get_for_store (FmStore             *store);
GPtrArray           *fm_figure_conflict_set_lookup        (FmFigureConflictSet *self,
                                                           gint64               annotation_id);
gboolean             fm_figure_conflict_set_get_ready     (FmFigureConflictSet *self);
char                *fm_figure_conflict_describe          (FmFigure            *other);

G_END_DECLS
