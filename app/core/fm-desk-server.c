/* fm-desk-server.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-desk"

#include "config.h"

#include <glib/gi18n.h>
#include <libpq-fe.h>

#include "fm-desk-server.h"
#include "fm-types.h"

/* The server of record. Every synced thing is a row of its fields as
 * jsonb with a version from one sequence; triggers stamp the version, who
 * made and who changed it, and row-level security decides who may. Pushes
 * take one advisory lock, so versions commit in order and a pull that
 * asks for "everything after N" can never skip a row that commits late.
 * Every statement is sent with its parameters apart (PQexecParams). */

struct _FmDeskServer
{
  PGconn *conn;
  char   *user;
  char   *role;
  guint   savepoints;
};

/* The advisory lock every push takes: any number the desk owns will do. */
#define PUSH_LOCK "7240915"

static const char * const schema_steps[] = {
  /* 0 → 1 */
  "CREATE SCHEMA IF NOT EXISTS factmark;"
  "CREATE TABLE factmark.meta (key text PRIMARY KEY, value text NOT NULL);"
  "CREATE SEQUENCE factmark.version;"
  "CREATE TABLE factmark.articles ("
  "  uuid       text PRIMARY KEY,"
  "  sha256     text UNIQUE,"
  "  fields     jsonb NOT NULL,"
  "  deleted    boolean NOT NULL DEFAULT false,"
  "  version    bigint NOT NULL,"
  "  created_by name NOT NULL,"
  "  created_at timestamptz NOT NULL,"
  "  changed_by name NOT NULL,"
  "  changed_at timestamptz NOT NULL,"
  "  verdict_by name,"
  "  verdict_at timestamptz);"
  "CREATE TABLE factmark.annotations ("
  "  uuid       text PRIMARY KEY,"
  "  article    text NOT NULL REFERENCES factmark.articles (uuid),"
  "  fields     jsonb NOT NULL,"
  "  deleted    boolean NOT NULL DEFAULT false,"
  "  version    bigint NOT NULL,"
  "  created_by name NOT NULL,"
  "  created_at timestamptz NOT NULL,"
  "  changed_by name NOT NULL,"
  "  changed_at timestamptz NOT NULL,"
  "  verdict_by name,"
  "  verdict_at timestamptz);"
  "CREATE INDEX articles_version ON factmark.articles (version);"
  "CREATE INDEX annotations_version ON factmark.annotations (version);"
  "CREATE FUNCTION factmark.stamp () RETURNS trigger LANGUAGE plpgsql AS $$"
  "BEGIN"
  "  NEW.version := nextval ('factmark.version');"
  "  NEW.changed_by := current_user;"
  "  NEW.changed_at := now ();"
  "  IF TG_OP = 'INSERT' THEN"
  "    NEW.created_by := current_user;"
  "    NEW.created_at := now ();"
  "  ELSE"
  "    NEW.created_by := OLD.created_by;"
  "    NEW.created_at := OLD.created_at;"
  "  END IF;"
  "  IF (TG_OP = 'INSERT' AND coalesce (NEW.fields->>'verdict', 'unverified') <> 'unverified')"
  "     OR (TG_OP = 'UPDATE' AND (NEW.fields->>'verdict') IS DISTINCT FROM (OLD.fields->>'verdict')) THEN"
  "    IF NOT pg_has_role (current_user, 'factmark_editor', 'MEMBER') THEN"
  "      RAISE EXCEPTION 'only an editor can set or change a verdict'"
  "        USING ERRCODE = 'insufficient_privilege';"
  "    END IF;"
  "    NEW.verdict_by := current_user;"
  "    NEW.verdict_at := now ();"
  "  ELSIF TG_OP = 'UPDATE' THEN"
  "    NEW.verdict_by := OLD.verdict_by;"
  "    NEW.verdict_at := OLD.verdict_at;"
  "  END IF;"
  "  RETURN NEW;"
  "END $$;"
  "CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON factmark.articles"
  "  FOR EACH ROW EXECUTE FUNCTION factmark.stamp ();"
  "CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON factmark.annotations"
  "  FOR EACH ROW EXECUTE FUNCTION factmark.stamp ();"
  /* NOTIFY carries nothing: it only says there is something to pull. */
  "CREATE FUNCTION factmark.notify () RETURNS trigger LANGUAGE plpgsql AS $$"
  "BEGIN PERFORM pg_notify ('factmark', ''); RETURN NULL; END $$;"
  "CREATE TRIGGER notify AFTER INSERT OR UPDATE ON factmark.articles"
  "  FOR EACH STATEMENT EXECUTE FUNCTION factmark.notify ();"
  "CREATE TRIGGER notify AFTER INSERT OR UPDATE ON factmark.annotations"
  "  FOR EACH STATEMENT EXECUTE FUNCTION factmark.notify ();"
  "DO $$ BEGIN"
  "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'factmark_reporter') THEN"
  "    CREATE ROLE factmark_reporter NOLOGIN;"
  "  END IF;"
  "  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'factmark_editor') THEN"
  "    CREATE ROLE factmark_editor NOLOGIN;"
  "  END IF;"
  "END $$;"
  "GRANT USAGE ON SCHEMA factmark TO factmark_reporter, factmark_editor;"
  "GRANT SELECT ON factmark.meta TO factmark_reporter, factmark_editor;"
  "GRANT SELECT, INSERT, UPDATE ON factmark.articles, factmark.annotations"
  "  TO factmark_reporter, factmark_editor;"
  "GRANT USAGE ON SEQUENCE factmark.version TO factmark_reporter, factmark_editor;"
  /* Everyone on the desk reads everything and adds what they like; a
   * reporter changes (and deletes, which is a change) only their own rows,
   * an editor any row. FORCE makes the rules hold for the owner too. */
  "ALTER TABLE factmark.articles ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE factmark.articles FORCE ROW LEVEL SECURITY;"
  "ALTER TABLE factmark.annotations ENABLE ROW LEVEL SECURITY;"
  "ALTER TABLE factmark.annotations FORCE ROW LEVEL SECURITY;"
  "CREATE POLICY desk_read ON factmark.articles FOR SELECT USING (true);"
  "CREATE POLICY desk_add ON factmark.articles FOR INSERT WITH CHECK (created_by = current_user);"
  "CREATE POLICY own_change ON factmark.articles FOR UPDATE TO factmark_reporter"
  "  USING (created_by = current_user) WITH CHECK (created_by = current_user);"
  "CREATE POLICY editor_change ON factmark.articles FOR UPDATE TO factmark_editor"
  "  USING (true) WITH CHECK (true);"
  "CREATE POLICY desk_read ON factmark.annotations FOR SELECT USING (true);"
  "CREATE POLICY desk_add ON factmark.annotations FOR INSERT WITH CHECK (created_by = current_user);"
  "CREATE POLICY own_change ON factmark.annotations FOR UPDATE TO factmark_reporter"
  "  USING (created_by = current_user) WITH CHECK (created_by = current_user);"
  "CREATE POLICY editor_change ON factmark.annotations FOR UPDATE TO factmark_editor"
  "  USING (true) WITH CHECK (true);",
};

