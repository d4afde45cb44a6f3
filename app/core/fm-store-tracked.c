/* fm-store-tracked.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-store"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fm-facts.h"
#include "fm-store-private.h"
#include "fm-tracked.h"

/* The claims of a tracked claim share a uuid in their rows' tracked column.
 * Whatever writes one of them through fm_store_update_annotation() writes
 * its verdict, note and evidence to the others in the same transaction, so
 * they can never be seen to differ. */

static const char SQL_TRACKED_OF[] = "SELECT tracked FROM annotations WHERE id = ?1";
static const char SQL_MEMBERS[] =
  "SELECT id FROM annotations WHERE tracked = ?1 AND id <> ?2 ORDER BY id";
static const char SQL_SET_TRACKED[] = "UPDATE annotations SET tracked = ?2 WHERE id = ?1";

static void
add_unique (GArray *ids,
            gint64  id)
{
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == id)
      return;
  g_array_append_val (ids, id);
}

static char *
tracked_of (FmStore *self,
            gint64   id)
{
  sqlite3_stmt *stmt = fm_store_get_stmt (self, SQL_TRACKED_OF, NULL);
  char *tracked = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    tracked = g_strdup (fm_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return tracked;
}

/* Appends to @ids the other claims tracked under @tracked. */
static gboolean
add_members (FmStore     *self,
             const char  *tracked,
             gint64       id,
             GArray      *ids,
             GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (tracked == NULL)
    return TRUE;
  if (!(stmt = fm_store_get_stmt (self, SQL_MEMBERS, error)))
    return FALSE;
  fm_store_bind_text (stmt, 1, tracked);
  sqlite3_bind_int64 (stmt, 2, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    add_unique (ids, sqlite3_column_int64 (stmt, 0));
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || fm_store_set_sqlite_error (self, rc, error);
}

static gboolean
same_evidence (FmAnnotation *a,
               FmAnnotation *b)
{
  GPtrArray *x = fm_annotation_get_evidence (a);
  GPtrArray *y = fm_annotation_get_evidence (b);

  if (x->len != y->len)
    return FALSE;
  for (guint i = 0; i < x->len; i++)
    {
      FmEvidence *p = g_ptr_array_index (x, i);
      FmEvidence *q = g_ptr_array_index (y, i);

      if (g_strcmp0 (p->url, q->url) != 0 || g_strcmp0 (p->note, q->note) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
copy_shared (FmAnnotation *to,
             FmAnnotation *from)
{
  GPtrArray *evidence = fm_annotation_get_evidence (from);

  fm_annotation_set_verdict (to, fm_annotation_get_verdict (from));
  fm_annotation_set_note (to, fm_annotation_get_note (from));
  while (fm_annotation_get_evidence (to)->len > 0)
    fm_annotation_remove_evidence (to, 0);
  for (guint i = 0; i < evidence->len; i++)
    {
      FmEvidence *item = g_ptr_array_index (evidence, i);

      fm_annotation_add_evidence (to, item->url, item->note);
    }
}

/* Gives the claim @id what @shared holds, if it differs; notes it in
 * @changed. */
/* Gives @to the verdict, note and evidence of @from, in its object and its
 * row, unless it has them already; @written says whether it had not. */
static gboolean
write_shared (FmStore       *self,
              FmAnnotation  *to,
              FmAnnotation  *from,
              gint64         now,
              gboolean      *written,
              GError       **error)
{
  *written = FALSE;
  if (fm_annotation_get_verdict (to) == fm_annotation_get_verdict (from)
      && g_strcmp0 (fm_annotation_get_note (to), fm_annotation_get_note (from)) == 0
      && same_evidence (to, from))
    return TRUE;
  copy_shared (to, from);
  *written = TRUE;
  return fm_store_write_annotation_row (self, to, now, error)
         && fm_store_write_annotation_children (self, to, error);
}

static gboolean
share_with (FmStore       *self,
            gint64         id,
            FmAnnotation  *shared,
            gint64         now,
            GArray        *changed,
            GError       **error)
{
  g_autoptr(FmAnnotation) member = fm_store_get_annotation (self, id, error);
  gboolean written = FALSE;

  if (member == NULL || !write_shared (self, member, shared, now, &written, error))
    return FALSE;
  if (written)
    add_unique (changed, id);
  return TRUE;
}

/* fm_store_share_tracked:
 * @changed: (element-type gint64): where the claims it changed are noted
 *
 * Inside a transaction: gives the claims tracked with @annotation its
 * verdict, note and evidence. */
gboolean
fm_store_share_tracked (FmStore       *self,
                        FmAnnotation  *annotation,
                        GArray        *changed,
                        GError       **error)
{
  g_autofree char *tracked = tracked_of (self, fm_annotation_get_id (annotation));
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (gint64));
  gint64 now = g_get_real_time ();

  if (tracked == NULL || fm_annotation_get_kind (annotation) != FM_KIND_CLAIM)
    return TRUE;
  if (!add_members (self, tracked, fm_annotation_get_id (annotation), members, error))
    return FALSE;
  for (guint i = 0; i < members->len; i++)
    if (!share_with (self, g_array_index (members, gint64, i), annotation, now, changed, error))
      return FALSE;
  return TRUE;
}

/* fm_store_adopt_tracked:
 *
 * Inside a transaction, after @annotation was added back (undoing its
 * deletion): a claim of a tracked group takes the group's verdict, note
 * and evidence as they are now, since the others may have been judged
 * again while it was gone. @annotation is updated to match.
 */
gboolean
fm_store_adopt_tracked (FmStore       *self,
                        FmAnnotation  *annotation,
                        GError       **error)
{
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(FmAnnotation) member = NULL;
  const char *tracked = fm_annotation_get_tracked (annotation);
  gboolean written;

  if (tracked == NULL || fm_annotation_get_kind (annotation) != FM_KIND_CLAIM)
    return TRUE;
  if (!add_members (self, tracked, fm_annotation_get_id (annotation), members, error))
    return FALSE;
  if (members->len == 0)
    return TRUE;
  if (!(member = fm_store_get_annotation (self, g_array_index (members, gint64, 0), error)))
    return FALSE;
  return write_shared (self, annotation, member, fm_annotation_get_modified (annotation),
                       &written, error);
}

/* fm_store_emit_annotations_changed:
 *
 * After a commit: announces each annotation in @ids as it now is, and
 * each article they are in once. */
void
fm_store_emit_annotations_changed (FmStore *self,
                                   GArray  *ids)
{
  g_autoptr(GArray) articles = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(FmAnnotation) a = fm_store_get_annotation (self, g_array_index (ids, gint64, i),
                                                           NULL);
      if (a == NULL)
        continue;
      g_signal_emit (self, fm_store_signals[FM_STORE_SIGNAL_ANNOTATION_CHANGED], 0, a);
      add_unique (articles, fm_annotation_get_article_id (a));
    }
  for (guint i = 0; i < articles->len; i++)
    fm_store_emit_article_changed (self, g_array_index (articles, gint64, i));
}

static FmAnnotation *
get_claim (FmStore  *self,
           gint64    id,
           GError  **error)
{
  g_autoptr(FmAnnotation) claim = fm_store_get_annotation (self, id, error);

  if (claim != NULL && fm_annotation_get_kind (claim) != FM_KIND_CLAIM)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("Annotation %lld is not a claim: only claims are tracked"),
                   (long long) id);
      return NULL;
    }
  return g_steal_pointer (&claim);
}

/* What the linked claims share: @first's verdict unless only @second has
 * one; both notes, if they differ; the evidence of both, each link once. */
static void
merge_shared (FmAnnotation *first,
              FmAnnotation *second)
{
  const char *a = fm_annotation_get_note (first);
  const char *b = fm_annotation_get_note (second);
  GPtrArray *evidence = fm_annotation_get_evidence (second);

  if (fm_annotation_get_verdict (first) == FM_VERDICT_UNVERIFIED)
    fm_annotation_set_verdict (first, fm_annotation_get_verdict (second));
  if ((a == NULL || *a == '\0') && b != NULL)
    fm_annotation_set_note (first, b);
  else if (a != NULL && b != NULL && *b != '\0' && strstr (a, b) == NULL)
    {
      g_autofree char *both = g_strconcat (a, "\n\n", b, NULL);
      fm_annotation_set_note (first, both);
    }
  for (guint i = 0; i < evidence->len; i++)
    {
      FmEvidence *item = g_ptr_array_index (evidence, i);
      GPtrArray *have = fm_annotation_get_evidence (first);
      gboolean found = FALSE;

      for (guint j = 0; j < have->len && !found; j++)
        found = g_strcmp0 (((FmEvidence *) g_ptr_array_index (have, j))->url, item->url) == 0;
      if (!found)
        fm_annotation_add_evidence (first, item->url, item->note);
    }
}

/* Puts every claim in @ids under @tracked, with what @shared holds. */
static gboolean
write_link (FmStore       *self,
            GArray        *ids,
            const char    *tracked,
            FmAnnotation  *shared,
            GArray        *changed,
            GError       **error)
{
  gint64 now = g_get_real_time ();
  sqlite3_stmt *stmt;

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);

      if (!(stmt = fm_store_get_stmt (self, SQL_SET_TRACKED, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      fm_store_bind_text (stmt, 2, tracked);
      if (!fm_store_step_done (self, stmt, error)
          || !share_with (self, id, shared, now, changed, error))
        return FALSE;
      add_unique (changed, id);
    }
  return TRUE;
}

/**
 * fm_store_link_claims:
 *
 * Links the claims @id and @other_id, with every claim already tracked
 * with either, into one tracked claim, in one transaction. They keep
 * @id's verdict, unless only @other_id has one, both notes, and all
 * their evidence.
 */
gboolean
fm_store_link_claims (FmStore  *store,
                      gint64    id,
                      gint64    other_id,
                      GError  **error)
{
  g_autoptr(FmAnnotation) first = NULL;
  g_autoptr(FmAnnotation) second = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) changed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *tracked = NULL;

  g_return_val_if_fail (FM_IS_STORE (store), FALSE);

  if (!(first = get_claim (store, id, error)) || !(second = get_claim (store, other_id, error)))
    return FALSE;
  if (id == other_id)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID, _("A claim cannot be linked to itself"));
      return FALSE;
    }
  tracked = g_strdup (fm_annotation_get_tracked (first) ? fm_annotation_get_tracked (first)
                      : fm_annotation_get_tracked (second));
  if (tracked == NULL)
    tracked = g_uuid_string_random ();
  merge_shared (first, second);
  add_unique (ids, id);
  add_unique (ids, other_id);
  if (!fm_store_begin (store, error))
    return FALSE;
  if (!add_members (store, fm_annotation_get_tracked (first), id, ids, error)
      || !add_members (store, fm_annotation_get_tracked (second), other_id, ids, error)
      || !write_link (store, ids, tracked, first, changed, error))
    return fm_store_rollback (store);
  if (!fm_store_commit (store, error))
    return FALSE;
  fm_store_emit_annotations_changed (store, changed);
  return TRUE;
}

