/* test-html.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "fm-import-html.h"
#include "fm-types.h"

/* The pages in tests/data/import mimic real news layouts: navigation,
 * related links, comments, share bars, bylines and JSON-LD around the
 * story. Each test checks that the story is read whole and that nothing
 * around it is. */

static FmHtmlArticle *
extract_fixture (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  FmHtmlArticle *article;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, &error));
  g_assert_no_error (error);
  article = fm_html_extract (data, len, &error);
  g_assert_no_error (error);
  g_assert_nonnull (article);
  g_assert_nonnull (article->text);
  return article;
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  if (strstr (text, needle) == NULL)
    g_error ("expected to find “%s” in:\n%s", needle, text);
}

static void
assert_lacks (const char *text,
              const char *needle)
{
  if (strstr (text, needle) != NULL)
    g_error ("did not expect “%s” in:\n%s", needle, text);
}

static void
test_article_jsonld (void)
{
  g_autoptr(FmHtmlArticle) a = extract_fixture ("news-article-jsonld.html");

  g_assert_cmpstr (a->title, ==, "Ferry fares to rise 12% from April");
  g_assert_cmpstr (a->author, ==, "Priya Natarajan");
  g_assert_cmpstr (a->published, ==, "2025-03-02T07:30:00+00:00");
  g_assert_cmpstr (a->outlet, ==, "The Harbour Gazette");
  g_assert_cmpstr (a->url, ==, "https://gazette.example.com/news/2025/03/02/ferry-fares-april");
  g_assert_cmpstr (a->lang, ==, "en-GB");

  /* The story, first paragraph to last, with its subheading and caption. */
  assert_contains (a->text, "Return tickets on the island ferry will cost 12% more");
  assert_contains (a->text, "A standard adult return will rise from £18.50 to £20.70.");
  assert_contains (a->text, "The morning sailing leaves Port Alder at 6.45am.");
  assert_contains (a->text, "\n\nCommuters angry\n\n");
  assert_contains (a->text, "before the next transport committee meeting on 18 March.");

  /* Nothing around it. */
  assert_lacks (a->text, "Sport");
  assert_lacks (a->text, "Share on Social");
  assert_lacks (a->text, "Council approves bridge repair");
  assert_lacks (a->text, "rip-off");
  assert_lacks (a->text, "Post comment");
  assert_lacks (a->text, "newsletter");
  assert_lacks (a->text, "All rights reserved");
  assert_lacks (a->text, "dataLayer");
  assert_lacks (a->text, "float: right");
  /* The heading repeating the title and the byline are metadata. */
  assert_lacks (a->text, "Ferry fares to rise 12% from April");
  assert_lacks (a->text, "Transport correspondent");
}

static void
test_div_soup (void)
{
  g_autoptr(FmHtmlArticle) a = extract_fixture ("news-div-soup.html");

  /* No og:title: the document title, without the site's name. */
  g_assert_cmpstr (a->title, ==, "Mill workers vote to strike over pay");
  g_assert_cmpstr (a->author, ==, "Dafydd Hughes");
  g_assert_null (a->outlet);
  g_assert_null (a->lang);

  assert_contains (a->text, "Workers at the Afon Mill paper plant have voted");
  assert_contains (a->text, "to arrange a meeting.");
  /* Entities decoded. */
  assert_contains (a->text, "\"disappointed\" by the result & that its offer was “fair and affordable”");
  /* Divs of text read as paragraphs. */
  assert_contains (a->text, "Tuesday evening.\n\nOf the 312 members balloted");

  assert_lacks (a->text, "Weather");
  assert_lacks (a->text, "Industry");
  assert_lacks (a->text, "Most read");
  assert_lacks (a->text, "Choir wins");
  assert_lacks (a->text, "WhatsApp");
  assert_lacks (a->text, "Advertisement");
  assert_lacks (a->text, "Forklift");
  assert_lacks (a->text, "Registered in Wales");
}

