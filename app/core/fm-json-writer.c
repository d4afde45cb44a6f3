/* fm-json-writer.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-json-writer"

#include "config.h"

#include <math.h>
#include <string.h>

#include "fm-json-writer.h"
#include "fm-text.h"

/* The exports write large sheets (a 1 MB article with 10,000 annotations
 * makes 9 MB of fact sheet and 18 MB of W3C annotations), and building a
 * JsonNode tree first, then walking it, took most of their time. This
 * writer appends each token as it comes, reserving room in the GString and
 * copying into it directly, so a member costs a few stores.
 *
 * Its output is what json-glib's generator writes with pretty printing and
 * the same indent, byte for byte, where that is valid JSON: " : " between a
 * name and its value, "[]" for an empty array, "{" and "}" around the
 * object's indent for an empty object, and the same escapes (\" \\ \b \f \n
 * \r \t, \u00xx in lower case for the other control characters and DEL,
 * everything else as UTF-8). Where json-glib writes something no parser
 * accepts, this writes valid JSON instead: U+001F is escaped (json-glib
 * leaves it raw), a double with an exponent gets no ".0" after it
 * ("1e+21", not "1e+21.0"), a NaN or an infinity is null, and a byte that
 * is not part of valid UTF-8 becomes U+FFFD, so the output is always valid
 * UTF-8. */

enum
{
  PLAIN,     /* copied as it is */
  ESCAPE,    /* always escaped */
  HTML,      /* escaped with FM_JSON_WRITER_ESCAPE_HTML */
  MULTIBYTE, /* starts a UTF-8 sequence, to check */
};

static const guint8 byte_class[256] = {
  [0x00 ... 0x1f] = ESCAPE,
  ['"'] = ESCAPE,
  ['\\'] = ESCAPE,
  [0x7f] = ESCAPE,
  ['<'] = HTML,
  ['>'] = HTML,
  ['&'] = HTML,
  [0x80 ... 0xff] = MULTIBYTE,
};

/* Makes room for @n more bytes and the terminating NUL, and returns where
 * they go. */
static inline char *
reserve (GString *out,
         gsize    n)
{
  if (G_UNLIKELY (out->allocated_len - out->len <= n))
    {
      gsize len = out->len;

      /* GString grows its buffer to the next power of two, so this happens
       * a few dozen times for the largest sheet. */
      g_string_set_size (out, len + n);
      out->len = len;
    }
  return out->str + out->len;
}

static inline void
commit (GString *out,
        char    *end)
{
  out->len = end - out->str;
  out->str[out->len] = '\0';
}

static inline void
append (GString    *out,
        const char *data,
        gsize       len)
{
  char *p = reserve (out, len);

  memcpy (p, data, len);
  commit (out, p + len);
}

/* Writes @n spaces, eight at a time: @p has room for up to seven more. */
static inline char *
put_spaces (char  *p,
            gsize  n)
{
  for (gsize i = 0; i < n; i += 8)
    memcpy (p + i, "        ", 8);
  return p + n;
}

/* The length of the valid UTF-8 sequence at @p, or 0 if there is none
 * (RFC 3629: no overlong forms, no surrogates, nothing past U+10FFFF). */
static inline gsize
utf8_sequence (const guchar *p,
               const guchar *end)
{
  guchar c = p[0];
  gsize avail = end - p;

#define CONT(i) (avail > (i) && (p[i] & 0xc0) == 0x80)
  if (c >= 0xc2 && c <= 0xdf)
    return CONT (1) ? 2 : 0;
  if (c >= 0xe0 && c <= 0xef)
    {
      if (avail < 3 || !CONT (2))
        return 0;
      if (c == 0xe0)
        return p[1] >= 0xa0 && p[1] <= 0xbf ? 3 : 0;
      if (c == 0xed)
        return p[1] >= 0x80 && p[1] <= 0x9f ? 3 : 0;
      return CONT (1) ? 3 : 0;
    }
  if (c >= 0xf0 && c <= 0xf4)
    {
      if (avail < 4 || !CONT (2) || !CONT (3))
        return 0;
      if (c == 0xf0)
        return p[1] >= 0x90 && p[1] <= 0xbf ? 4 : 0;
      if (c == 0xf4)
        return p[1] >= 0x80 && p[1] <= 0x8f ? 4 : 0;
      return CONT (1) ? 4 : 0;
    }
#undef CONT
  return 0;
}

