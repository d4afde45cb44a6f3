/* fm-store-schema.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-store"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-store-private.h"
#include "fm-types.h"

/* The library's schema, built step by step from version 0 to
 * FM_STORE_SCHEMA_VERSION; PRAGMA user_version says which step a file is at. */

/* Each entry takes the schema from the version before it to its own index
 * plus one. Only append: a released step is never edited. */
static const char * const migrations[] = {
  /* 0 → 1 */
  "CREATE TABLE articles ("
  "  id        INTEGER PRIMARY KEY,"
  "  uuid      TEXT NOT NULL UNIQUE,"
  "  title     TEXT,"
  "  url       TEXT,"
  "  outlet    TEXT,"
  "  author    TEXT,"
  "  published TEXT,"
  "  lang      TEXT,"
  "  imported  INTEGER NOT NULL,"
  "  text      TEXT NOT NULL,"
  "  sha256    TEXT NOT NULL UNIQUE,"
  "  length    INTEGER NOT NULL CHECK (length > 0)"
  ");"
  "CREATE INDEX articles_imported ON articles (imported DESC);"
  /* AUTOINCREMENT: an id is never handed out twice, so undoing a deletion
   * can put the annotation back under the id that history and links know. */
  "CREATE TABLE annotations ("
  "  id          INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  uuid        TEXT NOT NULL UNIQUE,"
  "  article_id  INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  kind        TEXT NOT NULL CHECK (kind IN ('claim', 'figure', 'source')),"
  "  start       INTEGER NOT NULL CHECK (start >= 0),"
  "  \"end\"       INTEGER NOT NULL CHECK (\"end\" > start),"
  "  quote       TEXT NOT NULL,"
  "  prefix      TEXT NOT NULL DEFAULT '',"
  "  suffix      TEXT NOT NULL DEFAULT '',"
  "  note        TEXT,"
  "  verdict     TEXT NOT NULL DEFAULT 'unverified',"
  "  value       REAL,"
  "  unit        TEXT,"
  "  name        TEXT,"
  "  source_type TEXT,"
  "  created     INTEGER NOT NULL,"
  "  modified    INTEGER NOT NULL"
  ");"
  "CREATE INDEX annotations_article ON annotations (article_id, start);"
  "CREATE TABLE links ("
  "  annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,"
  "  source_id     INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,"
  "  position      INTEGER NOT NULL,"
  "  PRIMARY KEY (annotation_id, source_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX links_source ON links (source_id);"
  "CREATE TABLE evidence ("
  "  id            INTEGER PRIMARY KEY,"
  "  annotation_id INTEGER NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,"
  "  position      INTEGER NOT NULL,"
  "  url           TEXT NOT NULL,"
  "  note          TEXT"
  ");"
  "CREATE INDEX evidence_annotation ON evidence (annotation_id, position);",

  /* 1 → 2: articles keep their earlier texts as revisions; annotations
   * record where re-anchoring left them, and an orphan has no span. SQLite
   * cannot relax a column's constraints in place, so the table is rebuilt
   * (foreign keys are off while migrating; ids are kept). */
  "CREATE TABLE revisions ("
  "  id         INTEGER PRIMARY KEY,"
  "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  number     INTEGER NOT NULL,"
  "  created    INTEGER NOT NULL,"
  "  origin     TEXT,"
  "  sha256     TEXT NOT NULL,"
  "  length     INTEGER NOT NULL,"
  "  text       TEXT NOT NULL,"
  "  UNIQUE (article_id, number)"
  ");"
  "CREATE TABLE annotations_v2 ("
  "  id             INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  uuid           TEXT NOT NULL UNIQUE,"
  "  article_id     INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  kind           TEXT NOT NULL CHECK (kind IN ('claim', 'figure', 'source')),"
  "  start          INTEGER,"
  "  \"end\"          INTEGER,"
  "  quote          TEXT NOT NULL,"
  "  prefix         TEXT NOT NULL DEFAULT '',"
  "  suffix         TEXT NOT NULL DEFAULT '',"
  "  note           TEXT,"
  "  verdict        TEXT NOT NULL DEFAULT 'unverified',"
  "  value          REAL,"
  "  unit           TEXT,"
  "  name           TEXT,"
  "  source_type    TEXT,"
  "  created        INTEGER NOT NULL,"
  "  modified       INTEGER NOT NULL,"
  "  state          TEXT NOT NULL DEFAULT 'unchanged'"
  "                 CHECK (state IN ('unchanged', 'moved', 'changed', 'orphaned')),"
  "  original_quote TEXT,"
  "  confirmed      INTEGER NOT NULL DEFAULT 1,"
  "  CHECK ((state = 'orphaned' AND start IS NULL AND \"end\" IS NULL)"
  "         OR (state <> 'orphaned' AND start >= 0 AND \"end\" > start))"
  ");"
  "INSERT INTO annotations_v2 (id, uuid, article_id, kind, start, \"end\", quote, prefix, suffix,"
  "  note, verdict, value, unit, name, source_type, created, modified)"
  "  SELECT id, uuid, article_id, kind, start, \"end\", quote, prefix, suffix, note, verdict,"
  "  value, unit, name, source_type, created, modified FROM annotations;"
  "DROP TABLE annotations;"
  "ALTER TABLE annotations_v2 RENAME TO annotations;"
  "CREATE INDEX annotations_article ON annotations (article_id, start);",

  /* 2 → 3: the counts per kind that the library shows and every change
   * announces are read from the index alone, not from every row. */
  "CREATE INDEX annotations_kind ON annotations (article_id, kind);",

  /* 3 → 4: suggestions the user rejected, by what they say and a little of
   * the text around them rather than by offsets, so that a rejection holds
   * after the article's text is updated. */
  "CREATE TABLE rejections ("
  "  id         INTEGER PRIMARY KEY,"
  "  article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,"
  "  kind       TEXT NOT NULL CHECK (kind IN ('claim', 'figure', 'source')),"
  "  text       TEXT NOT NULL,"
  "  prefix     TEXT NOT NULL DEFAULT '',"
  "  suffix     TEXT NOT NULL DEFAULT '',"
  "  created    INTEGER NOT NULL,"
  "  UNIQUE (article_id, kind, text, prefix, suffix)"
  ");",

  /* 4 → 5: one full-text index over what a desk searches for: articles'
   * titles and text, annotations' quotes, notes and source names, and
   * evidence links and notes. The tables hold no copy of the text
   * (external content); triggers keep them in step inside the very
   * transaction that changes a row, and the index is built here for the
   * rows a library already has. Case and diacritics are folded. */
  "CREATE VIRTUAL TABLE search_articles USING fts5 ("
  "  title, text, content = 'articles', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2');"
  "CREATE TRIGGER search_articles_insert AFTER INSERT ON articles BEGIN"
  "  INSERT INTO search_articles (rowid, title, text) VALUES (new.id, new.title, new.text);"
  "END;"
  "CREATE TRIGGER search_articles_delete AFTER DELETE ON articles BEGIN"
  "  INSERT INTO search_articles (search_articles, rowid, title, text)"
  "    VALUES ('delete', old.id, old.title, old.text);"
  "END;"
  "CREATE TRIGGER search_articles_update AFTER UPDATE OF title, text ON articles BEGIN"
  "  INSERT INTO search_articles (search_articles, rowid, title, text)"
  "    VALUES ('delete', old.id, old.title, old.text);"
  "  INSERT INTO search_articles (rowid, title, text) VALUES (new.id, new.title, new.text);"
  "END;"
  "CREATE VIRTUAL TABLE search_annotations USING fts5 ("
  "  quote, note, name, content = 'annotations', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2');"
  "CREATE TRIGGER search_annotations_insert AFTER INSERT ON annotations BEGIN"
  "  INSERT INTO search_annotations (rowid, quote, note, name)"
  "    VALUES (new.id, new.quote, new.note, new.name);"
  "END;"
  "CREATE TRIGGER search_annotations_delete AFTER DELETE ON annotations BEGIN"
  "  INSERT INTO search_annotations (search_annotations, rowid, quote, note, name)"
  "    VALUES ('delete', old.id, old.quote, old.note, old.name);"
  "END;"
  "CREATE TRIGGER search_annotations_update AFTER UPDATE OF quote, note, name ON annotations BEGIN"
  "  INSERT INTO search_annotations (search_annotations, rowid, quote, note, name)"
  "    VALUES ('delete', old.id, old.quote, old.note, old.name);"
  "  INSERT INTO search_annotations (rowid, quote, note, name)"
  "    VALUES (new.id, new.quote, new.note, new.name);"
  "END;"
  "CREATE VIRTUAL TABLE search_evidence USING fts5 ("
  "  url, note, content = 'evidence', content_rowid = 'id',"
  "  tokenize = 'unicode61 remove_diacritics 2');"
  "CREATE TRIGGER search_evidence_insert AFTER INSERT ON evidence BEGIN"
  "  INSERT INTO search_evidence (rowid, url, note) VALUES (new.id, new.url, new.note);"
  "END;"
  "CREATE TRIGGER search_evidence_delete AFTER DELETE ON evidence BEGIN"
  "  INSERT INTO search_evidence (search_evidence, rowid, url, note)"
  "    VALUES ('delete', old.id, old.url, old.note);"
  "END;"
  "CREATE TRIGGER search_evidence_update AFTER UPDATE OF url, note ON evidence BEGIN"
  "  INSERT INTO search_evidence (search_evidence, rowid, url, note)"
  "    VALUES ('delete', old.id, old.url, old.note);"
  "  INSERT INTO search_evidence (rowid, url, note) VALUES (new.id, new.url, new.note);"
  "END;"
  "INSERT INTO search_articles (search_articles) VALUES ('rebuild');"
  "INSERT INTO search_annotations (search_annotations) VALUES ('rebuild');"
  "INSERT INTO search_evidence (search_evidence) VALUES ('rebuild');",

  /* 5 → 6: a library joined to a desk server. While it is joined (the one
   * row of desk exists), triggers put every changed article and annotation
   * into the outbox inside the transaction that changes it, so no change
   * can be made without being queued; the sync engine sets applying while
   * it writes what it pulled, which must not be sent back. One outbox row
   * per thing, replaced on each change (a new id), so a row pushed while
   * the user edits again stays queued. synced keeps what the server held
   * at the version last seen, the base of a three-way merge. */
  "CREATE TABLE desk ("
  "  id             INTEGER PRIMARY KEY CHECK (id = 1),"
  "  url            TEXT NOT NULL,"
  "  joined         INTEGER NOT NULL,"
  "  pulled_version INTEGER NOT NULL DEFAULT 0,"
  "  role           TEXT,"
  "  user_name      TEXT,"
  "  last_sync      INTEGER,"
  "  applying       INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE outbox ("
  "  id     INTEGER PRIMARY KEY AUTOINCREMENT,"
  "  entity TEXT NOT NULL CHECK (entity IN ('article', 'annotation')),"
  "  uuid   TEXT NOT NULL,"
  "  UNIQUE (entity, uuid)"
  ");"
  "CREATE TABLE synced ("
  "  entity  TEXT NOT NULL,"
  "  uuid    TEXT NOT NULL,"
  "  version INTEGER NOT NULL,"
  "  base    TEXT NOT NULL,"
  "  PRIMARY KEY (entity, uuid)"
  ") WITHOUT ROWID;"
  "CREATE TABLE desk_authors ("
  "  uuid       TEXT PRIMARY KEY,"
  "  marked_by  TEXT,"
  "  marked_at  INTEGER,"
  "  verdict_by TEXT,"
  "  verdict_at INTEGER,"
  "  changed_by TEXT,"
  "  changed_at INTEGER"
  ") WITHOUT ROWID;"
  "CREATE TABLE desk_issues ("
  "  id      INTEGER PRIMARY KEY,"
  "  entity  TEXT NOT NULL DEFAULT 'annotation',"
  "  uuid    TEXT NOT NULL,"
  "  kind    TEXT NOT NULL CHECK (kind IN ('conflict', 'refused', 'kept')),"
  "  field   TEXT NOT NULL DEFAULT '',"
  "  mine    TEXT,"
  "  theirs  TEXT,"
  "  author  TEXT,"
  "  reason  TEXT,"
  "  created INTEGER NOT NULL,"
  "  UNIQUE (uuid, kind, field)"
  ");"
  "CREATE TRIGGER outbox_article_insert AFTER INSERT ON articles"
  "  WHEN (SELECT applying FROM desk) = 0 BEGIN"
  "  INSERT OR REPLACE INTO outbox (entity, uuid) VALUES ('article', new.uuid);"
  "END;"
  "CREATE TRIGGER outbox_article_update AFTER UPDATE ON articles"
  "  WHEN (SELECT applying FROM desk) = 0 BEGIN"
  "  INSERT OR REPLACE INTO outbox (entity, uuid) VALUES ('article', new.uuid);"
  "END;"
  "CREATE TRIGGER outbox_article_delete AFTER DELETE ON articles"
  "  WHEN (SELECT applying FROM desk) = 0 BEGIN"
  "  INSERT OR REPLACE INTO outbox (entity, uuid) VALUES ('article', old.uuid);"
  "END;"
  "CREATE TRIGGER outbox_annotation_insert AFTER INSERT ON annotations"
  "  WHEN (SELECT applying FROM desk) = 0 BEGIN"
  "  INSERT OR REPLACE INTO outbox (entity, uuid) VALUES ('annotation', new.uuid);"
  "END;"
  "CREATE TRIGGER outbox_annotation_update AFTER UPDATE ON annotations"
  "  WHEN (SELECT applying FROM desk) = 0 BEGIN"
  "  INSERT OR REPLACE INTO outbox (entity, uuid) VALUES ('annotation', new.uuid);"
  "END;"
  "CREATE TRIGGER outbox_annotation_delete AFTER DELETE ON annotations"
  "  WHEN (SELECT applying FROM desk) = 0 BEGIN"
  "  INSERT OR REPLACE INTO outbox (entity, uuid) VALUES ('annotation', old.uuid);"
  "END;"
  "CREATE TRIGGER outbox_link_insert AFTER INSERT ON links"
  "  WHEN (SELECT applying FROM desk) = 0 BEGIN"
  "  INSERT OR REPLACE INTO outbox (entity, uuid)"
  "    SELECT 'annotation', uuid FROM annotations WHERE id = new.annotation_id;"
  "END;"
  "CREATE TRIGGER outbox_link_delete AFTER DELETE ON links"
  "  WHEN (SELECT applying FROM desk) = 0 BEGIN"
  "  INSERT OR REPLACE INTO outbox (entity, uuid)"
  "    SELECT 'annotation', uuid FROM annotations WHERE id = old.annotation_id;"
  "END;"
  "CREATE TRIGGER outbox_evidence_insert AFTER INSERT ON evidence"
  "  WHEN (SELECT applying FROM desk) = 0 BEGIN"
  "  INSERT OR REPLACE INTO outbox (entity, uuid)"
  "    SELECT 'annotation', uuid FROM annotations WHERE id = new.annotation_id;"
  "END;"
  "CREATE TRIGGER outbox_evidence_delete AFTER DELETE ON evidence"
  "  WHEN (SELECT applying FROM desk) = 0 BEGIN"
  "  INSERT OR REPLACE INTO outbox (entity, uuid)"
  "    SELECT 'annotation', uuid FROM annotations WHERE id = old.annotation_id;"
  "END;",

  /* 6 → 7: facts tracked across the library. A source annotation may carry
   * the name of the library source it belongs to (entity), so that "KCNA"
   * in one article and "Korean Central News Agency" in another are one
   * source once the user merges them; without it, its own name is its
   * library source. Claims that say the same thing share a tracked claim
   * (tracked, a uuid), whose verdict, note and evidence they keep equal.
   * Both travel with the annotation's row, to the desk too. The merges a
   * user declined are remembered by the two names' keys. */
  "ALTER TABLE annotations ADD COLUMN entity TEXT;"
  "ALTER TABLE annotations ADD COLUMN tracked TEXT;"
  "CREATE INDEX annotations_tracked ON annotations (tracked) WHERE tracked IS NOT NULL;"
  "CREATE INDEX annotations_sources ON annotations (kind) WHERE kind = 'source';"
  "CREATE TABLE sources_distinct ("
  "  a TEXT NOT NULL,"
  "  b TEXT NOT NULL,"
  "  PRIMARY KEY (a, b)"
  ") WITHOUT ROWID;",
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == FM_STORE_SCHEMA_VERSION);

