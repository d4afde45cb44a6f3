/* fm-import-factsheet.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-import-annotations"

#include "config.h"

#include "fm-import-annotations-private.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "fm-anchor.h"
#include "fm-annotation.h"
#include "fm-factsheet.h"
#include "fm-text.h"

/* Fact sheets */

/* The newest version of the fact sheet this reader knows: version 3 adds
 * each entry's confirmed flag and the article's earlier texts. */
#define MAX_VERSION 3

#define COMMON_MEMBERS "id", "start", "end", "quote", "prefix", "suffix", "line", "column", \
                       "link", "note", "created", "modified", "state", "original_quote", \
                       "confirmed"

static const char * const root_members[] = {
  "format", "version", "article", "claims", "figures", "sources", NULL
};
static const char * const article_members[] = {
  "id", "title", "url", "outlet", "author", "published", "text_sha256", "length", "text",
  "revision", "revisions", NULL
};
static const char * const revision_members[] = {
  "number", "created", "origin", "text_sha256", "length", "text", NULL
};
static const char * const claim_members[] = {
  COMMON_MEMBERS, "verdict", "sources", "evidence", NULL
};
static const char * const figure_members[] = {
  COMMON_MEMBERS, "verdict", "value", "unit", "sources", "evidence", NULL
};
static const char * const source_members[] = {
  COMMON_MEMBERS, "name", "source_type", NULL
};
static const char * const evidence_members[] = { "url", "note", NULL };

static const char *
kind_array_name (FmKind kind)
{
  return kind == FM_KIND_CLAIM ? "claims" : kind == FM_KIND_FIGURE ? "figures" : "sources";
}

/* Refuses a member that only a newer version of the sheet has. */
static gboolean
check_newer_member (JsonObject  *o,
                    const char  *path,
                    const char  *name,
                    gint64       version,
                    gint64       since,
                    GError     **error)
{
  if (version >= since || !json_object_has_member (o, name))
    return TRUE;
  return fm_sheet_invalid (error, _("%s.%s is new in version %lld of the fact sheet; this one "
                                    "is version %lld"),
                           path, name, (long long) since, (long long) version);
}

/* Reads one earlier text of the article and checks it against its digest
 * and length, as the article's own text is checked. */
static SheetRevision *
read_sheet_revision (JsonNode    *node,
                     guint        index,
                     GError     **error)
{
  g_autofree char *path = g_strdup_printf ("article.revisions[%u]", index);
  g_autofree char *digest = NULL;
  const char *origin, *sha, *text;
  gint64 number, created, length;
  gboolean found;
  JsonObject *o;
  SheetRevision *revision;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fm_sheet_invalid (error, _("%s must be an object"), path);
      return NULL;
    }
  o = json_node_get_object (node);
  if (!fm_sheet_check_members (o, path, revision_members, error)
      || !fm_sheet_read_integer (o, path, "number", REQUIRED, 1, G_MAXINT, &found, &number, error)
      || !fm_sheet_read_time (o, path, "created", REQUIRED, &created, error)
      || !fm_sheet_read_string (o, path, "origin", REQUIRED | NULLABLE, &origin, error)
      || !fm_sheet_read_string (o, path, "text_sha256", REQUIRED, &sha, error)
      || !fm_sheet_read_integer (o, path, "length", REQUIRED, 1, FM_MAX_TEXT_BYTES, &found,
                                 &length, error)
      || !fm_sheet_read_string (o, path, "text", REQUIRED, &text, error))
    return NULL;

  if (strlen (text) > FM_MAX_TEXT_BYTES || !fm_text_is_canonical (text) || *text == '\0')
    {
      fm_sheet_invalid (error, _("%s.text is empty, too large or not canonical text"), path);
      return NULL;
    }
  digest = fm_text_sha256 (text);
  if (strcmp (digest, sha) != 0)
    {
      fm_sheet_invalid (error, _("%s.text_sha256 does not match the text: the text was changed "
                                 "or cut short"), path);
      return NULL;
    }
  if (fm_text_length (text) != length)
    {
      fm_sheet_invalid (error, _("%s.length is %lld, but the text has %ld characters"), path,
                        (long long) length, fm_text_length (text));
      return NULL;
    }

  revision = g_new0 (SheetRevision, 1);
  revision->number = number;
  revision->created = created;
  revision->origin = g_strdup (origin);
  revision->text = g_strdup (text);
  return revision;
}

