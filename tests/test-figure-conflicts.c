/* test-figure-conflicts.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fm-figure-conflicts.h"
#include "fm-store.h"
#include "fm-text.h"
#include "fm-test-utils.h"

/* Figures that disagree: the same thing counted differently in two
 * articles is a conflict; the same value reworded or rounded, another
 * subject, another unit, another year or the same article is not. */

static const char first_text[] =
  "Russia has massed 3,000 troops near the Ukrainian border, officials said on Monday. "
  "The regional hospital treated about 3,000 patients last winter. "
  "Unemployment in the northern region rose to 7.5% last year. "
  "The city council approved a budget of $4.8 billion for the new stadium. "
  "Around 200 tanks were seen near the Ukrainian border.";
static const char second_text[] =
  "Russia has massed 4,000 troops near the Ukrainian border, according to officials. "
  "The regional hospital treated 3,012 patients last winter. "
  "Unemployment in the northern region rose to 9 per cent last year. "
  "The city council approved a budget of €4.8 billion for the new stadium. "
  "Russia massed 5,000 troops in the capital for a parade.";
static const char third_text[] =
  "In 2019 the regional hospital treated 5,000 patients last winter. "
  "Russia has massed between 3,500 and 4,500 troops near the Ukrainian border.";
static const char fourth_text[] =
  "In 2021 the regional hospital treated 6,000 patients last winter.";

typedef struct
{
  FmTestLibrary lib;
  FmArticle    *articles[4];
} Fixture;


/* Marks @quote in article @i as a figure, its value and unit parsed as the
 * window parses them. */
static FmAnnotation *
mark (Fixture    *f,
      guint       i,
      const char *quote)
{
  g_autoptr(GError) error = NULL;
  FmAnnotation *annotation = fm_test_new_annotation (f->articles[i], FM_KIND_FIGURE, quote);

  fm_annotation_apply_defaults (annotation);
  g_assert_true (fm_store_add_annotation (f->lib.store, annotation, &error));
  g_assert_no_error (error);
  return annotation;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  fm_test_library_setup (&f->lib, data);
  f->articles[0] = fm_test_add_article (f->lib.store, "First report", first_text);
  f->articles[1] = fm_test_add_article (f->lib.store, "Second report", second_text);
  f->articles[2] = fm_test_add_article (f->lib.store, "Third report", third_text);
  f->articles[3] = fm_test_add_article (f->lib.store, "Fourth report", fourth_text);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  for (guint i = 0; i < G_N_ELEMENTS (f->articles); i++)
    g_clear_object (&f->articles[i]);
  fm_test_library_teardown (&f->lib, data);
}

static GPtrArray *
conflicts_of (Fixture      *f,
              FmAnnotation *figure)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *found = fm_store_find_figure_conflicts (f->lib.store, figure, &error);

  g_assert_no_error (error);
  return found;
}

static guint
n_conflicts (Fixture      *f,
             FmAnnotation *figure)
{
  g_autoptr(GPtrArray) found = conflicts_of (f, figure);

  return found->len;
}

static gint64
id_of (FmAnnotation *annotation)
{
  return fm_annotation_get_id (annotation);
}

static void
test_conflict_found (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(FmAnnotation) three = mark (f, 0, "3,000 troops");
  g_autoptr(FmAnnotation) four = mark (f, 1, "4,000 troops");
  g_autoptr(GPtrArray) of_three = NULL;
  g_autoptr(GPtrArray) of_four = NULL;
  g_autoptr(GPtrArray) all = NULL;
  g_autoptr(GError) error = NULL;
  FmFigure *other;
  FmFigureConflict *pair;

  of_three = conflicts_of (f, three);
  g_assert_cmpuint (of_three->len, ==, 1);
  other = g_ptr_array_index (of_three, 0);
  g_assert_cmpint (other->annotation_id, ==, id_of (four));
  g_assert_cmpfloat (other->value, ==, 4000);
  g_assert_cmpstr (other->article_title, ==, "Second report");
  /* Both articles are flagged. */
  of_four = conflicts_of (f, four);
  g_assert_cmpuint (of_four->len, ==, 1);
  g_assert_cmpint (((FmFigure *) g_ptr_array_index (of_four, 0))->annotation_id, ==, id_of (three));

  all = fm_store_list_figure_conflicts (f->lib.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 1);
  pair = g_ptr_array_index (all, 0);
  g_assert_cmpint (pair->figure->annotation_id, ==, id_of (three));
  g_assert_cmpint (pair->other->annotation_id, ==, id_of (four));
}

static void
test_percent_units_are_one (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(FmAnnotation) a = mark (f, 0, "7.5%");
  g_autoptr(FmAnnotation) b = mark (f, 1, "9 per cent");
  g_autoptr(GPtrArray) found = conflicts_of (f, a);

  g_assert_cmpuint (found->len, ==, 1);
  g_assert_cmpint (((FmFigure *) g_ptr_array_index (found, 0))->annotation_id, ==, id_of (b));
}

static void
test_near_values_agree (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(FmAnnotation) about = mark (f, 0, "3,000 patients");
  g_autoptr(FmAnnotation) exact = mark (f, 1, "3,012 patients");
  g_autoptr(GPtrArray) found = conflicts_of (f, about);
  g_autoptr(GPtrArray) all = NULL;

  g_assert_cmpuint (found->len, ==, 0);
  all = fm_store_list_figure_conflicts (f->lib.store, NULL);
  g_assert_cmpuint (all->len, ==, 0);
}

