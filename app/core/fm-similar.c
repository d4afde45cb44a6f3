/* fm-similar.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-similar"

#include "config.h"

#include <string.h>

#include "fm-search.h"
#include "fm-similar.h"

/* Finding the same claim again: the search index proposes the claims that
 * share the quote's rarer words, and a score over normalised words decides.
 * The score is the share of content words the two quotes have in common
 * (Jaccard), folded for case and accents, with function words left out;
 * numbers count as words, with their thousands separators dropped, and two
 * quotes that both state numbers but not all the same ones are at most half
 * alike: "3,000 troops" and "5,000 troops" are the claim that changed, not
 * the same claim. */

/* The most candidate claims the index is asked for. */
#define MAX_CANDIDATES 50
/* The words a candidate search uses, the longest first. */
#define QUERY_WORDS 12

static const char * const function_words[] = {
  "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "for", "from", "had", "has",
  "have", "he", "her", "his", "in", "is", "it", "its", "of", "on", "or", "said", "she", "that",
  "the", "their", "they", "this", "to", "was", "we", "were", "will", "with", "would",
};

void
fm_similar_claim_free (FmSimilarClaim *claim)
{
  if (claim == NULL)
    return;
  g_clear_object (&claim->annotation);
  g_free (claim);
}

static gboolean
is_function_word (const char *word)
{
  for (guint i = 0; i < G_N_ELEMENTS (function_words); i++)
    if (strcmp (word, function_words[i]) == 0)
      return TRUE;
  return FALSE;
}

/* Appends the folded word (accents dropped) unless it is a function word. */
static void
add_word (GHashTable *words,
          GString    *word)
{
  g_autofree char *folded = NULL;
  g_autofree char *plain = NULL;

  if (word->len == 0)
    return;
  folded = g_utf8_casefold (word->str, -1);
  plain = g_str_to_ascii (folded, "C");
  if (!is_function_word (plain))
    g_hash_table_add (words, g_steal_pointer (&plain));
  g_string_truncate (word, 0);
}

/* The quote's content words; a comma or dot between digits stays in the
 * number, and a thousands comma is dropped. */
static GHashTable *
content_words (const char *text)
{
  GHashTable *words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GString) word = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar next = g_utf8_get_char (g_utf8_next_char (p));

      if (g_unichar_isalnum (c))
        g_string_append_unichar (word, c);
      else if ((c == ',' || c == '.') && word->len > 0 && g_ascii_isdigit (word->str[word->len - 1])
               && g_unichar_isdigit (next))
        {
          if (c == '.')
            g_string_append_c (word, '.');
        }
      else
        add_word (words, word);
    }
  add_word (words, word);
  return words;
}

static gboolean
is_number (const char *word)
{
  return g_ascii_isdigit (word[0]);
}

/* How many of @a's numbers @b lacks, and whether @a has any. */
static guint
missing_numbers (GHashTable *a,
                 GHashTable *b,
                 gboolean   *any)
{
  GHashTableIter iter;
  gpointer key;
  guint missing = 0;

  *any = FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (is_number (key))
      {
        *any = TRUE;
        missing += !g_hash_table_contains (b, key);
      }
  return missing;
}

/* Whether both quotes state numbers and not the same ones. */
static gboolean
numbers_differ (GHashTable *a,
                GHashTable *b)
{
  gboolean a_has, b_has;
  guint a_missing = missing_numbers (a, b, &a_has);
  guint b_missing = missing_numbers (b, a, &b_has);

  return a_has && b_has && (a_missing > 0 || b_missing > 0);
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
  g_autoptr(GHashTable) wa = NULL;
  g_autoptr(GHashTable) wb = NULL;
  GHashTableIter iter;
  gpointer key;
  guint shared = 0, all;
  double score;

  g_return_val_if_fail (a != NULL && b != NULL, 0);

  wa = content_words (a);
  wb = content_words (b);
  g_hash_table_iter_init (&iter, wa);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    shared += g_hash_table_contains (wb, key);
  all = g_hash_table_size (wa) + g_hash_table_size (wb) - shared;
  if (all == 0)
    return 0;
  score = (double) shared / all;
  return numbers_differ (wa, wb) ? MIN (score, 0.5) : score;
}

static int
compare_length (gconstpointer a,
                gconstpointer b)
{
  return (int) strlen (*(const char **) b) - (int) strlen (*(const char **) a);
}

/* An FTS5 query for claims sharing the quote's longest words, any of them. */
static char *
candidate_query (const char *quote)
{
  g_autoptr(GHashTable) words = content_words (quote);
  g_autofree gpointer *keys = g_hash_table_get_keys_as_array (words, NULL);
  guint n = g_hash_table_size (words);
  g_autoptr(GString) query = g_string_new (NULL);

  qsort (keys, n, sizeof (gpointer), compare_length);
  for (guint i = 0; i < MIN (n, QUERY_WORDS); i++)
    g_string_append_printf (query, "%s\"%s\"", query->len ? " OR " : "", (char *) keys[i]);
  return g_string_free (g_steal_pointer (&query), FALSE);
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
  g_autoptr(GPtrArray) hits = NULL;
  g_autofree char *query = NULL;
  GPtrArray *similar;
  FmSearchFilter filter = { FM_KIND_CLAIM, -1 };

  g_return_val_if_fail (FM_IS_STORE (store), NULL);
  g_return_val_if_fail (FM_IS_ANNOTATION (claim), NULL);

  similar = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_similar_claim_free);
  query = candidate_query (fm_annotation_get_quote (claim));
  if (*query == '\0')
    return similar;
  if (!(hits = fm_store_search (store, query, &filter, MAX_CANDIDATES, error)))
    {
      g_ptr_array_unref (similar);
      return NULL;
    }
  for (guint i = 0; i < hits->len; i++)
    {
      FmSearchHit *hit = g_ptr_array_index (hits, i);
      g_autoptr(FmAnnotation) other = NULL;
      FmSimilarClaim *found;
      double score;

      if (hit->article_id == fm_annotation_get_article_id (claim)
          || !(other = fm_store_get_annotation (store, hit->annotation_id, NULL)))
        continue;
      score = fm_similar_score (fm_annotation_get_quote (claim), fm_annotation_get_quote (other));
      if (score < threshold)
        continue;
      found = g_new0 (FmSimilarClaim, 1);
      found->annotation = g_steal_pointer (&other);
      found->score = score;
      g_ptr_array_add (similar, found);
    }
  g_ptr_array_sort (similar, compare_score);
  return similar;
}
