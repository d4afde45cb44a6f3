/* fm-export-w3c.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-export-w3c"

#include "config.h"

#include <json-glib/json-glib.h>
#include <string.h>

#include "fm-export-private.h"
#include "fm-text.h"
#include "fm-types.h"

/* A W3C Web Annotation Data Model AnnotationCollection. Each annotation
 * stands on its own, with its own @context, so a tool can take one out of
 * the collection and still read it:
 *
 * - id: urn:uuid: and the annotation's uuid;
 * - target: the article (its URL, else a factmark: URI) with a
 *   TextPositionSelector, whose start and end count code points as the model
 *   requires and Factmark does everywhere, and a TextQuoteSelector with the
 *   quote and up to 32 code points of context either side;
 * - bodies, each a TextualBody with a purpose: classifying (the kind),
 *   assessing (the verdict's machine name), commenting (the note),
 *   describing (a figure's value and unit), identifying and tagging (a
 *   source's name and type), and for each evidence URL a SpecificResource
 *   with purpose linking (a TextualBody when it is not an http or https
 *   URL).
 *
 * A claim or figure attributed to a source becomes one more annotation with
 * motivation linking, its target the claim's annotation and its body the
 * source's. The collection says in Factmark's own terms which unit the
 * offsets count and which text they count in.
 *
 * After an update of the article's text, a changed or orphaned annotation
 * (or one whose quote an earlier update changed) gets one more body: a
 * TextualBody with purpose describing, whose value says in words what
 * happened, so any client shows it, and which carries the same for programs
 * in two properties of Factmark's namespace, as the model's extension rules
 * allow: factmark:anchorState (the state's machine name) and
 * factmark:originalQuote (the quote it was first made on, when that
 * differs). Such an annotation's @context adds the namespace after the
 * model's, so it still stands on its own; the others keep the plain string,
 * which every client understands. An orphan has no place in the text, so
 * its target has only the TextQuoteSelector (the quote and the context it
 * was made on), which a client can search for, and no TextPositionSelector.
 * Links to and from an orphan are written as for any annotation. */

#define ANNO_CONTEXT "http://www.w3.org/ns/anno.jsonld"
#define FACTMARK_NS  "https://factmark.github.io/ns#"

/* The namespace for the name-based (version 5) uuids of the things that have
 * no uuid of their own: the collection, its page, and each link. The same
 * article always gets the same ids, so an export can be compared with the
 * last one. */
static const guint8 uuid_namespace[16] = {
  0x25, 0x2a, 0x01, 0x4a, 0xd6, 0xef, 0x47, 0x9a,
  0xbc, 0xef, 0x81, 0x14, 0xd9, 0x14, 0xb4, 0x5f,
};

static char *
dup_name_urn (const char *name)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 d[20];
  gsize len = sizeof d;

  /* RFC 4122, section 4.3: SHA-1 of namespace and name, then the version
   * and variant bits. */
  g_checksum_update (checksum, uuid_namespace, sizeof uuid_namespace);
  g_checksum_update (checksum, (const guchar *) name, strlen (name));
  g_checksum_get_digest (checksum, d, &len);
  d[6] = (d[6] & 0x0f) | 0x50;
  d[8] = (d[8] & 0x3f) | 0x80;

  return g_strdup_printf ("urn:uuid:%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7],
                          d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]);
}

static void
add_string (JsonBuilder *builder,
            const char  *member,
            const char  *value)
{
  json_builder_set_member_name (builder, member);
  json_builder_add_string_value (builder, value);
}

static void
add_urn (JsonBuilder *builder,
         const char  *member,
         const char  *uuid)
{
  g_autofree char *urn = g_strconcat ("urn:uuid:", uuid, NULL);

  add_string (builder, member, urn);
}

static void
add_time (JsonBuilder *builder,
          const char  *member,
          gint64       usec)
{
  g_autofree char *iso = fm_text_format_time (usec);

  add_string (builder, member, iso);
}

static void
add_textual_body (JsonBuilder *builder,
                  const char  *purpose,
                  const char  *value)
{
  json_builder_begin_object (builder);
  add_string (builder, "type", "TextualBody");
  add_string (builder, "purpose", purpose);
  add_string (builder, "value", value);
  add_string (builder, "format", "text/plain");
  json_builder_end_object (builder);
}

/* Whether the annotation needs a body saying what an update of the text did
 * to it. */
static gboolean
has_state_body (FmAnnotation *a)
{
  FmAnchorState state = fm_annotation_get_state (a);

  return state == FM_ANCHOR_CHANGED || state == FM_ANCHOR_ORPHANED
         || fm_annotation_get_original_quote (a) != NULL;
}

