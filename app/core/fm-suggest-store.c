/* fm-suggest-store.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-suggest"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fm-store.h"
#include "fm-suggest.h"
#include "fm-text.h"

/* Suggestions against the library: which are already annotations, which
 * the user rejected (which the store keeps by kind, text and a
 * little context), and accepting them as annotations in one transaction. */

/* What a rejection remembers: a source by its entity's name alone, since
 * its mentions come and go; a figure or claim by its words and the words
 * around it, so that the same words elsewhere are still suggested. */
static void
rejection_key (const char         *text,
               const FmSuggestion *s,
               const char        **key,
               char              **prefix,
               char              **suffix)
{
  if (s->kind == FM_KIND_SOURCE)
    {
      *key = s->name ? s->name : s->text;
      *prefix = g_strdup ("");
      *suffix = g_strdup ("");
      return;
    }
  *key = s->text;
  fm_text_context (text, s->start, s->end, prefix, suffix);
}

static gboolean
matches_rejection (const char         *text,
                   const FmSuggestion *s,
                   GPtrArray          *rejections)
{
  const char *key = s->kind == FM_KIND_SOURCE && s->name ? s->name : s->text;
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;

  for (guint i = 0; i < rejections->len; i++)
    {
      FmRejection *r = g_ptr_array_index (rejections, i);

      if (r->kind != s->kind || !g_str_equal (r->text, key))
        continue;
      if (prefix == NULL)
        rejection_key (text, s, &key, &prefix, &suffix);
      /* An edit on one side of it leaves the other to recognise it by. */
      if (g_str_equal (r->prefix, prefix) || g_str_equal (r->suffix, suffix))
        return TRUE;
    }
  return FALSE;
}

/* The article's annotations as fm_suggest_filter() asks of them: for each
 * kind, the spans sorted by start, each with the furthest end reached by
 * it or any before it. A span overlaps one of them exactly when, among
 * those that start before its end, the furthest end passes its start; so
 * each suggestion costs a binary search, not a pass over every annotation
 * (10,000 of them made opening a large article wait on this). */
typedef struct
{
  glong start;
  glong reach;
} Reach;

struct _FmAnnotatedIndex
{
  GArray     *reaches[FM_N_KINDS];
  GHashTable *source_names;
};

static int
compare_reach (gconstpointer a,
               gconstpointer b)
{
  const Reach *ra = a, *rb = b;

  return (ra->start > rb->start) - (ra->start < rb->start);
}

static void
annotated_index_init (FmAnnotatedIndex *index,
                      GPtrArray      *annotations)
{
  for (guint k = 0; k < FM_N_KINDS; k++)
    index->reaches[k] = g_array_new (FALSE, FALSE, sizeof (Reach));
  index->source_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < annotations->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (annotations, i);
      Reach r = { fm_annotation_get_start (a), fm_annotation_get_end (a) };

      if (fm_annotation_is_orphan (a))
        continue;
      g_array_append_val (index->reaches[fm_annotation_get_kind (a)], r);
      if (fm_annotation_get_kind (a) == FM_KIND_SOURCE && fm_annotation_get_name (a))
        g_hash_table_add (index->source_names, g_utf8_collate_key (fm_annotation_get_name (a), -1));
    }
  for (guint k = 0; k < FM_N_KINDS; k++)
    {
      GArray *reaches = index->reaches[k];

      g_array_sort (reaches, compare_reach);
      for (guint i = 1; i < reaches->len; i++)
        g_array_index (reaches, Reach, i).reach = MAX (g_array_index (reaches, Reach, i).reach,
                                                       g_array_index (reaches, Reach, i - 1).reach);
    }
}

static void
annotated_index_clear (FmAnnotatedIndex *index)
{
  for (guint k = 0; k < FM_N_KINDS; k++)
    g_clear_pointer (&index->reaches[k], g_array_unref);
  g_clear_pointer (&index->source_names, g_hash_table_unref);
}

static gboolean
annotated_index_overlaps (FmAnnotatedIndex *index,
                          FmKind          kind,
                          glong           start,
                          glong           end)
{
  GArray *reaches = index->reaches[kind];
  guint lo = 0, hi = reaches->len;

  /* Count the spans that start before @end. */
  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (reaches, Reach, mid).start < end)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo > 0 && g_array_index (reaches, Reach, lo - 1).reach > start;
}

