/* fm-export-claimreview.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-export-claimreview"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <string.h>

#include "fm-export-private.h"
#include "fm-text.h"
#include "fm-types.h"

/* schema.org ClaimReview markup, a JSON array with one ClaimReview per claim
 * that has a verdict other than "unverified", for a fact-check page to carry
 * in a <script type="application/ld+json"> element. Figures are not
 * included: schema.org reviews claims, and a figure's check is part of the
 * claim that quotes it.
 *
 * The rating scale: reviewRating has worstRating 1 and bestRating 5, and
 *
 *   true 5 · mostly true 4 · misleading 2 · false 1
 *
 * with 3 left for a "half true" Factmark does not have. "Unproven" and
 * "opinion" say that the claim could not be or cannot be checked, so they
 * are not a point on that scale: their rating has no ratingValue, only the
 * verdict in words in alternateName, as with every verdict.
 *
 * The review's author is the organisation from the options, its url the
 * base URL from the options followed by the claim's uuid, and its
 * datePublished the day the claim was last changed. The reviewed claim's
 * author is the source it is attributed to (a Person for a person or an
 * anonymous source, else an Organization), its datePublished the article's,
 * and its appearance the article's URL with the claim's #char= fragment.
 *
 * A claim orphaned by an update of the article's text is still reviewed:
 * the article did make it, in the version the verdict was given on, and a
 * claim a newsroom quietly removed is one readers most need the check of.
 * Its appearance is the article's URL without a fragment, since the claim
 * has no place in the current text to point at. A changed claim is
 * reviewed on its current words, which its fragment points at. */

/* Code points of claimReviewed at most: search engines show it on one or two
 * lines, so a long quote is cut at a word and ends with an ellipsis. */
#define MAX_CLAIM_REVIEWED 150

static int
rating_value (FmVerdict verdict)
{
  switch (verdict)
    {
    case FM_VERDICT_TRUE: return 5;
    case FM_VERDICT_MOSTLY_TRUE: return 4;
    case FM_VERDICT_MISLEADING: return 2;
    case FM_VERDICT_FALSE: return 1;
    case FM_VERDICT_UNVERIFIED:
    case FM_VERDICT_UNPROVEN:
    case FM_VERDICT_OPINION:
    default:
      return 0;
    }
}