static void
add_state_body (JsonBuilder  *builder,
                FmAnnotation *a)
{
  FmAnchorState state = fm_annotation_get_state (a);
  const char *original = fm_annotation_get_original_quote (a);
  g_autoptr(GString) value = g_string_new (NULL);

  /* The words are English, like the rest of this format's own text: the
   * file is data, and the machine names beside them are what programs
   * read. */
  if (state == FM_ANCHOR_CHANGED)
    g_string_append (value, "Changed when the article's text was updated.");
  else if (state == FM_ANCHOR_ORPHANED)
    g_string_append (value, "Orphaned: not found in the current text of the article.");
  if (original != NULL)
    g_string_append_printf (value, "%sFirst marked as “%s”.", value->len > 0 ? " " : "",
                            original);

  json_builder_begin_object (builder);
  add_string (builder, "type", "TextualBody");
  add_string (builder, "purpose", "describing");
  add_string (builder, "value", value->str);
  add_string (builder, "format", "text/plain");
  add_string (builder, "factmark:anchorState", fm_anchor_state_to_string (state));
  if (original != NULL)
    add_string (builder, "factmark:originalQuote", original);
  json_builder_end_object (builder);
}

static void
add_annotation_context (JsonBuilder *builder,
                        gboolean     extended)
{
  json_builder_set_member_name (builder, "@context");
  if (!extended)
    {
      json_builder_add_string_value (builder, ANNO_CONTEXT);
      return;
    }
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, ANNO_CONTEXT);
  json_builder_begin_object (builder);
  add_string (builder, "factmark", FACTMARK_NS);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
}

static void
add_annotation (FmExportContext *ctx,
                FmExportEntry   *entry,
                JsonBuilder     *builder,
                const char      *source)
{
  FmAnnotation *a = entry->annotation;
  FmKind kind = fm_annotation_get_kind (a);
  const char *prefix = fm_annotation_get_prefix (a);
  const char *suffix = fm_annotation_get_suffix (a);
  const char *note = fm_annotation_get_note (a);

  json_builder_begin_object (builder);
  add_annotation_context (builder, has_state_body (a));
  add_urn (builder, "id", fm_annotation_get_uuid (a));
  add_string (builder, "type", "Annotation");
  add_string (builder, "motivation", kind == FM_KIND_SOURCE ? "identifying" : "assessing");
  add_time (builder, "created", fm_annotation_get_created (a));
  add_time (builder, "modified", fm_annotation_get_modified (a));

  json_builder_set_member_name (builder, "body");
  json_builder_begin_array (builder);
  add_textual_body (builder, "classifying", fm_kind_to_string (kind));
  if (kind == FM_KIND_SOURCE)
    {
      add_textual_body (builder, "identifying", fm_annotation_get_display_name (a));
      add_textual_body (builder, "tagging",
                        fm_source_type_to_string (fm_annotation_get_source_type (a)));
    }
  else
    {
      GPtrArray *evidence = fm_annotation_get_evidence (a);

      add_textual_body (builder, "assessing",
                        fm_verdict_to_string (fm_annotation_get_verdict (a)));
      if (kind == FM_KIND_FIGURE && fm_annotation_get_has_value (a))
        {
          g_autofree char *value = fm_export_format_value (fm_annotation_get_value (a));
          g_autofree char *described = NULL;

          described = fm_annotation_get_unit (a) != NULL
                      ? g_strdup_printf ("%s %s", value, fm_annotation_get_unit (a))
                      : g_steal_pointer (&value);
          add_textual_body (builder, "describing", described);
        }

      for (guint i = 0; i < evidence->len; i++)
        {
          FmEvidence *item = g_ptr_array_index (evidence, i);

          /* A SpecificResource's source must be an IRI, and a client may
           * show it as a link; evidence that is not a web address (a note
           * such as "phone call, 3 March", or a "javascript:" URL) stays
           * text. */
          if (!fm_export_is_web_url (item->url))
            {
              add_textual_body (builder, "linking", item->url);
              continue;
            }
          json_builder_begin_object (builder);
          add_string (builder, "type", "SpecificResource");
          add_string (builder, "purpose", "linking");
          add_string (builder, "source", item->url);
          if (item->note != NULL)
            add_string (builder, "label", item->note);
          json_builder_end_object (builder);
        }
    }
  if (note != NULL)
    add_textual_body (builder, "commenting", note);
  if (has_state_body (a))
    add_state_body (builder, a);
  json_builder_end_array (builder);

  json_builder_set_member_name (builder, "target");
  json_builder_begin_object (builder);
  add_string (builder, "source", source);
  json_builder_set_member_name (builder, "selector");
  json_builder_begin_array (builder);

  if (!fm_annotation_is_orphan (a))
    {
      json_builder_begin_object (builder);
      add_string (builder, "type", "TextPositionSelector");
      json_builder_set_member_name (builder, "start");
      json_builder_add_int_value (builder, fm_annotation_get_start (a));
      json_builder_set_member_name (builder, "end");
      json_builder_add_int_value (builder, fm_annotation_get_end (a));
      json_builder_end_object (builder);
    }

  json_builder_begin_object (builder);
  add_string (builder, "type", "TextQuoteSelector");
  add_string (builder, "exact", fm_annotation_get_quote (a));
  if (prefix != NULL && *prefix != '\0')
    add_string (builder, "prefix", prefix);
  if (suffix != NULL && *suffix != '\0')
    add_string (builder, "suffix", suffix);
  json_builder_end_object (builder);

  json_builder_end_array (builder);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}

