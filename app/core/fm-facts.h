/* fm-facts.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "fm-store.h"

G_BEGIN_DECLS

/* Every claim, figure and source in the library, each with its article
 * and the names of the sources it is attributed to: the rows of the Facts
 * view and of factmark-cli facts. */

#define FM_TYPE_FACT (fm_fact_get_type ())

G_DECLARE_FINAL_TYPE (FmFact, fm_fact, FM, FACT, GObject)

typedef struct
{
  int         kind;     /* -1 for any */
  int         verdict;  /* -1 for any */
  const char *source;   /* NULL for any; matched without case */
} FmFactsFilter;

#define FM_FACTS_FILTER_ANY ((FmFactsFilter) { -1, -1, NULL })

FmAnnotation *fm_fact_get_annotation   (FmFact    *self);
FmArticle    *fm_fact_get_article      (FmFact    *self);
const char   *fm_fact_get_sources      (FmFact    *self);
GPtrArray    *fm_fact_get_source_annotations (FmFact *self);
gboolean      fm_fact_is_unchecked     (FmFact    *self);

GPtrArray    *fm_store_list_facts      (FmStore             *store,
                                        const FmFactsFilter *filter,
                                        GError             **error);
gboolean      fm_store_add_article_facts (FmStore           *store,
                                          FmArticle         *article,
                                          const FmFactsFilter *filter,
                                          GPtrArray         *facts,
                                          GError           **error);
void          fm_facts_sort_to_check   (GPtrArray           *facts);
void          fm_facts_add_annotations (FmStore             *store,
                                        GArray              *ids,
                                        GPtrArray           *facts);

G_END_DECLS
