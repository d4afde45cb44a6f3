/* fm-cli.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "fm-annotation.h"
#include "fm-article.h"
#include "fm-cli.h"
#include "fm-cli-private.h"
#include "fm-export.h"
#include "fm-export-pdf.h"
#include "fm-factsheet.h"
#include "fm-file.h"
#include "fm-import.h"
#include "fm-import-annotations.h"
#include "fm-store.h"
#include "fm-search.h"
#include "fm-similar.h"
#include "fm-suggest.h"
#include "fm-text.h"
#include "fm-types.h"
#include "fm-update.h"

/* factmark-cli is a contract that scripts and the other issues rely on:
 * one line on stderr starting "factmark-cli: " for every error, exit 1 for
 * a failure and 2 for bad usage, and the library untouched by a command
 * that fails. Output is written as UTF-8 bytes whatever the locale, since it
 * is data (ids, JSON), not messages to translate into a terminal charset. */


typedef struct
{
  const char *name;
  const char *args;
  const char *summary;
  int       (*run) (const char *db_path, int argc, char **argv);
} Command;

static void
out (const char *str)
{
  fputs (str, stdout);
}

void G_GNUC_PRINTF (1, 2)
fm_cli_outf (const char *format,
      ...)
{
  g_autofree char *str = NULL;
  va_list args;

  va_start (args, format);
  str = g_strdup_vprintf (format, args);
  va_end (args);
  fputs (str, stdout);
}

void G_GNUC_PRINTF (1, 2)
fm_cli_fail (const char *format,
      ...)
{
  g_autofree char *str = NULL;
  va_list args;

  va_start (args, format);
  str = g_strdup_vprintf (format, args);
  va_end (args);

  /* One line, whatever the message held. */
  g_strdelimit (str, "\n\r", ' ');
  fprintf (stderr, "factmark-cli: %s\n", str);
}

int
fm_cli_fail_error (const GError *error)
{
  fm_cli_fail ("%s", error->message);
  return EXIT_FAIL;
}

int
fm_cli_usage_error (GOptionContext *context,
             const char     *message)
{
  /* Translators: %s is what was wrong with the command line. */
  fm_cli_fail (_("%s (see --help)"), message);
  (void) context;
  return EXIT_USAGE;
}

FmStore *
fm_cli_open_store (const char  *db_path,
            GError     **error)
{
  g_autofree char *path = db_path ? g_strdup (db_path) : fm_store_default_path ();

  return fm_store_open (path, error);
}

GOptionContext *
fm_cli_command_context (const char   *name,
                 const char   *args,
                 const char   *summary,
                 GOptionEntry *entries)
{
  g_autofree char *param = g_strdup_printf ("%s %s", name, args);
  GOptionContext *context = g_option_context_new (param);

  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context,
    _("ARTICLE and ANNOTATION are a numeric id or a uuid. The library is --db PATH, "
      "else $FACTMARK_DB, else library.db in the user's data folder."));
  if (entries)
    g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_help_enabled (context, TRUE);
  return context;
}

gboolean
fm_cli_parse_command (GOptionContext  *context,
               int             *argc,
               char          ***argv,
               int              min_args,
               int              max_args,
               int             *status)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      *status = fm_cli_usage_error (context, error->message);
      return FALSE;
    }
  /* argv[0] is the command name. */
  if (*argc - 1 < min_args)
    {
      *status = fm_cli_usage_error (context, _("missing argument"));
      return FALSE;
    }
  if (max_args >= 0 && *argc - 1 > max_args)
    {
      g_autofree char *msg = g_strdup_printf (_("unexpected argument “%s”"), (*argv)[max_args + 1]);
      *status = fm_cli_usage_error (context, msg);
      return FALSE;
    }
  return TRUE;
}

/* import */

/* Tells on stderr how the input was read when that is worth knowing: an
 * encoding other than UTF-8, and bytes that had to be replaced. */
static void
print_import_report (FmImportReport *report)
{
  if (report->encoding != NULL && g_ascii_strcasecmp (report->encoding, "UTF-8") != 0)
    {
      g_autofree char *msg = g_strdup_printf (_("read as %s"), report->encoding);

      fprintf (stderr, "factmark-cli: %s\n", msg);
    }
  for (guint i = 0; i < report->warnings->len; i++)
    fprintf (stderr, "factmark-cli: %s: %s\n", _("warning"),
             (const char *) g_ptr_array_index (report->warnings, i));
}

/* A fact sheet names its article and brings its annotations; it is read and
 * checked whole before the library is opened. */
static int
import_factsheet (GOptionContext *context,
                  const char     *db_path,
                  GFile          *file,
                  const char     *title,
                  const char     *url)
{
  g_autoptr(FmSheetImport) sheet = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  FmSheetImportCounts counts;

  if (title != NULL || url != NULL)
    return fm_cli_usage_error (context, _("--title and --url do not apply to a fact sheet, which names "
                                   "its article"));
  if (!(sheet = fm_sheet_import_read_file (file, NULL, &error)))
    return fm_cli_fail_error (error);
  if (!(store = fm_cli_open_store (db_path, &error)))
    return fm_cli_fail_error (error);
  if (!(article = fm_sheet_import_add_article (sheet, store, &counts, &error)))
    return fm_cli_fail_error (error);

  message = g_strdup_printf (_("fact sheet: %u annotations added, %u already in the library"),
                             counts.added, counts.present);
  fprintf (stderr, "factmark-cli: %s\n", message);
  fm_cli_outf ("%" G_GINT64_FORMAT "\n", fm_article_get_id (article));
  return 0;
}

static int
cmd_import (const char  *db_path,
            int          argc,
            char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(FmArticle) stored = NULL;
  g_autoptr(FmImportReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *title = NULL;
  g_autofree char *url = NULL;
  gboolean existed = FALSE;
  int status = 0;
  GOptionEntry entries[] = {
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("Use T as the title"), "T" },
    { "url", 0, 0, G_OPTION_ARG_STRING, &url, N_("Record U as the article's address"), "U" },
    { NULL }
  };

  limit = g_format_size (FM_MAX_TEXT_BYTES);
  summary = g_strdup_printf (_("Import a saved web page, a Markdown file, a text file or a "
                               "Factmark fact sheet (JSON, with its annotations) as an article "
                               "and print its id. Importing a text already in the "
                               "library prints that article's id. Files over %s are refused; "
                               "an encoding other than UTF-8 and any replaced bytes are "
                               "reported on stderr."), limit);
  context = fm_cli_command_context ("import", "FILE", summary, entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 1, 1, &status))
    return status;

  if (title != NULL && !g_utf8_validate (title, -1, NULL))
    return fm_cli_usage_error (context, _("the title is not valid UTF-8"));
  if (url != NULL && !g_utf8_validate (url, -1, NULL))
    return fm_cli_usage_error (context, _("the URL is not valid UTF-8"));

  /* Read the file before opening the library, so a bad file never
   * touches it. */
  file = g_file_new_for_commandline_arg (argv[1]);
  if (fm_sheet_import_file_is_factsheet (file, NULL))
    return import_factsheet (context, db_path, file, title, url);
  article = fm_import_file_full (file, &report, NULL, &error);
  if (article == NULL)
    return fm_cli_fail_error (error);
  print_import_report (report);

  if (title != NULL)
    fm_article_set_title (article, title);
  if (url != NULL)
    fm_article_set_url (article, url);

  if (!(store = fm_cli_open_store (db_path, &error)))
    return fm_cli_fail_error (error);

  stored = fm_store_add_article (store, article, &existed, &error);
  if (stored == NULL)
    return fm_cli_fail_error (error);

  if (existed)
    fprintf (stderr, "factmark-cli: %s\n",
             _("the same text is already in the library; using that article"));
  fm_cli_outf ("%" G_GINT64_FORMAT "\n", fm_article_get_id (stored));
  return 0;
}

