/* fm-desk.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-desk"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "fm-desk.h"
#include "fm-types.h"

/* The sync engine: push the outbox, then pull what changed since the last
 * version seen. A push is taken as it is when the server's row is still at
 * the version this library last saw; otherwise the two are merged field by
 * field against that version, and a field changed on both sides keeps the
 * server's value here and both values in a conflict for the user. An edit
 * wins over a delete, and the loser is reported. Nothing is overwritten
 * without a record of it. Runs in whatever thread calls it; the window
 * calls it from its sync thread, with a store of its own. */

/* Rows per server transaction: big enough for speed, small enough that a
 * cut connection loses little work (the outbox keeps all of it anyway). */
#define PUSH_BATCH 500
#define PULL_BATCH 2000
/* A user editing as fast as the engine pushes could keep it going for
 * ever; it stops after this many batches and goes on at the next sync. */
#define MAX_BATCHES 200

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(JsonNode) node = NULL;

  if (text == NULL)
    return NULL;
  node = json_from_string (text, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  return json_object_ref (json_node_get_object (node));
}

static gboolean
is_number (JsonNode *node)
{
  GType type;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return FALSE;
  type = json_node_get_value_type (node);
  return type == G_TYPE_INT64 || type == G_TYPE_DOUBLE;
}

/* SQLite and PostgreSQL write the same number differently (1 and 1.0),
 * and a missing member is a null. */
static gboolean
values_equal (JsonNode *a,
              JsonNode *b)
{
  gboolean a_null = a == NULL || JSON_NODE_HOLDS_NULL (a);
  gboolean b_null = b == NULL || JSON_NODE_HOLDS_NULL (b);

  if (a_null || b_null)
    return a_null == b_null;
  if (is_number (a) && is_number (b))
    return json_node_get_double (a) == json_node_get_double (b);
  return json_node_equal (a, b);
}

static char *
node_text (JsonNode *node)
{
  if (node == NULL)
    return g_strdup ("null");
  return json_to_string (node, FALSE);
}

static void add_names (GHashTable *names,
                       JsonObject *object);

static gboolean
objects_equal (const char *a,
               const char *b)
{
  g_autoptr(JsonObject) x = parse_object (a);
  g_autoptr(JsonObject) y = parse_object (b);
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter iter;
  const char *name;

  if (x == NULL || y == NULL)
    return x == y;
  add_names (names, x);
  add_names (names, y);
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    if (!values_equal (json_object_get_member (x, name), json_object_get_member (y, name)))
      return FALSE;
  return TRUE;
}

static void
add_names (GHashTable *names,
           JsonObject *object)
{
  g_autoptr(GList) members = object ? json_object_get_members (object) : NULL;

  for (GList *l = members; l != NULL; l = l->next)
    g_hash_table_add (names, l->data);
}

static FmDeskIssue *
conflict_issue (const char *field,
                JsonNode   *mine,
                JsonNode   *theirs)
{
  FmDeskIssue *issue = g_new0 (FmDeskIssue, 1);

  issue->kind = FM_DESK_ISSUE_CONFLICT;
  issue->field = g_strdup (field);
  issue->mine = node_text (mine);
  issue->theirs = node_text (theirs);
  return issue;
}

/* Three-way merge of one thing's fields. Each field takes the side that
 * changed it; a field both sides changed to different values takes
 * theirs (what the desk already holds) and is added to @conflicts. */
