/* crash-child.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "fm-store.h"
#include "fm-text.h"
#include "fm-types.h"

/* The child of test-crash: it changes annotations through FmStore as fast as
 * it can until it is killed, and acknowledges each change on stdout only
 * after the store's commit has returned:
 *
 *   add ID TOKEN     an annotation was created
 *   edit ID TOKEN    an annotation was rewritten
 *   del ID           an annotation was deleted
 *
 * Every annotation it writes describes itself in its note, "tok=TOKEN;ev=E;
 * ln=L": it has E evidence rows whose URLs carry TOKEN and L links to the
 * library's fixed sources. An edit replaces all three at once, so a change
 * that was only half committed would show as an annotation whose rows do not
 * match its note. Sources whose note is "fixed" are never touched, so the
 * links of other annotations only change when they do.
 *
 * Usage: crash-child LIBRARY RUN SEED. RUN goes into every token, so the
 * parent can tell which run wrote a change. */

#define EVIDENCE_URL "https://evidence.example/%s/%u"
#define MAX_EVIDENCE 4

static void G_GNUC_NORETURN
die (const char   *what,
     const GError *error)
{
  fprintf (stderr, "crash-child: %s: %s\n", what, error ? error->message : "failed");
  exit (3);
}

static void
describe (FmAnnotation *annotation,
          const char   *token,
          GArray       *fixed,
          GRand        *rand)
{
  g_autofree char *note = NULL;
  guint n_evidence = g_rand_int_range (rand, 0, MAX_EVIDENCE + 1);
  guint n_links = 0;

  /* Replace whatever the annotation had: the edit is all or nothing. */
  while (fm_annotation_get_evidence (annotation)->len > 0)
    fm_annotation_remove_evidence (annotation, 0);
  while (fm_annotation_get_sources (annotation)->len > 0)
    fm_annotation_remove_source (annotation,
                                 g_array_index (fm_annotation_get_sources (annotation), gint64, 0));

  if (fm_annotation_get_kind (annotation) != FM_KIND_SOURCE)
    {
      n_links = g_rand_int_range (rand, 0, fixed->len + 1);
      for (guint i = 0; i < n_links; i++)
        fm_annotation_add_source (annotation, g_array_index (fixed, gint64, i));
    }
  for (guint i = 0; i < n_evidence; i++)
    {
      g_autofree char *url = g_strdup_printf (EVIDENCE_URL, token, i);

      fm_annotation_add_evidence (annotation, url, token);
    }

  note = g_strdup_printf ("tok=%s;ev=%u;ln=%u", token, n_evidence, n_links);
  fm_annotation_set_note (annotation, note);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GPtrArray) existing = NULL;
  g_autoptr(GArray) fixed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) mutable = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GRand) rand = NULL;
  const char *text;
  glong length;
  guint64 counter = 0;

  if (argc != 4)
    {
      fprintf (stderr, "Usage: crash-child LIBRARY RUN SEED\n");
      return 2;
    }
  rand = g_rand_new_with_seed ((guint32) g_ascii_strtoull (argv[3], NULL, 10));

  if (!(store = fm_store_open (argv[1], &error)))
    die ("open", error);
  if (!(articles = fm_store_list_articles (store, &error)) || articles->len == 0)
    die ("list articles", error);
  if (!(article = fm_store_get_article (store, fm_article_get_id (g_ptr_array_index (articles, 0)),
                                        &error)))
    die ("get article", error);
  text = fm_article_get_text (article);
  length = fm_article_get_length (article);

  if (!(existing = fm_store_list_annotations (store, fm_article_get_id (article), &error)))
    die ("list annotations", error);
  for (guint i = 0; i < existing->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (existing, i);
      gint64 id = fm_annotation_get_id (a);

      if (g_strcmp0 (fm_annotation_get_note (a), "fixed") == 0)
        g_array_append_val (fixed, id);
      else
        g_array_append_val (mutable, id);
    }

  for (;;)
    {
      guint roll = g_rand_int_range (rand, 0, 100);
      /* Grow to about 60 annotations, then hover there. */
      guint add_below = mutable->len < 20 ? 70 : mutable->len < 60 ? 40 : 25;
      g_autofree char *token = g_strdup_printf ("%s-%" G_GUINT64_FORMAT, argv[2], ++counter);

      if (mutable->len == 0 || roll < add_below)
        {
          g_autoptr(FmAnnotation) annotation =
            fm_annotation_new (g_rand_int_range (rand, 0, FM_N_KINDS));
          glong start = g_rand_int_range (rand, 0, length - 1);
          glong width = g_rand_int_range (rand, 1, 40);
          glong end = MIN (length, start + width);

          fm_annotation_set_article_id (annotation, fm_article_get_id (article));
          if (!fm_annotation_anchor (annotation, text, length, start, end, &error))
            die ("anchor", error);
          fm_annotation_apply_defaults (annotation);
          describe (annotation, token, fixed, rand);
          if (!fm_store_add_annotation (store, annotation, &error))
            die ("add", error);
          {
            gint64 id = fm_annotation_get_id (annotation);

            g_array_append_val (mutable, id);
            printf ("add %" G_GINT64_FORMAT " %s\n", id, token);
          }
        }
      else if (roll < add_below + (100 - add_below) * 6 / 10)
        {
          guint index = g_rand_int_range (rand, 0, mutable->len);
          gint64 id = g_array_index (mutable, gint64, index);
          g_autoptr(FmAnnotation) annotation = fm_store_get_annotation (store, id, &error);

          if (annotation == NULL)
            die ("get", error);
          describe (annotation, token, fixed, rand);
          if (!fm_store_update_annotation (store, annotation, &error))
            die ("edit", error);
          printf ("edit %" G_GINT64_FORMAT " %s\n", id, token);
        }
      else
        {
          guint index = g_rand_int_range (rand, 0, mutable->len);
          gint64 id = g_array_index (mutable, gint64, index);

          if (!fm_store_delete_annotation (store, id, &error))
            die ("delete", error);
          g_array_remove_index_fast (mutable, index);
          printf ("del %" G_GINT64_FORMAT "\n", id);
        }
      fflush (stdout);
    }

  return 0;
}
