/* fm-types.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define FM_ERROR (fm_error_quark ())

typedef enum
{
  FM_ERROR_INVALID,       /* Bad input from the user or a file. */
  FM_ERROR_NOT_FOUND,     /* No article, annotation or quote of that name. */
  FM_ERROR_EMPTY,         /* The text has nothing in it to read. */
  FM_ERROR_ENCODING,      /* The bytes are not text we can decode. */
  FM_ERROR_DATABASE,      /* SQLite refused or failed. */
  FM_ERROR_CORRUPT,       /* The library file is not a sound database. */
  FM_ERROR_NEWER_SCHEMA,  /* The library was written by a newer Factmark. */
  FM_ERROR_BUSY,          /* Another process holds the library. */
  FM_ERROR_TOO_LARGE,     /* Input past a documented limit. */
  FM_ERROR_OFFLINE,       /* The desk server cannot be reached. */
  FM_ERROR_REFUSED,       /* The desk server refused the change or the login. */
} FmError;

typedef enum
{
  FM_KIND_CLAIM,
  FM_KIND_FIGURE,
  FM_KIND_SOURCE,
} FmKind;

#define FM_N_KINDS 3

typedef enum
{
  FM_VERDICT_UNVERIFIED,
  FM_VERDICT_TRUE,
  FM_VERDICT_MOSTLY_TRUE,
  FM_VERDICT_MISLEADING,
  FM_VERDICT_FALSE,
  FM_VERDICT_UNPROVEN,
  FM_VERDICT_OPINION,
} FmVerdict;

#define FM_N_VERDICTS 7

typedef enum
{
  FM_SOURCE_TYPE_PERSON,
  FM_SOURCE_TYPE_ORGANIZATION,
  FM_SOURCE_TYPE_GOVERNMENT,
  FM_SOURCE_TYPE_STATE_MEDIA,
  FM_SOURCE_TYPE_NEWS_OUTLET,
  FM_SOURCE_TYPE_DOCUMENT,
  FM_SOURCE_TYPE_ANONYMOUS,
  FM_SOURCE_TYPE_OTHER,
} FmSourceType;

#define FM_N_SOURCE_TYPES 8

/* The largest article text we accept, in bytes of UTF-8. Past this a
 * GtkTextView becomes sluggish and nobody is annotating a news story. */
#define FM_MAX_TEXT_BYTES (32 * 1024 * 1024)

/* The most annotations one article may hold: far beyond any real fact
 * check, low enough that a runaway import cannot make the window unusable. */
#define FM_MAX_ANNOTATIONS_PER_ARTICLE 100000

GQuark        fm_error_quark              (void);

const char   *fm_kind_to_string           (FmKind        kind);
gboolean      fm_kind_from_string         (const char   *str,
                                           FmKind       *kind);
const char   *fm_kind_to_label            (FmKind        kind);
const char   *fm_kind_to_plural_label     (FmKind        kind);

const char   *fm_verdict_to_string        (FmVerdict     verdict);
gboolean      fm_verdict_from_string      (const char   *str,
                                           FmVerdict    *verdict);
const char   *fm_verdict_to_label         (FmVerdict     verdict);
gboolean      fm_verdict_allowed_for_kind (FmVerdict     verdict,
                                           FmKind        kind);

const char   *fm_source_type_to_string    (FmSourceType  type);
gboolean      fm_source_type_from_string  (const char   *str,
                                           FmSourceType *type);
const char   *fm_source_type_to_label     (FmSourceType  type);

G_END_DECLS