/* import-annotations */

static int
cmd_import_annotations (const char  *db_path,
                        int          argc,
                        char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmSheetImport) sheet = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  FmSheetImportCounts counts;
  int status = 0;

  context = fm_cli_command_context ("import-annotations", "ARTICLE FILE",
                             _("Read W3C Web Annotation JSON (one annotation, an array or a "
                               "collection) or Hypothesis JSON and anchor each annotation in "
                               "the article: where its TextPositionSelector points when the "
                               "text there is its quote, else at the exact match of its "
                               "TextQuoteSelector whose prefix and suffix agree best. Those not "
                               "found are kept as orphans with their quote. Prints how many "
                               "were anchored and orphaned; annotations the article already has "
                               "and page notes, which quote nothing, are reported on stderr."),
                             NULL);
  if (!fm_cli_parse_command (context, &argc, &argv, 2, 2, &status))
    return status;

  file = g_file_new_for_commandline_arg (argv[2]);
  if (!(sheet = fm_sheet_import_read_file (file, NULL, &error)))
    return fm_cli_fail_error (error);
  if (!(store = fm_cli_open_store (db_path, &error)))
    return fm_cli_fail_error (error);
  if (!(article = fm_store_lookup_article (store, argv[1], &error)))
    return fm_cli_fail_error (error);
  if (!fm_sheet_import_add_annotations (sheet, store, fm_article_get_id (article), &counts,
                                        &error))
    return fm_cli_fail_error (error);

  /* Translators: the words stay English because scripts read them. */
  fm_cli_outf ("%u anchored, %u orphaned\n", counts.anchored, counts.orphaned);
  if (counts.present > 0)
    {
      g_autofree char *message = g_strdup_printf (_("%u already in the article, left as they "
                                                    "were"), counts.present);
      fprintf (stderr, "factmark-cli: %s\n", message);
    }
  if (counts.skipped > 0)
    {
      g_autofree char *message = g_strdup_printf (_("%u quote nothing in the text (page notes "
                                                    "or replies) and were not imported"),
                                                  counts.skipped);
      fprintf (stderr, "factmark-cli: %s\n", message);
    }
  if (counts.unlinked > 0)
    {
      g_autofree char *message = g_strdup_printf (_("%u attributions name no source of this "
                                                    "article and were left out"),
                                                  counts.unlinked);
      fprintf (stderr, "factmark-cli: %s\n", message);
    }
  if (fm_sheet_positions_describe (counts.positions) != NULL)
    fprintf (stderr, "factmark-cli: %s\n", fm_sheet_positions_describe (counts.positions));
  return 0;
}

/* extract */

static int
cmd_extract (const char  *db_path,
             int          argc,
             char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(FmImportReport) report = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *limit = NULL;
  g_autofree char *summary = NULL;
  gboolean as_json = FALSE;
  int status = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json,
      N_("Print a JSON object with the metadata, the encoding and the text"), NULL },
    { NULL }
  };

  limit = g_format_size (FM_MAX_TEXT_BYTES);
  summary = g_strdup_printf (_("Read a file the way import does and print the text it would "
                               "store, without touching the library. Web pages, Markdown and "
                               "text in UTF-8, UTF-16 or Windows-1252 are read; files over %s "
                               "are refused."), limit);
  context = fm_cli_command_context ("extract", "FILE [--json]", summary, entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 1, 1, &status))
    return status;

  file = g_file_new_for_commandline_arg (argv[1]);
  article = fm_import_file_full (file, &report, NULL, &error);
  if (article == NULL)
    return fm_cli_fail_error (error);
  print_import_report (report);

  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *json = NULL;

      json_builder_begin_object (builder);
#define MEMBER(name, value)                                         \
      json_builder_set_member_name (builder, name);                 \
      if (value) json_builder_add_string_value (builder, value);    \
      else json_builder_add_null_value (builder);
      MEMBER ("title", fm_article_get_title (article));
      MEMBER ("author", fm_article_get_author (article));
      MEMBER ("published", fm_article_get_published (article));
      MEMBER ("outlet", fm_article_get_outlet (article));
      MEMBER ("url", fm_article_get_url (article));
      MEMBER ("lang", fm_article_get_lang (article));
      MEMBER ("encoding", report->encoding);
      MEMBER ("text", fm_article_get_text (article));
#undef MEMBER
      json_builder_end_object (builder);

      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      json = json_generator_to_data (generator, NULL);
      out (json);
      out ("\n");
      return 0;
    }

  out (fm_article_get_text (article));
  out ("\n");
  (void) db_path;
  return 0;
}

/* list */

static int
cmd_list (const char  *db_path,
          int          argc,
          char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(GPtrArray) articles = NULL;
  g_autoptr(GError) error = NULL;
  gboolean as_json = FALSE;
  int status = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &as_json, N_("Print a JSON array"), NULL },
    { NULL }
  };

  context = fm_cli_command_context ("list", "",
                             _("List the articles, newest first, with their counts of "
                               "claims, figures and sources."),
                             entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 0, 0, &status))
    return status;

  if (!(store = fm_cli_open_store (db_path, &error)))
    return fm_cli_fail_error (error);
  if (!(articles = fm_store_list_articles (store, &error)))
    return fm_cli_fail_error (error);

  if (as_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonGenerator) generator = json_generator_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *json = NULL;

      json_builder_begin_array (builder);
      for (guint i = 0; i < articles->len; i++)
        {
          FmArticle *article = g_ptr_array_index (articles, i);
          g_autofree char *imported = fm_text_format_time (fm_article_get_imported (article));

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, fm_article_get_id (article));
          json_builder_set_member_name (builder, "uuid");
          json_builder_add_string_value (builder, fm_article_get_uuid (article));
#define MEMBER(name, value)                                    \
          json_builder_set_member_name (builder, name);        \
          if (value) json_builder_add_string_value (builder, value); \
          else json_builder_add_null_value (builder);
          MEMBER ("title", fm_article_get_title (article));
          MEMBER ("url", fm_article_get_url (article));
          MEMBER ("outlet", fm_article_get_outlet (article));
          MEMBER ("author", fm_article_get_author (article));
          MEMBER ("published", fm_article_get_published (article));
          MEMBER ("imported", imported);
#undef MEMBER
          json_builder_set_member_name (builder, "length");
          json_builder_add_int_value (builder, fm_article_get_length (article));
          json_builder_set_member_name (builder, "claims");
          json_builder_add_int_value (builder, fm_article_get_count (article, FM_KIND_CLAIM));
          json_builder_set_member_name (builder, "figures");
          json_builder_add_int_value (builder, fm_article_get_count (article, FM_KIND_FIGURE));
          json_builder_set_member_name (builder, "sources");
          json_builder_add_int_value (builder, fm_article_get_count (article, FM_KIND_SOURCE));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);

      root = json_builder_get_root (builder);
      json_generator_set_root (generator, root);
      json_generator_set_pretty (generator, TRUE);
      json = json_generator_to_data (generator, NULL);
      out (json);
      out ("\n");
      return 0;
    }

  for (guint i = 0; i < articles->len; i++)
    {
      FmArticle *article = g_ptr_array_index (articles, i);

      fm_cli_outf ("%" G_GINT64_FORMAT "\t%s\t%u claims, %u figures, %u sources\n",
            fm_article_get_id (article),
            fm_article_get_display_title (article),
            fm_article_get_count (article, FM_KIND_CLAIM),
            fm_article_get_count (article, FM_KIND_FIGURE),
            fm_article_get_count (article, FM_KIND_SOURCE));
    }
  return 0;
}

/* show */

