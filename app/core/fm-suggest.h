/* fm-suggest.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fm-article.h"
#include "fm-store.h"
#include "fm-types.h"

G_BEGIN_DECLS

/* Which detectors to run: a mask of 1 << FmKind. */
#define FM_SUGGEST_KIND_BIT(kind) (1u << (kind))
#define FM_SUGGEST_ALL_KINDS      0x7u

typedef enum
{
  FM_SUGGESTION_FORM_NONE,      /* Figures and sources. */
  FM_SUGGESTION_FORM_DIRECT,    /* A quotation in marks. */
  FM_SUGGESTION_FORM_REPORTED,  /* "X said (that) ...", "according to X, ...". */
} FmSuggestionForm;

/* A span of the text, in code points, end exclusive. */
typedef struct
{
  glong start;
  glong end;
} FmSuggestSpan;

/* One proposed annotation. Offsets are code points of the canonical text.
 * For a claim, speaker_start is -1 when no speaker was found; speaker_name
 * is the canonical name of the entity the speaker mention resolves to
 * (through a pronoun to the nearest fitting named person), or NULL. For a
 * source, name is the canonical name and mentions holds every mention that
 * names it, the first of which is start..end. */
typedef struct
{
  FmKind            kind;
  FmSuggestionForm  form;
  glong             start;
  glong             end;
  char             *text;
  gboolean          has_value;
  double            value;
  char             *unit;
  glong             speaker_start;
  glong             speaker_end;
  char             *speaker_text;
  char             *speaker_name;
  char             *name;
  FmSourceType      source_type;
  GArray           *mentions;     /* FmSuggestSpan */
  const char       *rule;         /* A static string naming the rule that fired. */
  double            score;
} FmSuggestion;

#define FM_TYPE_SUGGESTION (fm_suggestion_get_type ())
GType         fm_suggestion_get_type  (void) G_GNUC_CONST;
FmSuggestion *fm_suggestion_new       (FmKind              kind);
FmSuggestion *fm_suggestion_copy      (const FmSuggestion *suggestion);
void          fm_suggestion_free      (FmSuggestion       *suggestion);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (FmSuggestion, fm_suggestion_free)

GPtrArray    *fm_suggest_text         (const char         *text,
                                       guint               kinds);

/* The suggestions for an article as the window and the CLI list them:
 * those that are already an annotation of the same kind on an overlapping
 * span, and those the user rejected, are left out. */
GPtrArray    *fm_suggest_article      (FmStore            *store,
                                       FmArticle          *article,
                                       guint               kinds,
                                       GError            **error);
gboolean      fm_suggest_filter       (FmStore            *store,
                                       FmArticle          *article,
                                       GPtrArray          *suggestions,
                                       GError            **error);
gboolean      fm_suggest_filter_against (FmStore            *store,
                                         FmArticle          *article,
                                         GPtrArray          *annotations,
                                         GPtrArray          *suggestions,
                                         GError            **error);

/* The spans and source names of an article's annotations, for asking of
 * many suggestions in turn whether an annotation covers them. */
typedef struct _FmAnnotatedIndex FmAnnotatedIndex;

FmAnnotatedIndex *fm_annotated_index_new    (GPtrArray          *annotations);
gboolean          fm_annotated_index_covers (FmAnnotatedIndex   *index,
                                             const FmSuggestion *suggestion);
void              fm_annotated_index_free   (FmAnnotatedIndex   *index);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FmAnnotatedIndex, fm_annotated_index_free)

/* Remembers that the user rejected @suggestion in @article, by its kind, its
 * text and a little of the text around it, so that it stays rejected after
 * the article's text is updated. */
gboolean      fm_suggest_reject       (FmStore            *store,
                                       FmArticle          *article,
                                       const FmSuggestion *suggestion,
                                       GError            **error);
gboolean      fm_suggest_is_rejected  (FmStore            *store,
                                       FmArticle          *article,
                                       const FmSuggestion *suggestion,
                                       GError            **error);

/* Turns suggestions into annotations, all in one transaction: a figure
 * with its value and unit, a quote as a claim attributed to its speaker's
 * source (made on the speaker mention, or the existing source annotation of
 * that entity linked), a source on its first mention. @created gets the new
 * annotations, in the order they were added. */
gboolean      fm_suggest_accept       (FmStore            *store,
                                       FmArticle          *article,
                                       GPtrArray          *suggestions,
                                       GPtrArray         **created,
                                       GError            **error);

G_END_DECLS
