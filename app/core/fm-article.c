/* fm-article.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-article"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "fm-article.h"
#include "fm-text.h"
#include "fm-types.h"

struct _FmArticle
{
  GObject parent_instance;

  gint64  id;
  char   *uuid;
  char   *title;
  char   *url;
  char   *outlet;
  char   *author;
  char   *published;
  char   *lang;
  gint64  imported;
  char   *text;
  char   *sha256;
  gint64  length;
  guint   counts[FM_N_KINDS];
  /* The number of the current revision of the text, from 1. */
  guint   revision;
  /* Built on first use; see fm_article_get_text_at(). */
  gsize  *stops;
};

/* fm_article_get_text_at() keeps the byte position of every STOP_STRIDE-th
 * code point, so finding an offset walks at most that many characters
 * instead of the text up to it. Shorter texts are walked. */
#define STOP_STRIDE 256

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_TITLE,
  PROP_DISPLAY_TITLE,
  PROP_URL,
  PROP_OUTLET,
  PROP_AUTHOR,
  PROP_PUBLISHED,
  PROP_LANG,
  PROP_IMPORTED,
  PROP_LENGTH,
  PROP_N_CLAIMS,
  PROP_N_FIGURES,
  PROP_N_SOURCES,
  PROP_SUBTITLE,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FmArticle, fm_article, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

static void
set_string (FmArticle   *self,
            char       **field,
            const char  *value,
            guint        prop)
{
  g_assert (FM_IS_ARTICLE (self));

  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  if (prop == PROP_TITLE)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DISPLAY_TITLE]);
  if (prop == PROP_OUTLET || prop == PROP_PUBLISHED)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUBTITLE]);
}

static void
fm_article_finalize (GObject *object)
{
  FmArticle *self = (FmArticle *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->title, g_free);
  g_clear_pointer (&self->url, g_free);
  g_clear_pointer (&self->outlet, g_free);
  g_clear_pointer (&self->author, g_free);
  g_clear_pointer (&self->published, g_free);
  g_clear_pointer (&self->lang, g_free);
  g_clear_pointer (&self->text, g_free);
  g_clear_pointer (&self->sha256, g_free);
  g_clear_pointer (&self->stops, g_free);

  G_OBJECT_CLASS (fm_article_parent_class)->finalize (object);
}

