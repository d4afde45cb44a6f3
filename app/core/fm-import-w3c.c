/* fm-import-w3c.c
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

#include "fm-annotation.h"

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

  if (fm_sheet_node_is (node, G_TYPE_STRING))
    return strcmp (json_node_get_string (node), type) == 0;
  if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);

          if (fm_sheet_node_is (item, G_TYPE_STRING) && strcmp (json_node_get_string (item), type) == 0)
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
  if (fm_sheet_node_is (node, G_TYPE_STRING))
    {
      g_ptr_array_add (out, (gpointer) json_node_get_string (node));
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      guint n = json_array_get_length (array);
      guint i;

      for (i = 0; i < n && fm_sheet_node_is (json_array_get_element (array, i), G_TYPE_STRING); i++)
        g_ptr_array_add (out, (gpointer) json_array_get_string_element (array, i));
      if (i == n)
        return TRUE;
    }
  {
    g_autofree char *path = fm_sheet_path_join (prefix, name);

    return fm_sheet_invalid (error, _("%s must be a string or an array of strings"), path);
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
  if (g_str_has_prefix (key, "urn:uuid:") && fm_sheet_is_uuid (key + 9))
    return g_strdup (key + 9);
  {
    g_autofree char *name = g_strconcat ("id:", key, NULL);

    return fm_sheet_name_uuid (name);
  }
}

/* What another annotation or resource a link, target or body points to: a
 * string, or an object's id (or, for a SpecificResource, its source). */
