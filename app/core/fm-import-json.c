/* fm-import-json.c
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

/* Reading JSON values, with a message that names the member */

char *
fm_sheet_path_join (const char *prefix,
                    const char *name)
{
  return *prefix != '\0' ? g_strdup_printf ("%s.%s", prefix, name) : g_strdup (name);
}

gboolean
fm_sheet_node_is (JsonNode *node,
                  GType     type)
{
  return node != NULL && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == type;
}

gboolean
fm_sheet_lookup (JsonObject  *object,
                 const char  *prefix,
                 const char  *name,
                 guint        flags,
                 JsonNode   **node,
                 GError     **error)
{
  *node = json_object_get_member (object, name);
  if (*node == NULL && (flags & REQUIRED))
    {
      g_autofree char *path = fm_sheet_path_join (prefix, name);

      return fm_sheet_invalid (error, _("%s is missing"), path);
    }
  if (*node != NULL && JSON_NODE_HOLDS_NULL (*node) && (flags & NULLABLE))
    *node = NULL;
  return TRUE;
}

gboolean
fm_sheet_read_string (JsonObject  *object,
                      const char  *prefix,
                      const char  *name,
                      guint        flags,
                      const char **out,
                      GError     **error)
{
  JsonNode *node;

  *out = NULL;
  if (!fm_sheet_lookup (object, prefix, name, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!fm_sheet_node_is (node, G_TYPE_STRING))
    {
      g_autofree char *path = fm_sheet_path_join (prefix, name);

      if (flags & NULLABLE)
        return fm_sheet_invalid (error, _("%s must be a string or null"), path);
      return fm_sheet_invalid (error, _("%s must be a string"), path);
    }
  *out = json_node_get_string (node);
  return TRUE;
}

gboolean
fm_sheet_read_boolean (JsonObject  *object,
                       const char  *prefix,
                       const char  *name,
                       guint        flags,
                       gboolean    *found,
                       gboolean    *out,
                       GError     **error)
{
  JsonNode *node;

  *found = FALSE;
  if (!fm_sheet_lookup (object, prefix, name, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!fm_sheet_node_is (node, G_TYPE_BOOLEAN))
    {
      g_autofree char *path = fm_sheet_path_join (prefix, name);

      return fm_sheet_invalid (error, _("%s must be true or false"), path);
    }
  *found = TRUE;
  *out = json_node_get_boolean (node);
  return TRUE;
}

gboolean
fm_sheet_read_integer (JsonObject  *object,
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
  if (!fm_sheet_lookup (object, prefix, name, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;

  path = fm_sheet_path_join (prefix, name);
  if (!fm_sheet_node_is (node, G_TYPE_INT64))
    {
      if (flags & NULLABLE)
        return fm_sheet_invalid (error, _("%s must be an integer or null"), path);
      return fm_sheet_invalid (error, _("%s must be an integer"), path);
    }
  value = json_node_get_int (node);
  if (value < min)
    return fm_sheet_invalid (error, _("%s must be at least %lld"), path, (long long) min);
  if (value > max)
    return fm_sheet_invalid (error, _("%s must be at most %lld"), path, (long long) max);
  *found = TRUE;
  *out = value;
  return TRUE;
}

gboolean
fm_sheet_read_object (JsonObject  *object,
                      const char  *prefix,
                      const char  *name,
                      guint        flags,
                      JsonObject **out,
                      GError     **error)
{
  JsonNode *node;

  *out = NULL;
  if (!fm_sheet_lookup (object, prefix, name, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_OBJECT (node))
    {
      g_autofree char *path = fm_sheet_path_join (prefix, name);

      return fm_sheet_invalid (error, _("%s must be an object"), path);
    }
  *out = json_node_get_object (node);
  return TRUE;
}

gboolean
fm_sheet_read_array (JsonObject  *object,
                     const char  *prefix,
                     const char  *name,
                     guint        flags,
                     JsonArray  **out,
                     GError     **error)
{
  JsonNode *node;

  *out = NULL;
  if (!fm_sheet_lookup (object, prefix, name, flags, &node, error))
    return FALSE;
  if (node == NULL)
    return TRUE;
  if (!JSON_NODE_HOLDS_ARRAY (node))
    {
      g_autofree char *path = fm_sheet_path_join (prefix, name);

      return fm_sheet_invalid (error, _("%s must be an array"), path);
    }
  *out = json_node_get_array (node);
  return TRUE;
}

gboolean
fm_sheet_read_time (JsonObject  *object,
                    const char  *prefix,
                    const char  *name,
                    guint        flags,
                    gint64      *usec,
                    GError     **error)
{
  g_autoptr(GDateTime) dt = NULL;
  const char *str;

  *usec = 0;
  if (!fm_sheet_read_string (object, prefix, name, flags, &str, error))
    return FALSE;
  if (str == NULL)
    return TRUE;

  /* Without a time zone in the string there is no default to assume. */
  dt = g_date_time_new_from_iso8601 (str, NULL);
  if (dt == NULL)
    {
      g_autofree char *path = fm_sheet_path_join (prefix, name);

      return fm_sheet_invalid (error, _("%s is not an ISO 8601 time with a time zone: “%s”"), path, str);
    }
  *usec = g_date_time_to_unix (dt) * G_USEC_PER_SEC + g_date_time_get_microsecond (dt);
  return TRUE;
}

gboolean
fm_sheet_check_members (JsonObject         *object,
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
        return fm_sheet_invalid (error, _("The fact sheet has an unknown member “%s”"), name);
      return fm_sheet_invalid (error, _("%s has an unknown member “%s”"), prefix, name);
    }
  return TRUE;
}
