/* fm-html.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-html"

#include "config.h"

#include "fm-html.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <string.h>

#include "fm-types.h"

/* A reader view in three steps. First the page is parsed with libxml2's
 * tolerant HTML parser and the metadata is read from its head (meta tags,
 * JSON-LD, the title). Then the body is cleaned of what is never article
 * text (scripts, hidden parts, navigation, comments, share bars) and every
 * paragraph-like block gives points to the few elements above it, so the
 * element that holds most of the prose wins; its siblings that look like
 * more of the same are added. Last, the winner is laid out as plain text.
 *
 * When the winner holds too little text, the attempt is made again on a
 * fresh parse with one cleaning rule fewer, since a page whose article sits
 * in a block named "comments-wrapper" is better read whole than not at all.
 *
 * Every walk over the tree is iterative (libxml2 itself refuses to nest
 * deeper than 256 elements), and the work per node is bounded, so a large
 * page costs time in proportion to its size. */

/* Blocks of prose shorter than this give no points. */
#define MIN_PARAGRAPH_CHARS 25
/* An article shorter than this makes us try again with fewer rules. */
#define MIN_ARTICLE_CHARS 500
/* How many of the best-scoring elements are compared. */
#define N_TOP_CANDIDATES 5
/* How many levels above a paragraph receive its points. */
#define SCORE_LEVELS 5
/* A byline is a line, not a paragraph. */
#define MAX_BYLINE_CHARS 100

typedef enum
{
  RULE_STRIP_UNLIKELY = 1 << 0,
  RULE_WEIGHT_CLASSES = 1 << 1,
  RULE_CLEAN_BLOCKS   = 1 << 2,
  RULES_ALL           = RULE_STRIP_UNLIKELY | RULE_WEIGHT_CLASSES | RULE_CLEAN_BLOCKS,
} Rules;

/* What we remember about an element while scoring; it hangs off the
 * node's _private pointer, which libxml2 leaves to the application. */
typedef struct
{
  double   score;
  gboolean scored;
  gboolean data_table;
} NodeInfo;

typedef struct
{
  htmlDocPtr  doc;
  Rules       rules;
  GPtrArray  *infos;      /* NodeInfo, owned */
  GPtrArray  *removed;    /* unlinked subtrees, freed with the attempt */
  const char *title;      /* borrowed: the article title, to spot a heading repeating it */
  char      **byline;     /* borrowed: a byline found in the body in this attempt */
} Attempt;

/* Hints in class and id attributes. The words are the ones sites of every
 * kind use for the parts around an article; none names a particular site. */
static GRegex *re_unlikely;
static GRegex *re_maybe;
static GRegex *re_positive;
static GRegex *re_negative;
static GRegex *re_byline;
static GRegex *re_share;

