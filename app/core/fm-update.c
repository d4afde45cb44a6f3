/* fm-update.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-update"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fm-text.h"
#include "fm-update.h"

/* Updating an article: re-anchor every annotation onto the new text, then
 * store the new revision and the annotations' new places in one
 * transaction. The anchoring is the slow part and may run in a thread; the
 * store is only ever written from the caller's thread. */

typedef struct
{
  gint64     article_id;
  char      *text;
  char      *origin;
  GPtrArray *annotations;
} ReanchorJob;

static void
reanchor_job_free (gpointer data)
{
  ReanchorJob *job = data;

  g_free (job->text);
  g_free (job->origin);
  g_clear_pointer (&job->annotations, g_ptr_array_unref);
  g_free (job);
}

void
fm_update_summary_clear (FmUpdateSummary *summary)
{
  g_return_if_fail (summary != NULL);

  g_clear_pointer (&summary->attention, g_array_unref);
  memset (summary->counts, 0, sizeof summary->counts);
}

static FmAnchorSpan *
spans_for (GPtrArray *annotations)
{
  FmAnchorSpan *spans = g_new0 (FmAnchorSpan, MAX (annotations->len, 1));

  for (guint i = 0; i < annotations->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (annotations, i);

      spans[i].start = fm_annotation_get_start (a);
      spans[i].end = fm_annotation_get_end (a);
      spans[i].quote = fm_annotation_get_quote (a);
      spans[i].prefix = fm_annotation_get_prefix (a);
      spans[i].suffix = fm_annotation_get_suffix (a);
    }
  return spans;
}

/* A figure whose value was read from its quote follows the quote when a
 * correction changes the number; a value the user typed stays. */
static void
refresh_figure_value (FmAnnotation *annotation,
                      const char   *old_quote)
{
  g_autofree char *old_unit = NULL;
  g_autofree char *unit = NULL;
  double old_value, value;

  if (fm_annotation_get_kind (annotation) != FM_KIND_FIGURE
      || !fm_annotation_get_has_value (annotation)
      || !fm_text_parse_figure (old_quote, &old_value, &old_unit)
      || old_value != fm_annotation_get_value (annotation)
      || !fm_text_parse_figure (fm_annotation_get_quote (annotation), &value, &unit))
    return;
  fm_annotation_set_value (annotation, TRUE, value);
}

/**
 * fm_update_apply_results:
 * @annotations: (element-type FmAnnotation): the annotations as they are
 * @results: (element-type FmAnchorResult): where re-anchoring put each
 *
 * Returns: (transfer container) (element-type FmAnnotation): copies of
 *   @annotations at their new places, with their states
 */
GPtrArray *
fm_update_apply_results (GPtrArray *annotations,
                         GArray    *results)
{
  GPtrArray *updated = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (annotations != NULL, updated);
  g_return_val_if_fail (results != NULL && results->len == annotations->len, updated);

  for (guint i = 0; i < annotations->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (annotations, i);
      FmAnchorResult *r = &g_array_index (results, FmAnchorResult, i);
      FmAnnotation *copy = fm_annotation_copy (a);
      const char *first = fm_annotation_get_original_quote (a)
                          ? fm_annotation_get_original_quote (a) : fm_annotation_get_quote (a);

      if (r->state == FM_ANCHOR_ORPHANED)
        {
          /* Keep the quote and context it was made on, to find it by. */
          fm_annotation_orphan (copy);
        }
      else
        {
          fm_annotation_set_span (copy, r->start, r->end);
          fm_annotation_set_quote (copy, r->quote, r->prefix, r->suffix);
          fm_annotation_set_state (copy, r->state);
          refresh_figure_value (copy, fm_annotation_get_quote (a));
        }

      /* The quote the user first marked is remembered once it differs. */
      fm_annotation_set_original_quote (copy, g_strcmp0 (first, fm_annotation_get_quote (copy)) != 0
                                              ? first : NULL);
      /* What changed or was lost waits for the user to look at it. */
      if (r->state == FM_ANCHOR_CHANGED || r->state == FM_ANCHOR_ORPHANED)
        fm_annotation_set_confirmed (copy, FALSE);
      g_ptr_array_add (updated, copy);
    }

  return updated;
}

