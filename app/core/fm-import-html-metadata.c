/* fm-import-html-metadata.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-import-html"

#include "config.h"

#include "fm-import-html-private.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* What a page says about itself: meta tags, JSON-LD and the document
 * title, cleaned of the site name. */

/* Metadata. */

void
fm_html_page_meta_clear (PageMeta *pm)
{
  g_clear_pointer (&pm->meta, g_hash_table_unref);
  g_clear_pointer (&pm->from_property, g_hash_table_unref);
  g_clear_pointer (&pm->ld_title, g_free);
  g_clear_pointer (&pm->ld_name, g_free);
  g_clear_pointer (&pm->ld_author, g_free);
  g_clear_pointer (&pm->ld_published, g_free);
  g_clear_pointer (&pm->ld_publisher, g_free);
  g_clear_pointer (&pm->ld_url, g_free);
}

/* "DC.Title", "dc:title" and " og:title " all read as "dc:title" and so on. */
static char *
normalize_meta_key (const char *key)
{
  GString *out = g_string_new (NULL);

  for (const char *p = key; *p; p++)
    {
      if (g_ascii_isspace (*p))
        continue;
      g_string_append_c (out, *p == '.' ? ':' : g_ascii_tolower (*p));
    }
  return g_string_free (out, FALSE);
}

/* The first value of a key wins, except that a property attribute (RDFa,
 * Open Graph) outranks a name attribute saying the same thing. */
static void
add_meta (PageMeta   *pm,
          const char *key,
          const char *content,
          gboolean    property)
{
  g_autofree char *k = normalize_meta_key (key);
  g_autofree char *v = fm_html_collapse (content);

  if (*k == '\0' || *v == '\0')
    return;
  /* Facebook's namespaced form og:article:author is article:author. */
  if (g_str_has_prefix (k, "og:article:"))
    {
      char *bare = g_strdup (k + 3);

      g_free (k);
      k = bare;
    }
  if (g_hash_table_contains (pm->meta, k)
      && (!property || g_hash_table_contains (pm->from_property, k)))
    return;
  if (property)
    g_hash_table_add (pm->from_property, g_strdup (k));
  g_hash_table_insert (pm->meta, g_steal_pointer (&k), g_steal_pointer (&v));
}

const char *
fm_html_meta_get (PageMeta   *pm,
                  const char *key)
{
  return g_hash_table_lookup (pm->meta, key);
}

static const char *
json_string_member (JsonObject *obj,
                    const char *name)
{
  JsonNode *node = json_object_get_member (obj, name);

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static char *
json_person_names (JsonNode *node)
{
  if (node == NULL)
    return NULL;
  if (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING)
    return fm_html_collapse (json_node_get_string (node));
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      const char *name = json_string_member (json_node_get_object (node), "name");

      return name ? fm_html_collapse (name) : NULL;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonNode *item = json_array_get_element (array, i);
          g_autofree char *name = NULL;

          if (JSON_NODE_HOLDS_ARRAY (item))
            continue;
          name = json_person_names (item);
          if (name == NULL || *name == '\0')
            continue;
          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, name);
        }
      return names->len > 0 ? g_strdup (names->str) : NULL;
    }
  return NULL;
}

static gboolean
is_article_type (JsonNode *type)
{
  if (type == NULL)
    return FALSE;
  if (JSON_NODE_HOLDS_ARRAY (type))
    {
      JsonArray *array = json_node_get_array (type);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (is_article_type (json_array_get_element (array, i)))
          return TRUE;
      return FALSE;
    }
  if (JSON_NODE_HOLDS_VALUE (type) && json_node_get_value_type (type) == G_TYPE_STRING)
    {
      const char *t = json_node_get_string (type);

      /* NewsArticle, BlogPosting, ReportageNewsArticle and the rest of
       * schema.org's kinds of written article. */
      return strstr (t, "Article") != NULL || strstr (t, "Posting") != NULL
             || strcmp (t, "Report") == 0 || strcmp (t, "APIReference") == 0;
    }
  return FALSE;
}

static JsonObject *
find_ld_article (JsonNode *node,
                 guint     depth)
{
  if (node == NULL || depth > 4)
    return NULL;
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          JsonObject *found = find_ld_article (json_array_get_element (array, i), depth + 1);

          if (found != NULL)
            return found;
        }
      return NULL;
    }
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObject *obj = json_node_get_object (node);

      if (is_article_type (json_object_get_member (obj, "@type")))
        return obj;
      return find_ld_article (json_object_get_member (obj, "@graph"), depth + 1);
    }
  return NULL;
}

