/* fm-import-html-tree.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-import-html"

#include "config.h"

#include "fm-import-html-private.h"

#include <string.h>

/* Walking, measuring and changing the parsed page: the vocabulary the
 * other parts of the reader view are written in. */

/* Hints in class and id attributes. The words are the ones sites of every
 * kind use for the parts around an article; none names a particular site. */
GRegex *fm_html_re_unlikely;
GRegex *fm_html_re_maybe;
GRegex *fm_html_re_positive;
GRegex *fm_html_re_negative;
GRegex *fm_html_re_byline;
GRegex *fm_html_re_share;

void
fm_html_init_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      GRegexCompileFlags flags = G_REGEX_CASELESS | G_REGEX_OPTIMIZE;

      /* Imports run in worker threads; libxml2 must set itself up once
       * before two of them parse at the same time. */
      xmlInitParser ();

      fm_html_re_unlikely = g_regex_new ("-ad-|ad-break|agegate|banner|breadcrumbs|combx|comment|"
                                         "community|cover-wrap|disqus|extra|footer|gdpr|header|"
                                         "legends|menu|related|remark|replies|rss|shoutbox|sidebar|"
                                         "skyscraper|social|sponsor|supplemental|pagination|pager|"
                                         "popup",
                                         flags, 0, NULL);
      fm_html_re_maybe = g_regex_new ("and|article|body|column|content|main|mathjax|shadow",
                                      flags, 0, NULL);
      fm_html_re_positive = g_regex_new ("article|body|content|entry|hentry|h-entry|main|page|"
                                         "pagination|post|text|blog|story",
                                         flags, 0, NULL);
      fm_html_re_negative = g_regex_new ("-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|"
                                         "com-|contact|footer|gdpr|masthead|media|meta|promo|related|"
                                         "scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|"
                                         "tags|widget",
                                         flags, 0, NULL);
      fm_html_re_byline = g_regex_new ("byline|author|dateline|writtenby|p-author", flags, 0, NULL);
      fm_html_re_share = g_regex_new ("\\bshar(e|ing)", flags, 0, NULL);
      g_once_init_leave (&done, 1);
    }
}

/* Tag sets. */

static const char *const phrasing_tags[] = {
  "abbr", "audio", "b", "bdo", "br", "button", "cite", "code", "data", "datalist", "dfn",
  "em", "embed", "i", "img", "input", "kbd", "label", "mark", "math", "meter", "noscript",
  "object", "output", "progress", "q", "ruby", "samp", "script", "select", "small", "span",
  "strong", "sub", "sup", "textarea", "time", "var", "wbr", "font", "u", "s", "strike",
  "big", "tt", "bdi", "del", "ins", NULL
};

/* Elements whose presence inside a div means the div is more than one
 * paragraph. */
static const char *const block_tags[] = {
  "blockquote", "dl", "div", "img", "ol", "p", "pre", "table", "ul", NULL
};

const char *const fm_html_scored_tags[] = {
  "section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre", NULL
};

const char *const fm_html_unlikely_roles[] = {
  "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", NULL
};

const char *const fm_html_heading_tags[] = { "h1", "h2", "h3", "h4", "h5", "h6", NULL };

gboolean
fm_html_name_in (const char        *name,
                 const char *const *set)
{
  for (; *set != NULL; set++)
    if (strcmp (name, *set) == 0)
      return TRUE;
  return FALSE;
}

gboolean
fm_html_is_element (xmlNode *node)
{
  return node != NULL && node->type == XML_ELEMENT_NODE;
}

gboolean
fm_html_has_tag (xmlNode    *node,
                 const char *name)
{
  return fm_html_is_element (node) && strcmp ((const char *) node->name, name) == 0;
}

gboolean
fm_html_tag_in (xmlNode           *node,
                const char *const *set)
{
  return fm_html_is_element (node) && fm_html_name_in ((const char *) node->name, set);
}

/* The value of an attribute, "" when it is present without one, NULL when
 * it is absent. The string belongs to the node. */