static void
fm_article_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  FmArticle *self = FM_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_UUID: g_value_set_string (value, self->uuid); break;
    case PROP_TITLE: g_value_set_string (value, self->title); break;
    case PROP_DISPLAY_TITLE: g_value_set_string (value, fm_article_get_display_title (self)); break;
    case PROP_URL: g_value_set_string (value, self->url); break;
    case PROP_OUTLET: g_value_set_string (value, self->outlet); break;
    case PROP_AUTHOR: g_value_set_string (value, self->author); break;
    case PROP_PUBLISHED: g_value_set_string (value, self->published); break;
    case PROP_LANG: g_value_set_string (value, self->lang); break;
    case PROP_IMPORTED: g_value_set_int64 (value, self->imported); break;
    case PROP_LENGTH: g_value_set_int64 (value, self->length); break;
    case PROP_N_CLAIMS: g_value_set_uint (value, self->counts[FM_KIND_CLAIM]); break;
    case PROP_N_FIGURES: g_value_set_uint (value, self->counts[FM_KIND_FIGURE]); break;
    case PROP_N_SOURCES: g_value_set_uint (value, self->counts[FM_KIND_SOURCE]); break;
    case PROP_SUBTITLE: g_value_take_string (value, fm_article_dup_subtitle (self)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_article_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  FmArticle *self = FM_ARTICLE (object);

  switch (prop_id)
    {
    case PROP_TITLE: fm_article_set_title (self, g_value_get_string (value)); break;
    case PROP_URL: fm_article_set_url (self, g_value_get_string (value)); break;
    case PROP_OUTLET: fm_article_set_outlet (self, g_value_get_string (value)); break;
    case PROP_AUTHOR: fm_article_set_author (self, g_value_get_string (value)); break;
    case PROP_PUBLISHED: fm_article_set_published (self, g_value_get_string (value)); break;
    case PROP_LANG: fm_article_set_lang (self, g_value_get_string (value)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_article_class_init (FmArticleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = fm_article_finalize;
  object_class->get_property = fm_article_get_property;
  object_class->set_property = fm_article_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, NULL, rw);
  properties[PROP_DISPLAY_TITLE] = g_param_spec_string ("display-title", NULL, NULL, NULL, ro);
  properties[PROP_URL] = g_param_spec_string ("url", NULL, NULL, NULL, rw);
  properties[PROP_OUTLET] = g_param_spec_string ("outlet", NULL, NULL, NULL, rw);
  properties[PROP_AUTHOR] = g_param_spec_string ("author", NULL, NULL, NULL, rw);
  properties[PROP_PUBLISHED] = g_param_spec_string ("published", NULL, NULL, NULL, rw);
  properties[PROP_LANG] = g_param_spec_string ("lang", NULL, NULL, NULL, rw);
  properties[PROP_IMPORTED] = g_param_spec_int64 ("imported", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_LENGTH] = g_param_spec_int64 ("length", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_N_CLAIMS] = g_param_spec_uint ("n-claims", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_FIGURES] = g_param_spec_uint ("n-figures", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_N_SOURCES] = g_param_spec_uint ("n-sources", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_SUBTITLE] = g_param_spec_string ("subtitle", NULL, NULL, NULL, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fm_article_init (FmArticle *self)
{
  self->revision = 1;
}

FmArticle *
fm_article_new (void)
{
  return g_object_new (FM_TYPE_ARTICLE, NULL);
}

FmArticle *
fm_article_copy (FmArticle *self)
{
  FmArticle *copy;

  g_return_val_if_fail (FM_IS_ARTICLE (self), NULL);

  copy = fm_article_new ();
  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  copy->title = g_strdup (self->title);
  copy->url = g_strdup (self->url);
  copy->outlet = g_strdup (self->outlet);
  copy->author = g_strdup (self->author);
  copy->published = g_strdup (self->published);
  copy->lang = g_strdup (self->lang);
  copy->imported = self->imported;
  copy->text = g_strdup (self->text);
  copy->sha256 = g_strdup (self->sha256);
  copy->length = self->length;
  memcpy (copy->counts, self->counts, sizeof self->counts);
  copy->revision = self->revision;
  return copy;
}

gint64
fm_article_get_id (FmArticle *self)
{
  g_return_val_if_fail (FM_IS_ARTICLE (self), 0);
  return self->id;
}

void
fm_article_set_id (FmArticle *self,
                   gint64     id)
{
  g_return_if_fail (FM_IS_ARTICLE (self));
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
fm_article_get_uuid (FmArticle *self)
{
  g_return_val_if_fail (FM_IS_ARTICLE (self), NULL);
  return self->uuid;
}

void
fm_article_set_uuid (FmArticle  *self,
                     const char *uuid)
{
  g_return_if_fail (FM_IS_ARTICLE (self));
  set_string (self, &self->uuid, uuid, PROP_UUID);
}

const char *
fm_article_get_title (FmArticle *self)
{
  g_return_val_if_fail (FM_IS_ARTICLE (self), NULL);
  return self->title;
}

/**
 * fm_article_get_display_title:
 *
 * Returns: the title, or a translated "Untitled article" so that nothing
 *   shows an empty heading.
 */
const char *
fm_article_get_display_title (FmArticle *self)
{
  g_return_val_if_fail (FM_IS_ARTICLE (self), NULL);
  return self->title ? self->title : _("Untitled article");
}

void
fm_article_set_title (FmArticle  *self,
                      const char *title)
{
  g_return_if_fail (FM_IS_ARTICLE (self));
  set_string (self, &self->title, title, PROP_TITLE);
}

#define STRING_ACCESSORS(field, PROP)                                   \
const char *                                                            \
fm_article_get_##field (FmArticle *self)                                \
{                                                                       \
  g_return_val_if_fail (FM_IS_ARTICLE (self), NULL);                    \
  return self->field;                                                   \
}                                                                       \
void                                                                    \
fm_article_set_##field (FmArticle  *self,                               \
                        const char *value)                              \
{                                                                       \
  g_return_if_fail (FM_IS_ARTICLE (self));                              \
  set_string (self, &self->field, value, PROP);                         \
}

STRING_ACCESSORS (url, PROP_URL)
STRING_ACCESSORS (outlet, PROP_OUTLET)
STRING_ACCESSORS (author, PROP_AUTHOR)
STRING_ACCESSORS (published, PROP_PUBLISHED)
STRING_ACCESSORS (lang, PROP_LANG)

#undef STRING_ACCESSORS

gint64
fm_article_get_imported (FmArticle *self)
{
  g_return_val_if_fail (FM_IS_ARTICLE (self), 0);
  return self->imported;
}

void
fm_article_set_imported (FmArticle *self,
                         gint64     imported)
{
  g_return_if_fail (FM_IS_ARTICLE (self));
  if (self->imported == imported)
    return;
  self->imported = imported;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_IMPORTED]);
}

const char *
fm_article_get_text (FmArticle *self)
{
  g_return_val_if_fail (FM_IS_ARTICLE (self), NULL);
  return self->text;
}

/**
 * fm_article_set_text:
 * @text: canonical text (see fm_text_canonicalize())
 *
 * Sets the text and derives its digest and length from it.
 */
void
fm_article_set_text (FmArticle  *self,
                     const char *text)
{
  g_autofree char *sha = NULL;

  g_return_if_fail (FM_IS_ARTICLE (self));

  if (g_strcmp0 (self->text, text) == 0)
    return;
  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_pointer (&self->stops, g_free);
  if (text != NULL)
    {
      sha = fm_text_sha256 (text);
      fm_article_set_digest (self, sha, fm_text_length (text));
    }
}

/**
 * fm_article_set_stored_text:
 *
 * Sets a text read back from the library with the digest and length that
 * were computed when it was stored, rather than hashing it again.
 */
void
fm_article_set_stored_text (FmArticle  *self,
                            const char *text,
                            const char *sha256,
                            gint64      length)
{
  g_return_if_fail (FM_IS_ARTICLE (self));

  g_free (self->text);
  self->text = g_strdup (text);
  g_clear_pointer (&self->stops, g_free);
  fm_article_set_digest (self, sha256, length);
}

static gsize *
build_stops (const char *text,
             gint64      length)
{
  gsize *stops = g_new (gsize, length / STOP_STRIDE + 1);
  const char *p = text;

  for (gint64 i = 0; i * STOP_STRIDE <= length; i++)
    {
      stops[i] = p - text;
      for (guint n = 0; n < STOP_STRIDE && *p; n++)
        p = g_utf8_next_char (p);
    }
  return stops;
}

/**
 * fm_article_get_text_at:
 * @offset: a code point offset into the text, at most its length
 *
 * Returns: (transfer none): the text from @offset on. Marking, accepting a
 *   suggestion and anchoring need the text at a span, and g_utf8_offset_to_pointer()
 *   walks from the start: in a 1 MB article that was milliseconds a call.
 *   The positions this keeps make it a short walk; they are built once per
 *   text, and threads that share the article may call this together.
 */
const char *
fm_article_get_text_at (FmArticle *self,
                        glong      offset)
{
  gsize *stops;

  g_return_val_if_fail (FM_IS_ARTICLE (self), NULL);
  g_return_val_if_fail (self->text != NULL, NULL);
  g_return_val_if_fail (offset >= 0 && offset <= self->length, NULL);

  if (self->length < 4 * STOP_STRIDE)
    return g_utf8_offset_to_pointer (self->text, offset);

  stops = g_atomic_pointer_get (&self->stops);
  if (stops == NULL)
    {
      gsize *built = build_stops (self->text, self->length);

      /* Another thread may have built them first; keep one. */
      if (g_atomic_pointer_compare_and_exchange (&self->stops, NULL, built))
        stops = built;
      else
        {
          g_free (built);
          stops = g_atomic_pointer_get (&self->stops);
        }
    }
  return g_utf8_offset_to_pointer (self->text + stops[offset / STOP_STRIDE], offset % STOP_STRIDE);
}

const char *
fm_article_get_sha256 (FmArticle *self)
{
  g_return_val_if_fail (FM_IS_ARTICLE (self), NULL);
  return self->sha256;
}

gint64
fm_article_get_length (FmArticle *self)
{
  g_return_val_if_fail (FM_IS_ARTICLE (self), 0);
  return self->length;
}

void
fm_article_set_digest (FmArticle  *self,
                       const char *sha256,
                       gint64      length)
{
  g_return_if_fail (FM_IS_ARTICLE (self));

  g_free (self->sha256);
  self->sha256 = g_strdup (sha256);
  if (self->length != length)
    {
      self->length = length;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LENGTH]);
    }
}

