/* test-export-html.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* The HTML fact sheet: safe to open, and marking the article as the
 * annotations do. */

#include "config.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <string.h>

#include "export-fixture.h"
#include "fm-text.h"

static void
test_golden_html (void)
{
  check_golden (FM_EXPORT_FORMAT_HTML, "sample.html");
}

static const char * const html_elements[] = {
  "html", "head", "meta", "title", "style", "body", "header", "main", "section", "h1", "h2",
  "h3", "p", "a", "ol", "ul", "li", "blockquote", "dl", "dt", "dd", "span", "mark", "div",
  NULL,
};

static const char * const html_attributes[] = {
  "lang", "charset", "http-equiv", "content", "name", "id", "class", "href", "rel", "dir",
  "title", "data-entry", NULL,
};

typedef struct
{
  GHashTable *ids;
  GPtrArray  *fragments;
  guint       links;
  guint       web_links;
  GString    *style;
  char       *policy;
} HtmlScan;

static void
scan_html (xmlNode  *node,
           HtmlScan *scan)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE)
        {
          const char *name = (const char *) node->name;

          if (!g_strv_contains (html_elements, name))
            g_error ("unexpected element <%s> on line %d", name, node->line);

          for (xmlAttr *attr = node->properties; attr != NULL; attr = attr->next)
            {
              const char *attr_name = (const char *) attr->name;
              g_autofree char *value = (char *) xmlNodeGetContent ((xmlNode *) attr);

              if (!g_strv_contains (html_attributes, attr_name))
                g_error ("unexpected attribute %s=\"%s\" on <%s>", attr_name, value, name);

              if (g_str_equal (attr_name, "id"))
                {
                  g_assert_false (g_hash_table_contains (scan->ids, value));
                  g_hash_table_add (scan->ids, g_strdup (value));
                }
              else if (g_str_equal (attr_name, "href"))
                {
                  g_assert_cmpstr (name, ==, "a");
                  scan->links++;
                  if (value[0] == '#')
                    g_ptr_array_add (scan->fragments, g_strdup (value + 1));
                  else if (g_str_has_prefix (value, "https://") || g_str_has_prefix (value, "http://"))
                    scan->web_links++;
                  else
                    g_error ("link to “%s”", value);
                }
              else if (g_str_equal (attr_name, "content")
                       && xmlHasProp (node, (const xmlChar *) "http-equiv") != NULL)
                {
                  g_free (scan->policy);
                  scan->policy = g_strdup (value);
                }
            }

          if (g_str_equal (name, "style"))
            {
              g_autofree char *css = (char *) xmlNodeGetContent (node);
              g_string_append (scan->style, css);
            }
        }
      scan_html (node->children, scan);
    }
}

static void
check_html_safe (xmlDoc   *doc,
                 gboolean  with_text)
{
  HtmlScan scan = { 0 };
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  guint8 digest[32];
  gsize len = sizeof digest;
  g_autofree char *b64 = NULL;
  g_autofree char *hash_source = NULL;

  scan.ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  scan.fragments = g_ptr_array_new_with_free_func (g_free);
  scan.style = g_string_new (NULL);
  scan_html (xmlDocGetRootElement (doc), &scan);

  /* Every in-page link lands on an element. */
  for (guint i = 0; i < scan.fragments->len; i++)
    if (!g_hash_table_contains (scan.ids, g_ptr_array_index (scan.fragments, i)))
      g_error ("link to missing #%s", (char *) g_ptr_array_index (scan.fragments, i));

  /* Scripts are forbidden, and the one style sheet is the one allowed. */
  g_assert_nonnull (scan.policy);
  g_assert_nonnull (strstr (scan.policy, "default-src 'none'"));
  g_assert_nonnull (strstr (scan.policy, "script-src 'none'"));
  g_checksum_update (checksum, (const guchar *) scan.style->str, scan.style->len);
  g_checksum_get_digest (checksum, digest, &len);
  b64 = g_base64_encode (digest, len);
  hash_source = g_strdup_printf ("style-src 'sha256-%s'", b64);
  g_assert_nonnull (strstr (scan.policy, hash_source));
  g_assert_nonnull (strstr (scan.style->str, "@media print"));

  /* The article's URL, the report and the archive; not the javascript:
   * evidence nor the one with markup in it. */
  g_assert_cmpuint (scan.web_links, ==, 3);
  if (with_text)
    g_assert_cmpuint (scan.fragments->len, >, 2 * G_N_ELEMENTS (sample_spans));

  g_hash_table_unref (scan.ids);
  g_ptr_array_unref (scan.fragments);
  g_string_free (scan.style, TRUE);
  g_free (scan.policy);
}

