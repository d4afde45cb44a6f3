/* fm-factsheet.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-factsheet"

#include "config.h"

#include "fm-annotation.h"
#include "fm-factsheet.h"
#include "fm-text.h"
#include "fm-types.h"

/* The JSON fact sheet is the reference format: every other export can be
 * derived from what it holds, and it carries the article's text and digest
 * so each entry can be found again by offset, by quote, or both. */

static void
add_string_or_null (JsonBuilder *builder,
                    const char  *member,
                    const char  *value)
{
  json_builder_set_member_name (builder, member);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          gint64       usec)
{
  g_autofree char *iso = fm_text_format_time (usec);

  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, iso);
}

char *
fm_factsheet_link (FmArticle *article,
                   glong      start,
                   glong      end)
{
  g_autofree char *base = NULL;

  g_return_val_if_fail (FM_IS_ARTICLE (article), NULL);

  base = fm_article_dup_link_base (article);
  return g_strdup_printf ("%s#char=%ld,%ld", base, start, end);
}

static void
add_entry (JsonBuilder  *builder,
           FmArticle    *article,
           FmAnnotation *annotation,
           FmTextWalker *walker,
           GHashTable   *uuids)
{
  FmKind kind = fm_annotation_get_kind (annotation);
  glong start = fm_annotation_get_start (annotation);
  glong end = fm_annotation_get_end (annotation);
  gboolean orphan = fm_annotation_is_orphan (annotation);

  json_builder_begin_object (builder);
  add_string_or_null (builder, "id", fm_annotation_get_uuid (annotation));

  /* An orphan lost its place in the text when the article was updated: it
   * stays in the sheet with its quote, and no position. */
  if (orphan)
    {
      const char *keys[] = { "start", "end" };

      for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
        {
          json_builder_set_member_name (builder, keys[i]);
          json_builder_add_null_value (builder);
        }
    }
  else
    {
      fm_text_walker_seek (walker, start);
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, start);
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, end);
    }
  add_string_or_null (builder, "quote", fm_annotation_get_quote (annotation));
  add_string_or_null (builder, "prefix", fm_annotation_get_prefix (annotation));
  add_string_or_null (builder, "suffix", fm_annotation_get_suffix (annotation));
  json_builder_set_member_name (builder, "line");
  if (orphan)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, walker->line);
  json_builder_set_member_name (builder, "column");
  if (orphan)
    json_builder_add_null_value (builder);
  else
    json_builder_add_int_value (builder, walker->column);
  {
    g_autofree char *link = orphan ? NULL : fm_factsheet_link (article, start, end);
    add_string_or_null (builder, "link", link);
  }
  add_string_or_null (builder, "state", fm_anchor_state_to_string (fm_annotation_get_state (annotation)));
  if (fm_annotation_get_original_quote (annotation) != NULL)
    add_string_or_null (builder, "original_quote", fm_annotation_get_original_quote (annotation));
  add_string_or_null (builder, "note", fm_annotation_get_note (annotation));
  add_time (builder, "created", fm_annotation_get_created (annotation));
  add_time (builder, "modified", fm_annotation_get_modified (annotation));

  if (kind == FM_KIND_CLAIM || kind == FM_KIND_FIGURE)
    {
      GArray *sources = fm_annotation_get_sources (annotation);
      GPtrArray *evidence = fm_annotation_get_evidence (annotation);

      add_string_or_null (builder, "verdict",
                          fm_verdict_to_string (fm_annotation_get_verdict (annotation)));

      if (kind == FM_KIND_FIGURE)
        {
          json_builder_set_member_name (builder, "value");
          if (fm_annotation_get_has_value (annotation))
            json_builder_add_double_value (builder, fm_annotation_get_value (annotation));
          else
            json_builder_add_null_value (builder);
          add_string_or_null (builder, "unit", fm_annotation_get_unit (annotation));
        }

      json_builder_set_member_name (builder, "sources");
      json_builder_begin_array (builder);
      for (guint i = 0; i < sources->len; i++)
        {
          gint64 id = g_array_index (sources, gint64, i);
          const char *uuid = g_hash_table_lookup (uuids, &id);

          if (uuid != NULL)
            json_builder_add_string_value (builder, uuid);
        }
      json_builder_end_array (builder);

      json_builder_set_member_name (builder, "evidence");
      json_builder_begin_array (builder);
      for (guint i = 0; i < evidence->len; i++)
        {
          FmEvidence *item = g_ptr_array_index (evidence, i);

          json_builder_begin_object (builder);
          add_string_or_null (builder, "url", item->url);
          add_string_or_null (builder, "note", item->note);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  else
    {
      add_string_or_null (builder, "name", fm_annotation_get_display_name (annotation));
      add_string_or_null (builder, "source_type",
                          fm_source_type_to_string (fm_annotation_get_source_type (annotation)));
    }

  json_builder_end_object (builder);
}

/**
 * fm_factsheet_build:
 * @article: the article, with its text
 * @annotations: (element-type FmAnnotation): its annotations, sorted by start
 * @with_text: whether to include the article's text
 *
 * Returns: (transfer full): the fact sheet, version 2
 */
JsonNode *
fm_factsheet_build (FmArticle *article,
                    GPtrArray *annotations,
                    gboolean   with_text)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GHashTable) uuids = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), annotations->len);
  const char *text;

  g_return_val_if_fail (FM_IS_ARTICLE (article), NULL);
  g_return_val_if_fail (annotations != NULL, NULL);

  text = fm_article_get_text (article);
  g_return_val_if_fail (text != NULL, NULL);

  /* Keys must outlive the table; keep them in one array sized up front so
   * it never reallocates under the table's feet. */
  for (guint i = 0; i < annotations->len; i++)
    {
      gint64 id = fm_annotation_get_id (g_ptr_array_index (annotations, i));
      g_array_append_val (ids, id);
    }
  for (guint i = 0; i < annotations->len; i++)
    g_hash_table_insert (uuids, &g_array_index (ids, gint64, i),
                         (gpointer) fm_annotation_get_uuid (g_ptr_array_index (annotations, i)));

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "format");
  json_builder_add_string_value (builder, FM_FACTSHEET_FORMAT);
  json_builder_set_member_name (builder, "version");
  json_builder_add_int_value (builder, FM_FACTSHEET_VERSION);

  json_builder_set_member_name (builder, "article");
  json_builder_begin_object (builder);
  add_string_or_null (builder, "id", fm_article_get_uuid (article));
  add_string_or_null (builder, "title", fm_article_get_title (article));
  add_string_or_null (builder, "url", fm_article_get_url (article));
  add_string_or_null (builder, "outlet", fm_article_get_outlet (article));
  add_string_or_null (builder, "author", fm_article_get_author (article));
  add_string_or_null (builder, "published", fm_article_get_published (article));
  add_string_or_null (builder, "text_sha256", fm_article_get_sha256 (article));
  json_builder_set_member_name (builder, "revision");
  json_builder_add_int_value (builder, fm_article_get_revision (article));
  json_builder_set_member_name (builder, "length");
  json_builder_add_int_value (builder, fm_article_get_length (article));
  if (with_text)
    add_string_or_null (builder, "text", text);
  json_builder_end_object (builder);

  for (guint k = 0; k < FM_N_KINDS; k++)
    {
      FmTextWalker walker;

      fm_text_walker_init (&walker, text);
      json_builder_set_member_name (builder, k == FM_KIND_CLAIM ? "claims"
                                             : k == FM_KIND_FIGURE ? "figures" : "sources");
      json_builder_begin_array (builder);
      for (guint i = 0; i < annotations->len; i++)
        {
          FmAnnotation *annotation = g_ptr_array_index (annotations, i);

          if (fm_annotation_get_kind (annotation) == k)
            add_entry (builder, article, annotation, &walker, uuids);
        }
      json_builder_end_array (builder);
    }

  json_builder_end_object (builder);
  return json_builder_get_root (builder);
}

char *
fm_factsheet_to_string (FmArticle *article,
                        GPtrArray *annotations,
                        gboolean   with_text)
{
  g_autoptr(JsonNode) root = fm_factsheet_build (article, annotations, with_text);
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *json = NULL;

  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json = json_generator_to_data (generator, NULL);
  return g_strconcat (json, "\n", NULL);
}
