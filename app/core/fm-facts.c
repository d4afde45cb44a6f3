/* fm-facts.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-facts"

#include "config.h"

#include <string.h>

#include "fm-facts.h"
#include "fm-text.h"

/* The library's facts, read article by article through the store's
 * contract (each article's annotations come with their links in one
 * query), so that a second backend serves them too. A claim's or figure's
 * sources are in its own article, so their names are found there. */

struct _FmFact
{
  GObject       parent_instance;

  FmAnnotation *annotation;
  FmArticle    *article;
  char         *sources;
  /* (element-type FmAnnotation) (nullable): the sources themselves, for
   * the exports that name each one with its type; %NULL when none. */
  GPtrArray    *source_annotations;
};

enum {
  PROP_0,
  PROP_QUOTE,
  PROP_KIND,
  PROP_VERDICT,
  PROP_SOURCES,
  PROP_ARTICLE_TITLE,
  PROP_PUBLISHED,
  PROP_MODIFIED,
  PROP_MODIFIED_TEXT,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FmFact, fm_fact, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
fm_fact_finalize (GObject *object)
{
  FmFact *self = (FmFact *)object;

  g_clear_object (&self->annotation);
  g_clear_object (&self->article);
  g_clear_pointer (&self->sources, g_free);
  g_clear_pointer (&self->source_annotations, g_ptr_array_unref);

  G_OBJECT_CLASS (fm_fact_parent_class)->finalize (object);
}

static void
fm_fact_get_property (GObject    *object,
                      guint       prop_id,
                      GValue     *value,
                      GParamSpec *pspec)
{
  FmFact *self = FM_FACT (object);

  switch (prop_id)
    {
    case PROP_QUOTE:
      g_value_set_string (value, fm_annotation_get_kind (self->annotation) == FM_KIND_SOURCE
                                 ? fm_annotation_get_display_name (self->annotation)
                                 : fm_annotation_get_quote (self->annotation));
      break;

    case PROP_KIND:
      g_value_set_string (value, fm_kind_to_label (fm_annotation_get_kind (self->annotation)));
      break;

    case PROP_VERDICT:
      g_value_set_string (value, fm_annotation_get_kind (self->annotation) == FM_KIND_SOURCE ? ""
                                 : fm_verdict_to_label (fm_annotation_get_verdict (self->annotation)));
      break;

    case PROP_SOURCES:
      g_value_set_string (value, self->sources);
      break;

    case PROP_ARTICLE_TITLE:
      g_value_set_string (value, fm_article_get_display_title (self->article));
      break;

    case PROP_PUBLISHED:
      g_value_set_string (value, fm_article_get_published (self->article));
      break;

    case PROP_MODIFIED:
      g_value_set_int64 (value, fm_annotation_get_modified (self->annotation));
      break;

    case PROP_MODIFIED_TEXT:
      g_value_take_string (value, fm_text_format_time (fm_annotation_get_modified (self->annotation)));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_fact_class_init (FmFactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = fm_fact_finalize;
  object_class->get_property = fm_fact_get_property;

  /* Strings as the columns show them, so that the view binds and sorts
   * them in its template without code of its own. */
  properties[PROP_QUOTE] = g_param_spec_string ("quote", NULL, NULL, NULL, ro);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL, ro);
  properties[PROP_VERDICT] = g_param_spec_string ("verdict", NULL, NULL, NULL, ro);
  properties[PROP_SOURCES] = g_param_spec_string ("sources", NULL, NULL, NULL, ro);
  properties[PROP_ARTICLE_TITLE] = g_param_spec_string ("article-title", NULL, NULL, NULL, ro);
  properties[PROP_PUBLISHED] = g_param_spec_string ("published", NULL, NULL, NULL, ro);
  properties[PROP_MODIFIED] = g_param_spec_int64 ("modified", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_MODIFIED_TEXT] = g_param_spec_string ("modified-text", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fm_fact_init (FmFact *self)
{
}

FmAnnotation *
fm_fact_get_annotation (FmFact *self)
{
  g_return_val_if_fail (FM_IS_FACT (self), NULL);
  return self->annotation;
}

FmArticle *
fm_fact_get_article (FmFact *self)
{
  g_return_val_if_fail (FM_IS_FACT (self), NULL);
  return self->article;
}

/* The names of the sources the fact is attributed to, "; " between. */
const char *
fm_fact_get_sources (FmFact *self)
{
  g_return_val_if_fail (FM_IS_FACT (self), NULL);
  return self->sources;
}

/**
 * fm_fact_get_source_annotations:
 *
 * Returns: (transfer none) (element-type FmAnnotation) (nullable): the
 *   sources the fact is attributed to, in the order of
 *   fm_fact_get_sources(); %NULL when there are none
 */
GPtrArray *
fm_fact_get_source_annotations (FmFact *self)
{
  g_return_val_if_fail (FM_IS_FACT (self), NULL);
  return self->source_annotations;
}

/* A claim nobody has judged yet: the "To check" queue. */
gboolean
fm_fact_is_unchecked (FmFact *self)
{
  g_return_val_if_fail (FM_IS_FACT (self), FALSE);
  return fm_annotation_get_kind (self->annotation) == FM_KIND_CLAIM
         && fm_annotation_get_verdict (self->annotation) == FM_VERDICT_UNVERIFIED;
}

/* The sources @annotation is attributed to, and their names joined; a
 * fact without sources gets no array, since most have none. */
static char *
source_names (FmAnnotation  *annotation,
              GHashTable    *by_id,
              GPtrArray    **found)
{
  GArray *ids = fm_annotation_get_sources (annotation);
  g_autoptr(GString) names = g_string_new (NULL);

  *found = NULL;
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      FmAnnotation *source = g_hash_table_lookup (by_id, &g_array_index (ids, gint64, i));

      if (source == NULL)
        continue;
      /* A merged source goes by its library name across the library. */
      g_string_append_printf (names, "%s%s", names->len ? "; " : "",
                              fm_annotation_get_entity (source)
                              ? fm_annotation_get_entity (source)
                              : fm_annotation_get_display_name (source));
      if (*found == NULL)
        *found = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (*found, g_object_ref (source));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static gboolean
matches (const FmFactsFilter *filter,
         FmAnnotation        *annotation,
         const char          *sources)
{
  g_autofree char *wanted = NULL;
  g_autofree char *have = NULL;

  if (filter->kind >= 0 && (int) fm_annotation_get_kind (annotation) != filter->kind)
    return FALSE;
  if (filter->verdict >= 0 && (fm_annotation_get_kind (annotation) == FM_KIND_SOURCE
                               || (int) fm_annotation_get_verdict (annotation) != filter->verdict))
    return FALSE;
  if (filter->source == NULL)
    return TRUE;
  wanted = g_utf8_casefold (filter->source, -1);
  have = g_utf8_casefold (fm_annotation_get_kind (annotation) == FM_KIND_SOURCE
                          ? fm_annotation_get_display_name (annotation) : sources, -1);
  if (strstr (have, wanted) != NULL)
    return TRUE;
  /* A source is found by its library name too, whatever it is written as. */
  if (fm_annotation_get_kind (annotation) == FM_KIND_SOURCE && fm_annotation_get_entity (annotation))
    {
      g_autofree char *entity = g_utf8_casefold (fm_annotation_get_entity (annotation), -1);

      return strstr (entity, wanted) != NULL;
    }
  return FALSE;
}

static gboolean
add_article_facts (FmStore             *store,
                   FmArticle           *article,
                   const FmFactsFilter *filter,
                   GPtrArray           *facts,
                   GError             **error)
{
  g_autoptr(GPtrArray) annotations = fm_store_list_annotations (store, fm_article_get_id (article),
                                                                error);
  g_autoptr(GHashTable) by_id = NULL;
  g_autofree gint64 *ids = NULL;

  if (annotations == NULL)
    return FALSE;
  /* The keys live in one block, as long as the table. */
  ids = g_new (gint64, MAX (annotations->len, 1));
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  for (guint i = 0; i < annotations->len; i++)
    {
      ids[i] = fm_annotation_get_id (g_ptr_array_index (annotations, i));
      g_hash_table_insert (by_id, &ids[i], g_ptr_array_index (annotations, i));
    }
  for (guint i = 0; i < annotations->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (annotations, i);
      g_autoptr(GPtrArray) found = NULL;
      g_autofree char *sources = source_names (a, by_id, &found);
      FmFact *fact;

      if (!matches (filter, a, sources))
        continue;
      fact = g_object_new (FM_TYPE_FACT, NULL);
      fact->annotation = g_object_ref (a);
      fact->article = g_object_ref (article);
      fact->sources = g_steal_pointer (&sources);
      fact->source_annotations = g_steal_pointer (&found);
      g_ptr_array_add (facts, fact);
    }
  return TRUE;
}

/**
 * fm_store_add_article_facts:
 * @article: an article of the store, as fm_store_list_articles() gives it
 * @filter: (nullable): what to keep
 * @facts: (element-type FmFact): where the article's facts are added, in
 *   text order
 *
 * One article's part of fm_store_list_facts(), for a caller that shows the
 * library's facts as they are read.
 */
gboolean
fm_store_add_article_facts (FmStore             *store,
                            FmArticle           *article,
                            const FmFactsFilter *filter,
                            GPtrArray           *facts,
                            GError             **error)
{
  FmFactsFilter any = FM_FACTS_FILTER_ANY;

  g_return_val_if_fail (FM_IS_STORE (store), FALSE);
  g_return_val_if_fail (FM_IS_ARTICLE (article), FALSE);
  g_return_val_if_fail (facts != NULL, FALSE);

  return add_article_facts (store, article, filter ? filter : &any, facts, error);
}

/**
 * fm_store_list_facts:
 * @filter: (nullable): what to keep
 *
 * Returns: (transfer container) (element-type FmFact): the facts, the
 *   newest article's first and each article's in text order
 */
GPtrArray *
fm_store_list_facts (FmStore             *store,
                     const FmFactsFilter *filter,
                     GError             **error)
{
  FmFactsFilter any = FM_FACTS_FILTER_ANY;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GPtrArray) facts = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (FM_IS_STORE (store), NULL);

  if (!(articles = fm_store_list_articles (store, error)))
    return NULL;
  for (guint i = 0; i < articles->len; i++)
    if (!add_article_facts (store, g_ptr_array_index (articles, i), filter ? filter : &any, facts,
                            error))
      return NULL;
  return g_steal_pointer (&facts);
}

/* A fact read on its own, its sources looked up one by one. */
static FmFact *
fact_for_id (FmStore    *store,
             gint64      id,
             GHashTable *articles)
{
  g_autoptr(FmAnnotation) annotation = fm_store_get_annotation (store, id, NULL);
  g_autoptr(GHashTable) by_id = NULL;
  g_autoptr(GPtrArray) sources = g_ptr_array_new_with_free_func (g_object_unref);
  GArray *ids;
  FmArticle *article;
  FmFact *fact;
  gint64 article_id;

  if (annotation == NULL)
    return NULL;
  article_id = fm_annotation_get_article_id (annotation);
  if (!(article = g_hash_table_lookup (articles, &article_id)))
    {
      if (!(article = fm_store_get_article (store, article_id, NULL)))
        return NULL;
      g_hash_table_insert (articles, g_memdup2 (&article_id, sizeof article_id), article);
    }
  by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  ids = fm_annotation_get_sources (annotation);
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    {
      FmAnnotation *source = fm_store_get_annotation (store, g_array_index (ids, gint64, i), NULL);

      if (source == NULL)
        continue;
      g_ptr_array_add (sources, source);
      g_hash_table_insert (by_id, &g_array_index (ids, gint64, i), source);
    }
  fact = g_object_new (FM_TYPE_FACT, NULL);
  fact->annotation = g_steal_pointer (&annotation);
  fact->article = g_object_ref (article);
  fact->sources = source_names (fact->annotation, by_id, &fact->source_annotations);
  return fact;
}

/**
 * fm_facts_add_annotations:
 * @ids: (element-type gint64): annotations, in any articles
 * @facts: (element-type FmFact): where to append them
 *
 * Appends the annotations @ids as facts, in the order given. One deleted
 * meanwhile is passed over.
 */
void
fm_facts_add_annotations (FmStore   *store,
                          GArray    *ids,
                          GPtrArray *facts)
{
  g_autoptr(GHashTable) articles = NULL;

  g_return_if_fail (FM_IS_STORE (store));
  g_return_if_fail (ids != NULL && facts != NULL);

  articles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  for (guint i = 0; i < ids->len; i++)
    {
      FmFact *fact = fact_for_id (store, g_array_index (ids, gint64, i), articles);

      if (fact != NULL)
        g_ptr_array_add (facts, fact);
    }
}

static int
compare_created (gconstpointer a,
                 gconstpointer b)
{
  FmFact *x = *(FmFact **) a;
  FmFact *y = *(FmFact **) b;
  gint64 cx = fm_annotation_get_created (x->annotation);
  gint64 cy = fm_annotation_get_created (y->annotation);

  return cx < cy ? -1 : cx > cy ? 1 : 0;
}

/* The "To check" queue: claims with no verdict, the oldest marked first,
 * since they have waited longest. Everything else is dropped. */
void
fm_facts_sort_to_check (GPtrArray *facts)
{
  g_return_if_fail (facts != NULL);

  for (guint i = facts->len; i > 0; i--)
    if (!fm_fact_is_unchecked (g_ptr_array_index (facts, i - 1)))
      g_ptr_array_remove_index (facts, i - 1);
  g_ptr_array_sort (facts, compare_created);
}