char *
fm_desk_merge (const char *base,
               const char *mine,
               const char *theirs,
               GPtrArray  *conflicts)
{
  g_autoptr(JsonObject) b = parse_object (base);
  g_autoptr(JsonObject) m = parse_object (mine);
  g_autoptr(JsonObject) t = parse_object (theirs);
  g_autoptr(JsonObject) merged = json_object_new ();
  g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(JsonNode) root = json_node_new (JSON_NODE_OBJECT);
  GHashTableIter iter;
  const char *name;

  g_return_val_if_fail (mine != NULL && theirs != NULL, NULL);

  add_names (names, m);
  add_names (names, t);
  g_hash_table_iter_init (&iter, names);
  while (g_hash_table_iter_next (&iter, (gpointer *) &name, NULL))
    {
      JsonNode *bv = b ? json_object_get_member (b, name) : NULL;
      JsonNode *mv = m ? json_object_get_member (m, name) : NULL;
      JsonNode *tv = t ? json_object_get_member (t, name) : NULL;
      JsonNode *pick = tv;

      if (values_equal (mv, tv) || values_equal (mv, bv))
        pick = tv;
      else if (values_equal (tv, bv))
        pick = mv;
      else if (conflicts != NULL)
        g_ptr_array_add (conflicts, conflict_issue (name, mv, tv));
      json_object_set_member (merged, name, pick ? json_node_copy (pick) : json_node_new (JSON_NODE_NULL));
    }
  json_node_set_object (root, merged);
  return json_to_string (root, FALSE);
}

static FmDeskIssue *
new_issue (FmDeskIssueKind  kind,
           FmDeskRow       *row,
           const char      *reason,
           const char      *theirs)
{
  FmDeskIssue *issue = g_new0 (FmDeskIssue, 1);

  issue->kind = kind;
  issue->entity = row->entity;
  issue->uuid = g_strdup (row->uuid);
  issue->field = g_strdup ("");
  issue->reason = g_strdup (reason);
  issue->theirs = g_strdup (theirs);
  return issue;
}

static FmDeskPushed *
new_pushed (FmDeskRow *row)
{
  FmDeskPushed *pushed = g_new0 (FmDeskPushed, 1);

  pushed->row = row;
  pushed->issues = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_desk_issue_free);
  return pushed;
}

/* Sends @fields as @row's new state. A refusal leaves the library as the
 * user made it, and says why; the row is not sent again until it changes. */
static gboolean
send (FmDeskServer  *server,
      FmDeskPushed  *pushed,
      const char    *fields,
      FmDeskRow     *there,
      FmDeskStats   *stats,
      GError       **error)
{
  g_autoptr(FmDeskRow) out = fm_desk_row_new (pushed->row->entity, pushed->row->uuid);
  g_autofree char *refused = NULL;

  out->fields = g_strdup (fields);
  if (!fm_desk_server_write (server, out, there != NULL, &refused, &pushed->rekey, error))
    return FALSE;
  if (refused != NULL)
    {
      FmDeskIssue *issue = new_issue (FM_DESK_ISSUE_REFUSED, pushed->row, refused,
                                      there ? there->fields : NULL);

      /* The library goes back to what the desk holds, so the next edit is
       * not refused again for this one; the refused fields stay in the
       * issue. A refused new row stays here, as the only copy of it. */
      issue->mine = g_strdup (fields);
      g_ptr_array_add (pushed->issues, issue);
      pushed->version = there ? there->version : 0;
      pushed->server = g_strdup (there ? there->fields : NULL);
      pushed->apply = there != NULL;
      stats->refused++;
      return TRUE;
    }
  if (pushed->rekey == NULL)
    {
      pushed->version = out->version;
      pushed->server = g_strdup (fields);
    }
  stats->pushed++;
  return TRUE;
}

static void
note_conflicts (FmDeskPushed *pushed,
                GPtrArray    *conflicts,
                FmDeskRow    *there,
                FmDeskStats  *stats)
{
  for (guint i = 0; i < conflicts->len; i++)
    {
      FmDeskIssue *issue = g_ptr_array_index (conflicts, i);

      issue->entity = pushed->row->entity;
      issue->uuid = g_strdup (pushed->row->uuid);
      issue->author = g_strdup (there->changed_by);
      g_ptr_array_add (pushed->issues, issue);
      stats->conflicts++;
    }
  g_ptr_array_set_free_func (conflicts, NULL);
}

