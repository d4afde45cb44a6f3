/* fm-export-facts-csv.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-export-facts-csv"

#include "config.h"

#include "fm-export-facts.h"
#include "fm-export-facts-private.h"
#include "fm-export-private.h"
#include "fm-types.h"

/* The library's facts as one CSV table, UTF-8, one row per fact in the
 * order given. It is written as an article's CSV is (fm-export-csv.c):
 * RFC 4180 quoting, CRLF after every record, machine names in the header
 * and the kind, verdict, source type and state columns, lists joined with
 * "; ", and a "'" before a text cell a spreadsheet would run as a formula.
 * The columns an article's table has come first, but for line and column,
 * which would take a walk through every article's text; then the link back
 * to the span and the article's uuid, title, URL, outlet and publication
 * date. An orphan's start and end are empty, and its link is the article's
 * alone. */

static const char * const header[] = {
  "id", "kind", "start", "end", "quote", "verdict", "value", "unit", "name", "source_type",
  "sources", "note", "evidence", "state", "link", "article_id", "article_title", "article_url",
  "article_outlet", "article_published",
};

static void
append_checked (GString      *out,
                FmAnnotation *a,
                const char   *sources)
{
  g_autofree char *value = NULL;
  g_autofree char *evidence = fm_export_join_evidence (a);
  gboolean figure = fm_annotation_get_kind (a) == FM_KIND_FIGURE;

  if (figure && fm_annotation_get_has_value (a))
    value = fm_export_format_value (fm_annotation_get_value (a));
  fm_export_csv_append_field (out, fm_verdict_to_string (fm_annotation_get_verdict (a)),
                              FALSE, FALSE);
  fm_export_csv_append_field (out, value, FALSE, FALSE);
  fm_export_csv_append_field (out, figure ? fm_annotation_get_unit (a) : NULL, TRUE, FALSE);
  /* No name or source type: those are a source's. */
  fm_export_csv_append_field (out, NULL, TRUE, FALSE);
  fm_export_csv_append_field (out, NULL, FALSE, FALSE);
  fm_export_csv_append_field (out, sources, TRUE, FALSE);
  fm_export_csv_append_field (out, fm_annotation_get_note (a), TRUE, FALSE);
  fm_export_csv_append_field (out, evidence, TRUE, FALSE);
}

static void
append_source (GString      *out,
               FmAnnotation *a)
{
  /* No verdict, value or unit: a source is not checked. */
  for (guint i = 0; i < 3; i++)
    fm_export_csv_append_field (out, NULL, FALSE, FALSE);
  fm_export_csv_append_field (out, fm_annotation_get_display_name (a), TRUE, FALSE);
  fm_export_csv_append_field (out, fm_source_type_to_string (fm_annotation_get_source_type (a)),
                              FALSE, FALSE);
  fm_export_csv_append_field (out, NULL, TRUE, FALSE);
  fm_export_csv_append_field (out, fm_annotation_get_note (a), TRUE, FALSE);
  fm_export_csv_append_field (out, NULL, TRUE, FALSE);
}

static void
append_row (GString *out,
            FmFact  *fact)
{
  FmAnnotation *a = fm_fact_get_annotation (fact);
  FmArticle *article = fm_fact_get_article (fact);
  FmKind kind = fm_annotation_get_kind (a);
  gboolean placed = !fm_annotation_is_orphan (a);
  g_autofree char *link = fm_fact_dup_link (fact);

  fm_export_csv_append_field (out, fm_annotation_get_uuid (a), TRUE, TRUE);
  fm_export_csv_append_field (out, fm_kind_to_string (kind), FALSE, FALSE);
  fm_export_csv_append_number (out, placed, fm_annotation_get_start (a));
  fm_export_csv_append_number (out, placed, fm_annotation_get_end (a));
  fm_export_csv_append_field (out, fm_annotation_get_quote (a), TRUE, FALSE);
  if (kind == FM_KIND_SOURCE)
    append_source (out, a);
  else
    append_checked (out, a, fm_fact_get_sources (fact));
  fm_export_csv_append_field (out, fm_anchor_state_to_string (fm_annotation_get_state (a)),
                              FALSE, FALSE);
  fm_export_csv_append_field (out, link, TRUE, FALSE);
  fm_export_csv_append_field (out, fm_article_get_uuid (article), TRUE, FALSE);
  fm_export_csv_append_field (out, fm_article_get_title (article), TRUE, FALSE);
  fm_export_csv_append_field (out, fm_article_get_url (article), TRUE, FALSE);
  fm_export_csv_append_field (out, fm_article_get_outlet (article), TRUE, FALSE);
  fm_export_csv_append_field (out, fm_article_get_published (article), TRUE, FALSE);
  g_string_append (out, "\r\n");
}

/**
 * fm_export_facts_csv:
 * @facts: (element-type FmFact): the facts, in the order to write them
 *
 * Writes @facts to @stream as a CSV table with a header row; an empty
 * list makes the header alone.
 *
 * Returns: %FALSE with @error set when writing failed
 */
gboolean
fm_export_facts_csv (GPtrArray     *facts,
                     GOutputStream *stream,
                     GCancellable  *cancellable,
                     GError       **error)
{
  g_auto(FmFactsSink) sink = { 0 };

  g_return_val_if_fail (facts != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fm_facts_sink_init (&sink, stream, cancellable);
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    fm_export_csv_append_field (sink.out, header[i], FALSE, i == 0);
  g_string_append (sink.out, "\r\n");

  for (guint i = 0; i < facts->len; i++)
    {
      append_row (sink.out, g_ptr_array_index (facts, i));
      if (!fm_facts_sink_flush (&sink, FALSE, error))
        return FALSE;
    }
  return fm_facts_sink_flush (&sink, TRUE, error);
}
