/* fm-cli-desk.c
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "factmark-cli"

#include "config.h"

#include <glib/gi18n.h>
#include <glib-unix.h>
#include <signal.h>
#include <stdio.h>

#include "fm-cli-private.h"
#include "fm-desk.h"
#include "fm-desk-sync.h"
#include "fm-types.h"

/* The desk commands: set up a server, join a library to it, sync, and
 * settle what a sync could not. */

static const char * const issue_kinds[] = { "conflict", "refused", "kept" };

static void
print_stats (const FmDeskStats *stats)
{
  fm_cli_outf (_("pushed %u, pulled %u, conflicts %u\n"),
               stats->pushed, stats->pulled, stats->conflicts);
  if (stats->refused > 0 || stats->kept > 0)
    fm_cli_outf (_("refused %u, kept over a delete %u (see “factmark-cli conflicts”)\n"),
                 stats->refused, stats->kept);
}

static int
desk_init (int    argc,
           char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  context = fm_cli_command_context ("desk init", "URL",
                                    _("Create the desk's tables, roles and rules on a PostgreSQL "
                                      "server, or bring them up to this version. Needs the "
                                      "database's owner."),
                                    NULL);
  if (!fm_cli_parse_command (context, &argc, &argv, 1, 1, &status))
    return status;
  if (!fm_desk_init (argv[1], &error))
    return fm_cli_fail_error (error);
  fm_cli_outf (_("The desk is ready (schema %d)\n"), FM_DESK_SCHEMA_VERSION);
  return 0;
}

static int
desk_join (const char  *db_path,
           int          argc,
           char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmDeskInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  FmDeskStats stats = { 0 };
  int status = 0;

  context = fm_cli_command_context ("desk join", "URL",
                                    _("Join this library to a desk: everything in it is pushed, "
                                      "and what the desk holds is pulled."),
                                    NULL);
  if (!fm_cli_parse_command (context, &argc, &argv, 1, 1, &status))
    return status;
  if (!(store = fm_cli_open_store (db_path, &error)))
    return fm_cli_fail_error (error);
  if (!fm_desk_join (store, argv[1], &stats, &error))
    return fm_cli_fail_error (error);
  info = fm_store_desk_get_info (store, NULL);
  if (info != NULL)
    fm_cli_outf (_("Joined as %s (%s)\n"), info->user_name, info->role);
  print_stats (&stats);
  return 0;
}

static int
desk_add_person (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *role = NULL;
  FmDeskServer *server;
  int status = 0;
  gboolean ok;
  GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role, N_("reporter or editor"), "ROLE" },
    { NULL }
  };

  context = fm_cli_command_context ("desk add-person", "URL NAME --role ROLE",
                                    _("Let a PostgreSQL login work on the desk as a reporter or "
                                      "an editor, creating the login if it is new."),
                                    entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 2, 2, &status))
    return status;
  if (role == NULL)
    return fm_cli_usage_error (context, _("--role is needed"));
  if (!(server = fm_desk_server_connect (argv[1], &error)))
    return fm_cli_fail_error (error);
  ok = fm_desk_server_add_person (server, argv[2], role, &error);
  fm_desk_server_free (server);
  if (!ok)
    return fm_cli_fail_error (error);
  return 0;
}

static int
desk_status (const char  *db_path,
             int          argc,
             char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmDeskInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  context = fm_cli_command_context ("desk status", "",
                                    _("Show the desk this library is joined to."), NULL);
  if (!fm_cli_parse_command (context, &argc, &argv, 0, 0, &status))
    return status;
  if (!(store = fm_cli_open_store (db_path, &error)))
    return fm_cli_fail_error (error);
  if (!(info = fm_store_desk_get_info (store, &error)))
    return fm_cli_fail_error (error);
  fm_cli_outf (_("Desk: %s\nAs: %s (%s)\nWaiting to push: %u\nTo settle: %u\n"),
               info->url, info->user_name ? info->user_name : "?",
               info->role ? info->role : "?", info->waiting, info->issues);
  return 0;
}