/* The server's row changed since this library saw it. */
static gboolean
push_changed (FmDeskServer  *server,
              FmDeskPushed  *pushed,
              FmDeskRow     *there,
              FmDeskStats   *stats,
              GError       **error)
{
  FmDeskRow *row = pushed->row;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autofree char *merged = NULL;

  if (row->fields == NULL && there->fields == NULL)
    {
      pushed->version = there->version;
      return TRUE;
    }
  if (row->fields == NULL)
    {
      /* Deleted here, edited there: the edit wins, and comes back. */
      g_ptr_array_add (pushed->issues,
                       new_issue (FM_DESK_ISSUE_KEPT, row,
                                  _("Deleted here, but changed on the desk since; it was kept"),
                                  there->fields));
      pushed->version = there->version;
      pushed->server = g_strdup (there->fields);
      pushed->apply = TRUE;
      stats->kept++;
      return TRUE;
    }
  if (there->fields == NULL)
    {
      /* Edited here, deleted there: the edit wins on the desk too. */
      g_ptr_array_add (pushed->issues,
                       new_issue (FM_DESK_ISSUE_KEPT, row,
                                  _("Deleted on the desk, but changed here since; it was kept"),
                                  NULL));
      stats->kept++;
      return send (server, pushed, row->fields, there, stats, error);
    }
  conflicts = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_desk_issue_free);
  merged = fm_desk_merge (row->base, row->fields, there->fields, conflicts);
  note_conflicts (pushed, conflicts, there, stats);
  pushed->apply = TRUE;
  if (!objects_equal (merged, there->fields))
    return send (server, pushed, merged, there, stats, error);
  pushed->version = there->version;
  pushed->server = g_steal_pointer (&merged);
  return TRUE;
}

static FmDeskPushed *
push_one (FmDeskServer  *server,
          FmDeskRow     *row,
          FmDeskStats   *stats,
          GError       **error)
{
  GError *local_error = NULL;
  g_autoptr(FmDeskRow) there = fm_desk_server_fetch (server, row->entity, row->uuid, &local_error);
  FmDeskPushed *pushed;
  gboolean ok;

  if (local_error != NULL)
    return g_propagate_error (error, local_error), NULL;
  pushed = new_pushed (row);
  if (there == NULL)
    ok = row->fields == NULL || send (server, pushed, row->fields, NULL, stats, error);
  else if (there->version == row->base_version)
    ok = send (server, pushed, row->fields, there, stats, error);
  else
    ok = push_changed (server, pushed, there, stats, error);
  if (!ok)
    return fm_desk_pushed_free (pushed), NULL;
  return pushed;
}

/* An annotation of an article the desk knows under another uuid points
 * at that uuid instead. */
static void
follow_rekeys (FmDeskRow  *row,
               GHashTable *rekeys)
{
  g_autoptr(JsonObject) object = NULL;
  g_autoptr(JsonNode) root = NULL;
  const char *to;

  if (row->entity != FM_DESK_ENTITY_ANNOTATION || row->fields == NULL
      || g_hash_table_size (rekeys) == 0)
    return;
  object = parse_object (row->fields);
  if (object == NULL || !json_object_has_member (object, "article"))
    return;
  to = g_hash_table_lookup (rekeys, json_object_get_string_member (object, "article"));
  if (to == NULL)
    return;
  json_object_set_string_member (object, "article", to);
  root = json_node_new (JSON_NODE_OBJECT);
  json_node_set_object (root, object);
  g_free (row->fields);
  row->fields = json_to_string (root, FALSE);
}

static GPtrArray *
push_batch (FmDeskServer  *server,
            GPtrArray     *rows,
            GHashTable    *rekeys,
            FmDeskStats   *stats,
            GError       **error)
{
  g_autoptr(GPtrArray) pushed = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_desk_pushed_free);

  if (!fm_desk_server_begin_push (server, error))
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      FmDeskRow *row = g_ptr_array_index (rows, i);
      FmDeskPushed *one;

      follow_rekeys (row, rekeys);
      one = push_one (server, row, stats, error);
      if (one == NULL)
        return fm_desk_server_rollback (server), NULL;
      if (one->rekey != NULL)
        g_hash_table_insert (rekeys, g_strdup (row->uuid), g_strdup (one->rekey));
      g_ptr_array_add (pushed, one);
    }
  if (!fm_desk_server_commit (server, error))
    return NULL;
  return g_steal_pointer (&pushed);
}

/* The server's commit comes before the library's: a crash between the two
 * leaves the rows in the outbox, and pushing them again finds the server
 * already holding the same fields, so nothing arrives twice. */
