/* fm-store-annotations.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-store"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-anchor.h"
#include "fm-store-private.h"
#include "fm-types.h"

/* Annotations with what hangs off them: the sources a claim or figure is
 * attributed to (links) and the evidence for it. */

#define ANNOTATION_COLUMNS \
  "id, uuid, article_id, kind, start, \"end\", quote, prefix, suffix, note, verdict, " \
  "value, unit, name, source_type, created, modified, state, original_quote, confirmed, " \
  "entity, tracked"

static const char SQL_ARTICLE_LENGTH[] = "SELECT length FROM articles WHERE id = ?1";
static const char SQL_LIST_ANNOTATIONS[] =
  "SELECT " ANNOTATION_COLUMNS " FROM annotations WHERE article_id = ?1"
  " ORDER BY start, \"end\" DESC, id";
static const char SQL_LIST_LINKS[] =
  "SELECT l.annotation_id, l.source_id FROM links l"
  " JOIN annotations n ON n.id = l.annotation_id WHERE n.article_id = ?1"
  " ORDER BY l.annotation_id, l.position";
static const char SQL_LIST_EVIDENCE[] =
  "SELECT e.annotation_id, e.url, e.note FROM evidence e"
  " JOIN annotations n ON n.id = e.annotation_id WHERE n.article_id = ?1"
  " ORDER BY e.annotation_id, e.position";
static const char SQL_GET_ANNOTATION[] =
  "SELECT " ANNOTATION_COLUMNS " FROM annotations WHERE id = ?1";
static const char SQL_ANNOTATION_LINKS[] =
  "SELECT source_id FROM links WHERE annotation_id = ?1 ORDER BY position";
static const char SQL_ANNOTATION_EVIDENCE[] =
  "SELECT url, note FROM evidence WHERE annotation_id = ?1 ORDER BY position";
static const char SQL_INSERT_ANNOTATION[] =
  "INSERT INTO annotations (uuid, article_id, kind, start, \"end\", quote, prefix, suffix,"
  " note, verdict, value, unit, name, source_type, state, original_quote, confirmed,"
  " created, modified, id, entity, tracked)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,"
  " ?19, ?20, ?21, ?22)";
static const char SQL_UPDATE_ANNOTATION[] =
  "UPDATE annotations SET kind = ?2, start = ?3, \"end\" = ?4, quote = ?5, prefix = ?6,"
  " suffix = ?7, note = ?8, verdict = ?9, value = ?10, unit = ?11, name = ?12,"
  " source_type = ?13, state = ?14, original_quote = ?15, confirmed = ?16, modified = ?17"
  " WHERE id = ?1";
static const char SQL_ANNOTATION_COUNT[] =
  "SELECT count(*) FROM annotations WHERE article_id = ?1";
static const char SQL_LINKED_COUNT[] = "SELECT count(*) FROM links WHERE source_id = ?1";
static const char SQL_DELETE_ANNOTATION[] = "DELETE FROM annotations WHERE id = ?1";
static const char SQL_SOURCE_CHECK[] =
  "SELECT kind, article_id FROM annotations WHERE id = ?1";
static const char SQL_DELETE_LINKS[] = "DELETE FROM links WHERE annotation_id = ?1";
static const char SQL_INSERT_LINK[] =
  "INSERT INTO links (annotation_id, source_id, position) VALUES (?1, ?2, ?3)";
static const char SQL_DELETE_EVIDENCE[] = "DELETE FROM evidence WHERE annotation_id = ?1";
static const char SQL_INSERT_EVIDENCE[] =
  "INSERT INTO evidence (annotation_id, position, url, note) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_LINKED_FROM[] =
  "SELECT annotation_id FROM links WHERE source_id = ?1 ORDER BY annotation_id";
static const char SQL_MAX_LINK_POSITION[] =
  "SELECT coalesce(max(position) + 1, 0) FROM links WHERE annotation_id = ?1";