guint
fm_article_get_count (FmArticle *self,
                      guint      kind)
{
  g_return_val_if_fail (FM_IS_ARTICLE (self), 0);
  g_return_val_if_fail (kind < FM_N_KINDS, 0);
  return self->counts[kind];
}

void
fm_article_set_count (FmArticle *self,
                      guint      kind,
                      guint      count)
{
  static const guint props[] = { PROP_N_CLAIMS, PROP_N_FIGURES, PROP_N_SOURCES };

  g_return_if_fail (FM_IS_ARTICLE (self));
  g_return_if_fail (kind < FM_N_KINDS);

  if (self->counts[kind] == count)
    return;
  self->counts[kind] = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[props[kind]]);
}

/**
 * fm_article_dup_link_base:
 *
 * Returns: what an RFC 5147 fragment is appended to: the article's URL, or
 *   a `factmark:` URI naming it when it has none.
 */
char *
fm_article_dup_link_base (FmArticle *self)
{
  g_return_val_if_fail (FM_IS_ARTICLE (self), NULL);

  if (self->url != NULL)
    {
      const char *hash = strchr (self->url, '#');

      /* A URL can carry only one fragment, so ours replaces any it had. */
      return hash ? g_strndup (self->url, hash - self->url) : g_strdup (self->url);
    }
  return g_strdup_printf ("factmark:article/%s", self->uuid ? self->uuid : "");
}