static gboolean
push_all (FmStore       *store,
          FmDeskServer  *server,
          FmDeskStats   *stats,
          GError       **error)
{
  g_autoptr(GHashTable) rekeys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint batch = 0; batch < MAX_BATCHES; batch++)
    {
      g_autoptr(GPtrArray) rows = fm_store_desk_list_outbox (store, PUSH_BATCH, error);
      g_autoptr(GPtrArray) pushed = NULL;

      if (rows == NULL)
        return FALSE;
      if (rows->len == 0)
        return TRUE;
      pushed = push_batch (server, rows, rekeys, stats, error);
      if (pushed == NULL || !fm_store_desk_finish_push (store, pushed, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
pull_all (FmStore       *store,
          FmDeskServer  *server,
          FmDeskStats   *stats,
          GError       **error)
{
  g_autoptr(FmDeskInfo) info = fm_store_desk_get_info (store, error);
  gint64 since;

  if (info == NULL)
    return FALSE;
  since = info->pulled_version;
  for (;;)
    {
      g_autoptr(GPtrArray) rows = fm_desk_server_pull (server, since, PULL_BATCH, error);
      guint applied = 0;

      if (rows == NULL)
        return FALSE;
      if (rows->len > 0)
        since = ((FmDeskRow *) g_ptr_array_index (rows, rows->len - 1))->version;
      if (!fm_store_desk_apply_pulled (store, rows, since, &applied, error))
        return FALSE;
      stats->pulled += applied;
      if (rows->len < PULL_BATCH)
        return TRUE;
    }
}

static FmDeskServer *
connect_desk (const char  *url,
              GError     **error)
{
  FmDeskServer *server = fm_desk_server_connect (url, error);

  if (server != NULL && !fm_desk_server_check_schema (server, error))
    g_clear_pointer (&server, fm_desk_server_free);
  return server;
}

gboolean
fm_desk_init (const char  *url,
              GError     **error)
{
  FmDeskServer *server;
  gboolean ok;

  g_return_val_if_fail (url != NULL, FALSE);

  server = fm_desk_server_connect (url, error);
  if (server == NULL)
    return FALSE;
  ok = fm_desk_server_init_schema (server, error);
  fm_desk_server_free (server);
  return ok;
}

gboolean
fm_desk_join (FmStore      *store,
              const char   *url,
              FmDeskStats  *stats,
              GError      **error)
{
  FmDeskServer *server;
  gboolean ok;

  g_return_val_if_fail (FM_IS_STORE (store), FALSE);
  g_return_val_if_fail (url != NULL, FALSE);

  server = connect_desk (url, error);
  if (server == NULL)
    return FALSE;
  if (fm_desk_server_get_role (server) == NULL)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_REFUSED,
                   _("%s is neither a reporter nor an editor on this desk"),
                   fm_desk_server_get_user (server));
      fm_desk_server_free (server);
      return FALSE;
    }
  ok = fm_store_desk_join (store, url, fm_desk_server_get_user (server),
                           fm_desk_server_get_role (server), error)
       && fm_desk_sync (store, server, stats, error);
  fm_desk_server_free (server);
  return ok;
}

/* Pushes, then pulls. With @server NULL it connects to the library's desk
 * for this one sync. A failure keeps the outbox as it was. */
gboolean
fm_desk_sync (FmStore       *store,
              FmDeskServer  *server,
              FmDeskStats   *stats,
              GError       **error)
{
  g_autoptr(FmDeskInfo) info = NULL;
  FmDeskServer *own = NULL;
  FmDeskStats ignored = { 0 };
  gboolean ok;

  g_return_val_if_fail (FM_IS_STORE (store), FALSE);

  if (stats == NULL)
    stats = &ignored;
  if (server == NULL)
    {
      info = fm_store_desk_get_info (store, error);
      if (info == NULL)
        return FALSE;
      server = own = connect_desk (info->url, error);
      if (server == NULL)
        return FALSE;
    }
  ok = push_all (store, server, stats, error) && pull_all (store, server, stats, error);
  fm_desk_server_free (own);
  return ok;
}
