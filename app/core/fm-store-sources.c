/* fm-store-sources.c
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
#include "fm-sources-private.h"
#include "fm-store-private.h"

/* Library sources are not rows of their own: each source annotation names
 * its library source (its entity, or else its own name), and the sources
 * are grouped from those names when asked. So a source can never lose an
 * annotation, and merging, renaming, splitting and undoing are all one
 * UPDATE of the annotations' entity. */

struct _FmLibrarySource
{
  GObject       parent_instance;

  char         *name;
  char         *key;
  FmSourceType  source_type;
  GArray       *mentions;   /* gint64 ids of the source annotations */
  GHashTable   *articles;   /* article ids, as a set */
  GHashTable   *claims;     /* claim id → verdict */
  GString      *aliases;    /* the other names it is written as, "; " between */
  GPtrArray    *alias_list; /* the same names, NULL-terminated */
  GHashTable   *alias_set;
};

struct _FmSourceChange
{
  char   *name;
  GArray *ids;
  /* Each annotation's entity before the change, in the order of ids. */
  GPtrArray *before;
  GPtrArray *after;
};

enum {
  PROP_0,
  PROP_NAME,
  PROP_MENTIONS,
  PROP_ARTICLES,
  PROP_CLAIMS,
  PROP_RECORD,
  PROP_ALIASES,
  PROP_SUMMARY,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FmLibrarySource, fm_library_source, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static const char SQL_SOURCE_ROWS[] =
  "SELECT id, coalesce(entity, name, quote), coalesce(name, quote), article_id, source_type"
  "  FROM annotations WHERE kind = 'source' ORDER BY id";
static const char SQL_SOURCE_CLAIMS[] =
  "SELECT l.source_id, c.id, c.verdict FROM links l"
  "  JOIN annotations c ON c.id = l.annotation_id"
  "  JOIN annotations s ON s.id = l.source_id WHERE s.kind = 'source'";
static const char SQL_ENTITY_OF[] =
  "SELECT entity, coalesce(name, quote) FROM annotations WHERE id = ?1 AND kind = 'source'";
static const char SQL_SET_ENTITY[] =
  "UPDATE annotations SET entity = ?2, modified = ?3 WHERE id = ?1 AND kind = 'source'";
static const char SQL_DISMISS[] =
  "INSERT OR IGNORE INTO sources_distinct (a, b) VALUES (?1, ?2)";
static const char SQL_DISMISSED[] = "SELECT a, b FROM sources_distinct";

static void
fm_library_source_finalize (GObject *object)
{
  FmLibrarySource *self = (FmLibrarySource *)object;

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->key, g_free);
  g_clear_pointer (&self->mentions, g_array_unref);
  g_clear_pointer (&self->articles, g_hash_table_unref);
  g_clear_pointer (&self->claims, g_hash_table_unref);
  g_string_free (self->aliases, TRUE);
  g_clear_pointer (&self->alias_list, g_ptr_array_unref);
  g_clear_pointer (&self->alias_set, g_hash_table_unref);

  G_OBJECT_CLASS (fm_library_source_parent_class)->finalize (object);
}

