/* fm-export-facts.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-export-facts"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-export-facts.h"
#include "fm-export-facts-private.h"
#include "fm-fragment.h"

/* What the three library-wide formats share: the sink they stream through,
 * the link from an entry back to its span, and the choice of format. */

/* The sink passes its text on once it holds this many bytes: large enough
 * that a write costs little per entry, small enough to never matter. */
#define FLUSH_BYTES (64 * 1024)

void
fm_facts_sink_init (FmFactsSink   *sink,
                    GOutputStream *stream,
                    GCancellable  *cancellable)
{
  g_assert (sink != NULL);
  g_assert (G_IS_OUTPUT_STREAM (stream));

  sink->stream = stream;
  sink->cancellable = cancellable;
  sink->out = g_string_sized_new (FLUSH_BYTES + FLUSH_BYTES / 4);
}

/* Writes what the sink holds when it is more than FLUSH_BYTES, or
 * whatever it holds when @all. */
gboolean
fm_facts_sink_flush (FmFactsSink  *sink,
                     gboolean      all,
                     GError      **error)
{
  g_assert (sink != NULL);

  if (sink->out->len == 0 || (!all && sink->out->len < FLUSH_BYTES))
    return TRUE;
  if (!g_output_stream_write_all (sink->stream, sink->out->str, sink->out->len, NULL,
                                  sink->cancellable, error))
    return FALSE;
  g_string_truncate (sink->out, 0);
  return TRUE;
}

void
fm_facts_sink_clear (FmFactsSink *sink)
{
  g_assert (sink != NULL);

  if (sink->out != NULL)
    g_string_free (g_steal_pointer (&sink->out), TRUE);
}

/* The link back to the fact's span, as the per-article exports make it:
 * the article's URL (or its factmark: URI when it has none) and the span's
 * RFC 5147 fragment. An orphan has no place in the text to point at, so
 * its link is the article's alone. */
char *
fm_fact_dup_link (FmFact *fact)
{
  FmAnnotation *a = fm_fact_get_annotation (fact);
  g_autoptr(GString) link = g_string_new (NULL);
  g_autofree char *base = fm_article_dup_link_base (fm_fact_get_article (fact));

  g_string_append (link, base);
  if (!fm_annotation_is_orphan (a) && fm_annotation_get_start (a) < fm_annotation_get_end (a))
    fm_fragment_append_char (link, fm_annotation_get_start (a), fm_annotation_get_end (a));
  return g_string_free (g_steal_pointer (&link), FALSE);
}

/**
 * fm_export_facts_is_format:
 *
 * Returns: whether the library's facts can be exported as @format: CSV,
 *   JSON or ClaimReview
 */
gboolean
fm_export_facts_is_format (FmExportFormat format)
{
  return format == FM_EXPORT_FORMAT_CSV || format == FM_EXPORT_FORMAT_JSON
         || format == FM_EXPORT_FORMAT_CLAIMREVIEW;
}

/**
 * fm_export_facts_dup_filename:
 *
 * Returns: a file name to offer in a save dialog for the library's facts
 */
char *
fm_export_facts_dup_filename (FmExportFormat format)
{
  g_return_val_if_fail (fm_export_facts_is_format (format), NULL);

  /* The feed shares its extension with the W3C export, as an article's
   * does; the name tells them apart. */
  if (format == FM_EXPORT_FORMAT_CLAIMREVIEW)
    return g_strdup ("facts-claimreview.jsonld");
  return g_strconcat ("facts.", fm_export_format_get_extension (format), NULL);
}

/**
 * fm_export_facts_write:
 * @facts: (element-type FmFact): the facts, in the order to write them
 * @options: (nullable): the ClaimReview's organisation and base URL; the
 *   other options do not apply to the library's facts
 *
 * Writes @facts to @stream as @format, which fm_export_facts_is_format()
 * accepts.
 *
 * Returns: %FALSE with @error set when writing failed or an option is not
 *   usable; part of the export may have been written
 */
gboolean
fm_export_facts_write (FmExportFormat          format,
                       GPtrArray              *facts,
                       const FmExportOptions  *options,
                       GOutputStream          *stream,
                       GCancellable           *cancellable,
                       GError                **error)
{
  g_return_val_if_fail (facts != NULL, FALSE);
  g_return_val_if_fail (G_IS_OUTPUT_STREAM (stream), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  switch (format)
    {
    case FM_EXPORT_FORMAT_CSV:
      return fm_export_facts_csv (facts, stream, cancellable, error);
    case FM_EXPORT_FORMAT_JSON:
      return fm_export_facts_json (facts, stream, cancellable, error);
    case FM_EXPORT_FORMAT_CLAIMREVIEW:
      return fm_export_facts_claimreview (facts, options, stream, cancellable, error);
    case FM_EXPORT_FORMAT_MARKDOWN:
    case FM_EXPORT_FORMAT_HTML:
    case FM_EXPORT_FORMAT_W3C:
    case FM_EXPORT_FORMAT_PDF:
    default:
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The library’s facts cannot be exported as %s; only as CSV, JSON or "
                     "ClaimReview"), fm_export_format_to_string (format));
      return FALSE;
    }
}
