/* fm-store-desk.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-store"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-store-desk.h"
#include "fm-store-private.h"
#include "fm-types.h"

/* The library's half of a desk. The outbox is filled by triggers (schema
 * 6), so this file only reads it, and writes what the sync engine brings
 * back: versions and bases of what was pushed, and the rows pulled, with
 * desk.applying set so the triggers do not queue them again. Fields are
 * built and read with SQLite's JSON functions, in the same shape for
 * both directions. */

static const char SQL_INFO[] =
  "SELECT url, user_name, role, joined, pulled_version, last_sync,"
  "  (SELECT count(*) FROM outbox), (SELECT count(*) FROM desk_issues) FROM desk";
static const char SQL_JOIN[] =
  "INSERT INTO desk (id, url, joined, user_name, role) VALUES (1, ?1, ?2, ?3, ?4)";
static const char SQL_QUEUE_ALL[] =
  "INSERT OR REPLACE INTO outbox (entity, uuid)"
  "  SELECT 'article', uuid FROM articles"
  "  UNION ALL SELECT 'annotation', uuid FROM"
  "    (SELECT uuid FROM annotations ORDER BY kind <> 'source', id)";
static const char SQL_LEAVE[] =
  "DELETE FROM desk; DELETE FROM outbox; DELETE FROM synced; DELETE FROM desk_issues";
static const char SQL_SET_APPLYING[] = "UPDATE desk SET applying = ?1";
static const char SQL_SET_PULLED[] =
  "UPDATE desk SET pulled_version = max(pulled_version, ?1), last_sync = ?2";

/* Articles first, then sources before what cites them, deletes last: the
 * order in which the server can take them. */
static const char SQL_OUTBOX[] =
  "SELECT o.id, o.entity, o.uuid, s.version, s.base FROM outbox o"
  "  LEFT JOIN synced s ON s.entity = o.entity AND s.uuid = o.uuid"
  "  LEFT JOIN annotations a ON o.entity = 'annotation' AND a.uuid = o.uuid"
  "  ORDER BY o.entity <> 'article', a.id IS NULL, a.kind <> 'source', o.id LIMIT ?1";
static const char SQL_ARTICLE_FIELDS[] =
  "SELECT json_object('title', title, 'url', url, 'outlet', outlet, 'author', author,"
  "  'published', published, 'lang', lang, 'imported', imported, 'text', text,"
  "  'sha256', sha256, 'length', length) FROM articles WHERE uuid = ?1";
static const char SQL_ANNOTATION_FIELDS[] =
  "SELECT json_object('article', ar.uuid, 'kind', a.kind, 'start', a.start, 'end', a.\"end\","
  "  'quote', a.quote, 'prefix', a.prefix, 'suffix', a.suffix, 'note', a.note,"
  "  'verdict', a.verdict, 'value', a.value, 'unit', a.unit, 'name', a.name,"
  "  'source_type', a.source_type, 'created', a.created, 'state', a.state,"
  "  'original_quote', a.original_quote, 'confirmed', a.confirmed,"
  "  'entity', a.entity, 'tracked', a.tracked,"
  "  'sources', json((SELECT json_group_array(uuid) FROM (SELECT s.uuid FROM links l"
  "     JOIN annotations s ON s.id = l.source_id WHERE l.annotation_id = a.id"
  "     ORDER BY l.position))),"
  "  'evidence', json((SELECT json_group_array(json_object('url', url, 'note', note))"
  "     FROM (SELECT url, note FROM evidence WHERE annotation_id = a.id ORDER BY position))))"
  "  FROM annotations a JOIN articles ar ON ar.id = a.article_id WHERE a.uuid = ?1";

static const char SQL_OUTBOX_ID[] = "SELECT id FROM outbox WHERE entity = ?1 AND uuid = ?2";
static const char SQL_UNQUEUE_UUID[] = "DELETE FROM outbox WHERE entity = ?1 AND uuid = ?2";
static const char SQL_SET_SYNCED[] =
  "INSERT OR REPLACE INTO synced (entity, uuid, version, base) VALUES (?1, ?2, ?3, ?4)";
static const char SQL_SYNCED_VERSION[] =
  "SELECT version FROM synced WHERE entity = ?1 AND uuid = ?2";
static const char SQL_DROP_SYNCED[] = "DELETE FROM synced WHERE entity = ?1 AND uuid = ?2";
static const char SQL_REKEY_ARTICLE[] = "UPDATE articles SET uuid = ?2 WHERE uuid = ?1";
static const char SQL_REKEY_BY_SHA[] =
  "SELECT uuid FROM articles WHERE sha256 = json_extract(?1, '$.sha256') AND uuid <> ?2";

