/* fm-document.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-document"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-document.h"
#include "fm-text.h"

/* An open article: its text and a live, sorted list of its annotations
 * that follows the store's signals. The window shows one; tests drive one
 * without a display. Annotations are identified by id; when the store
 * reports a change, the old object is replaced by the new one so that list
 * rows rebind. */

struct _FmDocument
{
  GObject     parent_instance;

  FmStore    *store;
  FmArticle  *article;
  GListStore *annotations;
  /* The same annotations again, one list per kind of anchored ones and a
   * last one of orphans: the fact panel shows these as they are, where
   * filtering the whole list for each would take a pass over every one. */
  GListStore *groups[FM_DOCUMENT_N_GROUPS];
  /* FmSuggestionItem, in text order: what the detectors propose that is
   * neither annotated nor rejected. */
  GListStore *suggestions;
  /* id → FmAnnotation (borrowed from the list) */
  GHashTable *by_id;
  /* At least as long as the longest span ever listed: an annotation
   * covering an offset starts no further back than this, which bounds the
   * look-ups by position. */
  glong       max_length;
  gint64      article_id;
  /* The offset each line of the text starts at, made by the reading
   * thread, or else the first time a position is asked for: the editor
   * shows one for every selection, and walking a long text from its start
   * each time took milliseconds. */
  GArray     *line_starts;

  /* While the article is read in a thread, what the store reports is kept
   * here and applied once the reading is in: id → the annotation as it is
   * now, or %NULL once removed. The reading may have been taken before or
   * after any of these, and applying the last state of each is right
   * either way. */
  GHashTable *missed;
  FmArticle  *missed_article;
  gboolean    missed_removal;
  gboolean    missed_text;
};

enum {
  PROP_0,
  PROP_ARTICLE,
  N_PROPS
};

enum {
  ANNOTATION_ADDED,
  ANNOTATION_CHANGED,
  ANNOTATION_REMOVED,
  REMOVED,
  N_SIGNALS
};

G_DEFINE_FINAL_TYPE (FmDocument, fm_document, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static int
compare_annotations (gconstpointer a,
                     gconstpointer b,
                     gpointer      user_data)
{
  FmAnnotation *x = (FmAnnotation *) a;
  FmAnnotation *y = (FmAnnotation *) b;
  glong d;

  /* Text order; of two starting together, the enclosing one first. */
  if ((d = fm_annotation_get_start (x) - fm_annotation_get_start (y)) != 0)
    return d < 0 ? -1 : 1;
  if ((d = fm_annotation_get_end (y) - fm_annotation_get_end (x)) != 0)
    return d < 0 ? -1 : 1;
  return fm_annotation_get_id (x) < fm_annotation_get_id (y) ? -1
         : fm_annotation_get_id (x) > fm_annotation_get_id (y);
}

/* The lists are kept in compare_annotations() order, so a member is found
 * by bisection rather than by walking the list. */
static gboolean
find_position (GListStore   *list,
               FmAnnotation *annotation,
               guint        *position)
{
  GListModel *model = G_LIST_MODEL (list);
  guint lo = 0, hi = g_list_model_get_n_items (model);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(FmAnnotation) a = g_list_model_get_item (model, mid);
      int order = compare_annotations (a, annotation, NULL);

      if (order == 0)
        {
          *position = mid;
          return a == annotation;
        }
      if (order < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return FALSE;
}

static guint
group_of (FmAnnotation *annotation)
{
  if (fm_annotation_is_orphan (annotation))
    return FM_DOCUMENT_ORPHANS;
  return fm_annotation_get_kind (annotation);
}

/* Takes @annotation, a member, out of the list and of its group. */
static void
take_out (FmDocument   *self,
          FmAnnotation *annotation)
{
  GListStore *group = self->groups[group_of (annotation)];
  guint position;

  if (find_position (self->annotations, annotation, &position))
    g_list_store_remove (self->annotations, position);
  if (find_position (group, annotation, &position))
    g_list_store_remove (group, position);
}

static void
note_length (FmDocument   *self,
             FmAnnotation *annotation)
{
  glong length = fm_annotation_get_end (annotation) - fm_annotation_get_start (annotation);

  self->max_length = MAX (self->max_length, length);
}

static void
insert_sorted (FmDocument   *self,
               FmAnnotation *annotation)
{
  gint64 *key = g_new (gint64, 1);

  *key = fm_annotation_get_id (annotation);
  note_length (self, annotation);
  g_list_store_insert_sorted (self->annotations, annotation, compare_annotations, NULL);
  g_list_store_insert_sorted (self->groups[group_of (annotation)], annotation,
                              compare_annotations, NULL);
  g_hash_table_replace (self->by_id, key, annotation);
}

/* A suggestion the user has marked by hand, or accepted, is no longer a
 * suggestion. */
static void
drop_annotated_suggestions (FmDocument   *self,
                            FmAnnotation *annotation)
{
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(FmAnnotatedIndex) index = NULL;
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->suggestions));

  g_ptr_array_add (one, annotation);
  /* Indexed once for all the suggestions: an index per suggestion took
   * 3 ms of each mark in an article with 10,000 annotations. */
  index = fm_annotated_index_new (one);
  for (guint i = n; i > 0; i--)
    {
      g_autoptr(FmSuggestionItem) item = g_list_model_get_item (G_LIST_MODEL (self->suggestions),
                                                                i - 1);

      if (fm_annotated_index_covers (index, fm_suggestion_item_get_suggestion (item)))
        g_list_store_remove (self->suggestions, i - 1);
    }
}