static void
test_microdata (void)
{
  g_autoptr(FmHtmlArticle) a = extract_fixture ("news-microdata.html");

  g_assert_cmpstr (a->title, ==, "Stadtrat beschließt neues Radwegenetz");
  /* The byline's schema.org name, without "Von". */
  g_assert_cmpstr (a->author, ==, "Jana Möller");
  g_assert_cmpstr (a->published, ==, "2025-02-14T18:05:00+01:00");
  g_assert_cmpstr (a->outlet, ==, "Nordkurier Beispiel");
  g_assert_cmpstr (a->url, ==, "https://nordkurier.example.de/lokales/radwege-beschluss");
  g_assert_cmpstr (a->lang, ==, "de");

  assert_contains (a->text, "Mit 31 zu 12 Stimmen hat der Stadtrat");
  assert_contains (a->text, "23,4 Millionen Euro");
  assert_contains (a->text, "rund ein Jahr dauern.");
  assert_lacks (a->text, "Lokales");
  assert_lacks (a->text, "Lesen Sie auch");
  assert_lacks (a->text, "Kommentare");
  assert_lacks (a->text, "Impressum");
}

static void
test_jsonld_graph (void)
{
  g_autoptr(FmHtmlArticle) a = extract_fixture ("news-jsonld-graph-fr.html");

  g_assert_cmpstr (a->title, ==, "La vendange 2024 en baisse de 18 % dans le Val");
  /* Several authors in JSON-LD are listed together. */
  g_assert_cmpstr (a->author, ==, "Claire Dubois, Marc Lefèvre");
  g_assert_cmpstr (a->published, ==, "2024-11-05T09:00:00+01:00");
  g_assert_cmpstr (a->outlet, ==, "L’Écho des Coteaux");
  g_assert_cmpstr (a->url, ==, "https://echo-coteaux.example.fr/actualite/vendange-2024");
  g_assert_cmpstr (a->lang, ==, "fr-FR");

  /* A no-break space reads as a space. */
  assert_contains (a->text, "a reculé de 18 % en 2024");
  assert_contains (a->text, "le 20 novembre pour examiner ces demandes.");
  assert_lacks (a->text, "Accueil");
  assert_lacks (a->text, "Partager");
  assert_lacks (a->text, "Quelle tristesse");
  assert_lacks (a->text, "Articles récents");
}

static void
test_layout (void)
{
  g_autoptr(FmHtmlArticle) a = extract_fixture ("news-liveblog-layout.html");

  g_assert_cmpstr (a->title, ==, "Budget day: what the chancellor announced");
  g_assert_cmpstr (a->author, ==, "Sam Okoro");
  g_assert_cmpstr (a->published, ==, "2025-03-26T12:00:00Z");

  /* A blank line between paragraphs, list items one per line. */
  assert_contains (a->text, "in its first year.\n\nThe main measures\n\n"
                            "• The personal allowance rises to £13,000 from April.\n"
                            "• The higher-rate threshold stays frozen until 2028.\n"
                            "• Employer national insurance falls by half a percentage point.\n\n");
  assert_contains (a->text, "1. The personal allowance increase, £2.9bn.\n"
                            "2. The national insurance cut, £1.6bn.");
  assert_contains (a->text, "\n\n“This is a budget for people who go out to work,” the chancellor "
                            "told MPs.\n\n");
  /* Table rows on their own lines, cells apart. */
  assert_contains (a->text, "Year\tGrowth\n2025\t1.1\n2026\t1.6");
  /* <br> breaks a line without a blank one. */
  assert_contains (a->text, "optimistic.\nThe Office for Budget Responsibility");
  /* <pre> keeps its spaces. */
  assert_contains (a->text, "Line one of the Treasury table\n    indented second line");
  /* Whitespace collapses; entities decode. */
  assert_contains (a->text, "Tax rises and cuts are listed in full in the Treasury’s “red book” & "
                            "its annexes.");

  assert_lacks (a->text, "hidden");
  assert_lacks (a->text, "decoration");
  assert_lacks (a->text, "script text");
  assert_lacks (a->text, "enable JavaScript");
  assert_lacks (a->text, "Template card");
  assert_lacks (a->text, "cookies");
  assert_lacks (a->text, "ADVERTISEMENT");
  assert_lacks (a->text, "Subscribe");
  assert_lacks (a->text, "Markets react");
  assert_lacks (a->text, "Politics");
  assert_lacks (a->text, "About");
}

static void
test_fragment (void)
{
  g_autoptr(FmHtmlArticle) a = extract_fixture ("clipboard-fragment.html");

  /* What a user copied is kept whole, links read as their text. */
  g_assert_cmpstr (a->text, ==,
                   "Copied passage: the minister said “no further cuts” would be made this year.\n"
                   "Officials later added that the figures were provisional.");
  g_assert_null (a->author);
}

