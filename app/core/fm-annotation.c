/* fm-annotation.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-annotation"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-annotation.h"
#include "fm-enums.h"
#include "fm-text.h"

struct _FmAnnotation
{
  GObject parent_instance;

  gint64        id;
  char         *uuid;
  gint64        article_id;
  FmKind        kind;
  glong         start;
  glong         end;
  char         *quote;
  char         *prefix;
  char         *suffix;
  char         *note;
  FmVerdict     verdict;
  gboolean      has_value;
  double        value;
  char         *unit;
  char         *name;
  FmSourceType  source_type;
  gint64        created;
  gint64        modified;

  /* Where re-anchoring after an update of the text left it. An orphan has
   * no span (start and end are -1) but keeps everything else. */
  FmAnchorState state;
  char         *original_quote;
  /* A changed or orphaned annotation is marked until the user confirms it. */
  gboolean      confirmed;

  /* The library source a source annotation was merged into, by name, and
   * the tracked claim a claim shares its verdict with. The store writes
   * them only through its own calls for merging and linking. */
  char         *entity;
  char         *tracked;

  /* Ids of the source annotations a claim or figure is attributed to. */
  GArray       *sources;
  /* FmEvidence items, in the order the user added them. */
  GPtrArray    *evidence;
};

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_KIND,
  PROP_START,
  PROP_END,
  PROP_QUOTE,
  PROP_NOTE,
  PROP_VERDICT,
  PROP_HAS_VALUE,
  PROP_VALUE,
  PROP_UNIT,
  PROP_NAME,
  PROP_SOURCE_TYPE,
  PROP_MODIFIED,
  PROP_STATE,
  PROP_CONFIRMED,
  N_PROPS
};

G_DEFINE_FINAL_TYPE (FmAnnotation, fm_annotation, G_TYPE_OBJECT)
G_DEFINE_BOXED_TYPE (FmEvidence, fm_evidence, fm_evidence_copy, fm_evidence_free)

static GParamSpec *properties[N_PROPS];

