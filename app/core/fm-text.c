/* fm-text.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-text"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <string.h>

#include "fm-text.h"
#include "fm-types.h"

/* Every offset Factmark stores or prints counts Unicode code points in the
 * canonical text: UTF-8, LF line endings, NFC, no NUL. Those are the units the
 * W3C model and RFC 5147 use, and they do not change between the C core, the
 * GtkTextBuffer (whose char offsets are code points) and the exports. */

static gboolean
is_ascii (const char *text,
          gsize       len)
{
  for (gsize i = 0; i < len; i++)
    if ((guchar) text[i] >= 0x80)
      return FALSE;
  return TRUE;
}

/* NFC, a line at a time: no character composes across a newline, and
 * GLib's normalizer slows down with the length of what it is given. ASCII
 * lines are already normal and are copied as they are. */
static char *
normalize_nfc (const char *text,
               gsize       len)
{
  GString *out = g_string_sized_new (len + 1);
  const char *p = text;
  const char *end = text + len;

  while (p < end)
    {
      const char *nl = memchr (p, '\n', end - p);
      const char *line_end = nl ? nl + 1 : end;

      if (is_ascii (p, line_end - p))
        g_string_append_len (out, p, line_end - p);
      else
        {
          g_autofree char *part = g_utf8_normalize (p, line_end - p, G_NORMALIZE_NFC);

          if (part == NULL)
            {
              g_string_free (out, TRUE);
              return NULL;
            }
          g_string_append (out, part);
        }
      p = line_end;
    }

  return g_string_free (out, FALSE);
}

char *
fm_text_canonicalize (const char  *data,
                      gsize        len,
                      GError     **error)
{
  g_autoptr(GString) lf = NULL;
  g_autofree char *nfc = NULL;
  const char *end;
  gboolean blank = TRUE;

  g_return_val_if_fail (data != NULL || len == 0, NULL);

  if (len > FM_MAX_TEXT_BYTES)
    {
      g_autofree char *size = g_format_size (len);
      g_autofree char *limit = g_format_size (FM_MAX_TEXT_BYTES);

      g_set_error (error, FM_ERROR, FM_ERROR_TOO_LARGE,
                   _("The text is %s, larger than the limit of %s"), size, limit);
      return NULL;
    }

  /* A byte-order mark says how the file was written, not what it says. */
  if (len >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    {
      data += 3;
      len -= 3;
    }

  if (memchr (data, '\0', len) != NULL)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_ENCODING,
                   _("The file contains NUL bytes, so it is not text"));
      return NULL;
    }

  if (!g_utf8_validate_len (data, len, &end))
    {
      /* %zu rather than G_GSIZE_FORMAT: xgettext cannot expand a macro, so
       * the message would be cut at the "%" and never found translated. */
      g_set_error (error, FM_ERROR, FM_ERROR_ENCODING,
                   _("The text is not valid UTF-8 (first bad byte at offset %zu)"),
                   (size_t) (end - data));
      return NULL;
    }

  lf = g_string_sized_new (len + 1);
  for (gsize i = 0; i < len; i++)
    {
      char c = data[i];

      if (c == '\r')
        {
          g_string_append_c (lf, '\n');
          if (i + 1 < len && data[i + 1] == '\n')
            i++;
          continue;
        }

      if (blank && !g_ascii_isspace (c))
        blank = FALSE;
      g_string_append_c (lf, c);
    }

  if (blank)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_EMPTY, _("The text is empty"));
      return NULL;
    }

  nfc = normalize_nfc (lf->str, lf->len);
  if (nfc == NULL)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_ENCODING,
                   _("The text could not be normalized"));
      return NULL;
    }

  return g_steal_pointer (&nfc);
}

gboolean
fm_text_is_canonical (const char *text)
{
  g_autofree char *nfc = NULL;

  if (text == NULL || !g_utf8_validate (text, -1, NULL) || strchr (text, '\r') != NULL)
    return FALSE;
  nfc = normalize_nfc (text, strlen (text));
  return g_strcmp0 (nfc, text) == 0;
}

glong
fm_text_length (const char *text)
{
  g_return_val_if_fail (text != NULL, 0);
  return g_utf8_strlen (text, -1);
}

