/* fm-sheet-import.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-sheet-import"

#include "config.h"

#include "fm-sheet-import.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>

#include "fm-anchor.h"
#include "fm-annotation.h"
#include "fm-factsheet.h"
#include "fm-text.h"

/* Reads back what leaves Factmark, and what other annotation tools write.
 *
 * A Factmark fact sheet (versions 1 and 2) is checked as strictly as its
 * JSON schema reads, and further against its own text: the digest must be
 * the text's, and every placed entry's quote must be the code points its
 * start and end point at, so a sheet edited by hand or cut short is refused
 * rather than imported wrong. The article and its annotations are then
 * recreated with their uuids and times, so exporting the import gives the
 * same sheet.
 *
 * W3C Web Annotation JSON (one annotation, an array, an AnnotationPage or an
 * AnnotationCollection with its pages embedded) and Hypothesis JSON (the
 * API's {"rows": [...]} and the client's {"annotations": [...]} export)
 * come from texts that may differ from the article's, so they are anchored
 * rather than trusted: at the TextPositionSelector when the text there is
 * the quote, else at the best exact occurrence of the TextQuoteSelector,
 * else kept as an orphan with its quote.
 *
 * Nothing is written until the whole file has been read and checked; a
 * failure of the library halfway removes what the import had added, so a
 * failed import leaves the library as it was. */

/* The most bytes of text an import may search through for quotes that are
 * not where their position says (the text's length times the number of
 * such quotes): a few seconds of work at worst. */
#define SEARCH_BUDGET ((guint64) 8 << 30)

/* The namespace for the name-based (version 5) uuids an import gives to
 * annotations whose own id is not a uuid, or whose uuid another article
 * already uses: the same file gives the same uuids each time, so importing
 * it again finds them present instead of adding them twice. */
static const guint8 import_namespace[16] = {
  0x6b, 0x0e, 0x43, 0x9d, 0x1c, 0x72, 0x4f, 0x55,
  0x9a, 0x3b, 0xd0, 0x27, 0x88, 0xe1, 0x5c, 0x04,
};

/* One annotation of the file, as read. */
typedef struct
{
  FmAnnotation *annotation;   /* Everything but its uuid, article and, for
                               * annotations files, its place. */
  char         *key;          /* How the file names it, for attributions. */
  char         *uuid;         /* The uuid to keep when it is free, or NULL. */
  GPtrArray    *source_keys;  /* (element-type utf8): keys of its sources. */
  char         *path;         /* Where it is in the file, for messages. */

  /* For a fact sheet, the span as read (checked against the text); for
   * an annotations file, the TextPositionSelector, a hint. */
  gboolean      has_span;
  glong         start;
  glong         end;
  /* The TextQuoteSelector of an annotations file, normalized like the
   * article's text; NULL when it has none. */
  char         *exact;
  char         *prefix;
  char         *suffix;

  /* Where the position points, in bytes, to choose between repeats of
   * the quote: -1 without one, the end of the text past it. */
  gssize        hint;
  gsize         found;

  /* Filled in while adding. */
  gint64        id;
  gboolean      present;
  FmKind        present_kind;
  gboolean      skipped;
} Entry;

typedef struct
{
  char *claim;
  char *source;
} Link;

struct _FmSheetImport
{
  gboolean    factsheet;

  /* A fact sheet's article: its metadata, and its text when the sheet
   * carries it (else only its digest and length). */
  FmArticle  *article;
  char       *sha256;
  glong       length;

  GPtrArray  *entries;  /* (element-type Entry) */
  GHashTable *keys;     /* key → Entry, borrowed from @entries */
  GPtrArray  *links;    /* (element-type Link) from linking annotations */
  guint       skipped;  /* Annotations about no passage of the text. */
  gboolean    used;     /* Added to a library already. */
};

static void
entry_free (Entry *entry)
{
  g_clear_object (&entry->annotation);
  g_free (entry->key);
  g_free (entry->uuid);
  g_clear_pointer (&entry->source_keys, g_ptr_array_unref);
  g_free (entry->path);
  g_free (entry->exact);
  g_free (entry->prefix);
  g_free (entry->suffix);
  g_free (entry);
}

static Entry *
entry_new (FmKind      kind,
           const char *path)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->annotation = fm_annotation_new (kind);
  entry->source_keys = g_ptr_array_new_with_free_func (g_free);
  entry->path = g_strdup (path);
  return entry;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Entry, entry_free)

static void
link_free (Link *link)
{
  g_free (link->claim);
  g_free (link->source);
  g_free (link);
}

static FmSheetImport *
sheet_import_new (void)
{
  FmSheetImport *self = g_new0 (FmSheetImport, 1);

  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  self->keys = g_hash_table_new (g_str_hash, g_str_equal);
  self->links = g_ptr_array_new_with_free_func ((GDestroyNotify) link_free);
  return self;
}

void
fm_sheet_import_free (FmSheetImport *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->article);
  g_free (self->sha256);
  g_clear_pointer (&self->keys, g_hash_table_unref);
  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->links, g_ptr_array_unref);
  g_free (self);
}

static gboolean G_GNUC_PRINTF (2, 3)
invalid (GError     **error,
         const char  *format,
         ...)
{
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, FM_ERROR, FM_ERROR_INVALID, message);
  return FALSE;
}

/* Uuids */

static gboolean
is_uuid (const char *str)
{
  /* Lower case only, as Factmark writes them and the schema requires. */
  for (guint i = 0; i < 36; i++)
    {
      char c = str[i];

      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (c != '-')
            return FALSE;
        }
      else if (!g_ascii_isdigit (c) && !(c >= 'a' && c <= 'f'))
        return FALSE;
    }
  return str[36] == '\0';
}

static char *
name_uuid (const char *name)
{
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 d[20];
  gsize len = sizeof d;

  /* RFC 4122, section 4.3: SHA-1 of namespace and name, then the version
   * and variant bits. */
  g_checksum_update (checksum, import_namespace, sizeof import_namespace);
  g_checksum_update (checksum, (const guchar *) name, strlen (name));
  g_checksum_get_digest (checksum, d, &len);
  d[6] = (d[6] & 0x0f) | 0x50;
  d[8] = (d[8] & 0x3f) | 0x80;

  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          d[0], d[1], d[2], d[3], d[4], d[5], d[6], d[7],
                          d[8], d[9], d[10], d[11], d[12], d[13], d[14], d[15]);
}

/* Reading files */

static char *
load_file (GFile         *file,
           gsize         *len,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) bytes = g_byte_array_new ();
  g_autoptr(GError) local = NULL;
  g_autofree char *name = g_file_get_parse_name (file);
  guint8 buf[64 * 1024];
  guint8 nul = 0;

  stream = g_file_read (file, cancellable, &local);
  if (stream == NULL)
    {
      g_set_error (error, FM_ERROR,
                   g_error_matches (local, G_IO_ERROR, G_IO_ERROR_NOT_FOUND)
                   ? FM_ERROR_NOT_FOUND : FM_ERROR_INVALID,
                   _("Cannot read %s: %s"), name, local->message);
      return NULL;
    }

  /* Read in pieces and stop at the limit, so a huge file or an endless
   * stream is refused without being read whole. */
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), buf, sizeof buf, cancellable,
                                      &local);

      if (n < 0)
        {
          g_set_error (error, FM_ERROR, FM_ERROR_INVALID, _("Cannot read %s: %s"), name,
                       local->message);
          return NULL;
        }
      if (n == 0)
        break;
      if (bytes->len + (gsize) n > FM_SHEET_IMPORT_MAX_BYTES)
        {
          g_autofree char *limit = g_format_size (FM_SHEET_IMPORT_MAX_BYTES);

          g_set_error (error, FM_ERROR, FM_ERROR_TOO_LARGE,
                       _("%s is larger than the limit of %s"), name, limit);
          return NULL;
        }
      g_byte_array_append (bytes, buf, n);
    }

  *len = bytes->len;
  g_byte_array_append (bytes, &nul, 1);
  return (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
}

static gboolean
check_depth (const char  *data,
             gsize        len,
             GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  /* The bytes outside strings say how deep the document nests; count them
   * before the recursive parser sees them. */
  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }
      if (c == '"')
        in_string = TRUE;
      else if (c == '[' || c == '{')
        {
          if (++depth > FM_SHEET_IMPORT_MAX_DEPTH)
            return invalid (error, _("The JSON nests deeper than %d levels"),
                            FM_SHEET_IMPORT_MAX_DEPTH);
        }
      else if ((c == ']' || c == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

/* json-glib 1.6 turns an escaped lone surrogate ("\ud800") into bytes that
 * are not UTF-8, in values, in member names and in its own parse error
 * messages (found by tests/fuzz/fuzz-factsheet), although the file itself
 * was valid UTF-8. Every string read from the tree must be UTF-8 before it
 * reaches the library, so a file with such a string is refused whole. */
static gboolean
strings_are_utf8 (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        if (!g_utf8_validate (name, -1, NULL) || !strings_are_utf8 (member))
          return FALSE;
    }
  else if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!strings_are_utf8 (json_array_get_element (array, i)))
          return FALSE;
    }
  else if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return g_utf8_validate (json_node_get_string (node), -1, NULL);
  return TRUE;
}