G_STATIC_ASSERT (G_N_ELEMENTS (schema_steps) == FM_DESK_SCHEMA_VERSION);

static const char SQL_HAS_DESK[] = "SELECT to_regclass ('factmark.meta') IS NOT NULL";
static const char SQL_SCHEMA_VERSION[] =
  "SELECT value::int FROM factmark.meta WHERE key = 'schema'";
static const char SQL_SET_SCHEMA[] =
  "INSERT INTO factmark.meta (key, value) VALUES ('schema', $1)"
  "  ON CONFLICT (key) DO UPDATE SET value = excluded.value";
/* By oid, so that a server without the desk's roles yet is no error. */
static const char SQL_WHO[] =
  "SELECT current_user, (SELECT substr (rolname, 10) FROM pg_roles"
  "  WHERE rolname IN ('factmark_editor', 'factmark_reporter') AND pg_has_role (oid, 'MEMBER')"
  "  ORDER BY rolname = 'factmark_editor' DESC LIMIT 1)";
static const char SQL_FETCH_ARTICLE[] =
  "SELECT fields::text, deleted, version, created_by, changed_by FROM factmark.articles"
  "  WHERE uuid = $1";
static const char SQL_FETCH_ANNOTATION[] =
  "SELECT fields::text, deleted, version, created_by, changed_by FROM factmark.annotations"
  "  WHERE uuid = $1";
static const char SQL_INSERT_ARTICLE[] =
  "INSERT INTO factmark.articles (uuid, sha256, fields, deleted, version, created_by,"
  "  created_at, changed_by, changed_at) VALUES ($1, $2::jsonb->>'sha256', $2::jsonb, false,"
  "  0, current_user, now (), current_user, now ())"
  "  ON CONFLICT (sha256) DO NOTHING RETURNING version";