static gboolean
set_string (FmAnnotation  *self,
            char         **field,
            const char    *value,
            guint          prop)
{
  g_assert (FM_IS_ANNOTATION (self));

  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  if (prop != PROP_0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
  return TRUE;
}

static void
fm_annotation_finalize (GObject *object)
{
  FmAnnotation *self = (FmAnnotation *)object;

  g_clear_pointer (&self->uuid, g_free);
  g_clear_pointer (&self->quote, g_free);
  g_clear_pointer (&self->prefix, g_free);
  g_clear_pointer (&self->suffix, g_free);
  g_clear_pointer (&self->note, g_free);
  g_clear_pointer (&self->unit, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->original_quote, g_free);
  g_clear_pointer (&self->entity, g_free);
  g_clear_pointer (&self->tracked, g_free);
  g_clear_pointer (&self->sources, g_array_unref);
  g_clear_pointer (&self->evidence, g_ptr_array_unref);

  G_OBJECT_CLASS (fm_annotation_parent_class)->finalize (object);
}

static void
fm_annotation_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  FmAnnotation *self = FM_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_UUID: g_value_set_string (value, self->uuid); break;
    case PROP_KIND: g_value_set_enum (value, self->kind); break;
    case PROP_START: g_value_set_long (value, self->start); break;
    case PROP_END: g_value_set_long (value, self->end); break;
    case PROP_QUOTE: g_value_set_string (value, self->quote); break;
    case PROP_NOTE: g_value_set_string (value, self->note); break;
    case PROP_VERDICT: g_value_set_enum (value, self->verdict); break;
    case PROP_HAS_VALUE: g_value_set_boolean (value, self->has_value); break;
    case PROP_VALUE: g_value_set_double (value, self->value); break;
    case PROP_UNIT: g_value_set_string (value, self->unit); break;
    case PROP_NAME: g_value_set_string (value, fm_annotation_get_display_name (self)); break;
    case PROP_SOURCE_TYPE: g_value_set_enum (value, self->source_type); break;
    case PROP_MODIFIED: g_value_set_int64 (value, self->modified); break;
    case PROP_STATE: g_value_set_uint (value, self->state); break;
    case PROP_CONFIRMED: g_value_set_boolean (value, self->confirmed); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_annotation_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  FmAnnotation *self = FM_ANNOTATION (object);

  switch (prop_id)
    {
    case PROP_KIND: fm_annotation_set_kind (self, g_value_get_enum (value)); break;
    case PROP_NOTE: fm_annotation_set_note (self, g_value_get_string (value)); break;
    case PROP_VERDICT: fm_annotation_set_verdict (self, g_value_get_enum (value)); break;
    case PROP_UNIT: fm_annotation_set_unit (self, g_value_get_string (value)); break;
    case PROP_NAME: fm_annotation_set_name (self, g_value_get_string (value)); break;
    case PROP_SOURCE_TYPE: fm_annotation_set_source_type (self, g_value_get_enum (value)); break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
fm_annotation_class_init (FmAnnotationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = fm_annotation_finalize;
  object_class->get_property = fm_annotation_get_property;
  object_class->set_property = fm_annotation_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  properties[PROP_KIND] = g_param_spec_enum ("kind", NULL, NULL, FM_TYPE_KIND, FM_KIND_CLAIM, rw);
  properties[PROP_START] = g_param_spec_long ("start", NULL, NULL, 0, G_MAXLONG, 0, ro);
  properties[PROP_END] = g_param_spec_long ("end", NULL, NULL, 0, G_MAXLONG, 0, ro);
  properties[PROP_QUOTE] = g_param_spec_string ("quote", NULL, NULL, NULL, ro);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, NULL, rw);
  properties[PROP_VERDICT] = g_param_spec_enum ("verdict", NULL, NULL, FM_TYPE_VERDICT,
                                                FM_VERDICT_UNVERIFIED, rw);
  properties[PROP_HAS_VALUE] = g_param_spec_boolean ("has-value", NULL, NULL, FALSE, ro);
  properties[PROP_VALUE] = g_param_spec_double ("value", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE,
                                                0, ro);
  properties[PROP_UNIT] = g_param_spec_string ("unit", NULL, NULL, NULL, rw);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, rw);
  properties[PROP_SOURCE_TYPE] = g_param_spec_enum ("source-type", NULL, NULL,
                                                    FM_TYPE_SOURCE_TYPE,
                                                    FM_SOURCE_TYPE_PERSON, rw);
  properties[PROP_MODIFIED] = g_param_spec_int64 ("modified", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_STATE] = g_param_spec_uint ("state", NULL, NULL, 0, FM_N_ANCHOR_STATES - 1,
                                              FM_ANCHOR_UNCHANGED, ro);
  properties[PROP_CONFIRMED] = g_param_spec_boolean ("confirmed", NULL, NULL, TRUE, ro);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
fm_annotation_init (FmAnnotation *self)
{
  self->sources = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->evidence = g_ptr_array_new_with_free_func ((GDestroyNotify) fm_evidence_free);
  self->confirmed = TRUE;
}

FmEvidence *
fm_evidence_new (const char *url,
                 const char *note)
{
  FmEvidence *evidence = g_new0 (FmEvidence, 1);

  evidence->url = g_strdup (url ? url : "");
  evidence->note = (note && *note) ? g_strdup (note) : NULL;
  return evidence;
}

FmEvidence *
fm_evidence_copy (const FmEvidence *evidence)
{
  return fm_evidence_new (evidence->url, evidence->note);
}

void
fm_evidence_free (FmEvidence *evidence)
{
  if (evidence == NULL)
    return;
  g_free (evidence->url);
  g_free (evidence->note);
  g_free (evidence);
}

FmAnnotation *
fm_annotation_new (FmKind kind)
{
  FmAnnotation *self;

  g_return_val_if_fail (kind < FM_N_KINDS, NULL);

  self = g_object_new (FM_TYPE_ANNOTATION, NULL);
  self->kind = kind;
  return self;
}

FmAnnotation *
fm_annotation_copy (FmAnnotation *self)
{
  FmAnnotation *copy;

  g_return_val_if_fail (FM_IS_ANNOTATION (self), NULL);

  copy = fm_annotation_new (self->kind);
  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  copy->article_id = self->article_id;
  copy->start = self->start;
  copy->end = self->end;
  copy->quote = g_strdup (self->quote);
  copy->prefix = g_strdup (self->prefix);
  copy->suffix = g_strdup (self->suffix);
  copy->note = g_strdup (self->note);
  copy->verdict = self->verdict;
  copy->has_value = self->has_value;
  copy->value = self->value;
  copy->unit = g_strdup (self->unit);
  copy->name = g_strdup (self->name);
  copy->source_type = self->source_type;
  copy->created = self->created;
  copy->modified = self->modified;
  copy->state = self->state;
  copy->original_quote = g_strdup (self->original_quote);
  copy->confirmed = self->confirmed;
  copy->entity = g_strdup (self->entity);
  copy->tracked = g_strdup (self->tracked);
  g_array_append_vals (copy->sources, self->sources->data, self->sources->len);
  for (guint i = 0; i < self->evidence->len; i++)
    g_ptr_array_add (copy->evidence, fm_evidence_copy (g_ptr_array_index (self->evidence, i)));
  return copy;
}

/**
 * fm_annotation_equal:
 *
 * Compares what the user can change, ignoring the modification time, so
 * that a no-op edit can be recognised and skipped.
 */
gboolean
fm_annotation_equal (FmAnnotation *a,
                     FmAnnotation *b)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (a), FALSE);
  g_return_val_if_fail (FM_IS_ANNOTATION (b), FALSE);

  if (a->kind != b->kind || a->start != b->start || a->end != b->end
      || a->verdict != b->verdict || a->has_value != b->has_value
      || (a->has_value && a->value != b->value) || a->source_type != b->source_type
      || g_strcmp0 (a->note, b->note) != 0 || g_strcmp0 (a->unit, b->unit) != 0
      || g_strcmp0 (a->name, b->name) != 0 || g_strcmp0 (a->quote, b->quote) != 0
      || a->sources->len != b->sources->len || a->evidence->len != b->evidence->len
      || a->state != b->state || a->confirmed != b->confirmed
      || g_strcmp0 (a->original_quote, b->original_quote) != 0)
    return FALSE;

  for (guint i = 0; i < a->sources->len; i++)
    if (!fm_annotation_has_source (b, g_array_index (a->sources, gint64, i)))
      return FALSE;

  for (guint i = 0; i < a->evidence->len; i++)
    {
      FmEvidence *ea = g_ptr_array_index (a->evidence, i);
      FmEvidence *eb = g_ptr_array_index (b->evidence, i);

      if (g_strcmp0 (ea->url, eb->url) != 0 || g_strcmp0 (ea->note, eb->note) != 0)
        return FALSE;
    }

  return TRUE;
}