static JsonNode *
parse_json (const char  *data,
            gsize        len,
            GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) local = NULL;
  const char *bad;
  JsonNode *root;

  if (len > FM_SHEET_IMPORT_MAX_BYTES)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (FM_SHEET_IMPORT_MAX_BYTES);

      g_set_error (error, FM_ERROR, FM_ERROR_TOO_LARGE,
                   _("The file is %s, larger than the limit of %s"), size, limit);
      return NULL;
    }

  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  if (memchr (data, '\0', len) != NULL)
    {
      invalid (error, _("The file contains NUL bytes, so it is not JSON"));
      return NULL;
    }
  if (!g_utf8_validate_len (data, len, &bad))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_ENCODING,
                   _("The file is not valid UTF-8 (first bad byte at offset %" G_GSIZE_FORMAT ")"),
                   (gsize) (bad - data));
      return NULL;
    }
  if (!check_depth (data, len, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, len, &local))
    {
      g_autofree char *message = g_utf8_make_valid (local->message, -1);

      invalid (error, _("The file is not valid JSON: %s"), message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      invalid (error, _("The file is empty"));
      return NULL;
    }
  if (!strings_are_utf8 (root))
    {
      invalid (error, _("The file has a string that is not valid UTF-8 (an unpaired "
                        "surrogate escape such as \\ud800)"));
      return NULL;
    }
  return json_node_ref (root);
}

/* Recognising a fact sheet without parsing it: its top-level object has a
 * member "format" whose value is "factmark-factsheet". The scan skips the
 * other members' values byte by byte, so it is linear and needs no memory,
 * and it stops at the format member, which Factmark writes first. */

static const char *
skip_space (const char *p,
            const char *end)
{
  while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
    p++;
  return p;
}

/* @p is at an opening quote; returns the byte after the closing one. */
static const char *
skip_string (const char *p,
             const char *end)
{
  for (p++; p < end; p++)
    {
      if (*p == '\\')
        p++;
      else if (*p == '"')
        return p + 1;
    }
  return NULL;
}

static const char *
skip_value (const char *p,
            const char *end)
{
  guint depth = 0;

  if (p >= end)
    return NULL;
  if (*p == '"')
    return skip_string (p, end);
  if (*p != '{' && *p != '[')
    {
      while (p < end && *p != ',' && *p != '}' && *p != ']' && *p != ' ' && *p != '\t'
             && *p != '\n' && *p != '\r')
        p++;
      return p;
    }
  while (p < end)
    {
      if (*p == '"')
        {
          p = skip_string (p, end);
          if (p == NULL)
            return NULL;
          continue;
        }
      if (*p == '{' || *p == '[')
        depth++;
      else if ((*p == '}' || *p == ']') && --depth == 0)
        return p + 1;
      p++;
    }
  return NULL;
}

/**
 * fm_sheet_import_data_is_factsheet:
 *
 * Returns: whether @data is a JSON object that says it is a Factmark fact
 *   sheet. It may still be a broken one: fm_sheet_import_read() tells.
 */