/**
 * fm_store_unlink_claim:
 *
 * Takes the claim @id out of its tracked claim. It keeps the verdict,
 * note and evidence it had; they are no longer shared.
 */
gboolean
fm_store_unlink_claim (FmStore  *store,
                       gint64    id,
                       GError  **error)
{
  g_autoptr(FmAnnotation) claim = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FM_IS_STORE (store), FALSE);

  if (!(claim = get_claim (store, id, error)))
    return FALSE;
  if (fm_annotation_get_tracked (claim) == NULL)
    return TRUE;
  if (!fm_store_begin (store, error))
    return FALSE;
  if (!(stmt = fm_store_get_stmt (store, SQL_SET_TRACKED, error)))
    return fm_store_rollback (store);
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_null (stmt, 2);
  if (!fm_store_step_done (store, stmt, error))
    return fm_store_rollback (store);
  if (!fm_store_commit (store, error))
    return FALSE;
  g_array_append_val (ids, id);
  fm_store_emit_annotations_changed (store, ids);
  return TRUE;
}

/**
 * fm_store_list_tracked_with:
 *
 * Returns: (transfer container) (element-type FmFact): the other claims of
 *   @id's tracked claim, each with its article; none if it stands alone
 */
GPtrArray *
fm_store_list_tracked_with (FmStore  *store,
                            gint64    id,
                            GError  **error)
{
  g_autofree char *tracked = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GPtrArray *facts;

  g_return_val_if_fail (FM_IS_STORE (store), NULL);

  tracked = tracked_of (store, id);
  if (!add_members (store, tracked, id, ids, error))
    return NULL;
  facts = g_ptr_array_new_with_free_func (g_object_unref);
  fm_facts_add_annotations (store, ids, facts);
  return facts;
}
