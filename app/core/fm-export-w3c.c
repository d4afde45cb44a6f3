/* fm-export-w3c.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-export-w3c"

#include "config.h"

#include <string.h>

#include "fm-export-private.h"
#include "fm-uuid.h"
#include "fm-json-writer.h"
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
 * in properties of Factmark's namespace, as the model's extension rules
 * allow: factmark:anchorState (the state's machine name),
 * factmark:confirmed for a changed one (whether someone has read its new
 * words and confirmed it since) and factmark:originalQuote (the quote it
 * was first made on, when that differs). Such an annotation's @context adds the namespace after the
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

/* Writes the urn:uuid: of the name-based uuid for @name into @urn. One
 * checksum serves every link. */
static void
format_name_urn (GChecksum  *checksum,
                 const char *name,
                 char        urn[46])
{
  memcpy (urn, "urn:uuid:", 9);
  fm_uuid_v5_format (checksum, uuid_namespace, name, urn + 9);
}

static void
add_string (FmJsonWriter *w,
            const char   *member,
            const char   *value)
{
  fm_json_writer_member_string (w, member, value);
}

static void
add_urn (FmJsonWriter *w,
         const char   *member,
         const char   *uuid)
{
  g_autofree char *urn = g_strconcat ("urn:uuid:", uuid, NULL);

  add_string (w, member, urn);
}