gboolean
fm_sheet_import_data_is_factsheet (const char *data,
                                   gsize       len)
{
  static const char format_key[] = "\"format\"";
  static const char format_value[] = "\"" FM_FACTSHEET_FORMAT "\"";
  const char *end = data + len;
  const char *p = data;

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (len >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  p = skip_space (p, end);
  if (p >= end || *p != '{')
    return FALSE;
  p++;

  for (;;)
    {
      const char *key;
      const char *key_end;
      const char *value;

      p = skip_space (p, end);
      if (p >= end || *p != '"')
        return FALSE;
      key = p;
      key_end = skip_string (p, end);
      if (key_end == NULL)
        return FALSE;
      p = skip_space (key_end, end);
      if (p >= end || *p != ':')
        return FALSE;
      value = skip_space (p + 1, end);
      p = skip_value (value, end);
      if (p == NULL)
        return FALSE;
      if ((gsize) (key_end - key) == strlen (format_key)
          && memcmp (key, format_key, strlen (format_key)) == 0)
        return (gsize) (p - value) == strlen (format_value)
               && memcmp (value, format_value, strlen (format_value)) == 0;
      p = skip_space (p, end);
      if (p >= end || *p != ',')
        return FALSE;
      p++;
    }
}

/**
 * fm_sheet_import_file_is_factsheet:
 *
 * Tells `import` which importer a file is for. Only a file that starts
 * with a JSON object is read whole; a file that cannot be read is not a
 * fact sheet here, and the importer that reads it reports why.
 */
gboolean
fm_sheet_import_file_is_factsheet (GFile        *file,
                                   GCancellable *cancellable)
{
  g_autoptr(GFileInputStream) stream = NULL;
  g_autofree char *data = NULL;
  char head[256];
  gsize n = 0;
  const char *p;
  gsize len;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  stream = g_file_read (file, cancellable, NULL);
  if (stream == NULL
      || !g_input_stream_read_all (G_INPUT_STREAM (stream), head, sizeof head, &n, cancellable,
                                   NULL))
    return FALSE;
  g_input_stream_close (G_INPUT_STREAM (stream), cancellable, NULL);

  p = head;
  if (n >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  p = skip_space (p, head + n);
  if (p >= head + n || *p != '{')
    return FALSE;

  data = load_file (file, &len, cancellable, NULL);
  return data != NULL && fm_sheet_import_data_is_factsheet (data, len);
}

/* Reading JSON values, with a message that names the member */

enum
{
  OPTIONAL = 0,
  REQUIRED = 1 << 0,
  NULLABLE = 1 << 1,
};

static char *
path_join (const char *prefix,
           const char *name)
{
  return *prefix != '\0' ? g_strdup_printf ("%s.%s", prefix, name) : g_strdup (name);
}

static gboolean
node_is (JsonNode *node,
         GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

static gboolean
lookup (JsonObject  *object,
        const char  *prefix,
        const char  *name,
        guint        flags,
        JsonNode   **node,
        GError     **error)
{
  *node = json_object_get_member (object, name);
  if (*node == NULL && (flags & REQUIRED))
    {
      g_autofree char *path = path_join (prefix, name);

      return invalid (error, _("%s is missing"), path);
    }
  if (*node != NULL && JSON_NODE_HOLDS_NULL (*node) && (flags & NULLABLE))
    *node = NULL;
  return TRUE;
}

static gboolean
read_string (JsonObject  *object,
             const char  *prefix,
             const char  *name,
             guint        flags,
             const char **out,
             GError     **error)
{
  JsonNode *node;

  *out = NULL;
  if (!lookup (object, prefix, name, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!node_is (node, G_TYPE_STRING))
    {
      g_autofree char *path = path_join (prefix, name);

      if (flags & NULLABLE)
        return invalid (error, _("%s must be a string or null"), path);
      return invalid (error, _("%s must be a string"), path);
    }
  *out = json_node_get_string (node);
  return TRUE;
}

static gboolean
read_integer (JsonObject  *object,
              const char  *prefix,
              const char  *name,
              guint        flags,
              gint64       min,
              gint64       max,
              gboolean    *found,
              gint64      *out,
              GError     **error)
{
  g_autofree char *path = NULL;
  JsonNode *node;
  gint64 value;

  *found = FALSE;
  *out = 0;
  if (!lookup (object, prefix, name, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  path = path_join (prefix, name);
  if (!node_is (node, G_TYPE_INT64))
    {
      if (flags & NULLABLE)
        return invalid (error, _("%s must be an integer or null"), path);
      return invalid (error, _("%s must be an integer"), path);
    }
  value = json_node_get_int (node);
  if (value < min)
    return invalid (error, _("%s must be at least %lld"), path, (long long) min);
  if (value > max)
    return invalid (error, _("%s must be at most %lld"), path, (long long) max);
  *found = TRUE;
  *out = value;
  return TRUE;
}

static gboolean
read_object (JsonObject  *object,
             const char  *prefix,
             const char  *name,
             guint        flags,
             JsonObject **out,
             GError     **error)
{
  JsonNode *node;

  *out = NULL;
  if (!lookup (object, prefix, name, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *path = path_join (prefix, name);

      return invalid (error, _("%s must be an object"), path);
    }
  *out = json_node_get_object (node);
  return TRUE;
}

static gboolean
read_array (JsonObject  *object,
            const char  *prefix,
            const char  *name,
            guint        flags,
            JsonArray  **out,
            GError     **error)
{
  JsonNode *node;

  *out = NULL;
  if (!lookup (object, prefix, name, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *path = path_join (prefix, name);

      return invalid (error, _("%s must be an array"), path);
    }
  *out = json_node_get_array (node);
  return TRUE;
}

static gboolean
read_time (JsonObject  *object,
           const char  *prefix,
           const char  *name,
           guint        flags,
           gint64      *usec,
           GError     **error)
{
  g_autoptr(GDateTime) dt = NULL;
  const char *str;

  *usec = 0;
  if (!read_string (object, prefix, name, flags, &str, error))
    return FALSE;
  if (str == NULL)
    return TRUE;

  /* Without a time zone in the string there is no default to assume. */
  dt = g_date_time_new_from_iso8601 (str, NULL);
  if (dt == NULL)
    {
      g_autofree char *path = path_join (prefix, name);

      return invalid (error, _("%s is not an ISO 8601 time with a time zone: “%s”"), path, str);
    }
  *usec = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

static gboolean
check_members (JsonObject         *object,
               const char         *prefix,
               const char * const *allowed,
               GError            **error)
{
  JsonObjectIter iter;
  const char *name;
  JsonNode *node;

  json_object_iter_init (&iter, object);
  while (json_object_iter_next (&iter, &name, &node))
    {
      if (g_strv_contains (allowed, name))
        continue;
      if (*prefix == '\0')
        return invalid (error, _("The fact sheet has an unknown member “%s”"), name);
      return invalid (error, _("%s has an unknown member “%s”"), prefix, name);
    }
  return TRUE;
}

/* Fact sheets */

#define COMMON_MEMBERS "id", "start", "end", "quote", "prefix", "suffix", "line", "column", \
                       "link", "note", "created", "modified", "state", "original_quote"

static const char * const root_members[] = {
  "format", "version", "article", "claims", "figures", "sources", NULL
};
static const char * const article_members[] = {
  "id", "title", "url", "outlet", "author", "published", "text_sha256", "length", "text",
  "revision", NULL
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

  if (!read_object (root, "", "article", REQUIRED, &o, error)
      || !check_members (o, "article", article_members, error)
      || !read_string (o, "article", "id", REQUIRED, &id, error)
      || !read_string (o, "article", "title", REQUIRED | NULLABLE, &title, error)
      || !read_string (o, "article", "url", REQUIRED | NULLABLE, &url, error)
      || !read_string (o, "article", "outlet", REQUIRED | NULLABLE, &outlet, error)
      || !read_string (o, "article", "author", REQUIRED | NULLABLE, &author, error)
      || !read_string (o, "article", "published", REQUIRED | NULLABLE, &published, error)
      || !read_string (o, "article", "text_sha256", REQUIRED, &sha, error)
      || !read_integer (o, "article", "length", REQUIRED, 1, FM_MAX_TEXT_BYTES, &found, &length,
                        error)
      || !read_integer (o, "article", "revision", version >= 2 ? REQUIRED : OPTIONAL, 1,
                        G_MAXINT, &found, &revision, error)
      || !read_string (o, "article", "text", OPTIONAL, &text, error))
    return FALSE;

  if (!is_uuid (id))
    return invalid (error, _("article.id must be a uuid in lower case, not “%s”"), id);
  if (strlen (sha) != 64 || strspn (sha, "0123456789abcdef") != 64)
    return invalid (error, _("article.text_sha256 must be 64 lower-case hexadecimal digits"));

  self->article = fm_article_new ();
  fm_article_set_uuid (self->article, id);
  fm_article_set_title (self->article, title);
  fm_article_set_url (self->article, url);
  fm_article_set_outlet (self->article, outlet);
  fm_article_set_author (self->article, author);
  fm_article_set_published (self->article, published);
  self->sha256 = g_strdup (sha);
  self->length = length;

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
        return invalid (error, _("article.text is not canonical text (UTF-8, LF line endings, "
                                 "NFC)"));
      digest = fm_text_sha256 (text);
      if (strcmp (digest, sha) != 0)
        return invalid (error, _("article.text_sha256 does not match the text: the text was "
                                 "changed or cut short"));
      text_length = fm_text_length (text);
      if (text_length != length)
        return invalid (error, _("article.length is %lld, but the text has %ld "
                                 "characters"), (long long) length, text_length);
      fm_article_set_text (self->article, text);
    }
  else
    fm_article_set_digest (self->article, sha, length);

  return TRUE;
}

static gboolean
read_sheet_sources (Entry       *entry,
                    JsonObject  *o,
                    GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  JsonArray *array;

  if (!read_array (o, entry->path, "sources", REQUIRED, &array, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      const char *uuid;

      if (!node_is (node, G_TYPE_STRING) || !is_uuid (json_node_get_string (node)))
        return invalid (error, _("%s.sources[%u] must be a uuid in lower case"), entry->path, i);
      uuid = json_node_get_string (node);
      if (!g_hash_table_add (seen, (gpointer) uuid))
        return invalid (error, _("%s.sources names %s twice"), entry->path, uuid);
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

  if (!read_array (o, entry->path, "evidence", REQUIRED, &array, error))
    return FALSE;
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      g_autofree char *path = g_strdup_printf ("%s.evidence[%u]", entry->path, i);
      const char *url, *note;
      JsonObject *item;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, _("%s must be an object"), path);
      item = json_node_get_object (node);
      if (!check_members (item, path, evidence_members, error)
          || !read_string (item, path, "url", REQUIRED, &url, error)
          || !read_string (item, path, "note", REQUIRED | NULLABLE, &note, error))
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

      if (!read_string (o, path, "name", REQUIRED, &name, error)
          || !read_string (o, path, "source_type", REQUIRED, &type_str, error))
        return FALSE;
      if (!fm_source_type_from_string (type_str, &type))
        return invalid (error, _("%s.source_type “%s” is not a type of source"), path, type_str);
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

    if (!read_string (o, path, "verdict", REQUIRED, &verdict_str, error))
      return FALSE;
    if (!fm_verdict_from_string (verdict_str, &verdict)
        || !fm_verdict_allowed_for_kind (verdict, kind))
      return invalid (error, _("%s.verdict “%s” is not a verdict for a %s"), path, verdict_str,
                      fm_kind_to_string (kind));
    fm_annotation_set_verdict (a, verdict);
  }

  if (kind == FM_KIND_FIGURE)
    {
      JsonNode *value;
      const char *unit;

      if (!lookup (o, path, "value", REQUIRED | NULLABLE, &value, error)
          || !read_string (o, path, "unit", REQUIRED | NULLABLE, &unit, error))
        return FALSE;
      if (value != NULL)
        {
          if (!node_is (value, G_TYPE_INT64) && !node_is (value, G_TYPE_DOUBLE))
            return invalid (error, _("%s.value must be a number or null"), path);
          if (!isfinite (json_node_get_double (value)))
            return invalid (error, _("%s.value is not a finite number"), path);
          fm_annotation_set_value (a, TRUE, json_node_get_double (value));
        }
      fm_annotation_set_unit (a, unit);
    }

  return read_sheet_sources (entry, o, error) && read_sheet_evidence (entry, o, error);
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
  const char *id, *state_str, *quote, *prefix, *suffix, *note, *link, *original;
  gint64 start, end, line, column, created, modified;
  gboolean has_start, has_end, has_line, has_column;
  FmAnnotation *a;
  JsonObject *o;
  guint flags;

  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      invalid (error, _("%s must be an object"), path);
      return NULL;
    }
  o = json_node_get_object (node);
  entry = entry_new (kind, path);
  a = entry->annotation;

  if (!check_members (o, path, members, error)
      || !read_string (o, path, "id", REQUIRED, &id, error)
      || !read_string (o, path, "state", version >= 2 ? REQUIRED : OPTIONAL, &state_str, error))
    return NULL;
  if (!is_uuid (id))
    {
      invalid (error, _("%s.id must be a uuid in lower case, not “%s”"), path, id);
      return NULL;
    }
  if (state_str != NULL && !fm_anchor_state_from_string (state_str, &state))
    {
      invalid (error, _("%s.state must be unchanged, moved, changed or orphaned, not “%s”"),
               path, state_str);
      return NULL;
    }

  /* An orphan has no place, so nothing that says where it is; every other
   * entry has all of it. */
  flags = REQUIRED | (state == FM_ANCHOR_ORPHANED ? NULLABLE : 0);
  if (!read_integer (o, path, "start", flags, 0, G_MAXLONG, &has_start, &start, error)
      || !read_integer (o, path, "end", flags, 0, G_MAXLONG, &has_end, &end, error)
      || !read_integer (o, path, "line", flags, 1, G_MAXINT, &has_line, &line, error)
      || !read_integer (o, path, "column", flags, 1, G_MAXINT, &has_column, &column, error)
      || !read_string (o, path, "link", flags, &link, error)
      || !read_string (o, path, "quote", REQUIRED, &quote, error)
      || !read_string (o, path, "prefix", REQUIRED, &prefix, error)
      || !read_string (o, path, "suffix", REQUIRED, &suffix, error)
      || !read_string (o, path, "note", REQUIRED | NULLABLE, &note, error)
      || !read_time (o, path, "created", REQUIRED, &created, error)
      || !read_time (o, path, "modified", REQUIRED, &modified, error)
      || !read_string (o, path, "original_quote", OPTIONAL, &original, error))
    return NULL;

  if (state == FM_ANCHOR_ORPHANED)
    {
      if (has_start || has_end || has_line || has_column || link != NULL)
        {
          invalid (error, _("%s is orphaned, so its start, end, line, column and link must be "
                            "null"), path);
          return NULL;
        }
    }
  else if (start >= end)
    {
      invalid (error, _("%s: start (%lld) must be before end (%lld)"), path,
               (long long) start, (long long) end);
      return NULL;
    }
  else if (end > self->length)
    {
      invalid (error, _("%s: the span %lld–%lld is past the end "
                        "of the text (%ld characters)"), path, (long long) start, (long long) end,
               self->length);
      return NULL;
    }
  if (*quote == '\0')
    {
      invalid (error, _("%s.quote is empty"), path);
      return NULL;
    }
  if (g_utf8_strlen (prefix, -1) > FM_CONTEXT_LENGTH
      || g_utf8_strlen (suffix, -1) > FM_CONTEXT_LENGTH)
    {
      invalid (error, _("%s: prefix and suffix hold at most %d characters"), path,
               FM_CONTEXT_LENGTH);
      return NULL;
    }
  if (original != NULL && *original == '\0')
    {
      invalid (error, _("%s.original_quote is empty"), path);
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
  /* The sheet does not say whether the user has looked at a changed or
   * orphaned entry yet; as after an update of the text, assume not. */
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

static void
locate_offsets (const char  *text,
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
static gboolean
check_sheet_spans (FmSheetImport  *self,
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
  locate_offsets (text, (glong *) offsets->data, offsets->len, FALSE, bytes, NULL);

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
        return invalid (error, _("%s: the span %ld–%ld is past the end of the text"),
                        entry->path, entry->start, entry->end);
      if ((gsize) (e - s) != strlen (quote) || memcmp (text + s, quote, e - s) != 0)
        return invalid (error, _("%s.quote is not the text from %ld to %ld"), entry->path,
                        entry->start, entry->end);
      /* Whole characters: a valid UTF-8 string never starts inside one. */
      if ((gsize) s < plen || memcmp (text + s - plen, prefix, plen) != 0)
        return invalid (error, _("%s.prefix is not the text before the quote"), entry->path);
      if (strncmp (text + e, suffix, strlen (suffix)) != 0)
        return invalid (error, _("%s.suffix is not the text after the quote"), entry->path);
    }
  return TRUE;
}

static gboolean
add_entry (FmSheetImport  *self,
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
    return invalid (error, _("%s has the same id as an earlier one: %s"), entry->path,
                    entry->key);
  g_ptr_array_add (self->entries, entry);
  if (entry->key != NULL)
    g_hash_table_insert (self->keys, entry->key, entry);
  return TRUE;
}

static gboolean
read_sheet (FmSheetImport  *self,
            JsonObject     *root,
            GError        **error)
{
  const char *format;
  gint64 version;
  gboolean found;

  self->factsheet = TRUE;

  if (!check_members (root, "", root_members, error)
      || !read_string (root, "", "format", REQUIRED, &format, error))
    return FALSE;
  if (strcmp (format, FM_FACTSHEET_FORMAT) != 0)
    return invalid (error, _("format must be “%s”"), FM_FACTSHEET_FORMAT);
  if (!read_integer (root, "", "version", REQUIRED, 1, G_MAXINT, &found, &version, error))
    return FALSE;
  if (version > 2)
    return invalid (error, _("This fact sheet is version %lld, written by a newer "
                             "Factmark; this one reads versions 1 and 2"), (long long) version);

  if (!read_sheet_article (self, root, version, error))
    return FALSE;

  for (FmKind kind = 0; kind < FM_N_KINDS; kind++)
    {
      JsonArray *array;

      if (!read_array (root, "", kind_array_name (kind), REQUIRED, &array, error))
        return FALSE;
      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          Entry *entry = read_sheet_entry (self, json_array_get_element (array, i), kind, i,
                                           version, error);

          if (entry == NULL)
            return FALSE;
          if (!add_entry (self, entry, error))
            {
              entry_free (entry);
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
            return invalid (error, _("%s is attributed to %s, which is not a source in this "
                                     "sheet"), entry->path, key);
        }
    }

  if (fm_article_get_text (self->article) != NULL
      && !check_sheet_spans (self, fm_article_get_text (self->article), error))
    return FALSE;

  return TRUE;
}

/* W3C Web Annotation and Hypothesis JSON */

/* Positions, quotes and context as the article's text has them: NFC, and
 * LF for every line break. NULL for an empty string. */
static char *
normalize_text (const char *str)
{
  g_autoptr(GString) lf = NULL;

  if (str == NULL || *str == '\0')
    return NULL;
  lf = g_string_new (NULL);
  for (const char *p = str; *p != '\0'; p++)
    {
      if (*p == '\r')
        {
          g_string_append_c (lf, '\n');
          if (p[1] == '\n')
            p++;
        }
      else
        g_string_append_c (lf, *p);
    }
  return g_utf8_normalize (lf->str, lf->len, G_NORMALIZE_NFC);
}

static gboolean
has_type (JsonObject *object,
          const char *type)
{
  JsonNode *node = json_object_get_member (object, "type");

  if (node_is (node, G_TYPE_STRING))
    return strcmp (json_node_get_string (node), type) == 0;
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (node_is (item, G_TYPE_STRING) && strcmp (json_node_get_string (item), type) == 0)
            return TRUE;
        }
    }
  return FALSE;
}

/* A member that may be one string or an array of them (motivation,
 * purpose, tags). Null counts as none. */
static gboolean
read_strings (JsonObject  *object,
              const char  *prefix,
              const char  *name,
              GPtrArray   *out,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return TRUE;
  if (node_is (node, G_TYPE_STRING))
    {
      g_ptr_array_add (out, (gpointer) json_node_get_string (node));
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);
      guint i;

      for (i = 0; i < n && node_is (json_array_get_element (array, i), G_TYPE_STRING); i++)
        g_ptr_array_add (out, (gpointer) json_array_get_string_element (array, i));
      if (i == n)
        return TRUE;
    }
  {
    g_autofree char *path = path_join (prefix, name);

    return invalid (error, _("%s must be a string or an array of strings"), path);
  }
}

static gboolean
strings_contain (GPtrArray  *strings,
                 const char *str)
{
  for (guint i = 0; i < strings->len; i++)
    if (strcmp (g_ptr_array_index (strings, i), str) == 0)
      return TRUE;
  return FALSE;
}

/* Ids compare as the file spells them, except that urn:uuid: ids, which
 * other tools may write in upper case, compare in lower case. */
static char *
normalize_key (const char *id)
{
  if (g_ascii_strncasecmp (id, "urn:uuid:", 9) == 0)
    return g_ascii_strdown (id, -1);
  return g_strdup (id);
}

/* The uuid an annotation of the file keeps: its own when its id is a
 * urn:uuid, else one derived from its id, so that importing the file again
 * recognises it. */
static char *
uuid_for_key (const char *key)
{
  if (g_str_has_prefix (key, "urn:uuid:") && is_uuid (key + 9))
    return g_strdup (key + 9);
  {
    g_autofree char *name = g_strconcat ("id:", key, NULL);

    return name_uuid (name);
  }
}

/* What another annotation or resource a link, target or body points to: a
 * string, or an object's id (or, for a SpecificResource, its source). */
static const char *
node_ref (JsonNode *node)
{
  JsonObject *object;
  JsonNode *member;

  if (node_is (node, G_TYPE_STRING))
    return json_node_get_string (node);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  member = json_object_get_member (object, "id");
  if (node_is (member, G_TYPE_STRING))
    return json_node_get_string (member);
  member = json_object_get_member (object, "source");
  if (node_is (member, G_TYPE_STRING))
    return json_node_get_string (member);
  return NULL;
}

/* The members that may hold one item or an array of them. */
static void
collect_nodes (JsonNode  *node,
               GPtrArray *out)
{
  if (node == NULL || JSON_NODE_HOLDS_NULL (node))
    return;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        g_ptr_array_add (out, json_array_get_element (array, i));
    }
  else
    g_ptr_array_add (out, node);
}

static gboolean
read_selectors (Entry       *entry,
                JsonObject  *target,
                const char  *path,
                gboolean    *found,
                GError     **error)
{
  g_autoptr(GPtrArray) selectors = g_ptr_array_new ();
  gboolean have_quote = FALSE;
  gboolean have_position = FALSE;

  *found = FALSE;
  collect_nodes (json_object_get_member (target, "selector"), selectors);
  for (guint i = 0; i < selectors->len; i++)
    {
      JsonNode *node = g_ptr_array_index (selectors, i);
      g_autofree char *sel_path = g_strdup_printf ("%s.selector", path);
      JsonObject *selector;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, _("%s must be an object or an array of objects"), sel_path);
      selector = json_node_get_object (node);

      if (has_type (selector, "TextQuoteSelector") && !have_quote)
        {
          const char *exact, *prefix, *suffix;

          if (!read_string (selector, sel_path, "exact", REQUIRED, &exact, error)
              || !read_string (selector, sel_path, "prefix", NULLABLE, &prefix, error)
              || !read_string (selector, sel_path, "suffix", NULLABLE, &suffix, error))
            return FALSE;
          entry->exact = normalize_text (exact);
          entry->prefix = normalize_text (prefix);
          entry->suffix = normalize_text (suffix);
          have_quote = entry->exact != NULL;
        }
      else if (has_type (selector, "TextPositionSelector") && !have_position)
        {
          gint64 start, end;
          gboolean has_start, has_end;

          if (!read_integer (selector, sel_path, "start", REQUIRED, G_MININT64, G_MAXINT64,
                             &has_start, &start, error)
              || !read_integer (selector, sel_path, "end", REQUIRED, G_MININT64, G_MAXINT64,
                                &has_end, &end, error))
            return FALSE;
          have_position = TRUE;
          /* A span that cannot be in any text is no hint at all. */
          if (start >= 0 && end > start && end <= FM_MAX_TEXT_BYTES)
            {
              entry->has_span = TRUE;
              entry->start = start;
              entry->end = end;
            }
        }
      /* Other selectors (a RangeSelector's XPaths into the page's DOM, a
       * FragmentSelector of a PDF) point into a rendering Factmark does not
       * have, so they cannot place anything in the article's text. */
    }
  *found = have_quote || have_position;
  return TRUE;
}

typedef struct
{
  const char *purpose;  /* NULL when neither the body nor the annotation says */
  const char *value;    /* A TextualBody's text */
  const char *url;      /* A resource's IRI */
  const char *label;
  /* Factmark's own note of what an update of the text did: not the
   * user's words, but the quote it was first made on is worth keeping. */
  gboolean    anchor_state;
  const char *original_quote;
} Body;

static gboolean
read_bodies (JsonObject  *o,
             const char  *path,
             const char  *default_purpose,
             GArray      *bodies,
             GError     **error)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new ();
  g_autofree char *body_path = g_strdup_printf ("%s.body", path);
  const char *body_value;

  collect_nodes (json_object_get_member (o, "body"), nodes);
  for (guint i = 0; i < nodes->len; i++)
    {
      JsonNode *node = g_ptr_array_index (nodes, i);
      g_autoptr(GPtrArray) purposes = g_ptr_array_new ();
      Body body = { default_purpose, NULL, NULL, NULL, FALSE, NULL };
      const char *state;
      JsonObject *object;

      /* A string body is the IRI of a resource. */
      if (node_is (node, G_TYPE_STRING))
        {
          body.url = json_node_get_string (node);
          g_array_append_val (bodies, body);
          continue;
        }
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, _("%s must be an object, a string or an array of them"),
                        body_path);
      object = json_node_get_object (node);
      if (!read_strings (object, body_path, "purpose", purposes, error)
          || !read_string (object, body_path, "value", NULLABLE, &body.value, error)
          || !read_string (object, body_path, "label", NULLABLE, &body.label, error)
          || !read_string (object, body_path, "factmark:anchorState", NULLABLE, &state, error)
          || !read_string (object, body_path, "factmark:originalQuote", NULLABLE,
                           &body.original_quote, error))
        return FALSE;
      body.anchor_state = state != NULL;
      if (purposes->len > 0)
        body.purpose = g_ptr_array_index (purposes, 0);
      if (body.value == NULL)
        body.url = node_ref (node);
      if (body.value != NULL || body.url != NULL)
        g_array_append_val (bodies, body);
    }

  if (!read_string (o, path, "bodyValue", NULLABLE, &body_value, error))
    return FALSE;
  if (body_value != NULL)
    {
      Body body = { "commenting", body_value, NULL, NULL, FALSE, NULL };

      g_array_append_val (bodies, body);
    }
  return TRUE;
}

static gboolean
kind_from_name (const char *name,
                FmKind     *kind)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);

  return fm_kind_from_string (g_strstrip (lower), kind);
}

