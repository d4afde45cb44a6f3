/* test-import.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>

#include "fm-import.h"
#include "fm-text.h"
#include "fm-types.h"

/* The story every encoding fixture holds, as it reads once imported. */
static const char story[] =
  "The river authority will close the Eastgate lock for six weeks from 3 June to replace "
  "its upper gates, which date from 1964.\n\n"
  "Boat owners were told on Monday that the closure would cost the authority €1.8 million "
  "and that moorings above the lock would be free of charge while it lasts.\n\n"
  "“We know the timing is bad for the summer season,” said the authority’s engineer, "
  "Ingrid Solberg. “The gates cannot wait another year.”\n";

static char *
fixture_path (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
}

static FmArticle *
import_fixture (const char      *name,
                FmImportReport **report)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  FmArticle *article = fm_import_file_full (file, report, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (article);
  /* Whatever came in, what comes out is canonical. */
  g_assert_true (fm_text_is_canonical (fm_article_get_text (article)));
  return article;
}

static GError *
import_fixture_error (const char *name)
{
  g_autofree char *path = fixture_path (name);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(FmImportReport) report = NULL;
  GError *error = NULL;
  g_autoptr(FmArticle) article = fm_import_file_full (file, &report, NULL, &error);

  g_assert_null (article);
  g_assert_null (report);
  g_assert_nonnull (error);
  return error;
}

static gboolean
has_warning (FmImportReport *report,
             const char     *part)
{
  for (guint i = 0; i < report->warnings->len; i++)
    if (strstr (g_ptr_array_index (report->warnings, i), part) != NULL)
      return TRUE;
  return FALSE;
}

static void
test_encodings (void)
{
  struct {
    const char *file;
    const char *encoding;
  } cases[] = {
    { "text-utf8-bom.txt", "UTF-8" },
    { "text-utf16le-bom.txt", "UTF-16LE" },
    { "text-utf16be-bom.txt", "UTF-16BE" },
    { "text-windows-1252.txt", "windows-1252" },
  };
  g_autofree char *expected = g_strconcat ("Eastgate lock to close for six weeks\n\n", story, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FmImportReport) report = NULL;
      g_autoptr(FmArticle) a = import_fixture (cases[i].file, &report);

      g_test_message ("%s", cases[i].file);
      g_assert_cmpstr (report->encoding, ==, cases[i].encoding);
      g_assert_cmpuint (report->warnings->len, ==, 0);
      g_assert_cmpint (report->format, ==, FM_IMPORT_FORMAT_TEXT);
      /* The same text whatever the bytes, CRLF and BOM gone. */
      g_assert_cmpstr (fm_article_get_text (a), ==, expected);
      g_assert_cmpstr (fm_article_get_title (a), ==, "Eastgate lock to close for six weeks");
    }
}

static void
test_replacement (void)
{
  struct {
    const char *file;
    const char *encoding;
    const char *text;
    const char *warning;
  } cases[] = {
    /* An unassigned Windows-1252 byte. */
    { "text-windows-1252-undefined.txt", "windows-1252",
      "Café prices rose by 8 € \xEF\xBF\xBD over the year.\n", "replaced" },
    /* One broken byte in good UTF-8 is a damaged UTF-8 file, not Windows-1252. */
    { "text-utf8-damaged.txt", "UTF-8",
      "Zürich, Genève and Köln each reported growth; Málaga and Øresund did too. "
      "\xEF\xBF\xBD The rest is fine: naïve café résumé.\n", "replaced" },
    /* Cut off inside a character. */
    { "text-truncated-utf8.txt", "UTF-8",
      "The report was published in Zürich on Tuesday and ran to 40 pages about the "
      "caf\xEF\xBF\xBD", "cut off" },
    { "text-truncated-utf16le.txt", "UTF-16LE",
      "The file was copied from a device that lost power\xEF\xBF\xBD", "cut off" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FmImportReport) report = NULL;
      g_autoptr(FmArticle) a = import_fixture (cases[i].file, &report);

      g_test_message ("%s", cases[i].file);
      g_assert_cmpstr (report->encoding, ==, cases[i].encoding);
      g_assert_cmpstr (fm_article_get_text (a), ==, cases[i].text);
      g_assert_true (has_warning (report, cases[i].warning));
    }
}