/* json-glib's parser recurses once for each level of nesting and has no
 * limit of its own, so a page whose JSON-LD opens a hundred thousand arrays
 * overflowed the stack (found by tests/fuzz/fuzz-html). Real JSON-LD nests
 * a handful of levels, and find_ld_article() looks no deeper than four. */
#define MAX_JSON_LD_DEPTH 64

/* Whether no array or object in @json nests deeper than @max_depth. Quotes
 * are followed so that brackets inside strings do not count; anything the
 * parser would not take as a string is counted, which can only make the
 * check stricter than the parser. */
static gboolean
json_depth_within (const char *json,
                   guint       max_depth)
{
  gboolean in_string = FALSE;
  guint depth = 0;

  g_assert (json != NULL);

  for (const char *p = json; *p != '\0'; p++)
    {
      if (in_string)
        {
          if (*p == '\\' && p[1] != '\0')
            p++;
          else if (*p == '"')
            in_string = FALSE;
        }
      else if (*p == '"')
        in_string = TRUE;
      else if (*p == '[' || *p == '{')
        {
          if (++depth > max_depth)
            return FALSE;
        }
      else if ((*p == ']' || *p == '}') && depth > 0)
        depth--;
    }
  return TRUE;
}

static void
read_json_ld (PageMeta   *pm,
              const char *json)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *clean = g_strstrip (g_strdup (json));
  JsonObject *obj;
  JsonNode *publisher;

  if (pm->ld_title != NULL || pm->ld_name != NULL || pm->ld_author != NULL)
    return;

  /* Some pages wrap the data in a CDATA section for old XHTML parsers. */
  if (g_str_has_prefix (clean, "<![CDATA[") && g_str_has_suffix (clean, "]]>"))
    {
      clean[strlen (clean) - 3] = '\0';
      memmove (clean, clean + 9, strlen (clean + 9) + 1);
    }

  if (!json_depth_within (clean, MAX_JSON_LD_DEPTH)
      || !json_parser_load_from_data (parser, clean, -1, NULL))
    return;
  obj = find_ld_article (json_parser_get_root (parser), 0);
  if (obj == NULL)
    return;

  if (json_string_member (obj, "headline"))
    pm->ld_title = fm_html_collapse (json_string_member (obj, "headline"));
  if (json_string_member (obj, "name"))
    pm->ld_name = fm_html_collapse (json_string_member (obj, "name"));
  pm->ld_author = json_person_names (json_object_get_member (obj, "author"));
  if (json_string_member (obj, "datePublished"))
    pm->ld_published = fm_html_collapse (json_string_member (obj, "datePublished"));
  if (json_string_member (obj, "url"))
    pm->ld_url = fm_html_collapse (json_string_member (obj, "url"));
  publisher = json_object_get_member (obj, "publisher");
  if (publisher != NULL && JSON_NODE_HOLDS_OBJECT (publisher))
    {
      const char *name = json_string_member (json_node_get_object (publisher), "name");

      if (name != NULL)
        pm->ld_publisher = fm_html_collapse (name);
    }
}

void
fm_html_read_page_meta (PageMeta  *pm,
                        xmlNode   *root,
                        char     **doc_title,
                        char     **canonical,
                        char     **published_tag)
{
  for (xmlNode *n = root; n != NULL; n = fm_html_walk_next (n, root, TRUE))
    {
      if (!fm_html_is_element (n))
        continue;
      if (fm_html_has_tag (n, "meta"))
        {
          const char *content = fm_html_attr (n, "content");
          const char *property = fm_html_attr (n, "property");
          const char *name = fm_html_attr (n, "name");

          if (content == NULL)
            continue;
          if (property != NULL)
            {
              /* One property attribute may name several properties. */
              g_auto(GStrv) parts = g_strsplit_set (property, " \t\n", -1);

              for (guint i = 0; parts[i] != NULL; i++)
                if (*parts[i] != '\0')
                  add_meta (pm, parts[i], content, TRUE);
            }
          if (name != NULL)
            add_meta (pm, name, content, FALSE);
          if (fm_html_attr (n, "itemprop") != NULL)
            add_meta (pm, fm_html_attr (n, "itemprop"), content, FALSE);
        }
      else if (fm_html_has_tag (n, "title") && *doc_title == NULL)
        {
          *doc_title = fm_html_inner_text (n);
        }
      else if (fm_html_has_tag (n, "link") && *canonical == NULL)
        {
          const char *rel = fm_html_attr (n, "rel");
          const char *href = fm_html_attr (n, "href");

          if (rel != NULL && href != NULL && g_ascii_strcasecmp (rel, "canonical") == 0)
            *canonical = fm_html_collapse (href);
        }
      else if (fm_html_has_tag (n, "script"))
        {
          const char *type = fm_html_attr (n, "type");

          if (type != NULL && g_ascii_strcasecmp (type, "application/ld+json") == 0)
            {
              g_autofree char *json = NULL;
              GString *s = g_string_new (NULL);

              for (xmlNode *c = n->children; c != NULL; c = c->next)
                if (c->content != NULL)
                  g_string_append (s, (const char *) c->content);
              json = g_string_free (s, FALSE);
              read_json_ld (pm, json);
            }
        }
      else if (*published_tag == NULL
               && (fm_html_has_tag (n, "time") || fm_html_attr (n, "itemprop") != NULL))
        {
          const char *prop = fm_html_attr (n, "itemprop");
          const char *when = fm_html_attr (n, "datetime");

          if (when == NULL)
            when = fm_html_attr (n, "content");
          if (when != NULL && *when != '\0'
              && ((prop != NULL && strstr (prop, "datePublished") != NULL)
                  || (fm_html_has_tag (n, "time") && fm_html_attr (n, "pubdate") != NULL)))
            *published_tag = fm_html_collapse (when);
        }
    }
}