/* Reads the article's earlier texts (version 3): numbered in order, each
 * before the current text's, or the current one itself, which must then
 * be the article's text. */
static gboolean
read_sheet_revisions (FmSheetImport  *self,
                      JsonObject     *o,
                      GError        **error)
{
  JsonArray *array;
  guint last = 0;

  if (!fm_sheet_read_array (o, "article", "revisions", OPTIONAL, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      SheetRevision *revision = read_sheet_revision (json_array_get_element (array, i), i,
                                                     error);

      if (revision == NULL)
        return FALSE;
      g_ptr_array_add (self->revisions, revision);
      if (revision->number <= last || revision->number > self->revision)
        return fm_sheet_invalid (error, _("article.revisions[%u] is number %u: the revisions "
                                          "must go up, oldest first, to article.revision (%u)"),
                                 i, revision->number, self->revision);
      last = revision->number;
      if (revision->number == self->revision
          && (fm_article_get_text (self->article) == NULL
              || strcmp (revision->text, fm_article_get_text (self->article)) != 0))
        return fm_sheet_invalid (error, _("article.revisions[%u] has the current number (%u) "
                                          "but not the article's text"),
                                 i, revision->number);
    }
  return TRUE;
}

static gboolean
read_sheet_article (FmSheetImport  *self,
                    JsonObject     *root,
                    gint64          version,
                    GError        **error)
{
  JsonObject *o;
  const char *id, *title, *url, *outlet, *author, *published, *sha, *text;
  gint64 length, revision;
  gboolean found;

  if (!fm_sheet_read_object (root, "", "article", REQUIRED, &o, error)
      || !fm_sheet_check_members (o, "article", article_members, error)
      || !check_newer_member (o, "article", "revisions", version, 3, error)
      || !fm_sheet_read_string (o, "article", "id", REQUIRED, &id, error)
      || !fm_sheet_read_string (o, "article", "title", REQUIRED | NULLABLE, &title, error)
      || !fm_sheet_read_string (o, "article", "url", REQUIRED | NULLABLE, &url, error)
      || !fm_sheet_read_string (o, "article", "outlet", REQUIRED | NULLABLE, &outlet, error)
      || !fm_sheet_read_string (o, "article", "author", REQUIRED | NULLABLE, &author, error)
      || !fm_sheet_read_string (o, "article", "published", REQUIRED | NULLABLE, &published, error)
      || !fm_sheet_read_string (o, "article", "text_sha256", REQUIRED, &sha, error)
      || !fm_sheet_read_integer (o, "article", "length", REQUIRED, 1, FM_MAX_TEXT_BYTES, &found, &length,
                                 error)
      || !fm_sheet_read_integer (o, "article", "revision", version >= 2 ? REQUIRED : OPTIONAL, 1,
                                 G_MAXINT, &found, &revision, error)
      || !fm_sheet_read_string (o, "article", "text", OPTIONAL, &text, error))
    return FALSE;

  if (!fm_sheet_is_uuid (id))
    return fm_sheet_invalid (error, _("article.id must be a uuid in lower case, not “%s”"), id);
  if (strlen (sha) != 64 || strspn (sha, "0123456789abcdef") != 64)
    return fm_sheet_invalid (error, _("article.text_sha256 must be 64 lower-case hexadecimal digits"));

  self->article = fm_article_new ();
  fm_article_set_uuid (self->article, id);
  fm_article_set_title (self->article, title);
  fm_article_set_url (self->article, url);
  fm_article_set_outlet (self->article, outlet);
  fm_article_set_author (self->article, author);
  fm_article_set_published (self->article, published);
  self->sha256 = g_strdup (sha);
  self->length = length;
  if (version >= 2)
    self->revision = revision;

  if (text != NULL)
    {
      g_autofree char *digest = NULL;
      glong text_length;

      if (strlen (text) > FM_MAX_TEXT_BYTES)
        {
          g_autofree char *limit = g_format_size (FM_MAX_TEXT_BYTES);

          g_set_error (error, FM_ERROR, FM_ERROR_TOO_LARGE,
                       _("article.text is larger than the limit of %s"), limit);
          return FALSE;
        }
      if (!fm_text_is_canonical (text))
        return fm_sheet_invalid (error, _("article.text is not canonical text (UTF-8, LF line endings, "
                                          "NFC)"));
      digest = fm_text_sha256 (text);
      if (strcmp (digest, sha) != 0)
        return fm_sheet_invalid (error, _("article.text_sha256 does not match the text: the text was "
                                          "changed or cut short"));
      text_length = fm_text_length (text);
      if (text_length != length)
        return fm_sheet_invalid (error, _("article.length is %lld, but the text has %ld "
                                          "characters"), (long long) length, text_length);
      fm_article_set_text (self->article, text);
    }
  else
    fm_article_set_digest (self->article, sha, length);

  return version < 3 || read_sheet_revisions (self, o, error);
}

static gboolean
read_sheet_sources (Entry       *entry,
                    JsonObject  *o,
                    GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (!fm_sheet_read_array (o, entry->path, "sources", REQUIRED, &array, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *uuid;

      if (!fm_sheet_node_is (node, G_TYPE_STRING) || !fm_sheet_is_uuid (json_node_get_string (node)))
        return fm_sheet_invalid (error, _("%s.sources[%u] must be a uuid in lower case"), entry->path, i);
      uuid = json_node_get_string (node);
      if (!g_hash_table_add (seen, (gpointer) uuid))
        return fm_sheet_invalid (error, _("%s.sources names %s twice"), entry->path, uuid);
      g_ptr_array_add (entry->source_keys, g_strdup (uuid));
    }
  return TRUE;
}

static gboolean
read_sheet_evidence (Entry       *entry,
                     JsonObject  *o,
                     GError     **error)
{
  JsonArray *array;

  if (!fm_sheet_read_array (o, entry->path, "evidence", REQUIRED, &array, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("%s.evidence[%u]", entry->path, i);
      const char *url, *note;
      JsonObject *item;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fm_sheet_invalid (error, _("%s must be an object"), path);
      item = json_node_get_object (node);
      if (!fm_sheet_check_members (item, path, evidence_members, error)
          || !fm_sheet_read_string (item, path, "url", REQUIRED, &url, error)
          || !fm_sheet_read_string (item, path, "note", REQUIRED | NULLABLE, &note, error))
        return FALSE;
      fm_annotation_add_evidence (entry->annotation, url, note);
    }
  return TRUE;
}

static gboolean
read_sheet_details (Entry       *entry,
                    JsonObject  *o,
                    GError     **error)
{
  FmAnnotation *a = entry->annotation;
  FmKind kind = fm_annotation_get_kind (a);
  const char *path = entry->path;

  if (kind == FM_KIND_SOURCE)
    {
      const char *name, *type_str;
      FmSourceType type;

      if (!fm_sheet_read_string (o, path, "name", REQUIRED, &name, error)
          || !fm_sheet_read_string (o, path, "source_type", REQUIRED, &type_str, error))
        return FALSE;
      if (!fm_source_type_from_string (type_str, &type))
        return fm_sheet_invalid (error, _("%s.source_type “%s” is not a type of source"), path, type_str);
      /* The sheet gives the name shown, which is the quote when the user
       * gave none; keeping none then shows the same. */
      if (strcmp (name, fm_annotation_get_quote (a)) != 0)
        fm_annotation_set_name (a, name);
      fm_annotation_set_source_type (a, type);
      return TRUE;
    }

  {
    const char *verdict_str;
    FmVerdict verdict;

    if (!fm_sheet_read_string (o, path, "verdict", REQUIRED, &verdict_str, error))
      return FALSE;
    if (!fm_verdict_from_string (verdict_str, &verdict)
        || !fm_verdict_allowed_for_kind (verdict, kind))
      return fm_sheet_invalid (error, _("%s.verdict “%s” is not a verdict for a %s"), path, verdict_str,
                               fm_kind_to_string (kind));
    fm_annotation_set_verdict (a, verdict);
  }

  if (kind == FM_KIND_FIGURE)
    {
      JsonNode *value;
      const char *unit;

      if (!fm_sheet_lookup (o, path, "value", REQUIRED | NULLABLE, &value, error)
          || !fm_sheet_read_string (o, path, "unit", REQUIRED | NULLABLE, &unit, error))
        return FALSE;
      if (value != NULL)
        {
          if (!fm_sheet_node_is (value, G_TYPE_INT64) && !fm_sheet_node_is (value, G_TYPE_DOUBLE))
            return fm_sheet_invalid (error, _("%s.value must be a number or null"), path);
          if (!isfinite (json_node_get_double (value)))
            return fm_sheet_invalid (error, _("%s.value is not a finite number"), path);
          fm_annotation_set_value (a, TRUE, json_node_get_double (value));
        }
      fm_annotation_set_unit (a, unit);
    }

  return read_sheet_sources (entry, o, error) && read_sheet_evidence (entry, o, error);
}

/* An entry's uuid and state (the state only from version 2 on). */
static gboolean
read_entry_identity (JsonObject     *o,
                     const char     *path,
                     gint64          version,
                     const char    **id,
                     FmAnchorState  *state,
                     GError        **error)
{
  const char *state_str;

  if (!fm_sheet_read_string (o, path, "id", REQUIRED, id, error)
      || !fm_sheet_read_string (o, path, "state", version >= 2 ? REQUIRED : OPTIONAL, &state_str,
                                error))
    return FALSE;
  if (!fm_sheet_is_uuid (*id))
    return fm_sheet_invalid (error, _("%s.id must be a uuid in lower case, not “%s”"), path, *id);
  if (state_str != NULL && !fm_anchor_state_from_string (state_str, state))
    return fm_sheet_invalid (error, _("%s.state must be unchanged, moved, changed or orphaned, "
                                      "not “%s”"), path, state_str);
  return TRUE;
}

static Entry *
read_sheet_entry (FmSheetImport  *self,
                  JsonNode       *node,
                  FmKind          kind,
                  guint           index,
                  gint64          version,
                  GError        **error)
{
  g_autofree char *path = g_strdup_printf ("%s[%u]", kind_array_name (kind), index);
  g_autoptr(Entry) entry = NULL;
  const char * const *members = kind == FM_KIND_CLAIM ? claim_members
                                : kind == FM_KIND_FIGURE ? figure_members : source_members;
  FmAnchorState state = FM_ANCHOR_UNCHANGED;
  const char *id, *quote, *prefix, *suffix, *note, *link, *original;
  gint64 start, end, line, column, created, modified;
  gboolean has_start, has_end, has_line, has_column, has_confirmed, confirmed = TRUE;
  FmAnnotation *a;
  JsonObject *o;
  guint flags;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      fm_sheet_invalid (error, _("%s must be an object"), path);
      return NULL;
    }
  o = json_node_get_object (node);
  entry = fm_sheet_entry_new (kind, path);
  a = entry->annotation;

  if (!fm_sheet_check_members (o, path, members, error)
      || !check_newer_member (o, path, "confirmed", version, 3, error)
      || !fm_sheet_read_boolean (o, path, "confirmed", version >= 3 ? REQUIRED : OPTIONAL,
                                 &has_confirmed, &confirmed, error)
      || !read_entry_identity (o, path, version, &id, &state, error))
    return NULL;

  /* An orphan has no place, so nothing that says where it is; every other
   * entry has all of it. */
  flags = REQUIRED | (state == FM_ANCHOR_ORPHANED ? NULLABLE : 0);
  if (!fm_sheet_read_integer (o, path, "start", flags, 0, G_MAXLONG, &has_start, &start, error)
      || !fm_sheet_read_integer (o, path, "end", flags, 0, G_MAXLONG, &has_end, &end, error)
      || !fm_sheet_read_integer (o, path, "line", flags, 1, G_MAXINT, &has_line, &line, error)
      || !fm_sheet_read_integer (o, path, "column", flags, 1, G_MAXINT, &has_column, &column, error)
      || !fm_sheet_read_string (o, path, "link", flags, &link, error)
      || !fm_sheet_read_string (o, path, "quote", REQUIRED, &quote, error)
      || !fm_sheet_read_string (o, path, "prefix", REQUIRED, &prefix, error)
      || !fm_sheet_read_string (o, path, "suffix", REQUIRED, &suffix, error)
      || !fm_sheet_read_string (o, path, "note", REQUIRED | NULLABLE, &note, error)
      || !fm_sheet_read_time (o, path, "created", REQUIRED, &created, error)
      || !fm_sheet_read_time (o, path, "modified", REQUIRED, &modified, error)
      || !fm_sheet_read_string (o, path, "original_quote", OPTIONAL, &original, error))
    return NULL;

  if (state == FM_ANCHOR_ORPHANED)
    {
      if (has_start || has_end || has_line || has_column || link != NULL)
        {
          fm_sheet_invalid (error, _("%s is orphaned, so its start, end, line, column and link must be "
                                     "null"), path);
          return NULL;
        }
    }
  else if (start >= end)
    {
      fm_sheet_invalid (error, _("%s: start (%lld) must be before end (%lld)"), path,
                        (long long) start, (long long) end);
      return NULL;
    }
  else if (end > self->length)
    {
      fm_sheet_invalid (error, _("%s: the span %lld–%lld is past the end "
                                 "of the text (%ld characters)"), path, (long long) start, (long long) end,
                        self->length);
      return NULL;
    }
  if (*quote == '\0')
    {
      fm_sheet_invalid (error, _("%s.quote is empty"), path);
      return NULL;
    }
  if (g_utf8_strlen (prefix, -1) > FM_CONTEXT_LENGTH
      || g_utf8_strlen (suffix, -1) > FM_CONTEXT_LENGTH)
    {
      fm_sheet_invalid (error, _("%s: prefix and suffix hold at most %d characters"), path,
                        FM_CONTEXT_LENGTH);
      return NULL;
    }
  if (original != NULL && *original == '\0')
    {
      fm_sheet_invalid (error, _("%s.original_quote is empty"), path);
      return NULL;
    }

  fm_annotation_set_quote (a, quote, prefix, suffix);
  if (!read_sheet_details (entry, o, error))
    return NULL;

  fm_annotation_set_note (a, note);
  fm_annotation_set_times (a, created, modified);
  fm_annotation_set_original_quote (a, original);
  if (state == FM_ANCHOR_ORPHANED)
    fm_annotation_orphan (a);
  else
    {
      entry->has_span = TRUE;
      entry->start = start;
      entry->end = end;
      fm_annotation_set_span (a, start, end);
      fm_annotation_set_state (a, state);
    }
  /* Before version 3 the sheet does not say whether the user has looked at
   * a changed or orphaned entry yet; as after an update of the text,
   * assume not. */
  if (has_confirmed)
    fm_annotation_set_confirmed (a, confirmed);
  else
    fm_annotation_set_confirmed (a, state != FM_ANCHOR_CHANGED && state != FM_ANCHOR_ORPHANED);

  entry->key = g_strdup (id);
  entry->uuid = g_strdup (id);
  return g_steal_pointer (&entry);
}

/* Turns code point offsets (or, with @utf16, UTF-16 code unit offsets) into
 * byte offsets in one pass over @text, whatever their order. @bytes[i] is
 * -1 when @offsets[i] is past the end or inside a character; @cps, when not
 * NULL, gets each offset in code points. */
static int
compare_offsets (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  const glong *offsets = user_data;
  glong x = offsets[*(const guint *) a];
  glong y = offsets[*(const guint *) b];

  return x < y ? -1 : x > y;
}

void
fm_sheet_locate_offsets (const char  *text,
                         const glong *offsets,
                         guint        n,
                         gboolean     utf16,
                         gssize      *bytes,
                         glong       *cps)
{
  g_autofree guint *order = g_new (guint, n);
  const char *p = text;
  glong units = 0;
  glong chars = 0;

  for (guint i = 0; i < n; i++)
    order[i] = i;
  g_qsort_with_data (order, n, sizeof (guint), compare_offsets, (gpointer) offsets);

  for (guint k = 0; k < n; k++)
    {
      guint i = order[k];
      glong want = offsets[i];

      while (units < want && *p != '\0')
        {
          units += utf16 && g_utf8_get_char (p) > 0xFFFF ? 2 : 1;
          chars++;
          p = g_utf8_next_char (p);
        }
      bytes[i] = want >= 0 && units == want ? p - text : -1;
      if (cps != NULL)
        cps[i] = chars;
    }
}

/* Checks every placed entry of a fact sheet against the text: its quote
 * must be the text from start to end, and its context the text around. */
gboolean
fm_sheet_check_sheet_spans (FmSheetImport  *self,
                            const char     *text,
                            GError        **error)
{
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (glong));
  g_autofree gssize *bytes = NULL;
  guint k = 0;

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->has_span)
        {
          g_array_append_val (offsets, entry->start);
          g_array_append_val (offsets, entry->end);
        }
    }
  bytes = g_new (gssize, offsets->len + 1);
  fm_sheet_locate_offsets (text, (glong *) offsets->data, offsets->len, FALSE, bytes, NULL);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      const char *quote = fm_annotation_get_quote (entry->annotation);
      const char *prefix = fm_annotation_get_prefix (entry->annotation);
      const char *suffix = fm_annotation_get_suffix (entry->annotation);
      gssize s, e;
      gsize plen = strlen (prefix);

      if (!entry->has_span)
        continue;
      s = bytes[k++];
      e = bytes[k++];
      if (s < 0 || e < 0)
        return fm_sheet_invalid (error, _("%s: the span %ld–%ld is past the end of the text"),
                                 entry->path, entry->start, entry->end);
      if ((gsize) (e - s) != strlen (quote) || memcmp (text + s, quote, e - s) != 0)
        return fm_sheet_invalid (error, _("%s.quote is not the text from %ld to %ld"), entry->path,
                                 entry->start, entry->end);
      /* Whole characters: a valid UTF-8 string never starts inside one. */
      if ((gsize) s < plen || memcmp (text + s - plen, prefix, plen) != 0)
        return fm_sheet_invalid (error, _("%s.prefix is not the text before the quote"), entry->path);
      if (strncmp (text + e, suffix, strlen (suffix)) != 0)
        return fm_sheet_invalid (error, _("%s.suffix is not the text after the quote"), entry->path);
    }
  return TRUE;
}