static const char *
find_name (GPtrArray *annotations,
           gint64     id)
{
  for (guint i = 0; i < annotations->len; i++)
    {
      FmAnnotation *a = g_ptr_array_index (annotations, i);

      if (fm_annotation_get_id (a) == id)
        return fm_annotation_get_display_name (a);
    }
  return "?";
}

static int
cmd_show (const char  *db_path,
          int          argc,
          char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *subtitle = NULL;
  int status = 0;

  context = fm_cli_command_context ("show", "ARTICLE",
                             _("Print an article's details and its annotations by kind."),
                             NULL);
  if (!fm_cli_parse_command (context, &argc, &argv, 1, 1, &status))
    return status;

  if (!(store = fm_cli_open_store (db_path, &error)))
    return fm_cli_fail_error (error);
  if (!(article = fm_store_lookup_article (store, argv[1], &error)))
    return fm_cli_fail_error (error);
  if (!(annotations = fm_store_list_annotations (store, fm_article_get_id (article), &error)))
    return fm_cli_fail_error (error);

  subtitle = fm_article_dup_subtitle (article);
  fm_cli_outf ("%s\n", fm_article_get_display_title (article));
  if (*subtitle)
    fm_cli_outf ("%s\n", subtitle);
  if (fm_article_get_author (article))
    fm_cli_outf (_("By %s\n"), fm_article_get_author (article));
  if (fm_article_get_url (article))
    fm_cli_outf ("%s\n", fm_article_get_url (article));
  /* %lld rather than G_GINT64_FORMAT: xgettext cannot expand a macro, so
   * the message would be cut at the "%" and never found translated. */
  fm_cli_outf (ngettext ("Article %lld · %s · %lld character\n",
                  "Article %lld · %s · %lld characters\n",
                  (gulong) fm_article_get_length (article)),
        (long long) fm_article_get_id (article), fm_article_get_uuid (article),
        (long long) fm_article_get_length (article));

  for (guint k = 0; k < FM_N_KINDS; k++)
    {
      FmTextWalker walker;

      fm_text_walker_init (&walker, fm_article_get_text (article));
      fm_cli_outf ("\n%s (%u)\n", fm_kind_to_plural_label (k), fm_article_get_count (article, k));

      for (guint i = 0; i < annotations->len; i++)
        {
          FmAnnotation *a = g_ptr_array_index (annotations, i);
          g_autofree char *quote = NULL;
          GArray *sources;
          GPtrArray *evidence;
          const char *tag;

          if (fm_annotation_get_kind (a) != k)
            continue;

          quote = fm_text_first_line (fm_annotation_get_quote (a), 70);
          tag = k == FM_KIND_SOURCE
                ? fm_source_type_to_string (fm_annotation_get_source_type (a))
                : fm_verdict_to_string (fm_annotation_get_verdict (a));
          if (fm_annotation_is_orphan (a))
            fm_cli_outf ("  #%" G_GINT64_FORMAT "  %s  [%s]  “%s”\n",
                  fm_annotation_get_id (a), _("orphaned"), tag, quote);
          else
            {
              fm_text_walker_seek (&walker, fm_annotation_get_start (a));
              fm_cli_outf ("  #%" G_GINT64_FORMAT "  %u:%u  [%s]  “%s”%s\n",
                    fm_annotation_get_id (a), walker.line, walker.column, tag, quote,
                    fm_annotation_get_state (a) == FM_ANCHOR_CHANGED ? _("  (changed)") : "");
            }
          if (fm_annotation_get_original_quote (a))
            {
              g_autofree char *was = fm_text_first_line (fm_annotation_get_original_quote (a), 70);
              fm_cli_outf ("      %s “%s”\n", _("Was:"), was);
            }

          if (k == FM_KIND_FIGURE && fm_annotation_get_has_value (a))
            fm_cli_outf ("      %s %.15g%s%s\n", _("Value:"), fm_annotation_get_value (a),
                  fm_annotation_get_unit (a) ? " " : "",
                  fm_annotation_get_unit (a) ? fm_annotation_get_unit (a) : "");
          if (k == FM_KIND_SOURCE && fm_annotation_get_name (a))
            fm_cli_outf ("      %s %s\n", _("Name:"), fm_annotation_get_name (a));
          if (fm_annotation_get_note (a))
            {
              g_autofree char *note = fm_text_first_line (fm_annotation_get_note (a), 70);
              fm_cli_outf ("      %s %s\n", _("Note:"), note);
            }
          sources = fm_annotation_get_sources (a);
          for (guint j = 0; j < sources->len; j++)
            {
              gint64 sid = g_array_index (sources, gint64, j);
              fm_cli_outf ("      %s #%" G_GINT64_FORMAT " %s\n", _("Source:"), sid,
                    find_name (annotations, sid));
            }
          evidence = fm_annotation_get_evidence (a);
          for (guint j = 0; j < evidence->len; j++)
            {
              FmEvidence *item = g_ptr_array_index (evidence, j);
              fm_cli_outf ("      %s %s%s%s\n", _("Evidence:"), item->url,
                    item->note ? " — " : "", item->note ? item->note : "");
            }
        }
    }
  return 0;
}

/* annotate */

static gboolean
parse_offset (const char  *str,
              const char  *what,
              glong       *out_value,
              GError     **error)
{
  gint64 v;

  if (!g_ascii_string_to_signed (str, 10, G_MINLONG, G_MAXLONG, &v, NULL))
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                   _("%s must be a whole number, not “%s”"), what, str);
      return FALSE;
    }
  *out_value = (glong) v;
  return TRUE;
}

/* What `annotate` was given, before it touches the library. */
typedef struct
{
  char         *kind_str;
  char         *quote;
  char         *start_str;
  char         *end_str;
  char         *note;
  char         *verdict_str;
  char         *value_str;
  char         *unit;
  char         *name;
  char         *source_type_str;
  char        **sources;
  int           occurrence;
  FmKind        kind;
  FmVerdict     verdict;
  FmSourceType  source_type;
} AnnotateArgs;