gboolean
fm_html_is_url (const char *s)
{
  return s != NULL && (g_str_has_prefix (s, "http://") || g_str_has_prefix (s, "https://"));
}

static const char *const title_separators[] = {
  " | ", " - ", " – ", " — ", " \\ ", " / ", " > ", " » ", " · ", " :: ", " ~ ", NULL
};

/* The title without the site's own name, where the page gives it and the
 * title starts or ends with it: the surest cut. NULL when it does not. */
static char *
cut_site_name (const char *title,
               const char *site)
{
  if (site == NULL || *site == '\0' || strcmp (title, site) == 0)
    return NULL;
  for (guint i = 0; title_separators[i] != NULL; i++)
    {
      const char *sep = title_separators[i];
      g_autofree char *suffix = g_strconcat (sep, site, NULL);
      g_autofree char *prefix = g_strconcat (site, sep, NULL);

      if (g_str_has_suffix (title, suffix))
        return g_strndup (title, strlen (title) - strlen (suffix));
      if (g_str_has_prefix (title, prefix))
        return g_strdup (title + strlen (prefix));
    }
  return NULL;
}

/* A part of the title that the page also shows as a heading is the
 * headline, wherever the site put its name. NULL when there is none. */
static char *
heading_part (const char *title,
              xmlNode    *body)
{
  g_autoptr(GString) rest = g_string_new (title);
  g_auto(GStrv) split = NULL;

  for (guint i = 0; title_separators[i] != NULL; i++)
    g_string_replace (rest, title_separators[i], "\x1F", 0);
  if (strchr (rest->str, '\x1F') == NULL)
    return NULL;

  split = g_strsplit (rest->str, "\x1F", -1);
  for (xmlNode *n = body; n != NULL; n = fm_html_walk_next (n, body, TRUE))
    {
      g_autofree char *h = NULL;

      if (!fm_html_has_tag (n, "h1") && !fm_html_has_tag (n, "h2"))
        continue;
      h = fm_html_inner_text (n);
      for (guint i = 0; split[i] != NULL; i++)
        {
          g_autofree char *part = g_strstrip (g_strdup (split[i]));

          if (*part != '\0' && g_utf8_collate (part, h) == 0 && fm_html_count_words (part) >= 2)
            return g_steal_pointer (&part);
        }
    }
  return NULL;
}

/* "Site: Story" reads "Story", unless the page shows the whole title as a
 * heading, or what comes before the colon is itself a sentence. */
static char *
cut_at_colon (const char *title,
              xmlNode    *body)
{
  const char *colon = strrchr (title, ':');
  char *cut;

  for (xmlNode *n = body; n != NULL; n = fm_html_walk_next (n, body, TRUE))
    if (fm_html_has_tag (n, "h1") || fm_html_has_tag (n, "h2"))
      {
        g_autofree char *h = fm_html_inner_text (n);

        if (strcmp (h, title) == 0)
          return NULL;
      }

  cut = g_strdup (colon + 1);
  if (fm_html_count_words (cut) < 3)
    {
      g_free (cut);
      cut = g_strdup (strchr (title, ':') + 1);
    }
  else
    {
      g_autofree char *before = g_strndup (title, strchr (title, ':') - title);

      if (fm_html_count_words (before) > 5)
        g_clear_pointer (&cut, g_free);
    }
  return cut;
}

