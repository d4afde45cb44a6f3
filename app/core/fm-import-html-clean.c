/* fm-import-html-clean.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-import-html"

#include "config.h"

#include "fm-import-html-private.h"

#include <string.h>

/* Cleaning a page of what is never article text, before the article is
 * found (navigation, hidden parts, bylines) and after (clutter inside it). */

/* Preparing the document. */

static xmlNode *
next_significant (xmlNode *node)
{
  while (node != NULL && !fm_html_is_element (node) && fm_html_is_whitespace_node (node))
    node = node->next;
  return node;
}

/* Two or more <br> in a row separate paragraphs: make them real ones, so
 * that their text is scored as prose. */
void
fm_html_replace_break_runs (Attempt *at,
                            xmlNode *body)
{
  g_autoptr(GPtrArray) breaks = g_ptr_array_new ();

  for (xmlNode *n = body; n != NULL; n = fm_html_walk_next (n, body, TRUE))
    if (fm_html_has_tag (n, "br"))
      g_ptr_array_add (breaks, n);

  for (guint i = 0; i < breaks->len; i++)
    {
      xmlNode *br = breaks->pdata[i];
      xmlNode *next;
      xmlNode *p;
      gboolean replaced = FALSE;

      if (br->parent == NULL)
        continue;

      next = br->next;
      while ((next = next_significant (next)) != NULL && fm_html_has_tag (next, "br"))
        {
          xmlNode *after = next->next;

          replaced = TRUE;
          fm_html_remove_node (at, next);
          next = after;
        }
      if (!replaced)
        continue;

      p = xmlNewDocNode (at->doc, NULL, (const xmlChar *) "p", NULL);
      xmlAddPrevSibling (br, p);
      fm_html_remove_node (at, br);

      next = p->next;
      while (next != NULL)
        {
          xmlNode *after;

          if (fm_html_has_tag (next, "br"))
            {
              xmlNode *following = next_significant (next->next);

              if (following != NULL && fm_html_has_tag (following, "br"))
                break;
            }
          if (!fm_html_is_phrasing (next))
            break;
          after = next->next;
          xmlUnlinkNode (next);
          xmlAddChild (p, next);
          next = after;
        }
      while (p->last != NULL && fm_html_is_whitespace_node (p->last))
        fm_html_remove_node (at, p->last);
      if (fm_html_has_tag (p->parent, "p"))
        fm_html_rename_node (p->parent, "div");
    }
}

/* Takes out what is never article text, whatever the rules. */
void
fm_html_remove_non_content (Attempt *at,
                            xmlNode *root)
{
  static const char *const never[] = {
    "script", "noscript", "style", "template", "head", "link", "meta", NULL
  };

  for (xmlNode *n = root; n != NULL;)
    {
      if (fm_html_tag_in (n, never))
        {
          xmlNode *next = fm_html_walk_next (n, root, FALSE);

          fm_html_remove_node (at, n);
          n = next;
        }
      else
        {
          if (fm_html_has_tag (n, "font"))
            fm_html_rename_node (n, "span");
          n = fm_html_walk_next (n, root, TRUE);
        }
    }
}

/* Bylines. */

/* A byline the page does not mark up: a short line of its own that reads
 * "By Jane Doe" or "by Jane Doe — 9 January 2025". Returns the name. */
static char *
plain_byline (xmlNode *node)
{
  static const char *const cuts[] = { " — ", " – ", " - ", " | ", " · ", " • ", NULL };
  g_autofree char *text = NULL;
  const char *name;
  char *end;

  const char *first = NULL;

  if (!(fm_html_has_tag (node, "p") || fm_html_has_tag (node, "div") || fm_html_has_tag (node, "span")
        || fm_html_has_tag (node, "font") || fm_html_has_tag (node, "em") || fm_html_has_tag (node, "address")))
    return NULL;

  /* Look at the first words before reading the whole element: this runs
   * on most elements of the page. */
  for (xmlNode *n = node->children; n != NULL && first == NULL; n = fm_html_walk_next (n, node, TRUE))
    if (n->type == XML_TEXT_NODE && n->content != NULL && !fm_html_is_whitespace_node (n))
      first = (const char *) n->content;
  if (first == NULL)
    return NULL;
  while (fm_html_is_ascii_space (*first))
    first++;
  if (g_ascii_strncasecmp (first, "by", 2) != 0)
    return NULL;
  if (fm_html_holds_paragraphs (node))
    return NULL;
  text = fm_html_inner_text (node);
  if (g_utf8_strlen (text, -1) >= MAX_BYLINE_CHARS || g_str_has_suffix (text, "."))
    return NULL;
  if (!(g_str_has_prefix (text, "By ") || g_str_has_prefix (text, "by ")
        || g_str_has_prefix (text, "BY ") || g_str_has_prefix (text, "By: ")
        || g_str_has_prefix (text, "BY: ")))
    return NULL;
  name = strchr (text, ' ') + 1;
  if (!g_unichar_isupper (g_utf8_get_char (name)))
    return NULL;
  for (guint i = 0; cuts[i] != NULL; i++)
    if ((end = strstr (name, cuts[i])) != NULL)
      *end = '\0';
  return g_strstrip (g_strdup (name));
}

