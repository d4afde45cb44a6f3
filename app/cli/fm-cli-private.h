/* fm-cli-private.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "fm-store.h"
#include "fm-types.h"

G_BEGIN_DECLS

/* Shared by the files of factmark-cli: how a command reads its options,
 * opens the library, prints, and fails. */

#define EXIT_FAIL  1
#define EXIT_USAGE 2

void            fm_cli_outf            (const char      *format,
                                        ...) G_GNUC_PRINTF (1, 2);
void            fm_cli_fail            (const char      *format,
                                        ...) G_GNUC_PRINTF (1, 2);
int             fm_cli_fail_error      (const GError    *error);
int             fm_cli_usage_error     (GOptionContext  *context,
                                        const char      *message);
FmStore        *fm_cli_open_store      (const char      *db_path,
                                        GError         **error);
GOptionContext *fm_cli_command_context (const char      *name,
                                        const char      *args,
                                        const char      *summary,
                                        GOptionEntry    *entries);
gboolean        fm_cli_parse_command   (GOptionContext  *context,
                                        int             *argc,
                                        char          ***argv,
                                        int              min_args,
                                        int              max_args,
                                        int             *status);
void            fm_cli_print_json      (JsonBuilder     *b);
void            fm_cli_add_string_or_null (JsonBuilder  *b,
                                           const char   *name,
                                           const char   *value);

gboolean        fm_cli_any_invalid_utf8 (const char * const *strs,
                                         guint               n);
const char     *fm_cli_kind_options_problem (FmKind     kind,
                                             gboolean   figure_options,
                                             gboolean   source_options,
                                             gboolean   has_verdict,
                                             FmVerdict  verdict);
gboolean        fm_cli_parse_value     (const char      *str,
                                        double          *value);

/* fm-cli-edit.c */
int             fm_cli_edit            (const char      *db_path,
                                        int              argc,
                                        char           **argv);

/* fm-cli-sources.c */
int             fm_cli_sources         (const char      *db_path,
                                        int              argc,
                                        char           **argv);
int             fm_cli_source          (const char      *db_path,
                                        int              argc,
                                        char           **argv);
int             fm_cli_merge_sources   (const char      *db_path,
                                        int              argc,
                                        char           **argv);
int             fm_cli_rename_source   (const char      *db_path,
                                        int              argc,
                                        char           **argv);
int             fm_cli_split_source    (const char      *db_path,
                                        int              argc,
                                        char           **argv);
int             fm_cli_link            (const char      *db_path,
                                        int              argc,
                                        char           **argv);
int             fm_cli_unlink          (const char      *db_path,
                                        int              argc,
                                        char           **argv);

/* fm-cli-facts.c */
int             fm_cli_facts           (const char      *db_path,
                                        int              argc,
                                        char           **argv);

/* fm-cli-figures.c */
int             fm_cli_figures         (const char      *db_path,
                                        int              argc,
                                        char           **argv);

/* fm-cli-desk.c */
int             fm_cli_desk            (const char      *db_path,
                                        int              argc,
                                        char           **argv);
int             fm_cli_sync            (const char      *db_path,
                                        int              argc,
                                        char           **argv);
int             fm_cli_conflicts       (const char      *db_path,
                                        int              argc,
                                        char           **argv);
int             fm_cli_resolve         (const char      *db_path,
                                        int              argc,
                                        char           **argv);

G_END_DECLS