static gboolean
verdict_from_name (const char *name,
                   FmVerdict  *verdict)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);

  /* Machine names, or the words with a space: "Mostly true". */
  g_strdelimit (g_strstrip (lower), " _", '-');
  return fm_verdict_from_string (lower, verdict);
}

static gboolean
source_type_from_name (const char *name,
                       FmSourceType *type)
{
  g_autofree char *lower = g_utf8_strdown (name, -1);

  g_strdelimit (g_strstrip (lower), " _", '-');
  return fm_source_type_from_string (lower, type);
}

static gboolean
parse_figure_value (const char *str,
                    double     *value,
                    char      **unit)
{
  char *end = NULL;
  double v = g_ascii_strtod (str, &end);

  if (end == str || !isfinite (v))
    return FALSE;
  while (*end == ' ')
    end++;
  *value = v;
  *unit = *end != '\0' ? g_strdup (end) : NULL;
  return TRUE;
}

/* Gives an annotation of another tool its kind, verdict, note and the
 * rest from its bodies and tags. What has no place in Factmark's model (a
 * tag that names no kind, a verdict it does not know) goes into the note,
 * so nothing the file said is lost. */
static void
apply_bodies (Entry     *entry,
              GArray    *bodies,
              GPtrArray *tags)
{
  FmAnnotation *a = entry->annotation;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) other_tags = g_ptr_array_new ();
  gboolean have_kind = FALSE;
  gboolean have_verdict = FALSE;
  gboolean have_name = FALSE;
  gboolean have_type = FALSE;
  gboolean have_value = FALSE;
  FmKind kind = FM_KIND_CLAIM;

  /* The kind first, since what the other bodies mean depends on it:
   * a classifying body, else the first tag that names a kind. */
  for (guint i = 0; i < bodies->len && !have_kind; i++)
    {
      Body *body = &g_array_index (bodies, Body, i);

      if (g_strcmp0 (body->purpose, "classifying") == 0 && body->value != NULL)
        have_kind = kind_from_name (body->value, &kind);
    }
  for (guint i = 0; i < bodies->len && !have_kind; i++)
    {
      Body *body = &g_array_index (bodies, Body, i);

      if (g_strcmp0 (body->purpose, "tagging") == 0 && body->value != NULL)
        have_kind = kind_from_name (body->value, &kind);
    }
  for (guint i = 0; i < tags->len && !have_kind; i++)
    have_kind = kind_from_name (g_ptr_array_index (tags, i), &kind);
  fm_annotation_set_kind (a, kind);

  for (guint i = 0; i < bodies->len; i++)
    {
      Body *body = &g_array_index (bodies, Body, i);
      const char *purpose = body->purpose;
      FmKind named;

      if (body->anchor_state)
        {
          /* The state itself is this import's to decide, by anchoring. */
          g_autofree char *original = normalize_text (body->original_quote);

          fm_annotation_set_original_quote (a, original);
          continue;
        }
      if (body->value == NULL)
        {
          /* A resource: a link to evidence. Sources carry no evidence in
           * Factmark, so theirs goes into the note. */
          if (kind == FM_KIND_SOURCE)
            g_ptr_array_add (notes, g_strdup_printf (_("Link: %s"), body->url));
          else
            fm_annotation_add_evidence (a, body->url, body->label);
          continue;
        }

      if (g_strcmp0 (purpose, "classifying") == 0 || g_strcmp0 (purpose, "tagging") == 0)
        {
          FmSourceType type;

          if (kind_from_name (body->value, &named))
            continue;
          if (kind == FM_KIND_SOURCE && !have_type && source_type_from_name (body->value, &type))
            {
              fm_annotation_set_source_type (a, type);
              have_type = TRUE;
              continue;
            }
          g_ptr_array_add (other_tags, (gpointer) body->value);
        }
      else if (g_strcmp0 (purpose, "assessing") == 0)
        {
          FmVerdict verdict;

          if (!have_verdict && verdict_from_name (body->value, &verdict)
              && fm_verdict_allowed_for_kind (verdict, kind))
            {
              fm_annotation_set_verdict (a, verdict);
              have_verdict = TRUE;
            }
          else
            g_ptr_array_add (notes, g_strdup_printf (_("Verdict: %s"), body->value));
        }
      else if (g_strcmp0 (purpose, "identifying") == 0 && kind == FM_KIND_SOURCE && !have_name)
        {
          fm_annotation_set_name (a, body->value);
          have_name = TRUE;
        }
      else if (g_strcmp0 (purpose, "describing") == 0 && kind == FM_KIND_FIGURE && !have_value)
        {
          g_autofree char *unit = NULL;
          double value;

          if (parse_figure_value (body->value, &value, &unit))
            {
              fm_annotation_set_value (a, TRUE, value);
              fm_annotation_set_unit (a, unit);
              have_value = TRUE;
            }
          else
            g_ptr_array_add (notes, g_strdup (body->value));
        }
      else if (g_strcmp0 (purpose, "linking") == 0 && kind != FM_KIND_SOURCE)
        {
          /* Evidence that is not a web address, written as text. */
          fm_annotation_add_evidence (a, body->value, body->label);
        }
      else
        {
          /* commenting, a body without a purpose, and every other purpose
           * (editing, questioning, replying...) say something in words. */
          g_ptr_array_add (notes, g_strdup (body->value));
        }
    }

  for (guint i = 0; i < tags->len; i++)
    {
      const char *tag = g_ptr_array_index (tags, i);
      FmKind named;

      if (!kind_from_name (tag, &named))
        g_ptr_array_add (other_tags, (gpointer) tag);
    }
  if (other_tags->len > 0)
    {
      g_autofree char *joined = NULL;

      g_ptr_array_add (other_tags, NULL);
      joined = g_strjoinv (", ", (char **) other_tags->pdata);
      g_ptr_array_add (notes, g_strdup_printf (_("Tags: %s"), joined));
    }
  if (notes->len > 0)
    {
      g_autofree char *note = NULL;

      g_ptr_array_add (notes, NULL);
      note = g_strjoinv ("\n\n", (char **) notes->pdata);
      fm_annotation_set_note (a, note);
    }
}

