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

#include "fm-html.h"
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

/* How far into the bytes the sniffing for a kind of file looks. */
#define SNIFF_BYTES 8192

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

static void G_GNUC_PRINTF (2, 3)
report_warn (FmImportReport *report,
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
  gsize n = MIN (len, SNIFF_BYTES);
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

/* Decoding. Each decoder always succeeds, replacing what it cannot read
 * with U+FFFD and counting the replacements. */

typedef struct
{
  guint    replaced;   /* sequences replaced with U+FFFD */
  gboolean truncated;  /* the input ends inside a character */
  guint    nuls;       /* NUL characters replaced */
} DecodeStats;

static void
append_decoded (GString     *out,
                gunichar     c,
                DecodeStats *stats)
{
  if (c == 0)
    {
      /* The canonical text never holds NUL. */
      stats->nuls++;
      c = 0xFFFD;
    }
  g_string_append_unichar (out, c);
}

static char *
decode_utf8 (const char  *data,
             gsize        len,
             DecodeStats *stats)
{
  GString *out = g_string_sized_new (len + 1);
  const char *p = data;
  const char *end = data + len;

  while (p < end)
    {
      const char *bad;

      if (g_utf8_validate_len (p, end - p, &bad))
        {
          bad = end;
        }
      /* Copy the valid run, minus NULs. */
      for (const char *q = p; q < bad;)
        {
          const char *nul = memchr (q, '\0', bad - q);

          if (nul == NULL)
            {
              g_string_append_len (out, q, bad - q);
              break;
            }
          g_string_append_len (out, q, nul - q);
          append_decoded (out, 0, stats);
          q = nul + 1;
        }
      if (bad >= end)
        break;

      /* An incomplete sequence at the very end means a cut-off file. */
      if (g_utf8_get_char_validated (bad, end - bad) == (gunichar) -2)
        {
          stats->truncated = TRUE;
          stats->replaced++;
          g_string_append_unichar (out, 0xFFFD);
          break;
        }
      stats->replaced++;
      g_string_append_unichar (out, 0xFFFD);
      p = bad + 1;
      /* One replacement for the bad byte and the continuation bytes after it. */
      while (p < end && ((guchar) *p & 0xC0) == 0x80)
        p++;
    }
  return g_string_free (out, FALSE);
}

static char *
decode_utf16 (const guchar *data,
              gsize         len,
              gboolean      big_endian,
              DecodeStats  *stats)
{
  GString *out = g_string_sized_new (len + 1);
  gsize i = 0;

  while (i + 1 < len)
    {
      gunichar u = big_endian ? (data[i] << 8) | data[i + 1] : data[i] | (data[i + 1] << 8);

      i += 2;
      if (u >= 0xD800 && u <= 0xDBFF)
        {
          gunichar lo;

          if (i + 1 >= len)
            {
              stats->truncated = TRUE;
              stats->replaced++;
              g_string_append_unichar (out, 0xFFFD);
              break;
            }
          lo = big_endian ? (data[i] << 8) | data[i + 1] : data[i] | (data[i + 1] << 8);
          if (lo >= 0xDC00 && lo <= 0xDFFF)
            {
              i += 2;
              g_string_append_unichar (out, 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00));
              continue;
            }
          stats->replaced++;
          g_string_append_unichar (out, 0xFFFD);
          continue;
        }
      if (u >= 0xDC00 && u <= 0xDFFF)
        {
          stats->replaced++;
          g_string_append_unichar (out, 0xFFFD);
          continue;
        }
      append_decoded (out, u, stats);
    }
  if (i < len)
    {
      /* An odd byte left over: the file was cut. */
      stats->truncated = TRUE;
      stats->replaced++;
      g_string_append_unichar (out, 0xFFFD);
    }
  return g_string_free (out, FALSE);
}

/* Windows-1252 is Latin-1 with printable characters in 0x80-0x9F; five
 * bytes there are unassigned. */
static const gunichar cp1252_high[32] = {
  0x20AC, 0, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
  0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017D, 0,
  0, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
  0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0, 0x017E, 0x0178,
};

static char *
decode_cp1252 (const guchar *data,
               gsize         len,
               DecodeStats  *stats)
{
  GString *out = g_string_sized_new (len + len / 8 + 1);

  for (gsize i = 0; i < len; i++)
    {
      guchar b = data[i];

      if (b < 0x80)
        {
          if (b == 0)
            append_decoded (out, 0, stats);
          else
            g_string_append_c (out, b);
        }
      else if (b < 0xA0)
        {
          gunichar c = cp1252_high[b - 0x80];

          if (c == 0)
            {
              stats->replaced++;
              c = 0xFFFD;
            }
          g_string_append_unichar (out, c);
        }
      else
        g_string_append_unichar (out, b);
    }
  return g_string_free (out, FALSE);
}

/* Any other charset the system's iconv knows; NULL if it knows none by
 * that name. */
