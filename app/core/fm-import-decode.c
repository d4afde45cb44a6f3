/* fm-import-decode.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-import"

#include "config.h"

#include "fm-import-private.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <string.h>

#include "fm-types.h"

/* Decoding: the bytes of an input to UTF-8, by a byte-order mark, a
 * declared charset, or a guess between UTF-16, UTF-8 and Windows-1252. */

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
const char *
fm_import_normalize_charset (const char *name)
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
const char *
fm_import_sniff_utf16 (const guchar *data,
                       gsize         len)
{
  gsize n = MIN (len, FM_IMPORT_SNIFF_BYTES) & ~(gsize) 1;
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

/* Whether a decoding is not text: more than a tenth of its characters,
 * the share of control bytes sniff_binary() allows, are control characters
 * other than the layout ones, code points no character is assigned to, or
 * private-use ones. Binary data gets past the byte sniffing when it looks
 * like UTF-16 or is labelled with a charset, and decodes to such
 * characters. With @fffd_unassigned, U+FFFD counts too: in Windows-1252 it
 * only stands for one of the five unassigned bytes (NULs are sniffed out
 * before). Elsewhere it is a broken sequence, which the warnings tell
 * about; only a decoding of which more than half could not be read, such
 * as bytes labelled UTF-32 that hold no character, is refused for it. */
static gboolean
is_mostly_not_text (const char *utf8,
                    gboolean    fffd_unassigned)
{
  gsize chars = 0;
  gsize odd = 0;
  gsize replaced = 0;

  for (const char *p = utf8; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      chars++;
      if (c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' || c == 0x1B)
        continue;
      switch (g_unichar_type (c))
        {
        case G_UNICODE_CONTROL:
        case G_UNICODE_UNASSIGNED:
        case G_UNICODE_PRIVATE_USE:
        case G_UNICODE_SURROGATE:
          odd++;
          break;
        default:
          if (c == 0xFFFD)
            {
              replaced++;
              odd += fffd_unassigned;
            }
          break;
        }
    }
  return chars > 0 && (odd * 10 > chars || replaced * 2 > chars);
}

/* Decodes @data to UTF-8. @charset is a label the input came with (a mime
 * type parameter, a <meta charset>), or NULL. Sets the report's encoding
 * and warnings. Fails with %FM_ERROR_INVALID when what it decodes to is
 * not text. */
char *
fm_import_decode (const char      *data,
                  gsize            len,
                  const char      *charset,
                  gboolean         declared_in_page,
                  FmImportReport  *report,
                  GError         **error)
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
      enc = fm_import_normalize_charset (charset);
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
            fm_import_report_warn (report, _("The declared character set “%s” is unknown; "
                                             "reading the text as UTF-8 or Windows-1252"), charset);
        }
    }
  else
    enc = fm_import_sniff_utf16 ((const guchar *) data, len);

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
                fm_import_report_warn (report, _("The page says it is UTF-8 but is not; "
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

  if (is_mostly_not_text (text, strcmp (enc, "windows-1252") == 0))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("This is binary data, not text that can be imported: read as %s, it is "
                     "mostly control characters and unassigned or private-use code points"),
                   enc);
      g_free (text);
      return NULL;
    }

  report->encoding = g_strdup (enc);
  if (stats.truncated)
    fm_import_report_warn (report, _("The input ends in the middle of a character; "
                                     "it may have been cut off"));
  if (stats.replaced > 0)
    fm_import_report_warn (report, g_dngettext (GETTEXT_PACKAGE,
                                                "%u sequence of bytes could not be read as %s and was "
                                                "replaced with “\xEF\xBF\xBD”",
                                                "%u sequences of bytes could not be read as %s and were "
                                                "replaced with “\xEF\xBF\xBD”",
                                                stats.replaced),
                           stats.replaced, enc);
  if (stats.nuls > 0)
    fm_import_report_warn (report, g_dngettext (GETTEXT_PACKAGE,
                                                "%u NUL character was replaced with “\xEF\xBF\xBD”",
                                                "%u NUL characters were replaced with “\xEF\xBF\xBD”",
                                                stats.nuls),
                           stats.nuls);
  return text;
}
