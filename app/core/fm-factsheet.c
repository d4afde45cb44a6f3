/* fm-factsheet.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-factsheet"

#include "config.h"

#include "fm-annotation.h"
#include "fm-export-private.h"
#include "fm-factsheet.h"
#include "fm-json-writer.h"
#include "fm-text.h"
#include "fm-types.h"

/* The JSON fact sheet is the reference format: every other export can be
 * derived from what it holds, and it carries the article's text and digest
 * so each entry can be found again by offset, by quote, or both. It is
 * written token by token (fm-json-writer.c) from the export context, which
 * already holds each entry's line, column and link. */

static void
write_position (FmJsonWriter  *w,
                FmExportEntry *entry)
{
  FmAnnotation *a = entry->annotation;
  gboolean orphan = fm_annotation_is_orphan (a);

  /* An orphan lost its place in the text when the article was updated: it
   * stays in the sheet with its quote, and no position. */
  if (orphan)
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
  fm_json_writer_member_string (w, "quote", fm_annotation_get_quote (a));
  fm_json_writer_member_string (w, "prefix", fm_annotation_get_prefix (a));
  fm_json_writer_member_string (w, "suffix", fm_annotation_get_suffix (a));
  fm_json_writer_member (w, "line");
  if (orphan)
    fm_json_writer_null (w);
  else
    fm_json_writer_int (w, entry->line);
  fm_json_writer_member (w, "column");
  if (orphan)
    fm_json_writer_null (w);
  else
    fm_json_writer_int (w, entry->column);
  fm_json_writer_member_string (w, "link", entry->link);
}

static void
write_checked (FmExportContext *ctx,
               FmJsonWriter    *w,
               FmAnnotation    *a)
{
  GArray *sources = fm_annotation_get_sources (a);
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

  /* A link to a source that is not in the sheet is left out, so every
   * uuid listed is one of the sheet's entries. */
  fm_json_writer_member (w, "sources");
  fm_json_writer_begin_array (w);
  for (guint i = 0; i < sources->len; i++)
    {
      FmExportEntry *source = fm_export_context_lookup (ctx, g_array_index (sources, gint64, i));

      if (source != NULL)
        fm_json_writer_string (w, fm_annotation_get_uuid (source->annotation));
    }
  fm_json_writer_end_array (w);

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
write_entry (FmExportContext *ctx,
             FmJsonWriter    *w,
             FmExportEntry   *entry)
{
  FmAnnotation *a = entry->annotation;

  fm_json_writer_begin_object (w);
  fm_json_writer_member_string (w, "id", fm_annotation_get_uuid (a));
  write_position (w, entry);
  fm_json_writer_member_string (w, "state", fm_anchor_state_to_string (fm_annotation_get_state (a)));
  if (fm_annotation_get_original_quote (a) != NULL)
    fm_json_writer_member_string (w, "original_quote", fm_annotation_get_original_quote (a));
  /* Version 3: whether the user has looked at what an update did to it.
   * It is the store's flag as it is, so an orphan waiting to be attached
   * stays unconfirmed when the sheet is imported again. */
  fm_json_writer_member (w, "confirmed");
  fm_json_writer_boolean (w, fm_annotation_get_confirmed (a));
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
    write_checked (ctx, w, a);

  fm_json_writer_end_object (w);
}

/* Version 3: the article's earlier texts, so that a library the sheet is
 * imported into keeps its history. Only a sheet that carries the text
 * carries them, and only when the caller read them from the store. */
static void
write_revisions (FmExportContext *ctx,
                 FmJsonWriter    *w)
{
  GPtrArray *revisions = ctx->options->revisions;

  if (!ctx->options->with_text || revisions == NULL)
    return;

  fm_json_writer_member (w, "revisions");
  fm_json_writer_begin_array (w);
  for (guint i = 0; i < revisions->len; i++)
    {
      FmExportRevision *revision = g_ptr_array_index (revisions, i);

      fm_json_writer_begin_object (w);
      fm_json_writer_member_int (w, "number", revision->number);
      fm_json_writer_member_time (w, "created", revision->created);
      fm_json_writer_member_string (w, "origin", revision->origin);
      fm_json_writer_member_string (w, "text_sha256", revision->sha256);
      fm_json_writer_member_int (w, "length", revision->length);
      fm_json_writer_member_string (w, "text", revision->text);
      fm_json_writer_end_object (w);
    }
  fm_json_writer_end_array (w);
}

static void
write_article (FmExportContext *ctx,
               FmJsonWriter    *w)
{
  FmArticle *article = ctx->article;

  fm_json_writer_member (w, "article");
  fm_json_writer_begin_object (w);
  fm_json_writer_member_string (w, "id", fm_article_get_uuid (article));
  fm_json_writer_member_string (w, "title", fm_article_get_title (article));
  fm_json_writer_member_string (w, "url", fm_article_get_url (article));
  fm_json_writer_member_string (w, "outlet", fm_article_get_outlet (article));
  fm_json_writer_member_string (w, "author", fm_article_get_author (article));
  fm_json_writer_member_string (w, "published", fm_article_get_published (article));
  fm_json_writer_member_string (w, "text_sha256", fm_article_get_sha256 (article));
  fm_json_writer_member_int (w, "revision", fm_article_get_revision (article));
  fm_json_writer_member_int (w, "length", fm_article_get_length (article));
  if (ctx->options->with_text)
    fm_json_writer_member_string (w, "text", ctx->text);
  write_revisions (ctx, w);
  fm_json_writer_end_object (w);
}

/**
 * fm_factsheet_write:
 * @ctx: the export context, its entries in text order
 * @out: where to append the sheet
 *
 * Writes the fact sheet, version %FM_FACTSHEET_VERSION, and a final line
 * break.
 *
 * Returns: %TRUE: a checked context always makes a sheet
 */
gboolean
fm_factsheet_write (FmExportContext  *ctx,
                    GString          *out,
                    GError          **error)
{
  FmJsonWriter w;

  fm_json_writer_init (&w, out, 2, FM_JSON_WRITER_FLAGS_NONE);
  fm_json_writer_begin_object (&w);
  fm_json_writer_member_string (&w, "format", FM_FACTSHEET_FORMAT);
  fm_json_writer_member_int (&w, "version", FM_FACTSHEET_VERSION);
  write_article (ctx, &w);

  for (guint k = 0; k < FM_N_KINDS; k++)
    {
      fm_json_writer_member (&w, k == FM_KIND_CLAIM ? "claims"
                                 : k == FM_KIND_FIGURE ? "figures" : "sources");
      fm_json_writer_begin_array (&w);
      for (guint i = 0; i < ctx->entries->len; i++)
        {
          FmExportEntry *entry = FM_EXPORT_ENTRY (ctx, i);

          if (fm_annotation_get_kind (entry->annotation) == k)
            write_entry (ctx, &w, entry);
        }
      fm_json_writer_end_array (&w);
    }

  fm_json_writer_end_object (&w);
  g_assert (fm_json_writer_is_complete (&w));
  g_string_append_c (out, '\n');
  return TRUE;
}