static const char SQL_UPSERT_ARTICLE[] =
  "INSERT INTO articles (uuid, title, url, outlet, author, published, lang, imported,"
  "  text, sha256, length)"
  "  SELECT ?1, json_extract(?2, '$.title'), json_extract(?2, '$.url'),"
  "  json_extract(?2, '$.outlet'), json_extract(?2, '$.author'),"
  "  json_extract(?2, '$.published'), json_extract(?2, '$.lang'),"
  "  coalesce(json_extract(?2, '$.imported'), 0), json_extract(?2, '$.text'),"
  "  json_extract(?2, '$.sha256'), length(json_extract(?2, '$.text'))"
  "  WHERE json_extract(?2, '$.text') IS NOT NULL"
  "  ON CONFLICT (uuid) DO UPDATE SET title = excluded.title, url = excluded.url,"
  "  outlet = excluded.outlet, author = excluded.author, published = excluded.published,"
  "  lang = excluded.lang, imported = excluded.imported, text = excluded.text,"
  "  sha256 = excluded.sha256, length = excluded.length";
/* An annotation is written only where its article is here and its span
 * fits that article's text, so nothing the server sends can break the
 * library's rules. */
static const char SQL_UPSERT_ANNOTATION[] =
  "INSERT INTO annotations (uuid, article_id, kind, start, \"end\", quote, prefix, suffix,"
  "  note, verdict, value, unit, name, source_type, created, modified, state,"
  "  original_quote, confirmed, entity, tracked)"
  "  SELECT ?1, ar.id, json_extract(?2, '$.kind'), json_extract(?2, '$.start'),"
  "  json_extract(?2, '$.end'), json_extract(?2, '$.quote'),"
  "  coalesce(json_extract(?2, '$.prefix'), ''), coalesce(json_extract(?2, '$.suffix'), ''),"
  "  json_extract(?2, '$.note'), coalesce(json_extract(?2, '$.verdict'), 'unverified'),"
  "  json_extract(?2, '$.value'), json_extract(?2, '$.unit'), json_extract(?2, '$.name'),"
  "  json_extract(?2, '$.source_type'), coalesce(json_extract(?2, '$.created'), ?3), ?3,"
  "  coalesce(json_extract(?2, '$.state'), 'unchanged'), json_extract(?2, '$.original_quote'),"
  "  coalesce(json_extract(?2, '$.confirmed'), 1), json_extract(?2, '$.entity'),"
  "  json_extract(?2, '$.tracked')"
  "  FROM articles ar WHERE ar.uuid = json_extract(?2, '$.article')"
  "    AND coalesce(json_extract(?2, '$.end'), 0) <= ar.length"
  "  ON CONFLICT (uuid) DO UPDATE SET article_id = excluded.article_id, kind = excluded.kind,"
  "  start = excluded.start, \"end\" = excluded.\"end\", quote = excluded.quote,"
  "  prefix = excluded.prefix, suffix = excluded.suffix, note = excluded.note,"
  "  verdict = excluded.verdict, value = excluded.value, unit = excluded.unit,"
  "  name = excluded.name, source_type = excluded.source_type, modified = excluded.modified,"
  "  state = excluded.state, original_quote = excluded.original_quote,"
  "  confirmed = excluded.confirmed, entity = excluded.entity, tracked = excluded.tracked";
static const char SQL_CLEAR_LINKS[] =
  "DELETE FROM links WHERE annotation_id = (SELECT id FROM annotations WHERE uuid = ?1)";
static const char SQL_WRITE_LINKS[] =
  "INSERT OR IGNORE INTO links (annotation_id, source_id, position)"
  "  SELECT a.id, s.id, j.key FROM annotations a, json_each(?2, '$.sources') j"
  "  JOIN annotations s ON s.uuid = j.value WHERE a.uuid = ?1 AND s.kind = 'source'";
static const char SQL_CLEAR_EVIDENCE[] =
  "DELETE FROM evidence WHERE annotation_id = (SELECT id FROM annotations WHERE uuid = ?1)";
static const char SQL_WRITE_EVIDENCE[] =
  "INSERT INTO evidence (annotation_id, position, url, note)"
  "  SELECT a.id, j.key, json_extract(j.value, '$.url'), json_extract(j.value, '$.note')"
  "  FROM annotations a, json_each(?2, '$.evidence') j"
  "  WHERE a.uuid = ?1 AND json_extract(j.value, '$.url') IS NOT NULL";