/* Whether an annotation of the suggestion's kind overlaps it, or, for a
 * source, one of its mentions or shares its name. */
static gboolean
annotated_index_covers (FmAnnotatedIndex   *index,
                        const FmSuggestion *s)
{
  if (annotated_index_overlaps (index, s->kind, s->start, s->end))
    return TRUE;
  if (s->kind != FM_KIND_SOURCE)
    return FALSE;
  /* A collation key costs more than the rest of the check; with no named
   * source to match, as for a new claim, it is not needed. */
  if (s->name != NULL && g_hash_table_size (index->source_names) > 0)
    {
      g_autofree char *key = g_utf8_collate_key (s->name, -1);

      if (g_hash_table_contains (index->source_names, key))
        return TRUE;
    }
  for (guint m = 0; s->mentions && m < s->mentions->len; m++)
    {
      FmSuggestSpan *span = &g_array_index (s->mentions, FmSuggestSpan, m);

      if (annotated_index_overlaps (index, s->kind, span->start, span->end))
        return TRUE;
    }
  return FALSE;
}

/**
 * fm_annotated_index_new:
 * @annotations: (element-type FmAnnotation): an article's annotations
 *
 * Indexes @annotations once, for asking of many suggestions whether they
 * are annotated: fm_suggest_filter() asks through the same index, so the
 * two always agree.
 */
FmAnnotatedIndex *
fm_annotated_index_new (GPtrArray *annotations)
{
  FmAnnotatedIndex *index;

  g_return_val_if_fail (annotations != NULL, NULL);

  index = g_new0 (FmAnnotatedIndex, 1);
  annotated_index_init (index, annotations);
  return index;
}

/**
 * fm_annotated_index_covers:
 *
 * Whether an annotation of the suggestion's kind overlaps its span (for a
 * source: any of its mentions, or a source of the same name).
 */
gboolean
fm_annotated_index_covers (FmAnnotatedIndex   *index,
                           const FmSuggestion *suggestion)
{
  g_return_val_if_fail (index != NULL, FALSE);
  g_return_val_if_fail (suggestion != NULL, FALSE);

  return annotated_index_covers (index, suggestion);
}

void
fm_annotated_index_free (FmAnnotatedIndex *index)
{
  if (index == NULL)
    return;
  annotated_index_clear (index);
  g_free (index);
}

/**
 * fm_suggest_article:
 * @kinds: a mask of FM_SUGGEST_KIND_BIT()
 *
 * Returns: (transfer full) (element-type FmSuggestion): the suggestions for
 *   the article that are neither annotations yet nor rejected, or %NULL
 *   with @error set
 */
GPtrArray *
fm_suggest_article (FmStore    *store,
                    FmArticle  *article,
                    guint       kinds,
                    GError    **error)
{
  g_autoptr(GPtrArray) all = NULL;

  g_return_val_if_fail (FM_IS_STORE (store), NULL);
  g_return_val_if_fail (FM_IS_ARTICLE (article), NULL);

  all = fm_suggest_text (fm_article_get_text (article), kinds);
  if (!fm_suggest_filter (store, article, all, error))
    return NULL;
  return g_steal_pointer (&all);
}

/**
 * fm_suggest_filter:
 * @suggestions: (element-type FmSuggestion): what fm_suggest_text() found
 *   in the article's text
 *
 * Removes from @suggestions, in place, those already annotated and those
 * the user rejected, reading the article's annotations from the store.
 */
gboolean
fm_suggest_filter (FmStore    *store,
                   FmArticle  *article,
                   GPtrArray  *suggestions,
                   GError    **error)
{
  g_autoptr(GPtrArray) annotations = NULL;

  g_return_val_if_fail (FM_IS_STORE (store), FALSE);
  g_return_val_if_fail (FM_IS_ARTICLE (article), FALSE);

  if (!(annotations = fm_store_list_annotations (store, fm_article_get_id (article), error)))
    return FALSE;
  return fm_suggest_filter_against (store, article, annotations, suggestions, error);
}

/**
 * fm_suggest_filter_against:
 * @annotations: (element-type FmAnnotation): the article's annotations, as
 *   an open document holds them
 * @suggestions: (element-type FmSuggestion): what fm_suggest_text() found
 *
 * Like fm_suggest_filter(), against annotations the caller already has.
 * The window finds suggestions in a thread, which must not touch the
 * store, and filters them here once back; reading 50,000 annotations
 * again for it stalled the window for a third of a second.
 */
