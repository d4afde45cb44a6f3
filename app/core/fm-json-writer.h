/* fm-json-writer.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  FM_JSON_WRITER_FLAGS_NONE = 0,
  /* Escape "<", ">" and "&" inside strings as \u003c, \u003e and \u0026, so
   * the JSON can sit in an HTML <script> element. */
  FM_JSON_WRITER_ESCAPE_HTML = 1 << 0,
} FmJsonWriterFlags;

/* How deep containers may nest; every Factmark format stays well within. */
#define FM_JSON_WRITER_MAX_DEPTH 32

/* Writes JSON straight into a GString, token by token, with no tree in
 * between. Lives on the stack; see fm_json_writer_init(). The fields are
 * private. */
typedef struct
{
  GString           *out;
  guint              indent;
  FmJsonWriterFlags  flags;
  guint              depth;
  /* Per open container: whether it is an object, and whether it has had a
   * member or element yet. */
  guint8             is_object[FM_JSON_WRITER_MAX_DEPTH];
  guint8             has_items[FM_JSON_WRITER_MAX_DEPTH];
  /* A member name was written and its value is due. */
  gboolean           after_name;
} FmJsonWriter;

void     fm_json_writer_init          (FmJsonWriter      *writer,
                                       GString           *out,
                                       guint              indent,
                                       FmJsonWriterFlags  flags);
gboolean fm_json_writer_is_complete   (FmJsonWriter      *writer);

void     fm_json_writer_begin_object  (FmJsonWriter      *writer);
void     fm_json_writer_end_object    (FmJsonWriter      *writer);
void     fm_json_writer_begin_array   (FmJsonWriter      *writer);
void     fm_json_writer_end_array     (FmJsonWriter      *writer);
void     fm_json_writer_member        (FmJsonWriter      *writer,
                                       const char        *name);

void     fm_json_writer_string        (FmJsonWriter      *writer,
                                       const char        *value);
void     fm_json_writer_string_len    (FmJsonWriter      *writer,
                                       const char        *value,
                                       gsize              len);
void     fm_json_writer_int           (FmJsonWriter      *writer,
                                       gint64             value);
void     fm_json_writer_double        (FmJsonWriter      *writer,
                                       double             value);
void     fm_json_writer_boolean       (FmJsonWriter      *writer,
                                       gboolean           value);
void     fm_json_writer_null          (FmJsonWriter      *writer);
void     fm_json_writer_time          (FmJsonWriter      *writer,
                                       gint64             usec);

/* A member and its value in one call. */
void     fm_json_writer_member_string (FmJsonWriter      *writer,
                                       const char        *name,
                                       const char        *value);
void     fm_json_writer_member_int    (FmJsonWriter      *writer,
                                       const char        *name,
                                       gint64             value);
void     fm_json_writer_member_time   (FmJsonWriter      *writer,
                                       const char        *name,
                                       gint64             usec);

void     fm_json_escape               (GString           *out,
                                       const char        *str,
                                       gsize              len,
                                       FmJsonWriterFlags  flags);

G_END_DECLS
