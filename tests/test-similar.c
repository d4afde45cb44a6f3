/* test-similar.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fm-similar.h"
#include "fm-similar-words.h"
#include "fm-store-similar.h"
#include "fm-test-utils.h"
#include "fm-text.h"

/* The rules of "Checked before" one by one (fm-similar-words.c reads a
 * quote, fm-similar.c scores two): the ways one claim is reworded score as
 * the same claim, the ways a claim becomes another score below
 * FM_SIMILAR_SUGGEST. tests/test-similar-score.py measures them together
 * on the labelled set. */

static void
assert_same (const char *a,
             const char *b)
{
  double score = fm_similar_score (a, b);

  if (score < 1.0)
    g_error ("“%s” and “%s” score %.3f, not 1", a, b, score);
}

static void
assert_alike (const char *a,
              const char *b)
{
  double score = fm_similar_score (a, b);

  if (score < FM_SIMILAR_SUGGEST)
    g_error ("“%s” and “%s” score %.3f, below %.2f", a, b, score, FM_SIMILAR_SUGGEST);
}

static void
assert_other (const char *a,
              const char *b)
{
  double score = fm_similar_score (a, b);

  if (score >= FM_SIMILAR_SUGGEST)
    g_error ("“%s” and “%s” score %.3f, not below %.2f", a, b, score, FM_SIMILAR_SUGGEST);
}

static void
assert_stem (const char *word,
             const char *stem)
{
  g_autofree char *got = fm_similar_stem (word);

  g_assert_cmpstr (got, ==, stem);
}

static void
test_numbers (void)
{
  assert_same ("3,000 troops crossed", "3000 troops crossed");
  assert_same ("3,000 troops crossed", "three thousand troops crossed");
  assert_same ("3,000 troops crossed", "3k troops crossed");
  assert_same ("450 jobs", "four hundred and fifty jobs");
  assert_same ("48 seats", "forty-eight seats");
  assert_same ("12 vehicles", "a dozen vehicles");
  assert_same ("1.2 million votes", "1,200,000 votes");
  assert_same ("it costs $1.2m", "it costs 1,200,000 dollars");
  assert_same ("a €2.3bn budget", "a budget of 2,300,000,000 euros");
  assert_same ("half a million doses", "500,000 doses");
  /* The thousands separator is not a decimal point, nor the reverse. */
  assert_other ("2.4 votes", "24 votes");
}

static void
test_percent (void)
{
  assert_same ("40% of soldiers", "40 percent of soldiers");
  assert_same ("40% of soldiers", "forty per cent of soldiers");
  assert_same ("40% of soldiers", "two in five soldiers");
  assert_same ("25% of MPs", "one in four MPs");
  assert_same ("25% of MPs", "a quarter of MPs");
  assert_same ("half of MPs", "50% of MPs");
  /* A share is not the count it is written with. */
  assert_other ("40% of soldiers", "40 soldiers");
  assert_other ("2 in 5 soldiers", "2 soldiers in 5 towns");
}

static void
test_other_numbers (void)
{
  assert_other ("3,000 troops were sent to the border", "4,000 troops were sent to the border");
  /* A figure more, such as a year, makes it another claim too. */
  assert_other ("the alliance won 2.4 million votes",
                "in 2019 the alliance won 2.4 million votes");
  assert_other ("a quarter of the MPs are women", "a quarter of the MPs are under 35");
}

static void
test_stems (void)
{
  assert_stem ("deployed", "deploy");
  assert_stem ("deploying", "deploy");
  assert_stem ("deployment", "deploy");
  assert_stem ("deploys", "deploy");
  assert_stem ("cases", "cas");
  assert_stem ("case", "cas");
  assert_stem ("cities", "city");
  assert_stem ("taxes", "tax");
  assert_stem ("planned", "plan");
  assert_stem ("crossed", "cross");
  assert_stem ("died", "die");
  assert_stem ("women", "woman");
  assert_stem ("rose", "ris");
  assert_stem ("rises", "ris");
  assert_stem ("newly", "new");
  assert_same ("the soldier was deployed", "soldiers deploying");
}

static void
test_function_words (void)
{
  assert_same ("The troops were sent to the border", "troops sent border");
  assert_same ("Ruiz will form a coalition with the party", "Ruiz will form the party coalition");
  assert_same ("it costs $5 per week", "it costs $5 a week");
  /* Case, accents and possessives aside. */
  assert_same ("The Bürgermeister's bridge is safe", "the burgermeister bridge is safe");
  g_assert_cmpfloat (fm_similar_score ("the", "a"), ==, 0.0);
  g_assert_cmpfloat (fm_similar_score ("the bridge is safe", "prices rose in May"), ==, 0.0);
}

static void
test_negation (void)
{
  assert_other ("the troops were sent to the border", "the troops were not sent to the border");
  assert_other ("the troops were sent to the border", "the troops weren’t sent to the border");
  assert_other ("a recount was ordered in Delm", "no recount was ordered in Delm");
  assert_other ("the troops were sent to the border",
                "the governor denied the troops were sent to the border");
  assert_same ("the troops were not sent", "the troops never were sent");
}

