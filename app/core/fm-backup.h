/* fm-backup.h
 *
 * Copyright 2026 The Factmark developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How many daily backups are kept unless the caller says otherwise. */
#define FM_BACKUP_KEEP 7

/* The folder, beside the library, that holds its backups. */
#define FM_BACKUP_DIR_NAME "backups"

char     *fm_backup_dup_dir       (const char  *db_path);
char     *fm_backup_dup_path      (const char  *db_path,
                                   GDateTime   *date);
gboolean  fm_backup_run_if_due    (const char  *db_path,
                                   GDateTime   *now,
                                   guint        keep,
                                   GError     **error);

G_END_DECLS