static char *
decode_iconv (const char  *data,
              gsize        len,
              const char  *charset,
              DecodeStats *stats)
{
  GIConv cd = g_iconv_open ("UTF-8", charset);
  GString *out;
  gchar *in = (gchar *) data;
  gsize in_left = len;
  char buf[4096];
  g_autofree char *raw = NULL;
  DecodeStats inner = { 0 };
  char *result;

  if (cd == (GIConv) -1)
    return NULL;

  out = g_string_sized_new (len + 1);
  while (in_left > 0)
    {
      gchar *o = buf;
      gsize o_left = sizeof buf;
      gsize r = g_iconv (cd, &in, &in_left, &o, &o_left);

      g_string_append_len (out, buf, o - buf);
      if (r != (gsize) -1)
        continue;
      if (errno == E2BIG)
        continue;
      if (errno == EINVAL)
        stats->truncated = TRUE;
      /* EILSEQ or EINVAL: skip the byte that could not be read. */
      stats->replaced++;
      g_string_append_unichar (out, 0xFFFD);
      in++;
      in_left--;
      g_iconv (cd, NULL, NULL, NULL, NULL);
    }
  {
    gchar *o = buf;
    gsize o_left = sizeof buf;

    g_iconv (cd, NULL, NULL, &o, &o_left);
    g_string_append_len (out, buf, o - buf);
  }
  g_iconv_close (cd);

  /* iconv's UTF-8 is valid, but it may hold NULs; run it through the UTF-8
   * decoder to replace them. */
  raw = g_string_free (out, FALSE);
  result = decode_utf8 (raw, strlen (raw), &inner);
  stats->nuls += inner.nuls;
  stats->replaced += inner.replaced;
  return result;
}

/* Whether bytes that are not valid UTF-8 are still mostly UTF-8: a few
 * broken sequences in a text that has good ones, or one cut off at the end.
 * Text in a single-byte charset has few sequences that happen to be valid. */
static gboolean
mostly_utf8 (const char *data,
             gsize       len)
{
  const char *p = data;
  const char *end = data + len;
  gsize good = 0;
  gsize bad = 0;

  while (p < end)
    {
      guchar b = (guchar) *p;
      gunichar c;

      if (b < 0x80)
        {
          p++;
          continue;
        }
      c = g_utf8_get_char_validated (p, end - p);
      if (c == (gunichar) -2)
        {
          /* Cut off at the end: no evidence either way. */
          break;
        }
      if (c == (gunichar) -1)
        {
          bad++;
          p++;
          continue;
        }
      good++;
      p = g_utf8_next_char (p);
    }
  return bad == 0 || good >= 4 * bad;
}

/* Maps a charset name to the one we decode with: browsers read the Latin-1
 * and ASCII labels as Windows-1252, and so do we. */
static const char *
normalize_charset (const char *name)
{
  g_autofree char *n = g_ascii_strdown (name, -1);

  if (strcmp (n, "utf-8") == 0 || strcmp (n, "utf8") == 0 || strcmp (n, "unicode-1-1-utf-8") == 0)
    return "UTF-8";
  if (strcmp (n, "iso-8859-1") == 0 || strcmp (n, "iso8859-1") == 0 || strcmp (n, "latin1") == 0
      || strcmp (n, "l1") == 0 || strcmp (n, "us-ascii") == 0 || strcmp (n, "ascii") == 0
      || strcmp (n, "windows-1252") == 0 || strcmp (n, "cp1252") == 0
      || strcmp (n, "x-cp1252") == 0 || strcmp (n, "iso_8859-1") == 0)
    return "windows-1252";
  if (strcmp (n, "utf-16le") == 0 || strcmp (n, "utf-16") == 0 || strcmp (n, "unicode") == 0)
    return "UTF-16LE";
  if (strcmp (n, "utf-16be") == 0)
    return "UTF-16BE";
  return NULL;
}

/* Looks for UTF-16 without a byte-order mark: mostly ASCII text has a NUL
 * in every other byte. */
static const char *
sniff_utf16 (const guchar *data,
             gsize         len)
{
  gsize n = MIN (len, SNIFF_BYTES) & ~(gsize) 1;
  gsize even_zero = 0;
  gsize odd_zero = 0;

  if (n < 4)
    return NULL;
  for (gsize i = 0; i < n; i += 2)
    {
      even_zero += data[i] == 0;
      odd_zero += data[i + 1] == 0;
    }
  if (odd_zero * 10 >= n / 2 * 4 && even_zero * 20 < n / 2)
    return "UTF-16LE";
  if (even_zero * 10 >= n / 2 * 4 && odd_zero * 20 < n / 2)
    return "UTF-16BE";
  return NULL;
}

/* Decodes @data to UTF-8. @charset is a label the input came with (a mime
 * type parameter, a <meta charset>), or NULL. Sets the report's encoding
 * and warnings. */
