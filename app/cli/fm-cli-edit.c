/* fm-cli-edit.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "factmark-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-annotation.h"
#include "fm-cli-private.h"
#include "fm-types.h"

/* `edit`: change an annotation's fields from the shell, by the window's
 * rules, in one transaction. */

/* What `edit` was given; a NULL string is an option left out, and "" one
 * given empty, which clears that field. */
typedef struct
{
  char         *note;
  char         *verdict_str;
  char         *value_str;
  char         *unit;
  char         *name;
  char         *source_type_str;
  FmVerdict     verdict;
  FmSourceType  source_type;
  gboolean      has_value;
  double        value;
} EditArgs;

static void
edit_args_clear (EditArgs *args)
{
  g_clear_pointer (&args->note, g_free);
  g_clear_pointer (&args->verdict_str, g_free);
  g_clear_pointer (&args->value_str, g_free);
  g_clear_pointer (&args->unit, g_free);
  g_clear_pointer (&args->name, g_free);
  g_clear_pointer (&args->source_type_str, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (EditArgs, edit_args_clear)

/* Reads --value as the window reads its value field, but always with a
 * point, since scripts write numbers the C way: empty means no value. */
static gboolean
parse_edit_value (EditArgs *a)
{
  g_assert (a->value_str != NULL);

  a->has_value = *a->value_str != '\0';
  return !a->has_value || fm_cli_parse_value (a->value_str, &a->value);
}

/* Checks everything the command line alone can tell, so that a bad
 * command never opens the library. Returns the usage message, or %NULL. */
static const char *
check_edit_args (EditArgs *a)
{
  const char *texts[] = { a->note, a->unit, a->name };

  if (a->note == NULL && a->verdict_str == NULL && a->value_str == NULL && a->unit == NULL
      && a->name == NULL && a->source_type_str == NULL)
    return _("give at least one of --note, --verdict, --value, --unit, --name, --source-type");
  if (a->verdict_str != NULL && !fm_verdict_from_string (a->verdict_str, &a->verdict))
    return _("unknown --verdict");
  if (a->source_type_str != NULL
      && !fm_source_type_from_string (a->source_type_str, &a->source_type))
    return _("unknown --source-type");
  if (a->value_str != NULL && !parse_edit_value (a))
    return _("--value must be a number");
  if (fm_cli_any_invalid_utf8 (texts, G_N_ELEMENTS (texts)))
    return _("arguments must be valid UTF-8");
  return NULL;
}

/* The options that belong to one kind only, and the verdict, can only be
 * checked once the annotation's kind is known. */
static gboolean
check_edit_kind (EditArgs      *a,
                 const char    *ref,
                 FmAnnotation  *annotation,
                 GError       **error)
{
  const char *problem = fm_cli_kind_options_problem (fm_annotation_get_kind (annotation),
                                              a->value_str != NULL || a->unit != NULL,
                                              a->name != NULL || a->source_type_str != NULL,
                                              a->verdict_str != NULL, a->verdict);

  if (problem == NULL)
    return TRUE;
  /* Translators: the first %s is the annotation as given, the second
   * what was wrong. */
  g_set_error (error, FM_ERROR, FM_ERROR_INVALID, _("annotation %s: %s"), ref, problem);
  return FALSE;
}

/* Applies the options to @annotation as the window's editor would: notes
 * canonical like the text, units and names trimmed, a name equal to the
 * quote stored as none. */
static void
apply_edit (EditArgs     *a,
            FmAnnotation *annotation)
{
  if (a->note != NULL)
    {
      g_autofree char *nfc = g_utf8_normalize (a->note, -1, G_NORMALIZE_NFC);

      fm_annotation_set_note (annotation, nfc);
    }
  if (a->verdict_str != NULL)
    fm_annotation_set_verdict (annotation, a->verdict);
  if (a->value_str != NULL)
    fm_annotation_set_value (annotation, a->has_value, a->has_value ? a->value : 0);
  if (a->unit != NULL)
    fm_annotation_set_unit (annotation, g_strstrip (a->unit));
  if (a->name != NULL)
    {
      const char *quote = fm_annotation_get_quote (annotation);

      g_strstrip (a->name);
      fm_annotation_set_name (annotation, g_strcmp0 (a->name, quote) == 0 ? NULL : a->name);
    }
  if (a->source_type_str != NULL)
    fm_annotation_set_source_type (annotation, a->source_type);
}

int
fm_cli_edit (const char  *db_path,
          int          argc,
          char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(EditArgs) a = { 0 };
  const char *problem;
  int status = 0;
  GOptionEntry entries[] = {
    { "note", 0, 0, G_OPTION_ARG_STRING, &a.note, N_("The note (\"\" clears it)"), "T" },
    { "verdict", 0, 0, G_OPTION_ARG_STRING, &a.verdict_str,
      N_("unverified, true, mostly-true, misleading, false, unproven, or opinion (claims)"), "V" },
    { "value", 0, 0, G_OPTION_ARG_STRING, &a.value_str,
      N_("A figure's value, like 48.5 (\"\" clears it)"), "X" },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &a.unit, N_("A figure's unit (\"\" clears it)"), "U" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &a.name,
      N_("A source's name (\"\" makes it its quote)"), "N" },
    { "source-type", 0, 0, G_OPTION_ARG_STRING, &a.source_type_str,
      N_("person, organization, government, state-media, news-outlet, document, anonymous, "
         "or other"), "T" },
    { NULL }
  };

  context = fm_cli_command_context ("edit", "ANNOTATION",
                             _("Change an annotation's note, verdict, value, unit, name or "
                               "source type, all at once or not at all."),
                             entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 1, 1, &status))
    return status;
  if ((problem = check_edit_args (&a)) != NULL)
    return fm_cli_usage_error (context, problem);

  if (!(store = fm_cli_open_store (db_path, &error))
      || !(annotation = fm_store_lookup_annotation (store, argv[1], &error))
      || !check_edit_kind (&a, argv[1], annotation, &error))
    return fm_cli_fail_error (error);
  apply_edit (&a, annotation);
  if (!fm_store_update_annotation (store, annotation, &error))
    return fm_cli_fail_error (error);
  return 0;
}
