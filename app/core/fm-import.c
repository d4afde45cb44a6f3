/* fm-import.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-import"

#include "config.h"

#include "fm-import.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "fm-import-html.h"
#include "fm-import-private.h"
#include "fm-text.h"
#include "fm-types.h"

/* Everything that turns outside bytes into an article goes through here:
 * files, clipboard contents and dropped data alike. The steps are
 *
 *   refuse what is not text (images, archives, executables...),
 *   decide the format (HTML, Markdown, plain text),
 *   decode the bytes (a BOM, a declared charset, else UTF-8, else
 *   Windows-1252, with U+FFFD and a warning for what still fails),
 *   take the metadata (a page's head; a leading metadata block or YAML
 *   front matter in text), and reduce the rest to reading text,
 *   canonicalize it (fm_text_canonicalize).
 *
 * Byte offsets exist only here, before the text is canonical. */

/* A title taken from the text is its first line, when that line is short
 * enough to be a headline rather than a paragraph. */
#define MAX_TITLE_CHARS 160


void
fm_import_report_free (FmImportReport *report)
{
  if (report == NULL)
    return;
  g_free (report->encoding);
  g_clear_pointer (&report->warnings, g_ptr_array_unref);
  g_free (report);
}

static FmImportReport *
report_new (void)
{
  FmImportReport *report = g_new0 (FmImportReport, 1);

  report->warnings = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
fm_import_report_warn (FmImportReport *report,
                       const char     *format,
                       ...)
          {
            va_list args;

  va_start (args, format);
  g_ptr_array_add (report->warnings, g_strdup_vprintf (format, args));
  va_end (args);
}

const char *
fm_import_format_to_string (FmImportFormat format)
{
  switch (format)
    {
    case FM_IMPORT_FORMAT_TEXT: return "text";
    case FM_IMPORT_FORMAT_MARKDOWN: return "markdown";
    case FM_IMPORT_FORMAT_HTML: return "html";
    case FM_IMPORT_FORMAT_AUTO: default: return "auto";
    }
}

/* Refusing what is not text. */

static const struct
{
  const char *magic;
  gsize       len;
  gsize       offset;
  const char *what;
} signatures[] = {
  { "\x89PNG\r\n\x1A\n", 8, 0, N_("a PNG image") },
  { "\xFF\xD8\xFF", 3, 0, N_("a JPEG image") },
  { "GIF87a", 6, 0, N_("a GIF image") },
  { "GIF89a", 6, 0, N_("a GIF image") },
  { "II*\0", 4, 0, N_("a TIFF image") },
  { "MM\0*", 4, 0, N_("a TIFF image") },
  { "%PDF-", 5, 0, N_("a PDF document") },
  { "{\\rtf", 5, 0, N_("an RTF document (save it as plain text first)") },
  { "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8, 0,
    N_("an old Microsoft Office document (save it as plain text first)") },
  { "PK\x03\x04", 4, 0,
    N_("a ZIP archive or a document packed as one, such as .docx, .odt or .epub "
       "(save it as plain text first)") },
  { "\x7F" "ELF", 4, 0, N_("an executable program (ELF)") },
  { "\xCF\xFA\xED\xFE", 4, 0, N_("an executable program (Mach-O)") },
  { "\xCE\xFA\xED\xFE", 4, 0, N_("an executable program (Mach-O)") },
  { "\xCA\xFE\xBA\xBE", 4, 0, N_("an executable program or Java class") },
  { "\0asm", 4, 0, N_("a WebAssembly module") },
  { "\x1F\x8B", 2, 0, N_("a gzip archive") },
  { "\xFD" "7zXZ\0", 6, 0, N_("an xz archive") },
  { "7z\xBC\xAF\x27\x1C", 6, 0, N_("a 7-Zip archive") },
  { "Rar!\x1A\x07", 6, 0, N_("a RAR archive") },
  { "SQLite format 3\0", 16, 0, N_("an SQLite database") },
  { "OggS", 4, 0, N_("an Ogg audio or video file") },
  { "ID3", 3, 0, N_("an MP3 audio file") },
  { "fLaC", 4, 0, N_("a FLAC audio file") },
  { "ftyp", 4, 4, N_("an MP4 video, QuickTime movie or HEIF image") },
  { "wOFF", 4, 0, N_("a font") },
  { "wOF2", 4, 0, N_("a font") },
};

/* Names the kind of file @data is by its magic number, or returns NULL. */
static const char *
sniff_signature (const guchar *data,
                 gsize         len)
{
  for (guint i = 0; i < G_N_ELEMENTS (signatures); i++)
    if (len >= signatures[i].offset + signatures[i].len
        && memcmp (data + signatures[i].offset, signatures[i].magic, signatures[i].len) == 0)
      return _(signatures[i].what);

  if (len >= 12 && memcmp (data, "RIFF", 4) == 0)
    {
      if (memcmp (data + 8, "WEBP", 4) == 0)
        return _("a WebP image");
      if (memcmp (data + 8, "WAVE", 4) == 0)
        return _("a WAV audio file");
      if (memcmp (data + 8, "AVI ", 4) == 0)
        return _("an AVI video");
      return _("a RIFF media file");
    }
  if (len >= 64 && data[0] == 'M' && data[1] == 'Z' && memchr (data, '\0', 64) != NULL)
    return _("a Windows executable program");
  return NULL;
}

/* Whether bytes that are not UTF-16 look like binary data: text has no NUL
 * and few control characters. */
static const char *
sniff_binary (const guchar *data,
              gsize         len)
{
  gsize n = MIN (len, FM_IMPORT_SNIFF_BYTES);
  gsize controls = 0;

  if (memchr (data, '\0', n) != NULL)
    return _("binary data");
  for (gsize i = 0; i < n; i++)
    if (data[i] < 0x20 && data[i] != '\t' && data[i] != '\n' && data[i] != '\r'
        && data[i] != '\f' && data[i] != '\v' && data[i] != 0x1B)
      controls++;
  if (controls * 10 > n)
    return _("binary data");
  return NULL;
}

static char *
guess_title (const char *text,
             const char *name)
{
  const char *p = text;

  while (*p == '\n' || *p == ' ' || *p == '\t')
    p++;

  if (*p)
    {
      const char *nl = strchr (p, '\n');
      g_autofree char *line = nl ? g_strndup (p, nl - p) : g_strdup (p);

      g_strstrip (line);
      if (*line && g_utf8_strlen (line, -1) <= MAX_TITLE_CHARS)
        return g_steal_pointer (&line);
    }

  if (name != NULL)
    {
      g_autofree char *base = g_path_get_basename (name);
      char *dot = strrchr (base, '.');

      if (dot != NULL && dot != base)
        *dot = '\0';
      return g_steal_pointer (&base);
    }

  return NULL;
}

/* Deciding the format. */

static char *
mime_parameter (const char *mime_type,
                const char *param)
{
  const char *p;
  gsize plen = strlen (param);

  if (mime_type == NULL)
    return NULL;
  for (p = strchr (mime_type, ';'); p != NULL; p = strchr (p + 1, ';'))
    {
      const char *q = p + 1;

      while (*q == ' ')
        q++;
      if (g_ascii_strncasecmp (q, param, plen) == 0 && q[plen] == '=')
        {
          const char *v = q + plen + 1;
          gsize vl = strcspn (v, "; ");
          g_autofree char *value = g_strndup (v, vl);

          return g_strdup (g_strstrip (g_strdelimit (value, "\"'", ' ')));
        }
    }
  return NULL;
}

static FmImportFormat
format_for (const char *data,
            gsize       len,
            const char *name,
            const char *mime_type)
{
  if (mime_type != NULL)
    {
      g_autofree char *base = g_ascii_strdown (mime_type, strcspn (mime_type, "; "));

      if (strcmp (base, "text/html") == 0 || strcmp (base, "application/xhtml+xml") == 0)
        return FM_IMPORT_FORMAT_HTML;
      if (strcmp (base, "text/markdown") == 0 || strcmp (base, "text/x-markdown") == 0)
        return FM_IMPORT_FORMAT_MARKDOWN;
      if (strcmp (base, "text/plain") == 0)
        return FM_IMPORT_FORMAT_TEXT;
    }

  if (name != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (name, -1);

      if (g_str_has_suffix (lower, ".html") || g_str_has_suffix (lower, ".htm")
          || g_str_has_suffix (lower, ".xhtml") || g_str_has_suffix (lower, ".shtml"))
        return FM_IMPORT_FORMAT_HTML;
      if (g_str_has_suffix (lower, ".md") || g_str_has_suffix (lower, ".markdown")
          || g_str_has_suffix (lower, ".mdown") || g_str_has_suffix (lower, ".mkd"))
        return FM_IMPORT_FORMAT_MARKDOWN;
    }

  /* A saved page with another name still starts like one. */
  if (fm_html_looks_like_html (data, len))
    return FM_IMPORT_FORMAT_HTML;
  return FM_IMPORT_FORMAT_TEXT;
}

static FmArticle *
import_html (const char      *data,
             gsize            len,
             const char      *charset,
             FmImportReport  *report,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autofree char *declared = NULL;
  g_autofree char *utf8 = NULL;
  g_autofree char *text = NULL;
  g_autoptr(FmHtmlArticle) page = NULL;
  g_autoptr(FmArticle) article = NULL;
  gboolean in_page = FALSE;

  if (charset == NULL)
    {
      declared = fm_html_declared_charset (data, len);
      charset = declared;
      in_page = declared != NULL;
    }
  utf8 = fm_import_decode (data, len, charset, in_page, report, error);
  if (utf8 == NULL)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  page = fm_html_extract (utf8, strlen (utf8), error);
  if (page == NULL)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (page->cut_short)
    fm_import_report_warn (report, _("The page nests its elements more than 256 deep; "
                                     "what lies deeper was left out"));

  text = fm_text_canonicalize (page->text, strlen (page->text), error);
  if (text == NULL)
    return NULL;

  article = fm_article_new ();
  fm_article_set_text (article, text);
  fm_article_set_title (article, page->title);
  fm_article_set_author (article, page->author);
  fm_article_set_published (article, page->published);
  fm_article_set_outlet (article, page->outlet);
  fm_article_set_url (article, page->url);
  fm_article_set_lang (article, page->lang);
  if (fm_article_get_title (article) == NULL)
    {
      g_autofree char *title = guess_title (text, NULL);

      fm_article_set_title (article, title);
    }
  return g_steal_pointer (&article);
}

static FmArticle *
import_text (const char      *data,
             gsize            len,
             const char      *name,
             const char      *charset,
             gboolean         markdown,
             FmImportReport  *report,
             GCancellable    *cancellable,
             GError         **error)
{
  g_autoptr(FmArticle) article = fm_article_new ();
  g_autofree char *utf8 = fm_import_decode (data, len, charset, FALSE, report, error);
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;
  g_autofree char *rest = NULL;
  char *front;

  if (utf8 == NULL)
    return NULL;
  text = fm_text_canonicalize (utf8, strlen (utf8), error);
  if (text == NULL)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Metadata first, then what is left becomes the text. */
  front = fm_import_take_front_matter (text, article);
  body = front != NULL ? front : g_strdup (text);
  rest = fm_import_take_metadata_block (body, article);
  g_free (body);
  body = fm_import_remove_template_markers (rest);
  if (markdown)
    {
      g_autofree char *reduced = fm_import_reduce_markdown (body);

      g_free (body);
      body = g_steal_pointer (&reduced);
    }

  g_free (text);
  text = fm_text_canonicalize (body, strlen (body), error);
  if (text == NULL)
    return NULL;

  fm_article_set_text (article, text);
  if (fm_article_get_title (article) == NULL)
    {
      g_autofree char *title = guess_title (text, name);

      fm_article_set_title (article, title);
    }
  return g_steal_pointer (&article);
}

/**
 * fm_import_data_full:
 * @data: the input's bytes
 * @name: (nullable): a file name, for the format and a fallback title
 * @mime_type: (nullable): the input's type where it is known, such as
 *   "text/html" for HTML on the clipboard; a "charset" parameter names the
 *   encoding
 * @report: (out) (optional): the format, encoding and warnings
 *
 * Turns bytes into an article that is not yet stored: canonical text and
 * whatever metadata the input gives. Refuses binary files, empty input,
 * input past %FM_MAX_TEXT_BYTES and pages with no text, with a message that
 * says which.
 */
FmArticle *
fm_import_data_full (const char      *data,
                     gsize            len,
                     const char      *name,
                     const char      *mime_type,
                     FmImportReport **report,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(FmImportReport) rep = report_new ();
  g_autoptr(FmArticle) article = NULL;
  g_autofree char *charset = NULL;
  const char *binary;

  g_return_val_if_fail (data != NULL || len == 0, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);

  if (len > FM_MAX_TEXT_BYTES)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (FM_MAX_TEXT_BYTES);

      g_set_error (error, FM_ERROR, FM_ERROR_TOO_LARGE,
                   _("The input is %s, larger than the limit of %s"), size, limit);
      return NULL;
    }
  if (len == 0)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_EMPTY, _("The input is empty"));
      return NULL;
    }

  charset = mime_parameter (mime_type, "charset");

  binary = sniff_signature ((const guchar *) data, len);
  if (binary != NULL)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("This is %s, not text that can be imported"), binary);
      return NULL;
    }

  /* UTF-16 text is full of NULs; only look for binary data in what is not
   * UTF-16. */
  if (!(len >= 2 && ((guchar) data[0] == 0xFF && (guchar) data[1] == 0xFE))
      && !(len >= 2 && ((guchar) data[0] == 0xFE && (guchar) data[1] == 0xFF))
      && !(charset != NULL && g_str_has_prefix (fm_import_normalize_charset (charset) ?: "", "UTF-16"))
      && fm_import_sniff_utf16 ((const guchar *) data, len) == NULL)
    {
      binary = sniff_binary ((const guchar *) data, len);
      if (binary != NULL)
        {
          g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                       _("This is %s, not text that can be imported"), binary);
          return NULL;
        }
    }

  rep->format = format_for (data, len, name, mime_type);
  if (rep->format == FM_IMPORT_FORMAT_HTML)
    article = import_html (data, len, charset, rep, cancellable, error);
  else
    article = import_text (data, len, name, charset, rep->format == FM_IMPORT_FORMAT_MARKDOWN,
                           rep, cancellable, error);
  if (article == NULL)
    return NULL;

  if (report != NULL)
    *report = g_steal_pointer (&rep);
  return g_steal_pointer (&article);
}