static char *
decode_input (const char     *data,
              gsize           len,
              const char     *charset,
              gboolean        declared_in_page,
              FmImportReport *report)
{
  const guchar *u = (const guchar *) data;
  DecodeStats stats = { 0 };
  const char *enc = NULL;
  char *text = NULL;

  /* A byte-order mark outranks any label. */
  if (len >= 3 && memcmp (u, "\xEF\xBB\xBF", 3) == 0)
    {
      enc = "UTF-8";
      data += 3;
      len -= 3;
    }
  else if (len >= 2 && u[0] == 0xFF && u[1] == 0xFE)
    {
      enc = "UTF-16LE";
      data += 2;
      len -= 2;
    }
  else if (len >= 2 && u[0] == 0xFE && u[1] == 0xFF)
    {
      enc = "UTF-16BE";
      data += 2;
      len -= 2;
    }
  else if (charset != NULL)
    {
      enc = normalize_charset (charset);
      /* A page cannot really be UTF-16 if its own bytes declared so in
       * ASCII; browsers read it as UTF-8 then. */
      if (declared_in_page && enc != NULL && g_str_has_prefix (enc, "UTF-16"))
        enc = "UTF-8";
      if (enc == NULL)
        {
          text = decode_iconv (data, len, charset, &stats);
          if (text != NULL)
            enc = charset;
          else
            report_warn (report, _("The declared character set “%s” is unknown; "
                                   "reading the text as UTF-8 or Windows-1252"), charset);
        }
    }
  else
    enc = sniff_utf16 ((const guchar *) data, len);

  if (text == NULL)
    {
      /* Labels lie: a page declared UTF-8 whose bytes are not is read
       * as Windows-1252, the usual newsroom mistake, and so is unlabelled
       * text that is not UTF-8. */
      if (enc == NULL || strcmp (enc, "UTF-8") == 0)
        {
          if (!g_utf8_validate_len (data, len, NULL) && !mostly_utf8 (data, len))
            {
              if (enc != NULL && declared_in_page)
                report_warn (report, _("The page says it is UTF-8 but is not; "
                                       "reading it as Windows-1252"));
              enc = "windows-1252";
            }
          else
            enc = "UTF-8";
        }

      if (strcmp (enc, "UTF-8") == 0)
        text = decode_utf8 (data, len, &stats);
      else if (strcmp (enc, "UTF-16LE") == 0)
        text = decode_utf16 ((const guchar *) data, len, FALSE, &stats);
      else if (strcmp (enc, "UTF-16BE") == 0)
        text = decode_utf16 ((const guchar *) data, len, TRUE, &stats);
      else
        text = decode_cp1252 ((const guchar *) data, len, &stats);
    }

  report->encoding = g_strdup (enc);
  if (stats.truncated)
    report_warn (report, _("The input ends in the middle of a character; "
                           "it may have been cut off"));
  if (stats.replaced > 0)
    report_warn (report, g_dngettext (GETTEXT_PACKAGE,
                                      "%u sequence of bytes could not be read as %s and was "
                                      "replaced with “\xEF\xBF\xBD”",
                                      "%u sequences of bytes could not be read as %s and were "
                                      "replaced with “\xEF\xBF\xBD”",
                                      stats.replaced),
                 stats.replaced, enc);
  if (stats.nuls > 0)
    report_warn (report, g_dngettext (GETTEXT_PACKAGE,
                                      "%u NUL character was replaced with “\xEF\xBF\xBD”",
                                      "%u NUL characters were replaced with “\xEF\xBF\xBD”",
                                      stats.nuls),
                 stats.nuls);
  return text;
}

static gboolean
is_blank (const char *s)
{
  for (; *s; s++)
    if (!g_ascii_isspace (*s))
      return FALSE;
  return TRUE;
}

/* Metadata in text: a leading block of "Key: value" lines, or YAML front
 * matter. */

typedef enum
{
  META_NONE,
  META_TITLE,
  META_AUTHOR,
  META_PUBLISHED,
  META_URL,
  META_OUTLET,
  META_LANG,
} MetaField;

static const struct {
  const char *key;
  MetaField   field;
} meta_keys[] = {
  { "title", META_TITLE },
  { "headline", META_TITLE },
  { "by", META_AUTHOR },
  { "author", META_AUTHOR },
  { "authors", META_AUTHOR },
  { "byline", META_AUTHOR },
  { "writer", META_AUTHOR },
  { "reporter", META_AUTHOR },
  { "published", META_PUBLISHED },
  { "publication date", META_PUBLISHED },
  { "published on", META_PUBLISHED },
  { "date published", META_PUBLISHED },
  { "pubdate", META_PUBLISHED },
  { "date", META_PUBLISHED },
  { "source", META_URL },
  { "url", META_URL },
  { "link", META_URL },
  { "canonical", META_URL },
  { "outlet", META_OUTLET },
  { "publication", META_OUTLET },
  { "publisher", META_OUTLET },
  { "site", META_OUTLET },
  { "newspaper", META_OUTLET },
  { "language", META_LANG },
  { "lang", META_LANG },
};

static MetaField
field_for_key (const char *key,
               gsize       len)
{
  for (guint i = 0; i < G_N_ELEMENTS (meta_keys); i++)
    if (strlen (meta_keys[i].key) == len && g_ascii_strncasecmp (key, meta_keys[i].key, len) == 0)
      return meta_keys[i].field;
  return META_NONE;
}

/* Matches a date at the start of a string: 2024-12-30 (with an optional
 * time), 30.12.2024, 12/30/2024, "30 December 2024", "December 30, 2024". */
static gsize
match_date (const char *s)
{
  static GRegex *re = NULL;
  static gsize once = 0;
  g_autoptr(GMatchInfo) info = NULL;
  int end = 0;

  if (g_once_init_enter (&once))
    {
      re = g_regex_new ("^(\\d{4}-\\d{1,2}-\\d{1,2}(?:[T ]\\d{1,2}:\\d{2}(?::\\d{2}(?:\\.\\d+)?)?"
                        "(?:Z|[+-]\\d{2}:?\\d{2})?)?"
                        "|\\d{1,2}[./]\\d{1,2}[./]\\d{2,4}"
                        "|\\d{1,2}\\.? [[:alpha:]]{3,9}\\.? \\d{4}"
                        "|[[:alpha:]]{3,9}\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4})",
                        G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&once, 1);
    }
  if (!g_regex_match (re, s, 0, &info))
    return 0;
  g_match_info_fetch_pos (info, 0, NULL, &end);
  return end;
}

/* Whether "By ..." is a byline rather than a sentence: short, starting with
 * a capital, mostly capitalized words, no full stop at the end. */
static gboolean
looks_like_byline (const char *value)
{
  g_auto(GStrv) words = NULL;
  guint n = 0;
  guint capitals = 0;

  if (!g_unichar_isupper (g_utf8_get_char (value)) || g_str_has_suffix (value, "."))
    return FALSE;
  words = g_strsplit (value, " ", -1);
  for (guint i = 0; words[i] != NULL; i++)
    {
      if (*words[i] == '\0')
        continue;
      n++;
      if (g_unichar_isupper (g_utf8_get_char (words[i])))
        capitals++;
    }
  return n <= 10 && capitals * 2 >= n;
}