static FmAnnotation *
annotation_from_row (sqlite3_stmt *stmt)
{
  FmAnnotation *annotation;
  FmKind kind = FM_KIND_CLAIM;
  FmVerdict verdict = FM_VERDICT_UNVERIFIED;
  FmSourceType source_type = FM_SOURCE_TYPE_PERSON;

  fm_kind_from_string (fm_store_column_text (stmt, 3), &kind);
  annotation = fm_annotation_new (kind);
  fm_annotation_set_id (annotation, sqlite3_column_int64 (stmt, 0));
  fm_annotation_set_uuid (annotation, fm_store_column_text (stmt, 1));
  fm_annotation_set_article_id (annotation, sqlite3_column_int64 (stmt, 2));
  if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
    fm_annotation_set_span (annotation, -1, -1);
  else
    fm_annotation_set_span (annotation, sqlite3_column_int64 (stmt, 4),
                            sqlite3_column_int64 (stmt, 5));
  fm_annotation_set_quote (annotation, fm_store_column_text (stmt, 6), fm_store_column_text (stmt, 7),
                                                             fm_store_column_text (stmt, 8));
  fm_annotation_set_note (annotation, fm_store_column_text (stmt, 9));
  if (fm_verdict_from_string (fm_store_column_text (stmt, 10), &verdict))
    fm_annotation_set_verdict (annotation, verdict);
  if (sqlite3_column_type (stmt, 11) != SQLITE_NULL)
    fm_annotation_set_value (annotation, TRUE, sqlite3_column_double (stmt, 11));
  fm_annotation_set_unit (annotation, fm_store_column_text (stmt, 12));
  fm_annotation_set_name (annotation, fm_store_column_text (stmt, 13));
  if (fm_source_type_from_string (fm_store_column_text (stmt, 14), &source_type))
    fm_annotation_set_source_type (annotation, source_type);
  fm_annotation_set_times (annotation, sqlite3_column_int64 (stmt, 15),
                           sqlite3_column_int64 (stmt, 16));
  {
    FmAnchorState state = FM_ANCHOR_UNCHANGED;

    if (fm_anchor_state_from_string (fm_store_column_text (stmt, 17), &state))
      fm_annotation_set_state (annotation, state);
  }
  fm_annotation_set_original_quote (annotation, fm_store_column_text (stmt, 18));
  fm_annotation_set_confirmed (annotation, sqlite3_column_int (stmt, 19) != 0);
  fm_annotation_set_entity (annotation, fm_store_column_text (stmt, 20));
  fm_annotation_set_tracked (annotation, fm_store_column_text (stmt, 21));
  return annotation;
}

/* Checks @annotation against an article of @length code points that is
 * known to exist: for a batch of one article's annotations, which looks the
 * article up once rather than once for each. */
gboolean
fm_store_validate_annotation_in (FmStore       *self,
                                 FmAnnotation  *annotation,
                                 gint64         length,
                                 GError       **error)
{
  FmKind kind = fm_annotation_get_kind (annotation);
  gint64 article_id = fm_annotation_get_article_id (annotation);
  GArray *sources = fm_annotation_get_sources (annotation);
  sqlite3_stmt *stmt;
  int rc;

  if (!fm_annotation_is_orphan (annotation)
      && (fm_annotation_get_start (annotation) < 0
          || fm_annotation_get_end (annotation) > length
          || fm_annotation_get_end (annotation) <= fm_annotation_get_start (annotation)))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The span %ld–%ld does not fit the article (%lld characters)"),
                   fm_annotation_get_start (annotation), fm_annotation_get_end (annotation),
                   (long long) length);
      return FALSE;
    }

  if (!fm_verdict_allowed_for_kind (fm_annotation_get_verdict (annotation), kind))
    {
      /* Translators: "Figure" (a kind) and "Opinion" (a verdict), as the
       * window labels them. */
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The verdict “%2$s” does not apply to this kind of annotation (%1$s)"),
                   fm_kind_to_label (kind),
                   fm_verdict_to_label (fm_annotation_get_verdict (annotation)));
      return FALSE;
    }

  if (kind != FM_KIND_SOURCE && fm_annotation_get_id (annotation) > 0)
    {
      gint64 linked = 0;

      /* A source that claims are attributed to cannot stop being one. */
      stmt = fm_store_get_stmt (self, SQL_LINKED_COUNT, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, fm_annotation_get_id (annotation));
      if (sqlite3_step (stmt) == SQLITE_ROW)
        linked = sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (linked > 0)
        {
          g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                       _("Claims or figures are attributed to this source; remove those "
                         "attributions before changing its kind"));
          return FALSE;
        }
    }

  if (kind == FM_KIND_SOURCE && sources->len > 0)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("Only claims and figures can be attributed to sources"));
      return FALSE;
    }

  for (guint i = 0; i < sources->len; i++)
    {
      gint64 source_id = g_array_index (sources, gint64, i);
      gboolean ok;

      stmt = fm_store_get_stmt (self, SQL_SOURCE_CHECK, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, source_id);
      rc = sqlite3_step (stmt);
      ok = rc == SQLITE_ROW
           && g_strcmp0 (fm_store_column_text (stmt, 0), "source") == 0
           && sqlite3_column_int64 (stmt, 1) == article_id;
      sqlite3_reset (stmt);
      if (!ok)
        {
          g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                       _("Annotation %lld is not a source in this article"),
                       (long long) source_id);
          return FALSE;
        }
    }

  return TRUE;
}