static gboolean
read_annotation (FmSheetImport  *self,
                 JsonObject     *o,
                 guint           index,
                 GError        **error)
{
  g_autofree char *path = g_strdup_printf (_("annotation %u"), index + 1);
  g_autoptr(GPtrArray) motivations = g_ptr_array_new ();
  g_autoptr(GPtrArray) targets = g_ptr_array_new ();
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  g_autoptr(GArray) bodies = g_array_new (FALSE, FALSE, sizeof (Body));
  g_autoptr(Entry) entry = entry_new (FM_KIND_CLAIM, path);
  const char *id, *text, *target_ref = NULL;
  gboolean found = FALSE;
  gint64 created, modified;

  if (!read_string (o, path, "id", NULLABLE, &id, error)
      || !read_strings (o, path, "motivation", motivations, error))
    return FALSE;

  collect_nodes (json_object_get_member (o, "target"), targets);
  for (guint i = 0; i < targets->len; i++)
    {
      JsonNode *node = g_ptr_array_index (targets, i);
      g_autofree char *target_path = g_strdup_printf ("%s.target", path);

      if (target_ref == NULL)
        target_ref = node_ref (node);
      if (node_is (node, G_TYPE_STRING))
        continue;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, _("%s must be an object, a string or an array of them"),
                        target_path);
      /* The first target with a quote or a position is the passage. */
      if (!found && !read_selectors (entry, json_node_get_object (node), target_path, &found,
                                     error))
        return FALSE;
    }

  /* A linking annotation whose target is another annotation, not a
   * passage: the attribution of a claim (the target) to a source (the
   * body), as Factmark's W3C export writes them. */
  if (!found && target_ref != NULL && strings_contain (motivations, "linking"))
    {
      g_autoptr(GPtrArray) nodes = g_ptr_array_new ();

      collect_nodes (json_object_get_member (o, "body"), nodes);
      for (guint i = 0; i < nodes->len; i++)
        {
          const char *source_ref = node_ref (g_ptr_array_index (nodes, i));
          Link *link;

          if (source_ref == NULL)
            continue;
          link = g_new0 (Link, 1);
          link->claim = normalize_key (target_ref);
          link->source = normalize_key (source_ref);
          g_ptr_array_add (self->links, link);
        }
      if (nodes->len == 0)
        self->skipped++;
      return TRUE;
    }

  if (!read_bodies (o, path, motivations->len > 0 ? g_ptr_array_index (motivations, 0) : NULL,
                    bodies, error)
      || !read_string (o, path, "text", NULLABLE, &text, error)
      || !read_strings (o, path, "tags", tags, error)
      || !read_time (o, path, "created", NULLABLE, &created, error))
    return FALSE;
  if (json_object_has_member (o, "modified"))
    {
      if (!read_time (o, path, "modified", NULLABLE, &modified, error))
        return FALSE;
    }
  else if (!read_time (o, path, "updated", NULLABLE, &modified, error))
    return FALSE;

  /* Hypothesis: the annotation's text is its note (Markdown, kept as
   * written), and its tags may name the kind. */
  if (text != NULL && *text != '\0')
    {
      Body body = { "commenting", text, NULL, NULL, FALSE, NULL };

      g_array_prepend_val (bodies, body);
    }

  /* A page note or a reply quotes nothing: there is no passage to mark. */
  if (entry->exact == NULL && !entry->has_span)
    {
      self->skipped++;
      return TRUE;
    }

  apply_bodies (entry, bodies, tags);
  if (created != 0)
    fm_annotation_set_times (entry->annotation, created, modified != 0 ? modified : created);

  if (id != NULL && *id != '\0')
    {
      entry->key = normalize_key (id);
      entry->uuid = uuid_for_key (entry->key);
    }
  if (!add_entry (self, entry, error))
    return FALSE;
  entry = NULL;
  return TRUE;
}

