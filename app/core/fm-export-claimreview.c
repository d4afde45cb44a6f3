/* fm-export-claimreview.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-export-claimreview"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fm-export-private.h"
#include "fm-json-writer.h"
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
add_string (FmJsonWriter *w,
            const char   *member,
            const char   *value)
{
  fm_json_writer_member_string (w, member, value);
}

static void
add_author (FmJsonWriter *w,
            FmAnnotation *source)
{
  FmSourceType type = fm_annotation_get_source_type (source);
  gboolean person = type == FM_SOURCE_TYPE_PERSON || type == FM_SOURCE_TYPE_ANONYMOUS;

  fm_json_writer_begin_object (w);
  add_string (w, "@type", person ? "Person" : "Organization");
  add_string (w, "name", fm_annotation_get_display_name (source));
  fm_json_writer_end_object (w);
}

static void
add_rating (FmJsonWriter *w,
            FmVerdict     verdict)
{
  int value = rating_value (verdict);

  fm_json_writer_member (w, "reviewRating");
  fm_json_writer_begin_object (w);
  add_string (w, "@type", "Rating");
  if (value > 0)
    fm_json_writer_member_int (w, "ratingValue", value);
  fm_json_writer_member_int (w, "bestRating", 5);
  fm_json_writer_member_int (w, "worstRating", 1);
  add_string (w, "alternateName", fm_verdict_to_label (verdict));
  fm_json_writer_end_object (w);
}

static void
add_appearance (FmJsonWriter *w,
                FmArticle    *article,
                const char   *url)
{
  fm_json_writer_member (w, "appearance");
  fm_json_writer_begin_object (w);
  add_string (w, "@type", "CreativeWork");
  add_string (w, "url", url);
  if (fm_article_get_title (article) != NULL)
    add_string (w, "headline", fm_article_get_title (article));
  if (fm_article_get_outlet (article) != NULL)
    {
      fm_json_writer_member (w, "publisher");
      fm_json_writer_begin_object (w);
      add_string (w, "@type", "Organization");
      add_string (w, "name", fm_article_get_outlet (article));
      fm_json_writer_end_object (w);
    }
  fm_json_writer_end_object (w);
}

static void
add_item_reviewed (FmJsonWriter *w,
                   FmArticle    *article,
                   const char   *appearance,
                   GPtrArray    *authors)
{
  fm_json_writer_member (w, "itemReviewed");
  fm_json_writer_begin_object (w);
  add_string (w, "@type", "Claim");
  if (authors != NULL && authors->len == 1)
    {
      fm_json_writer_member (w, "author");
      add_author (w, g_ptr_array_index (authors, 0));
    }
  else if (authors != NULL && authors->len > 1)
    {
      fm_json_writer_member (w, "author");
      fm_json_writer_begin_array (w);
      for (guint i = 0; i < authors->len; i++)
        add_author (w, g_ptr_array_index (authors, i));
      fm_json_writer_end_array (w);
    }
  if (fm_article_get_published (article) != NULL)
    add_string (w, "datePublished", fm_article_get_published (article));
  add_appearance (w, article, appearance);
  fm_json_writer_end_object (w);
}

/**
 * fm_claimreview_write_review:
 * @claim: a checked claim (fm_claimreview_is_checked())
 * @article: the article it is in
 * @appearance: where it appears: the link to its span, or the article's
 *   link base for an orphan, which has no place in the text
 * @authors: (element-type FmAnnotation) (nullable): the sources it is
 *   attributed to
 * @organization: the review's author, as fm_claimreview_check_options()
 *   gives it
 * @base_url: the base of the review's url, likewise
 *
 * Writes one ClaimReview object: the per-article export and the library's
 * feed write the same review for the same claim.
 */