static void
annotate_args_clear (AnnotateArgs *args)
{
  g_clear_pointer (&args->kind_str, g_free);
  g_clear_pointer (&args->quote, g_free);
  g_clear_pointer (&args->start_str, g_free);
  g_clear_pointer (&args->end_str, g_free);
  g_clear_pointer (&args->note, g_free);
  g_clear_pointer (&args->verdict_str, g_free);
  g_clear_pointer (&args->value_str, g_free);
  g_clear_pointer (&args->unit, g_free);
  g_clear_pointer (&args->name, g_free);
  g_clear_pointer (&args->source_type_str, g_free);
  g_clear_pointer (&args->sources, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (AnnotateArgs, annotate_args_clear)

gboolean
fm_cli_any_invalid_utf8 (const char * const *strs,
                  guint               n)
{
  for (guint i = 0; i < n; i++)
    if (strs[i] != NULL && !g_utf8_validate (strs[i], -1, NULL))
      return TRUE;
  return FALSE;
}

/* Checks everything the command line alone can tell, so that a bad
 * command never opens the library. Returns the usage message, or %NULL. */
/* The options only some kinds take, by the window's rules: what is wrong
 * with giving them to a @kind, or %NULL. @verdict is checked only when
 * @has_verdict. */
const char *
fm_cli_kind_options_problem (FmKind     kind,
                      gboolean   figure_options,
                      gboolean   source_options,
                      gboolean   has_verdict,
                      FmVerdict  verdict)
{
  if (figure_options && kind != FM_KIND_FIGURE)
    return _("--value and --unit are for figures");
  if (source_options && kind != FM_KIND_SOURCE)
    return _("--name and --source-type are for sources");
  if (has_verdict && !fm_verdict_allowed_for_kind (verdict, kind))
    return kind == FM_KIND_SOURCE ? _("sources have no verdict")
                                  : _("figures cannot be an opinion");
  return NULL;
}

/* --value as scripts write it: a whole, finite number with a point. */
gboolean
fm_cli_parse_value (const char *str,
             double     *value)
{
  char *endptr = NULL;

  *value = g_ascii_strtod (str, &endptr);
  return endptr != str && *endptr == '\0' && isfinite (*value);
}

static const char *
check_annotate_args (AnnotateArgs *a)
{
  const char *texts[] = { a->quote, a->note, a->unit, a->name };
  const char *problem;

  if (a->kind_str == NULL)
    return _("--kind is required");
  if (!fm_kind_from_string (a->kind_str, &a->kind))
    return _("--kind must be claim, figure or source");
  if ((a->quote != NULL) == (a->start_str != NULL || a->end_str != NULL))
    return _("give either --quote or both --start and --end");
  if (a->quote == NULL && (a->start_str == NULL || a->end_str == NULL))
    return _("give both --start and --end");
  if (a->occurrence < 0)
    return _("--occurrence counts from 1");
  if (a->occurrence > 0 && a->quote == NULL)
    return _("--occurrence goes with --quote");
  if (a->verdict_str != NULL && !fm_verdict_from_string (a->verdict_str, &a->verdict))
    return _("unknown --verdict");
  if ((problem = fm_cli_kind_options_problem (a->kind, a->value_str != NULL || a->unit != NULL,
                                       a->name != NULL || a->source_type_str != NULL,
                                       TRUE, a->verdict)) != NULL)
    return problem;
  if (a->source_type_str != NULL
      && !fm_source_type_from_string (a->source_type_str, &a->source_type))
    return _("unknown --source-type");
  if (a->sources != NULL && a->kind == FM_KIND_SOURCE)
    return _("--source is for claims and figures");
  if (fm_cli_any_invalid_utf8 (texts, G_N_ELEMENTS (texts)))
    return _("arguments must be valid UTF-8");
  return NULL;
}

/* The offsets and the value are parsed before the library is opened too;
 * returns the usage message, or %NULL. */
static const char *
parse_annotate_numbers (AnnotateArgs  *a,
                        FmAnnotation  *annotation,
                        glong         *start,
                        glong         *end,
                        GError       **error)
{
  if (a->start_str != NULL
      && (!parse_offset (a->start_str, "--start", start, error)
          || !parse_offset (a->end_str, "--end", end, error)))
    return (*error)->message;

  if (a->value_str != NULL)
    {
      double v;

      if (!fm_cli_parse_value (a->value_str, &v))
        return _("--value must be a number");
      fm_annotation_set_value (annotation, TRUE, v);
    }
  return NULL;
}

/* Places @annotation on its span: the given offsets, or where its quote
 * appears. */
static gboolean
anchor_annotation (AnnotateArgs  *a,
                   FmArticle     *article,
                   FmAnnotation  *annotation,
                   glong          start,
                   glong          end,
                   GError       **error)
{
  if (a->quote != NULL)
    {
      g_autofree char *nfc = g_utf8_normalize (a->quote, -1, G_NORMALIZE_NFC);

      /* The text is NFC, so the quote must be too to match what it looks like. */
      if (!fm_text_find_quote (fm_article_get_text (article), nfc, a->occurrence, &start, &end,
                               error))
        return FALSE;
    }

  fm_annotation_set_article_id (annotation, fm_article_get_id (article));
  return fm_annotation_anchor (annotation, fm_article_get_text (article),
                               fm_article_get_length (article), start, end, error);
}

/* Links the claim or figure to each --source, which must be a source of
 * the same article. */
static gboolean
attach_sources (AnnotateArgs  *a,
                FmStore       *store,
                FmArticle     *article,
                FmAnnotation  *annotation,
                GError       **error)
{
  for (guint i = 0; a->sources != NULL && a->sources[i] != NULL; i++)
    {
      g_autoptr(FmAnnotation) source = fm_store_lookup_annotation (store, a->sources[i], error);

      if (source == NULL)
        return FALSE;
      if (fm_annotation_get_kind (source) != FM_KIND_SOURCE
          || fm_annotation_get_article_id (source) != fm_article_get_id (article))
        {
          g_set_error (error, FM_ERROR, FM_ERROR_INVALID,
                       _("annotation %s is not a source in this article"), a->sources[i]);
          return FALSE;
        }
      fm_annotation_add_source (annotation, fm_annotation_get_id (source));
    }
  return TRUE;
}

static int
cmd_annotate (const char  *db_path,
              int          argc,
              char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(FmAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(AnnotateArgs) a = { .verdict = FM_VERDICT_UNVERIFIED,
                             .source_type = FM_SOURCE_TYPE_PERSON };
  const char *problem;
  glong start = 0, end = 0;
  int status = 0;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &a.kind_str, N_("claim, figure or source"), "KIND" },
    { "quote", 0, 0, G_OPTION_ARG_STRING, &a.quote, N_("Mark this exact text"), "TEXT" },
    { "occurrence", 0, 0, G_OPTION_ARG_INT, &a.occurrence,
      N_("Which appearance of a repeated quote, from 1"), "N" },
    { "start", 0, 0, G_OPTION_ARG_STRING, &a.start_str,
      N_("Start offset, in code points from 0"), "N" },
    { "end", 0, 0, G_OPTION_ARG_STRING, &a.end_str,
      N_("End offset, in code points, exclusive"), "N" },
    { "note", 0, 0, G_OPTION_ARG_STRING, &a.note, N_("A note"), "T" },
    { "verdict", 0, 0, G_OPTION_ARG_STRING, &a.verdict_str,
      N_("unverified, true, mostly-true, misleading, false, unproven, or opinion (claims)"), "V" },
    { "value", 0, 0, G_OPTION_ARG_STRING, &a.value_str,
      N_("A figure's value (else parsed from the quote)"), "X" },
    { "unit", 0, 0, G_OPTION_ARG_STRING, &a.unit, N_("A figure's unit"), "U" },
    { "name", 0, 0, G_OPTION_ARG_STRING, &a.name, N_("A source's name (else its quote)"), "N" },
    { "source-type", 0, 0, G_OPTION_ARG_STRING, &a.source_type_str,
      N_("person, organization, government, state-media, news-outlet, document, anonymous, "
         "or other"), "T" },
    { "source", 0, 0, G_OPTION_ARG_STRING_ARRAY, &a.sources,
      N_("Attribute a claim or figure to this source annotation (repeatable)"), "ANNOTATION" },
    { NULL }
  };

  context = fm_cli_command_context ("annotate", "ARTICLE",
                             _("Mark a span of an article, given by quote or by offsets, "
                               "and print the new annotation's id."),
                             entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 1, 1, &status))
    return status;

  if ((problem = check_annotate_args (&a)) != NULL)
    return fm_cli_usage_error (context, problem);
  annotation = fm_annotation_new (a.kind);
  if ((problem = parse_annotate_numbers (&a, annotation, &start, &end, &error)) != NULL)
    return fm_cli_usage_error (context, problem);

  if (!(store = fm_cli_open_store (db_path, &error))
      || !(article = fm_store_lookup_article (store, argv[1], &error))
      || !anchor_annotation (&a, article, annotation, start, end, &error))
    return fm_cli_fail_error (error);

  fm_annotation_set_note (annotation, a.note);
  fm_annotation_set_verdict (annotation, a.verdict);
  fm_annotation_set_unit (annotation, a.unit);
  fm_annotation_set_name (annotation, a.name);
  fm_annotation_set_source_type (annotation, a.source_type);
  fm_annotation_apply_defaults (annotation);

  if (!attach_sources (&a, store, article, annotation, &error)
      || !fm_store_add_annotation (store, annotation, &error))
    return fm_cli_fail_error (error);

  fm_cli_outf ("%" G_GINT64_FORMAT "\n", fm_annotation_get_id (annotation));
  return 0;
}


/* export */