static const char SQL_DELETE_ARTICLE[] = "DELETE FROM articles WHERE uuid = ?1";
static const char SQL_DELETE_ANNOTATION[] = "DELETE FROM annotations WHERE uuid = ?1";
static const char SQL_SET_AUTHORS[] =
  "INSERT OR REPLACE INTO desk_authors (uuid, marked_by, marked_at, verdict_by, verdict_at,"
  "  changed_by, changed_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_GET_AUTHORS[] =
  "SELECT marked_by, marked_at, verdict_by, verdict_at, changed_by, changed_at"
  "  FROM desk_authors WHERE uuid = ?1";

static const char SQL_ADD_ISSUE[] =
  "INSERT OR REPLACE INTO desk_issues (uuid, kind, field, mine, theirs, author, reason, created,"
  "  entity) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char SQL_LIST_ISSUES[] =
  "SELECT kind, uuid, field, mine, theirs, author, reason, created, entity FROM desk_issues"
  "  ORDER BY created, id";
static const char SQL_ISSUES_OF[] =
  "SELECT kind, uuid, field, mine, theirs, author, reason, created, entity FROM desk_issues"
  "  WHERE uuid = ?1 ORDER BY id";
static const char SQL_DROP_ISSUES[] = "DELETE FROM desk_issues WHERE uuid = ?1";
static const char SQL_SET_FIELD[] = "SELECT json_set(?1, '$.' || ?2, json(?3))";

static const char * const entity_names[] = { "article", "annotation" };
static const char * const issue_names[] = { "conflict", "refused", "kept" };

void
fm_desk_info_free (FmDeskInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->url);
  g_free (info->user_name);
  g_free (info->role);
  g_free (info);
}

FmDeskRow *
fm_desk_row_new (FmDeskEntity  entity,
                 const char   *uuid)
{
  FmDeskRow *row = g_new0 (FmDeskRow, 1);

  row->entity = entity;
  row->uuid = g_strdup (uuid);
  return row;
}

void
fm_desk_row_free (FmDeskRow *row)
{
  if (row == NULL)
    return;
  g_free (row->uuid);
  g_free (row->fields);
  g_free (row->base);
  g_free (row->marked_by);
  g_free (row->verdict_by);
  g_free (row->changed_by);
  g_free (row);
}

void
fm_desk_issue_free (FmDeskIssue *issue)
{
  if (issue == NULL)
    return;
  g_free (issue->uuid);
  g_free (issue->field);
  g_free (issue->mine);
  g_free (issue->theirs);
  g_free (issue->author);
  g_free (issue->reason);
  g_free (issue);
}

void
fm_desk_pushed_free (FmDeskPushed *pushed)
{
  if (pushed == NULL)
    return;
  g_free (pushed->server);
  g_free (pushed->rekey);
  g_clear_pointer (&pushed->issues, g_ptr_array_unref);
  g_free (pushed);
}

static gboolean
bind_entity_uuid (FmStore       *self,
                  sqlite3_stmt **stmt,
                  const char    *sql,
                  FmDeskEntity   entity,
                  const char    *uuid,
                  GError       **error)
{
  *stmt = fm_store_get_stmt (self, sql, error);
  if (*stmt == NULL)
    return FALSE;
  sqlite3_bind_text (*stmt, 1, entity_names[entity], -1, SQLITE_STATIC);
  fm_store_bind_text (*stmt, 2, uuid);
  return TRUE;
}

static gboolean
run_entity_uuid (FmStore      *self,
                 const char   *sql,
                 FmDeskEntity  entity,
                 const char   *uuid,
                 GError      **error)
{
  sqlite3_stmt *stmt;

  return bind_entity_uuid (self, &stmt, sql, entity, uuid, error)
         && fm_store_step_done (self, stmt, error);
}

static gboolean
set_applying (FmStore   *self,
              gboolean   applying,
              GError   **error)
{
  sqlite3_stmt *stmt = fm_store_get_stmt (self, SQL_SET_APPLYING, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, applying ? 1 : 0);
  return fm_store_step_done (self, stmt, error);
}

/* A transaction whose writes are the server's, not the user's. */
static gboolean
begin_applying (FmStore  *self,
                GError  **error)
{
  if (!fm_store_begin (self, error))
    return FALSE;
  if (!set_applying (self, TRUE, error))
    return fm_store_rollback (self);
  return TRUE;
}

static gboolean
commit_applying (FmStore  *self,
                 GError  **error)
{
  if (!set_applying (self, FALSE, error))
    return fm_store_rollback (self);
  return fm_store_commit (self, error);
}

