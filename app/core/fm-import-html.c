/* fm-import-html.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-import-html"

#include "config.h"

#include "fm-import-html-private.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fm-types.h"

/* Finding the article. */

static void
insert_top (xmlNode **top,
            xmlNode  *candidate)
{
  double score = fm_html_score_of (candidate);

  for (guint i = 0; i < N_TOP_CANDIDATES; i++)
    {
      if (top[i] == NULL || score > fm_html_score_of (top[i]))
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

  for (xmlNode *a = node->parent; fm_html_is_element (a) && level < max_levels; a = a->parent, level++)
    if (a == ancestor)
      return TRUE;
  return FALSE;
}

/* Whether @node is never part of the article: hidden, a modal dialog, the
 * byline (which it takes), the heading that repeats the title (the first
 * one only) or, under the stricter rules, a part the class, id or role
 * calls navigation, comments and the like. */
static gboolean
is_removable (Attempt  *at,
              xmlNode  *node,
              xmlNode  *body,
              gboolean *drop_title_heading)
{
  const char *name = (const char *) node->name;
  g_autofree char *match = fm_html_class_and_id (node);
  const char *role;

  if (node != body && !fm_html_is_visible (node))
    return TRUE;

  role = fm_html_attr (node, "role");
  if (g_strcmp0 (fm_html_attr (node, "aria-modal"), "true") == 0 && g_strcmp0 (role, "dialog") == 0)
    return TRUE;

  if (node != body && fm_html_take_byline (at, node, match))
    return TRUE;

  if (*drop_title_heading && fm_html_heading_repeats_title (at, node))
    {
      *drop_title_heading = FALSE;
      return TRUE;
    }

  if ((at->rules & RULE_STRIP_UNLIKELY) && node != body)
    {
      if (fm_html_regex_match (fm_html_re_unlikely, match)
          && !fm_html_regex_match (fm_html_re_maybe, match)
          && !fm_html_has_ancestor (node, "table", FALSE)
          && !fm_html_has_ancestor (node, "code", FALSE)
          && strcmp (name, "a") != 0)
        return TRUE;
      if (role != NULL && fm_html_name_in (role, fm_html_unlikely_roles))
        return TRUE;
    }

  return (strcmp (name, "div") == 0 || strcmp (name, "section") == 0
          || strcmp (name, "header") == 0 || strcmp (name, "h1") == 0
          || fm_html_name_in (name, fm_html_heading_tags))
         && node != body && fm_html_is_empty_element (node);
}

/* A div that is really a paragraph becomes one: the only paragraph in it
 * stands in for it, or it is renamed when it holds no blocks. Returns the
 * node that takes the div's place, added to @to_score when it is a
 * paragraph now. */
static xmlNode *
simplify_div (Attempt   *at,
              xmlNode   *node,
              GPtrArray *to_score)
{
  xmlNode *only;

  fm_html_wrap_inline_runs (at, node);
  only = fm_html_single_child_with_tag (node, "p");
  if (only != NULL && fm_html_link_density (node) < 0.25)
    {
      /* The paragraph stands in for the div: keep what the div's
       * class and id said about it. */
      for (guint k = 0; k < 2; k++)
        {
          const char *key = k == 0 ? "class" : "id";
          const char *value = fm_html_attr (node, key);

          if (value != NULL && fm_html_attr (only, key) == NULL)
            xmlSetProp (only, (const xmlChar *) key, (const xmlChar *) value);
        }
      xmlUnlinkNode (only);
      xmlReplaceNode (node, only);
      g_ptr_array_add (at->removed, node);
      g_ptr_array_add (to_score, only);
      return only;
    }
  if (!fm_html_has_block_descendant (node))
    {
      fm_html_rename_node (node, "p");
      g_ptr_array_add (to_score, node);
    }
  return node;
}

/* Walks the body, removing what is never article text, and returns the
 * blocks of prose to score. */
static GPtrArray *
collect_blocks (Attempt *at,
                xmlNode *body)
{
  GPtrArray *to_score = g_ptr_array_new ();
  gboolean drop_title_heading = TRUE;

  for (xmlNode *node = body; node != NULL;)
    {
      const char *name = (const char *) node->name;

      if (is_removable (at, node, body, &drop_title_heading))
        {
          node = fm_html_remove_and_next (at, node);
          continue;
        }

      /* A table cell reads as a paragraph only when it holds text directly;
       * a cell of paragraphs is a layout column, scored through them. */
      if (fm_html_name_in (name, fm_html_scored_tags)
          && (strcmp (name, "td") != 0 || !fm_html_holds_paragraphs (node)))
        g_ptr_array_add (to_score, node);

      if (strcmp (name, "div") == 0)
        node = simplify_div (at, node, to_score);
      node = fm_html_next_element (node, FALSE);
    }
  return to_score;
}

/* Each block of prose gives points to the elements above it: most to its
 * parent, less to those further up. Fills @top with the best of them. */
static void
score_blocks (Attempt   *at,
              GPtrArray *to_score,
              xmlNode  **top)
{
  g_autoptr(GPtrArray) candidates = g_ptr_array_new ();

  for (guint i = 0; i < to_score->len; i++)
    {
      xmlNode *el = to_score->pdata[i];
      Counter counter;
      glong len;
      double points;
      guint level = 0;

      if (!fm_html_is_element (el->parent))
        continue;
      fm_html_measure (el, &counter);
      len = counter.chars;
      if (len < MIN_PARAGRAPH_CHARS)
        continue;
      /* A block that is mostly links is a menu or a list of stories, not
       * prose, however long. */
      if (fm_html_link_density (el) > 0.5)
        continue;

      points = 1 + counter.commas + MIN (len / 100, 3);
      for (xmlNode *a = el->parent; level < SCORE_LEVELS; a = a->parent, level++)
        {
          double divider = level == 0 ? 1 : level == 1 ? 2 : level * 3;

          if (!fm_html_is_element (a) || !fm_html_is_element (a->parent))
            break;
          if (!fm_html_is_scored (a))
            {
              fm_html_init_score (at, a);
              g_ptr_array_add (candidates, a);
            }
          fm_html_info_of (at, a)->score += points / divider;
        }
    }

  /* Text that is mostly links is a menu, however long. */
  for (guint i = 0; i < candidates->len; i++)
    {
      xmlNode *c = candidates->pdata[i];

      fm_html_info_of (at, c)->score *= 1 - fm_html_link_density (c);
      insert_top (top, c);
    }
}

/* Nothing stands out: the whole body, moved into a new div, is the
 * article. */
static xmlNode *
take_whole_body (Attempt *at,
                 xmlNode *body)
{
  xmlNode *all = xmlNewDocNode (at->doc, NULL, (const xmlChar *) "div", NULL);

  while (body->children != NULL)
    {
      xmlNode *c = body->children;

      xmlUnlinkNode (c);
      xmlAddChild (all, c);
    }
  xmlAddChild (body, all);
  fm_html_init_score (at, all);
  return all;
}

/* When several strong candidates share an ancestor, the article is
 * probably that ancestor, split into sections. */
static xmlNode *
shared_ancestor (xmlNode  *best,
                 xmlNode **top)
{
  guint close = 0;

  for (guint i = 1; i < N_TOP_CANDIDATES && top[i] != NULL; i++)
    if (fm_html_score_of (top[i]) / fm_html_score_of (best) >= 0.75)
      close++;
  if (close < 3)
    return best;

  for (xmlNode *parent = best->parent;
       fm_html_is_element (parent) && !fm_html_has_tag (parent, "body");
       parent = parent->parent)
    {
      guint holding = 0;

      for (guint i = 1; i < N_TOP_CANDIDATES && top[i] != NULL; i++)
        if (fm_html_score_of (top[i]) / fm_html_score_of (best) >= 0.75
            && is_ancestor_of (parent, top[i], SCORE_LEVELS * 100))
          holding++;
      if (holding >= 3)
        return parent;
    }
  return best;
}

/* Climbs while the parents score about as well: the article may be cut in
 * parts that each scored on their own. */
static xmlNode *
climb_parents (xmlNode *best)
{
  double last = fm_html_score_of (best);
  double floor = last / 3;

  for (xmlNode *parent = best->parent;
       fm_html_is_element (parent) && !fm_html_has_tag (parent, "body");
       parent = parent->parent)
    {
      double s;

      if (!fm_html_is_scored (parent))
        continue;
      s = fm_html_score_of (parent);
      if (s < floor)
        break;
      if (s > last)
        return parent;
      last = s;
    }
  return best;
}

/* The element that holds the article, from the best-scoring candidates. */
static xmlNode *
choose_best (Attempt  *at,
             xmlNode  *body,
             xmlNode **top)
{
  xmlNode *best = top[0];

  if (best == NULL || fm_html_has_tag (best, "body"))
    return take_whole_body (at, body);

  best = shared_ancestor (best, top);
  if (!fm_html_is_scored (best))
    fm_html_init_score (at, best);
  best = climb_parents (best);

  /* An only child says no more than its parent. */
  for (xmlNode *parent = best->parent;
       fm_html_is_element (parent) && !fm_html_has_tag (parent, "body")
       && fm_html_count_element_children (parent) == 1;
       parent = best->parent)
    best = parent;
  if (!fm_html_is_scored (best))
    fm_html_init_score (at, best);
  return best;
}

/* Whether the sibling @s of @best looks like more of the article. */
static gboolean
sibling_joins (Attempt *at,
               xmlNode *best,
               xmlNode *s,
               double   threshold)
{
  const char *cls = fm_html_attr (best, "class");
  const char *scls = fm_html_attr (s, "class");
  double bonus = 0;

  if (s == best)
    return TRUE;
  if (cls != NULL && *cls != '\0' && g_strcmp0 (cls, scls) == 0)
    bonus = fm_html_score_of (best) * 0.2;
  if (fm_html_is_scored (s) && fm_html_score_of (s) + bonus >= threshold)
    return TRUE;
  /* A short paragraph beside the article joins it unless its class says
   * it is a promotion, a share bar or the like. */
  if (fm_html_has_tag (s, "p") && fm_html_class_weight (at, s) >= 0)
    {
      g_autofree char *text = fm_html_inner_text (s);
      glong len = g_utf8_strlen (text, -1);
      double links = fm_html_link_density (s);

      if (len > 80 && links < 0.25)
        return TRUE;
      if (len < 80 && len > 0 && links == 0
          && (strstr (text, ". ") != NULL || g_str_has_suffix (text, ".")))
        return TRUE;
    }
  return FALSE;
}

/* Moves @best and the siblings that join it into a new element. */
static xmlNode *
gather_article (Attempt *at,
                xmlNode *best)
{
  xmlNode *article = xmlNewDocNode (at->doc, NULL, (const xmlChar *) "div", NULL);
  double threshold = MAX (10, fm_html_score_of (best) * 0.2);
  xmlNode *parent = best->parent;

  g_ptr_array_add (at->removed, article);
  for (xmlNode *s = parent ? parent->children : best; s != NULL;)
    {
      xmlNode *next = s->next;

      if (fm_html_is_element (s) && sibling_joins (at, best, s, threshold))
        {
          xmlUnlinkNode (s);
          xmlAddChild (article, s);
        }
      if (parent == NULL)
        break;
      s = next;
    }
  return article;
}

/* Scores the body and returns the new element holding the article, or
 * NULL when the page has no element at all. */
static xmlNode *
find_article (Attempt *at,
              xmlNode *body)
{
  g_autoptr(GPtrArray) to_score = collect_blocks (at, body);
  xmlNode *top[N_TOP_CANDIDATES + 1] = { NULL };
  xmlNode *article;

  score_blocks (at, to_score, top);
  article = gather_article (at, choose_best (at, body, top));
  fm_html_prepare_article (at, article);
  return article;
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
  return !fm_html_has_tag_named (*data, *len, "html") && !fm_html_has_tag_named (*data, *len, "body")
         && !fm_html_has_tag_named (*data, *len, "head") && !fm_html_has_tag_named (*data, *len, "!doctype");
}

/* Lays out a fragment whole, less what a browser would not show. */
static char *
layout_fragment (Attempt *at,
                 xmlNode *root,
                 xmlNode *body)
{
  fm_html_remove_non_content (at, root);
  for (xmlNode *n = body; n != NULL;)
    {
      if (n != body && fm_html_is_element (n) && !fm_html_is_visible (n))
        {
          xmlNode *next = fm_html_walk_next (n, body, FALSE);

          fm_html_remove_node (at, n);
          n = next;
        }
      else
        n = fm_html_walk_next (n, body, TRUE);
    }
  return fm_html_layout_article (body);
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
  for (xmlNode *n = root; n != NULL; n = fm_html_walk_next (n, root, TRUE))
    if (fm_html_has_tag (n, "body"))
      return n;
  return NULL;
}

/* Fills in what the page says about itself, each from its best source. */
static void
take_page_metadata (FmHtmlArticle *result,
                    PageMeta      *pm,
                    xmlNode       *root,
                    xmlNode       *body,
                    const char    *doc_title,
                    const char    *canonical,
                    const char    *published_tag)
{
  const char *site = fm_html_first_of (fm_html_meta_get (pm, "og:site_name"), pm->ld_publisher,
                                       NULL, NULL);
  const char *author;
  const char *lang;

  /* The title, best source first. JSON-LD may give both a headline and a
   * name; take the one that agrees with the document title. */
  {
    g_autofree char *cleaned = fm_html_clean_doc_title (doc_title, site, body ? body : root);
    const char *ld = pm->ld_title ? pm->ld_title : pm->ld_name;

    if (pm->ld_title != NULL && pm->ld_name != NULL && strcmp (pm->ld_title, pm->ld_name) != 0
        && cleaned != NULL && fm_html_text_similarity (pm->ld_name, cleaned) > 0.75
        && fm_html_text_similarity (pm->ld_title, cleaned) <= 0.75)
      ld = pm->ld_name;

    result->title = g_strdup (fm_html_first_of (ld, fm_html_meta_get (pm, "dc:title"),
                                                fm_html_meta_get (pm, "dcterm:title"),
                                                fm_html_first_of (fm_html_meta_get (pm, "og:title"),
                                                                  fm_html_meta_get (pm, "title"),
                                                                  fm_html_meta_get (pm, "twitter:title"),
                                                                  fm_html_first_of (fm_html_meta_get (pm, "parsely-title"),
                                                                                    cleaned, NULL, NULL))));
  }

  author = fm_html_first_of (pm->ld_author, fm_html_meta_get (pm, "dc:creator"),
                             fm_html_meta_get (pm, "dcterm:creator"),
                             fm_html_first_of (fm_html_meta_get (pm, "author"),
                                               fm_html_meta_get (pm, "parsely-author"),
                                               NULL, NULL));
  if (author == NULL && !fm_html_is_url (fm_html_meta_get (pm, "article:author")))
    author = fm_html_meta_get (pm, "article:author");
  result->author = g_strdup (author);

  result->published = g_strdup (fm_html_first_of (pm->ld_published,
                                                  fm_html_meta_get (pm, "article:published_time"),
                                                  fm_html_meta_get (pm, "parsely-pub-date"),
                                                  fm_html_first_of (fm_html_meta_get (pm, "dc:date"),
                                                                    fm_html_meta_get (pm, "dcterm:created"),
                                                                    published_tag, NULL)));
  result->outlet = g_strdup (site);
  if (fm_html_is_url (canonical))
    result->url = g_strdup (canonical);
  else if (fm_html_is_url (fm_html_meta_get (pm, "og:url")))
    result->url = g_strdup (fm_html_meta_get (pm, "og:url"));
  else if (fm_html_is_url (pm->ld_url))
    result->url = g_strdup (pm->ld_url);

  lang = fm_html_attr (root, "lang");
  if (lang == NULL || *lang == '\0')
    lang = fm_html_attr (root, "xml:lang");
  if (lang != NULL && *lang != '\0')
    result->lang = fm_html_collapse (lang);
  else if (fm_html_meta_get (pm, "content-language") != NULL)
    result->lang = g_strdup (fm_html_meta_get (pm, "content-language"));
}

/* One attempt at the text under the attempt's rules, on a fresh parse
 * when the last attempt used the page up. */
static char *
read_attempt (Attempt    *at,
              const char *utf8,
              gsize       len,
              gboolean    fragment)
{
  xmlNode *article = NULL;
  xmlNode *root;
  xmlNode *body;

  if (at->doc == NULL)
    at->doc = parse_utf8 (utf8, len, NULL);
  root = at->doc ? xmlDocGetRootElement (at->doc) : NULL;
  body = at->doc ? find_body (at->doc) : NULL;

  if (root != NULL && body != NULL && !fragment)
    {
      fm_html_remove_non_content (at, root);
      /* A broken page can leave its <body> inside <head> or another
       * element that is never content; it went out with it, and the
       * search must not move nodes of a removed subtree back into the
       * page, which freed them twice (found by tests/fuzz/fuzz-html). */
      if (!is_in_tree (body, root))
        body = find_body (at->doc);
      if (body != NULL)
        {
          fm_html_replace_break_runs (at, body);
          article = find_article (at, body);
        }
    }

  if (fragment && body != NULL)
    return layout_fragment (at, root, body);
  return article ? fm_html_layout_article (article) : g_strdup ("");
}

/* Drops the next cleaning rule for another attempt; FALSE when none is
 * left to drop. */
static gboolean
fewer_rules (Attempt *at)
{
  if (at->rules & RULE_STRIP_UNLIKELY)
    at->rules &= ~RULE_STRIP_UNLIKELY;
  else if (at->rules & RULE_WEIGHT_CLASSES)
    at->rules &= ~RULE_WEIGHT_CLASSES;
  else if (at->rules & RULE_CLEAN_BLOCKS)
    at->rules &= ~RULE_CLEAN_BLOCKS;
  else
    return FALSE;
  return TRUE;
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
  gboolean cut_short = FALSE;
  gboolean fragment;

  g_return_val_if_fail (utf8 != NULL || len == 0, NULL);

  if (len > G_MAXINT)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_TOO_LARGE, _("The page is too large to read"));
      return NULL;
    }

  fm_html_init_once ();

  fragment = find_fragment (&utf8, &len);

  at.infos = g_ptr_array_new_with_free_func (g_free);
  at.removed = g_ptr_array_new ();
  at.byline = &byline;
  at.rules = RULES_ALL;
  at.doc = parse_utf8 (utf8, len, &cut_short);
  root = at.doc ? xmlDocGetRootElement (at.doc) : NULL;
  if (root == NULL)
    {
      fm_html_attempt_clear (&at);
      g_ptr_array_unref (at.infos);
      g_ptr_array_unref (at.removed);
      g_set_error (error, FM_ERROR, FM_ERROR_EMPTY, _("The page has no text to read"));
      return NULL;
    }

  result = g_new0 (FmHtmlArticle, 1);

  pm.meta = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  pm.from_property = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fm_html_read_page_meta (&pm, root, &doc_title, &canonical, &published_tag);
  take_page_metadata (result, &pm, root, find_body (at.doc), doc_title, canonical, published_tag);

  /* Find the text: with every rule first, then with fewer. */
  at.title = result->title;
  do
    {
      g_autofree char *text = read_attempt (&at, utf8, len, fragment);
      glong text_len = g_utf8_strlen (text, -1);

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
      fm_html_attempt_clear (&at);
    }
  while (best_len < MIN_ARTICLE_CHARS && !fragment && fewer_rules (&at));

  g_ptr_array_unref (at.infos);
  g_ptr_array_unref (at.removed);
  fm_html_page_meta_clear (&pm);

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
      char *tidy = fm_html_tidy_byline (result->author);

      g_free (result->author);
      result->author = tidy;
    }
  result->text = g_steal_pointer (&best_text);
  return g_steal_pointer (&result);
}