/* Escapes of one byte; @p has room for six. */
static inline char *
put_escape (char   *p,
            guchar  c)
{
  static const char hex[] = "0123456789abcdef";

  *p++ = '\\';
  switch (c)
    {
    case '"': *p++ = '"'; break;
    case '\\': *p++ = '\\'; break;
    case '\b': *p++ = 'b'; break;
    case '\f': *p++ = 'f'; break;
    case '\n': *p++ = 'n'; break;
    case '\r': *p++ = 'r'; break;
    case '\t': *p++ = 't'; break;
    default:
      *p++ = 'u';
      *p++ = '0';
      *p++ = '0';
      *p++ = hex[c >> 4];
      *p++ = hex[c & 0xf];
      break;
    }
  return p;
}

#define ONES  G_GUINT64_CONSTANT (0x0101010101010101)
#define HIGHS G_GUINT64_CONSTANT (0x8080808080808080)

/* Whether one of the eight bytes of @x is @c (the bit trick is exact about
 * whether any is, not about which). */
static inline guint64
has_byte (guint64 x,
          guchar  c)
{
  guint64 y = x ^ (ONES * c);

  return (y - ONES) & ~y & HIGHS;
}

/* Whether none of the eight bytes of @x needs more than a copy: no control
 * character, quote, backslash, DEL or non-ASCII byte (nor "<", ">" and "&"
 * with @html). Checking a word at a time is what makes a long text cheap. */
static inline gboolean
word_is_plain (guint64  x,
               gboolean html)
{
  guint64 bad = (x | ((x - ONES * 0x20) & ~x)) & HIGHS;

  bad |= has_byte (x, '"') | has_byte (x, '\\') | has_byte (x, 0x7f);
  if (html)
    bad |= has_byte (x, '<') | has_byte (x, '>') | has_byte (x, '&');
  return bad == 0;
}

/* Escapes the bytes from @p to @limit into @dst, which has room for six
 * bytes out for each in; a UTF-8 sequence that starts before @limit is
 * checked up to @end and copied whole. Returns where the output ends, and
 * sets @p to where the input stopped. */
static char *
escape_into (char          *dst,
             const guchar **pp,
             const guchar  *limit,
             const guchar  *end,
             gboolean       html)
{
  const guchar *p = *pp;

  while (p < limit)
    {
      guchar c;
      guint8 k = PLAIN;
      gsize n;

      if (limit - p >= 8)
        {
          guint64 x;

          memcpy (&x, p, sizeof x);
          if (word_is_plain (x, html))
            {
              memcpy (dst, p, sizeof x);
              dst += sizeof x;
              p += sizeof x;
              continue;
            }
        }

      /* Short strings (most names and values) never fill a word: copy
       * what needs nothing byte by byte, in a tight loop. */
      while (p < limit && (k = byte_class[*p]) == PLAIN)
        *dst++ = *p++;
      if (p == limit)
        break;

      c = *p;
      if (k == HTML && !html)
        {
          *dst++ = c;
          p++;
        }
      else if (k == MULTIBYTE && (n = utf8_sequence (p, end)) > 0)
        {
          memcpy (dst, p, n);
          dst += n;
          p += n;
        }
      else if (k == MULTIBYTE)
        {
          memcpy (dst, "\xef\xbf\xbd", 3);
          dst += 3;
          p++;
        }
      else
        {
          dst = put_escape (dst, c);
          p++;
        }
    }
  *pp = p;
  return dst;
}

/* Bytes escaped per reservation: a long text is done in pieces, so the
 * room reserved for the worst case stays small. */
#define ESCAPE_CHUNK 4096

/**
 * fm_json_escape:
 * @out: where to append
 * @str: the text, which may hold NUL bytes and invalid UTF-8
 * @len: its length in bytes
 *
 * Appends the inside of a JSON string holding @str (no quotes around it),
 * escaped as the writer escapes every string.
 */