static void
fm_library_source_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  FmLibrarySource *self = FM_LIBRARY_SOURCE (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;

    case PROP_MENTIONS:
      g_value_set_uint (value, self->mentions->len);
      break;

    case PROP_ARTICLES:
      g_value_set_uint (value, g_hash_table_size (self->articles));
      break;

    case PROP_CLAIMS:
      g_value_set_uint (value, g_hash_table_size (self->claims));
      break;

    case PROP_RECORD:
      g_value_take_string (value, fm_library_source_dup_record (self));
      break;

    case PROP_ALIASES:
      g_value_set_string (value, self->aliases->str);
      break;

    case PROP_SUMMARY:
      g_value_take_string (value, fm_library_source_dup_summary (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_library_source_class_init (FmLibrarySourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = fm_library_source_finalize;
  object_class->get_property = fm_library_source_get_property;

  /* Read-only snapshots: a change to the library lists the sources again. */
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, ro);
  properties[PROP_MENTIONS] = g_param_spec_uint ("mentions", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_ARTICLES] = g_param_spec_uint ("articles", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_CLAIMS] = g_param_spec_uint ("claims", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_RECORD] = g_param_spec_string ("record", NULL, NULL, NULL, ro);
  properties[PROP_ALIASES] = g_param_spec_string ("aliases", NULL, NULL, NULL, ro);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fm_library_source_init (FmLibrarySource *self)
{
  self->mentions = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->articles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->claims = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  self->aliases = g_string_new (NULL);
  self->alias_list = g_ptr_array_new_null_terminated (0, g_free, TRUE);
  self->alias_set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
}

static void
add_id (GHashTable *set,
        gint64      id,
        gpointer    value)
{
  gint64 *key = g_new (gint64, 1);

  *key = id;
  g_hash_table_replace (set, key, value);
}

/* Names as written that are not the source's own name, each once. */
static void
add_alias (FmLibrarySource *self,
           const char      *written)
{
  if (g_strcmp0 (written, self->name) == 0
      || !g_hash_table_add (self->alias_set, g_strdup (written)))
    return;
  g_string_append_printf (self->aliases, "%s%s", self->aliases->len ? "; " : "", written);
  g_ptr_array_add (self->alias_list, g_strdup (written));
}

/* fm_source_key:
 *
 * Returns: the form of @name that says which library source it is:
 *   NFKC, case folded, spaces collapsed. */
char *
fm_source_key (const char *name)
{
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  g_auto(GStrv) words = NULL;
  GString *key = g_string_new (NULL);

  g_return_val_if_fail (name != NULL, NULL);

  normal = g_utf8_normalize (name, -1, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (normal ? normal : name, -1);
  words = g_strsplit_set (folded, " \t\n", -1);
  for (char **w = words; *w; w++)
    if (**w != '\0')
      g_string_append_printf (key, "%s%s", key->len ? " " : "", *w);
  return g_string_free (key, FALSE);
}

/* Reads every source annotation into its library source, keyed by name. */
static gboolean
group_sources (FmStore     *self,
               GHashTable  *by_key,
               GHashTable  *by_mention,
               GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = fm_store_get_stmt (self, SQL_SOURCE_ROWS, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      const char *name = fm_store_column_text (stmt, 1);
      g_autofree char *key = fm_source_key (name);
      FmLibrarySource *source = g_hash_table_lookup (by_key, key);

      if (source == NULL)
        {
          source = g_object_new (FM_TYPE_LIBRARY_SOURCE, NULL);
          source->name = g_strdup (name);
          source->key = g_strdup (key);
          fm_source_type_from_string (fm_store_column_text (stmt, 4), &source->source_type);
          g_hash_table_insert (by_key, source->key, source);
        }
      g_array_append_val (source->mentions, id);
      add_id (source->articles, sqlite3_column_int64 (stmt, 3), NULL);
      add_alias (source, fm_store_column_text (stmt, 2));
      if (by_mention)
        add_id (by_mention, id, source);
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || fm_store_set_sqlite_error (self, rc, error);
}

/* Counts the claims and figures attributed to each source, by verdict. */
static gboolean
tally_claims (FmStore     *self,
              GHashTable  *by_mention,
              GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = fm_store_get_stmt (self, SQL_SOURCE_CLAIMS, error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 mention = sqlite3_column_int64 (stmt, 0);
      FmLibrarySource *source = g_hash_table_lookup (by_mention, &mention);
      FmVerdict verdict = FM_VERDICT_UNVERIFIED;

      if (source == NULL)
        continue;
      fm_verdict_from_string (fm_store_column_text (stmt, 2), &verdict);
      add_id (source->claims, sqlite3_column_int64 (stmt, 1), GINT_TO_POINTER (verdict));
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE || fm_store_set_sqlite_error (self, rc, error);
}

static int
compare_sources (gconstpointer a,
                 gconstpointer b)
{
  FmLibrarySource *x = *(FmLibrarySource **) a;
  FmLibrarySource *y = *(FmLibrarySource **) b;

  if (x->mentions->len != y->mentions->len)
    return x->mentions->len < y->mentions->len ? 1 : -1;
  return g_utf8_collate (x->name, y->name);
}

/* Builds the library's sources; the table owns them. */
static GHashTable *
build_sources (FmStore  *self,
               GError  **error)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                        g_object_unref);
  g_autoptr(GHashTable) by_mention = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                            g_free, NULL);

  if (!group_sources (self, by_key, by_mention, error)
      || !tally_claims (self, by_mention, error))
    return NULL;
  return g_steal_pointer (&by_key);
}

GHashTable *
fm_store_dismissed_merges (FmStore  *self,
                           GError  **error)
{
  g_autoptr(GHashTable) set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt;
  int rc;

  if (!(stmt = fm_store_get_stmt (self, SQL_DISMISSED, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (set, fm_source_pair_key (fm_store_column_text (stmt, 0),
                                               fm_store_column_text (stmt, 1)));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      fm_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&set);
}

static FmSourceChange *
source_change_new (const char *name)
{
  FmSourceChange *change = g_new0 (FmSourceChange, 1);

  change->name = g_strdup (name);
  change->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  change->before = g_ptr_array_new_with_free_func (g_free);
  change->after = g_ptr_array_new_with_free_func (g_free);
  return change;
}

/* Gives the mention @id the entity @name, or none where @name is its own
 * name, and records what it had. */
static gboolean
set_entity (FmStore         *self,
            gint64           id,
            const char      *name,
            gint64           now,
            FmSourceChange  *change,
            GError         **error)
{
  sqlite3_stmt *stmt;
  char *before = NULL;
  const char *after;

  if (!(stmt = fm_store_get_stmt (self, SQL_ENTITY_OF, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      sqlite3_reset (stmt);
      g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND, _("No source with id %lld"),
                   (long long) id);
      return FALSE;
    }
  before = g_strdup (fm_store_column_text (stmt, 0));
  after = g_strcmp0 (name, fm_store_column_text (stmt, 1)) == 0 ? NULL : name;
  sqlite3_reset (stmt);
  g_array_append_val (change->ids, id);
  g_ptr_array_add (change->before, before);
  g_ptr_array_add (change->after, g_strdup (after));

  if (!(stmt = fm_store_get_stmt (self, SQL_SET_ENTITY, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  fm_store_bind_text (stmt, 2, after);
  sqlite3_bind_int64 (stmt, 3, now);
  return fm_store_step_done (self, stmt, error);
}

/* Names every mention in @ids @name, in one transaction. */
static FmSourceChange *
rename_mentions (FmStore     *self,
                 GArray      *ids,
                 const char  *name,
                 GError     **error)
{
  g_autoptr(FmSourceChange) change = source_change_new (name);
  gint64 now = g_get_real_time ();

  if (!fm_store_begin (self, error))
    return NULL;
  for (guint i = 0; i < ids->len; i++)
    if (!set_entity (self, g_array_index (ids, gint64, i), name, now, change, error))
      {
        fm_store_rollback (self);
        return NULL;
      }
  if (!fm_store_commit (self, error))
    return NULL;
  fm_store_emit_annotations_changed (self, change->ids);
  return g_steal_pointer (&change);
}

/* The source @key names in @by_key, by name or key. */
static FmLibrarySource *
lookup_source (GHashTable  *by_key,
               const char  *key,
               GError     **error)
{
  g_autofree char *wanted = fm_source_key (key);
  FmLibrarySource *source = g_hash_table_lookup (by_key, wanted);

  if (source == NULL)
    g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND, _("No source named “%s”"), key);
  return source;
}

static gboolean
check_name (const char  *name,
            GError     **error)
{
  g_autofree char *key = NULL;

  if (name == NULL || !g_utf8_validate (name, -1, NULL)
      || *(key = fm_source_key (name)) == '\0')
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID, _("A source needs a name"));
      return FALSE;
    }
  return TRUE;
}

static int
compare_ids_down (gconstpointer a,
                  gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? 1 : x > y ? -1 : 0;
}

/* The claims and figures attributed to @source, the latest marked first. */
static GArray *
claim_ids (FmLibrarySource *source)
{
  GArray *ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64),
                                   g_hash_table_size (source->claims));
  GHashTableIter iter;
  gpointer key;

  g_hash_table_iter_init (&iter, source->claims);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_array_append_val (ids, *(gint64 *) key);
  g_array_sort (ids, compare_ids_down);
  return ids;
}

/**
 * fm_library_source_get_name:
 *
 * Returns: the name the library knows the source by
 */
const char *
fm_library_source_get_name (FmLibrarySource *self)
{
  g_return_val_if_fail (FM_IS_LIBRARY_SOURCE (self), NULL);
  return self->name;
}

const char *
fm_library_source_get_key (FmLibrarySource *self)
{
  g_return_val_if_fail (FM_IS_LIBRARY_SOURCE (self), NULL);
  return self->key;
}

FmSourceType
fm_library_source_get_source_type (FmLibrarySource *self)
{
  g_return_val_if_fail (FM_IS_LIBRARY_SOURCE (self), FM_SOURCE_TYPE_PERSON);
  return self->source_type;
}

guint
fm_library_source_get_n_mentions (FmLibrarySource *self)
{
  g_return_val_if_fail (FM_IS_LIBRARY_SOURCE (self), 0);
  return self->mentions->len;
}

guint
fm_library_source_get_n_articles (FmLibrarySource *self)
{
  g_return_val_if_fail (FM_IS_LIBRARY_SOURCE (self), 0);
  return g_hash_table_size (self->articles);
}

guint
fm_library_source_get_n_claims (FmLibrarySource *self)
{
  g_return_val_if_fail (FM_IS_LIBRARY_SOURCE (self), 0);
  return g_hash_table_size (self->claims);
}

/**
 * fm_library_source_get_tally:
 *
 * Returns: how many of the claims and figures attributed to the source
 *   have @verdict
 */
guint
fm_library_source_get_tally (FmLibrarySource *self,
                             FmVerdict        verdict)
{
  GHashTableIter iter;
  gpointer value;
  guint n = 0;

  g_return_val_if_fail (FM_IS_LIBRARY_SOURCE (self), 0);

  g_hash_table_iter_init (&iter, self->claims);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    n += GPOINTER_TO_INT (value) == (int) verdict;
  return n;
}

/**
 * fm_library_source_get_aliases:
 *
 * Returns: the other names its mentions are written as, "; " between them
 */
const char *
fm_library_source_get_aliases (FmLibrarySource *self)
{
  g_return_val_if_fail (FM_IS_LIBRARY_SOURCE (self), NULL);
  return self->aliases->str;
}

/**
 * fm_library_source_get_alias_list:
 *
 * Returns: (array zero-terminated=1): the other names its mentions are
 *   written as, each once
 */
const char * const *
fm_library_source_get_alias_list (FmLibrarySource *self)
{
  static const char * const none[] = { NULL };

  g_return_val_if_fail (FM_IS_LIBRARY_SOURCE (self), NULL);
  /* An empty array may have no storage yet. */
  if (self->alias_list->len == 0)
    return none;
  return (const char * const *) self->alias_list->pdata;
}

/**
 * fm_library_source_dup_record:
 *
 * Returns: its track record in words: each verdict its claims were given,
 *   with how many, then how many are not checked yet
 */
char *
fm_library_source_dup_record (FmLibrarySource *self)
{
  g_autoptr(GString) record = g_string_new (NULL);

  g_return_val_if_fail (FM_IS_LIBRARY_SOURCE (self), NULL);

  for (FmVerdict v = FM_VERDICT_TRUE; v < FM_N_VERDICTS; v++)
    {
      guint n = fm_library_source_get_tally (self, v);

      if (n > 0)
        g_string_append_printf (record, "%s%s %u", record->len ? ", " : "",
                                fm_verdict_to_label (v), n);
    }
  if (fm_library_source_get_tally (self, FM_VERDICT_UNVERIFIED) > 0)
    g_string_append_printf (record, "%s%s %u", record->len ? ", " : "",
                            /* Translators: claims of a source with no verdict yet. */
                            _("Not checked"),
                            fm_library_source_get_tally (self, FM_VERDICT_UNVERIFIED));
  return g_string_free (g_steal_pointer (&record), FALSE);
}

/**
 * fm_library_source_dup_summary:
 *
 * Returns: one line for a list of sources: how often it is cited, and
 *   how many of its claims were found false or misleading
 */
char *
fm_library_source_dup_summary (FmLibrarySource *self)
{
  guint mentions, articles, wrong;
  g_autofree char *cited = NULL;

  g_return_val_if_fail (FM_IS_LIBRARY_SOURCE (self), NULL);

  mentions = self->mentions->len;
  articles = g_hash_table_size (self->articles);
  wrong = fm_library_source_get_tally (self, FM_VERDICT_FALSE)
          + fm_library_source_get_tally (self, FM_VERDICT_MISLEADING);
  {
    /* Translators: how often a source is cited, before "in 2 articles". */
    g_autofree char *m = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u mention",
                                                       "%u mentions", mentions), mentions);
    /* Translators: follows "3 mentions". */
    g_autofree char *a = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in %u article",
                                                       "in %u articles", articles), articles);

    cited = g_strconcat (m, " ", a, NULL);
  }
  if (wrong == 0)
    return g_steal_pointer (&cited);
  /* Translators: follows "3 mentions in 2 articles"; false or misleading claims. */
  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%s · %u claim found wrong",
                                       "%s · %u claims found wrong", wrong), cited, wrong);
}