static const char SQL_ARTICLE_BY_SHA[] =
  "SELECT uuid FROM factmark.articles WHERE sha256 = $1::jsonb->>'sha256'";
static const char SQL_INSERT_ANNOTATION[] =
  "INSERT INTO factmark.annotations (uuid, article, fields, deleted, version, created_by,"
  "  created_at, changed_by, changed_at) VALUES ($1, $2::jsonb->>'article', $2::jsonb,"
  "  false, 0, current_user, now (), current_user, now ()) RETURNING version";
static const char SQL_UPDATE_ARTICLE[] =
  "UPDATE factmark.articles SET fields = coalesce ($2::jsonb, fields),"
  "  deleted = $2::jsonb IS NULL WHERE uuid = $1 RETURNING version";
static const char SQL_UPDATE_ANNOTATION[] =
  "UPDATE factmark.annotations SET fields = coalesce ($2::jsonb, fields),"
  "  deleted = $2::jsonb IS NULL WHERE uuid = $1 RETURNING version";
/* Everything after @since in version order, across both tables (one
 * sequence numbers them both), with who made and changed each. */
static const char SQL_PULL[] =
  "SELECT 0, uuid, fields::text, deleted, version, created_by,"
  "  extract (epoch FROM created_at)::bigint, verdict_by,"
  "  coalesce (extract (epoch FROM verdict_at)::bigint, 0), changed_by,"
  "  extract (epoch FROM changed_at)::bigint FROM factmark.articles WHERE version > $1"
  " UNION ALL "
  "SELECT 1, uuid, fields::text, deleted, version, created_by,"
  "  extract (epoch FROM created_at)::bigint, verdict_by,"
  "  coalesce (extract (epoch FROM verdict_at)::bigint, 0), changed_by,"
  "  extract (epoch FROM changed_at)::bigint FROM factmark.annotations WHERE version > $1"
  " ORDER BY 5 LIMIT $2";

static gboolean
set_pg_error (FmDeskServer  *self,
              PGresult      *result,
              GError       **error)
{
  const char *state = result ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;
  const char *msg = result ? PQresultErrorField (result, PG_DIAG_MESSAGE_PRIMARY) : NULL;
  int code = FM_ERROR_DATABASE;

  if (msg == NULL)
    msg = PQerrorMessage (self->conn);
  /* Class 08 is a lost connection, 57P a server shutting down. */
  if (PQstatus (self->conn) != CONNECTION_OK || (state && (g_str_has_prefix (state, "08")
                                                           || g_str_has_prefix (state, "57P"))))
    code = FM_ERROR_OFFLINE;
  else if (state && (g_str_equal (state, "42501") || g_str_has_prefix (state, "28")))
    code = FM_ERROR_REFUSED;
  {
    g_autofree char *line = g_strchomp (g_strdup (msg));

    g_set_error (error, FM_ERROR, code, _("Desk server: %s"), line);
  }
  return FALSE;
}

static PGresult *
run (FmDeskServer  *self,
     const char    *sql,
     int            n_params,
     const char   **params,
     GError       **error)
{
  /* Scripts without parameters (the schema's steps) may hold many
   * statements, which only the simple protocol takes. */
  PGresult *result = n_params == 0 ? PQexec (self->conn, sql)
                     : PQexecParams (self->conn, sql, n_params, NULL, params, NULL, NULL, 0);
  ExecStatusType status = PQresultStatus (result);

  if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK)
    return result;
  set_pg_error (self, result, error);
  PQclear (result);
  return NULL;
}

static gboolean
run_done (FmDeskServer  *self,
          const char    *sql,
          GError       **error)
{
  PGresult *result = run (self, sql, 0, NULL, error);

  PQclear (result);
  return result != NULL;
}

static gboolean
read_who (FmDeskServer  *self,
          GError       **error)
{
  PGresult *result = run (self, SQL_WHO, 0, NULL, error);

  if (result == NULL)
    return FALSE;
  self->user = g_strdup (PQgetvalue (result, 0, 0));
  self->role = PQgetisnull (result, 0, 1) ? NULL : g_strdup (PQgetvalue (result, 0, 1));
  PQclear (result);
  return TRUE;
}

/* A URL is a libpq connection string or URI. A password kept in the
 * keyring for it is handed to libpq apart; otherwise libpq looks in
 * ~/.pgpass itself. Nothing is stored in the library. */
