/* fm-export-facts-json.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-export-facts-json"

#include "config.h"

#include "fm-export-facts.h"
#include "fm-export-facts-private.h"
#include "fm-json-writer.h"
#include "fm-types.h"

/* The library's facts as one JSON object, its members named as in the JSON
 * fact sheet (fm-factsheet.c) so that a script reading one reads the other:
 *
 *   {
 *     "format": "factmark-facts",
 *     "version": 1,
 *     "facts": [
 *       {
 *         "id": the annotation's uuid,
 *         "kind": "claim", "figure" or "source",
 *         "start", "end": code points into the article's text, null for an
 *           orphan, which lost its place when the text was updated,
 *         "quote": the words marked,
 *         "link": the article's URL (else its factmark: URI) with the
 *           span's #char= fragment, the URL alone for an orphan,
 *         "state": how the last update of the text left it,
 *         "note": the user's note or null,
 *         "created", "modified": ISO 8601 times,
 *         for a claim or figure:
 *           "verdict": its machine name,
 *           "value", "unit": a figure's, null when not set,
 *           "sources": [{"id", "name", "source_type"}] it is attributed to,
 *           "evidence": [{"url", "note"}],
 *         for a source:
 *           "name", "source_type",
 *         "article": {"id": uuid, "title", "url", "outlet", "published"}
 *       }, ...
 *     ]
 *   }
 *
 * The facts are in the order given: the Facts view's, when it exports. */

static void
write_sources (FmJsonWriter *w,
               FmFact       *fact)
{
  GPtrArray *sources = fm_fact_get_source_annotations (fact);

  fm_json_writer_member (w, "sources");
  fm_json_writer_begin_array (w);
  for (guint i = 0; sources != NULL && i < sources->len; i++)
    {
      FmAnnotation *source = g_ptr_array_index (sources, i);

      fm_json_writer_begin_object (w);
      fm_json_writer_member_string (w, "id", fm_annotation_get_uuid (source));
      fm_json_writer_member_string (w, "name", fm_annotation_get_display_name (source));
      fm_json_writer_member_string (w, "source_type",
                                    fm_source_type_to_string (fm_annotation_get_source_type (source)));
      fm_json_writer_end_object (w);
    }
  fm_json_writer_end_array (w);
}

static void
write_checked (FmJsonWriter *w,
               FmFact       *fact)
{
  FmAnnotation *a = fm_fact_get_annotation (fact);
  GPtrArray *evidence = fm_annotation_get_evidence (a);

  fm_json_writer_member_string (w, "verdict", fm_verdict_to_string (fm_annotation_get_verdict (a)));
  if (fm_annotation_get_kind (a) == FM_KIND_FIGURE)
    {
      fm_json_writer_member (w, "value");
      if (fm_annotation_get_has_value (a))
        fm_json_writer_double (w, fm_annotation_get_value (a));
      else
        fm_json_writer_null (w);
      fm_json_writer_member_string (w, "unit", fm_annotation_get_unit (a));
    }
  write_sources (w, fact);
  fm_json_writer_member (w, "evidence");
  fm_json_writer_begin_array (w);
  for (guint i = 0; i < evidence->len; i++)
    {
      FmEvidence *item = g_ptr_array_index (evidence, i);

      fm_json_writer_begin_object (w);
      fm_json_writer_member_string (w, "url", item->url);
      fm_json_writer_member_string (w, "note", item->note);
      fm_json_writer_end_object (w);
    }
  fm_json_writer_end_array (w);
}

static void
write_article (FmJsonWriter *w,
               FmArticle    *article)
{
  fm_json_writer_member (w, "article");
  fm_json_writer_begin_object (w);
  fm_json_writer_member_string (w, "id", fm_article_get_uuid (article));
  fm_json_writer_member_string (w, "title", fm_article_get_title (article));
  fm_json_writer_member_string (w, "url", fm_article_get_url (article));
  fm_json_writer_member_string (w, "outlet", fm_article_get_outlet (article));
  fm_json_writer_member_string (w, "published", fm_article_get_published (article));
  fm_json_writer_end_object (w);
}

static void
write_span (FmJsonWriter *w,
            FmAnnotation *a)
{
  if (fm_annotation_is_orphan (a))
    {
      fm_json_writer_member (w, "start");
      fm_json_writer_null (w);
      fm_json_writer_member (w, "end");
      fm_json_writer_null (w);
    }
  else
    {
      fm_json_writer_member_int (w, "start", fm_annotation_get_start (a));
      fm_json_writer_member_int (w, "end", fm_annotation_get_end (a));
    }
}

static void
write_fact (FmJsonWriter *w,
            FmFact       *fact)
{
  FmAnnotation *a = fm_fact_get_annotation (fact);
  g_autofree char *link = fm_fact_dup_link (fact);

  fm_json_writer_begin_object (w);
  fm_json_writer_member_string (w, "id", fm_annotation_get_uuid (a));
  fm_json_writer_member_string (w, "kind", fm_kind_to_string (fm_annotation_get_kind (a)));
  write_span (w, a);
  fm_json_writer_member_string (w, "quote", fm_annotation_get_quote (a));
  fm_json_writer_member_string (w, "link", link);
  fm_json_writer_member_string (w, "state", fm_anchor_state_to_string (fm_annotation_get_state (a)));
  fm_json_writer_member_string (w, "note", fm_annotation_get_note (a));
  fm_json_writer_member_time (w, "created", fm_annotation_get_created (a));
  fm_json_writer_member_time (w, "modified", fm_annotation_get_modified (a));
  if (fm_annotation_get_kind (a) == FM_KIND_SOURCE)
    {
      fm_json_writer_member_string (w, "name", fm_annotation_get_display_name (a));
      fm_json_writer_member_string (w, "source_type",
                                    fm_source_type_to_string (fm_annotation_get_source_type (a)));
    }
  else
    write_checked (w, fact);
  write_article (w, fm_fact_get_article (fact));
  fm_json_writer_end_object (w);
}

/**
 * fm_export_facts_json:
 * @facts: (element-type FmFact): the facts, in the order to write them
 *
 * Writes @facts to @stream as the JSON object described above, and a
 * final line break.
 *
 * Returns: %FALSE with @error set when writing failed
 */
gboolean
fm_export_facts_json (GPtrArray     *facts,
                      GOutputStream *stream,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_auto(FmFactsSink) sink = { 0 };
  FmJsonWriter w;

  g_return_val_if_fail (facts != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  fm_facts_sink_init (&sink, stream, cancellable);
  /* The writer only ever appends, so the sink may empty its string
   * between two facts. */
  fm_json_writer_init (&w, sink.out, 2, FM_JSON_WRITER_FLAGS_NONE);
  fm_json_writer_begin_object (&w);
  fm_json_writer_member_string (&w, "format", FM_FACTS_EXPORT_FORMAT);
  fm_json_writer_member_int (&w, "version", FM_FACTS_EXPORT_VERSION);
  fm_json_writer_member (&w, "facts");
  fm_json_writer_begin_array (&w);
  for (guint i = 0; i < facts->len; i++)
    {
      write_fact (&w, g_ptr_array_index (facts, i));
      if (!fm_facts_sink_flush (&sink, FALSE, error))
        return FALSE;
    }
  fm_json_writer_end_array (&w);
  fm_json_writer_end_object (&w);
  g_assert (fm_json_writer_is_complete (&w));
  g_string_append_c (sink.out, '\n');
  return fm_facts_sink_flush (&sink, TRUE, error);
}