char *
fm_text_sha256 (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

gsize
fm_text_byte_offset (const char *text,
                     glong       offset)
{
  g_return_val_if_fail (text != NULL, 0);
  return (gsize) (g_utf8_offset_to_pointer (text, offset) - text);
}

/* How many of the eight bytes of @word continue a character: a
 * continuation byte is 10xxxxxx, its top bit set and the next clear. */
static inline guint
continuation_bytes (guint64 word)
{
  return __builtin_popcountll (word & ~(word << 1) & G_GUINT64_CONSTANT (0x8080808080808080));
}

/**
 * fm_text_count:
 * @text: valid UTF-8
 * @len: its length in bytes
 *
 * Equal to fm_text_length() for the valid UTF-8 an article holds, and
 * faster: it counts the bytes that do not continue a character, eight at
 * a time.
 *
 * Returns: the length of @text in code points
 */
glong
fm_text_count (const char *text,
               gsize       len)
{
  const guchar *p = (const guchar *) text;
  const guchar *end = p + len;
  gsize continuing = 0;

  g_return_val_if_fail (text != NULL || len == 0, 0);

  for (; end - p >= 8; p += 8)
    {
      guint64 word;

      memcpy (&word, p, sizeof word);
      continuing += continuation_bytes (word);
    }
  for (; p < end; p++)
    continuing += (*p & 0xc0) == 0x80;
  return len - continuing;
}

/**
 * fm_text_skip:
 * @p: the start of a character of valid UTF-8
 * @end: where the text ends; nothing at or after it is read
 * @n: how many code points to skip
 *
 * What g_utf8_offset_to_pointer() gives for @p and @n, for a long stretch
 * of text in a fraction of its time: it counts the bytes that start a
 * character eight at a time, as a whole article's marks need.
 *
 * Returns: where the character @n code points after @p starts, or @end
 *   when the text has fewer.
 */
const char *
fm_text_skip (const char *p,
              const char *end,
              glong       n)
{
  const guchar *q = (const guchar *) p;
  const guchar *stop = (const guchar *) end;
  glong seen = 0;

  g_return_val_if_fail (p != NULL && end >= p, p);
  g_return_val_if_fail (n >= 0, p);

  /* Whole words in which every character starts before the one sought. */
  while (stop - q >= 8)
    {
      guint64 word;
      glong starts;

      memcpy (&word, q, sizeof word);
      starts = 8 - continuation_bytes (word);
      if (seen + starts > n)
        break;
      seen += starts;
      q += 8;
    }
  for (; q < stop; q++)
    {
      if ((*q & 0xc0) == 0x80)
        continue;
      if (seen == n)
        break;
      seen++;
    }
  return (const char *) q;
}

char *
fm_text_substring (const char *text,
                   glong       start,
                   glong       end)
{
  const char *s;
  const char *e;

  g_return_val_if_fail (text != NULL, NULL);
  g_return_val_if_fail (start >= 0 && end >= start, NULL);

  s = g_utf8_offset_to_pointer (text, start);
  e = g_utf8_offset_to_pointer (s, end - start);
  return g_strndup (s, e - s);
}

void
fm_text_line_column (const char *text,
                     glong       offset,
                     guint      *line,
                     guint      *column)
{
  guint l = 1;
  guint c = 1;
  const char *p = text;

  g_return_if_fail (text != NULL);

  for (glong i = 0; i < offset && *p; i++, p = g_utf8_next_char (p))
    {
      if (*p == '\n')
        {
          l++;
          c = 1;
        }
      else
        c++;
    }

  if (line)
    *line = l;
  if (column)
    *column = c;
}

GArray *
fm_text_find_all (const char *text,
                  const char *needle)
{
  GArray *found = g_array_new (FALSE, FALSE, sizeof (glong));
  const char *counted = text;
  glong offset = 0;
  const char *p = text;

  g_return_val_if_fail (text != NULL, found);

  if (needle == NULL || *needle == '\0')
    return found;

  while ((p = strstr (p, needle)) != NULL)
    {
      /* Count code points incrementally so many hits stay linear. */
      offset += g_utf8_pointer_to_offset (counted, p);
      counted = p;
      g_array_append_val (found, offset);
      p = g_utf8_next_char (p);
    }

  return found;
}

gboolean
fm_text_find_quote (const char  *text,
                    const char  *quote,
                    guint        occurrence,
                    glong       *start,
                    glong       *end,
                    GError     **error)
{
  g_autoptr(GArray) hits = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  if (quote == NULL || *quote == '\0')
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID, _("The quote is empty"));
      return FALSE;
    }

  hits = fm_text_find_all (text, quote);
  if (hits->len == 0)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND,
                   _("The quote “%s” is not in the article"), quote);
      return FALSE;
    }

  if (occurrence == 0 && hits->len > 1)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   ngettext ("The quote appears %u time; choose one with --occurrence",
                             "The quote appears %u times; choose one with --occurrence",
                             hits->len),
                   hits->len);
      return FALSE;
    }

  if (occurrence == 0)
    occurrence = 1;

  if (occurrence > hits->len)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_NOT_FOUND,
                   ngettext ("Occurrence %u asked for, but the quote appears only %u time",
                             "Occurrence %u asked for, but the quote appears only %u times",
                             hits->len),
                   occurrence, hits->len);
      return FALSE;
    }

  *start = g_array_index (hits, glong, occurrence - 1);
  *end = *start + g_utf8_strlen (quote, -1);
  return TRUE;
}