/* Reads one line of a leading metadata block: "Key: value", or "By Name"
 * and "date 2024-12-30" without a colon. A date without a colon may have
 * the text start on the same line: @rest then points there. */
static MetaField
parse_meta_line (const char  *line,
                 char       **value,
                 const char **rest)
{
  const char *p = line;
  const char *key_end;
  MetaField field;
  gboolean colon;
  g_autofree char *v = NULL;

  *rest = NULL;

  while (*p == '*' || *p == '_')
    p++;
  key_end = p;
  while (g_ascii_isalpha (*key_end) || (*key_end == ' ' && g_ascii_isalpha (key_end[1])
                                        && key_end - p < 20))
    key_end++;

  /* Try the longest key first: "Published on: ..." before "Published". */
  for (;;)
    {
      const char *after = key_end;

      field = field_for_key (p, key_end - p);
      if (field != META_NONE)
        {
          while (*after == '*' || *after == '_')
            after++;
          colon = *after == ':';
          if (colon || *after == ' ')
            {
              key_end = after;
              break;
            }
        }
      while (key_end > p && key_end[-1] != ' ')
        key_end--;
      if (key_end <= p)
        return META_NONE;
      key_end--;
    }

  p = key_end + (colon ? 1 : 0);
  while (*p == ' ' || *p == '\t' || *p == '*' || *p == '_')
    p++;
  if (*p == '\0')
    return META_NONE;

  if (!colon && field != META_AUTHOR && field != META_PUBLISHED)
    return META_NONE;

  if (field == META_PUBLISHED)
    {
      gsize d = match_date (p);

      if (d > 0 && p[d] != '\0')
        {
          /* "date 2024-12-30 North Korean leader...": the text follows. */
          *rest = p + d;
          while (**rest == ' ' || **rest == '\t')
            (*rest)++;
          if (**rest == '\0')
            *rest = NULL;
          *value = g_strndup (p, d);
          return field;
        }
      if (d == 0 && (!colon || g_utf8_strlen (p, -1) > 40))
        return META_NONE;
    }

  v = g_strstrip (g_strdup (p));
  while (*v && (v[strlen (v) - 1] == '*' || v[strlen (v) - 1] == '_'))
    v[strlen (v) - 1] = '\0';
  g_strstrip (v);
  if (*v == '\0')
    return META_NONE;

  /* "Source: KCNA" names a source, not the page; only a URL counts. */
  if (field == META_URL && !g_str_has_prefix (v, "http://") && !g_str_has_prefix (v, "https://"))
    return META_NONE;
  if (field == META_AUTHOR && (g_utf8_strlen (v, -1) > 80 || (!colon && !looks_like_byline (v))))
    return META_NONE;
  if (field == META_LANG && (strlen (v) > 35 || strchr (v, ' ') != NULL))
    return META_NONE;
  if ((field == META_TITLE || field == META_OUTLET) && g_utf8_strlen (v, -1) > 300)
    return META_NONE;

  *value = g_steal_pointer (&v);
  return field;
}

/* A metadata field is one line of text. YAML's double-quoted escapes can
 * put any byte in a value ("\r", "\377"), and a field with a line break or
 * a byte that is not UTF-8 breaks the library list, the CLI's one line per
 * article and every export (found by tests/fuzz/fuzz-metadata); so control
 * characters become spaces and the rest is made valid UTF-8. */
static char *
clean_field (const char *value)
{
  g_autofree char *valid = g_utf8_make_valid (value, -1);
  GString *s = g_string_sized_new (strlen (valid));

  for (const char *p = valid; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_iscntrl (c))
        g_string_append_c (s, ' ');
      else
        g_string_append_unichar (s, c);
    }
  return g_strstrip (g_string_free (s, FALSE));
}

static void
set_meta (FmArticle  *article,
          MetaField   field,
          const char *raw)
{
  g_autofree char *value = raw != NULL ? clean_field (raw) : NULL;

  /* Nothing but control characters says nothing. */
  if (value != NULL && *value == '\0')
    return;

  switch (field)
    {
    case META_TITLE:
      fm_article_set_title (article, value);
      break;
    case META_AUTHOR:
      fm_article_set_author (article, value);
      break;
    case META_PUBLISHED:
      fm_article_set_published (article, value);
      break;
    case META_URL:
      fm_article_set_url (article, value);
      break;
    case META_OUTLET:
      fm_article_set_outlet (article, value);
      break;
    case META_LANG:
      fm_article_set_lang (article, value);
      break;
    case META_NONE:
    default:
      break;
    }
}

/* Takes the metadata block off the top of @text into @article, returning
 * the text proper (newly allocated). */
static char *
take_metadata_block (const char *text,
                     FmArticle  *article)
{
  const char *p = text;
  gboolean any = FALSE;

  for (;;)
    {
      const char *nl = strchr (p, '\n');
      g_autofree char *line = nl ? g_strndup (p, nl - p) : g_strdup (p);
      g_autofree char *value = NULL;
      const char *rest = NULL;
      MetaField field;

      g_strstrip (line);
      if (*line == '\0')
        {
          if (!any && nl != NULL)
            {
              p = nl + 1;
              continue;
            }
          break;
        }

      field = parse_meta_line (line, &value, &rest);
      if (field == META_NONE)
        break;
      any = TRUE;
      set_meta (article, field, value);
      if (rest != NULL)
        {
          /* The text starts on this line, after the date. */
          return g_strconcat (rest, nl ? nl : "", NULL);
        }
      if (nl == NULL)
        return g_strdup ("");
      p = nl + 1;
    }

  if (!any)
    return g_strdup (text);
  while (*p == '\n')
    p++;
  return g_strdup (p);
}