gboolean
fm_suggest_filter_against (FmStore    *store,
                           FmArticle  *article,
                           GPtrArray  *annotations,
                           GPtrArray  *suggestions,
                           GError    **error)
{
  g_autoptr(GPtrArray) rejections = NULL;
  FmAnnotatedIndex index;
  const char *text;
  guint kept = 0;

  g_return_val_if_fail (FM_IS_STORE (store), FALSE);
  g_return_val_if_fail (FM_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (annotations != NULL, FALSE);
  g_return_val_if_fail (suggestions != NULL, FALSE);

  if (!(rejections = fm_store_list_rejections (store, fm_article_get_id (article), error)))
    return FALSE;
  text = fm_article_get_text (article);
  annotated_index_init (&index, annotations);
  for (guint i = 0; i < suggestions->len; i++)
    {
      FmSuggestion *s = g_ptr_array_index (suggestions, i);

      if (annotated_index_covers (&index, s) || matches_rejection (text, s, rejections))
        fm_suggestion_free (s);
      else
        suggestions->pdata[kept++] = s;
    }
  annotated_index_clear (&index);
  /* The dropped ones are freed above; shrink without freeing again. */
  g_ptr_array_set_free_func (suggestions, NULL);
  g_ptr_array_set_size (suggestions, kept);
  g_ptr_array_set_free_func (suggestions, (GDestroyNotify) fm_suggestion_free);
  return TRUE;
}

gboolean
fm_suggest_reject (FmStore             *store,
                   FmArticle           *article,
                   const FmSuggestion  *suggestion,
                   GError             **error)
{
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  const char *key;

  g_return_val_if_fail (FM_IS_STORE (store), FALSE);
  g_return_val_if_fail (FM_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (suggestion != NULL, FALSE);

  if (fm_store_get_read_only (store))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("This is a read-only copy of a library that could not be opened; "
                     "changes cannot be saved in it"));
      return FALSE;
    }
  if (suggestion->start < 0 || suggestion->end > fm_article_get_length (article)
      || suggestion->start > suggestion->end || suggestion->text == NULL)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID, _("The suggestion is not in this article"));
      return FALSE;
    }
  rejection_key (fm_article_get_text (article), suggestion, &key, &prefix, &suffix);
  return fm_store_add_rejection (store, fm_article_get_id (article), suggestion->kind, key,
                                 prefix, suffix, error);
}