static void
test_clipboard_fragments (void)
{
  /* A selection with a short list of links: the reader view would drop
   * the list as clutter, but the user chose it. */
  const char *selection =
    "<meta charset=\"utf-8\"><h2>Sources</h2><ul><li><a href=\"/a\">Audit office report</a></li>"
    "<li><a href=\"/b\">Council minutes</a></li></ul><p style=\"display:none\">hidden</p>"
    "<script>track()</script>";
  /* The clipboard format that wraps the selection in a whole page. */
  const char *wrapped =
    "<html><head><title>Whole page</title></head><body><nav>Menu</nav>"
    "<!--StartFragment--><p>Only <b>this</b> was selected.</p><!--EndFragment-->"
    "<footer>Footer</footer></body></html>";
  g_autoptr(GError) error = NULL;
  g_autoptr(FmHtmlArticle) a = fm_html_extract (selection, strlen (selection), &error);
  g_autoptr(FmHtmlArticle) b = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (a->text, ==, "Sources\n\n• Audit office report\n• Council minutes");

  b = fm_html_extract (wrapped, strlen (wrapped), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (b->text, ==, "Only this was selected.");
}

static void
test_no_text (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import",
                                                 "news-no-article-text.html", NULL);
  g_autofree char *data = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FmHtmlArticle) a = NULL;
  gsize len;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  a = fm_html_extract (data, len, &error);
  g_assert_null (a);
  g_assert_error (error, FM_ERROR, FM_ERROR_EMPTY);

  g_clear_error (&error);
  a = fm_html_extract ("", 0, &error);
  g_assert_null (a);
  g_assert_error (error, FM_ERROR, FM_ERROR_EMPTY);

  g_clear_error (&error);
  a = fm_html_extract ("<html><body><p>   </p><div></div></body></html>", 46, &error);
  g_assert_null (a);
  g_assert_error (error, FM_ERROR, FM_ERROR_EMPTY);
}

