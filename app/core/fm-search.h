/* fm-search.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "fm-store.h"
#include "fm-types.h"

G_BEGIN_DECLS

/* Where a match's words begin and end in a snippet: control characters
 * that canonical text never holds in practice, replaced by the caller with
 * whatever highlights (brackets in the CLI, bold in the window). */
#define FM_SEARCH_MARK_START "\x02"
#define FM_SEARCH_MARK_END   "\x03"

/* What a search narrows to: a kind or verdict of -1 is any. @source keeps
 * the annotations attributed to a source whose name holds it, case folded,
 * and the sources so named, as FmFactsFilter does. @since and @until are
 * dates as fm_search_parse_date() gives them, each included, compared with
 * an article's published date or, without one, the day it was imported. */
typedef struct
{
  int         kind;
  int         verdict;
  const char *source;
  const char *since;
  const char *until;
} FmSearchFilter;

#define FM_SEARCH_FILTER_ANY ((FmSearchFilter) { -1, -1, NULL, NULL, NULL })

/* One match. @annotation_id is 0 for a match in an article's title or
 * text, whose span is then the first matching words (0, 0 for the title
 * alone). Offsets are code points of the article's text. */
typedef struct
{
  gint64  article_id;
  gint64  annotation_id;
  glong   start;
  glong   end;
  FmKind  kind;
  FmVerdict verdict;
  char   *title;
  char   *snippet;
  double  score;
} FmSearchHit;

void      fm_search_hit_free       (FmSearchHit          *hit);
char     *fm_search_hit_dup_snippet (const FmSearchHit   *hit,
                                     const char          *open,
                                     const char          *close);
char      *fm_search_parse_date     (const char           *text,
                                    GError              **error);
GPtrArray *fm_store_search         (FmStore              *store,
                                    const char           *query,
                                    const FmSearchFilter *filter,
                                    guint                 limit,
                                    GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FmSearchHit, fm_search_hit_free)

G_END_DECLS