void
fm_claimreview_write_review (FmJsonWriter *w,
                             FmAnnotation *claim,
                             FmArticle    *article,
                             const char   *appearance,
                             GPtrArray    *authors,
                             const char   *organization,
                             const char   *base_url)
{
  g_autoptr(GDateTime) modified = NULL;
  g_autofree char *url = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = shorten_claim (fm_annotation_get_quote (claim));

  url = g_strconcat (base_url, g_str_has_suffix (base_url, "/") ? "" : "/",
                     fm_annotation_get_uuid (claim), NULL);
  modified = g_date_time_new_from_unix_utc (fm_annotation_get_modified (claim) / G_USEC_PER_SEC);
  date = modified != NULL ? g_date_time_format (modified, "%Y-%m-%d") : NULL;

  fm_json_writer_begin_object (w);
  add_string (w, "@context", "https://schema.org");
  add_string (w, "@type", "ClaimReview");
  add_string (w, "url", url);
  if (date != NULL)
    add_string (w, "datePublished", date);
  fm_json_writer_member (w, "author");
  fm_json_writer_begin_object (w);
  add_string (w, "@type", "Organization");
  add_string (w, "name", organization);
  fm_json_writer_end_object (w);
  add_string (w, "claimReviewed", text);
  add_rating (w, fm_annotation_get_verdict (claim));
  add_item_reviewed (w, article, appearance, authors);
  fm_json_writer_end_object (w);
}

/* Only a claim someone has judged is reviewed. */
gboolean
fm_claimreview_is_checked (FmAnnotation *annotation)
{
  return fm_annotation_get_kind (annotation) == FM_KIND_CLAIM
         && fm_annotation_get_verdict (annotation) != FM_VERDICT_UNVERIFIED;
}

/**
 * fm_claimreview_check_options:
 * @organization: (out): the review's author: the option's, trimmed, or the
 *   default when it is empty
 * @base_url: (out): the option's base URL, or the default
 *
 * Returns: %FALSE with @error set when the base URL is not an http or https
 *   address without a fragment
 */
gboolean
fm_claimreview_check_options (const FmExportOptions  *options,
                              char                  **organization,
                              const char            **base_url,
                              GError                **error)
{
  g_autofree char *name = NULL;
  const char *url = options != NULL ? options->base_url : NULL;

  name = g_strstrip (g_strdup (options != NULL && options->organization != NULL
                               ? options->organization : ""));
  if (*name == '\0')
    {
      g_free (name);
      name = g_strdup (FM_EXPORT_DEFAULT_ORGANIZATION);
    }
  if (url == NULL || *url == '\0')
    url = FM_EXPORT_DEFAULT_BASE_URL;

  /* The review's url is what a search engine shows and follows. */
  if (!fm_export_is_web_url (url) || strchr (url, '#') != NULL)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The fact-check base URL “%s” is not an http or https address "
                     "without a fragment"), url);
      return FALSE;
    }
  *organization = g_steal_pointer (&name);
  *base_url = url;
  return TRUE;
}

static GPtrArray *
entry_authors (FmExportContext *ctx,
               FmExportEntry   *entry)
{
  GArray *sources = fm_annotation_get_sources (entry->annotation);
  GPtrArray *authors = g_ptr_array_new ();

  for (guint i = 0; i < sources->len; i++)
    {
      FmExportEntry *source = fm_export_context_lookup (ctx, g_array_index (sources, gint64, i));

      if (source != NULL)
        g_ptr_array_add (authors, source->annotation);
    }
  return authors;
}

gboolean
fm_export_claimreview (FmExportContext  *ctx,
                       GString          *out,
                       GError          **error)
{
  g_autofree char *organization = NULL;
  const char *base_url;
  FmJsonWriter w;

  if (!fm_claimreview_check_options (ctx->options, &organization, &base_url, error))
    return FALSE;

  /* The markup is meant to be pasted into a <script> element, which a quote
   * holding "</script>" would end early: every "<", ">" and "&" in a string
   * is escaped, and JSON has none outside strings. */
  fm_json_writer_init (&w, out, 2, FM_JSON_WRITER_ESCAPE_HTML);
  fm_json_writer_begin_array (&w);
  for (guint i = 0; i < ctx->entries->len; i++)
    {
      FmExportEntry *entry = FM_EXPORT_ENTRY (ctx, i);
      g_autoptr(GPtrArray) authors = NULL;

      if (!fm_claimreview_is_checked (entry->annotation))
        continue;
      authors = entry_authors (ctx, entry);
      /* An orphan has no place in the current text to point at. */
      fm_claimreview_write_review (&w, entry->annotation, ctx->article,
                                   fm_annotation_is_orphan (entry->annotation)
                                   ? ctx->link_base : entry->link,
                                   authors, organization, base_url);
    }
  fm_json_writer_end_array (&w);
  g_assert (fm_json_writer_is_complete (&w));
  g_string_append_c (out, '\n');
  return TRUE;
}