static void
test_encoding_in_memory (void)
{
  struct {
    const char *data;
    gsize       len;
    const char *mime_type;
    const char *encoding;
    const char *text;
    guint       warnings;
  } cases[] = {
    /* Plain ASCII is UTF-8. */
    { "plain words", 11, NULL, "UTF-8", "plain words", 0 },
    /* Latin-1 text without a label reads as Windows-1252. */
    { "na\xEFve caf\xE9 \x93quoted\x94", 19, NULL, "windows-1252", "naïve café “quoted”", 0 },
    /* UTF-16 without a BOM is still recognised. */
    { "h\0i\0 \0t\0h\0e\0r\0e\0", 16, NULL, "UTF-16LE", "hi there", 0 },
    /* A NUL inside UTF-16 is replaced, not kept. */
    { "\xFF\xFE" "a\0\0\0b\0", 8, NULL, "UTF-16LE", "a\xEF\xBF\xBD" "b", 1 },
    /* An unpaired surrogate. */
    { "\xFE\xFF\xD8\x00\x00x", 6, NULL, "UTF-16BE", "\xEF\xBF\xBDx", 1 },
    /* The mime type's charset, as the clipboard gives it. */
    { "c\0a\0f\0\xE9\0", 8, "text/plain;charset=utf-16", "UTF-16LE", "café", 0 },
    { "caf\xE9", 4, "text/plain; charset=\"ISO-8859-1\"", "windows-1252", "café", 0 },
    /* A charset that only iconv knows. */
    { "\xE1\xD7\xD4\xCF\xD2", 5, "text/plain; charset=KOI8-R", "KOI8-R", "Автор", 0 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(FmImportReport) report = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(FmArticle) a = fm_import_data_full (cases[i].data, cases[i].len, NULL,
                                                     cases[i].mime_type, &report, NULL, &error);

      g_test_message ("case %u", i);
      g_assert_no_error (error);
      g_assert_cmpstr (report->encoding, ==, cases[i].encoding);
      g_assert_cmpstr (fm_article_get_text (a), ==, cases[i].text);
      g_assert_cmpuint (report->warnings->len, ==, cases[i].warnings);
    }
}

static void
test_metadata_block (void)
{
  g_autoptr(FmImportReport) report = NULL;
  g_autoptr(FmArticle) a = import_fixture ("text-utf8.txt", &report);

  g_assert_cmpstr (fm_article_get_title (a), ==, "Eastgate lock to close for six weeks");
  g_assert_cmpstr (fm_article_get_author (a), ==, "Tomasz Wiśniewski");
  g_assert_cmpstr (fm_article_get_published (a), ==, "2025-05-12");
  g_assert_cmpstr (fm_article_get_outlet (a), ==, "The Canal Review");
  g_assert_cmpstr (fm_article_get_url (a), ==,
                   "https://canal-review.example.org/2025/05/12/eastgate-lock");
  g_assert_cmpstr (fm_article_get_lang (a), ==, "en");
  /* The block is metadata, not text to annotate. */
  g_assert_cmpstr (fm_article_get_text (a), ==, story);
}

static void
test_metadata_variants (void)
{
  g_autoptr(FmArticle) a = import_fixture ("text-metadata-variants.txt", NULL);
  g_autoptr(FmArticle) b = import_fixture ("text-not-metadata.txt", NULL);

  g_assert_cmpstr (fm_article_get_title (a), ==, "Night trains return to the coast line");
  g_assert_cmpstr (fm_article_get_author (a), ==, "Ana Ruiz");
  g_assert_cmpstr (fm_article_get_published (a), ==, "2025-04-02");
  g_assert_cmpstr (fm_article_get_outlet (a), ==, "Coastal Times");
  g_assert_cmpstr (fm_article_get_url (a), ==, "https://coastal.example.net/night-trains");
  /* "By the end of the month" is the text, not a byline. */
  g_assert_true (g_str_has_prefix (fm_article_get_text (a), "By the end of the month"));

  /* Prose that starts like metadata stays prose. */
  g_assert_null (fm_article_get_author (b));
  g_assert_null (fm_article_get_url (b));
  g_assert_true (g_str_has_prefix (fm_article_get_text (b), "By the end of the year"));
  g_assert_nonnull (strstr (fm_article_get_text (b), "Source: figures from"));
}

static void
test_date_line_and_markers (void)
{
  g_autoptr(FmArticle) a = import_fixture ("text-date-first-line.txt", NULL);

  /* "date 2025-01-17" opens the first line and the story follows on it. */
  g_assert_cmpstr (fm_article_get_published (a), ==, "2025-01-17");
  g_assert_cmpstr (fm_article_get_text (a), ==,
                   "Fishing crews in the northern ports stayed ashore for a second day on "
                   "Thursday as gales closed the harbour mouth.\n\n"
                   "The harbour master said boats would be allowed out once the swell dropped "
                   "below three metres, which forecasters expect on Saturday.\n\n"
                   "Crews lose about 400 a day, according to the fishermen's cooperative.\n");
}

static void
test_front_matter_markdown (void)
{
  g_autoptr(FmImportReport) report = NULL;
  g_autoptr(FmArticle) a = import_fixture ("front-matter.md", &report);

  g_assert_cmpint (report->format, ==, FM_IMPORT_FORMAT_MARKDOWN);
  g_assert_cmpstr (fm_article_get_title (a), ==, "Library opening hours cut on Sundays");
  g_assert_cmpstr (fm_article_get_author (a), ==, "Hana Kobayashi, Leo O'Brien");
  g_assert_cmpstr (fm_article_get_published (a), ==, "2025-02-20");
  g_assert_cmpstr (fm_article_get_outlet (a), ==, "Town News");
  g_assert_cmpstr (fm_article_get_url (a), ==, "https://townnews.example.com/library-hours");
  g_assert_cmpstr (fm_article_get_text (a), ==,
                   "Library opening hours cut on Sundays\n\n"
                   "The central library will close at 1pm on Sundays from March, the council "
                   "said, after a review found that fewer than 40 people visit after lunch.\n\n"
                   "What changes\n\n"
                   "• Sunday hours: 10am to 1pm\n"
                   "• Weekday hours stay the same\n"
                   "• The children's room keeps its Saturday sessions\n\n"
                   "1. The change saves £46,000 a year.\n"
                   "2. Two posts will not be refilled.\n\n"
                   "\"We would rather keep seven days than close a branch,\" a spokesperson "
                   "said.\n\n"
                   "Read the full report or see https://townnews.example.com/hours for the "
                   "times. Snake_case_names stay as they are, and an escaped *star* stays "
                   "too.\n\n"
                   "Day\tBefore\tAfter\n"
                   "Sunday\t10–4\t10–1\n\n"
                   "opening_hours = { \"sun\": \"10-13\" }");
}

static void
test_markdown (void)
{
  g_autoptr(FmArticle) a = import_fixture ("markdown.md", NULL);

  g_assert_cmpstr (fm_article_get_title (a), ==, "Heading with underline");
  g_assert_cmpstr (fm_article_get_text (a), ==,
                   "Heading with underline\n\n"
                   "A paragraph with inline code, struck text and strong words. It continues "
                   "on a second line.\nThis line follows a hard break.\n\n"
                   "Last paragraph.");
}

static void
test_markdown_emphasis (void)
{
  const char *md = "**bold** and *it* and snake_case_name, 2 * 3 * 4, a*b*c, ~~gone~~, "
                   "__under__ _em_ and ***both***, **unclosed and * lone.";
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) a = fm_import_data_full (md, strlen (md), "e.md", NULL, NULL, NULL,
                                                 &error);
  g_autoptr(GString) stars = g_string_new (NULL);
  g_autoptr(GString) unders = g_string_new (NULL);
  g_autoptr(FmArticle) b = NULL;
  g_autoptr(FmArticle) c = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (fm_article_get_text (a), ==,
                   "bold and it and snake_case_name, 2 * 3 * 4, abc, gone, under em and both, "
                   "**unclosed and * lone.");

  /* A paragraph of delimiters that never close takes linear time, not the
   * minutes a backtracking pattern needs. */
  for (guint i = 0; i < 200000; i++)
    {
      g_string_append (stars, "**a ");
      g_string_append (unders, "_a ");
    }
  g_test_timer_start ();
  b = fm_import_data_full (stars->str, stars->len, "s.md", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  c = fm_import_data_full (unders->str, unders->len, "u.md", NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (g_test_timer_elapsed (), <, 10.0);
  g_assert_true (g_str_has_prefix (fm_article_get_text (b), "**a **a"));
}

static void
test_html_pages (void)
{
  g_autoptr(FmImportReport) report = NULL;
  g_autoptr(FmArticle) a = import_fixture ("news-windows-1252.html", &report);
  g_autoptr(FmArticle) b = NULL;

  /* The charset the page declares. */
  g_assert_cmpint (report->format, ==, FM_IMPORT_FORMAT_HTML);
  g_assert_cmpstr (report->encoding, ==, "windows-1252");
  g_assert_cmpstr (fm_article_get_title (a), ==, "Café owners fight new parking rules");
  g_assert_cmpstr (fm_article_get_author (a), ==, "María Fernández");
  g_assert_true (g_str_has_prefix (fm_article_get_text (a),
                                   "Owners of six cafés on Quay Street say the council’s new "
                                   "“short stay” parking rules"));
  g_assert_nonnull (strstr (fm_article_get_text (a), "€1.20 for each half hour."));
  g_assert_null (strstr (fm_article_get_text (a), "Classifieds"));
  g_assert_null (strstr (fm_article_get_text (a), "Letters to the editor"));

  /* All six news pages import, each with its title and a text that starts
   * with its story. */
  {
    struct {
      const char *file;
      const char *title;
      const char *start;
    } pages[] = {
      { "news-article-jsonld.html", "Ferry fares to rise 12% from April", "2 March 2025\n\nReturn tickets" },
      { "news-div-soup.html", "Mill workers vote to strike over pay", "Workers at the Afon Mill" },
      { "news-microdata.html", "Stadtrat beschließt neues Radwegenetz", "Mit 31 zu 12 Stimmen" },
      { "news-jsonld-graph-fr.html", "La vendange 2024 en baisse de 18 % dans le Val",
        "La récolte de raisin" },
      { "news-liveblog-layout.html", "Budget day: what the chancellor announced",
        "The main measures, the numbers" },
    };

    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        g_autoptr(FmImportReport) r = NULL;
        g_autoptr(FmArticle) p = import_fixture (pages[i].file, &r);

        g_test_message ("%s", pages[i].file);
        g_assert_cmpint (r->format, ==, FM_IMPORT_FORMAT_HTML);
        g_assert_cmpstr (r->encoding, ==, "UTF-8");
        g_assert_cmpstr (fm_article_get_title (p), ==, pages[i].title);
        g_assert_true (g_str_has_prefix (fm_article_get_text (p), pages[i].start));
      }
  }

  /* A page cut off mid-tag still gives what it has. */
  b = import_fixture ("truncated.html", NULL);
  g_assert_cmpstr (fm_article_get_title (b), ==, "Water bills to rise");
  g_assert_true (g_str_has_suffix (fm_article_get_text (b), "ordered by the reg"));
}

static void
test_html_mislabelled (void)
{
  /* Declared UTF-8 but written in Windows-1252: read as what it is, and say so. */
  const char page[] = "<html><head><meta charset=\"utf-8\"><title>Caf\xE9</title></head><body>"
                      "<p>The caf\xE9 on the corner reopened on Monday after three months of "
                      "repairs, its owner said.</p></body></html>";
  g_autoptr(FmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) a = fm_import_data_full (page, sizeof page - 1, "page.html", NULL,
                                                 &report, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (report->encoding, ==, "windows-1252");
  g_assert_true (has_warning (report, "UTF-8"));
  g_assert_cmpstr (fm_article_get_text (a), ==,
                   "The café on the corner reopened on Monday after three months of repairs, "
                   "its owner said.");
}

static void
test_mime_hint (void)
{
  const char fragment[] = "<b>Quoted:</b> the figures <i>were</i> provisional.";
  const char tagged[] = "<html><body><p>Shown as markup</p></body></html>";
  g_autoptr(FmImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) a = NULL;
  gsize len;
  g_autofree char *u16 = NULL;

  /* Clipboard HTML: a fragment, no name. */
  a = fm_import_data_full (fragment, sizeof fragment - 1, NULL, "text/html", &report, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->format, ==, FM_IMPORT_FORMAT_HTML);
  g_assert_cmpstr (fm_import_format_to_string (report->format), ==, "html");
  g_assert_cmpstr (fm_article_get_text (a), ==, "Quoted: the figures were provisional.");
  g_clear_object (&a);
  g_clear_pointer (&report, fm_import_report_free);

  /* Some systems put HTML on the clipboard as UTF-16. */
  u16 = g_convert ("<p>Caf\xC3\xA9 owners protest</p>", -1, "UTF-16LE", "UTF-8", NULL, &len, NULL);
  a = fm_import_data_full (u16, len, NULL, "text/html; charset=utf-16", &report, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report->encoding, ==, "UTF-16LE");
  g_assert_cmpstr (fm_article_get_text (a), ==, "Café owners protest");
  g_clear_object (&a);
  g_clear_pointer (&report, fm_import_report_free);

  /* Plain text that looks like markup stays text when the type says so. */
  a = fm_import_data_full (tagged, sizeof tagged - 1, NULL, "text/plain", &report, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->format, ==, FM_IMPORT_FORMAT_TEXT);
  g_assert_cmpstr (fm_article_get_text (a), ==, tagged);
  g_clear_object (&a);
  g_clear_pointer (&report, fm_import_report_free);

  /* And without a type, a page is recognised whatever its name. */
  a = fm_import_data_full (tagged, sizeof tagged - 1, "saved.txt", NULL, &report, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->format, ==, FM_IMPORT_FORMAT_HTML);
  g_assert_cmpstr (fm_article_get_text (a), ==, "Shown as markup");
  g_clear_object (&a);
  g_clear_pointer (&report, fm_import_report_free);

  /* Markdown by type. */
  a = fm_import_data_full ("# Head\n\n*Body*", 14, NULL, "text/markdown", &report, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->format, ==, FM_IMPORT_FORMAT_MARKDOWN);
  g_assert_cmpstr (fm_article_get_text (a), ==, "Head\n\nBody");
}

static void
test_bad_input (void)
{
  struct {
    const char *file;
    int         code;
    const char *says;
  } cases[] = {
    { "empty.txt", FM_ERROR_EMPTY, "empty" },
    { "blank.txt", FM_ERROR_EMPTY, "empty" },
    { "image.png", FM_ERROR_INVALID, "PNG image" },
    { "document.pdf", FM_ERROR_INVALID, "PDF document" },
    { "program.elf", FM_ERROR_INVALID, "executable" },
    { "random.bin", FM_ERROR_INVALID, "binary" },
    { "news-no-article-text.html", FM_ERROR_EMPTY, "no text" },
    { "no-such-file.txt", FM_ERROR_NOT_FOUND, "Cannot read" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = import_fixture_error (cases[i].file);

      g_test_message ("%s: %s", cases[i].file, error->message);
      g_assert_error (error, FM_ERROR, cases[i].code);
      g_assert_nonnull (strstr (error->message, cases[i].says));
      /* The message names the file. */
      g_assert_nonnull (strstr (error->message, cases[i].file));
    }

  {
    g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "data", "import", NULL);
    g_autoptr(GFile) file = g_file_new_for_path (dir);
    g_autoptr(GError) error = NULL;
    g_autoptr(FmArticle) a = fm_import_file_full (file, NULL, NULL, &error);

    g_assert_null (a);
    g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
  }
}

static void
test_binary_in_memory (void)
{
  struct {
    const char *data;
    gsize       len;
    const char *says;
  } cases[] = {
    { "\xFF\xD8\xFF\xE0\0\x10JFIF", 10, "JPEG" },
    { "GIF89a\x01\0\x01\0", 10, "GIF" },
    { "PK\x03\x04\x14\0\0\0", 8, "ZIP" },
    { "\x1F\x8B\x08\0", 4, "gzip" },
    { "RIFF\0\0\0\0WEBPVP8 ", 16, "WebP" },
    { "SQLite format 3\0\x10\0", 18, "SQLite" },
    { "{\\rtf1\\ansi Hello}", 18, "RTF" },
    { "\0\0\0\x18" "ftypmp42", 12, "MP4" },
    { "text\x01\x02\x03\x04\x05\x06\x07\x08\x0E\x0F\x10\x11\x12\x13", 18, "binary" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FmArticle) a = fm_import_data_full (cases[i].data, cases[i].len, NULL, NULL,
                                                     NULL, NULL, &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(none)");
      g_assert_null (a);
      g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, cases[i].says));
    }
}

/* Binary data that gets past the byte sniffing, because it looks like
 * UTF-16 or is labelled with a charset, decodes to control, unassigned or
 * private-use characters: every decoder refuses that, naming what it read
 * the bytes as. */
static void
test_binary_decoded (void)
{
  g_autoptr(GByteArray) be = g_byte_array_new ();
  g_autoptr(GByteArray) le_bom = g_byte_array_new ();
  g_autoptr(GByteArray) be_bom = g_byte_array_new ();
  g_autoptr(GByteArray) utf32 = g_byte_array_new ();
  g_autoptr(GByteArray) cp1252 = g_byte_array_new ();
  g_autoptr(GByteArray) pua = g_byte_array_new ();
  struct {
    GByteArray *bytes;
    const char *mime_type;
    const char *read_as;
  } cases[] = {
    { be, NULL, "UTF-16BE" },
    { le_bom, NULL, "UTF-16LE" },
    { be_bom, NULL, "UTF-16BE" },
    { be, "text/plain; charset=utf-16be", "UTF-16BE" },
    { utf32, "text/plain; charset=UTF-32LE", "UTF-32LE" },
    { cp1252, NULL, "windows-1252" },
    { pua, NULL, "UTF-8" },
    { pua, "text/html; charset=utf-8", "UTF-8" },
  };

  g_byte_array_append (le_bom, (const guint8 *) "\xFF\xFE", 2);
  g_byte_array_append (be_bom, (const guint8 *) "\xFE\xFF", 2);
  for (guint i = 0; i < 500; i++)
    {
      g_byte_array_append (be, (const guint8 *) "\x00\x01\x02\x03", 4);
      g_byte_array_append (le_bom, (const guint8 *) "\x01\x00\x02\x00", 4);
      g_byte_array_append (be_bom, (const guint8 *) "\xE0\x00\x00\x05", 4);
      /* No NUL for the sniffing to find, and no character either. */
      g_byte_array_append (utf32, (const guint8 *) "\x81\x82\x83\x84", 4);
      g_byte_array_append (cp1252, (const guint8 *) "\x81\x8D\x8F\x90\x9D", 5);
      g_byte_array_append (pua, (const guint8 *) "\xEE\x80\x80\xEE\x80\x81", 6);
    }

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(FmArticle) a = fm_import_data_full ((const char *) cases[i].bytes->data,
                                                     cases[i].bytes->len, NULL,
                                                     cases[i].mime_type, NULL, NULL, &error);

      g_test_message ("case %u: %s", i, error ? error->message : "(none)");
      g_assert_null (a);
      g_assert_error (error, FM_ERROR, FM_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "binary data"));
      g_assert_nonnull (strstr (error->message, cases[i].read_as));
    }
}