void
fm_source_merge_free (FmSourceMerge *merge)
{
  if (merge == NULL)
    return;
  g_free (merge->key);
  g_free (merge->name);
  g_free (merge->other_key);
  g_free (merge->other_name);
  g_free (merge);
}

void
fm_source_change_free (FmSourceChange *change)
{
  if (change == NULL)
    return;
  g_free (change->name);
  g_array_unref (change->ids);
  g_ptr_array_unref (change->before);
  g_ptr_array_unref (change->after);
  g_free (change);
}

/**
 * fm_source_change_get_name:
 *
 * Returns: the name the change gave its mentions
 */
const char *
fm_source_change_get_name (FmSourceChange *change)
{
  g_return_val_if_fail (change != NULL, NULL);
  return change->name;
}

guint
fm_source_change_get_n_mentions (FmSourceChange *change)
{
  g_return_val_if_fail (change != NULL, 0);
  return change->ids->len;
}

/**
 * fm_store_list_library_sources:
 *
 * Returns: (transfer container) (element-type FmLibrarySource): the
 *   library's sources, the most often cited first
 */
GPtrArray *
fm_store_list_library_sources (FmStore  *store,
                               GError  **error)
{
  g_autoptr(GHashTable) by_key = NULL;
  GPtrArray *sources;
  GHashTableIter iter;
  gpointer value;

  g_return_val_if_fail (FM_IS_STORE (store), NULL);

  if (!(by_key = build_sources (store, error)))
    return NULL;
  sources = g_ptr_array_new_full (g_hash_table_size (by_key), g_object_unref);
  g_hash_table_iter_init (&iter, by_key);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (sources, g_object_ref (value));
  g_ptr_array_sort (sources, compare_sources);
  return sources;
}