gboolean
fm_suggest_is_rejected (FmStore             *store,
                        FmArticle           *article,
                        const FmSuggestion  *suggestion,
                        GError             **error)
{
  g_autoptr(GPtrArray) rejections = NULL;

  g_return_val_if_fail (FM_IS_STORE (store), FALSE);
  g_return_val_if_fail (FM_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (suggestion != NULL, FALSE);

  if (!(rejections = fm_store_list_rejections (store, fm_article_get_id (article), error)))
    return FALSE;
  return matches_rejection (fm_article_get_text (article), suggestion, rejections);
}

/* Accepting */

typedef struct
{
  FmArticle *article;
  GPtrArray *existing;   /* The article's annotations */
  GPtrArray *added;      /* New annotations, in order */
  GArray    *link_to;    /* gint per added annotation */
} Accept;

static FmAnnotation *
new_annotation (Accept   *acc,
                FmKind    kind,
                glong     start,
                glong     end,
                GError  **error)
{
  g_autoptr(FmAnnotation) a = fm_annotation_new (kind);

  fm_annotation_set_article_id (a, fm_article_get_id (acc->article));
  if (!fm_annotation_anchor_in (a, acc->article, start, end, error))
    return NULL;
  return g_steal_pointer (&a);
}

static void
push (Accept       *acc,
      FmAnnotation *a,
      gint          link)
{
  g_ptr_array_add (acc->added, a);
  g_array_append_val (acc->link_to, link);
}

/* The source annotation, existing (its id, as a negative index is never
 * one) or added in this batch (its index), for a name. */
static gboolean
find_source (Accept     *acc,
             const char *name,
             gint64     *existing_id,
             gint       *added_index)
{
  for (guint i = 0; i < acc->existing->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (acc->existing, i);

      if (fm_annotation_get_kind (a) == FM_KIND_SOURCE && fm_annotation_get_name (a)
          && g_utf8_collate (fm_annotation_get_name (a), name) == 0)
        {
          *existing_id = fm_annotation_get_id (a);
          return TRUE;
        }
    }
  for (guint i = 0; i < acc->added->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (acc->added, i);

      if (fm_annotation_get_kind (a) == FM_KIND_SOURCE && fm_annotation_get_name (a)
          && g_utf8_collate (fm_annotation_get_name (a), name) == 0)
        {
          *added_index = i;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
accept_source (Accept              *acc,
               const FmSuggestion  *s,
               glong                start,
               glong                end,
               const char          *name,
               gint                *index,
               GError             **error)
{
  gint64 id = 0;
  gint at = -1;
  FmAnnotation *a;

  *index = -1;
  if (find_source (acc, name, &id, &at))
    {
      *index = at;
      return TRUE;
    }
  if (!(a = new_annotation (acc, FM_KIND_SOURCE, start, end, error)))
    return FALSE;
  fm_annotation_set_name (a, name);
  fm_annotation_set_source_type (a, s->kind == FM_KIND_SOURCE ? s->source_type : FM_SOURCE_TYPE_PERSON);
  push (acc, a, -1);
  *index = acc->added->len - 1;
  return TRUE;
}

static gboolean
accept_claim (Accept              *acc,
              const FmSuggestion  *s,
              GError             **error)
{
  FmAnnotation *claim;
  gint link = -1;

  if (s->speaker_start >= 0 && s->speaker_text != NULL)
    {
      const char *name = s->speaker_name ? s->speaker_name : s->speaker_text;
      gint64 id = 0;
      gint at = -1;

      if (find_source (acc, name, &id, &at))
        link = at;
      else if (!accept_source (acc, s, s->speaker_start, s->speaker_end, name, &link, error))
        return FALSE;
      if (!(claim = new_annotation (acc, FM_KIND_CLAIM, s->start, s->end, error)))
        return FALSE;
      if (id > 0)
        fm_annotation_add_source (claim, id);
    }
  else if (!(claim = new_annotation (acc, FM_KIND_CLAIM, s->start, s->end, error)))
    return FALSE;
  push (acc, claim, link);
  return TRUE;
}

static gboolean
accept_one (Accept              *acc,
            const FmSuggestion  *s,
            GError             **error)
{
  FmAnnotation *a;
  gint index;

  switch (s->kind)
    {
    case FM_KIND_FIGURE:
      if (!(a = new_annotation (acc, FM_KIND_FIGURE, s->start, s->end, error)))
        return FALSE;
      fm_annotation_set_value (a, s->has_value, s->value);
      fm_annotation_set_unit (a, s->unit);
      push (acc, a, -1);
      return TRUE;
    case FM_KIND_SOURCE:
      return accept_source (acc, s, s->start, s->end, s->name ? s->name : s->text, &index, error);
    case FM_KIND_CLAIM:
    default:
      return accept_claim (acc, s, error);
    }
}

/**
 * fm_suggest_accept:
 * @suggestions: (element-type FmSuggestion): suggestions for @article
 * @created: (out) (optional) (transfer full) (element-type FmAnnotation):
 *   the annotations added
 */
gboolean
fm_suggest_accept (FmStore    *store,
                   FmArticle  *article,
                   GPtrArray  *suggestions,
                   GPtrArray **created,
                   GError    **error)
{
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GPtrArray) added = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) link_to = g_array_new (FALSE, FALSE, sizeof (gint));
  Accept acc;

  g_return_val_if_fail (FM_IS_STORE (store), FALSE);
  g_return_val_if_fail (FM_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (suggestions != NULL, FALSE);

  if (!(existing = fm_store_list_annotations (store, fm_article_get_id (article), error)))
    return FALSE;
  acc = (Accept) { article, existing, added, link_to };
  for (guint i = 0; i < suggestions->len; i++)
    if (!accept_one (&acc, g_ptr_array_index (suggestions, i), error))
      return FALSE;
  if (!fm_store_add_linked_annotations (store, added, link_to, error))
    return FALSE;
  if (created)
    *created = g_steal_pointer (&added);
  return TRUE;
}
