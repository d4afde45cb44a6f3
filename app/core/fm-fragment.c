/* fm-fragment.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-fragment"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "fm-export-private.h"
#include "fm-fragment.h"
#include "fm-types.h"

/* RFC 5147 names a span of a text/plain resource as "char=S,E": S and E
 * count characters from 0, which for Factmark's canonical text are Unicode
 * code points, the unit of every stored offset. The links Factmark writes
 * (fm_fragment_append_char(), below) have that form, and the same links
 * come back from fact sheets and annotations made elsewhere, so this
 * parser is an edge where untrusted text turns into offsets: it accepts
 * only what the RFC's grammar allows for a character range and refuses the
 * rest with a reason, rather than guessing what a malformed link meant. */

/* Reads 1*DIGIT at *p into a value no larger than G_MAXINT32, the widest
 * offset any article can have (FM_MAX_TEXT_BYTES is far below it). */
static gboolean
parse_number (const char **p,
              glong       *value)
{
  const char *s = *p;
  gint64 v = 0;

  g_assert (p != NULL && value != NULL);

  if (!g_ascii_isdigit (*s))
    return FALSE;
  while (g_ascii_isdigit (*s))
    {
      v = v * 10 + (*s - '0');
      if (v > G_MAXINT32)
        return FALSE;
      s++;
    }
  *p = s;
  *value = (glong) v;
  return TRUE;
}

/* A mime-charset (RFC 2978) is a run of these characters. */
static gboolean
is_charset_char (char c)
{
  return c != '\0' && (g_ascii_isalnum (c) || strchr ("!#$%&'+-^_`{}~", c) != NULL);
}

/* Skips an optional "#" and the "char=" scheme, refusing the line scheme
 * by name since a person may well have meant it. */
static gboolean
parse_scheme (const char **p,
              GError     **error)
{
  if (**p == '#')
    (*p)++;
  if (g_str_has_prefix (*p, "line="))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("Line fragments (line=) are not supported; use char=START,END"));
      return FALSE;
    }
  if (!g_str_has_prefix (*p, "char="))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The fragment does not start with “char=”"));
      return FALSE;
    }
  *p += strlen ("char=");
  return TRUE;
}

/* Reads "S,E" with S < E. */
static gboolean
parse_span (const char **p,
            glong       *s,
            glong       *e,
            GError     **error)
{
  if (!parse_number (p, s))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The fragment’s start is not a number from 0 to %d"), G_MAXINT32);
      return FALSE;
    }
  if (**p != ',')
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The fragment names a position, not a span: it needs “char=START,END”"));
      return FALSE;
    }
  (*p)++;
  if (!parse_number (p, e))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The fragment’s end is not a number from 0 to %d"), G_MAXINT32);
      return FALSE;
    }
  if (*e <= *s)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The fragment’s end (%ld) is not after its start (%ld)"), *e, *s);
      return FALSE;
    }
  return TRUE;
}

/* Reads ";length=N" and the optional ",CHARSET" after it. The charset the
 * length was counted in does not change a count of code points, so it is
 * checked for form and otherwise ignored. */
static gboolean
parse_length (const char **p,
              glong       *n,
              GError     **error)
{
  const char *charset;

  (*p)++;
  if (g_str_has_prefix (*p, "md5="))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("MD5 integrity checks in fragments are not supported"));
      return FALSE;
    }
  if (!g_str_has_prefix (*p, "length="))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("After “;” the fragment may only give “length=N”"));
      return FALSE;
    }
  *p += strlen ("length=");
  if (!parse_number (p, n))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The fragment’s length is not a number from 0 to %d"), G_MAXINT32);
      return FALSE;
    }
  if (**p != ',')
    return TRUE;
  charset = ++(*p);
  while (is_charset_char (**p))
    (*p)++;
  if (*p == charset)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The fragment’s length is followed by an empty charset"));
      return FALSE;
    }
  return TRUE;
}

/**
 * fm_text_parse_char_fragment:
 * @fragment: "#char=S,E" or "char=S,E", optionally followed by
 *   ";length=N" (and, as RFC 5147 allows, ",CHARSET" after N)
 * @start: (out): S, the first code point of the span
 * @end: (out): E, the code point after the span (end exclusive)
 * @length: (out) (optional): N, the length in code points of the text the
 *   link was made for, or -1 when the fragment does not say
 *
 * Parses an RFC 5147 character range. The span must not be empty (S < E),
 * since Factmark marks only non-empty spans; numbers are plain decimal
 * digits, without signs, spaces or percent-encoding, up to G_MAXINT32; when
 * a length is given, E may not pass it. Positions ("char=S"), line schemes
 * ("line=") and MD5 integrity checks are refused with FM_ERROR_INVALID.
 *
 * Returns: %TRUE and the offsets, or %FALSE with @error set
 */
gboolean
fm_text_parse_char_fragment (const char  *fragment,
                             glong       *start,
                             glong       *end,
                             glong       *length,
                             GError     **error)
{
  const char *p = fragment;
  glong s = 0;
  glong e = 0;
  glong n = -1;

  g_return_val_if_fail (fragment != NULL, FALSE);
  g_return_val_if_fail (start != NULL, FALSE);
  g_return_val_if_fail (end != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (strnlen (fragment, FM_FRAGMENT_MAX_BYTES + 1) > FM_FRAGMENT_MAX_BYTES)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_TOO_LARGE,
                   _("The fragment is longer than %d bytes"), FM_FRAGMENT_MAX_BYTES);
      return FALSE;
    }

  if (!parse_scheme (&p, error) || !parse_span (&p, &s, &e, error))
    return FALSE;
  if (*p == ';')
    {
      if (!parse_length (&p, &n, error))
        return FALSE;
      if (e > n)
        {
          g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                       _("The fragment’s end (%ld) is past the length it gives (%ld)"), e, n);
          return FALSE;
        }
    }
  if (*p != '\0')
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("The fragment has unexpected text after its span"));
      return FALSE;
    }

  *start = s;
  *end = e;
  if (length != NULL)
    *length = n;
  return TRUE;
}

/**
 * fm_fragment_append_char:
 * @out: the string to append to
 * @start: the first code point of the span
 * @end: the code point after the span
 *
 * Appends "#char=START,END", the fragment fm_text_parse_char_fragment()
 * reads, without a printf: the exports write one per entry.
 */
void
fm_fragment_append_char (GString *out,
                         guint64  start,
                         guint64  end)
{
  g_return_if_fail (out != NULL);
  g_return_if_fail (start < end);

  g_string_append (out, "#char=");
  fm_export_append_uint (out, start);
  g_string_append_c (out, ',');
  fm_export_append_uint (out, end);
}