const char *
fm_html_attr (xmlNode    *node,
              const char *name)
{
  g_assert (node != NULL);

  if (node->type != XML_ELEMENT_NODE)
    return NULL;
  for (xmlAttr *a = node->properties; a != NULL; a = a->next)
    {
      if (a->name == NULL || g_ascii_strcasecmp ((const char *) a->name, name) != 0)
        continue;
      if (a->children != NULL && a->children->content != NULL)
        return (const char *) a->children->content;
      return "";
    }
  return NULL;
}

/* Walks: the node after @node in document order within @root, descending
 * into @node's children only when @descend. */
xmlNode *
fm_html_walk_next (xmlNode  *node,
                   xmlNode  *root,
                   gboolean  descend)
{
  if (descend && node->children != NULL
      && (node->type == XML_ELEMENT_NODE || node->type == XML_HTML_DOCUMENT_NODE))
    return node->children;
  while (node != root && node != NULL)
    {
      if (node->next != NULL)
        return node->next;
      node = node->parent;
    }
  return NULL;
}

/* The next element in document order, anywhere in the document. */
xmlNode *
fm_html_next_element (xmlNode  *node,
                      gboolean  skip_children)
{
  if (!skip_children)
    for (xmlNode *c = node->children; c != NULL; c = c->next)
      if (fm_html_is_element (c))
        return c;
  for (; node != NULL && node->type == XML_ELEMENT_NODE; node = node->parent)
    for (xmlNode *s = node->next; s != NULL; s = s->next)
      if (fm_html_is_element (s))
        return s;
  return NULL;
}

guint
fm_html_count_element_children (xmlNode *node)
{
  guint n = 0;

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (fm_html_is_element (c))
      n++;
  return n;
}

gboolean
fm_html_has_ancestor (xmlNode    *node,
                      const char *name,
                      gboolean    data_table_only)
{
  for (xmlNode *a = node->parent; fm_html_is_element (a); a = a->parent)
    if (fm_html_has_tag (a, name))
      {
        NodeInfo *info = a->_private;

        if (!data_table_only || (info != NULL && info->data_table))
          return TRUE;
      }
  return FALSE;
}

/* Text. Whitespace runs count as one space and the ends are trimmed, the
 * way a browser lays out inline text; the no-break space counts as space. */

gboolean
fm_html_is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
         || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028
         || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Characters that take no room on screen. */
gboolean
fm_html_is_invisible (gunichar c)
{
  return c == 0xAD || c == 0x200B || c == 0xFEFF || c == 0x2060;
}

gboolean
fm_html_is_ascii_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

static inline gboolean
is_comma (gunichar c)
{
  /* The comma in its Latin, Arabic, fullwidth, small and ideographic forms. */
  return c == ',' || c == 0x060C || c == 0xFE50 || c == 0xFE10 || c == 0xFE11 || c == 0x2E41
         || c == 0x2E34 || c == 0x2E32 || c == 0xFF0C || c == 0x3001;
}

static void
count_text (Counter    *counter,
            const char *s)
{
  for (const char *p = s; *p != '\0';)
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          if (fm_html_is_ascii_space (*p))
            {
              counter->space = counter->started;
              p++;
              continue;
            }
          /* A run of ASCII that is not space counts in one go. */
          if (counter->space)
            counter->chars++;
          counter->space = FALSE;
          counter->started = TRUE;
          for (; *p != '\0' && (guchar) *p < 0x80 && !fm_html_is_ascii_space (*p); p++)
            {
              counter->chars++;
              if (*p == ',')
                counter->commas++;
            }
          continue;
        }

      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      p = g_utf8_next_char (p);
      if (fm_html_is_space (c))
        counter->space = counter->started;
      else if (!fm_html_is_invisible (c))
        {
          counter->chars += counter->space ? 2 : 1;
          counter->commas += is_comma (c);
          counter->space = FALSE;
          counter->started = TRUE;
        }
    }
}

void
fm_html_measure (xmlNode *root,
                 Counter *counter)
{
  memset (counter, 0, sizeof *counter);
  if (root->type == XML_TEXT_NODE)
    {
      if (root->content != NULL)
        count_text (counter, (const char *) root->content);
      return;
    }
  for (xmlNode *n = root; n != NULL; n = fm_html_walk_next (n, root, TRUE))
    if (n->type == XML_TEXT_NODE && n->content != NULL)
      count_text (counter, (const char *) n->content);
}

