/* fm-cli-sources.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "fm-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "fm-cli-private.h"
#include "fm-facts.h"
#include "fm-sources.h"
#include "fm-text.h"
#include "fm-tracked.h"

/* factmark-cli sources, source, merge-sources, rename-source,
 * split-source, link and unlink: the library's sources and tracked claims. */

static void
add_int (JsonBuilder *b,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

static void
build_tally (JsonBuilder     *b,
             FmLibrarySource *source)
{
  json_builder_set_member_name (b, "verdicts");
  json_builder_begin_object (b);
  for (FmVerdict v = FM_VERDICT_UNVERIFIED; v < FM_N_VERDICTS; v++)
    {
      guint n = fm_library_source_get_tally (source, v);

      if (n > 0)
        add_int (b, fm_verdict_to_string (v), n);
    }
  json_builder_end_object (b);
}

static void
build_source_members (JsonBuilder     *b,
                      FmLibrarySource *source)
{
  fm_cli_add_string_or_null (b, "name", fm_library_source_get_name (source));
  fm_cli_add_string_or_null (b, "key", fm_library_source_get_key (source));
  fm_cli_add_string_or_null (b, "type", fm_source_type_to_string (fm_library_source_get_source_type (source)));
  json_builder_set_member_name (b, "aliases");
  json_builder_begin_array (b);
  for (const char * const *a = fm_library_source_get_alias_list (source); *a; a++)
    json_builder_add_string_value (b, *a);
  json_builder_end_array (b);
  add_int (b, "mentions", fm_library_source_get_n_mentions (source));
  add_int (b, "articles", fm_library_source_get_n_articles (source));
  add_int (b, "claims", fm_library_source_get_n_claims (source));
  build_tally (b, source);
}

static void
build_source (JsonBuilder     *b,
              FmLibrarySource *source)
{
  json_builder_begin_object (b);
  build_source_members (b, source);
  json_builder_end_object (b);
}

static void
print_source_line (FmLibrarySource *source)
{
  g_autofree char *record = fm_library_source_dup_record (source);
  const char *aliases = fm_library_source_get_aliases (source);

  guint mentions = fm_library_source_get_n_mentions (source);
  guint articles = fm_library_source_get_n_articles (source);
  guint claims = fm_library_source_get_n_claims (source);

  fm_cli_outf ("%s — ", fm_library_source_get_name (source));
  /* Translators: how often a library source is cited, in factmark-cli sources. */
  fm_cli_outf (g_dngettext (GETTEXT_PACKAGE, "%u mention", "%u mentions", mentions), mentions);
  fm_cli_outf (" ");
  /* Translators: follows "N mentions" in factmark-cli sources. */
  fm_cli_outf (g_dngettext (GETTEXT_PACKAGE, "in %u article", "in %u articles", articles), articles);
  fm_cli_outf (", ");
  /* Translators: the claims and figures attributed to a library source. */
  fm_cli_outf (g_dngettext (GETTEXT_PACKAGE, "%u claim", "%u claims", claims), claims);
  if (*record)
    fm_cli_outf (" (%s)", record);
  if (*aliases)
    /* Translators: the other names a source is written as. */
    fm_cli_outf (_("; also “%s”"), aliases);
  fm_cli_outf ("\n");
}

static void
print_merges (GPtrArray *merges,
              gboolean   json)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < merges->len; i++)
    {
      FmSourceMerge *m = g_ptr_array_index (merges, i);

      if (!json)
        {
          /* Translators: a proposed merge: into, from, and why. */
          fm_cli_outf (_("“%s” ← “%s” (%s)\n"), m->name, m->other_name,
                       fm_source_merge_reason_to_label (m->reason));
          continue;
        }
      json_builder_begin_object (b);
      fm_cli_add_string_or_null (b, "into", m->name);
      fm_cli_add_string_or_null (b, "from", m->other_name);
      fm_cli_add_string_or_null (b, "reason", m->reason == FM_SOURCE_MERGE_ACRONYM ? "acronym"
                               : m->reason == FM_SOURCE_MERGE_SURNAME ? "surname" : "same-name");
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
  if (json)
    fm_cli_print_json (b);
  else if (merges->len == 0)
    fm_cli_outf ("%s\n", _("No sources look like the same one."));
}

static void
print_sources (GPtrArray *sources,
               gboolean   json)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  json_builder_begin_array (b);
  for (guint i = 0; i < sources->len; i++)
    if (json)
      build_source (b, g_ptr_array_index (sources, i));
    else
      print_source_line (g_ptr_array_index (sources, i));
  json_builder_end_array (b);
  if (json)
    fm_cli_print_json (b);
  else if (sources->len == 0)
    fm_cli_outf ("%s\n", _("No sources."));
}