/* A PDF is binary: it goes to the file whole, or to standard output as
 * bytes, never through the text output. */
static int
write_pdf (FmArticle             *article,
           GPtrArray             *annotations,
           const FmExportOptions *options,
           const char            *output)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pdf = fm_export_pdf_to_bytes (article, annotations, options, &error);
  gsize len;
  const char *data;

  if (pdf == NULL)
    return fm_cli_fail_error (error);
  data = g_bytes_get_data (pdf, &len);
  if (output != NULL && g_strcmp0 (output, "-") != 0)
    {
      if (!fm_file_write_atomic (output, data, len, &error))
        return fm_cli_fail_error (error);
    }
  else if (fwrite (data, 1, len, stdout) != len || fflush (stdout) != 0)
    {
      g_set_error (&error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write the PDF: %s"),
                   g_strerror (errno));
      return fm_cli_fail_error (error);
    }
  return 0;
}

static int
cmd_export (const char  *db_path,
            int          argc,
            char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GPtrArray) annotations = NULL;
  g_autoptr(GPtrArray) revisions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *format_str = NULL;
  g_autofree char *output = NULL;
  g_autofree char *organization = NULL;
  g_autofree char *base_url = NULL;
  g_autofree char *data = NULL;
  FmExportFormat format = FM_EXPORT_FORMAT_JSON;
  FmExportOptions options = FM_EXPORT_OPTIONS_INIT;
  gboolean no_text = FALSE;
  int status = 0;
  GOptionEntry entries[] = {
    { "format", 0, 0, G_OPTION_ARG_STRING, &format_str,
      N_("json (default), markdown, html, csv, w3c, claimreview or pdf"), "F" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output,
      N_("Write to FILE (replaced atomically) instead of standard output"), "FILE" },
    { "no-text", 0, 0, G_OPTION_ARG_NONE, &no_text,
      N_("Leave the article's text out (json, html)"), NULL },
    { "organization", 0, 0, G_OPTION_ARG_STRING, &organization,
      N_("The fact-checking organisation named as the ClaimReview's author"), "NAME" },
    { "base-url", 0, 0, G_OPTION_ARG_STRING, &base_url,
      N_("Where the fact checks are published; each ClaimReview's url is this and the "
         "claim's uuid"), "URL" },
    { NULL }
  };

  context = fm_cli_command_context ("export", "ARTICLE",
                             _("Write an article's fact sheet in one of seven formats."), entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 1, 1, &status))
    return status;

  if (format_str != NULL && !fm_export_format_from_string (format_str, &format))
    return fm_cli_usage_error (context, _("unknown --format (known: json, markdown, html, csv, w3c, "
                                   "claimreview, pdf)"));
  if ((organization != NULL && !g_utf8_validate (organization, -1, NULL))
      || (base_url != NULL && !g_utf8_validate (base_url, -1, NULL)))
    return fm_cli_usage_error (context, _("arguments must be valid UTF-8"));

  options.with_text = !no_text;
  options.organization = organization;
  options.base_url = base_url;

  if (!(store = fm_cli_open_store (db_path, &error)))
    return fm_cli_fail_error (error);
  if (!(article = fm_store_lookup_article (store, argv[1], &error)))
    return fm_cli_fail_error (error);
  if (!(annotations = fm_store_list_annotations (store, fm_article_get_id (article), &error)))
    return fm_cli_fail_error (error);
  /* The JSON fact sheet carries the earlier texts along with the text. */
  if (format == FM_EXPORT_FORMAT_JSON && options.with_text
      && !(revisions = fm_export_list_revisions (store, fm_article_get_id (article), &error)))
    return fm_cli_fail_error (error);
  options.revisions = revisions;

  if (format == FM_EXPORT_FORMAT_PDF)
    return write_pdf (article, annotations, &options, output);

  data = fm_export_to_string (format, article, annotations, &options, &error);
  if (data == NULL)
    return fm_cli_fail_error (error);

  if (output != NULL && g_strcmp0 (output, "-") != 0)
    {
      if (!fm_file_write_atomic (output, data, -1, &error))
        return fm_cli_fail_error (error);
    }
  else
    out (data);

  return 0;
}

/* delete */

static int
cmd_delete (const char  *db_path,
            int          argc,
            char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(FmAnnotation) annotation = NULL;
  g_autoptr(GError) article_error = NULL;
  g_autoptr(GError) annotation_error = NULL;
  g_autoptr(GError) error = NULL;
  gboolean only_article = FALSE;
  gboolean only_annotation = FALSE;
  int status = 0;
  GOptionEntry entries[] = {
    { "article", 0, 0, G_OPTION_ARG_NONE, &only_article,
      N_("The id names an article"), NULL },
    { "annotation", 0, 0, G_OPTION_ARG_NONE, &only_annotation,
      N_("The id names an annotation"), NULL },
    { NULL }
  };

  context = fm_cli_command_context ("delete", "ARTICLE|ANNOTATION",
                             _("Delete an article with all its annotations, or one "
                               "annotation. A numeric id that names both an article and an "
                               "annotation needs --article or --annotation."),
                             entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 1, 1, &status))
    return status;
  if (only_article && only_annotation)
    return fm_cli_usage_error (context, _("--article and --annotation exclude each other"));

  if (!(store = fm_cli_open_store (db_path, &error)))
    return fm_cli_fail_error (error);

  if (!only_annotation)
    article = fm_store_lookup_article (store, argv[1], &article_error);
  if (!only_article)
    annotation = fm_store_lookup_annotation (store, argv[1], &annotation_error);

  if (article != NULL && annotation != NULL)
    {
      fm_cli_fail (_("“%s” names both an article and an annotation; add --article or --annotation"),
            argv[1]);
      return EXIT_USAGE;
    }

  if (article != NULL)
    {
      if (!fm_store_delete_article (store, fm_article_get_id (article), &error))
        return fm_cli_fail_error (error);
      return 0;
    }
  if (annotation != NULL)
    {
      if (!fm_store_delete_annotation (store, fm_annotation_get_id (annotation), &error))
        return fm_cli_fail_error (error);
      return 0;
    }

  if (article_error && !g_error_matches (article_error, FM_ERROR, FM_ERROR_NOT_FOUND))
    return fm_cli_fail_error (article_error);
  if (annotation_error && !g_error_matches (annotation_error, FM_ERROR, FM_ERROR_NOT_FOUND))
    return fm_cli_fail_error (annotation_error);

  fm_cli_fail (_("no article or annotation “%s”"), argv[1]);
  return EXIT_FAIL;
}

/* update */