static char *
unquote_yaml (const char *value)
{
  g_autofree char *v = g_strstrip (g_strdup (value));
  gsize len = strlen (v);

  if (len >= 2 && ((v[0] == '"' && v[len - 1] == '"') || (v[0] == '\'' && v[len - 1] == '\'')))
    {
      v[len - 1] = '\0';
      if (v[0] == '"')
        {
          char *inner = v + 1;
          gsize n = strlen (inner);
          gsize slashes = 0;

          /* g_strcompress() warns about a lone backslash at the end (found
           * by tests/fuzz/fuzz-metadata); such a backslash escapes
           * nothing, so it stays as it is. */
          while (slashes < n && inner[n - 1 - slashes] == '\\')
            slashes++;
          if (slashes % 2 == 1)
            {
              g_autofree char *head = g_strndup (inner, n - 1);
              g_autofree char *compressed = g_strcompress (head);

              return g_strconcat (compressed, "\\", NULL);
            }
          return g_strcompress (inner);
        }
      {
        /* In single quotes, '' is a quote. */
        g_autoptr(GString) s = g_string_new (v + 1);

        g_string_replace (s, "''", "'", 0);
        return g_strdup (s->str);
      }
    }
  if (len >= 2 && v[0] == '[' && v[len - 1] == ']')
    {
      /* A flow list: [Jane Doe, "John Roe"]. */
      g_auto(GStrv) items = NULL;
      g_autoptr(GString) s = g_string_new (NULL);

      v[len - 1] = '\0';
      items = g_strsplit (v + 1, ",", -1);
      for (guint i = 0; items[i] != NULL; i++)
        {
          g_autofree char *item = unquote_yaml (items[i]);

          if (*item == '\0')
            continue;
          if (s->len > 0)
            g_string_append (s, ", ");
          g_string_append (s, item);
        }
      return g_strdup (s->str);
    }
  return g_steal_pointer (&v);
}

/* Reads YAML front matter (--- ... --- at the very top) into @article and
 * returns the text after it, or NULL when there is none. Only top-level
 * "key: value" pairs and simple lists are read; the rest of YAML is not
 * article metadata. */
static char *
take_front_matter (const char *text,
                   FmArticle  *article)
{
  g_auto(GStrv) lines = NULL;
  const char *body;
  const char *close = NULL;
  MetaField list_field = META_NONE;
  g_autoptr(GString) list = NULL;
  guint i;

  if (!g_str_has_prefix (text, "---\n"))
    return NULL;

  /* The closing fence must come early; a lone --- far down is a rule. */
  for (const char *p = text + 4; *p != '\0' && p - text < 65536;)
    {
      const char *nl = strchr (p, '\n');
      gsize l = nl ? (gsize) (nl - p) : strlen (p);

      if ((l == 3 && (strncmp (p, "---", 3) == 0 || strncmp (p, "...", 3) == 0)))
        {
          close = p;
          break;
        }
      if (nl == NULL)
        break;
      p = nl + 1;
    }
  if (close == NULL)
    return NULL;

  body = close + 3;
  if (*body == '\n')
    body++;

  {
    g_autofree char *block = g_strndup (text + 4, close - (text + 4));

    lines = g_strsplit (block, "\n", -1);
  }

  list = g_string_new (NULL);
  for (i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      const char *colon;
      MetaField field;

      if (list_field != META_NONE)
        {
          const char *item = line;

          while (*item == ' ')
            item++;
          if (*item == '-' && (item[1] == ' ' || item[1] == '\0'))
            {
              g_autofree char *v = unquote_yaml (item + 1);

              if (*v != '\0')
                {
                  if (list->len > 0)
                    g_string_append (list, ", ");
                  g_string_append (list, v);
                }
              continue;
            }
          if (list->len > 0)
            set_meta (article, list_field, list->str);
          g_string_truncate (list, 0);
          list_field = META_NONE;
        }

      if (*line == ' ' || *line == '\t' || *line == '#')
        continue;
      colon = strchr (line, ':');
      if (colon == NULL)
        continue;
      field = field_for_key (line, colon - line);
      if (field == META_NONE)
        continue;
      if (is_blank (colon + 1))
        {
          /* The value is a block list on the following lines. */
          list_field = field;
          continue;
        }
      {
        g_autofree char *v = unquote_yaml (colon + 1);

        if (*v == '\0')
          continue;
        if (field == META_URL && !g_str_has_prefix (v, "http://")
            && !g_str_has_prefix (v, "https://"))
          continue;
        set_meta (article, field, v);
      }
    }
  if (list_field != META_NONE && list->len > 0)
    set_meta (article, list_field, list->str);

  return g_strdup (body);
}

/* Template markers: {{name}}, {{^flag}} ... {{/flag}}, {{{raw}}}, {% tag %}
 * left by a publishing system that did not fill them in. */