static void
summarize (GPtrArray       *updated,
           FmUpdateSummary *summary)
{
  if (summary == NULL)
    return;

  memset (summary->counts, 0, sizeof summary->counts);
  g_clear_pointer (&summary->attention, g_array_unref);
  summary->attention = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < updated->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (updated, i);
      FmAnchorState state = fm_annotation_get_state (a);

      summary->counts[state]++;
      if (state == FM_ANCHOR_CHANGED || state == FM_ANCHOR_ORPHANED)
        {
          gint64 id = fm_annotation_get_id (a);
          g_array_append_val (summary->attention, id);
        }
    }
}

static gboolean
prepare (FmStore     *store,
         gint64       article_id,
         const char  *text,
         FmArticle  **article,
         GPtrArray  **annotations,
         GError     **error)
{
  if (!(*article = fm_store_get_article (store, article_id, error)))
    return FALSE;
  /* An empty text is refused before the anchoring; whether the text is
   * canonical (an NFC pass over all of it) the store checks, once, before
   * it writes anything. */
  if (*text == '\0')
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The new text is empty or not canonical"));
      return FALSE;
    }
  if (g_strcmp0 (fm_article_get_text (*article), text) == 0)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The new text is the same as the article's current text"));
      return FALSE;
    }
  if (!(*annotations = fm_store_list_annotations (store, article_id, error)))
    return FALSE;
  return TRUE;
}

/**
 * fm_update_article:
 * @text: the new canonical text
 * @origin: (nullable): where it came from
 * @summary: (out caller-allocates) (optional): how many landed in each
 *   state; clear it with fm_update_summary_clear()
 *
 * Re-anchors the article's annotations onto @text and stores the new
 * revision with them, as one change.
 */
gboolean
fm_update_article (FmStore          *store,
                   gint64            article_id,
                   const char       *text,
                   const char       *origin,
                   FmUpdateSummary  *summary,
                   GCancellable     *cancellable,
                   GError          **error)
{
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GArray) results = NULL;
  g_autoptr(GPtrArray) updated = NULL;
  g_autofree FmAnchorSpan *spans = NULL;

  g_return_val_if_fail (FM_IS_STORE (store), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!prepare (store, article_id, text, &article, &annotations, error))
    return FALSE;

  spans = spans_for (annotations);
  results = fm_anchor_spans (fm_article_get_text (article), text, spans, annotations->len,
                             NULL, NULL, cancellable, error);
  if (results == NULL)
    return FALSE;

  updated = fm_update_apply_results (annotations, results);
  if (!fm_store_update_text (store, article_id, text, origin, updated, error))
    return FALSE;

  summarize (updated, summary);
  return TRUE;
}

static void
anchored_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ReanchorJob *job = g_task_get_task_data (task);
  FmStore *store = g_task_get_source_object (task);
  g_autoptr(GArray) results = NULL;
  g_autoptr(GPtrArray) updated = NULL;
  GError *error = NULL;

  results = fm_anchor_spans_finish (result, &error);
  if (results == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  updated = fm_update_apply_results (job->annotations, results);
  if (!fm_store_update_text (store, job->article_id, job->text, job->origin, updated, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_pointer (task, g_steal_pointer (&updated), (GDestroyNotify) g_ptr_array_unref);
}

/**
 * fm_update_article_async:
 *
 * Like fm_update_article(), with the re-anchoring in a worker thread and
 * @progress called in the caller's main context.
 */
void
fm_update_article_async (FmStore             *store,
                         gint64               article_id,
                         const char          *text,
                         const char          *origin,
                         FmAnchorProgress     progress,
                         gpointer             progress_data,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autofree FmAnchorSpan *spans = NULL;
  GError *error = NULL;
  ReanchorJob *job;

  g_return_if_fail (FM_IS_STORE (store));
  g_return_if_fail (text != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, fm_update_article_async);

  if (!prepare (store, article_id, text, &article, &annotations, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  job = g_new0 (ReanchorJob, 1);
  job->article_id = article_id;
  job->text = g_strdup (text);
  job->origin = g_strdup (origin);
  job->annotations = g_ptr_array_ref (annotations);
  g_task_set_task_data (task, job, reanchor_job_free);

  spans = spans_for (annotations);
  fm_anchor_spans_async (fm_article_get_text (article), text, spans, annotations->len,
                         progress, progress_data, NULL, cancellable, anchored_cb,
                         g_steal_pointer (&task));
}

gboolean
fm_update_article_finish (FmStore          *store,
                          GAsyncResult     *result,
                          FmUpdateSummary  *summary,
                          GError          **error)
{
  g_autoptr(GPtrArray) updated = NULL;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);

  updated = g_task_propagate_pointer (G_TASK (result), error);
  if (updated == NULL)
    return FALSE;
  summarize (updated, summary);
  return TRUE;
}