FmDeskServer *
fm_desk_server_connect (const char  *url,
                        GError     **error)
{
  g_autofree char *password = NULL;
  const char *keys[5] = { "dbname", "connect_timeout", "application_name", NULL, NULL };
  const char *values[5] = { url, "5", "factmark", NULL, NULL };
  FmDeskServer *self;

  g_return_val_if_fail (url != NULL, NULL);

  password = fm_desk_secret_lookup (url);
  if (password != NULL)
    {
      keys[3] = "password";
      values[3] = password;
    }
  self = g_new0 (FmDeskServer, 1);
  self->conn = PQconnectdbParams (keys, values, TRUE);
  if (PQstatus (self->conn) != CONNECTION_OK)
    {
      g_autofree char *msg = g_strchomp (g_strdup (PQerrorMessage (self->conn)));
      int code = strstr (msg, "authentication") || strstr (msg, "password") || strstr (msg, "role")
                 ? FM_ERROR_REFUSED : FM_ERROR_OFFLINE;

      g_set_error (error, FM_ERROR, code, _("Cannot reach the desk server: %s"), msg);
      fm_desk_server_free (self);
      return NULL;
    }
  if (!read_who (self, error))
    return fm_desk_server_free (self), NULL;
  return self;
}

void
fm_desk_server_free (FmDeskServer *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->conn, PQfinish);
  g_free (self->user);
  g_free (self->role);
  g_free (self);
}

static int
schema_version (FmDeskServer  *self,
                GError       **error)
{
  PGresult *result = run (self, SQL_HAS_DESK, 0, NULL, error);
  int version;

  if (result == NULL)
    return -1;
  version = g_str_equal (PQgetvalue (result, 0, 0), "t");
  PQclear (result);
  if (version == 0)
    return 0;
  result = run (self, SQL_SCHEMA_VERSION, 0, NULL, error);
  if (result == NULL)
    return -1;
  version = PQntuples (result) == 0 ? 0 : atoi (PQgetvalue (result, 0, 0));
  PQclear (result);
  return version;
}

static gboolean
run_step (FmDeskServer  *self,
          int            step,
          GError       **error)
{
  g_autofree char *number = g_strdup_printf ("%d", step + 1);
  const char *params[] = { number };
  PGresult *result;

  if (!run_done (self, schema_steps[step], error))
    return FALSE;
  result = run (self, SQL_SET_SCHEMA, 1, params, error);
  PQclear (result);
  return result != NULL;
}

/* Creates the desk or brings it up to this build's schema, all in one
 * transaction; it needs the owner (or a role that may create roles). */
gboolean
fm_desk_server_init_schema (FmDeskServer  *self,
                            GError       **error)
{
  int version;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!run_done (self, "BEGIN", error))
    return FALSE;
  version = schema_version (self, error);
  if (version > FM_DESK_SCHEMA_VERSION)
    g_set_error (error, FM_ERROR, FM_ERROR_NEWER_SCHEMA,
                 _("The desk was set up by a newer version of Factmark (schema %d)"), version);
  for (int v = MAX (version, 0); version >= 0 && v < FM_DESK_SCHEMA_VERSION
       && (error == NULL || *error == NULL); v++)
    if (!run_step (self, v, error))
      break;
  if (version < 0 || (error != NULL && *error != NULL))
    {
      fm_desk_server_rollback (self);
      return FALSE;
    }
  return run_done (self, "COMMIT", error);
}

gboolean
fm_desk_server_check_schema (FmDeskServer  *self,
                             GError       **error)
{
  int version;

  g_return_val_if_fail (self != NULL, FALSE);

  version = schema_version (self, error);
  if (version < 0)
    return FALSE;
  if (version == FM_DESK_SCHEMA_VERSION)
    return TRUE;
  if (version == 0)
    g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND,
                 _("No desk on this server; set it up with “factmark-cli desk init”"));
  else
    g_set_error (error, FM_ERROR, FM_ERROR_NEWER_SCHEMA,
                 _("The desk's schema is %d and this version of Factmark works with %d"),
                 version, FM_DESK_SCHEMA_VERSION);
  return FALSE;
}

/* Adds a person who logs in as @name, a reporter or an editor, or gives
 * an existing login that role. Role names cannot be bound as parameters,
 * so the name is quoted by libpq. */
