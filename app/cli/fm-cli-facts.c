/* fm-cli-facts.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "factmark-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <gio/gunixoutputstream.h>
#include <stdio.h>
#include <unistd.h>

#include "fm-annotation.h"
#include "fm-article.h"
#include "fm-cli-private.h"
#include "fm-export-facts.h"
#include "fm-facts.h"
#include "fm-text.h"
#include "fm-types.h"

/* `facts`: every claim, figure and source in the library, as the Facts
 * view lists them, narrowed by kind, verdict and source: a table, the
 * --json listing, or one of the library-wide exports (--format). */

/* What `facts` was given. */
typedef struct
{
  char          *kind_str;
  char          *verdict_str;
  char          *source;
  char          *format_str;
  char          *output;
  char          *organization;
  char          *base_url;
  gboolean       json;
  gboolean       to_check;
  FmFactsFilter  filter;
  FmExportFormat format;
} FactsArgs;

static void
facts_args_clear (FactsArgs *args)
{
  g_clear_pointer (&args->kind_str, g_free);
  g_clear_pointer (&args->verdict_str, g_free);
  g_clear_pointer (&args->source, g_free);
  g_clear_pointer (&args->format_str, g_free);
  g_clear_pointer (&args->output, g_free);
  g_clear_pointer (&args->organization, g_free);
  g_clear_pointer (&args->base_url, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (FactsArgs, facts_args_clear)

static void
build_fact (JsonBuilder *b,
            FmFact      *fact)
{
  FmAnnotation *a = fm_fact_get_annotation (fact);
  FmArticle *article = fm_fact_get_article (fact);

  json_builder_begin_object (b);
  json_builder_set_member_name (b, "annotation");
  json_builder_add_int_value (b, fm_annotation_get_id (a));
  json_builder_set_member_name (b, "article");
  json_builder_add_int_value (b, fm_article_get_id (article));
  fm_cli_add_string_or_null (b, "kind", fm_kind_to_string (fm_annotation_get_kind (a)));
  fm_cli_add_string_or_null (b, "verdict", fm_annotation_get_kind (a) == FM_KIND_SOURCE ? NULL
                                           : fm_verdict_to_string (fm_annotation_get_verdict (a)));
  fm_cli_add_string_or_null (b, "quote", fm_annotation_get_quote (a));
  fm_cli_add_string_or_null (b, "name", fm_annotation_get_kind (a) == FM_KIND_SOURCE
                                        ? fm_annotation_get_display_name (a) : NULL);
  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  /* One name per source, as fm_fact_get_sources() joins them: a name that
   * holds "; " stays whole. */
  if (fm_fact_get_source_annotations (fact) != NULL)
    {
      GPtrArray *sources = fm_fact_get_source_annotations (fact);

      for (guint i = 0; i < sources->len; i++)
        {
          FmAnnotation *source = g_ptr_array_index (sources, i);

          json_builder_add_string_value (b, fm_annotation_get_entity (source)
                                            ? fm_annotation_get_entity (source)
                                            : fm_annotation_get_display_name (source));
        }
    }
  json_builder_end_array (b);
  fm_cli_add_string_or_null (b, "article_title", fm_article_get_display_title (article));
  fm_cli_add_string_or_null (b, "published", fm_article_get_published (article));
  json_builder_end_object (b);
}

static void
print_facts_json (GPtrArray *facts)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < facts->len; i++)
    build_fact (b, g_ptr_array_index (facts, i));
  json_builder_end_array (b);
  fm_cli_print_json (b);
}

static void
print_facts_table (GPtrArray *facts)
{
  for (guint i = 0; i < facts->len; i++)
    {
      FmFact *fact = g_ptr_array_index (facts, i);
      FmAnnotation *a = fm_fact_get_annotation (fact);
      gboolean source = fm_annotation_get_kind (a) == FM_KIND_SOURCE;
      g_autofree char *shown = fm_text_first_line (source ? fm_annotation_get_display_name (a)
                                                          : fm_annotation_get_quote (a), 60);

      fm_cli_outf ("%5" G_GINT64_FORMAT " %-6s %-10s “%s”", fm_annotation_get_id (a),
            fm_kind_to_string (fm_annotation_get_kind (a)),
            source ? "" : fm_verdict_to_string (fm_annotation_get_verdict (a)), shown);
      if (*fm_fact_get_sources (fact) != '\0')
        /* Translators: who a fact is attributed to, in factmark-cli facts. */
        fm_cli_outf ("  %s %s", _("by"), fm_fact_get_sources (fact));
      fm_cli_outf ("  #%" G_GINT64_FORMAT "\n", fm_article_get_id (fm_fact_get_article (fact)));
    }
  if (facts->len == 0)
    fm_cli_outf ("%s\n", _("No facts."));
}

/* Streams the export to standard output, after whatever stdio holds, so
 * a large library never sits in memory whole. */
static gboolean
export_to_stdout (FactsArgs              *args,
                  GPtrArray              *facts,
                  const FmExportOptions  *options,
                  GError                **error)
{
  g_autoptr(GOutputStream) stream = g_unix_output_stream_new (STDOUT_FILENO, FALSE);

  fflush (stdout);
  return fm_export_facts_write (args->format, facts, options, stream, NULL, error);
}