static guint
add_links (FmExportContext *ctx,
           FmExportEntry   *entry,
           JsonBuilder     *builder)
{
  FmAnnotation *a = entry->annotation;
  GArray *sources = fm_annotation_get_sources (a);
  guint added = 0;

  for (guint i = 0; i < sources->len; i++)
    {
      FmExportEntry *source = fm_export_context_lookup (ctx, g_array_index (sources, gint64, i));
      g_autofree char *name = NULL;
      g_autofree char *id = NULL;

      if (source == NULL)
        continue;

      name = g_strdup_printf ("link:%s:%s", fm_annotation_get_uuid (a),
                              fm_annotation_get_uuid (source->annotation));
      id = dup_name_urn (name);

      json_builder_begin_object (builder);
      add_string (builder, "@context", ANNO_CONTEXT);
      add_string (builder, "id", id);
      add_string (builder, "type", "Annotation");
      add_string (builder, "motivation", "linking");
      /* A link has no times of its own; it was made no later than the claim
       * last changed. */
      add_time (builder, "created", fm_annotation_get_modified (a));
      add_time (builder, "modified", fm_annotation_get_modified (a));
      add_urn (builder, "body", fm_annotation_get_uuid (source->annotation));
      add_urn (builder, "target", fm_annotation_get_uuid (a));
      json_builder_end_object (builder);
      added++;
    }
  return added;
}

char *
fm_export_w3c (FmExportContext *ctx)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonBuilder) items = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *source = fm_article_dup_link_base (ctx->article);
  g_autofree char *collection_name = g_strconcat ("collection:",
                                                  fm_article_get_uuid (ctx->article), NULL);
  g_autofree char *page_name = g_strconcat ("page:", fm_article_get_uuid (ctx->article), NULL);
  g_autofree char *collection_id = dup_name_urn (collection_name);
  g_autofree char *page_id = dup_name_urn (page_name);
  g_autofree char *label = NULL;
  g_autofree char *json = NULL;
  guint total = ctx->entries->len;

  json_builder_begin_array (items);
  for (guint i = 0; i < ctx->entries->len; i++)
    add_annotation (ctx, FM_EXPORT_ENTRY (ctx, i), items, source);
  for (guint i = 0; i < ctx->entries->len; i++)
    total += add_links (ctx, FM_EXPORT_ENTRY (ctx, i), items);
  json_builder_end_array (items);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "@context");
  json_builder_begin_array (builder);
  json_builder_add_string_value (builder, ANNO_CONTEXT);
  json_builder_begin_object (builder);
  add_string (builder, "factmark", FACTMARK_NS);
  json_builder_end_object (builder);
  json_builder_end_array (builder);
  add_string (builder, "id", collection_id);
  add_string (builder, "type", "AnnotationCollection");
  label = g_strdup_printf ("Factmark: %s", fm_article_get_display_title (ctx->article));
  add_string (builder, "label", label);
  add_string (builder, "factmark:offsetUnit", "unicode-code-point");
  add_string (builder, "factmark:offsetText",
              "TextPositionSelector start and end count Unicode code points, from 0, end "
              "exclusive, in the article's canonical text: UTF-8, LF line endings, NFC.");
  if (fm_article_get_sha256 (ctx->article) != NULL)
    add_string (builder, "factmark:textSha256", fm_article_get_sha256 (ctx->article));
  json_builder_set_member_name (builder, "factmark:textLength");
  json_builder_add_int_value (builder, fm_article_get_length (ctx->article));
  json_builder_set_member_name (builder, "total");
  json_builder_add_int_value (builder, total);
  json_builder_set_member_name (builder, "first");
  json_builder_begin_object (builder);
  add_string (builder, "id", page_id);
  add_string (builder, "type", "AnnotationPage");
  add_string (builder, "partOf", collection_id);
  json_builder_set_member_name (builder, "startIndex");
  json_builder_add_int_value (builder, 0);
  json_builder_set_member_name (builder, "items");
  json_builder_add_value (builder, json_builder_get_root (items));
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json = json_generator_to_data (generator, NULL);
  return g_strconcat (json, "\n", NULL);
}