static xmlDoc *
parse_xml (const char *html)
{
  /* The export is well-formed XML as well as HTML, so the strict XML parser
   * proves that every element is closed where it should be: marks split at
   * overlaps nest properly or this fails. */
  xmlDoc *doc = xmlReadMemory (html, strlen (html), "export.html", "UTF-8",
                               XML_PARSE_NONET);

  g_assert_nonnull (doc);
  return doc;
}

static xmlNode *
find_element (xmlNode    *node,
              const char *name,
              const char *class)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (node->type == XML_ELEMENT_NODE && g_str_equal ((const char *) node->name, name))
        {
          g_autofree char *value = (char *) xmlGetProp (node, (const xmlChar *) "class");

          if (class == NULL || g_strcmp0 (value, class) == 0)
            return node;
        }
      if ((found = find_element (node->children, name, class)) != NULL)
        return found;
    }
  return NULL;
}

static xmlNode *
find_by_id (xmlNode    *node,
            const char *id)
{
  for (; node != NULL; node = node->next)
    {
      xmlNode *found;

      if (node->type == XML_ELEMENT_NODE)
        {
          g_autofree char *value = (char *) xmlGetProp (node, (const xmlChar *) "id");

          if (g_strcmp0 (value, id) == 0)
            return node;
        }
      if ((found = find_by_id (node->children, id)) != NULL)
        return found;
    }
  return NULL;
}

static gboolean
is_ref (xmlNode *node)
{
  g_autofree char *class = NULL;

  if (node->type != XML_ELEMENT_NODE || !g_str_equal ((const char *) node->name, "a"))
    return FALSE;
  class = (char *) xmlGetProp (node, (const xmlChar *) "class");
  return g_strcmp0 (class, "ref") == 0;
}

typedef struct
{
  GString    *text;      /* the article's text as the marks hold it */
  glong       offset;    /* in code points */
  GHashTable *covered;   /* entry id -> GArray of gboolean per offset */
  glong       length;
  GPtrArray  *open;      /* entry ids of the marks around the node */
} MarkScan;

static void
scan_marks (xmlNode  *node,
            MarkScan *scan)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_TEXT_NODE)
        {
          const char *content = (const char *) node->content;
          glong n = g_utf8_strlen (content, -1);

          for (guint i = 0; i < scan->open->len; i++)
            {
              const char *entry = g_ptr_array_index (scan->open, i);
              GArray *cover = g_hash_table_lookup (scan->covered, entry);

              if (cover == NULL)
                {
                  cover = g_array_new (FALSE, TRUE, sizeof (gboolean));
                  g_array_set_size (cover, scan->length);
                  g_hash_table_insert (scan->covered, g_strdup (entry), cover);
                }
              for (glong k = scan->offset; k < scan->offset + n; k++)
                {
                  /* No span is marked twice over the same text. */
                  g_assert_false (g_array_index (cover, gboolean, k));
                  g_array_index (cover, gboolean, k) = TRUE;
                }
            }
          g_string_append (scan->text, content);
          scan->offset += n;
        }
      else if (node->type == XML_ELEMENT_NODE && !is_ref (node))
        {
          g_autofree char *entry = (char *) xmlGetProp (node, (const xmlChar *) "data-entry");

          g_assert_cmpstr ((const char *) node->name, ==, "mark");
          g_assert_nonnull (entry);
          g_ptr_array_add (scan->open, g_steal_pointer (&entry));
          scan_marks (node->children, scan);
          g_ptr_array_remove_index (scan->open, scan->open->len - 1);
        }
    }
}