static gboolean
add_items (GPtrArray   *objects,
           JsonArray   *array,
           const char  *what,
           GError     **error)
{
  for (guint i = 0; i < json_array_get_length (array); i++)
    {
      JsonNode *node = json_array_get_element (array, i);

      if (!JSON_NODE_HOLDS_OBJECT (node))
        return invalid (error, _("Item %u of %s is not an object"), i + 1, what);
      if (objects->len >= FM_SHEET_IMPORT_MAX_ANNOTATIONS)
        {
          g_set_error (error, FM_ERROR, FM_ERROR_TOO_LARGE,
                       _("The file holds more than %d annotations"),
                       FM_SHEET_IMPORT_MAX_ANNOTATIONS);
          return FALSE;
        }
      g_ptr_array_add (objects, json_node_get_object (node));
    }
  return TRUE;
}

static gboolean
add_pages (GPtrArray   *objects,
           JsonNode    *page,
           GError     **error)
{
  /* Pages chain through "next"; only pages in the file can be read. */
  while (page != NULL && !JSON_NODE_HOLDS_NULL (page))
    {
      JsonObject *object;
      JsonArray *items;

      if (!JSON_NODE_HOLDS_OBJECT (page))
        return invalid (error, _("The collection's pages are not in the file, only links to "
                                 "them"));
      object = json_node_get_object (page);
      if (!read_array (object, "first", "items", NULLABLE, &items, error))
        return FALSE;
      if (items != NULL && !add_items (objects, items, "items", error))
        return FALSE;
      page = json_object_get_member (object, "next");
    }
  return TRUE;
}

static gboolean
read_annotations (FmSheetImport  *self,
                  JsonNode       *root,
                  GError        **error)
{
  g_autoptr(GPtrArray) objects = g_ptr_array_new ();
  JsonArray *array;

  if (JSON_NODE_HOLDS_ARRAY (root))
    {
      if (!add_items (objects, json_node_get_array (root), _("the array"), error))
        return FALSE;
    }
  else if (JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *o = json_node_get_object (root);

      if (json_object_has_member (o, "rows"))
        {
          /* The Hypothesis API's search results. */
          if (!read_array (o, "", "rows", REQUIRED, &array, error)
              || !add_items (objects, array, "rows", error))
            return FALSE;
        }
      else if (json_object_has_member (o, "annotations")
               && !json_object_has_member (o, "target"))
        {
          /* The Hypothesis client's export. */
          if (!read_array (o, "", "annotations", REQUIRED, &array, error)
              || !add_items (objects, array, "annotations", error))
            return FALSE;
        }
      else if (has_type (o, "AnnotationCollection"))
        {
          if (!add_pages (objects, json_object_get_member (o, "first"), error))
            return FALSE;
        }
      else if (has_type (o, "AnnotationPage"))
        {
          if (!add_pages (objects, root, error))
            return FALSE;
        }
      else if (json_object_has_member (o, "target"))
        g_ptr_array_add (objects, o);
      else
        return invalid (error, _("The file is neither W3C Web Annotation JSON nor Hypothesis "
                                 "JSON: it has no annotations, rows or target"));
    }
  else
    return invalid (error, _("The file is neither W3C Web Annotation JSON nor Hypothesis JSON"));

  for (guint i = 0; i < objects->len; i++)
    if (!read_annotation (self, g_ptr_array_index (objects, i), i, error))
      return FALSE;
  return TRUE;
}

/**
 * fm_sheet_import_read:
 *
 * Reads a Factmark fact sheet, or W3C Web Annotation or Hypothesis JSON,
 * and checks all of it that can be checked without a library.
 *
 * Returns: (transfer full): what to add, or %NULL with an error
 */
FmSheetImport *
fm_sheet_import_read (const char  *data,
                      gsize        len,
                      GError     **error)
{
  g_autoptr(FmSheetImport) self = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonObject *o;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  root = parse_json (data, len, error);
  if (root == NULL)
    return NULL;

  self = sheet_import_new ();
  o = JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (o != NULL && json_object_has_member (o, "format"))
    {
      if (!read_sheet (self, o, error))
        return NULL;
    }
  else if (!read_annotations (self, root, error))
    return NULL;

  return g_steal_pointer (&self);
}

FmSheetImport *
fm_sheet_import_read_file (GFile         *file,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *data = NULL;
  gsize len;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  data = load_file (file, &len, cancellable, error);
  if (data == NULL)
    return NULL;
  return fm_sheet_import_read (data, len, error);
}

gboolean
fm_sheet_import_is_factsheet (FmSheetImport *self)
{
  g_return_val_if_fail (self != NULL, FALSE);
  return self->factsheet;
}

/* Anchoring the annotations of another tool */

/* How many code points before @at agree with the end of @prefix, and after
 * @at with the start of @suffix, up to twice the context Factmark keeps. */
static guint
agree_before (const char *text,
              const char *at,
              const char *prefix)
{
  const char *b;
  guint n = 0;

  if (prefix == NULL)
    return 0;
  b = prefix + strlen (prefix);
  while (at > text && b > prefix && n < 2 * FM_CONTEXT_LENGTH)
    {
      const char *pa = g_utf8_prev_char (at);
      const char *pb = g_utf8_prev_char (b);

      if (g_utf8_get_char (pa) != g_utf8_get_char (pb))
        break;
      at = pa;
      b = pb;
      n++;
    }
  return n;
}

static guint
agree_after (const char *at,
             const char *suffix)
{
  guint n = 0;

  if (suffix == NULL)
    return 0;
  while (*at != '\0' && *suffix != '\0' && n < 2 * FM_CONTEXT_LENGTH)
    {
      if (g_utf8_get_char (at) != g_utf8_get_char (suffix))
        break;
      at = g_utf8_next_char (at);
      suffix = g_utf8_next_char (suffix);
      n++;
    }
  return n;
}

/* Finds the occurrence of @entry's quote that agrees best with its prefix
 * and suffix and, among equals, lies nearest its position, and sets
 * @entry->found to its byte offset. One pass that keeps only the best so
 * far, so a quote found a million times costs no memory; nothing is
 * counted in code points here, since counting is slower than the search
 * itself: the places found are counted all at once afterwards. */
static gboolean
find_quote (const char *text,
            Entry      *entry)
{
  gsize len = strlen (entry->exact);
  const char *best = NULL;
  const char *p = text;
  gsize best_distance = G_MAXSIZE;
  guint best_score = 0;

  while ((p = strstr (p, entry->exact)) != NULL)
    {
      guint score = agree_before (text, p, entry->prefix) + agree_after (p + len, entry->suffix);
      gsize at = p - text;
      gsize distance = entry->hint < 0 ? 0
                       : at > (gsize) entry->hint ? at - entry->hint : entry->hint - at;

      if (best == NULL || score > best_score || (score == best_score && distance < best_distance))
        {
          best = p;
          best_score = score;
          best_distance = distance;
        }
      p = g_utf8_next_char (p);
    }

  if (best == NULL)
    return FALSE;
  entry->found = best - text;
  return TRUE;
}

static int
compare_found (gconstpointer a,
               gconstpointer b)
{
  gsize x = (*(Entry * const *) a)->found;
  gsize y = (*(Entry * const *) b)->found;

  return x < y ? -1 : x > y;
}