gboolean
fm_desk_server_add_person (FmDeskServer  *self,
                           const char    *name,
                           const char    *role,
                           GError       **error)
{
  const char *params[] = { name };
  g_autofree char *sql = NULL;
  PGresult *result;
  gboolean exists;
  char *quoted;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (name != NULL && role != NULL, FALSE);

  if (!g_str_equal (role, "reporter") && !g_str_equal (role, "editor"))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("A desk role is “reporter” or “editor”, not “%s”"), role);
      return FALSE;
    }
  result = run (self, "SELECT 1 FROM pg_roles WHERE rolname = $1", 1, params, error);
  if (result == NULL)
    return FALSE;
  exists = PQntuples (result) > 0;
  PQclear (result);
  quoted = PQescapeIdentifier (self->conn, name, strlen (name));
  if (quoted == NULL)
    return set_pg_error (self, NULL, error);
  sql = g_strdup_printf ("%s%s%s GRANT factmark_%s TO %s;",
                         exists ? "" : "CREATE ROLE ", exists ? "" : quoted,
                         exists ? "" : " LOGIN;", role, quoted);
  PQfreemem (quoted);
  return run_done (self, sql, error);
}

const char *
fm_desk_server_get_user (FmDeskServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->user;
}

const char *
fm_desk_server_get_role (FmDeskServer *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->role;
}

gboolean
fm_desk_server_begin_push (FmDeskServer  *self,
                           GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return run_done (self, "BEGIN", error)
         && run_done (self, "SELECT pg_advisory_xact_lock (" PUSH_LOCK ")", error);
}

gboolean
fm_desk_server_commit (FmDeskServer  *self,
                       GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return run_done (self, "COMMIT", error);
}

void
fm_desk_server_rollback (FmDeskServer *self)
{
  g_return_if_fail (self != NULL);

  if (PQtransactionStatus (self->conn) != PQTRANS_IDLE)
    run_done (self, "ROLLBACK", NULL);
}

/* The server's row for @uuid, its fields NULL when deleted there; NULL
 * with no error when the server has never seen it. */
FmDeskRow *
fm_desk_server_fetch (FmDeskServer  *self,
                      FmDeskEntity   entity,
                      const char    *uuid,
                      GError       **error)
{
  const char *params[] = { uuid };
  PGresult *result;
  FmDeskRow *row = NULL;

  g_return_val_if_fail (self != NULL, NULL);

  result = run (self, entity == FM_DESK_ENTITY_ARTICLE ? SQL_FETCH_ARTICLE : SQL_FETCH_ANNOTATION,
                1, params, error);
  if (result == NULL)
    return NULL;
  if (PQntuples (result) == 1)
    {
      row = fm_desk_row_new (entity, uuid);
      if (g_str_equal (PQgetvalue (result, 0, 1), "f"))
        row->fields = g_strdup (PQgetvalue (result, 0, 0));
      row->version = g_ascii_strtoll (PQgetvalue (result, 0, 2), NULL, 10);
      row->marked_by = g_strdup (PQgetvalue (result, 0, 3));
      row->changed_by = g_strdup (PQgetvalue (result, 0, 4));
    }
  PQclear (result);
  return row;
}

/* A refusal by the server's rules (SQLSTATE 42501) is not an error of the
 * push: it undoes only this row, and its reason goes back to the user. */
static gboolean
refused_or_error (FmDeskServer  *self,
                  GError        *local_error,
                  char         **refused,
                  GError       **error)
{
  if (g_error_matches (local_error, FM_ERROR, FM_ERROR_REFUSED))
    {
      *refused = g_strdup (local_error->message);
      g_error_free (local_error);
      return run_done (self, "ROLLBACK TO SAVEPOINT row", error);
    }
  g_propagate_error (error, local_error);
  return FALSE;
}

static gboolean
write_article_insert (FmDeskServer  *self,
                      FmDeskRow     *row,
                      char         **known_as,
                      GError       **error)
{
  const char *params[] = { row->uuid, row->fields };
  PGresult *result = run (self, SQL_INSERT_ARTICLE, 2, params, error);

  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 1)
    {
      row->version = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
      PQclear (result);
      return TRUE;
    }
  PQclear (result);
  /* The same text is on the desk already, under another uuid. */
  result = run (self, SQL_ARTICLE_BY_SHA, 1, params + 1, error);
  if (result == NULL)
    return FALSE;
  if (PQntuples (result) == 1)
    *known_as = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  return TRUE;
}

