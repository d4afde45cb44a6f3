/* fuzz-json.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "fm-fragment.h"
#include "fm-text.h"
#include "fuzz-common.h"

#include <stdlib.h>

#ifdef HAVE_SHEET_IMPORT
#include <glib/gstdio.h>

#include "fm-import-annotations.h"
#include "fm-store-private.h"

/* The text the W3C and Hypothesis inputs are anchored in. */
static const char fuzz_json_text[] =
  "The council voted 9 to 4 on Monday. The mayor said it would protect 4,200 homes.\n";

static FmStore *fuzz_store;
static gint64 fuzz_article_id;
static char *fuzz_dir;

static void
fuzz_store_remove (void)
{
  g_autoptr(GDir) d = NULL;
  const char *name;

  g_clear_object (&fuzz_store);
  d = g_dir_open (fuzz_dir, 0, NULL);
  while (d != NULL && (name = g_dir_read_name (d)) != NULL)
    {
      g_autofree char *path = g_build_filename (fuzz_dir, name, NULL);
      g_remove (path);
    }
  g_rmdir (fuzz_dir);
  g_clear_pointer (&fuzz_dir, g_free);
}

/* One library for the whole run, in a temporary folder, with one article
 * for the W3C and Hypothesis inputs; without fsync, which proves nothing
 * here and would slow each input down to the disk's pace. */
static void
fuzz_store_init (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(FmArticle) article = fm_article_new ();
  g_autoptr(FmArticle) stored = NULL;

  if (fuzz_store != NULL)
    return;
  fuzz_dir = g_dir_make_tmp ("factmark-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (fuzz_dir, "library.db", NULL);
  fuzz_store = fm_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (fm_store_get_db (fuzz_store), "PRAGMA synchronous = OFF",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  fm_article_set_text (article, fuzz_json_text);
  stored = fm_store_add_article (fuzz_store, article, NULL, &error);
  g_assert_no_error (error);
  fuzz_article_id = fm_article_get_id (stored);
  atexit (fuzz_store_remove);
}

/* What an import put in the library is UTF-8 and anchored in the text;
 * then it is taken out again, so every input starts from the same
 * library. */
static void
fuzz_check_and_clear (gint64 article_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = fm_store_list_annotations (fuzz_store, article_id, &error);
  g_autoptr(FmArticle) article = fm_store_get_article (fuzz_store, article_id, &error);

  g_assert_no_error (error);
  fuzz_check_field (fm_article_get_title (article), FALSE);
  fuzz_check_field (fm_article_get_url (article), FALSE);
  fuzz_check_field (fm_article_get_author (article), FALSE);
  for (guint i = 0; i < list->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (list, i);
      GPtrArray *evidence = fm_annotation_get_evidence (a);

      fuzz_check_field (fm_annotation_get_quote (a), FALSE);
      fuzz_check_field (fm_annotation_get_prefix (a), FALSE);
      fuzz_check_field (fm_annotation_get_suffix (a), FALSE);
      fuzz_check_field (fm_annotation_get_note (a), FALSE);
      fuzz_check_field (fm_annotation_get_unit (a), FALSE);
      fuzz_check_field (fm_annotation_get_name (a), FALSE);
      for (guint j = 0; j < evidence->len; j++)
        {
          FmEvidence *e = g_ptr_array_index (evidence, j);

          fuzz_check_field (e->url, FALSE);
          fuzz_check_field (e->note, FALSE);
        }
    }

  if (article_id != fuzz_article_id)
    g_assert_true (fm_store_delete_article (fuzz_store, article_id, &error));
  else
    for (guint i = 0; i < list->len; i++)
      g_assert_true (fm_store_delete_annotation (fuzz_store,
                                                 fm_annotation_get_id (g_ptr_array_index (list, i)),
                                                 &error));
  g_assert_no_error (error);
}

/* The importer of fact sheets and of W3C and Hypothesis annotations: read
 * and check the file, then add it to a library, as the window and the CLI
 * do. */
static inline void
fuzz_json_import (const uint8_t *data,
                  size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmSheetImport) import = NULL;
  FmSheetImportCounts counts = { 0 };

  fuzz_store_init ();
  (void) fm_sheet_import_data_is_factsheet ((const char *) data, size);

  import = fm_sheet_import_read ((const char *) data, size, &error);
  fuzz_check_error (import != NULL, error);
  if (import == NULL)
    return;

  if (fm_sheet_import_is_factsheet (import))
    {
      g_autoptr(FmArticle) article = fm_sheet_import_add_article (import, fuzz_store, &counts,
                                                                  &error);

      fuzz_check_error (article != NULL, error);
      if (article != NULL)
        fuzz_check_and_clear (fm_article_get_id (article));
    }
  else
    {
      gboolean ok = fm_sheet_import_add_annotations (import, fuzz_store, fuzz_article_id, &counts,
                                                     &error);

      fuzz_check_error (ok, error);
      fuzz_check_and_clear (fuzz_article_id);
    }
  g_debug ("added %u (anchored %u, orphaned %u), present %u, skipped %u, links %u",
           counts.added, counts.anchored, counts.orphaned, counts.present, counts.skipped,
           counts.links);
  g_assert_cmpuint (counts.added, ==, counts.anchored + counts.orphaned);
}

#else

/* Until the importer of fact sheets and W3C/Hypothesis annotations is in
 * the core, the targets fuzz what such an import is built on: json-glib's
 * parser behind the nesting limit the import must apply (json-glib recurses
 * once a level and has no limit of its own), and the checks of ours that a
 * file's values go through: fragments, spans against the text, quotes
 * searched in it. When fm-import-annotations.c is added to app/core/meson.build
 * the targets switch to it by themselves (see meson.build here). */

#define FUZZ_JSON_MAX_DEPTH 32

static inline gboolean
fuzz_json_depth_ok (const char *data,
                    gsize       len)
{
  guint depth = 0;
  gboolean in_string = FALSE;

  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
        }
      else if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > FUZZ_JSON_MAX_DEPTH)
            return FALSE;
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