static char *
remove_template_markers (const char *text)
{
  static GRegex *re = NULL;
  static gsize once = 0;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) out = g_string_new (NULL);

  if (g_once_init_enter (&once))
    {
      re = g_regex_new ("\\{\\{\\{?[^{}\\n]{0,200}\\}?\\}\\}|\\{%[^\\n]{0,200}?%\\}",
                        G_REGEX_OPTIMIZE, 0, NULL);
      g_once_init_leave (&once, 1);
    }

  if (strstr (text, "{{") == NULL && strstr (text, "{%") == NULL)
    return g_strdup (text);

  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *line = NULL;

      if (!g_regex_match (re, lines[i], 0, NULL))
        {
          g_string_append (out, lines[i]);
          if (lines[i + 1] != NULL)
            g_string_append_c (out, '\n');
          continue;
        }

      line = g_regex_replace_literal (re, lines[i], -1, 0, "", 0, NULL);
      if (line == NULL)
        line = g_strdup (lines[i]);
      {
        /* Close the gap the marker leaves: "text. {{x}} More" has one space. */
        g_autoptr(GString) tidy = g_string_new (NULL);
        gboolean space = FALSE;

        for (const char *p = line; *p; p++)
          {
            if (*p == ' ' || *p == '\t')
              {
                space = TRUE;
                continue;
              }
            if (space && tidy->len > 0)
              g_string_append_c (tidy, ' ');
            space = FALSE;
            g_string_append_c (tidy, *p);
          }
        /* A line that held only markers goes entirely. */
        if (tidy->len == 0)
          continue;
        g_string_append (out, tidy->str);
        if (lines[i + 1] != NULL)
          g_string_append_c (out, '\n');
      }
    }
  /* Dropped lines leave their neighbours' blank lines behind: keep one. */
  while (strstr (out->str, "\n\n\n") != NULL)
    g_string_replace (out, "\n\n\n", "\n\n", 0);
  return g_strdup (out->str);
}

/* Markdown: the text a reader of the rendered page sees. */

static GRegex *md_image;
static GRegex *md_link;
static GRegex *md_ref_link;
static GRegex *md_autolink;
static GRegex *md_html_tag;
static GRegex *md_heading;
static GRegex *md_rule;
static GRegex *md_bullet;
static GRegex *md_ordered;
static GRegex *md_ref_def;
static GRegex *md_table_sep;

static void
init_markdown (void)
{
  static gsize once = 0;

  if (g_once_init_enter (&once))
    {
      GRegexCompileFlags f = G_REGEX_OPTIMIZE;

      /* Every repeat is bounded, so that a paragraph of brackets or tags
       * that never close costs linear time. */
      md_image = g_regex_new ("!\\[[^\\]]{0,300}\\]\\([^)]{0,500}\\)"
                              "|!\\[[^\\]]{0,300}\\]\\[[^\\]]{0,300}\\]", f, 0, NULL);
      md_link = g_regex_new ("\\[([^\\]]{0,300})\\]\\([^)\\s]{0,500}"
                             "(?:\\s+\"[^\"]{0,300}\")?\\)", f, 0, NULL);
      md_ref_link = g_regex_new ("\\[([^\\]]{1,300})\\]\\[[^\\]]{0,300}\\]", f, 0, NULL);
      md_autolink = g_regex_new ("<((?:https?|ftp|mailto):[^>\\s]{1,500})>", f, 0, NULL);
      md_html_tag = g_regex_new ("</?(?:a|abbr|b|big|cite|code|del|dfn|em|font|i|ins|kbd|mark|"
                                 "q|s|samp|small|span|strike|strong|sub|sup|u|var)\\b[^>]{0,500}>"
                                 "|<!--.{0,500}?-->",
                                 f | G_REGEX_CASELESS, 0, NULL);
      md_heading = g_regex_new ("^ {0,3}#{1,6}(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$", f, 0, NULL);
      md_rule = g_regex_new ("^ {0,3}([-*_])(?:[ \\t]*\\1){2,}[ \\t]*$", f, 0, NULL);
      md_bullet = g_regex_new ("^[ \\t]*[-*+][ \\t]+(?:\\[[ xX]\\][ \\t]+)?(.*)$", f, 0, NULL);
      md_ordered = g_regex_new ("^[ \\t]*(\\d{1,9})[.)][ \\t]+(.*)$", f, 0, NULL);
      md_ref_def = g_regex_new ("^ {0,3}\\[[^\\]]+\\]:[ \\t]+\\S+.*$", f, 0, NULL);
      md_table_sep = g_regex_new ("^[ \\t]*\\|?[ \\t]*:?-{2,}:?[ \\t]*(\\|[ \\t]*:?-{2,}:?[ \\t]*)*"
                                  "\\|?[ \\t]*$",
                                  f, 0, NULL);
      g_once_init_leave (&once, 1);
    }
}

static char *
replace_regex (GRegex     *re,
               char       *text,
               const char *replacement)
{
  char *out = g_regex_replace (re, text, -1, 0, replacement, 0, NULL);

  if (out == NULL)
    return text;
  g_free (text);
  return out;
}

static gunichar
char_before (const char *text,
             const char *p)
{
  const char *prev = p > text ? g_utf8_find_prev_char (text, p) : NULL;

  return prev ? g_utf8_get_char (prev) : 0;
}

/* Removes emphasis delimiters (@delim on both sides of a phrase) in one
 * pass: a delimiter followed by a non-space opens, one preceded by a
 * non-space closes the nearest open one. @intraword says whether the
 * delimiter may sit inside a word, as * may and _ may not (snake_case).
 * Unpaired delimiters stay as they are. Takes @text. */