int
fm_cli_sources (const char  *db_path,
                int          argc,
                char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE, proposals = FALSE;
  int status = 0;
  GOptionEntry entries[] = {
    { "proposals", 0, 0, G_OPTION_ARG_NONE, &proposals,
      N_("List the sources that look like one, to merge"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = fm_cli_command_context ("sources", "[--proposals] [--json]",
                                    _("List the library's sources, the most cited first, with "
                                      "the verdicts on what they said."),
                                    entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 0, 0, &status))
    return status;
  if (!(store = fm_cli_open_store (db_path, &error)))
    return fm_cli_fail_error (error);
  if (proposals)
    {
      if (!(list = fm_store_propose_source_merges (store, &error)))
        return fm_cli_fail_error (error);
      print_merges (list, json);
      return 0;
    }
  if (!(list = fm_store_list_library_sources (store, &error)))
    return fm_cli_fail_error (error);
  print_sources (list, json);
  return 0;
}

static void
build_fact_entry (JsonBuilder *b,
                  FmFact      *fact)
{
  FmAnnotation *a = fm_fact_get_annotation (fact);

  json_builder_begin_object (b);
  add_int (b, "annotation", fm_annotation_get_id (a));
  add_int (b, "article", fm_annotation_get_article_id (a));
  fm_cli_add_string_or_null (b, "kind", fm_kind_to_string (fm_annotation_get_kind (a)));
  add_int (b, "start", fm_annotation_get_start (a));
  add_int (b, "end", fm_annotation_get_end (a));
  fm_cli_add_string_or_null (b, "quote", fm_annotation_get_quote (a));
  if (fm_annotation_get_kind (a) != FM_KIND_SOURCE)
    fm_cli_add_string_or_null (b, "verdict", fm_verdict_to_string (fm_annotation_get_verdict (a)));
  fm_cli_add_string_or_null (b, "title", fm_article_get_display_title (fm_fact_get_article (fact)));
  json_builder_end_object (b);
}

static void
print_fact_line (FmFact *fact)
{
  FmAnnotation *a = fm_fact_get_annotation (fact);
  g_autofree char *shown = fm_text_first_line (fm_annotation_get_quote (a), 60);

  fm_cli_outf ("%6" G_GINT64_FORMAT " %-12s “%s” — %s\n", fm_annotation_get_id (a),
               fm_annotation_get_kind (a) == FM_KIND_SOURCE
               ? "" : fm_verdict_to_string (fm_annotation_get_verdict (a)),
               shown, fm_article_get_display_title (fm_fact_get_article (fact)));
}

static void
print_source_page (FmLibrarySource *source,
                   GPtrArray       *mentions,
                   GPtrArray       *claims,
                   gboolean         json)
{
  g_autoptr(JsonBuilder) b = json_builder_new ();

  if (!json)
    {
      print_source_line (source);
      fm_cli_outf ("\n%s\n", _("Mentions:"));
      for (guint i = 0; i < mentions->len; i++)
        print_fact_line (g_ptr_array_index (mentions, i));
      fm_cli_outf ("\n%s\n", _("Claims and figures:"));
      for (guint i = 0; i < claims->len; i++)
        print_fact_line (g_ptr_array_index (claims, i));
      return;
    }
  json_builder_begin_object (b);
  build_source_members (b, source);
  json_builder_set_member_name (b, "citations");
  json_builder_begin_array (b);
  for (guint i = 0; i < mentions->len; i++)
    build_fact_entry (b, g_ptr_array_index (mentions, i));
  json_builder_end_array (b);
  json_builder_set_member_name (b, "facts");
  json_builder_begin_array (b);
  for (guint i = 0; i < claims->len; i++)
    build_fact_entry (b, g_ptr_array_index (claims, i));
  json_builder_end_array (b);
  json_builder_end_object (b);
  fm_cli_print_json (b);
}

int
fm_cli_source (const char  *db_path,
               int          argc,
               char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmLibrarySource) source = NULL;
  g_autoptr(GPtrArray) mentions = NULL;
  g_autoptr(GPtrArray) claims = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int status = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = fm_cli_command_context ("source", "NAME",
                                    _("Show a source's page: where it is cited, and every claim "
                                      "and figure attributed to it, with its verdict."),
                                    entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 1, 1, &status))
    return status;
  if (!(store = fm_cli_open_store (db_path, &error))
      || !(source = fm_store_get_library_source (store, argv[1], &error))
      || !(mentions = fm_store_list_source_mentions (store, source, 0, &error))
      || !(claims = fm_store_list_source_claims (store, source, 0, &error)))
    return fm_cli_fail_error (error);
  print_source_page (source, mentions, claims, json);
  return 0;
}

static void
print_change (FmSourceChange *change)
{
  /* Translators: after a merge, rename or split in factmark-cli. */
  fm_cli_outf (g_dngettext (GETTEXT_PACKAGE, "%u mention is now “%s”\n",
                            "%u mentions are now “%s”\n",
                            fm_source_change_get_n_mentions (change)),
               fm_source_change_get_n_mentions (change), fm_source_change_get_name (change));
}