static int
cmd_update (const char  *db_path,
            int          argc,
            char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(FmArticle) revised = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *origin = NULL;
  FmUpdateSummary summary = { { 0 }, NULL };
  int status = 0;

  context = fm_cli_command_context ("update", "ARTICLE FILE",
                             _("Replace an article's text with a new version read from FILE, "
                               "keeping the old one as a revision, and re-anchor every "
                               "annotation. Prints how many stayed, moved, changed or were "
                               "orphaned, and lists the changed and orphaned ones."),
                             NULL);
  if (!fm_cli_parse_command (context, &argc, &argv, 2, 2, &status))
    return status;

  file = g_file_new_for_commandline_arg (argv[2]);
  revised = fm_import_file (file, NULL, NULL, &error);
  if (revised == NULL)
    return fm_cli_fail_error (error);

  if (!(store = fm_cli_open_store (db_path, &error)))
    return fm_cli_fail_error (error);
  if (!(article = fm_store_lookup_article (store, argv[1], &error)))
    return fm_cli_fail_error (error);

  origin = g_file_get_basename (file);
  if (!fm_update_article (store, fm_article_get_id (article), fm_article_get_text (revised),
                          origin, &summary, NULL, &error))
    return fm_cli_fail_error (error);

  /* Translators: the summary of an update; the states are not translated
   * because scripts read them. */
  fm_cli_outf ("%u unchanged, %u moved, %u changed, %u orphaned\n",
        summary.counts[FM_ANCHOR_UNCHANGED], summary.counts[FM_ANCHOR_MOVED],
        summary.counts[FM_ANCHOR_CHANGED], summary.counts[FM_ANCHOR_ORPHANED]);
  for (guint i = 0; i < summary.attention->len; i++)
    {
      g_autoptr(FmAnnotation) a =
        fm_store_get_annotation (store, g_array_index (summary.attention, gint64, i), NULL);
      g_autofree char *was = NULL;
      g_autofree char *now = NULL;

      if (a == NULL)
        continue;
      was = fm_text_first_line (fm_annotation_get_original_quote (a)
                                ? fm_annotation_get_original_quote (a)
                                : fm_annotation_get_quote (a), 60);
      now = fm_text_first_line (fm_annotation_get_quote (a), 60);
      if (fm_annotation_is_orphan (a))
        fm_cli_outf ("  #%" G_GINT64_FORMAT "  orphaned  “%s”\n", fm_annotation_get_id (a), was);
      else
        fm_cli_outf ("  #%" G_GINT64_FORMAT "  changed   “%s” → “%s”\n", fm_annotation_get_id (a),
              was, now);
    }
  fm_update_summary_clear (&summary);
  return 0;
}

/* suggest */

/* Prints what @b built, indented, as every --json does. */
void
fm_cli_print_json (JsonBuilder *b)
{
  g_autoptr(JsonGenerator) gen = json_generator_new ();
  g_autoptr(JsonNode) root = json_builder_get_root (b);
  g_autofree char *json = NULL;

  json_generator_set_root (gen, root);
  json_generator_set_pretty (gen, TRUE);
  json = json_generator_to_data (gen, NULL);
  fm_cli_outf ("%s\n", json);
}

static void
add_span_members (JsonBuilder *b,
                  glong        start,
                  glong        end)
{
  json_builder_set_member_name (b, "start");
  json_builder_add_int_value (b, start);
  json_builder_set_member_name (b, "end");
  json_builder_add_int_value (b, end);
}

/* A string member, or null when there is no string. */
void
fm_cli_add_string_or_null (JsonBuilder *b,
                           const char  *name,
                           const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
build_suggestion (JsonBuilder        *b,
                  const FmSuggestion *s)
{
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "kind");
  json_builder_add_string_value (b, fm_kind_to_string (s->kind));
  if (s->kind == FM_KIND_CLAIM)
    {
      json_builder_set_member_name (b, "form");
      json_builder_add_string_value (b, s->form == FM_SUGGESTION_FORM_DIRECT ? "direct" : "reported");
    }
  add_span_members (b, s->start, s->end);
  json_builder_set_member_name (b, "text");
  json_builder_add_string_value (b, s->text);
  if (s->kind == FM_KIND_FIGURE)
    {
      json_builder_set_member_name (b, "value");
      if (s->has_value)
        json_builder_add_double_value (b, s->value);
      else
        json_builder_add_null_value (b);
      fm_cli_add_string_or_null (b, "unit", s->unit);
    }
  else if (s->kind == FM_KIND_CLAIM)
    {
      json_builder_set_member_name (b, "speaker");
      if (s->speaker_start >= 0)
        {
          json_builder_begin_object (b);
          add_span_members (b, s->speaker_start, s->speaker_end);
          json_builder_set_member_name (b, "text");
          json_builder_add_string_value (b, s->speaker_text);
          json_builder_end_object (b);
        }
      else
        json_builder_add_null_value (b);
    }
  else
    {
      json_builder_set_member_name (b, "name");
      json_builder_add_string_value (b, s->name);
      json_builder_set_member_name (b, "mentions");
      json_builder_begin_array (b);
      for (guint m = 0; s->mentions && m < s->mentions->len; m++)
        {
          FmSuggestSpan *span = &g_array_index (s->mentions, FmSuggestSpan, m);

          json_builder_begin_object (b);
          add_span_members (b, span->start, span->end);
          json_builder_end_object (b);
        }
      json_builder_end_array (b);
    }
  json_builder_set_member_name (b, "rule");
  json_builder_add_string_value (b, s->rule);
  json_builder_set_member_name (b, "score");
  json_builder_add_double_value (b, s->score);
  json_builder_end_object (b);
}

static void
print_suggestions_json (GPtrArray *suggestions)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < suggestions->len; i++)
    build_suggestion (b, g_ptr_array_index (suggestions, i));
  json_builder_end_array (b);
  fm_cli_print_json (b);
}

static void
print_suggestions_table (GPtrArray *suggestions)
{
  for (guint i = 0; i < suggestions->len; i++)
    {
      FmSuggestion *s = g_ptr_array_index (suggestions, i);
      g_autofree char *shown = fm_text_first_line (s->text, 60);
      const char *kind = fm_kind_to_string (s->kind);

      fm_cli_outf ("%4u  %-6s %7ld-%-7ld “%s”", i + 1, kind, s->start, s->end, shown);
      if (s->kind == FM_KIND_CLAIM && s->speaker_text)
        /* Translators: who said a suggested quote. */
        fm_cli_outf ("  %s %s", _("by"), s->speaker_name ? s->speaker_name : s->speaker_text);
      else if (s->kind == FM_KIND_CLAIM && s->form == FM_SUGGESTION_FORM_REPORTED)
        fm_cli_outf ("  %s", _("(reported)"));
      else if (s->kind == FM_KIND_SOURCE && s->mentions)
        fm_cli_outf (ngettext ("  %s, %u mention", "  %s, %u mentions", s->mentions->len), s->name,
              s->mentions->len);
      fm_cli_outf ("  [%s]\n", s->rule);
    }
  if (suggestions->len == 0)
    fm_cli_outf ("%s\n", _("No suggestions."));
}

static int
cmd_suggest (const char  *db_path,
             int          argc,
             char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmArticle) article = NULL;
  g_autoptr(GPtrArray) suggestions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kind_str = NULL;
  gboolean json = FALSE, accept = FALSE;
  int reject = 0;
  guint kinds = FM_SUGGEST_ALL_KINDS;
  int status = 0;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_str, N_("Only claim, figure or source"), "KIND" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "accept", 0, 0, G_OPTION_ARG_NONE, &accept,
      N_("Add every listed suggestion as an annotation, in one change"), NULL },
    { "reject", 0, 0, G_OPTION_ARG_INT, &reject,
      N_("Reject the suggestion listed as number N, so it is not suggested again"), "N" },
    { NULL }
  };

  context = fm_cli_command_context ("suggest", "ARTICLE",
                             _("List the figures, quotes with their speakers, and sources "
                               "found in an article that are not annotated or rejected yet."),
                             entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 1, 1, &status))
    return status;
  if (kind_str != NULL)
    {
      FmKind kind;

      if (!fm_kind_from_string (kind_str, &kind))
        return fm_cli_usage_error (context, _("--kind must be claim, figure or source"));
      kinds = FM_SUGGEST_KIND_BIT (kind);
    }
  if (accept && reject != 0)
    return fm_cli_usage_error (context, _("give --accept or --reject, not both"));
  if (reject < 0)
    return fm_cli_usage_error (context, _("--reject counts from 1"));

  if (!(store = fm_cli_open_store (db_path, &error)))
    return fm_cli_fail_error (error);
  if (!(article = fm_store_lookup_article (store, argv[1], &error)))
    return fm_cli_fail_error (error);
  if (!(suggestions = fm_suggest_article (store, article, kinds, &error)))
    return fm_cli_fail_error (error);

  if (reject > 0)
    {
      if ((guint) reject > suggestions->len)
        {
          fm_cli_fail (_("there is no suggestion %d (the list has %u)"), reject, suggestions->len);
          return EXIT_FAIL;
        }
      if (!fm_suggest_reject (store, article, g_ptr_array_index (suggestions, reject - 1), &error))
        return fm_cli_fail_error (error);
      fm_cli_outf (_("Rejected suggestion %d.\n"), reject);
      return 0;
    }
  if (accept)
    {
      g_autoptr(GPtrArray) created = NULL;

      if (!fm_suggest_accept (store, article, suggestions, &created, &error))
        return fm_cli_fail_error (error);
      fm_cli_outf (ngettext ("Created %u annotation.\n", "Created %u annotations.\n", created->len),
            created->len);
      return 0;
    }
  if (json)
    print_suggestions_json (suggestions);
  else
    print_suggestions_table (suggestions);
  return 0;
}