static const char *
node_ref (JsonNode *node)
{
  JsonObject *object;
  JsonNode *member;

  if (fm_sheet_node_is (node, G_TYPE_STRING))
    return json_node_get_string (node);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  member = json_object_get_member (object, "id");
  if (fm_sheet_node_is (member, G_TYPE_STRING))
    return json_node_get_string (member);
  member = json_object_get_member (object, "source");
  if (fm_sheet_node_is (member, G_TYPE_STRING))
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
        return fm_sheet_invalid (error, _("%s must be an object or an array of objects"), sel_path);
      selector = json_node_get_object (node);

      if (has_type (selector, "TextQuoteSelector") && !have_quote)
        {
          const char *exact, *prefix, *suffix;

          if (!fm_sheet_read_string (selector, sel_path, "exact", REQUIRED, &exact, error)
              || !fm_sheet_read_string (selector, sel_path, "prefix", NULLABLE, &prefix, error)
              || !fm_sheet_read_string (selector, sel_path, "suffix", NULLABLE, &suffix, error))
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

          if (!fm_sheet_read_integer (selector, sel_path, "start", REQUIRED, G_MININT64, G_MAXINT64,
                                      &has_start, &start, error)
              || !fm_sheet_read_integer (selector, sel_path, "end", REQUIRED, G_MININT64, G_MAXINT64,
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
      if (fm_sheet_node_is (node, G_TYPE_STRING))
        {
          body.url = json_node_get_string (node);
          g_array_append_val (bodies, body);
          continue;
        }
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fm_sheet_invalid (error, _("%s must be an object, a string or an array of them"),
                                 body_path);
      object = json_node_get_object (node);
      if (!read_strings (object, body_path, "purpose", purposes, error)
          || !fm_sheet_read_string (object, body_path, "value", NULLABLE, &body.value, error)
          || !fm_sheet_read_string (object, body_path, "label", NULLABLE, &body.label, error)
          || !fm_sheet_read_string (object, body_path, "factmark:anchorState", NULLABLE, &state, error)
          || !fm_sheet_read_string (object, body_path, "factmark:originalQuote", NULLABLE,
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

  if (!fm_sheet_read_string (o, path, "bodyValue", NULLABLE, &body_value, error))
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

/* The kind first, since what the other bodies mean depends on it: a
 * classifying body, else a tagging one, else the first tag that names a
 * kind; a claim when none does. */
static FmKind
find_kind (GArray    *bodies,
           GPtrArray *tags)
{
  FmKind kind = FM_KIND_CLAIM;
  gboolean have_kind = FALSE;

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
  return kind;
}

/* Writes what the bodies said in words, and the tags that name no kind,
 * into the note. */
static void
set_note (FmAnnotation *a,
          GPtrArray    *notes,
          GPtrArray    *other_tags,
          GPtrArray    *tags)
{
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
  gboolean have_verdict = FALSE;
  gboolean have_name = FALSE;
  gboolean have_type = FALSE;
  gboolean have_value = FALSE;
  FmKind kind = find_kind (bodies, tags);

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

  set_note (a, notes, other_tags, tags);
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
  g_autoptr(Entry) entry = fm_sheet_entry_new (FM_KIND_CLAIM, path);
  const char *id, *text, *target_ref = NULL;
  gboolean found = FALSE;
  gint64 created, modified;

  if (!fm_sheet_read_string (o, path, "id", NULLABLE, &id, error)
      || !read_strings (o, path, "motivation", motivations, error))
    return FALSE;

  /* Hypothesis' own shape (its API's annotations have a user and a uri, and
   * no JSON-LD context) tells its positions apart from W3C ones, also in a
   * file that is a bare array of them. */
  entry->utf16 = self->hypothesis
                 || (json_object_has_member (o, "user") && json_object_has_member (o, "uri")
                     && !json_object_has_member (o, "@context"));

  collect_nodes (json_object_get_member (o, "target"), targets);
  for (guint i = 0; i < targets->len; i++)
    {
      JsonNode *node = g_ptr_array_index (targets, i);
      g_autofree char *target_path = g_strdup_printf ("%s.target", path);

      if (target_ref == NULL)
        target_ref = node_ref (node);
      if (fm_sheet_node_is (node, G_TYPE_STRING))
        continue;
      if (!JSON_NODE_HOLDS_OBJECT (node))
        return fm_sheet_invalid (error, _("%s must be an object, a string or an array of them"),
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
      || !fm_sheet_read_string (o, path, "text", NULLABLE, &text, error)
      || !read_strings (o, path, "tags", tags, error)
      || !fm_sheet_read_time (o, path, "created", NULLABLE, &created, error))
    return FALSE;
  if (json_object_has_member (o, "modified"))
    {
      if (!fm_sheet_read_time (o, path, "modified", NULLABLE, &modified, error))
        return FALSE;
    }
  else if (!fm_sheet_read_time (o, path, "updated", NULLABLE, &modified, error))
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
  if (!fm_sheet_add_entry (self, entry, error))
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
        return fm_sheet_invalid (error, _("Item %u of %s is not an object"), i + 1, what);
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
        return fm_sheet_invalid (error, _("The collection's pages are not in the file, only links to "
                                          "them"));
      object = json_node_get_object (page);
      if (!fm_sheet_read_array (object, "first", "items", NULLABLE, &items, error))
        return FALSE;
      if (items != NULL && !add_items (objects, items, "items", error))
        return FALSE;
      page = json_object_get_member (object, "next");
    }
  return TRUE;
}

gboolean
fm_sheet_read_annotations (FmSheetImport  *self,
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
          self->hypothesis = TRUE;
          if (!fm_sheet_read_array (o, "", "rows", REQUIRED, &array, error)
              || !add_items (objects, array, "rows", error))
            return FALSE;
        }
      else if (json_object_has_member (o, "annotations")
               && !json_object_has_member (o, "target"))
        {
          /* The Hypothesis client's export. */
          self->hypothesis = TRUE;
          if (!fm_sheet_read_array (o, "", "annotations", REQUIRED, &array, error)
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
        return fm_sheet_invalid (error, _("The file is neither W3C Web Annotation JSON nor Hypothesis "
                                          "JSON: it has no annotations, rows or target"));
    }
  else
    return fm_sheet_invalid (error, _("The file is neither W3C Web Annotation JSON nor Hypothesis JSON"));

  for (guint i = 0; i < objects->len; i++)
    if (!read_annotation (self, g_ptr_array_index (objects, i), i, error))
      return FALSE;
  return TRUE;
}