int
fm_cli_desk (const char  *db_path,
             int          argc,
             char       **argv)
{
  const char *sub = argc > 1 ? argv[1] : NULL;

  if (g_strcmp0 (sub, "init") == 0)
    return desk_init (argc - 1, argv + 1);
  if (g_strcmp0 (sub, "join") == 0)
    return desk_join (db_path, argc - 1, argv + 1);
  if (g_strcmp0 (sub, "add-person") == 0)
    return desk_add_person (argc - 1, argv + 1);
  if (g_strcmp0 (sub, "status") == 0)
    return desk_status (db_path, argc - 1, argv + 1);
  if (sub == NULL)
    fm_cli_fail ("%s", _("desk needs init, join, add-person or status (see --help)"));
  else
    fm_cli_fail (_("unknown desk command “%s”: init, join, add-person or status"), sub);
  return EXIT_USAGE;
}

static void
watch_pulled_cb (FmDeskSync *sync,
                 guint       count)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");

  fm_cli_outf (_("%s pulled %u\n"), time, count);
  fflush (stdout);
}

static void
watch_status_cb (FmDeskSync *sync)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = g_date_time_format (now, "%H:%M:%S");
  const char *message = fm_desk_sync_get_message (sync);

  fm_cli_outf ("%s %s%s%s\n", time, fm_desk_sync_get_summary (sync), message ? ": " : "",
               message ? message : "");
  fflush (stdout);
}