/**
 * fm_import_data:
 * @data: the file's bytes
 * @name: (nullable): the file name, for messages and a fallback title
 * @encoding: (out) (optional): the encoding the text was read in
 *
 * Like fm_import_data_full(), with the format guessed from @name and the
 * bytes.
 */
FmArticle *
fm_import_data (const char  *data,
                gsize        len,
                const char  *name,
                char       **encoding,
                GError     **error)
{
  g_autoptr(FmImportReport) report = NULL;
  FmArticle *article;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  article = fm_import_data_full (data, len, name, NULL, &report, NULL, error);
  if (article != NULL && encoding != NULL)
    *encoding = g_strdup (report->encoding);
  return article;
}

/**
 * fm_import_file_full:
 * @report: (out) (optional): the format, encoding and warnings
 *
 * Reads a file and imports it with fm_import_data_full(). Errors name the
 * file.
 */
FmArticle *
fm_import_file_full (GFile           *file,
                     FmImportReport **report,
                     GCancellable    *cancellable,
                     GError         **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  FmArticle *article;
  gsize len;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  name = g_file_get_parse_name (file);

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                            G_FILE_QUERY_INFO_NONE, cancellable, &local);
  if (info == NULL)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND, _("Cannot read %s: %s"), name,
                   local->message);
      return NULL;
    }
  if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID, _("%s is a folder, not a file"), name);
      return NULL;
    }
  if (g_file_info_get_size (info) > FM_MAX_TEXT_BYTES)
    {
      g_autofree char *size = g_format_size (g_file_info_get_size (info));
      g_autofree char *limit = g_format_size (FM_MAX_TEXT_BYTES);

      g_set_error (error, FM_ERROR, FM_ERROR_TOO_LARGE,
                   _("%s is %s, larger than the limit of %s"), name, size, limit);
      return NULL;
    }

  if (!g_file_load_contents (file, cancellable, &contents, &len, NULL, &local))
    {
      if (g_error_matches (local, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_propagate_error (error, g_steal_pointer (&local));
      else
        g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND, _("Cannot read %s: %s"), name,
                     local->message);
      return NULL;
    }

  article = fm_import_data_full (contents, len, name, NULL, report, cancellable, &local);
  if (article == NULL)
    {
      if (local->domain == FM_ERROR)
        g_set_error (error, local->domain, local->code, "%s: %s", name, local->message);
      else
        g_propagate_error (error, g_steal_pointer (&local));
      return NULL;
    }
  return article;
}

FmArticle *
fm_import_file (GFile         *file,
                char         **encoding,
                GCancellable  *cancellable,
                GError       **error)
{
  g_autoptr(FmImportReport) report = NULL;
  FmArticle *article;

  g_return_val_if_fail (G_IS_FILE (file), NULL);

  article = fm_import_file_full (file, &report, cancellable, error);
  if (article != NULL && encoding != NULL)
    *encoding = g_strdup (report->encoding);
  return article;
}