/* The text of the page's only <h1>, or NULL when it has none or several. */
static char *
only_h1 (xmlNode *body)
{
  xmlNode *h1 = NULL;
  guint n_h1 = 0;

  for (xmlNode *n = body; n != NULL; n = fm_html_walk_next (n, body, TRUE))
    if (fm_html_has_tag (n, "h1"))
      {
        h1 = n;
        n_h1++;
      }
  return n_h1 == 1 ? fm_html_inner_text (h1) : NULL;
}

/* The document title without the site's name: "Story – Site" reads
 * "Story", unless what is left is too short to be a headline. */
char *
fm_html_clean_doc_title (const char *title,
                         const char *site,
                         xmlNode    *body)
{
  g_autofree char *cut = NULL;
  const char *last = NULL;
  const char *first = NULL;
  gsize first_len = 0;
  gboolean hierarchical = FALSE;
  guint words;

  if (title == NULL || *title == '\0')
    return NULL;

  if ((cut = cut_site_name (title, site)) != NULL
      || (cut = heading_part (title, body)) != NULL)
    return g_steal_pointer (&cut);

  for (guint i = 0; title_separators[i] != NULL; i++)
    {
      const char *sep = title_separators[i];
      const char *f = strstr (title, sep);
      const char *l = g_strrstr (title, sep);

      if (f == NULL)
        continue;
      if (first == NULL || f < first)
        {
          first = f;
          first_len = strlen (sep);
        }
      if (last == NULL || l > last)
        {
          last = l;
        }
      if (i >= 4 && i <= 7)
        hierarchical = TRUE;
    }

  if (last != NULL)
    {
      cut = g_strndup (title, last - title);
      if (fm_html_count_words (cut) < 3)
        {
          g_free (cut);
          cut = g_strdup (first + first_len);
        }
    }
  else if (strstr (title, ": ") != NULL)
    cut = cut_at_colon (title, body);
  else if (g_utf8_strlen (title, -1) > 150 || g_utf8_strlen (title, -1) < 15)
    cut = only_h1 (body);

  if (cut == NULL)
    return g_strdup (title);
  g_strstrip (cut);

  /* Two or three words left are more likely a section than a headline,
   * unless the title was a path of which this is the last part. */
  words = fm_html_count_words (cut);
  if (words <= 4)
    {
      g_autoptr(GString) bare = g_string_new (title);
      guint all;

      for (guint i = 0; title_separators[i] != NULL; i++)
        g_string_replace (bare, title_separators[i], " ", 0);
      all = fm_html_count_words (bare->str);
      if (!hierarchical || words != all - 1)
        return g_strdup (title);
    }
  return g_steal_pointer (&cut);
}

const char *
fm_html_first_of (const char *a,
                  const char *b,
                  const char *c,
                  const char *d)
{
  if (a != NULL && *a != '\0')
    return a;
  if (b != NULL && *b != '\0')
    return b;
  if (c != NULL && *c != '\0')
    return c;
  if (d != NULL && *d != '\0')
    return d;
  return NULL;
}

/* A byline as a name: "By Jane Doe" and "Par Jean Dupont" give the name
 * alone, since the author field holds who wrote, not how the page said so. */
char *
fm_html_tidy_byline (const char *byline)
{
  static const char *const prefixes[] = {
    "written by", "words by", "story by", "text by", "by", "par", "von", "por", NULL
  };
  const char *p = byline;

  for (guint i = 0; prefixes[i] != NULL; i++)
    {
      gsize l = strlen (prefixes[i]);

      if (g_ascii_strncasecmp (p, prefixes[i], l) == 0 && (p[l] == ' ' || p[l] == ':'))
        {
          const char *rest = p + l;

          while (*rest == ' ' || *rest == ':')
            rest++;
          if (*rest != '\0')
            p = rest;
          break;
        }
    }
  return g_strdup (p);
}

/* Whether @data has a tag named @name (case-insensitive), not merely a tag
 * whose name starts that way. */
gboolean
fm_html_has_tag_named (const char *data,
                       gsize       len,
                       const char *name)
{
  gsize nlen = strlen (name);

  for (const char *p = memchr (data, '<', len); p != NULL;
       p = memchr (p + 1, '<', data + len - (p + 1)))
    {
      gsize left = data + len - (p + 1);

      if (left > nlen && g_ascii_strncasecmp (p + 1, name, nlen) == 0
          && !g_ascii_isalnum (p[1 + nlen]) && p[1 + nlen] != '-')
        return TRUE;
      if (p + 1 >= data + len)
        break;
    }
  return FALSE;
}