typedef FmSourceChange *(*TwoNameChange) (FmStore     *store,
                                          const char  *name,
                                          const char  *other_name,
                                          GError     **error);

/* merge-sources and rename-source: two names, one change to the library. */
static int
run_two_name_change (const char    *db_path,
                     int            argc,
                     char         **argv,
                     const char    *command,
                     const char    *args,
                     const char    *summary,
                     TwoNameChange  change_func)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmSourceChange) change = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  GOptionEntry entries[] = { { NULL } };

  context = fm_cli_command_context (command, args, summary, entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 2, 2, &status))
    return status;
  if (fm_cli_any_invalid_utf8 ((const char * const *) argv + 1, 2))
    return fm_cli_usage_error (context, _("the names must be UTF-8 text"));
  if (!(store = fm_cli_open_store (db_path, &error))
      || !(change = change_func (store, argv[1], argv[2], &error)))
    return fm_cli_fail_error (error);
  print_change (change);
  return 0;
}

int
fm_cli_merge_sources (const char  *db_path,
                      int          argc,
                      char       **argv)
{
  return run_two_name_change (db_path, argc, argv, "merge-sources", "INTO FROM",
                              _("Make the source FROM part of the source INTO, under "
                                "INTO's name. Each mention keeps its own span and name."),
                              fm_store_merge_sources);
}

int
fm_cli_rename_source (const char  *db_path,
                      int          argc,
                      char       **argv)
{
  return run_two_name_change (db_path, argc, argv, "rename-source", "NAME NEW-NAME",
                              _("Give a source a new name in the library; a source "
                                "already called NEW-NAME becomes one with it."),
                              fm_store_rename_source);
}

/* Reads the mentions to split off, each one a source annotation. */
static GArray *
lookup_mentions (FmStore  *store,
                 char    **refs,
                 int       n,
                 GError  **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (int i = 0; i < n; i++)
    {
      g_autoptr(FmAnnotation) a = fm_store_lookup_annotation (store, refs[i], error);
      gint64 id;

      if (a == NULL)
        return NULL;
      if (fm_annotation_get_kind (a) != FM_KIND_SOURCE)
        {
          g_set_error (error, FM_ERROR, FM_ERROR_INVALID, _("%s is not a source"), refs[i]);
          return NULL;
        }
      id = fm_annotation_get_id (a);
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

int
fm_cli_split_source (const char  *db_path,
                     int          argc,
                     char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmSourceChange) change = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  GOptionEntry entries[] = { { NULL } };

  context = fm_cli_command_context ("split-source", "NEW-NAME ANNOTATION...",
                                    _("Give the source annotations listed a library source of "
                                      "their own, called NEW-NAME."),
                                    entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 2, -1, &status))
    return status;
  if (fm_cli_any_invalid_utf8 ((const char * const *) argv + 1, 1))
    return fm_cli_usage_error (context, _("the name must be UTF-8 text"));
  if (!(store = fm_cli_open_store (db_path, &error))
      || !(ids = lookup_mentions (store, argv + 2, argc - 2, &error))
      || !(change = fm_store_split_source (store, ids, argv[1], &error)))
    return fm_cli_fail_error (error);
  print_change (change);
  return 0;
}

int
fm_cli_link (const char  *db_path,
             int          argc,
             char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmAnnotation) a = NULL;
  g_autoptr(FmAnnotation) b = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  GOptionEntry entries[] = { { NULL } };

  context = fm_cli_command_context ("link", "ANNOTATION ANNOTATION",
                                    _("Link two claims that say the same thing into one tracked "
                                      "claim, whose verdict, note and evidence they share. The "
                                      "first one's verdict is kept, unless only the second has "
                                      "one."),
                                    entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 2, 2, &status))
    return status;
  if (!(store = fm_cli_open_store (db_path, &error))
      || !(a = fm_store_lookup_annotation (store, argv[1], &error))
      || !(b = fm_store_lookup_annotation (store, argv[2], &error))
      || !fm_store_link_claims (store, fm_annotation_get_id (a), fm_annotation_get_id (b),
                                &error))
    return fm_cli_fail_error (error);
  return 0;
}

int
fm_cli_unlink (const char  *db_path,
               int          argc,
               char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmAnnotation) a = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;
  GOptionEntry entries[] = { { NULL } };

  context = fm_cli_command_context ("unlink", "ANNOTATION",
                                    _("Take a claim out of its tracked claim; it keeps its "
                                      "verdict, note and evidence as they are."),
                                    entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 1, 1, &status))
    return status;
  if (!(store = fm_cli_open_store (db_path, &error))
      || !(a = fm_store_lookup_annotation (store, argv[1], &error))
      || !fm_store_unlink_claim (store, fm_annotation_get_id (a), &error))
    return fm_cli_fail_error (error);
  return 0;
}