gboolean
fm_text_check_span (const char  *text,
                    glong        length,
                    glong        start,
                    glong        end,
                    GError     **error)
{
  if (start < 0 || end < 0)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("Offsets cannot be negative"));
      return FALSE;
    }
  if (end > length || start > length)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The span %ld–%ld is past the end of the text (%ld characters)"),
                   start, end, length);
      return FALSE;
    }
  if (end <= start)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The span %ld–%ld is empty"), start, end);
      return FALSE;
    }
  return TRUE;
}

void
fm_text_trim_span (const char *text,
                   glong      *start,
                   glong      *end)
{
  const char *s;
  const char *e;

  g_return_if_fail (text != NULL);

  s = g_utf8_offset_to_pointer (text, *start);
  e = g_utf8_offset_to_pointer (s, *end - *start);

  while (*start < *end && g_unichar_isspace (g_utf8_get_char (s)))
    {
      s = g_utf8_next_char (s);
      (*start)++;
    }
  while (*end > *start)
    {
      const char *prev = g_utf8_prev_char (e);

      if (!g_unichar_isspace (g_utf8_get_char (prev)))
        break;
      e = prev;
      (*end)--;
    }
}

void
fm_text_context (const char  *text,
                 glong        start,
                 glong        end,
                 char       **prefix,
                 char       **suffix)
{
  const char *s;
  const char *e;
  const char *p;
  int n;

  g_return_if_fail (text != NULL);

  s = g_utf8_offset_to_pointer (text, start);
  e = g_utf8_offset_to_pointer (s, end - start);

  if (prefix)
    {
      p = s;
      for (n = 0; n < FM_CONTEXT_LENGTH && p > text; n++)
        p = g_utf8_prev_char (p);
      *prefix = g_strndup (p, s - p);
    }

  if (suffix)
    {
      p = e;
      for (n = 0; n < FM_CONTEXT_LENGTH && *p; n++)
        p = g_utf8_next_char (p);
      *suffix = g_strndup (e, p - e);
    }
}

static const struct {
  const char *word;
  double      factor;
} multipliers[] = {
  { "thousand", 1e3 },
  { "million", 1e6 },
  { "billion", 1e9 },
  { "trillion", 1e12 },
  { "bn", 1e9 },
  { "m", 1e6 },
  { "k", 1e3 },
};

static const struct {
  const char *symbol;
  const char *unit;
} currencies[] = {
  { "$", "USD" },
  { "€", "EUR" },
  { "£", "GBP" },
  { "¥", "JPY" },
  { "₩", "KRW" },
};

