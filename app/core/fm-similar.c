/* fm-similar.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-similar"

#include "config.h"

#include <string.h>

#include "fm-similar.h"
#include "fm-similar-words.h"
#include "fm-store-similar.h"

/* Finding the same claim again: the search index proposes the claims that
 * share the quote's rarer words, and a score over normalised words decides
 * (fm-similar-words.c: stems, and numbers whatever way they are written).
 * The score is the weighted share of terms the two quotes have in common
 * (Jaccard), a number counting as much as NUMBER_WEIGHT words. Two quotes
 * alike in words are still another claim, and score below
 * FM_SIMILAR_SUGGEST, when their numbers are not the same ("3,000 troops"
 * and "5,000 troops" is the figure that changed, not the same claim), when
 * one is negated and the other not, when one says up and the other down,
 * when they name different times, or when each names someone or somewhere
 * the other does not. */

/* The most candidate claims the index is asked for. */
#define MAX_CANDIDATES 50
/* The words a candidate search uses, the rarest first: see
 * count_query_words(). */
#define QUERY_WORDS      12
#define MIN_QUERY_WORDS  3
#define CANDIDATE_BUDGET 10000
/* How many words a number weighs: the figure is most of what a claim says. */
#define NUMBER_WEIGHT 2.0
/* The highest score of two quotes that differ in one of the ways above. */
#define DIFFERENT_CLAIM (FM_SIMILAR_SUGGEST * 0.8)

void
fm_similar_claim_free (FmSimilarClaim *claim)
{
  if (claim == NULL)
    return;
  g_clear_object (&claim->annotation);
  g_free (claim);
}

static gboolean
is_number (const char *term)
{
  return term[0] == '#';
}

static double
term_weight (const char *term)
{
  return is_number (term) ? NUMBER_WEIGHT : 1.0;
}

static double
total_weight (GHashTable *terms)
{
  GHashTableIter iter;
  gpointer key;
  double total = 0;

  g_hash_table_iter_init (&iter, terms);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    total += term_weight (key);
  return total;
}

/* Whether @a holds a number @b lacks. */
static gboolean
has_other_number (GHashTable *a,
                  GHashTable *b)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (is_number (key) && !g_hash_table_contains (b, key))
      return TRUE;
  return FALSE;
}

/* Whether @a names someone or somewhere @b does not mention. */
static gboolean
has_other_name (const FmSimilarWords *a,
                const FmSimilarWords *b)
{
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, a->names);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (b->terms, key))
      return TRUE;
  return FALSE;
}

static gboolean
same_set (GHashTable *a,
          GHashTable *b)
{
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (b, key))
      return FALSE;
  return TRUE;
}

static gboolean
opposite_ways (const FmSimilarWords *a,
               const FmSimilarWords *b)
{
  return (a->direction == FM_SIMILAR_UP && b->direction == FM_SIMILAR_DOWN)
         || (a->direction == FM_SIMILAR_DOWN && b->direction == FM_SIMILAR_UP);
}

/* Whether one quote speaks of what is to come and the other of the past. */
static gboolean
other_tense (const FmSimilarWords *a,
             const FmSimilarWords *b)
{
  return (a->future && !a->past && b->past && !b->future)
         || (a->past && !a->future && b->future && !b->past);
}

/* Whether the two quotes, however alike in words, are different claims. */
static gboolean
differ_in_claim (const FmSimilarWords *a,
                 const FmSimilarWords *b)
{
  return has_other_number (a->terms, b->terms) || has_other_number (b->terms, a->terms)
         || a->negated != b->negated
         || opposite_ways (a, b)
         || other_tense (a, b)
         || (g_hash_table_size (a->times) > 0 && g_hash_table_size (b->times) > 0
             && !same_set (a->times, b->times))
         || (has_other_name (a, b) && has_other_name (b, a));
}

static double
score_words (const FmSimilarWords *a,
             const FmSimilarWords *b)
{
  GHashTableIter iter;
  gpointer key;
  double shared = 0, all, score;

  g_hash_table_iter_init (&iter, a->terms);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (g_hash_table_contains (b->terms, key))
      shared += term_weight (key);
  all = total_weight (a->terms) + total_weight (b->terms) - shared;
  if (all <= 0)
    return 0;
  score = shared / all;
  return differ_in_claim (a, b) ? MIN (score, DIFFERENT_CLAIM) : score;
}

/**
 * fm_similar_score:
 *
 * Returns: how alike two quotes are, from 0 to 1
 */
double
fm_similar_score (const char *a,
                  const char *b)
{
  g_autoptr(FmSimilarWords) wa = NULL;
  g_autoptr(FmSimilarWords) wb = NULL;

  g_return_val_if_fail (a != NULL && b != NULL, 0);

  wa = fm_similar_words_new (a);
  wb = fm_similar_words_new (b);
  return score_words (wa, wb);
}