static void
place (FmAnnotation *a,
       const char   *text,
       gsize         s,
       gsize         e,
       glong         start,
       glong         end)
{
  g_autofree char *quote = g_strndup (text + s, e - s);
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;
  const char *p = text + s;
  const char *q = text + e;

  /* The context as fm_text_context() reads it, from byte offsets already
   * known rather than by counting from the start of the text again. */
  for (int n = 0; n < FM_CONTEXT_LENGTH && p > text; n++)
    p = g_utf8_prev_char (p);
  for (int n = 0; n < FM_CONTEXT_LENGTH && *q != '\0'; n++)
    q = g_utf8_next_char (q);
  prefix = g_strndup (p, text + s - p);
  suffix = g_strndup (text + e, q - (text + e));

  fm_annotation_set_span (a, start, end);
  fm_annotation_set_quote (a, quote, prefix, suffix);
  fm_annotation_set_state (a, FM_ANCHOR_UNCHANGED);
  fm_annotation_set_confirmed (a, TRUE);
}

static void
orphan (Entry *entry)
{
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;

  /* Keep as much context as an anchored annotation would have: the end of
   * the prefix and the start of the suffix. */
  if (entry->prefix != NULL)
    {
      glong n = g_utf8_strlen (entry->prefix, -1);

      prefix = g_utf8_substring (entry->prefix, MAX (n - FM_CONTEXT_LENGTH, 0), n);
    }
  if (entry->suffix != NULL)
    suffix = g_utf8_substring (entry->suffix, 0,
                               MIN (g_utf8_strlen (entry->suffix, -1), FM_CONTEXT_LENGTH));

  fm_annotation_set_quote (entry->annotation, entry->exact, prefix, suffix);
  fm_annotation_orphan (entry->annotation);
  /* Waits in the Orphans group for the user to attach it. */
  fm_annotation_set_confirmed (entry->annotation, FALSE);
}

static gboolean
matches (const char *text,
         gssize      s,
         gssize      e,
         const char *exact)
{
  if (s < 0 || e < 0)
    return FALSE;
  if (exact == NULL)
    return TRUE;
  return (gsize) (e - s) == strlen (exact) && memcmp (text + s, exact, e - s) == 0;
}

static gboolean
anchor_entries (FmSheetImport  *self,
                const char     *text,
                GError        **error)
{
  g_autoptr(GArray) offsets = g_array_new (FALSE, FALSE, sizeof (glong));
  g_autofree gssize *bytes = NULL;
  g_autofree gssize *bytes16 = NULL;
  g_autofree glong *cps16 = NULL;
  g_autoptr(GPtrArray) search = g_ptr_array_new ();
  g_autoptr(GPtrArray) found = g_ptr_array_new ();
  gsize text_len = strlen (text);
  gsize counted = 0;
  glong offset = 0;
  gboolean astral = FALSE;
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
  for (const char *p = text; *p != '\0' && !astral; p++)
    astral = (guchar) *p >= 0xF0;

  /* The W3C model counts a TextPositionSelector in code points. The
   * Hypothesis client counts UTF-16 code units of the page's textContent
   * (JavaScript string offsets), which differ after any character outside
   * the BMP, such as an emoji; a text that has such characters is tried
   * both ways, and the quote decides. */
  bytes = g_new (gssize, offsets->len + 1);
  locate_offsets (text, (glong *) offsets->data, offsets->len, FALSE, bytes, NULL);
  if (astral)
    {
      bytes16 = g_new (gssize, offsets->len + 1);
      cps16 = g_new (glong, offsets->len + 1);
      locate_offsets (text, (glong *) offsets->data, offsets->len, TRUE, bytes16, cps16);
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->has_span)
        {
          guint ks = k++;
          guint ke = k++;

          if (matches (text, bytes[ks], bytes[ke], entry->exact))
            {
              place (entry->annotation, text, bytes[ks], bytes[ke], entry->start, entry->end);
              continue;
            }
          /* Without a quote only code points are trusted: nothing would
           * tell which reading is right. */
          if (astral && entry->exact != NULL
              && matches (text, bytes16[ks], bytes16[ke], entry->exact))
            {
              place (entry->annotation, text, bytes16[ks], bytes16[ke], cps16[ks], cps16[ke]);
              continue;
            }
        }
      if (entry->exact != NULL)
        {
          /* The hint in bytes is only used to compare distances. */
          entry->hint = !entry->has_span ? -1
                        : bytes[k - 2] >= 0 ? bytes[k - 2] : (gssize) text_len;
          g_ptr_array_add (search, entry);
        }
      else
        entry->skipped = TRUE;  /* A position past the text and no quote. */
    }

  if ((guint64) search->len * text_len > SEARCH_BUDGET)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_TOO_LARGE,
                   _("%u quotes are not where their positions say; searching so long a text "
                     "for all of them would take too long"), search->len);
      return FALSE;
    }

  for (guint i = 0; i < search->len; i++)
    {
      Entry *entry = g_ptr_array_index (search, i);

      if (find_quote (text, entry))
        g_ptr_array_add (found, entry);
      else
        orphan (entry);
    }

  /* Count the code points to every place found in one pass. */
  g_ptr_array_sort (found, compare_found);
  for (guint i = 0; i < found->len; i++)
    {
      Entry *entry = g_ptr_array_index (found, i);
      gsize len = strlen (entry->exact);

      offset += g_utf8_pointer_to_offset (text + counted, text + entry->found);
      counted = entry->found;
      place (entry->annotation, text, entry->found, entry->found + len, offset,
             offset + g_utf8_strlen (entry->exact, len));
    }

  /* A source named by its own quote, as Factmark's export writes one the
   * user gave no name, keeps no name of its own. */
  for (guint i = 0; i < self->entries->len; i++)
    {
      FmAnnotation *a = ((Entry *) g_ptr_array_index (self->entries, i))->annotation;

      if (g_strcmp0 (fm_annotation_get_name (a), fm_annotation_get_quote (a)) == 0)
        fm_annotation_set_name (a, NULL);
      /* As after an update, the first quote is remembered only while it
       * differs from the quote. */
      if (g_strcmp0 (fm_annotation_get_original_quote (a), fm_annotation_get_quote (a)) == 0)
        fm_annotation_set_original_quote (a, NULL);
    }
  return TRUE;
}

/* Adding to the library */

/* Looks an annotation up by uuid; a missing one is no error. */
static gboolean
find_annotation (FmStore       *store,
                 const char    *uuid,
                 FmAnnotation **out,
                 GError       **error)
{
  g_autoptr(GError) local = NULL;

  *out = fm_store_lookup_annotation (store, uuid, &local);
  if (*out == NULL && !g_error_matches (local, FM_ERROR, FM_ERROR_NOT_FOUND))
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  return TRUE;
}

/* Gives each entry its uuid: its own when no annotation has it; none when
 * this article already has it (the entry is present and left alone); one
 * derived from the article's uuid and its own when another article has it,
 * so a second import of the same file derives the same and finds it. */
static gboolean
resolve_uuids (FmSheetImport  *self,
               FmStore        *store,
               FmArticle      *article,
               GError        **error)
{
  gint64 article_id = fm_article_get_id (article);

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);
      g_autoptr(FmAnnotation) existing = NULL;
      g_autofree char *derived = NULL;
      const char *uuid = entry->uuid;

      if (entry->skipped || uuid == NULL)
        continue;

      if (!find_annotation (store, uuid, &existing, error))
        return FALSE;
      if (existing != NULL && fm_annotation_get_article_id (existing) != article_id)
        {
          g_autofree char *name = g_strdup_printf ("import:%s:%s", fm_article_get_uuid (article),
                                                   uuid);

          g_clear_object (&existing);
          derived = name_uuid (name);
          uuid = derived;
          if (!find_annotation (store, uuid, &existing, error))
            return FALSE;
          if (existing != NULL && fm_annotation_get_article_id (existing) != article_id)
            {
              /* Taken twice over: a new uuid, like an annotation made by hand. */
              g_clear_object (&existing);
              uuid = NULL;
            }
        }

      if (existing != NULL)
        {
          entry->present = TRUE;
          entry->id = fm_annotation_get_id (existing);
          entry->present_kind = fm_annotation_get_kind (existing);
        }
      else
        fm_annotation_set_uuid (entry->annotation, uuid);
    }
  return TRUE;
}

/* Finds the source an entry is attributed to, by the key the file gives
 * it: an entry of the file, or a source already in the article. *id is 0
 * when the key names no source there. */
static gboolean
resolve_source (FmSheetImport  *self,
                FmStore        *store,
                gint64          article_id,
                const char     *key,
                gint64         *id,
                GError        **error)
{
  Entry *source = g_hash_table_lookup (self->keys, key);
  g_autoptr(FmAnnotation) existing = NULL;
  const char *uuid = key;

  *id = 0;
  if (source != NULL)
    {
      if (source->present && source->present_kind == FM_KIND_SOURCE)
        *id = source->id;
      else if (!source->present && !source->skipped
               && fm_annotation_get_kind (source->annotation) == FM_KIND_SOURCE)
        *id = source->id;
      return TRUE;
    }

  if (g_str_has_prefix (key, "urn:uuid:"))
    uuid = key + 9;
  if (!is_uuid (uuid))
    return TRUE;
  if (!find_annotation (store, uuid, &existing, error))
    return FALSE;
  if (existing != NULL && fm_annotation_get_article_id (existing) == article_id
      && fm_annotation_get_kind (existing) == FM_KIND_SOURCE)
    *id = fm_annotation_get_id (existing);
  return TRUE;
}

static void
undo (FmStore   *store,
      FmArticle *created,
      GArray    *added)
{
  /* Best effort: the library failed already, and the first error is the
   * one to report. */
  if (created != NULL)
    {
      fm_store_delete_article (store, fm_article_get_id (created), NULL);
      return;
    }
  for (guint i = added->len; i > 0; i--)
    fm_store_delete_annotation (store, g_array_index (added, gint64, i - 1), NULL);
}