FmDeskInfo *
fm_store_desk_get_info (FmStore  *self,
                        GError  **error)
{
  sqlite3_stmt *stmt;
  FmDeskInfo *info;
  int rc;

  g_return_val_if_fail (FM_IS_STORE (self), NULL);

  stmt = fm_store_get_stmt (self, SQL_INFO, error);
  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        fm_store_set_sqlite_error (self, rc, error);
      else
        g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND,
                     _("This library is not joined to a desk"));
      return NULL;
    }
  info = g_new0 (FmDeskInfo, 1);
  info->url = g_strdup (fm_store_column_text (stmt, 0));
  info->user_name = g_strdup (fm_store_column_text (stmt, 1));
  info->role = g_strdup (fm_store_column_text (stmt, 2));
  info->joined = sqlite3_column_int64 (stmt, 3);
  info->pulled_version = sqlite3_column_int64 (stmt, 4);
  info->last_sync = sqlite3_column_int64 (stmt, 5);
  info->waiting = sqlite3_column_int (stmt, 6);
  info->issues = sqlite3_column_int (stmt, 7);
  sqlite3_reset (stmt);
  return info;
}

/* Joining queues everything the library holds, sources before the claims
 * that cite them, in the transaction that joins. */
gboolean
fm_store_desk_join (FmStore     *self,
                    const char  *url,
                    const char  *user_name,
                    const char  *role,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (FM_IS_STORE (self), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  if (!fm_store_begin (self, error))
    return FALSE;
  stmt = fm_store_get_stmt (self, SQL_JOIN, error);
  if (stmt == NULL)
    return fm_store_rollback (self);
  sqlite3_bind_text (stmt, 1, url, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  fm_store_bind_text (stmt, 3, user_name);
  fm_store_bind_text (stmt, 4, role);
  if (!fm_store_step_done (self, stmt, error))
    {
      if (g_error_matches (*error, FM_ERROR, FM_ERROR_INVALID))
        {
          g_clear_error (error);
          g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                       _("This library is already joined to a desk"));
        }
      return fm_store_rollback (self);
    }
  stmt = fm_store_get_stmt (self, SQL_QUEUE_ALL, error);
  if (stmt == NULL || !fm_store_step_done (self, stmt, error))
    return fm_store_rollback (self);
  return fm_store_commit (self, error);
}

gboolean
fm_store_desk_leave (FmStore  *self,
                     GError  **error)
{
  char *msg = NULL;
  int rc;

  g_return_val_if_fail (FM_IS_STORE (self), FALSE);

  if (!fm_store_begin (self, error))
    return FALSE;
  rc = sqlite3_exec (fm_store_get_db (self), SQL_LEAVE, NULL, NULL, &msg);
  sqlite3_free (msg);
  if (rc != SQLITE_OK)
    {
      fm_store_set_sqlite_error (self, rc, error);
      return fm_store_rollback (self);
    }
  return fm_store_commit (self, error);
}

static char *
read_fields (FmStore       *self,
             FmDeskEntity   entity,
             const char    *uuid,
             GError       **error)
{
  const char *sql = entity == FM_DESK_ENTITY_ARTICLE ? SQL_ARTICLE_FIELDS : SQL_ANNOTATION_FIELDS;
  sqlite3_stmt *stmt = fm_store_get_stmt (self, sql, error);
  char *fields = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  fm_store_bind_text (stmt, 1, uuid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    fields = g_strdup (fm_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    fm_store_set_sqlite_error (self, rc, error);
  return fields;
}

static FmDeskRow *
outbox_row (sqlite3_stmt *stmt)
{
  FmDeskEntity entity = g_strcmp0 (fm_store_column_text (stmt, 1), "article") == 0
                        ? FM_DESK_ENTITY_ARTICLE : FM_DESK_ENTITY_ANNOTATION;
  FmDeskRow *row = fm_desk_row_new (entity, fm_store_column_text (stmt, 2));

  row->outbox_id = sqlite3_column_int64 (stmt, 0);
  row->base_version = sqlite3_column_int64 (stmt, 3);
  row->base = g_strdup (fm_store_column_text (stmt, 4));
  return row;
}

static gboolean
read_outbox (FmStore    *self,
             GPtrArray  *rows,
             guint       limit,
             GError    **error)
{
  sqlite3_stmt *stmt = fm_store_get_stmt (self, SQL_OUTBOX, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, outbox_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fm_store_set_sqlite_error (self, rc, error);
  for (guint i = 0; i < rows->len; i++)
    {
      FmDeskRow *row = g_ptr_array_index (rows, i);
      GError *local_error = NULL;

      row->fields = read_fields (self, row->entity, row->uuid, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return FALSE;
        }
    }
  return TRUE;
}

/* Read in one transaction, so that the rows and their fields are of one
 * moment even while the window goes on writing. */
GPtrArray *
fm_store_desk_list_outbox (FmStore  *self,
                           guint     limit,
                           GError  **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_desk_row_free);

  g_return_val_if_fail (FM_IS_STORE (self), NULL);

  if (!fm_store_begin (self, error))
    return NULL;
  if (!read_outbox (self, rows, limit, error))
    {
      fm_store_rollback (self);
      return NULL;
    }
  if (!fm_store_commit (self, error))
    return NULL;
  return g_steal_pointer (&rows);
}

static gboolean
set_synced (FmStore      *self,
            FmDeskEntity  entity,
            const char   *uuid,
            gint64        version,
            const char   *base,
            GError      **error)
{
  sqlite3_stmt *stmt;

  if (version == 0 || base == NULL)
    return run_entity_uuid (self, SQL_DROP_SYNCED, entity, uuid, error);
  if (!bind_entity_uuid (self, &stmt, SQL_SET_SYNCED, entity, uuid, error))
    return FALSE;
  sqlite3_bind_int64 (stmt, 3, version);
  sqlite3_bind_text (stmt, 4, base, -1, SQLITE_TRANSIENT);
  return fm_store_step_done (self, stmt, error);
}

static gboolean
run_uuid_fields (FmStore     *self,
                 const char  *sql,
                 const char  *uuid,
                 const char  *fields,
                 GError     **error)
{
  sqlite3_stmt *stmt = fm_store_get_stmt (self, sql, error);

  if (stmt == NULL)
    return FALSE;
  fm_store_bind_text (stmt, 1, uuid);
  fm_store_bind_text (stmt, 2, fields);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_int64 (stmt, 3, g_get_real_time () / G_USEC_PER_SEC);
  return fm_store_step_done (self, stmt, error);
}

/* The same article imported on two desktops is one article: the one that
 * reached the server first gives it its uuid. */
static gboolean
rekey_article (FmStore     *self,
               const char  *from,
               const char  *to,
               GError     **error)
{
  sqlite3_stmt *stmt = fm_store_get_stmt (self, SQL_REKEY_ARTICLE, error);

  if (stmt == NULL)
    return FALSE;
  fm_store_bind_text (stmt, 1, from);
  fm_store_bind_text (stmt, 2, to);
  if (!fm_store_step_done (self, stmt, error))
    return FALSE;
  return run_entity_uuid (self, SQL_UNQUEUE_UUID, FM_DESK_ENTITY_ARTICLE, from, error)
         && run_entity_uuid (self, SQL_UNQUEUE_UUID, FM_DESK_ENTITY_ARTICLE, to, error)
         && run_entity_uuid (self, SQL_DROP_SYNCED, FM_DESK_ENTITY_ARTICLE, from, error);
}

static gboolean
rekey_same_text (FmStore     *self,
                 const char  *uuid,
                 const char  *fields,
                 GError     **error)
{
  sqlite3_stmt *stmt = fm_store_get_stmt (self, SQL_REKEY_BY_SHA, error);
  g_autofree char *local = NULL;
  int rc;

  if (stmt == NULL)
    return FALSE;
  fm_store_bind_text (stmt, 1, fields);
  fm_store_bind_text (stmt, 2, uuid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    local = g_strdup (fm_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fm_store_set_sqlite_error (self, rc, error);
  return local == NULL || rekey_article (self, local, uuid, error);
}

static gboolean
write_annotation (FmStore     *self,
                  const char  *uuid,
                  const char  *fields,
                  GError     **error)
{
  return run_uuid_fields (self, SQL_UPSERT_ANNOTATION, uuid, fields, error)
         && run_uuid_fields (self, SQL_CLEAR_LINKS, uuid, NULL, error)
         && run_uuid_fields (self, SQL_WRITE_LINKS, uuid, fields, error)
         && run_uuid_fields (self, SQL_CLEAR_EVIDENCE, uuid, NULL, error)
         && run_uuid_fields (self, SQL_WRITE_EVIDENCE, uuid, fields, error);
}

/* Writes @fields (or deletes, when NULL) as the server's. */
static gboolean
write_row (FmStore      *self,
           FmDeskEntity  entity,
           const char   *uuid,
           const char   *fields,
           GError      **error)
{
  if (entity == FM_DESK_ENTITY_ARTICLE)
    {
      if (fields == NULL)
        return run_uuid_fields (self, SQL_DELETE_ARTICLE, uuid, NULL, error);
      return rekey_same_text (self, uuid, fields, error)
             && run_uuid_fields (self, SQL_UPSERT_ARTICLE, uuid, fields, error);
    }
  if (fields == NULL)
    return run_uuid_fields (self, SQL_DELETE_ANNOTATION, uuid, NULL, error);
  return write_annotation (self, uuid, fields, error);
}

static gboolean
add_issue (FmStore      *self,
           FmDeskIssue  *issue,
           GError      **error)
{
  sqlite3_stmt *stmt = fm_store_get_stmt (self, SQL_ADD_ISSUE, error);

  if (stmt == NULL)
    return FALSE;
  fm_store_bind_text (stmt, 1, issue->uuid);
  sqlite3_bind_text (stmt, 2, issue_names[issue->kind], -1, SQLITE_STATIC);
  fm_store_bind_text (stmt, 3, issue->field ? issue->field : "");
  fm_store_bind_text (stmt, 4, issue->mine);
  fm_store_bind_text (stmt, 5, issue->theirs);
  fm_store_bind_text (stmt, 6, issue->author);
  fm_store_bind_text (stmt, 7, issue->reason);
  sqlite3_bind_int64 (stmt, 8, g_get_real_time () / G_USEC_PER_SEC);
  sqlite3_bind_text (stmt, 9, entity_names[issue->entity], -1, SQLITE_STATIC);
  return fm_store_step_done (self, stmt, error);
}

/* A number kept for @row by @sql (its outbox id, its synced version), or 0. */
static gint64
lookup_for_row (FmStore     *self,
                const char  *sql,
                FmDeskRow   *row)
{
  sqlite3_stmt *stmt;
  gint64 value = 0;

  if (!bind_entity_uuid (self, &stmt, sql, row->entity, row->uuid, NULL))
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return value;
}

static gint64
current_outbox_id (FmStore    *self,
                   FmDeskRow  *row)
{
  return lookup_for_row (self, SQL_OUTBOX_ID, row);
}

static gboolean
set_authors (FmStore    *self,
             FmDeskRow  *row,
             GError    **error)
{
  sqlite3_stmt *stmt;

  if (row->changed_by == NULL)
    return TRUE;
  stmt = fm_store_get_stmt (self, SQL_SET_AUTHORS, error);
  if (stmt == NULL)
    return FALSE;
  fm_store_bind_text (stmt, 1, row->uuid);
  fm_store_bind_text (stmt, 2, row->marked_by);
  sqlite3_bind_int64 (stmt, 3, row->marked_at);
  fm_store_bind_text (stmt, 4, row->verdict_by);
  sqlite3_bind_int64 (stmt, 5, row->verdict_at);
  fm_store_bind_text (stmt, 6, row->changed_by);
  sqlite3_bind_int64 (stmt, 7, row->changed_at);
  return fm_store_step_done (self, stmt, error);
}

/* A row edited again while it was being pushed stays queued: the push
 * settled the version it was based on, and the next push merges the rest. */
static gboolean
finish_one (FmStore       *self,
            FmDeskPushed  *pushed,
            GError       **error)
{
  FmDeskRow *row = pushed->row;
  const char *uuid = row->uuid;
  gboolean untouched = current_outbox_id (self, row) == row->outbox_id;

  if (pushed->rekey != NULL)
    {
      if (!rekey_article (self, uuid, pushed->rekey, error))
        return FALSE;
      uuid = pushed->rekey;
    }
  if (untouched && !run_entity_uuid (self, SQL_UNQUEUE_UUID, row->entity, uuid, error))
    return FALSE;
  if (untouched && pushed->apply && !write_row (self, row->entity, uuid, pushed->server, error))
    return FALSE;
  if (!set_synced (self, row->entity, uuid, pushed->version, pushed->server, error))
    return FALSE;
  for (guint i = 0; pushed->issues != NULL && i < pushed->issues->len; i++)
    if (!add_issue (self, g_ptr_array_index (pushed->issues, i), error))
      return FALSE;
  return set_authors (self, row, error);
}

gboolean
fm_store_desk_finish_push (FmStore    *self,
                           GPtrArray  *pushed,
                           GError    **error)
{
  g_return_val_if_fail (FM_IS_STORE (self), FALSE);
  g_return_val_if_fail (pushed != NULL, FALSE);

  if (!begin_applying (self, error))
    return FALSE;
  for (guint i = 0; i < pushed->len; i++)
    if (!finish_one (self, g_ptr_array_index (pushed, i), error))
      return fm_store_rollback (self);
  return commit_applying (self, error);
}

static gboolean
set_pulled (FmStore   *self,
            gint64     version,
            GError   **error)
{
  sqlite3_stmt *stmt = fm_store_get_stmt (self, SQL_SET_PULLED, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, version);
  sqlite3_bind_int64 (stmt, 2, g_get_real_time () / G_USEC_PER_SEC);
  return fm_store_step_done (self, stmt, error);
}

/* A pulled row waiting in the outbox is left alone: the next push merges
 * it with what is here, against the base it was changed from. */
static gboolean
apply_one (FmStore    *self,
           FmDeskRow  *row,
           guint      *applied,
           GError    **error)
{
  if (current_outbox_id (self, row) != 0)
    return TRUE;
  /* This library's own push, seen again. */
  if (row->fields != NULL && lookup_for_row (self, SQL_SYNCED_VERSION, row) >= row->version)
    return set_authors (self, row, error);
  if (!write_row (self, row->entity, row->uuid, row->fields, error))
    return FALSE;
  if (!set_synced (self, row->entity, row->uuid, row->fields ? row->version : 0,
                   row->fields, error))
    return FALSE;
  *applied += 1;
  return set_authors (self, row, error);
}

/* Links to sources are written again once the whole batch is in, so that a
 * claim that arrived before the source it cites still finds it. */
static gboolean
relink_batch (FmStore    *self,
              GPtrArray  *rows,
              GError    **error)
{
  for (guint i = 0; i < rows->len; i++)
    {
      FmDeskRow *row = g_ptr_array_index (rows, i);

      if (row->entity != FM_DESK_ENTITY_ANNOTATION || row->fields == NULL)
        continue;
      if (current_outbox_id (self, row) != 0)
        continue;
      if (!run_uuid_fields (self, SQL_CLEAR_LINKS, row->uuid, NULL, error)
          || !run_uuid_fields (self, SQL_WRITE_LINKS, row->uuid, row->fields, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
fm_store_desk_apply_pulled (FmStore    *self,
                            GPtrArray  *rows,
                            gint64      pulled_version,
                            guint      *applied,
                            GError    **error)
{
  guint count = 0;

  g_return_val_if_fail (FM_IS_STORE (self), FALSE);
  g_return_val_if_fail (rows != NULL, FALSE);

  /* Nothing new writes nothing, so an idle round leaves the file alone
   * (and wakes no one watching it). */
  if (rows->len == 0)
    {
      if (applied != NULL)
        *applied = 0;
      return TRUE;
    }
  if (!begin_applying (self, error))
    return FALSE;
  for (guint i = 0; i < rows->len; i++)
    if (!apply_one (self, g_ptr_array_index (rows, i), &count, error))
      return fm_store_rollback (self);
  if (!relink_batch (self, rows, error) || !set_pulled (self, pulled_version, error))
    return fm_store_rollback (self);
  if (!commit_applying (self, error))
    return FALSE;
  if (applied != NULL)
    *applied = count;
  return TRUE;
}

static FmDeskIssue *
issue_from_row (sqlite3_stmt *stmt)
{
  FmDeskIssue *issue = g_new0 (FmDeskIssue, 1);
  const char *kind = fm_store_column_text (stmt, 0);

  for (guint i = 0; i < G_N_ELEMENTS (issue_names); i++)
    if (g_strcmp0 (kind, issue_names[i]) == 0)
      issue->kind = i;
  issue->uuid = g_strdup (fm_store_column_text (stmt, 1));
  issue->field = g_strdup (fm_store_column_text (stmt, 2));
  issue->mine = g_strdup (fm_store_column_text (stmt, 3));
  issue->theirs = g_strdup (fm_store_column_text (stmt, 4));
  issue->author = g_strdup (fm_store_column_text (stmt, 5));
  issue->reason = g_strdup (fm_store_column_text (stmt, 6));
  issue->created = sqlite3_column_int64 (stmt, 7);
  issue->entity = g_strcmp0 (fm_store_column_text (stmt, 8), "article") == 0
                  ? FM_DESK_ENTITY_ARTICLE : FM_DESK_ENTITY_ANNOTATION;
  return issue;
}

static GPtrArray *
list_issues (FmStore     *self,
             const char  *uuid,
             GError     **error)
{
  g_autoptr(GPtrArray) issues = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_desk_issue_free);
  sqlite3_stmt *stmt = fm_store_get_stmt (self, uuid ? SQL_ISSUES_OF : SQL_LIST_ISSUES, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  if (uuid != NULL)
    fm_store_bind_text (stmt, 1, uuid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (issues, issue_from_row (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return fm_store_set_sqlite_error (self, rc, error), NULL;
  return g_steal_pointer (&issues);
}

GPtrArray *
fm_store_desk_list_issues (FmStore  *self,
                           GError  **error)
{
  g_return_val_if_fail (FM_IS_STORE (self), NULL);

  return list_issues (self, NULL, error);
}

static char *
set_field (FmStore     *self,
           const char  *fields,
           const char  *field,
           const char  *value,
           GError     **error)
{
  sqlite3_stmt *stmt = fm_store_get_stmt (self, SQL_SET_FIELD, error);
  char *result = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  fm_store_bind_text (stmt, 1, fields);
  fm_store_bind_text (stmt, 2, field);
  fm_store_bind_text (stmt, 3, value ? value : "null");
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    result = g_strdup (fm_store_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    fm_store_set_sqlite_error (self, rc, error);
  return result;
}

/* Keeping mine is a change of the user's own: it goes through the outbox
 * like any other. Keeping theirs makes the library what the server holds. */
static gboolean
resolve_issue (FmStore      *self,
               FmDeskIssue  *issue,
               gboolean      keep_mine,
               GError      **error)
{
  g_autofree char *fields = NULL;

  if (issue->kind == FM_DESK_ISSUE_CONFLICT)
    {
      g_autofree char *current = NULL;
      GError *local_error = NULL;

      if (!keep_mine)
        return TRUE;
      current = read_fields (self, issue->entity, issue->uuid, &local_error);
      if (current == NULL)
        {
          /* Deleted since: there is nothing left to keep a value in. */
          if (local_error != NULL)
            g_propagate_error (error, local_error);
          return local_error == NULL;
        }
      fields = set_field (self, current, issue->field, issue->mine, error);
      return fields != NULL && write_row (self, issue->entity, issue->uuid, fields, error);
    }
  if (issue->kind == FM_DESK_ISSUE_REFUSED)
    {
      /* The library already holds theirs, unless the desk never took the
       * row at all; mine is written again as the user's own change. */
      if (keep_mine)
        return issue->mine == NULL
               || write_row (self, issue->entity, issue->uuid, issue->mine, error);
      if (issue->theirs != NULL)
        return TRUE;
      return set_applying (self, TRUE, error)
             && write_row (self, issue->entity, issue->uuid, NULL, error)
             && set_applying (self, FALSE, error);
    }
  if (keep_mine)
    return run_uuid_fields (self, issue->entity == FM_DESK_ENTITY_ARTICLE
                                  ? SQL_DELETE_ARTICLE : SQL_DELETE_ANNOTATION,
                            issue->uuid, NULL, error);
  return TRUE;
}

gboolean
fm_store_desk_resolve (FmStore     *self,
                       const char  *uuid,
                       gboolean     keep_mine,
                       GError     **error)
{
  g_autoptr(GPtrArray) issues = NULL;

  g_return_val_if_fail (FM_IS_STORE (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  if (!fm_store_begin (self, error))
    return FALSE;
  issues = list_issues (self, uuid, error);
  if (issues == NULL)
    return fm_store_rollback (self);
  if (issues->len == 0)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND,
                   _("Annotation %s has nothing to resolve"), uuid);
      return fm_store_rollback (self);
    }
  for (guint i = 0; i < issues->len; i++)
    if (!resolve_issue (self, g_ptr_array_index (issues, i), keep_mine, error))
      return fm_store_rollback (self);
  if (!run_uuid_fields (self, SQL_DROP_ISSUES, uuid, NULL, error))
    return fm_store_rollback (self);
  return fm_store_commit (self, error);
}

FmDeskRow *
fm_store_desk_get_authors (FmStore     *self,
                           const char  *uuid,
                           GError     **error)
{
  sqlite3_stmt *stmt;
  FmDeskRow *row = NULL;
  int rc;

  g_return_val_if_fail (FM_IS_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  stmt = fm_store_get_stmt (self, SQL_GET_AUTHORS, error);
  if (stmt == NULL)
    return NULL;
  fm_store_bind_text (stmt, 1, uuid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      row = fm_desk_row_new (FM_DESK_ENTITY_ANNOTATION, uuid);
      row->marked_by = g_strdup (fm_store_column_text (stmt, 0));
      row->marked_at = sqlite3_column_int64 (stmt, 1);
      row->verdict_by = g_strdup (fm_store_column_text (stmt, 2));
      row->verdict_at = sqlite3_column_int64 (stmt, 3);
      row->changed_by = g_strdup (fm_store_column_text (stmt, 4));
      row->changed_at = sqlite3_column_int64 (stmt, 5);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    fm_store_set_sqlite_error (self, rc, error);
  else if (rc == SQLITE_DONE)
    g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND, _("No desk record for %s"), uuid);
  return row;
}