static void
note_missed (FmDocument   *self,
             gint64        id,
             FmAnnotation *annotation)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  /* A copy: the emitter may go on changing its object. */
  g_hash_table_replace (self->missed, key, annotation ? fm_annotation_copy (annotation) : NULL);
}

static void
annotation_added_cb (FmDocument   *self,
                     FmAnnotation *annotation,
                     FmStore      *store)
{
  g_autoptr(FmAnnotation) copy = NULL;

  g_assert (FM_IS_DOCUMENT (self));

  if (fm_annotation_get_article_id (annotation) != self->article_id)
    return;
  if (self->missed != NULL)
    {
      note_missed (self, fm_annotation_get_id (annotation), annotation);
      return;
    }
  if (fm_document_lookup (self, fm_annotation_get_id (annotation)) != NULL)
    return;

  /* Keep our own copy: the emitter may go on changing its object. */
  copy = fm_annotation_copy (annotation);
  insert_sorted (self, copy);
  drop_annotated_suggestions (self, copy);
  g_signal_emit (self, signals[ANNOTATION_ADDED], 0, copy);
}

static void
annotation_changed_cb (FmDocument   *self,
                       FmAnnotation *annotation,
                       FmStore      *store)
{
  g_autoptr(FmAnnotation) old = NULL;
  g_autoptr(FmAnnotation) copy = NULL;
  FmAnnotation *current;

  g_assert (FM_IS_DOCUMENT (self));

  if (fm_annotation_get_article_id (annotation) != self->article_id)
    return;
  if (self->missed != NULL)
    {
      note_missed (self, fm_annotation_get_id (annotation), annotation);
      return;
    }
  current = fm_document_lookup (self, fm_annotation_get_id (annotation));
  if (current == NULL)
    return;

  old = g_object_ref (current);
  copy = fm_annotation_copy (annotation);
  take_out (self, current);
  insert_sorted (self, copy);
  g_signal_emit (self, signals[ANNOTATION_CHANGED], 0, old, copy);
}

static void
annotation_removed_cb (FmDocument *self,
                       gint64      article_id,
                       gint64      id,
                       FmStore    *store)
{
  g_autoptr(FmAnnotation) old = NULL;
  FmAnnotation *current;

  g_assert (FM_IS_DOCUMENT (self));

  if (article_id != self->article_id)
    return;
  if (self->missed != NULL)
    {
      note_missed (self, id, NULL);
      return;
    }
  current = fm_document_lookup (self, id);
  if (current == NULL)
    return;

  old = g_object_ref (current);
  g_hash_table_remove (self->by_id, &id);
  take_out (self, old);
  g_signal_emit (self, signals[ANNOTATION_REMOVED], 0, old);
}