/**
 * fm_store_get_library_source:
 * @key: a name, or a source's key
 *
 * Returns: (transfer full): the library source @key names
 */
FmLibrarySource *
fm_store_get_library_source (FmStore     *store,
                             const char  *key,
                             GError     **error)
{
  g_autoptr(GHashTable) by_key = NULL;
  FmLibrarySource *source;

  g_return_val_if_fail (FM_IS_STORE (store), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!(by_key = build_sources (store, error)) || !(source = lookup_source (by_key, key, error)))
    return NULL;
  return g_object_ref (source);
}

/**
 * fm_store_list_source_mentions:
 * @source: a library source of @store, as listed
 *
 * @limit: the most to read, or 0 for all
 *
 * Returns: (transfer container) (element-type FmFact): the source
 *   annotations of @source, with their articles, in the order marked
 */
GPtrArray *
fm_store_list_source_mentions (FmStore          *store,
                               FmLibrarySource  *source,
                               guint             limit,
                               GError          **error)
{
  g_autoptr(GArray) ids = NULL;
  GPtrArray *facts;

  g_return_val_if_fail (FM_IS_STORE (store), NULL);
  g_return_val_if_fail (FM_IS_LIBRARY_SOURCE (source), NULL);

  ids = g_array_copy (source->mentions);
  if (limit > 0 && ids->len > limit)
    g_array_set_size (ids, limit);
  facts = g_ptr_array_new_with_free_func (g_object_unref);
  fm_facts_add_annotations (store, ids, facts);
  return facts;
}