/* Replaces @path as the article exports do: the new file takes the old
 * one's place only once it is whole, and a failed export leaves the old
 * one as it was. */
static gboolean
export_to_file (FactsArgs              *args,
                GPtrArray              *facts,
                const FmExportOptions  *options,
                GError                **error)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (args->output);
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GCancellable) abandon = g_cancellable_new ();

  stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_REPLACE_DESTINATION, NULL, error);
  if (stream == NULL)
    return FALSE;
  if (!fm_export_facts_write (args->format, facts, options, G_OUTPUT_STREAM (stream), NULL,
                              error))
    {
      /* Closing a replacement through a cancelled cancellable drops it. */
      g_cancellable_cancel (abandon);
      g_output_stream_close (G_OUTPUT_STREAM (stream), abandon, NULL);
      return FALSE;
    }
  return g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, error);
}

static int
export_facts (FactsArgs *args,
              GPtrArray *facts)
{
  g_autoptr(GError) error = NULL;
  FmExportOptions options = FM_EXPORT_OPTIONS_INIT;
  gboolean ok;

  options.organization = args->organization;
  options.base_url = args->base_url;
  if (args->output != NULL && g_strcmp0 (args->output, "-") != 0)
    ok = export_to_file (args, facts, &options, &error);
  else
    ok = export_to_stdout (args, facts, &options, &error);
  return ok ? 0 : fm_cli_fail_error (error);
}

/* Checks the options and fills in the filter and format; a message for a
 * usage error, else %NULL. */
static const char *
check_args (FactsArgs *args)
{
  FmKind kind = FM_KIND_CLAIM;
  FmVerdict verdict = FM_VERDICT_UNVERIFIED;

  if (args->kind_str != NULL && !fm_kind_from_string (args->kind_str, &kind))
    return _("--kind must be claim, figure or source");
  if (args->kind_str != NULL)
    args->filter.kind = kind;
  if (args->verdict_str != NULL && !fm_verdict_from_string (args->verdict_str, &verdict))
    return _("--verdict is not a verdict");
  if (args->verdict_str != NULL)
    args->filter.verdict = verdict;
  args->filter.source = args->source;

  if (args->format_str != NULL
      && (!fm_export_format_from_string (args->format_str, &args->format)
          || !fm_export_facts_is_format (args->format)))
    return _("unknown --format (known: csv, json, claimreview)");
  if (args->format_str != NULL && args->json)
    return _("--json and --format cannot be given together");
  if (args->format_str == NULL
      && (args->output != NULL || args->organization != NULL || args->base_url != NULL))
    return _("--output, --organization and --base-url need --format");
  if (fm_cli_any_invalid_utf8 ((const char * const []) { args->organization, args->base_url }, 2))
    return _("arguments must be valid UTF-8");
  return NULL;
}

int
fm_cli_facts (const char  *db_path,
              int          argc,
              char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(GPtrArray) facts = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(FactsArgs) args = { .filter = FM_FACTS_FILTER_ANY };
  const char *problem;
  int status = 0;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &args.kind_str, N_("Only claim, figure or source"),
      "KIND" },
    { "verdict", 0, 0, G_OPTION_ARG_STRING, &args.verdict_str,
      N_("Only annotations with this verdict"), "VERDICT" },
    { "source", 0, 0, G_OPTION_ARG_STRING, &args.source,
      N_("Only facts attributed to a source whose name holds NAME"), "NAME" },
    { "to-check", 0, 0, G_OPTION_ARG_NONE, &args.to_check,
      N_("Only claims with no verdict yet, the oldest first"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &args.json, N_("Print JSON"), NULL },
    { "format", 0, 0, G_OPTION_ARG_STRING, &args.format_str,
      N_("Export as csv, json (each entry with its article and a link to its span) or "
         "claimreview (every checked claim)"), "F" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args.output,
      N_("Write the export to FILE (replaced atomically) instead of standard output"), "FILE" },
    { "organization", 0, 0, G_OPTION_ARG_STRING, &args.organization,
      N_("The fact-checking organisation named as the ClaimReview's author"), "NAME" },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &args.base_url,
      N_("Where the fact checks are published; each ClaimReview's url is this and the "
         "claim's uuid"), "URL" },
    { NULL }
  };

  context = fm_cli_command_context ("facts", "",
                             _("List every claim, figure and source in the library, with its "
                               "article and the sources it is attributed to."),
                             entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 0, 0, &status))
    return status;
  if ((problem = check_args (&args)) != NULL)
    return fm_cli_usage_error (context, problem);

  if (!(store = fm_cli_open_store (db_path, &error)))
    return fm_cli_fail_error (error);
  if (!(facts = fm_store_list_facts (store, &args.filter, &error)))
    return fm_cli_fail_error (error);
  if (args.to_check)
    fm_facts_sort_to_check (facts);
  if (args.format_str != NULL)
    return export_facts (&args, facts);
  if (args.json)
    print_facts_json (facts);
  else
    print_facts_table (facts);
  return 0;
}
