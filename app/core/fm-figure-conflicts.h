/* fm-figure-conflicts.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fm-store.h"

G_BEGIN_DECLS

/* Figures that disagree: the same count or amount of the same thing ("3,000
 * troops" at the border) given as different values in different articles.
 * Two figures are about the same thing when their counted nouns or units
 * are the same once normalised (FM_FIGURE_SUBJECT_ALIKE below says how alike
 * the words around them must be), and they disagree when their values are
 * further apart than FM_FIGURE_TOLERANCE, or FM_FIGURE_TOLERANCE_HEDGED for
 * a value given as approximate ("about 3,000"). */

/* The least share of content words (Jaccard) two figures' sentences have
 * in common for the figures to be about the same subject, and the fewest
 * words they must share. */
#define FM_FIGURE_SUBJECT_ALIKE     0.3
#define FM_FIGURE_SUBJECT_MIN_WORDS 2

/* How far apart, relative to the larger, two values may be and still
 * agree: rounding and rewording, not a different figure. */
#define FM_FIGURE_TOLERANCE        0.05
#define FM_FIGURE_TOLERANCE_HEDGED 0.1

/* A figure as the library has it (orphans, with no place in the text, left
 * out), with its article's title and date and the
 * text on either side of it in the article (up to a few hundred characters,
 * enough for its sentence). Reference-counted: a conflict shares its two
 * figures with the list they come from. */
typedef struct
{
  gint64  annotation_id;
  gint64  article_id;
  gboolean has_value;
  double  value;
  char   *unit;
  char   *quote;
  glong   start;
  glong   end;
  char   *article_title;
  char   *published;
  char   *before;
  char   *after;
} FmFigure;

/* Two figures in different articles that disagree; @figure has the
 * smaller annotation id. */
typedef struct
{
  FmFigure *figure;
  FmFigure *other;
} FmFigureConflict;


FmFigure   *fm_figure_ref                   (FmFigure      *figure);
void        fm_figure_unref                 (FmFigure      *figure);
char       *fm_figure_dup_key               (FmFigure      *figure);
void        fm_figure_conflict_free         (FmFigureConflict *conflict);

typedef gboolean (*FmFigureFilter) (FmFigure *figure,
                                    gpointer  user_data);

GPtrArray  *fm_store_list_figures           (FmStore       *store,
                                             GError       **error);
GPtrArray  *fm_store_list_figures_matching  (FmStore       *store,
                                             FmFigureFilter func,
                                             gpointer       user_data,
                                             GError       **error);
GPtrArray  *fm_store_find_figure_conflicts  (FmStore       *store,
                                             FmAnnotation  *figure,
                                             GError       **error);
GPtrArray  *fm_store_list_figure_conflicts  (FmStore       *store,
                                             GError       **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FmFigure, fm_figure_unref)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FmFigureConflict, fm_figure_conflict_free)

G_END_DECLS