/**
 * fm_store_list_source_claims:
 * @source: a library source of @store, as listed
 *
 * @limit: the most to read, or 0 for all
 *
 * Returns: (transfer container) (element-type FmFact): the claims and
 *   figures attributed to @source, in every article, the latest first
 */
GPtrArray *
fm_store_list_source_claims (FmStore          *store,
                             FmLibrarySource  *source,
                             guint             limit,
                             GError          **error)
{
  g_autoptr(GArray) ids = NULL;
  GPtrArray *facts;

  g_return_val_if_fail (FM_IS_STORE (store), NULL);
  g_return_val_if_fail (FM_IS_LIBRARY_SOURCE (source), NULL);

  ids = claim_ids (source);
  if (limit > 0 && ids->len > limit)
    g_array_set_size (ids, limit);
  facts = g_ptr_array_new_with_free_func (g_object_unref);
  fm_facts_add_annotations (store, ids, facts);
  return facts;
}

/**
 * fm_store_propose_source_merges:
 *
 * Returns: (transfer container) (element-type FmSourceMerge): pairs of
 *   library sources that look like one, which the user has not declined
 */
GPtrArray *
fm_store_propose_source_merges (FmStore  *store,
                                GError  **error)
{
  g_autoptr(GPtrArray) sources = NULL;
  g_autoptr(GHashTable) dismissed = NULL;

  g_return_val_if_fail (FM_IS_STORE (store), NULL);

  if (!(sources = fm_store_list_library_sources (store, error))
      || !(dismissed = fm_store_dismissed_merges (store, error)))
    return NULL;
  return fm_sources_propose (sources, dismissed);
}