static gboolean
validate_annotation (FmStore       *self,
                     FmAnnotation  *annotation,
                     GError       **error)
{
  gint64 article_id = fm_annotation_get_article_id (annotation);
  sqlite3_stmt *stmt;
  gint64 length;
  int rc;

  /* The length is read on its own: the row's text can be megabytes. */
  stmt = fm_store_get_stmt (self, SQL_ARTICLE_LENGTH, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, article_id);
  rc = sqlite3_step (stmt);
  length = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fm_store_set_sqlite_error (self, rc, error);
  if (length < 0)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND,
                   _("No article with id %lld"), (long long) article_id);
      return FALSE;
    }
  return fm_store_validate_annotation_in (self, annotation, length, error);
}

static void
bind_annotation_fields (sqlite3_stmt *stmt,
                        FmAnnotation *annotation,
                        int           first)
{
  FmKind kind = fm_annotation_get_kind (annotation);

  /* kind, start, end, quote, prefix, suffix, note, verdict, value, unit,
   * name, source_type, state, original_quote, confirmed, in that order
   * from @first. */
  fm_store_bind_text (stmt, first, fm_kind_to_string (kind));
  if (fm_annotation_is_orphan (annotation))
    {
      sqlite3_bind_null (stmt, first + 1);
      sqlite3_bind_null (stmt, first + 2);
    }
  else
    {
      sqlite3_bind_int64 (stmt, first + 1, fm_annotation_get_start (annotation));
      sqlite3_bind_int64 (stmt, first + 2, fm_annotation_get_end (annotation));
    }
  fm_store_bind_text (stmt, first + 3, fm_annotation_get_quote (annotation));
  fm_store_bind_text (stmt, first + 4, fm_annotation_get_prefix (annotation));
  fm_store_bind_text (stmt, first + 5, fm_annotation_get_suffix (annotation));
  fm_store_bind_text (stmt, first + 6, fm_annotation_get_note (annotation));
  fm_store_bind_text (stmt, first + 7, fm_verdict_to_string (fm_annotation_get_verdict (annotation)));
  if (kind == FM_KIND_FIGURE && fm_annotation_get_has_value (annotation))
    sqlite3_bind_double (stmt, first + 8, fm_annotation_get_value (annotation));
  else
    sqlite3_bind_null (stmt, first + 8);
  fm_store_bind_text (stmt, first + 9, kind == FM_KIND_FIGURE ? fm_annotation_get_unit (annotation) : NULL);
  fm_store_bind_text (stmt, first + 10, kind == FM_KIND_SOURCE ? fm_annotation_get_name (annotation) : NULL);
  fm_store_bind_text (stmt, first + 11,
                      kind == FM_KIND_SOURCE
                      ? fm_source_type_to_string (fm_annotation_get_source_type (annotation)) : NULL);
  fm_store_bind_text (stmt, first + 12, fm_anchor_state_to_string (fm_annotation_get_state (annotation)));
  fm_store_bind_text (stmt, first + 13, fm_annotation_get_original_quote (annotation));
  sqlite3_bind_int (stmt, first + 14, fm_annotation_get_confirmed (annotation));
}