/* Text is still text: a few private-use characters (an icon font's), and
 * characters outside the BMP in UTF-16, are no reason to refuse it. */
static void
test_text_not_binary (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) a = NULL;
  g_autoptr(FmImportReport) report = NULL;
  /* "Hi \U0001F600 \U00020000 ok" in UTF-16LE with a BOM. */
  static const char utf16[] = "\xFF\xFEH\0i\0 \0\x3D\xD8\x00\xDE \0\x40\xD8\x00\xDC \0o\0k\0";
  const char *icons = "Call us \xEE\x80\x80 or write \xEE\x80\x81 to the desk today.";

  a = fm_import_data_full (utf16, sizeof utf16 - 1, NULL, NULL, &report, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report->encoding, ==, "UTF-16LE");
  g_assert_cmpstr (fm_article_get_text (a), ==, "Hi \xF0\x9F\x98\x80 \xF0\xA0\x80\x80 ok");
  g_clear_object (&a);

  a = fm_import_data_full (icons, strlen (icons), NULL, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (a);
}

static void
test_too_large (void)
{
  gsize len = FM_MAX_TEXT_BYTES + 1;
  g_autofree char *data = g_malloc (len);
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) a = NULL;

  memset (data, 'a', len);
  a = fm_import_data_full (data, len, NULL, NULL, NULL, NULL, &error);
  g_assert_null (a);
  g_assert_error (error, FM_ERROR, FM_ERROR_TOO_LARGE);
}