gint64
fm_annotation_get_id (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), 0);
  return self->id;
}

void
fm_annotation_set_id (FmAnnotation *self,
                      gint64        id)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
fm_annotation_get_uuid (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), NULL);
  return self->uuid;
}

void
fm_annotation_set_uuid (FmAnnotation *self,
                        const char   *uuid)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));
  set_string (self, &self->uuid, uuid, PROP_UUID);
}

gint64
fm_annotation_get_article_id (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), 0);
  return self->article_id;
}

void
fm_annotation_set_article_id (FmAnnotation *self,
                              gint64        article_id)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));
  self->article_id = article_id;
}

FmKind
fm_annotation_get_kind (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), FM_KIND_CLAIM);
  return self->kind;
}

void
fm_annotation_set_kind (FmAnnotation *self,
                        FmKind        kind)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));
  g_return_if_fail (kind < FM_N_KINDS);

  if (self->kind == kind)
    return;
  self->kind = kind;
  /* A verdict that does not fit the new kind would be meaningless. */
  if (!fm_verdict_allowed_for_kind (self->verdict, kind))
    fm_annotation_set_verdict (self, FM_VERDICT_UNVERIFIED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

glong
fm_annotation_get_start (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), 0);
  return self->start;
}

glong
fm_annotation_get_end (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), 0);
  return self->end;
}

void
fm_annotation_set_span (FmAnnotation *self,
                        glong         start,
                        glong         end)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));
  g_return_if_fail ((start >= 0 && end >= start) || (start == -1 && end == -1));

  if (self->start != start)
    {
      self->start = start;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START]);
    }
  if (self->end != end)
    {
      self->end = end;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_END]);
    }
}

const char *
fm_annotation_get_quote (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), NULL);
  return self->quote ? self->quote : "";
}

const char *
fm_annotation_get_prefix (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), NULL);
  return self->prefix ? self->prefix : "";
}

const char *
fm_annotation_get_suffix (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), NULL);
  return self->suffix ? self->suffix : "";
}

void
fm_annotation_set_quote (FmAnnotation *self,
                         const char   *quote,
                         const char   *prefix,
                         const char   *suffix)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));

  set_string (self, &self->quote, quote, PROP_QUOTE);
  set_string (self, &self->prefix, prefix, PROP_0);
  set_string (self, &self->suffix, suffix, PROP_0);
  if (self->kind == FM_KIND_SOURCE && self->name == NULL)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

/* Places the annotation on @start..@end, taking the quote and its context
 * from @near, which is the text from code point @from on: the whole text,
 * or enough of it before the span for the context. */
static void
place (FmAnnotation *self,
       const char   *near,
       glong         from,
       glong         start,
       glong         end)
{
  g_autofree char *quote = fm_text_substring (near, start - from, end - from);
  g_autofree char *prefix = NULL;
  g_autofree char *suffix = NULL;

  fm_text_context (near, start - from, end - from, &prefix, &suffix);
  fm_annotation_set_span (self, start, end);
  fm_annotation_set_quote (self, quote, prefix, suffix);
}