gboolean
fm_html_take_byline (Attempt    *at,
                     xmlNode    *node,
                     const char *match)
{
  const char *rel;
  const char *itemprop;
  g_autofree char *text = NULL;
  glong len;

  if (*at->byline != NULL)
    return FALSE;

  rel = fm_html_attr (node, "rel");
  itemprop = fm_html_attr (node, "itemprop");
  if (!(g_strcmp0 (rel, "author") == 0 || (itemprop != NULL && strstr (itemprop, "author"))
        || fm_html_regex_match (fm_html_re_byline, match)))
    {
      *at->byline = plain_byline (node);
      return *at->byline != NULL;
    }

  text = fm_html_inner_text (node);
  len = g_utf8_strlen (text, -1);
  if (len == 0 || len >= MAX_BYLINE_CHARS)
    return FALSE;

  /* A byline marked up with schema.org names its author in an inner
   * element; prefer that to "By Jane Doe, Staff Writer". */
  for (xmlNode *n = node->children ? node->children : NULL; n != NULL;
       n = fm_html_walk_next (n, node, TRUE))
    {
      const char *prop = fm_html_attr (n, "itemprop");

      if (prop != NULL && strstr (prop, "name") != NULL)
        {
          g_autofree char *name = fm_html_inner_text (n);

          if (*name != '\0')
            {
              g_free (text);
              text = g_steal_pointer (&name);
            }
          break;
        }
    }

  *at->byline = g_steal_pointer (&text);
  return TRUE;
}

gboolean
fm_html_heading_repeats_title (Attempt *at,
                               xmlNode *node)
{
  g_autofree char *text = NULL;

  if (at->title == NULL || !(fm_html_has_tag (node, "h1") || fm_html_has_tag (node, "h2")))
    return FALSE;
  text = fm_html_inner_text (node);
  return fm_html_text_similarity (at->title, text) > 0.75;
}

/* Wraps each run of inline content directly in a div into a paragraph. */
void
fm_html_wrap_inline_runs (Attempt *at,
                          xmlNode *div)
{
  xmlNode *p = NULL;

  for (xmlNode *child = div->children; child != NULL;)
    {
      xmlNode *next = child->next;

      if (fm_html_is_phrasing (child))
        {
          if (p != NULL)
            {
              xmlUnlinkNode (child);
              xmlAddChild (p, child);
            }
          else if (!fm_html_is_whitespace_node (child) && child->type != XML_COMMENT_NODE)
            {
              p = xmlNewDocNode (at->doc, NULL, (const xmlChar *) "p", NULL);
              xmlAddPrevSibling (child, p);
              xmlUnlinkNode (child);
              xmlAddChild (p, child);
            }
        }
      else if (p != NULL)
        {
          while (p->last != NULL && fm_html_is_whitespace_node (p->last))
            fm_html_remove_node (at, p->last);
          p = NULL;
        }
      child = next;
    }
  if (p != NULL)
    while (p->last != NULL && fm_html_is_whitespace_node (p->last))
      fm_html_remove_node (at, p->last);
}