glong
fm_html_text_length (xmlNode *root)
{
  Counter counter;

  fm_html_measure (root, &counter);
  return counter.chars;
}

static void
append_collapsed (GString    *out,
                  gboolean   *space,
                  const char *s)
{
  for (const char *p = s; *p != '\0';)
    {
      gunichar c;
      const char *next;

      if ((guchar) *p < 0x80)
        {
          const char *start = p;

          if (fm_html_is_ascii_space (*p))
            {
              *space = out->len > 0;
              p++;
              continue;
            }
          while (*p != '\0' && (guchar) *p < 0x80 && !fm_html_is_ascii_space (*p))
            p++;
          if (*space)
            g_string_append_c (out, ' ');
          *space = FALSE;
          g_string_append_len (out, start, p - start);
          continue;
        }

      c = g_utf8_get_char_validated (p, -1);
      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      next = g_utf8_next_char (p);
      if (fm_html_is_space (c))
        *space = out->len > 0;
      else if (!fm_html_is_invisible (c))
        {
          if (*space)
            g_string_append_c (out, ' ');
          *space = FALSE;
          g_string_append_len (out, p, next - p);
        }
      p = next;
    }
}

/* The collapsed, trimmed text of a subtree. */
char *
fm_html_inner_text (xmlNode *root)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  if (root->type == XML_TEXT_NODE)
    {
      if (root->content != NULL)
        append_collapsed (out, &space, (const char *) root->content);
      return g_string_free (out, FALSE);
    }
  for (xmlNode *n = root; n != NULL; n = fm_html_walk_next (n, root, TRUE))
    if (n->type == XML_TEXT_NODE && n->content != NULL)
      append_collapsed (out, &space, (const char *) n->content);
  return g_string_free (out, FALSE);
}

char *
fm_html_collapse (const char *s)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  append_collapsed (out, &space, s);
  return g_string_free (out, FALSE);
}

/* How much of a block's text sits in links. In-page links (#footnote)
 * weigh less, since they mark up prose rather than replace it. */
double
fm_html_link_density (xmlNode *root)
{
  glong total = fm_html_text_length (root);
  double links = 0;

  if (total == 0)
    return 0;

  for (xmlNode *n = root; n != NULL;)
    {
      if (n != root && fm_html_has_tag (n, "a"))
        {
          const char *href = fm_html_attr (n, "href");

          links += fm_html_text_length (n) * (href != NULL && href[0] == '#' ? 0.3 : 1.0);
          n = fm_html_walk_next (n, root, FALSE);
        }
      else
        n = fm_html_walk_next (n, root, TRUE);
    }
  return links / total;
}

gboolean
fm_html_is_whitespace_node (xmlNode *node)
{
  if (node->type == XML_TEXT_NODE)
    {
      for (const char *p = (const char *) node->content; p != NULL && *p != '\0';
           p = g_utf8_next_char (p))
        if (!fm_html_is_space (g_utf8_get_char (p)))
          return FALSE;
      return TRUE;
    }
  return fm_html_has_tag (node, "br");
}

char *
fm_html_class_and_id (xmlNode *node)
{
  const char *cls = fm_html_attr (node, "class");
  const char *id = fm_html_attr (node, "id");

  return g_strconcat (cls ? cls : "", " ", id ? id : "", NULL);
}

gboolean
fm_html_regex_match (GRegex     *re,
                     const char *str)
{
  return str != NULL && *str != '\0' && g_regex_match (re, str, 0, NULL);
}

/* Words of a title, for comparing two titles. */
static GPtrArray *
title_words (const char *text)
{
  GPtrArray *words = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *lower = g_utf8_strdown (text, -1);
  const char *start = NULL;

  for (const char *p = lower;; p = g_utf8_next_char (p))
    {
      gunichar c = *p ? g_utf8_get_char (p) : 0;
      gboolean word = c != 0 && (g_unichar_isalnum (c) || c == '_');

      if (word && start == NULL)
        start = p;
      else if (!word && start != NULL)
        {
          g_ptr_array_add (words, g_strndup (start, p - start));
          start = NULL;
        }
      if (c == 0)
        break;
    }
  return words;
}

guint
fm_html_count_words (const char *text)
{
  g_autoptr(GPtrArray) words = title_words (text);

  return words->len;
}