static char *
strip_emphasis (char       *text,
                const char *delim,
                gboolean    intraword)
{
  gsize dl = strlen (delim);
  g_autoptr(GArray) cut = g_array_new (FALSE, FALSE, sizeof (const char *));
  const char *open = NULL;
  GString *out;
  const char *p;

  for (p = strstr (text, delim); p != NULL; p = strstr (p, delim))
    {
      gunichar before = char_before (text, p);
      gunichar after = g_utf8_get_char (p + dl);
      gsize run = 0;

      /* A longer run of the same character ("***") is not this delimiter. */
      while (p[run] == delim[0])
        run++;
      if (run != dl || before == (gunichar) delim[0])
        {
          p += run;
          continue;
        }

      if (open != NULL && before != 0 && !g_unichar_isspace (before)
          && (intraword || !g_unichar_isalnum (after)))
        {
          g_array_append_val (cut, open);
          g_array_append_val (cut, p);
          open = NULL;
        }
      else if (after != 0 && !g_unichar_isspace (after)
               && (intraword || !g_unichar_isalnum (before)))
        open = p;
      p += dl;
    }

  if (cut->len == 0)
    return text;

  out = g_string_sized_new (strlen (text));
  p = text;
  for (guint i = 0; i < cut->len; i++)
    {
      const char *c = g_array_index (cut, const char *, i);

      g_string_append_len (out, p, c - p);
      p = c + dl;
    }
  g_string_append (out, p);
  g_free (text);
  return g_string_free (out, FALSE);
}

/* Escaped punctuation is hidden in the Private Use Area while the markup
 * is stripped, so that "\*" stays a star. */
#define ESCAPE_BASE 0xF0000

static char *
md_inline_plain (const char *segment)
{
  GString *s = g_string_new (NULL);
  char *text;

  for (const char *p = segment; *p; p++)
    {
      if (*p == '\\' && p[1] != '\0' && g_ascii_ispunct (p[1]))
        {
          g_string_append_unichar (s, ESCAPE_BASE + (guchar) p[1]);
          p++;
          continue;
        }
      g_string_append_c (s, *p);
    }
  text = g_string_free (s, FALSE);

  text = replace_regex (md_image, text, "");
  text = replace_regex (md_link, text, "\\1");
  text = replace_regex (md_ref_link, text, "\\1");
  text = replace_regex (md_autolink, text, "\\1");
  text = replace_regex (md_html_tag, text, "");
  text = strip_emphasis (text, "***", TRUE);
  text = strip_emphasis (text, "___", FALSE);
  text = strip_emphasis (text, "**", TRUE);
  text = strip_emphasis (text, "__", FALSE);
  text = strip_emphasis (text, "~~", TRUE);
  text = strip_emphasis (text, "*", TRUE);
  text = strip_emphasis (text, "_", FALSE);

  {
    GString *out = g_string_new (NULL);

    for (const char *p = text; *p; p = g_utf8_next_char (p))
      {
        gunichar c = g_utf8_get_char (p);

        if (c >= ESCAPE_BASE && c < ESCAPE_BASE + 0x80)
          g_string_append_c (out, (char) (c - ESCAPE_BASE));
        else
          g_string_append_unichar (out, c);
      }
    g_free (text);
    return g_string_free (out, FALSE);
  }
}

/* Inline markup of one paragraph: code spans are kept as they are, the
 * rest loses its markup. */
static void
md_inline (GString    *out,
           const char *text)
{
  const char *p = text;

  while (*p)
    {
      const char *tick = strchr (p, '`');
      const char *close = NULL;
      gsize run = 0;

      if (tick != NULL)
        {
          g_autofree char *fence = NULL;

          while (tick[run] == '`')
            run++;
          fence = g_strndup (tick, run);
          close = strstr (tick + run, fence);
        }
      if (tick == NULL || close == NULL)
        {
          g_autofree char *plain = md_inline_plain (p);

          g_string_append (out, plain);
          return;
        }
      {
        g_autofree char *before = g_strndup (p, tick - p);
        g_autofree char *plain = md_inline_plain (before);
        g_autofree char *code = g_strndup (tick + run, close - (tick + run));

        g_string_append (out, plain);
        g_string_append (out, g_strstrip (code));
      }
      p = close + run;
    }
}

typedef struct
{
  GString *out;
  GString *para;        /* the paragraph being gathered */
  gboolean para_item;   /* the paragraph is a list item */
  gboolean last_item;   /* the last block written was a list item */
  gboolean gap;         /* a blank line came since the last block */
} Markdown;

static void
md_flush (Markdown *md)
{
  g_autoptr(GString) inline_text = g_string_new (NULL);

  md_inline (inline_text, md->para->str);
  g_string_truncate (md->para, 0);
  while (inline_text->len > 0 && g_ascii_isspace (inline_text->str[inline_text->len - 1]))
    g_string_truncate (inline_text, inline_text->len - 1);
  if (inline_text->len == 0)
    {
      /* An image alone, say: nothing a reader reads. */
      md->para_item = FALSE;
      return;
    }
  /* Items of one list go line by line; anything else is a paragraph. */
  if (md->out->len > 0)
    g_string_append (md->out, md->para_item && md->last_item && !md->gap ? "\n" : "\n\n");
  g_string_append (md->out, inline_text->str);
  md->last_item = md->para_item;
  md->para_item = FALSE;
  md->gap = FALSE;
}

static void
md_block (Markdown   *md,
          const char *text,
          gboolean    item)
{
  md_flush (md);
  g_string_append (md->para, text);
  md->para_item = item;
  md_flush (md);
}

static const char *
skip_blanks (const char *s)
{
  while (*s == ' ' || *s == '\t')
    s++;
  return s;
}

static gboolean
is_fence (const char *line)
{
  const char *s = line;

  while (*s == ' ' && s - line < 3)
    s++;
  return g_str_has_prefix (s, "```") || g_str_has_prefix (s, "~~~");
}