static void
test_cancelled (void)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(FmArticle) a = NULL;

  g_cancellable_cancel (cancellable);
  a = fm_import_data_full ("<p>Some text</p>", 16, "a.html", NULL, NULL, cancellable, &error);
  g_assert_null (a);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static gpointer
import_pages_thread (gpointer data)
{
  const char *const pages[] = {
    "news-article-jsonld.html", "news-div-soup.html", "news-microdata.html",
    "news-jsonld-graph-fr.html", "news-liveblog-layout.html", "news-windows-1252.html",
    "front-matter.md", "text-utf16le-bom.txt",
  };
  guint ok = 0;

  for (guint round = 0; round < 5; round++)
    for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
      {
        g_autofree char *path = fixture_path (pages[i]);
        g_autoptr(GFile) file = g_file_new_for_path (path);
        g_autoptr(FmArticle) a = fm_import_file_full (file, NULL, NULL, NULL);

        if (a != NULL && fm_article_get_title (a) != NULL)
          ok++;
      }
  return GUINT_TO_POINTER (ok);
}

static void
test_threads (void)
{
  GThread *threads[4];
  guint total = 0;

  /* The window imports in worker threads: several at once must each get
   * the same articles as one alone. */
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("import", import_pages_thread, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    total += GPOINTER_TO_UINT (g_thread_join (threads[i]));
  g_assert_cmpuint (total, ==, G_N_ELEMENTS (threads) * 5 * 8);
}

static void
test_legacy_functions (void)
{
  g_autofree char *path = fixture_path ("text-windows-1252.txt");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *encoding = NULL;
  g_autofree char *encoding2 = NULL;
  g_autoptr(FmArticle) a = fm_import_file (file, &encoding, NULL, &error);
  g_autoptr(FmArticle) b = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (encoding, ==, "windows-1252");
  g_assert_cmpstr (fm_article_get_title (a), ==, "Eastgate lock to close for six weeks");

  b = fm_import_data ("Title: T\n\nBody text.", 20, "x.txt", &encoding2, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (encoding2, ==, "UTF-8");
  g_assert_cmpstr (fm_article_get_title (b), ==, "T");
  g_assert_cmpstr (fm_article_get_text (b), ==, "Body text.");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/import/encodings", test_encodings);
  g_test_add_func ("/import/replacement", test_replacement);
  g_test_add_func ("/import/encoding-in-memory", test_encoding_in_memory);
  g_test_add_func ("/import/metadata-block", test_metadata_block);
  g_test_add_func ("/import/metadata-variants", test_metadata_variants);
  g_test_add_func ("/import/date-line-and-markers", test_date_line_and_markers);
  g_test_add_func ("/import/front-matter-markdown", test_front_matter_markdown);
  g_test_add_func ("/import/markdown", test_markdown);
  g_test_add_func ("/import/markdown-emphasis", test_markdown_emphasis);
  g_test_add_func ("/import/html-pages", test_html_pages);
  g_test_add_func ("/import/html-mislabelled", test_html_mislabelled);
  g_test_add_func ("/import/mime-hint", test_mime_hint);
  g_test_add_func ("/import/bad-input", test_bad_input);
  g_test_add_func ("/import/binary-in-memory", test_binary_in_memory);
  g_test_add_func ("/import/binary-decoded", test_binary_decoded);
  g_test_add_func ("/import/text-not-binary", test_text_not_binary);
  g_test_add_func ("/import/too-large", test_too_large);
  g_test_add_func ("/import/cancelled", test_cancelled);
  g_test_add_func ("/import/threads", test_threads);
  g_test_add_func ("/import/legacy-functions", test_legacy_functions);

  return g_test_run ();
}