/* Writes every column of @annotation's row, with @now as its modification
 * time; its links and evidence are left as they are. */
gboolean
fm_store_write_annotation_row (FmStore       *self,
                               FmAnnotation  *annotation,
                               gint64         now,
                               GError       **error)
{
  sqlite3_stmt *stmt;

  g_assert (FM_IS_STORE (self));

  if (!(stmt = fm_store_get_stmt (self, SQL_UPDATE_ANNOTATION, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, fm_annotation_get_id (annotation));
  bind_annotation_fields (stmt, annotation, 2);
  sqlite3_bind_int64 (stmt, 17, now);
  return fm_store_step_done (self, stmt, error);
}

/* Writes @annotation's links and evidence in place of what its row had. */
gboolean
fm_store_write_annotation_children (FmStore       *self,
                                    FmAnnotation  *annotation,
                                    GError       **error)
{
  gint64 id = fm_annotation_get_id (annotation);
  GArray *sources = fm_annotation_get_sources (annotation);
  GPtrArray *evidence = fm_annotation_get_evidence (annotation);
  sqlite3_stmt *stmt;

  if (!(stmt = fm_store_get_stmt (self, SQL_DELETE_LINKS, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!fm_store_step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; i < sources->len; i++)
    {
      if (!(stmt = fm_store_get_stmt (self, SQL_INSERT_LINK, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, g_array_index (sources, gint64, i));
      sqlite3_bind_int (stmt, 3, i);
      if (!fm_store_step_done (self, stmt, error))
        return FALSE;
    }

  if (!(stmt = fm_store_get_stmt (self, SQL_DELETE_EVIDENCE, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!fm_store_step_done (self, stmt, error))
    return FALSE;

  for (guint i = 0; i < evidence->len; i++)
    {
      FmEvidence *item = g_ptr_array_index (evidence, i);

      if (!(stmt = fm_store_get_stmt (self, SQL_INSERT_EVIDENCE, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int (stmt, 2, i);
      fm_store_bind_text (stmt, 3, item->url);
      fm_store_bind_text (stmt, 4, item->note);
      if (!fm_store_step_done (self, stmt, error))
        return FALSE;
    }

  return TRUE;
}

static gboolean
load_children (FmStore       *self,
               FmAnnotation  *annotation,
               GError       **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = fm_store_get_stmt (self, SQL_ANNOTATION_LINKS, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, fm_annotation_get_id (annotation));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    fm_annotation_add_source (annotation, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fm_store_set_sqlite_error (self, rc, error);

  if (!(stmt = fm_store_get_stmt (self, SQL_ANNOTATION_EVIDENCE, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, fm_annotation_get_id (annotation));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    fm_annotation_add_evidence (annotation, fm_store_column_text (stmt, 0), fm_store_column_text (stmt, 1));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fm_store_set_sqlite_error (self, rc, error);

  return TRUE;
}

/**
 * fm_store_list_annotations:
 *
 * Loads an article's annotations, their links and their evidence in three
 * queries, whatever their number.
 *
 * Returns: (transfer container) (element-type FmAnnotation): sorted by start
 */
GPtrArray *
fm_store_list_annotations (FmStore  *self,
                           gint64    article_id,
                           GError  **error)
{
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FM_IS_STORE (self), NULL);

  /* Read in one snapshot so a concurrent writer cannot tear the three. */
  if (sqlite3_exec (self->db, "BEGIN", NULL, NULL, NULL) != SQLITE_OK)
    {
      fm_store_set_sqlite_error (self, sqlite3_errcode (self->db), error);
      return NULL;
    }

  if (!(stmt = fm_store_get_stmt (self, SQL_LIST_ANNOTATIONS, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, article_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      FmAnnotation *annotation = annotation_from_row (stmt);

      g_ptr_array_add (list, annotation);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      fm_store_set_sqlite_error (self, rc, error);
      goto fail;
    }

  for (guint i = 0; i < list->len; i++)
    {
      FmAnnotation *annotation = g_ptr_array_index (list, i);
      gint64 *key = g_new (gint64, 1);

      *key = fm_annotation_get_id (annotation);
      g_hash_table_insert (by_id, key, annotation);
    }

  if (!(stmt = fm_store_get_stmt (self, SQL_LIST_LINKS, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, article_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      FmAnnotation *annotation = g_hash_table_lookup (by_id, &id);

      if (annotation)
        fm_annotation_add_source (annotation, sqlite3_column_int64 (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      fm_store_set_sqlite_error (self, rc, error);
      goto fail;
    }

  if (!(stmt = fm_store_get_stmt (self, SQL_LIST_EVIDENCE, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, article_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      FmAnnotation *annotation = g_hash_table_lookup (by_id, &id);

      if (annotation)
        fm_annotation_add_evidence (annotation, fm_store_column_text (stmt, 1), fm_store_column_text (stmt, 2));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      fm_store_set_sqlite_error (self, rc, error);
      goto fail;
    }

  sqlite3_exec (self->db, "COMMIT", NULL, NULL, NULL);
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, by_id);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_free (key);
  }
  return g_steal_pointer (&list);

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  {
    GHashTableIter iter;
    gpointer key;

    g_hash_table_iter_init (&iter, by_id);
    while (g_hash_table_iter_next (&iter, &key, NULL))
      g_free (key);
  }
  return NULL;
}

FmAnnotation *
fm_store_get_annotation (FmStore  *self,
                         gint64    id,
                         GError  **error)
{
  g_autoptr(FmAnnotation) annotation = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FM_IS_STORE (self), NULL);

  if (!(stmt = fm_store_get_stmt (self, SQL_GET_ANNOTATION, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    annotation = annotation_from_row (stmt);
  sqlite3_reset (stmt);

  if (rc == SQLITE_DONE)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND,
                   _("No annotation with id %lld"), (long long) id);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      fm_store_set_sqlite_error (self, rc, error);
      return NULL;
    }

  if (!load_children (self, annotation, error))
    return NULL;

  return g_steal_pointer (&annotation);
}

FmAnnotation *
fm_store_lookup_annotation (FmStore     *self,
                            const char  *ref,
                            GError     **error)
{
  gint64 id;

  g_return_val_if_fail (FM_IS_STORE (self), NULL);

  id = fm_store_resolve_ref (self, ref, FALSE, error);
  return id > 0 ? fm_store_get_annotation (self, id, error) : NULL;
}

static gboolean
insert_annotation (FmStore       *self,
                   FmAnnotation  *annotation,
                   GError       **error)
{
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time ();

  if (!validate_annotation (self, annotation, error))
    return FALSE;

  if (!(stmt = fm_store_get_stmt (self, SQL_ANNOTATION_COUNT, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, fm_annotation_get_article_id (annotation));
  if (sqlite3_step (stmt) == SQLITE_ROW
      && sqlite3_column_int64 (stmt, 0) >= FM_MAX_ANNOTATIONS_PER_ARTICLE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, FM_ERROR, FM_ERROR_TOO_LARGE,
                   _("An article can hold at most %d annotations"),
                   FM_MAX_ANNOTATIONS_PER_ARTICLE);
      return FALSE;
    }
  sqlite3_reset (stmt);

  if (fm_annotation_get_uuid (annotation) == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      fm_annotation_set_uuid (annotation, uuid);
    }
  if (fm_annotation_get_created (annotation) == 0)
    fm_annotation_set_times (annotation, now, now);

  if (!(stmt = fm_store_get_stmt (self, SQL_INSERT_ANNOTATION, error)))
    return FALSE;
  fm_store_bind_text (stmt, 1, fm_annotation_get_uuid (annotation));
  sqlite3_bind_int64 (stmt, 2, fm_annotation_get_article_id (annotation));
  bind_annotation_fields (stmt, annotation, 3);
  sqlite3_bind_int64 (stmt, 18, fm_annotation_get_created (annotation));
  sqlite3_bind_int64 (stmt, 19, fm_annotation_get_modified (annotation));
  /* An annotation coming back from undo keeps its id; a new one gets one. */
  if (fm_annotation_get_id (annotation) > 0)
    sqlite3_bind_int64 (stmt, 20, fm_annotation_get_id (annotation));
  else
    sqlite3_bind_null (stmt, 20);
  fm_store_bind_text (stmt, 21, fm_annotation_get_entity (annotation));
  fm_store_bind_text (stmt, 22, fm_annotation_get_tracked (annotation));
  if (!fm_store_step_done (self, stmt, error))
    return FALSE;

  fm_annotation_set_id (annotation, sqlite3_last_insert_rowid (self->db));
  return fm_store_write_annotation_children (self, annotation, error);
}

/**
 * fm_store_add_annotation:
 * @annotation: an annotation anchored in its article; its id, uuid and
 *   times are filled in (a uuid or creation time already set is kept)
 *
 * Adds the annotation with its links and evidence in one transaction.
 */
gboolean
fm_store_add_annotation (FmStore       *self,
                         FmAnnotation  *annotation,
                         GError       **error)
{
  return fm_store_restore_annotation (self, annotation, NULL, error);
}

/**
 * fm_store_restore_annotation:
 * @linked_from: (nullable) (element-type gint64): claims and figures that
 *   were attributed to this source before it was deleted
 *
 * Adds the annotation back, with the attributions that pointed at it, as
 * one change, so undoing a deletion restores exactly what was there; but a
 * claim of a tracked group takes the verdict, note and evidence the group
 * has now.
 */
gboolean
fm_store_restore_annotation (FmStore       *self,
                             FmAnnotation  *annotation,
                             GArray        *linked_from,
                             GError       **error)
{
  g_autoptr(GPtrArray) relinked = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (FM_IS_STORE (self), FALSE);
  g_return_val_if_fail (FM_IS_ANNOTATION (annotation), FALSE);

  if (!fm_store_begin (self, error))
    return FALSE;
  if (!insert_annotation (self, annotation, error)
      || !fm_store_adopt_tracked (self, annotation, error))
    return fm_store_rollback (self);

  for (guint i = 0; linked_from != NULL && i < linked_from->len; i++)
    {
      gint64 claim_id = g_array_index (linked_from, gint64, i);
      sqlite3_stmt *stmt;
      int position;

      if (!(stmt = fm_store_get_stmt (self, SQL_MAX_LINK_POSITION, error)))
        return fm_store_rollback (self);
      sqlite3_bind_int64 (stmt, 1, claim_id);
      position = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int (stmt, 0) : 0;
      sqlite3_reset (stmt);

      if (!(stmt = fm_store_get_stmt (self, SQL_INSERT_LINK, error)))
        return fm_store_rollback (self);
      sqlite3_bind_int64 (stmt, 1, claim_id);
      sqlite3_bind_int64 (stmt, 2, fm_annotation_get_id (annotation));
      sqlite3_bind_int (stmt, 3, position);
      if (!fm_store_step_done (self, stmt, error))
        return fm_store_rollback (self);
    }

  if (!fm_store_commit (self, error))
    return FALSE;

  g_signal_emit (self, fm_store_signals[FM_STORE_SIGNAL_ANNOTATION_ADDED], 0, annotation);
  for (guint i = 0; linked_from != NULL && i < linked_from->len; i++)
    {
      g_autoptr(FmAnnotation) claim =
        fm_store_get_annotation (self, g_array_index (linked_from, gint64, i), NULL);

      if (claim)
        g_signal_emit (self, fm_store_signals[FM_STORE_SIGNAL_ANNOTATION_CHANGED], 0, claim);
    }
  fm_store_emit_article_changed (self, fm_annotation_get_article_id (annotation));
  return TRUE;
}

/**
 * fm_store_add_annotations:
 * @annotations: (element-type FmAnnotation): new annotations, all of one
 *   article; each gets its id and uuid as in fm_store_add_annotation()
 *
 * Adds many annotations as one transaction: all of them or none, with one
 * change of the article's counts announced at the end. For imports.
 */
gboolean
fm_store_add_annotations (FmStore    *self,
                          GPtrArray  *annotations,
                          GError    **error)
{
  return fm_store_add_linked_annotations (self, annotations, NULL, error);
}

/**
 * fm_store_add_linked_annotations:
 * @annotations: (element-type FmAnnotation): as for fm_store_add_annotations()
 * @link_to: (nullable) (element-type gint): for each annotation, the index
 *   of an earlier source in @annotations to attribute it to, or -1
 *
 * Like fm_store_add_annotations(), and a claim can be attributed to a source
 * that is new in the same transaction, whose id is known only once it is in:
 * accepting a suggested quote adds the claim and its speaker's source as one
 * change.
 */
gboolean
fm_store_add_linked_annotations (FmStore    *self,
                                 GPtrArray  *annotations,
                                 GArray     *link_to,
                                 GError    **error)
{
  gint64 article_id;

  g_return_val_if_fail (FM_IS_STORE (self), FALSE);
  g_return_val_if_fail (annotations != NULL, FALSE);
  g_return_val_if_fail (link_to == NULL || link_to->len == annotations->len, FALSE);

  if (annotations->len == 0)
    return TRUE;
  article_id = fm_annotation_get_article_id (g_ptr_array_index (annotations, 0));

  if (!fm_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < annotations->len; i++)
    {
      FmAnnotation *annotation = g_ptr_array_index (annotations, i);

      if (fm_annotation_get_article_id (annotation) != article_id)
        {
          g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                       _("Annotations added together must belong to one article"));
          return fm_store_rollback (self);
        }
      if (link_to != NULL && g_array_index (link_to, gint, i) >= 0)
        {
          gint j = g_array_index (link_to, gint, i);

          g_return_val_if_fail ((guint) j < i, fm_store_rollback (self));
          fm_annotation_add_source (annotation,
                                    fm_annotation_get_id (g_ptr_array_index (annotations, j)));
        }
      if (!insert_annotation (self, annotation, error))
        {
          /* The ids given out in this transaction are void again. */
          for (guint j = 0; j <= i; j++)
            fm_annotation_set_id (g_ptr_array_index (annotations, j), 0);
          return fm_store_rollback (self);
        }
    }
  if (!fm_store_commit (self, error))
    {
      for (guint i = 0; i < annotations->len; i++)
        fm_annotation_set_id (g_ptr_array_index (annotations, i), 0);
      return FALSE;
    }

  for (guint i = 0; i < annotations->len; i++)
    g_signal_emit (self, fm_store_signals[FM_STORE_SIGNAL_ANNOTATION_ADDED], 0, g_ptr_array_index (annotations, i));
  fm_store_emit_article_changed (self, article_id);
  return TRUE;
}

/**
 * fm_store_update_annotation:
 *
 * Writes every field of @annotation, with its links and evidence, in one
 * transaction, and sets its modification time.
 */
gboolean
fm_store_update_annotation (FmStore       *self,
                            FmAnnotation  *annotation,
                            GError       **error)
{
  g_autoptr(GArray) shared = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (FM_IS_STORE (self), FALSE);
  g_return_val_if_fail (FM_IS_ANNOTATION (annotation), FALSE);

  if (!fm_store_begin (self, error))
    return FALSE;
  if (!validate_annotation (self, annotation, error))
    return fm_store_rollback (self);
  if (!fm_store_write_annotation_row (self, annotation, now, error))
    return fm_store_rollback (self);
  if (sqlite3_changes (self->db) == 0)
    {
      fm_store_rollback (self);
      g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND,
                   _("No annotation with id %lld"),
                   (long long) fm_annotation_get_id (annotation));
      return FALSE;
    }
  if (!fm_store_write_annotation_children (self, annotation, error)
      || !fm_store_share_tracked (self, annotation, shared, error))
    return fm_store_rollback (self);
  if (!fm_store_commit (self, error))
    return FALSE;

  fm_annotation_set_times (annotation, fm_annotation_get_created (annotation), now);
  g_signal_emit (self, fm_store_signals[FM_STORE_SIGNAL_ANNOTATION_CHANGED], 0, annotation);
  fm_store_emit_article_changed (self, fm_annotation_get_article_id (annotation));
  fm_store_emit_annotations_changed (self, shared);
  return TRUE;
}

/**
 * fm_store_list_linked_from:
 *
 * Returns: (transfer full) (element-type gint64): the claims and figures
 *   attributed to the source @source_id
 */
GArray *
fm_store_list_linked_from (FmStore  *self,
                           gint64    source_id,
                           GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (FM_IS_STORE (self), NULL);

  if (!(stmt = fm_store_get_stmt (self, SQL_LINKED_FROM, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, source_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      fm_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

gboolean
fm_store_delete_annotation (FmStore  *self,
                            gint64    id,
                            GError  **error)
{
  g_autoptr(FmAnnotation) annotation = NULL;
  g_autoptr(GArray) linked_from = NULL;
  sqlite3_stmt *stmt;
  gint64 article_id;

  g_return_val_if_fail (FM_IS_STORE (self), FALSE);

  if (!fm_store_begin (self, error))
    return FALSE;
  annotation = fm_store_get_annotation (self, id, error);
  if (annotation == NULL)
    return fm_store_rollback (self);
  article_id = fm_annotation_get_article_id (annotation);
  linked_from = fm_store_list_linked_from (self, id, error);
  if (linked_from == NULL)
    return fm_store_rollback (self);
  if (!(stmt = fm_store_get_stmt (self, SQL_DELETE_ANNOTATION, error)))
    return fm_store_rollback (self);
  sqlite3_bind_int64 (stmt, 1, id);
  if (!fm_store_step_done (self, stmt, error))
    return fm_store_rollback (self);
  if (!fm_store_commit (self, error))
    return FALSE;

  g_signal_emit (self, fm_store_signals[FM_STORE_SIGNAL_ANNOTATION_REMOVED], 0, article_id, id);
  /* Claims attributed to a deleted source lost that link. */
  for (guint i = 0; i < linked_from->len; i++)
    {
      g_autoptr(FmAnnotation) claim =
        fm_store_get_annotation (self, g_array_index (linked_from, gint64, i), NULL);

      if (claim)
        g_signal_emit (self, fm_store_signals[FM_STORE_SIGNAL_ANNOTATION_CHANGED], 0, claim);
    }
  fm_store_emit_article_changed (self, article_id);
  return TRUE;
}

/**
 * fm_store_delete_annotations:
 * @ids: (element-type gint64): annotations of one article
 *
 * Deletes them all as one change, as undoing an accepted group of
 * suggestions needs: either every one goes or none does. Delete claims
 * before the sources they are attributed to.
 */
gboolean
fm_store_delete_annotations (FmStore  *self,
                             GArray   *ids,
                             GError  **error)
{
  gint64 article_id = 0;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FM_IS_STORE (self), FALSE);
  g_return_val_if_fail (ids != NULL, FALSE);

  if (ids->len == 0)
    return TRUE;
  if (!fm_store_begin (self, error))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(FmAnnotation) annotation =
        fm_store_get_annotation (self, g_array_index (ids, gint64, i), error);

      if (annotation == NULL)
        return fm_store_rollback (self);
      article_id = fm_annotation_get_article_id (annotation);
      if (!(stmt = fm_store_get_stmt (self, SQL_DELETE_ANNOTATION, error)))
        return fm_store_rollback (self);
      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      if (!fm_store_step_done (self, stmt, error))
        return fm_store_rollback (self);
    }
  if (!fm_store_commit (self, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    g_signal_emit (self, fm_store_signals[FM_STORE_SIGNAL_ANNOTATION_REMOVED], 0, article_id,
                   g_array_index (ids, gint64, i));
  fm_store_emit_article_changed (self, article_id);
  return TRUE;
}