void
fm_json_escape (GString           *out,
                const char        *str,
                gsize              len,
                FmJsonWriterFlags  flags)
{
  const guchar *p = (const guchar *) str;
  const guchar *end = p + len;
  gboolean html = (flags & FM_JSON_WRITER_ESCAPE_HTML) != 0;

  g_return_if_fail (out != NULL);
  g_return_if_fail (str != NULL || len == 0);

  while (p < end)
    {
      const guchar *limit = p + MIN ((gsize) (end - p), ESCAPE_CHUNK);
      char *dst = reserve (out, 6 * (limit - p) + 3);

      commit (out, escape_into (dst, &p, limit, end, html));
    }
}

/**
 * fm_json_writer_init:
 * @out: where the JSON goes; appended to
 * @indent: spaces per level of nesting, as json_generator_set_indent()
 *   takes them; 0 writes compact JSON on one line
 *
 * Sets up @writer to write one JSON value into @out.
 */
void
fm_json_writer_init (FmJsonWriter      *writer,
                     GString           *out,
                     guint              indent,
                     FmJsonWriterFlags  flags)
{
  g_return_if_fail (writer != NULL);
  g_return_if_fail (out != NULL);

  memset (writer, 0, sizeof *writer);
  writer->out = out;
  writer->indent = indent;
  writer->flags = flags;
}

/**
 * fm_json_writer_is_complete:
 *
 * Returns: whether every container begun has been ended and no member
 *   waits for its value.
 */
gboolean
fm_json_writer_is_complete (FmJsonWriter *writer)
{
  g_return_val_if_fail (writer != NULL, FALSE);

  return writer->depth == 0 && !writer->after_name;
}

/* What comes before the next item of the innermost container: a comma
 * after an earlier item, then a line break and the indent. */
static void
separate (FmJsonWriter *writer)
{
  guint depth = writer->depth;
  gsize n = (gsize) depth * writer->indent;
  char *p = reserve (writer->out, n + 10);

  if (writer->has_items[depth - 1])
    *p++ = ',';
  if (writer->indent > 0)
    {
      *p++ = '\n';
      p = put_spaces (p, n);
    }
  writer->has_items[depth - 1] = TRUE;
  commit (writer->out, p);
}

/* Returns whether a value may be written here: after a member's name, at
 * the top before anything else, or as an element of an array. */
static gboolean
begin_value (FmJsonWriter *writer)
{
  if (writer->after_name)
    {
      writer->after_name = FALSE;
      return TRUE;
    }
  if (writer->depth == 0)
    return TRUE;
  if (writer->is_object[writer->depth - 1])
    {
      g_critical ("fm_json_writer: a value in an object needs a member name first");
      return FALSE;
    }
  separate (writer);
  return TRUE;
}

static void
begin_container (FmJsonWriter *writer,
                 gboolean      object)
{
  char *p;

  if (writer->depth >= FM_JSON_WRITER_MAX_DEPTH)
    {
      g_critical ("fm_json_writer: containers nest deeper than %d", FM_JSON_WRITER_MAX_DEPTH);
      return;
    }
  if (!begin_value (writer))
    return;
  p = reserve (writer->out, 1);
  *p++ = object ? '{' : '[';
  commit (writer->out, p);
  writer->is_object[writer->depth] = object;
  writer->has_items[writer->depth] = FALSE;
  writer->depth++;
}

static void
end_container (FmJsonWriter *writer,
               gboolean      object)
{
  gsize n;
  char *p;

  if (writer->depth == 0 || writer->is_object[writer->depth - 1] != object || writer->after_name)
    {
      g_critical ("fm_json_writer: an end without its begin, or a member without its value");
      return;
    }
  writer->depth--;
  n = (gsize) writer->depth * writer->indent;
  p = reserve (writer->out, n + 10);

  if (writer->has_items[writer->depth] && writer->indent > 0)
    {
      *p++ = '\n';
      p = put_spaces (p, n);
    }
  else if (object)
    {
      /* json-glib pads an empty object with its indent: "{  }". */
      p = put_spaces (p, n);
    }
  *p++ = object ? '}' : ']';
  commit (writer->out, p);
}