static int
compare_spans (gconstpointer a,
               gconstpointer b)
{
  FmAnnotation *x = *(FmAnnotation **) a;
  FmAnnotation *y = *(FmAnnotation **) b;

  /* Orphans last, by quote, as the sheet numbers them. */
  if (fm_annotation_is_orphan (x) != fm_annotation_is_orphan (y))
    return fm_annotation_is_orphan (x) ? 1 : -1;
  if (fm_annotation_is_orphan (x) && g_strcmp0 (fm_annotation_get_quote (x),
                                                fm_annotation_get_quote (y)) != 0)
    return g_strcmp0 (fm_annotation_get_quote (x), fm_annotation_get_quote (y));
  if (fm_annotation_get_start (x) != fm_annotation_get_start (y))
    return fm_annotation_get_start (x) < fm_annotation_get_start (y) ? -1 : 1;
  if (fm_annotation_get_end (x) != fm_annotation_get_end (y))
    return fm_annotation_get_end (x) > fm_annotation_get_end (y) ? -1 : 1;
  return fm_annotation_get_id (x) < fm_annotation_get_id (y) ? -1 : 1;
}

/* Checks that the article in @doc is @text, and that the marks with
 * data-entry "KIND-N" cover exactly the span of the Nth annotation of that
 * kind in text order. An orphan has an entry but no mark. */
static void
check_marks (xmlDoc     *doc,
             const char *text,
             GPtrArray  *annotations)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_new_with_free_func (g_object_unref);
  MarkScan scan = { 0 };
  xmlNode *div = find_element (xmlDocGetRootElement (doc), "div", "text");
  guint counts[FM_N_KINDS] = { 0 };
  guint placed = 0;

  for (guint i = 0; i < annotations->len; i++)
    {
      g_ptr_array_add (sorted, g_object_ref (g_ptr_array_index (annotations, i)));
      if (!fm_annotation_is_orphan (g_ptr_array_index (annotations, i)))
        placed++;
    }
  g_ptr_array_sort (sorted, compare_spans);

  g_assert_nonnull (div);
  scan.text = g_string_new (NULL);
  scan.length = fm_text_length (text);
  scan.covered = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                        (GDestroyNotify) g_array_unref);
  scan.open = g_ptr_array_new_with_free_func (g_free);
  scan_marks (div->children, &scan);

  g_assert_cmpstr (scan.text->str, ==, text);
  g_assert_cmpuint (g_hash_table_size (scan.covered), ==, placed);

  for (guint i = 0; i < sorted->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (sorted, i);
      FmKind kind = fm_annotation_get_kind (a);
      g_autofree char *entry = g_strdup_printf ("%s-%u", fm_kind_to_string (kind), ++counts[kind]);
      g_autofree char *mark_id = g_strconcat ("mark-", entry, NULL);
      GArray *cover = g_hash_table_lookup (scan.covered, entry);
      g_autofree char *back = g_strconcat ("#", entry, NULL);
      g_autofree char *mark_entry = NULL;
      g_autofree char *ref_href = NULL;
      xmlNode *li = find_by_id (xmlDocGetRootElement (doc), entry);
      xmlNode *mark = find_by_id (xmlDocGetRootElement (doc), mark_id);
      xmlNode *ref;

      g_assert_nonnull (li);
      if (fm_annotation_is_orphan (a))
        {
          g_assert_null (cover);
          g_assert_null (mark);
          continue;
        }

      g_assert_nonnull (cover);
      for (glong k = 0; k < scan.length; k++)
        {
          gboolean inside = k >= fm_annotation_get_start (a) && k < fm_annotation_get_end (a);

          if (g_array_index (cover, gboolean, k) != inside)
            g_error ("%s: offset %ld is %s", entry, k, inside ? "not marked" : "marked");
        }

      /* The entry is there, its first mark carries the id the entry links
       * to, and the mark starts with a link back to the entry. */
      g_assert_nonnull (li);
      g_assert_cmpstr ((const char *) li->name, ==, "li");
      g_assert_nonnull (mark);
      g_assert_cmpstr ((const char *) mark->name, ==, "mark");
      mark_entry = (char *) xmlGetProp (mark, (const xmlChar *) "data-entry");
      g_assert_cmpstr (mark_entry, ==, entry);
      ref = xmlFirstElementChild (mark);
      g_assert_nonnull (ref);
      g_assert_true (is_ref (ref));
      g_assert_true (ref->prev == NULL);
      ref_href = (char *) xmlGetProp (ref, (const xmlChar *) "href");
      g_assert_cmpstr (ref_href, ==, back);
    }

  g_string_free (scan.text, TRUE);
  g_hash_table_unref (scan.covered);
  g_ptr_array_unref (scan.open);
}

