/* test-head-model.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fm-head-model.h"

/* The head model against a copy kept only from its items-changed signals:
 * after every change to the list or the limit, the copy must hold the
 * list's first items, and the signals must have said no more than what
 * changed. */

typedef struct
{
  GListStore  *store;
  FmHeadModel *head;
  /* What a list view would hold, rebuilt only from the signals. */
  GPtrArray   *mirror;
  /* Items the signals reported removed and added, since the last check. */
  guint        churn;
} Fixture;

static void
mirror_changed_cb (GListModel *model,
                   guint       position,
                   guint       removed,
                   guint       added,
                   Fixture    *f)
{
  /* A handler must see the count the change leaves. */
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, f->mirror->len - removed + added);
  g_assert_cmpuint (position + removed, <=, f->mirror->len);
  g_ptr_array_remove_range (f->mirror, position, removed);
  for (guint i = 0; i < added; i++)
    g_ptr_array_insert (f->mirror, position + i, g_list_model_get_item (model, position + i));
  f->churn += removed + added;
}

static void
fixture_init (Fixture *f,
              guint    n,
              guint    limit)
{
  f->store = g_list_store_new (G_TYPE_OBJECT);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_object_new (G_TYPE_OBJECT, NULL);

      g_list_store_append (f->store, item);
    }
  f->head = fm_head_model_new (G_LIST_MODEL (f->store), limit);
  f->mirror = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (f->head)); i++)
    g_ptr_array_add (f->mirror, g_list_model_get_item (G_LIST_MODEL (f->head), i));
  g_signal_connect (f->head, "items-changed", G_CALLBACK (mirror_changed_cb), f);
  f->churn = 0;
}

static void
fixture_clear (Fixture *f)
{
  g_clear_object (&f->head);
  g_clear_object (&f->store);
  g_clear_pointer (&f->mirror, g_ptr_array_unref);
}

/* The copy holds the first items of the list, as many as the limit lets
 * through; returns the churn since the last check. */
static guint
check (Fixture *f)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (f->store));
  guint expected = MIN (n, fm_head_model_get_limit (f->head));
  guint churn = f->churn;

  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (f->head)), ==, expected);
  g_assert_cmpuint (f->mirror->len, ==, expected);
  for (guint i = 0; i < expected; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (G_LIST_MODEL (f->store), i);

      g_assert_true (g_ptr_array_index (f->mirror, i) == item);
    }
  g_assert_null (g_list_model_get_item (G_LIST_MODEL (f->head), expected));
  f->churn = 0;
  return churn;
}

static void
splice (Fixture *f,
        guint    position,
        guint    removed,
        guint    added)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < added; i++)
    g_ptr_array_add (items, g_object_new (G_TYPE_OBJECT, NULL));
  g_list_store_splice (f->store, position, removed, items->pdata, added);
}

/* One mark in a long list shown whole is one row added, not the rest of
 * the list moved. */
static void
test_exact (void)
{
  Fixture f;

  fixture_init (&f, 10000, G_MAXUINT);
  splice (&f, 5000, 0, 1);
  g_assert_cmpuint (check (&f), ==, 1);
  g_list_store_remove (f.store, 20);
  g_assert_cmpuint (check (&f), ==, 1);
  splice (&f, 100, 1, 1);
  g_assert_cmpuint (check (&f), ==, 2);
  fixture_clear (&f);
}

/* Below the limit, changes past it are not reported, and the edge moves
 * as items are pushed out of view or pulled into it. */
static void
test_limit (void)
{
  Fixture f;

  fixture_init (&f, 100, 40);
  g_assert_cmpuint (check (&f), ==, 0);
  splice (&f, 60, 0, 5);
  g_assert_cmpuint (check (&f), ==, 0);
  /* Inserted in view: one in, the last one out. */
  splice (&f, 10, 0, 1);
  g_assert_cmpuint (check (&f), ==, 2);
  /* Removed in view: one out, the next one in. */
  g_list_store_remove (f.store, 0);
  g_assert_cmpuint (check (&f), ==, 2);
  /* More inserted than the view holds after them. */
  splice (&f, 35, 0, 20);
  check (&f);
  /* A removal running past the view. */
  splice (&f, 30, 20, 3);
  check (&f);

  fm_head_model_set_limit (f.head, 80);
  g_assert_cmpuint (check (&f), ==, 40);
  fm_head_model_set_limit (f.head, 10);
  g_assert_cmpuint (check (&f), ==, 70);
  fm_head_model_set_limit (f.head, G_MAXUINT);
  check (&f);
  g_list_store_remove_all (f.store);
  check (&f);
  fixture_clear (&f);
}

/* Random splices and limits, each checked against the list. */
static void
test_random (void)
{
  Fixture f;
  GRand *rand = g_rand_new_with_seed (20261207);

  fixture_init (&f, 50, 20);
  for (guint round = 0; round < 2000; round++)
    {
      guint n = g_list_model_get_n_items (G_LIST_MODEL (f.store));

      if (g_rand_int_range (rand, 0, 10) == 0)
        {
          guint limit = g_rand_int_range (rand, 0, 4) == 0 ? G_MAXUINT
                                                           : (guint) g_rand_int_range (rand, 0, 80);

          fm_head_model_set_limit (f.head, limit);
        }
      else
        {
          guint position = g_rand_int_range (rand, 0, n + 1);
          guint removed = g_rand_int_range (rand, 0, MIN (n - position, 12) + 1);
          guint added = g_rand_int_range (rand, 0, n < 120 ? 12 : 4);

          splice (&f, position, removed, added);
        }
      check (&f);
    }
  g_rand_free (rand);
  fixture_clear (&f);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/head-model/exact", test_exact);
  g_test_add_func ("/head-model/limit", test_limit);
  g_test_add_func ("/head-model/random", test_random);

  return g_test_run ();
}