void
fm_json_writer_begin_object (FmJsonWriter *writer)
{
  g_return_if_fail (writer != NULL);
  begin_container (writer, TRUE);
}

void
fm_json_writer_end_object (FmJsonWriter *writer)
{
  g_return_if_fail (writer != NULL);
  end_container (writer, TRUE);
}

void
fm_json_writer_begin_array (FmJsonWriter *writer)
{
  g_return_if_fail (writer != NULL);
  begin_container (writer, FALSE);
}

void
fm_json_writer_end_array (FmJsonWriter *writer)
{
  g_return_if_fail (writer != NULL);
  end_container (writer, FALSE);
}

/**
 * fm_json_writer_member:
 * @name: the member's name
 *
 * Starts a member of the innermost object; its value comes next.
 */
void
fm_json_writer_member (FmJsonWriter *writer,
                       const char   *name)
{
  const guchar *p = (const guchar *) name;
  gsize len;
  char *dst;

  g_return_if_fail (writer != NULL);
  g_return_if_fail (name != NULL);

  if (writer->depth == 0 || !writer->is_object[writer->depth - 1] || writer->after_name)
    {
      g_critical ("fm_json_writer: a member name outside an object, or twice");
      return;
    }
  separate (writer);

  /* Names are short: one reservation for the worst case of all of it. */
  len = strlen (name);
  dst = reserve (writer->out, 6 * len + 5);
  *dst++ = '"';
  dst = escape_into (dst, &p, p + len, p + len, (writer->flags & FM_JSON_WRITER_ESCAPE_HTML) != 0);
  if (writer->indent > 0)
    {
      memcpy (dst, "\" : ", 4);
      dst += 4;
    }
  else
    {
      memcpy (dst, "\":", 2);
      dst += 2;
    }
  commit (writer->out, dst);
  writer->after_name = TRUE;
}

static void
write_raw (FmJsonWriter *writer,
           const char   *token,
           gsize         len)
{
  if (begin_value (writer))
    append (writer->out, token, len);
}

/**
 * fm_json_writer_string_len:
 * @value: the text; NUL bytes in it are escaped
 * @len: its length in bytes
 */
void
fm_json_writer_string_len (FmJsonWriter *writer,
                           const char   *value,
                           gsize         len)
{
  g_return_if_fail (writer != NULL);
  g_return_if_fail (value != NULL || len == 0);

  if (!begin_value (writer))
    return;

  if (len <= ESCAPE_CHUNK)
    {
      const guchar *p = (const guchar *) value;
      char *dst = reserve (writer->out, 6 * len + 2);

      *dst++ = '"';
      dst = escape_into (dst, &p, p + len, p + len,
                         (writer->flags & FM_JSON_WRITER_ESCAPE_HTML) != 0);
      *dst++ = '"';
      commit (writer->out, dst);
      return;
    }

  append (writer->out, "\"", 1);
  fm_json_escape (writer->out, value, len, writer->flags);
  append (writer->out, "\"", 1);
}

/**
 * fm_json_writer_string:
 * @value: (nullable): the text, or %NULL to write null
 */
void
fm_json_writer_string (FmJsonWriter *writer,
                       const char   *value)
{
  g_return_if_fail (writer != NULL);

  if (value == NULL)
    write_raw (writer, "null", 4);
  else
    fm_json_writer_string_len (writer, value, strlen (value));
}

void
fm_json_writer_int (FmJsonWriter *writer,
                    gint64        value)
{
  char buf[24];
  char *end = buf + sizeof buf;
  char *p = end;
  guint64 u = value < 0 ? - (guint64) value : (guint64) value;

  g_return_if_fail (writer != NULL);

  do
    {
      *--p = '0' + u % 10;
      u /= 10;
    }
  while (u > 0);
  if (value < 0)
    *--p = '-';
  write_raw (writer, p, end - p);
}

/**
 * fm_json_writer_double:
 *
 * Writes @value with enough digits to read back the same double, as
 * json-glib does ("%.17g", and ".0" after a whole number so it stays a
 * double); null for a NaN or an infinity, which JSON cannot hold.
 */