typedef struct
{
  const char *text;
  glong       length;
} FuzzJsonContext;

static inline void
check_span (FuzzJsonContext *ctx,
            gint64           start,
            gint64           end)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (ctx->text == NULL)
    return;
  ok = fm_text_check_span (ctx->text, ctx->length, (glong) CLAMP (start, G_MINLONG, G_MAXLONG),
                           (glong) CLAMP (end, G_MINLONG, G_MAXLONG), &error);
  fuzz_check_error (ok, error);
  if (ok)
    {
      g_autofree char *quote = fm_text_substring (ctx->text, start, end);
      g_autofree char *prefix = NULL;
      g_autofree char *suffix = NULL;

      g_assert_cmpint (g_utf8_strlen (quote, -1), ==, end - start);
      fm_text_context (ctx->text, start, end, &prefix, &suffix);
    }
}

static inline void
check_fragment (FuzzJsonContext *ctx,
                const char      *link)
{
  g_autoptr(GError) error = NULL;
  const char *hash = strrchr (link, '#');
  glong start, end;

  if (hash == NULL)
    return;
  if (fm_text_parse_char_fragment (hash, &start, &end, NULL, &error))
    check_span (ctx, start, end);
  else
    fuzz_check_error (FALSE, error);
}

static inline void
check_quote (FuzzJsonContext *ctx,
             const char      *quote)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nfc = NULL;
  glong start, end;

  if (ctx->text == NULL || !g_utf8_validate (quote, -1, NULL) || *quote == '\0')
    return;
  nfc = g_utf8_normalize (quote, -1, G_NORMALIZE_NFC);
  if (fm_text_find_quote (ctx->text, nfc, 1, &start, &end, &error))
    check_span (ctx, start, end);
  else
    fuzz_check_error (FALSE, error);
}

static inline void
walk (FuzzJsonContext *ctx,
      JsonNode        *node)
{
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        walk (ctx, json_array_get_element (array, i));
    }
  else if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;
      JsonNode *start = json_object_get_member (obj, "start");
      JsonNode *end = json_object_get_member (obj, "end");

      /* A fact sheet's entry and a TextPositionSelector both give a span
       * as "start" and "end". */
      if (start != NULL && end != NULL && JSON_NODE_HOLDS_VALUE (start)
          && JSON_NODE_HOLDS_VALUE (end)
          && json_node_get_value_type (start) == G_TYPE_INT64
          && json_node_get_value_type (end) == G_TYPE_INT64)
        check_span (ctx, json_node_get_int (start), json_node_get_int (end));

      json_object_iter_init (&iter, obj);
      while (json_object_iter_next (&iter, &name, &member))
        {
          if (JSON_NODE_HOLDS_VALUE (member)
              && json_node_get_value_type (member) == G_TYPE_STRING)
            {
              const char *value = json_node_get_string (member);

              /* A fact sheet's "link", a FragmentSelector's "value", a
               * W3C target "source" with a fragment. */
              if (g_str_equal (name, "link") || g_str_equal (name, "value")
                  || g_str_equal (name, "source") || g_str_equal (name, "id"))
                check_fragment (ctx, value);
              /* A fact sheet's "quote", a TextQuoteSelector's "exact". */
              else if (g_str_equal (name, "quote") || g_str_equal (name, "exact"))
                check_quote (ctx, value);
            }
          else
            walk (ctx, member);
        }
    }
}

/* The text an import anchors in: the fact sheet's own "article"."text" when
 * it is canonical, else a fixed text, as for a W3C file that carries none. */
static const char fuzz_json_fallback_text[] =
  "The council voted 9 to 4 on Monday to build the wall, which the mayor said "
  "would protect 4,200 homes. The last flood cost $30 million.";

static inline void
fuzz_json_import (const uint8_t *data,
                  size_t         size)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  FuzzJsonContext ctx = { fuzz_json_fallback_text, 0 };
  JsonNode *root;

  if (!fuzz_json_depth_ok ((const char *) data, size))
    return;
  if (!json_parser_load_from_data (parser, (const char *) data, size, &error))
    return;
  root = json_parser_get_root (parser);
  if (root == NULL)
    return;

  if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *obj = json_node_get_object (root);
      JsonNode *article = json_object_get_member (obj, "article");

      if (article != NULL && JSON_NODE_HOLDS_OBJECT (article))
        {
          const char *text = json_object_get_string_member_with_default (
            json_node_get_object (article), "text", NULL);

          if (text != NULL && *text != '\0' && fm_text_is_canonical (text))
            ctx.text = text;
        }
    }
  ctx.length = fm_text_length (ctx.text);
  walk (&ctx, root);
}

#endif