/**
 * fm_annotation_anchor:
 * @text: the article's canonical text
 * @length: its length in code points
 *
 * Places the annotation on @start..@end of @text, deriving the quote and its
 * context from the text, after checking the span is inside it and not empty.
 */
gboolean
fm_annotation_anchor (FmAnnotation  *self,
                      const char    *text,
                      glong          length,
                      glong          start,
                      glong          end,
                      GError       **error)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), FALSE);
  g_return_val_if_fail (text != NULL, FALSE);

  if (!fm_text_check_span (text, length, start, end, error))
    return FALSE;
  place (self, text, 0, start, end);
  return TRUE;
}

/**
 * fm_annotation_anchor_in:
 *
 * Like fm_annotation_anchor(), on @article's text, which it finds at the
 * span through fm_article_get_text_at() rather than by walking from the
 * start.
 */
gboolean
fm_annotation_anchor_in (FmAnnotation  *self,
                         FmArticle     *article,
                         glong          start,
                         glong          end,
                         GError       **error)
{
  glong from;

  g_return_val_if_fail (FM_IS_ANNOTATION (self), FALSE);
  g_return_val_if_fail (FM_IS_ARTICLE (article), FALSE);

  if (!fm_text_check_span (fm_article_get_text (article), fm_article_get_length (article), start,
                           end, error))
    return FALSE;
  /* The context before the span is all the text behind it needs. */
  from = MAX (0, start - FM_CONTEXT_LENGTH);
  place (self, fm_article_get_text_at (article, from), from, start, end);
  return TRUE;
}

const char *
fm_annotation_get_note (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), NULL);
  return self->note;
}

void
fm_annotation_set_note (FmAnnotation *self,
                        const char   *note)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));
  set_string (self, &self->note, note, PROP_NOTE);
}

FmVerdict
fm_annotation_get_verdict (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), FM_VERDICT_UNVERIFIED);
  return self->verdict;
}

void
fm_annotation_set_verdict (FmAnnotation *self,
                           FmVerdict     verdict)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));
  g_return_if_fail (verdict < FM_N_VERDICTS);

  if (self->verdict == verdict)
    return;
  self->verdict = verdict;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VERDICT]);
}

gboolean
fm_annotation_get_has_value (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), FALSE);
  return self->has_value;
}

double
fm_annotation_get_value (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), 0);
  return self->value;
}

void
fm_annotation_set_value (FmAnnotation *self,
                         gboolean      has_value,
                         double        value)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));

  if (!has_value)
    value = 0;
  if (self->has_value != has_value)
    {
      self->has_value = has_value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_VALUE]);
    }
  if (self->value != value)
    {
      self->value = value;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
    }
}

const char *
fm_annotation_get_unit (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), NULL);
  return self->unit;
}

void
fm_annotation_set_unit (FmAnnotation *self,
                        const char   *unit)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));
  set_string (self, &self->unit, unit, PROP_UNIT);
}

const char *
fm_annotation_get_name (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), NULL);
  return self->name;
}

void
fm_annotation_set_name (FmAnnotation *self,
                        const char   *name)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));
  set_string (self, &self->name, name, PROP_NAME);
}

/**
 * fm_annotation_get_display_name:
 *
 * Returns: the source's name, which defaults to its quote.
 */
const char *
fm_annotation_get_display_name (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), NULL);
  return self->name ? self->name : fm_annotation_get_quote (self);
}

FmSourceType
fm_annotation_get_source_type (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), FM_SOURCE_TYPE_PERSON);
  return self->source_type;
}

void
fm_annotation_set_source_type (FmAnnotation *self,
                               FmSourceType  source_type)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));
  g_return_if_fail (source_type < FM_N_SOURCE_TYPES);

  if (self->source_type == source_type)
    return;
  self->source_type = source_type;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SOURCE_TYPE]);
}

gint64
fm_annotation_get_created (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), 0);
  return self->created;
}

gint64
fm_annotation_get_modified (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), 0);
  return self->modified;
}

void
fm_annotation_set_times (FmAnnotation *self,
                         gint64        created,
                         gint64        modified)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));

  self->created = created;
  if (self->modified != modified)
    {
      self->modified = modified;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODIFIED]);
    }
}

/**
 * fm_annotation_get_sources:
 *
 * Returns: (transfer none) (element-type gint64): the ids of the source
 *   annotations this one is attributed to.
 */