void
fm_json_writer_double (FmJsonWriter *writer,
                       double        value)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE + 2];
  gsize len;

  g_return_if_fail (writer != NULL);

  if (!isfinite (value))
    {
      write_raw (writer, "null", 4);
      return;
    }
  g_ascii_dtostr (buf, G_ASCII_DTOSTR_BUF_SIZE, value);
  len = strlen (buf);
  if (strpbrk (buf, ".eE") == NULL)
    {
      memcpy (buf + len, ".0", 3);
      len += 2;
    }
  write_raw (writer, buf, len);
}

void
fm_json_writer_boolean (FmJsonWriter *writer,
                        gboolean      value)
{
  g_return_if_fail (writer != NULL);

  if (value)
    write_raw (writer, "true", 4);
  else
    write_raw (writer, "false", 5);
}

void
fm_json_writer_null (FmJsonWriter *writer)
{
  g_return_if_fail (writer != NULL);
  write_raw (writer, "null", 4);
}

static char *
put_digits (char  *p,
            guint  value,
            guint  width)
{
  for (guint i = width; i > 0; i--)
    {
      p[i - 1] = '0' + value % 10;
      value /= 10;
    }
  return p + width;
}

/**
 * fm_json_writer_time:
 * @usec: microseconds since the Unix epoch
 *
 * Writes a string with the time in ISO 8601 UTC to the second, exactly as
 * fm_text_format_time() formats it, without its GDateTime and strftime-like
 * formatting, which cost more than the rest of an entry.
 */
void
fm_json_writer_time (FmJsonWriter *writer,
                     gint64        usec)
{
  gint64 secs = usec / G_USEC_PER_SEC;
  gint64 days = secs / 86400 - (secs % 86400 < 0);
  gint64 rest = secs - days * 86400;
  gint64 era, yoe, doy, mp, year;
  guint day, month;
  char buf[24];
  char *p = buf;

  g_return_if_fail (writer != NULL);

  /* Days to a proleptic Gregorian date (Howard Hinnant's civil_from_days). */
  days += 719468;
  era = (days >= 0 ? days : days - 146096) / 146097;
  doy = days - era * 146097;
  yoe = (doy - doy / 1460 + doy / 36524 - doy / 146096) / 365;
  year = yoe + era * 400;
  doy = doy - (365 * yoe + yoe / 4 - yoe / 100);
  mp = (5 * doy + 2) / 153;
  day = doy - (153 * mp + 2) / 5 + 1;
  month = mp < 10 ? mp + 3 : mp - 9;
  year += month <= 2;

  /* GDateTime writes years before 1000 without padding and has none
   * outside 1 to 9999; leave those rare times to it. */
  if (year < 1000 || year > 9999)
    {
      g_autofree char *iso = fm_text_format_time (usec);

      fm_json_writer_string (writer, iso);
      return;
    }

  *p++ = '"';
  p = put_digits (p, year, 4);
  *p++ = '-';
  p = put_digits (p, month, 2);
  *p++ = '-';
  p = put_digits (p, day, 2);
  *p++ = 'T';
  p = put_digits (p, rest / 3600, 2);
  *p++ = ':';
  p = put_digits (p, rest / 60 % 60, 2);
  *p++ = ':';
  p = put_digits (p, rest % 60, 2);
  *p++ = 'Z';
  *p++ = '"';
  write_raw (writer, buf, p - buf);
}

void
fm_json_writer_member_string (FmJsonWriter *writer,
                              const char   *name,
                              const char   *value)
{
  fm_json_writer_member (writer, name);
  fm_json_writer_string (writer, value);
}

void
fm_json_writer_member_int (FmJsonWriter *writer,
                           const char   *name,
                           gint64        value)
{
  fm_json_writer_member (writer, name);
  fm_json_writer_int (writer, value);
}

void
fm_json_writer_member_time (FmJsonWriter *writer,
                            const char   *name,
                            gint64        usec)
{
  fm_json_writer_member (writer, name);
  fm_json_writer_time (writer, usec);
}