/* How much of @b is made of words that are also in @a, 0 to 1, weighed by
 * the length of the words. */
double
fm_html_text_similarity (const char *a,
                         const char *b)
{
  g_autoptr(GPtrArray) wa = title_words (a);
  g_autoptr(GPtrArray) wb = title_words (b);
  g_autoptr(GHashTable) in_a = g_hash_table_new (g_str_hash, g_str_equal);
  gsize all = 0;
  gsize unique = 0;

  if (wa->len == 0 || wb->len == 0)
    return 0;
  for (guint i = 0; i < wa->len; i++)
    g_hash_table_add (in_a, wa->pdata[i]);
  for (guint i = 0; i < wb->len; i++)
    {
      gsize l = g_utf8_strlen (wb->pdata[i], -1);

      all += l + (i > 0);
      if (!g_hash_table_contains (in_a, wb->pdata[i]))
        unique += l + (unique > 0);
    }
  return 1.0 - (double) unique / (double) all;
}

/* Tree surgery. Removed nodes are unlinked, not freed, until the attempt
 * ends, so that no list of nodes we hold ever points at freed memory. */

void
fm_html_remove_node (Attempt *at,
                     xmlNode *node)
{
  /* A node without a parent was removed already; listing it twice would
   * free it twice. */
  if (node->parent == NULL)
    return;
  xmlUnlinkNode (node);
  g_ptr_array_add (at->removed, node);
}

xmlNode *
fm_html_remove_and_next (Attempt *at,
                         xmlNode *node)
{
  xmlNode *next = fm_html_next_element (node, TRUE);

  fm_html_remove_node (at, node);
  return next;
}

void
fm_html_rename_node (xmlNode    *node,
                     const char *name)
{
  xmlNodeSetName (node, (const xmlChar *) name);
}

NodeInfo *
fm_html_info_of (Attempt *at,
                 xmlNode *node)
{
  if (node->_private == NULL)
    {
      NodeInfo *info = g_new0 (NodeInfo, 1);

      g_ptr_array_add (at->infos, info);
      node->_private = info;
    }
  return node->_private;
}

void
fm_html_attempt_clear (Attempt *at)
{
  /* Unlinked subtrees still use the document's dictionary: free them
   * before the document. */
  for (guint i = 0; i < at->removed->len; i++)
    {
      xmlNode *node = at->removed->pdata[i];

      /* A removed node is never linked in again; one that was is freed
       * with the tree it joined, and freeing it here too would free it
       * twice. */
      if (node->parent != NULL)
        {
          g_warning ("A removed <%s> was linked into the page again", (const char *) node->name);
          continue;
        }
      xmlFreeNode (node);
    }
  g_ptr_array_set_size (at->removed, 0);
  g_ptr_array_set_size (at->infos, 0);
  g_clear_pointer (&at->doc, xmlFreeDoc);
}

/* Visibility. */

static gboolean
style_hides (const char *style)
{
  g_autofree char *s = NULL;
  char *w = NULL;

  if (style == NULL)
    return FALSE;
  s = g_ascii_strdown (style, -1);
  /* Drop the spaces so that "display : none" reads as "display:none". */
  w = s;
  for (const char *r = s; *r; r++)
    if (!g_ascii_isspace (*r))
      *w++ = *r;
  *w = '\0';
  return strstr (s, "display:none") != NULL || strstr (s, "visibility:hidden") != NULL;
}

gboolean
fm_html_is_visible (xmlNode *node)
{
  const char *aria = fm_html_attr (node, "aria-hidden");

  if (style_hides (fm_html_attr (node, "style")))
    return FALSE;
  if (fm_html_attr (node, "hidden") != NULL)
    return FALSE;
  if (aria != NULL && g_ascii_strcasecmp (aria, "true") == 0)
    return FALSE;
  return TRUE;
}