/* search */

static void
print_search_json (GPtrArray *hits)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < hits->len; i++)
    {
      FmSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *snippet = fm_search_hit_dup_snippet (hit, "[", "]");

      json_builder_begin_object (b);
      json_builder_set_member_name (b, "article");
      json_builder_add_int_value (b, hit->article_id);
      json_builder_set_member_name (b, "annotation");
      if (hit->annotation_id != 0)
        json_builder_add_int_value (b, hit->annotation_id);
      else
        json_builder_add_null_value (b);
      add_span_members (b, hit->start, hit->end);
      fm_cli_add_string_or_null (b, "snippet", snippet);
      json_builder_set_member_name (b, "score");
      json_builder_add_double_value (b, hit->score);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  fm_cli_print_json (b);
}

static void
print_search_table (GPtrArray *hits)
{
  for (guint i = 0; i < hits->len; i++)
    {
      FmSearchHit *hit = g_ptr_array_index (hits, i);
      g_autofree char *snippet = fm_search_hit_dup_snippet (hit, "[", "]");
      g_autofree char *shown = fm_text_first_line (snippet, 100);

      if (hit->annotation_id != 0)
        fm_cli_outf ("%5" G_GINT64_FORMAT " %-6s %-10s ", hit->annotation_id, fm_kind_to_string (hit->kind),
              hit->kind == FM_KIND_SOURCE ? "" : fm_verdict_to_string (hit->verdict));
      else
        /* Translators: a search hit in an article's own text, not an annotation. */
        fm_cli_outf ("%5s %-17s ", "", _("text"));
      fm_cli_outf ("%s\n      %s #%" G_GINT64_FORMAT ", %ld–%ld\n", shown,
            hit->title ? hit->title : _("Untitled"), hit->article_id, hit->start, hit->end);
    }
  if (hits->len == 0)
    fm_cli_outf ("%s\n", _("Nothing found."));
}

/* --since and --until as the filter takes them, the first not after the
 * last. */
static gboolean
parse_search_dates (const char  *since_str,
                    const char  *until_str,
                    char       **since,
                    char       **until,
                    GError     **error)
{
  if (since_str != NULL && !(*since = fm_search_parse_date (since_str, error)))
    {
      g_prefix_error (error, "--since: ");
      return FALSE;
    }
  if (until_str != NULL && !(*until = fm_search_parse_date (until_str, error)))
    {
      g_prefix_error (error, "--until: ");
      return FALSE;
    }
  if (*since != NULL && *until != NULL && strcmp (*since, *until) > 0)
    {
      g_set_error (error, FM_ERROR, FM_ERROR_INVALID, _("--since is after --until"));
      return FALSE;
    }
  return TRUE;
}

static int
cmd_search (const char  *db_path,
            int          argc,
            char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *kind_str = NULL;
  g_autofree char *verdict_str = NULL;
  g_autofree char *source = NULL;
  g_autofree char *since_str = NULL;
  g_autofree char *until_str = NULL;
  g_autofree char *since = NULL;
  g_autofree char *until = NULL;
  FmSearchFilter filter = FM_SEARCH_FILTER_ANY;
  gboolean json = FALSE;
  int limit = 100;
  int status = 0;
  GOptionEntry entries[] = {
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind_str, N_("Only claim, figure or source"), "KIND" },
    { "verdict", 0, 0, G_OPTION_ARG_STRING, &verdict_str, N_("Only annotations with this verdict"),
      "VERDICT" },
    { "source", 0, 0, G_OPTION_ARG_STRING, &source,
      N_("Only sources whose name holds NAME, and what is attributed to them"), "NAME" },
    { "since", 0, 0, G_OPTION_ARG_STRING, &since_str,
      N_("Only articles published (or else imported) on or after DATE, as YYYY-MM-DD"), "DATE" },
    { "until", 0, 0, G_OPTION_ARG_STRING, &until_str,
      N_("Only articles published (or else imported) on or before DATE, as YYYY-MM-DD"), "DATE" },
    { "limit", 0, 0, G_OPTION_ARG_INT, &limit, N_("At most N hits (100)"), "N" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = fm_cli_command_context ("search", "QUERY",
                             _("Search every article, quote, note, source name and evidence link "
                               "in the library. Phrases in quotes, prefixes ending in * and "
                               "NEAR(a b) work."),
                             entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 1, 1, &status))
    return status;
  if (kind_str != NULL)
    {
      FmKind kind;

      if (!fm_kind_from_string (kind_str, &kind))
        return fm_cli_usage_error (context, _("--kind must be claim, figure or source"));
      filter.kind = kind;
    }
  if (verdict_str != NULL)
    {
      FmVerdict verdict;

      if (!fm_verdict_from_string (verdict_str, &verdict))
        return fm_cli_usage_error (context, _("--verdict is not a verdict"));
      filter.verdict = verdict;
    }
  if (limit <= 0)
    return fm_cli_usage_error (context, _("--limit must be at least 1"));
  if (!parse_search_dates (since_str, until_str, &since, &until, &error))
    return fm_cli_usage_error (context, error->message);
  filter.source = source != NULL && *source != '\0' ? source : NULL;
  filter.since = since;
  filter.until = until;

  if (!(store = fm_cli_open_store (db_path, &error)))
    return fm_cli_fail_error (error);
  if (!(hits = fm_store_search (store, argv[1], &filter, limit, &error)))
    return fm_cli_fail_error (error);
  if (json)
    print_search_json (hits);
  else
    print_search_table (hits);
  return 0;
}

/* similar */

static void
print_similar (GPtrArray *similar,
               gboolean   json)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < similar->len; i++)
    {
      FmSimilarClaim *c = g_ptr_array_index (similar, i);
      g_autofree char *shown = fm_text_first_line (fm_annotation_get_quote (c->annotation), 70);

      if (!json)
        {
          fm_cli_outf ("%5" G_GINT64_FORMAT " %.2f %-10s “%s”  #%" G_GINT64_FORMAT "\n",
                fm_annotation_get_id (c->annotation), c->score,
                fm_verdict_to_string (fm_annotation_get_verdict (c->annotation)), shown,
                fm_annotation_get_article_id (c->annotation));
          continue;
        }
      json_builder_begin_object (b);
      json_builder_set_member_name (b, "annotation");
      json_builder_add_int_value (b, fm_annotation_get_id (c->annotation));
      json_builder_set_member_name (b, "article");
      json_builder_add_int_value (b, fm_annotation_get_article_id (c->annotation));
      json_builder_set_member_name (b, "score");
      json_builder_add_double_value (b, c->score);
      fm_cli_add_string_or_null (b, "quote", fm_annotation_get_quote (c->annotation));
      fm_cli_add_string_or_null (b, "verdict",
                                 fm_verdict_to_string (fm_annotation_get_verdict (c->annotation)));
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (!json)
    {
      if (similar->len == 0)
        fm_cli_outf ("%s\n", _("No similar claims in other articles."));
      return;
    }
  fm_cli_print_json (b);
}