gboolean
fm_store_migrate (sqlite3  *db,
                  int       target,
                  GError  **error)
{
  sqlite3_stmt *stmt = NULL;
  int version;
  int rc;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (target >= 0 && target <= FM_STORE_SCHEMA_VERSION, FALSE);

  /* Look first without the write lock: a library already at the target
   * needs none, so reading it never waits for a writer, or fails in a
   * read-only place. */
  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    {
      version = sqlite3_column_int (stmt, 0);
      sqlite3_finalize (stmt);
      stmt = NULL;
      if (version == target)
        return TRUE;
    }
  else
    {
      sqlite3_finalize (stmt);
      stmt = NULL;
    }

  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return fm_store_set_sqlite_error (NULL, rc, error);

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    {
      rc = rc != SQLITE_OK ? rc : sqlite3_errcode (db);
      sqlite3_finalize (stmt);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return fm_store_set_sqlite_error (NULL, rc, error);
    }
  version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version > FM_STORE_SCHEMA_VERSION)
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error (error, FM_ERROR, FM_ERROR_NEWER_SCHEMA,
                   _("The library was written by a newer version of Factmark "
                     "(schema %d; this version reads up to %d)"),
                   version, FM_STORE_SCHEMA_VERSION);
      return FALSE;
    }

  for (int v = version; v < target; v++)
    {
      /* The pragma cannot take a bound parameter; the number is ours. */
      g_autofree char *bump = g_strdup_printf ("PRAGMA user_version = %d", v + 1);
      char *msg = NULL;

      rc = sqlite3_exec (db, migrations[v], NULL, NULL, &msg);
      if (rc == SQLITE_OK)
        rc = sqlite3_exec (db, bump, NULL, NULL, &msg);
      if (rc != SQLITE_OK)
        {
          g_set_error (error, FM_ERROR, FM_ERROR_DATABASE,
                       _("Could not upgrade the library to schema %d: %s"),
                       v + 1, msg ? msg : sqlite3_errstr (rc));
          sqlite3_free (msg);
          sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return fm_store_set_sqlite_error (NULL, rc, error);
    }

  return TRUE;
}