/* Phrasing content: text and inline elements, which belong in a paragraph. */
gboolean
fm_html_is_phrasing (xmlNode *node)
{
  if (node->type == XML_TEXT_NODE)
    return TRUE;
  if (!fm_html_is_element (node))
    return node->type == XML_COMMENT_NODE;
  if (fm_html_name_in ((const char *) node->name, phrasing_tags))
    return TRUE;
  if (fm_html_has_tag (node, "a") || fm_html_has_tag (node, "del") || fm_html_has_tag (node, "ins"))
    {
      for (xmlNode *n = node->children; n != NULL;)
        {
          if (fm_html_is_element (n) && !fm_html_name_in ((const char *) n->name, phrasing_tags)
              && !fm_html_has_tag (n, "a") && !fm_html_has_tag (n, "del") && !fm_html_has_tag (n, "ins"))
            return FALSE;
          n = fm_html_walk_next (n, node, TRUE);
        }
      return TRUE;
    }
  return FALSE;
}

gboolean
fm_html_has_block_descendant (xmlNode *root)
{
  for (xmlNode *n = root->children ? root->children : NULL; n != NULL;
       n = fm_html_walk_next (n, root, TRUE))
    if (fm_html_tag_in (n, block_tags))
      return TRUE;
  return FALSE;
}

gboolean
fm_html_holds_paragraphs (xmlNode *root)
{
  static const char *const paragraphs[] = {
    "p", "div", "blockquote", "pre", "ul", "ol", "dl", "table", NULL
  };

  for (xmlNode *n = root->children; n != NULL; n = fm_html_walk_next (n, root, TRUE))
    if (fm_html_tag_in (n, paragraphs))
      return TRUE;
  return FALSE;
}

/* The element's only element child when it has that tag and no text
 * of its own around it. */
xmlNode *
fm_html_single_child_with_tag (xmlNode    *node,
                               const char *name)
{
  xmlNode *only = NULL;

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (fm_html_is_element (c))
        {
          if (only != NULL || !fm_html_has_tag (c, name))
            return NULL;
          only = c;
        }
      else if (c->type == XML_TEXT_NODE && !fm_html_is_whitespace_node (c))
        return NULL;
    }
  return only;
}

gboolean
fm_html_is_empty_element (xmlNode *node)
{
  guint elements = 0;
  guint breaks = 0;

  if (fm_html_text_length (node) > 0)
    return FALSE;
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (fm_html_is_element (c))
      {
        elements++;
        if (fm_html_has_tag (c, "br") || fm_html_has_tag (c, "hr"))
          breaks++;
      }
  return elements == breaks;
}

int
fm_html_class_weight (Attempt *at,
                      xmlNode *node)
{
  const char *cls;
  const char *id;
  int weight = 0;

  if (!(at->rules & RULE_WEIGHT_CLASSES))
    return 0;

  cls = fm_html_attr (node, "class");
  id = fm_html_attr (node, "id");
  if (fm_html_regex_match (fm_html_re_negative, cls))
    weight -= 25;
  if (fm_html_regex_match (fm_html_re_positive, cls))
    weight += 25;
  if (fm_html_regex_match (fm_html_re_negative, id))
    weight -= 25;
  if (fm_html_regex_match (fm_html_re_positive, id))
    weight += 25;
  return weight;
}

void
fm_html_init_score (Attempt *at,
                    xmlNode *node)
{
  NodeInfo *info = fm_html_info_of (at, node);
  const char *name = (const char *) node->name;
  double score = 0;

  if (strcmp (name, "div") == 0)
    score = 5;
  else if (strcmp (name, "pre") == 0 || strcmp (name, "td") == 0
           || strcmp (name, "blockquote") == 0)
    score = 3;
  else if (strcmp (name, "address") == 0 || strcmp (name, "ol") == 0
           || strcmp (name, "ul") == 0 || strcmp (name, "dl") == 0 || strcmp (name, "dd") == 0
           || strcmp (name, "dt") == 0 || strcmp (name, "li") == 0
           || strcmp (name, "form") == 0)
    score = -3;
  else if (fm_html_name_in (name, fm_html_heading_tags) || strcmp (name, "th") == 0)
    score = -5;

  info->score = score + fm_html_class_weight (at, node);
  info->scored = TRUE;
}

double
fm_html_score_of (xmlNode *node)
{
  NodeInfo *info = node->_private;

  return info != NULL && info->scored ? info->score : 0;
}

gboolean
fm_html_is_scored (xmlNode *node)
{
  NodeInfo *info = node->_private;

  return info != NULL && info->scored;
}