static const char *
write_sql (FmDeskRow *row,
           gboolean   exists)
{
  if (row->entity == FM_DESK_ENTITY_ARTICLE)
    return exists ? SQL_UPDATE_ARTICLE : SQL_INSERT_ARTICLE;
  return exists ? SQL_UPDATE_ANNOTATION : SQL_INSERT_ANNOTATION;
}

/* Writes @row's fields (NULL: marks it deleted) and sets row->version to
 * the server's new version. Returns FALSE only when the push as a whole
 * cannot go on; a row the rules refuse sets @refused instead. */
gboolean
fm_desk_server_write (FmDeskServer  *self,
                      FmDeskRow     *row,
                      gboolean       exists,
                      char         **refused,
                      char         **known_as,
                      GError       **error)
{
  const char *params[] = { row->uuid, row->fields };
  GError *local_error = NULL;
  PGresult *result;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (refused != NULL && known_as != NULL, FALSE);

  if (!run_done (self, "SAVEPOINT row", error))
    return FALSE;
  if (!exists && row->entity == FM_DESK_ENTITY_ARTICLE)
    {
      if (!write_article_insert (self, row, known_as, &local_error))
        return refused_or_error (self, local_error, refused, error);
      return run_done (self, "RELEASE SAVEPOINT row", error);
    }
  result = run (self, write_sql (row, exists), 2, params, &local_error);
  if (result == NULL)
    return refused_or_error (self, local_error, refused, error);
  if (PQntuples (result) == 1)
    row->version = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  else
    *refused = g_strdup (_("only an editor can change or delete another person's annotation"));
  PQclear (result);
  return run_done (self, "RELEASE SAVEPOINT row", error);
}

static FmDeskRow *
pulled_row (PGresult *result,
            int       i)
{
  FmDeskEntity entity = atoi (PQgetvalue (result, i, 0)) == 0
                        ? FM_DESK_ENTITY_ARTICLE : FM_DESK_ENTITY_ANNOTATION;
  FmDeskRow *row = fm_desk_row_new (entity, PQgetvalue (result, i, 1));

  if (g_str_equal (PQgetvalue (result, i, 3), "f"))
    row->fields = g_strdup (PQgetvalue (result, i, 2));
  row->version = g_ascii_strtoll (PQgetvalue (result, i, 4), NULL, 10);
  row->marked_by = g_strdup (PQgetvalue (result, i, 5));
  row->marked_at = g_ascii_strtoll (PQgetvalue (result, i, 6), NULL, 10);
  if (!PQgetisnull (result, i, 7))
    row->verdict_by = g_strdup (PQgetvalue (result, i, 7));
  row->verdict_at = g_ascii_strtoll (PQgetvalue (result, i, 8), NULL, 10);
  row->changed_by = g_strdup (PQgetvalue (result, i, 9));
  row->changed_at = g_ascii_strtoll (PQgetvalue (result, i, 10), NULL, 10);
  return row;
}

GPtrArray *
fm_desk_server_pull (FmDeskServer  *self,
                     gint64         since,
                     guint          limit,
                     GError       **error)
{
  g_autofree char *since_text = g_strdup_printf ("%" G_GINT64_FORMAT, since);
  g_autofree char *limit_text = g_strdup_printf ("%u", limit);
  const char *params[] = { since_text, limit_text };
  GPtrArray *rows;
  PGresult *result;

  g_return_val_if_fail (self != NULL, NULL);

  result = run (self, SQL_PULL, 2, params, error);
  if (result == NULL)
    return NULL;
  rows = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_desk_row_free);
  for (int i = 0; i < PQntuples (result); i++)
    g_ptr_array_add (rows, pulled_row (result, i));
  PQclear (result);
  return rows;
}

gboolean
fm_desk_server_listen (FmDeskServer  *self,
                       GError       **error)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return run_done (self, "LISTEN factmark", error);
}

int
fm_desk_server_get_socket (FmDeskServer *self)
{
  g_return_val_if_fail (self != NULL, -1);

  return PQsocket (self->conn);
}

/* Reads what arrived on the socket; TRUE if it held a notification. */
gboolean
fm_desk_server_take_notifies (FmDeskServer  *self,
                              GError       **error)
{
  PGnotify *notify;
  gboolean any = FALSE;

  g_return_val_if_fail (self != NULL, FALSE);

  if (!PQconsumeInput (self->conn))
    {
      set_pg_error (self, NULL, error);
      return FALSE;
    }
  while ((notify = PQnotifies (self->conn)) != NULL)
    {
      any = TRUE;
      PQfreemem (notify);
    }
  return any;
}