static void
init_once (void)
{
  static gsize done = 0;

  if (g_once_init_enter (&done))
    {
      GRegexCompileFlags flags = G_REGEX_CASELESS | G_REGEX_OPTIMIZE;

      /* Imports run in worker threads; libxml2 must set itself up once
       * before two of them parse at the same time. */
      xmlInitParser ();

      re_unlikely = g_regex_new ("-ad-|ad-break|agegate|banner|breadcrumbs|combx|comment|"
                                 "community|cover-wrap|disqus|extra|footer|gdpr|header|"
                                 "legends|menu|related|remark|replies|rss|shoutbox|sidebar|"
                                 "skyscraper|social|sponsor|supplemental|pagination|pager|"
                                 "popup",
                                 flags, 0, NULL);
      re_maybe = g_regex_new ("and|article|body|column|content|main|mathjax|shadow",
                              flags, 0, NULL);
      re_positive = g_regex_new ("article|body|content|entry|hentry|h-entry|main|page|"
                                 "pagination|post|text|blog|story",
                                 flags, 0, NULL);
      re_negative = g_regex_new ("-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|"
                                 "com-|contact|footer|gdpr|masthead|media|meta|promo|related|"
                                 "scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|"
                                 "tags|widget",
                                 flags, 0, NULL);
      re_byline = g_regex_new ("byline|author|dateline|writtenby|p-author", flags, 0, NULL);
      re_share = g_regex_new ("\\bshar(e|ing)", flags, 0, NULL);
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

static const char *const scored_tags[] = {
  "section", "h2", "h3", "h4", "h5", "h6", "p", "td", "pre", NULL
};

static const char *const unlikely_roles[] = {
  "menu", "menubar", "complementary", "navigation", "alert", "alertdialog", "dialog", NULL
};

static const char *const heading_tags[] = { "h1", "h2", "h3", "h4", "h5", "h6", NULL };

static gboolean
name_in (const char        *name,
         const char *const *set)
{
  for (; *set != NULL; set++)
    if (strcmp (name, *set) == 0)
      return TRUE;
  return FALSE;
}

static inline gboolean
is_element (xmlNode *node)
{
  return node != NULL && node->type == XML_ELEMENT_NODE;
}

static inline gboolean
has_tag (xmlNode    *node,
         const char *name)
{
  return is_element (node) && strcmp ((const char *) node->name, name) == 0;
}

static inline gboolean
tag_in (xmlNode           *node,
        const char *const *set)
{
  return is_element (node) && name_in ((const char *) node->name, set);
}

/* The value of an attribute, "" when it is present without one, NULL when
 * it is absent. The string belongs to the node. */
static const char *
attr (xmlNode    *node,
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
static xmlNode *
walk_next (xmlNode  *node,
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
static xmlNode *
next_element (xmlNode  *node,
              gboolean  skip_children)
{
  if (!skip_children)
    for (xmlNode *c = node->children; c != NULL; c = c->next)
      if (is_element (c))
        return c;
  for (; node != NULL && node->type == XML_ELEMENT_NODE; node = node->parent)
    for (xmlNode *s = node->next; s != NULL; s = s->next)
      if (is_element (s))
        return s;
  return NULL;
}

static guint
count_element_children (xmlNode *node)
{
  guint n = 0;

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (is_element (c))
      n++;
  return n;
}

static gboolean
has_ancestor (xmlNode    *node,
              const char *name,
              gboolean    data_table_only)
{
  for (xmlNode *a = node->parent; is_element (a); a = a->parent)
    if (has_tag (a, name))
      {
        NodeInfo *info = a->_private;

        if (!data_table_only || (info != NULL && info->data_table))
          return TRUE;
      }
  return FALSE;
}

/* Text. Whitespace runs count as one space and the ends are trimmed, the
 * way a browser lays out inline text; the no-break space counts as space. */

static inline gboolean
is_space (gunichar c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
         || c == 0xA0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028
         || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
}

/* Characters that take no room on screen. */
static inline gboolean
is_invisible (gunichar c)
{
  return c == 0xAD || c == 0x200B || c == 0xFEFF || c == 0x2060;
}

static inline gboolean
is_ascii_space (char c)
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

/* Measures text as append_collapsed() would write it, without writing it. */
typedef struct
{
  glong    chars;
  guint    commas;
  gboolean started;
  gboolean space;
} Counter;

static void
count_text (Counter    *counter,
            const char *s)
{
  for (const char *p = s; *p != '\0';)
    {
      gunichar c;

      if ((guchar) *p < 0x80)
        {
          if (is_ascii_space (*p))
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
          for (; *p != '\0' && (guchar) *p < 0x80 && !is_ascii_space (*p); p++)
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
      if (is_space (c))
        counter->space = counter->started;
      else if (!is_invisible (c))
        {
          counter->chars += counter->space ? 2 : 1;
          counter->commas += is_comma (c);
          counter->space = FALSE;
          counter->started = TRUE;
        }
    }
}

static void
measure (xmlNode *root,
         Counter *counter)
{
  memset (counter, 0, sizeof *counter);
  if (root->type == XML_TEXT_NODE)
    {
      if (root->content != NULL)
        count_text (counter, (const char *) root->content);
      return;
    }
  for (xmlNode *n = root; n != NULL; n = walk_next (n, root, TRUE))
    if (n->type == XML_TEXT_NODE && n->content != NULL)
      count_text (counter, (const char *) n->content);
}

static glong
text_length (xmlNode *root)
{
  Counter counter;

  measure (root, &counter);
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

          if (is_ascii_space (*p))
            {
              *space = out->len > 0;
              p++;
              continue;
            }
          while (*p != '\0' && (guchar) *p < 0x80 && !is_ascii_space (*p))
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
      if (is_space (c))
        *space = out->len > 0;
      else if (!is_invisible (c))
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
static char *
inner_text (xmlNode *root)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  if (root->type == XML_TEXT_NODE)
    {
      if (root->content != NULL)
        append_collapsed (out, &space, (const char *) root->content);
      return g_string_free (out, FALSE);
    }
  for (xmlNode *n = root; n != NULL; n = walk_next (n, root, TRUE))
    if (n->type == XML_TEXT_NODE && n->content != NULL)
      append_collapsed (out, &space, (const char *) n->content);
  return g_string_free (out, FALSE);
}

static char *
collapse (const char *s)
{
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  append_collapsed (out, &space, s);
  return g_string_free (out, FALSE);
}

/* How much of a block's text sits in links. In-page links (#footnote)
 * weigh less, since they mark up prose rather than replace it. */
static double
link_density (xmlNode *root)
{
  glong total = text_length (root);
  double links = 0;

  if (total == 0)
    return 0;

  for (xmlNode *n = root; n != NULL;)
    {
      if (n != root && has_tag (n, "a"))
        {
          const char *href = attr (n, "href");

          links += text_length (n) * (href != NULL && href[0] == '#' ? 0.3 : 1.0);
          n = walk_next (n, root, FALSE);
        }
      else
        n = walk_next (n, root, TRUE);
    }
  return links / total;
}

static gboolean
is_whitespace_node (xmlNode *node)
{
  if (node->type == XML_TEXT_NODE)
    {
      for (const char *p = (const char *) node->content; p != NULL && *p != '\0';
           p = g_utf8_next_char (p))
        if (!is_space (g_utf8_get_char (p)))
          return FALSE;
      return TRUE;
    }
  return has_tag (node, "br");
}

static char *
class_and_id (xmlNode *node)
{
  const char *cls = attr (node, "class");
  const char *id = attr (node, "id");

  return g_strconcat (cls ? cls : "", " ", id ? id : "", NULL);
}

static gboolean
regex_match (GRegex     *re,
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

static guint
count_words (const char *text)
{
  g_autoptr(GPtrArray) words = title_words (text);

  return words->len;
}

/* How much of @b is made of words that are also in @a, 0 to 1, weighed by
 * the length of the words. */
static double
text_similarity (const char *a,
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

static void
remove_node (Attempt *at,
             xmlNode *node)
{
  /* A node without a parent was removed already; listing it twice would
   * free it twice. */
  if (node->parent == NULL)
    return;
  xmlUnlinkNode (node);
  g_ptr_array_add (at->removed, node);
}

static xmlNode *
remove_and_next (Attempt *at,
                 xmlNode *node)
{
  xmlNode *next = next_element (node, TRUE);

  remove_node (at, node);
  return next;
}

static void
rename_node (xmlNode    *node,
             const char *name)
{
  xmlNodeSetName (node, (const xmlChar *) name);
}

static NodeInfo *
info_of (Attempt *at,
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

static void
attempt_clear (Attempt *at)
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

static gboolean
is_visible (xmlNode *node)
{
  const char *aria = attr (node, "aria-hidden");

  if (style_hides (attr (node, "style")))
    return FALSE;
  if (attr (node, "hidden") != NULL)
    return FALSE;
  if (aria != NULL && g_ascii_strcasecmp (aria, "true") == 0)
    return FALSE;
  return TRUE;
}

/* Phrasing content: text and inline elements, which belong in a paragraph. */
static gboolean
is_phrasing (xmlNode *node)
{
  if (node->type == XML_TEXT_NODE)
    return TRUE;
  if (!is_element (node))
    return node->type == XML_COMMENT_NODE;
  if (name_in ((const char *) node->name, phrasing_tags))
    return TRUE;
  if (has_tag (node, "a") || has_tag (node, "del") || has_tag (node, "ins"))
    {
      for (xmlNode *n = node->children; n != NULL;)
        {
          if (is_element (n) && !name_in ((const char *) n->name, phrasing_tags)
              && !has_tag (n, "a") && !has_tag (n, "del") && !has_tag (n, "ins"))
            return FALSE;
          n = walk_next (n, node, TRUE);
        }
      return TRUE;
    }
  return FALSE;
}

static gboolean
has_block_descendant (xmlNode *root)
{
  for (xmlNode *n = root->children ? root->children : NULL; n != NULL;
       n = walk_next (n, root, TRUE))
    if (tag_in (n, block_tags))
      return TRUE;
  return FALSE;
}

static gboolean
holds_paragraphs (xmlNode *root)
{
  static const char *const paragraphs[] = {
    "p", "div", "blockquote", "pre", "ul", "ol", "dl", "table", NULL
  };

  for (xmlNode *n = root->children; n != NULL; n = walk_next (n, root, TRUE))
    if (tag_in (n, paragraphs))
      return TRUE;
  return FALSE;
}

/* The element's only element child when it has that tag and no text
 * of its own around it. */
static xmlNode *
single_child_with_tag (xmlNode    *node,
                       const char *name)
{
  xmlNode *only = NULL;

  for (xmlNode *c = node->children; c != NULL; c = c->next)
    {
      if (is_element (c))
        {
          if (only != NULL || !has_tag (c, name))
            return NULL;
          only = c;
        }
      else if (c->type == XML_TEXT_NODE && !is_whitespace_node (c))
        return NULL;
    }
  return only;
}

static gboolean
is_empty_element (xmlNode *node)
{
  guint elements = 0;
  guint breaks = 0;

  if (text_length (node) > 0)
    return FALSE;
  for (xmlNode *c = node->children; c != NULL; c = c->next)
    if (is_element (c))
      {
        elements++;
        if (has_tag (c, "br") || has_tag (c, "hr"))
          breaks++;
      }
  return elements == breaks;
}

static int
class_weight (Attempt *at,
              xmlNode *node)
{
  const char *cls;
  const char *id;
  int weight = 0;

  if (!(at->rules & RULE_WEIGHT_CLASSES))
    return 0;

  cls = attr (node, "class");
  id = attr (node, "id");
  if (regex_match (re_negative, cls))
    weight -= 25;
  if (regex_match (re_positive, cls))
    weight += 25;
  if (regex_match (re_negative, id))
    weight -= 25;
  if (regex_match (re_positive, id))
    weight += 25;
  return weight;
}

static void
init_score (Attempt *at,
            xmlNode *node)
{
  NodeInfo *info = info_of (at, node);
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
  else if (name_in (name, heading_tags) || strcmp (name, "th") == 0)
    score = -5;

  info->score = score + class_weight (at, node);
  info->scored = TRUE;
}

static double
score_of (xmlNode *node)
{
  NodeInfo *info = node->_private;

  return info != NULL && info->scored ? info->score : 0;
}

static gboolean
is_scored (xmlNode *node)
{
  NodeInfo *info = node->_private;

  return info != NULL && info->scored;
}

/* Preparing the document. */

static xmlNode *
next_significant (xmlNode *node)
{
  while (node != NULL && !is_element (node) && is_whitespace_node (node))
    node = node->next;
  return node;
}

/* Two or more <br> in a row separate paragraphs: make them real ones, so
 * that their text is scored as prose. */
static void
replace_break_runs (Attempt *at,
                    xmlNode *body)
{
  g_autoptr(GPtrArray) breaks = g_ptr_array_new ();

  for (xmlNode *n = body; n != NULL; n = walk_next (n, body, TRUE))
    if (has_tag (n, "br"))
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
      while ((next = next_significant (next)) != NULL && has_tag (next, "br"))
        {
          xmlNode *after = next->next;

          replaced = TRUE;
          remove_node (at, next);
          next = after;
        }
      if (!replaced)
        continue;

      p = xmlNewDocNode (at->doc, NULL, (const xmlChar *) "p", NULL);
      xmlAddPrevSibling (br, p);
      remove_node (at, br);

      next = p->next;
      while (next != NULL)
        {
          xmlNode *after;

          if (has_tag (next, "br"))
            {
              xmlNode *following = next_significant (next->next);

              if (following != NULL && has_tag (following, "br"))
                break;
            }
          if (!is_phrasing (next))
            break;
          after = next->next;
          xmlUnlinkNode (next);
          xmlAddChild (p, next);
          next = after;
        }
      while (p->last != NULL && is_whitespace_node (p->last))
        remove_node (at, p->last);
      if (has_tag (p->parent, "p"))
        rename_node (p->parent, "div");
    }
}

/* Takes out what is never article text, whatever the rules. */
static void
remove_non_content (Attempt *at,
                    xmlNode *root)
{
  static const char *const never[] = {
    "script", "noscript", "style", "template", "head", "link", "meta", NULL
  };

  for (xmlNode *n = root; n != NULL;)
    {
      if (tag_in (n, never))
        {
          xmlNode *next = walk_next (n, root, FALSE);

          remove_node (at, n);
          n = next;
        }
      else
        {
          if (has_tag (n, "font"))
            rename_node (n, "span");
          n = walk_next (n, root, TRUE);
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

  if (!(has_tag (node, "p") || has_tag (node, "div") || has_tag (node, "span")
        || has_tag (node, "font") || has_tag (node, "em") || has_tag (node, "address")))
    return NULL;

  /* Look at the first words before reading the whole element: this runs
   * on most elements of the page. */
  for (xmlNode *n = node->children; n != NULL && first == NULL; n = walk_next (n, node, TRUE))
    if (n->type == XML_TEXT_NODE && n->content != NULL && !is_whitespace_node (n))
      first = (const char *) n->content;
  if (first == NULL)
    return NULL;
  while (is_ascii_space (*first))
    first++;
  if (g_ascii_strncasecmp (first, "by", 2) != 0)
    return NULL;
  if (holds_paragraphs (node))
    return NULL;
  text = inner_text (node);
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

static gboolean
take_byline (Attempt    *at,
             xmlNode    *node,
             const char *match)
{
  const char *rel;
  const char *itemprop;
  g_autofree char *text = NULL;
  glong len;

  if (*at->byline != NULL)
    return FALSE;

  rel = attr (node, "rel");
  itemprop = attr (node, "itemprop");
  if (!(g_strcmp0 (rel, "author") == 0 || (itemprop != NULL && strstr (itemprop, "author"))
        || regex_match (re_byline, match)))
    {
      *at->byline = plain_byline (node);
      return *at->byline != NULL;
    }

  text = inner_text (node);
  len = g_utf8_strlen (text, -1);
  if (len == 0 || len >= MAX_BYLINE_CHARS)
    return FALSE;

  /* A byline marked up with schema.org names its author in an inner
   * element; prefer that to "By Jane Doe, Staff Writer". */
  for (xmlNode *n = node->children ? node->children : NULL; n != NULL;
       n = walk_next (n, node, TRUE))
    {
      const char *prop = attr (n, "itemprop");

      if (prop != NULL && strstr (prop, "name") != NULL)
        {
          g_autofree char *name = inner_text (n);

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

static gboolean
heading_repeats_title (Attempt *at,
                       xmlNode *node)
{
  g_autofree char *text = NULL;

  if (at->title == NULL || !(has_tag (node, "h1") || has_tag (node, "h2")))
    return FALSE;
  text = inner_text (node);
  return text_similarity (at->title, text) > 0.75;
}

/* Wraps each run of inline content directly in a div into a paragraph. */
static void
wrap_inline_runs (Attempt *at,
                  xmlNode *div)
{
  xmlNode *p = NULL;

  for (xmlNode *child = div->children; child != NULL;)
    {
      xmlNode *next = child->next;

      if (is_phrasing (child))
        {
          if (p != NULL)
            {
              xmlUnlinkNode (child);
              xmlAddChild (p, child);
            }
          else if (!is_whitespace_node (child) && child->type != XML_COMMENT_NODE)
            {
              p = xmlNewDocNode (at->doc, NULL, (const xmlChar *) "p", NULL);
              xmlAddPrevSibling (child, p);
              xmlUnlinkNode (child);
              xmlAddChild (p, child);
            }
        }
      else if (p != NULL)
        {
          while (p->last != NULL && is_whitespace_node (p->last))
            remove_node (at, p->last);
          p = NULL;
        }
      child = next;
    }
  if (p != NULL)
    while (p->last != NULL && is_whitespace_node (p->last))
      remove_node (at, p->last);
}

/* Tables that hold data rather than layout are kept whole. */
static void
mark_data_tables (Attempt *at,
                  xmlNode *root)
{
  for (xmlNode *t = root; t != NULL; t = walk_next (t, root, TRUE))
    {
      const char *role;
      const char *summary;
      gboolean nested = FALSE;
      gboolean data_parts = FALSE;
      gboolean caption = FALSE;
      guint rows = 0;
      guint columns = 0;
      NodeInfo *info;

      if (!has_tag (t, "table"))
        continue;

      info = info_of (at, t);
      role = attr (t, "role");
      if (g_strcmp0 (role, "presentation") == 0 || g_strcmp0 (attr (t, "datatable"), "0") == 0)
        continue;
      summary = attr (t, "summary");
      if (summary != NULL && *summary != '\0')
        {
          info->data_table = TRUE;
          continue;
        }

      for (xmlNode *n = t->children; n != NULL; n = walk_next (n, t, TRUE))
        {
          if (!is_element (n))
            continue;
          if (has_tag (n, "caption") && n->children != NULL)
            caption = TRUE;
          else if (has_tag (n, "col") || has_tag (n, "colgroup") || has_tag (n, "tfoot")
                   || has_tag (n, "thead") || has_tag (n, "th"))
            data_parts = TRUE;
          else if (has_tag (n, "table"))
            nested = TRUE;
          else if (has_tag (n, "tr"))
            {
              const char *span = attr (n, "rowspan");
              guint cols = 0;

              rows += span ? MAX (1, (guint) g_ascii_strtoull (span, NULL, 10)) : 1;
              for (xmlNode *c = n->children; c != NULL; c = c->next)
                if (has_tag (c, "td"))
                  {
                    const char *cspan = attr (c, "colspan");

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

  for (xmlNode *n = root; n != NULL; n = walk_next (n, root, TRUE))
    if (n != root && has_tag (n, name))
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
    remove_node (at, found->pdata[i]);
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

      if (!is_element (n))
        {
          n = walk_next (n, root, TRUE);
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
          counts->list_chars += text_length (n);
          /* Count the items inside, but do not measure nested lists twice. */
          for (xmlNode *m = n->children; m != NULL; m = walk_next (m, n, TRUE))
            if (has_tag (m, "li"))
              counts->li++;
            else if (has_tag (m, "img"))
              counts->img++;
            else if (has_tag (m, "p"))
              counts->p++;
            else if (has_tag (m, "input"))
              counts->input++;
          n = walk_next (n, root, FALSE);
          continue;
        }
      if (name_in (name, heading_tags))
        {
          counts->heading_chars += text_length (n);
          n = walk_next (n, root, FALSE);
          continue;
        }
      n = walk_next (n, root, TRUE);
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
  if (has_ancestor (node, "table", TRUE) || has_ancestor (node, "code", FALSE))
    return FALSE;

  weight = class_weight (at, node);
  if (weight < 0)
    return TRUE;

  measure (node, &counter);
  if (counter.commas >= 10)
    return FALSE;

  chars = counter.chars;
  count_block (node, &c);
  if (!list && chars > 0)
    list = (double) c.list_chars / chars > 0.9;

  links = link_density (node);
  heading_density = chars > 0 ? (double) c.heading_chars / chars : 0;
  in_figure = has_ancestor (node, "figure", FALSE);

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
        if (is_element (child) && count_element_children (child) > 1)
          return TRUE;
      for (xmlNode *n = node->children; n != NULL; n = walk_next (n, node, TRUE))
        if (has_tag (n, "li"))
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
        remove_node (at, node);
    }
}

/* Removes descendants of @root that @match_share picks out. */
static void
remove_share_bars (Attempt *at,
                   xmlNode *root)
{
  for (xmlNode *n = root->children; n != NULL;)
    {
      if (is_element (n))
        {
          g_autofree char *match = class_and_id (n);

          if (regex_match (re_share, match) && text_length (n) < MIN_ARTICLE_CHARS)
            {
              xmlNode *next = walk_next (n, root, FALSE);

              remove_node (at, n);
              n = next;
              continue;
            }
        }
      n = walk_next (n, root, TRUE);
    }
}

/* Cleans the chosen content of what readers do not read. */
static void
prepare_article (Attempt *at,
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
    if (is_element (child))
      remove_share_bars (at, child);

  /* Headings styled as something else (a "related" heading, a widget
   * title) go with what they head. */
  for (guint h = 0; h < 2; h++)
    {
      g_autoptr(GPtrArray) found = elements_named (article, h == 0 ? "h1" : "h2");

      for (guint i = 0; i < found->len; i++)
        if (class_weight (at, found->pdata[i]) < 0)
          remove_node (at, found->pdata[i]);
    }

  clean_blocks (at, article, "table");
  clean_blocks (at, article, "ul");
  clean_blocks (at, article, "div");
}

/* Finding the article. */

static void
insert_top (xmlNode **top,
            xmlNode  *candidate)
{
  double score = score_of (candidate);

  for (guint i = 0; i < N_TOP_CANDIDATES; i++)
    {
      if (top[i] == NULL || score > score_of (top[i]))
        {
          memmove (&top[i + 1], &top[i], (N_TOP_CANDIDATES - 1 - i) * sizeof (xmlNode *));
          top[i] = candidate;
          return;
        }
    }
}

static gboolean
is_ancestor_of (xmlNode *ancestor,
                xmlNode *node,
                guint    max_levels)
{
  guint level = 0;

  for (xmlNode *a = node->parent; is_element (a) && level < max_levels; a = a->parent, level++)
    if (a == ancestor)
      return TRUE;
  return FALSE;
}

/* Scores the body and returns the new element holding the article, or
 * NULL when the page has no element at all. */
static xmlNode *
find_article (Attempt *at,
              xmlNode *body)
{
  g_autoptr(GPtrArray) to_score = g_ptr_array_new ();
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();
  xmlNode *top[N_TOP_CANDIDATES + 1] = { NULL };
  xmlNode *best;
  xmlNode *parent;
  xmlNode *article;
  gboolean drop_title_heading = TRUE;
  double threshold;

  for (xmlNode *node = body; node != NULL;)
    {
      const char *name = (const char *) node->name;
      g_autofree char *match = class_and_id (node);
      const char *role;

      if (node != body && !is_visible (node))
        {
          node = remove_and_next (at, node);
          continue;
        }

      role = attr (node, "role");
      if (g_strcmp0 (attr (node, "aria-modal"), "true") == 0 && g_strcmp0 (role, "dialog") == 0)
        {
          node = remove_and_next (at, node);
          continue;
        }

      if (node != body && take_byline (at, node, match))
        {
          node = remove_and_next (at, node);
          continue;
        }

      if (drop_title_heading && heading_repeats_title (at, node))
        {
          drop_title_heading = FALSE;
          node = remove_and_next (at, node);
          continue;
        }

      if ((at->rules & RULE_STRIP_UNLIKELY) && node != body)
        {
          if (regex_match (re_unlikely, match) && !regex_match (re_maybe, match)
              && !has_ancestor (node, "table", FALSE) && !has_ancestor (node, "code", FALSE)
              && strcmp (name, "a") != 0)
            {
              node = remove_and_next (at, node);
              continue;
            }
          if (role != NULL && name_in (role, unlikely_roles))
            {
              node = remove_and_next (at, node);
              continue;
            }
        }

      if ((strcmp (name, "div") == 0 || strcmp (name, "section") == 0
           || strcmp (name, "header") == 0 || strcmp (name, "h1") == 0
           || name_in (name, heading_tags))
          && node != body && is_empty_element (node))
        {
          node = remove_and_next (at, node);
          continue;
        }

      /* A table cell reads as a paragraph only when it holds text directly;
       * a cell of paragraphs is a layout column, scored through them. */
      if (name_in (name, scored_tags)
          && (strcmp (name, "td") != 0 || !holds_paragraphs (node)))
        g_ptr_array_add (to_score, node);

      if (strcmp (name, "div") == 0)
        {
          xmlNode *only;

          wrap_inline_runs (at, node);
          only = single_child_with_tag (node, "p");
          if (only != NULL && link_density (node) < 0.25)
            {
              /* The paragraph stands in for the div: keep what the div's
               * class and id said about it. */
              for (guint k = 0; k < 2; k++)
                {
                  const char *key = k == 0 ? "class" : "id";
                  const char *value = attr (node, key);

                  if (value != NULL && attr (only, key) == NULL)
                    xmlSetProp (only, (const xmlChar *) key, (const xmlChar *) value);
                }
              xmlUnlinkNode (only);
              xmlReplaceNode (node, only);
              g_ptr_array_add (at->removed, node);
              node = only;
              g_ptr_array_add (to_score, node);
            }
          else if (!has_block_descendant (node))
            {
              rename_node (node, "p");
              g_ptr_array_add (to_score, node);
            }
        }
      node = next_element (node, FALSE);
    }

  /* Each block of prose gives points to the elements above it: most to its
   * parent, less to those further up. */
  for (guint i = 0; i < to_score->len; i++)
    {
      xmlNode *el = to_score->pdata[i];
      Counter counter;
      glong len;
      double points;
      guint level = 0;

      if (!is_element (el->parent))
        continue;
      measure (el, &counter);
      len = counter.chars;
      if (len < MIN_PARAGRAPH_CHARS)
        continue;
      /* A block that is mostly links is a menu or a list of stories, not
       * prose, however long. */
      if (link_density (el) > 0.5)
        continue;

      points = 1 + counter.commas + MIN (len / 100, 3);
      for (xmlNode *a = el->parent; level < SCORE_LEVELS; a = a->parent, level++)
        {
          double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;

          if (!is_element (a) || !is_element (a->parent))
            break;
          if (!is_scored (a))
            {
              init_score (at, a);
              g_ptr_array_add (candidates, a);
            }
          info_of (at, a)->score += points / divider;
        }
    }

  /* Text that is mostly links is a menu, however long. */
  for (guint i = 0; i < candidates->len; i++)
    {
      xmlNode *c = candidates->pdata[i];

      info_of (at, c)->score *= 1 - link_density (c);
      insert_top (top, c);
    }

  best = top[0];
  if (best == NULL || has_tag (best, "body"))
    {
      /* Nothing stands out: take the whole body. */
      xmlNode *all = xmlNewDocNode (at->doc, NULL, (const xmlChar *) "div", NULL);

      while (body->children != NULL)
        {
          xmlNode *c = body->children;

          xmlUnlinkNode (c);
          xmlAddChild (all, c);
        }
      xmlAddChild (body, all);
      init_score (at, all);
      best = all;
    }
  else
    {
      guint close = 0;

      /* When several strong candidates share an ancestor, the article is
       * probably that ancestor, split into sections. */
      for (guint i = 1; i < N_TOP_CANDIDATES && top[i] != NULL; i++)
        if (score_of (top[i]) / score_of (best) >= 0.75)
          close++;
      if (close >= 3)
        {
          for (parent = best->parent; is_element (parent) && !has_tag (parent, "body");
               parent = parent->parent)
            {
              guint holding = 0;

              for (guint i = 1; i < N_TOP_CANDIDATES && top[i] != NULL; i++)
                if (score_of (top[i]) / score_of (best) >= 0.75
                    && is_ancestor_of (parent, top[i], SCORE_LEVELS * 100))
                  holding++;
              if (holding >= 3)
                {
                  best = parent;
                  break;
                }
            }
        }
      if (!is_scored (best))
        init_score (at, best);

      /* Climb while the parents score about as well: the article may be
       * cut in parts that each scored on their own. */
      {
        double last = score_of (best);
        double floor = last / 3;

        for (parent = best->parent; is_element (parent) && !has_tag (parent, "body");
             parent = parent->parent)
          {
            double s;

            if (!is_scored (parent))
              continue;
            s = score_of (parent);
            if (s < floor)
              break;
            if (s > last)
              {
                best = parent;
                break;
              }
            last = s;
          }
      }

      /* An only child says no more than its parent. */
      for (parent = best->parent;
           is_element (parent) && !has_tag (parent, "body") && count_element_children (parent) == 1;
           parent = best->parent)
        best = parent;
      if (!is_scored (best))
        init_score (at, best);
    }

  /* Siblings that look like more of the article join it. */
  article = xmlNewDocNode (at->doc, NULL, (const xmlChar *) "div", NULL);
  g_ptr_array_add (at->removed, article);
  threshold = MAX (10, score_of (best) * 0.2);
  parent = best->parent;
  for (xmlNode *s = parent ? parent->children : best; s != NULL;)
    {
      xmlNode *next = s->next;
      gboolean take = FALSE;

      if (!is_element (s))
        {
          s = next;
          continue;
        }
      if (s == best)
        take = TRUE;
      else
        {
          const char *cls = attr (best, "class");
          const char *scls = attr (s, "class");
          double bonus = 0;

          if (cls != NULL && *cls != '\0' && g_strcmp0 (cls, scls) == 0)
            bonus = score_of (best) * 0.2;
          if (is_scored (s) && score_of (s) + bonus >= threshold)
            take = TRUE;
          /* A short paragraph beside the article joins it unless its class
           * says it is a promotion, a share bar or the like. */
          else if (has_tag (s, "p") && class_weight (at, s) >= 0)
            {
              g_autofree char *text = inner_text (s);
              glong len = g_utf8_strlen (text, -1);
              double links = link_density (s);

              if (len > 80 && links < 0.25)
                take = TRUE;
              else if (len < 80 && len > 0 && links == 0
                       && (strstr (text, ". ") != NULL || g_str_has_suffix (text, ".")))
                take = TRUE;
            }
        }
      if (take)
        {
          xmlUnlinkNode (s);
          xmlAddChild (article, s);
        }
      if (parent == NULL)
        break;
      s = next;
    }

  prepare_article (at, article);
  return article;
}

/* Layout: the article as reading text. */

typedef struct
{
  GString *out;
  guint    pending;     /* newlines owed before the next text: 0, 1 or 2 */
  gboolean space;
  char    *prefix;      /* owed before the next text: a list marker */
  guint    pre;         /* depth inside <pre> */
  GArray  *lists;       /* per open list: -1 for bullets, else the item number */
  gboolean cell;        /* a cell was written on this row */
} Layout;

static const char *const paragraph_tags[] = {
  "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "figure",
  "figcaption", "blockquote", "address", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol",
  "dl", "table", "pre", "hr", "form", "fieldset", "details", "summary", "center",
  "caption", "hgroup", "legend", "menu", "dir", NULL
};

static const char *const line_tags[] = {
  "li", "tr", "dt", "dd", "option", NULL
};

static const char *const skipped_tags[] = {
  "script", "style", "noscript", "template", "head", "title", "select", "textarea",
  "button", "iframe", "object", "embed", "svg", "canvas", "video", "audio", "map",
  NULL
};

static void
layout_break (Layout *lay,
              guint   n)
{
  lay->pending = MAX (lay->pending, n);
  lay->space = FALSE;
}

static void
layout_flush (Layout *lay)
{
  if (lay->out->len > 0)
    {
      for (guint i = 0; i < lay->pending; i++)
        g_string_append_c (lay->out, '\n');
      if (lay->pending == 0 && lay->space)
        g_string_append_c (lay->out, ' ');
    }
  lay->pending = 0;
  lay->space = FALSE;
  if (lay->prefix != NULL)
    {
      g_string_append (lay->out, lay->prefix);
      g_clear_pointer (&lay->prefix, g_free);
    }
}

static void
layout_text (Layout     *lay,
             const char *s)
{
  if (lay->pre > 0)
    {
      /* Preformatted text keeps its spaces and lines; only a newline
       * right after the opening tag is dropped, as browsers do. */
      for (const char *p = s; *p != '\0'; p++)
        {
          if (*p == '\n' && (lay->pending > 0 || lay->out->len == 0))
            continue;
          if (lay->pending > 0 || lay->prefix != NULL)
            layout_flush (lay);
          g_string_append_c (lay->out, *p);
        }
      return;
    }

  for (const char *p = s; *p != '\0';)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          p++;
          continue;
        }
      p = g_utf8_next_char (p);
      if (is_space (c))
        {
          if (lay->out->len > 0 && lay->pending == 0)
            lay->space = TRUE;
          continue;
        }
      if (is_invisible (c))
        continue;
      if (lay->pending > 0 || lay->space || lay->prefix != NULL)
        layout_flush (lay);
      g_string_append_unichar (lay->out, c);
    }
}

static void
layout_enter (Layout  *lay,
              xmlNode *node)
{
  const char *name = (const char *) node->name;

  if (strcmp (name, "br") == 0)
    {
      /* A line break in a line already broken opens an empty line. */
      layout_break (lay, lay->pending >= 1 ? 2 : 1);
      return;
    }
  if (strcmp (name, "pre") == 0)
    lay->pre++;
  if (strcmp (name, "ul") == 0 || strcmp (name, "ol") == 0 || strcmp (name, "menu") == 0
      || strcmp (name, "dir") == 0)
    {
      gint64 start = 0;

      if (strcmp (name, "ol") == 0)
        {
          const char *s = attr (node, "start");

          start = s ? g_ascii_strtoll (s, NULL, 10) - 1 : 0;
          start = CLAMP (start, 0, G_MAXINT - 1);
        }
      else
        start = -1;
      g_array_append_val (lay->lists, start);
    }

  if (name_in (name, paragraph_tags))
    layout_break (lay, 2);
  else if (name_in (name, line_tags))
    layout_break (lay, 1);
  else if (strcmp (name, "td") == 0 || strcmp (name, "th") == 0)
    {
      if (lay->cell && lay->pending == 0)
        {
          /* Cells of one row stay on its line. */
          lay->space = FALSE;
          g_free (lay->prefix);
          lay->prefix = g_strdup ("\t");
        }
      lay->cell = TRUE;
    }

  if (strcmp (name, "tr") == 0)
    {
      /* A separator owed to an empty last cell does not carry over. */
      lay->cell = FALSE;
      g_clear_pointer (&lay->prefix, g_free);
    }

  if (strcmp (name, "li") == 0)
    {
      gint64 *number = lay->lists->len > 0
                       ? &g_array_index (lay->lists, gint64, lay->lists->len - 1) : NULL;

      g_free (lay->prefix);
      if (number != NULL && *number >= 0)
        lay->prefix = g_strdup_printf ("%" G_GINT64_FORMAT ". ", ++*number);
      else
        lay->prefix = g_strdup ("• ");
    }
}

static void
layout_leave (Layout  *lay,
              xmlNode *node)
{
  const char *name = (const char *) node->name;

  if (strcmp (name, "pre") == 0 && lay->pre > 0)
    lay->pre--;
  if ((strcmp (name, "ul") == 0 || strcmp (name, "ol") == 0 || strcmp (name, "menu") == 0
       || strcmp (name, "dir") == 0) && lay->lists->len > 0)
    g_array_set_size (lay->lists, lay->lists->len - 1);

  if (name_in (name, paragraph_tags))
    layout_break (lay, 2);
  else if (name_in (name, line_tags))
    layout_break (lay, 1);
  if (strcmp (name, "li") == 0 || strcmp (name, "tr") == 0)
    g_clear_pointer (&lay->prefix, g_free);
}

/* Drops spaces at the ends of lines and more than one empty line in a row,
 * which <pre> blocks and empty cells leave behind. Takes @text. */
static char *
tidy_lines (char *text)
{
  GString *out = g_string_sized_new (strlen (text) + 1);
  guint newlines = 0;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\n')
        {
          while (out->len > 0 && (out->str[out->len - 1] == ' ' || out->str[out->len - 1] == '\t'))
            g_string_truncate (out, out->len - 1);
          newlines++;
          continue;
        }
      if (newlines > 0 && out->len > 0)
        g_string_append_len (out, "\n\n", MIN (newlines, 2));
      newlines = 0;
      g_string_append_c (out, *p);
    }
  while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
    g_string_truncate (out, out->len - 1);
  g_free (text);
  return g_string_free (out, FALSE);
}

static char *
layout_article (xmlNode *root)
{
  Layout lay = { 0 };
  xmlNode *n = root;

  lay.out = g_string_new (NULL);
  lay.lists = g_array_new (FALSE, FALSE, sizeof (gint64));

  /* An iterative walk that sees each element on the way in and out. */
  while (n != NULL)
    {
      gboolean descend = FALSE;

      if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE)
        {
          if (n->content != NULL)
            layout_text (&lay, (const char *) n->content);
        }
      else if (is_element (n) && !tag_in (n, skipped_tags))
        {
          layout_enter (&lay, n);
          descend = n->children != NULL;
          if (!descend)
            layout_leave (&lay, n);
        }

      if (descend)
        {
          n = n->children;
          continue;
        }
      while (n != root && n->next == NULL)
        {
          n = n->parent;
          layout_leave (&lay, n);
        }
      if (n == root)
        break;
      n = n->next;
    }

  g_free (lay.prefix);
  g_array_unref (lay.lists);
  return tidy_lines (g_string_free (lay.out, FALSE));
}

/* Metadata. */

typedef struct
{
  GHashTable *meta;       /* normalized meta name or property -> content */
  GHashTable *from_property; /* keys whose value came from a property attribute */
  char       *ld_title;
  char       *ld_name;
  char       *ld_author;
  char       *ld_published;
  char       *ld_publisher;
  char       *ld_url;
} PageMeta;

static void
page_meta_clear (PageMeta *pm)
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
  g_autofree char *v = collapse (content);

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

static const char *
meta_get (PageMeta   *pm,
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
    return collapse (json_node_get_string (node));
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      const char *name = json_string_member (json_node_get_object (node), "name");

      return name ? collapse (name) : NULL;
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
    pm->ld_title = collapse (json_string_member (obj, "headline"));
  if (json_string_member (obj, "name"))
    pm->ld_name = collapse (json_string_member (obj, "name"));
  pm->ld_author = json_person_names (json_object_get_member (obj, "author"));
  if (json_string_member (obj, "datePublished"))
    pm->ld_published = collapse (json_string_member (obj, "datePublished"));
  if (json_string_member (obj, "url"))
    pm->ld_url = collapse (json_string_member (obj, "url"));
  publisher = json_object_get_member (obj, "publisher");
  if (publisher != NULL && JSON_NODE_HOLDS_OBJECT (publisher))
    {
      const char *name = json_string_member (json_node_get_object (publisher), "name");

      if (name != NULL)
        pm->ld_publisher = collapse (name);
    }
}

static void
read_page_meta (PageMeta  *pm,
                xmlNode   *root,
                char     **doc_title,
                char     **canonical,
                char     **published_tag)
{
  for (xmlNode *n = root; n != NULL; n = walk_next (n, root, TRUE))
    {
      if (!is_element (n))
        continue;
      if (has_tag (n, "meta"))
        {
          const char *content = attr (n, "content");
          const char *property = attr (n, "property");
          const char *name = attr (n, "name");

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
          if (attr (n, "itemprop") != NULL)
            add_meta (pm, attr (n, "itemprop"), content, FALSE);
        }
      else if (has_tag (n, "title") && *doc_title == NULL)
        {
          *doc_title = inner_text (n);
        }
      else if (has_tag (n, "link") && *canonical == NULL)
        {
          const char *rel = attr (n, "rel");
          const char *href = attr (n, "href");

          if (rel != NULL && href != NULL && g_ascii_strcasecmp (rel, "canonical") == 0)
            *canonical = collapse (href);
        }
      else if (has_tag (n, "script"))
        {
          const char *type = attr (n, "type");

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
               && (has_tag (n, "time") || attr (n, "itemprop") != NULL))
        {
          const char *prop = attr (n, "itemprop");
          const char *when = attr (n, "datetime");

          if (when == NULL)
            when = attr (n, "content");
          if (when != NULL && *when != '\0'
              && ((prop != NULL && strstr (prop, "datePublished") != NULL)
                  || (has_tag (n, "time") && attr (n, "pubdate") != NULL)))
            *published_tag = collapse (when);
        }
    }
}

static gboolean
is_url (const char *s)
{
  return s != NULL && (g_str_has_prefix (s, "http://") || g_str_has_prefix (s, "https://"));
}

static const char *const title_separators[] = {
  " | ", " - ", " – ", " — ", " \\ ", " / ", " > ", " » ", " · ", " :: ", " ~ ", NULL
};

/* The document title without the site's name: "Story – Site" reads
 * "Story", unless what is left is too short to be a headline. */
static char *
clean_doc_title (const char *title,
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

  /* The site's own name, where the page gives it, is the surest cut. */
  if (site != NULL && *site != '\0' && strcmp (title, site) != 0)
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

  /* A part of the title that the page also shows as a heading is the
   * headline, wherever the site put its name. */
  {
    g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
    g_autoptr(GString) rest = g_string_new (title);

    for (guint i = 0; title_separators[i] != NULL; i++)
      g_string_replace (rest, title_separators[i], "\x1F", 0);
    if (strchr (rest->str, '\x1F') != NULL)
      {
        g_auto(GStrv) split = g_strsplit (rest->str, "\x1F", -1);

        for (xmlNode *n = body; n != NULL; n = walk_next (n, body, TRUE))
          {
            g_autofree char *h = NULL;

            if (!has_tag (n, "h1") && !has_tag (n, "h2"))
              continue;
            h = inner_text (n);
            for (guint i = 0; split[i] != NULL; i++)
              {
                g_autofree char *part = g_strstrip (g_strdup (split[i]));

                if (*part != '\0' && g_utf8_collate (part, h) == 0 && count_words (part) >= 2)
                  return g_steal_pointer (&part);
              }
          }
      }
  }

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
      if (count_words (cut) < 3)
        {
          g_free (cut);
          cut = g_strdup (first + first_len);
        }
    }
  else if (strstr (title, ": ") != NULL)
    {
      gboolean heading_is_title = FALSE;

      for (xmlNode *n = body; n != NULL && !heading_is_title; n = walk_next (n, body, TRUE))
        if (has_tag (n, "h1") || has_tag (n, "h2"))
          {
            g_autofree char *h = inner_text (n);

            heading_is_title = strcmp (h, title) == 0;
          }
      if (!heading_is_title)
        {
          const char *colon = strrchr (title, ':');

          cut = g_strdup (colon + 1);
          if (count_words (cut) < 3)
            {
              g_free (cut);
              cut = g_strdup (strchr (title, ':') + 1);
            }
          else
            {
              g_autofree char *before = g_strndup (title, strchr (title, ':') - title);

              if (count_words (before) > 5)
                g_clear_pointer (&cut, g_free);
            }
        }
    }
  else if (g_utf8_strlen (title, -1) > 150 || g_utf8_strlen (title, -1) < 15)
    {
      xmlNode *h1 = NULL;
      guint n_h1 = 0;

      for (xmlNode *n = body; n != NULL; n = walk_next (n, body, TRUE))
        if (has_tag (n, "h1"))
          {
            h1 = n;
            n_h1++;
          }
      if (n_h1 == 1)
        cut = inner_text (h1);
    }

  if (cut == NULL)
    return g_strdup (title);
  g_strstrip (cut);

  /* Two or three words left are more likely a section than a headline,
   * unless the title was a path of which this is the last part. */
  words = count_words (cut);
  if (words <= 4)
    {
      g_autoptr(GString) bare = g_string_new (title);
      guint all;

      for (guint i = 0; title_separators[i] != NULL; i++)
        g_string_replace (bare, title_separators[i], " ", 0);
      all = count_words (bare->str);
      if (!hierarchical || words != all - 1)
        return g_strdup (title);
    }
  return g_steal_pointer (&cut);
}

static const char *
first_of (const char *a,
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
static char *
tidy_byline (const char *byline)
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
static gboolean
has_tag_named (const char *data,
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

/* What browsers put on the clipboard is a fragment: the markup of the
 * selection, sometimes wrapped in a page whose StartFragment and
 * EndFragment comments mark it. A fragment is what the user chose, so it
 * is read whole rather than searched for an article. Narrows @data and
 * @len to the fragment and returns TRUE for one. */
static gboolean
find_fragment (const char **data,
               gsize       *len)
{
  const char *start = g_strstr_len (*data, *len, "<!--StartFragment");
  const char *end;

  if (start != NULL)
    {
      start = g_strstr_len (start, *data + *len - start, "-->");
      end = start ? g_strstr_len (start, *data + *len - start, "<!--EndFragment") : NULL;
      if (start != NULL && end != NULL)
        {
          start += 3;
          *len = end - start;
          *data = start;
          return TRUE;
        }
    }
  return !has_tag_named (*data, *len, "html") && !has_tag_named (*data, *len, "body")
         && !has_tag_named (*data, *len, "head") && !has_tag_named (*data, *len, "!doctype");
}

/* Lays out a fragment whole, less what a browser would not show. */
static char *
layout_fragment (Attempt *at,
                 xmlNode *root,
                 xmlNode *body)
{
  remove_non_content (at, root);
  for (xmlNode *n = body; n != NULL;)
    {
      if (n != body && is_element (n) && !is_visible (n))
        {
          xmlNode *next = walk_next (n, body, FALSE);

          remove_node (at, n);
          n = next;
        }
      else
        n = walk_next (n, body, TRUE);
    }
  return layout_article (body);
}

/* Public API. */

/**
 * fm_html_looks_like_html:
 *
 * Whether bytes read as an HTML document: a doctype or an <html>, <head> or
 * <body> tag before any text, after an optional byte-order mark, comments
 * and whitespace.
 */
gboolean
fm_html_looks_like_html (const char *data,
                         gsize       len)
{
  const char *p = data;
  const char *end = data + MIN (len, 4096);

  g_return_val_if_fail (data != NULL || len == 0, FALSE);

  if (end - p >= 3 && memcmp (p, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  for (;;)
    {
      while (p < end && g_ascii_isspace (*p))
        p++;
      if (end - p >= 4 && memcmp (p, "<!--", 4) == 0)
        {
          const char *close = g_strstr_len (p, end - p, "-->");

          if (close == NULL)
            return FALSE;
          p = close + 3;
          continue;
        }
      if (end - p >= 5 && g_ascii_strncasecmp (p, "<?xml", 5) == 0)
        {
          const char *close = g_strstr_len (p, end - p, "?>");

          if (close == NULL)
            return FALSE;
          p = close + 2;
          continue;
        }
      break;
    }

  if (end - p >= 14 && g_ascii_strncasecmp (p, "<!doctype html", 14) == 0)
    return TRUE;
  if (end - p >= 5 && (g_ascii_strncasecmp (p, "<html", 5) == 0
                       || g_ascii_strncasecmp (p, "<head", 5) == 0
                       || g_ascii_strncasecmp (p, "<body", 5) == 0))
    return end - p == 5 || !g_ascii_isalnum (p[5]);
  return FALSE;
}

/**
 * fm_html_declared_charset:
 *
 * The character set a page declares in a <meta charset> or <meta
 * http-equiv="Content-Type"> near its top, as written; NULL if none.
 */
char *
fm_html_declared_charset (const char *data,
                          gsize       len)
{
  gsize n = MIN (len, 8192);
  g_autofree char *head = NULL;
  const char *p;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  head = g_ascii_strdown (data, n);
  for (p = head; (p = strstr (p, "<meta")) != NULL; p += 5)
    {
      const char *close = strchr (p, '>');
      const char *cs;
      const char *start;
      const char *stop;

      if (close == NULL)
        break;
      cs = g_strstr_len (p, close - p, "charset");
      if (cs == NULL)
        continue;
      cs += 7;
      while (cs < close && (g_ascii_isspace (*cs)))
        cs++;
      if (cs >= close || *cs != '=')
        continue;
      cs++;
      while (cs < close && (g_ascii_isspace (*cs) || *cs == '"' || *cs == '\''))
        cs++;
      start = cs;
      stop = start;
      while (stop < close && (g_ascii_isalnum (*stop) || *stop == '-' || *stop == '_'
                              || *stop == '.' || *stop == ':'))
        stop++;
      if (stop > start)
        return g_strndup (start, stop - start);
    }
  return NULL;
}

void
fm_html_article_free (FmHtmlArticle *article)
{
  if (article == NULL)
    return;
  g_free (article->title);
  g_free (article->author);
  g_free (article->published);
  g_free (article->outlet);
  g_free (article->url);
  g_free (article->lang);
  g_free (article->text);
  g_free (article);
}

/* Parses the page. libxml2 stops building the tree at 256 levels of
 * nesting, which keeps every later walk shallow; @cut_short tells when a
 * page went deeper and lost its rest. */
static htmlDocPtr
parse_utf8 (const char *utf8,
            gsize       len,
            gboolean   *cut_short)
{
  htmlParserCtxtPtr ctxt = htmlNewParserCtxt ();
  htmlDocPtr doc;

  if (ctxt == NULL)
    return NULL;
  /* The caller has decoded the page: tell libxml2 so, and to disregard the
   * charset the page declares, or it would decode it a second time. */
  doc = htmlCtxtReadMemory (ctxt, utf8, (int) len, NULL, "UTF-8",
                            HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING
                            | HTML_PARSE_NONET | HTML_PARSE_COMPACT | HTML_PARSE_IGNORE_ENC);
  if (cut_short != NULL)
    *cut_short = ctxt->lastError.code == XML_ERR_INTERNAL_ERROR
                 && ctxt->lastError.message != NULL
                 && strstr (ctxt->lastError.message, "depth") != NULL;
  htmlFreeParserCtxt (ctxt);
  return doc;
}

static gboolean
is_in_tree (xmlNode *node,
            xmlNode *root)
{
  for (xmlNode *n = node; n != NULL; n = n->parent)
    if (n == root)
      return TRUE;
  return FALSE;
}

static xmlNode *
find_body (htmlDocPtr doc)
{
  xmlNode *root = xmlDocGetRootElement (doc);

  if (root == NULL)
    return NULL;
  for (xmlNode *n = root; n != NULL; n = walk_next (n, root, TRUE))
    if (has_tag (n, "body"))
      return n;
  return NULL;
}

/**
 * fm_html_extract:
 * @utf8: the page, already decoded to UTF-8
 *
 * Reads the article in a saved web page: its text, laid out for reading,
 * and its metadata. A fragment (markup without <html>, <head> or <body>,
 * as on the clipboard, or the part between StartFragment and EndFragment
 * comments) is read whole, less scripts and hidden parts, since it is what
 * the user chose. Fails with %FM_ERROR_EMPTY when there is no text to read
 * and %FM_ERROR_INVALID when even the start of the page nests too deep.
 *
 * Returns: (transfer full): the article
 */
FmHtmlArticle *
fm_html_extract (const char  *utf8,
                 gsize        len,
                 GError     **error)
{
  g_autoptr(FmHtmlArticle) result = NULL;
  g_autofree char *doc_title = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *published_tag = NULL;
  g_autofree char *byline = NULL;
  g_autofree char *best_byline = NULL;
  g_autofree char *best_text = NULL;
  glong best_len = -1;
  PageMeta pm = { 0 };
  Attempt at = { 0 };
  xmlNode *root;
  xmlNode *body;
  const char *site;
  const char *author;
  const char *lang;
  gboolean cut_short = FALSE;
  gboolean fragment;

  g_return_val_if_fail (utf8 != NULL || len == 0, NULL);

  if (len > G_MAXINT)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_TOO_LARGE, _("The page is too large to read"));
      return NULL;
    }

  init_once ();

  fragment = find_fragment (&utf8, &len);

  at.infos = g_ptr_array_new_with_free_func (g_free);
  at.removed = g_ptr_array_new ();
  at.byline = &byline;
  at.rules = RULES_ALL;
  at.doc = parse_utf8 (utf8, len, &cut_short);
  root = at.doc ? xmlDocGetRootElement (at.doc) : NULL;
  if (root == NULL)
    {
      attempt_clear (&at);
      g_ptr_array_unref (at.infos);
      g_ptr_array_unref (at.removed);
      g_set_error (error, FM_ERROR, FM_ERROR_EMPTY, _("The page has no text to read"));
      return NULL;
    }

  result = g_new0 (FmHtmlArticle, 1);

  pm.meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  pm.from_property = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  read_page_meta (&pm, root, &doc_title, &canonical, &published_tag);
  body = find_body (at.doc);
  site = first_of (meta_get (&pm, "og:site_name"), pm.ld_publisher, NULL, NULL);

  /* The title, best source first. JSON-LD may give both a headline and a
   * name; take the one that agrees with the document title. */
  {
    g_autofree char *cleaned = clean_doc_title (doc_title, site, body ? body : root);
    const char *ld = pm.ld_title ? pm.ld_title : pm.ld_name;

    if (pm.ld_title != NULL && pm.ld_name != NULL && strcmp (pm.ld_title, pm.ld_name) != 0
        && cleaned != NULL && text_similarity (pm.ld_name, cleaned) > 0.75
        && text_similarity (pm.ld_title, cleaned) <= 0.75)
      ld = pm.ld_name;

    result->title = g_strdup (first_of (ld, meta_get (&pm, "dc:title"),
                                        meta_get (&pm, "dcterm:title"),
                                        first_of (meta_get (&pm, "og:title"),
                                                  meta_get (&pm, "title"),
                                                  meta_get (&pm, "twitter:title"),
                                                  first_of (meta_get (&pm, "parsely-title"),
                                                            cleaned, NULL, NULL))));
  }

  author = first_of (pm.ld_author, meta_get (&pm, "dc:creator"), meta_get (&pm, "dcterm:creator"),
                     first_of (meta_get (&pm, "author"), meta_get (&pm, "parsely-author"),
                               NULL, NULL));
  if (author == NULL && !is_url (meta_get (&pm, "article:author")))
    author = meta_get (&pm, "article:author");
  result->author = g_strdup (author);

  result->published = g_strdup (first_of (pm.ld_published,
                                          meta_get (&pm, "article:published_time"),
                                          meta_get (&pm, "parsely-pub-date"),
                                          first_of (meta_get (&pm, "dc:date"),
                                                    meta_get (&pm, "dcterm:created"),
                                                    published_tag, NULL)));
  result->outlet = g_strdup (site);
  if (is_url (canonical))
    result->url = g_strdup (canonical);
  else if (is_url (meta_get (&pm, "og:url")))
    result->url = g_strdup (meta_get (&pm, "og:url"));
  else if (is_url (pm.ld_url))
    result->url = g_strdup (pm.ld_url);

  lang = attr (root, "lang");
  if (lang == NULL || *lang == '\0')
    lang = attr (root, "xml:lang");
  if (lang != NULL && *lang != '\0')
    result->lang = collapse (lang);
  else if (meta_get (&pm, "content-language") != NULL)
    result->lang = g_strdup (meta_get (&pm, "content-language"));

  /* Find the text: with every rule first, then with fewer. */
  for (;;)
    {
      xmlNode *article;
      g_autofree char *text = NULL;
      glong text_len;

      if (at.doc == NULL)
        at.doc = parse_utf8 (utf8, len, NULL);
      root = at.doc ? xmlDocGetRootElement (at.doc) : NULL;
      body = at.doc ? find_body (at.doc) : NULL;
      at.title = result->title;

      if (root == NULL || body == NULL)
        article = NULL;
      else if (fragment)
        article = NULL;
      else
        {
          remove_non_content (&at, root);
          /* A broken page can leave its <body> inside <head> or another
           * element that is never content; it went out with it, and the
           * search must not move nodes of a removed subtree back into the
           * page, which freed them twice (found by tests/fuzz/fuzz-html). */
          if (!is_in_tree (body, root))
            body = find_body (at.doc);
          if (body != NULL)
            {
              replace_break_runs (&at, body);
              article = find_article (&at, body);
            }
          else
            article = NULL;
        }

      if (fragment && body != NULL)
        text = layout_fragment (&at, root, body);
      else
        text = article ? layout_article (article) : g_strdup ("");
      text_len = g_utf8_strlen (text, -1);
      if (text_len > best_len)
        {
          g_free (best_text);
          best_text = g_steal_pointer (&text);
          best_len = text_len;
          /* The byline goes with the text it was taken out of. */
          g_free (best_byline);
          best_byline = g_steal_pointer (&byline);
        }
      g_clear_pointer (&byline, g_free);
      attempt_clear (&at);

      if (best_len >= MIN_ARTICLE_CHARS || fragment)
        break;
      if (at.rules & RULE_STRIP_UNLIKELY)
        at.rules &= ~RULE_STRIP_UNLIKELY;
      else if (at.rules & RULE_WEIGHT_CLASSES)
        at.rules &= ~RULE_WEIGHT_CLASSES;
      else if (at.rules & RULE_CLEAN_BLOCKS)
        at.rules &= ~RULE_CLEAN_BLOCKS;
      else
        break;
    }

  g_ptr_array_unref (at.infos);
  g_ptr_array_unref (at.removed);
  page_meta_clear (&pm);

  if (best_len <= 0)
    {
      if (cut_short)
        g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                     _("The page nests its elements more than 256 deep, and no text "
                       "could be read before that depth"));
      else
        g_set_error (error, FM_ERROR, FM_ERROR_EMPTY, _("The page has no text to read"));
      return NULL;
    }
  result->cut_short = cut_short;

  if (result->author == NULL && best_byline != NULL)
    result->author = g_steal_pointer (&best_byline);
  if (result->author != NULL)
    {
      char *tidy = tidy_byline (result->author);

      g_free (result->author);
      result->author = tidy;
    }
  result->text = g_steal_pointer (&best_text);
  return g_steal_pointer (&result);
}