static void
add_textual_body (FmJsonWriter *w,
                  const char   *purpose,
                  const char   *value)
{
  fm_json_writer_begin_object (w);
  add_string (w, "type", "TextualBody");
  add_string (w, "purpose", purpose);
  add_string (w, "value", value);
  add_string (w, "format", "text/plain");
  fm_json_writer_end_object (w);
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
add_state_body (FmJsonWriter *w,
                FmAnnotation *a)
{
  FmAnchorState state = fm_annotation_get_state (a);
  const char *original = fm_annotation_get_original_quote (a);
  g_autoptr(GString) value = g_string_new (NULL);

  /* The words are English, like the rest of this format's own text: the
   * file is data, and the machine names beside them are what programs
   * read. */
  if (state == FM_ANCHOR_CHANGED && fm_annotation_get_confirmed (a))
    g_string_append (value, "Changed when the article's text was updated; confirmed since.");
  else if (state == FM_ANCHOR_CHANGED)
    g_string_append (value, "Changed when the article's text was updated; not yet confirmed.");
  else if (state == FM_ANCHOR_ORPHANED)
    g_string_append (value, "Orphaned: not found in the current text of the article.");
  if (original != NULL)
    g_string_append_printf (value, "%sFirst marked as “%s”.", value->len > 0 ? " " : "",
                            original);

  fm_json_writer_begin_object (w);
  add_string (w, "type", "TextualBody");
  add_string (w, "purpose", "describing");
  add_string (w, "value", value->str);
  add_string (w, "format", "text/plain");
  add_string (w, "factmark:anchorState", fm_anchor_state_to_string (state));
  if (state == FM_ANCHOR_CHANGED)
    {
      fm_json_writer_member (w, "factmark:confirmed");
      fm_json_writer_boolean (w, fm_annotation_get_confirmed (a));
    }
  if (original != NULL)
    add_string (w, "factmark:originalQuote", original);
  fm_json_writer_end_object (w);
}

static void
add_annotation_context (FmJsonWriter *w,
                        gboolean      extended)
{
  fm_json_writer_member (w, "@context");
  if (!extended)
    {
      fm_json_writer_string (w, ANNO_CONTEXT);
      return;
    }
  fm_json_writer_begin_array (w);
  fm_json_writer_string (w, ANNO_CONTEXT);
  fm_json_writer_begin_object (w);
  add_string (w, "factmark", FACTMARK_NS);
  fm_json_writer_end_object (w);
  fm_json_writer_end_array (w);
}

static void
add_evidence (FmJsonWriter *w,
              FmAnnotation *a)
{
  GPtrArray *evidence = fm_annotation_get_evidence (a);

  for (guint i = 0; i < evidence->len; i++)
    {
      FmEvidence *item = g_ptr_array_index (evidence, i);

      /* A SpecificResource's source must be an IRI, and a client may show
       * it as a link; evidence that is not a web address (a note such as
       * "phone call, 3 March", or a "javascript:" URL) stays text. */
      if (!fm_export_is_web_url (item->url))
        {
          add_textual_body (w, "linking", item->url);
          continue;
        }
      fm_json_writer_begin_object (w);
      add_string (w, "type", "SpecificResource");
      add_string (w, "purpose", "linking");
      add_string (w, "source", item->url);
      if (item->note != NULL)
        add_string (w, "label", item->note);
      fm_json_writer_end_object (w);
    }
}

static void
add_bodies (FmJsonWriter *w,
            FmAnnotation *a)
{
  FmKind kind = fm_annotation_get_kind (a);
  const char *note = fm_annotation_get_note (a);

  fm_json_writer_member (w, "body");
  fm_json_writer_begin_array (w);
  add_textual_body (w, "classifying", fm_kind_to_string (kind));
  if (kind == FM_KIND_SOURCE)
    {
      add_textual_body (w, "identifying", fm_annotation_get_display_name (a));
      add_textual_body (w, "tagging", fm_source_type_to_string (fm_annotation_get_source_type (a)));
    }
  else
    {
      add_textual_body (w, "assessing", fm_verdict_to_string (fm_annotation_get_verdict (a)));
      if (kind == FM_KIND_FIGURE && fm_annotation_get_has_value (a))
        {
          g_autofree char *value = fm_export_format_value (fm_annotation_get_value (a));
          g_autofree char *described = NULL;

          described = fm_annotation_get_unit (a) != NULL
                      ? g_strdup_printf ("%s %s", value, fm_annotation_get_unit (a))
                      : g_steal_pointer (&value);
          add_textual_body (w, "describing", described);
        }
      add_evidence (w, a);
    }
  if (note != NULL)
    add_textual_body (w, "commenting", note);
  if (has_state_body (a))
    add_state_body (w, a);
  fm_json_writer_end_array (w);
}

static void
add_target (FmJsonWriter *w,
            FmAnnotation *a,
            const char   *source)
{
  const char *prefix = fm_annotation_get_prefix (a);
  const char *suffix = fm_annotation_get_suffix (a);

  fm_json_writer_member (w, "target");
  fm_json_writer_begin_object (w);
  add_string (w, "source", source);
  fm_json_writer_member (w, "selector");
  fm_json_writer_begin_array (w);

  if (!fm_annotation_is_orphan (a))
    {
      fm_json_writer_begin_object (w);
      add_string (w, "type", "TextPositionSelector");
      fm_json_writer_member_int (w, "start", fm_annotation_get_start (a));
      fm_json_writer_member_int (w, "end", fm_annotation_get_end (a));
      fm_json_writer_end_object (w);
    }

  fm_json_writer_begin_object (w);
  add_string (w, "type", "TextQuoteSelector");
  add_string (w, "exact", fm_annotation_get_quote (a));
  if (prefix != NULL && *prefix != '\0')
    add_string (w, "prefix", prefix);
  if (suffix != NULL && *suffix != '\0')
    add_string (w, "suffix", suffix);
  fm_json_writer_end_object (w);

  fm_json_writer_end_array (w);
  fm_json_writer_end_object (w);
}

static void
add_annotation (FmJsonWriter  *w,
                FmExportEntry *entry,
                const char    *source)
{
  FmAnnotation *a = entry->annotation;
  FmKind kind = fm_annotation_get_kind (a);

  fm_json_writer_begin_object (w);
  add_annotation_context (w, has_state_body (a));
  add_urn (w, "id", fm_annotation_get_uuid (a));
  add_string (w, "type", "Annotation");
  add_string (w, "motivation", kind == FM_KIND_SOURCE ? "identifying" : "assessing");
  fm_json_writer_member_time (w, "created", fm_annotation_get_created (a));
  fm_json_writer_member_time (w, "modified", fm_annotation_get_modified (a));
  add_bodies (w, a);
  add_target (w, a, source);
  fm_json_writer_end_object (w);
}

/* Writes the linking annotations of @entry, or with @w %NULL only counts
 * them. */
static guint
add_links (FmExportContext *ctx,
           FmExportEntry   *entry,
           FmJsonWriter    *w,
           GChecksum       *checksum)
{
  FmAnnotation *a = entry->annotation;
  GArray *sources = fm_annotation_get_sources (a);
  guint added = 0;

  for (guint i = 0; i < sources->len; i++)
    {
      FmExportEntry *source = fm_export_context_lookup (ctx, g_array_index (sources, gint64, i));
      g_autofree char *name = NULL;
      char id[46];

      if (source == NULL)
        continue;
      added++;
      if (w == NULL)
        continue;

      name = g_strconcat ("link:", fm_annotation_get_uuid (a), ":",
                          fm_annotation_get_uuid (source->annotation), NULL);
      format_name_urn (checksum, name, id);

      fm_json_writer_begin_object (w);
      add_string (w, "@context", ANNO_CONTEXT);
      add_string (w, "id", id);
      add_string (w, "type", "Annotation");
      add_string (w, "motivation", "linking");
      /* A link has no times of its own; it was made no later than the claim
       * last changed. */
      fm_json_writer_member_time (w, "created", fm_annotation_get_modified (a));
      fm_json_writer_member_time (w, "modified", fm_annotation_get_modified (a));
      add_urn (w, "body", fm_annotation_get_uuid (source->annotation));
      add_urn (w, "target", fm_annotation_get_uuid (a));
      fm_json_writer_end_object (w);
    }
  return added;
}

static void
add_collection_head (FmExportContext *ctx,
                     FmJsonWriter    *w,
                     const char      *collection_id,
                     guint            total)
{
  g_autofree char *label = NULL;

  fm_json_writer_member (w, "@context");
  fm_json_writer_begin_array (w);
  fm_json_writer_string (w, ANNO_CONTEXT);
  fm_json_writer_begin_object (w);
  add_string (w, "factmark", FACTMARK_NS);
  fm_json_writer_end_object (w);
  fm_json_writer_end_array (w);
  add_string (w, "id", collection_id);
  add_string (w, "type", "AnnotationCollection");
  label = g_strconcat ("Factmark: ", fm_article_get_display_title (ctx->article), NULL);
  add_string (w, "label", label);
  add_string (w, "factmark:offsetUnit", "unicode-code-point");
  add_string (w, "factmark:offsetText",
              "TextPositionSelector start and end count Unicode code points, from 0, end "
              "exclusive, in the article's canonical text: UTF-8, LF line endings, NFC.");
  if (fm_article_get_sha256 (ctx->article) != NULL)
    add_string (w, "factmark:textSha256", fm_article_get_sha256 (ctx->article));
  fm_json_writer_member_int (w, "factmark:textLength", fm_article_get_length (ctx->article));
  fm_json_writer_member_int (w, "total", total);
}

gboolean
fm_export_w3c (FmExportContext  *ctx,
               GString          *out,
               GError          **error)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  g_autofree char *collection_name = g_strconcat ("collection:",
                                                  fm_article_get_uuid (ctx->article), NULL);
  g_autofree char *page_name = g_strconcat ("page:", fm_article_get_uuid (ctx->article), NULL);
  char collection_id[46];
  char page_id[46];
  guint total = ctx->entries->len;
  FmJsonWriter w;

  format_name_urn (checksum, collection_name, collection_id);
  format_name_urn (checksum, page_name, page_id);
  /* The count comes before the items, so the links are counted first. */
  for (guint i = 0; i < ctx->entries->len; i++)
    total += add_links (ctx, FM_EXPORT_ENTRY (ctx, i), NULL, NULL);

  fm_json_writer_init (&w, out, 2, FM_JSON_WRITER_FLAGS_NONE);
  fm_json_writer_begin_object (&w);
  add_collection_head (ctx, &w, collection_id, total);

  fm_json_writer_member (&w, "first");
  fm_json_writer_begin_object (&w);
  add_string (&w, "id", page_id);
  add_string (&w, "type", "AnnotationPage");
  add_string (&w, "partOf", collection_id);
  fm_json_writer_member_int (&w, "startIndex", 0);
  fm_json_writer_member (&w, "items");
  fm_json_writer_begin_array (&w);
  for (guint i = 0; i < ctx->entries->len; i++)
    add_annotation (&w, FM_EXPORT_ENTRY (ctx, i), ctx->link_base);
  for (guint i = 0; i < ctx->entries->len; i++)
    add_links (ctx, FM_EXPORT_ENTRY (ctx, i), &w, checksum);
  fm_json_writer_end_array (&w);
  fm_json_writer_end_object (&w);

  fm_json_writer_end_object (&w);
  g_assert (fm_json_writer_is_complete (&w));
  g_string_append_c (out, '\n');
  return TRUE;
}