/**
 * fm_store_rename_source:
 *
 * Gives every mention of the library source @key the name @name; where
 * another source has that name already, the two become one.
 *
 * Returns: (transfer full): what changed, for undo
 */
FmSourceChange *
fm_store_rename_source (FmStore     *store,
                        const char  *key,
                        const char  *name,
                        GError     **error)
{
  g_autoptr(FmLibrarySource) source = NULL;

  g_return_val_if_fail (FM_IS_STORE (store), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!check_name (name, error) || !fm_store_check_writable (store, error)
      || !(source = fm_store_get_library_source (store, key, error)))
    return NULL;
  return rename_mentions (store, source->mentions, name, error);
}

/**
 * fm_store_merge_sources:
 *
 * Makes the library source @from_key part of @into_key, under its name.
 *
 * Returns: (transfer full): what changed, for undo
 */
FmSourceChange *
fm_store_merge_sources (FmStore     *store,
                        const char  *into_key,
                        const char  *from_key,
                        GError     **error)
{
  g_autoptr(GHashTable) by_key = NULL;
  FmLibrarySource *into, *from;

  g_return_val_if_fail (FM_IS_STORE (store), NULL);
  g_return_val_if_fail (into_key != NULL && from_key != NULL, NULL);

  /* Both looked up in one reading of the library's sources. */
  if (!fm_store_check_writable (store, error)
      || !(by_key = build_sources (store, error))
      || !(into = lookup_source (by_key, into_key, error))
      || !(from = lookup_source (by_key, from_key, error)))
    return NULL;
  if (into == from)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("“%s” and “%s” are the same source already"), into_key, from_key);
      return NULL;
    }
  return rename_mentions (store, from->mentions, into->name, error);
}