/**
 * fm_article_dup_subtitle:
 *
 * Returns: "Outlet · date", or whichever of the two is known.
 */
char *
fm_article_dup_subtitle (FmArticle *self)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (FM_IS_ARTICLE (self), NULL);

  /* The date as the reader's locale writes dates, when it is one. */
  if (self->published != NULL)
    {
      g_autoptr(GDateTime) dt = NULL;
      int y, m, d;

      if (strlen (self->published) >= 10
          && sscanf (self->published, "%4d-%2d-%2d", &y, &m, &d) == 3
          && g_date_valid_dmy (d, m, y))
        dt = g_date_time_new_local (y, m, d, 0, 0, 0);
      date = dt ? g_date_time_format (dt, "%x") : g_strdup (self->published);
    }

  if (self->outlet && date)
    return g_strdup_printf ("%s · %s", self->outlet, date);
  if (self->outlet)
    return g_strdup (self->outlet);
  if (date)
    return g_steal_pointer (&date);
  return g_strdup ("");
}

guint
fm_article_get_revision (FmArticle *self)
{
  g_return_val_if_fail (FM_IS_ARTICLE (self), 1);
  return self->revision;
}

void
fm_article_set_revision (FmArticle *self,
                         guint      revision)
{
  g_return_if_fail (FM_IS_ARTICLE (self));
  self->revision = MAX (revision, 1);
}