/* Tables that hold data rather than layout are kept whole. */
static void
mark_data_tables (Attempt *at,
                  xmlNode *root)
{
  for (xmlNode *t = root; t != NULL; t = fm_html_walk_next (t, root, TRUE))
    {
      const char *role;
      const char *summary;
      gboolean nested = FALSE;
      gboolean data_parts = FALSE;
      gboolean caption = FALSE;
      guint rows = 0;
      guint columns = 0;
      NodeInfo *info;

      if (!fm_html_has_tag (t, "table"))
        continue;

      info = fm_html_info_of (at, t);
      role = fm_html_attr (t, "role");
      if (g_strcmp0 (role, "presentation") == 0 || g_strcmp0 (fm_html_attr (t, "datatable"), "0") == 0)
        continue;
      summary = fm_html_attr (t, "summary");
      if (summary != NULL && *summary != '\0')
        {
          info->data_table = TRUE;
          continue;
        }

      for (xmlNode *n = t->children; n != NULL; n = fm_html_walk_next (n, t, TRUE))
        {
          if (!fm_html_is_element (n))
            continue;
          if (fm_html_has_tag (n, "caption") && n->children != NULL)
            caption = TRUE;
          else if (fm_html_has_tag (n, "col") || fm_html_has_tag (n, "colgroup") || fm_html_has_tag (n, "tfoot")
                   || fm_html_has_tag (n, "thead") || fm_html_has_tag (n, "th"))
            data_parts = TRUE;
          else if (fm_html_has_tag (n, "table"))
            nested = TRUE;
          else if (fm_html_has_tag (n, "tr"))
            {
              const char *span = fm_html_attr (n, "rowspan");
              guint cols = 0;

              rows += span ? MAX (1, (guint) g_ascii_strtoull (span, NULL, 10)) : 1;
              for (xmlNode *c = n->children; c != NULL; c = c->next)
                if (fm_html_has_tag (c, "td"))
                  {
                    const char *cspan = fm_html_attr (c, "colspan");

                    cols += cspan ? MAX (1, (guint) g_ascii_strtoull (cspan, NULL, 10)) : 1;
                  }
              columns = MAX (columns, cols);
            }
        }

      if (caption || data_parts)
        info->data_table = TRUE;
      else if (nested)
        info->data_table = FALSE;
      else if (rows == 1 || columns == 1)
        info->data_table = FALSE;
      else if (rows >= 10 || columns > 4)
        info->data_table = TRUE;
      else
        info->data_table = (guint64) rows * columns > 10;
    }
}

static GPtrArray *
elements_named (xmlNode    *root,
                const char *name)
{
  GPtrArray *found = g_ptr_array_new ();

  for (xmlNode *n = root; n != NULL; n = fm_html_walk_next (n, root, TRUE))
    if (n != root && fm_html_has_tag (n, name))
      g_ptr_array_add (found, n);
  return found;
}

static void
remove_all_named (Attempt    *at,
                  xmlNode    *root,
                  const char *name)
{
  g_autoptr(GPtrArray) found = elements_named (root, name);

  for (guint i = 0; i < found->len; i++)
    fm_html_remove_node (at, found->pdata[i]);
}

typedef struct
{
  guint p;
  guint img;
  guint li;
  guint input;
  guint embed;
  glong list_chars;
  glong heading_chars;
  gboolean figure;
} BlockCounts;

static void
count_block (xmlNode     *root,
             BlockCounts *counts)
{
  memset (counts, 0, sizeof *counts);
  for (xmlNode *n = root->children; n != NULL;)
    {
      const char *name;

      if (!fm_html_is_element (n))
        {
          n = fm_html_walk_next (n, root, TRUE);
          continue;
        }
      name = (const char *) n->name;
      if (strcmp (name, "p") == 0)
        counts->p++;
      else if (strcmp (name, "img") == 0)
        counts->img++;
      else if (strcmp (name, "li") == 0)
        counts->li++;
      else if (strcmp (name, "input") == 0)
        counts->input++;
      else if (strcmp (name, "object") == 0 || strcmp (name, "embed") == 0
               || strcmp (name, "iframe") == 0)
        counts->embed++;

      if (strcmp (name, "ul") == 0 || strcmp (name, "ol") == 0)
        {
          counts->list_chars += fm_html_text_length (n);
          /* Count the items inside, but do not measure nested lists twice. */
          for (xmlNode *m = n->children; m != NULL; m = fm_html_walk_next (m, n, TRUE))
            if (fm_html_has_tag (m, "li"))
              counts->li++;
            else if (fm_html_has_tag (m, "img"))
              counts->img++;
            else if (fm_html_has_tag (m, "p"))
              counts->p++;
            else if (fm_html_has_tag (m, "input"))
              counts->input++;
          n = fm_html_walk_next (n, root, FALSE);
          continue;
        }
      if (fm_html_name_in (name, fm_html_heading_tags))
        {
          counts->heading_chars += fm_html_text_length (n);
          n = fm_html_walk_next (n, root, FALSE);
          continue;
        }
      n = fm_html_walk_next (n, root, TRUE);
    }
}

/* Decides whether a block inside the article is clutter: a list of links,
 * a gallery, a form, an embed with a caption, an empty box. */
