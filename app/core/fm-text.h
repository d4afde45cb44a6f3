/* fm-text.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Characters of context kept on each side of an annotation's quote. */
#define FM_CONTEXT_LENGTH 32

char     *fm_text_canonicalize      (const char  *data,
                                     gsize        len,
                                     GError     **error);
gboolean  fm_text_is_canonical      (const char  *text);
glong     fm_text_length            (const char  *text);
char     *fm_text_sha256            (const char  *text);
char     *fm_text_substring         (const char  *text,
                                     glong        start,
                                     glong        end);
gsize     fm_text_byte_offset       (const char  *text,
                                     glong        offset);
glong     fm_text_count             (const char  *text,
                                     gsize        len);
const char *fm_text_skip            (const char  *p,
                                     const char  *end,
                                     glong        n);
void      fm_text_line_column       (const char  *text,
                                     glong        offset,
                                     guint       *line,
                                     guint       *column);
GArray   *fm_text_find_all          (const char  *text,
                                     const char  *needle);
gboolean  fm_text_find_quote        (const char  *text,
                                     const char  *quote,
                                     guint        occurrence,
                                     glong       *start,
                                     glong       *end,
                                     GError     **error);
gboolean  fm_text_check_span        (const char  *text,
                                     glong        length,
                                     glong        start,
                                     glong        end,
                                     GError     **error);
void      fm_text_trim_span         (const char  *text,
                                     glong       *start,
                                     glong       *end);
void      fm_text_context           (const char  *text,
                                     glong        start,
                                     glong        end,
                                     char       **prefix,
                                     char       **suffix);
gboolean  fm_text_parse_figure      (const char  *quote,
                                     double      *value,
                                     char       **unit);
/* Walks forward through a text, turning code point offsets into byte
 * pointers and 1-based lines and columns in one pass over sorted offsets. */
typedef struct
{
  const char *text;
  const char *p;
  glong       offset;
  guint       line;
  guint       column;
} FmTextWalker;

void      fm_text_walker_init       (FmTextWalker *walker,
                                     const char   *text);
void      fm_text_walker_seek       (FmTextWalker *walker,
                                     glong         offset);
char     *fm_text_format_time       (gint64        usec);
char     *fm_text_first_line        (const char  *text,
                                     guint        max_chars);
char     *fm_text_fold              (const char  *text,
                                     gssize       length);

G_END_DECLS