static void
test_title_cleaning (void)
{
  struct {
    const char *head;
    const char *body;
    const char *title;
  } cases[] = {
    /* The site's name, from og:site_name, is cut wherever it stands. */
    { "<title>Port reopens after storm | Coast Daily</title>"
      "<meta property=\"og:site_name\" content=\"Coast Daily\">",
      "", "Port reopens after storm" },
    { "<title>Coast Daily - Port reopens after storm</title>"
      "<meta property=\"og:site_name\" content=\"Coast Daily\">",
      "", "Port reopens after storm" },
    /* Without it, the part the page shows as its heading. */
    { "<title>Coast Daily :: Port reopens after storm</title>",
      "<h1>Port reopens after storm</h1>", "Port reopens after storm" },
    /* Else the part before the last separator, if it is long enough. */
    { "<title>Port reopens after the worst storm in years » Coast Daily</title>", "",
      "Port reopens after the worst storm in years" },
    /* A short leftover is likelier a section name: keep the whole title. */
    { "<title>Storm news | Coast Daily</title>", "", "Storm news | Coast Daily" },
    /* JSON-LD outranks the document title. */
    { "<title>Something else</title><script type=\"application/ld+json\">"
      "{\"@context\":\"https://schema.org\",\"@type\":\"ReportageNewsArticle\","
      "\"headline\":\"Port reopens\"}</script>",
      "", "Port reopens" },
    /* Dublin Core as a property outranks the same as a name. */
    { "<title>T</title><meta name=\"DC.title\" content=\"By name\">"
      "<meta property=\"dc:title\" content=\"By property\">", "", "By property" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *page = g_strdup_printf ("<html><head>%s</head><body>%s<p>The harbour "
                                               "reopened on Monday after three days.</p></body>"
                                               "</html>", cases[i].head, cases[i].body);
      g_autoptr(GError) error = NULL;
      g_autoptr(FmHtmlArticle) a = fm_html_extract (page, strlen (page), &error);

      g_assert_no_error (error);
      g_assert_cmpstr (a->title, ==, cases[i].title);
    }
}

static void
test_bylines (void)
{
  struct {
    const char *html;
    const char *author;
  } cases[] = {
    { "<meta name=\"author\" content=\"Ines Lopez\">", "Ines Lopez" },
    /* A URL is not a name. */
    { "<meta property=\"article:author\" content=\"https://social.example/ines\">", NULL },
    { "<meta property=\"article:author\" content=\"Ines Lopez\">", "Ines Lopez" },
    { "<div class=\"article-byline\">By Ines Lopez</div>", "Ines Lopez" },
    { "<a rel=\"author\" href=\"/ines\">Ines Lopez</a>", "Ines Lopez" },
    { "<p>by Ines Lopez — 4 May 2025</p>", "Ines Lopez" },
    /* A sentence starting "By" is prose. */
    { "<p>By the end of May the harbour had reopened.</p>", NULL },
    { "<p>By tradition</p>", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *page = g_strdup_printf ("<html><head><title>Harbour reopens after "
                                               "the storm</title>%s</head><body>%s"
                                               "<p>The harbour reopened on Monday after three "
                                               "days, the port authority said.</p></body></html>",
                                               g_str_has_prefix (cases[i].html, "<meta")
                                               ? cases[i].html : "",
                                               g_str_has_prefix (cases[i].html, "<meta")
                                               ? "" : cases[i].html);
      g_autoptr(GError) error = NULL;
      g_autoptr(FmHtmlArticle) a = fm_html_extract (page, strlen (page), &error);

      g_assert_no_error (error);
      g_assert_cmpstr (a->author, ==, cases[i].author);
      if (cases[i].author != NULL)
        assert_lacks (a->text, cases[i].author);
    }
}

static void
test_deep_nesting (void)
{
  g_autoptr(GString) page = g_string_new ("<html><body><p>");
  g_autoptr(GError) error = NULL;
  g_autoptr(FmHtmlArticle) a = NULL;

  /* Text first, then far too deep: the text is kept, the rest dropped and
   * said so, and nothing overflows. */
  for (guint i = 0; i < 20; i++)
    g_string_append (page, "Officials counted the ballots twice before midnight. ");
  g_string_append (page, "</p>");
  for (guint i = 0; i < 100000; i++)
    g_string_append (page, "<div>");
  g_string_append (page, "deep text");
  for (guint i = 0; i < 100000; i++)
    g_string_append (page, "</div>");

  a = fm_html_extract (page->str, page->len, &error);
  g_assert_no_error (error);
  assert_contains (a->text, "Officials counted the ballots twice");
  assert_lacks (a->text, "deep text");
  g_assert_true (a->cut_short);
  g_clear_pointer (&a, fm_html_article_free);

  /* All the text too deep: a clear error, not an empty article. */
  g_string_assign (page, "<html><body>");
  for (guint i = 0; i < 100000; i++)
    g_string_append (page, "<span>");
  g_string_append (page, "deep text");
  a = fm_html_extract (page->str, page->len, &error);
  g_assert_null (a);
  g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
}

static void
test_broken_markup (void)
{
  const char *pages[] = {
    "<p>Unclosed <b><i>tags <div><table><tr><td>cell<p>para</table></b> &amp; &#xZZ; "
      "&#99999999; <<<>>> <!-- a comment that never closes",
    "<html><body><p>Text<script>var s = \"</div></p>\";</script> after</p>",
    "</p></div></body></html>The harbour reopened on Monday after three days of storms.",
    "<html><body><p>The harbour reopened<br><br><br><br>after three days of storms, "
      "the authority said.<br><br></p></body></html>",
    "<html><head><script type=\"application/ld+json\">{ not json [</script></head>"
      "<body><p>The harbour reopened after three days of storms.</p></body></html>",
    "<html><head><script type=\"application/ld+json\">[[[[[[[[[[[[[[[[{\"@type\":\"NewsArticle\","
      "\"author\":[[[[{\"name\":1}]]]]}]]]]]]]]]]]]]]]</script></head>"
      "<body><p>The harbour reopened after three days of storms.</p></body></html>",
  };

  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FmHtmlArticle) a = fm_html_extract (pages[i], strlen (pages[i]), &error);

      /* Whatever libxml2 makes of it, we get text or a clear error. */
      if (a == NULL)
        g_assert_error (error, FM_ERROR, FM_ERROR_EMPTY);
      else
        g_assert_true (g_utf8_validate (a->text, -1, NULL));
    }
}

static void
test_huge_attribute (void)
{
  g_autoptr(GString) page = g_string_new ("<html><body><div class=\"");
  g_autoptr(GError) error = NULL;
  g_autoptr(FmHtmlArticle) a = NULL;

  for (guint i = 0; i < 4 * 1024 * 1024; i++)
    g_string_append_c (page, i % 7 ? 'x' : ' ');
  g_string_append (page, "\"><p>The harbour reopened on Monday after three days of storms.</p>"
                         "</div><a href=\"");
  for (guint i = 0; i < 1024 * 1024; i++)
    g_string_append_c (page, 'y');
  g_string_append (page, "\">link</a></body></html>");

  a = fm_html_extract (page->str, page->len, &error);
  g_assert_no_error (error);
  assert_contains (a->text, "The harbour reopened on Monday");
}