/**
 * fm_store_split_source:
 * @mention_ids: (element-type gint64): source annotations to split off
 *
 * Gives the mentions @mention_ids a library source of their own, @name.
 *
 * Returns: (transfer full): what changed, for undo
 */
FmSourceChange *
fm_store_split_source (FmStore     *store,
                       GArray      *mention_ids,
                       const char  *name,
                       GError     **error)
{
  g_return_val_if_fail (FM_IS_STORE (store), NULL);
  g_return_val_if_fail (mention_ids != NULL, NULL);

  if (!check_name (name, error) || !fm_store_check_writable (store, error))
    return NULL;
  if (mention_ids->len == 0)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID, _("Choose the mentions to split off"));
      return NULL;
    }
  return rename_mentions (store, mention_ids, name, error);
}

/**
 * fm_store_undo_source_change:
 *
 * Gives each mention @change touched the name it had before, in one
 * transaction. A mention deleted since is passed over.
 */
gboolean
fm_store_undo_source_change (FmStore         *store,
                             FmSourceChange  *change,
                             GError         **error)
{
  sqlite3_stmt *stmt;
  gint64 now = g_get_real_time ();

  g_return_val_if_fail (FM_IS_STORE (store), FALSE);
  g_return_val_if_fail (change != NULL, FALSE);

  if (!fm_store_check_writable (store, error) || !fm_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < change->ids->len; i++)
    {
      if (!(stmt = fm_store_get_stmt (store, SQL_SET_ENTITY, error)))
        return fm_store_rollback (store);
      sqlite3_bind_int64 (stmt, 1, g_array_index (change->ids, gint64, i));
      fm_store_bind_text (stmt, 2, g_ptr_array_index (change->before, i));
      sqlite3_bind_int64 (stmt, 3, now);
      if (!fm_store_step_done (store, stmt, error))
        return fm_store_rollback (store);
    }
  if (!fm_store_commit (store, error))
    return FALSE;
  fm_store_emit_annotations_changed (store, change->ids);
  return TRUE;
}

/**
 * fm_store_dismiss_source_merge:
 *
 * Remembers that the user said the two sources are not one, so that the
 * merge is not proposed again.
 */
gboolean
fm_store_dismiss_source_merge (FmStore     *store,
                               const char  *key,
                               const char  *other_key,
                               GError     **error)
{
  sqlite3_stmt *stmt;
  gboolean first = g_strcmp0 (key, other_key) < 0;

  g_return_val_if_fail (FM_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL && other_key != NULL, FALSE);

  if (!fm_store_check_writable (store, error) || !fm_store_begin (store, error))
    return FALSE;
  if (!(stmt = fm_store_get_stmt (store, SQL_DISMISS, error)))
    return fm_store_rollback (store);
  fm_store_bind_text (stmt, 1, first ? key : other_key);
  fm_store_bind_text (stmt, 2, first ? other_key : key);
  if (!fm_store_step_done (store, stmt, error))
    return fm_store_rollback (store);
  return fm_store_commit (store, error);
}