static char *
shorten_claim (const char *quote)
{
  g_autoptr(GString) flat = g_string_new (NULL);
  const char *cut;
  const char *space = NULL;
  glong n = 0;

  /* One line: runs of white space, line breaks included, become one space. */
  for (const char *p = quote; *p != '\0'; p = g_utf8_next_char (p))
    {
      if (g_unichar_isspace (g_utf8_get_char (p)))
        {
          if (flat->len > 0 && flat->str[flat->len - 1] != ' ')
            g_string_append_c (flat, ' ');
        }
      else
        g_string_append_len (flat, p, g_utf8_next_char (p) - p);
    }
  while (flat->len > 0 && flat->str[flat->len - 1] == ' ')
    g_string_truncate (flat, flat->len - 1);

  if (g_utf8_strlen (flat->str, -1) <= MAX_CLAIM_REVIEWED)
    return g_string_free (g_steal_pointer (&flat), FALSE);

  /* Keep room for the ellipsis, and cut at the last space in the second
   * half, so a word is never split unless it is very long. */
  cut = flat->str;
  for (n = 0; n < MAX_CLAIM_REVIEWED - 1; n++, cut = g_utf8_next_char (cut))
    if (*cut == ' ' && n >= MAX_CLAIM_REVIEWED / 2)
      space = cut;
  if (space != NULL)
    cut = space;
  while (cut > flat->str && strchr (" ,;:", cut[-1]) != NULL)
    cut--;
  g_string_truncate (flat, cut - flat->str);
  g_string_append (flat, "…");
  return g_string_free (g_steal_pointer (&flat), FALSE);
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
add_author (JsonBuilder  *builder,
            FmAnnotation *source)
{
  FmSourceType type = fm_annotation_get_source_type (source);
  gboolean person = type == FM_SOURCE_TYPE_PERSON || type == FM_SOURCE_TYPE_ANONYMOUS;

  json_builder_begin_object (builder);
  add_string (builder, "@type", person ? "Person" : "Organization");
  add_string (builder, "name", fm_annotation_get_display_name (source));
  json_builder_end_object (builder);
}

static void
add_review (FmExportContext *ctx,
            FmExportEntry   *entry,
            JsonBuilder     *builder,
            const char      *organization,
            const char      *base_url)
{
  FmAnnotation *a = entry->annotation;
  FmArticle *article = ctx->article;
  FmVerdict verdict = fm_annotation_get_verdict (a);
  GArray *sources = fm_annotation_get_sources (a);
  g_autoptr(GPtrArray) authors = g_ptr_array_new ();
  g_autoptr(GDateTime) modified = NULL;
  g_autofree char *url = NULL;
  g_autofree char *appearance = NULL;
  g_autofree char *date = NULL;
  g_autofree char *claim = shorten_claim (fm_annotation_get_quote (a));
  int value = rating_value (verdict);

  url = g_strconcat (base_url, g_str_has_suffix (base_url, "/") ? "" : "/",
                     fm_annotation_get_uuid (a), NULL);
  appearance = fm_annotation_is_orphan (a) ? fm_article_dup_link_base (article)
                                           : g_strdup (entry->link);
  modified = g_date_time_new_from_unix_utc (fm_annotation_get_modified (a) / G_USEC_PER_SEC);
  date = modified != NULL ? g_date_time_format (modified, "%Y-%m-%d") : NULL;

  for (guint i = 0; i < sources->len; i++)
    {
      FmExportEntry *source = fm_export_context_lookup (ctx, g_array_index (sources, gint64, i));

      if (source != NULL)
        g_ptr_array_add (authors, source->annotation);
    }

  json_builder_begin_object (builder);
  add_string (builder, "@context", "https://schema.org");
  add_string (builder, "@type", "ClaimReview");
  add_string (builder, "url", url);
  if (date != NULL)
    add_string (builder, "datePublished", date);
  json_builder_set_member_name (builder, "author");
  json_builder_begin_object (builder);
  add_string (builder, "@type", "Organization");
  add_string (builder, "name", organization);
  json_builder_end_object (builder);
  add_string (builder, "claimReviewed", claim);

  json_builder_set_member_name (builder, "reviewRating");
  json_builder_begin_object (builder);
  add_string (builder, "@type", "Rating");
  if (value > 0)
    {
      json_builder_set_member_name (builder, "ratingValue");
      json_builder_add_int_value (builder, value);
    }
  json_builder_set_member_name (builder, "bestRating");
  json_builder_add_int_value (builder, 5);
  json_builder_set_member_name (builder, "worstRating");
  json_builder_add_int_value (builder, 1);
  add_string (builder, "alternateName", fm_verdict_to_label (verdict));
  json_builder_end_object (builder);

  json_builder_set_member_name (builder, "itemReviewed");
  json_builder_begin_object (builder);
  add_string (builder, "@type", "Claim");
  if (authors->len == 1)
    {
      json_builder_set_member_name (builder, "author");
      add_author (builder, g_ptr_array_index (authors, 0));
    }
  else if (authors->len > 1)
    {
      json_builder_set_member_name (builder, "author");
      json_builder_begin_array (builder);
      for (guint i = 0; i < authors->len; i++)
        add_author (builder, g_ptr_array_index (authors, i));
      json_builder_end_array (builder);
    }
  if (fm_article_get_published (article) != NULL)
    add_string (builder, "datePublished", fm_article_get_published (article));
  json_builder_set_member_name (builder, "appearance");
  json_builder_begin_object (builder);
  add_string (builder, "@type", "CreativeWork");
  add_string (builder, "url", appearance);
  if (fm_article_get_title (article) != NULL)
    add_string (builder, "headline", fm_article_get_title (article));
  if (fm_article_get_outlet (article) != NULL)
    {
      json_builder_set_member_name (builder, "publisher");
      json_builder_begin_object (builder);
      add_string (builder, "@type", "Organization");
      add_string (builder, "name", fm_article_get_outlet (article));
      json_builder_end_object (builder);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  json_builder_end_object (builder);
}

char *
fm_export_claimreview (FmExportContext  *ctx,
                       GError          **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GString) out = NULL;
  g_autofree char *json = NULL;
  g_autofree char *organization = NULL;
  const char *base_url = ctx->options->base_url;

  organization = g_strstrip (g_strdup (ctx->options->organization != NULL
                                       ? ctx->options->organization : ""));
  if (*organization == '\0')
    {
      g_free (organization);
      organization = g_strdup (FM_EXPORT_DEFAULT_ORGANIZATION);
    }
  if (base_url == NULL || *base_url == '\0')
    base_url = FM_EXPORT_DEFAULT_BASE_URL;

  /* The review's url is what a search engine shows and follows. */
  if (!fm_export_is_web_url (base_url) || strchr (base_url, '#') != NULL)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The fact-check base URL “%s” is not an http or https address "
                     "without a fragment"), base_url);
      return NULL;
    }

  json_builder_begin_array (builder);
  for (guint i = 0; i < ctx->entries->len; i++)
    {
      FmExportEntry *entry = FM_EXPORT_ENTRY (ctx, i);

      if (fm_annotation_get_kind (entry->annotation) == FM_KIND_CLAIM
          && fm_annotation_get_verdict (entry->annotation) != FM_VERDICT_UNVERIFIED)
        add_review (ctx, entry, builder, organization, base_url);
    }
  json_builder_end_array (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  json = json_generator_to_data (generator, NULL);

  /* The markup is meant to be pasted into a <script> element, which a quote
   * holding "</script>" would end early. Outside strings JSON has no "<",
   * ">" or "&", so escaping every one keeps the same JSON and no markup. */
  out = g_string_sized_new (strlen (json) + 1);
  for (const char *p = json; *p != '\0'; p++)
    {
      if (*p == '<')
        g_string_append (out, "\\u003c");
      else if (*p == '>')
        g_string_append (out, "\\u003e");
      else if (*p == '&')
        g_string_append (out, "\\u0026");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\n');
  return g_string_free (g_steal_pointer (&out), FALSE);
}