static void
test_direction (void)
{
  assert_other ("police spending will rise by 8%", "police spending will fall by 8%");
  assert_other ("exports increased by 12%", "exports decreased by 12%");
  assert_alike ("property tax will go up 3%", "property tax rises by 3%");
}

static void
test_time (void)
{
  assert_other ("vehicles crossed the river on Monday", "vehicles crossed the river on Thursday");
  assert_other ("property tax will go up 3% next year", "property tax will go up 3% this year");
  assert_other ("the council will cut 450 jobs", "the council cut 450 jobs last year");
  assert_other ("it costs $1.2 million a week", "it cost $1.2 million in its first month");
  assert_same ("next year, tax goes up 3%", "tax goes up 3% next year");
  /* "May" the month, not the verb. */
  assert_same ("prices may rise", "prices rise");
}

static void
test_names (void)
{
  assert_other ("Schools in Dorr province closed for two weeks",
                "Schools in Pellan province closed for two weeks");
  assert_other ("The Labour Front won 48 seats", "The Green Alliance won 48 seats");
  /* A name only one of them gives is no other subject. */
  assert_alike ("Ana Ruiz will form a coalition with the Farmers' Party",
                "Prime Minister Ana Ruiz will form a coalition with the Farmers' Party");
}

static FmArticle *
add_article (FmStore    *store,
             const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) article = fm_article_new ();
  FmArticle *stored;

  fm_article_set_title (article, "Report");
  fm_article_set_text (article, text);
  stored = fm_store_add_article (store, article, NULL, &error);
  g_assert_no_error (error);
  return stored;
}

static FmAnnotation *
add_claim (FmStore    *store,
           FmArticle  *article,
           const char *quote)
{
  g_autoptr(GError) error = NULL;
  FmAnnotation *claim = fm_annotation_new (FM_KIND_CLAIM);
  glong start, end;

  g_assert_true (fm_text_find_quote (fm_article_get_text (article), quote, 1, &start, &end, NULL));
  fm_annotation_set_article_id (claim, fm_article_get_id (article));
  g_assert_true (fm_annotation_anchor (claim, fm_article_get_text (article),
                                       fm_article_get_length (article), start, end, &error));
  g_assert_true (fm_store_add_annotation (store, claim, &error));
  g_assert_no_error (error);
  return claim;
}

/* The index counts a stem's words in every form, and a claim reworded in
 * another article is found by them, while the claim's own article is
 * left out. */
static void
test_find (void)
{
  g_autoptr(FmTestLibrary) lib = fm_test_library_new ();
  g_autoptr(FmArticle) first = add_article (lib->store,
                                            "Valdoria has deployed 3,000 troops to the north. "
                                            "Three thousand troops were deployed north, it said.");
  g_autoptr(FmArticle) second = add_article (lib->store,
                                             "The deployment of three thousand troops to the "
                                             "north of Valdoria was confirmed.");
  g_autoptr(FmAnnotation) claim = add_claim (lib->store, first,
                                             "Valdoria has deployed 3,000 troops to the north");
  g_autoptr(FmAnnotation) same_article = add_claim (lib->store, first,
                                                    "Three thousand troops were deployed north");
  g_autoptr(FmAnnotation) again = add_claim (lib->store, second,
                                             "The deployment of three thousand troops to the "
                                             "north of Valdoria");
  g_autoptr(GPtrArray) similar = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (fm_store_count_prefix (lib->store, "deploy", &error), ==, 3);
  g_assert_cmpint (fm_store_count_prefix (lib->store, "valdoria", &error), ==, 2);
  g_assert_cmpint (fm_store_count_prefix (lib->store, "zebra", &error), ==, 0);
  g_assert_no_error (error);
  similar = fm_store_find_similar (lib->store, claim, FM_SIMILAR_SUGGEST, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (similar->len, ==, 1);
  g_assert_cmpint (fm_annotation_get_id (((FmSimilarClaim *) similar->pdata[0])->annotation), ==,
                   fm_annotation_get_id (again));
  (void) same_article;
}

/* Words of other scripts count as words, folded for case and accents as
 * the search index folds them. */
static void
test_other_scripts (void)
{
  assert_same ("Η Αθήνα ανακοίνωσε νέα μέτρα", "η ΑΘΗΝΑ ανακοινωσε νεα μετρα");
  assert_alike ("Москва объявила новые меры", "Москва вчера объявила новые меры");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/similar/other-scripts", test_other_scripts);
  g_test_add_func ("/similar/numbers", test_numbers);
  g_test_add_func ("/similar/percent", test_percent);
  g_test_add_func ("/similar/other-numbers", test_other_numbers);
  g_test_add_func ("/similar/stems", test_stems);
  g_test_add_func ("/similar/function-words", test_function_words);
  g_test_add_func ("/similar/negation", test_negation);
  g_test_add_func ("/similar/direction", test_direction);
  g_test_add_func ("/similar/time", test_time);
  g_test_add_func ("/similar/names", test_names);
  g_test_add_func ("/similar/find", test_find);

  return g_test_run ();
}