static gboolean
block_is_clutter (Attempt    *at,
                  xmlNode    *node,
                  const char *name)
{
  NodeInfo *info = node->_private;
  gboolean list = strcmp (name, "ul") == 0 || strcmp (name, "ol") == 0;
  Counter counter;
  BlockCounts c;
  glong chars;
  int weight;
  double links;
  double heading_density;
  gboolean in_figure;
  gboolean clutter;

  if (strcmp (name, "table") == 0 && info != NULL && info->data_table)
    return FALSE;
  if (fm_html_has_ancestor (node, "table", TRUE) || fm_html_has_ancestor (node, "code", FALSE))
    return FALSE;

  weight = fm_html_class_weight (at, node);
  if (weight < 0)
    return TRUE;

  fm_html_measure (node, &counter);
  if (counter.commas >= 10)
    return FALSE;

  chars = counter.chars;
  count_block (node, &c);
  if (!list && chars > 0)
    list = (double) c.list_chars / chars > 0.9;

  links = fm_html_link_density (node);
  heading_density = chars > 0 ? (double) c.heading_chars / chars : 0;
  in_figure = fm_html_has_ancestor (node, "figure", FALSE);

  clutter = (!in_figure && c.img > 1 && (double) c.p / c.img < 0.5)
            || (!list && (int) c.li - 100 > (int) c.p)
            || (c.input > c.p / 3)
            || (!list && !in_figure && heading_density < 0.9 && chars < 25
                && (c.img == 0 || c.img > 2))
            || (!list && weight < 25 && links > 0.2)
            || (weight >= 25 && links > 0.5)
            || (c.embed == 1 && chars < 75) || c.embed > 1;

  /* A plain list of pictures is content, not clutter. */
  if (list && clutter)
    {
      guint items = 0;

      for (xmlNode *child = node->children; child != NULL; child = child->next)
        if (fm_html_is_element (child) && fm_html_count_element_children (child) > 1)
          return TRUE;
      for (xmlNode *n = node->children; n != NULL; n = fm_html_walk_next (n, node, TRUE))
        if (fm_html_has_tag (n, "li"))
          items++;
      if (c.img == items)
        return FALSE;
    }
  return clutter;
}

static void
clean_blocks (Attempt    *at,
              xmlNode    *root,
              const char *name)
{
  g_autoptr(GPtrArray) found = NULL;

  if (!(at->rules & RULE_CLEAN_BLOCKS))
    return;

  found = elements_named (root, name);
  /* Inner blocks first, so an outer one is judged on what is left. */
  for (guint i = found->len; i > 0; i--)
    {
      xmlNode *node = found->pdata[i - 1];

      if (node->parent != NULL && block_is_clutter (at, node, name))
        fm_html_remove_node (at, node);
    }
}

/* Removes descendants of @root that @match_share picks out. */
static void
remove_share_bars (Attempt *at,
                   xmlNode *root)
{
  for (xmlNode *n = root->children; n != NULL;)
    {
      if (fm_html_is_element (n))
        {
          g_autofree char *match = fm_html_class_and_id (n);

          if (fm_html_regex_match (fm_html_re_share, match) && fm_html_text_length (n) < MIN_ARTICLE_CHARS)
            {
              xmlNode *next = fm_html_walk_next (n, root, FALSE);

              fm_html_remove_node (at, n);
              n = next;
              continue;
            }
        }
      n = fm_html_walk_next (n, root, TRUE);
    }
}

/* Cleans the chosen content of what readers do not read. */
void
fm_html_prepare_article (Attempt *at,
                         xmlNode *article)
{
  static const char *const always[] = {
    "object", "embed", "footer", "link", "aside", "iframe", "input", "textarea", "select",
    "button", "nav", "form", NULL
  };

  mark_data_tables (at, article);

  clean_blocks (at, article, "form");
  clean_blocks (at, article, "fieldset");
  for (guint i = 0; always[i] != NULL; i++)
    remove_all_named (at, article, always[i]);

  for (xmlNode *child = article->children; child != NULL; child = child->next)
    if (fm_html_is_element (child))
      remove_share_bars (at, child);

  /* Headings styled as something else (a "related" heading, a widget
   * title) go with what they head. */
  for (guint h = 0; h < 2; h++)
    {
      g_autoptr(GPtrArray) found = elements_named (article, h == 0 ? "h1" : "h2");

      for (guint i = 0; i < found->len; i++)
        if (fm_html_class_weight (at, found->pdata[i]) < 0)
          fm_html_remove_node (at, found->pdata[i]);
    }

  clean_blocks (at, article, "table");
  clean_blocks (at, article, "ul");
  clean_blocks (at, article, "div");
}