static char *
reduce_markdown (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  Markdown md = { 0 };

  init_markdown ();
  md.out = g_string_new (NULL);
  md.para = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];
      g_autoptr(GMatchInfo) m = NULL;
      const char *q = line;
      gsize ql;

      /* Fenced code is kept verbatim, as one block. */
      if (is_fence (line))
        {
          g_autoptr(GString) code = g_string_new (NULL);

          md_flush (&md);
          while (lines[i + 1] != NULL && !is_fence (lines[i + 1]))
            {
              if (code->len > 0)
                g_string_append_c (code, '\n');
              g_string_append (code, lines[++i]);
            }
          if (lines[i + 1] != NULL)
            i++;
          if (!is_blank (code->str))
            {
              if (md.out->len > 0)
                g_string_append (md.out, "\n\n");
              g_string_append (md.out, code->str);
              md.last_item = FALSE;
              md.gap = FALSE;
            }
          continue;
        }

      /* Block quotes read as their content. */
      while (*q == ' ' && q - line < 3)
        q++;
      while (*q == '>')
        {
          q++;
          if (*q == ' ')
            q++;
        }

      if (is_blank (q))
        {
          md_flush (&md);
          md.gap = TRUE;
          continue;
        }
      ql = strlen (q);

      /* A setext heading's underline ends the paragraph above it. */
      if (md.para->len > 0 && !md.para_item
          && (strspn (q, "=") == ql || (strspn (q, "-") == ql && ql >= 2)))
        {
          md_flush (&md);
          continue;
        }
      if (g_regex_match (md_rule, q, 0, NULL))
        {
          md_flush (&md);
          continue;
        }
      if (g_regex_match (md_ref_def, q, 0, NULL))
        continue;
      if (g_regex_match (md_heading, q, 0, &m))
        {
          g_autofree char *h = g_match_info_fetch (m, 1);

          if (h != NULL && *h != '\0')
            md_block (&md, h, FALSE);
          else
            md_flush (&md);
          continue;
        }
      g_clear_pointer (&m, g_match_info_free);
      if (g_regex_match (md_bullet, q, 0, &m))
        {
          g_autofree char *item = g_match_info_fetch (m, 1);

          md_flush (&md);
          g_string_append (md.para, "• ");
          g_string_append (md.para, item);
          md.para_item = TRUE;
          continue;
        }
      g_clear_pointer (&m, g_match_info_free);
      if (g_regex_match (md_ordered, q, 0, &m))
        {
          g_autofree char *num = g_match_info_fetch (m, 1);
          g_autofree char *item = g_match_info_fetch (m, 2);

          md_flush (&md);
          g_string_append_printf (md.para, "%s. %s", num, item);
          md.para_item = TRUE;
          continue;
        }
      g_clear_pointer (&m, g_match_info_free);

      if (strchr (q, '|') != NULL && g_regex_match (md_table_sep, q, 0, NULL))
        continue;
      if (*skip_blanks (q) == '|')
        {
          /* A table row: its cells, separated by tabs. */
          g_autofree char *row = g_strstrip (g_strdup (q));
          g_auto(GStrv) cells = NULL;
          g_autoptr(GString) joined = g_string_new (NULL);
          gsize rl = strlen (row);

          if (rl > 1 && row[rl - 1] == '|')
            row[rl - 1] = '\0';
          cells = g_strsplit (row + 1, "|", -1);
          for (guint c = 0; cells[c] != NULL; c++)
            {
              if (c > 0)
                g_string_append_c (joined, '\t');
              g_string_append (joined, g_strstrip (cells[c]));
            }
          md_flush (&md);
          g_string_append (md.para, joined->str);
          md.para_item = TRUE;
          md_flush (&md);
          continue;
        }

      /* A paragraph line: soft line breaks join, hard ones (two spaces or a
       * backslash at the end) stay. */
      {
        g_autofree char *content = g_strdup (q);
        gsize cl = strlen (content);
        gboolean hard = (cl >= 2 && content[cl - 1] == ' ' && content[cl - 2] == ' ')
                        || content[cl - 1] == '\\';

        if (content[cl - 1] == '\\')
          content[cl - 1] = '\0';
        g_strstrip (content);
        if (md.para->len > 0 && md.para->str[md.para->len - 1] != '\n')
          g_string_append_c (md.para, ' ');
        g_string_append (md.para, content);
        if (hard)
          g_string_append_c (md.para, '\n');
      }
    }
  md_flush (&md);
  g_string_free (md.para, TRUE);
  return g_string_free (md.out, FALSE);
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
  utf8 = decode_input (data, len, charset, in_page, report);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  page = fm_html_extract (utf8, strlen (utf8), error);
  if (page == NULL)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  if (page->cut_short)
    report_warn (report, _("The page nests its elements more than 256 deep; "
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
  g_autofree char *utf8 = decode_input (data, len, charset, FALSE, report);
  g_autofree char *text = NULL;
  g_autofree char *body = NULL;
  g_autofree char *rest = NULL;
  char *front;

  text = fm_text_canonicalize (utf8, strlen (utf8), error);
  if (text == NULL)
    return NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* Metadata first, then what is left becomes the text. */
  front = take_front_matter (text, article);
  body = front != NULL ? front : g_strdup (text);
  rest = take_metadata_block (body, article);
  g_free (body);
  body = remove_template_markers (rest);
  if (markdown)
    {
      g_autofree char *reduced = reduce_markdown (body);

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
      && !(charset != NULL && g_str_has_prefix (normalize_charset (charset) ?: "", "UTF-16"))
      && sniff_utf16 ((const guchar *) data, len) == NULL)
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
