/* fm-export-facts-claimreview.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-export-facts-claimreview"

#include "config.h"

#include "fm-export-facts.h"
#include "fm-export-facts-private.h"
#include "fm-export-private.h"
#include "fm-json-writer.h"

/* A feed of the library's fact checks: one JSON-LD array with a schema.org
 * ClaimReview for every checked claim among the facts given (a claim with
 * a verdict other than "unverified"), in their order. Each review is the
 * one an export of the claim's article makes (fm-export-claimreview.c):
 * the same rating scale, author, url and appearance, the appearance
 * linking back to the claim's span in its article, or to the article alone
 * for an orphan. Figures, sources and unchecked claims are left out; a
 * list with no checked claim makes an empty array. */

/**
 * fm_export_facts_claimreview:
 * @facts: (element-type FmFact): the facts, in the order to write them
 * @options: (nullable): the organisation and base URL, as for an
 *   article's ClaimReview; %NULL for the defaults
 *
 * Returns: %FALSE with @error set when the base URL is not usable, before
 *   anything is written, or when writing failed
 */
gboolean
fm_export_facts_claimreview (GPtrArray              *facts,
                             const FmExportOptions  *options,
                             GOutputStream          *stream,
                             GCancellable           *cancellable,
                             GError                **error)
{
  g_auto(FmFactsSink) sink = { 0 };
  g_autofree char *organization = NULL;
  const char *base_url;
  FmJsonWriter w;

  g_return_val_if_fail (facts != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!fm_claimreview_check_options (options, &organization, &base_url, error))
    return FALSE;

  fm_facts_sink_init (&sink, stream, cancellable);
  /* Escaped for a <script> element, as an article's reviews are. */
  fm_json_writer_init (&w, sink.out, 2, FM_JSON_WRITER_ESCAPE_HTML);
  fm_json_writer_begin_array (&w);
  for (guint i = 0; i < facts->len; i++)
    {
      FmFact *fact = g_ptr_array_index (facts, i);
      g_autofree char *link = NULL;

      if (!fm_claimreview_is_checked (fm_fact_get_annotation (fact)))
        continue;
      link = fm_fact_dup_link (fact);
      fm_claimreview_write_review (&w, fm_fact_get_annotation (fact), fm_fact_get_article (fact),
                                   link, fm_fact_get_source_annotations (fact), organization,
                                   base_url);
      if (!fm_facts_sink_flush (&sink, FALSE, error))
        return FALSE;
    }
  fm_json_writer_end_array (&w);
  g_assert (fm_json_writer_is_complete (&w));
  g_string_append_c (sink.out, '\n');
  return fm_facts_sink_flush (&sink, TRUE, error);
}