/* The signal's copy has no text; take over only the metadata. */
static void
take_metadata (FmArticle *article,
               FmArticle *from)
{
  fm_article_set_title (article, fm_article_get_title (from));
  fm_article_set_url (article, fm_article_get_url (from));
  fm_article_set_outlet (article, fm_article_get_outlet (from));
  fm_article_set_author (article, fm_article_get_author (from));
  fm_article_set_published (article, fm_article_get_published (from));
  fm_article_set_lang (article, fm_article_get_lang (from));
  for (guint k = 0; k < FM_N_KINDS; k++)
    fm_article_set_count (article, k, fm_article_get_count (from, k));
}

static void
article_changed_cb (FmDocument *self,
                    FmArticle  *article,
                    FmStore    *store)
{
  g_assert (FM_IS_DOCUMENT (self));

  if (fm_article_get_id (article) != self->article_id)
    return;
  if (self->missed != NULL)
    g_set_object (&self->missed_article, article);
  else
    take_metadata (self->article, article);
}

static void
article_removed_cb (FmDocument *self,
                    gint64      article_id,
                    FmStore    *store)
{
  g_assert (FM_IS_DOCUMENT (self));

  if (article_id != self->article_id)
    return;
  if (self->missed != NULL)
    self->missed_removal = TRUE;
  else
    g_signal_emit (self, signals[REMOVED], 0);
}

/* Only a reading under way cares: the window opens the article anew when
 * its text changes, and a reading taken before would not match. */
static void
text_changed_cb (FmDocument *self,
                 gint64      article_id,
                 FmStore    *store)
{
  g_assert (FM_IS_DOCUMENT (self));

  if (article_id == self->article_id && self->missed != NULL)
    self->missed_text = TRUE;
}

static void
fm_document_dispose (GObject *object)
{
  FmDocument *self = (FmDocument *)object;

  if (self->store != NULL)
    g_signal_handlers_disconnect_by_data (self->store, self);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (fm_document_parent_class)->dispose (object);
}

static void
fm_document_finalize (GObject *object)
{
  FmDocument *self = (FmDocument *)object;

  g_clear_pointer (&self->by_id, g_hash_table_unref);
  g_clear_pointer (&self->line_starts, g_array_unref);
  g_clear_pointer (&self->missed, g_hash_table_unref);
  g_clear_object (&self->missed_article);
  g_clear_object (&self->annotations);
  for (guint g = 0; g < FM_DOCUMENT_N_GROUPS; g++)
    g_clear_object (&self->groups[g]);
  g_clear_object (&self->suggestions);
  g_clear_object (&self->article);

  G_OBJECT_CLASS (fm_document_parent_class)->finalize (object);
}