/* A word of the quote with how many annotations hold words it begins. */
typedef struct
{
  const char *stem;
  gint64      count;
} Rarity;

static int
compare_rarity (gconstpointer a,
                gconstpointer b)
{
  const Rarity *x = a;
  const Rarity *y = b;

  if (x->count != y->count)
    return x->count < y->count ? -1 : 1;
  return (int) strlen (y->stem) - (int) strlen (x->stem);
}

/* The quote's words, the rarest in the library first. A word the library
 * cannot count ranks by its length, the longest first; one no annotation
 * holds (the index cut it into other words) would find nothing. */
static GArray *
rank_by_rarity (FmStore              *store,
                const FmSimilarWords *words)
{
  GArray *ranked = g_array_new (FALSE, FALSE, sizeof (Rarity));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, words->terms);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!is_number (key))
      {
        g_autoptr(GError) local_error = NULL;
        Rarity r = { key, fm_store_count_prefix (store, key, &local_error) };

        if (r.count < 0)
          r.count = -(gint64) strlen (key);
        if (r.count != 0)
          g_array_append_val (ranked, r);
      }
  g_array_sort (ranked, compare_rarity);
  return ranked;
}

/* How many of the quote's rarest words the candidate search uses: at
 * least MIN_QUERY_WORDS, and more while the annotations holding them stay
 * within CANDIDATE_BUDGET. Weighing every claim that says "council" would
 * cost more than it finds. */
static guint
count_query_words (GArray *ranked)
{
  gint64 matched = 0;
  guint n;

  for (n = 0; n < MIN (ranked->len, QUERY_WORDS); n++)
    {
      gint64 count = MAX (g_array_index (ranked, Rarity, n).count, 0);

      if (n >= MIN_QUERY_WORDS && matched + count > CANDIDATE_BUDGET)
        break;
      matched += count;
    }
  return n;
}

/* The claims of other articles holding the quote's rarest stems, each as a
 * prefix so that "deploy" finds "deployed" and "deployment", those sharing
 * the most first. */
static GArray *
find_candidates (FmStore               *store,
                 const FmSimilarWords  *words,
                 gint64                 article_id,
                 GError               **error)
{
  g_autoptr(GArray) ranked = rank_by_rarity (store, words);
  guint n = count_query_words (ranked);
  g_autofree const char **prefixes = g_new0 (const char *, n + 1);
  g_autofree gint64 *counts = g_new0 (gint64, n + 1);

  for (guint i = 0; i < n; i++)
    {
      prefixes[i] = g_array_index (ranked, Rarity, i).stem;
      counts[i] = MAX (g_array_index (ranked, Rarity, i).count, 0);
    }
  return fm_store_similar_candidates (store, prefixes, counts, n, article_id, MAX_CANDIDATES,
                                      error);
}

static int
compare_score (gconstpointer a,
               gconstpointer b)
{
  const FmSimilarClaim *x = *(FmSimilarClaim * const *) a;
  const FmSimilarClaim *y = *(FmSimilarClaim * const *) b;

  return x->score < y->score ? 1 : x->score > y->score ? -1 : 0;
}

/**
 * fm_store_find_similar:
 * @threshold: the lowest score kept, such as %FM_SIMILAR_SUGGEST
 *
 * Returns: (transfer container) (element-type FmSimilarClaim): claims in
 *   other articles that say what @claim says, the most alike first
 */
GPtrArray *
fm_store_find_similar (FmStore       *store,
                       FmAnnotation  *claim,
                       double         threshold,
                       GError       **error)
{
  g_autoptr(FmSimilarWords) words = NULL;
  g_autoptr(GArray) candidates = NULL;
  GPtrArray *similar;

  g_return_val_if_fail (FM_IS_STORE (store), NULL);
  g_return_val_if_fail (FM_IS_ANNOTATION (claim), NULL);

  similar = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_similar_claim_free);
  words = fm_similar_words_new (fm_annotation_get_quote (claim));
  if (!(candidates = find_candidates (store, words, fm_annotation_get_article_id (claim), error)))
    {
      g_ptr_array_unref (similar);
      return NULL;
    }
  for (guint i = 0; i < candidates->len; i++)
    {
      const FmSimilarCandidate *c = &g_array_index (candidates, FmSimilarCandidate, i);
      g_autoptr(FmSimilarWords) other = fm_similar_words_new (c->quote ? c->quote : "");
      double score = score_words (words, other);
      FmSimilarClaim *found;

      if (score < threshold)
        continue;
      found = g_new0 (FmSimilarClaim, 1);
      if (!(found->annotation = fm_store_get_annotation (store, c->id, NULL)))
        {
          g_free (found);
          continue;
        }
      found->score = score;
      g_ptr_array_add (similar, found);
    }
  g_ptr_array_sort (similar, compare_score);
  return similar;
}
