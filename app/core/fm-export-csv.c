/* fm-export-csv.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-export-csv"

#include "config.h"

#include <string.h>

#include "fm-export-private.h"
#include "fm-text.h"
#include "fm-types.h"

/* One row per annotation in text order, as RFC 4180 has it: a header row,
 * CRLF after every record, a field quoted when it holds a comma, a quote or a
 * line break, quotes inside doubled. The header and the kind, verdict and
 * source type columns use the machine names, never translated, so a script
 * can read the file whatever language wrote it. Lists (source names,
 * evidence URLs) are joined with "; ".
 *
 * The state after an update of the article's text (its machine name), the
 * quote the annotation was first made on, when that differs, and whether
 * someone has confirmed a changed annotation since ("false" only for a
 * changed one not yet looked at, as in the JSON sheet) come last, in the
 * order they were added, so a script that reads the columns by position
 * still finds the others where they were. An orphan has no place in the text: its start, end, line
 * and column are empty, not 0 or -1, which a spreadsheet would take for a
 * place.
 *
 * A spreadsheet runs a cell that starts with "=", "+", "-" or "@" as a
 * formula, and some treat a leading tab or carriage return the same way, so
 * a quote like "=HYPERLINK(…)" could run when the sheet is opened. Every text
 * cell that starts with one of those gets a "'" in front, which spreadsheets
 * read as "this is text" (OWASP's advice). The numbers the exporter writes
 * itself (offsets, line, column, value) are left alone, so a negative value
 * stays a number. */

static const char * const header[] = {
  "id", "kind", "start", "end", "line", "column", "quote", "verdict", "value", "unit",
  "name", "source_type", "sources", "note", "evidence", "state", "original_quote",
  "confirmed",
};

/* One field, quoted and neutralised as the comment above says; @first
 * leaves out the comma before it. */
void
fm_export_csv_append_field (GString    *out,
                            const char *value,
                            gboolean    is_text,
                            gboolean    first)
{
  gboolean neutralise;

  if (!first)
    g_string_append_c (out, ',');
  if (value == NULL || *value == '\0')
    return;

  neutralise = is_text && strchr ("=+-@\t\r", value[0]) != NULL;

  if (strpbrk (value, ",\"\r\n") != NULL)
    {
      g_string_append_c (out, '"');
      if (neutralise)
        g_string_append_c (out, '\'');
      for (const char *p = value; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (out, '"');
          g_string_append_c (out, *p);
        }
      g_string_append_c (out, '"');
    }
  else
    {
      if (neutralise)
        g_string_append_c (out, '\'');
      g_string_append (out, value);
    }
}

/* Offsets, lines and columns: never quoted or neutralised, and empty for
 * an orphan. */
void
fm_export_csv_append_number (GString  *out,
                             gboolean  present,
                             guint64   value)
{
  g_string_append_c (out, ',');
  if (present)
    fm_export_append_uint (out, value);
}

static char *
join_names (FmExportContext *ctx,
            FmAnnotation    *annotation)
{
  g_autoptr(GPtrArray) names = fm_export_source_names (ctx, annotation);

  g_ptr_array_add (names, NULL);
  return g_strjoinv ("; ", (char **) names->pdata);
}

/* The evidence URLs, "; " between. */
char *
fm_export_join_evidence (FmAnnotation *annotation)
{
  GPtrArray *evidence = fm_annotation_get_evidence (annotation);
  g_autoptr(GString) joined = g_string_new (NULL);

  for (guint i = 0; i < evidence->len; i++)
    {
      FmEvidence *item = g_ptr_array_index (evidence, i);

      if (i > 0)
        g_string_append (joined, "; ");
      g_string_append (joined, item->url);
    }
  return g_string_free (g_steal_pointer (&joined), FALSE);
}

gboolean
fm_export_csv (FmExportContext  *ctx,
               GString          *out,
               GError          **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    fm_export_csv_append_field (out, header[i], FALSE, i == 0);
  g_string_append (out, "\r\n");

  for (guint i = 0; i < ctx->entries->len; i++)
    {
      FmExportEntry *entry = FM_EXPORT_ENTRY (ctx, i);
      FmAnnotation *a = entry->annotation;
      FmKind kind = fm_annotation_get_kind (a);
      gboolean placed = !fm_annotation_is_orphan (a);
      g_autofree char *value = NULL;
      g_autofree char *sources = NULL;
      g_autofree char *evidence = NULL;
      const char *verdict = NULL;
      const char *unit = NULL;
      const char *name = NULL;
      const char *source_type = NULL;

      if (kind == FM_KIND_SOURCE)
        {
          name = fm_annotation_get_display_name (a);
          source_type = fm_source_type_to_string (fm_annotation_get_source_type (a));
        }
      else
        {
          verdict = fm_verdict_to_string (fm_annotation_get_verdict (a));
          sources = join_names (ctx, a);
          evidence = fm_export_join_evidence (a);
          if (kind == FM_KIND_FIGURE)
            {
              if (fm_annotation_get_has_value (a))
                value = fm_export_format_value (fm_annotation_get_value (a));
              unit = fm_annotation_get_unit (a);
            }
        }

      fm_export_csv_append_field (out, fm_annotation_get_uuid (a), TRUE, TRUE);
      fm_export_csv_append_field (out, fm_kind_to_string (kind), FALSE, FALSE);
      fm_export_csv_append_number (out, placed, fm_annotation_get_start (a));
      fm_export_csv_append_number (out, placed, fm_annotation_get_end (a));
      fm_export_csv_append_number (out, placed, entry->line);
      fm_export_csv_append_number (out, placed, entry->column);
      fm_export_csv_append_field (out, fm_annotation_get_quote (a), TRUE, FALSE);
      fm_export_csv_append_field (out, verdict, FALSE, FALSE);
      fm_export_csv_append_field (out, value, FALSE, FALSE);
      fm_export_csv_append_field (out, unit, TRUE, FALSE);
      fm_export_csv_append_field (out, name, TRUE, FALSE);
      fm_export_csv_append_field (out, source_type, FALSE, FALSE);
      fm_export_csv_append_field (out, sources, TRUE, FALSE);
      fm_export_csv_append_field (out, fm_annotation_get_note (a), TRUE, FALSE);
      fm_export_csv_append_field (out, evidence, TRUE, FALSE);
      fm_export_csv_append_field (out, fm_anchor_state_to_string (fm_annotation_get_state (a)),
                                  FALSE, FALSE);
      fm_export_csv_append_field (out, fm_annotation_get_original_quote (a), TRUE, FALSE);
      fm_export_csv_append_field (out, fm_annotation_get_confirmed (a) ? "true" : "false",
                                  FALSE, FALSE);
      g_string_append (out, "\r\n");
    }

  return TRUE;
}
