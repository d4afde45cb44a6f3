/* fm-import-annotations.c
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
#include <string.h>

#include "fm-annotation.h"
#include "fm-factsheet.h"
#include "fm-uuid.h"

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

/* The namespace for the name-based (version 5) uuids an import gives to
 * annotations whose own id is not a uuid, or whose uuid another article
 * already uses: the same file gives the same uuids each time, so importing
 * it again finds them present instead of adding them twice. */
static const guint8 import_namespace[16] = {
  0x6b, 0x0e, 0x43, 0x9d, 0x1c, 0x72, 0x4f, 0x55,
  0x9a, 0x3b, 0xd0, 0x27, 0x88, 0xe1, 0x5c, 0x04,
};

void
fm_sheet_entry_free (Entry *entry)
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

Entry *
fm_sheet_entry_new (FmKind      kind,
                    const char *path)
{
  Entry *entry = g_new0 (Entry, 1);

  entry->annotation = fm_annotation_new (kind);
  entry->source_keys = g_ptr_array_new_with_free_func (g_free);
  entry->path = g_strdup (path);
  return entry;
}

static void
link_free (Link *link)
{
  g_free (link->claim);
  g_free (link->source);
  g_free (link);
}

static void
sheet_revision_free (SheetRevision *revision)
{
  g_free (revision->origin);
  g_free (revision->text);
  g_free (revision);
}

static FmSheetImport *
sheet_import_new (void)
{
  FmSheetImport *self = g_new0 (FmSheetImport, 1);

  self->revision = 1;
  self->revisions = g_ptr_array_new_with_free_func ((GDestroyNotify) sheet_revision_free);

  self->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_sheet_entry_free);
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
  g_clear_pointer (&self->revisions, g_ptr_array_unref);
  g_free (self);
}

gboolean
fm_sheet_invalid (GError     **error,
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

gboolean
fm_sheet_is_uuid (const char *str)
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

char *
fm_sheet_name_uuid (const char *name)
{
  return fm_uuid_v5 (import_namespace, name);
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
            return fm_sheet_invalid (error, _("The JSON nests deeper than %d levels"),
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
      fm_sheet_invalid (error, _("The file contains NUL bytes, so it is not JSON"));
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

      fm_sheet_invalid (error, _("The file is not valid JSON: %s"), message);
      return NULL;
    }
  root = json_parser_get_root (parser);
  if (root == NULL)
    {
      fm_sheet_invalid (error, _("The file is empty"));
      return NULL;
    }
  if (!strings_are_utf8 (root))
    {
      fm_sheet_invalid (error, _("The file has a string that is not valid UTF-8 (an unpaired "
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
      if (!fm_sheet_read_sheet (self, o, error))
        return NULL;
    }
  else if (!fm_sheet_read_annotations (self, root, error))
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

/**
 * fm_sheet_positions_describe:
 * @positions: how an annotations file's positions were read
 *
 * Says, for the summary of an import, how the file's TextPositionSelectors
 * were counted, so that a user whose annotations land in the wrong place
 * can tell why.
 *
 * Returns: a translated sentence, or %NULL when the file gave no positions
 */
const char *
fm_sheet_positions_describe (FmSheetPositions positions)
{
  gboolean code_points = (positions & FM_SHEET_POSITIONS_CODE_POINTS) != 0;
  gboolean utf16 = (positions & FM_SHEET_POSITIONS_UTF16) != 0;

  if (code_points && utf16)
    return _("Positions were read as code points for W3C annotations and as UTF-16 code "
             "units for Hypothesis ones, as each counts them");
  if (utf16)
    return _("Positions were read as UTF-16 code units, as Hypothesis counts them");
  if (code_points)
    return _("Positions were read as code points, as the W3C Web Annotation model "
             "counts them");
  return NULL;
}