static void
test_html_safe (void)
{
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GPtrArray) annotations = build_sample (&article);
  FmExportOptions options = FM_EXPORT_OPTIONS_INIT;

  for (int with_text = 0; with_text <= 1; with_text++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *html = NULL;
      xmlDoc *doc;
      xmlDoc *html_doc;

      options.with_text = with_text;
      html = fm_export_to_string (FM_EXPORT_FORMAT_HTML, article, annotations, &options, &error);
      g_assert_no_error (error);

      doc = parse_xml (html);
      check_html_safe (doc, with_text);
      if (with_text)
        check_marks (doc, sample_text, annotations);
      else
        g_assert_null (find_element (xmlDocGetRootElement (doc), "div", "text"));
      xmlFreeDoc (doc);

      /* What an HTML parser makes of it must pass too. */
      html_doc = htmlReadMemory (html, strlen (html), NULL, "UTF-8",
                                 HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
      g_assert_nonnull (html_doc);
      check_html_safe (html_doc, with_text);
      xmlFreeDoc (html_doc);

      /* The markup in the note and the title arrived as text. */
      g_assert_null (strstr (html, "<script"));
      g_assert_null (strstr (html, "<img"));
      g_assert_null (strstr (html, "<i>"));
      g_assert_nonnull (strstr (html, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"));
      g_assert_nonnull (strstr (html, "&#39;households&#39; 🏠"));
    }
}

static char *
get_text (xmlNode *node)
{
  return node != NULL ? (char *) xmlNodeGetContent (node) : NULL;
}

static char *
get_prop (xmlNode    *node,
          const char *name)
{
  return (char *) xmlGetProp (node, (const xmlChar *) name);
}

/* Whether any link in @node's subtree points at #@fragment. */
static gboolean
links_to (xmlNode    *node,
          const char *fragment)
{
  for (; node != NULL; node = node->next)
    {
      if (node->type == XML_ELEMENT_NODE && g_str_equal ((const char *) node->name, "a"))
        {
          g_autofree char *href = get_prop (node, "href");

          if (href != NULL && href[0] == '#' && g_str_equal (href + 1, fragment))
            return TRUE;
        }
      if (links_to (node->children, fragment))
        return TRUE;
    }
  return FALSE;
}

/* The changed claim has a badge and its first quote, and its mark says it
 * changed; the orphan is listed with its quote and a badge, with neither a
 * mark nor a link to one, and its link to its source still lands. */
static void
test_html_states (void)
{
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GPtrArray) annotations = build_sample (&article);
  FmExportOptions options = FM_EXPORT_OPTIONS_INIT;

  for (int with_text = 0; with_text <= 1; with_text++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *html = NULL;
      g_autofree char *changed_class = NULL;
      g_autofree char *orphan_class = NULL;
      g_autofree char *was = NULL;
      g_autofree char *changed_badge = NULL;
      g_autofree char *orphan_badge = NULL;
      g_autofree char *quote = NULL;
      g_autofree char *orphan_text = NULL;
      xmlDoc *doc;
      xmlDoc *html_doc;
      xmlNode *root;
      xmlNode *changed;
      xmlNode *orphan;

      options.with_text = with_text;
      html = fm_export_to_string (FM_EXPORT_FORMAT_HTML, article, annotations, &options, &error);
      g_assert_no_error (error);

      doc = parse_xml (html);
      check_html_safe (doc, with_text);
      if (with_text)
        check_marks (doc, sample_text, annotations);
      root = xmlDocGetRootElement (doc);

      changed = find_by_id (root, "claim-5");
      g_assert_nonnull (changed);
      changed_class = get_prop (changed, "class");
      g_assert_cmpstr (changed_class, ==, "entry claim changed");
      changed_badge = get_text (find_element (changed->children, "span", "state s-changed"));
      g_assert_cmpstr (changed_badge, ==, "Changed, not yet confirmed");
      was = get_text (find_element (changed->children, "dd", "was"));
      g_assert_cmpstr (was, ==, changed_original);

      orphan = find_by_id (root, "claim-6");
      g_assert_nonnull (orphan);
      /* After the placed claims. */
      g_assert_null (xmlNextElementSibling (orphan));
      orphan_class = get_prop (orphan, "class");
      g_assert_cmpstr (orphan_class, ==, "entry claim orphaned");
      orphan_badge = get_text (find_element (orphan->children, "span", "state s-orphaned"));
      g_assert_cmpstr (orphan_badge, ==, "Orphaned");
      quote = get_text (find_element (orphan->children, "blockquote", NULL));
      g_assert_cmpstr (quote, ==, orphan_quote);
      orphan_text = get_text (orphan);
      g_assert_nonnull (strstr (orphan_text, "Not found in the current text"));
      g_assert_null (strstr (orphan_text, "#char="));
      g_assert_true (links_to (orphan->children, "source-1"));
      g_assert_null (find_element (orphan->children, "dd", "link"));

      /* No mark, and nothing links to one. */
      g_assert_null (find_by_id (root, "mark-claim-6"));
      g_assert_false (links_to (root, "mark-claim-6"));

      if (with_text)
        {
          xmlNode *mark = find_by_id (root, "mark-claim-5");
          g_autofree char *mark_class = get_prop (mark, "class");
          g_autofree char *title = get_prop (mark, "title");

          g_assert_cmpstr (mark_class, ==, "claim changed");
          g_assert_cmpstr (title, ==, "Claim 5 · Mostly true · Changed, not yet confirmed");
          g_assert_true (links_to (changed->children, "mark-claim-5"));
        }
      else
        g_assert_false (links_to (root, "mark-claim-5"));
      xmlFreeDoc (doc);

      html_doc = htmlReadMemory (html, strlen (html), NULL, "UTF-8",
                                 HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING);
      g_assert_nonnull (html_doc);
      check_html_safe (html_doc, with_text);
      xmlFreeDoc (html_doc);

      /* The orphan's markup arrived as text. */
      g_assert_nonnull (strstr (html, "=Half the homes are &lt;b&gt;already&lt;/b&gt; | "
                                      "&quot;safe&quot;"));
      g_assert_null (strstr (html, "<b>"));
    }
}

/* Random spans on a text, many overlapping, and some orphans: the marks
 * must nest and cover exactly their spans whatever the arrangement, and an
 * orphan must not get one. */
static void
test_html_overlaps (void)
{
  const char *text = "Ünïcode 😀 text\nwith lines, <tags> & “quotes”, over and over again.\n";
  glong length = fm_text_length (text);

  for (guint32 seed = 1; seed <= 40; seed++)
    {
      g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
      g_autoptr(FmArticle) article = build_article (text);
      g_autoptr(GPtrArray) annotations = g_ptr_array_new_with_free_func (g_object_unref);
      g_autoptr(GError) error = NULL;
      g_autofree char *html = NULL;
      guint n = g_rand_int_range (rand, 1, 25);
      xmlDoc *doc;

      for (guint i = 0; i < n; i++)
        {
          glong start = g_rand_int_range (rand, 0, length);
          glong end = g_rand_int_range (rand, start + 1, MIN (length, start + 30) + 1);

          FmAnnotation *a = new_annotation (text, i, g_rand_int_range (rand, 0, FM_N_KINDS),
                                            start, end);

          /* Some lost their place in an update of the text. */
          if (g_rand_int_range (rand, 0, 6) == 0)
            fm_annotation_orphan (a);
          g_ptr_array_add (annotations, a);
        }

      html = fm_export_to_string (FM_EXPORT_FORMAT_HTML, article, annotations, NULL, &error);
      g_assert_no_error (error);
      doc = parse_xml (html);
      check_marks (doc, text, annotations);
      xmlFreeDoc (doc);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/export/golden/html", test_golden_html);
  g_test_add_func ("/export/html/safe", test_html_safe);
  g_test_add_func ("/export/html/states", test_html_states);
  g_test_add_func ("/export/html/overlaps", test_html_overlaps);

  return g_test_run ();
}