static gboolean
insert_entries (FmSheetImport        *self,
                FmStore              *store,
                FmArticle            *article,
                FmSheetImportCounts  *counts,
                GArray               *added,
                GError              **error)
{
  gint64 article_id = fm_article_get_id (article);

  /* Attributions made by linking annotations, on the claims and figures
   * this import adds; one already in the library is left as it is. */
  for (guint i = 0; i < self->links->len; i++)
    {
      Link *link = g_ptr_array_index (self->links, i);
      Entry *claim = g_hash_table_lookup (self->keys, link->claim);

      if (claim != NULL && !claim->present && !claim->skipped)
        g_ptr_array_add (claim->source_keys, g_strdup (link->source));
    }

  /* Sources first, so the claims and figures attributed to them can name
   * their ids; within a kind, in the file's order. Each pass is one store
   * transaction: all of its annotations or none. */
  for (int pass = 0; pass < 2; pass++)
    {
      g_autoptr(GPtrArray) batch = g_ptr_array_new ();
      g_autoptr(GPtrArray) batch_entries = g_ptr_array_new ();

      for (guint i = 0; i < self->entries->len; i++)
        {
          Entry *entry = g_ptr_array_index (self->entries, i);
          FmAnnotation *a = entry->annotation;
          gboolean is_source = fm_annotation_get_kind (a) == FM_KIND_SOURCE;

          if (entry->skipped || entry->present || is_source != (pass == 0))
            continue;

          fm_annotation_set_article_id (a, article_id);
          for (guint j = 0; j < entry->source_keys->len && !is_source; j++)
            {
              gint64 id;

              if (!resolve_source (self, store, article_id,
                                   g_ptr_array_index (entry->source_keys, j), &id, error))
                return FALSE;
              if (id == 0)
                counts->unlinked++;
              else if (!fm_annotation_has_source (a, id))
                {
                  fm_annotation_add_source (a, id);
                  counts->links++;
                }
            }
          g_ptr_array_add (batch, a);
          g_ptr_array_add (batch_entries, entry);
        }

      if (!fm_store_add_annotations (store, batch, error))
        return FALSE;

      for (guint i = 0; i < batch_entries->len; i++)
        {
          Entry *entry = g_ptr_array_index (batch_entries, i);
          FmAnnotation *a = entry->annotation;

          entry->id = fm_annotation_get_id (a);
          g_array_append_val (added, entry->id);
          counts->added++;
          if (fm_annotation_is_orphan (a))
            counts->orphaned++;
          else
            counts->anchored++;
        }
    }
  return TRUE;
}

static gboolean
add_entries (FmSheetImport        *self,
             FmStore              *store,
             FmArticle            *article,
             FmArticle            *created,
             FmSheetImportCounts  *counts,
             GError              **error)
{
  g_autoptr(GArray) added = g_array_new (FALSE, FALSE, sizeof (gint64));
  FmSheetImportCounts local = { 0 };

  if (!resolve_uuids (self, store, article, error)
      || !insert_entries (self, store, article, &local, added, error))
    {
      undo (store, created, added);
      return FALSE;
    }

  for (guint i = 0; i < self->entries->len; i++)
    {
      Entry *entry = g_ptr_array_index (self->entries, i);

      if (entry->skipped)
        local.skipped++;
      else if (entry->present)
        local.present++;
    }
  local.skipped += self->skipped;
  if (counts != NULL)
    *counts = local;
  return TRUE;
}

static FmArticle *
find_article_by_digest (FmStore     *store,
                        const char  *sha256,
                        GError     **error)
{
  g_autoptr(GPtrArray) articles = fm_store_list_articles (store, error);

  if (articles == NULL)
    return NULL;
  for (guint i = 0; i < articles->len; i++)
    {
      FmArticle *article = g_ptr_array_index (articles, i);

      if (g_strcmp0 (fm_article_get_sha256 (article), sha256) == 0)
        return fm_store_get_article (store, fm_article_get_id (article), error);
    }
  return NULL;
}

/**
 * fm_sheet_import_add_article:
 * @self: a fact sheet read by fm_sheet_import_read()
 * @counts: (out) (optional): what was added
 *
 * Adds the sheet's article with its annotations, attributions and
 * evidence, keeping their uuids and times. When the library already has
 * the article's text, that article is used and only the annotations it
 * does not have yet are added. A sheet without the text can only add to
 * an article already in the library. Should the library fail halfway,
 * what was added is removed again.
 *
 * Returns: (transfer full): the article, with its text
 */
FmArticle *
fm_sheet_import_add_article (FmSheetImport        *self,
                             FmStore              *store,
                             FmSheetImportCounts  *counts,
                             GError              **error)
{
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GError) local = NULL;
  FmArticle *created = NULL;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (!self->used, NULL);
  g_return_val_if_fail (FM_IS_STORE (store), NULL);

  if (!self->factsheet)
    {
      invalid (error, _("This file holds annotations, not a Factmark fact sheet; import them "
                        "into an article"));
      return NULL;
    }
  self->used = TRUE;

  article = find_article_by_digest (store, self->sha256, &local);
  if (local != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }

  if (article != NULL)
    {
      /* Check a sheet without its text against the text it was made on. */
      if (fm_article_get_text (self->article) == NULL
          && !check_sheet_spans (self, fm_article_get_text (article), error))
        return NULL;
    }
  else
    {
      g_autoptr(FmArticle) other = NULL;
      g_autoptr(FmArticle) copy = NULL;
      gboolean existed = FALSE;

      if (fm_article_get_text (self->article) == NULL)
        {
          g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND,
                       _("The fact sheet does not include the article's text, and no article "
                         "in the library has the text it was made on"));
          return NULL;
        }

      /* The uuid may be taken by an earlier revision of the same article,
       * whose text has since changed. */
      copy = fm_article_copy (self->article);
      other = fm_store_lookup_article (store, fm_article_get_uuid (copy), &local);
      if (other == NULL && !g_error_matches (local, FM_ERROR, FM_ERROR_NOT_FOUND))
        {
          g_propagate_error (error, g_steal_pointer (&local));
          return NULL;
        }
      if (other != NULL)
        fm_article_set_uuid (copy, NULL);

      article = fm_store_add_article (store, copy, &existed, error);
      if (article == NULL)
        return NULL;
      if (!existed)
        created = article;
    }

  if (!add_entries (self, store, article, created, counts, error))
    return NULL;
  return g_steal_pointer (&article);
}

/**
 * fm_sheet_import_add_annotations:
 * @self: W3C or Hypothesis annotations read by fm_sheet_import_read()
 * @counts: (out) (optional): what was added
 *
 * Anchors each annotation in the article's text and adds it: at its
 * TextPositionSelector when the text there is its quote, else at the
 * exact occurrence of its TextQuoteSelector that agrees best with its
 * prefix and suffix (then lies nearest its position), else as an orphan
 * that keeps its quote and context. Linking annotations attribute the
 * claims and figures added to sources of the file or of the article.
 * An annotation whose uuid (its urn:uuid id, or one derived from another
 * id) the article already has is left out as present; one that quotes
 * nothing (a page note, a reply) is left out as skipped.
 */
gboolean
fm_sheet_import_add_annotations (FmSheetImport        *self,
                                 FmStore              *store,
                                 gint64                article_id,
                                 FmSheetImportCounts  *counts,
                                 GError              **error)
{
  g_autoptr(FmArticle) article = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (!self->used, FALSE);
  g_return_val_if_fail (FM_IS_STORE (store), FALSE);

  if (self->factsheet)
    return invalid (error, _("This file is a Factmark fact sheet; import it as an article "
                             "rather than as annotations"));

  article = fm_store_get_article (store, article_id, error);
  if (article == NULL)
    return FALSE;
  self->used = TRUE;

  if (!anchor_entries (self, fm_article_get_text (article), error))
    return FALSE;

  return add_entries (self, store, article, NULL, counts, error);
}

/**
 * fm_sheet_import_factsheet_file:
 *
 * Reads a fact sheet and adds its article: fm_sheet_import_read_file()
 * then fm_sheet_import_add_article().
 */
FmArticle *
fm_sheet_import_factsheet_file (FmStore              *store,
                                GFile                *file,
                                FmSheetImportCounts  *counts,
                                GCancellable         *cancellable,
                                GError              **error)
{
  g_autoptr(FmSheetImport) self = NULL;

  g_return_val_if_fail (FM_IS_STORE (store), NULL);
  g_return_val_if_fail (G_IS_FILE (file), NULL);

  self = fm_sheet_import_read_file (file, cancellable, error);
  if (self == NULL)
    return NULL;
  return fm_sheet_import_add_article (self, store, counts, error);
}

/**
 * fm_sheet_import_annotations_file:
 *
 * Reads W3C or Hypothesis annotations and adds them to an article:
 * fm_sheet_import_read_file() then fm_sheet_import_add_annotations().
 */
gboolean
fm_sheet_import_annotations_file (FmStore              *store,
                                  gint64                article_id,
                                  GFile                *file,
                                  FmSheetImportCounts  *counts,
                                  GCancellable         *cancellable,
                                  GError              **error)
{
  g_autoptr(FmSheetImport) self = NULL;

  g_return_val_if_fail (FM_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  self = fm_sheet_import_read_file (file, cancellable, error);
  if (self == NULL)
    return FALSE;
  return fm_sheet_import_add_annotations (self, store, article_id, counts, error);
}
