/* fm-types.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-types"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-types.h"

/* The machine names are part of the file formats and the CLI, so they are
 * never translated; the labels are what people read. */
static const char * const kind_names[] = { "claim", "figure", "source" };
static const char * const kind_labels[] = { N_("Claim"), N_("Figure"), N_("Source") };
static const char * const kind_plural_labels[] = { N_("Claims"), N_("Figures"), N_("Sources") };

static const char * const verdict_names[] = {
  "unverified", "true", "mostly-true", "misleading", "false", "unproven", "opinion",
};
static const char * const verdict_labels[] = {
  N_("Unverified"), N_("True"), N_("Mostly true"), N_("Misleading"),
  N_("False"), N_("Unproven"), N_("Opinion"),
};

static const char * const source_type_names[] = {
  "person", "organization", "government", "state-media",
  "news-outlet", "document", "anonymous", "other",
};
static const char * const source_type_labels[] = {
  N_("Person"), N_("Organization"), N_("Government"), N_("State media"),
  N_("News outlet"), N_("Document"), N_("Anonymous"), N_("Other"),
};

G_DEFINE_QUARK (fm-error-quark, fm_error)

static gboolean
lookup (const char * const *names,
        guint               n_names,
        const char         *str,
        int                *out)
{
  if (str == NULL)
    return FALSE;

  for (guint i = 0; i < n_names; i++)
    {
      if (g_strcmp0 (names[i], str) == 0)
        {
          *out = (int) i;
          return TRUE;
        }
    }

  return FALSE;
}

const char *
fm_kind_to_string (FmKind kind)
{
  g_return_val_if_fail (kind < FM_N_KINDS, NULL);
  return kind_names[kind];
}

gboolean
fm_kind_from_string (const char *str,
                     FmKind     *kind)
{
  int v;

  if (!lookup (kind_names, G_N_ELEMENTS (kind_names), str, &v))
    return FALSE;
  if (kind != NULL)
    *kind = (FmKind) v;
  return TRUE;
}

const char *
fm_kind_to_label (FmKind kind)
{
  g_return_val_if_fail (kind < FM_N_KINDS, NULL);
  return _(kind_labels[kind]);
}

const char *
fm_kind_to_plural_label (FmKind kind)
{
  g_return_val_if_fail (kind < FM_N_KINDS, NULL);
  return _(kind_plural_labels[kind]);
}

const char *
fm_verdict_to_string (FmVerdict verdict)
{
  g_return_val_if_fail (verdict < FM_N_VERDICTS, NULL);
  return verdict_names[verdict];
}

gboolean
fm_verdict_from_string (const char *str,
                        FmVerdict  *verdict)
{
  int v;

  if (!lookup (verdict_names, G_N_ELEMENTS (verdict_names), str, &v))
    return FALSE;
  if (verdict != NULL)
    *verdict = (FmVerdict) v;
  return TRUE;
}

const char *
fm_verdict_to_label (FmVerdict verdict)
{
  g_return_val_if_fail (verdict < FM_N_VERDICTS, NULL);
  return _(verdict_labels[verdict]);
}

gboolean
fm_verdict_allowed_for_kind (FmVerdict verdict,
                             FmKind    kind)
{
  /* Sources are not true or false; an opinion is a claim that cannot be
   * checked, which makes no sense for a number. */
  if (kind == FM_KIND_SOURCE)
    return verdict == FM_VERDICT_UNVERIFIED;
  if (kind == FM_KIND_FIGURE)
    return verdict != FM_VERDICT_OPINION;
  return TRUE;
}

const char *
fm_source_type_to_string (FmSourceType type)
{
  g_return_val_if_fail (type < FM_N_SOURCE_TYPES, NULL);
  return source_type_names[type];
}

gboolean
fm_source_type_from_string (const char   *str,
                            FmSourceType *type)
{
  int v;

  if (!lookup (source_type_names, G_N_ELEMENTS (source_type_names), str, &v))
    return FALSE;
  if (type != NULL)
    *type = (FmSourceType) v;
  return TRUE;
}

const char *
fm_source_type_to_label (FmSourceType type)
{
  g_return_val_if_fail (type < FM_N_SOURCE_TYPES, NULL);
  return _(source_type_labels[type]);
}