GArray *
fm_annotation_get_sources (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), NULL);
  return self->sources;
}

gboolean
fm_annotation_has_source (FmAnnotation *self,
                          gint64        source_id)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), FALSE);

  for (guint i = 0; i < self->sources->len; i++)
    if (g_array_index (self->sources, gint64, i) == source_id)
      return TRUE;
  return FALSE;
}

void
fm_annotation_add_source (FmAnnotation *self,
                          gint64        source_id)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));

  if (!fm_annotation_has_source (self, source_id))
    g_array_append_val (self->sources, source_id);
}

void
fm_annotation_remove_source (FmAnnotation *self,
                             gint64        source_id)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));

  for (guint i = 0; i < self->sources->len; i++)
    if (g_array_index (self->sources, gint64, i) == source_id)
      {
        g_array_remove_index (self->sources, i);
        return;
      }
}

/**
 * fm_annotation_get_evidence:
 *
 * Returns: (transfer none) (element-type FmEvidence): the evidence items.
 */
GPtrArray *
fm_annotation_get_evidence (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), NULL);
  return self->evidence;
}

void
fm_annotation_add_evidence (FmAnnotation *self,
                            const char   *url,
                            const char   *note)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));
  g_ptr_array_add (self->evidence, fm_evidence_new (url, note));
}

void
fm_annotation_remove_evidence (FmAnnotation *self,
                               guint         index)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));
  g_return_if_fail (index < self->evidence->len);
  g_ptr_array_remove_index (self->evidence, index);
}

/**
 * fm_annotation_apply_defaults:
 *
 * Fills in what a new annotation of its kind starts with: a figure's value
 * and unit parsed from its quote.
 */
void
fm_annotation_apply_defaults (FmAnnotation *self)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));

  if (self->kind == FM_KIND_FIGURE && !self->has_value && self->quote != NULL)
    {
      g_autofree char *unit = NULL;
      double value;

      if (fm_text_parse_figure (self->quote, &value, &unit))
        {
          fm_annotation_set_value (self, TRUE, value);
          if (self->unit == NULL)
            fm_annotation_set_unit (self, unit);
        }
    }
}

FmAnchorState
fm_annotation_get_state (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), FM_ANCHOR_UNCHANGED);
  return self->state;
}

void
fm_annotation_set_state (FmAnnotation  *self,
                         FmAnchorState  state)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));
  g_return_if_fail (state < FM_N_ANCHOR_STATES);

  if (self->state == state)
    return;
  self->state = state;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

gboolean
fm_annotation_is_orphan (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), FALSE);
  return self->state == FM_ANCHOR_ORPHANED;
}

/**
 * fm_annotation_orphan:
 *
 * Detaches the annotation from the text: it keeps its quote, context and
 * everything the user wrote, but has no span until it is attached again.
 */
void
fm_annotation_orphan (FmAnnotation *self)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));

  fm_annotation_set_span (self, -1, -1);
  fm_annotation_set_state (self, FM_ANCHOR_ORPHANED);
}

const char *
fm_annotation_get_original_quote (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), NULL);
  return self->original_quote;
}

void
fm_annotation_set_original_quote (FmAnnotation *self,
                                  const char   *original_quote)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));
  set_string (self, &self->original_quote, original_quote, PROP_0);
}

gboolean
fm_annotation_get_confirmed (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), TRUE);
  return self->confirmed;
}

void
fm_annotation_set_confirmed (FmAnnotation *self,
                             gboolean      confirmed)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));

  confirmed = !!confirmed;
  if (self->confirmed == confirmed)
    return;
  self->confirmed = confirmed;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONFIRMED]);
}

/**
 * fm_annotation_get_entity:
 *
 * Returns: (nullable): the name of the library source a source annotation
 *   was merged into, or %NULL when its own name is its library source
 */
const char *
fm_annotation_get_entity (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), NULL);
  return self->entity;
}

void
fm_annotation_set_entity (FmAnnotation *self,
                          const char   *entity)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));
  set_string (self, &self->entity, entity, PROP_0);
}

/**
 * fm_annotation_get_tracked:
 *
 * Returns: (nullable): the uuid of the tracked claim this claim is linked
 *   into, or %NULL when it stands alone
 */
const char *
fm_annotation_get_tracked (FmAnnotation *self)
{
  g_return_val_if_fail (FM_IS_ANNOTATION (self), NULL);
  return self->tracked;
}

void
fm_annotation_set_tracked (FmAnnotation *self,
                           const char   *tracked)
{
  g_return_if_fail (FM_IS_ANNOTATION (self));
  set_string (self, &self->tracked, tracked, PROP_0);
}