static gboolean
watch_library_cb (gpointer data)
{
  fm_store_check_external_change (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
watch_quit_cb (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

/* Keeps syncing until interrupted, as the window does: changes made to the
 * library by anyone are pushed within a moment, and the desk's arrive as
 * soon as it announces them. */
static int
watch (FmStore *store)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(FmDeskSync) sync = fm_desk_sync_new (fm_store_get_path (store));
  guint timer;

  g_signal_connect (sync, "pulled", G_CALLBACK (watch_pulled_cb), NULL);
  g_signal_connect (sync, "notify::summary", G_CALLBACK (watch_status_cb), NULL);
  g_signal_connect_swapped (store, "changed-externally", G_CALLBACK (fm_desk_sync_kick), sync);
  /* PRAGMA data_version tells, cheaply, that another program committed. */
  timer = g_timeout_add (50, watch_library_cb, store);
  g_unix_signal_add (SIGINT, watch_quit_cb, loop);
  g_unix_signal_add (SIGTERM, watch_quit_cb, loop);
  g_main_loop_run (loop);
  g_source_remove (timer);
  fm_desk_sync_stop (sync);
  return 0;
}

int
fm_cli_sync (const char  *db_path,
             int          argc,
             char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(GError) error = NULL;
  FmDeskStats stats = { 0 };
  gboolean keep_watching = FALSE;
  int status = 0;
  GOptionEntry entries[] = {
    { "watch", 0, 0, G_OPTION_ARG_NONE, &keep_watching,
      N_("Keep syncing, as changes happen, until interrupted"), NULL },
    { NULL }
  };

  context = fm_cli_command_context ("sync", "[--watch]",
                                    _("Push this library's changes to its desk and pull everyone "
                                      "else's. Without the server, nothing is lost: the changes "
                                      "wait."),
                                    entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 0, 0, &status))
    return status;
  if (!(store = fm_cli_open_store (db_path, &error)))
    return fm_cli_fail_error (error);
  if (keep_watching)
    {
      g_autoptr(FmDeskInfo) info = fm_store_desk_get_info (store, &error);

      return info != NULL ? watch (store) : fm_cli_fail_error (error);
    }
  if (!fm_desk_sync (store, NULL, &stats, &error))
    return fm_cli_fail_error (error);
  print_stats (&stats);
  return 0;
}

static void
add_json_text (JsonBuilder *b,
               const char  *name,
               const char  *json)
{
  g_autoptr(JsonNode) node = json ? json_from_string (json, NULL) : NULL;

  json_builder_set_member_name (b, name);
  if (node != NULL)
    json_builder_add_value (b, g_steal_pointer (&node));
  else
    json_builder_add_null_value (b);
}

static void
add_string (JsonBuilder *b,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (b, name);
  if (value != NULL && *value != '\0')
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
build_issue (JsonBuilder *b,
             FmDeskIssue *issue)
{
  json_builder_begin_object (b);
  add_string (b, "annotation", issue->uuid);
  add_string (b, "entity", issue->entity == FM_DESK_ENTITY_ARTICLE ? "article" : "annotation");
  add_string (b, "kind", issue_kinds[issue->kind]);
  add_string (b, "field", issue->field);
  add_json_text (b, "mine", issue->mine);
  add_json_text (b, "theirs", issue->theirs);
  add_string (b, "author", issue->author);
  add_string (b, "reason", issue->reason);
  json_builder_end_object (b);
}

static void
print_issues (GPtrArray *issues,
              gboolean   json)
{
  if (json)
    {
      g_autoptr(JsonBuilder) b = json_builder_new ();

      json_builder_begin_array (b);
      for (guint i = 0; i < issues->len; i++)
        build_issue (b, g_ptr_array_index (issues, i));
      json_builder_end_array (b);
      fm_cli_print_json (b);
      return;
    }
  for (guint i = 0; i < issues->len; i++)
    {
      FmDeskIssue *issue = g_ptr_array_index (issues, i);

      if (issue->kind == FM_DESK_ISSUE_CONFLICT)
        fm_cli_outf (_("%s  %s: mine %s, theirs %s (by %s)\n"), issue->uuid, issue->field,
                     issue->mine, issue->theirs, issue->author ? issue->author : "?");
      else
        fm_cli_outf ("%s  %s: %s\n", issue->uuid, issue_kinds[issue->kind], issue->reason);
    }
}

int
fm_cli_conflicts (const char  *db_path,
                  int          argc,
                  char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(GPtrArray) issues = NULL;
  g_autoptr(GError) error = NULL;
  gboolean json = FALSE;
  int status = 0;
  GOptionEntry entries[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { NULL }
  };

  context = fm_cli_command_context ("conflicts", "[--json]",
                                    _("List what the last syncs could not settle alone: fields "
                                      "changed here and on the desk, refused changes, and "
                                      "deletes that lost to an edit."),
                                    entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 0, 0, &status))
    return status;
  if (!(store = fm_cli_open_store (db_path, &error)))
    return fm_cli_fail_error (error);
  if (!(issues = fm_store_desk_list_issues (store, &error)))
    return fm_cli_fail_error (error);
  print_issues (issues, json);
  return 0;
}

int
fm_cli_resolve (const char  *db_path,
                int          argc,
                char       **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(FmStore) store = NULL;
  g_autoptr(FmAnnotation) annotation = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *keep = NULL;
  const char *uuid;
  int status = 0;
  GOptionEntry entries[] = {
    { "keep", 0, 0, G_OPTION_ARG_STRING, &keep, N_("mine or theirs"), "WHICH" },
    { NULL }
  };

  context = fm_cli_command_context ("resolve", "ANNOTATION --keep mine|theirs",
                                    _("Settle an annotation's conflicts: keep this library's "
                                      "values (they are pushed at the next sync) or the desk's."),
                                    entries);
  if (!fm_cli_parse_command (context, &argc, &argv, 1, 1, &status))
    return status;
  if (g_strcmp0 (keep, "mine") != 0 && g_strcmp0 (keep, "theirs") != 0)
    return fm_cli_usage_error (context, _("--keep must be “mine” or “theirs”"));
  if (!(store = fm_cli_open_store (db_path, &error)))
    return fm_cli_fail_error (error);
  /* A deleted annotation can still have something to settle, by uuid. */
  annotation = fm_store_lookup_annotation (store, argv[1], NULL);
  uuid = annotation ? fm_annotation_get_uuid (annotation) : argv[1];
  if (!fm_store_desk_resolve (store, uuid, g_str_equal (keep, "mine"), &error))
    return fm_cli_fail_error (error);
  return 0;
}