static void
test_large_page_is_fast (void)
{
  g_autoptr(GString) page = g_string_new ("<!DOCTYPE html><html><head><title>Big</title></head>"
                                          "<body><nav><ul>");
  g_autoptr(GError) error = NULL;
  g_autoptr(FmHtmlArticle) a = NULL;
  guint blocks = 0;
  double seconds;

  for (guint i = 0; i < 200; i++)
    g_string_append_printf (page, "<li><a href=\"/s%u\">Section %u</a></li>", i, i);
  g_string_append (page, "</ul></nav><article>");
  while (page->len < 5 * 1024 * 1024)
    {
      g_string_append_printf (page, "<div class=\"block\"><p>Paragraph %u tells how the "
                              "council, the port and the ferry company argued, again and at "
                              "length, over who pays for the new quay.</p><ul class=\"related\">"
                              "<li><a href=\"/r%u\">Related %u</a></li></ul></div>",
                              blocks, blocks, blocks);
      blocks++;
    }
  g_string_append (page, "</article></body></html>");

  g_test_timer_start ();
  a = fm_html_extract (page->str, page->len, &error);
  seconds = g_test_timer_elapsed ();
  g_assert_no_error (error);
  assert_contains (a->text, "Paragraph 0 tells how");
  assert_contains (a->text, "Paragraph 1000 tells how");
  g_test_message ("5 MB page: %u blocks in %.2f s", blocks, seconds);
  /* Well under a second on a developer machine; the bound leaves room for
   * slow CI, but catches anything quadratic, which takes minutes. */
  g_assert_cmpfloat (seconds, <, 10.0);
}

static void
test_sniff (void)
{
  struct {
    const char *data;
    gboolean    html;
  } cases[] = {
    { "<!DOCTYPE html><html>", TRUE },
    { "\xEF\xBB\xBF  <!doctype HTML>", TRUE },
    { "<!-- saved from url=(0014)about:internet -->\n<html lang=\"en\">", TRUE },
    { "<?xml version=\"1.0\"?>\n<html xmlns=\"http://www.w3.org/1999/xhtml\">", TRUE },
    { "<HEAD><TITLE>x</TITLE>", TRUE },
    { "<body>", TRUE },
    { "<htmlish>", FALSE },
    { "The <html> tag starts a page.", FALSE },
    { "Title: Something\n\n<p>not a page</p>", FALSE },
    { "", FALSE },
  };
  struct {
    const char *data;
    const char *charset;
  } charsets[] = {
    { "<meta charset=\"windows-1252\">", "windows-1252" },
    { "<META HTTP-EQUIV=\"Content-Type\" CONTENT=\"text/html; charset=ISO-8859-15\">",
      "iso-8859-15" },
    { "<meta charset=utf-8>", "utf-8" },
    { "<meta name=\"description\" content=\"charset\">", NULL },
    { "<p>charset=koi8-r</p>", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (fm_html_looks_like_html (cases[i].data, strlen (cases[i].data)), ==,
                     cases[i].html);
  for (guint i = 0; i < G_N_ELEMENTS (charsets); i++)
    {
      g_autofree char *cs = fm_html_declared_charset (charsets[i].data,
                                                      strlen (charsets[i].data));

      g_assert_cmpstr (cs, ==, charsets[i].charset);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/html/article-jsonld", test_article_jsonld);
  g_test_add_func ("/html/div-soup", test_div_soup);
  g_test_add_func ("/html/microdata", test_microdata);
  g_test_add_func ("/html/jsonld-graph", test_jsonld_graph);
  g_test_add_func ("/html/layout", test_layout);
  g_test_add_func ("/html/fragment", test_fragment);
  g_test_add_func ("/html/clipboard-fragments", test_clipboard_fragments);
  g_test_add_func ("/html/no-text", test_no_text);
  g_test_add_func ("/html/title-cleaning", test_title_cleaning);
  g_test_add_func ("/html/bylines", test_bylines);
  g_test_add_func ("/html/deep-nesting", test_deep_nesting);
  g_test_add_func ("/html/broken-markup", test_broken_markup);
  g_test_add_func ("/html/huge-attribute", test_huge_attribute);
  g_test_add_func ("/html/large-page-is-fast", test_large_page_is_fast);
  g_test_add_func ("/html/sniff", test_sniff);

  return g_test_run ();
}