static int
cmd_similar (const char  *db_path,
             int          argc,
             char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmAnnotation) claim = NULL;
  g_autoptr(GPtrArray) similar = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  double threshold = FM_SIMILAR_SUGGEST;
  int status = 0;
  GOptionEntry entries[] = {
    { "threshold", 0, 0, G_OPTION_ARG_DOUBLE, &threshold,
      N_("The lowest score listed, from 0 to 1 (0.5)"), "X" },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = fm_cli_command_context ("similar", "ANNOTATION",
                             _("List the claims in other articles that say what this claim says, "
                               "the most alike first."),
                             entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 1, 1, &status))
    return status;
  if (threshold < 0 || threshold > 1)
    return fm_cli_usage_error (context, _("--threshold must be between 0 and 1"));
  if (!(store = fm_cli_open_store (db_path, &error)))
    return fm_cli_fail_error (error);
  if (!(claim = fm_store_lookup_annotation (store, argv[1], &error)))
    return fm_cli_fail_error (error);
  if (!(similar = fm_store_find_similar (store, claim, threshold, &error)))
    return fm_cli_fail_error (error);
  print_similar (similar, json);
  return 0;
}

static const Command commands[] = {
  { "import", "FILE [--title T] [--url U]", N_("Import a file; print the article id"), cmd_import },
  { "import-annotations", "ARTICLE FILE", N_("Anchor W3C or Hypothesis annotations in an article"),
    cmd_import_annotations },
  { "extract", "FILE [--json]", N_("Print the text and metadata a file would import as"),
    cmd_extract },
  { "list", "[--json]", N_("List the articles with counts per kind"), cmd_list },
  { "show", "ARTICLE", N_("Show an article's annotations"), cmd_show },
  { "annotate", "ARTICLE --kind KIND (--quote TEXT [--occurrence N] | --start N --end N) ...",
    N_("Mark a claim, figure or source; print its id"), cmd_annotate },
  { "edit", "ANNOTATION [--note T] [--verdict V] [--value X] [--unit U] [--name N] "
    "[--source-type T]", N_("Change an annotation's note, verdict, value, unit or name"),
    fm_cli_edit },
  { "export", "ARTICLE [--format F] [-o FILE] [--no-text] [--organization N] [--base-url U]",
    N_("Write the article's fact sheet"), cmd_export },
  { "update", "ARTICLE FILE", N_("Replace the text with a new version and re-anchor"),
    cmd_update },
  { "delete", "ARTICLE|ANNOTATION", N_("Delete an article or an annotation"), cmd_delete },
  { "suggest", "ARTICLE [--kind KIND] [--json] [--accept | --reject N]",
    N_("Suggest figures, quotes with speakers, and sources; accept or reject them"),
    cmd_suggest },
  { "facts", "[--kind KIND] [--verdict VERDICT] [--source NAME] [--to-check] [--json]",
    N_("List every claim, figure and source in the library"), fm_cli_facts },
  { "similar", "ANNOTATION [--threshold X] [--json]",
    N_("List claims in other articles that say the same thing"), cmd_similar },
  { "figures", "[--conflicts] [--json]",
    N_("List the library's figures, or those that disagree across articles"), fm_cli_figures },
  { "search", "QUERY [--kind KIND] [--verdict VERDICT] [--json]",
    N_("Search the whole library: texts, quotes, notes, sources and evidence"), cmd_search },
  { "sources", "[--proposals] [--json]",
    N_("List the library's sources with their track records, or the merges proposed"),
    fm_cli_sources },
  { "source", "NAME [--json]", N_("Show where a source is cited and what it said"),
    fm_cli_source },
  { "merge-sources", "INTO FROM", N_("Make two library sources one"), fm_cli_merge_sources },
  { "rename-source", "NAME NEW-NAME", N_("Rename a library source"), fm_cli_rename_source },
  { "split-source", "NEW-NAME ANNOTATION...", N_("Give some mentions a source of their own"),
    fm_cli_split_source },
  { "link", "ANNOTATION ANNOTATION", N_("Link two claims into one tracked claim"), fm_cli_link },
  { "unlink", "ANNOTATION", N_("Take a claim out of its tracked claim"), fm_cli_unlink },
  { "desk", "init URL | join URL | add-person URL NAME --role ROLE | status",
    N_("Set up a desk on a PostgreSQL server, join this library to it"), fm_cli_desk },
  { "sync", "[--watch]", N_("Push this library's changes to its desk and pull the others'"), fm_cli_sync },
  { "conflicts", "[--json]", N_("List changes a sync could not settle alone"), fm_cli_conflicts },
  { "resolve", "ANNOTATION --keep mine|theirs", N_("Settle an annotation's conflicts"),
    fm_cli_resolve },
};

static void
print_help (FILE *stream)
{
  fprintf (stream, "%s\n\n", _("Usage: factmark-cli [--db PATH] COMMAND [OPTIONS...]"));
  fprintf (stream, "%s\n\n", _("Mark claims, figures and sources in articles, from the shell."));
  fprintf (stream, "%s\n", _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (stream, "  %-10s %s\n             %s\n", commands[i].name, commands[i].args,
             _(commands[i].summary));
  fprintf (stream, "\n%s\n", _("Options:"));
  fprintf (stream, "  --db PATH    %s\n", _("The library file (default: $FACTMARK_DB, else "
                                            "library.db in the user data folder)"));
  fprintf (stream, "  --version    %s\n", _("Print the version"));
  fprintf (stream, "  --help       %s\n", _("Print this help; COMMAND --help for a command's"));
  fprintf (stream, "\n%s\n", _("Offsets count Unicode code points in the article's text, "
                               "from 0, end exclusive. Errors print one line starting "
                               "“factmark-cli:” and exit 1 (2 for bad usage)."));
}

int
fm_cli_run (int    argc,
            char **argv)
{
  g_autofree char *db_path = NULL;
  int i;

  for (i = 1; i < argc; i++)
    {
      const char *arg = argv[i];

      if (g_str_equal (arg, "--help") || g_str_equal (arg, "-h") || g_str_equal (arg, "help"))
        {
          print_help (stdout);
          return 0;
        }
      else if (g_str_equal (arg, "--version"))
        {
          fm_cli_outf ("factmark-cli %s\n", PACKAGE_VERSION);
          return 0;
        }
      else if (g_str_equal (arg, "--db"))
        {
          if (i + 1 >= argc)
            {
              fm_cli_fail ("%s", _("--db needs a path (see --help)"));
              return EXIT_USAGE;
            }
          g_free (db_path);
          db_path = g_strdup (argv[++i]);
        }
      else if (g_str_has_prefix (arg, "--db="))
        {
          g_free (db_path);
          db_path = g_strdup (arg + 5);
        }
      else if (arg[0] == '-')
        {
          fm_cli_fail (_("unknown option “%s” (see --help)"), arg);
          return EXIT_USAGE;
        }
      else
        break;
    }

  if (i >= argc)
    {
      print_help (stderr);
      return EXIT_USAGE;
    }

  if (db_path != NULL && *db_path == '\0')
    {
      fm_cli_fail ("%s", _("--db needs a path (see --help)"));
      return EXIT_USAGE;
    }

  for (guint c = 0; c < G_N_ELEMENTS (commands); c++)
    {
      if (g_str_equal (argv[i], commands[c].name))
        {
          int sub_argc = argc - i;
          g_autofree char **sub_argv = g_new0 (char *, sub_argc + 1);
          int status;

          memcpy (sub_argv, argv + i, sizeof (char *) * sub_argc);
          status = commands[c].run (db_path, sub_argc, sub_argv);
          fflush (stdout);
          return status;
        }
    }

  fm_cli_fail (_("unknown command “%s” (see --help)"), argv[i]);
  return EXIT_USAGE;
}