gboolean
fm_text_parse_figure (const char  *quote,
                      double      *value,
                      char       **unit)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *currency = NULL;
  const char *p;
  const char *num_start = NULL;
  gboolean negative = FALSE;
  double v;
  char *endptr;

  g_return_val_if_fail (quote != NULL, FALSE);

  for (p = quote; *p; p = g_utf8_next_char (p))
    {
      if (g_ascii_isdigit (*p))
        {
          num_start = p;
          break;
        }
    }
  if (num_start == NULL)
    return FALSE;

  /* Look just before the number for a sign or a currency symbol. */
  for (p = quote; p < num_start; p = g_utf8_next_char (p))
    {
      for (guint i = 0; i < G_N_ELEMENTS (currencies); i++)
        if (g_str_has_prefix (p, currencies[i].symbol))
          currency = currencies[i].unit;
      if (*p == '-' && p + 1 == num_start)
        negative = TRUE;
    }
  if (g_str_has_prefix (quote, "−"))
    negative = TRUE;

  /* Read digits, dropping thousands separators: a comma (or a thin space)
   * followed by exactly three digits. A lone comma ends the number. */
  p = num_start;
  while (*p)
    {
      if (g_ascii_isdigit (*p))
        g_string_append_c (digits, *p++);
      else if (*p == '.' && g_ascii_isdigit (p[1]) && strchr (digits->str, '.') == NULL)
        g_string_append_c (digits, *p++);
      else if (*p == ',' && g_ascii_isdigit (p[1]) && g_ascii_isdigit (p[2])
               && g_ascii_isdigit (p[3]) && !g_ascii_isdigit (p[4]))
        p++;
      else
        break;
    }

  v = g_ascii_strtod (digits->str, &endptr);
  if (endptr == digits->str)
    return FALSE;

  while (*p == ' ' || g_str_has_prefix (p, "\u00A0"))
    p = g_utf8_next_char (p);

  if (*p == '%')
    {
      if (unit)
        *unit = g_strdup ("percent");
      *value = negative ? -v : v;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (multipliers); i++)
    {
      gsize wl = strlen (multipliers[i].word);

      if (g_ascii_strncasecmp (p, multipliers[i].word, wl) == 0 && !g_ascii_isalpha (p[wl]))
        {
          /* "m" alone after a number could be metres; only take it for money. */
          if (wl == 1 && currency == NULL)
            continue;
          v *= multipliers[i].factor;
          p += wl;
          while (*p == ' ')
            p++;
          break;
        }
    }

  if (g_ascii_strncasecmp (p, "percent", 7) == 0 || g_ascii_strncasecmp (p, "per cent", 8) == 0)
    {
      if (unit)
        *unit = g_strdup ("percent");
    }
  else if (currency != NULL)
    {
      if (unit)
        *unit = g_strdup (currency);
    }
  else if (unit)
    {
      /* Take the next word as the unit: "3,000 troops", "12 km". */
      const char *w = p;

      static const char * const not_units[] = {
        "a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "per", "the",
        "to", "than", "with",
      };
      g_autofree char *word = NULL;

      while (*w && (g_unichar_isalpha (g_utf8_get_char (w))))
        w = g_utf8_next_char (w);
      word = w > p ? g_strndup (p, w - p) : NULL;
      /* "7 to 2" has no unit; a function word never is one. */
      for (guint i = 0; word != NULL && i < G_N_ELEMENTS (not_units); i++)
        if (g_ascii_strcasecmp (word, not_units[i]) == 0)
          g_clear_pointer (&word, g_free);
      *unit = g_steal_pointer (&word);
    }

  *value = negative ? -v : v;
  return isfinite (*value);
}

char *
fm_text_first_line (const char *text,
                    guint       max_chars)
{
  const char *nl;
  g_autofree char *line = NULL;

  if (text == NULL)
    return g_strdup ("");

  nl = strchr (text, '\n');
  line = nl ? g_strndup (text, nl - text) : g_strdup (text);
  if (g_utf8_strlen (line, -1) > max_chars)
    {
      g_autofree char *cut = g_utf8_substring (line, 0, max_chars - 1);
      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&line);
}

void
fm_text_walker_init (FmTextWalker *walker,
                     const char   *text)
{
  g_return_if_fail (walker != NULL);
  g_return_if_fail (text != NULL);

  walker->text = text;
  walker->p = text;
  walker->offset = 0;
  walker->line = 1;
  walker->column = 1;
}

void
fm_text_walker_seek (FmTextWalker *walker,
                     glong         offset)
{
  g_return_if_fail (walker != NULL);

  if (offset < walker->offset)
    fm_text_walker_init (walker, walker->text);

  while (walker->offset < offset && *walker->p)
    {
      if (*walker->p == '\n')
        {
          walker->line++;
          walker->column = 1;
        }
      else
        walker->column++;
      walker->p = g_utf8_next_char (walker->p);
      walker->offset++;
    }
}

/**
 * fm_text_format_time:
 * @usec: microseconds since the Unix epoch
 *
 * Returns: an ISO 8601 UTC time to the second, as the exports write it
 */
char *
fm_text_format_time (gint64 usec)
{
  g_autoptr(GDateTime) dt = g_date_time_new_from_unix_utc (usec / G_USEC_PER_SEC);

  if (dt == NULL)
    return g_strdup ("1970-01-01T00:00:00Z");
  return g_date_time_format (dt, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * fm_text_fold:
 * @length: bytes of @text to read, or -1 for all
 *
 * Returns: @text case folded and without accents (compatibility
 *   decomposed, its combining marks dropped), in any script, as the
 *   search index folds it; other characters are kept
 */
char *
fm_text_fold (const char *text,
              gssize      length)
{
  g_autofree char *decomposed = NULL;
  g_autofree char *folded = NULL;
  GString *s;

  g_return_val_if_fail (text != NULL, NULL);

  decomposed = g_utf8_normalize (text, length, G_NORMALIZE_NFKD);
  folded = decomposed ? g_utf8_casefold (decomposed, -1) : g_utf8_casefold (text, length);
  s = g_string_sized_new (strlen (folded));
  for (const char *p = folded; *p; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type != G_UNICODE_NON_SPACING_MARK && type != G_UNICODE_SPACING_MARK
          && type != G_UNICODE_ENCLOSING_MARK)
        g_string_append_unichar (s, c);
    }
  return g_string_free (s, FALSE);
}