static void
fm_document_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  FmDocument *self = FM_DOCUMENT (object);

  switch (prop_id)
    {
    case PROP_ARTICLE:
      g_value_set_object (value, self->article);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_document_class_init (FmDocumentClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = fm_document_dispose;
  object_class->finalize = fm_document_finalize;
  object_class->get_property = fm_document_get_property;

  properties[PROP_ARTICLE] =
    g_param_spec_object ("article", NULL, NULL, FM_TYPE_ARTICLE,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  signals[ANNOTATION_ADDED] =
    g_signal_new ("annotation-added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FM_TYPE_ANNOTATION);
  /**
   * FmDocument::annotation-changed:
   * @old: the annotation as it was
   * @new: the annotation as it is now, which replaced @old in the list
   */
  signals[ANNOTATION_CHANGED] =
    g_signal_new ("annotation-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, FM_TYPE_ANNOTATION, FM_TYPE_ANNOTATION);
  signals[ANNOTATION_REMOVED] =
    g_signal_new ("annotation-removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, FM_TYPE_ANNOTATION);
  /**
   * FmDocument::removed:
   *
   * The article was deleted from the library.
   */
  signals[REMOVED] =
    g_signal_new ("removed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
fm_document_init (FmDocument *self)
{
  self->annotations = g_list_store_new (FM_TYPE_ANNOTATION);
  for (guint g = 0; g < FM_DOCUMENT_N_GROUPS; g++)
    self->groups[g] = g_list_store_new (FM_TYPE_ANNOTATION);
  self->suggestions = g_list_store_new (FM_TYPE_SUGGESTION_ITEM);
  self->by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
}

/* Loading */

/* What a reading gives: the article with its text, and its annotations in
 * the store's order. */
typedef struct
{
  FmArticle *article;
  GPtrArray *annotations;
  /* Where each line starts, made in the reading's thread; %NULL from a
   * reading on the caller's thread, which leaves it to the first use. */
  GArray    *line_starts;
} Reading;

static GArray *index_lines (const char *text);

typedef struct
{
  char    *path;
  gboolean read_only;
  gint64   article_id;
} ReadRequest;

static void
reading_free (Reading *reading)
{
  g_clear_object (&reading->article);
  g_clear_pointer (&reading->annotations, g_ptr_array_unref);
  g_clear_pointer (&reading->line_starts, g_array_unref);
  g_free (reading);
}

static void
read_request_free (ReadRequest *request)
{
  g_free (request->path);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Reading, reading_free)

static Reading *
read_article (FmStore  *store,
              gint64    article_id,
              GError  **error)
{
  g_autoptr(Reading) reading = g_new0 (Reading, 1);

  if (!(reading->article = fm_store_get_article (store, article_id, error)))
    return NULL;
  if (!(reading->annotations = fm_store_list_annotations (store, article_id, error)))
    return NULL;
  return g_steal_pointer (&reading);
}

static void
unref_if_set (gpointer object)
{
  if (object != NULL)
    g_object_unref (object);
}

/* A document that follows @store from now on, holding what it reports
 * until the reading is in. */
static FmDocument *
document_new (FmStore *store,
              gint64   article_id)
{
  FmDocument *self = g_object_new (FM_TYPE_DOCUMENT, NULL);

  self->store = g_object_ref (store);
  self->article_id = article_id;
  self->missed = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, unref_if_set);

  g_signal_connect_object (store, "annotation-added", G_CALLBACK (annotation_added_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "annotation-changed", G_CALLBACK (annotation_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "annotation-removed", G_CALLBACK (annotation_removed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "article-changed", G_CALLBACK (article_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "article-removed", G_CALLBACK (article_removed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (store, "article-text-changed", G_CALLBACK (text_changed_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}

/* Fills the lists from @annotations, sorted already: one splice each makes
 * one items-changed each. */
static void
fill (FmDocument *self,
      GPtrArray  *annotations)
{
  GPtrArray *groups[FM_DOCUMENT_N_GROUPS];

  for (guint g = 0; g < FM_DOCUMENT_N_GROUPS; g++)
    groups[g] = g_ptr_array_new ();
  for (guint i = 0; i < annotations->len; i++)
    {
      FmAnnotation *annotation = g_ptr_array_index (annotations, i);
      gint64 *key = g_new (gint64, 1);

      *key = fm_annotation_get_id (annotation);
      g_hash_table_insert (self->by_id, key, annotation);
      note_length (self, annotation);
      g_ptr_array_add (groups[group_of (annotation)], annotation);
    }
  g_list_store_splice (self->annotations, 0, 0, annotations->pdata, annotations->len);
  for (guint g = 0; g < FM_DOCUMENT_N_GROUPS; g++)
    {
      g_list_store_splice (self->groups[g], 0, 0, groups[g]->pdata, groups[g]->len);
      g_ptr_array_unref (groups[g]);
    }
}

/* Brings the reading up to what the store reported meanwhile. */
static void
apply_missed (FmDocument *self)
{
  GHashTableIter iter;
  gpointer key, value;

  g_hash_table_iter_init (&iter, self->missed);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      FmAnnotation *current = fm_document_lookup (self, *(gint64 *) key);

      if (current != NULL)
        {
          take_out (self, current);
          g_hash_table_remove (self->by_id, key);
        }
      if (value != NULL)
        insert_sorted (self, value);
    }
  if (self->missed_article != NULL)
    take_metadata (self->article, self->missed_article);
  g_clear_object (&self->missed_article);
  g_clear_pointer (&self->missed, g_hash_table_unref);
}

/* Ends loading with @reading; FALSE with @error set if the article went. */
static gboolean
complete (FmDocument  *self,
          Reading     *reading,
          GError     **error)
{
  if (self->missed_removal)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND, _("The article was deleted"));
      return FALSE;
    }
  self->article = g_steal_pointer (&reading->article);
  self->line_starts = g_steal_pointer (&reading->line_starts);
  fill (self, reading->annotations);
  apply_missed (self);
  return TRUE;
}

static void
read_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  ReadRequest *request = task_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(FmStore) store = NULL;
  Reading *reading = NULL;

  /* A connection of its own: WAL lets it read while the window writes. */
  store = fm_store_open_full (request->path, request->read_only, &error);
  if (store != NULL)
    reading = read_article (store, request->article_id, &error);
  /* The editor's "Line, column" needs it at the first selection, where
   * making it took 1.5 ms per megabyte of text on the main loop. */
  if (reading != NULL)
    reading->line_starts = index_lines (fm_article_get_text (reading->article));
  if (reading == NULL)
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, reading, (GDestroyNotify) reading_free);
}

static void read_done_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data);

static void
start_reading (GTask *task)
{
  FmDocument *self = g_task_get_task_data (task);
  ReadRequest *request = g_new0 (ReadRequest, 1);
  g_autoptr(GTask) reader = g_task_new (NULL, g_task_get_cancellable (task), read_done_cb,
                                        g_object_ref (task));

  request->path = g_strdup (fm_store_get_path (self->store));
  request->read_only = fm_store_get_read_only (self->store);
  request->article_id = self->article_id;
  g_task_set_task_data (reader, request, (GDestroyNotify) read_request_free);
  g_task_run_in_thread (reader, read_thread);
}

static void
read_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FmDocument *self = g_task_get_task_data (task);
  g_autoptr(Reading) reading = NULL;
  g_autoptr(GError) error = NULL;

  reading = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_task_return_error_if_cancelled (task))
    return;
  if (reading != NULL && self->missed_text)
    {
      /* The text changed under the reading: every span may have moved. */
      self->missed_text = FALSE;
      g_hash_table_remove_all (self->missed);
      start_reading (task);
      return;
    }
  if (reading == NULL || !complete (self, reading, &error))
    g_task_return_error (task, g_steal_pointer (&error));
  else
    g_task_return_pointer (task, g_object_ref (self), g_object_unref);
}

/**
 * fm_document_load:
 *
 * Reads the article and its annotations on the calling thread. The window
 * uses fm_document_load_async() instead, so as not to wait.
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error
 *   set
 */
FmDocument *
fm_document_load (FmStore  *store,
                  gint64    article_id,
                  GError  **error)
{
  g_autoptr(FmDocument) self = NULL;
  g_autoptr(Reading) reading = NULL;

  g_return_val_if_fail (FM_IS_STORE (store), NULL);

  self = document_new (store, article_id);
  if (!(reading = read_article (store, article_id, error)) || !complete (self, reading, error))
    return NULL;
  return g_steal_pointer (&self);
}

/**
 * fm_document_load_async:
 *
 * Reads the article and its annotations in a thread, on a connection of
 * its own, so that a long article does not hold up the main loop. What
 * the store reports meanwhile is applied before @callback runs, so the
 * document is as current as one from fm_document_load().
 */
void
fm_document_load_async (FmStore             *store,
                        gint64               article_id,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (FM_IS_STORE (store));
  g_return_if_fail (!cancellable || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, fm_document_load_async);
  g_task_set_task_data (task, document_new (store, article_id), g_object_unref);
  start_reading (task);
}

/**
 * fm_document_load_finish:
 *
 * Returns: (transfer full) (nullable): the document, or %NULL with @error
 *   set
 */
FmDocument *
fm_document_load_finish (GAsyncResult  *result,
                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * fm_document_get_group:
 * @group: an #FmKind, or %FM_DOCUMENT_ORPHANS
 *
 * Returns: (transfer none): the anchored annotations of one kind, or
 *   every orphan, in text order
 */
GListModel *
fm_document_get_group (FmDocument *self,
                       guint       group)
{
  g_return_val_if_fail (FM_IS_DOCUMENT (self), NULL);
  g_return_val_if_fail (group < FM_DOCUMENT_N_GROUPS, NULL);

  return G_LIST_MODEL (self->groups[group]);
}

FmStore *
fm_document_get_store (FmDocument *self)
{
  g_return_val_if_fail (FM_IS_DOCUMENT (self), NULL);
  return self->store;
}

FmArticle *
fm_document_get_article (FmDocument *self)
{
  g_return_val_if_fail (FM_IS_DOCUMENT (self), NULL);
  return self->article;
}

gint64
fm_document_get_article_id (FmDocument *self)
{
  g_return_val_if_fail (FM_IS_DOCUMENT (self), 0);
  return self->article_id;
}

/**
 * fm_document_get_annotations:
 *
 * Returns: (transfer none): the annotations, in text order
 */
GListModel *
fm_document_get_annotations (FmDocument *self)
{
  g_return_val_if_fail (FM_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->annotations);
}

/**
 * fm_document_get_suggestions:
 *
 * Returns: (transfer none): a list of FmSuggestionItem in text order
 */
GListModel *
fm_document_get_suggestions (FmDocument *self)
{
  g_return_val_if_fail (FM_IS_DOCUMENT (self), NULL);
  return G_LIST_MODEL (self->suggestions);
}

/**
 * fm_document_set_suggestions:
 * @suggestions: (transfer container) (element-type FmSuggestion) (nullable):
 *   suggestions already filtered with fm_suggest_filter(), in text order
 *
 * Replaces the suggestions shown, in one change of the list.
 */
void
fm_document_set_suggestions (FmDocument *self,
                             GPtrArray  *suggestions)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (FM_IS_DOCUMENT (self));

  for (guint i = 0; suggestions != NULL && i < suggestions->len; i++)
    g_ptr_array_add (items, fm_suggestion_item_new (g_steal_pointer (&suggestions->pdata[i])));
  g_list_store_splice (self->suggestions, 0,
                       g_list_model_get_n_items (G_LIST_MODEL (self->suggestions)),
                       items->pdata, items->len);
  if (suggestions != NULL)
    {
      g_ptr_array_set_free_func (suggestions, NULL);
      g_ptr_array_unref (suggestions);
    }
}

/* Takes one suggestion out of the list, once accepted or rejected. */
void
fm_document_remove_suggestion (FmDocument       *self,
                               FmSuggestionItem *item)
{
  guint position;

  g_return_if_fail (FM_IS_DOCUMENT (self));
  g_return_if_fail (FM_IS_SUGGESTION_ITEM (item));

  if (g_list_store_find (self->suggestions, item, &position))
    g_list_store_remove (self->suggestions, position);
}

FmAnnotation *
fm_document_lookup (FmDocument *self,
                    gint64      id)
{
  g_return_val_if_fail (FM_IS_DOCUMENT (self), NULL);
  return g_hash_table_lookup (self->by_id, &id);
}

/* The position of the first annotation that may end after @offset: none
 * before it starts late enough to reach it. */
static guint
first_reaching (FmDocument *self,
                glong       offset)
{
  GListModel *model = G_LIST_MODEL (self->annotations);
  glong from = offset - self->max_length;
  guint lo = 0, hi = g_list_model_get_n_items (model);

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      g_autoptr(FmAnnotation) a = g_list_model_get_item (model, mid);

      if (fm_annotation_get_start (a) < from)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

/**
 * fm_document_in_range:
 * @start: a code point offset
 * @end: the offset after the range
 *
 * Returns: (transfer container) (element-type FmAnnotation): the
 *   annotations with a part in @start..@end, in text order; orphans have
 *   no span and are never among them
 */
GPtrArray *
fm_document_in_range (FmDocument *self,
                      glong       start,
                      glong       end)
{
  GPtrArray *hits = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model;
  guint n;

  g_return_val_if_fail (FM_IS_DOCUMENT (self), hits);

  model = G_LIST_MODEL (self->annotations);
  n = g_list_model_get_n_items (model);
  for (guint i = first_reaching (self, start); i < n; i++)
    {
      FmAnnotation *a = g_list_model_get_item (model, i);

      if (fm_annotation_get_start (a) >= end)
        {
          g_object_unref (a);
          break;
        }
      if (fm_annotation_get_end (a) > start && fm_annotation_get_start (a) < fm_annotation_get_end (a))
        g_ptr_array_add (hits, a);
      else
        g_object_unref (a);
    }
  return hits;
}

static int
compare_length (gconstpointer a,
                gconstpointer b)
{
  FmAnnotation *x = *(FmAnnotation **) a;
  FmAnnotation *y = *(FmAnnotation **) b;
  glong lx = fm_annotation_get_end (x) - fm_annotation_get_start (x);
  glong ly = fm_annotation_get_end (y) - fm_annotation_get_start (y);

  if (lx != ly)
    return lx < ly ? -1 : 1;
  /* Of two the same length, the later one is drawn on top. */
  return fm_annotation_get_id (x) > fm_annotation_get_id (y) ? -1 : 1;
}

/**
 * fm_document_at_offset:
 *
 * Returns: (transfer container) (element-type FmAnnotation): the
 *   annotations covering @offset, innermost (shortest) first
 */
GPtrArray *
fm_document_at_offset (FmDocument *self,
                       glong       offset)
{
  GPtrArray *hits;

  g_return_val_if_fail (FM_IS_DOCUMENT (self), g_ptr_array_new_with_free_func (g_object_unref));

  hits = fm_document_in_range (self, offset, offset + 1);
  g_ptr_array_sort (hits, compare_length);
  return hits;
}

static GArray *
index_lines (const char *text)
{
  GArray *starts = g_array_new (FALSE, FALSE, sizeof (glong));
  glong offset = 0;

  g_array_append_val (starts, offset);
  for (const char *p = text; *p; p = g_utf8_next_char (p))
    {
      offset++;
      if (*p == '\n')
        g_array_append_val (starts, offset);
    }
  return starts;
}

/* The last line that starts at or before @offset. */
static guint
line_at (GArray *starts,
         glong   offset)
{
  guint lo = 0, hi = starts->len;

  while (hi - lo > 1)
    {
      guint mid = lo + (hi - lo) / 2;

      if (g_array_index (starts, glong, mid) <= offset)
        lo = mid;
      else
        hi = mid;
    }
  return lo;
}

/**
 * fm_document_locate:
 * @offset: a position in the text, in code points; past the end is taken
 *   as the end
 * @line: (out): its line, from 1
 * @column: (out): its column on that line, in code points, from 1
 *
 * Where @offset is, as fm_text_walker_seek() counts it.
 */
void
fm_document_locate (FmDocument *self,
                    glong       offset,
                    guint      *line,
                    guint      *column)
{
  const char *text;
  guint index;

  g_return_if_fail (FM_IS_DOCUMENT (self));
  g_return_if_fail (line != NULL && column != NULL);

  text = fm_article_get_text (self->article);
  if (self->line_starts == NULL)
    self->line_starts = index_lines (text);
  offset = CLAMP (offset, 0, fm_article_get_length (self->article));
  index = line_at (self->line_starts, offset);
  *line = index + 1;
  *column = offset - g_array_index (self->line_starts, glong, index) + 1;
}

/**
 * fm_document_new_annotation:
 *
 * Returns: (transfer full): an annotation of @kind on @start..@end of the
 *   article, trimmed of surrounding white space and given its defaults;
 *   not yet stored
 */
FmAnnotation *
fm_document_new_annotation (FmDocument  *self,
                            FmKind       kind,
                            glong        start,
                            glong        end,
                            GError     **error)
{
  g_autoptr(FmAnnotation) annotation = NULL;
  glong trim_start, trim_end;

  g_return_val_if_fail (FM_IS_DOCUMENT (self), NULL);

  if (!fm_text_check_span (fm_article_get_text (self->article),
                           fm_article_get_length (self->article), start, end, error))
    return NULL;
  /* Trimmed on the text from the selection on, found without a walk from
   * the start of a long article. */
  trim_start = 0;
  trim_end = end - start;
  fm_text_trim_span (fm_article_get_text_at (self->article, start), &trim_start, &trim_end);
  if (trim_start >= trim_end)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID, _("The selection holds only white space"));
      return NULL;
    }

  annotation = fm_annotation_new (kind);
  fm_annotation_set_article_id (annotation, fm_article_get_id (self->article));
  if (!fm_annotation_anchor_in (annotation, self->article, start + trim_start, start + trim_end,
                                error))
    return NULL;
  fm_annotation_apply_defaults (annotation);
  return g_steal_pointer (&annotation);
}