gboolean
fm_sheet_add_entry (FmSheetImport  *self,
                    Entry          *entry,
                    GError        **error)
{
  if (self->entries->len >= FM_SHEET_IMPORT_MAX_ANNOTATIONS)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_TOO_LARGE,
                   _("The file holds more than %d annotations"), FM_SHEET_IMPORT_MAX_ANNOTATIONS);
      return FALSE;
    }
  if (entry->key != NULL && g_hash_table_contains (self->keys, entry->key))
    return fm_sheet_invalid (error, _("%s has the same id as an earlier one: %s"), entry->path,
                             entry->key);
  g_ptr_array_add (self->entries, entry);
  if (entry->key != NULL)
    g_hash_table_insert (self->keys, entry->key, entry);
  return TRUE;
}

gboolean
fm_sheet_read_sheet (FmSheetImport  *self,
                     JsonObject     *root,
                     GError        **error)
{
  const char *format;
  gint64 version;
  gboolean found;

  self->factsheet = TRUE;

  if (!fm_sheet_check_members (root, "", root_members, error)
      || !fm_sheet_read_string (root, "", "format", REQUIRED, &format, error))
    return FALSE;
  if (strcmp (format, FM_FACTSHEET_FORMAT) != 0)
    return fm_sheet_invalid (error, _("format must be “%s”"), FM_FACTSHEET_FORMAT);
  if (!fm_sheet_read_integer (root, "", "version", REQUIRED, 1, G_MAXINT, &found, &version, error))
    return FALSE;
  if (version > MAX_VERSION)
    return fm_sheet_invalid (error, _("This fact sheet is version %lld, written by a newer "
                                      "Factmark; this one reads versions 1 to %d"),
                             (long long) version, MAX_VERSION);

  if (!read_sheet_article (self, root, version, error))
    return FALSE;

  for (FmKind kind = 0; kind < FM_N_KINDS; kind++)
    {
      JsonArray *array;

      if (!fm_sheet_read_array (root, "", kind_array_name (kind), REQUIRED, &array, error))
        return FALSE;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          Entry *entry = read_sheet_entry (self, json_array_get_element (array, i), kind, i,
                                           version, error);

          if (entry == NULL)
            return FALSE;
          if (!fm_sheet_add_entry (self, entry, error))
            {
              fm_sheet_entry_free (entry);
              return FALSE;
            }
        }
    }

  /* Claims and figures may only be attributed to the sheet's sources. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      for (guint j = 0; j < entry->source_keys->len; j++)
        {
          const char *key = g_ptr_array_index (entry->source_keys, j);
          Entry *source = g_hash_table_lookup (self->keys, key);

          if (source == NULL || fm_annotation_get_kind (source->annotation) != FM_KIND_SOURCE)
            return fm_sheet_invalid (error, _("%s is attributed to %s, which is not a source in this "
                                              "sheet"), entry->path, key);
        }
    }

  if (fm_article_get_text (self->article) != NULL
      && !fm_sheet_check_sheet_spans (self, fm_article_get_text (self->article), error))
    return FALSE;

  return TRUE;
}