/* "between 3,500 and 4,500" holds 4,000 but not 3,000. */
static void
test_ranges (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(FmAnnotation) three = mark (f, 0, "3,000 troops");
  g_autoptr(FmAnnotation) four = mark (f, 1, "4,000 troops");
  g_autoptr(FmAnnotation) range = mark (f, 2, "3,500 and 4,500 troops");
  g_autoptr(GPtrArray) of_range = conflicts_of (f, range);
  g_autoptr(GPtrArray) all = fm_store_list_figure_conflicts (f->lib.store, NULL);

  g_assert_cmpuint (of_range->len, ==, 1);
  g_assert_cmpint (((FmFigure *) g_ptr_array_index (of_range, 0))->annotation_id, ==, id_of (three));
  /* 3,000 against 4,000 and against the range; 4,000 is in the range. */
  g_assert_cmpuint (all->len, ==, 2);
  g_assert_cmpuint (n_conflicts (f, four), ==, 1);
}

static void
test_other_subject_or_unit (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(FmAnnotation) border = mark (f, 0, "3,000 troops");
  g_autoptr(FmAnnotation) parade = mark (f, 1, "5,000 troops");
  g_autoptr(FmAnnotation) tanks = mark (f, 0, "200 tanks");
  g_autoptr(FmAnnotation) dollars = mark (f, 0, "$4.8 billion");
  g_autoptr(FmAnnotation) euros = mark (f, 1, "€4.8 billion");
  g_autoptr(GPtrArray) all = fm_store_list_figure_conflicts (f->lib.store, NULL);

  /* Troops in the capital for a parade are not those at the border; tanks
   * are not troops; dollars and euros are two units, whatever the value. */
  g_assert_cmpuint (n_conflicts (f, border), ==, 0);
  g_assert_cmpuint (n_conflicts (f, tanks), ==, 0);
  g_assert_cmpuint (n_conflicts (f, dollars), ==, 0);
  g_assert_cmpuint (all->len, ==, 0);
  (void) parade;
  (void) euros;
}

/* Sentences naming different years are about different times. */
static void
test_other_year (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(FmAnnotation) undated = mark (f, 1, "3,012 patients");
  g_autoptr(FmAnnotation) in_2019 = mark (f, 2, "5,000 patients");
  g_autoptr(FmAnnotation) in_2021 = mark (f, 3, "6,000 patients");
  g_autoptr(GPtrArray) of_2019 = conflicts_of (f, in_2019);
  g_autoptr(GPtrArray) all = fm_store_list_figure_conflicts (f->lib.store, NULL);

  /* A sentence with no year may be about either. */
  g_assert_cmpuint (of_2019->len, ==, 1);
  g_assert_cmpint (((FmFigure *) g_ptr_array_index (of_2019, 0))->annotation_id, ==, id_of (undated));
  g_assert_cmpuint (n_conflicts (f, undated), ==, 2);
  g_assert_cmpuint (all->len, ==, 2);
  (void) in_2021;
}

static void
test_same_article (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(FmAnnotation) a = mark (f, 1, "4,000 troops");
  g_autoptr(FmAnnotation) b = mark (f, 1, "5,000 troops");
  g_autoptr(GPtrArray) all = fm_store_list_figure_conflicts (f->lib.store, NULL);

  g_assert_cmpuint (n_conflicts (f, a), ==, 0);
  g_assert_cmpuint (all->len, ==, 0);
  (void) b;
}

static void
test_deleted_figure (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(FmAnnotation) three = mark (f, 0, "3,000 troops");
  g_autoptr(FmAnnotation) four = mark (f, 1, "4,000 troops");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) all = NULL;

  g_assert_cmpuint (n_conflicts (f, three), ==, 1);
  g_assert_true (fm_store_delete_annotation (f->lib.store, id_of (four), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_conflicts (f, three), ==, 0);
  all = fm_store_list_figure_conflicts (f->lib.store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 0);
}

/* The key: singular, folded, one for each way of writing a unit. */
static void
test_keys (void)
{
  static const struct {
    const char *unit;
    const char *after;
    const char *key;
  } cases[] = {
    { "troops", "", "troop" }, { "Casualties", "", "casualty" }, { "USD", "", "usd" },
    { "dollars", "", "usd" }, { "percent", "", "percent" }, { "%", "", "percent" },
    { "buses", "", "bus" }, { "census", "", "census" }, { NULL, " troops to the", "troop" },
    { NULL, " were killed", NULL }, { NULL, " Russian", NULL }, { "km", "", "kilometre" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      FmFigure figure = { 0 };
      g_autofree char *key = NULL;

      figure.unit = (char *) cases[i].unit;
      figure.after = (char *) cases[i].after;
      key = fm_figure_dup_key (&figure);
      g_assert_cmpstr (key, ==, cases[i].key);
    }
}

#define fixtured_test(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_setup, (func), fixture_teardown)

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/figure-conflicts/keys", test_keys);
  fixtured_test ("/figure-conflicts/found", test_conflict_found);
  fixtured_test ("/figure-conflicts/percent", test_percent_units_are_one);
  fixtured_test ("/figure-conflicts/near-values", test_near_values_agree);
  fixtured_test ("/figure-conflicts/ranges", test_ranges);
  fixtured_test ("/figure-conflicts/other-subject-or-unit", test_other_subject_or_unit);
  fixtured_test ("/figure-conflicts/other-year", test_other_year);
  fixtured_test ("/figure-conflicts/same-article", test_same_article);
  fixtured_test ("/figure-conflicts/deleted", test_deleted_figure);

  return g_test_run ();
}
