/* fm-cli-figures.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "factmark-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-cli-private.h"
#include "fm-figure-conflicts.h"
#include "fm-text.h"

/* `figures`: every figure of the library with its value, unit and
 * article; with --conflicts, only the pairs of figures in different
 * articles that disagree. */

static void
build_figure (JsonBuilder *b,
              FmFigure    *figure)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "annotation");
  json_builder_add_int_value (b, figure->annotation_id);
  json_builder_set_member_name (b, "article");
  json_builder_add_int_value (b, figure->article_id);
  json_builder_set_member_name (b, "value");
  if (figure->has_value)
    json_builder_add_double_value (b, figure->value);
  else
    json_builder_add_null_value (b);
  fm_cli_add_string_or_null (b, "unit", figure->unit);
  fm_cli_add_string_or_null (b, "quote", figure->quote);
  fm_cli_add_string_or_null (b, "article_title", figure->article_title);
  fm_cli_add_string_or_null (b, "published", figure->published);
  json_builder_end_object (b);
}

/* "4000 troops", the value as C writes it whatever the locale, so that
 * scripts read it back. */
static char *
format_value (FmFigure *figure)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (!figure->has_value)
    return g_strdup ("-");
  g_ascii_formatd (buf, sizeof buf, "%.15g", figure->value);
  return figure->unit != NULL ? g_strdup_printf ("%s %s", buf, figure->unit) : g_strdup (buf);
}

static void
print_figure_line (FmFigure   *figure,
                   const char *end)
{
  g_autofree char *value = format_value (figure);
  g_autofree char *shown = fm_text_first_line (figure->quote, 50);

  fm_cli_outf ("%5" G_GINT64_FORMAT " %-20s “%s”  #%" G_GINT64_FORMAT "%s", figure->annotation_id,
               value, shown, figure->article_id, end);
}

static void
print_figures (GPtrArray *figures,
               gboolean   json)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (!json)
    {
      for (guint i = 0; i < figures->len; i++)
        print_figure_line (g_ptr_array_index (figures, i), "\n");
      if (figures->len == 0)
        fm_cli_outf ("%s\n", _("No figures."));
      return;
    }
  json_builder_begin_array (b);
  for (guint i = 0; i < figures->len; i++)
    build_figure (b, g_ptr_array_index (figures, i));
  json_builder_end_array (b);
  fm_cli_print_json (b);
}

static void
print_conflicts (GPtrArray *conflicts,
                 gboolean   json)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < conflicts->len; i++)
    {
      FmFigureConflict *c = g_ptr_array_index (conflicts, i);

      if (!json)
        {
          print_figure_line (c->figure, "\n");
          /* Translators: factmark-cli figures --conflicts, between two figures that disagree. */
          fm_cli_outf ("  %s ", _("disagrees with"));
          print_figure_line (c->other, "\n");
          continue;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "figure");
      build_figure (b, c->figure);
      json_builder_set_member_name (b, "other");
      build_figure (b, c->other);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (json)
    fm_cli_print_json (b);
  else if (conflicts->len == 0)
    fm_cli_outf ("%s\n", _("No figures disagree."));
}

int
fm_cli_figures (const char  *db_path,
                int          argc,
                char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE, conflicts = FALSE;
  int status = 0;
  GOptionEntry entries[] = {
    { "conflicts", 0, 0, G_OPTION_ARG_NONE, &conflicts,
      N_("Only the pairs of figures in different articles that disagree"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = fm_cli_command_context ("figures", "",
                                    _("List every figure in the library with its value, unit "
                                      "and article."),
                                    entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 0, 0, &status))
    return status;
  if (!(store = fm_cli_open_store (db_path, &error)))
    return fm_cli_fail_error (error);
  list = conflicts ? fm_store_list_figure_conflicts (store, &error)
                   : fm_store_list_figures (store, &error);
  if (list == NULL)
    return fm_cli_fail_error (error);
  if (conflicts)
    print_conflicts (list, json);
  else
    print_figures (list, json);
  return 0;
}
